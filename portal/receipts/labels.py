"""Words printed on receipts and notices, by code (the names of types, authorities and bases are
in ``portal/vocabulary.py``), in the three languages (lazy: the language is
the resident's, chosen when a document is rendered)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

KINDS = {
    "receipt": _l("Application receipt"),
    "acceptance_notice": _l("Notice of acceptance"),
    "materials_notice": _l("Notice of missing materials"),
    "refusal_notice": _l("Notice of refusal"),
    "approval_notice": _l("Notice of approval"),
    "withdrawal_notice": _l("Notice of withdrawal"),
    "stop_notice": _l("Notice of stopping assistance"),
    "reduction_notice": _l("Notice of reduced assistance"),
    "check_notice": _l("Notice of the economic check result"),
}
# The procedure ended before a decision (终止, S-DB Art. 29) has its own title.
TERMINATION = _l("Notice of termination of the procedure")
# A phase-out (渐退, S-DB Art. 33) ends support after a last period, with its own title.
PHASE_OUT = _l("Notice of phasing out assistance")
# A refusal to accept an application (rather than a refusal after assessment) has its own title.
NON_ACCEPTANCE = _l("Notice of non-acceptance")

CHANNELS = {
    "self": _l("Filed online by the applicant"),
    "assistant": _l("Filed for the applicant by a community assistant, with the applicant's consent"),
    "proxy": _l("Filed for the applicant by an authorised person"),
    "proactive": _l("Started by the street office after finding the household in need"),
    "window": _l("Entered at the street office window from the applicant's paper application"),
}

PURPOSES = {
    "signed_declarations": _l("Declarations form signed by the applicant"),
    "id_card": _l("Resident ID card"),
    "hukou": _l("Household register (hukou booklet)"),
    "hukou_book": _l("Household register (hukou booklet)"),
    "residence_permit": _l("Residence permit"),
    "income_proof": _l("Proof of income"),
    "disability_cert": _l("Disability certificate"),
    "medical_bills": _l("Medical bills"),
    "medical_records": _l("Medical records"),
    "school_enrolment": _l("Proof of school enrolment"),
    "tenancy": _l("Tenancy agreement"),
    "bank_card": _l("Bank account details"),
    "proxy_mandate": _l("Signed authorisation"),
    "incident_proof": _l("Proof of the emergency"),
}
OTHER_PURPOSE = _l("Supporting document")

# Source keys of portal/domain/rules.md ("Source documents used"), as printed in a legal basis.
SOURCES = {
    "S-DB": _l("Measures for Reviewing and Confirming the Minimum Living Allowance"),
    "S-TK": _l("Measures for Recognising People in Extreme Poverty"),
    "S-GX": _l("Measures for Recognising Households in Hardship from Essential Expenses"),
    "S-LS": _l("Opinions on Strengthening and Improving Temporary Assistance"),
    "S-ZX": _l("Interim Measures on Social Assistance"),
    "S-YJ": _l("Opinions on Reforming and Improving the Social Assistance System"),
    "S-DD": _l("Notice on Further Improving Minimum Living Allowance and Other Social Assistance"),
}


def label(table: dict, code: str | None, default=None) -> str:
    """The translated label of ``code``, or ``default`` (or the code itself) when unknown."""
    if code in table:
        return str(table[code])
    return str(default) if default is not None else (code or "")


def document_title(kind: str, action: str | None = None) -> str:
    """A document's title; a refusal to accept (``not_accept``) has its own."""
    if kind == "refusal_notice" and action == "not_accept":
        return str(NON_ACCEPTANCE)
    if kind == "stop_notice" and action == "terminate":
        return str(TERMINATION)
    if kind == "stop_notice" and action == "phase_out":
        return str(PHASE_OUT)
    return label(KINDS, kind)
