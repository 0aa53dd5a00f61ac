"""The queue's side lists (objections waiting, change reports waiting, reviews not answered in
time), read only where they can have entries.

Each list starts from the rare events of its kind (``ix_events_side_actions``). One round trip
first asks, for the person's scope, whether any request has an objection, a change report or a
review invitation at all; a list with none is known to be empty without its query (three
queries of about a millisecond each on every queue page, most often finding nothing).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from sqlalchemy import exists

from portal.domain import appeals, changes
from portal.extensions import db
from portal.models import Account, AssistanceRequest, Event
from portal.office import change_reports, objections
from portal.office.scope import SCOPE_CODE, bound_scope, scope_of


@dataclass
class SideLists:
    objections: list = field(default_factory=list)
    change_reports: list = field(default_factory=list)
    reviews_overdue: list = field(default_factory=list)


@lru_cache(maxsize=4)
def _probe(scope_column: str):
    """Whether a request in scope has an event of each kind (built once; the code is bound)."""
    r = AssistanceRequest

    def any_of(action: str):
        return exists().where(Event.action == action, r.id == Event.request_id, bound_scope(scope_column))

    return db.select(any_of(appeals.ASK), any_of(changes.REPORT), any_of(changes.INVITE))


def side_lists(account: Account, today: date) -> SideLists:
    from portal.status.reviews import overdue

    scope = scope_of(account)
    if scope is None:
        return SideLists()
    asked, reported, invited = db.session.execute(_probe(scope[0]), {SCOPE_CODE: scope[1]}).one()
    return SideLists(objections.waiting(account) if asked else [],
                     change_reports.waiting(account) if reported else [],
                     overdue(account, today) if invited else [])
