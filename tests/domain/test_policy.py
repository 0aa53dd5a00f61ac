from datetime import date

import pytest

from portal.domain.policy import Policy, PolicyError, load_policy, region_chain

ENTRIES = [
    {"key": "std", "region": "CN", "effective_from": "2020-01-01", "value": 500, "source": "n"},
    {"key": "std", "region": "440300", "effective_from": "2024-07-01", "value": 1400, "source": "s"},
    {"key": "std", "region": "440300", "effective_from": "2025-07-01", "value": 1480, "source": "s2", "example": True},
]


def test_region_chain_goes_from_district_to_nation():
    assert region_chain("440305") == ["440305", "440300", "440000", "CN"]
    assert region_chain("CN") == ["CN"]


@pytest.mark.parametrize("on, expected", [
    (date(2019, 12, 31), None),
    (date(2020, 1, 1), 500),
    (date(2024, 6, 30), 500),
    (date(2024, 7, 1), 1400),
    (date(2025, 6, 30), 1400),
    (date(2025, 7, 1), 1480),
])
def test_value_in_force_on_a_date(on, expected):
    policy = Policy.from_entries(ENTRIES)
    if expected is None:
        with pytest.raises(PolicyError):
            policy.value("std", on, "440305")
    else:
        assert policy.value("std", on, "440305") == expected


def test_other_city_falls_back_to_national_value():
    policy = Policy.from_entries(ENTRIES)
    assert policy.value("std", date(2025, 8, 1), "110105") == 500


def test_shipped_policy_has_sources_for_every_entry():
    policy = load_policy()
    for key in policy.keys():
        for param in policy.entries[key]:
            assert param.source.strip(), key
