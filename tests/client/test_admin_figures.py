"""/admin/figures: the dated policy figures, and changing one with two
administrators: propose (after seeing its effect on stored open applications), approve or
reject; screening uses an approved value from its date, in every process."""
from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from portal.extensions import db
from portal.models import AdminEvent, Application, PolicyFigure
from portal.policy_figures import current_policy
from tests.conftest import make_app
from tests.factories import create_account, create_application, sign_in
from tests.helpers.pages import csrf_token, errors_of, get_page, page_of
from tests.tools.walkthrough import one_person_dibao, walk

FROM = "2026-07-01"
SOURCE = "深圳市民政局 深圳市财政局关于调整我市最低生活保障标准的通知（深民规〔2026〕1号）"


@pytest.fixture
def admin_a(app):
    return create_account("admin", username="admin.a", display_name="管理员甲")


@pytest.fixture
def admin_b(app):
    return create_account("admin", username="admin.b", display_name="管理员乙")


def _client(app, account, language="en"):
    client = app.test_client()
    sign_in(client, account)
    client.get(f"/language/{language}")
    return client


@pytest.fixture
def client_a(app, admin_a):
    return _client(app, admin_a)


@pytest.fixture
def client_b(app, admin_b):
    return _client(app, admin_b)


def _fields(**changes) -> dict:
    fields = {"key": "dibao_standard", "region": "440300", "value": "1600", "effective_from": FROM,
              "source": SOURCE, "note": ""}
    fields.update(changes)
    return {k: v for k, v in fields.items() if v is not None}


def _post_new(client, step="check", **changes):
    token = csrf_token(get_page(client, "/admin/figures/new"))
    return client.post("/admin/figures/new", data={"csrf_token": token, "step": step, **_fields(**changes)})


def _propose(client, **changes) -> PolicyFigure:
    response = _post_new(client, step="propose", **changes)
    assert response.status_code == 302, response.status_code
    figure_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[-1])
    return db.session.get(PolicyFigure, figure_id)


def _decide(client, figure_id: int, action: str, **data):
    token = csrf_token(get_page(client, f"/admin/figures/{figure_id}"))
    return client.post(f"/admin/figures/{figure_id}/{action}", data={"csrf_token": token, **data})


def _events(action: str) -> list[AdminEvent]:
    return list(db.session.scalars(db.select(AdminEvent).where(AdminEvent.action == action)))


@pytest.fixture
def stored(app):
    """Stored applications, filled through the real journey: one person with no income (the
    allowance is the whole standard), the same person with a pension of 1,500 yuan a month
    (above the standard of 1,480 yuan, below a new one of 1,600), and one whose request is closed."""
    resident = create_account("resident")
    client = app.test_client()
    sign_in(client, resident)
    reference = walk(client, one_person_dibao()).reference
    first = db.session.scalars(db.select(Application).where(Application.reference == reference)).one()
    answers = copy.deepcopy(first.answers)
    answers["income"] = {"m1": {"sources": ["pension"], "amounts": {"pension": "1500"}}}
    pension = create_application(answers=answers, id_number="440305197003151130")
    closed = create_application(answers=copy.deepcopy(first.answers), id_number="440305197003151130",
                                request_status="WITHDRAWN")
    return {"no_income": first, "pension": pension, "closed": closed}


def _dibao(answers: dict, on: date):
    from portal.domain.eligibility import screen
    from portal.office.explain import _household

    return screen(_household(answers, on), current_policy(), on)["dibao"]


# --- the table ---------------------------------------------------------------------------------

def test_the_table_groups_every_entry_by_key_and_region_with_source_date_and_example_flag(client_a):
    page = get_page(client_a, "/admin/figures")
    section = page.select_one("#key-dibao_standard-440300").find_parent("section")
    rows = section.select("tbody tr")
    assert [r.select_one("time")["datetime"] for r in rows] == ["2024-07-01", "2025-07-01"]
    assert "Superseded" in rows[0].get_text() and "In force" in rows[1].get_text()
    assert "1,480" in rows[1].get_text() and "CNY/person/month" in rows[1].get_text()
    assert "mzj.sz.gov.cn" in rows[1].get_text() and "Example, unconfirmed" in rows[1].get_text()
    assert "Shipped with the portal" in rows[1].get_text()
    # an official (non-example) figure, nationwide
    national = page.select_one("#key-low_income_multiple-CN").find_parent("section")
    assert "Example" not in national.get_text() and "Nationwide" in national.get_text()
    # every key of the shipped files is listed, including lists (which are not proposed here)
    assert page.select_one("#key-income_excluded_types-CN") is not None
    excluded = page.select_one("#key-income_excluded_types-CN").find_parent("section")
    assert excluded.select_one("a[href^='/admin/figures/new']") is None
    link = section.select_one("a[href^='/admin/figures/new']")["href"]
    form = get_page(client_a, link)
    assert form.select_one("#key option[selected]")["value"] == "dibao_standard"
    assert "CNY/person/month" in form.select_one("#value-hint").get_text()


def test_admin_home_links_to_the_figures(client_a):
    assert "/admin/figures" in {a["href"] for a in get_page(client_a, "/admin").select("main a")}


@pytest.mark.parametrize("locale, heading", [("zh_Hans", "政策参数"), ("zh_Hant", "政策參數"), ("en", "Policy figures")])
def test_the_pages_in_three_languages(app, admin_a, locale, heading):
    client = _client(app, admin_a, locale)
    assert get_page(client, "/admin/figures").h1.get_text(strip=True) == heading
    assert get_page(client, "/admin/figures/new").h1.get_text(strip=True) != ""


# --- propose, with its effect -------------------------------------------------------------------

def test_checking_shows_the_effect_on_stored_open_applications_and_stores_nothing(client_a, stored):
    on = date.fromisoformat(FROM)
    assert _dibao(stored["no_income"].answers, on).amount == Decimal("1480")
    assert _dibao(stored["pension"].answers, on).verdict == "unlikely"
    page = page_of(_post_new(client_a, step="check"))
    counts = [int(n.get_text()) for n in page.select("#effect ~ .counts .counts__number")]
    # the pension household becomes eligible (a verdict and an amount change); the one with no
    # income gets more (an amount changes); the closed request is not counted
    assert counts == [1, 2], counts
    text = page.get_text()
    assert "2 open requests in 2 stored applications" in text
    rows = {r.select_one("td").get_text(" ", strip=True): r.get_text(" ", strip=True)
            for r in page.select(".notice--info tbody tr")}
    pension_request = stored["pension"].requests[0].id
    assert "Unlikely → Likely" in rows[f"No. {pension_request} Minimum living allowance"]
    assert "1,480 yuan → 1,600 yuan" in rows[f"No. {stored['no_income'].requests[0].id} Minimum living allowance"]
    # what was typed is kept for the next step, and nothing is stored yet
    assert page.select_one("#value")["value"] == "1600" and page.select_one("#source").get_text() == SOURCE
    assert page.find("button", attrs={"value": "propose"}) is not None
    assert db.session.scalar(db.select(db.func.count(PolicyFigure.id))) == 0
    assert _events("figure_proposed") == []


def test_proposing_stores_a_new_dated_entry_waiting_for_a_second_administrator(client_a, admin_a, stored):
    figure = _propose(client_a, example="y", note="2026年度调整")
    assert (figure.key, figure.region, figure.effective_from, figure.value) == ("dibao_standard", "440300",
                                                                                date(2026, 7, 1), 1600)
    assert figure.status == "proposed" and figure.example is True and figure.source == SOURCE
    assert figure.proposed_by_account_id == admin_a.id and figure.unit == "CNY/person/month"
    assert figure.effect["verdicts_changed"] == 1 and figure.effect["amounts_changed"] == 2
    [event] = _events("figure_proposed")
    assert event.actor_account_id == admin_a.id and event.data["figure"] == figure.id and event.data["value"] == 1600
    # not in force before a second administrator approves it
    assert current_policy().value("dibao_standard", date(2026, 8, 1)) == 1480
    page = get_page(client_a, "/admin/figures")
    assert f"/admin/figures/{figure.id}" in {a["href"] for a in page.select("main a")}
    assert "Waiting for a second administrator" in page.get_text()


def test_the_proposer_cannot_approve(client_a, stored):
    figure = _propose(client_a)
    page = get_page(client_a, f"/admin/figures/{figure.id}")
    assert page.find("form", action=f"/admin/figures/{figure.id}/approve") is None
    assert "another administrator must approve it" in page.get_text()
    # the live effect is shown to whoever decides
    assert [int(n.get_text()) for n in page.select("#effect ~ .counts .counts__number")] == [1, 2]
    token = csrf_token(page)
    refused = page_of(client_a.post(f"/admin/figures/{figure.id}/approve", data={"csrf_token": token}), 409)
    assert "another administrator must approve it" in refused.select_one(".error-summary").get_text()
    assert db.session.get(PolicyFigure, figure.id, populate_existing=True).status == "proposed"
    assert _events("figure_approved") == []


def test_a_second_administrator_approves_and_screening_uses_the_value_from_its_date(
        app, client_a, client_b, admin_b, stored):
    figure = _propose(client_a)
    page = get_page(client_b, f"/admin/figures/{figure.id}")
    assert page.find("form", action=f"/admin/figures/{figure.id}/approve") is not None
    response = _decide(client_b, figure.id, "approve")
    assert response.status_code == 302 and "/admin/figures#key-dibao_standard-440300" in response.headers["Location"]
    figure = db.session.get(PolicyFigure, figure.id, populate_existing=True)
    assert figure.status == "approved" and figure.decided_by_account_id == admin_b.id
    [event] = _events("figure_approved")
    assert event.actor_account_id == admin_b.id and event.data["figure"] == figure.id
    # the table: the new entry in force, the shipped ones superseded and kept
    section = get_page(client_b, "/admin/figures").select_one("#key-dibao_standard-440300").find_parent("section")
    rows = section.select("tbody tr")
    assert [r.select_one("time")["datetime"] for r in rows] == ["2024-07-01", "2025-07-01", FROM]
    assert "Superseded" in rows[1].get_text() and "In force" in rows[2].get_text()
    assert "1,600" in rows[2].get_text() and f"Approved proposal No. {figure.id}" in rows[2].get_text()
    # screening: the old value the day before, the new one from its date
    assert _dibao(stored["no_income"].answers, date(2026, 6, 30)).amount == Decimal("1480")
    assert _dibao(stored["no_income"].answers, date(2026, 7, 1)).amount == Decimal("1600")
    assert _dibao(stored["pension"].answers, date(2026, 7, 1)).verdict == "likely"
    api = app.test_client()
    body = json.loads((Path(app.root_path) / "portal/api/examples/screening_request.json").read_text(encoding="utf-8"))
    for on, standard in (("2026-06-30", 1480), ("2026-07-01", 1600)):
        answer = api.post("/api/v1/screenings", json={**body, "on": on}).get_json()
        used = {p["key"]: p["value"] for p in answer["parameters"]}
        assert used["dibao_standard"] == standard, on
    # another process (another app on the same database) sees it at its next request
    other = make_app(app.config["SQLALCHEMY_DATABASE_URI"], Path(app.config["INSTANCE_DIR"]))
    with other.app_context():
        assert current_policy().value("dibao_standard", date(2026, 7, 1)) == 1600
        db.session.remove()


def test_approving_twice_applies_once(client_a, client_b, stored):
    figure = _propose(client_a)
    assert _decide(client_b, figure.id, "approve").status_code == 302
    again = page_of(_decide(client_b, figure.id, "approve"), 409)
    assert "already been decided" in again.get_text()
    assert len(_events("figure_approved")) == 1


def test_either_administrator_may_reject_with_a_reason(client_a, client_b, admin_b, stored):
    figure = _propose(client_a)
    missing = page_of(_decide(client_b, figure.id, "reject", reason="  "), 400)
    assert "Say why the proposal is rejected" in missing.select_one("#reason-error").get_text()
    assert missing.title.get_text().startswith("Error:")
    response = _decide(client_b, figure.id, "reject", reason="文号有误，请核对后重新提出")
    assert response.status_code == 302
    figure = db.session.get(PolicyFigure, figure.id, populate_existing=True)
    assert figure.status == "rejected" and figure.reject_reason == "文号有误，请核对后重新提出"
    assert figure.decided_by_account_id == admin_b.id
    [event] = _events("figure_rejected")
    assert event.actor_account_id == admin_b.id
    assert current_policy().value("dibao_standard", date(2026, 8, 1)) == 1480
    detail = get_page(client_a, f"/admin/figures/{figure.id}")
    assert "Rejected" in detail.get_text() and "文号有误" in detail.get_text()
    assert detail.find("form", action=f"/admin/figures/{figure.id}/approve") is None
    assert "Rejected proposals" in get_page(client_a, "/admin/figures").get_text()
    assert page_of(_decide_direct(client_b, figure.id, "approve"), 409)
    # the proposer may withdraw their own proposal by rejecting it
    second = _propose(client_a, value="1620")
    assert _decide(client_a, second.id, "reject", reason="撤回").status_code == 302
    assert db.session.get(PolicyFigure, second.id, populate_existing=True).status == "rejected"


def _decide_direct(client, figure_id: int, action: str):
    token = csrf_token(get_page(client, "/admin/figures"))
    return client.post(f"/admin/figures/{figure_id}/{action}", data={"csrf_token": token})


def test_entries_are_superseded_never_edited(app, client_a, client_b):
    first = _propose(client_a, value="1600")
    _decide(client_b, first.id, "approve")
    correction = _propose(client_b, value="1650")  # a correction of the same date, the other way round
    _decide(client_a, correction.id, "approve")
    later = _propose(client_a, value="1700", effective_from="2099-07-01")
    _decide(client_b, later.id, "approve")
    assert current_policy().value("dibao_standard", date(2026, 7, 1)) == 1650
    assert current_policy().value("dibao_standard", date(2099, 7, 1)) == 1700
    rows = get_page(client_a, "/admin/figures").select_one("#key-dibao_standard-440300").find_parent("section") \
        .select("tbody tr")
    standings = [r.select("td")[-1].strong.get_text() for r in rows]
    assert standings == ["Superseded", "Superseded", "Replaced by a correction of the same date", "In force",
                         "From a later date"]
    values = [db.session.get(PolicyFigure, f.id, populate_existing=True).value for f in (first, correction, later)]
    assert values == [1600, 1650, 1700]  # every row kept as it was proposed


def test_the_audit_trail_shows_each_step(client_a, client_b):
    figure = _propose(client_a)
    _decide(client_b, figure.id, "approve")
    page = get_page(client_a, "/admin/audit?from=2000-01-01")
    text = page.get_text()
    assert "Policy figure proposed" in text and "Policy figure approved" in text
    assert f"Proposal No. {figure.id}: dibao_standard = 1600 from {FROM}" in text


# --- bad input ----------------------------------------------------------------------------------

@pytest.mark.parametrize("changes, field, message", [
    ({"value": ""}, "value", "Enter the new value"),
    ({"value": "about 1600"}, "value", "Enter the value as a number"),
    ({"value": "-1600"}, "value", "cannot be negative"),
    ({"value": "1600.5"}, "value", "whole number"),
    ({"value": "0"}, "value", "more than 0"),
    ({"value": "99999999999"}, "value", "too large"),
    ({"value": "1480", "effective_from": "2025-07-01"}, "value", "already the value"),
    ({"key": "rigid_expenditure_share_threshold", "value": "1.5"}, "value", "A share is at most 1"),
    ({"key": "low_income_multiple", "value": "1.123456"}, "value", "at most 4 decimal places"),
    ({"effective_from": ""}, "effective_from", "Enter the date the value takes effect"),
    ({"effective_from": "2026-02-30"}, "effective_from", "Enter a real date"),
    ({"effective_from": "1 July 2026"}, "effective_from", "Enter a real date"),
    ({"effective_from": "1999-07-01"}, "effective_from", "between 2000 and 2099"),
    ({"source": ""}, "source", "Give the source"),
    ({"source": "深" * 301}, "source", "at most 300 characters"),
    ({"note": "注" * 301}, "note", "at most 300 characters"),
    ({"key": ""}, "key", "Choose the figure to change"),
    ({"key": "workflow.acceptance_decision_wd"}, "key", "Choose a figure from the list"),
    ({"key": "income_excluded_types"}, "key", "Choose a figure from the list"),
    ({"region": "110000"}, "region", "Choose where the figure applies from the list"),
])
def test_bad_input_is_refused_next_to_the_field_and_nothing_typed_is_lost(client_a, changes, field, message):
    response = _post_new(client_a, step="propose", **changes)
    page = page_of(response, 400)
    error = page.select_one(f"#{field}-error")
    assert error is not None and message in error.get_text(), errors_of(page)
    assert page.title.get_text().startswith("Error:")
    typed = _fields(**changes)
    assert page.select_one("#value").get("value", "") == typed["value"]
    assert page.select_one("#effective_from").get("value", "") == typed["effective_from"]
    assert page.select_one("#source").get_text() == typed["source"]
    assert db.session.scalar(db.select(db.func.count(PolicyFigure.id))) == 0
    assert _events("figure_proposed") == []


def test_full_width_digits_and_separators_are_read(client_a):
    page = page_of(_post_new(client_a, value="１，６００"))
    assert "1,600" in page.select_one(".notice--info dl").get_text()


def test_errors_in_chinese(app, admin_a):
    client = _client(app, admin_a, "zh_Hans")
    page = page_of(_post_new(client, value="abc", source=""), 400)
    messages = errors_of(page)
    assert len(messages) == 2 and all(any("\u4e00" <= ch <= "\u9fff" for ch in m) for m in messages)


def test_hostile_values_never_crash(client_a):
    for changes in ({"value": "1\x00600"}, {"value": "٣٣"}, {"effective_from": "2026-07-01\x00"},
                    {"key": "dibao_standard\x00"}, {"value": "1" * 5000}, {"source": "\x00" * 10}):
        assert _post_new(client_a, **changes).status_code in (200, 400), changes
    assert client_a.get("/admin/figures/99999999999").status_code == 404
    assert client_a.get("/admin/figures/new?key=%00&region=x").status_code == 200


@pytest.mark.parametrize("role", ["caseworker", "reviewer", "assistant", "resident"])
def test_only_administrators(app, client_a, role):
    figure = _propose(client_a)
    client = app.test_client()
    sign_in(client, create_account(role))
    for url in ("/admin/figures", "/admin/figures/new", f"/admin/figures/{figure.id}"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/admin/figures/{figure.id}/approve").status_code in (400, 403)
    assert db.session.get(PolicyFigure, figure.id, populate_existing=True).status == "proposed"


def test_a_request_reads_one_small_query_of_the_figures_and_rebuilds_only_after_a_change(app, client_a, client_b):
    from sqlalchemy import event

    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        if "policy_figures" in statement:
            seen.append(statement.split()[0] + (" approved-rows" if "ORDER BY" in statement else " version"))

    body = json.loads((Path(app.root_path) / "portal/api/examples/screening_request.json").read_text(encoding="utf-8"))
    api = app.test_client()
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        api.post("/api/v1/screenings", json=body)
        api.post("/api/v1/screenings", json=body)
        assert seen == ["SELECT version", "SELECT version"]  # one query a request; the shipped policy is cached
        figure = _propose(client_a)
        _decide(client_b, figure.id, "approve")
        seen.clear()
        api.post("/api/v1/screenings", json=body)
        api.post("/api/v1/screenings", json=body)
        # the first request after the approval builds the new policy once; the next one reuses it
        assert seen == ["SELECT version", "SELECT approved-rows", "SELECT version"], seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
