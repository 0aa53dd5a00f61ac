"""The case page of an application a helper filed under a signed mandate, masked and revealed,
and the helper's resident page with the receipt to hand over: axe-clean at 375 px, JavaScript
on and off."""
from __future__ import annotations

import secrets
from datetime import timedelta

import pytest

from portal.apply.documents.uploads import upload_dir
from portal.extensions import db
from portal.models import utcnow
from portal.models.assist import Mandate
from tests.factories import create_account, create_application

pytestmark = pytest.mark.browser


def _filed_under_a_signed_mandate(live_server):
    with live_server.data():
        assistant = create_account("assistant")
        caseworker = create_account("caseworker")
        resident = create_account("resident")
        stored = f"mandate-{secrets.token_hex(16)}.png"
        (upload_dir() / stored).write_bytes(b"\x89PNG\r\n\x1a\n")
        mandate = Mandate(assistant_id=assistant.id, resident_account_id=resident.id, resident_name="欧阳长名字测试人",
                          method="mandate_photo", granted_at=utcnow() - timedelta(days=1), evidence_stored_name=stored,
                          evidence_content_type="image/png", evidence_sha256="0" * 64)
        db.session.add(mandate)
        db.session.commit()
        application = create_application(resident, created_by_id=assistant.id, channel="assistant",
                                          name="欧阳长名字测试人")
        return application.reference, mandate.id, assistant.id, caseworker.id


def test_mandate_row_reveal_and_receipt_link_on_a_phone(phone, live_server):
    reference, mandate_id, assistant_id, caseworker_id = _filed_under_a_signed_mandate(live_server)
    live_server.sign_in(phone.context, caseworker_id)
    page = phone.goto(f"/office/cases/{reference}")
    phone.check()
    assert page.locator(f"a[href='/office/cases/{reference}/mandate']").count() == 1
    page.locator(f"form[action='/office/cases/{reference}/reveal'] button").click()
    phone.check()
    assert page.locator(f"main a[href='/office/cases/{reference}']").count() == 1  # hide them again
    phone.context.clear_cookies()
    live_server.sign_in(phone.context, assistant_id)
    page = phone.goto(f"/assist/residents/{mandate_id}")
    phone.check()
    assert page.locator(f"a[href='/applications/{reference}/receipt.pdf']").count() == 1
