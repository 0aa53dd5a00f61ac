"""A small rate limiter kept in the database, so every app process shares the same counts.

``hit(key, limit, window_seconds)`` counts one attempt for ``key`` in the current fixed window
and says whether it is allowed. The count is one atomic upsert (``INSERT .. ON CONFLICT DO
UPDATE .. RETURNING``) on PostgreSQL and SQLite alike, so two processes counting at the same
moment cannot both see the old value. It runs on its own connection and commits at once: an
attempt counts even when the caller's transaction is later rolled back.

Fixed windows allow at most twice the limit across a window boundary; that is enough to stop
guessing, and lets a refused person be told exactly when to try again.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite

from portal.crypto import lookup_hash
from portal.extensions import db
from portal.models import utcnow
from portal.models.ratelimit import RateLimitCounter

_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def hit(key: str, limit: int, window_seconds: int, now: datetime | None = None) -> tuple[bool, int]:
    """Count an attempt; return (allowed, seconds until the window ends, 0 when allowed)."""
    if limit < 1 or window_seconds < 1:
        raise ValueError("limit and window_seconds must be at least 1")
    now = now or utcnow()
    epoch = int(now.timestamp())
    start = epoch - epoch % window_seconds
    key_hash = lookup_hash(key, "ratelimit")
    insert = _INSERTS[db.engine.dialect.name]
    statement = (
        insert(RateLimitCounter)
        .values(key=key_hash, window_start=start, count=1,
                expires_at=datetime.fromtimestamp(start + window_seconds, timezone.utc))
        .on_conflict_do_update(index_elements=["key", "window_start"],
                               set_={"count": RateLimitCounter.count + 1})
        .returning(RateLimitCounter.count)
    )
    with db.engine.begin() as connection:
        count = connection.execute(statement).scalar_one()
        # Old windows of this key are never read again.
        connection.execute(delete(RateLimitCounter).where(
            RateLimitCounter.key == key_hash, RateLimitCounter.window_start < start))
    if count <= limit:
        return True, 0
    return False, max(1, start + window_seconds - epoch)


def prune(now: datetime | None = None) -> int:
    """Delete every expired window (of keys that were never hit again); returns how many."""
    with db.engine.begin() as connection:
        result = connection.execute(delete(RateLimitCounter).where(RateLimitCounter.expires_at <= (now or utcnow())))
    return result.rowcount or 0


def client_key() -> str:
    """The client address of the current request (behind a proxy, configure ProxyFix)."""
    from flask import request

    return request.remote_addr or "unknown"
