"""Notices from the office's decisions: acceptance, missing materials, refusal, approval."""
from __future__ import annotations

import hashlib
import re
from datetime import datetime, timezone

import pytest

from portal.extensions import db
from portal.models import Account
from portal.models.issued import IssuedDocument
from portal.receipts import service
from portal.tracking.transitions import perform
from tests.client.test_receipts_pdf import (
    assert_real_glyphs,
    page_count,
    pdf_text,
    text_extent,
)
from tests.factories import create_account, create_application, create_contact, sign_in

# A weekday in Shanghai, so that working-day deadlines are ordinary.
NOW = datetime(2026, 9, 28, 2, 0, tzinfo=timezone.utc)
NEXT_MONTH = "2026-10"


def flat(text: str) -> str:
    return re.sub(r"\s", "", text)


def notices(application) -> list[IssuedDocument]:
    return list(db.session.scalars(db.select(IssuedDocument).where(
        IssuedDocument.application_id == application.id, IssuedDocument.kind != "receipt")
        .order_by(IssuedDocument.id)))


def decide(application, action, role="caseworker", **data):
    actor = create_account(role)
    perform(application.requests[0], action, actor, data, now=NOW)
    db.session.commit()
    found = notices(application)
    return found[-1] if found else None


def test_acceptance_notice_states_the_decision_and_its_deadline(app):
    application = create_application(name="陈美玲", locale="zh_Hans")
    notice = decide(application, "accept", close_relative_of_staff=False)
    assert notice.kind == "acceptance_notice" and notice.request_id == application.requests[0].id
    text = flat(pdf_text(notice.content))
    assert "受理通知书" in text and "您的最低生活保障（低保）申请已受理" in text and application.reference in text
    deadline = application.requests[0].deadline_on
    assert f"{deadline.year}年{deadline.month}月{deadline.day}日" in text
    assert "陈美玲" in text and "440305199001011234" not in text and "440***********1234" in text
    assert_real_glyphs(notice.content, "陈美玲受理通知书" + application.reference)


def test_materials_notice_lists_every_item_at_once_and_escapes_them(app):
    application = create_application(locale="zh_Hans")
    long_item = "材" * 150 + "X" * 150  # 300 characters without a space
    items = ["户口簿复印件", "<b>收入证明</b> & 银行流水", long_item, "Payslips", "disability_cert"]
    notice = decide(application, "request_materials", missing_items=items)
    assert notice.kind == "materials_notice"
    text = flat(pdf_text(notice.content))
    assert "户口簿复印件" in text and "<b>收入证明</b>&银行流水" in text and long_item in text
    # Words are printed as the office wrote them; a document code as its name.
    assert "Payslips" in text and "disability_cert" not in text and "残疾" in text
    assert page_count(notice.content) == 1
    left, right, width = text_extent(notice.content)
    assert left > 0 and right <= width - 14 * 72 / 25.4 + 1  # nothing runs into the right margin of A4


def test_refusal_notice_carries_written_reasons_and_appeal_rights_in_each_language(app):
    for locale, expected in {
        "zh_Hans": ("不予确认告知书", "60日内", "6个月内", "行政复议"),
        "zh_Hant": ("不予確認告知書", "60日內", "6個月內", "行政複議"),
        "en": ("Notice of refusal", "within 60 days", "within 6 months", "administrative reconsideration"),
    }.items():
        application = create_application(locale=locale, request_status="COUNTY_REVIEW")
        notice = decide(application, "reject", role="reviewer", reason="家庭人均收入高于低保标准 <script>")
        text = pdf_text(notice.content)
        assert notice.kind == "refusal_notice"
        assert "家庭人均收入高于低保标准 <script>" in text
        for phrase in expected:
            assert phrase.replace(" ", "") in flat(text), (locale, phrase)


def test_notifying_a_refusal_does_not_issue_a_second_notice(app):
    application = create_application(request_status="COUNTY_REVIEW")
    first = decide(application, "reject", role="reviewer", reason="收入超过标准")
    decide(application, "notify_refusal", notice_ref="民字〔2026〕1号")
    assert [n.id for n in notices(application)] == [first.id]


def test_notifying_a_refusal_issued_before_the_portal_issues_its_notice(app, monkeypatch):
    application = create_application(request_status="COUNTY_REVIEW")
    monkeypatch.setattr(service, "notice_pdf", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("down")))
    assert decide(application, "reject", role="reviewer", reason="收入超过标准") is None
    monkeypatch.undo()
    notice = decide(application, "notify_refusal", notice_ref="民字〔2026〕1号")
    assert notice.kind == "refusal_notice" and notice.event.action == "reject"
    assert "收入超过标准" in pdf_text(notice.content)


def test_non_acceptance_has_its_own_title(app):
    application = create_application(locale="en")
    notice = decide(application, "not_accept", reason="The household is registered in Guangzhou.")
    text = pdf_text(notice.content)
    assert "Notice of non-acceptance" in text and "was not accepted" in text
    assert "registered in Guangzhou" in text


def test_approval_notice_shows_amount_and_start_month(app):
    application = create_application(locale="zh_Hans", request_status="COUNTY_REVIEW")
    notice = decide(application, "approve", role="reviewer", amount="1480.00", start_month=NEXT_MONTH,
                    income_irregular=False)
    text = flat(pdf_text(notice.content))
    assert notice.kind == "approval_notice"
    assert "救助确认通知书" in text and "1,480.00" in text and "2026年10月" in text and "每月" in text


def test_approval_notice_in_english_whoever_decides(app):
    """The reviewer's own language does not matter: the resident chose English."""
    application = create_application(locale="en", request_status="COUNTY_REVIEW")
    with app.test_request_context(headers={"Accept-Language": "zh-CN"}):
        notice = decide(application, "approve", role="reviewer", amount="1480", start_month=NEXT_MONTH,
                        income_irregular=False)
    text = pdf_text(notice.content)
    assert "Notice of approval" in text and "October 2026" in text and "a month" in text


def test_decisions_that_issue_no_notice_issue_none(app):
    application = create_application(request_status="ACCEPTED")
    decide(application, "start_investigation")
    assert notices(application) == []


def test_notice_download_access_and_bytes(app, client):
    resident = create_account("resident")
    application = create_application(account=resident)
    notice = decide(application, "accept", close_relative_of_staff=False)
    url = f"/applications/{application.reference}/notices/{notice.id}.pdf"
    assert client.get(url).status_code == 302  # anonymous: sign in first
    sign_in(client, resident)
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert hashlib.sha256(response.data).hexdigest() == notice.sha256
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="acceptance-notice-{application.reference}-{notice.id}.pdf"')
    other = create_application(account=resident)
    for bad in (f"/applications/{other.reference}/notices/{notice.id}.pdf",  # another application's notice
                f"/applications/{application.reference}/notices/999999.pdf",
                f"/applications/{application.reference}/notices/99999999999999999999.pdf",
                f"/applications/{application.reference}/notices/-1.pdf"):
        assert client.get(bad).status_code == 404, bad


def test_notices_of_renders_a_missing_notice_once(app, monkeypatch):
    application = create_application()
    monkeypatch.setattr(service, "notice_pdf", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("down")))
    decide(application, "accept", close_relative_of_staff=False)
    assert notices(application) == []
    monkeypatch.undo()
    listed = service.notices_of(application)
    assert [n.kind for n in listed] == ["acceptance_notice"]
    assert [n.id for n in service.notices_of(application)] == [listed[0].id]


def test_long_office_address_wraps_inside_the_page(app):
    create_contact("44030506", address="深圳市南山区" + "科技园" * 60 + "A" * 120)
    application = create_application(locale="zh_Hans")
    notice = decide(application, "accept", close_relative_of_staff=False)
    assert page_count(notice.content) == 1
    left, right, width = text_extent(notice.content)
    assert left > 0 and right <= width - 14 * 72 / 25.4 + 1


@pytest.mark.parametrize("locale", ["zh_Hans", "zh_Hant", "en"])
def test_every_notice_kind_renders_with_real_glyphs(app, locale):
    application = create_application(locale=locale, types=("dibao",), name="黄晓燕")
    resident = db.session.get(Account, application.account_id)
    for action, data, actor in (("request_materials", {"missing_items": ["户口簿"]}, create_account("caseworker")),
                                ("materials_supplied", {}, resident),
                                ("accept", {"close_relative_of_staff": False}, create_account("caseworker"))):
        perform(application.requests[0], action, actor, data, now=NOW)
        db.session.commit()
    kinds = [n.kind for n in notices(application)]
    assert kinds == ["materials_notice", "acceptance_notice"]
    for notice in notices(application):
        assert notice.locale == locale
        assert_real_glyphs(notice.content, "黄晓燕" + application.reference)
