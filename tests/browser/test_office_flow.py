"""From a sent application to an approval, on phones: the resident, a caseworker and a reviewer.

The application is created with tests.factories.create_application (the journey has its own
browser test); everything after it happens in the browser, with JavaScript on and off, and
every page visited is checked with axe-core at phone width.
"""
from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from PIL import Image

from portal.domain.calendar import shanghai_date
from portal.extensions import db
from portal.models import AssistanceRequest, Message, utcnow
from tests.browser.conftest import Phone
from tests.factories import create_account, create_application

pytestmark = pytest.mark.browser


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (30, 90, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def _sign_in_code(live_server, number: str) -> str:
    with live_server.data():
        message = db.session.scalars(db.select(Message).where(Message.to_phone == number, Message.kind == "sign_in_code")
                                     .order_by(Message.id.desc())).first()
        return re.search(r"\d{6}", message.body).group(0)


def _resident_signs_in(phone: Phone, live_server, number: str):
    page = phone.goto("/language/en?next=/sign-in")
    phone.check()
    page.locator("#phone").fill(number)
    page.locator("main form button[type=submit]").click()
    page.locator("#code").fill(_sign_in_code(live_server, number))
    page.locator("main form button[type=submit]").click()
    phone.check()


def _staff_signs_in(tab: Phone, username: str):
    page = tab.goto("/language/en?next=/staff/sign-in")
    tab.check()
    page.locator("#username").fill(username)
    page.locator("#password").fill("pass-word-123")
    page.locator("main form button[type=submit]").click()
    assert page.locator("a[href='/office']").count() >= 1
    tab.check()


def _act(tab: Phone, reference: str, label: str, fill: dict | None = None, choose: dict | None = None,
         fresh: bool = False, files: dict | None = None):
    """Open the case (unless this tab is on it and nobody else acted since: ``fresh``), click the
    action, fill the generic form, save."""
    page = tab.page
    if fresh or f"/office/cases/{reference}" not in page.url:
        page = tab.goto(f"/office/cases/{reference}")
        tab.check()
    page.locator("ul.actions a", has_text=re.compile(f"^{re.escape(label)}$")).first.click()
    assert page.locator("h1").inner_text().endswith(label) and reference in page.locator("h1").inner_text()
    tab.check()
    for selector, value in (fill or {}).items():
        page.locator(selector).fill(value)
    for selector in (choose or {}):
        page.locator(selector).check()
    for selector, upload in (files or {}).items():
        page.locator(selector).set_input_files(upload)
    page.locator("main form button[type=submit]").last.click()
    # The landing is the next thing to do: the confirmation names the action.
    assert page.locator(".notice", has_text=f"Done: {label}").count() == 1, page.content()[:2000]
    tab.check()


def _resident_sees(phone: Phone, reference: str, state: str):
    page = phone.goto(f"/my/applications/{reference}")
    assert state in page.locator("section.request").first.inner_text()
    phone.check()
    return page


def test_resident_caseworker_and_reviewer_take_a_request_to_approval(phone, browser, live_server):
    suffix = "1" if phone.javascript else "2"
    number = f"1355555000{suffix}"
    with live_server.data():
        resident = create_account("resident", phone=number)
        application = create_application(resident, types=("dibao",), name="林小花")
        reference = application.reference
        request_id = application.requests[0].id
        create_account("caseworker", username=f"cw-flow-{suffix}", password="pass-word-123", display_name="陈经办")
        create_account("reviewer", username=f"rv-flow-{suffix}", password="pass-word-123", display_name="周审核")
    staff = Phone(browser, live_server.url, javascript=phone.javascript)
    reviewer = Phone(browser, live_server.url, javascript=phone.javascript)
    for tab in (phone, staff, reviewer):
        # A long flow of three people: allow for a busy machine rather than fail on a slow page.
        tab.context.set_default_timeout(30_000)
    try:
        _resident_signs_in(phone, live_server, number)
        _resident_sees(phone, reference, "Received, waiting to be accepted")

        _staff_signs_in(staff, f"cw-flow-{suffix}")
        # Other tests share this server's office: the newest request is found by sorting on arrival.
        page = staff.goto("/office?sort=received&dir=desc")
        assert reference in page.locator("table").inner_text()
        staff.check()
        _act(staff, reference, "Ask for missing documents", fill={"#missing_items": "户口簿首页\n租赁合同"})

        # The resident is told, sees the list, and uploads from the phone.
        page = _resident_sees(phone, reference, "Waiting for missing documents")
        assert "户口簿首页" in page.locator(".notice--action").inner_text()
        page.locator(".notice--action a.button").click()
        phone.check()
        page.locator("#item_1").set_input_files({"name": "hukou.png", "mimeType": "image/png", "buffer": _png()})
        page.locator("#item_2").set_input_files({"name": "lease.png", "mimeType": "image/png", "buffer": _png()})
        page.locator("main form button[type=submit]").click()
        assert "sent to the office" in page.locator(".notice").first.inner_text()
        phone.check()
        page = phone.goto("/my/messages")
        assert "Waiting for missing documents" in page.locator("ol.messages").inner_text()
        phone.check()

        # The caseworker accepts, investigates, visits, gives an opinion and opens the notice.
        _act(staff, reference, "Accept", fresh=True, choose={"#close_relative_of_staff-2": True})
        _act(staff, reference, "Start the household checks")
        _act(staff, reference, "Ask the district to check records")
        _staff_signs_in(reviewer, f"rv-flow-{suffix}")
        _act(reviewer, reference, "Record a matching records check")
        _act(staff, reference, "Start the home visit", fresh=True)
        # The structured record: date, findings by item, acknowledgement, a photo.
        _act(staff, reference, "Record the home visit", fill={
            "#staff_names": "陈经办\n李协理", "#visit_date": shanghai_date(utcnow()).isoformat(),
            "#finding_housing": "租住单间约15平方米", "#finding_living": "家具简陋", "#finding_members": "本人",
            "#finding_income_assets": "未见车辆"}, choose={"#visit_mode": True, "#acknowledgement": True},
            files={"#files": {"name": "visit.png", "mimeType": "image/png", "buffer": _png()}})
        _act(staff, reference, "Record the first-review opinion", fill={"#opinion": "家庭人均收入低于低保标准"})
        _act(staff, reference, "Open the public notice", fill={"#location": "科技园社区公告栏"})
        page = staff.goto("/notices/44030506")
        assert "林小花" in page.locator("main").inner_text()
        staff.check()
        _resident_sees(phone, reference, "Public notice running")

        # Seven days pass (the notice cannot close earlier).
        with live_server.data():
            row = db.session.get(AssistanceRequest, request_id)
            row.entered_on = row.entered_on - timedelta(days=8)
            db.session.commit()
        _act(staff, reference, "Close the notice: no objection", fresh=True)

        # The district reviewer approves with an amount and the start month.
        page = reviewer.goto("/office?sort=received&dir=desc")
        assert reference in page.locator("table").inner_text()
        reviewer.check()
        page = reviewer.goto(f"/office/cases/{reference}")
        page.locator("ul.actions a", has_text=re.compile("^Approve$")).click()
        reviewer.check()
        start_month = page.locator("#start_month").get_attribute("value") or ""
        page.locator("#amount").fill("1480")
        if not start_month:
            page.locator("#start_month").fill("2020-01")  # wrong on purpose: the message says which month
        page.locator("#income_irregular-2").check()
        # The factory's answers lack income: the approval guard asks for an override.
        page.locator("#override").check()
        page.locator("#override_reason").fill("收入已在入户调查中核实")
        page.locator("main form button[type=submit]").last.click()
        if not start_month:
            message = page.locator(".field-error").first.inner_text()
            month = re.search(r"\d{4}-\d{2}", message).group(0)
            reviewer.check()
            page.locator("#start_month").fill(month)
            page.locator("main form button[type=submit]").last.click()
        assert page.locator(".notice", has_text="Done: Approve").count() == 1
        reviewer.check()

        # The resident sees each step and each message.
        page = _resident_sees(phone, reference, "Approved")
        timeline = page.locator("ol.timeline").first.inner_text()
        for entry in ("Approve", "Close the notice: no objection", "Open the public notice", "Accept",
                      "Missing documents supplied", "Ask for missing documents"):
            assert entry in timeline
        page = phone.goto("/my/messages")
        inbox = page.locator("ol.messages").inner_text()
        for state in ("Approved", "With the district for a decision", "Public notice running", "Accepted"):
            assert state in inbox
        phone.check()
    finally:
        staff.close()
        reviewer.close()
