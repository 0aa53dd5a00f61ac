"""Assigning a case: a caseworker takes a case, gives it or moves it with a reason."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice

from portal.accounts.auth import current_account, roles_required
from portal.domain.vocabulary import Role
from portal.office import assignment
from portal.office.views import _handled_application, bp


class AssignForm(FlaskForm):
    assignee = SelectField(_l("Caseworker"), validate_choice=False)
    reason = TextAreaField(_l("Reason for the change"))
    version = HiddenField()


def _form(application, formdata=None) -> AssignForm:
    form = AssignForm(formdata=formdata) if formdata is not None else AssignForm()
    team = assignment.colleagues(current_account().office_code)
    form.assignee.choices = [SelectChoice("", _("Choose a caseworker"))] + [SelectChoice(str(a.id), a.display_name)
                                                                            for a in team]
    if formdata is None:
        form.version.data = str(application.version)
        form.assignee.data = str(application.assigned_to_id or "")
    return form


@bp.route("/office/cases/<reference>/assign", methods=["GET", "POST"])
@roles_required(Role.CASEWORKER)
def assign_case(reference: str):
    account = current_account()
    application = _handled_application(reference)
    stale = False
    if request.method == "POST":
        form = _form(application, request.form)
        if form.validate_on_submit():
            outcome = assignment.assign(account, application, form.assignee.data, form.reason.data or "",
                                        form.version.data)
            if outcome.done:
                holder = assignment.assignee(application)
                flash(_("Case %(reference)s assigned to %(name)s.", reference=application.reference,
                        name=holder.display_name if holder else ""))
                return redirect(url_for("office.case", reference=application.reference, _anchor="assignment"), 303)
            stale = outcome.stale
            for name, code in outcome.problems.items():
                form[name].errors = list(form[name].errors or []) + [str(assignment.MESSAGES[code])]
            if stale:
                form.version.data = str(application.version)
    else:
        form = _form(application)
    return render_template("office/assign.html", application=application, form=form, stale=stale,
                           holder=assignment.assignee(application),
                           stale_message=assignment.MESSAGES["stale"]), 409 if stale else 200


bp.add_app_template_global(assignment.assignee, "case_assignee")
bp.add_app_template_global(assignment.changes, "assignment_changes")
