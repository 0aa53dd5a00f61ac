"""Rewrite the examples' answers: the API's English answer to each request example.

Run after a change of policy data or texts: ``python -m portal.api.examples``.
"""
from __future__ import annotations

import json

from portal import create_app
from portal.api.paths import EXAMPLES, load_example
from portal.api.service import screen_payload
from portal.extensions import db
from portal.reference.offices import load_offices

# request example -> the answer written beside it
PAIRS = {"screening_request.json": "screening_response.json", "routing_request.json": "routing_response.json"}


def main() -> None:
    app = create_app({"PORTAL_ENV": "testing", "TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with app.app_context():  # an empty in-memory database with the offices, as the tests have
        db.create_all()
        load_offices()
    for request, response in PAIRS.items():
        with app.test_request_context(headers={"Accept-Language": "en"}):
            answer = screen_payload(load_example(request))
        text = json.dumps(answer, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        (EXAMPLES / response).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
