"""Every console and status page on a phone: axe-clean, and no sideways scrolling even at 320 px
(staff tables become stacked blocks on narrow screens)."""
from __future__ import annotations

import re

import pytest

from portal.extensions import db
from portal.models import Message, Office
from portal.tracking.transitions import perform
from tests.browser.conftest import run_axe
from tests.factories import OTHER_OFFICE, create_account, create_application

pytestmark = pytest.mark.browser


def _staff_sign_in(page, username: str, password: str):
    page.goto("/language/en?next=/staff/sign-in")
    page.locator("#username").fill(username)
    page.locator("#password").fill(password)
    page.locator("main form button[type=submit]").click()


def _resident_sign_in(page, live_server, number: str):
    page.goto("/language/en?next=/sign-in")
    page.locator("#phone").fill(number)
    page.locator("main form button[type=submit]").click()
    with live_server.data():
        message = db.session.scalars(db.select(Message).where(Message.to_phone == number, Message.kind == "sign_in_code")
                                     .order_by(Message.id.desc())).first()
        code = re.search(r"\d{6}", message.body).group(0)
    page.locator("#code").fill(code)
    page.locator("main form button[type=submit]").click()


def _pages(live_server, width: int):
    """A case with a long history (with a transfer away and back), and one waiting for documents."""
    with live_server.data():
        caseworker = create_account("caseworker", username=f"cw-narrow-{width}", password="pass-word-123")
        other = create_account("caseworker", office_code=OTHER_OFFICE)
        reviewer = create_account("reviewer")
        busy = create_application(types=("dibao", "medical", "temp_emergency"), name="欧阳长名字测试人")
        dibao, medical, _emergency = busy.requests
        steps = [("transfer", caseworker, {"to_office": OTHER_OFFICE, "reason": "户籍" * 60}),
                 ("receive_transfer", other, {}), ("transfer", other, {"to_office": "44030506", "reason": "退回原街道"}),
                 ("receive_transfer", caseworker, {}), ("accept", caseworker, {"close_relative_of_staff": True}),
                 ("start_investigation", caseworker, {}), ("request_data_check", caseworker, {}),
                 ("data_check_ok", reviewer, {}), ("start_home_visit", caseworker, {}),
                 ("record_home_visit", caseworker, {"staff_names": ["陈经办", "李协理"], "visit_mode": "in_person"}),
                 ("prelim_opinion", caseworker, {"opinion": "符合条件" * 40}),
                 ("open_notice", caseworker, {"location": "科技园社区公告栏"})]
        for action, actor, data in steps:
            perform(dibao, action, actor, data)
            if action == "transfer":
                office = db.session.get(Office, data["to_office"])
                dibao.office_code, dibao.district_code = office.code, office.district_code
        perform(medical, "forward", caseworker, {"to_unit": "南山区医疗保障局"})
        waiting = create_application(create_account("resident", phone=f"1356666{width:04d}"), types=("dibao",))
        perform(waiting.requests[0], "request_materials", caseworker, {"missing_items": ["户口簿首页", "租赁合同" * 20]})
        db.session.commit()
        return busy.reference, waiting.reference, waiting.requests[0].id


@pytest.mark.parametrize("width", [320, 375])
def test_console_and_status_pages_fit_a_narrow_phone(browser, live_server, width):
    busy, materials, request_id = _pages(live_server, width)
    context = browser.new_context(viewport={"width": width, "height": 640}, is_mobile=True, has_touch=True,
                                  base_url=live_server.url)
    page = context.new_page()
    problems = []

    def check(path: str):
        page.goto(path)
        violations = run_axe(browser, page, True, live_server.url)
        if violations:
            problems.append((path, violations))
        overflow = page.evaluate("() => document.documentElement.scrollWidth")
        if overflow > width:
            problems.append((path, f"scroll width {overflow} > {width}"))

    try:
        _staff_sign_in(page, f"cw-narrow-{width}", "pass-word-123")
        for path in ("/home", "/office", "/office?status=all", f"/office/cases/{busy}", f"/office/cases/{materials}",
                     f"/office/requests/{request_id}/actions/accept",
                     f"/office/requests/{request_id}/actions/transfer", "/office/sent", "/notices/44030506",
                     "/status"):
            check(path)
        page.locator("header form button[type=submit]").click()  # sign out
        _resident_sign_in(page, live_server, f"1356666{width:04d}")
        for path in ("/my/applications", f"/my/applications/{materials}",
                     f"/my/applications/{materials}/requests/{request_id}/materials", "/my/messages"):
            check(path)
        assert problems == [], problems
    finally:
        context.close()
