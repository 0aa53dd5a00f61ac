"""One name for the reference number in each language, on every page, document and SMS.

Residents were told 申请编号 on one page and 受理编号 or 办件编号 on the next, and asked which
number to give. The catalogues are the single place every text comes from, so checking them
checks pages, PDFs and messages alike.
"""
from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
TERMS = {  # locale: (the term, the names it replaced)
    "zh_Hans": ("申请编号", ("受理编号", "办件编号", "受理号", "案件编号")),
    "zh_Hant": ("申請編號", ("受理編號", "辦件編號", "受理號", "案件編號")),
}


@pytest.mark.parametrize("locale", sorted(TERMS))
def test_the_reference_number_has_one_name(locale):
    term, others = TERMS[locale]
    catalogue = polib.pofile(str(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"))
    texts = [e.msgstr for e in catalogue if not e.obsolete]
    assert sum(term in t for t in texts) >= 10
    assert [t for t in texts if any(other in t for other in others)] == []
    # where the English says "reference number", the translation says the term
    for entry in catalogue:
        if "reference number" in entry.msgid.lower() and not entry.obsolete:
            assert term in entry.msgstr, entry.msgid


def test_english_calls_it_the_reference_number():
    catalogue = polib.pofile(str(TRANSLATIONS / "zh_Hans" / "LC_MESSAGES" / "messages.po"))
    ids = [e.msgid for e in catalogue if not e.obsolete]
    assert not [i for i in ids if re.search(r"\b(application|case|tracking) (number|no\.)", i, re.I)]
