"""Screening rules, table-driven, against a test policy with fixed values (the shipped data
is checked separately at the end, so that updating a Shenzhen figure breaks no rule test)."""
from __future__ import annotations

import ast
import copy
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from portal.domain.eligibility import (
    ASSISTANCE_TYPES,
    CHANGE_TEXTS,
    REASON_TEXTS,
    describe_en,
    explain,
    round_amount,
    screen,
)
from portal.domain.household import Household
from portal.domain.policy import SHENZHEN, Policy, load_policy

ON = date(2025, 7, 1)
D = Decimal

BASE = {
    # key: (region, value, example)
    "low_income_multiple": ("CN", 1.5, False),
    "tekun_support_multiple": (SHENZHEN, 1.6, True),
    # Differs from the urban multiple on purpose (S-TK Art. 19 is then visible); Shenzhen ships them equal.
    "tekun_support_multiple_rural": (SHENZHEN, 1.8, True),
    "disposable_income_per_capita_prev_year": (SHENZHEN, 76910, True),
    "income_excluded_types": ("CN", ["veteran_benefits", "family_planning_reward", "scholarship",
                                     "heroic_deed_reward", "social_assistance", "resident_basic_pension"], False),
    "income_excluded_types_local": (SHENZHEN, ["old_age_allowance"], True),
    "tekun_income_excluded_types": ("CN", ["resident_basic_pension", "veteran_benefits", "old_age_allowance"], False),
    "dibao_asset_liquid_months": (SHENZHEN, 24, True),
    "dibao_asset_vehicle_value_max": (SHENZHEN, 0, True),
    "dibao_asset_houses_max": (SHENZHEN, 1, True),
    "tekun_asset_liquid_months": (SHENZHEN, 24, True),
    "tekun_asset_vehicle_value_max": (SHENZHEN, 0, True),
    "tekun_asset_houses_max": (SHENZHEN, 1, True),
    "low_income_asset_liquid_months": (SHENZHEN, 36, True),
    "low_income_asset_vehicle_value_max": (SHENZHEN, 100000, True),
    "low_income_asset_houses_max": (SHENZHEN, 1, True),
    "rigid_expenditure_kinds_counted": ("CN", ["basic_living", "medical", "education", "rehabilitation"], False),
    "temp_aid_tier_multiples": (SHENZHEN, {"emergency": {"1": 1, "2": 3, "3": 20},
                                           "expenditure": {"1": 2, "2": 4}}, True),
    "temp_aid_cap_multiple": (SHENZHEN, 15, True),
    "temp_aid_street_limit_multiple": (SHENZHEN, 3, True),
    "temp_emergency_window_days": (SHENZHEN, 90, True),
    "dibao_amount_rounding": (SHENZHEN, "up_to_yuan", True),
    "long_term_co_residence_months": (SHENZHEN, 6, True),
}


def make_policy(**overrides) -> Policy:
    """A policy with fixed test values; ``key=None`` removes a key, ``key=value`` replaces it."""
    entries = [
        {"key": "dibao_standard", "region": SHENZHEN, "effective_from": "2024-07-01", "value": 1410,
         "source": "test", "example": True},
        {"key": "dibao_standard", "region": SHENZHEN, "effective_from": "2025-07-01", "value": 1480,
         "source": "test", "example": True},
        {"key": "rigid_expenditure_share_threshold", "region": SHENZHEN, "effective_from": "2025-01-01",
         "value": 0.5, "source": "test", "example": True},
    ]
    entries = [e for e in entries if overrides.get(e["key"], ...) is ...]
    for key, (region, value, example) in BASE.items():
        value = overrides.get(key, value)
        if value is not None:
            entries.append({"key": key, "region": region, "effective_from": "2021-07-01",
                            "value": value, "source": f"test {key}", "example": example})
    for key, value in overrides.items():
        if key not in BASE and value is not None:
            entries.append({"key": key, "region": SHENZHEN, "effective_from": "2021-07-01",
                            "value": value, "source": "test", "example": True})
    return Policy.from_entries(entries)


POLICY = make_policy()
NO_ASSETS = {"deposits": "0", "securities": "0", "insurance_cash_value": "0", "internet_finance": "0",
             "receivables": "0", "vehicles": [], "houses": [], "business_registrations": 0}
QUIET = {"rigid_expenditure": {}, "housing_difficulty": False, "disaster": False, "has_emergency": False}


def person(relation="self", age=40, wages=None, **kw) -> dict:
    data = {"relation": relation, "age": age, "income": kw.pop("income", [])}
    if wages is not None:
        data["income"] = data["income"] + [{"category": "wages", "amount": str(wages)}]
    data.update(kw)
    return data


def family(*members, assets=None, circumstances=None, supporters=(), **extra) -> dict:
    data = {"members": list(members), "assets": copy.deepcopy(assets or NO_ASSETS),
            "circumstances": copy.deepcopy(circumstances or QUIET),
            "supporters": list(supporters)}
    data.update(extra)
    return data


def run(data: dict, on: date = ON, policy: Policy = POLICY):
    return screen(Household.from_dict(data, today=on), policy, on)


def verdict(data: dict, code: str, **kw):
    return run(data, **kw)[code]


def three(income) -> dict:
    """Applicant with ``income`` in wages, a spouse and a child with none."""
    return family(person(wages=income), person("spouse", age=38), person("son", age=10))


# --- dibao ----------------------------------------------------------------------------------

@pytest.mark.parametrize("data, expected", [
    (family(person(wages="1479.99")), "likely"),
    (family(person(wages="1480.00")), "unlikely"),
    (family(person(wages="1480.01")), "unlikely"),
    (three("4439.99"), "likely"),
    (three("4440.00"), "unlikely"),
    (three("4440.01"), "unlikely"),   # 1480.0033 per person: must not round down to the line
])
def test_dibao_income_at_the_standard_and_one_fen_either_side(data, expected):
    v = verdict(data, "dibao")
    assert v.verdict == expected
    code = "income_below_standard" if expected == "likely" else "income_not_below_standard"
    assert v.reason(code).article == "S-YJ item 2"


@pytest.mark.parametrize("income, gap", [("1480.00", D("0.00")), ("1480.01", D("0.01")), ("1600", D("120.00"))])
def test_dibao_says_how_far_income_is_above_the_line(income, gap):
    v = verdict(family(person(wages=income)), "dibao")
    change = next(c for c in v.what_would_change if c.code == "income_above_standard_by")
    assert change.params["amount"] == gap
    assert v.amount is None


def test_dibao_likely_says_what_rise_would_end_it():
    v = verdict(three("4000"), "dibao")
    change = next(c for c in v.what_would_change if c.code == "income_rise_ends_eligibility")
    assert change.params["amount"] == D("440")


@pytest.mark.parametrize("members, income, rounding, amount", [
    (1, "0", "up_to_yuan", D("1480")),
    (1, "1479.99", "up_to_yuan", D("1")),
    (3, "3000.50", "up_to_yuan", D("1440")),
    (3, "3000.50", "half_up_to_yuan", D("1440")),
    (3, "3000.51", "half_up_to_yuan", D("1439")),
    (3, "3000.50", "down_to_yuan", D("1439")),
    (3, "3000.50", "to_fen", D("1439.50")),
    # standard x n - total, not (standard - rounded per-capita) x n: 333.33 x 3 would give 3440.01
    (3, "1000", "to_fen", D("3440.00")),
])
def test_dibao_amount_arithmetic_and_rounding(members, income, rounding, amount):
    people = [person(wages=income), person("spouse", age=38), person("son", age=10)][:members]
    v = verdict(family(*people), "dibao", policy=make_policy(dibao_amount_rounding=rounding))
    assert v.verdict == "likely"
    assert v.amount == amount
    assert v.reason("amount_estimate").params["unrounded"] == D(1480 * members) - D(income)


def test_round_amount_is_never_negative_and_refuses_unknown_modes():
    assert round_amount(D("-12.5"), "up_to_yuan") == 0
    with pytest.raises(ValueError):
        round_amount(D("1"), "nearest_ten")


@pytest.mark.parametrize("on, standard, verdict_, amount", [
    (date(2025, 6, 30), D("1410"), "unlikely", None),
    (date(2025, 7, 1), D("1480"), "likely", D("60")),
])
def test_standard_changed_on_a_date(on, standard, verdict_, amount):
    v = verdict(family(person(wages="1420")), "dibao", on=on)
    assert v.figures["standard"] == standard
    assert (v.verdict, v.amount) == (verdict_, amount)
    used = {p.key: p for p in v.parameters}["dibao_standard"]
    assert used.value == int(standard) and used.example is True


@pytest.mark.parametrize("subtype", ["veteran_benefits", "family_planning_reward", "scholarship",
                                     "heroic_deed_reward", "social_assistance", "resident_basic_pension",
                                     "old_age_allowance"])
def test_each_excluded_income_type_is_not_counted_for_dibao(subtype):
    data = family(person(wages="1400", income=[{"category": "excluded", "amount": "500", "subtype": subtype}]))
    v = verdict(data, "dibao")
    assert v.verdict == "likely"
    assert v.amount == D("80")
    assert v.reason("income_excluded_items").params["subtypes"] == [subtype]


def test_old_age_allowance_counts_for_dibao_where_no_local_rule_excludes_it_but_never_for_tekun():
    data = family(person(age=80, wages="1400",
                         income=[{"category": "excluded", "amount": "500", "subtype": "old_age_allowance"}]))
    screening = run(data, policy=make_policy(income_excluded_types_local=[]))
    assert screening["dibao"].verdict == "unlikely"
    assert screening["tekun"].reason("own_income_below_standard").params["income"] == D("1400")


def test_members_not_counted_do_not_count_in_income_or_size():
    prisoner = person("spouse", wages="20000", serving_sentence=True)
    adult_away = person("son", age=30, wages="9000", lives_with_applicant=False)
    v = verdict(family(person(wages="0"), prisoner, adult_away), "dibao")
    assert v.verdict == "likely" and v.amount == D("1480")
    assert v.figures["counted_members"] == 1
    assert {r.code for r in v.reasons} >= {"member_excluded_serving_sentence", "member_not_co_resident"}


def test_student_away_at_university_counts_as_a_member():
    student = person("daughter", age=20, lives_with_applicant=False, student_stage="bachelor", full_time=True)
    v = verdict(family(person(wages="2000"), student), "dibao")
    assert v.figures["counted_members"] == 2
    assert v.amount == D("960")


# --- assets -------------------------------------------------------------------------------

def assets(**kw) -> dict:
    data = copy.deepcopy(NO_ASSETS)
    data.update(kw)
    return data


@pytest.mark.parametrize("over_by, expected", [(D("0"), "likely"), (D("1"), "unlikely")])
def test_liquid_assets_at_the_limit_and_one_yuan_over(over_by, expected):
    limit = 24 * 1480 * 2
    data = family(person(wages="0"), person("spouse"),
                  assets=assets(deposits=str(limit - 1000 + over_by), securities="1000"))
    v = verdict(data, "dibao")
    assert v.verdict == expected
    assert v.figures["liquid_limit"] == D(limit)
    if expected == "unlikely":
        assert v.reason("liquid_assets_over_limit").article == "S-DB Art. 14"
        assert any(c.code == "liquid_assets_above_limit_by" and c.params["amount"] == D("1")
                   for c in v.what_would_change)


@pytest.mark.parametrize("vehicles, dibao, low_income_vehicle_ok", [
    ([], "likely", True),
    ([{"value": "1"}], "unlikely", True),
    # Nobody here has a disability: a vehicle "for a disabled member" counts.
    ([{"value": "60000", "exemption": "disabled_member"}], "unlikely", True),
    ([{"value": "60000", "exemption": "work"}], "likely", True),
    ([{"value": "100000"}], "unlikely", True),
    ([{"value": "100000.01"}], "unlikely", False),
])
def test_vehicle_limits_and_exemptions(vehicles, dibao, low_income_vehicle_ok):
    screening = run(family(person(wages="0"), assets=assets(vehicles=vehicles)))
    assert screening["dibao"].verdict == dibao
    codes = screening["low_income"].reason_codes()
    assert ("vehicles_within_limit" in codes) is low_income_vehicle_ok
    assert ("vehicles_over_limit" in codes) is (not low_income_vehicle_ok)


@pytest.mark.parametrize("houses, expected", [(1, "likely"), (2, "unlikely")])
def test_house_count_limit(houses, expected):
    data = family(person(wages="0"), assets=assets(houses=[{"use": "self_occupied"}] * houses))
    assert verdict(data, "dibao").verdict == expected


def test_registered_business_makes_it_possibly_with_an_amount():
    v = verdict(family(person(wages="1000"), assets=assets(business_registrations=1)), "dibao")
    assert v.verdict == "possibly"
    assert v.reason("business_registered").status == "uncertain"
    assert v.amount == D("480")


def test_assets_over_the_dibao_limit_but_within_the_low_income_limit():
    data = family(person(wages="1000"), assets=assets(deposits=str(24 * 1480 + 1)))
    screening = run(data)
    assert screening["dibao"].verdict == "unlikely"
    assert screening["low_income"].verdict == "likely"
    assert screening["low_income"].reason("dibao_not_met").status == "met"


# --- low_income (低保边缘) --------------------------------------------------------------------

@pytest.mark.parametrize("income, expected", [
    ("2219.99", "likely"), ("2220.00", "unlikely"), ("2220.01", "unlikely"),
])
def test_low_income_line_is_strictly_below_one_and_a_half_times(income, expected):
    v = verdict(family(person(wages=income)), "low_income")
    assert v.verdict == expected
    assert v.figures["line"] == D("2220.0")
    code = "income_below_low_income_line" if expected == "likely" else "income_not_below_low_income_line"
    assert v.reason(code).article == "S-DB Art. 8; S-DD 一(四)"


def test_low_income_is_not_offered_to_a_likely_dibao_household_or_a_recipient():
    assert verdict(family(person(wages="1000")), "low_income").reason("other_route_likely").status == "not_met"
    data = family(person(wages="1500", receiving=["dibao"]))
    assert verdict(data, "low_income").reason("receives_other_assistance").params == {"programme": "dibao"}


def test_single_person_route_is_offered_for_a_severely_disabled_member():
    disabled = person("son", age=25, lives_with_applicant=True, disability={"type": "physical", "grade": 1},
                      employment="unemployed")
    v = verdict(family(person(wages="3000"), disabled), "dibao")
    assert v.verdict == "unlikely"
    assert any(c.code == "single_person_application" and c.params["members"] == [1]
               for c in v.what_would_change)


# --- tekun ----------------------------------------------------------------------------------

def alone(age=None, **kw) -> dict:
    return family(person(age=age, **kw))


@pytest.mark.parametrize("age, expected, code", [
    (15, "likely", "no_labour_capacity_under_16"),
    (16, "likely", "minor_under_18"),
    (17, "likely", "minor_under_18"),
    (18, "unlikely", "has_labour_capacity"),
    (59, "unlikely", "has_labour_capacity"),
    (60, "likely", "no_labour_capacity_age_60"),
])
def test_tekun_by_age(age, expected, code):
    v = verdict(alone(age), "tekun")
    assert v.verdict == expected
    assert code in v.reason_codes()


@pytest.mark.parametrize("receiving, stage, expected", [
    (["tekun"], "senior_general", "likely"),
    (["tekun"], "secondary_vocational", "likely"),
    (["tekun"], "bachelor", "unlikely"),
    ([], "senior_general", "unlikely"),  # a new applicant aged 18+ can work (S-TK Art. 5)
])
def test_tekun_after_18_in_school(receiving, stage, expected):
    assert verdict(alone(18, receiving=receiving, student_stage=stage, full_time=True), "tekun").verdict == expected


@pytest.mark.parametrize("disability, expected", [
    ({"type": "intellectual", "grade": 3}, "likely"),
    ({"type": "intellectual", "grade": 4}, "unlikely"),
    ({"type": "mental", "grade": 3}, "likely"),
    ({"type": "physical", "grade": 2}, "likely"),
    ({"type": "physical", "grade": 3}, "unlikely"),
    ({"type": "visual", "grade": 1}, "likely"),
    ({"type": "visual", "grade": 2}, "unlikely"),
    ({"type": "hearing", "grade": 1}, "unlikely"),
    ({"type": "multiple", "grade": 1}, "possibly"),
])
def test_tekun_by_disability_grade(disability, expected):
    assert verdict(alone(40, disability=disability), "tekun").verdict == expected


@pytest.mark.parametrize("income, expected", [("1479.99", "likely"), ("1480.00", "unlikely")])
def test_tekun_own_income_below_the_standard(income, expected):
    v = verdict(alone(70, wages=income), "tekun")
    assert v.verdict == expected


def test_tekun_change_names_the_60th_birthday():
    data = family({"relation": "self", "birth_date": "1970-02-28", "income": []})
    v = verdict(data, "tekun")
    assert {"code": "turns_60_on", "date": date(2030, 2, 28)} in [
        {"code": c.code, **c.params} for c in v.what_would_change]


@pytest.mark.parametrize("supporter, expected, code", [
    ({"relation": "child", "age": 45}, "unlikely", "supporter_able"),
    ({"relation": "child", "age": 72, "income_per_capita": "1000", "property_within_limits": True},
     "likely", "supporter_unable_age_70"),
    ({"relation": "child", "age": 72, "income_per_capita": "6409.17", "property_within_limits": True},
     "unlikely", "supporter_able"),   # x 12 = 76910.04, not below 76910
    ({"relation": "child", "age": 72, "income_per_capita": "6409.16", "property_within_limits": True},
     "likely", "supporter_unable_age_70"),
    ({"relation": "child", "age": 45, "receiving": ["tekun"]}, "likely", "supporter_unable_tekun"),
    ({"relation": "child", "age": 61, "receiving": ["dibao"]}, "likely", "supporter_unable_dibao_60"),
    ({"relation": "child", "age": 59, "receiving": ["dibao"]}, "unlikely", "supporter_able"),
    ({"relation": "child", "age": 45, "disability": {"type": "mental", "grade": 3},
      "income_per_capita": "0", "property_within_limits": True}, "likely", "supporter_unable_disability"),
    ({"relation": "child", "age": 45, "serving_sentence": True, "property_within_limits": True},
     "likely", "supporter_unable_incapacity"),
    ({"relation": "child", "age": 45, "deceased": True}, "likely", "no_statutory_supporter"),
    ({"relation": "sibling", "age": 50}, "possibly", "supporter_duty_uncertain"),
    ({"relation": "grandchild", "age": 12}, "likely", "no_statutory_supporter"),
])
def test_tekun_statutory_supporters(supporter, expected, code):
    v = verdict(family(person(age=75), supporters=[supporter]), "tekun")
    assert v.verdict == expected
    assert code in v.reason_codes()


@pytest.mark.parametrize("income, expected", [("6399.99", "likely"), ("6400.00", "unlikely")])
def test_tekun_supporter_income_test_is_strictly_below(income, expected):
    supporter = {"relation": "spouse", "age": 71, "income_per_capita": income, "property_within_limits": True}
    policy = make_policy(disposable_income_per_capita_prev_year=76800)
    assert verdict(family(person(age=75), supporters=[supporter]), "tekun", policy=policy).verdict == expected


def test_tekun_supporter_facts_missing_are_named():
    data = family(person(age=75), supporters=[{"relation": "child", "age": 72, "income_per_capita": "100"}])
    v = verdict(data, "tekun")
    assert v.verdict == "not_assessable"
    assert "supporters[0].property_within_limits" in v.missing


def test_tekun_supporters_unanswered_is_not_assessable():
    data = family(person(age=75))
    del data["supporters"]
    v = verdict(data, "tekun")
    assert v.verdict == "not_assessable" and v.missing == ("supporters",)


def test_tekun_elderly_spouse_in_the_household_cannot_support():
    data = family(person(age=75), person("spouse", age=76))
    v = verdict(data, "tekun")
    assert v.verdict == "likely"
    assert v.reason("supporter_unable_age_70").params == {"who": "members[1]", "relation": "spouse"}


def test_tekun_minor_with_grandparent_and_orphan_support():
    grandmother = person("grandparent", age=66, lives_with_applicant=True)
    assert verdict(family(person(age=10), grandmother), "tekun").verdict == "unlikely"
    orphan = family(person(age=10, receiving=["orphan"]))
    v = verdict(orphan, "tekun")
    assert v.verdict == "unlikely" and "choose_tekun_instead" in v.change_codes()


# --- rigid expenditure (S-GX) ------------------------------------------------------------------

def rigid(income, medical, **kw) -> dict:
    return family(person(wages=income, **kw),
                  circumstances=dict(QUIET, rigid_expenditure={"medical": str(medical)}))


@pytest.mark.parametrize("medical, expected", [("15000.00", "unlikely"), ("15000.01", "likely")])
def test_rigid_expenditure_share_must_exceed_the_threshold(medical, expected):
    v = verdict(rigid("2500", medical), "rigid_expenditure")   # 0.5 x 2500 x 12 = 15000
    assert v.verdict == expected


@pytest.mark.parametrize("income, expected", [("6409.16", "likely"), ("6409.17", "unlikely")])
def test_rigid_expenditure_income_below_disposable_income(income, expected):
    assert verdict(rigid(income, "100000"), "rigid_expenditure").verdict == expected


@pytest.mark.parametrize("income, code", [
    ("6399.99", "income_below_disposable_income"),
    ("6400.00", "income_not_below_disposable_income"),   # x 12 = 76800 exactly: not below
    ("6400.01", "income_not_below_disposable_income"),
])
def test_disposable_income_line_exactly_and_one_fen_either_side(income, code):
    policy = make_policy(disposable_income_per_capita_prev_year=76800)
    v = verdict(rigid(income, "100000"), "rigid_expenditure", policy=policy)
    assert code in v.reason_codes()


def test_rigid_expenditure_not_for_dibao_or_low_income_households():
    assert verdict(rigid("2500", "90000", receiving=["dibao"]), "rigid_expenditure").verdict == "unlikely"
    v = verdict(rigid("2000", "90000"), "rigid_expenditure")
    assert v.reason("other_route_likely").params == {"programme": "low_income"}


def test_rigid_expenditure_other_kind_counts_only_if_the_policy_lists_it():
    data = family(person(wages="2500"), circumstances=dict(QUIET, rigid_expenditure={"other": "20000"}))
    assert verdict(data, "rigid_expenditure").verdict == "unlikely"
    policy = make_policy(rigid_expenditure_kinds_counted=["medical", "other"])
    assert verdict(data, "rigid_expenditure", policy=policy).verdict == "likely"


def test_rigid_expenditure_not_assessable_before_its_rules_took_effect():
    v = verdict(rigid("2500", "90000"), "rigid_expenditure", on=date(2024, 12, 31))
    assert v.verdict == "not_assessable"
    assert "policy.rigid_expenditure_share_threshold" in v.missing


# --- temporary assistance (S-LS) ----------------------------------------------------------------

def emergency(kind="fire", days=10, on=ON) -> dict:
    return dict(QUIET, has_emergency=True,
                emergency={"kind": kind, "date": (on - timedelta(days=days)).isoformat(), "place": "440305"})


@pytest.mark.parametrize("circumstances, expected", [
    (dict(QUIET, has_emergency=None), "not_assessable"),
    (QUIET, "unlikely"),
    (emergency(days=0), "likely"),
    (emergency(days=90), "likely"),
    (emergency(days=91), "possibly"),
    (emergency("sudden_illness"), "likely"),
    (emergency("expenditure"), "unlikely"),
    (dict(QUIET, has_emergency=True), "not_assessable"),
])
def test_temp_emergency(circumstances, expected):
    # Modest means; a well-off household is "possibly" (tests/domain/test_rules_issue18.py).
    data = family(person(wages="3000"), assets=assets(deposits="9000"), circumstances=circumstances)
    assert verdict(data, "temp_emergency").verdict == expected


def test_temp_emergency_tier_amounts_are_capped_and_show_the_street_limit():
    v = verdict(family(person(), circumstances=emergency()), "temp_emergency")
    assert v.figures["tiers"] == {"1": D("1480.00"), "2": D("4440.00"), "3": D("22200.00")}  # 20x capped at 15x
    assert v.figures["street_limit"] == D("4440.00")
    assert v.reason("apply_at_incident_place").params == {"place": "440305"}


@pytest.mark.parametrize("circumstances, income, expected", [
    (dict(emergency("expenditure"), rigid_expenditure={"medical": "20000"}), "2500", "likely"),
    (dict(emergency("expenditure"), rigid_expenditure={"medical": "1000"}), "2500", "possibly"),
    (dict(QUIET, rigid_expenditure={"medical": "20000"}), "2500", "possibly"),
    (dict(QUIET, rigid_expenditure={"medical": "1000"}), "2500", "unlikely"),
    (dict(emergency("expenditure"), rigid_expenditure={"medical": "90000"}), "6409.17", "unlikely"),
    (dict(emergency("expenditure"), rigid_expenditure=None), "2500", "not_assessable"),
])
def test_temp_expenditure(circumstances, income, expected):
    assert verdict(family(person(wages=income), circumstances=circumstances), "temp_expenditure").verdict == expected


# --- referrals -----------------------------------------------------------------------------------

@pytest.mark.parametrize("data, expected", [
    (family(person(wages="1000")), "likely"),                          # dibao likely
    (family(person(wages="5000", receiving=["tekun"])), "likely"),     # receives tekun
    (family(person(wages="5000")), "unlikely"),
    (family(person(wages="1000"), assets=assets(business_registrations=2)), "possibly"),
    (family(person(wages=None, income=None)), "not_assessable"),
])
def test_medical(data, expected):
    if data["members"][0]["income"] is None:
        del data["members"][0]["income"]
    assert verdict(data, "medical").verdict == expected


@pytest.mark.parametrize("stage, income, expected", [
    ("junior", "1000", "likely"),           # dibao likely
    ("bachelor", "4000", "likely"),         # low_income likely (2 people: line 4440)
    ("postgraduate", "1000", "possibly"),
    ("none", "1000", "unlikely"),
    ("junior", "9000", "unlikely"),
])
def test_education(stage, income, expected):
    child = person("daughter", age=22 if stage in ("bachelor", "postgraduate") else 14,
                   lives_with_applicant=True, student_stage=stage, full_time=True)
    assert verdict(family(person(wages=income), child), "education").verdict == expected


@pytest.mark.parametrize("difficulty, income, expected", [
    (True, "1000", "likely"), (False, "1000", "unlikely"), (True, "9000", "unlikely"),
    (None, "1000", "not_assessable"),
])
def test_housing(difficulty, income, expected):
    data = family(person(wages=income), circumstances=dict(QUIET, housing_difficulty=difficulty))
    assert verdict(data, "housing").verdict == expected


@pytest.mark.parametrize("spouse, expected", [
    (person("spouse", age=38, employment="unemployed"), "likely"),
    (person("spouse", age=38, employment="registered_unemployed"), "likely"),
    (person("spouse", age=60, employment="unemployed"), "unlikely"),
    (person("spouse", age=15, employment="unemployed"), "unlikely"),
    (person("spouse", age=38, employment="employed"), "unlikely"),
    (person("spouse", age=38), "not_assessable"),
])
def test_employment(spouse, expected):
    data = family(person(wages="1000", employment="employed"), spouse)
    assert verdict(data, "employment").verdict == expected


@pytest.mark.parametrize("circumstances, expected", [
    (dict(QUIET, disaster=True), "possibly"),
    (dict(QUIET, disaster=None, has_emergency=True, emergency={"kind": "natural_disaster"}), "possibly"),
    (QUIET, "unlikely"),
    (dict(QUIET, disaster=None), "not_assessable"),
])
def test_disaster(circumstances, expected):
    assert verdict(family(person(), circumstances=circumstances), "disaster").verdict == expected


# --- missing answers --------------------------------------------------------------------------

def _drop(data: dict, path: tuple) -> dict:
    target = data
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return data


@pytest.mark.parametrize("path, fact", [
    (("members", 0, "income"), "members[0].income"),
    (("members", 1, "lives_with_applicant"), "members[1].lives_with_applicant"),
    (("assets", "deposits"), "assets.deposits"),
    (("assets", "vehicles"), "assets.vehicles"),
    (("assets", "houses"), "assets.houses"),
    (("assets", "business_registrations"), "assets.business_registrations"),
])
def test_missing_answers_make_dibao_not_assessable(path, fact):
    data = family(person(wages="500"), person("parent", age=70, lives_with_applicant=True))
    v = verdict(_drop(data, path), "dibao")
    assert v.verdict == "not_assessable"
    assert fact in v.missing
    assert v.amount is None


def test_a_rule_failed_on_known_facts_is_unlikely_and_still_lists_what_is_missing():
    data = family(person(wages="9000"))
    del data["assets"]
    v = verdict(data, "dibao")
    assert v.verdict == "unlikely"
    assert "assets.deposits" in v.missing


def test_missing_policy_value_is_not_a_guess():
    v = verdict(family(person(wages="0")), "dibao", on=date(2024, 6, 30))  # before the first standard
    assert v.verdict == "not_assessable"
    assert "policy.dibao_standard" in v.missing


# --- the screening as a whole ------------------------------------------------------------------

SAMPLES = [
    three("1000"),
    three("4000"),
    family(person(age=75), person("spouse", age=80), supporters=[{"relation": "child", "age": 50}]),
    family(person(age=17, receiving=["orphan"]), person("grandparent", age=71, lives_with_applicant=True)),
    family(person(wages="2500"), circumstances=dict(emergency("expenditure"), rigid_expenditure={"medical": "40000", "other": "5"})),
    family(person(wages="0", disability={"type": "multiple", "grade": 1}),
           person("son", age=30, lives_with_applicant=False, student_stage="bachelor"),
           person("sibling", age=40), assets=assets(business_registrations=1, vehicles=[{"value": "5"}])),
    {"members": [{"relation": "self"}]},
    family(person(wages="1000", income=[{"category": "excluded", "amount": "10", "subtype": "scholarship"},
                                       {"category": "employment_costs", "amount": "50"}]),
           person("spouse", serving_sentence=True), person("other", age=30, lives_with_applicant=True),
           person("daughter", age=19, lives_with_applicant=False), circumstances=emergency(days=200)),
]


@pytest.mark.parametrize("data", SAMPLES)
def test_every_type_has_a_verdict_and_every_code_renders(data):
    screening = run(data)
    assert [v.assistance for v in screening.verdicts] == list(ASSISTANCE_TYPES)
    for v in screening.verdicts:
        assert v.verdict in ("likely", "possibly", "unlikely", "not_assessable")
        assert v.reasons, v.assistance
        for r in v.reasons:
            assert r.code in REASON_TEXTS and r.article
        for c in v.what_would_change:
            assert c.code in CHANGE_TEXTS
        if v.verdict == "not_assessable":
            assert v.missing
        assert (v.amount is not None) <= (v.assistance == "dibao" and v.verdict in ("likely", "possibly"))
    text = describe_en(screening)   # raises KeyError if a template names an absent parameter
    assert text.count("\n") > len(ASSISTANCE_TYPES)
    assert screening.to_dict()["verdicts"][0]["assistance"] == "dibao"


def test_describe_en_reads_plainly():
    v = verdict(family(person(wages="1000")), "dibao")
    text = describe_en(v)
    assert text.startswith("dibao: likely, about 480.00 yuan a month")
    assert "Income per person (1,000.00) is below the minimum living standard (1,480.00)." in text
    assert describe_en(v.reasons[0]).startswith("[info] 1 co-resident")


def test_every_listed_code_is_emitted_by_the_rules():
    # The translation catalogue is built from REASON_TEXTS/CHANGE_TEXTS: no dead entries.
    domain = Path(__file__).resolve().parents[2] / "portal" / "domain"
    sources = [(domain / n).read_text(encoding="utf-8")
               for n in ("basic.py", "means.py", "tekun.py", "temporary.py", "referrals.py")]
    source = "\n".join(sources)
    dynamic = {"member_": "Membership", "labour_capacity_": "LabourCapacity"}
    for code in list(REASON_TEXTS) + list(CHANGE_TEXTS):
        assert f'"{code}"' in source or any(code.startswith(p) for p in dynamic), code
    # And the other way: every literal code passed to a rule method has an English text.
    methods = {"met": REASON_TEXTS, "not_met": REASON_TEXTS, "uncertain": REASON_TEXTS,
               "info": REASON_TEXTS, "lacking": REASON_TEXTS, "change": CHANGE_TEXTS}
    emitted = 0
    for node in (n for text in sources for n in ast.walk(ast.parse(text))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in methods and node.args and isinstance(node.args[0], ast.Constant)):
            assert node.args[0].value in methods[node.func.attr], node.args[0].value
            emitted += 1
    assert emitted > 80


def test_explain_shows_figures_sources_and_examples():
    out = explain(run(three("1000")))
    dibao = out["types"]["dibao"]
    assert dibao["verdict"] == "likely" and dibao["amount"] == "3440"
    assert dibao["figures"]["standard"] == "1480"
    assert dibao["figures"]["per_capita_income"] == "333.33"
    params = {p["key"]: p for p in dibao["parameters"]}
    assert params["dibao_standard"]["example"] is True
    assert params["dibao_standard"]["effective_from"] == "2025-07-01"
    assert params["dibao_standard"]["source"] == "test"
    assert dibao["uses_example_values"] is True
    low = {p["key"]: p for p in out["types"]["low_income"]["parameters"]}
    assert low["low_income_multiple"]["example"] is False
    assert any(r["article"] == "S-DB Art. 14" and r["status"] == "met" for r in dibao["reasons"])
    assert out["household"]["counted_members"][2] == {"member": 2, "basis": "minor_child"}
    assert list(out["types"]) == list(ASSISTANCE_TYPES)


# --- the shipped Shenzhen data -------------------------------------------------------------------

def _keys_read_by_the_rules() -> set[str]:
    """Every policy key named in a string literal passed to use()/number() in portal/domain."""
    keys: set[str] = set()
    domain = Path(__file__).resolve().parents[2] / "portal" / "domain"
    for name in ("basic.py", "means.py", "tekun.py", "temporary.py", "referrals.py"):
        for node in ast.walk(ast.parse((domain / name).read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("use", "number") and node.args
                    and isinstance(node.args[0], ast.Constant)):
                keys.add(node.args[0].value)
            if isinstance(node, ast.JoinedStr):   # f"{profile}_asset_..."
                tail = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
                if tail.startswith("_asset_"):
                    keys |= {p + tail for p in ("dibao", "tekun", "low_income")}
    return keys


@pytest.mark.parametrize("on", [date(2025, 1, 1), date(2025, 6, 30), date(2025, 7, 1)])
def test_shipped_policy_has_every_key_the_rules_read(on):
    policy = load_policy()
    keys = _keys_read_by_the_rules() | {"tekun_income_excluded_types", "income_excluded_types",
                                        "income_excluded_types_local"}
    assert len(keys) >= 20
    for key in keys:
        policy.param(key, on, "440305")   # a district falls back to Shenzhen, then to CN


def test_shipped_policy_marks_unverified_values_as_examples():
    policy = load_policy()
    for key in _keys_read_by_the_rules():
        for param in policy.entries[key]:
            if param.region == SHENZHEN:
                assert param.example, key
    low = policy.param("low_income_multiple", ON, SHENZHEN)
    assert (low.region, low.value, low.example) == ("CN", 1.5, False)
    assert policy.value("dibao_standard", date(2025, 6, 30)) == 1410
    assert policy.value("dibao_standard", date(2025, 7, 1)) == 1480
    assert policy.value("dibao_amount_rounding", ON) in ("up_to_yuan", "half_up_to_yuan", "down_to_yuan", "to_fen")


def test_screening_with_the_shipped_policy_needs_no_missing_parameter():
    screening = screen(Household.from_dict(SAMPLES[0], today=ON), load_policy(), ON)
    for v in screening.verdicts:
        assert not [m for m in v.missing if m.startswith("policy.")], v.assistance
