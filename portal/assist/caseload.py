"""The helper's caseload: residents with a standing mandate and true counts from the database.

A draft is counted as a draft until the journey's submit turns it into an application; the
request counts come from each request's own status, so nothing is inferred or cached.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func

from portal.apply.filing.drafts import UNDECIDED
from portal.assist.mandates import caseload_mandates
from portal.extensions import db
from portal.models import Account, Application, AssistanceRequest
from portal.models.assist import Mandate
from portal.status.missing import missing_items

WAITING = "NEEDS_MATERIALS"
# Undecided states are those the journey lists as open; a withdrawn request was never decided.
NOT_DECIDED = frozenset(UNDECIDED) | {"WITHDRAWN"}


@dataclass
class Reminder:
    reference: str
    text: str


@dataclass
class Row:
    mandate: Mandate
    drafts: int = 0
    submitted: int = 0
    waiting: int = 0
    decided: int = 0
    reminders: list[Reminder] = field(default_factory=list)


@dataclass
class Caseload:
    rows: list[Row]

    def total(self, name: str) -> int:
        return sum(getattr(row, name) for row in self.rows)


def _counts_by_resident(ids: list[int]) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = {i: {"drafts": 0, "submitted": 0, "waiting": 0, "decided": 0} for i in ids}
    if not ids:
        return counts
    for account_id, status, n in db.session.execute(
            db.select(Application.account_id, Application.status, func.count(Application.id))
            .where(Application.account_id.in_(ids), Application.status.in_(("draft", "submitted")))
            .group_by(Application.account_id, Application.status)):
        counts[account_id]["drafts" if status == "draft" else "submitted"] += n
    for account_id, status, n in db.session.execute(
            db.select(Application.account_id, AssistanceRequest.status, func.count(AssistanceRequest.id))
            .join(AssistanceRequest, AssistanceRequest.application_id == Application.id)
            .where(Application.account_id.in_(ids), Application.status == "submitted")
            .group_by(Application.account_id, AssistanceRequest.status)):
        if status == WAITING:
            counts[account_id]["waiting"] += n
        elif status not in NOT_DECIDED:
            counts[account_id]["decided"] += n
    return counts


def _reminders(ids: list[int]) -> dict[int, list[Reminder]]:
    """What each resident still owes the office: unanswered items of requests for material."""
    found: dict[int, list[Reminder]] = {i: [] for i in ids}
    if not ids:
        return found
    rows = db.session.execute(
        db.select(Application.account_id, Application.reference, AssistanceRequest)
        .join(AssistanceRequest, AssistanceRequest.application_id == Application.id)
        .where(Application.account_id.in_(ids), AssistanceRequest.status == WAITING)
        .order_by(AssistanceRequest.due_on, AssistanceRequest.id)).all()
    for account_id, reference, request in rows:
        found[account_id] += [Reminder(reference or "", item.text) for item in missing_items(request)
                              if not item.documents]
    return found


def caseload(helper: Account) -> Caseload:
    mandates = caseload_mandates(helper)
    ids = [m.resident_account_id for m in mandates]
    counts = _counts_by_resident(ids)
    reminders = _reminders(ids)
    return Caseload([Row(m, reminders=reminders[m.resident_account_id], **counts[m.resident_account_id])
                     for m in mandates])
