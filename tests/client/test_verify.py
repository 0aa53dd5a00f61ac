"""/verify: anyone can check a document with its reference and verification code; nothing personal shown."""
from __future__ import annotations

import pytest

from portal.extensions import db
from portal.models.issued import IssuedDocument
from portal.receipts import verify as verify_module
from portal.signals import application_submitted
from tests.factories import create_application
from tests.helpers.pages import errors_of, get_page, page_of, submit

NAME, ID_NUMBER = "陈美玲", "440305199001011234"
NOT_FOUND = {"zh_Hans": "未找到", "zh_Hant": "未找到", "en": "Not found"}
GENUINE = {"zh_Hans": "真实有效", "zh_Hant": "真實有效", "en": "Genuine"}


@pytest.fixture
def issued(app):
    application = create_application(name=NAME, id_number=ID_NUMBER, locale="zh_Hant")
    application_submitted.send(application)
    db.session.commit()
    document = db.session.scalar(db.select(IssuedDocument).where(IssuedDocument.application_id == application.id))
    return application, document


def check(client, reference, code):
    return page_of(submit(client, "/verify", {"reference": reference, "code": code}), 200)


@pytest.mark.parametrize("locale", ["zh_Hans", "zh_Hant", "en"])
def test_genuine_document_shows_kind_and_time_and_nothing_personal(client, issued, locale):
    application, document = issued
    client.get(f"/language/{locale}")
    soup = check(client, application.reference, document.verification_code)
    result = soup.select_one(".result--genuine")
    assert result is not None and GENUINE[locale] in result.get_text()
    text = soup.get_text()
    assert document.sha256 in text and application.reference in text
    assert {"zh_Hans": "社会救助申请回执", "zh_Hant": "社會救助申請回執", "en": "Application receipt"}[locale] in text
    assert "繁體中文" in result.get_text()  # the document's language, not the reader's
    assert NAME not in text and ID_NUMBER not in text and "440305" not in text and "***" not in text


@pytest.mark.parametrize("locale", ["zh_Hans", "zh_Hant", "en"])
def test_wrong_code_is_not_genuine_in_each_language(client, issued, locale):
    application, document = issued
    client.get(f"/language/{locale}")
    wrong = "22222222" if document.verification_code != "22222222" else "33333333"
    soup = check(client, application.reference, wrong)
    assert soup.select_one(".result--genuine") is None
    assert NOT_FOUND[locale] in soup.select_one(".result--unknown").get_text()
    assert NAME not in soup.get_text()
    # What was typed stays in the form.
    assert soup.find("input", attrs={"name": "code"})["value"] == wrong


def test_unknown_reference_gets_the_same_answer_as_a_wrong_code(client, issued):
    _, document = issued
    soup = check(client, "SZ-2222-2222-2", document.verification_code)
    assert soup.select_one(".result--unknown") is not None


def test_code_typed_in_lower_case_with_spaces_is_accepted(client, issued):
    application, document = issued
    code = document.verification_code.lower()
    soup = check(client, application.reference.lower().replace("-", " "), f"{code[:4]} {code[4:]}")
    assert soup.select_one(".result--genuine") is not None


def test_the_code_of_another_application_does_not_verify(client, issued):
    _, document = issued
    other = create_application()
    soup = check(client, other.reference, document.verification_code)
    assert soup.select_one(".result--unknown") is not None


@pytest.mark.parametrize("reference, code, field", [
    ("", "K7QM2DRT", "reference"),
    ("SZ-1234", "K7QM2DRT", "reference"),
    ("SZ-" + "A" * 5000, "K7QM2DRT", "reference"),
    ("\x00\x01SZ\x7f", "K7QM2DRT", "reference"),
    ("SZ-2222-2222-2", "", "code"),
    ("SZ-2222-2222-2", "K7QM2DR0", "code"),
    ("SZ-2222-2222-2", "<script>alert(1)</script>", "code"),
    ("SZ-2222-2222-2", "9" * 10000, "code"),
])
def test_malformed_input_gets_a_message_next_to_the_field(client, app, reference, code, field):
    response = submit(client, "/verify", {"reference": reference, "code": code})
    soup = page_of(response, 200)
    assert errors_of(soup), "no message next to the field"
    assert soup.select_one(f"#{field}-error") is not None
    assert soup.select_one(".result--genuine") is None and soup.select_one(".result--unknown") is None


def test_messages_in_each_language(client, app):
    expected = {"zh_Hans": "请输入验证码", "zh_Hant": "請輸入驗證碼", "en": "Enter the verification code"}
    for locale, message in expected.items():
        client.get(f"/language/{locale}")
        soup = page_of(submit(client, "/verify", {"reference": "SZ-2222-2222-2", "code": ""}), 200)
        assert message in " ".join(errors_of(soup))


def test_page_renders_and_prefills_the_reference(client, app):
    soup = get_page(client, "/verify?reference=SZ-2222-2222-2")
    assert soup.find("input", attrs={"name": "reference"})["value"] == "SZ-2222-2222-2"
    get_page(client, "/verify?reference=" + "x" * 5000)


def test_attempts_are_limited_per_client(client, issued, monkeypatch):
    application, document = issued
    monkeypatch.setattr(verify_module, "LIMIT", 3)
    for _ in range(3):
        assert submit(client, "/verify", {"reference": application.reference, "code": "22222222"}).status_code == 200
    response = submit(client, "/verify", {"reference": application.reference, "code": document.verification_code})
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
    assert "12349" in response.get_data(as_text=True)


def test_post_without_csrf_is_refused(client, app):
    response = client.post("/verify", data={"reference": "SZ-2222-2222-2", "code": "22222222"})
    assert response.status_code == 400
