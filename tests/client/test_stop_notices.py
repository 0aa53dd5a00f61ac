"""Issue 16: a stop (停发), a procedure ended (终止) and a reduction (减发) of support issue a PDF notice
like the refusal notice: the decision, its reasons, and the rights to 行政复议 and 诉讼 with the body
and the last days; an increase issues none. Three languages, real glyphs, one page."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from portal.domain.calendar import shanghai_date
from portal.extensions import db
from portal.models import Event
from portal.models.issued import IssuedDocument
from portal.tracking.transitions import perform
from tests.client.test_appeals import WORDS, _day, _last, flat
from tests.client.test_receipts_pdf import assert_real_glyphs, page_count, pdf_text
from tests.factories import create_account, create_application, sign_in
from tests.helpers.pages import get_page

OFFICE = "44030506"  # 南山区
NOW = datetime.now(timezone.utc)
TITLES = {
    "zh_Hans": {"stop": "停发救助告知书", "reduction": "减发救助告知书", "terminate": "终止审核确认告知书",
                "reasons": "理由", "before": "原金额", "after": "调整后金额"},
    "zh_Hant": {"stop": "停發救助告知書", "reduction": "減發救助告知書", "terminate": "終止審核確認告知書",
                "reasons": "理由", "before": "原金額", "after": "調整後金額"},
    "en": {"stop": "Notice of stopping assistance", "reduction": "Notice of reduced assistance",
           "terminate": "Notice of termination of the procedure", "reasons": "Reasons",
           "before": "Amount until now", "after": "New amount"},
}


def _notices(application, kind):
    return list(db.session.scalars(db.select(IssuedDocument).where(
        IssuedDocument.application_id == application.id, IssuedDocument.kind == kind)))


def _assert_rights(text: str, language: str, issued_at) -> None:
    last = _last(shanghai_date(issued_at))
    for phrase in (WORDS[language]["body"], WORDS[language]["court"]):
        assert flat(phrase) in text, phrase
    for day in (last.reconsideration, last.litigation):
        assert flat(_day(language, day)).replace(",", "") in text.replace(",", ""), (language, day)


def _month_after(now) -> str:
    return f"{now.year + now.month // 12}-{now.month % 12 + 1:02d}"


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant", "en"])
def test_a_stop_issues_a_notice_with_reasons_and_rights(app, language):
    application = create_application(locale=language, request_status="IN_PAYMENT", office_code=OFFICE,
                                     name="黄晓燕")
    perform(application.requests[0], "stop", create_account("reviewer"), {"reason": "家庭人均收入已高于低保标准"},
            now=NOW)
    db.session.commit()
    [notice] = _notices(application, "stop_notice")
    assert notice.event.action == "stop" and notice.locale == language
    text = flat(pdf_text(notice.content))
    assert flat(TITLES[language]["stop"]) in text and "家庭人均收入已高于低保标准" in text
    assert flat(TITLES[language]["reasons"]) in text
    _assert_rights(text, language, notice.issued_at)
    assert page_count(notice.content) == 1
    assert_real_glyphs(notice.content, "黄晓燕" + application.reference)


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant", "en"])
def test_a_reduction_issues_a_notice_with_both_amounts_an_increase_none(app, language):
    application = create_application(locale=language, request_status="UNDER_REVIEW", office_code=OFFICE)
    request = application.requests[0]
    db.session.add(Event(application_id=application.id, request_id=request.id, action="approve",
                         from_state="COUNTY_REVIEW", to_state="APPROVED", actor_role="reviewer", at=NOW,
                         data={"amount": "1300"}))
    db.session.commit()
    month = _month_after(NOW)
    perform(request, "adjust_amount", create_account("reviewer"),
            {"reason": "女儿开始按月寄生活费", "amount": "800", "start_month": month}, now=NOW)
    db.session.commit()
    [notice] = _notices(application, "reduction_notice")
    text = flat(pdf_text(notice.content))
    assert flat(TITLES[language]["reduction"]) in text and "女儿开始按月寄生活费" in text
    assert flat(TITLES[language]["before"]) in text and flat(TITLES[language]["after"]) in text
    assert "1,300" in text and "800" in text
    _assert_rights(text, language, notice.issued_at)
    assert page_count(notice.content) == 1

    perform(request, "schedule_review", create_account("caseworker", office_code=OFFICE), {"trigger": "periodic"},
            now=NOW)
    perform(request, "adjust_amount", create_account("reviewer"),
            {"reason": "医疗支出增加", "amount": "900", "start_month": month}, now=NOW)
    db.session.commit()
    assert len(_notices(application, "reduction_notice")) == 1  # an increase issues no notice


def test_a_procedure_ended_has_its_own_title_and_the_rights(app):
    application = create_application(locale="zh_Hans", request_status="INVESTIGATING", office_code=OFFICE)
    perform(application.requests[0], "terminate", create_account("caseworker", office_code=OFFICE),
            {"reason": "经三次通知仍拒不配合入户调查"}, now=NOW)
    db.session.commit()
    [notice] = _notices(application, "stop_notice")
    text = flat(pdf_text(notice.content))
    assert flat(TITLES["zh_Hans"]["terminate"]) in text and "经三次通知仍拒不配合入户调查" in text
    _assert_rights(text, "zh_Hans", notice.issued_at)


def test_the_resident_downloads_the_stop_notice_from_the_timeline(app, client):
    resident = create_account("resident")
    application = create_application(resident, request_status="IN_PAYMENT", office_code=OFFICE)
    perform(application.requests[0], "stop", create_account("reviewer"), {"reason": "已迁出本市"}, now=NOW)
    db.session.commit()
    [notice] = _notices(application, "stop_notice")
    sign_in(client, resident)
    page = get_page(client, f"/my/applications/{application.reference}")
    href = f"/applications/{application.reference}/notices/{notice.id}.pdf"
    assert page.find("a", href=href) is not None
    response = client.get(href)
    assert response.status_code == 200 and response.data == notice.content
    other = app.test_client()
    sign_in(other, create_account("resident"))
    assert other.get(href).status_code == 404


@pytest.mark.parametrize("language, title, continues", [
    ("zh_Hans", "渐退救助告知书", "将继续发放至"), ("zh_Hant", "漸退救助告知書", "將繼續發放至"),
    ("en", "Notice of phasing out assistance", "continues until")])
def test_a_phase_out_issues_a_notice_with_the_last_month_and_the_rights(app, language, title, continues):
    application = create_application(locale=language, request_status="IN_PAYMENT", office_code=OFFICE)
    request = application.requests[0]
    perform(request, "phase_out", create_account("reviewer"),
            {"reason": "本人已就业，收入超过低保标准", "end_month": _month_after(NOW)}, now=NOW)
    db.session.commit()
    [notice] = _notices(application, "stop_notice")
    assert notice.event.action == "phase_out" and request.phase_out_ends_on is not None
    text = flat(pdf_text(notice.content))
    assert flat(title) in text and flat(continues) in text and "本人已就业" in text
    _assert_rights(text, language, notice.issued_at)
    assert page_count(notice.content) == 1
