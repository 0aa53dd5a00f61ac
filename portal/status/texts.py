"""Words for the workflow's codes: states, timeline steps, what the resident does next, actions.

The domain gives stable codes (portal/domain/workflow_types.py, workflow_tables.py); these
tables turn them into plain words in the language of the current request. Residents and
staff see the same words, so a resident reading a caseworker's letter meets the same terms.
An unknown code is shown as itself rather than breaking a page; a test keeps the tables
complete against the workflow.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.apply.documents.asked import BY_PURPOSE
from portal.eligibility_texts import assistance_label
from portal.vocabulary import AUTHORITIES as _AUTHORITIES
from portal.vocabulary import BASES as _BASES
from portal.vocabulary import ROLES as _ROLES
from portal.vocabulary import authority_name, basis_name, role_actor

STATES = {
    "DRAFT": _l("Not sent yet"),
    "SUBMITTED": _l("Received, waiting to be accepted"),
    "NEEDS_MATERIALS": _l("Waiting for missing documents"),
    "NOT_ACCEPTED": _l("Not accepted"),
    "ACCEPTED": _l("Accepted"),
    "INVESTIGATING": _l("Household checks under way"),
    "DATA_CHECK": _l("Records being checked by the district"),
    "CHECK_FAILED": _l("Records check found a difference"),
    "RECHECK": _l("Being checked again"),
    "HOME_VISIT": _l("Home visit"),
    "PRELIM_OPINION": _l("First review done"),
    "PUBLICITY": _l("Public notice running"),
    "DISPUTED": _l("Objection to the public notice"),
    "COUNTY_REVIEW": _l("With the district for a decision"),
    "APPROVED": _l("Approved"),
    "REJECTED": _l("Refused"),
    "IN_PAYMENT": _l("Being paid"),
    "UNDER_REVIEW": _l("Being reviewed"),
    "PHASING_OUT": _l("Phasing out"),
    "STOPPED": _l("Stopped"),
    "TERMINATED": _l("Ended without a decision"),
    "WITHDRAWN": _l("Withdrawn"),
    "TRANSFERRED": _l("Sent to another street office"),
    "SELF_CARE_ASSESSMENT": _l("Self-care assessment"),
    "SUPPORT_CHOICE": _l("Choosing how support is given"),
    "TERMINATION_NOTICE": _l("Notice of ending support"),
    "TERMINATION_DISPUTED": _l("Objection to ending support"),
    "EXPIRED": _l("Recognition ended"),
    "FAST_AID_GRANTED": _l("Emergency aid given"),
    "BACKFILL": _l("Paperwork being completed"),
    "STAGED_AID": _l("Aid paid in stages"),
    "REFERRED": _l("Referred to another service"),
    "CLOSED": _l("Closed"),
    "PAID": _l("Paid"),
    "FORWARDED": _l("With the deciding authority"),
    "DECIDED_ELSEWHERE": _l("Decided by the authority"),
    "RETURNED": _l("Returned by the authority"),
}

STEPS = {
    "application": _l("Application"),
    "acceptance": _l("Acceptance"),
    "investigation": _l("Household checks"),
    "public_notice": _l("Public notice"),
    "decision": _l("Decision"),
    "recognised": _l("Recognised"),
    "support_arrangement": _l("Arranging support"),
    "support": _l("Support"),
    "review": _l("Review"),
    "termination_notice": _l("Notice of ending"),
    "aid": _l("Aid given"),
    "paperwork": _l("Paperwork"),
    "other_authority": _l("With another authority"),
    "closed": _l("Closed"),
}

RESIDENT_NEXT = {
    "complete_and_submit": _l("Finish your application and send it."),
    "supply_listed_materials": _l("Upload the documents the office listed. Everything missing is listed at once."),
    "read_reasons": _l("Read the reasons below. You can contact the office or apply again."),
    "cooperate_with_investigation": _l("The office may call you, ask for documents or visit. Please help with the checks."),
    "be_available_for_home_visit": _l("Staff will visit your home. Please be available, with the household members present."),
    "object_with_evidence_if_you_disagree": _l("If you think the records are wrong, tell the office and give your evidence."),
    "appeal_rights": _l("If you disagree with the decision, you can ask for an administrative reconsideration or go to court. The written decision says where and by when."),
    "choose_support_form": _l("Choose whether support is given in a care home or at home. Tell the office."),
    "report_changes": _l("Tell the office promptly when your household, income or property changes."),
    "cooperate_with_review": _l("The office is reviewing your support. Please help with the checks."),
    "object_during_notice_if_you_disagree": _l("If you disagree with ending your support, tell the office while the notice runs."),
    "confirm_aid_received": _l("Tell the office if you have not received the aid."),
    "contact_referred_service": _l("Contact the service you were referred to."),
    "see_decision_of_authority": _l("See the decision of the authority that handled it."),
    "reapply_if_still_in_hardship": _l("If your household is still in hardship, you can apply again."),
    "appeal_rights_or_other_assistance": _l("If you disagree, you can ask for an administrative reconsideration or go to court; you may also apply for the minimum living allowance or temporary aid."),
}

# Names of the actions: button labels in the console, and entries in every timeline.
ACTIONS = {
    "ask_review": _l("You asked the office to look again"),
    "answer_review": _l("The office answered your request to look again"),
    "resident_change": _l("You reported a change"),
    "resident_change_handled": _l("The office handled your change"),
    "review_confirmed": _l("You confirmed that nothing has changed"),
    "submit": _l("Application sent"),
    "report": _l("Reported by staff"),
    "withdraw": _l("Withdrawn"),
    "recalculate_deadlines": _l("Time limits recalculated for the State Council holiday notice"),
    "accept": _l("Accept"),
    "request_materials": _l("Ask for missing documents"),
    "not_accept": _l("Do not accept"),
    "materials_supplied": _l("Missing documents supplied"),
    "transfer": _l("Send to another street office"),
    "receive_transfer": _l("Take in the transferred request"),
    "start_investigation": _l("Start the household checks"),
    "request_data_check": _l("Ask the district to check records"),
    "data_check_ok": _l("Records check passed"),
    "data_check_failed": _l("Records check found a difference"),
    "object": _l("Objection with evidence"),
    "reject": _l("Refuse"),
    "start_home_visit": _l("Start the home visit"),
    "record_home_visit": _l("Record the home visit"),
    "prelim_opinion": _l("Record the first-review opinion"),
    "terminate": _l("End without a decision"),
    "open_notice": _l("Open the public notice"),
    "close_notice_no_objection": _l("Close the notice: no objection"),
    "record_objection": _l("Record an objection"),
    "submit_revised_opinion": _l("Send the revised opinion to the district"),
    "approve": _l("Approve"),
    "send_back": _l("Send back for more checks"),
    "notify_refusal": _l("Record that the refusal was sent"),
    "record_complaint": _l("Record a complaint or report"),
    "record_special_reason": _l("Record a reason for the longer time limit"),
    "start_payment": _l("Start payment"),
    "schedule_review": _l("Start a review"),
    "report_change": _l("Change reported"),
    "review_no_change": _l("Review done: no change"),
    "adjust_amount": _l("Change the amount"),
    "phase_out": _l("Start the phase-out period"),
    "stop": _l("Stop support"),
    "assess_self_care": _l("Record the self-care assessment"),
    "choose_support_form": _l("Form of support chosen"),
    "propose_termination": _l("Propose ending support"),
    "cancel_termination": _l("Keep support"),
    "expire": _l("Recognition ended"),
    "grant_fast_aid": _l("Grant emergency aid first"),
    "refer": _l("Refer to another service"),
    "backfill": _l("Complete the emergency aid record"),
    "close": _l("Close"),
    "stage_aid": _l("Approve aid in stages"),
    "record_stage_payment": _l("Record a stage payment"),
    "forward": _l("Forward to the deciding authority"),
    "record_external_decision": _l("Record the authority's decision"),
    "record_return": _l("Record that the authority returned it"),
    "skip_notice": _l("Skip the public notice"),
    "pay": _l("Record the payment"),
    # Not workflow transitions: audit entries of the console.
    "reveal_personal_data": _l("Personal details shown"),
    "view_record_file": _l("Photo or attachment of a record viewed"),
}

# What an action's own page and button are called, where the history's label above names its
# outcome ("Withdrawn" happened; the page is "Withdraw the request"). Every other action's label
# is already the action.
ACTION_TITLES = {
    "submit": _l("Send the application"),
    "report": _l("Report a resident in need"),
    "withdraw": _l("Withdraw the request"),
    "materials_supplied": _l("Record the missing documents as supplied"),
    "data_check_ok": _l("Record a matching records check"),
    "data_check_failed": _l("Record a difference found by the records check"),
    "object": _l("Record an objection with evidence"),
    "report_change": _l("Record a reported change"),
    "review_no_change": _l("Finish the review with no change"),
    "choose_support_form": _l("Record the chosen form of support"),
    "expire": _l("End the expired recognition"),
}

# The vocabulary's wordings for a table cell (portal/vocabulary.py), by code.
AUTHORITIES = {code: words.name for code, words in _AUTHORITIES.items()}
BASES = {code: words.name for code, words in _BASES.items()}
ROLES = {str(code): words.actor for code, words in _ROLES.items()}

FLAGS = {
    "separate_register": _l("Registered separately: close relative of staff"),
    "complaint": _l("Complaint or report received"),
    "county_home_visit": _l("District home visit on file"),
    "objection_at_notice": _l("Objection at the public notice"),
    "income_irregular": _l("Irregular income: reviewed every 6 months"),
    "materials_requested": _l("Missing documents already requested once"),
    "refusal_notified": _l("Written refusal sent"),
}

def _text(table: dict, code: str | None) -> str:
    if not code:
        return ""
    return str(table.get(code, code))


def type_label(code: str) -> str:
    return assistance_label(code)


def state_label(code: str | None) -> str:
    return _text(STATES, code)


def step_label(code: str | None) -> str:
    return _text(STEPS, code)


def next_label(code: str | None) -> str:
    return _text(RESIDENT_NEXT, code)


def action_label(code: str | None) -> str:
    """What an event in a history is called."""
    return _text(ACTIONS, code)


def action_title(code: str | None) -> str:
    """What the page and button that take an action are called: the action, never its outcome."""
    return str(ACTION_TITLES[code]) if code in ACTION_TITLES else action_label(code)


def authority_label(code: str | None) -> str:
    return authority_name(code)


def basis_label(code: str | None) -> str:
    return basis_name(code)


def role_label(code: str | None) -> str:
    return role_actor(code)


def flag_label(code: str | None) -> str:
    return _text(FLAGS, code)


def purpose_label(code: str | None) -> str:
    """What an uploaded document is (Document.purpose): the journey's names, or ours for missing material."""
    if code == "missing_material":
        return str(_l("Missing document"))
    rule = BY_PURPOSE.get(code or "")
    return str(rule.label) if rule is not None else str(_l("Document"))
