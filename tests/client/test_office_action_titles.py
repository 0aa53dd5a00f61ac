"""Every action page of a request is titled after the action and names the case.

A caseworker with several tabs open, or a screen reader user moving between windows, tells the
pages apart by their titles: "终止审核确认" alone was the title on every request it was opened for.
Each action page's <title> and <h1> now carry the reference number and the kind of assistance,
and are called after what the page does ("撤回申请"), not what it leads to ("已撤回", the
history's word for the event).
"""
from __future__ import annotations

import re

import pytest

from portal.domain.workflow_tables import WORKFLOWS
from portal.status import texts
from tests.client.test_office_actions import _actor_role, _put_in_state, console_rows
from tests.factories import create_account, create_application, sign_in
from tests.helpers.pages import get_page

# An English action title starts with what the person does.
VERBS = {"Accept", "Approve", "Ask", "Close", "Complete", "Do", "End", "Finish", "Forward", "Grant", "Keep",
         "Open", "Propose", "Record", "Refer", "Refuse", "Report", "Send", "Skip", "Start", "Stop", "Take",
         "Change", "Withdraw"}


def _site_suffix(app, locale: str) -> str:
    from flask_babel import force_locale, gettext

    with app.test_request_context(), force_locale(locale):
        return " - " + gettext("Social Assistance Portal")


def _walk(client, app, type_: str, locale: str) -> tuple[object, dict[str, tuple[str, str]]]:
    """Open every action page of one request of ``type_``: {action: (title, h1)}. Each page cites
    its legal basis in words: never the workflow's source keys or design notes ("[I] rules.md")."""
    clients = {}
    for role in ("caseworker", "reviewer"):
        clients[role] = client.application.test_client()
        sign_in(clients[role], create_account(role, locale=locale))
    application = create_application(types=(type_,))
    request = application.requests[0]
    pages: dict[str, tuple[str, str]] = {}
    for row_type, row in console_rows():
        if row_type != type_ or row.name in pages:
            continue
        _put_in_state(request, row)
        page = get_page(clients[_actor_role(row)], f"/office/requests/{request.id}/actions/{row.name}")
        pages[row.name] = (page.title.get_text(), page.h1.get_text(" ", strip=True))
        text = page.find(id="main").get_text(" ")
        assert not re.search(r"rules\.md|\[I\]|\bS-[A-Z]{2}\b", text), (row.name, text)
    return application, pages


@pytest.mark.parametrize("type_", sorted(str(t) for t in WORKFLOWS))
def test_every_action_page_of_a_request_has_its_own_title_naming_the_case(client, app, type_):
    suffix = _site_suffix(app, "zh_Hans")
    application, pages = _walk(client, app, type_, "zh_Hans")
    kind = None
    with app.test_request_context():
        from flask_babel import force_locale

        with force_locale("zh_Hans"):
            kind = texts.type_label(type_)
    assert set(pages) == {row.name for t, row in console_rows() if t == type_}
    titles = [title for title, _h1 in pages.values()]
    assert len(set(titles)) == len(titles), titles  # no two action pages of one request share a title
    for name, (title, h1) in pages.items():
        assert title.endswith(suffix), title
        action, _sep, case = title[: -len(suffix)].partition(" · ")
        assert case == f"{application.reference} {kind}", title
        assert application.reference in h1 and kind in h1 and h1.endswith(action), (title, h1)
        action = action.removeprefix("代申请人办理：")
        # "已撤回", "已补齐材料", "认定已到期" name what happened, not what the page does.
        assert not action.startswith("已") and "已到期" not in action, (name, title)


@pytest.mark.parametrize("type_", ["dibao", "tekun", "temp_emergency", "medical"])
def test_english_action_titles_start_with_a_verb(client, app, type_):
    suffix = _site_suffix(app, "en")
    application, pages = _walk(client, app, type_, "en")
    assert pages
    for name, (title, _h1) in pages.items():
        action = title[: -len(suffix)].partition(" · ")[0].removeprefix("For the resident: ")
        first = re.split(r"[\s:]", action)[0]
        assert first in VERBS, (name, title)  # "Withdrawn", "Records check passed" would fail


def test_two_requests_never_share_an_action_pages_title(client):
    row = next(r for t, r in console_rows() if t == "dibao" and r.name == "terminate")
    sign_in(client, create_account(_actor_role(row)))
    titles = set()
    for _ in range(3):
        request = create_application(types=("dibao",)).requests[0]
        _put_in_state(request, row)
        titles.add(get_page(client, f"/office/requests/{request.id}/actions/terminate").title.get_text())
    assert len(titles) == 3 and all(t.startswith("终止审核确认 · SZ") for t in titles), titles


def test_the_outcome_word_stays_in_the_history_and_the_button_says_the_action(client):
    caseworker = create_account("caseworker")
    application = create_application(types=("dibao",))
    sign_in(client, caseworker)
    page = get_page(client, f"/office/cases/{application.reference}")
    buttons = [a.get_text(strip=True) for a in page.select("ul.actions a")]
    assert "代申请人办理：撤回申请" in buttons and not [b for b in buttons if "已撤回" in b]
