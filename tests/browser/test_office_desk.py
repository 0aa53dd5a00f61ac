"""Issue 17 parts 4 and 5 in Chromium at 1280 px, JavaScript on and off, axe-core on every page:
a caseworker sees the queue as a sortable table, takes a case, lands on the next thing to do after
each action with the confirmation in view, and hands the case to a colleague with a reason."""
from __future__ import annotations

import re
import secrets

import pytest

from portal.extensions import db
from portal.models import Account, Application
from tests.factories import create_application

pytestmark = pytest.mark.browser


def _caseworker(live_server, name: str) -> int:
    with live_server.data():
        account = Account(role="caseworker", username=f"cw-desk-{secrets.token_hex(4)}", display_name=name,
                          office_code="44030506", district_code="440305")
        db.session.add(account)
        db.session.commit()
        return account.id


def _in_view(page, locator) -> bool:
    """The element is inside the window as the browser shows it after landing."""
    box = locator.bounding_box()
    return box is not None and 0 <= box["y"] < page.viewport_size["height"]


def test_take_act_land_and_reassign_at_a_desk(desktop, live_server):
    me = _caseworker(live_server, "陈桌面")
    colleague = _caseworker(live_server, "黄同事")
    with live_server.data():
        household = create_application(types=("dibao", "medical"), name="何一家")
        nxt = create_application(name="吴二")
        reference, next_reference = household.reference, nxt.reference
        dibao_id, medical_id = household.requests[0].id, household.requests[1].id
    live_server.sign_in(desktop.context, me)
    page = desktop.goto("/language/en?next=/office")
    # A real table at 1280 px (no stacked cells), with sortable headings and the status filter grouped.
    assert page.locator("table thead").is_visible()
    assert page.locator("select#status optgroup").count() == 3
    page.locator("a.sort-link", has_text="Decision due").click()
    assert "sort=deadline" in page.url and page.locator("th[aria-sort=ascending]").count() == 1
    desktop.check()

    # Take the case from its page; the confirmation is shown.
    page = desktop.goto(f"/office/cases/{reference}")
    page.locator("#assignment button[type=submit]").click()
    assert page.locator(".notice[role=status]", has_text="assigned to 陈桌面").count() == 1
    assert page.url.endswith("#assignment")
    desktop.check()

    # Accept the 低保 request: still mine, so I land on its section, the confirmation in view.
    page.locator("section.request").first.locator("ul.actions a", has_text=re.compile("^Accept$")).click()
    page.locator("#close_relative_of_staff-2").check()
    page.locator("main form button[type=submit]").last.click()
    notice = page.locator("section.request .notice[role=status]", has_text="Done: Accept.")
    assert notice.count() == 1 and _in_view(page, notice)
    desktop.check()

    # Ask for documents for the medical request: it then waits for the household, so I land on
    # the 低保 request, which still waits for me, with the confirmation there.
    page.locator(f"#request-{medical_id} ul.actions a", has_text="Ask for missing documents").click()
    page.locator("#missing_items").fill("诊断证明")
    page.locator("main form button[type=submit]").last.click()
    assert page.url.endswith(f"#request-{dibao_id}")
    notice = page.locator(f"#request-{dibao_id} .notice[role=status]", has_text="Next on this case")
    assert notice.count() == 1 and _in_view(page, notice)
    desktop.check()

    # Hand the case to a colleague: a reason is needed, and kept with what was chosen.
    page = desktop.goto(f"/office/cases/{reference}")
    page.locator("#assignment a", has_text="Reassign the case").click()
    page.locator("#assignee").select_option(str(colleague))
    page.locator("main form button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#assignee").input_value() == str(colleague)
    desktop.check()
    page.locator("#reason").fill("陈桌面下周休假")
    page.locator("main form button[type=submit]").click()
    assert "黄同事" in page.locator("#assignment").inner_text() and "陈桌面下周休假" in page.locator("#assignment").inner_text()
    desktop.check()

    # The queue shows who handles what and each caseworker's load; "my cases" is now empty of it.
    page = desktop.goto("/office?status=open")
    assert "黄同事" in page.locator("section.workload").inner_text()
    assert "黄同事" in page.locator("table").inner_text()
    desktop.check()
    page = desktop.goto("/office?status=open&mine=y")
    assert reference not in page.locator("main").inner_text() and next_reference not in page.locator("main").inner_text()
    desktop.check()
    with live_server.data():
        assert db.session.scalar(db.select(Application.assigned_to_id).where(Application.reference == reference)) \
            == colleague
