"""A verdict as words, ready for a template: used by the pre-check result and the
caseworker console's explanation, so residents and staff read the same sentences."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from portal.domain.verdicts import Verdict
from portal.eligibility_texts import (
    assistance_label,
    assistance_summary,
    change_text,
    reason_text,
    status_label,
    verdict_label,
)
from portal.eligibility_texts.params import People, fact, money


@dataclass(frozen=True)
class ReasonLine:
    code: str
    status: str
    status_label: str
    article: str
    text: str


@dataclass(frozen=True)
class VerdictView:
    """One assistance type: its name and one-line summary, the verdict, the estimated amount
    (dibao), the reasons, what would change the result and the answers it still needs."""

    type: str
    label: str
    summary: str
    verdict: str
    verdict_label: str
    amount: Decimal | None
    amount_text: str
    reasons: list[ReasonLine]
    changes: list[str]
    missing: list[str]
    articles: list[str] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)


def verdict_view(verdict: Verdict, people: People = None) -> VerdictView:
    reasons = [ReasonLine(r.code, r.status, status_label(r.status), r.article, reason_text(r, people))
               for r in verdict.reasons]
    return VerdictView(
        type=verdict.assistance,
        label=assistance_label(verdict.assistance),
        summary=assistance_summary(verdict.assistance),
        verdict=verdict.verdict,
        verdict_label=verdict_label(verdict.verdict),
        amount=verdict.amount,
        amount_text=money(verdict.amount) if verdict.amount is not None else "",
        reasons=reasons,
        changes=[change_text(c, people) for c in verdict.what_would_change],
        missing=list(dict.fromkeys(fact(path, people) for path in verdict.missing)),
        articles=list(dict.fromkeys(r.article for r in verdict.reasons)),
        figures=dict(verdict.figures),
    )
