"""Form fields of the journey: money, dates, ID numbers, choices and free text.

Every field keeps what the person typed (``data`` stays the raw text) so a page with an error
shows it again; the parsed value is put on the field (``amount``, ``date_value``, ``parsed``)
only when it is valid. Messages are written for a person, in the chosen language.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation, ValidationError

from portal.cleaner import clean_text, without_invalid
from portal.clock import today
from portal.domain.ids import parse_phone, parse_resident_id
from portal.money import parse_yuan


def _ascii(value: str) -> str:
    """Full-width digits and punctuation (１２３，．) as ASCII."""
    return unicodedata.normalize("NFKC", value or "")


class _Typed:
    """Keeps the typed text for showing it again, without characters no page can show."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.data = without_invalid(self.data)


class Text(_Typed, StringField):
    """One line of text, required unless ``optional``, at most ``max_length`` characters."""

    def __init__(self, label=None, *, required_message=None, max_length: int = 100, optional: bool = False,
                 **kwargs):
        super().__init__(label, **kwargs)
        self.required_message = required_message
        self.max_length = max_length
        self.optional = optional

    def pre_validate(self, form):
        value = clean_text(self.data)
        if not value and not self.optional:
            raise StopValidation(self.required_message or _("Answer this question"))
        if len(value) > self.max_length:
            raise StopValidation(_("Use at most %(count)d characters", count=self.max_length))

    @property
    def cleaned(self) -> str:
        return clean_text(self.data)


class LongText(_Typed, TextAreaField):
    def __init__(self, label=None, *, required_message=None, max_length: int = 1000, optional: bool = False,
                 **kwargs):
        super().__init__(label, **kwargs)
        self.required_message = required_message
        self.max_length = max_length
        self.optional = optional

    def pre_validate(self, form):
        value = clean_text(self.data, multiline=True)
        if not value and not self.optional:
            raise StopValidation(self.required_message or _("Answer this question"))
        if len(value) > self.max_length:
            raise StopValidation(_("Use at most %(count)d characters", count=self.max_length))

    @property
    def cleaned(self) -> str:
        return clean_text(self.data, multiline=True)


def parse_money(raw: str | None) -> tuple[Decimal | None, str | None]:
    """(amount, None) or (None, problem): empty, format, negative, precision."""
    return parse_yuan(raw)


class Money(_Typed, StringField):
    """Yuan with up to 2 decimals: "1,234.50", "1234.5" and full-width digits are accepted."""

    def __init__(self, label=None, *, maximum: int = 100_000_000, optional: bool = False, **kwargs):
        kwargs.setdefault("render_kw", {})
        kwargs["render_kw"] = {"inputmode": "decimal", "width": "money", "autocomplete": "off", **kwargs["render_kw"]}
        super().__init__(label, **kwargs)
        self.maximum = maximum
        self.optional = optional
        self.amount: Decimal | None = None

    @property
    def limit_text(self) -> str:
        return format(self.maximum, ",")

    def messages(self) -> dict[str, str]:
        return {
            "empty": _("Enter the amount in yuan, or 0 if there is none"),
            "format": _("Enter the amount in yuan using numbers only, like 1234.50"),
            "negative": _("The amount cannot be negative"),
            "precision": _("Enter at most 2 decimal places (fen), like 1234.50"),
            "too_large": _("Check the amount: it must be less than %(maximum)s yuan", maximum=self.limit_text),
        }

    def pre_validate(self, form):
        amount, problem = parse_money(self.data)
        if problem == "empty" and self.optional:
            self.amount = Decimal("0")
            return
        if problem is None and amount >= self.maximum:
            problem = "too_large"
        if problem:
            raise StopValidation(self.messages()[problem])
        self.amount = amount

    @property
    def text(self) -> str:
        return format(self.amount, "f") if self.amount is not None else ""


class Area(Money):
    """Square metres, with up to 2 decimals."""

    def messages(self) -> dict[str, str]:
        return {
            "empty": _("Enter the floor area in square metres"),
            "format": _("Enter the floor area in square metres using numbers only, like 45.5"),
            "negative": _("The floor area cannot be negative"),
            "precision": _("Enter at most 2 decimal places, like 45.5"),
            "too_large": _("Check the floor area: it must be less than %(maximum)s square metres",
                           maximum=self.limit_text),
        }


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def parse_day(raw: str | None) -> tuple[date | None, str | None]:
    text = _ascii(raw or "").strip()
    if not text:
        return None, "empty"
    match = _DATE.match(text)
    if not match:
        return None, "format"
    try:
        value = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None, "format"
    if value.year < 1900:
        return None, "format"
    return value, None


class Day(_Typed, StringField):
    """A date: an ``<input type="date">`` sends 2024-03-01; typed 2024/3/1 or 2024年3月1日 also work."""

    def __init__(self, label=None, *, not_future: bool = True, optional: bool = False, **kwargs):
        kwargs["render_kw"] = {"type": "date", "width": "date", **kwargs.get("render_kw", {})}
        super().__init__(label, **kwargs)
        self.not_future = not_future
        self.optional = optional
        self.date_value: date | None = None

    def pre_validate(self, form):
        value, problem = parse_day(self.data)
        if problem == "empty":
            if self.optional:
                return
            raise StopValidation(_("Enter the date, like 2024-03-01"))
        if problem:
            raise StopValidation(_("Enter a real date, like 2024-03-01"))
        if self.not_future and value > today():
            raise StopValidation(_("The date cannot be in the future"))
        self.date_value = value


ID_MESSAGES = {
    "empty": _l("Enter the 18-character ID number on the card"),
    "length": _l("The ID number has 18 characters: check you have entered all of them"),
    "format": _l("An ID number is 17 digits followed by a digit or the letter X"),
    "region": _l("The first 2 digits are not a province code: check the number on the card"),
    "birth_date": _l("Digits 7 to 14 are not a real birth date: check the number on the card"),
    "future": _l("The birth date in this ID number is in the future: check the number on the card"),
    "check": _l("This ID number is not valid: a character may be mistyped. Check the number on the card"),
}


class IdNumber(_Typed, StringField):
    """A resident ID number checked for region, birth date and check character."""

    def __init__(self, label=None, **kwargs):
        kwargs["render_kw"] = {"autocomplete": "off", "spellcheck": "false", "width": "id", **kwargs.get("render_kw", {})}
        super().__init__(label, **kwargs)
        self.parsed = None

    def pre_validate(self, form):
        parsed, problem = parse_resident_id(_ascii(self.data or ""), today())
        if problem:
            raise StopValidation(ID_MESSAGES[problem])
        self.parsed = parsed


class Phone(_Typed, StringField):
    def __init__(self, label=None, **kwargs):
        kwargs["render_kw"] = {"type": "tel", "autocomplete": "tel", "inputmode": "numeric",
                               "width": "phone", **kwargs.get("render_kw", {})}
        super().__init__(label, **kwargs)
        self.number = None

    def pre_validate(self, form):
        number, problem = parse_phone(_ascii(self.data or ""))
        if problem == "empty":
            raise StopValidation(_("Enter your mobile number"))
        if problem:
            raise StopValidation(_("Enter an 11-digit mainland mobile number, like 138 0013 8000"))
        self.number = number


def _options(choices) -> list[SelectChoice]:
    return [c if isinstance(c, SelectChoice) else SelectChoice(str(c[0]), c[1]) for c in choices or []]


def _values(field) -> set[str]:
    return {c.value for c in field.choices if c.value != ""}


class Radio(RadioField):
    """Radios; nothing chosen or a value not offered gets a message, never a crash."""

    def __init__(self, label=None, *, required_message=None, choices=None, optional: bool = False, **kwargs):
        super().__init__(label, choices=_options(choices), **kwargs)
        self.required_message = required_message
        self.optional = optional

    def pre_validate(self, form):
        if self.data in (None, "", "None"):
            if self.optional:  # the page's own check says when an answer is needed
                self.data = ""
                return
            raise StopValidation(self.required_message or _("Choose one of the options"))
        if str(self.data) not in _values(self):
            raise StopValidation(_("Choose one of the options shown"))


class Choice(SelectField):
    """A drop-down list; the first option is an empty "choose" prompt."""

    def __init__(self, label=None, *, required_message=None, optional: bool = False, choices=None, **kwargs):
        super().__init__(label, choices=_options(choices), **kwargs)
        self.required_message = required_message
        self.optional = optional

    def pre_validate(self, form):
        values = _values(self)
        if self.data in (None, "", "None"):
            if self.optional:
                self.data = ""
                return
            raise StopValidation(self.required_message or _("Choose one of the options"))
        if str(self.data) not in values:
            raise StopValidation(_("Choose one of the options shown"))


class Checkboxes(SelectMultipleField):
    """Checkboxes. ``none`` is the "none of these" option, which cannot be combined."""

    def __init__(self, label=None, *, required_message=None, none_value: str | None = "none",
                 exclusive_message=None, choices=None, **kwargs):
        super().__init__(label, choices=_options(choices), **kwargs)
        self.required_message = required_message
        self.none_value = none_value
        self.exclusive_message = exclusive_message

    def process_formdata(self, valuelist):
        self.data = [str(v) for v in valuelist]

    def pre_validate(self, form):
        values = _values(self)
        chosen = list(dict.fromkeys(self.data or []))
        if not chosen:
            raise StopValidation(self.required_message or _("Choose at least one option"))
        if any(v not in values for v in chosen):
            raise StopValidation(_("Choose from the options shown"))
        if self.none_value and self.none_value in chosen and len(chosen) > 1:
            raise StopValidation(self.exclusive_message
                                 or _("Choose \u201cNone of these\u201d on its own, or the options that apply"))
        self.data = chosen

    @property
    def selected(self) -> list[str]:
        return [v for v in (self.data or []) if v != self.none_value]


class Consent(BooleanField):
    """A declaration the person must tick."""

    def __init__(self, label=None, *, required_message=None, **kwargs):
        super().__init__(label, **kwargs)
        self.required_message = required_message

    def pre_validate(self, form):
        if not self.data:
            raise StopValidation(self.required_message or _("Tick the box to confirm"))


def yes_no(label, required_message=None, description=None, optional: bool = False) -> Radio:
    return Radio(label, choices=[("yes", _l("Yes")), ("no", _l("No"))], required_message=required_message,
                 description=description, render_kw={"inline": True}, optional=optional)


def as_yes_no(value) -> str | None:
    return None if value is None else ("yes" if value else "no")


class NotAllowed(ValidationError):
    """A rule across fields (an ID number used twice, a second spouse)."""
