"""Issue 15 part 5: the audit view. Who revealed which personal data, every staff action, every
administrator's change; filtered by staff member, application and date; paged; a CSV export for
a supervisor; masked values only; administrators see no case data anywhere else."""
from __future__ import annotations

import csv
import gc
import io
import json
import sys
from datetime import datetime, timedelta, timezone

import pytest
from flask import request as flask_request

from portal.admin import audit
from portal.domain.workflow_tables import WORKFLOWS
from portal.extensions import db
from portal.models import AdminEvent, Event
from tests.client.test_calendar_notices import NOTICE_2027
from tests.client.test_office_actions import _act, valid_answers
from tests.factories import create_account, create_application, sign_in
from tests.helpers.pages import errors_of, get_page, page_of, submit

NAME = "张三丰"
ID_NUMBER = "440305199001011234"
PHONE = "13912345678"
BANK = "6222020200112233445"
SECRETS = (NAME, ID_NUMBER, PHONE, BANK, ID_NUMBER[-8:], PHONE[3:], BANK[4:])


@pytest.fixture
def admin(app):
    return create_account("admin", username="boss", display_name="管理员甲")


@pytest.fixture
def admin_client(app, admin):
    client = app.test_client()
    sign_in(client, admin)
    client.get("/language/en")
    return client


def _application(**kw):
    answers = {"about": {"name": NAME, "id_number": ID_NUMBER, "phone": PHONE},
               "payment": {"bank": "中国银行", "account_number": BANK}}
    return create_application(name=NAME, id_number=ID_NUMBER, answers=answers, **kw)


def _worker_client(app, **kw):
    worker = create_account("caseworker", **kw)
    client = app.test_client()
    sign_in(client, worker)
    client.get("/language/en")
    return worker, client


def _reveal(client, application) -> None:
    """A real showing in the console: the full details are on the caseworker's page."""
    url = f"/office/cases/{application.reference}"
    text = page_of(submit(client, f"{url}/reveal", {}, form_url=url)).get_text()
    assert ID_NUMBER in text and PHONE in text and BANK in text


def _accept(client, application) -> None:
    row = next(r for r in WORKFLOWS["dibao"].actions if r.name == "accept")
    response = _act(client, application.requests[0], row, valid_answers("dibao"))
    assert response.status_code in (302, 303), response.status_code


def _rows(soup) -> list[str]:
    return [" ".join(tr.get_text(" ", strip=True).split()) for tr in soup.select("table tbody tr")]


def _csv(client, query: str = "") -> tuple[list[str], list[list[str]], str]:
    response = client.get(f"/admin/audit.csv{query}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="audit-')
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    return header, rows, text


@pytest.fixture
def world(app, admin, admin_client):
    """A caseworker who revealed a case's personal data and accepted it, another who accepted
    another case, and an administrator who created a member of staff."""
    liu, liu_client = _worker_client(app, username="liu.jingban", display_name="刘经办")
    zhou, zhou_client = _worker_client(app, username="zhou.jingban", display_name="周经办")
    mine, other = _application(), _application()
    _reveal(liu_client, mine)
    _accept(liu_client, mine)
    _accept(zhou_client, other)
    submit(admin_client, "/admin/staff/new", {"display_name": "新同事", "username": "new.colleague",
                                              "role": "reviewer", "office_code": "", "district_code": "440305"},
           status=200)
    return {"liu": liu, "zhou": zhou, "mine": mine, "other": other}


def test_the_trail_has_reveals_staff_actions_and_admin_changes_with_masked_values_only(admin_client, world):
    soup = get_page(admin_client, "/admin/audit")
    rows = _rows(soup)
    text = soup.get_text()
    reveal = [r for r in rows if "Personal data shown" in r]
    assert len(reveal) == 1 and "刘经办 (liu.jingban)" in reveal[0] and world["mine"].reference in reveal[0]
    assert "ID number" in reveal[0] and "Mobile number" in reveal[0] and "Account number" in reveal[0]
    accepted = [r for r in rows if r.split(" ")[2:3] and "Accept" in r and "Personal data" not in r]
    assert {world["mine"].reference in r for r in accepted} == {True, False}
    assert any("Staff account created" in r and "管理员甲 (boss)" in r and "new.colleague" in r for r in rows)
    assert "张**" in text  # the applicant, masked
    for secret in SECRETS:
        assert secret not in text, secret


def test_the_csv_export_has_the_same_entries_masked_and_is_itself_recorded(admin_client, world):
    header, rows, text = _csv(admin_client)
    assert header[:5] == ["Time (Asia/Shanghai)", "Kind", "Staff member", "Role", "Action"]
    kinds = {(r[1], r[4]) for r in rows}
    assert ("Case", "Accept") in kinds and ("Administration", "Staff account created") in kinds
    [reveal] = [r for r in rows if "Personal data shown" in r[9]]
    assert reveal[2] == "刘经办 (liu.jingban)" and reveal[5] == world["mine"].reference and reveal[6] == "张**"
    assert len(rows) == 4  # reveal, two acceptances, one account created (not this export itself)
    for secret in SECRETS:
        assert secret not in text, secret
    [entry] = db.session.scalars(db.select(AdminEvent).where(AdminEvent.action == "audit_exported")).all()
    assert entry.data == {"filters": {}, "rows": 4}
    # The next export lists the first one.
    _header, again, _text = _csv(admin_client)
    assert any(r[4] == "Audit trail exported" and "rows: 4" in r[9] for r in again)


def test_filter_by_staff_member(admin_client, world):
    rows = _rows(get_page(admin_client, "/admin/audit?staff=liu.jingban"))
    assert len(rows) == 2 and all("liu.jingban" in r for r in rows)
    # A member of staff's account changes are theirs too: the reviewer's creation.
    rows = _rows(get_page(admin_client, "/admin/audit?staff=NEW.colleague"))
    assert len(rows) == 1 and "Staff account created" in rows[0]
    _header, csv_rows, _text = _csv(admin_client, "?staff=zhou.jingban")
    assert [r[2] for r in csv_rows] == ["周经办 (zhou.jingban)"]


def test_filter_by_application(admin_client, world):
    reference = world["other"].reference
    rows = _rows(get_page(admin_client, f"/admin/audit?reference={reference.lower()}"))
    assert len(rows) == 1 and reference in rows[0] and "zhou.jingban" in rows[0]
    _header, csv_rows, _text = _csv(admin_client, f"?reference={world['mine'].reference}")
    assert {r[5] for r in csv_rows} == {world["mine"].reference} and len(csv_rows) == 2
    both = _rows(get_page(admin_client, f"/admin/audit?reference={reference}&staff=liu.jingban"))
    assert both == []


def _event_at(application, worker, at: datetime) -> Event:
    event = Event(application_id=application.id, action="accept", actor_account_id=worker.id,
                  actor_role="caseworker", at=at, visible_to_resident=False)
    db.session.add(event)
    db.session.commit()
    return event


def test_filter_by_date_counts_days_in_shanghai(app, admin_client):
    worker = create_account("caseworker", username="date.worker")
    application = _application()
    utc = timezone.utc
    _event_at(application, worker, datetime(2026, 11, 30, 15, 59, tzinfo=utc))  # 30 Nov, 23:59 in Shenzhen
    _event_at(application, worker, datetime(2026, 11, 30, 16, 1, tzinfo=utc))   # 1 Dec, 00:01
    _event_at(application, worker, datetime(2026, 12, 2, 15, 59, tzinfo=utc))   # 2 Dec, 23:59
    _event_at(application, worker, datetime(2026, 12, 2, 16, 1, tzinfo=utc))    # 3 Dec, 00:01
    rows = _rows(get_page(admin_client, "/admin/audit?from=2026-12-01&to=2026-12-02"))
    assert [r.split(" AM")[0].split(" PM")[0] for r in rows] == ["Dec 2, 2026, 11:59:00", "Dec 1, 2026, 12:01:00"]
    assert len(_rows(get_page(admin_client, "/admin/audit?from=2026-12-03"))) == 1
    assert len(_rows(get_page(admin_client, "/admin/audit?to=2026-11-30"))) == 1
    assert len(_rows(get_page(admin_client, "/admin/audit?from=2026-12-02&to=2026-12-02"))) == 1
    _header, csv_rows, _text = _csv(admin_client, "?from=2026-12-01&to=2026-12-02")
    assert [r[0] for r in csv_rows] == ["2026-12-02 23:59:00", "2026-12-01 00:01:00"]


def test_pages_of_fifty_newest_first_with_the_filters_kept(admin_client):
    worker = create_account("caseworker", username="busy.worker")
    application = _application()
    start = datetime(2026, 12, 1, 1, 0, tzinfo=timezone.utc)
    db.session.add_all([Event(application_id=application.id, action="accept", actor_account_id=worker.id,
                              actor_role="caseworker", at=start + timedelta(minutes=i), visible_to_resident=False)
                        for i in range(120)])
    db.session.commit()
    first = get_page(admin_client, "/admin/audit?staff=busy.worker")
    assert len(_rows(first)) == audit.PER_PAGE == 50
    assert _rows(first)[0].startswith("Dec 1, 2026, 10:59:00 AM")  # 01:00 UTC + 119 minutes, in Shenzhen
    assert first.select_one('a[rel="prev"]') is None
    second_url = first.select_one('a[rel="next"]')["href"]
    assert "staff=busy.worker" in second_url and "page=2" in second_url
    second = get_page(admin_client, second_url)
    assert _rows(second)[0].startswith("Dec 1, 2026, 10:09:00 AM")
    third = get_page(admin_client, second.select_one('a[rel="next"]')["href"])
    assert len(_rows(third)) == 20 and third.select_one('a[rel="next"]') is None
    assert "page=2" in third.select_one('a[rel="prev"]')["href"]
    seen = _rows(first) + _rows(second) + _rows(third)
    assert len(set(seen)) == 120
    # A page past the end is empty, not an error; a page that is not a number is the first.
    assert "No entries match" in get_page(admin_client, "/admin/audit?page=9").get_text()
    assert _rows(get_page(admin_client, "/admin/audit?page=abc&staff=busy.worker")) == _rows(first)
    _header, csv_rows, _text = _csv(admin_client, "?staff=busy.worker")
    assert len(csv_rows) == 120  # the export is not paged


@pytest.mark.parametrize("query, field, message", [
    ("from=2026-13-01", "date_from", "Enter a date like 2026-12-05"),
    ("from=yesterday", "date_from", "Enter a date like 2026-12-05"),
    ("to=2026-02-30", "date_to", "Enter a date like 2026-12-05"),
    ("from=2026-12-05&to=2026-12-01", "date_to", "The end date is before the start date"),
    ("staff=nobody.here", "staff", "No staff member has that username"),
    ("staff=%00liu%01", "staff", "No staff member has that username"),
    ("staff=" + "x" * 5000, "staff", "No staff member has that username"),
    ("reference=SZ-0000-0000-0", "reference", "No submitted application has that reference"),
    ("reference=%00'%3B--", "reference", "No submitted application has that reference"),
    ("reference=" + "9" * 5000, "reference", "No submitted application has that reference"),
])
def test_malformed_filters_get_a_message_next_to_the_field(admin_client, query, field, message):
    soup = get_page(admin_client, f"/admin/audit?{query}&page=99999999999999999")
    error = soup.select_one(f"#{field}-error")
    assert error is not None and message in error.get_text(), errors_of(soup)
    assert soup.title.get_text().startswith("Error:")
    assert soup.select("table") == []
    typed = dict(p.split("=", 1) for p in query.split("&"))[{"date_from": "from", "date_to": "to"}.get(field, field)]
    if "%" not in typed:
        assert soup.select_one(f"#{field}")["value"] == typed  # nothing typed is lost
    # The export does not run on wrong filters: back to the page, which says why.
    response = admin_client.get(f"/admin/audit.csv?{query}")
    assert response.status_code == 302 and response.headers["Location"].startswith("/admin/audit?")
    assert db.session.scalar(db.select(db.func.count()).select_from(AdminEvent)) == 0


def test_a_resident_account_is_not_a_staff_member(admin_client):
    resident = create_account("resident")
    soup = get_page(admin_client, f"/admin/audit?staff={resident.phone}")
    assert "No staff member has that username" in soup.select_one("#staff-error").get_text()


def test_a_helpers_action_on_a_draft_is_a_case_entry_without_a_reference(admin_client):
    helper = create_account("assistant", username="li.xieli")
    draft = create_application(status="draft", name=NAME, id_number=ID_NUMBER)
    db.session.add(Event(application_id=draft.id, action="assist_start_draft", actor_account_id=helper.id,
                         actor_role="assistant", on_behalf_of_account_id=draft.account_id))
    db.session.commit()
    [row] = _rows(get_page(admin_client, "/admin/audit?staff=li.xieli"))
    assert "Draft, not yet submitted" in row and "张**" in row and "On behalf of the applicant" in row
    assert "Administration" not in row and NAME not in row


def test_a_formula_in_a_name_is_not_run_by_a_spreadsheet(app, admin_client):
    worker, client = _worker_client(app, username="formula.worker", display_name="=HYPERLINK(\"x\")")
    _reveal(client, _application())
    _header, rows, _text = _csv(admin_client)
    [row] = [r for r in rows if r[4] != "Audit trail exported"]
    assert row[2].startswith("'=HYPERLINK")


def test_a_calendar_notice_loaded_by_an_admin_is_in_the_trail(admin_client, admin):
    token = get_page(admin_client, "/admin/calendar").find("input", attrs={"name": "csrf_token"})["value"]
    response = admin_client.post("/admin/calendar", data={"csrf_token": token, "step": "load",
                                                          "notice_text": json.dumps(NOTICE_2027)})
    assert response.status_code == 200
    rows = _rows(get_page(admin_client, "/admin/audit?staff=boss"))
    assert len(rows) == 1 and "Holiday notice loaded" in rows[0] and "Year 2027" in rows[0]
    assert "Requests whose deadlines moved: 0" in rows[0]
    admin_client.get("/language/zh_Hans")
    [row] = _rows(get_page(admin_client, "/admin/audit?staff=boss"))
    assert "节假日通知已载入工作日历" in row and "2027年" in row


def test_a_recalculation_from_the_shell_is_in_the_trail(app, admin_client):
    result = app.test_cli_runner().invoke(args=["calendar", "recalculate"])
    assert result.exit_code == 0, result.output
    [row] = _rows(get_page(admin_client, "/admin/audit"))
    assert "Deadlines recalculated with the working-day calendar" in row and "shell, user" in row
    assert "Requests whose deadlines moved: 0" in row


def test_the_trail_in_chinese_and_its_csv_header(app, admin):
    client = app.test_client()
    sign_in(client, admin)
    client.get("/language/zh_Hant")
    soup = get_page(client, "/admin/audit?from=2026-13-01")
    assert soup.html["lang"] == "zh-Hant" and "審計" in soup.h1.get_text()
    assert "2026-12-05" in soup.select_one("#date_from-error").get_text()
    client.get("/language/zh_Hans")
    header, _rows_, _text = _csv(client)
    assert header[:3] == ["时间（北京时间）", "类别", "工作人员"]
    _header, [first_export], _text = _csv(client)  # rows are read after the request, still in its language
    assert first_export[1] == "系统管理" and first_export[3] == "管理员"


@pytest.mark.parametrize("role", ["caseworker", "reviewer", "assistant", "resident"])
def test_only_administrators_see_the_trail(app, role):
    client = app.test_client()
    sign_in(client, create_account(role))
    for url in ("/admin/audit", "/admin/audit?staff=boss", "/admin/audit.csv", "/admin/audit.csv?from=x"):
        assert client.get(url).status_code == 403, url
    anonymous = app.test_client()
    response = anonymous.get("/admin/audit.csv")
    assert response.status_code == 302 and "sign-in" in response.headers["Location"]


def test_an_administrator_sees_no_case_data_outside_the_trail(app, admin_client, world):
    reference = world["mine"].reference
    case = f"/office/cases/{reference}"
    for url in ("/office", case, f"{case}/reveal", f"/status/{reference}", "/assist",
                f"/applications/{reference}/receipt.pdf"):
        response = admin_client.get(url)
        assert response.status_code in (403, 404), (url, response.status_code)
        assert not any(s in response.get_data(as_text=True) for s in SECRETS), url
    token = get_page(admin_client, "/admin").find("input", attrs={"name": "csrf_token"})
    data = {"csrf_token": token["value"]} if token else {}
    assert admin_client.post(f"{case}/reveal", data=data).status_code in (403, 404)
    assert db.session.scalar(db.select(db.func.count()).select_from(Event)
                             .where(Event.action == "reveal_personal_data")) == 1  # the caseworker's only
    for url in ("/home", "/admin", "/admin/staff", f"/admin/staff/{world['liu'].id}"):
        text = get_page(admin_client, url).get_text()
        assert not any(s in text for s in SECRETS), url


def test_an_unread_or_abandoned_download_leaves_other_requests_alone(app, admin_client, world):
    """The streamed CSV held a request context across its yields (stream_with_context): a
    response nobody read, collected later, popped whichever context was current then."""
    problems = []
    previous = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: problems.append(repr(unraisable.exc_value))
    try:
        unread = admin_client.get("/admin/audit.csv")
        started = admin_client.get("/admin/audit.csv")
        chunks = iter(started.response)
        assert next(chunks).startswith("\ufeff".encode())
        with app.test_request_context("/elsewhere"):
            del unread, started, chunks
            gc.collect()
            assert flask_request.path == "/elsewhere"  # still this request's context
    finally:
        sys.unraisablehook = previous
    assert problems == []
    # Each chunk is read in its own session: the download still works with the test's session closed.
    _header, rows, _text = _csv(admin_client)
    assert len(rows) == 6  # four entries and the two exports above


@pytest.mark.postgres
def test_the_trail_filters_and_export_on_postgresql(pg_app):
    admin = create_account("admin", username="pg.boss")
    client = pg_app.test_client()
    sign_in(client, admin)
    client.get("/language/en")
    worker, worker_client = _worker_client(pg_app, username="pg.worker")
    application = _application()
    _reveal(worker_client, application)
    _accept(worker_client, application)
    rows = _rows(get_page(client, f"/admin/audit?staff=pg.worker&reference={application.reference}&from=2020-01-01"))
    assert len(rows) == 2 and "Personal data shown" in rows[1]
    _header, csv_rows, text = _csv(client)
    assert len(csv_rows) == 2 and not any(s in text for s in SECRETS)
    assert "Enter a date" in get_page(client, "/admin/audit?to=2026-02-30").select_one("#date_to-error").get_text()
