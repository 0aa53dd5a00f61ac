"""PDF inspection helpers for the receipt and notice tests, and tests that they can fail.

Text extraction alone proves nothing about what a reader sees: a PDF drawn without a CJK font
still extracts the right text and prints empty boxes (shared/recipes.md). So ``glyph_report``
opens the embedded font programs and checks that every character was drawn by one of the
portal's own faces, with a glyph that has an outline (not .notdef, not a system fallback).
"""
from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import pytest
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from portal.receipts import fonts
from portal.receipts.pdf import render_pdf

OUR_FAMILIES = ("PortalSC", "PortalTC", *fonts.FALLBACK_FAMILIES)


@pytest.fixture(scope="session", autouse=True)
def pdf_fonts():
    """The subsets `make setup` builds; built here (once, about a minute) when missing."""
    fonts.build()


def _to_unicode(cmap: bytes) -> dict[int, str]:
    """CID -> text from a ToUnicode CMap (bfchar and bfrange entries)."""
    mapping: dict[int, str] = {}
    lines = cmap.decode("latin-1").splitlines()
    section = None
    for line in lines:
        line = line.strip()
        if line.endswith("beginbfchar"):
            section = "char"
        elif line.endswith("beginbfrange"):
            section = "range"
        elif line.startswith("end"):
            section = None
        elif section and line.startswith("<"):
            parts = [p.strip("<>") for p in line.split()]
            if section == "char":
                mapping[int(parts[0], 16)] = bytes.fromhex(parts[1]).decode("utf-16-be")
            else:
                low, high, start = int(parts[0], 16), int(parts[1], 16), int(parts[2], 16)
                for offset in range(high - low + 1):
                    mapping[low + offset] = chr(start + offset)
    return mapping


@dataclass
class EmbeddedFont:
    base_font: str
    glyphs: dict[str, bool] = field(default_factory=dict)  # character -> drawn with a real outline

    @property
    def family(self) -> str:
        return self.base_font.lstrip("/").split("+", 1)[-1]


def embedded_fonts(pdf: bytes) -> list[EmbeddedFont]:
    found = []
    for page in PdfReader(BytesIO(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            program = (descriptor.get("/FontFile3") or descriptor.get("/FontFile2")).get_object().get_data()
            ttfont = TTFont(BytesIO(program))
            order, glyph_set = ttfont.getGlyphOrder(), ttfont.getGlyphSet()
            entry = EmbeddedFont(str(font["/BaseFont"]))
            for cid, text in _to_unicode(font["/ToUnicode"].get_object().get_data()).items():
                pen = BoundsPen(glyph_set)
                if 0 < cid < len(order):
                    glyph_set[order[cid]].draw(pen)
                # CID 0 is .notdef: a box, whatever its outline.
                entry.glyphs[text] = cid != 0 and (pen.bounds is not None or text.isspace())
            found.append(entry)
    return found


def glyph_report(pdf: bytes, text: str) -> dict[str, list[str]]:
    """For each non-space character of ``text``: the families that drew it with a real glyph."""
    fonts_in_pdf = embedded_fonts(pdf)
    return {ch: [f.family for f in fonts_in_pdf if f.glyphs.get(ch)] for ch in text if not ch.isspace()}


def assert_real_glyphs(pdf: bytes, text: str) -> None:
    """Every font is one of ours, and every character of ``text`` has a real glyph in one of them."""
    families = {f.family for f in embedded_fonts(pdf)}
    assert families and families <= set(OUR_FAMILIES), f"fonts other than the portal's: {families}"
    missing = [ch for ch, drawn in glyph_report(pdf, text).items() if not drawn]
    assert not missing, f"no real glyph for {missing!r}"


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(pdf)).pages)


def page_count(pdf: bytes) -> int:
    return len(PdfReader(BytesIO(pdf)).pages)


def text_extent(pdf: bytes) -> tuple[float, float, float]:
    """(leftmost xMin, rightmost xMax, page width) of the words on page one, in points (poppler's pdftotext)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(path), "-"], capture_output=True,
                             text=True, check=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', out).group(1))
    lefts = [float(x) for x in re.findall(r'xMin="([\d.-]+)"', out)]
    rights = [float(x) for x in re.findall(r'xMax="([\d.-]+)"', out)]
    return min(lefts), max(rights), width


def _html(body: str, lang: str = "zh-Hans") -> str:
    return f"<!doctype html><html lang='{lang}'><head><title>t</title></head><body>{body}</body></html>"


def test_the_checker_accepts_text_drawn_by_the_portal_faces():
    pdf = render_pdf(_html("<p>社会救助 申请回执 ABC 123</p>"), "zh_Hans")
    assert_real_glyphs(pdf, "社会救助申请回执ABC123")
    assert {f.family for f in embedded_fonts(pdf)} == {"PortalSC"}


def test_the_checker_finds_a_character_no_face_has():
    # U+E000 is a private-use character: no face has it, so it prints as a box (or a system font draws it).
    pdf = render_pdf(_html("<p>字\ue000</p>"), "zh_Hans")
    with pytest.raises(AssertionError):
        assert_real_glyphs(pdf, "字\ue000")


def test_rare_characters_come_from_the_fallback_face_not_the_system():
    pdf = render_pdf(_html("<p>王喆 李堃 张昇 刘龑 䶮</p>"), "zh_Hans")
    report = glyph_report(pdf, "喆堃昇龑䶮")
    assert all(len(families) == 1 and families[0] in fonts.FALLBACK_FAMILIES for families in report.values()), report
    assert_real_glyphs(pdf, "王喆李堃张昇刘龑䶮")


def test_traditional_text_uses_the_traditional_face():
    pdf = render_pdf(_html("<p>社會救助申請回執 臺灣 體</p>", "zh-Hant"), "zh_Hant")
    report = glyph_report(pdf, "會體")
    assert report["會"] == ["PortalTC"] and report["體"] == ["PortalTC"]
    assert_real_glyphs(pdf, "社會救助申請回執臺灣體")


def test_fonts_build_is_a_no_op_when_current():
    assert fonts.is_current()
    assert fonts.build() is False
