"""Hostile uploads made here, byte by byte (never downloaded): PDFs whose active parts hide
where a text search misses them, and photos that carry the resident's position.

Every hostile PDF has one page reading ``Hello corpus`` and a payload marker (``PAYLOAD``
followed by its name) inside the part that would act: a test can then check that the page
survived and that the marker is gone from the rewritten file, all streams decompressed.
"""
from __future__ import annotations

import io
import re
import zlib

PAYLOAD = b"pwned-"
PAGE_TEXT = "Hello corpus"
_CONTENT = b"BT /F1 18 Tf 20 100 Td (Hello corpus) Tj ET"


def _stream(data: bytes, extra: bytes = b"", *, compress: bool = False) -> bytes:
    if compress:
        data = zlib.compress(data)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), extra, data)


def base_objects(*, catalog: bytes = b"", page: bytes = b"") -> dict[int, bytes]:
    """Catalogue 1, pages 2, page 3, its content 4 and font 5; extras go in ``catalog``/``page``."""
    return {
        1: b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
           b"/Resources << /Font << /F1 5 0 R >> >> " + page + b" >>",
        4: _stream(_CONTENT),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }


def build(objects: dict[int, bytes], *, trailer: bytes = b"") -> bytes:
    """A classic PDF: objects, a cross-reference table, a trailer with /Root 1 0 R."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 00000 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (size, trailer, xref)
    return bytes(out)


def update(base: bytes, objects: dict[int, bytes]) -> bytes:
    """An incremental update: ``objects`` appended after ``base`` with their own xref section."""
    previous = int(re.findall(rb"startxref\s+(\d+)", base)[-1])
    size = int(re.findall(rb"/Size (\d+)", base)[-1])
    out = bytearray(base)
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref = len(out)
    out += b"xref\n"
    for number in sorted(objects):
        out += b"%d 1\n%010d 00000 n \n" % (number, offsets[number])
    size = max(size, max(objects) + 1)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (size, previous, xref)
    return bytes(out)


def build_with_object_stream(objects: dict[int, bytes], packed: set[int]) -> bytes:
    """PDF 1.5: the objects in ``packed`` inside one compressed object stream, found through a
    compressed cross-reference stream; no object of them is visible in the file's bytes."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(set(objects) - packed):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    ordered = sorted(packed)
    bodies, header, position = b"", b"", 0
    for number in ordered:
        header += b"%d %d " % (number, position)
        body = objects[number] + b"\n"
        bodies += body
        position += len(body)
    stream_number = max(objects) + 1
    offsets[stream_number] = len(out)
    out += b"%d 0 obj\n%s\nendobj\n" % (stream_number, _stream(
        header + bodies, b" /Type /ObjStm /N %d /First %d" % (len(ordered), len(header)), compress=True))
    xref_number = stream_number + 1
    offsets[xref_number] = len(out)
    rows = [b"\x00\x00\x00\x00\x00\xff\xff"]
    for number in range(1, xref_number + 1):
        if number in packed:
            rows.append(b"\x02" + stream_number.to_bytes(4, "big") + ordered.index(number).to_bytes(2, "big"))
        else:
            rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00")
    out += b"%d 0 obj\n%s\nendobj\n" % (xref_number, _stream(
        b"".join(rows), b" /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R" % (xref_number + 1), compress=True))
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    return bytes(out)


def _js(name: str) -> bytes:
    return b"(app.alert('" + PAYLOAD + name.encode() + b"'))"


def _encrypted(user_password: str, name: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    plain = build(base_objects(catalog=b"/OpenAction << /S /JavaScript /JS " + _js(name) + b" >>"))
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(plain)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def hostile_pdfs() -> dict[str, bytes]:
    """name -> bytes. Each one would run, launch, submit or carry something if opened as is."""
    B, js = base_objects, _js
    files = {
        "open action JavaScript": build(B(catalog=b"/OpenAction << /S /JavaScript /JS " + js("open") + b" >>")),
        "escaped names /Java#53cript /J#53": build(B(
            catalog=b"/OpenAction << /#53 /Java#53cript /J#53 " + js("escaped") + b" >>")),
        "escaped key /Open#41ction": build(B(catalog=b"/Open#41ction << /S /JavaScript /JS " + js("openA") + b" >>")),
        "JavaScript as a stream": build({**B(catalog=b"/OpenAction << /S /JavaScript /JS 6 0 R >>"),
                                         6: _stream(b"app.alert('" + PAYLOAD + b"stream')", compress=True)}),
        "document JavaScript name tree": build({**B(catalog=b"/Names << /JavaScript 6 0 R >>"),
                                                6: b"<< /Names [(init) << /S /JavaScript /JS " + js("names") + b" >>] >>"}),
        "document additional actions": build(B(catalog=b"/AA << /WC << /S /JavaScript /JS " + js("aa-doc") + b" >> >>")),
        "page open action": build(B(page=b"/AA << /O << /S /JavaScript /JS " + js("aa-page") + b" >> >>")),
        "launch action on a link": build({**B(page=b"/Annots [6 0 R]"), 6: (
            b"<< /Type /Annot /Subtype /Link /Rect [0 0 300 200] /A << /S /Launch /F (cmd.exe) "
            b"/Win << /F (cmd.exe) /P (/c " + PAYLOAD + b"launch) >> >> >>")}),
        "file URI hidden in a hex string": build({**B(page=b"/Annots [6 0 R]"), 6: (
            b"<< /Type /Annot /Subtype /Link /Rect [0 0 300 200] /A << /S /URI /URI <"
            + (b"file:///etc/" + PAYLOAD + b"uri").hex().encode() + b"> >> >>")}),
        "embedded file in the name tree": build({**B(catalog=b"/Names << /EmbeddedFiles 6 0 R >>"),
                                                 6: b"<< /Names [(a.exe) 7 0 R] >>",
                                                 7: b"<< /Type /Filespec /F (a.exe) /EF << /F 8 0 R >> >>",
                                                 8: _stream(b"MZ" + PAYLOAD + b"embedded", b" /Type /EmbeddedFile")}),
        "file attachment annotation": build({**B(page=b"/Annots [6 0 R]"), 6: (
            b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 20 20] /FS 7 0 R >>"),
            7: b"<< /Type /Filespec /F (x.bat) /EF << /F 8 0 R >> >>",
            8: _stream(b"@echo " + PAYLOAD + b"attachment", b" /Type /EmbeddedFile", compress=True)}),
        "rich media (Flash) annotation": build({**B(page=b"/Annots [6 0 R]"), 6: (
            b"<< /Type /Annot /Subtype /RichMedia /Rect [0 0 20 20] /RichMediaContent << /Assets << /Names "
            b"[(m.swf) << /Type /Filespec /EF << /F 7 0 R >> >>] >> >> >>"),
            7: _stream(b"FWS" + PAYLOAD + b"flash", b" /Type /EmbeddedFile")}),
        "XFA form with a script, compressed": build({**B(catalog=b"/AcroForm << /Fields [] /XFA 6 0 R >>"),
                                                    6: _stream(b"<xdp:xdp><event activity='initialize'>"
                                                               b"xfa.host.messageBox('" + PAYLOAD + b"xfa')"
                                                               b"</event></xdp:xdp>", compress=True)}),
        "form field keystroke script": build({**B(catalog=b"/AcroForm << /Fields [6 0 R] >>", page=b"/Annots [6 0 R]"),
                                              6: (b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /Rect [10 10 200 40] "
                                                  b"/P 3 0 R /AA << /K << /S /JavaScript /JS " + js("keystroke") + b" >> >> >>")}),
        "submit form action": build({**B(page=b"/Annots [6 0 R]"), 6: (
            b"<< /Type /Annot /Subtype /Widget /FT /Btn /T (send) /Rect [10 10 200 40] /A << /S /SubmitForm "
            b"/F << /FS /URL /F (http://" + PAYLOAD + b"submit.example/) >> >> >>")}),
        "remote go-to": build({**B(page=b"/Annots [6 0 R]"), 6: (
            b"<< /Type /Annot /Subtype /Link /Rect [0 0 300 200] /A << /S /GoToR /F (smb://host/"
            + PAYLOAD + b"smb.pdf) /D [0 /Fit] >> >>")}),
        "safe go-to chained to JavaScript": build({**B(page=b"/Annots [6 0 R]"), 6: (
            b"<< /Type /Annot /Subtype /Link /Rect [0 0 300 200] /A << /S /GoTo /D [3 0 R /Fit] "
            b"/Next << /S /JavaScript /JS " + js("next") + b" >> >> >>")}),
        "bookmark with JavaScript": build({**B(catalog=b"/Outlines 6 0 R"),
                                           6: b"<< /Type /Outlines /First 7 0 R /Last 7 0 R /Count 1 >>",
                                           7: b"<< /Title (Open) /Parent 6 0 R /A << /S /JavaScript /JS " + js("outline") + b" >> >>"}),
        "import data and sound": build({**B(page=b"/Annots [6 0 R 7 0 R]"), 6: (
            b"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /ImportData /F (" + PAYLOAD + b"import.fdf) >> >>"),
            7: b"<< /Type /Annot /Subtype /Sound /Rect [0 0 10 10] /Sound 8 0 R >>",
            8: _stream(PAYLOAD + b"sound", b" /Type /Sound /R 8000")}),
        "PostScript XObject": build({**base_objects(), 3: (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> /XObject << /P1 6 0 R >> >> >>"),
            6: _stream(b"(" + PAYLOAD + b"postscript) print", b" /Type /XObject /Subtype /PS")}),
        "action in a compressed object stream": build_with_object_stream(
            {**B(catalog=b"/OpenAction 6 0 R"), 6: b"<< /Type /Action /S /JavaScript /JS " + js("objstm") + b" >>"},
            packed={1, 6}),
        "escaped launch in an object stream": build_with_object_stream(
            {**B(page=b"/AA << /O 6 0 R >>"), 6: b"<< /S /La#75nch /F (" + PAYLOAD + b"objstm-launch.exe) >>"},
            packed={3, 6}),
        "open action added by an incremental update": update(build(base_objects()), {
            1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R >>",
            6: b"<< /S /JavaScript /JS " + js("incremental") + b" >>"}),
        "script left behind in an earlier revision": update(
            build({**B(catalog=b"/OpenAction 6 0 R"), 6: b"<< /S /JavaScript /JS " + js("old-revision") + b" >>"}),
            {1: b"<< /Type /Catalog /Pages 2 0 R >>"}),
        "encrypted, no password to open": _encrypted("", "encrypted"),
        "reference loop through /Next": build({**B(page=b"/Annots [6 0 R]"), 6: (
            b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A 7 0 R >>"),
            7: b"<< /S /GoTo /D [3 0 R /Fit] /Next 8 0 R >>",
            8: b"<< /S /JavaScript /JS " + js("loop") + b" /Next 7 0 R >>"}),
    }
    return files


def password_protected_pdf() -> bytes:
    """Needs a password to open: cannot be read, so cannot be checked or cleaned."""
    return _encrypted("resident-password", "locked")


def all_stream_bytes(data: bytes) -> bytes:
    """The file's bytes with every stream decompressed appended, to search for a payload the
    way a reader would see it (pypdf also decrypts)."""
    from pypdf import PdfReader
    from pypdf.generic import StreamObject

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        reader.decrypt("")
    parts = [data]
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(number)
        except Exception:  # noqa: BLE001 - a free entry
            continue
        if isinstance(obj, StreamObject):
            parts.append(obj.get_data())
        parts.append(repr(obj).encode("utf-8", "replace"))
    return b"\n".join(parts)


def photo_with_gps(size: tuple[int, int] = (640, 480), *, noise: bool = False) -> bytes:
    """A JPEG as a phone writes it: EXIF with the camera, the time and the GPS position (a
    Shenzhen flat), an orientation tag, an XMP packet and a comment."""
    from PIL import Image

    image = Image.linear_gradient("L").resize(size).convert("RGB")
    if noise:
        grain = Image.effect_noise(size, 40).convert("RGB")
        image = Image.blend(image, grain, 0.35)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"       # Make
    exif[0x0110] = "Model X"          # Model
    exif[0x0112] = 1                  # Orientation
    exif[0x0132] = "2026:11:20 08:15:00"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (22.0, 32.0, 24.6), 3: "E", 4: (113.0, 56.0, 3.1)})
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           b'<rdf:Description exif:GPSLatitude="22,32.41N" xmlns:exif="http://ns.adobe.com/exif/1.0/"/></rdf:RDF></x:xmpmeta>')
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92, exif=exif, xmp=xmp, comment=b"home: 22.540,113.934")
    return buffer.getvalue()
