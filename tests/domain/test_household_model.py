"""One household model: each fact is a field of a domain dataclass, described by its type and
metadata; the checks, the reader, the API's schema and the journey's mappers walk the fields."""
from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from portal.apply.answers import household_map
from portal.domain import household as h
from portal.domain import model_fields as mf
from portal.domain.household import HouseholdError
from portal.domain.household_io import household_from_dict
from portal.precheck import answers as precheck

TODAY = date(2026, 12, 7)
CLASSES = (h.Household, h.Member, h.Disability, h.IncomeItem, h.Assets, h.Vehicle, h.House,
           h.Circumstances, h.RigidExpenditure, h.Emergency, h.Supporter)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_every_field_of_the_model_is_walked(cls):
    assert [s.name for s in mf.specs(cls)] == [f.name for f in dataclasses.fields(cls)]


def test_the_walk_reads_types_and_metadata():
    member = {s.name: s for s in mf.specs(h.Member)}
    assert (member["age"].kind, member["age"].nullable, member["age"].meta["max"]) == (mf.INTEGER, True, 130)
    assert (member["relation"].kind, member["relation"].required, member["relation"].choices) == (mf.TEXT, True, h.RELATIONS)
    assert (member["student_stage"].required, member["student_stage"].default) == (False, "none")
    assert (member["receiving"].kind, member["receiving"].choices) == (mf.CODES, h.RECEIVING)
    assert (member["income"].kind, member["income"].of, member["income"].nullable) == (mf.OBJECTS, h.IncomeItem, True)
    assert (member["disability"].kind, member["disability"].of) == (mf.OBJECT, h.Disability)
    household = {s.name: s for s in mf.specs(h.Household)}
    assert (household["assets"].kind, household["assets"].default) == (mf.OBJECT, h.Assets())
    assert household["members"].required and not household["members"].nullable


@pytest.mark.parametrize("make, problem", [
    (lambda: h.Member("self", employment="busy"), ("employment", "unknown_choice")),
    (lambda: h.Member("self", age=131), ("age", "out_of_range")),
    (lambda: h.Member("self", receiving=("dibao", "cash")), ("receiving", "unknown_choice")),
    (lambda: h.Disability("visual", 0), ("grade", "out_of_range")),
    (lambda: h.Assets(business_registrations=-1), ("business_registrations", "invalid")),
    (lambda: h.Assets(deposits=Decimal("-1")), ("deposits", "invalid")),
    (lambda: h.RigidExpenditure(medical=Decimal("NaN")), ("medical", "invalid")),
    (lambda: h.Emergency("fire", place="x" * 201), ("place", "too_long")),
    (lambda: h.Emergency("fire", place=5), ("place", "invalid")),
    (lambda: h.IncomeItem("wages", Decimal("-1")), ("amount", "invalid")),
    (lambda: h.Household(members=(h.Member("self"),), region=5), ("region", "invalid")),
])
def test_direct_construction_is_checked_by_the_metadata(make, problem):
    with pytest.raises(HouseholdError) as caught:
        make()
    assert caught.value.problems == [problem]


def test_a_business_loss_is_the_one_negative_amount():
    assert h.IncomeItem("business_net", Decimal("-300")).amount == Decimal("-300")


def _problems(data):
    with pytest.raises(HouseholdError) as caught:
        household_from_dict(data, TODAY)
    return caught.value.problems


def test_rules_between_fields_keep_their_codes():
    assert ("members[0].income[0].amount", "negative") in _problems(
        {"members": [{"relation": "self", "income": [{"category": "wages", "amount": "-1"}]}]})
    assert ("circumstances.emergency", "conflict") in _problems(
        {"members": [{"relation": "self"}], "circumstances": {"has_emergency": False, "emergency": {"kind": "fire"}}})
    assert _problems({"members": [{"relation": "self"}], "region": None}) == [("region", "invalid")]
    assert _problems({"members": [{"relation": "self"}], "region": ""}) == [("region", "invalid")]


def test_a_missing_required_field_does_not_hide_the_others():
    problems = _problems({"members": [{"age": "old", "birth_date": "yesterday"}]})
    assert set(problems) == {("members[0].relation", "required"), ("members[0].age", "not_an_integer"),
                             ("members[0].birth_date", "not_a_date")}


def test_a_disability_is_a_certificate_or_null():
    assert household_from_dict({"members": [{"relation": "self", "disability": None}]}, TODAY).members[0].disability is None
    assert set(_problems({"members": [{"relation": "self", "disability": {}}]})) == {
        ("members[0].disability.type", "required"), ("members[0].disability.grade", "required")}


def test_an_empty_code_with_a_default_is_the_default():
    read = household_from_dict({"members": [{"relation": "self", "student_stage": ""}]}, TODAY)
    assert read.members[0].student_stage == "none"


def test_the_journey_carries_coded_facts_by_name_both_ways():
    assert {"labour_capacity", "employment"} <= set(household_map._ASKED_FACTS)
    assert not {"relation", "student_stage", "receiving", "full_time"} & set(household_map._ASKED_FACTS)
    answers = household_map.answers_from_household({"members": [
        {"relation": "self", "labour_capacity": "partial", "employment": "retired"},
        {"relation": "son", "age": 12}]})
    assert answers["members"][0]["labour_capacity"] == "partial" and "employment" not in answers["members"][1]
    members = household_map.household_from_answers(answers, TODAY).members
    assert (members[0].labour_capacity, members[0].employment) == ("partial", "retired")
    assert (members[1].labour_capacity, members[1].employment) == (None, None)


def test_the_pre_check_carries_its_same_named_answers():
    assert {s.name for s in precheck._SAME_NAME} == {"age", "serious_illness", "student_stage", "employment"}
    answers = {"household": {"size": 1},
               "people": {"1": {"age": 70, "serious_illness": None, "student_stage": "none", "employment": "retired"}},
               "assets": {"savings": "0"}, "circumstances": {"receiving": []}}
    data = precheck.household_dict(answers, TODAY)
    member = household_from_dict(data, TODAY).members[0]
    assert (member.age, member.serious_illness, member.employment) == (70, False, "retired")


def test_a_free_text_too_long_is_named_even_when_its_object_is_incomplete():
    assert set(_problems({"members": [{"relation": "self"}], "circumstances": {"emergency": {"place": "x" * 201}}})) == {
        ("circumstances.emergency.kind", "required"), ("circumstances.emergency.place", "too_long")}


def test_the_journey_offers_the_model_s_choices():
    """The journey's pages label the model's codes: the same codes, in the same order."""
    from portal.apply.answers import choices as C

    def codes(table):
        return tuple(row[0] for row in table)

    member = {s.name: s.choices for s in mf.specs(h.Member)}
    coded = [name for name in household_map._ASKED_FACTS if member[name] is not None]
    assert coded and "unemployment_insurance" in household_map._ASKED_FACTS  # an open yes/no: no table
    for name in (*coded, "student_stage"):
        table = getattr(C, name.upper(), None) or getattr(C, name.upper() + "S")
        assert codes(table) == member[name], name
    assert codes(C.RELATIONS) == tuple(r for r in member["relation"] if r != "self")
    assert codes(C.DISABILITY_TYPES) == mf.specs(h.Disability)[0].choices
    assert codes(C.HOUSE_USES) == mf.specs(h.House)[0].choices
    assert codes(C.EMERGENCY_KINDS) == mf.specs(h.Emergency)[0].choices
