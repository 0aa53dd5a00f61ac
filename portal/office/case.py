"""The case page's data: the application, the requests the person handles, documents, timelines.

Personal details are masked until the person asks to see them; every reveal is written to
the audit trail (an Event the resident does not see) in its own committed transaction before
the details are shown.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.apply.documents.outstanding import by_request
from portal.apply.filing.summary import Section, household_size, summary_sections
from portal.assist.consent import evidence_path
from portal.assist.mandates import mandate_of_application
from portal.domain import workflow
from portal.domain.reference import is_valid_reference, normalise_reference
from portal.extensions import db
from portal.filters import TYPED, place_name, place_name_lang
from portal.models import (
    Account,
    Application,
    AssistanceRequest,
    Document,
    Event,
    Office,
    utcnow,
)
from portal.models.assist import Mandate
from portal.office import fields as table
from portal.office import records
from portal.office.household import BATCH_KEY, batches
from portal.office.queue import available, is_overdue
from portal.office.scope import in_scope
from portal.receipts.legal import readable_basis
from portal.status import texts

REVEAL_ACTION = "reveal_personal_data"
EVIDENCE_ACTION = "view_mandate_evidence"
# Staff views of personal data, each written to the audit trail before anything is shown; the
# case page lists them under "Who saw personal details".
VIEW_ACTIONS = (REVEAL_ACTION, EVIDENCE_ACTION, records.VIEW_FILE_ACTION)
# Labels of the console's own audit entries (the resident never sees them).
_VIEW_LABELS = {EVIDENCE_ACTION: _l("Signed mandate (委托书) viewed"),
                "remind_documents": _l("Reminder sent by text message: documents still needed"),
                "approve_despite_missing_facts": _l("Approved although facts were missing (override)"),
                records.VIEW_FILE_ACTION: _l("Photo or attachment of a record viewed")}


# A field's label in the history where the form's label is an instruction ("..., one per line").
_HISTORY_LABELS = {
    "missing_items": _l("Documents asked for"),
    "staff_names": _l("Staff who made the visit"),
    "evidence": _l("Evidence the resident gave"),
    "signed_by": _l("Staff who signed the record"),
    "missing_facts": _l("Facts missing when approved"),
    "check_differences": _l("Differences of the economic check when approved"),
}


@dataclass
class Detail:
    label: str
    value: str
    lang: str | None = None  # the value's language for ``stored_text``: None when it is the page's

# Fields whose value is what a member of staff typed, in whatever language they wrote it.
_TYPED_KINDS = ("text", "long_text", "lines")


@dataclass
class StaffEvent:
    event: Event
    label: str
    actor: str
    role: str
    on_behalf: str
    details: list[Detail] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)  # (label, address) of a record's photos


@dataclass
class RequestCase:
    request: AssistanceRequest
    actions: list[workflow.Action]
    events: list[StaffEvent]
    overdue: bool
    explanation: Any = None
    on_behalf: set[str] = field(default_factory=set)
    outstanding: Any = None  # portal.apply.documents.outstanding.Outstanding: still needed, and "I don't have this"


@dataclass
class Case:
    application: Application
    sections: list[Section]
    household_size: int
    mine: list[RequestCase]
    elsewhere: list[AssistanceRequest]
    documents: list[Document]
    reveals: list[StaffEvent]
    offices: dict[str, Office]
    revealed: bool = False
    mandate: Mandate | None = None  # the consent a helper filed under; None when the applicant filed


def find_application(reference: str) -> Application | None:
    # Checked before any query: a malformed value (a NUL byte, say) must not reach the database.
    if not isinstance(reference, str) or len(reference) > 40 or not is_valid_reference(reference):
        return None
    return db.session.scalars(
        db.select(Application).where(Application.reference == normalise_reference(reference),
                                     Application.status != "draft")
    ).first()


def handles(account: Account, application: Application) -> bool:
    return any(in_scope(account, r) for r in application.requests)


def _names(ids: set[int]) -> dict[int, str]:
    ids = {i for i in ids if i}
    if not ids:
        return {}
    return {a.id: a.display_name for a in db.session.scalars(db.select(Account).where(Account.id.in_(ids)))}


def _value(name: str, value: Any, offices: dict[str, Office]) -> Detail:
    """A recorded field as a detail with no label yet: its value in words, and its language."""
    spec = table.FIELDS.get(name)
    typed = TYPED if spec is not None and spec.kind in _TYPED_KINDS else None
    if isinstance(value, bool):
        return Detail("", _("Yes") if value else _("No"))
    if isinstance(value, (list, tuple)):
        return Detail("", "; ".join(str(v) for v in value), typed)
    if spec is not None and spec.kind == "office" and str(value) in offices:
        office = offices[str(value)]
        return Detail("", place_name(office), place_name_lang(office))
    if spec is not None and spec.choices:
        return Detail("", str(dict(spec.choices).get(str(value), value)))
    return Detail("", str(value), typed)


def staff_events(events: list[Event], offices: dict[str, Office],
                 together: dict[str, list[tuple[int, str]]] | None = None) -> list[StaffEvent]:
    """Every event, newest first, with who did it and every detail recorded. ``together`` maps the
    token of an action taken for several requests at once to their types (portal/office/household.py)."""
    names = _names({e.actor_account_id for e in events} | {e.on_behalf_of_account_id for e in events})
    files = records.files_of([e.id for e in events if (e.data or {}).get("files")])
    views = []
    for event in sorted(events, key=lambda e: (e.at, e.id), reverse=True):
        details = []
        if event.reason:
            details.append(Detail(_("Reason"), event.reason, TYPED))
        for name, value in (event.data or {}).items():
            if name == BATCH_KEY:
                others = [t for i, t in (together or {}).get(str(value), []) if i != event.request_id]
                if others:
                    details.append(Detail(_("Done in the same action for"), "; ".join(texts.type_label(t) for t in others)))
            rows = records.details(name, value, event.request)
            if rows is not None:
                details += [Detail(label, text, TYPED if typed else None) for label, text, typed in rows]
                continue
            spec = table.FIELDS.get(name)
            detail = _value(name, value, offices)
            label = _HISTORY_LABELS.get(name) or (spec.label if spec else _("Details shown") if name == "fields" else name)
            detail.label = str(label)
            details.append(detail)
        basis = readable_basis(event.legal_basis)
        if basis:
            details.append(Detail(_("Legal basis"), basis))
        label = str(_VIEW_LABELS[event.action]) if event.action in _VIEW_LABELS else texts.action_label(event.action)
        views.append(StaffEvent(event, label, names.get(event.actor_account_id, ""),
                                texts.role_label(event.actor_role), names.get(event.on_behalf_of_account_id, ""),
                                details, records.file_links(event, files.get(event.id, []))))
    return views


def _explanation(application: Application, request_type: str):
    """The eligibility explanation of the pre-check for this request, when that module is present."""
    try:
        # optional: its ImportError is handled here
        from portal.office.explain import explanation_for_request
    except ImportError:
        return None
    return explanation_for_request(application, request_type)


def _offices_for(application: Application, events: list[Event]) -> dict[str, Office]:
    codes = {r.office_code for r in application.requests if r.office_code}
    codes |= {str((e.data or {}).get("to_office")) for e in events if (e.data or {}).get("to_office")}
    if not codes:
        return {}
    return {o.code: o for o in db.session.scalars(db.select(Office).where(Office.code.in_(codes)))}


def load_case(account: Account, application: Application, today: date, revealed: bool = False) -> Case:
    events = list(db.session.scalars(db.select(Event).where(Event.application_id == application.id)
                                     .order_by(Event.id)))
    offices = _offices_for(application, events)
    mine, elsewhere = [], []

    needed = by_request(application)

    types = {r.id: r.type for r in application.requests}
    together = {token: [(i, types[i]) for i in ids if i in types] for token, ids in batches(events).items()}
    for request in application.requests:
        if not in_scope(account, request):
            elsewhere.append(request)
            continue
        actions = available(account, request, today)
        on_behalf = {a.name for a in actions
                     if workflow.needs_principal(a, workflow.Role(account.role), bool(request.delegated))}
        mine.append(RequestCase(request, actions, staff_events([e for e in events if e.request_id == request.id],
                                                                offices, together),
                                is_overdue(request, today), _explanation(application, request.type), on_behalf,
                                needed.get(request.id)))
    documents = list(db.session.scalars(
        db.select(Document).where(Document.application_id == application.id, Document.deleted_at.is_(None))
        .order_by(Document.uploaded_at, Document.id)
    ))
    reveals = staff_events([e for e in events if e.action in VIEW_ACTIONS], offices)

    return Case(application, summary_sections(application, reveal=revealed), household_size(application), mine,
                elsewhere, documents, reveals, offices, revealed, mandate_of_application(application))


def _record_view(account: Account, application: Application, action: str, fields: list[str]) -> None:
    """Write who saw personal data, and when; committed before anything is shown."""
    db.session.add(Event(
        application_id=application.id, request_id=None, action=action, from_state=None, to_state=None,
        actor_account_id=account.id, actor_role=account.role, at=utcnow(), data={"fields": fields},
        visible_to_resident=False,
    ))
    db.session.commit()


def record_reveal(account: Account, application: Application) -> None:
    fields = [row.key for section in summary_sections(application) for row in section.rows if row.sensitive]
    _record_view(account, application, REVEAL_ACTION, fields)


def mandate_evidence(application: Application):
    """(mandate, path of its stored photo) for an application a helper filed under a signed
    paper mandate; None otherwise (filed by the applicant, consent by code, file missing)."""
    mandate = mandate_of_application(application)
    path = evidence_path(mandate) if mandate is not None else None
    return (mandate, path) if path is not None else None


def record_evidence_view(account: Account, application: Application) -> None:
    _record_view(account, application, EVIDENCE_ACTION, ["mandate_evidence"])
