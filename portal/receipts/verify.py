"""Is this document genuine? Reference number + verification code -> what was issued, and when.

Says nothing personal: not the name, not the decision, not the amount, only the kind of
document, its language and when it was issued, and its SHA-256 so that a copy of the file can
be compared. An unknown reference and a wrong code get the same answer, so the page cannot be
used to find out which references exist; attempts are counted per client address.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from portal.domain.reference import ALPHABET, is_valid_reference, normalise_reference
from portal.extensions import db
from portal.i18n import LABELS
from portal.models import Application, Event
from portal.models.issued import IssuedDocument
from portal.ratelimit import hit
from portal.receipts.labels import document_title

LIMIT = 20  # attempts per client address per window
WINDOW_SECONDS = 600
_CODE = re.compile(f"^[{ALPHABET}]{{8}}$")


def normalise_code(raw: str | None) -> str:
    """As people type it: spaces and hyphens dropped, upper case."""
    return re.sub(r"[\s\-]", "", raw or "").upper()


def is_valid_code(raw: str | None) -> bool:
    return bool(_CODE.match(normalise_code(raw)))


@dataclass(frozen=True)
class Verified:
    kind: str
    action: str | None
    locale: str
    issued_at: datetime
    sha256: str

    @property
    def title(self) -> str:
        """The document's title in the reader's language."""
        return document_title(self.kind, self.action)

    @property
    def language(self) -> str:
        return LABELS.get(self.locale, self.locale)


@dataclass(frozen=True)
class Outcome:
    found: Verified | None = None
    limited: bool = False
    retry_after: int = 0


def verify(reference: str, code: str, client: str) -> Outcome:
    allowed, retry_after = hit(f"verify:{client}", LIMIT, WINDOW_SECONDS)
    if not allowed:
        return Outcome(limited=True, retry_after=retry_after)
    if not is_valid_reference(reference) or not is_valid_code(code):
        return Outcome()
    row = db.session.execute(
        db.select(IssuedDocument.kind, IssuedDocument.locale, IssuedDocument.issued_at, IssuedDocument.sha256,
                  Event.action)
        .join(Application, Application.id == IssuedDocument.application_id)
        .outerjoin(Event, Event.id == IssuedDocument.event_id)
        .where(Application.reference == normalise_reference(reference),
               IssuedDocument.verification_code == normalise_code(code))
    ).first()
    if row is None:
        return Outcome()
    return Outcome(found=Verified(row.kind, row.action, row.locale, row.issued_at, row.sha256))
