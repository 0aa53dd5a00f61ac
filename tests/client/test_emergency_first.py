"""Issue 16 part 6, emergency first: 遇到突发困难？ on the start page and the task list leads to
the emergency path of the same wizard (a path flag on the draft): who you are, how to reach
you, what happened, when, where, who is affected, what you need now and the promise that it is
true, in at most 10 questions; urgent; the street office's phone and one help-first timing text;
the rest of the application follows later. Three languages."""
from __future__ import annotations

from datetime import timedelta

import pytest
from click.testing import CliRunner

from portal.apply.answers import shape as A
from portal.clock import today
from portal.contacts.book import ContactBook
from portal.extensions import db
from portal.models import Application
from tests.factories import create_account, create_contact, sign_in
from tests.helpers.pages import csrf_token, errors_of, get_page, page_of
from tests.tools.walkthrough import (
    EMERGENCY_START,
    emergency_first,
    journey,
    resident_id,
    walk,
)
from tests.tools.walkthrough import main as walkthrough_main

INCIDENT = "44030401"  # 福田区园岭街道, where the walkthrough's fire happened
HOME = "44030506"

WORDS = {
    "zh_Hans": {"affected": "我和同住的家人", "offer": "遇到突发困难？", "link": "先申请紧急救助", "timing": "先行救助：街道办事处可当天给予帮助，事后补办手续。",
                "acceptance": "个工作日内决定是否受理", "urgent": "紧急",
                "errors": ["请选择发生了什么", "请选择事发地所在的街道", "请选择哪些人受到影响",
                           "请简要说明发生了什么以及您需要什么"],
                "later": "其他部分可以以后再补"},
    "zh_Hant": {"affected": "我和同住的家人", "offer": "遇到突發困難？", "link": "先申請緊急救助", "timing": "先行救助：街道辦事處可當天給予幫助，事後補辦手續。",
                "acceptance": "個工作日內決定是否受理", "urgent": "緊急",
                "errors": ["請選擇發生了什麼", "請選擇事發地所在的街道", "請選擇哪些人受到影響",
                           "請簡要說明發生了什麼以及您需要什麼"],
                "later": "其他部分可以以後再補"},
    "en": {"affected": "Me and the people I live with", "offer": "Sudden hardship?", "link": "Ask for emergency help first",
           "timing": "Help first: the street office can help the same day and completes the paperwork afterwards.",
           "acceptance": "working days whether it can accept", "urgent": "Urgent",
           "errors": ["Choose what happened", "Choose the street office where it happened", "Choose who is affected",
                      "Describe briefly what happened and what you need"],
           "later": "The other sections can follow later"},
}
LANGUAGES = list(WORDS)


def _resident(client, language):
    account = create_account("resident")
    sign_in(client, account)
    client.get(f"/language/{language}")
    return account


def _post(client, url, data, form_url=None):
    soup = get_page(client, form_url or url)
    return client.post(url, data={"csrf_token": csrf_token(soup), **data})


def _start_path(client) -> int:
    response = _post(client, EMERGENCY_START, {})
    assert response.status_code == 302
    return int(response.headers["Location"].split("/")[2])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_start_page_offers_the_emergency_path_with_one_timing_text(client, language):
    client.get(f"/language/{language}")
    words = WORDS[language]
    start = get_page(client, "/")
    assert words["offer"] in start.get_text()
    assert start.find("a", string=words["link"])["href"] == EMERGENCY_START
    intro = get_page(client, EMERGENCY_START)
    text = intro.get_text()
    assert intro.find("h1").get_text() == words["offer"]
    assert text.count(words["timing"]) == 1 and words["acceptance"] not in text
    assert intro.find("form", action=EMERGENCY_START) is not None


def test_starting_the_path_signed_out_goes_to_sign_in(client):
    response = _post(client, EMERGENCY_START, {})
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    assert db.session.scalar(db.select(db.func.count(Application.id))) == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_path_submits_in_at_most_10_questions_marked_urgent_with_the_office_phone(client, language):
    account = _resident(client, language)
    create_contact(INCIDENT, address="深圳市福田区园岭街道", phone="0755-83000401")
    db.session.commit()
    words = WORDS[language]
    result = walk(client, emergency_first(), start=EMERGENCY_START, stop_at_check=True)
    check = get_page(client, result.visited[-1])
    assert words["affected"] in check.get_text() and words["timing"] not in check.get_text()
    changes = {a["href"].rsplit("/", 1)[-1] for a in check.select("dd.summary-action a")}
    assert changes and changes <= {"name", "phone", "emergency", "declarations"}
    result = journey(client, emergency_first(), result.visited[-1], result)
    assert result.reference and result.questions <= 10 and result.question_pages == 4
    assert [u.rsplit("/", 1)[-1] for u in result.visited[:5]] == ["name", "phone", "emergency", "declarations", "check"]
    application = db.session.scalars(db.select(Application).where(Application.account_id == account.id)).one()
    assert application.status == "submitted" and application.urgent
    [request] = application.requests
    assert (request.type, request.urgent, request.office_code, request.basis) == \
        ("temp_emergency", True, INCIDENT, "incident_location")
    confirmation = get_page(client, f"/apply/confirmation/{application.reference}")
    text = confirmation.get_text()
    phone = ContactBook(today()).office(INCIDENT).phone
    assert phone == "0755-83000401" and confirmation.find("a", href=f"tel:{phone}") is not None
    assert text.count(words["timing"]) == 2  # the request's time limit and what happens next: the same text
    assert words["acceptance"] not in text
    assert words["urgent"] in confirmation.find("span", class_="tag--urgent").get_text()
    # The rest follows later: what was not asked is not stored, and no other request was made.
    answers = application.answers
    assert A.get(answers, "about.hukou") is None and A.get(answers, "payment") is None
    assert A.get(answers, "circumstances.emergency.affected") == "household"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_emergency_page_says_what_is_missing_next_to_each_field_and_keeps_what_was_typed(client, language):
    _resident(client, language)
    app_id = _start_path(client)
    _post(client, f"/apply/{app_id}/name", {"name": "钱伟", "id_number": resident_id("440304", "19850312", "271")})
    _post(client, f"/apply/{app_id}/phone", {"phone": "13800138000"})
    url = f"/apply/{app_id}/emergency"
    soup = page_of(_post(client, url, {"date": (today() - timedelta(days=1)).isoformat(), "description": ""}))
    assert errors_of(soup) == WORDS[language]["errors"]
    soup = page_of(_post(client, url, {"kind": "fire", "affected": "me", "description": "今晚没有地方住"}))
    assert soup.find("input", attrs={"name": "kind", "value": "fire"}).has_attr("checked")
    assert soup.find("input", attrs={"name": "affected", "value": "me"}).has_attr("checked")
    assert soup.find("textarea", attrs={"name": "description"}).get_text() == "今晚没有地方住"
    # The declarations page asks only for the promise and the consent; the economic check waits.
    declarations = get_page(client, f"/apply/{app_id}/declarations")
    boxes = {i["name"] for i in declarations.select("input[type=checkbox]")}
    assert boxes == {"truthfulness", "sensitive_data"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_task_list_offers_the_path_and_the_incident_place_defaults_to_home(client, language):
    account = _resident(client, language)
    words = WORDS[language]
    response = _post(client, "/apply/new", {}, form_url="/apply")
    app_id = int(response.headers["Location"].split("/")[2])
    _post(client, f"/apply/{app_id}/name", {"name": "孙丽", "id_number": resident_id("440305", "19700315", "113")})
    _post(client, f"/apply/{app_id}/phone", {"phone": "13800138000"})
    _post(client, f"/apply/{app_id}/address", {"office_code": HOME, "address": "科技路1号"})
    tasks = get_page(client, f"/apply/{app_id}")
    assert tasks.find("a", string=words["link"])["href"] == EMERGENCY_START
    assert _start_path(client) == app_id  # the same draft: nothing typed is lost
    emergency = get_page(client, f"/apply/{app_id}/emergency")
    assert emergency.find("select", attrs={"name": "office_code"}).find("option", selected=True)["value"] == HOME
    tasks = get_page(client, f"/apply/{app_id}")
    assert words["later"] in tasks.get_text() and tasks.find("a", string=words["link"]) is None
    application = db.session.get(Application, app_id)
    db.session.refresh(application)
    assert A.get(application.answers, "about.address") == "科技路1号"
    assert application.answers["path"] == "emergency"
    assert account.id == application.account_id


def test_pages_off_the_path_are_not_shown_and_keep_their_answers(client):
    _resident(client, "zh_Hans")
    app_id = _start_path(client)
    response = client.get(f"/apply/{app_id}/savings")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/apply/{app_id}")


def test_the_walkthrough_prints_the_emergency_path(app):
    result = CliRunner().invoke(walkthrough_main)  # python -m tests.tools.walkthrough
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if line.startswith("Emergency first"))
    pages, with_questions, questions = map(int, row[58:].split())
    assert questions <= 10 and with_questions == 4 and pages == 6


def test_the_documents_follow_later_with_no_deadline_and_no_reminder(client, app):
    from portal.apply.documents.reminders import send_reminders

    account = _resident(client, "zh_Hans")
    result = walk(client, emergency_first(), start=EMERGENCY_START)
    application = db.session.scalars(db.select(Application).where(Application.account_id == account.id)).one()
    [request] = application.requests
    request.due_on = today()
    db.session.commit()
    status = get_page(client, f"/my/applications/{result.reference}").get_text()
    assert "您还需要提交：" in status and "截止" not in status.split("您还需要提交：", 1)[1].split("。", 1)[0]
    assert send_reminders(today(), days=2) == 0


def test_the_receipt_states_the_same_timing_text(client):
    from tests.client.test_receipts_pdf import pdf_text

    _resident(client, "en")
    result = walk(client, emergency_first(), start=EMERGENCY_START)
    response = client.get(f"/applications/{result.reference}/receipt.pdf")
    assert response.status_code == 200
    text = " ".join(pdf_text(response.data).split())
    assert "Help first: the street office can help the same day" in text
    assert "urgent aid can be given the same day" not in text


def test_a_household_waiting_for_other_help_can_still_report_an_emergency_once(client):
    from tests.factories import create_application

    account = _resident(client, "en")
    household = emergency_first()
    number = household.pages["name"]["id_number"]
    waiting = create_application(account, types=("dibao",), office_code=HOME, id_number=number)
    db.session.commit()
    result = walk(client, household, start=EMERGENCY_START)
    assert result.reference and result.reference != waiting.reference
    # The normal journey still finds the open application; a second emergency while the first is undecided too.
    for start in (EMERGENCY_START, "/apply/new"):
        app_id = int(_post(client, start, {}, form_url=EMERGENCY_START if start == EMERGENCY_START else "/apply")
                     .headers["Location"].split("/")[2])
        soup = page_of(_post(client, f"/apply/{app_id}/name", {"name": "钱伟", "id_number": number}))
        assert errors_of(soup) == ["You already have an open application for this ID number. Continue that one instead."]
        db.session.delete(db.session.get(Application, app_id))
        db.session.commit()
