"""The facts the journey and the pre-check now take, each as a table of boundary cases with
the article that decides it. ``FACT_CASES`` joins the oracle of the deliberate-mutation check
(tests/domain/test_rule_mutations.py).

Test policy (tests/domain/test_eligibility.py): last year's disposable income 76910 a year,
so a supporter's family income per head of 6409.16 a month (76909.92 a year) is below it and
6409.17 (76910.04) is not (S-TK Art. 8)."""
from __future__ import annotations

import pytest

from portal.domain.household import Household, HouseholdError
from tests.domain.test_eligibility import ON, QUIET, emergency, family, person
from tests.domain.test_rules_issue18 import Case, check

ART8 = "S-TK Art. 8"
OPINION = "S-YJ item 2"


def elder(*supporters) -> dict:
    """A 75-year-old living alone with no income and no property: only Art. 8 can fail."""
    return family(person(age=75, wages="0"), supporters=list(supporters))


def child(age=45, **kw) -> dict:
    return {"relation": "child", "age": age, **kw}


MEANS_LOW = {"income_per_capita": "6409.16", "property_within_limits": True}
MEANS_HIGH = {"income_per_capita": "6409.17", "property_within_limits": True}

SUPPORTER_CASES = [
    # 1. Statutory supporters outside the household (S-TK Art. 8; rules.md §2.1 (3), §10.4).
    Case("no supporter declared", elder(), "tekun", "likely", "no_statutory_supporter", ART8),
    Case("supporters not answered", {**elder(), "supporters": None}, "tekun", "not_assessable",
         "supporters_unanswered", ART8, "missing"),
    Case("a son aged 45 who can support", elder(child(**MEANS_LOW)), "tekun", "unlikely", "supporter_able", ART8,
         "not_met"),
    Case("a son who died", elder(child(deceased=True)), "tekun", "likely", "no_statutory_supporter", ART8,
         absent=("supporter_able",)),
    Case("a son declared severely disabled, family income below", elder(child(severe_disability=True, **MEANS_LOW)),
         "tekun", "likely", "supporter_unable_disability", ART8),
    Case("a son declared severely disabled, family income at the line",
         elder(child(severe_disability=True, **MEANS_HIGH)), "tekun", "unlikely", "supporter_able", ART8),
    Case("a son declared severely disabled, property over the limits",
         elder(child(severe_disability=True, income_per_capita="0", property_within_limits=False)),
         "tekun", "unlikely", "supporter_able", ART8),
    Case("a son declared severely disabled, property not known",
         elder(child(severe_disability=True, income_per_capita="0")), "tekun", "not_assessable",
         "supporter_facts_missing", ART8, "missing"),
    Case("a son aged 69", elder(child(69, **MEANS_LOW)), "tekun", "unlikely", "supporter_able", ART8),
    Case("a son aged 70", elder(child(70, **MEANS_LOW)), "tekun", "likely", "supporter_unable_age_70", ART8),
    Case("a son aged 59 on dibao", elder(child(59, receiving=["dibao"])), "tekun", "unlikely", "supporter_able",
         ART8),
    Case("a son aged 60 on dibao", elder(child(60, receiving=["dibao"])), "tekun", "likely",
         "supporter_unable_dibao_60", ART8),
    Case("a son receiving tekun", elder(child(receiving=["tekun"])), "tekun", "likely", "supporter_unable_tekun",
         ART8),
    Case("a son in prison, property within limits", elder(child(serving_sentence=True, property_within_limits=True)),
         "tekun", "likely", "supporter_unable_incapacity", ART8),
    Case("a son declared missing, property over", elder(child(declared_missing=True, property_within_limits=False)),
         "tekun", "unlikely", "supporter_able", ART8),
]


@pytest.mark.parametrize("case", SUPPORTER_CASES, ids=[c.name for c in SUPPORTER_CASES])
def test_statutory_supporters(case):
    assert check(case) == []


# 2. Long-term co-residence (S-DB Art. 7 (4)): the applicant earns 2000 a month; a mother with no
# income halves it to 1000 per person (below 1480) when she counts.
def with_mother(months, **kw) -> dict:
    return family(person(wages="2000"), person("parent", age=70, lives_with_applicant=True,
                                              co_resident_months=months, **kw))


def with_son(months, **kw) -> dict:
    return family(person(wages="2000"), person("son", age=30, lives_with_applicant=True, co_resident_months=months,
                                              labour_capacity="full", employment="unemployed", **kw))


ART7 = "S-DB Art. 7"
CO_RESIDENCE_CASES = [
    Case("mother living with the applicant, period not asked", with_mother(None), "dibao", "likely",
         "income_below_standard", OPINION, absent=("member_not_long_term_co_resident",)),
    Case("mother living with the applicant for 5 months", with_mother(5), "dibao", "unlikely",
         "member_not_long_term_co_resident", ART7, "info"),
    Case("mother living with the applicant for 6 months", with_mother(6), "dibao", "likely",
         "income_below_standard", OPINION, absent=("member_not_long_term_co_resident",)),
    Case("adult son for 5 months", with_son(5), "dibao", "unlikely", "member_not_long_term_co_resident", ART7, "info"),
    Case("adult son for 6 months", with_son(6), "dibao", "likely", "income_below_standard", OPINION),
    Case("adult son in full-time study for 1 month counts under Art. 7 (3)",
         with_son(1, student_stage="bachelor", full_time=True), "dibao", "likely", "income_below_standard", OPINION,
         absent=("member_not_long_term_co_resident",)),
    Case("son aged 17 for 1 month counts under Art. 7 (2)",
         family(person(wages="2000"), person("son", age=17, lives_with_applicant=True, co_resident_months=1)),
         "dibao", "likely", "income_below_standard", OPINION),
]


# 3. Emergencies: what is needed now (S-LS 二(二)) and help already received (S-LS 二(三));
# a housing difficulty's kind decides the form of housing aid (S-ZX Art. 40).
def fire(**detail) -> dict:
    circumstances = emergency()
    circumstances["emergency"].update(detail)
    return family(person(wages="0"), circumstances=circumstances)


def housing(kind, difficulty=False) -> dict:
    return family(person(wages="1000"), circumstances=dict(QUIET, housing_difficulty=difficulty, housing_kind=kind))


HOUSING_ART = "S-YJ item 10; S-ZX Art. 40"
EMERGENCY_CASES = [
    Case("emergency, needs given", fire(needs=["shelter", "food"]), "temp_emergency", "likely", "emergency_needs",
         "S-LS 二(二)", "info"),
    Case("emergency, no needs given", fire(), "temp_emergency", "likely", "emergency_reported", "S-LS 二(一)",
         absent=("emergency_needs", "emergency_help_received")),
    Case("emergency, insurance paid", fire(help_kinds=["insurance"], help_received="3000"), "temp_emergency",
         "likely", "emergency_help_received", "S-LS 二(三)", "info"),
    Case("emergency, no help received", fire(help_kinds=[], help_received=None), "temp_emergency", "likely",
         "emergency_reported", "S-LS 二(一)", absent=("emergency_help_received",)),
    Case("housing kind given though the box was not ticked", housing("unsafe_home"), "housing", "likely",
         "housing_difficulty_reported", HOUSING_ART),
    Case("housing kind decides the form of aid", housing("rent_unaffordable", True), "housing", "likely",
         "housing_difficulty_kind", "S-ZX Art. 40", "info"),
    Case("no housing difficulty and no kind", housing(None), "housing", "unlikely", "no_housing_difficulty",
         HOUSING_ART, absent=("housing_difficulty_kind",)),
]


@pytest.mark.parametrize("case", EMERGENCY_CASES, ids=[c.name for c in EMERGENCY_CASES])
def test_emergency_and_housing_details(case):
    assert check(case) == []


def test_the_form_of_housing_aid_follows_the_kind():
    from tests.domain.test_eligibility import run

    forms = {kind: next(r for r in run(housing(kind, True))["housing"].reasons
                        if r.code == "housing_difficulty_kind").params["form"]
             for kind in ("no_home", "rent_unaffordable", "overcrowded", "unsafe_home", "other")}
    assert forms == {"no_home": "rental_housing_or_allowance", "rent_unaffordable": "rental_housing_or_allowance",
                     "overcrowded": "rental_housing_or_allowance", "unsafe_home": "repair",
                     "other": "rental_housing_or_allowance"}


@pytest.mark.parametrize("detail, problem", [
    ({"needs": ["spaceship"]}, "circumstances.emergency.needs"),
    ({"help_kinds": ["lottery"]}, "circumstances.emergency.help_kinds"),
    ({"help_received": "-1"}, "circumstances.emergency.help_received"),
])
def test_emergency_details_are_checked(detail, problem):
    with pytest.raises(HouseholdError) as error:
        Household.from_dict(fire(**detail), today=ON)
    assert problem in [path for path, _code in error.value.problems]




# 4. Single-person routes (S-DB Art. 8 (3); S-DD 一(一)): the applicant's wife earns 5000, so the
# household of two is above the line; a member who may apply alone is named.
def couple(**member) -> dict:
    return family(person(wages="5000"), person("spouse", age=40, **member))


SIBLING = [{"category": "transfer", "subtype": "support_sibling_or_carer_60", "amount": "600"}]
SEVERE = {"type": "physical", "grade": 2}
SINGLE_CASES = [
    Case("clergy at a venue for 3 years may apply alone", couple(clergy_at_venue_3y=True), "dibao", "unlikely",
         "single_person_application_possible", "S-DB Art. 8; S-DD 一(一)", "info"),
    Case("no clergy, no route", couple(), "dibao", "unlikely", "income_not_below_standard", OPINION,
         absent=("single_person_application_possible",)),
    Case("an adult without work, severely disabled, supported by a sister",
         couple(employment="unemployed", disability=SEVERE, income=SIBLING), "dibao", "unlikely",
         "sibling_or_carer_support_may_be_left_out", "S-DD 一(一)", "info"),
    Case("the same support for someone who works is counted", couple(employment="employed", disability=SEVERE,
                                                                     income=SIBLING),
         "dibao", "unlikely", "income_not_below_standard", OPINION,
         absent=("sibling_or_carer_support_may_be_left_out",)),
    Case("only for the adult without work: not for a working wife beside a clergy applicant",
         family(person(wages="5000", clergy_at_venue_3y=True),
                person("spouse", age=40, employment="employed", disability=SEVERE, income=SIBLING)),
         "dibao", "unlikely", "single_person_application_possible", "S-DB Art. 8; S-DD 一(一)", "info",
         absent=("sibling_or_carer_support_may_be_left_out",)),
]


@pytest.mark.parametrize("case", SINGLE_CASES, ids=[c.name for c in SINGLE_CASES])
def test_single_person_routes(case):
    assert check(case) == []


def test_support_from_siblings_is_counted_as_income_otherwise():
    from tests.domain.test_eligibility import run

    household = family(person(wages="1000", income=SIBLING))
    dibao = run(household)["dibao"]
    assert dibao.verdict == "unlikely"  # 1000 + 600 = 1600 a month, above 1480




# Unemployed without unemployment insurance (S-DD 二(一)): one-off temporary aid after 3 months.
def jobless(months, insured=False) -> dict:
    return family(person(age=40, wages="0", employment="unemployed", labour_capacity="full",
                         unemployment_insurance=insured, months_without_income=months))


UNINSURED_CASES = [
    Case("uninsured, 3 months without income", jobless(3), "employment", "likely",
         "uninsured_unemployed_one_off_aid", "S-DD 二(一)", "info"),
    Case("uninsured, 2 months without income", jobless(2), "employment", "likely", "unemployed_able_member",
         "S-ZX Arts. 43-44", absent=("uninsured_unemployed_one_off_aid",)),
    Case("insured, 3 months without income", jobless(3, insured=True), "employment", "likely",
         "unemployed_able_member", "S-ZX Arts. 43-44", absent=("uninsured_unemployed_one_off_aid",)),
    Case("insurance not asked", jobless(6, insured=None), "employment", "likely", "unemployed_able_member",
         "S-ZX Arts. 43-44", absent=("uninsured_unemployed_one_off_aid",)),
]


@pytest.mark.parametrize("case", UNINSURED_CASES, ids=[c.name for c in UNINSURED_CASES])
def test_unemployed_without_insurance(case):
    assert check(case) == []


# Urban or rural rate of tekun (S-TK Art. 19): a holder of contracted land or collective-dividend
# rights gets the rural rate where it differs (test policy: urban 1.6, rural 1.8 x 1480).
def villager(rights) -> dict:
    return family(person(age=75, wages="0", rural_rights=rights))


RURAL = "S-TK Art. 19"
RURAL_CASES = [
    Case("holder of collective-dividend rights, rates differ", villager(True), "tekun", "likely",
         "support_standard_rural", RURAL, "info", absent=("support_standard",)),
    Case("no rural rights, rates differ", villager(False), "tekun", "likely", "support_standard", "S-TK Art. 4",
         "info", absent=("support_standard_rural",)),
    Case("rural rights not asked, rates differ", villager(None), "tekun", "likely", "support_standard",
         "S-TK Art. 4", "info", absent=("support_standard_rural",)),
]


@pytest.mark.parametrize("case", RURAL_CASES, ids=[c.name for c in RURAL_CASES])
def test_urban_or_rural_rate(case):
    assert check(case) == []


@pytest.mark.parametrize("rural, rights, amount, code", [
    (1.8, True, "2664.00", "support_standard_rural"),   # differ: the holder gets 1.8 x 1480
    (1.8, False, "2368.00", "support_standard"),        # differ: not a holder, urban 1.6 x 1480
    (1.6, True, "2368.00", "support_standard"),         # equal (Shenzhen's one standard): no change
    (1.6, None, "2368.00", "support_standard"),
    (1.4, True, "2072.00", "support_standard_rural"),   # a lower rural rate applies to the holder too
    (None, True, "2368.00", "support_standard"),        # no rural figure in force: the urban one
])
def test_the_support_amount_follows_the_rate_in_force(rural, rights, amount, code):
    from decimal import Decimal

    from tests.domain.test_eligibility import make_policy, run

    verdict = run(villager(rights), policy=make_policy(tekun_support_multiple_rural=rural))["tekun"]
    assert verdict.figures["support_standard"] == Decimal(amount)
    reasons = {r.code: r for r in verdict.reasons if r.code.startswith("support_standard")}
    assert list(reasons) == [code]
    assert reasons[code].article == (RURAL if code == "support_standard_rural" else "S-TK Art. 4")


def test_rural_rights_are_read_and_checked():
    data = villager(True)
    assert Household.from_dict(data, today=ON).applicant.rural_rights is True
    with pytest.raises(HouseholdError) as error:
        Household.from_dict(villager("yes"), today=ON)
    assert error.value.problems[0][0] == "members[0].rural_rights"


FACT_CASES = (SUPPORTER_CASES + CO_RESIDENCE_CASES + EMERGENCY_CASES + SINGLE_CASES + UNINSURED_CASES
              + RURAL_CASES)


@pytest.mark.parametrize("case", CO_RESIDENCE_CASES, ids=[c.name for c in CO_RESIDENCE_CASES])
def test_long_term_co_residence(case):
    assert check(case) == []


@pytest.mark.parametrize("hukou, months, problem", [
    ("440305", 0, None), ("elsewhere", 1560, None), ("unknown", None, None),
    ("440300", None, ("members[1].hukou", "unknown_choice")),
    ("110105", None, ("members[1].hukou", "unknown_choice")),
    (5, None, ("members[1].hukou", "unknown_choice")),
    (None, 1561, ("members[1].co_resident_months", "out_of_range")),
    (None, -1, ("members[1].co_resident_months", "out_of_range")),
    (None, True, ("members[1].co_resident_months", "not_an_integer")),
])
def test_member_registration_and_co_residence_are_read_and_checked(hukou, months, problem):
    data = family(person(), person("spouse", hukou=hukou, co_resident_months=months))
    if problem is None:
        member = Household.from_dict(data, today=clock_day()).members[1]
        assert (member.hukou, member.co_resident_months) == (hukou, months)
        assert Household.from_dict(Household.from_dict(data, today=clock_day()).to_dict(),
                                   today=clock_day()).members[1] == member
    else:
        with pytest.raises(HouseholdError) as error:
            Household.from_dict(data, today=clock_day())
        assert problem in error.value.problems


def clock_day():
    return ON


@pytest.mark.parametrize("figure, months, counted", [
    (6, 6, True), (6, 5, False), (12, 7, False), (12, 12, True), (None, 6, True), (None, 5, False)])
def test_the_long_term_period_is_the_policy_figure(figure, months, counted):
    """S-DB Art. 7 (4): the period is the dated policy figure long_term_co_residence_months (a design
    value, to confirm), read by the screening from its policy; without an entry, the shipped 6."""
    from portal.domain.eligibility import screen
    from portal.domain.household import LONG_TERM_CO_RESIDENCE_KEY
    from tests.domain.test_eligibility import make_policy

    policy = make_policy(**{LONG_TERM_CO_RESIDENCE_KEY: figure})
    result = screen(Household.from_dict(with_mother(months), today=ON), policy, ON)["dibao"]
    assert ("member_not_long_term_co_resident" not in result.reason_codes()) is counted
    assert result.verdict == ("likely" if counted else "unlikely")
