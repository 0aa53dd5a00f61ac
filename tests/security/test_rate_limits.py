"""Issue 9.4: rate limits on staff sign-in (per username, per client) and code requests (per
client), kept in the database; clear "try again in N minutes" answers that reveal nothing."""
from __future__ import annotations

from tests.factories import create_account
from tests.helpers.pages import errors_of, page_of, submit


def _staff(client, username, password="wrong password"):
    return submit(client, "/staff/sign-in", {"username": username, "password": password})


def test_staff_sign_in_is_limited_per_username_even_with_the_right_password(app, client):
    create_account("caseworker", username="cw-limited", password="right password 123")
    for _ in range(10):
        assert _staff(client, "cw-limited").status_code == 200
    response = _staff(client, "cw-limited", "right password 123")
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
    assert any("请" in e or "分钟" in e for e in errors_of(page_of(response, 429)))
    client.get("/language/en")
    response = _staff(client, "cw-limited", "right password 123")
    assert "Too many sign-in attempts. Try again in" in " ".join(errors_of(page_of(response, 429)))
    # An unknown username is answered the same way: nothing tells which usernames exist.
    for _ in range(10):
        _staff(client, "no-such-user")
    assert _staff(client, "no-such-user").status_code == 429


def test_staff_sign_in_is_limited_per_client_address(app, client):
    app.config["STAFF_SIGN_IN_PER_CLIENT"] = 5
    create_account("caseworker", username="cw-fine", password="right password 123")
    for n in range(5):
        assert _staff(client, f"guess-{n}").status_code == 200
    assert _staff(client, "cw-fine", "right password 123").status_code == 429
    other = app.test_client()
    response = other.get("/staff/sign-in", environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert response.status_code == 200


def test_code_requests_are_limited_per_client_across_phone_numbers(app, client):
    app.config["CODE_REQUESTS_PER_CLIENT"] = 3
    for n in range(3):
        assert submit(client, "/sign-in", {"phone": f"1380013{n:04d}"}).status_code == 302
    response = submit(client, "/sign-in", {"phone": "13800139999"})
    assert response.status_code == 429
    assert "分钟" in response.get_data(as_text=True)
