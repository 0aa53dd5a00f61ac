import re
from datetime import timedelta

import pytest

from portal.extensions import db
from portal.models import Account, AuthSession, Message, OneTimeCode
from tests.factories import create_account, sign_in
from tests.helpers.pages import csrf_token, errors_of, get_page, page_of, submit

WRONG = {
    "zh_Hans": "验证码不正确，请核对短信后重试。剩余次数：4。",
    "zh_Hant": "驗證碼不正確，請核對簡訊後重試。剩餘次數：4。",
    "en": "That code is not right. Check the text message and try again. Tries left: 4.",
}
EXPIRED = {"zh_Hans": "验证码已过期，请重新获取。", "zh_Hant": "驗證碼已過期，請重新獲取。", "en": "That code has expired. Ask for a new code."}
LOCKED = {"zh_Hans": "输错验证码次数过多，请重新获取。", "zh_Hant": "輸錯驗證碼次數過多，請重新獲取。", "en": "Too many wrong codes. Ask for a new code."}
BAD_PHONE = {
    "zh_Hans": "请输入11位内地手机号码，例如 138 0013 8000",
    "zh_Hant": "請輸入11位內地手機號碼，例如 138 0013 8000",
    "en": "Enter an 11-digit mainland mobile number, like 138 0013 8000",
}


def request_code(client, phone="13800138000"):
    response = submit(client, "/sign-in", {"phone": phone})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    message = db.session.scalars(db.select(Message).order_by(Message.id.desc())).first()
    return re.search(r"\d{6}", message.body).group(0)


def enter(client, code):
    return submit(client, "/sign-in/code", {"code": code})


def test_resident_signs_in_with_a_code_and_an_account_is_created(any_app):
    client = any_app.test_client()
    code = request_code(client, "+86 138 0013 8000")
    assert db.session.scalar(db.select(OneTimeCode)).code_hash != code  # only a hash is stored
    response = enter(client, code)
    assert response.status_code == 302 and response.headers["Location"] == "/home"
    account = db.session.scalar(db.select(Account).where(Account.phone == "13800138000"))
    assert account.role == "resident" and account.locale == "zh_Hans"
    soup = get_page(client, "/home")
    assert "138****8000" in soup.get_text()


def test_sms_text_carries_the_code_but_no_phone_number(client):
    request_code(client)
    message = db.session.scalar(db.select(Message))
    assert message.channel == "sms" and "13800138000" not in message.body and message.locale == "zh_Hans"


def test_code_is_single_use(client):
    code = request_code(client)
    enter(client, code)
    client.post("/sign-out", data={"csrf_token": csrf_token(get_page(client, "/home"))})
    # The code page without a pending code goes back to the phone page.
    assert client.get("/sign-in/code").headers["Location"] == "/sign-in"


@pytest.mark.parametrize("locale", ["zh_Hans", "zh_Hant", "en"])
def test_wrong_code_says_so_in_the_chosen_language(client, locale):
    client.get(f"/language/{locale}")
    code = request_code(client)
    wrong = "000000" if code != "000000" else "111111"
    soup = page_of(enter(client, wrong))
    assert errors_of(soup) == [WRONG[locale]]
    assert soup.title.get_text().startswith({"zh_Hans": "错误：", "zh_Hant": "錯誤：", "en": "Error:"}[locale])
    assert soup.select_one(".error-summary a")["href"] == "#code"


@pytest.mark.parametrize("locale", ["zh_Hans", "zh_Hant", "en"])
def test_expired_code_is_refused(client, locale):
    client.get(f"/language/{locale}")
    code = request_code(client)
    row = db.session.scalar(db.select(OneTimeCode))
    row.expires_at = row.created_at - timedelta(seconds=1)
    db.session.commit()
    soup = page_of(enter(client, code))
    assert errors_of(soup) == [EXPIRED[locale]]
    assert db.session.scalar(db.select(AuthSession)) is None


@pytest.mark.parametrize("locale", ["zh_Hans", "zh_Hant", "en"])
def test_sixth_attempt_is_refused_even_with_the_right_code(client, locale):
    client.get(f"/language/{locale}")
    code = request_code(client)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        enter(client, wrong)
    soup = page_of(enter(client, code))
    assert errors_of(soup) == [LOCKED[locale]]
    assert db.session.scalar(db.select(AuthSession)) is None


@pytest.mark.parametrize("locale", ["zh_Hans", "zh_Hant", "en"])
@pytest.mark.parametrize("phone", ["12345", "2380013800", "abc", "138001380001", "1380013800\u0000"])
def test_malformed_phone_gets_a_message_and_is_kept(client, locale, phone):
    client.get(f"/language/{locale}")
    soup = page_of(submit(client, "/sign-in", {"phone": phone}))
    assert errors_of(soup) == [BAD_PHONE[locale]]
    # Kept as typed; a control character is shown as a replacement character.
    assert soup.find("input", attrs={"name": "phone"})["value"] == phone.replace("\u0000", "\ufffd")


def test_typed_phone_is_kept_after_an_error(client):
    soup = page_of(submit(client, "/sign-in", {"phone": "138-0013"}))
    assert soup.find("input", attrs={"name": "phone"})["value"] == "138-0013"


def test_post_without_csrf_token_gets_a_friendly_page_that_keeps_the_answers(client):
    client.get("/language/en")
    response = client.post("/sign-in", data={"phone": "13800138000"})
    soup = page_of(response, 400)
    assert soup.h1.get_text() == "Your page was open for a long time"
    kept = soup.find("input", attrs={"name": "phone"})
    assert kept["type"] == "hidden" and kept["value"] == "13800138000"
    # Sending it again works.
    again = client.post("/sign-in", data={"phone": kept["value"], "csrf_token": csrf_token(soup)})
    assert again.status_code == 302


def test_codes_are_rate_limited_per_phone(client):
    request_code(client)
    response = submit(client, "/sign-in", {"phone": "13800138000"})
    assert response.status_code == 429
    assert "分钟后再试" in response.get_data(as_text=True)


def test_staff_sign_in_with_password_rotates_the_session(client):
    create_account("caseworker", username="cw", password="s3cret-pass")
    with client.session_transaction() as session:
        session["sid"] = "attacker-chosen"
    response = submit(client, "/staff/sign-in", {"username": "cw", "password": "s3cret-pass"})
    assert response.status_code == 302
    with client.session_transaction() as session:
        assert session["sid"] != "attacker-chosen"
    assert get_page(client, "/home").h1.get_text() == "街道经办工作台"


@pytest.mark.parametrize("locale, message", [
    ("zh_Hans", "用户名或密码不正确"), ("zh_Hant", "使用者名稱或密碼不正確"), ("en", "The username or password is not right"),
])
def test_wrong_password_is_refused(client, locale, message):
    client.get(f"/language/{locale}")
    create_account("reviewer", username="rv", password="right-password")
    soup = page_of(submit(client, "/staff/sign-in", {"username": "rv", "password": "wrong"}))
    assert errors_of(soup) == [message]
    assert soup.find("input", attrs={"name": "username"})["value"] == "rv"
    assert soup.find("input", attrs={"name": "password"}).get("value") is None


def test_resident_cannot_sign_in_with_a_password_form(client):
    create_account("resident", phone="13600000000")
    soup = page_of(submit(client, "/staff/sign-in", {"username": "13600000000", "password": "x"}))
    assert errors_of(soup)


def test_password_is_hashed_with_scrypt(client):
    account = create_account("admin", password="another-password")
    assert account.password_hash.startswith("scrypt:") and "another-password" not in account.password_hash


def test_sign_out_everywhere_ends_other_devices(client, app):
    account = create_account("resident")
    other = app.test_client()
    sign_in(client, account)
    sign_in(other, account)
    assert other.get("/home").status_code == 200
    soup = get_page(client, "/home")
    response = client.post("/sign-out/everywhere", data={"csrf_token": csrf_token(soup)})
    assert response.status_code == 302
    assert other.get("/home").headers["Location"].startswith("/sign-in")
    assert client.get("/home").status_code == 302


def test_idle_session_expires(client, app):
    account = create_account("caseworker")
    sid = sign_in(client, account)
    row = db.session.get(AuthSession, sid)
    row.last_seen_at = row.last_seen_at - timedelta(minutes=app.config["IDLE_TIMEOUT_MINUTES"] + 1)
    db.session.commit()
    assert client.get("/home").status_code == 302


def test_anonymous_visitor_is_sent_to_sign_in_and_back(client):
    response = client.get("/home")
    assert response.status_code == 302 and response.headers["Location"] == "/sign-in?next=/home"
    client.get(response.headers["Location"])
    code = request_code(client)
    assert enter(client, code).headers["Location"] == "/home"


def test_session_cookie_flags(client):
    request_code(client)
    cookie = client.get_cookie("portal_session")
    assert cookie.http_only and cookie.same_site == "Lax"


def test_answers_posted_after_the_session_ended_are_kept_through_sign_in(app, client):
    from portal.accounts.auth import login_required

    received = {}

    @app.post("/long-form-test")
    @login_required
    def long_form():
        from flask import request as flask_request
        received.update(flask_request.form.to_dict())
        return "saved"

    account = create_account("resident", phone="13811112222")
    sid = sign_in(client, account)
    token = csrf_token(get_page(client, "/home"))
    row = db.session.get(AuthSession, sid)
    row.last_seen_at = row.last_seen_at - timedelta(hours=2)
    db.session.commit()
    response = client.post("/long-form-test", data={"csrf_token": token, "income": "1234.50", "note": "王 <b>"})
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in?next=/resume")
    raw = db.session.execute(db.text("SELECT fields FROM pending_posts")).scalar()
    assert "1234.50" not in raw  # kept encrypted
    client.get(response.headers["Location"])
    code = request_code(client, "13811112222")
    assert enter(client, code).headers["Location"] == "/resume"
    soup = get_page(client, "/resume")
    kept = {i["name"]: i["value"] for i in soup.select("form input[type=hidden]") if i["name"] != "csrf_token"}
    assert kept == {"income": "1234.50", "note": "王 <b>"}
    assert client.post("/long-form-test", data={"csrf_token": csrf_token(soup), **kept}).get_data(as_text=True) == "saved"
    assert received == {"csrf_token": csrf_token(soup), "income": "1234.50", "note": "王 <b>"}
    # Offered once only.
    assert client.get("/resume").headers["Location"] == "/home"


def test_signed_in_pages_carry_the_session_warning(client):
    sign_in(client, create_account("resident"))
    soup = get_page(client, "/home")
    warning = soup.find(id="session-warning")
    assert warning.has_attr("hidden") and warning["data-idle-seconds"] == "1800"
    assert soup.find("script", src="/static/js/session.js")
    assert get_page(client, "/").find(id="session-warning") is not None
    anonymous = get_page(client.application.test_client(), "/")
    assert anonymous.find(id="session-warning") is None


@pytest.mark.parametrize("before, chosen", [("zh_Hans", "en"), ("en", "zh_Hant"), ("zh_Hant", "zh_Hans")])
def test_the_language_chosen_before_sign_in_stays(client, before, chosen):
    # Issue 16: the account's earlier choice used to win at sign-in and switch the language.
    create_account("resident", phone="13800138000", locale=before)
    client.get(f"/language/{chosen}")
    assert enter(client, request_code(client)).status_code == 302
    assert get_page(client, "/home").html["lang"] == {"zh_Hans": "zh-Hans", "zh_Hant": "zh-Hant", "en": "en"}[chosen]
    assert db.session.scalar(db.select(Account.locale).where(Account.phone == "13800138000")) == chosen


def test_without_a_choice_the_account_keeps_its_language(client):
    create_account("resident", phone="13800138000", locale="en")
    enter(client, request_code(client))
    assert get_page(client, "/home").html["lang"] == "en"
