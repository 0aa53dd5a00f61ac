"""What a helper may do for a resident after submission (withdraw, report a change, answer the
periodic review), as links on the helper's page of that resident."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _

from portal.clock import today
from portal.status import changes, reviews, withdraw


def links(mandate, applications) -> dict[int, list[tuple[str, str]]]:
    """What the helper may do now on each submitted application, as (label, address), by id: only
    what the mandate allows and the application's state permits."""
    found: dict[int, list[tuple[str, str]]] = {}
    for application in applications:
        if application.status == "draft" or not application.reference:
            continue
        ref, rows = application.reference, []
        if mandate.allows_to("review") and reviews.waiting(application, today()):
            rows.append((_("Answer the periodic review for them"),
                         url_for("assist.for_review", mandate_id=mandate.id, reference=ref)))
        if mandate.allows_to("change") and changes.may_report(application):
            rows.append((_("Report a change for them"),
                         url_for("assist.for_change", mandate_id=mandate.id, reference=ref)))
        if mandate.allows_to("withdraw") and withdraw.withdrawable(application):
            rows.append((_("Withdraw a request for them"),
                         url_for("assist.for_withdraw", mandate_id=mandate.id, reference=ref)))
        found[application.id] = rows
    return found
