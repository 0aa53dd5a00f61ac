"""What the pre-check pages do: keep each page's answers, and screen the household."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from portal.clock import today
from portal.domain.eligibility import screen
from portal.domain.household import Household, HouseholdError
from portal.eligibility_texts.present import VerdictView, verdict_view
from portal.policy_figures import current_policy
from portal.precheck import answers as steps
from portal.precheck import store


def answers_for(token: Any) -> dict[str, Any]:
    return store.load_answers(token) or {}


def save_page(token: Any, answers: dict[str, Any], page: str,
              values: dict[str, Any]) -> tuple[str, tuple[str, dict[str, Any]] | None]:
    """Keep one page's answers (``page`` "household" keeps the size and drops extra people;
    "people.<n>" one person). Returns the token to keep in the session and the first page
    still unanswered (endpoint, url arguments), or None when the check is complete."""
    if page == "household":
        answers = steps.with_size(answers, values["size"])
    elif page.startswith("people."):
        answers = {**answers, "people": {**(answers.get("people") or {}), page.split(".", 1)[1]: values}}
    else:
        answers = {**answers, page: values}
    household = steps.household_dict(answers, today())
    if household is not None:
        try:
            # Stored exactly as Household.to_dict() gives it, so the journey reads what it expects.
            household = Household.from_dict(household, today=today()).to_dict()
        except HouseholdError:
            household = None  # the pages prevent this; the result page then asks to check the people
    token = store.save_answers(token, answers, household)
    return token, steps.first_unanswered(answers)


def restart(token: Any) -> None:
    store.discard(token)


@dataclass(frozen=True)
class Result:
    on: date
    token: str
    verdicts: list[VerdictView]
    dibao_amount: str
    uses_example_values: bool

    def with_verdict(self, *codes: str) -> list[VerdictView]:
        return [v for v in self.verdicts if v.verdict in codes]


def result(token: Any) -> Result | None:
    """The screening of a complete pre-check; ``None`` when there is none to show."""
    data = store.load(token)
    if data is None:
        return None
    on = today()
    try:
        household = Household.from_dict(data, today=on)
    except HouseholdError:
        # Only data written by an older version of the pages could fail here: start afresh.
        return None
    screening = screen(household, current_policy(), on)
    people = [m.relation for m in household.members]
    views = [verdict_view(v, people) for v in screening.verdicts]
    dibao = next(v for v in views if v.type == "dibao")
    return Result(on, token, views, dibao.amount_text,
                  any(p.example for v in screening.verdicts for p in v.parameters))
