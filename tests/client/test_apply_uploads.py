"""Uploads: JPEG, PNG and PDF checked by content, refused with a clear message otherwise,
stored outside static/ under a generated name, downloadable only by those entitled."""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image
from werkzeug.datastructures import FileStorage

from portal.apply.documents.uploads import UploadRejected, save_upload, sniff
from portal.config import PROJECT_ROOT
from portal.extensions import db
from portal.models import Application, Document
from tests.factories import create_account, create_application, sign_in
from tests.helpers import hostile_files as H
from tests.helpers.pages import csrf_token, errors_of, get_page, page_of
from tests.tools.walkthrough import three_person_family, walk


def jpeg(size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 90, 200)).save(buffer, "PNG")
    return buffer.getvalue()


PDF = H.build(H.base_objects())


@pytest.mark.parametrize("data, kind", [(jpeg(), "image/jpeg"), (png(), "image/png"), (PDF, "application/pdf")])
def test_accepted_types_are_recognised_by_content(data, kind):
    assert sniff(data) == kind


@pytest.mark.parametrize("data, code", [
    (b"", "empty"),
    (b"#!/bin/sh\nrm -rf /\n", "wrong_type"),                              # a script renamed .jpg
    (b"<html><script>alert(1)</script></html>", "wrong_type"),
    (jpeg() + b"<script>alert(1)</script>", "wrong_type"),                  # polyglot: markup after the image
    (png() + b"PK\x03\x04" + b"\x00" * 200, "wrong_type"),                  # polyglot: a zip after the image
    (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "heic_unsupported"),
    (jpeg()[:60], "unreadable"),                                            # truncated photo
    (b"%PDF-1.4\n1 0 obj", "unreadable"),                                   # truncated PDF
    (b"GIF89a" + b"\x00" * 30, "wrong_type"),
])
def test_unacceptable_files_are_refused_with_a_reason(data, code):
    with pytest.raises(UploadRejected) as refused:
        sniff(data)
    assert refused.value.code == code


def test_large_files_are_refused_before_they_are_stored(app):
    application = create_application(status="draft")
    big = FileStorage(io.BytesIO(b"\xff\xd8\xff" + b"\x00" * (10 * 1024 * 1024 + 10)), filename="big.jpg")
    with pytest.raises(UploadRejected) as refused:
        save_upload(application, big, "id_card", None)
    assert refused.value.code == "too_large"
    assert not list(Path(app.config["UPLOAD_DIR"]).glob("*")) if Path(app.config["UPLOAD_DIR"]).exists() else True


def test_saved_file_has_a_generated_name_outside_static(app):
    application = create_application(status="draft")
    document = save_upload(application, FileStorage(io.BytesIO(jpeg()), filename="张三身份证.jpg"), "id_card", None)
    db.session.commit()
    path = Path(app.config["UPLOAD_DIR"]) / document.stored_name
    stored = path.read_bytes()
    assert stored.startswith(b"\xff\xd8\xff") and Image.open(path).size == (40, 30) and "张三" not in document.stored_name
    assert document.sha256 == hashlib.sha256(stored).hexdigest() and document.size == len(stored)
    assert not str(path.resolve()).startswith(str((PROJECT_ROOT / "static").resolve()))
    assert document.original_name == "张三身份证.jpg" and document.content_type == "image/jpeg" and len(document.sha256) == 64


def _documents_page(client):
    account = create_account("resident")
    sign_in(client, account)
    household = three_person_family()
    result = walk(client, household, stop_at_check=True)
    app_id = int(result.visited[-1].split("/")[2])
    return account, app_id


def _upload(client, app_id, item, content, filename):
    soup = get_page(client, f"/apply/{app_id}/documents")
    prefix = item.replace(":", "-").replace("_", "-")
    return client.post(f"/apply/{app_id}/documents/upload", data={
        "csrf_token": csrf_token(soup), "item": item, f"{prefix}-file": (io.BytesIO(content), filename)},
        content_type="multipart/form-data")


@pytest.mark.parametrize("language, message", [
    ("zh_Hans", "请上传照片（JPEG 或 PNG）或 PDF。这个文件不属于这些格式"),
    ("zh_Hant", "請上傳照片（JPEG 或 PNG）或 PDF。這個檔案不屬於這些格式"),
    ("en", "Upload a photo (JPEG or PNG) or a PDF. This file is not one of them"),
])
def test_a_refused_upload_says_why_next_to_the_field(client, language, message):
    account, app_id = _documents_page(client)
    client.get(f"/language/{language}")
    response = _upload(client, app_id, "disability_cert:m3", b"MZ\x90\x00 not a photo", "证件.jpg")
    soup = page_of(response, 400)
    assert errors_of(soup) == [message]
    assert soup.select_one(".error-summary a")["href"] == "#disability-cert-m3-file"
    assert db.session.scalar(db.select(db.func.count(Document.id))) == 0


def test_continue_after_a_refused_upload_goes_on_and_not_to_a_404(client):
    """Issue 14: the refused upload's page is shown at /documents/upload; every form on it must
    post to a page that exists, and 继续 must move on as it does from /documents."""
    account, app_id = _documents_page(client)
    response = _upload(client, app_id, "disability_cert:m3", b"MZ\x90\x00 not a photo", "证件.jpg")
    soup = page_of(response, 400)
    continue_form = soup.select_one(".upload-done").find_parent("form")
    assert continue_form["action"] == f"/apply/{app_id}/documents"
    for form in soup.select("main form"):
        assert form.get("action"), form  # no form posts back to /documents/upload by default
    data = {i["name"]: i.get("value", "") for i in continue_form.select("input[name]")}
    after = client.post(continue_form["action"], data=data)
    assert after.status_code == 302 and "/documents" not in after.headers["Location"]


@pytest.mark.parametrize("language, message", [
    ("zh_Hans", "这个 PDF 需要密码才能打开，无法检查。请另存一份不带密码的 PDF（或重新打印成 PDF）后上传"),
    ("zh_Hant", "這個 PDF 需要密碼才能開啟，無法檢查。請另存一份不帶密碼的 PDF（或重新列印成 PDF）後上傳"),
    ("en", "This PDF needs a password to open, so it cannot be checked. Save it again without the password "
           "(or print it to a new PDF) and upload that copy"),
])
def test_a_pdf_locked_with_a_password_is_refused_next_to_the_field(client, language, message):
    account, app_id = _documents_page(client)
    client.get(f"/language/{language}")
    response = _upload(client, app_id, "income_proof:m1", H.password_protected_pdf(), "工资证明.pdf")
    soup = page_of(response, 400)
    assert errors_of(soup) == [message]
    assert soup.select_one(".error-summary a")["href"] == "#income-proof-m1-file"
    assert db.session.scalar(db.select(db.func.count(Document.id))) == 0


def test_a_pdf_with_a_hidden_script_is_stored_rewritten_and_served_as_an_attachment(client, app):
    from pypdf import PdfReader

    from portal.apply.documents.clean_pdf import problems

    account, app_id = _documents_page(client)
    hostile = H.hostile_pdfs()["action in a compressed object stream"]
    assert _upload(client, app_id, "income_proof:m1", hostile, "工资证明.pdf").status_code == 302
    document = db.session.scalars(db.select(Document)).one()
    stored = (Path(app.config["UPLOAD_DIR"]) / document.stored_name).read_bytes()
    assert stored != hostile and problems(stored) == [] and H.PAYLOAD not in H.all_stream_bytes(stored)
    assert PdfReader(io.BytesIO(stored)).pages[0].extract_text() == H.PAGE_TEXT
    assert document.size == len(stored)  # the row describes what is stored, not what was sent
    download = client.get(f"/documents/{document.id}")
    assert download.data == stored and download.mimetype == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert download.headers["X-Content-Type-Options"] == "nosniff"


def test_heic_gets_a_suggestion_to_send_jpeg(client):
    account, app_id = _documents_page(client)
    client.get("/language/en")
    response = _upload(client, app_id, "disability_cert:m3", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "IMG_1.HEIC")
    assert "send the photo as a JPEG" in errors_of(page_of(response, 400))[0]


def test_upload_download_and_remove(client, app):
    account, app_id = _documents_page(client)
    response = _upload(client, app_id, "disability_cert:m3", jpeg(), "残疾人证.jpg")
    assert response.status_code == 302
    document = db.session.scalars(db.select(Document)).one()
    assert (document.purpose, document.member_ref) == ("disability_cert", "m3")
    soup = get_page(client, f"/apply/{app_id}/documents")
    link = soup.find("a", href=f"/documents/{document.id}")
    assert link is not None
    download = client.get(f"/documents/{document.id}")
    stored = (Path(app.config["UPLOAD_DIR"]) / document.stored_name).read_bytes()
    assert download.status_code == 200 and download.data == stored and Image.open(io.BytesIO(stored)).size == (40, 30)
    disposition = download.headers["Content-Disposition"]
    assert disposition.startswith("attachment") and "残疾" not in disposition and f"disability_cert-{document.id}.jpg" in disposition
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    stranger = app.test_client()
    sign_in(stranger, create_account("resident"))
    assert stranger.get(f"/documents/{document.id}").status_code == 404
    caseworker = app.test_client()
    sign_in(caseworker, create_account("caseworker", office_code="44030506"))
    assert caseworker.get(f"/documents/{document.id}").status_code == 404  # still a draft
    form = {"csrf_token": csrf_token(soup)}
    assert client.post(f"/apply/{app_id}/documents/{document.id}/remove", data=form).status_code == 302
    assert client.get(f"/documents/{document.id}").status_code == 404


def test_the_handling_office_can_download_after_submission(client, app):
    account, app_id = _documents_page(client)
    _upload(client, app_id, "income_proof:m1", PDF, "工资证明.pdf")
    soup = get_page(client, f"/apply/{app_id}/check")
    client.post(f"/apply/{app_id}/check", data={"csrf_token": csrf_token(soup),
                                                "submission_token": soup.find("input", attrs={"name": "submission_token"})["value"]})
    assert db.session.get(Application, app_id).status == "submitted"
    document = db.session.scalars(db.select(Document)).one()
    office = app.test_client()
    sign_in(office, create_account("caseworker", office_code="44030506"))
    response = office.get(f"/documents/{document.id}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    other = app.test_client()
    sign_in(other, create_account("caseworker", office_code="44030401"))
    assert other.get(f"/documents/{document.id}").status_code == 404


def test_only_documents_the_office_cannot_fetch_are_asked_for(client):
    account, app_id = _documents_page(client)
    soup = get_page(client, f"/apply/{app_id}/documents")
    items = [b["value"] for b in soup.find_all("button", attrs={"name": "upload"})]
    # Disabled grandmother's certificate, the adult student's enrolment, wages proof, receipts;
    # never ID cards or the Shenzhen household registration.
    assert items == ["disability_cert:m3", "school_enrolment:m2", "income_proof:m1", "medical_receipts", "education_receipts"]
    assert all(i.get("accept") == "image/jpeg,image/png,application/pdf" for i in soup.find_all("input", type="file"))
