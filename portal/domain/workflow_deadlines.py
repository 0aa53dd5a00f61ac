"""Due dates of workflow steps, overall deadlines and review scheduling.

Working-day limits count from the day after the anchor date (the day the state was entered,
or the day of acceptance), per the convention of :mod:`portal.domain.calendar`; calendar-day
limits (the 7-day 公示) count calendar days the same way. A limit given as a policy key is
read on its anchor date, so a later policy change does not move a running clock.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .calendar import WorkCalendar, load_calendar
from .policy import SHENZHEN, Policy
from .workflow_fields import add_months
from .workflow_tables import PRE_DECISION, WORKFLOWS, Workflow
from .workflow_types import (
    Anchor,
    AssistanceType,
    ChainLimit,
    Flag,
    Limit,
    SpecialReason,
    State,
    TotalLimit,
    Unit,
)


@dataclass(frozen=True)
class Deadlines:
    due_on: date | None      # the current step's due date (for a notice: its last day)
    deadline: date | None    # the overall limit, while the request awaits its decision
    due_basis: str = ""
    deadline_basis: str = ""


def notice_ends_on(opened_on: date, days: int = 7) -> date:
    """Last day of a 公示 opened on ``opened_on``.

    The opening day is not counted (民法典 Art. 201 [R]), so a 7-day notice opened on 1 Oct
    runs to 8 Oct inclusive and may be closed from 9 Oct; the notice is never shortened.
    """
    return opened_on + timedelta(days=days)


def review_interval_months(type: AssistanceType | str, income_irregular: bool) -> int | None:
    """Months between periodic reviews: yearly, or every 6 months where income is irregular and
    members can work (S-DB Art. 31; S-YJ item 7); 特困 yearly. None for types without one."""
    months = WORKFLOWS[AssistanceType(type)].review_months
    if months is None:
        return None
    return months[1] if income_irregular else months[0]


def next_review_on(type: AssistanceType | str, from_day: date, income_irregular: bool) -> date | None:
    months = review_interval_months(type, income_irregular)
    return add_months(from_day, months) if months else None


def _number(amount: int | str, policy: Policy | None, on: date, region: str) -> int:
    if isinstance(amount, int):
        return amount
    if policy is None:
        raise ValueError(f"the limit {amount!r} is a policy parameter; pass the policy")
    return int(policy.value(amount, on, region))


def _add(cal: WorkCalendar, start: date, n: int, unit: Unit) -> date:
    return cal.add_working_days(start, n) if unit is Unit.WORKING_DAYS else cal.add_calendar_days(start, n)


def step_due(wf: Workflow, state: State, entered_on: date | None, accepted_on: date | None,
             flags: frozenset[Flag], policy: Policy | None, cal: WorkCalendar,
             region: str) -> tuple[date | None, str]:
    """The table due date of ``state`` and its basis; (None, "") where the table sets none."""
    limit: Limit | None = wf.limits.get(state)
    if limit is None or (limit.until is not None and limit.until in flags):
        return None, ""
    anchor = accepted_on if limit.anchor is Anchor.ACCEPTED else entered_on
    if anchor is None:
        return None, ""
    return _add(cal, anchor, _number(limit.amount, policy, anchor, region), limit.unit), limit.basis


def overall_deadline(wf: Workflow, state: State, accepted_on: date | None, special_reason: SpecialReason | None,
                     delegated: bool, disputes: int, policy: Policy | None, cal: WorkCalendar,
                     region: str) -> tuple[date | None, str]:
    """The acceptance-to-decision deadline while ``state`` awaits the decision, else (None, "").

    低保: 30 wd, 20 wd when delegated, 45 wd with a recorded special reason (S-DB Art. 22;
    S-DD 四(一)); a special reason wins over delegation, since 45 is the ceiling of both.
    特困: the sum of its phase limits, one more re-investigation and notice per objection.
    """
    total = wf.total
    if total is None or accepted_on is None or state not in PRE_DECISION:
        return None, ""
    if isinstance(total, ChainLimit):
        day = accepted_on
        for n, unit in total.phases + total.per_dispute * disputes + total.final:
            day = _add(cal, day, n, unit)
        return day, total.basis
    # Reviewed (B101): the tables hold only TotalLimit or ChainLimit
    assert isinstance(total, TotalLimit)  # nosec B101
    if special_reason is not None and total.special is not None and special_reason in total.special_reasons:
        amount = total.special
    elif delegated and total.delegated is not None:
        amount = total.delegated
    else:
        amount = total.normal
    return cal.add_working_days(accepted_on, _number(amount, policy, accepted_on, region)), total.basis


def deadline_for(type: AssistanceType | str, state: State | str, entered_on: date | None,
                 accepted_on: date | None, special_reason: SpecialReason | None = None,
                 delegated: bool = False, policy: Policy | None = None, *,
                 calendar: WorkCalendar | None = None, region: str = SHENZHEN,
                 flags: frozenset[Flag] = frozenset(), disputes: int = 0) -> Deadlines:
    """The table due date of a state and the overall deadline; strict (raises CalendarNotCovered).

    Due dates that come from a decision's data (next review, end of phase-out, end of
    validity) are not table limits; ``workflow.due_dates`` adds them for a stored request.
    """
    wf, state, cal = WORKFLOWS[AssistanceType(type)], State(state), calendar or load_calendar()
    due, due_basis = step_due(wf, state, entered_on, accepted_on, flags, policy, cal, region)
    overall, overall_basis = overall_deadline(wf, state, accepted_on, special_reason, delegated, disputes,
                                              policy, cal, region)
    return Deadlines(due, overall, due_basis, overall_basis)
