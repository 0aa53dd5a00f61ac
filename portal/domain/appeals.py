"""Appeals against a refusal, a reduction or a stop: where, and by when.

Pure: no Flask, no SQLAlchemy. The web layer gives the dates, the calendar and the periods
(policy keys ``notices.reconsideration_days`` and ``notices.litigation_months``).

Assumptions, stated because the texts leave them to the reader:

* The period runs from the day the resident receives the notice. The portal serves notices
  online the day they are issued, so the day of issue is taken as the day of receipt; a
  notice delivered later on paper would give a later last day, never an earlier one.
* The day of receipt is not counted (民法典 art. 201): 60 days from 5 March end on 4 May.
* A period in months ends on the corresponding day of the last month, or on that month's last
  day when it has none (民法典 art. 202): 6 months from 31 August end on 28/29 February.
* A last day that is not a working day (a weekend or an official holiday) moves to the next
  working day (民法典 art. 203, 行政诉讼法 art. 51); a make-up working day (调休) on a weekend
  counts as a working day. Years the calendar data does not cover fall back to weekends only.
* The body for 行政复议 is the people's government at the level of the deciding authority
  (行政复议法 2023 art. 24: for a department of a county-level government, or for the street
  office that government set up, the county-level government; for a city body, the city
  government). The court is the basic people's court where the deciding authority sits
  (行政诉讼法 arts. 14, 18); where a court designated for administrative cases takes them, the
  court tells the resident, and the page says so.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from .workflow_fields import add_months

# Decisions a resident may contest: a refusal (不予受理 / 不予确认) and a stop (停发); a reduction
# is an ``adjust_amount`` event in IN_PAYMENT and is listed by action.
CONTESTED_STATES = frozenset({"REJECTED", "NOT_ACCEPTED", "STOPPED", "TERMINATED"})
CONTESTED_ACTIONS = frozenset({"reject", "not_accept", "notify_refusal", "stop", "terminate", "adjust_amount",
                               "phase_out"})
# Where the rules allow the office to look again at its own decision ("我有异议"): a refusal or
# a stop the office made, while the reconsideration period runs. [I] The regulations give the
# objection only for the 核对 result (S-DB Art. 18) and the public notice (Art. 19); asking the
# office to look again never replaces 行政复议 or 诉讼 and does not stop their periods.
OBJECTION_STATES = frozenset({"REJECTED", "NOT_ACCEPTED", "STOPPED"})
ASK = "ask_review"
ANSWER = "answer_review"
REASON_MAX = 1000

CITY_LEVEL = "city"
DISTRICT_LEVEL = "district"
# Authorities kept for the whole city (portal/domain/contacts.py CITY_AUTHORITIES).
CITY_AUTHORITIES = frozenset({"assistance_station"})


class Calendar(Protocol):
    def is_working_day(self, day: date, *, allow_uncovered: bool = False) -> bool: ...


@dataclass(frozen=True)
class LastDays:
    received_on: date
    reconsideration: date
    litigation: date


def next_working_day(day: date, calendar: Calendar) -> date:
    while not calendar.is_working_day(day, allow_uncovered=True):
        day += timedelta(days=1)
    return day


def last_days(received_on: date, calendar: Calendar, reconsideration_days: int = 60,
              litigation_months: int = 6) -> LastDays:
    """The last day to apply for 行政复议 and to bring a lawsuit, from the day of receipt."""
    reconsideration = received_on + timedelta(days=int(reconsideration_days))
    litigation = add_months(received_on, int(litigation_months))
    return LastDays(received_on, next_working_day(reconsideration, calendar), next_working_day(litigation, calendar))


def review_level(authority: str | None) -> str:
    """Whose people's government hears 行政复议 against the authority: the city's or the district's."""
    return CITY_LEVEL if authority in CITY_AUTHORITIES else DISTRICT_LEVEL


def is_contested(state: str | None, action: str | None = None) -> bool:
    return state in CONTESTED_STATES or action in CONTESTED_ACTIONS


def may_object(state: str | None, pending: bool, on: date, last_day: date | None) -> bool:
    """Whether the resident may ask the office to look again now: a refused or stopped request,
    no objection waiting for an answer, and the reconsideration period still running."""
    return state in OBJECTION_STATES and not pending and (last_day is None or on <= last_day)


def check_reason(text: str | None) -> str | None:
    """None when the reason is acceptable, else an error code ("required", "too_long")."""
    text = (text or "").strip()
    if not text:
        return "required"
    if len(text) > REASON_MAX:
        return "too_long"
    return None
