"""Policy figures proposed and decided by administrators.

The shipped ``portal/data/policy/*.json`` stays the default; an approved row is one more dated
entry on top of it (portal.policy_figures). Rows are never edited but for their one decision
(proposed -> approved or rejected, by a second administrator for an approval), so the table is
also the record of who proposed and who approved each figure, and what it was expected to change.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.domain.figures import entry_dict
from portal.extensions import db
from portal.models.types import UTCDateTime, utcnow


class PolicyFigure(db.Model):
    __tablename__ = "policy_figures"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80))
    region: Mapped[str] = mapped_column(String(8))
    effective_from: Mapped[date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(JSON)  # a number, as in the shipped files
    unit: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(300))
    example: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(10), default="proposed")  # proposed, approved, rejected
    proposed_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # What the proposer was shown before saving: {"on", "requests", "verdicts_changed", "amounts_changed", ...}
    effect: Mapped[dict | None] = mapped_column(JSON)
    decided_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reject_reason: Mapped[str | None] = mapped_column(String(500))

    __table_args__ = (
        # Every request reads (count, max id) of the approved rows to know whether its cached
        # policy is current: an index on status answers it from the approved rows alone.
        Index("ix_policy_figures_status", "status", "id"),
        Index("ix_policy_figures_key", "key", "region", "effective_from"),
    )

    def as_entry(self) -> dict:
        """The entry as the shipped files give it (portal.domain.policy.Policy.from_entries)."""
        return entry_dict(self.key, self.region, self.effective_from, self.value, self.unit, self.source,
                          self.example, self.note)
