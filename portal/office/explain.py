"""Why the rules suggest what they do for one request: the caseworker console's explanation.

``explanation_for_request(application, request_type, on=None) -> Explanation``:
the screening of the application's household (``portal.apply.answers.household_map.household_from_answers``)
on ``on`` (default: today in Shenzhen), for one assistance type, in the staff member's
language: the verdict, every rule with its article and status, what would change the
result, the answers still missing, the figures used and each policy parameter with its
source and whether it is an unconfirmed example. It decides nothing and writes nothing.

When the answers cannot describe a household yet (an unfinished draft, a bad value),
``available`` is False and ``problems`` says why, so the console can show that instead.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext as _

from portal.apply.answers import household_map
from portal.clock import today
from portal.domain.eligibility import screen
from portal.domain.household import Household, HouseholdError
from portal.domain.verdicts import ASSISTANCE_TYPES, jsonable
from portal.eligibility_texts import assistance_label
from portal.eligibility_texts.params import fact
from portal.eligibility_texts.present import VerdictView, verdict_view
from portal.policy_figures import current_policy


@dataclass(frozen=True)
class ParameterRow:
    key: str
    value: str
    unit: str
    region: str
    effective_from: date
    source: str
    example: bool
    note: str


@dataclass(frozen=True)
class Explanation:
    type: str
    label: str
    on: date
    available: bool
    verdict: VerdictView | None = None
    parameters: list[ParameterRow] = field(default_factory=list)
    uses_example_values: bool = False
    household: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _household(answers: dict, on: date) -> Household:
    """The journey's reading of the answers; a dict result is read as ``Household.to_dict()``."""
    household = household_map.household_from_answers(answers, on)  # looked up per call: tests replace it
    return household if isinstance(household, Household) else Household.from_dict(household, today=on)


def _value(value: Any) -> str:
    shown = jsonable(value)
    if isinstance(shown, list):
        return ", ".join(str(v) for v in shown)
    if isinstance(shown, dict):
        return "; ".join(f"{k}: {_value(v)}" for k, v in shown.items())
    return str(shown)


def explanation_for_request(application: Any, request_type: str, on: date | None = None) -> Explanation:
    on = on or today()
    label = assistance_label(request_type)
    if request_type not in ASSISTANCE_TYPES:
        return Explanation(request_type, label, on, False, problems=[_("This assistance type is not screened.")])
    try:
        household = _household(application.answers or {}, on)
    except HouseholdError as error:
        return Explanation(request_type, label, on, False,
                           problems=[_("Answer to check: %(field)s", field=fact(path) if path else code)
                                     for path, code in error.problems])
    except ImportError:
        # Only while the journey's reader of the answers is not installed.
        return Explanation(request_type, label, on, False,
                           problems=[_("The answers do not describe the household fully yet.")])
    screening = screen(household, current_policy(), on)
    verdict = screening[request_type]
    params = [ParameterRow(p.key, _value(p.value), p.unit, p.region, p.effective_from, p.source, p.example, p.note)
              for p in verdict.parameters]
    return Explanation(
        type=request_type, label=label, on=on, available=True,
        verdict=verdict_view(verdict, [m.relation for m in household.members]),
        parameters=params, uses_example_values=any(p.example for p in params),
        household=dict(screening.household),
    )
