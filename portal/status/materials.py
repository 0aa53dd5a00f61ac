"""The resident answers a request for missing material (一次性告知, S-DB Art. 10).

The office listed every missing item at once (the ``request_materials`` event); the resident
uploads a document against each item, on one page, as many times as needed. When every item
has a document, the request goes back to the office's queue ("materials_supplied", taken by
the resident) in the same transaction as the last upload.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from werkzeug.datastructures import FileStorage

from portal.apply.documents.uploads import UploadRejected, save_upload
from portal.extensions import db
from portal.models import Account, Application, AssistanceRequest
from portal.status.missing import (
    MissingItem,
    household_anchor,
    latest_materials_event,
    missing_items,
)
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
    for answered in [request] + same_notice(application, request):
        if answered.status == "NEEDS_MATERIALS" and all_answered(missing_items(answered)):
            perform(answered, "materials_supplied", account)
            outcome.sent = outcome.sent or answered is request
    db.session.commit()
    return outcome


def same_notice(application: Application, request: AssistanceRequest) -> list[AssistanceRequest]:
    """The other requests one household request for materials covered: the
    same documents answer them, so they go back to the office together."""
    event = latest_materials_event(request)
    if event is None:
        return []
    anchor = household_anchor(event)
    others = []
    for other in application.requests:
        if other.id == request.id or other.status != "NEEDS_MATERIALS":
            continue
        latest = latest_materials_event(other)
        if latest is not None and household_anchor(latest).id == anchor.id:
            others.append(other)
    return others


def all_answered(items: list[MissingItem]) -> bool:
    return bool(items) and all(item.documents for item in items)
