"""Checking a document on a phone: the verification page with JavaScript on and off, through axe-core."""
from __future__ import annotations

import pytest

from portal.extensions import db
from portal.models.issued import IssuedDocument
from portal.signals import application_submitted
from tests.factories import create_application

pytestmark = pytest.mark.browser


def test_verify_a_receipt_on_a_phone(phone, live_server):
    with live_server.data():
        application = create_application(locale="zh_Hans")
        application_submitted.send(application)
        db.session.commit()
        reference = application.reference
        code = db.session.scalar(db.select(IssuedDocument.verification_code)
                                 .where(IssuedDocument.application_id == application.id))
    page = phone.goto("/verify")
    phone.check()
    page.get_by_role("button", name="核验文书").click()
    assert page.title().startswith("错误：") and page.locator(".error-summary").is_visible()
    phone.check()
    page.get_by_label("申请编号").fill(reference)
    page.get_by_label("验证码").fill("22222222" if code != "22222222" else "33333333")
    page.get_by_role("button", name="核验文书").click()
    assert page.locator(".result--unknown h2").inner_text() == "未找到"
    assert page.get_by_label("申请编号").input_value() == reference
    phone.check()
    page.get_by_label("验证码").fill(code.lower())
    page.get_by_role("button", name="核验文书").click()
    assert page.locator(".result--genuine h2").inner_text() == "真实有效"
    assert "社会救助申请回执" in page.locator(".result--genuine").inner_text()
    phone.check()
