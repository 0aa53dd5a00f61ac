"""Audit of what a helper changes in a resident's draft besides saving pages: uploads,
document deletions and member removals (portal.assist.trail.record_*), each an Event with
actor = helper, on behalf of = resident, shown to the resident; nothing when residents act
themselves or when the helper is not acting for this resident."""
from __future__ import annotations

import secrets
from contextlib import contextmanager

from flask import g, session

from portal.assist import trail as work
from portal.assist.mandates import start_acting
from portal.extensions import db
from portal.models import Account, Application, Document, Event, utcnow
from tests.client.assist_helpers import assistant_client, consent_by_code
from tests.factories import create_account, create_application, sign_in
from tests.helpers.pages import get_page

AUDITED = ("document_added", "document_deleted", "member_removed")


def _draft_for(mandate) -> Application:
    resident = db.session.get(Account, mandate.resident_account_id)
    return create_application(resident, status="draft", types=())


def _document(application: Application, name: str = "王五-440305199001011234.jpg") -> Document:
    return Document(application_id=application.id, purpose="id_card", member_ref="m2", original_name=name,
                    stored_name=f"doc-{secrets.token_hex(8)}", content_type="image/jpeg", size=10, sha256="0" * 64)


def _record_all(application: Application) -> Document:
    document = _document(application)
    db.session.add(document)
    work.record_document_added(application, document)  # before the upload's commit: not flushed yet
    db.session.commit()
    work.record_document_deleted(document)
    work.record_member_removed(application, "m2")
    db.session.commit()
    return document


@contextmanager
def _signed_in_as(app, account: Account, mandate=None):
    """A request of ``account``, acting under ``mandate`` when given, as the journey's services run."""
    with app.test_request_context("/"):
        g.account = account
        if mandate is not None:
            start_acting(mandate)
        yield


def _helper_with_draft(app, phone: str):
    client, assistant = assistant_client(app)
    mandate = consent_by_code(client, phone)
    return assistant, mandate, _draft_for(mandate)


def _audited() -> list[Event]:
    return db.session.scalars(db.select(Event).where(Event.action.in_(AUDITED)).order_by(Event.id)).all()


def test_an_acting_helper_leaves_an_entry_for_each_change(app):
    assistant, mandate, application = _helper_with_draft(app, "13922230001")
    with _signed_in_as(app, assistant, mandate):
        document = _record_all(application)
    events = _audited()
    assert [e.action for e in events] == list(AUDITED)
    assert {(e.application_id, e.actor_account_id, e.actor_role, e.on_behalf_of_account_id, e.visible_to_resident)
            for e in events} == {(application.id, assistant.id, "assistant", mandate.resident_account_id, True)}
    assert events[0].data == events[1].data == {"document": document.id, "purpose": "id_card", "member": "m2"}
    assert events[2].data == {"member": "m2"}
    assert all("王五" not in str(e.data) and "440305" not in str(e.data) for e in events)  # never the file's name


def test_the_resident_reads_the_entries_in_their_language(app):
    assistant, mandate, application = _helper_with_draft(app, "13922230002")
    with _signed_in_as(app, assistant, mandate):
        _record_all(application)
    resident_client = app.test_client()
    sign_in(resident_client, db.session.get(Account, mandate.resident_account_id))
    expected = {
        "en": ["Uploaded a document to your draft", "Deleted a document from your draft",
               "Removed a household member from your draft"],
        "zh_Hans": ["上传了一份材料到您的申请草稿", "从您的申请草稿中删除了一份材料", "从您的申请草稿中移除了一名家庭成员"],
        "zh_Hant": ["上傳了一份材料到您的申請草稿", "從您的申請草稿中刪除了一份材料", "從您的申請草稿中移除了一名家庭成員"],
    }
    for locale, labels in expected.items():
        resident_client.get(f"/language/{locale}")
        text = get_page(resident_client, "/my/helpers").select_one(".timeline").get_text()
        assert all(label in text for label in labels), (locale, text)


def test_nothing_is_recorded_when_the_resident_acts_or_the_helper_is_not_acting(app):
    assistant, mandate, application = _helper_with_draft(app, "13922230003")
    resident = db.session.get(Account, mandate.resident_account_id)
    for account in (resident, assistant, create_account("assistant")):
        with _signed_in_as(app, account):
            _record_all(application)
            assert "acting_for" not in session
    assert _audited() == []


def test_a_withdrawn_mandate_records_nothing(app):
    assistant, mandate, application = _helper_with_draft(app, "13922230004")
    with _signed_in_as(app, assistant, mandate):
        mandate.withdrawn_at = utcnow()
        db.session.commit()
        _record_all(application)
    assert _audited() == []
