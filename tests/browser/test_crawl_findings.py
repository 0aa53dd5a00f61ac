"""Issue 21.3 in Chromium: the secondary button is readable where it stands alone (the
remove-member page has it outside any .button-row), checked by axe and by its colours."""
from __future__ import annotations

import secrets

import pytest

from portal.extensions import db
from portal.models import Account, Application
from tests.browser.test_apply_journey import fresh
from tests.factories import sign_in
from tests.tools.walkthrough import three_person_family, walk

pytestmark = pytest.mark.browser


def _draft_with_members(live_server) -> tuple[int, int, str]:
    with live_server.data():
        account = Account(role="resident", phone=f"136{secrets.randbelow(10**8):08d}", display_name="居民")
        db.session.add(account)
        db.session.commit()
        client = live_server.app.test_client()
        sign_in(client, account)
        result = walk(client, fresh(three_person_family()), stop_at_check=True)
        draft_id = int(result.visited[-1].split("/")[2])
        members = db.session.get(Application, draft_id).answers["members"]
        ref = next(m["ref"] for m in members if m.get("ref") != "m1")
        return account.id, draft_id, ref


def _contrast(rgb_a: str, rgb_b: str) -> float:
    def luminance(rgb: str) -> float:
        channels = [int(v) / 255 for v in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(rgb_a), luminance(rgb_b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_secondary_button_on_the_remove_member_page_is_readable(phone, live_server, tmp_path):
    account_id, draft_id, ref = _draft_with_members(live_server)
    live_server.sign_in(phone.context, account_id)
    page = phone.goto(f"/apply/{draft_id}/member/{ref}/remove")
    button = page.locator("main a.button--secondary")
    assert button.count() == 1
    colours = button.evaluate("e => { const s = getComputedStyle(e); return [s.color, s.backgroundColor]; }")
    assert _contrast(*colours) >= 4.5, colours
    phone.check()  # axe-core, colour contrast included
    if phone.javascript:
        page.screenshot(path=str(tmp_path / "remove-member-375.png"), full_page=True)
