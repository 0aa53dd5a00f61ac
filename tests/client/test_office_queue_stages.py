"""The queue's stages (open, support, closed): kept on every write, counted and listed through them.

A sent refusal is closed (rules.md §9.1 row 7b: the appeal is heard outside the system), so the
open count follows the backlog, not the years of refusals.
"""
from __future__ import annotations

from datetime import timedelta

import pytest
from flask_migrate import downgrade, upgrade

from portal import create_app
from portal.domain.workflow_tables import WORKFLOWS
from portal.extensions import db
from portal.models import AssistanceRequest
from portal.models.request import stage_of, urgency_of
from portal.office import queue
from portal.tracking.transitions import perform
from tests.client.test_office_actions import _today
from tests.conftest import _overrides
from tests.factories import create_account, create_application, sign_in
from tests.helpers.pages import get_page


def _request(status="SUBMITTED", name="张三", type_="dibao", **fields) -> AssistanceRequest:
    request = create_application(types=(type_,), name=name).requests[0]
    request.status = status
    for key, value in fields.items():
        setattr(request, key, value)
    db.session.commit()
    return request


def _counts(client) -> dict:
    page = get_page(client, "/office")
    return {li.get_text(" ", strip=True).split(" ", 1)[1]: int(li.select_one(".counts__number").text)
            for li in page.select("ul.counts li")}


def _names(client, url: str) -> list[str]:
    return [td.get_text(strip=True) for td in get_page(client, url).select('td[data-label="Applicant"]')]


@pytest.mark.parametrize("status, type_, flags, stage", [
    ("SUBMITTED", "dibao", [], "open"),
    ("REJECTED", "dibao", [], "open"),
    ("REJECTED", "dibao", ["refusal_notified"], "closed"),
    ("APPROVED", "dibao", [], "open"),  # payment still to start
    ("APPROVED", "low_income", [], "support"),
    ("APPROVED", "rigid_expenditure", [], "support"),
    ("IN_PAYMENT", "dibao", [], "support"),
    ("PHASING_OUT", "dibao", [], "support"),
    ("UNDER_REVIEW", "dibao", [], "open"),
    ("STOPPED", "dibao", [], "closed"),
    ("WITHDRAWN", "tekun", [], "closed"),
    ("CLOSED", "temp_emergency", [], "closed"),
])
def test_stage_of_each_kind_of_state(status, type_, flags, stage):
    assert stage_of(status, type_, flags) == stage


def test_urgency_is_the_queue_order_and_follows_the_urgent_flag(app):
    assert [urgency_of(True, "temp_emergency"), urgency_of(True, "dibao"), urgency_of(False, "temp_emergency"),
            urgency_of(None, "dibao")] == [0, 1, 2, 2]
    request = _request("SUBMITTED")
    assert request.urgency == 2
    request.urgent = True
    db.session.commit()
    assert db.session.scalar(db.text("SELECT urgency FROM requests WHERE id = :id"), {"id": request.id}) == 1


def test_support_states_never_wait_for_staff():
    """The counts read supported requests only for their review dates: nothing there needs action."""
    for type_, wf in WORKFLOWS.items():
        for state in {str(s) for s in wf.states}:
            if stage_of(state, str(type_), []) != "support":
                continue
            for role in ("caseworker", "reviewer"):
                for _t, _d, states in queue._action_states(role):
                    if _t == str(type_):
                        assert state not in states, (type_, state, role)


def test_stage_is_kept_on_every_write(any_app):
    caseworker = create_account("caseworker")
    request = _request("COUNTY_REVIEW")
    assert request.stage == "open"
    perform(request, "reject", create_account("reviewer"), {"reason": "家庭存款超过规定标准"})
    db.session.commit()
    assert (request.status, request.stage) == ("REJECTED", "open")  # the letter is still to send
    perform(request, "notify_refusal", caseworker, {"notice_ref": "粤海民〔2026〕12号"})
    db.session.commit()
    stored = db.session.execute(db.text("SELECT status, stage FROM requests WHERE id = :id"), {"id": request.id}).one()
    assert tuple(stored) == ("REJECTED", "closed")
    request.status = "IN_PAYMENT"  # any writer, not only the workflow
    db.session.commit()
    assert db.session.scalar(db.text("SELECT stage FROM requests WHERE id = :id"), {"id": request.id}) == "support"


def test_a_sent_refusal_leaves_the_open_count_and_shows_as_closed(client):
    caseworker = create_account("caseworker")
    waiting = _request("REJECTED", "待送达")
    sent = _request("REJECTED", "已送达")
    perform(sent, "notify_refusal", caseworker, {"notice_ref": "粤海民〔2026〕13号"})
    _request("INVESTIGATING", "调查中")
    db.session.commit()
    sign_in(client, caseworker)
    client.get("/language/en")
    counts = _counts(client)
    assert counts["open in total"] == 2 and counts["need your action"] == 2
    assert sorted(_names(client, "/office?status=open")) == sorted(["待送达", "调查中"])
    assert _names(client, "/office?status=closed") == ["已送达"]
    assert waiting.stage == "open"


def test_reviews_due_of_supported_requests_count_as_overdue_and_this_week(client):
    today = _today()
    _request("IN_PAYMENT", "复核逾期", due_on=today - timedelta(days=3), review_due_on=today - timedelta(days=3))
    _request("IN_PAYMENT", "本周复核", due_on=today, review_due_on=today)
    later = today + timedelta(days=200)
    _request("IN_PAYMENT", "明年复核", due_on=later, review_due_on=later)
    _request("INVESTIGATING", "调查逾期", due_on=today - timedelta(days=1))
    sign_in(client, create_account("caseworker"))
    client.get("/language/en")
    counts = _counts(client)
    assert (counts["overdue"], counts["due this week"], counts["open in total"]) == (2, 1, 1)
    assert sorted(_names(client, "/office?status=all&overdue=y")) == sorted(["复核逾期", "调查逾期"])
    assert _names(client, "/office?status=all&this_week=y") == ["本周复核"]
    # The support list: next review first.
    assert _names(client, "/office?status=support") == ["复核逾期", "本周复核", "明年复核"]


def test_history_lists_are_newest_first_and_counted_a_page_ahead(client, monkeypatch):
    monkeypatch.setattr(queue, "COUNT_AHEAD", 25)
    for i in range(30):
        _request("CLOSED", f"结案{i:02d}", type_="temp_emergency")
    sign_in(client, create_account("caseworker"))
    client.get("/language/en")
    first = get_page(client, "/office?status=closed")
    names = [td.get_text(strip=True) for td in first.select('td[data-label="Applicant"]')]
    assert names[:3] == ["结案29", "结案28", "结案27"]
    status = first.select_one('p[role="status"]').get_text(" ", strip=True)
    assert status.startswith("More than 25 requests") and "page 1" in status
    assert first.select_one('a[rel="next"]') is not None
    second = get_page(client, "/office?status=closed&page=2")
    assert _names(client, "/office?status=closed&page=2") == [f"结案{i:02d}" for i in range(9, -1, -1)]
    assert "30 requests" in second.select_one('p[role="status"]').get_text(" ", strip=True)
    assert second.select_one('a[rel="next"]') is None
    assert _names(client, "/office?status=all")[0] == "结案29"


def test_migration_0010_sorts_existing_requests_into_stages(tmp_path):
    app = create_app(_overrides(f"sqlite:///{tmp_path / 'm.sqlite3'}", tmp_path))
    with app.app_context():
        upgrade(revision="0009")
        # Raw SQL, not load_offices(): the ORM model is today's, and at 0009 offices still had
        # their address, phone and hours columns (moved to dated contact entries in 0014).
        db.session.execute(db.text("INSERT INTO districts (code, name_zh, name_hant, name_en)"
                                   " VALUES ('440305', '南山区', '南山區', 'Nanshan District')"))
        db.session.execute(db.text("INSERT INTO offices (code, district_code, name_zh, name_hant, name_en, address,"
                                   " phone, hours) VALUES ('44030506', '440305', '粤海街道', '粵海街道',"
                                   " 'Yuehai Subdistrict', '', '', '')"))
        db.session.execute(db.text("INSERT INTO accounts (id, role, display_name, active, created_at)"
                                   " VALUES (1, 'resident', 'x', 1, '2026-01-01')"))
        db.session.execute(db.text(
            "INSERT INTO applications (id, account_id, created_by_id, channel, status, locale, answers, urgent,"
            " version, created_at, updated_at) VALUES (1, 1, 1, 'self', 'submitted', 'zh_Hans', 'x', 0, 1,"
            " '2026-01-01', '2026-01-01')"))
        rows = [("SUBMITTED", "dibao", "[]", 1), ("REJECTED", "dibao", '["refusal_notified"]', 0),
                ("REJECTED", "dibao", "[]", 0), ("IN_PAYMENT", "dibao", "[]", 0), ("APPROVED", "low_income", "[]", 0),
                ("CLOSED", "temp_emergency", "[]", 1)]
        for n, (status, type_, flags, urgent) in enumerate(rows, start=1):
            db.session.execute(db.text(
                "INSERT INTO requests (id, application_id, type, status, authority, office_code, urgent, entered_on,"
                " delegated, flags, disputes, version, created_at, updated_at) VALUES (:id, 1, :type, :status, 'x',"
                " '44030506', :urgent, '2026-01-01', 0, :flags, 0, 1, '2026-01-01', '2026-01-01')"),
                {"id": n, "type": type_, "status": status, "flags": flags, "urgent": urgent})
        db.session.commit()
        upgrade(revision="0010")
        stored = db.session.execute(db.text("SELECT stage, urgency FROM requests ORDER BY id")).all()
        assert [tuple(row) for row in stored] == [("open", 1), ("closed", 2), ("open", 2), ("support", 2),
                                                  ("support", 2), ("closed", 0)]
        downgrade(revision="0009")
        db.session.remove()
        db.engine.dispose()
