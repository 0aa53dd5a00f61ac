"""Specific assistance decided by other authorities (rules.md §8): the screening says whether
to route a request there, based on the basic-living verdicts and the circumstances.

Guarantees:
- medical (S-ZX Art. 30; 医保 decides): dibao or tekun received, or likely.
- education (S-YJ item 9; S-ZX Art. 36, filed at the school): a counted member studying from
  preschool to bachelor level, in a household receiving or likely for dibao or low_income
  (or a tekun applicant who studies); postgraduate study is "possibly".
- housing (S-YJ item 10; S-ZX Art. 40; 住建 decides): a housing difficulty and dibao or
  tekun (support at home) received or likely.
- employment (S-ZX Arts. 43-44): an unemployed counted member aged 16-59 with labour
  capacity, in a household receiving or likely for dibao.
- disaster (S-YJ item 2): a disaster reported is at most "possibly": 应急管理 decides, through
  its disaster response rather than an application [I].
A base programme that is only "possibly" or "not_assessable" makes the referral the same,
and its missing answers are listed. Referrals that turn on one reported circumstance
(housing, disaster) are rows of ``CIRCUMSTANCE_RULES``.
"""
from __future__ import annotations

from dataclasses import dataclass

from portal.domain.household import BACHELOR_OR_BELOW
from portal.domain.means import Assessment, Context, receiving_any
from portal.domain.verdicts import Verdict


def _base(a: Assessment, article: str, programmes: tuple[str, ...]) -> None:
    received = receiving_any(a.ctx, programmes)
    verdicts = a.ctx.verdicts
    if received:
        a.met("receives_base_programme", article, programme=received[0])
        return
    likely = [p for p in programmes if verdicts[p].verdict == "likely"]
    if likely:
        a.met("base_programme_likely", article, programme=likely[0])
        return
    possible = [p for p in programmes if verdicts[p].verdict == "possibly"]
    open_ = [p for p in programmes if verdicts[p].verdict == "not_assessable"]
    if possible:
        a.uncertain("base_programme_possible", article, programmes=possible)
    if open_:
        facts = [f for p in open_ for f in verdicts[p].missing]
        a.lacking("base_programme_not_assessable", article, list(dict.fromkeys(facts)))
    if not possible and not open_:
        a.not_met("no_base_programme", article, programmes=list(programmes))
        a.change("qualify_for_base_programme", programmes=list(programmes))


def assess_medical(ctx: Context) -> Verdict:
    a = Assessment("medical", ctx)
    _base(a, "S-ZX Art. 30", ("dibao", "tekun"))
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
    programmes: tuple[str, ...] = ("dibao", "low_income")
    if h.applicant_index in students + postgraduates:
        programmes += ("tekun",)
    if students or postgraduates:
        _base(a, article, programmes)
    return a.result()


def assess_employment(ctx: Context) -> Verdict:
    a = Assessment("employment", ctx)
    article = "S-ZX Arts. 43-44"
    found, missing = ctx.household.unemployed_able_members(ctx.on)
    if found:
        a.met("unemployed_able_member", article, members=list(found))
    elif missing or ctx.membership.missing:
        a.lacking("employment_unanswered", article, list(ctx.membership.missing) + list(missing))
    else:
        a.not_met("no_unemployed_able_member", article)
    _base(a, article, ("dibao",))
    return a.result()


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
    base: tuple[str, ...]  # basic-living programmes received or likely; () when none is needed


CIRCUMSTANCE_RULES = {
    "housing": ReportedCircumstance(
        "housing", "S-YJ item 10; S-ZX Art. 40", "housing_difficulty", "circumstances.housing_difficulty",
        "housing_difficulty_unanswered", "housing_difficulty_reported", "no_housing_difficulty",
        reported_meets=True, base=("dibao", "tekun")),
    "disaster": ReportedCircumstance(
        "disaster", "S-YJ item 2", "affected_by_disaster", "circumstances.disaster",
        "disaster_unanswered", "disaster_reported", "no_disaster",
        reported_meets=False, base=()),
}


def assess_circumstance(rule: ReportedCircumstance, ctx: Context) -> Verdict:
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
        _base(a, rule.article, rule.base)
    return a.result()


def assess_housing(ctx: Context) -> Verdict:
    return assess_circumstance(CIRCUMSTANCE_RULES["housing"], ctx)


def assess_disaster(ctx: Context) -> Verdict:
    return assess_circumstance(CIRCUMSTANCE_RULES["disaster"], ctx)
