"""The office window (窗口受理): a caseworker enters a walk-in resident's paper application.

The resident is there in person with their ID card, before a second member of staff: that is
the consent (method ``in_person``, the witness recorded), granted at once. The caseworker then
files the resident's own draft (channel ``window``) through the same journey as everyone,
records the declarations as signed on the paper form, attaches the scan, submits, and prints the
receipt. The resident's account has no phone until they claim the application online
(portal.status.claim) with the reference, the verifier and a code sent to their new mobile.
"""
from __future__ import annotations

from portal.assist import consent
from portal.assist.work import start_draft_in_transaction
from portal.crypto import lookup_hash
from portal.extensions import db
from portal.models import Account, Application
from portal.models.assist import Mandate

# At the window the resident is present for the whole application, so the mandate covers it all,
# and what follows it: withdrawing, reporting a change, answering a review when they come back.
WINDOW_ALLOWS = "file,upload,submit,notices,withdraw,change,review"


def begin(caseworker: Account, name: str, id_number: str, witness: str) -> tuple[Mandate, Application]:
    """Record the in-person consent and open (or continue) the resident's draft. Commits."""
    mandate = Mandate(assistant_id=caseworker.id, resident_name=name, id_number=id_number,
                      id_hash=lookup_hash(id_number), witness=witness, allows=WINDOW_ALLOWS)
    db.session.add(mandate)
    db.session.flush()
    consent.grant(mandate, "in_person")
    resident = db.session.get(Account, mandate.resident_account_id)
    application = start_draft_in_transaction(caseworker, mandate, resident, channel="window")
    db.session.commit()
    return mandate, application
