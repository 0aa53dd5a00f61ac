"""Documents of a draft: one upload form per document asked for, removal, and download.

Downloads check ``access.can_view`` (the applicant, an assistant acting under their mandate,
the staff handling a request of it now) and are sent as attachments under a name without
personal data. Uploads count against the upload limits (``portal.ratelimit.limit_uploads``).
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FileField

from portal.accounts.auth import current_account, login_required
from portal.apply import access, drafts, flow, uploads
from portal.apply.clock import today
from portal.apply.documents import Item, required
from portal.apply.page import PageCtx
from portal.apply.pages import PAGES
from portal.apply.steps import SECTION, STEP
from portal.apply.views import _draft_or_redirect, bp
from portal.extensions import db
from portal.models import Application, Document
from portal.ratelimit import limit_uploads

ACCEPT = "image/jpeg,image/png,application/pdf"
MESSAGES = {
    "empty": _l("Choose a file to upload. An empty file cannot be used"),
    "too_large": _l("The file is larger than 10 MB. Take the photo again at a lower size, or upload a smaller PDF"),
    "wrong_type": _l("Upload a photo (JPEG or PNG) or a PDF. This file is not one of them"),
    "heic_unsupported": _l("HEIC photos cannot be read here. Set the camera to \u201cMost Compatible\u201d, or send the photo as a JPEG"),
    "unreadable": _l("The file could not be read. It may be damaged: take the photo again or upload another copy"),
    "encrypted": _l("This PDF needs a password to open, so it cannot be checked. Save it again without the password (or print it to a new PDF) and upload that copy"),
}


class UploadForm(FlaskForm):
    # No token of its own: the form macro writes the request's CSRF token into every upload
    # <form> and CSRFProtect checks each POST; a per-slot token field cost the page one
    # signing per document asked for (issue 10).
    class Meta:
        csrf = False

    file = FileField()


@dataclass
class UploadSlot:
    item: Item
    form: UploadForm
    documents: list[Document]

    @property
    def title(self) -> str:
        label = str(self.item.rule.label)
        return f"{label}: {self.item.member_name}" if self.item.member_name else label


def _prefix(item: Item) -> str:
    return item.key.replace(":", "-").replace("_", "-")


def upload_forms(application: Application, answers: dict, on, errors: dict | None = None) -> list[UploadSlot]:
    documents = uploads.documents_of(application)
    slots = []
    for item in required(answers, on):
        form = UploadForm(prefix=_prefix(item), formdata=None)
        form.file.label.text = str(item.rule.label) + (f" ({item.member_name})" if item.member_name else "")
        form.file.description = item.rule.proves
        if errors and item.key in errors:
            form.file.errors = [errors[item.key]]
        mine = [d for d in documents if d.purpose == item.rule.purpose and d.member_ref == item.member_ref]
        slots.append(UploadSlot(item, form, mine))
    return slots


def _documents_url(application_id: int) -> str:
    return url_for("apply.step", application_id=application_id, step_key="documents")


@bp.post("/apply/<int:application_id>/documents/upload")
@login_required
@limit_uploads(back=_documents_url)
def upload(application_id: int):
    application, elsewhere = _draft_or_redirect(application_id)
    if elsewhere:
        return elsewhere
    answers, on = application.answers or {}, today()
    items = required(answers, on)
    item = next((i for i in items if i.key == request.form.get("item")), None)
    if item is None:
        abort(404)
    from portal.assist.work import may_upload

    if not may_upload(application):
        return _documents_page(application, {item.key: _(
            "The resident's mandate does not allow you to upload documents. The resident can upload them, "
            "or record a new mandate that allows uploading.")}), 403
    file = request.files.get(f"{_prefix(item)}-file")
    try:
        drafts.add_document(application, file, item.rule.purpose, item.member_ref, current_account())
    except uploads.UploadRejected as rejected:
        return _documents_page(application, {item.key: str(MESSAGES[rejected.code])}), 400
    return redirect(url_for("apply.step", application_id=application.id, step_key="documents") + f"#{_prefix(item)}")


def _documents_page(application: Application, errors: dict):
    answers, on = application.answers or {}, today()
    step = STEP["documents"]
    page = PAGES["documents"]
    ctx = PageCtx(answers, None, None, on, current_account().id)
    form = page.form_class(ctx)(formdata=None)
    return render_template(
        page.template, form=form, page=page, step=step, ref=None, member=None, page_title=page.title(step, ctx),
        section_title=str(SECTION[step.section].title), application=application, button=page.button,
        back_url=flow.back_url(application.id, answers, on, ("documents", None)),
        upload_forms=upload_forms(application, answers, on, errors), upload_errors=errors)


@bp.post("/apply/<int:application_id>/documents/<int:document_id>/remove")
@login_required
def remove_document(application_id: int, document_id: int):
    application, elsewhere = _draft_or_redirect(application_id)
    if elsewhere:
        return elsewhere
    document = db.session.get(Document, document_id) if document_id <= access.MAX_ID else None
    if document is None or document.application_id != application.id or document.deleted_at is not None:
        abort(404)
    drafts.delete_document(document)
    return redirect(url_for("apply.step", application_id=application.id, step_key="documents"))


@bp.get("/documents/<int:document_id>")
@login_required
def document(document_id: int):
    found = db.session.get(Document, document_id) if document_id <= access.MAX_ID else None
    if found is None or found.deleted_at is not None:
        abort(404)
    if not access.can_view(current_account(), db.session.get(Application, found.application_id)):
        abort(404)
    path = uploads.path_of(found)
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype=found.content_type, as_attachment=True,
                         download_name=uploads.download_name(found), max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response

