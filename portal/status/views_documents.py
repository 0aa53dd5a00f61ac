"""Sending the documents still needed after submission (portal.status.supply): the page the
status page and the reminder text message lead to. Routes of the status blueprint."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.accounts.auth import current_account, roles_required
from portal.apply.documents.outstanding import of_submitted, sentence
from portal.domain.vocabulary import Role
from portal.ratelimit import limit_uploads
from portal.status import supply
from portal.status.forms import documents_form
from portal.status.views import _UPLOAD_MESSAGES, bp, own_application


@bp.route("/my/applications/<reference>/documents", methods=["GET", "POST"])
@roles_required(Role.RESIDENT)
@limit_uploads()
def send_documents(reference: str):
    account = current_account()
    application = own_application(reference)
    slots = supply.outstanding_slots(application)
    if not slots:
        return redirect(url_for("status.application", reference=application.reference))
    form = documents_form(slots)
    if form.validate_on_submit():
        chosen = [(slot.item, request.files.get(name)) for name, slot in form.slots.items()
                  if request.files.get(name) is not None and request.files.get(name).filename]
        if not chosen:
            form[next(iter(form.slots))].errors.append(_("Choose a file for at least one of the documents"))
        else:
            refused = supply.send(application, chosen, account)
            if not refused:
                flash(_("Thank you. The office can see your documents now."))
                return redirect(url_for("status.application", reference=application.reference))
            for name, slot in form.slots.items():
                if slot.key in refused:
                    form[name].errors = [str(_UPLOAD_MESSAGES.get(refused[slot.key], _UPLOAD_MESSAGES["unreadable"]))]
    return render_template("status/documents.html", form=form, application=application,
                           still_needed=sentence(of_submitted(application)))
