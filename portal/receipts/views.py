"""Receipts and notices as PDF downloads, and the public check that a document is genuine."""
from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from portal.accounts.auth import current_account, login_required
from portal.domain.reference import is_valid_reference, normalise_reference
from portal.extensions import db
from portal.models import Application
from portal.models.issued import IssuedDocument
from portal.ratelimit import client_key
from portal.receipts import service
from portal.receipts.access import (
    can_download,
    can_download_notice,
    can_download_receipt,
)
from portal.receipts.forms import VerifyForm
from portal.receipts.verify import verify as check_document

bp = Blueprint("receipts", __name__)

_MAX_ID = 2**31 - 1  # larger ids do not exist, and would overflow the database's integer


def _application_for(reference: str, may=can_download) -> Application:
    """The application behind a URL, or 404 for a malformed, unknown or not-yours reference."""
    if len(reference) > 40 or not is_valid_reference(reference):
        abort(404)
    application = db.session.scalar(db.select(Application).where(
        Application.reference == normalise_reference(reference)))
    if not may(current_account(), application):
        abort(404)
    return application


def _pdf(document: IssuedDocument, filename: str) -> Response:
    response = Response(document.content, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Content-Length"] = str(len(document.content))
    response.set_etag(document.sha256)
    return response


@bp.get("/applications/<reference>/receipt.pdf")
@login_required
def receipt(reference: str):
    application = _application_for(reference, can_download_receipt)
    return _pdf(service.stored_receipt(application), f"receipt-{application.reference}.pdf")


@bp.get("/applications/<reference>/notices/<int:doc_id>.pdf")
@login_required
def notice(reference: str, doc_id: int):
    application = _application_for(reference, can_download_notice)
    document = service.find_notice(application, doc_id) if doc_id <= _MAX_ID else None
    if document is None:
        abort(404)
    name = document.kind.replace("_", "-")
    return _pdf(document, f"{name}-{application.reference}-{document.id}.pdf")


@bp.route("/verify", methods=["GET", "POST"])
def verify():
    form = VerifyForm()
    if request.method == "GET" and request.args.get("reference"):
        form.reference.data = request.args.get("reference", "")[:40]
    if form.validate_on_submit():
        outcome = check_document(form.normalised_reference, form.normalised_code, client_key())
        if outcome.limited:
            minutes = max(1, (outcome.retry_after + 59) // 60)
            return (render_template("receipts/wait.html", minutes=minutes), 429,
                    {"Retry-After": str(outcome.retry_after)})
        return render_template("receipts/verify.html", form=form, checked=True, outcome=outcome.found,
                               reference=form.normalised_reference)
    return render_template("receipts/verify.html", form=form, checked=False, outcome=None, reference=None)
