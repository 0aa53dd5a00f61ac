"""The resident withdraws a request, or the whole application, before its decision.

Only through the workflow (``portal.tracking.transitions.perform``, action ``withdraw``): the
state change and its Event (who, when, the reason) are written in one transaction with the
in-portal message and the withdrawal notice (PDF) that the signal receivers add. The office
sees the withdrawal in its queue (the request is closed) and on the case page's timeline.
"""
from __future__ import annotations

from portal.domain import workflow
from portal.domain.vocabulary import Role
from portal.extensions import db
from portal.models import Account, Application, AssistanceRequest, Event
from portal.models.assist import Mandate
from portal.status import record
from portal.status.acting import mandate_ref
from portal.status.changes import check_mandate
from portal.tracking.transitions import perform

ACTION = "withdraw"
REASON_MAX = 500


def withdrawable(application: Application) -> list[AssistanceRequest]:
    """The requests the resident may still withdraw: those not decided yet."""
    return [r for r in application.requests
            if any(a.name == ACTION for a in workflow.allowed_actions(r.type, r.status, Role.RESIDENT))]


def withdraw(application: Application, requests: list[AssistanceRequest], reason: str, account: Account,
             mandate: Mandate | None = None) -> list[Event]:
    """Withdraw every request given (all or nothing), commit, and return their events.

    ``mandate``: a helper (``account``) withdraws for the applicant under it; the events name the
    resident and the workflow checks the mandate reference, as for submitting.
    Raises workflow.TransitionError if one of them can no longer be withdrawn (decided meanwhile).
    """
    check_mandate(mandate, application, ACTION)
    resident = db.session.get(Account, application.account_id) if mandate is not None else None
    events = []
    with record.transaction():
        for request in requests:
            perform(request, ACTION, account, {"reason": reason}, on_behalf_of=resident,
                    mandate_ref=mandate_ref(mandate))
            events.append(request.events[-1])
    return events


def withdrawn(application: Application) -> list[tuple[AssistanceRequest, Event]]:
    """The application's withdrawn requests with their withdrawal events, newest first."""
    rows = db.session.scalars(db.select(Event).where(
        Event.application_id == application.id, Event.action == ACTION, Event.to_state == "WITHDRAWN")
        .order_by(Event.id.desc())).all()
    return [(row.request, row) for row in rows if row.request is not None]
