"""The household as the unit of work: one action over several requests of one application.

A family that applies for 低保, medical and education aid sends one application; the office
asks for missing documents once (一次性告知), accepts once, visits once. Each request still
keeps its own state, clock, decision and events: the workflow decides every request's
transition on its own (``actions.write`` → ``perform``), and the service writes them all in
ONE transaction, or none (a refusal or a stale request rolls every one of them back).

The caseworker chooses which requests an action covers; offered are only the requests of the
application in the person's scope that can take the action now. The form carries each offered
request's version and last event seen: if any chosen request changed since, nothing is written
and the conflict page shows what changed.

Events written together carry the same token under ``data["household"]``, so the history can
say what was done together, and the resident's one upload answers one household request for
documents (portal/status/timeline.py, portal/status/materials.py).
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectMultipleField
from wtforms.fields.choices import SelectChoice

from portal.apply.documents.outstanding import by_request
from portal.domain import workflow
from portal.domain.guards import GUARDED_ACTIONS
from portal.models import Account, Application, AssistanceRequest, Event
from portal.office import actions, records
from portal.office import fields as table
from portal.office.queue import NOT_PROGRESS, available
from portal.office.scope import in_scope
from portal.status import texts

BATCH_KEY = "household"
# Taken request by request: decisions that rest on one request's own figures or its own
# eligibility explanation (an amount, a start month, the approval guard), and what concerns each
# type's own authority (where it is forwarded, what that authority decided).
SINGLE_ONLY = frozenset({"approve", "adjust_amount", "grant_fast_aid", "stage_aid", "record_stage_payment",
                         "forward", "record_external_decision", "record_return"} | GUARDED_ACTIONS
                        # The economic check's result is shown and recorded per request.
                        | records.CHECKS)


@dataclass
class GroupSetup:
    """One action offered for several requests: each request's own ``Setup``, and the form they share."""

    application: Application
    name: str
    candidates: list[actions.Setup]
    fields: list[str] = field(default_factory=list)
    reason: str | None = None
    missing_facts: list[str] = field(default_factory=list)  # always empty: guarded decisions are single

    # The structured record (portal/office/records.py) is the same for every request of one action:
    # a home visit's findings and photos are asked once and recorded on each request's event.
    guarded = False
    check = None
    check_rows = ()  # economic checks are single-only

    @property
    def record(self) -> records.Spec | None:
        return self.candidates[0].record

    @property
    def on_behalf(self) -> bool:
        return any(s.on_behalf for s in self.candidates)

    @property
    def requests(self) -> list[AssistanceRequest]:
        return [s.request for s in self.candidates]

    @property
    def bases(self) -> list[str]:
        """The legal basis of the action for each type covered, once each."""
        found: list[str] = []
        for setup in self.candidates:
            if setup.row.basis and setup.row.basis not in found:
                found.append(setup.row.basis)
        return found


@dataclass
class GroupOutcome:
    done: list[AssistanceRequest] = field(default_factory=list)
    stale: bool = False
    general: str | None = None
    problems: dict[str, str] = field(default_factory=dict)


def _mine(account: Account, application: Application) -> list[AssistanceRequest]:
    return [r for r in sorted(application.requests, key=lambda r: r.id) if in_scope(account, r)]


@dataclass(frozen=True)
class Offer:
    name: str
    requests: list[AssistanceRequest]
    on_behalf: bool  # the person records it for the resident (e.g. documents handed in at the window)


def offered(account: Account, application: Application, today: date) -> list[Offer]:
    """Every action that two or more of the person's requests of this application can take now,
    in the order the first of them lists its actions."""
    by_action: dict[str, list[AssistanceRequest]] = {}
    for_resident: set[str] = set()
    role = workflow.Role(account.role)
    for request in _mine(account, application):
        for row in available(account, request, today):
            if row.name not in SINGLE_ONLY:
                by_action.setdefault(row.name, []).append(request)
                if workflow.needs_principal(row, role, bool(request.delegated)):
                    for_resident.add(row.name)
    # Steps that move the requests on come first; ending or withdrawing them after (as on the queue).
    offered = [Offer(name, found, name in for_resident) for name, found in by_action.items() if len(found) > 1]
    return sorted(offered, key=lambda offer: offer.name in NOT_PROGRESS)


def is_groupable(action: str) -> bool:
    return actions.is_known(action) and action not in SINGLE_ONLY


def setup_for(account: Account, application: Application, action: str, today: date) -> GroupSetup | None:
    """The action for every request of the application that can take it now; None when none can."""
    candidates = [s for s in (actions.setup_for(account, r, action, today) for r in _mine(account, application))
                  if s is not None]
    if not candidates:
        return None
    names: list[str] = []
    for setup in candidates:
        names += [n for n in setup.fields if n not in names]
    reasons = {s.reason for s in candidates}
    reason = "required" if "required" in reasons else "optional" if "optional" in reasons else None
    return GroupSetup(application, action, candidates, names, reason)


def role_may(account: Account, application: Application, action: str) -> bool:
    """False when the person's role never takes ``action`` at any of their requests' steps (403)."""
    return any(actions.role_may(r, action, account.role) for r in _mine(account, application))


def _label(setup: actions.Setup) -> str:
    """The request's type, its state now and after the action (e.g. "医疗救助：已收到 → 等待补齐材料")."""
    request, row = setup.request, setup.row
    value = texts.state_label(request.status)
    if str(row.target) != request.status:
        value = f"{value} → {texts.state_label(str(row.target))}"
    return _("%(label)s: %(value)s", label=texts.type_label(request.type), value=value)


def form_for(group: GroupSetup, formdata=None, typed: dict[str, Any] | None = None) -> FlaskForm:
    """The shared form: which requests (all offered ones ticked), each one's version and last
    event seen, and the fields of the action (the union over the requests)."""
    attributes: dict[str, Any] = {
        "requests": SelectMultipleField(_l("Requests this covers"), choices=[
            SelectChoice(str(s.request.id), _label(s)) for s in group.candidates], validate_choice=False,
            description=_l("Each request keeps its own state, time limit and decision.")),
    }
    for request in group.requests:
        attributes[f"version_{request.id}"] = HiddenField()
        attributes[f"seen_{request.id}"] = HiddenField()
    for name in group.fields:
        choices = actions.office_choices(group.application.receiving_office_code) \
            if table.FIELDS[name].kind == "office" else None
        attributes[name] = table.unbound_field(name, choices)
    if group.reason:
        attributes["reason"] = table.unbound_field("reason", label=table.REASON_LABELS.get(group.name, _l("Reason")))
    if group.record is not None:
        attributes.update(records.form_fields(group.record))
    form_class = type("HouseholdActionForm", (FlaskForm,), attributes)
    form = form_class(formdata=formdata) if formdata is not None else form_class()
    if formdata is None:
        form.requests.data = [str(r.id) for r in group.requests]
        for request in group.requests:
            form[f"version_{request.id}"].data = str(request.version)
            form[f"seen_{request.id}"].data = str(actions.last_event_id(request))
        if "missing_items" in form:
            # One 一次性告知 for the household: everything its requests still owe, once each.
            needed = by_request(group.application)
            titles: list[str] = []
            for request in group.requests:
                outstanding = needed.get(request.id)
                titles += [t for t in (outstanding.titles() if outstanding else []) if t not in titles]
            form.missing_items.data = "\n".join(titles)
        for name, value in (typed or {}).items():
            if name in form and name != "csrf_token":
                form[name].data = value
    return form


def typed_values(group: GroupSetup, form: FlaskForm) -> dict[str, Any]:
    names = group.fields + (["reason"] if group.reason else []) + ["requests"] + records.typed_names(group.record)
    return {name: form[name].data for name in names if name in form}


def _chosen_ids(form: FlaskForm) -> list[int]:
    return [int(v) for v in (form.requests.data or []) if isinstance(v, str) and v.isdigit() and len(v) < 12]


def carry_out(account: Account, group: GroupSetup, form: FlaskForm, today: date, formdata) -> GroupOutcome:
    """Check every chosen request's fields with its own rules, then write every transition in one
    transaction. A chosen request that can no longer take the action, or changed since the form
    was shown, makes the whole action stale: nothing is written."""
    chosen = set(_chosen_ids(form))
    mine = {r.id: r for r in _mine(account, group.application)}
    offered_now = {s.request.id: s for s in group.candidates}
    # A request the form offered (it carries its version) that cannot take the action any more
    # moved on since: stale. Any other id is not a choice the page offered and is ignored.
    if any(i in mine and i not in offered_now and f"version_{i}" in formdata for i in chosen):
        return GroupOutcome(stale=True)
    setups = [offered_now[i] for i in sorted(chosen) if i in offered_now]
    if not setups:
        return GroupOutcome(problems={"requests": "choose_requests"})
    data_by_request: dict[int, dict[str, Any]] = {}
    problems: dict[str, str] = {}
    for setup in setups:
        data, found = actions.collect(setup, form, today)
        data_by_request[setup.request.id] = data
        for name, code in found.items():
            problems.setdefault(name, code)
    # The record once, for the first request chosen (its files are stored once, even if the
    # form comes back with problems, so nothing sent is lost); each request's event carries it.
    record = records.collect(group.record, form, setups[0].request, account, {}, today)
    for name, code in record.problems.items():
        problems.setdefault(name, code)
    token = secrets.token_hex(8) if len(setups) > 1 else None

    def write_all() -> None:
        for setup in setups:
            data = data_by_request[setup.request.id]
            if token:
                data[BATCH_KEY] = token
            data.update(record.data)
            actions.write(account, setup, data, actions.as_int(form[f"version_{setup.request.id}"].data))

    settled = actions.settle(form, problems, record, setups[0].request, write_all)
    return GroupOutcome(done=[s.request for s in setups] if settled.done else [], stale=settled.stale,
                        general=settled.general, problems=settled.problems)


def changes_since(account: Account, application: Application, formdata) -> list[Event]:
    """Every event, after the one the form showed, of the requests the form offered."""
    found: list[Event] = []
    for request in _mine(account, application):
        seen = formdata.get(f"seen_{request.id}")
        if seen is not None:
            found += actions.events_since(request, seen)
    return found


def batches(events: list[Event]) -> dict[str, list[int]]:
    """Token of each action written for several requests together → the requests it covered."""
    together: dict[str, list[int]] = {}
    for event in events:
        token = (event.data or {}).get(BATCH_KEY)
        if isinstance(token, str) and event.request_id is not None:
            together.setdefault(token, []).append(event.request_id)
    return together
