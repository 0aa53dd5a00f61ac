"""Tell the applicant about every change of a request's status: an SMS and an in-portal message.

Connected to ``request_changed`` (and ``application_submitted``) when the status blueprint is
imported, so whichever path changes a status (console, resident, demo data, a scheduled
job) notifies. Receivers run inside the sender's transaction: the messages are committed
with the change or not at all.

The SMS says only that something changed and whether the resident must act: a text message
can be read on a lock screen or by whoever shares the phone, so it carries no assistance
type, amount, reason or name. The in-portal message, behind sign-in, names the type and the
new step. Both are written in the resident's language (the account's choice, else the
language the application was made in).
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from flask_babel import gettext as _

from portal.domain import workflow
from portal.extensions import db
from portal.models import Account, Application
from portal.models.assist import Mandate
from portal.notify.outbox import queue_inapp, queue_sms
from portal.signals import application_submitted, request_changed
from portal.status import texts

# Self-transitions that still change what the resident has in hand.
_SELF_TRANSITIONS_TOLD = frozenset({"notify_refusal", "record_stage_payment"})
# Announced once per application by the submission message instead.
_AT_SUBMISSION = frozenset({"submit", "report"})

_sms_quiet: ContextVar[bool] = ContextVar("status_sms_quiet", default=False)


@contextmanager
def sms_quiet():
    """Keep in-portal messages but send no SMS (loading demo data must not text anyone)."""
    token = _sms_quiet.set(True)
    try:
        yield
    finally:
        _sms_quiet.reset(token)


def _recipient(application: Application) -> tuple[Account | None, str]:
    account = db.session.get(Account, application.account_id)
    locale = (account.locale if account is not None and account.locale else None) or application.locale or "zh_Hans"
    return account, locale


def stand_ins(application: Application, account: Account) -> list[Account]:
    """Helpers who receive the office's messages for a resident with no mobile of their own: those
    whose standing mandate allows it (portal.assist.scope "notices"). A resident with a phone gets
    them directly, and nobody else does."""
    return [db.session.get(Account, m.assistant_id) for m in stand_in_mandates(account)]


def stand_in_mandates(account: Account) -> list:
    """The standing mandates of ``stand_ins``, oldest first (a helper's links name their mandate)."""
    if account.phone:
        return []

    mandates = db.session.scalars(db.select(Mandate).where(
        Mandate.resident_account_id == account.id, Mandate.in_force_now()).order_by(Mandate.id))
    return [m for m in mandates if m.allows_to("notices")]


def _tellstand_ins(application: Application, account: Account, kind: str, text) -> None:
    for helper in stand_ins(application, account):
        locale = helper.locale or "zh_Hans"
        queue_inapp(helper.id, kind, locale, lambda: _(
            "For a resident you help, who has no mobile: %(message)s", message=text()))


def _sms_text(reference: str, must_act: bool) -> str:
    if must_act:
        return _("Social assistance: your application %(reference)s has an update and needs something from you. "
                 "Sign in to the portal to see what.", reference=reference)
    return _("Social assistance: your application %(reference)s has an update. Sign in to the portal to see it.",
             reference=reference)


def _inapp_text(reference: str, type_code: str, state: str, next_code: str | None) -> str:
    text = _("%(type)s (application %(reference)s): %(state)s.", type=texts.type_label(type_code),
             reference=reference, state=texts.state_label(state))
    if next_code:
        text += " " + texts.next_label(next_code)
    return text


def on_request_changed(request, event=None, transition=None, **_kwargs) -> None:
    if event is None or not event.visible_to_resident or event.action in _AT_SUBMISSION:
        return
    if event.from_state == event.to_state and event.action not in _SELF_TRANSITIONS_TOLD:
        return
    application = request.application or db.session.get(Application, request.application_id)
    if application is None or not application.reference:
        return
    account, locale = _recipient(application)
    if account is None:
        return
    reference, type_code, state = application.reference, request.type, event.to_state
    next_code = workflow.next_step_for_resident(type_code, state)
    queue_inapp(account.id, "status_update", locale, lambda: _inapp_text(reference, type_code, state, next_code))
    _tellstand_ins(application, account, "status_update", lambda: _inapp_text(reference, type_code, state, next_code))
    # The resident who did it (e.g. supplied documents) needs no text message about it.
    if account.phone and event.actor_account_id != account.id and not _sms_quiet.get():
        must_act = next_code == "supply_listed_materials" or state in ("SUPPORT_CHOICE", "CHECK_FAILED")
        if _first_in_transaction(account.phone, reference, must_act):
            queue_sms(account.phone, "status_update", locale, lambda: _sms_text(reference, must_act),
                      account_id=account.id)


def _first_in_transaction(phone: str, reference: str, must_act: bool) -> bool:
    """One action for several requests of a household (portal/office/household.py) changes them in
    one transaction: the text message names no type, so the same text is sent once, not once a request."""
    transaction = db.session().get_transaction()
    seen = db.session.info.get("status_sms")
    if seen is None or seen[0] is not transaction:
        seen = (transaction, set())
        db.session.info["status_sms"] = seen
    key = (phone, reference, must_act)
    if key in seen[1]:
        return False
    seen[1].add(key)
    return True


def on_application_submitted(application, **_kwargs) -> None:
    if not application.reference:
        return
    account, locale = _recipient(application)
    if account is None:
        return
    reference = application.reference
    queue_inapp(account.id, "application_received", locale, lambda: _(
        "We have received your application %(reference)s. You can follow each request on its status page.",
        reference=reference))
    _tellstand_ins(application, account, "application_received", lambda: _(
        "application %(reference)s was received.", reference=reference))
    if account.phone and not _sms_quiet.get():
        queue_sms(account.phone, "application_received", locale, lambda: _(
            "Social assistance: we have received your application %(reference)s. Sign in to the portal to follow it.",
            reference=reference), account_id=account.id)


def connect() -> None:
    # weak=False: the receivers are module functions, but be explicit that they must stay connected.
    request_changed.connect(on_request_changed, weak=False)
    application_submitted.connect(on_application_submitted, weak=False)
