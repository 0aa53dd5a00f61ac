"""The items of an office's latest request for materials, and the documents uploaded against each."""
from __future__ import annotations

from dataclasses import dataclass, field

from portal.extensions import db
from portal.models import AssistanceRequest, Document, Event


@dataclass
class MissingItem:
    key: str
    text: str
    documents: list[Document] = field(default_factory=list)


def latest_materials_event(request: AssistanceRequest) -> Event | None:
    return db.session.scalars(
        db.select(Event).where(Event.request_id == request.id, Event.action == "request_materials")
        .order_by(Event.id.desc()).limit(1)
    ).first()


def item_key(event: Event, index: int) -> str:
    """The key that ties an uploaded document to one item of one request for materials."""
    return f"e{event.id}-{index + 1}"


HOUSEHOLD_KEY = "household"  # portal/office/household.py: events written together share this token


def household_anchor(event: Event) -> Event:
    """The first event of the household request for materials ``event`` belongs to (one notice
    for several requests), or ``event`` itself. Its items' keys are the household's: one upload
    answers the item for every request the notice covered."""
    token = (event.data or {}).get(HOUSEHOLD_KEY)
    if not token:
        return event
    together = db.session.scalars(
        db.select(Event).where(Event.application_id == event.application_id, Event.action == "request_materials",
                               Event.id <= event.id).order_by(Event.id)).all()
    return next((e for e in together if (e.data or {}).get(HOUSEHOLD_KEY) == token), event)


def missing_items(request: AssistanceRequest) -> list[MissingItem]:
    """Every item of the latest request for materials, with the documents uploaded against it."""
    event = latest_materials_event(request)
    if event is None:
        return []
    anchor = household_anchor(event)
    listed = (event.data or {}).get("missing_items") or []
    items = [MissingItem(item_key(anchor, i), str(text)) for i, text in enumerate(listed)]
    by_key = {item.key: item for item in items}
    # Keys are unique to one notice; a household notice's documents may hang off any of its requests.
    documents = db.session.scalars(
        db.select(Document).where(Document.application_id == request.application_id,
                                  Document.item_key.in_(list(by_key)),
                                  Document.deleted_at.is_(None)).order_by(Document.id)
    ).all()
    for document in documents:
        by_key[document.item_key].documents.append(document)
    return items
