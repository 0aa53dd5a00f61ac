"""Issue 16 part 3 in Chromium at 375 px, JavaScript on and off, axe-core on every page: a resident
withdraws one request of two from the status page, with a reason and a confirmation step, and
gets the withdrawal notice."""
from __future__ import annotations

import pytest

from portal.extensions import db
from portal.models import AssistanceRequest
from tests.browser.test_apply_journey import signed_in
from tests.factories import create_application

pytestmark = pytest.mark.browser


def withdraw_medical_aid(phone, reason: str) -> None:
    """On the withdrawal form of an application for 低保 and medical aid (the resident's own or a
    helper's for them): sent empty, both problems show next to their fields; then medical aid is
    chosen with ``reason``, confirmed, and the confirmation page's withdrawal notice is a PDF."""
    page = phone.page
    page.get_by_role("button", name="继续").click()
    phone.check()
    assert page.locator(".error-summary li").count() == 2
    page.get_by_label("医疗救助").check()
    page.locator("#reason").fill(reason)
    page.get_by_role("button", name="继续").click()
    phone.check()
    assert page.locator("h1").inner_text() == "确定要撤回吗？"
    page.get_by_role("button", name="确定撤回").click()
    phone.check()
    assert page.locator("h1").inner_text() == "已撤回"
    link = page.get_by_role("link", name="撤回申请告知书（PDF）")
    pdf = page.request.get(link.get_attribute("href"))
    assert pdf.status == 200 and pdf.body()[:5] == b"%PDF-"


def test_a_resident_withdraws_one_request_with_a_reason(phone, live_server):
    account_id = signed_in(phone, live_server)
    with live_server.data():
        from portal.models import Account

        application = create_application(db.session.get(Account, account_id), types=("dibao", "medical"),
                                         office_code="44030506", id_number="440305199002021236")
        reference, application_id = application.reference, application.id
        medical_id = next(r.id for r in application.requests if r.type == "medical")
    page = phone.goto(f"/my/applications/{reference}")
    phone.check()
    page.get_by_role("link", name="撤回申请事项或整份申请").click()
    phone.check()
    withdraw_medical_aid(phone, "已经通过医保报销了")
    with live_server.data():
        assert db.session.get(AssistanceRequest, medical_id).status == "WITHDRAWN"
        others = db.session.scalars(db.select(AssistanceRequest).where(
            AssistanceRequest.application_id == application_id, AssistanceRequest.id != medical_id)).all()
        assert [r.status for r in others] == ["SUBMITTED"]
    page.get_by_role("link", name="返回您的申请").click()
    phone.check()
