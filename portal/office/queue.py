"""The office queue: requests in the person's scope, filtered, counted, ordered and paginated.

Order: urgent emergency aid first, then other urgent requests, then the current step's due
date (soonest first, none last), then the overall deadline. Filters are plain SQL, so counts
and pages stay cheap however many requests an office holds (``ix_requests_office_status_due``).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from sqlalchemy import String, and_, case, cast, false, func, or_
from sqlalchemy.orm import defer
from sqlalchemy.sql.elements import ColumnElement

from portal.domain import workflow
from portal.domain.calendar import shanghai_date
from portal.domain.workflow_tables import WORKFLOWS
from portal.extensions import db
from portal.models import Account, Application, AssistanceRequest, utcnow
from portal.office.scope import scope_clause
from portal.tracking.transitions import state_of

PAGE_SIZE = 20

# Requests with work still to do at an office (or waiting on the resident or another authority).
OPEN_STATES = frozenset({
    "SUBMITTED", "NEEDS_MATERIALS", "TRANSFERRED", "ACCEPTED", "INVESTIGATING", "DATA_CHECK", "CHECK_FAILED",
    "RECHECK", "HOME_VISIT", "PRELIM_OPINION", "PUBLICITY", "DISPUTED", "COUNTY_REVIEW", "APPROVED", "REJECTED",
    "SELF_CARE_ASSESSMENT", "SUPPORT_CHOICE", "TERMINATION_NOTICE", "TERMINATION_DISPUTED", "FAST_AID_GRANTED",
    "BACKFILL", "STAGED_AID", "FORWARDED", "RETURNED", "UNDER_REVIEW",
})
# Steady states after a decision: support being paid, or a recognition in force.
SUPPORT_STATES = frozenset({"IN_PAYMENT", "PHASING_OUT"})
RECOGNITIONS = ("low_income", "rigid_expenditure")
STATUS_GROUPS = ("action", "open", "support", "closed", "all")


# Actions that are possible at many steps but do not move a case along (a 45-day reason, ending
# or stopping, a complaint, a review started at will): they alone do not put a request in
# "needs your action", or every running case would be there.
NOT_PROGRESS = frozenset({
    "record_special_reason", "terminate", "record_complaint", "withdraw", "stop", "phase_out", "propose_termination",
    "schedule_review", "report_change", "transfer", "expire", "record_objection", "object",
})


def progress_actions(actions) -> list:
    return [a for a in actions if a.name not in NOT_PROGRESS]


@lru_cache(maxsize=8)
def _action_states(role: str) -> tuple[tuple[str, bool, frozenset[str]], ...]:
    """(type, delegated, states) where ``role`` takes a progress action in its own right."""
    rows = []
    for type_, wf in WORKFLOWS.items():
        for delegated in (False, True):
            states = frozenset(str(a.source) for a in progress_actions(wf.actions)
                               if role in {str(r) for r in workflow.effective_roles(a, delegated)})
            rows.append((str(type_), delegated, states))
    return tuple(rows)


# The clauses below are immutable SQL expressions that depend only on their arguments; they are
# built once (per role and day) instead of on every queue page, where building them was about a
# third of the page's server time (issue 10).
@lru_cache(maxsize=32)
def needs_action_clause(role: str, day: date) -> ColumnElement[bool]:
    r = AssistanceRequest
    parts = [and_(r.type == t, r.delegated.is_(d), r.status.in_(sorted(s))) for t, d, s in _action_states(role) if s]
    if not parts:
        return false()
    # A notice can be closed only once its 7 days have run; a refusal is sent once.
    notice_running = and_(r.status.in_(("PUBLICITY", "TERMINATION_NOTICE")), r.due_on >= day)
    refusal_sent = and_(r.status == "REJECTED", cast(r.flags, String).like('%"refusal_notified"%'))
    return and_(or_(*parts), ~notice_running, ~refusal_sent)


@lru_cache(maxsize=1)
def _support_clause() -> ColumnElement[bool]:
    r = AssistanceRequest
    return or_(r.status.in_(sorted(SUPPORT_STATES)), and_(r.status == "APPROVED", r.type.in_(RECOGNITIONS)))


@lru_cache(maxsize=1)
def _open_clause() -> ColumnElement[bool]:
    r = AssistanceRequest
    return and_(r.status.in_(sorted(OPEN_STATES)), ~and_(r.status == "APPROVED", r.type.in_(RECOGNITIONS)))


def group_clause(group: str, role: str, day: date) -> ColumnElement[bool] | None:
    if group == "action":
        return needs_action_clause(role, day)
    if group == "open":
        return _open_clause()
    if group == "support":
        return _support_clause()
    if group == "closed":
        return ~or_(_open_clause(), _support_clause())
    return None


def today() -> date:
    return shanghai_date(utcnow())


def week_end(day: date) -> date:
    """The Sunday ending the week of ``day`` (weeks run Monday to Sunday in China)."""
    return day + timedelta(days=6 - day.weekday())


def overdue_clause(day: date) -> ColumnElement[bool]:
    r = AssistanceRequest
    return or_(r.due_on < day, r.deadline_on < day)


def due_this_week_clause(day: date) -> ColumnElement[bool]:
    r = AssistanceRequest
    return and_(r.due_on >= day, r.due_on <= week_end(day))


@dataclass(frozen=True)
class Filters:
    group: str = "action"
    state: str | None = None
    type: str | None = None
    urgent: bool = False
    overdue: bool = False
    this_week: bool = False
    page: int = 1

    @classmethod
    def from_args(cls, args) -> "Filters":
        """From query arguments; anything unknown or malformed falls back to the default."""
        status = args.get("status", "action")
        group, state = ("action", None)
        if status in STATUS_GROUPS:
            group = status
        elif status in {str(s) for wf in WORKFLOWS.values() for s in wf.states}:
            group, state = "all", status
        type_ = args.get("type") or None
        if type_ not in {str(t) for t in WORKFLOWS}:
            type_ = None
        raw_page = args.get("page", "1")
        page = int(raw_page) if raw_page.isdigit() and len(raw_page) < 7 else 1
        flag = lambda name: args.get(name) in ("y", "1", "on")  # noqa: E731
        return cls(group, state, type_, flag("urgent"), flag("overdue"), flag("this_week"), max(1, page))

    @property
    def status(self) -> str:
        return self.state or self.group

    def args(self, **changes) -> dict:
        """Query arguments for a link to these filters with ``changes`` applied."""
        values = {"status": self.status, "type": self.type, "urgent": "y" if self.urgent else None,
                  "overdue": "y" if self.overdue else None, "this_week": "y" if self.this_week else None,
                  "page": self.page if self.page > 1 else None}
        values.update(changes)
        return {k: v for k, v in values.items() if v not in (None, "", False)}


@dataclass
class Row:
    request: AssistanceRequest
    application: Application
    overdue: bool
    actionable: bool


@dataclass
class Counts:
    action: int = 0
    open: int = 0
    urgent: int = 0
    overdue: int = 0
    this_week: int = 0


@dataclass
class QueuePage:
    rows: list[Row]
    total: int
    page: int
    pages: int
    counts: Counts
    today: date


def _conditions(account: Account, filters: Filters, day: date) -> list[ColumnElement[bool]]:
    r = AssistanceRequest
    conditions = [scope_clause(account)]
    group = group_clause(filters.group, account.role, day)
    if group is not None:
        conditions.append(group)
    if filters.state:
        conditions.append(r.status == filters.state)
    if filters.type:
        conditions.append(r.type == filters.type)
    if filters.urgent:
        conditions.append(r.urgent.is_(True))
    if filters.overdue:
        conditions.append(overdue_clause(day))
    if filters.this_week:
        conditions.append(due_this_week_clause(day))
    return conditions


@lru_cache(maxsize=32)
def _count_statement(role: str, day: date):
    """The totals of :func:`counts` for ``role`` on ``day``, without the scope (built once, see above)."""
    r = AssistanceRequest
    active = or_(_open_clause(), _support_clause())

    def total(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    # Only rows that can count somewhere are read: every total below needs an open, supported or
    # actionable status. Without this the query aggregated every request the office ever had, and
    # its cost grew with the years of decided cases (issue 10: 40 thousand rows at a busy office).
    countable = OPEN_STATES | SUPPORT_STATES | {s for _t, _d, states in _action_states(role) for s in states}
    return (db.select(total(needs_action_clause(role, day)), total(_open_clause()),
                      total(and_(_open_clause(), r.urgent.is_(True))), total(and_(active, overdue_clause(day))),
                      total(and_(active, due_this_week_clause(day))))
            .where(r.status.in_(sorted(countable))))


def counts(account: Account, day: date | None = None) -> Counts:
    """The headline numbers of the person's queue, in one query."""
    day = day or today()
    row = db.session.execute(_count_statement(account.role, day).where(scope_clause(account))).one()
    return Counts(*(int(v or 0) for v in row))


def order_by():
    r = AssistanceRequest
    urgency = case((and_(r.urgent.is_(True), r.type == "temp_emergency"), 0), (r.urgent.is_(True), 1), else_=2)
    return (urgency, r.due_on.is_(None), r.due_on, r.deadline_on.is_(None), r.deadline_on, r.id)


def available(account: Account, request: AssistanceRequest, day: date) -> list[workflow.Action]:
    """The actions ``account`` may take on ``request`` now (table order), time conditions included."""
    return workflow.allowed_actions(request.type, request.status, account.role, state_of(request).context(day))


def _actionable(account: Account, request: AssistanceRequest, day: date) -> bool:
    role = workflow.Role(account.role)
    return any(not workflow.needs_principal(a, role, bool(request.delegated))
               for a in progress_actions(available(account, request, day)))


def is_overdue(request: AssistanceRequest, day: date) -> bool:
    if request.status not in OPEN_STATES | SUPPORT_STATES:
        return False
    return bool((request.due_on and request.due_on < day) or (request.deadline_on and request.deadline_on < day))


def queue(account: Account, filters: Filters, day: date | None = None) -> QueuePage:
    day = day or today()
    conditions = _conditions(account, filters, day)
    total = db.session.scalar(db.select(func.count(AssistanceRequest.id)).where(*conditions)) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(filters.page, pages)
    # The page's ids are chosen first from the queue index alone (it holds every column the
    # filters and the order read), then only those rows are read: sorting whole rows made a
    # filter matching thousands of requests read each of them (issue 10). The list shows the
    # reference and the name, so the answers (a few KB of ciphertext per row) are not loaded.
    page_ids = (db.select(AssistanceRequest.id).where(*conditions).order_by(*order_by())
                .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE))
    rows = db.session.execute(
        db.select(AssistanceRequest, Application).join(Application, Application.id == AssistanceRequest.application_id)
        .options(defer(Application.answers))
        .where(AssistanceRequest.id.in_(page_ids.scalar_subquery())).order_by(*order_by())
    ).all()
    result = [Row(req, app, is_overdue(req, day), _actionable(account, req, day)) for req, app in rows]
    return QueuePage(result, total, page, pages, counts(account, day), day)
