"""One generic action form per workflow action, and the service that carries it out.

The form is built from the workflow row (``Action.required``, the reason rules) and the
field table (office/fields.py). Carrying it out: convert what was typed, check every field
with the workflow's own validators at once (so all problems are shown together), then
``perform`` with the version the form was shown at, apply what the decision records on the
request (amount, start month, written reasons, the receiving office), and commit.

Optimistic locking: the form carries the request's version and the last event the person
saw. If someone else changed the request in between, ``perform`` raises StaleRequest (or
the UPDATE finds no row at the old version, StaleDataError, when both saved at the same
moment); nothing is written and the caller shows what changed since.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Callable

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError
from wtforms import BooleanField, HiddenField, TextAreaField

from portal.apply.documents.outstanding import of_request
from portal.domain import workflow
from portal.domain.guards import GUARDED_ACTIONS, approval_problem
from portal.domain.verdicts import ASSISTANCE_TYPES
from portal.domain.workflow_fields import (
    CONDITIONAL,
    add_months,
    check_field,
    required_fields,
)
from portal.domain.workflow_tables import WORKFLOWS
from portal.extensions import db
from portal.filters import place_name
from portal.models import Account, AssistanceRequest, Event, Office, utcnow
from portal.models.tracking import Transfer
from portal.office import fields as table
from portal.office import records
from portal.office.explain import explanation_for_request
from portal.office.messages import field_message, general_message
from portal.office.queue import available, today
from portal.tracking.transitions import StaleRequest, perform

# Recorded for the file, not announced to the resident (a report may come from a neighbour).
INTERNAL_ACTIONS = frozenset({"record_complaint"})
OVERRIDE_ACTION = "approve_despite_missing_facts"
_AMOUNT_FIELD = {"approve": "amount", "adjust_amount": "amount", "grant_fast_aid": "amount",
                 "stage_aid": "total_amount"}
_WRITTEN_REASONS = frozenset({"reject", "stop", "not_accept", "terminate", "phase_out", "adjust_amount"})
KNOWN_ACTIONS = frozenset(a.name for wf in WORKFLOWS.values() for a in wf.actions)


@dataclass
class Setup:
    request: AssistanceRequest
    row: workflow.Action
    role: str
    fields: list[str]
    reason: str | None  # "required", "optional" or None
    on_behalf: bool  # taken on the resident's behalf
    # Facts the eligibility explanation still lacks, for a guarded decision:
    # approving then needs an explicit override with a written reason.
    missing_facts: list[str] = field(default_factory=list)
    # What the last economic check found different from the declared figures (same guard).
    differences: list[str] = field(default_factory=list)
    record: records.Spec | None = None  # the structured record the action also takes (office/records.py)
    check: Any = None  # the economic check's result (CheckResult) shown and recorded by a 核对 action

    @property
    def check_rows(self) -> list[records.CheckRow]:
        return records.check_rows(self.check, records.relations_of(self.request) if self.check else None)

    @property
    def guarded(self) -> bool:
        return bool(self.missing_facts or self.differences)

    @property
    def name(self) -> str:
        return self.row.name


@dataclass
class Outcome:
    done: bool = False
    stale: bool = False
    general: str | None = None
    problems: dict[str, str] = field(default_factory=dict)


def is_known(action: str) -> bool:
    return action in KNOWN_ACTIONS


def setup_for(account: Account, request: AssistanceRequest, action: str, today: date) -> Setup | None:
    row = next((a for a in available(account, request, today) if a.name == action), None)
    if row is None:
        return None
    names = list(row.required)
    for (name, _value), extras in CONDITIONAL.items():
        if name in names:
            names += [extra for extra in extras if extra not in names]
    reason_needed = row.reason_required or (row.reason_if is not None and str(row.reason_if) in (request.flags or ()))
    reason = "required" if reason_needed else "optional" if action in table.OPTIONAL_REASON else None
    on_behalf = workflow.needs_principal(row, workflow.Role(account.role), bool(request.delegated))
    missing = missing_facts(request) if action in GUARDED_ACTIONS else []
    differences = records.differences_for_approval(request) if action in GUARDED_ACTIONS else []
    record = records.spec_for(action, names)
    check = records.run_check(request) if record is not None and record.economic_check else None
    return Setup(request, row, account.role, names, reason, on_behalf, missing, differences, record, check)


def missing_facts(request: AssistanceRequest) -> list[str]:
    """What the explanation of the household's answers still lacks for this request's type (in the
    reader's words); the explanation's problems when the answers cannot describe a household yet.
    A type the rules do not screen has nothing to lack."""
    if request.type not in ASSISTANCE_TYPES:
        return []
    explanation = explanation_for_request(request.application, request.type)
    if not explanation.available:
        return list(explanation.problems)
    return list(explanation.verdict.missing)


def role_may(request: AssistanceRequest, action: str, role: str) -> bool:
    """False when ``role`` never takes ``action`` at the request's step (a permission matter, 403);
    True when it might, or when the step has no such action at all (the request moved on)."""
    rows = [a for a in workflow.workflow_for(request.type).actions
            if a.name == action and str(a.source) == request.status]
    who = workflow.Role(role)
    return not rows or any(who in workflow.effective_roles(a, bool(request.delegated)) or who in a.proxy_roles
                           for a in rows)


def office_choices(exclude: str | None) -> list[tuple[str, str]]:
    offices = db.session.scalars(db.select(Office).options(selectinload(Office.district))
                                 .order_by(Office.district_code, Office.code)).all()
    return [(o.code, f"{place_name(o.district)} {place_name(o)}") for o in offices if o.code != exclude]


def form_for(setup: Setup, formdata=None, typed: dict[str, Any] | None = None) -> FlaskForm:
    """The action's form; ``typed`` refills it (e.g. on the conflict page) instead of the request's data."""
    attributes: dict[str, Any] = {"version": HiddenField(), "seen": HiddenField()}
    for name in setup.fields:
        choices = office_choices(setup.request.office_code) if table.FIELDS[name].kind == "office" else None
        attributes[name] = table.unbound_field(name, choices)
    if setup.reason:
        label = table.REASON_LABELS.get(setup.name, _l("Reason"))
        attributes["reason"] = table.unbound_field("reason", label=label)
    if setup.record is not None:
        attributes.update(records.form_fields(setup.record))
    if setup.missing_facts:
        attributes["override"] = BooleanField(_l("Approve although facts are missing"))
        attributes["override_reason"] = TextAreaField(_l("Why the decision can be made without them"))
    elif setup.differences:
        attributes["override"] = BooleanField(_l("Approve despite the differences the check found"))
        attributes["override_reason"] = TextAreaField(_l("Why the decision can be made despite them"))
    form_class = type("ActionForm", (FlaskForm,), attributes)
    form = form_class(formdata=formdata) if formdata is not None else form_class()
    if formdata is None:
        form.version.data = str(setup.request.version)
        form.seen.data = str(last_event_id(setup.request))
        if "start_month" in form:
            # Payment starts the month after the decision (S-DB Art. 21): the only valid answer.
            following = add_months(today(), 1)
            form.start_month.data = f"{following.year:04d}-{following.month:02d}"
        if "missing_items" in form and not (typed or {}).get("missing_items"):
            # 一次性告知 starts from what the application still owes (portal/apply/documents/outstanding.py).
            form.missing_items.data = "\n".join(of_request(setup.request).titles())
        for name, value in (typed or {}).items():
            if name in form and name not in ("version", "seen", "csrf_token"):
                form[name].data = value
    return form


def last_event_id(request: AssistanceRequest) -> int:
    return db.session.scalar(db.select(db.func.max(Event.id)).where(Event.request_id == request.id)) or 0


def as_int(raw: Any) -> int:
    text = str(raw or "")
    return int(text) if text.isdigit() and len(text) < 12 else 0


def typed_values(setup: Setup, form: FlaskForm) -> dict[str, str]:
    """What the person typed, to put back into a fresh form."""
    names = (setup.fields + (["reason"] if setup.reason else []) + ["override", "override_reason"]
             + records.typed_names(setup.record))
    return {name: form[name].data for name in names if name in form}


def collect(setup: Setup, form: FlaskForm, today: date) -> tuple[dict[str, Any], dict[str, str]]:
    valid_offices = ({code for code, _label in office_choices(setup.request.office_code)}
                     if "to_office" in setup.fields else None)
    data: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name in setup.fields + (["reason"] if setup.reason else []):
        value, problem = table.convert(name, form[name].data, valid_offices)
        if problem:
            problems[name] = problem
        if value is not None:
            data[name] = value
    for name in required_fields(setup.row.required, data):
        if name not in problems:
            code = check_field(name, data, today)
            if code:
                problems[name] = code
    if setup.reason == "required" and not data.get("reason") and "reason" not in problems:
        problems["reason"] = "reason_required"
    return data, problems


def _record_decision(setup: Setup, data: dict[str, Any]) -> None:
    request, action = setup.request, setup.name
    if action in _AMOUNT_FIELD and data.get(_AMOUNT_FIELD[action]):
        request.amount = Decimal(str(data[_AMOUNT_FIELD[action]]))
    if action in ("approve", "adjust_amount") and data.get("start_month"):
        request.start_month = data["start_month"]
    if action in _WRITTEN_REASONS and data.get("reason"):
        request.decision_reasons = data["reason"]


def _move_office(setup: Setup, account: Account, data: dict[str, Any]) -> None:
    """A transfer hands the request to the receiving office, leaving a trace for the sender."""
    request = setup.request
    if setup.name == "transfer":
        office = db.session.get(Office, data["to_office"])
        db.session.flush()
        event_id = last_event_id(request)
        db.session.add(Transfer(request_id=request.id, application_id=request.application_id, event_id=event_id,
                                from_office_code=request.office_code, to_office_code=office.code,
                                sent_by_id=account.id))
        request.office_code, request.district_code = office.code, office.district_code
    elif setup.name == "receive_transfer":
        pending = db.session.scalars(db.select(Transfer).where(Transfer.request_id == request.id,
                                                               Transfer.received_at.is_(None))).all()
        for transfer in pending:
            transfer.received_at = utcnow()
            transfer.received_by_id = account.id


def carry_out(account: Account, setup: Setup, form: FlaskForm, today: date) -> Outcome:
    data, problems = collect(setup, form, today)
    record = records.collect(setup.record, form, setup.request, account, data, today, setup.check)
    problems.update({name: code for name, code in record.problems.items() if name not in problems})
    data.update(record.data)
    override_reason = ""
    if setup.guarded:
        typed, problem = table.convert("reason", form.override_reason.data)  # control characters, length
        override_reason = typed or ""
        guard = approval_problem(setup.missing_facts, bool(form.override.data), override_reason, setup.differences)
        if problem or guard:
            problems.update([("override_reason", problem)] if problem else [guard])
    return settle(form, problems, record, setup.request,
                  lambda: write(account, setup, data, as_int(form.version.data), override_reason))


def settle(form: FlaskForm, problems: dict[str, str], record: records.Collected, files_to: AssistanceRequest,
           write_all: Callable[[], None]) -> Outcome:
    """The end of carrying out a checked form, for one request or several (office/household.py).

    With problems, send the form back; the record's files sent stay with it (nothing typed is
    lost). Otherwise ``write_all`` in one transaction, the record's files claimed by the last
    event of ``files_to``, and commit. A request changed since the form was shown (stale) or a
    transition the workflow refuses rolls everything back.
    """
    if problems:
        if record.files:
            db.session.commit()
        return Outcome(problems=problems)
    try:
        write_all()
        if record.files:
            db.session.flush()
            records.claim(record.files, last_event_id(files_to))
        db.session.commit()
    except (StaleRequest, StaleDataError):
        db.session.rollback()
        return Outcome(stale=True)
    except workflow.TransitionError as refused:
        db.session.rollback()
        if refused.field and refused.field in form:
            return Outcome(problems={refused.field: refused.code})
        return Outcome(general=refused.code)
    return Outcome(done=True)


def write(account: Account, setup: Setup, data: dict[str, Any], version: int, override_reason: str = "") -> None:
    """Carry out one checked action in the caller's transaction (no commit): the workflow's
    transition and event, any override record, and what the decision records on the request.
    Raises StaleRequest or workflow.TransitionError; the caller rolls back."""
    request = setup.request
    principal = None
    if setup.on_behalf:
        principal = db.session.get(Account, request.application.account_id)
    if setup.guarded:
        # The override and its reason, for the file (not the resident's timeline), in the same
        # transaction, before the decision it allows.
        found = {"missing_facts": list(setup.missing_facts)} if setup.missing_facts else {}
        if setup.differences:
            found["check_differences"] = list(setup.differences)
        db.session.add(Event(application_id=request.application_id, request=request, action=OVERRIDE_ACTION,
                             from_state=None, to_state=None, actor_account_id=account.id, actor_role=account.role,
                             at=utcnow(), reason=override_reason, data=found, visible_to_resident=False))
    perform(request, setup.name, account, data, on_behalf_of=principal, expected_version=version,
            visible_to_resident=setup.name not in INTERNAL_ACTIONS)
    _record_decision(setup, data)
    _move_office(setup, account, data)


def attach(form: FlaskForm, outcome: Outcome, today: date) -> str | None:
    """Put the outcome's messages next to the fields; return the message for the form as a whole."""
    for name, code in outcome.problems.items():
        message = records.message(code, name) or field_message(code, name, today)
        form[name].errors = list(form[name].errors or []) + [message]
    return general_message(outcome.general) if outcome.general else None


def events_since(request: AssistanceRequest, seen: Any) -> list[Event]:
    return list(db.session.scalars(
        db.select(Event).where(Event.request_id == request.id, Event.id > as_int(seen)).order_by(Event.id)
    ))
