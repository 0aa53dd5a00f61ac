"""The JSON answer of ``GET /api/v1/applications/{reference}/status`` (see status/openapi.py)."""
from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from portal.domain import workflow
from portal.domain.reference import normalise_reference
from portal.filters import place_name
from portal.status.forms import VERIFIER_SHAPE, normalise_verifier
from portal.status.lookup import lookup
from portal.status.timeline import ApplicationView, RequestView


def _error(field: str, code: str, message: str) -> dict[str, Any]:
    return {"errors": [{"field": field, "code": code, "message": message}]}


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _request(view: RequestView) -> dict[str, Any]:
    request = view.request
    return {
        "type": request.type,
        "type_label": view.type_label,
        "state": request.status,
        "state_label": view.state_label,
        "step": workflow.step_for(request.type, request.status),
        "step_label": view.step_label,
        "office": {"code": view.office.code, "name": place_name(view.office)} if view.office else None,
        "due_on": _iso(view.due_on),
        "deadline_on": _iso(view.deadline_on),
        "next_step": view.next_code,
        "next_step_text": view.next_text,
        "events": [{"at": _iso(e.at), "action": e.action, "action_label": e.label, "to_state": e.to_state}
                   for e in view.events],
    }


def document(view: ApplicationView) -> dict[str, Any]:
    return {
        "reference": view.application.reference,
        "submitted_at": _iso(view.application.submitted_at),
        "requests": [_request(r) for r in view.requests],
    }


def status_document(reference: str, verifier: str | None, client: str) -> tuple[dict[str, Any], int, dict[str, str]]:
    """(body, HTTP status, headers) for a status request; never raises for bad input."""
    given = normalise_verifier(verifier)
    if not given or not VERIFIER_SHAPE.match(given):
        return _error("X-Verifier", "invalid_verifier",
                      _("Send the last 6 characters of the applicant's ID number in the X-Verifier header.")), 400, {}
    outcome = lookup(normalise_reference(reference)[:40], given, client)
    if outcome.limited:
        return (_error("", "too_many_attempts", _("Too many attempts. Try again later.")), 429,
                {"Retry-After": str(outcome.retry_after)})
    if not outcome.found:
        return _error("", "not_found", _("No application matches this reference number and verifier.")), 404, {}
    return document(outcome.view), 200, {}
