"""The district view: figures right on a small known dataset, scope, CSV, bad filters,
and the running totals it reads agreeing with a count from scratch after real workflow steps."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta, timezone

import pytest

from portal.extensions import db
from portal.models import Event
from portal.models.tally import ApplicationTally, DecisionTally, RequestTally
from portal.office import tallies
from tests.factories import create_account, create_application, sign_in
from tests.helpers.pages import get_page

NANSHAN, FUTIAN = "440305", "440304"
PERIOD = "?start=2026-01&end=2026-12"


def _at(day: int, month: int = 3) -> datetime:
    return datetime(2026, month, day, 2, 0, tzinfo=timezone.utc)  # 10:00 in Shanghai, the same day


def _application(types, statuses, submitted: datetime, office: str = "44030506", **request_fields):
    application = create_application(types=types, office_code=office)
    application.submitted_at = submitted
    for request, status in zip(application.requests, statuses):
        request.status = status
        for key, value in request_fields.get(request.type, {}).items():
            setattr(request, key, value)
    db.session.commit()
    return application


def _decide(request, action: str, to_state: str, at: datetime) -> None:
    db.session.add(Event(application_id=request.application_id, request_id=request.id, action=action,
                         from_state="COUNTY_REVIEW", to_state=to_state, actor_role="reviewer", at=at))
    db.session.commit()


@pytest.fixture
def dataset(app):
    """Nanshan: four requests in three applications, three decided after 4, 10 and 5 working days
    (2-16 March 2026 has no holiday); one open request past its due date. Futian: one application."""
    first = _application(("dibao", "medical"), ("IN_PAYMENT", "REJECTED"), _at(2),
                         medical={"flags": ["refusal_notified"]})
    _decide(first.requests[0], "approve", "APPROVED", _at(6))
    _decide(first.requests[1], "reject", "REJECTED", _at(16))
    _application(("dibao",), ("SUBMITTED",), _at(1, 4), dibao={"due_on": date.today() - timedelta(days=3)})
    third = _application(("education",), ("APPROVED",), _at(2))
    _decide(third.requests[0], "approve", "APPROVED", _at(9))
    other = _application(("dibao",), ("IN_PAYMENT",), _at(2), office="44030401")
    _decide(other.requests[0], "approve", "APPROVED", _at(3))
    return app


def _client(app, role: str, **kw):
    client = app.test_client()
    sign_in(client, create_account(role, **kw))
    client.get("/language/en")
    return client


def _table(page, caption: str) -> dict[str, list[str]]:
    table = next(t for t in page.select("table") if t.caption and t.caption.get_text(strip=True) == caption)
    return {tr.select("td")[0].get_text(strip=True): [td.get_text(strip=True) for td in tr.select("td")[1:]]
            for tr in table.select("tbody tr, tfoot tr")}


def test_figures_of_a_known_district(dataset):
    page = get_page(_client(dataset, "reviewer", district_code=NANSHAN), "/office/district" + PERIOD)
    kinds = _table(page, "Requests by kind of assistance and stage")
    # Open, Receiving support, Closed, Overdue, Decisions, Median working days
    assert kinds["Minimum living allowance"] == ["1", "1", "0", "1", "1", "4"]
    assert kinds["Medical assistance"][:6] == ["0", "0", "1", "0", "1", "10"]
    assert kinds["All kinds"] == ["2", "1", "1", "1", "3", "5"]
    months = _table(page, "Applications received and decisions taken per month")
    assert len(months) == 12
    assert months["2026-03"] == ["2", "3"] and months["2026-04"] == ["1", "0"] and months["2026-05"] == ["0", "0"]
    assert len(page.select("svg.chart")) == 3
    assert all(svg.get("aria-hidden") == "true" for svg in page.select("figure svg"))


def test_a_reviewer_of_another_district_sees_none_of_it(dataset):
    client = _client(dataset, "reviewer", district_code=FUTIAN)
    # Asking for Nanshan changes nothing: a reviewer's scope is their district.
    page = get_page(client, "/office/district" + PERIOD + "&district=" + NANSHAN)
    kinds = _table(page, "Requests by kind of assistance and stage")
    assert kinds["All kinds"] == ["0", "1", "0", "0", "1", "1"]
    assert _table(page, "Applications received and decisions taken per month")["2026-03"] == ["1", "1"]
    body = client.get("/office/district.csv" + PERIOD + "&district=" + NANSHAN).get_data(as_text=True)
    assert "Medical assistance,Requests now,1" not in body.replace("Closed,", "")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert ["Applications received", "", "2026-03", "1"] in rows


def test_an_administrator_sees_the_city_or_chooses_a_district(dataset):
    client = _client(dataset, "admin")
    city = _table(get_page(client, "/office/district" + PERIOD), "Requests by kind of assistance and stage")
    assert city["All kinds"] == ["2", "2", "1", "1", "4", "4.5"]
    page = get_page(client, "/office/district" + PERIOD + "&district=" + FUTIAN)
    assert _table(page, "Requests by kind of assistance and stage")["All kinds"] == ["0", "1", "0", "0", "1", "1"]
    assert page.select_one("select#district option[selected]")["value"] == FUTIAN


def test_csv_holds_the_same_figures(dataset):
    client = _client(dataset, "reviewer", district_code=NANSHAN)
    response = client.get("/office/district.csv" + PERIOD)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0] == ["Measure", "Kind of assistance", "Stage or month", "Value"]
    assert ["Requests now", "Minimum living allowance", "Open", "1"] in rows
    assert ["Overdue now", "Minimum living allowance", "", "1"] in rows
    assert ["Median working days from submission to decision", "Medical assistance", "", "10"] in rows
    assert ["Median working days from submission to decision", "All kinds", "", "5"] in rows
    assert ["Applications received", "", "2026-03", "2"] in rows
    assert ["Decisions taken", "", "2026-03", "3"] in rows


@pytest.mark.parametrize("query, field, message", [
    ("?start=2026-13&end=2026-12", "start", "Enter a year and month such as 2026-01"),
    ("?start=March&end=2026-12", "start", "Enter a year and month such as 2026-01"),
    ("?start=2026-05&end=2026-01", "end", "The last month must be the same as or after the first month"),
    ("?start=2016-01&end=2026-12", "start", "Choose a period of at most 60 months"),
    ("?start=2026-01&end=2099-12", "end", "The last month cannot be after this month"),
    ("?start=%3Cscript%3E&end=" + "9" * 5000, "start", "Enter a year and month such as 2026-01"),
])
def test_bad_periods_get_a_message_next_to_the_field(dataset, query, field, message):
    page = get_page(_client(dataset, "reviewer", district_code=NANSHAN), "/office/district" + query)
    assert page.title.get_text().startswith("Error:")
    assert message in page.select_one(f"#{field}-error").get_text()
    assert page.select_one(f"input#{field}")["aria-invalid"] == "true"
    typed = dict(part.split("=", 1) for part in query[1:].split("&"))[field]
    assert page.select_one(f"input#{field}")["value"] == typed.replace("%3C", "<").replace("%3E", ">")
    assert page.select_one(".error-summary a")["href"] == f"#{field}"
    # The default period's figures are shown meanwhile, and the CSV never fails.
    assert len(_table(page, "Applications received and decisions taken per month")) == 12
    assert _client(dataset, "reviewer", district_code=NANSHAN).get("/office/district.csv" + query).status_code == 200


def test_an_unknown_district_is_a_message_for_an_administrator(dataset):
    page = get_page(_client(dataset, "admin"), "/office/district" + PERIOD + "&district=999999")
    assert "Choose a district from the list" in page.select_one("#district-error").get_text()


@pytest.mark.parametrize("role, status", [("caseworker", 403), ("resident", 403), ("assistant", 403)])
def test_only_reviewers_and_administrators(app, role, status):
    client = app.test_client()
    sign_in(client, create_account(role))
    assert client.get("/office/district").status_code == status
    assert client.get("/office/district.csv").status_code == status
    assert app.test_client().get("/office/district").status_code == 302


def test_the_reviewer_queue_links_to_the_district_view(app):
    page = get_page(_client(app, "reviewer", district_code=NANSHAN), "/office")
    assert page.find("a", href="/office/district")
    page = get_page(_client(app, "caseworker"), "/office")
    assert not page.find("a", href="/office/district")


def _snapshot() -> dict:
    return {model.__tablename__: sorted((tuple(getattr(row, c.name) for c in model.__table__.columns if c.name != "n"),
                                         row.n) for row in db.session.scalars(db.select(model)) if row.n)
            for model in (RequestTally, ApplicationTally, DecisionTally)}


def test_running_totals_agree_with_a_count_from_scratch(any_app):
    """Demo households walked through the real workflow (submission, transfers, decisions,
    refusal letters): the totals kept flush by flush equal those counted again from the rows."""
    from portal.reference.demo import ensure_demo_accounts
    from portal.reference.demo_cases import load_demo_cases

    ensure_demo_accounts()
    assert load_demo_cases()
    kept = _snapshot()
    assert kept["request_tallies"] and kept["application_tallies"] and kept["decision_tallies"]
    tallies.rebuild(db.session.connection())
    db.session.flush()
    assert _snapshot() == kept
    db.session.rollback()


def test_the_side_actions_index_names_the_actions_the_queue_lists_apart():
    from portal.domain import appeals, changes
    from portal.models.request import SIDE_ACTIONS

    assert set(SIDE_ACTIONS) == {appeals.ASK, appeals.ANSWER, changes.REPORT, changes.HANDLE, changes.INVITE}


def test_the_page_in_chinese(dataset):
    client = dataset.test_client()
    sign_in(client, create_account("reviewer", district_code=NANSHAN))
    page = get_page(client, "/office/district" + PERIOD)
    assert page.h1.get_text(strip=True) == "区级统计"
    assert page.find("caption", string="按救助类型和阶段统计的申请")
    rows = list(csv.reader(io.StringIO(client.get("/office/district.csv" + PERIOD).get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["指标", "救助类别", "阶段或月份", "数值"]
    assert ["收到的申请", "", "2026-03", "2"] in rows


def test_a_commit_with_nothing_flushed_before_keeps_the_totals(app):
    """The commit's own flush comes after before_commit: its rows are counted in that same commit."""
    from portal.models import Application, AssistanceRequest

    resident = create_account("resident")
    db.session.add(Application(account_id=resident.id, created_by_id=resident.id, status="submitted",
                               reference="SZ-TEST-0001-X", receiving_office_code="44030506", submitted_at=_at(2),
                               requests=[AssistanceRequest(type="dibao", status="SUBMITTED", authority="civil_affairs_district",
                                                           office_code="44030506", district_code=NANSHAN,
                                                           entered_on=date(2026, 3, 2))]))
    db.session.commit()  # no query in between: nothing flushed before the commit
    db.session.remove()
    assert db.session.scalar(db.select(db.func.sum(RequestTally.n)).where(RequestTally.district_code == NANSHAN)) == 1
    assert db.session.scalar(db.select(ApplicationTally.n).where(ApplicationTally.month == "2026-03")) == 1
