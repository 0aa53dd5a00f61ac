"""Household <-> plain JSON-like dicts: the reader and writer behind ``Household.from_dict`` /
``to_dict`` (and ``household_io``, their names for the JSON API and the application journey).

Guarantees:
- ``read_household`` either returns a valid household or raises ``HouseholdError``
  listing EVERY problem found as (field path, code), e.g. ``("members[1].age", "out_of_range")``.
  Codes: required, unknown_field, not_an_object, not_a_list, not_a_boolean, not_a_number,
  not_an_integer, too_precise, too_large, negative, not_a_date, future_date, conflict,
  unknown_choice, out_of_range, not_allowed, invalid, too_long, no_applicant, multiple_applicants,
  multiple_spouses.
- Unknown keys are refused (a typo must not silently become "not answered").
- ``null`` and an absent key mean "not answered" for questions that can stay open
  (birth date, co-residence, income, assets, circumstances, supporters); flags such as
  ``serving_sentence`` default to false. Amounts may be strings, integers or decimals, to the
  fen; floats are read through their shortest decimal form, never used as floats.
- ``plain`` produces data that ``read_household`` reads back equal.

Both walk the dataclasses' fields (``model_fields.specs``): their types say how a value is
read, their metadata what it may be. A new field needs no line here; only rules between
fields are written out below (``_CROSS_FIELD``). The household class itself is passed in by
``portal.domain.household``, which sits above this module (so that ``Household`` can have
``from_dict`` and ``to_dict`` without an import cycle).
"""
from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from typing import Any, Callable, TypeVar

from portal.domain import model_fields as mf
from portal.domain.household_values import (
    FEN,
    Circumstances,
    HouseholdError,
    IncomeItem,
)

__all__ = ["plain", "read_household"]

_MAX_MONEY = Decimal("1000000000000")  # 10^12 yuan: anything larger is a typing error
_ABSENT = object()
_T = TypeVar("_T")


class _Reader:
    """Collects problems while reading nested data, so that one error does not hide another."""

    def __init__(self, today: date, household: type):
        self.today = today
        self.household = household
        self.problems: list[tuple[str, str]] = []

    def add(self, path: str, code: str) -> None:
        self.problems.append((path, code))

    def obj(self, value: Any, path: str, allowed: tuple[str, ...]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.add(path, "not_an_object")
            return None
        for key in value:
            if key not in allowed:
                self.add(_join(path, str(key)), "unknown_field")
        return value

    def items(self, value: Any, path: str) -> list[Any] | None:
        if not isinstance(value, list):
            self.add(path, "not_a_list")
            return None
        return value

    def flag(self, data: dict[str, Any], key: str, path: str, tri_state: bool) -> bool | None:
        value = data.get(key)
        if value is None:
            return None if tri_state else False
        if isinstance(value, bool):
            return value
        self.add(_join(path, key), "not_a_boolean")
        return None if tri_state else False

    def money(self, data: dict[str, Any], key: str, path: str, *, allow_negative: bool = False) -> Decimal | None:
        value = data.get(key)
        where = _join(path, key)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            self.add(where, "not_a_number")
            return None
        try:
            amount = Decimal(repr(value) if isinstance(value, float) else str(value).strip())
        except InvalidOperation:
            self.add(where, "not_a_number")
            return None
        if not amount.is_finite():
            self.add(where, "not_a_number")
        elif abs(amount) >= _MAX_MONEY:
            self.add(where, "too_large")
        elif amount != amount.quantize(FEN, rounding=ROUND_DOWN):
            self.add(where, "too_precise")
        elif amount < 0 and not allow_negative:
            self.add(where, "negative")
        else:
            return amount
        return None

    def integer(self, data: dict[str, Any], key: str, path: str) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            self.add(_join(path, key), "not_an_integer")
            return None
        try:
            return int(value)
        except ValueError:
            self.add(_join(path, key), "not_an_integer")
            return None

    def day(self, data: dict[str, Any], key: str, path: str) -> date | None:
        value = data.get(key)
        if value is None:
            return None
        parsed: date | None
        if isinstance(value, date):
            parsed = value.date() if isinstance(value, datetime) else value
        else:
            try:
                parsed = date.fromisoformat(value) if isinstance(value, str) else None
            except ValueError:
                parsed = None
            if parsed is None:
                self.add(_join(path, key), "not_a_date")
                return None
        if parsed > self.today:
            self.add(_join(path, key), "future_date")
            return None
        return parsed

    def codes(self, data: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.add(_join(path, key), "not_a_list")
            return ()
        return tuple(value)

    def build(self, factory: Callable[..., _T], path: str, **kwargs: Any) -> _T | None:
        """Construct a value object; its own validation problems get the full path."""
        try:
            return factory(**kwargs)
        except HouseholdError as error:
            for sub, code in error.problems:
                self.add(_join(path, sub), code)
        except TypeError:
            self.add(path, "invalid")
        return None


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _value(r: _Reader, spec: mf.Spec, d: dict[str, Any], path: str) -> Any:
    """One field read from ``d`` by its type; ``_ABSENT`` when the dataclass's default applies,
    ``None`` when it is not answered, or given but unreadable (the problem is recorded)."""
    value = _read_value(r, spec, d, path)
    if value is None and not spec.nullable and not spec.required:
        return _ABSENT
    return value


def _read_value(r: _Reader, spec: mf.Spec, d: dict[str, Any], path: str) -> Any:
    raw, where = d.get(spec.name), _join(path, spec.name)
    if spec.kind == mf.FLAG:
        return r.flag(d, spec.name, path, tri_state=spec.nullable) if raw is not None or spec.nullable else None
    if spec.kind == mf.MONEY:
        if raw is None or raw == "":
            if spec.required:
                r.add(where, "required")
            return None
        return r.money(d, spec.name, path, allow_negative=bool(spec.meta.get("signed")))
    # An empty code (false, "", 0) where the dataclass has a default means that default (a
    # student stage "none").
    if raw is None or (not raw and spec.choices is not None and spec.kind == mf.TEXT
                       and not spec.nullable and not spec.required):
        if spec.required:
            r.add(where, "required")
        return None
    if spec.kind == mf.TEXT:
        # Codes go to the dataclass, which names an unknown one; free text must be text.
        if spec.choices is None and not isinstance(raw, str):
            r.add(where, "invalid")
            return None
        if spec.choices is None and len(raw) > spec.meta.get("max", len(raw)):
            r.add(where, "too_long")
            return None
        return raw
    if spec.kind == mf.INTEGER:
        return r.integer(d, spec.name, path)
    if spec.kind == mf.DATE:
        return r.day(d, spec.name, path)
    if spec.kind == mf.CODES:
        return r.codes(d, spec.name, path)
    if spec.kind == mf.OBJECT:
        return _read(r, spec.cls, raw, where)
    if (rows := r.items(raw, where)) is None:
        return None
    if not rows and spec.required:
        r.add(where, "required")
    return tuple(_read(r, spec.cls, row, f"{where}[{j}]") for j, row in enumerate(rows))


def _values(r: _Reader, cls: type, value: Any, path: str) -> dict[str, Any] | None:
    """The fields of ``cls`` read from ``value``, every problem recorded; ``None`` when it
    cannot be built (not an object, a required field missing or unreadable, or a rule
    between fields broken)."""
    d = r.obj(value, path, tuple(s.name for s in mf.specs(cls)))
    if d is None:
        return None
    values = {s.name: _value(r, s, d, path) for s in mf.specs(cls)}
    complete = all(values[s.name] is not None for s in mf.specs(cls) if s.required)
    if cross := (_region_given if cls is r.household else _CROSS_FIELD.get(cls)):
        complete = cross(r, d, values, path) and complete
    return {k: v for k, v in values.items() if v is not _ABSENT} if complete else None


def _read(r: _Reader, cls: type[_T], value: Any, path: str) -> _T | None:
    values = _values(r, cls, value, path)
    return None if values is None else r.build(cls, path, **values)


# Rules between fields, which no single field's metadata can state, and the one field whose
# null is not its default (a region given as null is refused, as it always was).

def _income_sign(r: _Reader, d: dict[str, Any], values: dict[str, Any], path: str) -> bool:
    """Only a business loss may be negative; other amounts are refused before the item is made."""
    amount = values.get("amount")
    if isinstance(amount, Decimal) and amount < 0 and d.get("category") != "business_net":
        r.add(_join(path, "amount"), "negative")
        return False
    return True


def _emergency_given(r: _Reader, d: dict[str, Any], values: dict[str, Any], path: str) -> bool:
    """An emergency described means there is one: ``has_emergency`` false contradicts it."""
    if d.get("emergency") is not None:
        if values.get("has_emergency") is False:
            r.add(_join(path, "emergency"), "conflict")
        values["has_emergency"] = True
    return True


def _region_given(r: _Reader, d: dict[str, Any], values: dict[str, Any], path: str) -> bool:
    """``region`` may be left out (Shenzhen), not given as null."""
    if "region" in d and d["region"] is None:
        r.add("region", "invalid")
    return True


# The household's own rule (``_region_given``) is looked up by ``_values`` through the class the
# reader was given.
_CROSS_FIELD: dict[type, Callable[[_Reader, dict[str, Any], dict[str, Any], str], bool]] = {
    IncomeItem: _income_sign, Circumstances: _emergency_given,
}


def read_household(household_class: type[_T], data: Any, today: date) -> _T:
    """Read a household of ``household_class``; dates after ``today`` are refused. The rules
    between members (one applicant, one spouse) are checked only once every member reads
    without a problem."""
    r = _Reader(today, household_class)
    values = _values(r, household_class, data, "")
    if r.problems or values is None:
        raise HouseholdError(r.problems)
    household = r.build(household_class, "", **values)
    if r.problems or household is None:
        raise HouseholdError(r.problems)
    return household


def _plain(value: Any) -> Any:
    """Dataclass values to JSON-safe values: Decimal -> fixed-point string, date -> ISO."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return value


def plain(household: Any) -> dict[str, Any]:
    """A household (or any value object of the model) as a JSON-safe dict."""
    found: dict[str, Any] = _plain(household)
    return found
