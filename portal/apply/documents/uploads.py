"""Uploaded documents: checked by content, stored outside static/ under a generated name.

``save_upload`` accepts JPEG, PNG and PDF up to ``MAX_UPLOAD_MB`` (10 MB). The type comes
from the bytes, never from the file name or the browser's claim: images must start with
their magic bytes, pass Pillow's verify and load, and end where the image ends (no trailing
payload); no file may contain HTML or script markup (polyglots). HEIC is refused with a
suggestion to send a JPEG, because Pillow cannot read it here.

What is stored is never the bytes as sent: a PDF is parsed and rebuilt from its pages with
every script, action, attachment and form script removed (``clean_pdf.rewrite``); one that
needs a password to open is refused (``encrypted``), since it cannot be checked. A photo is
re-encoded upright without its EXIF (GPS position, camera, time), XMP, comment or text chunks
(``clean_image.rewrite``).

Callers commit. The file is written before the row: if the transaction then fails, an
unreferenced file is left on disk, which costs space but never exposes anything (downloads
go through a Document row and its access check).
"""
from __future__ import annotations

import hashlib
import io
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from PIL import Image, UnidentifiedImageError
from werkzeug.datastructures import FileStorage

from portal.apply.documents import clean_image, clean_pdf
from portal.extensions import db
from portal.models import Account, Application, Document, utcnow

CODES = ("empty", "too_large", "wrong_type", "heic_unsupported", "unreadable", "encrypted")
_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}
_HEIC_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heim", b"heis", b"avif")
# Markup that makes a file dangerous if a browser ever sniffs it as a page.
_MARKUP = re.compile(rb"<\s*(script|html|body|svg|iframe|object|embed|\?php)|javascript:", re.IGNORECASE)
# Scanned at both ends only: compressed data is random bytes, which would match short
# patterns by chance in a large file; markup meant for a browser sits where it sniffs.
_SCAN = 128 * 1024
_READ_CHUNK = 1024 * 1024


class UploadRejected(Exception):
    """``code`` is one of CODES; the web layer words it."""

    def __init__(self, code: str):
        if code not in CODES:
            raise ValueError(f"unknown upload refusal {code!r}")
        self.code = code
        super().__init__(code)


def max_bytes() -> int:
    """10 MB unless MAX_UPLOAD_MB says otherwise (MAX_CONTENT_LENGTH adds room for the form)."""
    total = current_app.config.get("MAX_CONTENT_LENGTH")
    return int(total) - 64 * 1024 if total else 10 * 1024 * 1024


def _read(file_storage: FileStorage, limit: int) -> bytes:
    stream = file_storage.stream
    buffer = io.BytesIO()
    while True:
        chunk = stream.read(_READ_CHUNK)
        if not chunk:
            break
        buffer.write(chunk)
        if buffer.tell() > limit:
            raise UploadRejected("too_large")
    return buffer.getvalue()


def _image_end(data: bytes, kind: str) -> int | None:
    """Offset just after the image's own data, to refuse anything appended after it."""
    if kind == "image/png":
        index = data.rfind(b"IEND")
        return index + 8 if index >= 0 else None  # chunk type + CRC
    index = data.rfind(b"\xff\xd9")
    return index + 2 if index >= 0 else None


@dataclass(frozen=True)
class Checked:
    """An accepted upload: its type and the bytes to store (rewritten, never the original)."""

    kind: str
    data: bytes


def check(data: bytes) -> Checked:
    """Recognise ``data`` by content and rewrite it for storage, or raise UploadRejected."""
    kind = _kind(data)
    if kind == "application/pdf":
        try:
            return Checked(kind, clean_pdf.rewrite(data))
        except clean_pdf.PdfRefused as refused:
            raise UploadRejected(refused.code) from None
    return Checked(kind, clean_image.rewrite(data, kind))


def sniff(data: bytes) -> str:
    """The content type of ``data`` after the full check, or raise UploadRejected."""
    return check(data).kind


def _kind(data: bytes) -> str:
    if not data:
        raise UploadRejected("empty")
    if len(data) >= 12 and data[4:8] == b"ftyp" and data[8:12] in _HEIC_BRANDS:
        raise UploadRejected("heic_unsupported")
    if data.startswith(b"\xff\xd8\xff"):
        kind = "image/jpeg"
    elif data.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "image/png"
    elif data.startswith(b"%PDF-"):
        kind = "application/pdf"
    else:
        raise UploadRejected("wrong_type")
    if _MARKUP.search(data[:_SCAN]) or _MARKUP.search(data[-_SCAN:]):
        raise UploadRejected("wrong_type")
    if kind == "application/pdf":
        if b"%%EOF" not in data[-2048:]:  # cut off in transfer: pypdf would read what is there
            raise UploadRejected("unreadable")
        return kind
    _check_image(data, kind)
    return kind


def _check_image(data: bytes, kind: str) -> None:
    expected = {"image/jpeg": "JPEG", "image/png": "PNG"}[kind]
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != expected:
                raise UploadRejected("wrong_type")
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except UploadRejected:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise UploadRejected("unreadable") from None
    end = _image_end(data, kind)
    # A few padding bytes are common after JPEG's end marker; anything more is a second file.
    if end is None or len(data) - end > 16:
        raise UploadRejected("wrong_type")


def upload_dir() -> Path:
    path = Path(current_app.config["UPLOAD_DIR"])
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_upload(application: Application, file_storage: FileStorage | None, purpose: str, uploaded_by: Account | None,
                *, item_key: str | None = None, member_ref: str | None = None,
                request_id: int | None = None) -> Document:
    """Check and store one file; returns the Document (added to the session, not committed).

    Raises UploadRejected(code) with code in CODES.
    """
    if file_storage is None or not file_storage.filename:
        raise UploadRejected("empty")
    checked = check(_read(file_storage, max_bytes()))
    kind, data = checked.kind, checked.data
    stored = f"{secrets.token_hex(16)}.{_EXTENSIONS[kind]}"
    (upload_dir() / stored).write_bytes(data)
    document = Document(
        application_id=application.id, request_id=request_id, purpose=purpose[:40], member_ref=member_ref,
        item_key=item_key, original_name=(file_storage.filename or "")[:200] or None, stored_name=stored,
        content_type=kind, size=len(data), sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by_id=uploaded_by.id if uploaded_by is not None else None, uploaded_at=utcnow(),
    )
    db.session.add(document)
    return document


def documents_of(application: Application) -> list[Document]:
    return list(db.session.scalars(
        db.select(Document).where(Document.application_id == application.id, Document.deleted_at.is_(None))
        .order_by(Document.id)))


def remove(document: Document) -> None:
    """Soft delete: the row stays for the audit; the file is kept until retention ends."""
    document.deleted_at = utcnow()


def path_of(document: Document) -> Path:
    return upload_dir() / document.stored_name


def download_name(document: Document) -> str:
    """No personal data: the purpose and the row id only."""
    return f"{document.purpose}-{document.id}.{_EXTENSIONS.get(document.content_type, 'bin')}"
