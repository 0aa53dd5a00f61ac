"""The database-backed rate limiter."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

from portal.extensions import db
from portal.models.ratelimit import RateLimitCounter
from portal.ratelimit import hit, prune

T0 = datetime(2026, 10, 12, 2, 0, 0, tzinfo=timezone.utc)  # on a 15-minute boundary


def test_counts_within_a_window_and_says_when_to_retry(any_app):
    assert [hit("k", 3, 900, now=T0 + timedelta(seconds=i))[0] for i in range(4)] == [True, True, True, False]
    allowed, wait = hit("k", 3, 900, now=T0 + timedelta(seconds=300))
    assert not allowed and wait == 600
    # A new window starts afresh, and old windows of the key are deleted.
    assert hit("k", 3, 900, now=T0 + timedelta(seconds=900)) == (True, 0)
    assert db.session.scalar(db.select(db.func.count()).select_from(RateLimitCounter)) == 1


def test_keys_are_independent_and_not_stored_in_clear(any_app):
    assert hit("status-client:10.0.0.1", 1, 60, now=T0) == (True, 0)
    assert hit("status-client:10.0.0.1", 1, 60, now=T0)[0] is False
    assert hit("status-client:10.0.0.2", 1, 60, now=T0) == (True, 0)
    keys = db.session.scalars(db.select(RateLimitCounter.key)).all()
    assert all("10.0.0" not in key and len(key) == 64 for key in keys)


def test_prune_removes_expired_windows(any_app):
    hit("a", 5, 60, now=T0)
    hit("b", 5, 60, now=T0 + timedelta(seconds=120))
    assert prune(now=T0 + timedelta(seconds=90)) == 1


def test_concurrent_hits_are_all_counted(any_app):
    """Threads with their own connections stand in for app processes: no count is lost."""
    app = any_app
    results = []

    def worker():
        with app.app_context():
            for _ in range(5):
                results.append(hit("shared", 1000, 3600, now=T0)[0])
            db.session.remove()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    count = db.session.scalar(db.select(RateLimitCounter.count).where(RateLimitCounter.window_start == int(T0.timestamp())))
    assert len(results) == 20 and count == 20
