"""The facts the journey and the pre-check now take, each as a table of boundary cases with
the article that decides it. ``FACT_CASES`` joins the oracle of the deliberate-mutation check
(tests/domain/test_rule_mutations.py).

Test policy (tests/domain/test_eligibility.py): last year's disposable income 76910 a year,
so a supporter's family income per head of 6409.16 a month (76909.92 a year) is below it and
6409.17 (76910.04) is not (S-TK Art. 8)."""
from __future__ import annotations

import pytest

from tests.domain.test_eligibility import family, person
from tests.domain.test_rules_issue18 import Case, check

ART8 = "S-TK Art. 8"


def elder(*supporters) -> dict:
    """A 75-year-old living alone with no income and no property: only Art. 8 can fail."""
    return family(person(age=75, wages="0"), supporters=list(supporters))


def child(age=45, **kw) -> dict:
    return {"relation": "child", "age": age, **kw}


MEANS_LOW = {"income_per_capita": "6409.16", "property_within_limits": True}
MEANS_HIGH = {"income_per_capita": "6409.17", "property_within_limits": True}

FACT_CASES = [
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


@pytest.mark.parametrize("case", FACT_CASES, ids=[c.name for c in FACT_CASES])
def test_rules_of_the_new_facts(case):
    assert check(case) == []
