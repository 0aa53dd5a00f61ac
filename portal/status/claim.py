"""Claim an application filed for you (at the office window, or by a helper) once you have a mobile.

The resident proves it is theirs as the progress check does (reference number + last 6
characters of the ID number, with the same limits per reference and per client), then proves
the new mobile with a one-time code sent to it. The applicant's account, which had no phone,
gets that number: from then on they sign in with it and see the application as their own.

Only an account with no phone can be claimed this way (one with a phone already signs in with
it), and only with a number no other account uses: joining two accounts is for the office.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from portal.accounts import codes
from portal.extensions import db
from portal.models import Account, Application
from portal.status import lookup as lookups

CLAIM = codes.CodeKind("claim", "claim_code", lambda code, minutes: _(
    "Your code to take over your social assistance application on the portal is %(code)s. It expires in "
    "%(minutes)d minutes. Never share it.", code=code, minutes=minutes))


@dataclass
class Found:
    application: Application | None = None
    retry_after: int = 0
    problem: str | None = None  # not_found, has_phone, phone_taken


def find(reference: str, verifier: str, phone: str, client: str) -> Found:
    outcome = lookups.lookup(reference, verifier, client)
    if outcome.limited:
        return Found(retry_after=outcome.retry_after)
    if not outcome.found:
        return Found(problem="not_found")
    application = db.session.scalar(db.select(Application).where(Application.reference == reference))
    applicant = db.session.get(Account, application.account_id)
    if applicant.phone:
        return Found(problem="has_phone")
    if db.session.scalar(db.select(Account.id).where(Account.phone == phone)) is not None:
        return Found(problem="phone_taken")
    return Found(application=application)


def send_code(phone: str, locale: str) -> codes.CodeRequest:
    result = codes.issue(CLAIM, phone, locale)
    db.session.commit()
    return result


def confirm(application_id: int, token: str | None, code: str) -> tuple[codes.CodeCheck, Account | None]:
    """On "ok" the applicant's account gets the verified number (committed) and is returned."""
    check = codes.verify(CLAIM, token, code)
    if check.outcome != "ok":
        return check, None
    application = db.session.get(Application, application_id)
    applicant = db.session.get(Account, application.account_id) if application is not None else None
    taken = db.session.scalar(db.select(Account.id).where(Account.phone == check.phone))
    if applicant is None or applicant.phone or taken is not None:
        db.session.rollback()
        return codes.CodeCheck("unknown"), None
    applicant.phone = check.phone
    db.session.commit()
    return check, applicant
