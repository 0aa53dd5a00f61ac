"""Schemathesis fuzzes every operation of the OpenAPI document against the app itself.

Valid requests generated from the schemas (and, in a second pass, requests that break
them) must never get a server error, and every answer must match the document: a status
code it lists, its content type and its response schema. Most generated households break
a rule no schema can state (exactly one applicant, no date after the screening date,
amounts to the fen), so a third pass repairs those first and fuzzes the screening itself.
"""
from __future__ import annotations

import shutil
from decimal import Decimal
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance, response_schema_conformance, status_code_conformance,
)

from portal.extensions import db
from tests.conftest import make_app

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
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
        statuses.append(case.call_and_validate(checks=CHECKS).status_code)

    run()
    return statuses


@pytest.mark.parametrize("mode", list(EXAMPLES), ids=str)
def test_api_survives_fuzzing_and_keeps_to_its_document(live_app, mode):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", live_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    labels = {op.label for op in operations}
    assert "POST /api/v1/screenings" in labels
    failures, screened = [], []
    for operation in operations:
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
