"""The OpenAPI 3.1 document of the JSON API, assembled from what each capability registers.

Each API module registers its paths when it is imported (the API blueprint imports them):

    from portal.api.openapi import register
    register("/api/v1/things/{id}", {"get": {...}}, schemas={"Thing": {...}})

Shared pieces others may ``$ref``:
- ``#/components/schemas/Errors``: the body of every error answer,
  ``{"errors": [{"field": "members[1].age", "code": "out_of_range", "message": "..."}]}``;
- ``#/components/responses/BadRequest``, ``NotFound``, ``MethodNotAllowed``,
  ``PayloadTooLarge``, ``UnprocessableContent``: error answers with that body.

``document()`` returns a fresh dict each time, so callers may change their copy.
"""
from __future__ import annotations

import copy
from typing import Any

_PATHS: dict[str, dict[str, Any]] = {}
_SCHEMAS: dict[str, dict[str, Any]] = {}

ERROR_SCHEMAS: dict[str, dict[str, Any]] = {
    "Error": {
        "type": "object",
        "description": "One problem with the request.",
        "required": ["field", "code", "message"],
        "additionalProperties": False,
        "properties": {
            "field": {"type": "string", "description": "Path of the offending field, e.g. `members[1].age`; empty when the problem is the request as a whole."},
            "code": {"type": "string", "description": "Stable machine-readable code, e.g. `out_of_range`, `invalid_json`."},
            "message": {"type": "string", "description": "The problem in words, in the language asked for with Accept-Language."},
        },
    },
    "Errors": {
        "type": "object",
        "required": ["errors"],
        "additionalProperties": False,
        "properties": {"errors": {"type": "array", "minItems": 1, "items": {"$ref": "#/components/schemas/Error"}}},
        "examples": [{"errors": [{"field": "members[0].age", "code": "out_of_range",
                                  "message": "Enter an age from 0 to 130."}]}],
    },
}


def _error_response(description: str, code: str, message: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Errors"},
            "example": {"errors": [{"field": "", "code": code, "message": message}]},
        }},
    }


RESPONSES: dict[str, dict[str, Any]] = {
    "BadRequest": _error_response("The body is not a JSON document, or not sent as application/json.",
                                  "invalid_json", "The request body is not valid JSON."),
    "NotFound": _error_response("Nothing at this address.", "not_found", "Nothing was found at this address."),
    "MethodNotAllowed": _error_response("This address does not answer this method.", "method_not_allowed",
                                        "This address does not accept this method."),
    "PayloadTooLarge": _error_response("The body is larger than the API accepts.", "too_large",
                                       "The request body is too large."),
    "UnprocessableContent": _error_response("Valid JSON, but some values are not acceptable; one entry per problem.",
                                            "out_of_range", "Enter an age from 0 to 130."),
}


def register(path: str, path_item: dict[str, Any], schemas: dict[str, dict[str, Any]] | None = None) -> None:
    """Add (or replace) the operations of ``path`` and the component schemas they use.

    Methods already registered for the path are merged, so two modules may describe
    different methods of one path; a schema name used twice must describe the same thing.
    """
    if not path.startswith("/"):
        raise ValueError(f"an OpenAPI path starts with '/': {path!r}")
    _PATHS.setdefault(path, {}).update(copy.deepcopy(path_item))
    for name, schema in (schemas or {}).items():
        if name in _SCHEMAS and _SCHEMAS[name] != schema:
            raise ValueError(f"component schema {name!r} is already registered with another definition")
        _SCHEMAS[name] = copy.deepcopy(schema)


def document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "info": {
            "title": "Shenzhen social assistance portal API",
            "version": "1.0.0",
            "summary": "Eligibility screening and status look-ups for one-window social assistance.",
            "description": (
                "JSON in, JSON out. Errors are always JSON with an `errors` list naming each bad field. "
                "Texts (`text`, `label`, `message`) follow the Accept-Language header: "
                "`zh-CN` (default), `zh-TW` or `en`. A screening is an estimate from the answers "
                "given, never a decision."
            ),
        },
        "servers": [{"url": "/", "description": "This portal"}],
        "paths": copy.deepcopy(dict(sorted(_PATHS.items()))),
        "components": {
            "schemas": copy.deepcopy({**ERROR_SCHEMAS, **dict(sorted(_SCHEMAS.items()))}),
            "responses": copy.deepcopy(RESPONSES),
        },
    }
