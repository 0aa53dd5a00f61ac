"""Legal text on the documents: citations, statutory time limits and appeal periods.

The workflow cites articles with source keys ("S-DB Arts. 20-21, 28", listed in portal/domain/rules.md,
"Source documents used"); a resident
needs the regulation's name and the article in their language. Design notes ("[I] ...") are
not law and are left out. Periods and limits come from the workflow tables and the dated
policy, never from text written here.
"""
from __future__ import annotations

import re
from datetime import date

from flask_babel import gettext as _
from markupsafe import Markup, escape

from portal.domain.policy import PolicyError
from portal.domain.workflow import workflow_for
from portal.domain.workflow_tables import ACCEPTANCE_KEY, REFERRAL_AUTHORITY
from portal.domain.workflow_types import ChainLimit, TotalLimit, Unit
from portal.filters import stored_text
from portal.i18n import current_locale
from portal.policy_figures import current_policy
from portal.receipts.labels import SOURCES

_PART = re.compile(r"^(S-[A-Z]{2})\b\s*(.*)$")
_KEY_OR_NOTE = re.compile(r"\bS-[A-Z]{2}\b|\[I\]|rules\.md")
# A parenthesised note is kept only when it is Chinese words alone ("(一次性告知)"); a design note
# in English, even one quoting a Chinese term ("(45 wd: 人户分离 or hard investigation)"), goes.
_ENGLISH_NOTE = re.compile(r"\s*\((?![^)A-Za-z]*[\u3400-\u9fff][^)A-Za-z]*\))[^)]*\)")
_ARTICLES = re.compile(r"Arts?\.\s*([\d\-–, ]*\d)(?:\s*¶\s*(\d+))?")
_ITEMS = re.compile(r"items?\s+([\d\-, ]*\d)")
# Article, paragraph and item words; Traditional Chinese writes 條 and 項.
_WORDS = {"zh_Hans": ("第%s条", "第%s款", "第%s项"), "zh_Hant": ("第%s條", "第%s款", "第%s項")}

RECONSIDERATION_KEY = "notices.reconsideration_days"
LITIGATION_KEY = "notices.litigation_months"


_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """An article number as Chinese law writes it: 7 七, 13 十三, 20 二十, 105 一百零五, 110 一百一十."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else "零" + _DIGITS[rest] if rest < 10 else (
            "一" + chinese_number(rest) if rest < 20 else chinese_number(rest))
        return _DIGITS[n // 100] + "百" + tail
    return str(n)


def _numbered(text: str, word: str) -> str:
    """"20-21, 28" with 第%s条 as 第二十条至第二十一条、第二十八条: each number written out, as the law cites."""
    cited = []
    for span in re.split(r"\s*,\s*", text.strip()):
        ends = [int(end) for end in re.split(r"\s*[-–]\s*", span) if end.isdigit()]
        cited.append("至".join(word % chinese_number(end) for end in ends))
    return "、".join(cited)


def _chinese_articles(rest: str, words: tuple[str, str, str]) -> str:
    article, paragraph, item = words
    rest = _ARTICLES.sub(lambda m: _numbered(m.group(1), article)
                         + (paragraph % chinese_number(int(m.group(2))) if m.group(2) else ""), rest)
    return _ITEMS.sub(lambda m: _numbered(m.group(1), item), rest).replace(" ", "")


def cite(basis: str | None) -> str:
    """A workflow citation for a reader: regulation names and articles, design notes left out."""
    locale = current_locale()
    cited = []
    for part in (basis or "").split(";"):
        match = _PART.match(part.strip())
        if not match or match.group(1) not in SOURCES:
            continue
        title = str(SOURCES[match.group(1)])
        rest = _ENGLISH_NOTE.sub("", match.group(2)).strip()
        if locale in _WORDS:
            cited.append(f"《{title}》{_chinese_articles(rest, _WORDS[locale])}")
        else:
            cited.append(f"{title}, {rest}" if rest else title)
    separator = "；" if locale in _WORDS else "; "
    return separator.join(dict.fromkeys(cited))


def readable_basis(basis: str | None) -> str:
    """A legal basis for staff pages: the citation in words (``cite``), or a basis recorded in
    words already (a State Council notice); never the workflow's source keys or design notes."""
    cited = cite(basis)
    if cited or not basis or _KEY_OR_NOTE.search(basis):
        return cited
    return basis


def readable_source(source: str | None) -> str:
    """A policy figure's source for staff pages: workflow keys cited by name (``cite``), a source
    already named in Chinese ("《特困人员认定办法》Art. 7") with its articles in the reader's
    words, English design notes and pointers to portal/domain/rules.md left out."""
    locale = current_locale()
    kept = []
    for part in _ENGLISH_NOTE.sub("", source or "").split(";"):
        part = part.strip()
        if not part or _KEY_OR_NOTE.search(part) and not _PART.match(part):
            continue
        if _PART.match(part):
            cited = cite(part)
            if cited:
                kept.append(cited)
        elif locale in _WORDS:
            kept.append(_chinese_articles(part, _WORDS[locale]) if _ARTICLES.search(part) else part)
        else:
            kept.append(part)
    return ("；" if locale in _WORDS else "; ").join(dict.fromkeys(kept))


def marked_basis(basis: str | None) -> Markup:
    """``readable_basis`` for a page or document: a Chinese note kept in a citation ("(一次性告知)",
    a term of the regulation) is marked as Simplified Chinese where the page is not."""
    parts = re.split(r"(\([^)]*\))", readable_basis(basis))
    return Markup("").join(stored_text(part) if part.startswith("(") else escape(part) for part in parts)


def _days(value: int | str, on: date) -> int:
    return int(current_policy().value(value, on) if isinstance(value, str) else value)


def time_limit(request_type: str, on: date, acceptance_due: date | None = None,
               format_date=None) -> list[str]:
    """Sentences stating a request's statutory time limits, as they stood on ``on``."""
    sentences = []
    try:
        accept_days = _days(ACCEPTANCE_KEY, on)
    except PolicyError:
        accept_days = None
    if request_type == "temp_emergency":
        # The same words as the confirmation and the emergency page (one timing text).
        return [_("Help first: the street office can help the same day and completes the paperwork afterwards.")]
    if acceptance_due is not None and format_date is not None:
        sentences.append(_("Acceptance decided by %(date)s.", date=format_date(acceptance_due)))
    elif accept_days is not None:
        sentences.append(_("Acceptance decided within %(days)s working days.", days=accept_days))
    if request_type in REFERRAL_AUTHORITY:
        sentences.append(_("Then forwarded to the deciding authority, which decides under its own rules."))
        return sentences
    total = workflow_for(request_type).total
    try:
        if isinstance(total, TotalLimit):
            sentences.append(_("Decision within %(days)s working days of acceptance.", days=_days(total.normal, on)))
            if total.special is not None:
                sentences.append(_("Up to %(days)s working days in special cases.", days=_days(total.special, on)))
        elif isinstance(total, ChainLimit):
            working = sum(n for n, unit in total.phases + total.final if unit is Unit.WORKING_DAYS)
            notice = sum(n for n, unit in total.phases if unit is Unit.CALENDAR_DAYS)
            sentences.append(_("Decision within %(days)s working days of acceptance, plus a %(notice)s-day public "
                               "notice.", days=working, notice=notice))
    except PolicyError:
        pass
    return sentences


def appeal_rights(on: date) -> str:
    """Reconsideration and lawsuit periods in force on ``on`` (policy data, marked to be verified)."""
    policy = current_policy()
    return _("If you disagree with this decision, you may apply for administrative reconsideration within "
             "%(days)s days of receiving this notice, or bring an administrative lawsuit before the people's "
             "court within %(months)s months.",
             days=policy.value(RECONSIDERATION_KEY, on), months=policy.value(LITIGATION_KEY, on))
