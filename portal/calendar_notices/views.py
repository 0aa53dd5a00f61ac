"""/admin/calendar: the working-day calendar in force, and loading a State Council notice.

Check first (what the notice would move, nothing stored), then load: the same two steps as
``flask calendar load --dry-run`` and ``flask calendar load``.
"""
from __future__ import annotations

from flask import Blueprint, render_template, request

from portal import calendar_notices as notices
from portal.accounts.auth import current_account, roles_required
from portal.calendar_notices.forms import NoticeForm
from portal.domain.statutory_holidays import statutory_holidays
from portal.domain.vocabulary import Role
from portal.policy_figures import current_policy

bp = Blueprint("calendar_admin", __name__)


def _page(form: NoticeForm, **context):
    calendar = notices.current_calendar()
    provisional_year = calendar.covered_years[-1] + 1
    return render_template("admin/calendar.html", form=form, calendar=calendar, loaded=notices.loaded_notices(),
                           provisional_year=provisional_year, statutory=statutory_holidays(provisional_year),
                           **context)


@bp.get("/admin/calendar")
@roles_required(Role.ADMIN)
def calendar_page():
    return _page(NoticeForm())


@bp.post("/admin/calendar")
@roles_required(Role.ADMIN)
def calendar_post():
    form = NoticeForm()
    if not form.validate_on_submit():  # the CSRF token (the fields themselves are checked below)
        return _page(form), 400
    year = form.parsed()
    if year is None:
        return _page(form), 400
    if request.form.get("step") != "load":
        return _page(form, preview=year, moves=notices.preview(year, current_policy()))
    result = notices.load(year, current_account(), current_policy())
    return _page(NoticeForm(formdata=None), result=result, loaded_year=year)
