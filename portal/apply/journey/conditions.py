"""Declarative skip rules: small conditions on the answers, combined with All/Any/Not.

Each condition is a frozen dataclass, so the steps specification reads as data and a test
can print it. A condition is evaluated on a :class:`Ctx`: the answers, the member the page
is about (for pages repeated per member) and today's date (ages come from ID numbers).
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date
from typing import Any

from portal.apply.answers import shape as A


@dataclass(frozen=True)
class Ctx:
    answers: dict
    member: dict | None
    today: date


class Cond(ABC):
    @abstractmethod
    def __call__(self, ctx: Ctx) -> bool:
        """Whether the condition holds for these answers."""


@dataclass(frozen=True)
class Always(Cond):
    def __call__(self, ctx: Ctx) -> bool:
        return True


@dataclass(frozen=True)
class Is(Cond):
    """The answer at ``path`` equals ``value``."""

    path: str
    value: Any

    def __call__(self, ctx: Ctx) -> bool:
        return A.get(ctx.answers, self.path) == self.value


@dataclass(frozen=True)
class Has(Cond):
    """The list answer at ``path`` contains ``item``."""

    path: str
    item: str

    def __call__(self, ctx: Ctx) -> bool:
        value = A.get(ctx.answers, self.path)
        return isinstance(value, list) and self.item in value


@dataclass(frozen=True)
class NonEmpty(Cond):
    path: str

    def __call__(self, ctx: Ctx) -> bool:
        return bool(A.get(ctx.answers, self.path))


@dataclass(frozen=True)
class Chose(Cond):
    """Any of ``types`` was chosen; "assess everything" counts as choosing every type."""

    types: tuple[str, ...]

    def __call__(self, ctx: Ctx) -> bool:
        chosen = A.chosen_types(ctx.answers)
        return A.ASSESS_ALL in chosen or any(t in chosen for t in self.types)


@dataclass(frozen=True)
class MemberIs(Cond):
    field: str
    value: Any

    def __call__(self, ctx: Ctx) -> bool:
        return ctx.member is not None and ctx.member.get(self.field) == self.value


@dataclass(frozen=True)
class MemberNot(Cond):
    field: str
    value: Any

    def __call__(self, ctx: Ctx) -> bool:
        return ctx.member is not None and ctx.member.get(self.field) != self.value


@dataclass(frozen=True)
class MemberIn(Cond):
    field: str
    values: tuple[Any, ...]

    def __call__(self, ctx: Ctx) -> bool:
        return ctx.member is not None and ctx.member.get(self.field) in self.values


@dataclass(frozen=True)
class MemberAgeAtLeast(Cond):
    """The member's age from their ID number is at least ``years`` (unknown age: False)."""

    years: int

    def __call__(self, ctx: Ctx) -> bool:
        years = A.age(ctx.member, ctx.today)
        return years is not None and years >= self.years


@dataclass(frozen=True)
class MemberCounted(Cond):
    """The member is not excluded by S-DB Art. 7 (their income counts)."""

    def __call__(self, ctx: Ctx) -> bool:
        return ctx.member is not None and A.in_household(ctx.member)


@dataclass(frozen=True)
class MemberIncome(Cond):
    """The member named at least one income source."""

    def __call__(self, ctx: Ctx) -> bool:
        if ctx.member is None:
            return False
        sources = A.get(ctx.answers, f"income.{ctx.member.get('ref')}.sources") or []
        return bool(sources)


@dataclass(frozen=True)
class All(Cond):
    conds: tuple[Cond, ...]

    def __call__(self, ctx: Ctx) -> bool:
        return all(c(ctx) for c in self.conds)


@dataclass(frozen=True)
class AnyOf(Cond):
    conds: tuple[Cond, ...]

    def __call__(self, ctx: Ctx) -> bool:
        return any(c(ctx) for c in self.conds)


@dataclass(frozen=True)
class Not(Cond):
    cond: Cond

    def __call__(self, ctx: Ctx) -> bool:
        return not self.cond(ctx)


ALWAYS = Always()


@dataclass(frozen=True)
class OnePerson(Cond):
    """The applicant is the household's only member."""

    def __call__(self, ctx: Ctx) -> bool:
        people = A.members(ctx.answers)
        return len(people) == 1 and people[0].get("relation") == "self"
