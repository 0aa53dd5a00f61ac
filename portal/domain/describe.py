"""Plain English for reason and change codes: for tests and debugging, not for pages.

The pages translate the same codes in three languages; ``REASON_TEXTS`` and ``CHANGE_TEXTS``
are the complete list of codes a screening can produce (a test checks that every code
emitted has a text here, and every placeholder a parameter). Member and supporter
references are field paths such as ``members[2]``.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Mapping

REASON_TEXTS: dict[str, str] = {
    # Co-resident members, S-DB Art. 7
    "members_counted": "{count} co-resident family member(s) counted: {members}.",
    "member_excluded_serving_sentence": "members[{member}] is not counted: serving a prison sentence.",
    "member_excluded_compulsory_rehab": "members[{member}] is not counted: in compulsory drug rehabilitation.",
    "member_excluded_declared_missing": "members[{member}] is not counted: declared missing.",
    "member_excluded_clergy_apart": "members[{member}] is not counted: clergy living apart for 3 years or more.",
    "member_not_co_resident": "members[{member}] is not counted: does not live with the applicant long-term.",
    "member_not_long_term_co_resident": "members[{member}] is not counted: has lived with the applicant for less "
                                        "than the long-term period.",
    "member_no_statutory_duty": "members[{member}] is not counted: no statutory duty of support.",
    "members_undetermined": "Cannot tell who counts in the household without: {facts}.",
    "no_counted_members": "No household member is counted.",
    # Income, S-DB Art. 13
    "income_unanswered": "Income not answered: {facts}.",
    "income_counted": "Counted household income is {household_income} yuan a month, {per_capita_income} per person ({members} people).",
    "income_excluded_items": "{amount} yuan a month is not counted as income ({subtypes}).",
    "income_deductions": "{amount} yuan a month of employment costs and transfers out is deducted.",
    "income_below_standard": "Income per person ({per_capita_income}) is below the minimum living standard ({line}).",
    "income_not_below_standard": "Income per person ({per_capita_income}) is not below the minimum living standard ({line}).",
    "income_below_low_income_line": "Income per person ({per_capita_income}) is below {multiple} x the standard ({line}).",
    "income_not_below_low_income_line": "Income per person ({per_capita_income}) is not below {multiple} x the standard ({line}).",
    "income_below_disposable_income": "Income per person over a year ({per_capita_income_annual}) is below last year's per-capita disposable income ({disposable_income}).",
    "income_not_below_disposable_income": "Income per person over a year ({per_capita_income_annual}) is not below last year's per-capita disposable income ({disposable_income}).",
    "own_income_below_standard": "The applicant's own income ({income}) is below the minimum living standard ({standard}).",
    "own_income_not_below_standard": "The applicant's own income ({income}) is not below the minimum living standard ({standard}).",
    # Assets, S-DB Art. 14 and local limits
    "assets_unanswered": "Assets not answered: {facts}.",
    "liquid_assets_within_limit": "Savings and financial assets ({amount}) are within the limit ({limit}).",
    "liquid_assets_over_limit": "Savings and financial assets ({amount}) are over the limit ({limit}).",
    "vehicle_exemption_no_disabled_member": "{count} vehicle(s) claimed as needed for a disabled member count: nobody in the household has a disability.",
    "vehicles_within_limit": "Vehicles without an exemption ({amount}) are within the limit ({limit}); {exempt} exempt.",
    "vehicles_over_limit": "Vehicles without an exemption ({amount}) are over the limit ({limit}); {exempt} exempt.",
    "houses_within_limit": "{count} house(s), within the limit of {limit}.",
    "houses_over_limit": "{count} house(s), over the limit of {limit}.",
    "no_business_registered": "No business is registered.",
    "business_registered": "{count} business registration(s): income and property will be checked.",
    # Programme relations
    "receiving_now": "Already receiving {programme}.",
    "receives_other_assistance": "Already receiving {programme}, which comes first.",
    "other_route_likely": "Likely to qualify for {programme}, which comes first.",
    "other_route_undetermined": "Whether {programmes} applies first is still open.",
    "dibao_not_met": "Does not qualify for the minimum living allowance.",
    "not_other_route": "Not on, and not likely for, dibao, tekun or low-income recognition.",
    "amount_estimate": "Estimated allowance {amount} yuan a month ({standard} x {members} - {household_income} = {unrounded}, rounded {rounding}).",
    "single_person_application_possible": "Members {members} may be able to apply alone as a one-person household.",
    "sibling_or_carer_support_may_be_left_out": "members[{member}]: support from siblings or carers aged 60 or over "
                                                "({amount} yuan a month) may be left out of income on a single-person "
                                                "application.",
    # Rigid expenditure, S-GX
    "rigid_expenditure_unanswered": "Rigid expenditure not answered: {facts}.",
    "rigid_expenditure_other_not_counted": "{amount} yuan of 'other' expenditure is not counted here.",
    "rigid_expenditure_above_threshold": "Rigid expenditure ({expenditure}) is above {threshold} of the year's income ({annual_income}).",
    "rigid_expenditure_not_above_threshold": "Rigid expenditure ({expenditure}) is not above {threshold} of the year's income ({annual_income}).",
    # Tekun, S-TK
    "no_labour_capacity_age_60": "No labour capacity: aged {age} (60 or over).",
    "no_labour_capacity_under_16": "No labour capacity: aged {age} (under 16).",
    "no_labour_capacity_disability": "No labour capacity: {type} disability grade {grade}.",
    "minor_under_18": "A minor aged {age}: covered up to 18.",
    "minor_extension_continuing": "Aged {age} and still at school ({stage}): support continues.",
    "minor_extension_continuing_only": "Aged {age} and at school ({stage}): support past 18 continues only for people already supported; a new applicant is judged on labour capacity.",
    "labour_capacity_multiple_disability": "Multiple disability grade {grade}: labour capacity must be assessed.",
    "labour_capacity_declared_none": "No labour capacity is declared without a statutory ground: it must be assessed.",
    "age_unanswered": "Age not answered: {facts}.",
    "has_labour_capacity": "Aged {age} with labour capacity under the rules.",
    "receives_orphan_support": "Receives {programme} support, which excludes tekun.",
    "support_standard": "The tekun support standard is {amount} yuan a month ({multiple} x the standard).",
    "supporters_unanswered": "Supporters outside the household not answered.",
    "supporter_facts_missing": "Facts about statutory supporters missing: {facts}.",
    "supporter_deceased": "{who} ({relation}) has died.",
    "supporter_unable_tekun": "{who} ({relation}) cannot support: receives tekun support.",
    "supporter_unable_dibao_60": "{who} ({relation}) cannot support: 60 or over and on dibao.",
    "supporter_unable_age_70": "{who} ({relation}) cannot support: 70 or over with low income and property.",
    "supporter_unable_disability": "{who} ({relation}) cannot support: severely disabled with low income and property.",
    "supporter_unable_incapacity": "{who} ({relation}) cannot support: without civil capacity, missing or in prison.",
    "supporter_duty_uncertain": "Whether {who} ({relation}) has a duty of support depends on the family history.",
    "supporter_able": "{who} ({relation}) has a duty of support and can fulfil it.",
    "no_statutory_supporter": "No statutory supporter.",
    # Temporary assistance, S-LS
    "emergency_unanswered": "Emergency question not answered: {facts}.",
    "emergency_kind_unanswered": "Kind of emergency not answered: {facts}.",
    "emergency_date_unanswered": "Date of the emergency not answered: {facts}.",
    "no_emergency": "No sudden emergency reported.",
    "emergency_is_expenditure_type": "The hardship is from spending: see expenditure-type aid.",
    "emergency_reported": "Emergency reported: {kind}.",
    "emergency_recent": "The emergency was {days} day(s) ago (within {window}).",
    "emergency_not_recent": "The emergency was {days} day(s) ago (beyond {window}): is help still urgent?",
    "emergency_own_income_high": "Income per person ({per_capita_income_annual} a year) is not below last year's disposable income ({disposable_income}): the office judges whether the household can resolve the hardship itself.",
    "emergency_own_savings_high": "Savings ({amount}) are above the low-income limit ({limit}): the office judges whether the household can resolve the hardship itself.",
    "emergency_means_checked_after": "Help comes first; the household's own income and savings are checked afterwards.",
    "help_first": "Small amounts can be paid first and documented afterwards.",
    "emergency_needs": "Needed now: {needs}.",
    "emergency_help_received": "Help already received ({help_kinds}): {amount} yuan; the amount of aid weighs it.",
    "apply_at_incident_place": "Aid is given where the emergency happened ({place}).",
    "tier_amounts": "Indicative {type} amounts by tier: {amounts}; cap {cap}; street office up to {street_limit}.",
    "expenditure_beyond_capacity": "Spending ({expenditure}) is above {threshold} of the year's income ({annual_income}).",
    "expenditure_capacity_to_assess": "Spending ({expenditure}) is not above {threshold} of the year's income ({annual_income}): the authority judges.",
    "sudden_expenditure_reported": "A sudden rise in essential spending is reported.",
    "expenditure_high_not_sudden": "Spending is high but no sudden rise is reported.",
    "no_sudden_expenditure": "No sudden rise in essential spending.",
    # Referrals
    "receives_base_programme": "Receives {programme}.",
    "base_programme_likely": "Likely to qualify for {programme}.",
    "base_programme_possible": "May qualify for {programmes}.",
    "base_programme_not_assessable": "The programmes this depends on cannot be assessed yet: {facts}.",
    "no_base_programme": "Not on, and not likely for: {programmes}.",
    "base_programme_by_need": "On or likely for {programme}: the 2020 opinion gives this help by need, the authority's own rules name other programmes; it decides.",
    "student_member": "Students in the household: {members}.",
    "student_stage_postgraduate": "Postgraduate students: {members}; the education bureau decides.",
    "no_student_member": "No student in the household.",
    "housing_difficulty_unanswered": "Housing question not answered: {facts}.",
    "housing_difficulty_reported": "A housing difficulty is reported.",
    "housing_difficulty_kind": "The housing difficulty is {kind}: the help is {form}.",
    "uninsured_unemployed_one_off_aid": "Members {members} are without work and without unemployment insurance for "
                                        "{months} months or more: one-off temporary aid where they work or live.",
    "no_housing_difficulty": "No housing difficulty reported.",
    "unemployed_able_member": "Unemployed members able to work: {members}.",
    "employment_unanswered": "Answers needed to tell who is unemployed and able to work: {facts}.",
    "no_unemployed_able_member": "No unemployed member able to work.",
    "disaster_unanswered": "Disaster question not answered: {facts}.",
    "disaster_reported": "Affected by a disaster: emergency management decides.",
    "no_disaster": "Not affected by a disaster.",
    # Data
    "policy_parameter_missing": "No value of {key} is in force for this region on this date.",
}

CHANGE_TEXTS: dict[str, str] = {
    "income_above_standard_by": "Household income is {amount} a month at or above the line ({per_capita} per person); it must fall below it.",
    "income_above_low_income_line_by": "Household income is {amount} a month at or above the low-income line ({per_capita} per person).",
    "income_rise_ends_eligibility": "A rise of {amount} a month in household income would end eligibility.",
    "income_above_disposable_income_by": "Income per person is {amount} a year at or above last year's disposable income.",
    "own_income_above_standard_by": "The applicant's own income is {amount} a month at or above the standard.",
    "liquid_assets_above_limit_by": "Savings and financial assets are {amount} over the limit.",
    "vehicle_value_above_limit_by": "Vehicles are {amount} over the limit (an exemption for work or a disabled member would change this).",
    "houses_above_limit_by": "{count} house(s) over the limit.",
    "business_registration_checked": "The check of {count} business registration(s) will decide.",
    "rigid_expenditure_short_by": "Rigid expenditure would have to be more than {amount} higher.",
    "single_person_application": "Members {members} could apply alone as a one-person household.",
    "turns_60_on": "The applicant turns 60 on {date}.",
    "reaches_60_in_years": "The applicant reaches 60 in {years} year(s).",
    "choose_tekun_instead": "Choosing tekun support instead of {programme} support.",
    "supporter_becomes_unable": "If {who} ({relation}) could not support the applicant.",
    "sudden_expenditure": "A sudden rise in essential spending ({kinds}).",
    "qualify_for_base_programme": "Qualifying for {programmes}.",
}

VERDICT_TEXTS = {
    "likely": "likely",
    "possibly": "possibly",
    "unlikely": "unlikely",
    "not_assessable": "not assessable",
}


def _fmt(value: Any) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent  # 'n', 'N' or 'F' for a NaN or an infinity
        return format(value, ",.2f") if isinstance(exponent, int) and exponent >= -2 else format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {_fmt(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_fmt(v) for v in value) or "none"
    return str(value)


def render(template: str, params: Mapping[str, Any]) -> str:
    """Fill a template; raises ``KeyError`` when a placeholder has no parameter."""
    return template.format(**{k: _fmt(v) for k, v in params.items()})


def describe_reason(reason: Any) -> str:
    return f"[{reason.status}] {render(REASON_TEXTS[reason.code], reason.params)} ({reason.article})"


def describe_change(change: Any) -> str:
    return render(CHANGE_TEXTS[change.code], change.params)


def describe_verdict(verdict: Any) -> str:
    lines = [f"{verdict.assistance}: {VERDICT_TEXTS[verdict.verdict]}"
             + (f", about {_fmt(verdict.amount)} yuan a month" if verdict.amount is not None else "")]
    lines += [f"  {describe_reason(r)}" for r in verdict.reasons]
    lines += [f"  would change: {describe_change(c)}" for c in verdict.what_would_change]
    if verdict.missing:
        lines.append(f"  missing: {', '.join(verdict.missing)}")
    return "\n".join(lines)


def describe_screening(screening: Any) -> str:
    head = f"Screening on {screening.on.isoformat()} for region {screening.region}"
    return "\n".join([head] + [describe_verdict(v) for v in screening.verdicts])
