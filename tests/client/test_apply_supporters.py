"""Family outside the household who must support the applicant (S-TK Art. 8): asked only when
extreme-poverty support is chosen, one row per person, errors next to the field, nothing typed
lost, and the 特困 verdict then decided on them instead of "not assessable"."""
from __future__ import annotations

from portal import clock
from portal.apply.answers.household_map import household_from_answers
from portal.apply.answers.screening import verdicts
from tests.client.test_apply_journey import _post, _start, app_of, signed_in
from tests.helpers.pages import errors_of, get_page, page_of
from tests.tools.walkthrough import one_person_dibao, resident_id, walk

DETAILS = {"student_stage": "none", "labour_capacity": "none", "has_disability": "no", "serious_illness": "no",
           "employment": "retired"}
ROW = {"relation_1": "child", "age_1": "45", "situation_1": "none", "income_1": "3000", "property_1": "yes"}


def _elder_at_types(client) -> int:
    """A 76-year-old living alone with no income or property, at the types page."""
    app_id = _start(client)
    _post(client, app_id, "name", {"name": "陈阿婆", "id_number": resident_id("440305", "19500315", "224")})
    _post(client, app_id, "phone", {"phone": "138 0013 8000"})
    _post(client, app_id, "address", {"office_code": "44030506", "address": "科技路1号"})
    _post(client, app_id, "hukou", {"where": "residence"})
    _post(client, app_id, "marital", {"marital_status": "widowed"})
    _post(client, app_id, "member-details", DETAILS, ref="m1")
    _post(client, app_id, "household", {"add_another": "no"})
    _post(client, app_id, "income-sources", {"sources": "none"}, ref="m1")
    _post(client, app_id, "savings", {"deposits": "", "securities": "", "insurance_cash_value": "", "receivables": ""})
    _post(client, app_id, "property", {"owns": "none"})
    return app_id


def test_not_asked_without_extreme_poverty_support(client):
    account = signed_in(client)
    result = walk(client, one_person_dibao())
    assert not any("supporter" in url for url in result.visited)
    assert "supporters" not in app_of(account).answers


def test_asked_after_choosing_tekun_and_none_means_no_supporter(client):
    account = signed_in(client)
    app_id = _elder_at_types(client)
    on = clock.today()
    assert verdicts(app_of(account).answers, on)["tekun"] == "not_assessable"
    response = _post(client, app_id, "types", {"types": ["tekun"]})
    assert response.headers["Location"].endswith(f"/apply/{app_id}/supporters")
    soup = get_page(client, f"/apply/{app_id}/supporters")
    assert soup.find(attrs={"name": "any"}) is not None
    # Nothing chosen: the message is next to the question.
    soup = page_of(_post(client, app_id, "supporters", {}, status=200))
    assert errors_of(soup) and soup.select_one(".field-error").find_parent(class_="field") is not None
    response = _post(client, app_id, "supporters", {"any": "no", "rural_rights": "no"})
    assert "supporter-details" not in response.headers["Location"]
    answers = app_of(account).answers
    assert answers["supporters"] == {"any": False, "rural_rights": False}
    assert household_from_answers(answers, on).supporters == ()
    assert verdicts(answers, on)["tekun"] == "likely"


def test_each_person_is_asked_with_errors_next_to_the_field(client):
    account = signed_in(client)
    client.get("/language/en")
    app_id = _elder_at_types(client)
    _post(client, app_id, "types", {"types": ["dibao", "tekun"]})
    response = _post(client, app_id, "supporters", {"any": "yes", "rural_rights": "no"})
    assert response.headers["Location"].endswith(f"/apply/{app_id}/supporter-details")
    # Age and property left out: each message sits under its own field, and what was typed stays.
    data = {**ROW, "age_1": "", "property_1": "", "income_1": "3,000"}
    soup = page_of(_post(client, app_id, "supporter-details", data, status=200))
    assert errors_of(soup) == ["Enter their age in years", "Choose yes, no or I do not know"]
    assert soup.find(id="relation_1").find("option", selected=True)["value"] == "child"
    assert soup.find(id="income_1")["value"] == "3,000"
    soup = page_of(_post(client, app_id, "supporter-details", {**ROW, "age_1": "131"}, status=200))
    assert errors_of(soup) == ["Enter an age from 0 to 130"]
    # "Add another person" shows a second row; a second row with only an age names the relation.
    response = _post(client, app_id, "supporter-details", {**ROW, "more": "1"})
    assert response.headers["Location"].endswith("more=1")
    soup = get_page(client, f"/apply/{app_id}/supporter-details?more=1")
    assert soup.find(id="relation_2") is not None and soup.find(id="age_1")["value"] == "45"
    soup = page_of(_post(client, app_id, "supporter-details", {**ROW, "age_2": "70"}, status=200))
    assert errors_of(soup) == ["Choose who this person is to you, or empty the row"]
    _post(client, app_id, "supporter-details", {**ROW, "relation_2": "spouse", "age_2": "78",
                                                "situation_2": "severe_disability", "income_2": "",
                                                "property_2": "unknown"})
    answers = app_of(account).answers
    assert answers["supporters"]["people"] == [
        {"relation": "child", "age": 45, "situation": "none", "income_per_capita": "3000", "property": "yes"},
        {"relation": "spouse", "age": 78, "situation": "severe_disability", "income_per_capita": None,
         "property": "unknown"}]
    household = household_from_answers(answers, clock.today())
    son, wife = household.supporters
    assert (son.relation, son.age, str(son.income_per_capita), son.property_within_limits) == ("child", 45, "3000", True)
    assert wife.severe_disability and wife.income_per_capita is None and wife.property_within_limits is None
    # A son aged 45 who can support decides it: no longer "not assessable".
    assert verdicts(answers, clock.today())["tekun"] == "unlikely"
    # The check page and the office see them (the income is personal data: masked until revealed).
    text = get_page(client, f"/apply/{app_id}/check").get_text(" ", strip=True)
    assert "Family outside your household who must support you" in text and "Supporter 2" in text


def test_a_son_who_cannot_support_makes_tekun_likely(client):
    account = signed_in(client)
    app_id = _elder_at_types(client)
    _post(client, app_id, "types", {"types": ["tekun"]})
    _post(client, app_id, "supporters", {"any": "yes", "rural_rights": "no"})
    _post(client, app_id, "supporter-details", {**ROW, "situation_1": "receives_tekun"})
    answers = app_of(account).answers
    assert household_from_answers(answers, clock.today()).supporters[0].receiving == ("tekun",)
    assert verdicts(answers, clock.today())["tekun"] == "likely"


def test_choosing_other_types_removes_the_supporters(client):
    account = signed_in(client)
    app_id = _elder_at_types(client)
    _post(client, app_id, "types", {"types": ["tekun"]})
    _post(client, app_id, "supporters", {"any": "yes", "rural_rights": "no"})
    _post(client, app_id, "supporter-details", ROW)
    _post(client, app_id, "types", {"types": ["dibao"]})
    answers = app_of(account).answers
    assert "supporters" not in answers or not answers["supporters"]
    assert client.get(f"/apply/{app_id}/supporters").status_code in (302, 404)


def test_the_pages_in_chinese_and_traditional_chinese(client):
    signed_in(client)
    app_id = _elder_at_types(client)
    _post(client, app_id, "types", {"types": ["tekun"]})
    soup = get_page(client, f"/apply/{app_id}/supporters")
    assert soup.h1.get_text(strip=True) == "对您负有法定义务的亲属"
    _post(client, app_id, "supporters", {"any": "yes", "rural_rights": "no"})
    soup = page_of(_post(client, app_id, "supporter-details", {**ROW, "age_1": ""}, status=200))
    assert errors_of(soup) == ["请填写其年龄（周岁）"]
    client.get("/language/zh_Hant")
    soup = get_page(client, f"/apply/{app_id}/supporter-details")
    assert "人員 1：與您的關係" in soup.get_text()


def test_rural_rights_are_asked_with_the_supporters_and_reach_the_household(client):
    """S-TK Art. 19: the applicant's contracted land or collective-dividend rights, asked on the
    supporters page (only when extreme-poverty support is chosen), error next to the field and
    the other answer kept, into the applicant's Member and shown on the check page."""
    account = signed_in(client)
    client.get("/language/en")
    app_id = _elder_at_types(client)
    _post(client, app_id, "types", {"types": ["tekun"]})
    soup = page_of(_post(client, app_id, "supporters", {"any": "no"}, status=200))
    assert errors_of(soup) == ["Choose yes if you hold contracted land or collective-dividend rights"]
    error = soup.select_one(".field-error")
    assert error.find_parent(class_="field").find(attrs={"name": "rural_rights"}) is not None
    assert soup.find(attrs={"name": "any", "value": "no"}).has_attr("checked")  # nothing typed lost
    _post(client, app_id, "supporters", {"any": "no", "rural_rights": "yes"})
    answers = app_of(account).answers
    assert answers["supporters"] == {"any": False, "rural_rights": True}
    household = household_from_answers(answers, clock.today())
    assert household.applicant.rural_rights is True
    text = get_page(client, f"/apply/{app_id}/check").get_text(" ", strip=True)
    assert "You hold contracted rural land or collective-dividend rights" in text
    client.get("/language/zh_Hans")
    soup = get_page(client, f"/apply/{app_id}/supporters")
    assert "您是否持有农村承包土地，或享有村集体经济组织的分红？" in soup.get_text()
    assert soup.find(attrs={"name": "rural_rights", "value": "yes"}).has_attr("checked")
    client.get("/language/zh_Hant")
    assert "村集體經濟組織的分紅" in get_page(client, f"/apply/{app_id}/supporters").get_text()
    # Choosing another type removes the answer with the page.
    _post(client, app_id, "types", {"types": ["dibao"]})
    answers = app_of(account).answers
    assert not (answers.get("supporters") or {}).get("rural_rights")
    assert household_from_answers(answers, clock.today()).applicant.rural_rights is None
