"""Number fields for the pre-check: amounts in yuan and whole numbers, read the way people
type them on a phone (full-width digits, spaces, thousands separators), with messages
that say what to enter. ``field.value`` holds the parsed number after validation.
Errors stop a field's validation, so one field never shows two messages."""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation

from portal.money import parse_yuan

MAX_MONEY = Decimal("100000000")  # 1 yuan short of 100 million a month: beyond is a typo
_SEPARATORS = re.compile(r"[\s,，_'’]")


def _normalise(text: str | None) -> str:
    # NFKC turns full-width digits and signs (１２３．５) into ASCII.
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text or "")).removesuffix("元")


class MoneyField(StringField):
    """An amount in yuan with at most 2 decimals; blank means 0 when ``blank_is_zero``."""

    data: str | None

    def __init__(self, label=None, *, allow_negative: bool = False, blank_is_zero: bool = True,
                 required_message=None, **kwargs):
        super().__init__(label, **kwargs)
        self.allow_negative = allow_negative
        self.blank_is_zero = blank_is_zero
        self.required_message = required_message
        self.value: Decimal | None = None

    def pre_validate(self, form) -> None:
        text = _normalise(self.data)
        self.value = None
        if not text:
            if not self.blank_is_zero:
                raise StopValidation(self.required_message or _l("Enter an amount in yuan, or 0"))
            self.value = Decimal(0)
            return
        amount, problem = parse_yuan(text, allow_negative=self.allow_negative)
        if problem == "negative":
            raise StopValidation(_l("Enter an amount of 0 or more"))
        if problem == "precision":
            raise StopValidation(_l("Enter the amount to the fen at most, like 1500.50"))
        if amount is None:
            raise StopValidation(_l("Enter an amount in yuan using numbers only, like 1500 or 1500.50"))
        if abs(amount) >= MAX_MONEY:
            raise StopValidation(_l("Enter an amount under 100,000,000 yuan"))
        self.value = amount.quantize(Decimal("0.01"))
        self.data = format(self.value.normalize(), "f")  # as typed, without separators or ".00"


class WholeField(StringField):
    """A whole number from ``low`` to ``high``; the message names the range. Blank is
    ``None`` when not ``required``."""

    data: str | None

    def __init__(self, label=None, *, low: int = 0, high: int = 999, required: bool = True,
                 required_message=None, range_message=None, **kwargs):
        super().__init__(label, **kwargs)
        self.low, self.high, self.required = low, high, required
        self.required_message = required_message
        self.range_message = range_message
        self.value: int | None = None

    def pre_validate(self, form) -> None:
        text = _normalise(self.data)
        self.value = None
        if not text:
            if self.required:
                raise StopValidation(self.required_message or self.range_message)
            return  # not answered: value stays None
        if not text.isascii() or not text.isdigit() or len(text) > 6:
            raise StopValidation(self.range_message)
        number = int(text)
        if not self.low <= number <= self.high:
            raise StopValidation(self.range_message)
        self.value = number
        self.data = str(number)


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as the choices WTForms expects."""
    return [SelectChoice(value, label) for value, label in pairs]


class ChoiceField(SelectField):
    """A select or radio group whose tampered or missing value gets a person's message.
    An empty value is refused unless ``allow_blank`` (a choice that means "none")."""

    data: str | None

    def __init__(self, label=None, *, message=None, allow_blank: bool = False, choices=(), **kwargs):
        super().__init__(label, validate_choice=False, choices=options(choices), **kwargs)
        self.message = message
        self.allow_blank = allow_blank

    def pre_validate(self, form) -> None:
        allowed = {choice.value for choice in self.choices}
        if self.data is None and self.allow_blank:  # not posted, or saved as "not answered"
            self.data = ""
        if self.data not in allowed or (self.data == "" and not self.allow_blank):
            raise StopValidation(self.message)
