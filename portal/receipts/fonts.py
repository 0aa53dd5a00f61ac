"""Font subsets for the PDFs, built at set-up time from the Debian package fonts-noto-cjk.

Without a CJK font WeasyPrint prints Chinese as empty boxes, silently; with the whole system
font a receipt is three times larger and twice as slow (shared/recipes.md). So ``make setup``
runs ``python -m portal.receipts.fonts build``, which cuts three faces out of
NotoSansCJK-Regular.ttc into ``.cache/fonts/``:

* ``PortalSC``: the Simplified Chinese face, GB2312 plus Latin and punctuation (zh_Hans, en);
* ``PortalTC``: the Traditional Chinese face, Big5 level 1 (the 5,401 common characters) plus
  GB2312, because a Traditional document still prints Simplified data (office addresses, names
  typed in Simplified) and each character left to the fallback face costs size (zh_Hant);
* ``PortalRare``: a fallback declared after the main face, with every ideograph the font has
  (GBK, Big5, CJK Extension A and beyond), for rare name characters such as 喆 堃 昇 龑 䶮.

Faces are chosen by name, not index: index 0 of the collection is the Japanese face. Each
subset is renamed (family and PostScript name) so that a PDF's /BaseFont shows that our
face, not some system fallback, drew the text. The build is idempotent: a manifest records
what each face was built from, and a run rebuilds only the faces whose recipe changed.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from portal.config import PROJECT_ROOT

SOURCE = Path(os.environ.get("PORTAL_CJK_FONT", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"))
FONT_DIR = Path(os.environ.get("PORTAL_FONT_DIR", PROJECT_ROOT / ".cache" / "fonts"))
MANIFEST = "fonts.json"
# Bump when the character sets or subsetting options change: the next build redoes the faces.
SPEC_VERSION = 1

# Blocks every face carries: Latin (with pinyin tone letters), punctuation, currency, numbers,
# simple shapes, CJK punctuation and full-width forms.
_BASE_RANGES = ((0x20, 0x7E), (0xA0, 0x24F), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x21FF),
                (0x2460, 0x24FF), (0x25A0, 0x25FF), (0x3000, 0x303F), (0xFF00, 0xFFEF))
# Every ideograph block: URO, Extension A, compatibility ideographs, Extensions B to H.
_IDEOGRAPH_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))


@dataclass(frozen=True)
class Face:
    key: str
    family: str  # the CSS font-family and the name written into the subset
    source_family: str  # the face of the collection it is cut from
    charsets: tuple[str, ...]  # see _codepoints()

    @property
    def filename(self) -> str:
        return f"{self.family.lower()}-regular.otf"


FACES = (
    Face("sc", "PortalSC", "Noto Sans CJK SC", ("base", "gb2312")),
    Face("tc", "PortalTC", "Noto Sans CJK TC", ("base", "big5-common", "gb2312")),
    Face("rare", "PortalRare", "Noto Sans CJK SC", ("base", "gbk", "big5", "ideographs")),
)


class FontsMissing(RuntimeError):
    """The subsets are not built (run ``make setup`` or ``python -m portal.receipts.fonts build``)."""


def _encodable(codec: str, ranges=((0x80, 0xFFFF),)) -> set[int]:
    found = set()
    for low, high in ranges:
        for cp in range(low, high + 1):
            try:
                chr(cp).encode(codec)
            except UnicodeEncodeError:
                continue
            found.add(cp)
    return found


def _big5_common() -> set[int]:
    # Big5 level 1 (常用字, lead bytes A4-C6 up to C67E) and its symbol rows (A1-A3).
    found = set()
    for lead in range(0xA1, 0xC7):
        for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            if lead == 0xC6 and trail > 0x7E:
                break
            try:
                found.add(ord(bytes((lead, trail)).decode("big5")))
            except UnicodeDecodeError:
                continue
    return found


def _codepoints(charset: str) -> set[int]:
    if charset == "base":
        return {cp for low, high in _BASE_RANGES for cp in range(low, high + 1)}
    if charset == "ideographs":
        return {cp for low, high in _IDEOGRAPH_RANGES for cp in range(low, high + 1)}
    if charset == "big5-common":
        return _big5_common()
    return _encodable(charset)


def face_index(source: Path, family: str) -> int:
    """The index of the face called ``family`` in a font collection (or 0 for a single font)."""
    from fontTools.ttLib import TTCollection, TTFont

    if source.read_bytes()[:4] != b"ttcf":
        names = [TTFont(source, lazy=True)["name"].getDebugName(1)]
    else:
        names = [font["name"].getDebugName(1) for font in TTCollection(source, lazy=True).fonts]
    if family not in names:
        raise FontsMissing(f"{source} has no face named {family!r} (it has {', '.join(map(str, names))})")
    return names.index(family)


def _rename(font, family: str) -> None:
    postscript = f"{family}-Regular"
    for record in list(font["name"].names):
        if record.nameID in (1, 4, 16):
            record.string = family if record.nameID != 4 else f"{family} Regular"
        elif record.nameID == 6:
            record.string = postscript
        elif record.nameID == 3:
            record.string = f"{postscript};subset"
    if "CFF " in font:
        cff = font["CFF "].cff
        top = cff[cff.fontNames[0]]
        cff.fontNames = [postscript]
        top.FullName = f"{family} Regular"
        top.FamilyName = family
        if hasattr(top, "CIDFontName"):
            top.CIDFontName = postscript


def build_face(face: Face, source: Path, target: Path) -> dict:
    """Subset one face into ``target`` (written atomically); returns its manifest entry."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    index = face_index(source, face.source_family)
    font = TTFont(source, fontNumber=index, lazy=False, recalcTimestamp=False)  # same input, same bytes
    available = set(font.getBestCmap())
    wanted = set().union(*(_codepoints(c) for c in face.charsets)) & available
    options = subset.Options()
    options.font_number = index
    options.hinting = False  # hints are dropped again in the PDF; they only cost bytes here
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True  # a missing glyph shows as a box, not as nothing
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    _rename(font, face.family)
    partial = target.with_suffix(".partial")
    font.save(partial)
    os.replace(partial, target)
    return {"family": face.family, "file": target.name, "characters": len(wanted),
            "sha256": hashlib.sha256(target.read_bytes()).hexdigest()}


def _spec(face: Face, source: Path) -> str:
    raw = json.dumps([SPEC_VERSION, face.__dict__, str(source), source.stat().st_size], sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest()


def _manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _stale(folder: Path, source: Path) -> list[Face]:
    built = {entry.get("family"): entry.get("spec") for entry in _manifest(folder).get("faces", [])}
    return [face for face in FACES
            if built.get(face.family) != _spec(face, source) or not (folder / face.filename).exists()]


def is_current(folder: Path = FONT_DIR, source: Path = SOURCE) -> bool:
    return source.exists() and not _stale(folder, source)


def font_files(folder: Path = FONT_DIR) -> dict[str, Path]:
    """Family name -> subset file; raises FontsMissing when the subsets are not built."""
    files = {face.family: folder / face.filename for face in FACES}
    missing = [str(path) for path in files.values() if not path.exists()]
    if missing:
        raise FontsMissing("PDF font subsets are missing (run `make setup`): " + ", ".join(missing))
    return files


def build(folder: Path = FONT_DIR, source: Path = SOURCE, force: bool = False) -> bool:
    """Build the faces that are missing or out of date; True when something was built.

    Safe to run from several processes at once (a lock file serialises builders).
    """
    if not force and is_current(folder, source):
        return False
    if not source.exists():
        raise FontsMissing(f"{source} not found: install the Debian package fonts-noto-cjk")
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        stale = list(FACES) if force else _stale(folder, source)
        if not stale:
            return False  # another process built them while we waited
        with ProcessPoolExecutor(max_workers=min(len(stale), os.cpu_count() or 1)) as pool:
            futures = {face.family: pool.submit(build_face, face, source, folder / face.filename) for face in stale}
            fresh = {family: {**future.result(), "spec": _spec(face, source)}
                     for face, (family, future) in zip(stale, futures.items())}
        kept = {e["family"]: e for e in _manifest(folder).get("faces", []) if e.get("family") not in fresh}
        entries = [fresh.get(face.family) or kept[face.family] for face in FACES]
        manifest = {"source": str(source), "faces": entries}
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    return True


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "build"
    if command not in ("build", "check"):
        print("usage: python -m portal.receipts.fonts build [--force] | check", file=sys.stderr)
        return 2
    if command == "check":
        current = is_current()
        print("PDF fonts are current" if current else "PDF fonts need building")
        return 0 if current else 1
    try:
        built = build(force="--force" in argv)
    except FontsMissing as exc:
        print(f"Warning: {exc}", file=sys.stderr)
        return 1
    if built:
        for entry in _manifest(FONT_DIR).get("faces", []):
            size = (FONT_DIR / entry["file"]).stat().st_size
            print(f"Built {entry['file']}: {entry['characters']} characters, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
