"""The API's JSON Schema of a household is generated from the domain's dataclasses, and means
what the hand-written schema it replaced meant, field by field.

``HAND_WRITTEN`` below is that schema as it was written in portal/api/schemas.py (it still reads
the domain's tuples, so a new choice in the domain changes both sides alike). Fields added to the
model since are generated and not compared here; every field it lists must come out the same."""
from __future__ import annotations

import dataclasses
from dataclasses import field
from decimal import Decimal
from typing import Any

import jsonschema_rs
import pytest

from portal.api import schemas
from portal.api.schemas import HOUSEHOLD_SCHEMAS, MAX_ITEMS, MAX_MEMBERS
from portal.domain import household as h
from portal.domain import model_fields as mf
from portal.domain.household_io import flags


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"oneOf": [schema, {"type": "null"}]}


def _choice(values, description: str = "") -> dict[str, Any]:
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


# Facts added to the model after the hand-written schema was retired: generated only.
_NEWER = ("clergy_at_venue_3y", "unemployment_insurance", "severe_disability", "rural_rights")


def _flags(cls: type) -> dict[str, Any]:
    return {name: _OPEN if open_ else _FLAG for name, open_ in flags(cls).items() if name not in _NEWER}


HAND_WRITTEN: dict[str, dict[str, Any]] = {
    "Disability": {
        "type": "object", "additionalProperties": False, "required": ["type", "grade"],
        "description": "A disability certificate (残疾人证): grade 1 is the most severe, 4 the mildest.",
        "properties": {"type": _choice(h.DISABILITY_TYPES), "grade": {"type": "integer", "minimum": 1, "maximum": 4}},
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


def _compare(generated: dict[str, Any], written: dict[str, Any], where: str) -> None:
    assert {k: v for k, v in generated.items() if k != "properties"} == \
        {k: v for k, v in written.items() if k != "properties"}, where
    for name, schema in written.get("properties", {}).items():
        assert name in generated["properties"], f"{where}.{name} is no longer generated"
        if "properties" in schema:
            _compare(generated["properties"][name], schema, f"{where}.{name}")
        else:
            assert generated["properties"][name] == schema, f"{where}.{name}"


@pytest.mark.parametrize("name", sorted(HAND_WRITTEN))
def test_each_component_is_the_hand_written_one_field_by_field(name):
    _compare(HOUSEHOLD_SCHEMAS[name], HAND_WRITTEN[name], name)


def test_the_generated_components_are_those_of_the_document():
    assert set(HOUSEHOLD_SCHEMAS) == {*HAND_WRITTEN, "Money", "IncomeItem"}
    assert HOUSEHOLD_SCHEMAS == schemas.generated_household_schemas()


@pytest.mark.parametrize("name, cls", [(n, c) for n, (c, _) in schemas._COMPONENTS.items()])
def test_every_field_of_the_model_is_in_the_schema(name, cls):
    assert list(HOUSEHOLD_SCHEMAS[name]["properties"]) == [f.name for f in dataclasses.fields(cls)]


def _validator(component: dict[str, Any]):
    return jsonschema_rs.Draft202012Validator(
        {**component, "components": {"schemas": HOUSEHOLD_SCHEMAS}}, validate_formats=True)


def test_a_new_field_needs_only_its_line_on_the_dataclass():
    """A made-up fact: its choices, bounds and description reach the schema from the metadata."""

    @dataclasses.dataclass(frozen=True)
    class Probe:
        marital_status: str | None = field(default=None, metadata={
            "choices": ("single", "married"), "description": "As registered."})
        children: int | None = field(default=None, metadata={"min": 0, "max": 20})
        loss: Decimal | None = field(default=None, metadata={"signed": True})
        visits: tuple[str, ...] = field(default=(), metadata={"choices": ("home", "office")})
        pregnant: bool = False

    schema = schemas._object(Probe)
    assert schema["properties"]["marital_status"] == {
        "type": ["string", "null"], "enum": ["single", "married", None], "description": "As registered."}
    assert schema["properties"]["children"] == {"type": ["integer", "null"], "minimum": 0, "maximum": 20}
    assert schema["properties"]["pregnant"]["description"].endswith("null or absent means false.")
    check = _validator(schema)
    assert check.is_valid({"marital_status": "married", "children": 2, "loss": "-3.50", "visits": ["home"]})
    for bad in ({"marital_status": "engaged"}, {"children": 21}, {"visits": ["pub"]}, {"pregnant": "yes"},
                {"loss": "1.234"}, {"other": 1}):
        assert not check.is_valid(bad), bad
    assert mf.field_problems(Probe(marital_status="engaged", children=21, visits=("pub",))) == [
        ("marital_status", "unknown_choice"), ("children", "out_of_range"), ("visits", "unknown_choice")]


def test_a_field_the_walk_cannot_read_is_refused_at_once():
    @dataclasses.dataclass(frozen=True)
    class Odd:
        weights: list[float] = field(default_factory=list)

    with pytest.raises(TypeError, match="Odd.weights"):
        mf.specs(Odd)
