"""Routing in the screening API: the optional ``jurisdiction`` object of a screening request and
the ``routing`` list of its answer (schemas, reading, answer), one entry per assistance request.

The rules are the journey's: ``portal.domain.jurisdiction.route`` picks office, authority and
basis exactly as a submitted application is routed (``portal.apply.places.jurisdiction`` builds the same
``ApplicationFacts`` from the journey's answers), and the time limits are the workflow tables'
(``portal.domain.time_limits``). This module only reads the facts, checks them (422 with field
paths, like the rest of the API) and words the outcome in the request's language.

Each entry's ``status``:
- ``routed``: a Shenzhen street office receives it (office, authority, basis with its article,
  time limits stage by stage);
- ``referred``: Shenzhen cannot receive it; ``refer_to`` says where to go instead;
- ``cannot_route``: a fact the rule needs is missing (``missing`` names it) or no policy value
  is in force on the screening date.
A request without ``jurisdiction`` is answered as before: no ``routing`` key at all.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext as _

from portal.apply.places import districts as places
from portal.apply.places.jurisdiction import refer_text, why_not
from portal.domain import jurisdiction as J
from portal.domain.household import Household
from portal.domain.offices import DAPENG, Office, districts, load_offices, office_index
from portal.domain.policy import SHENZHEN, Param, Policy, PolicyError
from portal.domain.time_limits import TimeLimits, statutory_limits
from portal.domain.verdicts import ASSISTANCE_TYPES, jsonable
from portal.domain.workflow_types import Anchor, Unit
from portal.eligibility_texts import assistance_label
from portal.filters import place_name
from portal.vocabulary import (
    authority_in_sentence,
    authority_name,
    basis_in_sentence,
    basis_name,
)

FIELD = "jurisdiction"
ROUTED, REFERRED, CANNOT_ROUTE = "routed", "referred", "cannot_route"
STATUSES = (ROUTED, REFERRED, CANNOT_ROUTE)
MAX_PLACE_TEXT = 200
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_REGION = re.compile(r"^[0-9]{6}$")
# Reasons that say why this office (the basis) and who decides (the authority).
_BASIS_REASONS = ("hukou_office", "permit_holder_at_residence", "incident_location", "open_to_every_resident")
_AUTHORITY_REASONS = ("decided_by", "decision_delegated_to_street", "stranded_person")


def _offices() -> list[Office]:
    return load_offices()


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _null(schema: dict[str, Any]) -> dict[str, Any]:
    return {"oneOf": [schema, {"type": "null"}]}


def _enum(values: list[str] | tuple[str, ...], description: str = "") -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "enum": list(values)}
    if description:
        schema["description"] = description
    return schema


def _codes() -> tuple[list[str], list[str]]:
    offices = _offices()
    return list(districts(offices)), [o.code for o in offices]


def request_schemas() -> dict[str, dict[str, Any]]:
    district_codes, office_codes = _codes()
    district = _null(_enum(district_codes, f"District code (GB/T 2260; {DAPENG} for 大鹏新区)."))
    office = _null(_enum(office_codes, "Street office code (8 characters: the district code and a number)."))
    day = {"type": ["string", "null"], "format": "date"}
    return {
        "Place": {
            "type": "object", "additionalProperties": False,
            "description": "A place in Shenzhen: the street office, or only the district when the office is "
                           "not known (then requests routed by that place cannot be routed: `missing` says so). "
                           "The office must be one of the district's.",
            "properties": {"district_code": district, "office_code": office},
        },
        "Registration": {
            "type": "object", "additionalProperties": False, "required": ["in_shenzhen"],
            "description": "The applicant's household registration (户籍). In Shenzhen: district and street "
                           "office; elsewhere: the GB/T 2260 code of the place (a province code will do).",
            "properties": {
                "in_shenzhen": {"type": "boolean"},
                "district_code": district, "office_code": office,
                "region_code": {"type": ["string", "null"], "pattern": "^[0-9]{6}$",
                                "description": "Required when in_shenzhen is false; not a Shenzhen code (4403xx)."},
                "place": {"type": ["string", "null"], "maxLength": MAX_PLACE_TEXT,
                          "description": "The place of registration in words, as the resident says it."},
            },
        },
        "ResidencePermit": {
            "type": "object", "additionalProperties": False, "required": ["held"],
            "description": "Whether the applicant holds a residence permit (居住证), where it was issued and "
                           "its validity. held null: not answered.",
            "properties": {
                "held": {"type": ["boolean", "null"]},
                "city_code": {"type": ["string", "null"], "pattern": "^[0-9]{6}$",
                              "description": "Issuing city (GB/T 2260); default 440300, Shenzhen."},
                "district_code": district,
                "issued_on": day, "expires_on": {**day, "description": "Not before issued_on."},
            },
        },
        "Jurisdiction": {
            "type": "object", "additionalProperties": False,
            "description": "The facts that decide where each request goes. With this object the answer has a "
                           "`routing` list; every fact may be left out, and a request that needs it is then "
                           "answered `cannot_route` with the fact in `missing`. Facts that cannot be true "
                           "are answered 422 at their path, e.g. `jurisdiction.residence.office_code` with "
                           "`office_not_in_district`; also `shenzhen_region` (a Shenzhen code given as a "
                           "registration elsewhere) and `before_issued_on` (a permit expiring before its issue).",
            "properties": {
                "requests": {"type": ["array", "null"], "items": _enum(ASSISTANCE_TYPES),
                             "maxItems": len(ASSISTANCE_TYPES),
                             "description": "The assistance types to route, in this order; null or absent: every type."},
                "registration": _null(_ref("Registration")),
                "residence_permit": _null(_ref("ResidencePermit")),
                "residence": _null({**_ref("Place"), "description": "Where the household lives in Shenzhen."}),
                "emergency_place": _null({**_ref("Place"), "description": "Where an emergency or disaster happened."}),
            },
        },
    }


_CODE_TEXT = {"type": "object", "additionalProperties": False, "required": ["code", "name", "article"],
              "properties": {"code": {"type": "string"}, "name": {"type": "string"},
                             "article": {"type": "string", "description": "The rule it rests on."}}}
_NOTE = {"type": "object", "additionalProperties": False, "required": ["code", "article", "params"],
         "properties": {"code": {"type": "string"}, "article": {"type": "string"}, "params": {"type": "object"}}}
_DAYS = {"type": ["integer", "null"], "minimum": 0,
         "description": "null: the policy figure is not in force on the screening date (see missing)."}

RESULT_SCHEMAS: dict[str, dict[str, Any]] = {
    "StageLimit": {
        "type": "object", "additionalProperties": False,
        "required": ["states", "step", "days", "unit", "counted_from", "basis"],
        "properties": {
            "states": {"type": "array", "items": {"type": "string"}, "minItems": 1,
                       "description": "Workflow states the limit runs in (one row of the workflow's table)."},
            "step": {"type": "string", "description": "The step a resident sees, e.g. acceptance, investigation."},
            "days": _DAYS,
            "unit": _enum([str(u) for u in Unit]),
            "counted_from": _enum([str(a) for a in Anchor],
                                  "entered: the day the stage began; accepted: the day the application was accepted."),
            "basis": {"type": "string", "description": "Article or design note of the limit."},
        },
    },
    "DecisionLimit": {
        "type": "object", "additionalProperties": False,
        "required": ["working_days", "calendar_days", "variant", "per_objection_working_days",
                     "per_objection_calendar_days", "basis"],
        "description": "From acceptance to the decision.",
        "properties": {
            "working_days": _DAYS,
            "calendar_days": {"type": "integer", "minimum": 0, "description": "A public notice within the limit."},
            "variant": _enum(["normal", "delegated", "longer"],
                             "longer: living away from the registration or applying with a residence permit "
                             "(S-DD 四(一)); delegated: the street office decides."),
            "per_objection_working_days": {"type": "integer", "minimum": 0},
            "per_objection_calendar_days": {"type": "integer", "minimum": 0},
            "basis": {"type": "string"},
        },
    },
    "TimeLimits": {
        "type": "object", "additionalProperties": False, "required": ["stages", "decision", "text"],
        "description": "The statutory time limits, from the same tables the office's workflow counts with.",
        "properties": {
            "stages": {"type": "array", "items": _ref("StageLimit")},
            "decision": _null(_ref("DecisionLimit")),
            "text": {"type": "string", "description": "The limit in words."},
        },
    },
    "Routing": {
        "type": "object", "additionalProperties": False,
        "required": ["assistance", "label", "status", "office", "authority", "basis", "reasons", "warnings",
                     "refer_to", "missing", "text", "time_limits", "parameters"],
        "properties": {
            "assistance": _enum(ASSISTANCE_TYPES),
            "label": {"type": "string"},
            "status": _enum(STATUSES, "routed: a Shenzhen street office receives it; referred: apply elsewhere "
                                      "(refer_to); cannot_route: see missing."),
            "office": _null({
                "type": "object", "additionalProperties": False,
                "required": ["code", "name", "district_code", "district_name"],
                "properties": {"code": {"type": "string"}, "name": {"type": "string"},
                               "district_code": {"type": "string"}, "district_name": {"type": "string"}},
            }),
            "authority": _null({**_CODE_TEXT, "description": "Who decides the request."}),
            "basis": _null({**_CODE_TEXT, "description": "Why this office: hukou, residence_permit, "
                                                         "incident_location or residence."}),
            "reasons": {"type": "array", "items": _NOTE, "description": "Every step of the rule, with its article."},
            "warnings": {"type": "array", "items": _NOTE},
            "refer_to": _null({
                "type": "object", "additionalProperties": False, "required": ["code", "region_code", "place", "text"],
                "properties": {"code": _enum(J.REFERRALS), "region_code": {"type": ["string", "null"]},
                               "place": {"type": "string"}, "text": {"type": "string"}},
            }),
            "missing": {"type": "array", "items": {"type": "string"},
                        "description": "Facts (jurisdiction.registration.office_code) or policy keys "
                                       "(policy.workflow.acceptance_decision_wd) the answer lacks."},
            "text": {"type": "string", "description": "The outcome in words."},
            "time_limits": _null(_ref("TimeLimits")),
            "parameters": {"type": "array", "items": {"type": "string"},
                           "description": "Keys of the policy figures this routing read (see the top-level "
                                          "parameters: some are examples awaiting confirmation)."},
        },
    },
}


# --- Reading the request ---------------------------------------------------------------------


@dataclass
class Facts:
    """What the request said; None where it said nothing. ``missing`` collects partial facts."""

    requests: list[str]
    registration: J.Hukou | None = None
    residence: J.Address | None = None
    incident: J.Address | None = None
    permit: J.ResidencePermit | None = None
    permit_held: bool | None = None
    missing: dict[str, str] = field(default_factory=dict)  # what -> path


class _Reader:
    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []
        self.index = office_index(_offices())
        self.districts = set(districts(list(self.index.values())))

    def add(self, path: str, code: str) -> None:
        self.problems.append((path, code))

    def obj(self, value: Any, path: str, keys: tuple[str, ...]) -> dict[str, Any] | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            self.add(path, "not_an_object")
            return None
        for key in value:
            if key not in keys:
                self.add(f"{path}.{key}", "unknown_field")
        return value

    def choice(self, data: dict[str, Any], key: str, path: str, allowed: set[str]) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or value not in allowed:
            self.add(f"{path}.{key}", "unknown_choice")
            return None
        return value

    def place(self, value: Any, path: str) -> tuple[str | None, str | None]:
        """(district, office) of a place; the office must be one of the district's."""
        data = self.obj(value, path, ("district_code", "office_code"))
        if data is None:
            return None, None
        district = self.choice(data, "district_code", path, self.districts)
        office = self.choice(data, "office_code", path, set(self.index))
        if office and district and self.index[office].district_code != district:
            self.add(f"{path}.office_code", "office_not_in_district")
            return None, None
        return (self.index[office].district_code if office else district), office

    def boolean(self, data: dict[str, Any], key: str, path: str) -> bool | None:
        value = data.get(key)
        if value is None or isinstance(value, bool):
            return value
        self.add(f"{path}.{key}", "not_a_boolean")
        return None

    def text(self, data: dict[str, Any], key: str, path: str, pattern: re.Pattern[str] | None = None,
             most: int = MAX_PLACE_TEXT) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.add(f"{path}.{key}", "invalid")
        elif len(value) > most:
            self.add(f"{path}.{key}", "too_long")
        elif pattern is not None and not pattern.match(value):
            self.add(f"{path}.{key}", "invalid")
        else:
            return value
        return None

    def day(self, data: dict[str, Any], key: str, path: str) -> date | None:
        value = data.get(key)
        if value is None:
            return None
        try:
            if isinstance(value, str) and _DATE.match(value):
                return date.fromisoformat(value)
        except ValueError:
            pass
        self.add(f"{path}.{key}", "not_a_date")
        return None


def _registration(r: _Reader, value: Any, facts: Facts) -> None:
    path = f"{FIELD}.registration"
    data = r.obj(value, path, ("in_shenzhen", "district_code", "office_code", "region_code", "place"))
    if data is None:
        return
    if "in_shenzhen" not in data or data["in_shenzhen"] is None:
        r.add(f"{path}.in_shenzhen", "required")
        return
    before = len(r.problems)
    in_shenzhen = r.boolean(data, "in_shenzhen", path)
    place = r.text(data, "place", path) or ""
    if in_shenzhen:
        if data.get("region_code") is not None:
            r.add(f"{path}.region_code", "not_allowed")
        district, office = r.place({k: data.get(k) for k in ("district_code", "office_code")}, path)
        if office and district:
            facts.registration = J.Hukou.shenzhen(district, office)
        elif len(r.problems) == before:
            facts.missing["registration"] = f"{path}.office_code"
    elif in_shenzhen is False:
        for key in ("district_code", "office_code"):
            if data.get(key) is not None:
                r.add(f"{path}.{key}", "not_allowed")
        region = r.text(data, "region_code", path, _REGION)
        if "region_code" not in data or data["region_code"] is None:
            r.add(f"{path}.region_code", "required")
        elif region is not None and region.startswith("4403"):
            r.add(f"{path}.region_code", "shenzhen_region")
        elif region is not None:
            facts.registration = J.Hukou.elsewhere(region, place)


def _address(r: _Reader, value: Any, name: str, facts: Facts) -> J.Address | None:
    path = f"{FIELD}.{name}"
    before = len(r.problems)
    district, office = r.place(value, path)
    if office and district:
        return J.Address(district, office)
    if district and len(r.problems) == before:
        facts.missing[name] = f"{path}.office_code"
    return None


def _permit(r: _Reader, value: Any, facts: Facts) -> None:
    path = f"{FIELD}.residence_permit"
    data = r.obj(value, path, ("held", "city_code", "district_code", "issued_on", "expires_on"))
    if data is None:
        return
    held = r.boolean(data, "held", path)
    city = r.text(data, "city_code", path, _REGION) or SHENZHEN
    district = r.choice(data, "district_code", path, r.districts)
    issued, expires = r.day(data, "issued_on", path), r.day(data, "expires_on", path)
    facts.permit_held = held
    if held is False:
        for key in ("city_code", "district_code", "issued_on", "expires_on"):
            if data.get(key) is not None:
                r.add(f"{path}.{key}", "not_allowed")
    if issued and expires and expires < issued:
        r.add(f"{path}.expires_on", "before_issued_on")
    elif held and issued and expires:
        facts.permit = J.ResidencePermit(city, issued, expires, district)
    elif held:
        facts.missing["residence_permit"] = f"{path}.{'issued_on' if issued is None else 'expires_on'}"


def read(value: Any) -> tuple[Facts | None, list[tuple[str, str]]]:
    """The jurisdiction facts of a request body's ``jurisdiction`` value and the problems found."""
    if value is None:
        return None, []
    r = _Reader()
    data = r.obj(value, FIELD, ("requests", "registration", "residence_permit", "residence", "emergency_place"))
    if data is None:
        return None, r.problems
    requests = list(ASSISTANCE_TYPES)
    raw = data.get("requests")
    if raw is not None:
        if not isinstance(raw, list):
            r.add(f"{FIELD}.requests", "not_a_list")
        elif len(raw) > len(ASSISTANCE_TYPES):
            r.add(f"{FIELD}.requests", "too_many")
        else:
            bad = [i for i, t in enumerate(raw) if not isinstance(t, str) or t not in ASSISTANCE_TYPES]
            for i in bad:
                r.add(f"{FIELD}.requests[{i}]", "unknown_choice")
            requests = list(dict.fromkeys(raw))
    facts = Facts(requests)
    _registration(r, data.get("registration"), facts)
    facts.residence = _address(r, data.get("residence"), "residence", facts)
    facts.incident = _address(r, data.get("emergency_place"), "emergency_place", facts)
    _permit(r, data.get("residence_permit"), facts)
    return (None if r.problems else facts), r.problems


# --- Routing and the answer ------------------------------------------------------------------


def _note(reason: J.Reason) -> dict[str, Any]:
    return {"code": reason.code, "article": reason.article, "params": reason.params_dict}


def _first(routing: J.Routing, codes: tuple[str, ...]) -> str:
    return next((r.article for r in routing.reasons if r.code in codes), "")


def _office(code: str | None) -> dict[str, str] | None:
    found = office_index(_offices()).get(code or "")
    if found is None:
        return None
    row = places.office(found.code)
    return {"code": found.code, "name": place_name(row) if row else found.name,
            "district_code": found.district_code,
            "district_name": place_name(row.district) if row else found.district_name}


def _limit_text(limits: TimeLimits, routing: J.Routing) -> str:
    """The confirmation's wording of the limit, with the figures in force on the screening date."""
    d = limits.decision
    if routing.type == "temp_emergency":
        return _("Help first: the street office can help the same day and completes the paperwork afterwards.")
    if d is not None and d.working_days is not None and d.calendar_days:
        return _("A decision within %(days)d working days of acceptance, plus a %(notice)d-day public notice.",
                 days=d.working_days, notice=d.calendar_days)
    if d is not None and d.working_days is not None:
        return _("A decision within %(days)d working days of acceptance.", days=d.working_days)
    acceptance = next((s.days for s in limits.stages if s.step == "acceptance"), None)
    if d is None and acceptance is not None:
        return _("Decided by %(authority)s under its own time limits; the street office passes it on after "
                 "accepting it within %(days)s working days.",
                 authority=authority_in_sentence(routing.authority, ""), days=acceptance)
    return ""


def _limits(limits: TimeLimits, routing: J.Routing) -> dict[str, Any]:
    d = limits.decision
    return {
        "stages": [{"states": list(s.states), "step": s.step, "days": s.days, "unit": s.unit,
                    "counted_from": s.counted_from, "basis": s.basis} for s in limits.stages],
        "decision": None if d is None else {
            "working_days": d.working_days, "calendar_days": d.calendar_days, "variant": d.variant,
            "per_objection_working_days": d.per_objection_working_days,
            "per_objection_calendar_days": d.per_objection_calendar_days, "basis": d.basis},
        "text": _limit_text(limits, routing),
    }


def _routed_text(routing: J.Routing, office: dict[str, str] | None) -> str:
    place = " ".join(office[k] for k in ("district_name", "name")) if office else ""
    return _("Apply at %(office)s, because of %(basis)s. Decided by %(authority)s.",
             office=place, basis=basis_in_sentence(routing.basis, ""),
             authority=authority_in_sentence(routing.authority, ""))


def _entry(type_: str) -> dict[str, Any]:
    return {"assistance": type_, "label": assistance_label(type_), "status": CANNOT_ROUTE, "office": None,
            "authority": None, "basis": None, "reasons": [], "warnings": [], "refer_to": None, "missing": [],
            "text": "", "time_limits": None}


def _cannot(type_: str, missing: list[str]) -> dict[str, Any]:
    entry = _entry(type_)
    entry["missing"] = missing
    if any(m.startswith("policy.") for m in missing):
        entry["text"] = _("This cannot be routed on this date: a policy figure it needs is not in force.")
    else:
        entry["text"] = _("This cannot be routed yet: give %(facts)s.", facts=", ".join(missing))
    return entry


def _describe(routing: J.Routing, facts: Facts, policy: Policy, on: date) -> dict[str, Any]:
    entry = _entry(routing.type)
    entry["reasons"] = [_note(r) for r in routing.reasons]
    entry["warnings"] = [_note(w) for w in routing.warnings]
    entry["authority"] = {"code": routing.authority, "name": authority_name(routing.authority),
                          "article": _first(routing, _AUTHORITY_REASONS)}
    if routing.receivable:
        office = _office(routing.office_code)
        limits = statutory_limits(routing.type, policy, on, longer=routing.uses_longer_time_limit,
                                  delegated=routing.type == "dibao" and routing.authority == J.STREET_OFFICE)
        entry.update(status=ROUTED, office=office, text=_routed_text(routing, office),
                     basis={"code": routing.basis, "name": basis_name(routing.basis),
                            "article": _first(routing, _BASIS_REASONS)},
                     time_limits=_limits(limits, routing), missing=list(limits.missing))
        return entry
    codes = {r.code: r for r in routing.reasons}
    unusable = codes.get("permit_unusable")
    if unusable is not None and unusable.params_dict.get("status") == "missing" and facts.permit_held is not False:
        # The rule needs the permit, and the request did not say (or gave no dates).
        return _cannot(routing.type, [facts.missing.get("residence_permit", f"{FIELD}.residence_permit")])
    if "no_residence_in_shenzhen" in codes and "residence" in facts.missing:
        return _cannot(routing.type, [facts.missing["residence"]])
    if "no_place_in_shenzhen" in codes:
        # Still an answer (apply where it happened), but a place in Shenzhen would route it here.
        entry["missing"] = [facts.missing.get(n, f"{FIELD}.{n}") for n in ("emergency_place", "residence")]
    refer = routing.refer_to
    assert refer is not None  # nosec B101: a routing that is not receivable always refers (jurisdiction.Routing)
    entry.update(status=REFERRED, text=" ".join(t for t in (why_not(routing), refer_text(refer)) if t),
                 refer_to={"code": refer.code, "region_code": refer.region_code, "place": refer.place,
                           "text": refer_text(refer)})
    return entry


_KEY = re.compile(r"'([^']+)'")


class _Recording(Policy):
    """The policy, noting each parameter read: the answer lists the figures it rests on."""

    def __init__(self, policy: Policy) -> None:
        super().__init__(policy.entries)
        self.read: dict[str, Param] = {}

    def param(self, key: str, on: date, region: str = SHENZHEN) -> Param:
        found = super().param(key, on, region)
        self.read.setdefault(key, found)
        return found


def route_requests(facts: Facts, household: Household, policy: Policy, on: date,
                   used: dict[str, Param]) -> list[dict[str, Any]]:
    """One entry per requested type, in the order asked (see the module docstring); the policy
    figures read are added to ``used``."""
    emergency = household.circumstances.emergency if household.circumstances else None
    found = J.ApplicationFacts(hukou=facts.registration, residence=facts.residence, permit=facts.permit,
                               incident=facts.incident, stranded=emergency is not None and emergency.kind == "stranded")
    answer: list[dict[str, Any]] = []
    for type_ in facts.requests:
        recording = _Recording(policy)
        try:
            [routing] = J.route(found, [type_], recording, on, _offices())
        except PolicyError as error:
            key = _KEY.search(str(error))
            entry = _cannot(type_, [f"policy.{key.group(1)}" if key else "policy"])
        except J.JurisdictionError:
            # Places were checked when the request was read: what is left is the registration.
            entry = _cannot(type_, [facts.missing.get("registration", f"{FIELD}.registration")])
        else:
            entry = _describe(routing, facts, recording, on)
        entry["parameters"] = sorted(recording.read)
        used.update(recording.read)
        answer.append(entry)
    return answer


def add_routing(document: dict[str, Any], facts: Facts, household: Household, policy: Policy, on: date) -> None:
    """Add ``routing`` to a screening's answer, and the policy figures it read to ``parameters``."""
    used: dict[str, Param] = {}
    document["routing"] = route_requests(facts, household, policy, on, used)
    listed = {p["key"] for p in document["parameters"]}
    document["parameters"] = sorted(document["parameters"] + [jsonable({
        "key": p.key, "region": p.region, "value": p.value, "unit": p.unit, "effective_from": p.effective_from,
        "source": p.source, "example": p.example, "note": p.note,
    }) for key, p in used.items() if key not in listed], key=lambda p: p["key"])
    document["uses_example_values"] = any(p["example"] for p in document["parameters"])


def with_routing(schemas: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The screening's component schemas with ``jurisdiction`` in the request, ``routing`` in the
    answer, and the schemas they use (a copy; the household's own schemas are left as they are)."""
    result = {name: dict(schema) for name, schema in schemas.items()}
    request, answer = dict(result["ScreeningRequest"]), dict(result["Screening"])
    request["properties"] = {**request["properties"], FIELD: _null(_ref("Jurisdiction"))}
    answer["properties"] = {**answer["properties"], "routing": {
        "type": "array", "items": _ref("Routing"), "maxItems": len(ASSISTANCE_TYPES),
        "description": "Only when the request has `jurisdiction`: one entry per request routed, in the order asked."}}
    result.update(ScreeningRequest=request, Screening=answer, **request_schemas(), **RESULT_SCHEMAS)
    return result
