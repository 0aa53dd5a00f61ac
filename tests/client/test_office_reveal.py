"""Showing personal data in the console: every showing is recorded before it happens, and
nothing is shown again without being recorded again.

- Full details: only in the answer to the reveal button's POST, never cached; a reload is the
  browser's resubmission (a new showing, a new entry); a GET of the reveal address shows and
  records nothing.
- The signed mandate a helper filed under: staff handling the case open it from the case
  page; each view is recorded the same way; nobody else reaches it.
"""
from __future__ import annotations

import io
from datetime import timedelta

from portal.apply.documents import clean_image
from portal.extensions import db
from portal.models import Account, Event, Message, utcnow
from tests.client.assist_helpers import assistant_client, begin, consent_by_code
from tests.client.test_assist_consent import ID_ZHAO, png
from tests.factories import OTHER_OFFICE, create_account, create_application, sign_in
from tests.helpers.pages import get_page, page_of, submit

ID_NUMBER = "440305199001011234"


def _views(action: str = "reveal_personal_data") -> int:
    return db.session.scalar(db.select(db.func.count(Event.id)).where(Event.action == action))


def _caseworker(app, **kw):
    client = app.test_client()
    sign_in(client, create_account("caseworker", **kw))
    client.get("/language/en")
    return client


def test_each_showing_is_recorded_once_and_a_resubmitted_reload_is_a_new_showing(app):
    application = create_application(id_number=ID_NUMBER)
    client = _caseworker(app)
    url = f"/office/cases/{application.reference}"
    response = submit(client, f"{url}/reveal", {}, form_url=url)
    page = page_of(response)
    assert ID_NUMBER in page.get_text() and _views() == 1
    # Never kept by the browser: going back or reloading cannot show it from a cache.
    assert response.headers["Cache-Control"] == "no-store"
    assert "Reloading this page shows them again and records it again." in page.get_text()
    # A reload resubmits the same form (after the browser asks): shown again, recorded again.
    form = get_page(client, url).find("form", action=f"{url}/reveal")
    again = client.post(f"{url}/reveal", data={"csrf_token": form.find("input", attrs={"name": "csrf_token"})["value"]})
    assert ID_NUMBER in again.get_data(as_text=True) and _views() == 2


def test_a_get_of_the_reveal_address_shows_and_records_nothing(app):
    application = create_application(id_number=ID_NUMBER)
    client = _caseworker(app)
    url = f"/office/cases/{application.reference}"
    response = client.get(f"{url}/reveal")
    assert response.status_code == 303 and response.headers["Location"] == url
    assert ID_NUMBER not in get_page(client, url).get_text()
    assert _views() == 0
    # Out of scope, malformed or unknown: refused as the case page refuses, still nothing recorded.
    assert _caseworker(app, office_code=OTHER_OFFICE).get(f"{url}/reveal").status_code == 403
    assert client.get("/office/cases/SZ-0000-0000-0/reveal").status_code == 404
    assert client.get("/office/cases/%00/reveal").status_code == 404
    assert _views() == 0


def test_the_revealed_page_offers_to_hide_the_details_again(app):
    application = create_application(id_number=ID_NUMBER)
    client = _caseworker(app)
    url = f"/office/cases/{application.reference}"
    page = page_of(submit(client, f"{url}/reveal", {}, form_url=url))
    link = page.find("a", string="Hide personal details")
    assert link is not None and link["href"] == url
    assert ID_NUMBER not in get_page(client, link["href"]).get_text()


def test_a_reveal_without_the_form_token_shows_and_records_nothing(app):
    application = create_application(id_number=ID_NUMBER)
    client = _caseworker(app)
    response = client.post(f"/office/cases/{application.reference}/reveal", data={})
    assert response.status_code == 400 and ID_NUMBER not in response.get_data(as_text=True)
    assert _views() == 0


# --- the signed mandate -------------------------------------------------------------------------

def _filed_under_a_signed_mandate(app):
    helper_client, assistant = assistant_client(app)
    mandate = begin(helper_client, name="赵六", id_number=ID_ZHAO)
    response = submit(helper_client, f"/assist/consent/{mandate.id}/mandate",
                      {"photo": (io.BytesIO(png()), "mandate.png"), "declaration": "y"},
                      form_url=f"/assist/consent/{mandate.id}", content_type="multipart/form-data")
    assert response.status_code == 302
    db.session.refresh(mandate)
    resident = db.session.get(Account, mandate.resident_account_id)
    application = create_application(resident, created_by_id=assistant.id, channel="assistant", id_number=ID_ZHAO)
    application.submitted_at = mandate.granted_at + timedelta(minutes=5)
    db.session.commit()
    return application, mandate


def test_staff_handling_the_case_view_the_signed_mandate_and_each_view_is_recorded(app):
    application, mandate = _filed_under_a_signed_mandate(app)
    client = _caseworker(app)
    url = f"/office/cases/{application.reference}"
    page = get_page(client, url)
    assert "signed mandate (委托书)" in page.get_text()
    link = page.find("a", href=f"{url}/mandate")
    assert link is not None and link.get_text() == "View the signed mandate"
    assert _views("view_mandate_evidence") == 0  # the case page alone shows nothing of it
    for count in (1, 2):
        response = client.get(link["href"])
        assert response.status_code == 200 and response.data == clean_image.rewrite(png(), "image/png")
        assert response.mimetype == "image/png" and response.headers["Cache-Control"] == "no-store"
        assert response.headers["Content-Disposition"] == f"attachment; filename=mandate-{application.reference}.png"
        assert "sandbox" in response.headers["Content-Security-Policy"]
        assert _views("view_mandate_evidence") == count
    event = db.session.scalars(db.select(Event).where(Event.action == "view_mandate_evidence")).first()
    assert (event.request_id, event.visible_to_resident, event.actor_role) == (None, False, "caseworker")
    # Listed with the other views of personal data, under its own name; the resident is told nothing.
    history = get_page(client, url).get_text()
    assert "Signed mandate (委托书) viewed" in history
    assert db.session.scalar(db.select(db.func.count(Message.id)).where(
        Message.account_id == application.account_id)) == 0
    reviewer = app.test_client()
    sign_in(reviewer, create_account("reviewer", district_code=application.receiving_office_code[:6]))
    assert reviewer.get(f"{url}/mandate").status_code == 200
    assert _views("view_mandate_evidence") == 3


def test_nobody_else_reaches_the_signed_mandate_and_refusals_record_nothing(app):
    application, _ = _filed_under_a_signed_mandate(app)
    url = f"/office/cases/{application.reference}/mandate"
    assert _caseworker(app, office_code=OTHER_OFFICE).get(url).status_code == 403
    other_district = app.test_client()
    sign_in(other_district, create_account("reviewer", district_code=OTHER_OFFICE[:6]))
    assert other_district.get(url).status_code == 403
    for role in ("resident", "assistant", "admin"):
        client = app.test_client()
        sign_in(client, create_account(role))
        assert client.get(url).status_code == 403
    assert app.test_client().get(url).status_code == 302  # to sign in
    assert _views("view_mandate_evidence") == 0


def test_no_link_and_404_when_there_is_no_signed_mandate(app):
    own = create_application(id_number=ID_NUMBER)  # filed by the applicant
    helper_client, assistant = assistant_client(app)
    mandate = consent_by_code(helper_client, "13944440001")  # consent by code: no paper
    by_code = create_application(db.session.get(Account, mandate.resident_account_id), created_by_id=assistant.id,
                                 channel="assistant")
    client = _caseworker(app)
    for application, filed_by_helper in ((own, False), (by_code, True)):
        url = f"/office/cases/{application.reference}"
        page = get_page(client, url)
        assert page.find("a", href=f"{url}/mandate") is None
        assert ("code sent to the resident's phone" in page.get_text()) == filed_by_helper
        assert client.get(f"{url}/mandate").status_code == 404
    assert client.get("/office/cases/SZ-0000-0000-0/mandate").status_code == 404
    assert _views("view_mandate_evidence") == 0


def test_the_mandate_in_force_at_submission_is_the_one_shown(app):
    from portal.assist.mandates import mandate_of_application

    application, mandate = _filed_under_a_signed_mandate(app)
    assert mandate_of_application(application).id == mandate.id
    # Withdrawn after submission: still what the filing rested on.
    mandate.withdrawn_at = utcnow()
    db.session.commit()
    assert mandate_of_application(application).id == mandate.id
    application.submitted_at = mandate.granted_at - timedelta(days=1)  # filed before that consent existed
    db.session.commit()
    assert mandate_of_application(application) is None


def test_the_mandate_link_and_the_reload_warning_in_three_languages(app):
    application, _ = _filed_under_a_signed_mandate(app)
    client = _caseworker(app)
    url = f"/office/cases/{application.reference}"
    expected = {
        "zh_Hans": ("查看签署的委托书", "刷新本页会再次显示这些信息，并再次记录。"),
        "zh_Hant": ("檢視簽署的委託書", "重新整理本頁會再次顯示這些資訊，並再次記錄。"),
        "en": ("View the signed mandate", "Reloading this page shows them again and records it again."),
    }
    for locale, (link, warning) in expected.items():
        client.get(f"/language/{locale}")
        assert get_page(client, url).find("a", href=f"{url}/mandate").get_text() == link
        assert warning in page_of(submit(client, f"{url}/reveal", {}, form_url=url)).get_text()
