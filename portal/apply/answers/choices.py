"""Words for the codes the journey stores: relations, statuses, income sources ...

Codes are what ``Application.answers`` keeps; these labels are what people read, in three
languages. Other capabilities may import them to show answers (``label(TABLE, code)``). The names
of assistance types, authorities and bases are in ``portal/vocabulary.py``.
"""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l

RELATIONS = (
    ("spouse", _l("Husband or wife")),
    ("son", _l("Son")),
    ("daughter", _l("Daughter")),
    ("parent", _l("Father or mother")),
    ("grandparent", _l("Grandparent")),
    ("grandchild", _l("Grandchild")),
    ("sibling", _l("Brother or sister")),
    ("other_dependant", _l("Someone else you have a legal duty to support")),
    ("other", _l("Someone else")),
)
RELATION_SELF = _l("You (the applicant)")

MARITAL = (
    ("single", _l("Never married")),
    ("married", _l("Married")),
    ("divorced", _l("Divorced")),
    ("widowed", _l("Widowed")),
)

STUDENT_STAGES = (
    ("none", _l("Not studying")),
    ("preschool", _l("Kindergarten")),
    ("primary", _l("Primary school")),
    ("junior", _l("Junior secondary school")),
    ("senior_general", _l("Senior secondary school")),
    ("secondary_vocational", _l("Secondary vocational school")),
    ("higher_vocational", _l("Higher vocational college")),
    ("bachelor", _l("University (bachelor)")),
    ("postgraduate", _l("Postgraduate study")),
)

LABOUR_CAPACITY = (
    ("full", _l("Can work")),
    ("partial", _l("Can work only partly")),
    ("none", _l("Cannot work at all")),
)

EMPLOYMENT = (
    ("employed", _l("Working (employed or self-employed)")),
    ("unemployed", _l("Without work")),
    ("registered_unemployed", _l("Without work and registered as unemployed")),
    ("student", _l("Studying")),
    ("retired", _l("Retired")),
    ("other", _l("Other")),
)

DISABILITY_TYPES = (
    ("visual", _l("Visual")),
    ("hearing", _l("Hearing")),
    ("speech", _l("Speech")),
    ("physical", _l("Physical")),
    ("intellectual", _l("Intellectual")),
    ("mental", _l("Mental")),
    ("multiple", _l("Multiple")),
)
DISABILITY_GRADES = (
    ("1", _l("Grade 1 (most severe)")),
    ("2", _l("Grade 2")),
    ("3", _l("Grade 3")),
    ("4", _l("Grade 4 (mildest)")),
)

EXCLUSIONS = (
    ("serving_sentence", _l("Serving a prison sentence")),
    ("compulsory_rehab", _l("In compulsory drug rehabilitation")),
    ("declared_missing", _l("Declared missing by a court")),
    ("none", _l("None of these")),
)

# Income sources: code -> (label, category and subtype of portal.domain.household.IncomeItem).
INCOME_SOURCES = (
    ("wages", _l("Wages from a job"), ("wages", None)),
    ("business_net", _l("Profit from a business, farming or a trade"), ("business_net", None)),
    ("property", _l("Interest, dividends or rent received"), ("property", None)),
    ("pension", _l("Pension (not the basic resident pension)"), ("transfer", "pension")),
    ("maintenance_received", _l("Maintenance from relatives"), ("transfer", "maintenance_received")),
    ("support_sibling_or_carer", _l("Support from brothers or sisters, or from carers aged 60 or over"),
     ("transfer", "support_sibling_or_carer_60")),
    ("unemployment_benefit", _l("Unemployment benefit"), ("transfer", "unemployment_benefit")),
    ("other_transfer", _l("Other payments: survivor benefits, compensation, regular gifts"), ("transfer", "other")),
    ("resident_basic_pension", _l("Basic pension of the urban and rural residents' scheme (not counted)"),
     ("excluded", "resident_basic_pension")),
    ("old_age_allowance", _l("Old-age allowance (not counted)"), ("excluded", "old_age_allowance")),
    ("social_assistance", _l("Social assistance payments (not counted)"), ("excluded", "social_assistance")),
    ("scholarship", _l("Scholarships (not counted)"), ("excluded", "scholarship")),
    ("veteran_benefits", _l("Veteran or martyr family benefits (not counted)"), ("excluded", "veteran_benefits")),
    ("family_planning_reward", _l("Family-planning rewards (not counted)"), ("excluded", "family_planning_reward")),
    ("heroic_deed_reward", _l("Rewards for acts of bravery (not counted)"), ("excluded", "heroic_deed_reward")),
)
# Amounts taken off income (S-DB Art. 13 (1), (4)); asked with the amounts, optional.
DEDUCTIONS = (
    ("employment_costs", _l("Necessary costs of working (travel, work clothes)"), ("employment_costs", None)),
    ("tax", _l("Income tax paid"), ("transfer_out", "tax")),
    ("social_insurance", _l("Social insurance contributions paid"), ("transfer_out", "social_insurance")),
    ("maintenance_paid", _l("Maintenance paid to relatives outside the household"), ("transfer_out", "maintenance_paid")),
)
INCOME_WHY = {
    # Gross: income tax and social insurance paid are asked as deductions (S-DB Art. 13).
    "wages": _l("Pay before income tax and social insurance, including bonuses and allowances, on average per month. Tax and social insurance paid are asked separately."),
    "business_net": _l("Takings minus costs, on average per month. Enter 0 if the business makes a loss."),
    "property": _l("Bank interest, dividends, and rent from a home or land, per month."),
    "pension": _l("The monthly amount of a work pension."),
    "maintenance_received": _l("Money children, parents or others give for your support, per month."),
    "support_sibling_or_carer": _l("Per month. For an adult without work and with a severe disability applying alone, it may be left out (S-DD 一(一))."),
    "unemployment_benefit": _l("The monthly amount."),
    "other_transfer": _l("The monthly average over the last year."),
}
EXCLUDED_WHY = _l("Recorded so the office sees the whole picture, but not counted as income (S-DB Art. 13).")

OWNS = (
    ("vehicle", _l("A car, motorbike or other vehicle")),
    ("home", _l("A home or other building (including a share)")),
    ("business", _l("A registered company or sole trader business")),
    ("none", _l("None of these")),
)
VEHICLE_USES = (
    ("ordinary", _l("Ordinary use")),
    ("disabled_member", _l("Used by or for a disabled member")),
    ("work", _l("Needed to earn a living")),
)
HOUSE_USES = (
    ("self_occupied", _l("We live in it")),
    ("rented_out", _l("Rented out")),
    ("vacant", _l("Empty")),
    ("business", _l("Used for a business")),
    ("other", _l("Other use")),
)

COSTS = (
    ("medical", _l("Medical costs you paid yourself")),
    ("education", _l("School or university fees and accommodation")),
    ("rehabilitation", _l("Rehabilitation or assistive devices for a disability")),
    ("none", _l("None of these")),
)
SITUATIONS = (
    ("housing_difficulty", _l("We have nowhere safe or adequate to live")),
    ("disaster", _l("We were hit by a natural disaster")),
    ("emergency", _l("Something sudden happened and we need help now")),
    ("none", _l("None of these")),
)
EMERGENCY_KINDS = (
    ("fire", _l("Fire")),
    ("traffic_accident", _l("Traffic accident")),
    ("sudden_illness", _l("Sudden serious illness")),
    ("other_accident", _l("Other accident")),
    ("natural_disaster", _l("Natural disaster")),
    ("stranded", _l("Stranded with no money and nowhere to stay")),
    ("expenditure", _l("A large essential cost we cannot pay")),
    ("other", _l("Something else")),
)
EMERGENCY_AFFECTED = (
    ("me", _l("Only me")),
    ("household", _l("Me and the people I live with")),
    ("others", _l("Someone in my family, not me")),
)

HUKOU_WHERE = (
    ("residence", _l("In Shenzhen, at the street office where I live")),
    ("shenzhen", _l("In Shenzhen, at another street office")),
    ("elsewhere", _l("Outside Shenzhen")),
)

# How long a relative has lived with the applicant (长期共同居住, S-DB Art. 7 (4)), in bands whose
# lower bound in months is what the household reads. The boundary is the long-term period in force,
# the policy figure long_term_co_residence_months (a design value: portal/data/policy/assistance.json,
# changed on /admin/figures), so a band never straddles it. Each code carries its own lower bound
# ("under_6_months", "6_to_12_months", "18_months_or_more", "1_year_or_more"): an answer given under
# an earlier period still reads as the months it said.
def co_residence_bands(long_term_months: int) -> tuple[tuple[str, object, int], ...]:
    n = max(1, int(long_term_months))
    short = (f"under_{n}_months", _l("Less than %(months)d months", months=n), 0)
    if n < 12:
        return (short, (f"{n}_to_12_months", _l("%(months)d months to a year", months=n), n),
                ("1_year_or_more", _l("A year or more"), 12))
    if n == 12:
        return (short, ("1_year_or_more", _l("A year or more"), 12))
    return (short, (f"{n}_months_or_more", _l("%(months)d months or more", months=n), n))


# The bands of the shipped period (6 months); pages use co_residence_in_force().
CO_RESIDENCE = co_residence_bands(6)
_BAND = re.compile(r"^(?:under_(\d{1,4})_months|(\d{1,4})_to_12_months|(\d{1,4})_months_or_more|1_year_or_more)$")


def co_residence_months(code) -> int | None:
    """The lower bound, in months, that a band's code says; None for anything else."""
    match = _BAND.match(code) if isinstance(code, str) else None
    if match is None:
        return None
    if code == "1_year_or_more":
        return 12
    return 0 if match.group(1) else int(match.group(2) or match.group(3))


def co_residence_label(code) -> str:
    """The words of a band's code, whichever period it was given under."""
    months = co_residence_months(code)
    if months is None:
        return "" if code is None else str(code)
    for band_code, words, _least in co_residence_bands(int(code.split("_")[1]) if months == 0 else max(months, 1)):
        if band_code == code:
            return str(words)
    return str(code)


def co_residence_in_force() -> tuple[tuple[str, object, int], ...]:
    """The bands of the long-term period in force today (the policy figure)."""
    from portal import clock
    from portal.domain.household import (
        LONG_TERM_CO_RESIDENCE_KEY,
        LONG_TERM_CO_RESIDENCE_MONTHS,
    )
    from portal.policy_figures import current_policy

    try:
        months = current_policy().value(LONG_TERM_CO_RESIDENCE_KEY, clock.today())
    except LookupError:  # no entry in force: the shipped default
        months = LONG_TERM_CO_RESIDENCE_MONTHS
    return co_residence_bands(int(months))
# A member's own household registration, when the applicant does not live at their own.
MEMBER_HUKOU_SAME = ("same", _l("The same as yours"))
MEMBER_HUKOU_OTHER = (
    ("elsewhere", _l("Outside Shenzhen")),
    ("unknown", _l("I do not know")),
)

# An emergency in detail (《关于进一步加强和改进临时救助工作的意见》二(一)-(三)) and a housing difficulty's
# kind (《社会救助暂行办法》第四十条); the codes are
# portal.domain.household's EMERGENCY_NEEDS, HELP_KINDS and HOUSING_KINDS.
EMERGENCY_NEEDS = (
    ("shelter", _l("A place to stay")),
    ("food", _l("Food")),
    ("medical", _l("Medical care")),
    ("money", _l("Money for urgent costs")),
    ("travel_home", _l("The fare home")),
    ("other", _l("Other help")),
)
HELP_KINDS = (
    ("insurance", _l("Insurance")),
    ("donation", _l("Donations")),
    ("compensation", _l("Compensation")),
    ("other_assistance", _l("Other assistance")),
    ("none", _l("None yet")),
)
HOUSING_KINDS = (
    ("no_home", _l("We have no home")),
    ("rent_unaffordable", _l("We cannot afford the rent")),
    ("overcrowded", _l("Our home is far too small for us")),
    ("unsafe_home", _l("Our home is unsafe (a dangerous house)")),
    ("other", _l("Something else")),
)

# Statutory supporters living elsewhere (《特困人员认定办法》第八条): who they are to the
# applicant, and the one situation that may keep them from supporting (codes mapped onto
# portal.domain.household.Supporter by household_map).
SUPPORTER_RELATIONS = (
    ("spouse", _l("Husband or wife")),
    ("parent", _l("Father or mother")),
    ("child", _l("Son or daughter")),
    ("grandparent", _l("Grandparent")),
    ("grandchild", _l("Grandchild")),
    ("sibling", _l("Brother or sister")),
    ("other_dependant", _l("Someone else with a legal duty to support you")),
)
SUPPORTER_SITUATIONS = (
    ("none", _l("None of these")),
    ("severe_disability", _l("Disability certificate of grade 1 or 2 (or grade 3 for an intellectual or mental disability)")),
    ("receives_tekun", _l("Receives extreme-poverty support (特困)")),
    ("receives_dibao", _l("Receives the minimum living allowance (低保)")),
    ("lacks_civil_capacity", _l("Cannot manage their own affairs by law (no civil capacity)")),
    ("declared_missing", _l("Declared missing by a court")),
    ("serving_sentence", _l("Serving a prison sentence")),
    ("deceased", _l("Has died")),
)
SUPPORTER_PROPERTY = (
    ("yes", _l("Yes, within the limits")),
    ("no", _l("No, more than that")),
    ("unknown", _l("I do not know")),
)

ASSESS_ALL_LABEL = _l("I am not sure: assess my household for everything")

YES_NO = {True: _l("Yes"), False: _l("No")}


def label(table, code) -> str:
    """The words for ``code`` in a (code, label, ...) table; the code itself if unknown."""
    for row in table:
        if row[0] == code:
            return str(row[1])
    return "" if code is None else str(code)


def pairs(table) -> list[tuple[str, object]]:
    return [(row[0], row[1]) for row in table]
