from datetime import date

from portal.domain import appeals
from portal.domain.calendar import load_calendar


class Weekends:
    def is_working_day(self, day, *, allow_uncovered=False):
        return day.weekday() < 5


def test_sixty_days_not_counting_the_day_of_receipt():
    days = appeals.last_days(date(2026, 3, 5), Weekends())
    assert days.reconsideration == date(2026, 5, 4)  # a Monday


def test_six_months_to_the_corresponding_day_or_month_end():
    assert appeals.last_days(date(2026, 8, 31), Weekends()).litigation == date(2027, 3, 1)  # 28 Feb 2027 is a Sunday
    assert appeals.last_days(date(2026, 4, 14), Weekends()).litigation == date(2026, 10, 14)


def test_last_day_on_a_weekend_moves_to_monday():
    days = appeals.last_days(date(2026, 3, 7), Weekends())  # +60 = Wed 6 May
    assert days.reconsideration == date(2026, 5, 6)
    days = appeals.last_days(date(2026, 3, 9), Weekends())  # +60 = Fri 8 May; 6 months = Wed 9 Sep
    assert days.reconsideration == date(2026, 5, 8)
    days = appeals.last_days(date(2026, 3, 10), Weekends())  # +60 = Sat 9 May
    assert days.reconsideration == date(2026, 5, 11)


def test_last_day_in_a_holiday_moves_past_the_holiday():
    calendar = load_calendar()
    received = date(2026, 8, 2)  # +60 days = 1 October, 国庆
    days = appeals.last_days(received, calendar)
    assert days.reconsideration > date(2026, 10, 1)
    assert calendar.is_working_day(days.reconsideration, allow_uncovered=True)
    assert not calendar.is_working_day(date(2026, 10, 1), allow_uncovered=True)


def test_who_may_object():
    on = date(2026, 5, 1)
    assert appeals.may_object("REJECTED", False, on, date(2026, 5, 1))
    assert not appeals.may_object("REJECTED", True, on, date(2026, 5, 1))
    assert not appeals.may_object("REJECTED", False, on, date(2026, 4, 30))
    assert not appeals.may_object("IN_PAYMENT", False, on, None)
    assert appeals.check_reason("  ") == "required"
    assert appeals.check_reason("x" * 1001) == "too_long"
    assert appeals.check_reason("我家收入算错了") is None


def test_review_level():
    assert appeals.review_level("civil_affairs_district") == "district"
    assert appeals.review_level("street_office") == "district"
    assert appeals.review_level("assistance_station") == "city"
