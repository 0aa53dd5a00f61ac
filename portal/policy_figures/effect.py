"""What a proposed figure would change: the stored applications with an open request, screened
with the policy in force and with the proposal added, on the date the proposal takes effect.

The same screening the caseworker console explains (portal.office.explain: the journey's
reading of the answers, then ``portal.domain.eligibility.screen``). Nothing is written. Only
request numbers, types, verdicts and estimated amounts leave here: no names or answers.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from portal.domain.eligibility import screen
from portal.domain.figures import Change, changes
from portal.domain.household import HouseholdError
from portal.domain.policy import Policy
from portal.extensions import db
from portal.models import Application, AssistanceRequest
from portal.models.request import OPEN
from portal.office.explain import _household

SHOWN = 100  # rows listed on the page; the counts cover every request
BATCH = 200


@dataclass(frozen=True)
class Row:
    request_id: int
    change: Change


@dataclass
class Effect:
    on: date
    applications: int = 0
    requests: int = 0
    not_screened: int = 0  # applications whose answers do not describe a household yet
    verdicts_changed: int = 0
    amounts_changed: int = 0
    rows: list[Row] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """What is stored with the proposal (counts only)."""
        return {"on": self.on.isoformat(), "applications": self.applications, "requests": self.requests,
                "not_screened": self.not_screened, "verdicts_changed": self.verdicts_changed,
                "amounts_changed": self.amounts_changed}


def _open_requests() -> dict[int, list[tuple[int, str]]]:
    found: dict[int, list[tuple[int, str]]] = {}
    rows = db.session.execute(db.select(AssistanceRequest.application_id, AssistanceRequest.id, AssistanceRequest.type)
                              .where(AssistanceRequest.stage == OPEN)
                              .order_by(AssistanceRequest.application_id, AssistanceRequest.id))
    for application_id, request_id, type_ in rows:
        found.setdefault(application_id, []).append((request_id, type_))
    return found


def effect_of(current: Policy, proposed: Policy, on: date) -> Effect:
    result = Effect(on)
    requests = _open_requests()
    ids = list(requests)
    for start in range(0, len(ids), BATCH):
        batch = ids[start:start + BATCH]
        applications = db.session.scalars(db.select(Application).where(Application.id.in_(batch))).all()
        for application in applications:
            result.applications += 1
            open_requests = requests[application.id]
            result.requests += len(open_requests)
            try:
                household = _household(application.answers or {}, on)
                before, after = screen(household, current, on), screen(household, proposed, on)
            except (HouseholdError, LookupError, ValueError, ArithmeticError):
                result.not_screened += 1
                continue
            for request_id, type_ in open_requests:
                for change in changes(before, after, [type_]):
                    result.verdicts_changed += change.verdict_changed
                    result.amounts_changed += change.amount_changed
                    if len(result.rows) < SHOWN:
                        result.rows.append(Row(request_id, change))
    return result
