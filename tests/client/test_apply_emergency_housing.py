"""An emergency in detail (what is needed now, help already received) and the kind of housing
difficulty: asked only when they apply, errors next to the field, into the household."""
from __future__ import annotations

from datetime import timedelta

from portal import clock
from portal.apply.answers.household_map import household_from_answers
from tests.client.test_apply_journey import (
    _fill_about,
    _post,
    _start,
    app_of,
    signed_in,
)
from tests.helpers.pages import errors_of, get_page, page_of
from tests.tools.walkthrough import emergency_first, one_person_dibao, walk

DETAILS = {"student_stage": "none", "labour_capacity": "full", "has_disability": "no", "serious_illness": "no",
           "employment": "employed"}


def _to_situation(client) -> int:
    app_id = _start(client)
    _fill_about(client, app_id)
    _post(client, app_id, "marital", {"marital_status": "single"})
    _post(client, app_id, "member-details", DETAILS, ref="m1")
    _post(client, app_id, "household", {"add_another": "no"})
    return app_id


def test_an_emergency_asks_what_is_needed_and_help_received(client):
    account = signed_in(client)
    app_id = _to_situation(client)
    _post(client, app_id, "situation", {"situations": "emergency"})
    day = (clock.today() - timedelta(days=2)).isoformat()
    response = _post(client, app_id, "emergency", {"kind": "fire", "date": day, "office_code": "44030506",
                                                   "affected": "household", "description": "厨房起火"})
    assert response.headers["Location"].endswith(f"/apply/{app_id}/emergency-help")
    soup = page_of(_post(client, app_id, "emergency-help", {"help_kinds": "insurance"}, status=200))
    assert errors_of(soup) == ["请选择您现在需要的帮助"]
    assert soup.find("input", attrs={"name": "help_kinds", "value": "insurance"}).has_attr("checked")
    soup = page_of(_post(client, app_id, "emergency-help", {"needs": ["shelter", "food"], "help_kinds": "insurance"},
                         status=200))
    assert errors_of(soup) == ["请填写已得到帮助的金额（元）"]
    _post(client, app_id, "emergency-help", {"needs": ["shelter", "food"], "help_kinds": "insurance",
                                             "help_received": "3,000"})
    answers = app_of(account).answers
    e = household_from_answers(answers, clock.today()).circumstances.emergency
    assert (e.needs, e.help_kinds, str(e.help_received)) == (("shelter", "food"), ("insurance",), "3000")
    # None yet: no amount kept.
    _post(client, app_id, "emergency-help", {"needs": "shelter", "help_kinds": "none", "help_received": "50"})
    e = household_from_answers(app_of(account).answers, clock.today()).circumstances.emergency
    assert e.help_kinds == () and e.help_received is None
    client.get("/language/en")
    text = get_page(client, f"/apply/{app_id}/check").get_text(" ", strip=True)
    assert "What you need now A place to stay" in text and "Help already received" in text


def test_not_asked_without_an_emergency_nor_on_the_emergency_first_path(client):
    signed_in(client)
    result = walk(client, one_person_dibao())
    assert not any("emergency-help" in url or "housing-kind" in url for url in result.visited)
    result = walk(client, emergency_first(), start="/apply/emergency")
    assert result.questions <= 10 and not any("emergency-help" in url for url in result.visited)


def test_housing_aid_asks_the_kind_of_difficulty(client):
    account = signed_in(client)
    app_id = _to_situation(client)
    _post(client, app_id, "types", {"types": ["housing"]})
    soup = get_page(client, f"/apply/{app_id}/housing-kind")
    assert len(soup.find_all("input", attrs={"name": "kind"})) == 5
    soup = page_of(_post(client, app_id, "housing-kind", {}, status=200))
    assert errors_of(soup) == ["请选择您的住房困难情况"]
    _post(client, app_id, "housing-kind", {"kind": "unsafe_home"})
    answers = app_of(account).answers
    c = household_from_answers(answers, clock.today()).circumstances
    assert c.housing_kind == "unsafe_home" and c.has_housing_difficulty
    # Housing aid no longer chosen: the answer goes.
    _post(client, app_id, "types", {"types": ["dibao"]})
    assert "housing_kind" not in (app_of(account).answers.get("circumstances") or {})
