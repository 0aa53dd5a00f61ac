"""Shared steps of the assistant tests: record consent by code, act, read the consent SMS."""
from __future__ import annotations

import re

from portal.extensions import db
from portal.models import Message
from portal.models.assist import Mandate
from tests.factories import create_account, sign_in
from tests.helpers.pages import submit


def assistant_client(app, **kw):
    client = app.test_client()
    assistant = create_account("assistant", **kw)
    sign_in(client, assistant)
    client.get("/language/en")
    return client, assistant


def last_code(phone: str) -> str:
    body = db.session.scalars(db.select(Message.body).where(
        Message.to_phone == phone, Message.kind == "assist_consent").order_by(Message.id.desc())).first()
    return re.search(r"\b(\d{6})\b", body).group(1)


def begin(client, name="张三", phone="", id_number="", allows=("upload",), **extra) -> Mandate:
    """``allows``: what the resident allows besides filing (upload, submit, notices)."""
    response = submit(client, "/assist/find", {"name": name, "phone": phone, "id_number": id_number,
                                               "allows": list(allows), **extra})
    assert response.status_code == 302, response.get_data(as_text=True)
    mandate_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[-1])
    return db.session.get(Mandate, mandate_id)


def consent_by_code(client, phone: str, name="张三", **kw) -> Mandate:
    mandate = begin(client, name=name, phone=phone, **kw)
    response = submit(client, f"/assist/consent/{mandate.id}/send", {}, form_url=f"/assist/consent/{mandate.id}")
    assert response.status_code == 302
    response = submit(client, f"/assist/consent/{mandate.id}/code", {"code": last_code(phone)})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/assist/residents/{mandate.id}")
    db.session.refresh(mandate)
    assert mandate.standing
    return mandate


def act(client, mandate: Mandate) -> int:
    """Act for the resident; returns the id of the draft the journey opens."""
    response = submit(client, f"/assist/residents/{mandate.id}/act", {}, form_url=f"/assist/residents/{mandate.id}")
    assert response.status_code == 302
    return int(re.search(r"/apply/(\d+)", response.headers["Location"]).group(1))
