"""Schemathesis fuzzes every operation of the OpenAPI document against the app itself.

The operations come from the document the app serves (/api/openapi.json); a test checks that
the set fuzzed is exactly the set documented, so a newly registered path is fuzzed too.

Valid requests generated from the schemas (and, in a second pass, requests that break
them) must never get a server error, and every answer must match the document: a status
code it lists, its content type and its response schema. Most generated households break
a rule no schema can state (exactly one applicant, no date after the screening date,
amounts to the fen), so a third pass repairs those first and fuzzes the screening itself.
"""
from __future__ import annotations

import copy
import shutil
from decimal import Decimal
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from portal.domain.offices import load_offices
from portal.extensions import db
from tests.conftest import make_app

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Answers with a routing list, in the current pass (the jurisdiction facts are fuzzed too).
ROUTED: list[tuple[str, ...]] = []
EXAMPLES: dict[Any, int] = {GenerationMode.POSITIVE: 60, GenerationMode.NEGATIVE: 30, "plausible": 100}


@pytest.fixture
def live_app(sqlite_template, tmp_path):
    # Not the usual `app` fixture: that one keeps an app context (and its `g`) open across
    # requests, which a real server never does.
    path = tmp_path / "portal.sqlite3"
    shutil.copy(sqlite_template, path)
    app = make_app(f"sqlite:///{path}", tmp_path)
    yield app
    with app.app_context():
        db.engine.dispose()


ON = "2025-09-01"
OFFICES = {office.code: office.district_code for office in load_offices()}


def _to_fen(value: Any) -> Any:
    if isinstance(value, float):
        return format(Decimal(repr(value)).quantize(Decimal("0.01")), "f")
    if isinstance(value, dict):
        return {k: _to_fen(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_to_fen(v) for v in value]
    return value


def _person(person: Any, index: int | None) -> None:
    """``index``: the member's position (one applicant, first; one spouse at most), or
    None for a supporter."""
    if not isinstance(person, dict):
        return
    if index == 0:
        person["relation"] = "self"
    elif index is not None and person.get("relation") in ("self", "spouse"):
        person["relation"] = "other"
    if person.get("age") is not None or (person.get("birth_date") or "") > ON:
        person.pop("birth_date", None)


def _place(place: Any) -> None:
    """An office of the district named (the schema lists both, not which goes with which)."""
    if isinstance(place, dict) and place.get("office_code"):
        place["district_code"] = OFFICES[place["office_code"]]


def _jurisdiction(facts: Any) -> None:
    if not isinstance(facts, dict):
        return
    for name in ("residence", "emergency_place", "registration"):
        _place(facts.get(name))
    registration = facts.get("registration")
    if isinstance(registration, dict):
        if registration.get("in_shenzhen"):
            registration.pop("region_code", None)
        else:
            registration.pop("district_code", None), registration.pop("office_code", None)
            code = registration.get("region_code")
            if not isinstance(code, str) or code.startswith("4403"):
                registration["region_code"] = "430000"
    permit = facts.get("residence_permit")
    if isinstance(permit, dict):
        if permit.get("held") is False:
            facts["residence_permit"] = {"held": False}
        elif permit.get("issued_on") and permit.get("expires_on") and permit["expires_on"] < permit["issued_on"]:
            permit["issued_on"], permit["expires_on"] = permit["expires_on"], permit["issued_on"]


def plausible(case):
    """The generated household, changed just enough to pass the rules schemas cannot state."""
    body = case.body
    if isinstance(body, dict) and isinstance(body.get("members"), list):
        body = _to_fen(body)
        body["on"] = ON
        for i, member in enumerate(body["members"]):
            _person(member, i)
        for supporter in body.get("supporters") or []:
            _person(supporter, None)
        _jurisdiction(body.get("jurisdiction"))
        circumstances = body.get("circumstances")
        if isinstance(circumstances, dict) and isinstance(circumstances.get("emergency"), dict):
            circumstances["has_emergency"] = True
            if (circumstances["emergency"].get("date") or "") > ON:
                circumstances["emergency"]["date"] = ON
        case.body = body
    return case


def _fuzz(operation, mode: GenerationMode | str) -> list[int]:
    statuses: list[int] = []
    if mode == "plausible":
        strategy = operation.as_strategy(generation_mode=GenerationMode.POSITIVE).map(plausible)
    else:
        strategy = operation.as_strategy(generation_mode=mode)

    @settings(max_examples=EXAMPLES[mode], deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def run(case):
        response = case.call_and_validate(checks=CHECKS)
        statuses.append(response.status_code)
        if response.status_code == 200 and "routing" in (response.json() or {}):
            ROUTED.append(tuple(entry["status"] for entry in response.json()["routing"]))

    run()
    return statuses


_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def _document(app) -> dict:
    response = app.test_client().get("/api/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def documented_operations(app) -> set[tuple[str, str]]:
    """(METHOD, path) of every operation in the document the app serves, read as JSON."""
    return {(method.upper(), path) for path, item in _document(app)["paths"].items() for method in item
            if method in _METHODS}


def fuzzed_operations(app) -> list:
    """The operations schemathesis will fuzz; an operation it cannot load fails here.

    Loaded from the served document as a dict, not with ``from_wsgi``: given the document's
    address, schemathesis silently leaves out the operation that serves the document itself."""
    schema = schemathesis.openapi.from_dict(_document(app))
    schema.app = app
    return [result.ok() for result in schema.get_all_operations()]


def test_every_operation_in_the_document_is_fuzzed(live_app):
    documented = documented_operations(live_app)
    fuzzed = {(op.method.upper(), op.path) for op in fuzzed_operations(live_app)}
    assert ("POST", "/api/v1/screenings") in documented and ("GET", "/api/v1/applications/{reference}/status") in documented
    assert fuzzed == documented, f"not fuzzed: {sorted(documented - fuzzed)}; unknown: {sorted(fuzzed - documented)}"


@pytest.mark.parametrize("mode", list(EXAMPLES), ids=str)
def test_api_survives_fuzzing_and_keeps_to_its_document(live_app, mode):
    operations = fuzzed_operations(live_app)
    # Every pass covers the whole document, whatever paths are added to it later.
    assert {(op.method.upper(), op.path) for op in operations} == documented_operations(live_app)
    failures, screened = [], []
    ROUTED.clear()
    for operation in operations:
        if mode == GenerationMode.NEGATIVE and not list(operation.iter_parameters()) and not len(operation.body):
            # Nothing to break (the document's own address takes no input): the valid passes cover it.
            continue
        try:
            statuses = _fuzz(operation, mode)
        except Exception as failure:  # noqa: BLE001  (collected, so every operation is fuzzed)
            failures.append(f"{operation.label}: {failure}")
            continue
        if operation.label == "POST /api/v1/screenings":
            screened = statuses
    assert failures == [], "\n\n".join(failures)
    if mode == "plausible":
        # The repairs work: most households get screened, not refused.
        assert screened.count(200) > len(screened) / 2, sorted(set(screened))


def test_routing_survives_fuzzing_and_keeps_to_its_document(live_app):
    """The optional ``jurisdiction`` object is generated in few of the cases above; here the
    screening is fuzzed with it made required (the same schemas otherwise), so every case
    routes, and every answer must still match the document."""
    document = copy.deepcopy(_document(live_app))
    request = document["components"]["schemas"]["ScreeningRequest"]
    request["required"] = [*request["required"], "jurisdiction"]
    request["properties"]["jurisdiction"] = {"$ref": "#/components/schemas/Jurisdiction"}
    schema = schemathesis.openapi.from_dict(document)
    schema.app = live_app
    [operation] = [result.ok() for result in schema.get_all_operations()
                   if result.ok().label == "POST /api/v1/screenings"]
    ROUTED.clear()
    statuses = _fuzz(operation, "plausible")
    assert statuses.count(200) > len(statuses) / 2, sorted(set(statuses))
    assert len(ROUTED) == statuses.count(200)
    outcomes = {status for answer in ROUTED for status in answer}
    assert outcomes == {"routed", "referred", "cannot_route"}, outcomes
