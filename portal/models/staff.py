"""The administrators' trail: every change to a staff account, and who made it."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models.types import UTCDateTime, utcnow


class AdminEvent(db.Model):
    """One administrative change. Never updated or deleted.

    ``actor_account_id`` is empty for a change made from the shell (``flask staff``), where
    ``via`` is "shell" and ``data["shell_user"]`` names the operating-system user. ``data``
    holds only what the change was about (role, scope, filters): never a password, a code or a
    resident's personal data.
    """

    __tablename__ = "admin_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    action: Mapped[str] = mapped_column(String(40))
    actor_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    actor_role: Mapped[str | None] = mapped_column(String(16))
    via: Mapped[str] = mapped_column(String(8), default="web")
    target_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    data: Mapped[dict | None] = mapped_column(JSON)

    __table_args__ = (
        Index("ix_admin_events_at", "at", "id"),
        Index("ix_admin_events_actor", "actor_account_id", "at"),
        Index("ix_admin_events_target", "target_account_id", "at"),
    )
