"""Every console action through the one generic action form, driven by the workflow tables."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup

from portal.domain import workflow
from portal.domain.calendar import shanghai_date
from portal.domain.workflow_fields import add_months
from portal.domain.workflow_tables import WORKFLOWS
from portal.domain.workflow_types import Role
from portal.extensions import db
from portal.models import Event, utcnow
from tests.factories import OTHER_OFFICE, create_account, create_application, sign_in
from tests.helpers.pages import errors_of, get_page, page_of, submit


def _today() -> date:
    return shanghai_date(utcnow())


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def valid_answers(type_: str) -> dict[str, str]:
    today = _today()
    return {
        "missing_items": "户口簿首页\n租赁合同", "close_relative_of_staff": "no", "to_office": OTHER_OFFICE,
        "to_unit": "南山区医疗保障局", "staff_names": "陈经办\n李协理", "visit_mode": "in_person",
        "opinion": "经调查符合条件", "location": "科技园社区公告栏", "objection": "邻居反映家中有车辆",
        "resolution": "reinvestigation", "complaint": "举报有房产", "amount": "1300", "total_amount": "900",
        "start_month": _month(add_months(today, 1)), "end_month": _month(add_months(today, 3)),
        "valid_until": add_months(today, 6).isoformat(), "income_irregular": "no",
        "special_reason": "hard_investigation", "notice_ref": "南民字〔2026〕12号", "evidence": "工资流水",
        "trigger": "periodic", "change": "家庭成员就业", "self_care_level": "capable", "support_form": "dispersed",
        "aid_form": "cash", "incident_location": "南山区科技园", "referred_to": "深圳市慈善会", "recipient": "张三",
        "cause": "家中失火", "signed_by": "陈经办\n李协理", "stages": "3", "outcome": "granted",
        "decided_by": "南山区医疗保障局", "reason": "依据调查结果作出",
        # The approval guard: these factory households lack facts, so approving overrides it.
        "override": "y", "override_reason": "收入已在入户调查中核实",
        # The structured home-visit record (portal/office/records.py).
        "visit_date": (today - timedelta(days=1)).isoformat(), "finding_housing": "租住单间约15平方米",
        "finding_living": "家具简陋", "finding_members": "本人", "finding_income_assets": "未见车辆",
        "acknowledgement": "signed",
    }


def _actor_role(row: workflow.Action) -> str | None:
    roles = workflow.effective_roles(row, False)
    for role in (Role.CASEWORKER, Role.REVIEWER):
        if role in roles:
            return str(role)
    if Role.CASEWORKER in row.proxy_roles:
        return "caseworker"
    return None


def console_rows():
    """Every (type, row) a caseworker or reviewer takes from a submitted application."""
    for type_, wf in WORKFLOWS.items():
        for row in wf.actions:
            if row.source is workflow.State.DRAFT or _actor_role(row) is None:
                continue
            yield str(type_), row


def _put_in_state(request, row):
    """Place the request in the row's source state, as earlier steps would have left it."""
    today = _today()
    request.status = str(row.source)
    request.entered_on = today - timedelta(days=10)  # a running notice has run its 7 days
    request.accepted_on = today - timedelta(days=12)
    if row.name == "expire":
        request.valid_until = today - timedelta(days=1)
    if row.name == "materials_supplied":
        return
    db.session.commit()


def post_action(client, url, data):
    """GET the action form, keep its hidden version fields, POST ``data`` with them."""
    page = get_page(client, url)
    form = page.select("form")[-1]
    hidden = {i["name"]: i.get("value", "") for i in form.select('input[type="hidden"]') if i["name"] != "csrf_token"}
    return submit(client, url, {**hidden, **data})


def _act(client, request, row, answers, check_page=True):
    """Fill the action's form with the answers it asks for, and save. ``check_page=False`` skips the
    (slow, strict) page checks, for sweeps over pages whose kind is checked elsewhere."""
    url = f"/office/requests/{request.id}/actions/{row.name}"
    if check_page:
        page = get_page(client, url)
    else:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    form = page.select("form")[-1]
    data = {c["name"]: c.get("value", "") for c in form.select('input[type="hidden"]')}
    names = {c.get("name") for c in form.select("input, select, textarea")}
    data.update({k: v for k, v in answers.items() if k in names})
    return client.post(url, data=data)


def _representatives():
    seen = {}
    for type_, row in console_rows():
        key = (row.name, str(row.source))
        if row.name not in {k[0] for k in seen} or type_ == "dibao" and key not in seen:
            seen.setdefault(key, (type_, row))
    names = {}
    for (name, _source), value in seen.items():
        names.setdefault(name, value)
    return [pytest.param(t, r, id=f"{r.name}-{t}-{r.source}") for t, r in names.values()]


@pytest.mark.parametrize("type_, row", _representatives())
def test_each_console_action_moves_the_request_and_records_the_event(client, type_, row):
    role = _actor_role(row)
    staff = create_account(role)
    resident = create_account("resident")
    application = create_application(resident, types=(type_,))
    request = application.requests[0]
    _put_in_state(request, row)
    if row.name == "materials_supplied":
        from portal.tracking.transitions import perform

        request.status = "SUBMITTED"
        perform(request, "request_materials", create_account("caseworker"), {"missing_items": ["户口簿"]})
        db.session.commit()
    sign_in(client, staff)
    response = _act(client, request, row, valid_answers(type_))
    assert response.status_code == 302, errors_of(page_of(response, response.status_code))
    # The next thing to do: this request while it waits for the same person,
    # else the queue (this test has no other case); tests/client/test_office_landing.py has the rest.
    assert response.headers["Location"].endswith((f"/office/cases/{application.reference}#request-{request.id}",
                                                  "/office"))
    db.session.refresh(request)
    assert request.status == str(row.target)
    event = db.session.scalars(db.select(Event).where(Event.request_id == request.id).order_by(Event.id.desc())).first()
    assert (event.action, event.actor_account_id, event.actor_role) == (row.name, staff.id, role)
    if row.name in ("materials_supplied", "withdraw", "object", "report_change", "choose_support_form"):
        assert event.on_behalf_of_account_id == resident.id


def test_every_staff_row_of_every_type_works_through_the_form(client):
    """The whole table in one database: every form renders, accepts valid answers, and moves the request."""
    staff = {"caseworker": create_account("caseworker"), "reviewer": create_account("reviewer")}
    clients = {}
    for role, account in staff.items():
        clients[role] = client.application.test_client()
        sign_in(clients[role], account)
    count, seen = 0, set()
    for type_, row in console_rows():
        if row.name == "materials_supplied":
            continue  # needs an earlier request for materials; covered above
        # Rows that differ only in their source state (withdraw, terminate, a 45-day reason from
        # each pre-decision state) take the same form: one of each is enough here.
        if (type_, row.name, row.target) in seen:
            continue
        seen.add((type_, row.name, row.target))
        application = create_application(types=(type_,))
        request = application.requests[0]
        _put_in_state(request, row)
        response = _act(clients[_actor_role(row)], request, row, valid_answers(type_), check_page=False)
        assert response.status_code == 302, (type_, row.name, str(row.source),
                                              errors_of(page_of(response, response.status_code)))
        db.session.refresh(request)
        assert request.status == str(row.target), (type_, row.name)
        count += 1
    assert count > 150


def test_decisions_record_amount_month_and_written_reasons(client):
    reviewer = create_account("reviewer")
    approved = create_application(types=("dibao",)).requests[0]
    refused = create_application(types=("dibao",)).requests[0]
    for request in (approved, refused):
        request.status, request.entered_on = "COUNTY_REVIEW", _today()
    db.session.commit()
    sign_in(client, reviewer)
    # Full-width digits and a comma, as typed on a Chinese keyboard; irregular income: half-yearly review.
    answers = valid_answers("dibao") | {"amount": "１，３００.5", "income_irregular": "yes"}
    row = WORKFLOWS[workflow.AssistanceType.DIBAO].index[(workflow.State.COUNTY_REVIEW, "approve")]
    assert _act(client, approved, row, answers).status_code == 302
    db.session.refresh(approved)
    assert str(approved.amount) == "1300.50" and approved.start_month == answers["start_month"]
    caseworker = client.application.test_client()
    sign_in(caseworker, create_account("caseworker"))
    row = WORKFLOWS[workflow.AssistanceType.DIBAO].index[(workflow.State.APPROVED, "start_payment")]
    assert _act(caseworker, approved, row, {}).status_code == 302
    db.session.refresh(approved)
    assert approved.status == "IN_PAYMENT" and approved.review_due_on == add_months(_today(), 6)
    row = WORKFLOWS[workflow.AssistanceType.DIBAO].index[(workflow.State.COUNTY_REVIEW, "reject")]
    assert _act(client, refused, row, {"reason": "家庭人均收入高于低保标准"}).status_code == 302
    db.session.refresh(refused)
    assert refused.status == "REJECTED" and refused.decision_reasons == "家庭人均收入高于低保标准"


def test_problems_are_shown_next_to_every_field_at_once_and_typing_is_kept(client):
    reviewer = create_account("reviewer")
    request = create_application(types=("dibao",)).requests[0]
    request.status = "COUNTY_REVIEW"
    db.session.commit()
    sign_in(client, reviewer)
    client.get("/language/en")
    url = f"/office/requests/{request.id}/actions/approve"
    response = post_action(client, url, {"amount": "-5", "start_month": "2020-01", "income_irregular": ""})
    page = page_of(response)
    messages = errors_of(page)
    assert "Enter an amount in yuan greater than 0, with at most 2 decimals, like 1300.50" in messages
    assert any(m.startswith("Payment starts the month after the decision: enter ") for m in messages)
    assert "Say whether the household's income is irregular" in messages
    assert page.title.get_text().startswith("Error:")
    assert page.find("input", attrs={"name": "amount"})["value"] == "-5"
    # This factory household lacks facts, so the approval guard is among them.
    assert [a["href"] for a in page.select(".error-summary a")] == ["#amount", "#start_month", "#income_irregular",
                                                                    "#override"]
    db.session.refresh(request)
    assert request.status == "COUNTY_REVIEW"


@pytest.mark.parametrize("locale, expected", [
    ("en", "Name at least two different staff members, one per line"),
    ("zh_Hans", "请至少填写两名不同的工作人员，每行一名"),
    ("zh_Hant", "請至少填寫兩名不同的工作人員，每行一名"),
])
def test_workflow_refusals_are_messages_in_three_languages(client, locale, expected):
    caseworker = create_account("caseworker")
    request = create_application(types=("dibao",)).requests[0]
    request.status = "HOME_VISIT"
    db.session.commit()
    sign_in(client, caseworker)
    client.get(f"/language/{locale}")
    url = f"/office/requests/{request.id}/actions/record_home_visit"
    record = {k: v for k, v in valid_answers("dibao").items() if k == "visit_date" or k.startswith("finding_")}
    page = page_of(post_action(client, url, {**record, "acknowledgement": "absent",
                                             "staff_names": "陈经办\n 陈经办 ", "visit_mode": "in_person"}))
    assert errors_of(page) == [expected]
    assert page.find("textarea", attrs={"name": "staff_names"}).get_text() == "陈经办\n 陈经办 "


def test_street_limit_and_running_notice_are_refused_with_a_message(client):
    caseworker = create_account("caseworker")
    emergency = create_application(types=("temp_emergency",)).requests[0]
    sign_in(client, caseworker)
    client.get("/language/en")
    page = page_of(post_action(client, f"/office/requests/{emergency.id}/actions/grant_fast_aid",
                          {"aid_form": "cash", "amount": "999999"}))
    assert errors_of(page) == ["This amount is above what the street office may approve. A district reviewer must decide it."]
    notice = create_application(types=("dibao",)).requests[0]
    notice.status, notice.entered_on = "PUBLICITY", _today()
    db.session.commit()
    response = client.get(f"/office/requests/{notice.id}/actions/close_notice_no_objection")
    assert response.status_code == 409 and "not possible" in response.get_data(as_text=True)


@pytest.mark.parametrize("payload", [
    {"missing_items": "a\x00b"}, {"missing_items": "x" * 5000}, {"missing_items": "\n".join(["x"] * 100)},
])
def test_malformed_input_gets_a_message_not_an_error(client, payload):
    caseworker = create_account("caseworker")
    request = create_application().requests[0]
    sign_in(client, caseworker)
    response = post_action(client, f"/office/requests/{request.id}/actions/request_materials", payload)
    assert response.status_code == 200 and errors_of(page_of(response))


def test_transfer_only_to_an_existing_other_office(client):
    caseworker = create_account("caseworker")
    request = create_application().requests[0]
    sign_in(client, caseworker)
    client.get("/language/en")
    url = f"/office/requests/{request.id}/actions/transfer"
    for office in ("99999999", request.office_code):
        page = page_of(post_action(client, url, {"to_office": office, "reason": "户籍不在本街道"}))
        assert errors_of(page) == ["Choose another street office from the list"]
    db.session.refresh(request)
    assert request.status == "SUBMITTED" and request.office_code != OTHER_OFFICE
