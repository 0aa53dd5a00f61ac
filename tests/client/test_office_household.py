"""The household as the unit of work: one action for several requests of one
application, each request keeping its own state, clock, decision and events; all or none."""
from __future__ import annotations

import io
from datetime import timedelta

from PIL import Image

from portal.extensions import db
from portal.models import AssistanceRequest, Document, Event
from tests.client.test_office_actions import _today
from tests.factories import create_account, create_application, sign_in
from tests.helpers.pages import check_html, csrf_token, errors_of, get_page, page_of


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (30, 90, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def _household(types=("dibao", "medical", "education")):
    # Registered outside Shenzhen, with medical and school costs: the 户口簿 concerns every request,
    # the receipts only medical and education aid.
    answers = {"about": {"name": "林小花", "id_number": "440305199001011234", "hukou": {"kind": "elsewhere"}},
               "circumstances": {"costs": ["medical", "education"]}}
    return create_application(types=types, name="林小花", answers=answers)


def _form(client, url):
    """The household form's page and what it posts as it stands (hidden fields, ticked boxes, texts)."""
    page = get_page(client, url)
    form = page.select("main form")[-1]
    data: dict[str, list[str] | str] = {"csrf_token": csrf_token(page)}
    for field in form.select("input"):
        if field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data.setdefault(field["name"], []).append(field["value"])
        elif field.get("type") in ("hidden", "text", None):
            data[field["name"]] = field.get("value", "")
    for area in form.select("textarea"):
        data[area["name"]] = area.get_text()
    return page, data


def _events(request, action):
    return db.session.scalars(db.select(Event).where(Event.request_id == request.id, Event.action == action)).all()


def test_the_case_page_offers_one_request_for_documents_for_the_three_requests(client):
    application = _household()
    sign_in(client, create_account("caseworker"))
    client.get("/language/en")
    page = get_page(client, f"/office/cases/{application.reference}")
    section = page.find(id="household")
    links = {a.get_text(" ", strip=True): a["href"] for a in section.select("ul.actions a")}
    assert links["Ask for missing documents: 3 requests"] == \
        f"/office/cases/{application.reference}/household/request_materials"
    # Accepting concerns 低保 alone here; forwarding goes to each type's own authority: both stay
    # in the requests' own sections.
    assert not any(label.startswith(("Accept", "Forward")) for label in links)
    assert get_page(client, f"/office/cases/{application.reference}/household/forward", status=404)


def test_one_request_for_documents_moves_all_three_each_with_its_own_event(client):
    application = _household()
    staff = create_account("caseworker")
    sign_in(client, staff)
    client.get("/language/en")
    url = f"/office/cases/{application.reference}/household/request_materials"
    page, data = _form(client, url)
    boxes = page.select('input[name="requests"]')
    assert [b["value"] for b in boxes] == [str(r.id) for r in application.requests]
    assert all(b.has_attr("checked") for b in boxes)
    # Prefilled with what the portal knows is still missing, once for the household.
    listed = [line for line in data["missing_items"].splitlines() if line]
    assert listed == ["Household registration booklet (户口簿)", "Medical receipts and insurance settlement statements",
                      "School fee and accommodation receipts"]
    data["missing_items"] = "户口簿首页\n租赁合同"
    response = client.post(url, data=data)
    assert response.status_code == 302, errors_of(page_of(response, response.status_code))
    assert response.headers["Location"].endswith(f"/office/cases/{application.reference}#household")
    tokens = set()
    for request in application.requests:
        db.session.refresh(request)
        assert request.status == "NEEDS_MATERIALS"
        [event] = _events(request, "request_materials")
        assert (event.from_state, event.to_state, event.actor_account_id) == ("SUBMITTED", "NEEDS_MATERIALS", staff.id)
        assert event.data["missing_items"] == ["户口簿首页", "租赁合同"]
        tokens.add(event.data["household"])
    assert len(tokens) == 1
    # The resident reads one message per request in the portal, and gets ONE text message.
    from portal.models import Message

    sent = db.session.scalars(db.select(Message).where(Message.account_id == application.account_id,
                                                       Message.kind == "status_update")).all()
    assert sorted(m.channel for m in sent) == ["inapp", "inapp", "inapp", "sms"]
    # The landing says what was done, for which requests, where the browser lands.
    landed = check_html(client.get(response.headers["Location"]).get_data(as_text=True))
    notice = landed.find(id="household").find(class_="notice", role="status")
    assert notice.get_text(" ", strip=True) == \
        "Done: Ask for missing documents (Minimum living allowance, Medical assistance, Education assistance)."
    # Each request's history says what else the same action covered.
    history = landed.find(id=f"request-{application.requests[1].id}").get_text(" ", strip=True)
    assert "Done in the same action for" in history and "Minimum living allowance" in history


def test_unticked_requests_are_left_alone(client):
    application = _household()
    sign_in(client, create_account("caseworker"))
    url = f"/office/cases/{application.reference}/household/request_materials"
    _page, data = _form(client, url)
    dibao, medical, education = application.requests
    data["requests"] = [str(dibao.id), str(education.id)]
    data["missing_items"] = "户口簿首页"
    assert client.post(url, data=data).status_code == 302
    for request in application.requests:
        db.session.refresh(request)
    assert (dibao.status, medical.status, education.status) == ("NEEDS_MATERIALS", "SUBMITTED", "NEEDS_MATERIALS")
    assert _events(medical, "request_materials") == []


def test_a_request_at_another_step_is_not_offered(client):
    application = _household()
    dibao, medical, education = application.requests
    dibao.status = "ACCEPTED"
    dibao.accepted_on = _today() - timedelta(days=1)
    db.session.commit()
    sign_in(client, create_account("caseworker"))
    page, _data = _form(client, f"/office/cases/{application.reference}/household/request_materials")
    assert [b["value"] for b in page.select('input[name="requests"]')] == [str(medical.id), str(education.id)]
    # A posted id the page did not offer is not a choice: only the offered ones move.
    _page, data = _form(client, f"/office/cases/{application.reference}/household/request_materials")
    data["requests"] = [str(dibao.id), str(medical.id)]
    data["missing_items"] = "户口簿首页"
    assert client.post(f"/office/cases/{application.reference}/household/request_materials",
                       data=data).status_code == 302
    for request in application.requests:
        db.session.refresh(request)
    assert (dibao.status, medical.status, education.status) == ("ACCEPTED", "NEEDS_MATERIALS", "SUBMITTED")


def test_errors_are_shown_next_to_the_fields_and_nothing_is_written(client):
    application = _household()
    sign_in(client, create_account("caseworker"))
    client.get("/language/en")
    url = f"/office/cases/{application.reference}/household/request_materials"
    _page, data = _form(client, url)
    data["missing_items"] = ""
    data.pop("requests")
    page = page_of(client.post(url, data=data))
    assert errors_of(page) == ["Choose at least one request"]
    data["requests"] = [str(r.id) for r in application.requests]
    page = page_of(client.post(url, data={**data, "missing_items": "  "}))
    assert errors_of(page) == ["List the missing documents, one per line"]
    assert all(r.status == "SUBMITTED" for r in db.session.scalars(
        db.select(AssistanceRequest).where(AssistanceRequest.application_id == application.id)))


def test_a_stale_form_gives_the_conflict_page_and_writes_nothing(client):
    application = _household()
    sign_in(client, create_account("caseworker"))
    client.get("/language/en")
    url = f"/office/cases/{application.reference}/household/request_materials"
    _page, data = _form(client, url)
    data["missing_items"] = "户口簿首页\n租赁合同"
    # Meanwhile a colleague asks for documents on the medical request alone.
    medical = application.requests[1]
    colleague = create_account("caseworker")
    from portal.tracking.transitions import perform

    perform(medical, "request_materials", colleague, {"missing_items": ["诊断证明"]})
    db.session.commit()
    response = client.post(url, data=data)
    page = page_of(response, 409)
    assert "Someone else changed a request of this household" in page.find("h1").get_text()
    assert "Medical assistance: Ask for missing documents" in page.select_one("ol.timeline").get_text()
    # What was typed is kept; only the requests that can still take the action are offered.
    assert page.find("textarea", attrs={"name": "missing_items"}).get_text() == "户口簿首页\n租赁合同"
    assert [b["value"] for b in page.select('input[name="requests"]')] == \
        [str(r.id) for r in application.requests if r.id != medical.id]
    for request in application.requests:
        db.session.refresh(request)
    assert [r.status for r in application.requests] == ["SUBMITTED", "NEEDS_MATERIALS", "SUBMITTED"]
    assert [len(_events(r, "request_materials")) for r in application.requests] == [0, 1, 0]
    # Sending the same form twice never acts twice.
    client.post(url, data=data)
    assert [len(_events(r, "request_materials")) for r in application.requests] == [0, 1, 0]


def test_a_refusal_of_one_request_writes_none_of_them(client, monkeypatch):
    application = _household()
    sign_in(client, create_account("caseworker"))
    url = f"/office/cases/{application.reference}/household/request_materials"
    _page, data = _form(client, url)
    data["missing_items"] = "户口簿首页"
    from portal.domain import workflow
    from portal.office import actions

    real = actions.write

    def refuse_the_last(account, setup, values, version, override_reason=""):
        real(account, setup, values, version, override_reason)
        if setup.request.type == "education":
            raise workflow.TransitionError("not_allowed")

    monkeypatch.setattr(actions, "write", refuse_the_last)
    page = page_of(client.post(url, data=data))
    assert page.select_one(".error-summary")
    db.session.expire_all()
    assert all(r.status == "SUBMITTED" for r in application.requests)
    assert db.session.scalar(db.select(db.func.count(Event.id)).where(Event.application_id == application.id,
                                                                      Event.action == "request_materials")) == 0


def test_one_upload_answers_the_household_request_for_all_three(client):
    application = _household()
    resident_id = application.account_id
    sign_in(client, create_account("caseworker"))
    url = f"/office/cases/{application.reference}/household/request_materials"
    _page, data = _form(client, url)
    data["missing_items"] = "户口簿首页"
    assert client.post(url, data=data).status_code == 302
    from portal.models import Account
    from portal.status.timeline import missing_items

    dibao = application.requests[0]
    [item] = missing_items(dibao)
    assert [i.key for r in application.requests for i in missing_items(r)] == [item.key] * 3
    # The resident is told that one upload answers the list for every request it covers.
    resident = client.application.test_client()
    sign_in(resident, db.session.get(Account, resident_id))
    resident.get("/language/en")
    page = get_page(resident, f"/my/applications/{application.reference}")
    hints = [p.get_text(" ", strip=True) for p in page.select(".notice--action .hint")]
    assert "The same list is asked for: Medical assistance; Education assistance. Uploading the documents once " \
           "answers it for all of them." in hints
    from werkzeug.datastructures import FileStorage

    from portal.status import materials

    upload = FileStorage(io.BytesIO(_png()), filename="hukou.png", content_type="image/png")
    outcome = materials.supply(application, dibao, {item.key: upload}, db.session.get(Account, resident_id))
    assert outcome.sent and outcome.saved == 1
    for request in application.requests:
        db.session.refresh(request)
        assert request.status == "SUBMITTED"
        assert len(_events(request, "materials_supplied")) == 1
    assert db.session.scalar(db.select(db.func.count(Document.id)).where(
        Document.application_id == application.id, Document.item_key == item.key)) == 1


def test_the_reviewer_may_not_take_a_street_office_step_for_the_household(client):
    application = _household()
    sign_in(client, create_account("reviewer"))
    assert client.get(f"/office/cases/{application.reference}/household/request_materials").status_code == 403
    assert client.get(f"/office/cases/{application.reference}/household/approve").status_code == 404
    assert client.get(f"/office/cases/{application.reference}/household/no_such_action").status_code == 404


def test_one_acceptance_checks_each_request_by_its_own_rules(client):
    """Acceptance asks about close relatives of staff for 低保 and 低保边缘 (the district then visits
    itself), not for temporary aid: one form asks it once, and each request records what it needs."""
    application = create_application(types=("dibao", "low_income", "temp_expenditure"))
    sign_in(client, create_account("caseworker"))
    client.get("/language/en")
    page = get_page(client, f"/office/cases/{application.reference}")
    assert "Accept: 3 requests" in page.find(id="household").get_text(" ", strip=True)
    url = f"/office/cases/{application.reference}/household/accept"
    _page, data = _form(client, url)
    page = page_of(client.post(url, data=data))
    assert errors_of(page) == ["Say whether a household member is a close relative of staff"]
    # Temporary aid alone does not ask it: without the other two, the form goes through.
    temp = application.requests[2]
    response = client.post(url, data={**data, "requests": [str(temp.id)]})
    assert response.status_code == 302
    db.session.refresh(temp)
    assert temp.status == "ACCEPTED" and "household" not in (_events(temp, "accept")[0].data or {})
    _page, data = _form(client, url)
    response = client.post(url, data={**data, "close_relative_of_staff": "no"})
    assert response.status_code == 302
    dibao, low_income, _temp = application.requests
    for request in (dibao, low_income):
        db.session.refresh(request)
        assert request.status == "ACCEPTED" and request.accepted_on is not None
        assert _events(request, "accept")[0].data["close_relative_of_staff"] is False
    assert len({_events(r, "accept")[0].data["household"] for r in (dibao, low_income)}) == 1
    # Each keeps its own clock: the next step's due date comes from its own type's rules.
    assert dibao.due_on is not None


def test_one_home_visit_record_for_two_requests_photos_stored_once(client):
    """The structured home-visit record (findings, acknowledgement, a photo) is asked once for the
    household and recorded on each request's event; the photo is stored once, with the first."""
    application = _household(types=("dibao", "low_income"))
    for request in application.requests:
        request.status = "HOME_VISIT"
        request.accepted_on = _today() - timedelta(days=3)
    db.session.commit()
    sign_in(client, create_account("caseworker"))
    client.get("/language/en")
    url = f"/office/cases/{application.reference}/household/record_home_visit"
    page, data = _form(client, url)
    assert page.find("input", attrs={"name": "files", "type": "file"}) is not None
    assert page.select("main form")[-1]["enctype"] == "multipart/form-data"
    data.update({"staff_names": "陈经办\n李协理", "visit_mode": "in_person", "visit_date": _today().isoformat(),
                 "finding_housing": "租住两居室", "finding_living": "家具简陋", "finding_members": "全家",
                 "finding_income_assets": "未见车辆", "acknowledgement": "signed"})
    # Without a finding the form comes back with the message next to it, the rest kept.
    missing = {**data, "finding_living": ""}
    back = page_of(client.post(url, data=missing))
    assert errors_of(back) and back.find("textarea", attrs={"name": "finding_housing"}).get_text() == "租住两居室"
    assert all(r.status == "HOME_VISIT" for r in application.requests)
    data["files"] = (io.BytesIO(_png()), "visit.png")
    response = client.post(url, data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    db.session.expire_all()
    assert [r.status for r in application.requests] == ["INVESTIGATING", "INVESTIGATING"]
    visits = [_events(r, "record_home_visit")[0] for r in application.requests]
    assert all(e.data["home_visit"]["finding_housing"] == "租住两居室" for e in visits)
    assert visits[0].data.get("files") == 1
    from portal.models import RecordFile

    stored = db.session.scalars(db.select(RecordFile)).all()
    assert [f.event_id for f in stored] == [visits[0].id]
