"""Apply a workflow action to a stored request: the only place a request's status is written.

The decision is portal.domain.workflow's; this module loads the request's state, calls it,
stores the new state and writes the Event in the caller's transaction, then sends
``request_changed`` so notifications and notices are added to the same transaction.
Callers (services) commit.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Mapping

from portal.calendar_notices import work_calendar
from portal.domain import workflow
from portal.domain.workflow import Role
from portal.extensions import db
from portal.models import Account, AssistanceRequest, Event, utcnow
from portal.policy_figures import current_policy
from portal.signals import request_changed
from portal.tracking.state import state_of


class StaleRequest(Exception):
    """Someone else changed the request since the form was shown (optimistic locking)."""

    def __init__(self, request: AssistanceRequest, expected_version: int):
        self.request = request
        self.expected_version = expected_version
        super().__init__(f"request {request.id} is at version {request.version}, form had {expected_version}")


def _store(request: AssistanceRequest, transition: workflow.Transition) -> None:
    new = transition.request
    request.status = str(new.state)
    request.entered_on = new.entered_on
    request.accepted_on = new.accepted_on
    request.delegated = new.delegated
    request.special_reason = str(new.special_reason) if new.special_reason else None
    request.flags = sorted(str(f) for f in new.flags)
    request.disputes = new.disputes
    request.review_due_on = new.review_due_on
    request.valid_until = new.valid_until
    request.phase_out_ends_on = new.phase_out_ends_on
    request.due_on = transition.due_on
    request.deadline_on = transition.deadline


def perform(request: AssistanceRequest, action: str, actor: Account | None, data: Mapping[str, Any] | None = None,
            *, actor_role: str | None = None, on_behalf_of: Account | None = None, mandate_ref: str | None = None,
            expected_version: int | None = None, now: datetime | None = None,
            visible_to_resident: bool = True) -> workflow.Transition:
    """Validate and apply ``action``; raises workflow.TransitionError or StaleRequest. Does not commit."""
    if expected_version is not None and request.version != expected_version:
        raise StaleRequest(request, expected_version)
    now = now or utcnow()
    role = Role(actor_role or (actor.role if actor is not None else Role.SYSTEM))
    domain_actor = workflow.Actor(id=str(actor.id) if actor is not None else "system", role=role,
                                  name=actor.display_name if actor is not None else "")
    principal = workflow.Principal(str(on_behalf_of.id), mandate_ref) if on_behalf_of is not None else None
    transition = workflow.apply(state_of(request), action, domain_actor, principal, now, dict(data or {}),
                                current_policy(), work_calendar())
    _store(request, transition)
    record = transition.event
    event = Event(
        application_id=request.application_id, request=request, action=record.action,
        from_state=str(record.from_state), to_state=str(record.to_state),
        actor_account_id=actor.id if actor is not None else None, actor_role=str(record.actor_role),
        on_behalf_of_account_id=on_behalf_of.id if on_behalf_of is not None else None, at=now,
        reason=record.reason, legal_basis=record.legal_basis, data=_plain(record.data),
        visible_to_resident=visible_to_resident,
    )
    db.session.add(event)
    request_changed.send(request, event=event, transition=transition)
    return transition


def _plain(data: Mapping[str, Any]) -> dict | None:
    if not data:
        return None
    return {key: _thawed(value) for key, value in data.items()}


def _thawed(value: Any) -> Any:
    # The workflow freezes event data (tuples, read-only mappings); JSON wants lists and dicts,
    # also inside a structured record (portal/office/records.py).
    if isinstance(value, Mapping):
        return {key: _thawed(item) for key, item in value.items()}
    if isinstance(value, (tuple, list, frozenset)):
        return [_thawed(item) for item in value]
    return value
