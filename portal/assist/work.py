"""What a helper does for a resident under a mandate: start or continue the resident's own
draft, hand it over, and the audit entries of what a helper changes in the resident's draft
(pages saved, documents uploaded or deleted, members removed). Every call that changes data
commits, except the ``record_*`` audit calls (they join the journey's own transaction).

The draft is the resident's own (``account_id`` = the resident): there is no second copy of
the forms, and the resident finds it on their home page.
"""
from __future__ import annotations

import secrets

from flask_babel import gettext as _

from portal.apply.answers import shape as A
from portal.apply.filing.drafts import lock_drafts_of
from portal.extensions import db
from portal.i18n import current_locale
from portal.models import Account, Application, Document, Event
from portal.models.assist import Mandate
from portal.notify.outbox import queue_inapp, queue_sms


def resident_of(mandate: Mandate) -> Account:
    return db.session.get(Account, mandate.resident_account_id)


def applications_for(mandate: Mandate) -> list[Application]:
    return list(db.session.scalars(db.select(Application).where(
        Application.account_id == mandate.resident_account_id, Application.status != "withdrawn")
        .order_by(Application.created_at.desc(), Application.id.desc())))


def _event(application: Application, helper: Account, action: str, data: dict | None = None) -> Event:
    event = Event(application_id=application.id, request_id=None, action=action, actor_account_id=helper.id,
                  actor_role=helper.role, on_behalf_of_account_id=application.account_id, data=data,
                  visible_to_resident=True)
    db.session.add(event)
    return event


def start_draft(helper: Account, mandate: Mandate, channel: str = "assistant") -> Application:
    """The resident's open draft, or a new one filed by the helper."""
    application = start_draft_in_transaction(helper, mandate, resident_of(mandate), channel)
    db.session.commit()
    return application


def start_draft_in_transaction(helper: Account, mandate: Mandate, resident: Account, channel: str) -> Application:
    lock_drafts_of(resident.id)  # the resident may press Start on their phone at the same moment
    existing = db.session.scalar(db.select(Application).where(
        Application.account_id == resident.id, Application.status == "draft").order_by(Application.id).limit(1))
    if existing is not None:
        return existing
    answers: dict = {"_token": secrets.token_urlsafe(24), "_assisted": True}
    if resident.phone:
        A.put(answers, "about.phone", resident.phone)
    # What the helper typed for the consent fills the application: nothing is typed twice.
    if mandate.resident_name:
        A.put(answers, "about.name", mandate.resident_name)
    if mandate.id_number:
        A.put(answers, "about.id_number", mandate.id_number)
    application = Application(account_id=resident.id, created_by_id=helper.id, channel=channel, status="draft",
                              locale=resident.locale or current_locale(), answers=answers,
                              applicant_name=mandate.resident_name or None)
    db.session.add(application)
    db.session.flush()
    _event(application, helper, "draft_started")
    return application


def _acting_helper(application: Application) -> Account | None:
    """The signed-in helper acting for the applicant, or None (the applicants act themselves)."""
    from portal.accounts.auth import current_account
    from portal.assist.mandates import may_act_on

    helper = current_account()
    if helper is None or helper.id == application.account_id or not may_act_on(helper, application):
        return None
    return helper


# The record_* calls leave an audit entry (actor = helper, on behalf of = resident) when a
# helper acting for the applicant changes the draft, and nothing otherwise. The journey's
# services call them inside their own transaction: they do not commit.

def record_draft_change(application: Application, step_key: str) -> None:
    """A page of the journey was saved."""
    helper = _acting_helper(application)
    if helper is not None:
        _event(application, helper, "draft_changed", {"step": step_key})


def _document_data(document: Document) -> dict:
    if document.id is None:  # added in this transaction: flushed so the entry names the row
        db.session.flush()
    # Which file, never what it is called (the original name may carry a name or an ID number).
    return {"document": document.id, "purpose": document.purpose, "member": document.member_ref}


def record_document_added(application: Application, document: Document) -> None:
    """A file was uploaded to the draft."""
    helper = _acting_helper(application)
    if helper is not None:
        _event(application, helper, "document_added", _document_data(document))


def record_document_deleted(document: Document) -> None:
    """A file was removed from the draft."""
    application = db.session.get(Application, document.application_id)
    helper = _acting_helper(application) if application is not None else None
    if helper is not None:
        _event(application, helper, "document_deleted", _document_data(document))


def record_member_removed(application: Application, member_ref: str) -> None:
    """A household member (with their income and documents) was removed from the draft."""
    helper = _acting_helper(application)
    if helper is not None:
        _event(application, helper, "member_removed", {"member": member_ref})


class HandoverRefused(Exception):
    """``code``: not_a_draft, no_phone."""

    def __init__(self, code: str):
        self.code = code
        super().__init__(code)


def hand_over(helper: Account, mandate: Mandate, application: Application) -> None:
    """Tell the resident a draft waits for them (SMS without personal data + in-portal message)."""
    if application.status != "draft" or application.account_id != mandate.resident_account_id:
        raise HandoverRefused("not_a_draft")
    resident = resident_of(mandate)
    if not resident.phone:
        raise HandoverRefused("no_phone")
    from portal.receipts.content import external_url

    locale = resident.locale or application.locale or "zh_Hans"
    link = external_url("accounts.sign_in")  # the public address (PUBLIC_URL / the front server's host)
    queue_sms(resident.phone, "assist_handover", locale, lambda: _(
        "A draft application for social assistance is waiting for you. Sign in with this mobile number at "
        "%(url)s to review, sign and submit it.", url=link), account_id=resident.id)
    queue_inapp(resident.id, "assist_handover", locale, lambda: _(
        "A community assistant prepared a draft application for you. Check every answer, make the declarations "
        "yourself and submit it from your home page."))
    _event(application, helper, "handed_over")
    db.session.commit()


def handed_over(application: Application) -> bool:
    return db.session.scalar(db.select(Event.id).where(
        Event.application_id == application.id, Event.action == "handed_over").limit(1)) is not None


def may_upload(application: Application) -> bool:
    """Uploading for the applicant needs a mandate that allows it; the applicants themselves always may."""
    from portal.assist.mandates import acting_mandate

    helper = _acting_helper(application)
    mandate = acting_mandate(helper) if helper is not None else None
    return mandate is None or mandate.allows_to("upload")


def declaration_method(account_id: int | None) -> str:
    """How a declaration was made: by the applicant in their own session ("online"), or
    confirmed by the resident on the screen of a helper acting for them."""
    from portal.accounts.auth import current_account
    from portal.assist.mandates import acting_mandate

    account = current_account()
    if account is not None and account.id == account_id and acting_mandate(account) is not None:
        return "on_assistant_screen"
    return "online"
