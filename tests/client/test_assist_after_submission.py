"""Issue 16 for a resident with no smartphone: a helper (community assistant, office window) withdraws
a request, reports a change or answers a periodic review under the resident's mandate, when the
mandate allows it; the same pages and services as the resident's, recorded as done by the helper for
the resident (actor, on whose behalf, mandate number); the review SMS to the helper links to them."""
from __future__ import annotations

import copy
from datetime import timedelta

import pytest

from portal.clock import today
from portal.domain import changes as rules
from portal.extensions import db
from portal.models import Event
from portal.models.assist import Mandate
from portal.models.message import Message
from portal.models.types import utcnow
from portal.status.reviews import send_invitations
from tests.client.test_changes import ANSWERS, OFFICE
from tests.factories import create_account, create_application, sign_in
from tests.helpers.pages import csrf_token, errors_of, get_page, page_of

ALL = "file,upload,submit,notices,withdraw,change,review"
WORDS = {
    "zh_Hans": {"withdraw": "代其撤回申请事项", "change": "代其报告变化", "review": "代其答复定期复核",
                "acting": "您正在代", "back": "返回该居民的页面", "why": "请说明撤回的原因"},
    "zh_Hant": {"withdraw": "代其撤回申請事項", "change": "代其報告變化", "review": "代其答覆定期覆核",
                "acting": "您正在代", "back": "返回該居民的頁面", "why": "請說明撤回的原因"},
    "en": {"withdraw": "Withdraw a request for them", "change": "Report a change for them",
           "review": "Answer the periodic review for them", "acting": "You are acting for",
           "back": "Back to the resident's page", "why": "Say why you want to withdraw it"},
}


def _setup(app, allows=ALL, language="en", role="assistant", status="IN_PAYMENT", review_in_days=None,
           types=("dibao",)):
    resident = create_account("resident", phone=None)
    helper = create_account(role, phone="13800138055", **({"office_code": OFFICE} if role == "caseworker" else {}))
    mandate = Mandate(assistant_id=helper.id, resident_account_id=resident.id, resident_name="赵大爷",
                      method="mandate_photo", allows=allows, granted_at=utcnow() - timedelta(days=1))
    db.session.add(mandate)
    application = create_application(resident, types=types, request_status=status, office_code=OFFICE,
                                     answers=copy.deepcopy(ANSWERS))
    if review_in_days is not None:
        application.requests[0].review_due_on = today() + timedelta(days=review_in_days)
    db.session.commit()
    client = app.test_client()
    sign_in(client, helper)
    client.get(f"/language/{language}")
    return client, helper, resident, mandate, application


def _base(mandate, application):
    return f"/assist/residents/{mandate.id}/applications/{application.reference}"


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant", "en"])
def test_an_assistant_withdraws_for_the_resident(app, language):
    words = WORDS[language]
    client, helper, resident, mandate, application = _setup(app, language=language, status="SUBMITTED")
    page = get_page(client, f"/assist/residents/{mandate.id}")
    url = f"{_base(mandate, application)}/withdraw"
    link = page.find("a", href=url)
    assert link is not None and words["withdraw"] in link.get_text()
    form = get_page(client, url)
    assert words["acting"] in form.get_text() and f"M{mandate.id:06d}" in form.get_text()
    assert form.find("a", href=f"/assist/residents/{mandate.id}").get_text() == words["back"]
    token = csrf_token(form)
    refused = page_of(client.post(url, data={"csrf_token": token, "what": str(application.requests[0].id)}), 200)
    assert errors_of(refused) == [words["why"]]
    confirm = page_of(client.post(url, data={"csrf_token": token, "what": str(application.requests[0].id),
                                             "reason": "老人已由子女赡养"}), 200)
    assert confirm.find("form", action=url) is not None
    done = client.post(url, data={"csrf_token": token, "what": str(application.requests[0].id),
                                  "reason": "老人已由子女赡养", "confirm": "yes"})
    assert done.status_code == 302 and done.headers["Location"].endswith(f"{_base(mandate, application)}/withdrawn")
    event = db.session.scalars(db.select(Event).where(Event.action == "withdraw")).one()
    assert event.actor_account_id == helper.id and event.actor_role == "assistant"
    assert event.on_behalf_of_account_id == resident.id and event.to_state == "WITHDRAWN"
    done_page = get_page(client, done.headers["Location"])
    assert done_page.find("a", href=f"/assist/residents/{mandate.id}") is not None
    # Their mandate lets them receive the office's notices for the resident: the notice to print.
    notice = done_page.find("a", href=lambda h: h and "/notices/" in h)
    assert notice is not None and client.get(notice["href"]).data[:5] == b"%PDF-"
    # The resident sees on /my/helpers that it was done for them.
    own = app.test_client()
    sign_in(own, resident)
    own.get(f"/language/{language}")
    assert helper.display_name in get_page(own, "/my/helpers").get_text()


def test_the_office_window_withdraws_for_a_walk_in_resident(app):
    client, helper, resident, mandate, application = _setup(app, role="caseworker", status="SUBMITTED")
    url = f"{_base(mandate, application)}/withdraw"
    token = csrf_token(get_page(client, url))
    done = client.post(url, data={"csrf_token": token, "what": str(application.requests[0].id),
                                  "reason": "本人到窗口申请撤回", "confirm": "yes"})
    assert done.status_code == 302
    event = db.session.scalars(db.select(Event).where(Event.action == "withdraw")).one()
    assert (event.actor_role, event.on_behalf_of_account_id) == ("caseworker", resident.id)


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant", "en"])
def test_an_assistant_reports_a_change_for_the_resident(app, language):
    words = WORDS[language]
    client, helper, resident, mandate, application = _setup(app, language=language)
    page = get_page(client, f"/assist/residents/{mandate.id}")
    topics_url = f"{_base(mandate, application)}/change"
    assert words["change"] in page.find("a", href=topics_url).get_text()
    topics = get_page(client, topics_url)
    url = f"{topics_url}/savings"
    assert topics.find("a", href=url) is not None
    form = get_page(client, url)
    assert form.find("input", attrs={"name": "deposits"})["value"] == "1000"
    same = {"csrf_token": csrf_token(form), "deposits": "1000", "securities": "0", "insurance_cash_value": "0",
            "receivables": "0"}
    check = page_of(client.post(url, data={**same, "deposits": "9000"}), 200)
    assert check.find("form", action=url) is not None and words["acting"] in check.get_text()
    sent = client.post(url, data={**same, "deposits": "9000", "confirm": "1", "note": "女儿寄来生活费"})
    assert sent.status_code == 302 and sent.headers["Location"].endswith(f"/assist/residents/{mandate.id}")
    event = db.session.scalars(db.select(Event).where(Event.action == rules.REPORT)).one()
    assert event.actor_account_id == helper.id and event.on_behalf_of_account_id == resident.id
    assert event.data["mandate"] == f"M{mandate.id:06d}" and event.data["changed"] == ["deposits"]


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant", "en"])
def test_an_assistant_answers_the_review_from_the_text_message(app, language):
    words = WORDS[language]
    client, helper, resident, mandate, application = _setup(app, language=language, review_in_days=5)
    assert send_invitations(today()) == 1
    message = db.session.scalars(db.select(Message).where(Message.kind == "review_invitation")).one()
    url = f"{_base(mandate, application)}/review"
    assert message.to_phone == "13800138055" and url in message.body
    assert f"/my/applications/{application.reference}" not in message.body
    assert words["review"] in get_page(client, f"/assist/residents/{mandate.id}").find("a", href=url).get_text()
    page = get_page(client, url)
    assert page.find("a", href=f"{_base(mandate, application)}/change/savings") is not None
    assert client.post(url, data={"csrf_token": csrf_token(page)}).status_code == 302
    event = db.session.scalars(db.select(Event).where(Event.action == rules.CONFIRM)).one()
    assert event.actor_account_id == helper.id and event.on_behalf_of_account_id == resident.id
    assert event.data["mandate"] == f"M{mandate.id:06d}"


def test_a_review_sms_under_a_mandate_without_review_links_to_the_helpers_resident_page(app):
    _client, _helper, _resident, mandate, application = _setup(app, allows="file,notices", review_in_days=5)
    assert send_invitations(today()) == 1
    message = db.session.scalars(db.select(Message).where(Message.kind == "review_invitation")).one()
    assert f"/assist/residents/{mandate.id}" in message.body and "/review" not in message.body


def test_what_the_mandate_does_not_allow_is_refused(app):
    client, helper, resident, mandate, application = _setup(app, allows="file,upload,submit,notices",
                                                            status="SUBMITTED", review_in_days=5)
    base = _base(mandate, application)
    page = get_page(client, f"/assist/residents/{mandate.id}")
    assert page.find("a", href=f"{base}/withdraw") is None and page.find("a", href=f"{base}/change") is None
    for path in ("withdraw", "withdrawn", "change", "change/savings", "review"):
        assert client.get(f"{base}/{path}").status_code == 403, path
    assert client.post(f"{base}/withdraw", data={"what": "all", "reason": "x", "confirm": "yes"}).status_code in (400, 403)
    assert db.session.scalars(db.select(Event).where(Event.action == "withdraw")).first() is None


def test_other_helpers_residents_and_a_withdrawn_mandate_are_refused(app):
    client, helper, resident, mandate, application = _setup(app, status="SUBMITTED")
    base = _base(mandate, application)
    other = app.test_client()
    sign_in(other, create_account("assistant"))
    assert other.get(f"{base}/withdraw").status_code == 403  # not their mandate
    stranger = create_application(create_account("resident"), office_code=OFFICE)
    assert client.get(f"/assist/residents/{mandate.id}/applications/{stranger.reference}/withdraw").status_code == 404
    resident_client = app.test_client()
    sign_in(resident_client, resident)
    assert resident_client.get(f"{base}/withdraw").status_code == 403  # the resident uses their own pages
    mandate.withdrawn_at = utcnow()
    db.session.commit()
    assert client.get(f"{base}/withdraw").status_code == 403


def test_the_printed_mandate_ticks_the_new_permissions_on_one_page(app):
    from tests.client.assist_helpers import assistant_client, begin
    from tests.client.test_receipts_pdf import page_count, pdf_text

    client, _ = assistant_client(app)
    client.get("/language/zh_Hans")
    find = get_page(client, "/assist/find")
    assert {i["value"] for i in find.select("input[name=allows]")} >= {"withdraw", "change", "review"}
    mandate = begin(client, name="赵大爷", id_number="11010519491231002X", allows=("submit", "withdraw", "review"))
    assert mandate.allows == "file,submit,withdraw,review"
    pdf = client.get(f"/assist/consent/{mandate.id}/mandate.pdf").data
    assert page_count(pdf) == 1
    text = "".join(pdf_text(pdf).split())
    assert "X代居民撤回申请事项或整份申请" in text and "X代居民答复定期复核" in text
    assert "X代居民报告家庭人口" not in text and "代居民报告家庭人口、收入、财产或住址的变化" in text


def test_a_helper_without_the_notices_permission_gets_no_notice(app):
    client, helper, resident, mandate, application = _setup(app, allows="file,withdraw", status="SUBMITTED")
    url = f"{_base(mandate, application)}/withdraw"
    token = csrf_token(get_page(client, url))
    done = client.post(url, data={"csrf_token": token, "what": str(application.requests[0].id),
                                  "reason": "不再需要", "confirm": "yes"})
    page = get_page(client, done.headers["Location"])
    assert page.find("a", href=lambda h: h and "/notices/" in h) is None
    from portal.models.issued import IssuedDocument

    notice = db.session.scalars(db.select(IssuedDocument).where(IssuedDocument.kind == "withdrawal_notice")).one()
    assert client.get(f"/applications/{application.reference}/notices/{notice.id}.pdf").status_code == 404


@pytest.mark.parametrize("language, by", [("zh_Hans", "代为办理"), ("zh_Hant", "代為辦理"), ("en", "Done for you by")])
def test_the_residents_timeline_names_the_helper_who_reported_the_change(app, language, by):
    client, helper, resident, mandate, application = _setup(app, language=language)
    url = f"{_base(mandate, application)}/change/savings"
    form = get_page(client, url)
    same = {"csrf_token": csrf_token(form), "deposits": "9000", "securities": "0", "insurance_cash_value": "0",
            "receivables": "0", "confirm": "1"}
    assert client.post(url, data=same).status_code == 302
    own = app.test_client()
    sign_in(own, resident)
    own.get(f"/language/{language}")
    page = get_page(own, f"/my/applications/{application.reference}")
    entries = [li.get_text(" ", strip=True) for li in page.select("li") if by in li.get_text()]
    assert entries and helper.display_name in entries[0]
