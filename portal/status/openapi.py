"""OpenAPI description of ``GET /api/v1/applications/{reference}/status`` (registered on import)."""
from __future__ import annotations

from typing import Any

from portal.api.openapi import register as add
from portal.domain.workflow_tables import STEP, WORKFLOWS

PATH = "/api/v1/applications/{reference}/status"

_DATE = {"type": ["string", "null"], "format": "date"}
_STATES = sorted({str(s) for wf in WORKFLOWS.values() for s in wf.states})
_STEPS = sorted(set(STEP.values()) | {"recognised"})

SCHEMAS: dict[str, dict[str, Any]] = {
    "StatusEvent": {
        "type": "object",
        "additionalProperties": False,
        "required": ["at", "action", "action_label", "to_state"],
        "properties": {
            "at": {"type": "string", "format": "date-time"},
            "action": {"type": "string", "description": "Workflow action code, e.g. `accept`."},
            "action_label": {"type": "string"},
            "to_state": {"type": ["string", "null"]},
        },
    },
    "RequestStatus": {
        "type": "object",
        "additionalProperties": False,
        "required": ["type", "type_label", "state", "state_label", "step", "step_label", "office", "due_on",
                     "deadline_on", "next_step", "next_step_text", "events"],
        "properties": {
            "type": {"type": "string", "enum": sorted(str(t) for t in WORKFLOWS)},
            "type_label": {"type": "string"},
            "state": {"type": "string", "enum": _STATES},
            "state_label": {"type": "string"},
            "step": {"type": "string", "enum": _STEPS},
            "step_label": {"type": "string"},
            "office": {
                "type": ["object", "null"],
                "additionalProperties": False,
                "required": ["code", "name"],
                "properties": {"code": {"type": "string"}, "name": {"type": "string"}},
            },
            "due_on": {**_DATE, "description": "When the office must act on the current step (or the notice ends)."},
            "deadline_on": {**_DATE, "description": "The statutory deadline for the decision, while one runs."},
            "next_step": {"type": ["string", "null"], "description": "What the applicant must do now, as a code."},
            "next_step_text": {"type": "string"},
            "events": {"type": "array", "items": {"$ref": "#/components/schemas/StatusEvent"},
                       "description": "Newest first."},
        },
    },
    "ApplicationStatus": {
        "type": "object",
        "additionalProperties": False,
        "required": ["reference", "submitted_at", "requests"],
        "properties": {
            "reference": {"type": "string", "pattern": "^SZ-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]$"},
            "submitted_at": {"type": ["string", "null"], "format": "date-time"},
            "requests": {"type": "array", "items": {"$ref": "#/components/schemas/RequestStatus"}},
        },
        "examples": [{
            "reference": "SZ-7KQM-2DRT-P",
            "submitted_at": "2026-10-12T02:30:00+00:00",
            "requests": [{
                "type": "dibao", "type_label": "Minimum living allowance", "state": "INVESTIGATING",
                "state_label": "Household checks under way", "step": "investigation", "step_label": "Household checks",
                "office": {"code": "44030506", "name": "Yuehai Subdistrict"}, "due_on": None,
                "deadline_on": "2026-11-24", "next_step": "cooperate_with_investigation",
                "next_step_text": "The office may call you, ask for documents or visit. Please help with the checks.",
                "events": [{"at": "2026-10-13T01:00:00+00:00", "action": "start_investigation",
                            "action_label": "Start the household checks", "to_state": "INVESTIGATING"}],
            }],
        }],
    },
}

_NOT_FOUND = {"errors": [{"field": "", "code": "not_found",
                          "message": "No application matches this reference number and verifier."}]}

PATH_ITEM: dict[str, Any] = {
    "get": {
        "operationId": "getApplicationStatus",
        "summary": "Where an application stands, without signing in",
        "description": (
            "Each request of the application with its current step, the date by which the office must act, "
            "what the applicant must do now and the timeline, without personal data. The verifier (the last 6 "
            "characters of the applicant's ID number) goes in a header, never in the address. A wrong reference "
            "and a wrong verifier get the same 404. Attempts are limited per reference and per client address; "
            "over the limit the answer is 429 with Retry-After."
        ),
        "tags": ["status"],
        "parameters": [
            {"name": "reference", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 40},
             "example": "SZ-7KQM-2DRT-P"},
            {"name": "X-Verifier", "in": "header", "required": True,
             "schema": {"type": "string", "maxLength": 40}, "example": "12345X",
             "description": "The last 6 characters of the applicant's ID number."},
        ],
        "responses": {
            "200": {"description": "The application's status.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApplicationStatus"}}}},
            "400": {"description": "The verifier header is missing or not 6 characters.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}}},
            "404": {"description": "No application matches this reference and verifier.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"},
                                                      "example": _NOT_FOUND}}},
            "429": {"description": "Too many attempts; try again after Retry-After seconds.",
                    "headers": {"Retry-After": {"schema": {"type": "integer", "minimum": 1}}},
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}}},
        },
    },
}


def register() -> None:
    add(PATH, PATH_ITEM, SCHEMAS)
