"""Documents of a draft: one upload form per document asked for, removal, and download.

Downloads check ``access.can_view`` (the applicant, an assistant acting under their mandate,
the staff handling a request of it now) and are sent as attachments under a name without
personal data. Uploads count against the upload limits (``portal.ratelimit.limit_uploads``).
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort, redirect, render_template, request, send_file, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FileField, TextAreaField

from portal.accounts.auth import current_account, login_required
from portal.apply import access
from portal.apply.answers import shape as A
from portal.apply.blueprint import _draft_or_redirect, bp
from portal.apply.documents import outstanding, uploads
from portal.apply.documents.asked import Item, required
from portal.apply.filing import drafts
from portal.apply.journey import navigation as flow
from portal.apply.journey.steps import SECTION, STEP
from portal.apply.pages.base import PageCtx
from portal.apply.pages.registry import PAGES
from portal.assist.trail import may_upload
from portal.clock import today
from portal.domain.ids import mask_phone
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
    # signing per document asked for.
    class Meta:
        csrf = False

    file = FileField()
    reason = TextAreaField(_l("Why you do not have it"), description=_l(
        "For example: it was lost in the fire, or the hospital has not issued it yet. The office reads this "
        "and tells you what can be used instead. Leave it empty if you will upload the document."))


REASON_TOO_LONG = _l("Write the reason in no more than 500 characters")
NOT_SENT = _l("The file you chose was not uploaded, because something on this page needs correcting first. "
              "Choose it again and press Upload")


@dataclass
class UploadSlot:
    item: Item
    form: UploadForm
    documents: list[Document]
    status: str = outstanding.MISSING

    @property
    def key(self) -> str:
        return self.item.key

    @property
    def title(self) -> str:
        label = str(self.item.rule.label)
        return f"{label}: {self.item.member_name}" if self.item.member_name else label


def _prefix(item: Item) -> str:
    return item.key.replace(":", "-").replace("_", "-")


def upload_forms(application: Application, answers: dict, on, errors: dict | None = None,
                 typed: dict[str, str] | None = None) -> list[UploadSlot]:
    """One slot per document asked for; ``errors`` ({key: (field, message)}) and ``typed``
    ({key: reason as sent}) refill the page after a refused post, so nothing typed is lost."""
    found = []
    for slot in outstanding.slots(application, on):
        item = slot.item
        form = UploadForm(prefix=_prefix(item), formdata=None)
        form.file.label.text = str(item.rule.label) + (f" ({item.member_name})" if item.member_name else "")
        form.file.description = item.rule.proves
        form.reason.data = (typed or {}).get(item.key, slot.reason)
        problem = (errors or {}).get(item.key)
        if isinstance(problem, str):
            problem = ("file", problem)
        if problem:
            form[problem[0]].errors = [problem[1]]
        found.append(UploadSlot(item, form, list(slot.documents), slot.status))
    return found


def _chosen(item: Item):
    file = request.files.get(f"{_prefix(item)}-file")
    return file if file is not None and file.filename else None


def _save_documents(application_id: int):
    """The documents page's one form: chosen files are uploaded whichever button was pressed
    (Upload, Continue, or save and come back later), reasons are recorded, and a refused file
    keeps the resident on this page (at this address) with the message next to the field."""
    application, elsewhere = _draft_or_redirect(application_id)
    if elsewhere:
        return elsewhere
    answers, on = application.answers or {}, today()
    items = required(answers, on)
    chosen = [(item, _chosen(item)) for item in items if _chosen(item) is not None]
    typed = {item.key: (request.form.get(f"{_prefix(item)}-reason") or "").strip() for item in items
             if f"{_prefix(item)}-reason" in request.form}
    errors: dict[str, tuple[str, str]] = {key: ("reason", str(REASON_TOO_LONG)) for key, text in typed.items()
                                          if len(text) > outstanding.REASON_MAX}
    if chosen and not may_upload(application):
        message = _("The resident's mandate does not allow you to upload documents. The resident can upload them, "
                    "or record a new mandate that allows uploading.")
        return _documents_page(application, {chosen[0][0].key: message}, typed), 403
    pressed = next((item for item in items if item.key == request.form.get("upload")), None)
    if pressed is not None and not chosen:
        errors[pressed.key] = ("file", str(MESSAGES["empty"]))  # Upload pressed with no file chosen
    if errors:
        # Nothing is stored from a page with a mistake; the files are named as not sent.
        errors.update({item.key: ("file", str(NOT_SENT)) for item, _file in chosen})
        return _documents_page(application, errors, typed), 400
    leaving = request.form.get("then") == "exit"
    uploading = "upload" in request.form
    try:
        refused = drafts.supply_documents(application, chosen, typed, current_account(),
                                          completes=not uploading and not leaving)
    except drafts.DraftClosed:
        return _draft_or_redirect(application.id)[1]
    if refused:
        return _documents_page(application, {key: ("file", str(MESSAGES[code])) for key, code in refused.items()},
                               typed), 400
    if leaving:
        masked = mask_phone(A.get(application.answers or {}, "about.phone") or current_account().phone or "")
        drafts.sign_out()
        session["saved_phone"] = masked
        return redirect(url_for("apply.saved"))
    if uploading:
        anchor = next((f"#{_prefix(i)}" for i in items if i.key == request.form.get("upload")), "")
        return redirect(_documents_url(application.id) + anchor)
    return redirect(flow.next_url(application.id, application.answers, on, ("documents", None)))


def _documents_url(application_id: int) -> str:
    return url_for("apply.step", application_id=application_id, step_key="documents")


save_documents = limit_uploads(back=_documents_url)(_save_documents)


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


def _documents_page(application: Application, errors: dict, typed: dict[str, str] | None = None):
    answers, on = application.answers or {}, today()
    step = STEP["documents"]
    page = PAGES["documents"]
    ctx = PageCtx(answers, None, None, on, current_account().id)
    form = page.form_class(ctx)(formdata=None)
    return render_template(
        page.template, form=form, page=page, step=step, ref=None, member=None, page_title=page.title(step, ctx),
        section_title=str(SECTION[step.section].title), application=application, button=page.button,
        back_url=flow.back_url(application.id, answers, on, ("documents", None)),
        upload_forms=upload_forms(application, answers, on, errors, typed), upload_errors=errors,
        outstanding=outstanding.of_application(application, on))


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

