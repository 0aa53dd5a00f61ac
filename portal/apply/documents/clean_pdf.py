"""Rewrite an uploaded PDF so that nothing in it can run, fetch or drop a file when a
caseworker opens it.

Pattern matching on the bytes cannot do this: a script may sit in a compressed object
stream, be spelled with name escapes (``/Java#53cript``), be added by an incremental update
or be encrypted. So the file is parsed (pypdf decodes all of those into plain objects) and
only its pages are copied into a new document with a fresh catalogue: the old catalogue's
OpenAction, additional actions, name trees (JavaScript, EmbeddedFiles), outlines, AcroForm
with its XFA, and every object of earlier revisions are never copied. What the pages bring
with them (annotations, form widgets, resources) is walked and stripped by ``_clean``. Only
objects reachable from the new catalogue are written, and the result is parsed again and
every object in it checked (``problems``) before it may be stored.

Pure Python: no Flask, so the tests and the benchmark call it directly.
"""
from __future__ import annotations

import io
from collections.abc import Iterator

from pypdf import PasswordType, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    PdfObject,
)

# Keys whose values run code, start programs, carry files or pull in content from elsewhere,
# wherever they appear. Destinations (/Dest) and page content are data and stay.
DROPPED_KEYS = frozenset({
    "/JS", "/JavaScript", "/AA", "/OpenAction", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/EF",
    "/RF", "/AF", "/RichMediaContent", "/RichMediaSettings", "/XFA", "/AcroForm", "/Names",
    "/Collection", "/Win", "/Mac", "/Unix", "/Movie", "/Sound", "/3DD", "/PS", "/Perms",
})
# Actions a reader may follow: move within the document, open a web or mail link, page turns.
_SAFE_ACTIONS = frozenset({"/GoTo", "/URI", "/Named"})
_SAFE_NAMED = frozenset({"/NextPage", "/PrevPage", "/FirstPage", "/LastPage"})
_SAFE_URI_SCHEMES = ("http://", "https://", "mailto:")
# Keys that hold an action (or a chain of them).
_ACTION_KEYS = frozenset({"/A", "/Next", "/PA"})
# Annotations that only draw or link; the rest play media, hold files or run 3D/Flash content.
_SAFE_ANNOTATIONS = frozenset({
    "/Text", "/Link", "/FreeText", "/Line", "/Square", "/Circle", "/Polygon", "/PolyLine", "/Highlight",
    "/Underline", "/Squiggly", "/StrikeOut", "/Stamp", "/Caret", "/Ink", "/Popup", "/Widget", "/Redact",
    "/Watermark",
})
# Subtypes that mark media, attachments, 3D or PostScript wherever they appear (the check).
_ACTIVE_SUBTYPES = frozenset({"/FileAttachment", "/Sound", "/Movie", "/Screen", "/RichMedia", "/3D", "/PS"})
# Action types that run, launch, send, fetch or play; found by their /S wherever they sit.
# (/S alone does not make an action: transparency groups and structure elements have one too.)
_ACTIVE_ACTIONS = frozenset({
    "/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/ResetForm", "/GoToR", "/GoToE", "/Rendition",
    "/Sound", "/Movie", "/Hide", "/RichMediaExecute", "/GoTo3DView", "/Thread", "/Trans", "/SetOCGState",
})
# Walks deeper than this are refused: a legitimate page's objects nest a few dozen levels.
_MAX_DEPTH = 200


class PdfRefused(Exception):
    """``code``: ``encrypted`` (needs a password), ``unreadable`` (not a PDF we can parse) or
    ``wrong_type`` (the rewritten file still failed the check: never expected)."""

    def __init__(self, code: str):
        self.code = code
        super().__init__(code)


def rewrite(data: bytes) -> bytes:
    """The PDF rebuilt from its pages with every active part removed. Raises PdfRefused."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise PdfRefused("encrypted")
        if not len(reader.pages):
            raise PdfRefused("unreadable")
        stripped = PdfWriter()
        for page in reader.pages:
            stripped.add_page(page)
        _clean(stripped.root_object, 0)
        # Copying pages brought in everything they pointed to, including what _clean then cut
        # off (a removed script's object is still in ``stripped``). Copying the cleaned pages
        # once more takes only what is still reachable.
        writer = PdfWriter()
        for page in stripped.pages:
            writer.add_page(page)
        out = io.BytesIO()
        writer.write(out)
    except PdfRefused:
        raise
    # A parser fed hostile bytes can fail in many ways (bad xref, loops, wrong types, missing
    # keys, recursion); every one of them means the file is not stored.
    except Exception:  # noqa: BLE001
        raise PdfRefused("unreadable") from None
    cleaned = out.getvalue()
    try:
        found = problems(cleaned)
    except Exception:  # noqa: BLE001
        raise PdfRefused("unreadable") from None
    if found:
        raise PdfRefused("wrong_type")
    return cleaned


def _clean(obj: PdfObject, depth: int, seen: set[int] | None = None) -> None:
    """Strip, in place, everything reachable from ``obj`` that could act."""
    seen = set() if seen is None else seen
    if depth > _MAX_DEPTH:
        raise PdfRefused("unreadable")
    if isinstance(obj, IndirectObject):
        if obj.idnum in seen:
            return
        seen.add(obj.idnum)
        obj = obj.get_object()
    if isinstance(obj, DictionaryObject):
        for key in list(obj.keys()):
            value = obj[key]
            if (key in DROPPED_KEYS or _active(value.get_object())
                    or (key in _ACTION_KEYS and not _safe_action(value.get_object()))):
                del obj[key]
            elif key == "/Annots":
                _keep_safe_annotations(obj)
        for value in obj.values():
            _clean(value, depth + 1, seen)
    elif isinstance(obj, ArrayObject):
        obj[:] = [item for item in obj if not _active(item.get_object())]
        for item in obj:
            _clean(item, depth + 1, seen)


def _active(obj: PdfObject) -> bool:
    """A file specification, media or PostScript object, or an action that acts, by its type."""
    if not isinstance(obj, DictionaryObject):
        return False
    return (obj.get("/Type") == "/Filespec" or obj.get("/Subtype") in _ACTIVE_SUBTYPES
            or obj.get("/S") in _ACTIVE_ACTIONS)


def _safe_action(action: PdfObject) -> bool:
    if isinstance(action, ArrayObject):  # /Next may list several actions: all must be safe
        return all(_safe_action(item.get_object()) for item in action)
    if not isinstance(action, DictionaryObject):
        return False
    kind = action.get("/S")
    if kind not in _SAFE_ACTIONS:
        return False
    if kind == "/URI":
        uri = action.get("/URI")
        target = uri.decode("latin-1") if isinstance(uri, bytes) else str(uri or "")
        return target.strip().lower().startswith(_SAFE_URI_SCHEMES)
    if kind == "/Named":
        return action.get("/N") in _SAFE_NAMED
    return "/Next" not in action or _safe_action(action["/Next"].get_object())


def _keep_safe_annotations(page: DictionaryObject) -> None:
    annotations = page["/Annots"].get_object()
    if not isinstance(annotations, ArrayObject):
        del page["/Annots"]
        return
    kept = ArrayObject(a for a in annotations
                       if isinstance(a.get_object(), DictionaryObject) and a.get_object().get("/Subtype") in _SAFE_ANNOTATIONS)
    page[NameObject("/Annots")] = kept


def problems(data: bytes) -> list[str]:
    """What in ``data`` could still act, looking at every object in the file (not only those
    reachable from its catalogue). Empty for a rewritten file."""
    reader = PdfReader(io.BytesIO(data), strict=False)
    found: list[str] = []
    for number, obj in _all_objects(reader):
        found.extend(f"{number}: {issue}" for issue in _problems_in(obj, 0))
    return found


def _all_objects(reader: PdfReader) -> Iterator[tuple[int, PdfObject]]:
    # An object that cannot be read raises: what cannot be looked at is not passed as clean.
    size = int(reader.trailer.get("/Size", 0))
    for number in range(1, size):
        obj = reader.get_object(number)
        if obj is not None:
            yield number, obj


def _problems_in(obj: PdfObject, depth: int) -> Iterator[str]:
    if depth > _MAX_DEPTH:
        yield "nested too deep"
        return
    if isinstance(obj, DictionaryObject):
        for key, value in obj.items():
            if key in DROPPED_KEYS:
                yield f"key {key}"
            elif key in _ACTION_KEYS and not _safe_action(value.get_object()):
                yield f"action under {key}"
            if not isinstance(value, IndirectObject):  # indirect ones are checked as objects of their own
                yield from _problems_in(value, depth + 1)
        if obj.get("/Type") == "/Action" and not _safe_action(obj):
            yield f"action {obj.get('/S')}"
        if _active(obj):
            yield f"active object {obj.get('/Type')} {obj.get('/Subtype')} {obj.get('/S')}"
    elif isinstance(obj, ArrayObject):
        for item in obj:
            if not isinstance(item, IndirectObject):
                yield from _problems_in(item, depth + 1)
