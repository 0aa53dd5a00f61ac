"""Demo cases: every state for a lived-in console, made through the real workflow, idempotent."""
from __future__ import annotations

from portal.extensions import db
from portal.models import Account, Application, AssistanceRequest, Event, Message
from portal.reference.demo import ensure_demo_accounts
from portal.reference.demo_cases import CASES, PATHS, load_demo_cases, path_days
from tests.factories import sign_in
from tests.helpers.pages import get_page


def test_each_case_is_older_than_its_path():
    for case in CASES:
        for _type, path in case.requests:
            assert case.days_ago > path_days(path), (case.key, path)
    assert {path for case in CASES for _type, path in case.requests} >= set(PATHS) - {"materials_supplied"}


def test_demo_cases_cover_the_states_once_and_read_well(client):
    ensure_demo_accounts()
    assert load_demo_cases() == len(CASES)
    assert load_demo_cases() == 0  # idempotent
    assert db.session.scalar(db.select(db.func.count(Application.id))) == len(CASES)
    states = set(db.session.scalars(db.select(AssistanceRequest.status)))
    assert states >= {"SUBMITTED", "NEEDS_MATERIALS", "NOT_ACCEPTED", "WITHDRAWN", "ACCEPTED", "INVESTIGATING",
                      "DATA_CHECK", "HOME_VISIT", "PRELIM_OPINION", "PUBLICITY", "DISPUTED", "COUNTY_REVIEW",
                      "APPROVED", "IN_PAYMENT", "UNDER_REVIEW", "REJECTED", "TRANSFERRED", "FAST_AID_GRANTED",
                      "BACKFILL", "CLOSED", "FORWARDED", "DECIDED_ELSEWHERE"}
    assert db.session.scalar(db.select(db.func.count(Message.id)).where(Message.channel == "sms")) == 0
    # Events are dated in the past, in order, by the people who would have acted.
    events = db.session.scalars(db.select(Event).order_by(Event.id)).all()
    assert len(events) > 100 and all(e.actor_role for e in events)
    demo_resident = db.session.scalar(db.select(Account).where(Account.phone == "13800138000"))
    mine = db.session.scalars(db.select(Application).where(Application.account_id == demo_resident.id)).one()
    assert len(mine.requests) == 3
    sign_in(client, demo_resident)
    client.get("/language/en")
    page = get_page(client, f"/my/applications/{mine.reference}")
    assert "Public notice running" in page.get_text()
    assert get_page(client, "/my/messages").select("li.message")
    staff = client.application.test_client()
    sign_in(staff, db.session.scalar(db.select(Account).where(Account.username == "caseworker")))
    queue = get_page(staff, "/office")
    assert len(queue.select("tbody tr")) >= 8
    get_page(staff, "/office/sent")
    get_page(staff, "/notices/44030506")
