"""State Council holiday notices loaded after deployment.

The shipped file ``portal/data/calendar/cn-workdays.json`` stays the default; a notice stored
here adds a year (or corrects one: the newest row of a year wins). Rows are never edited, so the
table is also the record of who loaded which notice when, and how many deadlines it moved.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models.types import UTCDateTime, utcnow


class CalendarNotice(db.Model):
    __tablename__ = "calendar_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(SmallInteger, index=True)
    source: Mapped[str] = mapped_column(String(300))
    holidays: Mapped[dict] = mapped_column(JSON)         # {"2027-02-06": "春节", ...}
    makeup_workdays: Mapped[dict] = mapped_column(JSON)  # {"2027-02-20": "春节", ...}
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    loaded_by_account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))  # None: the shell
    moved: Mapped[int] = mapped_column(Integer, default=0)  # open requests whose dates changed
