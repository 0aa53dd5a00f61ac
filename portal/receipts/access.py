"""Who may download an application's receipt and notices.

The applicant, the staff of the handling office (caseworkers of its street offices, reviewers of
its districts) and, once the assist capability extends ``portal.apply.access.can_view``, the
community assistant holding the resident's consent. One rule with the journey's pages, so a
person who can open an application can download its documents and nobody else can. Drafts
have no documents.
"""
from __future__ import annotations

from portal.apply.access import can_view
from portal.assist.mandates import ACTING_ROLES, holds_mandate
from portal.extensions import db
from portal.models import Account, Application
from portal.models.assist import Mandate


def can_download(account: Account | None, application: Application | None) -> bool:
    if application is None or application.status == "draft" or not application.reference:
        return False
    return can_view(account, application)


def can_download_receipt(account: Account | None, application: Application | None) -> bool:
    """The receipt also goes to a helper holding the applicant's standing mandate, acting or
    not: it proves the filing done for the resident, who may have no phone to sign in and
    fetch it (consent by mandate photo). Notices stay with ``can_download``."""
    return can_download(account, application) or (
        application is not None and application.status != "draft" and bool(application.reference)
        and holds_mandate(account, application))


def can_download_notice(account: Account | None, application: Application | None) -> bool:
    """Notices also go to a helper whose standing mandate allows receiving the office's notices for
    the resident (portal.assist.scope "notices"), acting or not: a resident with no phone gets
    them printed by that helper."""
    if can_download(account, application):
        return True
    if application is None or application.status == "draft" or not application.reference or account is None \
            or account.role not in ACTING_ROLES:
        return False
    mandates = db.session.scalars(db.select(Mandate).where(
        Mandate.assistant_id == account.id, Mandate.resident_account_id == application.account_id,
        Mandate.in_force_now()))
    return any(m.allows_to("notices") for m in mandates)
