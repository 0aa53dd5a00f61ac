"""The office window (窗口受理): a caseworker starts a walk-in resident's application. A route of the
assist blueprint (see views.py); the journey that follows is the resident's own (portal.apply)."""
from __future__ import annotations

from flask import abort, redirect, render_template

from portal.accounts.auth import current_account, roles_required
from portal.apply.journey.navigation import continue_url
from portal.assist import consent, mandates, window
from portal.assist.forms import WindowForm
from portal.assist.views import bp
from portal.clock import today
from portal.domain.vocabulary import Role
from portal.extensions import db


@bp.route("/office/window", methods=["GET", "POST"])
@roles_required(Role.CASEWORKER)
def window_page():
    form = WindowForm()
    if form.validate_on_submit():
        try:
            mandate, application = window.begin(current_account(), form.name.data, form.normalised_id,
                                                form.witness.data)
        except consent.NotAResident:
            db.session.rollback()
            abort(403)
        mandates.start_acting(mandate)
        return redirect(continue_url(application.id, application.answers or {}, today()))
    return render_template("assist/window.html", form=form)
