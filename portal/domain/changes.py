"""Reporting a change: which of the application's own pages a resident may use
to report a change of household, income, savings and property or address, when, and what changed.

Pure rules over the answers (no Flask, no database). A change report is recorded as an event on a
request (``REPORT``) and is handled by the office with a note (``HANDLE``); the office's time limit
to act is the policy figure ``workflow.change_report_wd`` (portal/data/policy/workflow.json).
"""
from __future__ import annotations

from datetime import date
from typing import Any, Iterable

REPORT = "resident_change"
HANDLE = "resident_change_handled"
LIMIT_KEY = "workflow.change_report_wd"
NOTE_MAX = 1000

# The pages of the application a change is reported on, in the order offered: address, the
# household (who each other person is and whether they still live with the applicant; health,
# study and work of each person), each person's income, savings and property.
TOPICS = ("address", "member", "member-details", "income-sources", "income-amounts", "savings", "property",
          "businesses")
# A person who moved in is added on the journey's own member page (name, relation, ID number, living
# together), opened with this ref; the report is given the next free member ref, and the person's own
# pages (health and work, income) then follow as for everyone in the household.
ADD_STEP = "member"
NEW = "new"


def is_addition(key: str, ref: str | None) -> bool:
    return key == ADD_STEP and ref == NEW

# A change may be reported while a request is being decided or after it was granted; not on a
# request that has ended (the resident applies again instead).
ENDED = frozenset({"REJECTED", "NOT_ACCEPTED", "STOPPED", "TERMINATED", "WITHDRAWN", "EXPIRED", "REFERRED",
                   "CLOSED"})


def may_report(application_status: str, request_statuses: Iterable[str]) -> bool:
    """A submitted application with at least one request that has not ended."""
    return application_status == "submitted" and any(s not in ENDED for s in request_statuses)


def target(requests: list[tuple[int, str]]) -> int | None:
    """The request a change report is filed on: the first one not ended (by id)."""
    open_ids = sorted(rid for rid, status in requests if status not in ENDED)
    return open_ids[0] if open_ids else None


def _same(a: Any, b: Any) -> bool:
    if a in (None, "", []) and b in (None, "", []):
        return True
    return str(a) == str(b) if not isinstance(a, (list, dict)) else a == b


def changed(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The keys whose values differ, in the order of ``after`` then ``before``."""
    keys = list(after) + [k for k in before if k not in after]
    return [k for k in keys if not _same(before.get(k), after.get(k))]


def check_note(text: str | None, required: bool = False) -> str | None:
    """None when acceptable, else "required" or "too_long"."""
    text = (text or "").strip()
    if required and not text:
        return "required"
    if len(text) > NOTE_MAX:
        return "too_long"
    return None


# Periodic review (动态管理), the same mechanism: the office's review date
# (``review_due_on``, set by the workflow) comes near, ``flask apply remind-reviews`` invites the
# resident (``INVITE``, with the day to answer by), who confirms nothing changed (``CONFIRM``) or
# reports changes (``REPORT``). No answer by the day is shown to the office.
INVITE = "review_invited"
CONFIRM = "review_confirmed"
INVITE_DAYS_KEY = "workflow.review_invite_days"
REVIEWED = frozenset({"IN_PAYMENT", "APPROVED", "UNDER_REVIEW", "PHASING_OUT"})


def review_status(actions: list[tuple[str, str | None]], today: date) -> tuple[str | None, str | None]:
    """(state, answer-by day) of the latest invitation from a request's (action, answer_by ISO day)
    events, oldest first: None (never invited), "open", "overdue" or "answered"."""
    state, by = None, None
    for action, answer_by in actions:
        if action == INVITE:
            state, by = "open", answer_by
        elif action in (CONFIRM, REPORT) and state in ("open", "overdue"):
            state = "answered"
    if state == "open" and by and today.isoformat() > by:
        state = "overdue"
    return state, by
