"""A member's own household registration and how long they have lived with the applicant:
asked only when a rule reads them (S-DB Art. 7 (4) co-residence of relatives; S-DB Art. 5 ¶1
registration when the applicant does not live at their own), errors next to the field, and
into the household and the routing."""
from __future__ import annotations

from portal import clock
from portal.apply.answers import shape as A
from portal.apply.answers.household_map import household_from_answers
from portal.apply.places import jurisdiction as where
from tests.client.test_apply_journey import (
    _fill_about,
    _post,
    _start,
    app_of,
    signed_in,
)
from tests.helpers.pages import errors_of, get_page, page_of
from tests.tools.walkthrough import resident_id

DETAILS = {"student_stage": "none", "labour_capacity": "full", "has_disability": "no", "serious_illness": "no",
           "employment": "employed"}
NANSHAN, YUEHAI = "440305", "44030506"


def _member(client, app_id, relation, birth, lives="yes", sequence="222"):
    _post(client, app_id, "member-details", DETAILS, ref="m1")
    _post(client, app_id, "household", {"add_another": "yes"})
    _post(client, app_id, "member", {"name": "李秀英", "relation": relation, "lives_with_applicant": lives,
                                     "id_number": resident_id("440305", birth, sequence)}, ref="new")


def _registered_elsewhere(client) -> int:
    app_id = _start(client)
    _post(client, app_id, "name", {"name": "刘建国", "id_number": resident_id("430422", "19850203", "153")})
    _post(client, app_id, "phone", {"phone": "138 0013 8000"})
    _post(client, app_id, "address", {"office_code": YUEHAI, "address": "学府路8号"})
    _post(client, app_id, "hukou", {"where": "elsewhere"})
    _post(client, app_id, "hukou-elsewhere", {"region_code": "430000", "place": "衡阳市衡南县"})
    _post(client, app_id, "marital", {"marital_status": "married"})
    _post(client, app_id, "permit", {"has_permit": "no"})
    _post(client, app_id, "where", {"not_receiving_elsewhere": "y"})
    return app_id


def test_a_mother_is_asked_how_long_she_has_lived_with_you(client):
    account = signed_in(client)
    app_id = _start(client)
    _fill_about(client, app_id)
    _post(client, app_id, "marital", {"marital_status": "single"})
    _member(client, app_id, "parent", "19520101")
    soup = get_page(client, f"/apply/{app_id}/member-details/m2")
    assert soup.find(attrs={"name": "co_residence"}) is not None
    assert soup.find(id="hukou") is None  # the applicant lives where registered: routing needs no more
    data = {"labour_capacity": "none", "has_disability": "no", "serious_illness": "no", "employment": "retired",
            "exclusions": "none"}
    soup = page_of(_post(client, app_id, "member-details", data, ref="m2", status=200))
    assert errors_of(soup) == ["请选择共同居住的时间"]
    assert soup.find(id="employment").find("option", selected=True)["value"] == "retired"  # nothing typed lost
    _post(client, app_id, "member-details", {**data, "co_residence": "under_6_months"}, ref="m2")
    answers = app_of(account).answers
    assert A.member(answers, "m2")["co_residence"] == "under_6_months"
    household = household_from_answers(answers, clock.today())
    assert household.members[1].co_resident_months == 0
    assert household.membership(clock.today()).not_counted == ((1, "not_long_term_co_resident"),)
    _post(client, app_id, "member-details", {**data, "co_residence": "1_year_or_more"}, ref="m2")
    household = household_from_answers(app_of(account).answers, clock.today())
    assert household.members[1].co_resident_months == 12
    assert 1 in household.membership(clock.today()).indices


def test_a_spouse_and_a_mother_living_elsewhere_are_not_asked(client):
    signed_in(client)
    app_id = _start(client)
    _fill_about(client, app_id)
    _post(client, app_id, "marital", {"marital_status": "married"})
    _member(client, app_id, "spouse", "19720101")
    assert get_page(client, f"/apply/{app_id}/member-details/m2").find(attrs={"name": "co_residence"}) is None
    _post(client, app_id, "member-details", {**DETAILS, "exclusions": "none"}, ref="m2")
    _post(client, app_id, "household", {"add_another": "yes"})
    _post(client, app_id, "member", {"name": "王母", "relation": "parent", "lives_with_applicant": "no",
                                     "id_number": resident_id("440305", "19500101", "246")}, ref="new")
    assert get_page(client, f"/apply/{app_id}/member-details/m3").find(attrs={"name": "co_residence"}) is None


def test_a_wife_registered_where_they_live_brings_the_application_there(client):
    account = signed_in(client)
    client.get("/language/en")
    app_id = _registered_elsewhere(client)
    today = clock.today()
    before = where.route(app_of(account).answers, ["dibao"], today)
    assert before is not None and not before[0].receivable  # registered in Hunan, no residence permit
    _member(client, app_id, "spouse", "19870101")
    soup = get_page(client, f"/apply/{app_id}/member-details/m2")
    options = [o["value"] for o in soup.find(id="hukou").find_all("option")]
    assert options[:2] == ["", "same"] and NANSHAN in options and options[-2:] == ["elsewhere", "unknown"]
    assert soup.find(attrs={"name": "co_residence"}) is None  # a wife counts however long
    soup = page_of(_post(client, app_id, "member-details", {**DETAILS, "exclusions": "none"}, ref="m2", status=200))
    assert errors_of(soup) == ["Choose where their household registration is"]
    _post(client, app_id, "member-details", {**DETAILS, "exclusions": "none", "hukou": NANSHAN}, ref="m2")
    answers = app_of(account).answers
    assert household_from_answers(answers, today).members[1].hukou == NANSHAN
    dibao = where.route(answers, ["dibao"], today)[0]
    assert (dibao.receivable, dibao.office_code, dibao.basis) == (True, YUEHAI, "hukou")
    # Registered with the applicant: nothing changes, and the household reads the applicant's.
    _post(client, app_id, "member-details", {**DETAILS, "exclusions": "none", "hukou": "same"}, ref="m2")
    answers = app_of(account).answers
    assert household_from_answers(answers, today).members[1].hukou == "elsewhere"
    assert not where.route(answers, ["dibao"], today)[0].receivable


def test_the_check_page_shows_both_answers(client):
    signed_in(client)
    client.get("/language/en")
    app_id = _registered_elsewhere(client)
    _member(client, app_id, "parent", "19600101")
    _post(client, app_id, "member-details", {**DETAILS, "exclusions": "none", "hukou": NANSHAN,
                                             "co_residence": "6_to_12_months"}, ref="m2")
    text = get_page(client, f"/apply/{app_id}/check").get_text(" ", strip=True)
    assert "李秀英: has lived with you for 6 months to a year" in text
    assert "李秀英: household registration Nanshan" in text


def test_support_from_a_sister_is_its_own_income_source(client):
    account = signed_in(client)
    app_id = _start(client)
    _fill_about(client, app_id)
    _post(client, app_id, "marital", {"marital_status": "single"})
    _post(client, app_id, "member-details", DETAILS, ref="m1")
    _post(client, app_id, "household", {"add_another": "no"})
    _post(client, app_id, "income-sources", {"sources": "support_sibling_or_carer"}, ref="m1")
    _post(client, app_id, "income-amounts", {"support_sibling_or_carer": "600"}, ref="m1")
    item = household_from_answers(app_of(account).answers, clock.today()).members[0].income[0]
    assert (item.category, item.subtype, str(item.amount)) == ("transfer", "support_sibling_or_carer_60", "600")


def _one_person_to_types(client, app_id, employment="unemployed", types=("temp_expenditure",)):
    _fill_about(client, app_id)
    _post(client, app_id, "marital", {"marital_status": "single"})
    _post(client, app_id, "member-details", {**DETAILS, "employment": employment}, ref="m1")
    _post(client, app_id, "household", {"add_another": "no"})
    _post(client, app_id, "income-sources", {"sources": "none"}, ref="m1")
    _post(client, app_id, "savings", {"deposits": "100", "securities": "0", "insurance_cash_value": "0",
                                      "receivables": "0"})
    _post(client, app_id, "property", {"owns": "none"})
    _post(client, app_id, "costs", {"costs": "none"})
    _post(client, app_id, "situation", {"situations": "none"})
    _post(client, app_id, "types", {"types": list(types)})


def test_an_adult_son_living_with_you_is_asked_how_long(client):
    account = signed_in(client)
    app_id = _start(client)
    _fill_about(client, app_id)
    _post(client, app_id, "marital", {"marital_status": "divorced"})
    _member(client, app_id, "son", "19990101")
    soup = get_page(client, f"/apply/{app_id}/member-details/m2")
    assert soup.find(attrs={"name": "co_residence"}) is not None
    data = {**DETAILS, "exclusions": "none"}
    soup = page_of(_post(client, app_id, "member-details", data, ref="m2", status=200))
    assert errors_of(soup) == ["请选择共同居住的时间"]
    _post(client, app_id, "member-details", {**data, "co_residence": "under_6_months"}, ref="m2")
    household = household_from_answers(app_of(account).answers, clock.today())
    assert household.members[1].co_resident_months == 0
    assert household.membership(clock.today()).not_counted == ((1, "not_long_term_co_resident"),)
    # A son under 18 counts wherever he lives (Art. 7 (2)): not asked.
    _post(client, app_id, "household", {"add_another": "yes"})
    _post(client, app_id, "member", {"name": "王小宝", "relation": "son", "lives_with_applicant": "yes",
                                     "id_number": resident_id("440305", "20150101", "337")}, ref="new")
    assert get_page(client, f"/apply/{app_id}/member-details/m3").find(attrs={"name": "co_residence"}) is None


def test_a_member_without_work_is_asked_about_unemployment_insurance(client):
    account = signed_in(client)
    client.get("/language/en")
    app_id = _start(client)
    _one_person_to_types(client, app_id)
    soup = get_page(client, f"/apply/{app_id}/member-unemployed/m1")
    assert soup.find(attrs={"name": "insured"}) is not None and soup.find(id="months") is not None
    soup = page_of(_post(client, app_id, "member-unemployed", {"insured": "no", "months": "four"}, ref="m1",
                         status=200))
    assert errors_of(soup) == ["Enter a whole number of months from 0 to 1200, for example 4"]
    assert soup.find(id="months")["value"] == "four"  # nothing typed lost
    soup = page_of(_post(client, app_id, "member-unemployed", {"months": "4"}, ref="m1", status=200))
    assert errors_of(soup) == ["Choose yes if unemployment insurance benefit is paid"]
    _post(client, app_id, "member-unemployed", {"insured": "no", "months": "４"}, ref="m1")
    member = household_from_answers(app_of(account).answers, clock.today()).members[0]
    assert (member.unemployment_insurance, member.months_without_income) == (False, 4)
    text = get_page(client, f"/apply/{app_id}/check").get_text(" ", strip=True)
    assert "time without work No unemployment insurance benefit; 4 months without income" in text
    # Only the minimum living allowance: no rule reads it any more, and the answers go.
    _post(client, app_id, "types", {"types": ["dibao"]})
    person = A.member(app_of(account).answers, "m1")
    assert "unemployment_insurance" not in person and "months_without_income" not in person
    assert client.get(f"/apply/{app_id}/member-unemployed/m1").status_code in (302, 404)


def test_a_member_in_work_is_not_asked_about_unemployment_insurance(client):
    signed_in(client)
    app_id = _start(client)
    _one_person_to_types(client, app_id, employment="employed", types=("assess_all",))
    assert client.get(f"/apply/{app_id}/member-unemployed/m1").status_code in (302, 404)


def test_a_one_person_dibao_applicant_is_asked_about_the_clergy_route(client):
    account = signed_in(client)
    app_id = _start(client)
    _one_person_to_types(client, app_id, types=("dibao",))
    soup = page_of(_post(client, app_id, "clergy", {}, ref="m1", status=200))
    assert errors_of(soup) == ["如果您是在宗教活动场所居住三年以上的宗教教职人员，请选择“是”"]
    _post(client, app_id, "clergy", {"clergy": "yes"}, ref="m1")
    assert household_from_answers(app_of(account).answers, clock.today()).members[0].clergy_at_venue_3y is True
    # Another member joins: the route concerns one-person applications only, and the answer goes.
    _post(client, app_id, "household", {"add_another": "yes"})
    _post(client, app_id, "member", {"name": "李秀英", "relation": "parent", "lives_with_applicant": "yes",
                                     "id_number": resident_id("440305", "19500101", "246")}, ref="new")
    assert "clergy_at_venue_3y" not in A.member(app_of(account).answers, "m1")
    assert client.get(f"/apply/{app_id}/clergy/m1").status_code in (302, 404)


def test_the_co_residence_bands_follow_the_long_term_period_in_force(client, monkeypatch):
    """The bands' boundary is the policy figure long_term_co_residence_months: with 8 months in
    force the page offers under 8 / 8 to 12 / a year or more, and the answer reads as its months;
    an answer given under the shipped 6 still reads as 6 and is shown in its own words."""
    import portal.policy_figures as figures
    from portal.apply.answers import choices as C
    from portal.domain.household import LONG_TERM_CO_RESIDENCE_KEY
    from tests.domain.test_eligibility import make_policy

    eight = make_policy(**{LONG_TERM_CO_RESIDENCE_KEY: 8})
    monkeypatch.setattr(figures, "current_policy", lambda: eight)
    account = signed_in(client)
    client.get("/language/en")
    app_id = _start(client)
    _fill_about(client, app_id)
    _post(client, app_id, "marital", {"marital_status": "single"})
    _member(client, app_id, "parent", "19520101")
    soup = get_page(client, f"/apply/{app_id}/member-details/m2")
    offered = [i["value"] for i in soup.find_all("input", attrs={"name": "co_residence"})]
    assert offered == ["under_8_months", "8_to_12_months", "1_year_or_more"]
    assert "Less than 8 months" in soup.get_text() and "8 months to a year" in soup.get_text()
    data = {"labour_capacity": "none", "has_disability": "no", "serious_illness": "no", "employment": "retired",
            "exclusions": "none"}
    soup = page_of(_post(client, app_id, "member-details", {**data, "co_residence": "6_to_12_months"},
                         ref="m2", status=200))  # a band of another period is refused next to the field
    assert errors_of(soup) and soup.find(id="employment").find("option", selected=True)["value"] == "retired"
    _post(client, app_id, "member-details", {**data, "co_residence": "8_to_12_months"}, ref="m2")
    household = household_from_answers(app_of(account).answers, clock.today())
    assert household.members[1].co_resident_months == 8
    assert "8 months to a year" in get_page(client, f"/apply/{app_id}/check").get_text(" ", strip=True)
    # Bands of any period: the code says its lower bound; beyond a year, "N months or more".
    assert [c for c, _w, _m in C.co_residence_bands(6)] == ["under_6_months", "6_to_12_months", "1_year_or_more"]
    assert [m for _c, _w, m in C.co_residence_bands(12)] == [0, 12]
    assert [c for c, _w, _m in C.co_residence_bands(18)] == ["under_18_months", "18_months_or_more"]
    assert [C.co_residence_months(c) for c in ("under_6_months", "6_to_12_months", "18_months_or_more",
                                               "1_year_or_more", "forever", None)] == [0, 6, 18, 12, None, None]
    assert C.co_residence_label("6_to_12_months") == "6 months to a year"
