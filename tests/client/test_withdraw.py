"""Issue 16 part 3: the resident withdraws a request or the whole application before its decision,
with a reason and a confirmation step; only through the workflow's ``withdraw`` transition, with
its event in the same transaction; the office sees it; a withdrawal notice PDF; three languages."""
from __future__ import annotations

import pytest

from portal.extensions import db
from portal.models import AssistanceRequest, Event
from portal.models.issued import IssuedDocument
from tests.client.test_receipts_pdf import pdf_text
from tests.factories import create_account, create_application, sign_in
from tests.helpers.pages import csrf_token, errors_of, get_page, page_of

OFFICE = "44030506"

WORDS = {
    "zh_Hans": {"link": "撤回申请事项或整份申请", "what": "请选择要撤回的内容", "why": "请说明撤回的原因",
                "sure": "确定要撤回吗？", "done": "已撤回", "notice": "撤回申请告知书"},
    "zh_Hant": {"link": "撤回申請事項或整份申請", "what": "請選擇要撤回的內容", "why": "請說明撤回的原因",
                "sure": "確定要撤回嗎？", "done": "已撤回", "notice": "撤回申請告知書"},
    "en": {"link": "Withdraw a request or the whole application", "what": "Choose what you want to withdraw",
           "why": "Say why you want to withdraw it", "sure": "Are you sure you want to withdraw?",
           "done": "Withdrawn", "notice": "Notice of withdrawal"},
}


def _resident_with(client, language="zh_Hans", **kw):
    resident = create_account("resident")
    application = create_application(resident, types=("dibao", "medical"), office_code=OFFICE, **kw)
    sign_in(client, resident)
    client.get(f"/language/{language}")
    return resident, application


def _post(client, url, **data):
    soup = get_page(client, url)
    return client.post(url, data={"csrf_token": csrf_token(soup), **data})


@pytest.mark.parametrize("language", ["zh_Hans", "zh_Hant", "en"])
def test_the_whole_application_is_withdrawn_with_a_reason_after_confirming(client, app, language):
    resident, application = _resident_with(client, language)
    words = WORDS[language]
    reference = application.reference
    status = get_page(client, f"/my/applications/{reference}")
    assert status.find("a", string=words["link"])["href"] == f"/my/applications/{reference}/withdraw"
    url = f"/my/applications/{reference}/withdraw"

    refused = page_of(_post(client, url), 200)
    assert errors_of(refused) == [words["what"], words["why"]]

    confirm = page_of(_post(client, url, what="all", reason="家里收入增加了\n不再需要"), 200)
    assert confirm.find("h1").get_text() == words["sure"]
    assert len(confirm.select("dd li")) == 2
    assert db.session.scalar(db.select(db.func.count(Event.id)).where(Event.action == "withdraw")) == 0
    changed = page_of(_post(client, url, what="all", reason="家里收入增加了", confirm="change"), 200)
    assert changed.find("textarea", attrs={"name": "reason"}).get_text() == "家里收入增加了"
    assert changed.find("input", attrs={"name": "what", "value": "all"}).has_attr("checked")

    done = _post(client, url, what="all", reason="家里收入增加了", confirm="yes")
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/my/applications/{reference}/withdrawn")
    requests = db.session.scalars(db.select(AssistanceRequest).where(
        AssistanceRequest.application_id == application.id)).all()
    assert {r.status for r in requests} == {"WITHDRAWN"}
    events = db.session.scalars(db.select(Event).where(Event.action == "withdraw")).all()
    assert len(events) == 2 and all(e.reason == "家里收入增加了" and e.actor_account_id == resident.id
                                    and e.from_state == "SUBMITTED" for e in events)

    page = get_page(client, f"/my/applications/{reference}/withdrawn")
    assert page.find("h1").get_text() == words["done"]
    links = [a["href"] for a in page.select("main li a")]
    assert len(links) == 2
    notice = pdf_text(client.get(links[0]).data).replace("\n", "")
    assert "撤回申请告知书" in notice and "家里收入增加了" in notice  # in the application's language
    kinds = db.session.scalars(db.select(IssuedDocument.kind).where(IssuedDocument.application_id == application.id))
    assert sorted(kinds) == ["withdrawal_notice", "withdrawal_notice"]
    # Nothing left to withdraw: the link goes, and the page sends the resident back.
    assert get_page(client, f"/my/applications/{reference}").find("a", string=words["link"]) is None
    assert client.get(url).status_code == 302

    office = app.test_client()
    sign_in(office, create_account("caseworker", office_code=OFFICE))
    office.get(f"/language/{language}")
    case = get_page(office, f"/office/cases/{reference}").get_text()
    assert "家里收入增加了" in case  # the office is told why, on the case page's timeline


def test_one_request_is_withdrawn_and_the_other_goes_on(client):
    resident, application = _resident_with(client)
    dibao, medical = sorted(application.requests, key=lambda r: r.type)
    url = f"/my/applications/{application.reference}/withdraw?request={medical.id}"
    form = get_page(client, url)
    assert form.find("input", attrs={"name": "what", "value": str(medical.id)}).has_attr("checked")
    response = _post(client, url, what=str(medical.id), reason="已在医保报销", confirm="yes")
    assert response.status_code == 302
    db.session.expire_all()
    assert (db.session.get(AssistanceRequest, dibao.id).status,
            db.session.get(AssistanceRequest, medical.id).status) == ("SUBMITTED", "WITHDRAWN")
    page = get_page(client, f"/my/applications/{application.reference}/withdrawn")
    assert "您的其他申请事项照常办理。" in page.get_text()
    again = page_of(_post(client, f"/my/applications/{application.reference}/withdraw", what=str(medical.id),
                          reason="再撤一次", confirm="yes"), 200)
    assert errors_of(again) == ["请选择要撤回的内容"]  # no longer offered


def test_a_decided_request_cannot_be_withdrawn(client):
    resident, application = _resident_with(client, request_status="APPROVED")
    response = client.get(f"/my/applications/{application.reference}/withdraw")
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"/my/applications/{application.reference}")
    assert get_page(client, f"/my/applications/{application.reference}").find(
        "a", string=WORDS["zh_Hans"]["link"]) is None


def test_a_reason_too_long_is_refused_next_to_the_field_and_kept(client):
    resident, application = _resident_with(client)
    reason = "因" * 501
    page = page_of(_post(client, f"/my/applications/{application.reference}/withdraw", what="all", reason=reason,
                         confirm="yes"), 200)
    assert errors_of(page) == ["请用不超过 500 个字说明原因"]
    assert page.find("textarea", attrs={"name": "reason"}).get_text() == reason
    assert db.session.scalar(db.select(db.func.count(Event.id)).where(Event.action == "withdraw")) == 0


def test_nobody_else_can_withdraw(client, app):
    resident, application = _resident_with(client)
    other = app.test_client()
    sign_in(other, create_account("resident"))
    assert other.get(f"/my/applications/{application.reference}/withdraw").status_code == 404
    assert other.get(f"/my/applications/{application.reference}/withdrawn").status_code == 404
