"""Paper for residents without a smartphone: print the mandate and the declarations form, and
upload the signed declarations form back. Routes of the assist blueprint (see views.py)."""
from __future__ import annotations

from flask import Response, abort, flash, redirect, request, url_for
from flask_babel import gettext as _

from portal.accounts.auth import current_account, roles_required
from portal.apply.documents.uploads import UploadRejected
from portal.apply.filing import drafts
from portal.apply.views_submit import _check_page
from portal.assist import paper, work
from portal.assist.views import HELPERS, UPLOAD_MESSAGES, _pending, _standing, bp
from portal.ratelimit import limit_uploads

SIGNED_DECLARATIONS = "signed_declarations"


def _pdf(content: bytes, filename: str) -> Response:
    response = Response(content, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@bp.get("/assist/consent/<int:mandate_id>/mandate.pdf")
@roles_required(*HELPERS)
def mandate_paper(mandate_id: int):
    mandate = _pending(mandate_id)
    return _pdf(paper.mandate_pdf(mandate, current_account()), f"mandate-M{mandate.id:06d}.pdf")


def _draft_of(mandate, application_id: int):
    application = next((a for a in work.applications_for(mandate) if a.id == application_id), None)
    if application is None:
        abort(403)
    return application


@bp.get("/assist/residents/<int:mandate_id>/applications/<int:application_id>/declarations.pdf")
@roles_required(*HELPERS)
def declarations_paper(mandate_id: int, application_id: int):
    mandate = _standing(mandate_id)
    application = _draft_of(mandate, application_id)
    return _pdf(paper.declarations_pdf(application, current_account()), "declarations.pdf")


@bp.post("/assist/residents/<int:mandate_id>/applications/<int:application_id>/signed-declarations")
@roles_required(*HELPERS)
@limit_uploads(back=lambda mandate_id, application_id: url_for("apply.check", application_id=application_id))
def signed_declarations(mandate_id: int, application_id: int):
    """The photo of the declarations form the resident signed or thumb-printed, kept with the draft."""
    mandate = _standing(mandate_id)
    application = _draft_of(mandate, application_id)
    if application.status != "draft":
        abort(403)
    try:
        drafts.add_document(application, request.files.get("photo"), SIGNED_DECLARATIONS, None, current_account())
    except UploadRejected as rejected:
        message = _("Choose the photo of the signed declarations form") if rejected.code == "empty" \
            else UPLOAD_MESSAGES[rejected.code]()
        return _check_page(application, status=400, upload_error=message)
    flash(_("The photo of the signed declarations form was added to the application."))
    return redirect(url_for("apply.check", application_id=application.id) + "#signed-declarations")
