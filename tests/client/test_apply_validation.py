"""Every page's validation: messages next to the field in the user's language, what was typed
shown again, and no input, however malformed, giving a 500."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.apply.pages.fields import parse_day, parse_money
from portal.extensions import db
from portal.models import Application
from tests.factories import create_account, sign_in
from tests.helpers.pages import csrf_token, errors_of, get_page, page_of, submit
from tests.tools.walkthrough import resident_id

VALID_ID = resident_id("440305", "19700315", "113")

ID_MESSAGES = {
    # input: (Simplified, Traditional, English)
    "": ("请填写证件上的 18 位身份证号码", "請填寫證件上的 18 位身份證號碼", "Enter the 18-character ID number on the card"),
    "4403051970031511": ("身份证号码共 18 位：请检查是否填全", "身份證號碼共 18 位：請檢查是否填全",
                         "The ID number has 18 characters: check you have entered all of them"),
    "44030519700315113A": ("身份证号码由 17 位数字加 1 位数字或字母 X 组成", "身份證號碼由 17 位數字加 1 位數字或字母 X 組成",
                           "An ID number is 17 digits followed by a digit or the letter X"),
    "990305197003151130": ("前 2 位不是省级行政区代码：请核对证件上的号码", "前 2 位不是省級行政區代碼：請核對證件上的號碼",
                           "The first 2 digits are not a province code: check the number on the card"),
    "440305197002301130": ("第 7 至 14 位不是真实的出生日期：请核对证件上的号码", "第 7 至 14 位不是真實的出生日期：請核對證件上的號碼",
                           "Digits 7 to 14 are not a real birth date: check the number on the card"),
    "440305209901011130": ("这个身份证号码中的出生日期晚于今天：请核对证件上的号码", "這個身份證號碼中的出生日期晚於今天：請核對證件上的號碼",
                           "The birth date in this ID number is in the future: check the number on the card"),
    VALID_ID[:-1] + ("1" if VALID_ID[-1] != "1" else "2"): (
        "这个身份证号码无效，可能有字符填错：请核对证件上的号码", "這個身份證號碼無效，可能有字元填錯：請核對證件上的號碼",
        "This ID number is not valid: a character may be mistyped. Check the number on the card"),
}
LANGUAGES = ("zh_Hans", "zh_Hant", "en")


@pytest.fixture
def draft(client):
    account = create_account("resident")
    sign_in(client, account)
    response = submit(client, "/apply/new", {}, form_url="/apply")
    return int(response.headers["Location"].split("/")[2])


def _ready_for_money(client, app_id):
    for url, data in ((f"/apply/{app_id}/name", {"name": "王小明", "id_number": VALID_ID}),
                      (f"/apply/{app_id}/phone", {"phone": "13800138000"}),
                      (f"/apply/{app_id}/address", {"office_code": "44030506", "address": "科技路1号"}),
                      (f"/apply/{app_id}/hukou", {"where": "residence"}),
                      (f"/apply/{app_id}/marital", {"marital_status": "single"}),
                      (f"/apply/{app_id}/member-details/m1", {"student_stage": "none", "labour_capacity": "full",
                                                              "has_disability": "no", "serious_illness": "no",
                                                              "employment": "employed"}),
                      (f"/apply/{app_id}/household", {"add_another": "no"})):
        assert submit(client, url, data).status_code == 302, url


@pytest.mark.parametrize("typed", list(ID_MESSAGES))
@pytest.mark.parametrize("language", LANGUAGES)
def test_id_number_messages_per_reason_in_three_languages(client, draft, typed, language):
    client.get(f"/language/{language}")
    response = submit(client, f"/apply/{draft}/name", {"name": "王小明", "id_number": typed})
    soup = page_of(response, 200)
    assert errors_of(soup) == [ID_MESSAGES[typed][LANGUAGES.index(language)]]
    # The summary links to the field; the title says there is an error; what was typed is kept.
    assert soup.select_one(".error-summary a")["href"] == "#id_number"
    assert soup.title.get_text().startswith({"zh_Hans": "错误", "zh_Hant": "錯誤", "en": "Error"}[language])
    assert soup.select_one("#id_number").get("value", "") == typed
    assert soup.select_one("#name")["value"] == "王小明"


def test_id_number_accepts_spaces_lower_case_x_and_full_width_digits(client, draft):
    number = resident_id("110101", "19900307", "771")
    typed = number[:6] + " " + number[6:14] + " " + number[14:].lower()
    typed = typed.replace("1", "１")
    assert submit(client, f"/apply/{draft}/name", {"name": "李四", "id_number": typed}).status_code == 302
    assert db.session.get(Application, draft).answers["about"]["id_number"] == number


MONEY_MESSAGES = {
    "-5": ("金额不能是负数", "金額不能是負數", "The amount cannot be negative"),
    "12.345": ("最多填写 2 位小数（分），例如 1234.50", "最多填寫 2 位小數（分），例如 1234.50",
               "Enter at most 2 decimal places (fen), like 1234.50"),
    "about 300": ("请只用数字填写金额（元），例如 1234.50", "請只用數字填寫金額（元），例如 1234.50",
                  "Enter the amount in yuan using numbers only, like 1234.50"),
    "1e9": ("请只用数字填写金额（元），例如 1234.50", "請只用數字填寫金額（元），例如 1234.50",
            "Enter the amount in yuan using numbers only, like 1234.50"),
    "99999999999999999999999": ("请检查金额：必须小于 10,000,000,000 元", "請檢查金額：必須小於 10,000,000,000 元",
                                "Check the amount: it must be less than 10,000,000,000 yuan"),
    "1000000000000000": ("请检查金额：必须小于 10,000,000,000 元", "請檢查金額：必須小於 10,000,000,000 元",
                         "Check the amount: it must be less than 10,000,000,000 yuan"),  # 10^15
}


@pytest.mark.parametrize("typed", list(MONEY_MESSAGES))
@pytest.mark.parametrize("language", LANGUAGES)
def test_money_messages_in_three_languages_keep_the_other_answers(client, draft, typed, language):
    _ready_for_money(client, draft)
    client.get(f"/language/{language}")
    data = {"deposits": typed, "securities": "1,234.50", "insurance_cash_value": "0", "receivables": "0"}
    soup = page_of(submit(client, f"/apply/{draft}/savings", data), 200)
    assert errors_of(soup) == [MONEY_MESSAGES[typed][LANGUAGES.index(language)]]
    assert soup.select_one("#securities")["value"] == "1,234.50"
    assert soup.select_one("#deposits").get("value", "") == typed


@pytest.mark.parametrize("typed, stored", [("1,234.50", "1234.50"), ("1234.5", "1234.5"), ("１２３４．５", "1234.5"),
                                           ("¥ 800", "800"), ("0", "0"), ("3 000元", "3000")])
def test_money_is_read_the_way_people_type_it(typed, stored):
    amount, problem = parse_money(typed)
    assert problem is None and format(amount, "f") == stored


def test_dates_in_the_future_are_refused_where_that_makes_no_sense(client, draft):
    _ready_for_money(client, draft)
    for url, data in ((f"/apply/{draft}/costs", {"costs": "none"}),
                      (f"/apply/{draft}/situation", {"situations": "emergency"})):
        assert submit(client, url, data).status_code == 302
    client.get("/language/en")
    data = {"kind": "fire", "date": "2999-01-01", "office_code": "44030506", "affected": "me", "description": "火灾"}
    soup = page_of(submit(client, f"/apply/{draft}/emergency", data), 200)
    assert errors_of(soup) == ["The date cannot be in the future"]
    data["date"] = "2024-02-30"
    assert errors_of(page_of(submit(client, f"/apply/{draft}/emergency", data), 200)) == ["Enter a real date, like 2024-03-01"]
    assert parse_day("2024年3月1日")[0].isoformat() == "2024-03-01"


def test_every_required_question_says_what_to_do_in_english(client, draft):
    client.get("/language/en")
    soup = page_of(submit(client, f"/apply/{draft}/name", {}), 200)
    assert errors_of(soup) == ["Enter your full name as on your ID card", "Enter the 18-character ID number on the card"]
    soup = page_of(submit(client, f"/apply/{draft}/hukou", {}), 200)
    assert errors_of(soup) == ["Choose where your household registration is"]
    soup = page_of(submit(client, f"/apply/{draft}/hukou", {"where": "moon"}), 200)
    assert errors_of(soup) == ["Choose one of the options shown"]


def test_none_of_these_cannot_be_combined(client, draft):
    _ready_for_money(client, draft)
    client.get("/language/zh_Hant")
    soup = page_of(submit(client, f"/apply/{draft}/income-sources/m1", {"sources": ["none", "wages"]}), 200)
    assert errors_of(soup) == ["請單獨選擇“以上都沒有”，或選擇符合的選項"]


def test_control_characters_are_removed_and_long_text_refused(client, draft):
    name = "王\x00小\x07明\u200b"
    assert submit(client, f"/apply/{draft}/name", {"name": name, "id_number": VALID_ID}).status_code == 302
    assert db.session.get(Application, draft).answers["about"]["name"] == "王小明\u200b"
    client.get("/language/en")
    soup = page_of(submit(client, f"/apply/{draft}/name", {"name": "王" * 51, "id_number": VALID_ID}), 200)
    assert errors_of(soup) == ["Use at most 50 characters"]


page_data = st.dictionaries(
    st.sampled_from(["name", "id_number", "phone", "office_code", "address", "where", "deposits", "sources",
                     "add_another", "student_stage", "more", "then", "types", "kind", "date"]),
    st.one_of(st.text(max_size=40), st.lists(st.text(max_size=10), max_size=3)), max_size=6)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(step=st.sampled_from(["name", "phone", "address", "hukou", "marital", "savings", "member-details/m1",
                             "member/new", "income-sources/m1", "types", "emergency", "household"]),
       data=page_data)
def test_malformed_posts_never_give_a_500(client, draft, step, data):
    soup = get_page(client, f"/apply/{draft}")
    response = client.post(f"/apply/{draft}/{step}", data={"csrf_token": csrf_token(soup), **data})
    assert response.status_code in (200, 302, 404), response.status_code
    if response.status_code == 200:
        page_of(response, 200)
