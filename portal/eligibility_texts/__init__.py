"""Words for a screening, in the language of the current request.

For pages, the JSON API and the caseworker console:

- ``assistance_label(type_code)``, ``assistance_summary(type_code)``: the name and a one-line
  plain explanation of each of the 11 assistance types.
- ``verdict_label(code)``: likely / possibly / unlikely / cannot tell from these answers.
- ``reason_text(reason, people=None)``, ``change_text(change, people=None)``: a sentence for a
  ``Reason`` or ``Change`` (or a dict with ``code`` and ``params``, as in ``explain()`` and
  the API), parameters filled in. ``people`` (the relation code of each member, by
  position) lets the sentence say "person 2 (spouse)" instead of "person 2".
- ``status_label(status)``: how a rule came out (met, not met, to be judged, missing, note).

Unknown codes never raise: they are shown as the code itself, so a new code in the domain
shows up plainly instead of breaking a page (a test keeps the catalogue complete).
"""
from __future__ import annotations

from typing import Any, Mapping

from flask_babel import lazy_gettext as _l

from portal.eligibility_texts import labels
from portal.eligibility_texts.params import People, fact, formatted, money, person
from portal.eligibility_texts.reasons import CHANGES, REASONS
from portal.vocabulary import type_name, type_summary

STATUS_LABELS = {
    "met": _l("Met"),
    "not_met": _l("Not met"),
    "uncertain": _l("To be judged"),
    "missing": _l("Answer missing"),
    "info": _l("Note"),
}

__all__ = [
    "CHANGES", "REASONS", "STATUS_LABELS", "assistance_label", "assistance_summary", "change_text",
    "fact", "money", "person", "reason_text", "status_label", "verdict_label",
]


def assistance_label(type_code: str) -> str:
    return type_name(type_code)


def assistance_summary(type_code: str) -> str:
    return type_summary(type_code)


def verdict_label(code: str) -> str:
    return str(labels.VERDICTS.get(code, code))


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


def _code_and_params(item: Any) -> tuple[str, Mapping[str, Any]]:
    if isinstance(item, Mapping):
        return str(item.get("code", "")), item.get("params") or {}
    return item.code, item.params


def _render(table: Mapping[str, Any], item: Any, people: People) -> str:
    code, params = _code_and_params(item)
    template = table.get(code)
    if template is None:
        return code
    words = formatted(code, params, people)
    try:
        return str(template) % words
    except (KeyError, ValueError, TypeError):
        # A translation naming a parameter the code lacks: show the code rather than fail.
        return code


def reason_text(reason: Any, people: People = None) -> str:
    return _render(REASONS, reason, people)


def change_text(change: Any, people: People = None) -> str:
    return _render(CHANGES, change, people)
