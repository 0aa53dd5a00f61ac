"""Who may see or change an application. Every view of the journey asks these two functions.

The applicant sees and edits their own draft, and sees it once submitted; the staff handling
one of its requests (caseworkers of the street office it is with now, reviewers of that
district) see submitted applications; a community assistant acting under the applicant's
standing mandate sees and edits as the applicant would. Anyone else gets 404
(``find_or_404``): a stranger cannot even learn that an application exists.
"""
from __future__ import annotations

from flask import abort

from portal.assist.mandates import may_act_on
from portal.extensions import db
from portal.models import Account, Application
from portal.office.scope import STAFF_ROLES, in_scope


def _handling_office(account: Account, application: Application) -> bool:
    """Staff who handle one of its requests now, by the office console's own rule
    (``portal.office.scope.in_scope``): after a transfer the receiving office and its district's
    reviewer, and no longer the office that sent it on (it keeps only its list of what it sent,
    /office/sent). So the case page, documents, receipts and confirmation never disagree."""
    if application.status == "draft" or account.role not in STAFF_ROLES:
        return False
    return any(in_scope(account, r) for r in application.requests)


def can_view(account: Account | None, application: Application | None) -> bool:
    if account is None or application is None:
        return False
    if application.account_id == account.id:
        return True
    return _handling_office(account, application) or _acting_for_applicant(account, application)


def can_edit(account: Account | None, application: Application | None) -> bool:
    """Only drafts change, and only by the applicant or a helper acting with their mandate."""
    return (account is not None and application is not None and application.status == "draft"
            and (application.account_id == account.id or _acting_for_applicant(account, application)))


def _acting_for_applicant(account: Account, application: Application) -> bool:
    """A community assistant acting under the applicant's standing mandate (portal.assist)."""
    return may_act_on(account, application)


MAX_ID = 2**31 - 1  # larger ids in a URL are typing errors or probes, never rows


def find_or_404(application_id: int, account: Account | None, *, edit: bool = False) -> Application:
    application = db.session.get(Application, application_id) if 0 < application_id <= MAX_ID else None
    allowed = can_edit(account, application) if edit else can_view(account, application)
    if not allowed:
        abort(404)
    return application
