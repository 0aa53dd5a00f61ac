"""The office's written reply to what a resident sent on a request (a change report, an objection):
one page shape for both. The resident reads the reply in their timeline."""
from __future__ import annotations

from typing import Any, Callable

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from portal.accounts.auth import current_account
from portal.models import Account, AssistanceRequest
from portal.office.views import request_in_scope


def reply_page(request_id: int, *, pending: Callable[[AssistanceRequest], Any], form_class: type[FlaskForm],
               text_field: str, save: Callable[[AssistanceRequest, str, Account], object], done: str,
               template: str, shown_as: str):
    """The reply form of the request's waiting item(s) (``pending``; none waiting: back to the case).

    ``save`` records the reply (raising ValueError when a colleague answered meanwhile), then the
    case page says ``done``; ``template`` shows the waiting item(s) under the name ``shown_as``.
    """
    found = request_in_scope(request_id)
    back = url_for("office.case", reference=found.application.reference, _anchor=f"request-{found.id}")
    waiting = pending(found)
    if not waiting:
        return redirect(back)
    form = form_class()
    if form.validate_on_submit():
        try:
            save(found, form[text_field].data, current_account())
        except ValueError:  # answered meanwhile by a colleague
            return redirect(back)
        flash(_("Done: %(action)s.", action=done))
        return redirect(back)
    return render_template(template, form=form, assistance_request=found, application=found.application,
                           **{shown_as: waiting})
