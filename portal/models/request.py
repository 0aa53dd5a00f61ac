"""One request per assistance type inside an application, and the event trail of each."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.crypto import EncryptedJSON, EncryptedText
from portal.extensions import db
from portal.models.types import UTCDateTime, utcnow


class AssistanceRequest(db.Model):
    """Its own authority, office, status, clock and decision (rules.md section 8).

    Status changes only through portal.domain.workflow (see portal/office/transitions.py),
    which also writes the Event in the same transaction. ``version`` gives optimistic locking:
    two staff saving the same case cannot silently overwrite each other.
    """

    __tablename__ = "requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(32))
    authority: Mapped[str] = mapped_column(String(40))
    office_code: Mapped[str | None] = mapped_column(ForeignKey("offices.code"))
    district_code: Mapped[str | None] = mapped_column(String(12))
    basis: Mapped[str | None] = mapped_column(String(24))
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    entered_on: Mapped[date] = mapped_column(Date)  # the day the current state was entered
    accepted_on: Mapped[date | None] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)  # the current step's due date
    deadline_on: Mapped[date | None] = mapped_column(Date)  # the overall statutory deadline
    delegated: Mapped[bool] = mapped_column(Boolean, default=False)
    special_reason: Mapped[str | None] = mapped_column(String(40))
    flags: Mapped[list] = mapped_column(JSON, default=list)
    disputes: Mapped[int] = mapped_column(Integer, default=0)
    review_due_on: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    phase_out_ends_on: Mapped[date | None] = mapped_column(Date)
    amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    start_month: Mapped[str | None] = mapped_column(String(7))  # YYYY-MM
    decision_reasons: Mapped[str | None] = mapped_column(EncryptedText)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    application: Mapped["Application"] = relationship(back_populates="requests")  # noqa: F821
    events: Mapped[list["Event"]] = relationship(back_populates="request", order_by="Event.id")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        # The office queue: by office and status, most urgent and soonest due first.
        Index("ix_requests_office_status_due", "office_code", "status", "due_on"),
        # The queues of a street office and of a district reviewer, covering every column the
        # queue's counts and filters read, so PostgreSQL answers them from the index alone
        # (issue 10: at a million applications the counts read 20 thousand scattered rows per
        # office, and a reviewer's page read the whole table). SQLite ignores the INCLUDE.
        Index("ix_requests_office_queue", "office_code", "status", "due_on",
              postgresql_include=["id", "type", "delegated", "urgent", "deadline_on", "flags"]),
        Index("ix_requests_district_queue", "district_code", "status", "due_on",
              postgresql_include=["id", "type", "delegated", "urgent", "deadline_on", "flags"]),
    )


class Event(db.Model):
    """An audit and timeline entry: who, on whose behalf, from, to, when, why, on what basis."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[str | None] = mapped_column(String(32))
    to_state: Mapped[str | None] = mapped_column(String(32))
    actor_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    actor_role: Mapped[str] = mapped_column(String(16))
    on_behalf_of_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reason: Mapped[str | None] = mapped_column(EncryptedText)
    legal_basis: Mapped[str | None] = mapped_column(String(120))
    data: Mapped[dict | None] = mapped_column(EncryptedJSON)
    visible_to_resident: Mapped[bool] = mapped_column(Boolean, default=True)

    request: Mapped[AssistanceRequest | None] = relationship(back_populates="events")
