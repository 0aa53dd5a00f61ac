"""Community assistants: find a resident, record consent, act for them, caseload, handover.

Every route checks the mandate itself: a helper reaches a resident only through their own
granted, standing mandate (403 otherwise). Views are thin: read the request, call one
service, render or redirect.
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.accounts.auth import current_account, roles_required
from portal.apply.documents.uploads import UploadRejected
from portal.apply.journey.navigation import continue_url
from portal.assist import acting_links, consent, labels, mandates, scope, work
from portal.assist import caseload as caseloads
from portal.assist.forms import ConsentCodeForm, FindResidentForm, MandatePhotoForm
from portal.clock import today
from portal.domain.ids import mask_phone
from portal.extensions import db
from portal.i18n import current_locale
from portal.ratelimit import limit_uploads
from portal.status.messages import inbox

bp = Blueprint("assist", __name__)
labels.register(bp)

HELPERS = mandates.ACTING_ROLES

UPLOAD_MESSAGES = {
    "empty": lambda: _("Choose the photo of the signed mandate"),
    "too_large": lambda: _("The file is larger than 10 MB. Take the photo again at a lower resolution"),
    "wrong_type": lambda: _("The file must be a JPEG, PNG or PDF"),
    "heic_unsupported": lambda: _("This phone saved the photo as HEIC. Send it as a JPEG instead"),
    "unreadable": lambda: _("The file could not be read. Take the photo again"),
    "encrypted": lambda: _("This PDF needs a password to open, so it cannot be checked. Save it again without the password (or print it to a new PDF) and upload that copy"),
}


@bp.app_context_processor
def acting_banner():
    """Who the signed-in helper is filing for, on every page while they act (templates/assist/_banner.html)."""
    mandate = mandates.acting_mandate(current_account())
    if mandate is None:
        return {"assist_acting": None}
    on_declarations = request.endpoint == "apply.step" and (request.view_args or {}).get("step_key") == "declarations"
    return {"assist_acting": mandate, "assist_on_declarations": on_declarations,
            "assist_on_check": request.endpoint in ("apply.check", "apply.submit_application")}


def _pending(mandate_id: int):
    mandate = mandates.own_mandate(current_account(), mandate_id)
    if mandate is None:
        abort(403)
    return mandate


def _standing(mandate_id: int):
    mandate = mandates.own_mandate(current_account(), mandate_id)
    if mandate is None or not mandate.standing:
        abort(403)
    return mandate


@bp.get("/assist")
@roles_required(*HELPERS)
def caseload():
    return render_template("assist/caseload.html", caseload=caseloads.caseload(current_account()),
                           acting=mandates.acting_mandate(current_account()), messages=inbox(current_account().id, 20))


@bp.route("/assist/find", methods=["GET", "POST"])
@roles_required(*HELPERS)
def find():
    form = FindResidentForm()
    if form.validate_on_submit():
        if not form.normalised_phone and not form.normalised_id:
            form.phone.errors.append(_("Enter the resident's mobile number or ID number"))
        else:
            mandate = consent.begin(current_account(), form.name.data, form.normalised_phone, form.normalised_id,
                                    phone_holder=form.holder.data if form.phone_holder.data == "family" else None,
                                    allows=form.allowed)
            return redirect(url_for("assist.consent_page", mandate_id=mandate.id))
    return render_template("assist/find.html", form=form)


def _consent_page(mandate, photo_form=None, status: int = 200):
    return render_template("assist/consent.html", mandate=mandate, masked_phone=mask_phone(mandate.phone or ""),
                           allowed=scope.labels(mandate.allows), form=photo_form or MandatePhotoForm()), status


@bp.get("/assist/consent/<int:mandate_id>")
@roles_required(*HELPERS)
def consent_page(mandate_id: int):
    mandate = _pending(mandate_id)
    if mandate.granted_at is not None:
        return redirect(url_for("assist.resident", mandate_id=mandate.id))
    return _consent_page(mandate)


@bp.post("/assist/consent/<int:mandate_id>/send")
@roles_required(*HELPERS)
def send_code(mandate_id: int):
    mandate = _pending(mandate_id)
    if mandate.granted_at is not None or not mandate.phone:
        return redirect(url_for("assist.consent_page", mandate_id=mandate.id))
    wait = consent.send_code(mandate, current_locale())
    if wait:
        return render_template("assist/wait.html", mandate=mandate, minutes=max(1, (wait + 59) // 60)), 429
    return redirect(url_for("assist.enter_code", mandate_id=mandate.id))


@bp.route("/assist/consent/<int:mandate_id>/code", methods=["GET", "POST"])
@roles_required(*HELPERS)
def enter_code(mandate_id: int):
    mandate = _pending(mandate_id)
    if mandate.granted_at is not None:
        return redirect(url_for("assist.resident", mandate_id=mandate.id))
    if not mandate.code_token:
        return redirect(url_for("assist.consent_page", mandate_id=mandate.id))
    form = ConsentCodeForm()
    if form.validate_on_submit():
        try:
            check = consent.confirm_code(mandate, form.code.data)
        except consent.NotAResident:
            db.session.rollback()
            abort(403)
        if check.outcome == "ok":
            flash(_("Consent recorded. You can now file for %(name)s.", name=mandate.resident_name or ""))
            return redirect(url_for("assist.resident", mandate_id=mandate.id))
        messages = {
            "wrong": _("That code is not right. Ask the resident to read the text message again. Tries left: %(left)d.", left=check.attempts_left),
            "expired": _("That code has expired. Send a new code."),
            "locked": _("Too many wrong codes. Send a new code."),
            "unknown": _("That code can no longer be used. Send a new code."),
        }
        form.code.errors.append(messages[check.outcome])
    return render_template("assist/enter_code.html", form=form, mandate=mandate,
                           masked_phone=mask_phone(mandate.phone or ""))


@bp.post("/assist/consent/<int:mandate_id>/mandate")
@roles_required(*HELPERS)
@limit_uploads(back=lambda mandate_id: url_for("assist.consent_page", mandate_id=mandate_id))
def mandate_photo(mandate_id: int):
    mandate = _pending(mandate_id)
    if mandate.granted_at is not None:
        return redirect(url_for("assist.resident", mandate_id=mandate.id))
    form = MandatePhotoForm()
    if form.validate_on_submit():
        try:
            consent.confirm_photo(mandate, request.files.get("photo"))
        except UploadRejected as rejected:
            form.photo.errors.append(UPLOAD_MESSAGES[rejected.code]())
        except consent.NotAResident:
            db.session.rollback()
            abort(403)
        else:
            flash(_("Consent recorded. You can now file for %(name)s.", name=mandate.resident_name or ""))
            return redirect(url_for("assist.resident", mandate_id=mandate.id))
    return _consent_page(mandate, form, 400)


@bp.get("/assist/residents/<int:mandate_id>")
@roles_required(*HELPERS)
def resident(mandate_id: int):
    mandate = _standing(mandate_id)
    applications = work.applications_for(mandate)
    return render_template("assist/resident.html", mandate=mandate, resident=work.resident_of(mandate),
                           applications=applications, handed={a.id for a in applications if work.handed_over(a)},
                           after=acting_links.links(mandate, applications))


@bp.post("/assist/residents/<int:mandate_id>/act")
@roles_required(*HELPERS)
def act(mandate_id: int):
    mandate = _standing(mandate_id)
    application = work.start_draft(current_account(), mandate)
    mandates.start_acting(mandate)

    return redirect(continue_url(application.id, application.answers or {}, today()))


@bp.post("/assist/residents/<int:mandate_id>/applications/<int:application_id>/handover")
@roles_required(*HELPERS)
def handover(mandate_id: int, application_id: int):
    mandate = _standing(mandate_id)
    application = next((a for a in work.applications_for(mandate) if a.id == application_id), None)
    if application is None:
        abort(403)
    try:
        work.hand_over(current_account(), mandate, application)
    except work.HandoverRefused as refused:
        flash(_("This resident has no mobile number, so the draft cannot be sent to them. Finish it together with them.")
              if refused.code == "no_phone" else _("Only a draft that is not yet submitted can be handed over."))
    else:
        flash(_("The draft was sent to %(name)s. They will review, sign and submit it on their phone.",
                name=mandate.resident_name or ""))
    return redirect(url_for("assist.resident", mandate_id=mandate.id))


@bp.post("/assist/stop")
@roles_required(*HELPERS)
def stop():
    mandates.stop_acting()
    return redirect(url_for("assist.caseload"))

