"""The means test shared by the assistance types: who counts, what income counts, assets.

Guarantees:
- Lines are compared on household totals, never on a rounded per-capita figure:
  "per-capita income < line" is tested as ``total < line x members`` in exact Decimal, so
  income one fen above the line is above it whatever the household size.
- A policy parameter that is not in force for the region on the date makes the rules that
  need it "missing" (``policy.<key>``), never a guessed default.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from portal.domain.household import (
    LONG_TERM_CO_RESIDENCE_KEY,
    LONG_TERM_CO_RESIDENCE_MONTHS,
    VEHICLE_EXEMPTIONS,
    Household,
    to_fen,
)
from portal.domain.income import IncomeSummary
from portal.domain.members import Membership
from portal.domain.policy import Param, Policy, PolicyError
from portal.domain.verdicts import Change, Reason, Verdict, decide

ART_MEMBERS = "S-DB Art. 7"
ART_INCOME = "S-DB Art. 13"
ART_ASSETS = "S-DB Art. 14"


def dec(value: Any) -> Decimal:
    """A policy number as Decimal (through its text, so 1.5 is exactly 1.5)."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


class Context:
    """One screening: the household, the policy, the date, and values computed once."""

    def __init__(self, household: Household, policy: Policy, on: date):
        self.household = household
        self.policy = policy
        self.on = on
        self.region = household.region
        # S-DB Art. 7 (4) long-term co-residence: the policy figure (a design value, to confirm);
        # the shipped value only if this policy has no entry in force for it.
        period = self.param(LONG_TERM_CO_RESIDENCE_KEY)
        self.long_term_months: int = int(period.value) if period is not None else LONG_TERM_CO_RESIDENCE_MONTHS
        self.membership: Membership = household.membership(on, self.long_term_months)
        self.verdicts: dict[str, Verdict] = {}

    def param(self, key: str) -> Param | None:
        try:
            return self.policy.param(key, self.on, self.region)
        except PolicyError:
            return None


@dataclass
class Assessment:
    """Collects the reasons of one assistance type and turns them into a Verdict."""

    assistance: str
    ctx: Context
    reasons: list[Reason] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)
    params: dict[str, Param] = field(default_factory=dict)

    def use(self, key: str, required: bool = True) -> Any | None:
        """The value of a policy parameter in force; when absent and required, the rule
        becomes missing (``policy.<key>``) with a ``policy_parameter_missing`` reason."""
        param = self.ctx.param(key)
        if param is not None:
            self.params[key] = param
            return param.value
        if required and f"policy.{key}" not in self.missing:
            self.add("policy_parameter_missing", "missing", "rules.md §12", key=key)
            self.missing.append(f"policy.{key}")
        return None

    def number(self, key: str, required: bool = True) -> Decimal | None:
        value = self.use(key, required)
        return None if value is None else dec(value)

    def add(self, code: str, status: str, article: str, **params: Any) -> None:
        self.reasons.append(Reason(code, status, article, params))

    def met(self, code: str, article: str, **params: Any) -> None:
        self.add(code, "met", article, **params)

    def not_met(self, code: str, article: str, **params: Any) -> None:
        self.add(code, "not_met", article, **params)

    def uncertain(self, code: str, article: str, **params: Any) -> None:
        self.add(code, "uncertain", article, **params)

    def info(self, code: str, article: str, **params: Any) -> None:
        self.add(code, "info", article, **params)

    def lacking(self, code: str, article: str, facts: list[str] | tuple[str, ...]) -> None:
        new = [f for f in facts if f not in self.missing]
        self.missing.extend(new)
        self.add(code, "missing", article, facts=list(facts))

    def reasons_codes(self) -> list[str]:
        return [r.code for r in self.reasons]

    def change(self, code: str, **params: Any) -> None:
        self.changes.append(Change(code, params))

    @property
    def verdict(self) -> str:
        return decide(self.reasons)

    def result(self, amount: Decimal | None = None) -> Verdict:
        return Verdict(
            assistance=self.assistance,
            verdict=self.verdict,
            reasons=tuple(self.reasons),
            what_would_change=tuple(self.changes),
            missing=tuple(self.missing),
            amount=amount,
            figures=dict(self.figures),
            parameters=tuple(self.params[k] for k in sorted(self.params)),
        )


def excluded_types(a: Assessment, extra_key: str | None = None) -> frozenset[str] | None:
    """Income subtypes left out: Art. 13 national list + local additions (+ ``extra_key``)."""
    keys = ["income_excluded_types", "income_excluded_types_local"] + ([extra_key] if extra_key else [])
    lists = [a.use(k) for k in keys]
    present = [v for v in lists if v is not None]
    if len(present) < len(lists):
        return None
    return frozenset(s for v in present for s in v)


def members_rule(a: Assessment) -> Membership:
    """Art. 7: reasons for who counts; missing answers when some members are undecided."""
    ms = a.ctx.membership
    a.info("members_counted", ART_MEMBERS, count=ms.size, members=list(ms.indices))
    for i, basis in ms.not_counted:
        a.info(f"member_{basis}", ART_MEMBERS, member=i)
    if ms.missing:
        a.lacking("members_undetermined", ART_MEMBERS, ms.missing)
    a.figures["counted_members"] = ms.size
    return ms


def income_rule(a: Assessment, excluded: frozenset[str] | None) -> IncomeSummary | None:
    """Art. 13 household income of the counted members; ``None`` unless complete."""
    members_rule(a)
    if excluded is None:
        return None
    summary = a.ctx.household.income(a.ctx.on, excluded, a.ctx.long_term_months)
    income_missing = [f for f in summary.missing if f.endswith(".income")]
    if income_missing:
        a.lacking("income_unanswered", ART_INCOME, income_missing)
    if not summary.complete:
        return None
    a.info("income_counted", ART_INCOME, household_income=summary.counted_total,
           per_capita_income=summary.per_capita, members=summary.members)
    if summary.excluded_total:
        a.info("income_excluded_items", ART_INCOME, amount=summary.excluded_total,
               subtypes=list(summary.excluded_subtypes))
    if summary.deducted_total:
        a.info("income_deductions", ART_INCOME, amount=summary.deducted_total)
    a.figures.update(household_income=summary.counted_total, excluded_income=summary.excluded_total,
                     deductions=summary.deducted_total, per_capita_income=summary.per_capita)
    if summary.members == 0:
        a.not_met("no_counted_members", ART_MEMBERS)
        return None
    return summary


def below_line(a: Assessment, summary: IncomeSummary, line: Decimal, article: str,
               met_code: str, not_met_code: str, change_code: str, **params: Any) -> bool:
    """Strictly below ``line`` per person and month, tested as total < line x members.

    Not met: ``change_code`` {amount: how far the household total is at or above the line}.
    Met: ``income_rise_ends_eligibility`` {amount: the household's monthly headroom}."""
    limit = line * summary.members
    shown = dict(per_capita_income=summary.per_capita, line=line, household_income=summary.counted_total,
                 household_line=limit, members=summary.members, **params)
    if summary.counted_total < limit:
        a.met(met_code, article, **shown)
        a.change("income_rise_ends_eligibility", amount=limit - summary.counted_total)
        return True
    a.not_met(not_met_code, article, **shown)
    a.change(change_code, amount=summary.counted_total - limit,
             per_capita=to_fen((summary.counted_total - limit) / summary.members))
    return False


@dataclass(frozen=True)
class AssetCheck:
    """Assets against one profile's limits (``<profile>_asset_*`` keys). Each test is
    True (within), False (over) or None (not answered / no limit in force)."""

    liquid: bool | None
    vehicles: bool | None
    houses: bool | None
    business: int | None
    missing: tuple[str, ...]
    figures: dict[str, Any]

    @property
    def within(self) -> bool | None:
        """All three limits met (business registrations are judged, not limited)."""
        tests = (self.liquid, self.vehicles, self.houses)
        if False in tests:
            return False
        return None if None in tests else True


def vehicle_exemptions(ctx: Context) -> tuple[str, ...]:
    """The vehicle exemptions that can apply (S-DB Art. 14): "disabled_member" only when a
    member who counts, or is not yet decided, has a disability."""
    not_counted = {i for i, _ in ctx.membership.not_counted}
    disabled = any(m.disability is not None for i, m in enumerate(ctx.household.members)
                   if i not in not_counted)
    return tuple(e for e in VEHICLE_EXEMPTIONS if disabled or e != "disabled_member")


def check_assets(a: Assessment, profile: str, standard: Decimal | None, members: int | None) -> AssetCheck:
    """Compare the household's assets with the profile's limits; records the parameters."""
    assets = a.ctx.household.assets
    months = a.number(f"{profile}_asset_liquid_months")
    vehicle_max = a.number(f"{profile}_asset_vehicle_value_max")
    houses_max = a.use(f"{profile}_asset_houses_max")
    missing = assets.liquid_missing()
    if assets.vehicles is None:
        missing.append("assets.vehicles")
    if assets.houses is None:
        missing.append("assets.houses")
    if assets.business_registrations is None:
        missing.append("assets.business_registrations")
    exemptions = vehicle_exemptions(a.ctx)
    liquid, vehicles, houses = assets.liquid_total(), assets.vehicle_value(exemptions), assets.house_count()
    figures: dict[str, Any] = {"liquid_assets": liquid, "vehicle_value": vehicles, "houses": houses,
                               "exempt_vehicles": assets.exempt_vehicles(exemptions),
                               "refused_exemptions": assets.refused_exemptions(exemptions)}
    liquid_ok = vehicles_ok = houses_ok = None
    if months is not None and standard is not None and members:
        figures["liquid_limit"] = months * standard * members
        if liquid is not None:
            liquid_ok = liquid <= figures["liquid_limit"]
    if vehicle_max is not None:
        figures["vehicle_limit"] = vehicle_max
        if vehicles is not None:
            vehicles_ok = vehicles <= vehicle_max
    if houses_max is not None:
        figures["houses_limit"] = int(houses_max)
        if houses is not None:
            houses_ok = houses <= int(houses_max)
    return AssetCheck(liquid_ok, vehicles_ok, houses_ok, assets.business_registrations,
                      tuple(missing), figures)


def asset_rule(a: Assessment, profile: str, standard: Decimal | None, members: int | None,
               article: str = ART_ASSETS) -> AssetCheck:
    """Reasons for each asset limit; "not within" adds a change with the excess."""
    check = check_assets(a, profile, standard, members)
    f = check.figures
    a.figures.update(f)
    ms = a.ctx.membership
    if members is None and ms.missing and "members_undetermined" not in a.reasons_codes():
        a.lacking("members_undetermined", ART_MEMBERS, ms.missing)
    if check.missing:
        a.lacking("assets_unanswered", article, check.missing)
    if check.liquid is True:
        a.met("liquid_assets_within_limit", article, amount=f["liquid_assets"], limit=f["liquid_limit"])
    elif check.liquid is False:
        a.not_met("liquid_assets_over_limit", article, amount=f["liquid_assets"], limit=f["liquid_limit"])
        a.change("liquid_assets_above_limit_by", amount=f["liquid_assets"] - f["liquid_limit"])
    if f["refused_exemptions"]:
        # A vehicle "for a disabled member" counts when nobody in the household is disabled.
        a.info("vehicle_exemption_no_disabled_member", article, count=f["refused_exemptions"])
    if check.vehicles is True:
        a.met("vehicles_within_limit", article, amount=f["vehicle_value"], limit=f["vehicle_limit"],
              exempt=f["exempt_vehicles"])
    elif check.vehicles is False:
        a.not_met("vehicles_over_limit", article, amount=f["vehicle_value"], limit=f["vehicle_limit"],
                  exempt=f["exempt_vehicles"])
        a.change("vehicle_value_above_limit_by", amount=f["vehicle_value"] - f["vehicle_limit"])
    if check.houses is True:
        a.met("houses_within_limit", article, count=f["houses"], limit=f["houses_limit"])
    elif check.houses is False:
        a.not_met("houses_over_limit", article, count=f["houses"], limit=f["houses_limit"])
        a.change("houses_above_limit_by", count=f["houses"] - f["houses_limit"])
    # A registered business is checked through data matching (S-DB Art. 17): its income and
    # property decide, which a self-declared screening cannot settle.
    if check.business == 0:
        a.met("no_business_registered", "S-DB Art. 17")
    elif check.business:
        a.uncertain("business_registered", "S-DB Art. 17", count=check.business)
        a.change("business_registration_checked", count=check.business)
    return check


def annual_below(total_monthly: Decimal, members: int, annual_per_capita: Decimal) -> bool:
    """Per-capita income over 12 months strictly below an annual per-capita figure."""
    return total_monthly * 12 < annual_per_capita * members


def disposable_income_rule(a: Assessment, summary: IncomeSummary, article: str) -> bool | None:
    """Per-capita income below the previous-year per-capita disposable income (annual)."""
    disposable = a.number("disposable_income_per_capita_prev_year")
    if disposable is None:
        return None
    per_capita_annual = to_fen(summary.counted_total * 12 / summary.members)
    a.figures.update(disposable_income=disposable, per_capita_income_annual=per_capita_annual)
    params = dict(per_capita_income_annual=per_capita_annual, disposable_income=disposable)
    if annual_below(summary.counted_total, summary.members, disposable):
        a.met("income_below_disposable_income", article, **params)
        return True
    a.not_met("income_not_below_disposable_income", article, **params)
    a.change("income_above_disposable_income_by", amount=per_capita_annual - disposable)
    return False


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part / whole`` to 4 places for display; ``None`` when ``whole`` is 0."""
    return (part / whole).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP) if whole else None


def receiving_any(ctx: Context, programmes: tuple[str, ...]) -> list[str]:
    """The programmes a counted (or undecided) member already receives."""
    return [p for p in programmes if ctx.household.receiving(p, ctx.on, ctx.long_term_months)]

