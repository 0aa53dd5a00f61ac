"""A reminder text message before the documents deadline, queued once per request.

``flask apply remind-documents`` (run daily, e.g. from cron) finds the requests the office has
not yet decided to accept (state SUBMITTED) whose acceptance is due within ``days`` calendar
days and that still miss documents (``portal.apply.documents.outstanding``), and texts the applicant a
link to the status page on PUBLIC_URL. The text names no document, type or person: an SMS can
be read on a lock screen. A staff-only event on the request records the reminder in the same
transaction, so a second run never sends it again.
"""
from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext as _

from portal.apply.documents.outstanding import materials_deadline, of_request
from portal.domain.vocabulary import Role
from portal.extensions import db
from portal.filters import date_local
from portal.models import Account, AssistanceRequest, Event
from portal.notify.outbox import queue_sms
from portal.receipts.content import external_url

KIND = "documents_reminder"
ACTION = "remind_documents"


def _reminded(request: AssistanceRequest) -> bool:
    return db.session.scalar(db.select(Event.id).where(Event.request_id == request.id, Event.action == ACTION)
                             .limit(1)) is not None


def _text(reference: str, due_on: date, url: str) -> str:
    return _("Social assistance: documents are still needed for your application %(reference)s. Bring or send "
             "them by %(date)s. See which: %(url)s", reference=reference, date=date_local(due_on), url=url)


def send_reminders(on: date, days: int = 2) -> int:
    """Queue the reminders due on ``on``; returns how many were sent. Commits."""
    candidates = db.session.scalars(db.select(AssistanceRequest).where(
        AssistanceRequest.status == "SUBMITTED", AssistanceRequest.due_on.is_not(None),
        AssistanceRequest.due_on >= on, AssistanceRequest.due_on <= on + timedelta(days=days))
        .order_by(AssistanceRequest.id))
    sent = 0
    for request in candidates:
        application = request.application
        if not application.reference or _reminded(request) or not of_request(request).needed \
                or materials_deadline(request) is None:  # emergency aid: help first, no documents deadline
            continue
        account = db.session.get(Account, application.account_id)
        if account is None or not account.phone:
            continue
        locale = account.locale or application.locale or "zh_Hans"
        url = external_url("status.application", reference=application.reference)
        reference, due_on = application.reference, request.due_on
        queue_sms(account.phone, KIND, locale, lambda: _text(reference, due_on, url), account_id=account.id)
        db.session.add(Event(application_id=application.id, request_id=request.id, action=ACTION,
                             actor_role=Role.SYSTEM.value, visible_to_resident=False))
        sent += 1
    db.session.commit()
    return sent
