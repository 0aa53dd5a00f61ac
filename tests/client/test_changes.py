"""Issue 16 part 2: a resident reports a change on the application's own pages, prefilled with the
last answers, sees before and after and sends it; the office sees it in its queue and on the case
and records it as handled with a note; both are events in the resident's timeline."""
from __future__ import annotations

import pytest

from portal.calendar_notices import work_calendar
from portal.clock import today
from portal.domain import changes as rules
from portal.extensions import db
from portal.models import Event
from portal.policy_figures import current_policy
from tests.factories import create_account, create_application, sign_in
from tests.helpers.pages import csrf_token, errors_of, get_page, page_of

OFFICE = "44030506"  # 南山区
ANSWERS = {
    "about": {"name": "张三", "id_number": "440305199001011234", "address": "科技路1号", "office_code": OFFICE,
              "district_code": "440305"},
    "members": [{"ref": "m1", "relation": "self", "name": "张三", "id_number": "440305199001011234"}],
    "assets": {"deposits": "1000", "securities": "0", "insurance_cash_value": "0", "receivables": "0"},
}
WORDS = {
    "zh_Hans": {"link": "报告家庭人口、收入、财产或住址的变化", "title": "报告变化", "check": "核对变化内容",
                "reported": "您报告了一项变化", "handled": "街道办已处理您报告的变化", "before": "变化前：",
                "nothing": "没有任何变化。请修改答案，或在此说明发生了什么变化。",
                "queue": "居民报告的变化", "empty_note": "请说明您对该变化做了什么处理"},
    "zh_Hant": {"link": "報告家庭人口、收入、財產或住址的變化", "title": "報告變化", "check": "核對變化內容",
                "reported": "您報告了一項變化", "handled": "街道辦已處理您報告的變化", "before": "變化前：",
                "nothing": "沒有任何變化。請修改答案，或在此說明發生了甚麼變化。",
                "queue": "居民報告的變化", "empty_note": "請說明您對該變化做了甚麼處理"},
    "en": {"link": "Report a change in your household, income, savings or address", "title": "Report a change",
           "check": "Check what has changed", "reported": "You reported a change",
           "handled": "The office handled your change", "before": "Before:",
           "nothing": "Nothing has changed. Change an answer, or say what changed here.",
           "queue": "Changes reported by residents", "empty_note": "Say what you did about the change"},
}


def _granted(resident, language="zh_Hans", status="IN_PAYMENT"):
    return create_application(resident, locale=language, request_status=status, office_code=OFFICE,
                              answers={k: (dict(v) if isinstance(v, dict) else [dict(m) for m in v])
                                       for k, v in ANSWERS.items()})


def test_domain_rules():
    assert rules.may_report("submitted", ["IN_PAYMENT"]) and rules.may_report("submitted", ["SUBMITTED", "STOPPED"])
    assert not rules.may_report("submitted", ["STOPPED"]) and not rules.may_report("draft", ["SUBMITTED"])
    assert rules.target([(5, "STOPPED"), (7, "IN_PAYMENT"), (6, "WITHDRAWN")]) == 7
    assert rules.changed({"a": "1", "b": None, "c": ["x"]}, {"a": "2", "b": "", "c": ["x"]}) == ["a"]
    assert rules.check_note("x" * 1001) == "too_long" and rules.check_note("", required=True) == "required"
    assert rules.check_note("") is None


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant", "en"])
def test_change_after_approval_from_report_to_handled(client, app, language):
    words = WORDS[language]
    resident = create_account("resident")
    application = _granted(resident, language)
    reference = application.reference
    sign_in(client, resident)
    client.get(f"/language/{language}")
    page = get_page(client, f"/my/applications/{reference}")
    link = page.find("a", string=words["link"])
    assert link is not None and link["href"] == f"/my/applications/{reference}/change"
    topics = get_page(client, link["href"])
    assert topics.find("h1").get_text() == words["title"]
    url = f"/my/applications/{reference}/change/savings"
    assert topics.find("a", href=url) is not None
    assert topics.find("a", href=f"/my/applications/{reference}/change/income-sources/m1") is not None

    form = get_page(client, url)
    assert form.find("input", attrs={"name": "deposits"})["value"] == "1000"  # prefilled with the last answers
    token = csrf_token(form)
    same = {"csrf_token": token, "deposits": "1000", "securities": "0", "insurance_cash_value": "0",
            "receivables": "0"}
    bad = page_of(client.post(url, data={**same, "deposits": "很多"}), 200)
    assert len(errors_of(bad)) == 1 and bad.find("input", attrs={"name": "deposits"})["value"] == "很多"

    check = page_of(client.post(url, data={**same, "deposits": "25000"}), 200)
    assert check.find("h1").get_text() == words["check"]
    changed = check.select(".change-rows .changed")
    assert len(changed) == 1 and "1000" in changed[0].get_text() and "25000" in changed[0].get_text()
    assert words["before"] in changed[0].get_text()
    hidden = {i["name"]: i["value"] for i in check.select("input[type=hidden]")}
    assert hidden["deposits"] == "25000"
    back = page_of(client.post(url, data={**same, "deposits": "25000", "confirm": "edit", "note": "三月起"}), 200)
    assert back.find("input", attrs={"name": "deposits"})["value"] == "25000"  # nothing typed lost

    nothing = page_of(client.post(url, data={**same, "confirm": "1", "note": ""}), 200)
    assert errors_of(nothing) == [words["nothing"]]
    assert db.session.scalars(db.select(Event).where(Event.action == rules.REPORT)).first() is None

    sent = client.post(url, data={**same, "deposits": "25000", "confirm": "1", "note": "三月起存款增加"})
    assert sent.status_code == 302 and sent.headers["Location"].endswith(f"/my/applications/{reference}")
    event = db.session.scalars(db.select(Event).where(Event.action == rules.REPORT)).one()
    assert event.actor_account_id == resident.id and event.to_state == "IN_PAYMENT" and event.reason == "三月起存款增加"
    assert event.data["changed"] == ["deposits"] and event.data["before"]["deposits"] in ("1000", 1000)
    on = today()
    due = work_calendar().add_working_days(on, int(current_policy().value(rules.LIMIT_KEY, on)), allow_uncovered=True)
    assert event.data["due"] == due.isoformat()
    assert application.answers["assets"]["deposits"] == "1000"  # the submitted answers stay as they were
    again = get_page(client, url)
    assert again.find("input", attrs={"name": "deposits"})["value"] == "25000"  # the last answers include the report
    page = get_page(client, f"/my/applications/{reference}")
    assert words["reported"] in page.get_text() and "三月起存款增加" in page.get_text()

    office = app.test_client()
    sign_in(office, create_account("caseworker", office_code=OFFICE))
    office.get(f"/language/{language}")
    listed = get_page(office, "/office").select_one(".change-reports")
    assert listed is not None and listed.find("a", string=reference) is not None
    assert words["queue"] in listed.get_text()
    case = get_page(office, f"/office/cases/{reference}")
    handle_url = f"/office/requests/{application.requests[0].id}/change"
    assert case.find("a", href=handle_url) is not None
    report = case.select_one(".change-report .changed")
    assert "1000" in report.get_text() and "25000" in report.get_text()
    handle = get_page(office, handle_url)
    empty = page_of(office.post(handle_url, data={"csrf_token": csrf_token(handle), "note": " "}), 200)
    assert errors_of(empty) == [words["empty_note"]]
    note = "已重新核算，下月起调整"
    assert office.post(handle_url, data={"csrf_token": csrf_token(handle), "note": note}).status_code == 302
    handled = db.session.scalars(db.select(Event).where(Event.action == rules.HANDLE)).one()
    assert handled.reason == note and handled.actor_role == "caseworker"
    assert get_page(office, "/office").select_one(".change-reports") is None
    assert get_page(office, f"/office/cases/{reference}").find("a", href=handle_url) is None
    assert office.get(handle_url).status_code == 302

    page = get_page(client, f"/my/applications/{reference}")
    assert words["handled"] in page.get_text() and note in page.get_text()


def test_address_change_while_undecided(client):
    resident = create_account("resident")
    application = _granted(resident, status="SUBMITTED")
    sign_in(client, resident)
    url = f"/my/applications/{application.reference}/change/address"
    form = get_page(client, url)
    assert form.find(attrs={"name": "address"}).get("value") == "科技路1号"


def test_nobody_else_may_report_or_handle(client, app):
    resident = create_account("resident")
    application = _granted(resident)
    other = app.test_client()
    sign_in(other, create_account("resident"))
    assert other.get(f"/my/applications/{application.reference}/change").status_code == 404
    assert other.get(f"/my/applications/{application.reference}/change/savings").status_code == 404
    sign_in(client, resident)
    assert client.get(f"/my/applications/{application.reference}/change/types").status_code == 404
    assert client.get(f"/my/applications/{application.reference}/change/income-sources/m9").status_code == 404
    url = f"/my/applications/{application.reference}/change/savings"
    form = get_page(client, url)
    data = {"csrf_token": csrf_token(form), "deposits": "3000", "securities": "0", "insurance_cash_value": "0",
            "receivables": "0", "confirm": "1"}
    assert client.post(url, data=data).status_code == 302
    elsewhere = app.test_client()
    sign_in(elsewhere, create_account("caseworker", office_code="44030301"))
    assert elsewhere.get(f"/office/requests/{application.requests[0].id}/change").status_code == 403
    assert get_page(elsewhere, "/office").select_one(".change-reports") is None


def test_no_change_report_on_an_ended_request(client):
    resident = create_account("resident")
    application = _granted(resident, status="STOPPED")
    sign_in(client, resident)
    page = get_page(client, f"/my/applications/{application.reference}")
    assert page.find("a", href=f"/my/applications/{application.reference}/change") is None
    assert client.get(f"/my/applications/{application.reference}/change").status_code == 302


def test_every_topic_opens_prefilled_and_shows_a_check_page(client):
    resident = create_account("resident")
    answers = {k: (dict(v) if isinstance(v, dict) else [dict(m) for m in v]) for k, v in ANSWERS.items()}
    answers["income"] = {"m1": {"sources": ["wages"], "amounts": {"wages": "2000"}}}
    answers["members"].append({"ref": "m2", "relation": "spouse", "name": "李四", "id_number": "440305199202021231",
                               "lives_with_applicant": True})
    application = create_application(resident, request_status="IN_PAYMENT", office_code=OFFICE, answers=answers)
    sign_in(client, resident)
    topics = get_page(client, f"/my/applications/{application.reference}/change")
    links = [a["href"] for a in topics.select(".change-topics a")]
    assert f"/my/applications/{application.reference}/change/address" in links and len(links) >= 5
    for url in links:
        form = get_page(client, url)
        data = {i["name"]: i.get("value", "") for i in form.select("main form input")
                if i.get("type") not in ("checkbox", "radio") and i.get("name")}
        for i in form.select("main form input[type=radio][checked], main form input[type=checkbox][checked]"):
            data.setdefault(i["name"], i["value"])
        for s in form.select("main form select"):
            chosen = s.select_one("option[selected]")
            data[s["name"]] = chosen["value"] if chosen else ""
        response = client.post(url, data=data)
        assert response.status_code == 200, url  # the check page, or the page again with its errors
        assert "440305199202021231" not in response.get_data(as_text=True) or url.endswith("/member/m2")
    member = f"/my/applications/{application.reference}/change/member/m2"
    assert member in links
    form = get_page(client, member)
    check = page_of(client.post(member, data={"csrf_token": csrf_token(form), "name": "李四", "relation": "spouse",
                                              "id_number": "440305199202021231", "lives_with_applicant": "no"}), 200)
    assert errors_of(check) == []
    changed = check.select(".change-rows .changed")
    assert len(changed) == 1 and "440305199202021231" not in check.select_one(".change-rows").get_text()


NEW_WORDS = {
    "zh_Hans": {"add": "有人搬来同住：添加家庭成员", "name": "请填写与其身份证上一致的姓名", "next": "已提交。请接着告诉街道办此人的收入情况。"},
    "zh_Hant": {"add": "有人搬來同住：添加家庭成員", "name": "請填寫與其身份證上一致的姓名", "next": "已提交。請接著告訴街道辦此人的收入情況。"},
    "en": {"add": "Someone moved in: add a person", "name": "Enter their full name as on their ID card",
           "next": "Sent. Now tell the office about their income."},
}


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant", "en"])
def test_a_person_who_moved_in_is_added_then_their_income(client, app, language):
    """Issue 16: a change report adds a member (name, ID, relation, living together) on the journey's
    member page with its validation, then asks the new person's income on the journey's income page."""
    words = NEW_WORDS[language]
    resident = create_account("resident")
    application = _granted(resident, language)
    reference = application.reference
    sign_in(client, resident)
    client.get(f"/language/{language}")
    topics = get_page(client, f"/my/applications/{reference}/change")
    url = f"/my/applications/{reference}/change/member/new"
    assert topics.find("a", href=url).get_text() == words["add"]
    form = get_page(client, url)
    token = csrf_token(form)
    empty = page_of(client.post(url, data={"csrf_token": token, "name": "", "relation": "daughter",
                                           "id_number": "440304200002291230", "lives_with_applicant": "yes"}), 200)
    assert words["name"] in errors_of(empty) and len(errors_of(empty)) == 2  # the name, and the ID's check character
    assert empty.find("input", attrs={"name": "id_number"})["value"] == "440304200002291230"  # nothing typed lost
    same_id = page_of(client.post(url, data={"csrf_token": token, "name": "张小红", "relation": "daughter",
                                             "id_number": ANSWERS["about"]["id_number"],
                                             "lives_with_applicant": "yes"}), 200)
    assert len(errors_of(same_id)) == 1  # already someone's ID in the household
    person = {"csrf_token": token, "name": "张小红", "relation": "daughter", "id_number": "440304200002291236",
              "lives_with_applicant": "yes"}
    check = page_of(client.post(url, data=person), 200)
    assert len(check.select(".change-rows .changed")) >= 3
    assert "440304200002291236" not in check.get_text()  # the ID masked before and after
    sent = client.post(url, data={**person, "confirm": "1", "note": "女儿从老家搬来同住"})
    event = db.session.scalars(db.select(Event).where(Event.action == rules.REPORT)).one()
    assert event.data["added"] is True and event.data["ref"] == "m2" and event.data["step"] == "member"
    income = f"/my/applications/{reference}/change/income-sources/m2"
    assert sent.status_code == 302 and sent.headers["Location"].endswith(income)
    page = get_page(client, income)
    assert words["next"] in page.get_text() and "张小红" in page.get_text()
    topics = get_page(client, f"/my/applications/{reference}/change")
    assert topics.find("a", href=f"/my/applications/{reference}/change/member/m2") is not None
    assert application.answers["members"][-1]["ref"] == "m1"  # the submitted answers stay as they were

    office = app.test_client()
    sign_in(office, create_account("caseworker", office_code=OFFICE))
    case = get_page(office, f"/office/cases/{reference}")
    assert "张小红" in case.select_one(".change-report").get_text()
