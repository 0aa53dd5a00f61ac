"""Writing what is done on a sent request without moving its status (a change reported, a review
answered, an objection and its answer) as an event, and committing: one way for every service of
the resident's pages. Status changes go through the workflow (portal.tracking.transitions.perform).
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

from portal.extensions import db
from portal.models import Account, AssistanceRequest, Event
from portal.models.assist import Mandate
from portal.models.types import utcnow
from portal.status.acting import behalf


def add_event(request: AssistanceRequest, action: str, account: Account, *, legal_basis: str,
              reason: str | None = None, data: dict[str, Any] | None = None,
              mandate: Mandate | None = None) -> Event:
    """Add (not commit) the event of ``action`` by ``account`` on ``request``, shown on the resident's
    timeline; the status stays. Under ``mandate`` a helper acts for the resident: the event names
    whom for, and its data carries the mandate's number."""
    done_for = behalf(mandate, request.application)
    if done_for:
        data = {**(data or {}), "mandate": done_for["mandate"]}
    event = Event(application_id=request.application_id, request_id=request.id, action=action,
                  from_state=request.status, to_state=request.status, actor_account_id=account.id,
                  actor_role=account.role, on_behalf_of_account_id=done_for.get("on_behalf_of_account_id"),
                  at=utcnow(), reason=(reason or "").strip() or None, legal_basis=legal_basis,
                  data=data, visible_to_resident=True)
    request.events.append(event)
    return event


@contextmanager
def transaction() -> Iterator[None]:
    """Commit what the block added; on any failure in it or in the commit, roll it all back and raise."""
    try:
        yield
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
