"""The session cookie: sent only when its contents change, never on a response a shared cache
may keep, and expiring when the server-side session does.

Flask's stock interface re-sends a permanent session's cookie on every response that touched
the session, static files included. A front server or CDN that caches ``/static/`` could then
hand one resident's signed cookie to the next visitor. Here:

- the cookie is written only when the session's contents differ from what the request brought
  (sign-in, sign-out, a session that ended, a first CSRF token, a saved pre-check answer);
- a response that a shared cache may store (no ``no-store``, no ``private``) never carries it:
  should a change ever coincide with such a response, the response is made ``no-store``, so the
  change is kept and nothing is cached (the static route does not read the session at all, so
  this is a safety net, not the normal path);
- a signed-in cookie expires at ``until``, the moment the server-side session reaches its
  absolute lifetime (``SESSION_MAX_HOURS`` after sign-in); a cookie before sign-in lasts as long
  as the browser session.
"""
from __future__ import annotations

from datetime import datetime, timezone

from flask import Flask
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface

UNTIL = "until"


def shared_cacheable(response) -> bool:
    """Whether a shared cache may store this response (RFC 9111 section 3: unless no-store or
    private). Heuristic freshness makes a response without Cache-Control storable too."""
    control = response.cache_control
    return not (control.no_store or control.private)


class _TrackedSession(SecureCookieSession):
    """Remembers what the cookie held when the request came in."""

    def __init__(self, initial=None) -> None:
        super().__init__(initial)
        self.loaded = dict(self)


class PortalSessionInterface(SecureCookieSessionInterface):
    session_class = _TrackedSession

    def should_set_cookie(self, app: Flask, session) -> bool:
        # ``session.pop("next", None)`` marks the session modified although nothing changed;
        # compare contents instead, so an unchanged session is never re-sent.
        return dict(session) != getattr(session, "loaded", None)

    def get_expiration_time(self, app: Flask, session) -> datetime | None:
        if not session.permanent:
            return None
        until = session.get(UNTIL)
        if isinstance(until, int):
            return datetime.fromtimestamp(until, timezone.utc)
        return super().get_expiration_time(app, session)

    def save_session(self, app: Flask, session, response) -> None:
        if not self.should_set_cookie(app, session):
            if session.accessed:
                response.vary.add("Cookie")
            return
        if shared_cacheable(response):
            response.headers["Cache-Control"] = "no-store"
        # The stock code deletes an emptied cookie and writes a changed one; "modified" tells
        # it that this session has changed (our comparison above already decided so).
        session.modified = True
        super().save_session(app, session, response)


def init_app(app: Flask) -> None:
    app.session_interface = PortalSessionInterface()
