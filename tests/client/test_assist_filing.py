"""Acting for a resident: the banner, the resident's own journey, the audit trail, handover,
the caseload's true counts and the resident's view with withdrawal."""
from __future__ import annotations

from portal.extensions import db
from portal.models import Application, Consent, Event, Message
from portal.models.assist import Mandate
from tests.client.assist_helpers import act, assistant_client, consent_by_code
from tests.factories import create_account, create_application, sign_in
from tests.helpers.pages import get_page, submit
from tests.tools.walkthrough import one_person_dibao, walk


def _resident_client(app, resident):
    client = app.test_client()
    sign_in(client, resident)
    client.get("/language/en")
    return client


def _sign_declarations_and_submit(client, application_id):
    """The resident makes the declarations on their own phone, then submits from the check page."""
    from tests.tools.walkthrough import ALL, _fill, _main_form, parse

    url = f"/apply/{application_id}/declarations"
    form = _main_form(parse(get_page(client, url).decode()))
    response = client.post(url, data={**form.values(), **_fill(form, {ALL: True})})
    assert response.status_code == 302
    check = get_page(client, f"/apply/{application_id}/check")
    token = check.find("input", attrs={"name": "submission_token"})["value"]
    response = submit(client, f"/apply/{application_id}/check", {"submission_token": token})
    assert response.status_code == 302 and "/apply/confirmation/" in response.headers["Location"]


def test_every_journey_page_says_whose_application_it_is(app):
    client, _ = assistant_client(app)
    mandate = consent_by_code(client, "13922220001", name="张三")
    application_id = act(client, mandate)
    for url in (f"/apply/{application_id}", f"/apply/{application_id}/name", "/assist"):
        banner = get_page(client, url).select_one(".acting-banner")
        assert banner is not None and "Filing for 张三" in banner.get_text()
    application = db.session.get(Application, application_id)
    assert application.account_id == mandate.resident_account_id and application.channel == "assistant"
    submit(client, "/assist/stop", {}, form_url="/assist")
    assert get_page(client, "/assist").select_one(".acting-banner") is None
    assert client.get(f"/apply/{application_id}").status_code == 404  # not acting: no access


def test_each_save_records_the_assistant_as_actor_for_the_resident(app):
    client, assistant = assistant_client(app)
    mandate = consent_by_code(client, "13922220002")
    walk(client, one_person_dibao(), start=f"/assist/residents/{mandate.id}/act", stop_at_check=True)
    events = db.session.scalars(db.select(Event).where(Event.action == "draft_changed")).all()
    assert len(events) >= 10
    assert {(e.actor_account_id, e.actor_role, e.on_behalf_of_account_id) for e in events} == \
        {(assistant.id, "assistant", mandate.resident_account_id)}
    assert {"name", "declarations"} <= {e.data["step"] for e in events}
    # The declarations were confirmed on the assistant's screen, and say so.
    application = db.session.scalars(db.select(Application)).one()
    declared = application.answers["declarations"]["truthfulness"]
    assert declared["method"] == "on_assistant_screen" and declared["by"] == assistant.id


def test_handover_then_the_resident_submits_and_the_caseload_shows_it(app):
    client, assistant = assistant_client(app)
    mandate = consent_by_code(client, "13922220003")
    walk(client, one_person_dibao(), start=f"/assist/residents/{mandate.id}/act", stop_at_check=True)
    application = db.session.scalars(db.select(Application)).one()
    caseload = get_page(client, "/assist")
    assert [n.get_text() for n in caseload.select(".counts__number")] == ["1", "0", "0", "0"]

    # This mandate does not allow submitting: the check page says so, and a submit is refused.
    check = get_page(client, f"/apply/{application.id}/check")
    assert check.find("input", attrs={"name": "submission_token"}) is None
    assert "mandate does not allow you to submit" in check.select_one("main").get_text()
    token = application.answers["_token"]
    response = submit(client, f"/apply/{application.id}/check", {"submission_token": token},
                      form_url=f"/apply/{application.id}")
    assert response.status_code == 409
    assert "does not allow you to submit" in response.get_data(as_text=True)
    db.session.refresh(application)
    assert application.status == "draft"

    response = submit(client, f"/assist/residents/{mandate.id}/applications/{application.id}/handover", {},
                      form_url=f"/assist/residents/{mandate.id}")
    assert response.status_code == 302
    sms = db.session.scalars(db.select(Message).where(Message.kind == "assist_handover", Message.channel == "sms")).one()
    assert sms.to_phone == "13922220003" and "王小明" not in sms.body and "SZ-" not in sms.body
    assert db.session.scalars(db.select(Message).where(Message.kind == "assist_handover", Message.channel == "inapp")).one()
    assert "Handed over to the resident" in get_page(client, f"/assist/residents/{mandate.id}").get_text()

    resident = db.session.get(type(assistant), mandate.resident_account_id)
    own = _resident_client(app, resident)
    home = get_page(own, "/home")
    assert home.find("a", href=f"/apply/{application.id}")
    _sign_declarations_and_submit(own, application.id)
    db.session.refresh(application)
    assert application.status == "submitted" and application.requests
    submitted = [e for r in application.requests for e in r.events if e.action == "submit"]
    assert submitted and all(e.actor_account_id == resident.id for e in submitted)
    caseload = get_page(client, "/assist")
    assert [n.get_text() for n in caseload.select(".counts__number")] == ["0", "1", "0", "0"]
    # The resident re-made the declarations in their own session.
    methods = {c.method for c in db.session.scalars(db.select(Consent).where(Consent.application_id == application.id))}
    assert methods == {"online"}


def test_caseload_counts_are_true_and_lists_what_each_resident_owes(any_app):
    client, assistant = assistant_client(any_app)
    first = consent_by_code(client, "13922220004", name="甲")
    second = consent_by_code(client, "13922220005", name="乙")
    resident_1 = db.session.get(type(assistant), first.resident_account_id)
    resident_2 = db.session.get(type(assistant), second.resident_account_id)
    create_application(resident_1, status="draft", id_number="440305199001011234")
    waiting = create_application(resident_1, types=("dibao", "medical"), request_status="NEEDS_MATERIALS",
                                 id_number="440305199001011235")
    create_application(resident_2, types=("dibao", "tekun", "education"), request_status="APPROVED",
                       id_number="440305199001011236")
    create_application(resident_2, request_status="REJECTED", id_number="440305199001011237")
    # An unconsented resident's applications never count.
    create_application(create_account("resident"), status="draft", id_number="440305199001011238")
    # The office listed one missing item (the request_materials event the status page reads).
    db.session.add(Event(application_id=waiting.id, request_id=waiting.requests[0].id, action="request_materials",
                         actor_role="caseworker", data={"missing_items": ["Bank statements for the last 6 months"]}))
    db.session.commit()
    page = get_page(client, "/assist")
    assert [n.get_text() for n in page.select(".counts__number")] == ["1", "3", "2", "4"]
    cards = {card.h2.get_text(strip=True): card for card in page.select(".cards > li")}
    assert [dd.get_text() for dd in cards["甲"].select("dd")] == ["1", "1", "2", "0"]
    assert [dd.get_text() for dd in cards["乙"].select("dd")] == ["0", "2", "0", "4"]
    assert "Bank statements for the last 6 months" in cards["甲"].get_text()


def test_resident_sees_who_acted_and_withdrawal_ends_access_at_once(any_app):
    app = any_app
    client, assistant = assistant_client(app, display_name="社区协理员小陈")
    mandate = consent_by_code(client, "13922220006")
    application_id = act(client, mandate)
    walk(client, one_person_dibao(), start=f"/assist/residents/{mandate.id}/act", stop_at_check=True)
    resident = db.session.get(type(assistant), mandate.resident_account_id)
    own = _resident_client(app, resident)
    assert get_page(own, "/home").find("a", href="/my/helpers")
    page = get_page(own, "/my/helpers")
    assert "社区协理员小陈" in page.select_one(".cards").get_text()
    trail = page.select_one(".timeline").get_text()
    assert "Started a draft application for you" in trail and "Changed answers in your draft" in trail
    assert "By 社区协理员小陈" in trail

    response = submit(own, f"/my/helpers/{mandate.id}/withdraw", {}, form_url="/my/helpers")
    assert response.status_code == 302
    db.session.refresh(mandate)
    assert mandate.withdrawn_at is not None and not mandate.standing
    assert client.get(f"/apply/{application_id}").status_code == 404
    assert client.get(f"/assist/residents/{mandate.id}").status_code == 403
    assert get_page(client, "/assist").select_one(".acting-banner") is None
    assert "甲" not in get_page(client, "/assist").get_text()
    assert db.session.scalar(db.select(db.func.count(Mandate.id)).where(Mandate.withdrawn_at.is_(None),
                                                                         Mandate.granted_at.is_not(None))) == 0
