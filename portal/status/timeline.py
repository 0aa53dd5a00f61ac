"""What a resident (or anyone with the reference and verifier) sees of an application's progress.

Read-only queries that turn requests and their events into view models: the current step in
plain words, the date by which the office must act, what the resident must do now, and the
events newest first. Only events marked ``visible_to_resident`` appear, and only the details
listed here leave the office: reasons of decisions the resident is owed in writing, where a
request was sent, the documents asked for, and the amount granted. ``public=True`` (the
look-up without an account) drops reasons, amounts and item lists too, since whoever holds a
reference and six characters is not necessarily the applicant.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import date as _date

from flask_babel import gettext as _

from portal.apply.documents.outstanding import by_request, sentence
from portal.clock import today
from portal.contacts.book import ContactBook
from portal.domain import workflow
from portal.domain.reference import is_valid_reference, normalise_reference
from portal.extensions import db
from portal.filters import TYPED, date_local, place_name, place_name_lang
from portal.models import Account, Application, AssistanceRequest, Event, Office
from portal.models.issued import IssuedDocument
from portal.office.records import check_differences
from portal.status import appeals, texts
from portal.status.materials import same_notice
from portal.status.missing import MissingItem, missing_items
from portal.status.supply import SUPPLY_STATES

# Actions whose written reason is meant for the resident (《最低生活保障审核确认办法》第二十一条、第三十二条; 《社会救助暂行办法》第十三条、第六十条).
RESIDENT_REASON_ACTIONS = frozenset({
    "transfer", "not_accept", "reject", "terminate", "stop", "phase_out", "adjust_amount", "data_check_failed",
    "close", "record_return", "request_materials", "propose_termination", "cancel_termination", "forward", "refer",
    "ask_review", "answer_review", "resident_change", "resident_change_handled",
})

# States in which the dates shown are the office's, with words saying what the date means.
_DUE_WORDS = {
    "PUBLICITY": "notice_ends",
    "TERMINATION_NOTICE": "notice_ends",
    "IN_PAYMENT": "next_review",
    "UNDER_REVIEW": "next_review",
    "APPROVED": "valid_until",
    "PHASING_OUT": "phase_out_ends",
}


@dataclass
class Detail:
    label: str
    value: str
    items: list[str] = field(default_factory=list)
    lang: str | None = None  # the value's language for ``stored_text``: None when it is the page's


@dataclass
class EventView:
    id: int
    at: datetime
    action: str
    label: str
    to_state: str | None
    state_label: str
    reason: str | None = None
    details: list[Detail] = field(default_factory=list)
    letter_id: int | None = None  # the PDF notice issued for this event (portal/receipts)


@dataclass
class Step:
    code: str
    label: str
    status: str  # done, current, todo


@dataclass
class RequestView:
    request: AssistanceRequest
    type_label: str
    state_label: str
    step_label: str
    steps: list[Step]
    office: Office | None
    authority_label: str
    due_on: date | None
    due_kind: str
    deadline_on: date | None
    next_code: str | None
    next_text: str
    events: list[EventView]
    missing: list[MissingItem] = field(default_factory=list)
    office_phone: str = ""     # in force today (portal/contacts): a change scheduled later is not shown yet
    authority_phone: str = ""  # the deciding authority's, when it is not the street office
    still_needed: str = ""  # "您还需要提交 …，截止 …" (portal/apply/documents/outstanding.py); never on the public look-up
    appeal: object = None  # portal.status.appeals.Appeal for a refusal, reduction or stop
    may_object: bool = False  # "我有异议" open from the status page
    objection_pending: bool = False
    # The other requests one household request for documents covered: one upload answers all.
    shared_with: list[str] = field(default_factory=list)

    @property
    def needs_materials(self) -> bool:
        return self.request.status == "NEEDS_MATERIALS"


@dataclass
class ApplicationView:
    application: Application
    requests: list[RequestView]


def _offices(codes: set[str]) -> dict[str, Office]:
    codes = {c for c in codes if c}
    if not codes:
        return {}
    return {o.code: o for o in db.session.scalars(db.select(Office).where(Office.code.in_(codes)))}


def steps_of(request: AssistanceRequest) -> list[Step]:
    """The main-line steps of the type, the current one marked; empty off the main line."""
    line = workflow.timeline(request.type)
    current = workflow.step_for(request.type, request.status)
    if current not in line:
        return []
    position = line.index(current)
    return [Step(code, texts.step_label(code), "done" if i < position else "current" if i == position else "todo")
            for i, code in enumerate(line)]


def _done_for_you_by(event: Event) -> Detail:
    """A community assistant by name (the resident chose them, and /my/helpers names them too);
    street-office staff as the office."""
    actor = db.session.get(Account, event.actor_account_id) if event.actor_account_id else None
    if actor is not None and event.actor_role == "assistant":
        return Detail(_("Done for you by"), actor.display_name or "", lang=TYPED)
    return Detail(_("Done for you by"), _("The street office"))


def _details(event: Event, offices: dict[str, Office], public: bool) -> list[Detail]:
    data = event.data or {}
    details: list[Detail] = []
    if event.action == "transfer" and data.get("to_office"):
        office = offices.get(str(data["to_office"]))
        details.append(Detail(_("Sent to"), place_name(office) if office else str(data["to_office"]),
                              lang=place_name_lang(office) if office else None))
    if public:
        return details
    if event.on_behalf_of_account_id and event.actor_account_id != event.on_behalf_of_account_id:
        # Sent by a helper under the resident's mandate (or by the office at the resident's
        # request): the resident's own timeline says who did it, not "you".
        details.append(_done_for_you_by(event))
    if event.action in ("forward",) and data.get("to_unit"):
        details.append(Detail(_("Sent to"), str(data["to_unit"]), lang=TYPED))
    if event.action == "refer" and data.get("referred_to"):
        details.append(Detail(_("Referred to"), str(data["referred_to"]), lang=TYPED))
    if event.action == "request_materials" and data.get("missing_items"):
        details.append(Detail(_("Documents asked for"), "", [str(i) for i in data["missing_items"]], lang=TYPED))
    if event.action in ("approve", "adjust_amount", "grant_fast_aid") and data.get("amount"):
        details.append(Detail(_("Amount (yuan)"), str(data["amount"])))
    if event.action in ("approve", "adjust_amount") and data.get("start_month"):
        details.append(Detail(_("Paid from"), str(data["start_month"])))
    if event.action == "resident_change" and data.get("due"):
        details.append(Detail(_("The office acts on it by"), date_local(_date.fromisoformat(str(data["due"])))))
    if event.action == "data_check_failed" and data.get("economic_check"):
        # The household is told what the check found, so that it can object with evidence (S-DB Art. 18).
        lines = check_differences(data["economic_check"], event.request)
        if lines:
            details.append(Detail(_("Figures that differ from what you declared"), "", lines))
    if event.action == "record_external_decision" and data.get("decided_by"):
        details.append(Detail(_("Decided by"), str(data["decided_by"]), lang=TYPED))
    return details


def event_views(request: AssistanceRequest, offices: dict[str, Office], public: bool = False,
                letters: dict[int, int] | None = None) -> list[EventView]:
    events = sorted((e for e in request.events if e.visible_to_resident), key=lambda e: (e.at, e.id), reverse=True)
    views = []
    for event in events:
        reason = event.reason if (not public and event.action in RESIDENT_REASON_ACTIONS) else None
        views.append(EventView(event.id, event.at, event.action, texts.action_label(event.action), event.to_state,
                               texts.state_label(event.to_state), reason, _details(event, offices, public),
                               None if public else (letters or {}).get(event.id)))
    return views


def letters_of(application: Application) -> dict[int, int]:
    """Event id -> id of the notice (PDF letter) issued for it, for the applicant's timeline."""
    rows = db.session.execute(
        db.select(IssuedDocument.event_id, IssuedDocument.id).where(
            IssuedDocument.application_id == application.id, IssuedDocument.event_id.is_not(None))
    ).all()
    return {event_id: document_id for event_id, document_id in rows}


def request_view(request: AssistanceRequest, offices: dict[str, Office], public: bool = False,
                 letters: dict[int, int] | None = None, contacts: ContactBook | None = None,
                 still_needed: str = "") -> RequestView:
    next_code = workflow.next_step_for_resident(request.type, request.status)
    due_kind = _DUE_WORDS.get(request.status, "office_acts")
    due_on = request.due_on
    phones = _phones(request, contacts or ContactBook(today()))
    if request.status == "APPROVED" and request.valid_until:
        due_on = request.valid_until
    return RequestView(
        request=request, type_label=texts.type_label(request.type), state_label=texts.state_label(request.status),
        step_label=texts.step_label(workflow.step_for(request.type, request.status)), steps=steps_of(request),
        office=offices.get(request.office_code or ""), authority_label=texts.authority_label(request.authority),
        due_on=due_on, due_kind=due_kind, deadline_on=request.deadline_on, next_code=next_code,
        next_text=texts.next_label(next_code), events=event_views(request, offices, public, letters),
        missing=missing_items(request) if (request.status == "NEEDS_MATERIALS" and not public) else [],
        office_phone=phones["office_phone"], authority_phone=phones["authority_phone"],
        still_needed="" if public else still_needed,
        **({} if public else _appeal(request)),
        shared_with=[] if public or request.status != "NEEDS_MATERIALS" else _shared_with(request),
    )


def _shared_with(request: AssistanceRequest) -> list[str]:
    return [texts.type_label(other.type) for other in same_notice(request.application, request)]


def _appeal(request: AssistanceRequest) -> dict:
    appeal = appeals.appeal_of(request)
    if appeal is None:
        return {}
    return {"appeal": appeal, "may_object": appeals.may_object(request, today()),
            "objection_pending": appeals.pending(request) is not None}


def _phones(request: AssistanceRequest, contacts: ContactBook) -> dict[str, str]:
    office = contacts.office(request.office_code).phone
    authority = "" if request.authority == "street_office" else \
        contacts.authority(request.authority, request.district_code, request.office_code).phone
    return {"office_phone": office, "authority_phone": authority if authority != office else ""}


def _event_offices(requests: list[AssistanceRequest]) -> set[str]:
    codes = {r.office_code for r in requests}
    for request in requests:
        for event in request.events:
            if event.action == "transfer" and event.data and event.data.get("to_office"):
                codes.add(str(event.data["to_office"]))
    return codes


def application_view(application: Application, public: bool = False) -> ApplicationView:
    requests = list(application.requests)
    offices = _offices(_event_offices(requests))
    letters = {} if public else letters_of(application)
    contacts = ContactBook(today())
    needed = {} if public else _still_needed(application)
    return ApplicationView(application, [request_view(r, offices, public, letters, contacts, needed.get(r.id, ""))
                                         for r in requests])


def _still_needed(application: Application) -> dict[int, str]:
    requests = {r.id: r for r in application.requests}
    return {request_id: sentence(found) for request_id, found in by_request(application).items()
            if requests[request_id].status in SUPPLY_STATES}


def applications_of(account_id: int) -> list[Application]:
    """The resident's sent applications, newest first (drafts belong to the journey)."""
    return list(db.session.scalars(
        db.select(Application).where(Application.account_id == account_id, Application.status != "draft",
                                     Application.reference.is_not(None))
        .order_by(Application.submitted_at.desc(), Application.id.desc())
    ))


def find_own(account_id: int, reference: str) -> Application | None:
    """The resident's own sent application with this reference, or None (also for others')."""
    if not isinstance(reference, str) or len(reference) > 40 or not is_valid_reference(reference):
        return None
    return db.session.scalars(
        db.select(Application).where(Application.reference == normalise_reference(reference),
                                     Application.account_id == account_id, Application.status != "draft")
    ).first()
