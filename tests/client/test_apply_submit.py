"""Submitting: exactly one application whatever the taps, one request per type with its
authority, one open application per household, consents recorded, the signal sent."""
from __future__ import annotations

import threading

import pytest

from portal.domain.reference import is_valid_reference
from portal.extensions import db
from portal.models import Application, AssistanceRequest, Consent, Event
from portal.signals import application_submitted
from tests.factories import create_account, create_application, sign_in
from tests.helpers.pages import csrf_token, get_page, page_of
from tests.tools.walkthrough import (
    emergency,
    one_person_dibao,
    permit_holder,
    resident_id,
    walk,
)


def ready_to_submit(client, household=None):
    account = create_account("resident")
    sign_in(client, account)
    result = walk(client, household or one_person_dibao(), stop_at_check=True)
    check_url = result.visited[-1]
    assert check_url.endswith("/check")
    return account, check_url


def submit_form(client, check_url):
    soup = get_page(client, check_url)
    return {"csrf_token": csrf_token(soup), "submission_token": soup.find("input", attrs={"name": "submission_token"})["value"]}


def count_applications(**where):
    query = db.select(db.func.count(Application.id))
    for key, value in where.items():
        query = query.where(getattr(Application, key) == value)
    return db.session.scalar(query)


def test_double_tap_refresh_and_back_give_one_application_and_the_same_confirmation(any_app):
    client = any_app.test_client()
    account, check_url = ready_to_submit(client)
    form = submit_form(client, check_url)
    heard = []
    with application_submitted.connected_to(lambda sender: heard.append(sender.id)):
        first = client.post(check_url, data=form)
        second = client.post(check_url, data=form)  # double tap, or refresh re-posting the form
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert "/apply/confirmation/SZ-" in first.headers["Location"]
    assert count_applications(account_id=account.id) == 1 and len(heard) == 1
    # Back to the check page, or the task list, after submitting: the confirmation again.
    assert client.get(check_url).headers["Location"] == first.headers["Location"]
    application = db.session.scalars(db.select(Application).where(Application.account_id == account.id)).one()
    assert client.get(f"/apply/{application.id}").headers["Location"] == first.headers["Location"]


def test_two_tabs_submit_the_same_draft_once(app):
    account = create_account("resident")
    tab1, tab2 = app.test_client(), app.test_client()
    sign_in(tab1, account)
    sign_in(tab2, account)
    walk(tab1, one_person_dibao(), stop_at_check=True)
    application = db.session.scalars(db.select(Application).where(Application.account_id == account.id)).one()
    url = f"/apply/{application.id}/check"
    form1, form2 = submit_form(tab1, url), submit_form(tab2, url)
    r1, r2 = tab1.post(url, data=form1), tab2.post(url, data=form2)
    assert r1.headers["Location"] == r2.headers["Location"]
    assert count_applications(account_id=account.id) == 1
    assert db.session.scalar(db.select(db.func.count(AssistanceRequest.id))) == 1


@pytest.mark.postgres
def test_ten_parallel_submits_on_postgresql_create_one_application(pg_app):
    account = create_account("resident")
    setup = pg_app.test_client()
    sign_in(setup, account)
    walk(setup, one_person_dibao(), stop_at_check=True)
    application = db.session.scalars(db.select(Application).where(Application.account_id == account.id)).one()
    url = f"/apply/{application.id}/check"
    clients = [pg_app.test_client() for _ in range(10)]
    forms = []
    for c in clients:
        sign_in(c, account)
        forms.append(submit_form(c, url))
    db.session.remove()  # nothing of this thread's session may hold the row
    barrier = threading.Barrier(len(clients))
    outcomes: list = [None] * len(clients)

    def post(i):
        barrier.wait()
        response = clients[i].post(url, data=forms[i])
        outcomes[i] = (response.status_code, response.headers.get("Location"))

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(clients))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert all(o is not None and o[0] == 302 for o in outcomes), outcomes
    assert len({o[1] for o in outcomes}) == 1
    assert count_applications(status="submitted") == 1
    assert db.session.scalar(db.select(db.func.count(AssistanceRequest.id))) == 1
    assert db.session.scalar(db.select(db.func.count(Event.id))) == 1


def test_submit_creates_one_request_per_type_with_its_authority(any_app):
    client = any_app.test_client()
    account, check_url = ready_to_submit(client, permit_holder())
    response = client.post(check_url, data=submit_form(client, check_url))
    reference = response.headers["Location"].rsplit("/", 1)[-1]
    assert is_valid_reference(reference)
    application = db.session.scalars(db.select(Application).where(Application.reference == reference)).one()
    by_type = {r.type: r for r in application.requests}
    # dibao is open to permit holders (demonstration policy from 2026); tekun is personal: registration place.
    assert set(by_type) == {"dibao", "medical", "temp_expenditure"}
    assert by_type["dibao"].authority == "civil_affairs_district" and by_type["medical"].authority == "medical_security_bureau"
    assert all(r.basis == "residence_permit" and r.office_code == "44030506" and r.status == "SUBMITTED"
               for r in application.requests)
    assert by_type["dibao"].special_reason == "remote_application"  # 45 working days (S-DD 四(一))
    referred = application.answers["routing"]["referred"]
    assert referred == [{"type": "tekun", "refer_to": {"code": "hukou_place", "region_code": "430000", "place": "衡阳市衡南县"}}]
    assert (application.receiving_office_code, application.jurisdiction_basis) == ("44030506", "residence_permit")
    kinds = {c.kind for c in db.session.scalars(db.select(Consent).where(Consent.application_id == application.id))}
    assert kinds == {"economic_check_authorisation", "truthfulness", "change_duty", "publication_notice",
                     "sensitive_data_processing", "not_receiving_elsewhere"}


def test_emergency_request_is_urgent_at_the_incident_office(client):
    account, check_url = ready_to_submit(client, emergency())
    client.post(check_url, data=submit_form(client, check_url))
    application = db.session.scalars(db.select(Application).where(Application.account_id == account.id)).one()
    [request] = application.requests
    assert (request.type, request.office_code, request.basis, request.urgent) == (
        "temp_emergency", "44030401", "incident_location", True)
    assert application.urgent is True
    event = db.session.scalars(db.select(Event).where(Event.request_id == request.id)).one()
    assert "44030401" in event.data["incident_location"]


def test_assess_everything_creates_the_requests_the_screening_does_not_rule_out(client):
    household = one_person_dibao()
    household.pages["types"] = {"types": "assess_all"}
    household.pages["supporters"] = {"any": "no", "rural_rights": "no"}  # assessing everything includes extreme-poverty support
    household.pages["housing-kind"] = {"kind": "rent_unaffordable"}  # ... and housing aid
    household.pages["member-unemployed:m1"] = {"insured": "no", "months": "5"}  # ... and temporary aid
    account, check_url = ready_to_submit(client, household)
    client.post(check_url, data=submit_form(client, check_url))
    application = db.session.scalars(db.select(Application).where(Application.account_id == account.id)).one()
    types = {r.type for r in application.requests}
    assert "dibao" in types and "temp_emergency" not in types  # no emergency was described
    assert "disaster" not in types  # screened unlikely: no disaster reported


def test_a_second_open_application_for_the_same_household_is_refused(client, app):
    number = resident_id("440305", "19700315", "113")
    create_application(id_number=number)  # someone else's open application for this person
    account = create_account("resident")
    sign_in(client, account)
    household = one_person_dibao()
    response = client.post("/apply/new", data={"csrf_token": csrf_token(get_page(client, "/apply"))})
    app_id = int(response.headers["Location"].split("/")[2])
    soup = get_page(client, f"/apply/{app_id}/name")
    response = client.post(f"/apply/{app_id}/name", data={"csrf_token": csrf_token(soup), **household.pages["name"]})
    soup = page_of(response, 200)
    assert "已有一份未办结的申请" in soup.select_one(".field-error").get_text()


def test_submit_is_refused_when_incomplete_or_with_a_wrong_token(client):
    account, check_url = ready_to_submit(client)
    form = submit_form(client, check_url)
    response = client.post(check_url, data=dict(form, submission_token="forged"))
    assert response.status_code == 409
    assert count_applications(status="submitted") == 0
    # Unfinished: withdraw a declaration by changing the household, then submit.
    application = db.session.scalars(db.select(Application).where(Application.account_id == account.id)).one()
    answers = dict(application.answers)
    answers["_done"] = [k for k in answers["_done"] if k != "declarations"]
    application.answers = answers
    db.session.commit()
    response = client.post(check_url, data=form)
    assert response.status_code == 409
    assert "还有问题未回答" in page_of(response, 409).select_one(".error-summary").get_text()
    assert count_applications(status="submitted") == 0


def test_confirmation_lists_office_basis_time_limit_and_receipt(client):
    account, check_url = ready_to_submit(client, permit_holder())
    response = client.post(check_url, data=submit_form(client, check_url))
    client.get("/language/en")
    soup = get_page(client, response.headers["Location"])
    text = soup.get_text(" ", strip=True)
    assert "Minimum living allowance" in text and "Nanshan District Yuehai Subdistrict" in text
    assert "A decision within 45 working days of acceptance." in text  # longer limit: applying outside hukou
    assert "where you live, with your residence permit" in text
    assert "Support for people in extreme poverty" in text and "Hunan 衡阳市衡南县" in text
    reference = response.headers["Location"].rsplit("/", 1)[-1]
    assert soup.find("a", href=f"/apply/confirmation/{reference}/print") is not None
    printable = get_page(client, f"/apply/confirmation/{reference}/print")
    assert reference in printable.h1.get_text()


def test_confirmation_is_only_for_the_applicant_and_the_handling_office(client, app):
    account, check_url = ready_to_submit(client)
    location = client.post(check_url, data=submit_form(client, check_url)).headers["Location"]
    stranger = app.test_client()
    sign_in(stranger, create_account("resident"))
    assert stranger.get(location).status_code == 404
    office = app.test_client()
    sign_in(office, create_account("caseworker", office_code="44030506"))
    assert office.get(location).status_code == 200
    elsewhere = app.test_client()
    sign_in(elsewhere, create_account("caseworker", office_code="44030401"))
    assert elsewhere.get(location).status_code == 404
