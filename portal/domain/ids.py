"""Resident ID numbers (GB 11643-1999) and mainland mobile numbers.

Pure functions. Validation returns a reason code instead of raising, so that
forms can turn it into a message in the user's language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"^[1-9]\d{16}[\dX]$")
# Province-level prefixes of GB/T 2260 plus 81/82/83 (HK, Macau, Taiwan residence permits).
_PROVINCES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82", "83",
}
_PHONE = re.compile(r"^1[3-9]\d{9}$")


def check_character(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS))
    return _CHECK[total % 11]


def normalise_id(raw: str) -> str:
    """Strip spaces and hyphens people type, and upper-case a final x."""
    return re.sub(r"[\s\-]", "", raw or "").upper()


@dataclass(frozen=True)
class ResidentId:
    number: str
    birth_date: date
    sex: str  # "M" or "F": odd sequence digit is male

    def age_on(self, on: date) -> int:
        return age_on(self.birth_date, on)

    @property
    def masked(self) -> str:
        return mask_id(self.number)


def age_on(birth: date, on: date) -> int:
    """Completed years on a date (a birthday on 29 Feb counts on 1 Mar in common years)."""
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years


def parse_resident_id(raw: str, today: date) -> tuple[ResidentId | None, str | None]:
    """Validate an 18-character resident ID number.

    Returns (ResidentId, None) when valid, else (None, reason) where reason is one of
    "empty", "length", "format", "region", "birth_date", "future", "check".
    """
    number = normalise_id(raw)
    if not number:
        return None, "empty"
    if len(number) != 18:
        return None, "length"
    if not _ID_SHAPE.match(number):
        return None, "format"
    if number[:2] not in _PROVINCES:
        return None, "region"
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None, "birth_date"
    if birth.year < 1890:
        return None, "birth_date"
    if birth > today:
        return None, "future"
    if check_character(number[:17]) != number[17]:
        return None, "check"
    sex = "M" if int(number[16]) % 2 == 1 else "F"
    return ResidentId(number=number, birth_date=birth, sex=sex), None


def mask_id(number: str) -> str:
    """Show the first 3 and last 4 characters: 440***********1236."""
    if not number:
        return ""
    if len(number) <= 7:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def normalise_phone(raw: str) -> str:
    """Remove spaces, hyphens, brackets and a +86/86/0086 country prefix."""
    digits = re.sub(r"[\s\-()]", "", raw or "")
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix):]
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    return digits


def parse_phone(raw: str) -> tuple[str | None, str | None]:
    """Return (11-digit mobile, None) or (None, reason) with reason "empty" or "format"."""
    phone = normalise_phone(raw)
    if not phone:
        return None, "empty"
    if not _PHONE.match(phone):
        return None, "format"
    return phone, None


def mask_phone(phone: str) -> str:
    """138****5678."""
    if not phone or len(phone) < 7:
        return "*" * len(phone or "")
    return phone[:3] + "****" + phone[-4:]
