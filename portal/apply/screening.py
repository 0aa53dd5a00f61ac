"""The eligibility screening of a draft's answers, used to pre-select types and for "assess all"."""
from __future__ import annotations

from datetime import date

from portal.apply.household_map import household_from_answers
from portal.domain.eligibility import screen
from portal.domain.household import HouseholdError
from portal.rules import current_policy


def verdicts(answers: dict, on: date) -> dict[str, str]:
    """{type: likely | possibly | unlikely | not_assessable}; empty if the answers cannot be read."""
    try:
        result = screen(household_from_answers(answers, on), current_policy(), on)
    except (HouseholdError, LookupError, ValueError):
        return {}
    return {v.assistance: v.verdict for v in result.verdicts}


def suggested(answers: dict, on: date) -> dict[str, str]:
    """The types the answers so far suggest: {type: likely | possibly}."""
    return {t: v for t, v in verdicts(answers, on).items() if v in ("likely", "possibly")}
