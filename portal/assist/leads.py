"""Leads (主动发现): report, list for the street office, record contact, close or convert.

Every lead ends with an outcome: closing needs one of OUTCOMES; converting (the person
agreed and gave consent) sets ``helped_with_application`` and links the new draft.
"""
from __future__ import annotations

from portal.assist.work import start_draft_in_transaction
from portal.extensions import db
from portal.models import Account, utcnow
from portal.models.assist import Mandate
from portal.models.lead import Lead

MAX_ID = 2**31 - 1
URGENCIES = ("immediate", "urgent", "normal")
HOW_FOUND = ("home_visit", "neighbour_report", "hotline", "other_agency", "self_referral", "other")


def report(reporter: Account, *, name: str, phone: str | None, address: str, situation: str, urgency: str,
           how_found: str) -> Lead:
    lead = Lead(name=name, phone=phone or None, address=address, situation=situation, urgency=urgency,
                how_found=how_found, office_code=reporter.office_code, reported_by_id=reporter.id, status="open")
    db.session.add(lead)
    db.session.commit()
    return lead


def office_leads(caseworker: Account, show_closed: bool = False) -> list[Lead]:
    """The office's leads, most urgent and oldest first."""
    order = db.case({u: i for i, u in enumerate(URGENCIES)}, value=Lead.urgency, else_=len(URGENCIES))
    statuses = ("open", "contacted", "converted", "closed") if show_closed else ("open", "contacted")
    return list(db.session.scalars(db.select(Lead).where(
        Lead.office_code == caseworker.office_code, Lead.status.in_(statuses))
        .order_by(order, Lead.reported_at, Lead.id)))


def reported_by(account: Account) -> list[Lead]:
    return list(db.session.scalars(db.select(Lead).where(Lead.reported_by_id == account.id)
                                   .order_by(Lead.reported_at.desc(), Lead.id.desc())))


def office_lead(caseworker: Account, lead_id: int) -> Lead | None:
    lead = db.session.get(Lead, lead_id) if 0 < lead_id <= MAX_ID else None
    return lead if lead is not None and caseworker.office_code and lead.office_code == caseworker.office_code else None


def is_finished(lead: Lead) -> bool:
    return lead.status in ("converted", "closed")


def record_contact(caseworker: Account, lead: Lead, note: str) -> None:
    lead.status = "contacted"
    lead.contacted_at = utcnow()
    lead.contacted_by_id = caseworker.id
    lead.contact_note = note
    db.session.commit()


def close(caseworker: Account, lead: Lead, outcome: str, note: str | None) -> None:
    lead.status = "closed"
    lead.outcome = outcome
    lead.outcome_note = note or None
    lead.closed_at = utcnow()
    lead.closed_by_id = caseworker.id
    db.session.commit()


def convert(mandate: Mandate, resident: Account) -> None:
    """Consent for a lead was recorded: the lead ends in a draft filed through proactive discovery.
    Runs inside the consent transaction (the caller commits)."""
    lead = db.session.get(Lead, mandate.lead_id)
    if lead is None or is_finished(lead):
        return
    helper = db.session.get(Account, mandate.assistant_id)
    application = start_draft_in_transaction(helper, mandate, resident, channel="proactive")
    lead.status = "converted"
    lead.outcome = "helped_with_application"
    lead.application_id = application.id
    lead.closed_at = utcnow()
    lead.closed_by_id = helper.id
