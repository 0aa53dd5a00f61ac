"""Template filters: masking, local times and place names in the chosen language."""
from __future__ import annotations

from datetime import date, datetime

from flask import Flask
from flask_babel import format_date, format_datetime

from portal.domain.ids import mask_id, mask_phone
from portal.i18n import current_locale


_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))
_CONTROL.update({127: None})


def printable(value) -> str:
    """Text as typed, with control characters (invalid in HTML) shown as U+FFFD."""
    text = "" if value is None else str(value)
    return text.translate({c: "\ufffd" for c in _CONTROL})


def single_line(value) -> str:
    """A value for a one-line input: line breaks removed, as the browser's own value
    sanitisation would do on such an input (HTML forbids them in its value attribute)."""
    return str(value).replace("\r", "").replace("\n", "")


def iso_date(value) -> bool:
    """True for a real yyyy-mm-dd date (what a date input may hold as its value)."""
    try:
        return len(str(value)) == 10 and bool(date.fromisoformat(str(value)))
    except ValueError:
        return False


def place_name(place) -> str:
    """A district or office name in the current language (the Chinese name is the official one)."""
    if place is None:
        return ""
    code = current_locale()
    if code == "en" and getattr(place, "name_en", ""):
        return place.name_en
    if code == "zh_Hant" and getattr(place, "name_hant", ""):
        return place.name_hant
    return place.name_zh


def datetime_local(value: datetime | None) -> str:
    return format_datetime(value, "medium") if value else ""


def date_local(value: date | None) -> str:
    return format_date(value, "long") if value else ""


def datetime_attr(value: datetime | None) -> str:
    """A moment for <time datetime>: whole seconds (HTML allows at most three decimals)."""
    return value.isoformat(timespec="seconds") if value else ""


def provisional(value: date | None) -> bool:
    """True for a date worked out on a year whose State Council holiday notice is not loaded yet."""
    from portal.rules import work_calendar  # late: filters are registered before the models load

    return isinstance(value, date) and not isinstance(value, datetime) and work_calendar().is_provisional(value)


def init_app(app: Flask) -> None:
    app.add_template_filter(printable, "printable")
    app.add_template_filter(single_line, "single_line")
    app.add_template_test(iso_date, "iso_date")
    app.add_template_filter(mask_phone, "mask_phone")
    app.add_template_filter(mask_id, "mask_id")
    app.add_template_filter(place_name, "place_name")
    app.add_template_filter(datetime_local, "datetime_local")
    app.add_template_filter(date_local, "date_local")
    app.add_template_test(provisional, "provisional")
    app.add_template_filter(datetime_attr, "datetime_attr")
