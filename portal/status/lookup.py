"""Status without an account: a reference number plus a verifier (last 6 characters of the ID).

Guarantees:
- A wrong reference and a wrong verifier give the same outcome, after the same work (the
  verifier is hashed and compared in constant time even when no application matches).
- Every attempt counts against a limit per reference and per client address, in the
  database (portal/ratelimit.py), so the limit holds across app processes.
- The view model carries no personal data (``public=True``: no names, reasons, amounts).
"""
from __future__ import annotations

import hmac
from dataclasses import dataclass

from flask import current_app
from sqlalchemy.orm import defer, joinedload

from portal.crypto import lookup_hash
from portal.domain.reference import is_valid_reference
from portal.extensions import db
from portal.models import Application, AssistanceRequest, Event
from portal.ratelimit import hit_many
from portal.status.timeline import ApplicationView, application_view

DEFAULTS = {
    "STATUS_LOOKUP_PER_REFERENCE": 5,
    "STATUS_LOOKUP_PER_CLIENT": 30,
    "STATUS_LOOKUP_WINDOW_SECONDS": 15 * 60,
}


# What the public view reads, loaded with the application in two queries; the answers, the name
# and the reasons (ciphertext the public page never shows) are not loaded or decrypted.
_PUBLIC_VIEW = (
    defer(Application.answers), defer(Application.applicant_name),
    joinedload(Application.requests).selectinload(AssistanceRequest.events).defer(Event.reason),
)


@dataclass
class Outcome:
    view: ApplicationView | None = None
    retry_after: int = 0  # seconds; > 0 when refused for too many attempts

    @property
    def limited(self) -> bool:
        return self.retry_after > 0

    @property
    def found(self) -> bool:
        return self.view is not None


def _setting(name: str) -> int:
    return int(current_app.config.get(name, DEFAULTS[name]))


def lookup(reference: str, verifier: str, client: str) -> Outcome:
    """``reference`` normalised, ``verifier`` upper-cased; ``client`` the caller's address."""
    window = _setting("STATUS_LOOKUP_WINDOW_SECONDS")
    # Both limits in one transaction: one round trip to the database instead of two.
    allowed, wait = hit_many(((f"status-client:{client}", _setting("STATUS_LOOKUP_PER_CLIENT")),
                              (f"status-reference:{reference[:40]}", _setting("STATUS_LOOKUP_PER_REFERENCE"))), window)
    if not allowed:
        return Outcome(retry_after=wait)
    # A malformed reference is answered like a wrong one, without reaching the database.
    application = db.session.scalars(
        db.select(Application).where(Application.reference == reference, Application.status != "draft")
        .options(*_PUBLIC_VIEW)
    ).unique().first() if is_valid_reference(reference) else None
    given = lookup_hash(verifier, "verifier")
    # Compare against something of the same length when nothing matched, so both failures take the same path.
    expected = application.verifier_hash if application is not None and application.verifier_hash else "0" * len(given)
    if not hmac.compare_digest(given, expected) or application is None:
        return Outcome()
    return Outcome(view=application_view(application, public=True))
