"""What helpers did on a resident's behalf: the entries a helper acting under a mandate leaves
when they change the resident's draft (pages saved, documents uploaded or deleted, members
removed; ``record_*``, called inside the journey's own transaction: nothing here commits), what
such a helper may do there, and the entries read back for the resident's own page (``acted_for``).
Below the journey (portal.apply) and the helpers' work (portal.assist.work), which both use it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from portal.accounts.auth import current_account
from portal.assist.mandates import acting_mandate, may_act_on
from portal.extensions import db
from portal.models import Account, Application, Document, Event


@dataclass
class Entry:
    at: datetime
    actor_name: str
    action: str
    step: str | None
    reference: str | None
    actor_role: str = ""  # assistant, caseworker (the office window)
    actor_office: str | None = None  # the office code of the actor's account


def acted_for(resident: Account, limit: int = 200) -> list[Entry]:
    rows = db.session.execute(
        db.select(Event, Account.display_name, Account.role, Account.office_code, Application.reference)
        .join(Account, Account.id == Event.actor_account_id)
        .join(Application, Application.id == Event.application_id)
        .where(Event.on_behalf_of_account_id == resident.id, Event.actor_account_id != resident.id,
               Event.visible_to_resident.is_(True))
        .order_by(Event.at.desc(), Event.id.desc()).limit(limit)).all()
    return [Entry(event.at, name or "", event.action, (event.data or {}).get("step"), reference, role, office)
            for event, name, role, office, reference in rows]


def add_event(application: Application, helper: Account, action: str, data: dict | None = None) -> Event:
    event = Event(application_id=application.id, request_id=None, action=action, actor_account_id=helper.id,
                  actor_role=helper.role, on_behalf_of_account_id=application.account_id, data=data,
                  visible_to_resident=True)
    db.session.add(event)
    return event


def acting_helper(application: Application) -> Account | None:
    """The signed-in helper acting for the applicant, or None (the applicants act themselves)."""
    helper = current_account()
    if helper is None or helper.id == application.account_id or not may_act_on(helper, application):
        return None
    return helper


# The record_* calls leave an audit entry (actor = helper, on behalf of = resident) when a
# helper acting for the applicant changes the draft, and nothing otherwise. The journey's
# services call them inside their own transaction: they do not commit.

def record_draft_change(application: Application, step_key: str) -> None:
    """A page of the journey was saved."""
    helper = acting_helper(application)
    if helper is not None:
        add_event(application, helper, "draft_changed", {"step": step_key})


def _document_data(document: Document) -> dict:
    if document.id is None:  # added in this transaction: flushed so the entry names the row
        db.session.flush()
    # Which file, never what it is called (the original name may carry a name or an ID number).
    return {"document": document.id, "purpose": document.purpose, "member": document.member_ref}


def record_document_added(application: Application, document: Document) -> None:
    """A file was uploaded to the draft."""
    helper = acting_helper(application)
    if helper is not None:
        add_event(application, helper, "document_added", _document_data(document))


def record_document_deleted(document: Document) -> None:
    """A file was removed from the draft."""
    application = db.session.get(Application, document.application_id)
    helper = acting_helper(application) if application is not None else None
    if helper is not None:
        add_event(application, helper, "document_deleted", _document_data(document))


def record_member_removed(application: Application, member_ref: str) -> None:
    """A household member (with their income and documents) was removed from the draft."""
    helper = acting_helper(application)
    if helper is not None:
        add_event(application, helper, "member_removed", {"member": member_ref})


def may_upload(application: Application) -> bool:
    """Uploading for the applicant needs a mandate that allows it; the applicants themselves always may."""
    helper = acting_helper(application)
    mandate = acting_mandate(helper) if helper is not None else None
    return mandate is None or mandate.allows_to("upload")


def declaration_method(account_id: int | None) -> str:
    """How a declaration was made: by the applicant in their own session ("online"), or
    confirmed by the resident on the screen of a helper acting for them."""
    account = current_account()
    if account is not None and account.id == account_id and acting_mandate(account) is not None:
        return "on_assistant_screen"
    return "online"
