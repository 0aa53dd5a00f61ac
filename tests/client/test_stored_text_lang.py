"""Stored text in another language than the page's is marked with its lang.

A caseworker's reason, the documents asked for, a name, a message written in another language:
on the English and Traditional pages each sits in an element with its own ``lang``, so a screen
reader speaks it in the right voice and the browser picks a font for its script. On a page in
the text's own language nothing is added.
"""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from flask_babel import force_locale

from portal.extensions import db
from portal.filters import stored_text, typed_language
from portal.models import Event, Message
from portal.receipts import render
from tests.factories import create_account, create_application, sign_in
from tests.helpers.pages import get_page

REASON = "家庭人均收入超过低保标准"
ITEM = "户口簿首页复印件"


def _lang_of(page, text: str) -> str | None:
    """The lang of the nearest element holding ``text`` that declares one (the <html> at worst)."""
    node = page.find(string=lambda s: s and text in s)
    assert node is not None, f"{text!r} not on the page"
    element = node.parent
    while element is not None and not element.get("lang"):
        element = element.parent
    return element.get("lang") if element is not None else None


def _refused_with_reason(application):
    request = application.requests[0]
    db.session.add(Event(application_id=application.id, request_id=request.id, action="request_materials",
                         from_state="SUBMITTED", to_state="NEEDS_MATERIALS", actor_role="caseworker",
                         at=datetime(2026, 10, 12, 2, 0, tzinfo=timezone.utc), reason=REASON,
                         data={"missing_items": [ITEM, "Payslips"]}, visible_to_resident=True))
    request.status = "NEEDS_MATERIALS"
    db.session.commit()
    return request


@pytest.mark.parametrize("locale, tag", [("en", "en"), ("zh_Hant", "zh-Hant")])
def test_residents_page_marks_the_caseworkers_words(client, locale, tag):
    resident = create_account("resident", locale=locale)
    application = create_application(resident, name="陈美玲")
    _refused_with_reason(application)
    sign_in(client, resident)
    page = get_page(client, f"/my/applications/{application.reference}")
    assert page.html["lang"] == tag
    assert _lang_of(page, REASON) == "zh-Hans"
    assert _lang_of(page, ITEM) == "zh-Hans"
    # Latin words typed by staff are taken as English: marked on the Traditional page only.
    assert _lang_of(page, "Payslips") == "en"
    assert (page.find("span", lang="en", string="Payslips") is None) == (locale == "en")


def test_simplified_page_adds_no_lang_to_simplified_words(client):
    resident = create_account("resident", locale="zh_Hans")
    application = create_application(resident)
    _refused_with_reason(application)
    sign_in(client, resident)
    page = get_page(client, f"/my/applications/{application.reference}")
    assert page.html["lang"] == "zh-Hans"
    assert page.find(id="main").find("span", lang="zh-Hans") is None
    assert _lang_of(page, REASON) == "zh-Hans"  # from <html>


@pytest.mark.parametrize("locale, tag", [("en", "en"), ("zh_Hant", "zh-Hant")])
def test_messages_carry_the_language_they_were_written_in(client, locale, tag):
    resident = create_account("resident", locale=locale)
    for body, written in (("您的申请已受理。", "zh_Hans"), ("Your request was accepted.", "en"),
                          ("您的申請已受理。", "zh_Hant")):
        db.session.add(Message(account_id=resident.id, channel="inapp", kind="status", locale=written, body=body))
    db.session.commit()
    sign_in(client, resident)
    page = get_page(client, "/my/messages")
    assert page.html["lang"] == tag
    assert _lang_of(page, "您的申请已受理。") == "zh-Hans"
    assert _lang_of(page, "Your request was accepted.") == "en"
    assert _lang_of(page, "您的申請已受理。") == "zh-Hant"
    marked = {s["lang"] for s in page.select("ol.messages span[lang]")}
    assert tag not in marked and marked == {"zh-Hans", "zh-Hant", "en"} - {tag}


@pytest.mark.parametrize("locale, tag", [("en", "en"), ("zh_Hant", "zh-Hant")])
def test_case_page_marks_reason_details_and_names(client, locale, tag):
    caseworker = create_account("caseworker", locale=locale, display_name="陈经办")
    application = create_application(name="张伟")
    request = _refused_with_reason(application)
    db.session.add(Event(application_id=application.id, request_id=request.id, action="forward",
                         actor_role="caseworker", actor_account_id=caseworker.id,
                         at=datetime(2026, 10, 13, 2, 0, tzinfo=timezone.utc),
                         data={"to_unit": "南山区医疗保障局", "amount": "1300"}, visible_to_resident=True))
    db.session.commit()
    sign_in(client, caseworker)
    page = get_page(client, f"/office/cases/{application.reference}")
    assert page.html["lang"] == tag
    for text in (REASON, ITEM, "南山区医疗保障局", "张伟", "陈经办"):
        assert _lang_of(page, text) == "zh-Hans", text
    amount = page.find("dd", string="1300")
    assert amount is not None and amount.find("span") is None  # digits say nothing of a language


def test_case_page_in_simplified_marks_nothing(client):
    caseworker = create_account("caseworker", locale="zh_Hans")
    application = create_application(name="张伟")
    _refused_with_reason(application)
    sign_in(client, caseworker)
    page = get_page(client, f"/office/cases/{application.reference}")
    assert page.find(id="main").find("span", lang="zh-Hans") is None
    assert _lang_of(page, REASON) == "zh-Hans"


def test_resident_typed_name_takes_traditional_from_the_journey_language(app):
    with app.test_request_context(), force_locale("en"):
        assert str(stored_text("陳美玲", written_in="zh_Hant")) == '<span lang="zh-Hant">陳美玲</span>'
        assert str(stored_text("陈美玲")) == '<span lang="zh-Hans">陈美玲</span>'
        assert str(stored_text("Li Wei")) == "Li Wei"
        assert str(stored_text("<b>王</b>")) == '<span lang="zh-Hans">&lt;b&gt;王&lt;/b&gt;</span>'
        assert str(stored_text("Office hours", "zh_Hans")) == '<span lang="zh-Hans">Office hours</span>'
        assert str(stored_text("已翻译", None)) == "已翻译"
    assert typed_language("2026-12") is None and typed_language("") is None
    assert typed_language("𠀀") == "zh_Hans"  # CJK Extension B, as in rare name characters


def test_notice_pdf_marks_the_offices_words_in_an_english_notice(app, monkeypatch):
    rendered: list[str] = []
    real = render.render_pdf
    monkeypatch.setattr(render, "render_pdf", lambda html, locale: rendered.append(html) or real(html, locale))
    from portal.tracking.transitions import perform

    application = create_application(name="陈美玲", locale="en")
    perform(application.requests[0], "request_materials", create_account("caseworker"),
            {"missing_items": [ITEM, "Payslips"], "reason": REASON},
            now=datetime(2026, 9, 28, 2, 0, tzinfo=timezone.utc))
    db.session.commit()
    from bs4 import BeautifulSoup

    assert rendered, "no notice rendered"
    page = BeautifulSoup(rendered[-1], "html.parser")
    assert page.html["lang"] == "en"
    assert _lang_of(page, ITEM) == "zh-Hans" and _lang_of(page, "陈美玲") == "zh-Hans"
    assert _lang_of(page, "Payslips") == "en" and page.find("span", lang="en") is None


def test_traditional_timeline_joins_labels_and_values_with_chinese_punctuation(client):
    resident = create_account("resident", locale="zh_Hant")
    application = create_application(resident)
    _refused_with_reason(application)
    sign_in(client, resident)
    page = get_page(client, f"/my/applications/{application.reference}")
    text = page.select_one("section.request").get_text("", strip=True)
    assert f"理由：{REASON}" in text and "要求補充的材料：" in text and "粵海街道，區民政局" in text
    assert ": " not in text and ", " not in text  # an English colon or comma inside Chinese text


def test_staff_history_names_fields_without_the_forms_instructions(client):
    caseworker = create_account("caseworker", locale="zh_Hans")
    application = create_application()
    _refused_with_reason(application)
    sign_in(client, caseworker)
    history = get_page(client, f"/office/cases/{application.reference}").select_one("ol.timeline").get_text(" ")
    assert "要求补充的材料" in history and "每行" not in history
    assert "一次性告知补齐材料：等待补正材料" in history.replace(" ", "").replace("\n", "")


@pytest.mark.parametrize("locale, marked", [("en", True), ("zh_Hant", True), ("zh_Hans", False)])
def test_a_chinese_note_in_a_cited_legal_basis_is_marked(client, locale, marked):
    caseworker = create_account("caseworker", locale=locale)
    request = create_application(types=("dibao",)).requests[0]
    sign_in(client, caseworker)
    page = get_page(client, f"/office/requests/{request.id}/actions/request_materials")
    hint = next(p for p in page.select("main p.hint") if "一次性告知" in p.get_text())
    # Article 10, as the reader's language writes it: 第十条 / 第十條, or "Art. 10" in English.
    assert any(article in hint.get_text() for article in ("第十条", "第十條", "10")) and "S-DB" not in hint.get_text()
    assert (hint.find("span", lang="zh-Hans", string="(一次性告知)") is not None) == marked
