"""Shenzhen's districts and street offices as choices, named in the current language."""
from __future__ import annotations

from sqlalchemy.orm import joinedload

from portal.extensions import db
from portal.filters import place_name
from portal.i18n import current_locale
from portal.models import District, Office


def offices() -> list[Office]:
    return list(db.session.scalars(db.select(Office).options(joinedload(Office.district))
                                   .order_by(Office.district_code, Office.code)))


def office_choices(prompt) -> list[tuple[str, str]]:
    """("44030506", "南山区 粤海街道") for every office, district by district."""
    # Plain rows from one query, not 74 Office and 11 lazily loaded District objects: this list
    # is on several journey pages and building it that way was most of their server time (issue 10).
    o, d = Office, District
    rows = db.session.execute(db.select(o.name_zh, o.name_hant, o.name_en, d.name_zh, d.name_hant, d.name_en, o.code)
                              .join(d, d.code == o.district_code).order_by(o.district_code, o.code))
    locale = current_locale()
    return [("", str(prompt))] + [(r[6], f"{_name(locale, *r[3:6])} {_name(locale, *r[0:3])}") for r in rows]


def _name(locale: str, zh: str, hant: str, en: str) -> str:
    """``portal.filters.place_name`` for plain values."""
    if locale == "en" and en:
        return en
    if locale == "zh_Hant" and hant:
        return hant
    return zh


def district_choices(prompt) -> list[tuple[str, str]]:
    rows = db.session.scalars(db.select(District).order_by(District.code))
    return [("", str(prompt))] + [(d.code, place_name(d)) for d in rows]


def office(code: str | None) -> Office | None:
    return db.session.get(Office, code) if code else None


def office_label(code: str | None) -> str:
    found = office(code)
    return f"{place_name(found.district)} {place_name(found)}" if found else ""


def district_label(code: str | None) -> str:
    found = db.session.get(District, code) if code else None
    return place_name(found) if found else ""
