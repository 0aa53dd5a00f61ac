"""The words people read for the portal's codes, each code defined once with all its wordings.

The codes are in ``portal/domain/vocabulary.py``. One code may be worded for several places
(a table cell, the middle of a sentence, a printed notice); those wordings sit side by side
here, so a change of name is made in one place and drift is visible. Lazy strings: each is
translated into the language of the request or document that shows it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from flask_babel import lazy_gettext as _l

from portal.domain.vocabulary import Role

Lazy = object   # a flask_babel LazyString; str() translates it


@dataclass(frozen=True)
class TypeWords:
    name: Lazy        # short: results, tables, the API's labels, timelines
    full_name: Lazy   # with its Chinese short name: the journey, receipts and notices
    summary: Lazy     # one sentence: what it is and who it is for


TYPES: dict[str, TypeWords] = {
    "dibao": TypeWords(
        _l("Minimum living allowance"), _l("Minimum living allowance (低保)"),
        _l("A monthly payment that tops up the household's income to the local minimum living standard.")),
    "low_income": TypeWords(
        _l("Low-income household recognition"), _l("Low-income household recognition (低保边缘)"),
        _l("Recognition for households just above the minimum living standard, which opens medical, education, housing and other help.")),
    "tekun": TypeWords(
        _l("Support for people in extreme poverty"), _l("Support for people in extreme poverty (特困)"),
        _l("Basic living support and care for older people, people with disabilities and children who cannot work, have no means of living and nobody who can support them.")),
    "rigid_expenditure": TypeWords(
        _l("Household in hardship from essential spending"),
        _l("Recognition of hardship from essential costs (刚性支出困难)"),
        _l("Recognition for households whose medical, education or rehabilitation costs are a large share of their income.")),
    "temp_emergency": TypeWords(
        _l("Emergency temporary aid"), _l("Emergency temporary aid (急难型临时救助)"),
        _l("Quick help after a sudden event such as a fire, an accident or a sudden serious illness; small amounts can be paid first.")),
    "temp_expenditure": TypeWords(
        _l("Temporary aid for essential spending"), _l("Temporary aid for a large essential cost (支出型临时救助)"),
        _l("One-off help when essential spending, such as medical or school costs, suddenly goes beyond what the household can bear.")),
    "medical": TypeWords(
        _l("Medical assistance"), _l("Medical assistance"),
        _l("Help with medical costs left after insurance, for households receiving or close to the minimum living allowance.")),
    "education": TypeWords(
        _l("Education assistance"), _l("Education assistance"),
        _l("Help with school and study costs for students in households receiving or close to the minimum living allowance.")),
    "housing": TypeWords(
        _l("Housing assistance"), _l("Housing assistance"),
        _l("Public rental housing or rent subsidies for households in housing difficulty.")),
    "employment": TypeWords(
        _l("Employment assistance"), _l("Employment assistance"),
        _l("Job placement, training and subsidies for unemployed members of households receiving the minimum living allowance.")),
    "disaster": TypeWords(
        _l("Disaster relief"), _l("Disaster relief"),
        _l("Relief for households affected by a natural disaster.")),
}


@dataclass(frozen=True)
class AuthorityWords:
    name: Lazy          # a table cell or a heading of the console: "District civil affairs bureau"
    in_sentence: Lazy   # "... is decided by the district civil affairs bureau"
    formal: Lazy        # printed on notices; %(district)s and %(office)s are filled in
    contact: Lazy | None = None   # heading of its contact details, the district's name beside it


AUTHORITIES: dict[str, AuthorityWords] = {
    "civil_affairs_district": AuthorityWords(
        _l("District civil affairs bureau"), _l("the district civil affairs bureau"),
        _l("%(district)s Civil Affairs Bureau"), _l("Civil Affairs Bureau")),
    "street_office": AuthorityWords(
        _l("Street office"), _l("the street office"), _l("%(office)s (street office)")),
    "medical_security_bureau": AuthorityWords(
        _l("Medical security bureau"), _l("the medical security bureau"),
        _l("%(district)s Medical Security Bureau"), _l("Medical Security Bureau")),
    "school_education_bureau": AuthorityWords(
        _l("The school or education bureau"), _l("the school, under the education bureau"),
        _l("The school, with the %(district)s Education Bureau"), _l("Education Bureau")),
    "housing_bureau": AuthorityWords(
        _l("Housing security department"), _l("the housing bureau"),
        _l("%(district)s Housing and Construction Bureau"), _l("Housing and Construction Bureau")),
    "public_employment_service": AuthorityWords(
        _l("Public employment service"), _l("the public employment service"),
        _l("%(district)s public employment service"),
        _l("Human Resources and Social Security: public employment service")),
    "emergency_management": AuthorityWords(
        _l("Emergency management bureau"), _l("the emergency management bureau"),
        _l("%(district)s Emergency Management Bureau"), _l("Emergency Management Bureau")),
    "assistance_station": AuthorityWords(
        _l("Assistance station"), _l("the assistance station for people in need (救助管理站)"),
        _l("Shenzhen Relief Management Station"), _l("Shenzhen Relief Management Station")),
}
# Contacts are also kept for the hotline, which decides nothing (portal/domain/contacts.py).
HOTLINE_CONTACT = _l("Social assistance hotline")


@dataclass(frozen=True)
class BasisWords:
    name: Lazy          # a table cell: "Household registration"
    in_sentence: Lazy   # "... receives it because of your household registration (户籍地)"
    formal: Lazy        # printed on receipts: "Household registration (hukou) here"


BASES: dict[str, BasisWords] = {
    "hukou": BasisWords(
        _l("Household registration"), _l("your household registration (户籍地)"),
        _l("Household registration (hukou) here")),
    "residence_permit": BasisWords(
        _l("Residence permit"), _l("where you live, with your residence permit (居住证)"),
        _l("Lives here with a valid residence permit")),
    "incident_location": BasisWords(
        _l("Where the emergency happened"), _l("where the emergency happened (急难发生地)"),
        _l("The emergency happened here")),
    "residence": BasisWords(
        _l("Where you live"), _l("where you live in Shenzhen"), _l("Lives here")),
}


@dataclass(frozen=True)
class RoleWords:
    actor: Lazy          # who acted, in a resident's timeline: "Street office"
    title: Lazy | None   # a staff account's role, on the administration pages and receipts


ROLES: dict[str, RoleWords] = {
    Role.RESIDENT: RoleWords(_l("Applicant"), None),
    Role.ASSISTANT: RoleWords(_l("Community assistant"), _l("Community assistant")),
    Role.CASEWORKER: RoleWords(_l("Street office"), _l("Street office caseworker")),
    Role.REVIEWER: RoleWords(_l("District"), _l("District reviewer")),
    Role.ADMIN: RoleWords(_l("Administrator"), _l("Administrator")),
    Role.SYSTEM: RoleWords(_l("System"), None),
}


def _word(table: dict, register: str, code: str | None, default: str | None = None) -> str:
    """The ``register`` wording of ``code``; ``default`` (or the code itself) when there is none."""
    words = table.get(code or "")
    value = getattr(words, register, None) if words is not None else None
    if value is not None:
        return str(value)
    return str(default) if default is not None else (code or "")


# Readers by register: ``type_name(code)``, ``authority_in_sentence(code, default)`` ...
type_name = partial(_word, TYPES, "name")
type_full_name = partial(_word, TYPES, "full_name")
type_summary = partial(_word, TYPES, "summary", default="")
authority_name = partial(_word, AUTHORITIES, "name")
authority_in_sentence = partial(_word, AUTHORITIES, "in_sentence")
authority_formal = partial(_word, AUTHORITIES, "formal")   # still to be filled: %(district)s, %(office)s
basis_name = partial(_word, BASES, "name")
basis_in_sentence = partial(_word, BASES, "in_sentence")
basis_formal = partial(_word, BASES, "formal")
role_actor = partial(_word, ROLES, "actor")
role_title = partial(_word, ROLES, "title")


def authority_contact(code: str | None) -> str:
    """The heading of an authority's contact details (the hotline's too)."""
    if code == "assistance_hotline":
        return str(HOTLINE_CONTACT)
    return _word(AUTHORITIES, "contact", code)
