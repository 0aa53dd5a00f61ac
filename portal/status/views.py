"""Where an application stands: the resident's pages, messages, and the look-up without an account."""
from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.accounts.auth import current_account, roles_required
from portal.clock import today
from portal.domain.vocabulary import Role
from portal.extensions import csrf
from portal.models import Application, AssistanceRequest
from portal.ratelimit import client_key, limit_uploads
from portal.status import lookup as lookups
from portal.status import materials, messages, openapi, texts
from portal.status.api import status_document
from portal.status.changes import may_report
from portal.status.forms import LookupForm, materials_form
from portal.status.missing import missing_items
from portal.status.reviews import waiting
from portal.status.timeline import application_view, applications_of, find_own
from portal.status.withdraw import withdrawable

bp = Blueprint("status", __name__)

openapi.register()

_UPLOAD_MESSAGES = {
    "empty": _l("The file is empty. Choose the photo or PDF again."),
    "too_large": _l("The file is larger than 10 MB. Take the photo again at a lower size, or scan fewer pages."),
    "wrong_type": _l("Upload a photo (JPG or PNG) or a PDF."),
    "heic_unsupported": _l("This phone photo format (HEIC) cannot be read. Set the camera to JPG, or send a screenshot."),
    "unreadable": _l("The file could not be read. Take the photo again or choose another file."),
    "encrypted": _l("This PDF needs a password to open, so it cannot be checked. Save it again without the password (or print it to a new PDF) and upload that copy"),
}


def own_application(reference: str) -> Application:
    """The signed-in resident's own sent application with this reference; 404 for any other."""
    found = find_own(current_account().id, reference)
    if found is None:
        abort(404)
    return found


def own_request(reference: str, request_id: int) -> tuple[Application, AssistanceRequest]:
    """One request of the signed-in resident's own sent application; 404 for any other."""
    found = own_application(reference)
    assistance_request = materials.find_request(found, request_id)
    if assistance_request is None:
        abort(404)
    return found, assistance_request


@bp.get("/my/applications")
@roles_required(Role.RESIDENT)
def applications():
    account = current_account()
    return render_template("status/applications.html", applications=applications_of(account.id),
                           unread=messages.unread_count(account.id))


@bp.get("/my/applications/<reference>")
@roles_required(Role.RESIDENT)
def application(reference: str):
    account = current_account()
    found = own_application(reference)

    return render_template("status/application.html", view=application_view(found),
                           unread=messages.unread_count(account.id), may_withdraw=bool(withdrawable(found)),
                           may_change=may_report(found),
                           review_by=[by for _r, by in waiting(found, today())])


@bp.route("/my/applications/<reference>/requests/<int:request_id>/materials", methods=["GET", "POST"])
@roles_required(Role.RESIDENT)
@limit_uploads()
def supply_materials(reference: str, request_id: int):
    account = current_account()
    found, assistance_request = own_request(reference, request_id)
    if assistance_request.status != "NEEDS_MATERIALS":
        return redirect(url_for("status.application", reference=found.reference))
    items = missing_items(assistance_request)
    if not items:
        return redirect(url_for("status.application", reference=found.reference))
    form = materials_form(items)
    if form.validate_on_submit():
        files = {form.item_keys[name]: request.files.get(name) for name in form.item_keys}
        if not any(f is not None and f.filename for f in files.values()):
            form[next(iter(form.item_keys))].errors.append(_("Choose a file for at least one of the documents"))
        else:
            outcome = materials.supply(found, assistance_request, files, account)
            if outcome.sent:
                flash(_("Thank you. Your documents have been sent to the office."))
                return redirect(url_for("status.application", reference=found.reference))
            if not outcome.errors:
                flash(_("Saved. Upload the remaining documents to send them to the office."))
                return redirect(url_for("status.supply_materials", reference=found.reference, request_id=request_id))
            for name, key in form.item_keys.items():
                if key in outcome.errors:
                    form[name].errors = [str(_UPLOAD_MESSAGES.get(outcome.errors[key], _UPLOAD_MESSAGES["unreadable"]))]
            items = missing_items(assistance_request)
    return render_template("status/materials.html", form=form, items=items, application=found,
                           request_view=assistance_request)


@bp.get("/my/messages")
@roles_required(Role.RESIDENT)
def inbox():
    account = current_account()
    return render_template("status/messages.html", messages=messages.inbox(account.id),
                           unread=messages.unread_count(account.id))


@bp.post("/my/messages/read")
@roles_required(Role.RESIDENT)
def mark_read():
    raw = request.form.get("message_id", "")
    message_id = int(raw) if raw.isdigit() and len(raw) < 12 else None
    if raw and message_id is None:
        abort(400)
    messages.mark_read(current_account().id, message_id)
    return redirect(url_for("status.inbox"))


@bp.route("/status", methods=["GET", "POST"])
def lookup():
    form = LookupForm()
    if request.method == "GET" and request.args.get("reference"):
        form.reference.data = request.args.get("reference", "")[:40]
    if form.validate_on_submit():
        outcome = lookups.lookup(form.normalised_reference, form.normalised_verifier, client_key())
        if outcome.limited:
            minutes = max(1, (outcome.retry_after + 59) // 60)
            return render_template("status/wait.html", minutes=minutes), 429, {"Retry-After": str(outcome.retry_after)}
        if outcome.found:
            return render_template("status/public.html", view=outcome.view)
        form.reference.errors.append(_("We could not find an application with this reference number and these "
                                       "6 characters. Check both and try again."))
    return render_template("status/lookup.html", form=form)


@bp.get("/api/v1/applications/<reference>/status")
@csrf.exempt
def api_status(reference: str):
    body, code, headers = status_document(reference, request.headers.get("X-Verifier"), client_key())
    response = jsonify(body)
    response.headers.update(headers)
    return response, code


@bp.app_template_global()
def has_endpoint(name: str) -> bool:
    """Whether another capability's page exists yet (links to it appear once it does)."""
    return name in current_app.view_functions


bp.add_app_template_global(texts.type_label, "type_label")
bp.add_app_template_global(texts.state_label, "state_label")
bp.add_app_template_global(texts.action_label, "action_label")
bp.add_app_template_global(texts.action_title, "action_title")

