"""Policy figures proposed by administrators: which figures may be proposed, how a
proposed value is read and checked, and how an entry stands beside the others of its key.

Pure: no Flask, no database. The shipped JSON (``portal/data/policy``) stays the default; an
approved proposal is one more dated entry layered on top of it, never an edit of one.

Only the screening's numbers are proposed here (standards, multiples, months, limits): lists
and choices (income types excluded, rounding) and the namespaced keys (``workflow.``,
``notices.``, ``jurisdiction.``: time limits and routing, which move running requests' dates)
stay in the data files, where a code review sees them. What a number may be follows from the
key's shipped entries and unit: whole numbers where every shipped value is whole and the unit
is not a multiple or a share (yuan, months, days, houses),
zero only where a shipped value is zero ("0 = none"), at most 1 for a share.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable

from portal.domain.policy import Policy
from portal.domain.verdicts import Screening

# Where a figure may apply: Shenzhen, Guangdong, the whole country (policy.region_chain).
REGIONS = ("440300", "440000", "CN")
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2099, 12, 31)
MAX_SOURCE = 300
MAX_NOTE = 300
MAX_REASON = 500
LARGEST = Decimal(10) ** 9
PLACES = 4

# The states of a proposal: waiting for a second administrator, approved (in the policy), rejected.
PROPOSED, APPROVED, REJECTED = "proposed", "approved", "rejected"


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass(frozen=True)
class KeySpec:
    """What a new value of ``key`` may be."""

    key: str
    unit: str
    whole: bool
    zero_allowed: bool
    regions: tuple[str, ...]
    at_most: Decimal | None = None


def proposable(shipped: Policy) -> dict[str, KeySpec]:
    """The screening's keys whose every shipped value is a number, by key."""
    specs = {}
    for key in shipped.keys():
        params = shipped.entries[key]
        if "." in key or not params or not all(_is_number(p.value) for p in params):
            continue
        unit = params[-1].unit
        ratio = unit.startswith(("x ", "share"))  # a multiple or a share may have decimals
        whole = not ratio and all(Decimal(str(p.value)) == Decimal(str(p.value)).to_integral_value() for p in params)
        regions = tuple(r for r in REGIONS if any(p.region == r for p in params)) or REGIONS[:1]
        specs[key] = KeySpec(key, unit, whole, any(p.value == 0 for p in params), regions,
                             Decimal(1) if unit.startswith("share") else None)
    return specs


_NUMBER = re.compile(r"^\d+(\.\d+)?$")


def read_value(text: str | None, spec: KeySpec) -> tuple[int | float | None, str | None]:
    """(value, None) or (None, problem code). Full-width digits and thousands separators are read."""
    cleaned = unicodedata.normalize("NFKC", text or "").strip()
    cleaned = re.sub(r"[,\s，、]", "", cleaned).removesuffix("元")
    if not cleaned:
        return None, "value_needed"
    if cleaned.startswith("-") and _NUMBER.match(cleaned[1:]):
        return None, "value_negative"
    if not _NUMBER.match(cleaned) or len(cleaned) > 24:
        return None, "value_not_number"
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None, "value_not_number"
    if number >= LARGEST:
        return None, "value_too_large"
    if spec.whole and number != number.to_integral_value():
        return None, "value_whole"
    exponent = number.as_tuple().exponent  # an int: the number is finite here
    if isinstance(exponent, int) and -exponent > PLACES and number != number.to_integral_value():
        return None, "value_places"
    if number == 0 and not spec.zero_allowed:
        return None, "value_positive"
    if spec.at_most is not None and number > spec.at_most:
        return None, "value_share"
    if number == number.to_integral_value():
        return int(number), None
    return float(number.normalize()), None


def read_date(text: str | None) -> tuple[date | None, str | None]:
    cleaned = unicodedata.normalize("NFKC", text or "").strip()
    if not cleaned:
        return None, "date_needed"
    try:
        day = date.fromisoformat(cleaned) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned) else None
    except ValueError:
        day = None
    if day is None:
        return None, "date_invalid"
    if not FIRST_DAY <= day <= LAST_DAY:
        return None, "date_range"
    return day, None


def text_problem(text: str | None, needed: bool, longest: int, name: str) -> str | None:
    cleaned = (text or "").strip()
    if needed and not cleaned:
        return f"{name}_needed"
    if len(cleaned) > longest:
        return f"{name}_long"
    return None


def same_as_in_force(policy: Policy, key: str, region: str, on: date, value: Any) -> bool:
    """Whether ``value`` is already the value of this very region on that date (nothing would change)."""
    in_force = [p for p in policy.entries.get(key, []) if p.region == region and p.effective_from <= on]
    return bool(in_force) and in_force[-1].effective_from == on and in_force[-1].value == value


def decision_problem(status: str, proposer_id: int | None, decider_id: int, approving: bool) -> str | None:
    """Why this administrator may not decide the proposal now, or None.

    Two people: whoever proposed a figure cannot approve it (anyone may reject, the proposer
    included, to withdraw it), and a decided proposal stays decided."""
    if status != PROPOSED:
        return "already_decided"
    if approving and proposer_id == decider_id:
        return "own_proposal"
    return None


# --- an entry among the others of its key and region -----------------------------------------

IN_FORCE, SUPERSEDED, SCHEDULED, REPLACED = "in_force", "superseded", "scheduled", "replaced"


def standing(dates: list[date], today: date) -> list[str]:
    """The standing of each entry of one key and region, given in policy order (by date, a
    later entry of the same date after the one it replaces): replaced (a later entry of the same
    date corrects it), scheduled (from a future date), in force, or superseded."""
    in_force = None
    for i, day in enumerate(dates):
        if day <= today:
            in_force = i
    out = []
    for i, day in enumerate(dates):
        if any(other == day for other in dates[i + 1:]):
            out.append(REPLACED)
        elif day > today:
            out.append(SCHEDULED)
        else:
            out.append(IN_FORCE if i == in_force else SUPERSEDED)
    return out


# --- what a proposal changes ------------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    """A request whose screening differs under the proposal."""

    type: str
    verdict_before: str
    verdict_after: str
    amount_before: Decimal | None
    amount_after: Decimal | None

    @property
    def verdict_changed(self) -> bool:
        return self.verdict_before != self.verdict_after

    @property
    def amount_changed(self) -> bool:
        return self.amount_before != self.amount_after


def changes(before: Screening, after: Screening, types: Iterable[str]) -> list[Change]:
    """The requested types whose verdict or estimated amount differ between two screenings."""
    found = []
    for type_ in types:
        try:
            old, new = before[type_], after[type_]
        except KeyError:
            continue
        if old.verdict != new.verdict or old.amount != new.amount:
            found.append(Change(type_, old.verdict, new.verdict, old.amount, new.amount))
    return found


def entry_dict(key: str, region: str, effective_from: date, value: Any, unit: str, source: str,
               example: bool, note: str = "") -> dict[str, Any]:
    """The entry as ``Policy.from_entries`` reads it (the shipped files' shape)."""
    entry = {"key": key, "region": region, "effective_from": effective_from.isoformat(), "value": value,
             "unit": unit, "source": source, "example": bool(example)}
    if note:
        entry["note"] = note
    return entry


def with_entry(policy_entries: list[dict[str, Any]], entry: dict[str, Any]) -> Policy:
    """The policy of ``policy_entries`` with one more entry given last (so it wins its date)."""
    return Policy.from_entries([*policy_entries, entry])


__all__ = ["APPROVED", "Change", "KeySpec", "PROPOSED", "REGIONS", "REJECTED", "changes",
           "decision_problem", "entry_dict", "proposable", "read_date", "read_value", "standing", "with_entry"]
