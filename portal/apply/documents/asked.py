"""Which documents a household is asked for: data, one rule per kind of document.

Only what the street office cannot fetch itself is asked for (S-DB Art. 10; S-YJ item 24):
ID cards, Shenzhen household registrations, marriage records, tax and social-insurance data
and Shenzhen residence permits come from government platforms, so they are never listed.
Every item can also be supplied later; none blocks the submit.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from portal.apply.answers import shape as A
from portal.apply.journey.conditions import (
    ALWAYS,
    All,
    Cond,
    Ctx,
    Has,
    Is,
    MemberAgeAtLeast,
    MemberIn,
    MemberIs,
    NonEmpty,
)

STUDYING = ("senior_general", "secondary_vocational", "higher_vocational", "bachelor", "postgraduate")
# The requests whose decision weighs the household's means: a proof about a member's health,
# study or income matters to these, not to a disaster or employment referral.
MEANS_TESTED = ("dibao", "tekun", "low_income", "rigid_expenditure", "temp_emergency", "temp_expenditure",
                "medical", "education", "housing")


@dataclass(frozen=True)
class DocumentRule:
    purpose: str         # Document.purpose
    label: object        # lazy string: what to upload
    proves: object       # lazy string: what it proves, shown as the hint
    needed: Cond = ALWAYS
    per_member: Cond | None = None  # asked once per member for whom this holds
    for_types: tuple[str, ...] = ()  # the assistance types it matters to; () for every type

    def concerns(self, type_: str) -> bool:
        return not self.for_types or type_ in self.for_types


@dataclass(frozen=True)
class MemberIncomeFrom(Cond):
    sources: tuple[str, ...]

    def __call__(self, ctx: Ctx) -> bool:
        if ctx.member is None:
            return False
        listed = A.get(ctx.answers, f"income.{ctx.member.get('ref')}.sources") or []
        return any(s in listed for s in self.sources)


RULES: tuple[DocumentRule, ...] = (
    DocumentRule("hukou_booklet", _l("Household registration booklet (户口簿)"),
                 _l("Proves your registration outside Shenzhen, which the Shenzhen office cannot look up."),
                 Is("about.hukou.kind", "elsewhere")),
    DocumentRule("tenancy", _l("Rental registration or property certificate of your Shenzhen home"),
                 _l("Proves where you live in Shenzhen, for applying with a residence permit."),
                 All((Is("about.hukou.kind", "elsewhere"), Is("permit.has_permit", True)))),
    DocumentRule("disability_cert", _l("Disability certificate (残疾人证)"),
                 _l("Proves the type and grade of the disability."),
                 per_member=MemberIs("has_disability", True), for_types=MEANS_TESTED),
    DocumentRule("illness_diagnosis", _l("Hospital diagnosis of the serious illness"),
                 _l("Proves the illness, which can lower what counts as income."),
                 per_member=MemberIs("serious_illness", True), for_types=MEANS_TESTED),
    DocumentRule("school_enrolment", _l("Proof of full-time study from the school"),
                 _l("Proves that an adult child still studies full time and so counts in the household."),
                 per_member=All((MemberIn("student_stage", STUDYING), MemberIs("full_time", True),
                                 MemberAgeAtLeast(18))), for_types=MEANS_TESTED),
    DocumentRule("income_proof", _l("Proof of wages or business income"),
                 _l("An employer's letter, pay slips or account statements for the last 6 months."),
                 per_member=MemberIncomeFrom(("wages", "business_net")), for_types=MEANS_TESTED),
    DocumentRule("medical_receipts", _l("Medical receipts and insurance settlement statements"),
                 _l("Proves what you paid yourself for medical care in the last 12 months."),
                 Has("circumstances.costs", "medical"),
                 for_types=("rigid_expenditure", "temp_expenditure", "medical")),
    DocumentRule("education_receipts", _l("School fee and accommodation receipts"),
                 _l("Proves what you paid for education in the last 12 months."),
                 Has("circumstances.costs", "education"),
                 for_types=("rigid_expenditure", "temp_expenditure", "education")),
    DocumentRule("rehabilitation_receipts", _l("Rehabilitation and assistive device receipts"),
                 _l("Proves what you paid for rehabilitation in the last 12 months."),
                 Has("circumstances.costs", "rehabilitation"),
                 for_types=("rigid_expenditure", "temp_expenditure", "medical")),
    DocumentRule("incident_proof", _l("Proof of what happened"),
                 _l("For example a fire or police report, or a hospital record."),
                 NonEmpty("circumstances.emergency"), for_types=("temp_emergency", "disaster")),
)
BY_PURPOSE = {rule.purpose: rule for rule in RULES}


@dataclass(frozen=True)
class Item:
    """One document to ask for: the rule, and the member it is about (if any)."""

    rule: DocumentRule
    member_ref: str | None = None
    member_name: str = ""

    @property
    def key(self) -> str:
        return f"{self.rule.purpose}:{self.member_ref}" if self.member_ref else self.rule.purpose


def required(answers: dict, today) -> list[Item]:
    items: list[Item] = []
    for rule in RULES:
        if not rule.needed(Ctx(answers, None, today)):
            continue
        if rule.per_member is None:
            items.append(Item(rule))
            continue
        for person in A.members(answers):
            if A.in_household(person) and rule.per_member(Ctx(answers, person, today)):
                items.append(Item(rule, person.get("ref"), person.get("name") or ""))
    return items
