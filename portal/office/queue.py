"""The office queue: requests in the person's scope, filtered, counted, ordered and paginated.

Each request has a stage (``AssistanceRequest.stage``): open (being decided), support (paid or
recognised) or closed. Lists of open work are in queue order: urgent emergency aid first, then
other urgent requests, then the current step's due date (soonest first, none last), then the
overall deadline. The support list is ordered by the next review, the closed and "all" lists
newest first. Every query reads one of the partial or history indexes of
portal/models/request.py, each in the list's order: the headline counts cost the open backlog
and the reviews due this week, a page about one page of index, never the whole history of an
office or district.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from sqlalchemy import (
    Integer,
    and_,
    bindparam,
    false,
    func,
    literal_column,
    null,
    or_,
    union_all,
)
from sqlalchemy.orm import defer
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.util import ClauseAdapter

from portal.clock import today
from portal.domain import workflow
from portal.domain.workflow_tables import WORKFLOWS
from portal.extensions import db
from portal.models import Account, Application, AssistanceRequest
from portal.models.request import CLOSED, OPEN, SUPPORT
from portal.models.tally import RequestTally
from portal.office.scope import SCOPE_CODE, bound_scope, scope_of
from portal.tracking.state import state_of

PAGE_SIZE = 20
# A list's total is counted up to this many rows past the page shown ("more than N" beyond):
# counting every closed request of a district read hundreds of thousands of index entries.
COUNT_AHEAD = 500
STATUS_GROUPS = ("action", "open", "support", "closed", "all")
# Columns the queue's table can be sorted by, each a column the list's
# indexes hold: the order submitted (the id), the current step's due date, the decision's.
SORTS = ("received", "due", "deadline")
_STATES = frozenset(str(s) for wf in WORKFLOWS.values() for s in wf.states)
_TYPES = frozenset(str(t) for t in WORKFLOWS)


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


def _acting_clause(role: str) -> ColumnElement[bool]:
    """Type, delegation and status where ``role`` takes the next step, as a short condition.

    Grouped by status, and a type whose workflow has no such status is left out of the test,
    so most statuses need no type test at all: the condition of one (type, delegation, states)
    per row was long enough that planning it took several milliseconds per query."""
    r = AssistanceRequest
    acting: dict[str, set[tuple[str, bool]]] = {}
    for type_, delegated, states in _action_states(role):
        for state in states:
            acting.setdefault(state, set()).add((type_, delegated))
    everywhere, parts = [], []
    for state, pairs in sorted(acting.items()):
        having = {(str(t), d) for t, wf in WORKFLOWS.items() if state in {str(x) for x in wf.states}
                  for d in (False, True)}
        if having <= pairs:
            everywhere.append(state)
            continue
        types = sorted({t for t, _ in pairs})
        both = [t for t in types if (t, False) in pairs and (t, True) in pairs]
        one = [and_(r.type == t, r.delegated.is_(d)) for t, d in sorted(pairs) if t not in both]
        parts.append(and_(r.status == state, or_(*([r.type.in_(both)] if both else []), *one)))
    if everywhere:
        parts.insert(0, r.status.in_(everywhere))
    return or_(*parts) if parts else false()


# The clauses below are immutable SQL expressions that depend only on their arguments; they are
# built once (per role and day) instead of on every queue page, where building them was about a
# third of the page's server time.
@lru_cache(maxsize=32)
def _acting_now(role: str, day: date) -> ColumnElement[bool]:
    """Of open requests, those where ``role`` takes the next step on ``day``."""
    r = AssistanceRequest
    # A notice can be closed only once its 7 days have run.
    notice_running = and_(r.status.in_(("PUBLICITY", "TERMINATION_NOTICE")), r.due_on >= day)
    return and_(_acting_clause(role), ~notice_running)


def _group(group: str, role: str, day: date) -> tuple[str | None, list[ColumnElement[bool]]]:
    """The stage a list group reads, and its further conditions ("needs your action": open
    requests where ``role`` takes the next step; a sent refusal is closed, so not there)."""
    if group == "action":
        return OPEN, [_acting_now(role, day)]
    if group in (OPEN, SUPPORT, CLOSED):
        return group, []
    return None, []


def week_end(day: date) -> date:
    """The Sunday ending the week of ``day`` (weeks run Monday to Sunday in China)."""
    return day + timedelta(days=6 - day.weekday())


def overdue_clause(day: date) -> ColumnElement[bool]:
    r = AssistanceRequest
    return or_(r.due_on < day, r.deadline_on < day)


def late_parts(day: date) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """:func:`overdue_clause` as two disjoint conditions, each a range of one index of the open
    stage (``ix_requests_*_due``, ``ix_requests_*_deadline``): late by the step's due date, or
    not by it but by the decision deadline."""
    r = AssistanceRequest
    return r.due_on < day, and_(r.deadline_on < day, or_(r.due_on >= day, r.due_on.is_(None)))


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
    mine: bool = False  # only the cases assigned to the person
    sort: str | None = None  # a column of SORTS; None: the list's own order
    descending: bool = False

    @classmethod
    def from_args(cls, args) -> "Filters":
        """From query arguments; anything unknown or malformed falls back to the default."""
        status = args.get("status", "action")
        group, state = ("action", None)
        if status in STATUS_GROUPS:
            group = status
        elif status in _STATES:
            group, state = "all", status
        type_ = args.get("type") or None
        if type_ not in _TYPES:
            type_ = None
        raw_page = args.get("page", "1")
        page = int(raw_page) if raw_page.isdigit() and len(raw_page) < 7 else 1
        flag = lambda name: args.get(name) in ("y", "1", "on")  # noqa: E731
        sort = args.get("sort") if args.get("sort") in SORTS else None
        return cls(group, state, type_, flag("urgent"), flag("overdue"), flag("this_week"), max(1, page),
                   flag("mine"), sort, sort is not None and args.get("dir") == "desc")

    @property
    def status(self) -> str:
        return self.state or self.group

    def args(self, **changes) -> dict:
        """Query arguments for a link to these filters with ``changes`` applied."""
        values = {"status": self.status, "type": self.type, "urgent": "y" if self.urgent else None,
                  "overdue": "y" if self.overdue else None, "this_week": "y" if self.this_week else None,
                  "page": self.page if self.page > 1 else None, "mine": "y" if self.mine else None,
                  "sort": self.sort, "dir": "desc" if self.sort and self.descending else None}
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
    more: bool = False  # more rows match than ``total`` (counted only so far ahead)


@dataclass
class _Part:
    """One disjoint part of a list: the stage it reads (None: every stage) and the other filters."""

    stage: str | None
    where: list[ColumnElement[bool]]


def _conditions(role: str, filters: Filters, day: date) -> list[_Part]:
    """The filters as SQL, without the scope: one part, or two disjoint ones.

    "All" with a date filter is read as two parts, the open and the supported requests, so each
    is a range of its own partial index (closed requests have no due dates: the workflow clears
    them with the decision). One condition with OR across both made PostgreSQL visit every row."""
    r = AssistanceRequest
    others = []
    if filters.state:
        others.append(r.status == filters.state)
    if filters.type:
        others.append(r.type == filters.type)
    if filters.urgent:
        others.append(r.urgent.is_(True))
    this_week = [due_this_week_clause(day)] if filters.this_week else []
    where = [*([overdue_clause(day)] if filters.overdue else []), *this_week, *others]
    stage, more = _group(filters.group, role, day)
    if stage is None and (filters.overdue or filters.this_week):
        # Supported requests have no decision deadline (the workflow sets one only while the
        # decision is awaited), so one is late by its review's due date alone: a range of
        # ix_requests_*_support, where testing the deadline too read every supported request.
        supported = [*([r.due_on < day] if filters.overdue else []), *this_week, *others]
        return [_Part(OPEN, where), _Part(SUPPORT, supported)]
    return [_Part(stage, more + where)]


def _in_queue_order(filters: Filters) -> bool:
    """Open work is listed most urgent first; support by next review; history newest first."""
    return filters.group in ("action", OPEN) or filters.state is not None or filters.overdue or filters.this_week


# Notices that run for a fixed time: a request in one is not actionable until its days have run.
NOTICE_STATES = ("PUBLICITY", "TERMINATION_NOTICE")


@lru_cache(maxsize=8)
def _acting_keys(role: str) -> frozenset[tuple[str, bool, str]]:
    """(type, delegated, status) where ``role`` takes the next step."""
    return frozenset((t, d, s) for t, d, states in _action_states(role) for s in states)


@lru_cache(maxsize=32)
def _count_statement(day: date, scope_column: str):
    """The statement of :func:`counts` on ``day`` for one kind of scope, built once (see above;
    the office's or district's code is the bound parameter ``SCOPE_CODE``): one round trip of
    rows (kind, type, delegated, status, n).

    Kind "open": by type, delegation and status, the open requests from the running totals;
    "notice": the requests in a running notice, a range of ``ix_requests_*_queue`` (status, due
    date), as notices are always open. Then single totals (no type, delegation or status): of the
    open backlog, only its urgent, overdue and due-this-week requests are read, each a range of
    an index of the open stage (the urgent ones lead ix_requests_*_open; ix_requests_*_due and
    ix_requests_*_deadline hold the days), so the rows read are those counted, with no per-row
    test of type, delegation and status; of the support in force, only the reviews due by the
    end of the week (a range of ``ix_requests_*_support``): supported requests never need
    action, are never urgent in the queue's sense and have no decision deadline."""
    r, t = AssistanceRequest, RequestTally
    scope = bound_scope(scope_column)

    def kind(name: str):
        return literal_column(f"'{name}'")

    standing = (db.select(kind("open"), t.type, t.delegated, t.status, func.sum(t.n))
                .where(getattr(t, scope_column) == bindparam(SCOPE_CODE), t.stage == OPEN)
                .group_by(t.type, t.delegated, t.status))
    notices = (db.select(kind("notice"), r.type, r.delegated, r.status, func.count())
               .where(scope, r.status.in_(NOTICE_STATES), or_(r.due_on >= day, r.due_on.is_(None)))
               .group_by(r.type, r.delegated, r.status))
    late_by_step, late_by_deadline = late_parts(day)
    totals = [db.select(kind(name), null(), null(), null(), func.count()).where(scope, r.stage == stage, *condition)
              for name, stage, condition in (
                  ("urgent", OPEN, [r.urgency < 2]), ("late_by_step", OPEN, [late_by_step]),
                  ("late_by_deadline", OPEN, [late_by_deadline]), ("this_week", OPEN, [due_this_week_clause(day)]),
                  ("support_overdue", SUPPORT, [r.due_on < day]),
                  ("support_this_week", SUPPORT, [r.due_on >= day, r.due_on <= week_end(day)]))]
    return union_all(standing, notices, *totals)


def counts(account: Account, day: date | None = None) -> Counts:
    """The headline numbers of the person's queue.

    The open requests, and those needing the person's action, come from the running totals by
    type, delegation and status (a few hundred rows, kept with every status change): evaluating
    who acts next for every open row of a district cost 31 ms at a million applications (issue
    17). Requests in a running notice are then taken off, as they cannot be acted on yet."""
    day = day or today()
    scope = scope_of(account)
    if scope is None:
        return Counts()
    acting = _acting_keys(account.role)
    action = open_ = 0
    totals: dict[str, int] = {}
    for kind, type_, delegated, status, n in db.session.execute(_count_statement(day, scope[0]), {SCOPE_CODE: scope[1]}):
        n = int(n or 0)
        if kind == "open":
            n = max(0, n)
            open_ += n
            if (type_, bool(delegated), status) in acting:
                action += n
        elif kind == "notice":
            if (type_, bool(delegated), status) in acting:
                action -= n
        else:
            totals[kind] = n
    overdue = totals["late_by_step"] + totals["late_by_deadline"] + totals["support_overdue"]
    return Counts(max(0, action), open_, totals["urgent"], overdue, totals["this_week"] + totals["support_this_week"])


def order_by(filters: Filters | None = None, c=AssistanceRequest):
    """The list's order, on the columns of ``c`` (the model, or a subquery with the same names)."""
    if filters is not None and filters.sort:
        column = {"received": c.id, "due": c.due_on, "deadline": c.deadline_on}[filters.sort]
        key = column.desc() if filters.descending else column.asc()
        return (key,) if filters.sort == "received" else (key.nulls_last(), c.id)
    if filters is not None and not _in_queue_order(filters):
        if filters.group == SUPPORT:  # the order of ix_requests_*_support
            return (c.due_on.asc().nulls_last(), c.id)
        return (c.id.desc(),)
    # The key of ix_requests_*_open (``urgency`` is kept by the model from ``urgent`` and the type).
    return (c.urgency, c.due_on.asc().nulls_last(), c.deadline_on.asc().nulls_last(), c.id)


def available(account: Account, request: AssistanceRequest, day: date) -> list[workflow.Action]:
    """The actions ``account`` may take on ``request`` now (table order), time conditions included."""
    return workflow.allowed_actions(request.type, request.status, account.role, state_of(request).context(day))


def _actionable(account: Account, request: AssistanceRequest, day: date) -> bool:
    role = workflow.Role(account.role)
    return any(not workflow.needs_principal(a, role, bool(request.delegated))
               for a in progress_actions(available(account, request, day)))


def is_overdue(request: AssistanceRequest, day: date) -> bool:
    if request.stage == CLOSED:
        return False
    return bool((request.due_on and request.due_on < day) or (request.deadline_on and request.deadline_on < day))


_ORDER_COLUMNS = ("id", "urgency", "due_on", "deadline_on")
# What the open indexes hold, for a list read from them in order (see _source).
_OPEN_LIST_COLUMNS = _ORDER_COLUMNS + ("status", "type", "delegated", "urgent")


def _backlog(scope: ColumnElement[bool], conditions: list[ColumnElement[bool]], filters: Filters):
    """The open backlog in scope, in the list's order, behind ``OFFSET 0`` (see :func:`_source`)."""
    r = AssistanceRequest
    return (db.select(*(getattr(r, name) for name in _OPEN_LIST_COLUMNS)).where(scope, r.stage == OPEN, *conditions)
            .order_by(*order_by(filters)).offset(0).subquery())


def _source(scope: ColumnElement[bool], parts: list[_Part], filters: Filters, reach):
    """(rows, conditions): where a list's ids and order come from, and what they must meet;
    ``reach`` is how many rows in list order the page and its count may need.

    The open backlog is read in queue order from its index and filtered as it goes, behind
    ``OFFSET 0`` (which PostgreSQL does not flatten): otherwise the planner, misjudging how many
    requests a rare status like COUNTY_REVIEW has in a district, went through the status index
    and visited thousands of rows to sort them. Two parts are a union of index-only reads."""
    r = AssistanceRequest

    def stage_of_part(part: _Part) -> list[ColumnElement[bool]]:
        return [r.stage == part.stage] if part.stage else []

    if len(parts) > 1:
        # Each part only as far as the page and the count reach, in queue order (the open part
        # read in index order): the union is then sorted for the page.
        columns = [getattr(r, name) for name in _ORDER_COLUMNS]
        heads = []
        for p in parts:
            if p.stage == OPEN and filters.sort is None:
                # As a list of open work below: the backlog read in the order of its index and
                # filtered as it goes. Left to itself, PostgreSQL expected few overdue requests
                # and fetched every one of them from the table to sort them (10 ms at 1M).
                backlog = _backlog(scope, [], filters)
                adapter = ClauseAdapter(backlog)
                heads.append(db.select(*(backlog.c[name] for name in _ORDER_COLUMNS))
                             .where(*(adapter.traverse(c) for c in p.where))
                             .order_by(*order_by(filters, backlog.c)).limit(reach).subquery())
            else:
                heads.append(db.select(*columns).where(scope, *stage_of_part(p), *p.where).order_by(*order_by(filters))
                             .limit(reach).subquery())
        return union_all(*(db.select(*head.c) for head in heads)).subquery(), []
    part = parts[0]
    if part.stage == OPEN and filters.state is None:
        # Urgent requests are the first ranges of the index (urgency 0 and 1): read only those.
        backlog = _backlog(scope, [r.urgency < 2] if filters.urgent else [], filters)
        adapter = ClauseAdapter(backlog)
        return backlog, [adapter.traverse(c) for c in part.where]
    return AssistanceRequest.__table__, [scope, *stage_of_part(part), *part.where]


@lru_cache(maxsize=256)
def _list_statements(filters: Filters, role: str, scope_column: str | None, day: date):
    """(count, page): the statements of a list, built once per filters (the page number aside),
    role, kind of scope and day (see above). Bound parameters: ``SCOPE_CODE``, "account_id"
    (My cases), "reach" (how many rows in list order the page and its count may need) and
    "offset" (the page's first row).

    The count is of the rows matching, up to "reach". The page's ids are chosen first from the
    queue's indexes alone (they hold every column the filters and the order read), then only
    those rows are read: sorting whole rows made a filter matching thousands of requests read
    each of them. The list shows the reference and the name, so the answers (a few KB of
    ciphertext per row) and the reasons of decisions are neither loaded nor decrypted."""
    r = AssistanceRequest
    scope = bound_scope(scope_column) if scope_column else false()
    if filters.mine:
        # Inside the scope, so every list shape (the open backlog read in index order, unions) keeps it.
        scope = and_(scope, r.application_id.in_(
            db.select(Application.id).where(Application.assigned_to_id == bindparam("account_id")).scalar_subquery()))
    reach = bindparam("reach", type_=Integer)
    rows, where = _source(scope, _conditions(role, filters, day), filters, reach)
    matching = db.select(rows.c.id).where(*where).limit(reach).subquery()
    count = db.select(func.count()).select_from(matching)
    page_ids = (db.select(rows.c.id).where(*where).order_by(*order_by(filters, rows.c))
                .limit(PAGE_SIZE).offset(bindparam("offset", type_=Integer)))
    page = (db.select(r, Application).join(Application, Application.id == r.application_id)
            .options(defer(Application.answers), defer(r.decision_reasons))
            .where(r.id.in_(page_ids.scalar_subquery())).order_by(*order_by(filters)))
    return count, page


def queue(account: Account, filters: Filters, day: date | None = None) -> QueuePage:
    day = day or today()
    skip = (filters.page - 1) * PAGE_SIZE
    scope = scope_of(account)
    count, page_statement = _list_statements(replace(filters, page=1), account.role, scope[0] if scope else None, day)
    parameters: dict = {"reach": skip + COUNT_AHEAD + 1}
    if scope is not None:
        parameters[SCOPE_CODE] = scope[1]
    if filters.mine:
        parameters["account_id"] = account.id
    head = counts(account, day)
    # How many rows match, counted up to COUNT_AHEAD past the rows skipped (exact when the page
    # asked for is past the end), and whether there are more. The two lists the headline counts
    # already hold (all open requests, and those needing the person's action, unfiltered) take
    # their size from there: counting the action list read the district's whole backlog.
    found = _counted(filters, head)
    if found is None:
        found = db.session.scalar(count, parameters) or 0
    total, more = min(found, skip + COUNT_AHEAD), found > skip + COUNT_AHEAD
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(filters.page, pages)
    rows = db.session.execute(page_statement, {**parameters, "offset": (page - 1) * PAGE_SIZE}).all()
    result = [Row(req, app, is_overdue(req, day), _actionable(account, req, day)) for req, app in rows]
    return QueuePage(result, total, page, pages, head, day, more)


def _counted(filters: Filters, head: Counts) -> int | None:
    """The size of the list, when it is one of the headline counts (see :func:`counts`): the open
    stage in scope, or of it the requests where the person takes the next step, no running
    notice (the same rows as ``_acting_now``), with no further filter."""
    if filters.state or filters.type or filters.urgent or filters.overdue or filters.this_week or filters.mine:
        return None
    return {"action": head.action, OPEN: head.open}.get(filters.group)
