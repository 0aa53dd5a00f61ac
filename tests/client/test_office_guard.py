"""The approval guard: an approval whose eligibility explanation lacks facts is
refused unless the reviewer overrides it with a written reason, which is recorded."""
from __future__ import annotations

import copy

from portal.apply.answers.household_map import answers_from_household
from portal.domain.guards import approval_problem
from portal.domain.workflow_fields import add_months
from portal.extensions import db
from portal.models import Event
from tests.client.test_office_actions import _month, _today
from tests.factories import create_account, create_application, sign_in
from tests.helpers.pages import check_html, get_page, submit

HOUSEHOLD = {"members": [{"relation": "self", "age": 40, "employment": "unemployed",
                          "income": [{"category": "wages", "amount": "600"}]}],
             "assets": {"deposits": "0", "securities": "0", "insurance_cash_value": "0", "internet_finance": "0",
                        "receivables": "0", "vehicles": [], "houses": [], "business_registrations": 0},
             "supporters": []}


def _at_review(income: bool):
    household = copy.deepcopy(HOUSEHOLD)
    if not income:
        del household["members"][0]["income"]
    application = create_application(types=("dibao",), answers=answers_from_household(household))
    request = application.requests[0]
    request.status = "COUNTY_REVIEW"
    db.session.commit()
    return application, request


def _approve(client, request, **extra):
    url = f"/office/requests/{request.id}/actions/approve"
    page = get_page(client, url)
    form = page.select("form")[-1]
    hidden = {i["name"]: i.get("value", "") for i in form.select('input[type="hidden"]') if i["name"] != "csrf_token"}
    data = {**hidden, "amount": "900", "start_month": _month(add_months(_today(), 1)), "income_irregular": "no",
            **extra}
    return page, submit(client, url, data)


def _events(request, action):
    return list(db.session.scalars(db.select(Event).where(Event.request_id == request.id, Event.action == action)))


def test_the_rule():
    assert approval_problem([], False, "") is None
    assert approval_problem(["收入"], False, "") == ("override", "facts_missing")
    assert approval_problem(["收入"], True, "  ") == ("override_reason", "override_reason_required")
    assert approval_problem(["收入"], True, "x" * 2001) == ("override_reason", "too_long")
    assert approval_problem(["收入"], True, "已核实工资流水") is None


def test_the_guard_stops_an_approval_with_missing_income(client):
    application, request = _at_review(income=False)
    sign_in(client, create_account("reviewer"))
    client.get("/language/en")
    page, response = _approve(client, request)
    assert "person 1 (applicant): monthly income" in page.find(class_="missing-facts").get_text()
    assert response.status_code == 200
    answer = check_html(response.get_data(as_text=True))
    error = answer.find(id="override").find_parent(class_="field").get_text(" ", strip=True)
    assert "Facts needed to decide are missing" in error
    assert answer.find(id="amount")["value"] == "900"  # nothing typed is lost
    db.session.refresh(request)
    assert request.status == "COUNTY_REVIEW" and _events(request, "approve") == []
    # Ticking the box without a reason is not enough either.
    _page, response = _approve(client, request, override="y")
    answer = check_html(response.get_data(as_text=True))
    assert "Write why the decision can be made" in answer.find(id="override_reason").find_parent(class_="field").get_text()
    db.session.refresh(request)
    assert request.status == "COUNTY_REVIEW"


def test_an_explicit_override_with_a_reason_approves_and_is_recorded_for_the_file(client):
    application, request = _at_review(income=False)
    reviewer = create_account("reviewer")
    sign_in(client, reviewer)
    client.get("/language/en")
    _page, response = _approve(client, request, override="y", override_reason="工资流水已在入户调查中核实")
    assert response.status_code == 302
    db.session.refresh(request)
    assert request.status == "APPROVED"
    [override] = _events(request, "approve_despite_missing_facts")
    assert override.reason == "工资流水已在入户调查中核实" and override.actor_account_id == reviewer.id
    assert override.visible_to_resident is False
    assert override.data == {"missing_facts": ["person 1 (applicant): monthly income"]}
    history = get_page(client, f"/office/cases/{application.reference}").find(id=f"request-{request.id}").get_text()
    assert "Approved although facts were missing" in history and "工资流水已在入户调查中核实" in history


def test_no_guard_when_the_explanation_is_complete(client):
    _application, request = _at_review(income=True)
    sign_in(client, create_account("reviewer"))
    page, response = _approve(client, request)
    assert page.find(class_="missing-facts") is None and page.find(id="override") is None
    assert response.status_code == 302
    db.session.refresh(request)
    assert request.status == "APPROVED" and _events(request, "approve_despite_missing_facts") == []


def test_a_reason_with_control_characters_is_refused_next_to_the_field(client):
    _application, request = _at_review(income=False)
    sign_in(client, create_account("reviewer"))
    client.get("/language/en")
    _page, response = _approve(client, request, override="y", override_reason="核实\x00了")
    assert response.status_code == 200
    answer = check_html(response.get_data(as_text=True))
    assert "invisible characters" in answer.find(id="override_reason").find_parent(class_="field").get_text()
    db.session.refresh(request)
    assert request.status == "COUNTY_REVIEW"
