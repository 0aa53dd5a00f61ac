"""The screening API takes the facts the journey and the pre-check now ask (same household)."""
from __future__ import annotations

from tests.client.test_api import assert_valid, doc, post, validator  # noqa: F401  (doc is a fixture)

ELDER = {"relation": "self", "age": 75, "income": []}
ASSETS = {"deposits": "0", "securities": "0", "insurance_cash_value": "0", "internet_finance": "0",
          "receivables": "0", "vehicles": [], "houses": [], "business_registrations": 0}


def _tekun(client, supporter: dict) -> dict:
    body = {"on": "2025-09-01", "members": [ELDER], "assets": ASSETS, "supporters": [supporter]}
    response = post(client, body, **{"Accept-Language": "en"})
    assert response.status_code == 200, response.get_json()
    return next(v for v in response.get_json()["verdicts"] if v["assistance"] == "tekun")


def test_a_supporter_declared_severely_disabled(client, doc):  # noqa: F811
    son = {"relation": "child", "age": 45, "severe_disability": True, "income_per_capita": "0",
           "property_within_limits": True}
    assert_valid(doc, "Supporter", son)
    tekun = _tekun(client, son)
    assert tekun["verdict"] == "likely"
    assert any(r["code"] == "supporter_unable_disability" and r["article"] == "S-TK Art. 8" for r in tekun["reasons"])
    able = _tekun(client, {**son, "severe_disability": False})
    assert able["verdict"] == "unlikely"
    refused = post(client, {"members": [ELDER], "supporters": [{**son, "severe_disability": "yes"}]})
    assert refused.status_code == 422
    assert "supporters[0].severe_disability" in str(refused.get_json())


def test_a_mother_who_moved_in_five_months_ago_is_not_counted(client, doc):  # noqa: F811
    mother = {"relation": "parent", "age": 70, "lives_with_applicant": True, "co_resident_months": 5,
              "hukou": "elsewhere", "income": []}
    assert_valid(doc, "Member", mother)
    assert_valid(doc, "Member", {**mother, "hukou": "440305"})
    for bad in ("440300", "beijing"):
        problems = list(validator(doc, "Member")
                        .iter_errors({**mother, "hukou": bad}))
        assert problems
    body = {"on": "2025-09-01", "assets": ASSETS,
            "members": [{"relation": "self", "age": 40, "income": [{"category": "wages", "amount": "2000"}]}, mother]}
    dibao = post(client, body, **{"Accept-Language": "en"}).get_json()["verdicts"][0]
    assert dibao["verdict"] == "unlikely"
    assert any(r["code"] == "member_not_long_term_co_resident" and r["article"] == "S-DB Art. 7"
               for r in dibao["reasons"])
    mother["co_resident_months"] = 6
    assert post(client, body).get_json()["verdicts"][0]["verdict"] == "likely"
    refused = post(client, {**body, "members": [body["members"][0], {**mother, "co_resident_months": 1561}]})
    assert refused.status_code == 422 and "members[1].co_resident_months" in str(refused.get_json())


def test_clergy_at_a_venue_and_support_from_a_sister(client, doc):  # noqa: F811
    wife = {"relation": "spouse", "age": 40, "employment": "unemployed", "clergy_at_venue_3y": True,
            "disability": {"type": "physical", "grade": 1},
            "income": [{"category": "transfer", "subtype": "support_sibling_or_carer_60", "amount": "600"}]}
    assert_valid(doc, "Member", wife)
    body = {"on": "2025-09-01", "assets": ASSETS,
            "members": [{"relation": "self", "age": 40, "income": [{"category": "wages", "amount": "5000"}]}, wife]}
    dibao = post(client, body, **{"Accept-Language": "en"}).get_json()["verdicts"][0]
    codes = {r["code"]: r for r in dibao["reasons"]}
    assert codes["single_person_application_possible"]["article"] == "S-DB Art. 8; S-DD 一(一)"
    assert "600" in codes["sibling_or_carer_support_may_be_left_out"]["text"]


def test_unemployed_without_insurance_for_three_months(client, doc):  # noqa: F811
    me = {"relation": "self", "age": 40, "employment": "unemployed", "labour_capacity": "full", "income": [],
          "unemployment_insurance": False, "months_without_income": 3}
    assert_valid(doc, "Member", me)
    employment = next(v for v in post(client, {"on": "2025-09-01", "members": [me], "assets": ASSETS},
                                      **{"Accept-Language": "en"}).get_json()["verdicts"]
                      if v["assistance"] == "employment")
    assert any(r["code"] == "uninsured_unemployed_one_off_aid" and r["article"] == "S-DD 二(一)"
               for r in employment["reasons"])
    assert post(client, {"members": [{**me, "months_without_income": 1201}]}).status_code == 422
