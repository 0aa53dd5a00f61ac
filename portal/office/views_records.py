"""The files of the office's structured records: photos of a home visit and the
attachments of a first-review opinion. Personal data: only staff who handle the request open
them, each opening is written to the audit trail first, and the file is sent as a sandboxed
attachment that is never cached."""
from __future__ import annotations

from flask import abort, send_file

from portal.accounts.auth import current_account, roles_required
from portal.office import records
from portal.office.scope import STAFF_ROLES
from portal.office.views import _handled_application, bp


@bp.get("/office/cases/<reference>/files/<int:file_id>")
@roles_required(*STAFF_ROLES)
def record_file(reference: str, file_id: int):
    application = _handled_application(reference)
    account = current_account()
    row = records.file_for_view(application, file_id, account)
    if row is None:
        abort(404)
    path = records.path_of(row)
    if not path.is_file():
        abort(404)
    records.record_file_view(account, row)
    extension = path.suffix or ".bin"
    response = send_file(path, mimetype=row.content_type, as_attachment=True,
                         download_name=f"{row.kind}-{row.id}{extension}", max_age=0)
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
