"""The one clock, the one input cleaner and the one money parser that every form and page uses."""
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from portal import clock
from portal.cleaner import clean_text, has_invalid, shown, without_invalid
from portal.money import parse_yuan


def test_today_is_the_date_in_shanghai_not_on_the_server(monkeypatch):
    monkeypatch.setattr(clock, "utcnow", lambda: datetime(2026, 3, 1, 16, 30, tzinfo=timezone.utc))
    assert clock.today() == date(2026, 3, 2)  # 00:30 the next morning in Shenzhen
    monkeypatch.setattr(clock, "utcnow", lambda: datetime(2026, 3, 1, 15, 59, tzinfo=timezone.utc))
    assert clock.today() == date(2026, 3, 1)
    assert clock.now().tzinfo is not None


@pytest.mark.parametrize("typed", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f", "\ud800", "\ufdd0", "\uffff"])
def test_controls_and_non_text_are_invalid_everywhere(typed):
    text = f"王{typed}小明"
    assert has_invalid(text)
    assert without_invalid(text) == "王小明"
    assert shown(text) == "王\ufffd小明"
    assert clean_text(text) == "王小明"


def test_what_a_person_types_stays():
    typed = "张三 O'Brien\tMüller 😀👨‍👩‍👧\u200b\n第二行"
    assert not has_invalid(typed)
    assert without_invalid(typed) == typed
    assert without_invalid(typed, lines=False) == "张三 O'BrienMüller 😀👨‍👩‍👧\u200b第二行"
    assert clean_text(" a \r\n b ") == "a b"
    assert clean_text(" a \r\n b ", multiline=True) == "a \n b"
    assert without_invalid(None) is None


@pytest.mark.parametrize("typed, amount", [
    ("1,234.50", "1234.50"), ("１２３４．５", "1234.5"), ("¥ 800", "800"), ("￥800", "800"), ("3 000元", "3000"),
    ("800 yuan", "800"), ("RMB 800", "800"), ("1'234", "1234"), ("1，234", "1234"), ("0", "0"),
])
def test_money_is_read_the_way_people_type_it(typed, amount):
    assert parse_yuan(typed) == (Decimal(amount), None)


@pytest.mark.parametrize("typed, problem", [
    ("", "empty"), ("  元 ", "empty"), (None, "empty"), ("about 300", "format"), ("1e9", "format"), ("NaN", "format"),
    ("Infinity", "format"), ("1.2.3", "format"), ("-5", "negative"), ("12.345", "precision"),
])
def test_money_problems(typed, problem):
    assert parse_yuan(typed) == (None, problem)


def test_a_loss_may_be_negative_where_the_form_allows_it():
    assert parse_yuan("-1,500.5", allow_negative=True) == (Decimal("-1500.5"), None)
