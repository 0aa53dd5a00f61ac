"""The office console: who sees what, the queue, the case page and reveals, conflicts, transfers."""
from __future__ import annotations

from datetime import timedelta

import pytest

from portal.extensions import db
from portal.models import Account, Application, Event, Message
from portal.models.tracking import Transfer
from portal.tracking.transitions import perform
from tests.client.test_office_actions import _today, post_action
from tests.factories import OTHER_OFFICE, create_account, create_application, sign_in
from tests.helpers.pages import csrf_token, get_page, page_of, submit


def _client_for(client, account):
    other = client.application.test_client()
    sign_in(other, account)
    return other


# --- permissions ------------------------------------------------------------------------------

@pytest.mark.parametrize("role, kwargs", [
    ("resident", {}), ("assistant", {}), ("admin", {}),
    ("caseworker", {"office_code": OTHER_OFFICE}),
    ("reviewer", {"district_code": "440304"}),
])
def test_outsiders_get_403_on_every_console_page(client, role, kwargs):
    application = create_application(types=("dibao",))
    request = application.requests[0]
    sign_in(client, create_account(role, **kwargs))
    in_console = role in ("caseworker", "reviewer")
    assert client.get("/office").status_code == (200 if in_console else 403)
    assert client.get(f"/office/cases/{application.reference}").status_code == 403
    assert client.get(f"/office/requests/{request.id}/actions/accept").status_code == 403
    data = {"csrf_token": csrf_token(get_page(client, "/status")), "close_relative_of_staff": "no", "version": "1",
            "seen": "0"}
    assert client.post(f"/office/requests/{request.id}/actions/accept", data=data).status_code == 403
    assert client.post(f"/office/cases/{application.reference}/reveal", data=data).status_code == 403
    db.session.refresh(request)
    assert request.status == "SUBMITTED"
    assert db.session.scalar(db.select(db.func.count(Event.id))) == 0


def test_anonymous_staff_pages_go_to_sign_in(client):
    request = create_application().requests[0]
    for url in ("/office", "/office/sent", f"/office/requests/{request.id}/actions/accept"):
        response = client.get(url)
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_a_reviewer_sees_the_district_and_decides_but_a_caseworker_cannot_decide(client):
    request = create_application(types=("dibao",)).requests[0]
    request.status = "COUNTY_REVIEW"
    db.session.commit()
    sign_in(client, create_account("caseworker"))
    assert client.get(f"/office/requests/{request.id}/actions/approve").status_code == 403
    reviewer = _client_for(client, create_account("reviewer", district_code="440305"))
    assert reviewer.get(f"/office/requests/{request.id}/actions/approve").status_code == 200
    assert reviewer.get(f"/office/requests/{request.id}/actions/accept").status_code == 409  # not at this step


@pytest.mark.parametrize("url", [
    "/office/requests/99999999999999999999/actions/accept", "/office/requests/1/actions/no_such_action",
    "/office/requests/1/actions/%00", "/office/cases/..%2F..", "/office/cases/" + "Z" * 300, "/notices/%E4%BD%A0",
    "/notices/" + "9" * 100,
])
def test_malformed_addresses_are_404(client, url):
    create_application()
    sign_in(client, create_account("caseworker"))
    assert client.get(url).status_code == 404


# --- queue --------------------------------------------------------------------------------------

def test_queue_orders_urgent_emergencies_first_and_counts(client):
    today = _today()
    caseworker = create_account("caseworker")
    create_application(types=("dibao",), name="普通").requests[0]
    late = create_application(types=("dibao",), name="逾期").requests[0]
    late.due_on = today - timedelta(days=2)
    create_application(types=("temp_emergency",), urgent=True, name="急难").requests[0]
    create_application(types=("dibao",), urgent=True, name="加急").requests[0]
    this_week = create_application(types=("dibao",), name="本周").requests[0]
    this_week.due_on = today
    create_application(types=("dibao",), office_code=OTHER_OFFICE, name="别处")
    db.session.commit()
    sign_in(client, caseworker)
    client.get("/language/en")
    page = get_page(client, "/office")
    names = [td.get_text(strip=True) for td in page.select('td[data-label="Applicant"]')]
    assert names[:2] == ["急难", "加急"]
    assert names.index("逾期") < names.index("本周") < names.index("普通")
    assert "别处" not in names
    counts = {li.get_text(" ", strip=True).split(" ", 1)[1]: int(li.select_one(".counts__number").text)
              for li in page.select("ul.counts li")}
    assert counts == {"need your action": 5, "urgent": 2, "overdue": 1, "due this week": 1, "open in total": 5}
    assert [td.get_text(strip=True) for td in get_page(client, "/office?status=all&overdue=y")
            .select('td[data-label="Applicant"]')] == ["逾期"]
    assert [td.get_text(strip=True) for td in get_page(client, "/office?type=temp_emergency")
            .select('td[data-label="Applicant"]')] == ["急难"]
    assert len(get_page(client, "/office?urgent=y").select("tbody tr")) == 2


def test_queue_filters_by_status_and_paginates_without_errors(client):
    caseworker = create_account("caseworker")
    for i in range(25):
        create_application(types=("dibao",), name=f"申请人{i}")
    waiting = create_application(types=("dibao",), name="待补正").requests[0]
    perform(waiting, "request_materials", caseworker, {"missing_items": ["户口簿"]})
    db.session.commit()
    sign_in(client, caseworker)
    first = get_page(client, "/office")
    assert len(first.select("tbody tr")) == 20
    assert first.select_one('a[rel="next"]')["href"].endswith("page=2")
    second = get_page(client, "/office?page=2")
    assert len(second.select("tbody tr")) == 5  # the request waiting for the resident needs no action
    assert [td.get_text(strip=True) for td in get_page(client, "/office?status=NEEDS_MATERIALS")
            .select('td[data-label]')][1] == "待补正"
    for query in ("page=999999999999", "page=-1", "page=abc", "status=%00", "type=nonsense", "status=" + "x" * 999):
        get_page(client, f"/office?{query}")


def test_home_pages_link_to_the_queue_with_counts(client):
    create_application(types=("dibao",))
    sign_in(client, create_account("caseworker"))
    client.get("/language/en")
    page = get_page(client, "/home")
    link = page.find("a", href="/office")
    assert link is not None and "1" in page.get_text()
    reviewer = _client_for(client, create_account("reviewer"))
    reviewer.get("/language/en")
    assert get_page(reviewer, "/home").find("a", href="/office") is not None


# --- case page ------------------------------------------------------------------------------------

def test_case_page_masks_until_revealed_and_logs_each_reveal(client):
    application = create_application(types=("dibao", "medical"), id_number="440305199001011234")
    caseworker = create_account("caseworker")
    sign_in(client, caseworker)
    client.get("/language/en")
    url = f"/office/cases/{application.reference}"
    page = get_page(client, url)
    text = page.get_text(" ", strip=True)
    assert "440305199001011234" not in text and "440***********1234" in text
    actions = [a.get_text(strip=True) for a in page.select("#request-%d ul.actions a" % application.requests[0].id)]
    assert actions[:3] == ["Accept", "Ask for missing documents", "Do not accept"]
    page = page_of(submit(client, f"{url}/reveal", {}, form_url=url))
    assert "440305199001011234" in page.get_text()
    reveal = db.session.scalars(db.select(Event).where(Event.action == "reveal_personal_data")).one()
    assert (reveal.actor_account_id, reveal.visible_to_resident, reveal.request_id) == (caseworker.id, False, None)
    assert "id_number" in reveal.data["fields"]
    # The reveal is listed for staff, never for the resident, and sends nothing.
    page = get_page(client, url)
    assert "440305199001011234" not in page.get_text()
    assert "Personal details shown" in page.get_text()
    assert db.session.scalar(db.select(db.func.count(Message.id))) == 0


def test_case_page_lists_documents_and_requests_handled_elsewhere(client):
    application = create_application(types=("dibao", "temp_emergency"))
    emergency = application.requests[1]
    emergency.office_code, emergency.district_code = OTHER_OFFICE, OTHER_OFFICE[:6]
    db.session.commit()
    sign_in(client, create_account("caseworker"))
    client.get("/language/en")
    page = get_page(client, f"/office/cases/{application.reference}")
    assert len(page.select("section.request")) == 1
    assert "Emergency temporary aid" in page.get_text() and "Yuanling" in page.get_text()
    assert page.find(id=f"request-{emergency.id}") is None


# --- optimistic locking ---------------------------------------------------------------------------

def test_second_save_gets_a_conflict_page_showing_what_changed(client):
    request = create_application(types=("dibao",)).requests[0]
    first_staff, second_staff = create_account("caseworker", display_name="陈经办"), create_account("caseworker")
    sign_in(client, first_staff)
    second = _client_for(client, second_staff)
    second.get("/language/en")
    url = f"/office/requests/{request.id}/actions/request_materials"
    stale_form = get_page(second, url)  # the second person opens the form first...
    assert post_action(client, f"/office/requests/{request.id}/actions/accept",
                       {"close_relative_of_staff": "no"}).status_code == 302  # ...the first saves meanwhile
    hidden = {i["name"]: i["value"] for i in stale_form.select('form input[type="hidden"]')}
    response = second.post(url, data={**hidden, "missing_items": "户口簿首页"})
    assert response.status_code == 409
    page = page_of(response, 409)
    text = page.get_text(" ", strip=True)
    assert "Someone else changed this request" in text and "Accept" in text and "陈经办" in text
    assert "“Ask for missing documents” is no longer possible" in text
    db.session.refresh(request)
    assert request.status == "ACCEPTED"
    assert db.session.scalar(db.select(db.func.count(Event.id)).where(Event.action == "request_materials")) == 0


def test_conflict_page_offers_the_form_again_with_what_was_typed(client):
    request = create_application(types=("dibao",)).requests[0]
    sign_in(client, create_account("caseworker"))
    second = _client_for(client, create_account("caseworker"))
    url = f"/office/requests/{request.id}/actions/transfer"
    stale_form = get_page(second, url)
    # Meanwhile documents are asked for and supplied: the request is back where it was, at a new version.
    perform(request, "request_materials", create_account("caseworker"), {"missing_items": ["户口簿"]})
    perform(request, "materials_supplied", db.session.get(Account, request.application.account_id))
    db.session.commit()
    hidden = {i["name"]: i["value"] for i in stale_form.select('form input[type="hidden"]')}
    response = second.post(url, data={**hidden, "to_office": OTHER_OFFICE, "reason": "户籍在福田"})
    page = page_of(response, 409)
    form = page.select("form")[-1]
    assert form.find("textarea", attrs={"name": "reason"}).get_text() == "户籍在福田"
    assert form.find("option", selected=True)["value"] == OTHER_OFFICE
    assert int(form.find("input", attrs={"name": "version"})["value"]) == request.version
    # Saving again from the conflict page works.
    response = second.post(url, data={i["name"]: i.get("value", "") for i in form.select("input")}
                           | {"to_office": OTHER_OFFICE, "reason": "户籍在福田"})
    assert response.status_code == 302
    db.session.refresh(request)
    assert request.status == "TRANSFERRED"


# --- transfers ----------------------------------------------------------------------------------

def test_transfer_between_street_offices_is_visible_to_the_resident_and_both_offices(client):
    resident = create_account("resident")
    application = create_application(resident, types=("dibao",))
    request = application.requests[0]
    sender = create_account("caseworker", display_name="粤海经办")
    receiver_account = create_account("caseworker", office_code=OTHER_OFFICE)
    sign_in(client, sender)
    client.get("/language/en")
    response = post_action(client, f"/office/requests/{request.id}/actions/transfer",
                           {"to_office": OTHER_OFFICE, "reason": "申请人户籍在园岭街道"})
    assert response.status_code == 302
    db.session.refresh(request)
    assert (request.status, request.office_code, request.district_code) == ("TRANSFERRED", OTHER_OFFICE, "440304")
    # The sender can no longer open it, but keeps a read-only trace.
    assert client.get(f"/office/cases/{application.reference}").status_code == 403
    sent = get_page(client, "/office/sent").get_text(" ", strip=True)
    assert application.reference in sent and "Yuanling" in sent and "申请人户籍在园岭街道" in sent and "Not yet" in sent
    # The receiving office sees it in its queue and takes it in.
    receiver = _client_for(client, receiver_account)
    receiver.get("/language/en")
    queue = get_page(receiver, "/office").get_text(" ", strip=True)
    assert application.reference in queue and "Sent to another street office" in queue
    assert post_action(receiver, f"/office/requests/{request.id}/actions/receive_transfer", {}).status_code == 302
    db.session.refresh(request)
    assert request.status == "SUBMITTED"
    transfer = db.session.scalars(db.select(Transfer)).one()
    assert transfer.received_by_id == receiver_account.id and transfer.from_office_code == "44030506"
    assert "Not yet" not in get_page(client, "/office/sent").get_text()
    # The resident sees where it went and why; nothing lost or duplicated.
    resident_client = _client_for(client, resident)
    resident_client.get("/language/en")
    text = get_page(resident_client, f"/my/applications/{application.reference}").get_text(" ", strip=True)
    assert "Sent to another street office" in text and "Yuanling" in text and "申请人户籍在园岭街道" in text
    assert len(application.requests) == 1
    assert [e.action for e in request.events] == ["transfer", "receive_transfer"]


# --- public notice ------------------------------------------------------------------------------

def test_public_notice_shows_only_name_household_size_and_amount(client):
    answers = {"about": {"name": "李公示", "id_number": "440305199001011234", "phone": "13912345678",
                         "address": "南山区科技园1号"},
               "members": [{"ref": "m1", "relation": "self", "disability": {"grade": 1}},
                           {"ref": "m2", "relation": "spouse", "id_number": "440305199101011238"}]}
    noticed = create_application(types=("dibao",), name="李公示", answers=answers).requests[0]
    noticed.status, noticed.due_on = "PUBLICITY", _today() + timedelta(days=3)
    approved = create_application(types=("dibao",), name="王批准").requests[0]
    approved.status, approved.amount = "IN_PAYMENT", 1480
    hidden = create_application(types=("dibao",), name="赵调查").requests[0]
    hidden.status = "INVESTIGATING"
    db.session.commit()
    client.get("/language/en")
    page = get_page(client, "/notices/44030506")
    text = page.get_text(" ", strip=True)
    assert "李公示" in text and "王批准" in text and "1480" in text and "赵调查" not in text
    for secret in ("440305199001011234", "199001011234", "13912345678", "科技园1号", "disab"):
        assert secret not in text
    row = [td.get_text(strip=True) for td in page.select("table")[0].select("tbody td")]
    assert row[:3] == ["李公示", "2", "Minimum living allowance"]
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert client.get("/notices/44030401").status_code == 200


def test_case_page_shows_the_pre_check_explanation_or_why_not(client):
    from portal.reference.demo import ensure_demo_accounts
    from portal.reference.demo_cases import load_demo_cases

    ensure_demo_accounts()
    load_demo_cases()
    application = create_application(types=("dibao",), answers={})
    sign_in(client, db.session.scalar(db.select(Account).where(Account.username == "caseworker")))
    client.get("/language/en")
    page = get_page(client, f"/office/cases/{application.reference}")
    section = page.select_one("section.request").get_text(" ", strip=True)
    assert "Pre-check explanation" in section
    demo = db.session.scalars(db.select(Application).join(Account, Account.id == Application.account_id)
                              .where(Account.phone == "13900139000")).one()
    page = get_page(client, f"/office/cases/{demo.reference}")
    text = page.select_one("section.request").get_text(" ", strip=True)
    assert "Pre-check explanation" in text and ("not a decision" in text or "cannot assess" in text)


def test_needs_your_action_means_a_step_waits_for_this_role(client):
    today = _today()

    def request_in(status, name, **fields):
        request = create_application(types=("dibao",), name=name).requests[0]
        request.status = status
        for key, value in fields.items():
            setattr(request, key, value)
        return request

    request_in("INVESTIGATING", "调查中")
    request_in("COUNTY_REVIEW", "待审核")
    request_in("DATA_CHECK", "核对中")
    request_in("PUBLICITY", "公示未满", due_on=today + timedelta(days=3), entered_on=today - timedelta(days=4))
    request_in("PUBLICITY", "公示已满", due_on=today - timedelta(days=1), entered_on=today - timedelta(days=8))
    request_in("REJECTED", "已送达", flags=["refusal_notified"])
    request_in("REJECTED", "未送达")
    request_in("IN_PAYMENT", "保障中", review_due_on=today + timedelta(days=100))
    db.session.commit()

    def names(client_):
        return sorted(td.get_text(strip=True) for td in get_page(client_, "/office").select('td[data-label]')
                      if td["data-label"] in ("Applicant", "申请人"))

    sign_in(client, create_account("caseworker"))
    assert names(client) == sorted(["调查中", "公示已满", "未送达"])
    reviewer = _client_for(client, create_account("reviewer"))
    assert names(reviewer) == sorted(["待审核", "核对中"])


@pytest.mark.parametrize("path", [
    "/office/cases/SZ%00", "/my/applications/SZ%00", "/notices/4403%00", "/api/v1/applications/SZ%00/status",
    "/office/cases/%F0%9F%98%80", "/notices/%F0%9F%98%80",
])
def test_malformed_values_never_reach_the_database(any_app, path):
    client = any_app.test_client()
    create_application()
    for account in (create_account("caseworker"), create_account("resident")):
        sign_in(client, account)
        response = client.get(path, headers={"X-Verifier": "011234"})
        assert response.status_code in (403, 404)
