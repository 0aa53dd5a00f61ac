"""The resident's in-portal messages: list, count unread, mark read. Services commit."""
from __future__ import annotations

from portal.extensions import db
from portal.models import Message, utcnow

PAGE_SIZE = 50


def inbox(account_id: int, limit: int = PAGE_SIZE) -> list[Message]:
    return list(db.session.scalars(
        db.select(Message).where(Message.account_id == account_id, Message.channel == "inapp")
        .order_by(Message.created_at.desc(), Message.id.desc()).limit(limit)
    ))


def unread_count(account_id: int) -> int:
    return db.session.scalar(
        db.select(db.func.count(Message.id)).where(Message.account_id == account_id, Message.channel == "inapp",
                                                   Message.read_at.is_(None))
    ) or 0


def mark_read(account_id: int, message_id: int | None = None) -> int:
    """Mark one message (or all, when ``message_id`` is None) as read; only the account's own."""
    query = db.update(Message).where(Message.account_id == account_id, Message.channel == "inapp",
                                     Message.read_at.is_(None))
    if message_id is not None:
        query = query.where(Message.id == message_id)
    result = db.session.execute(query.values(read_at=utcnow()))
    db.session.commit()
    return result.rowcount or 0  # type: ignore[attr-defined]  # an UPDATE's CursorResult
