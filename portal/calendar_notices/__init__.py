"""State Council holiday notices: load one, and recalculate the open requests' dates.

Until a year's notice is loaded its working days are provisional (portal.domain.calendar). When
the notice arrives, every request still running has its current step's due date and its overall
deadline worked out again with the same workflow code that set them
(:func:`portal.domain.workflow.due_dates`); each request whose dates moved gets an Event in the
same transaction, and the caller sees the list of what moved.

The file format is one year of ``portal/data/calendar/cn-workdays.json`` plus its year::

    {"year": 2027, "source": "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕N号）",
     "holidays": {"2027-01-01": "元旦", ...}, "makeup_workdays": {"2027-02-20": "春节", ...}}

``holidays`` lists every day off of each holiday period (weekends inside it included, as the
notice does); ``makeup_workdays`` the weekend days worked instead (调休上班).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Mapping

from flask import current_app, g, has_app_context

from portal.admin.trail import record
from portal.domain import workflow
from portal.domain.calendar import (
    WorkCalendar,
    YearCalendar,
    load_calendar,
    year_from_dict,
)
from portal.domain.vocabulary import Role
from portal.extensions import db
from portal.models import Account, AssistanceRequest, CalendarNotice, Event, utcnow
from portal.tracking.state import state_of

ACTION = "recalculate_deadlines"
MAX_FILE_BYTES = 64 * 1024  # a notice is about 1 KB; anything near this is not one


class NoticeError(ValueError):
    """A notice file that cannot be loaded; ``code`` names the problem for a translated message."""

    def __init__(self, code: str, detail: str = ""):
        self.code = code
        self.detail = detail
        super().__init__(f"{code}: {detail}" if detail else code)


def parse_notice(text: str | bytes) -> YearCalendar:
    """The year of a notice file, checked; raises NoticeError (never anything else) on bad input."""
    if isinstance(text, bytes):
        if len(text) > MAX_FILE_BYTES:
            raise NoticeError("too_large")
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise NoticeError("not_utf8") from None
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError):
        raise NoticeError("not_json") from None
    if not isinstance(raw, dict):
        raise NoticeError("not_object")
    year = raw.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2099:
        raise NoticeError("bad_year", repr(year))
    for key in ("holidays", "makeup_workdays"):
        value = raw.get(key)
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) and v.strip()
                                                  for k, v in value.items()):
            raise NoticeError("bad_days", key)
    if not raw["holidays"]:
        raise NoticeError("no_holidays")
    source = raw.get("source")
    if not isinstance(source, str) or not source.strip() or len(source) > 300:
        raise NoticeError("bad_source")
    try:
        return year_from_dict(year, {"source": source.strip(), "holidays": raw["holidays"],
                                     "makeup_workdays": raw["makeup_workdays"]})
    except ValueError as error:  # a malformed date, a day in another year, a day listed twice
        raise NoticeError("bad_dates", str(error)) from None


def notice_dict(year: YearCalendar) -> dict[str, Any]:
    """The file form of a year (what ``flask calendar show`` prints and the admin page offers)."""
    return {"year": year.year, "source": year.source,
            "holidays": {d.isoformat(): n for d, n in year.holidays.items()},
            "makeup_workdays": {d.isoformat(): n for d, n in year.makeup_workdays.items()}}


# --- the calendar in force --------------------------------------------------------------------

def _stored_years() -> list[YearCalendar]:
    rows = db.session.scalars(db.select(CalendarNotice).order_by(CalendarNotice.id)).all()
    latest = {row.year: row for row in rows}  # the newest notice of a year wins
    return [year_from_dict(row.year, {"source": row.source, "holidays": row.holidays,
                                      "makeup_workdays": row.makeup_workdays})
            for row in latest.values()]


def work_calendar() -> WorkCalendar:
    """The working-day calendar in force: the shipped one plus the notices loaded since."""
    return current_calendar()


def current_calendar() -> WorkCalendar:
    """The shipped calendar with the loaded notices on top.

    One cheap query (the newest notice id) per request decides whether the app's cached
    calendar is still current, so a notice loaded by another process or worker is used at once.
    """
    if not has_app_context():
        return load_calendar()
    if "work_calendar" in g:
        return g.work_calendar
    version = db.session.scalar(db.select(db.func.max(CalendarNotice.id)))
    cached = current_app.extensions.get("work_calendar")
    if cached is None or cached[0] != version:
        calendar = load_calendar().with_years(_stored_years()) if version is not None else load_calendar()
        cached = current_app.extensions["work_calendar"] = (version, calendar)
    g.work_calendar = cached[1]
    return g.work_calendar


def forget() -> None:
    """Drop the calendar of this request (after a notice is stored in it)."""
    g.pop("work_calendar", None)


# --- recalculation ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Move:
    request_id: int
    application_id: int
    type: str
    status: str
    office_code: str | None
    due_before: date | None
    due_after: date | None
    deadline_before: date | None
    deadline_after: date | None


RUNNING_STAGES = ("open", "support")


def moves(calendar: WorkCalendar, policy) -> list[Move]:
    """What each running request's dates would become under ``calendar`` (nothing is written)."""
    found: list[Move] = []
    query = (db.select(AssistanceRequest).where(AssistanceRequest.stage.in_(RUNNING_STAGES))
             .order_by(AssistanceRequest.id).execution_options(yield_per=500))
    for request in db.session.scalars(query):
        deadlines, _ = workflow.due_dates(state_of(request), policy, calendar)
        if (deadlines.due_on, deadlines.deadline) != (request.due_on, request.deadline_on):
            found.append(Move(request.id, request.application_id, request.type, request.status,
                              request.office_code, request.due_on, deadlines.due_on,
                              request.deadline_on, deadlines.deadline))
    return found


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def apply_moves(found: Iterable[Move], actor: Account | None, reason: str) -> int:
    """Store the new dates and write one Event per request (in the caller's transaction)."""
    count = 0
    now = utcnow()
    for move in found:
        request = db.session.get(AssistanceRequest, move.request_id)
        request.due_on, request.deadline_on = move.due_after, move.deadline_after
        db.session.add(Event(
            application_id=move.application_id, request_id=move.request_id, action=ACTION,
            from_state=move.status, to_state=move.status,
            actor_account_id=actor.id if actor is not None else None,
            actor_role=actor.role if actor is not None else Role.SYSTEM.value, at=now, reason=reason,
            legal_basis="国务院办公厅节假日安排通知",
            data={"due_on": [_iso(move.due_before), _iso(move.due_after)],
                  "deadline_on": [_iso(move.deadline_before), _iso(move.deadline_after)]},
            visible_to_resident=True,
        ))
        count += 1
    return count


@dataclass(frozen=True)
class LoadResult:
    notice: CalendarNotice
    moved: list[Move]
    replaced: bool  # the year had a notice already (shipped or loaded) and this corrects it


def preview(year: YearCalendar, policy) -> list[Move]:
    """The requests a notice would move, without storing anything."""
    return moves(current_calendar().with_years([year]), policy)


def load(year: YearCalendar, actor: Account | None, policy) -> LoadResult:
    """Store a notice, recalculate every running request, commit; one Event per request moved."""
    replaced = year.year in current_calendar().years
    calendar = current_calendar().with_years([year])
    found = moves(calendar, policy)
    row = CalendarNotice(year=year.year, source=year.source,
                         holidays={d.isoformat(): n for d, n in year.holidays.items()},
                         makeup_workdays={d.isoformat(): n for d, n in year.makeup_workdays.items()},
                         loaded_by_account_id=actor.id if actor is not None else None, moved=len(found))
    db.session.add(row)
    apply_moves(found, actor, year.source)
    _record(actor, "calendar_notice_loaded", year=year.year, source=year.source, moved=len(found),
            replaced=replaced)
    db.session.commit()
    forget()
    return LoadResult(row, found, replaced)


def recalculate(actor: Account | None, policy) -> list[Move]:
    """Recalculate every running request with the calendar in force (e.g. after an upgrade that
    left blank dates from before the provisional calendar existed); commits."""
    found = moves(current_calendar(), policy)
    apply_moves(found, actor, "按现行工作日历重新计算")
    _record(actor, "calendar_recalculated", moved=len(found))
    db.session.commit()
    return found


def _record(actor: Account | None, action: str, **data) -> None:
    """The administrators' trail (the audit view) names who changed the calendar."""
    record(actor, action, None, **data)


def loaded_notices() -> list[CalendarNotice]:
    return list(db.session.scalars(db.select(CalendarNotice).order_by(CalendarNotice.id.desc())))


def coverage(calendar: WorkCalendar | None = None) -> Mapping[str, Any]:
    """What the calendar in force covers, for the admin page and `flask calendar show`."""
    calendar = calendar or current_calendar()
    years = calendar.covered_years
    return {"years": years, "last": years[-1] if years else None,
            "provisional_from": (years[-1] + 1) if years else None}
