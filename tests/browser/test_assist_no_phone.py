"""Issue 14 in Chromium at 375 px, JavaScript on and off, axe-core on every page: a community
assistant files for an 80-year-old with no phone in one sitting: consent by the printed mandate
(委托书), the application filled from what was typed for consent, no phone, declarations read
aloud and signed on the printed form, the assistant submits, and the receipt is ready to print."""
from __future__ import annotations

import secrets

import pytest

from portal.extensions import db
from portal.models import Account, Application
from tests.browser.test_apply_journey import fresh, jpeg
from tests.browser.test_assist_handover import _answer_until
from tests.tools.walkthrough import ALL, one_person_dibao, resident_id

pytestmark = pytest.mark.browser


def test_an_assistant_files_for_an_80_year_old_with_no_phone_to_the_printed_receipt(phone, live_server, tmp_path):
    with live_server.data():
        assistant = Account(role="assistant", username=f"assistant-{secrets.token_hex(4)}", display_name="协理员小陈",
                            office_code="44030506", district_code="440305")
        db.session.add(assistant)
        db.session.commit()
        assistant_id = assistant.id
    live_server.sign_in(phone.context, assistant_id)
    household = fresh(one_person_dibao())
    household.pages["name"] = {"name": "赵大爷", "id_number": resident_id("440305", "19460101", f"{secrets.randbelow(1000):03d}")}
    household = fresh(household)
    id_number = household.pages["name"]["id_number"]
    household.pages["phone"] = {"contact": "none"}
    household.pages["member-details:m1"].pop("student_stage")  # 80: no school stage is asked
    household.pages["declarations"] = {ALL: True, "agreed_how": "signed_form"}
    photo = tmp_path / "signed.jpg"
    photo.write_bytes(jpeg())
    shots = tmp_path

    page = phone.goto("/assist")
    phone.check()
    page.get_by_role("link", name="协助居民申请").click()
    phone.check()
    page.locator("#name").fill("赵大爷")
    page.locator("#id_number").fill(id_number)
    page.get_by_label("代居民提交申请").check()
    page.get_by_label("代居民接收办事处的通知").check()
    page.get_by_role("button", name="继续办理授权").click()
    phone.check()
    assert "代居民提交申请" in page.locator("main").inner_text()
    assert page.get_by_role("button", name="发送授权验证码").count() == 0  # no phone, no code
    pdf = page.request.get(page.get_by_role("link", name="打印已填好居民姓名的委托书（PDF）").get_attribute("href"))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf" and pdf.body()[:5] == b"%PDF-"
    page.locator("#photo").set_input_files(str(photo))
    page.locator("#declaration").check()
    page.get_by_role("button", name="记录委托书").click()
    phone.check()
    page.get_by_role("button", name="为其开始申请").click()
    assert page.locator("#name").input_value() == "赵大爷"  # nothing typed twice
    assert page.locator("#id_number").input_value() == id_number
    _answer_until(phone, page, household, "check")
    page.screenshot(path=str(shots / "check-before-photo.png"), full_page=True)

    # The declarations were signed on paper: the check page asks for the photo before submitting.
    assert "经朗读，在打印的声明书上签字" in page.locator("main").inner_text()
    page.locator("#photo").set_input_files(str(photo))
    page.get_by_role("button", name="添加照片").click()
    phone.check()
    assert "已附上签字声明书的照片" in page.locator("main").inner_text()
    page.get_by_role("button", name="提交申请").click()
    phone.check()
    assert "/apply/confirmation/" in page.url
    page.screenshot(path=str(shots / "confirmation.png"), full_page=True)
    reference = page.url.rsplit("/", 1)[-1]
    with live_server.data():
        application = db.session.scalar(db.select(Application).where(Application.reference == reference))
        assert application.submitted_by_id == assistant_id and application.channel == "assistant"
    receipt = page.request.get(f"/applications/{reference}/receipt.pdf")
    assert receipt.status == 200 and receipt.body()[:5] == b"%PDF-"
