"""A stored request's workflow state, as portal.domain.workflow reads it. Below the modules that
change requests (transitions) and the ones that only recompute their dates (calendar notices)."""
from __future__ import annotations

from portal.domain import workflow
from portal.domain.workflow import AssistanceType, Flag, SpecialReason, State
from portal.models import AssistanceRequest


def state_of(request: AssistanceRequest) -> workflow.RequestState:
    # The columns hold the StrEnums' values as str; the workflow is given the enums themselves.
    return workflow.RequestState(
        type=AssistanceType(request.type), state=State(request.status), entered_on=request.entered_on,
        accepted_on=request.accepted_on, delegated=request.delegated,
        special_reason=SpecialReason(request.special_reason) if request.special_reason else None,
        flags=frozenset(Flag(flag) for flag in request.flags or ()), disputes=request.disputes,
        review_due_on=request.review_due_on, valid_until=request.valid_until,
        phase_out_ends_on=request.phase_out_ends_on,
    )
