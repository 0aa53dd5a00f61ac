"""Workflow refusals (TransitionError codes) as messages for a person, in three languages.

A field's problem is said next to the field; a refusal that concerns the request as a whole
(a notice still running, a home visit still missing) is said above the form.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.domain.workflow_fields import PHASE_OUT_MAX_MONTHS, add_months

MISSING = {
    "reason": _l("Write the reason"),
    "missing_items": _l("List the missing documents, one per line"),
    "close_relative_of_staff": _l("Say whether a household member is a close relative of staff"),
    "to_office": _l("Choose the street office to send it to"),
    "to_unit": _l("Enter the authority or unit it is forwarded to"),
    "staff_names": _l("Enter the names of the staff who made the visit"),
    "visit_mode": _l("Choose how the visit was made"),
    "opinion": _l("Write the first-review opinion"),
    "location": _l("Enter where the notice is posted"),
    "objection": _l("Describe the objection"),
    "resolution": _l("Choose how the objection was resolved"),
    "complaint": _l("Describe the complaint or report"),
    "amount": _l("Enter the amount in yuan"),
    "total_amount": _l("Enter the total amount in yuan"),
    "start_month": _l("Enter the month payment starts"),
    "end_month": _l("Enter the month the phase-out ends"),
    "valid_until": _l("Enter the date the recognition ends"),
    "income_irregular": _l("Say whether the household's income is irregular"),
    "special_reason": _l("Choose the reason for the longer time limit"),
    "notice_ref": _l("Enter the number of the written refusal notice"),
    "evidence": _l("List the evidence the resident gave"),
    "trigger": _l("Choose why the review starts"),
    "death_date": _l("Enter the date of death"),
    "change": _l("Describe the change reported"),
    "self_care_level": _l("Choose the result of the assessment"),
    "support_form": _l("Choose the form of support"),
    "aid_form": _l("Choose cash or in kind"),
    "incident_location": _l("Enter where the emergency happened"),
    "referred_to": _l("Enter the service it is referred to"),
    "recipient": _l("Enter who received the aid"),
    "cause": _l("Describe what happened"),
    "signed_by": _l("Enter the staff who signed, one per line"),
    "stages": _l("Enter the number of stages"),
    "outcome": _l("Choose the authority's decision"),
    "decided_by": _l("Enter the authority that decided"),
}

_INVALID = {
    "staff_names": _l("Name at least two different staff members, one per line"),
    "signed_by": _l("Enter each name on its own line"),
    "evidence": _l("Enter each item on its own line"),
    "missing_items": _l("Enter each document on its own line"),
    "amount": _l("Enter an amount in yuan greater than 0, with at most 2 decimals, like 1300.50"),
    "total_amount": _l("Enter an amount in yuan greater than 0, with at most 2 decimals, like 1300.50"),
    "stages": _l("Enter a whole number of stages, 2 or more"),
    "death_date": _l("Enter the date of death as year-month-day, not in the future, like 2026-10-08"),
    "to_office": _l("Choose another street office from the list"),
    "special_reason": _l("This reason does not allow the longer time limit for this request"),
}

_GENERAL = {
    "not_allowed": _l("This can no longer be done: the request has moved on. Go back to the case to see what is possible now."),
    "role_forbidden": _l("Your role cannot do this."),
    "mandate_required": _l("This is done on the resident's behalf and needs the resident's authorisation."),
    "county_home_visit_required": _l("The district must first record its own home visit: the household is registered separately or a complaint was received."),
    "notice_running": _l("The public notice has not yet run its full 7 days."),
    "already_recorded": _l("This has already been recorded."),
    "still_valid": _l("The recognition is still valid; it can end only after its end date."),
}


# The approval guard (portal/domain/guards.py).
_GUARD = {
    "facts_missing": _l("Facts needed to decide are missing (listed above). Ask the household for them, or "
                        "tick this box and write why the decision can be made without them."),
    "override_reason_required": _l("Write why the decision can be made without the missing facts"),
    "check_differences": _l("The economic check found figures that differ from those declared (listed above). "
                            "Have them checked again, or tick this box and write why the decision can be made "
                            "despite them."),
    "override_reason_check": _l("Write why the decision can be made despite the differences"),
}


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def field_message(code: str, field: str, today: date) -> str:
    """The message next to ``field`` for a workflow or form problem ``code``."""
    if code in _GUARD:
        return str(_GUARD[code])
    if code == "missing_field" or code == "reason_required":
        return str(MISSING.get(field, _l("Answer this question")))
    if code == "control_chars":
        return _("Remove the unusual invisible characters from this answer (they may come from copying and pasting)")
    if code == "too_long":
        return _("This answer is too long: keep it under 2000 characters, and lines under 300 characters")
    if code == "above_street_limit":
        return _("This amount is above what the street office may approve. A district reviewer must decide it.")
    if code == "invalid_field":
        if field == "start_month":
            return _("Payment starts the month after the decision: enter %(month)s",
                     month=_month(add_months(today, 1)))
        if field == "end_month":
            return _("The phase-out ends 1 to %(max)d months from now: enter a month from %(first)s to %(last)s",
                     max=PHASE_OUT_MAX_MONTHS, first=_month(add_months(today, 1)),
                     last=_month(add_months(today, PHASE_OUT_MAX_MONTHS)))
        if field == "valid_until":
            return _("Enter a date after today and at most 12 months away, like %(example)s",
                     example=add_months(today, 12).isoformat())
        if field in _INVALID:
            return str(_INVALID[field])
        return _("Choose one of the options or check the answer")
    return general_message(code)


def general_message(code: str) -> str:
    return str(_GENERAL.get(code, _l("This cannot be done now.")))
