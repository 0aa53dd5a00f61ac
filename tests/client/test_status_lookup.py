"""Status without an account: the look-up page and the JSON API, the same answer for any wrong
pair, rate limits per reference and per client."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from portal.extensions import db
from portal.tracking.transitions import perform
from tests.factories import create_account, create_application
from tests.helpers.pages import errors_of, get_page, page_of, submit

ID = "440305199001011234"


def _application(**kw):
    application = create_application(types=("dibao", "medical"), name="王秘密", id_number=ID, **kw)
    perform(application.requests[0], "not_accept", create_account("caseworker"),
            {"reason": "户籍不在本街道，私密理由"}, now=datetime(2026, 10, 12, 2, 0, tzinfo=timezone.utc))
    db.session.commit()
    return application


def test_lookup_shows_the_timeline_without_personal_data(client):
    application = _application()
    client.get("/language/en")
    page = page_of(submit(client, "/status", {"reference": application.reference.lower().replace("-", " "),
                                              "verifier": "01 1234"}))
    text = page.get_text(" ", strip=True)
    assert "Minimum living allowance" in text and "Not accepted" in text and "Medical assistance" in text
    for secret in ("王秘密", ID, "私密理由"):
        assert secret not in text
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_reference_from_the_receipt_link_is_filled_in(client):
    page = get_page(client, "/status?reference=SZ-7KQM-2DRT-P")
    assert page.find("input", attrs={"name": "reference"})["value"] == "SZ-7KQM-2DRT-P"


def test_wrong_reference_and_wrong_verifier_get_the_same_answer(client):
    application = _application()
    other = create_application(id_number="440305198001015678")
    client.get("/language/en")
    answers = []
    for reference, verifier in ((application.reference, "999999"), (other.reference, "011234"),
                                ("SZ-2222-2222-2", "011234")):
        from portal.domain.reference import is_valid_reference

        if not is_valid_reference(reference):
            continue
        page = page_of(submit(client, "/status", {"reference": reference, "verifier": verifier}))
        answers.append(errors_of(page))
    assert len(answers) >= 2 and all(a == answers[0] for a in answers)
    assert answers[0] == ["We could not find an application with this reference number and these 6 characters. "
                          "Check both and try again."]


@pytest.mark.parametrize("reference, verifier, expected", [
    ("", "", ["Enter the reference number", "Enter the last 6 characters of the applicant's ID number"]),
    ("SZ-7KQM-2DRT-Q", "12345", ["Check the reference number: it looks like SZ-7KQM-2DRT-P",
                                 "Enter 6 characters: digits, and the last one may be X"]),
    ("x" * 10000, "\x00\x01" * 5, ["Check the reference number: it looks like SZ-7KQM-2DRT-P",
                                   "Enter 6 characters: digits, and the last one may be X"]),
])
def test_malformed_input_is_explained_and_kept(client, reference, verifier, expected):
    client.get("/language/en")
    page = page_of(submit(client, "/status", {"reference": reference, "verifier": verifier}))
    assert errors_of(page) == expected


def test_attempts_are_limited_per_reference(client):
    application = _application()
    client.application.config["STATUS_LOOKUP_PER_REFERENCE"] = 3
    client.get("/language/en")
    for _ in range(3):
        assert submit(client, "/status", {"reference": application.reference, "verifier": "999999"}).status_code == 200
    response = submit(client, "/status", {"reference": application.reference, "verifier": "011234"})
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
    assert "Try again in" in page_of(response, 429).get_text()
    # Another reference from the same client is still answered.
    other = create_application(id_number="440305198001015678")
    assert submit(client, "/status", {"reference": other.reference, "verifier": "015678"}).status_code == 200


def test_attempts_are_limited_per_client_address(client):
    client.application.config["STATUS_LOOKUP_PER_CLIENT"] = 2
    references = [create_application(id_number="440305198001015678").reference for _ in range(3)]
    codes = [submit(client, "/status", {"reference": r, "verifier": "000000"}).status_code for r in references]
    assert codes == [200, 200, 429]
    elsewhere = client.application.test_client()
    response = submit(elsewhere, "/status", {"reference": references[0], "verifier": "000000"},
                      environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert response.status_code == 200


def test_api_answers_json_without_personal_data(client):
    application = _application()
    response = client.get(f"/api/v1/applications/{application.reference}/status",
                          headers={"X-Verifier": "011234", "Accept-Language": "en"})
    assert response.status_code == 200 and response.is_json
    body = response.get_json()
    assert body["reference"] == application.reference
    first = body["requests"][0]
    assert (first["type"], first["state"], first["step"]) == ("dibao", "NOT_ACCEPTED", "acceptance")
    assert first["events"][0]["action"] == "not_accept" and first["office"]["code"] == "44030506"
    for secret in ("王秘密", ID, "私密理由"):
        assert secret not in response.get_data(as_text=True)


def test_api_same_404_for_wrong_reference_or_verifier_and_429_with_retry_after(client):
    application = _application()
    client.application.config["STATUS_LOOKUP_PER_REFERENCE"] = 2
    wrong_verifier = client.get(f"/api/v1/applications/{application.reference}/status", headers={"X-Verifier": "999999"})
    wrong_reference = client.get("/api/v1/applications/SZ-0000/status", headers={"X-Verifier": "011234"})
    assert wrong_verifier.status_code == wrong_reference.status_code == 404
    assert wrong_verifier.get_json() == wrong_reference.get_json()
    limited = client.get(f"/api/v1/applications/{application.reference}/status", headers={"X-Verifier": "011234"})
    limited = client.get(f"/api/v1/applications/{application.reference}/status", headers={"X-Verifier": "011234"})
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0
    assert limited.get_json()["errors"][0]["code"] == "too_many_attempts"
    missing = client.get(f"/api/v1/applications/{application.reference}/status")
    assert missing.status_code == 400 and missing.get_json()["errors"][0]["field"] == "X-Verifier"


def test_api_is_in_the_openapi_document(client):
    document = client.get("/api/openapi.json").get_json()
    operation = document["paths"]["/api/v1/applications/{reference}/status"]["get"]
    assert set(operation["responses"]) == {"200", "400", "404", "429"}
    assert "ApplicationStatus" in document["components"]["schemas"]
