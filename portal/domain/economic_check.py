"""家庭经济状况核对: the interface to the verification platform, pure.

The street office asks the county's platform to match what the household declared against
the records it may query (S-DB Art. 17; S-ZX Art. 58 ¶2). What goes in is the declared figures
per member and category; what comes back is, for each, the figure found and whether it
matches. The platform is plugged in by configuration (``ECONOMIC_CHECK=module:Class``); any
class with a ``check(query) -> CheckResult`` method will do. ``DeclaredFiguresCheck`` is the
development stand-in: it finds what was declared, or one configured difference (for tests).

Subjects are not names: ``m1`` is the applicant, ``m2`` ... the other members in the order of
the answers, ``household`` the family's property. The stored result therefore holds no
personal data beyond figures; the console puts the member's relation beside it.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol, runtime_checkable

HOUSEHOLD = "household"
# Declared monthly income by category (S-DB Art. 13) and family property (Art. 14).
INCOME_CATEGORIES = ("wages", "business_net", "property", "transfer")
ASSET_CATEGORIES = ("deposits", "securities", "insurance_cash_value", "internet_finance", "receivables",
                    "vehicles", "houses")
CATEGORIES = INCOME_CATEGORIES + ASSET_CATEGORIES


@dataclass(frozen=True)
class Declared:
    subject: str
    category: str
    amount: Decimal


@dataclass(frozen=True)
class CheckQuery:
    reference: str
    declared: tuple[Declared, ...]


@dataclass(frozen=True)
class Finding:
    """One member's category: the figure declared and the figure found (None: no record found)."""

    subject: str
    category: str
    declared: Decimal | None
    found: Decimal | None

    @property
    def matches(self) -> bool:
        return (self.declared or Decimal(0)) == (self.found or Decimal(0))


@dataclass(frozen=True)
class CheckResult:
    findings: tuple[Finding, ...]
    source: str = ""

    @property
    def differences(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.matches)

    @property
    def has_differences(self) -> bool:
        return bool(self.differences)

    def to_payload(self) -> dict[str, Any]:
        """Plain JSON for the event that records the check."""
        return {"source": self.source, "findings": [
            {"subject": f.subject, "category": f.category, "declared": _text(f.declared), "found": _text(f.found),
             "matches": f.matches} for f in self.findings]}

    @classmethod
    def from_payload(cls, payload: Any) -> CheckResult | None:
        """The result an event recorded; None for anything that is not one."""
        if not isinstance(payload, dict) or not isinstance(payload.get("findings"), (list, tuple)):
            return None
        findings = []
        for row in payload["findings"]:
            if not isinstance(row, dict) or not isinstance(row.get("subject"), str) \
                    or not isinstance(row.get("category"), str):
                return None
            findings.append(Finding(row["subject"], row["category"], _amount(row.get("declared")),
                                    _amount(row.get("found"))))
        return cls(tuple(findings), str(payload.get("source") or ""))


@runtime_checkable
class EconomicCheck(Protocol):
    def check(self, query: CheckQuery) -> CheckResult: ...


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _amount(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def declared_figures(household: Any) -> tuple[Declared, ...]:
    """What a ``portal.domain.household.Household`` declares, per member and category.

    Income items of one category are added up; unanswered income or property is left out
    (there is nothing to match); vehicles count by value, houses by number.
    """
    rows: list[Declared] = []
    for index, member in enumerate(household.members, start=1):
        totals: dict[str, Decimal] = {}
        for item in member.income or ():
            if item.category in INCOME_CATEGORIES:
                totals[item.category] = totals.get(item.category, Decimal(0)) + item.amount
        rows += [Declared(f"m{index}", category, totals[category]) for category in INCOME_CATEGORIES
                 if category in totals]
    assets = household.assets
    for name in ASSET_CATEGORIES[:5]:
        value = getattr(assets, name)
        if value is not None:
            rows.append(Declared(HOUSEHOLD, name, value))
    if assets.vehicles is not None:
        rows.append(Declared(HOUSEHOLD, "vehicles", assets.vehicle_value()))
    if assets.houses is not None:
        rows.append(Declared(HOUSEHOLD, "houses", Decimal(len(assets.houses))))
    return tuple(rows)


def parse_difference(spec: str) -> tuple[str, str, Decimal] | None:
    """``subject:category:amount`` (``m1:wages:3000``) as a difference to report; None if malformed."""
    parts = (spec or "").split(":")
    if len(parts) != 3 or parts[1] not in CATEGORIES:
        return None
    found = _amount(parts[2])
    return (parts[0], parts[1], found) if found is not None and found >= 0 else None


class DeclaredFiguresCheck:
    """Development stand-in for the platform: it finds exactly what was declared, except for an
    optional configured difference (``ECONOMIC_CHECK_DIFFERENCE=m1:wages:3000``)."""

    source = "development"

    def __init__(self, difference: str = ""):
        self.difference = parse_difference(difference)

    @classmethod
    def from_config(cls, config: Any) -> DeclaredFiguresCheck:
        return cls(str(config.get("ECONOMIC_CHECK_DIFFERENCE") or ""))

    def check(self, query: CheckQuery) -> CheckResult:
        findings = [Finding(d.subject, d.category, d.amount, d.amount) for d in query.declared]
        if self.difference is not None:
            subject, category, found = self.difference
            at = next((i for i, f in enumerate(findings) if (f.subject, f.category) == (subject, category)), None)
            if at is None:
                findings.append(Finding(subject, category, None, found))
            else:
                findings[at] = Finding(subject, category, findings[at].declared, found)
        return CheckResult(tuple(findings), self.source)
