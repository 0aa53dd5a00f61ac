"""Uploaded files as stored and as served.

A photo keeps nothing of where or when it was taken (EXIF, GPS, XMP, comments, PNG text); every
way a stored upload leaves the server is an attachment under a sandboxing CSP, never cached, and
only to those who may see the case.
"""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin
from werkzeug.datastructures import FileStorage

from portal.apply.documents.uploads import check, save_upload
from portal.assist.consent import evidence_path
from portal.extensions import db
from portal.models import Account
from tests.client.assist_helpers import assistant_client, begin
from tests.client.test_assist_consent import ID_ZHAO
from tests.client.test_office_reveal import _filed_under_a_signed_mandate
from tests.factories import OTHER_OFFICE, create_account, create_application, sign_in
from tests.helpers import hostile_files as H
from tests.helpers.pages import submit

# Bytes of the phone's metadata that must not survive (tests/helpers/hostile_files.photo_with_gps).
TRACES = (b"PhoneMaker", b"Model X", b"2026:11:20", b"home: 22.540", b"xmpmeta", b"GPSLatitude", b"Exif\x00\x00")


def _no_metadata(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    assert dict(exif) == {} and dict(exif.get_ifd(0x8825)) == {}, dict(exif)
    assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "Comment"} & set(image.info), image.info
    assert [t for t in TRACES if t in data] == []
    return image


def test_the_phone_photo_really_carries_gps():  # the test file itself is what it claims
    photo = H.photo_with_gps()
    image = Image.open(io.BytesIO(photo))
    assert image.getexif().get_ifd(0x8825)[2] == (22.0, 32.0, 24.6) and b"home: 22.540" in photo


def test_a_stored_photo_has_no_exif_gps_xmp_or_comment(app):
    application = create_application(status="draft")
    photo = H.photo_with_gps((1200, 900), noise=True)
    document = save_upload(application, FileStorage(io.BytesIO(photo), filename="IMG_0001.jpg"), "id_card", None)
    db.session.commit()
    stored = (Path(app.config["UPLOAD_DIR"]) / document.stored_name).read_bytes()
    image = _no_metadata(stored)
    assert image.format == "JPEG" and image.size == (1200, 900) and document.size == len(stored)
    # Still the same picture: re-encoding changes pixels by a few levels at most on average.
    original = Image.open(io.BytesIO(photo)).convert("L").resize((120, 90))
    again = image.convert("L").resize((120, 90))
    difference = sum(abs(a - b) for a, b in zip(original.tobytes(), again.tobytes())) / (120 * 90)
    assert difference < 4, difference


def test_a_sideways_photo_is_stored_upright_without_the_orientation_tag():
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: show rotated by 90 degrees
    exif[0x010F] = "PhoneMaker"
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "JPEG", exif=exif)
    stored = check(buffer.getvalue())
    assert stored.kind == "image/jpeg"
    assert _no_metadata(stored.data).size == (30, 40)


def test_png_text_chunks_and_exif_go_and_transparency_stays():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "home: 22.540,113.934")
    info.add_itxt("XML:com.adobe.xmp", '<x:xmpmeta xmlns:x="adobe:ns:meta/">GPSLatitude</x:xmpmeta>')
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    buffer = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 90, 200, 128)).save(buffer, "PNG", pnginfo=info, exif=exif)
    palette = io.BytesIO()
    indexed = Image.new("P", (20, 20), 0)
    indexed.putpalette([255, 255, 255, 200, 30, 30])
    indexed.paste(1, (0, 0, 10, 20))
    indexed.save(palette, "PNG", transparency=0, pnginfo=info)  # the right half is see-through
    for data, mode in ((buffer.getvalue(), "RGBA"), (palette.getvalue(), "P")):
        stored = check(data)
        image = _no_metadata(stored.data)
        assert stored.kind == "image/png" and image.mode == mode
        alpha = image.convert("RGBA").getpixel
        assert (alpha((5, 5))[3], alpha((15, 5))[3]) == ((128, 128) if mode == "RGBA" else (255, 0))


def test_the_signed_mandate_photo_is_stored_without_metadata(app):
    helper_client, _assistant = assistant_client(app)
    mandate = begin(helper_client, name="赵六", id_number=ID_ZHAO)
    response = submit(helper_client, f"/assist/consent/{mandate.id}/mandate",
                      {"photo": (io.BytesIO(H.photo_with_gps()), "委托书.jpg"), "declaration": "y"},
                      form_url=f"/assist/consent/{mandate.id}", content_type="multipart/form-data")
    assert response.status_code == 302
    db.session.refresh(mandate)
    _no_metadata(evidence_path(mandate).read_bytes())


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 90, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def _served_safely(response, kind: str) -> None:
    assert response.status_code == 200 and response.mimetype == kind
    assert response.headers["Content-Disposition"].startswith("attachment;")
    csp = response.headers["Content-Security-Policy"]
    assert "sandbox" in csp and "default-src 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response.headers["Cache-Control"] and "Set-Cookie" not in response.headers


@pytest.mark.parametrize("name, data, kind", [
    ("photo.jpg", H.photo_with_gps(), "image/jpeg"),
    ("scan.png", _png(), "image/png"),
    ("form.pdf", H.build(H.base_objects()), "application/pdf"),
])
def test_every_stored_document_is_served_as_a_sandboxed_attachment_only_to_its_viewers(app, name, data, kind):
    resident = create_account("resident")
    application = create_application(resident)
    document = save_upload(application, FileStorage(io.BytesIO(data), filename=name), "id_card", resident)
    db.session.commit()
    url = f"/documents/{document.id}"
    allowed = [resident, create_account("caseworker"), create_account("reviewer")]
    refused = [create_account("resident"), create_account("caseworker", office_code=OTHER_OFFICE),
               create_account("reviewer", district_code=OTHER_OFFICE[:6]), create_account("admin"),
               create_account("assistant")]
    for account in allowed:
        client = app.test_client()
        sign_in(client, account)
        _served_safely(client.get(url), kind)
    for account in refused:
        client = app.test_client()
        sign_in(client, account)
        assert client.get(url).status_code == 404, account.role
    assert app.test_client().get(url).status_code in (302, 303)  # to sign-in


def test_the_signed_mandate_is_served_safely_and_only_to_the_case_handlers(app):
    application, _mandate = _filed_under_a_signed_mandate(app)
    url = f"/office/cases/{application.reference}/mandate"
    for role, kw in (("caseworker", {}), ("reviewer", {})):
        client = app.test_client()
        sign_in(client, create_account(role, **kw))
        _served_safely(client.get(url), "image/png")
    for account in (create_account("caseworker", office_code=OTHER_OFFICE),
                    create_account("reviewer", district_code=OTHER_OFFICE[:6]),
                    db.session.get(Account, application.account_id),  # the applicant: staff see it
                    create_account("assistant"), create_account("admin")):
        client = app.test_client()
        sign_in(client, account)
        assert client.get(url).status_code in (403, 404), account.role
