"""Household value objects: Art. 7 membership, Art. 13 income, S-TK Art. 5 labour capacity,
minors, and reading/writing plain dicts with field-named errors."""
from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal

import pytest

from portal.domain.household import (
    Assets,
    Disability,
    Household,
    HouseholdError,
    IncomeItem,
    Member,
)
from portal.domain.members import in_minor_extension, labour_capacity

ON = date(2025, 7, 1)
NATIONAL_EXCLUDED = frozenset({"veteran_benefits", "family_planning_reward", "scholarship",
                               "heroic_deed_reward", "social_assistance", "resident_basic_pension"})


def item(category: str, amount: str, subtype: str | None = None) -> IncomeItem:
    return IncomeItem(category, Decimal(amount), subtype)


def hh(*members: Member) -> Household:
    return Household(members=tuple(members))


SELF = Member("self", age=40, income=())


# --- S-TK Art. 5: labour capacity ---------------------------------------------------------

@pytest.mark.parametrize("age, status, basis", [
    (15, "none", "age_under_16"),
    (16, "has", "no_statutory_ground"),
    (17, "has", "no_statutory_ground"),
    (18, "has", "no_statutory_ground"),
    (59, "has", "no_statutory_ground"),
    (60, "none", "age_60_or_over"),
])
def test_labour_capacity_by_age(age, status, basis):
    capacity = labour_capacity(Member("self", age=age), ON)
    assert (capacity.status, capacity.basis) == (status, basis)


@pytest.mark.parametrize("birth, status", [
    (date(1965, 7, 1), "none"),   # 60th birthday on the screening day
    (date(1965, 7, 2), "has"),    # turns 60 the day after
    (date(2009, 7, 1), "has"),    # 16th birthday on the day
    (date(2009, 7, 2), "none"),   # still 15
])
def test_labour_capacity_birthday_boundaries(birth, status):
    assert labour_capacity(Member("self", birth_date=birth), ON).status == status


@pytest.mark.parametrize("kind, grade, status", [
    ("intellectual", 3, "none"), ("intellectual", 4, "has"),
    ("mental", 1, "none"), ("mental", 3, "none"), ("mental", 4, "has"),
    ("physical", 1, "none"), ("physical", 2, "none"), ("physical", 3, "has"),
    ("visual", 1, "none"), ("visual", 2, "has"),
    ("hearing", 1, "has"), ("speech", 1, "has"),
    ("multiple", 1, "uncertain"), ("multiple", 4, "has"),
])
def test_labour_capacity_by_disability(kind, grade, status):
    member = Member("self", age=40, disability=Disability(kind, grade))
    assert labour_capacity(member, ON).status == status


def test_labour_capacity_declared_none_or_unknown_age():
    assert labour_capacity(Member("self", age=40, labour_capacity="none"), ON).status == "uncertain"
    assert labour_capacity(Member("self"), ON).status == "unknown"
    # A qualifying disability decides even when the age is unknown.
    assert labour_capacity(Member("self", disability=Disability("physical", 1)), ON).status == "none"


# --- minors and the 18 extension (S-YJ item 5; S-TK Art. 24) ------------------------------

@pytest.mark.parametrize("age, stage, extended", [
    (17, "senior_general", False),      # still a minor, no extension needed
    (18, "senior_general", True),
    (18, "secondary_vocational", True),
    (19, "junior", True),               # compulsory education
    (18, "higher_vocational", False),
    (18, "bachelor", False),
    (18, "none", False),
])
def test_minor_extension(age, stage, extended):
    assert in_minor_extension(Member("son", age=age, student_stage=stage), ON) is extended


def test_minors_lists_members_under_18():
    household = hh(SELF, Member("son", age=17), Member("daughter", age=18), Member("son"))
    assert household.minors(ON) == (1,)


# --- S-DB Art. 7: co-resident members -----------------------------------------------------

@pytest.mark.parametrize("member, basis", [
    (Member("spouse", lives_with_applicant=False), "spouse"),
    (Member("son", age=17, lives_with_applicant=False), "minor_child"),
    (Member("son", age=18, lives_with_applicant=False), "not_co_resident"),
    (Member("son", age=20, lives_with_applicant=True), "co_resident_duty"),
    (Member("daughter", age=20, lives_with_applicant=False, student_stage="bachelor", full_time=True),
     "dependent_adult_child"),
    (Member("daughter", age=20, lives_with_applicant=False, student_stage="bachelor", full_time=False),
     "not_co_resident"),
    (Member("daughter", age=24, lives_with_applicant=False, student_stage="postgraduate", full_time=True),
     "not_co_resident"),
    (Member("son", age=30, lives_with_applicant=False, disability=Disability("intellectual", 2)),
     "dependent_adult_child"),
    (Member("parent", age=70, lives_with_applicant=True), "co_resident_duty"),
    (Member("parent", age=70, lives_with_applicant=False), "not_co_resident"),
    (Member("grandchild", age=8, lives_with_applicant=True), "co_resident_duty"),
    (Member("sibling", age=30, lives_with_applicant=True), "co_resident_duty"),
    (Member("other", age=30, lives_with_applicant=True), "no_statutory_duty"),
    (Member("spouse", serving_sentence=True), "excluded_serving_sentence"),
    (Member("son", age=25, lives_with_applicant=True, compulsory_rehab=True), "excluded_compulsory_rehab"),
    (Member("parent", lives_with_applicant=True, declared_missing=True), "excluded_declared_missing"),
    (Member("sibling", lives_with_applicant=True, clergy_apart_3y=True), "excluded_clergy_apart"),
])
def test_membership_basis(member, basis):
    ms = hh(SELF, member).membership(ON)
    assert dict(ms.counted + ms.not_counted)[1] == basis
    assert ms.complete
    counted = basis in {"spouse", "minor_child", "dependent_adult_child", "co_resident_duty"}
    assert (1 in ms.indices) is counted
    assert ms.size == 1 + counted


@pytest.mark.parametrize("member, missing", [
    (Member("parent", age=70), "members[1].lives_with_applicant"),
    (Member("son", lives_with_applicant=False), "members[1].birth_date"),
    (Member("son", age=20, student_stage="bachelor", lives_with_applicant=False), "members[1].full_time"),
    (Member("son", age=20), "members[1].lives_with_applicant"),
])
def test_membership_reports_missing_answers(member, missing):
    ms = hh(SELF, member).membership(ON)
    assert ms.missing == (missing,)
    assert 1 not in ms.indices


def test_co_resident_child_of_unknown_age_counts():
    assert hh(SELF, Member("son", lives_with_applicant=True)).membership(ON).size == 2


# --- S-DB Art. 13: income -----------------------------------------------------------------

@pytest.mark.parametrize("subtype", sorted(NATIONAL_EXCLUDED))
def test_each_excluded_income_type_is_not_counted(subtype):
    applicant = Member("self", age=40, income=(item("wages", "1000"), item("excluded", "300", subtype)))
    summary = hh(applicant).income(ON, NATIONAL_EXCLUDED)
    assert summary.counted_total == Decimal("1000")
    assert summary.excluded_total == Decimal("300")
    assert summary.excluded_subtypes == (subtype,)


def test_an_exclusion_the_policy_does_not_list_is_counted_as_transfer():
    applicant = Member("self", age=80, income=(item("excluded", "200", "old_age_allowance"),))
    assert hh(applicant).income(ON, NATIONAL_EXCLUDED).counted_total == Decimal("200")
    assert hh(applicant).income(ON, NATIONAL_EXCLUDED | {"old_age_allowance"}).counted_total == 0


def test_deductions_and_net_income():
    applicant = Member("self", age=40, income=(
        item("wages", "3000"), item("employment_costs", "200"), item("business_net", "500"),
        item("property", "100"), item("transfer", "400", "pension"),
        item("transfer_out", "300", "social_insurance"), item("transfer_out", "100", "tax"),
    ))
    summary = hh(applicant).income(ON, NATIONAL_EXCLUDED)
    assert summary.counted_total == Decimal("3400")
    assert summary.deducted_total == Decimal("600")


def test_employment_costs_cannot_exceed_wages_and_total_is_never_negative():
    applicant = Member("self", age=40, income=(item("wages", "100"), item("employment_costs", "500")))
    loss = Member("spouse", income=(item("business_net", "-900"),))
    summary = hh(applicant, loss).income(ON, NATIONAL_EXCLUDED)
    assert summary.by_member[0].counted == Decimal("0")
    assert summary.by_member[0].deducted == Decimal("100")
    assert summary.counted_total == Decimal("0")


def test_business_loss_offsets_other_income():
    applicant = Member("self", age=40, income=(item("wages", "2000"),))
    spouse = Member("spouse", income=(item("business_net", "-500"),))
    assert hh(applicant, spouse).income(ON, NATIONAL_EXCLUDED).counted_total == Decimal("1500")


def test_income_of_members_not_counted_is_left_out():
    prisoner = Member("spouse", serving_sentence=True, income=(item("wages", "9000"),))
    lodger = Member("other", age=30, lives_with_applicant=True, income=(item("wages", "9000"),))
    summary = hh(Member("self", age=40, income=(item("wages", "500"),)), prisoner, lodger).income(
        ON, NATIONAL_EXCLUDED)
    assert (summary.counted_total, summary.members) == (Decimal("500"), 1)


def test_per_capita_is_rounded_for_display_only():
    household = hh(Member("self", age=40, income=(item("wages", "1000"),)),
                   Member("spouse", income=()), Member("son", age=5, income=()))
    summary = household.income(ON, NATIONAL_EXCLUDED)
    assert summary.per_capita == Decimal("333.33")
    assert summary.counted_total == Decimal("1000")
    assert household.per_capita_income(ON, NATIONAL_EXCLUDED) == Decimal("333.33")


def test_unanswered_income_is_missing_not_zero():
    summary = hh(Member("self", age=40), Member("spouse", income=())).income(ON, NATIONAL_EXCLUDED)
    assert summary.missing == ("members[0].income",)
    assert summary.per_capita is None
    assert not summary.complete


def test_unemployed_able_members():
    household = hh(Member("self", age=40, employment="employed"),
                   Member("spouse", age=38, employment="registered_unemployed"),
                   Member("parent", age=62, lives_with_applicant=True, employment="unemployed"),
                   Member("son", age=20, lives_with_applicant=True))
    assert household.unemployed_able_members(ON) == ((1,), ("members[3].employment",))


def test_assets_totals():
    assets = Household.from_dict({"members": [{"relation": "self"}], "assets": {
        "deposits": "100", "securities": "200", "insurance_cash_value": "300",
        "internet_finance": "400", "receivables": "5",
        "vehicles": [{"value": "50000", "exemption": "disabled_member"}, {"value": "20000"}],
        "houses": [{"use": "self_occupied", "area_m2": "60"}, {"use": "rented_out"}],
        "business_registrations": 0}}, today=ON).assets
    assert assets.liquid_total() == Decimal("1005")
    assert assets.vehicle_value() == Decimal("20000")
    assert assets.exempt_vehicles() == 1
    assert assets.house_count() == 2
    assert Assets(deposits=Decimal("1")).liquid_total() is None
    assert Assets(deposits=Decimal("1")).liquid_missing() == [
        "assets.securities", "assets.insurance_cash_value", "assets.internet_finance", "assets.receivables"]


# --- from_dict / to_dict ------------------------------------------------------------------

FULL = {
    "region": "440305",
    "members": [
        {"relation": "self", "birth_date": "1960-02-29", "labour_capacity": "partial",
         "disability": {"type": "physical", "grade": 2}, "serious_illness": True,
         "employment": "retired", "receiving": ["dibao"],
         "income": [{"category": "transfer", "amount": "1200.50", "subtype": "pension"},
                    {"category": "excluded", "amount": "200", "subtype": "old_age_allowance"}]},
        {"relation": "daughter", "age": 19, "lives_with_applicant": False,
         "student_stage": "bachelor", "full_time": True, "income": []},
        {"relation": "spouse", "birth_date": "1962-01-01", "serving_sentence": True},
    ],
    "assets": {"deposits": "1000", "securities": "0", "insurance_cash_value": "0",
               "internet_finance": "0", "receivables": "0",
               "vehicles": [{"value": "8000", "exemption": "disabled_member"}],
               "houses": [{"use": "self_occupied", "area_m2": "45.5"}], "business_registrations": 0},
    "circumstances": {"rigid_expenditure": {"medical": "12000", "rehabilitation": "3000"},
                      "housing_difficulty": True, "disaster": False,
                      "emergency": {"kind": "fire", "date": "2025-06-20", "place": "440305"}},
    "supporters": [{"relation": "sibling", "age": 70, "income_per_capita": "900",
                    "property_within_limits": True}],
}


def test_round_trip_through_dict():
    household = Household.from_dict(FULL, today=ON)
    assert household.members[0].income[0].amount == Decimal("1200.50")
    assert household.circumstances.has_emergency is True
    assert household.supporters[0].income_per_capita == Decimal("900")
    again = Household.from_dict(household.to_dict(), today=ON)
    assert again == household
    assert household.to_dict()["members"][0]["income"][0]["amount"] == "1200.50"


def test_absent_answers_stay_open_and_flags_default_to_no():
    household = Household.from_dict({"members": [{"relation": "self"}]}, today=ON)
    m = household.members[0]
    assert (m.income, m.lives_with_applicant, m.birth_date, m.age) == (None, None, None, None)
    assert (m.serving_sentence, m.serious_illness, m.disability) == (False, False, None)
    assert household.assets.deposits is None and household.assets.vehicles is None
    assert household.circumstances.has_emergency is None
    assert household.supporters is None
    assert household.region == "440300"


def test_amounts_accept_numbers_without_float_error():
    data = {"members": [{"relation": "self", "income": [
        {"category": "wages", "amount": 0.1}, {"category": "property", "amount": 12}]}]}
    amounts = [i.amount for i in Household.from_dict(data, today=ON).members[0].income]
    assert amounts == [Decimal("0.1"), Decimal("12")]
    assert all(isinstance(a, Decimal) for a in amounts)


def _with(path: list, value, base=None):
    data = copy.deepcopy(base or FULL)
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


_DELETE = object()


@pytest.mark.parametrize("path, value, problem", [
    (["members"], [], ("members", "required")),
    (["members"], "x", ("members", "not_a_list")),
    (["members", 0, "relation"], "son", ("members", "no_applicant")),
    (["members", 1, "relation"], "self", ("members", "multiple_applicants")),
    (["members", 0, "relation"], "uncle", ("members[0].relation", "unknown_choice")),
    (["members", 0, "relation"], _DELETE, ("members[0].relation", "required")),
    (["members", 0, "birth_date"], "1960-13-01", ("members[0].birth_date", "not_a_date")),
    (["members", 0, "birth_date"], "2025-07-02", ("members[0].birth_date", "future_date")),
    (["members", 1, "birth_date"], "2006-01-01", ("members[1].age", "conflict")),
    (["members", 1, "age"], 131, ("members[1].age", "out_of_range")),
    (["members", 1, "age"], "nineteen", ("members[1].age", "not_an_integer")),
    (["members", 1, "age"], True, ("members[1].age", "not_an_integer")),
    (["members", 1, "lives_with_applicant"], "yes", ("members[1].lives_with_applicant", "not_a_boolean")),
    (["members", 1, "student_stage"], "phd", ("members[1].student_stage", "unknown_choice")),
    (["members", 0, "labour_capacity"], "some", ("members[0].labour_capacity", "unknown_choice")),
    (["members", 0, "employment"], "busy", ("members[0].employment", "unknown_choice")),
    (["members", 0, "receiving"], ["cash"], ("members[0].receiving", "unknown_choice")),
    (["members", 0, "disability", "grade"], 5, ("members[0].disability.grade", "out_of_range")),
    (["members", 0, "disability", "type"], "back", ("members[0].disability.type", "unknown_choice")),
    (["members", 0, "nmae"], "Li", ("members[0].nmae", "unknown_field")),
    (["members", 0, "income", 0, "amount"], "12.345", ("members[0].income[0].amount", "too_precise")),
    (["members", 0, "income", 0, "amount"], "-1", ("members[0].income[0].amount", "negative")),
    (["members", 0, "income", 0, "amount"], "abc", ("members[0].income[0].amount", "not_a_number")),
    (["members", 0, "income", 0, "amount"], "NaN", ("members[0].income[0].amount", "not_a_number")),
    (["members", 0, "income", 0, "amount"], "1e20", ("members[0].income[0].amount", "too_large")),
    (["members", 0, "income", 0, "amount"], _DELETE, ("members[0].income[0].amount", "required")),
    (["members", 0, "income", 0, "subtype"], _DELETE, ("members[0].income[0].subtype", "required")),
    (["members", 0, "income", 1, "subtype"], "lottery", ("members[0].income[1].subtype", "unknown_choice")),
    (["members", 0, "income", 0, "category"], "salary", ("members[0].income[0].category", "unknown_choice")),
    (["members", 0, "income"], {"wages": 1}, ("members[0].income", "not_a_list")),
    (["assets", "deposits"], "lots", ("assets.deposits", "not_a_number")),
    (["assets", "vehicles", 0, "exemption"], "pet", ("assets.vehicles[0].exemption", "unknown_choice")),
    (["assets", "vehicles", 0, "value"], _DELETE, ("assets.vehicles[0].value", "required")),
    (["assets", "houses", 0, "use"], "castle", ("assets.houses[0].use", "unknown_choice")),
    (["assets", "business_registrations"], -1, ("assets.business_registrations", "invalid")),
    (["circumstances", "rigid_expenditure", "medical"], "-3", ("circumstances.rigid_expenditure.medical", "negative")),
    (["circumstances", "rigid_expenditure", "travel"], "3", ("circumstances.rigid_expenditure.travel", "unknown_field")),
    (["circumstances", "emergency", "kind"], _DELETE, ("circumstances.emergency.kind", "required")),
    (["circumstances", "emergency", "kind"], "flood", ("circumstances.emergency.kind", "unknown_choice")),
    (["circumstances", "has_emergency"], False, ("circumstances.emergency", "conflict")),
    (["supporters", 0, "relation"], "cousin", ("supporters[0].relation", "unknown_choice")),
    (["supporters", 0, "income_per_capita"], "x", ("supporters[0].income_per_capita", "not_a_number")),
    (["region"], "Shenzhen", ("region", "invalid")),
])
def test_from_dict_errors_name_the_field(path, value, problem):
    with pytest.raises(HouseholdError) as caught:
        Household.from_dict(_with(path, value), today=ON)
    assert problem in caught.value.problems
    assert isinstance(caught.value, ValueError)


def test_business_loss_may_be_negative():
    data = _with(["members", 0, "income"], [{"category": "business_net", "amount": "-300"}])
    assert Household.from_dict(data, today=ON).members[0].income[0].amount == Decimal("-300")


def test_every_problem_is_reported_at_once():
    data = _with(["members", 1, "age"], -4, _with(["assets", "deposits"], "?"))
    with pytest.raises(HouseholdError) as caught:
        Household.from_dict(data, today=ON)
    assert set(caught.value.problems) >= {("members[1].age", "out_of_range"), ("assets.deposits", "not_a_number")}


@pytest.mark.parametrize("data", [None, [], "household"])
def test_from_dict_refuses_a_non_object(data):
    with pytest.raises(HouseholdError) as caught:
        Household.from_dict(data, today=ON)
    assert caught.value.problems == [("", "not_an_object")]


def test_direct_construction_is_validated_too():
    with pytest.raises(HouseholdError) as caught:
        IncomeItem("wages", 100.0)  # a float is never money
    assert ("amount", "invalid") in caught.value.problems
    with pytest.raises(HouseholdError):
        Household(members=(Member("spouse"),))
