"""One action for several requests of a household: the form, the conflict page."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import CombinedMultiDict

from portal.accounts.auth import current_account, roles_required
from portal.extensions import db
from portal.office import household, queue
from portal.office.case import staff_events
from portal.office.landing import after_action
from portal.office.messages import field_message, general_message
from portal.office.queue import _actionable
from portal.office.scope import STAFF_ROLES, in_scope
from portal.office.views import _handled_application, bp
from portal.status import texts

_CHOOSE = _l("Choose at least one request")


def _attach(form, outcome: household.GroupOutcome, today) -> str | None:
    for name, code in outcome.problems.items():
        message = str(_CHOOSE) if code == "choose_requests" else field_message(code, name, today)
        form[name].errors = list(form[name].errors or []) + [message]
    return general_message(outcome.general) if outcome.general else None


def _landing(account, application, action: str, done, today):
    """Back to the household's actions while some remain, else to the first request that still
    waits for the person, else the landing of a single action (the next case in the queue)."""
    separator = "、" if str(get_locale() or "").startswith("zh") else ", "
    types = separator.join(texts.type_label(r.type) for r in done)
    message = _("Done: %(action)s (%(types)s).", action=texts.action_title(action), types=types)
    if household.offered(account, application, today):
        return url_for("office.case", reference=application.reference, _anchor="household"), message, "household"
    for other in sorted(application.requests, key=lambda r: r.id):
        if in_scope(account, other) and _actionable(account, other, today):
            return (url_for("office.case", reference=application.reference, _anchor=f"request-{other.id}"),
                    message, f"request-{other.id}")

    landing = after_action(account, done[0], action, today)
    return landing.url, landing.message, landing.category


@bp.route("/office/cases/<reference>/household/<action>", methods=["GET", "POST"])
@roles_required(*STAFF_ROLES)
def household_action(reference: str, action: str):
    account = current_account()
    application = _handled_application(reference)
    if not household.is_groupable(action):
        abort(404)
    today = queue.today()
    group = household.setup_for(account, application, action, today)
    if group is None and not household.role_may(account, application, action):
        abort(403)
    if request.method == "POST":
        if group is None:
            return _conflict(account, application, action, None)
        # Files too: a home visit's photos come with its record (portal/office/records.py).
        form = household.form_for(group, formdata=CombinedMultiDict((request.files, request.form)))
        general = None
        if form.validate_on_submit():
            outcome = household.carry_out(account, group, form, today, request.form)
            if outcome.done:
                url, message, category = _landing(account, application, action, outcome.done, today)
                flash(message, category)
                return redirect(url)
            if outcome.stale:
                return _conflict(account, application, action, household.typed_values(group, form))
            general = _attach(form, outcome, today)
        return render_template("office/household_action.html", setup=group, form=form, general=general,
                               application=application)
    if group is None:
        return render_template("office/household_unavailable.html", application=application, action=action), 409
    return render_template("office/household_action.html", setup=group, form=household.form_for(group),
                           general=None, application=application)


def _conflict(account, application, action: str, typed: dict | None):
    """Someone else acted on one of the requests first: nothing was saved; show what changed and
    offer the form again, with what was typed, for the requests that can still take the action."""
    db.session.rollback()
    db.session.expire_all()
    group = household.setup_for(account, application, action, queue.today())
    changes = staff_events(household.changes_since(account, application, request.form), {})
    for change in changes:  # several requests' events in one list: say whose each is
        if change.event.request is not None:
            change.label = _("%(label)s: %(value)s", label=texts.type_label(change.event.request.type),
                             value=change.label)
    form = None
    if group is not None:
        kept = dict(typed or {})
        offered_ids = {str(r.id) for r in group.requests}
        if not offered_ids & set(kept.get("requests") or []):
            kept.pop("requests", None)  # none of the ticked requests can take it now: offer all that can
        form = household.form_for(group, typed=kept)
    return render_template("office/household_conflict.html", application=application, setup=group, form=form,
                           changes=changes, action=action), 409


@bp.app_template_global()
def household_actions(application):
    """(action, requests) the signed-in person can take for several requests of ``application`` now."""
    return household.offered(current_account(), application, queue.today())
