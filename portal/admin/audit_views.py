"""The audit view: filtered by staff member, application and date, paged, and a CSV export."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from wtforms import DateField, Form, StringField

from portal.accounts.auth import current_account, roles_required
from portal.accounts.forms import _without_control_characters
from portal.admin import audit, staff
from portal.admin.views import _labels
from portal.clock import today
from portal.domain.vocabulary import Role
from portal.office.case import find_application

bp = Blueprint("audit", __name__, url_prefix="/admin")
bp.context_processor(_labels)


def _strip(value):
    value = _without_control_characters(value)
    return value.strip() if isinstance(value, str) else value


class AuditFilterForm(Form):
    staff = StringField(_l("Staff member"), filters=[_strip], description=_l("Their username, such as chen.yuehai"))
    reference = StringField(_l("Application reference"), filters=[_strip])
    date_from = DateField(_l("From (date)"), format="%Y-%m-%d")
    date_to = DateField(_l("To (date)"), format="%Y-%m-%d")


def _filters(args) -> tuple[AuditFilterForm, audit.Filters | None]:
    """The form from the address, and the filters, or None when a value is wrong (its message
    is on the field; the form keeps what was typed)."""
    data = {"staff": args.get("staff", ""), "reference": args.get("reference", ""),
            "date_from": args.get("from", ""), "date_to": args.get("to", "")}
    form = AuditFilterForm(data=data)
    form.date_from.name, form.date_to.name = "from", "to"
    found = audit.Filters()
    ok = True
    if form.staff.data:
        found.staff = staff.find_by_username(form.staff.data)
        if found.staff is None or found.staff.role == Role.RESIDENT:
            form.staff.errors = [str(_l("No staff member has that username"))]
            ok = False
    if form.reference.data:
        found.application = find_application(form.reference.data)
        if found.application is None:
            form.reference.errors = [str(_l("No submitted application has that reference"))]
            ok = False
    for field, key in ((form.date_from, "date_from"), (form.date_to, "date_to")):
        raw = data[key]
        field.raw_data = [raw] if raw else []
        if not raw:
            field.data = None
            continue
        try:
            value = date.fromisoformat(raw)
        except ValueError:
            field.errors = [str(_l("Enter a date like 2026-12-05"))]
            ok = False
            continue
        field.data = value
        setattr(found, key, value)
    if ok and found.date_from and found.date_to and found.date_to < found.date_from:
        form.date_to.errors = [str(_l("The end date is before the start date"))]
        ok = False
    page = args.get("page", "1")
    found.page = int(page) if page.isdigit() and len(page) < 6 and int(page) > 0 else 1
    return form, (found if ok else None)


@bp.get("/audit")
@roles_required(Role.ADMIN)
def audit_page():
    form, filters = _filters(request.args)
    rows, more = audit.page(filters) if filters is not None else ([], False)
    return render_template("admin/audit.html", form=form, filters=filters, rows=rows, more=more)


@bp.get("/audit.csv")
@roles_required(Role.ADMIN)
def audit_csv():
    form, filters = _filters(request.args)
    if filters is None:
        return redirect(url_for("audit.audit_page", **request.args.to_dict()))
    # The export is itself written to the trail, before the file is sent.
    until = audit.record_export(current_account(), filters)
    name = f"audit-{today().isoformat()}.csv"
    return Response(audit.export(filters, until), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
