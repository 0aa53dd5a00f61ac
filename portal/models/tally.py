"""Running totals of the office and district figures, kept in the same
transaction as the rows they count (portal/office/tallies.py).

Counting a district's requests at a million applications read hundreds of thousands of index
entries per page; these tables hold a few hundred rows per district instead. ``n`` may be read
with a negative delta applied in the same transaction, never below zero once committed.
"""
from __future__ import annotations

from sqlalchemy import Boolean, Index, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db


class RequestTally(db.Model):
    """How many requests stand now at each (office, type, delegation, status, stage)."""

    __tablename__ = "request_tallies"

    district_code: Mapped[str] = mapped_column(String(12), primary_key=True)  # "" when none
    office_code: Mapped[str] = mapped_column(String(16), primary_key=True)  # "" when none
    type: Mapped[str] = mapped_column(String(24), primary_key=True)
    delegated: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    status: Mapped[str] = mapped_column(String(32), primary_key=True)
    stage: Mapped[str] = mapped_column(String(8), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_request_tallies_office", "office_code"),)


class ApplicationTally(db.Model):
    """Applications submitted per month (Shanghai time) in a district (of the receiving office)."""

    __tablename__ = "application_tallies"

    district_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # YYYY-MM
    n: Mapped[int] = mapped_column(Integer, default=0)


class DecisionTally(db.Model):
    """Decisions per month, type and working days from submission: a histogram, so a median
    over any run of months is exact without reading a single request."""

    __tablename__ = "decision_tallies"

    district_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # of the decision, YYYY-MM
    type: Mapped[str] = mapped_column(String(24), primary_key=True)
    days: Mapped[int] = mapped_column(SmallInteger, primary_key=True)  # working days, submission to decision
    n: Mapped[int] = mapped_column(Integer, default=0)
