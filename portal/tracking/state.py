"""A stored request's workflow state, as portal.domain.workflow reads it. Below the modules that
change requests (transitions) and the ones that only recompute their dates (calendar notices)."""
from __future__ import annotations

from portal.domain import workflow
from portal.models import AssistanceRequest


def state_of(request: AssistanceRequest) -> workflow.RequestState:
    return workflow.RequestState(
        type=request.type, state=request.status, entered_on=request.entered_on, accepted_on=request.accepted_on,  # type: ignore[arg-type]  # the columns hold the StrEnums' values as str
        delegated=request.delegated, special_reason=request.special_reason, flags=frozenset(request.flags or ()),  # type: ignore[arg-type]
        disputes=request.disputes, review_due_on=request.review_due_on, valid_until=request.valid_until,
        phase_out_ends_on=request.phase_out_ends_on,
    )
