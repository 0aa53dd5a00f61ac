"""Words for the assistants' codes (consent methods, audit actions, lead states), as template globals."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.apply.journey.steps import STEP
from portal.assist.forms import HOW_FOUND_LABELS, OUTCOME_LABELS, URGENCY_LABELS
from portal.assist.scope import labels
from portal.receipts import content as receipt_content
from portal.receipts.content import channel
from portal.status.texts import action_label

METHODS = {
    "sms_code": _l("code sent to the resident's phone"),
    "family_sms": _l("code sent to a family member's phone"),
    "mandate_photo": _l("signed mandate (委托书)"),
    "in_person": _l("in person at the office window, before a second member of staff"),
}
ACTIONS = {
    "draft_started": _l("Started a draft application for you"),
    "handed_over": _l("Sent the draft to you to check, sign and submit"),
    "document_added": _l("Uploaded a document to your draft"),
    "document_deleted": _l("Deleted a document from your draft"),
    "member_removed": _l("Removed a household member from your draft"),
}
LEAD_STATUSES = {
    "open": _l("Not yet contacted"),
    "contacted": _l("Contacted"),
}


def consent_method_label(code: str | None) -> str:
    return str(METHODS.get(code or "", code or ""))


def assist_action_label(entry) -> str:
    if entry.action == "draft_changed":
        step = STEP.get(entry.step or "")
        return _("Changed answers in your draft: %(step)s", step=str(step.title) if step else "")
    if entry.action in ACTIONS:
        return str(ACTIONS[entry.action])

    return action_label(entry.action)


def lead_status_label(lead) -> str:
    if lead.status in ("converted", "closed"):
        return _("Finished: %(outcome)s", outcome=str(OUTCOME_LABELS.get(lead.outcome or "", lead.outcome or "")))
    return str(LEAD_STATUSES.get(lead.status, lead.status))


def urgency_label(code: str) -> str:
    return str(URGENCY_LABELS.get(code, code))


def how_found_label(code: str) -> str:
    return str(HOW_FOUND_LABELS.get(code, code))


def mandate_allows(mandate) -> str:
    return "; ".join(labels(mandate.allows))


def submitted_by(application) -> str:
    return receipt_content.submitted_by(application)


def channel_label(application, own_too: bool = False) -> str:
    return channel(application, own_too)


def declarations_method(application) -> str:
    return receipt_content.declarations_method(application)


def register(bp) -> None:
    for function in (consent_method_label, assist_action_label, lead_status_label, urgency_label, how_found_label,
                     mandate_allows, submitted_by, channel_label, declarations_method):
        bp.add_app_template_global(function, function.__name__)
