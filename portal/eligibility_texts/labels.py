"""Translatable names of the codes a screening uses (the assistance types' are in
``portal/vocabulary.py``): verdicts, relations,
disabilities, school stages, income kinds, emergencies and the answers a screening may lack.

Lazy strings, so each is translated into the language of the request that shows it.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.vocabulary import TYPES

# The vocabulary's short names and summaries of the types (portal/vocabulary.py), by code.
ASSISTANCE = {code: words.name for code, words in TYPES.items()}
ASSISTANCE_SUMMARY = {code: words.summary for code, words in TYPES.items()}

VERDICTS = {
    "likely": _l("Likely"),
    "possibly": _l("Possibly"),
    "unlikely": _l("Unlikely"),
    "not_assessable": _l("Cannot tell from these answers"),
}

# Programmes a person may already receive (household.RECEIVING) that are not assistance types.
PROGRAMMES = {
    "temporary": _l("Temporary aid"),
    "orphan": _l("Orphan support"),
    "unsupported_child": _l("Support for children without de-facto carers"),
    "other": _l("Other assistance"),
}

RELATIONS = {
    "self": _l("applicant"),
    "spouse": _l("spouse"),
    "son": _l("son"),
    "daughter": _l("daughter"),
    "child": _l("child"),
    "parent": _l("parent"),
    "grandparent": _l("grandparent"),
    "grandchild": _l("grandchild"),
    "sibling": _l("brother or sister"),
    "other_dependant": _l("other relative with a duty of support"),
    "other": _l("other person"),
}

DISABILITY_TYPES = {
    "visual": _l("visual"),
    "hearing": _l("hearing"),
    "speech": _l("speech"),
    "physical": _l("physical"),
    "intellectual": _l("intellectual"),
    "mental": _l("mental"),
    "multiple": _l("multiple"),
}

STUDENT_STAGES = {
    "none": _l("not a student"),
    "preschool": _l("kindergarten"),
    "primary": _l("primary school"),
    "junior": _l("junior secondary school"),
    "senior_general": _l("general senior high school"),
    "secondary_vocational": _l("secondary vocational school"),
    "higher_vocational": _l("higher vocational college"),
    "bachelor": _l("university (bachelor)"),
    "postgraduate": _l("postgraduate study"),
}

EMPLOYMENT = {
    "employed": _l("working"),
    "unemployed": _l("unemployed"),
    "registered_unemployed": _l("registered as unemployed"),
    "student": _l("studying"),
    "retired": _l("retired"),
    "other": _l("other"),
}

INCOME_SUBTYPES = {
    "support_sibling_or_carer_60": _l("support from brothers or sisters, or from carers aged 60 or over"),
    "veteran_benefits": _l("veteran and martyr benefits"),
    "family_planning_reward": _l("family-planning rewards"),
    "scholarship": _l("scholarships"),
    "heroic_deed_reward": _l("rewards for brave deeds"),
    "social_assistance": _l("social assistance payments"),
    "resident_basic_pension": _l("basic pension of the residents' pension insurance"),
    "old_age_allowance": _l("old-age allowance"),
}

EMERGENCY_KINDS = {
    "fire": _l("fire"),
    "traffic_accident": _l("traffic accident"),
    "sudden_illness": _l("sudden serious illness"),
    "other_accident": _l("other accident"),
    "natural_disaster": _l("natural disaster"),
    "stranded": _l("stranded away from home"),
    "expenditure": _l("sudden essential spending"),
    "other": _l("other emergency"),
}

RIGID_KINDS = {
    "medical": _l("medical costs"),
    "education": _l("education costs"),
    "rehabilitation": _l("rehabilitation and aids"),
    "basic_living": _l("basic living costs"),
    "other": _l("other costs"),
}

TEMP_AID_KINDS = {
    "emergency": _l("emergency aid"),
    "expenditure": _l("aid for essential spending"),
}

ROUNDING = {
    "up_to_yuan": _l("up to the whole yuan"),
    "half_up_to_yuan": _l("to the nearest yuan"),
    "down_to_yuan": _l("down to the whole yuan"),
    "to_fen": _l("to the fen"),
}

# What an unanswered question is about, by the last part of its answer path.
FACTS = {
    "lives_with_applicant": _l("whether they live with the applicant"),
    "birth_date": _l("age"),
    "income": _l("monthly income"),
    "employment": _l("work situation"),
    "full_time": _l("whether they study full time"),
    "income_per_capita": _l("income of their own household"),
    "property_within_limits": _l("property of their own household"),
    "deposits": _l("savings and deposits"),
    "securities": _l("shares and funds"),
    "insurance_cash_value": _l("cash value of insurance"),
    "internet_finance": _l("online finance products"),
    "receivables": _l("money owed to the household"),
    "vehicles": _l("vehicles"),
    "houses": _l("houses"),
    "business_registrations": _l("registered businesses"),
    "rigid_expenditure": _l("essential spending in the last 12 months"),
    "housing_difficulty": _l("housing difficulty"),
    "disaster": _l("whether a disaster affected the household"),
    "has_emergency": _l("whether a sudden emergency happened"),
    "kind": _l("kind of emergency"),
    "date": _l("date of the emergency"),
    "supporters": _l("family outside the household who must support the applicant"),
}

# An emergency: what is needed now and the help already received; a housing difficulty's kind
# and the form of housing aid it calls for (S-ZX Art. 40).
EMERGENCY_NEEDS = {
    "shelter": _l("a place to stay"),
    "food": _l("food"),
    "medical": _l("medical care"),
    "money": _l("money for urgent costs"),
    "travel_home": _l("the fare home"),
    "other": _l("other help"),
}

HELP_KINDS = {
    "insurance": _l("insurance"),
    "donation": _l("donations"),
    "compensation": _l("compensation"),
    "other_assistance": _l("other assistance"),
}

HOUSING_KINDS = {
    "no_home": _l("no home"),
    "rent_unaffordable": _l("rent the household cannot afford"),
    "overcrowded": _l("a home far too small"),
    "unsafe_home": _l("an unsafe home"),
    "other": _l("another housing difficulty"),
}

HOUSING_FORMS = {
    "rental_housing_or_allowance": _l("public rental housing or a rent allowance"),
    "repair": _l("help to repair or rebuild the home"),
}
