"""The time limits the screening API states are the workflow tables' own numbers."""
from __future__ import annotations

from datetime import date

import pytest

from portal.domain.policy import Policy
from portal.domain.time_limits import (
    DELEGATED,
    LONGER,
    NORMAL,
    STAGE_ORDER,
    statutory_limits,
)
from portal.domain.vocabulary import ASSISTANCE_TYPES
from portal.domain.workflow_tables import WORKFLOWS
from portal.domain.workflow_types import AssistanceType, ChainLimit, State, TotalLimit
from portal.policy_figures.shipped import shipped_policy

ON = date(2025, 9, 1)


def _value(amount: int | str, policy: Policy) -> int:
    return amount if isinstance(amount, int) else int(policy.value(amount, ON))


@pytest.mark.parametrize("type_", ASSISTANCE_TYPES)
def test_every_limited_state_is_one_stage_with_the_tables_number(type_):
    policy = shipped_policy()
    table = WORKFLOWS[AssistanceType(type_)].limits
    limits = statutory_limits(type_, policy, ON)
    states = [s for stage in limits.stages for s in stage.states]
    assert sorted(states) == sorted(str(s) for s in table) and len(states) == len(set(states))
    for stage in limits.stages:
        for state in stage.states:
            row = table[State(state)]
            assert (stage.days, stage.unit, stage.counted_from, stage.basis) == (
                _value(row.amount, policy), str(row.unit), str(row.anchor), row.basis)
    order = [STAGE_ORDER.index(State(stage.states[0])) for stage in limits.stages]
    assert order == sorted(order) and limits.missing == ()


@pytest.mark.parametrize("longer, delegated, variant, field", [
    (False, False, NORMAL, "normal"), (True, False, LONGER, "special"), (False, True, DELEGATED, "delegated"),
    (True, True, LONGER, "special"),  # 45 is the ceiling of both (S-DD 四(一))
])
def test_the_decision_limit_picks_the_workflows_variant(longer, delegated, variant, field):
    total = WORKFLOWS[AssistanceType.DIBAO].total
    assert isinstance(total, TotalLimit)
    decision = statutory_limits("dibao", shipped_policy(), ON, longer=longer, delegated=delegated).decision
    assert decision is not None
    assert (decision.working_days, decision.variant, decision.basis) == (getattr(total, field), variant, total.basis)


def test_types_without_a_variant_keep_their_normal_limit():
    decision = statutory_limits("temp_expenditure", shipped_policy(), ON, longer=True, delegated=True).decision
    assert decision is not None and decision.variant == NORMAL
    assert decision.working_days == shipped_policy().value("workflow.temp_expenditure_total_wd", ON)
    assert decision.policy_key == "workflow.temp_expenditure_total_wd"


def test_tekun_adds_its_phases_and_states_the_cost_of_an_objection():
    total = WORKFLOWS[AssistanceType.TEKUN].total
    assert isinstance(total, ChainLimit)
    decision = statutory_limits("tekun", shipped_policy(), ON).decision
    assert decision is not None
    assert (decision.working_days, decision.calendar_days) == (30, 7)
    assert (decision.per_objection_working_days, decision.per_objection_calendar_days) == (15, 7)


@pytest.mark.parametrize("type_", ["medical", "education", "housing", "employment", "disaster", "temp_emergency"])
def test_types_decided_elsewhere_or_helped_first_have_no_decision_limit(type_):
    assert statutory_limits(type_, shipped_policy(), ON).decision is None


def test_a_policy_figure_not_yet_in_force_is_missing_not_an_error():
    limits = statutory_limits("low_income", shipped_policy(), date(2001, 1, 1), longer=True)
    assert limits.stages[0].days is None and limits.decision is not None and limits.decision.working_days is None
    assert limits.missing == ("policy.workflow.acceptance_decision_wd", "policy.workflow.low_income_special_total_wd")


def test_an_unknown_type_is_refused():
    with pytest.raises(ValueError):
        statutory_limits("pension", shipped_policy(), ON)
