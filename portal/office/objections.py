"""Objections ("我有异议", portal.status.appeals) waiting for the office's answer, for the queue.

A refused or stopped request is closed, so the queue's lists (open work, support) never show it;
its objection is listed apart, oldest first, within the person's scope."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from sqlalchemy import func
from sqlalchemy.orm import defer

from portal.domain import appeals as rules
from portal.extensions import db
from portal.models import Account, Application, AssistanceRequest, Event
from portal.office.scope import SCOPE_CODE, bound_scope, scope_of

LIMIT = 50


@dataclass
class Waiting:
    request: AssistanceRequest
    application: Application
    asked_at: datetime


@lru_cache(maxsize=4)
def _statement(scope_column: str):
    """The list's query for one kind of scope, built once (the code is a bound parameter).

    The latest objection event of each request is found in ``ix_events_side_actions`` (the few
    events of that kind, not the millions of workflow events), then its request in scope."""
    latest = (db.select(Event.request_id.label("request_id"), func.max(Event.id).label("event_id"))
              .where(Event.action.in_((rules.ASK, rules.ANSWER)), Event.request_id.is_not(None))
              .group_by(Event.request_id).subquery())
    return (db.select(AssistanceRequest, Application, Event.at)
            .join(latest, latest.c.request_id == AssistanceRequest.id)
            .join(Event, Event.id == latest.c.event_id)
            .join(Application, Application.id == AssistanceRequest.application_id)
            .options(defer(Application.answers), defer(AssistanceRequest.decision_reasons))
            .where(Event.action == rules.ASK, bound_scope(scope_column))
            .order_by(Event.id).limit(LIMIT))


def waiting(account: Account) -> list[Waiting]:
    """Requests in scope whose latest objection event is the resident's, not yet answered."""
    scope = scope_of(account)
    if scope is None:
        return []
    rows = db.session.execute(_statement(scope[0]), {SCOPE_CODE: scope[1]}).all()
    return [Waiting(request, application, at) for request, application, at in rows]
