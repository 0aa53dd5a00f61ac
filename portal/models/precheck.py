"""Answers of the anonymous eligibility pre-check, kept server-side under a random token.

Only a hash of the token is stored, so the table alone does not let anyone open a check;
the answers (incomes, disabilities) are encrypted at rest. Rows expire a day after their
last change and are purged as new checks start.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from portal.crypto import EncryptedJSON
from portal.extensions import db
from portal.models.types import UTCDateTime, utcnow


class PrecheckSession(db.Model):
    __tablename__ = "precheck_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    # The pre-check pages' own answers, step by step, as typed (to show them again).
    answers: Mapped[dict] = mapped_column(EncryptedJSON, default=dict)
    # Household.to_dict() of a complete check; None until every step is answered.
    household: Mapped[dict | None] = mapped_column(EncryptedJSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
