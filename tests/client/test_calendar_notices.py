"""Deadlines that never vanish: the provisional calendar in stored requests,
loading a State Council notice, and the recalculation it triggers (with one event per request)."""
from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest

from portal import calendar_notices as notices
from portal.calendar_notices import work_calendar
from portal.domain import workflow
from portal.domain.workflow_tables import WORKFLOWS
from portal.extensions import db
from portal.models import AssistanceRequest, CalendarNotice, Event
from portal.policy_figures import current_policy
from portal.reference.demo import ensure_demo_accounts
from portal.reference.demo_cases import load_demo_cases
from portal.tracking.state import state_of

# A made-up 2027 notice: Spring Festival 5-12 February, Saturday 20 February worked instead.
NOTICE_2027 = {
    "year": 2027, "source": "国务院办公厅关于2027年部分节假日安排的通知（测试用）",
    "holidays": {"2027-01-01": "元旦", **{f"2027-02-{d:02d}": "春节" for d in range(5, 13)}},
    "makeup_workdays": {"2027-02-20": "春节"},
}


def running_requests():
    return db.session.scalars(db.select(AssistanceRequest).where(AssistanceRequest.stage.in_(("open", "support")))
                              .order_by(AssistanceRequest.id)).all()


@pytest.mark.parametrize("moment", [
    datetime(2026, 12, 5, 2, tzinfo=timezone.utc),    # the day the issue was filed
    datetime(2027, 1, 25, 2, tzinfo=timezone.utc),    # counting across Spring Festival 2027
    datetime(2027, 9, 24, 2, tzinfo=timezone.utc),    # across National Day 2027
    datetime(2028, 1, 10, 2, tzinfo=timezone.utc),    # two years past the last notice
])
def test_no_running_request_shows_a_blank_deadline_for_want_of_a_calendar(app, moment):
    ensure_demo_accounts()
    load_demo_cases(now=moment)
    calendar = work_calendar()
    requests = running_requests()
    assert len(requests) >= 20
    provisional = 0
    for request in requests:
        deadlines, warnings = workflow.due_dates(state_of(request), current_policy(), calendar)
        assert warnings == (), (request.id, request.status)
        # what is stored is what the workflow defines, and a state with a time limit has its date
        assert (request.due_on, request.deadline_on) == (deadlines.due_on, deadlines.deadline), request.id
        if request.accepted_on and request.status in {"ACCEPTED", "INVESTIGATING", "DATA_CHECK", "HOME_VISIT",
                                                      "PRELIM_OPINION", "PUBLICITY", "COUNTY_REVIEW"}:
            assert request.deadline_on is not None, (request.id, request.status)
        provisional += any(d and calendar.is_provisional(d) for d in (request.due_on, request.deadline_on))
    assert provisional > 0  # the dates really run past the last notice


def test_every_state_of_every_type_has_its_dates_across_2027_and_2028():
    # The domain side of the same promise, exhaustively: no state of any workflow, accepted on any
    # Monday of 2027 and 2028, loses a date because a year has no notice.
    calendar = notices.load_calendar()
    policy = current_policy()
    start = date(2027, 1, 4)
    for type_, wf in WORKFLOWS.items():
        for state in {a.target for a in wf.actions} | {a.source for a in wf.actions}:
            for week in range(0, 104, 3):
                day = date.fromordinal(start.toordinal() + 7 * week)
                request = workflow.RequestState(type=type_, state=state, entered_on=day, accepted_on=day)
                _, warnings = workflow.due_dates(request, policy, calendar)
                assert warnings == (), (type_, state, day)


def test_loading_a_notice_moves_the_dates_it_changes_and_writes_an_event_each(app):
    ensure_demo_accounts()
    load_demo_cases(now=datetime(2027, 1, 25, 2, tzinfo=timezone.utc))
    before = {r.id: (r.due_on, r.deadline_on) for r in running_requests()}
    year = notices.parse_notice(json.dumps(NOTICE_2027))
    preview = notices.preview(year, current_policy())
    assert preview and db.session.scalar(db.select(db.func.count(CalendarNotice.id))) == 0  # a preview stores nothing
    result = notices.load(year, None, current_policy())
    assert [m.request_id for m in result.moved] == [m.request_id for m in preview] and not result.replaced
    after = {r.id: (r.due_on, r.deadline_on) for r in running_requests()}
    moved = {rid for rid in before if before[rid] != after[rid]}
    assert moved == {m.request_id for m in result.moved}
    for move in result.moved:  # 4 more days off, 1 day back: dates after 8 February move later
        assert move.deadline_after is None or move.deadline_before is None or move.deadline_after >= move.deadline_before
    events = db.session.scalars(db.select(Event).where(Event.action == notices.ACTION)).all()
    assert sorted(e.request_id for e in events) == sorted(moved)
    assert all(e.from_state == e.to_state and e.actor_role == "system" and e.reason == NOTICE_2027["source"]
               for e in events)
    # the calendar in force now has the notice: 2027 is covered, 2028 provisional
    calendar = work_calendar()
    assert calendar.covers(date(2027, 2, 10)) and not calendar.is_working_day(date(2027, 2, 10))
    assert calendar.is_provisional(date(2028, 1, 3))
    # loading the same notice again moves nothing and says it replaced one
    again = notices.load(year, None, current_policy())
    assert again.moved == [] and again.replaced
    assert notices.recalculate(None, current_policy()) == []


def test_recalculate_fills_dates_left_blank_before_the_provisional_calendar(app):
    ensure_demo_accounts()
    load_demo_cases(now=datetime(2026, 12, 5, 2, tzinfo=timezone.utc))
    # what a request stored before this change looks like: the deadline left blank
    blank = next(r for r in running_requests() if r.deadline_on and r.deadline_on.year == 2027)
    expected = blank.deadline_on
    blank.deadline_on = None
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["calendar", "recalculate"])
    assert result.exit_code == 0 and "1 running requests moved" in result.output, result.output
    assert f"request {blank.id} " in result.output and expected.isoformat() in result.output
    db.session.expire_all()
    assert db.session.get(AssistanceRequest, blank.id).deadline_on == expected


def test_the_cli_shows_loads_and_refuses_bad_files(app, tmp_path):
    runner = app.test_cli_runner()
    shown = runner.invoke(args=["calendar", "show"])
    assert shown.exit_code == 0 and "2026: 国务院办公厅关于2026年部分节假日安排的通知" in shown.output
    assert "from 2027: provisional" in shown.output
    good = tmp_path / "2027.json"
    good.write_text(json.dumps(NOTICE_2027, ensure_ascii=False), encoding="utf-8")
    dry = runner.invoke(args=["calendar", "load", "--dry-run", str(good)])
    assert dry.exit_code == 0 and "nothing stored" in dry.output
    assert db.session.scalar(db.select(db.func.count(CalendarNotice.id))) == 0
    loaded = runner.invoke(args=["calendar", "load", str(good)])
    assert loaded.exit_code == 0 and "2027 loaded" in loaded.output, loaded.output
    assert "2027: 国务院办公厅关于2027年部分节假日安排的通知（测试用）" in runner.invoke(args=["calendar", "show"]).output
    for content, code in [("not json", "not_json"), ("[1]", "not_object"), ('{"year": "2027"}', "bad_year"),
                          ('{"year": 2027, "holidays": [], "makeup_workdays": {}}', "bad_days"),
                          (json.dumps({**NOTICE_2027, "source": " "}), "bad_source"),
                          (json.dumps({**NOTICE_2027, "holidays": {"2028-01-01": "元旦"}}), "bad_dates"),
                          (json.dumps({**NOTICE_2027, "holidays": {"2027-02-30": "春节"}}), "bad_dates"),
                          (json.dumps({**NOTICE_2027, "makeup_workdays": {"2027-02-06": "春节"}}), "bad_dates"),
                          (json.dumps({**NOTICE_2027, "holidays": {}}), "no_holidays")]:
        bad = tmp_path / "bad.json"
        bad.write_text(content, encoding="utf-8")
        result = runner.invoke(args=["calendar", "load", str(bad)])
        assert result.exit_code != 0 and code in result.output and "Traceback" not in result.output, content
    (tmp_path / "latin1.json").write_bytes('{"source": "é"}'.encode("latin-1"))
    assert "not_utf8" in runner.invoke(args=["calendar", "load", str(tmp_path / "latin1.json")]).output
    missing = runner.invoke(args=["calendar", "load", str(tmp_path / "absent.json")])
    assert missing.exit_code != 0 and "cannot read" in missing.output
