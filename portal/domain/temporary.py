"""临时救助 (temporary assistance): 急难型 (temp_emergency) and 支出型 (temp_expenditure).

Guarantees (《社会救助暂行办法》第四十七条至第四十九条; 《关于进一步加强和改进临时救助工作的意见》):
- temp_emergency (S-LS 二(一); S-YJ item 15): a sudden event (fire, traffic accident,
  sudden serious illness, other accident, natural disaster, being stranded, other) reported,
  for a family or an individual ("小金额先行救助": help first, S-LS 二(二)). An incident older
  than ``temp_emergency_window_days`` is "possibly": the need may no longer be immediate.
  The household's own means are weighed AFTER (S-YJ item 14: hardship it cannot resolve
  itself): income at or above last year's per-capita disposable income, or savings above the
  low-income limit, make it "possibly"; unanswered means are no missing answer.
- temp_expenditure (S-LS 二(一)): essential spending that suddenly rose (an emergency of kind
  "expenditure"), beyond the family's capacity, per-capita income below the previous-year
  per-capita disposable income ("in principle") and assets within the low-income limits.
  "Beyond capacity" is read as rigid expenditure above the S-GX threshold share of income
  [I]; below it, the authority judges, so the rule is "uncertain", never "not met".
- Amounts are indicative tiers from the policy: multiple x dibao standard, capped; awards
  above the street office's limit are approved by the district (S-ZX Art. 48).
"""
from __future__ import annotations

from decimal import Decimal

from portal.domain.household import ZERO, Emergency, to_fen
from portal.domain.means import (
    Assessment,
    Context,
    annual_below,
    asset_rule,
    dec,
    disposable_income_rule,
    excluded_types,
    income_rule,
    share,
)
from portal.domain.verdicts import Verdict

ART_TYPES = "S-LS 二(一)"
ART_MEANS = "S-LS 二(一); S-YJ item 14"


def _tiers(a: Assessment, kind: str, standard: Decimal | None) -> None:
    """Indicative amounts per tier (figures only; never part of the verdict)."""
    multiples = a.use("temp_aid_tier_multiples", required=False)
    cap = a.number("temp_aid_cap_multiple", required=False)
    street = a.number("temp_aid_street_limit_multiple", required=False)
    if multiples is None or standard is None or kind not in multiples:
        return
    cap_amount = None if cap is None else to_fen(cap * standard)
    amounts = {}
    for tier in sorted(multiples[kind], key=str):
        amount = to_fen(dec(multiples[kind][tier]) * standard)
        amounts[str(tier)] = amount if cap_amount is None else min(amount, cap_amount)
    street_limit = None if street is None else to_fen(street * standard)
    a.figures.update(tiers=amounts, cap=cap_amount, street_limit=street_limit)
    a.info("tier_amounts", "S-LS 二(三)", type=kind, amounts=amounts, cap=cap_amount,
           street_limit=street_limit)


def _own_means(a: Assessment) -> None:
    """Emergency aid is for hardship the household cannot resolve itself (S-LS 二(一);
    S-YJ item 14): income at or above last year's per-capita disposable income, or savings
    above the low-income limit, make it "possibly". Help comes first (S-LS 二(二)): means are
    checked afterwards, so unanswered means never hold the verdict (nor the urgent flag,
    which the application sets from the emergency alone)."""
    ctx = a.ctx
    h = ctx.household
    lists = [a.use(k, required=False) for k in ("income_excluded_types", "income_excluded_types_local")]
    disposable = a.number("disposable_income_per_capita_prev_year", required=False)
    standard = a.number("dibao_standard", required=False)
    months = a.number("low_income_asset_liquid_months", required=False)
    checked = False
    if None not in lists and disposable is not None:
        summary = h.income(ctx.on, frozenset(s for v in lists if v is not None for s in v), ctx.long_term_months)
        if summary.complete and summary.members:
            checked = True
            if not annual_below(summary.counted_total, summary.members, disposable):
                a.uncertain("emergency_own_income_high", ART_MEANS, disposable_income=disposable,
                            per_capita_income_annual=to_fen(summary.counted_total * 12 / summary.members))
    members = ctx.membership.size if ctx.membership.complete else None
    liquid = h.assets.liquid_total()
    if liquid is not None and standard is not None and months is not None and members:
        checked = True
        limit = months * standard * members
        if liquid > limit:
            a.uncertain("emergency_own_savings_high", ART_MEANS, amount=liquid, limit=limit)
    if not checked:
        a.info("emergency_means_checked_after", ART_MEANS)


def _needs_and_help(a: Assessment, e: Emergency) -> None:
    """What is needed now (given in cash or in kind, directly: S-LS 二(二)) and the help already
    received, which the amount weighs with the hardship's severity (S-LS 二(三))."""
    if e.needs:
        a.info("emergency_needs", "S-LS 二(二)", needs=list(e.needs))
    if e.help_kinds:
        amount = e.help_received if e.help_received is not None else ZERO
        a.info("emergency_help_received", "S-LS 二(三)", help_kinds=list(e.help_kinds), amount=amount)
        a.figures["help_received"] = amount


def assess_temp_emergency(ctx: Context) -> Verdict:
    a = Assessment("temp_emergency", ctx)
    c = ctx.household.circumstances
    if c.has_emergency is None:
        a.lacking("emergency_unanswered", ART_TYPES, ["circumstances.has_emergency"])
    elif not c.has_emergency:
        a.not_met("no_emergency", ART_TYPES)
    elif c.emergency is None:
        a.lacking("emergency_kind_unanswered", ART_TYPES, ["circumstances.emergency.kind"])
    elif c.emergency.kind == "expenditure":
        a.not_met("emergency_is_expenditure_type", ART_TYPES)
    else:
        e = c.emergency
        a.met("emergency_reported", ART_TYPES, kind=e.kind)
        window = a.use("temp_emergency_window_days")
        if e.date is None:
            a.lacking("emergency_date_unanswered", ART_TYPES, ["circumstances.emergency.date"])
        elif window is not None:
            days = (ctx.on - e.date).days
            if 0 <= days <= int(window):
                a.met("emergency_recent", ART_TYPES, days=days, window=int(window))
            else:
                a.uncertain("emergency_not_recent", ART_TYPES, days=days, window=int(window))
        a.info("help_first", "S-LS 二(二); S-YJ item 15")
        _needs_and_help(a, e)
        _own_means(a)
        # Aid is given where the emergency happened, whatever the hukou (S-DD 四(三)).
        a.info("apply_at_incident_place", "S-DD 四(三)", place=e.place)
    _tiers(a, "emergency", a.number("dibao_standard", required=False))
    return a.result()


def assess_temp_expenditure(ctx: Context) -> Verdict:
    a = Assessment("temp_expenditure", ctx)
    c = ctx.household.circumstances
    standard = a.number("dibao_standard")
    threshold = a.number("rigid_expenditure_share_threshold")
    kinds = a.use("rigid_expenditure_kinds_counted")
    summary = income_rule(a, excluded_types(a))
    high = None
    rigid = c.rigid_expenditure
    if rigid is None:
        a.lacking("rigid_expenditure_unanswered", ART_TYPES, ["circumstances.rigid_expenditure"])
    elif kinds is not None and threshold is not None and summary is not None:
        spent, yearly = rigid.total(kinds), summary.counted_total * 12
        high = spent > threshold * yearly
        ratio = share(spent, yearly)
        a.figures.update(rigid_expenditure=spent, annual_income=yearly, share=ratio, threshold=threshold)
        shown = dict(expenditure=spent, annual_income=yearly, share=ratio, threshold=threshold)
        if high:
            a.met("expenditure_beyond_capacity", ART_TYPES, **shown)
        else:
            a.uncertain("expenditure_capacity_to_assess", ART_TYPES, **shown)
    if c.has_emergency is None:
        a.lacking("emergency_unanswered", ART_TYPES, ["circumstances.has_emergency"])
    elif c.has_emergency and c.emergency is None:
        a.lacking("emergency_kind_unanswered", ART_TYPES, ["circumstances.emergency.kind"])
    elif c.has_emergency and c.emergency is not None and c.emergency.kind == "expenditure":
        a.met("sudden_expenditure_reported", ART_TYPES)
    elif high:
        a.uncertain("expenditure_high_not_sudden", ART_TYPES)
    elif high is False:
        a.not_met("no_sudden_expenditure", ART_TYPES)
        a.change("sudden_expenditure", kinds=["medical", "education"])
    if summary is not None:
        disposable_income_rule(a, summary, ART_TYPES)
    asset_rule(a, "low_income", standard, ctx.membership.size if ctx.membership.complete else None,
               article=ART_TYPES)
    _tiers(a, "expenditure", standard)
    return a.result()
