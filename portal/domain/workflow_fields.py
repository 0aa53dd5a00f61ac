"""Validation of the data a transition requires (``Action.required``).

Each field name has one kind; each kind one validator. A validator returns the error code
``missing_field`` (absent, None, blank, empty list) or ``invalid_field`` (present but wrong),
or None when the value is acceptable. ``False`` is a present value for a yes/no field.
"""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, Callable

from .workflow_types import SpecialReason

PHASE_OUT_MAX_MONTHS = 6      # "原则上不超过6个月" (S-DD 一(三); S-DB Art. 33)
RECOGNITION_MAX_MONTHS = 12   # 刚性支出 recognition valid at most 12 months (《刚性支出困难家庭认定办法》)
DEATH_REVIEW_MONTHS = 3       # review within 3 months after a member dies (S-DD 一(三))

CHOICES: dict[str, frozenset[str]] = {
    "visit_mode": frozenset({"in_person", "phone", "video"}),  # remote only in emergencies (Art. 16)
    "resolution": frozenset({"reinvestigation", "democratic_review"}),  # Art. 19
    "special_reason": frozenset(r.value for r in SpecialReason),
    "self_care_level": frozenset({"capable", "partly_lost", "fully_lost"}),  # S-TK Art. 21
    "support_form": frozenset({"concentrated", "dispersed"}),  # 集中/分散供养, S-ZX Art. 19
    "trigger": frozenset({"periodic", "change_reported", "member_death", "complaint"}),
    "outcome": frozenset({"granted", "refused"}),
    "aid_form": frozenset({"cash", "in_kind"}),
}

FIELD_KINDS: dict[str, str] = {
    "amount": "amount",
    "total_amount": "amount",
    "start_month": "next_month",
    "end_month": "phase_out_month",
    "valid_until": "within_12_months",
    "death_date": "past_date",
    "stages": "stage_count",
    "missing_items": "items",
    "evidence": "items",
    "signed_by": "items",
    "staff_names": "two_staff",
    "close_relative_of_staff": "yes_no",
    "income_irregular": "yes_no",
    **{name: "choice" for name in CHOICES},
    # free text, required non-blank
    "to_office": "text",
    "to_unit": "text",
    "decided_by": "text",
    "opinion": "text",
    "location": "text",
    "objection": "text",
    "complaint": "text",
    "change": "text",
    "notice_ref": "text",
    "incident_location": "text",
    "recipient": "text",
    "cause": "text",
    "referred_to": "text",
}

# Fields that become required when another field has a given value.
CONDITIONAL: dict[tuple[str, str], tuple[str, ...]] = {
    ("trigger", "member_death"): ("death_date",),
}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, (list, tuple, set, frozenset)) and len(value) == 0
    )


def parse_amount(value: Any) -> Decimal | None:
    """A non-negative decimal from an int, float, Decimal or decimal string; None if not one."""
    if isinstance(value, bool):
        return None
    try:
        amount = Decimal(str(value).strip()) if isinstance(value, (int, float, str, Decimal)) else None
    except InvalidOperation:
        return None
    if amount is None or not amount.is_finite():
        return None
    return amount


def parse_month(value: Any) -> tuple[int, int] | None:
    """(year, month) from "YYYY-MM"."""
    if not isinstance(value, str) or len(value) != 7 or value[4] != "-":
        return None
    try:
        year, month = int(value[:4]), int(value[5:])
    except ValueError:
        return None
    return (year, month) if 1 <= month <= 12 else None


def parse_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def month_index(year: int, month: int) -> int:
    return year * 12 + (month - 1)


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    year_after, month_after = divmod(month_index(year, month) + 1, 12)
    return date(year_after, month_after + 1, 1) - timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's last day (31 Jan + 1 -> 28/29 Feb)."""
    year, month = divmod(month_index(day.year, day.month) + months, 12)
    return date(year, month + 1, min(day.day, month_end(year, month + 1).day))


def _amount(value: Any, today: date) -> str | None:
    amount = parse_amount(value)
    return None if amount is not None and amount > 0 else "invalid_field"


def _next_month(value: Any, today: date) -> str | None:
    # Payment starts the month after the decision (S-DB Art. 21; S-TK Art. 16 "次月起").
    parsed = parse_month(value)
    if parsed is None or month_index(*parsed) != month_index(today.year, today.month) + 1:
        return "invalid_field"
    return None


def _phase_out_month(value: Any, today: date) -> str | None:
    parsed = parse_month(value)
    if parsed is None:
        return "invalid_field"
    ahead = month_index(*parsed) - month_index(today.year, today.month)
    return None if 1 <= ahead <= PHASE_OUT_MAX_MONTHS else "invalid_field"


def _within_12_months(value: Any, today: date) -> str | None:
    day = parse_date(value)
    if day is None or not today < day <= add_months(today, RECOGNITION_MAX_MONTHS):
        return "invalid_field"
    return None


def _past_date(value: Any, today: date) -> str | None:
    day = parse_date(value)
    return None if day is not None and day <= today else "invalid_field"


def _stage_count(value: Any, today: date) -> str | None:
    # "一次审批、分阶段救助": staged means at least two instalments.
    return None if isinstance(value, int) and not isinstance(value, bool) and value >= 2 else "invalid_field"


def _items(value: Any, today: date) -> str | None:
    if not isinstance(value, (list, tuple)):
        return "invalid_field"
    if any(not isinstance(item, str) or not item.strip() for item in value):
        return "invalid_field"
    return None


def _two_staff(value: Any, today: date) -> str | None:
    # At least two staff per home visit (S-DB Art. 16); the same person twice does not count.
    if _items(value, today):
        return "invalid_field"
    distinct = {" ".join(name.split()).casefold() for name in value}
    return None if len(distinct) >= 2 else "invalid_field"


def _yes_no(value: Any, today: date) -> str | None:
    return None if isinstance(value, bool) else "invalid_field"


def _text(value: Any, today: date) -> str | None:
    return None if isinstance(value, str) else "invalid_field"


_KIND_CHECKS: dict[str, Callable[[Any, date], str | None]] = {
    "amount": _amount,
    "next_month": _next_month,
    "phase_out_month": _phase_out_month,
    "within_12_months": _within_12_months,
    "past_date": _past_date,
    "stage_count": _stage_count,
    "items": _items,
    "two_staff": _two_staff,
    "yes_no": _yes_no,
    "text": _text,
}


def check_field(name: str, data: dict[str, Any], today: date) -> str | None:
    """The error code for ``data[name]``, or None when present and valid."""
    value = data.get(name)
    if _blank(value):
        return "missing_field"
    kind = FIELD_KINDS[name]
    if kind == "choice":
        return None if isinstance(value, str) and value in CHOICES[name] else "invalid_field"
    return _KIND_CHECKS[kind](value, today)


def required_fields(required: tuple[str, ...], data: dict[str, Any]) -> tuple[str, ...]:
    """``required`` plus the fields some of their values make necessary, in a stable order."""
    names = list(required)
    for name in required:
        for extra in CONDITIONAL.get((name, str(data.get(name))), ()):
            if extra not in names:
                names.append(extra)
    return tuple(names)
