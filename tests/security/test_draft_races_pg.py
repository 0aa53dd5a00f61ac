"""Issue 9.6: two devices saving the same draft at the same moment lose no answer.

A resident signed in on a phone and a computer saves the "name" page on one and the savings
page on the other, truly simultaneously (threads released by a barrier), against gunicorn
with several workers on PostgreSQL. After every round both pages' values must be stored:
a save re-applies only its own page's answers to the draft as committed by the other device
(per-field last write wins), and no device sees an error page. The same page from both
devices ends with one of the two values, never a mixture or an error.

The in-process tests drive the two paths that make this so: the reload under the row lock
(the other device committed after this request read the draft) and the retry after a stale
version (the other device committed between the reload and the write).
"""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
import requests

from portal.apply.filing import drafts
from portal.extensions import db
from portal.models import Account, Application
from tests.bench.common import client_for, make_app, new_session
from tests.bench.server import Gunicorn
from tests.factories import create_account, sign_in
from tests.tools import walkthrough as W

ROUNDS = 25


def _form(client, url: str) -> dict[str, list[str]]:
    """What the browser holds on ``url``'s page: its fields and CSRF token."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    page = W.parse(response.get_data(as_text=True))
    form = [f for f in page.forms if f.method == "post" and f.enctype is None
            and not (f.action or "").endswith("/sign-out") and "/save" not in (f.action or "")][-1]
    data = form.values()
    data.pop("then", None)
    data.pop("more", None)
    return data


def _draft(app) -> tuple[int, list[str]]:
    """A draft walked up to the check page and two sign-in sessions (devices) of its resident."""
    with app.app_context():
        account = Account(role="resident", phone="13560000001", display_name="两台设备")
        db.session.add(account)
        db.session.commit()
        sessions = [new_session(account.id), new_session(account.id)]
    check = W.walk(client_for(app, sessions[0]), W.one_person_dibao(), stop_at_check=True).visited[-1]
    return int(check.split("/")[2]), sessions


def _device(app, sid: str, *urls: str) -> tuple[dict, ...]:
    """The cookie of a browser signed in as ``sid`` and the forms it holds on ``urls``."""
    client = client_for(app, sid)
    forms = [_form(client, url) for url in urls]
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    return ({cookie.key: cookie.value}, *forms)


def _together(server, posts: list[tuple[str, dict, dict]]) -> list:
    results: list = [None] * len(posts)
    start = threading.Barrier(len(posts))

    def send(i, url, cookies, data):
        start.wait()
        try:
            results[i] = requests.post(server.url + url, data=data, cookies=cookies, allow_redirects=False, timeout=120)
        except requests.RequestException as exc:
            results[i] = exc

    threads = [threading.Thread(target=send, args=(i, *post)) for i, post in enumerate(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _stored(app, draft_id: int) -> dict:
    with app.app_context():
        return db.session.get(Application, draft_id).answers


@pytest.mark.postgres
def test_simultaneous_saves_from_two_devices_keep_both_pages(pg_app, tmp_path):
    url = pg_app.config["SQLALCHEMY_DATABASE_URI"]
    app = make_app(url, tmp_path)
    draft_id, (phone, computer) = _draft(app)
    name_url, savings_url = f"/apply/{draft_id}/name", f"/apply/{draft_id}/savings"
    name_cookie, name_form = _device(app, phone, name_url)
    savings_cookie, savings_form, computer_name_form = _device(app, computer, savings_url, name_url)
    lost, refused = [], []
    with Gunicorn(url, Path(tmp_path), workers=3) as server:
        for n in range(ROUNDS):
            name, deposits = f"王小明{n}", str(1000 + n)
            results = _together(server, [
                (name_url, name_cookie, {**name_form, "name": [name]}),
                (savings_url, savings_cookie, {**savings_form, "deposits": [deposits]}),
            ])
            refused += [getattr(r, "status_code", r) for r in results
                        if not (isinstance(r, requests.Response) and r.status_code == 302)]
            answers = _stored(app, draft_id)
            if answers["about"]["name"] != name or str(answers["assets"]["deposits"]) != deposits:
                lost.append((n, answers["about"]["name"], answers["assets"]["deposits"]))
        # The same page from both devices: one of the two names, both told it was saved.
        same = []
        for n in range(ROUNDS):
            names = (f"手机{n}", f"电脑{n}")
            results = _together(server, [(name_url, name_cookie, {**name_form, "name": [names[0]]}),
                                         (name_url, savings_cookie, {**computer_name_form, "name": [names[1]]})])
            refused += [getattr(r, "status_code", r) for r in results
                        if not (isinstance(r, requests.Response) and r.status_code == 302)]
            same.append(_stored(app, draft_id)["about"]["name"] in names)
    assert refused == [], refused
    assert lost == [], lost
    assert all(same)
    with app.app_context():
        row = db.session.get(Application, draft_id)
        assert row.status == "draft" and row.applicant_name in (f"手机{ROUNDS - 1}", f"电脑{ROUNDS - 1}")


# --- in-process: the two paths that keep the other device's answers --------------------------------


def _in_process_draft(app):
    account = create_account("resident")
    client = app.test_client()
    sign_in(client, account)
    check = W.walk(client, W.one_person_dibao(), stop_at_check=True).visited[-1]
    return client, int(check.split("/")[2])


def _other_device_saves_deposits(app, draft_id: int, deposits: str) -> None:
    """Another process commits a change of the savings page (its own connection and transaction)."""
    from sqlalchemy.orm import Session

    with Session(db.engine) as other:
        row = other.get(Application, draft_id)
        answers = {**row.answers, "assets": {**row.answers["assets"], "deposits": deposits}}
        row.answers = answers
        other.commit()


def _post_name(client, draft_id: int, name: str):
    url = f"/apply/{draft_id}/name"
    return client.post(url, data={**_form(client, url), "name": [name]})


def test_a_save_keeps_what_another_device_committed_after_this_request_read_the_draft(any_app, monkeypatch):
    client, draft_id = _in_process_draft(any_app)
    real_save = drafts.save_page

    def late(application, *args, **kwargs):
        # The draft was read for this request; the other device commits now.
        _other_device_saves_deposits(any_app, draft_id, "4321")
        return real_save(application, *args, **kwargs)

    monkeypatch.setattr(drafts, "save_page", late)
    response = _post_name(client, draft_id, "王大明")
    assert response.status_code == 302
    db.session.expire_all()
    answers = db.session.get(Application, draft_id).answers
    assert answers["about"]["name"] == "王大明"
    assert str(answers["assets"]["deposits"]) == "4321"


def test_a_stale_write_is_retried_on_the_fresh_draft(app, monkeypatch):
    """SQLite takes no row lock: the other device commits between the reload and the write;
    the version check refuses the write and the page's answers are applied again."""
    client, draft_id = _in_process_draft(app)
    real_settle = drafts.derive.settle
    calls = []

    def interleaved(answers, on):
        calls.append(1)
        if len(calls) == 1:
            _other_device_saves_deposits(app, draft_id, "8765")
        return real_settle(answers, on)

    monkeypatch.setattr(drafts.derive, "settle", interleaved)
    response = _post_name(client, draft_id, "王二明")
    assert response.status_code == 302
    assert len(calls) == 2  # written once, refused as stale, applied again
    db.session.expire_all()
    answers = db.session.get(Application, draft_id).answers
    assert answers["about"]["name"] == "王二明"
    assert str(answers["assets"]["deposits"]) == "8765"


def test_a_member_removed_on_another_device_while_this_one_saves_the_name(any_app, monkeypatch):
    client, draft_id = _in_process_draft(any_app)
    real_remove = drafts.remove_member

    def late(application, ref):
        _other_device_saves_deposits(any_app, draft_id, "2468")
        return real_remove(application, ref)

    row = db.session.get(Application, draft_id)
    answers = dict(row.answers)
    answers["members"] = [*answers["members"], {"ref": "m9", "name": "临时", "relation": "son"}]
    row.answers = answers
    db.session.commit()
    monkeypatch.setattr(drafts, "remove_member", late)
    response = client.post(f"/apply/{draft_id}/member/m9/remove",
                           data={**_form(client, f"/apply/{draft_id}/member/m9/remove"), "confirm": ["yes"]})
    assert response.status_code == 302
    db.session.expire_all()
    answers = db.session.get(Application, draft_id).answers
    assert [m["ref"] for m in answers["members"]] == ["m1"]
    assert str(answers["assets"]["deposits"]) == "2468"


def test_a_save_after_the_draft_was_submitted_elsewhere_goes_to_the_confirmation(any_app, monkeypatch):
    client, draft_id = _in_process_draft(any_app)
    real_save = drafts.save_page

    def late(application, *args, **kwargs):
        from sqlalchemy.orm import Session

        with Session(db.engine) as other:
            other.get(Application, draft_id).status = "submitted"
            other.get(Application, draft_id).reference = "SZ-TEST-0000-0"
            other.commit()
        return real_save(application, *args, **kwargs)

    monkeypatch.setattr(drafts, "save_page", late)
    response = _post_name(client, draft_id, "王三明")
    assert response.status_code == 302
    assert "/apply/confirmation/" in response.headers["Location"]
    db.session.expire_all()
    assert db.session.get(Application, draft_id).answers["about"]["name"] == "王小明"


@pytest.mark.postgres
def test_two_devices_pressing_start_at_once_make_one_draft(pg_app):
    """Start on a phone and on a computer in the same instant: one draft, both devices in it."""
    resident_id = create_account("resident", phone="13500000077").id
    db.session.commit()
    rounds, seen = 8, []
    for _ in range(rounds):
        barrier, ids = threading.Barrier(2), []

        def press_start():
            with pg_app.test_request_context("/apply/start"):
                account = db.session.get(Account, resident_id)
                barrier.wait()
                ids.append(drafts.start_draft(account).id)
                db.session.remove()

        threads = [threading.Thread(target=press_start) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        stored = db.session.scalars(db.select(Application.id).where(
            Application.account_id == resident_id, Application.status == "draft")).all()
        seen.append((sorted(ids), sorted(stored)))
        db.session.execute(db.delete(Application).where(Application.account_id == resident_id))
        db.session.commit()
    assert all(len(stored) == 1 and ids == stored * 2 for ids, stored in seen), seen
