"""The development-only outbox page, where a developer reads sign-in codes."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template

from portal.extensions import db
from portal.models import Message

bp = Blueprint("notify", __name__)


@bp.get("/dev/outbox")
def dev_outbox():
    if not current_app.config.get("SHOW_DEV_OUTBOX"):
        abort(404)
    messages = db.session.scalars(db.select(Message).order_by(Message.id.desc()).limit(50)).all()
    return render_template("dev/outbox.html", messages=messages)
