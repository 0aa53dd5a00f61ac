"""Guards on decisions (issue 17 part 3): pure rules, no database.

An approval rests on the eligibility explanation of the household's answers. When that
explanation still lacks facts (income not stated, a member's details missing), approving is
refused unless the decider overrides it explicitly and writes why; the reason is recorded.
"""
from __future__ import annotations

from collections.abc import Sequence

GUARDED_ACTIONS = frozenset({"approve"})
OVERRIDE_REASON_MAX = 2000


def approval_problem(missing: Sequence[str], override: bool, reason: str) -> tuple[str, str] | None:
    """(field, code) of why an approval may not go ahead with these ``missing`` facts; None if it may."""
    if not missing:
        return None
    if not override:
        return "override", "facts_missing"
    if not reason.strip():
        return "override_reason", "override_reason_required"
    if len(reason) > OVERRIDE_REASON_MAX:
        return "override_reason", "too_long"
    return None
