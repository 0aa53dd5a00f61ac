"""Each reason and change code's two sentences (English for tests and debugging, the pages'
message id) are defined once, side by side, and cannot drift apart in what they say of the
parameters."""
from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from portal.domain.describe import CHANGE_TEXTS, REASON_TEXTS
from portal.domain.reason_texts import CHANGE_SENTENCES, REASON_SENTENCES

TABLES = {"reason": REASON_SENTENCES, "change": CHANGE_SENTENCES}
CATALOGUES = Path(__file__).resolve().parents[2] / "translations"


def _english_names(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _page_names(text: str) -> set[str]:
    return set(re.findall(r"%\((\w+)\)s", text))


def test_the_english_tables_are_read_from_the_one_table():
    assert REASON_TEXTS == {code: english for code, (english, _) in REASON_SENTENCES.items()}
    assert CHANGE_TEXTS == {code: english for code, (english, _) in CHANGE_SENTENCES.items()}
    assert len(REASON_SENTENCES) > 100 and len(CHANGE_SENTENCES) > 10


@pytest.mark.parametrize("kind", sorted(TABLES))
def test_a_page_sentence_uses_only_parameters_its_code_has(kind):
    drifted = {code: sorted(_page_names(page) - _english_names(english))
               for code, (english, page) in TABLES[kind].items()
               if not _page_names(page) <= _english_names(english)}
    assert drifted == {}


@pytest.mark.parametrize("kind", sorted(TABLES))
def test_both_sentences_are_written_in_their_own_placeholder_style(kind):
    for code, (english, page) in TABLES[kind].items():
        assert "%(" not in english, code
        assert "{" not in page, code


@pytest.mark.parametrize("locale", ["zh_Hans", "zh_Hant", "en"])
def test_every_page_sentence_is_in_each_catalogue(locale):
    po = (CATALOGUES / locale / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    missing = [page for table in TABLES.values() for _, page in table.values()
               if 'msgid "' + page.replace('"', '\\"') + '"' not in po]
    assert missing == []
