"""The district view: the figures of a district, or of the city, for a period.

Requests by kind of assistance and stage, and the overdue ones, are as they stand today; the
applications received and the decisions taken, with the median working days from submission
to decision, are those of the months of the period. Everything but the overdue count is read
from the running totals of portal/models/tally.py (a few hundred rows per district, whatever
the history); the overdue requests are counted from the open and supported stages' partial
indexes, which hold the backlog only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from sqlalchemy import bindparam, case, func, literal_column, tuple_, union_all
from sqlalchemy.sql.elements import ColumnElement

from portal.domain.workflow_tables import WORKFLOWS
from portal.extensions import db
from portal.models import Account, AssistanceRequest, District
from portal.models.request import CLOSED, OPEN, SUPPORT
from portal.models.tally import ApplicationTally, DecisionTally, RequestTally
from portal.office.queue import late_parts, today

STAGES = (OPEN, SUPPORT, CLOSED)
MAX_MONTHS = 60
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
TYPES = tuple(str(t) for t in WORKFLOWS)


def _month_number(text: str) -> int | None:
    match = _MONTH.match(text or "")
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        return None
    return year * 12 + month - 1


def _month_text(number: int) -> str:
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


@dataclass(frozen=True)
class Period:
    first: str  # YYYY-MM
    last: str

    @property
    def months(self) -> list[str]:
        start, end = _month_number(self.first), _month_number(self.last)
        return [_month_text(n) for n in range(start, end + 1)]

    @classmethod
    def default(cls, day: date) -> "Period":
        """The twelve months up to and including the current one."""
        current = day.year * 12 + day.month - 1
        return cls(_month_text(current - 11), _month_text(current))


@dataclass
class Choice:
    """What the figures are about: a district's code (None: the whole city), and the period."""

    district: str | None
    period: Period
    errors: dict[str, str] = field(default_factory=dict)  # field name -> message key


def choose(account: Account, args, day: date | None = None) -> Choice:
    """The district and period asked for, checked. A reviewer always gets their own district;
    an administrator any district, or the city. Wrong months are reported by field and the
    default period used meanwhile, so the page always has figures to show."""
    day = day or today()
    default = Period.default(day)
    errors: dict[str, str] = {}
    raw_first, raw_last = (args.get("start") or "").strip(), (args.get("end") or "").strip()
    first = _month_number(raw_first) if raw_first else _month_number(default.first)
    last = _month_number(raw_last) if raw_last else _month_number(default.last)
    if first is None:
        errors["start"] = "month_format"
    if last is None:
        errors["end"] = "month_format"
    if not errors:
        if first > last:
            errors["end"] = "month_order"
        elif last > day.year * 12 + day.month - 1:
            errors["end"] = "month_future"
        elif last - first + 1 > MAX_MONTHS:
            errors["start"] = "month_span"
    period = default if errors else Period(_month_text(first), _month_text(last))
    if account.role == "reviewer":
        district = account.district_code or ""  # "": no district, so no figures
    else:
        asked = args.get("district") or None
        district = asked if asked in district_codes() else None
        if asked and district is None:
            errors["district"] = "district_unknown"
    return Choice(district, period, errors)


def district_codes() -> dict[str, District]:
    return {d.code: d for d in db.session.scalars(db.select(District).order_by(District.code))}


@dataclass
class TypeRow:
    type: str
    stages: dict[str, int]
    overdue: int = 0
    decisions: int = 0
    median_days: float | None = None

    @property
    def total(self) -> int:
        return sum(self.stages.values())


@dataclass
class MonthRow:
    month: str
    applications: int = 0
    decisions: int = 0


@dataclass
class Figures:
    choice: Choice
    today: date
    types: list[TypeRow]
    months: list[MonthRow]
    median_days: float | None  # all kinds together
    decisions: int

    @property
    def overdue(self) -> int:
        return sum(t.overdue for t in self.types)

    def stage_total(self, stage: str) -> int:
        return sum(t.stages[stage] for t in self.types)

    @property
    def total(self) -> int:
        return sum(t.total for t in self.types)

    @property
    def applications(self) -> int:
        return sum(m.applications for m in self.months)


def median(histogram: dict[int, int]) -> float | None:
    """The median of values given as value -> how many times (the mean of the middle two when even)."""
    total = sum(histogram.values())
    if total <= 0:
        return None
    ordered = sorted((value, n) for value, n in histogram.items() if n > 0)

    def at(position: int) -> int:  # 0-based position in the sorted values
        seen = 0
        for value, n in ordered:
            seen += n
            if position < seen:
                return value
        return ordered[-1][0]

    if total % 2:
        return float(at(total // 2))
    return (at(total // 2 - 1) + at(total // 2)) / 2


def _where(model, district: bool) -> list:
    """The district condition of a statement built once: the code is the bound parameter "district"."""
    return [model.district_code == bindparam("district")] if district else []


@lru_cache(maxsize=16)
def _standing(day: date, district: bool):
    """(type, stage, n): the requests by kind and stage as they stand (running totals), then, with
    the stage "overdue", the requests overdue on ``day`` by kind, as the queue counts them: open
    requests past the step's due date or the decision deadline (two ranges of the open stage's
    partial indexes), and supported ones whose review is late. One round trip; built once per day
    for a district (``district``: the bound parameter "district") or the city."""
    t, r = RequestTally, AssistanceRequest
    tallies = (db.select(t.type, t.stage, func.sum(t.n)).where(*_where(t, district), t.status != "DRAFT")
               .group_by(t.type, t.stage))
    by_step, by_deadline = late_parts(day)
    overdue: ColumnElement[str] = literal_column("'overdue'")
    late = [db.select(r.type, overdue, func.count()).where(*_where(r, district), r.stage == OPEN, part).group_by(r.type)
            for part in (by_step, by_deadline)]
    late.append(db.select(r.type, overdue, func.count()).where(*_where(r, district), r.stage == SUPPORT, r.due_on < day)
                .group_by(r.type))
    return union_all(tallies, *late)


@lru_cache(maxsize=8)
def _in_period(district: bool, grouping_sets: bool):
    """(kind, key, days, n) of the months from the bound "first" to "last" (YYYY-MM, so a range of
    the totals' keys): kind "days", the decisions by type (key) and working days; "applied", the
    applications by month (key); "decided", the decisions by month. One round trip, built once.

    Where the database has GROUPING SETS (PostgreSQL), both sums of the decisions come from one
    read of their totals (thousands of rows for a district over a few years); else from two."""
    a, d = ApplicationTally, DecisionTally

    def months(model):
        return [*_where(model, district), model.month >= bindparam("first"), model.month <= bindparam("last")]

    no_days: ColumnElement[int] = literal_column("0")
    applied = db.select(literal_column("'applied'"), a.month, no_days, func.sum(a.n)).where(*months(a)).group_by(a.month)
    if grouping_sets:
        by_days = func.grouping(d.month) == 1  # the month summed over: a row of (type, days)
        decisions = (db.select(case((by_days, literal_column("'days'")), else_=literal_column("'decided'")),
                               case((by_days, d.type), else_=d.month), func.coalesce(d.days, 0), func.sum(d.n))
                     .where(*months(d)).group_by(func.grouping_sets(tuple_(d.type, d.days), tuple_(d.month))))
        return union_all(decisions, applied)
    return union_all(
        db.select(literal_column("'days'"), d.type, d.days, func.sum(d.n)).where(*months(d)).group_by(d.type, d.days),
        applied,
        db.select(literal_column("'decided'"), d.month, no_days, func.sum(d.n)).where(*months(d)).group_by(d.month))


def figures(choice: Choice, day: date | None = None) -> Figures:
    day = day or today()
    district, months = choice.district, choice.period.months
    parameters = {} if district is None else {"district": district}
    rows = {t: TypeRow(t, {s: 0 for s in STAGES}) for t in TYPES}
    for type_, stage, n in db.session.execute(_standing(day, district is not None), parameters):
        if type_ not in rows:
            continue
        if stage == "overdue":
            rows[type_].overdue += int(n)
        elif stage in rows[type_].stages:
            rows[type_].stages[stage] = max(0, int(n or 0))
    histograms: dict[str, dict[int, int]] = {}
    overall: dict[int, int] = {}
    by_month = {m: MonthRow(m) for m in months}
    grouping_sets = db.session.get_bind().dialect.name == "postgresql"
    for kind, key, days, n in db.session.execute(_in_period(district is not None, grouping_sets),
                                                 {**parameters, "first": months[0], "last": months[-1]}):
        n = int(n or 0)
        if kind == "days":
            histograms.setdefault(key, {})[days] = n
            overall[days] = overall.get(days, 0) + n
        elif key in by_month:
            if kind == "applied":
                by_month[key].applications = n
            else:
                by_month[key].decisions = n
    for type_, histogram in histograms.items():
        if type_ in rows:
            rows[type_].decisions = sum(histogram.values())
            rows[type_].median_days = median(histogram)
    return Figures(choice, day, list(rows.values()), list(by_month.values()), median(overall), sum(overall.values()))
