"""Issue 16 part 5: every refusal names the body for 行政复议 and the court with the last days,
and the resident may ask the office to look again ("我有异议"); the office answers in the timeline."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from portal.calendar_notices import work_calendar
from portal.domain import appeals as rules
from portal.domain.calendar import shanghai_date
from portal.extensions import db
from portal.models import Event
from portal.tracking.transitions import perform
from tests.client.test_receipts_pdf import pdf_text
from tests.factories import create_account, create_application, sign_in
from tests.helpers.pages import csrf_token, errors_of, get_page, page_of

OFFICE = "44030506"  # 南山区
NOW = datetime.now(timezone.utc)  # recent: the objection is open only while the reconsideration period runs
WORDS = {
    "zh_Hans": {"body": "深圳市南山区人民政府", "court": "深圳市南山区人民法院", "date": "{y}年{m}月{d}日",
                "link": "我有异议：请街道办重新审查", "empty": "请说明您对哪些内容有异议",
                "asked": "您请街道办重新审查", "answered": "街道办答复了您的重新审查请求"},
    "zh_Hant": {"body": "深圳市南山區人民政府", "court": "深圳市南山區人民法院", "date": "{y}年{m}月{d}日",
                "link": "我有異議：請街道辦重新審查", "empty": "請說明您對哪些內容有異議",
                "asked": "您請街道辦重新審查", "answered": "街道辦答覆了您的重新審查請求"},
    "en": {"body": "Nanshan District People's Government", "court": "Nanshan District People's Court",
           "link": "I disagree: ask the office to look again",
           "empty": "Say what you disagree with", "asked": "You asked the office to look again",
           "answered": "The office answered your request to look again"},
}


def flat(text: str) -> str:
    return re.sub(r"\s", "", text)


def _day(language, day) -> str:
    if language == "en":  # the portal's own date format (Babel's medium date)
        from flask import current_app
        from flask_babel import force_locale

        from portal.filters import date_local

        with current_app.test_request_context("/"), force_locale("en"):
            return date_local(day)
    return WORDS[language]["date"].format(y=day.year, m=day.month, d=day.day)


def _refused(language, resident=None):
    application = create_application(resident, locale=language, request_status="COUNTY_REVIEW", office_code=OFFICE)
    perform(application.requests[0], "reject", create_account("reviewer"), {"reason": "家庭人均收入高于低保标准"},
            now=NOW)
    db.session.commit()
    return application


def _last(received):
    return rules.last_days(received, work_calendar())


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant", "en"])
def test_refusal_notice_names_the_bodies_and_the_last_days(app, language):
    from portal.models.issued import IssuedDocument

    application = _refused(language)
    notice = db.session.scalars(db.select(IssuedDocument).where(
        IssuedDocument.application_id == application.id, IssuedDocument.kind == "refusal_notice")).one()
    text = flat(pdf_text(notice.content))
    last = _last(shanghai_date(notice.issued_at))
    for phrase in (WORDS[language]["body"], WORDS[language]["court"]):
        assert flat(phrase) in text, phrase
    for day in (last.reconsideration, last.litigation):
        assert flat(_day(language, day)).replace(",", "") in text.replace(",", ""), (language, day)


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant", "en"])
def test_objection_from_the_status_page_and_the_office_answer(client, app, language):
    words = WORDS[language]
    resident = create_account("resident")
    application = _refused(language, resident)
    sign_in(client, resident)
    client.get(f"/language/{language}")
    reference = application.reference
    page = get_page(client, f"/my/applications/{reference}")
    block = page.select_one(".appeal")
    assert block is not None
    event = db.session.scalars(db.select(Event).where(Event.action == "reject")).one()
    last = _last(shanghai_date(event.at))
    text = flat(block.get_text()).replace(",", "")
    assert flat(words["body"]) in text and flat(words["court"]) in text
    assert flat(_day(language, last.reconsideration)).replace(",", "") in text
    assert flat(_day(language, last.litigation)).replace(",", "") in text
    link = page.find("a", string=words["link"])
    url = f"/my/applications/{reference}/requests/{application.requests[0].id}/objection"
    assert link["href"] == url

    form = get_page(client, url)
    refused = page_of(client.post(url, data={"csrf_token": csrf_token(form), "reason": "  "}), 200)
    assert errors_of(refused) == [words["empty"]]
    reason = "我们的房租没有计入 <b>"
    sent = client.post(url, data={"csrf_token": csrf_token(form), "reason": reason})
    assert sent.status_code == 302
    asked = db.session.scalars(db.select(Event).where(Event.action == "ask_review")).one()
    assert asked.reason == reason and asked.actor_account_id == resident.id and asked.to_state == "REJECTED"
    page = get_page(client, f"/my/applications/{reference}")
    assert page.find("a", string=words["link"]) is None  # one at a time
    assert words["asked"] in page.get_text() and reason in page.get_text()
    assert client.get(url).status_code == 302

    office = app.test_client()
    sign_in(office, create_account("caseworker", office_code=OFFICE))
    office.get(f"/language/{language}")
    listed = get_page(office, "/office").select_one(".objections")
    assert listed is not None and listed.find("a", string=reference) is not None  # a closed request, listed apart
    case = get_page(office, f"/office/cases/{reference}")
    assert reason in case.get_text()
    answer_url = f"/office/requests/{application.requests[0].id}/objection"
    assert case.find("a", href=answer_url) is not None
    answer_form = get_page(office, answer_url)
    empty = page_of(office.post(answer_url, data={"csrf_token": csrf_token(answer_form), "reply": ""}), 200)
    assert len(errors_of(empty)) == 1
    reply = "已重新核对房租，维持原决定"
    assert office.post(answer_url, data={"csrf_token": csrf_token(answer_form), "reply": reply}).status_code == 302
    answered = db.session.scalars(db.select(Event).where(Event.action == "answer_review")).one()
    assert answered.reason == reply and answered.actor_role == "caseworker"
    assert get_page(office, f"/office/cases/{reference}").find("a", href=answer_url) is None
    assert get_page(office, "/office").select_one(".objections") is None

    page = get_page(client, f"/my/applications/{reference}")
    assert words["answered"] in page.get_text() and reply in page.get_text()


def test_nobody_else_may_object_or_answer(client, app):
    resident = create_account("resident")
    application = _refused("zh_Hans", resident)
    other = app.test_client()
    sign_in(other, create_account("resident"))
    url = f"/my/applications/{application.reference}/requests/{application.requests[0].id}/objection"
    assert other.get(url).status_code == 404
    sign_in(client, resident)
    form = get_page(client, url)
    assert client.post(url, data={"csrf_token": csrf_token(form), "reason": "收入算错了"}).status_code == 302
    elsewhere = app.test_client()
    sign_in(elsewhere, create_account("caseworker", office_code="44030301"))
    assert elsewhere.get(f"/office/requests/{application.requests[0].id}/objection").status_code == 403
    assert get_page(elsewhere, "/office").select_one(".objections") is None
    reviewer = app.test_client()
    sign_in(reviewer, create_account("reviewer", district_code="440305"))
    case = get_page(reviewer, f"/office/cases/{application.reference}")
    assert "收入算错了" in case.get_text()  # the district sees it, but answering is the street office's
    assert case.find("a", href=f"/office/requests/{application.requests[0].id}/objection") is None
    assert reviewer.get(f"/office/requests/{application.requests[0].id}/objection").status_code == 403


def test_no_objection_while_the_request_is_undecided(client):
    resident = create_account("resident")
    application = create_application(resident, office_code=OFFICE)
    sign_in(client, resident)
    page = get_page(client, f"/my/applications/{application.reference}")
    assert page.select_one(".appeal") is None
    url = f"/my/applications/{application.reference}/requests/{application.requests[0].id}/objection"
    assert client.get(url).status_code == 302


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant", "en"])
def test_a_stop_names_the_bodies_and_may_be_objected_to(client, language):
    resident = create_account("resident")
    application = create_application(resident, locale=language, request_status="IN_PAYMENT", office_code=OFFICE)
    perform(application.requests[0], "stop", create_account("reviewer"), {"reason": "家庭收入已超过低保标准"}, now=NOW)
    db.session.commit()
    sign_in(client, resident)
    client.get(f"/language/{language}")
    page = get_page(client, f"/my/applications/{application.reference}")
    text = flat(page.select_one(".appeal").get_text()).replace(",", "")
    event = db.session.scalars(db.select(Event).where(Event.action == "stop")).one()
    last = _last(shanghai_date(event.at))
    assert flat(WORDS[language]["body"]) in text and flat(WORDS[language]["court"]) in text
    assert flat(_day(language, last.reconsideration)).replace(",", "") in text
    assert page.find("a", string=WORDS[language]["link"]) is not None


def test_a_reduction_names_the_bodies_an_increase_does_not(client):
    resident = create_account("resident")
    application = create_application(resident, request_status="UNDER_REVIEW", office_code=OFFICE)
    request = application.requests[0]
    db.session.add(Event(application_id=application.id, request_id=request.id, action="approve",
                         from_state="COUNTY_REVIEW", to_state="APPROVED", actor_role="reviewer", at=NOW,
                         data={"amount": "1300"}))
    db.session.commit()
    month = f"{NOW.year + NOW.month // 12}-{NOW.month % 12 + 1:02d}"
    perform(request, "adjust_amount", create_account("reviewer"), {"reason": "收入增加", "amount": "800",
                                                                 "start_month": month}, now=NOW)
    db.session.commit()
    sign_in(client, resident)
    page = get_page(client, f"/my/applications/{application.reference}")
    block = page.select_one(".appeal")
    assert block is not None and WORDS["zh_Hans"]["body"] in block.get_text()
    assert page.find("a", string=WORDS["zh_Hans"]["link"]) is None  # a reduction: 复议 or 诉讼, no "我有异议"

    perform(request, "schedule_review", create_account("caseworker", office_code=OFFICE), {"trigger": "periodic"},
            now=NOW)
    perform(request, "adjust_amount", create_account("reviewer"), {"reason": "支出增加", "amount": "900",
                                                                 "start_month": month}, now=NOW)
    db.session.commit()
    assert get_page(client, f"/my/applications/{application.reference}").select_one(".appeal") is None
