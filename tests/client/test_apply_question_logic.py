"""Issue 18, question logic of the journey: no school stage asked of someone 60 or over (the
age comes from the ID), full-time study asked on the same page and only of an adult son or
daughter, savings boxes left empty mean none, wages asked before tax when tax is deducted."""
from __future__ import annotations

from portal.apply.answers import shape as A
from tests.client.test_apply_journey import (
    _fill_about,
    _post,
    _start,
    app_of,
    signed_in,
)
from tests.helpers.pages import errors_of, get_page, page_of
from tests.tools.walkthrough import resident_id

DETAILS = {"labour_capacity": "full", "has_disability": "no", "serious_illness": "no", "employment": "employed"}


def _with_member(client, app_id, relation, birth, sequence="222"):
    _post(client, app_id, "marital", {"marital_status": "married"})
    _post(client, app_id, "member-details", {"student_stage": "none", **DETAILS}, ref="m1")
    _post(client, app_id, "household", {"add_another": "yes"})
    _post(client, app_id, "member", {"name": "李秀英", "relation": relation, "lives_with_applicant": "no",
                                     "id_number": resident_id("440305", birth, sequence)}, ref="new")


def test_a_member_aged_74_is_not_asked_her_school_stage(client):
    account = signed_in(client)
    app_id = _start(client)
    _fill_about(client, app_id)
    _with_member(client, app_id, "parent", "19520101")
    soup = get_page(client, f"/apply/{app_id}/member-details/m2")
    assert soup.find(id="student_stage") is None and soup.find(attrs={"name": "full_time"}) is None
    _post(client, app_id, "member-details", {**DETAILS, "exclusions": "none"}, ref="m2")
    assert A.member(app_of(account).answers, "m2")["student_stage"] == "none"


def test_the_applicant_under_60_is_asked_the_stage_but_not_full_time(client):
    signed_in(client)
    app_id = _start(client)
    _fill_about(client, app_id)
    _post(client, app_id, "marital", {"marital_status": "single"})
    soup = get_page(client, f"/apply/{app_id}/member-details/m1")
    assert soup.find(id="student_stage") is not None
    assert soup.find(attrs={"name": "full_time"}) is None


def test_an_adult_son_is_asked_full_time_on_the_same_page(client):
    account = signed_in(client)
    app_id = _start(client)
    _fill_about(client, app_id)
    _with_member(client, app_id, "son", "20050301")
    soup = get_page(client, f"/apply/{app_id}/member-details/m2")
    assert soup.find(attrs={"name": "full_time"}) is not None
    # Studying without saying whether full time: the message is next to that question.
    data = {**DETAILS, "student_stage": "bachelor", "employment": "student", "exclusions": "none"}
    soup = page_of(_post(client, app_id, "member-details", data, ref="m2", status=200))
    assert errors_of(soup) == ["如果是全日制学习，请选择“是”"]
    assert soup.find(id="student_stage").find("option", selected=True)["value"] == "bachelor"
    response = _post(client, app_id, "member-details", {**data, "full_time": "yes"}, ref="m2")
    assert response.headers["Location"].endswith("/household")  # no separate study page follows
    assert A.member(app_of(account).answers, "m2")["full_time"] is True
    # Not studying: a full-time answer is not kept.
    _post(client, app_id, "member-details", {**data, "student_stage": "none", "employment": "employed",
                                             "full_time": "yes"}, ref="m2")
    assert "full_time" not in A.member(app_of(account).answers, "m2")


def test_empty_savings_boxes_mean_none(client):
    account = signed_in(client)
    app_id = _start(client)
    _fill_about(client, app_id)
    _post(client, app_id, "marital", {"marital_status": "single"})
    _post(client, app_id, "member-details", {"student_stage": "none", **DETAILS}, ref="m1")
    _post(client, app_id, "household", {"add_another": "no"})
    text = get_page(client, f"/apply/{app_id}/savings").get_text()
    assert "没有的请留空" in text and "填 0" not in text
    _post(client, app_id, "savings", {"deposits": "1200", "securities": "", "insurance_cash_value": "",
                                      "receivables": ""})
    assets = app_of(account).answers["assets"]
    assert (assets["deposits"], assets["securities"], assets["insurance_cash_value"], assets["receivables"]) == \
        ("1200", "0", "0", "0")


def test_wages_are_asked_before_tax_since_tax_is_taken_off(client):
    signed_in(client)
    app_id = _start(client)
    _fill_about(client, app_id)
    _post(client, app_id, "marital", {"marital_status": "single"})
    _post(client, app_id, "member-details", {"student_stage": "none", **DETAILS}, ref="m1")
    _post(client, app_id, "household", {"add_another": "no"})
    _post(client, app_id, "income-sources", {"sources": ["wages"]}, ref="m1")
    text = get_page(client, f"/apply/{app_id}/income-amounts/m1").get_text()
    assert "税前工资" in text and "税后" not in text
    assert "已缴个人所得税" in text and "已缴社会保险费" in text
