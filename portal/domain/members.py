"""Who counts in a household and who can work: 《最低生活保障审核确认办法》第七条 and 《特困人员认定办法》第五条.

Guarantees:
- ``membership`` decides every member it can and lists, as field paths, the answers it needs
  for the others; it never assumes co-residence, an age or full-time study.
- ``labour_capacity`` follows S-TK Art. 5 exactly; anything else pointing to "no labour
  capacity" (a declaration, a multiple disability) is "uncertain", for an assessment.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Sequence

from portal.domain.household_values import (
    BACHELOR_OR_BELOW,
    EXTENSION_STAGES,
    LONG_TERM_CO_RESIDENCE_MONTHS,
    UNEMPLOYED,
    Member,
    Supporter,
)


@dataclass(frozen=True)
class LabourCapacity:
    """Labour capacity under S-TK Art. 5. ``status`` is "none" (no labour capacity), "has",
    "uncertain" (only a declaration or a multiple disability points to none: an assessment
    decides) or "unknown" (age missing). ``basis`` is a reason code."""

    status: str
    basis: str


def labour_capacity(member: Member | Supporter, on: date) -> LabourCapacity:
    """S-TK Art. 5: no labour capacity at age >= 60 or < 16, intellectual or mental disability
    grade 1-3, physical grade 1-2, visual grade 1. Hearing and speech disabilities never
    qualify alone; a multiple disability's qualifying component is not recorded, so it is
    "uncertain", as is a declared "none" without a statutory ground (Art. 5 (6): province)."""
    age = member.age_on(on)
    if age is not None and age >= 60:
        return LabourCapacity("none", "age_60_or_over")
    if age is not None and age < 16:
        return LabourCapacity("none", "age_under_16")
    d = member.disability
    if d is not None and (
        (d.type in ("intellectual", "mental") and d.grade <= 3)
        or (d.type == "physical" and d.grade <= 2)
        or (d.type == "visual" and d.grade == 1)
    ):
        return LabourCapacity("none", "disability")
    if d is not None and d.type == "multiple" and d.grade <= 3:
        return LabourCapacity("uncertain", "multiple_disability")
    if age is None:
        return LabourCapacity("unknown", "age_unknown")
    if isinstance(member, Member) and member.labour_capacity == "none":
        return LabourCapacity("uncertain", "declared_none")
    return LabourCapacity("has", "no_statutory_ground")


def in_minor_extension(member: Member, on: date) -> bool:
    """Aged 18 or over and still in compulsory education, 普通高中 or 中职 (S-TK Art. 24)."""
    age = member.age_on(on)
    return age is not None and age >= 18 and member.student_stage in EXTENSION_STAGES


@dataclass(frozen=True)
class Membership:
    """Who counts as a co-resident family member (S-DB Art. 7) on a date.

    ``counted`` and ``not_counted`` hold (member index, basis code); ``missing`` the answers
    needed to decide the remaining members. Basis codes: self, spouse, minor_child,
    dependent_adult_child, co_resident_duty; excluded_serving_sentence,
    excluded_compulsory_rehab, excluded_declared_missing, excluded_clergy_apart,
    not_co_resident, not_long_term_co_resident, no_statutory_duty."""

    counted: tuple[tuple[int, str], ...]
    not_counted: tuple[tuple[int, str], ...]
    missing: tuple[str, ...]

    @property
    def indices(self) -> tuple[int, ...]:
        return tuple(i for i, _ in self.counted)

    @property
    def size(self) -> int:
        return len(self.counted)

    @property
    def complete(self) -> bool:
        return not self.missing


_COUNTED_BASES = frozenset({"self", "spouse", "minor_child", "dependent_adult_child",
                            "co_resident_duty"})
_DUTY_RELATIONS = frozenset({"parent", "grandparent", "grandchild", "sibling", "other_dependant"})


def membership(members: Sequence[Member], on: date,
               long_term_months: int = LONG_TERM_CO_RESIDENCE_MONTHS) -> Membership:
    """Art. 7 applied to every member (indices are positions in ``members``).

    ``long_term_months`` is the policy figure ``long_term_co_residence_months`` (a design value,
    to confirm): the screening passes it from its policy (``means.Context``); the default, the
    shipped value, serves only callers without a policy (see ``LONG_TERM_CO_RESIDENCE_MONTHS``)."""
    counted: list[tuple[int, str]] = []
    not_counted: list[tuple[int, str]] = []
    missing: list[str] = []
    for i, m in enumerate(members):
        basis, lacking = _member_basis(m, i, on, long_term_months)
        missing.extend(lacking)
        if basis is None:
            continue
        (counted if basis in _COUNTED_BASES else not_counted).append((i, basis))
    return Membership(tuple(counted), tuple(not_counted), tuple(missing))


def unemployed_able_members(members: Sequence[Member], on: date,
                            long_term_months: int = LONG_TERM_CO_RESIDENCE_MONTHS,
                            ) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """Counted members with labour capacity (so aged 16-59) who are unemployed, and the
    answers missing to tell (employment status, age)."""
    found: list[int] = []
    missing: list[str] = []
    for i in membership(members, on, long_term_months).indices:
        m = members[i]
        capacity = labour_capacity(m, on)
        if capacity.status == "unknown":
            missing.append(f"members[{i}].birth_date")
        elif capacity.status == "has":
            if m.employment is None:
                missing.append(f"members[{i}].employment")
            elif m.employment in UNEMPLOYED:
                found.append(i)
    return tuple(found), tuple(missing)


def _member_basis(m: Member, i: int, on: date, long_term_months: int) -> tuple[str | None, list[str]]:
    """Art. 7: (basis code or None if undecided, answers missing)."""
    if m.exclusion:
        return m.exclusion, []
    if m.relation in ("self", "spouse"):
        return m.relation, []
    if m.relation == "other":
        return "no_statutory_duty", []
    if m.relation in _DUTY_RELATIONS:
        # Art. 7 (4): a statutory duty AND long-term co-residence (co_resident_months, when asked).
        if m.lives_with_applicant is None:
            return None, [f"members[{i}].lives_with_applicant"]
        return _co_resident(m, long_term_months), []
    # Sons and daughters: minors (2) and dependent adults (3) count wherever they live and
    # however long; other adult children count through (4) when they live with the applicant
    # for the long term.
    age = m.age_on(on)
    if age is not None and age < 18:
        return "minor_child", []
    if _long_term(m, long_term_months):
        return "co_resident_duty", []
    if age is None:
        return None, [f"members[{i}].birth_date"]
    if m.student_stage in BACHELOR_OR_BELOW:
        if m.full_time is None:
            return None, [f"members[{i}].full_time"]
        if m.full_time:
            return "dependent_adult_child", []
    if labour_capacity(m, on).status == "none" or m.labour_capacity == "none":
        return "dependent_adult_child", []
    if m.lives_with_applicant is None:
        return None, [f"members[{i}].lives_with_applicant"]
    return _co_resident(m, long_term_months), []


def _long_term(m: Member, long_term_months: int) -> bool:
    """Art. 7 (4): living with the applicant and, when the period was asked, for the long term."""
    return bool(m.lives_with_applicant) and (
        m.co_resident_months is None or m.co_resident_months >= long_term_months)


def _co_resident(m: Member, long_term_months: int) -> str:
    """Art. 7 (4) for a member whose co-residence is answered."""
    if _long_term(m, long_term_months):
        return "co_resident_duty"
    return "not_long_term_co_resident" if m.lives_with_applicant else "not_co_resident"
