"""Names of the offices and authorities whose contacts are kept, in the current language."""
from __future__ import annotations

from portal.contacts import labels
from portal.contacts.changes import Subject, authority_subject, office_subject
from portal.domain import contacts as rules
from portal.filters import place_name


def subject_name(subject: Subject) -> str:
    if subject.office is not None:
        return f"{place_name(subject.district)} {place_name(subject.office)}"
    name = labels.authority_label(subject.authority)
    return f"{place_name(subject.district)} {name}" if subject.district is not None else name


def subject_name_of_key(key: str) -> str:
    """The name of a subject from its key, as the audit trail stores it ("office:44030506")."""
    kind, code, district = rules.parse_key(key)
    subject = office_subject(code) if kind == "office" else authority_subject(code, district or rules.CITY)
    return subject_name(subject) if subject is not None else key
