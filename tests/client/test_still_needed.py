"""Issue 16 part 1: what is still needed, computed once (portal/apply/documents/outstanding.py) and shown
on the documents page, the task list, the confirmation, the receipt, the status page, the
office's case page and its 一次性告知; a chosen file is uploaded on 继续; "I don't have this"
with a reason; a reminder text message with a link, once."""
from __future__ import annotations

import io
from datetime import timedelta

import pytest
from PIL import Image

from portal.extensions import db
from portal.models import Application, AssistanceRequest, Document, Event, Message
from tests.client.test_receipts_pdf import pdf_text
from tests.factories import create_account, sign_in
from tests.helpers.pages import csrf_token, errors_of, get_page, page_of
from tests.tools.walkthrough import three_person_family, walk

OFFICE = "44030506"  # 粤海街道, where the three-person family lives
ITEMS = ["disability_cert:m3", "school_enrolment:m2", "income_proof:m1", "medical_receipts", "education_receipts"]


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def prefix(item: str) -> str:
    return item.replace(":", "-").replace("_", "-")


def drafted(client, language: str = "zh_Hans") -> int:
    """A three-person family's draft at the check page, documents page passed with nothing sent."""
    sign_in(client, create_account("resident"))
    client.get(f"/language/{language}")
    result = walk(client, three_person_family(), stop_at_check=True)
    return int(result.visited[-1].split("/")[2])


def post_documents(client, app_id: int, files: dict | None = None, reasons: dict | None = None, **extra):
    soup = get_page(client, f"/apply/{app_id}/documents")
    data = {"csrf_token": csrf_token(soup), **extra}
    for item, reason in (reasons or {}).items():
        data[f"{prefix(item)}-reason"] = reason
    for item, (content, name) in (files or {}).items():
        data[f"{prefix(item)}-file"] = (io.BytesIO(content), name)
    return client.post(f"/apply/{app_id}/documents", data=data, content_type="multipart/form-data")


def documents_task(client, app_id: int):
    soup = get_page(client, f"/apply/{app_id}")
    status = soup.find(id="task-documents-status")
    return status["class"], status.find_parent("li").select_one(".hint").get_text(" ", strip=True)


def submit(client, app_id: int) -> str:
    soup = get_page(client, f"/apply/{app_id}/check")
    response = client.post(f"/apply/{app_id}/check", data={
        "csrf_token": csrf_token(soup), "submission_token": soup.find("input", attrs={"name": "submission_token"})["value"]})
    assert response.status_code == 302, errors_of(page_of(response, response.status_code))
    return db.session.get(Application, app_id).reference


PROGRESS = {"zh_Hans": "共 5 份材料，已上传或已说明 1 份。", "zh_Hant": "共 5 份材料，已上傳或已說明 1 份。",
            "en": "1 of 5 documents uploaded or answered."}


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant", "en"])
def test_a_file_chosen_and_continue_is_uploaded_and_the_task_list_says_what_is_left(client, language):
    app_id = drafted(client, language)
    assert "tag--in_progress" in documents_task(client, app_id)[0]  # nothing sent: not 已完成
    response = post_documents(client, app_id, {"disability_cert:m3": (jpeg(), "残疾人证.jpg")})
    assert response.status_code == 302 and "/documents" not in response.headers["Location"]
    document = db.session.scalars(db.select(Document)).one()
    assert (document.purpose, document.member_ref) == ("disability_cert", "m3")
    classes, hint = documents_task(client, app_id)
    assert "tag--in_progress" in classes and hint == PROGRESS[language]
    # Every other document answered with "I don't have this": now the section is done.
    post_documents(client, app_id, reasons={item: "在火灾中遗失" for item in ITEMS[1:]})
    classes, hint = documents_task(client, app_id)
    assert "tag--completed" in classes and hint.replace("5 份", "x").replace("1 份", "x") != PROGRESS[language]
    soup = get_page(client, f"/apply/{app_id}/documents")
    assert soup.find(id="still-needed").select_one("ul") is None


NOT_ONE_OF_THEM = {"zh_Hans": "请上传照片（JPEG 或 PNG）或 PDF。这个文件不属于这些格式",
                   "zh_Hant": "請上傳照片（JPEG 或 PNG）或 PDF。這個檔案不屬於這些格式",
                   "en": "Upload a photo (JPEG or PNG) or a PDF. This file is not one of them"}


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant", "en"])
def test_a_refused_file_on_continue_keeps_the_resident_on_the_documents_page(client, language):
    app_id = drafted(client, language)
    response = post_documents(client, app_id, {"disability_cert:m3": (b"MZ\x90\x00 not a photo", "证件.jpg"),
                                               "income_proof:m1": (jpeg(), "工资.jpg")},
                              reasons={"medical_receipts": "医院还没有开具"})
    soup = page_of(response, 400)  # answered at /apply/<id>/documents itself: no 404 on the next step
    assert errors_of(soup) == [NOT_ONE_OF_THEM[language]]
    slot = soup.find(id="disability-cert-m3")
    assert slot.select_one(".field-error").get_text(strip=True).endswith(NOT_ONE_OF_THEM[language])
    assert soup.select_one(".error-summary a")["href"] == "#disability-cert-m3-file"
    assert soup.find("textarea", attrs={"name": "medical-receipts-reason"}).get_text() == "医院还没有开具"
    assert soup.select_one("main form")["action"] == f"/apply/{app_id}/documents"
    stored = db.session.scalars(db.select(Document)).all()
    assert [(d.purpose, d.member_ref) for d in stored] == [("income_proof", "m1")]  # the good file is kept
    assert get_page(client, f"/apply/{app_id}/documents").find(id="medical-receipts") is not None


TOO_LONG = {"zh_Hans": "请用不超过 500 个字说明原因", "zh_Hant": "請用不超過 500 個字說明原因",
            "en": "Write the reason in no more than 500 characters"}


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant", "en"])
def test_a_reason_too_long_is_kept_with_its_message_and_the_file_is_named_as_not_sent(client, language):
    app_id = drafted(client, language)
    reason = "丢" * 501
    response = post_documents(client, app_id, {"income_proof:m1": (jpeg(), "工资.jpg")},
                              reasons={"medical_receipts": reason})
    soup = page_of(response, 400)
    errors = errors_of(soup)
    assert TOO_LONG[language] in errors and len(errors) == 2  # and the file, named as not uploaded
    assert soup.find("textarea", attrs={"name": "medical-receipts-reason"}).get_text() == reason
    assert soup.find(id="income-proof-m1-file-error") is not None
    assert db.session.scalar(db.select(db.func.count(Document.id))) == 0


def test_upload_button_stays_on_the_page_and_an_empty_reason_withdraws_the_answer(client):
    app_id = drafted(client)
    post_documents(client, app_id, reasons={"medical_receipts": "医院还没有开具"})
    assert db.session.get(Application, app_id).answers["documents"]["unavailable"] == {
        "medical_receipts": "医院还没有开具"}
    response = post_documents(client, app_id, {"income_proof:m1": (jpeg(), "工资.jpg")}, upload="income_proof:m1",
                              reasons={"medical_receipts": ""})
    assert response.headers["Location"].endswith(f"/apply/{app_id}/documents#income-proof-m1")
    assert "unavailable" not in (db.session.get(Application, app_id).answers.get("documents") or {})


SHOWN = {
    "zh_Hans": ("您还需要提交：", "，截止 ", "您说明没有以下材料：", "还需要提交"),
    "zh_Hant": ("您還需要提交：", "，截止 ", "您說明沒有以下材料：", "還需要提交"),
    "en": ("You still need to provide: ", ", by ", "You told us you do not have:", "Still needed"),
}


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant", "en"])
def test_confirmation_receipt_status_and_office_show_what_is_still_needed(client, app, language):
    app_id = drafted(client, language)
    post_documents(client, app_id, {"disability_cert:m3": (jpeg(), "残疾人证.jpg")},
                   reasons={"medical_receipts": "医院还没有开具"})
    reference = submit(client, app_id)
    still, by, told, heading = SHOWN[language]

    confirmation = get_page(client, f"/apply/confirmation/{reference}").find(id="still-needed").get_text(" ", strip=True)
    assert still in confirmation and by in confirmation and told in confirmation and "医院还没有开具" in confirmation
    assert "陈桂兰" not in confirmation.split(told)[0]  # her certificate was uploaded: not asked for again

    status = get_page(client, f"/my/applications/{reference}")
    lines = [p.get_text(strip=True) for p in status.select(".still-needed")]
    application = db.session.get(Application, app_id)
    dibao = next(r for r in application.requests if r.type == "dibao")
    assert dibao.status == "SUBMITTED" and dibao.due_on is not None
    assert any(line.startswith(still) and by in line for line in lines)
    dibao_line = status.find(id=f"request-{dibao.id}-title").find_parent("section").select_one(".still-needed")
    assert "张伟" in dibao_line.get_text() and "医院" not in dibao_line.get_text()  # medical receipts: not dibao's

    receipt = pdf_text(client.get(f"/applications/{reference}/receipt.pdf").data)
    assert heading in receipt.replace("\n", "") and "医院还没有开具" in receipt.replace("\n", "")

    office = app.test_client()
    sign_in(office, create_account("caseworker", office_code=OFFICE))
    office.get(f"/language/{language}")
    case = get_page(office, f"/office/cases/{reference}")
    medical = next(r for r in application.requests if r.type == "medical")
    row = case.find(id=f"request-{medical.id}").select_one(".unavailable")
    assert "医院还没有开具" in row.get_text()
    form = get_page(office, f"/office/requests/{dibao.id}/actions/request_materials")
    listed = form.find("textarea", attrs={"name": "missing_items"}).get_text().strip().splitlines()
    assert len(listed) == 2 and all(("张伟" in line) or ("李秀英" in line) for line in listed)


def test_the_public_look_up_does_not_list_what_is_needed(client):
    app_id = drafted(client)
    reference = submit(client, app_id)
    from portal.status.timeline import application_view

    view = application_view(db.session.get(Application, app_id), public=True)
    assert all(r.still_needed == "" for r in view.requests)
    assert reference


REMINDER = {"zh_Hans": "还需要提交材料", "zh_Hant": "還需要提交材料", "en": "documents are still needed"}


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant", "en"])
def test_the_reminder_is_sent_once_with_a_link_on_the_public_address(client, app, language):
    from portal.apply.documents.reminders import send_reminders
    from portal.clock import today

    app.config["PUBLIC_URL"] = "https://sz-assist.example.gov.cn/"
    app_id = drafted(client, language)
    reference = submit(client, app_id)
    application = db.session.get(Application, app_id)
    for request in application.requests:
        request.due_on = today() + timedelta(days=5)
    db.session.commit()
    assert send_reminders(today(), days=2) == 0  # not yet
    for request in application.requests:
        request.due_on = today() + timedelta(days=1)
    db.session.commit()
    assert send_reminders(today(), days=2) == 3
    assert send_reminders(today(), days=2) == 0  # once
    texts = db.session.scalars(db.select(Message).where(Message.kind == "documents_reminder")).all()
    assert len(texts) == 3
    assert f"https://sz-assist.example.gov.cn/my/applications/{reference}" in texts[0].body
    assert REMINDER[language] in texts[0].body and "张伟" not in texts[0].body
    events = db.session.scalars(db.select(Event).where(Event.action == "remind_documents")).all()
    assert len(events) == 3 and not any(e.visible_to_resident for e in events)


def test_no_reminder_when_nothing_is_needed(client, app):
    from portal.apply.documents.reminders import send_reminders
    from portal.clock import today

    app_id = drafted(client)
    post_documents(client, app_id, reasons={item: "没有" for item in ITEMS})
    submit(client, app_id)
    for request in db.session.get(Application, app_id).requests:
        request.due_on = today()
    db.session.commit()
    assert send_reminders(today()) == 0
    assert db.session.scalar(db.select(db.func.count(AssistanceRequest.id))) == 3


UNUSABLE = {"zh_Hans": None, "zh_Hant": None, "en": "Upload a photo (JPG or PNG) or a PDF."}


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant", "en"])
def test_documents_still_needed_can_be_sent_after_submission(client, app, language):
    app_id = drafted(client, language)
    post_documents(client, app_id, {"disability_cert:m3": (jpeg(), "残疾人证.jpg")},
                   reasons={"medical_receipts": "医院还没有开具"})
    reference = submit(client, app_id)
    url = f"/my/applications/{reference}/documents"
    status = get_page(client, f"/my/applications/{reference}")
    assert status.find("a", href=url) is not None
    page = get_page(client, url)
    assert len(page.select("input[type=file]")) == 3  # 5 asked for, 1 uploaded, 1 answered
    refused = page_of(client.post(url, data={"csrf_token": csrf_token(page),
                                             "item_1": (io.BytesIO(b"MZ\x90 not a photo"), "a.jpg")},
                                  content_type="multipart/form-data"), 200)
    errors = errors_of(refused)
    assert len(errors) == 1 and (UNUSABLE[language] is None or errors == [UNUSABLE[language]])
    assert refused.find(id="item_1-error") is not None
    sent = client.post(url, data={"csrf_token": csrf_token(page), "item_2": (io.BytesIO(jpeg()), "工资.jpg")},
                       content_type="multipart/form-data")
    assert sent.status_code == 302 and sent.headers["Location"].endswith(f"/my/applications/{reference}")
    assert len(get_page(client, url).select("input[type=file]")) == 2
    event = db.session.scalars(db.select(Event).where(Event.action == "documents_sent")).one()
    assert event.data == {"documents": ["income_proof:m1"]} and not event.visible_to_resident
    office = app.test_client()
    sign_in(office, create_account("caseworker", office_code=OFFICE))
    assert len(get_page(office, f"/office/cases/{reference}").select("ul.documents li")) == 2


def test_nothing_to_send_after_a_decision(client):
    app_id = drafted(client)
    reference = submit(client, app_id)
    for request in db.session.get(Application, app_id).requests:
        request.status = "APPROVED"
    db.session.commit()
    response = client.get(f"/my/applications/{reference}/documents")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/my/applications/{reference}")
