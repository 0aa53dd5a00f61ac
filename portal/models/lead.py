"""Leads (主动发现线索): a person community staff found who may need help (S-YJ item 22).

Who, where and the situation are personal data and stored encrypted; every lead ends with
an outcome (closed with one of OUTCOMES, or converted into an application).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.crypto import EncryptedText
from portal.extensions import db
from portal.models.types import UTCDateTime, utcnow

LEAD_STATUSES = ("open", "contacted", "converted", "closed")
OUTCOMES = ("helped_with_application", "referred_elsewhere", "not_in_need", "could_not_contact", "declined")


class Lead(db.Model):
    __tablename__ = "leads"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(EncryptedText)
    phone: Mapped[str | None] = mapped_column(EncryptedText)
    address: Mapped[str] = mapped_column(EncryptedText)
    situation: Mapped[str] = mapped_column(EncryptedText)
    urgency: Mapped[str] = mapped_column(String(16), default="normal")  # normal, urgent, immediate
    how_found: Mapped[str] = mapped_column(String(24))
    office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"))
    reported_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="open")
    contacted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    contacted_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    contact_note: Mapped[str | None] = mapped_column(EncryptedText)
    outcome: Mapped[str | None] = mapped_column(String(32))
    outcome_note: Mapped[str | None] = mapped_column(EncryptedText)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id", ondelete="SET NULL"))

    __table_args__ = (Index("ix_leads_office_status", "office_code", "status"),)
