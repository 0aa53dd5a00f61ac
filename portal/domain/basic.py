"""Household means-tested recognitions: 低保 (dibao), 低保边缘 (low_income), 刚性支出困难.

Guarantees (《最低生活保障审核确认办法》; 《关于进一步做好最低生活保障等社会救助兜底工作的通知》一(四); 《刚性支出困难家庭认定办法》):
- dibao: counted per-capita income STRICTLY below the standard (S-YJ item 2) and assets
  within the dibao limits (S-DB Art. 14); amount = standard x counted members - counted
  household income, rounded as the policy says, never negative (S-DB Art. 23; the rounding is local).
- low_income: not dibao, per-capita income STRICTLY below low_income_multiple x standard,
  assets within the low-income limits (S-DB Art. 8; S-DD 一(四)).
- rigid_expenditure: not on (and not likely for) dibao, tekun or low_income; per-capita
  income below the previous-year per-capita disposable income; assets within the
  low-income limits; counted rigid expenditure of 12 months ABOVE the threshold share of the
  family's income of the same 12 months (S-GX).
"""
from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from portal.domain.household import FEN, UNEMPLOYED, ZERO, Member
from portal.domain.means import (
    Assessment,
    Context,
    asset_rule,
    below_line,
    disposable_income_rule,
    excluded_types,
    income_rule,
    receiving_any,
    share,
)
from portal.domain.verdicts import Change, Reason, Verdict

ART_LINE = "S-YJ item 2"
ART_AMOUNT = "S-DB Art. 23"
ART_LOW = "S-DB Art. 8; S-DD 一(四)"
ART_GX = "S-GX"

ROUNDING = {
    "up_to_yuan": (Decimal("1"), ROUND_CEILING),
    "half_up_to_yuan": (Decimal("1"), ROUND_HALF_UP),
    "down_to_yuan": (Decimal("1"), ROUND_FLOOR),
    "to_fen": (FEN, ROUND_HALF_UP),
}


def round_amount(raw: Decimal, mode: str) -> Decimal:
    """Round a monthly allowance by the policy's mode; a negative raw amount gives 0.
    An unknown mode is a data error and raises ``ValueError`` (tests check the shipped data)."""
    if mode not in ROUNDING:
        raise ValueError(f"unknown dibao_amount_rounding {mode!r}")
    quantum, how = ROUNDING[mode]
    return max(raw, ZERO).quantize(quantum, rounding=how)


def assess_dibao(ctx: Context) -> Verdict:
    a = Assessment("dibao", ctx)
    standard = a.number("dibao_standard")
    summary = income_rule(a, excluded_types(a))
    if ctx.household.receiving("dibao", ctx.on, ctx.long_term_months):
        a.info("receiving_now", "S-DB Art. 31", programme="dibao")
    a.figures["standard"] = standard
    if standard is not None and summary is not None:
        below_line(a, summary, standard, ART_LINE, "income_below_standard",
                   "income_not_below_standard", "income_above_standard_by", standard=standard)
    asset_rule(a, "dibao", standard, ctx.membership.size if ctx.membership.complete else None)
    amount = None
    if a.verdict in ("likely", "possibly") and standard is not None and summary is not None:
        raw = standard * summary.members - summary.counted_total
        mode = a.use("dibao_amount_rounding", required=False)
        if mode is not None:
            amount = round_amount(raw, mode)
            a.info("amount_estimate", ART_AMOUNT, amount=amount, unrounded=raw, rounding=mode,
                   standard=standard, members=summary.members,
                   household_income=summary.counted_total)
            a.figures.update(amount_unrounded=raw, amount=amount)
    return a.result(amount)


def assess_low_income(ctx: Context, dibao: Verdict) -> Verdict:
    a = Assessment("low_income", ctx)
    standard = a.number("dibao_standard")
    multiple = a.number("low_income_multiple")
    summary = income_rule(a, excluded_types(a))
    if ctx.household.receiving("low_income", ctx.on, ctx.long_term_months):
        a.info("receiving_now", ART_LOW, programme="low_income")
    # "Does not qualify for 低保" (Art. 8 ¶2): an alternative, not a second benefit.
    if ctx.household.receiving("dibao", ctx.on, ctx.long_term_months):
        a.not_met("receives_other_assistance", ART_LOW, programme="dibao")
    elif dibao.verdict == "likely":
        a.not_met("other_route_likely", ART_LOW, programme="dibao")
    elif dibao.verdict == "unlikely":
        a.met("dibao_not_met", ART_LOW)
    else:
        a.uncertain("other_route_undetermined", ART_LOW, programmes=["dibao"])
    line = None
    if standard is not None and multiple is not None:
        line = standard * multiple
        a.figures.update(standard=standard, multiple=multiple, line=line)
    if line is not None and summary is not None:
        below_line(a, summary, line, ART_LOW, "income_below_low_income_line",
                   "income_not_below_low_income_line", "income_above_low_income_line_by",
                   standard=standard, multiple=multiple)
    asset_rule(a, "low_income", standard, ctx.membership.size if ctx.membership.complete else None,
               article=ART_LOW)
    return a.result()


def assess_rigid_expenditure(ctx: Context, dibao: Verdict, low_income: Verdict, tekun: Verdict) -> Verdict:
    a = Assessment("rigid_expenditure", ctx)
    h = ctx.household
    standard = a.number("dibao_standard")
    threshold = a.number("rigid_expenditure_share_threshold")
    kinds = a.use("rigid_expenditure_kinds_counted")
    summary = income_rule(a, excluded_types(a))
    # Condition (1): not on 低保/特困 and not a 低保边缘 household.
    received = receiving_any(ctx, ("dibao", "tekun", "low_income"))
    others = {"dibao": dibao, "low_income": low_income, "tekun": tekun}
    likely = [code for code, v in others.items() if v.verdict == "likely"]
    open_ = [code for code, v in others.items() if v.verdict in ("possibly", "not_assessable")]
    if received:
        a.not_met("receives_other_assistance", ART_GX, programme=received[0])
    elif likely:
        a.not_met("other_route_likely", ART_GX, programme=likely[0])
    elif open_:
        a.uncertain("other_route_undetermined", ART_GX, programmes=open_)
    else:
        a.met("not_other_route", ART_GX)
    if summary is not None:
        disposable_income_rule(a, summary, ART_GX)
    asset_rule(a, "low_income", standard, ctx.membership.size if ctx.membership.complete else None,
               article=ART_GX)
    rigid = h.circumstances.rigid_expenditure
    if rigid is None:
        a.lacking("rigid_expenditure_unanswered", "S-GX Art. 5", ["circumstances.rigid_expenditure"])
    elif kinds is not None:
        if rigid.other and "other" not in kinds:
            a.info("rigid_expenditure_other_not_counted", "S-GX Art. 5", amount=rigid.other)
        spent = rigid.total(kinds)
        a.figures["rigid_expenditure"] = spent
        if summary is not None and threshold is not None:
            yearly = summary.counted_total * 12
            ratio = share(spent, yearly)
            a.figures.update(annual_income=yearly, threshold=threshold, share=ratio)
            shown = dict(expenditure=spent, annual_income=yearly, share=ratio, threshold=threshold)
            if spent > threshold * yearly:
                a.met("rigid_expenditure_above_threshold", ART_GX, **shown)
            else:
                a.not_met("rigid_expenditure_not_above_threshold", ART_GX, **shown)
                a.change("rigid_expenditure_short_by", amount=threshold * yearly - spent)
    return a.result()


def _sibling_or_carer_support(m: Member) -> Decimal:
    """Monthly support paid by brothers or sisters or by carers aged 60 or over (S-DD 一(一))."""
    return sum((item.amount for item in m.income or () if item.subtype == "support_sibling_or_carer_60"), ZERO)


def single_person_route(ctx: Context, dibao: Verdict, low_income: Verdict) -> Verdict:
    """Add to a dibao verdict that is not "likely" the members who may apply alone
    (S-DB Art. 8 (1)-(2): in a 低保边缘 household, grade 1-2 disability, grade 3 intellectual
    or mental disability, or a major illness; S-DD 一(一): an adult without work and with a
    grade 1-2 disability, whose support from siblings or carers aged 60+ may be left out of
    income; S-DB Art. 8 (3): clergy living in a religious venue for 3 years or more). The
    verdict itself stays: the single-person route is the
    authority's to recognise, so it is offered as a change."""
    if dibao.verdict == "likely":
        return dibao
    h, on = ctx.household, ctx.on
    marginal = low_income.verdict in ("likely", "possibly")
    found: list[int] = []
    notes: list[Reason] = []
    for i in ctx.membership.indices:
        m = h.members[i]
        d = m.disability
        severe = d is not None and (d.grade <= 2 or (d.type in ("intellectual", "mental") and d.grade == 3))
        age = m.age_on(on)
        adult_without_work = (age is not None and age >= 18 and d is not None and d.grade <= 2
                              and m.employment in UNEMPLOYED)
        if (marginal and (severe or m.serious_illness)) or adult_without_work or m.clergy_at_venue_3y:
            found.append(i)
        if adult_without_work:
            exempt = _sibling_or_carer_support(m)
            if exempt:
                notes.append(Reason("sibling_or_carer_support_may_be_left_out", "info", "S-DD 一(一)",
                                    {"member": i, "amount": exempt}))
    if not found:
        return dibao
    reason = Reason("single_person_application_possible", "info", "S-DB Art. 8; S-DD 一(一)",
                    {"members": found})
    return replace(dibao, reasons=dibao.reasons + (reason, *notes),
                   what_would_change=dibao.what_would_change
                   + (Change("single_person_application", {"members": found}),))
