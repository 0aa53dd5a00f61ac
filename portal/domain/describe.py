"""Plain English for reason and change codes: for tests and debugging, not for pages.

The pages translate the same codes in three languages; both sentences of each code are
defined once, side by side, in ``reason_texts``. ``REASON_TEXTS`` and ``CHANGE_TEXTS`` (the
English ones) are the complete list of codes a screening can produce (a test checks that every code
emitted has a text here, and every placeholder a parameter). Member and supporter
references are field paths such as ``members[2]``.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Mapping

from portal.domain.reason_texts import CHANGE_SENTENCES, REASON_SENTENCES

# The English sentence of each code (the pages' sentences are defined beside them).
REASON_TEXTS: dict[str, str] = {code: english for code, (english, _) in REASON_SENTENCES.items()}
CHANGE_TEXTS: dict[str, str] = {code: english for code, (english, _) in CHANGE_SENTENCES.items()}

VERDICT_TEXTS = {
    "likely": "likely",
    "possibly": "possibly",
    "unlikely": "unlikely",
    "not_assessable": "not assessable",
}


def _fmt(value: Any) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent  # 'n', 'N' or 'F' for a NaN or an infinity
        return format(value, ",.2f") if isinstance(exponent, int) and exponent >= -2 else format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {_fmt(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_fmt(v) for v in value) or "none"
    return str(value)


def render(template: str, params: Mapping[str, Any]) -> str:
    """Fill a template; raises ``KeyError`` when a placeholder has no parameter."""
    return template.format(**{k: _fmt(v) for k, v in params.items()})


def describe_reason(reason: Any) -> str:
    return f"[{reason.status}] {render(REASON_TEXTS[reason.code], reason.params)} ({reason.article})"


def describe_change(change: Any) -> str:
    return render(CHANGE_TEXTS[change.code], change.params)


def describe_verdict(verdict: Any) -> str:
    lines = [f"{verdict.assistance}: {VERDICT_TEXTS[verdict.verdict]}"
             + (f", about {_fmt(verdict.amount)} yuan a month" if verdict.amount is not None else "")]
    lines += [f"  {describe_reason(r)}" for r in verdict.reasons]
    lines += [f"  would change: {describe_change(c)}" for c in verdict.what_would_change]
    if verdict.missing:
        lines.append(f"  missing: {', '.join(verdict.missing)}")
    return "\n".join(lines)


def describe_screening(screening: Any) -> str:
    head = f"Screening on {screening.on.isoformat()} for region {screening.region}"
    return "\n".join([head] + [describe_verdict(v) for v in screening.verdicts])
