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
from functools import wraps
from typing import Callable, Iterable

from flask import current_app, render_template, request, url_for
from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite

from portal.accounts.auth import current_account
from portal.crypto import lookup_hash
from portal.extensions import db
from portal.models import utcnow
from portal.models.ratelimit import RateLimitCounter

_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def hit(key: str, limit: int, window_seconds: int, now: datetime | None = None) -> tuple[bool, int]:
    """Count an attempt; return (allowed, seconds until the window ends, 0 when allowed)."""
    return hit_many(((key, limit),), window_seconds, now)


def hit_many(limits: Iterable[tuple[str, int]], window_seconds: int,
             now: datetime | None = None) -> tuple[bool, int]:
    """Count one attempt against each (key, limit) in one transaction; allowed only if under every limit.

    Every key is counted even when another refuses, as separate :func:`hit` calls would. One
    upsert of all the keys (sorted, so two processes lock them in the same order) instead of a
    transaction per key: the status look-up counts two keys per attempt."""
    by_key = dict(limits)
    if not by_key or min(by_key.values()) < 1 or window_seconds < 1:
        raise ValueError("limit and window_seconds must be at least 1")
    now = now or utcnow()
    epoch = int(now.timestamp())
    start = epoch - epoch % window_seconds
    expires = datetime.fromtimestamp(start + window_seconds, timezone.utc)
    hashed = {lookup_hash(key, "ratelimit"): limit for key, limit in by_key.items()}
    insert = _INSERTS[db.engine.dialect.name]
    statement = (
        insert(RateLimitCounter)  # type: ignore[attr-defined]  # the dialect's insert has on_conflict_do_update
        .values([{"key": key_hash, "window_start": start, "count": 1, "expires_at": expires}
                 for key_hash in sorted(hashed)])
        .on_conflict_do_update(index_elements=["key", "window_start"],
                               set_={"count": RateLimitCounter.count + 1})
        .returning(RateLimitCounter.key, RateLimitCounter.count)
    )
    with db.engine.begin() as connection:
        counts = dict(connection.execute(statement).all())
        # Old windows of a key are never read again; they can exist only before its first
        # attempt in this window.
        fresh = sorted(key_hash for key_hash, count in counts.items() if count == 1)
        if fresh:
            connection.execute(delete(RateLimitCounter).where(
                RateLimitCounter.key.in_(fresh), RateLimitCounter.window_start < start))
    if all(counts[key_hash] <= limit for key_hash, limit in hashed.items()):
        return True, 0
    return False, max(1, start + window_seconds - epoch)


def prune(now: datetime | None = None) -> int:
    """Delete every expired window (of keys that were never hit again); returns how many."""
    with db.engine.begin() as connection:
        result = connection.execute(delete(RateLimitCounter).where(RateLimitCounter.expires_at <= (now or utcnow())))
    return result.rowcount or 0


def client_key() -> str:
    """The client address of the current request (behind a proxy, configure ProxyFix)."""
    return request.remote_addr or "unknown"


def upload_wait(account_id: int | None, client: str) -> int:
    """Count one upload against the limits per account and per client address (config
    UPLOADS_PER_ACCOUNT, UPLOADS_PER_CLIENT, UPLOADS_WINDOW_SECONDS); seconds to wait, 0 when
    allowed. Both are counted even when one refuses, as the sign-in limits do."""
    config = current_app.config
    window = int(config["UPLOADS_WINDOW_SECONDS"])
    waits = [hit(f"upload-client:{client}", int(config["UPLOADS_PER_CLIENT"]), window)[1]]
    if account_id is not None:
        waits.append(hit(f"upload-account:{account_id}", int(config["UPLOADS_PER_ACCOUNT"]), window)[1])
    return max(waits)


def limit_uploads(back: Callable[..., str] | None = None) -> Callable:
    """Decorate a view that receives files (under login_required/roles_required): a POST that
    carries a file counts against the upload limits, and over a limit is answered 429 with
    "try again in N minutes" before the view reads or stores anything. ``back(**view_args)``
    gives the page to return to (default: this address, when it answers GET)."""
    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if request.method == "POST" and any(f.filename for f in request.files.values()):
                account = current_account()
                wait = upload_wait(account.id if account is not None else None, client_key())
                if wait:
                    if back is not None:
                        back_url = back(**kwargs)
                    elif request.url_rule is not None and "GET" in request.url_rule.methods:
                        back_url = request.path
                    else:
                        back_url = url_for("pages.home")
                    return (render_template("errors/upload_wait.html", minutes=max(1, (wait + 59) // 60),
                                            back_url=back_url), 429, {"Retry-After": str(wait)})
            return view(*args, **kwargs)

        return wrapped

    return decorator
