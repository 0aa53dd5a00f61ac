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


def test_an_assistant_stored_as_a_plain_role_is_held_to_the_mandate(app):
    # Account.role is a plain str column; the workflow compares ``is Role.ASSISTANT``.
    resident = create_account("resident")
    request = create_application(resident).requests[0]
    assistant = create_account("assistant")
    with pytest.raises(TransitionError) as error:
        perform(request, "withdraw", assistant, on_behalf_of=resident)
    assert error.value.code == "mandate_required" and request.status == "SUBMITTED"
    perform(request, "withdraw", assistant, on_behalf_of=resident, mandate_ref="M-1")
    db.session.commit()
    event = db.session.scalar(db.select(Event))
    assert request.status == "WITHDRAWN"
    assert (event.actor_role, event.on_behalf_of_account_id) == ("assistant", resident.id)


def test_an_objection_at_the_notice_counts_a_dispute_from_a_stored_status(app):
    # Request.status is a plain str column; the workflow compares ``is State.DISPUTED``.
    request = create_application(request_status="PUBLICITY").requests[0]
    caseworker = create_account("caseworker")
    perform(request, "record_objection", caseworker, {"objection": "邻居说有收入"})
    db.session.commit()
    assert (request.status, request.disputes) == ("DISPUTED", 1)
