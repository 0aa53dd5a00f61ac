"""Issue 16 part 6: the emergency path asks no household registration. Emergency aid is routed by
the place of need alone; a type routed by registration cannot be routed without one."""
from __future__ import annotations

from datetime import date

import pytest

from portal.domain.jurisdiction import (
    INCIDENT_LOCATION,
    RESIDENCE,
    Address,
    ApplicationFacts,
    JurisdictionError,
    route,
)
from portal.domain.offices import load_offices
from portal.domain.policy import Policy

OFFICES = {o.name: o for o in load_offices()}
POLICY = Policy.from_entries([{"key": "jurisdiction.dibao_delegated_to_street", "region": "440300",
                               "effective_from": "2021-07-01", "value": False, "source": "test"}])
ON = date(2026, 6, 1)


def place(name: str) -> Address:
    return Address(OFFICES[name].district_code, OFFICES[name].code)


def test_emergency_aid_is_routed_to_the_incident_place_without_a_registration():
    (routing,) = route(ApplicationFacts(hukou=None, incident=place("园岭街道")), ["temp_emergency"], POLICY, ON)
    assert (routing.receivable, routing.office_code, routing.basis) == (True, OFFICES["园岭街道"].code, INCIDENT_LOCATION)


def test_without_an_incident_place_it_goes_to_where_the_resident_lives():
    (routing,) = route(ApplicationFacts(hukou=None, residence=place("粤海街道")), ["temp_emergency"], POLICY, ON)
    assert (routing.office_code, routing.basis) == (OFFICES["粤海街道"].code, RESIDENCE)


@pytest.mark.parametrize("type_", ["dibao", "tekun"])
def test_types_routed_by_registration_need_one(type_):
    with pytest.raises(JurisdictionError):
        route(ApplicationFacts(hukou=None, incident=place("园岭街道")), ["temp_emergency", type_], POLICY, ON)
