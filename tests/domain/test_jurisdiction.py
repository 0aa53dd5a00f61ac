"""Table-driven tests of portal.domain.jurisdiction.

The routing logic is tested against a policy built here (so a change of the shipped example
values does not hide a logic bug); the shipped file is tested for shape and its dated change.
"""
from __future__ import annotations

import ast
import itertools
from datetime import date
from pathlib import Path

import pytest

from portal.domain.jurisdiction import (
    BASES,
    HUKOU,
    INCIDENT_LOCATION,
    POLICY_KEYS,
    REFERRALS,
    RESIDENCE,
    RESIDENCE_PERMIT,
    TYPES,
    Address,
    ApplicationFacts,
    Hukou,
    JurisdictionError,
    Member,
    Reason,
    Referral,
    ResidencePermit,
    Routing,
    months_held,
    permit_status,
    route,
    shenzhen_handles,
)
from portal.domain.offices import load_offices
from portal.domain.policy import Policy, PolicyError, load_policy

OFFICES = {o.name: o for o in load_offices()}
BEFORE_CHANGE, CHANGE = date(2025, 12, 31), date(2026, 1, 1)
ON = date(2025, 6, 2)


def _entry(key, value, since="2021-07-01"):
    return {"key": key, "region": "440300", "effective_from": since, "value": value, "source": "test"}


OPEN_2021 = ["temp_expenditure", "medical", "education", "employment"]
ENTRIES = [
    _entry("jurisdiction.permit_open_types", OPEN_2021),
    _entry("jurisdiction.permit_open_types", OPEN_2021 + ["dibao", "low_income"], "2026-01-01"),
    _entry("jurisdiction.permit_min_months_held", 12),
    _entry("jurisdiction.permit_expiry_warning_days", 30),
    _entry("jurisdiction.dibao_delegated_to_street", False),
]
POLICY = Policy.from_entries(ENTRIES)


def place(name: str) -> Address:
    office = OFFICES[name]
    return Address(office.district_code, office.code)


def sz(name: str) -> Hukou:
    office = OFFICES[name]
    return Hukou.shenzhen(office.district_code, office.code)


HUNAN = Hukou.elsewhere("430102", "长沙市芙蓉区")
JIANGXI = Hukou.elsewhere("360102", "南昌市东湖区")
NANSHAN, YUEHAI, FUTIAN, BUJI = place("南山街道"), place("粤海街道"), place("福田街道"), place("布吉街道")


def permit(issued=date(2023, 1, 10), expires=date(2027, 1, 9), city="440300") -> ResidencePermit:
    return ResidencePermit(city_code=city, issued_on=issued, expires_on=expires, district_code="440305")


def one(facts: ApplicationFacts, type_: str, on: date = ON, policy: Policy = POLICY) -> Routing:
    (routing,) = route(facts, [type_], policy, on)
    return routing


def codes(reasons: tuple[Reason, ...]) -> list[str]:
    return [r.code for r in reasons]


MIGRANT = ApplicationFacts(hukou=HUNAN, residence=NANSHAN, permit=permit())

# facts, type, on -> receivable, office, basis, authority, longer limit, reason codes that must appear
CASES = {
    "shenzhen hukou, living at it": (
        ApplicationFacts(hukou=sz("南山街道"), residence=NANSHAN), "dibao", ON,
        (True, NANSHAN.office_code, HUKOU, "civil_affairs_district", False, ["hukou_office", "decided_by"])),
    "shenzhen hukou, living in another district (人户分离)": (
        ApplicationFacts(hukou=sz("福田街道"), residence=NANSHAN), "dibao", ON,
        (True, FUTIAN.office_code, HUKOU, "civil_affairs_district", True, ["separated_from_hukou"])),
    "人户分离 does not lengthen medical aid": (
        ApplicationFacts(hukou=sz("福田街道"), residence=NANSHAN), "medical", ON,
        (True, FUTIAN.office_code, HUKOU, "medical_security_bureau", False, ["hukou_office"])),
    "other province, valid permit, open type": (
        MIGRANT, "temp_expenditure", ON,
        (True, NANSHAN.office_code, RESIDENCE_PERMIT, "civil_affairs_district", False,
         ["hukou_elsewhere", "permit_holder_at_residence"])),
    "other province, valid permit, employment": (
        MIGRANT, "employment", ON,
        (True, NANSHAN.office_code, RESIDENCE_PERMIT, "public_employment_service", False, [])),
    "other province, valid permit, type not open": (
        MIGRANT, "housing", ON,
        (False, None, None, "housing_bureau", False, ["hukou_elsewhere", "type_not_open_to_permit_holders"])),
    "other province, expired permit": (
        ApplicationFacts(hukou=HUNAN, residence=NANSHAN, permit=permit(expires=date(2025, 6, 1))),
        "temp_expenditure", ON, (False, None, None, "civil_affairs_district", False, ["permit_unusable"])),
    "other province, no permit": (
        ApplicationFacts(hukou=HUNAN, residence=NANSHAN), "medical", ON,
        (False, None, None, "medical_security_bureau", False, ["permit_unusable"])),
    "other province, permit from Guangzhou": (
        ApplicationFacts(hukou=HUNAN, residence=NANSHAN, permit=permit(city="440100")), "medical", ON,
        (False, None, None, "medical_security_bureau", False, ["permit_unusable"])),
    "other province, valid permit, no residence in Shenzhen": (
        ApplicationFacts(hukou=HUNAN, permit=permit()), "medical", ON,
        (False, None, None, "medical_security_bureau", False, ["no_residence_in_shenzhen"])),
    "emergency in another district than the residence": (
        ApplicationFacts(hukou=HUNAN, residence=NANSHAN, incident=BUJI), "temp_emergency", ON,
        (True, BUJI.office_code, INCIDENT_LOCATION, "street_office", False, ["incident_location"])),
    "emergency of a Shenzhen resident registered elsewhere, no permit, no incident place": (
        ApplicationFacts(hukou=HUNAN, residence=NANSHAN), "temp_emergency", ON,
        (True, NANSHAN.office_code, RESIDENCE, "street_office", False, ["open_to_every_resident"])),
    "emergency in 大鹏新区 (project district code DAPENG)": (
        ApplicationFacts(hukou=sz("南山街道"), residence=NANSHAN, incident=place("南澳办事处")), "temp_emergency", ON,
        (True, "DAPENG03", INCIDENT_LOCATION, "street_office", False, ["incident_location"])),
    "disaster at the incident place": (
        ApplicationFacts(hukou=sz("福田街道"), residence=FUTIAN, incident=BUJI), "disaster", ON,
        (True, BUJI.office_code, INCIDENT_LOCATION, "emergency_management", False, ["incident_location"])),
    "tekun follows the applicant's own hukou only": (
        ApplicationFacts(hukou=HUNAN, residence=NANSHAN, permit=permit(),
                         members=(Member("member-2", sz("福田街道")),)), "tekun", ON,
        (False, None, None, "civil_affairs_district", False, ["hukou_elsewhere", "type_not_open_to_permit_holders"])),
    "dibao before the change: not open to permit holders": (
        MIGRANT, "dibao", BEFORE_CHANGE,
        (False, None, None, "civil_affairs_district", False, ["type_not_open_to_permit_holders"])),
    "dibao on the day of the change: open, 异地申办 lengthens the limit": (
        MIGRANT, "dibao", CHANGE,
        (True, NANSHAN.office_code, RESIDENCE_PERMIT, "civil_affairs_district", True,
         ["permit_holder_at_residence", "applying_outside_hukou"])),
    "low_income on the day of the change": (
        MIGRANT, "low_income", CHANGE,
        (True, NANSHAN.office_code, RESIDENCE_PERMIT, "civil_affairs_district", True, ["applying_outside_hukou"])),
}


@pytest.mark.parametrize("facts, type_, on, expected", CASES.values(), ids=CASES.keys())
def test_routing_table(facts, type_, on, expected):
    receivable, office, basis, authority, longer, reason_codes = expected
    routing = one(facts, type_, on)
    assert (routing.receivable, routing.office_code, routing.basis, routing.authority,
            routing.uses_longer_time_limit) == (receivable, office, basis, authority, longer)
    assert set(reason_codes) <= set(codes(routing.reasons)), codes(routing.reasons)
    if receivable:
        assert routing.district_code == OFFICES_BY_CODE[office].district_code
        assert routing.refer_to is None
    else:
        assert routing.refer_to is not None


OFFICES_BY_CODE = {o.code: o for o in load_offices()}


@pytest.mark.parametrize("facts, type_, expected_region", [
    (MIGRANT, "housing", "430102"),
    (ApplicationFacts(hukou=HUNAN, residence=NANSHAN, permit=permit(expires=date(2025, 6, 1))), "medical", "430102"),
    (ApplicationFacts(hukou=JIANGXI, residence=NANSHAN), "dibao", "360102"),
])
def test_referral_to_the_hukou_place_names_the_region(facts, type_, expected_region):
    routing = one(facts, type_)
    assert routing.refer_to == Referral("hukou_place", expected_region, facts.hukou.place)


# Household members registered in different places (S-DB Art. 5 ¶1).
HOUSEHOLDS = {
    "no member lives at their hukou: a Shenzhen member's own hukou": (
        ApplicationFacts(hukou=HUNAN, residence=NANSHAN, members=(Member("member-2", sz("福田街道")),)),
        (True, FUTIAN.office_code, "household_member_own_hukou", "member-2", True)),
    "a member lives at their hukou (same district, other street)": (
        ApplicationFacts(hukou=HUNAN, residence=YUEHAI, members=(Member("member-2", sz("南山街道")),)),
        (True, NANSHAN.office_code, "household_member_at_hukou", "member-2", True)),
    "member living at their hukou elsewhere takes precedence over a separated Shenzhen hukou": (
        ApplicationFacts(hukou=sz("福田街道"), residence=NANSHAN,
                         members=(Member("member-3", JIANGXI, lives_at_hukou=True),)),
        (False, None, "household_member_at_hukou", "member-3", False)),
    "applicant living at the Shenzhen hukou wins over a member elsewhere": (
        ApplicationFacts(hukou=sz("南山街道"), residence=NANSHAN,
                         members=(Member("member-3", JIANGXI, lives_at_hukou=True),)),
        (True, NANSHAN.office_code, "household_member_at_hukou", "applicant", False)),
    "nobody registered in Shenzhen: the applicant's hukou place": (
        ApplicationFacts(hukou=HUNAN, residence=NANSHAN, members=(Member("member-3", JIANGXI),)),
        (False, None, "household_member_own_hukou", "applicant", False)),
}


@pytest.mark.parametrize("facts, expected", HOUSEHOLDS.values(), ids=HOUSEHOLDS.keys())
def test_household_registered_in_different_places(facts, expected):
    receivable, office, code, person, longer = expected
    routing = one(facts, "dibao")
    assert (routing.receivable, routing.office_code, routing.uses_longer_time_limit) == (receivable, office, longer)
    art5 = [r for r in routing.reasons if r.code == code]
    assert art5 and art5[0].params_dict["person"] == person and art5[0].article == "S-DB Art. 5 ¶1"
    if not receivable:
        chosen = facts.hukou if person == "applicant" else next(m.hukou for m in facts.members if m.ref == person)
        assert routing.refer_to == Referral("hukou_place", chosen.region_code, chosen.place)


@pytest.mark.parametrize("facts, expected", [
    (permit(expires=date(2025, 7, 2)), ["permit_expires_soon"]),           # 30 days left: inside the window
    (permit(expires=date(2025, 7, 3)), []),                                # 31 days left
    (permit(expires=ON), ["permit_expires_soon"]),                         # last valid day
    (permit(issued=date(2024, 12, 3)), ["residence_too_short"]),           # 5 completed months < 12
    (permit(issued=date(2024, 6, 2)), []),                                 # exactly 12 months
    (permit(city="440100"), ["permit_from_other_city"]),
    (permit(expires=date(2025, 6, 1)), ["permit_expired"]),
])
def test_permit_warnings(facts, expected):
    routing = one(ApplicationFacts(hukou=HUNAN, residence=NANSHAN, permit=facts), "medical")
    assert codes(routing.warnings) == expected
    usable = expected in ([], ["permit_expires_soon"], ["residence_too_short"])
    assert routing.receivable is usable


def test_soon_expiring_permit_warning_carries_days_left():
    facts = ApplicationFacts(hukou=HUNAN, residence=NANSHAN, permit=permit(expires=date(2025, 6, 12)))
    routing = one(facts, "medical")
    assert routing.warnings[0].params_dict == {"expires_on": "2025-06-12", "days_left": 10, "window_days": 30}


def test_permit_warnings_only_when_the_permit_was_considered():
    facts = ApplicationFacts(hukou=HUNAN, residence=NANSHAN, permit=permit(expires=date(2025, 6, 1)))
    assert one(facts, "housing").warnings == ()  # housing is not open to permit holders
    assert one(ApplicationFacts(hukou=sz("南山街道"), residence=NANSHAN, permit=permit(city="440100")),
               "medical").warnings == ()


@pytest.mark.parametrize("p, on, expected", [
    (None, ON, "missing"),
    (permit(city="440100"), ON, "other_city"),
    (permit(issued=date(2025, 6, 3)), ON, "not_yet_valid"),
    (permit(expires=date(2025, 6, 1)), ON, "expired"),
    (permit(expires=ON), ON, "expires_soon"),
    (permit(expires=date(2025, 7, 2)), ON, "expires_soon"),
    (permit(expires=date(2025, 7, 3)), ON, "valid"),
])
def test_permit_status(p, on, expected):
    assert permit_status(p, on, POLICY) == expected


@pytest.mark.parametrize("issued, on, expected", [
    (date(2025, 1, 31), date(2025, 2, 28), 1),
    (date(2025, 1, 31), date(2025, 2, 27), 0),
    (date(2024, 6, 2), date(2025, 6, 1), 11),
    (date(2024, 6, 2), date(2025, 6, 2), 12),
])
def test_months_held(issued, on, expected):
    assert months_held(permit(issued=issued), on) == expected


@pytest.mark.parametrize("facts", [
    ApplicationFacts(hukou=HUNAN, residence=NANSHAN, incident=BUJI, stranded=True),
    ApplicationFacts(hukou=sz("南山街道"), stranded=True),
    ApplicationFacts(hukou=HUNAN, stranded=True),
])
def test_stranded_person_temporary_aid_goes_to_the_assistance_station(facts):
    for routing in route(facts, ["temp_emergency", "temp_expenditure"], POLICY, ON):
        assert not routing.receivable
        assert routing.authority == "assistance_station"
        assert routing.refer_to == Referral("assistance_station", "440300")
        assert codes(routing.reasons) == ["stranded_person"]


def test_stranded_person_keeps_other_types_by_registration():
    routing = one(ApplicationFacts(hukou=sz("南山街道"), stranded=True), "dibao")
    assert (routing.receivable, routing.office_code, routing.basis) == (True, NANSHAN.office_code, HUKOU)


def test_emergency_without_any_place_in_shenzhen_is_referred_to_the_incident_place():
    routing = one(ApplicationFacts(hukou=HUNAN), "temp_emergency")
    assert not routing.receivable and routing.refer_to == Referral("incident_place")


def test_dibao_delegation_is_a_dated_parameter():
    delegated = Policy.from_entries(ENTRIES + [_entry("jurisdiction.dibao_delegated_to_street", True, "2025-06-02")])
    facts = ApplicationFacts(hukou=sz("南山街道"), residence=NANSHAN)
    assert one(facts, "dibao", date(2025, 6, 1), delegated).authority == "civil_affairs_district"
    routing = one(facts, "dibao", ON, delegated)
    assert routing.authority == "street_office" and "decision_delegated_to_street" in codes(routing.reasons)
    assert one(facts, "low_income", ON, delegated).authority == "civil_affairs_district"


FACT_GRID = [
    ApplicationFacts(hukou=sz("南山街道"), residence=NANSHAN),
    ApplicationFacts(hukou=sz("福田街道"), residence=place("葵涌办事处"), incident=BUJI),
    MIGRANT,
    ApplicationFacts(hukou=HUNAN, residence=NANSHAN, permit=permit(expires=date(2025, 6, 1))),
    ApplicationFacts(hukou=HUNAN, residence=NANSHAN, permit=permit(city="440100")),
    ApplicationFacts(hukou=HUNAN),
    ApplicationFacts(hukou=HUNAN, stranded=True),
    ApplicationFacts(hukou=HUNAN, residence=NANSHAN, members=(Member("m", JIANGXI, lives_at_hukou=True),)),
    ApplicationFacts(hukou=JIANGXI, residence=FUTIAN, permit=permit(city="440100"), incident=place("南澳办事处")),
]


@pytest.mark.parametrize("facts, on", list(itertools.product(FACT_GRID, [ON, BEFORE_CHANGE, CHANGE])))
def test_every_request_is_routed_and_nobody_is_turned_away_without_a_referral(facts, on):
    routings = route(facts, list(TYPES), POLICY, on)
    assert [r.type for r in routings] == list(TYPES)
    for r in routings:
        assert r.reasons and all(reason.article for reason in r.reasons)
        if r.receivable:
            assert r.basis in BASES and r.office_code in OFFICES_BY_CODE
        else:
            assert r.refer_to is not None and r.refer_to.code in REFERRALS and r.office_code is None
            if r.refer_to.code == "hukou_place":
                assert r.refer_to.region_code
        if r.type == "temp_emergency" and facts.incident and not facts.stranded:
            # Whatever the registration or permit (S-YJ item 14; S-DD 四(三)).
            assert (r.receivable, r.basis, r.office_code) == (True, INCIDENT_LOCATION, facts.incident.office_code)


def test_routing_refuses_a_non_receivable_request_without_referral():
    with pytest.raises(ValueError):
        Routing("dibao", False, None, None, None, "civil_affairs_district", (Reason("x", "y"),))
    with pytest.raises(ValueError):
        Routing("dibao", True, None, None, HUKOU, "civil_affairs_district", (Reason("x", "y"),))


def test_types_are_routed_once_in_the_order_asked():
    routings = route(MIGRANT, ["medical", "dibao", "medical"], POLICY, ON)
    assert [r.type for r in routings] == ["medical", "dibao"]


@pytest.mark.parametrize("call", [
    lambda: route(MIGRANT, ["pension"], POLICY, ON),
    lambda: route(ApplicationFacts(hukou=HUNAN, residence=Address("440304", NANSHAN.office_code)),
                  ["dibao"], POLICY, ON),
    lambda: route(ApplicationFacts(hukou=Hukou.shenzhen("440305", "44039999")), ["dibao"], POLICY, ON),
    lambda: Hukou.elsewhere("440305", "南山"),
    lambda: Hukou.elsewhere("43010"),
    lambda: Hukou("shenzhen", district_code="440305"),
])
def test_bad_facts_are_rejected(call):
    with pytest.raises(ValueError):
        call()


def test_office_mismatch_is_a_jurisdiction_error():
    with pytest.raises(JurisdictionError):
        route(ApplicationFacts(hukou=HUNAN, incident=Address("440307", NANSHAN.office_code)),
              ["disaster"], POLICY, ON)


def test_summary_picks_the_household_office_for_the_envelope():
    facts = ApplicationFacts(hukou=sz("福田街道"), residence=NANSHAN, incident=BUJI)
    summary = shenzhen_handles(route(facts, ["temp_emergency", "dibao", "housing"], POLICY, ON))
    assert summary.handled == ("temp_emergency", "dibao", "housing") and summary.all_handled
    assert summary.offices == (BUJI.office_code, FUTIAN.office_code)
    assert (summary.primary_office, summary.primary_basis) == (FUTIAN.office_code, HUKOU)


def test_summary_of_a_partly_referred_application():
    summary = shenzhen_handles(route(MIGRANT, ["housing", "medical", "dibao"], POLICY, ON))
    assert summary.handled == ("medical",) and summary.referred == ("housing", "dibao")
    assert not summary.all_handled and summary.any_handled
    assert (summary.primary_office, summary.primary_basis) == (NANSHAN.office_code, RESIDENCE_PERMIT)
    nothing = shenzhen_handles(route(ApplicationFacts(hukou=HUNAN), ["dibao"], POLICY, ON))
    assert not nothing.any_handled and nothing.primary_office is None


def test_a_date_without_parameters_raises():
    with pytest.raises(PolicyError):
        route(MIGRANT, ["medical"], POLICY, date(2021, 6, 30))


def test_shipped_parameters_are_examples_with_sources_and_a_dated_change():
    policy = load_policy()
    for key in POLICY_KEYS:
        for param in policy.entries[key]:
            assert param.region == "440300" and param.example and param.source.strip()
    for param in policy.entries["jurisdiction.permit_open_types"]:
        assert set(param.value) <= set(TYPES)
    before = policy.value("jurisdiction.permit_open_types", BEFORE_CHANGE)
    after = policy.value("jurisdiction.permit_open_types", CHANGE)
    assert "dibao" not in before and {"dibao", "low_income"} <= set(after)
    assert one(MIGRANT, "dibao", BEFORE_CHANGE, policy).receivable is False
    assert one(MIGRANT, "dibao", CHANGE, policy).basis == RESIDENCE_PERMIT


@pytest.mark.parametrize("module", ["jurisdiction", "offices"])
def test_domain_modules_stay_pure(module):
    source = (Path(__file__).resolve().parents[2] / "portal" / "domain" / f"{module}.py").read_text(encoding="utf-8")
    imported = {alias.name.split(".")[0] for node in ast.walk(ast.parse(source))
                if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(ast.parse(source))
                 if isinstance(node, ast.ImportFrom) and node.module}
    assert not imported & {"flask", "flask_babel", "sqlalchemy", "werkzeug"}
