"""The public notice (公示) of a street office: only what the rules allow to be published.

Art. 24 of the 低保 rules (and S-ZX Art. 61) allow the applicant's name, the number of
household members and the amount; nothing else leaves the office (no ID numbers, addresses,
health or disability). Requests under notice are listed with the notice's last day;
approved 低保 and 特困 support is listed with its monthly amount.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from portal.apply.filing.summary import household_size
from portal.clock import today
from portal.contacts.book import Contact, ContactBook
from portal.extensions import db
from portal.models import Application, AssistanceRequest, Office

PUBLISHED_TYPES = ("dibao", "tekun")
PUBLISHED_STATES = ("APPROVED", "IN_PAYMENT", "UNDER_REVIEW", "PHASING_OUT")
LIMIT = 500


@dataclass(frozen=True)
class NoticeLine:
    name: str
    household_size: int
    type: str
    until: date | None = None
    amount: Decimal | None = None


def find_office(code: str) -> Office | None:
    if not isinstance(code, str) or len(code) > 16 or not code.isascii() or not code.isalnum():
        return None
    return db.session.get(Office, code)


def _lines(office: Office, condition) -> list[NoticeLine]:
    rows = db.session.execute(
        db.select(AssistanceRequest, Application).join(Application, Application.id == AssistanceRequest.application_id)
        .where(AssistanceRequest.office_code == office.code, condition)
        .order_by(AssistanceRequest.entered_on.desc(), AssistanceRequest.id.desc()).limit(LIMIT)
    ).all()
    return [NoticeLine(application.applicant_name or "", household_size(application), request.type,
                       request.due_on, request.amount) for request, application in rows]


def contact_today(office: Office) -> Contact:
    """The office's contact details in force today (a change scheduled for later is not shown yet)."""
    return ContactBook(today()).office(office.code)


def notice_board(office: Office) -> tuple[list[NoticeLine], list[NoticeLine]]:
    """(requests under notice now, approvals published with their amount)."""
    under_notice = _lines(office, AssistanceRequest.status == "PUBLICITY")
    approved = _lines(office, AssistanceRequest.type.in_(PUBLISHED_TYPES)
                      & AssistanceRequest.status.in_(PUBLISHED_STATES) & AssistanceRequest.amount.is_not(None))
    return under_notice, approved
