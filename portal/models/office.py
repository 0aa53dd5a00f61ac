"""Reference data: Shenzhen's districts and street offices. Their addresses, phones and hours are
dated entries (portal/models/contact.py), read through portal/contacts/book.py."""
from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db


class District(db.Model):
    __tablename__ = "districts"

    # GB/T 2260 code, or "DAPENG" for 大鹏新区 which has none.
    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(40))
    name_hant: Mapped[str] = mapped_column(String(40), default="")
    name_en: Mapped[str] = mapped_column(String(80))
    offices: Mapped[list["Office"]] = relationship(back_populates="district", order_by="Office.code")


class Office(db.Model):
    __tablename__ = "offices"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    district_code: Mapped[str] = mapped_column(ForeignKey("districts.code"), index=True)
    name_zh: Mapped[str] = mapped_column(String(40))
    name_hant: Mapped[str] = mapped_column(String(40), default="")
    name_en: Mapped[str] = mapped_column(String(80))
    district: Mapped[District] = relationship(back_populates="offices")
