"""Issue 14, "Behaviour users expect", item by item where no other test covers it: a mandate runs
out after a year (portal.domain.mandates) and access ends with it; a caseworker's window
applications are theirs and their office's only; every save, upload and submission at the window
is in the audit trail with actor and on whose behalf, and the resident reads it on /my/helpers
(who at the office acted, when); bad input is explained in the user's language."""
from __future__ import annotations

import io
from datetime import timedelta

import pytest

from portal.extensions import db
from portal.models import Account, Application, Event, utcnow
from portal.models.assist import Mandate
from portal.status.notifications import stand_ins
from tests.client.assist_helpers import act, assistant_client, begin, consent_by_code
from tests.client.test_assist_no_phone import _jpeg
from tests.client.test_window_and_claim import _caseworker, _window_application
from tests.factories import OTHER_OFFICE, create_account, sign_in
from tests.helpers.pages import csrf_token, errors_of, get_page, page_of, submit
from tests.tools.walkthrough import resident_id


def _resident_client(app, account: Account, locale: str = "en"):
    client = app.test_client()
    sign_in(client, account)
    client.get(f"/language/{locale}")
    return client


# --- a mandate runs out after a year ---------------------------------------------------------

def test_an_assistant_loses_access_when_the_mandate_runs_out(app):
    client, assistant = assistant_client(app)
    mandate = consent_by_code(client, "13922270001", name="甲", allows=("upload", "notices"))
    application_id = act(client, mandate)
    assert client.get(f"/apply/{application_id}/name").status_code == 200
    draft = db.session.get(Application, application_id)
    resident = db.session.get(Account, mandate.resident_account_id)

    mandate.granted_at = utcnow() - timedelta(days=364)  # a day left: still in force
    db.session.commit()
    assert client.get(f"/assist/residents/{mandate.id}").status_code == 200
    resident.phone = None  # (a resident without a mobile: the helper receives the office's notices)
    db.session.commit()
    assert [h.id for h in stand_ins(draft, resident)] == [assistant.id]

    mandate.granted_at = utcnow() - timedelta(days=365, minutes=1)
    db.session.commit()
    assert not mandate.standing and mandate.expired
    assert client.get(f"/apply/{application_id}/name").status_code == 404
    assert client.get(f"/assist/residents/{mandate.id}").status_code == 403
    caseload = get_page(client, "/assist")
    assert caseload.select_one(".acting-banner") is None and "甲" not in caseload.select_one("main").get_text()
    assert client.get(f"/assist/residents/{mandate.id}/applications/{application_id}/declarations.pdf").status_code == 403
    assert stand_ins(draft, resident) == []  # the office's notices no longer go to the helper

    own = _resident_client(app, resident)
    card = get_page(own, "/my/helpers").select_one(".cards > li").get_text(" ", strip=True)
    assert "Access ended" in card and "Consent lasts one year" in card
    assert "Withdraw access" not in card


def test_a_standing_mandate_says_until_when_and_the_printed_mandate_says_the_term(app):
    from tests.client.test_receipts_pdf import pdf_text

    client, _ = assistant_client(app)
    mandate = consent_by_code(client, "13922270002", name="乙")
    own = _resident_client(app, db.session.get(Account, mandate.resident_account_id), "zh_Hant")
    card = get_page(own, "/my/helpers").select_one(".cards > li").get_text(" ", strip=True)
    assert "授權有效至" in card and "您可以提前撤回" in card
    pending = begin(client, name="丙", id_number="11010519491231002X")
    client.get("/language/en")
    text = " ".join(pdf_text(client.get(f"/assist/consent/{pending.id}/mandate.pdf").data).split())
    assert "This mandate ends one year after it is recorded on the portal, unless I withdraw it sooner." in text


# --- the window: the caseworker's and their office's only ------------------------------------

def test_a_window_draft_is_the_caseworkers_own_and_the_case_their_offices(app):
    # Submitted, the case is in the office's queue: a colleague there opens it, elsewhere nobody does.
    _, _, application = _window_application(app)
    colleague = app.test_client()
    sign_in(colleague, create_account("caseworker", office_code=application.receiving_office_code))
    assert colleague.get(f"/office/cases/{application.reference}").status_code == 200
    elsewhere = app.test_client()
    sign_in(elsewhere, create_account("caseworker", office_code=OTHER_OFFICE))
    assert elsewhere.get(f"/office/cases/{application.reference}").status_code in (403, 404)

    # A draft being entered at the window is the caseworker's alone, even to a colleague.
    client, caseworker = _caseworker(app)
    response = submit(client, "/office/window", {"name": "孙爷爷", "id_number": resident_id("440305", "19500505", "123"),
                                                  "witness": "李红", "declaration": "y"})
    assert response.status_code == 302
    mandate = db.session.scalars(db.select(Mandate).where(Mandate.assistant_id == caseworker.id)).one()
    draft = db.session.scalars(db.select(Application).where(Application.account_id == mandate.resident_account_id)).one()
    assert client.get(f"/apply/{draft.id}/name").status_code == 200
    for office in (caseworker.office_code, OTHER_OFFICE):  # a colleague, and a caseworker elsewhere
        other = app.test_client()
        sign_in(other, create_account("caseworker", office_code=office))
        assert other.get(f"/apply/{draft.id}/name").status_code == 404
        assert other.get(f"/assist/residents/{mandate.id}").status_code == 403
        page = get_page(other, "/office/window")
        response = other.post(f"/assist/residents/{mandate.id}/act", data={"csrf_token": csrf_token(page)})
        assert response.status_code == 403


# --- the audit trail, and /my/helpers ---------------------------------------------------------

def test_every_save_upload_and_submission_at_the_window_is_audited_with_actor_and_for_whom(app):
    _, caseworker, application = _window_application(app)
    events = db.session.scalars(db.select(Event).where(Event.application_id == application.id)).all()
    by_others = [e for e in events if e.actor_account_id != application.account_id]
    assert by_others and all(e.actor_account_id == caseworker.id for e in by_others)
    assert all(e.on_behalf_of_account_id == application.account_id for e in by_others)
    actions = {e.action for e in by_others}
    assert {"draft_started", "draft_changed", "document_added", "submit"} <= actions
    saved_steps = {(e.data or {}).get("step") for e in by_others if e.action == "draft_changed"}
    assert {"name", "phone", "declarations", "payment"} <= saved_steps


@pytest.mark.parametrize("locale, role, until, window, by", [
    ("en", "Street office caseworker · Nanshan District Yuehai Subdistrict", "Access ends",
     "Your application was entered at the street office window.", "By 林芳 (Street office caseworker · Nanshan District Yuehai Subdistrict)"),
    ("zh_Hant", "街道經辦人員 · 南山區 粵海街道", "授權有效至", "您的申請是在街道辦事處窗口錄入的。",
     "操作人：林芳（街道經辦人員 · 南山區 粵海街道）"),
])
def test_my_helpers_shows_who_at_the_office_window_acted_and_when(app, locale, role, until, window, by):
    _, caseworker, application = _window_application(app, display_name="林芳")
    resident = db.session.get(Account, application.account_id)
    own = _resident_client(app, resident, locale)
    page = get_page(own, "/my/helpers")
    card = page.select_one(".cards > li")
    assert card.h2.get_text(strip=True) == "林芳"
    text = card.get_text(" ", strip=True)
    assert role in text and window in text and "李红" in text  # the second member of staff present
    assert until in text
    if locale == "en":
        assert "in person at the office window, before a second member of staff" in text
    entries = page.select(".timeline > li")
    labels = [e.find_all("p")[1].get_text(strip=True) for e in entries]
    squeezed = "".join(by.split())  # (a name in another script is marked with its language)
    assert all("".join(e.select_one(".meta").get_text().split()) == squeezed for e in entries)
    assert all(application.reference in label for label in labels)
    if locale == "en":
        assert labels[-1].startswith("Started a draft application for you")
        assert any(label.startswith("Uploaded a document to your draft") for label in labels)
        assert any(label.startswith("Changed answers in your draft: ") for label in labels)
        assert labels[0] == f"Application sent ({application.reference})"  # the latest first
    times = [e.find("p").get_text(strip=True) for e in entries]
    assert all(times)  # when: every entry has its time


# --- bad input, in the user's language --------------------------------------------------------

MESSAGES = {
    "zh_Hans": {"landline": "请填写 11 位内地手机号，例如 138 0013 8000。固定电话请选择“固定电话”",
                "blank_mandate": "请选择已签署委托书的照片",
                "blank_declarations": "请选择已签字的声明书照片",
                "no_submit": "居民的委托不允许您代为提交。请把草稿转交到居民的手机，或重新记录一份允许代为提交的委托。"},
    "zh_Hant": {"landline": "請填寫 11 位內地手機號，例如 138 0013 8000。固定電話請選擇“固定電話”",
                "blank_mandate": "請選擇已簽署委託書的照片",
                "blank_declarations": "請選擇已簽字的宣告書照片",
                "no_submit": "居民的委託不允許您代為提交。請把草稿轉交到居民的手機，或重新記錄一份允許代為提交的委託。"},
}


@pytest.mark.parametrize("locale", MESSAGES)
def test_bad_input_is_explained_in_the_users_language_and_nothing_typed_is_lost(app, locale):
    from tests.client.test_assist_no_phone import _no_phone_household
    from tests.tools.walkthrough import walk

    words = MESSAGES[locale]
    client, _ = assistant_client(app)
    client.get(f"/language/{locale}")
    mandate = begin(client, name="赵大爷", id_number="11010519491231002X", allows=())
    # A blank photo of the signed mandate: the name typed for consent is still there.
    soup = page_of(submit(client, f"/assist/consent/{mandate.id}/mandate",
                          {"photo": (io.BytesIO(b""), ""), "declaration": "y"},
                          form_url=f"/assist/consent/{mandate.id}", content_type="multipart/form-data"), 400)
    assert errors_of(soup) == [words["blank_mandate"]]
    assert soup.find("input", attrs={"name": "declaration"}).has_attr("checked")
    assert "赵大爷" in soup.select_one("main").get_text()
    response = submit(client, f"/assist/consent/{mandate.id}/mandate",
                      {"photo": (io.BytesIO(_jpeg()), "委托书.jpg"), "declaration": "y"},
                      form_url=f"/assist/consent/{mandate.id}", content_type="multipart/form-data")
    assert response.status_code == 302
    application_id = act(client, mandate)
    # A landline typed as a mobile.
    soup = page_of(submit(client, f"/apply/{application_id}/phone", {"contact": "mobile", "number": "0755-83123456"}))
    assert errors_of(soup) == [words["landline"]]
    assert soup.find("input", attrs={"name": "number"})["value"] == "0755-83123456"
    # A blank photo of the signed declarations form, then a mandate that does not allow submitting.
    household = _no_phone_household()
    household.pages["name"] = {"name": "赵大爷", "id_number": "11010519491231002X"}
    walk(client, household, start=f"/assist/residents/{mandate.id}/act", stop_at_check=True)
    soup = page_of(submit(client, f"/assist/residents/{mandate.id}/applications/{application_id}/signed-declarations",
                          {"photo": (io.BytesIO(b""), "")}, form_url=f"/apply/{application_id}/check",
                          content_type="multipart/form-data"), 400)
    assert words["blank_declarations"] in errors_of(soup)
    check = get_page(client, f"/apply/{application_id}/check").select_one("main").get_text()
    assert words["no_submit"] in check


def test_the_confirmation_promises_no_text_message_to_an_applicant_without_a_mobile(app):
    client, _, application = _window_application(app)
    text = get_page(client, f"/apply/confirmation/{application.reference}").select_one("main").get_text(" ", strip=True)
    assert "The applicant has no mobile, so no text message is sent" in text
    assert "whether it can accept the application." in text and "tells you by text message" not in text


def test_the_window_caseworker_finds_the_messages_for_a_resident_without_a_mobile_from_home(app):
    client, _, application = _window_application(app)
    home = get_page(client, "/home")
    assert home.find("a", href="/assist") is not None
    caseload = get_page(client, "/assist").select_one("main").get_text(" ", strip=True)
    assert "Messages for residents without a mobile" in caseload and application.reference in caseload


def test_a_resident_filing_on_their_own_phone_meets_none_of_the_assisted_questions(app):
    from tests.tools.walkthrough import one_person_dibao, walk

    resident = create_account("resident")
    client = _resident_client(app, resident)
    result = walk(client, one_person_dibao(), stop_at_check=True)
    application_id = int(result.visited[-1].split("/")[2])
    phone = get_page(client, f"/apply/{application_id}/phone")
    assert phone.find("input", attrs={"name": "contact"}) is None  # no "how to reach the resident"
    assert phone.find("input", attrs={"name": "phone"})["value"] == resident.phone  # their own, filled in
    declarations = get_page(client, f"/apply/{application_id}/declarations")
    assert declarations.find("input", attrs={"name": "agreed_how"}) is None
    assert declarations.find("input", attrs={"name": "witness"}) is None
    check = get_page(client, f"/apply/{application_id}/check")
    assert check.find(id="signed-declarations") is None and check.select_one(".acting-banner") is None


@pytest.mark.parametrize("locale, title", [("en", "How to reach the resident"), ("zh_Hant", "如何聯繫居民")])
def test_filing_for_someone_the_contact_page_asks_how_to_reach_the_resident(app, locale, title):
    client, _ = assistant_client(app)
    mandate = consent_by_code(client, "13922270003", name="丁")
    application_id = act(client, mandate)
    client.get(f"/language/{locale}")
    page = get_page(client, f"/apply/{application_id}/phone")
    assert page.h1.get_text(strip=True) == title and page.title.get_text().startswith(title)


def test_at_the_window_the_check_page_asks_for_the_scan_of_the_paper_form(app):
    from tests.client.test_window_and_claim import ID_QIAN
    from tests.tools.walkthrough import one_person_dibao, walk

    client, caseworker = _caseworker(app)
    assert submit(client, "/office/window", {"name": "钱奶奶", "id_number": ID_QIAN, "witness": "李红",
                                              "declaration": "y"}).status_code == 302
    mandate = db.session.scalars(db.select(Mandate).where(Mandate.assistant_id == caseworker.id)).one()
    household = one_person_dibao()
    household.pages["name"] = {"name": "钱奶奶", "id_number": ID_QIAN}
    household.pages["declarations"] = {**household.pages["declarations"], "agreed_how": "paper_form"}
    result = walk(client, household, start=f"/assist/residents/{mandate.id}/act", stop_at_check=True)
    check = get_page(client, result.visited[-1])
    assert check.find("label", attrs={"for": "photo"}).get_text(strip=True) == "Scan of the signed paper application form"
    application_id = int(result.visited[-1].split("/")[2])
    submit(client, f"/assist/residents/{mandate.id}/applications/{application_id}/signed-declarations",
           {"photo": (io.BytesIO(_jpeg()), "scan.jpg")}, form_url=result.visited[-1], content_type="multipart/form-data")
    text = get_page(client, result.visited[-1]).select_one("main").get_text(" ", strip=True)
    assert "The scan of the signed paper application form is attached." in text
