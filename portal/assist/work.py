"""What a helper does for a resident under a mandate: start or continue the resident's own
draft, hand it over, and the per-save audit entry. Every call that changes data commits,
except ``record_draft_change`` (it joins the journey's save transaction).

The draft is the resident's own (``account_id`` = the resident): there is no second copy of
the forms, and the resident finds it on their home page.
"""
from __future__ import annotations

import secrets

from flask_babel import gettext as _

from portal.apply import answers as A
from portal.extensions import db
from portal.i18n import current_locale
from portal.models import Account, Application, Event
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
    existing = db.session.scalar(db.select(Application).where(
        Application.account_id == resident.id, Application.status == "draft").order_by(Application.id).limit(1))
    if existing is not None:
        return existing
    answers: dict = {"_token": secrets.token_urlsafe(24)}
    if resident.phone:
        A.put(answers, "about.phone", resident.phone)
    application = Application(account_id=resident.id, created_by_id=helper.id, channel=channel, status="draft",
                              locale=resident.locale or current_locale(), answers=answers,
                              applicant_name=mandate.resident_name or None)
    db.session.add(application)
    db.session.flush()
    _event(application, helper, "draft_started")
    return application


def record_draft_change(application: Application, step_key: str) -> None:
    """Called by the journey when a page is saved: a helper acting for the applicant leaves
    an audit entry (actor = helper, on behalf of = resident). Does not commit."""
    from portal.accounts.auth import current_account
    from portal.assist.mandates import may_act_on

    helper = current_account()
    if helper is not None and helper.id != application.account_id and may_act_on(helper, application):
        _event(application, helper, "draft_changed", {"step": step_key})


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
    queue_sms(resident.phone, "assist_handover", locale, lambda: _(
        "A draft application for social assistance is waiting for you. Sign in to the social assistance portal "
        "with this mobile number to review, sign and submit it."), account_id=resident.id)
    queue_inapp(resident.id, "assist_handover", locale, lambda: _(
        "A community assistant prepared a draft application for you. Check every answer, make the declarations "
        "yourself and submit it from your home page."))
    _event(application, helper, "handed_over")
    db.session.commit()


def handed_over(application: Application) -> bool:
    return db.session.scalar(db.select(Event.id).where(
        Event.application_id == application.id, Event.action == "handed_over").limit(1)) is not None


def declaration_method(account_id: int | None) -> str:
    """How a declaration was made: by the applicant in their own session ("online"), or
    confirmed by the resident on the screen of a helper acting for them."""
    from portal.accounts.auth import current_account
    from portal.assist.mandates import acting_mandate

    account = current_account()
    if account is not None and account.id == account_id and acting_mandate(account) is not None:
        return "on_assistant_screen"
    return "online"
