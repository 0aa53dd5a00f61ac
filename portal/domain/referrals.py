"""Specific assistance decided by other authorities (《社会救助暂行办法》第三十条、第三十六条、第四十条、第四十四条; 《关于改革完善社会救助制度的意见》（二十三）): the screening says whether
to route a request there, based on the basic-living verdicts and the circumstances.

Guarantees:
- The basic-living programmes each specific type builds on are ONE table,
  ``BASE_PROGRAMMES``, each row with its article. Opinion item 2 (《关于改革完善社会救助制度的意见》（二）)
  gives 低保 and 特困 recipients, AND low-income (低保边缘) households and households in
  hardship from rigid expenditure, 医疗、住房、教育、就业等专项社会救助 "根据实际需要". The
  types' own regulations are narrower: housing (S-ZX Art. 40) names 低保 households and
  分散供养 特困 people, employment (S-ZX Arts. 43-44) 低保 households. Where only the opinion
  names a programme for a type (``by_need_only``), the text is ambiguous and a received or
  likely programme makes the referral "possibly" (``base_programme_by_need``): the
  deciding authority applies its own regulation.
- medical (S-ZX Art. 30; 医保 decides): the first matching row of the table.
- education (S-YJ item 9; S-ZX Art. 36, filed at the school): a counted member studying from
  preschool to bachelor level; 特困 counts only when the student is the 特困 applicant
  (特困 is a person's status); postgraduate study is "possibly".
- housing (S-YJ item 10; S-ZX Art. 40; 住建 decides): a housing difficulty, and the table.
- employment (S-ZX Arts. 43-44): an unemployed counted member aged 16-59 with labour
  capacity, and the table.
- disaster (S-YJ item 2): a disaster reported is at most "possibly": 应急管理 decides, through
  its disaster response rather than an application [I]; no base programme.
A base programme that is only "possibly" or "not_assessable" makes the referral the same,
and its missing answers are listed. Referrals that turn on one reported circumstance
(housing, disaster) are rows of ``CIRCUMSTANCE_RULES``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from portal.domain.household import BACHELOR_OR_BELOW, UNEMPLOYED, UNINSURED_MONTHS
from portal.domain.means import Assessment, Context
from portal.domain.verdicts import Verdict

BY_NEED = "S-YJ item 2"


@dataclass(frozen=True)
class BaseProgramme:
    """One basic-living programme a specific type builds on, and where that is written."""

    programme: str
    article: str
    # Only the 2020 opinion names it for this type ("根据实际需要"), not the type's own
    # regulation: the authority decides, so the referral is at most "possibly".
    by_need_only: bool = False
    # The programme is a person's status (特困): it counts only for the applicant themself.
    personal: bool = False


def _rows(article: str, tekun_by_need: bool, low_by_need: bool,
          tekun_personal: bool = False) -> tuple[BaseProgramme, ...]:
    return (
        BaseProgramme("dibao", article),
        BaseProgramme("tekun", BY_NEED if tekun_by_need else article, tekun_by_need, tekun_personal),
        BaseProgramme("low_income", BY_NEED, low_by_need),
        BaseProgramme("rigid_expenditure", BY_NEED, low_by_need),
    )


BASE_PROGRAMMES: dict[str, tuple[BaseProgramme, ...]] = {
    # S-ZX Art. 30: 医保 handles 低保 and 特困 recipients directly; the opinion adds the
    # low-income and rigid-expenditure households for medical aid by need.
    "medical": _rows("S-ZX Art. 30", tekun_by_need=False, low_by_need=False),
    # S-YJ item 9 names 低保、特困等 families' students; item 2 the low-income households.
    "education": _rows("S-YJ item 9; S-ZX Art. 36", tekun_by_need=False, low_by_need=False,
                       tekun_personal=True),
    # AMBIGUOUS: S-ZX Art. 40 names 低保 households and 分散供养 特困 people only.
    "housing": _rows("S-YJ item 10; S-ZX Art. 40", tekun_by_need=False, low_by_need=True),
    # AMBIGUOUS: S-ZX Arts. 43-44 name unemployed members of 低保 households only; 特困 people
    # have no labour capacity (S-TK Art. 5), the opinion lists 就业 for them by need.
    "employment": _rows("S-ZX Arts. 43-44", tekun_by_need=True, low_by_need=True),
}


def _standing(ctx: Context, programme: str) -> str:
    """"received", or the programme's verdict in this screening."""
    if ctx.household.receiving(programme, ctx.on, ctx.long_term_months):
        return "received"
    return ctx.verdicts[programme].verdict


def _base(a: Assessment, rows: tuple[BaseProgramme, ...]) -> None:
    ctx = a.ctx
    standing = {r.programme: _standing(ctx, r.programme) for r in rows}
    for row in [r for r in rows if not r.by_need_only] + [r for r in rows if r.by_need_only]:
        s = standing[row.programme]
        if s not in ("received", "likely"):
            continue
        if row.by_need_only:
            a.uncertain("base_programme_by_need", row.article, programme=row.programme)
        elif s == "received":
            a.met("receives_base_programme", row.article, programme=row.programme)
        else:
            a.met("base_programme_likely", row.article, programme=row.programme)
        return
    programmes = [r.programme for r in rows]
    articles = "; ".join(dict.fromkeys(r.article for r in rows))
    possible = [p for p in programmes if standing[p] == "possibly"]
    open_ = [p for p in programmes if standing[p] == "not_assessable"]
    if possible:
        a.uncertain("base_programme_possible", articles, programmes=possible)
    if open_:
        facts = [f for p in open_ for f in ctx.verdicts[p].missing]
        a.lacking("base_programme_not_assessable", articles, list(dict.fromkeys(facts)))
    if not possible and not open_:
        a.not_met("no_base_programme", articles, programmes=programmes)
        a.change("qualify_for_base_programme", programmes=programmes)


def assess_medical(ctx: Context) -> Verdict:
    a = Assessment("medical", ctx)
    _base(a, BASE_PROGRAMMES["medical"])
    return a.result()


def assess_education(ctx: Context) -> Verdict:
    a = Assessment("education", ctx)
    h, ms = ctx.household, ctx.membership
    article = "S-YJ item 9; S-ZX Art. 36"
    students = [i for i in ms.indices if h.members[i].student_stage in BACHELOR_OR_BELOW]
    postgraduates = [i for i in ms.indices if h.members[i].student_stage == "postgraduate"]
    if students:
        a.met("student_member", article, members=students)
    elif postgraduates:
        a.uncertain("student_stage_postgraduate", article, members=postgraduates)
    elif ms.missing:
        a.lacking("members_undetermined", "S-DB Art. 7", ms.missing)
    else:
        a.not_met("no_student_member", article)
    applicant_studies = h.applicant_index in students + postgraduates
    rows = tuple(r for r in BASE_PROGRAMMES["education"] if not r.personal or applicant_studies)
    if students or postgraduates:
        _base(a, rows)
    return a.result()


def assess_employment(ctx: Context) -> Verdict:
    a = Assessment("employment", ctx)
    article = "S-ZX Arts. 43-44"
    found, missing = ctx.household.unemployed_able_members(ctx.on, ctx.long_term_months)
    if found:
        a.met("unemployed_able_member", article, members=list(found))
    elif missing or ctx.membership.missing:
        a.lacking("employment_unanswered", article, list(ctx.membership.missing) + list(missing))
    else:
        a.not_met("no_unemployed_able_member", article)
    _base(a, BASE_PROGRAMMES["employment"])
    _uninsured(a)
    return a.result()


def _uninsured(a: Assessment) -> None:
    """S-DD 二(一): a member without work and without unemployment insurance, after 3 months
    without income, may get one-off temporary aid where they work or live."""
    h = a.ctx.household
    found = [i for i in a.ctx.membership.indices
             if h.members[i].employment in UNEMPLOYED and h.members[i].unemployment_insurance is False
             and (h.members[i].months_without_income or 0) >= UNINSURED_MONTHS]
    if found:
        a.info("uninsured_unemployed_one_off_aid", "S-DD 二(一)", members=found, months=UNINSURED_MONTHS)


@dataclass(frozen=True)
class ReportedCircumstance:
    """A referral that turns on one yes/no circumstance the household reports."""

    assistance: str
    article: str
    attribute: str  # of household.Circumstances: True, False or None (not answered)
    fact: str  # the answer listed as missing when it is None
    unanswered: str
    reported: str
    not_reported: str
    # Whether a reported circumstance meets the condition, or only makes it "possibly"
    # because the deciding body assesses it itself (disaster relief).
    reported_meets: bool
    base: tuple[BaseProgramme, ...]  # rows of BASE_PROGRAMMES; () when none is needed


CIRCUMSTANCE_RULES = {
    "housing": ReportedCircumstance(
        "housing", "S-YJ item 10; S-ZX Art. 40", "has_housing_difficulty", "circumstances.housing_difficulty",
        "housing_difficulty_unanswered", "housing_difficulty_reported", "no_housing_difficulty",
        reported_meets=True, base=BASE_PROGRAMMES["housing"]),
    "disaster": ReportedCircumstance(
        "disaster", "S-YJ item 2", "affected_by_disaster", "circumstances.disaster",
        "disaster_unanswered", "disaster_reported", "no_disaster",
        reported_meets=False, base=()),
}


def assess_circumstance(rule: ReportedCircumstance, ctx: Context,
                        detail: Callable[[Assessment], None] | None = None) -> Verdict:
    a = Assessment(rule.assistance, ctx)
    value = getattr(ctx.household.circumstances, rule.attribute)
    if value is None:
        a.lacking(rule.unanswered, rule.article, [rule.fact])
    elif value and rule.reported_meets:
        a.met(rule.reported, rule.article)
    elif value:
        a.uncertain(rule.reported, rule.article)
    else:
        a.not_met(rule.not_reported, rule.article)
    if rule.base:
        _base(a, rule.base)
    if detail is not None:
        detail(a)
    return a.result()


def _housing_kind(a: Assessment) -> None:
    """The form of housing aid follows the kind of difficulty (S-ZX Art. 40): public rental
    housing or a rent allowance, or the repair of a dangerous house."""
    kind = a.ctx.household.circumstances.housing_kind
    if kind is not None:
        form = "repair" if kind == "unsafe_home" else "rental_housing_or_allowance"
        a.info("housing_difficulty_kind", "S-ZX Art. 40", kind=kind, form=form)


def assess_housing(ctx: Context) -> Verdict:
    return assess_circumstance(CIRCUMSTANCE_RULES["housing"], ctx, _housing_kind)


def assess_disaster(ctx: Context) -> Verdict:
    return assess_circumstance(CIRCUMSTANCE_RULES["disaster"], ctx)
