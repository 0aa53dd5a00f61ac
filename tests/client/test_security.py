import pytest

from tests.factories import create_account, sign_in
from tests.helpers.pages import submit

URLS = ["/", "/sign-in", "/staff/sign-in", "/no-such-page", "/home"]


@pytest.mark.parametrize("url", URLS)
def test_security_headers_on_every_response(client, url):
    response = client.get(url)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"


def test_headers_on_csrf_error_and_signed_in_pages(client):
    response = client.post("/sign-in", data={"phone": "13800138000"})
    assert response.status_code == 400 and response.headers["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    sign_in(client, create_account("resident"))
    response = client.get("/home")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"


def test_server_error_page_is_friendly_with_headers(app):
    @app.get("/boom-test-only")
    def boom():
        raise RuntimeError("boom")

    response = app.test_client().get("/boom-test-only")
    assert response.status_code == 500
    assert "抱歉，系统出现了问题" in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_static_files_are_cacheable(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200 and "max-age" in response.headers["Cache-Control"]


def test_resident_gets_403_on_staff_only_page(app, client):
    from portal.accounts.auth import roles_required

    @app.get("/staff-only-test")
    @roles_required("caseworker", "reviewer")
    def staff_only():
        return "ok"

    sign_in(client, create_account("resident"))
    response = client.get("/staff-only-test")
    assert response.status_code == 403 and "您无权查看此页面" in response.get_data(as_text=True)
    anonymous = app.test_client().get("/staff-only-test")
    # A staff-only page sends an anonymous visitor to the staff sign-in, which brings them back.
    assert anonymous.status_code == 302 and anonymous.headers["Location"] == "/staff/sign-in?next=/staff-only-test"
    create_account("caseworker", username="cw-back", password="a long password 1")
    back = app.test_client()
    back.get(anonymous.headers["Location"])
    signed = submit(back, "/staff/sign-in", {"username": "cw-back", "password": "a long password 1"})
    assert signed.status_code == 302 and signed.headers["Location"] == "/staff-only-test"


def test_dev_outbox_is_absent_in_production_config(app):
    app.config["SHOW_DEV_OUTBOX"] = False
    assert app.test_client().get("/dev/outbox").status_code == 404
