"""What a helper does for a resident under a mandate: start or continue the resident's own
draft, and hand it over. Every call that changes data commits. The audit entries of what a helper
changes in the resident's draft are portal.assist.trail's.

The draft is the resident's own (``account_id`` = the resident): there is no second copy of
the forms, and the resident finds it on their home page.
"""
from __future__ import annotations

import secrets

from flask_babel import gettext as _

from portal.apply.answers import shape as A
from portal.apply.filing.drafts import lock_drafts_of
from portal.assist.trail import add_event
from portal.extensions import db
from portal.i18n import current_locale
from portal.models import Account, Application, Event
from portal.models.assist import Mandate
from portal.notify.outbox import queue_inapp, queue_sms
from portal.receipts.content import external_url


def resident_of(mandate: Mandate) -> Account:
    return db.session.get(Account, mandate.resident_account_id)


def applications_for(mandate: Mandate) -> list[Application]:
    return list(db.session.scalars(db.select(Application).where(
        Application.account_id == mandate.resident_account_id, Application.status != "withdrawn")
        .order_by(Application.created_at.desc(), Application.id.desc())))


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
    add_event(application, helper, "draft_started")
    return application


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

    locale = resident.locale or application.locale or "zh_Hans"
    link = external_url("accounts.sign_in")  # the public address (PUBLIC_URL / the front server's host)
    queue_sms(resident.phone, "assist_handover", locale, lambda: _(
        "A draft application for social assistance is waiting for you. Sign in with this mobile number at "
        "%(url)s to review, sign and submit it.", url=link), account_id=resident.id)
    queue_inapp(resident.id, "assist_handover", locale, lambda: _(
        "A community assistant prepared a draft application for you. Check every answer, make the declarations "
        "yourself and submit it from your home page."))
    add_event(application, helper, "handed_over")
    db.session.commit()


def handed_over(application: Application) -> bool:
    return db.session.scalar(db.select(Event.id).where(
        Event.application_id == application.id, Event.action == "handed_over").limit(1)) is not None
