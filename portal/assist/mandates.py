"""Who may act for whom: the standing mandate, and the acting session that uses it.

``may_act_on`` is what the journey's access check asks. It holds only while the helper has
chosen to act for the applicant in this session (so every page can say whose application it
is) AND the mandate still stands in the database (so a withdrawal ends access on the next
request, on every device).
"""
from __future__ import annotations

from flask import session

from portal.domain.vocabulary import Role
from portal.extensions import db
from portal.models import Account, Application, utcnow
from portal.models.assist import Mandate

# Roles that act for a resident with a mandate: community assistants, and caseworkers who
# turn a lead into an application (主动发现). Neither decides anything through a mandate.
ACTING_ROLES = (Role.ASSISTANT, Role.CASEWORKER)
MAX_ID = 2**31 - 1
_KEY = "acting_for"


def own_mandate(helper: Account, mandate_id: int) -> Mandate | None:
    """The helper's own mandate row (pending or granted), or None."""
    if not 0 < mandate_id <= MAX_ID:
        return None
    mandate = db.session.get(Mandate, mandate_id)
    return mandate if mandate is not None and mandate.assistant_id == helper.id else None


def standing(helper: Account, resident_account_id: int) -> Mandate | None:
    return db.session.scalar(db.select(Mandate).where(
        Mandate.assistant_id == helper.id, Mandate.resident_account_id == resident_account_id,
        Mandate.in_force_now()).order_by(Mandate.id.desc()).limit(1))


def acting_mandate(account: Account | None) -> Mandate | None:
    """The mandate this session acts under, if it still stands."""
    if account is None or account.role not in ACTING_ROLES:
        return None
    mandate_id = session.get(_KEY)
    if not isinstance(mandate_id, int):
        return None
    mandate = own_mandate(account, mandate_id)
    return mandate if mandate is not None and mandate.standing else None


def may_act_on(account: Account | None, application: Application | None) -> bool:
    mandate = acting_mandate(account)
    return mandate is not None and application is not None and application.account_id == mandate.resident_account_id


def holds_mandate(account: Account | None, application: Application | None) -> bool:
    """The account is a helper with the applicant's standing mandate, acting now or not (for
    what a helper may fetch from the resident's page without starting to file, the receipt)."""
    return (account is not None and application is not None and account.role in ACTING_ROLES
            and standing(account, application.account_id) is not None)


def mandate_of_application(application: Application) -> Mandate | None:
    """The consent under which a helper filed ``application``: the filing helper's latest
    mandate from the applicant granted before submission (a later consent replaces an earlier
    one, and a withdrawal after submission does not undo what it allowed). None when the
    applicants filed themselves."""
    if application.created_by_id is None or application.created_by_id == application.account_id:
        return None
    granted_by = application.submitted_at or utcnow()
    return db.session.scalar(db.select(Mandate).where(
        Mandate.assistant_id == application.created_by_id, Mandate.resident_account_id == application.account_id,
        Mandate.granted_at.is_not(None), Mandate.granted_at <= granted_by)
        .order_by(Mandate.granted_at.desc(), Mandate.id.desc()).limit(1))


def start_acting(mandate: Mandate) -> None:
    session[_KEY] = mandate.id


def stop_acting() -> None:
    session.pop(_KEY, None)


def caseload_mandates(helper: Account) -> list[Mandate]:
    return list(db.session.scalars(db.select(Mandate).where(
        Mandate.assistant_id == helper.id, Mandate.in_force_now())
        .order_by(Mandate.granted_at.desc(), Mandate.id.desc())))


def mandates_of_resident(resident: Account) -> list[Mandate]:
    return list(db.session.scalars(db.select(Mandate).where(
        Mandate.resident_account_id == resident.id, Mandate.granted_at.is_not(None))
        .order_by(Mandate.granted_at.desc(), Mandate.id.desc())))


def withdraw(resident: Account, mandate_id: int) -> bool:
    """The resident ends a helper's access; effective on the helper's next request."""
    mandate = db.session.get(Mandate, mandate_id) if 0 < mandate_id <= MAX_ID else None
    if mandate is None or mandate.resident_account_id != resident.id or not mandate.standing:
        return False
    mandate.withdrawn_at = utcnow()
    mandate.withdrawn_by_id = resident.id
    db.session.commit()
    return True
