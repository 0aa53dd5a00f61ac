"""What helpers did on a resident's behalf, for the resident's own page."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from portal.extensions import db
from portal.models import Account, Application, Event


@dataclass
class Entry:
    at: datetime
    actor_name: str
    action: str
    step: str | None
    reference: str | None
    actor_role: str = ""  # assistant, caseworker (the office window)
    actor_office: str | None = None  # the office code of the actor's account


def acted_for(resident: Account, limit: int = 200) -> list[Entry]:
    rows = db.session.execute(
        db.select(Event, Account.display_name, Account.role, Account.office_code, Application.reference)
        .join(Account, Account.id == Event.actor_account_id)
        .join(Application, Application.id == Event.application_id)
        .where(Event.on_behalf_of_account_id == resident.id, Event.actor_account_id != resident.id,
               Event.visible_to_resident.is_(True))
        .order_by(Event.at.desc(), Event.id.desc()).limit(limit)).all()
    return [Entry(event.at, name or "", event.action, (event.data or {}).get("step"), reference, role, office)
            for event, name, role, office, reference in rows]
