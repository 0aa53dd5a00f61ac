"""Keeping the running totals of portal/models/tally.py, in the same transaction as what they count.

Every writer goes through the ORM (the workflow's ``perform``, submission, transfers, demo data,
tests), so the totals follow the session: before each flush the changes to requests, submitted
applications and decision events are noted as deltas; just before the commit they are written
in one sorted batch of upserts (``n = n + delta``). Sorted, so two transactions touching the
same totals lock them in the same order and cannot deadlock; last, so the locks are held only
for the commit. A rollback forgets the deltas with the rows.

Rows loaded in bulk outside the ORM (the benchmark's COPY) are counted by :func:`rebuild`, which
migration 0017 also runs for the rows already there.
"""
from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta, timezone
from typing import Any, Iterable

from sqlalchemy import event, func, inspect, select
from sqlalchemy.orm import Session

from portal.calendar_notices import work_calendar
from portal.domain.calendar import WorkCalendar, shanghai_date
from portal.models import Application, AssistanceRequest, Event, Office, utcnow
from portal.models.request import stage_of
from portal.models.tally import ApplicationTally, DecisionTally, RequestTally

# The actions that decide a request (an approval, a refusal, emergency aid granted at once, an
# outside authority's decision recorded): the district view's "submission to decision".
DECISION_ACTIONS = frozenset({"approve", "reject", "grant_fast_aid", "record_external_decision"})
_KEY = "portal_tally_deltas"
MAX_DAYS = 32767


def month_of(moment: datetime) -> str:
    return f"{shanghai_date(moment):%Y-%m}"


def _calendar() -> WorkCalendar:
    return work_calendar()


def decision_days(submitted: date, decided: date, calendar: WorkCalendar | None = None) -> int:
    """Working days from the day of submission to the day of the decision (that day counted, the
    first not), from the portal's calendar; an uncovered year counts by the law alone."""
    days = (calendar or _calendar()).working_days_between(submitted, decided, allow_uncovered=True)
    return max(0, min(days, MAX_DAYS))


def _deltas(session: Session) -> Counter:
    return session.info.setdefault(_KEY, Counter())


def _previous(session: Session, obj, state, names: tuple[str, ...]) -> dict:
    """The values ``names`` had before this flush. The history has them when they were loaded
    before being changed; otherwise (an attribute set on an expired object) the row still
    holds them, as nothing of this flush is written yet."""
    values, missing = {}, []
    for name in names:
        history = state.attrs[name].history
        if history.deleted:
            values[name] = history.deleted[0]
        elif history.unchanged:
            values[name] = history.unchanged[0]
        elif history.added:
            missing.append(name)
        else:
            values[name] = getattr(obj, name)
    if missing:
        table = type(obj).__table__
        row = session.connection().execute(
            select(*(table.c[name] for name in missing)).where(table.c.id == obj.id)).one_or_none()
        values.update(zip(missing, row) if row is not None else ((name, getattr(obj, name)) for name in missing))
    return values


def _request_key(values: dict) -> tuple:
    stage = stage_of(values["status"], values["type"], values["flags"])
    return ("request", values["district_code"] or "", values["office_code"] or "", values["type"],
            bool(values["delegated"]), values["status"], stage)


_REQUEST_FIELDS = ("district_code", "office_code", "type", "delegated", "status", "flags")


def _note_request(session: Session, deltas: Counter, request: AssistanceRequest, is_new: bool, deleted: bool) -> None:
    state: Any = inspect(request)
    new = {name: getattr(request, name) for name in _REQUEST_FIELDS}
    if is_new:
        deltas[_request_key(new)] += 1
        return
    if not deleted and not any(state.attrs[name].history.has_changes() for name in _REQUEST_FIELDS):
        return
    old = _previous(session, request, state, _REQUEST_FIELDS)
    deltas[_request_key(old)] -= 1
    if not deleted:
        deltas[_request_key(new)] += 1


def _note_application(session: Session, deltas: Counter, application: Application, is_new: bool,
                      deleted: bool) -> None:
    state: Any = inspect(application)
    if not (is_new or deleted or state.attrs.submitted_at.history.has_changes()):
        return
    district = _district_of_office(session, application.receiving_office_code)
    before = None if is_new else _previous(session, application, state, ("submitted_at",))["submitted_at"]
    after = None if deleted else application.submitted_at
    if before is not None:
        deltas[("application", district, month_of(_aware(before)))] -= 1
    if after is not None:
        deltas[("application", district, month_of(_aware(after)))] += 1


def _note_decision(session: Session, deltas: Counter, decision: Event) -> None:
    request = decision.request or (session.get(AssistanceRequest, decision.request_id) if decision.request_id else None)
    submitted = request.application.submitted_at if request is not None else None
    if submitted is None:
        return
    decided = _aware(decision.at) if decision.at is not None else utcnow()
    deltas[("decision", request.district_code or "", month_of(decided), request.type,
            decision_days(shanghai_date(_aware(submitted)), shanghai_date(decided)))] += 1


def _district_of_office(session: Session, code: str | None) -> str:
    office = session.get(Office, code) if code else None
    return office.district_code if office is not None else ""


def _before_flush(session: Session, _context, _instances) -> None:
    """Note what this flush changes (before it, while the rows still hold the previous values)."""
    deltas = _deltas(session)
    for obj, is_new, deleted in ([(o, True, False) for o in session.new] + [(o, False, False) for o in session.dirty]
                                 + [(o, False, True) for o in session.deleted]):
        if isinstance(obj, AssistanceRequest):
            _note_request(session, deltas, obj, is_new, deleted)
        elif isinstance(obj, Application):
            _note_application(session, deltas, obj, is_new, deleted)
        elif isinstance(obj, Event) and is_new and obj.action in DECISION_ACTIONS:
            _note_decision(session, deltas, obj)


def _before_commit(session: Session) -> None:
    # The commit's own flush comes after this hook: flush first, so its changes are noted too.
    session.flush()
    deltas = session.info.pop(_KEY, None)
    if not deltas:
        return
    apply(session.connection(), [(key, n) for key, n in sorted(deltas.items()) if n])


def _after_rollback(session: Session) -> None:
    session.info.pop(_KEY, None)


def connect() -> None:
    """Keep the running totals with every change made through SQLAlchemy (create_app calls this,
    so the totals stay right whichever blueprints an app registers). Safe to call again."""
    for name, listener in (("before_flush", _before_flush), ("before_commit", _before_commit),
                           ("after_rollback", _after_rollback)):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)


_TABLES: dict[str, tuple[Any, tuple[str, ...]]] = {"request": (RequestTally, ("district_code", "office_code", "type", "delegated", "status", "stage")),
           "application": (ApplicationTally, ("district_code", "month")),
           "decision": (DecisionTally, ("district_code", "month", "type", "days"))}


def _insert(connection):
    if connection.dialect.name == "postgresql":
        # insert is bound to different things in this module's functions
        from sqlalchemy.dialects.postgresql import insert
    else:
        # insert is bound to different things in this module's functions
        from sqlalchemy.dialects.sqlite import insert
    return insert


def apply(connection, deltas: Iterable[tuple[tuple, int]]) -> None:
    """Add each delta to its total (created at the delta when missing)."""
    insert = _insert(connection)
    for key, n in deltas:
        model, columns = _TABLES[key[0]]
        table = model.__table__
        statement = insert(table).values(**dict(zip(columns, key[1:])), n=n)
        connection.execute(statement.on_conflict_do_update(index_elements=list(columns),
                                                           set_={"n": table.c.n + statement.excluded.n}))


def _working_day_numbers(calendar: WorkCalendar, first: date, last: date) -> dict[date, int]:
    """For each day, how many working days there are from ``first`` to it (so the working days
    between two days are a subtraction, as :meth:`WorkCalendar.working_days_between` counts)."""
    numbers, count, day = {}, 0, first
    while day <= last:
        if day > first and calendar.is_working_day(day, allow_uncovered=True):
            count += 1
        numbers[day] = count
        day += timedelta(days=1)
    return numbers


def rebuild(connection, calendar: WorkCalendar | None = None) -> dict[str, int]:
    """Count every total again from the rows (after a bulk load, or to check the running ones).

    Requests are grouped by the database; applications and decisions are read as a stream of
    small rows and grouped here, where the Shanghai month and the working days are known."""
    calendar = calendar or _calendar()
    r, a, e = AssistanceRequest.__table__, Application.__table__, Event.__table__
    for model, _ in _TABLES.values():
        connection.execute(model.__table__.delete())
    grouped = connection.execute(select(r.c.district_code, r.c.office_code, r.c.type, r.c.delegated, r.c.status,
                                        r.c.stage, db_count()).group_by(r.c.district_code, r.c.office_code, r.c.type,
                                                                        r.c.delegated, r.c.status, r.c.stage)).all()
    totals: Counter[tuple[Any, ...]] = Counter()
    for district, office, type_, delegated, status, stage, n in grouped:
        totals[("request", district or "", office or "", type_, bool(delegated), status, stage)] += n
    districts = dict(connection.execute(select(Office.__table__.c.code, Office.__table__.c.district_code)).all())
    # Streamed (yield_per on the statement: on the connection it would stay for what follows).
    rows = connection.execute(select(a.c.receiving_office_code, a.c.submitted_at)
                              .where(a.c.submitted_at.is_not(None)).execution_options(yield_per=20_000))
    for office, submitted in rows:
        totals[("application", districts.get(office, ""), month_of(_aware(submitted)))] += 1
    decided = connection.execute(
        select(r.c.district_code, r.c.type, a.c.submitted_at, e.c.at)
        .select_from(e.join(r, r.c.id == e.c.request_id).join(a, a.c.id == r.c.application_id))
        .where(e.c.action.in_(sorted(DECISION_ACTIONS)), a.c.submitted_at.is_not(None))
        .execution_options(yield_per=20_000))
    numbers: dict[date, int] = {}
    for district, type_, submitted, at in decided:
        start, end = shanghai_date(_aware(submitted)), shanghai_date(_aware(at))
        if start not in numbers or end not in numbers:
            low, high = min([start, end, *numbers]), max([start, end, *numbers])
            numbers = _working_day_numbers(calendar, low - timedelta(days=1), high)
        days = max(0, min(numbers[end] - numbers[start], MAX_DAYS))
        totals[("decision", district or "", f"{end:%Y-%m}", type_, days)] += 1
    for kind, (model, columns) in _TABLES.items():
        rows = [{**dict(zip(columns, key[1:])), "n": n} for key, n in sorted(totals.items()) if key[0] == kind and n]
        for first in range(0, len(rows), 5000):
            connection.execute(model.__table__.insert(), rows[first:first + 5000])
    return {kind: sum(n for key, n in totals.items() if key[0] == kind) for kind in _TABLES}


def db_count():
    return func.count()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)
