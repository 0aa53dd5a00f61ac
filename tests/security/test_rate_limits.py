"""Issue 9.4: rate limits on staff sign-in (per username, per client), code requests (per
client) and uploads (per account, per client), kept in the database and shared by every
process; clear "try again in N minutes" answers that reveal nothing and store nothing."""
from __future__ import annotations

import io
import subprocess
import sys

from portal.config import PROJECT_ROOT
from portal.extensions import db
from portal.models import Document
from tests.factories import create_account, sign_in
from tests.helpers.pages import errors_of, get_page, page_of, submit
from tests.security.conftest import clients_for
from tests.security.world import png_bytes


def _staff(client, username, password="wrong password"):
    return submit(client, "/staff/sign-in", {"username": username, "password": password})


def test_staff_sign_in_is_limited_per_username_even_with_the_right_password(app, client):
    create_account("caseworker", username="cw-limited", password="right password 123")
    for _ in range(10):
        assert _staff(client, "cw-limited").status_code == 200
    response = _staff(client, "cw-limited", "right password 123")
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
    assert any("请" in e or "分钟" in e for e in errors_of(page_of(response, 429)))
    client.get("/language/en")
    response = _staff(client, "cw-limited", "right password 123")
    assert "Too many sign-in attempts. Try again in" in " ".join(errors_of(page_of(response, 429)))
    # An unknown username is answered the same way: nothing tells which usernames exist.
    for _ in range(10):
        _staff(client, "no-such-user")
    assert _staff(client, "no-such-user").status_code == 429


def test_staff_sign_in_is_limited_per_client_address(app, client):
    app.config["STAFF_SIGN_IN_PER_CLIENT"] = 5
    create_account("caseworker", username="cw-fine", password="right password 123")
    for n in range(5):
        assert _staff(client, f"guess-{n}").status_code == 200
    assert _staff(client, "cw-fine", "right password 123").status_code == 429
    other = app.test_client()
    response = other.get("/staff/sign-in", environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert response.status_code == 200


def test_code_requests_are_limited_per_client_across_phone_numbers(app, client):
    app.config["CODE_REQUESTS_PER_CLIENT"] = 3
    for n in range(3):
        assert submit(client, "/sign-in", {"phone": f"1380013{n:04d}"}).status_code == 302
    response = submit(client, "/sign-in", {"phone": "13800139999"})
    assert response.status_code == 429
    assert "分钟" in response.get_data(as_text=True)


# --- uploads ------------------------------------------------------------------------------------

def _upload_form(client, world):
    """The upload form of the world's first required document, as the documents page shows it."""
    soup = get_page(client, f"/apply/{world.draft_id}/documents")
    # The documents page is one form; each document has its Upload button.
    form = next(f for f in soup.find_all("form") if (f.get("action") or "").endswith("/documents")
                and f.find("button", attrs={"name": "upload", "value": world.upload_item}))
    fields = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("type") != "file" and i.get("name")}
    fields["upload"] = world.upload_item
    return form["action"], fields, world.upload_item.replace(":", "-").replace("_", "-") + "-file"


def _upload(client, world, remote_addr="127.0.0.1"):
    action, fields, file_name = _upload_form(client, world)
    data = {**fields, file_name: (io.BytesIO(png_bytes()), "hukou.png")}
    return client.post(action, data=data, content_type="multipart/form-data",
                       environ_base={"REMOTE_ADDR": remote_addr})


def _documents(application_id: int) -> int:
    return db.session.scalar(db.select(db.func.count(Document.id)).where(Document.application_id == application_id))


def test_journey_uploads_are_limited_per_account_in_every_language(world_app):
    app, world = world_app
    app.config["UPLOADS_PER_ACCOUNT"] = 3
    client = clients_for(app, world)["resident_a"]
    before = _documents(world.draft_id)
    for _ in range(3):
        assert _upload(client, world).status_code == 302
    assert _documents(world.draft_id) == before + 3
    expected = {"zh_Hans": "分钟后再试", "zh_Hant": "分鐘後再試", "en": "Try again in"}
    for locale, words in expected.items():
        client.get(f"/language/{locale}")
        response = _upload(client, world)
        assert response.status_code == 429 and 0 < int(response.headers["Retry-After"]) <= 3600
        page = page_of(response, 429)
        assert words in page.select_one("main").get_text(), locale
        # The way back leads to the documents page, where everything saved before is still listed.
        assert page.select_one("main a")["href"].endswith(f"/apply/{world.draft_id}/documents")
    assert _documents(world.draft_id) == before + 3  # nothing stored over the limit
    # The limit is per account: another account on the same connection may still upload.
    assert _upload_wait_for(app, world.accounts["resident_b"]) == 0


def _upload_wait_for(app, account_id):
    from portal.ratelimit import upload_wait

    with app.test_request_context():
        return upload_wait(account_id, "127.0.0.1")


def test_journey_uploads_are_limited_per_client_address(world_app):
    app, world = world_app
    app.config["UPLOADS_PER_CLIENT"] = 2
    client = clients_for(app, world)["resident_a"]
    before = _documents(world.draft_id)
    assert [_upload(client, world).status_code for _ in range(3)] == [302, 302, 429]
    # The same account from another connection is under both limits.
    assert _upload(client, world, remote_addr="10.9.8.7").status_code == 302
    assert _documents(world.draft_id) == before + 3


def test_a_post_without_a_file_is_not_counted(world_app):
    app, world = world_app
    app.config["UPLOADS_PER_ACCOUNT"] = 1
    client = clients_for(app, world)["resident_a"]
    action, fields, _name = _upload_form(client, world)
    for _ in range(3):  # "choose a file" answers do not use up the allowance
        assert client.post(action, data=fields).status_code == 400
    assert _upload(client, world).status_code == 302


def test_missing_material_uploads_are_limited_and_keep_nothing_over_the_limit(app, client):
    from tests.client.test_status_materials import _post, _waiting, png

    app.config["UPLOADS_PER_ACCOUNT"] = 2
    resident = create_account("resident")
    application, request = _waiting(resident, items=("户口簿首页", "租赁合同", "收入证明"))
    sign_in(client, resident)
    url = f"/my/applications/{application.reference}/requests/{request.id}/materials"
    assert _post(client, url, {"item_1": ("a.png", png())}).status_code == 302
    assert _post(client, url, {"item_2": ("b.png", png())}).status_code == 302
    client.get("/language/en")
    response = _post(client, url, {"item_3": ("c.png", png())})
    assert response.status_code == 429
    page = page_of(response, 429)
    assert "Try again in" in page.get_text(" ", strip=True)
    assert page.select_one("main a")["href"] == url
    db.session.refresh(request)
    assert request.status == "NEEDS_MATERIALS"
    assert _documents(application.id) == 2


def test_mandate_photo_uploads_are_limited(app):
    from tests.client.assist_helpers import assistant_client, begin
    from tests.helpers.pages import csrf_token

    app.config["UPLOADS_PER_ACCOUNT"] = 1
    client, _assistant = assistant_client(app)
    mandate = begin(client, name="王五", phone="13933339001")
    url = f"/assist/consent/{mandate.id}/mandate"

    def post(content):
        token = csrf_token(get_page(client, f"/assist/consent/{mandate.id}"))
        return client.post(url, data={"csrf_token": token, "declaration": "y", "photo": (io.BytesIO(content), "m.jpg")},
                           content_type="multipart/form-data")

    assert post(b"not a photo").status_code == 400  # refused by content, and counted
    response = post(png_bytes())
    assert response.status_code == 429
    assert page_of(response, 429).select_one("main a")["href"].endswith(f"/assist/consent/{mandate.id}")
    db.session.refresh(mandate)
    assert mandate.granted_at is None and mandate.evidence_stored_name is None


_COUNT_IN_ANOTHER_PROCESS = """
import sys
from portal import create_app
from portal.ratelimit import upload_wait
app = create_app({"PORTAL_ENV": "testing", "SQLALCHEMY_DATABASE_URI": sys.argv[1], "SECRET_KEY": "test-secret",
                  "UPLOADS_PER_ACCOUNT": 25, "UPLOADS_PER_CLIENT": 10**6})
with app.test_request_context():
    print(sum(upload_wait(424242, "10.0.0." + sys.argv[2]) == 0 for _ in range(20)))
"""


def test_upload_limit_is_shared_by_every_process(any_app):
    """Two processes count uploads of one account at the same time: 40 attempts, limit 25,
    exactly 25 allowed (one atomic count in the database, not one per process)."""
    url = any_app.config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("sqlite"):
        db.session.commit()  # the schema is on disk for the other processes
    runs = [subprocess.Popen([sys.executable, "-c", _COUNT_IN_ANOTHER_PROCESS, url, str(n)], cwd=PROJECT_ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in (1, 2)]
    results = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 0 for run in runs), [err[-2000:] for _out, err in results]
    assert sum(int(out.strip().splitlines()[-1]) for out, _err in results) == 25
