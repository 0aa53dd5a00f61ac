"""Contact details of street offices and deciding authorities, as dated entries.

Pure: no Flask, no SQLAlchemy. An entry is never edited: a change is a new entry with the date
it takes effect, so a document can say what was in force on the day it was issued.

Guarantees:
- ``in_force(entries, on)`` is the entry with the latest effective date on or before ``on``; of
  two entries for the same date, the one entered later (higher ``seq``) wins;
- ``scheduled(entries, on)`` are the entries that will come into force after ``on``, one per
  date, in date order;
- ``check_change`` returns every problem with a proposed change as (field, code) pairs, and the
  cleaned values; nothing in the past, phone numbers in one of the accepted forms.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable, Protocol, TypeVar

# Authorities whose contacts are kept per district, and the one kept for the whole city. The codes
# are those of portal/domain/jurisdiction.py; the street office's contacts are the office's own.
DISTRICT_AUTHORITIES = ("civil_affairs_district", "medical_security_bureau", "school_education_bureau",
                        "housing_bureau", "public_employment_service", "emergency_management")
# The social assistance hotline (12349 today) is kept like a city-wide authority, with no address:
# when a city merges it into another number, the change is dated like any other.
HOTLINE = "assistance_hotline"
CITY_AUTHORITIES = ("assistance_station", HOTLINE)
CITY = "shenzhen"  # the "district" of a city-wide authority in keys and addresses
HOTLINE_KEY = f"authority:{HOTLINE}:{CITY}"

MAX_ADDRESS, MAX_HOURS, MAX_SOURCE = 200, 120, 200
MAX_AHEAD_DAYS = 2 * 366  # a change is scheduled at most about two years ahead

# 0755-12345678, 010-1234567, with an optional extension (0755-12345678-801); or a five- or
# six-digit service number such as 12349 or 12345.
_LANDLINE = re.compile(r"^0\d{2,3}-\d{7,8}(?:-\d{1,6})?$")
_SERVICE = re.compile(r"^1\d{4,5}$")
_SHENZHEN_DIGITS = re.compile(r"^0755(\d{8})$")
_DASHES = dict.fromkeys(map(ord, "—–－‐‑−"), "-")


class Entry(Protocol):
    seq: int
    effective_from: date


E = TypeVar("E", bound=Entry)


def office_key(office_code: str) -> str:
    return f"office:{office_code}"


def authority_key(authority: str, district_code: str | None) -> str:
    return f"authority:{authority}:{district_code or CITY}"


def parse_key(key: str) -> tuple[str, str, str | None]:
    """("office", code, None) or ("authority", authority, district code or None for the city)."""
    kind, _, rest = key.partition(":")
    if kind == "office":
        return kind, rest, None
    authority, _, district = rest.partition(":")
    return kind, authority, None if district == CITY else district


def is_authority(authority: str, district: str | None) -> bool:
    """Whether contacts are kept for this authority at this level (a district, or the city)."""
    if district in (None, CITY):
        return authority in CITY_AUTHORITIES
    return authority in DISTRICT_AUTHORITIES


def _order(entry: Entry) -> tuple[date, int]:
    return entry.effective_from, entry.seq


def in_force(entries: Iterable[E], on: date) -> E | None:
    current = [e for e in entries if e.effective_from <= on]
    return max(current, key=_order) if current else None


def scheduled(entries: Iterable[E], on: date) -> list[E]:
    latest: dict[date, E] = {}
    for entry in entries:
        if entry.effective_from > on and (entry.effective_from not in latest
                                          or entry.seq > latest[entry.effective_from].seq):
            latest[entry.effective_from] = entry
    return [latest[day] for day in sorted(latest)]


def status_of(entry: Entry, entries: Iterable[Entry], on: date) -> str:
    """"in_force", "scheduled" or "superseded" (replaced by a later one, or never in force)."""
    entries = list(entries)
    if entry is in_force(entries, on):
        return "in_force"
    if any(entry is e for e in scheduled(entries, on)):
        return "scheduled"
    return "superseded"


def normalise_phone(text: str | None) -> str:
    """Full-width digits and dashes made plain, spaces dropped; a Shenzhen number typed without its
    dash (075512345678) gets one."""
    text = unicodedata.normalize("NFKC", text or "").translate(_DASHES)
    text = re.sub(r"[\s()（）]", "", text)
    match = _SHENZHEN_DIGITS.match(text)
    return f"0755-{match.group(1)}" if match else text


def phone_problem(phone: str) -> str | None:
    if not phone:
        return "phone_empty"
    if _LANDLINE.match(phone) or _SERVICE.match(phone):
        return None
    return "phone_format"


@dataclass(frozen=True)
class Change:
    address: str
    phone: str
    hours: str
    effective_from: date | None
    source: str


def _text(value: str | None) -> str:
    # Line breaks and control characters have no place in one printed line.
    return " ".join("".join(c if unicodedata.category(c)[0] != "C" else " " for c in (value or "")).split())


def parse_day(text: str | None) -> date | None:
    try:
        return date.fromisoformat((text or "").strip()) if len((text or "").strip()) == 10 else None
    except ValueError:
        return None


def needs_address(key: str) -> bool:
    return key != HOTLINE_KEY


def check_change(address: str | None, phone: str | None, hours: str | None, effective_from: str | None,
                 source: str | None, today: date, address_needed: bool = True) -> tuple[Change, list[tuple[str, str]]]:
    """The cleaned change and its problems, as (field, code) pairs in the form's order."""
    change = Change(_text(address), normalise_phone(phone), _text(hours), parse_day(effective_from), _text(source))
    problems: list[tuple[str, str]] = []
    if not change.address and address_needed:
        problems.append(("address", "address_empty"))
    elif len(change.address) > MAX_ADDRESS:
        problems.append(("address", "address_long"))
    problem = phone_problem(change.phone)
    if problem:
        problems.append(("phone", problem))
    if len(change.hours) > MAX_HOURS:
        problems.append(("hours", "hours_long"))
    if not (effective_from or "").strip():
        problems.append(("effective_from", "date_empty"))
    elif change.effective_from is None:
        problems.append(("effective_from", "date_format"))
    elif change.effective_from < today:
        problems.append(("effective_from", "date_past"))
    elif change.effective_from > today + timedelta(days=MAX_AHEAD_DAYS):
        problems.append(("effective_from", "date_far"))
    if not change.source:
        problems.append(("source", "source_empty"))
    elif len(change.source) > MAX_SOURCE:
        problems.append(("source", "source_long"))
    return change, problems
