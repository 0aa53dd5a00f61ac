"""Pure rules of the policy figures administrators propose (portal.domain.figures)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from portal.domain import figures as F
from portal.domain.policy import load_policy
from portal.domain.verdicts import Screening, Verdict

SPECS = F.proposable(load_policy())


def test_only_the_screenings_numbers_are_proposed():
    assert {"dibao_standard", "low_income_multiple", "temp_aid_cap_multiple"} <= set(SPECS)
    # lists, choices and the namespaced time limits stay in the data files
    assert not {"income_excluded_types", "dibao_amount_rounding", "workflow.acceptance_decision_wd"} & set(SPECS)
    assert SPECS["dibao_standard"].whole and not SPECS["low_income_multiple"].whole
    assert SPECS["dibao_asset_vehicle_value_max"].zero_allowed and not SPECS["dibao_standard"].zero_allowed
    assert SPECS["rigid_expenditure_share_threshold"].at_most == 1
    assert SPECS["low_income_multiple"].regions == ("CN",)


@pytest.mark.parametrize("key, text, expected", [
    ("dibao_standard", "1600", (1600, None)),
    ("dibao_standard", " 1,600 ", (1600, None)),
    ("dibao_standard", "１６００", (1600, None)),
    ("dibao_standard", "1600元", (1600, None)),
    ("dibao_standard", "1600.0", (1600, None)),
    ("dibao_standard", "", (None, "value_needed")),
    ("dibao_standard", "1.6e3", (None, "value_not_number")),
    ("dibao_standard", "-5", (None, "value_negative")),
    ("dibao_standard", "1600.5", (None, "value_whole")),
    ("dibao_standard", "0", (None, "value_positive")),
    ("dibao_standard", "1000000000", (None, "value_too_large")),
    ("dibao_asset_vehicle_value_max", "0", (0, None)),
    ("low_income_multiple", "1.65", (1.65, None)),
    ("low_income_multiple", "1.23456", (None, "value_places")),
    ("rigid_expenditure_share_threshold", "0.6", (0.6, None)),
    ("rigid_expenditure_share_threshold", "1.2", (None, "value_share")),
])
def test_read_value(key, text, expected):
    assert F.read_value(text, SPECS[key]) == expected


@pytest.mark.parametrize("text, expected", [
    ("2027-07-01", (date(2027, 7, 1), None)), ("", (None, "date_needed")), ("2027-02-29", (None, "date_invalid")),
    ("2027/07/01", (None, "date_invalid")), ("1999-12-31", (None, "date_range")), ("２０２７-07-01", (date(2027, 7, 1), None)),
])
def test_read_date(text, expected):
    assert F.read_date(text) == expected


def test_standing_of_each_entry():
    today = date(2026, 12, 6)
    dates = [date(2024, 7, 1), date(2025, 7, 1), date(2026, 7, 1), date(2026, 7, 1), date(2027, 7, 1)]
    assert F.standing(dates, today) == ["superseded", "superseded", "replaced", "in_force", "scheduled"]
    assert F.standing([date(2027, 1, 1)], today) == ["scheduled"]


@pytest.mark.parametrize("status, proposer, decider, approving, problem", [
    ("proposed", 1, 2, True, None), ("proposed", 1, 1, True, "own_proposal"), ("proposed", 1, 1, False, None),
    ("approved", 1, 2, True, "already_decided"), ("rejected", 1, 2, False, "already_decided"),
])
def test_two_people_decide(status, proposer, decider, approving, problem):
    assert F.decision_problem(status, proposer, decider, approving) == problem


def test_a_proposal_is_given_last_and_wins_its_date_only():
    shipped = load_policy()
    entries = [{"key": "dibao_standard", "region": "440300", "effective_from": "2025-07-01", "value": 1480,
                "source": "s"}]
    entry = F.entry_dict("dibao_standard", "440300", date(2025, 7, 1), 1500, "CNY/person/month", "correction", False)
    policy = F.with_entry(entries, entry)
    assert policy.value("dibao_standard", date(2025, 7, 1)) == 1500
    assert F.same_as_in_force(shipped, "dibao_standard", "440300", date(2025, 7, 1), 1480)
    assert not F.same_as_in_force(shipped, "dibao_standard", "440300", date(2025, 8, 1), 1480)


def _screening(verdict: str, amount) -> Screening:
    return Screening(date(2026, 7, 1), "440300", (Verdict("dibao", verdict, (), (), (), amount),), {})


def test_changes_compare_verdicts_and_amounts_of_the_requested_types():
    before, after = _screening("unlikely", None), _screening("likely", Decimal("100"))
    [change] = F.changes(before, after, ["dibao", "medical"])
    assert change.verdict_changed and change.amount_changed
    assert F.changes(before, before, ["dibao"]) == []
