"""Uploaded documents and recorded consents."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.crypto import EncryptedText
from portal.extensions import db
from portal.models.types import UTCDateTime, utcnow


class Document(db.Model):
    """A file stored outside static/ under a generated name; type checked by content."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id", ondelete="SET NULL"))
    purpose: Mapped[str] = mapped_column(String(40))  # what it proves: id_card, hukou, disability_cert ...
    member_ref: Mapped[str | None] = mapped_column(String(16))
    item_key: Mapped[str | None] = mapped_column(String(64))  # the missing-material item it answers
    original_name: Mapped[str | None] = mapped_column(EncryptedText)
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Consent(db.Model):
    """A declaration or consent: which text version, who, for whom, when and how.

    kinds: economic_check_authorisation, truthfulness, change_duty, publication_notice,
    sensitive_data_processing, not_receiving_elsewhere, proxy_mandate, assistant_access.
    methods: online (the person in their own session), on_assistant_screen (person present),
    sms_code (code sent to the person's phone), mandate_photo (signed paper mandate).
    """

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    subject_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    text_version: Mapped[str] = mapped_column(String(40))
    member_ref: Mapped[str | None] = mapped_column(String(16))
    signer_name: Mapped[str | None] = mapped_column(EncryptedText)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    method: Mapped[str] = mapped_column(String(24))
    scope: Mapped[dict | None] = mapped_column(JSON)
    evidence_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
