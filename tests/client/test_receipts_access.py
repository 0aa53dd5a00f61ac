"""Who may download a receipt: the applicant and the handling office; nobody else learns it exists."""
from __future__ import annotations

import pytest

from portal.extensions import db
from portal.models import Account
from portal.receipts.pdf import STATIC_DIR, RefusedURL, allowed_path, render_pdf
from tests.factories import (
    DEFAULT_OFFICE,
    OTHER_OFFICE,
    create_account,
    create_application,
    sign_in,
)


def url(application) -> str:
    return f"/applications/{application.reference}/receipt.pdf"


def test_anonymous_visitors_are_sent_to_sign_in(client, app):
    application = create_application()
    response = client.get(url(application))
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


@pytest.mark.parametrize("who, status", [
    ("applicant", 200),
    ("other_resident", 404),
    ("caseworker_here", 200),
    ("caseworker_elsewhere", 404),
    ("reviewer_here", 200),
    ("reviewer_elsewhere", 404),
    ("assistant_unrelated", 404),
    ("admin", 404),
])
def test_who_may_download(client, app, who, status):
    application = create_application(office_code=DEFAULT_OFFICE)
    accounts = {
        "applicant": lambda: db.session.get(Account, application.account_id),
        "other_resident": lambda: create_account("resident"),
        "caseworker_here": lambda: create_account("caseworker", office_code=DEFAULT_OFFICE),
        "caseworker_elsewhere": lambda: create_account("caseworker", office_code=OTHER_OFFICE),
        "reviewer_here": lambda: create_account("reviewer", district_code=DEFAULT_OFFICE[:6]),
        "reviewer_elsewhere": lambda: create_account("reviewer", district_code=OTHER_OFFICE[:6]),
        "assistant_unrelated": lambda: create_account("assistant", office_code=OTHER_OFFICE),
        "admin": lambda: create_account("admin"),
    }
    sign_in(client, accounts[who]())
    response = client.get(url(application))
    assert response.status_code == status
    if status == 200:
        assert response.data.startswith(b"%PDF-")


def test_a_caseworker_of_an_office_handling_one_request_may_download(client, app):
    application = create_application(types=("dibao", "temp_emergency"))
    application.requests[1].office_code = OTHER_OFFICE
    application.requests[1].district_code = OTHER_OFFICE[:6]
    db.session.commit()
    sign_in(client, create_account("caseworker", office_code=OTHER_OFFICE))
    assert client.get(url(application)).status_code == 200


@pytest.mark.parametrize("path", [
    "/applications/SZ-2222-2222-2/receipt.pdf",      # well formed, unknown
    "/applications/sz-not-a-reference/receipt.pdf",
    "/applications/%00%01/receipt.pdf",
    "/applications/" + "A" * 3000 + "/receipt.pdf",
    "/applications/SZ-2222-2222-2/notices/1.pdf",
    "/applications/SZ-2222-2222-2/notices/9999999999999999999999.pdf",
])
def test_malformed_or_unknown_references_are_404(client, app, path):
    sign_in(client, create_account("resident"))
    assert client.get(path).status_code == 404


def test_a_draft_has_no_receipt(client, app):
    resident = create_account("resident")
    draft = create_application(account=resident, status="draft")
    draft.reference = "SZ-2222-2222-2"
    db.session.commit()
    sign_in(client, resident)
    assert client.get("/applications/SZ-2222-2222-2/receipt.pdf").status_code == 404


def test_file_name_and_headers_carry_no_personal_data(client, app):
    resident = create_account("resident")
    application = create_application(account=resident, name="陈美玲")
    sign_in(client, resident)
    response = client.get(url(application))
    disposition = response.headers["Content-Disposition"]
    assert disposition == f'attachment; filename="receipt-{application.reference}.pdf"'
    assert "陈" not in str(response.headers) and "1234" not in disposition
    assert response.headers["Cache-Control"] == "no-store"


# The fetcher: the only files a document may load are the portal's own.

@pytest.mark.parametrize("bad", [
    "file:///etc/passwd",
    "file:///work/main/static/../portal/config.py",
    f"file://{STATIC_DIR}/../instance/dev-secret-key",
    f"file://{STATIC_DIR}/%2e%2e/README.md",
    f"file://{STATIC_DIR}/css/no-such-file.css",
    "file://example.com/static/css/receipt.css",
    "http://127.0.0.1:9/x.png",
    "https://example.com/x.css",
    "ftp://example.com/x",
    "data:text/css,body{}",
    "x",
    "",
])
def test_fetcher_refuses_anything_but_the_portals_files(bad):
    with pytest.raises(RefusedURL):
        allowed_path(bad)


def test_fetcher_allows_the_stylesheet_and_the_fonts():
    assert allowed_path((STATIC_DIR / "css" / "receipt.css").as_uri()).name == "receipt.css"


def test_rendering_never_touches_the_network_or_other_files(tmp_path):
    import socket
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(3)
    port = server.getsockname()[1]
    connections = []

    def accept():
        try:
            connections.append(server.accept())
        except OSError:
            pass

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    secret = tmp_path / "secret.css"
    secret.write_text("p { color: red }")
    html = (f"<!doctype html><html lang='en'><head><title>t</title>"
            f"<link rel='stylesheet' href='http://127.0.0.1:{port}/x.css'>"
            f"<link rel='stylesheet' href='{secret.as_uri()}'></head>"
            f"<body><p>text</p><img src='http://127.0.0.1:{port}/x.png' alt=''>"
            f"<img src='file:///etc/passwd' alt=''></body></html>")
    pdf = render_pdf(html, "en")
    server.close()
    thread.join()
    assert pdf.startswith(b"%PDF-") and connections == []


def test_only_real_png_images_travel_inside_a_url():
    import base64

    from portal.receipts.pdf import inline_png

    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 8
    assert inline_png("data:image/png;base64," + base64.b64encode(png).decode()) == png
    for url in ("data:image/png;base64," + base64.b64encode(b"<svg onload=x>").decode(),
                "data:image/png;base64,not base64!", "data:image/svg+xml;base64,PHN2Zz4=",
                "data:text/html,<p>x</p>", "file:///etc/passwd"):
        assert inline_png(url) is None
