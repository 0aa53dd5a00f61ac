"""After submission, for a resident with no smartphone: a helper (community assistant, office window)
withdraws a request, reports a change or answers a periodic review under the resident's mandate,
when the mandate allows it (portal.assist.scope "withdraw", "change", "review").

The pages are the resident's own (portal.status.views_withdraw, views_changes, views_reviews) on the
helper's addresses; the services record the helper as the actor, the resident as the one it was
done for, and the mandate's number. Without a standing mandate of the helper's own: 403; a mandate
that does not allow the act: 403; an application that is not the resident's: 404.
"""
from __future__ import annotations

from flask import abort

from portal.accounts.auth import current_account, roles_required
from portal.assist import mandates
from portal.assist.views import HELPERS, bp
from portal.status.acting import Acting
from portal.status.timeline import find_own
from portal.status.views_changes import change_page, change_step_page
from portal.status.views_reviews import review_page
from portal.status.views_withdraw import withdraw_page, withdrawn_page

BASE = "/assist/residents/<int:mandate_id>/applications/<reference>"


def _acting(mandate_id: int, reference: str, what: str) -> Acting:
    account = current_account()
    mandate = mandates.own_mandate(account, mandate_id)
    if mandate is None or not mandate.standing or not mandate.allows_to(what):
        abort(403)
    application = find_own(mandate.resident_account_id, reference)
    if application is None:
        abort(404)
    return Acting(application, account, mandate)


@bp.route(f"{BASE}/withdraw", methods=["GET", "POST"])
@roles_required(*HELPERS)
def for_withdraw(mandate_id: int, reference: str):
    return withdraw_page(_acting(mandate_id, reference, "withdraw"))


@bp.get(f"{BASE}/withdrawn")
@roles_required(*HELPERS)
def for_withdrawn(mandate_id: int, reference: str):
    return withdrawn_page(_acting(mandate_id, reference, "withdraw"))


@bp.get(f"{BASE}/change")
@roles_required(*HELPERS)
def for_change(mandate_id: int, reference: str):
    return change_page(_acting(mandate_id, reference, "change"))


@bp.route(f"{BASE}/change/<key>", methods=["GET", "POST"], defaults={"ref": None})
@bp.route(f"{BASE}/change/<key>/<ref>", methods=["GET", "POST"])
@roles_required(*HELPERS)
def for_change_step(mandate_id: int, reference: str, key: str, ref: str | None):
    return change_step_page(_acting(mandate_id, reference, "change"), key, ref)


@bp.route(f"{BASE}/review", methods=["GET", "POST"])
@roles_required(*HELPERS)
def for_review(mandate_id: int, reference: str):
    return review_page(_acting(mandate_id, reference, "review"))


