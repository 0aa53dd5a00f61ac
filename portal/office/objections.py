"""Objections ("我有异议", portal.status.appeals) waiting for the office's answer, for the queue.

A refused or stopped request is closed, so the queue's lists (open work, support) never show it;
its objection is listed apart, oldest first, within the person's scope."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from portal.domain import appeals as rules
from portal.models import Account, Application, AssistanceRequest
from portal.office import awaiting

LIMIT = 50


@dataclass
class Waiting:
    request: AssistanceRequest
    application: Application
    asked_at: datetime


def waiting(account: Account) -> list[Waiting]:
    """Requests in scope whose latest objection event is the resident's, not yet answered."""
    return [Waiting(request, application, event.at)
            for request, application, event in awaiting.waiting(account, rules.ASK, rules.ANSWER, LIMIT)]
