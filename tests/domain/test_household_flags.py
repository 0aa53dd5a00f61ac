"""A yes/no fact about a person is one field on the domain's dataclass: the reader, the API's
JSON Schema and the journey's mapper all take it from there."""
from __future__ import annotations

from dataclasses import fields
from datetime import date

import pytest

from portal.api.schemas import HOUSEHOLD_SCHEMAS
from portal.apply.answers import household_map
from portal.domain.household import HouseholdError, Member, Supporter
from portal.domain.household_io import flags, household_from_dict, household_to_dict

TODAY = date(2026, 12, 7)


def test_flags_are_read_off_the_fields():
    for cls in (Member, Supporter):
        expected = {f.name: f.type == "bool | None" for f in fields(cls) if f.type in ("bool", "bool | None")}
        assert flags(cls) == expected
    assert flags(Member)["lives_with_applicant"] is True and flags(Member)["serious_illness"] is False
    assert {"deceased", "property_within_limits"} <= set(flags(Supporter))


@pytest.mark.parametrize("cls, schema, where", [(Member, "Member", "members[0]"), (Supporter, "Supporter", "supporters[0]")])
def test_every_flag_is_read_and_described_alike(cls, schema, where):
    properties = HOUSEHOLD_SCHEMAS[schema]["properties"]
    self_member = {"relation": "self", "age": 40}
    for name, open_ in flags(cls).items():
        assert properties[name]["type"] == ["boolean", "null"]
        assert ("not answered" in properties[name]["description"]) is open_
        person = {"relation": "self" if cls is Member else "parent", name: "yes"}
        data = {"members": [person]} if cls is Member else {"members": [self_member], "supporters": [person]}
        with pytest.raises(HouseholdError) as caught:
            household_from_dict(data, TODAY)
        assert (f"{where}.{name}", "not_a_boolean") in caught.value.problems
        person[name] = None
        read = household_from_dict(data, TODAY)
        value = getattr((read.members if cls is Member else read.supporters)[0], name)
        assert value is (None if open_ else False)
        person[name] = True
        back = household_to_dict(household_from_dict(data, TODAY))
        assert (back["members"] if cls is Member else back["supporters"])[0][name] is True


def test_the_journey_carries_each_asked_flag_both_ways():
    assert "serious_illness" in household_map._ASKED_FLAGS
    assert not {"clergy_apart_3y", "serving_sentence", "full_time"} & set(household_map._ASKED_FLAGS)
    answers = household_map.answers_from_household(
        {"members": [{"relation": "self", "serious_illness": True}, {"relation": "son", "serious_illness": False}]})
    assert [m["serious_illness"] for m in answers["members"]] == [True, False]
    household = household_map.household_from_answers(answers, TODAY)
    assert [m.serious_illness for m in household.members] == [True, False]
