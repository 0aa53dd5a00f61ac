"""Issue 21.1: no response a shared cache may keep carries the session cookie, and the cookie
is sent only when it changes, with the server-side session's lifetime.

"May keep" follows RFC 9111 (section 3): a shared cache may store a response unless its
Cache-Control says ``no-store`` or ``private``; a response without Cache-Control can be
cached heuristically, so it counts as storable. The definition is written out here on purpose
rather than imported from the code under test.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from portal.config import PROJECT_ROOT
from portal.extensions import db
from portal.models import AuthSession
from tests.security import matrix as M
from tests.security.conftest import clients_for
from tests.security.world import ROLES

COOKIE = "portal_session"
STATIC_FILES = sorted(p.relative_to(PROJECT_ROOT / "static").as_posix()
                      for p in (PROJECT_ROOT / "static").rglob("*") if p.is_file())
ERRORS = ["/no-such-page", "/static/no-such-file.css", "/apply/987654321", "/office/cases/NO-SUCH-REF"]


def storable_by_shared_cache(response) -> bool:
    directives = {part.strip().split("=")[0].lower() for part in response.headers.get("Cache-Control", "").split(",")}
    return not directives & {"no-store", "private"}


def session_cookies(response) -> list[str]:
    return [h for h in response.headers.getlist("Set-Cookie") if h.startswith(COOKIE + "=")]


def kind(url: str, response) -> str:
    mimetype = response.mimetype
    if response.status_code >= 400:
        return "error"
    if url.startswith("/static/"):
        return "static"
    if mimetype == "application/pdf":
        return "pdf"
    if mimetype == "application/json":
        return "api"
    if mimetype == "text/html":
        return "page"
    return mimetype or str(response.status_code)


def get_urls(world) -> list[str]:
    rows = [url for (method, _rule), (url, _expected, _data) in sorted(M.rows(world).items()) if method == "GET"]
    # The language switch sets its own cookie and redirects; it is walked like the rest.
    return list(dict.fromkeys(rows + [f"/static/{name}" for name in STATIC_FILES] + ERRORS))


def _walk(clients, urls):
    seen = []
    for role in ROLES:
        for url in urls:
            response = clients[role].get(url)
            seen.append((role, url, response))
    return seen


def test_no_cacheable_response_carries_the_session_cookie(world_app):
    """Every GET route of the access matrix, every static file and error pages, as each role."""
    app, world = world_app

    @app.get("/boom-test-only")
    def boom():
        raise RuntimeError("boom")

    clients = clients_for(app, world)

    urls = get_urls(world) + ["/boom-test-only"]
    seen = _walk(clients, urls)
    kinds = {kind(url, response) for _role, url, response in seen}
    assert {"page", "static", "pdf", "api", "error"} <= kinds, kinds
    assert any(r.status_code == 500 for _role, _url, r in seen)
    leaking = [(role, url, response.headers.get("Cache-Control")) for role, url, response in seen
               if storable_by_shared_cache(response) and response.headers.getlist("Set-Cookie")]
    assert not leaking, leaking
    # Static files really are cacheable (the walk would pass vacuously if nothing were), and
    # they do not even read the session: no Vary: Cookie, no cookie, for anyone.
    static = [r for _role, url, r in seen if url.startswith("/static/") and r.status_code == 200]
    assert len(static) == len(ROLES) * len(STATIC_FILES)
    assert all(storable_by_shared_cache(r) and "max-age" in r.headers["Cache-Control"] for r in static)
    assert not [r.headers.get("Vary") for r in static if "cookie" in r.headers.get("Vary", "").lower()]


def test_the_session_cookie_is_sent_only_when_it_changes(world_app):
    """A second walk over the same pages changes nothing in the session: no cookie at all."""
    app, world = world_app
    clients = clients_for(app, world)
    urls = [u for u in get_urls(world) if not u.startswith("/language/")]
    first = _walk(clients, urls)
    sent_first = sum(1 for _role, _url, r in first if session_cookies(r))
    # The first pages give each visitor a CSRF token (a change), then nothing more.
    assert 0 < sent_first <= 3 * len(ROLES), sent_first
    again = [(role, url) for role, url, r in _walk(clients, urls) if session_cookies(r)]
    assert not again, again


def test_static_files_do_not_load_the_signed_in_session(app, client):
    from tests.factories import create_account, sign_in

    sid = sign_in(client, create_account("resident"))
    old = datetime.now(timezone.utc) - timedelta(minutes=10)
    db.session.execute(db.update(AuthSession).where(AuthSession.id == sid).values(last_seen_at=old))
    db.session.commit()
    for name in STATIC_FILES:
        response = client.get(f"/static/{name}")
        assert response.status_code == 200 and not response.headers.getlist("Set-Cookie")
    # Had the static route read the session, it would have refreshed last_seen_at.
    row = db.session.get(AuthSession, sid, populate_existing=True)
    assert abs((row.last_seen_at - old).total_seconds()) < 1
    assert client.get("/home").status_code == 200
    assert db.session.get(AuthSession, sid, populate_existing=True).last_seen_at > old + timedelta(minutes=9)


def test_a_change_on_a_public_response_makes_it_uncacheable_not_shared(app, client):
    """The safety net: should a public response ever change the session, it stops being
    storable rather than carrying the cookie to a cache."""
    from flask import session

    @app.get("/public-change-test-only")
    def public_change():
        session["seen"] = True
        return "same for everyone", 200, {"Cache-Control": "public, max-age=60"}

    # security.py makes everything but static no-store; this hook (run after it) stands in for
    # a future public route that someone made cacheable.
    app.after_request_funcs.setdefault(None, []).insert(0, _public_for("/public-change-test-only"))
    response = client.get("/public-change-test-only")
    assert session_cookies(response), "the change must still reach the browser"
    assert not storable_by_shared_cache(response), response.headers.get("Cache-Control")
    unchanged = client.get("/public-change-test-only")
    assert not session_cookies(unchanged) and storable_by_shared_cache(unchanged)


def _public_for(path: str):
    from flask import request

    def make_public(response):
        if request.path == path:
            response.headers["Cache-Control"] = "public, max-age=60"
        return response

    return make_public


def _expires(header: str) -> datetime | None:
    from email.utils import parsedate_to_datetime

    for part in header.split(";"):
        name, _, value = part.strip().partition("=")
        if name.lower() == "expires":
            return parsedate_to_datetime(value)
    return None


def test_signed_in_cookie_expires_with_the_server_side_session(app, client):
    from tests.client.test_sign_in import enter, request_code

    code = request_code(client)
    before = session_cookies(client.get("/sign-in"))
    assert not before  # the sign-in page's token was already set by the code request
    response = enter(client, code)
    cookies = session_cookies(response)
    assert len(cookies) == 1
    row = db.session.scalars(db.select(AuthSession)).one()
    lifetime = app.permanent_session_lifetime
    assert lifetime == timedelta(hours=12)
    assert _expires(cookies[0]) == row.created_at + lifetime
    # Within its lifetime the session works and the cookie is not re-sent ...
    home = client.get("/home")
    assert home.status_code == 200
    # ... (apart from the page's first CSRF token after sign-in, which is a change) ...
    assert not session_cookies(client.get("/home"))
    # ... and once the lifetime is over the server refuses it however recently it was used.
    row.created_at = row.created_at - lifetime
    db.session.commit()
    ended = client.get("/home")
    assert ended.status_code == 302 and ended.headers["Location"].startswith("/sign-in")
    rewritten = session_cookies(ended)
    assert rewritten and _expires(rewritten[0]) is None  # what is left lasts the browser session
    assert client.get("/my/applications").status_code == 302


def _contents(app, header: str) -> dict:
    value = header.split(";", 1)[0].split("=", 1)[1]
    return app.session_interface.get_signing_serializer(app).loads(value)


def test_sign_out_ends_the_cookie(app, client):
    from tests.client.test_sign_in import enter, request_code
    from tests.helpers.pages import csrf_token, get_page

    enter(client, request_code(client))
    token = csrf_token(get_page(client, "/home"))
    cookies = session_cookies(client.post("/sign-out", data={"csrf_token": token}))
    # What is left is the "you have signed out" notice, for this browser session only.
    assert len(cookies) == 1 and _expires(cookies[0]) is None
    assert set(_contents(app, cookies[0])) == {"_flashes"}
    shown = session_cookies(client.get("/"))
    assert len(shown) == 1 and "Expires=Thu, 01 Jan 1970" in shown[0]  # notice shown: cookie deleted


@pytest.mark.parametrize("url", ["/", "/check", "/status", "/api/openapi.json"])
def test_anonymous_public_pages_are_not_shared_cacheable(client, url):
    """Public pages still carry a CSRF token or the visitor's language: no-store for them too."""
    response = client.get(url)
    assert response.status_code == 200 and not storable_by_shared_cache(response)


def test_static_path_list_is_not_empty():
    assert STATIC_FILES and all(Path(PROJECT_ROOT / "static" / name).is_file() for name in STATIC_FILES)
