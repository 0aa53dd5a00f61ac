"""The pre-check asks the clergy route and time without work, and hands them to the application."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from portal import clock
from portal.apply.answers.household_map import answers_from_household
from portal.domain.household import Household
from portal.precheck import store
from tests.client.test_precheck import ASSETS, CHILD, CIRCUMSTANCES, PERSON, english
from tests.helpers.pages import errors_of, get_page, page_of, submit


def _household(client) -> dict:
    """The household the finished pre-check hands over (as the application reads it)."""
    soup = get_page(client, "/check/result")
    href = soup.find("a", href=lambda h: h and "precheck=" in h)["href"]
    household = store.load(parse_qs(urlparse(href).query)["precheck"][0])
    assert household is not None
    return household


def _finish(client, people) -> dict:
    assert submit(client, "/check/household", {"size": str(len(people))}).status_code == 302
    for number, person in enumerate(people, start=1):
        response = submit(client, f"/check/person/{number}", person)
        assert response.status_code == 302, errors_of(page_of(response))
    submit(client, "/check/property", ASSETS)
    assert submit(client, "/check/circumstances", CIRCUMSTANCES).location.endswith("/check/result")
    return _household(client)


def test_the_clergy_route_is_asked_only_of_a_household_of_one(client):
    english(client)
    submit(client, "/check/household", {"size": "1"})
    soup = get_page(client, "/check/person/1")
    box = soup.find("input", id="clergy_at_venue_3y")
    assert box is not None and box["type"] == "checkbox"
    label = soup.find("label", attrs={"for": "clergy_at_venue_3y"}).get_text()
    assert label == "I am a member of the clergy who has lived in a religious venue for 3 years or more"
    submit(client, "/check/household", {"size": "2"})
    assert get_page(client, "/check/person/1").find(id="clergy_at_venue_3y") is None
    submit(client, "/check/person/1", PERSON)
    assert get_page(client, "/check/person/2").find(id="clergy_at_venue_3y") is None


def test_the_clergy_answer_reaches_the_household_and_is_shown_again(client):
    household = _finish(client, [{**PERSON, "clergy_at_venue_3y": "y"}])
    assert Household.from_dict(household, today=clock.today()).members[0].clergy_at_venue_3y is True
    assert get_page(client, "/check/person/1").find("input", id="clergy_at_venue_3y").has_attr("checked")


def test_a_clergy_answer_is_not_read_once_the_household_grows(client):
    submit(client, "/check/household", {"size": "1"})
    submit(client, "/check/person/1", {**PERSON, "clergy_at_venue_3y": "y"})
    household = _finish(client, [PERSON, CHILD])
    assert household["members"][0]["clergy_at_venue_3y"] is False


def test_time_without_work_reaches_the_household_and_the_referral(client):
    english(client)
    household = _finish(client, [{**PERSON, "wages": "", "unemployment_insurance": "no",
                                  "months_without_income": "４"}])
    member = Household.from_dict(household, today=clock.today()).members[0]
    assert (member.unemployment_insurance, member.months_without_income) == (False, 4)
    text = get_page(client, "/check/result").get_text(" ", strip=True)
    assert "without work and without unemployment insurance for 3 months or more" in text
    soup = get_page(client, "/check/person/1")
    assert soup.find(id="unemployment_insurance").find("option", selected=True)["value"] == "no"
    assert soup.find("input", id="months_without_income")["value"] == "4"


def test_time_without_work_left_blank_stays_unanswered(client):
    english(client)
    household = _finish(client, [PERSON])
    text = get_page(client, "/check/result").get_text(" ", strip=True)
    assert "without unemployment insurance" not in text
    assert household["members"][0]["unemployment_insurance"] is None
    assert household["members"][0]["months_without_income"] is None


def test_the_new_facts_are_handed_to_the_application(client):
    household = _finish(client, [{**PERSON, "clergy_at_venue_3y": "y", "employment": "registered_unemployed",
                                  "unemployment_insurance": "yes", "months_without_income": "7"}])
    me = answers_from_household(household)["members"][0]
    assert me["relation"] == "self"
    assert (me["clergy_at_venue_3y"], me["unemployment_insurance"], me["months_without_income"]) == (True, True, 7)


@pytest.mark.parametrize("field, value", [("unemployment_insurance", "yes"), ("unemployment_insurance", "no"),
                                          ("months_without_income", "3")])
def test_time_without_work_is_refused_for_a_person_not_unemployed(client, field, value):
    english(client)
    submit(client, "/check/household", {"size": "1"})
    response = submit(client, "/check/person/1", {**PERSON, "employment": "employed", field: value})
    soup = page_of(response)
    error = soup.find(id=f"{field}-error")
    assert error is not None and "Leave this blank unless this person is unemployed" in error.get_text()
    assert errors_of(soup) == ["Leave this blank unless this person is unemployed"]
    assert soup.find("input", id="wages")["value"] == "800"  # nothing typed lost
    assert submit(client, "/check/person/1", {**PERSON, "employment": "employed"}).status_code == 302


@pytest.mark.parametrize("locale, message", [("zh_Hans", "此人不是失业的，请留空此项"),
                                             ("zh_Hant", "此人不是失業的，請留空此項")])
def test_the_refusal_is_in_the_visitors_language(client, locale, message):
    client.get(f"/language/{locale}")
    submit(client, "/check/household", {"size": "1"})
    soup = page_of(submit(client, "/check/person/1", {**PERSON, "employment": "retired",
                                                      "months_without_income": "5"}))
    assert errors_of(soup) == [message]


def test_months_out_of_range_are_explained(client):
    english(client)
    submit(client, "/check/household", {"size": "1"})
    soup = page_of(submit(client, "/check/person/1", {**PERSON, "months_without_income": "1201"}))
    assert errors_of(soup) == ["Enter a whole number of months from 0 to 1200, for example 4"]


@pytest.mark.parametrize("locale, age, message", [
    ("en", "17", "For a person under 18 leave this unticked, or check the age"),
    ("zh_Hans", "9", "未满18周岁的，请不要勾选此项，或核对年龄"),
    ("zh_Hant", "0", "未滿18周歲的，請不要勾選此項，或核對年齡")])
def test_the_clergy_route_is_refused_for_a_child(client, locale, age, message):
    client.get(f"/language/{locale}")
    submit(client, "/check/household", {"size": "1"})
    soup = page_of(submit(client, "/check/person/1", {**PERSON, "age": age, "clergy_at_venue_3y": "y"}))
    assert soup.find(id="clergy_at_venue_3y-error").get_text(strip=True).endswith(message)
    assert errors_of(soup) == [message]
    assert soup.find("input", id="clergy_at_venue_3y").has_attr("checked")  # nothing typed lost
    assert submit(client, "/check/person/1", {**PERSON, "age": "18", "clergy_at_venue_3y": "y"}).status_code == 302
