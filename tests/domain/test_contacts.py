"""The rules of dated contact entries: which one is in force, which are scheduled, phone forms."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from portal.domain import contacts as C

TODAY = date(2026, 12, 7)


@dataclass
class E:
    seq: int
    effective_from: date


def test_the_latest_date_on_or_before_the_day_is_in_force_and_later_entries_win_a_tie():
    a, b, c, d = E(1, date(2026, 1, 1)), E(2, date(2026, 12, 7)), E(3, date(2026, 12, 7)), E(4, date(2027, 1, 1))
    entries = [d, c, b, a]
    assert C.in_force(entries, date(2026, 12, 6)) is a
    assert C.in_force(entries, TODAY) is c
    assert C.in_force(entries, date(2027, 1, 1)) is d
    assert C.in_force(entries, date(2025, 1, 1)) is None
    assert C.scheduled(entries, TODAY) == [d]
    assert [C.status_of(e, entries, TODAY) for e in (a, b, c, d)] == ["superseded", "superseded", "in_force", "scheduled"]


def test_scheduled_keeps_one_entry_a_date_in_date_order():
    first, second, other = E(5, date(2027, 3, 1)), E(9, date(2027, 3, 1)), E(7, date(2027, 2, 1))
    assert C.scheduled([first, second, other], TODAY) == [other, second]


@pytest.mark.parametrize("typed, cleaned, problem", [
    ("0755-12345678", "0755-12345678", None),
    ("075512345678", "0755-12345678", None),
    ("(0755) 1234 5678", "0755-12345678", None),
    ("０７５５—１２３４５６７８", "0755-12345678", None),
    ("020-1234567", "020-1234567", None),
    ("0755-12345678-8001", "0755-12345678-8001", None),
    ("12345", "12345", None),
    ("12349", "12349", None),
    ("", "", "phone_empty"),
    ("12345678", "12345678", "phone_format"),
    ("13800138000", "13800138000", "phone_format"),
    ("0755-123", "0755-123", "phone_format"),
    ("0755-12345678 ext", "0755-12345678ext", "phone_format"),
])
def test_phone_forms(typed, cleaned, problem):
    assert C.normalise_phone(typed) == cleaned
    assert C.phone_problem(cleaned) == problem


def test_a_change_is_checked_whole():
    change, problems = C.check_change(" 深圳市\n南山区 ", "0755 12345678", "", "2026-12-06", "", TODAY)
    assert change.address == "深圳市 南山区" and change.phone == "0755-12345678"
    assert problems == [("effective_from", "date_past"), ("source", "source_empty")]
    _change, problems = C.check_change("a", "12345", "", TODAY.isoformat(), "notice", TODAY)
    assert problems == []


def test_keys_round_trip_and_levels():
    assert C.parse_key(C.office_key("44030506")) == ("office", "44030506", None)
    assert C.parse_key(C.authority_key("housing_bureau", "440305")) == ("authority", "housing_bureau", "440305")
    assert C.parse_key(C.authority_key("assistance_station", None)) == ("authority", "assistance_station", None)
    assert C.is_authority("assistance_station", None) and not C.is_authority("assistance_station", "440305")
    assert C.is_authority("civil_affairs_district", "440305") and not C.is_authority("street_office", "440305")
