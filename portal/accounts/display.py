"""长者模式 (elderly mode): larger type and targets, more space, plainer words on the
resident's pages; the same pages, not a second site.

Switched from a link on every page and kept in a cookie of its own, as the language is: it
needs no account, works without JavaScript, and outlives signing in and out (sign-in replaces
only the session cookie). Pages read it through ``elderly_mode`` (a class on <html> and CSS do
the rest) and ``plainer(standard, plain)`` where a plainer wording exists.
"""
from __future__ import annotations

from flask import Flask, has_request_context, request

COOKIE = "elderly"
ON = "1"
STATES = {"on": True, "off": False}


def is_on() -> bool:
    """Off outside a request: documents and messages rendered by a command or a worker."""
    return has_request_context() and request.cookies.get(COOKIE) == ON


def init_app(app: Flask) -> None:
    @app.context_processor
    def display_context():
        on = is_on()
        return {"elderly_mode": on, "plainer": (lambda standard, plain: plain if on else standard)}
