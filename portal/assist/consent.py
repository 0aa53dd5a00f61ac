"""Recording a resident's consent that a helper acts for them (委托, S-DB Art. 6).

Two methods, the same guarantees as sign-in codes where a code is used:
- ``sms_code``: a 6-digit code sent to the resident's phone, valid 10 minutes, 5 attempts,
  only its keyed hash stored; the SMS carries no personal data. The resident reads it out
  to the helper sitting with them.
- ``mandate_photo``: a photo or scan of the signed 委托书 plus the helper's declaration, for
  a resident without a phone.

Nothing about an existing resident is looked up or shown before consent: ``begin`` stores
only what the helper typed, and the resident's account is found (by phone, then by the ID
number's keyed hash) or created in ``_grant``.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from portal.crypto import lookup_hash
from portal.extensions import db
from portal.models import Account, Application, OneTimeCode, Role, utcnow
from portal.models.assist import Mandate
from portal.models.lead import Lead
from portal.notify.outbox import queue_sms

PURPOSE = "assist_consent"
RESEND_AFTER = timedelta(seconds=60)
MAX_CODES_PER_HOUR = 5


def _hash(code: str, token: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"{PURPOSE}:{token}:{code}".encode(), hashlib.sha256).hexdigest()


def begin(helper: Account, name: str, phone: str | None, id_number: str | None, lead: Lead | None = None) -> Mandate:
    mandate = Mandate(assistant_id=helper.id, resident_name=name, phone=phone or None,
                      id_hash=lookup_hash(id_number) if id_number else None,
                      lead_id=lead.id if lead is not None else None)
    db.session.add(mandate)
    db.session.commit()
    return mandate


def send_code(mandate: Mandate, locale: str) -> int:
    """Send a consent code; returns 0, or the seconds to wait when the phone asked too often."""
    now = utcnow()
    recent = db.session.scalars(db.select(OneTimeCode).where(
        OneTimeCode.phone == mandate.phone, OneTimeCode.purpose == PURPOSE,
        OneTimeCode.created_at > now - timedelta(hours=1)).order_by(OneTimeCode.created_at)).all()
    if recent and now - recent[-1].created_at < RESEND_AFTER:
        return int((RESEND_AFTER - (now - recent[-1].created_at)).total_seconds()) + 1
    if len(recent) >= MAX_CODES_PER_HOUR:
        return int((recent[0].created_at + timedelta(hours=1) - now).total_seconds()) + 1
    code = f"{secrets.randbelow(10**6):06d}"
    token = secrets.token_urlsafe(24)
    ttl = int(current_app.config["OTP_TTL_MINUTES"])
    db.session.add(OneTimeCode(token=token, phone=mandate.phone, purpose=PURPOSE, code_hash=_hash(code, token),
                               expires_at=now + timedelta(minutes=ttl)))
    mandate.code_token = token
    queue_sms(mandate.phone, PURPOSE, locale, lambda: _(
        "Consent code %(code)s. Give it to the community assistant only if you agree that they apply for social "
        "assistance on your behalf. It expires in %(minutes)d minutes.", code=code, minutes=ttl))
    db.session.commit()
    return 0


@dataclass
class CodeCheck:
    outcome: str  # ok, wrong, expired, locked, unknown
    attempts_left: int = 0


def confirm_code(mandate: Mandate, code: str) -> CodeCheck:
    token = mandate.code_token
    row = db.session.scalar(db.select(OneTimeCode).where(
        OneTimeCode.token == token, OneTimeCode.purpose == PURPOSE)) if token else None
    if row is None or row.used_at is not None or mandate.granted_at is not None:
        return CodeCheck("unknown")
    max_attempts = int(current_app.config["OTP_MAX_ATTEMPTS"])
    if row.attempts >= max_attempts:
        return CodeCheck("locked")
    if utcnow() > row.expires_at:
        return CodeCheck("expired")
    row.attempts += 1
    if not hmac.compare_digest(row.code_hash, _hash(code, token)):
        db.session.commit()
        left = max_attempts - row.attempts
        return CodeCheck("locked" if left <= 0 else "wrong", attempts_left=left)
    row.used_at = utcnow()
    _grant(mandate, "sms_code")
    db.session.commit()
    return CodeCheck("ok")


def confirm_photo(mandate: Mandate, upload: FileStorage | None) -> None:
    """Store the signed mandate's photo and grant. Raises uploads.UploadRejected."""
    from portal.apply.uploads import UploadRejected, max_bytes, sniff, upload_dir

    if upload is None or not upload.filename:
        raise UploadRejected("empty")
    data = upload.stream.read(max_bytes() + 1)
    if len(data) > max_bytes():
        raise UploadRejected("too_large")
    kind = sniff(data)
    stored = f"mandate-{secrets.token_hex(16)}.{kind.rsplit('/', 1)[-1].replace('jpeg', 'jpg')}"
    (upload_dir() / stored).write_bytes(data)
    mandate.evidence_stored_name = stored
    mandate.evidence_content_type = kind
    mandate.evidence_sha256 = hashlib.sha256(data).hexdigest()
    _grant(mandate, "mandate_photo")
    db.session.commit()


def _resident_for(mandate: Mandate) -> Account:
    if mandate.phone:
        account = db.session.scalar(db.select(Account).where(Account.phone == mandate.phone))
        if account is not None:
            return account
    if mandate.id_hash:
        application = db.session.scalar(db.select(Application).where(
            Application.household_key == mandate.id_hash).order_by(Application.id.desc()).limit(1))
        if application is not None:
            return db.session.get(Account, application.account_id)
    account = Account(role=Role.RESIDENT.value, phone=mandate.phone or None, display_name=mandate.resident_name or "")
    db.session.add(account)
    db.session.flush()
    return account


class NotAResident(Exception):
    """The number belongs to a staff account: nobody can consent for it."""


def _grant(mandate: Mandate, method: str) -> None:
    resident = _resident_for(mandate)
    if resident.role != Role.RESIDENT.value:
        raise NotAResident()
    now = utcnow()
    # A fresh consent replaces the helper's earlier one for the same resident: one row stands.
    for older in db.session.scalars(db.select(Mandate).where(
            Mandate.assistant_id == mandate.assistant_id, Mandate.resident_account_id == resident.id,
            Mandate.granted_at.is_not(None), Mandate.withdrawn_at.is_(None), Mandate.id != mandate.id)):
        older.withdrawn_at = now
    mandate.resident_account_id = resident.id
    mandate.method = method
    mandate.granted_at = now
    if mandate.lead_id:
        from portal.assist.leads import convert

        convert(mandate, resident)
