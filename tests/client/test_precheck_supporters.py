"""The pre-check asks about family outside the household who must support the applicant
(S-TK Art. 8) on a page of its own when the circumstances page says there is someone; the
extreme-poverty result is then decided on them, and the application starts with them."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from portal import clock
from portal.apply.answers import shape as A
from portal.apply.answers.household_map import household_from_answers
from portal.domain.household import Household
from portal.precheck import store
from tests.client.test_apply_journey import app_of, signed_in
from tests.client.test_precheck import ASSETS, CIRCUMSTANCES, PERSON, english
from tests.helpers.pages import errors_of, get_page, page_of, submit

ELDER = {**PERSON, "age": "76", "employment": "retired", "wages": ""}
NO_ASSETS = {**ASSETS, "savings": "", "houses": ""}
EMPTY = {f"{k}_{n}": "" for n in (2, 3) for k in ("relation", "age", "income", "property")}
SON = {"relation_1": "child", "age_1": "45", "situation_1": "none", "income_1": "3000", "property_1": "yes", **EMPTY}


def _to_supporters(client, answer="yes"):
    assert submit(client, "/check/household", {"size": "1"}).status_code == 302
    assert submit(client, "/check/person/1", ELDER).status_code == 302
    assert submit(client, "/check/property", NO_ASSETS).status_code == 302
    return submit(client, "/check/circumstances", {**CIRCUMSTANCES, "education": "", "supporters": answer})


def _tekun(client) -> str:
    soup = get_page(client, "/check/result")
    return soup.find(id="verdict-tekun").find_parent("section").find(class_="verdict-tag").get_text(strip=True)


def test_no_supporters_page_when_the_answer_is_no(client):
    english(client)
    assert _to_supporters(client, "no").location.endswith("/check/result")
    assert client.get("/check/supporters").location.endswith("/check/result")
    assert _tekun(client) == "Likely"


def test_a_son_who_can_support_decides_extreme_poverty_support(client):
    english(client)
    assert _to_supporters(client).location.endswith("/check/supporters")
    # The result waits for the page.
    assert client.get("/check/result").location.endswith("/check/supporters")
    soup = get_page(client, "/check/supporters")
    assert soup.find(id="relation_1") and soup.find(id="property_3")
    soup = get_page(client, "/check/supporters")
    # Left out: the age and the property, each with its message; the second row started without a relation.
    response = submit(client, "/check/supporters", {**SON, "age_1": "", "property_1": "", "age_2": "70"})
    soup = page_of(response)
    assert errors_of(soup) == ["Enter their age in years", "Choose yes, no or I do not know",
                               "Choose who this person is to you, or empty the row"]
    assert soup.find(id="income_1")["value"] == "3000" and soup.find(id="age_2")["value"] == "70"
    assert submit(client, "/check/supporters", {**SON, "age_1": "abc"}).status_code == 200
    assert submit(client, "/check/supporters", SON).location.endswith("/check/result")
    assert _tekun(client) == "Unlikely"


def test_a_son_on_tekun_and_the_hand_off_to_the_application(client, app):
    _to_supporters(client)
    submit(client, "/check/supporters", {**SON, "situation_1": "receives_tekun", "relation_2": "spouse",
                                         "age_2": "80", "situation_2": "severe_disability", "income_2": "",
                                         "property_2": "unknown"})
    soup = get_page(client, "/check/result")
    link = soup.find("a", string="用这些答案开始申请")
    token = parse_qs(urlparse(link["href"]).query)["precheck"][0]
    household = Household.from_dict(store.load(token), today=clock.today())
    son, wife = household.supporters
    assert son.receiving == ("tekun",) and son.age == 45
    assert wife.severe_disability and wife.income_per_capita is None and wife.property_within_limits is None
    # The application starts with them, shown again if extreme-poverty support is chosen.
    account = signed_in(client)
    response = client.get(link["href"])
    assert response.status_code == 302
    answers = app_of(account).answers
    assert answers["supporters"] == {"any": True, "people": [
        {"relation": "child", "age": 45, "situation": "receives_tekun", "income_per_capita": "3000.00",
         "property": "yes"},
        {"relation": "spouse", "age": 80, "situation": "severe_disability", "income_per_capita": None,
         "property": "unknown"}]}
    assert household_from_answers(answers, clock.today()).supporters[0].receiving == ("tekun",)


def test_the_page_in_chinese(client):
    _to_supporters(client)
    soup = get_page(client, "/check/supporters")
    assert soup.h1.get_text(strip=True) == "家庭以外的法定义务人"
    soup = page_of(submit(client, "/check/supporters", {**SON, "age_1": ""}))
    assert errors_of(soup) == ["请填写其年龄（周岁）"]


def test_how_long_a_mother_has_lived_with_you(client, app):
    english(client)
    submit(client, "/check/household", {"size": "2"})
    assert get_page(client, "/check/person/1").find(id="co_residence") is None
    submit(client, "/check/person/1", {**PERSON, "wages": "2000"})
    mother = {**ELDER, "relation": "parent", "co_residence": "under_6_months"}
    assert submit(client, "/check/person/2", mother).status_code == 302
    submit(client, "/check/property", NO_ASSETS)
    submit(client, "/check/circumstances", {**CIRCUMSTANCES, "education": ""})
    soup = get_page(client, "/check/result")
    dibao = soup.find(id="verdict-dibao").find_parent("section")
    assert dibao.find(class_="verdict-tag").get_text(strip=True) == "Unlikely"
    assert "has not lived with the applicant long enough" in dibao.get_text()
    assert get_page(client, "/check/person/2").find(id="co_residence").find(
        "option", selected=True)["value"] == "under_6_months"
    submit(client, "/check/person/2", {**mother, "co_residence": "1_year_or_more"})
    soup = get_page(client, "/check/result")
    assert soup.find(id="verdict-dibao").find_parent("section").find(class_="verdict-tag").get_text(
        strip=True) == "Likely"
    token = parse_qs(urlparse(soup.find("a", href=lambda h: h and "precheck=" in h)["href"]).query)["precheck"][0]
    assert Household.from_dict(store.load(token), today=clock.today()).members[1].co_resident_months == 12
    # A tampered value gets a message, never an error page.
    soup = page_of(submit(client, "/check/person/2", {**mother, "co_residence": "forever"}))
    assert errors_of(soup) == ["Choose from the list"]
    # The application starts with the answer on the mother's page.
    account = signed_in(client)
    client.get(f"/apply?precheck={token}")
    assert A.member(app_of(account).answers, "m2")["co_residence"] == "1_year_or_more"


def test_rural_rights_in_the_pre_check_and_handed_to_the_application(client, app):
    """S-TK Art. 19: asked next to the supporters question, optional ("not sure" leaves it
    unanswered), a tampered value refused next to the field, into the household and the draft."""
    english(client)
    submit(client, "/check/household", {"size": "1"})
    submit(client, "/check/person/1", ELDER)
    submit(client, "/check/property", NO_ASSETS)
    data = {**CIRCUMSTANCES, "education": "", "supporters": "no"}
    soup = page_of(submit(client, "/check/circumstances", {**data, "rural_rights": "maybe"}))
    assert errors_of(soup) == ["Choose yes, no or not sure"]
    assert soup.select_one(".field-error").find_parent(class_="field").find(
        attrs={"name": "rural_rights"}) is not None
    assert submit(client, "/check/circumstances", {**data, "rural_rights": "yes"}).location.endswith("/check/result")
    soup = get_page(client, "/check/result")
    link = soup.find("a", href=lambda h: h and "precheck=" in h)
    token = parse_qs(urlparse(link["href"]).query)["precheck"][0]
    assert Household.from_dict(store.load(token), today=clock.today()).applicant.rural_rights is True
    account = signed_in(client)
    assert client.get(link["href"]).status_code == 302
    answers = app_of(account).answers
    assert answers["supporters"] == {"any": False, "rural_rights": True}
    assert household_from_answers(answers, clock.today()).applicant.rural_rights is True


def test_rural_rights_not_sure_stays_unanswered(client):
    english(client)
    _to_supporters(client, "no")
    link = get_page(client, "/check/result").find("a", href=lambda h: h and "precheck=" in h)
    household = store.load(parse_qs(urlparse(link["href"]).query)["precheck"][0])
    assert household["members"][0]["rural_rights"] is None
