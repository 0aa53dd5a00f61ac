"""Household <-> plain JSON-like dicts, for the JSON API and the application journey.

Guarantees:
- ``household_from_dict`` either returns a valid ``Household`` or raises ``HouseholdError``
  listing EVERY problem found as (field path, code), e.g. ``("members[1].age", "out_of_range")``.
  Codes: required, unknown_field, not_an_object, not_a_list, not_a_boolean, not_a_number,
  not_an_integer, too_precise, too_large, negative, not_a_date, future_date, conflict,
  unknown_choice, out_of_range, not_allowed, invalid, no_applicant, multiple_applicants,
  multiple_spouses.
- Unknown keys are refused (a typo must not silently become "not answered").
- ``null`` and an absent key mean "not answered" for questions that can stay open
  (birth date, co-residence, income, assets, circumstances, supporters); flags such as
  ``serving_sentence`` default to false. Amounts may be strings, integers or decimals, to the
  fen; floats are read through their shortest decimal form, never used as floats.
- ``household_to_dict`` produces data that ``household_from_dict`` reads back equal.
"""
from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from typing import Any, Callable, TypeVar

from portal.domain.household import (
    FEN, RIGID_KINDS, SHENZHEN, Assets, Circumstances, Disability, Emergency, House, Household,
    HouseholdError, IncomeItem, Member, RigidExpenditure, Supporter, Vehicle,
)

_MAX_MONEY = Decimal("1000000000000")  # 10^12 yuan: anything larger is a typing error
_ABSENT = object()
_T = TypeVar("_T")


class _Reader:
    """Collects problems while reading nested data, so that one error does not hide another."""

    def __init__(self, today: date):
        self.today = today
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

    def money(self, data: dict[str, Any], key: str, path: str, *, required: bool = False,
              allow_negative: bool = False) -> Decimal | None:
        value = data.get(key)
        where = _join(path, key)
        if value is None or value == "":
            if required:
                self.add(where, "required")
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


def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def flags(cls: type) -> dict[str, bool]:
    """The yes/no facts of a value object, read off its fields, in field order: name -> True when
    ``null`` means "not answered" (a ``bool | None`` field), False when it means false (``bool``).

    The reader below, the API's JSON Schema and the journey's mapper take them from here, so a
    new yes/no fact about a person is one field on the dataclass.
    """
    return {f.name: f.type == "bool | None" for f in fields(cls) if f.type in ("bool", "bool | None")}


def _flags(r: _Reader, d: dict[str, Any], path: str, cls: type) -> dict[str, bool | None]:
    return {name: r.flag(d, name, path, tri_state=open_) for name, open_ in flags(cls).items()}


def household_from_dict(data: Any, today: date) -> Household:
    """Read a household; dates after ``today`` are refused."""
    r = _Reader(today)
    top = r.obj(data, "", ("region", "members", "assets", "circumstances", "supporters"))
    if top is None:
        raise HouseholdError(r.problems)
    region = top.get("region", SHENZHEN)
    if not isinstance(region, str):
        r.add("region", "invalid")
        region = SHENZHEN

    members: list[Member | None] = []
    raw_members = top.get("members")
    if raw_members is None or raw_members == []:
        r.add("members", "required")
    elif (listed := r.items(raw_members, "members")) is not None:
        members = [_member(r, item, f"members[{i}]") for i, item in enumerate(listed)]

    assets = Assets()
    if top.get("assets") is not None:
        assets = _assets(r, top["assets"]) or Assets()
    circumstances = Circumstances()
    if top.get("circumstances") is not None:
        circumstances = _circumstances(r, top["circumstances"]) or Circumstances()
    supporters = None
    if top.get("supporters") is not None and (listed := r.items(top["supporters"], "supporters")) is not None:
        supporters = tuple(_supporter(r, item, f"supporters[{i}]") for i, item in enumerate(listed))

    if r.problems:
        raise HouseholdError(r.problems)
    household = r.build(Household, "", members=tuple(members), region=region, assets=assets,
                        circumstances=circumstances, supporters=supporters)
    if r.problems or household is None:
        raise HouseholdError(r.problems)
    return household


def _disability(r: _Reader, value: Any, path: str) -> Disability | None:
    d = r.obj(value, path, ("type", "grade"))
    if d is None:
        return None
    grade = r.integer(d, "grade", path)
    if d.get("type") is None:
        r.add(_join(path, "type"), "required")
    if d.get("grade") is None:
        r.add(_join(path, "grade"), "required")
    if d.get("type") is None or grade is None:
        return None
    return r.build(Disability, path, type=d["type"], grade=grade)


def _person(r: _Reader, value: Any, path: str, cls: type) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """What a member and a supporter share: the object, its relation (required), birth date and
    age; ``None`` when the rest cannot be read."""
    d = r.obj(value, path, _names(cls))
    if d is None:
        return None
    if d.get("relation") is None:
        r.add(_join(path, "relation"), "required")
        return None
    return d, {"relation": d["relation"], "birth_date": r.day(d, "birth_date", path), "age": r.integer(d, "age", path)}


def _member(r: _Reader, value: Any, path: str) -> Member | None:
    if (read := _person(r, value, path, Member)) is None:
        return None
    d, person = read
    income = None
    if d.get("income") is not None and (rows := r.items(d["income"], _join(path, "income"))) is not None:
        income = tuple(_income(r, row, f"{path}.income[{j}]") for j, row in enumerate(rows))
    disability = _disability(r, d["disability"], _join(path, "disability")) if d.get("disability") else None
    return r.build(
        Member, path, **person,
        **_flags(r, d, path, Member),
        student_stage=d.get("student_stage") or "none",
        labour_capacity=d.get("labour_capacity"),
        disability=disability,
        employment=d.get("employment"),
        receiving=r.codes(d, "receiving", path),
        income=income,
        hukou=_text(r, d, "hukou", path),
        co_resident_months=r.integer(d, "co_resident_months", path),
        months_without_income=r.integer(d, "months_without_income", path),
    )


def _text(r: _Reader, d: dict[str, Any], key: str, path: str) -> str | None:
    value = d.get(key)
    if value is None or isinstance(value, str):
        return value
    r.add(_join(path, key), "unknown_choice")
    return None


def _income(r: _Reader, value: Any, path: str) -> IncomeItem | None:
    d = r.obj(value, path, ("category", "amount", "subtype"))
    if d is None:
        return None
    if d.get("category") is None:
        r.add(_join(path, "category"), "required")
        return None
    amount = r.money(d, "amount", path, required=True,
                     allow_negative=d.get("category") == "business_net")
    if amount is None:
        return None
    return r.build(IncomeItem, path, category=d["category"], amount=amount, subtype=d.get("subtype"))


def _assets(r: _Reader, value: Any) -> Assets | None:
    d = r.obj(value, "assets", _names(Assets))
    if d is None:
        return None
    liquid = {name: r.money(d, name, "assets") for name in
              ("deposits", "securities", "insurance_cash_value", "internet_finance", "receivables")}
    vehicles = houses = None
    if d.get("vehicles") is not None and (rows := r.items(d["vehicles"], "assets.vehicles")) is not None:
        vehicles = tuple(_vehicle(r, row, f"assets.vehicles[{j}]") for j, row in enumerate(rows))
    if d.get("houses") is not None and (rows := r.items(d["houses"], "assets.houses")) is not None:
        houses = tuple(_house(r, row, f"assets.houses[{j}]") for j, row in enumerate(rows))
    return r.build(Assets, "assets", vehicles=vehicles, houses=houses,
                   business_registrations=r.integer(d, "business_registrations", "assets"), **liquid)


def _vehicle(r: _Reader, value: Any, path: str) -> Vehicle | None:
    d = r.obj(value, path, ("value", "exemption"))
    if d is None:
        return None
    amount = r.money(d, "value", path, required=True)
    return None if amount is None else r.build(Vehicle, path, value=amount, exemption=d.get("exemption"))


def _house(r: _Reader, value: Any, path: str) -> House | None:
    d = r.obj(value, path, ("use", "area_m2"))
    if d is None:
        return None
    if d.get("use") is None:
        r.add(_join(path, "use"), "required")
        return None
    return r.build(House, path, use=d["use"], area_m2=r.money(d, "area_m2", path))


def _circumstances(r: _Reader, value: Any) -> Circumstances | None:
    path = "circumstances"
    d = r.obj(value, path, _names(Circumstances))
    if d is None:
        return None
    rigid = None
    if d.get("rigid_expenditure") is not None:
        rp = _join(path, "rigid_expenditure")
        rd = r.obj(d["rigid_expenditure"], rp, RIGID_KINDS)
        if rd is not None:
            amounts = {k: r.money(rd, k, rp) for k in RIGID_KINDS}
            rigid = r.build(RigidExpenditure, rp,
                            **{k: v for k, v in amounts.items() if v is not None})
    emergency = None
    if d.get("emergency") is not None:
        ep = _join(path, "emergency")
        ed = r.obj(d["emergency"], ep, _names(Emergency))
        if ed is not None:
            if ed.get("kind") is None:
                r.add(_join(ep, "kind"), "required")
            else:
                place = ed.get("place")
                if place is not None and not isinstance(place, str):
                    r.add(_join(ep, "place"), "invalid")
                    place = None
                emergency = r.build(Emergency, ep, kind=ed["kind"], date=r.day(ed, "date", ep),
                                    place=place, **_emergency_help(r, ed, ep))
    has_emergency = r.flag(d, "has_emergency", path, tri_state=True)
    if d.get("emergency") is not None:
        if has_emergency is False:
            r.add(_join(path, "emergency"), "conflict")
        has_emergency = True
    return r.build(Circumstances, path, rigid_expenditure=rigid,
                   housing_kind=_text(r, d, "housing_kind", path),
                   housing_difficulty=r.flag(d, "housing_difficulty", path, tri_state=True),
                   disaster=r.flag(d, "disaster", path, tri_state=True),
                   has_emergency=has_emergency, emergency=emergency)


def _emergency_help(r: _Reader, ed: dict[str, Any], path: str) -> dict[str, Any]:
    """What is needed now and the help already received (absent: not asked)."""
    codes = {key: (tuple(r.codes(ed, key, path)) if ed.get(key) is not None else None)
             for key in ("needs", "help_kinds")}
    return {**codes, "help_received": r.money(ed, "help_received", path)}


def _supporter(r: _Reader, value: Any, path: str) -> Supporter | None:
    if (read := _person(r, value, path, Supporter)) is None:
        return None
    d, person = read
    disability = _disability(r, d["disability"], _join(path, "disability")) if d.get("disability") else None
    return r.build(
        Supporter, path, **person,
        **_flags(r, d, path, Supporter),
        receiving=r.codes(d, "receiving", path),
        disability=disability,
        income_per_capita=r.money(d, "income_per_capita", path),
    )


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


def household_to_dict(household: Household) -> dict[str, Any]:
    plain: dict[str, Any] = _plain(household)
    return plain
