"""Leads (主动发现): reported by assistants and caseworkers, followed up by the street office,
each ending with an outcome or an application made with the person's consent."""
from __future__ import annotations

import pytest

from portal.extensions import db
from portal.models import Account, Application
from portal.models.lead import Lead
from tests.client.assist_helpers import assistant_client, last_code
from tests.factories import OTHER_OFFICE, create_account, sign_in
from tests.helpers.pages import errors_of, get_page, page_of, submit

LEAD = {"name": "独居老人陈伯", "phone": "13944440001", "address": "粤海街道科技园社区12栋", "urgency": "urgent",
        "situation": "Lives alone, no income since his son left; the fridge was empty.", "how_found": "home_visit"}


def _caseworker(app, office=None):
    client = app.test_client()
    account = create_account("caseworker", **({"office_code": office} if office else {}))
    sign_in(client, account)
    client.get("/language/en")
    return client, account


def _report(client, **changes) -> Lead:
    response = submit(client, "/assist/leads/new", {**LEAD, **changes})
    assert response.status_code == 302
    return db.session.scalars(db.select(Lead).order_by(Lead.id.desc())).first()


def test_an_assistant_reports_and_the_office_sees_it_most_urgent_first(app):
    client, assistant = assistant_client(app)
    calm = _report(client, name="乙", urgency="normal")
    lead = _report(client)
    assert lead.office_code == assistant.office_code and lead.status == "open" and lead.reported_by_id == assistant.id
    assert "独居老人陈伯" in get_page(client, "/assist/leads").get_text()
    office, _ = _caseworker(app)
    rows = get_page(office, "/office/leads").select("tbody tr")
    assert [r.a.get_text() for r in rows] == ["独居老人陈伯", "乙"]
    page = get_page(office, f"/office/leads/{lead.id}")
    assert "the fridge was empty" in page.get_text()
    del calm


def test_the_office_records_contact_then_closes_with_an_outcome(app):
    client, _ = assistant_client(app)
    lead = _report(client)
    office, caseworker = _caseworker(app)
    soup = page_of(submit(office, f"/office/leads/{lead.id}/contact", {"contact-note": ""},
                          form_url=f"/office/leads/{lead.id}"), 400)
    assert errors_of(soup) == ["Describe the contact"]
    assert submit(office, f"/office/leads/{lead.id}/contact", {"contact-note": "Visited on Monday"},
                  form_url=f"/office/leads/{lead.id}").status_code == 302
    db.session.refresh(lead)
    assert lead.status == "contacted" and lead.contacted_by_id == caseworker.id
    soup = page_of(submit(office, f"/office/leads/{lead.id}/close", {"close-outcome": "nonsense", "close-note": "kept"},
                          form_url=f"/office/leads/{lead.id}"), 400)
    assert errors_of(soup) == ["Choose the outcome"] and "kept" in soup.find("textarea", attrs={"name": "close-note"}).text
    assert submit(office, f"/office/leads/{lead.id}/close", {"close-outcome": "referred_elsewhere"},
                  form_url=f"/office/leads/{lead.id}").status_code == 302
    db.session.refresh(lead)
    assert lead.status == "closed" and lead.outcome == "referred_elsewhere" and lead.closed_at is not None
    assert lead.id not in [int(a["href"].rsplit("/", 1)[-1]) for a in get_page(office, "/office/leads").select("tbody a")]
    assert "Finished: Referred to another service" in get_page(office, "/office/leads?all=1").get_text()


def test_a_lead_becomes_a_proactive_draft_once_the_person_consents(app):
    client, _ = assistant_client(app)
    lead = _report(client)
    office, caseworker = _caseworker(app)
    response = submit(office, f"/office/leads/{lead.id}/convert", {}, form_url=f"/office/leads/{lead.id}")
    consent_url = response.headers["Location"]
    mandate_id = int(consent_url.rsplit("/", 1)[-1])
    submit(office, f"/assist/consent/{mandate_id}/send", {}, form_url=consent_url)
    response = submit(office, f"/assist/consent/{mandate_id}/code", {"code": last_code("13944440001")})
    assert response.status_code == 302
    db.session.refresh(lead)
    application = db.session.get(Application, lead.application_id)
    assert lead.status == "converted" and lead.outcome == "helped_with_application"
    assert application.status == "draft" and application.channel == "proactive"
    assert application.created_by_id == caseworker.id
    assert db.session.get(Account, application.account_id).phone == "13944440001"


def test_leads_of_another_office_are_forbidden(app):
    client, _ = assistant_client(app)
    lead = _report(client)
    elsewhere, _ = _caseworker(app, office=OTHER_OFFICE)
    get_page(elsewhere, f"/office/leads/{lead.id}", status=403)
    assert submit(elsewhere, f"/office/leads/{lead.id}/close", {"close-outcome": "not_in_need"},
                  form_url="/office/leads").status_code == 403
    assert "独居老人陈伯" not in get_page(elsewhere, "/office/leads").get_text()
    resident = app.test_client()
    sign_in(resident, create_account("resident"))
    get_page(resident, "/assist/leads/new", status=403)


@pytest.mark.parametrize("changes, field, message", [
    ({"name": "  "}, "name", "Enter the person's name, or how they are known"),
    ({"situation": ""}, "situation", "Describe the person's situation"),
    ({"address": "\x00\x07"}, "address", "Enter where the person can be found"),
    ({"phone": "12"}, "phone", "Enter an 11-digit mainland mobile number, like 138 0013 8000, or leave it empty"),
    ({"urgency": "panic"}, "urgency", "Choose how urgent it is"),
    ({"how_found": ""}, "how_found", "Choose how you found out"),
    ({"situation": "x" * 2001}, "situation", "The description can have at most 2000 characters"),
])
def test_lead_form_problems_are_next_to_the_field_and_typing_is_kept(app, changes, field, message):
    client, _ = assistant_client(app)
    soup = page_of(submit(client, "/assist/leads/new", {**LEAD, **changes}))
    assert errors_of(soup) == [message]
    assert soup.find("input", attrs={"name": "address"}) is not None
    if field != "name":
        assert soup.find("input", attrs={"name": "name"})["value"] == LEAD["name"]
    assert db.session.scalar(db.select(db.func.count(Lead.id))) == 0
