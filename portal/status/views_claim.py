"""Claiming an application filed for you, once you have a mobile (portal.status.claim).
Routes of the status blueprint (see views.py)."""
from __future__ import annotations

from flask import flash, redirect, render_template, session, url_for
from flask_babel import gettext as _

from portal.accounts.auth import start_session
from portal.domain.ids import mask_phone
from portal.extensions import db
from portal.i18n import current_locale
from portal.ratelimit import client_key
from portal.status import claim
from portal.status.forms import ClaimCodeForm, ClaimForm
from portal.status.views import bp

_KEY = "claim"
PROBLEMS = {
    "not_found": lambda: _("We could not find an application with this reference number and these 6 characters. "
                           "Check both and try again."),
    "has_phone": lambda: _("This application already belongs to an account with a mobile number. Sign in with "
                           "that number instead."),
    "phone_taken": lambda: _("This mobile number already has an account. Enter another number, or ask the street "
                             "office to join the application to that account."),
}


@bp.route("/claim", methods=["GET", "POST"])
def claim_page():
    form = ClaimForm()
    if form.validate_on_submit():
        found = claim.find(form.normalised_reference, form.normalised_verifier, form.normalised_phone, client_key())
        if found.retry_after:
            minutes = max(1, (found.retry_after + 59) // 60)
            return render_template("status/wait.html", minutes=minutes), 429, {"Retry-After": str(found.retry_after)}
        if found.problem:
            field = form.phone if found.problem == "phone_taken" else form.reference
            field.errors.append(PROBLEMS[found.problem]())
        else:
            sent = claim.send_code(form.normalised_phone, current_locale())
            if sent.token is None:
                minutes = max(1, (sent.wait_seconds + 59) // 60)
                return render_template("status/wait.html", minutes=minutes), 429
            # The cookie carries the masked number only: the code's own row knows the number it went to.
            session[_KEY] = {"application": found.application.id, "token": sent.token,
                             "phone": mask_phone(form.normalised_phone)}
            return redirect(url_for("status.claim_code"))
    return render_template("status/claim.html", form=form)


@bp.route("/claim/code", methods=["GET", "POST"])
def claim_code():
    pending = session.get(_KEY)
    if not isinstance(pending, dict) or not isinstance(pending.get("application"), int):
        return redirect(url_for("status.claim_page"))
    form = ClaimCodeForm()
    if form.validate_on_submit():
        check, applicant = claim.confirm(pending["application"], pending.get("token"), form.code.data)
        if applicant is not None:
            session.pop(_KEY, None)
            start_session(applicant)
            db.session.commit()
            flash(_("The application is now yours: sign in with this mobile number from now on."))
            return redirect(url_for("status.applications"))
        messages = {
            "wrong": _("That code is not right. Check the text message and try again. Tries left: %(left)d.",
                       left=check.attempts_left),
            "expired": _("That code has expired. Start again to get a new code."),
            "locked": _("Too many wrong codes. Start again to get a new code."),
            "unknown": _("That code can no longer be used. Start again to get a new code."),
        }
        form.code.errors.append(messages[check.outcome])
    return render_template("status/claim_code.html", form=form, masked_phone=pending.get("phone") or "")
