"""Words of the contact pages: the authorities, the problems with a change, an entry's status."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.vocabulary import authority_contact

PROBLEMS = {
    "address_empty": _l("Enter the address where residents go"),
    "address_long": _l("An address has at most 200 characters"),
    "phone_empty": _l("Enter the phone number residents call"),
    "phone_format": _l("Enter a landline with its area code, such as 0755-12345678 (an extension may follow: 0755-12345678-801), or a service number such as 12345"),
    "hours_long": _l("Opening hours have at most 120 characters"),
    "date_empty": _l("Enter the date the change takes effect"),
    "date_format": _l("Enter a date like 2027-01-31"),
    "date_past": _l("The date cannot be in the past: a change takes effect today or later"),
    "date_far": _l("Enter a date within the next two years"),
    "source_empty": _l("Say where these details come from, such as the office's notice of a move"),
    "source_long": _l("The source has at most 200 characters"),
    "subject_unknown": _l("No such street office or authority"),
}

STATUSES = {
    "in_force": _l("In force"),
    "scheduled": _l("Scheduled"),
    "superseded": _l("Superseded"),
}


def authority_label(code: str | None) -> str:
    """As a heading of its contact details names it; the district's name is printed next to it."""
    return authority_contact(code)


def problem_text(code: str) -> str:
    return str(PROBLEMS.get(code, code))


def status_label(code: str) -> str:
    return str(STATUSES.get(code, code))
