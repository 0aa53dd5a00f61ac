"""Submit a draft: in ONE transaction it becomes an application with one request per type.

Guarantees:
- Exactly once: the draft row is locked (``SELECT ... FOR UPDATE`` on PostgreSQL) and updated
  under its version (optimistic lock), so of two concurrent submits one wins and the other
  finds the application already submitted and returns it; ``submission_token`` is unique,
  so no second application can carry the same submission. A double tap, a refresh, back and
  resubmit or two tabs all end on the same confirmation.
- One open application per household (``household_key``).
- Each chosen type is routed by ``portal.domain.jurisdiction.route``; a request is created
  only where Shenzhen can receive it, with the authority that decides it, its office,
  district and basis, and moved DRAFT -> SUBMITTED by ``portal.tracking.transitions.perform``.
  Types Shenzhen cannot receive are kept in ``answers["routing"]["referred"]`` with where to go.
- Consents are recorded with their text version, who, when and how; then
  ``application_submitted`` is sent (receipts and notifications add to the same transaction).
- All or nothing: a process killed at any point leaves the draft as it was or the whole
  application (requests, events, consents, receipt PDF and messages are all rows of the same
  transaction; no file is written). ``crash_point`` lets the tests prove it.
"""
from __future__ import annotations

import os
import signal
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from portal.apply.answers import screening
from portal.apply.answers import shape as A
from portal.apply.filing.declarations import (
    AGREEMENT_METHODS,
    ANSWER_KEYS,
    PAPER_METHODS,
)
from portal.apply.filing.drafts import open_application_for
from portal.apply.journey import steps
from portal.apply.places import jurisdiction as where
from portal.apply.places.districts import office_label
from portal.clock import today
from portal.domain import jurisdiction as J
from portal.domain.reference import new_reference
from portal.domain.verdicts import ASSISTANCE_TYPES
from portal.domain.workflow import TransitionError, workflow_for
from portal.domain.workflow_types import SpecialReason, TotalLimit
from portal.extensions import db
from portal.models import (
    Account,
    Application,
    AssistanceRequest,
    Consent,
    Document,
    utcnow,
)
from portal.models.assist import Mandate
from portal.signals import application_submitted
from portal.tracking.transitions import perform


class SubmitRefused(Exception):
    """``code``: incomplete, bad_token, already_open, nothing_handled, not_a_draft, and for a helper
    submitting for the applicant: mandate_no_submit, declarations_how, declarations_form_missing."""

    def __init__(self, code: str, other: Application | None = None):
        self.code = code
        self.other = other
        super().__init__(code)


def requested_types(answers: dict, on) -> list[str]:
    """The chosen types; "assess everything" means every type the screening does not rate
    unlikely, plus dibao. Emergency aid needs an emergency to have been described."""
    chosen = A.chosen_types(answers)
    if steps.on_emergency_path(answers):
        chosen = ["temp_emergency"]  # help first; the rest of the application follows later
    elif A.ASSESS_ALL in chosen:
        verdicts = screening.verdicts(answers, on)
        chosen = [t for t in ASSISTANCE_TYPES if t == "dibao" or verdicts.get(t, "not_assessable") != "unlikely"]
    if not A.get(answers, "circumstances.emergency"):
        chosen = [t for t in chosen if t != "temp_emergency"]
    return [t for t in ASSISTANCE_TYPES if t in chosen]


def _special_reason(routing: J.Routing) -> str | None:
    """The 45-working-day ground the routing itself establishes (S-DD 四(一))."""
    if not routing.uses_longer_time_limit:
        return None
    reason = SpecialReason.REMOTE_APPLICATION if routing.basis == J.RESIDENCE_PERMIT else SpecialReason.HOUSEHOLD_SEPARATION
    total = workflow_for(routing.type).total
    return str(reason) if isinstance(total, TotalLimit) and reason in total.special_reasons else None


def _incident_location(answers: dict) -> str:
    emergency = A.get(answers, "circumstances.emergency") or {}
    return f"{office_label(emergency.get('office_code'))} ({emergency.get('office_code')})"


def _unique_reference() -> str:
    while True:
        reference = new_reference()
        if db.session.scalar(db.select(Application.id).where(Application.reference == reference)) is None:
            return reference


def _consents(application: Application, answers: dict) -> None:
    names = {m.get("ref"): m.get("name") for m in A.members(answers)}
    signed_form = db.session.scalar(db.select(Document.id).where(
        Document.application_id == application.id, Document.purpose == "signed_declarations",
        Document.deleted_at.is_(None)).order_by(Document.id.desc()).limit(1))
    for key, kind in ANSWER_KEYS.items():
        record = A.get(answers, f"declarations.{key}")
        if not isinstance(record, dict):
            continue
        for ref in record.get("members") or [A.SELF_REF]:
            db.session.add(Consent(
                application_id=application.id,
                subject_account_id=application.account_id if ref == A.SELF_REF else None,
                kind=kind, text_version=record.get("version") or "", member_ref=ref, signer_name=names.get(ref),
                recorded_by_id=record.get("by"), method=record.get("method") or "online",
                scope=_consent_scope(record, ref),
                evidence_document_id=signed_form if record.get("method") in PAPER_METHODS else None,
                at=_when(record.get("at"))))


def _consent_scope(record: dict, ref: str) -> dict | None:
    scope: dict[str, Any] = {"confirmed_by": "applicant"} if ref != A.SELF_REF else {}
    if record.get("witness"):
        # The witness's name stays in the encrypted answers; this plain column only says there was one.
        scope["witnessed"] = True
    return scope or None


def _when(value):
    try:
        return datetime.fromisoformat(value) if value else utcnow()
    except ValueError:
        return utcnow()


def _existing(token: str) -> Application | None:
    return db.session.scalar(db.select(Application).where(Application.submission_token == token))


# Points of a submission where the kill test stops the process, in the order they are met.
CRASH_POINTS = ("locked", "flushed", "committed")


def crash_point(point: str) -> None:
    """Testing only: die here (SIGKILL, no clean-up) if ``PORTAL_TEST_KILL_AT`` names ``point``.

    Honoured only when the app runs with PORTAL_ENV "testing"; never in development or
    production. With ``PORTAL_TEST_KILL_MARKS`` (a folder) each point kills once: the marker
    file is created first, so the next worker gets past it.
    """
    if current_app.config.get("PORTAL_ENV") != "testing":
        return
    if point not in os.environ.get("PORTAL_TEST_KILL_AT", "").split(","):
        return
    marks = os.environ.get("PORTAL_TEST_KILL_MARKS")
    if marks:
        try:
            Path(marks, point).touch(exist_ok=False)
        except FileExistsError:
            return
    os.kill(os.getpid(), signal.SIGKILL)


def submit(application_id: int, account: Account, token: str, mandate: Mandate | None = None) -> Application:
    """Submit the draft (see the module guarantees). Raises SubmitRefused.

    ``mandate``: a helper (``account``) submits for the applicant under it; it must
    still stand, allow submitting, and every declaration must say how the applicant agreed."""
    try:
        return _submit(application_id, account, token, mandate)
    except (IntegrityError, StaleDataError):
        # Someone else's submit of the same draft won the race: show theirs.
        db.session.rollback()
        application = db.session.get(Application, application_id, populate_existing=True)
        if application is not None and application.status == "submitted":
            return application
        raise


def helper_refusal(application: Application, answers: dict, mandate: Mandate) -> str | None:
    """Why a helper may not submit this draft under ``mandate`` now, or None."""
    if not mandate.standing or mandate.resident_account_id != application.account_id:
        return "not_a_draft"
    if not mandate.allows_to("submit"):
        return "mandate_no_submit"
    methods = {(A.get(answers, f"declarations.{key}") or {}).get("method") for key in ANSWER_KEYS
               if isinstance(A.get(answers, f"declarations.{key}"), dict)}
    if not methods or not methods <= set(AGREEMENT_METHODS):
        return "declarations_how"
    if methods & PAPER_METHODS and not has_signed_declarations(application):
        return "declarations_form_missing"
    return None


def has_signed_declarations(application: Application) -> bool:
    return db.session.scalar(db.select(Document.id).where(
        Document.application_id == application.id, Document.purpose == "signed_declarations",
        Document.deleted_at.is_(None)).limit(1)) is not None


def _submit(application_id: int, account: Account, token: str, mandate: Mandate | None) -> Application:
    application = db.session.get(Application, application_id, with_for_update=True, populate_existing=True)
    owner = account.id if mandate is None else mandate.resident_account_id
    if application is None or application.account_id != owner:
        raise SubmitRefused("not_a_draft")
    if application.status == "submitted":
        return application
    if application.status != "draft":
        raise SubmitRefused("not_a_draft")
    crash_point("locked")
    answers = A.copy_of(application.answers)
    if not token or token != answers.get("_token"):
        raise SubmitRefused("bad_token")
    earlier = _existing(token)
    if earlier is not None:
        return earlier
    on = today()
    if not steps.all_done(answers, on):
        raise SubmitRefused("incomplete")
    if mandate is not None and (refusal := helper_refusal(application, answers, mandate)):
        raise SubmitRefused(refusal)
    other = open_application_for(A.get(answers, "about.id_number") or "", application.id,
                                 emergency=steps.on_emergency_path(answers))
    if other is not None:
        raise SubmitRefused("already_open", other)
    routings = where.route(answers, requested_types(answers, on), on)
    if not routings:
        raise SubmitRefused("incomplete")
    summary = J.shenzhen_handles(routings)
    if not summary.any_handled:
        raise SubmitRefused("nothing_handled")

    now = utcnow()
    application.status = "submitted"
    application.submission_token = token
    application.reference = _unique_reference()
    application.submitted_at = now
    application.submitted_by_id = account.id
    application.receiving_office_code = summary.primary_office
    application.jurisdiction_basis = summary.primary_basis
    answers["routing"] = {
        "handled": [{"type": r.type, "office_code": r.office_code, "basis": r.basis,
                     "uses_longer_time_limit": r.uses_longer_time_limit} for r in routings if r.receivable],
        "referred": [{"type": r.type, "refer_to": {"code": r.refer_to.code, "region_code": r.refer_to.region_code,
                                                   "place": r.refer_to.place}} for r in routings if not r.receivable],
    }
    application.answers = answers
    db.session.flush()  # the version check: a concurrent submit of this draft fails here

    for routing in (r for r in routings if r.receivable):
        request = AssistanceRequest(
            type=routing.type, status="DRAFT", authority=routing.authority, office_code=routing.office_code,
            district_code=routing.district_code, basis=routing.basis, entered_on=on,
            urgent=application.urgent and routing.type == "temp_emergency",
            special_reason=_special_reason(routing))
        application.requests.append(request)
        db.session.flush()
        data = {"incident_location": _incident_location(answers)} if routing.type == "temp_emergency" else {}
        try:
            perform(request, "submit", account, data, now=now,
                    on_behalf_of=db.session.get(Account, application.account_id) if mandate is not None else None,
                    mandate_ref=f"M{mandate.id:06d}" if mandate is not None else None)
        except TransitionError:
            db.session.rollback()
            raise SubmitRefused("incomplete") from None
    _consents(application, answers)
    application_submitted.send(application)
    db.session.flush()  # every row of the submission is now in the database, uncommitted
    crash_point("flushed")
    db.session.commit()
    crash_point("committed")
    return application
