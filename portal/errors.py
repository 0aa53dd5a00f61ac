"""Friendly error pages in the user's language, for every error and a lapsed CSRF token."""
from __future__ import annotations

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from portal.extensions import db

_KNOWN = {400, 403, 404, 405, 413, 429}


def _kept_fields() -> list[tuple[str, str]]:
    """What the person typed, to put back into a fresh form (files cannot be kept)."""
    return [(k, v) for k, values in request.form.lists() if k != "csrf_token" for v in values]


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        # The token lapsed (long form, session expired) or is missing: offer to send the
        # same answers again with a fresh token, so nothing typed is lost.
        return render_template(
            "errors/csrf.html", fields=_kept_fields(), action=request.path
        ), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        template = f"errors/{code}.html" if code in _KNOWN else "errors/generic.html"
        response = error.get_response()
        body = render_template(template, code=code, description=getattr(error, "user_message", None))
        response.set_data(body)
        response.content_type = "text/html; charset=utf-8"
        return response

    @app.errorhandler(Exception)
    def server_error(error: Exception):
        db.session.rollback()
        app.logger.exception("unhandled error on %s %s", request.method, request.url_rule)
        return render_template("errors/500.html", code=500), 500
