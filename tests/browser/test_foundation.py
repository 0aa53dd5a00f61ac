import re

import pytest

from portal.extensions import db
from portal.models import Message
from tests.factories import create_account

pytestmark = pytest.mark.browser


def latest_code(live_server, phone_number: str) -> str:
    with live_server.data():
        message = db.session.scalars(
            db.select(Message).where(Message.to_phone == phone_number).order_by(Message.id.desc())
        ).first()
        return re.search(r"\d{6}", message.body).group(0)


def test_resident_signs_in_on_a_phone(phone, live_server):
    number = "13512345678" if phone.javascript else "13512345679"
    page = phone.goto("/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    phone.check()
    page.get_by_role("link", name="使用手机号码登录").first.click()
    phone.check()
    page.get_by_role("button", name="获取验证码").click()
    assert page.locator(".error-summary").is_visible()
    assert page.title().startswith("错误：")
    if phone.javascript:  # the summary takes focus, and its link focuses the field
        assert page.evaluate("document.activeElement.className") == "error-summary"
        page.locator(".error-summary a").first.click()
        assert page.evaluate("document.activeElement.id") == "phone"
    phone.check()
    page.get_by_label("手机号码").fill(number)
    page.get_by_role("button", name="获取验证码").click()
    page.get_by_label("验证码").fill("000000" if latest_code(live_server, number) != "000000" else "111111")
    page.get_by_role("button", name="登录").click()
    assert "剩余次数：4" in page.locator(".field-error").inner_text()
    phone.check()
    page.get_by_label("验证码").fill(latest_code(live_server, number))
    page.get_by_role("button", name="登录").click()
    assert page.locator("h1").inner_text() == "我的申请"
    phone.check()


@pytest.mark.parametrize("locale, button, heading", [
    ("en", "Sign in", "Office console"),
    ("zh_Hant", "登入", "街道經辦工作臺"),
])
def test_staff_signs_in_in_another_language(phone, live_server, locale, button, heading):
    with live_server.data():
        create_account("caseworker", username=f"cw-{locale}-{phone.javascript}", password="pass-word-123")
    page = phone.goto(f"/language/{locale}?next=/staff/sign-in")
    phone.check()
    page.locator("#username").fill(f"cw-{locale}-{phone.javascript}")
    page.locator("#password").fill("pass-word-123")
    page.get_by_role("button", name=button, exact=True).click()
    assert page.locator("h1").inner_text() == heading
    phone.check()
    page.get_by_role("button", name={"en": "Sign out", "zh_Hant": "退出登入"}[locale], exact=True).click()
    assert page.url.endswith("/")
    phone.check()


def test_error_pages_are_accessible(phone):
    phone.goto("/no-such-page")
    phone.check()
