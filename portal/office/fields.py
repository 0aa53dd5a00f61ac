"""The data table behind the one generic action form: each workflow field as a form field.

The workflow names the fields an action requires (``Action.required``, portal/domain/
workflow_fields.py); this table says how each is asked (label, hint, kind of input) and how
the typed text becomes the value the workflow checks. Adding a field to the workflow means
adding one row here (a test checks that every field the workflow uses has a row).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice

from portal.cleaner import has_invalid
from portal.money import parse_yuan

TEXT_MAX = 2000
LINE_MAX = 300
LINES_MAX = 30
AMOUNT_MAX = Decimal("10000000")


@dataclass(frozen=True)
class FieldSpec:
    kind: str  # text, long_text, lines, money, month, date, count, choice, yes_no, office
    label: Any
    hint: Any = None
    choices: tuple[tuple[str, Any], ...] = ()


YES_NO = (("yes", _l("Yes")), ("no", _l("No")))

FIELDS: dict[str, FieldSpec] = {
    "reason": FieldSpec("long_text", _l("Reason")),
    "missing_items": FieldSpec("lines", _l("Missing documents, one per line"), _l(
        "List everything that is missing now: the resident is asked only once. Do not ask for anything the "
        "office can fetch itself.")),
    "close_relative_of_staff": FieldSpec("yes_no", _l(
        "Is a household member a close relative of social assistance staff or of a residents' committee member?"),
        _l("If yes, the request is registered separately and the district makes its own home visit."), YES_NO),
    "to_office": FieldSpec("office", _l("Street office to send it to")),
    "to_unit": FieldSpec("text", _l("Authority or unit it is forwarded to"), _l("For example 南山区医疗保障局.")),
    "staff_names": FieldSpec("lines", _l("Staff who made the visit, one per line"), _l(
        "At least two staff members make each home visit.")),
    "visit_mode": FieldSpec("choice", _l("How the visit was made"), _l(
        "By phone or video only in a major emergency."),
        (("in_person", _l("In person at the home")), ("phone", _l("By phone")), ("video", _l("By video call")))),
    "opinion": FieldSpec("long_text", _l("First-review opinion")),
    "location": FieldSpec("text", _l("Where the notice is posted"), _l("For example the notice board of 科技园社区.")),
    "objection": FieldSpec("long_text", _l("The objection received"), _l(
        "Do not record who objected if they asked not to be named.")),
    "resolution": FieldSpec("choice", _l("How the objection was resolved"), None,
                            (("reinvestigation", _l("Investigated again")),
                             ("democratic_review", _l("Community review (民主评议)")))),
    "complaint": FieldSpec("long_text", _l("The complaint or report received")),
    "amount": FieldSpec("money", _l("Amount in yuan"), _l("For example 1300 or 1300.50.")),
    "total_amount": FieldSpec("money", _l("Total amount in yuan, for all stages")),
    "start_month": FieldSpec("month", _l("Payment starts in (year and month)"), _l(
        "Payment starts the month after the decision. For example 2026-12.")),
    "end_month": FieldSpec("month", _l("Phase-out ends in (year and month)"), _l(
        "At most 6 months from now. For example 2027-03.")),
    "valid_until": FieldSpec("date", _l("Recognised until"), _l("At most 12 months from today.")),
    "income_irregular": FieldSpec("yes_no", _l("Is the household's income irregular, with members able to work?"),
                                  _l("If yes, the household is reviewed every 6 months instead of every year."),
                                  YES_NO),
    "special_reason": FieldSpec("choice", _l("Reason for the longer time limit"), None, (
        ("objection_at_notice", _l("An objection was raised during the public notice")),
        ("household_separation", _l("The household does not live where it is registered (人户分离)")),
        ("remote_application", _l("The application was made away from the registration area (异地申办)")),
        ("hard_investigation", _l("The investigation is especially difficult")))),
    "notice_ref": FieldSpec("text", _l("Number of the written refusal notice")),
    "evidence": FieldSpec("lines", _l("Evidence the resident gave, one item per line")),
    "trigger": FieldSpec("choice", _l("Why the review starts"), None, (
        ("periodic", _l("Periodic review")), ("change_reported", _l("A change was reported")),
        ("member_death", _l("A household member died")), ("complaint", _l("A complaint or report")))),
    "death_date": FieldSpec("date", _l("Date of death"), _l("Only when a household member died.")),
    "change": FieldSpec("long_text", _l("The change reported")),
    "self_care_level": FieldSpec("choice", _l("Result of the self-care assessment"), None, (
        ("capable", _l("Can take care of themselves")), ("partly_lost", _l("Partly unable to take care of themselves")),
        ("fully_lost", _l("Fully unable to take care of themselves")))),
    "support_form": FieldSpec("choice", _l("Form of support the person chose"), None, (
        ("concentrated", _l("In a care home (集中供养)")), ("dispersed", _l("At home (分散供养)")))),
    "aid_form": FieldSpec("choice", _l("Form of the aid"), None, (
        ("cash", _l("Cash")), ("in_kind", _l("In kind")))),
    "incident_location": FieldSpec("text", _l("Where the emergency happened")),
    "referred_to": FieldSpec("text", _l("Service referred to"), _l("For example a charity or another scheme.")),
    "recipient": FieldSpec("text", _l("Who received the aid")),
    "cause": FieldSpec("long_text", _l("What happened")),
    "signed_by": FieldSpec("lines", _l("Staff who signed the record, one per line")),
    "stages": FieldSpec("count", _l("Number of stages"), _l("2 or more.")),
    "outcome": FieldSpec("choice", _l("The authority's decision"), None, (
        ("granted", _l("Granted")), ("refused", _l("Refused")))),
    "decided_by": FieldSpec("text", _l("Authority that decided")),
}

# Labels of the written reason where an action gives it a particular meaning.
REASON_LABELS = {
    "transfer": _l("Why it goes to that office (the resident sees this)"),
    "not_accept": _l("Why it is not accepted (the resident sees this)"),
    "reject": _l("Written reasons for the refusal (the resident receives them with the appeal rights)"),
    "stop": _l("Written reasons for stopping (the resident receives them)"),
    "terminate": _l("Why the procedure ends (the resident sees this)"),
    "phase_out": _l("Reasons for the phase-out (the resident receives them)"),
    "adjust_amount": _l("Reasons for the change of amount (the resident receives them)"),
    "send_back": _l("What must be checked again"),
    "request_materials": _l("Why more documents are needed after the first request"),
    "forward": _l("Note for the resident (optional)"),
    "refer": _l("Note for the resident (optional)"),
}
# Actions that take an optional note although the workflow does not require one.
OPTIONAL_REASON = frozenset({"forward", "refer"})


def _choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def unbound_field(name: str, office_choices: list[tuple[str, str]] | None = None, label=None):
    spec = FIELDS[name]
    label = label or spec.label
    if spec.kind in ("choice", "yes_no"):
        return RadioField(label, description=spec.hint, choices=_choices(spec.choices), validate_choice=False)
    if spec.kind == "office":
        return SelectField(label, description=spec.hint, choices=_choices(
            [("", _l("Choose a street office"))] + list(office_choices or [])), validate_choice=False)
    if spec.kind in ("long_text", "lines"):
        return TextAreaField(label, description=spec.hint)
    return StringField(label, description=spec.hint)


def _digits(text: str) -> str:
    # Full-width digits and punctuation from Chinese keyboards become ASCII.
    return unicodedata.normalize("NFKC", text)


def _money(raw: str) -> tuple[Any, str | None]:
    amount, problem = parse_yuan(raw)
    if problem == "empty":
        return None, None
    if amount is None or amount <= 0 or amount > AMOUNT_MAX:
        return raw, "invalid_field"
    return str(amount.quantize(Decimal("0.01"))), None


def convert(name: str, raw: Any, valid_offices: set[str] | None = None) -> tuple[Any, str | None]:
    """The workflow value of a typed answer and a problem code (``invalid_field``,
    ``control_chars``, ``too_long``) or None. Absent answers become None (the workflow then
    says ``missing_field``)."""
    spec = FIELDS[name]
    text = raw if isinstance(raw, str) else ""
    if has_invalid(text):
        return text, "control_chars"
    text = text.strip()
    if spec.kind == "lines":
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if len(lines) > LINES_MAX or any(len(line) > LINE_MAX for line in lines):
            return lines, "too_long"
        return lines or None, None
    if len(text) > TEXT_MAX:
        return text, "too_long"
    if not text:
        return None, None
    if spec.kind == "money":
        return _money(text)
    if spec.kind == "count":
        digits = _digits(text)
        return (int(digits), None) if digits.isdigit() and len(digits) < 4 else (text, "invalid_field")
    if spec.kind == "yes_no":
        return {"yes": True, "no": False}.get(text), None
    if spec.kind in ("month", "date"):
        return _digits(text), None
    if spec.kind == "office":
        return (text, None) if valid_offices is None or text in valid_offices else (text, "invalid_field")
    return text, None


def shown(name: str, value: Any) -> str:
    """A workflow value as the form shows it again (lists one per line, yes/no as the option)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return "\n".join(str(v) for v in value)
    return "" if value is None else str(value)
