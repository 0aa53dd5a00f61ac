"""Change reports (portal.status.changes) waiting to be handled, for the queue: a request that
was granted is in the support list, not in open work, so its report is listed apart, oldest first,
within the person's scope, with the day the office acts by."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from sqlalchemy import func
from sqlalchemy.orm import defer

from portal.domain import changes as rules
from portal.extensions import db
from portal.models import Account, Application, AssistanceRequest, Event
from portal.office.scope import SCOPE_CODE, bound_scope, scope_of

LIMIT = 50


@dataclass
class Waiting:
    request: AssistanceRequest
    application: Application
    reported_at: datetime
    due: date | None

    def overdue(self, today: date) -> bool:
        return self.due is not None and today > self.due


@lru_cache(maxsize=4)
def _statement(scope_column: str):
    """The list's query for one kind of scope, built once (the code is a bound parameter); the
    latest change event of each request is found in ``ix_events_side_actions``."""
    latest = (db.select(Event.request_id.label("request_id"), func.max(Event.id).label("event_id"))
              .where(Event.action.in_((rules.REPORT, rules.HANDLE)), Event.request_id.is_not(None))
              .group_by(Event.request_id).subquery())
    return (db.select(AssistanceRequest, Application, Event)
            .join(latest, latest.c.request_id == AssistanceRequest.id)
            .join(Event, Event.id == latest.c.event_id)
            .join(Application, Application.id == AssistanceRequest.application_id)
            .options(defer(Application.answers), defer(AssistanceRequest.decision_reasons))
            .where(Event.action == rules.REPORT, bound_scope(scope_column))
            .order_by(Event.id).limit(LIMIT))


def waiting(account: Account) -> list[Waiting]:
    """Requests in scope whose latest change event is the resident's report, not yet handled."""
    scope = scope_of(account)
    if scope is None:
        return []
    rows = db.session.execute(_statement(scope[0]), {SCOPE_CODE: scope[1]}).all()
    found = []
    for request, application, event in rows:
        try:
            due = date.fromisoformat(str((event.data or {}).get("due")))
        except ValueError:
            due = None
        found.append(Waiting(request, application, event.at, due))
    return found
