"""Issue 9.6: a worker killed in the middle of a submission leaves the whole application or none.

gunicorn (one worker, PostgreSQL) runs with ``PORTAL_TEST_KILL_AT`` naming every point of
``portal.apply.filing.submit.CRASH_POINTS``; each point kills its worker once (SIGKILL: no exception
handler, no rollback, no response). The resident presses "Submit" again after each lost
connection, as anyone would, and a fresh worker takes it:

1. killed with the draft locked, nothing written yet   -> still a draft, no rows of a submission;
2. killed with every row flushed but not committed     -> still a draft, no rows of a submission;
3. killed after the commit, before the response        -> the whole application;
4. the fourth press                                    -> the same application, nothing doubled.

The receipt PDF and the messages are rows of the same transaction (no file is written while
submitting), so no row can point at a missing file; the receipt downloads afterwards.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import requests

from portal.apply.filing.submit import CRASH_POINTS
from portal.extensions import db
from portal.models import Application, AssistanceRequest, Consent, Event, Message
from portal.models.issued import IssuedDocument
from tests.bench.common import make_app
from tests.bench.server import Gunicorn
from tests.security.test_concurrency_pg import _drafts, _prepared_post


def _rows(app, draft_id: int) -> dict:
    """What the database holds for the application: its state and how many rows of each kind."""
    with app.app_context():
        application = db.session.get(Application, draft_id)
        count = lambda model, *where: db.session.scalar(db.select(db.func.count()).select_from(model).where(*where))  # noqa: E731
        receipts = db.session.scalars(db.select(IssuedDocument).where(
            IssuedDocument.application_id == draft_id, IssuedDocument.kind == "receipt")).all()
        return {
            "status": application.status, "reference": application.reference,
            "routing": "routing" in (application.answers or {}),
            "requests": count(AssistanceRequest, AssistanceRequest.application_id == draft_id),
            "submitted_requests": count(AssistanceRequest, AssistanceRequest.application_id == draft_id,
                                        AssistanceRequest.status == "SUBMITTED"),
            "events": count(Event, Event.application_id == draft_id),
            "consents": count(Consent, Consent.application_id == draft_id),
            "messages": count(Message, Message.account_id == application.account_id),
            "receipts": len(receipts),
            "receipt_intact": all(hashlib.sha256(r.content).hexdigest() == r.sha256 and r.size == len(r.content)
                                  and r.content.startswith(b"%PDF") for r in receipts),
            "applications": count(Application, Application.account_id == application.account_id),
        }


NOTHING = {"status": "draft", "reference": None, "routing": False, "requests": 0, "submitted_requests": 0,
           "events": 0, "consents": 0, "messages": 0, "receipts": 0, "receipt_intact": True, "applications": 1}


def _press_submit(server, draft_id: int, cookies: dict, form: dict):
    try:
        return requests.post(f"{server.url}/apply/{draft_id}/check", data=form, cookies=cookies,
                             allow_redirects=False, timeout=120)
    except requests.ConnectionError as lost:
        return lost


@pytest.mark.postgres
def test_a_worker_killed_at_any_point_of_a_submission_leaves_all_or_nothing(pg_app, tmp_path, monkeypatch):
    url = pg_app.config["SQLALCHEMY_DATABASE_URI"]
    app = make_app(url, tmp_path)
    [(draft_id, sid)] = _drafts(app, 1)
    cookies, form = _prepared_post(app, draft_id, sid)
    assert _rows(app, draft_id) == NOTHING
    marks = tmp_path / "kills"
    marks.mkdir()
    monkeypatch.setenv("PORTAL_TEST_KILL_AT", ",".join(CRASH_POINTS))
    monkeypatch.setenv("PORTAL_TEST_KILL_MARKS", str(marks))
    states = []
    with Gunicorn(url, Path(tmp_path), workers=1) as server:
        for point in CRASH_POINTS:
            answer = _press_submit(server, draft_id, cookies, form)
            assert isinstance(answer, requests.ConnectionError), f"no kill at {point}: {answer}"
            assert (marks / point).exists()
            states.append((point, _rows(app, draft_id)))
        final = _press_submit(server, draft_id, cookies, form)
        reference = _rows(app, draft_id)["reference"]
        receipt = requests.get(f"{server.url}/applications/{reference}/receipt.pdf", cookies=cookies, timeout=120)
    assert [point for point, _ in states] == ["locked", "flushed", "committed"]
    assert states[0][1] == NOTHING and states[1][1] == NOTHING
    whole = states[2][1]
    assert whole["status"] == "submitted" and whole["reference"] and whole["routing"]
    assert whole["requests"] >= 1 and whole["submitted_requests"] == whole["requests"]
    assert whole["events"] >= whole["requests"] and whole["consents"] >= 1
    # The receipt is a row of the same transaction (or rendered on first download): never a
    # row pointing at a file that is not there.
    assert whole["receipts"] <= 1 and whole["receipt_intact"] and whole["messages"] >= 1
    assert whole["applications"] == 1
    # A fresh worker answers the next press with the same application, and nothing is doubled.
    assert isinstance(final, requests.Response) and final.status_code == 302, final
    assert final.headers["Location"].endswith(f"/apply/confirmation/{whole['reference']}")
    assert receipt.status_code == 200 and receipt.content.startswith(b"%PDF"), receipt.status_code
    after = _rows(app, draft_id)
    assert after == {**whole, "receipts": 1}


def test_the_kill_switch_is_ignored_outside_testing(monkeypatch):
    """The hook reads the environment only when the app runs as PORTAL_ENV=testing."""
    from portal.apply.filing import submit

    app = make_app("sqlite://", Path("/nonexistent"), PORTAL_ENV="development")
    monkeypatch.setenv("PORTAL_TEST_KILL_AT", ",".join(CRASH_POINTS))
    killed = []
    monkeypatch.setattr(submit.os, "kill", lambda *args: killed.append(args))
    with app.app_context():
        for point in CRASH_POINTS:
            submit.crash_point(point)
    assert killed == []
    with make_app("sqlite://", Path("/nonexistent")).app_context():
        submit.crash_point("flushed")
    assert len(killed) == 1
