"""One request per assistance type inside an application, and the event trail of each."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    event,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.crypto import EncryptedJSON, EncryptedText
from portal.extensions import db
from portal.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:  # the classes are resolved by name when the mappers configure
    from portal.models.application import Application

# Requests with work still to do at an office (or waiting on the resident or another authority).
OPEN_STATES = frozenset({
    "SUBMITTED", "NEEDS_MATERIALS", "TRANSFERRED", "ACCEPTED", "INVESTIGATING", "DATA_CHECK", "CHECK_FAILED",
    "RECHECK", "HOME_VISIT", "PRELIM_OPINION", "PUBLICITY", "DISPUTED", "COUNTY_REVIEW", "APPROVED", "REJECTED",
    "SELF_CARE_ASSESSMENT", "SUPPORT_CHOICE", "TERMINATION_NOTICE", "TERMINATION_DISPUTED", "FAST_AID_GRANTED",
    "BACKFILL", "STAGED_AID", "FORWARDED", "RETURNED", "UNDER_REVIEW",
})
# Steady states after a decision: support being paid, or a recognition in force.
SUPPORT_STATES = frozenset({"IN_PAYMENT", "PHASING_OUT"})
RECOGNITIONS = ("low_income", "rigid_expenditure")
REFUSAL_NOTIFIED = "refusal_notified"  # workflow Flag.REFUSAL_NOTIFIED


OPEN, SUPPORT, CLOSED = "open", "support", "closed"


def stage_of(status: str, type_: str, flags) -> str:
    """Where a request stands for the office queue: "open" (work to do at an office, or waiting
    on the resident or another authority), "support" (support being paid, or a recognition in
    force) or "closed" (ended).

    A refusal is closed once its written notice is recorded: the workflow has no step after it,
    and an appeal (行政复议 / 行政诉讼) is heard outside the system (《最低生活保障审核确认办法》第二十一条、第三十八条).
    """
    if status in SUPPORT_STATES or (status == "APPROVED" and type_ in RECOGNITIONS):
        return SUPPORT
    if status == "REJECTED" and REFUSAL_NOTIFIED in (flags or ()):
        return CLOSED
    return OPEN if status in OPEN_STATES else CLOSED


def urgency_of(urgent: bool | None, type_: str) -> int:
    """The queue's first sort key: urgent emergency aid (0), other urgent requests (1), the rest (2)."""
    if urgent:
        return 0 if type_ == "temp_emergency" else 1
    return 2


# What the queue's indexes hold besides their keys: every column its conditions and order read,
# so PostgreSQL counts and picks a page's ids from the index alone (SQLite ignores INCLUDE).
OPEN_COLUMNS = ["status", "type", "delegated", "urgent"]
SUPPORT_COLUMNS = ["type", "urgent", "urgency", "deadline_on"]
HISTORY_COLUMNS = ["stage", "status", "type", "urgent"]


class AssistanceRequest(db.Model):
    """Its own authority, office, status, clock and decision (一门受理、协同办理: 《关于改革完善社会救助制度的意见》（二十三）; 《社会救助暂行办法》第六十条).

    Status changes only through portal.domain.workflow (see portal/tracking/transitions.py),
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
    # stage_of(status, type, flags), kept by the listener below on every insert and update. The
    # office queue reads open and supported requests through partial indexes, so its counts and
    # pages cost the backlog, not the years of decided cases.
    stage: Mapped[str] = mapped_column(String(8), default=OPEN)
    # urgency_of(urgent, type), kept with the stage: the open indexes are in queue order, so a
    # page of open work is read from the index in order instead of sorting the whole backlog.
    urgency: Mapped[int] = mapped_column(SmallInteger, default=2)
    # A copy of the application's ``assigned_to_id`` (the caseworker handling the case), kept by
    # portal/office/caseload.py in the same flush as every change to either: each caseworker's
    # open and overdue requests are then read from one small index of the office's open requests
    # (ix_requests_office_caseload) instead of joining every open request to its application.
    assigned_to_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    application: Mapped["Application"] = relationship(back_populates="requests")
    events: Mapped[list["Event"]] = relationship(back_populates="request", order_by="Event.id")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        # Every request of a street office or district by status: a filter on one status, and
        # the public notices.
        Index("ix_requests_office_queue", "office_code", "status", "due_on",
              postgresql_include=["id", "type", "delegated", "urgent", "deadline_on", "flags"]),
        Index("ix_requests_district_queue", "district_code", "status", "due_on",
              postgresql_include=["id", "type", "delegated", "urgent", "deadline_on", "flags"]),
        # The open backlog only (partial), in queue order: the headline counts read it all, a
        # page of "needs your action" or of the open list reads it in order until the page is
        # full. Their cost follows the backlog, not the history.
        Index("ix_requests_office_open", "office_code", "urgency", "due_on", "deadline_on", "id",
              postgresql_include=OPEN_COLUMNS, postgresql_where=text("stage = 'open'"),
              sqlite_where=text("stage = 'open'")),
        Index("ix_requests_district_open", "district_code", "urgency", "due_on", "deadline_on", "id",
              postgresql_include=OPEN_COLUMNS, postgresql_where=text("stage = 'open'"),
              sqlite_where=text("stage = 'open'")),
        # Support in force, by its next review: reviews overdue or due this week are a range of
        # this index, however many people are supported.
        Index("ix_requests_office_support", "office_code", "due_on", "id", postgresql_include=SUPPORT_COLUMNS,
              postgresql_where=text("stage = 'support'"), sqlite_where=text("stage = 'support'")),
        Index("ix_requests_district_support", "district_code", "due_on", "id", postgresql_include=SUPPORT_COLUMNS,
              postgresql_where=text("stage = 'support'"), sqlite_where=text("stage = 'support'")),
        # Open requests by the step's due date and by the decision deadline: the overdue and
        # due-this-week counts of the queue and the district view read only the rows they count
        # (a range of each), not the backlog (migration 0017).
        Index("ix_requests_district_due", "district_code", "due_on", postgresql_include=["type", "deadline_on"],
              postgresql_where=text("stage = 'open'"), sqlite_where=text("stage = 'open'")),
        Index("ix_requests_office_due", "office_code", "due_on", postgresql_include=["type", "deadline_on"],
              postgresql_where=text("stage = 'open'"), sqlite_where=text("stage = 'open'")),
        Index("ix_requests_district_deadline", "district_code", "deadline_on", postgresql_include=["type", "due_on"],
              postgresql_where=text("stage = 'open'"), sqlite_where=text("stage = 'open'")),
        Index("ix_requests_office_deadline", "office_code", "deadline_on", postgresql_include=["type", "due_on"],
              postgresql_where=text("stage = 'open'"), sqlite_where=text("stage = 'open'")),
        # The history, newest first: the closed and "all" lists read one page of it.
        Index("ix_requests_office_history", "office_code", "id", postgresql_include=HISTORY_COLUMNS),
        # Each caseworker's open requests at the office, with the days that make them overdue (0019).
        Index("ix_requests_office_caseload", "office_code", "assigned_to_id", postgresql_include=["due_on", "deadline_on"],
              postgresql_where=text("stage = 'open'"), sqlite_where=text("stage = 'open'")),
        Index("ix_requests_district_history", "district_code", "id", postgresql_include=HISTORY_COLUMNS),
    )


@event.listens_for(AssistanceRequest, "before_insert")
@event.listens_for(AssistanceRequest, "before_update")
def _keep_queue_keys(_mapper, _connection, target: AssistanceRequest) -> None:
    # Derived here rather than in portal/tracking/transitions.py so that every writer (the
    # workflow, the demo data, tests setting a status directly) keeps it right.
    target.stage = stage_of(target.status, target.type, target.flags)
    target.urgency = urgency_of(target.urgent, target.type)


# Events the office queue looks up by action (portal/office/objections.py, change_reports.py,
# portal/status/reviews.py): rare among the millions of workflow events.
SIDE_ACTIONS = ("ask_review", "answer_review", "resident_change", "resident_change_handled", "review_invited")
SIDE_ACTIONS_SQL = "action IN (" + ", ".join(f"'{a}'" for a in SIDE_ACTIONS) + ")"


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

    # The audit view (portal/admin/audit.py) reads the trail newest first, for everyone or for
    # one member of staff, one page at a time (migration 0012).
    __table_args__ = (
        Index("ix_events_at", "at", "id"),
        Index("ix_events_actor_at", "actor_account_id", "at", "id"),
        # The few events the office queue lists apart (objections, change reports, review
        # invitations): found by action without reading every event (0017).
        Index("ix_events_side_actions", "action", "request_id", "id", postgresql_where=text(SIDE_ACTIONS_SQL),
              sqlite_where=text(SIDE_ACTIONS_SQL)),
    )
