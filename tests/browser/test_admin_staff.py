"""Issue 15 in real Chromium: an administrator at a desk (1280 px) creates a caseworker and gets
the one-time code; the caseworker, on a phone (375 px), signs in with it, chooses a password and
reaches the console; the administrator sees the last sign-in, and disabling the account ends the
caseworker's session at once. axe-core on every page."""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import PHONE, run_axe
from tests.factories import create_account

pytestmark = pytest.mark.browser

DESK = {"width": 1280, "height": 900}
CODE = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")


def _tab(browser, live_server, viewport, **kw):
    context = browser.new_context(viewport=viewport, locale="en-GB", base_url=live_server.url, **kw)
    context.set_default_timeout(10_000)
    return context, context.new_page()


def _checked(browser, live_server, page, width: int) -> None:
    violations = run_axe(browser, page, True, live_server.url)
    assert violations == [], f"axe violations on {page.url}: {violations}"
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= width, f"sideways scrolling on {page.url}: {scroll} px at {width} px"
    targets = page.evaluate("""() => [...document.querySelectorAll('main button, main input[type=radio], main select')]
        .map(e => e.type === 'radio' ? e.closest('label, .choice') || e : e)
        .map(e => e.getBoundingClientRect()).filter(r => r.width && (r.height < 44 || r.width < 44)).length""")
    assert targets == 0, f"targets under 44 px on {page.url}"


def _sign_in(page, username: str, password: str) -> None:
    page.goto("/language/en?next=/staff/sign-in")
    page.locator("#username").fill(username)
    page.locator("#password").fill(password)
    page.locator("main form button[type=submit]").click()


def test_admin_creates_a_caseworker_who_signs_in_with_the_code_and_is_disabled_at_once(browser, live_server):
    with live_server.data():
        create_account("admin", username="desk.admin", display_name="管理员甲", password="admin pass phrase 1")
    desk_context, desk = _tab(browser, live_server, DESK)
    phone_context, phone = _tab(browser, live_server, PHONE, is_mobile=True, has_touch=True)
    try:
        _sign_in(desk, "desk.admin", "admin pass phrase 1")
        desk.goto("/admin")
        assert desk.locator("h1").inner_text() == "Administration"
        _checked(browser, live_server, desk, DESK["width"])

        desk.locator("main a", has_text="Create a staff account").first.click()
        assert desk.url.endswith("/admin/staff/new")
        _checked(browser, live_server, desk, DESK["width"])
        desk.locator("main form button[type=submit]").click()  # nothing filled: errors next to the fields
        assert desk.title().startswith("Error")
        assert desk.locator("#username-error").is_visible()
        _checked(browser, live_server, desk, DESK["width"])
        desk.locator("#display_name").fill("刘经办")
        desk.locator("#username").fill("liu.jingban")
        desk.locator("input[name=role][value=caseworker]").check()
        desk.locator("#office_code").select_option("44030506")
        desk.locator("main form button[type=submit]").click()
        assert desk.locator("h1").inner_text() == "Account created"
        code = CODE.search(desk.locator(".code-display").inner_text()).group(0)
        _checked(browser, live_server, desk, DESK["width"])

        # The caseworker, on a phone: the code once, then a password of their own.
        _sign_in(phone, "liu.jingban", code)
        assert phone.url.endswith("/staff/set-password")
        _checked(browser, live_server, phone, PHONE["width"])
        phone.locator("#password").fill("river stone lantern")
        phone.locator("#confirm").fill("river stone")
        phone.locator("main form button[type=submit]").click()
        assert phone.locator("#confirm-error").is_visible()
        _checked(browser, live_server, phone, PHONE["width"])
        phone.locator("#password").fill("river stone lantern")
        phone.locator("#confirm").fill("river stone lantern")
        phone.locator("main form button[type=submit]").click()
        phone.goto("/office")
        assert "/office" in phone.url and "sign-in" not in phone.url
        _checked(browser, live_server, phone, PHONE["width"])

        # The administrator sees when they signed in.
        desk.goto("/admin/staff")
        row = desk.locator("tbody tr", has_text="liu.jingban")
        assert "Never" not in row.inner_text() and re.search(r"\d{4}", row.locator("td").last.inner_text())
        _checked(browser, live_server, desk, DESK["width"])
        row.locator("a").click()
        assert desk.locator("h1").inner_text() == "刘经办"
        _checked(browser, live_server, desk, DESK["width"])

        # Disabling ends the phone's session at once: its next page is the sign-in page.
        desk.locator("main form", has_text="Disabling ends").locator("button").click()
        assert "Sessions ended: 1" in desk.locator("main").inner_text()
        _checked(browser, live_server, desk, DESK["width"])
        phone.goto("/office")
        assert "/staff/sign-in?next=/office" in phone.url  # signed out, at the staff sign-in
        _sign_in(phone, "liu.jingban", "river stone lantern")
        assert "/staff/sign-in" in phone.url and phone.locator("#password-error").is_visible()

        desk.goto("/admin/audit?staff=liu.jingban")
        trail = desk.locator("main table").inner_text()
        for action in ("Staff account created", "Password chosen with the one-time code", "Staff account disabled"):
            assert action in trail
        _checked(browser, live_server, desk, DESK["width"])
    finally:
        desk_context.close()
        phone_context.close()


@pytest.mark.parametrize("width", [320, 375])
def test_admin_pages_fit_a_phone(browser, live_server, width):
    """Every administration page at phone widths: no sideways scrolling, axe-clean."""
    with live_server.data():
        create_account("admin", username=f"phone.admin{width}", password="admin pass phrase 1")
        worker_id = create_account("caseworker", username=f"phone.worker{width}", display_name="欧阳长名字测试经办人").id
    context, page = _tab(browser, live_server, {"width": width, "height": 700}, is_mobile=True, has_touch=True)
    try:
        _sign_in(page, f"phone.admin{width}", "admin pass phrase 1")
        for url in ("/admin", "/admin/staff?status=all", "/admin/staff/new", f"/admin/staff/{worker_id}",
                    "/admin/audit", "/admin/audit?from=2026-13-01", "/admin/calendar"):
            page.goto(url)
            _checked(browser, live_server, page, width)
    finally:
        context.close()
