"""Changing an office's or an authority's contact details: a new dated entry, never an edit.

The service owns its transaction: the entry and its AdminEvent are committed together.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from flask import current_app

from portal.admin.trail import record
from portal.contacts.book import ContactBook, entries, scheduled_subjects
from portal.domain import contacts as rules
from portal.extensions import db
from portal.models import Account, ContactEntry, District, Office, utcnow

DEMO_PATH = Path(__file__).resolve().parent.parent / "data" / "demo_contacts.csv"


class ContactProblems(Exception):
    """Problems with a proposed change, as (field, code) pairs."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__(", ".join(code for _f, code in problems))
        self.problems = problems


@dataclass
class Subject:
    """An office or an authority whose contacts are kept: what the admin pages list."""

    key: str
    office: Office | None = None
    district: District | None = None
    authority: str | None = None


@dataclass
class Detail:
    subject: Subject
    current: ContactEntry | None
    upcoming: list[ContactEntry]
    history: list[tuple[ContactEntry, str, Account | None]] = field(default_factory=list)


def _plain_code(value) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 16 and value.isascii() and value.isalnum()


def office_subject(code: str) -> Subject | None:
    office = db.session.get(Office, code) if _plain_code(code) else None
    return Subject(rules.office_key(office.code), office, office.district) if office else None


def authority_subject(authority: str, district: str) -> Subject | None:
    if not isinstance(authority, str) or not isinstance(district, str):
        return None
    if district == rules.CITY:
        return Subject(rules.authority_key(authority, None), authority=authority) \
            if rules.is_authority(authority, None) else None
    found = db.session.get(District, district) if _plain_code(district) else None
    if found is None or not rules.is_authority(authority, found.code):
        return None
    return Subject(rules.authority_key(authority, found.code), district=found, authority=authority)


def detail(subject: Subject, today: date) -> Detail:
    rows = entries(subject.key)
    accounts = {a.id: a for a in db.session.scalars(db.select(Account).where(
        Account.id.in_({r.changed_by_account_id for r in rows if r.changed_by_account_id})))} if rows else {}
    history = [(r, rules.status_of(r, rows, today), accounts.get(r.changed_by_account_id)) for r in reversed(rows)]
    return Detail(subject, rules.in_force(rows, today), rules.scheduled(rows, today), history)


def change(actor: Account | None, subject: Subject, address: str | None, phone: str | None, hours: str | None,
           effective_from: str | None, source: str | None, today: date, commit: bool = True) -> ContactEntry:
    """Add a dated entry and its audit event; ContactProblems when the change is refused.
    ``commit=False`` leaves the transaction open (a file of changes is loaded all or nothing)."""
    cleaned, problems = rules.check_change(address, phone, hours, effective_from, source, today,
                                           rules.needs_address(subject.key))
    if problems:
        raise ContactProblems(problems)
    before = rules.in_force(entries(subject.key), cleaned.effective_from)
    entry = ContactEntry(subject=subject.key, address=cleaned.address, phone=cleaned.phone, hours=cleaned.hours,
                         effective_from=cleaned.effective_from, source=cleaned.source, demo=False,
                         changed_by_account_id=actor.id if actor else None, changed_at=utcnow())
    db.session.add(entry)
    db.session.flush()
    # Contact details of public bodies, not personal data: the trail keeps them, before and after.
    record(actor, "office_contact_changed" if subject.office is not None else "authority_contact_changed", None,
           subject=subject.key, effective_from=cleaned.effective_from.isoformat(),
           scheduled=cleaned.effective_from > today, entry=entry.id,
           was=_values(before), now=_values(entry))
    if commit:
        db.session.commit()
    return entry


def _values(entry: ContactEntry | None) -> dict[str, str]:
    return {"address": entry.address, "phone": entry.phone, "hours": entry.hours} if entry is not None else {}


def load_file(rows: list[dict[str, str]], today: date) -> tuple[int, list[tuple[int, str, str]]]:
    """Changes from a file (``flask contacts load``), all or nothing: (entries added, problems as
    (line, field, code)). Columns: office_code, or authority and district (a district code, or
    "shenzhen" for a city-wide authority); address, phone, hours, effective_from, source."""
    problems: list[tuple[int, str, str]] = []
    checked = []
    for line, row in enumerate(rows, start=2):  # line 1 is the header
        row = {k: (v or "") for k, v in row.items() if k}
        code = row.get("office_code", "").strip()
        subject = office_subject(code) if code else authority_subject(row.get("authority", "").strip(),
                                                                      row.get("district", "").strip() or rules.CITY)
        if subject is None:
            problems.append((line, "office_code" if code else "authority", "subject_unknown"))
            continue
        _cleaned, found = rules.check_change(row.get("address"), row.get("phone"), row.get("hours"),
                                            row.get("effective_from"), row.get("source"), today,
                                            rules.needs_address(subject.key))
        problems += [(line, field, problem) for field, problem in found]
        checked.append((subject, row))
    if problems:
        return 0, problems
    try:
        for subject, row in checked:
            change(None, subject, row.get("address"), row.get("phone"), row.get("hours"), row.get("effective_from"),
                   row.get("source"), today, commit=False)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return len(checked), []


# -- Lists ---------------------------------------------------------------------------------------

@dataclass
class Line:
    subject: Subject
    phone: str
    address: str
    demo: bool
    scheduled: bool
    configured: bool = False  # the hotline with no entry: the HOTLINE setting is what shows


def district_list() -> list[District]:
    return list(db.session.scalars(db.select(District).order_by(District.code)))


def office_groups(district_code: str | None, missing_only: bool, today: date) -> list[tuple[District, list[Line]]]:
    """Offices grouped by district (all 74 fit on one page), with the phone in force today."""
    query = db.select(Office).order_by(Office.district_code, Office.code)
    if district_code:
        query = query.where(Office.district_code == district_code)
    offices = list(db.session.scalars(query))
    keys = [rules.office_key(o.code) for o in offices]
    current = ContactBook(today).current_of(keys)
    waiting = scheduled_subjects(keys, today)
    groups: dict[str, tuple[District, list[Line]]] = {}
    for office, key in zip(offices, keys):
        contact = current[key]
        if missing_only and contact.phone and contact.address:
            continue
        line = Line(Subject(key, office, office.district), contact.phone, contact.address, contact.demo, key in waiting)
        groups.setdefault(office.district_code, (office.district, []))[1].append(line)
    return list(groups.values())


def authority_groups(today: date) -> list[tuple[District | None, list[Line]]]:
    """The city-wide authority first, then each district's deciding bodies."""
    subjects = [Subject(rules.authority_key(a, None), authority=a) for a in rules.CITY_AUTHORITIES]
    districts = district_list()
    subjects += [Subject(rules.authority_key(a, d.code), district=d, authority=a)
                 for d in districts for a in rules.DISTRICT_AUTHORITIES]
    keys = [s.key for s in subjects]
    current = ContactBook(today).current_of(keys)
    waiting = scheduled_subjects(keys, today)
    groups: dict[str, tuple[District | None, list[Line]]] = {}
    for subject in subjects:
        contact = current[subject.key]
        line = Line(subject, contact.phone, contact.address, contact.demo, subject.key in waiting)
        if subject.key == rules.HOTLINE_KEY and not contact.phone:
            line.phone, line.configured = configured_hotline(), True
        code = subject.district.code if subject.district else ""
        groups.setdefault(code, (subject.district, []))[1].append(line)
    return list(groups.values())


def configured_hotline() -> str:
    return current_app.config.get("HOTLINE", "12349")


# -- Demo data -----------------------------------------------------------------------------------

def load_demo_contacts(path: Path = DEMO_PATH) -> int:
    """Made-up contact details for a few offices and authorities (development only), marked demo.
    Safe to run again: a subject that already has an entry is left alone."""
    added = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if db.session.scalar(db.select(ContactEntry.id).where(ContactEntry.subject == row["subject"]).limit(1)):
                continue
            db.session.add(ContactEntry(subject=row["subject"], address=row["address"], phone=row["phone"],
                                        hours=row["hours"], effective_from=date.fromisoformat(row["effective_from"]),
                                        source=row["source"], demo=True, changed_at=utcnow()))
            added += 1
    db.session.commit()
    return added
