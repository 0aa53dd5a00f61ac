"""Working-day calendar: holidays, make-up working days (调休), the counting convention, coverage."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from portal.domain import calendar as cal_module
from portal.domain.calendar import (
    DATA_FILE,
    CalendarNotCovered,
    add_calendar_days,
    add_working_days,
    calendar_from_dict,
    is_working_day,
    load_calendar,
    shanghai_date,
    working_days_between,
)


def test_data_file_declares_its_years_and_the_notice_of_each():
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    assert raw["covers"] == [2024, 2025, 2026]
    cal = load_calendar()
    assert cal.covered_years == (2024, 2025, 2026)
    for year in cal.covered_years:
        assert cal.source_for(year) == f"国务院办公厅关于{year}年部分节假日安排的通知"


@pytest.mark.parametrize("day, working, why", [
    (date(2025, 9, 27), False, "ordinary Saturday"),
    (date(2025, 9, 28), True, "Sunday made a working day for National Day 2025"),
    (date(2025, 10, 1), False, "National Day"),
    (date(2025, 10, 6), False, "Mid-Autumn inside the National Day break"),
    (date(2025, 10, 8), False, "last day of the 2025 National Day break (a Wednesday)"),
    (date(2025, 10, 9), True, "first working day after the break"),
    (date(2025, 10, 11), True, "Saturday made a working day for National Day 2025"),
    (date(2025, 10, 12), False, "ordinary Sunday"),
    (date(2026, 2, 14), True, "Saturday made a working day before Spring Festival 2026"),
    (date(2026, 2, 16), False, "Spring Festival 2026 (Monday)"),
    (date(2026, 2, 23), False, "last day of Spring Festival 2026 (Monday)"),
    (date(2026, 2, 24), True, "back to work"),
    (date(2026, 2, 28), True, "Saturday made a working day after Spring Festival 2026"),
    (date(2026, 1, 4), True, "Sunday made a working day after New Year 2026"),
    (date(2024, 5, 3), False, "Labour Day 2024 (Friday)"),
    (date(2025, 3, 17), True, "ordinary Monday"),
])
def test_is_working_day(day, working, why):
    assert is_working_day(day) is working, why


def test_holiday_names_come_from_the_data():
    cal = load_calendar()
    assert cal.holiday_name(date(2025, 10, 1)) == "国庆节"
    assert cal.holiday_name(date(2026, 2, 17)) == "春节"
    assert cal.holiday_name(date(2025, 10, 9)) is None


@pytest.mark.parametrize("start, n, expected", [
    # National Day 2025: holidays 1-8 Oct, make-up working days Sun 28 Sep and Sat 11 Oct.
    (date(2025, 9, 26), 1, date(2025, 9, 28)),   # Friday -> the make-up Sunday, not Monday
    (date(2025, 9, 28), 1, date(2025, 9, 29)),
    (date(2025, 9, 30), 1, date(2025, 10, 9)),   # the whole break is skipped
    (date(2025, 9, 30), 3, date(2025, 10, 11)),  # the make-up Saturday counts
    (date(2025, 9, 30), 4, date(2025, 10, 13)),
    (date(2025, 9, 26), 3, date(2025, 9, 30)),
    (date(2025, 9, 26), 10, date(2025, 10, 16)),
    # An act on a holiday counts from the next working day; day D itself is never counted.
    (date(2025, 10, 3), 1, date(2025, 10, 9)),
    (date(2025, 10, 9), 0, date(2025, 10, 9)),
    # Spring Festival 2026: holidays 15-23 Feb, make-up Saturdays 14 and 28 Feb.
    (date(2026, 2, 13), 1, date(2026, 2, 14)),
    (date(2026, 2, 13), 2, date(2026, 2, 24)),
    (date(2026, 2, 13), 10, date(2026, 3, 5)),
    # Plain weekends: Friday + 1 is Monday; Saturday + 1 is Monday.
    (date(2025, 3, 14), 1, date(2025, 3, 17)),
    (date(2025, 3, 15), 1, date(2025, 3, 17)),
    (date(2025, 3, 17), 5, date(2025, 3, 24)),
    # Backwards.
    (date(2025, 10, 9), -1, date(2025, 9, 30)),
    (date(2026, 2, 24), -2, date(2026, 2, 13)),
])
def test_add_working_days(start, n, expected):
    assert add_working_days(start, n) == expected


def test_dibao_30_working_days_across_national_day_2025():
    # Hand count from acceptance on Fri 26 Sep 2025: 28 Sep (1), 29-30 Sep (3), 9-11 Oct (6), ... 13 Nov (30).
    assert add_working_days(date(2025, 9, 26), 30) == date(2025, 11, 13)
    # A weekend-only count would give 7 Nov: the holiday week really moves the deadline.
    naive = date(2025, 9, 26)
    for _ in range(30):
        naive += timedelta(days=1)
        while naive.weekday() >= 5:
            naive += timedelta(days=1)
    assert naive == date(2025, 11, 7)


def test_working_days_between_is_the_inverse_of_add_working_days():
    day = date(2024, 1, 1)
    while day <= date(2026, 10, 31):
        for n in (1, 3, 10, 15, 30):
            end = add_working_days(day, n)
            assert is_working_day(end)
            assert working_days_between(day, end) == n
            assert working_days_between(end, day) == -n
        day += timedelta(days=1)


def test_working_days_between_counts_the_end_but_not_the_start():
    assert working_days_between(date(2025, 9, 30), date(2025, 10, 8)) == 0
    assert working_days_between(date(2025, 9, 30), date(2025, 10, 13)) == 4
    assert working_days_between(date(2025, 10, 9), date(2025, 10, 9)) == 0


def test_calendar_days_ignore_holidays_and_coverage():
    assert add_calendar_days(date(2025, 9, 30), 7) == date(2025, 10, 7)
    assert add_calendar_days(date(2026, 12, 28), 7) == date(2027, 1, 4)


def test_a_year_before_the_first_notice_raises_a_clear_error():
    with pytest.raises(CalendarNotCovered) as info:
        is_working_day(date(2023, 12, 29))
    assert info.value.year == 2023
    assert "2023" in str(info.value) and "flask calendar load" in str(info.value)
    with pytest.raises(CalendarNotCovered):
        load_calendar().holiday_name(date(2023, 10, 2))
    with pytest.raises(CalendarNotCovered) as info:
        add_working_days(date(2024, 1, 3), -5)
    assert info.value.day.year == 2023


def test_a_year_after_the_last_notice_is_provisional_not_an_error():
    # 2027 has no notice yet: its working days come from the law (test_provisional_calendar).
    cal = load_calendar()
    assert not cal.covers(date(2027, 1, 4)) and cal.is_provisional(date(2027, 1, 4))
    assert not cal.is_provisional(date(2026, 12, 31))
    assert add_working_days(date(2026, 12, 1), 20) == date(2026, 12, 29)
    assert add_working_days(date(2026, 12, 1), 30) == date(2027, 1, 13)  # 1 January is 元旦
    assert working_days_between(date(2026, 12, 1), date(2027, 1, 13)) == 30


def test_allow_uncovered_applies_the_weekend_rule_only_before_the_first_notice():
    # 2023 data is absent: 29 Dec 2023 (a Friday) counts as a working day in the estimate.
    assert is_working_day(date(2023, 12, 29), allow_uncovered=True) is True
    assert is_working_day(date(2023, 12, 30), allow_uncovered=True) is False
    assert add_working_days(date(2024, 1, 2), -1, allow_uncovered=True) == date(2023, 12, 29)  # 1 Jan is 元旦
    # Covered days keep their holidays even in an estimate.
    assert is_working_day(date(2025, 10, 1), allow_uncovered=True) is False


def test_datetimes_are_refused_and_converted_explicitly():
    with pytest.raises(TypeError):
        is_working_day(datetime(2025, 10, 9, 10, 0))
    with pytest.raises(TypeError):
        add_working_days(date(2025, 10, 9), 1.0)
    late_utc = datetime(2025, 9, 30, 17, 0, tzinfo=timezone.utc)
    assert shanghai_date(late_utc) == date(2025, 10, 1)
    with pytest.raises(ValueError):
        shanghai_date(datetime(2025, 9, 30, 17, 0))


def _year(holidays: dict, makeup: dict, source: str = "notice") -> dict:
    return {"source": source, "holidays": holidays, "makeup_workdays": makeup}


def test_calendar_data_is_validated():
    ok = {"covers": [2030], "years": {"2030": _year({"2030-10-01": "国庆节"}, {"2030-09-29": "国庆节"})}}
    cal = calendar_from_dict(ok)
    assert cal.is_working_day(date(2030, 9, 29)) and not cal.is_working_day(date(2030, 10, 1))
    with pytest.raises(ValueError, match="covers"):
        calendar_from_dict({"covers": [2030, 2031], "years": ok["years"]})
    with pytest.raises(ValueError, match="both"):
        calendar_from_dict({"covers": [2030], "years": {"2030": _year({"2030-10-01": "x"}, {"2030-10-01": "x"})}})
    with pytest.raises(ValueError, match="listed under year"):
        calendar_from_dict({"covers": [2030], "years": {"2030": _year({"2031-01-01": "x"}, {})}})
    with pytest.raises(ValueError, match="source"):
        calendar_from_dict({"covers": [2030], "years": {"2030": _year({}, {}, source=" ")}})


def test_data_matches_the_chinesecalendar_package_day_by_day():
    chinese_calendar = pytest.importorskip("chinese_calendar")
    day = date(2024, 1, 1)
    while day <= date(2026, 12, 31):
        assert is_working_day(day) is chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


def test_module_shortcuts_use_the_shipped_calendar():
    assert cal_module.load_calendar() is cal_module.load_calendar()
