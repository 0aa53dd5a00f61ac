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


def missing_items(request: AssistanceRequest) -> list[MissingItem]:
    """Every item of the latest request for materials, with the documents uploaded against it."""
    event = latest_materials_event(request)
    if event is None:
        return []
    listed = (event.data or {}).get("missing_items") or []
    items = [MissingItem(item_key(event, i), str(text)) for i, text in enumerate(listed)]
    by_key = {item.key: item for item in items}
    documents = db.session.scalars(
        db.select(Document).where(Document.request_id == request.id, Document.item_key.in_(list(by_key)),
                                  Document.deleted_at.is_(None)).order_by(Document.id)
    ).all()
    for document in documents:
        by_key[document.item_key].documents.append(document)
    return items
