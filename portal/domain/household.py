"""A household applying for social assistance, and what follows from it.

Guarantees:
- ``Household`` is a frozen dataclass of the value objects in ``household_values`` (every one of
  their names is re-exported here, so ``from portal.domain.household import Member`` works).
- ``None`` always means "not answered"; derivations report the answers they lack as field paths
  (``members[1].lives_with_applicant``) instead of guessing.
- Derivations follow the regulations: co-resident members 《最低生活保障审核确认办法》第七条, income 第十三条,
  assets 第十四条; labour capacity 《特困人员认定办法》第五条; minors 《关于改革完善社会救助制度的意见》（五） and
  《特困人员认定办法》第二十四条.
- Invalid construction raises ``HouseholdError`` carrying (field path, code) problems.

Derivations live in ``members`` (Art. 7, labour capacity) and ``income`` (Art. 13); the
``Household`` methods are shortcuts to them. ``Household.from_dict`` / ``to_dict`` (plain
JSON-like data) are read and written by ``household_reader``. All three import only
``household_values``, below this module, so there is no cycle.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Collection

from portal.domain.household_reader import plain, read_household
from portal.domain.household_values import (
    ALL_SUBTYPES,
    BACHELOR_OR_BELOW,
    CO_RESIDENT_MONTHS_MAX,
    DISABILITY_TYPES,
    EMERGENCY_KINDS,
    EMERGENCY_NEEDS,
    EMPLOYMENT,
    EXTENSION_STAGES,
    FEN,
    HELP_KINDS,
    HOUSE_USES,
    HOUSING_KINDS,
    INCOME_CATEGORIES,
    INCOME_SUBTYPES,
    LABOUR_CAPACITY,
    LIQUID_ASSETS,
    LONG_TERM_CO_RESIDENCE_KEY,
    LONG_TERM_CO_RESIDENCE_MONTHS,
    MEMBER_HUKOU,
    RECEIVING,
    RELATIONS,
    RIGID_KINDS,
    SHENZHEN,
    SHENZHEN_DISTRICT_PATTERN,
    STUDENT_STAGES,
    SUPPORTER_RELATIONS,
    UNEMPLOYED,
    UNINSURED_MONTHS,
    VEHICLE_EXEMPTIONS,
    ZERO,
    Assets,
    Circumstances,
    Disability,
    Emergency,
    House,
    HouseholdError,
    IncomeItem,
    Member,
    Person,
    RigidExpenditure,
    Supporter,
    Vehicle,
    _check,
    _raise,
    to_fen,
)
from portal.domain.income import IncomeSummary, household_income
from portal.domain.members import (
    LabourCapacity,
    Membership,
    labour_capacity,
    membership,
    unemployed_able_members,
)
from portal.domain.model_fields import field_problems

__all__ = [
    "ALL_SUBTYPES",
    "BACHELOR_OR_BELOW",
    "CO_RESIDENT_MONTHS_MAX",
    "DISABILITY_TYPES",
    "EMERGENCY_KINDS",
    "EMERGENCY_NEEDS",
    "EMPLOYMENT",
    "EXTENSION_STAGES",
    "FEN",
    "HELP_KINDS",
    "HOUSE_USES",
    "HOUSING_KINDS",
    "INCOME_CATEGORIES",
    "INCOME_SUBTYPES",
    "LABOUR_CAPACITY",
    "LIQUID_ASSETS",
    "LONG_TERM_CO_RESIDENCE_KEY",
    "LONG_TERM_CO_RESIDENCE_MONTHS",
    "MEMBER_HUKOU",
    "RECEIVING",
    "RELATIONS",
    "RIGID_KINDS",
    "SHENZHEN",
    "SHENZHEN_DISTRICT_PATTERN",
    "STUDENT_STAGES",
    "SUPPORTER_RELATIONS",
    "UNEMPLOYED",
    "UNINSURED_MONTHS",
    "VEHICLE_EXEMPTIONS",
    "ZERO",
    "Assets",
    "Circumstances",
    "Disability",
    "Emergency",
    "House",
    "Household",
    "HouseholdError",
    "IncomeItem",
    "Member",
    "Person",
    "RigidExpenditure",
    "Supporter",
    "Vehicle",
    "to_fen",
]


@dataclass(frozen=True)
class Household:
    """A household: members (exactly one with relation "self"), the region (GB/T 2260 code
    of the district or city whose policy applies), assets, circumstances and the applicant's
    statutory supporters living elsewhere (``None`` = not answered)."""

    members: tuple[Member, ...]
    region: str = SHENZHEN
    assets: Assets = field(default_factory=Assets)
    circumstances: Circumstances = field(default_factory=Circumstances)
    supporters: tuple[Supporter, ...] | None = field(default=None, metadata={
        "description": "null or absent: not answered; an empty list: nobody."})

    def __post_init__(self) -> None:
        # Rules between members, and the form of a region code: no field's metadata says them.
        selves = sum(1 for m in self.members if m.relation == "self")
        spouses = sum(1 for m in self.members if m.relation == "spouse")
        p = field_problems(self)
        _check(p, selves > 0, "members", "no_applicant")
        _check(p, selves <= 1, "members", "multiple_applicants")
        _check(p, spouses <= 1, "members", "multiple_spouses")
        _check(p, not isinstance(self.region, str) or self.region == "CN"
               or (len(self.region) == 6 and self.region.isdigit()), "region", "invalid")
        _raise(p)

    @property
    def applicant_index(self) -> int:
        return next(i for i, m in enumerate(self.members) if m.relation == "self")

    @property
    def applicant(self) -> Member:
        return self.members[self.applicant_index]

    def membership(self, on: date, long_term_months: int = LONG_TERM_CO_RESIDENCE_MONTHS) -> Membership:
        """Who counts on ``on`` (S-DB Art. 7); see ``members.membership``."""
        return membership(self.members, on, long_term_months)

    def income(self, on: date, excluded_types: Collection[str],
               long_term_months: int = LONG_TERM_CO_RESIDENCE_MONTHS) -> IncomeSummary:
        """Art. 13 income of the counted members; ``excluded_types`` and ``long_term_months``
        come from the policy."""
        return household_income(self.members, on, excluded_types, long_term_months)

    def per_capita_income(self, on: date, excluded_types: Collection[str]) -> Decimal | None:
        return self.income(on, excluded_types).per_capita

    def labour_capacity(self, index: int, on: date) -> LabourCapacity:
        return labour_capacity(self.members[index], on)

    def minors(self, on: date) -> tuple[int, ...]:
        """Members under 18 (members of unknown age are not listed)."""
        return tuple(i for i, m in enumerate(self.members)
                     if (a := m.age_on(on)) is not None and a < 18)

    def unemployed_able_members(self, on: date, long_term_months: int = LONG_TERM_CO_RESIDENCE_MONTHS,
                                ) -> tuple[tuple[int, ...], tuple[str, ...]]:
        return unemployed_able_members(self.members, on, long_term_months)

    def receiving(self, programme: str, on: date | None = None,
                  long_term_months: int = LONG_TERM_CO_RESIDENCE_MONTHS) -> bool:
        """Whether a member receives ``programme``; with ``on``, members Art. 7 leaves out
        (a lodger, a member in prison) do not make the household a recipient."""
        left_out = {i for i, _ in self.membership(on, long_term_months).not_counted} if on else set()
        return any(programme in m.receiving for i, m in enumerate(self.members) if i not in left_out)

    @classmethod
    def from_dict(cls, data: Any, today: date) -> "Household":
        """Build from JSON-like data; raises ``HouseholdError`` listing every problem."""
        return read_household(cls, data, today=today)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict (amounts as strings) that ``from_dict`` reads back unchanged."""
        return plain(self)
