"""An assistant files for a resident at 375 px (JavaScript on and off, axe-core on every page):
consent by code, the resident's own journey under the "filing for" banner, handover, the
resident signs and submits in their own session, and the caseload shows it as submitted."""
from __future__ import annotations

import re
import secrets

import pytest

from portal.extensions import db
from portal.models import Account, Application, Message
from tests.browser.conftest import Phone
from tests.browser.test_apply_journey import SAVE, fill, fresh
from tests.tools.walkthrough import one_person_dibao

pytestmark = pytest.mark.browser


def _path(page) -> str:
    return page.url.split("://", 1)[1].split("/", 1)[1].split("#")[0]


def _answer_until(phone, page, household, until: str) -> None:
    """Answer the journey's pages (already opened on ``page``) until the step ``until``."""
    for _ in range(60):
        phone.check()
        path = _path(page)
        match = re.match(r"apply/\d+/([a-z-]+)(?:/([a-z0-9]+))?$", path)
        assert match, path
        key, ref = match.groups()
        if key == until:
            return
        if key == "documents":
            page.get_by_role("button", name="继续").click()
            continue
        data = {"add_another": "no"} if key == "household" else household.pages.get(f"{key}:{ref}" if ref else key, {})
        fill(page, data)
        page.get_by_role("button", name=SAVE).click()
        assert page.locator(".error-summary").count() == 0, (path, page.locator(".error-summary").inner_text())
    raise AssertionError(f"never reached {until}")


def test_assistant_files_hands_over_and_the_resident_submits(phone, browser, live_server):
    mobile = f"139{secrets.randbelow(10**8):08d}"
    with live_server.data():
        assistant = Account(role="assistant", username=f"assistant-{secrets.token_hex(4)}", display_name="协理员小陈",
                            office_code="44030506", district_code="440305")
        db.session.add(assistant)
        db.session.commit()
        assistant_id = assistant.id
    live_server.sign_in(phone.context, assistant_id)
    household = fresh(one_person_dibao())

    page = phone.goto("/assist")
    phone.check()
    page.get_by_role("link", name="协助居民申请").click()
    phone.check()
    page.locator("#name").fill("王小明")
    page.locator("#phone").fill(mobile)
    page.get_by_role("button", name="继续办理授权").click()
    phone.check()
    page.get_by_role("button", name="发送授权验证码").click()
    phone.check()
    with live_server.data():
        body = db.session.scalars(db.select(Message.body).where(Message.to_phone == mobile)).one()
    page.locator("#code").fill(re.search(r"\d{6}", body).group(0))
    page.get_by_role("button", name="记录授权").click()
    phone.check()
    assert "授权已记录" in page.locator(".notice").inner_text()
    page.get_by_role("button", name="为其开始申请").click()
    assert "正在为王小明代为申请" in page.locator(".acting-banner").inner_text()
    _answer_until(phone, page, household, "declarations")
    assert "只能由居民本人作出" in page.locator(".acting-banner").inner_text()
    page.locator(".acting-banner").get_by_role("link", name="居民页面与转交").click()
    phone.check()
    page.get_by_role("button", name="将草稿发送到居民手机").click()
    phone.check()
    assert "草稿已发送给王小明" in page.locator(".notice").inner_text()

    # The resident, on their own phone and in their own session.
    own = Phone(browser, live_server.url, javascript=phone.javascript)
    try:
        with live_server.data():
            resident_id = db.session.scalar(db.select(Account.id).where(Account.phone == mobile))
        live_server.sign_in(own.context, resident_id)
        mine = own.goto("/home")
        own.check()
        mine.get_by_role("link", name=re.compile("^继续")).click()
        own.check()
        if not _path(mine).endswith("/declarations"):
            mine.goto(mine.url.rsplit("/apply/", 1)[0] + "/apply/" + _path(mine).split("/")[1] + "/declarations")
            own.check()
        assert mine.locator(".acting-banner").count() == 0
        fill(mine, {"__all__": True})
        mine.get_by_role("button", name=SAVE).click()
        own.check()
        while not _path(mine).endswith("/check"):
            _answer_until(own, mine, household, "check")
        own.check()
        mine.get_by_role("button", name="提交申请").click()
        own.check()
        assert mine.locator("h1").inner_text() == "申请已提交"
    finally:
        own.close()

    page = phone.goto("/assist")
    phone.check()
    numbers = [n.inner_text() for n in page.locator(".counts__number").all()]
    assert numbers[:2] == ["0", "1"]
    with live_server.data():
        application = db.session.scalars(db.select(Application).where(Application.account_id == resident_id)).one()
        assert application.status == "submitted" and application.created_by_id == assistant_id
