"""Dated contact details of street offices and deciding authorities.

Rows are never edited or deleted: a change is a new row with the date it takes effect, so the
table is also the record of who changed what when. The rules that pick the row in force are in
portal/domain/contacts.py; ``subject`` is one of its keys ("office:44030506",
"authority:civil_affairs_district:440305", "authority:assistance_station:shenzhen").
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models.types import UTCDateTime, utcnow


class ContactEntry(db.Model):
    __tablename__ = "contact_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(80))
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    hours: Mapped[str] = mapped_column(String(120), default="")
    effective_from: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(200), default="")
    demo: Mapped[bool] = mapped_column(Boolean, default=False)  # made-up details of the demo data
    changed_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))  # None: the shell or seed
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (Index("ix_contact_entries_subject", "subject", "effective_from", "id"),)

    @property
    def seq(self) -> int:
        return self.id or 0
