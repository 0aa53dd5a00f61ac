"""The office records a resident's change report (portal.status.changes) as handled, with a note
the resident reads in their timeline. Routes of the office blueprint."""
from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import ValidationError

from portal.accounts.auth import current_account, roles_required
from portal.domain import changes as rules
from portal.domain.vocabulary import Role
from portal.office.views import bp, request_in_scope
from portal.status import changes
from portal.clock import today
from portal.status.reviews import status_of

bp.add_app_template_global(changes.pending, "pending_changes")


def review_of(request):
    """(state, answer-by day) of the request's periodic review invitation, for the case page."""
    return status_of(request, today())


bp.add_app_template_global(review_of, "review_of")


class HandleForm(FlaskForm):
    note = TextAreaField(_l("What you did about the change"), description=_l(
        "The resident reads this on their application's page. For example: amount recalculated from next month."))

    def validate_note(self, field):
        problem = rules.check_note(field.data, required=True)
        if problem == "required":
            raise ValidationError(_l("Say what you did about the change"))
        if problem == "too_long":
            raise ValidationError(_l("Write no more than 1000 characters"))


def report_rows(event) -> list:
    """(question, before, after, changed) of a report, shown in the staff member's language."""
    data = event.data or {}
    application = event.request.application
    ctx = changes.page_ctx(application, data.get("ref"), today(), 0)
    try:
        return changes.rows(str(data.get("step")), ctx, data.get("before") or {}, data.get("after") or {})
    except (KeyError, TypeError, ValueError):
        return []


def due_of(event) -> date | None:
    try:
        return date.fromisoformat(str((event.data or {}).get("due")))
    except ValueError:
        return None


bp.add_app_template_global(report_rows, "change_rows")
bp.add_app_template_global(due_of, "change_due")


@bp.route("/office/requests/<int:request_id>/change", methods=["GET", "POST"])
@roles_required(Role.CASEWORKER)
def handle_change(request_id: int):
    found = request_in_scope(request_id)
    back = url_for("office.case", reference=found.application.reference, _anchor=f"request-{found.id}")
    waiting = changes.pending(found)
    if not waiting:
        return redirect(back)
    form = HandleForm()
    if form.validate_on_submit():
        try:
            changes.handle(found, form.note.data, current_account())
        except ValueError:  # handled meanwhile by a colleague
            return redirect(back)
        flash(_("Done: %(action)s.", action=_("Record the change as handled")))
        return redirect(back)
    return render_template("office/change.html", form=form, assistance_request=found,
                           application=found.application, reports=waiting)
