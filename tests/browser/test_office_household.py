"""Issue 17, "Done when": at 1280 px a caseworker takes a three-request household (低保, medical and
education aid) from submitted to decided with ONE 一次性告知 and ONE home visit, and the district
reviewer approves. JavaScript on and off; axe-core on every page checked."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from portal.domain.calendar import shanghai_date
from portal.extensions import db
from portal.models import Application, AssistanceRequest, Event, utcnow
from tests.browser.conftest import PHONE, Phone
from tests.browser.test_office_flow import _png, _resident_signs_in, _staff_signs_in
from tests.factories import create_account, create_application

pytestmark = pytest.mark.browser

ANSWERS = {"about": {"name": "王秀兰", "id_number": "440305199001011234", "hukou": {"kind": "elsewhere"}},
           "circumstances": {"costs": ["medical", "education"]}}


def _case(tab: Phone, reference: str):
    page = tab.goto(f"/office/cases/{reference}")
    tab.check()
    return page


def _done(tab: Phone, text: str):
    page = tab.page
    assert page.locator(".notice[role=status]", has_text=text).count() == 1, page.content()[:3000]
    tab.check()


def _act(tab: Phone, reference: str, request_id: int, label: str, fill: dict | None = None,
         choose: tuple[str, ...] = ()):
    """One request's own action from its section of the case page."""
    page = _case(tab, reference)
    page.locator(f"#request-{request_id} ul.actions a", has_text=re.compile(f"^{re.escape(label)}$")).click()
    assert page.locator("h1").inner_text().endswith(label)
    tab.check()
    for selector, value in (fill or {}).items():
        page.locator(selector).fill(value)
    for selector in choose:
        page.locator(selector).check()
    page.locator("main form button[type=submit]").last.click()
    _done(tab, f"Done: {label}")


def _statuses(live_server, application_id: int) -> dict[str, str]:
    with live_server.data():
        application = db.session.get(Application, application_id)
        return {r.type: r.status for r in application.requests}


def test_a_three_request_household_from_submitted_to_decided(desktop, browser, live_server):
    suffix = "1" if desktop.javascript else "2"
    number = f"1356666000{suffix}"
    with live_server.data():
        resident = create_account("resident", phone=number)
        application = create_application(resident, types=("dibao", "medical", "education"), name="王秀兰",
                                         answers=ANSWERS)
        reference, application_id = application.reference, application.id
        dibao, medical, education = (r.id for r in application.requests)
        create_account("caseworker", username=f"cw-household-{suffix}", password="pass-word-123",
                       display_name="陈经办")
        create_account("reviewer", username=f"rv-household-{suffix}", password="pass-word-123",
                       display_name="周审核")
    staff, reviewer = desktop, Phone(browser, live_server.url, javascript=desktop.javascript,
                                     viewport=desktop.viewport)
    resident_phone = Phone(browser, live_server.url, javascript=desktop.javascript, viewport=PHONE)
    for tab in (staff, reviewer, resident_phone):
        tab.context.set_default_timeout(30_000)  # a long flow of three people on a busy machine
    try:
        # ONE 一次性告知 for the household, prefilled with what the portal knows is missing.
        _staff_signs_in(staff, f"cw-household-{suffix}")
        page = _case(staff, reference)
        page.locator("#household a", has_text="Ask for missing documents: 3 requests").click()
        staff.check()
        assert page.locator("input[name=requests]:checked").count() == 3
        listed = page.locator("#missing_items").input_value().splitlines()
        assert listed == ["Household registration booklet (户口簿)",
                          "Medical receipts and insurance settlement statements",
                          "School fee and accommodation receipts"]
        page.locator("main form button[type=submit]").click()
        _done(staff, "Done: Ask for missing documents (Minimum living allowance, Medical assistance, "
                     "Education assistance).")
        assert set(_statuses(live_server, application_id).values()) == {"NEEDS_MATERIALS"}

        # The resident uploads the three documents once, from the phone: all three requests go back.
        _resident_signs_in(resident_phone, live_server, number)
        page = resident_phone.goto(f"/my/applications/{reference}")
        resident_phone.check()
        page.locator(".notice--action a.button", has_text="Upload the documents").first.click()
        resident_phone.check()
        for index in (1, 2, 3):
            page.locator(f"#item_{index}").set_input_files(
                {"name": f"doc{index}.png", "mimeType": "image/png", "buffer": _png()})
        page.locator("main form button[type=submit]").click()
        assert "sent to the office" in page.locator(".notice").first.inner_text()
        resident_phone.check()
        assert set(_statuses(live_server, application_id).values()) == {"SUBMITTED"}

        # One acceptance (低保: the other two are decided by their own authorities) and one home visit.
        _act(staff, reference, dibao, "Accept", choose=("#close_relative_of_staff-2",))
        _act(staff, reference, medical, "Forward to the deciding authority", fill={"#to_unit": "南山区医疗保障局"})
        _act(staff, reference, education, "Forward to the deciding authority", fill={"#to_unit": "南山区教育局"})
        _act(staff, reference, dibao, "Start the household checks")
        _act(staff, reference, dibao, "Ask the district to check records")
        _staff_signs_in(reviewer, f"rv-household-{suffix}")
        _act(reviewer, reference, dibao, "Record a matching records check")
        _act(staff, reference, dibao, "Start the home visit")
        _act(staff, reference, dibao, "Record the home visit", fill={
            "#staff_names": "陈经办\n李协理", "#visit_date": shanghai_date(utcnow()).isoformat(),
            "#finding_housing": "租住两居室", "#finding_living": "家具简陋", "#finding_members": "全家三人",
            "#finding_income_assets": "未见车辆"}, choose=("#visit_mode", "#acknowledgement"))
        _act(staff, reference, dibao, "Record the first-review opinion", fill={"#opinion": "家庭人均收入低于低保标准"})
        _act(staff, reference, dibao, "Open the public notice", fill={"#location": "科技园社区公告栏"})
        with live_server.data():
            row = db.session.get(AssistanceRequest, dibao)
            row.entered_on = row.entered_on - timedelta(days=8)  # the 7-day notice has run
            db.session.commit()
        _act(staff, reference, dibao, "Close the notice: no objection")
        for request_id, unit in ((medical, "南山区医疗保障局"), (education, "南山区教育局")):
            _act(staff, reference, request_id, "Record the authority's decision",
                 fill={"#decided_by": unit}, choose=("#outcome",))

        # The district reviewer approves 低保 (the factory's answers lack income: an explicit override).
        page = _case(reviewer, reference)
        page.locator(f"#request-{dibao} ul.actions a", has_text=re.compile("^Approve$")).click()
        reviewer.check()
        page.locator("#amount").fill("1480")
        page.locator("#income_irregular-2").check()
        page.locator("#override").check()
        page.locator("#override_reason").fill("收入已在入户调查中核实")
        page.locator("main form button[type=submit]").last.click()
        _done(reviewer, "Done: Approve")

        assert _statuses(live_server, application_id) == {"dibao": "APPROVED", "medical": "DECIDED_ELSEWHERE",
                                                          "education": "DECIDED_ELSEWHERE"}
        with live_server.data():
            counts = {action: db.session.scalar(db.select(db.func.count(Event.id)).where(
                Event.application_id == application_id, Event.action == action))
                for action in ("request_materials", "accept", "record_home_visit")}
            asked = db.session.scalars(db.select(Event).where(Event.application_id == application_id,
                                                              Event.action == "request_materials")).all()
        # One notice, written as one event per request, with one household token; one acceptance; one visit.
        assert counts == {"request_materials": 3, "accept": 1, "record_home_visit": 1}
        assert len({e.data["household"] for e in asked}) == 1
        page = _case(staff, reference)
        history = page.locator(f"#request-{medical}").inner_text()
        assert "Done in the same action for" in history
    finally:
        reviewer.close()
        resident_phone.close()
