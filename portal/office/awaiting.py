"""Requests waiting for the office's answer in a side exchange: an objection and its answer, a
change report and its handling. Both lists of the queue read them the same way.

A request waits when the latest event of its exchange is the resident's (``opened``), not the
office's (``closed``). The latest one is found among the few events of those kinds
(``ix_events_side_actions``), not the millions of workflow events; then its request in scope.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import func
from sqlalchemy.orm import defer

from portal.extensions import db
from portal.models import Account, Application, AssistanceRequest, Event
from portal.office.scope import SCOPE_CODE, bound_scope, scope_of


@lru_cache(maxsize=8)
def _statement(opened: str, closed: str, scope_column: str, limit: int) -> Any:
    """Built once per exchange and kind of scope; the scope's code is a bound parameter."""
    latest = (db.select(Event.request_id.label("request_id"), func.max(Event.id).label("event_id"))
              .where(Event.action.in_((opened, closed)), Event.request_id.is_not(None))
              .group_by(Event.request_id).subquery())
    return (db.select(AssistanceRequest, Application, Event)
            .join(latest, latest.c.request_id == AssistanceRequest.id)
            .join(Event, Event.id == latest.c.event_id)
            .join(Application, Application.id == AssistanceRequest.application_id)
            .options(defer(Application.answers), defer(AssistanceRequest.decision_reasons))
            .where(Event.action == opened, bound_scope(scope_column))
            .order_by(Event.id).limit(limit))


def waiting(account: Account, opened: str, closed: str, limit: int) -> list[tuple[AssistanceRequest, Application, Event]]:
    """(request, application, the resident's event) in the person's scope, oldest first."""
    scope = scope_of(account)
    if scope is None:
        return []
    rows = db.session.execute(_statement(opened, closed, scope[0], limit), {SCOPE_CODE: scope[1]}).all()
    return [(request, application, event) for request, application, event in rows]
