"""The value objects a household is made of (members, income items, assets, circumstances,
supporters) and the codes they take: the bottom of the household model.

Guarantees:
- Every object is a frozen dataclass; money is ``Decimal`` yuan (never float), income is monthly.
- ``None`` always means "not answered"; flags that default to ``False`` (exclusions, serious
  illness) and an absent disability mean "no".
- Invalid construction raises ``HouseholdError`` carrying (field path, code) problems.
- Each field's ``metadata`` (``choices``, ``min``, ``max``, ``signed``, ``description``; see
  ``model_fields``) is the one description of a fact: the checks below, the reader
  (``household_reader``) and the API's JSON Schema are all derived from it. Code in
  ``__post_init__`` states only rules between fields.

The rules over these objects (``members``: Art. 7 and labour capacity; ``income``: Art. 13) and
the reader import this module; ``household`` (the ``Household`` and its derivations) sits above
them all and re-exports every name here, so ``from portal.domain.household import Member``
keeps working.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Collection, Iterable

from portal.domain.ids import age_on
from portal.domain.model_fields import field_problems

FEN = Decimal("0.01")
ZERO = Decimal("0")
SHENZHEN = "440300"

RELATIONS = ("self", "spouse", "son", "daughter", "parent", "grandparent", "grandchild",
             "sibling", "other_dependant", "other")
STUDENT_STAGES = ("none", "preschool", "primary", "junior", "senior_general",
                  "secondary_vocational", "higher_vocational", "bachelor", "postgraduate")
# Art. 7 (3): adult children in full-time education "本科及以下" are co-resident members.
BACHELOR_OR_BELOW = frozenset(STUDENT_STAGES[1:8])
# S-TK Art. 24: past 18, support continues in compulsory education, 普通高中 or 中职.
EXTENSION_STAGES = frozenset({"primary", "junior", "senior_general", "secondary_vocational"})
LABOUR_CAPACITY = ("full", "partial", "none")
DISABILITY_TYPES = ("visual", "hearing", "speech", "physical", "intellectual", "mental", "multiple")
EMPLOYMENT = ("employed", "unemployed", "registered_unemployed", "student", "retired", "other")
UNEMPLOYED = frozenset({"unemployed", "registered_unemployed"})
RECEIVING = ("dibao", "low_income", "tekun", "rigid_expenditure", "temporary", "orphan",
             "unsupported_child", "medical", "education", "housing", "employment", "other")
INCOME_CATEGORIES = ("wages", "employment_costs", "business_net", "property", "transfer",
                     "transfer_out", "excluded")
INCOME_SUBTYPES: dict[str, tuple[str, ...]] = {
    "transfer": ("maintenance_received", "pension", "unemployment_benefit", "survivor_benefit",
                 "compensation", "gift", "other",
                 # Support paid by brothers or sisters, or by carers aged 60 or over: counted, but it may
                 # be left out for an adult without work and severely disabled applying alone (S-DD 一(一)).
                 "support_sibling_or_carer_60"),
    "transfer_out": ("tax", "social_insurance", "maintenance_paid", "other_regular"),
    # Art. 13 exclusions, plus 高龄津贴 (S-TK Art. 6). Whether each is left out is policy data.
    "excluded": ("veteran_benefits", "family_planning_reward", "scholarship", "heroic_deed_reward",
                 "social_assistance", "resident_basic_pension", "old_age_allowance"),
}
ALL_SUBTYPES = tuple(code for codes in INCOME_SUBTYPES.values() for code in codes)
VEHICLE_EXEMPTIONS = ("disabled_member", "work")
HOUSE_USES = ("self_occupied", "rented_out", "vacant", "business", "other")
RIGID_KINDS = ("medical", "education", "rehabilitation", "basic_living", "other")
EMERGENCY_KINDS = ("fire", "traffic_accident", "sudden_illness", "other_accident",
                   "natural_disaster", "stranded", "expenditure", "other")
# What an emergency household needs now and the help it already received (《关于进一步加强和改进
# 临时救助工作的意见》二(二): cash or in kind, directly).
EMERGENCY_NEEDS = ("shelter", "food", "medical", "money", "travel_home", "other")
HELP_KINDS = ("insurance", "donation", "compensation", "other_assistance")
# What the housing difficulty is (《社会救助暂行办法》第四十条: public rental housing or a rent
# allowance for those without adequate housing, repair of a dangerous house).
HOUSING_KINDS = ("no_home", "rent_unaffordable", "overcrowded", "unsafe_home", "other")
SUPPORTER_RELATIONS = ("spouse", "parent", "child", "grandparent", "grandchild", "sibling",
                       "other_dependant")
LIQUID_ASSETS = ("deposits", "securities", "insurance_cash_value", "internet_finance", "receivables")
# A member's own household registration (户籍, S-DB Art. 5): a Shenzhen district code (GB/T 2260,
# "4403xx"), or one of these.
MEMBER_HUKOU = ("elsewhere", "unknown")
SHENZHEN_DISTRICT_PATTERN = "^4403(0[1-9]|[1-9][0-9])$"
# 长期共同居住 (《最低生活保障审核确认办法》第七条第四项): no source gives the period. [I] A design value,
# to confirm with the Shenzhen civil-affairs bureau, kept as the dated policy figure
# ``long_term_co_residence_months`` (portal/data/policy/assistance.json): co-residence shorter than it
# is not long-term, so a relative counted only through Art. 7 (4) is not counted. The screening reads
# the figure from its policy (means.Context), and every rule module passes ctx.long_term_months on;
# this shipped value is only the default of callers without a policy: today no product code calls
# Household.membership/income/receiving/unemployed_able_members without it, only tests do.
LONG_TERM_CO_RESIDENCE_KEY = "long_term_co_residence_months"
LONG_TERM_CO_RESIDENCE_MONTHS = 6
CO_RESIDENT_MONTHS_MAX = 130 * 12
# S-DD 二(一): unemployed people without unemployment insurance, after this many months without
# income, may get one-off temporary aid where they work or live. The 3 months are in the text
# itself (rules.md, temporary assistance, [V]): a constant with its article, not a policy figure.
UNINSURED_MONTHS = 3


_BIRTH_TEXT = "Not after the screening date; give it or age, not both."
_AGE_TEXT = "Age in completed years on the screening date; give it or birth_date, not both."


class HouseholdError(ValueError):
    """Invalid household data; ``problems`` is a list of (field path, code), e.g.
    ``("members[1].birth_date", "not_a_date")``, so an API can answer 422 per field."""

    def __init__(self, problems: Iterable[tuple[str, str]]):
        self.problems: list[tuple[str, str]] = list(problems)
        super().__init__("; ".join(f"{path}: {code}" for path, code in self.problems))


def to_fen(value: Decimal) -> Decimal:
    """Round to the fen, half up (display and figures; comparisons use exact values)."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def _check(problems: list[tuple[str, str]], ok: bool, path: str, code: str) -> None:
    if not ok:
        problems.append((path, code))


def _money_ok(value: Any, allow_negative: bool = False) -> bool:
    return (isinstance(value, Decimal) and value.is_finite()
            and (allow_negative or value >= 0))


def _raise(problems: list[tuple[str, str]]) -> None:
    if problems:
        raise HouseholdError(problems)


@dataclass(frozen=True)
class Disability:
    """A 残疾人证: type and grade (1 = most severe, 4 = mildest)."""

    type: str = field(metadata={"choices": DISABILITY_TYPES})
    grade: int = field(metadata={"min": 1, "max": 4})

    def __post_init__(self) -> None:
        _raise(field_problems(self))

    @property
    def severe(self) -> bool:
        """重度残疾: grade 1-2 of any type (S-DB Art. 8; S-TK Art. 8)."""
        return self.grade <= 2


@dataclass(frozen=True)
class IncomeItem:
    """One monthly income source of a member, in yuan.

    ``employment_costs`` and ``transfer_out`` are deducted (S-DB Art. 13 (1), (4));
    ``business_net`` may be negative (a loss); every other amount is >= 0.
    """

    category: str = field(metadata={"choices": INCOME_CATEGORIES})
    # Both depend on the category (checked below): only business_net may be negative; the
    # subtypes allowed are the category's own.
    amount: Decimal = field(metadata={"signed": True})
    subtype: str | None = field(default=None, metadata={"choices": ALL_SUBTYPES})

    def __post_init__(self) -> None:
        p = field_problems(self, skip=("amount", "subtype"))
        _check(p, _money_ok(self.amount, allow_negative=self.category == "business_net"),
               "amount", "invalid")
        allowed = INCOME_SUBTYPES.get(self.category)
        if allowed is None:
            _check(p, self.subtype is None, "subtype", "not_allowed")
        else:
            _check(p, self.subtype in allowed, "subtype",
                   "required" if self.subtype is None else "unknown_choice")
        _raise(p)


@dataclass(frozen=True)
class Person:
    """What a member and a supporter share: who they are to the applicant (each class gives the
    relations it allows) and their age, known by birth date or, failing that, in years."""

    relation: str
    birth_date: date | None = field(default=None, metadata={"description": _BIRTH_TEXT})
    age: int | None = field(default=None, metadata={"min": 0, "max": 130, "description": _AGE_TEXT})

    def __post_init__(self) -> None:
        p = field_problems(self)
        _check(p, self.age is None or self.birth_date is None, "age", "conflict")
        _raise(p)

    def age_on(self, on: date) -> int | None:
        """Completed years on ``on``; ``None`` when neither birth date nor age is known."""
        if self.birth_date is not None:
            return age_on(self.birth_date, on)
        return self.age


@dataclass(frozen=True)
class Member(Person):
    """A person in the household, described relative to the applicant (relation "self").

    ``age`` is used only when ``birth_date`` is absent and is taken as the age on the
    screening date. ``income`` is ``None`` when not answered, ``()`` for no income.
    """

    relation: str = field(metadata={"choices": RELATIONS,
                                    "description": "Exactly one member is self; at most one is spouse."})
    lives_with_applicant: bool | None = None
    serving_sentence: bool = False
    compulsory_rehab: bool = False
    declared_missing: bool = False
    clergy_apart_3y: bool = False
    clergy_at_venue_3y: bool = field(default=False, metadata={
        "description": "A member of the clergy living in a religious venue for 3 years or more, who may "
                       "apply alone (S-DB Art. 8 (3))."})
    student_stage: str = field(default="none", metadata={"choices": STUDENT_STAGES})
    full_time: bool | None = None
    labour_capacity: str | None = field(default=None, metadata={"choices": LABOUR_CAPACITY})
    disability: Disability | None = None
    serious_illness: bool = False
    employment: str | None = field(default=None, metadata={"choices": EMPLOYMENT})
    receiving: tuple[str, ...] = field(default=(), metadata={
        "choices": RECEIVING, "description": "Programmes the person already receives."})
    income: tuple[IncomeItem, ...] | None = field(default=None, metadata={
        "description": "null or absent: not answered; an empty list: no income."})
    hukou: str | None = field(default=None, metadata={
        "choices": MEMBER_HUKOU, "pattern": SHENZHEN_DISTRICT_PATTERN,
        "description": "The member's own household registration: a Shenzhen district code (4403xx), "
                       "elsewhere or unknown; null: not asked (S-DB Art. 5)."})
    unemployment_insurance: bool | None = field(default=None, metadata={
        "description": "For a member without work: whether unemployment insurance pays them; null: not asked."})
    months_without_income: int | None = field(default=None, metadata={
        "min": 0, "max": 1200, "description": "For a member without work: whole months without income; "
                                              "null: not asked (S-DD 二(一))."})
    rural_rights: bool | None = field(default=None, metadata={
        "description": "Whether the member holds contracted rural land or collective-dividend rights "
                       "(e.g. 股份合作公司分红 of an original villager): where the rural and urban 特困 "
                       "standards differ, such a person gets the rural one (S-TK Art. 19); null: not asked."})
    co_resident_months: int | None = field(default=None, metadata={
        "min": 0, "max": CO_RESIDENT_MONTHS_MAX,
        "description": "How long the member has lived with the applicant, in whole months (at least); "
                       "null: not asked. Shorter than the long-term period, a relative counted only "
                       "through S-DB Art. 7 (4) is not counted."})

    @property
    def exclusion(self) -> str | None:
        """Why Art. 7 leaves this person out of the household, whatever the relation."""
        if self.serving_sentence:
            return "excluded_serving_sentence"
        if self.compulsory_rehab:
            return "excluded_compulsory_rehab"
        if self.declared_missing:
            return "excluded_declared_missing"
        if self.clergy_apart_3y:
            return "excluded_clergy_apart"
        return None

    @property
    def is_student(self) -> bool:
        return self.student_stage != "none"


@dataclass(frozen=True)
class Vehicle:
    """A vehicle and, if claimed, why it is needed for production or daily life (Art. 14)."""

    value: Decimal
    exemption: str | None = field(default=None, metadata={
        "choices": VEHICLE_EXEMPTIONS,
        "description": "Why the vehicle is needed; an exempt vehicle does not count."})

    def __post_init__(self) -> None:
        _raise(field_problems(self))


@dataclass(frozen=True)
class House:
    use: str = field(metadata={"choices": HOUSE_USES})
    area_m2: Decimal | None = None

    def __post_init__(self) -> None:
        _raise(field_problems(self))


@dataclass(frozen=True)
class Assets:
    """Family property of the counted members (S-DB Art. 14). ``None`` = not answered;
    an empty tuple of vehicles or houses means "none"."""

    deposits: Decimal | None = None
    securities: Decimal | None = None
    insurance_cash_value: Decimal | None = None
    internet_finance: Decimal | None = None
    receivables: Decimal | None = None
    vehicles: tuple[Vehicle, ...] | None = None
    houses: tuple[House, ...] | None = None
    business_registrations: int | None = field(default=None, metadata={"min": 0})

    def __post_init__(self) -> None:
        _raise(field_problems(self))

    def liquid_missing(self) -> list[str]:
        return [f"assets.{name}" for name in LIQUID_ASSETS if getattr(self, name) is None]

    def liquid_total(self) -> Decimal | None:
        """Deposits + securities + insurance cash value + internet finance + receivables."""
        if self.liquid_missing():
            return None
        return sum((getattr(self, name) for name in LIQUID_ASSETS), ZERO)

    def vehicle_value(self, exemptions: Collection[str] = VEHICLE_EXEMPTIONS) -> Decimal | None:
        """Total value of vehicles without an exemption among ``exemptions`` (the ones that
        apply to this household: no disabled member, no "disabled_member" exemption)."""
        if self.vehicles is None:
            return None
        return sum((v.value for v in self.vehicles if v.exemption not in exemptions), ZERO)

    def exempt_vehicles(self, exemptions: Collection[str] = VEHICLE_EXEMPTIONS) -> int:
        return sum(1 for v in self.vehicles or () if v.exemption in exemptions)

    def refused_exemptions(self, exemptions: Collection[str]) -> int:
        """Vehicles claiming an exemption that does not apply to this household."""
        return sum(1 for v in self.vehicles or () if v.exemption is not None and v.exemption not in exemptions)

    def house_count(self) -> int | None:
        return None if self.houses is None else len(self.houses)


@dataclass(frozen=True)
class RigidExpenditure:
    """Rigid expenditure over the last 12 months, in yuan, by S-GX Art. 5 kind.
    Medical is out-of-pocket after all insurance and assistance; education at public rates;
    rehabilitation net of subsidies."""

    medical: Decimal = ZERO
    education: Decimal = ZERO
    rehabilitation: Decimal = ZERO
    basic_living: Decimal = ZERO
    other: Decimal = ZERO

    def __post_init__(self) -> None:
        _raise(field_problems(self))

    def total(self, kinds: Collection[str] = RIGID_KINDS) -> Decimal:
        return sum((getattr(self, k) for k in RIGID_KINDS if k in kinds), ZERO)


@dataclass(frozen=True)
class Emergency:
    """A sudden event (临时救助, S-LS 二(一)); ``place`` is where it happened (a region code or
    address), which decides where emergency aid is given (S-DD 四(三))."""

    kind: str = field(metadata={"choices": EMERGENCY_KINDS})
    date: date | None = None
    place: str | None = field(default=None, metadata={
        "max": 200, "description": "Where it happened: a region code or an address."})
    needs: tuple[str, ...] | None = field(default=None, metadata={
        "choices": EMERGENCY_NEEDS, "description": "What is needed now; null: not asked."})
    help_kinds: tuple[str, ...] | None = field(default=None, metadata={
        "choices": HELP_KINDS, "description": "Help already received for this emergency; an empty list: none; "
                                              "null: not asked."})
    help_received: Decimal | None = field(default=None, metadata={
        "description": "Yuan already received for this emergency (insurance, donations, compensation, "
                       "other aid); null: not asked."})

    def __post_init__(self) -> None:
        _raise(field_problems(self))


@dataclass(frozen=True)
class Circumstances:
    rigid_expenditure: RigidExpenditure | None = field(default=None, metadata={
        "description": "Essential spending over the last 12 months, in yuan."})
    housing_difficulty: bool | None = None
    disaster: bool | None = None
    has_emergency: bool | None = None
    emergency: Emergency | None = None
    housing_kind: str | None = field(default=None, metadata={
        "choices": HOUSING_KINDS, "description": "What the housing difficulty is; null: not asked."})

    def __post_init__(self) -> None:
        _raise(field_problems(self))

    @property
    def has_housing_difficulty(self) -> bool | None:
        """A housing difficulty described in detail is one, even if the question was skipped."""
        if self.housing_kind is not None:
            return True
        return self.housing_difficulty

    @property
    def affected_by_disaster(self) -> bool | None:
        """A natural-disaster emergency counts as a disaster even if the question was skipped."""
        if self.emergency is not None and self.emergency.kind == "natural_disaster":
            return True
        return self.disaster


@dataclass(frozen=True)
class Supporter(Person):
    """A statutory supporter (法定赡养/抚养/扶养义务人) of the applicant who does not live in the
    household, with the facts 《特困人员认定办法》第八条 tests. ``income_per_capita`` is the monthly
    per-capita income of the supporter's own family; ``property_within_limits`` whether that
    family's property is within the local low-income rules."""

    relation: str = field(metadata={"choices": SUPPORTER_RELATIONS})
    deceased: bool = False
    receiving: tuple[str, ...] = field(default=(), metadata={"choices": RECEIVING})
    disability: Disability | None = None
    income_per_capita: Decimal | None = None
    property_within_limits: bool | None = None
    lacks_civil_capacity: bool = False
    declared_missing: bool = False
    serving_sentence: bool = False
    # What the journey and the pre-check ask instead of the certificate's type and grade.
    severe_disability: bool = field(default=False, metadata={
        "description": "Has a disability certificate of grade 1 or 2, or of grade 3 for an intellectual "
                       "or mental disability (S-TK Art. 8), when the certificate itself is not given."})
