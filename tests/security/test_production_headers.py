"""Issue 21.2: the headers a live portal answers with, proven on an app started as production
(``PORTAL_ENV=production`` with its required secrets), behind one front server that
terminates HTTPS and passes the client address (``PROXY_HOPS=1``), as the README shows."""
from __future__ import annotations

import shutil

import pytest

from portal import create_app
from portal.extensions import db
from portal.ratelimit import client_key
from tests.conftest import FreshGlobalsClient
from tests.helpers.pages import csrf_token, get_page

CLIENT_ADDRESS = "203.0.113.7"  # documentation range (RFC 5737)
FRONT_SERVER = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_X_FORWARDED_FOR": CLIENT_ADDRESS,
                "HTTP_REFERER": "https://localhost/"}


def _production_app(monkeypatch, sqlite_template, tmp_path, **env):
    shutil.copy(sqlite_template, tmp_path / "portal.sqlite3")
    values = {"PORTAL_ENV": "production", "SECRET_KEY": "production-test-secret-" + "k" * 32,
              "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}", "DATA_KEY": "production-test-data-key",
              "UPLOAD_DIR": str(tmp_path / "uploads"), "PORTAL_INSTANCE": str(tmp_path), "SMS_SENDER": "null",
              **env}
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    app = create_app()
    app.test_client_class = FreshGlobalsClient
    assert app.config["PORTAL_ENV"] == "production" and not app.config["TESTING"] and not app.debug

    @app.get("/client-address-test-only")
    def address():
        return client_key()

    @app.get("/boom-test-only")
    def boom():
        raise RuntimeError("boom")

    return app


@pytest.fixture
def production(monkeypatch, sqlite_template, tmp_path):
    app = _production_app(monkeypatch, sqlite_template, tmp_path, PROXY_HOPS="1")
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def front_client(app):
    client = app.test_client()
    client.environ_base.update(FRONT_SERVER)
    return client


def _cookie(response, name: str) -> str:
    found = [h for h in response.headers.getlist("Set-Cookie") if h.startswith(name + "=")]
    assert len(found) == 1, response.headers.getlist("Set-Cookie")
    return found[0]


def _attributes(header: str) -> set[str]:
    return {part.strip().split("=")[0].lower() for part in header.split(";")[1:]}


def _sign_in(client, phone="13800138000"):
    import re

    from portal.models import Message

    soup = get_page(client, "/sign-in")
    assert client.post("/sign-in", data={"csrf_token": csrf_token(soup), "phone": phone}).status_code == 302
    code = re.search(r"\d{6}", db.session.scalars(db.select(Message).order_by(Message.id.desc())).first().body).group(0)
    soup = get_page(client, "/sign-in/code")
    return client.post("/sign-in/code", data={"csrf_token": csrf_token(soup), "code": code})


URLS = ["/", "/sign-in", "/check", "/status", "/static/css/site.css", "/static/js/session.js",
        "/api/openapi.json", "/no-such-page", "/home", "/boom-test-only", "/language/en"]


def _check_headers(url, response):
    headers = response.headers
    hsts = headers.get("Strict-Transport-Security", "")
    assert hsts.startswith("max-age=") and int(hsts.split("=")[1].split(";")[0]) >= 31536000, (url, hsts)
    assert headers.get("Cross-Origin-Opener-Policy") == "same-origin", url
    assert headers.get("Cross-Origin-Resource-Policy") == "same-origin", url
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"] and headers["X-Content-Type-Options"] == "nosniff"


def test_every_kind_of_response_carries_the_production_headers(production):
    client = front_client(production)
    for url in URLS:
        _check_headers(url, client.get(url))
    assert _sign_in(client).status_code == 302
    assert client.get("/my/applications").status_code == 200  # the Secure cookie came back
    for url in URLS + ["/my/applications", "/session/ping"]:
        _check_headers(url, client.get(url))


def test_cookies_are_secure_and_http_only(production):
    client = front_client(production)
    response = _sign_in(client)
    session_cookie = _cookie(response, "portal_session")
    assert {"secure", "httponly", "samesite", "expires"} <= _attributes(session_cookie), session_cookie
    assert "samesite=lax" in session_cookie.lower()
    language = _cookie(client.get("/language/en?next=/home"), "lang")
    assert {"secure", "httponly", "samesite"} <= _attributes(language), language
    signed_out = _cookie(client.post("/sign-out", data={"csrf_token": csrf_token(get_page(client, "/home"))}),
                         "portal_session")
    assert {"secure", "httponly"} <= _attributes(signed_out), signed_out


def test_language_cookie_is_secure_even_when_the_front_server_forgets_the_scheme(production):
    client = production.test_client()
    client.environ_base.update({"HTTP_X_FORWARDED_FOR": CLIENT_ADDRESS})
    assert {"secure", "httponly"} <= _attributes(_cookie(client.get("/language/zh_Hant"), "lang"))


def test_client_address_comes_from_the_front_server(production):
    assert front_client(production).get("/client-address-test-only").get_data(as_text=True) == CLIENT_ADDRESS


def test_forwarded_address_is_ignored_without_a_trusted_front_server(monkeypatch, sqlite_template, tmp_path):
    """Without PROXY_HOPS a client could claim any address and escape the per-client limits."""
    app = _production_app(monkeypatch, sqlite_template, tmp_path)
    with app.app_context():
        seen = front_client(app).get("/client-address-test-only").get_data(as_text=True)
        db.engine.dispose()
    assert seen == "127.0.0.1"


def test_error_pages_in_production_hide_the_error_and_keep_the_headers(production):
    response = front_client(production).get("/boom-test-only")
    body = response.get_data(as_text=True)
    assert response.status_code == 500 and "RuntimeError" not in body and "Traceback" not in body
    _check_headers("/boom-test-only", response)
    assert response.headers["Cache-Control"] == "no-store"
