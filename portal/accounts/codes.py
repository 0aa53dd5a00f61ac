"""One-time sign-in codes: 6 digits, valid 10 minutes, 5 attempts.

Answers never reveal whether a phone number has an account: every valid number gets a
code, and the resident account is created when a code is first confirmed.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _

from portal.extensions import db
from portal.models import Account, OneTimeCode, Role, utcnow
from portal.notify.outbox import queue_sms

RESEND_AFTER = timedelta(seconds=60)
MAX_CODES_PER_HOUR = 5


def _hash(code: str, token: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"{token}:{code}".encode(), hashlib.sha256).hexdigest()


@dataclass
class CodeRequest:
    token: str | None
    wait_seconds: int = 0  # > 0 when the phone asked too often: "try again in N minutes"


def request_code(phone: str, locale: str) -> CodeRequest:
    now = utcnow()
    recent = db.session.scalars(
        db.select(OneTimeCode).where(OneTimeCode.phone == phone, OneTimeCode.created_at > now - timedelta(hours=1))
        .order_by(OneTimeCode.created_at)
    ).all()
    if recent and now - recent[-1].created_at < RESEND_AFTER:
        return CodeRequest(None, int((RESEND_AFTER - (now - recent[-1].created_at)).total_seconds()) + 1)
    if len(recent) >= MAX_CODES_PER_HOUR:
        return CodeRequest(None, int((recent[0].created_at + timedelta(hours=1) - now).total_seconds()) + 1)
    code = f"{secrets.randbelow(10**6):06d}"
    token = secrets.token_urlsafe(24)
    ttl = int(current_app.config["OTP_TTL_MINUTES"])
    db.session.add(OneTimeCode(token=token, phone=phone, code_hash=_hash(code, token), expires_at=now + timedelta(minutes=ttl)))
    queue_sms(phone, "sign_in_code", locale,
              lambda: _("Your social assistance portal sign-in code is %(code)s. It expires in %(minutes)d minutes. Never share it.",
                        code=code, minutes=ttl))
    db.session.commit()
    return CodeRequest(token)


@dataclass
class CodeCheck:
    outcome: str  # "ok", "wrong", "expired", "locked", "unknown"
    account: Account | None = None
    attempts_left: int = 0


def check_code(token: str | None, code: str) -> CodeCheck:
    row = db.session.scalar(db.select(OneTimeCode).where(OneTimeCode.token == token)) if token else None
    if row is None or row.used_at is not None:
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
    account = db.session.scalar(db.select(Account).where(Account.phone == row.phone))
    if account is None:
        account = Account(role=Role.RESIDENT.value, phone=row.phone)
        db.session.add(account)
        db.session.flush()
    return CodeCheck("ok", account=account)
