"""Issue 9.5: hostile uploads through the real upload route are refused with a message."""
from __future__ import annotations

import io

import pytest

from tests.helpers.pages import check_html, errors_of
from tests.security.conftest import clients_for
from tests.security.world import png_bytes

HOSTILE = {
    "script renamed .jpg": ("photo.jpg", b"<script>alert(document.cookie)</script>"),
    "polyglot PNG + HTML": ("card.png", png_bytes() + b"<html><script>alert(1)</script></html>"),
    "zero bytes": ("empty.jpg", b""),
    "PDF with JavaScript": ("form.pdf", b"%PDF-1.4\n1 0 obj << /JavaScript (app.alert(1)) >> endobj\n%%EOF\n"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_is_refused_with_a_message(world_app, name):
    app, world = world_app
    client = clients_for(app, world)["resident_a"]
    filename, content = HOSTILE[name]
    page = client.get(f"/apply/{world.draft_id}/documents").get_data(as_text=True)
    soup = check_html(page)
    # The documents page is one form; each document has its Upload button.
    form = next(f for f in soup.find_all("form") if (f.get("action") or "").endswith("/documents")
                and f.find("button", attrs={"name": "upload", "value": world.upload_item}))
    file_name = world.upload_item.replace(":", "-").replace("_", "-") + "-file"
    data = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("type") != "file" and i.get("name")}
    data["upload"] = world.upload_item
    data[file_name] = (io.BytesIO(content), filename)
    response = client.post(form["action"], data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    assert errors_of(check_html(response.get_data(as_text=True)))


def test_fifty_megabytes_is_refused_with_a_friendly_page(world_app):
    app, world = world_app
    client = clients_for(app, world)["resident_a"]
    response = client.post(f"/apply/{world.draft_id}/documents/upload",
                           data={"item": world.upload_item, "file": (io.BytesIO(b"\xff\xd8\xff" + b"0" * (50 * 2**20)), "big.jpg")},
                           content_type="multipart/form-data")
    assert response.status_code == 413
    check_html(response.get_data(as_text=True))
