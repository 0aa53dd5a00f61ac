"""Template filters: masking, local times and place names in the chosen language."""
from __future__ import annotations

from datetime import date, datetime

from flask import Flask
from flask_babel import format_date, format_datetime
from markupsafe import Markup, escape

from portal.cleaner import shown
from portal.domain.ids import mask_id, mask_phone
from portal.i18n import HTML_LANG, current_locale


def printable(value) -> str:
    """Text as typed, with control characters (invalid in HTML) shown as U+FFFD."""
    return shown(value)


# Free text as people type it. The portal records the language of what it writes itself (a
# message's ``locale``) but not of what staff or residents type (a caseworker's reason, a note,
# a name, a description). Such text is told apart by its script: text with Han characters is
# taken as Simplified Chinese, since Shenzhen's staff and most residents write Simplified (or,
# given a resident's journey language, Traditional when they applied in Traditional); text with
# Latin letters and no Han characters is taken as English; digits and punctuation say nothing.
TYPED = "typed"
_CHINESE = ("zh_Hans", "zh_Hant")


def _has_han(text: str) -> bool:
    return any("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or "\U00020000" <= c <= "\U0003134f"
               for c in text)


def typed_language(text: str, written_in: str | None = None) -> str | None:
    """The locale of text someone typed (see above), or None when it has no words at all."""
    if _has_han(text):
        return written_in if written_in in _CHINESE else "zh_Hans"
    if any(c.isascii() and c.isalpha() for c in text):
        return "en"
    return None


def stored_text(value, lang: str | None = TYPED, written_in: str | None = None) -> Markup:
    """Stored text for a page, marked with its language when that is not the page's.

    ``lang`` is the text's locale where it is recorded (``m.body|stored_text(m.locale)``),
    ``None`` for text already in the page's language (a translated label), and by default
    ``TYPED``: free text whose language is worked out from its script, ``written_in`` being the
    locale of the pages the writer used (a resident's application), when known.
    """
    text = printable(value)
    locale = typed_language(text, written_in) if lang == TYPED else lang
    tag = HTML_LANG.get(locale or "", locale)
    if not text or not tag or tag == HTML_LANG.get(current_locale()):
        return escape(text)
    return Markup('<span lang="{}">{}</span>').format(tag, text)


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


def place_name_lang(place) -> str | None:
    """The locale of ``place_name(place)``: None when it is in the page's language, "zh_Hans"
    when the place has no name in that language and the official Chinese name stands in."""
    code = current_locale()
    if place is None or code == "zh_Hans":
        return None
    own = getattr(place, "name_en" if code == "en" else "name_hant", "")
    return None if own else "zh_Hans"


def place_name_html(place) -> Markup:
    """``place_name`` for a page: the Simplified name standing in for a missing translation is marked."""
    return stored_text(place_name(place), place_name_lang(place))


def place_name(place) -> str:
    """A district or office name in the current language (the Chinese name is the official one)."""
    if place is None:
        return ""
    code = current_locale()
    if code == "en" and getattr(place, "name_en", None):
        return place.name_en
    if code == "zh_Hant" and getattr(place, "name_hant", None):
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
    from portal.calendar_notices import (
        work_calendar,  # late: filters are registered before the models load
    )

    return isinstance(value, date) and not isinstance(value, datetime) and work_calendar().is_provisional(value)


def init_app(app: Flask) -> None:
    app.add_template_filter(printable, "printable")
    app.add_template_filter(single_line, "single_line")
    app.add_template_test(iso_date, "iso_date")
    app.add_template_filter(mask_phone, "mask_phone")
    app.add_template_filter(mask_id, "mask_id")
    app.add_template_filter(place_name_html, "place_name")
    app.add_template_filter(stored_text, "stored_text")
    app.add_template_filter(datetime_local, "datetime_local")
    app.add_template_filter(date_local, "date_local")
    app.add_template_test(provisional, "provisional")
    app.add_template_filter(datetime_attr, "datetime_attr")
