"""Shenzhen's districts and street offices as choices, named in the current language."""
from __future__ import annotations

import time

from flask import current_app
from sqlalchemy.orm import joinedload

from portal.extensions import db
from portal.filters import place_name
from portal.i18n import current_locale
from portal.models import District, Office


def offices() -> list[Office]:
    return list(db.session.scalars(db.select(Office).options(joinedload(Office.district))
                                   .order_by(Office.district_code, Office.code)))


_OFFICE_ROWS_FOR = 300  # seconds: reference data, changed by `flask` commands at most a few times a year


def _office_rows() -> list[tuple]:
    """(office zh, hant, en, district zh, hant, en, code) of every office, district by district.

    Kept per app for a few minutes: the 74 offices are reference data, and reading them on
    every page that offers them was a third of those pages' server time. A change
    loaded while the portal runs shows within ``_OFFICE_ROWS_FOR`` seconds.
    """
    kept = current_app.extensions.get("portal.office_rows")
    now = time.monotonic()
    if kept is not None and now - kept[0] < _OFFICE_ROWS_FOR:
        return kept[1]
    # Plain rows from one query, not 74 Office and 11 lazily loaded District objects.
    o, d = Office, District
    rows = [tuple(r) for r in db.session.execute(
        db.select(o.name_zh, o.name_hant, o.name_en, d.name_zh, d.name_hant, d.name_en, o.code)
        .join(d, d.code == o.district_code).order_by(o.district_code, o.code))]
    if rows:  # an empty table (a database being set up) is not worth keeping
        current_app.extensions["portal.office_rows"] = (now, rows)
    return rows


def office_choices(prompt) -> list[tuple[str, str]]:
    """("44030506", "南山区 粤海街道") for every office, district by district."""
    locale = current_locale()
    return [("", str(prompt))] + [(r[6], f"{_name(locale, *r[3:6])} {_name(locale, *r[0:3])}") for r in _office_rows()]


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
