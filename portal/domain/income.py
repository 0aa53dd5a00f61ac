"""Household income under 《最低生活保障审核确认办法》第十三条: counted, excluded and deducted.

Guarantees:
- Only the counted members' income (S-DB Art. 7) is summed; a member whose income was not
  answered is reported missing, never taken as zero.
- Which income types are left out is policy data (``income_excluded_types`` and
  ``income_excluded_types_local``; for 特困 also ``tekun_income_excluded_types``).
- Amounts stay exact Decimals; ``per_capita`` is rounded to the fen for display only.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Collection, Sequence

from portal.domain.household_values import (
    INCOME_CATEGORIES,
    LONG_TERM_CO_RESIDENCE_MONTHS,
    ZERO,
    Member,
    to_fen,
)
from portal.domain.members import membership


@dataclass(frozen=True)
class MemberIncome:
    """One member's monthly income under Art. 13: ``counted`` (net; negative only through a
    business loss or transfers out), ``excluded`` (left out by the exclusion list) and
    ``deducted`` (employment costs up to the wages, and transfers out)."""

    member: int
    counted: Decimal
    excluded: Decimal
    deducted: Decimal
    excluded_subtypes: tuple[str, ...]


def member_income(member: Member, index: int, excluded_types: Collection[str]) -> MemberIncome | None:
    """Art. 13 income of one member; ``None`` when the member's income was not answered.
    An item of the "excluded" category whose subtype the policy does not exclude is counted
    as transfer income."""
    if member.income is None:
        return None
    sums = {c: ZERO for c in INCOME_CATEGORIES}
    excluded = ZERO
    excluded_subtypes: list[str] = []
    for item in member.income:
        if item.category == "excluded" and item.subtype is not None and item.subtype in excluded_types:
            excluded += item.amount
            excluded_subtypes.append(item.subtype)
        elif item.category == "excluded":
            sums["transfer"] += item.amount
        else:
            sums[item.category] += item.amount
    # Employment costs are costs of the wages they come with (Art. 13 (1); S-YJ item 11).
    costs = min(sums["employment_costs"], sums["wages"])
    counted = (sums["wages"] - costs + sums["business_net"] + sums["property"]
               + sums["transfer"] - sums["transfer_out"])
    return MemberIncome(index, counted, excluded, costs + sums["transfer_out"],
                        tuple(sorted(set(excluded_subtypes))))


@dataclass(frozen=True)
class IncomeSummary:
    """Monthly income of the counted members. ``counted_total`` is never negative (a loss
    cannot raise an allowance above standard x members). Complete only when ``missing`` is
    empty; otherwise the totals cover the answered members only."""

    counted_total: Decimal
    excluded_total: Decimal
    deducted_total: Decimal
    members: int
    by_member: tuple[MemberIncome, ...]
    excluded_subtypes: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def per_capita(self) -> Decimal | None:
        """For display, to the fen. Comparisons with a line use totals (see eligibility)."""
        if not self.complete or self.members == 0:
            return None
        return to_fen(self.counted_total / self.members)


def household_income(members: Sequence[Member], on: date, excluded_types: Collection[str],
                     long_term_months: int = LONG_TERM_CO_RESIDENCE_MONTHS) -> IncomeSummary:
    """Art. 13 income of the counted members (``long_term_months``: see ``members.membership``)."""
    ms = membership(members, on, long_term_months)
    missing = list(ms.missing)
    rows: list[MemberIncome] = []
    for i in ms.indices:
        row = member_income(members[i], i, excluded_types)
        if row is None:
            missing.append(f"members[{i}].income")
        else:
            rows.append(row)
    counted = sum((r.counted for r in rows), ZERO)
    return IncomeSummary(
        counted_total=max(counted, ZERO),
        excluded_total=sum((r.excluded for r in rows), ZERO),
        deducted_total=sum((r.deducted for r in rows), ZERO),
        members=ms.size,
        by_member=tuple(rows),
        excluded_subtypes=tuple(sorted({s for r in rows for s in r.excluded_subtypes})),
        missing=tuple(missing),
    )
