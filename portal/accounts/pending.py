"""Keep what a person posted when their session had ended, and offer it back after sign-in.

A long form on a slow phone can outlive the idle timeout; the answers must not be lost.
"""
from __future__ import annotations

import secrets
from datetime import timedelta

from flask import request, session

from portal.extensions import db
from portal.models import PendingPost, utcnow

KEEP_FOR = timedelta(hours=24)
_MAX_FIELDS = 400


def keep_posted_form() -> None:
    """Store the current POST's fields (not files, not the CSRF token) for after sign-in."""
    fields = [(k, v) for k, values in request.form.lists() if k != "csrf_token" for v in values][:_MAX_FIELDS]
    if not fields:
        return
    db.session.execute(db.delete(PendingPost).where(PendingPost.created_at < utcnow() - KEEP_FOR))
    token = secrets.token_urlsafe(32)
    db.session.add(PendingPost(token=token, path=request.path, fields=fields))
    db.session.commit()
    session["pending_post"] = token


def take_pending() -> PendingPost | None:
    """The kept form for this browser, once; None if there is none or it is too old."""
    token = session.pop("pending_post", None)
    if not token:
        return None
    row = db.session.get(PendingPost, token)
    if row is None:
        return None
    db.session.delete(row)
    db.session.commit()
    return row if utcnow() - row.created_at <= KEEP_FOR else None
