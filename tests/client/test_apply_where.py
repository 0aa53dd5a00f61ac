"""Residents registered outside Shenzhen: the residence permit, what Shenzhen handles (told
right after "About you"), the declaration, and where to go for the rest."""
from __future__ import annotations

from datetime import timedelta

from portal.apply.answers.household_map import (
    answers_from_household,
    household_from_answers,
)
from portal.clock import today
from portal.domain.household import Household
from portal.extensions import db
from portal.models import Application
from tests.factories import create_account, sign_in
from tests.helpers.pages import errors_of, get_page, page_of, submit
from tests.tools.walkthrough import permit_holder, resident_id, walk


def _about_elsewhere(client, permit=None):
    account = create_account("resident")
    sign_in(client, account)
    app_id = int(submit(client, "/apply/new", {}, form_url="/apply").headers["Location"].split("/")[2])
    household = permit_holder()
    for key in ("name", "phone", "address", "hukou", "hukou-elsewhere", "marital"):
        assert submit(client, f"/apply/{app_id}/{key}", household.pages.get(key, {"phone": "13800138000"})).status_code == 302
    if permit is None:
        assert submit(client, f"/apply/{app_id}/permit", {"has_permit": "no"}).status_code == 302
    else:
        submit(client, f"/apply/{app_id}/permit", {"has_permit": "yes"})
        response = submit(client, f"/apply/{app_id}/permit-details", permit)
        assert response.headers["Location"].endswith(f"/apply/{app_id}/where"), "the preview comes right after"
    return account, app_id


def _permit(issued_days_ago, expires_in_days):
    return {"issued_on": (today() - timedelta(days=issued_days_ago)).isoformat(),
            "expires_on": (today() + timedelta(days=expires_in_days)).isoformat(), "district_code": "440305"}


def _handled_and_referred(soup):
    here = soup.select_one("#handled-here")
    return soup.get_text(" ", strip=True), here.get_text(" ", strip=True) if here else ""


def test_valid_permit_shows_what_shenzhen_handles_and_at_which_office(client):
    account, app_id = _about_elsewhere(client, _permit(700, 400))
    client.get("/language/en")
    soup = get_page(client, f"/apply/{app_id}/where")
    text, here = _handled_and_referred(soup)
    assert "Minimum living allowance" in here and "Nanshan District Yuehai Subdistrict" in here
    assert "where you live, with your residence permit" in here
    assert "45 working days" in here
    assert "Support for people in extreme poverty" not in here  # personal status: registration place
    assert "Apply at the street office of your household registration: Hunan 衡阳市衡南县." in text
    assert not soup.select(".notice--warning")


def test_expired_permit_is_told_what_it_can_still_apply_for_here(client):
    account, app_id = _about_elsewhere(client, _permit(1200, -3))
    client.get("/language/en")
    soup = get_page(client, f"/apply/{app_id}/where")
    text, here = _handled_and_referred(soup)
    warning = soup.select_one(".notice--warning").get_text(" ", strip=True)
    assert "expired" in warning and "Renew it" in warning
    assert "Emergency temporary aid" in here and "Disaster relief" in here
    assert "Minimum living allowance" not in here
    assert "Shenzhen could handle this with a valid residence permit, but your residence permit has expired." in text


def test_permit_expiring_soon_gets_a_clear_message(client):
    account, app_id = _about_elsewhere(client, _permit(700, 10))
    client.get("/language/zh_Hans")
    soup = get_page(client, f"/apply/{app_id}/where")
    assert "还剩 10 天" in soup.select_one(".notice--warning").get_text()


def test_no_permit_still_offers_emergency_aid_here(client):
    account, app_id = _about_elsewhere(client, None)
    client.get("/language/en")
    soup = get_page(client, f"/apply/{app_id}/where")
    assert "Without a Shenzhen residence permit" in soup.select_one(".notice--warning").get_text()


def test_permit_dates_are_checked(client):
    account, app_id = _about_elsewhere(client, None)
    submit(client, f"/apply/{app_id}/permit", {"has_permit": "yes"})
    client.get("/language/en")
    soup = page_of(submit(client, f"/apply/{app_id}/permit-details",
                          {"issued_on": "2025-05-01", "expires_on": "2025-01-01", "district_code": "440305"}), 200)
    assert errors_of(soup) == ["The date it is valid until must be after the date of issue"]
    soup = page_of(submit(client, f"/apply/{app_id}/permit-details", {"issued_on": "", "expires_on": "x"}), 200)
    assert errors_of(soup) == ["Enter the date, like 2024-03-01", "Enter a real date, like 2024-03-01",
                               "Choose the district that issued the permit"]


def test_the_declaration_is_required_and_recorded(client):
    account, app_id = _about_elsewhere(client, _permit(700, 400))
    client.get("/language/en")
    soup = page_of(submit(client, f"/apply/{app_id}/where", {}), 200)
    assert errors_of(soup) == ["Tick the box to declare that you do not receive the same assistance at your place of registration"]
    assert submit(client, f"/apply/{app_id}/where", {"not_receiving_elsewhere": "y"}).status_code == 302
    record = db.session.get(Application, app_id).answers["declarations"]["not_receiving_elsewhere"]
    assert record["version"] == "2026-01" and record["by"] == account.id and record["method"] == "online"


def test_an_expired_permit_applicant_submits_only_what_shenzhen_receives(client):
    household = permit_holder()
    household.pages["permit-details"] = _permit(1200, -3)
    household.pages["situation"] = {"situations": "emergency"}
    household.pages["emergency"] = {"kind": "sudden_illness", "date": today().isoformat(), "office_code": "44030506",
                                    "affected": "me",
                                    "description": "突发脑溢血住院"}
    household.pages["emergency-help"] = {"needs": ["medical"], "help_kinds": "none"}
    household.pages["types"] = {"types": ["dibao", "temp_emergency", "medical"]}
    account = create_account("resident")
    sign_in(client, account)
    result = walk(client, household)
    application = db.session.scalars(db.select(Application).where(Application.account_id == account.id)).one()
    assert [r.type for r in application.requests] == ["temp_emergency"]
    assert application.requests[0].basis == "incident_location"
    assert {item["type"] for item in application.answers["routing"]["referred"]} == {"dibao", "medical"}
    client.get("/language/en")
    text = get_page(client, result.visited[-1]).get_text(" ", strip=True)
    assert "Not handled in Shenzhen" in text and "Apply at the street office of your household registration" in text


# --- the pre-check hand-off -----------------------------------------------------------------

PRECHECK = {
    "region": "440300",
    "members": [
        {"relation": "self", "age": 67, "lives_with_applicant": True, "labour_capacity": "none",
         "disability": {"type": "visual", "grade": 1}, "employment": "retired",
         "income": [{"category": "transfer", "subtype": "pension", "amount": "800"},
                    {"category": "excluded", "subtype": "old_age_allowance", "amount": "200"}]},
        {"relation": "grandchild", "age": 12, "lives_with_applicant": True, "student_stage": "primary",
         "full_time": True, "income": []},
    ],
    "assets": {"deposits": "3000", "securities": "0", "insurance_cash_value": "0", "internet_finance": "100",
               "receivables": "0", "vehicles": [], "houses": [{"use": "self_occupied", "area_m2": "45"}],
               "business_registrations": 0},
    "circumstances": {"rigid_expenditure": {"medical": "5000"}, "housing_difficulty": False, "disaster": False,
                      "has_emergency": False},
}


def test_precheck_answers_become_draft_answers():
    household = Household.from_dict(PRECHECK, today=today())
    answers = answers_from_household(household.to_dict())
    me, child = answers["members"]
    assert (me["ref"], me["relation"], me["disability"], me["labour_capacity"]) == ("m1", "self", {"type": "visual", "grade": 1}, "none")
    assert (child["ref"], child["student_stage"], child["full_time"]) == ("m2", "primary", True)
    assert answers["income"]["m1"] == {"sources": ["pension", "old_age_allowance"],
                                       "amounts": {"pension": "800.00", "old_age_allowance": "200.00"}}
    assert answers["income"]["m2"] == {"sources": [], "amounts": {}}
    assert answers["assets"]["securities"] == "100.00" and answers["assets"]["owns"] == ["home"]
    assert answers["assets"]["houses"] == [{"use": "self_occupied", "area_m2": "45.00"}]
    assert answers["circumstances"] == {"costs": ["medical"], "rigid_expenditure": {"medical": "5000.00"},
                                        "situations": []}
    # Read back (with ID numbers added): the screening sees the same household.
    answers["about"] = {"id_number": resident_id("440305", f"{today().year - 68}0101", "115")}
    answers["members"][0]["id_number"] = answers["about"]["id_number"]
    answers["members"][1]["id_number"] = resident_id("440305", f"{today().year - 13}0101", "226")
    again = household_from_answers(answers, today())
    assert again.members[0].disability == household.members[0].disability
    assert again.assets.houses == household.assets.houses
    assert again.circumstances.rigid_expenditure.medical == household.circumstances.rigid_expenditure.medical


def test_get_apply_with_a_precheck_token_starts_a_filled_draft(client):
    from portal.precheck import store

    token = store.save(Household.from_dict(PRECHECK, today=today()).to_dict())
    account = create_account("resident")
    sign_in(client, account)
    response = client.get(f"/apply?precheck={token}")
    assert response.status_code == 302
    application = db.session.scalars(db.select(Application).where(Application.account_id == account.id)).one()
    assert application.answers["assets"]["deposits"] == "3000.00"
    assert application.answers["members"][0]["disability"] == {"type": "visual", "grade": 1}
    assert response.headers["Location"].endswith(f"/apply/{application.id}")
    assert store.load(token) is None  # used once
    # An unknown or malformed token starts nothing new and never fails.
    assert client.get("/apply?precheck=unknown").status_code == 302
    assert client.get("/apply?precheck=" + "x" * 5000).status_code == 302
    assert len(db.session.scalars(db.select(Application)).all()) == 1
