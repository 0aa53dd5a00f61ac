"""The declarations a household makes, with the version of each text (《最低生活保障审核确认办法》第九条; 《社会救助暂行办法》第五十八条).

Changing the wording of a declaration means a new version here: consents recorded earlier
keep the version the person actually agreed to.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from portal.assist.trail import declaration_method
from portal.models import utcnow


@dataclass(frozen=True)
class Declaration:
    kind: str        # Consent.kind
    version: str
    label: object    # what the person ticks
    text: object     # what they agree to, shown above the box
    title: object    # a short name, for summaries


DECLARATIONS = {
    "economic_check_authorisation": Declaration(
        "economic_check_authorisation", "2026-01",
        _l("%(name)s authorises the checks"),
        _l("Every adult in the household authorises the civil affairs departments to check the household's "
           "registration, tax, social insurance, property, vehicles, business registrations, housing fund, bank "
           "deposits, insurance, securities and online finance (S-DB Art. 9, Art. 17; S-ZX Art. 58). Tick for each "
           "adult who has agreed; the office also asks each of them to sign."),
        _l("Authorisation for checks of the household's finances")),
    "truthfulness": Declaration(
        "truthfulness", "2026-01",
        _l("I promise that the information I gave is true and complete"),
        _l("Giving false information, or hiding income or property, can mean the assistance is stopped, the money "
           "has to be repaid and a fine of 1 to 3 times the amount (S-DB Art. 9; S-ZX Art. 68)."),
        _l("Truthfulness commitment")),
    "change_duty": Declaration(
        "change_duty", "2026-01",
        _l("I will report any change in the household, its income or property"),
        _l("Tell the street office promptly when someone joins or leaves the household, or when income or property "
           "changes (S-DB Art. 30)."),
        _l("Duty to report changes")),
    "publication_notice": Declaration(
        "publication_notice", "2026-01",
        _l("I understand that the decision will be published in my community"),
        _l("If assistance is approved, the applicant's name, the number of people in the household and the amount "
           "are published in the community. Nothing else is published (S-DB Art. 24)."),
        _l("Publication of the decision")),
    "sensitive_data_processing": Declaration(
        "sensitive_data_processing", "2026-01",
        _l("I agree that my household's sensitive personal information is processed for this application"),
        _l("ID numbers, health and disability, income, property and bank details are used only to decide and pay "
           "this assistance, are stored encrypted and are seen only by the people handling it."),
        _l("Processing of sensitive personal information")),
    "not_receiving_elsewhere": Declaration(
        "not_receiving_elsewhere", "2026-01",
        _l("I declare that my household does not receive, and has not applied for, the same assistance at the place of registration."),
        _l("Applying in Shenzhen while registered elsewhere: the same assistance cannot be received in two places."),
        _l("Not receiving the same assistance at the place of registration")),
}

# Keys under answers["declarations"] -> Consent kind.
ANSWER_KEYS = {
    "economic_check": "economic_check_authorisation",
    "truthfulness": "truthfulness",
    "change_duty": "change_duty",
    "publication_notice": "publication_notice",
    "sensitive_data": "sensitive_data_processing",
    "not_receiving_elsewhere": "not_receiving_elsewhere",
}


# How a resident agreed when someone else files for them. A signed or thumb-printed
# form is photographed and uploaded with the application (purpose "signed_declarations").
AGREEMENT_METHODS = {
    "on_assistant_screen": _l("The resident read each declaration on this screen and confirmed it"),
    "signed_form": _l("I read them aloud; the resident signed the printed declarations form"),
    "thumb_print": _l("I read them aloud; the resident put a thumb print on the printed declarations form"),
    "witness": _l("I read them aloud; the resident said yes before a witness"),
    "paper_form": _l("The resident signed the declarations on the paper application form"),
}
PAPER_METHODS = frozenset({"signed_form", "thumb_print", "paper_form"})

# What each method is called on receipts, the case page and the timeline.
METHOD_LABELS = {
    "online": _l("Made by the applicant online"),
    "on_assistant_screen": _l("Confirmed by the applicant on the helper's screen"),
    "signed_form": _l("Read aloud; signed on the printed form"),
    "thumb_print": _l("Read aloud; thumb print on the printed form"),
    "witness": _l("Read aloud; agreed before a witness"),
    "paper_form": _l("Signed on the paper application form"),
}


def helper_is_acting(account_id: int | None) -> bool:
    """The signed-in account is a helper filing for the applicant now (not the applicant)."""
    return declaration_method(account_id) == "on_assistant_screen"


def record(kind: str, ctx, members: list[str]) -> dict:
    """What answers["declarations"][key] holds: text version, who, when, how, for whom."""
    return {"version": DECLARATIONS[kind].version, "at": utcnow().isoformat(), "by": ctx.account_id,
            "method": declaration_method(ctx.account_id), "members": list(members)}
