"""Issue 16 part 4: periodic review (动态管理). `flask apply remind-reviews` texts a link before the
review date; the resident confirms or updates household, income and assets, prefilled; the office
sees a review not answered by its day in the queue and on the case."""
from __future__ import annotations

import copy
from datetime import timedelta

import pytest

from portal.clock import today
from portal.domain import changes as rules
from portal.extensions import db
from portal.models import Event
from portal.models.message import Message
from portal.policy_figures import current_policy
from portal.status.reviews import send_invitations
from tests.client.test_changes import ANSWERS, OFFICE
from tests.factories import create_account, create_application, sign_in
from tests.helpers.pages import csrf_token, get_page

WORDS = {
    "zh_Hans": {"sms": "需要进行定期复核", "due": "您的救助需要进行定期复核。", "title": "救助定期复核",
                "confirmed": "您确认了情况没有变化", "overdue": "逾期未答复的复核"},
    "zh_Hant": {"sms": "需要進行定期覆核", "due": "您的救助需要進行定期覆核。", "title": "救助定期覆核",
                "confirmed": "您確認了情況沒有變化", "overdue": "逾期未答覆的覆核"},
    "en": {"sms": "it is time to review your application", "due": "It is time to review your help.",
           "title": "Review of your help", "confirmed": "You confirmed that nothing has changed",
           "overdue": "Reviews not answered in time"},
}


def _paid(resident, language="zh_Hans", review_in_days=10):
    application = create_application(resident, locale=language, request_status="IN_PAYMENT", office_code=OFFICE,
                                     answers=copy.deepcopy(ANSWERS))
    application.requests[0].review_due_on = today() + timedelta(days=review_in_days)
    db.session.commit()
    return application


def test_review_status_rule():
    on = today()
    later, earlier = (on + timedelta(days=1)).isoformat(), (on - timedelta(days=1)).isoformat()
    assert rules.review_status([], on) == (None, None)
    assert rules.review_status([(rules.INVITE, later)], on) == ("open", later)
    assert rules.review_status([(rules.INVITE, earlier)], on) == ("overdue", earlier)
    assert rules.review_status([(rules.INVITE, earlier), (rules.CONFIRM, None)], on)[0] == "answered"
    assert rules.review_status([(rules.INVITE, earlier), (rules.REPORT, None)], on)[0] == "answered"
    assert rules.review_status([(rules.CONFIRM, None), (rules.INVITE, later)], on)[0] == "open"


def test_only_reviews_within_the_policy_days_are_invited_once(app):
    days = int(current_policy().value(rules.INVITE_DAYS_KEY, today()))
    near = _paid(create_account("resident", phone="13800138001"), review_in_days=days)
    far = _paid(create_account("resident", phone="13800138002"), review_in_days=days + 1)
    assert send_invitations(today()) == 1
    assert send_invitations(today()) == 0  # once per review date
    messages = db.session.scalars(db.select(Message).where(Message.kind == "review_invitation")).all()
    assert [m.to_phone for m in messages] == ["13800138001"]
    assert f"/my/applications/{near.reference}/review" in messages[0].body
    assert "1000" not in messages[0].body and "张三" not in messages[0].body  # nothing personal on a lock screen
    assert not [e for e in far.requests[0].events if e.action == rules.INVITE]


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant", "en"])
def test_review_confirmed_from_the_sms_link(client, app, language):
    words = WORDS[language]
    resident = create_account("resident", phone="13800138003", locale=language)
    application = _paid(resident, language)
    assert send_invitations(today()) == 1
    body = db.session.scalars(db.select(Message.body).where(Message.kind == "review_invitation")).one()
    assert words["sms"] in body
    url = f"/my/applications/{application.reference}/review"
    sign_in(client, resident)
    client.get(f"/language/{language}")
    status = get_page(client, f"/my/applications/{application.reference}")
    assert words["due"] in status.select_one(".review-due").get_text()
    assert status.select_one(".review-due a")["href"] == url
    page = get_page(client, url)
    assert page.find("h1").get_text() == words["title"]
    assert "1000" in page.get_text()  # the last answers
    assert page.find("a", href=f"/my/applications/{application.reference}/change/savings") is not None
    assert client.post(url, data={"csrf_token": csrf_token(page)}).status_code == 302
    event = db.session.scalars(db.select(Event).where(Event.action == rules.CONFIRM)).one()
    assert event.actor_account_id == resident.id and event.to_state == "IN_PAYMENT"
    status = get_page(client, f"/my/applications/{application.reference}")
    assert status.select_one(".review-due") is None and words["confirmed"] in status.get_text()
    assert client.get(url).status_code == 302


def test_a_change_report_answers_the_review(client, app):
    resident = create_account("resident", phone="13800138004")
    application = _paid(resident)
    send_invitations(today())
    sign_in(client, resident)
    url = f"/my/applications/{application.reference}/change/savings"
    form = get_page(client, url)
    data = {"csrf_token": csrf_token(form), "deposits": "30000", "securities": "0", "insurance_cash_value": "0",
            "receivables": "0", "confirm": "1"}
    assert client.post(url, data=data).status_code == 302
    assert get_page(client, f"/my/applications/{application.reference}").select_one(".review-due") is None
    office = app.test_client()
    sign_in(office, create_account("caseworker", office_code=OFFICE))
    case = get_page(office, f"/office/cases/{application.reference}")
    assert "30000" in case.select_one(".change-report").get_text()  # beside the last answer
    assert "1000" in case.select_one(".change-report").get_text()


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant", "en"])
def test_no_answer_by_the_day_is_shown_to_the_office(client, app, language):
    resident = create_account("resident", phone="13800138005")
    application = _paid(resident)
    request = application.requests[0]
    late = today() - timedelta(days=1)
    db.session.add(Event(application_id=application.id, request_id=request.id, action=rules.INVITE,
                         actor_role="system", data={"answer_by": late.isoformat()}, visible_to_resident=False))
    db.session.commit()
    office = app.test_client()
    sign_in(office, create_account("caseworker", office_code=OFFICE))
    office.get(f"/language/{language}")
    listed = get_page(office, "/office").select_one(".reviews-overdue")
    assert listed is not None and WORDS[language]["overdue"] in listed.get_text()
    assert listed.find("a", string=application.reference) is not None
    assert get_page(office, f"/office/cases/{application.reference}").select_one(".review-state") is not None
    elsewhere = app.test_client()
    sign_in(elsewhere, create_account("caseworker", office_code="44030301"))
    assert get_page(elsewhere, "/office").select_one(".reviews-overdue") is None
    other = app.test_client()
    sign_in(other, create_account("resident"))
    assert other.get(f"/my/applications/{application.reference}/review").status_code == 404


def test_the_command_sends_the_invitations(app):
    _paid(create_account("resident", phone="13800138006"))
    result = app.test_cli_runner().invoke(args=["apply", "remind-reviews"])
    assert result.exit_code == 0 and "Review invitations sent: 1" in result.output
    assert "Review invitations sent: 0" in app.test_cli_runner().invoke(args=["apply", "remind-reviews"]).output


def test_a_helper_under_a_notices_mandate_is_texted_for_a_resident_without_a_mobile(app):
    from portal.models.assist import Mandate
    from portal.models.types import utcnow

    resident = create_account("resident", phone=None)
    helper = create_account("assistant", phone="13800138007")
    db.session.add(Mandate(assistant_id=helper.id, resident_account_id=resident.id, resident_name="张三",
                           method="in_person", allows="file,upload,notices",
                           granted_at=utcnow() - timedelta(days=1)))
    db.session.commit()
    _paid(resident)
    assert send_invitations(today()) == 1
    message = db.session.scalars(db.select(Message).where(Message.kind == "review_invitation")).one()
    assert message.to_phone == "13800138007" and message.account_id == helper.id
    assert "/assist" in message.body and "/review" not in message.body  # the resident's page is theirs alone
