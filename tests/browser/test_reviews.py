"""Issue 16 part 4 in Chromium at 375 px, JavaScript on and off, axe-core on every page: the review
invitation's SMS link opens the review page with the last answers; the resident updates savings
through the change pages, which answers the review; the office sees the report beside the last answer."""
from __future__ import annotations

import copy
from datetime import timedelta
from urllib.parse import urlparse

import pytest

from portal.extensions import db
from portal.models import Event
from tests.browser.conftest import Phone
from tests.browser.test_apply_journey import signed_in
from tests.client.test_changes import ANSWERS, OFFICE
from tests.factories import create_account, create_application

pytestmark = pytest.mark.browser


def test_a_review_answered_from_the_sms_link(phone, browser, live_server):
    account_id = signed_in(phone, live_server)
    with live_server.data():
        from portal.clock import today
        from portal.models import Account
        from portal.models.message import Message
        from portal.status.reviews import send_invitations

        account = db.session.get(Account, account_id)
        application = create_application(account, office_code=OFFICE, request_status="IN_PAYMENT",
                                         answers=copy.deepcopy(ANSWERS), id_number="440305199003031233")
        application.requests[0].review_due_on = today() + timedelta(days=7)
        db.session.commit()
        assert send_invitations(today()) == 1
        body = db.session.scalars(db.select(Message.body).where(Message.kind == "review_invitation",
                                                                Message.account_id == account_id)).one()
        reference, request_id = application.reference, application.requests[0].id
        caseworker_id = create_account("caseworker", office_code=OFFICE).id
    link = next(word for word in body.split() if "/review" in word)
    path = urlparse(link[link.index("http"):]).path

    page = phone.goto(path)
    phone.check()
    assert "救助定期复核" in page.locator("h1").inner_text()
    assert "1000" in page.locator("main").inner_text()
    link = page.locator(f'a[href="/my/applications/{reference}/change/savings"]')
    assert link.inner_text().startswith("更新")
    link.click()
    phone.check()
    assert page.locator("#deposits").input_value() == "1000"
    page.locator("#deposits").fill("26000")
    page.get_by_role("button", name="继续").click()
    phone.check()
    page.get_by_role("button", name="发送变化").click()
    phone.check()
    assert page.locator(".review-due").count() == 0
    assert "您报告了一项变化" in page.locator(".timeline").inner_text()

    office = Phone(browser, live_server.url, javascript=phone.javascript)
    try:
        live_server.sign_in(office.context, caseworker_id)
        case = office.goto(f"/office/cases/{reference}")
        office.check()
        report = case.locator(".change-report").inner_text()
        assert "1000" in report and "26000" in report
    finally:
        office.close()
    with live_server.data():
        actions = db.session.scalars(db.select(Event.action).where(Event.request_id == request_id)
                                     .order_by(Event.id)).all()
        assert actions[-2:] == ["review_invited", "resident_change"]
