"""Issue 18: the rules that were applied wrongly, each as a table of boundary cases with the
article that decides it. ``CASES`` is also the oracle of the deliberate-mutation check
(tests/domain/test_rule_mutations.py): every mutation of these rules must fail some row."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from portal.domain.referrals import BASE_PROGRAMMES
from tests.domain.test_eligibility import QUIET, assets, emergency, family, person, run

# Test policy (tests/domain/test_eligibility.py): dibao standard 1480 a month, low-income line
# 1.5 x 1480 = 2220, last year's disposable income 76910 a year (6409.1666... a month),
# low-income savings limit 36 x 1480 = 53280 a person.
HOUSING = dict(QUIET, housing_difficulty=True)


@dataclass(frozen=True)
class Case:
    name: str
    data: dict
    assistance: str
    verdict: str
    code: str  # a reason the verdict must give ...
    article: str  # ... with this article
    status: str = ""  # and, when given, this status
    absent: tuple[str, ...] = field(default=())  # reason codes that must NOT appear


def alone(wages: Any = "0", **kw) -> dict:
    return family(person(wages=wages, **kw), **kw.pop("_extra", {}))


def unemployed_pair(spouse_wages: str, receiving=()) -> dict:
    """An unemployed applicant able to work, and a spouse earning ``spouse_wages``."""
    return family(person(age=40, wages="0", employment="unemployed", labour_capacity="full",
                         receiving=list(receiving)),
                  person("spouse", age=38, wages=spouse_wages, employment="employed"))


def student_pair(wages: str, receiving=()) -> dict:
    return family(person(wages=wages, receiving=list(receiving)),
                  person("son", age=10, student_stage="primary", full_time=True))


def with_housing(wages: str, receiving=()) -> dict:
    return family(person(wages=wages, receiving=list(receiving)), circumstances=HOUSING)


OPINION = "S-YJ item 2"
# Neither income nor savings answered (the emergency-first path asks neither).
UNANSWERED_MEANS = {"members": [{"relation": "self", "age": 40}], "assets": {}, "supporters": [],
                    "circumstances": emergency()}
CASES = [
    # 1. One table of base programmes (S-YJ item 2; S-ZX Arts. 30, 36, 40, 43-44).
    Case("medical, dibao likely", alone("1479.99"), "medical", "likely", "base_programme_likely", "S-ZX Art. 30"),
    Case("medical, low-income likely", alone("1480.00"), "medical", "likely", "base_programme_likely", OPINION),
    Case("medical, low-income at the line", alone("2219.99"), "medical", "likely", "base_programme_likely", OPINION),
    Case("medical, above every line", alone("2220.00"), "medical", "unlikely", "no_base_programme",
         "S-ZX Art. 30; S-YJ item 2"),
    Case("medical, receives low-income", alone("5000", receiving=["low_income"]), "medical", "likely",
         "receives_base_programme", OPINION),
    Case("medical, receives rigid expenditure", alone("5000", receiving=["rigid_expenditure"]), "medical",
         "likely", "receives_base_programme", OPINION),
    Case("medical, receives tekun", alone("5000", receiving=["tekun"]), "medical", "likely",
         "receives_base_programme", "S-ZX Art. 30"),
    Case("education, low-income likely", student_pair("2960.00"), "education", "likely",
         "base_programme_likely", OPINION),
    Case("education, above every line", student_pair("4440.00"), "education", "unlikely", "no_base_programme",
         "S-YJ item 9; S-ZX Art. 36; S-YJ item 2"),
    Case("education, receives rigid expenditure", student_pair("9000", ["rigid_expenditure"]), "education",
         "likely", "receives_base_programme", OPINION),
    Case("education, the applicant's own tekun does not count for a son", student_pair("9000", ["tekun"]),
         "education", "unlikely", "no_base_programme", "S-YJ item 9; S-ZX Art. 36; S-YJ item 2"),
    Case("education, a tekun applicant who studies", family(person(age=17, wages="9000", receiving=["tekun"],
                                                                   student_stage="senior_general", full_time=True)),
         "education", "likely", "receives_base_programme", "S-YJ item 9; S-ZX Art. 36"),
    Case("housing, dibao likely", with_housing("1479.99"), "housing", "likely", "base_programme_likely",
         "S-YJ item 10; S-ZX Art. 40"),
    Case("housing, receives tekun", with_housing("5000", ["tekun"]), "housing", "likely",
         "receives_base_programme", "S-YJ item 10; S-ZX Art. 40"),
    Case("housing, low-income likely: by need only", with_housing("1480.00"), "housing", "possibly",
         "base_programme_by_need", OPINION, "uncertain"),
    Case("housing, receives low-income: by need only", with_housing("5000", ["low_income"]), "housing",
         "possibly", "base_programme_by_need", OPINION, "uncertain"),
    Case("housing, above every line", with_housing("2220.00"), "housing", "unlikely", "no_base_programme",
         "S-YJ item 10; S-ZX Art. 40; S-YJ item 2"),
    Case("employment, dibao likely", unemployed_pair("2959.99"), "employment", "likely",
         "base_programme_likely", "S-ZX Arts. 43-44"),
    Case("employment, low-income likely: by need only", unemployed_pair("2960.00"), "employment", "possibly",
         "base_programme_by_need", OPINION, "uncertain"),
    Case("employment, above every line", unemployed_pair("4440.00"), "employment", "unlikely",
         "no_base_programme", "S-ZX Arts. 43-44; S-YJ item 2"),
    Case("employment, receives tekun: by need only", unemployed_pair("9000", ["tekun"]), "employment",
         "possibly", "base_programme_by_need", OPINION, "uncertain"),
    # 2. A vehicle "for a disabled member" only with a disabled member (S-DB Art. 14).
    Case("exemption without a disabled member", family(person(wages="0"), assets=assets(
        vehicles=[{"value": "1", "exemption": "disabled_member"}])), "dibao", "unlikely",
        "vehicle_exemption_no_disabled_member", "S-DB Art. 14", "info"),
    Case("exemption without a disabled member: over the limit", family(person(wages="0"), assets=assets(
        vehicles=[{"value": "1", "exemption": "disabled_member"}])), "dibao", "unlikely",
        "vehicles_over_limit", "S-DB Art. 14", "not_met"),
    Case("exemption with a disabled member", family(
        person(wages="0"), person("son", age=12, disability={"type": "physical", "grade": 2}),
        assets=assets(vehicles=[{"value": "60000", "exemption": "disabled_member"}])), "dibao", "likely",
        "vehicles_within_limit", "S-DB Art. 14", "met", ("vehicle_exemption_no_disabled_member",)),
    Case("exemption with the disabled member not counted", family(
        person(wages="0"), person("son", age=30, serving_sentence=True,
                                  disability={"type": "physical", "grade": 2}),
        assets=assets(vehicles=[{"value": "60000", "exemption": "disabled_member"}])), "dibao", "unlikely",
        "vehicle_exemption_no_disabled_member", "S-DB Art. 14", "info"),
    Case("work exemption needs no disabled member", family(person(wages="0"), assets=assets(
        vehicles=[{"value": "60000", "exemption": "work"}])), "dibao", "likely",
        "vehicles_within_limit", "S-DB Art. 14", "met", ("vehicle_exemption_no_disabled_member",)),
    # 3. A new tekun applicant aged 18+ can work unless a disability removes it (S-TK Art. 5).
    Case("new applicant aged 17 at school", family(person(age=17, wages="0", student_stage="senior_general",
                                                          full_time=True)),
         "tekun", "likely", "minor_under_18", "S-YJ item 5"),
    Case("new applicant aged 18 at school", family(person(age=18, wages="0", student_stage="senior_general",
                                                          full_time=True)),
         "tekun", "unlikely", "has_labour_capacity", "S-TK Art. 5", "not_met"),
    Case("new applicant aged 18 at school: the extension is explained", family(
        person(age=18, wages="0", student_stage="secondary_vocational", full_time=True)),
         "tekun", "unlikely", "minor_extension_continuing_only", "S-TK Art. 24", "info"),
    Case("recipient aged 18 at school", family(person(age=18, wages="0", student_stage="senior_general",
                                                      full_time=True, receiving=["tekun"])),
         "tekun", "likely", "minor_extension_continuing", "S-TK Art. 24"),
    Case("new applicant aged 18 with a disability", family(
        person(age=18, wages="0", student_stage="senior_general", full_time=True,
               disability={"type": "physical", "grade": 2})),
         "tekun", "likely", "no_labour_capacity_disability", "S-TK Art. 5"),
    # 4. Emergency aid weighs the household's own means, after help (S-LS 二(一); S-YJ item 14).
    Case("emergency, income just below disposable income", family(person(wages="6409.16"),
                                                                   circumstances=emergency()),
         "temp_emergency", "likely", "emergency_reported", "S-LS 二(一)", "met", ("emergency_own_income_high",)),
    Case("emergency, income at disposable income", family(person(wages="6409.17"), circumstances=emergency()),
         "temp_emergency", "possibly", "emergency_own_income_high", "S-LS 二(一); S-YJ item 14", "uncertain"),
    Case("emergency, savings at the low-income limit", family(person(wages="0"), assets=assets(deposits="53280"),
                                                            circumstances=emergency()),
         "temp_emergency", "likely", "emergency_reported", "S-LS 二(一)", "met", ("emergency_own_savings_high",)),
    Case("emergency, savings one fen over", family(person(wages="0"), assets=assets(deposits="53280.01"),
                                                   circumstances=emergency()),
         "temp_emergency", "possibly", "emergency_own_savings_high", "S-LS 二(一); S-YJ item 14", "uncertain"),
    Case("emergency, means not answered: help first", UNANSWERED_MEANS,
         "temp_emergency", "likely", "emergency_means_checked_after", "S-LS 二(一); S-YJ item 14", "info"),
]


def check(case: Case) -> list[str]:
    """What is wrong with the screening of ``case`` (empty when it agrees)."""
    v = run(case.data)[case.assistance]
    problems = []
    if v.verdict != case.verdict:
        problems.append(f"verdict {v.verdict}, expected {case.verdict}")
    reasons = [r for r in v.reasons if r.code == case.code]
    if not reasons:
        problems.append(f"no reason {case.code} in {v.reason_codes()}")
    elif not any(r.article == case.article and (not case.status or r.status == case.status) for r in reasons):
        problems.append(f"{case.code}: {[(r.article, r.status) for r in reasons]}")
    problems += [f"unexpected {code}" for code in case.absent if code in v.reason_codes()]
    return problems


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rules_of_issue_18(case):
    assert check(case) == []


def test_every_specific_type_has_the_same_base_programmes_each_with_an_article():
    programmes = {t: {row.programme for row in rows} for t, rows in BASE_PROGRAMMES.items()}
    assert set(programmes) == {"medical", "education", "housing", "employment"}
    assert all(p == {"dibao", "tekun", "low_income", "rigid_expenditure"} for p in programmes.values())
    assert all(row.article for rows in BASE_PROGRAMMES.values() for row in rows)
    # The ambiguity is written down where the types' own regulations are narrower.
    by_need = {(t, r.programme) for t, rows in BASE_PROGRAMMES.items() for r in rows if r.by_need_only}
    assert by_need == {("housing", "low_income"), ("housing", "rigid_expenditure"),
                       ("employment", "low_income"), ("employment", "rigid_expenditure"),
                       ("employment", "tekun")}


def test_emergency_means_never_make_it_not_assessable():
    v = run(UNANSWERED_MEANS)["temp_emergency"]
    assert v.missing == ()
