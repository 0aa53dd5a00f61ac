"""Who may hand a case to whom: pure rules, no database.

A case (one application) is handled by one caseworker of the street office. Any caseworker of
the office may take an unassigned case or give it to a colleague; once someone has it, moving
it to someone else needs a written reason, recorded with the event.
"""
from __future__ import annotations

REASON_MAX = 500


def assignment_problem(current: int | None, target: int | None, colleagues: frozenset[int],
                       reason: str) -> tuple[str, str] | None:
    """(field, code) of what is wrong with giving the case now held by ``current`` (None:
    nobody) to ``target``, where ``colleagues`` are the caseworkers of the office; None when fine."""
    if target is None or target not in colleagues:
        return "assignee", "assignee_unknown"
    if current == target:
        return "assignee", "already_assigned"
    if len(reason) > REASON_MAX:
        return "reason", "reason_too_long"
    if current is not None and not reason.strip():
        return "reason", "reassign_reason_required"
    return None
