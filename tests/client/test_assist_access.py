"""Limits: an assistant reaches only residents who consented to them, never decides anything."""
from __future__ import annotations

import pytest

from portal.extensions import db
from portal.models import Account, Application
from tests.client.assist_helpers import act, assistant_client, begin, consent_by_code
from tests.factories import create_account, create_application, sign_in
from tests.helpers.pages import csrf_token, get_page, submit


def test_another_assistant_of_the_same_office_cannot_reach_the_resident(app):
    mine, _ = assistant_client(app)
    mandate = consent_by_code(mine, "13933330001", name="张三")
    application_id = act(mine, mandate)
    other, _ = assistant_client(app)  # same office, no consent from this resident
    get_page(other, f"/assist/residents/{mandate.id}", status=403)
    get_page(other, f"/assist/consent/{mandate.id}", status=403)
    for path in (f"/assist/residents/{mandate.id}/act",
                 f"/assist/residents/{mandate.id}/applications/{application_id}/handover"):
        assert submit(other, path, {}, form_url="/assist").status_code == 403
    # The journey answers 404 to anyone without access, so it does not even confirm the draft exists.
    assert other.get(f"/apply/{application_id}").status_code == 404
    assert other.get(f"/apply/{application_id}/name").status_code == 404
    assert "张三" not in get_page(other, "/assist").get_text()


def test_a_resident_without_consent_cannot_be_reached(app):
    client, _ = assistant_client(app)
    resident = create_account("resident", phone="13933330002")
    draft = create_application(resident, status="draft")
    pending = begin(client, name="李四", phone="13933330002")  # consent asked, never given
    get_page(client, f"/assist/residents/{pending.id}", status=403)
    assert submit(client, f"/assist/residents/{pending.id}/act", {}, form_url="/assist").status_code == 403
    assert client.get(f"/apply/{draft.id}").status_code == 404
    assert db.session.scalar(db.select(db.func.count(Application.id))) == 1  # no draft was made for them


@pytest.mark.parametrize("path", ["/office", "/office/leads", "/office/sent", "/office/leads/1"])
def test_office_pages_are_forbidden_to_assistants(app, path):
    client, _ = assistant_client(app)
    get_page(client, path, status=403)


def test_office_actions_and_case_pages_are_forbidden_to_assistants_even_with_consent(app):
    client, _ = assistant_client(app)
    mandate = consent_by_code(client, "13933330003")
    resident = db.session.get(Account, mandate.resident_account_id)
    application = create_application(resident)  # the consenting resident's own submitted application
    request_id = application.requests[0].id
    get_page(client, f"/office/cases/{application.reference}", status=403)
    for action in ("accept", "approve", "reject", "request_materials", "decide"):
        get_page(client, f"/office/requests/{request_id}/actions/{action}", status=403)
        response = client.post(f"/office/requests/{request_id}/actions/{action}",
                               data={"csrf_token": "x", "version": "1"})
        assert response.status_code in (400, 403)  # CSRF first, or the role check: never a change
    token_page = get_page(client, "/assist")
    response = client.post(f"/office/requests/{request_id}/actions/accept",
                           data={"csrf_token": csrf_token(token_page), "version": "1"})
    assert response.status_code == 403
    db.session.refresh(application.requests[0])
    assert application.requests[0].status == "SUBMITTED"


def test_residents_and_caseworkers_cannot_use_the_assistant_pages_of_others(app):
    client, _ = assistant_client(app)
    mandate = consent_by_code(client, "13933330004")
    resident = create_account("resident")
    own = app.test_client()
    sign_in(own, resident)
    for path in ("/assist", "/assist/find", f"/assist/residents/{mandate.id}"):
        get_page(own, path, status=403)
    caseworker = create_account("caseworker")
    staff = app.test_client()
    sign_in(staff, caseworker)
    get_page(staff, f"/assist/residents/{mandate.id}", status=403)
    # A resident cannot withdraw someone else's mandate.
    assert submit(own, f"/my/helpers/{mandate.id}/withdraw", {}, form_url="/my/helpers").status_code == 404
    db.session.refresh(mandate)
    assert mandate.standing


@pytest.mark.parametrize("path", ["/assist/residents/0", "/assist/residents/99999999999999999999",
                                  "/assist/consent/-1", "/assist/consent/2147483648/code", "/office/leads/99999999999"])
def test_malformed_ids_are_refused_without_an_error(app, path):
    client, _ = assistant_client(app)
    assert client.get(path).status_code in (403, 404)


def _receipt(application) -> str:
    return f"/applications/{application.reference}/receipt.pdf"


def test_a_helper_with_a_standing_mandate_may_download_the_receipt_to_hand_it_over(app):
    client, _ = assistant_client(app)
    mandate = consent_by_code(client, "13933330005")
    resident = db.session.get(Account, mandate.resident_account_id)
    application = create_application(resident)
    # From the resident's page, without starting to file (acting would open a new draft).
    link = get_page(client, f"/assist/residents/{mandate.id}").find("a", href=_receipt(application))
    assert link is not None and "Download the receipt" in link.get_text()
    response = client.get(_receipt(application))
    assert response.status_code == 200 and response.data.startswith(b"%PDF-")
    assert response.headers["Cache-Control"] == "no-store"


def test_no_receipt_without_a_standing_mandate(app):
    client, assistant = assistant_client(app)
    mandate = consent_by_code(client, "13933330006")
    resident = db.session.get(Account, mandate.resident_account_id)
    application = create_application(resident)
    other, _ = assistant_client(app)  # same office, no consent from this resident
    caseworker = app.test_client()
    sign_in(caseworker, create_account("caseworker", office_code="44030507"))  # another office: no mandate, no scope
    # Nobody without access learns that the application exists: 404, as for every document.
    assert other.get(_receipt(application)).status_code == 404
    assert caseworker.get(_receipt(application)).status_code == 404
    resident_client = app.test_client()
    sign_in(resident_client, resident)
    submit(resident_client, f"/my/helpers/{mandate.id}/withdraw", {}, form_url="/my/helpers")
    assert client.get(_receipt(application)).status_code == 404  # withdrawn: at once


def test_a_mandate_gives_the_receipt_only_not_the_decision_notices(app):
    from portal.receipts.access import can_download, can_download_receipt

    client, assistant = assistant_client(app)
    mandate = consent_by_code(client, "13933330007")
    application = create_application(db.session.get(Account, mandate.resident_account_id))
    with app.test_request_context("/"):  # a fresh session: the helper is not acting
        assert can_download_receipt(assistant, application)
        assert not can_download(assistant, application)  # the notices stay with the applicant
