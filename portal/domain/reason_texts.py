"""The sentences for every reason and change code a screening can produce, defined once, here:
the one list of codes (a test checks that every code the rules emit is in it,
and every code in it is emitted).

Each code has two sentences, for two readers, side by side so that they do not drift:

- the English of tests, debugging and the API's ``text_en`` (``portal.domain.describe``):
  ``{name}`` placeholders filled with the raw parameters (``members[2]``, ``1,480.00``);
- the message id of the pages, notices and the API's ``text`` (``portal.eligibility_texts``):
  ``%(name)s`` placeholders filled with parameters in plain words ("person 2 (son)",
  "1,480 yuan"), translated through the catalogues (translations/*/LC_MESSAGES/messages.po).
  ``msgid()`` marks it for ``flask translate extract``; the domain itself never translates.

A page sentence uses only parameters its code has (a test checks it); it may leave some out
(a person's relation is already in "person 2 (son)").
"""
from __future__ import annotations

Sentences = tuple[str, str]  # (English for tests and debugging, message id for the pages)


def msgid(text: str) -> str:
    """Marks a message id for extraction (``flask translate extract``): returns it unchanged."""
    return text


REASON_SENTENCES: dict[str, Sentences] = {
    # Co-resident members, S-DB Art. 7
    "members_counted": (
        "{count} co-resident family member(s) counted: {members}.",
        msgid("%(count)s people count as the household: %(members)s.")),
    "member_excluded_serving_sentence": (
        "members[{member}] is not counted: serving a prison sentence.",
        msgid("%(member)s is not counted: serving a prison sentence.")),
    "member_excluded_compulsory_rehab": (
        "members[{member}] is not counted: in compulsory drug rehabilitation.",
        msgid("%(member)s is not counted: in compulsory drug rehabilitation.")),
    "member_excluded_declared_missing": (
        "members[{member}] is not counted: declared missing.",
        msgid("%(member)s is not counted: declared missing.")),
    "member_excluded_clergy_apart": (
        "members[{member}] is not counted: clergy living apart for 3 years or more.",
        msgid("%(member)s is not counted: a member of the clergy living apart for 3 years or more.")),
    "member_not_co_resident": (
        "members[{member}] is not counted: does not live with the applicant long-term.",
        msgid("%(member)s is not counted: does not live with the applicant for the long term.")),
    "member_not_long_term_co_resident": (
        "members[{member}] is not counted: has lived with the applicant for less than the long-term period.",
        msgid("%(member)s is not counted: has not lived with the applicant long enough to count as living together for the long term.")),
    "member_no_statutory_duty": (
        "members[{member}] is not counted: no statutory duty of support.",
        msgid("%(member)s is not counted: not family with a legal duty of support.")),
    "members_undetermined": (
        "Cannot tell who counts in the household without: {facts}.",
        msgid("We cannot tell who counts in the household without: %(facts)s.")),
    "no_counted_members": (
        "No household member is counted.",
        msgid("Nobody in the household is counted.")),
    # Income, S-DB Art. 13
    "income_unanswered": (
        "Income not answered: {facts}.",
        msgid("Income was not given: %(facts)s.")),
    "income_counted": (
        "Counted household income is {household_income} yuan a month, {per_capita_income} per person ({members} people).",
        msgid("Income that counts: %(household_income)s a month for the household, %(per_capita_income)s per person (%(members)s people).")),
    "income_excluded_items": (
        "{amount} yuan a month is not counted as income ({subtypes}).",
        msgid("%(amount)s a month does not count as income (%(subtypes)s).")),
    "income_deductions": (
        "{amount} yuan a month of employment costs and transfers out is deducted.",
        msgid("%(amount)s a month of work costs, taxes, social insurance and support paid to others is taken off.")),
    "income_below_standard": (
        "Income per person ({per_capita_income}) is below the minimum living standard ({line}).",
        msgid("Income per person (%(per_capita_income)s a month) is below the minimum living standard (%(line)s).")),
    "income_not_below_standard": (
        "Income per person ({per_capita_income}) is not below the minimum living standard ({line}).",
        msgid("Income per person (%(per_capita_income)s a month) is not below the minimum living standard (%(line)s).")),
    "income_below_low_income_line": (
        "Income per person ({per_capita_income}) is below {multiple} x the standard ({line}).",
        msgid("Income per person (%(per_capita_income)s a month) is below the low-income line of %(multiple)s times the standard (%(line)s).")),
    "income_not_below_low_income_line": (
        "Income per person ({per_capita_income}) is not below {multiple} x the standard ({line}).",
        msgid("Income per person (%(per_capita_income)s a month) is not below the low-income line of %(multiple)s times the standard (%(line)s).")),
    "income_below_disposable_income": (
        "Income per person over a year ({per_capita_income_annual}) is below last year's per-capita disposable income ({disposable_income}).",
        msgid("Income per person over a year (%(per_capita_income_annual)s) is below last year's average disposable income in the city (%(disposable_income)s).")),
    "income_not_below_disposable_income": (
        "Income per person over a year ({per_capita_income_annual}) is not below last year's per-capita disposable income ({disposable_income}).",
        msgid("Income per person over a year (%(per_capita_income_annual)s) is not below last year's average disposable income in the city (%(disposable_income)s).")),
    "own_income_below_standard": (
        "The applicant's own income ({income}) is below the minimum living standard ({standard}).",
        msgid("The applicant's own income (%(income)s a month) is below the minimum living standard (%(standard)s).")),
    "own_income_not_below_standard": (
        "The applicant's own income ({income}) is not below the minimum living standard ({standard}).",
        msgid("The applicant's own income (%(income)s a month) is not below the minimum living standard (%(standard)s).")),
    # Assets, S-DB Art. 14 and local limits
    "assets_unanswered": (
        "Assets not answered: {facts}.",
        msgid("Property was not given: %(facts)s.")),
    "liquid_assets_within_limit": (
        "Savings and financial assets ({amount}) are within the limit ({limit}).",
        msgid("Savings and financial assets (%(amount)s) are within the limit (%(limit)s).")),
    "liquid_assets_over_limit": (
        "Savings and financial assets ({amount}) are over the limit ({limit}).",
        msgid("Savings and financial assets (%(amount)s) are over the limit (%(limit)s).")),
    "vehicle_exemption_no_disabled_member": (
        "{count} vehicle(s) claimed as needed for a disabled member count: nobody in the household has a disability.",
        msgid("%(count)s vehicles said to be needed for a disabled member are counted: nobody in the household has a disability.")),
    "vehicles_within_limit": (
        "Vehicles without an exemption ({amount}) are within the limit ({limit}); {exempt} exempt.",
        msgid("Vehicles that count (%(amount)s) are within the limit (%(limit)s); vehicles needed for work or a disabled member: %(exempt)s.")),
    "vehicles_over_limit": (
        "Vehicles without an exemption ({amount}) are over the limit ({limit}); {exempt} exempt.",
        msgid("Vehicles that count (%(amount)s) are over the limit (%(limit)s); vehicles needed for work or a disabled member: %(exempt)s.")),
    "houses_within_limit": (
        "{count} house(s), within the limit of {limit}.",
        msgid("Houses owned: %(count)s, within the limit of %(limit)s.")),
    "houses_over_limit": (
        "{count} house(s), over the limit of {limit}.",
        msgid("Houses owned: %(count)s, over the limit of %(limit)s.")),
    "no_business_registered": (
        "No business is registered.",
        msgid("No business is registered.")),
    "business_registered": (
        "{count} business registration(s): income and property will be checked.",
        msgid("Registered businesses: %(count)s. Their income and property will be checked.")),
    # Programme relations
    "receiving_now": (
        "Already receiving {programme}.",
        msgid("Already receives: %(programme)s.")),
    "receives_other_assistance": (
        "Already receiving {programme}, which comes first.",
        msgid("Already receives %(programme)s, which comes first.")),
    "other_route_likely": (
        "Likely to qualify for {programme}, which comes first.",
        msgid("Likely to get %(programme)s, which comes first.")),
    "other_route_undetermined": (
        "Whether {programmes} applies first is still open.",
        msgid("It is still open whether %(programmes)s comes first.")),
    "dibao_not_met": (
        "Does not qualify for the minimum living allowance.",
        msgid("Does not qualify for the minimum living allowance.")),
    "not_other_route": (
        "Not on, and not likely for, dibao, tekun or low-income recognition.",
        msgid("Not receiving, and not likely to get, the minimum living allowance, extreme-poverty support or low-income recognition.")),
    "amount_estimate": (
        "Estimated allowance {amount} yuan a month ({standard} x {members} - {household_income} = {unrounded}, rounded {rounding}).",
        msgid("Estimated allowance: %(amount)s a month (standard %(standard)s times %(members)s people, minus household income %(household_income)s, rounded %(rounding)s).")),
    "single_person_application_possible": (
        "Members {members} may be able to apply alone as a one-person household.",
        msgid("%(members)s may be able to apply alone, as a one-person household.")),
    "sibling_or_carer_support_may_be_left_out": (
        "members[{member}]: support from siblings or carers aged 60 or over ({amount} yuan a month) may be left out of income on a single-person application.",
        msgid("%(member)s: support from brothers or sisters, or from carers aged 60 or over (%(amount)s a month), may be left out of income when applying alone.")),
    # Rigid expenditure, S-GX
    "rigid_expenditure_unanswered": (
        "Rigid expenditure not answered: {facts}.",
        msgid("Essential spending was not given: %(facts)s.")),
    "rigid_expenditure_other_not_counted": (
        "{amount} yuan of 'other' expenditure is not counted here.",
        msgid("%(amount)s of other spending does not count here.")),
    "rigid_expenditure_above_threshold": (
        "Rigid expenditure ({expenditure}) is above {threshold} of the year's income ({annual_income}).",
        msgid("Essential spending (%(expenditure)s) is more than %(threshold)s of the year's income (%(annual_income)s).")),
    "rigid_expenditure_not_above_threshold": (
        "Rigid expenditure ({expenditure}) is not above {threshold} of the year's income ({annual_income}).",
        msgid("Essential spending (%(expenditure)s) is not more than %(threshold)s of the year's income (%(annual_income)s).")),
    # Tekun, S-TK
    "no_labour_capacity_age_60": (
        "No labour capacity: aged {age} (60 or over).",
        msgid("Cannot be expected to work: aged %(age)s (60 or over).")),
    "no_labour_capacity_under_16": (
        "No labour capacity: aged {age} (under 16).",
        msgid("Cannot be expected to work: aged %(age)s (under 16).")),
    "no_labour_capacity_disability": (
        "No labour capacity: {type} disability grade {grade}.",
        msgid("Cannot be expected to work: %(type)s disability, grade %(grade)s.")),
    "minor_under_18": (
        "A minor aged {age}: covered up to 18.",
        msgid("A child aged %(age)s: children are covered up to 18.")),
    "minor_extension_continuing": (
        "Aged {age} and still at school ({stage}): support continues.",
        msgid("Aged %(age)s and still at %(stage)s: support continues.")),
    "minor_extension_continuing_only": (
        "Aged {age} and at school ({stage}): support past 18 continues only for people already supported; a new applicant is judged on labour capacity.",
        msgid("Aged %(age)s and at %(stage)s: support past 18 continues only for people already supported; a new applicant aged 18 or over is judged on whether they can work.")),
    "labour_capacity_multiple_disability": (
        "Multiple disability grade {grade}: labour capacity must be assessed.",
        msgid("Multiple disability, grade %(grade)s: the ability to work must be assessed.")),
    "labour_capacity_declared_none": (
        "No labour capacity is declared without a statutory ground: it must be assessed.",
        msgid("Said to be unable to work without a ground in the rules: this must be assessed.")),
    "age_unanswered": (
        "Age not answered: {facts}.",
        msgid("Age was not given: %(facts)s.")),
    "has_labour_capacity": (
        "Aged {age} with labour capacity under the rules.",
        msgid("Aged %(age)s and able to work under the rules.")),
    "receives_orphan_support": (
        "Receives {programme} support, which excludes tekun.",
        msgid("Receives %(programme)s, which excludes extreme-poverty support.")),
    "support_standard": (
        "The tekun support standard is {amount} yuan a month ({multiple} x the standard).",
        msgid("The extreme-poverty support standard is %(amount)s a month (%(multiple)s times the minimum living standard).")),
    "support_standard_rural": (
        "Holds rural land or collective-dividend rights: the rural tekun support standard applies, "
        "{amount} yuan a month ({multiple} x the standard).",
        msgid("Holds contracted land or collective-dividend rights, so the rural extreme-poverty support standard applies: %(amount)s a month (%(multiple)s times the minimum living standard).")),
    "supporters_unanswered": (
        "Supporters outside the household not answered.",
        msgid("Not answered whether family outside the household must support the applicant.")),
    "supporter_facts_missing": (
        "Facts about statutory supporters missing: {facts}.",
        msgid("Facts about family who must support the applicant are missing: %(facts)s.")),
    "supporter_deceased": (
        "{who} ({relation}) has died.",
        msgid("%(who)s has died.")),
    "supporter_unable_tekun": (
        "{who} ({relation}) cannot support: receives tekun support.",
        msgid("%(who)s cannot give support: receives extreme-poverty support.")),
    "supporter_unable_dibao_60": (
        "{who} ({relation}) cannot support: 60 or over and on dibao.",
        msgid("%(who)s cannot give support: aged 60 or over and receives the minimum living allowance.")),
    "supporter_unable_age_70": (
        "{who} ({relation}) cannot support: 70 or over with low income and property.",
        msgid("%(who)s cannot give support: aged 70 or over with low income and property.")),
    "supporter_unable_disability": (
        "{who} ({relation}) cannot support: severely disabled with low income and property.",
        msgid("%(who)s cannot give support: severely disabled with low income and property.")),
    "supporter_unable_incapacity": (
        "{who} ({relation}) cannot support: without civil capacity, missing or in prison.",
        msgid("%(who)s cannot give support: lacks legal capacity, is missing or is in prison.")),
    "supporter_duty_uncertain": (
        "Whether {who} ({relation}) has a duty of support depends on the family history.",
        msgid("Whether %(who)s must support the applicant depends on the family's history.")),
    "supporter_able": (
        "{who} ({relation}) has a duty of support and can fulfil it.",
        msgid("%(who)s must support the applicant and is able to.")),
    "no_statutory_supporter": (
        "No statutory supporter.",
        msgid("Nobody has a legal duty to support the applicant.")),
    # Temporary assistance, S-LS
    "emergency_unanswered": (
        "Emergency question not answered: {facts}.",
        msgid("Not answered whether a sudden emergency happened.")),
    "emergency_kind_unanswered": (
        "Kind of emergency not answered: {facts}.",
        msgid("The kind of emergency was not given.")),
    "emergency_date_unanswered": (
        "Date of the emergency not answered: {facts}.",
        msgid("The date of the emergency was not given.")),
    "no_emergency": (
        "No sudden emergency reported.",
        msgid("No sudden emergency was reported.")),
    "emergency_is_expenditure_type": (
        "The hardship is from spending: see expenditure-type aid.",
        msgid("The hardship comes from spending: see temporary aid for essential spending.")),
    "emergency_reported": (
        "Emergency reported: {kind}.",
        msgid("Emergency reported: %(kind)s.")),
    "emergency_recent": (
        "The emergency was {days} day(s) ago (within {window}).",
        msgid("The emergency was %(days)s days ago (within %(window)s days).")),
    "emergency_not_recent": (
        "The emergency was {days} day(s) ago (beyond {window}): is help still urgent?",
        msgid("The emergency was %(days)s days ago (more than %(window)s days): the office will ask whether help is still urgent.")),
    "emergency_own_income_high": (
        "Income per person ({per_capita_income_annual} a year) is not below last year's disposable income ({disposable_income}): the office judges whether the household can resolve the hardship itself.",
        msgid("Income per person (%(per_capita_income_annual)s a year) is not below last year's average disposable income (%(disposable_income)s): the office judges whether the household can manage the hardship itself.")),
    "emergency_own_savings_high": (
        "Savings ({amount}) are above the low-income limit ({limit}): the office judges whether the household can resolve the hardship itself.",
        msgid("Savings (%(amount)s) are above the low-income limit (%(limit)s): the office judges whether the household can manage the hardship itself.")),
    "emergency_means_checked_after": (
        "Help comes first; the household's own income and savings are checked afterwards.",
        msgid("Help comes first; the household's own income and savings are checked afterwards.")),
    "help_first": (
        "Small amounts can be paid first and documented afterwards.",
        msgid("Small amounts can be paid first and the paperwork done afterwards.")),
    "emergency_needs": (
        "Needed now: {needs}.",
        msgid("Needed now: %(needs)s.")),
    "emergency_help_received": (
        "Help already received ({help_kinds}): {amount} yuan; the amount of aid weighs it.",
        msgid("Help already received (%(help_kinds)s): %(amount)s. The amount of aid takes it into account.")),
    "apply_at_incident_place": (
        "Aid is given where the emergency happened ({place}).",
        msgid("Help is given where the emergency happened (%(place)s).")),
    "tier_amounts": (
        "Indicative {type} amounts by tier: {amounts}; cap {cap}; street office up to {street_limit}.",
        msgid("Guide amounts of %(type)s by level: %(amounts)s; at most %(cap)s; the street office can approve up to %(street_limit)s.")),
    "expenditure_beyond_capacity": (
        "Spending ({expenditure}) is above {threshold} of the year's income ({annual_income}).",
        msgid("Spending (%(expenditure)s) is more than %(threshold)s of the year's income (%(annual_income)s).")),
    "expenditure_capacity_to_assess": (
        "Spending ({expenditure}) is not above {threshold} of the year's income ({annual_income}): the authority judges.",
        msgid("Spending (%(expenditure)s) is not more than %(threshold)s of the year's income (%(annual_income)s): the authority judges.")),
    "sudden_expenditure_reported": (
        "A sudden rise in essential spending is reported.",
        msgid("A sudden rise in essential spending was reported.")),
    "expenditure_high_not_sudden": (
        "Spending is high but no sudden rise is reported.",
        msgid("Spending is high, but no sudden rise was reported.")),
    "no_sudden_expenditure": (
        "No sudden rise in essential spending.",
        msgid("No sudden rise in essential spending.")),
    # Referrals
    "receives_base_programme": (
        "Receives {programme}.",
        msgid("Receives %(programme)s.")),
    "base_programme_likely": (
        "Likely to qualify for {programme}.",
        msgid("Likely to get %(programme)s.")),
    "base_programme_possible": (
        "May qualify for {programmes}.",
        msgid("May get %(programmes)s.")),
    "base_programme_not_assessable": (
        "The programmes this depends on cannot be assessed yet: {facts}.",
        msgid("The help this depends on cannot be judged yet without: %(facts)s.")),
    "no_base_programme": (
        "Not on, and not likely for: {programmes}.",
        msgid("Not receiving, and not likely to get: %(programmes)s.")),
    "base_programme_by_need": (
        "On or likely for {programme}: the 2020 opinion gives this help by need, the authority's own rules name other programmes; it decides.",
        msgid("Receives or is likely to get %(programme)s: this help is given to them according to need, and the deciding department judges it.")),
    "student_member": (
        "Students in the household: {members}.",
        msgid("Students in the household: %(members)s.")),
    "student_stage_postgraduate": (
        "Postgraduate students: {members}; the education bureau decides.",
        msgid("Postgraduate students: %(members)s; the education bureau decides.")),
    "no_student_member": (
        "No student in the household.",
        msgid("Nobody in the household is a student.")),
    "housing_difficulty_unanswered": (
        "Housing question not answered: {facts}.",
        msgid("Not answered whether the household has a housing difficulty.")),
    "housing_difficulty_reported": (
        "A housing difficulty is reported.",
        msgid("A housing difficulty was reported.")),
    "housing_difficulty_kind": (
        "The housing difficulty is {kind}: the help is {form}.",
        msgid("The housing difficulty is %(kind)s: the help for it is %(form)s.")),
    "uninsured_unemployed_one_off_aid": (
        "Members {members} are without work and without unemployment insurance for {months} months or more: one-off temporary aid where they work or live.",
        msgid("%(members)s: without work and without unemployment insurance for %(months)s months or more, may get one-off temporary aid where they work or live.")),
    "no_housing_difficulty": (
        "No housing difficulty reported.",
        msgid("No housing difficulty was reported.")),
    "unemployed_able_member": (
        "Unemployed members able to work: {members}.",
        msgid("Unemployed members who can work: %(members)s.")),
    "employment_unanswered": (
        "Answers needed to tell who is unemployed and able to work: {facts}.",
        msgid("We need these answers to tell who is unemployed and can work: %(facts)s.")),
    "no_unemployed_able_member": (
        "No unemployed member able to work.",
        msgid("Nobody in the household is unemployed and able to work.")),
    "disaster_unanswered": (
        "Disaster question not answered: {facts}.",
        msgid("Not answered whether a disaster affected the household.")),
    "disaster_reported": (
        "Affected by a disaster: emergency management decides.",
        msgid("Affected by a disaster: the emergency management bureau decides.")),
    "no_disaster": (
        "Not affected by a disaster.",
        msgid("Not affected by a disaster.")),
    # Data
    "policy_parameter_missing": (
        "No value of {key} is in force for this region on this date.",
        msgid("No value of the policy figure %(key)s is in force on this date.")),
}

CHANGE_SENTENCES: dict[str, Sentences] = {
    "income_above_standard_by": (
        "Household income is {amount} a month at or above the line ({per_capita} per person); it must fall below it.",
        msgid("Household income is %(amount)s a month at or above the line (%(per_capita)s per person); it would have to be lower than that.")),
    "income_above_low_income_line_by": (
        "Household income is {amount} a month at or above the low-income line ({per_capita} per person).",
        msgid("Household income is %(amount)s a month at or above the low-income line (%(per_capita)s per person).")),
    "income_rise_ends_eligibility": (
        "A rise of {amount} a month in household income would end eligibility.",
        msgid("If household income rose by %(amount)s a month, this would no longer apply.")),
    "income_above_disposable_income_by": (
        "Income per person is {amount} a year at or above last year's disposable income.",
        msgid("Income per person is %(amount)s a year at or above last year's average disposable income.")),
    "own_income_above_standard_by": (
        "The applicant's own income is {amount} a month at or above the standard.",
        msgid("The applicant's own income is %(amount)s a month at or above the standard.")),
    "liquid_assets_above_limit_by": (
        "Savings and financial assets are {amount} over the limit.",
        msgid("Savings and financial assets are %(amount)s over the limit.")),
    "vehicle_value_above_limit_by": (
        "Vehicles are {amount} over the limit (an exemption for work or a disabled member would change this).",
        msgid("Vehicles are %(amount)s over the limit. A vehicle needed for work or for a disabled member does not count.")),
    "houses_above_limit_by": (
        "{count} house(s) over the limit.",
        msgid("%(count)s house(s) over the limit.")),
    "business_registration_checked": (
        "The check of {count} business registration(s) will decide.",
        msgid("The check of %(count)s registered business(es) will decide.")),
    "rigid_expenditure_short_by": (
        "Rigid expenditure would have to be more than {amount} higher.",
        msgid("Essential spending would have to be more than %(amount)s higher.")),
    "single_person_application": (
        "Members {members} could apply alone as a one-person household.",
        msgid("%(members)s could apply alone, as a one-person household.")),
    "turns_60_on": (
        "The applicant turns 60 on {date}.",
        msgid("The applicant turns 60 on %(date)s.")),
    "reaches_60_in_years": (
        "The applicant reaches 60 in {years} year(s).",
        msgid("The applicant turns 60 in %(years)s years.")),
    "choose_tekun_instead": (
        "Choosing tekun support instead of {programme} support.",
        msgid("Choosing extreme-poverty support instead of %(programme)s.")),
    "supporter_becomes_unable": (
        "If {who} ({relation}) could not support the applicant.",
        msgid("If %(who)s could no longer support the applicant.")),
    "sudden_expenditure": (
        "A sudden rise in essential spending ({kinds}).",
        msgid("A sudden rise in essential spending (%(kinds)s).")),
    "qualify_for_base_programme": (
        "Qualifying for {programmes}.",
        msgid("Getting %(programmes)s.")),
}
