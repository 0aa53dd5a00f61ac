"""Issue 15 part 3: offices' and authorities' contact details, changed by an administrator with
the date a change takes effect; receipts, notices and pages show what is in force on their date."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from portal import clock
from portal.contacts.book import ContactBook
from portal.contacts.changes import load_demo_contacts
from portal.domain.calendar import shanghai_date
from portal.domain.contacts import authority_key, office_key
from portal.extensions import db
from portal.models import AdminEvent, ContactEntry, utcnow
from portal.receipts.render import notice_pdf, receipt_pdf
from tests.client.test_receipts import flat
from tests.client.test_receipts_pdf import pdf_text
from tests.factories import (
    DEFAULT_OFFICE,
    create_account,
    create_application,
    create_contact,
    sign_in,
)
from tests.helpers.pages import errors_of, get_page, page_of, submit

OFFICE_URL = f"/admin/offices/{DEFAULT_OFFICE}"
CIVIL_AFFAIRS_URL = "/admin/authorities/civil_affairs_district/440305"
OLD_PHONE, NEW_PHONE = "0755-26000001", "0755-26999999"


@pytest.fixture
def admin(app):
    return create_account("admin", username="boss", display_name="管理员甲")


@pytest.fixture
def admin_client(app, admin):
    client = app.test_client()
    sign_in(client, admin)
    client.get("/language/en")
    return client


def _today() -> date:
    return shanghai_date(utcnow())


def _noon(day: date) -> datetime:
    """Noon in Shanghai on ``day``, as aware UTC."""
    return datetime.combine(day, time(4, 0), timezone.utc)


def _change(client, url=OFFICE_URL, **data):
    fields = {"address": "深圳市南山区粤海街道新址 8 号", "phone": NEW_PHONE, "hours": "周一至周五 9:00-18:00",
              "effective_from": _today().isoformat(), "source": "粤海街道办事处搬迁公告"}
    fields.update(data)
    return submit(client, url, fields)


def _events(action: str) -> list[AdminEvent]:
    return list(db.session.scalars(db.select(AdminEvent).where(AdminEvent.action == action)))


def _old_details():
    create_contact(DEFAULT_OFFICE, address="深圳市南山区粤海街道旧址 1 号", phone=OLD_PHONE, hours="周一至周五 9:00-17:00")


def test_admin_home_links_to_offices_and_authorities(admin_client):
    links = {a["href"] for a in get_page(admin_client, "/admin").select("main a")}
    assert {"/admin/offices", "/admin/authorities"} <= links


def test_the_list_groups_all_74_offices_by_district_and_filters(admin_client):
    _old_details()
    soup = get_page(admin_client, "/admin/offices")
    assert len(soup.select("main h2")) == 10
    rows = soup.select("main tbody tr")
    assert len(rows) == 74
    yuehai = soup.select_one(f'a[href="{OFFICE_URL}"]').find_parent("tr")
    assert OLD_PHONE in yuehai.get_text()
    soup = get_page(admin_client, "/admin/offices?district=440305")
    assert [h.get_text(strip=True) for h in soup.select("main h2")] == ["Nanshan District"]
    assert 0 < len(soup.select("main tbody tr")) < 74
    soup = get_page(admin_client, "/admin/offices?district=440305&missing=y")
    assert f'href="{OFFICE_URL}"' not in str(soup)  # it has a phone and an address
    assert len(soup.select("main tbody tr")) == len(get_page(admin_client, "/admin/offices?district=440305")
                                                    .select("main tbody tr")) - 1
    # A district that is not one keeps the whole list rather than failing.
    assert len(get_page(admin_client, "/admin/offices?district=%00x").select("main tbody tr")) == 74


def test_a_change_from_today_is_in_force_at_once_and_audited(admin_client, admin):
    _old_details()
    response = _change(admin_client)
    assert response.status_code == 302 and response.headers["Location"].endswith(OFFICE_URL)
    soup = get_page(admin_client, OFFICE_URL)
    assert "in force from today" in soup.select_one("main [role=status]").get_text()
    today_block = soup.find("h2", string="In force today").find_next("dl")
    assert NEW_PHONE in today_block.get_text() and "新址" in today_block.get_text()
    assert ContactBook(_today()).office(DEFAULT_OFFICE).phone == NEW_PHONE
    # Never edited in place: the old entry is still there, superseded.
    entries = list(db.session.scalars(db.select(ContactEntry).where(ContactEntry.subject == office_key(DEFAULT_OFFICE))))
    assert sorted(e.phone for e in entries) == [OLD_PHONE, NEW_PHONE]
    history = soup.find("h2", string="History").find_next("table").get_text()
    assert "Superseded" in history and "In force" in history and "管理员甲" in history
    [event] = _events("office_contact_changed")
    assert event.actor_account_id == admin.id
    assert event.data["subject"] == office_key(DEFAULT_OFFICE) and event.data["scheduled"] is False
    assert event.data["was"]["phone"] == OLD_PHONE and event.data["now"]["phone"] == NEW_PHONE
    audit = get_page(admin_client, "/admin/audit").get_text()
    assert "Street office contact details changed" in audit and f"{OLD_PHONE} → {NEW_PHONE}" in audit
    assert "Yuehai" in audit


def test_a_future_change_is_scheduled_and_shows_nowhere_until_its_date(app, admin_client, monkeypatch):
    _old_details()
    when = _today() + timedelta(days=10)
    response = _change(admin_client, effective_from=when.isoformat())
    assert response.status_code == 302
    soup = get_page(admin_client, OFFICE_URL)
    assert "Change scheduled" in soup.get_text() and NEW_PHONE in soup.select_one(".notice--info").get_text()
    assert OLD_PHONE in soup.find("h2", string="In force today").find_next("dl").get_text()
    listed = get_page(admin_client, "/admin/offices?district=440305")
    row = listed.select_one(f'a[href="{OFFICE_URL}"]').find_parent("tr").get_text()
    assert "Change scheduled" in row and OLD_PHONE in row
    assert _events("office_contact_changed")[0].data["scheduled"] is True

    # The public notice page and a receipt issued today still show the old phone.
    public = app.test_client()
    notice_page = get_page(public, f"/notices/{DEFAULT_OFFICE}").get_text()
    assert OLD_PHONE in notice_page and NEW_PHONE not in notice_page
    application = create_application(locale="zh_Hans")
    before = flat(pdf_text(receipt_pdf(application, "ABCD2345", utcnow())))
    assert OLD_PHONE in before and NEW_PHONE not in before

    # From the date on, both show the new one; a receipt issued before it still reads the old.
    monkeypatch.setattr(clock, "utcnow", lambda: _noon(when))
    notice_page = get_page(public, f"/notices/{DEFAULT_OFFICE}").get_text()
    assert NEW_PHONE in notice_page and OLD_PHONE not in notice_page
    after = flat(pdf_text(receipt_pdf(application, "ABCD2345", _noon(when))))
    assert NEW_PHONE in after and "新址" in after and OLD_PHONE not in after
    assert OLD_PHONE in flat(pdf_text(receipt_pdf(application, "ABCD2345", _noon(when - timedelta(days=1)))))
    soup = get_page(admin_client, OFFICE_URL)
    assert NEW_PHONE in soup.find("h2", string="In force today").find_next("dl").get_text()
    assert soup.select_one(".notice--info") is None


def test_a_second_change_for_the_same_date_replaces_the_first(admin_client):
    when = (_today() + timedelta(days=3)).isoformat()
    _change(admin_client, effective_from=when, phone="0755-26111111")
    _change(admin_client, effective_from=when, phone="0755-26222222")
    soup = get_page(admin_client, OFFICE_URL)
    assert len(soup.select(".notice--info")) == 1
    assert "0755-26222222" in soup.select_one(".notice--info").get_text()
    assert ContactBook(_today() + timedelta(days=3)).office(DEFAULT_OFFICE).phone == "0755-26222222"


@pytest.mark.parametrize("data, field, message", [
    ({"phone": "12345678"}, "phone", "such as 0755-12345678"),
    ({"phone": "0755-123"}, "phone", "such as 0755-12345678"),
    ({"phone": "13800138000"}, "phone", "such as 0755-12345678"),
    ({"phone": ""}, "phone", "Enter the phone number residents call"),
    ({"address": ""}, "address", "Enter the address where residents go"),
    ({"address": "长" * 201}, "address", "at most 200 characters"),
    ({"effective_from": "2020-01-01"}, "effective_from", "cannot be in the past"),
    ({"effective_from": "2027-02-30"}, "effective_from", "Enter a date like 2027-01-31"),
    ({"effective_from": "next week"}, "effective_from", "Enter a date like 2027-01-31"),
    ({"effective_from": ""}, "effective_from", "Enter the date the change takes effect"),
    ({"effective_from": "2099-01-01"}, "effective_from", "within the next two years"),
    ({"source": ""}, "source", "Say where these details come from"),
])
def test_bad_input_is_explained_next_to_the_field_and_nothing_typed_is_lost(admin_client, data, field, message):
    _old_details()
    response = _change(admin_client, **data)
    soup = page_of(response, 400)
    error = soup.select_one(f"#{field}-error")
    assert error is not None and message in error.get_text(), errors_of(soup)
    assert soup.title.get_text().startswith("Error:")
    assert soup.select_one(f'.error-summary a[href="#{field}"]') is not None
    typed = {"address": "深圳市南山区粤海街道新址 8 号", "phone": NEW_PHONE, "hours": "周一至周五 9:00-18:00",
             "effective_from": _today().isoformat(), "source": "粤海街道办事处搬迁公告", **data}
    for name, value in typed.items():
        assert soup.select_one(f"#{name}")["value"] == value, name
    assert db.session.scalar(db.select(db.func.count(ContactEntry.id))) == 1
    assert _events("office_contact_changed") == []


@pytest.mark.parametrize("typed, stored", [
    ("0755 2600 0001", "0755-26000001"),
    ("075526000001", "0755-26000001"),
    ("０７５５－２６０００００１", "0755-26000001"),
    ("0755-26000001-801", "0755-26000001-801"),
    ("010-1234567", "010-1234567"),
    ("12345", "12345"),
    ("12349", "12349"),
])
def test_phone_forms_accepted(admin_client, typed, stored):
    assert _change(admin_client, phone=typed).status_code == 302
    assert ContactBook(_today()).office(DEFAULT_OFFICE).phone == stored


@pytest.mark.parametrize("locale, heading, message", [
    ("zh_Hans", "修改联系方式", "请填写带区号的固定电话"),
    ("zh_Hant", "修改聯絡方式", "請填寫帶區號的固定電話"),
    ("en", "Change the contact details", "Enter a landline with its area code"),
])
def test_pages_and_messages_in_three_languages(app, admin, locale, heading, message):
    client = app.test_client()
    sign_in(client, admin)
    client.get(f"/language/{locale}")
    for url in ("/admin/offices", "/admin/authorities", OFFICE_URL, CIVIL_AFFAIRS_URL):
        get_page(client, url)
    soup = get_page(client, OFFICE_URL)
    assert heading in soup.get_text()
    soup = page_of(_change(client, phone="8888"), 400)
    assert message in soup.select_one("#phone-error").get_text()


def test_an_authoritys_contacts_print_on_receipts_and_notices_from_their_date(app, admin_client):
    when = _today() + timedelta(days=5)
    create_contact(subject=authority_key("civil_affairs_district", "440305"), address="深圳市南山区民政局旧址",
                   phone="0755-26000100")
    assert _change(admin_client, CIVIL_AFFAIRS_URL, address="深圳市南山区民政局新址", phone="0755-26000999",
                   effective_from=when.isoformat()).status_code == 302
    [event] = _events("authority_contact_changed")
    assert event.data["subject"] == "authority:civil_affairs_district:440305"
    listed = get_page(admin_client, "/admin/authorities")
    assert "Change scheduled" in listed.select_one(f'a[href="{CIVIL_AFFAIRS_URL}"]').find_parent("tr").get_text()
    application = create_application(locale="en", types=("dibao",))
    now = flat(pdf_text(receipt_pdf(application, "ABCD2345", utcnow())))
    assert "0755-26000100" in now and "0755-26000999" not in now and "CivilAffairsBureau" in now
    later = flat(pdf_text(receipt_pdf(application, "ABCD2345", _noon(when))))
    assert "0755-26000999" in later and "民政局新址" in later
    # A refusal notice names the deciding body with its contacts as they stand on its issue date.
    request = application.requests[0]
    event = _refusal_event(request)
    notice = flat(pdf_text(notice_pdf("refusal_notice", request, event, "ABCD2345", _noon(when))))
    assert "0755-26000999" in notice


def _refusal_event(request):
    from portal.models import Event

    event = Event(application_id=request.application_id, request_id=request.id, action="reject",
                  actor_role="reviewer", from_state="DECIDING", to_state="REJECTED", reason="收入高于标准",
                  legal_basis="S-DB Art. 12", at=utcnow())
    db.session.add(event)
    db.session.commit()
    return event


def test_unknown_offices_and_authorities_are_404(admin_client):
    for url in ("/admin/offices/99999999", "/admin/offices/%00", "/admin/authorities/street_office/440305",
                "/admin/authorities/civil_affairs_district/shenzhen", "/admin/authorities/assistance_station/440305",
                "/admin/authorities/civil_affairs_district/999999", "/admin/authorities/nonsense/440305"):
        assert admin_client.get(url).status_code == 404, url
    get_page(admin_client, "/admin/authorities/assistance_station/shenzhen")


@pytest.mark.parametrize("role", ["caseworker", "reviewer", "assistant", "resident"])
def test_other_roles_get_403(app, role):
    client = app.test_client()
    sign_in(client, create_account(role))
    for url in ("/admin/offices", "/admin/authorities", OFFICE_URL, CIVIL_AFFAIRS_URL):
        assert client.get(url).status_code == 403, url
    token_page = client.get("/admin/offices")
    assert token_page.status_code == 403
    assert client.post(OFFICE_URL, data={"phone": NEW_PHONE}).status_code in (400, 403)
    assert db.session.scalar(db.select(db.func.count(ContactEntry.id))) == 0


def test_anonymous_visitors_are_sent_to_sign_in(app):
    response = app.test_client().get("/admin/offices")
    assert response.status_code == 302 and "sign-in" in response.headers["Location"]


def test_demo_contacts_are_marked_and_loaded_once(admin_client):
    added = load_demo_contacts()
    assert added >= 4 and load_demo_contacts() == 0
    assert all(e.demo for e in db.session.scalars(db.select(ContactEntry)))
    soup = get_page(admin_client, OFFICE_URL)
    assert "Demo data" in soup.get_text()
    assert "Demo data" in get_page(admin_client, "/admin/offices").get_text()


def test_the_residents_status_page_shows_the_phones_in_force_today(app, admin_client, monkeypatch):
    _old_details()
    create_contact(subject=authority_key("civil_affairs_district", "440305"), address="深圳市南山区民政局",
                   phone="0755-26000100")
    when = _today() + timedelta(days=2)
    _change(admin_client, effective_from=when.isoformat())
    resident = create_account("resident")
    application = create_application(resident, types=("dibao",))
    client = app.test_client()
    sign_in(client, resident)
    client.get("/language/en")
    text = get_page(client, f"/my/applications/{application.reference}").get_text()
    assert OLD_PHONE in text and "0755-26000100" in text and NEW_PHONE not in text
    monkeypatch.setattr(clock, "utcnow", lambda: _noon(when))
    text = get_page(client, f"/my/applications/{application.reference}").get_text()
    assert NEW_PHONE in text and OLD_PHONE not in text


def test_the_confirmation_page_gives_the_receiving_offices_phone(client):
    from tests.client.test_apply_submit import ready_to_submit, submit_form
    from tests.tools.walkthrough import permit_holder

    _old_details()
    _account, check_url = ready_to_submit(client, permit_holder())
    response = client.post(check_url, data=submit_form(client, check_url))
    soup = get_page(client, response.headers["Location"])
    link = soup.select_one(f'main a[href="tel:{OLD_PHONE}"]')
    assert link is not None and link.find_parent("dd").find_previous_sibling("dt").get_text() in ("受理单位", "Received by")


def test_migration_keeps_details_typed_into_the_old_columns(tmp_path):
    from flask_migrate import downgrade, upgrade

    from portal import create_app
    from tests.conftest import _overrides

    app = create_app(_overrides(f"sqlite:///{tmp_path / 'm.sqlite3'}", tmp_path))
    with app.app_context():
        upgrade(revision="0013")
        db.session.execute(db.text("INSERT INTO districts (code, name_zh, name_hant, name_en) VALUES ('440305', '南山区', '', 'Nanshan')"))
        db.session.execute(db.text(
            "INSERT INTO offices (code, district_code, name_zh, name_hant, name_en, address, phone, hours) VALUES "
            "('44030506', '440305', '粤海街道', '', 'Yuehai', '旧地址', '0755-26000001', ''), "
            "('44030501', '440305', '南头街道', '', 'Nantou', '', '', '')"))
        db.session.commit()
        upgrade()
        rows = db.session.execute(db.text("SELECT subject, address, phone, effective_from FROM contact_entries")).all()
        assert [tuple(r)[:3] for r in rows] == [("office:44030506", "旧地址", "0755-26000001")]
        assert ContactBook(date(2026, 12, 7)).office("44030506").phone == "0755-26000001"
        db.session.commit()
        downgrade(revision="0013")
        assert "contact_entries" not in db.inspect(db.engine).get_table_names()
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize("locale", ["zh_Hans", "zh_Hant", "en"])
def test_a_receipt_with_every_contact_still_fits_one_page(app, locale):
    from tests.client.test_receipts_pdf import page_count

    # Addresses as long as real ones; the authorities print on one compact line each.
    create_contact(DEFAULT_OFFICE, address="深圳市南山区粤海街道科技南十二路 1 号办事处一楼社会救助窗口", phone="0755-26000506",
                   hours="周一至周五 9:00-12:00，14:00-18:00；法定节假日休息")
    for authority, phone in (("civil_affairs_district", "0755-26000100"), ("medical_security_bureau", "0755-26000200")):
        create_contact(subject=authority_key(authority, "440305"), address="深圳市南山区南头街道南山大道 2000 号",
                       phone=phone, hours="周一至周五 9:00-18:00")
    application = create_application(locale=locale, types=("dibao", "medical", "housing"))
    application.requests[1].authority = "medical_security_bureau"
    db.session.commit()
    content = receipt_pdf(application, "ABCD2345", utcnow())
    text = flat(pdf_text(content))
    assert "0755-26000506" in text and "0755-26000100" in text and "0755-26000200" in text
    assert page_count(content) == 1


def test_hostile_values_get_a_message_or_are_stored_as_typed_never_a_500(admin_client):
    from tests.helpers.pages import csrf_token
    from tests.security.test_hostile_forms import HOSTILE

    token = csrf_token(get_page(admin_client, OFFICE_URL))
    valid = {"address": "深圳市南山区粤海街道新址 8 号", "phone": NEW_PHONE, "hours": "",
             "effective_from": (_today() + timedelta(days=1)).isoformat(), "source": "公告"}
    for value in HOSTILE:
        for field in (*valid, None):
            data = {**valid, field: value} if field else dict.fromkeys(valid, value)
            response = admin_client.post(OFFICE_URL, data={"csrf_token": token, **data})
            assert response.status_code in (302, 400), (field, value, response.status_code)
            if response.status_code == 400 and field is None:
                assert page_of(response, 400).select(".field-error")  # each page checked once is enough
            elif response.status_code == 400:
                assert 'class="field-error"' in response.get_data(as_text=True)
    for entry in db.session.scalars(db.select(ContactEntry)):
        assert "\x00" not in entry.address + entry.hours + entry.source
        assert len(entry.address) <= 200 and len(entry.hours) <= 120 and len(entry.source) <= 200


def _csv(tmp_path, rows: list[str]):
    path = tmp_path / "contacts.csv"
    path.write_text("office_code,authority,district,address,phone,hours,effective_from,source\n"
                    + "\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def test_flask_contacts_load_adds_every_row_with_the_trail(app, tmp_path):
    day = _today().isoformat()
    later = (_today() + timedelta(days=7)).isoformat()
    path = _csv(tmp_path, [f"44030506,,,深圳市南山区粤海街道新址,0755 2699 9999,,{day},区政府公告",
                           f",civil_affairs_district,440305,深圳市南山区民政局,0755-26000100,,{later},区民政局公告",
                           f",assistance_station,,深圳市救助管理站,0755-12000000,全天,{day},市民政局公告"])
    result = app.test_cli_runner().invoke(args=["contacts", "load", path])
    assert result.exit_code == 0, result.output
    assert "Loaded 3" in result.output
    assert ContactBook(_today()).office(DEFAULT_OFFICE).phone == "0755-26999999"
    assert not ContactBook(_today()).authority("civil_affairs_district", "440305")
    assert ContactBook(_today() + timedelta(days=7)).authority("civil_affairs_district", "440305").phone == "0755-26000100"
    events = list(db.session.scalars(db.select(AdminEvent).order_by(AdminEvent.id)))
    assert [(e.action, e.via) for e in events] == [("office_contact_changed", "shell"),
                                                   ("authority_contact_changed", "shell"),
                                                   ("authority_contact_changed", "shell")]


def test_flask_contacts_load_changes_nothing_when_a_row_is_wrong(app, tmp_path):
    day = _today().isoformat()
    path = _csv(tmp_path, [f"44030506,,,深圳市南山区粤海街道新址,0755-26999999,,{day},公告",
                           f"99999999,,,某地,0755-26999999,,{day},公告",
                           "44030501,,,深圳市南山区南头街道,26999999,,2020-01-01,公告"])
    result = app.test_cli_runner().invoke(args=["contacts", "load", path])
    assert result.exit_code != 0
    assert "line 3, office_code: No such street office or authority" in result.output
    assert "line 4, phone:" in result.output and "line 4, effective_from:" in result.output
    assert db.session.scalar(db.select(db.func.count(ContactEntry.id))) == 0
    assert db.session.scalar(db.select(db.func.count(AdminEvent.id))) == 0


HOTLINE_URL = "/admin/authorities/assistance_hotline/shenzhen"


def test_the_hotline_changes_on_its_date_on_every_page_and_document(app, admin_client, monkeypatch):
    when = _today() + timedelta(days=20)
    response = _change(admin_client, HOTLINE_URL, address="", hours="", phone="12345", effective_from=when.isoformat(),
                       source="市政府关于12349并入12345热线的通告")
    assert response.status_code == 302  # the hotline needs no address
    public = app.test_client()
    footer = get_page(public, "/").select_one("footer").get_text()
    assert "12349" in footer and "12345" not in footer
    application = create_application(locale="zh_Hans")
    assert "12349" in flat(pdf_text(receipt_pdf(application, "ABCD2345", utcnow())))
    monkeypatch.setattr(clock, "utcnow", lambda: _noon(when))
    soup = get_page(public, "/")
    assert soup.select_one('footer a[href="tel:12345"]') is not None and "12349" not in soup.select_one("footer").get_text()
    text = flat(pdf_text(receipt_pdf(application, "ABCD2345", _noon(when))))
    assert "12345" in text and "12349" not in text


def test_pages_keep_the_configured_hotline_when_the_database_cannot_answer(app, monkeypatch):
    from portal.contacts import book

    def broken(self):
        raise RuntimeError("database down")

    monkeypatch.setattr(book.ContactBook, "hotline", broken)
    soup = get_page(app.test_client(), "/")
    assert soup.select_one('footer a[href="tel:12349"]') is not None


def test_the_referral_to_the_station_names_the_hotline_in_force(app):
    from portal.apply.places.jurisdiction import refer_text
    from portal.domain import jurisdiction as J
    from portal.domain.contacts import HOTLINE_KEY

    create_contact(subject=HOTLINE_KEY, phone="12345")
    with app.test_request_context("/"):
        text = refer_text(J.Referral(J.REFER_STATION, None, ""))
    assert "12345" in text and "12349" not in text


def test_the_hotline_without_an_entry_shows_the_configured_number(admin_client):
    row = get_page(admin_client, "/admin/authorities").select_one(f'a[href="{HOTLINE_URL}"]').find_parent("tr").get_text()
    assert "12349" in row and "Configured default" in row
    assert "configured number 12349" in get_page(admin_client, HOTLINE_URL).get_text()
