"""One-time codes sent by SMS: 6 digits, valid 10 minutes, 5 attempts, only a keyed hash stored.

One service for every purpose (a ``CodeKind``): signing in here, a resident's consent in
``portal.assist.consent``. Each purpose has its own resend limits and its own codes: a code
asked for one purpose can never be confirmed for another (the purpose is in the lookup and
in the hash).

Sign-in answers never reveal whether a phone number has an account: every valid number gets
a code, and the resident account is created when a code is first confirmed.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Callable

from flask import current_app
from flask_babel import gettext as _

from portal.extensions import db
from portal.models import Account, OneTimeCode, Role, utcnow
from portal.notify.outbox import queue_sms

RESEND_AFTER = timedelta(seconds=60)
MAX_CODES_PER_HOUR = 5


@dataclass(frozen=True)
class CodeKind:
    purpose: str  # OneTimeCode.purpose
    sms_kind: str  # Message.kind of the text
    # The SMS text, given the code and its lifetime in minutes; rendered in the recipient's
    # language. It must carry no personal data.
    text: Callable[[str, int], str]


SIGN_IN = CodeKind("sign_in", "sign_in_code", lambda code, minutes: _(
    "Your social assistance portal sign-in code is %(code)s. It expires in %(minutes)d minutes. Never share it.",
    code=code, minutes=minutes))


def _hash(kind: CodeKind, code: str, token: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"{kind.purpose}:{token}:{code}".encode(), hashlib.sha256).hexdigest()


@dataclass
class CodeRequest:
    token: str | None
    wait_seconds: int = 0  # > 0 when the phone asked too often: "try again in N minutes"


def issue(kind: CodeKind, phone: str, locale: str) -> CodeRequest:
    """Queue a new code for ``phone``, unless it asked too often for this purpose. Does not commit."""
    now = utcnow()
    recent = db.session.scalars(db.select(OneTimeCode).where(
        OneTimeCode.phone == phone, OneTimeCode.purpose == kind.purpose,
        OneTimeCode.created_at > now - timedelta(hours=1)).order_by(OneTimeCode.created_at)).all()
    if recent and now - recent[-1].created_at < RESEND_AFTER:
        return CodeRequest(None, int((RESEND_AFTER - (now - recent[-1].created_at)).total_seconds()) + 1)
    if len(recent) >= MAX_CODES_PER_HOUR:
        return CodeRequest(None, int((recent[0].created_at + timedelta(hours=1) - now).total_seconds()) + 1)
    code = f"{secrets.randbelow(10**6):06d}"
    token = secrets.token_urlsafe(24)
    ttl = int(current_app.config["OTP_TTL_MINUTES"])
    db.session.add(OneTimeCode(token=token, phone=phone, purpose=kind.purpose, code_hash=_hash(kind, code, token),
                               created_at=now, expires_at=now + timedelta(minutes=ttl)))
    queue_sms(phone, kind.sms_kind, locale, lambda: kind.text(code, ttl))
    return CodeRequest(token)


@dataclass
class CodeCheck:
    outcome: str  # "ok", "wrong", "expired", "locked", "unknown"
    account: Account | None = None
    attempts_left: int = 0
    phone: str | None = None  # on "ok": the number the code was sent to


def verify(kind: CodeKind, token: str | None, code: str) -> CodeCheck:
    """Check a code; a wrong one counts an attempt (committed, so it holds whatever the caller
    does next). On "ok" the code is marked used but not committed: the caller commits it with
    what the code allows."""
    row = db.session.scalar(db.select(OneTimeCode).where(
        OneTimeCode.token == token, OneTimeCode.purpose == kind.purpose)) if token else None
    if row is None or row.used_at is not None:
        return CodeCheck("unknown")
    max_attempts = int(current_app.config["OTP_MAX_ATTEMPTS"])
    if row.attempts >= max_attempts:
        return CodeCheck("locked")
    if utcnow() > row.expires_at:
        return CodeCheck("expired")
    row.attempts += 1
    if not hmac.compare_digest(row.code_hash, _hash(kind, code, token)):
        db.session.commit()
        left = max_attempts - row.attempts
        return CodeCheck("locked" if left <= 0 else "wrong", attempts_left=left)
    row.used_at = utcnow()
    return CodeCheck("ok", phone=row.phone)


def request_code(phone: str, locale: str) -> CodeRequest:
    result = issue(SIGN_IN, phone, locale)
    db.session.commit()
    return result


def check_code(token: str | None, code: str) -> CodeCheck:
    check = verify(SIGN_IN, token, code)
    if check.outcome != "ok":
        return check
    account = db.session.scalar(db.select(Account).where(Account.phone == check.phone))
    if account is None:
        account = Account(role=Role.RESIDENT.value, phone=check.phone)
        db.session.add(account)
        db.session.flush()
    check.account = account
    return check
