"""A household whose personal data are sentinel values: easy to search for in logs, URLs,
messages and the raw database, and unlikely to occur there by chance."""
from __future__ import annotations

from tests.tools import walkthrough as W

NAME = "沈哨兵"
ID_NUMBER = W.resident_id("440305", "19660606", "717")
MEMBER_NAME = "莫哨兵"
MEMBER_ID = W.resident_id("440305", "19420909", "828")
BANK_ACCOUNT = "6217009988776655443"
WAGES = "9876"
DISABILITY_GRADE = "2"


def sentinel_household(id_number: str = ID_NUMBER) -> W.Household:
    household = W.three_person_family()
    pages = household.pages
    pages["name"] = {"name": NAME, "id_number": id_number}
    pages["income-amounts:m1"] = {"wages": "9,876", "employment_costs": "100"}
    pages["payment"] = {**pages["payment"], "account_number": BANK_ACCOUNT}
    household.members[1] = {**household.members[1], "name": MEMBER_NAME, "id_number": MEMBER_ID}
    return household


def sentinels(id_number: str = ID_NUMBER) -> dict[str, str]:
    """What must never appear in clear: full ID numbers, names, the bank account, the wage."""
    return {"id number": id_number, "member id number": MEMBER_ID, "name": NAME, "member name": MEMBER_NAME,
            "bank account": BANK_ACCOUNT, "bank account (last 8)": BANK_ACCOUNT[-8:], "wages": "9,876"}
