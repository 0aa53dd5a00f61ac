"""What a screening returns: reasons and changes as CODES with parameters, verdicts per type.

Guarantees:
- Reasons and changes carry codes and parameters only; words come from the web layer's
  translations (and ``describe.py`` for English in tests and debugging).
- A verdict follows from its reasons, rule by rule: any rule NOT MET on known facts makes it
  "unlikely" (no missing answer can rescue that rule; the missing answers are still listed);
  otherwise any MISSING answer makes it "not_assessable"; otherwise any UNCERTAIN rule (a
  judgement, an assessment or a choice the authority makes) makes it "possibly"; otherwise
  "likely". Screening never decides: it says what the rules suggest on the answers given.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Iterable, Mapping, overload

from portal.domain.describe import describe_screening, describe_verdict
from portal.domain.policy import Param

# Re-exported: the screening and its callers name the codes from here.
from portal.domain.vocabulary import ASSISTANCE_TYPES as ASSISTANCE_TYPES

VERDICTS = ("likely", "possibly", "unlikely", "not_assessable")
# Status of one rule: met / not_met / uncertain / missing decide the verdict; info does not.
STATUSES = ("met", "not_met", "uncertain", "missing", "info")


@dataclass(frozen=True)
class Reason:
    """One rule applied: ``code`` (translatable), ``status``, the legal ``article`` it rests on
    (e.g. "S-DB Art. 13": the source keys of portal/domain/rules.md, "Source documents used") and ``params`` for the message."""

    code: str
    status: str
    article: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    """A fact that would change the verdict, e.g. ``income_above_standard_by`` {amount}."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    """The screening result for one assistance type.

    ``amount`` is set for dibao only (estimated monthly allowance, never negative) and only
    when the verdict is likely or possibly. ``missing`` lists answer paths
    (``members[0].income``) and policy keys (``policy.dibao_standard``) that were needed.
    ``figures`` holds the numbers used; ``parameters`` the policy entries used, with sources.
    """

    assistance: str
    verdict: str
    reasons: tuple[Reason, ...]
    what_would_change: tuple[Change, ...]
    missing: tuple[str, ...]
    amount: Decimal | None = None
    figures: Mapping[str, Any] = field(default_factory=dict)
    parameters: tuple[Param, ...] = ()

    def reason_codes(self, status: str | None = None) -> list[str]:
        return [r.code for r in self.reasons if status is None or r.status == status]

    def reason(self, code: str) -> Reason:
        """The first reason with this code (``KeyError`` if none: a test asked for a rule
        that was not applied)."""
        for r in self.reasons:
            if r.code == code:
                return r
        raise KeyError(code)

    def change_codes(self) -> list[str]:
        return [c.code for c in self.what_would_change]

    def describe_en(self) -> str:
        return describe_verdict(self)


@dataclass(frozen=True)
class Screening:
    """Verdicts for every assistance type on a date, plus household-level figures."""

    on: date
    region: str
    verdicts: tuple[Verdict, ...]
    household: Mapping[str, Any] = field(default_factory=dict)

    def __getitem__(self, assistance: str) -> Verdict:
        for v in self.verdicts:
            if v.assistance == assistance:
                return v
        raise KeyError(assistance)

    def summary(self) -> dict[str, str]:
        """{assistance type: verdict}."""
        return {v.assistance: v.verdict for v in self.verdicts}

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form for the API (amounts as strings, dates ISO)."""
        return jsonable({
            "on": self.on,
            "region": self.region,
            "household": dict(self.household),
            "verdicts": [
                {
                    "assistance": v.assistance,
                    "verdict": v.verdict,
                    "amount": v.amount,
                    "reasons": [{"code": r.code, "status": r.status, "article": r.article,
                                 "params": dict(r.params)} for r in v.reasons],
                    "what_would_change": [{"code": c.code, "params": dict(c.params)}
                                          for c in v.what_would_change],
                    "missing": list(v.missing),
                }
                for v in self.verdicts
            ],
        })

    def describe_en(self) -> str:
        return describe_screening(self)


@overload
def jsonable(value: Mapping[str, Any]) -> dict[str, Any]: ...
@overload
def jsonable(value: Any) -> Any: ...
def jsonable(value: Any) -> Any:
    """Decimals to fixed-point strings, dates to ISO strings, tuples to lists, recursively."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def decide(reasons: Iterable[Reason]) -> str:
    """The verdict that the reasons imply (see the module docstring for the order)."""
    statuses = {r.status for r in reasons}
    if "not_met" in statuses:
        return "unlikely"
    if "missing" in statuses:
        return "not_assessable"
    if "uncertain" in statuses:
        return "possibly"
    if "met" in statuses:
        return "likely"
    return "not_assessable"
