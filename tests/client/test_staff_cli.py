"""`flask staff create|disable|enable|reset`: a fresh deployment makes its first administrator."""
from __future__ import annotations

import re

from portal.extensions import db
from portal.models import Account, AdminEvent, AuthSession
from tests.factories import create_account, sign_in
from tests.helpers.pages import submit

CODE = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")


def _run(app, *args):
    return app.test_cli_runner().invoke(args=["staff", *args])


def test_first_admin_from_the_shell_signs_in_with_the_printed_code(app):
    assert db.session.scalar(db.select(db.func.count()).select_from(Account)) == 0  # no demo data
    result = _run(app, "create", "first.admin", "--role", "admin", "--name", "系统管理员")
    assert result.exit_code == 0, result.output
    code = CODE.search(result.output).group(0)
    account = db.session.scalar(db.select(Account).where(Account.username == "first.admin"))
    assert account.role == "admin" and account.password_hash is None
    [entry] = db.session.scalars(db.select(AdminEvent)).all()
    assert (entry.action, entry.via, entry.actor_account_id, entry.target_account_id) == \
        ("staff_created", "shell", None, account.id)
    assert "shell_user" in entry.data and code not in str(entry.data)
    client = app.test_client()
    response = submit(client, "/staff/sign-in", {"username": "first.admin", "password": code})
    assert response.headers["Location"].endswith("/staff/set-password")
    submit(client, "/staff/set-password", {"password": "harbour kite morning", "confirm": "harbour kite morning"},
           status=302)
    assert client.get("/admin").status_code == 200


def test_create_refuses_what_the_page_refuses(app):
    result = _run(app, "create", "cw", "--role", "caseworker", "--name", "x")
    assert result.exit_code != 0 and "3 to 64 characters" in result.output
    result = _run(app, "create", "cw.one", "--role", "caseworker", "--name", "x")
    assert result.exit_code != 0 and "street office" in result.output
    result = _run(app, "create", "cw.one", "--role", "caseworker", "--name", "陈", "--office", "44030506")
    assert result.exit_code == 0, result.output
    again = _run(app, "create", "cw.one", "--role", "caseworker", "--name", "陈", "--office", "44030506")
    assert again.exit_code != 0 and "already in use" in again.output


def test_disable_ends_sessions_and_the_last_admin_stays(app):
    admin = create_account("admin", username="only.admin")
    worker = create_account("caseworker", username="leaver")
    client = app.test_client()
    sign_in(client, worker)
    result = _run(app, "disable", "leaver")
    assert result.exit_code == 0 and "sessions ended: 1" in result.output
    assert client.get("/office").status_code == 302
    assert db.session.scalar(db.select(AuthSession.revoked_at).where(AuthSession.account_id == worker.id)) is not None
    refused = _run(app, "disable", "only.admin")
    assert refused.exit_code != 0 and "only active administrator" in refused.output
    assert db.session.get(Account, admin.id, populate_existing=True).active
    assert _run(app, "enable", "leaver").exit_code == 0
    assert db.session.get(Account, worker.id, populate_existing=True).active
    assert _run(app, "disable", "nobody").exit_code != 0


def test_reset_prints_a_new_code_and_the_old_password_stops(app):
    worker = create_account("caseworker", username="forgetful", password="correct horse battery")
    result = _run(app, "reset", "forgetful")
    assert result.exit_code == 0
    code = CODE.search(result.output).group(0)
    client = app.test_client()
    assert submit(client, "/staff/sign-in", {"username": "forgetful", "password": "correct horse battery"}).status_code == 200
    assert submit(client, "/staff/sign-in", {"username": "forgetful", "password": code}).status_code == 302
    actions = [e.action for e in db.session.scalars(db.select(AdminEvent).where(AdminEvent.target_account_id == worker.id))]
    assert actions == ["staff_password_reset"]
