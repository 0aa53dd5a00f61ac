"""The shape of ``Application.answers`` and the helpers that read and write it.

``Application.answers`` is one encrypted JSON document. Its keys are stable: the office
console, the receipts and the status pages read them. Every amount is a string of yuan with
at most 2 decimals ("1234.50"), every date an ISO string, every code one of the codes below.

::

    {
      "about": {"name", "id_number" (normalised, 18 characters), "phone" (11 digits),
                "district_code", "office_code", "address",
                "hukou": {"kind": "shenzhen"|"elsewhere", "district_code", "office_code",
                          "region_code" (GB/T 2260, province level "440000"), "place"},
                "marital_status": "single"|"married"|"divorced"|"widowed"},
      "permit": {"has_permit": bool, "number", "issued_on", "expires_on", "district_code"},
      "members": [{"ref": "m1", "relation": "self"|"spouse"|"son"|..., "name", "id_number",
                   "lives_with_applicant": bool, "student_stage", "full_time": bool|None,
                   "labour_capacity": "full"|"partial"|"none"|None, "has_disability": bool,
                   "disability": {"type", "grade"}|None, "serious_illness": bool,
                   "employment": code|None, "exclusions": ["serving_sentence", ...]}],
      "household_complete": bool,                 # "nobody else lives with you" was answered
      "income": {"m1": {"sources": [source codes], "amounts": {source code: "1234.50"}}},
      "assets": {"deposits", "securities", "insurance_cash_value", "receivables",
                 "owns": ["vehicle", "home", "business"],
                 "vehicles": [{"value", "exemption": None|"disabled_member"|"work"}],
                 "houses": [{"use", "area_m2"}], "business_registrations": int},
      "circumstances": {"costs": ["medical", "education", "rehabilitation"],
                        "rigid_expenditure": {"medical": "..", ...},   # last 12 months
                        "situations": ["housing_difficulty", "disaster", "emergency"],
                        "emergency": {"kind", "date", "district_code", "office_code",
                                      "description"}},
      "types": [type codes] or ["assess_all"],
      "payment": {"holder_ref", "bank", "account_number"},
      "declarations": {kind: {"version", "at" (ISO UTC), "by" (account id), "method",
                              "members": [refs of the members it covers]}},
      "routing": {"handled": [{"type", "office_code", "basis", "uses_longer_time_limit"}],
                  "referred": [{"type", "refer_to": {"code", "region_code", "place"}}]},
                                                  # written at submit
      "_done": ["step-key" or "step-key:m2", ...], # pages completed
      "_removed": [{"step", "ref", "at"}],         # answers dropped as no longer relevant
      "_next_ref": int, "_token": str              # next member number; the submit token
    }

Nothing here touches the database: the services call these helpers and commit.
"""
from __future__ import annotations

import copy
from datetime import date
from typing import Any

from portal import clock
from portal.domain.ids import age_on, parse_resident_id

ASSESS_ALL = "assess_all"
SELF_REF = "m1"


def get(answers: dict, path: str, default: Any = None) -> Any:
    """The value at a dotted path ("about.hukou.kind"), or ``default``."""
    node: Any = answers
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node


def put(answers: dict, path: str, value: Any) -> None:
    parts = path.split(".")
    node = answers
    for part in parts[:-1]:
        if not isinstance(node.get(part), dict):
            node[part] = {}
        node = node[part]
    node[parts[-1]] = value


def drop(answers: dict, path: str) -> bool:
    """Remove the value at ``path``; True if something was there."""
    parts = path.split(".")
    node = get(answers, ".".join(parts[:-1])) if len(parts) > 1 else answers
    if isinstance(node, dict) and parts[-1] in node:
        del node[parts[-1]]
        return True
    return False


def copy_of(answers: dict | None) -> dict:
    """A deep copy: the JSON column only notices a new value, never an in-place change."""
    return copy.deepcopy(answers or {})


def members(answers: dict) -> list[dict]:
    return [m for m in answers.get("members") or [] if isinstance(m, dict)]


def member(answers: dict, ref: str) -> dict | None:
    return next((m for m in members(answers) if m.get("ref") == ref), None)


def applicant(answers: dict) -> dict | None:
    return next((m for m in members(answers) if m.get("relation") == "self"), None)


def birth_date(person: dict | None) -> date | None:
    parsed, _ = parse_resident_id((person or {}).get("id_number") or "", clock.today())
    return parsed.birth_date if parsed else None


def age(person: dict | None, today: date) -> int | None:
    born = birth_date(person)
    return age_on(born, today) if born else None


def is_adult(person: dict | None, today: date) -> bool:
    years = age(person, today)
    return years is not None and years >= 18


def in_household(person: dict) -> bool:
    """Members whose income and assets count: not excluded by S-DB Art. 7 (prison, rehab,
    missing). Children living elsewhere still count, so co-residence is not tested here."""
    return not person.get("exclusions")


def chosen_types(answers: dict) -> list[str]:
    return [t for t in answers.get("types") or [] if isinstance(t, str)]


def done(answers: dict) -> set[str]:
    return set(answers.get("_done") or [])


def instance_key(step_key: str, ref: str | None) -> str:
    return f"{step_key}:{ref}" if ref else step_key


def mark_done(answers: dict, step_key: str, ref: str | None) -> None:
    key = instance_key(step_key, ref)
    listed = list(answers.get("_done") or [])
    if key not in listed:
        listed.append(key)
    answers["_done"] = listed


def unmark(answers: dict, step_key: str, ref: str | None) -> bool:
    key = instance_key(step_key, ref)
    listed = list(answers.get("_done") or [])
    if key in listed:
        listed.remove(key)
        answers["_done"] = listed
        return True
    return False


def next_member_ref(answers: dict) -> str:
    used = {m.get("ref") for m in members(answers)}
    number = max(int(answers.get("_next_ref") or 2), 2)
    while f"m{number}" in used:
        number += 1
    answers["_next_ref"] = number + 1
    return f"m{number}"
