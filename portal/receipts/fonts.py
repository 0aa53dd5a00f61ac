"""Font subsets for the PDFs, built at set-up time from the Debian package fonts-noto-cjk.

Without a CJK font WeasyPrint prints Chinese as empty boxes, silently; with the whole system
font a receipt is three times larger and twice as slow (shared/recipes.md). So ``make setup``
runs ``python -m portal.receipts.fonts build``, which cuts these faces out of
NotoSansCJK-Regular.ttc into ``.cache/fonts/``:

* ``PortalSC``: the Simplified Chinese face, GB2312 plus Latin and punctuation (zh_Hans, en);
* ``PortalTC``: the Traditional Chinese face, Big5 level 1 (the 5,401 common characters) plus
  GB2312, because a Traditional document still prints Simplified data (office addresses, names
  typed in Simplified) and each character left to the fallback faces costs size (zh_Hant);
* ``PortalRare1`` to ``PortalRare8``: fallbacks declared after the main face, together every
  other ideograph the font has (GBK, Big5, CJK Extension A and beyond), for rare name
  characters such as 喆 堃 昇 龑 䶮.

Why the glyph order matters. WeasyPrint embeds a subset that keeps each glyph's number (the
text refers to glyphs by number), so every unused glyph numbered below the highest one a
document uses still costs about 2 bytes compressed (an entry of the CFF glyph index). Hence:

* glyphs are numbered by how likely a document needs them: ASCII and punctuation first, then
  the documents' own words (DOCUMENT_CHARACTERS), then the common characters (GB2312 level 1,
  Big5 level 1), then the rest; a glyph that a default OpenType feature substitutes (Latin
  digits in English text) right after the glyph it replaces. A typical receipt's highest glyph
  sits near number 2,500 instead of 14,000 (79 KB became 46 KB);
* the glyph number is also the CID (identity charset): a CID-keyed CFF whose CIDs keep the
  source font's scattered numbers needs a 2-byte charset entry per glyph, a single range here;
* the rare characters are split into eight faces of about 3,000 characters, so a rare
  character costs at most about 12 KB, where one face of 24,000 glyphs cost up to 50 KB.

Faces are chosen by name, not index: index 0 of the collection is the Japanese face. Each
subset is renamed (family and PostScript name) so that a PDF's /BaseFont shows that our
face, not some system fallback, drew the text. The build is idempotent: a manifest records
what each face was built from, and a run rebuilds only the faces whose recipe changed.
"""
from __future__ import annotations

import fcntl
import functools
import hashlib
import io
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from portal.config import PROJECT_ROOT

SOURCE = Path(os.environ.get("PORTAL_CJK_FONT", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"))
FONT_DIR = Path(os.environ.get("PORTAL_FONT_DIR", PROJECT_ROOT / ".cache" / "fonts"))
MANIFEST = "fonts.json"
# Bump when the character sets, the glyph order or the subsetting options change: the next
# build redoes the faces.
SPEC_VERSION = 2

# Blocks every main face carries: Latin (with pinyin tone letters), punctuation, currency,
# numbers, simple shapes, CJK punctuation and full-width forms.
_BASE_RANGES = ((0x20, 0x7E), (0xA0, 0x24F), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x21FF),
                (0x2460, 0x24FF), (0x25A0, 0x25FF), (0x3000, 0x303F), (0xFF00, 0xFFEF))
_PUNCTUATION_RANGES = ((0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFFEF))
# Every ideograph block: URO, Extension A, compatibility ideographs, Extensions B to H.
_IDEOGRAPH_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
# The ideographs of the documents' own words: every msgstr of the zh_Hans and zh_Hant catalogues
# and the office list, as they were when this list was made (November 2026). Numbered first in
# the main faces, so that a document's fixed text never pushes its highest glyph number up; a
# character added to the catalogues later is still there, one tier down.
DOCUMENT_CHARACTERS = (
    "一七三上下不与且世业东丟丢两严並丧个中临为主丽举久么义之乘九也习乡书了予事二于亏互五井些交产享亲"
    "人什仅今介仍从他付代以们件价任份企休优会传伪估但佈位低住体佔何余作佳併使來例供依便係保信修個倍們"
    "候借债值假做停健偶偽偿備储傳債僅像僱價儘償優儲儿允元兄充先光免兒兜入內全兩八公六共关其具养兼内再"
    "写农冲决况准减几凤凭凰出击分刑划列则刚初删判別利刪别到制刷券刻則前剛剩劃力办加务动助励劳勇動務勞"
    "勵勾勿包化北区医區十华协協单南占卡印即卹历原去县参參及反发取受变口另只可台号司各合吉同名后向吗否"
    "含听启告员周呼和咨品响員哪商問啟善喪單嗎嘗器嚴四回因园困围国图國圍園圖土在地圳场址坂均坏坑坪型城"
    "執培基報場塘填境增壞声处备复外多大天太失头奖套女好如妥妹始姐姓委姻婚婴嬰子字存孙孤学孫學它安完宗"
    "官定宜宝实审宣室害家容宿密富實審寫寶寸对将將專對小少尚尝就尺尽局居屆届屋屏展属履屬山岁岗岩岭峦崗"
    "嶺巒巖工己已市布带帮帶常幕幫平年并幼幾应底度庭康延建开异式引弟张張強强当录形影往径待很律後徑得從"
    "復必快态怎急性总恤息患您情意感慈態慮憑應成我戒或截戶户房所手才打托扣执扫扶批找承技把投折抚护报抱"
    "担拍拒招拟拥拨择括拼持指按挡损捨据掃授排接控描提損摄摩摺撤撥撫擁擇擋操擔據擬攝支收改放政故效敏救"
    "教散数整數文料断新斷方於旁无日时明映是显時晓晚普智暂暫曉更書替最會月有服期未本机权材村束条来東松"
    "构析林果某查标栋栏校样核根格桂桃案档桥梅梓條检棟業楼構樓標樣横橋機橫檔檢欄權欠次款歉止正此步歲歷"
    "殊残殖殘段母每毒比民水永求決汽沒沙没河治況法注津活派流测济浏浪海消涌润涵深添清渐減測湖湾源準满滿"
    "漸潤澜澳濟瀏瀾灣火災灾点為热無然照熱燕營父片版物特状狀独狭狹獎獨獲率玉环现現理環生產用田由申电留"
    "略異當疑疗疾病症療癌登發的盐盖盡目直相省看真着瞒瞞瞭知短石码研础确碧確碼礎示社祖神票福离种科租积"
    "称移稅程稍税種稱稳稿積穩究空突窗立站童竭竹笋笔符第筆等筍筑答策筛签简算管箱節範築篩簡簽簿籍籤米类"
    "粘粤粵精系約紅紋納級索紧細紹終組結絕絡給統經網緊線緣編縣總繁織繕繳繼續红约级纳纹线组细织终绍经结"
    "给络绝统继续编缘缮缴缺网罗罚置罰署羅義習翠老考者而职联聯職聽股肢育肾能脑脚脫脱腎腦腳臨自至致臺與"
    "舉舍航般色艺节花范草莲获菜華营落著葵蓄蓋蓮藏藝虑處虚虛號虧蛇蜜融螢行街衝衡补表衰被補裝裡製複西要"
    "覆見規視親覽觀见观规视览角解言計訊訓託記訟訪設許訴診註評詢試話該詳認語誤說誰調請論諮諾謀謝證識議"
    "護讀變讓计认让训议记许论讼设访证评识诉诊试话询该详语误说请诺读谁调谋谢豁象貝負財責費貼賃資賠賬贈"
    "贍贝负财责账贴费赁资赔赠赡起超足路跳踪蹤身車較載輔輕輛輸轄轉车转轻载较辅辆输辖辦辨農边达过近返还"
    "这进连述追退送适选透逐途這通速連週進逾遇過道達遗適遭遮選遺還邊那邻部都鄉鄰配醫里重量金鈕銀銷錄錢"
    "錯鐘钟钮钱银链销错長长門開間閱關门问间阅阳阶际降限院除险陷陽階随隐隔際障隨險隱难集雇離難電需非面"
    "革響頁頂項須預領頭頻題額類顯页顶项须预领频题额食養餘首香馬驗马验體高髮鳳鵬鹏鹽麗麼黃黄點齊齐齡龄"
    "龍龙"
)
_RARE_SOURCE = "Noto Sans CJK SC"
_RARE_CHARSETS = ("base", "gbk", "big5", "ideographs")
# Every fallback face carries the base blocks too, numbered first: Pango draws the space or the
# comma next to a rare character with that character's face. Then the characters GBK encodes
# (the set names were typed in on Chinese systems for decades), Big5, Extension A, the rest.
_RARE_FIRST = ("ascii", "punctuation", "base", "gbk", "big5", "ext-a")
RARE_PARTS = 8


@dataclass(frozen=True)
class Face:
    key: str
    family: str  # the CSS font-family and the name written into the subset
    source_family: str  # the face of the collection it is cut from
    charsets: tuple[str, ...]  # see _codepoints()
    first: tuple[str, ...] = ()  # charsets whose glyphs get the lowest numbers, in this order
    languages: tuple[str, ...] = ()  # OpenType language systems the documents shape text in (see _substitutes)
    part: int = 0  # a fallback face: which of the RARE_PARTS slices of the rare characters

    @property
    def filename(self) -> str:
        return f"{self.family.lower()}-regular.otf"


MAIN_FACES = (
    Face("sc", "PortalSC", "Noto Sans CJK SC", ("base", "gb2312"), ("ascii", "punctuation", "document", "gb2312-1"),
         ("ZHS ",)),
    Face("tc", "PortalTC", "Noto Sans CJK TC", ("base", "big5-common", "gb2312"),
         ("ascii", "punctuation", "document", "big5-common", "gb2312-1"), ("ZHT ",)),
)
RARE_FACES = tuple(Face(f"rare{n}", f"PortalRare{n}", _RARE_SOURCE, _RARE_CHARSETS, _RARE_FIRST, ("ZHS ", "ZHT "), n)
                   for n in range(1, RARE_PARTS + 1))
FACES = MAIN_FACES + RARE_FACES
# The fallback families in the order a stylesheet lists them after the main face.
FALLBACK_FAMILIES = tuple(face.family for face in RARE_FACES)


class FontsMissing(RuntimeError):
    """The subsets are not built (run ``make setup`` or ``python -m portal.receipts.fonts build``)."""


@functools.cache
def _encodable(codec: str, ranges=((0x80, 0xFFFF),)) -> frozenset[int]:
    found = set()
    for low, high in ranges:
        for cp in range(low, high + 1):
            try:
                chr(cp).encode(codec)
            except UnicodeEncodeError:
                continue
            found.add(cp)
    return frozenset(found)


def _decodable(codec: str, leads: range, trails: list[int], stop: tuple[int, int] | None = None) -> set[int]:
    found: set[int] = set()
    for lead in leads:
        for trail in trails:
            if stop is not None and (lead, trail) > stop:
                return found
            try:
                found.add(ord(bytes((lead, trail)).decode(codec)))
            except UnicodeDecodeError:
                continue
    return found


@functools.cache
def _codepoints(charset: str) -> frozenset[int]:
    if charset == "base":
        return frozenset(cp for low, high in _BASE_RANGES for cp in range(low, high + 1))
    if charset == "ascii":
        return frozenset(range(0x20, 0x7F))
    if charset == "punctuation":
        return frozenset(cp for low, high in _PUNCTUATION_RANGES for cp in range(low, high + 1))
    if charset == "ideographs":
        return frozenset(cp for low, high in _IDEOGRAPH_RANGES for cp in range(low, high + 1))
    if charset == "document":
        return frozenset(map(ord, DOCUMENT_CHARACTERS))
    if charset == "ext-a":
        return frozenset(range(0x3400, 0x4DC0))
    if charset == "big5-common":
        # Big5 level 1 (常用字, lead bytes A4-C6 up to C67E) and its symbol rows (A1-A3).
        return frozenset(_decodable("big5", range(0xA1, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)],
                                    stop=(0xC6, 0x7E)))
    if charset == "gb2312-1":
        # GB2312 level 1: the 3,755 common characters (rows 16-55).
        return frozenset(_decodable("gb2312", range(0xB0, 0xD8), list(range(0xA1, 0xFF))))
    return _encodable(charset)


def _rank(first: tuple[str, ...]):
    """Sort key of a code point: the first of ``first`` that holds it, then the code point."""
    sets = [_codepoints(name) for name in first]

    def key(cp: int) -> tuple[int, int]:
        return next((n for n, found in enumerate(sets) if cp in found), len(sets)), cp

    return key


def face_index(source: Path, family: str) -> int:
    """The index of the face called ``family`` in a font collection (or 0 for a single font)."""
    # only when the font subsets are built
    from fontTools.ttLib import TTCollection, TTFont

    if source.read_bytes()[:4] != b"ttcf":
        names = [TTFont(source, lazy=True)["name"].getDebugName(1)]
    else:
        names = [font["name"].getDebugName(1) for font in TTCollection(source, lazy=True).fonts]
    if family not in names:
        raise FontsMissing(f"{source} has no face named {family!r} (it has {', '.join(map(str, names))})")
    return names.index(family)


def _available(source: Path, family: str) -> set[int]:
    # only when the font subsets are built
    from fontTools.ttLib import TTFont

    return set(TTFont(source, fontNumber=face_index(source, family), lazy=True).getBestCmap())


def characters(face: Face, source: Path) -> list[int]:
    """The code points a face carries, in glyph order."""
    wanted = set().union(*(_codepoints(c) for c in face.charsets)) & _available(source, face.source_family)
    rank = _rank(face.first)
    if face.part:
        # The rare faces carry what the main faces do not both have (a Simplified document
        # falls back for a Big5 character PortalTC has), sliced into RARE_PARTS faces, and each
        # the base blocks.
        main: list[set[int]] = [set().union(*(_codepoints(c) for c in f.charsets)) & _available(source, f.source_family)
                for f in MAIN_FACES]
        rare = sorted(wanted - main[0].intersection(*main[1:]), key=rank)
        size = -(-len(rare) // RARE_PARTS)
        return sorted((wanted & _codepoints("base")) | set(rare[(face.part - 1) * size:face.part * size]), key=rank)
    return sorted(wanted, key=rank)


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


# The GSUB features HarfBuzz applies to horizontal text by default (the stylesheet asks for no others).
_DEFAULT_FEATURES = frozenset({"ccmp", "locl", "rlig", "rclt", "calt", "clig", "liga", "rvrn"})
_CONTEXT_RULES = ("SubRuleSet", "SubRule", "SubClassSet", "SubClassRule",
                  "ChainSubRuleSet", "ChainSubRule", "ChainSubClassSet", "ChainSubClassRule")


def _called_lookups(subtable) -> list[int]:
    """The lookups a contextual substitution calls."""
    found: list[int] = []
    stack = [subtable]
    while stack:
        node = stack.pop()
        found.extend(record.LookupListIndex for record in getattr(node, "SubstLookupRecord", None) or [])
        for name in _CONTEXT_RULES:
            stack.extend(child for child in getattr(node, name, None) or [] if child is not None)
    return found


def _substitutes(font, languages: tuple[str, ...]) -> dict[str, list[str]]:
    """Glyph -> glyphs the default features may put in its place, in the given language systems.

    Such a glyph has no code point of its own, yet a document may use it: in Latin text the
    'locl' feature gives digits another design. It is numbered right after the glyph it replaces.
    """
    if "GSUB" not in font:
        return {}
    table = font["GSUB"].table
    pending: set[int] = set()
    for record in table.ScriptList.ScriptRecord:
        systems = [record.Script.DefaultLangSys]
        systems += [r.LangSys for r in record.Script.LangSysRecord if r.LangSysTag in languages]
        for system in filter(None, systems):
            for index in system.FeatureIndex:
                feature = table.FeatureList.FeatureRecord[index]
                if feature.FeatureTag in _DEFAULT_FEATURES:
                    pending.update(feature.Feature.LookupListIndex)
    seen: set[int] = set()
    found: dict[str, list[str]] = {}
    while pending:
        index = pending.pop()
        seen.add(index)
        lookup = table.LookupList.Lookup[index]
        for subtable in lookup.SubTable:
            kind = lookup.LookupType
            if kind == 7:  # extension: the real subtable is inside
                kind, subtable = subtable.ExtensionLookupType, subtable.ExtSubTable
            if kind == 1:
                for source, target in subtable.mapping.items():
                    found.setdefault(source, []).append(target)
            elif kind == 2:
                for source, targets in subtable.mapping.items():
                    found.setdefault(source, []).extend(targets)
            elif kind == 4:
                for source, ligatures in subtable.ligatures.items():
                    found.setdefault(source, []).extend(ligature.LigGlyph for ligature in ligatures)
            elif kind in (5, 6):
                pending.update(set(_called_lookups(subtable)) - seen)
    return found


def _reorder(font, order: list[int], languages: tuple[str, ...]) -> None:
    """Number the glyphs in the order of ``order`` (code points), each substitute after its glyph;
    glyphs a document cannot reach go last."""
    # only when the font subsets are built
    from fontTools.ttLib.reorderGlyphs import reorderGlyphs

    font.ensureDecompiled()
    glyphs = font.getGlyphOrder()
    top = font["CFF "].cff.topDictIndex[0]
    for name in glyphs:
        top.CharStrings[name]  # read each charstring with its own private dict before FDSelect moves
    cmap = font.getBestCmap()
    position = {cp: n for n, cp in enumerate(order)}
    rank: dict[str, tuple[int, int]] = {}
    for cp, name in cmap.items():
        rank[name] = min(rank.get(name, (len(order), 0)), (position.get(cp, len(order)), 0))
    substitutes = _substitutes(font, languages)
    for name in sorted(rank, key=rank.get):
        queue = [(name, 1)]
        while queue:
            source, depth = queue.pop()
            for target in substitutes.get(source, ()):
                key = (rank[name][0], depth)
                if target not in rank or key < rank[target]:
                    rank[target] = key
                    queue.append((target, depth + 1))
    last = (len(order) + 1, 0)
    new = [glyphs[0]] + sorted(glyphs[1:], key=lambda name: rank.get(name, last))  # stable sort
    old_gid = {name: gid for gid, name in enumerate(glyphs)}
    fd_select = list(top.FDSelect.gidArray) if hasattr(top, "FDSelect") else None
    reorderGlyphs(font, new)
    if fd_select is not None:
        top.FDSelect.gidArray = [fd_select[old_gid[name]] for name in new]


def _identity_cids(data: bytes) -> bytes:
    """The font with CID = glyph number (a one-range charset); other tables are copied as they are."""
    # only when the font subsets are built
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), lazy=True, recalcTimestamp=False)
    top = font["CFF "].cff.topDictIndex[0]
    if not hasattr(top, "ROS"):
        return data  # not CID-keyed: nothing to renumber
    names = list(top.charset)
    identity = [".notdef"] + [f"cid{gid:05d}" for gid in range(1, len(names))]
    top.CharStrings.charStrings = {identity[gid]: top.CharStrings.charStrings[name] for gid, name in enumerate(names)}
    top.charset = identity
    font.setGlyphOrder(identity)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def build_face(face: Face, source: Path, target: Path, order: list[int]) -> dict:
    """Subset one face to ``order`` (its code points, in glyph order) into ``target``, atomically."""
    # only when the font subsets are built
    from fontTools import subset
    from fontTools.ttLib import TTFont

    index = face_index(source, face.source_family)
    font = TTFont(source, fontNumber=index, lazy=False, recalcTimestamp=False)  # same input, same bytes
    options = subset.Options()
    options.font_number = index
    options.hinting = False  # hints are dropped again in the PDF; they only cost bytes here
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True  # a missing glyph shows as a box, not as nothing
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=order)
    subsetter.subset(font)
    _reorder(font, order, face.languages)
    _rename(font, face.family)
    buffer = io.BytesIO()
    font.save(buffer)
    partial = target.with_suffix(".partial")
    partial.write_bytes(_identity_cids(buffer.getvalue()))
    os.replace(partial, target)
    return {"family": face.family, "file": target.name, "characters": len(order),
            "sha256": hashlib.sha256(target.read_bytes()).hexdigest()}


def _build_one(face: Face, source: Path, target: Path) -> dict:
    return build_face(face, source, target, characters(face, source))


def _spec(face: Face, source: Path) -> str:
    raw = json.dumps([SPEC_VERSION, asdict(face), RARE_PARTS, str(source), source.stat().st_size], sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest()


def _manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _stale(folder: Path, source: Path) -> list[Face]:
    """Faces whose recipe changed, or whose file is not the one the manifest records (a process
    still running an earlier recipe may have rebuilt it)."""
    built = {entry.get("family"): entry for entry in _manifest(folder).get("faces", [])}
    return [face for face in FACES
            if built.get(face.family, {}).get("spec") != _spec(face, source)
            or built[face.family].get("sha256") != _sha256(folder / face.filename)]


def is_current(folder: Path = FONT_DIR, source: Path = SOURCE) -> bool:
    return source.exists() and not _stale(folder, source)


def font_files(folder: Path = FONT_DIR) -> dict[str, Path]:
    """Family name -> subset file; raises FontsMissing when the subsets are not built."""
    files = {face.family: folder / face.filename for face in FACES}
    missing = [str(path) for path in files.values() if not path.exists()]
    if missing:
        raise FontsMissing("PDF font subsets are missing (run `make setup`): " + ", ".join(missing))
    return files


def _remove_outdated(folder: Path) -> None:
    """Delete subsets an earlier recipe made that no face uses any more (the old 12 MB fallback)."""
    current = {face.filename for face in FACES}
    for path in folder.glob("portal*-regular.otf"):
        if path.name not in current:
            path.unlink(missing_ok=True)


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
            futures = [(face, pool.submit(_build_one, face, source, folder / face.filename)) for face in stale]
            fresh = {face.family: {**future.result(), "spec": _spec(face, source)} for face, future in futures}
        kept = {e["family"]: e for e in _manifest(folder).get("faces", []) if e.get("family") not in fresh}
        entries = [fresh.get(face.family) or kept[face.family] for face in FACES]
        manifest = {"source": str(source), "faces": entries}
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
        _remove_outdated(folder)
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
