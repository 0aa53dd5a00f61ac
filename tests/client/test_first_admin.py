"""Issue 15: a production deployment with no demo data gets its first administrator from the
shell, on a database built by the migrations (not create_all), and that administrator brings in
the first caseworker through the pages. The same commands the README gives, in that order."""
from __future__ import annotations

import re

import pytest

from portal import create_app
from portal.extensions import db
from portal.models import Account, AdminEvent
from tests.conftest import FreshGlobalsClient
from tests.helpers.pages import get_page, page_of, submit

CODE = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")
FRONT_SERVER = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_X_FORWARDED_FOR": "203.0.113.9",
                "HTTP_REFERER": "https://localhost/"}


@pytest.fixture
def production(monkeypatch, tmp_path):
    """An app started as in production, on an empty database file nothing has touched yet."""
    values = {"PORTAL_ENV": "production", "SECRET_KEY": "first-admin-test-secret-" + "k" * 32,
              "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}", "DATA_KEY": "first-admin-test-data-key",
              "UPLOAD_DIR": str(tmp_path / "uploads"), "PORTAL_INSTANCE": str(tmp_path), "SMS_SENDER": "null",
              "PROXY_HOPS": "1"}
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    app = create_app()
    app.test_client_class = FreshGlobalsClient
    assert app.config["PORTAL_ENV"] == "production" and not app.config["TESTING"]
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _flask(app, *args) -> str:
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, (args, result.output, result.exception)
    return result.output


def _client(app):
    client = app.test_client()
    client.environ_base.update(FRONT_SERVER)  # https through the front server, as deployed
    client.get("/language/en")
    return client


def _choose_password(client, username: str, code: str, password: str) -> None:
    response = submit(client, "/staff/sign-in", {"username": username, "password": code})
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff/set-password")
    submit(client, "/staff/set-password", {"password": password, "confirm": password}, status=302)


def test_staff_commands_cover_create_disable_enable_and_reset(production):
    listed = _flask(production, "staff", "--help")
    for command in ("create", "disable", "enable", "reset"):
        assert re.search(rf"^\s+{command}\s", listed, re.M), listed


def test_first_admin_on_an_empty_migrated_database_brings_in_a_caseworker(production):
    _flask(production, "db", "upgrade")
    assert "74 street offices" in _flask(production, "seed", "--no-demo")
    with production.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Account)) == 0  # no demo data
        assert db.session.scalar(db.text("SELECT version_num FROM alembic_version"))

    output = _flask(production, "staff", "create", "first.admin", "--role", "admin", "--name", "系统管理员")
    code = CODE.search(output).group(0)
    assert "/staff/sign-in" in output

    with production.app_context():
        admin = _client(production)
        # The code is the first password, once; the administrator chooses their own.
        _choose_password(admin, "first.admin", code, "harbour kite morning")
        assert "Administration" in get_page(admin, "/admin").h1.get_text()
        created = page_of(submit(admin, "/admin/staff/new", {
            "display_name": "陈经办", "username": "chen.jingban", "role": "caseworker",
            "office_code": "44030506", "district_code": ""}))
        worker_code = CODE.search(created.get_text()).group(0)

        worker = _client(production)
        _choose_password(worker, "chen.jingban", worker_code, "river stone lantern")
        assert worker.get("/office").status_code == 200
        assert admin.get("/admin/staff/new").status_code == 200
        assert worker.get("/admin").status_code == 403

        # The administrator sees the caseworker's last sign-in; the trail has both creations.
        listing = get_page(admin, "/admin/staff").get_text()
        assert "陈经办" in listing and "Never" not in listing
        actions = [(e.action, e.via) for e in db.session.scalars(db.select(AdminEvent).order_by(AdminEvent.id))]
        assert actions == [("staff_created", "shell"), ("password_chosen", "web"),
                           ("staff_created", "web"), ("password_chosen", "web")]
        trail = get_page(admin, "/admin/audit").get_text()
        assert "shell, user" in trail and "系统管理员 (first.admin)" in trail

    # A second `create` of the same name is refused; the shell can end the caseworker's access.
    again = production.test_cli_runner().invoke(args=["staff", "create", "first.admin", "--role", "admin",
                                                      "--name", "x"])
    assert again.exit_code != 0 and "already in use" in again.output
    assert "sessions ended: 1" in _flask(production, "staff", "disable", "chen.jingban")
    with production.app_context():
        assert worker.get("/office").status_code == 302
