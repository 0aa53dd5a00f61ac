"""特困人员 (tekun): the applicant, as a person, against the three conditions of S-TK Art. 4.

Guarantees (《特困人员认定办法》第四条、第五条、第二十四条; 《关于改革完善社会救助制度的意见》（五）):
1. No labour capacity (S-TK Art. 5: >= 60, < 16, intellectual/mental grade 1-3, physical 1-2,
   visual 1), or a minor under 18 (S-YJ item 5 raised the covered age from 16 to 18). Past
   18, support CONTINUES for a recipient still in compulsory education, 普通高中 or 中职
   (S-TK Art. 24); a NEW applicant aged 18 or over is judged on labour capacity alone
   (Art. 5): without a disability that removes it, "unlikely".
2. No means of living (Art. 6, 7): the applicant's own counted income strictly below the
   dibao standard (income left out: Art. 13 lists + S-TK Art. 6 list), assets within the
   tekun limits (household assets over counted members).
3. No statutory supporter able to support (Art. 8), looking at household members with a
   duty towards the applicant and at the supporters declared outside the household.
A minor receiving orphan or de-facto-unsupported-child support is not also tekun (Art. 9).
The support standard: where the rural rate (policy figure tekun_support_multiple_rural) differs
from the urban one, an applicant holding contracted land or collective-dividend rights gets the
rural rate (Art. 19); otherwise, and for everyone else, the urban rate.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from portal.domain.household import ZERO, Disability, Member, to_fen
from portal.domain.income import member_income
from portal.domain.means import (
    Assessment,
    Context,
    asset_rule,
    check_assets,
    excluded_types,
)
from portal.domain.members import LabourCapacity, in_minor_extension, labour_capacity
from portal.domain.verdicts import Verdict

ART_GROUP = "S-TK Art. 5"
ART_INCOME = "S-TK Art. 6"
ART_ASSETS = "S-TK Art. 7"
ART_SUPPORT = "S-TK Art. 8"
ART_RURAL = "S-TK Art. 19"
# The support standard of rural holders, as a multiple of the minimum living standard (Art. 19).
RURAL_MULTIPLE = "tekun_support_multiple_rural"


def assess_tekun(ctx: Context) -> Verdict:
    a = Assessment("tekun", ctx)
    h = ctx.household
    i, m = h.applicant_index, h.applicant
    a.figures["member"] = i
    standard = a.number("dibao_standard")
    a.figures["standard"] = standard
    if "tekun" in m.receiving:
        a.info("receiving_now", "S-TK Art. 4", programme="tekun")
    _group_rule(a, m, i)
    _own_income_rule(a, m, i, standard)
    members = ctx.membership.size if ctx.membership.complete else None
    asset_rule(a, "tekun", standard, members, article=ART_ASSETS)
    _supporters_rule(a, standard, members)
    chosen = [p for p in ("orphan", "unsupported_child") if p in m.receiving]
    if chosen:
        a.not_met("receives_orphan_support", "S-TK Art. 9", programme=chosen[0])
        a.change("choose_tekun_instead", programme=chosen[0])
    _support_standard(a, m, standard)
    return a.result()


def _support_standard(a: Assessment, m: Member, standard: Decimal | None) -> None:
    """The basic-living support standard; a holder of contracted land or collective-dividend
    rights gets the rural rate where it differs from the urban one (S-TK Art. 19). The rural
    figure is read only for a holder, so nobody else's explanation names it."""
    multiple = a.number("tekun_support_multiple", required=False)
    if multiple is None or standard is None:
        return
    if m.rural_rights is True:
        rural = a.number(RURAL_MULTIPLE, required=False)
        if rural is not None and rural != multiple:
            support = to_fen(rural * standard)
            a.figures["support_standard"] = support
            a.info("support_standard_rural", ART_RURAL, amount=support, multiple=rural)
            return
    support = to_fen(multiple * standard)
    a.figures["support_standard"] = support
    a.info("support_standard", "S-TK Art. 4", amount=support, multiple=multiple)


def _turns_60(birth: date) -> date:
    try:
        return birth.replace(year=birth.year + 60)
    except ValueError:  # born 29 February: the birthday counts on 1 March (ids.age_on)
        return date(birth.year + 60, 3, 1)


def _group_rule(a: Assessment, m: Member, i: int) -> None:
    on = a.ctx.on
    capacity = labour_capacity(m, on)
    age = m.age_on(on)
    if capacity.status == "none":
        if capacity.basis == "age_60_or_over":
            a.met("no_labour_capacity_age_60", ART_GROUP, age=age)
        elif capacity.basis == "age_under_16":
            a.met("no_labour_capacity_under_16", ART_GROUP, age=age)
        else:
            a.met("no_labour_capacity_disability", ART_GROUP, type=m.disability.type if m.disability else None,
                  grade=m.disability.grade if m.disability else None)
    elif age is not None and age < 18:
        a.met("minor_under_18", "S-YJ item 5", age=age)
    elif in_minor_extension(m, on) and "tekun" in m.receiving:
        a.met("minor_extension_continuing", "S-TK Art. 24", age=age, stage=m.student_stage)
    else:
        if in_minor_extension(m, on):
            # Art. 24 keeps support for people already supported; a new applicant aged 18 or
            # over is judged on labour capacity alone (Art. 5).
            a.info("minor_extension_continuing_only", "S-TK Art. 24", age=age, stage=m.student_stage)
        _adult_capacity_rule(a, m, i, capacity, age)


def _adult_capacity_rule(a: Assessment, m: Member, i: int, capacity: LabourCapacity, age: int | None) -> None:
    if capacity.status == "uncertain":
        a.uncertain(f"labour_capacity_{capacity.basis}", ART_GROUP,
                    grade=m.disability.grade if m.disability else None)
    elif capacity.status == "unknown":
        a.lacking("age_unanswered", ART_GROUP, [f"members[{i}].birth_date"])
    else:
        a.not_met("has_labour_capacity", ART_GROUP, age=age)
        if m.birth_date is not None:
            a.change("turns_60_on", date=_turns_60(m.birth_date))
        elif age is not None:
            a.change("reaches_60_in_years", years=60 - age)


def _own_income_rule(a: Assessment, m: Member, i: int, standard: Decimal | None) -> None:
    excluded = excluded_types(a, "tekun_income_excluded_types")
    if excluded is None:
        return
    row = member_income(m, i, excluded)
    if row is None:
        a.lacking("income_unanswered", ART_INCOME, [f"members[{i}].income"])
        return
    if row.excluded:
        a.info("income_excluded_items", ART_INCOME, amount=row.excluded,
               subtypes=list(row.excluded_subtypes))
    if standard is None:
        return
    own = max(row.counted, ZERO)
    a.figures["own_income"] = own
    if own < standard:
        a.met("own_income_below_standard", ART_INCOME, income=own, standard=standard)
    else:
        a.not_met("own_income_not_below_standard", ART_INCOME, income=own, standard=standard)
        a.change("own_income_above_standard_by", amount=own - standard)


@dataclass(frozen=True)
class _Bearer:
    """A person with a statutory duty towards the applicant, reduced to the Art. 8 facts."""

    who: str
    relation: str
    duty: str  # "yes" or "uncertain"
    age: int | None
    age_path: str
    receiving: tuple[str, ...]
    disability: Disability | None
    severe_declared: bool  # "severely disabled" declared without the certificate's type and grade
    incapacity: bool
    income_per_capita: Decimal | None
    income_missing: tuple[str, ...]
    property_ok: bool | None
    property_missing: tuple[str, ...]


def _duty(relation: str, age: int | None, applicant_age: int | None) -> str | None:
    """Whether a relation owes support to the applicant: "yes", "no", "uncertain" (an adult
    sibling of an adult: only if raised by them), or None when an age is needed."""
    if relation in ("spouse", "parent", "other_dependant"):
        return "yes"
    if relation in ("son", "daughter", "child", "grandchild"):
        return None if age is None else ("yes" if age >= 18 else "no")
    if relation == "grandparent":  # towards a minor grandchild whose parents cannot
        return None if applicant_age is None else ("yes" if applicant_age < 18 else "no")
    if relation == "sibling":
        if age is None or applicant_age is None:
            return None
        if age < 18:
            return "no"
        return "yes" if applicant_age < 18 else "uncertain"
    return "no"


def _bearers(a: Assessment, standard: Decimal | None, members: int | None) -> tuple[list[_Bearer], list[str]]:
    h, on = a.ctx.household, a.ctx.on
    ai = h.applicant_index
    applicant_age = h.applicant.age_on(on)
    found: list[_Bearer] = []
    missing: list[str] = []
    household_facts: tuple[Any, ...] | None = None

    def household_means() -> tuple[Any, ...]:
        # A supporter living in the household shares its income and property (Art. 8).
        nonlocal household_facts
        if household_facts is None:
            excluded = excluded_types(a)
            summary = h.income(on, excluded, a.ctx.long_term_months) if excluded is not None else None
            check = check_assets(a, "low_income", standard, members)
            household_facts = (
                summary.per_capita if summary is not None else None,
                tuple(summary.missing) if summary is not None else ("policy.income_excluded_types",),
                check.within,
                check.missing,
            )
        return household_facts

    for j, m in enumerate(h.members):
        if j == ai:
            continue
        duty = _duty(m.relation, m.age_on(on), applicant_age)
        if duty is None:
            missing.append(f"members[{j}].birth_date" if m.age_on(on) is None
                           else f"members[{ai}].birth_date")
            continue
        if duty == "no":
            continue
        income, income_missing, property_ok, property_missing = household_means()
        found.append(_Bearer(f"members[{j}]", m.relation, duty, m.age_on(on),
                             f"members[{j}].birth_date", m.receiving, m.disability, False,
                             m.declared_missing or m.serving_sentence,
                             income, income_missing, property_ok, property_missing))
    for j, s in enumerate(h.supporters or ()):
        who = f"supporters[{j}]"
        if s.deceased:
            a.info("supporter_deceased", ART_SUPPORT, who=who, relation=s.relation)
            continue
        duty = _duty(s.relation, s.age_on(on), applicant_age)
        if duty is None:
            missing.append(f"{who}.birth_date" if s.age_on(on) is None else f"members[{ai}].birth_date")
            continue
        if duty == "no":
            continue
        found.append(_Bearer(who, s.relation, duty, s.age_on(on), f"{who}.birth_date", s.receiving,
                             s.disability, s.severe_disability, s.lacks_civil_capacity or s.declared_missing or s.serving_sentence,
                             s.income_per_capita, (f"{who}.income_per_capita",),
                             s.property_within_limits, (f"{who}.property_within_limits",)))
    return found, missing


def _status(a: Assessment, b: _Bearer) -> tuple[str, str | tuple[str, ...]]:
    """("unable", code) / ("able", "supporter_able") / ("missing", paths) under Art. 8."""
    if "tekun" in b.receiving:
        return "unable", "supporter_unable_tekun"
    outcomes: list[tuple[str, str | tuple[str, ...]]] = []
    if b.age is None:
        outcomes.append(("missing", (b.age_path,)))
    elif "dibao" in b.receiving and b.age >= 60:
        return "unable", "supporter_unable_dibao_60"
    d = b.disability
    severe = b.severe_declared or (
        d is not None and (d.grade <= 2 or (d.type in ("intellectual", "mental") and d.grade == 3)))
    grounds = []
    if b.age is not None and b.age >= 70:
        grounds.append(("supporter_unable_age_70", True))
    if severe:
        grounds.append(("supporter_unable_disability", True))
    if b.incapacity:
        grounds.append(("supporter_unable_incapacity", False))  # property test only
    for code, needs_income in grounds:
        outcomes.append(_means(a, b, code, needs_income))
    for outcome in outcomes:
        if outcome[0] == "unable":
            return outcome
    lacking = tuple(p for kind, paths in outcomes if kind == "missing" for p in paths)
    if lacking:
        return "missing", lacking
    return "able", "supporter_able"


def _means(a: Assessment, b: _Bearer, code: str, needs_income: bool) -> tuple[str, str | tuple[str, ...]]:
    lacking: list[str] = []
    if b.property_ok is None:
        lacking.extend(b.property_missing)
    income_ok = True
    if needs_income:
        disposable = a.number("disposable_income_per_capita_prev_year")
        if b.income_per_capita is None:
            lacking.extend(b.income_missing)
        elif disposable is None:
            lacking.append("policy.disposable_income_per_capita_prev_year")
        else:
            income_ok = b.income_per_capita * 12 < disposable
    if lacking:
        return "missing", tuple(lacking)
    return ("unable", code) if income_ok and b.property_ok else ("able", "supporter_able")


def _supporters_rule(a: Assessment, standard: Decimal | None, members: int | None) -> None:
    h = a.ctx.household
    if h.supporters is None:
        a.lacking("supporters_unanswered", ART_SUPPORT, ["supporters"])
    bearers, missing = _bearers(a, standard, members)
    if missing:
        a.lacking("supporter_facts_missing", ART_SUPPORT, missing)
    for b in bearers:
        status, detail = _status(a, b)
        if status == "unable":
            a.met(str(detail), ART_SUPPORT, who=b.who, relation=b.relation)
        elif status == "missing":
            a.lacking("supporter_facts_missing", ART_SUPPORT, list(detail))
        elif b.duty == "uncertain":
            a.uncertain("supporter_duty_uncertain", ART_SUPPORT, who=b.who, relation=b.relation)
        else:
            a.not_met("supporter_able", ART_SUPPORT, who=b.who, relation=b.relation)
            a.change("supporter_becomes_unable", who=b.who, relation=b.relation)
    if not bearers and not missing and h.supporters is not None:
        a.met("no_statutory_supporter", ART_SUPPORT)
