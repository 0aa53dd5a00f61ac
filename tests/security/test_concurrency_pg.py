"""Issue 9.6: nothing lost, nothing doubled, on PostgreSQL behind gunicorn with 3 workers.

Drafts are prepared in-process (one walked through the real journey, the others copies of it
under other households' ID numbers); the submissions then race over HTTP against separate
worker processes sharing the throwaway PostgreSQL server.
"""
from __future__ import annotations

import copy
import re
import secrets
import threading
from pathlib import Path

import pytest
import requests

from portal.crypto import lookup_hash
from portal.extensions import db
from portal.models import Application, AssistanceRequest
from tests.bench.common import client_for, make_app, new_session
from tests.bench.server import Gunicorn
from tests.helpers.pages import csrf_token, get_page
from tests.tools import walkthrough as W

pytestmark = pytest.mark.postgres


@pytest.fixture
def served(pg_app, tmp_path):
    """The bench app (its secret signs the cookies gunicorn checks) and gunicorn on the same database."""
    url = pg_app.config["SQLALCHEMY_DATABASE_URI"]
    app = make_app(url, tmp_path)
    with Gunicorn(url, Path(tmp_path), workers=3) as server:
        yield app, server


def _resident(app, n: int) -> int:
    from portal.models import Account

    with app.app_context():
        account = Account(role="resident", phone=f"1355{n:07d}", display_name=f"并发{n}")
        db.session.add(account)
        db.session.commit()
        return account.id


def _drafts(app, count: int) -> list[tuple[int, str]]:
    """``count`` drafts ready to submit, each of another household and another resident: (id, sid)."""
    first = _resident(app, 0)
    with app.app_context():
        sid = new_session(first)
    check = W.walk(client_for(app, sid), W.one_person_dibao(), stop_at_check=True).visited[-1]
    draft_id = int(check.split("/")[2])
    made = [(draft_id, sid)]
    with app.app_context():
        template = db.session.get(Application, draft_id)
        for n in range(1, count):
            account_id = _resident(app, n)
            number = W.resident_id("440305", f"19{50 + n % 40:02d}0{1 + n % 9}1{n % 9}", f"{n:03d}")
            answers = copy.deepcopy(template.answers)
            answers["about"]["id_number"] = number
            answers["_token"] = secrets.token_urlsafe(24)
            row = Application(account_id=account_id, created_by_id=account_id, status="draft", channel=template.channel,
                              locale=template.locale, answers=answers, applicant_name=template.applicant_name,
                              household_key=lookup_hash(number), verifier_hash=lookup_hash(number[-6:], "verifier"))
            db.session.add(row)
            db.session.commit()
            made.append((row.id, new_session(account_id)))
    return made


def _prepared_post(app, draft_id: int, sid: str) -> tuple[dict, dict]:
    """The cookie and form a browser holds on the check page."""
    client = client_for(app, sid)
    soup = get_page(client, f"/apply/{draft_id}/check")
    form = {"csrf_token": csrf_token(soup),
            "submission_token": soup.find("input", attrs={"name": "submission_token"})["value"]}
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    return {cookie.key: cookie.value}, form


def _race(server, posts: list[tuple[int, dict, dict]]) -> list[requests.Response | Exception]:
    results: list = [None] * len(posts)
    start = threading.Barrier(len(posts))

    def send(i, draft_id, cookies, form):
        start.wait()
        try:
            results[i] = requests.post(f"{server.url}/apply/{draft_id}/check", data=form, cookies=cookies,
                                       allow_redirects=False, timeout=120)
        except requests.RequestException as exc:
            results[i] = exc

    threads = [threading.Thread(target=send, args=(i, *post)) for i, post in enumerate(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _submitted(app) -> list[Application]:
    with app.app_context():
        rows = db.session.scalars(db.select(Application).where(Application.status == "submitted")).all()
        for row in rows:
            row.requests  # noqa: B018  (load before the session closes)
        return rows


def test_fifty_concurrent_submissions_of_distinct_households_are_all_stored(served):
    app, server = served
    drafts = _drafts(app, 50)
    posts = [(draft_id, *_prepared_post(app, draft_id, sid)) for draft_id, sid in drafts]
    results = _race(server, posts)
    assert all(isinstance(r, requests.Response) and r.status_code == 302 for r in results), \
        [getattr(r, "status_code", r) for r in results]
    stored = _submitted(app)
    assert len(stored) == 50
    references = {row.reference for row in stored}
    assert len(references) == 50 and None not in references
    assert {row.id for row in stored} == {d for d, _ in drafts}
    assert all(len(row.requests) >= 1 for row in stored)
    redirected = {re.search(r"/apply/confirmation/(.+)$", r.headers["Location"]).group(1) for r in results}
    assert redirected == references


def test_ten_concurrent_identical_submissions_are_stored_once(served):
    app, server = served
    [(draft_id, sid)] = _drafts(app, 1)
    cookies, form = _prepared_post(app, draft_id, sid)
    results = _race(server, [(draft_id, cookies, form)] * 10)
    assert all(isinstance(r, requests.Response) and r.status_code == 302 for r in results), \
        [getattr(r, "status_code", r) for r in results]
    stored = _submitted(app)
    assert len(stored) == 1
    assert {r.headers["Location"].rsplit("/", 1)[-1] for r in results} == {stored[0].reference}
    with app.app_context():
        requests_stored = db.session.scalar(db.select(db.func.count(AssistanceRequest.id)))
    assert requests_stored == len(stored[0].requests)
