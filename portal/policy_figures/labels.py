"""Words for the policy figures pages: the figures' names, regions, standings and problems."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

KEYS = {
    "dibao_standard": _l("Minimum living standard (低保标准)"),
    "low_income_multiple": _l("Low-income line, as a multiple of the minimum living standard"),
    "tekun_support_multiple": _l("Basic-living support of the extremely poor (特困), as a multiple of the minimum living standard"),
    "tekun_support_multiple_rural": _l("Extremely poor (特困) holding rural land or collective-dividend rights: support as a multiple of the minimum living standard"),
    "disposable_income_per_capita_prev_year": _l("Per-capita disposable income of the previous year"),
    "income_reference_months": _l("Months over which income is averaged"),
    "dibao_asset_liquid_months": _l("Minimum living allowance: savings limit, in months of the standard per person"),
    "dibao_asset_vehicle_value_max": _l("Minimum living allowance: highest value of vehicles"),
    "dibao_asset_houses_max": _l("Minimum living allowance: most houses owned"),
    "tekun_asset_liquid_months": _l("Extremely poor (特困): savings limit, in months of the standard per person"),
    "tekun_asset_vehicle_value_max": _l("Extremely poor (特困): highest value of vehicles"),
    "tekun_asset_houses_max": _l("Extremely poor (特困): most houses owned"),
    "low_income_asset_liquid_months": _l("Low-income household: savings limit, in months of the standard per person"),
    "low_income_asset_vehicle_value_max": _l("Low-income household: highest value of vehicles"),
    "low_income_asset_houses_max": _l("Low-income household: most houses owned"),
    "rigid_expenditure_share_threshold": _l("Rigid expenditure: share of income it must exceed"),
    "temp_aid_cap_multiple": _l("Temporary aid: highest single award, as a multiple of the standard"),
    "temp_aid_street_limit_multiple": _l("Temporary aid: most a street office may approve, as a multiple of the standard"),
    "temp_emergency_window_days": _l("Emergency: days after the incident it counts as current"),
    "workflow.change_report_wd": _l("Working days the office has to act on a change a resident reported"),
    "workflow.review_invite_days": _l("Days before the review date that the household is invited to the review"),
    "long_term_co_residence_months": _l("Months of living together that count as long-term (长期共同居住)"),
}

REGIONS = {"440300": _l("Shenzhen"), "440000": _l("Guangdong Province"), "CN": _l("Nationwide")}

STANDINGS = {
    "in_force": _l("In force"),
    "superseded": _l("Superseded"),
    "scheduled": _l("From a later date"),
    "replaced": _l("Replaced by a correction of the same date"),
}

STATUSES = {"proposed": _l("Waiting for a second administrator"), "approved": _l("Approved"),
            "rejected": _l("Rejected")}

PROBLEMS = {
    "key_needed": _l("Choose the figure to change"),
    "key_unknown": _l("Choose a figure from the list"),
    "region_unknown": _l("Choose where the figure applies from the list"),
    "value_needed": _l("Enter the new value"),
    "value_not_number": _l("Enter the value as a number, such as 1520 or 1.5"),
    "value_negative": _l("The value cannot be negative"),
    "value_positive": _l("The value must be more than 0"),
    "value_whole": _l("This figure is a whole number, such as 1520"),
    "value_places": _l("Use at most 4 decimal places"),
    "value_too_large": _l("The value is too large: check the number"),
    "value_share": _l("A share is at most 1 (0.5 means half)"),
    "value_same": _l("This is already the value from that date: nothing would change"),
    "date_needed": _l("Enter the date the value takes effect"),
    "date_invalid": _l("Enter a real date, such as 2027-07-01"),
    "date_range": _l("Enter a date between 2000 and 2099"),
    "source_needed": _l("Give the source: the document's title and number, or its address"),
    "source_long": _l("The source has at most 300 characters"),
    "note_long": _l("The note has at most 300 characters"),
    "reason_needed": _l("Say why the proposal is rejected"),
    "reason_long": _l("The reason has at most 500 characters"),
    "own_proposal": _l("You proposed this figure: another administrator must approve it."),
    "already_decided": _l("This proposal has already been decided."),
}


def key_label(key: str) -> str:
    return str(KEYS[key]) if key in KEYS else key


def region_label(region: str) -> str:
    return str(REGIONS.get(region, region))


def standing_label(code: str) -> str:
    return str(STANDINGS.get(code, code))


def status_label(code: str) -> str:
    return str(STATUSES.get(code, code))


def problem_text(code: str) -> str:
    return str(PROBLEMS.get(code, code))
