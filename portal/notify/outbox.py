"""Queue a message and hand it to the configured sender.

Texts are rendered in the recipient's language from templates with no personal data:
an SMS can be read on a lock screen or by whoever shares the phone.
"""
from __future__ import annotations

from flask import current_app
from flask_babel import force_locale

from portal.extensions import db
from portal.models import Message, utcnow
from portal.notify.senders import load_sender


def queue_sms(phone: str, kind: str, locale: str, render, account_id: int | None = None) -> Message:
    """``render`` is a callable returning the text; it runs under the recipient's locale."""
    with force_locale(locale):
        body = str(render())
    message = Message(account_id=account_id, channel="sms", to_phone=phone, kind=kind, locale=locale, body=body)
    db.session.add(message)
    sender = load_sender(current_app.config["SMS_SENDER"])
    if sender.send(phone, body):
        message.status = "sent"
        message.sent_at = utcnow()
    else:
        message.status = "failed"
    return message


def queue_inapp(account_id: int, kind: str, locale: str, render) -> Message:
    with force_locale(locale):
        body = str(render())
    message = Message(account_id=account_id, channel="inapp", kind=kind, locale=locale, body=body, status="sent", sent_at=utcnow())
    db.session.add(message)
    return message
