"""Screening for the JSON API: read the request body, check it, screen, describe the result.

Every way a body can be wrong ends in ``ApiError`` (400 or 422 with one entry per problem);
nothing a client sends reaches the domain unchecked, so nothing it sends can cause a 500.
"""
from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from portal.api.schemas import MAX_ITEMS, MAX_MEMBERS
from portal.clock import today
from portal.domain.eligibility import Screening, screen
from portal.domain.household import RECEIVING, Household, HouseholdError
from portal.domain.verdicts import jsonable
from portal.eligibility_texts import assistance_label, change_text, reason_text, verdict_label
from portal.policy_figures import current_policy

FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)
MAX_PLACE = 200
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
        return json.loads(body)
    except (ValueError, RecursionError):
        # ValueError covers bad syntax, bad encodings and integers too long to convert.
        raise ApiError(400, [("", "invalid_json")]) from None


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
    circumstances = data.get("circumstances")
    emergency = circumstances.get("emergency") if isinstance(circumstances, dict) else None
    if isinstance(emergency, dict) and isinstance(emergency.get("place"), str) \
            and len(emergency["place"]) > MAX_PLACE:
        problems.append(("circumstances.emergency.place", "too_long"))
    return problems


def household_from_payload(payload: Any) -> tuple[Household, date]:
    """The household and screening date of a request body; 422 listing every problem."""
    if not isinstance(payload, dict):
        raise ApiError(422, [("", "not_an_object")])
    data = dict(payload)
    on, problems = _screening_date(data)
    problems += _limits(data)
    if problems:
        raise ApiError(422, problems)
    try:
        return Household.from_dict(data, today=on), on
    except HouseholdError as error:
        raise ApiError(422, error.problems) from None


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
    household, on = household_from_payload(payload)
    screening = screen(household, current_policy(), on)
    return screening_document(screening, [m.relation for m in household.members])
