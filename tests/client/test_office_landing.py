"""After an action, the next thing to do with a one-line confirmation where the browser lands
: the same request, another request of the household, the next case, the queue."""
from __future__ import annotations

from datetime import timedelta

from portal.extensions import db
from tests.client.test_office_actions import _today
from tests.factories import create_account, create_application, sign_in
from tests.helpers.pages import check_html, get_page, submit


def _in_state(application, status, index=0):
    request = application.requests[index]
    request.status = status
    request.accepted_on = _today() - timedelta(days=3)
    db.session.commit()
    return request


def _act(client, request, action, data=None):
    url = f"/office/requests/{request.id}/actions/{action}"
    page = get_page(client, url)
    form = page.select("form")[-1]
    hidden = {i["name"]: i.get("value", "") for i in form.select('input[type="hidden"]') if i["name"] != "csrf_token"}
    response = submit(client, url, {**hidden, **(data or {})})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response.headers["Location"]


def _landed(client, location):
    """The page landed on, and the confirmation shown in the section the address points at."""
    page = check_html(client.get(location).get_data(as_text=True))
    anchor = location.partition("#")[2]
    where = page.find(id=anchor) if anchor else page.find("main")
    notice = where.find(class_="notice", role="status")
    return page, notice.get_text(" ", strip=True) if notice else None


def test_while_the_request_still_waits_for_me_i_land_on_it_with_the_confirmation_there(client):
    application = create_application()
    request = application.requests[0]
    sign_in(client, create_account("caseworker"))
    client.get("/language/en")
    location = _act(client, request, "accept", {"close_relative_of_staff": "no"})
    assert location.endswith(f"/office/cases/{application.reference}#request-{request.id}")
    page, notice = _landed(client, location)
    assert notice == "Done: Accept."
    # Shown once, in its section only: not again at the top of the page, not on the next page.
    assert len(page.find_all(class_="notice", role="status")) == 1
    assert _landed(client, location)[1] is None


def test_then_another_request_of_the_household_then_the_next_case_then_the_queue(client):
    household = create_application(types=("dibao", "medical"))
    dibao = _in_state(household, "INVESTIGATING")
    medical = household.requests[1]
    later = create_application()
    sign_in(client, create_account("caseworker"))
    client.get("/language/en")
    # Asking for the economic check leaves nothing on 低保 for the caseworker now: the medical request waits.
    location = _act(client, dibao, "request_data_check")
    assert location.endswith(f"/office/cases/{household.reference}#request-{medical.id}")
    assert "Next on this case" in _landed(client, location)[1]
    # Asking for documents for the medical request leaves nothing in this household: the next case.
    location = _act(client, medical, "request_materials", {"missing_items": "诊断证明"})
    assert location.endswith(f"/office/cases/{later.reference}#request-{later.requests[0].id}")
    notice = _landed(client, location)[1]
    assert household.reference in notice and later.reference in notice and "Next in your queue" in notice
    # The last case: back to the queue, the confirmation at the top.
    location = _act(client, later.requests[0], "request_materials", {"missing_items": "户口簿"})
    assert location.endswith("/office")
    page, notice = _landed(client, location)
    assert "Nothing else needs your action now" in notice and page.find("h1").get_text() == "Office queue"
