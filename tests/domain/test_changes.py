"""Pure rules of reporting a change and of the periodic review (portal/domain/changes.py)."""
from __future__ import annotations

from datetime import date, timedelta

from portal.domain import changes as rules

ON = date(2026, 6, 1)


def test_who_may_report_and_on_which_request():
    assert rules.may_report("submitted", ["IN_PAYMENT"]) and rules.may_report("submitted", ["SUBMITTED", "STOPPED"])
    assert not rules.may_report("submitted", ["STOPPED"]) and not rules.may_report("draft", ["SUBMITTED"])
    assert not rules.may_report("withdrawn", ["WITHDRAWN"])
    assert rules.target([(5, "STOPPED"), (7, "IN_PAYMENT"), (6, "WITHDRAWN")]) == 7
    assert rules.target([(5, "STOPPED")]) is None


def test_what_changed_ignores_empty_versus_missing():
    assert rules.changed({"a": "1", "b": None, "c": ["x"]}, {"a": "2", "b": "", "c": ["x"]}) == ["a"]
    assert rules.changed({"a": ["x"]}, {"a": ["x", "y"], "d": "new"}) == ["a", "d"]
    assert rules.changed({}, {}) == []


def test_notes():
    assert rules.check_note("x" * 1001) == "too_long" and rules.check_note("", required=True) == "required"
    assert rules.check_note("") is None and rules.check_note("x" * 1000) is None


def test_review_status():
    later, earlier = (ON + timedelta(days=1)).isoformat(), (ON - timedelta(days=1)).isoformat()
    assert rules.review_status([], ON) == (None, None)
    assert rules.review_status([(rules.INVITE, ON.isoformat())], ON)[0] == "open"  # the day itself is in time
    assert rules.review_status([(rules.INVITE, later)], ON) == ("open", later)
    assert rules.review_status([(rules.INVITE, earlier)], ON) == ("overdue", earlier)
    assert rules.review_status([(rules.INVITE, earlier), (rules.CONFIRM, None)], ON)[0] == "answered"
    assert rules.review_status([(rules.INVITE, earlier), (rules.REPORT, None)], ON)[0] == "answered"
    assert rules.review_status([(rules.CONFIRM, None), (rules.INVITE, later)], ON)[0] == "open"
    assert rules.review_status([(rules.REPORT, None)], ON) == (None, None)  # a change with no review
