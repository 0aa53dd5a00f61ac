"""Mandates (委托): a resident's consent that a community assistant acts for them.

The one source of truth for "may this assistant act for this resident": a row with
``granted_at`` set less than a year ago (portal.domain.mandates) and ``withdrawn_at`` empty. A row without ``granted_at`` is a consent
being asked for (the assistant typed a number; nothing about the resident is shown yet).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.crypto import EncryptedText
from portal.domain.mandates import ends_at, granted_after, in_force
from portal.extensions import db
from portal.models.types import UTCDateTime, utcnow


class Mandate(db.Model):
    __tablename__ = "mandates"

    id: Mapped[int] = mapped_column(primary_key=True)
    assistant_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    # Set when consent is recorded: the resident's account (found or created then, never before).
    resident_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    # What the assistant typed: the name to show in the banner, the phone to send the code to,
    # and a keyed hash of the ID number (to find the resident's earlier applications).
    resident_name: Mapped[str | None] = mapped_column(EncryptedText)
    phone: Mapped[str | None] = mapped_column(EncryptedText)
    id_hash: Mapped[str | None] = mapped_column(String(64))
    # The ID number typed for consent: it fills the application, so nothing is typed twice.
    id_number: Mapped[str | None] = mapped_column(EncryptedText)
    # Who the phone belongs to when it is not the resident's own (a family member: "女儿 王芳").
    # The consent code then goes to them, and the resident's account gets no phone of its own.
    phone_holder: Mapped[str | None] = mapped_column(EncryptedText)
    # At the office window: the second member of staff before whom the resident consented in person.
    witness: Mapped[str | None] = mapped_column(EncryptedText)
    method: Mapped[str | None] = mapped_column(String(24))  # sms_code, family_sms, mandate_photo, in_person
    scope: Mapped[str] = mapped_column(String(24), default="apply")
    # What the resident allows, printed on the 委托书 and enforced (portal.domain.mandate_scope).
    allows: Mapped[str] = mapped_column(String(80), default="file,upload", server_default="file,upload")
    text_version: Mapped[str] = mapped_column(String(40), default="2026-01")
    code_token: Mapped[str | None] = mapped_column(String(64))  # the OneTimeCode asked for
    evidence_stored_name: Mapped[str | None] = mapped_column(String(80))
    evidence_content_type: Mapped[str | None] = mapped_column(String(40))
    evidence_sha256: Mapped[str | None] = mapped_column(String(64))
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("leads.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    granted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))

    __table_args__ = (Index("ix_mandates_assistant_resident", "assistant_id", "resident_account_id"),)

    def allows_to(self, what: str) -> bool:
        return what in (self.allows or "").split(",")

    @property
    def standing(self) -> bool:
        """Granted, not withdrawn and not run out (portal.domain.mandates): the helper may act."""
        return in_force(self.granted_at, self.withdrawn_at, utcnow()) and self.resident_account_id is not None

    @property
    def ends_at(self) -> datetime | None:
        return ends_at(self.granted_at) if self.granted_at is not None else None

    @property
    def expired(self) -> bool:
        """Ran out without being withdrawn."""
        return self.withdrawn_at is None and self.ends_at is not None and utcnow() >= self.ends_at

    @classmethod
    def in_force_now(cls):
        """The SQL condition of ``standing`` (without the resident check)."""
        return db.and_(cls.granted_at.is_not(None), cls.withdrawn_at.is_(None),
                       cls.granted_at > granted_after(utcnow()))
