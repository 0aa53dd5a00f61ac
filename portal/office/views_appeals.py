"""The office answers a resident's objection ("我有异议", portal.status.appeals) with a reply that
the resident reads in their timeline. Routes of the office blueprint."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import ValidationError

from portal.accounts.auth import current_account, roles_required
from portal.domain import appeals as rules
from portal.domain.vocabulary import Role
from portal.office.views import bp, request_in_scope
from portal.status import appeals

bp.add_app_template_global(appeals.pending, "pending_objection")


class AnswerForm(FlaskForm):
    reply = TextAreaField(_l("Your answer to the resident"), description=_l(
        "The resident reads this on their application's page. Say what you looked at again and what follows."))

    def validate_reply(self, field):
        problem = rules.check_reason(field.data)
        if problem == "required":
            raise ValidationError(_l("Write your answer"))
        if problem == "too_long":
            raise ValidationError(_l("Write no more than 1000 characters"))


@bp.route("/office/requests/<int:request_id>/objection", methods=["GET", "POST"])
@roles_required(Role.CASEWORKER)
def answer_objection(request_id: int):
    found = request_in_scope(request_id)
    back = url_for("office.case", reference=found.application.reference, _anchor=f"request-{found.id}")
    objection = appeals.pending(found)
    if objection is None:
        return redirect(back)
    form = AnswerForm()
    if form.validate_on_submit():
        try:
            appeals.answer(found, form.reply.data, current_account())
        except ValueError:  # answered meanwhile by a colleague
            return redirect(back)
        flash(_("Done: %(action)s.", action=_("Answer the objection")))
        return redirect(back)
    return render_template("office/objection.html", form=form, assistance_request=found,
                           application=found.application, objection=objection)
