"""Issue 18 item 5: an amount too large is answered for that field, not as a body too large."""
from __future__ import annotations

import pytest

from tests.client.test_api import ONE, post


def body(amount) -> dict:
    return dict(ONE, members=[dict(ONE["members"][0], income=[{"category": "wages", "amount": amount}])])


@pytest.mark.parametrize("language, words", [
    ("en", "amount is too large"), ("zh-CN", "金额过大"), ("zh-TW", "金額過大"),
])
@pytest.mark.parametrize("amount", [10 ** 15, "1000000000000000", "1e15", 10 ** 12])
def test_an_amount_of_ten_to_the_fifteen_is_too_large_an_amount(client, amount, language, words):
    response = post(client, body(amount), **{"Accept-Language": language})
    assert response.status_code == 422
    [error] = response.get_json()["errors"]
    assert (error["field"], error["code"]) == ("members[0].income[0].amount", "too_large")
    assert words in error["message"]
    assert "request" not in error["message"] and "请求" not in error["message"]


def test_one_fen_below_the_limit_is_screened(client):
    response = post(client, body("999999999999.99"))
    assert response.status_code == 200


def test_a_body_too_large_is_still_the_body(client):
    response = post(client, dict(body(1), pad="x" * 70_000), **{"Accept-Language": "en"})
    assert response.status_code == 413
    [error] = response.get_json()["errors"]
    assert error["field"] == "" and error["message"] == "The request body is too large."
