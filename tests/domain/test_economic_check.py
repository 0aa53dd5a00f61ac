"""The economic check interface and the one approval guard (part 3): pure rules."""
from __future__ import annotations

from decimal import Decimal

import pytest

from portal.domain.economic_check import (
    CheckQuery,
    CheckResult,
    Declared,
    DeclaredFiguresCheck,
    EconomicCheck,
    Finding,
    declared_figures,
    parse_difference,
)
from portal.domain.guards import approval_problem
from portal.domain.household import (
    Assets,
    House,
    Household,
    IncomeItem,
    Member,
    Vehicle,
)


class NothingFound:
    """A platform that finds no record of anything (used by tests/client/test_office_records.py)."""

    source = "nothing-found"

    def check(self, query: CheckQuery) -> CheckResult:
        return CheckResult(tuple(Finding(d.subject, d.category, d.amount, None) for d in query.declared), self.source)


def _household() -> Household:
    return Household(
        members=(Member(relation="self", age=40, income=(IncomeItem("wages", Decimal("1200")),
                                                          IncomeItem("wages", Decimal("300")),
                                                          IncomeItem("transfer_out", Decimal("50"), "tax"))),
                 Member(relation="spouse", age=38, income=()),
                 Member(relation="son", age=10)),
        assets=Assets(deposits=Decimal("5000"), securities=None,
                      vehicles=(Vehicle(Decimal("30000")), Vehicle(Decimal("8000"), "disabled_member")),
                      houses=(House("self_occupied"),)))


def test_declared_figures_per_member_and_category():
    assert declared_figures(_household()) == (
        Declared("m1", "wages", Decimal("1500")),  # items of one category are added up; deductions are not matched
        Declared("household", "deposits", Decimal("5000")),  # unanswered securities: nothing to match
        Declared("household", "vehicles", Decimal("30000")),  # an exempt vehicle is not counted
        Declared("household", "houses", Decimal("1")),
    )


def test_the_development_check_finds_what_was_declared():
    query = CheckQuery("SZ-TEST", declared_figures(_household()))
    result = DeclaredFiguresCheck().check(query)
    assert isinstance(DeclaredFiguresCheck(), EconomicCheck) and isinstance(NothingFound(), EconomicCheck)
    assert [f.matches for f in result.findings] == [True] * 4
    assert not result.has_differences and result.source == "development"


@pytest.mark.parametrize("spec, subject, category, declared, found", [
    ("m1:wages:3000", "m1", "wages", Decimal("1500"), Decimal("3000")),  # a declared figure found different
    ("m2:wages:2400", "m2", "wages", None, Decimal("2400")),  # income found where none was declared
    ("household:houses:2", "household", "houses", Decimal("1"), Decimal("2")),
])
def test_a_configured_difference(spec, subject, category, declared, found):
    result = DeclaredFiguresCheck(spec).check(CheckQuery("SZ-TEST", declared_figures(_household())))
    assert result.differences == (Finding(subject, category, declared, found),)


@pytest.mark.parametrize("spec", ["", "m1:wages", "m1:salary:3000", "m1:wages:abc", "m1:wages:-5", "m1:wages:NaN"])
def test_a_malformed_difference_is_ignored(spec):
    assert parse_difference(spec) is None
    assert not DeclaredFiguresCheck(spec).check(CheckQuery("X", (Declared("m1", "wages", Decimal("1")),))).has_differences


def test_no_record_found_matches_only_a_declared_zero():
    assert Finding("m1", "wages", Decimal("0"), None).matches
    assert not Finding("m1", "wages", Decimal("100"), None).matches
    assert not Finding("m2", "wages", None, Decimal("100")).matches


def test_the_result_survives_the_event_payload():
    result = DeclaredFiguresCheck("m1:wages:3000.50").check(CheckQuery("X", declared_figures(_household())))
    payload = result.to_payload()
    assert payload["findings"][0] == {"subject": "m1", "category": "wages", "declared": "1500", "found": "3000.50",
                                      "matches": False}
    assert CheckResult.from_payload(payload) == result


@pytest.mark.parametrize("payload", [None, "x", {}, {"findings": "x"}, {"findings": [{"subject": 1}]},
                                     {"findings": [["m1"]]}])
def test_a_payload_that_is_not_a_result(payload):
    assert CheckResult.from_payload(payload) is None


def test_an_odd_stored_amount_reads_as_no_record():
    result = CheckResult.from_payload({"findings": [{"subject": "m1", "category": "wages", "declared": "Infinity",
                                                     "found": True}]})
    assert result.findings == (Finding("m1", "wages", None, None),) and not result.has_differences


@pytest.mark.parametrize("missing, differences, override, reason, expected", [
    ((), (), False, "", None),
    (("收入",), (), False, "", ("override", "facts_missing")),
    ((), ("本人 工资",), False, "", ("override", "check_differences")),
    (("收入",), ("本人 工资",), False, "", ("override", "facts_missing")),  # one guard, one override
    ((), ("本人 工资",), True, " ", ("override_reason", "override_reason_check")),
    (("收入",), ("本人 工资",), True, "", ("override_reason", "override_reason_required")),
    ((), ("本人 工资",), True, "x" * 2001, ("override_reason", "too_long")),
    ((), ("本人 工资",), True, "复查后确认", None),
    (("收入",), ("本人 工资",), True, "复查后确认", None),
])
def test_the_approval_guard(missing, differences, override, reason, expected):
    assert approval_problem(missing, override, reason, differences) == expected
