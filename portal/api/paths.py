"""OpenAPI description of the screening endpoint and of the document itself.

The examples are files beside this module: ``examples/screening_request.json`` and the
answer the API gives to it, ``examples/screening_response.json`` (English texts), and the same
pair for routing (``routing_request.json``, ``routing_response.json``). Tests check that the
API still gives exactly those answers; after a change of policy data or
texts, rewrite it with ``python -m portal.api.examples``.
"""
from __future__ import annotations

import json
from pathlib import Path

from portal.api.openapi import register
from portal.api.routing import with_routing
from portal.api.schemas import HOUSEHOLD_SCHEMAS, RESULT_SCHEMAS

EXAMPLES = Path(__file__).resolve().parent / "examples"


def load_example(name: str) -> dict:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


_LANGUAGE = {
    "name": "Accept-Language", "in": "header", "required": False,
    "description": "Language of texts and messages: zh-CN (default), zh-TW or en.",
    "schema": {"type": "string", "maxLength": 200}, "example": "en",
}

register("/api/v1/screenings", {
    "post": {
        "operationId": "createScreening",
        "tags": ["eligibility"],
        "summary": "Screen a household for every kind of social assistance",
        "description": (
            "Applies the eligibility rules to the household given and returns, for each of the 11 "
            "assistance types, a verdict (likely, possibly, unlikely, not_assessable), the reasons rule by "
            "rule with the article each rests on, what would change the result, the answers still missing, "
            "and for the minimum living allowance an estimated monthly amount. With the optional "
            "`jurisdiction` object (household registration, residence permit, where the household lives, "
            "where an emergency happened) it also answers, per request, where it goes (`routing`): the "
            "street office, the deciding authority, the basis with its article and the statutory time limits "
            "stage by stage, as a submitted application would be routed; or where to go instead, or which "
            "fact is missing. Nothing is stored. "
            "This is an estimate, not a decision: only the authority decides, after an application."
        ),
        "parameters": [_LANGUAGE],
        "requestBody": {
            "required": True,
            "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/ScreeningRequest"},
                "examples": {"family_of_three": {
                    "summary": "A couple and a son; the applicant is unemployed",
                    "value": load_example("screening_request.json"),
                }, "with_routing": {
                    "summary": "The same household, registered in Nanshan and living in Futian: where each request goes",
                    "value": load_example("routing_request.json"),
                }},
            }},
        },
        "responses": {
            "200": {
                "description": "The screening.",
                "headers": {"Content-Language": {"schema": {"type": "string"}}},
                "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Screening"},
                    "examples": {"family_of_three": {
                        "summary": "The answer to the request example, with Accept-Language: en",
                        "value": load_example("screening_response.json"),
                    }, "with_routing": {
                        "summary": "The answer to the routing example, with Accept-Language: en",
                        "value": load_example("routing_response.json"),
                    }},
                }},
            },
            "400": {"$ref": "#/components/responses/BadRequest"},
            "405": {"$ref": "#/components/responses/MethodNotAllowed"},
            "413": {"$ref": "#/components/responses/PayloadTooLarge"},
            "422": {"$ref": "#/components/responses/UnprocessableContent"},
        },
    },
}, with_routing({**HOUSEHOLD_SCHEMAS, **RESULT_SCHEMAS}))

register("/api/openapi.json", {
    "get": {
        "operationId": "getOpenApiDocument",
        "tags": ["meta"],
        "summary": "This OpenAPI 3.1 document",
        "responses": {"200": {
            "description": "The document.",
            "content": {"application/json": {"schema": {"type": "object", "required": ["openapi", "info", "paths"]}}},
        }},
    },
})
