"""The JSON API under /api/v1 and its OpenAPI document at /api/openapi.json.

JSON in and out, errors included: API errors answer ``{"errors": [...]}`` with 400/422, and
any other error under /api/ (unknown address, wrong method, body too large, a server error)
is turned into the same shape by ``json_errors_under_api`` instead of an HTML page.
"""
from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request

from portal.api import paths  # noqa: F401  (registers the OpenAPI description of these routes)
from portal.api.messages import error_body, error_response
from portal.api.openapi import document
from portal.api.service import ApiError, read_json, screen_payload
from portal.extensions import csrf
from portal.i18n import HTML_LANG, current_locale

bp = Blueprint("api", __name__)
# A JSON API is called by programs without a session or a form, so there is no CSRF token;
# it changes no state and reads no cookie-bound data.
csrf.exempt(bp)

BODY_LIMIT = 64 * 1024  # a household of 20 people with every answer is well under 16 KiB
_STATUS_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "too_large",
                 429: "too_many_requests", 500: "server_error"}


@bp.before_request
def limit_body() -> None:
    request.max_content_length = BODY_LIMIT


@bp.errorhandler(ApiError)
def api_error(error: ApiError) -> Response:
    return error_response(error.status, error.problems)


@bp.post("/api/v1/screenings")
def create_screening():
    payload = read_json(request.get_data(cache=False), request.mimetype)
    return jsonify(screen_payload(payload))


@bp.get("/api/openapi.json")
def openapi_document():
    return jsonify(document())


@bp.after_app_request
def json_errors_under_api(response: Response) -> Response:
    if not request.path.startswith("/api/"):
        return response
    response.headers["Content-Language"] = HTML_LANG.get(current_locale(), "zh-Hans")
    response.vary.add("Accept-Language")
    if response.status_code >= 400 and response.mimetype != "application/json":
        code = _STATUS_CODES.get(response.status_code, "error")
        response.set_data(current_app.json.dumps(error_body([("", code)])))
        response.mimetype = "application/json"
    return response
