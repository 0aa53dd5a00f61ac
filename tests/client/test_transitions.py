from datetime import datetime, timezone

import pytest

from portal.domain.workflow import TransitionError
from portal.extensions import db
from portal.models import Event
from portal.signals import request_changed
from portal.tracking.transitions import StaleRequest, perform
from tests.factories import create_account, create_application


def test_perform_stores_state_writes_event_and_signals(any_app):
    application = create_application(types=("dibao",))
    request = application.requests[0]
    caseworker = create_account("caseworker")
    heard = []
    with request_changed.connected_to(lambda sender, **kw: heard.append((sender, kw["event"].action))):
        transition = perform(request, "accept", caseworker, {"close_relative_of_staff": False},
                             now=datetime(2026, 9, 28, 2, 0, tzinfo=timezone.utc))
        db.session.commit()
    assert request.status == "ACCEPTED" and str(transition.to_state) == "ACCEPTED"
    assert request.accepted_on.isoformat() == "2026-09-28"
    assert request.deadline_on is not None and request.deadline_on > request.accepted_on
    event = db.session.scalar(db.select(Event))
    assert (event.action, event.from_state, event.to_state, event.actor_account_id) == ("accept", "SUBMITTED", "ACCEPTED", caseworker.id)
    assert heard == [(request, "accept")]


def test_refused_action_changes_nothing(app):
    request = create_application().requests[0]
    resident = create_account("resident")
    with pytest.raises(TransitionError) as error:
        perform(request, "approve", resident, {"amount": "100"})
    assert error.value.code in ("not_allowed", "role_forbidden")
    assert request.status == "SUBMITTED" and db.session.scalar(db.select(Event)) is None


def test_stale_version_is_refused(app):
    request = create_application().requests[0]
    with pytest.raises(StaleRequest):
        perform(request, "accept", create_account("caseworker"), {"close_relative_of_staff": False},
                expected_version=request.version - 1)
