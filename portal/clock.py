"""The portal's one clock: the moment now (UTC) and today's date in Shenzhen (Asia/Shanghai).

Ages, "not in the future", time limits, the policy and contacts in force: every "today" outside
the pure rules comes from :func:`today`; the rules in ``portal/domain`` are handed the day.
Tests move the clock with ``monkeypatch.setattr(portal.clock, "utcnow", ...)``.
"""
from __future__ import annotations

from datetime import date, datetime

from portal.domain.calendar import SHANGHAI, shanghai_date
from portal.models.types import utcnow

__all__ = ["SHANGHAI", "now", "today"]


def now() -> datetime:
    """The moment now, timezone-aware (UTC)."""
    return utcnow()


def today() -> date:
    """Today's date in Shenzhen."""
    return shanghai_date(utcnow())
