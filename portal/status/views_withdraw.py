"""Withdrawing a request or the whole application (portal.status.withdraw): choose and say why,
confirm, then a confirmation page with the withdrawal notices. Routes of the status blueprint."""
from __future__ import annotations

from flask import redirect, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from portal.accounts.auth import current_account, roles_required
from portal.domain.vocabulary import Role
from portal.domain.workflow import TransitionError
from portal.receipts.service import notices_of
from portal.status import texts
from portal.status import withdraw as service
from portal.status.acting import Acting
from portal.status.views import bp, own_application

ALL = "all"


class WithdrawForm(FlaskForm):
    what = RadioField(_l("What do you want to withdraw?"), validate_choice=False)
    reason = TextAreaField(_l("Why do you want to withdraw it?"), description=_l(
        "The office reads this. For example: our income has gone up, or we get help from elsewhere now."))

    def validate_what(self, field):
        if field.data not in {choice.value for choice in self.what.choices}:
            raise ValidationError(_l("Choose what you want to withdraw"))

    def validate_reason(self, field):
        text = (field.data or "").strip()
        if not text:
            raise ValidationError(_l("Say why you want to withdraw it"))
        if len(text) > service.REASON_MAX:
            raise ValidationError(_l("Write the reason in no more than 500 characters"))


def _form(open_requests) -> WithdrawForm:
    form = WithdrawForm()
    choices = [(str(r.id), texts.type_label(r.type)) for r in open_requests]
    if len(open_requests) > 1:
        choices.insert(0, (ALL, _("The whole application: every request listed below")))
    form.what.choices = [SelectChoice(value, label) for value, label in choices]
    if request.method == "GET":
        wanted = request.args.get("request", "")[:12]
        form.what.data = wanted if wanted in {v for v, _label in choices} else None
    return form


def _chosen(form: WithdrawForm, open_requests):
    return list(open_requests) if form.what.data == ALL else [r for r in open_requests if str(r.id) == form.what.data]


@bp.route("/my/applications/<reference>/withdraw", methods=["GET", "POST"])
@roles_required(Role.RESIDENT)
def withdraw(reference: str):
    return withdraw_page(Acting(own_application(reference), current_account()))


def withdraw_page(acting: Acting):
    """The withdrawal form and its confirmation, for the resident or a helper under their mandate."""
    application = acting.application
    open_requests = service.withdrawable(application)
    if not open_requests:
        return redirect(acting.url("application"))
    form = _form(open_requests)
    if request.method == "POST" and form.validate():
        chosen = _chosen(form, open_requests)
        if request.form.get("confirm") == "yes":
            try:
                service.withdraw(application, chosen, form.reason.data.strip(), acting.account, acting.mandate)
            except TransitionError:  # decided meanwhile: say so on the form
                form.what.errors = [_("This can no longer be withdrawn: the office has decided on it. "
                                      "See your application's page.")]
            else:
                return redirect(acting.url("withdrawn"))
        elif request.form.get("confirm") != "change":
            return render_template("status/withdraw_confirm.html", form=form, application=application, chosen=chosen,
                                   acting=acting)
    return render_template("status/withdraw.html", form=form, application=application, open_requests=open_requests,
                           acting=acting)


@bp.get("/my/applications/<reference>/withdrawn")
@roles_required(Role.RESIDENT)
def withdrawn(reference: str):
    return withdrawn_page(Acting(own_application(reference), current_account()))


def withdrawn_page(acting: Acting):
    application = acting.application
    letters = {d.event_id: d.id for d in notices_of(application) if d.event_id}
    return render_template("status/withdrawn.html", application=application, rows=service.withdrawn(application),
                           letters=letters, still_open=service.withdrawable(application), acting=acting)
