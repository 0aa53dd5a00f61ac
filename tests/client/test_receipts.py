"""The receipt: issued on submission, in the resident's language, real glyphs, served unchanged."""
from __future__ import annotations

import hashlib
import logging
import re

import pytest

from portal.extensions import db
from portal.models import Document, utcnow
from portal.models.issued import IssuedDocument
from portal.receipts import fonts, service
from portal.signals import application_submitted
from tests.client.test_receipts_pdf import (
    assert_real_glyphs,
    glyph_report,
    page_count,
    pdf_text,
)
from tests.factories import create_account, create_application, create_contact, sign_in

ID_NUMBER = "440305199001011234"
# What the receipt's title is in each language, and a sentence only that language has.
TITLES = {"zh_Hans": "社会救助申请回执", "zh_Hant": "社會救助申請回執", "en": "Application receipt"}
TYPE_DIBAO = {"zh_Hans": "最低生活保障", "zh_Hant": "最低生活保障", "en": "Minimum living allowance"}


def submitted(**kw):
    """An application as the journey leaves it, with the submission signal sent and committed."""
    kw.setdefault("id_number", ID_NUMBER)
    application = create_application(**kw)
    application_submitted.send(application)
    db.session.commit()
    return application


def flat(text: str) -> str:
    """Extracted text without the spaces and line breaks a PDF puts between characters."""
    return re.sub(r"\s", "", text)


def stored(application) -> IssuedDocument:
    return db.session.scalar(db.select(IssuedDocument).where(IssuedDocument.application_id == application.id,
                                                             IssuedDocument.kind == "receipt"))


def get_receipt(client, application, account):
    sign_in(client, account)
    return client.get(f"/applications/{application.reference}/receipt.pdf")


@pytest.mark.parametrize("locale", ["zh_Hans", "zh_Hant", "en"])
def test_receipt_in_the_residents_language_with_real_glyphs(app, locale):
    resident = create_account("resident")
    application = submitted(account=resident, name="陈美玲", locale=locale, types=("dibao", "medical"))
    document = stored(application)
    assert document is not None and document.locale == locale
    text = flat(pdf_text(document.content))
    assert TITLES[locale].replace(" ", "") in text and TYPE_DIBAO[locale].replace(" ", "") in text
    assert application.reference in text and document.verification_code in text
    assert "陈美玲" in text and "440***********1234" in text and ID_NUMBER not in text
    assert "12349" in text
    assert page_count(document.content) == 1
    # Every character of the name, the title and the reference is drawn by the portal's faces.
    assert_real_glyphs(document.content, "陈美玲" + TITLES[locale] + application.reference)


@pytest.mark.parametrize("locale", ["zh_Hans", "zh_Hant", "en"])
def test_rare_name_characters_get_real_glyphs_from_the_fallback_face(app, locale):
    name = "王喆堃昇龑䶮"
    application = submitted(name=name, locale=locale)
    pdf = stored(application).content
    assert name in pdf_text(pdf)
    assert_real_glyphs(pdf, name)
    assert all(set(glyph_report(pdf, ch)[ch]) & set(fonts.FALLBACK_FAMILIES) for ch in "喆堃龑䶮")


def test_traditional_characters_in_a_name_print_in_a_simplified_receipt(app):
    name = "陳國華"
    pdf = stored(submitted(name=name, locale="zh_Hans")).content
    assert name in pdf_text(pdf)
    assert_real_glyphs(pdf, name)


def test_download_serves_exactly_the_stored_bytes(app, client):
    resident = create_account("resident")
    application = submitted(account=resident)
    document = stored(application)
    first = get_receipt(client, application, resident)
    second = client.get(f"/applications/{application.reference}/receipt.pdf")
    assert first.status_code == 200 and first.mimetype == "application/pdf"
    assert first.headers["Content-Disposition"] == f'attachment; filename="receipt-{application.reference}.pdf"'
    assert hashlib.sha256(first.data).hexdigest() == document.sha256 == hashlib.sha256(second.data).hexdigest()
    assert document.size == len(first.data)
    assert db.session.scalar(db.select(db.func.count(IssuedDocument.id))) == 1


def test_a_repeated_submission_signal_does_not_issue_a_second_receipt(app):
    application = submitted()
    first = stored(application)
    application_submitted.send(application)
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count(IssuedDocument.id))) == 1
    assert stored(application).sha256 == first.sha256


def test_receipt_lists_requests_offices_documents_and_contacts(app):
    create_contact("44030506", address="南山区粤海街道办事处一楼", hours="周一至周五 9:00-18:00", phone="0755-12345678")
    application = create_application(types=("dibao", "medical"), locale="zh_Hans", id_number=ID_NUMBER)
    for purpose in ("disability_cert", "income_proof", "income_proof"):
        db.session.add(Document(application_id=application.id, purpose=purpose, stored_name=f"f-{purpose}-{utcnow().timestamp()}-{id(purpose)}",
                                original_name="张三的证明.jpg", content_type="image/jpeg", size=10, sha256="0" * 64,
                                uploaded_at=application.submitted_at))
    db.session.commit()
    application_submitted.send(application)
    db.session.commit()
    text = flat(pdf_text(stored(application).content))
    for expected in ("医疗救助", "南山区", "粤海街道", "户籍", "30个工作日", "0755-12345678", "周一至周五",
                     "残疾", "2份"):
        assert expected in text, expected
    assert "张三的证明" not in text  # file names are never printed


def test_a_receipt_that_failed_at_submission_is_rendered_once_on_first_download(app, client, monkeypatch, caplog):
    resident = create_account("resident")
    real = service.receipt_pdf

    def broken(*args, **kwargs):
        raise RuntimeError("陈美玲 440305199001011234")  # an error whose message holds personal data

    monkeypatch.setattr(service, "receipt_pdf", broken)
    with caplog.at_level(logging.ERROR):
        application = submitted(account=resident, name="陈美玲")
    assert application.status == "submitted" and stored(application) is None
    assert "陈美玲" not in caplog.text and "440305" not in caplog.text and "RuntimeError" in caplog.text
    monkeypatch.setattr(service, "receipt_pdf", real)
    first = get_receipt(client, application, resident)
    second = client.get(f"/applications/{application.reference}/receipt.pdf")
    assert first.status_code == 200 and first.data == second.data
    assert db.session.scalar(db.select(db.func.count(IssuedDocument.id))) == 1


def test_two_first_downloads_racing_store_one_receipt(app, monkeypatch):
    application = create_application()
    winner = service.stored_receipt(application)  # the other process, already committed
    calls = []
    real_find = service.find_receipt

    def not_yet(app_):
        calls.append(1)
        return None if len(calls) == 1 else real_find(app_)

    monkeypatch.setattr(service, "find_receipt", not_yet)
    loser = service.stored_receipt(application)
    assert loser.id == winner.id and loser.sha256 == winner.sha256
    assert db.session.scalar(db.select(db.func.count(IssuedDocument.id))) == 1


def test_receipt_survives_postgresql(any_app):
    application = submitted()
    document = stored(application)
    db.session.expire_all()
    again = db.session.get(IssuedDocument, document.id)
    assert hashlib.sha256(again.content).hexdigest() == document.sha256


def test_hostile_name_is_printed_as_text_and_fetches_nothing(app, monkeypatch):
    from portal.receipts import pdf as pdf_module

    asked = []
    real = pdf_module.allowed_path
    monkeypatch.setattr(pdf_module, "allowed_path", lambda url, roots=None: asked.append(url) or real(url, roots))
    name = '<img src=x onerror=alert(1)><link rel="stylesheet" href="http://127.0.0.1:9/x.css">\x00\x07王'
    pdf = stored(submitted(name=name)).content
    text = pdf_text(pdf)
    assert "<img src=x onerror=alert(1)>" in text and 'href="http://127.0.0.1:9/x.css">' in text
    assert not [url for url in asked if "x.css" in url or url.endswith("/x")]
    assert page_count(pdf) == 1
    # Control characters are dropped, so no font outside the portal's is needed to print the name.
    assert_real_glyphs(pdf, "王<>=")


def test_a_stored_receipt_never_changes_when_the_application_does(app, client, monkeypatch):
    resident = create_account("resident")
    application = submitted(account=resident, name="陈美玲")
    before = stored(application).sha256
    application.applicant_name = "陈美琳"
    application.locale = "en"
    db.session.commit()
    monkeypatch.setattr(service, "receipt_pdf", lambda *a, **k: pytest.fail("a stored receipt was rendered again"))
    response = get_receipt(client, application, resident)
    assert hashlib.sha256(response.data).hexdigest() == before
    assert "陈美玲" in pdf_text(response.data)
