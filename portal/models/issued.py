"""PDF receipts and notices as issued: rendered once, stored with their checksum, served as stored."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:  # the classes are resolved by name when the mappers configure
    from portal.models.application import Application
    from portal.models.request import AssistanceRequest, Event

KINDS = ("receipt", "acceptance_notice", "materials_notice", "refusal_notice", "approval_notice", "withdrawal_notice",
         "stop_notice", "reduction_notice", "check_notice")


class IssuedDocument(db.Model):
    """One issued PDF. Rows are never updated: a correction is a new document.

    A receipt is unique per application and a notice per event (the decision it records), so
    two renderings of the same document can never both be stored; ``verification_code`` is
    random, printed on the document, and checked together with the application's reference.
    """

    __tablename__ = "issued_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), unique=True)
    locale: Mapped[str] = mapped_column(String(10))
    verification_code: Mapped[str] = mapped_column(String(12))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    # Deferred: lists and the verification look-up never load the PDF bytes.
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    application: Mapped["Application"] = relationship()
    request: Mapped["AssistanceRequest | None"] = relationship()
    event: Mapped["Event | None"] = relationship()

    __table_args__ = (
        Index("uq_issued_documents_code", "application_id", "verification_code", unique=True),
        # One receipt per application, even when two first downloads race to render it.
        Index("uq_issued_documents_receipt", "application_id", unique=True,
              sqlite_where=text("kind = 'receipt'"), postgresql_where=text("kind = 'receipt'")),
    )
