"""One populated database for the security tests: two residents with real applications
(a submitted one with uploads, a receipt, a notice and messages; a draft with members and an
upload), assistants with and without the resident's consent (a standing mandate recorded by
consent code, as the product does), staff of the handling office and of another office, a
reviewer and an administrator.

Built once per test session through the real journey (``tests.tools.walkthrough``) and
copied for each test, so every test sees the same ids and none sees another's changes.
"""
from __future__ import annotations

import io
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from werkzeug.datastructures import FileStorage

from portal.apply.documents import uploads
from portal.extensions import db
from portal.models import Account, Application, AuthSession, Consent, Message
from portal.models.issued import IssuedDocument
from tests.factories import OTHER_OFFICE, create_account, sign_in
from tests.tools import walkthrough as W

ROLES = ("anonymous", "resident_a", "resident_b", "assistant_with_consent", "assistant_without_consent",
         "caseworker_of_office", "caseworker_other_office", "reviewer", "admin")
OFFICE = W.NANSHAN_YUEHAI


@dataclass
class World:
    """Ids of resident A's objects (the ones everybody else tries to reach)."""

    accounts: dict[str, int] = field(default_factory=dict)
    sent_id: int = 0
    reference: str = ""
    verifier: str = ""
    request_id: int = 0
    sent_document_id: int = 0
    draft_id: int = 0
    draft_document_id: int = 0
    member_ref: str = ""
    upload_item: str = ""
    draft_pages: list[str] = field(default_factory=list)
    notice_id: int = 0
    message_id: int = 0
    consent_id: int = 0  # one of the declarations A made on submitting
    mandate_id: int = 0  # A's standing mandate for the assistant with consent
    b_reference: str = ""
    spare_staff_id: int = 0  # a caseworker nobody signs in as: the administration rows change this one
    sentinels: dict[str, str] = field(default_factory=dict)


def png_bytes(size: tuple[int, int] = (8, 8)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def _png(name: str) -> FileStorage:
    return FileStorage(io.BytesIO(png_bytes()), filename=name, content_type="image/png")


def _client_as(app, account_id: int | None):
    client = app.test_client()
    if account_id is not None:
        sign_in(client, db.session.get(Account, account_id))
    return client


def build(app) -> World:
    """Fill the (empty, reference-data-only) database of ``app``; returns the ids."""
    world = World()
    a = create_account("resident", display_name="甲居民")
    b = create_account("resident", display_name="乙居民")
    accounts = {
        "resident_a": a, "resident_b": b,
        "assistant_with_consent": create_account("assistant", office_code=OFFICE),
        "assistant_without_consent": create_account("assistant", office_code=OFFICE),
        "caseworker_of_office": create_account("caseworker", office_code=OFFICE),
        "caseworker_other_office": create_account("caseworker", office_code=OTHER_OFFICE),
        "reviewer": create_account("reviewer", district_code=OFFICE[:6]),
        "admin": create_account("admin", district_code=OFFICE[:6]),
    }
    world.accounts = {role: account.id for role, account in accounts.items()}
    world.spare_staff_id = create_account("caseworker", office_code=OFFICE).id

    household = W.one_person_dibao()
    sent = W.walk(_client_as(app, a.id), household)
    world.reference = sent.reference
    application = db.session.scalars(db.select(Application).where(Application.reference == sent.reference)).one()
    world.sent_id = application.id
    world.verifier = household.pages["name"]["id_number"][-6:]
    world.request_id = application.requests[0].id

    draft = W.walk(_client_as(app, a.id), W.three_person_family(), stop_at_check=True)
    world.draft_id = int(draft.visited[-1].split("/")[2])
    world.draft_pages = list(dict.fromkeys(draft.visited))
    draft_row = db.session.get(Application, world.draft_id)
    refs = [m.get("ref") for m in draft_row.answers.get("members", []) if m.get("ref") not in (None, "m1")]
    world.member_ref = refs[0] if refs else "m2"

    other = W.one_person_dibao()
    other.pages["name"] = {**other.pages["name"], "id_number": W.resident_id("440305", "19750101", "335"),
                           "name": "乙居民"}
    world.b_reference = W.walk(_client_as(app, b.id), other).reference

    from portal.apply.documents.asked import required
    from portal.clock import today

    items = required(db.session.get(Application, world.draft_id).answers, today())
    world.upload_item = items[0].key if items else ""
    sent_row, draft_row = db.session.get(Application, world.sent_id), db.session.get(Application, world.draft_id)
    sent_doc = uploads.save_upload(sent_row, _png("id-card.png"), "id_card", a)
    draft_doc = uploads.save_upload(draft_row, _png("hukou.png"), "hukou", a)
    notice = IssuedDocument(kind="acceptance_notice", application_id=world.sent_id, request_id=world.request_id,
                            locale="zh_Hans", verification_code="TESTNOTICE01", sha256="0" * 64, size=9,
                            content=b"%PDF-1.4\n")
    db.session.add(notice)
    message = Message(account_id=a.id, channel="inapp", kind="test", locale="zh_Hans", body="您的申请已提交。")
    db.session.add(message)
    db.session.commit()
    world.notice_id, world.message_id = notice.id, message.id
    # Resident A consents as the product records it: the assistant asks, a code goes to A's
    # phone, A reads it out, the assistant types it (portal.assist.consent).
    from tests.client.assist_helpers import consent_by_code

    helper = _client_as(app, accounts["assistant_with_consent"].id)
    helper.get("/language/en")  # the code is read back from the SMS text; English words bound it
    mandate = consent_by_code(helper, a.phone, name="甲居民", allows=("upload", "withdraw", "change", "review"))
    assert mandate.resident_account_id == a.id
    world.mandate_id = mandate.id
    world.consent_id = db.session.scalar(db.select(Consent.id).where(Consent.application_id == world.sent_id)
                                         .order_by(Consent.id).limit(1)) or 0
    world.sent_document_id, world.draft_document_id = sent_doc.id, draft_doc.id
    # Sign-in rows of the walks are not part of the world: each test signs in its own clients.
    db.session.execute(db.delete(AuthSession))
    db.session.commit()
    return world


def copy_world(source: Path, target: Path) -> None:
    shutil.copy(source / "portal.sqlite3", target / "portal.sqlite3")
    if (source / "uploads").exists():
        shutil.copytree(source / "uploads", target / "uploads", dirs_exist_ok=True)
