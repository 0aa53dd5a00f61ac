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
and its missing answers are listed.
"""
from __future__ import annotations

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
    programmes = ("dibao", "low_income")
    if h.applicant_index in students + postgraduates:
        programmes += ("tekun",)
    if students or postgraduates:
        _base(a, article, programmes)
    return a.result()


def assess_housing(ctx: Context) -> Verdict:
    a = Assessment("housing", ctx)
    article = "S-YJ item 10; S-ZX Art. 40"
    difficulty = ctx.household.circumstances.housing_difficulty
    if difficulty is None:
        a.lacking("housing_difficulty_unanswered", article, ["circumstances.housing_difficulty"])
    elif difficulty:
        a.met("housing_difficulty_reported", article)
    else:
        a.not_met("no_housing_difficulty", article)
    _base(a, article, ("dibao", "tekun"))
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


def assess_disaster(ctx: Context) -> Verdict:
    a = Assessment("disaster", ctx)
    article = "S-YJ item 2"
    affected = ctx.household.circumstances.affected_by_disaster
    if affected is None:
        a.lacking("disaster_unanswered", article, ["circumstances.disaster"])
    elif affected:
        a.uncertain("disaster_reported", article)
    else:
        a.not_met("no_disaster", article)
    return a.result()
