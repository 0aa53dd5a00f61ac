"""Transfers of a request between street offices: the queryable trace of each hand-over."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:  # the classes are resolved by name when the mappers configure
    from portal.models.request import AssistanceRequest, Event


class Transfer(db.Model):
    """One hand-over of a request from one office to another (S-ZX Art. 60: handle or forward).

    The Event holds the reason (encrypted); this row lets the sending office list what it
    sent and the receiving office see that it has not yet taken it in, by plain queries.
    """

    __tablename__ = "transfers"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    from_office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"))
    to_office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"))
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    received_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    request: Mapped["AssistanceRequest"] = relationship()
    event: Mapped["Event"] = relationship()

    __table_args__ = (Index("ix_transfers_from_office_sent", "from_office_code", "sent_at"),)
