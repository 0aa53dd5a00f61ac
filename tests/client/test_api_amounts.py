"""Issue 18 item 5: an amount too large is answered for that field, not as a body too large."""
from __future__ import annotations

import json

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


@pytest.mark.parametrize("number", ["1" + "0" * 5000, "1e400", "-1e400", "1E999999999999999999"])
def test_numbers_too_long_or_too_large_for_python_are_still_too_large_amounts(client, number):
    """Valid JSON numbers that Python will not turn into an int (over 4300 digits) or a finite
    float: the amount is too large, not the body "not valid JSON" nor the amount "not a number"."""
    data = json.dumps(body(0)).replace('"amount": 0', f'"amount": {number}')
    response = client.post("/api/v1/screenings", data=data,
                           headers={"Content-Type": "application/json", "Accept-Language": "en"})
    assert response.status_code == 422
    [error] = response.get_json()["errors"]
    assert (error["field"], error["code"]) == ("members[0].income[0].amount", "too_large")
    assert "amount is too large" in error["message"]


def test_a_long_number_where_a_list_belongs_is_named_as_that_field(client):
    response = client.post("/api/v1/screenings", data='{"members": ' + "9" * 5000 + "}",
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert [(e["field"], e["code"]) for e in response.get_json()["errors"]] == [("members", "not_a_list")]


@pytest.mark.parametrize("language, words", [
    ("en", "floor area"), ("zh-CN", "建筑面积"), ("zh-TW", "建築面積"),
])
def test_a_floor_area_too_large_is_not_called_an_amount_of_yuan(client, language, words):
    request = dict(ONE, assets={"houses": [{"use": "other", "area_m2": 10 ** 15}]})
    response = post(client, request, **{"Accept-Language": language})
    [error] = response.get_json()["errors"]
    assert (error["field"], error["code"]) == ("assets.houses[0].area_m2", "too_large")
    assert words in error["message"] and "yuan" not in error["message"] and "元" not in error["message"]
