"""What the confirmation says for each request: office or authority, basis, statutory time
limit and what happens next; and where to go for what Shenzhen cannot receive.

Time limits come from the workflow tables (``portal.domain.workflow_tables``) and the
policy, never from numbers written here: 30 working days for dibao, 45 where the routing
established a ground for the longer limit (S-DD 四(一)), 20 where decisions are delegated.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from portal.apply.places import districts as places
from portal.apply.places.jurisdiction import refer_text
from portal.clock import today
from portal.contacts.book import ContactBook
from portal.domain import jurisdiction as J
from portal.domain.policy import SHENZHEN, PolicyError
from portal.domain.workflow import workflow_for
from portal.domain.workflow_tables import ACCEPTANCE_KEY
from portal.domain.workflow_types import ChainLimit, TotalLimit, Unit
from portal.models import Application
from portal.policy_figures import current_policy
from portal.vocabulary import authority_in_sentence, basis_in_sentence, type_full_name

LONGER_REASONS = ("household_separation", "remote_application")


def _number(amount) -> int | None:
    if isinstance(amount, int):
        return amount
    try:
        return int(current_policy().value(amount, today(), SHENZHEN))
    except (PolicyError, TypeError, ValueError):
        return None


def acceptance_days() -> int | None:
    return _number(ACCEPTANCE_KEY)


def time_limit(type_: str, longer: bool, delegated: bool = False) -> str:
    """The statutory time limit of a request, in words."""
    if type_ == "temp_emergency":
        return _("Help first: the street office can help the same day and completes the paperwork afterwards.")
    total = workflow_for(type_).total
    if isinstance(total, TotalLimit):
        amount = total.normal
        if longer and total.special is not None:
            amount = total.special
        elif delegated and total.delegated is not None:
            amount = total.delegated
        days = _number(amount)
        if days is not None:
            return _("A decision within %(days)d working days of acceptance.", days=days)
    if isinstance(total, ChainLimit):
        phases = total.phases + total.final
        working = sum(n for n, unit in phases if unit is Unit.WORKING_DAYS)
        notice = sum(n for n, unit in phases if unit is Unit.CALENDAR_DAYS)
        return _("A decision within %(days)d working days of acceptance, plus a %(notice)d-day public notice.",
                 days=working, notice=notice)
    days = acceptance_days()
    authority = authority_in_sentence(workflow_for(type_).authority, "")
    return _("Decided by %(authority)s under its own time limits; the street office passes it on after "
             "accepting it within %(days)s working days.", authority=authority, days=days or "")


def next_step(type_: str) -> str:
    if type_ == "temp_emergency":
        return _("The street office contacts you quickly. It can give help first, in cash or in kind, and "
                 "complete the checks afterwards.")
    if workflow_for(type_).total is None:
        return _("The street office passes the request to the authority that decides it, and tells you the outcome.")
    return _("The street office checks the application, may visit your home and checks the household's income "
             "and property with other departments. A proposed decision is published in your community for 7 "
             "days before the district decides.")


@dataclass(frozen=True)
class Handled:
    type: str
    name: str
    office: str
    authority: str
    basis: str
    limit: str
    next: str
    urgent: bool = False
    office_phone: str = ""  # in force today (portal/contacts)


@dataclass(frozen=True)
class Referred:
    type: str
    name: str
    where: str


def _delegated(type_: str, authority: str) -> bool:
    return type_ == "dibao" and authority == J.STREET_OFFICE


def handled(application: Application) -> list[Handled]:
    contacts = ContactBook(today())
    rows = []
    for r in application.requests:
        longer = r.special_reason in LONGER_REASONS
        rows.append(Handled(
            type=r.type, name=type_full_name(r.type), office=places.office_label(r.office_code),
            authority=authority_in_sentence(r.authority), basis=basis_in_sentence(r.basis, ""),
            limit=time_limit(r.type, longer, _delegated(r.type, r.authority)), next=next_step(r.type),
            urgent=bool(r.urgent), office_phone=contacts.office(r.office_code).phone))
    return rows


def referred(application: Application) -> list[Referred]:
    rows = []
    for item in ((application.answers or {}).get("routing") or {}).get("referred") or []:
        refer = item.get("refer_to") or {}
        referral = J.Referral(refer.get("code") or J.REFER_HUKOU_PLACE, refer.get("region_code"), refer.get("place") or "")
        rows.append(Referred(item.get("type"), type_full_name(item.get("type")),
                             refer_text(referral)))
    return rows
