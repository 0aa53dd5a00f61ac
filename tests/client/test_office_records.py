"""Structured records on the action form: the home visit with findings, the
acknowledgement and photos; the economic check per member and category; 民主评议; 初审意见 with
attachments. Each is written in the event of the action, shown on the case page, and the photos
open only for the staff of the case."""
from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from portal.apply.answers.household_map import answers_from_household
from portal.domain.workflow_fields import add_months
from portal.extensions import db
from portal.models import Account, Event
from portal.models.issued import IssuedDocument
from portal.models.record_file import RecordFile
from tests.client.test_office_actions import _month, _today
from tests.client.test_office_guard import HOUSEHOLD
from tests.factories import OTHER_OFFICE, create_account, create_application, sign_in
from tests.helpers import hostile_files as H
from tests.helpers.pages import check_html, errors_of, get_page, page_of
from tests.security.test_stored_files import TRACES


def _request_in(status: str, *, answers: dict | None = None):
    application = create_application(types=("dibao",), answers=answers or answers_from_household(HOUSEHOLD))
    request = application.requests[0]
    request.status = status
    request.entered_on = _today() - timedelta(days=10)
    request.accepted_on = _today() - timedelta(days=12)
    db.session.commit()
    return application, request


def _post(client, url, data, files=None):
    """GET the form, POST ``data`` (and files) with its hidden fields."""
    page = get_page(client, url)
    form = page.select("form")[-1]
    hidden = {i["name"]: i.get("value", "") for i in form.select('input[type="hidden"]')}
    payload = {**hidden, **data}
    if files:
        payload["files"] = [(io.BytesIO(content), name) for name, content in files]
    return page, client.post(url, data=payload, content_type="multipart/form-data" if files else None)


def _visit(**changes):
    data = {"staff_names": "陈经办\n李协理", "visit_mode": "in_person",
            "visit_date": (_today() - timedelta(days=1)).isoformat(), "finding_housing": "租住单间约15平方米",
            "finding_living": "家具简陋，无空调", "finding_members": "本人", "finding_income_assets": "未见车辆或经营迹象",
            "acknowledgement": "signed"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _events(request, action):
    return list(db.session.scalars(db.select(Event).where(Event.request_id == request.id, Event.action == action)))


def test_a_home_visit_is_recorded_with_findings_acknowledgement_and_photos_without_metadata(client, app):
    application, request = _request_in("HOME_VISIT")
    caseworker = create_account("caseworker")
    sign_in(client, caseworker)
    client.get("/language/en")
    url = f"/office/requests/{request.id}/actions/record_home_visit"
    page, response = _post(client, url, _visit(), files=[("IMG_0001.jpg", H.photo_with_gps())])
    assert page.find(id="visit_date") is not None and page.find("form", enctype="multipart/form-data") is not None
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    db.session.refresh(request)
    assert request.status == "INVESTIGATING"
    [event] = _events(request, "record_home_visit")
    assert event.data["home_visit"] == {
        "visit_date": (_today() - timedelta(days=1)).isoformat(), "finding_housing": "租住单间约15平方米",
        "finding_living": "家具简陋，无空调", "finding_members": "本人", "finding_income_assets": "未见车辆或经营迹象",
        "acknowledgement": "signed"}
    assert event.data["staff_names"] == ["陈经办", "李协理"] and event.data["files"] == 1
    [photo] = db.session.scalars(db.select(RecordFile)).all()
    assert photo.event_id == event.id and photo.kind == "visit_photo"
    stored = (Path(app.config["UPLOAD_DIR"]) / photo.stored_name).read_bytes()
    assert [t for t in TRACES if t in stored] == [] and Image.open(io.BytesIO(stored)).format == "JPEG"
    # The case page shows the record and a link to the photo.
    case = get_page(client, f"/office/cases/{application.reference}")
    text = case.get_text(" ", strip=True)
    assert "Housing: what was seen" in text and "租住单间约15平方米" in text
    assert "Signed by the family members present" in text
    link = case.find("a", string="Photo 1")
    assert link is not None and link["href"].endswith(f"/files/{photo.id}")
    # Opening it is recorded first, and the file comes as a sandboxed attachment.
    opened = client.get(link["href"])
    assert opened.status_code == 200 and opened.data == stored
    assert opened.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "attachment" in opened.headers["Content-Disposition"]
    assert [e.actor_account_id for e in db.session.scalars(
        db.select(Event).where(Event.action == "view_record_file"))] == [caseworker.id]
    # The resident's timeline shows the step, never the findings or the photo.
    resident = app.test_client()
    sign_in(resident, db.session.get(Account, application.account_id))
    mine = resident.get(f"/my/applications/{application.reference}").get_data(as_text=True)
    assert "租住单间" not in mine and f"/files/{photo.id}" not in mine


def test_photos_open_only_for_staff_of_the_case(client, app):
    application, request = _request_in("HOME_VISIT")
    sign_in(client, create_account("caseworker"))
    url = f"/office/requests/{request.id}/actions/record_home_visit"
    _page, response = _post(client, url, _visit(), files=[("a.jpg", H.photo_with_gps())])
    assert response.status_code == 302
    photo = db.session.scalars(db.select(RecordFile)).one()
    address = f"/office/cases/{application.reference}/files/{photo.id}"
    other_office = app.test_client()
    sign_in(other_office, create_account("caseworker", office_code=OTHER_OFFICE))
    assert other_office.get(address).status_code == 403
    resident = app.test_client()
    sign_in(resident, db.session.get(Account, application.account_id))
    assert resident.get(address).status_code == 403
    # The file of another application is not found through this one.
    other_application, _other = _request_in("HOME_VISIT")
    assert client.get(f"/office/cases/{other_application.reference}/files/{photo.id}").status_code == 404
    assert _events(request, "view_record_file") == [] and db.session.scalars(
        db.select(Event).where(Event.action == "view_record_file")).all() == []


def test_a_home_visit_with_problems_says_each_next_to_its_field_and_keeps_everything(client):
    _application, request = _request_in("HOME_VISIT")
    sign_in(client, create_account("caseworker"))
    client.get("/language/en")
    url = f"/office/requests/{request.id}/actions/record_home_visit"
    future = (_today() + timedelta(days=2)).isoformat()
    _page, response = _post(client, url, _visit(visit_date=future, finding_living="", acknowledgement=None),
                            files=[("a.jpg", H.photo_with_gps())])
    page = page_of(response)
    assert errors_of(page) == [
        "Enter the date of the visit as year-month-day, not in the future, like 2026-12-03",
        "Describe the living conditions", "Choose whether the family signed the record"]
    assert page.find(id="visit_date")["value"] == future
    assert page.find("textarea", attrs={"name": "finding_housing"}).get_text() == "租住单间约15平方米"
    # The photo sent is kept with the form: it need not be chosen again.
    photo = db.session.scalars(db.select(RecordFile)).one()
    assert photo.event_id is None
    assert page.find("input", attrs={"name": "kept"})["value"] == str(photo.id)
    assert "1 file is already attached and kept." in page.get_text()
    db.session.refresh(request)
    assert request.status == "HOME_VISIT" and _events(request, "record_home_visit") == []
    form = page.select("form")[-1]
    hidden = {i["name"]: i.get("value", "") for i in form.select('input[type="hidden"]')}
    response = client.post(url, data={**hidden, **_visit()})
    assert response.status_code == 302
    [event] = _events(request, "record_home_visit")
    db.session.refresh(photo)
    assert photo.event_id == event.id and event.data["files"] == 1


def test_a_file_that_is_not_a_photo_is_refused_next_to_the_field(client):
    _application, request = _request_in("HOME_VISIT")
    sign_in(client, create_account("caseworker"))
    client.get("/language/zh_Hant")
    url = f"/office/requests/{request.id}/actions/record_home_visit"
    _page, response = _post(client, url, _visit(), files=[("notes.txt", b"just text, not a photo")])
    page = page_of(response)
    [message] = errors_of(page)
    assert message == "檔案必須是 JPEG 或 PNG 照片，或 PDF"
    _page, response = _post(client, url, _visit(), files=[("scan.pdf", H.build(H.base_objects()))])
    assert errors_of(page_of(response)) == ["照片必須是 JPEG 或 PNG"]
    assert _events(request, "record_home_visit") == []


def test_the_economic_check_shows_and_records_the_result_per_member_and_category(client):
    application, request = _request_in("DATA_CHECK")
    sign_in(client, create_account("reviewer"))
    client.get("/language/en")
    url = f"/office/requests/{request.id}/actions/data_check_ok"
    page, response = _post(client, url, {})
    rows = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in page.select("table.check-result tbody tr")]
    assert ["Applicant", "Wages", "600", "600", "Matches"] in rows
    assert ["Household property", "Bank deposits", "0", "0", "Matches"] in rows
    assert response.status_code == 302
    [event] = _events(request, "data_check_ok")
    check = event.data["economic_check"]
    assert check["source"] == "development"
    assert {"subject": "m1", "category": "wages", "declared": "600.00", "found": "600.00", "matches": True} in check["findings"]
    case = get_page(client, f"/office/cases/{application.reference}").get_text(" ", strip=True)
    assert f"All {len(check['findings'])} figures match what was declared" in case


def test_a_difference_found_is_recorded_told_to_the_household_and_guards_the_approval(client, app):
    app.config["ECONOMIC_CHECK_DIFFERENCE"] = "m1:wages:3000"
    application, request = _request_in("DATA_CHECK")
    reviewer = create_account("reviewer")
    sign_in(client, reviewer)
    client.get("/language/en")
    url = f"/office/requests/{request.id}/actions/data_check_failed"
    page, response = _post(client, url, {"reason": "社保缴费记录显示有工资收入"})
    rows = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in page.select("table.check-result tbody tr")]
    assert ["Applicant", "Wages", "600", "3,000", "Differs"] in rows
    assert response.status_code == 302
    db.session.refresh(request)
    assert request.status == "CHECK_FAILED"
    [event] = _events(request, "data_check_failed")
    assert {"subject": "m1", "category": "wages", "declared": "600.00", "found": "3000", "matches": False} \
        in event.data["economic_check"]["findings"]
    # The household is told which figures differ (S-DB Art. 18), in its timeline and in a notice.
    notice = db.session.scalars(db.select(IssuedDocument).where(IssuedDocument.event_id == event.id)).one()
    assert notice.kind == "check_notice"
    printed = "".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(notice.content)).pages)
    assert "申请人·工资：申报600，核对3,000" in "".join(printed.split())  # the application's language
    resident = app.test_client()
    sign_in(resident, db.session.get(Account, application.account_id))
    resident.get("/language/en")
    mine = check_html(resident.get(f"/my/applications/{application.reference}").get_data(as_text=True))
    assert "Applicant · Wages: declared 600, found 3,000" in mine.get_text(" ", strip=True)
    # Later at the district review, approving needs the explicit override with a reason.
    request.status = "COUNTY_REVIEW"
    db.session.commit()
    approve = f"/office/requests/{request.id}/actions/approve"
    decision = {"amount": "900", "start_month": _month(add_months(_today(), 1)), "income_irregular": "no"}
    page, response = _post(client, approve, decision)
    assert "Applicant · Wages: declared 600, found 3,000" in page.find(class_="check-differences").get_text()
    answer = page_of(response)
    assert errors_of(answer)[0].startswith("The economic check found figures that differ from those declared")
    _page, response = _post(client, approve, {**decision, "override": "y"})
    assert errors_of(page_of(response)) == ["Write why the decision can be made despite the differences"]
    db.session.refresh(request)
    assert request.status == "COUNTY_REVIEW"
    _page, response = _post(client, approve, {**decision, "override": "y", "override_reason": "复查后确认为一次性补发"})
    assert response.status_code == 302
    [override] = _events(request, "approve_despite_missing_facts")
    assert override.reason == "复查后确认为一次性补发" and override.visible_to_resident is False
    assert override.data["check_differences"] == ["Applicant · Wages: declared 600, found 3,000"]
    db.session.refresh(request)
    assert request.status == "APPROVED"


def test_a_plugged_in_platform_answers_the_check(client, app):
    app.config["ECONOMIC_CHECK"] = "tests.domain.test_economic_check:NothingFound"
    _application, request = _request_in("DATA_CHECK")
    sign_in(client, create_account("reviewer"))
    _page, response = _post(client, f"/office/requests/{request.id}/actions/data_check_failed", {"reason": "未见记录"})
    assert response.status_code == 302
    [event] = _events(request, "data_check_failed")
    assert event.data["economic_check"]["source"] == "nothing-found"
    assert all(row["found"] is None for row in event.data["economic_check"]["findings"])


def test_a_community_review_needs_its_date_participants_and_outcome(client):
    application, request = _request_in("DISPUTED")
    sign_in(client, create_account("caseworker"))
    client.get("/language/zh_Hans")
    url = f"/office/requests/{request.id}/actions/submit_revised_opinion"
    base = {"opinion": "经民主评议，维持初审意见", "resolution": "democratic_review"}
    _page, response = _post(client, url, {**base, "review_participants": "社区居委会主任\n居民代表5名"})
    page = page_of(response)
    assert errors_of(page) == ["请输入民主评议的日期", "请选择民主评议的结果"]
    assert page.find("textarea", attrs={"name": "review_participants"}).get_text() == "社区居委会主任\n居民代表5名"
    day = (_today() - timedelta(days=1)).isoformat()
    _page, response = _post(client, url, {**base, "review_participants": "社区居委会主任\n居民代表5名",
                                          "review_date": day, "review_outcome": "supports"})
    assert response.status_code == 302
    [event] = _events(request, "submit_revised_opinion")
    assert event.data["democratic_review"] == {"review_date": day, "review_participants": ["社区居委会主任", "居民代表5名"],
                                               "review_outcome": "supports"}
    case = get_page(client, f"/office/cases/{application.reference}").get_text(" ", strip=True)
    assert "民主评议结果" in case and "居民代表5名" in case


def test_a_reinvestigation_does_not_ask_for_a_community_review(client):
    _application, request = _request_in("DISPUTED")
    sign_in(client, create_account("caseworker"))
    url = f"/office/requests/{request.id}/actions/submit_revised_opinion"
    _page, response = _post(client, url, {"opinion": "重新调查后维持", "resolution": "reinvestigation"})
    assert response.status_code == 302
    [event] = _events(request, "submit_revised_opinion")
    assert "democratic_review" not in event.data


def test_a_first_review_opinion_takes_attachments(client):
    application, request = _request_in("INVESTIGATING")
    sign_in(client, create_account("caseworker"))
    url = f"/office/requests/{request.id}/actions/prelim_opinion"
    _page, response = _post(client, url, {"opinion": "建议纳入低保"},
                            files=[("opinion.pdf", H.build(H.base_objects())), ("p.jpg", H.photo_with_gps())])
    assert response.status_code == 302
    [event] = _events(request, "prelim_opinion")
    files = db.session.scalars(db.select(RecordFile).order_by(RecordFile.id)).all()
    assert [(f.kind, f.content_type, f.event_id) for f in files] == [
        ("opinion_attachment", "application/pdf", event.id), ("opinion_attachment", "image/jpeg", event.id)]
    case = get_page(client, f"/office/cases/{application.reference}")
    assert case.find("a", string="附件 2") is not None


def test_the_check_is_configured_by_module_and_class():
    from portal.config import ConfigError, load_config

    testing = {"PORTAL_ENV": "testing"}
    assert load_config(testing)["ECONOMIC_CHECK"] == "portal.domain.economic_check:DeclaredFiguresCheck"
    assert load_config({**testing, "ECONOMIC_CHECK_DIFFERENCE": "m1:wages:1"})["ECONOMIC_CHECK_DIFFERENCE"] == "m1:wages:1"
    production = {"PORTAL_ENV": "production", "SECRET_KEY": "k" * 40, "DATABASE_URL": "sqlite://", "DATA_KEY": "x"}
    assert load_config({**production, "ECONOMIC_CHECK_DIFFERENCE": "m1:wages:1"})["ECONOMIC_CHECK_DIFFERENCE"] == ""
    with pytest.raises(ConfigError):
        load_config({**testing, "ECONOMIC_CHECK": "portal.domain.economic_check.DeclaredFiguresCheck"})


def test_a_refusal_after_the_check_names_the_figures_that_differ(client, app):
    app.config["ECONOMIC_CHECK_DIFFERENCE"] = "household:deposits:80000"
    _application, request = _request_in("DATA_CHECK")
    sign_in(client, create_account("reviewer"))
    _page, response = _post(client, f"/office/requests/{request.id}/actions/data_check_failed",
                            {"reason": "银行存款与申报不符"})
    assert response.status_code == 302
    _page, response = _post(client, f"/office/requests/{request.id}/actions/reject", {"reason": "家庭财产超过规定标准"})
    assert response.status_code == 302
    [refusal] = _events(request, "reject")
    notice = db.session.scalars(db.select(IssuedDocument).where(IssuedDocument.event_id == refusal.id)).one()
    printed = "".join("".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(notice.content)).pages).split())
    assert notice.kind == "refusal_notice" and "家庭财产·银行存款：申报0，核对80,000" in printed


def test_a_recheck_recorded_as_passed_keeps_the_differences_for_the_approval_guard(client, app):
    app.config["ECONOMIC_CHECK_DIFFERENCE"] = "m1:wages:3000"
    _application, request = _request_in("RECHECK")
    sign_in(client, create_account("caseworker"))
    client.get("/language/en")
    page, response = _post(client, f"/office/requests/{request.id}/actions/data_check_ok", {})
    assert "If you record the check as passed, they stay on file" in page.find(class_="notice--warning").get_text()
    assert response.status_code == 302
    db.session.refresh(request)
    assert request.status == "INVESTIGATING"
    request.status = "COUNTY_REVIEW"
    db.session.commit()
    reviewer = app.test_client()
    sign_in(reviewer, create_account("reviewer"))
    reviewer.get("/language/en")
    decision = {"amount": "900", "start_month": _month(add_months(_today(), 1)), "income_irregular": "no"}
    _page, response = _post(reviewer, f"/office/requests/{request.id}/actions/approve", decision)
    assert errors_of(page_of(response))[0].startswith("The economic check found figures that differ")
    db.session.refresh(request)
    assert request.status == "COUNTY_REVIEW"


def test_an_opinion_without_its_text_keeps_the_attachments_sent(client):
    _application, request = _request_in("INVESTIGATING")
    sign_in(client, create_account("caseworker"))
    client.get("/language/zh_Hans")
    url = f"/office/requests/{request.id}/actions/prelim_opinion"
    _page, response = _post(client, url, {"opinion": " "}, files=[("opinion.pdf", H.build(H.base_objects()))])
    page = page_of(response)
    assert errors_of(page) == ["请填写初审意见"]
    assert "已附加并保留 1 个文件。" in page.get_text()
    form = page.select("form")[-1]
    hidden = {i["name"]: i.get("value", "") for i in form.select('input[type="hidden"]')}
    assert client.post(url, data={**hidden, "opinion": "建议纳入低保"}).status_code == 302
    [event] = _events(request, "prelim_opinion")
    assert [f.event_id for f in db.session.scalars(db.select(RecordFile))] == [event.id]


def test_a_difference_recorded_without_its_reason_records_nothing(client):
    _application, request = _request_in("DATA_CHECK")
    sign_in(client, create_account("reviewer"))
    client.get("/language/en")
    _page, response = _post(client, f"/office/requests/{request.id}/actions/data_check_failed", {"reason": ""})
    page = page_of(response)
    assert len(errors_of(page)) == 1 and page.find(id="reason").find_parent(class_="field--error") is not None
    assert page.select("table.check-result tbody tr")  # the result is still shown
    assert _events(request, "data_check_failed") == []


@pytest.mark.parametrize("value", ["\x00", "2026-02-30", "９９９９-01-01", "1" * 5000, "a\x1bb", "<script>", "\ufffd",
                                   "0000-00-00", "-1"])
def test_hostile_values_in_a_record_get_messages_never_a_server_error(client, value):
    _application, request = _request_in("HOME_VISIT")
    sign_in(client, create_account("caseworker"))
    url = f"/office/requests/{request.id}/actions/record_home_visit"
    data = {**_visit(visit_date=value, finding_housing=value, acknowledgement=value), "kept": f"{value},1,99999999999999"}
    _page, response = _post(client, url, data)
    page = page_of(response)
    assert len(errors_of(page)) >= 2  # the date and the acknowledgement at least
    assert _events(request, "record_home_visit") == []


def test_members_are_named_by_their_relation_never_by_name(client, app):
    import copy

    household = copy.deepcopy(HOUSEHOLD)
    household["members"].append({"relation": "spouse", "age": 38, "employment": "employed",
                                 "income": [{"category": "wages", "amount": "1000"}]})
    app.config["ECONOMIC_CHECK_DIFFERENCE"] = "m2:wages:2500"
    _application, request = _request_in("DATA_CHECK", answers=answers_from_household(household))
    sign_in(client, create_account("reviewer"))
    client.get("/language/en")
    page, response = _post(client, f"/office/requests/{request.id}/actions/data_check_failed", {"reason": "不符"})
    rows = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in page.select("table.check-result tbody tr")]
    assert ["Member 2 (spouse)", "Wages", "1,000", "2,500", "Differs"] in rows
    assert response.status_code == 302
    [event] = _events(request, "data_check_failed")
    assert "m2" in {row["subject"] for row in event.data["economic_check"]["findings"]}


def test_a_visit_before_the_acceptance_is_refused_with_its_own_message(client):
    _application, request = _request_in("HOME_VISIT")
    sign_in(client, create_account("caseworker"))
    client.get("/language/zh_Hans")
    url = f"/office/requests/{request.id}/actions/record_home_visit"
    early = (_today() - timedelta(days=30)).isoformat()
    _page, response = _post(client, url, _visit(visit_date=early))
    page = page_of(response)
    assert errors_of(page) == ["日期不能早于申请受理日期"] and page.find(id="visit_date")["value"] == early
