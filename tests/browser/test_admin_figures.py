"""Issue 15 part 4 in Chromium at 1280 px: administrator A proposes a new minimum living standard,
sees what it changes in a stored open application, administrator B approves it, and the table
shows it in force; every page axe-clean, and the same pages fit a 375 px phone."""
from __future__ import annotations

import copy

import pytest

from portal.extensions import db
from portal.models import Application, PolicyFigure
from tests.browser.conftest import run_axe
from tests.factories import create_account, create_application, sign_in
from tests.tools.walkthrough import one_person_dibao, walk

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
SOURCE = "深圳市民政局关于调整最低生活保障标准的通知（深民规〔2026〕1号）"


def _answers(sqlite_app) -> dict:
    """A one-person household's answers, filled through the real journey (on a scratch database)."""
    client = sqlite_app.test_client()
    sign_in(client, create_account("resident"))
    reference = walk(client, one_person_dibao()).reference
    return copy.deepcopy(db.session.scalars(db.select(Application.answers)
                                            .where(Application.reference == reference)).one())


def _checked(browser, page, live_server, width: int) -> None:
    violations = run_axe(browser, page, True, live_server.url)
    assert violations == [], f"axe violations on {page.url}: {violations}"
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= width, f"horizontal scrolling at {width} px on {page.url}: {scroll}"


def test_a_proposed_standard_is_approved_by_a_second_administrator(browser, live_server, sqlite_app):
    answers = _answers(sqlite_app)
    with live_server.data():
        proposer = create_account("admin", display_name="管理员甲")
        approver = create_account("admin", display_name="管理员乙")
        stored = create_application(answers=answers, id_number="440305197003151130")
        stored_id, request_id = stored.id, stored.requests[0].id
        proposer_id, approver_id = proposer.id, approver.id
    contexts = []
    try:
        def desktop(account_id: int):
            context = browser.new_context(viewport=DESKTOP, base_url=live_server.url, locale="en-GB")
            contexts.append(context)
            live_server.sign_in(context, account_id)
            page = context.new_page()
            page.goto("/language/en?next=/admin")
            return page

        a = desktop(proposer_id)
        a.locator("main a[href='/admin/figures']").click()
        _checked(browser, a, live_server, DESKTOP["width"])
        a.locator("main a[href='/admin/figures/new?key=dibao_standard&region=440300']").click()
        assert a.locator("#key").input_value() == "dibao_standard"
        a.locator("#value").fill("1600")
        a.locator("#effective_from").fill("2026-07-01")
        a.locator("#source").fill(SOURCE)
        a.locator("button[value=check]").click()
        # the effect on the stored application: its allowance would rise from 1,480 to 1,600 yuan
        effect = a.locator(".notice--info")
        assert "Check before proposing" in effect.inner_text()
        row = effect.locator("tbody tr", has_text=f"No. {request_id}")
        assert "1,480 yuan → 1,600 yuan" in row.inner_text()
        assert int(effect.locator(".counts__number").nth(1).inner_text()) >= 1
        assert a.locator("#value").input_value() == "1600"  # kept for the next step
        _checked(browser, a, live_server, DESKTOP["width"])
        a.locator("button[value=propose]").click()
        assert "/admin/figures/" in a.url and "Waiting for a second administrator" in a.locator("main").inner_text()
        assert a.locator("form[action$='/approve']").count() == 0  # the proposer cannot approve
        _checked(browser, a, live_server, DESKTOP["width"])
        detail = a.url

        b = desktop(approver_id)
        b.goto(detail)
        _checked(browser, b, live_server, DESKTOP["width"])
        b.locator("form[action$='/approve'] button").click()
        assert b.url.endswith("/admin/figures#key-dibao_standard-440300")
        assert "Approved: from 2026-07-01, screening uses 1,600 for" in b.locator("main").inner_text()
        in_force = b.locator("#key-dibao_standard-440300 ~ table tr.in-force")
        assert "1,600" in in_force.inner_text() and "In force" in in_force.inner_text()
        _checked(browser, b, live_server, DESKTOP["width"])

        # The same pages on a phone.
        phone = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True,
                                    base_url=live_server.url)
        contexts.append(phone)
        live_server.sign_in(phone, approver_id)
        small = phone.new_page()
        for path in ("/admin/figures", "/admin/figures/new?key=dibao_standard&region=440300", detail):
            small.goto(path)
            _checked(browser, small, live_server, 375)
    finally:
        for context in contexts:
            context.close()
        # The live server's database is shared by the session's browser tests: leave the
        # shipped figures in force, and no extra case in the office's queue.
        with live_server.data():
            db.session.execute(db.delete(PolicyFigure))
            db.session.delete(db.session.get(Application, stored_id))
            db.session.commit()
