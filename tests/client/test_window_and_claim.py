"""Issue 14 part 5: a caseworker enters a walk-in resident's paper application at the office window
(channel window, consent in person before a second member of staff), submits it with the scanned
paper form, prints the receipt; the resident later claims it online with a new mobile."""
from __future__ import annotations

import io
import re

from PIL import Image

from portal.extensions import db
from portal.models import Account, Application, Message
from portal.models.assist import Mandate
from tests.client.test_receipts_pdf import pdf_text
from tests.factories import create_account, sign_in
from tests.helpers.pages import errors_of, get_page, page_of, submit
from tests.tools.walkthrough import one_person_dibao, resident_id, walk

ID_QIAN = resident_id("440305", "19470202", "123")


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(buffer, "JPEG")
    return buffer.getvalue()


def _caseworker(app, **kw):
    client = app.test_client()
    caseworker = create_account("caseworker", **{"office_code": "44030506", **kw})
    sign_in(client, caseworker)
    client.get("/language/en")
    return client, caseworker


def _window_application(app, **kw):
    """A walk-in application entered and submitted at the window by a new caseworker (``kw``: their account)."""
    client, caseworker = _caseworker(app, **kw)
    assert "/office/window" in str(get_page(client, "/office"))
    response = submit(client, "/office/window", {"name": "钱奶奶", "id_number": ID_QIAN, "witness": "李红",
                                                  "declaration": "y"})
    assert response.status_code == 302
    mandate = db.session.scalars(db.select(Mandate)).one()
    assert mandate.method == "in_person" and mandate.witness == "李红" and mandate.allows_to("submit")
    household = one_person_dibao()
    household.pages["name"] = {"name": "钱奶奶", "id_number": ID_QIAN}
    household.pages["declarations"] = {**household.pages["declarations"], "agreed_how": "paper_form"}
    result = walk(client, household, start=f"/assist/residents/{mandate.id}/act", stop_at_check=True)
    application_id = int(result.visited[-1].split("/")[2])
    upload = f"/assist/residents/{mandate.id}/applications/{application_id}/signed-declarations"
    assert submit(client, upload, {"photo": (io.BytesIO(_jpeg()), "scan.jpg")}, form_url=f"/apply/{application_id}/check",
                  content_type="multipart/form-data").status_code == 302
    check = get_page(client, f"/apply/{application_id}/check")
    token = check.find("input", attrs={"name": "submission_token"})["value"]
    response = submit(client, f"/apply/{application_id}/check", {"submission_token": token})
    assert response.status_code == 302 and "/apply/confirmation/" in response.headers["Location"]
    return client, caseworker, db.session.get(Application, application_id)


def test_a_window_form_problem_is_shown_next_to_the_field_and_typing_is_kept(app):
    client, _ = _caseworker(app)
    soup = page_of(submit(client, "/office/window", {"name": "钱奶奶", "id_number": ID_QIAN, "witness": ""}), 200)
    assert errors_of(soup) == ["Enter the name of the second member of staff present",
                               "Tick the box to confirm the resident asked in person"]
    assert soup.find("input", attrs={"name": "id_number"})["value"] == ID_QIAN


def test_only_caseworkers_open_the_window(app):
    client = app.test_client()
    sign_in(client, create_account("assistant"))
    assert client.get("/office/window").status_code == 403


def test_a_walk_in_paper_application_is_entered_submitted_and_claimed_online(app):
    client, caseworker, application = _window_application(app)
    assert application.status == "submitted" and application.channel == "window"
    assert application.submitted_by_id == caseworker.id
    text = pdf_text(client.get(f"/applications/{application.reference}/receipt.pdf").data)
    assert "Entered at the street office window" in text and "/claim" in text

    # Later, with a new mobile, the resident takes it over.
    resident = app.test_client()
    resident.get("/language/en")
    verifier = ID_QIAN[-6:]
    taken = create_account("resident", phone="13922260002")
    soup = page_of(submit(resident, "/claim", {"reference": application.reference, "verifier": verifier,
                                               "phone": taken.phone}), 200)
    assert errors_of(soup) == ["This mobile number already has an account. Enter another number, or ask the "
                               "street office to join the application to that account."]
    response = submit(resident, "/claim", {"reference": application.reference, "verifier": verifier,
                                           "phone": "13922260001"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/claim/code")
    body = db.session.scalars(db.select(Message.body).where(Message.to_phone == "13922260001")).one()
    code = re.search(r"\b(\d{6})\b", body).group(1)
    wrong = page_of(submit(resident, "/claim/code", {"code": "000000" if code != "000000" else "111111"}), 200)
    assert "That code is not right" in errors_of(wrong)[0]
    response = submit(resident, "/claim/code", {"code": code})
    assert response.status_code == 302
    applicant = db.session.get(Account, application.account_id)
    db.session.refresh(applicant)
    assert applicant.phone == "13922260001"
    mine = get_page(resident, "/my/applications").get_text()
    assert application.reference in mine


def test_a_claim_with_a_wrong_verifier_is_refused_like_the_status_check(app):
    client, _, application = _window_application(app)
    resident = app.test_client()
    resident.get("/language/en")
    soup = page_of(submit(resident, "/claim", {"reference": application.reference, "verifier": "000000",
                                               "phone": "13922260003"}), 200)
    assert errors_of(soup)[0].startswith("We could not find an application")
    assert db.session.scalar(db.select(db.func.count(Message.id)).where(Message.to_phone == "13922260003")) == 0
