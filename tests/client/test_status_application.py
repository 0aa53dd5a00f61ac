"""The resident's status page, messages and notifications."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from portal.extensions import db
from portal.models import Message
from portal.tracking.transitions import perform
from tests.factories import OTHER_OFFICE, create_account, create_application, sign_in
from tests.helpers.pages import get_page, page_of, submit

MONDAY = datetime(2026, 10, 12, 2, 0, tzinfo=timezone.utc)


def _accept(request, caseworker, now=MONDAY):
    perform(request, "accept", caseworker, {"close_relative_of_staff": False}, now=now)
    db.session.commit()


def test_owner_sees_each_request_with_step_dates_and_next_step(client):
    resident = create_account("resident")
    application = create_application(resident, types=("dibao", "medical"))
    dibao, medical = application.requests
    caseworker = create_account("caseworker")
    _accept(dibao, caseworker)
    perform(dibao, "start_investigation", caseworker, now=datetime(2026, 10, 13, 2, 0, tzinfo=timezone.utc))
    db.session.commit()
    sign_in(client, resident)
    page = get_page(client, f"/my/applications/{application.reference}")
    assert page.h1.get_text(strip=True) == f"Application {application.reference}" or application.reference in page.h1.text
    sections = page.select("section.request")
    assert len(sections) == 2
    assert "家庭经济状况核查中" in sections[0].get_text(" ", strip=True)  # the default language
    client.get("/language/en")
    page = get_page(client, f"/my/applications/{application.reference}")
    first = page.select("section.request")[0]
    text = first.get_text(" ", strip=True)
    assert "Minimum living allowance" in text
    assert "Household checks under way" in text
    assert "Decision due by" in text and "2026" in text
    assert "Please help with the checks" in text
    # Newest first, and the step list marks the current step.
    entries = [li.find("strong").get_text(strip=True) for li in first.select("ol.timeline > li")]
    assert entries == ["Start the household checks", "Accept"]
    assert first.select_one('[aria-current="step"]').get_text(" ", strip=True).startswith("Household checks")
    second = page.select("section.request")[1].get_text(" ", strip=True)
    assert "Medical assistance" in second and "Received, waiting to be accepted" in second


@pytest.mark.parametrize("reference", ["SZ-0000-0000-0", "..%2F..%2Fetc", "x" * 500, "SZ%00", "%E4%BD%A0"])
def test_unknown_or_malformed_reference_is_404(client, reference):
    resident = create_account("resident")
    sign_in(client, resident)
    assert client.get(f"/my/applications/{reference}").status_code == 404


def test_other_people_cannot_see_an_application(client):
    application = create_application()
    url = f"/my/applications/{application.reference}"
    assert client.get(url).status_code == 302  # anonymous: to sign-in
    sign_in(client, create_account("resident"))
    assert client.get(url).status_code == 404  # another resident: existence hidden
    staff = app_client_for(client, create_account("caseworker"))
    assert staff.get(url).status_code == 403


def app_client_for(client, account):
    other = client.application.test_client()
    sign_in(other, account)
    return other


def test_transfer_shows_where_it_went_and_why(client):
    resident = create_account("resident")
    application = create_application(resident)
    request = application.requests[0]
    perform(request, "transfer", create_account("caseworker"), {"to_office": OTHER_OFFICE,
                                                                 "reason": "申请人户籍在园岭街道"}, now=MONDAY)
    db.session.commit()
    sign_in(client, resident)
    client.get("/language/en")
    text = get_page(client, f"/my/applications/{application.reference}").get_text(" ", strip=True)
    assert "Sent to another street office" in text
    assert "Yuanling" in text and "申请人户籍在园岭街道" in text


def test_every_status_change_notifies_in_the_residents_language_without_personal_data(client):
    resident = create_account("resident", locale="en")
    application = create_application(resident, name="王小明", id_number="440305199001011234")
    request = application.requests[0]
    caseworker = create_account("caseworker")
    perform(request, "request_materials", caseworker, {"missing_items": ["户口簿首页", "租赁合同"]}, now=MONDAY)
    db.session.commit()
    sms = db.session.scalars(db.select(Message).where(Message.channel == "sms")).all()
    inapp = db.session.scalars(db.select(Message).where(Message.channel == "inapp")).all()
    assert len(sms) == 1 and len(inapp) == 1
    assert sms[0].to_phone == resident.phone and sms[0].locale == "en"
    assert application.reference in sms[0].body and "needs something from you" in sms[0].body
    for secret in ("王小明", "440305", "1234", "Minimum living", "户口簿", "低保"):
        assert secret not in sms[0].body
    assert "Minimum living allowance" in inapp[0].body and "Waiting for missing documents" in inapp[0].body
    # A resident who has not chosen a language gets the application's.
    other = create_account("resident")
    second = create_application(other, locale="zh_Hant")
    perform(second.requests[0], "accept", caseworker, {"close_relative_of_staff": False}, now=MONDAY)
    db.session.commit()
    latest = db.session.scalars(db.select(Message).where(Message.account_id == other.id,
                                                         Message.channel == "inapp")).one()
    assert latest.locale == "zh_Hant" and "已受理" in latest.body


def test_internal_and_self_transitions_do_not_notify(client):
    application = create_application()
    request = application.requests[0]
    caseworker = create_account("caseworker")
    perform(request, "accept", caseworker, {"close_relative_of_staff": False}, now=MONDAY,
            visible_to_resident=False)
    perform(request, "record_special_reason", caseworker, {"special_reason": "hard_investigation",
                                                           "reason": "人户分离"}, now=MONDAY)
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count(Message.id))) == 0


def test_messages_page_lists_and_marks_read(client):
    resident = create_account("resident")
    application = create_application(resident)
    caseworker = create_account("caseworker")
    _accept(application.requests[0], caseworker)
    perform(application.requests[0], "start_investigation", caseworker, now=MONDAY)
    db.session.commit()
    other = create_account("resident")
    create_application(other)
    sign_in(client, resident)
    client.get("/language/en")
    page = get_page(client, "/my/messages")
    items = page.select("li.message--unread")
    assert len(items) == 2
    first_id = items[0].find("input", attrs={"name": "message_id"})["value"]
    response = submit(client, "/my/messages/read", {"message_id": first_id}, form_url="/my/messages")
    assert response.status_code == 302
    page = get_page(client, "/my/messages")
    assert len(page.select("li.message--unread")) == 1
    submit(client, "/my/messages/read", {}, form_url="/my/messages")
    assert get_page(client, "/my/messages").select("li.message--unread") == []
    assert "(1 unread)" not in get_page(client, f"/my/applications/{application.reference}").get_text()
    # Someone else's message id changes nothing, and a malformed one is a 400, not a 500.
    theirs = db.session.scalars(db.select(Message).where(Message.account_id != resident.id)).first()
    submit(client, "/my/messages/read", {"message_id": str(theirs.id) if theirs else "999"}, form_url="/my/messages")
    if theirs:
        db.session.refresh(theirs)
        assert theirs.read_at is None
    assert submit(client, "/my/messages/read", {"message_id": "1e9x"}, form_url="/my/messages").status_code == 400


def test_applications_list(client):
    resident = create_account("resident")
    application = create_application(resident, types=("dibao", "housing"))
    create_application(resident, status="draft")
    sign_in(client, resident)
    client.get("/language/en")
    page = get_page(client, "/my/applications")
    links = [a["href"] for a in page.select("ul.cards h2 a")]
    assert links == [f"/my/applications/{application.reference}"]
    assert "Housing assistance" in page.get_text()


def test_letters_issued_for_an_event_are_linked_from_the_timeline(client):
    from portal.models import Event
    from portal.models.issued import IssuedDocument

    resident = create_account("resident")
    application = create_application(resident)
    _accept(application.requests[0], create_account("caseworker"))
    event = db.session.scalars(db.select(Event).where(Event.action == "accept")).one()
    letter = db.session.scalars(db.select(IssuedDocument).where(IssuedDocument.event_id == event.id)).first()
    if letter is None:  # the receipts capability issues it when present; otherwise stand in for it
        letter = IssuedDocument(kind="acceptance_notice", application_id=application.id, request_id=event.request_id,
                                event_id=event.id, locale="zh_Hans", verification_code="ABCD2345", sha256="0" * 64,
                                size=4, content=b"%PDF")
        db.session.add(letter)
        db.session.commit()
    sign_in(client, resident)
    page = get_page(client, f"/my/applications/{application.reference}")
    links = [a["href"] for a in page.select("ol.timeline a")]
    assert links == [f"/applications/{application.reference}/notices/{letter.id}.pdf"]
    public = page_of(submit(client, "/status", {"reference": application.reference, "verifier": "011234"}))
    assert public.select("ol.timeline a") == []
