"""Server-side storage of pre-check answers under a random token (the cookie holds only it).

For the application journey: ``load(token)`` gives the ``Household.to_dict()``-shaped dict
of a COMPLETE pre-check (``None`` for an unknown, expired or unfinished one), to start an
application already filled in; ``discard(token)`` forgets it once used.

Each function that writes commits: these are the pre-check's own short transactions.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from sqlalchemy import delete

from portal.extensions import db
from portal.models.precheck import PrecheckSession
from portal.models.types import utcnow

LIFETIME = timedelta(hours=24)
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _valid(token: Any) -> bool:
    # Anything else (from a URL or a tampered cookie) is simply unknown, never an error.
    return isinstance(token, str) and 20 <= len(token) <= 64 and set(token) <= _TOKEN_CHARS


def _row(token: Any) -> PrecheckSession | None:
    if not _valid(token):
        return None
    row = db.session.get(PrecheckSession, _hash(token))
    if row is None or row.expires_at <= utcnow():
        return None
    return row


def _touch(row: PrecheckSession) -> None:
    now = utcnow()
    row.updated_at = now
    row.expires_at = now + LIFETIME


def _create() -> tuple[str, PrecheckSession]:
    # Starting a check is the moment to forget the checks nobody finished.
    db.session.execute(delete(PrecheckSession).where(PrecheckSession.expires_at <= utcnow()))
    token = secrets.token_urlsafe(32)
    row = PrecheckSession(token_hash=_hash(token), answers={}, created_at=utcnow())
    _touch(row)
    db.session.add(row)
    return token, row


def save(household: dict[str, Any], token: str | None = None) -> str:
    """Keep a complete household (``Household.to_dict()`` shape); returns its token
    (the one given while it is still valid, else a new one)."""
    row = _row(token)
    if row is None:
        token, row = _create()
    row.household = household
    _touch(row)
    db.session.commit()
    return token


def load(token: Any) -> dict[str, Any] | None:
    row = _row(token)
    return None if row is None or row.household is None else dict(row.household)


def load_answers(token: Any) -> dict[str, Any] | None:
    """The pre-check pages' answers as typed, or ``None`` for an unknown or expired token."""
    row = _row(token)
    return None if row is None else dict(row.answers or {})


def save_answers(token: str | None, answers: dict[str, Any], household: dict[str, Any] | None) -> str:
    """Keep the pages' answers and the household they make (``None`` while incomplete)."""
    row = _row(token)
    if row is None:
        token, row = _create()
    row.answers = answers
    row.household = household
    _touch(row)
    db.session.commit()
    return token


def discard(token: Any) -> None:
    row = _row(token)
    if row is not None:
        db.session.delete(row)
        db.session.commit()
