"""Guards on decisions: pure rules, no database.

An approval rests on the eligibility explanation of the household's answers and on the
家庭经济状况核对. When that explanation still lacks facts (income not stated, a member's details
missing), or the last economic check found figures that differ from those declared, approving
is refused unless the decider overrides it explicitly and writes why; the reason is recorded.
One guard, one override: whatever the concerns, the decider answers them once.
"""
from __future__ import annotations

from collections.abc import Sequence

GUARDED_ACTIONS = frozenset({"approve"})
OVERRIDE_REASON_MAX = 2000


def approval_problem(missing: Sequence[str], override: bool, reason: str,
                     differences: Sequence[str] = ()) -> tuple[str, str] | None:
    """(field, code) of why an approval may not go ahead with these ``missing`` facts and these
    ``differences`` found by the economic check; None if it may."""
    if not missing and not differences:
        return None
    if not override:
        return "override", "facts_missing" if missing else "check_differences"
    if not reason.strip():
        return "override_reason", "override_reason_required" if missing else "override_reason_check"
    if len(reason) > OVERRIDE_REASON_MAX:
        return "override_reason", "too_long"
    return None
