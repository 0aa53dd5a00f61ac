"""Answers posted after a session ended, kept until the person signs in again."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from portal.crypto import EncryptedJSON
from portal.extensions import db
from portal.models.types import UTCDateTime, utcnow


class PendingPost(db.Model):
    """A form submitted by someone whose session had expired: path and fields, encrypted.

    Only the random token travels in the cookie; rows older than a day are useless and removed.
    """

    __tablename__ = "pending_posts"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    path: Mapped[str] = mapped_column(String(300))
    fields: Mapped[list] = mapped_column(EncryptedJSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
