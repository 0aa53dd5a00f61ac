"""Issue documents when things happen: a receipt on submission, a notice on each decision.

Receivers run inside the sender's transaction, so the document is committed with the
submission or the decision, or not at all. Rendering must never undo either: a failure is
logged (the kind of error only: the document holds personal data) and the document is
rendered on first access instead (service.stored_receipt, service.notices_of).
"""
from __future__ import annotations

import logging

from portal.extensions import db
from portal.models import Application, AssistanceRequest
from portal.receipts import service
from portal.signals import application_submitted, request_changed

log = logging.getLogger(__name__)


def on_submitted(application: Application, **_kw) -> None:
    try:
        with db.session.no_autoflush:
            if service.find_receipt(application) is not None:
                return  # a repeated signal for the same submission
        service.issue_receipt(application)
    except Exception as exc:  # noqa: BLE001 - see the module docstring
        log.error("receipt for application %s not rendered at submission (%s); it will be rendered on "
                  "first download", application.id, type(exc).__name__)


def on_request_changed(request: AssistanceRequest, event=None, **_kw) -> None:
    if event is None or service.notice_kind(event) is None:
        return
    try:
        service.issue_notice(request, event)
    except Exception as exc:  # noqa: BLE001 - see the module docstring
        log.error("notice for request %s (%s) not rendered (%s); it will be rendered on first listing",
                  request.id, event.action, type(exc).__name__)


def connect() -> None:
    """Idempotent: blinker keeps one connection per receiver."""
    application_submitted.connect(on_submitted)
    request_changed.connect(on_request_changed)
