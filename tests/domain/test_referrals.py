"""Referrals that turn on one reported circumstance are table rows (referrals.CIRCUMSTANCE_RULES):
each row's codes have texts, each row names a real answer, and each row gives the reasons it says."""
from __future__ import annotations

import pytest

from portal.domain.describe import REASON_TEXTS
from portal.domain.household import Circumstances
from portal.domain.referrals import CIRCUMSTANCE_RULES
from tests.domain.test_eligibility import QUIET, family, person, verdict


@pytest.mark.parametrize("rule", CIRCUMSTANCE_RULES.values(), ids=list(CIRCUMSTANCE_RULES))
def test_every_row_has_texts_and_reads_a_real_circumstance(rule):
    for code in (rule.unanswered, rule.reported, rule.not_reported):
        assert code in REASON_TEXTS
    assert hasattr(Circumstances(), rule.attribute)


@pytest.mark.parametrize("code, answer, reported, expected", [
    ("housing", "housing_difficulty", True, ("housing_difficulty_reported", "met")),
    ("housing", "housing_difficulty", False, ("no_housing_difficulty", "not_met")),
    ("housing", "housing_difficulty", None, ("housing_difficulty_unanswered", "missing")),
    ("disaster", "disaster", True, ("disaster_reported", "uncertain")),
    ("disaster", "disaster", False, ("no_disaster", "not_met")),
    ("disaster", "disaster", None, ("disaster_unanswered", "missing")),
])
def test_the_circumstance_gives_the_first_reason(code, answer, reported, expected):
    result = verdict(family(person(wages="1000"), circumstances=dict(QUIET, **{answer: reported})), code)
    first = result.reasons[0]
    assert (first.code, first.status) == expected
    assert first.article == CIRCUMSTANCE_RULES[code].article
    if reported is None:
        assert CIRCUMSTANCE_RULES[code].fact in result.missing


def test_only_housing_also_needs_a_basic_living_programme():
    housing = verdict(family(person(wages="1000"), circumstances=dict(QUIET, housing_difficulty=True)), "housing")
    disaster = verdict(family(person(wages="1000"), circumstances=dict(QUIET, disaster=True)), "disaster")
    assert [r.code for r in housing.reasons][1:] == ["base_programme_likely"]
    assert len(disaster.reasons) == 1
