"""Issue 15 part 4: two administrators approving one policy figure at once apply it once, on
PostgreSQL: in-process with the first approval held open between its UPDATE and its commit,
and over HTTP against gunicorn workers (separate processes), where the process that did not
approve still uses the new value at its next request."""
from __future__ import annotations

import json
import threading
from datetime import date
from pathlib import Path

import pytest
import requests

from portal.extensions import db
from portal.models import AdminEvent, PolicyFigure
from portal.policy_figures import service
from tests.bench.common import client_for, make_app, new_session
from tests.bench.server import Gunicorn
from tests.factories import create_account
from tests.helpers.pages import csrf_token, get_page

pytestmark = pytest.mark.postgres

EXAMPLE = Path(__file__).resolve().parents[2] / "portal" / "api" / "examples" / "screening_request.json"


def _screen_body(on: str) -> dict:
    return {**json.loads(EXAMPLE.read_text(encoding="utf-8")), "on": on}


def _proposal(proposer, value: int = 1600) -> int:
    row = PolicyFigure(key="dibao_standard", region="440300", effective_from=date(2026, 7, 1), value=value,
                       unit="CNY/person/month", source="深民规〔2026〕1号", example=False, note="",
                       status="proposed", proposed_by_account_id=proposer.id)
    db.session.add(row)
    db.session.commit()
    return row.id


def _approvals(figure_id: int) -> list[AdminEvent]:
    return [e for e in db.session.scalars(db.select(AdminEvent).where(AdminEvent.action == "figure_approved"))
            if e.data["figure"] == figure_id]


def test_a_second_approval_waits_for_the_first_and_finds_nothing_left(pg_app, monkeypatch):
    proposer, first, second = (create_account("admin") for _ in range(3))
    figure_id = _proposal(proposer)
    first_id, second_id = first.id, second.id
    updated, go = threading.Event(), threading.Event()
    real_record = service.record

    def held_record(actor, action, *args, **kwargs):
        # The first approval has run its UPDATE (its row lock is held) and not committed yet.
        if actor.id == first_id:
            updated.set()
            assert go.wait(30)
        return real_record(actor, action, *args, **kwargs)

    monkeypatch.setattr(service, "record", held_record)
    outcome: dict[int, str] = {}

    def approve(account_id: int):
        with pg_app.app_context():
            from portal.models import Account

            actor = db.session.get(Account, account_id)
            try:
                service.approve(actor, figure_id)
                outcome[account_id] = "approved"
            except service.FigureProblem as problem:
                outcome[account_id] = problem.code
            finally:
                db.session.remove()

    one = threading.Thread(target=approve, args=(first_id,))
    one.start()
    assert updated.wait(30)
    two = threading.Thread(target=approve, args=(second_id,))
    two.start()
    two.join(1.0)
    assert two.is_alive(), "the second approval did not wait for the first one's row lock"
    go.set()
    one.join(30)
    two.join(30)
    assert outcome == {first_id: "approved", second_id: "already_decided"}
    db.session.expire_all()
    row = db.session.get(PolicyFigure, figure_id)
    assert row.status == "approved" and row.decided_by_account_id == first_id
    assert [e.actor_account_id for e in _approvals(figure_id)] == [first_id]


@pytest.fixture
def served(pg_app, tmp_path):
    url = pg_app.config["SQLALCHEMY_DATABASE_URI"]
    app = make_app(url, tmp_path)
    with Gunicorn(url, Path(tmp_path), workers=3) as server:
        yield app, server


def _held_form(app, sid: str, figure_id: int) -> tuple[dict, dict]:
    """The cookie and form an administrator's browser holds on the proposal's page."""
    client = client_for(app, sid)
    soup = get_page(client, f"/admin/figures/{figure_id}")
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    return {cookie.key: cookie.value}, {"csrf_token": csrf_token(soup)}


def test_two_administrators_approving_at_once_over_http_apply_it_once(served):
    app, server = served
    with app.app_context():
        proposer = create_account("admin")
        approvers = [create_account("admin") for _ in range(2)]
        figures = [_proposal(proposer, 1600 + n) for n in range(5)]
        sessions = [new_session(a.id) for a in approvers]
        # A worker builds and caches the policy in force before any approval.
        for _ in range(6):
            answer = requests.post(f"{server.url}/api/v1/screenings", json=_screen_body("2026-07-01"), timeout=30)
            assert {p["key"]: p["value"] for p in answer.json()["parameters"]}["dibao_standard"] == 1480
    for figure_id in figures:
        held = [_held_form(app, sid, figure_id) for sid in sessions]
        results: list = [None, None]
        start = threading.Barrier(2)

        def send(i):
            start.wait()
            cookies, form = held[i]
            results[i] = requests.post(f"{server.url}/admin/figures/{figure_id}/approve", data=form,
                                       cookies=cookies, allow_redirects=False, timeout=60)

        threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(r.status_code for r in results) == [302, 409], [r.status_code for r in results]
        with app.app_context():
            assert len(_approvals(figure_id)) == 1
            assert db.session.get(PolicyFigure, figure_id).status == "approved"
    # Every worker (each cached the policy above) now screens with the last approved value (the last approval wins its date).
    for _ in range(6):
        answer = requests.post(f"{server.url}/api/v1/screenings", json=_screen_body("2026-07-01"), timeout=30).json()
        used = {p["key"]: p["value"] for p in answer["parameters"]}
        assert used["dibao_standard"] == 1604
