"""The JSON API: POST /api/v1/screenings, its errors, and the OpenAPI document."""
from __future__ import annotations

import copy
import json

import jsonschema_rs
import pytest
from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR

from portal.api import openapi
from portal.api.paths import load_example
from portal.domain.verdicts import ASSISTANCE_TYPES

URL = "/api/v1/screenings"
ONE = {"on": "2025-09-01", "members": [{"relation": "self", "age": 70, "income": []}]}


def post(client, body, **headers):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    headers.setdefault("Content-Type", "application/json")
    return client.post(URL, data=data, headers=headers)


def validator(doc: dict, name: str):
    return jsonschema_rs.Draft202012Validator(
        {"$ref": f"#/components/schemas/{name}", "components": doc["components"]}, validate_formats=True)


def assert_valid(doc: dict, name: str, instance) -> None:
    problems = [f"{e.instance_path}: {e.message}" for e in validator(doc, name).iter_errors(instance)]
    assert problems == [], problems[:5]


@pytest.fixture
def doc(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    return response.get_json()


def test_example_request_gives_the_documented_answer(client):
    response = post(client, load_example("screening_request.json"), **{"Accept-Language": "en"})
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "en"
    assert "Accept-Language" in response.headers["Vary"]
    # If this fails after a policy or text change: python -m portal.api.examples
    assert response.get_json() == load_example("screening_response.json")


def test_screening_answers_every_type_with_reasons_texts_and_parameters(client, doc):
    body = post(client, load_example("screening_request.json"), **{"Accept-Language": "en"}).get_json()
    assert [v["assistance"] for v in body["verdicts"]] == list(ASSISTANCE_TYPES)
    dibao = body["verdicts"][0]
    assert (dibao["verdict"], dibao["amount"], dibao["label"]) == ("likely", "3540", "Minimum living allowance")
    assert dibao["verdict_label"] == "Likely"
    assert any(r["code"] == "income_below_standard" and r["status"] == "met" and r["article"]
               and "300 yuan" in r["text"] for r in dibao["reasons"])
    standard = next(p for p in body["parameters"] if p["key"] == "dibao_standard")
    assert standard == {**standard, "value": 1480, "effective_from": "2025-07-01", "example": True}
    assert standard["source"] and "dibao_standard" in dibao["parameters"]
    assert body["estimate_only"] is True and body["uses_example_values"] is True
    assert_valid(doc, "Screening", body)


@pytest.mark.parametrize("language, text", [
    ("zh-CN", "3,540元"), ("zh-TW", "3,540元"), ("en", "3,540 yuan"),
])
def test_texts_follow_accept_language(client, language, text):
    body = post(client, load_example("screening_request.json"), **{"Accept-Language": language}).get_json()
    estimate = next(r for r in body["verdicts"][0]["reasons"] if r["code"] == "amount_estimate")
    assert text in estimate["text"]


def test_on_defaults_to_today_and_old_dates_lack_policy(client, doc):
    today = post(client, {"members": [{"relation": "self", "age": 30, "income": []}]})
    assert today.status_code == 200
    body = post(client, {"on": "2001-01-01", "members": [{"relation": "self", "age": 30, "income": []}]}).get_json()
    dibao = body["verdicts"][0]
    assert dibao["verdict"] == "not_assessable" and "policy.dibao_standard" in dibao["missing"]
    assert_valid(doc, "Screening", body)


def test_invalid_values_get_422_naming_every_field(client, doc):
    body = {"members": [{"relation": "self", "age": 200},
                        {"relation": "cousin", "birth_date": "1990-13-01"},
                        {"relation": "son", "age": 3, "income": [{"category": "wages", "amount": "1.234"}]}],
            "assets": {"deposits": -5, "colour": "red"}}
    response = post(client, body, **{"Accept-Language": "en"})
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert {(e["field"], e["code"]) for e in errors} == {
        ("members[0].age", "out_of_range"), ("members[1].birth_date", "not_a_date"),
        ("members[1].relation", "unknown_choice"), ("members[2].income[0].amount", "too_precise"),
        ("assets.deposits", "negative"), ("assets.colour", "unknown_field"),
    }
    assert all(e["message"] for e in errors)
    assert_valid(doc, "Errors", response.get_json())


@pytest.mark.parametrize("body, field, code", [
    ({"members": []}, "members", "required"),
    ({"members": [{"relation": "spouse"}]}, "members", "no_applicant"),
    ({"members": [{"relation": "self"}], "on": "tomorrow"}, "on", "not_a_date"),
    ({"members": [{"relation": "self"}], "on": "1999-12-31"}, "on", "out_of_range"),
    ({"members": [{"relation": "self"}], "on": 20250101}, "on", "not_a_date"),
    ({"members": [{"relation": "self", "birth_date": "2025-09-02"}], "on": "2025-09-01"},
     "members[0].birth_date", "future_date"),
    ({"members": [{"relation": "self"}] * 21}, "members", "too_many"),
    ({"members": [{"relation": "self", "age": True}]}, "members[0].age", "not_an_integer"),
    ({"members": [{"relation": "self", "age": 10 ** 40}]}, "members[0].age", "out_of_range"),
    ({"members": [{"relation": "self", "income": [{"category": "wages", "amount": "NaN"}]}]},
     "members[0].income[0].amount", "not_a_number"),
    ({"members": [{"relation": "self"}], "circumstances": {"emergency": {"kind": "fire", "place": "x" * 201}}},
     "circumstances.emergency.place", "too_long"),
    ([1, 2], "", "not_an_object"),
])
def test_each_bad_value_is_named(client, body, field, code):
    response = post(client, body)
    assert response.status_code == 422
    assert (field, code) in {(e["field"], e["code"]) for e in response.get_json()["errors"]}


@pytest.mark.parametrize("data, content_type, code", [
    ("{", "application/json", "invalid_json"),
    (b"\xff\xfe\x00", "application/json", "invalid_json"),
    ('{"members": []}', "text/plain", "not_json"),
    ("members=1", "application/x-www-form-urlencoded", "not_json"),
])
def test_malformed_bodies_get_400(client, data, content_type, code):
    response = client.post(URL, data=data, headers={"Content-Type": content_type})
    assert response.status_code == 400
    [error] = response.get_json()["errors"]
    assert (error["field"], error["code"]) == ("", code) and error["message"]


def test_nesting_within_the_size_limit_is_a_400_not_a_crash(client):
    response = client.post(URL, data="[" * 60_000, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["code"] == "invalid_json"


def test_oversized_body_gets_413_json(client):
    response = post(client, {"members": [{"relation": "self"}], "pad": "x" * 70_000})
    assert response.status_code == 413
    assert response.get_json()["errors"][0]["code"] == "too_large"


def test_unknown_addresses_and_methods_answer_json_under_api_only(client):
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404 and missing.get_json()["errors"][0]["code"] == "not_found"
    wrong = client.get(URL)
    assert wrong.status_code == 405 and "POST" in wrong.headers["Allow"]
    assert wrong.get_json()["errors"][0]["code"] == "method_not_allowed"
    page = client.get("/no-such-page")
    assert page.status_code == 404 and page.mimetype == "text/html"


@pytest.mark.parametrize("language, text", [
    ("en", "This is outside the allowed range."), ("zh-CN", "超出允许的范围。"), ("zh-TW", "超出允許的範圍。"),
])
def test_error_messages_in_three_languages(client, language, text):
    response = post(client, {"members": [{"relation": "self", "age": -1}]}, **{"Accept-Language": language})
    assert response.get_json()["errors"][0]["message"] == text


def test_no_csrf_token_is_needed_and_nothing_is_stored(client, app):
    from portal.extensions import db
    from portal.models import PrecheckSession

    assert app.config.get("WTF_CSRF_ENABLED", True)
    assert post(client, ONE).status_code == 200
    assert db.session.scalar(db.select(db.func.count()).select_from(PrecheckSession)) == 0


def test_openapi_document_is_valid_openapi_31(doc):
    assert doc["openapi"] == "3.1.0"
    OPENAPI_31_VALIDATOR.validate(doc)
    assert "/api/v1/screenings" in doc["paths"]
    responses = doc["paths"]["/api/v1/screenings"]["post"]["responses"]
    assert {"200", "400", "413", "422"} <= set(responses)


def test_openapi_examples_validate_against_their_schemas(doc):
    operation = doc["paths"]["/api/v1/screenings"]["post"]
    request = operation["requestBody"]["content"]["application/json"]["examples"]["family_of_three"]["value"]
    assert_valid(doc, "ScreeningRequest", request)
    answer = operation["responses"]["200"]["content"]["application/json"]["examples"]["family_of_three"]["value"]
    assert_valid(doc, "Screening", answer)
    for _name, response in doc["components"]["responses"].items():
        assert_valid(doc, "Errors", response["content"]["application/json"]["example"])
    for name, schema in doc["components"]["schemas"].items():
        for example in schema.get("examples", []):
            assert_valid(doc, name, example)


def test_request_schema_refuses_unknown_keys_as_the_api_does(client, doc):
    request = copy.deepcopy(load_example("screening_request.json"))
    request["members"][0]["nickname"] = "Ah Fu"
    assert not validator(doc, "ScreeningRequest").is_valid(request)
    assert post(client, request).status_code == 422


def test_registry_merges_methods_and_refuses_conflicting_schemas():
    saved_paths, saved_schemas = dict(openapi._PATHS), dict(openapi._SCHEMAS)
    try:
        openapi.register("/api/v1/test", {"get": {"responses": {"200": {"description": "ok"}}}}, {"T": {"type": "string"}})
        openapi.register("/api/v1/test", {"delete": {"responses": {"204": {"description": "gone"}}}}, {"T": {"type": "string"}})
        assert set(openapi.document()["paths"]["/api/v1/test"]) == {"get", "delete"}
        with pytest.raises(ValueError):
            openapi.register("/api/v1/test", {}, {"T": {"type": "integer"}})
        with pytest.raises(ValueError):
            openapi.register("api/v1/no-slash", {})
        copy_of = openapi.document()
        copy_of["paths"].clear()
        assert openapi.document()["paths"]
    finally:
        openapi._PATHS.clear(), openapi._PATHS.update(saved_paths)
        openapi._SCHEMAS.clear(), openapi._SCHEMAS.update(saved_schemas)
