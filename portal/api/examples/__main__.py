"""Rewrite screening_response.json: the API's English answer to screening_request.json.

Run after a change of policy data or texts: ``python -m portal.api.examples``.
"""
from __future__ import annotations

import json

from portal import create_app
from portal.api.paths import EXAMPLES, load_example
from portal.api.service import screen_payload


def main() -> None:
    app = create_app({"PORTAL_ENV": "testing", "TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with app.test_request_context(headers={"Accept-Language": "en"}):
        answer = screen_payload(load_example("screening_request.json"))
    text = json.dumps(answer, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    (EXAMPLES / "screening_response.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
