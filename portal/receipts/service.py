"""Issuing, storing and finding receipts and notices.

A document is rendered once and stored with its SHA-256; every later download serves those
bytes. The database keeps it that way: one receipt per application and one notice per event
(unique indexes), so two processes rendering the same document at once cannot both store it.

``issue_*`` add a document to the caller's transaction (the signal receivers: the submission
or the decision commits it). ``stored_receipt`` and ``notices_of`` commit themselves: they
render, on first access, a document whose rendering failed when it should have been issued.
"""
from __future__ import annotations

import hashlib
import logging
import secrets

from sqlalchemy.exc import IntegrityError

from portal.domain.reference import ALPHABET
from portal.extensions import db
from portal.models import Application, AssistanceRequest, Event, utcnow
from portal.models.issued import IssuedDocument
from portal.receipts.notice_content import NOTICE_KINDS, kind_of
from portal.receipts.render import document_locale, notice_pdf, receipt_pdf

log = logging.getLogger(__name__)

CODE_LENGTH = 8  # 32 symbols: 2^40 values for each reference
REFUSALS = ("reject", "not_accept")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def _document(kind: str, application: Application, pdf: bytes, code: str, issued_at, **links) -> IssuedDocument:
    return IssuedDocument(kind=kind, application=application, locale=document_locale(application),
                          verification_code=code, sha256=hashlib.sha256(pdf).hexdigest(), size=len(pdf),
                          content=pdf, issued_at=issued_at, **links)


def find_receipt(application: Application) -> IssuedDocument | None:
    if application.id is None:
        return None
    return db.session.scalar(db.select(IssuedDocument).where(
        IssuedDocument.application_id == application.id, IssuedDocument.kind == "receipt"))


def issue_receipt(application: Application) -> IssuedDocument:
    """Render the receipt and add it to the session (the caller commits)."""
    code, now = new_code(), utcnow()
    with db.session.no_autoflush:
        pdf = receipt_pdf(application, code, now)
    document = _document("receipt", application, pdf, code, now)
    db.session.add(document)
    return document


def _commit_first(document: IssuedDocument, find) -> IssuedDocument:
    """Store a document rendered on first access; if another process stored it first, use theirs."""
    try:
        db.session.commit()
        return document
    except IntegrityError:
        db.session.rollback()
        return find()


def stored_receipt(application: Application) -> IssuedDocument:
    """The application's receipt, rendered and committed now if it was never stored."""
    existing = find_receipt(application)
    if existing is not None:
        return existing
    return _commit_first(issue_receipt(application), lambda: find_receipt(application))


def notice_kind(event: Event) -> str | None:
    return kind_of(event)


def _decision_of(request: AssistanceRequest) -> Event | None:
    """The refusal that a ``notify_refusal`` event records as delivered."""
    return db.session.scalar(db.select(Event).where(Event.request_id == request.id, Event.action.in_(REFUSALS))
                             .order_by(Event.id.desc()).limit(1))


def _find_for_event(event: Event) -> IssuedDocument | None:
    if event.id is None:
        return None
    return db.session.scalar(db.select(IssuedDocument).where(IssuedDocument.event_id == event.id))


def issue_notice(request: AssistanceRequest, event: Event) -> IssuedDocument | None:
    """Render the notice a decision issues and add it to the session; None if it issues none.

    ``notify_refusal`` records that the written refusal was delivered: it issues the refusal
    notice of the decision it notifies only if that decision has none yet.
    """
    kind = notice_kind(event)
    if kind is None:
        return None
    with db.session.no_autoflush:
        decision = None
        if event.action == "notify_refusal":
            decision = _decision_of(request)
            if decision is None or _find_for_event(decision) is not None:
                return None
        elif _find_for_event(event) is not None:
            return None
        code, now = new_code(), utcnow()
        pdf = notice_pdf(kind, request, event, code, now, decision)
    document = _document(kind, request.application, pdf, code, now, request=request, event=decision or event)
    db.session.add(document)
    return document


def _missing_notices(application: Application) -> list[tuple[AssistanceRequest, Event]]:
    actions = [a for a in NOTICE_KINDS if a != "notify_refusal"]
    issued = db.select(IssuedDocument.event_id).where(IssuedDocument.event_id.is_not(None))
    rows = db.session.scalars(db.select(Event).where(
        Event.application_id == application.id, Event.action.in_(actions), Event.request_id.is_not(None),
        Event.id.not_in(issued)).order_by(Event.id)).all()
    return [(row.request, row) for row in rows]


def notices_of(application: Application) -> list[IssuedDocument]:
    """Every notice of an application, oldest first; renders (and commits) any that failed before."""
    for request, event in _missing_notices(application):
        try:
            document = issue_notice(request, event)
        except Exception as exc:  # noqa: BLE001 - a notice that cannot render must not hide the others
            log.error("notice for event %s could not be rendered (%s)", event.id, type(exc).__name__)
            continue
        if document is not None:
            _commit_first(document, lambda: None)
    return list(db.session.scalars(db.select(IssuedDocument).where(
        IssuedDocument.application_id == application.id, IssuedDocument.kind != "receipt")
        .order_by(IssuedDocument.issued_at, IssuedDocument.id)))


def find_notice(application: Application, document_id: int) -> IssuedDocument | None:
    document = db.session.get(IssuedDocument, document_id)
    if document is None or document.application_id != application.id or document.kind == "receipt":
        return None
    return document
