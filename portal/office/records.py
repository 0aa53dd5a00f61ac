"""Structured records on the generic action form.

Some workflow actions record more than the workflow itself checks:

- 入户调查 (``record_home_visit``): the date, findings by item, the resident's acknowledgement
  and photos (the staff names and the mode stay workflow fields: two staff, S-DB Art. 16);
- 家庭经济状况核对 (``data_check_ok`` / ``data_check_failed``): the result per member and category,
  from the configured verification platform (``ECONOMIC_CHECK``, portal/domain/economic_check.py);
- 初审意见 (``prelim_opinion``): attachments beside the opinion;
- 民主评议 (an objection resolved by a community review, ``resolution=democratic_review``): the
  date, who took part and the outcome (S-DB Art. 19).

This module adds those fields to the action's form, checks them (every problem at once, next to
its field) and returns what goes into the event's data, so the record is written by the same
``perform`` and committed in the same transaction as the state change. Files are stored when
sent and claimed by the event on success; a form sent back with errors keeps them (``kept``).
"""
from __future__ import annotations

import hashlib
import importlib
import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import current_app, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    HiddenField,
    MultipleFileField,
    RadioField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice

from portal.apply.documents import uploads
from portal.apply.documents.uploads import UploadRejected, upload_dir
from portal.clock import today as local_today
from portal.domain.economic_check import (
    HOUSEHOLD,
    CheckQuery,
    CheckResult,
    DeclaredFiguresCheck,
    EconomicCheck,
    declared_figures,
)
from portal.domain.household import HouseholdError
from portal.domain.workflow_fields import parse_date
from portal.eligibility_texts.labels import RELATIONS
from portal.extensions import db
from portal.models import Account, AssistanceRequest, Event, utcnow
from portal.models.record_file import RecordFile
from portal.office import fields as table
from portal.office.scope import in_scope

VISIT = "record_home_visit"
CHECKS = frozenset({"data_check_ok", "data_check_failed"})
OPINION = "prelim_opinion"
MAX_FILES = 6
FINDINGS = ("finding_housing", "finding_living", "finding_members", "finding_income_assets")
ACKNOWLEDGEMENTS = ("signed", "refused", "absent")
REVIEW_OUTCOMES = ("supports", "does_not_support", "partly")
VIEW_FILE_ACTION = "view_record_file"

_LABELS = {
    "visit_date": _l("Date of the visit"),
    "finding_housing": _l("Housing: what was seen"),
    "finding_living": _l("Living conditions"),
    "finding_members": _l("Household members present"),
    "finding_income_assets": _l("What was seen of income and assets"),
    "acknowledgement": _l("The resident's acknowledgement of the record"),
    "review_date": _l("Date of the community review (民主评议)"),
    "review_participants": _l("Who took part, one per line"),
    "review_outcome": _l("Outcome of the community review"),
}
_HINTS = {
    "visit_date": _l("For example 2026-12-03. Not in the future."),
    "finding_members": _l("Who was at home, by relation to the applicant (for example 本人, 配偶). No ID numbers."),
    "finding_income_assets": _l("For example household appliances, a vehicle, signs of a business."),
    "review_participants": _l("For example residents' committee members and resident representatives."),
    "review_outcome": _l("Only when the objection was resolved by a community review."),
}
_CHOICES = {
    "acknowledgement": (("signed", _l("Signed by the family members present")),
                        ("refused", _l("The family refused to sign")),
                        ("absent", _l("No family member was present to sign"))),
    "review_outcome": (("supports", _l("The review supports the first-review opinion")),
                       ("does_not_support", _l("The review does not support the first-review opinion")),
                       ("partly", _l("The review supports it in part"))),
}
_FILE_LABELS = {
    "visit_photo": (_l("Photos of the visit (optional)"),
                    _l("JPEG or PNG, up to %(count)d photos. Location and camera details are removed.", count=MAX_FILES)),
    "opinion_attachment": (_l("Attachments of the opinion (optional)"),
                           _l("PDF, JPEG or PNG, up to %(count)d files.", count=MAX_FILES)),
}
MISSING = {
    "visit_date": _l("Enter the date of the visit"),
    "finding_housing": _l("Describe the housing"),
    "finding_living": _l("Describe the living conditions"),
    "finding_members": _l("Say which household members were present"),
    "finding_income_assets": _l("Describe what was seen of income and assets"),
    "acknowledgement": _l("Choose whether the family signed the record"),
    "review_date": _l("Enter the date of the community review"),
    "review_participants": _l("List who took part in the community review"),
    "review_outcome": _l("Choose the outcome of the community review"),
}
INVALID = {
    "visit_date": _l("Enter the date of the visit as year-month-day, not in the future, like 2026-12-03"),
    "review_date": _l("Enter the date of the review as year-month-day, not in the future, like 2026-12-03"),
    "acknowledgement": _l("Choose one of the options"),
    "review_outcome": _l("Choose one of the options"),
    "files": _l("Attach at most %(count)d files"),
}
_FILE_PROBLEMS = {
    "empty": _l("The file is empty: choose the file again"),
    "too_large": _l("The file is larger than 10 MB: send a smaller photo or scan"),
    "wrong_type": _l("The file must be a JPEG or PNG photo, or a PDF"),
    "heic_unsupported": _l("HEIC photos cannot be read here: send the photo as a JPEG"),
    "unreadable": _l("The file cannot be read: it may be damaged. Choose it again"),
    "encrypted": _l("The PDF is protected by a password: send it without one"),
    "photo_only": _l("Photos must be JPEG or PNG"),
}
_HISTORY_LABELS = {"review_participants": _l("Who took part")}
SUBJECT_LABELS = {HOUSEHOLD: _l("Household property")}
CATEGORY_LABELS = {
    "wages": _l("Wages"), "business_net": _l("Business profit"), "property": _l("Interest, dividends and rent"),
    "transfer": _l("Pensions, maintenance and other payments"), "deposits": _l("Bank deposits"),
    "securities": _l("Securities"), "insurance_cash_value": _l("Cash value of insurance"),
    "internet_finance": _l("Internet finance"), "receivables": _l("Money owed to the household"),
    "vehicles": _l("Vehicles (value)"), "houses": _l("Houses (number)"),
}


@dataclass(frozen=True)
class Spec:
    """What an action records beyond its workflow fields."""

    fields: tuple[str, ...] = ()
    files: str | None = None  # visit_photo, opinion_attachment
    economic_check: bool = False
    review: bool = False  # the 民主评议 fields, required when resolution is democratic_review


def spec_for(action: str, workflow_fields: list[str]) -> Spec | None:
    if action == VISIT:
        return Spec(("visit_date", *FINDINGS, "acknowledgement"), "visit_photo")
    if action in CHECKS:
        return Spec(economic_check=True)
    if action == OPINION:
        return Spec(files="opinion_attachment")
    if "resolution" in workflow_fields:
        return Spec(("review_date", "review_participants", "review_outcome"), review=True)
    return None


# --- the form -----------------------------------------------------------------------------------

def form_fields(spec: Spec) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name in spec.fields:
        label, hint = _LABELS[name], _HINTS.get(name)
        if name in _CHOICES:
            fields[name] = RadioField(label, description=hint, validate_choice=False,
                                      choices=[SelectChoice(value, text) for value, text in _CHOICES[name]])
        elif name.startswith("finding_") or name == "review_participants":
            fields[name] = TextAreaField(label, description=hint)
        else:
            fields[name] = StringField(label, description=hint)
    if spec.files:
        label, hint = _FILE_LABELS[spec.files]
        fields["files"] = MultipleFileField(label, description=hint)
        fields["kept"] = HiddenField()
    return fields


def typed_names(spec: Spec | None) -> list[str]:
    if spec is None:
        return []
    return list(spec.fields) + (["kept"] if spec.files else [])


# --- checking what was sent ---------------------------------------------------------------------

def _text(name: str, raw: Any) -> tuple[Any, str | None]:
    # The field table's own conversions: control characters, lengths, one item per line.
    return table.convert("signed_by" if name == "review_participants" else "reason", raw)


def _date(raw: Any, today: date, not_before: date | None) -> tuple[Any, str | None]:
    text = table._digits(raw.strip()) if isinstance(raw, str) else ""
    if not text:
        return None, "missing_field"
    day = parse_date(text)
    if day is None or day > today:
        return text, "invalid_field"
    if not_before is not None and day < not_before:
        return text, "before_acceptance"
    return day.isoformat(), None


def _check_fields(spec: Spec, form, request: AssistanceRequest, data: dict[str, Any],
                  today: date) -> tuple[dict[str, Any], dict[str, str]]:
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    required = not spec.review or data.get("resolution") == "democratic_review"
    if not required:
        return values, problems
    for name in spec.fields:
        raw = form[name].data
        if name.endswith("_date"):
            value, problem = _date(raw, today, request.accepted_on)
        elif name in _CHOICES:
            value = raw if raw in dict(_CHOICES[name]) else None
            problem = None if value else ("missing_field" if not raw else "invalid_field")
        else:
            value, problem = _text(name, raw)
            if problem is None and not value:
                problem = "missing_field"
        if problem:
            problems[name] = problem
        else:
            values[name] = value
    return values, problems


def _kept(spec: Spec, form, request: AssistanceRequest, account: Account) -> list[RecordFile]:
    ids = [int(part) for part in str(form.kept.data or "").split(",") if part.isdigit() and len(part) < 10]
    if not ids:
        return []
    return list(db.session.scalars(db.select(RecordFile).where(
        RecordFile.id.in_(ids[:MAX_FILES]), RecordFile.request_id == request.id, RecordFile.event_id.is_(None),
        RecordFile.uploaded_by_id == account.id, RecordFile.kind == spec.files).order_by(RecordFile.id)))


def _store(spec: Spec, upload, request: AssistanceRequest, account: Account) -> RecordFile:
    """Check and store one sent file (re-encoded, without metadata); raises UploadRejected."""
    if upload is None or not upload.filename:
        raise uploads.UploadRejected("empty")
    checked = uploads.check(uploads._read(upload, uploads.max_bytes()))
    if spec.files == "visit_photo" and not checked.kind.startswith("image/"):
        raise _PhotoOnly()
    extension = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}[checked.kind]
    stored = f"{secrets.token_hex(16)}.{extension}"
    (uploads.upload_dir() / stored).write_bytes(checked.data)
    row = RecordFile(application_id=request.application_id, request_id=request.id, kind=spec.files,
                     stored_name=stored, content_type=checked.kind, size=len(checked.data),
                     sha256=hashlib.sha256(checked.data).hexdigest(), uploaded_by_id=account.id, uploaded_at=utcnow())
    db.session.add(row)
    return row


class _PhotoOnly(Exception):
    pass


def _files(spec: Spec, form, request: AssistanceRequest, account: Account) -> tuple[list[RecordFile], str | None]:
    files = _kept(spec, form, request, account)
    problem = None
    sent = [upload for upload in (form.files.data or []) if getattr(upload, "filename", "")]
    if len(files) + len(sent) > MAX_FILES:
        return files, "too_many_files"
    for upload in sent:
        try:
            files.append(_store(spec, upload, request, account))
        except UploadRejected as refused:
            problem = f"file_{refused.code}"
        except _PhotoOnly:
            problem = "file_photo_only"
    return files, problem


@dataclass
class Collected:
    data: dict[str, Any]
    problems: dict[str, str]
    files: list[RecordFile]


def collect(spec: Spec | None, form, request: AssistanceRequest, account: Account, data: dict[str, Any],
            today: date, check: CheckResult | None = None) -> Collected:
    """The record's part of the event data, and the problems by field. Files sent are stored
    (not committed) whatever the other answers, so that they survive a form sent back."""
    if spec is None:
        return Collected({}, {}, [])
    values, problems = _check_fields(spec, form, request, data, today)
    files: list[RecordFile] = []
    if spec.files:
        files, problem = _files(spec, form, request, account)
        if problem:
            problems["files"] = problem
        db.session.flush()
        form.kept.data = ",".join(str(f.id) for f in files)
    extra: dict[str, Any] = {}
    if spec.fields and values:
        extra["democratic_review" if spec.review else "home_visit"] = values
    if spec.files and files:
        extra["files"] = len(files)
    if spec.economic_check:
        extra["economic_check"] = (check or run_check(request)).to_payload()
    return Collected(extra, problems, files)


def claim(files: list[RecordFile], event_id: int) -> None:
    """The record's event owns its files (same transaction as the state change)."""
    for row in files:
        row.event_id = event_id


def message(code: str, name: str) -> str | None:
    """The message for a record field's problem; None when the field is not the record's."""
    if name not in _LABELS and name != "files":
        return None
    if code == "missing_field":
        return str(MISSING[name])
    if code == "too_many_files":
        return _("Attach at most %(count)d files", count=MAX_FILES)
    if code.startswith("file_"):
        return str(_FILE_PROBLEMS.get(code[5:], _FILE_PROBLEMS["unreadable"]))
    if code == "before_acceptance":
        return _("The date cannot be before the request was accepted")
    if code == "invalid_field" and name in INVALID:
        return str(INVALID[name])
    return None


# --- the economic check -------------------------------------------------------------------------

def checker() -> EconomicCheck:
    """The configured platform (``ECONOMIC_CHECK=module:Class``); the development stand-in by default."""
    spec = str(current_app.config.get("ECONOMIC_CHECK") or "")
    cls: Any = DeclaredFiguresCheck
    if spec:
        module_name, _sep, class_name = spec.partition(":")
        if not class_name:
            raise ValueError("ECONOMIC_CHECK must be 'package.module:ClassName'")
        cls = getattr(importlib.import_module(module_name), class_name)
    return cls.from_config(current_app.config) if hasattr(cls, "from_config") else cls()


def _household(request: AssistanceRequest):
    # looked up when called: tests replace household_from_answers
    from portal.apply.answers.household_map import household_from_answers

    try:
        return household_from_answers(request.application.answers or {}, local_today())
    except (HouseholdError, ValueError, KeyError, TypeError):
        return None


def declared_of(request: AssistanceRequest):
    household = _household(request)
    return declared_figures(household) if household is not None else ()


def relations_of(request: AssistanceRequest | None) -> dict[str, str]:
    """Each subject's relation to the applicant (``m2`` -> ``spouse``), to name members in words."""
    household = _household(request) if request is not None else None
    if household is None:
        return {}
    return {f"m{index}": member.relation for index, member in enumerate(household.members, start=1)}


def run_check(request: AssistanceRequest) -> CheckResult:
    query = CheckQuery(request.application.reference, declared_of(request))
    return checker().check(query)


def latest_check_payload(request: AssistanceRequest) -> Any:
    """What the last recorded 核对 of this request found, as stored; None when none was recorded."""
    events = db.session.scalars(db.select(Event).where(Event.request_id == request.id, Event.action.in_(CHECKS))
                                .order_by(Event.id.desc()).limit(1))
    event = next(iter(events), None)
    return (event.data or {}).get("economic_check") if event is not None else None


def latest_check(request: AssistanceRequest) -> CheckResult | None:
    return CheckResult.from_payload(latest_check_payload(request))


def subject_label(subject: str, relations: dict[str, str] | None = None) -> str:
    if subject in SUBJECT_LABELS:
        return str(SUBJECT_LABELS[subject])
    if subject == "m1":
        return _("Applicant")
    number = subject[1:] if subject.startswith("m") else ""
    if not number.isdigit():
        return subject
    relation = (relations or {}).get(subject)
    if relation in RELATIONS:
        return _("Member %(number)s (%(relation)s)", number=number, relation=RELATIONS[relation])
    return _("Member %(number)s", number=number)


def category_label(category: str) -> str:
    return str(CATEGORY_LABELS.get(category, category))


def amount_text(value) -> str:
    if value is None:
        return _("no record")
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def difference_lines(result: CheckResult | None, relations: dict[str, str] | None = None) -> list[str]:
    """Each difference in words: "Applicant · Wages: declared 2,000, found 3,000"."""
    if result is None:
        return []
    return [_("%(subject)s · %(category)s: declared %(declared)s, found %(found)s",
              subject=subject_label(f.subject, relations), category=category_label(f.category),
              declared=amount_text(f.declared), found=amount_text(f.found)) for f in result.differences]


@dataclass(frozen=True)
class CheckRow:
    subject: str
    category: str
    declared: str
    found: str
    matches: bool


def check_rows(result: CheckResult | None, relations: dict[str, str] | None = None) -> list[CheckRow]:
    """The result as the form's table shows it, member by member."""
    if result is None:
        return []
    return [CheckRow(subject_label(f.subject, relations), category_label(f.category), amount_text(f.declared),
                     amount_text(f.found), f.matches) for f in result.findings]


def check_differences(payload: Any, request: AssistanceRequest | None = None) -> list[str]:
    """The differences an event's recorded check found, in words (for the resident's timeline and notices)."""
    result = CheckResult.from_payload(payload)
    return difference_lines(result, relations_of(request) if result is not None and result.has_differences else {})


def differences_for_approval(request: AssistanceRequest) -> list[str]:
    return check_differences(latest_check_payload(request), request)


# --- showing a record -----------------------------------------------------------------------------

def details(name: str, value: Any, request: AssistanceRequest | None = None) -> list[tuple[str, str, bool]] | None:
    """(label, value, typed by staff) rows for a record in the history; None if ``name`` is not one."""
    if name in ("home_visit", "democratic_review") and isinstance(value, dict):
        rows = []
        for key, item in value.items():
            if key not in _LABELS:
                continue
            label = str(_HISTORY_LABELS.get(key) or _LABELS[key])
            if key in _CHOICES:
                rows.append((label, str(dict(_CHOICES[key]).get(str(item), item)), False))
            elif isinstance(item, (list, tuple)):
                rows.append((label, "; ".join(str(v) for v in item), True))
            else:
                rows.append((label, str(item), not key.endswith("_date")))
        return rows
    if name == "economic_check":
        result = CheckResult.from_payload(value)
        if result is None:
            return []
        if not result.findings:
            return [(_("Economic check"), _("No declared figures to match"), False)]
        lines = check_differences(value, request)
        if not lines:
            return [(_("Economic check"), _("All %(count)d figures match what was declared",
                                               count=len(result.findings)), False)]
        return [(_("Economic check: differences"), "; ".join(lines), False)]
    if name == "files":
        return [(_("Files attached"), str(value), False)]
    return None


def files_of(event_ids: list[int]) -> dict[int, list[RecordFile]]:
    if not event_ids:
        return {}
    found: dict[int, list[RecordFile]] = {}
    for row in db.session.scalars(db.select(RecordFile).where(RecordFile.event_id.in_(event_ids))
                                  .order_by(RecordFile.id)):
        found.setdefault(row.event_id, []).append(row)
    return found


def file_links(event: Event, rows: list[RecordFile]) -> list[tuple[str, str]]:
    """(label, address) of each file of a record; the address records who opens it."""
    if not rows:
        return []
    reference = event.request.application.reference if event.request is not None else ""
    photo = event.action == VISIT
    return [(_("Photo %(number)d", number=i) if photo else _("Attachment %(number)d", number=i),
             url_for("office.record_file", reference=reference, file_id=row.id))
            for i, row in enumerate(rows, start=1)]


def file_for_view(application, file_id: int, account: Account) -> RecordFile | None:
    """A record's file of this application that ``account`` may open: a handler of its request,
    and the file belongs to a recorded event (or is the account's own, not yet recorded)."""
    if file_id > 2**31 - 1:
        return None
    row = db.session.get(RecordFile, file_id)
    if row is None or row.application_id != application.id:
        return None
    request = db.session.get(AssistanceRequest, row.request_id)
    if request is None or not in_scope(account, request):
        return None
    if row.event_id is None and row.uploaded_by_id != account.id:
        return None
    return row


def record_file_view(account: Account, row: RecordFile) -> None:
    """Who opened a record's file, written before the file is sent (photos are personal data)."""
    db.session.add(Event(application_id=row.application_id, request_id=None, action=VIEW_FILE_ACTION,
                         from_state=None, to_state=None, actor_account_id=account.id, actor_role=account.role,
                         at=utcnow(), data={"fields": [row.kind]}, visible_to_resident=False))
    db.session.commit()


def path_of(row: RecordFile):
    return upload_dir() / row.stored_name
