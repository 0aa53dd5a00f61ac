"""The statutory time limits of one assistance type, stage by stage, read from the workflow tables.

Pure: no Flask, no SQLAlchemy. The numbers are the ones the workflow engine counts with
(``workflow_tables.WORKFLOWS``: each state's ``Limit`` and the type's overall ``TotalLimit`` or
``ChainLimit``); a limit given as a policy key is read on ``on``, as ``workflow_deadlines`` does
on the day its clock starts. Nothing is written here twice: a change of the tables or of the
policy changes what this returns.

Guarantees of ``statutory_limits``:
- one ``StageLimit`` per row of the table's limits, in the order a request meets them (the
  order of ``STAGE_ORDER``), each with its unit, what it counts from and its article; states
  that share one row (特困's investigation phase: 15 working days from acceptance for all of
  them) are one stage listing those states;
- ``days`` is None (and the policy key is in ``missing``) when a policy key has no value in
  force on ``on``; nothing raises for a known type;
- the decision limit picks the variant the workflow would: the longer limit when the routing
  establishes a ground for it (S-DD 四(一)), else the delegated one when the street office
  decides, else the normal one; 特困's is the sum of its phases (S-TK Arts. 13-18).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .policy import SHENZHEN, Policy, PolicyError
from .workflow_tables import STEP, WORKFLOWS
from .workflow_types import AssistanceType, ChainLimit, Limit, State, TotalLimit, Unit

# The order a request meets the limited states (the state tables of portal/domain/rules.md, "9. Application STATES").
STAGE_ORDER: tuple[State, ...] = (
    State.SUBMITTED, State.FAST_AID_GRANTED, State.ACCEPTED, State.INVESTIGATING, State.DATA_CHECK,
    State.CHECK_FAILED, State.RECHECK, State.HOME_VISIT, State.PRELIM_OPINION, State.PUBLICITY, State.DISPUTED,
    State.COUNTY_REVIEW, State.REJECTED, State.TERMINATION_NOTICE, State.TERMINATION_DISPUTED,
)
NORMAL, DELEGATED, LONGER = "normal", "delegated", "longer"


@dataclass(frozen=True)
class StageLimit:
    states: tuple[str, ...]  # workflow state codes the limit runs in, e.g. ("SUBMITTED",)
    step: str           # its coarse step, e.g. "acceptance" (workflow_tables.STEP)
    days: int | None    # None: the policy key has no value in force
    unit: str           # Unit: working_days or calendar_days
    counted_from: str   # Anchor: "entered" (the state) or "accepted" (the application's acceptance)
    basis: str          # the article or design note of the table row
    policy_key: str | None = None


@dataclass(frozen=True)
class DecisionLimit:
    """From acceptance to the decision."""

    working_days: int | None
    calendar_days: int                     # a public notice inside the limit (特困), else 0
    variant: str                           # NORMAL, DELEGATED or LONGER
    basis: str
    per_objection_working_days: int = 0    # 特困: added for each objection at the notice
    per_objection_calendar_days: int = 0
    policy_key: str | None = None


@dataclass(frozen=True)
class TimeLimits:
    type: str
    stages: tuple[StageLimit, ...]
    decision: DecisionLimit | None         # None: decided elsewhere, or help first
    missing: tuple[str, ...] = ()          # "policy.<key>" of limits with no value in force


def _amount(amount: int | str, policy: Policy, on: date, region: str, missing: list[str]) -> int | None:
    if isinstance(amount, int):
        return amount
    try:
        return int(policy.value(amount, on, region))
    except (PolicyError, TypeError, ValueError):
        missing.append(f"policy.{amount}")
        return None


def _stage(states: list[State], limit: Limit, policy: Policy, on: date, region: str,
           missing: list[str]) -> StageLimit:
    return StageLimit(tuple(str(s) for s in states), STEP.get(states[0], ""), _amount(limit.amount, policy, on, region, missing),
                      str(limit.unit), str(limit.anchor), limit.basis,
                      limit.amount if isinstance(limit.amount, str) else None)


def _sum(phases: tuple[tuple[int, Unit], ...], unit: Unit) -> int:
    return sum(n for n, u in phases if u is unit)


def statutory_limits(type_: str, policy: Policy, on: date, *, longer: bool = False, delegated: bool = False,
                     region: str = SHENZHEN) -> TimeLimits:
    """See the module guarantees. Raises ValueError for an unknown type."""
    wf = WORKFLOWS[AssistanceType(type_)]
    missing: list[str] = []
    order = {state: i for i, state in enumerate(STAGE_ORDER)}
    states = sorted(wf.limits, key=lambda s: (order.get(s, len(order)), str(s)))
    rows: dict[Limit, list[State]] = {}
    for state in states:
        rows.setdefault(wf.limits[state], []).append(state)
    stages = tuple(_stage(group, limit, policy, on, region, missing) for limit, group in rows.items())
    total = wf.total
    decision: DecisionLimit | None = None
    if isinstance(total, TotalLimit):
        if longer and total.special is not None:
            amount, variant = total.special, LONGER
        elif delegated and total.delegated is not None:
            amount, variant = total.delegated, DELEGATED
        else:
            amount, variant = total.normal, NORMAL
        decision = DecisionLimit(_amount(amount, policy, on, region, missing), 0, variant, total.basis,
                                 policy_key=amount if isinstance(amount, str) else None)
    elif isinstance(total, ChainLimit):
        phases = total.phases + total.final
        decision = DecisionLimit(_sum(phases, Unit.WORKING_DAYS), _sum(phases, Unit.CALENDAR_DAYS), NORMAL,
                                 total.basis, _sum(total.per_dispute, Unit.WORKING_DAYS),
                                 _sum(total.per_dispute, Unit.CALENDAR_DAYS))
    return TimeLimits(type_, stages, decision, tuple(dict.fromkeys(missing)))
