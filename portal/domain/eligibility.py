"""Eligibility screening: ``screen(household, policy, on)`` -> a Verdict for EVERY assistance type.

Guarantees:
- Pure: no I/O, no clock unless ``on`` is omitted; the same inputs give the same Screening.
- Every type in ``ASSISTANCE_TYPES`` gets a verdict (likely, possibly, unlikely,
  not_assessable) with reasons rule by rule (met and not met, each with its article),
  ``what_would_change`` and the missing answers. Missing answers never turn into a guess.
- Every policy figure comes from ``Policy`` for the household's region on ``on``; a figure
  that changed on a date is applied from that date (the value in force on ``on``).
- The rules, by type, live in ``basic`` (dibao, low_income, rigid_expenditure), ``tekun``,
  ``temporary`` (temp_emergency, temp_expenditure) and ``referrals`` (medical, education,
  housing, employment, disaster); ``means`` holds the shared means test.

``explain(screening)`` is the caseworker's view: per type the verdict, reasons with articles
and English text, the figures used and each policy parameter with its source and whether it
is an unconfirmed example.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from portal.domain.basic import (
    assess_dibao,
    assess_low_income,
    assess_rigid_expenditure,
    round_amount,
    single_person_route,
)
from portal.domain.describe import (
    CHANGE_TEXTS,
    REASON_TEXTS,
    describe_change,
    describe_reason,
    render,
)
from portal.domain.household import Household
from portal.domain.means import Assessment, Context, excluded_types, vehicle_exemptions
from portal.domain.policy import Policy
from portal.domain.referrals import (
    assess_disaster,
    assess_education,
    assess_employment,
    assess_housing,
    assess_medical,
)
from portal.domain.tekun import assess_tekun
from portal.domain.temporary import assess_temp_emergency, assess_temp_expenditure
from portal.domain.verdicts import (
    ASSISTANCE_TYPES,
    STATUSES,
    VERDICTS,
    Change,
    Reason,
    Screening,
    Verdict,
    jsonable,
)

__all__ = [
    "ASSISTANCE_TYPES", "CHANGE_TEXTS", "REASON_TEXTS", "STATUSES", "VERDICTS", "Change",
    "Reason", "Screening", "Verdict", "explain", "round_amount", "screen",
]


def screen(household: Household, policy: Policy, on: date) -> Screening:
    """Screen a household for every assistance type on ``on``."""
    ctx = Context(household, policy, on)
    v = ctx.verdicts
    v["dibao"] = assess_dibao(ctx)
    v["tekun"] = assess_tekun(ctx)
    v["low_income"] = assess_low_income(ctx, v["dibao"])
    v["dibao"] = single_person_route(ctx, v["dibao"], v["low_income"])
    v["rigid_expenditure"] = assess_rigid_expenditure(ctx, v["dibao"], v["low_income"], v["tekun"])
    v["temp_emergency"] = assess_temp_emergency(ctx)
    v["temp_expenditure"] = assess_temp_expenditure(ctx)
    v["medical"] = assess_medical(ctx)
    v["education"] = assess_education(ctx)
    v["housing"] = assess_housing(ctx)
    v["employment"] = assess_employment(ctx)
    v["disaster"] = assess_disaster(ctx)
    return Screening(ctx.on, household.region, tuple(v[code] for code in ASSISTANCE_TYPES),
                     _household_figures(ctx))


def _household_figures(ctx: Context) -> dict[str, Any]:
    """Household-level figures shared by the types (Art. 7 membership, Art. 13 income)."""
    ms = ctx.membership
    figures: dict[str, Any] = {
        "counted_members": [{"member": i, "basis": b} for i, b in ms.counted],
        "not_counted_members": [{"member": i, "basis": b} for i, b in ms.not_counted],
        "membership_missing": list(ms.missing),
    }
    excluded = excluded_types(Assessment("household", ctx))
    if excluded is not None:
        income = ctx.household.income(ctx.on, excluded, ctx.long_term_months)
        figures.update(household_income=income.counted_total, excluded_income=income.excluded_total,
                       deductions=income.deducted_total, per_capita_income=income.per_capita,
                       income_missing=list(income.missing))
    assets = ctx.household.assets
    figures.update(liquid_assets=assets.liquid_total(),
                   vehicle_value=assets.vehicle_value(vehicle_exemptions(ctx)),
                   houses=assets.house_count())
    return figures


def _param_row(param: Any) -> dict[str, Any]:
    return {"key": param.key, "value": param.value, "unit": param.unit, "region": param.region,
            "effective_from": param.effective_from, "source": param.source,
            "example": param.example, "note": param.note}


def explain(screening: Screening) -> dict[str, Any]:
    """Staff-facing summary, JSON-safe (amounts as strings):

    ``{"on", "region", "uses_example_values", "household": {...}, "types": {code: {
    "verdict", "amount", "reasons": [{code, status, article, params, text_en}],
    "what_would_change": [{code, params, text_en}], "missing", "figures",
    "parameters": [{key, value, unit, region, effective_from, source, example, note}],
    "uses_example_values"}}}``, types in ``ASSISTANCE_TYPES`` order.
    """
    types: dict[str, Any] = {}
    for v in screening.verdicts:
        types[v.assistance] = {
            "verdict": v.verdict,
            "amount": v.amount,
            "reasons": [{"code": r.code, "status": r.status, "article": r.article,
                         "params": dict(r.params), "text_en": render(REASON_TEXTS[r.code], r.params)}
                        for r in v.reasons],
            "what_would_change": [{"code": c.code, "params": dict(c.params),
                                   "text_en": describe_change(c)} for c in v.what_would_change],
            "missing": list(v.missing),
            "figures": dict(v.figures),
            "parameters": [_param_row(p) for p in v.parameters],
            "uses_example_values": any(p.example for p in v.parameters),
        }
    return jsonable({
        "on": screening.on,
        "region": screening.region,
        "uses_example_values": any(t["uses_example_values"] for t in types.values()),
        "household": dict(screening.household),
        "types": types,
    })


def describe_en(item: Screening | Verdict | Reason | Change) -> str:
    """Plain English rendering of a screening, a verdict, a reason or a change."""
    if isinstance(item, (Screening, Verdict)):
        return item.describe_en()
    if isinstance(item, Reason):
        return describe_reason(item)
    return describe_change(item)


__all__ += ["describe_en"]
