"""The PDF font subsets and rendering set-up: nothing lost, glyphs numbered for small PDFs, same pages.

fonts.py cuts faces out of fonts-noto-cjk, renumbers their glyphs (common characters first, the
CID equal to the glyph number) and spreads the rare characters over several fallback faces;
pdf.py lays documents out with a short user-agent stylesheet. These tests check that the
renumbered faces draw exactly the source font's outlines, that together they still cover every
character of the source, that every document stays under the 100 KB budget even with rare
name characters, and that the short stylesheet gives the same pages as WeasyPrint's own.
"""
from __future__ import annotations

import random
from io import BytesIO

import pytest
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from portal.extensions import db
from portal.models import Account
from portal.receipts import fonts
from portal.tracking.transitions import perform
from tests.client.test_notices import NOW, notices
from tests.client.test_receipts import stored, submitted
from tests.client.test_receipts_pdf import assert_real_glyphs, embedded_fonts, pdf_fonts  # noqa: F401 (builds the faces)
from tests.factories import create_account, create_application

BUDGET = 100 * 1024
RARE_NAME = "王喆堃昇龑䶮"


@pytest.fixture(scope="module")
def built(pdf_fonts) -> dict[str, TTFont]:  # noqa: F811 - the fixture imported above
    return {face.family: TTFont(fonts.FONT_DIR / face.filename) for face in fonts.FACES}


@pytest.fixture(scope="module")
def source():
    faces: dict[str, TTFont] = {}

    def face(family: str) -> TTFont:
        if family not in faces:
            faces[family] = TTFont(fonts.SOURCE, fontNumber=fonts.face_index(fonts.SOURCE, family), lazy=True)
        return faces[family]

    return face


def outline(font: TTFont, cp: int):
    glyphs = font.getGlyphSet()
    name = font.getBestCmap()[cp]
    pen = DecomposingRecordingPen(glyphs)
    glyphs[name].draw(pen)
    return pen.value, glyphs[name].width


def glyph_number(font: TTFont, ch: str) -> int:
    return font.getGlyphID(font.getBestCmap()[ord(ch)])


def test_every_face_draws_the_source_fonts_outlines(built, source):
    # Renumbering moves each glyph's charstring and its FDSelect entry (which local subroutines it
    # uses): a mismatch there draws another glyph, or garbage.
    rng = random.Random(7)
    for face in fonts.FACES:
        font, origin = built[face.family], source(face.source_family)
        codepoints = sorted(font.getBestCmap())
        for cp in rng.sample(codepoints, 40) + codepoints[:5] + codepoints[-5:]:
            assert outline(font, cp) == outline(origin, cp), (face.family, hex(cp))


def test_the_faces_together_cover_every_character_the_source_has(built, source):
    wanted = set().union(*(fonts._codepoints(c) for c in ("base", "gbk", "big5", "ideographs")))
    wanted &= set(source("Noto Sans CJK SC").getBestCmap())
    rare = set().union(*(set(built[family].getBestCmap()) for family in fonts.FALLBACK_FAMILIES))
    assert wanted <= set(built["PortalSC"].getBestCmap()) | rare  # a Simplified or English document
    assert wanted <= set(built["PortalTC"].getBestCmap()) | rare  # a Traditional one
    assert {ord(ch) for ch in "喆堃昇龑䶮"} <= rare
    assert len(wanted) > 31000
    # Pango draws the space or the comma beside a rare character with that character's face.
    for family in fonts.FALLBACK_FAMILIES:
        assert {ord(ch) for ch in " ,.()-:，。、（）：；"} <= set(built[family].getBestCmap()), family


def test_glyphs_are_numbered_by_how_likely_a_document_needs_them(built):
    for face in fonts.FACES:
        top = built[face.family]["CFF "].cff.topDictIndex[0]
        # The CID is the glyph number: the CFF charset is one range, not 2 bytes a glyph.
        assert list(top.charset) == [".notdef"] + [f"cid{gid:05d}" for gid in range(1, len(top.charset))]
    sc, tc = built["PortalSC"], built["PortalTC"]
    assert max(glyph_number(sc, ch) for ch in "0123456789 AZaz-:") < 150  # 95 ASCII glyphs and their substitutes
    # The documents' own words (深圳 is GB2312 level 2) before the rest of level 1 (啊), then level 2 (亍).
    assert glyph_number(sc, "圳") < glyph_number(sc, "啊") < glyph_number(sc, "亍")
    assert glyph_number(tc, "圳") < glyph_number(tc, "會") < glyph_number(tc, "啊")
    # Latin text shapes digits through 'locl': the substitute comes right after its digit, not last.
    one = sc.getBestCmap()[ord("1")]
    substitutes = fonts._substitutes(sc, ("ZHS ",)).get(one)
    assert substitutes and all(sc.getGlyphID(name) < 150 for name in substitutes)


def embedded_glyph_count(pdf: bytes, family: str) -> int:
    """How many glyph numbers the PDF's copy of ``family`` keeps (WeasyPrint keeps the numbering)."""
    for page in PdfReader(BytesIO(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            if str(font["/BaseFont"]).endswith("+" + family):
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
                program = descriptor["/FontFile3"].get_object().get_data()
                return len(TTFont(BytesIO(program)).getGlyphOrder())
    raise AssertionError(f"{family} is not embedded")


@pytest.mark.parametrize("locale", ["zh_Hans", "zh_Hant", "en"])
def test_receipts_stay_under_budget_even_with_rare_name_characters(app, locale, caplog):
    typical = stored(submitted(name="陈美玲", locale=locale, types=("dibao", "medical"))).content
    rare = stored(submitted(name=RARE_NAME, locale=locale, types=("dibao", "medical"))).content
    traditional = stored(submitted(name="陳國華", locale=locale)).content
    assert max(map(len, (typical, rare, traditional))) < BUDGET, (len(typical), len(rare), len(traditional))
    assert_real_glyphs(rare, RARE_NAME)
    assert_real_glyphs(traditional, "陳國華")
    # No character, not even a space beside a rare one, fell to a face without it.
    assert not [r.getMessage() for r in caplog.records if ".notdef" in r.getMessage()]
    # The embedded main face keeps the glyph numbers up to the highest one used: a few thousand
    # (a Simplified name in a Traditional receipt comes after Big5's common characters), not the
    # 14,500 (PortalSC) or 19,400 (PortalTC) of the whole face.
    main = "PortalTC" if locale == "zh_Hant" else "PortalSC"
    assert embedded_glyph_count(typical, main) < 8000


def issue_every_notice() -> list:
    """The four notices, for applicants with rare name characters, in the three languages."""
    application = create_application(locale="zh_Hant", types=("dibao",), name=RARE_NAME)
    resident = db.session.get(Account, application.account_id)
    for action, data, actor in (("request_materials", {"missing_items": ["户口簿", "收入证明"]}, create_account("caseworker")),
                                ("materials_supplied", {}, resident),
                                ("accept", {"close_relative_of_staff": False}, create_account("caseworker"))):
        perform(application.requests[0], action, actor, data, now=NOW)
        db.session.commit()
    refused = create_application(locale="zh_Hans", request_status="COUNTY_REVIEW", name=RARE_NAME)
    perform(refused.requests[0], "reject", create_account("reviewer"), {"reason": "家庭人均收入高于低保标准"}, now=NOW)
    approved = create_application(locale="en", request_status="COUNTY_REVIEW", name=RARE_NAME)
    perform(approved.requests[0], "approve", create_account("reviewer"),
            {"amount": "1480.00", "start_month": "2026-10", "income_irregular": False}, now=NOW)
    db.session.commit()
    return notices(application) + notices(refused) + notices(approved)


def test_every_notice_stays_under_budget(app):
    issued = issue_every_notice()
    assert sorted(n.kind for n in issued) == ["acceptance_notice", "approval_notice", "materials_notice",
                                              "refusal_notice"]
    for notice in issued:
        assert len(notice.content) < BUDGET, (notice.kind, len(notice.content))
        assert_real_glyphs(notice.content, RARE_NAME)


def page_streams(pdf: bytes) -> tuple[list[bytes], list]:
    """What the pages draw, and the bookmarks (titles and positions) the headings make."""
    reader = PdfReader(BytesIO(pdf))

    def marks(outline):
        return [marks(item) if isinstance(item, list) else (item.title, reader.get_destination_page_number(item),
                                                             float(item.top)) for item in outline]

    return [page.get_contents().get_data() for page in reader.pages], marks(reader.outline)


def test_the_short_user_agent_stylesheet_lays_out_the_same_pages_as_weasyprints(app, monkeypatch):
    import weasyprint

    from portal.receipts import pdf as pdf_module
    from portal.receipts import render

    documents = []
    real = render.render_pdf
    monkeypatch.setattr(render, "render_pdf", lambda html, locale: documents.append((html, locale)) or real(html, locale))
    for locale in ("zh_Hans", "zh_Hant", "en"):
        submitted(name=RARE_NAME, locale=locale, urgent=True)
    issue_every_notice()
    assert len(documents) == 7
    for html, locale in documents:
        ours = pdf_module.render_pdf(html, locale)
        monkeypatch.setattr(pdf_module._engine, "html_class", weasyprint.HTML)
        theirs = pdf_module.render_pdf(html, locale)
        monkeypatch.undo()
        assert page_streams(ours) == page_streams(theirs)
        assert {f.family for f in embedded_fonts(ours)} == {f.family for f in embedded_fonts(theirs)}


def test_a_document_can_tell_the_stylesheets_apart():
    """The comparison above can fail: an element the short stylesheet lacks lays out differently."""
    import weasyprint

    from portal.receipts import pdf as pdf_module

    html = "<!doctype html><html lang='zh-Hans'><title>t</title><table><tr><td>表</td><td>格</td></tr></table></html>"
    pdf_module.warm_up()
    ours = pdf_module.render_pdf(html, "zh_Hans")
    engine = pdf_module._engine
    engine.html_class, saved = weasyprint.HTML, engine.html_class
    try:
        theirs = pdf_module.render_pdf(html, "zh_Hans")
    finally:
        engine.html_class = saved
    assert page_streams(ours) != page_streams(theirs)


def test_a_face_replaced_behind_the_manifests_back_counts_as_stale(tmp_path, pdf_fonts):  # noqa: F811 - fixture
    # A process still running an earlier recipe may rebuild a face: the manifest's hash tells.
    for name in [fonts.MANIFEST] + [face.filename for face in fonts.FACES]:
        (tmp_path / name).symlink_to(fonts.FONT_DIR / name)
    assert fonts.is_current(tmp_path)
    changed = tmp_path / fonts.RARE_FACES[0].filename
    data = changed.read_bytes()
    changed.unlink()
    changed.write_bytes(data + b"\0")
    assert [face.family for face in fonts._stale(tmp_path, fonts.SOURCE)] == [fonts.RARE_FACES[0].family]
