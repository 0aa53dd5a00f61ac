"""The office records a resident's change report (portal.status.changes) as handled, with a note
the resident reads in their timeline. Routes of the office blueprint."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import ValidationError

from portal.accounts.auth import roles_required
from portal.clock import today
from portal.domain import changes as rules
from portal.domain.vocabulary import Role
from portal.office.replies import reply_page
from portal.office.views import bp
from portal.status import changes
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
    return reply_page(request_id, pending=changes.pending, form_class=HandleForm, text_field="note",
                      save=changes.handle, done=_("Record the change as handled"), template="office/change.html",
                      shown_as="reports")
