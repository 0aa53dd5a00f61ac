"""The contact details in force on a date, for documents and pages.

Every place that prints an office's or an authority's address, phone or hours reads them here,
for the date concerned: a receipt or notice the day it was issued, a page today. A change with a
later effective date is invisible until that day.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import current_app, g

from portal.clock import today
from portal.domain import contacts as rules
from portal.extensions import db
from portal.models import ContactEntry


@dataclass(frozen=True)
class Contact:
    address: str = ""
    phone: str = ""
    hours: str = ""
    demo: bool = False

    def __bool__(self) -> bool:
        return bool(self.address or self.phone or self.hours)


def entries(subject: str) -> list[ContactEntry]:
    return list(db.session.scalars(db.select(ContactEntry).where(ContactEntry.subject == subject)
                                   .order_by(ContactEntry.effective_from, ContactEntry.id)))


def _contact(entry: ContactEntry | None) -> Contact:
    return Contact(entry.address, entry.phone, entry.hours, entry.demo) if entry is not None else Contact()


class ContactBook:
    """Contacts in force on one date, each subject read once."""

    def __init__(self, on: date) -> None:
        self.on = on
        self._found: dict[str, Contact] = {}

    def _get(self, subject: str) -> Contact:
        if subject not in self._found:
            entry = db.session.scalar(
                db.select(ContactEntry).where(ContactEntry.subject == subject, ContactEntry.effective_from <= self.on)
                .order_by(ContactEntry.effective_from.desc(), ContactEntry.id.desc()).limit(1))
            self._found[subject] = _contact(entry)
        return self._found[subject]

    def office(self, code: str | None) -> Contact:
        return self._get(rules.office_key(code)) if code else Contact()

    def authority(self, authority: str | None, district_code: str | None, office_code: str | None = None) -> Contact:
        """The deciding body's contacts; for the street office's own decisions, the office's."""
        if authority == "street_office":
            return self.office(office_code)
        if authority in rules.CITY_AUTHORITIES:
            return self._get(rules.authority_key(authority, None))
        if authority in rules.DISTRICT_AUTHORITIES and district_code:
            return self._get(rules.authority_key(authority, district_code))
        return Contact()

    def hotline(self) -> str:
        """The social assistance hotline in force; the configured number (HOTLINE) until one is entered."""
        return self._get(rules.HOTLINE_KEY).phone or current_app.config.get("HOTLINE", "12349")

    def current_of(self, subjects: list[str]) -> dict[str, Contact]:
        """Many subjects in one query (the admin lists)."""
        rows = db.session.scalars(db.select(ContactEntry).where(ContactEntry.subject.in_(subjects),
                                                                ContactEntry.effective_from <= self.on))
        best: dict[str, ContactEntry] = {}
        for entry in rows:
            held = best.get(entry.subject)
            if held is None or (entry.effective_from, entry.id) > (held.effective_from, held.id):
                best[entry.subject] = entry
        found = {s: _contact(best.get(s)) for s in subjects}
        self._found.update(found)
        return found


def scheduled_subjects(subjects: list[str], on: date) -> set[str]:
    """Which of these subjects have a change waiting to take effect after ``on``."""
    return set(db.session.scalars(db.select(ContactEntry.subject).distinct()
                                  .where(ContactEntry.subject.in_(subjects), ContactEntry.effective_from > on)))


def hotline_today() -> str:
    """For every page's footer, once per request. Error pages show it too, so a database that cannot
    answer (the reason for the error page, perhaps) gives the configured number instead."""
    if "contacts_hotline" not in g:
        try:
            with db.session.no_autoflush:  # reading a number must never write what a view left pending
                g.contacts_hotline = ContactBook(today()).hotline()
        except Exception:  # noqa: BLE001 - a failed transaction or an unreachable database: the footer still shows a number
            g.contacts_hotline = current_app.config.get("HOTLINE", "12349")
    return g.contacts_hotline
