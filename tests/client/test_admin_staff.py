"""Issue 15 part 2: staff accounts made, changed, disabled and reset by an administrator, and
the one-time code that lets a new member of staff choose a password."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from portal.extensions import db
from portal.models import Account, AdminEvent, AuthSession, Event, utcnow
from tests.factories import (
    DEFAULT_OFFICE,
    OTHER_OFFICE,
    create_account,
    create_application,
    sign_in,
)
from tests.helpers.pages import errors_of, get_page, page_of, submit


@pytest.fixture
def admin(app):
    return create_account("admin", username="boss", display_name="管理员甲")


@pytest.fixture
def admin_client(app, admin):
    client = app.test_client()
    sign_in(client, admin)
    client.get("/language/en")
    return client


def _code(response) -> str:
    found = re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", response.get_data(as_text=True))
    assert found, "no one-time code on the page"
    return found.group(0)


def _create(client, **data):
    fields = {"display_name": "陈经办", "username": "chen.yuehai", "role": "caseworker",
              "office_code": DEFAULT_OFFICE, "district_code": ""}
    fields.update(data)
    return submit(client, "/admin/staff/new", fields)


def _events(action: str) -> list[AdminEvent]:
    return list(db.session.scalars(db.select(AdminEvent).where(AdminEvent.action == action)))


def test_admin_home_links_to_staff_and_audit(admin_client):
    soup = get_page(admin_client, "/admin")
    links = {a["href"] for a in soup.select("main a")}
    assert {"/admin/staff", "/admin/staff/new", "/admin/audit", "/admin/calendar"} <= links
    home = get_page(admin_client, "/home")
    assert "/admin" in {a["href"] for a in home.select("main a")}


def test_create_a_caseworker_shows_a_one_time_code_once_and_stores_only_its_hash(admin_client, admin):
    response = _create(admin_client)
    soup = page_of(response)
    code = _code(response)
    account = db.session.scalar(db.select(Account).where(Account.username == "chen.yuehai"))
    assert account.role == "caseworker" and account.office_code == DEFAULT_OFFICE
    assert account.district_code == DEFAULT_OFFICE[:6]  # follows from the office
    assert account.password_hash is None
    assert account.setup_code_hash and code.replace("-", "") not in account.setup_code_hash
    assert "陈经办" in soup.get_text()
    [entry] = _events("staff_created")
    assert entry.actor_account_id == admin.id and entry.target_account_id == account.id
    assert code not in str(entry.data) and code.replace("-", "") not in str(entry.data)
    # The detail page never shows the code again.
    detail = admin_client.get(f"/admin/staff/{account.id}").get_data(as_text=True)
    assert code not in detail and "one-time code is valid until" in detail


@pytest.mark.parametrize("data, field, message", [
    ({"username": ""}, "username", "Enter a username"),
    ({"username": "Chen Yue"}, "username", "Use only lower-case letters"),
    ({"username": "ab"}, "username", "3 to 64 characters"),
    ({"display_name": ""}, "display_name", "Enter the person's name"),
    ({"role": ""}, "role", "Choose a role"),
    ({"office_code": ""}, "office_code", "Choose the street office"),
    ({"office_code": "99999999"}, "office_code", "Choose a street office from the list"),
    ({"role": "reviewer", "office_code": "", "district_code": ""}, "district_code", "Choose the district"),
])
def test_create_errors_are_next_to_the_field_and_keep_what_was_typed(admin_client, data, field, message):
    response = _create(admin_client, **data)
    soup = page_of(response)
    error = soup.select_one(f"#{field}-error")
    assert error is not None and message in error.get_text(), errors_of(soup)
    assert soup.title.get_text().startswith("Error:")
    typed = {"display_name": "陈经办", "username": "chen.yuehai", **data}
    if typed["display_name"]:
        assert soup.select_one("#display_name")["value"] == typed["display_name"]
    if typed["username"]:
        assert soup.select_one("#username")["value"] == typed["username"]
    assert db.session.scalar(db.select(db.func.count()).select_from(Account).where(Account.role != "admin")) == 0


def test_a_taken_username_is_refused(admin_client):
    create_account("caseworker", username="chen.yuehai")
    soup = page_of(_create(admin_client))
    assert "already in use" in soup.select_one("#username-error").get_text()


def test_create_page_in_chinese(app, admin):
    client = app.test_client()
    sign_in(client, admin)
    client.get("/language/zh_Hant")
    soup = get_page(client, "/admin/staff/new")
    assert soup.html["lang"] == "zh-Hant"
    assert "工作人員" in soup.h1.get_text()


def test_reviewer_gets_a_district_and_admin_no_scope(admin_client):
    _create(admin_client, username="zhou", role="reviewer", office_code="", district_code="440305")
    _create(admin_client, username="second.admin", role="admin", office_code="")
    reviewer = db.session.scalar(db.select(Account).where(Account.username == "zhou"))
    second = db.session.scalar(db.select(Account).where(Account.username == "second.admin"))
    assert (reviewer.office_code, reviewer.district_code) == (None, "440305")
    assert (second.office_code, second.district_code) == (None, None)


def test_new_caseworker_signs_in_with_the_code_and_chooses_a_password(app, admin_client):
    code = _code(_create(admin_client))
    person = app.test_client()
    person.get("/language/en")
    response = submit(person, "/staff/sign-in", {"username": "chen.yuehai", "password": code.lower().replace("-", " ")})
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff/set-password")
    soup = page_of(submit(person, "/staff/set-password", {"password": "short", "confirm": "short"}))
    assert "at least 10 characters" in soup.select_one("#password-error").get_text()
    soup = page_of(submit(person, "/staff/set-password", {"password": "chen.yuehai-2026", "confirm": "x"}))
    assert "does not contain your username" in soup.select_one("#password-error").get_text()
    soup = page_of(submit(person, "/staff/set-password", {"password": "river stone lantern", "confirm": "other"}))
    assert "not the same" in soup.select_one("#confirm-error").get_text()
    response = submit(person, "/staff/set-password", {"password": "river stone lantern",
                                                       "confirm": "river stone lantern"})
    assert response.status_code == 302
    home = get_page(person, "/home")
    assert "Office console" in home.h1.get_text()
    account = db.session.scalar(db.select(Account).where(Account.username == "chen.yuehai"))
    assert account.password_hash and account.setup_code_hash is None and account.last_sign_in_at is not None
    assert [e.actor_account_id for e in _events("password_chosen")] == [account.id]
    # The code is spent; the chosen password works.
    again = app.test_client()
    again.get("/language/en")
    refused = page_of(submit(again, "/staff/sign-in", {"username": "chen.yuehai", "password": code}))
    assert "not right" in refused.select_one("#password-error").get_text()
    assert submit(again, "/staff/sign-in", {"username": "chen.yuehai", "password": "river stone lantern"}).status_code == 302


def test_set_password_page_without_a_code_goes_to_sign_in(client):
    response = client.get("/staff/set-password")
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff/sign-in")


def test_an_expired_code_is_refused(app, admin_client):
    code = _code(_create(admin_client))
    account = db.session.scalar(db.select(Account).where(Account.username == "chen.yuehai"))
    account.setup_code_expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    person = app.test_client()
    person.get("/language/en")
    soup = page_of(submit(person, "/staff/sign-in", {"username": "chen.yuehai", "password": code}))
    assert "not right" in soup.select_one("#password-error").get_text()


def test_disable_ends_every_session_at_once_and_enable_lets_them_back(app, admin_client):
    worker = create_account("caseworker", password="correct horse battery")
    phone, desk = app.test_client(), app.test_client()
    sign_in(phone, worker)
    sign_in(desk, worker)
    assert phone.get("/office").status_code == 200
    response = submit(admin_client, f"/admin/staff/{worker.id}/disable", {}, form_url=f"/admin/staff/{worker.id}")
    assert response.status_code == 302
    for device in (phone, desk):
        assert device.get("/office").status_code == 302  # sent to sign in
    open_sessions = db.session.scalar(db.select(db.func.count()).select_from(AuthSession)
                                      .where(AuthSession.account_id == worker.id, AuthSession.revoked_at.is_(None)))
    assert open_sessions == 0
    assert _events("staff_disabled")[0].data["sessions_ended"] == 2
    late = app.test_client()
    late.get("/language/en")
    assert submit(late, "/staff/sign-in", {"username": worker.username, "password": "correct horse battery"}).status_code == 200
    submit(admin_client, f"/admin/staff/{worker.id}/enable", {}, form_url=f"/admin/staff/{worker.id}")
    assert submit(late, "/staff/sign-in", {"username": worker.username, "password": "correct horse battery"}).status_code == 302
    assert [e.action for e in db.session.scalars(db.select(AdminEvent).order_by(AdminEvent.id))] == \
        ["staff_disabled", "staff_enabled"]


def test_the_last_admin_cannot_be_disabled(admin_client, admin):
    response = submit(admin_client, f"/admin/staff/{admin.id}/disable", {}, form_url=f"/admin/staff/{admin.id}")
    soup = page_of(response, 409)
    assert "only active administrator" in soup.get_text()
    assert db.session.get(Account, admin.id, populate_existing=True).active
    assert _events("staff_disabled") == []


def test_an_admin_may_disable_another_admin_while_one_remains(admin_client):
    other = create_account("admin")
    assert submit(admin_client, f"/admin/staff/{other.id}/disable", {}, form_url=f"/admin/staff/{other.id}").status_code == 302
    assert not db.session.get(Account, other.id, populate_existing=True).active


def test_reset_makes_a_new_code_the_old_password_stops_and_sessions_end(app, admin_client):
    worker = create_account("caseworker", password="correct horse battery")
    device = app.test_client()
    sign_in(device, worker)
    response = submit(admin_client, f"/admin/staff/{worker.id}/reset", {}, form_url=f"/admin/staff/{worker.id}")
    code = _code(response)
    assert device.get("/office").status_code == 302
    person = app.test_client()
    person.get("/language/en")
    assert submit(person, "/staff/sign-in", {"username": worker.username,
                                             "password": "correct horse battery"}).status_code == 200
    assert submit(person, "/staff/sign-in", {"username": worker.username, "password": code}).status_code == 302
    assert _events("staff_password_reset")[0].target_account_id == worker.id


def test_a_second_reset_voids_the_first_code_even_mid_way(app, admin_client):
    worker = create_account("caseworker")
    first = _code(submit(admin_client, f"/admin/staff/{worker.id}/reset", {}, form_url=f"/admin/staff/{worker.id}"))
    person = app.test_client()
    assert submit(person, "/staff/sign-in", {"username": worker.username, "password": first}).status_code == 302
    submit(admin_client, f"/admin/staff/{worker.id}/reset", {}, form_url=f"/admin/staff/{worker.id}")
    assert person.get("/staff/set-password").status_code == 302  # back to sign-in: that code is gone


def test_change_scope(admin_client):
    worker = create_account("caseworker")
    response = submit(admin_client, f"/admin/staff/{worker.id}/scope", {"office_code": OTHER_OFFICE, "district_code": ""},
                      form_url=f"/admin/staff/{worker.id}")
    assert response.status_code == 302
    account = db.session.get(Account, worker.id, populate_existing=True)
    assert (account.office_code, account.district_code) == (OTHER_OFFICE, OTHER_OFFICE[:6])
    [entry] = _events("staff_scope_changed")
    assert entry.data["before"]["office"] == DEFAULT_OFFICE and entry.data["after"]["office"] == OTHER_OFFICE
    soup = page_of(submit(admin_client, f"/admin/staff/{worker.id}/scope", {"office_code": ""},
                          form_url=f"/admin/staff/{worker.id}"))
    assert "Choose the street office" in soup.select_one("#office_code-error").get_text()


def test_staff_list_shows_last_sign_in_and_filters(admin_client):
    worker = create_account("caseworker", display_name="刘经办", last_sign_in_at=utcnow())
    create_account("reviewer", display_name="周审核", active=False)
    resident = create_account("resident", display_name="居民不应出现")
    soup = get_page(admin_client, "/admin/staff")
    text = soup.get_text()
    assert "刘经办" in text and "Never" in text and "周审核" not in text and resident.display_name not in text
    assert "周审核" in get_page(admin_client, "/admin/staff?status=disabled").get_text()
    only = get_page(admin_client, "/admin/staff?role=reviewer&status=all").get_text()
    assert "周审核" in only and "刘经办" not in only
    assert get_page(admin_client, f"/admin/staff/{worker.id}").h1.get_text() == "刘经办"


def test_detail_of_a_resident_or_unknown_id_is_404(admin_client):
    resident = create_account("resident")
    assert admin_client.get(f"/admin/staff/{resident.id}").status_code == 404
    assert admin_client.get("/admin/staff/99999999999").status_code == 404


def test_an_account_that_acted_on_a_case_is_kept_and_says_why(admin_client):
    worker = create_account("caseworker")
    application = create_application()
    db.session.add(Event(application_id=application.id, action="accept", actor_account_id=worker.id,
                         actor_role="caseworker", at=utcnow()))
    db.session.commit()
    soup = get_page(admin_client, f"/admin/staff/{worker.id}")
    assert "never deleted" in soup.get_text()
    assert not any("delete" in (f.get("action") or "") for f in soup.find_all("form"))


@pytest.mark.parametrize("role", ["caseworker", "reviewer", "assistant", "resident"])
def test_other_roles_get_403(app, role):
    client = app.test_client()
    sign_in(client, create_account(role))
    for url in ("/admin", "/admin/staff", "/admin/staff/new", "/admin/audit", "/admin/audit.csv"):
        assert client.get(url).status_code == 403, url
