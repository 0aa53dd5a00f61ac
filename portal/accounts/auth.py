"""Who is signed in, for how long, and what they may reach.

The cookie holds only a random session id; the row in auth_sessions decides whether the
session is still valid (not revoked, not idle for too long, not older than its absolute
lifetime, which is also when the cookie expires: see portal.accounts.cookie).
"""
from __future__ import annotations

import secrets
from datetime import timedelta
from functools import wraps
from typing import Callable
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, g, redirect, request, session, url_for
from sqlalchemy import bindparam

from portal.accounts import cookie, display
from portal.accounts.cookie import UNTIL
from portal.accounts.pending import keep_posted_form
from portal.extensions import db
from portal.i18n import COOKIE as LANGUAGE_COOKIE
from portal.i18n import normalise
from portal.models import Account, AuthSession, Role, utcnow

_TOUCH_EVERY = timedelta(seconds=60)
# The session and its account in one query, built once: every signed-in request starts with it.
_SESSION_AND_ACCOUNT = (db.select(AuthSession, Account).join(Account, Account.id == AuthSession.account_id)
                        .where(AuthSession.id == bindparam("sid")))


def current_account() -> Account | None:
    return getattr(g, "account", None)


def _load_account() -> None:
    g.account = None
    g.auth_session = None
    if request.endpoint == "static":
        # Static files are the same for everyone and cached by browsers and front servers:
        # they never read the session, so they never answer with Vary: Cookie or Set-Cookie.
        return
    sid = session.get("sid")
    if not sid:
        return
    found = db.session.execute(_SESSION_AND_ACCOUNT, {"sid": sid}).first() if isinstance(sid, str) else None
    row, account = found if found is not None else (None, None)
    now = utcnow()
    idle = timedelta(minutes=_idle_minutes())
    if (row is None or row.revoked_at is not None or now - row.last_seen_at > idle
            or now - row.created_at > max_lifetime()):
        _forget_sid()
        g.session_expired = row is not None
        return
    if account is None or not account.active:
        _forget_sid()
        return
    if now - row.last_seen_at > _TOUCH_EVERY:
        row.last_seen_at = now
        db.session.commit()
    g.account = account
    g.auth_session = row


def _idle_minutes() -> int:
    return int(current_app.config["IDLE_TIMEOUT_MINUTES"])


def max_lifetime() -> timedelta:
    """How long a session may last however active it is (the cookie's lifetime too)."""
    return current_app.permanent_session_lifetime


def _forget_sid() -> None:
    """The server-side session is over: the cookie keeps the rest (a CSRF token) until the
    browser closes, no longer than that."""
    session.pop("sid", None)
    session.pop(UNTIL, None)
    session.permanent = False


def start_session(account: Account) -> None:
    """Sign in: a brand-new session id (never reuse the one from before sign-in), and a
    cookie that expires when the server-side session's absolute lifetime ends."""
    kept = {key: session[key] for key in ("lang", "pending_post") if key in session}
    session.clear()
    sid = secrets.token_urlsafe(32)
    now = utcnow().replace(microsecond=0)
    db.session.add(AuthSession(id=sid, account_id=account.id, created_at=now, last_seen_at=now))
    account.last_sign_in_at = now
    # The language the visitor was reading just before signing in stays: it becomes
    # the account's, which otherwise wins over the cookie and switched the page at sign-in.
    chosen = normalise(request.cookies.get(LANGUAGE_COOKIE))
    if chosen:
        account.locale = chosen
    session["sid"] = sid
    session[UNTIL] = int((now + max_lifetime()).timestamp())
    session.permanent = True
    session.update(kept)


def end_session() -> None:
    row = getattr(g, "auth_session", None)
    if row is not None:
        row.revoked_at = utcnow()
    session.clear()


def end_all_sessions(account: Account) -> int:
    """Revoke every session of the account on every device; returns how many."""
    now = utcnow()
    rows = db.session.scalars(
        db.select(AuthSession).where(AuthSession.account_id == account.id, AuthSession.revoked_at.is_(None))
    ).all()
    for row in rows:
        row.revoked_at = now
    session.clear()
    return len(rows)


def safe_next(target: str | None, default: str) -> str:
    """Only same-site relative paths, so sign-in cannot become an open redirect."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


def _to_sign_in(staff: bool = False):
    """Anonymous: sign in first. A POST (a session that ended mid-form) keeps its answers.

    A page only staff may open sends the visitor to the staff sign-in (username and password),
    not to the residents' SMS sign-in, where a caseworker whose session ended would be lost."""
    endpoint = "accounts.staff_sign_in" if staff else "accounts.sign_in"
    if request.method == "POST":
        keep_posted_form()
        return redirect(url_for(endpoint, next=url_for("accounts.resume")))
    return redirect(url_for(endpoint, next=request.full_path.rstrip("?")))


def login_required(view: Callable) -> Callable:
    @wraps(view)
    def wrapped(*args, **kwargs):
        if current_account() is None:
            return _to_sign_in()
        return view(*args, **kwargs)

    return wrapped


def roles_required(*roles: str) -> Callable:
    """Anonymous visitors go to sign-in; signed-in accounts of another role get 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            account = current_account()
            if account is None:
                return _to_sign_in(staff=Role.RESIDENT.value not in roles)
            if account.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def init_app(app: Flask) -> None:
    cookie.init_app(app)
    display.init_app(app)
    app.before_request(_load_account)

    @app.context_processor
    def auth_context():
        return {"current_account": current_account()}
