"""Error answers of the JSON API: ``{"errors": [{"field", "code", "message"}]}``, messages in
the language of the request."""
from __future__ import annotations

from typing import Iterable

from flask import Response, jsonify
from flask_babel import lazy_gettext as _l

MESSAGES = {
    # Request as a whole
    "invalid_json": _l("The request body is not valid JSON."),
    "not_json": _l("Send the body as JSON, with the header Content-Type: application/json."),
    "too_large": _l("The request body is too large."),
    "not_found": _l("Nothing was found at this address."),
    "method_not_allowed": _l("This address does not accept this method."),
    "server_error": _l("Something went wrong on our side. Try again later."),
    "bad_request": _l("The request could not be understood."),
    "too_many_requests": _l("Too many requests. Wait a little and try again."),
    "error": _l("The request could not be handled."),
    # Values (codes of portal.domain.household_reader, plus the API's own limits)
    "required": _l("This field is required."),
    "unknown_field": _l("This field is not known. Check its spelling."),
    "not_an_object": _l("This must be a JSON object."),
    "not_a_list": _l("This must be a list."),
    "not_a_boolean": _l("This must be true or false."),
    "not_a_number": _l("This must be a number."),
    "not_an_integer": _l("This must be a whole number."),
    "too_precise": _l("Use at most 2 decimal places."),
    "negative": _l("This must not be negative."),
    "not_a_date": _l("This must be a date like 2025-07-01."),
    "future_date": _l("This must not be after the screening date."),
    "conflict": _l("This conflicts with another answer: give only one of them."),
    "unknown_choice": _l("This is not one of the allowed values."),
    "out_of_range": _l("This is outside the allowed range."),
    "not_allowed": _l("This is not allowed here."),
    "invalid": _l("This is not a valid value."),
    "no_applicant": _l("One member must have the relation \"self\"."),
    "multiple_applicants": _l("Only one member may have the relation \"self\"."),
    "multiple_spouses": _l("Only one member may be a spouse."),
    "too_many": _l("This list has too many items."),
    "too_long": _l("This text is too long."),
    # Jurisdiction facts (portal.api.routing)
    "office_not_in_district": _l("This street office is not in the district given: check both, or give only the office."),
    "shenzhen_region": _l("This is a Shenzhen code: give the district and street office, with in_shenzhen true."),
    "before_issued_on": _l("This date is before the date of issue."),
}
# A field's "too_large" is its value (an amount of 10^12 yuan or more), not the body.
FIELD_MESSAGES = {
    "too_large": _l("This amount is too large: it must be less than 1,000,000,000,000 yuan."),
}


# A floor area is read like an amount (portal.domain.household_reader) but is in square metres.
AREA_TOO_LARGE = _l("Check the floor area: it must be less than %(maximum)s square metres",
                    maximum="1,000,000,000,000")


def message(code: str, field: str = "") -> str:
    if code == "too_large" and field.endswith(".area_m2"):
        return str(AREA_TOO_LARGE)
    if field and code in FIELD_MESSAGES:
        return str(FIELD_MESSAGES[code])
    return str(MESSAGES.get(code, MESSAGES["invalid"]))


def error_body(problems: Iterable[tuple[str, str]]) -> dict:
    return {"errors": [{"field": field, "code": code, "message": message(code, field)}
                       for field, code in problems]}


def error_response(status: int, problems: Iterable[tuple[str, str]]) -> Response:
    response = jsonify(error_body(problems))
    response.status_code = status
    return response
