"""Change reports (portal.status.changes) waiting to be handled, for the queue: a request that
was granted is in the support list, not in open work, so its report is listed apart, oldest first,
within the person's scope, with the day the office acts by."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from portal.domain import changes as rules
from portal.models import Account, Application, AssistanceRequest
from portal.office import awaiting

LIMIT = 50


@dataclass
class Waiting:
    request: AssistanceRequest
    application: Application
    reported_at: datetime
    due: date | None

    def overdue(self, today: date) -> bool:
        return self.due is not None and today > self.due


def waiting(account: Account) -> list[Waiting]:
    """Requests in scope whose latest change event is the resident's report, not yet handled."""
    found = []
    for request, application, event in awaiting.waiting(account, rules.REPORT, rules.HANDLE, LIMIT):
        try:
            due = date.fromisoformat(str((event.data or {}).get("due")))
        except ValueError:
            due = None
        found.append(Waiting(request, application, event.at, due))
    return found
