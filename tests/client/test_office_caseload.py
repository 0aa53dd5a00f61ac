"""Each request carries its application's caseworker (portal/office/caseload.py), so the queue's
per-caseworker counts read one index range: the copy follows every change in the same
transaction, and the counts equal a recount that joins every open request to its application,
also when an assignment and a change to one of the case's requests race (PostgreSQL)."""
from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import func
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from portal.extensions import db
from portal.models import Application, AssistanceRequest
from portal.models.request import OPEN
from portal.office import assignment
from portal.office.queue import overdue_clause
from tests.factories import (
    DEFAULT_OFFICE,
    OTHER_OFFICE,
    create_account,
    create_application,
)


def _recount(office_code: str, day: date) -> dict:
    """Open and overdue requests by caseworker, from the applications (what workload read before)."""
    r = AssistanceRequest
    rows = db.session.execute(
        db.select(Application.assigned_to_id, func.count(), func.count().filter(overdue_clause(day)))
        .join(Application, Application.id == r.application_id)
        .where(r.office_code == office_code, r.stage == OPEN).group_by(Application.assigned_to_id)).all()
    return {assigned: (int(n), int(late)) for assigned, n, late in rows}


def _workload(office_code: str, day: date) -> dict:
    return {(load.account.id if load.account else None): (load.open, load.overdue)
            for load in assignment.workload(office_code, day) if load.open or load.overdue}


def _copies_match() -> None:
    for request in db.session.scalars(db.select(AssistanceRequest)):
        assert request.assigned_to_id == request.application.assigned_to_id, request.id


def test_requests_follow_their_application_and_the_counts_equal_a_recount(any_app):
    today = date.today()
    first, second = create_account("caseworker"), create_account("caseworker")
    elsewhere = create_account("caseworker", office_code=OTHER_OFFICE)
    household = create_application(types=("dibao", "medical", "education"), assigned_to_id=first.id)
    late = create_application(assigned_to_id=first.id)
    late.requests[0].due_on = today - timedelta(days=2)
    waiting = create_application(types=("dibao", "medical"))
    waiting.requests[0].deadline_on = today - timedelta(days=1)
    closed = create_application(assigned_to_id=second.id)
    closed.requests[0].status = "IN_PAYMENT"
    other = create_application(office_code=OTHER_OFFICE, assigned_to_id=elsewhere.id)
    db.session.commit()
    assert [r.assigned_to_id for r in household.requests] == [first.id] * 3
    assert closed.requests[0].stage != OPEN
    _copies_match()
    assert _workload(DEFAULT_OFFICE, today) == _recount(DEFAULT_OFFICE, today) == {
        first.id: (4, 1), None: (2, 1)}
    assert _workload(OTHER_OFFICE, today) == _recount(OTHER_OFFICE, today) == {elsewhere.id: (1, 0)}

    # Through the service: reassigned with a reason; every request of the case moves with it.
    versions = [r.version for r in household.requests]
    outcome = assignment.assign(first, household, str(second.id), "休假", str(household.version))
    assert outcome.done
    db.session.expire_all()
    assert [r.assigned_to_id for r in household.requests] == [second.id] * 3
    assert [r.version for r in household.requests] == [v + 1 for v in versions]
    # Set directly (demo data, tests) and a request added later: the copy follows too.
    waiting.assigned_to_id = first.id
    waiting.requests.append(AssistanceRequest(
        type="housing", status="SUBMITTED", authority="civil_affairs_district", office_code=DEFAULT_OFFICE,
        district_code=DEFAULT_OFFICE[:6], basis="hukou", entered_on=today))
    db.session.commit()
    db.session.expire_all()
    _copies_match()
    assert _workload(DEFAULT_OFFICE, today) == _recount(DEFAULT_OFFICE, today) == {
        first.id: (4, 2), second.id: (3, 0)}
    assert other.requests[0].assigned_to_id == elsewhere.id


def test_the_page_shows_the_counts_from_the_index(client):
    from tests.factories import sign_in
    from tests.helpers.pages import get_page

    me = create_account("caseworker", display_name="王芳")
    create_application(types=("dibao", "medical"), assigned_to_id=me.id)
    create_application()
    sign_in(client, me)
    text = get_page(client, "/office").find(class_="workload").get_text(" ", strip=True)
    assert "王芳 在办 2 项，逾期 0 项" in text and "尚未分派 在办 1 项，逾期 0 项" in text


@pytest.mark.postgres
def test_an_assignment_racing_a_change_to_one_of_its_requests_keeps_the_copy(pg_app):
    """The assignment updates the case's requests (their locks and versions): a change to one of
    them made meanwhile waits and is refused as stale, or, made first, makes the assignment
    stale. Either way every request ends with its application's caseworker."""
    today = date.today()
    first, second = create_account("caseworker"), create_account("caseworker")
    case = create_application(types=("dibao", "medical"), assigned_to_id=first.id)
    request_id, application_id = case.requests[0].id, case.id
    first_id, second_id = first.id, second.id
    engine = db.engine
    db.session.remove()

    # 1. The assignment flushes first and holds its transaction open; the change waits for it.
    assigning = Session(engine)
    application = assigning.get(Application, application_id)
    application.assigned_to_id = second_id
    assigning.flush()
    outcome: dict = {}

    def change() -> None:
        with pg_app.app_context(), Session(engine) as changing:
            request = changing.get(AssistanceRequest, request_id)
            request.status = "ACCEPTED"
            try:
                changing.commit()
                outcome["change"] = "saved"
            except StaleDataError:
                changing.rollback()
                outcome["change"] = "stale"

    racing = threading.Thread(target=change)
    racing.start()
    racing.join(1.0)
    assert racing.is_alive()  # waiting for the assignment's row lock
    assigning.commit()
    assigning.close()
    racing.join(30)
    assert outcome["change"] == "stale"

    # 2. The change flushes first; the assignment then waits for it and is refused as stale.
    changing = Session(engine)
    request = changing.get(AssistanceRequest, request_id)
    request.status = "ACCEPTED"
    changing.flush()

    def assign_back() -> None:
        with pg_app.app_context(), Session(engine) as other:
            application = other.get(Application, application_id)
            application.assigned_to_id = first_id
            try:
                other.commit()
                outcome["assign"] = "saved"
            except StaleDataError:
                other.rollback()
                outcome["assign"] = "stale"

    racing = threading.Thread(target=assign_back)
    racing.start()
    racing.join(1.0)
    assert racing.is_alive()
    changing.commit()
    changing.close()
    racing.join(30)
    assert outcome["assign"] == "stale"

    db.session.remove()
    _copies_match()
    assert {r.assigned_to_id for r in db.session.scalars(db.select(AssistanceRequest))} == {second_id}
    assert _workload(DEFAULT_OFFICE, today) == _recount(DEFAULT_OFFICE, today) == {second_id: (2, 0)}


def test_the_unfiltered_lists_take_their_size_from_the_headline_counts(any_app):
    """The action and open lists are sized by the headline counts (running totals) instead of a
    count of the backlog: for every status the workflow has, delegated or not, and notices still
    running, ended or without a day, the size equals a count of the rows the list reads."""
    from portal.domain.workflow_tables import WORKFLOWS
    from portal.office import queue
    from portal.office.scope import SCOPE_CODE, scope_of

    today = date.today()
    for n, (type_, wf) in enumerate(WORKFLOWS.items()):
        states = sorted(str(s) for s in wf.states)
        application = create_application(types=(str(type_),) * len(states))
        for i, (request, status) in enumerate(zip(application.requests, states)):
            request.status = status
            request.delegated = (n + i) % 3 == 0
            request.due_on = today + timedelta(days=(i % 3) - 1) if i % 4 else None
    for days in (3, 0, -2):
        notice = create_application(types=("dibao",)).requests[0]
        notice.status, notice.due_on = "PUBLICITY", today + timedelta(days=days)
    db.session.commit()
    for account in (create_account("caseworker"), create_account("reviewer")):
        head = queue.counts(account, today)
        scope = scope_of(account)
        assert scope is not None
        for group, expected in (("action", head.action), ("open", head.open)):
            filters = queue.Filters(group=group)
            statement, _page = queue._list_statements(filters, account.role, scope[0], today)
            recount = db.session.scalar(statement, {SCOPE_CODE: scope[1], "reach": 10**6})
            assert queue._counted(filters, head) == expected == recount > 0, (account.role, group)
        assert queue._counted(queue.Filters(group="action", type="dibao"), head) is None
        assert queue._counted(queue.Filters(group="open", mine=True), head) is None
        assert queue._counted(queue.Filters(group="support"), head) is None
