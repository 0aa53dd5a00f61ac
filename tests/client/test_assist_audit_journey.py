"""Through the journey's own views: what an acting helper uploads, deletes and removes is in
the audit trail (needs the three record_* calls in portal/apply/filing/drafts.py)."""
from __future__ import annotations

import io

from PIL import Image

from portal.extensions import db
from portal.models import Document, Event
from tests.client.assist_helpers import assistant_client, consent_by_code
from tests.helpers.pages import csrf_token, get_page, submit
from tests.tools.walkthrough import three_person_family, walk


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "JPEG")
    return buffer.getvalue()


def test_uploads_deletions_and_removals_by_an_acting_helper_are_audited(app):
    client, assistant = assistant_client(app)
    mandate = consent_by_code(client, "13922240001")
    result = walk(client, three_person_family(), start=f"/assist/residents/{mandate.id}/act", stop_at_check=True)
    app_id = int(result.visited[-1].split("/")[2])
    soup = get_page(client, f"/apply/{app_id}/documents")
    response = client.post(f"/apply/{app_id}/documents/upload", data={
        "csrf_token": csrf_token(soup), "item": "disability_cert:m3",
        "disability-cert-m3-file": (io.BytesIO(_jpeg()), "残疾人证.jpg")}, content_type="multipart/form-data")
    assert response.status_code == 302
    document = db.session.scalars(db.select(Document)).one()
    soup = get_page(client, f"/apply/{app_id}/documents")
    assert client.post(f"/apply/{app_id}/documents/{document.id}/remove",
                       data={"csrf_token": csrf_token(soup)}).status_code == 302
    submit(client, f"/apply/{app_id}/member/m3/remove", {"confirm": "yes"})
    events = db.session.scalars(db.select(Event).where(
        Event.action.in_(("document_added", "document_deleted", "member_removed"))).order_by(Event.id)).all()
    assert [e.action for e in events] == ["document_added", "document_deleted", "member_removed"]
    assert {(e.actor_account_id, e.on_behalf_of_account_id) for e in events} == \
        {(assistant.id, mandate.resident_account_id)}
    assert events[0].data == {"document": document.id, "purpose": "disability_cert", "member": "m3"}
    assert events[2].data == {"member": "m3"}
