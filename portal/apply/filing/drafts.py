"""Drafts: start one, save a page, add and remove members. Every call commits.

A draft lives in ``Application.answers`` on the server, never in the cookie: any device the
resident signs in on continues where they stopped.
"""
from __future__ import annotations

import secrets
from typing import Any, Callable, TypeVar

from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from portal.accounts.auth import end_session
from portal.apply.answers import derive
from portal.apply.answers import shape as A
from portal.apply.documents.outstanding import UNAVAILABLE, reasons_of
from portal.apply.documents.uploads import UploadRejected, remove, save_upload
from portal.apply.journey.steps import Step
from portal.apply.places import jurisdiction as where
from portal.assist.trail import (
    record_document_added,
    record_document_deleted,
    record_draft_change,
    record_member_removed,
)
from portal.clock import today
from portal.crypto import lookup_hash
from portal.domain.jurisdiction import shenzhen_handles
from portal.extensions import db
from portal.i18n import current_locale
from portal.models import Account, Application, Document, utcnow

_T = TypeVar("_T")

# Request states in which nothing has been decided yet: an application with one of them is open.
UNDECIDED = frozenset({
    "DRAFT", "SUBMITTED", "NEEDS_MATERIALS", "TRANSFERRED", "ACCEPTED", "INVESTIGATING", "DATA_CHECK", "CHECK_FAILED",
    "RECHECK", "HOME_VISIT", "PRELIM_OPINION", "PUBLICITY", "DISPUTED", "COUNTY_REVIEW", "FORWARDED", "RETURNED",
})


class StepRefused(Exception):
    """The page's answers cannot be saved; ``field`` names the input, ``message`` says why."""

    def __init__(self, field: str, message: str, other: Application | None = None):
        self.field = field
        self.message = message
        self.other = other
        super().__init__(field)


def is_open(application: Application) -> bool:
    if application.status == "draft":
        return True
    if application.status != "submitted":
        return False
    return any(r.status in UNDECIDED for r in application.requests) or not application.requests


def open_application_for(id_number: str, exclude_id: int | None = None, emergency: bool = False) -> Application | None:
    """Another open application of the household with this applicant ID number.

    ``emergency``: for the emergency path (help first), only a draft or an application whose
    emergency aid is still undecided stands in the way; a household waiting for a decision on
    other help can still report a sudden emergency."""
    rows = db.session.scalars(db.select(Application).where(
        Application.household_key == lookup_hash(id_number), Application.status.in_(("draft", "submitted")),
        Application.id != (exclude_id or 0)))
    return next((row for row in rows if is_open(row) and (not emergency or _emergency_open(row))), None)


def _emergency_open(application: Application) -> bool:
    return application.status == "draft" or any(
        r.type == "temp_emergency" and r.status in UNDECIDED for r in application.requests)


def drafts_of(account: Account) -> list[Application]:
    return list(db.session.scalars(db.select(Application).where(
        Application.account_id == account.id, Application.status == "draft").order_by(Application.id)))


def applications_of(account: Account) -> list[Application]:
    """Every application of the resident, newest first (drafts and submitted)."""
    return list(db.session.scalars(db.select(Application).where(
        Application.account_id == account.id, Application.status != "withdrawn")
        .order_by(Application.created_at.desc(), Application.id.desc())))


def lock_drafts_of(account_id: int) -> None:
    """Serialise "start a draft" for one resident until the transaction ends.

    Two devices pressing Start at the same moment would otherwise both find no draft and make
    two. The resident's account row is locked (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite
    has a single writer) before looking for a draft.
    """
    db.session.execute(db.select(Account.id).where(Account.id == account_id).with_for_update())


def start_draft(account: Account, prefill: dict | None = None) -> Application:
    """The resident's draft: the one they have, or a new one (pre-filled from a pre-check)."""
    lock_drafts_of(account.id)
    existing = drafts_of(account)
    if existing:
        return existing[0]
    answers = A.copy_of(prefill)
    if account.phone:
        A.put(answers, "about.phone", account.phone)
    answers["_token"] = secrets.token_urlsafe(24)
    application = Application(account_id=account.id, created_by_id=account.id, channel="self", status="draft",
                              locale=current_locale(), answers=answers)
    db.session.add(application)
    db.session.commit()
    return application


def start_emergency(account: Account) -> Application:
    """The emergency path on the resident's draft, or on a new one: only the
    emergency, marked urgent, goes first; what the draft already holds stays for later."""
    application = start_draft(account)

    def change(application: Application, answers: dict) -> None:
        answers["path"] = "emergency"
        situations = [s for s in (A.get(answers, "circumstances.situations") or []) if s != "none"]
        if "emergency" not in situations:
            A.put(answers, "circumstances.situations", situations + ["emergency"])
        types = A.get(answers, "types")
        if not types:
            A.put(answers, "types", ["temp_emergency"])
        elif "temp_emergency" not in types and isinstance(types, list):
            A.put(answers, "types", list(types) + ["temp_emergency"])

    _write(application, change)
    return application


def _apply(answers: dict, person: dict | None, updates: dict) -> None:
    for path, value in updates.items():
        if path.startswith("member."):
            field = path.removeprefix("member.")
            if value is None:
                person.pop(field, None)
            else:
                person[field] = value
        elif value is None:
            A.drop(answers, path)
        else:
            A.put(answers, path, value)


def _sync_columns(application: Application, answers: dict) -> None:
    """Copy out what lists and look-ups need: the name (encrypted) and keyed hashes."""
    about = answers.get("about") or {}
    application.applicant_name = about.get("name") or None
    number = about.get("id_number")
    application.household_key = lookup_hash(number) if number else None
    application.verifier_hash = lookup_hash(number[-6:], "verifier") if number else None
    application.urgent = bool(A.get(answers, "circumstances.emergency"))
    application.locale = current_locale()
    # Where the draft would go as answered so far (assistants' caseloads list drafts by office);
    # submit sets the final values from the types actually requested.
    types = [t for t in A.chosen_types(answers) if t != A.ASSESS_ALL] or ["dibao", "temp_emergency"]
    summary = shenzhen_handles(where.route(answers, types, today()) or [])
    application.receiving_office_code = summary.primary_office
    application.jurisdiction_basis = summary.primary_basis


class DraftClosed(Exception):
    """The draft was submitted (or withdrawn) on another device while this page was being saved."""


# A save that meets a version written by another device since it read the draft is applied
# again on the fresh draft; with the row lock this happens only where the database takes no
# row locks (SQLite), so two more attempts are plenty.
ATTEMPTS = 3


def _write(application: Application, change: Callable[[Application, dict[str, Any]], _T]) -> _T:
    """Run ``change(application, answers)`` on the draft as committed now and store the answers.

    Per-field last write wins: the row is locked (``SELECT ... FOR UPDATE`` on PostgreSQL) and
    read again, so only this page's answers are applied on top of whatever another device
    committed since this request read the draft. Where the database takes no row locks the
    version check (``Application.version``) refuses a write over a newer version: the
    transaction is rolled back and the change applied again. ``change`` returns what the
    caller gets back, and must be repeatable.
    """
    attempts = 0
    while True:
        # Lock with a column query (loading the entity FOR UPDATE would compare versions
        # and refuse the very change we want to see), then read the row as committed now.
        locked = db.session.execute(db.select(Application.id).where(Application.id == application.id)
                                    .with_for_update()).first()
        if locked is not None:
            db.session.refresh(application)
        if locked is None or application.status != "draft":
            db.session.rollback()
            raise DraftClosed()
        answers = A.copy_of(application.answers)
        result = change(application, answers)
        application.answers = answers
        try:
            db.session.commit()
            return result
        except StaleDataError:
            db.session.rollback()
            attempts += 1
            if attempts == ATTEMPTS:
                raise


def save_page(application: Application, step: Step, ref: str | None, updates: dict, *,
              completes: bool = True) -> tuple[str | None, list]:
    """Store one page's answers; returns (the member ref, the (step, ref) pairs removed).

    ``ref`` "new" adds a member. Raises StepRefused when the answers conflict with another
    application (one open application per household), DraftClosed when the draft was
    submitted meanwhile. Only this page's answers are written (see ``_write``); a member
    removed on another device meanwhile stays removed and their page is not saved.
    """
    if step.key == "name":
        other = open_application_for(updates["about.id_number"], application.id,
                                     emergency=(application.answers or {}).get("path") == "emergency")
        if other is not None:
            if other.account_id == application.account_id:
                message = _("You already have an open application for this ID number. Continue that one instead.")
            else:
                message = _("There is already an open application for this person. If you made it with another "
                            "mobile number, sign in with that number; otherwise ask your street office.")
            raise StepRefused("id_number", message, other)

    def change(fresh: Application, answers: dict) -> tuple[str | None, list]:
        saved_ref, person = ref, None
        if step.repeated:
            if ref == "new":
                saved_ref = A.next_member_ref(answers)
                person = {"ref": saved_ref}
                answers.setdefault("members", []).append(person)
            else:
                person = A.member(answers, ref)
                if person is None:
                    return saved_ref, []
        _apply(answers, person, updates)
        if completes:
            A.mark_done(answers, step.key, saved_ref if step.repeated else None)
        removed = derive.settle(answers, today())
        _sync_columns(fresh, answers)
        record_draft_change(fresh, step.key)  # audit when a helper acts for the applicant
        return saved_ref, removed

    return _write(application, change)


def remove_member(application: Application, ref: str) -> bool:
    """Remove a member (never the applicant), their income and their documents."""

    def change(fresh: Application, answers: dict) -> bool:
        person = A.member(answers, ref)
        if person is None or person.get("relation") == "self":
            return False
        answers["members"] = [m for m in A.members(answers) if m.get("ref") != ref]
        (answers.get("income") or {}).pop(ref, None)
        for document in db.session.scalars(db.select(Document).where(
                Document.application_id == fresh.id, Document.member_ref == ref, Document.deleted_at.is_(None))):
            document.deleted_at = utcnow()
        derive.settle(answers, today())
        record_member_removed(fresh, ref)  # audit when a helper acts for the applicant
        return True

    return _write(application, change)


def sign_out() -> None:
    """"Save and come back later": the answers are already saved; end the session everywhere
    it matters (this device), so a shared phone shows nothing to the next person."""
    end_session()
    db.session.commit()


def add_document(application: Application, file_storage, purpose: str, member_ref: str | None,
                 account: Account) -> Document:
    """Store an upload for the draft; raises uploads.UploadRejected."""
    document = save_upload(application, file_storage, purpose, account, member_ref=member_ref)
    record_document_added(application, document)  # audit when a helper acts for the applicant
    db.session.commit()
    return document


def delete_document(document: Document) -> None:
    remove(document)
    record_document_deleted(document)  # audit when a helper acts for the applicant
    db.session.commit()


def supply_documents(application: Application, chosen: list, reasons: dict[str, str], account: Account, *,
                     completes: bool) -> dict[str, str]:
    """The documents page as sent: store every chosen file ((Item, FileStorage) pairs), record the
    "I don't have this" reasons (item key -> reason; an empty reason withdraws the answer), and
    mark the page done when ``completes`` and every file was accepted.

    Returns {item key: UploadRejected code} for the files refused; the others are kept. The
    files are committed first (as ``add_document`` does), then the answers through ``_write``.
    """
    refused: dict[str, str] = {}
    for item, file_storage in chosen:
        try:
            document = save_upload(application, file_storage, item.rule.purpose, account, member_ref=item.member_ref)
        except UploadRejected as rejected:
            refused[item.key] = rejected.code
            continue
        record_document_added(application, document)  # audit when a helper acts for the applicant
    db.session.commit()

    def change(fresh: Application, answers: dict) -> dict[str, str]:
        kept = reasons_of(answers)
        for key, reason in reasons.items():
            if reason:
                kept[key] = reason
            else:
                kept.pop(key, None)
        if kept:
            A.put(answers, UNAVAILABLE, kept)
        else:
            A.drop(answers, UNAVAILABLE)
        if completes and not refused:
            A.mark_done(answers, "documents", None)
        record_draft_change(fresh, "documents")
        return refused

    return _write(application, change)
