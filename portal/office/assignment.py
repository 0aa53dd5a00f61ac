"""Assigning a case to a caseworker of the street office.

The case is the application: one caseworker handles all of its requests at the office. Taking,
giving and moving a case is an office action written as an event on the application (not shown
to the resident) in the same transaction as the change. The form carries the application's
version: if someone else assigned it in between, nothing is written and the page says so.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, func
from sqlalchemy.orm.exc import StaleDataError

from portal.domain.assignment import REASON_MAX, assignment_problem
from portal.domain.vocabulary import Role
from portal.extensions import db
from portal.models import Account, Application, AssistanceRequest, Event, utcnow
from portal.models.request import OPEN
from portal.office.queue import overdue_clause

ASSIGN_ACTION = "assign_case"

MESSAGES = {
    "assignee_unknown": _l("Choose a caseworker of your street office"),
    "already_assigned": _l("The case is already assigned to this caseworker"),
    "reason_too_long": _l("Write the reason in at most %(max)d characters", max=REASON_MAX),
    "reassign_reason_required": _l("Write why the case moves to another caseworker"),
    "stale": _l("Someone else assigned this case while you were looking at it. Check the assignment below and try again."),
}


def colleagues(office_code: str | None) -> list[Account]:
    """The active caseworkers of the street office, by name."""
    if not office_code:
        return []
    return list(db.session.scalars(
        db.select(Account).where(Account.role == Role.CASEWORKER, Account.office_code == office_code,
                                 Account.active.is_(True)).order_by(Account.display_name, Account.id)))


def assignee(application: Application) -> Account | None:
    return db.session.get(Account, application.assigned_to_id) if application.assigned_to_id else None


@dataclass
class Outcome:
    done: bool = False
    stale: bool = False
    problems: dict[str, str] = field(default_factory=dict)


def _int(raw) -> int | None:
    text = str(raw or "")
    return int(text) if text.isdigit() and len(text) < 12 else None


def assign(actor: Account, application: Application, target_raw, reason: str, version_raw) -> Outcome:
    """Give the case to the caseworker whose id is ``target_raw`` (the actor, to take it)."""
    reason = (reason or "").strip()
    if _int(version_raw) != application.version:
        return Outcome(stale=True)
    team = frozenset(a.id for a in colleagues(actor.office_code))
    current = application.assigned_to_id
    target = _int(target_raw)
    problem = assignment_problem(current, target, team, reason)
    if problem:
        return Outcome(problems={problem[0]: problem[1]})
    application.assigned_to_id = target
    db.session.add(Event(application_id=application.id, request_id=None, action=ASSIGN_ACTION, from_state=None,
                         to_state=None, actor_account_id=actor.id, actor_role=actor.role, at=utcnow(),
                         reason=reason or None, data={"assigned_from": current, "assigned_to": target},
                         visible_to_resident=False))
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        return Outcome(stale=True)
    return Outcome(done=True)


@dataclass
class Load:
    account: Account | None  # None: the office's unassigned cases
    open: int
    overdue: int


@lru_cache(maxsize=8)
def _workload_statement(day: date):
    """Open and overdue requests by caseworker at the bound "office", built once a day. One range
    of ix_requests_office_caseload, read from the index alone: each request carries its
    application's caseworker (portal/office/caseload.py), so no application is read."""
    r = AssistanceRequest
    return (db.select(r.assigned_to_id, func.count(), func.count().filter(overdue_clause(day)))
            .where(r.office_code == bindparam("office"), r.stage == OPEN).group_by(r.assigned_to_id))


def workload(office_code: str | None, day: date) -> list[Load]:
    """Each caseworker's open and overdue requests at the office, and the unassigned ones."""
    if not office_code:
        return []
    rows = db.session.execute(_workload_statement(day), {"office": office_code}).all()
    by_id = {assigned: (int(n or 0), int(late or 0)) for assigned, n, late in rows}
    loads = [Load(a, *by_id.pop(a.id, (0, 0))) for a in colleagues(office_code)]
    unassigned = by_id.pop(None, (0, 0))
    # Cases still held by someone who left the office count as theirs until reassigned.
    for assigned, (n, late) in by_id.items():
        loads.append(Load(db.session.get(Account, assigned), n, late))
    loads.append(Load(None, *unassigned))
    return loads


def history(application: Application) -> list[Event]:
    return list(db.session.scalars(db.select(Event).where(Event.application_id == application.id,
                                                          Event.action == ASSIGN_ACTION).order_by(Event.id.desc())))


@dataclass
class Change:
    event: Event
    actor: str
    before: str
    after: str


def changes(application: Application) -> list[Change]:
    """The case's assignments, newest first, with the names of who gave it to whom."""
    events = history(application)
    ids = {e.actor_account_id for e in events}
    for e in events:
        ids |= {(e.data or {}).get("assigned_from"), (e.data or {}).get("assigned_to")}
    ids.discard(None)
    names = ({a.id: a.display_name for a in db.session.scalars(db.select(Account).where(Account.id.in_(ids)))}
             if ids else {})
    return [Change(e, names.get(e.actor_account_id, ""), names.get((e.data or {}).get("assigned_from"), ""),
                   names.get((e.data or {}).get("assigned_to"), "")) for e in events]


def names_of(ids: set) -> dict[int, str]:
    """Display names of the caseworkers with these ids (the queue's "Caseworker" column)."""
    ids = {i for i in ids if i}
    if not ids:
        return {}
    return {a.id: a.display_name for a in db.session.scalars(db.select(Account).where(Account.id.in_(ids)))}
