"""How long a resident's mandate (委托) lets a helper act for them.

A mandate is in force from the moment consent is recorded until the resident withdraws it or one
year has passed, whichever comes first; after that the helper must ask again (a new code, a new
signed 委托书, or in person at the window). A year covers an application from filing through
the decision and the first annual review's paperwork, and no longer: consent to see someone's
income and family should not stand forever unnoticed. The printed mandate states the same term.
"""
from __future__ import annotations

from datetime import datetime, timedelta

TERM = timedelta(days=365)


def ends_at(granted_at: datetime) -> datetime:
    """The moment a mandate granted at ``granted_at`` stops (exclusive)."""
    return granted_at + TERM


def in_force(granted_at: datetime | None, withdrawn_at: datetime | None, now: datetime) -> bool:
    return granted_at is not None and withdrawn_at is None and now < ends_at(granted_at)


def granted_after(now: datetime) -> datetime:
    """Mandates granted after this moment have not yet run out (for database queries)."""
    return now - TERM
