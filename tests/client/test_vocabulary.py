"""One vocabulary: every code of the domain has its words, once, in every language."""
from __future__ import annotations

from pathlib import Path

import pytest
from flask_babel import force_locale

from portal import vocabulary as V
from portal.domain import vocabulary as D
from portal.domain.jurisdiction import AUTHORITIES, BASES, TYPES
from portal.domain.verdicts import ASSISTANCE_TYPES
from portal.domain.workflow_tables import WORKFLOWS
from portal.models import Role as AccountRole

PORTAL = Path(__file__).resolve().parents[2] / "portal"


def test_the_codes_are_defined_once():
    assert TYPES is D.ASSISTANCE_TYPES and ASSISTANCE_TYPES is D.ASSISTANCE_TYPES
    assert AUTHORITIES is D.AUTHORITIES and BASES is D.BASES
    assert AccountRole is D.Role and {wf.authority for wf in WORKFLOWS.values()} <= set(D.AUTHORITIES)
    assert list(V.TYPES) == list(D.ASSISTANCE_TYPES)
    assert set(V.AUTHORITIES) == set(D.AUTHORITIES) and set(V.BASES) == set(D.BASES) and set(V.ROLES) == set(D.Role)
    assert D.Role.CASEWORKER.is_staff and not D.Role.RESIDENT.is_staff and not D.Role.SYSTEM.is_staff


def test_no_other_module_words_these_codes_again():
    # Tables of the same names in several modules were what drifted: each wording is written once.
    sources = {p: p.read_text(encoding="utf-8") for p in PORTAL.rglob("*.py") if p.name != "vocabulary.py"}
    # (Short words such as "Street office" or "District" also label unrelated fields; the names of
    # the types and the sentence and printed wordings are specific enough to look for.)
    specific = [w for words in V.TYPES.values() for w in vars(words).values()]
    specific += [w for table in (V.AUTHORITIES, V.BASES) for words in table.values() for w in (words.in_sentence, words.formal)]
    again = sorted({f"{p.relative_to(PORTAL)}: {w._args[0]}" for w in specific for p, text in sources.items()
                    if f'_l("{w._args[0]}")' in text or f'_("{w._args[0]}")' in text})
    assert again == []


def _wordings():
    for table in (V.TYPES, V.AUTHORITIES, V.BASES, V.ROLES):
        for words in table.values():
            yield from (value for value in vars(words).values() if value is not None)


@pytest.mark.parametrize("locale", ["zh_Hans", "zh_Hant"])
def test_every_wording_is_translated(app, locale):
    wordings = list(_wordings())
    with app.test_request_context(), force_locale(locale):
        untranslated = [w._args[0] for w in wordings if str(w) == w._args[0]]
    assert len(wordings) > 60 and untranslated == []


def test_words_by_register(app):
    with app.test_request_context(), force_locale("zh_Hans"):
        assert V.type_name("dibao") == "最低生活保障" and V.type_full_name("dibao") == "最低生活保障（低保）"
        assert V.authority_formal("civil_affairs_district") % {"district": "南山区"} == "南山区民政局"
        assert V.role_title("resident", "") == "" and V.role_actor("caseworker") != V.role_title("caseworker")
    with app.test_request_context(), force_locale("en"):
        assert V.type_name("nonsense") == "nonsense" and V.type_summary("nonsense") == "" and V.basis_name(None) == ""
        assert V.authority_in_sentence("street_office") == "the street office"
        assert V.authority_contact("assistance_hotline") == "Social assistance hotline"
