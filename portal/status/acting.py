"""Who does a resident's after-submission act (withdraw, report a change, answer a review): the
resident on /my/applications/..., or a helper (community assistant, office window) under the
resident's mandate on /assist/residents/<mandate>/... (for residents with no smartphone).

The pages (portal.status.views_withdraw, views_changes, views_reviews) and the services are the
same for both; this object carries what differs: the signed-in account who acts, the mandate and
resident it acts for (recorded on every event: actor, on whose behalf, mandate reference, as
submitting does), and where the pages' links lead.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _

from portal.extensions import db
from portal.models import Account, Application
from portal.models.assist import Mandate

# Page name -> (the resident's endpoint, the helper's endpoint).
ENDPOINTS = {
    "application": ("status.application", "assist.resident"),
    "withdraw": ("status.withdraw", "assist.for_withdraw"),
    "withdrawn": ("status.withdrawn", "assist.for_withdrawn"),
    "change": ("status.change", "assist.for_change"),
    "change_step": ("status.change_step", "assist.for_change_step"),
    "review": ("status.review", "assist.for_review"),
}


@dataclass
class Acting:
    application: Application
    account: Account  # who is signed in and acts
    mandate: Mandate | None = None  # the helper's standing mandate; None when the residents act themselves

    @property
    def for_resident(self) -> bool:
        return self.mandate is not None

    @property
    def on_behalf_of(self) -> Account | None:
        return db.session.get(Account, self.application.account_id) if self.mandate is not None else None

    @property
    def mandate_ref(self) -> str | None:
        return mandate_ref(self.mandate)

    @property
    def resident_name(self) -> str:
        return (self.mandate.resident_name or "") if self.mandate is not None else ""

    @property
    def sees_notices(self) -> bool:
        """The resident, or a helper whose mandate lets them receive the office's notices for them."""
        return self.mandate is None or self.mandate.allows_to("notices")

    @property
    def back_label(self) -> str:
        return _("Back to the resident's page") if self.mandate is not None else _("Back to your application")

    def url(self, page: str, **values) -> str:
        mine, helper = ENDPOINTS[page]
        if self.mandate is None:
            return url_for(mine, reference=self.application.reference, **values)
        if page == "application":
            return url_for(helper, mandate_id=self.mandate.id)
        return url_for(helper, mandate_id=self.mandate.id, reference=self.application.reference, **values)


def mandate_ref(mandate: Mandate | None) -> str | None:
    """The mandate's number as printed on the 委托书 (M000123)."""
    return f"M{mandate.id:06d}" if mandate is not None else None


def behalf(mandate: Mandate | None, application: Application) -> dict:
    """The columns and data of an event a helper records for the resident (empty for the resident)."""
    if mandate is None:
        return {}
    return {"on_behalf_of_account_id": application.account_id, "mandate": mandate_ref(mandate)}
