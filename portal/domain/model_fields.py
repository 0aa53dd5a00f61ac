"""The household model's fields, read once from the dataclasses: what the reader
(``household_reader``), the API's JSON Schema (``portal.api.schemas``) and the dataclasses' own
checks walk, so that a fact is described in one place.

A field is described by its type annotation and its ``dataclasses.field`` metadata:

- ``choices``: the codes a string, or each string of a tuple, may take;
- ``pattern``: with ``choices``, a regular expression a string may match instead of being one of
  them (a member's registration: a Shenzhen district code, or "elsewhere" or "unknown");
- ``min`` / ``max``: bounds of an integer; ``max`` of a free text is its longest length;
- ``signed``: money that may be negative;
- ``description``: what the API's JSON Schema says about the field.

For example ``employment: str | None = field(default=None, metadata={"choices": EMPLOYMENT})``.
The annotations the walk reads: ``bool``, ``int``, ``str``, ``Decimal``, ``date``,
``tuple[str, ...]``, a dataclass and ``tuple[Dataclass, ...]``, each possibly ``| None``; any
other raises ``TypeError`` the first time the class is walked, so a new field cannot be missed.
"""
from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import MISSING, dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

# What a field holds, by its annotation without "| None".
FLAG, INTEGER, TEXT, MONEY, DATE, CODES, OBJECT, OBJECTS = (
    "flag", "integer", "text", "money", "date", "codes", "object", "objects")
_SCALARS: dict[Any, str] = {bool: FLAG, int: INTEGER, str: TEXT, Decimal: MONEY, date: DATE}


@dataclass(frozen=True)
class Spec:
    """One field: ``kind`` (above), ``nullable`` (``| None``: null means "not answered"),
    ``required`` (no default), ``default`` (the default value, ``None`` when required), its
    metadata, and ``of``, the dataclass of an object or of the items of a tuple of objects."""

    name: str
    kind: str
    nullable: bool
    required: bool
    default: Any
    meta: Mapping[str, Any]
    of: type | None = None

    @property
    def cls(self) -> type:
        """The dataclass of an object field, or of the items of a tuple of objects."""
        if self.of is None:
            raise TypeError(f"{self.name} holds no dataclass")
        return self.of

    @property
    def choices(self) -> tuple[str, ...] | None:
        choices: tuple[str, ...] | None = self.meta.get("choices")
        return choices


def _kind(hint: Any, where: str) -> tuple[str, type | None]:
    if hint in _SCALARS:
        return _SCALARS[hint], None
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return OBJECT, hint
    args = typing.get_args(hint)
    if typing.get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis:
        if args[0] is str:
            return CODES, None
        if dataclasses.is_dataclass(args[0]) and isinstance(args[0], type):
            return OBJECTS, args[0]
    raise TypeError(f"{where}: the household model cannot read a field of type {hint!r}")


@cache
def specs(cls: type) -> tuple[Spec, ...]:
    """The fields of a dataclass of the household model, in their order."""
    hints = typing.get_type_hints(cls)
    found = []
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        nullable = False
        if typing.get_origin(hint) in (typing.Union, types.UnionType):
            others = [a for a in typing.get_args(hint) if a is not type(None)]
            nullable = len(others) < len(typing.get_args(hint))
            if len(others) != 1:
                raise TypeError(f"{cls.__name__}.{f.name}: one type, or one type | None")
            hint = others[0]
        kind, of = _kind(hint, f"{cls.__name__}.{f.name}")
        if f.default is not MISSING:
            default, required = f.default, False
        elif f.default_factory is not MISSING:
            default, required = f.default_factory(), False
        else:
            default, required = None, True
        found.append(Spec(f.name, kind, nullable, required, default, f.metadata, of))
    return tuple(found)


def flags(cls: type) -> dict[str, bool]:
    """The yes/no facts of a class, in field order: name -> True when ``null`` means "not
    answered" (a ``bool | None`` field), False when it means false (``bool``)."""
    return {s.name: s.nullable for s in specs(cls) if s.kind == FLAG}


def _problem(spec: Spec, value: Any) -> str | None:
    meta = spec.meta
    if spec.kind == TEXT:
        if spec.choices is not None:
            pattern = meta.get("pattern")
            matches = pattern is not None and isinstance(value, str) and re.match(pattern, value) is not None
            return None if value in spec.choices or matches else "unknown_choice"
        if not isinstance(value, str):
            return "invalid"
        return "too_long" if "max" in meta and len(value) > meta["max"] else None
    if spec.kind == INTEGER:
        # A number in a closed range (an age, a grade) is "out_of_range" outside it; a count
        # with only a lower bound is "invalid" below it (the codes the API has always given).
        ok = type(value) is int and meta.get("min", value) <= value <= meta.get("max", value)
        return None if ok else ("out_of_range" if "max" in meta else "invalid")
    if spec.kind == MONEY:
        ok = isinstance(value, Decimal) and value.is_finite() and (meta.get("signed") or value >= 0)
        return None if ok else "invalid"
    if spec.kind == CODES and spec.choices is not None:
        return None if all(code in spec.choices for code in value) else "unknown_choice"
    return None  # flags, dates and nested objects: their types and their own checks suffice


def field_problems(obj: Any, skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(field, code) for each field of ``obj`` that breaks its metadata: an unknown choice, an
    integer out of its bounds, money that is not a finite, non-negative (unless ``signed``)
    ``Decimal``. ``None`` is fine where the annotation allows it; ``skip`` names fields whose
    check depends on another field and is made by the class itself."""
    problems = []
    cls: type = obj.__class__
    for spec in specs(cls):
        value = getattr(obj, spec.name)
        if spec.name in skip or (value is None and spec.nullable):
            continue
        if (code := _problem(spec, value)) is not None:
            problems.append((spec.name, code))
    return problems
