"""JSON Schemas (OpenAPI 3.1 / draft 2020-12) of a household and of a screening.

They follow ``portal.domain.household_io`` field by field: the same names, the same choices
(taken from the domain's own tuples, so they cannot drift), ``null`` wherever the domain
reads "not answered", ``additionalProperties: false`` because unknown keys are refused.
Rules that a schema cannot state (one member is "self", no date after the screening date,
amounts to the fen) are in the descriptions and answered with 422.
"""
from __future__ import annotations

from typing import Any

from portal.domain import household as h
from portal.domain.describe import CHANGE_TEXTS, REASON_TEXTS
from portal.domain.household_io import flags
from portal.domain.verdicts import ASSISTANCE_TYPES, STATUSES, VERDICTS

MAX_MEMBERS = 20
MAX_ITEMS = 20  # income rows per person, vehicles, houses, supporters

_MONEY_TEXT = "^[0-9]{1,12}(\\.[0-9]{1,2})?$"
_SIGNED_MONEY_TEXT = "^-?[0-9]{1,12}(\\.[0-9]{1,2})?$"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"oneOf": [schema, {"type": "null"}]}


def _choice(values: tuple[str, ...] | list[str], description: str = "") -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "enum": list(values)}
    if description:
        schema["description"] = description
    return schema


_FLAG = {"type": ["boolean", "null"], "description": "true or false; null or absent means false."}
_OPEN = {"type": ["boolean", "null"], "description": "null or absent means not answered."}
_AGE = {"type": ["integer", "null"], "minimum": 0, "maximum": 130,
        "description": "Age in completed years on the screening date; give it or birth_date, not both."}
_BIRTH = {"type": ["string", "null"], "format": "date",
          "description": "Not after the screening date; give it or age, not both."}
_MONEY = {"description": "Yuan as a string or a number, at most 2 decimal places, below 10^12. Strings keep the amount exact.",
          "oneOf": [{"type": "string", "pattern": _MONEY_TEXT},
                    {"type": "number", "minimum": 0, "exclusiveMaximum": 1e12}]}
_SIGNED_MONEY = {"description": "Yuan; may be negative (a loss).",
                 "oneOf": [{"type": "string", "pattern": _SIGNED_MONEY_TEXT},
                           {"type": "number", "exclusiveMinimum": -1e12, "exclusiveMaximum": 1e12}]}


def _describe(cls: type, name: str) -> str:
    """A field's description, from the dataclass field's metadata."""
    return str(cls.__dataclass_fields__[name].metadata["description"])  # type: ignore[attr-defined]


def _flags(cls: type) -> dict[str, Any]:
    """The yes/no properties, generated from the domain's fields as the reader reads them."""
    return {name: _OPEN if open_ else _FLAG for name, open_ in flags(cls).items()}


def _income_variant(categories: tuple[str, ...], subtypes: tuple[str, ...] | None, money: dict) -> dict:
    properties: dict[str, Any] = {"category": _choice(categories), "amount": money}
    schema = {"type": "object", "additionalProperties": False, "required": ["category", "amount"],
              "properties": properties}
    if subtypes is None:
        properties["subtype"] = {"type": "null"}
    else:
        properties["subtype"] = _choice(subtypes)
        schema["required"] = ["category", "amount", "subtype"]
    return schema


HOUSEHOLD_SCHEMAS: dict[str, dict[str, Any]] = {
    "Money": _MONEY,
    "Disability": {
        "type": "object", "additionalProperties": False, "required": ["type", "grade"],
        "description": "A disability certificate (残疾人证): grade 1 is the most severe, 4 the mildest.",
        "properties": {"type": _choice(h.DISABILITY_TYPES), "grade": {"type": "integer", "minimum": 1, "maximum": 4}},
    },
    "IncomeItem": {
        "description": "One monthly income source in yuan. employment_costs and transfer_out are deducted; "
                       "transfer, transfer_out and excluded need a subtype; business_net may be negative.",
        "oneOf": [
            _income_variant(("wages", "employment_costs", "property"), None, _ref("Money")),
            _income_variant(("business_net",), None, _SIGNED_MONEY),
            *(_income_variant((category,), subtypes, _ref("Money"))
              for category, subtypes in h.INCOME_SUBTYPES.items()),
        ],
    },
    "Member": {
        "type": "object", "additionalProperties": False, "required": ["relation"],
        "description": "A person in the household, described relative to the applicant (relation self).",
        "properties": {
            "relation": _choice(h.RELATIONS, "Exactly one member is self; at most one is spouse."),
            "birth_date": _BIRTH, "age": _AGE,
            **_flags(h.Member),
            "student_stage": {"type": ["string", "null"], "enum": [*h.STUDENT_STAGES, None],
                              "description": "null or absent means none."},
            "labour_capacity": {"type": ["string", "null"], "enum": [*h.LABOUR_CAPACITY, None]},
            "disability": _nullable(_ref("Disability")),
            "employment": {"type": ["string", "null"], "enum": [*h.EMPLOYMENT, None]},
            "receiving": {"type": ["array", "null"], "items": _choice(h.RECEIVING), "maxItems": len(h.RECEIVING),
                          "description": "Programmes the person already receives."},
            "income": {"type": ["array", "null"], "items": _ref("IncomeItem"), "maxItems": MAX_ITEMS,
                       "description": "null or absent: not answered; an empty list: no income."},
            # The member's own registration and how long they have lived with the applicant.
            "hukou": {"oneOf": [_choice(h.MEMBER_HUKOU), {"type": "string", "pattern": h.SHENZHEN_DISTRICT_PATTERN},
                                {"type": "null"}],
                      "description": _describe(h.Member, "hukou")},
            "co_resident_months": {"type": ["integer", "null"], "minimum": 0, "maximum": h.CO_RESIDENT_MONTHS_MAX,
                                   "description": _describe(h.Member, "co_resident_months")},
            "months_without_income": {"type": ["integer", "null"], "minimum": 0, "maximum": 1200,
                                      "description": _describe(h.Member, "months_without_income")},
        },
    },
    "Vehicle": {
        "type": "object", "additionalProperties": False, "required": ["value"],
        "properties": {"value": _ref("Money"),
                       "exemption": {"type": ["string", "null"], "enum": [*h.VEHICLE_EXEMPTIONS, None],
                                     "description": "Why the vehicle is needed; an exempt vehicle does not count."}},
    },
    "House": {
        "type": "object", "additionalProperties": False, "required": ["use"],
        "properties": {"use": _choice(h.HOUSE_USES), "area_m2": _nullable(_ref("Money"))},
    },
    "Assets": {
        "type": "object", "additionalProperties": False,
        "description": "Property of the counted members. null or absent: not answered; an empty list: none.",
        "properties": {
            **{name: _nullable(_ref("Money")) for name in h.LIQUID_ASSETS},
            "vehicles": {"type": ["array", "null"], "items": _ref("Vehicle"), "maxItems": MAX_ITEMS},
            "houses": {"type": ["array", "null"], "items": _ref("House"), "maxItems": MAX_ITEMS},
            "business_registrations": {"type": ["integer", "null"], "minimum": 0},
        },
    },
    "Emergency": {
        "type": "object", "additionalProperties": False, "required": ["kind"],
        "properties": {
            "kind": _choice(h.EMERGENCY_KINDS),
            "date": {"type": ["string", "null"], "format": "date", "description": "Not after the screening date."},
            "place": {"type": ["string", "null"], "maxLength": 200,
                      "description": "Where it happened: a region code or an address."},
            # What is needed now and the help already received.
            "needs": {"type": ["array", "null"], "items": _choice(h.EMERGENCY_NEEDS),
                      "maxItems": len(h.EMERGENCY_NEEDS), "description": _describe(h.Emergency, "needs")},
            "help_kinds": {"type": ["array", "null"], "items": _choice(h.HELP_KINDS), "maxItems": len(h.HELP_KINDS),
                           "description": _describe(h.Emergency, "help_kinds")},
            "help_received": {**_nullable(_ref("Money")), "description": _describe(h.Emergency, "help_received")},
        },
    },
    "Circumstances": {
        "type": "object", "additionalProperties": False,
        "properties": {
            "rigid_expenditure": {
                "type": ["object", "null"], "additionalProperties": False,
                "description": "Essential spending over the last 12 months, in yuan.",
                "properties": {kind: _nullable(_ref("Money")) for kind in h.RIGID_KINDS},
            },
            "housing_difficulty": _OPEN, "disaster": _OPEN,
            "has_emergency": {"type": ["boolean", "null"],
                              "description": "null: not answered; must not be false when emergency is given."},
            "emergency": _nullable(_ref("Emergency")),
            "housing_kind": {"type": ["string", "null"], "enum": [*h.HOUSING_KINDS, None],
                             "description": _describe(h.Circumstances, "housing_kind")},
        },
    },
    "Supporter": {
        "type": "object", "additionalProperties": False, "required": ["relation"],
        "description": "A family member outside the household with a legal duty to support the applicant.",
        "properties": {
            "relation": _choice(h.SUPPORTER_RELATIONS),
            "birth_date": _BIRTH, "age": _AGE,
            **_flags(h.Supporter),
            "receiving": {"type": ["array", "null"], "items": _choice(h.RECEIVING), "maxItems": len(h.RECEIVING)},
            "disability": _nullable(_ref("Disability")),
            "income_per_capita": _nullable(_ref("Money")),
        },
    },
    "ScreeningRequest": {
        "type": "object", "additionalProperties": False, "required": ["members"],
        "description": "A household, and optionally the date to screen it on.",
        "properties": {
            "on": {"type": "string", "format": "date",
                   "description": "Screen as on this date, 2000-01-01 to 2099-12-31 (default: today in Shenzhen)."},
            "region": {"type": "string", "pattern": "^(CN|[0-9]{6})$", "default": h.SHENZHEN,
                       "description": "GB/T 2260 code whose policy applies (default 440300, Shenzhen)."},
            "members": {"type": "array", "items": _ref("Member"), "minItems": 1, "maxItems": MAX_MEMBERS},
            "assets": _nullable(_ref("Assets")),
            "circumstances": _nullable(_ref("Circumstances")),
            "supporters": {"type": ["array", "null"], "items": _ref("Supporter"), "maxItems": MAX_ITEMS,
                           "description": "null or absent: not answered; an empty list: nobody."},
        },
    },
}

RESULT_SCHEMAS: dict[str, dict[str, Any]] = {
    "Reason": {
        "type": "object", "additionalProperties": False,
        "required": ["code", "status", "article", "params", "text"],
        "properties": {
            "code": _choice(sorted(REASON_TEXTS)),
            "status": _choice(STATUSES, "met / not_met / uncertain / missing decide the verdict; info does not."),
            "article": {"type": "string", "description": "The rule it rests on, e.g. `S-DB Art. 13`."},
            "params": {"type": "object", "description": "Figures and references the text is built from."},
            "text": {"type": "string"},
        },
    },
    "Change": {
        "type": "object", "additionalProperties": False, "required": ["code", "params", "text"],
        "properties": {"code": _choice(sorted(CHANGE_TEXTS)), "params": {"type": "object"}, "text": {"type": "string"}},
    },
    "Verdict": {
        "type": "object", "additionalProperties": False,
        "required": ["assistance", "label", "verdict", "verdict_label", "amount", "reasons",
                     "what_would_change", "missing", "parameters"],
        "properties": {
            "assistance": _choice(ASSISTANCE_TYPES),
            "label": {"type": "string"},
            "verdict": _choice(VERDICTS),
            "verdict_label": {"type": "string"},
            "amount": {"type": ["string", "null"], "pattern": "^[0-9]+(\\.[0-9]+)?$",
                       "description": "Estimated monthly allowance in yuan (dibao only, when likely or possibly)."},
            "reasons": {"type": "array", "items": _ref("Reason")},
            "what_would_change": {"type": "array", "items": _ref("Change")},
            "missing": {"type": "array", "items": {"type": "string"},
                        "description": "Answer paths (members[0].income) and policy keys (policy.dibao_standard) needed."},
            "parameters": {"type": "array", "items": {"type": "string"},
                           "description": "Keys of the policy parameters used (see the top-level parameters)."},
        },
    },
    "PolicyParameter": {
        "type": "object", "additionalProperties": False,
        "required": ["key", "region", "value", "unit", "effective_from", "source", "example", "note"],
        "properties": {
            "key": {"type": "string"}, "region": {"type": "string"},
            "value": {"description": "A number, text, list or table, as published."},
            "unit": {"type": "string"}, "effective_from": {"type": "string", "format": "date"},
            "source": {"type": "string"},
            "example": {"type": "boolean", "description": "true: an example figure awaiting official confirmation."},
            "note": {"type": "string"},
        },
    },
    "Screening": {
        "type": "object", "additionalProperties": False,
        "required": ["on", "region", "estimate_only", "uses_example_values", "household", "verdicts", "parameters"],
        "properties": {
            "on": {"type": "string", "format": "date"},
            "region": {"type": "string"},
            "estimate_only": {"const": True, "description": "Always true: a screening is never a decision."},
            "uses_example_values": {"type": "boolean"},
            "household": {"type": "object", "description": "Household figures: who counts, income, assets."},
            "verdicts": {"type": "array", "items": _ref("Verdict"),
                         "minItems": len(ASSISTANCE_TYPES), "maxItems": len(ASSISTANCE_TYPES)},
            "parameters": {"type": "array", "items": _ref("PolicyParameter")},
        },
    },
}
