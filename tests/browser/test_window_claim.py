"""Issue 14 in Chromium at 1280 px, JavaScript on and off, axe-core on every page: a caseworker
enters a walk-in resident's paper application at the office window (consent in person before a
second member of staff, the resident's own journey, declarations signed on the paper form with its
scan), submits and downloads the receipt to print; later the resident, with a new mobile, claims
the application online at /claim and sees it as their own."""
from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

import pytest

from portal.extensions import db
from portal.models import Account, Application, Message
from tests.browser.conftest import DESKTOP, Phone
from tests.browser.test_apply_journey import fresh, jpeg
from tests.browser.test_assist_handover import _answer_until
from tests.client.test_receipts_pdf import pdf_text
from tests.tools.walkthrough import ALL, one_person_dibao, resident_id

pytestmark = pytest.mark.browser


def _look(tab, name: str) -> None:
    """axe-check the page; with SHOTS=folder also keep a full-page screenshot to look at."""
    tab.check()
    if os.environ.get("SHOTS"):
        folder = Path(os.environ["SHOTS"])
        folder.mkdir(parents=True, exist_ok=True)
        js = "js" if tab.javascript else "nojs"
        tab.page.screenshot(path=str(folder / f"{tab.viewport['width']}-{js}-{len(tab.checked):02d}-{name}.png"),
                            full_page=True)


def _caseworker(live_server) -> int:
    with live_server.data():
        caseworker = Account(role="caseworker", username=f"caseworker-{secrets.token_hex(4)}", display_name="林芳",
                             office_code="44030506", district_code="440305")
        db.session.add(caseworker)
        db.session.commit()
        return caseworker.id


def test_a_walk_in_paper_application_is_entered_printed_and_claimed_online(desktop, browser, live_server, tmp_path):
    caseworker_id = _caseworker(live_server)
    live_server.sign_in(desktop.context, caseworker_id)
    household = one_person_dibao()
    household.pages["name"] = {"name": "钱奶奶", "id_number": resident_id("440305", "19470202", "123")}
    household = fresh(household)
    id_number = household.pages["name"]["id_number"]
    household.pages["phone"] = {"contact": "none"}
    household.pages["member-details:m1"].pop("student_stage")  # 79: no school stage is asked
    household.pages["declarations"] = {ALL: True, "agreed_how": "paper_form"}
    scan = tmp_path / "paper-application.jpg"
    scan.write_bytes(jpeg())

    page = desktop.goto("/office")
    _look(desktop, "window")
    page.get_by_role("link", name="窗口受理：录入来访居民的申请").click()
    _look(desktop, "window")
    assert page.locator("h1").inner_text() == "窗口受理：来访居民的申请"
    page.get_by_role("button", name="开始录入申请").click()  # nothing filled in: errors, nothing lost
    _look(desktop, "window")
    assert page.locator(".error-summary").count() == 1
    page.locator("#name").fill("钱奶奶")
    page.locator("#id_number").fill(id_number)
    page.get_by_role("button", name="开始录入申请").click()
    _look(desktop, "window")
    assert page.locator("#name").input_value() == "钱奶奶" and page.locator("#id_number").input_value() == id_number
    page.locator("#witness").fill("李红")
    page.locator("#declaration").check()
    page.get_by_role("button", name="开始录入申请").click()
    assert page.locator("#name").input_value() == "钱奶奶"  # what was typed at the window fills the application
    assert page.locator("#id_number").input_value() == id_number
    _answer_until(desktop, page, household, "check")

    # Declarations signed on the paper form: the check page takes the scan before the submit.
    assert "在纸质申请表上签字" in page.locator("main").inner_text()
    page.get_by_label("已签字的纸质申请表扫描件").set_input_files(str(scan))
    page.get_by_role("button", name="添加照片").click()
    _look(desktop, "window")
    assert "已附上已签字的纸质申请表扫描件。" in page.locator("main").inner_text()
    page.get_by_role("button", name="提交申请").click()
    _look(desktop, "window")
    assert "/apply/confirmation/" in page.url
    reference = page.url.rsplit("/", 1)[-1]
    with live_server.data():
        application = db.session.scalar(db.select(Application).where(Application.reference == reference))
        assert application.channel == "window" and application.submitted_by_id == caseworker_id
        assert application.status == "submitted"

    # The receipt, downloaded to print for the resident to take home.
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("回执（PDF）")).click()
    receipt = (tmp_path / "receipt.pdf")
    download.value.save_as(receipt)
    text = pdf_text(receipt.read_bytes())
    assert reference in text and "由街道办事处窗口根据申请人的纸质申请录入" in text and "/claim" in text

    # Weeks later, with a new mobile, the resident takes the application over at home.
    mobile = f"139{secrets.randbelow(10**8):08d}"
    home = Phone(browser, live_server.url, javascript=desktop.javascript, viewport=DESKTOP)
    try:
        mine = home.goto("/status")
        _look(home, "resident")
        mine.get_by_role("link", name="在线认领您的申请").click()
        _look(home, "resident")
        mine.get_by_label("申请编号").fill(reference)
        mine.get_by_label(re.compile("身份证号码后 6 位")).fill(id_number[-6:])
        mine.get_by_label(re.compile("新手机号")).fill(mobile)
        mine.get_by_role("button", name="发送验证码").click()
        _look(home, "resident")
        assert mine.locator("h1").inner_text() == "输入验证码"
        with live_server.data():
            body = db.session.scalars(db.select(Message.body).where(Message.to_phone == mobile)).one()
        mine.get_by_label("验证码").fill(re.search(r"\b(\d{6})\b", body).group(1))
        mine.get_by_role("button", name="认领申请").click()
        _look(home, "resident")
        assert mine.url.endswith("/my/applications")
        mine.get_by_role("link", name=re.compile(reference)).click()
        _look(home, "resident")
        main = mine.locator("main").inner_text()
        assert reference in main and "由街道办事处窗口根据申请人的纸质申请录入" in main
        assert "由街道经办人员林芳受申请人委托代钱奶奶提交" in main
        mine.goto("/my/helpers")
        _look(home, "resident")
        helpers = mine.locator("main").inner_text()
        assert "林芳" in helpers and "您的申请是在街道办事处窗口录入的" in helpers and "李红" in helpers
        assert f"已提交申请 ({reference})" in helpers
        with live_server.data():
            assert db.session.get(Account, application.account_id).phone == mobile
    finally:
        home.close()
