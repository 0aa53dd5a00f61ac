"""Consent before anything personal: by code, by mandate photo, wrong and expired codes."""
from __future__ import annotations

import io
from datetime import timedelta

import pytest

from portal.extensions import db
from portal.models import Account, Message, OneTimeCode, utcnow
from portal.models.assist import Mandate
from tests.client.assist_helpers import (
    assistant_client,
    begin,
    consent_by_code,
    last_code,
)
from tests.factories import create_account, create_application
from tests.helpers.pages import errors_of, get_page, page_of, submit
from tests.tools.walkthrough import resident_id

ID_WANG = resident_id("440305", "19900101", "123")
ID_ZHAO = resident_id("440305", "19500101", "123")


def png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "PNG")
    return buffer.getvalue()


def test_code_consent_links_the_existing_resident_and_records_method_time_and_scope(app):
    client, assistant = assistant_client(app)
    resident = create_account("resident", phone="13912345678")
    create_application(resident, name="张三")
    mandate = consent_by_code(client, "13912345678")
    assert mandate.resident_account_id == resident.id and mandate.assistant_id == assistant.id
    assert mandate.method == "sms_code" and mandate.scope == "apply" and mandate.granted_at is not None
    sms = db.session.scalars(db.select(Message).where(Message.kind == "assist_consent")).one()
    assert "张三" not in sms.body and "13912345678" not in sms.body  # no personal data in the text
    code_row = db.session.scalars(db.select(OneTimeCode).where(OneTimeCode.purpose == "assist_consent")).one()
    assert last_code("13912345678") not in code_row.code_hash and code_row.used_at is not None


def test_code_consent_for_a_new_number_creates_the_resident_account(app):
    client, _ = assistant_client(app)
    mandate = consent_by_code(client, "13911112222", name="李四")
    account = db.session.get(Account, mandate.resident_account_id)
    assert account.role == "resident" and account.phone == "13911112222"


def test_before_consent_the_pages_show_nothing_of_an_existing_resident(app):
    client, _ = assistant_client(app)
    resident = create_account("resident", phone="13912340000")
    create_application(resident, name="王五", id_number=ID_WANG)
    known = begin(client, name="某人", phone="13912340000", id_number=ID_WANG)
    unknown = begin(client, name="某人", phone="13912349999")
    for mandate in (known, unknown):
        html = str(get_page(client, f"/assist/consent/{mandate.id}"))
        assert "王五" not in html and "SZ-" not in html and mandate.resident_account_id is None
    # Same page shape whether or not the number exists.
    assert get_page(client, f"/assist/consent/{known.id}").h1.text == get_page(client, f"/assist/consent/{unknown.id}").h1.text
    assert get_page(client, f"/assist/residents/{known.id}", status=403)


def test_wrong_code_is_refused_with_tries_left_and_typing_kept(app):
    client, _ = assistant_client(app)
    mandate = begin(client, phone="13912345679")
    submit(client, f"/assist/consent/{mandate.id}/send", {}, form_url=f"/assist/consent/{mandate.id}")
    right = last_code("13912345679")
    wrong = "000000" if right != "000000" else "111111"
    soup = page_of(submit(client, f"/assist/consent/{mandate.id}/code", {"code": wrong}))
    assert errors_of(soup) == ["That code is not right. Ask the resident to read the text message again. Tries left: 4."]
    assert soup.find("input", attrs={"name": "code"})["value"] == wrong
    soup = page_of(submit(client, f"/assist/consent/{mandate.id}/code", {"code": "12ab"}))
    assert errors_of(soup) == ["The code is 6 digits, like 123456"]
    db.session.refresh(mandate)
    assert not mandate.standing


def test_five_wrong_codes_lock_the_code(app):
    client, _ = assistant_client(app)
    mandate = begin(client, phone="13912345670")
    submit(client, f"/assist/consent/{mandate.id}/send", {}, form_url=f"/assist/consent/{mandate.id}")
    right = last_code("13912345670")
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(5):
        soup = page_of(submit(client, f"/assist/consent/{mandate.id}/code", {"code": wrong}))
    assert errors_of(soup) == ["Too many wrong codes. Send a new code."]
    soup = page_of(submit(client, f"/assist/consent/{mandate.id}/code", {"code": right}))
    assert errors_of(soup) == ["Too many wrong codes. Send a new code."]


def test_expired_code_is_refused_in_three_languages(app):
    client, _ = assistant_client(app)
    mandate = begin(client, phone="13912345671")
    submit(client, f"/assist/consent/{mandate.id}/send", {}, form_url=f"/assist/consent/{mandate.id}")
    code = last_code("13912345671")
    row = db.session.scalars(db.select(OneTimeCode).where(OneTimeCode.token == mandate.code_token)).one()
    row.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    expected = {"en": "That code has expired. Send a new code.", "zh_Hans": "验证码已过期。请重新发送验证码。",
                "zh_Hant": "驗證碼已過期。請重新傳送驗證碼。"}
    for locale, message in expected.items():
        client.get(f"/language/{locale}")
        soup = page_of(submit(client, f"/assist/consent/{mandate.id}/code", {"code": code}))
        assert errors_of(soup) == [message]
    db.session.refresh(mandate)
    assert not mandate.standing


def test_mandate_photo_consent_for_a_resident_without_a_phone(app):
    client, assistant = assistant_client(app)
    mandate = begin(client, name="赵六", id_number=ID_ZHAO)
    soup = get_page(client, f"/assist/consent/{mandate.id}")
    assert soup.find("form", attrs={"action": f"/assist/consent/{mandate.id}/send"}) is None  # no phone, no code
    response = submit(client, f"/assist/consent/{mandate.id}/mandate",
                      {"photo": (io.BytesIO(png()), "mandate.png"), "declaration": "y"},
                      form_url=f"/assist/consent/{mandate.id}", content_type="multipart/form-data")
    assert response.status_code == 302
    db.session.refresh(mandate)
    assert mandate.standing and mandate.method == "mandate_photo" and mandate.evidence_content_type == "image/png"
    resident = db.session.get(Account, mandate.resident_account_id)
    assert resident.phone is None and resident.role == "resident"


def test_mandate_photo_needs_a_real_image_and_the_declaration(app):
    client, _ = assistant_client(app)
    mandate = begin(client, name="赵六", id_number=ID_ZHAO)
    response = submit(client, f"/assist/consent/{mandate.id}/mandate",
                      {"photo": (io.BytesIO(b"<html>not an image</html>"), "mandate.png")},
                      form_url=f"/assist/consent/{mandate.id}", content_type="multipart/form-data")
    soup = page_of(response, 400)
    assert "Tick the box to make the declaration" in errors_of(soup)
    response = submit(client, f"/assist/consent/{mandate.id}/mandate",
                      {"photo": (io.BytesIO(b"<html>not an image</html>"), "mandate.png"), "declaration": "y"},
                      form_url=f"/assist/consent/{mandate.id}", content_type="multipart/form-data")
    assert errors_of(page_of(response, 400)) == ["The file must be a JPEG, PNG or PDF"]
    db.session.refresh(mandate)
    assert not mandate.standing


@pytest.mark.parametrize("data, message", [
    ({"name": "", "phone": "13912345678"}, "Enter the resident's full name"),
    ({"name": "张三", "phone": "", "id_number": ""}, "Enter the resident's mobile number or ID number"),
    ({"name": "张三", "phone": "1391234"}, "Enter an 11-digit mainland mobile number, like 138 0013 8000"),
    ({"name": "张三", "id_number": "440305199001011230"}, "Enter the 18-character ID number on the card"),
    ({"name": "张\x00三\x1b" * 40, "phone": "13912345678"}, "The name can have at most 60 characters"),
])
def test_find_form_problems_are_shown_next_to_the_field_and_typing_is_kept(app, data, message):
    client, _ = assistant_client(app)
    soup = page_of(submit(client, "/assist/find", data))
    assert errors_of(soup) == [message]
    if data.get("phone"):
        assert soup.find("input", attrs={"name": "phone"})["value"] == data["phone"]
    assert db.session.scalar(db.select(db.func.count(Mandate.id))) == 0
