"""Working days (工作日) of mainland China: weekends, official holidays and make-up working days.

Working days (工作日, in which time limits such as those of 《最低生活保障审核确认办法》第二十条至第二十二条 are counted) exclude weekends and official holidays, and the State Council's
make-up working days (调休上班日) count as working days. The holidays are data
(``portal/data/calendar/cn-workdays.json``, one entry per year with the notice it comes from),
never code: adding next year is a data change.

Guarantees:

* A year after the last State Council notice is *provisional*: its working days are the
  weekdays minus the statutory holidays of the law itself
  (:mod:`portal.domain.statutory_holidays`), with no make-up working days. Statutory time
  limits do not wait for the notice, so a deadline is never blank; a date computed
  on such a year is marked provisional (:meth:`WorkCalendar.is_provisional`) and recalculated
  when the notice is loaded.
* A date *before* the first covered year is never silently treated as an ordinary weekday:
  every function raises :class:`CalendarNotCovered` unless the caller passes
  ``allow_uncovered=True``, which applies the weekend rule alone to such days.
* Counting convention ("within N working days" of an act on day D): day D itself is not
  counted; the deadline is the Nth working day strictly after D, whether or not D is a
  working day. This follows the general rule that the day an act happens is not counted in
  a period (民法典 Art. 201 ¶1 [R]) and makes an acceptance on a Saturday count from Monday.
  ``add_working_days(D, n)`` returns that day, and ``working_days_between(D, that day) == n``.
* Dates are local dates in Asia/Shanghai. A ``datetime`` is refused (TypeError), because its
  date may be the UTC date; convert with :func:`shanghai_date` first.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping
from zoneinfo import ZoneInfo

from .statutory_holidays import FIRST_YEAR, LAST_YEAR, statutory_holidays
from .statutory_holidays import SOURCE as PROVISIONAL_SOURCE

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "calendar" / "cn-workdays.json"

# The one zone of the portal (portal/clock.py); the tz database comes with Python's tzdata
# package where the server has none (requirements.in).
SHANGHAI = ZoneInfo("Asia/Shanghai")

_ONE_DAY = timedelta(days=1)


class CalendarNotCovered(LookupError):
    """A date before the first notice: the holiday data cannot say whether it was a working day."""

    def __init__(self, day: date, covered: tuple[int, ...]):
        self.day = day
        self.year = day.year
        self.covered = covered
        years = ", ".join(str(y) for y in covered) or "none"
        super().__init__(
            f"the working-day calendar does not cover {day.year} (asked about {day.isoformat()}; "
            f"covered years: {years}; only years after the last one are worked out provisionally); "
            f"add the State Council holiday notice for {day.year} with `flask calendar load`"
        )


def shanghai_date(moment: datetime) -> date:
    """The local date in Asia/Shanghai of a timezone-aware moment (a naive one is refused)."""
    if not isinstance(moment, datetime):
        raise TypeError(f"expected a datetime, got {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a naive datetime has no defined local date; pass a timezone-aware one")
    return moment.astimezone(SHANGHAI).date()


def _check_date(value: Any) -> date:
    # datetime is a subclass of date: refuse it explicitly so a UTC moment near midnight
    # cannot shift a deadline by a day.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"expected a local date (datetime.date), got {type(value).__name__}")
    return value


@dataclass(frozen=True)
class YearCalendar:
    """One year of the State Council's holiday arrangement (or, provisional, of the law alone)."""

    year: int
    source: str
    holidays: Mapping[date, str]
    makeup_workdays: Mapping[date, str]
    provisional: bool = False


@lru_cache(maxsize=None)
def provisional_year(year: int) -> YearCalendar:
    """A year with no notice yet: the statutory holidays, no make-up working days."""
    return YearCalendar(year=year, source=PROVISIONAL_SOURCE, holidays=statutory_holidays(year),
                        makeup_workdays=MappingProxyType({}), provisional=True)


@dataclass(frozen=True)
class WorkCalendar:
    """Working-day arithmetic over the years the data covers."""

    years: Mapping[int, YearCalendar]

    @property
    def covered_years(self) -> tuple[int, ...]:
        """The years with a State Council notice."""
        return tuple(sorted(self.years))

    def covers(self, day: date) -> bool:
        """True when the State Council notice of the day's year is loaded."""
        return _check_date(day).year in self.years

    def is_provisional(self, day: date) -> bool:
        """True when the day's year has no notice yet and working days come from the law alone."""
        return self._provisional(_check_date(day).year)

    def source_for(self, year: int) -> str:
        """The notice (or, provisional, the law) a year's data comes from; raises if neither applies."""
        if year in self.years:
            return self.years[year].source
        if self._provisional(year):
            return PROVISIONAL_SOURCE
        raise CalendarNotCovered(date(year, 1, 1), self.covered_years)

    def with_years(self, extra: Iterable[YearCalendar]) -> "WorkCalendar":
        """This calendar with notices added or replaced (a loaded notice wins over the shipped file)."""
        years = dict(self.years)
        for entry in extra:
            years[entry.year] = entry
        return WorkCalendar(years=MappingProxyType(years))

    def holiday_name(self, day: date) -> str | None:
        """The holiday a day belongs to (e.g. "国庆节"), or None; raises if the year is uncovered."""
        year = self._year(day, allow_uncovered=False)
        # Reviewed (B101): _year raises for uncovered years, so this only narrows the type
        assert year is not None  # nosec B101
        return year.holidays.get(day)

    def is_working_day(self, day: date, *, allow_uncovered: bool = False) -> bool:
        """True on a working day; a make-up working day is one even on a weekend."""
        year = self._year(day, allow_uncovered)
        if year is not None:
            if day in year.makeup_workdays:
                return True
            if day in year.holidays:
                return False
        return day.weekday() < 5

    def add_working_days(self, start: date, n: int, *, allow_uncovered: bool = False) -> date:
        """The nth working day after ``start`` (``start`` not counted); n < 0 counts backwards.

        ``n == 0`` returns ``start`` unchanged. Raises CalendarNotCovered as soon as a day that
        must be examined lies in an uncovered year (unless ``allow_uncovered``).
        """
        _check_date(start)
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError("n must be an int")
        step = _ONE_DAY if n >= 0 else -_ONE_DAY
        remaining = abs(n)
        day = start
        while remaining:
            day += step
            if self.is_working_day(day, allow_uncovered=allow_uncovered):
                remaining -= 1
        return day

    def working_days_between(self, a: date, b: date, *, allow_uncovered: bool = False) -> int:
        """Working days d with a < d <= b; negative (the same count, negated) when b < a.

        The inverse of :meth:`add_working_days`: ``working_days_between(d, add_working_days(d, n)) == n``.
        """
        _check_date(a)
        _check_date(b)
        if b < a:
            return -self.working_days_between(b, a, allow_uncovered=allow_uncovered)
        count = 0
        day = a
        while day < b:
            day += _ONE_DAY
            if self.is_working_day(day, allow_uncovered=allow_uncovered):
                count += 1
        return count

    @staticmethod
    def add_calendar_days(start: date, n: int) -> date:
        """``start`` + n calendar days (for periods in 天 such as the 7-day 公示 of 《最低生活保障审核确认办法》第十九条).

        Needs no holiday data, so it never raises CalendarNotCovered.
        """
        _check_date(start)
        return start + timedelta(days=n)

    def _provisional(self, year: int) -> bool:
        # Only *after* the last notice: an earlier gap is missing data, not a future year.
        return (year not in self.years and bool(self.years) and year > max(self.years)
                and FIRST_YEAR <= year <= LAST_YEAR)

    def _year(self, day: date, allow_uncovered: bool) -> YearCalendar | None:
        _check_date(day)
        year = self.years.get(day.year)
        if year is None and self._provisional(day.year):
            return provisional_year(day.year)
        if year is None and not allow_uncovered:
            raise CalendarNotCovered(day, self.covered_years)
        return year


def year_from_dict(year: int, entry: Mapping[str, Any]) -> YearCalendar:
    """One year's notice from its JSON structure (the format of a year in cn-workdays.json)."""
    holidays = {date.fromisoformat(d): name for d, name in entry["holidays"].items()}
    makeup = {date.fromisoformat(d): name for d, name in entry["makeup_workdays"].items()}
    for day in (*holidays, *makeup):
        if day.year != year:
            raise ValueError(f"{day.isoformat()} is listed under year {year}")
    if set(holidays) & set(makeup):
        raise ValueError(f"{year}: a day cannot be both a holiday and a make-up working day")
    if not str(entry.get("source", "")).strip():
        raise ValueError(f"{year}: the source notice is required")
    return YearCalendar(year=year, source=entry["source"], holidays=MappingProxyType(dict(sorted(holidays.items()))),
                        makeup_workdays=MappingProxyType(dict(sorted(makeup.items()))))


def calendar_from_dict(raw: Mapping[str, Any]) -> WorkCalendar:
    """Build a calendar from the JSON structure; the years listed under "covers" must all be present."""
    years: dict[int, YearCalendar] = {}
    for key, entry in raw["years"].items():
        years[int(key)] = year_from_dict(int(key), entry)
    declared = sorted(int(y) for y in raw.get("covers", []))
    if declared != sorted(years):
        raise ValueError(f"'covers' {declared} does not match the years present {sorted(years)}")
    return WorkCalendar(years=MappingProxyType(years))


def load_calendar(path: Path | str | None = None) -> WorkCalendar:
    """Read a calendar file; the shipped one (cached) when no path is given."""
    if path is None:
        return _default_calendar()
    return calendar_from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _default_calendar() -> WorkCalendar:
    return calendar_from_dict(json.loads(DATA_FILE.read_text(encoding="utf-8")))


# Module-level shortcuts over the shipped calendar, for callers that need no other data.

def is_working_day(day: date, *, allow_uncovered: bool = False) -> bool:
    return _default_calendar().is_working_day(day, allow_uncovered=allow_uncovered)


def add_working_days(start: date, n: int, *, allow_uncovered: bool = False) -> date:
    return _default_calendar().add_working_days(start, n, allow_uncovered=allow_uncovered)


def working_days_between(a: date, b: date, *, allow_uncovered: bool = False) -> int:
    return _default_calendar().working_days_between(a, b, allow_uncovered=allow_uncovered)


def add_calendar_days(start: date, n: int) -> date:
    return WorkCalendar.add_calendar_days(start, n)
