"""The journey's blueprint, and the look-up every one of its route modules starts with
(views, views_documents, views_submit add their routes to it; create_app names each)."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, url_for

from portal.accounts.auth import current_account
from portal.apply import access

bp = Blueprint("apply", __name__)


def _draft_or_redirect(application_id: int):
    """The draft the signed-in applicant may edit; a submitted one goes to its confirmation."""
    account = current_account()
    application = access.find_or_404(application_id, account)
    if not access.can_edit(account, application):
        if application.status == "submitted" and application.account_id == account.id:
            return None, redirect(url_for("apply.confirmation", reference=application.reference))
        abort(404)
    return application, None
