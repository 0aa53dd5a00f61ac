"""THE state machine of assistance requests: the only code that decides a status change.

Pure: no Flask, no database, no clock of its own. The persistence layer loads a
:class:`RequestState`, calls :func:`apply` with the acting person, the time and the form data,
and in one transaction stores ``Transition.request`` and writes ``Transition.event``.

Guarantees of :func:`apply`:

* it either returns a :class:`Transition` or raises :class:`TransitionError`; it never
  changes its arguments;
* the transition exists for the type and state (``not_allowed``), the actor's role may take
  it (``role_forbidden``; an assistant only ever acts on a resident's behalf and never
  decides), a proxy names the resident and an assistant cites the mandate
  (``mandate_required``), a written reason is present where one is required
  (``reason_required``), every required field is present and valid (``missing_field`` /
  ``invalid_field`` with ``TransitionError.field``), plus the row's own conditions
  (``county_home_visit_required``, ``notice_running``, ``above_street_limit``,
  ``already_recorded``, ``still_valid``);
* a self-transition (recording a county home visit, a complaint, a 45-day reason) keeps the
  date the state was entered, so it cannot restart a time limit;
* due dates come from the tables (national limits) and the policy (local limits, read on the
  date the clock started); if the working-day calendar does not cover a year they need, the
  transition still happens, the dates are None and ``warnings`` holds "calendar_not_covered"
  (the dates can be recomputed with :func:`due_dates` once the calendar is updated).

Dates are Asia/Shanghai dates; ``now`` must be timezone-aware.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Callable, Mapping

from .calendar import CalendarNotCovered, WorkCalendar, load_calendar, shanghai_date
from .policy import SHENZHEN, Policy
from .workflow_deadlines import (
    Deadlines,
    deadline_for,
    next_review_on,
    notice_ends_on,
    overall_deadline,
    review_interval_months,
    step_due,
)
from .workflow_fields import (
    DEATH_REVIEW_MONTHS,
    PHASE_OUT_MAX_MONTHS,
    add_months,
    check_field,
    month_end,
    parse_amount,
    parse_date,
    parse_month,
    required_fields,
)
from .workflow_tables import (
    AMOUNT_LIMITS,
    DELEGATION_KEYS,
    RESIDENT_NEXT,
    RESIDENT_NEXT_OVERRIDES,
    STEP,
    STEP_OVERRIDES,
    WORKFLOWS,
    Workflow,
)
from .workflow_types import (
    Action,
    AssistanceType,
    Decider,
    Flag,
    Guard,
    Role,
    SpecialReason,
    State,
    TotalLimit,
)

__all__ = [
    "Action", "Actor", "AssistanceType", "Context", "Deadlines", "EventRecord", "Flag", "PHASE_OUT_MAX_MONTHS",
    "Principal", "RequestState", "Role", "SpecialReason", "State", "Transition", "TransitionError",
    "allowed_actions", "apply", "deadline_for", "due_dates", "effective_roles", "needs_principal",
    "next_review_on", "next_step_for_resident", "notice_ends_on", "review_interval_months", "step_for",
    "timeline", "workflow_for",
]


class TransitionError(Exception):
    """A refused transition; ``code`` is stable (the web layer translates it), ``field`` names the input."""

    def __init__(self, code: str, field: str | None = None, detail: str = ""):
        self.code = code
        self.field = field
        super().__init__(code + (f" [{field}]" if field else "") + (f": {detail}" if detail else ""))


@dataclass(frozen=True)
class Actor:
    id: str
    role: Role
    name: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "role", Role(self.role))


@dataclass(frozen=True)
class Principal:
    """The resident on whose behalf someone acts; ``mandate_ref`` is the 委托 record (S-DB Art. 6)."""

    person_id: str
    mandate_ref: str | None = None


@dataclass(frozen=True)
class Context:
    """What :func:`allowed_actions` may consider beyond type, state and role."""

    delegated: bool = False
    flags: frozenset[Flag] = frozenset()
    special_reason: SpecialReason | None = None
    entered_on: date | None = None
    valid_until: date | None = None
    today: date | None = None  # without it, time conditions are not checked


@dataclass(frozen=True)
class RequestState:
    """The state machine's memory of one request; persisted as it is returned by :func:`apply`."""

    type: AssistanceType
    state: State = State.DRAFT
    entered_on: date | None = None
    accepted_on: date | None = None
    region: str = SHENZHEN
    delegated: bool = False  # fixed at acceptance from the policy, so a later change cannot move a running clock
    special_reason: SpecialReason | None = None
    flags: frozenset[Flag] = frozenset()
    disputes: int = 0
    review_due_on: date | None = None
    valid_until: date | None = None
    phase_out_ends_on: date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "type", AssistanceType(self.type))
        object.__setattr__(self, "state", State(self.state))
        object.__setattr__(self, "flags", frozenset(Flag(f) for f in self.flags))
        if self.special_reason is not None:
            object.__setattr__(self, "special_reason", SpecialReason(self.special_reason))

    def context(self, today: date | None = None) -> Context:
        return Context(self.delegated, self.flags, self.special_reason, self.entered_on, self.valid_until, today)


@dataclass(frozen=True)
class EventRecord:
    """The audit event of one transition, written in the same transaction as the new state."""

    request_type: AssistanceType
    action: str
    actor_id: str
    actor_role: Role
    on_behalf_of: Principal | None
    from_state: State
    to_state: State
    at: datetime
    on: date
    reason: str | None
    legal_basis: str
    data: Mapping[str, Any]


@dataclass(frozen=True)
class Transition:
    request: RequestState
    due_on: date | None
    deadline: date | None
    event: EventRecord
    warnings: tuple[str, ...] = ()

    @property
    def action(self) -> str:
        return self.event.action

    @property
    def from_state(self) -> State:
        return self.event.from_state

    @property
    def to_state(self) -> State:
        return self.event.to_state


def workflow_for(type: AssistanceType | str) -> Workflow:
    return WORKFLOWS[AssistanceType(type)]


def effective_roles(action: Action, delegated: bool) -> frozenset[Role]:
    """Roles that take ``action`` in their own right (proxies excluded).

    A county decision is the reviewer's, and also the caseworker's where the policy delegates
    审核确认 to the street office (S-DB Art. 2 ¶2; S-YJ item 24). A street-within-limit decision
    is open to both; :func:`apply` holds the caseworker to the policy amount.
    """
    roles = set(action.roles)
    if action.decider is Decider.COUNTY:
        roles.add(Role.REVIEWER)
        if delegated:
            roles.add(Role.CASEWORKER)
    elif action.decider is Decider.STREET_WITHIN_LIMIT:
        roles |= {Role.CASEWORKER, Role.REVIEWER}
    return frozenset(roles)


def needs_principal(action: Action, role: Role, delegated: bool) -> bool:
    """True when ``role`` may take ``action`` only on a resident's behalf."""
    return role not in effective_roles(action, delegated) and role in action.proxy_roles


def _guard_error(wf: Workflow, action: Action, ctx: Context) -> str | None:
    guard = action.guard
    if guard is Guard.COUNTY_HOME_VISIT:
        needed = Flag.SEPARATE_REGISTER in ctx.flags or Flag.COMPLAINT in ctx.flags
        if needed and Flag.COUNTY_HOME_VISIT not in ctx.flags:
            return "county_home_visit_required"
    elif guard is Guard.NOTICE_ELAPSED:
        days = wf.limits[action.source].amount
        if ctx.today and ctx.entered_on and ctx.today <= notice_ends_on(ctx.entered_on, int(days)):
            return "notice_running"
    elif guard is Guard.NOT_EXTENDED and ctx.special_reason is not None:
        return "already_recorded"
    elif guard is Guard.NOT_NOTIFIED and Flag.REFUSAL_NOTIFIED in ctx.flags:
        return "already_recorded"
    elif guard is Guard.VALIDITY_ENDED and ctx.today and ctx.valid_until and ctx.today <= ctx.valid_until:
        return "still_valid"
    return None


def allowed_actions(type: AssistanceType | str, state: State | str, role: Role | str,
                    context: Context | None = None) -> list[Action]:
    """Actions ``role`` may take now, in table order (including those it takes only as a proxy).

    Conditions on the request's flags are applied; time conditions only when
    ``context.today`` is given. :func:`apply` may still refuse for the form data.
    """
    wf, ctx, role, state = workflow_for(type), context or Context(), Role(role), State(state)
    return [a for a in wf.actions if a.source is state
            and (role in effective_roles(a, ctx.delegated) or role in a.proxy_roles)
            and _guard_error(wf, a, ctx) is None]


def step_for(type: AssistanceType | str, state: State | str) -> str:
    """The plain timeline step code of a state (e.g. "investigation")."""
    return STEP_OVERRIDES.get((AssistanceType(type), State(state))) or STEP[State(state)]


def timeline(type: AssistanceType | str) -> tuple[str, ...]:
    """The ordered main-line steps of a type, for a progress display."""
    return workflow_for(type).timeline


def next_step_for_resident(type: AssistanceType | str, state: State | str) -> str | None:
    """What the resident must or may do now, as a code; None when they only wait."""
    key = (AssistanceType(type), State(state))
    if key in RESIDENT_NEXT_OVERRIDES:
        return RESIDENT_NEXT_OVERRIDES[key]
    return RESIDENT_NEXT.get(key[1])


def due_dates(request: RequestState, policy: Policy | None,
              calendar: WorkCalendar | None = None) -> tuple[Deadlines, tuple[str, ...]]:
    """Deadlines of a request as it stands, never raising for calendar coverage (see ``warnings``)."""
    wf, cal, warnings = workflow_for(request.type), calendar or load_calendar(), []
    attribute = wf.data_due.get(request.state)
    due, due_basis = (getattr(request, attribute), attribute) if attribute else (None, "")
    if attribute is None:
        try:
            due, due_basis = step_due(wf, request.state, request.entered_on, request.accepted_on, request.flags,
                                       policy, cal, request.region)
        except CalendarNotCovered:
            warnings.append("calendar_not_covered")
    try:
        overall, overall_basis = overall_deadline(wf, request.state, request.accepted_on, request.special_reason,
                                          request.delegated, request.disputes, policy, cal, request.region)
    except CalendarNotCovered:
        overall, overall_basis = None, ""
        if not warnings:
            warnings.append("calendar_not_covered")
    return Deadlines(due, overall, due_basis, overall_basis), tuple(warnings)


def _check_actor(action: Action, actor: Actor, on_behalf_of: Principal | None, delegated: bool) -> None:
    if actor.role in effective_roles(action, delegated):
        return
    if actor.role not in action.proxy_roles:
        raise TransitionError("role_forbidden", detail=f"{actor.role} may not {action.name}")
    if on_behalf_of is None or not on_behalf_of.person_id.strip():
        raise TransitionError("mandate_required", detail="name the resident this is done for")
    if actor.role is Role.ASSISTANT and not (on_behalf_of.mandate_ref or "").strip():
        raise TransitionError("mandate_required", detail="an assistant needs the resident's 委托 (S-DB Art. 6)")


def _check_special_reason(wf: Workflow, request: RequestState, data: dict[str, Any]) -> None:
    reason = SpecialReason(data["special_reason"])
    total = wf.total
    if not isinstance(total, TotalLimit) or reason not in total.special_reasons:
        raise TransitionError("invalid_field", "special_reason", f"{reason} does not extend {wf.type}")
    if reason is SpecialReason.OBJECTION_AT_NOTICE and Flag.OBJECTION_AT_NOTICE not in request.flags:
        raise TransitionError("invalid_field", "special_reason", "no objection was recorded at the notice")


def _check_street_limit(action: Action, actor: Actor, data: dict[str, Any], policy: Policy, today: date,
                        region: str) -> None:
    if action.limit_key is None or actor.role is not Role.CASEWORKER:
        return
    # The product of policy values in force on the decision date (e.g. multiple x 低保标准).
    limit = Decimal(1)
    for key in AMOUNT_LIMITS[action.limit_key]:
        limit *= Decimal(str(policy.value(key, today, region)))
    amount = parse_amount(data[action.limit_field])
    if amount is None or amount > limit:
        raise TransitionError("above_street_limit", action.limit_field,
                              f"the street office may decide up to {limit}; the county decides above it")


_Effect = Callable[[Workflow, RequestState, dict[str, Any], date, Policy], RequestState]


def _accept(wf: Workflow, r: RequestState, data: dict[str, Any], today: date, policy: Policy) -> RequestState:
    flags = r.flags | ({Flag.SEPARATE_REGISTER} if data.get("close_relative_of_staff") is True else set())
    key = DELEGATION_KEYS.get(wf.type)
    delegated = key is not None and policy.value(key, today, r.region) is True
    return replace(r, accepted_on=today, delegated=delegated, flags=frozenset(flags))


def _approve(wf: Workflow, r: RequestState, data: dict[str, Any], today: date, policy: Policy) -> RequestState:
    if "income_irregular" in data:
        irregular = data["income_irregular"] is True
        flags = (r.flags | {Flag.INCOME_IRREGULAR}) if irregular else (r.flags - {Flag.INCOME_IRREGULAR})
        r = replace(r, flags=frozenset(flags))
    if "valid_until" in data:
        r = replace(r, valid_until=parse_date(data["valid_until"]))
    if wf.data_due.get(r.state) == "review_due_on":
        r = _schedule_next_review(wf, r, data, today, policy)
    return r


def _schedule_next_review(wf: Workflow, r: RequestState, data: dict[str, Any], today: date,
                          policy: Policy) -> RequestState:
    if wf.review_months is None:
        return r
    return replace(r, review_due_on=next_review_on(wf.type, today, Flag.INCOME_IRREGULAR in r.flags))


def _schedule_review(wf: Workflow, r: RequestState, data: dict[str, Any], today: date,
                     policy: Policy) -> RequestState:
    if data["trigger"] == "member_death":
        death = parse_date(data["death_date"])
        # Reviewed (B101): check_field validated death_date before effects run
        assert death is not None  # nosec B101
        return replace(r, review_due_on=add_months(death, DEATH_REVIEW_MONTHS))
    return replace(r, review_due_on=None)


def _phase_out(wf: Workflow, r: RequestState, data: dict[str, Any], today: date, policy: Policy) -> RequestState:
    year_month = parse_month(data["end_month"])
    # Reviewed (B101): check_field validated end_month before effects run
    assert year_month is not None  # nosec B101
    return replace(r, phase_out_ends_on=month_end(*year_month))


_EFFECTS: dict[str, _Effect] = {
    "accept": _accept,
    "approve": _approve,
    "start_payment": _schedule_next_review,
    "review_no_change": _schedule_next_review,
    "adjust_amount": _schedule_next_review,
    "schedule_review": _schedule_review,
    "report_change": lambda wf, r, data, today, policy: replace(r, review_due_on=None),
    "phase_out": _phase_out,
    "record_special_reason": lambda wf, r, data, today, policy: replace(
        r, special_reason=SpecialReason(data["special_reason"])),
    "record_objection": lambda wf, r, data, today, policy: replace(
        r, disputes=r.disputes + (1 if r.state is State.DISPUTED else 0)),
}


def _frozen(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    return value


def apply(request_state: RequestState, action: str, actor: Actor, on_behalf_of: Principal | None,
          now: datetime, data: Mapping[str, Any] | None, policy: Policy,
          calendar: WorkCalendar | None = None) -> Transition:
    """Validate ``action`` on ``request_state`` and return the transition (see the module guarantees).

    ``data`` carries the written reason under "reason" and the fields the row requires.
    """
    wf = workflow_for(request_state.type)
    today = shanghai_date(now)
    data = dict(data or {})
    row = wf.index.get((request_state.state, action))
    if row is None:
        raise TransitionError("not_allowed", detail=f"{action} from {request_state.state} ({wf.type})")
    _check_actor(row, actor, on_behalf_of, request_state.delegated)
    guard = _guard_error(wf, row, request_state.context(today))
    if guard:
        raise TransitionError(guard)
    reason = data.pop("reason", None)
    reason = reason.strip() if isinstance(reason, str) else None
    if (row.reason_required or (row.reason_if is not None and row.reason_if in request_state.flags)) and not reason:
        raise TransitionError("reason_required", "reason")
    for name in required_fields(row.required, data):
        problem = check_field(name, data, today)
        if problem:
            raise TransitionError(problem, name)
    if row.name == "record_special_reason":
        _check_special_reason(wf, request_state, data)
    _check_street_limit(row, actor, data, policy, today, request_state.region)

    moved = row.target is not row.source
    new = replace(request_state, state=row.target, flags=request_state.flags | row.sets,
                  entered_on=today if moved else request_state.entered_on)
    effect = _EFFECTS.get(row.name)
    if effect is not None:
        new = effect(wf, new, data, today, policy)
    deadlines, warnings = due_dates(new, policy, calendar)
    event = EventRecord(
        request_type=wf.type, action=row.name, actor_id=actor.id, actor_role=actor.role,
        on_behalf_of=on_behalf_of, from_state=row.source, to_state=row.target, at=now, on=today,
        reason=reason or None, legal_basis=row.basis, data=_frozen(data),
    )
    return Transition(new, deadlines.due_on, deadlines.deadline, event, warnings)
