"""Issue 16 part 6 in Chromium at 375 px, JavaScript on and off, axe-core on every page: from the
start page's 遇到突发困难？ through the emergency path (at most 10 questions) to a confirmation
that is marked urgent, shows the street office's phone and one help-first timing text."""
from __future__ import annotations

import re

import pytest

from portal.extensions import db
from portal.models import Application
from tests.browser.test_apply_journey import SAVE, fill, fresh, signed_in
from tests.factories import create_contact
from tests.tools.walkthrough import emergency_first

pytestmark = pytest.mark.browser

INCIDENT = "44030401"
TIMING = "先行救助：街道办事处可当天给予帮助，事后补办手续。"


def test_the_emergency_path_from_the_start_page_to_the_confirmation(phone, live_server):
    account_id = signed_in(phone, live_server)
    with live_server.data():
        create_contact(INCIDENT, address="深圳市福田区园岭街道", phone="0755-83000401")
        db.session.commit()
    household = fresh(emergency_first())
    page = phone.goto("/")
    phone.check()
    page.get_by_role("link", name="先申请紧急救助").click()
    phone.check()
    assert page.locator("h1").inner_text() == "遇到突发困难？"
    page.get_by_role("button", name="申请紧急救助").click()
    visited = []
    for _ in range(8):
        phone.check()
        path = page.url.split("://", 1)[1].split("/", 1)[1]
        if path.startswith("apply/confirmation/"):
            break
        key = re.fullmatch(r"apply/\d+/([a-z-]+)", path).group(1)
        visited.append(key)
        if key == "check":
            page.get_by_role("button", name="提交申请").click()
            continue
        if key == "emergency":  # nothing typed yet: every problem next to its field, in Chinese
            page.get_by_role("button", name=SAVE).click()
            phone.check()
            assert page.locator(".error-summary li").count() >= 4
            assert page.locator(".field-error", has_text="请选择哪些人受到影响").count() == 1
        fill(page, household.pages.get(key, {}))
        page.get_by_role("button", name=SAVE).click()
        assert page.locator(".error-summary").count() == 0, (path, page.locator(".error-summary").inner_text())
    assert visited == ["name", "phone", "emergency", "declarations", "check"]
    assert page.locator("h1").inner_text() == "申请已提交"
    text = page.locator("main").inner_text()
    assert "紧急" in page.locator(".tag--urgent").first.inner_text()
    assert page.locator("a[href='tel:0755-83000401']").count() >= 1
    assert text.count(TIMING) == 2 and "个工作日内决定是否受理" not in text
    with live_server.data():
        application = db.session.scalars(db.select(Application).where(Application.account_id == account_id)).one()
        assert application.urgent and [(r.type, r.urgent, r.office_code) for r in application.requests] == \
            [("temp_emergency", True, INCIDENT)]
