"""The resident answers a request for missing material (一次性告知, S-DB Art. 10).

The office listed every missing item at once (the ``request_materials`` event); the resident
uploads a document against each item, on one page, as many times as needed. When every item
has a document, the request goes back to the office's queue ("materials_supplied", taken by
the resident) in the same transaction as the last upload.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from werkzeug.datastructures import FileStorage

from portal.extensions import db
from portal.models import Account, Application, AssistanceRequest
from portal.status.missing import MissingItem, missing_items
from portal.tracking.transitions import perform

PURPOSE = "missing_material"


@dataclass
class Supplied:
    errors: dict[str, str] = field(default_factory=dict)  # item key -> UploadRejected code
    saved: int = 0
    sent: bool = False  # every item answered: the request went back to the office


def find_request(application: Application, request_id: int) -> AssistanceRequest | None:
    return next((r for r in application.requests if r.id == request_id), None)


def supply(application: Application, request: AssistanceRequest, files: dict[str, FileStorage],
           account: Account) -> Supplied:
    """Save the files given (item key -> file); send the request back when all items are answered."""
    from portal.apply.uploads import UploadRejected, save_upload

    outcome = Supplied()
    if request.status != "NEEDS_MATERIALS":
        return outcome
    for item in missing_items(request):
        upload = files.get(item.key)
        if upload is None or not upload.filename:
            continue
        try:
            save_upload(application, upload, PURPOSE, account, item_key=item.key, request_id=request.id)
            outcome.saved += 1
        except UploadRejected as rejected:
            outcome.errors[item.key] = rejected.code
    db.session.flush()
    if all_answered(missing_items(request)):
        perform(request, "materials_supplied", account)
        outcome.sent = True
    db.session.commit()
    return outcome


def all_answered(items: list[MissingItem]) -> bool:
    return bool(items) and all(item.documents for item in items)
