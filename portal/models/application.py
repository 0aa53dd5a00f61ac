"""The application: the envelope a household submits once, holding the answers."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.crypto import EncryptedJSON, EncryptedText
from portal.extensions import db
from portal.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:  # the classes are resolved by name when the mappers configure
    from portal.models.request import AssistanceRequest


class Application(db.Model):
    """A draft until submitted; then the record the requests were made from.

    ``answers`` (every answer of the journey, by step) is one encrypted JSON document: it
    holds ID numbers, incomes, health and bank details. Fields needed to search or list are
    copied out as keyed hashes (``household_key``) or encrypted columns (``applicant_name``).
    """

    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str | None] = mapped_column(String(16), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)  # the applicant
    created_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))  # the applicant or an assistant
    channel: Mapped[str] = mapped_column(String(16), default="self")  # self, assistant, proxy, proactive
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)  # draft, submitted, withdrawn
    locale: Mapped[str] = mapped_column(String(10), default="zh_Hans")
    answers: Mapped[dict] = mapped_column(EncryptedJSON, default=dict)
    applicant_name: Mapped[str | None] = mapped_column(EncryptedText)
    # Keyed hash of the applicant's ID number: one open application per household.
    household_key: Mapped[str | None] = mapped_column(String(64), index=True)
    # Keyed hash of the last 6 characters of the applicant's ID number, for status look-up.
    verifier_hash: Mapped[str | None] = mapped_column(String(64))
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    receiving_office_code: Mapped[str | None] = mapped_column(ForeignKey("offices.code"), index=True)
    jurisdiction_basis: Mapped[str | None] = mapped_column(String(24))
    # The token of the form that submitted it: a repeated submit finds this row.
    submission_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # Who pressed submit: the applicant, or a helper under a mandate that allows it.
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    # The caseworker of the street office who handles the case; None: unassigned.
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)

    requests: Mapped[list["AssistanceRequest"]] = relationship(
        back_populates="application", order_by="AssistanceRequest.id", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}
