"""Check your answers, submit, and the confirmation (with a printable version)."""
from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.accounts.auth import current_account, login_required
from portal.apply import access
from portal.apply.answers import shape as A
from portal.apply.blueprint import _draft_or_redirect, bp
from portal.apply.documents import outstanding, uploads
from portal.apply.filing import confirmation as confirm
from portal.apply.filing import summary
from portal.apply.filing.declarations import METHOD_LABELS, PAPER_METHODS
from portal.apply.filing.submit import (
    SubmitRefused,
    has_signed_declarations,
    helper_refusal,
    requested_types,
    submit,
)
from portal.apply.journey import navigation as flow
from portal.apply.journey import steps
from portal.apply.places import jurisdiction as where
from portal.assist.forms import SignedDeclarationsForm
from portal.assist.mandates import acting_mandate, may_act_on
from portal.clock import today
from portal.contacts.book import hotline_today
from portal.domain.reference import is_valid_reference, normalise_reference
from portal.extensions import db
from portal.models import Account, Application
from portal.status.notifications import stand_ins

REFUSALS = {
    "incomplete": lambda: _("Some questions are not answered yet. Finish the sections marked below, then submit."),
    "bad_token": lambda: _("This page was out of date. Check your answers again, then submit."),
    "already_open": lambda: _("Your household already has an open application. You can follow it from your home page."),
    "nothing_handled": lambda: _("Shenzhen cannot receive any of the assistance you chose. See below where to apply, or change what you apply for."),
    "not_a_draft": lambda: _("This application can no longer be changed."),
    "mandate_no_submit": lambda: _("The resident's mandate does not allow you to submit. Hand the draft over to their phone, or record a new mandate that allows submitting."),
    "declarations_how": lambda: _("Record on the declarations page how the resident agreed to each declaration, then submit."),
    "declarations_form_missing": lambda: _("Upload the photo of the signed declarations form below, then submit."),
}


def _helper_mandate(application: Application):
    """The mandate of the helper filing this draft for the applicant now, or None."""
    account = current_account()
    if account is None or application.account_id == account.id or not may_act_on(account, application):
        return None
    return acting_mandate(account)


def _assisted(application: Application, answers: dict, upload_error: str | None) -> dict | None:
    """What the check page tells a helper filing for the applicant: may they submit, and what is missing."""
    mandate = _helper_mandate(application)
    if mandate is None:
        return None

    form = SignedDeclarationsForm(formdata=None)
    if upload_error:
        form.photo.errors = [upload_error]
    truthfulness = A.get(answers, "declarations.truthfulness") or {}
    if truthfulness.get("method") == "paper_form":  # the office window: the paper application itself
        form.photo.label.text = _("Scan of the signed paper application form")
    return {"mandate": mandate, "may_submit": mandate.allows_to("submit"),
            "refusal": helper_refusal(application, answers, mandate),
            "method": truthfulness.get("method"), "paper": truthfulness.get("method") in PAPER_METHODS,
            "signed_form": has_signed_declarations(application), "form": form}


def _check_page(application: Application, problem: str | None = None, status: int = 200,
                upload_error: str | None = None):
    answers, on = application.answers or {}, today()
    reveal = request.args.get("reveal") == "1"
    routings = where.route(answers, requested_types(answers, on), on) or []
    return render_template(
        "apply/check.html", application=application, sections=summary.summary_sections(application, reveal=reveal),
        removed=summary.removed_notes(application), reveal=reveal, complete=steps.all_done(answers, on),
        tasks=flow.task_list(application.id, answers, on, outstanding.of_application(application, on)),
        lines=where.lines(routings),
        messages=where.permit_messages(answers, routings, on), documents=uploads.documents_of(application),
        token=answers.get("_token", ""), problem=problem, assisted=_assisted(application, answers, upload_error),
        method_labels=METHOD_LABELS), status


@bp.get("/apply/<int:application_id>/check")
@login_required
def check(application_id: int):
    application, elsewhere = _draft_or_redirect(application_id)
    if elsewhere:
        return elsewhere
    return _check_page(application)


@bp.post("/apply/<int:application_id>/check")
@login_required
def submit_application(application_id: int):
    account = current_account()
    application = access.find_or_404(application_id, account)
    mandate = _helper_mandate(application)
    if application.account_id != account.id and mandate is None:
        abort(404)
    try:
        submitted = submit(application.id, account, request.form.get("submission_token", "")[:100], mandate)
    except SubmitRefused as refused:
        if application.status != "draft":
            abort(404)
        return _check_page(application, REFUSALS[refused.code](), 409)
    return redirect(url_for("apply.confirmation", reference=submitted.reference))


def _submitted(reference: str) -> Application:
    if not is_valid_reference(reference or ""):
        abort(404)
    application = db.session.scalar(db.select(Application).where(Application.reference == normalise_reference(reference)))
    if application is None or not access.can_view(current_account(), application):
        abort(404)
    return application


def _no_phone(application: Application) -> dict:
    """For an applicant with no mobile: how to follow without one, and who receives the messages."""
    applicant = db.session.get(Account, application.account_id)
    if applicant is None or applicant.phone:
        return {"no_phone": False}
    helpers = stand_ins(application, applicant)
    return {"no_phone": True, "status_lookup_url": url_for("status.lookup", _external=True),
            "hotline": hotline_today(),
            "no_phone_helper": ", ".join(h.display_name or "" for h in helpers)}


def _confirmation_context(application: Application) -> dict:
    return {**_no_phone(application),
        "application": application, "handled": confirm.handled(application),
        "referred": confirm.referred(application), "acceptance_days": confirm.acceptance_days(),
        "receipt_url": flow.optional_url("receipts.receipt", reference=application.reference),
        "status_url": flow.optional_url("status.application", reference=application.reference),
        "outstanding": outstanding.of_submitted(application), "still_needed": outstanding.sentence,
    }


@bp.get("/apply/confirmation/<reference>")
@login_required
def confirmation(reference: str):
    return render_template("apply/confirmation.html", **_confirmation_context(_submitted(reference)))


@bp.get("/apply/confirmation/<reference>/print")
@login_required
def confirmation_print(reference: str):
    return render_template("apply/confirmation_print.html", **_confirmation_context(_submitted(reference)))

