"""Who may see or change an application. Every view of the journey asks these two functions.

Today: the applicant sees and edits their own draft, and sees it once submitted; the staff
of the handling office (caseworkers of a receiving street office, reviewers of its district)
see submitted applications. Anyone else gets 404 (``find_or_404``): a stranger cannot even
learn that an application exists. The community-assistant capability extends these
functions for assistants holding the resident's consent.
"""
from __future__ import annotations

from flask import abort

from portal.extensions import db
from portal.models import Account, Application


def _handling_office(account: Account, application: Application) -> bool:
    if application.status == "draft":
        return False
    offices = {application.receiving_office_code} | {r.office_code for r in application.requests}
    districts = {r.district_code for r in application.requests}
    if application.receiving_office_code:
        districts.add(application.receiving_office_code[:6])
    if account.role == "caseworker":
        return bool(account.office_code) and account.office_code in offices
    if account.role == "reviewer":
        return bool(account.district_code) and account.district_code in districts
    return False


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
    from portal.assist.mandates import may_act_on

    return may_act_on(account, application)


MAX_ID = 2**31 - 1  # larger ids in a URL are typing errors or probes, never rows


def find_or_404(application_id: int, account: Account | None, *, edit: bool = False) -> Application:
    application = db.session.get(Application, application_id) if 0 < application_id <= MAX_ID else None
    allowed = can_edit(account, application) if edit else can_view(account, application)
    if not allowed:
        abort(404)
    return application
