"""The pre-check's answers, page by page, and the household they describe.

Stored shape (strings as the pages saved them, amounts in yuan)::

    {"household": {"size": 3},
     "people": {"1": {"age", "disability_type", "disability_grade", "serious_illness",
                      "student_stage", "employment", "wages", "business", "pension",
                      "support", "other_income", "unemployment_insurance" ("yes"/"no"/None),
                      "months_without_income", "clergy_at_venue_3y" (household of one)},
                "2": {..., "relation"}},
     "assets": {"savings", "vehicles", "houses", "businesses"},
     "circumstances": {"receiving": [...], "medical", "education", "rehabilitation",
                       "emergency", "emergency_days", "emergency_needs": [...], "help_kinds": [...],
                       "help_received", "housing", "housing_kind", "supporters", "rural_rights"},
     "supporters": {"people": [{"relation", "age", "situation", "income", "property"}]}}
                   (only when "supporters" is "yes": S-TK Art. 8)

``household_dict`` turns complete answers into ``Household.to_dict()`` shape; pure, no I/O.
"""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from portal.apply.answers.choices import co_residence_months
from portal.domain import model_fields as mf
from portal.domain.household import Member

# Income questions and the Art. 13 category (and subtype) each one is.
INCOME_SOURCES = {
    "wages": ("wages", None),
    "business": ("business_net", None),
    "pension": ("transfer", "pension"),
    "support": ("transfer", "maintenance_received"),
    "other_income": ("property", None),
}
PERSON_FIELDS = ("age", "disability_type", "disability_grade", "serious_illness", "student_stage",
                 "employment", *INCOME_SOURCES)
# The person's answers that are facts of the domain's Member under the same name carry over as
# they are (a yes/no fact unanswered is "no"): a new one needs no line in _member.
_SAME_NAME = tuple(s for s in mf.specs(Member) if s.name in PERSON_FIELDS)


def size(answers: dict) -> int | None:
    value = (answers.get("household") or {}).get("size")
    return value if isinstance(value, int) else None


def asks_supporters(answers: dict) -> bool:
    """The supporters page follows when the circumstances page says someone must support."""
    return (answers.get("circumstances") or {}).get("supporters") == "yes"


def steps(answers: dict) -> list[tuple[str, dict[str, Any]]]:
    """(endpoint, url arguments) of every page, in order, for the household size given."""
    people = [("precheck.person", {"number": n}) for n in range(1, (size(answers) or 0) + 1)]
    supporters: list[tuple[str, dict[str, Any]]] = [("precheck.supporters", {})] if asks_supporters(answers) else []
    return [("precheck.household", {}), *people, ("precheck.assets", {}), ("precheck.circumstances", {}),
            *supporters]


def _answered(answers: dict, endpoint: str, args: dict) -> bool:
    if endpoint == "precheck.household":
        return size(answers) is not None
    if endpoint == "precheck.person":
        return str(args["number"]) in (answers.get("people") or {})
    if endpoint == "precheck.supporters":
        return isinstance((answers.get("supporters") or {}).get("people"), list)
    return bool(answers.get(endpoint.removeprefix("precheck.")))


def first_unanswered(answers: dict) -> tuple[str, dict[str, Any]] | None:
    for endpoint, args in steps(answers):
        if not _answered(answers, endpoint, args):
            return endpoint, args
    return None


def with_size(answers: dict, new_size: int) -> dict:
    """Answers for a new household size: people beyond it are forgotten."""
    people = {k: v for k, v in (answers.get("people") or {}).items() if k.isdigit() and int(k) <= new_size}
    return {**answers, "household": {"size": new_size}, "people": people}


def _amount(value: Any) -> Decimal:
    return Decimal(str(value)) if value not in (None, "") else Decimal(0)



def _member(number: int, person: dict, receiving: list[str]) -> dict[str, Any]:
    income = []
    for key, (category, subtype) in INCOME_SOURCES.items():
        amount = _amount(person.get(key))
        if amount:
            income.append({"category": category, "subtype": subtype, "amount": format(amount, "f")})
    stage = person.get("student_stage") or "none"
    disability = None
    if person.get("disability_type") not in (None, "", "none") and person.get("disability_grade"):
        disability = {"type": person["disability_type"], "grade": int(person["disability_grade"])}
    return {
        **{s.name: bool(person.get(s.name)) if s.kind == mf.FLAG and not s.nullable else person.get(s.name)
           for s in _SAME_NAME},
        "relation": "self" if number == 1 else person.get("relation"),
        # Everyone listed was counted as living in the household (the first question).
        "lives_with_applicant": True,
        "student_stage": stage,
        "full_time": True if stage != "none" else None,
        "disability": disability,
        "receiving": receiving if number == 1 else [],
        "income": income,
        # S-DB Art. 7 (4): how long a relative has lived with the applicant, when given.
        "co_resident_months": co_residence_months(person.get("co_residence")) if number > 1 else None,
        # Without work (S-DD 二(一)): given only for an unemployed person; not given: null.
        "unemployment_insurance": {"yes": True, "no": False}.get(person.get("unemployment_insurance") or ""),
        "months_without_income": person.get("months_without_income"),
    }


def household_dict(answers: dict, today: date) -> dict[str, Any] | None:
    """The household described by complete answers; ``None`` while a page is unanswered."""
    if first_unanswered(answers) is not None:
        return None
    c, a = answers["circumstances"], answers["assets"]
    members = [_member(n, answers["people"][str(n)], list(c.get("receiving") or ()))
               for n in range(1, size(answers) + 1)]
    # The applicant's contracted land or collective-dividend rights (S-TK Art. 19); "not sure": null.
    # S-DB Art. 8 (3): the clergy route is asked, and read, only for a household of one.
    members[0]["clergy_at_venue_3y"] = size(answers) == 1 and bool(answers["people"]["1"].get("clergy_at_venue_3y"))
    members[0]["rural_rights"] = {"yes": True, "no": False}.get(c.get("rural_rights") or "")
    vehicles = _amount(a.get("vehicles"))
    houses = a.get("houses") or 0
    emergency = c.get("emergency") or "none"
    days = c.get("emergency_days")
    return {
        "region": "440300",
        "members": members,
        "assets": {
            "deposits": format(_amount(a.get("savings")), "f"), "securities": "0", "insurance_cash_value": "0",
            "internet_finance": "0", "receivables": "0",
            "vehicles": [{"value": format(vehicles, "f"), "exemption": None}] if vehicles else [],
            "houses": [{"use": "self_occupied" if i == 0 else "other", "area_m2": None} for i in range(houses)],
            "business_registrations": a.get("businesses") or 0,
        },
        "circumstances": {
            "rigid_expenditure": {kind: format(_amount(c.get(kind)), "f")
                                  for kind in ("medical", "education", "rehabilitation")},
            "housing_difficulty": c.get("housing") == "yes",
            "housing_kind": (c.get("housing_kind") or None) if c.get("housing") == "yes" else None,
            "disaster": emergency == "natural_disaster",
            "has_emergency": emergency != "none",
            "emergency": None if emergency == "none" else {
                "kind": emergency, "place": None,
                "date": (today - timedelta(days=days)).isoformat() if isinstance(days, int) else None,
                # Needs and help received, when given (S-LS 二(二), 二(三)); not asked: null.
                "needs": list(c["emergency_needs"]) if c.get("emergency_needs") else None,
                "help_kinds": list(c["help_kinds"]) if c.get("help_kinds") else None,
                "help_received": format(_amount(c.get("help_received")), "f") if c.get("help_kinds") else None,
            },
        },
        # "Not sure" stays unanswered: the result then says what it depends on.
        "supporters": [] if c.get("supporters") == "no" else (
            [_supporter(p) for p in answers["supporters"]["people"]] if asks_supporters(answers) else None),
    }


# A supporter's situation (S-TK Art. 8) as the Supporter facts.
_SITUATION_FLAGS = ("deceased", "severe_disability", "lacks_civil_capacity", "declared_missing", "serving_sentence")
_SITUATION_RECEIVING = {"receives_tekun": "tekun", "receives_dibao": "dibao"}


def _supporter(person: dict) -> dict[str, Any]:
    situation = person.get("situation")
    data: dict[str, Any] = {
        "relation": person.get("relation"), "age": person.get("age"),
        "income_per_capita": None if person.get("income") in (None, "") else format(_amount(person["income"]), "f"),
        "property_within_limits": {"yes": True, "no": False}.get(person.get("property") or ""),
    }
    if situation in _SITUATION_FLAGS:
        data[situation] = True
    if situation in _SITUATION_RECEIVING:
        data["receiving"] = [_SITUATION_RECEIVING[situation]]
    return data
