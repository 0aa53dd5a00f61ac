"""/admin/calendar: an administrator checks a State Council notice, then loads it."""
from __future__ import annotations

import io
import json
from datetime import datetime, timezone

import pytest

from portal.extensions import db
from portal.models import CalendarNotice, Event
from portal.reference.demo import ensure_demo_accounts
from portal.reference.demo_cases import load_demo_cases
from tests.client.test_calendar_notices import NOTICE_2027
from tests.factories import create_account, sign_in
from tests.helpers.pages import csrf_token, errors_of, get_page, page_of


@pytest.fixture
def admin_client(client):
    sign_in(client, create_account("admin"))
    return client


def _post(client, data, **kwargs):
    token = csrf_token(get_page(client, "/admin/calendar"))
    return client.post("/admin/calendar", data={"csrf_token": token, **data}, **kwargs)


def test_the_page_shows_the_notices_and_the_provisional_year(admin_client):
    page = get_page(admin_client, "/admin/calendar")
    text = page.get_text()
    assert "国务院办公厅关于2026年部分节假日安排的通知" in text
    assert "2027" in page.find("h2", string=lambda s: s and "2027" in s).get_text()
    # the 13 statutory days of 2027 are listed
    assert len([t for t in page.select("ul.plain-list time") if t["datetime"].startswith("2027")]) == 13


@pytest.mark.parametrize("locale, heading", [("zh_Hans", "工作日历"), ("zh_Hant", "工作日曆"),
                                             ("en", "Working-day calendar")])
def test_the_page_in_three_languages(admin_client, locale, heading):
    admin_client.get(f"/language/{locale}")
    assert get_page(admin_client, "/admin/calendar").h1.get_text(strip=True) == heading


def test_check_then_load_a_pasted_notice(admin_client):
    ensure_demo_accounts()
    load_demo_cases(now=datetime(2027, 1, 25, 2, tzinfo=timezone.utc))
    text = json.dumps(NOTICE_2027, ensure_ascii=False)
    admin_client.get("/language/en")
    checked = page_of(_post(admin_client, {"notice_text": text, "step": "check"}))
    assert "Check before loading: 2027" in checked.get_text()
    moving = len(checked.select(".notice--info tbody tr"))
    assert moving > 0 and f"moves the dates of {moving} running requests" in checked.get_text()
    assert checked.find("textarea").get_text() == text  # what was pasted is kept for the next step
    assert db.session.scalar(db.select(db.func.count(CalendarNotice.id))) == 0
    loaded = page_of(_post(admin_client, {"notice_text": text, "step": "load"}))
    assert "The 2027 notice is loaded" in loaded.get_text()
    assert f"{moving} running requests moved" in loaded.get_text()
    notice = db.session.scalars(db.select(CalendarNotice)).one()
    assert notice.year == 2027 and notice.moved == moving and notice.loaded_by_account_id is not None
    events = db.session.scalars(db.select(Event).where(Event.action == "recalculate_deadlines")).all()
    assert len(events) == moving and all(e.actor_role == "admin" for e in events)


def test_a_file_upload_works_like_pasting(admin_client):
    data = {"notice_file": (io.BytesIO(json.dumps(NOTICE_2027).encode()), "2027.json"), "step": "load"}
    page = page_of(_post(admin_client, data, content_type="multipart/form-data"))
    assert db.session.scalar(db.select(CalendarNotice.year)) == 2027
    assert page.select_one('[role="status"]') is not None


@pytest.mark.parametrize("data, message", [
    ({"notice_text": ""}, "Choose the notice file, or paste its text."),
    ({"notice_text": "{bad"}, "This is not JSON."),
    ({"notice_text": '{"year": 1999, "holidays": {}, "makeup_workdays": {}}'}, "between 2000 and 2099"),
    ({"notice_text": json.dumps({**NOTICE_2027, "holidays": {"2027-13-01": "春节"}})}, "not a real date"),
    ({"notice_file": (io.BytesIO(b"\xff\xfe{"), "n.json")}, "not UTF-8"),
    ({"notice_file": (io.BytesIO(b" " * 70000), "big.json")}, "larger than 64 KB"),
])
def test_bad_notices_are_refused_next_to_the_field(admin_client, data, message):
    admin_client.get("/language/en")
    response = _post(admin_client, {**data, "step": "check"}, content_type="multipart/form-data")
    page = page_of(response, 400)
    assert any(message in m for m in errors_of(page)), errors_of(page)
    assert page.select_one(".error-summary") is not None
    if "notice_text" in data:
        assert page.find("textarea").get_text() == data["notice_text"]  # nothing typed is lost
    assert db.session.scalar(db.select(db.func.count(CalendarNotice.id))) == 0


def test_errors_in_chinese(admin_client):
    page = page_of(_post(admin_client, {"notice_text": "{bad", "step": "check"}), 400)
    assert errors_of(page) and all("JSON" in m and any("\u4e00" <= ch <= "\u9fff" for ch in m)
                                   for m in errors_of(page))


@pytest.mark.parametrize("role", ["caseworker", "reviewer", "assistant", "resident"])
def test_only_administrators(client, role):
    sign_in(client, create_account(role))
    assert client.get("/admin/calendar").status_code == 403
