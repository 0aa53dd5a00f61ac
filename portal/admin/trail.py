"""The administrators' trail (the audit view): one AdminEvent per change to staff accounts,
policy figures, the calendar or contacts, added in the transaction of the change it records.
Below every service that writes one (accounts, staff, figures, calendar notices, contacts)."""
from __future__ import annotations

import getpass

from portal.extensions import db
from portal.models import Account, AdminEvent, utcnow


def _shell_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return ""


def record(actor: Account | None, action: str, target: Account | None, **data) -> AdminEvent:
    """Add one entry to the administrators' trail (committed with the change it records)."""
    if actor is None:
        data["shell_user"] = _shell_user()
    entry = AdminEvent(action=action, actor_account_id=actor.id if actor else None,
                       actor_role=actor.role if actor else None, via="web" if actor else "shell",
                       target_account_id=target.id if target else None, data=data or None, at=utcnow())
    db.session.add(entry)
    return entry
