"""The provisional calendar: working days after the last State Council notice.

Beyond the last loaded notice the statutory holidays of the 2024 text apply (元旦 1 day, 春节 4,
清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3), lunar dates from lunar_python, no make-up working
days. These tests pin the dates of 2027 and 2028, check the rule against the two notices that
exist under the 2024 text (2025, 2026), and check that loading a notice replaces it.
"""
from __future__ import annotations

from datetime import date

import chinese_calendar
import pytest

from portal.domain.calendar import (
    WorkCalendar,
    calendar_from_dict,
    load_calendar,
    year_from_dict,
)
from portal.domain.statutory_holidays import FIRST_YEAR, statutory_holidays

CAL = load_calendar()


def days(year: int, name: str) -> list[date]:
    return [day for day, names in statutory_holidays(year).items() if name in names.split("、")]


def test_2027_statutory_holidays():
    assert days(2027, "元旦") == [date(2027, 1, 1)]
    # 除夕 is 5 February 2027 (lunar 腊月廿九, the year's last day); 正月初一 is 6 February.
    assert days(2027, "春节") == [date(2027, 2, 5), date(2027, 2, 6), date(2027, 2, 7), date(2027, 2, 8)]
    assert days(2027, "清明节") == [date(2027, 4, 5)]
    assert days(2027, "劳动节") == [date(2027, 5, 1), date(2027, 5, 2)]
    assert days(2027, "端午节") == [date(2027, 6, 9)]
    assert days(2027, "中秋节") == [date(2027, 9, 15)]
    assert days(2027, "国庆节") == [date(2027, 10, 1), date(2027, 10, 2), date(2027, 10, 3)]
    assert len(statutory_holidays(2027)) == 13


def test_2028_statutory_holidays_including_mid_autumn_on_national_day():
    assert days(2028, "春节") == [date(2028, 1, 25), date(2028, 1, 26), date(2028, 1, 27), date(2028, 1, 28)]
    assert days(2028, "清明节") == [date(2028, 4, 4)]
    assert days(2028, "端午节") == [date(2028, 5, 28)]
    # 中秋 2028 is 3 October: one day, two holidays, 12 days in all.
    assert statutory_holidays(2028)[date(2028, 10, 3)] == "中秋节、国庆节"
    assert len(statutory_holidays(2028)) == 12


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_rule_agrees_with_the_notices_issued_under_it(year):
    # Every statutory day is a holiday in the State Council's notice (which adds weekends and 调休).
    official = CAL.years[year].holidays
    assert set(statutory_holidays(year)) <= set(official)
    # and in the independent chinesecalendar package, with the same holiday.
    names = {"元旦": "New Year's Day", "春节": "Spring Festival", "清明节": "Tomb-sweeping Day",
             "劳动节": "Labour Day", "端午节": "Dragon Boat Festival", "中秋节": "Mid-autumn Festival",
             "国庆节": "National Day"}
    for day, name in statutory_holidays(year).items():
        on_holiday, what = chinese_calendar.get_holiday_detail(day)
        assert on_holiday and what in {names[n] for n in name.split("、")}, day


def test_the_rule_starts_with_the_2024_amendment():
    with pytest.raises(ValueError):
        statutory_holidays(FIRST_YEAR - 1)


def test_working_days_of_a_provisional_year():
    assert CAL.is_provisional(date(2027, 2, 8)) and CAL.is_provisional(date(2028, 10, 2))
    assert not CAL.is_working_day(date(2027, 2, 8))      # 初三, a Monday
    assert CAL.is_working_day(date(2027, 2, 9))          # the Tuesday after
    assert not CAL.is_working_day(date(2027, 2, 13))     # a Saturday: no make-up working day is guessed
    assert CAL.holiday_name(date(2027, 10, 1)) == "国庆节"
    assert CAL.source_for(2027).startswith("《全国年节及纪念日放假办法》")
    assert CAL.years.get(2027) is None  # covered_years lists notices only
    assert CAL.covered_years == (2024, 2025, 2026)


def test_deadlines_across_spring_festival_and_national_day():
    # 30 working days from Monday 18 January 2027: 19 Jan .. 4 Feb are 13, then 5-8 Feb off.
    assert CAL.add_working_days(date(2027, 1, 18), 13) == date(2027, 2, 4)
    assert CAL.add_working_days(date(2027, 1, 18), 14) == date(2027, 2, 9)
    assert CAL.add_working_days(date(2027, 1, 18), 30) == date(2027, 3, 3)
    # 10 working days from Thursday 28 September 2028: 29 Sep; 1 Oct is a Sunday, 2-3 Oct off;
    # 4-6 Oct, 9-13 Oct, 16 Oct.
    assert CAL.add_working_days(date(2028, 9, 28), 10) == date(2028, 10, 16)
    # every day of a long stretch is counted one way or the other: the inverse holds.
    start = date(2026, 11, 2)
    for n in range(0, 600, 7):
        assert CAL.working_days_between(start, CAL.add_working_days(start, n)) == n


def test_a_loaded_notice_replaces_the_provisional_year():
    notice = year_from_dict(2027, {
        "source": "国务院办公厅关于2027年部分节假日安排的通知（测试）",
        "holidays": {f"2027-02-{d:02d}": "春节" for d in range(5, 13)},
        "makeup_workdays": {"2027-02-20": "春节"},
    })
    loaded = CAL.with_years([notice])
    assert loaded.covers(date(2027, 2, 10)) and not loaded.is_provisional(date(2027, 2, 10))
    assert not loaded.is_working_day(date(2027, 2, 10)) and CAL.is_working_day(date(2027, 2, 10))
    assert loaded.is_working_day(date(2027, 2, 20))
    assert loaded.add_working_days(date(2027, 1, 18), 14) == date(2027, 2, 15)
    assert loaded.is_provisional(date(2028, 1, 3))        # the year after the notice is provisional
    assert CAL.covered_years == (2024, 2025, 2026)         # the shipped calendar is unchanged


def test_a_gap_before_the_last_notice_is_not_provisional():
    cal = WorkCalendar(years={2024: CAL.years[2024], 2026: CAL.years[2026]})
    assert not cal.is_provisional(date(2025, 3, 3))
    from portal.domain.calendar import CalendarNotCovered
    with pytest.raises(CalendarNotCovered):
        cal.is_working_day(date(2025, 3, 3))


def test_a_calendar_file_with_a_year_after_its_last_notice_round_trips():
    raw = {"covers": [2026], "years": {"2026": {"source": "x", "holidays": {}, "makeup_workdays": {}}}}
    cal = calendar_from_dict(raw)
    assert cal.is_provisional(date(2027, 1, 1)) and not cal.is_working_day(date(2027, 1, 1))
    assert cal.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
