"""Fixtures shared by every test: apps on SQLite and on a real PostgreSQL server."""
from __future__ import annotations

import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

os.environ.setdefault("PORTAL_ENV", "testing")

from flask import g, has_app_context
from flask.testing import FlaskClient

from portal import create_app
from portal.extensions import db
from portal.reference.offices import load_offices
from tests.helpers.postgres import PostgresServer, find_bindir

REFERENCE_TABLES = {"districts", "offices", "alembic_version"}


class FreshGlobalsClient(FlaskClient):
    """Requests reuse the test's app context (so they share its db.session); ``g`` must
    still start empty for each request, as it does in a real server."""

    def open(self, *args, **kwargs):
        if has_app_context():
            g.__dict__.clear()
        return super().open(*args, **kwargs)


def make_app(url: str, tmp: Path):
    app = create_app(_overrides(url, tmp))
    app.test_client_class = FreshGlobalsClient
    return app


def _overrides(url: str, tmp: Path) -> dict:
    return {
        "PORTAL_ENV": "testing",
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": "test-secret",
        "SMS_SENDER": "null",
        "UPLOAD_DIR": str(tmp / "uploads"),
        "INSTANCE_DIR": str(tmp),
        "SHOW_DEV_OUTBOX": True,
    }


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A schema with reference data, built once and copied for each test."""
    folder = tmp_path_factory.mktemp("sqlite-template")
    path = folder / "template.sqlite3"
    app = create_app(_overrides(f"sqlite:///{path}", folder))
    with app.app_context():
        db.create_all()
        load_offices()
        db.engine.dispose()
    return path


@pytest.fixture
def sqlite_app(sqlite_template, tmp_path):
    path = tmp_path / "portal.sqlite3"
    shutil.copy(sqlite_template, path)
    app = make_app(f"sqlite:///{path}", tmp_path)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="session")
def pg_server():
    if find_bindir() is None:
        pytest.skip("no PostgreSQL server binaries on this machine (make test installs them)")
    server = PostgresServer.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_url(pg_server, tmp_path_factory) -> str:
    """One database built by the Alembic migrations (not create_all), reused by every test."""
    from flask_migrate import upgrade

    url = pg_server.create_database("portal_test")
    app = create_app(_overrides(url, tmp_path_factory.mktemp("pg")))
    with app.app_context():
        upgrade(revision="heads")
        load_offices()
        db.engine.dispose()
    return url


def _truncate_all(app) -> None:
    tables = [t.name for t in db.metadata.sorted_tables if t.name not in REFERENCE_TABLES]
    if tables:
        db.session.execute(db.text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
        db.session.commit()


@pytest.fixture
def pg_app(pg_url, tmp_path):
    app = make_app(pg_url, tmp_path)
    with app.app_context():
        _truncate_all(app)
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_app(request):
    """Runs the test twice: on SQLite and on the real PostgreSQL server."""
    name = "sqlite_app" if request.param == "sqlite" else "pg_app"
    return request.getfixturevalue(name)


@pytest.fixture
def app(sqlite_app):
    return sqlite_app


@pytest.fixture
def client(app):
    return app.test_client()


# The rate limiter counts in fixed windows aligned on the epoch (portal/ratelimit.py). A test
# that makes N attempts and expects the N+1st refused would fail whenever its attempts straddle
# a window boundary (seen once in CI under load: a 900 s window ended mid-test). Each test gets
# a fresh database, so the limiter's clock is held still at one instant: no test can cross a
# boundary. Tests of window arithmetic pass ``now=`` explicitly and are unaffected.
_LIMITER_INSTANT = datetime(2026, 12, 7, 1, 7, 30, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def _still_rate_limit_clock(monkeypatch):
    import portal.ratelimit

    monkeypatch.setattr(portal.ratelimit, "utcnow", lambda: _LIMITER_INSTANT)
