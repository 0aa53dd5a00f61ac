"""JSON Schemas (OpenAPI 3.1 / draft 2020-12) of a household and of a screening.

The household's are generated from the domain's dataclasses (``portal.domain.household``),
walked field by field as ``portal.domain.household_reader`` reads them: the same names, the
choices, bounds and descriptions of each field's metadata, ``null`` wherever the reader takes
null as "not answered" or as the default, ``additionalProperties: false`` because unknown keys
are refused. A new field on a dataclass appears here with no line written. Rules that a schema
cannot state (one member is "self", no date after the screening date, amounts to the fen) are in
the descriptions and answered with 422.
"""
from __future__ import annotations

from typing import Any

from portal.domain import household as h
from portal.domain import model_fields as mf
from portal.domain.describe import CHANGE_TEXTS, REASON_TEXTS
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


_MONEY = {"description": "Yuan as a string or a number, at most 2 decimal places, below 10^12. Strings keep the amount exact.",
          "oneOf": [{"type": "string", "pattern": _MONEY_TEXT},
                    {"type": "number", "minimum": 0, "exclusiveMaximum": 1e12}]}
_SIGNED_MONEY = {"description": "Yuan; may be negative (a loss).",
                 "oneOf": [{"type": "string", "pattern": _SIGNED_MONEY_TEXT},
                           {"type": "number", "exclusiveMinimum": -1e12, "exclusiveMaximum": 1e12}]}


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


# Which subtypes a category takes, and that only a business loss is negative, are rules between
# an income item's fields: one variant per kind of category.
_INCOME_ITEM = {
    "description": "One monthly income source in yuan. employment_costs and transfer_out are deducted; "
                   "transfer, transfer_out and excluded need a subtype; business_net may be negative.",
    "oneOf": [
        _income_variant(tuple(c for c in h.INCOME_CATEGORIES if c not in h.INCOME_SUBTYPES and c != "business_net"),
                        None, _ref("Money")),
        _income_variant(("business_net",), None, _SIGNED_MONEY),
        *(_income_variant((category,), subtypes, _ref("Money"))
          for category, subtypes in h.INCOME_SUBTYPES.items()),
    ],
}

# --- generated from the household model ------------------------------------------------------
# Each component is a dataclass of portal.domain.household, walked field by field as the reader
# (portal.domain.household_reader) reads it. Only what a walk cannot say is written here: which
# classes are named components and their descriptions, and the rules between fields.

_FLAG_TEXT = "true or false; null or absent means false."
_OPEN_TEXT = "null or absent means not answered."
_DATE_TEXT = "Not after the screening date."

_COMPONENTS: dict[str, tuple[type, str | None]] = {
    "Disability": (h.Disability, "A disability certificate (残疾人证): grade 1 is the most severe, 4 the mildest."),
    "Member": (h.Member, "A person in the household, described relative to the applicant (relation self)."),
    "Vehicle": (h.Vehicle, None),
    "House": (h.House, None),
    "Assets": (h.Assets, "Property of the counted members. null or absent: not answered; an empty list: none."),
    "Emergency": (h.Emergency, None),
    "Circumstances": (h.Circumstances, None),
    "Supporter": (h.Supporter, "A family member outside the household with a legal duty to support the applicant."),
}
_NAMES = {cls: name for name, (cls, _text) in _COMPONENTS.items()} | {h.IncomeItem: "IncomeItem"}

# Rules between fields, stated in words (the reader answers them with 422).
_OVERRIDES: dict[tuple[type, str], dict[str, Any]] = {
    (h.Circumstances, "has_emergency"): {
        "type": ["boolean", "null"], "description": "null: not answered; must not be false when emergency is given."},
}


def _described(schema: dict[str, Any], *texts: str | None) -> dict[str, Any]:
    text = " ".join(t for t in texts if t)
    return {**schema, "description": text} if text else schema


def _of(cls: type, nullable: bool, text: str | None = None) -> dict[str, Any]:
    """A nested object: a reference to its component, or the object itself when it has none."""
    if cls in _NAMES:
        return _described(_nullable(_ref(_NAMES[cls])) if nullable else _ref(_NAMES[cls]), text)
    return _object(cls, text, nullable)


def _property(cls: type, spec: mf.Spec) -> dict[str, Any]:
    if (cls, spec.name) in _OVERRIDES:
        return _OVERRIDES[cls, spec.name]
    text = spec.meta.get("description")
    # null means "not answered" where the type allows None, and the default where there is one.
    null_ok = not spec.required
    if spec.kind == mf.FLAG:
        return _described({"type": ["boolean", "null"]}, text, _OPEN_TEXT if spec.nullable else _FLAG_TEXT)
    if spec.kind == mf.MONEY:
        money = _SIGNED_MONEY if spec.meta.get("signed") else _ref("Money")
        return _described(_nullable(money) if null_ok else money, text)
    if spec.kind == mf.OBJECT:
        return _of(spec.cls, null_ok, text)
    schema: dict[str, Any] = {"type": {mf.TEXT: "string", mf.INTEGER: "integer", mf.DATE: "string",
                                       mf.CODES: "array", mf.OBJECTS: "array"}[spec.kind]}
    if null_ok:
        schema["type"] = [schema["type"], "null"]
    if spec.kind == mf.TEXT and spec.choices is not None and "pattern" in spec.meta:
        # One of the codes, or a text matching the pattern (a member's registration).
        either = [_choice(spec.choices), {"type": "string", "pattern": spec.meta["pattern"]}]
        return _described({"oneOf": [*either, {"type": "null"}] if null_ok else either}, text)
    if spec.kind == mf.TEXT and spec.choices is not None:
        schema["enum"] = [*spec.choices, None] if null_ok else list(spec.choices)
    if spec.kind == mf.TEXT and "max" in spec.meta:
        schema["maxLength"] = spec.meta["max"]
    if spec.kind == mf.INTEGER:
        schema |= {key: spec.meta[name] for name, key in (("min", "minimum"), ("max", "maximum")) if name in spec.meta}
    if spec.kind == mf.DATE:
        schema["format"] = "date"
        text = text or _DATE_TEXT
    if spec.kind == mf.CODES:
        schema["items"] = _choice(spec.choices) if spec.choices is not None else {"type": "string"}
        if spec.choices is not None:
            schema["maxItems"] = len(spec.choices)
    if spec.kind == mf.OBJECTS:
        schema["items"] = _of(spec.cls, False)
        if spec.required:
            schema["minItems"] = 1
        schema["maxItems"] = MAX_ITEMS
    default_text = None
    if not spec.nullable and not spec.required and spec.kind == mf.TEXT:
        default_text = f"null or absent means {spec.default}."
    return _described(schema, text, default_text)


def _object(cls: type, text: str | None = None, nullable: bool = False) -> dict[str, Any]:
    specs = mf.specs(cls)
    schema: dict[str, Any] = {"type": ["object", "null"] if nullable else "object", "additionalProperties": False}
    required = [s.name for s in specs if s.required]
    if required:
        schema["required"] = required
    if text:
        schema["description"] = text
    schema["properties"] = {s.name: _property(cls, s) for s in specs}
    return schema


def _screening_request() -> dict[str, Any]:
    """A household (its fields as the reader reads them) and the date to screen it on."""
    schema = _object(h.Household, "A household, and optionally the date to screen it on.")
    properties = schema["properties"]
    properties["members"]["maxItems"] = MAX_MEMBERS
    # A region may be left out, not given as null; its form is a rule of its own.
    properties["region"] = {"type": "string", "pattern": "^(CN|[0-9]{6})$", "default": h.SHENZHEN,
                            "description": "GB/T 2260 code whose policy applies (default 440300, Shenzhen)."}
    schema["properties"] = {
        "on": {"type": "string", "format": "date",
               "description": "Screen as on this date, 2000-01-01 to 2099-12-31 (default: today in Shenzhen)."},
        **properties,
    }
    return schema


def generated_household_schemas() -> dict[str, dict[str, Any]]:
    """The household's component schemas, generated from the domain's dataclasses."""
    return {
        "Money": _MONEY,
        "IncomeItem": _INCOME_ITEM,
        **{name: _object(cls, text) for name, (cls, text) in _COMPONENTS.items()},
        "ScreeningRequest": _screening_request(),
    }


HOUSEHOLD_SCHEMAS = generated_household_schemas()

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
