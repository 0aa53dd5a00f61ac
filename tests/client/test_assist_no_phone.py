"""Issue 14: a helper files for a resident with no smartphone, from consent to the receipt.

Consent by the printed mandate (委托书) or a code to a family member's phone, what the mandate
allows (enforced), declarations read aloud and signed on paper, the helper submits, the
receipt says who submitted for whom, and messages reach the helper when the resident has no phone.
"""
from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from portal.extensions import db
from portal.models import Account, Application, Consent, Document, Message
from portal.models.assist import Mandate
from tests.client.assist_helpers import act, assistant_client, begin, last_code
from tests.client.test_receipts_pdf import pdf_text
from tests.helpers.pages import csrf_token, errors_of, get_page, page_of, submit
from tests.tools.walkthrough import (
    one_person_dibao,
    resident_id,
    three_person_family,
    walk,
)

ID_ZHAO = resident_id("440305", "19460101", "123")  # 80 years old


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(buffer, "JPEG")
    return buffer.getvalue()


def _consent_by_paper(client, **kw) -> Mandate:
    mandate = begin(client, name="赵大爷", id_number=ID_ZHAO, **kw)
    response = submit(client, f"/assist/consent/{mandate.id}/mandate",
                      {"photo": (io.BytesIO(_jpeg()), "委托书.jpg"), "declaration": "y"},
                      form_url=f"/assist/consent/{mandate.id}", content_type="multipart/form-data")
    assert response.status_code == 302
    db.session.refresh(mandate)
    assert mandate.standing and mandate.method == "mandate_photo"
    return mandate


def _no_phone_household(how: str = "signed_form", witness: str | None = None):
    household = one_person_dibao()
    household.pages["name"] = {"name": "赵大爷", "id_number": ID_ZHAO}
    household.pages["phone"] = {"contact": "none"}
    household.pages["declarations"] = {**household.pages["declarations"], "agreed_how": how,
                                       **({"witness": witness} if witness else {})}
    return household


def _check_token(client, application_id: int) -> str:
    check = get_page(client, f"/apply/{application_id}/check")
    field = check.find("input", attrs={"name": "submission_token"})
    assert field is not None, check.select_one("main").get_text()
    return field["value"]


def test_the_printed_mandate_carries_the_name_the_masked_id_and_what_it_allows(app):
    client, assistant = assistant_client(app)
    mandate = begin(client, name="赵大爷", id_number=ID_ZHAO, allows=("upload", "submit"))
    page = get_page(client, f"/assist/consent/{mandate.id}")
    assert page.find("a", href=f"/assist/consent/{mandate.id}/mandate.pdf")
    assert "Submit the application for the resident" in page.select_one("main").get_text()
    response = client.get(f"/assist/consent/{mandate.id}/mandate.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    assert "赵大爷" in text and ID_ZHAO[:3] in text and ID_ZHAO not in text  # masked, never whole
    assert "Submit the application for the resident" in text
    assert re.search(r"Receive the office's notices for the resident\s*\(not allowed\)", text)
    # Another assistant cannot print someone else's mandate.
    other, _ = assistant_client(app)
    assert other.get(f"/assist/consent/{mandate.id}/mandate.pdf").status_code == 403


def test_what_was_typed_for_consent_fills_the_application(app):
    client, _ = assistant_client(app)
    mandate = _consent_by_paper(client)
    application_id = act(client, mandate)
    page = get_page(client, f"/apply/{application_id}/name")
    assert page.find("input", attrs={"name": "name"})["value"] == "赵大爷"
    assert page.find("input", attrs={"name": "id_number"})["value"] == ID_ZHAO


def test_an_assistant_files_and_submits_for_an_80_year_old_with_no_phone(app):
    client, assistant = assistant_client(app)
    mandate = _consent_by_paper(client, allows=("upload", "submit", "notices"))
    result = walk(client, _no_phone_household(), start=f"/assist/residents/{mandate.id}/act", stop_at_check=True)
    application_id = int(result.visited[-1].split("/")[2])
    application = db.session.get(Application, application_id)
    assert application.answers["about"]["contact"] == {"kind": "none", "number": None, "holder": None}

    # Declarations signed on paper: submitting waits for the photo of the signed form.
    token = _check_token(client, application_id)
    response = submit(client, f"/apply/{application_id}/check", {"submission_token": token})
    assert response.status_code == 409
    assert "Upload the photo of the signed declarations form" in response.get_data(as_text=True)
    check = get_page(client, f"/apply/{application_id}/check")
    upload_url = f"/assist/residents/{mandate.id}/applications/{application_id}/signed-declarations"
    assert check.find("form", attrs={"action": upload_url})
    printed = client.get(f"/assist/residents/{mandate.id}/applications/{application_id}/declarations.pdf")
    assert printed.status_code == 200 and "Truthfulness commitment" in pdf_text(printed.data)

    refused = submit(client, upload_url, {"photo": (io.BytesIO(b"not an image"), "form.jpg")},
                     form_url=f"/apply/{application_id}/check", content_type="multipart/form-data")
    soup = page_of(refused, 400)
    assert errors_of(soup) and soup.find("input", attrs={"name": "submission_token"})  # the page is whole
    response = submit(client, upload_url, {"photo": (io.BytesIO(_jpeg()), "声明.jpg")},
                      form_url=f"/apply/{application_id}/check", content_type="multipart/form-data")
    assert response.status_code == 302

    response = submit(client, f"/apply/{application_id}/check", {"submission_token": _check_token(client, application_id)})
    assert response.status_code == 302 and "/apply/confirmation/" in response.headers["Location"]
    db.session.refresh(application)
    assert application.status == "submitted" and application.channel == "assistant"
    assert application.submitted_by_id == assistant.id
    submitted = [e for r in application.requests for e in r.events if e.action == "submit"]
    assert submitted and {(e.actor_account_id, e.on_behalf_of_account_id) for e in submitted} == \
        {(assistant.id, mandate.resident_account_id)}
    consents = db.session.scalars(db.select(Consent).where(Consent.application_id == application.id)).all()
    signed = db.session.scalars(db.select(Document).where(Document.purpose == "signed_declarations")).one()
    assert {c.method for c in consents} == {"signed_form"} and {c.evidence_document_id for c in consents} == {signed.id}

    # The confirmation and the receipt, printed there and then.
    confirmation = get_page(client, response.headers["Location"]).select_one("main").get_text(" ", strip=True)
    assert "The applicant has no mobile, so no text message is sent" in confirmation
    assert "/status" in confirmation and "12349" in confirmation
    assert "The office's messages also go to" in confirmation
    receipt = client.get(f"/applications/{application.reference}/receipt.pdf")
    assert receipt.status_code == 200
    text = pdf_text(receipt.data)
    assert "Submitted by Community assistant" in text and "for 赵大爷" in text
    assert "Read aloud; signed on the printed form" in text

    # No phone: no SMS to anyone, and the helper gets the office's message for the resident.
    resident = db.session.get(Account, mandate.resident_account_id)
    assert resident.phone is None
    assert db.session.scalar(db.select(db.func.count(Message.id)).where(Message.channel == "sms",
                                                                        Message.kind == "application_received")) == 0
    caseload = get_page(client, "/assist").select_one("main").get_text()
    assert "Messages for residents without a mobile" in caseload and application.reference in caseload


def test_a_mandate_without_submit_or_upload_is_enforced_with_a_message(app):
    client, _ = assistant_client(app)
    mandate = _consent_by_paper(client, allows=())
    application_id = act(client, mandate)
    walk(client, _no_phone_household("witness", "社区主任 李红"), start=f"/assist/residents/{mandate.id}/act",
         stop_at_check=True)
    check = get_page(client, f"/apply/{application_id}/check")
    assert check.find("input", attrs={"name": "submission_token"}) is None
    assert "does not allow you to submit" in check.select_one("main").get_text()
    response = submit(client, f"/apply/{application_id}/check",
                      {"submission_token": db.session.get(Application, application_id).answers["_token"]})
    assert response.status_code == 409 and db.session.get(Application, application_id).status == "draft"


def test_a_mandate_without_upload_refuses_uploads_next_to_the_field(app):
    client, _ = assistant_client(app)
    mandate = _consent_by_paper(client, allows=("submit",))
    household = three_person_family()
    household.uploads = {}
    result = walk(client, household, start=f"/assist/residents/{mandate.id}/act", stop_at_check=True)
    application_id = int(result.visited[-1].split("/")[2])
    page = get_page(client, f"/apply/{application_id}/documents")
    refused = client.post(f"/apply/{application_id}/documents/upload", data={
        "csrf_token": csrf_token(page), "item": "disability_cert:m3",
        "disability-cert-m3-file": (io.BytesIO(_jpeg()), "残疾人证.jpg")}, content_type="multipart/form-data")
    soup = page_of(refused, 403)
    assert errors_of(soup) == ["The resident's mandate does not allow you to upload documents. The resident can "
                               "upload them, or record a new mandate that allows uploading."]
    assert db.session.scalar(db.select(db.func.count(Document.id))) == 0
def test_said_yes_before_a_witness_needs_the_witness_and_records_it(app):
    client, _ = assistant_client(app)
    mandate = _consent_by_paper(client, allows=("upload", "submit"))
    application_id = act(client, mandate)
    walk(client, _no_phone_household("on_assistant_screen"), start=f"/assist/residents/{mandate.id}/act",
         stop_at_check=True)
    page = get_page(client, f"/apply/{application_id}/declarations")
    data = {i["name"]: i.get("value", "y") for i in page.select("main form input[type=checkbox]")}
    response = submit(client, f"/apply/{application_id}/declarations", {**data, "agreed_how": "witness", "witness": ""})
    soup = page_of(response, 200)
    assert errors_of(soup) == ["Enter the name of the witness who heard the resident agree"]
    assert soup.find("input", attrs={"value": "witness", "checked": True})  # the choice is kept
    response = submit(client, f"/apply/{application_id}/declarations",
                      {**data, "agreed_how": "witness", "witness": "社区主任 李红"})
    assert response.status_code == 302
    response = submit(client, f"/apply/{application_id}/check", {"submission_token": _check_token(client, application_id)})
    assert response.status_code == 302
    consents = db.session.scalars(db.select(Consent).where(Consent.application_id == application_id)).all()
    assert {c.method for c in consents} == {"witness"} and all(c.scope["witnessed"] for c in consents)
    reference = db.session.get(Application, application_id).reference
    text = pdf_text(client.get(f"/applications/{reference}/receipt.pdf").data)
    assert "Read aloud; agreed before a witness (社区主任 李红)" in text


def test_a_code_to_a_family_members_phone_records_whose_it_is(app):
    client, _ = assistant_client(app)
    mandate = begin(client, name="赵大爷", phone="13922250001", id_number=ID_ZHAO,
                    phone_holder="family", holder="赵小红, daughter")
    page = get_page(client, f"/assist/consent/{mandate.id}").select_one("main").get_text()
    assert "赵小红, daughter" in page
    submit(client, f"/assist/consent/{mandate.id}/send", {}, form_url=f"/assist/consent/{mandate.id}")
    response = submit(client, f"/assist/consent/{mandate.id}/code", {"code": last_code("13922250001")})
    assert response.status_code == 302
    db.session.refresh(mandate)
    assert mandate.standing and mandate.method == "family_sms" and mandate.phone_holder == "赵小红, daughter"
    resident = db.session.get(Account, mandate.resident_account_id)
    assert resident.phone is None  # the daughter's phone is not the resident's sign-in


def test_a_family_phone_needs_whose_it_is(app):
    client, _ = assistant_client(app)
    response = submit(client, "/assist/find", {"name": "赵大爷", "phone": "13922250002", "phone_holder": "family",
                                               "holder": "", "allows": ["upload"]})
    soup = page_of(response, 200)
    assert errors_of(soup) == ["Enter whose mobile it is: the family member's name and relationship"]
    assert soup.find("input", attrs={"name": "phone"})["value"] == "13922250002"


@pytest.mark.parametrize("contact, number, holder, message", [
    ("mobile", "0755-83123456", "", "Enter an 11-digit mainland mobile number, like 138 0013 8000. For a landline, choose A landline"),
    ("landline", "", "", "Enter the landline number with its area code"),
    ("landline", "call me", "", "Enter a landline like 0755-8312 3456: digits, with the area code"),
    ("family", "13922250003", "", "Enter whose mobile it is: the family member's name and relationship"),
])
def test_the_contact_page_explains_each_problem_and_keeps_what_was_typed(app, contact, number, holder, message):
    client, _ = assistant_client(app)
    mandate = _consent_by_paper(client)
    application_id = act(client, mandate)
    url = f"/apply/{application_id}/phone"
    soup = page_of(submit(client, url, {"contact": contact, "number": number, "holder": holder}), 200)
    assert errors_of(soup) == [message]
    assert (soup.find("input", attrs={"name": "number"}).get("value") or "") == number


def test_a_landline_is_accepted_and_kept(app):
    client, _ = assistant_client(app)
    mandate = _consent_by_paper(client)
    application_id = act(client, mandate)
    response = submit(client, f"/apply/{application_id}/phone", {"contact": "landline", "number": "0755-8312 3456"})
    assert response.status_code == 302
    contact = db.session.get(Application, application_id).answers["about"]["contact"]
    assert contact == {"kind": "landline", "number": "0755-83123456", "holder": None}
    assert db.session.get(Application, application_id).answers["about"].get("phone") is None


def test_the_handover_text_message_links_to_the_public_address(app):
    from tests.client.assist_helpers import consent_by_code

    app.config["PUBLIC_URL"] = "https://sz-assist.example.gov.cn/"
    client, _ = assistant_client(app)
    mandate = consent_by_code(client, "13922250009")
    application_id = act(client, mandate)
    response = submit(client, f"/assist/residents/{mandate.id}/applications/{application_id}/handover", {},
                      form_url=f"/assist/residents/{mandate.id}")
    assert response.status_code == 302
    sms = db.session.scalars(db.select(Message).where(Message.kind == "assist_handover", Message.channel == "sms")).one()
    assert "https://sz-assist.example.gov.cn/sign-in" in sms.body and "localhost" not in sms.body
