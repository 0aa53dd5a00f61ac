"""Each request carries its application's caseworker (``AssistanceRequest.assigned_to_id``).

The queue shows each caseworker's open and overdue requests (portal/office/assignment.py
``workload``). Joining every open request of the office to its application to learn who has
it read thousands of rows at a million applications (29 ms); with the caseworker on the request,
the counts are one range of ``ix_requests_office_caseload``, read from the index alone.

The copy is kept by the ORM before every flush, so it is written in the same transaction as
the change it follows, whoever writes (the assignment service, submission, demo data, tests):
a new request takes its application's caseworker; when an application's caseworker changes,
each of its requests is updated with it. Updating those rows takes their locks and moves their
version, so a concurrent change to one of the requests either waits for the assignment or is
refused as stale (the conflict page), and the copy cannot fall behind.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from portal.models import Application, AssistanceRequest


def _application_of(session: Session, request: AssistanceRequest) -> Application | None:
    if request.application is not None:
        return request.application
    return session.get(Application, request.application_id) if request.application_id else None


def _before_flush(session: Session, _context, _instances) -> None:
    with session.no_autoflush:
        for obj in list(session.new):
            if isinstance(obj, AssistanceRequest):
                application = _application_of(session, obj)
                obj.assigned_to_id = application.assigned_to_id if application is not None else None
        for obj in list(session.dirty):
            if isinstance(obj, Application):
                state: Any = inspect(obj)
                if state.attrs.assigned_to_id.history.has_changes():
                    for request in obj.requests:
                        if request.assigned_to_id != obj.assigned_to_id:
                            request.assigned_to_id = obj.assigned_to_id


def connect() -> None:
    """Keep the copy with every change made through SQLAlchemy (create_app calls this). Safe to call again."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
