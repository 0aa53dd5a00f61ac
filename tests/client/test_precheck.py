"""The anonymous pre-check pages: a few questions, then the result in plain words."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from portal import clock
from portal.domain.household import Household
from portal.precheck import store
from tests.helpers.pages import errors_of, get_page, page_of, submit

PERSON = {"age": "45", "disability_type": "none", "disability_grade": "", "student_stage": "none",
          "employment": "unemployed", "wages": "800", "business": "", "pension": "", "support": "",
          "other_income": ""}
CHILD = {**PERSON, "relation": "son", "age": "12", "student_stage": "primary", "employment": "student", "wages": ""}
ASSETS = {"savings": "1000", "vehicles": "", "houses": "1", "businesses": ""}
CIRCUMSTANCES = {"medical": "", "education": "2000", "rehabilitation": "", "emergency": "none",
                 "emergency_days": "", "housing": "no", "supporters": "no"}


def english(client):
    client.get("/language/en")


def fill_in(client, people=(PERSON, CHILD), assets=ASSETS, circumstances=CIRCUMSTANCES):
    response = submit(client, "/check/household", {"size": str(len(people))})
    assert response.location.endswith("/check/person/1")
    for number, person in enumerate(people, start=1):
        response = submit(client, f"/check/person/{number}", person)
        assert response.status_code == 302, errors_of(page_of(response))
    assert submit(client, "/check/property", assets).location.endswith("/check/circumstances")
    response = submit(client, "/check/circumstances", circumstances)
    assert response.location.endswith("/check/result")
    return response


def test_start_page_and_the_link_from_the_home_page(client):
    soup = get_page(client, "/check")
    assert soup.h1.get_text() == "测一测您家可以获得哪些救助"
    assert soup.find("a", href="/check/household")
    home = get_page(client, "/")
    assert home.find("a", href="/check").get_text() == "不用登录，先测一测可以获得哪些救助"


def test_a_household_gets_its_result_in_plain_words(client):
    english(client)
    fill_in(client)
    soup = get_page(client, "/check/result")
    text = soup.get_text(" ", strip=True)
    assert soup.h1.get_text() == "What your household may get"
    assert "This is an estimate, not a decision." in text
    assert "Estimated minimum living allowance: 2,160 yuan a month." in text
    dibao = soup.find(id="verdict-dibao").find_parent("section")
    assert dibao.find(class_="verdict-tag").get_text() == "Likely"
    reasons = [li.get_text() for li in dibao.select("details li")]
    assert "Income per person (400 yuan a month) is below the minimum living standard (1,480 yuan)." in reasons
    assert "If household income rose by 2,160 yuan a month, this would no longer apply." in reasons
    assert "S-DB Art. 13" in dibao.find(class_="meta").get_text()
    education = soup.find(id="verdict-education").find_parent("section")
    assert "Students in the household: person 2 (son)." in education.get_text()
    assert len(soup.select("section.verdict")) == 11


def test_start_an_application_with_the_same_answers(client, app):
    fill_in(client)
    soup = get_page(client, "/check/result")
    link = soup.find("a", string="用这些答案开始申请")
    url = urlparse(link["href"])
    assert url.path == "/apply"
    token = parse_qs(url.query)["precheck"][0]
    household = store.load(token)
    read = Household.from_dict(household, today=clock.today())
    assert [m.relation for m in read.members] == ["self", "son"]
    assert read.members[0].age == 45 and read.members[1].student_stage == "primary"
    assert read.assets.deposits == 1000 and len(read.assets.houses) == 1
    assert read.circumstances.rigid_expenditure.education == 2000 and read.supporters == ()
    # The cookie session carries the token only, never the answers.
    with client.session_transaction() as session:
        assert session["precheck_token"] == token
        assert set(session) <= {"precheck_token", "csrf_token", "_fresh"}


@pytest.mark.parametrize("locale, message", [
    ("zh_Hans", "请填写人数，范围为1到12"),
    ("zh_Hant", "請填寫人數，範圍為1到12"),
    ("en", "Enter the number of people, from 1 to 12"),
])
def test_messages_next_to_the_field_in_three_languages(client, locale, message):
    client.get(f"/language/{locale}")
    soup = page_of(submit(client, "/check/household", {"size": "many"}))
    assert errors_of(soup) == [message]
    assert soup.find("input", id="size")["value"] == "many"
    assert soup.title.get_text().startswith({"en": "Error:", "zh_Hans": "错误", "zh_Hant": "錯誤"}[locale])
    assert soup.select_one(".error-summary a")["href"] == "#size"


@pytest.mark.parametrize("field, value, message", [
    ("age", "", "Enter an age from 0 to 130"),
    ("age", "131", "Enter an age from 0 to 130"),
    ("age", "9" * 400, "Enter an age from 0 to 130"),
    ("wages", "12.345", "Enter the amount to the fen at most, like 1500.50"),
    ("wages", "-1", "Enter an amount of 0 or more"),
    ("wages", "1e9", "Enter an amount in yuan using numbers only, like 1500 or 1500.50"),
    ("wages", "NaN", "Enter an amount in yuan using numbers only, like 1500 or 1500.50"),
    ("wages", "100000000", "Enter an amount under 100,000,000 yuan"),
    ("wages", "1000000000000000", "Enter an amount under 100,000,000 yuan"),  # 10^15
    ("wages", "12\x00\x07", "Enter an amount in yuan using numbers only, like 1500 or 1500.50"),
    ("disability_type", "wings", "Choose the kind of disability, or no certificate"),
    ("disability_grade", "", "Choose the grade on the disability certificate"),
    ("employment", "", "Choose this person's work situation"),
])
def test_bad_answers_about_a_person_are_explained_and_kept(client, field, value, message):
    english(client)
    submit(client, "/check/household", {"size": "1"})
    data = {**PERSON, field: value}
    if field == "disability_grade":
        data["disability_type"] = "physical"
    soup = page_of(submit(client, "/check/person/1", data))
    assert message in errors_of(soup)
    assert soup.find("input", id="wages")["value"] == data["wages"].replace("\x00", "\ufffd").replace("\x07", "\ufffd")


def test_amounts_are_read_as_people_type_them(client):
    submit(client, "/check/household", {"size": "1"})
    response = submit(client, "/check/person/1", {**PERSON, "wages": "１,２００.５元", "business": "-300"})
    assert response.status_code == 302
    soup = get_page(client, "/check/person/1")
    assert soup.find("input", id="wages")["value"] == "1200.5"
    assert soup.find("input", id="business")["value"] == "-300"


def test_the_first_person_is_you_and_others_say_who_they_are(client):
    english(client)
    submit(client, "/check/household", {"size": "2"})
    first = get_page(client, "/check/person/1")
    assert first.h1.get_text() == "About you" and first.find("select", id="relation") is None
    submit(client, "/check/person/1", PERSON)
    soup = page_of(submit(client, "/check/person/2", {**CHILD, "relation": ""}))
    assert errors_of(soup) == ["Choose who this person is to you"]
    assert soup.find("p", class_="caption").get_text() == "Person 2 of 2"


def test_pages_out_of_order_lead_to_the_first_unanswered_one(client):
    assert client.get("/check/person/1").location.endswith("/check/household")
    assert client.get("/check/result").location.endswith("/check/household")
    submit(client, "/check/household", {"size": "2"})
    assert client.get("/check/person/2").location.endswith("/check/person/1")
    assert client.get("/check/property").location.endswith("/check/person/1")
    assert client.get("/check/circumstances").location.endswith("/check/person/1")
    assert client.get("/check/result").location.endswith("/check/person/1")
    for number in ("0", "3", "99999999999999999999999", "-1", "abc"):
        assert client.get(f"/check/person/{number}").status_code == 404


def test_a_smaller_household_forgets_people_and_a_larger_one_asks_about_them(client):
    fill_in(client)
    response = submit(client, "/check/household", {"size": "1"})
    assert response.location.endswith("/check/result")
    soup = get_page(client, "/check/result")
    assert "申请人" in soup.find(id="verdict-dibao").find_parent("section").get_text()
    assert submit(client, "/check/household", {"size": "3"}).location.endswith("/check/person/2")


def test_answers_are_shown_again_when_changing_them(client):
    fill_in(client)
    soup = get_page(client, "/check/property")
    assert soup.find("input", id="savings")["value"] == "1000"
    circumstances = get_page(client, "/check/circumstances")
    assert circumstances.find("input", attrs={"name": "housing", "value": "no"}).has_attr("checked")


def test_circumstances_questions(client):
    english(client)
    fill_in(client, circumstances={**CIRCUMSTANCES, "emergency": "fire", "emergency_days": "3",
                                   "receiving": ["low_income"], "supporters": "unsure"})
    soup = get_page(client, "/check/result")
    emergency = soup.find(id="verdict-temp_emergency").find_parent("section").get_text()
    assert "Emergency reported: fire." in emergency and "3 days ago" in emergency
    tekun = soup.find(id="verdict-tekun").find_parent("section").get_text()
    assert "Not answered whether family outside the household must support the applicant." in tekun
    low_income = soup.find(id="verdict-low_income").find_parent("section").get_text()
    assert "Already receives: low-income household recognition." in low_income


@pytest.mark.parametrize("data, message", [
    ({"emergency": "none", "emergency_days": "4"}, "Leave this blank if nothing sudden happened"),
    ({"emergency": "earthquake!"}, "Choose what happened, or nothing sudden"),
    ({"housing": ""}, "Choose yes or no"),
    ({"receiving": ["dibao", "lottery"]}, "Choose from the list"),
    ({"emergency": "fire", "emergency_days": "4000"}, "Enter the number of days ago, from 0 to 3650"),
])
def test_bad_circumstances_are_explained(client, data, message):
    english(client)
    submit(client, "/check/household", {"size": "1"})
    submit(client, "/check/person/1", PERSON)
    submit(client, "/check/property", ASSETS)
    soup = page_of(submit(client, "/check/circumstances", {**CIRCUMSTANCES, **data}))
    assert message in errors_of(soup)


def test_blank_savings_mean_none_and_the_page_says_one_thing(client):
    # Issue 18: the property page said both "enter 0" and "leave blank"; blank now means none.
    submit(client, "/check/household", {"size": "1"})
    submit(client, "/check/person/1", PERSON)
    text = get_page(client, "/check/property").get_text()
    assert "留空" in text and "填0" not in text and "填 0" not in text
    response = submit(client, "/check/property", {**ASSETS, "savings": ""})
    assert response.status_code == 302 and response.location.endswith("/check/circumstances")


def test_start_again_forgets_everything(client):
    fill_in(client)
    with client.session_transaction() as session:
        token = session["precheck_token"]
    start = get_page(client, "/check")
    assert start.find("button", string="清空答案，重新开始")
    response = submit(client, "/check/restart", {}, form_url="/check")
    assert response.location.endswith("/check/household")
    assert store.load(token) is None and store.load_answers(token) is None
    assert get_page(client, "/check/household").find("input", id="size").get("value") in (None, "")


def test_every_page_passes_the_page_checks_in_each_language(client):
    fill_in(client)
    for locale in ("zh_Hans", "zh_Hant", "en"):
        client.get(f"/language/{locale}")
        for url in ("/check", "/check/household", "/check/person/1", "/check/person/2", "/check/property",
                    "/check/circumstances", "/check/result"):
            get_page(client, url)


def test_the_application_starts_with_the_pre_check_answers(client):
    from portal.extensions import db
    from portal.models import Application
    from tests.factories import create_account, sign_in

    fill_in(client)
    soup = get_page(client, "/check/result")
    href = soup.find("a", string="用这些答案开始申请")["href"]
    token = parse_qs(urlparse(href).query)["precheck"][0]
    resident = create_account("resident")
    sign_in(client, resident)
    response = client.get(href)
    assert response.status_code == 302
    draft = db.session.scalars(db.select(Application).where(Application.account_id == resident.id)).one()
    assert draft.status == "draft" and len(draft.answers["members"]) == 2
    assert store.load(token) is None  # used once, then forgotten


def test_only_one_person_can_be_the_spouse(client):
    english(client)
    submit(client, "/check/household", {"size": "3"})
    submit(client, "/check/person/1", PERSON)
    submit(client, "/check/person/2", {**PERSON, "relation": "spouse"})
    soup = page_of(submit(client, "/check/person/3", {**PERSON, "relation": "spouse"}))
    assert errors_of(soup) == ["Another person is already your spouse. Choose who this person is to you"]
    # Changing the spouse's own page keeps them the spouse.
    assert submit(client, "/check/person/2", {**PERSON, "relation": "spouse"}).location.endswith("/check/person/3")


def test_emergency_needs_help_received_and_housing_kind_reach_the_result_and_the_application(client, app):
    from portal.apply.answers.household_map import answers_from_household

    english(client)
    fill_in(client, circumstances={**CIRCUMSTANCES, "emergency": "fire", "emergency_days": "2",
                                   "emergency_needs": ["shelter", "food"], "help_kinds": ["insurance"],
                                   "help_received": "800", "housing": "yes", "housing_kind": "unsafe_home"})
    soup = get_page(client, "/check/result")
    emergency = soup.find(id="verdict-temp_emergency").find_parent("section").get_text(" ", strip=True)
    assert "Needed now:" in emergency and "a place to stay" in emergency and "800" in emergency
    token = parse_qs(urlparse(soup.find("a", href=lambda h: h and "precheck=" in h)["href"]).query)["precheck"][0]
    household = store.load(token)
    read = Household.from_dict(household, today=clock.today())
    e = read.circumstances.emergency
    assert (e.needs, e.help_kinds, e.help_received) == (("shelter", "food"), ("insurance",), 800)
    assert read.circumstances.housing_kind == "unsafe_home"
    # Handed to the application: nothing is typed twice.
    answers = answers_from_household(household)["circumstances"]
    assert answers["emergency_help"] == {"needs": ["shelter", "food"], "help_kinds": ["insurance"],
                                         "help_received": "800.00"}
    assert answers["housing_kind"] == "unsafe_home"


@pytest.mark.parametrize("data, field, message", [
    ({"emergency_needs": ["food"]}, "emergency_needs", "Leave these unticked if nothing sudden happened"),
    ({"help_kinds": ["donation"], "help_received": "100"}, "help_kinds",
     "Leave these unticked if nothing sudden happened"),
    ({"emergency": "fire", "help_kinds": ["donation"]}, "help_received", "Enter how much help you received, in yuan"),
    ({"emergency": "fire", "help_received": "100"}, "help_received",
     "Choose the help received above, or leave the amount blank"),
    ({"emergency": "fire", "emergency_needs": ["caviar"]}, "emergency_needs", "Choose from the list"),
    ({"housing_kind": "no_home"}, "housing_kind", "Leave this blank if there is no housing difficulty"),
    ({"housing": "yes", "housing_kind": "castle"}, "housing_kind", "Choose from the list"),
])
def test_emergency_and_housing_details_are_checked_next_to_their_field(client, data, field, message):
    english(client)
    submit(client, "/check/household", {"size": "1"})
    submit(client, "/check/person/1", PERSON)
    submit(client, "/check/property", ASSETS)
    soup = page_of(submit(client, "/check/circumstances", {**CIRCUMSTANCES, **data}))
    error = soup.find(id=f"{field}-error")
    assert error is not None and message in error.get_text(), errors_of(soup)
    assert soup.find("input", id="education")["value"] == "2000"  # nothing typed lost


@pytest.mark.parametrize("age, accepted", [("2", False), ("3", True), ("59", True), ("60", False), ("74", False)])
def test_a_school_stage_is_refused_for_an_age_no_rule_reads_it_at(client, age, accepted):
    english(client)
    submit(client, "/check/household", {"size": "1"})
    response = submit(client, "/check/person/1", {**PERSON, "age": age, "student_stage": "primary"})
    if accepted:
        assert response.status_code == 302
        return
    soup = page_of(response)
    assert errors_of(soup) == [f"For a person aged {age} choose not a student, or check the age"]
    assert soup.find(id="student_stage").find("option", selected=True)["value"] == "primary"
    assert submit(client, "/check/person/1", {**PERSON, "age": age}).status_code == 302  # not studying: fine
