"""The district view: figures for district reviewers and administrators, and their CSV."""
from __future__ import annotations

import csv
import io

from flask import Response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import Form, SelectField, StringField

from portal.accounts.auth import current_account, roles_required
from portal.filters import place_name
from portal.office import district as figures_of
from portal.office.views import bp
from portal.status import texts

DISTRICT_ROLES = ("reviewer", "admin")

MESSAGES = {
    "month_format": _l("Enter a year and month such as 2026-01"),
    "month_order": _l("The last month must be the same as or after the first month"),
    "month_span": _l("Choose a period of at most 60 months"),
    "month_future": _l("The last month cannot be after this month"),
    "district_unknown": _l("Choose a district from the list"),
}


class PeriodForm(Form):
    """Sent with GET: the figures' address can be bookmarked and carries no secret."""

    district = SelectField(_l("District"), validate_choice=False)
    start = StringField(_l("From (month)"), description=_l("Year and month, such as 2026-01"))
    end = StringField(_l("To (month)"), description=_l("Year and month, such as 2026-12"))


def _form(choice: figures_of.Choice, args, admin: bool) -> PeriodForm:
    form = PeriodForm()
    if admin:
        form.district.choices = [("", _("All districts"))] + [
            (code, place_name(d)) for code, d in figures_of.district_codes().items()]
        form.district.data = args.get("district") or ""
    # What was typed stays in the box, next to its message.
    typed_start, typed_end = args.get("start"), args.get("end")
    form.start.data = typed_start if typed_start is not None else choice.period.first
    form.end.data = typed_end if typed_end is not None else choice.period.last
    fields = {"start": form.start, "end": form.end, "district": form.district}
    for name, key in choice.errors.items():
        fields[name].errors = [str(MESSAGES[key])]
    return form


def _choice():
    account = current_account()
    return account, figures_of.choose(account, request.args)


@bp.get("/office/district")
@roles_required(*DISTRICT_ROLES)
def district_page():
    account, choice = _choice()
    result = figures_of.figures(choice)
    form = _form(choice, request.args, account.role == "admin")
    return render_template("office/district.html", figures=result, form=form, admin=account.role == "admin",
                           district=figures_of.district_codes().get(choice.district) if choice.district else None,
                           csv_args={k: v for k, v in (("district", choice.district if account.role == "admin" else None),
                                                      ("start", choice.period.first), ("end", choice.period.last)) if v})


@bp.get("/office/district.csv")
@roles_required(*DISTRICT_ROLES)
def district_csv():
    _account, choice = _choice()
    result = figures_of.figures(choice)
    name = f"district-{choice.district or 'all'}-{choice.period.first}-{choice.period.last}.csv"
    return Response(export(result), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def export(result: figures_of.Figures) -> str:
    """The page's figures, one per line (UTF-8 with a byte order mark, so spreadsheets read Chinese)."""
    buffer = io.StringIO()
    out = csv.writer(buffer)
    out.writerow([_("Measure"), _("Kind of assistance"), _("Stage or month"), _("Value")])
    stages = {"open": _("Open"), "support": _("Receiving support"), "closed": _("Closed")}
    for row in result.types:
        label = texts.type_label(row.type)
        for stage, n in row.stages.items():
            out.writerow([_("Requests now"), label, stages[stage], n])
        out.writerow([_("Overdue now"), label, "", row.overdue])
        out.writerow([_("Decisions in the period"), label, "", row.decisions])
        out.writerow([_("Median working days from submission to decision"), label, "",
                      _number(row.median_days)])
    out.writerow([_("Median working days from submission to decision"), _("All kinds"), "",
                  _number(result.median_days)])
    for month in result.months:
        out.writerow([_("Applications received"), "", month.month, month.applications])
        out.writerow([_("Decisions taken"), "", month.month, month.decisions])
    return "\ufeff" + buffer.getvalue()


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


@bp.app_template_filter("district_number")
def district_number(value: float) -> str:
    return _number(value)


@bp.app_template_filter("district_bar")
def district_bar(row: figures_of.TypeRow, colours: dict) -> tuple:
    """A row of the chart by kind: its stages stacked, the total written after."""
    return texts.type_label(row.type), [(row.stages[s], colours[s]) for s in figures_of.STAGES], str(row.total)


@bp.app_template_filter("district_median_bar")
def district_median_bar(row: figures_of.TypeRow, colour: str) -> tuple:
    return texts.type_label(row.type), [(row.median_days or 0, colour)], _number(row.median_days)
