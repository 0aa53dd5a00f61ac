"""The contact pages of the administration on a phone, with JavaScript on and off: axe-clean, no
sideways scrolling, and a change (with a mistake first) made through the form."""
from __future__ import annotations

from datetime import timedelta

import pytest

from portal.clock import today
from portal.extensions import db
from portal.models import ContactEntry
from tests.factories import create_account, create_contact

pytestmark = pytest.mark.browser

PAGES = ("/admin", "/admin/offices", "/admin/offices?district=440305&missing=y", "/admin/authorities",
         "/admin/offices/44030501", "/admin/authorities/assistance_station/shenzhen",
         "/admin/authorities/assistance_hotline/shenzhen")


def test_contact_pages_on_a_phone(phone, live_server):
    with live_server.data():
        admin = create_account("admin", username=f"admin-contacts-{phone.javascript}")
        create_contact("44030501", address="深圳市南山区南头街道办事处一楼" + "（示例地址）" * 8, phone="0755-26000501",
                       hours="周一至周五 9:00-12:00，14:00-18:00")
        admin_id = admin.id
    live_server.sign_in(phone.context, admin_id)
    page = phone.goto("/language/en?next=/admin")
    for path in PAGES:
        phone.goto(path)
        phone.check()
    page = phone.goto("/admin/offices/44030501")
    when = (today() + timedelta(days=30)).isoformat()
    page.locator("#phone").fill("26000888")
    page.locator("#effective_from").fill(when)
    page.locator("#source").fill("南头街道办事处公告")
    page.locator("main form[method=post] button[type=submit]").click()
    assert "0755-12345678" in page.locator("#phone-error").inner_text()
    assert page.locator("#source").input_value() == "南头街道办事处公告"
    phone.check()
    page.locator("#phone").fill("0755-26000888")
    page.locator("main form[method=post] button[type=submit]").click()
    assert "Change scheduled" in page.locator("main [role=status]").inner_text()
    assert "0755-26000888" in page.locator(".notice--info").inner_text()
    phone.check()
    page = phone.goto("/admin/audit")
    assert "26000888" in page.locator("main table").inner_text()
    phone.check()
    with live_server.data():
        assert db.session.scalar(db.select(db.func.count(ContactEntry.id))
                                 .where(ContactEntry.phone == "0755-26000888")) >= 1
