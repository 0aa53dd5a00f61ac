"""Issue 16 part 5 in Chromium at 375 px, JavaScript on and off, axe-core on every page: a resident
whose request was refused reads where and by when to appeal on the status page, objects ("我有异议")
with a reason, and reads the office's answer in the timeline."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from portal.extensions import db
from portal.models import Event
from tests.browser.conftest import Phone
from tests.browser.test_apply_journey import signed_in
from tests.factories import create_account, create_application

pytestmark = pytest.mark.browser
OFFICE = "44030506"


def test_an_objection_to_a_refusal_from_the_status_page(phone, browser, live_server):
    account_id = signed_in(phone, live_server)
    with live_server.data():
        from portal.models import Account
        from portal.tracking.transitions import perform

        application = create_application(db.session.get(Account, account_id), office_code=OFFICE,
                                         request_status="COUNTY_REVIEW", id_number="440305199003031233")
        perform(application.requests[0], "reject", create_account("reviewer"),
                {"reason": "家庭人均收入高于低保标准"}, now=datetime.now(timezone.utc))
        db.session.commit()
        reference, request_id = application.reference, application.requests[0].id
        caseworker_id = create_account("caseworker", office_code=OFFICE).id

    page = phone.goto(f"/my/applications/{reference}")
    phone.check()
    appeal = page.locator(".appeal")
    assert "深圳市南山区人民政府" in appeal.inner_text() and "深圳市南山区人民法院" in appeal.inner_text()
    page.get_by_role("link", name="我有异议：请街道办重新审查").click()
    phone.check()
    page.get_by_role("button", name="提交给街道办").click()  # nothing written: the error next to the field
    phone.check()
    assert page.locator(".error-summary li").count() == 1
    page.locator("#reason").fill("我们的房租没有计入")
    page.get_by_role("button", name="提交给街道办").click()
    phone.check()
    assert "您已请街道办重新审查" in page.locator(".appeal").inner_text()
    assert page.get_by_role("link", name="我有异议：请街道办重新审查").count() == 0

    office = Phone(browser, live_server.url, javascript=phone.javascript)
    try:
        live_server.sign_in(office.context, caseworker_id)
        case = office.goto(f"/office/cases/{reference}")
        office.check()
        case.get_by_role("link", name="答复异议").click()
        office.check()
        case.locator("#reply").fill("已重新核对房租，维持原决定")
        case.get_by_role("button", name="发送答复").click()
        office.check()
        assert case.get_by_role("link", name="答复异议").count() == 0
    finally:
        office.close()
    with live_server.data():
        events = db.session.scalars(db.select(Event.action).where(Event.request_id == request_id)
                                    .order_by(Event.id)).all()
        assert events[-2:] == ["ask_review", "answer_review"]

    page = phone.goto(f"/my/applications/{reference}")
    phone.check()
    timeline = page.locator(".timeline").inner_text()
    assert "街道办答复了您的重新审查请求" in timeline and "已重新核对房租，维持原决定" in timeline
