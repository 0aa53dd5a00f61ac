"""Documents still needed, sent by the resident after submission (portal/apply/documents/outstanding.py).

Until the office decides, a document the application still owes can be uploaded from the
status page (the reminder text message links there). Each file is checked and stored as in the
journey; a staff-only event records who sent what (purposes only, never file names) in the same
transaction. The office sees the files on the case page at once.
"""
from __future__ import annotations

from portal.apply.documents.outstanding import MISSING, Slot, slots
from portal.apply.documents.uploads import UploadRejected, save_upload
from portal.extensions import db
from portal.models import Account, Application, Event

ACTION = "documents_sent"
# Until the office decides, the resident can still supply what was asked for.
SUPPLY_STATES = frozenset({"SUBMITTED", "NEEDS_MATERIALS", "TRANSFERRED", "ACCEPTED", "INVESTIGATING"})


def still_open(application: Application) -> bool:
    return any(r.status in SUPPLY_STATES for r in application.requests)


def outstanding_slots(application: Application) -> list[Slot]:
    """The documents asked for that are neither uploaded nor answered, while they can still be sent."""
    if not still_open(application):
        return []
    return [s for s in slots(application) if s.status == MISSING]


def send(application: Application, chosen: list, account: Account) -> dict[str, str]:
    """Store the chosen files ((Item, FileStorage) pairs); returns {item key: UploadRejected code}
    for those refused (the others are kept). Commits."""
    refused: dict[str, str] = {}
    sent: list[str] = []
    for item, file_storage in chosen:
        try:
            save_upload(application, file_storage, item.rule.purpose, account, member_ref=item.member_ref)
        except UploadRejected as rejected:
            refused[item.key] = rejected.code
            continue
        sent.append(item.key)
    if sent:
        db.session.add(Event(application_id=application.id, action=ACTION, actor_account_id=account.id,
                             actor_role=account.role, data={"documents": sent}, visible_to_resident=False))
    db.session.commit()
    return refused
