""""我有异议": the resident asks the office to look again at a refusal or a stop (portal.status.appeals).
A route of the status blueprint."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import ValidationError

from portal.accounts.auth import current_account, roles_required
from portal.clock import today
from portal.domain import appeals as rules
from portal.domain.vocabulary import Role
from portal.status import appeals
from portal.status.views import bp, own_request


class ObjectionForm(FlaskForm):
    reason = TextAreaField(_l("What do you disagree with, and why?"), description=_l(
        "The office reads this and answers you here. For example: our rent was not counted, or a member of the "
        "household has moved out."))

    def validate_reason(self, field):
        problem = rules.check_reason(field.data)
        if problem == "required":
            raise ValidationError(_l("Say what you disagree with"))
        if problem == "too_long":
            raise ValidationError(_l("Write no more than 1000 characters"))


@bp.route("/my/applications/<reference>/requests/<int:request_id>/objection", methods=["GET", "POST"])
@roles_required(Role.RESIDENT)
def objection(reference: str, request_id: int):
    account = current_account()
    found, assistance_request = own_request(reference, request_id)
    back = url_for("status.application", reference=found.reference, _anchor=f"request-{assistance_request.id}-title")
    if not appeals.may_object(assistance_request, today()):
        return redirect(back)
    form = ObjectionForm()
    if form.validate_on_submit():
        try:
            appeals.ask(assistance_request, form.reason.data, account, today())
        except ValueError:
            form.reason.errors = [_("This can no longer be sent: see your application's page.")]
        else:
            flash(_("Sent. The office will look again and answer you on this page."))
            return redirect(back)
    return render_template("status/objection.html", form=form, application=found, assistance_request=assistance_request,
                           appeal=appeals.appeal_of(assistance_request))
