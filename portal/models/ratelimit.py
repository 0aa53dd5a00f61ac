"""Counters of the database-backed rate limiter (portal/ratelimit.py)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models.types import UTCDateTime


class RateLimitCounter(db.Model):
    """Attempts for one key in one fixed time window.

    The key is stored as a keyed hash: keys name client addresses and reference numbers,
    which need not sit in the database in clear.
    """

    __tablename__ = "rate_limits"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    window_start: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)  # epoch seconds
    count: Mapped[int] = mapped_column(Integer, default=0)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
