"""Screening for the JSON API: read the request body, check it, screen, describe the result.

Every way a body can be wrong ends in ``ApiError`` (400 or 422 with one entry per problem);
nothing a client sends reaches the domain unchecked, so nothing it sends can cause a 500.
"""
from __future__ import annotations

import json
import math
import re
from datetime import date
from decimal import Decimal
from typing import Any

from portal.api import routing
from portal.api.schemas import MAX_ITEMS, MAX_MEMBERS
from portal.clock import today
from portal.domain.eligibility import Screening, screen
from portal.domain.household import RECEIVING, Household, HouseholdError
from portal.domain.verdicts import jsonable
from portal.eligibility_texts import (
    assistance_label,
    change_text,
    reason_text,
    verdict_label,
)
from portal.policy_figures import current_policy

_INT_DIGITS = 4000  # below Python's 4300-digit limit for converting text to int
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


class ApiError(Exception):
    def __init__(self, status: int, problems: list[tuple[str, str]]):
        super().__init__(status, problems)
        self.status = status
        self.problems = problems


def read_json(body: bytes, mimetype: str) -> Any:
    """The parsed body; 400 when it is not sent as JSON or does not parse."""
    if mimetype != "application/json" and not mimetype.endswith("+json"):
        raise ApiError(400, [("", "not_json")])
    try:
        return json.loads(body, parse_float=_real_number, parse_int=_whole_number)
    except (ValueError, RecursionError):
        # ValueError covers bad syntax and bad encodings.
        raise ApiError(400, [("", "invalid_json")]) from None


def _whole_number(text: str) -> int | Decimal:
    """A JSON integer. Python refuses to convert one of more than 4300 digits: a ValueError
    that read as "not valid JSON", though it is a valid number, too large for any field."""
    return int(text) if len(text) <= _INT_DIGITS else Decimal(text)


def _real_number(text: str) -> float | Decimal:
    """A JSON number with a fraction or exponent, as a float as before; beyond the float range
    (1e400) it would be an infinite float, read as "not a number". It becomes +-10^400 instead:
    too large for every field, so the field's own check answers (an amount: too_large)."""
    number = float(text)
    if math.isfinite(number):
        return number
    return Decimal("-1e400") if number < 0 else Decimal("1e400")


def _screening_date(data: dict) -> tuple[date, list[tuple[str, str]]]:
    if "on" not in data:
        return today(), []
    raw = data.pop("on")
    if not isinstance(raw, str) or not _DATE.match(raw):
        return today(), [("on", "not_a_date")]
    try:
        on = date.fromisoformat(raw)
    except ValueError:
        return today(), [("on", "not_a_date")]
    if not FIRST_DAY <= on <= LAST_DAY:
        return on, [("on", "out_of_range")]
    return on, []


def _limits(data: dict) -> list[tuple[str, str]]:
    """Sizes the domain does not limit but the API does, so that one request stays cheap."""
    problems: list[tuple[str, str]] = []

    def check(value: Any, path: str, most: int) -> None:
        if isinstance(value, list) and len(value) > most:
            problems.append((path, "too_many"))

    members = data.get("members")
    check(members, "members", MAX_MEMBERS)
    for i, member in enumerate(members if isinstance(members, list) else []):
        if isinstance(member, dict):
            check(member.get("income"), f"members[{i}].income", MAX_ITEMS)
            check(member.get("receiving"), f"members[{i}].receiving", len(RECEIVING))
    supporters = data.get("supporters")
    check(supporters, "supporters", MAX_ITEMS)
    for i, supporter in enumerate(supporters if isinstance(supporters, list) else []):
        if isinstance(supporter, dict):
            check(supporter.get("receiving"), f"supporters[{i}].receiving", len(RECEIVING))
    assets = data.get("assets")
    if isinstance(assets, dict):
        check(assets.get("vehicles"), "assets.vehicles", MAX_ITEMS)
        check(assets.get("houses"), "assets.houses", MAX_ITEMS)
    # The longest emergency place is the domain's own rule (Emergency.place), answered with 422 too.
    return problems


def household_from_payload(payload: Any) -> tuple[Household, date]:
    """The household and screening date of a request body; 422 listing every problem."""
    household, on, _ = read_payload(payload)
    return household, on


def read_payload(payload: Any) -> tuple[Household, date, routing.Facts | None]:
    """The household, screening date and jurisdiction facts (None when the body has no
    ``jurisdiction``) of a request body; 422 listing every problem."""
    if not isinstance(payload, dict):
        raise ApiError(422, [("", "not_an_object")])
    data = dict(payload)
    on, problems = _screening_date(data)
    facts, found = routing.read(data.pop(routing.FIELD, None))
    problems += _limits(data)
    if problems:
        raise ApiError(422, problems + found)
    try:
        household = Household.from_dict(data, today=on)
    except HouseholdError as error:
        raise ApiError(422, error.problems + found) from None
    if found:
        raise ApiError(422, found)
    return household, on, facts


def screening_document(screening: Screening, people: list[str] | None = None) -> dict[str, Any]:
    """``screening.to_dict()`` with words in the request's language and the policy used."""
    document = screening.to_dict()
    used: dict[str, Any] = {}
    for verdict, shown in zip(screening.verdicts, document["verdicts"]):
        shown["label"] = assistance_label(verdict.assistance)
        shown["verdict_label"] = verdict_label(verdict.verdict)
        for reason, row in zip(verdict.reasons, shown["reasons"]):
            row["text"] = reason_text(reason, people)
        for change, row in zip(verdict.what_would_change, shown["what_would_change"]):
            row["text"] = change_text(change, people)
        shown["parameters"] = [p.key for p in verdict.parameters]
        for p in verdict.parameters:
            used.setdefault(p.key, p)
    document["parameters"] = [jsonable({
        "key": p.key, "region": p.region, "value": p.value, "unit": p.unit,
        "effective_from": p.effective_from, "source": p.source, "example": p.example, "note": p.note,
    }) for _, p in sorted(used.items())]
    document["uses_example_values"] = any(p.example for p in used.values())
    document["estimate_only"] = True
    return document


def screen_payload(payload: Any) -> dict[str, Any]:
    household, on, facts = read_payload(payload)
    policy = current_policy()
    screening = screen(household, policy, on)
    document = screening_document(screening, [m.relation for m in household.members])
    if facts is not None:
        routing.add_routing(document, facts, household, policy, on)
    return document
