"""Issue 16 part 1 in Chromium at 375 px, JavaScript on and off, axe-core on every page: an upload
left unsent. The resident chooses a file on the documents page and presses 继续 without pressing
上传: the file is stored, the task list says what is still needed (not 已完成), the confirmation
lists what is missing and the status page says "您还需要提交 …，截止 …"."""
from __future__ import annotations

import re

import pytest

from portal.extensions import db
from portal.models import Application, Document
from tests.browser.test_apply_journey import (
    SAVE,
    fill,
    fresh,
    jpeg,
    signed_in,
    walk_in_browser,
)
from tests.tools.walkthrough import three_person_family

pytestmark = pytest.mark.browser


def test_an_upload_left_unsent_is_stored_on_continue_and_the_rest_is_listed(phone, live_server):
    account_id = signed_in(phone, live_server)
    household = fresh(three_person_family())
    page = walk_in_browser(phone, household, until="/documents")
    assert page.locator("#still-needed li").count() == 5
    page.set_input_files("#disability-cert-m3-file", files=[{"name": "残疾人证.jpg", "mimeType": "image/jpeg",
                                                              "buffer": jpeg()}])
    page.locator("#medical-receipts summary").click()  # "I don't have this": works without JavaScript too
    page.locator("#medical-receipts-reason").fill("医院还没有开具收据")
    page.get_by_role("button", name="继续", exact=True).click()  # not 上传
    phone.check()
    assert not page.url.split("#")[0].endswith("/documents")
    with live_server.data():
        application = db.session.scalars(db.select(Application).where(Application.account_id == account_id)).one()
        stored = db.session.scalars(db.select(Document).where(Document.application_id == application.id)).all()
        assert [(d.purpose, d.member_ref) for d in stored] == [("disability_cert", "m3")]
        assert application.answers["documents"]["unavailable"] == {"medical_receipts": "医院还没有开具收据"}
        app_id = application.id

    page = phone.goto(f"/apply/{app_id}")
    phone.check()
    task = page.locator("li.task", has=page.locator("#task-documents-status"))
    assert page.locator("#task-documents-status").inner_text() != "已完成"
    assert "共 5 份材料，已上传或已说明 2 份。" in task.inner_text()

    page = phone.goto(f"/apply/{app_id}/documents")
    phone.check()
    assert page.locator("#still-needed li").count() == 3
    assert page.locator("#disability-cert-m3 a", has_text="已上传的文件 1").count() == 1
    # A file that cannot be used, chosen and sent with 继续: the page says so next to the field.
    page.set_input_files("#income-proof-m1-file", files=[{"name": "工资.jpg", "mimeType": "image/jpeg",
                                                           "buffer": b"MZ\x90\x00 not a photo"}])
    page.get_by_role("button", name="继续", exact=True).click()
    phone.check()
    assert page.url.split("#")[0].endswith(f"/apply/{app_id}/documents")
    assert "请上传照片（JPEG 或 PNG）或 PDF" in page.locator("#income-proof-m1 .field-error").inner_text()
    assert page.locator("#medical-receipts-reason").input_value() == "医院还没有开具收据"  # nothing typed lost

    page = answer_the_rest(phone, page, household)
    assert page.locator("h1").inner_text() == "申请已提交"
    needed = page.locator("#still-needed").inner_text()
    assert "您还需要提交：" in needed and "截止" in needed and "医院还没有开具收据" in needed
    reference = page.locator(".reference").inner_text()
    page = phone.goto(f"/my/applications/{reference}")
    phone.check()
    lines = page.locator(".still-needed").all_inner_texts()
    assert lines and all(re.match(r"^您还需要提交：.+，截止 \d{4}年\d{1,2}月\d{1,2}日。$", line) for line in lines)


def answer_the_rest(phone, page, household):
    """From the page shown to the confirmation, answering as ``household`` says."""
    for _ in range(20):
        path = page.url.split("://", 1)[1].split("/", 1)[1].split("#")[0]
        if "apply/confirmation/" in path:
            return page
        key = re.match(r"apply/\d+/([a-z-]+)", path).group(1)
        if key == "check":
            page.get_by_role("button", name="提交申请").click()
        elif key == "documents":
            page.get_by_role("button", name="继续", exact=True).click()
        else:
            fill(page, household.pages.get(key, {}))
            page.get_by_role("button", name=SAVE).click()
        phone.check()
    raise AssertionError("the journey did not end")


def test_a_document_still_needed_is_sent_from_the_status_page(phone, live_server):
    """After submission: the status page (where the reminder text message leads) takes the rest."""
    signed_in(phone, live_server)
    household = fresh(three_person_family())
    page = walk_in_browser(phone, household)
    assert page.locator("h1").inner_text() == "申请已提交"
    reference = page.locator(".reference").inner_text()
    page = phone.goto(f"/my/applications/{reference}")
    phone.check()
    page.get_by_role("link", name="上传材料").first.click()
    phone.check()
    assert page.locator("input[type=file]").count() == 5
    page.set_input_files("#item_3", files=[{"name": "工资.jpg", "mimeType": "image/jpeg", "buffer": jpeg()}])
    page.get_by_role("button", name="上传", exact=True).click()
    phone.check()
    assert page.url.split("#")[0].endswith(f"/my/applications/{reference}")
    page = phone.goto(f"/my/applications/{reference}/documents")
    phone.check()
    assert page.locator("input[type=file]").count() == 4
