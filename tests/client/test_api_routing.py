"""The screening API routes each request: office, authority, basis with its article and the
workflow's time limits, or why it cannot; the same rules as a submitted application."""
from __future__ import annotations

import copy
from datetime import date

import pytest

from portal.api.paths import load_example
from portal.domain.time_limits import statutory_limits
from portal.domain.verdicts import ASSISTANCE_TYPES
from portal.domain.workflow_tables import WORKFLOWS
from portal.domain.workflow_types import AssistanceType, State, TotalLimit
from portal.policy_figures.shipped import shipped_policy
from tests.client.test_api import assert_valid, post, validator

YUEHAI = {"district_code": "440305", "office_code": "44030506"}    # 南山区 粤海街道
YUANLING = {"district_code": "440304", "office_code": "44030401"}  # 福田区 园岭街道
HUAQIANGBEI = {"district_code": "440304", "office_code": "44030410"}
IN_NANSHAN = {"in_shenzhen": True, **YUEHAI}
IN_HUNAN = {"in_shenzhen": False, "region_code": "430000", "place": "长沙市"}
PERMIT = {"held": True, "district_code": "440304", "issued_on": "2023-03-01", "expires_on": "2027-02-28"}
ON = "2025-09-01"


@pytest.fixture
def doc(client):
    return client.get("/api/openapi.json").get_json()


def body(jurisdiction: dict | None = None, on: str = ON, **extra) -> dict:
    request = {"on": on, "members": [{"relation": "self", "age": 45, "income": []}], **extra}
    if jurisdiction is not None:
        request["jurisdiction"] = jurisdiction
    return request


def routing(client, jurisdiction: dict, language: str = "en", **extra) -> dict[str, dict]:
    response = post(client, body(jurisdiction, **extra), **{"Accept-Language": language})
    assert response.status_code == 200, response.get_json()
    return {entry["assistance"]: entry for entry in response.get_json()["routing"]}


def test_without_jurisdiction_the_answer_is_as_before(client, doc):
    answer = post(client, body()).get_json()
    assert "routing" not in answer
    assert post(client, {**body(), "jurisdiction": None}).get_json() == answer
    assert_valid(doc, "Screening", answer)


def test_the_routing_example_gives_the_documented_answer(client, doc):
    response = post(client, load_example("routing_request.json"), **{"Accept-Language": "en"})
    assert response.status_code == 200
    # If this fails after a policy or text change: python -m portal.api.examples
    assert response.get_json() == load_example("routing_response.json")
    operation = doc["paths"]["/api/v1/screenings"]["post"]
    requests = operation["requestBody"]["content"]["application/json"]["examples"]
    answers = operation["responses"]["200"]["content"]["application/json"]["examples"]
    assert set(requests) == set(answers) == {"family_of_three", "with_routing"}
    for name in requests:
        assert_valid(doc, "ScreeningRequest", requests[name]["value"])
        assert_valid(doc, "Screening", answers[name]["value"])
    assert requests["with_routing"]["value"] == load_example("routing_request.json")


def test_every_type_is_routed_in_order_when_requests_are_not_listed(client, doc):
    response = post(client, body({"registration": IN_NANSHAN, "residence": YUEHAI}))
    answer = response.get_json()
    assert [e["assistance"] for e in answer["routing"]] == list(ASSISTANCE_TYPES)
    assert all(e["status"] == "routed" for e in answer["routing"])
    assert_valid(doc, "Screening", answer)


def test_registration_and_residence_in_one_office_routes_there_with_the_tables_limits(client):
    dibao = routing(client, {"requests": ["dibao"], "registration": IN_NANSHAN, "residence": YUEHAI})["dibao"]
    assert dibao["status"] == "routed" and dibao["office"]["code"] == "44030506"
    assert dibao["office"]["name"] == "Yuehai Subdistrict" and dibao["office"]["district_name"] == "Nanshan District"
    assert dibao["basis"] == {"code": "hukou", "name": "Household registration", "article": "S-DB Art. 4"}
    assert dibao["authority"] == {"code": "civil_affairs_district", "name": "District civil affairs bureau",
                                  "article": "S-DB Art. 2"}
    total = WORKFLOWS[AssistanceType.DIBAO].total
    assert isinstance(total, TotalLimit)
    limits = dibao["time_limits"]
    assert limits["decision"]["working_days"] == total.normal == 30 and limits["decision"]["variant"] == "normal"
    assert "30 working days" in limits["text"]
    by_state = {s["states"][0]: s for s in limits["stages"]}
    table = WORKFLOWS[AssistanceType.DIBAO].limits
    assert set(by_state) == {str(s) for s in table}
    assert by_state["ACCEPTED"] == {"states": ["ACCEPTED"], "step": "investigation", "days": 3,
                                    "unit": "working_days", "counted_from": "entered",
                                    "basis": table[State.ACCEPTED].basis}
    assert by_state["PUBLICITY"]["unit"] == "calendar_days" and by_state["PUBLICITY"]["days"] == 7
    assert by_state["SUBMITTED"]["days"] == shipped_policy().value("workflow.acceptance_decision_wd", date(2025, 9, 1))


def test_living_away_from_the_registration_takes_the_longer_limit(client):
    found = routing(client, {"registration": IN_NANSHAN, "residence": YUANLING})
    dibao = found["dibao"]
    assert dibao["office"]["code"] == "44030506" and dibao["basis"]["code"] == "hukou"
    assert {"code": "separated_from_hukou", "article": "S-DD 四(一)",
            "params": {"residence_office_code": "44030401"}} in dibao["reasons"]
    assert dibao["time_limits"]["decision"] == {**dibao["time_limits"]["decision"], "working_days": 45,
                                                "variant": "longer"}
    # Types without a longer limit keep theirs; specific aid is decided elsewhere (no overall limit).
    assert found["tekun"]["time_limits"]["decision"]["working_days"] == 30
    assert found["tekun"]["time_limits"]["decision"]["calendar_days"] == 7
    assert found["medical"]["time_limits"]["decision"] is None
    assert found["medical"]["authority"]["code"] == "medical_security_bureau"


def test_a_permit_holder_registered_elsewhere_is_routed_by_the_dated_policy(client):
    facts = {"registration": IN_HUNAN, "residence_permit": PERMIT, "residence": YUANLING}
    before = routing(client, facts)
    assert before["medical"]["status"] == "routed" and before["medical"]["office"]["code"] == "44030401"
    assert before["medical"]["basis"]["code"] == "residence_permit"
    assert before["dibao"]["status"] == "referred" and before["dibao"]["office"] is None
    assert before["dibao"]["refer_to"]["code"] == "hukou_place" and before["dibao"]["refer_to"]["region_code"] == "430000"
    assert "Hunan" in before["dibao"]["refer_to"]["text"] and "长沙市" in before["dibao"]["text"]
    after = routing(client, facts, on="2026-02-02")  # 低保 opened to permit holders (dated policy entry)
    assert after["dibao"]["status"] == "routed" and after["dibao"]["basis"]["code"] == "residence_permit"
    assert after["dibao"]["time_limits"]["decision"]["working_days"] == 45  # 异地申办


def test_outside_shenzhen_without_a_permit_says_where_to_go(client):
    found = routing(client, {"registration": IN_HUNAN, "residence_permit": {"held": False}, "residence": YUANLING},
                    language="zh-CN")
    medical = found["medical"]
    assert medical["status"] == "referred" and medical["time_limits"] is None
    assert "湖南" in medical["refer_to"]["text"] and "居住证" in medical["text"]
    assert medical["missing"] == []


@pytest.mark.parametrize("facts, missing", [
    ({}, "jurisdiction.registration"),
    ({"registration": {"in_shenzhen": True, "district_code": "440305"}}, "jurisdiction.registration.office_code"),
])
def test_missing_registration_is_named_and_place_of_need_types_still_route(client, facts, missing):
    found = routing(client, {**facts, "emergency_place": HUAQIANGBEI, "residence": YUANLING})
    assert found["dibao"]["status"] == "cannot_route" and found["dibao"]["missing"] == [missing]
    assert missing in found["dibao"]["text"] and found["dibao"]["office"] is None
    emergency = found["temp_emergency"]
    assert emergency["status"] == "routed" and emergency["office"]["code"] == "44030410"
    assert emergency["basis"]["code"] == "incident_location"
    assert emergency["basis"]["article"] == "S-YJ item 14; S-DD 四(三)"
    assert emergency["time_limits"]["stages"][0]["days"] == 0  # help first, the same day


@pytest.mark.parametrize("permit, missing", [
    (None, "jurisdiction.residence_permit"),
    ({"held": None}, "jurisdiction.residence_permit"),
    ({"held": True}, "jurisdiction.residence_permit.issued_on"),
    ({"held": True, "issued_on": "2024-01-01"}, "jurisdiction.residence_permit.expires_on"),
])
def test_a_permit_not_described_is_a_missing_fact_not_a_referral(client, permit, missing):
    medical = routing(client, {"requests": ["medical"], "registration": IN_HUNAN, "residence_permit": permit,
                               "residence": YUANLING})["medical"]
    assert (medical["status"], medical["missing"]) == ("cannot_route", [missing])


def test_an_emergency_with_no_place_in_shenzhen_refers_to_the_place_it_happened(client):
    emergency = routing(client, {"requests": ["temp_emergency"]})["temp_emergency"]
    assert emergency["status"] == "referred" and emergency["refer_to"]["code"] == "incident_place"
    assert emergency["missing"] == ["jurisdiction.emergency_place", "jurisdiction.residence"]


def test_stranded_people_are_sent_to_the_assistance_station(client):
    circumstances = {"has_emergency": True, "emergency": {"kind": "stranded"}}
    emergency = routing(client, {"requests": ["temp_emergency"], "emergency_place": HUAQIANGBEI},
                        circumstances=circumstances)["temp_emergency"]
    assert emergency["status"] == "referred" and emergency["refer_to"]["code"] == "assistance_station"
    assert emergency["authority"]["code"] == "assistance_station"


def test_a_date_without_jurisdiction_policy_cannot_be_routed_and_says_which_figure(client):
    dibao = routing(client, {"requests": ["dibao"], "registration": IN_NANSHAN}, on="2001-01-01")["dibao"]
    assert dibao["status"] == "cannot_route" and dibao["missing"] == ["policy.jurisdiction.dibao_delegated_to_street"]


@pytest.mark.parametrize("language, office, district, words", [
    ("zh-CN", "粤海街道", "南山区", "请到南山区 粤海街道申请"),
    ("zh-TW", "粵海街道", "南山區", "請到南山區 粵海街道申請"),
    ("en", "Yuehai Subdistrict", "Nanshan District", "Apply at Nanshan District Yuehai Subdistrict"),
])
def test_office_and_texts_follow_accept_language(client, language, office, district, words):
    dibao = routing(client, {"requests": ["dibao"], "registration": IN_NANSHAN}, language)["dibao"]
    assert (dibao["office"]["name"], dibao["office"]["district_name"]) == (office, district)
    assert dibao["text"].startswith(words)


def test_only_the_requests_listed_are_routed_once_each_in_order(client):
    found = post(client, body({"requests": ["medical", "dibao", "medical"], "registration": IN_NANSHAN})).get_json()
    assert [e["assistance"] for e in found["routing"]] == ["medical", "dibao"]


@pytest.mark.parametrize("jurisdiction, field, code", [
    ("Nanshan", "jurisdiction", "not_an_object"),
    ({"hukou": {}}, "jurisdiction.hukou", "unknown_field"),
    ({"requests": ["dibao", "pension"]}, "jurisdiction.requests[1]", "unknown_choice"),
    ({"requests": "dibao"}, "jurisdiction.requests", "not_a_list"),
    ({"registration": {"district_code": "440305"}}, "jurisdiction.registration.in_shenzhen", "required"),
    ({"registration": {"in_shenzhen": True, "district_code": "440304", "office_code": "44030506"}},
     "jurisdiction.registration.office_code", "office_not_in_district"),
    ({"registration": {"in_shenzhen": True, "office_code": "44039999"}},
     "jurisdiction.registration.office_code", "unknown_choice"),
    ({"registration": {"in_shenzhen": True, **YUEHAI, "region_code": "430000"}},
     "jurisdiction.registration.region_code", "not_allowed"),
    ({"registration": {"in_shenzhen": False, "region_code": "440304"}}, "jurisdiction.registration.region_code",
     "shenzhen_region"),
    ({"registration": {"in_shenzhen": False}}, "jurisdiction.registration.region_code", "required"),
    ({"registration": {"in_shenzhen": False, "region_code": "43"}}, "jurisdiction.registration.region_code",
     "invalid"),
    ({"registration": {"in_shenzhen": "yes"}}, "jurisdiction.registration.in_shenzhen", "not_a_boolean"),
    ({"registration": {**IN_HUNAN, "place": "x" * 201}}, "jurisdiction.registration.place", "too_long"),
    ({"residence": {"district_code": "440304", "office_code": "44030506"}}, "jurisdiction.residence.office_code",
     "office_not_in_district"),
    ({"emergency_place": {"district_code": "440312"}}, "jurisdiction.emergency_place.district_code",
     "unknown_choice"),
    ({"residence_permit": {**PERMIT, "expires_on": "2020-01-01"}}, "jurisdiction.residence_permit.expires_on",
     "before_issued_on"),
    ({"residence_permit": {**PERMIT, "issued_on": "2023-02-30"}}, "jurisdiction.residence_permit.issued_on",
     "not_a_date"),
    ({"residence_permit": {"held": False, "issued_on": "2023-03-01"}}, "jurisdiction.residence_permit.issued_on",
     "not_allowed"),
])
def test_bad_facts_get_422_with_their_field_paths(client, doc, jurisdiction, field, code):
    response = post(client, body(jurisdiction), **{"Accept-Language": "en"})
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert (field, code) in {(e["field"], e["code"]) for e in errors}, errors
    assert all(e["message"] for e in errors)
    assert_valid(doc, "Errors", response.get_json())


def test_household_and_jurisdiction_problems_are_listed_together(client):
    request = body({"residence": {"office_code": "nowhere"}})
    request["members"][0]["age"] = 200
    errors = post(client, request).get_json()["errors"]
    assert {(e["field"], e["code"]) for e in errors} == {
        ("members[0].age", "out_of_range"), ("jurisdiction.residence.office_code", "unknown_choice")}


def test_the_schema_describes_the_same_office_codes_the_rules_use(doc):
    from portal.domain.offices import load_offices

    place = doc["components"]["schemas"]["Place"]["properties"]
    codes = place["office_code"]["oneOf"][0]["enum"]
    assert codes == [o.code for o in load_offices()] and len(codes) == 74
    assert "440312" not in place["district_code"]["oneOf"][0]["enum"]
    request = copy.deepcopy(load_example("routing_request.json"))
    request["jurisdiction"]["colour"] = "red"
    assert not validator(doc, "ScreeningRequest").is_valid(request)


def test_time_limits_read_policy_figures_on_the_screening_date():
    limits = statutory_limits("dibao", shipped_policy(), date(2001, 1, 1))
    assert limits.stages[0].days is None and limits.missing == ("policy.workflow.acceptance_decision_wd",)
    tekun = statutory_limits("tekun", shipped_policy(), date(2025, 9, 1))
    assert len(tekun.stages[1].states) > 1 and tekun.stages[1].counted_from == "accepted"
    assert tekun.decision is not None and tekun.decision.per_objection_working_days == 15
    assert statutory_limits("dibao", shipped_policy(), date(2025, 9, 1), delegated=True).decision.working_days == 20


def test_the_policy_figures_routing_reads_are_listed_with_the_screenings(client, doc):
    plain = post(client, body()).get_json()
    answer = post(client, body({"requests": ["dibao", "medical"], "registration": IN_HUNAN,
                                "residence_permit": PERMIT, "residence": YUANLING})).get_json()
    keys = {p["key"] for p in answer["parameters"]}
    dibao, medical = answer["routing"]
    assert "jurisdiction.permit_open_types" in dibao["parameters"]
    assert {"workflow.acceptance_decision_wd", "jurisdiction.permit_min_months_held"} <= set(medical["parameters"])
    assert set(dibao["parameters"]) | set(medical["parameters"]) <= keys
    assert keys - {p["key"] for p in plain["parameters"]} == set(dibao["parameters"]) | set(medical["parameters"])
    assert [p["key"] for p in answer["parameters"]] == sorted(keys)
    acceptance = next(p for p in answer["parameters"] if p["key"] == "workflow.acceptance_decision_wd")
    assert acceptance["example"] is True and answer["uses_example_values"] is True
    assert medical["time_limits"]["stages"][0]["days"] == acceptance["value"]
    assert_valid(doc, "Screening", answer)


def _journey_answers(facts: dict) -> dict:
    """The journey's answers holding the same facts (portal.apply.places.jurisdiction reads these)."""
    answers: dict = {"about": {}}
    registration = facts.get("registration")
    if registration and registration["in_shenzhen"]:
        answers["about"]["hukou"] = {"kind": "shenzhen", "district_code": registration["district_code"],
                                     "office_code": registration["office_code"]}
    elif registration:
        answers["about"]["hukou"] = {"kind": "elsewhere", "region_code": registration["region_code"],
                                     "place": registration.get("place")}
    if facts.get("residence"):
        answers["about"].update(facts["residence"])
    if facts.get("residence_permit"):
        answers["permit"] = {"has_permit": True, **{k: facts["residence_permit"][k] for k in ("issued_on", "expires_on")}}
    if facts.get("emergency_place"):
        answers["circumstances"] = {"emergency": {"kind": "fire", **facts["emergency_place"]}}
    return answers


@pytest.mark.parametrize("facts", [
    {"registration": IN_NANSHAN, "residence": YUEHAI},
    {"registration": IN_NANSHAN, "residence": YUANLING, "emergency_place": HUAQIANGBEI},
    {"registration": IN_HUNAN, "residence_permit": PERMIT, "residence": YUANLING},
    {"registration": IN_HUNAN, "residence": YUANLING},
], ids=["at_home", "separated_with_emergency", "permit_holder", "no_permit"])
@pytest.mark.parametrize("on", [ON, "2026-02-02"])
def test_the_api_routes_as_a_submitted_application_is_routed(client, app, facts, on):
    from portal.apply.places import jurisdiction as where

    api = routing(client, dict(facts, residence_permit=facts.get("residence_permit") or {"held": False}), on=on)
    with app.test_request_context():
        journey = where.route(_journey_answers(facts), ASSISTANCE_TYPES, date.fromisoformat(on))
    assert journey is not None and [r.type for r in journey] == list(api)
    for r in journey:
        entry = api[r.type]
        assert entry["status"] == ("routed" if r.receivable else "referred"), r.type
        assert (entry["office"] or {}).get("code") == r.office_code
        assert (entry["basis"] or {}).get("code") == r.basis and entry["authority"]["code"] == r.authority
        assert entry["reasons"] == [{"code": x.code, "article": x.article, "params": x.params_dict} for x in r.reasons]
        if r.receivable and entry["time_limits"]["decision"]:
            assert (entry["time_limits"]["decision"]["variant"] == "longer") == (
                r.uses_longer_time_limit and r.type in ("dibao", "low_income", "rigid_expenditure"))


@pytest.mark.parametrize("language, words", [
    ("en", "not in the district"), ("zh-CN", "不在所填的区"), ("zh-TW", "不在所填的區"),
])
def test_an_office_of_another_district_is_explained(client, language, words):
    response = post(client, body({"residence": {"district_code": "440304", "office_code": "44030506"}}),
                    **{"Accept-Language": language})
    [error] = response.get_json()["errors"]
    assert words in error["message"]


def test_delegated_dibao_is_decided_by_the_street_office_within_the_delegated_limit(client, monkeypatch):
    """Routing and time limits read the same delegation key, so they cannot disagree."""
    from portal.api import service
    from portal.domain.policy import Policy
    from portal.policy_figures.shipped import shipped_entries

    delegation = {"key": "jurisdiction.dibao_delegated_to_street", "region": "440300", "effective_from": "2025-01-01",
                  "value": True, "source": "test"}
    monkeypatch.setattr(service, "current_policy", lambda: Policy.from_entries([*shipped_entries(), delegation]))
    found = routing(client, {"requests": ["dibao", "low_income"], "registration": IN_NANSHAN, "residence": YUEHAI})
    dibao = found["dibao"]
    assert dibao["authority"] == {"code": "street_office", "name": "Street office",
                                  "article": "S-DB Art. 2 ¶2; S-YJ item 24"}
    assert dibao["time_limits"]["decision"]["variant"] == "delegated"
    assert dibao["time_limits"]["decision"]["working_days"] == 20 and "20 working days" in dibao["time_limits"]["text"]
    assert found["low_income"]["authority"]["code"] == "civil_affairs_district"
    assert found["low_income"]["time_limits"]["decision"]["variant"] == "normal"
