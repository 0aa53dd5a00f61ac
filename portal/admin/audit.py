"""The audit trail for administrators and supervisors: staff's case events (every reveal of
personal data, every action) and the administrators' changes, newest first.

Masked values only: the trail names the application by its reference and the applicant by a
masked name, lists *which* personal details were shown (never their values), and leaves out
free-text reasons, which may quote personal data. This is the only place an administrator
sees anything of a case.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Iterator
from zoneinfo import ZoneInfo

from flask import Flask, current_app
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import literal, or_, union_all

from portal.admin import labels
from portal.admin.staff import actor_label
from portal.admin.trail import record
from portal.apply.places import districts as places
from portal.contacts.names import subject_name_of_key
from portal.domain.staff import STAFF_ROLES
from portal.extensions import db
from portal.filters import datetime_local
from portal.models import (
    Account,
    AdminEvent,
    Application,
    AssistanceRequest,
    Event,
    utcnow,
)
from portal.office.case import EVIDENCE_ACTION, REVEAL_ACTION
from portal.status import texts

LOCAL = ZoneInfo("Asia/Shanghai")
PER_PAGE = 50
EXPORT_LIMIT = 100_000  # one file; narrower filters for more

# Staff's case events come from these roles ("system" events are the portal's own). An
# administrator's case events are the deadlines a calendar notice moved.
_CASE_ROLES = tuple(STAFF_ROLES)


@dataclass
class Filters:
    staff: Account | None = None
    application: Application | None = None
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1

    def args(self, **extra) -> dict:
        out = {"staff": self.staff.username if self.staff else None,
               "reference": self.application.reference if self.application else None,
               "from": self.date_from.isoformat() if self.date_from else None,
               "to": self.date_to.isoformat() if self.date_to else None}
        out.update(extra)
        return {k: v for k, v in out.items() if v}

    def criteria(self, until: datetime | None = None) -> "Criteria":
        return Criteria(self.staff.id if self.staff else None,
                        self.application.id if self.application else None,
                        self.date_from, self.date_to, until)


@dataclass(frozen=True)
class Criteria:
    """The filters as plain values: what the queries need, usable after the request's
    database session has ended (the CSV export reads in sessions of its own)."""
    staff_id: int | None = None
    application_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    until: datetime | None = None  # an export reads the trail as it was just before it began


@dataclass
class Row:
    at: datetime
    kind: str  # "case" or "admin"
    actor: str
    role: str
    action: str
    reference: str = ""
    applicant: str = ""
    request: str = ""
    change: str = ""
    details: list[str] = field(default_factory=list)


def _utc_start(day: date) -> datetime:
    return datetime.combine(day, time.min, LOCAL).astimezone(timezone.utc)


def _union(filters: Criteria):
    case = (db.select(literal("case").label("kind"), Event.id.label("id"), Event.at.label("at"))
            .where(Event.actor_role.in_(_CASE_ROLES)))
    admin = db.select(literal("admin").label("kind"), AdminEvent.id.label("id"), AdminEvent.at.label("at"))
    if filters.staff_id is not None:
        case = case.where(Event.actor_account_id == filters.staff_id)
        # A person's own changes, and the changes made to their account.
        admin = admin.where(or_(AdminEvent.actor_account_id == filters.staff_id,
                                AdminEvent.target_account_id == filters.staff_id))
    if filters.application_id is not None:
        case = case.where(Event.application_id == filters.application_id)
    if filters.date_from is not None:
        case = case.where(Event.at >= _utc_start(filters.date_from))
        admin = admin.where(AdminEvent.at >= _utc_start(filters.date_from))
    if filters.date_to is not None:
        end = _utc_start(filters.date_to + timedelta(days=1))
        case = case.where(Event.at < end)
        admin = admin.where(AdminEvent.at < end)
    if filters.until is not None:
        case = case.where(Event.at < filters.until)
        admin = admin.where(AdminEvent.at < filters.until)
    if filters.application_id is not None:
        return case.subquery()  # administrators' changes are about no application
    return union_all(case, admin).subquery()


def _keys(filters: Criteria, offset: int, limit: int) -> list[tuple[str, int]]:
    both = _union(filters)
    rows = db.session.execute(db.select(both.c.kind, both.c.id)
                              .order_by(both.c.at.desc(), both.c.id.desc()).offset(offset).limit(limit))
    return [(kind, id_) for kind, id_ in rows]


def page(filters: Filters) -> tuple[list[Row], bool]:
    keys = _keys(filters.criteria(), (filters.page - 1) * PER_PAGE, PER_PAGE + 1)
    return _rows(keys[:PER_PAGE]), len(keys) > PER_PAGE


def _mask_name(name: str | None) -> str:
    name = (name or "").strip()
    return name[:1] + "*" * max(1, len(name) - 1) if name else ""


def _field_label(key: str) -> str:
    """A revealed detail named in words; the member part (m2) stays as the case page numbers it."""
    member, _dot, name = key.rpartition(".")
    words = {"id_number": _("ID number"), "phone": _("Mobile number"), "health": _("health"),
             "exclusions": _("exclusions"), "account_number": _("Account number"),
             "mandate_evidence": _("Signed mandate (委托书)"), "description": _("What happened")}
    label = words.get(name, name)
    return f"{member}: {label}" if member and not member.startswith(("cost", "emergency")) else label


def _case_rows(ids: list[int]) -> dict[int, Row]:
    if not ids:
        return {}
    found = db.session.execute(
        db.select(Event, Application.reference, Application.applicant_name, AssistanceRequest.type)
        .join(Application, Application.id == Event.application_id)
        .outerjoin(AssistanceRequest, AssistanceRequest.id == Event.request_id)
        .where(Event.id.in_(ids))).all()
    names = _accounts({e.actor_account_id for e, *_ in found})
    out = {}
    for event, reference, applicant, request_type in found:
        actor = names.get(event.actor_account_id)
        details = []
        if event.action in (REVEAL_ACTION, EVIDENCE_ACTION):
            shown = [_field_label(str(k)) for k in (event.data or {}).get("fields", [])]
            details.append(_("Personal data shown: %(fields)s", fields="; ".join(shown) or "-"))
        if event.on_behalf_of_account_id:
            details.append(_("On behalf of the applicant"))
        change = ""
        if event.from_state or event.to_state:
            change = f"{texts.state_label(event.from_state) if event.from_state else '-'} → " \
                     f"{texts.state_label(event.to_state) if event.to_state else '-'}"
        action = texts.action_label(event.action) if event.action != EVIDENCE_ACTION \
            else _("Signed mandate (委托书) viewed")
        out[event.id] = Row(event.at, "case", _who(actor), labels.role_label(event.actor_role), action,
                            reference or "", _mask_name(applicant),
                            texts.type_label(request_type) if request_type else "", change, details)
    return out


def _accounts(ids: set) -> dict[int, Account]:
    ids = {i for i in ids if i}
    if not ids:
        return {}
    return {a.id: a for a in db.session.scalars(db.select(Account).where(Account.id.in_(ids)))}


def _who(account: Account | None) -> str:
    return f"{account.display_name} ({account.username})" if account is not None else ""


def _admin_rows(ids: list[int]) -> dict[int, Row]:
    if not ids:
        return {}
    found = list(db.session.scalars(db.select(AdminEvent).where(AdminEvent.id.in_(ids))))
    targets = _accounts({e.target_account_id for e in found})
    out = {}
    for entry in found:
        data = entry.data or {}
        details = []
        target = targets.get(entry.target_account_id)
        if target is not None and entry.target_account_id != entry.actor_account_id:
            details.append(_("Account: %(who)s", who=_who(target)))
        if "role" in data:
            details.append(_("Role: %(role)s", role=labels.role_label(data["role"])))
        if entry.action == "staff_created" and (data.get("office") or data.get("district")):
            details.append(_("Office or district: %(place)s", place=_place(data)))
        if "before" in data:
            details.append(_("From %(before)s to %(after)s", before=_place(data["before"]) or "-",
                             after=_place(data.get("after") or {}) or "-"))
        if data.get("sessions_ended"):
            details.append(_("Sessions ended: %(count)d", count=data["sessions_ended"]))
        if entry.action == "audit_exported":
            shown = ", ".join(f"{k}={v}" for k, v in (data.get("filters") or {}).items()) or _("none")
            details.append(_("Filters: %(filters)s; rows: %(rows)d", filters=shown, rows=data.get("rows", 0)))
        if entry.action == "calendar_notice_loaded":
            details.append(_("Year %(year)s: %(source)s", year=data.get("year", ""), source=data.get("source", "")))
        if entry.action in ("calendar_notice_loaded", "calendar_recalculated"):
            details.append(_("Requests whose deadlines moved: %(count)d", count=data.get("moved", 0)))
        if entry.action.startswith("figure_"):
            details.append(_("Proposal No. %(id)s: %(key)s = %(value)s from %(day)s (%(region)s)", id=data.get("figure"),
                             key=data.get("key"), value=data.get("value"), day=data.get("effective_from"),
                             region=data.get("region")))
        if "subject" in data:
            details += _contact_details(data)
        role = labels.role_label(entry.actor_role) if entry.actor_role else _("Shell")
        out[entry.id] = Row(entry.at, "admin", actor_label(entry), role, labels.admin_action_label(entry.action),
                            details=details)
    return out


def _contact_details(data: dict) -> list[str]:
    """An office's or authority's contact change: whose, from when, and the values before and after
    (contact details of public bodies, never personal data)."""
    after, before = data.get("now") or {}, data.get("was") or {}
    shown = [_("%(name)s, in force from %(date)s", name=subject_name_of_key(str(data["subject"])),
               date=data.get("effective_from", ""))]
    for key, label in (("phone", _("Phone number")), ("address", _("Address")), ("hours", _("Opening hours"))):
        if after.get(key, "") != before.get(key, ""):
            shown.append(f"{label}: {before.get(key) or '-'} → {after.get(key) or '-'}")
    return shown


def _place(scope: dict) -> str:
    if scope.get("office"):
        return places.office_label(scope["office"])
    return places.district_label(scope.get("district")) if scope.get("district") else ""


def _rows(keys: list[tuple[str, int]]) -> list[Row]:
    case = _case_rows([i for kind, i in keys if kind == "case"])
    admin = _admin_rows([i for kind, i in keys if kind == "admin"])
    return [(case if kind == "case" else admin)[i] for kind, i in keys
            if i in (case if kind == "case" else admin)]


_CSV_HEADER = (_l("Time (Asia/Shanghai)"), _l("Kind"), _l("Staff member"), _l("Role"), _l("Action"),
               _l("Application"), _l("Applicant (masked)"), _l("Request"), _l("Change"), _l("Details"))


def _cell(value: str) -> str:
    # A spreadsheet runs a cell that starts with = + - @ as a formula: never from the trail.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def export(filters: Filters, until: datetime) -> Iterator[str]:
    """The CSV file, a chunk at a time (UTF-8 with a byte order mark, so spreadsheets read
    Chinese), in the language of the request, as the trail was at ``until`` (from
    ``record_export``: the rows it counted, not the export's own entry).

    The chunks are read in an application context of their own, opened and closed between two
    yields: the generator holds no context while the server sends a chunk, so a download the
    client abandons (or a response nobody reads, closed later by the garbage collector) cannot
    pop another request's context ("Popped wrong request context" with stream_with_context)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]  # the proxy's object
    locale = str(get_locale())
    header = "\ufeff" + _csv_line([str(h) for h in _CSV_HEADER])
    return _chunks(app, locale, filters.criteria(until=until), header)


def _csv_line(values: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(values)
    return buffer.getvalue()


def _chunks(app: Flask, locale: str, criteria: Criteria, header: str) -> Iterator[str]:
    yield header
    done = 0
    while done < EXPORT_LIMIT:
        with app.app_context(), force_locale(locale):
            keys = _keys(criteria, done, min(1000, EXPORT_LIMIT - done))
            text = "".join(_csv_line([_cell(v) for v in _csv_values(row)]) for row in _rows(keys))
        if not keys:
            return
        yield text
        done += len(keys)


def _csv_values(row: Row) -> tuple[str, ...]:
    return (row.at.astimezone(LOCAL).strftime("%Y-%m-%d %H:%M:%S"),
            _("Case") if row.kind == "case" else _("Administration"),
            row.actor, row.role, row.action, row.reference, row.applicant, row.request, row.change,
            " | ".join(row.details))


def count_for_export(filters: Filters, until: datetime | None = None) -> int:
    both = _union(filters.criteria(until))
    return min(EXPORT_LIMIT, db.session.scalar(db.select(db.func.count()).select_from(both)) or 0)


def record_export(actor: Account, filters: Filters) -> datetime:
    """Write the export to the trail (committed before the file is sent), with the number of
    rows the file will have; returns the moment the file is read as of."""
    until = utcnow()
    record(actor, "audit_exported", None, filters=filters.args(), rows=count_for_export(filters, until))
    db.session.commit()
    return until


def displayed_time(row: Row) -> str:
    return datetime_local(row.at)
