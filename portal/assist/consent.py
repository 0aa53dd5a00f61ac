"""Recording a resident's consent that a helper acts for them (委托, S-DB Art. 6).

Three methods:
- ``sms_code`` (or ``family_sms`` when the phone is a family member's, who is recorded): a code from the one-time code service that sign-in uses
  (``portal.accounts.codes``: 6 digits, 10 minutes, 5 attempts, only its keyed hash stored,
  resend limits) under its own purpose; the SMS carries no personal data. The resident reads
  it out to the helper sitting with them.
- ``mandate_photo``: a photo or scan of the signed 委托书 plus the helper's declaration, for
  a resident without a phone (printed from the portal with their name and masked ID, portal.assist.mandate_pdf).

Nothing about an existing resident is looked up or shown before consent: ``begin`` stores
only what the helper typed, and the resident's account is found (by phone, then by the ID
number's keyed hash) or created in ``_grant``.
"""
from __future__ import annotations

import hashlib
import secrets
from pathlib import Path

from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from portal.accounts import codes
from portal.apply.documents.uploads import UploadRejected, check, max_bytes, upload_dir
from portal.assist.leads import convert
from portal.crypto import lookup_hash
from portal.extensions import db
from portal.models import Account, Application, Role, utcnow
from portal.models.assist import Mandate
from portal.models.lead import Lead

CONSENT = codes.CodeKind("assist_consent", "assist_consent", lambda code, minutes: _(
    "Consent code %(code)s. Give it to the community assistant only if you agree that they apply for social "
    "assistance on your behalf. It expires in %(minutes)d minutes.", code=code, minutes=minutes))


def begin(helper: Account, name: str, phone: str | None, id_number: str | None, lead: Lead | None = None,
          *, phone_holder: str | None = None, allows: str = "file,upload") -> Mandate:
    """``phone_holder``: who the phone belongs to when it is not the resident's own."""
    mandate = Mandate(assistant_id=helper.id, resident_name=name, phone=phone or None,
                      phone_holder=(phone_holder or None) if phone else None,
                      id_number=id_number or None, id_hash=lookup_hash(id_number) if id_number else None,
                      lead_id=lead.id if lead is not None else None, allows=allows)
    db.session.add(mandate)
    db.session.commit()
    return mandate


def send_code(mandate: Mandate, locale: str) -> int:
    """Send a consent code; returns 0, or the seconds to wait when the phone asked too often."""
    result = codes.issue(CONSENT, mandate.phone, locale)
    if result.token is None:
        return result.wait_seconds
    mandate.code_token = result.token
    db.session.commit()
    return 0


def confirm_code(mandate: Mandate, code: str) -> codes.CodeCheck:
    """outcome: ok, wrong, expired, locked, unknown (see ``codes.verify``)."""
    if mandate.granted_at is not None:
        return codes.CodeCheck("unknown")
    check = codes.verify(CONSENT, mandate.code_token, code)
    if check.outcome == "ok":
        grant(mandate, "family_sms" if mandate.phone_holder else "sms_code")
        db.session.commit()
    return check


def confirm_photo(mandate: Mandate, upload: FileStorage | None) -> None:
    """Store the signed mandate's photo and grant. Raises uploads.UploadRejected."""
    if upload is None or not upload.filename:
        raise UploadRejected("empty")
    data = upload.stream.read(max_bytes() + 1)
    if len(data) > max_bytes():
        raise UploadRejected("too_large")
    checked = check(data)  # what is stored is the rewritten file, never the bytes as sent
    kind, data = checked.kind, checked.data
    stored = f"mandate-{secrets.token_hex(16)}.{kind.rsplit('/', 1)[-1].replace('jpeg', 'jpg')}"
    (upload_dir() / stored).write_bytes(data)
    mandate.evidence_stored_name = stored
    mandate.evidence_content_type = kind
    mandate.evidence_sha256 = hashlib.sha256(data).hexdigest()
    grant(mandate, "mandate_photo")
    db.session.commit()


def evidence_path(mandate: Mandate) -> Path | None:
    """The stored photo of a signed mandate, or None (consent by code, or the file is gone)."""
    if not mandate.evidence_stored_name:
        return None
    path = upload_dir() / mandate.evidence_stored_name
    return path if path.is_file() else None


def _resident_for(mandate: Mandate) -> Account:
    # A family member's phone is theirs, not the resident's: it never becomes the resident's sign-in.
    own_phone = mandate.phone if not mandate.phone_holder else None
    if own_phone:
        account = db.session.scalar(db.select(Account).where(Account.phone == mandate.phone))
        if account is not None:
            return account
    if mandate.id_hash:
        application = db.session.scalar(db.select(Application).where(
            Application.household_key == mandate.id_hash).order_by(Application.id.desc()).limit(1))
        if application is not None:
            return db.session.get(Account, application.account_id)
    account = Account(role=Role.RESIDENT.value, phone=own_phone, display_name=mandate.resident_name or "")
    db.session.add(account)
    db.session.flush()
    return account


class NotAResident(Exception):
    """The number belongs to a staff account: nobody can consent for it."""


def grant(mandate: Mandate, method: str) -> None:
    """Record consent given by ``method`` (the caller commits). Raises NotAResident."""
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
        convert(mandate, resident)
