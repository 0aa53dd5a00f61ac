"""The resident answers a request for missing documents from the status page."""
from __future__ import annotations

import io

from PIL import Image

from portal.extensions import db
from portal.models import Document, Event
from portal.tracking.transitions import perform
from tests.factories import create_account, create_application, sign_in
from tests.helpers.pages import csrf_token, errors_of, get_page, page_of


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def _waiting(resident, items=("户口簿首页", "租赁合同")):
    application = create_application(resident, types=("dibao", "medical"))
    request = application.requests[0]
    perform(request, "request_materials", create_account("caseworker"), {"missing_items": list(items)})
    db.session.commit()
    return application, request


def _post(client, url, files: dict):
    token = csrf_token(get_page(client, url))
    data = {"csrf_token": token, **{name: (io.BytesIO(content), filename) for name, (filename, content) in files.items()}}
    return client.post(url, data=data, content_type="multipart/form-data")


def test_resident_uploads_each_item_and_the_request_returns_to_the_queue(client):
    resident = create_account("resident")
    application, request = _waiting(resident)
    sign_in(client, resident)
    client.get("/language/en")
    status = get_page(client, f"/my/applications/{application.reference}")
    section = status.select("section.request")[0]
    assert [li.get_text(strip=True) for li in section.select(".notice--action li")] == ["户口簿首页", "租赁合同"]
    url = section.select_one(".notice--action a.button")["href"]
    page = get_page(client, url)
    assert [label.get_text(strip=True) for label in page.select("form label")] == ["户口簿首页", "租赁合同"]
    # One item now: saved, the request still waits for the other.
    response = _post(client, url, {"item_1": ("hukou.png", png())})
    assert response.status_code == 302 and response.headers["Location"].endswith(url)
    db.session.refresh(request)
    assert request.status == "NEEDS_MATERIALS"
    assert "Uploaded: 1 file" in get_page(client, url).get_text()
    # The last item: sent to the office, in the same transaction.
    response = _post(client, url, {"item_2": ("lease.png", png())})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/my/applications/{application.reference}")
    db.session.refresh(request)
    assert request.status == "SUBMITTED"
    documents = db.session.scalars(db.select(Document).order_by(Document.id)).all()
    assert [(d.purpose, d.request_id, d.uploaded_by_id) for d in documents] == [("missing_material", request.id, resident.id)] * 2
    assert len({d.item_key for d in documents}) == 2
    event = db.session.scalars(db.select(Event).order_by(Event.id.desc())).first()
    assert (event.action, event.actor_account_id, event.actor_role) == ("materials_supplied", resident.id, "resident")
    assert "Thank you. Your documents have been sent to the office." in get_page(
        client, f"/my/applications/{application.reference}").get_text()
    assert client.get(url).status_code == 302  # nothing more to upload


def test_bad_file_gets_a_message_next_to_its_item_and_the_good_one_is_kept(client):
    resident = create_account("resident")
    application, request = _waiting(resident)
    sign_in(client, resident)
    client.get("/language/en")
    url = f"/my/applications/{application.reference}/requests/{request.id}/materials"
    response = _post(client, url, {"item_1": ("a.jpg", b"<script>alert(1)</script>"), "item_2": ("b.png", png())})
    page = page_of(response)
    assert errors_of(page) == ["Upload a photo (JPG or PNG) or a PDF."]
    assert "Uploaded: 1 file" in page.get_text()
    db.session.refresh(request)
    assert request.status == "NEEDS_MATERIALS"
    page = page_of(_post(client, url, {}))
    assert errors_of(page) == ["Choose a file for at least one of the documents"]


def test_only_the_applicant_uploads(client):
    resident = create_account("resident")
    application, request = _waiting(resident)
    url = f"/my/applications/{application.reference}/requests/{request.id}/materials"
    sign_in(client, create_account("resident"))
    assert client.get(url).status_code == 404
    other = application.requests[1]
    owner = client.application.test_client()
    sign_in(owner, resident)
    assert owner.get(f"/my/applications/{application.reference}/requests/{other.id}/materials").status_code == 302
    assert owner.get(f"/my/applications/{application.reference}/requests/99999/materials").status_code == 404
