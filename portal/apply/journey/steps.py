"""THE steps specification of the combined application: data, not views.

``STEPS`` is the ordered list of pages. Each page belongs to a task-list section, says
which answers it owns (dotted paths into ``Application.answers``; for pages repeated per
member, ``member.<field>`` is a field of that member and ``{ref}`` the member's ref) and
when it is needed, as a declarative condition (``portal.apply.journey.conditions``). Nothing else
decides what is asked:

* a page that is not needed is skipped, and the answers it owns are removed (``prune``) —
  so an earlier answer that makes later ones irrelevant never leaves stale data behind;
* the order of pages (``instances``) drives "save and continue", and the task list's
  section statuses come from which pages are done.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from portal.apply.answers import shape as A
from portal.apply.documents import asked as documents
from portal.apply.journey.conditions import (
    ALWAYS,
    All,
    AnyOf,
    Chose,
    Cond,
    Ctx,
    Has,
    Is,
    MemberAgeAtLeast,
    MemberCounted,
    MemberIn,
    MemberIncome,
    MemberIs,
    MemberNot,
    NonEmpty,
    OnePerson,
)

# Types that pay money into a bank account (the others recognise a status or refer elsewhere).
PAYING_TYPES = ("dibao", "tekun", "temp_emergency", "temp_expenditure")


@dataclass(frozen=True)
class DocumentsNeeded(Cond):
    def __call__(self, ctx: Ctx) -> bool:
        return bool(documents.required(ctx.answers, ctx.today))


@dataclass(frozen=True)
class Section:
    key: str
    title: object
    requires: tuple[str, ...] = ()


@dataclass(frozen=True)
class Step:
    key: str
    section: str
    title: object
    owns: tuple[str, ...] = ()
    needed: Cond = ALWAYS           # the skip rule; for a repeated page, evaluated per member
    per_member: Cond | None = None  # repeated for every member for whom this holds (who the page
                                    # is for, not a skip rule: answers are never pruned by it)

    @property
    def repeated(self) -> bool:
        return self.per_member is not None


SECTIONS: tuple[Section, ...] = (
    Section("about", _l("About you")),
    Section("household", _l("Your household"), ("about",)),
    Section("income", _l("Income"), ("household",)),
    Section("assets", _l("Savings and property"), ("household",)),
    Section("circumstances", _l("Circumstances and needs"), ("about",)),
    Section("types", _l("What you apply for"), ("about", "household")),
    Section("documents", _l("Documents"), ("types",)),
    Section("payment", _l("Payment"), ("household", "types")),
    Section("declarations", _l("Declarations"), ("household",)),
)
SECTION = {s.key: s for s in SECTIONS}

_ELSEWHERE = Is("about.hukou.kind", "elsewhere")
# Asked when extreme-poverty support is chosen; until the types are chosen, what a pre-check
# handed over about supporters is kept (not pruned), and goes once other types are chosen.
_SUPPORTERS_ASKED = AnyOf((Chose(("tekun",)), Is("types", None)))

STEPS: tuple[Step, ...] = (
    # About you
    Step("name", "about", _l("Your name and ID number"), ("about.name", "about.id_number")),
    Step("phone", "about", _l("Your mobile number"), ("about.phone",)),
    Step("address", "about", _l("Where you live"), ("about.district_code", "about.office_code", "about.address")),
    Step("hukou", "about", _l("Your household registration"), ("about.hukou.where",)),
    Step("hukou-shenzhen", "about", _l("Your household registration in Shenzhen"),
         ("about.hukou.district_code", "about.hukou.office_code"), Is("about.hukou.where", "shenzhen")),
    Step("hukou-elsewhere", "about", _l("Your household registration outside Shenzhen"),
         ("about.hukou.region_code", "about.hukou.place"), Is("about.hukou.where", "elsewhere")),
    Step("marital", "about", _l("Your marital status"), ("about.marital_status",)),
    Step("permit", "about", _l("Your Shenzhen residence permit"), ("permit.has_permit",), _ELSEWHERE),
    Step("permit-details", "about", _l("Your residence permit details"),
         ("permit.number", "permit.issued_on", "permit.expires_on", "permit.district_code"),
         All((_ELSEWHERE, Is("permit.has_permit", True)))),
    Step("where", "about", _l("Where your application is handled"),
         ("declarations.not_receiving_elsewhere",), _ELSEWHERE),
    # Your household: the applicant's own details, then "anyone else?", then each member
    Step("member", "household", _l("A person in your household"),
         ("member.name", "member.relation", "member.id_number", "member.lives_with_applicant"),
         per_member=MemberNot("relation", "self")),
    # Full-time study is asked on this page, for an adult son or daughter (a page
    # with that single yes/no followed it).
    Step("member-details", "household", _l("Health, study and work"),
         ("member.student_stage", "member.full_time", "member.labour_capacity", "member.has_disability",
          "member.serious_illness", "member.employment", "member.exclusions", "member.co_residence",
          "member.hukou"), per_member=ALWAYS),
    Step("member-disability", "household", _l("Disability certificate"), ("member.disability",),
         MemberIs("has_disability", True), per_member=ALWAYS),
    Step("household", "household", _l("People in your household"), ("household_complete",)),
    # Income, per member
    Step("income-sources", "income", _l("Income"), ("income.{ref}.sources",), MemberCounted(), per_member=ALWAYS),
    Step("income-amounts", "income", _l("Monthly income"), ("income.{ref}.amounts",),
         All((MemberCounted(), MemberIncome())), per_member=ALWAYS),
    # Savings and property
    Step("savings", "assets", _l("Savings and investments"),
         ("assets.deposits", "assets.securities", "assets.insurance_cash_value", "assets.receivables")),
    Step("property", "assets", _l("Vehicles, homes and businesses"), ("assets.owns",)),
    Step("vehicles", "assets", _l("Vehicles"), ("assets.vehicles",), Has("assets.owns", "vehicle")),
    Step("homes", "assets", _l("Homes and other buildings"), ("assets.houses",), Has("assets.owns", "home")),
    Step("businesses", "assets", _l("Business registrations"), ("assets.business_registrations",),
         Has("assets.owns", "business")),
    # Circumstances and needs
    Step("costs", "circumstances", _l("Costs in the last 12 months"), ("circumstances.costs",)),
    Step("cost-amounts", "circumstances", _l("How much you paid"), ("circumstances.rigid_expenditure",),
         NonEmpty("circumstances.costs")),
    Step("situation", "circumstances", _l("Your situation"), ("circumstances.situations",)),
    Step("emergency", "circumstances", _l("The emergency"), ("circumstances.emergency",),
         Has("circumstances.situations", "emergency")),
    # Not on the emergency-first path: help comes first, these follow with the rest.
    Step("emergency-help", "circumstances", _l("What you need and help received"), ("circumstances.emergency_help",),
         Has("circumstances.situations", "emergency")),
    # What you apply for, documents, payment, declarations
    Step("types", "types", _l("What you apply for"), ("types",)),
    # Statutory supporters living elsewhere: only extreme-poverty support reads them (S-TK Art. 8).
    # The same page asks the applicant's contracted land or collective-dividend rights: where the
    # urban and rural support standards differ, a holder gets the rural one (S-TK Art. 19).
    Step("supporters", "types", _l("Family who must support you"), ("supporters.any", "supporters.rural_rights"),
         _SUPPORTERS_ASKED),
    Step("supporter-details", "types", _l("Family outside your household"), ("supporters.people",),
         All((_SUPPORTERS_ASKED, Is("supporters.any", True)))),
    # Without work: unemployment insurance and months without income (S-DD 二(一)), read by
    # temporary and employment aid.
    Step("member-unemployed", "types", _l("Time without work"),
         ("member.unemployment_insurance", "member.months_without_income"),
         All((Chose(("temp_emergency", "temp_expenditure", "employment")), MemberCounted(),
              MemberIn("employment", ("unemployed", "registered_unemployed")))), per_member=ALWAYS),
    # S-DB Art. 8 (3): clergy in a religious venue for 3 years or more apply alone; asked only of a
    # one-person household applying for the minimum living allowance.
    Step("clergy", "types", _l("Clergy in a religious venue"), ("member.clergy_at_venue_3y",),
         All((Chose(("dibao",)), OnePerson(), MemberAgeAtLeast(18))), per_member=MemberIs("relation", "self")),
    # Housing aid takes a form that follows the kind of difficulty (S-ZX Art. 40).
    Step("housing-kind", "types", _l("Your housing difficulty"), ("circumstances.housing_kind",), Chose(("housing",))),
    Step("documents", "documents", _l("Documents"), ("documents.unavailable",), DocumentsNeeded()),
    Step("payment", "payment", _l("Bank account for payments"), ("payment",), Chose(PAYING_TYPES)),
    Step("declarations", "declarations", _l("Declarations"),
         ("declarations.economic_check", "declarations.truthfulness", "declarations.change_duty",
          "declarations.publication_notice", "declarations.sensitive_data")),
)
STEP = {s.key: s for s in STEPS}

# The emergency path (先行救助: help first, paperwork after). A draft whose
# ``path`` answer is "emergency" shows only these pages: who you are, how to reach you, the
# emergency (what, when, where, who is affected, what you need now) and the declaration of
# truth. Every other page is hidden, not pruned: what was typed there stays in the draft, and
# the rest of the application follows later (the documents remain "still needed").
EMERGENCY = "emergency"
EMERGENCY_PATH = ("name", "phone", "emergency", "declarations")


def on_emergency_path(answers: dict) -> bool:
    return (answers or {}).get("path") == EMERGENCY


def on_path(step: Step, answers: dict) -> bool:
    return not on_emergency_path(answers) or step.key in EMERGENCY_PATH

Instance = tuple[Step, "str | None"]


def _ordered_members(answers: dict) -> list[dict]:
    people = A.members(answers)
    return sorted(people, key=lambda m: 0 if m.get("relation") == "self" else 1)


def is_for(step: Step, answers: dict, today: date, person: dict | None) -> bool:
    """Whether a repeated page exists for this member at all (always true for other pages)."""
    if not step.repeated:
        return True
    return person is not None and step.per_member(Ctx(answers, person, today))


def needed(step: Step, answers: dict, today: date, person: dict | None = None) -> bool:
    """The skip rule alone: a page not needed loses its answers (``prune``)."""
    return is_for(step, answers, today, person) and step.needed(Ctx(answers, person, today))


def applies(step: Step, answers: dict, today: date, person: dict | None = None) -> bool:
    """The page is shown: needed, and on the draft's path (a page off the path keeps its answers)."""
    return on_path(step, answers) and needed(step, answers, today, person)


def section_instances(section: str, answers: dict, today: date) -> list[Instance]:
    """The needed pages of a section in the order they are shown.

    Pages repeated per member are grouped member by member. In "Your household" the
    applicant's own pages come first, then the "anyone else?" page, then the other members.
    """
    steps = [s for s in STEPS if s.section == section]
    single = [s for s in steps if not s.repeated and applies(s, answers, today)]
    repeated = [s for s in steps if s.repeated]
    groups: list[list[Instance]] = []
    for person in _ordered_members(answers):
        ref = person.get("ref")
        groups.append([(s, ref) for s in repeated if applies(s, answers, today, person)])
    if section == "household" and groups:
        return groups[0] + [(s, None) for s in single] + [i for g in groups[1:] for i in g]
    return [(s, None) for s in single] + [i for g in groups for i in g]


def instances(answers: dict, today: date) -> list[Instance]:
    return [i for s in SECTIONS for i in section_instances(s.key, answers, today)]


def is_done(answers: dict, step: Step, ref: str | None) -> bool:
    return A.instance_key(step.key, ref) in A.done(answers)


def section_status(section: str, answers: dict, today: date, _known: dict[str, str] | None = None) -> str:
    """not_started, in_progress, completed or cannot_start.

    ``_known`` carries the statuses already worked out while following ``requires`` (a
    section required twice along the chain, like "about", is worked out once).
    """
    known = {} if _known is None else _known
    if section in known:
        return known[section]
    if any(section_status(r, answers, today, known) != "completed" for r in SECTION[section].requires):
        known[section] = "cannot_start"
        return "cannot_start"
    items = section_instances(section, answers, today)
    finished = [is_done(answers, s, r) for s, r in items]
    if not items or all(finished):
        status = "completed"
    else:
        status = "in_progress" if any(finished) else "not_started"
    known[section] = status
    return status


def can_open(step: Step, answers: dict, today: date) -> bool:
    return section_status(step.section, answers, today) != "cannot_start"


def next_instance(answers: dict, today: date, after: tuple[str, str | None] | None = None) -> Instance | None:
    """Where "save and continue" goes: the next page not yet done in the same section,
    else the first not done in that section, else the first page not done in a section that
    can start. None when everything is done (check your answers)."""
    if after is not None:
        section = STEP[after[0]].section
        items = section_instances(section, answers, today)
        keys = [(s.key, r) for s, r in items]
        start = keys.index(after) + 1 if after in keys else 0
        for step, ref in items[start:] + items[:start]:
            if not is_done(answers, step, ref):
                return step, ref
    known: dict[str, str] = {}
    for each in SECTIONS:
        if section_status(each.key, answers, today, known) in ("cannot_start", "completed"):
            continue
        for step, ref in section_instances(each.key, answers, today):
            if not is_done(answers, step, ref):
                return step, ref
    return None


def previous_instance(answers: dict, today: date, current: tuple[str, str | None]) -> Instance | None:
    """The page before ``current`` in journey order (for the back link).

    Only the current section and, at its first page, the sections before it are worked out,
    not all of ``instances`` (on every journey page): a page is only ever in the
    instances of its own section, so the result is the same.
    """
    step = STEP.get(current[0])
    if step is None:
        return None
    items = section_instances(step.section, answers, today)
    keys = [(s.key, r) for s, r in items]
    if current not in keys:
        return None
    index = keys.index(current)
    if index > 0:
        return items[index - 1]
    position = next(i for i, s in enumerate(SECTIONS) if s.key == step.section)
    for section in reversed(SECTIONS[:position]):
        earlier = section_instances(section.key, answers, today)
        if earlier:
            return earlier[-1]
    return None


def all_done(answers: dict, today: date) -> bool:
    known: dict[str, str] = {}
    return all(section_status(s.key, answers, today, known) == "completed" for s in SECTIONS)


def _owned_paths(step: Step, ref: str | None) -> list[tuple[str, str]]:
    """("answers" | "member", path) pairs for a page instance."""
    paths = []
    for path in step.owns:
        if path.startswith("member."):
            paths.append(("member", path.removeprefix("member.")))
        else:
            paths.append(("answers", path.replace("{ref}", ref or "")))
    return paths


def _drop_instance(answers: dict, step: Step, ref: str | None) -> bool:
    dropped = False
    person = A.member(answers, ref) if ref else None
    for where, path in _owned_paths(step, ref):
        if where == "member":
            if person is not None and person.get(path) not in (None, [], ""):
                dropped = True
            if person is not None:
                person.pop(path, None)
        else:
            dropped = A.drop(answers, path) or dropped
    return dropped


def prune(answers: dict, today: date) -> list[tuple[str, str | None]]:
    """Remove the answers of pages no longer needed; returns the (step, ref) pairs whose
    answers were removed. Runs until nothing changes, since one removal can make another
    page unneeded (no study stage: the full-time answer goes)."""
    removed: list[tuple[str, str | None]] = []
    changed = True
    while changed:
        changed = False
        refs = {m.get("ref") for m in A.members(answers)}
        for step in STEPS:
            targets: list[tuple[str | None, dict | None]]
            if step.repeated:
                targets = [(m.get("ref"), m) for m in A.members(answers)]
            else:
                targets = [(None, None)]
            for ref, person in targets:
                if not is_for(step, answers, today, person) or needed(step, answers, today, person):
                    continue
                if _drop_instance(answers, step, ref):
                    removed.append((step.key, ref))
                    changed = True
                A.unmark(answers, step.key, ref)
        # Pages of members who are no longer in the household.
        for key in list(A.done(answers)):
            _, _, ref = key.partition(":")
            if ref and ref not in refs:
                step_key = key.partition(":")[0]
                A.unmark(answers, step_key, ref)
        for ref in list((answers.get("income") or {}).keys()):
            if ref not in refs:
                del answers["income"][ref]
    return removed
