"""The combined application journey through the real views: every step, skip rules, resume,
stale answers removed, the task list and the page checker on every page."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from portal.apply.answers import shape as A
from portal.extensions import db
from portal.models import Application, Consent, Event
from tests.factories import create_account, sign_in
from tests.helpers.pages import check_html, errors_of, get_page, page_of, submit
from tests.tools.walkthrough import (
    HOUSEHOLDS,
    one_person_dibao,
    permit_holder,
    resident_id,
    three_person_family,
    walk,
)
from tests.tools.walkthrough import main as walkthrough_main


class CheckedClient:
    """Runs the page checker on every HTML page the walker reads."""

    def __init__(self, client):
        self.client = client
        self.checked = 0

    def get(self, url, **kw):
        response = self.client.get(url, **kw)
        if response.status_code == 200 and response.mimetype == "text/html":
            check_html(response.get_data(as_text=True))
            self.checked += 1
        return response

    def post(self, url, **kw):
        return self.client.post(url, **kw)


def signed_in(client, **kw):
    account = create_account("resident", **kw)
    sign_in(client, account)
    return account


def app_of(account) -> Application:
    return db.session.scalars(db.select(Application).where(Application.account_id == account.id)).one()


@pytest.mark.parametrize("make", HOUSEHOLDS, ids=lambda m: m.__name__)
def test_typical_households_reach_a_confirmation(client, make):
    account = signed_in(client)
    checked = CheckedClient(client)
    result = walk(checked, make())
    assert result.reference and checked.checked >= result.pages
    application = app_of(account)
    assert application.status == "submitted" and application.reference == result.reference
    assert application.requests and all(r.status == "SUBMITTED" for r in application.requests)
    assert db.session.scalar(db.select(db.func.count(Event.id)).where(Event.application_id == application.id)) \
        == len(application.requests)


def test_one_person_dibao_meets_at_most_30_questions(client):
    signed_in(client)
    result = walk(client, one_person_dibao())
    assert result.questions <= 30, result.questions


def test_three_person_household_is_stored_as_the_brief_describes(client):
    account = signed_in(client)
    walk(client, three_person_family())
    application = app_of(account)
    answers = application.answers
    people = answers["members"]
    assert [m["relation"] for m in people] == ["self", "son", "parent"]
    assert [m["ref"] for m in people] == ["m1", "m2", "m3"]
    assert people[2]["disability"] == {"type": "physical", "grade": 2}
    assert people[1]["full_time"] is True and people[1]["student_stage"] == "bachelor"
    assert answers["income"]["m1"] == {"sources": ["wages"], "amounts": {"wages": "2600", "employment_costs": "100"}}
    assert answers["about"]["hukou"] == {"kind": "shenzhen", "where": "residence", "district_code": "440305",
                                         "office_code": "44030506"}
    assert answers["payment"]["holder_ref"] == "m1"
    assert {r.type for r in application.requests} == {"dibao", "medical", "education"}
    dibao = next(r for r in application.requests if r.type == "dibao")
    assert (dibao.authority, dibao.office_code, dibao.basis) == ("civil_affairs_district", "44030506", "hukou")
    assert application.applicant_name == "李秀英" and application.household_key
    # Every adult (applicant, adult son, grandmother) authorised the checks, each a Consent row.
    checks = db.session.scalars(db.select(Consent).where(
        Consent.application_id == application.id, Consent.kind == "economic_check_authorisation")).all()
    assert sorted(c.member_ref for c in checks) == ["m1", "m2", "m3"]
    assert all(c.text_version and c.at and c.method == "online" for c in checks)


def _start(client) -> int:
    response = submit(client, "/apply/new", {}, form_url="/apply")
    assert response.status_code == 302
    return int(response.headers["Location"].split("/")[2])


def _post(client, app_id, key, data, ref=None, status=302):
    url = f"/apply/{app_id}/{key}" + (f"/{ref}" if ref else "")
    response = submit(client, url, data)
    assert response.status_code == status, (url, errors_of(page_of(response, response.status_code)))
    return response


def _fill_about(client, app_id, where="residence"):
    _post(client, app_id, "name", {"name": "王小明", "id_number": resident_id("440305", "19700315", "113")})
    _post(client, app_id, "phone", {"phone": "138 0013 8000"})
    _post(client, app_id, "address", {"office_code": "44030506", "address": "科技路1号"})
    _post(client, app_id, "hukou", {"where": where})


def test_task_list_shows_each_section_status(client):
    signed_in(client)
    app_id = _start(client)
    soup = get_page(client, f"/apply/{app_id}")
    statuses = [tag.get_text(strip=True) for tag in soup.select(".task .tag")]
    assert statuses[0] == "未开始" and "暂不能开始" in statuses
    _fill_about(client, app_id)
    soup = get_page(client, f"/apply/{app_id}")
    assert soup.select(".task .tag")[0].get_text(strip=True) == "进行中"
    _post(client, app_id, "marital", {"marital_status": "single"})
    client.get("/language/en")
    soup = get_page(client, f"/apply/{app_id}")
    tags = [tag.get_text(strip=True) for tag in soup.select(".task .tag")]
    assert tags[0] == "Completed" and tags[1] == "Not started"


def test_a_page_of_a_section_that_cannot_start_sends_back_to_the_task_list(client):
    signed_in(client)
    app_id = _start(client)
    response = client.get(f"/apply/{app_id}/savings")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/apply/{app_id}")


def test_save_and_continue_goes_to_the_next_question_and_back_link_to_the_previous(client):
    signed_in(client)
    app_id = _start(client)
    response = _post(client, app_id, "name", {"name": "王小明", "id_number": resident_id("440305", "19700315", "113")})
    assert response.headers["Location"].endswith(f"/apply/{app_id}/phone")
    soup = get_page(client, f"/apply/{app_id}/phone")
    assert soup.select_one("a.back-link")["href"].endswith(f"/apply/{app_id}/name")
    # What was typed is shown again when going back.
    soup = get_page(client, f"/apply/{app_id}/name")
    assert soup.select_one("#name")["value"] == "王小明"


def test_skip_rules_registration_pages(client):
    signed_in(client)
    app_id = _start(client)
    _fill_about(client, app_id, where="shenzhen")
    response = client.get(f"/apply/{app_id}/hukou-elsewhere")
    assert response.status_code == 302  # not needed: back to the task list
    get_page(client, f"/apply/{app_id}/hukou-shenzhen")
    assert client.get(f"/apply/{app_id}/permit").status_code == 302


def test_changing_an_answer_removes_what_no_longer_applies_and_the_summary_says_so(client):
    account = signed_in(client)
    app_id = _start(client)
    _fill_about(client, app_id, where="elsewhere")
    _post(client, app_id, "hukou-elsewhere", {"region_code": "430000", "place": "衡阳市"})
    _post(client, app_id, "marital", {"marital_status": "single"})
    _post(client, app_id, "permit", {"has_permit": "yes"})
    _post(client, app_id, "permit-details", {"issued_on": "2024-03-01", "expires_on": "2027-02-28",
                                             "district_code": "440305"})
    application = app_of(account)
    assert application.answers["permit"]["issued_on"] == "2024-03-01"
    # Now the registration turns out to be in Shenzhen: permit and place elsewhere go.
    _post(client, app_id, "hukou", {"where": "residence"})
    db.session.refresh(application)
    answers = application.answers
    assert "permit" not in answers or not answers["permit"]
    assert "region_code" not in answers["about"]["hukou"] and answers["about"]["hukou"]["kind"] == "shenzhen"
    assert {"hukou-elsewhere", "permit", "permit-details"} <= {item["step"] for item in answers["_removed"]}
    soup = get_page(client, f"/apply/{app_id}/check")
    removed = soup.select_one(".notice--info").get_text(" ", strip=True)
    assert "您的居住证" in removed


def test_unticking_a_source_removes_its_amount(client):
    account = signed_in(client)
    app_id = _start(client)
    _fill_about(client, app_id)
    _post(client, app_id, "marital", {"marital_status": "single"})
    _post(client, app_id, "member-details", {"student_stage": "bachelor", "labour_capacity": "full",
                                             "has_disability": "yes", "serious_illness": "no",
                                             "employment": "student"}, ref="m1")
    _post(client, app_id, "member-disability", {"type": "visual", "grade": "1"}, ref="m1")
    _post(client, app_id, "household", {"add_another": "no"})
    _post(client, app_id, "income-sources", {"sources": ["wages", "pension"]}, ref="m1")
    _post(client, app_id, "income-amounts", {"wages": "3000", "pension": "1000"}, ref="m1")
    _post(client, app_id, "income-sources", {"sources": ["pension"]}, ref="m1")
    income = app_of(account).answers["income"]["m1"]
    assert income == {"sources": ["pension"], "amounts": {"pension": "1000"}}
    # No longer studying, no certificate: the study and disability answers go too.
    _post(client, app_id, "member-details", {"student_stage": "none", "labour_capacity": "full",
                                             "has_disability": "no", "serious_illness": "no",
                                             "employment": "unemployed"}, ref="m1")
    me = A.applicant(app_of(account).answers)
    assert "full_time" not in me and "disability" not in me


def test_household_members_are_added_changed_and_removed_one_at_a_time(client):
    account = signed_in(client)
    app_id = _start(client)
    _fill_about(client, app_id)
    _post(client, app_id, "marital", {"marital_status": "married"})
    _post(client, app_id, "member-details", {"student_stage": "none", "labour_capacity": "full",
                                             "has_disability": "no", "serious_illness": "no",
                                             "employment": "employed"}, ref="m1")
    response = _post(client, app_id, "household", {"add_another": "yes"})
    assert response.headers["Location"].endswith(f"/apply/{app_id}/member/new")
    spouse = {"name": "李娜", "relation": "spouse", "id_number": resident_id("440305", "19720101", "222"),
              "lives_with_applicant": "yes"}
    response = _post(client, app_id, "member", spouse, ref="new")
    assert response.headers["Location"].endswith(f"/apply/{app_id}/member-details/m2")
    # A second husband or wife, or an ID number given twice, is refused with a message.
    second = dict(spouse, name="王芳", id_number=resident_id("440305", "19750101", "224"))
    soup = page_of(_post(client, app_id, "member", second, ref="new", status=200))
    assert errors_of(soup) == ["您已添加配偶：一户最多一名配偶"]
    twice = dict(spouse, relation="sibling")
    soup = page_of(_post(client, app_id, "member", twice, ref="new", status=200))
    assert errors_of(soup) == ["这个身份证号码已用于家庭中的另一人"]
    assert len(app_of(account).answers["members"]) == 2
    # Change, then remove.
    _post(client, app_id, "member", dict(spouse, name="李娜娜"), ref="m2")
    assert app_of(account).answers["members"][1]["name"] == "李娜娜"
    soup = get_page(client, f"/apply/{app_id}/member/m2/remove")
    assert "李娜娜" in soup.h1.get_text()
    submit(client, f"/apply/{app_id}/member/m2/remove", {"confirm": "yes"})
    assert [m["ref"] for m in app_of(account).answers["members"]] == ["m1"]
    assert client.get(f"/apply/{app_id}/member/m1/remove").status_code == 404  # never the applicant


def test_resume_on_a_new_device_continues_where_the_resident_stopped(app):
    first, second = app.test_client(), app.test_client()
    account = create_account("resident")
    sign_in(first, account)
    app_id = _start(first)
    _fill_about(first, app_id)
    # Nothing of the draft is in the cookie: the other device has only its own session.
    with first.session_transaction() as session:
        assert set(session.keys()) <= {"sid", "until", "_permanent", "csrf_token", "lang", "_fresh"}
    sign_in(second, account)
    response = second.get("/apply")
    assert response.headers["Location"].endswith(f"/apply/{app_id}")
    soup = get_page(second, f"/apply/{app_id}")
    assert soup.select_one("a.button")["href"].endswith(f"/apply/{app_id}/marital")
    home = get_page(second, "/home")
    assert home.find("a", href=f"/apply/{app_id}") is not None


def test_save_and_come_back_later_signs_out_and_says_how_to_return(client):
    account = signed_in(client, phone="13812345678")
    app_id = _start(client)
    response = submit(client, f"/apply/{app_id}/name", {
        "name": "王小明", "id_number": resident_id("440305", "19700315", "113"), "then": "exit"})
    assert response.headers["Location"].endswith("/apply/saved")
    soup = get_page(client, "/apply/saved")
    assert "138****5678" in soup.get_text()
    assert client.get(f"/apply/{app_id}").status_code == 302  # signed out
    assert app_of(account).answers["about"]["name"] == "王小明"


def test_other_people_cannot_see_or_change_a_draft(client, app):
    owner = create_account("resident")
    sign_in(client, owner)
    app_id = _start(client)
    stranger = app.test_client()
    sign_in(stranger, create_account("resident"))
    for url in (f"/apply/{app_id}", f"/apply/{app_id}/name", f"/apply/{app_id}/check",
                f"/apply/{app_id}/member/m1/remove"):
        assert stranger.get(url).status_code == 404
    caseworker = app.test_client()
    sign_in(caseworker, create_account("caseworker"))
    assert caseworker.get(f"/apply/{app_id}").status_code == 404  # drafts are the applicant's only
    assert caseworker.get("/apply").status_code == 403


@pytest.mark.parametrize("url", ["/apply/999999", "/apply/1/nonsense", "/apply/1/member/zzzzzzzzzzzz",
                                 "/apply/1/member-details", "/apply/99999999999999999999/name",
                                 "/apply/confirmation/not-a-reference", "/documents/123456789"])
def test_malformed_urls_are_not_found(client, url):
    signed_in(client)
    _start(client)
    assert client.get(url).status_code == 404


def test_home_lists_drafts_to_continue_and_submitted_applications_to_follow(client, app):
    signed_in(client)
    home = get_page(client, "/home")
    assert home.find("a", href="/apply") is not None  # start an application
    result = walk(client, one_person_dibao())
    home = get_page(client, "/home")
    follow = home.find("a", string=lambda s: s and result.reference in s)
    assert follow is not None and result.reference in follow["href"]
    assert home.find("a", href="/apply") is not None  # nothing open as a draft: may start another
    app_id = _start(client)
    home = get_page(client, "/home")
    assert home.find("a", href=f"/apply/{app_id}") is not None
    assert home.find("a", href="/apply") is None  # one draft at a time: continue it instead


def test_walkthrough_command_prints_pages_and_questions(app):
    result = CliRunner().invoke(walkthrough_main)  # python -m tests.tools.walkthrough, make walkthrough
    assert result.exit_code == 0, result.output
    lines = {line[:58].strip(): line[58:].split() for line in result.output.splitlines()[1:5]}
    pages, with_questions, questions = map(int, lines["One person, minimum living allowance"])
    assert questions <= 30 and with_questions <= pages
    assert set(lines) == {"One person, minimum living allowance", "Three people: a disabled grandmother and a student",
                          "Registered in another province, with a residence permit", "Emergency after a fire"}


def test_nothing_shenzhen_can_receive_is_not_submitted(client):
    household = permit_holder()
    household.pages["types"] = {"types": ["tekun"]}  # a personal status: registration place only
    account = signed_in(client)
    result = walk(client, household, stop_at_check=True)
    soup = get_page(client, result.visited[-1])
    response = client.post(result.visited[-1], data={
        "csrf_token": soup.find("input", attrs={"name": "csrf_token"})["value"],
        "submission_token": soup.find("input", attrs={"name": "submission_token"})["value"]})
    soup = page_of(response, 409)
    assert "深圳无法受理您选择的任何救助" in soup.select_one(".error-summary").get_text()
    assert app_of(account).status == "draft"


def test_vehicles_homes_and_businesses_are_asked_only_when_owned(client):
    account = signed_in(client)
    app_id = _start(client)
    _fill_about(client, app_id)
    _post(client, app_id, "marital", {"marital_status": "single"})
    _post(client, app_id, "member-details", {"student_stage": "none", "labour_capacity": "full", "has_disability": "no",
                                             "serious_illness": "no", "employment": "employed"}, ref="m1")
    _post(client, app_id, "household", {"add_another": "no"})
    _post(client, app_id, "income-sources", {"sources": "none"}, ref="m1")
    _post(client, app_id, "savings", {"deposits": "0", "securities": "0", "insurance_cash_value": "0", "receivables": "0"})
    response = _post(client, app_id, "property", {"owns": ["vehicle", "home", "business"]})
    assert response.headers["Location"].endswith(f"/apply/{app_id}/vehicles")
    # "Add another vehicle" keeps the first and shows a second row.
    response = _post(client, app_id, "vehicles", {"value_1": "30000", "use_1": "disabled_member", "more": "1"})
    assert response.headers["Location"].endswith(f"/apply/{app_id}/vehicles?more=1")
    soup = get_page(client, f"/apply/{app_id}/vehicles?more=1")
    assert soup.select_one("#value_1")["value"] == "30000" and soup.select_one("#value_2") is not None
    _post(client, app_id, "vehicles", {"value_1": "30000", "use_1": "disabled_member", "value_2": "8000", "use_2": "work"})
    soup = page_of(_post(client, app_id, "homes", {"use_1": "self_occupied", "area_1": "-3"}, status=200), 200)
    assert errors_of(soup) == ["建筑面积不能是负数"]
    _post(client, app_id, "homes", {"use_1": "self_occupied", "area_1": "45.5"})
    soup = page_of(_post(client, app_id, "businesses", {"count": "lots"}, status=200), 200)
    assert errors_of(soup) == ["请填写 1 至 99 之间的整数"]
    _post(client, app_id, "businesses", {"count": "１"})
    assets = app_of(account).answers["assets"]
    assert assets["vehicles"] == [{"value": "30000", "exemption": "disabled_member"}, {"value": "8000", "exemption": "work"}]
    assert assets["houses"] == [{"use": "self_occupied", "area_m2": "45.5"}] and assets["business_registrations"] == 1
    # Nobody owns anything after all: the three lists go, and say so.
    _post(client, app_id, "property", {"owns": "none"})
    assets = app_of(account).answers["assets"]
    assert "vehicles" not in assets and "houses" not in assets and "business_registrations" not in assets
    assert {"vehicles", "homes", "businesses"} <= {r["step"] for r in app_of(account).answers["_removed"]}
