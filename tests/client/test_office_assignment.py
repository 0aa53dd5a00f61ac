"""Assigning cases to caseworkers: take, give, reassign with a reason, "my cases",
and each caseworker's open and overdue counts on the office's queue."""
from __future__ import annotations

import re
from datetime import timedelta

from portal.domain.assignment import assignment_problem
from portal.extensions import db
from portal.models import Event
from tests.client.test_office_actions import _today
from tests.factories import OTHER_OFFICE, create_account, create_application, sign_in
from tests.helpers.pages import check_html, csrf_token, get_page, submit


def _assign(client, application, data, status=None):
    url = f"/office/cases/{application.reference}/assign"
    return submit(client, url, {"version": str(application.version), **data}, status=status)


def _events(application):
    return list(db.session.scalars(db.select(Event).where(Event.application_id == application.id,
                                                          Event.action == "assign_case")))


def test_the_rules_of_assignment():
    team = frozenset({1, 2})
    assert assignment_problem(None, 1, team, "") is None
    assert assignment_problem(None, 3, team, "") == ("assignee", "assignee_unknown")
    assert assignment_problem(1, 1, team, "") == ("assignee", "already_assigned")
    assert assignment_problem(1, 2, team, "  ") == ("reason", "reassign_reason_required")
    assert assignment_problem(1, 2, team, "休假") is None
    assert assignment_problem(1, 2, team, "x" * 501) == ("reason", "reason_too_long")


def test_a_caseworker_takes_an_unassigned_case_from_the_case_page(client):
    application = create_application(types=("dibao", "medical"))
    me = create_account("caseworker", display_name="王芳")
    sign_in(client, me)
    page = get_page(client, f"/office/cases/{application.reference}")
    assert "Nobody handles this case yet" in page.find(id="assignment").get_text() or \
        "尚未" in page.find(id="assignment").get_text()
    take = page.find(id="assignment").find("form")
    data = {i["name"]: i["value"] for i in take.find_all("input")}
    assert data["assignee"] == str(me.id)
    response = client.post(take["action"], data=data)
    assert response.status_code == 303 and response.headers["Location"].endswith("#assignment")
    db.session.refresh(application)
    assert application.assigned_to_id == me.id
    [event] = _events(application)
    assert event.actor_account_id == me.id and event.visible_to_resident is False and event.request_id is None
    page = check_html(client.get(response.headers["Location"]).get_data(as_text=True))
    assert "王芳" in page.find(id="assignment").get_text()
    assert page.find(id="assignment").find("form") is None  # taken: no "take" button any more
    assert "王芳" in page.find(class_="notice", role="status").get_text()  # the one-line confirmation


def test_reassigning_needs_a_reason_which_is_recorded_and_keeps_what_was_typed(client):
    first = create_account("caseworker", display_name="李一")
    second = create_account("caseworker", display_name="赵二")
    application = create_application(assigned_to_id=first.id)
    sign_in(client, first)
    response = _assign(client, application, {"assignee": str(second.id), "reason": ""}, status=200)
    page = check_html(response.get_data(as_text=True))
    assert page.find(class_="error-summary") is not None
    error = page.find(id="reason").find_parent("div").get_text()
    assert "原因" in error or "reason" in error.lower()
    assert page.find("select").find("option", selected=True)["value"] == str(second.id)
    db.session.refresh(application)
    assert application.assigned_to_id == first.id and _events(application) == []
    _assign(client, application, {"assignee": str(second.id), "reason": "李一休产假"}, status=303)
    db.session.refresh(application)
    assert application.assigned_to_id == second.id
    [event] = _events(application)
    assert event.reason == "李一休产假" and event.data == {"assigned_from": first.id, "assigned_to": second.id}
    text = get_page(client, f"/office/cases/{application.reference}").find(id="assignment").get_text()
    assert "赵二" in text and "李一休产假" in text and "李一" in text


def test_only_caseworkers_of_the_office_can_be_given_the_case(client):
    application = create_application()
    me = create_account("caseworker")
    elsewhere = create_account("caseworker", office_code=OTHER_OFFICE)
    gone = create_account("caseworker", active=False)
    reviewer = create_account("reviewer")
    sign_in(client, me)
    for target in (elsewhere.id, gone.id, reviewer.id, "x", "99999999999999999999", ""):
        _assign(client, application, {"assignee": str(target)}, status=200)
    db.session.refresh(application)
    assert application.assigned_to_id is None and _events(application) == []


def test_a_stale_form_is_a_conflict_not_a_double_assignment(client):
    first = create_account("caseworker")
    second = create_account("caseworker")
    application = create_application()
    sign_in(client, first)
    page = get_page(client, f"/office/cases/{application.reference}/assign")
    token = csrf_token(page)
    old_version = str(application.version)
    other = client.application.test_client()
    sign_in(other, second)
    _assign(other, application, {"assignee": str(second.id)}, status=303)
    response = client.post(f"/office/cases/{application.reference}/assign",
                           data={"csrf_token": token, "assignee": str(first.id), "version": old_version})
    assert response.status_code == 409
    db.session.refresh(application)
    assert application.assigned_to_id == second.id and len(_events(application)) == 1


def test_reviewers_and_other_offices_cannot_assign(client):
    application = create_application()
    sign_in(client, create_account("reviewer"))
    assert client.get(f"/office/cases/{application.reference}/assign").status_code == 403
    other = client.application.test_client()
    sign_in(other, create_account("caseworker", office_code=OTHER_OFFICE))
    assert other.get(f"/office/cases/{application.reference}/assign").status_code == 403
    assert client.get("/office/cases/..%2F../assign").status_code in (403, 404)


def test_my_cases_and_the_workload_of_each_caseworker(client):
    today = _today()
    me = create_account("caseworker", display_name="钱三")
    colleague = create_account("caseworker", display_name="孙四")
    mine = create_application(types=("dibao", "medical"), assigned_to_id=me.id, name="张甲")
    theirs = create_application(assigned_to_id=colleague.id, name="李乙")
    create_application(name="王丙")
    late = mine.requests[0]
    late.due_on = today - timedelta(days=2)
    db.session.commit()
    sign_in(client, me)
    page = get_page(client, "/office?status=open&mine=y")
    rows = page.find("table").find("tbody").find_all("tr")
    refs = {row.find("a").get_text(strip=True) for row in rows}
    assert refs == {mine.reference} and len(rows) == 2
    assert page.find("input", attrs={"name": "mine"}).has_attr("checked")
    page = get_page(client, "/office?status=open")
    assert len(page.find("table").find("tbody").find_all("tr")) == 4
    loads = {row.find("dt").get_text(strip=True): [int(n) for n in re.findall(r"\d+", row.find("dd").get_text())]
             for row in page.find(id="workload-title").find_parent("section").find_all("div")}
    assert loads["钱三"] == [2, 1] and loads["孙四"] == [1, 0]
    unassigned = [v for k, v in loads.items() if k not in ("钱三", "孙四")]
    assert unassigned == [[1, 0]]
    assert theirs.reference not in get_page(client, "/office?status=all&mine=y").get_text()
    mine_link = page.find("a", href=lambda h: h and "mine=y" in h)
    assert "2" in mine_link.get_text() and "mine=y" in mine_link["href"]
