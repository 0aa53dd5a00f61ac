"""Read an application's answers for display: sections of rows, sensitive values masked.

Used by check-your-answers, the office console's case page and the receipts. The journey
owns the answers' shape; this is the one place that turns it into labelled rows. Each row
names the page that changes it (``step``, ``ref``), for the change links.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.apply.answers import choices as C
from portal.apply.answers import shape as A
from portal.apply.filing.declarations import ANSWER_KEYS, DECLARATIONS
from portal.apply.journey.steps import EMERGENCY_PATH, STEP, on_emergency_path
from portal.apply.pages.money import CostAmountsPage, SavingsPage
from portal.apply.places import districts as places
from portal.apply.places import provinces as regions
from portal.domain.ids import mask_id, mask_phone
from portal.filters import TYPED
from portal.models import Application
from portal.vocabulary import type_full_name


@dataclass
class Row:
    key: str
    label: str
    value: str
    sensitive: bool = False  # masked unless revealed by someone entitled to see it
    step: str | None = None  # the page that changes it
    ref: str | None = None   # the member that page is about
    lang: str | None = None  # ``TYPED`` for the resident's own words (a name), None for the page's language


@dataclass
class Section:
    key: str
    title: str
    rows: list[Row] = field(default_factory=list)


def applicant_id_number(application: Application) -> str:
    return (application.answers or {}).get("about", {}).get("id_number", "") or ""


def applicant_phone(application: Application) -> str:
    return (application.answers or {}).get("about", {}).get("phone", "") or ""


def household_size(application: Application) -> int:
    """Members who count in the household (not excluded by S-DB Art. 7); at least 1."""
    people = A.members(application.answers or {})
    return max(1, sum(1 for m in people if A.in_household(m)))


def _hidden() -> str:
    return _("(hidden)")


def _yes_no(value) -> str:
    return "" if value is None else str(C.YES_NO[bool(value)])


def _money(value) -> str:
    return "" if value in (None, "") else _("%(amount)s yuan", amount=value)


def _list(table, codes) -> str:
    if codes is None:
        return ""
    return "; ".join(C.label(table, c) for c in codes) if codes else str(C.label(table, "none") or _("None"))


class _Builder:
    def __init__(self, reveal: bool):
        self.reveal = reveal

    def row(self, rows, key, label, value, *, sensitive=False, masked=None, step=None, ref=None, lang=None):
        if value in (None, ""):
            return
        shown = value if (self.reveal or not sensitive) else (masked if masked is not None else _hidden())
        rows.append(Row(key, str(label), str(shown), sensitive, step, ref, lang))


def _about(b: _Builder, answers: dict) -> Section:
    about = answers.get("about") or {}
    rows: list[Row] = []
    b.row(rows, "name", _l("Name"), about.get("name"), step="name", lang=TYPED)
    number = about.get("id_number") or ""
    b.row(rows, "id_number", _l("ID number"), number, sensitive=True, masked=mask_id(number), step="name")
    phone = about.get("phone") or ""
    b.row(rows, "phone", _l("Mobile number"), phone, sensitive=True, masked=mask_phone(phone), step="phone")
    if about.get("office_code"):
        b.row(rows, "address", _l("Address"), f"{places.office_label(about['office_code'])} {about.get('address') or ''}",
              step="address")
    hukou = about.get("hukou") or {}
    if hukou.get("kind") == "shenzhen" and hukou.get("office_code"):
        b.row(rows, "hukou", _l("Household registration"), places.office_label(hukou["office_code"]),
              step="hukou-shenzhen" if hukou.get("where") == "shenzhen" else "hukou")
    elif hukou.get("kind") == "elsewhere":
        place = " ".join(p for p in (regions.province_name(hukou.get("region_code")), hukou.get("place")) if p)
        b.row(rows, "hukou", _l("Household registration"), place or C.label(C.HUKOU_WHERE, "elsewhere"),
              step="hukou-elsewhere")
    b.row(rows, "marital_status", _l("Marital status"), C.label(C.MARITAL, about.get("marital_status"))
          if about.get("marital_status") else None, step="marital")
    permit = answers.get("permit") or {}
    if permit.get("has_permit") is False:
        b.row(rows, "permit", _l("Shenzhen residence permit"), _("None"), step="permit")
    elif permit.get("issued_on"):
        b.row(rows, "permit", _l("Shenzhen residence permit"),
              _("Issued %(issued)s by %(district)s, valid until %(expires)s", issued=permit["issued_on"],
                district=places.district_label(permit.get("district_code")), expires=permit.get("expires_on")),
              step="permit-details")
    return Section("about", str(_l("About you")), rows)


def _person_label(person: dict) -> str:
    if person.get("relation") == "self":
        return str(C.RELATION_SELF)
    return f"{person.get('name') or ''} ({C.label(C.RELATIONS, person.get('relation'))})"


def _household(b: _Builder, answers: dict) -> Section:
    rows: list[Row] = []
    for person in A.members(answers):
        ref, who = person.get("ref"), _person_label(person)
        if person.get("relation") != "self":
            b.row(rows, f"{ref}.name", _l("Person"), who, step="member", ref=ref)
            number = person.get("id_number") or ""
            b.row(rows, f"{ref}.id_number", _("%(who)s: ID number", who=person.get("name") or ""), number,
                  sensitive=True, masked=mask_id(number), step="member", ref=ref)
            b.row(rows, f"{ref}.lives", _("%(who)s: lives with you", who=person.get("name") or ""),
                  _yes_no(person.get("lives_with_applicant")), step="member", ref=ref)
        prefix = str(C.RELATION_SELF) if person.get("relation") == "self" else (person.get("name") or "")
        details = []
        if person.get("student_stage"):
            details.append(C.label(C.STUDENT_STAGES, person["student_stage"]))
        if person.get("full_time") is not None:
            details.append(_("full time") if person["full_time"] else _("part time"))
        if person.get("labour_capacity"):
            details.append(C.label(C.LABOUR_CAPACITY, person["labour_capacity"]))
        if person.get("employment"):
            details.append(C.label(C.EMPLOYMENT, person["employment"]))
        b.row(rows, f"{ref}.details", _("%(who)s: study and work", who=prefix), "; ".join(details),
              step="member-details", ref=ref)
        health = []
        d = person.get("disability")
        if person.get("has_disability") and d:
            health.append(_("Disability certificate: %(type)s, grade %(grade)s",
                            type=C.label(C.DISABILITY_TYPES, d.get("type")), grade=d.get("grade")))
        elif person.get("has_disability") is False:
            health.append(_("No disability certificate"))
        if person.get("serious_illness") is not None:
            health.append(_("Serious illness") if person["serious_illness"] else _("No serious illness"))
        b.row(rows, f"{ref}.health", _("%(who)s: health", who=prefix), "; ".join(health), sensitive=True,
              step="member-details", ref=ref)
        if person.get("co_residence"):
            b.row(rows, f"{ref}.co_residence", _("%(who)s: has lived with you for", who=prefix),
                  C.co_residence_label(person["co_residence"]), step="member-details", ref=ref)
        if person.get("unemployment_insurance") is not None:
            without = [_("Unemployment insurance benefit") if person["unemployment_insurance"]
                       else _("No unemployment insurance benefit")]
            if person.get("months_without_income") is not None:
                without.append(_("%(months)d months without income", months=person["months_without_income"]))
            b.row(rows, f"{ref}.unemployed", _("%(who)s: time without work", who=prefix), "; ".join(without),
                  step="member-unemployed", ref=ref)
        if person.get("clergy_at_venue_3y") is not None:
            b.row(rows, f"{ref}.clergy", _("%(who)s: clergy in a religious venue for 3 years or more", who=prefix),
                  _yes_no(person["clergy_at_venue_3y"]), step="clergy", ref=ref)
        if person.get("hukou"):
            b.row(rows, f"{ref}.hukou", _("%(who)s: household registration", who=prefix),
                  _member_hukou_label(person["hukou"]), step="member-details", ref=ref)
        if person.get("exclusions"):
            b.row(rows, f"{ref}.exclusions", _("%(who)s: not counted because", who=prefix),
                  _list(C.EXCLUSIONS, person["exclusions"]), sensitive=True, step="member-details", ref=ref)
    return Section("household", str(_l("Your household")), rows)


def _member_hukou_label(code: str) -> str:
    if code == C.MEMBER_HUKOU_SAME[0]:
        return str(C.MEMBER_HUKOU_SAME[1])
    if code in dict(C.MEMBER_HUKOU_OTHER):
        return C.label(C.MEMBER_HUKOU_OTHER, code)
    return places.district_label(code)


def _income(b: _Builder, answers: dict) -> Section:
    rows: list[Row] = []
    labels = {code: text for code, text, _i in C.INCOME_SOURCES + C.DEDUCTIONS}
    for person in A.members(answers):
        ref = person.get("ref")
        entry = A.get(answers, f"income.{ref}") or {}
        if entry.get("sources") is None:
            continue
        prefix = str(C.RELATION_SELF) if person.get("relation") == "self" else (person.get("name") or "")
        amounts = entry.get("amounts") or {}
        if not entry["sources"]:
            b.row(rows, f"{ref}.income", _("%(who)s: income", who=prefix), _("No income"), step="income-sources", ref=ref)
        for code in labels:  # in the order the questions are asked
            amount = amounts.get(code)
            if amount is not None and (code in entry["sources"] or amount not in ("0", "0.00")):
                b.row(rows, f"{ref}.{code}", f"{prefix}: {labels.get(code, code)}", _("%(amount)s yuan a month", amount=amount),
                      sensitive=True, step="income-amounts", ref=ref)
    return Section("income", str(_l("Income")), rows)


def _assets(b: _Builder, answers: dict) -> Section:
    assets = answers.get("assets") or {}
    rows: list[Row] = []
    for code, label, _hint in SavingsPage.FIELDS:
        b.row(rows, code, label, _money(assets.get(code)), sensitive=True, step="savings")
    if assets.get("owns") is not None:
        b.row(rows, "owns", _l("Vehicles, homes and businesses"), _list(C.OWNS, assets["owns"]), step="property")
    for i, v in enumerate(assets.get("vehicles") or [], start=1):
        use = C.label(C.VEHICLE_USES, v.get("exemption") or "ordinary")
        b.row(rows, f"vehicle{i}", _("Vehicle %(n)d", n=i), f"{_money(v.get('value'))}; {use}", sensitive=True,
              step="vehicles")
    for i, h in enumerate(assets.get("houses") or [], start=1):
        b.row(rows, f"home{i}", _("Home %(n)d", n=i),
              _("%(use)s, %(area)s square metres", use=C.label(C.HOUSE_USES, h.get("use")), area=h.get("area_m2")),
              sensitive=True, step="homes")
    if assets.get("business_registrations"):
        b.row(rows, "businesses", _l("Business registrations"), str(assets["business_registrations"]), step="businesses")
    return Section("assets", str(_l("Savings and property")), rows)


def _circumstances(b: _Builder, answers: dict) -> Section:
    c = answers.get("circumstances") or {}
    rows: list[Row] = []
    if c.get("costs") is not None:
        b.row(rows, "costs", _l("Costs in the last 12 months"), _list(C.COSTS, c["costs"]), step="costs")
    for code, amount in (c.get("rigid_expenditure") or {}).items():
        b.row(rows, f"cost.{code}", CostAmountsPage.LABELS.get(code, code), _money(amount), sensitive=True,
              step="cost-amounts")
    if c.get("situations") is not None:
        b.row(rows, "situations", _l("Your situation"), _list(C.SITUATIONS, c["situations"]), step="situation")
    e = c.get("emergency") or {}
    if e.get("kind"):
        b.row(rows, "emergency", _l("The emergency"),
              f"{C.label(C.EMERGENCY_KINDS, e['kind'])}, {e.get('date') or ''}, {places.office_label(e.get('office_code'))}",
              step="emergency")
        if e.get("affected"):
            b.row(rows, "emergency.affected", _l("Who is affected?"), C.label(C.EMERGENCY_AFFECTED, e["affected"]),
                  step="emergency")
        b.row(rows, "emergency.description", _l("What happened"), e.get("description"), sensitive=True, step="emergency",
              lang=TYPED)
    helped = c.get("emergency_help") or {}
    if helped.get("needs"):
        b.row(rows, "emergency.needs", _l("What you need now"), _list(C.EMERGENCY_NEEDS, helped["needs"]),
              step="emergency-help")
    if helped.get("help_kinds") is not None:
        received = _list(C.HELP_KINDS, helped["help_kinds"])
        if helped["help_kinds"]:
            received += f"; {_money(helped.get('help_received'))}"
        b.row(rows, "emergency.help", _l("Help already received"), received, sensitive=True, step="emergency-help")
    if c.get("housing_kind"):
        b.row(rows, "housing_kind", _l("Your housing difficulty"), C.label(C.HOUSING_KINDS, c["housing_kind"]),
              step="housing-kind")
    return Section("circumstances", str(_l("Circumstances and needs")), rows)


def _types(b: _Builder, answers: dict) -> Section:
    rows: list[Row] = []
    chosen = A.chosen_types(answers)
    if chosen:
        names = [str(C.ASSESS_ALL_LABEL) if t == A.ASSESS_ALL else type_full_name(t) for t in chosen]
        b.row(rows, "types", _l("You apply for"), "; ".join(names), step="types")
    _supporters(b, answers, rows)
    return Section("types", str(_l("What you apply for")), rows)


def _supporters(b: _Builder, answers: dict, rows: list[Row]) -> None:
    """Family outside the household who must support the applicant (S-TK Art. 8)."""
    given = answers.get("supporters") or {}
    if given.get("any") is None:
        return
    b.row(rows, "supporters", _l("Family outside your household who must support you"),
          _yes_no(given["any"]), step="supporters")
    if given.get("rural_rights") is not None:
        b.row(rows, "rural_rights", _l("You hold contracted rural land or collective-dividend rights"),
              _yes_no(given["rural_rights"]), step="supporters")
    for i, p in enumerate(given.get("people") or [] if given["any"] else [], start=1):
        parts = [C.label(C.SUPPORTER_RELATIONS, p.get("relation"))]
        if p.get("age") is not None:
            parts.append(_("aged %(age)s", age=p["age"]))
        if p.get("situation") and p["situation"] != "none":
            parts.append(C.label(C.SUPPORTER_SITUATIONS, p["situation"]))
        parts.append(_("their household's income per person: %(amount)s", amount=_money(p["income_per_capita"]))
                     if p.get("income_per_capita") is not None else _("their household's income not known"))
        if p.get("property"):
            parts.append(_("property within the limits: %(answer)s",
                           answer=C.label(C.SUPPORTER_PROPERTY, p["property"])))
        b.row(rows, f"supporter{i}", _("Supporter %(n)d", n=i), "; ".join(parts), sensitive=True,
              step="supporter-details")


def _payment(b: _Builder, answers: dict) -> Section:
    payment = answers.get("payment") or {}
    rows: list[Row] = []
    if payment:
        holder = A.member(answers, payment.get("holder_ref")) or {}
        b.row(rows, "holder", _l("Account holder"), holder.get("name"), step="payment", lang=TYPED)
        b.row(rows, "bank", _l("Bank"), payment.get("bank"), step="payment", lang=TYPED)
        number = payment.get("account_number") or ""
        b.row(rows, "account_number", _l("Account number"), number, sensitive=True, masked=mask_id(number), step="payment")
    return Section("payment", str(_l("Payment")), rows)


def _declarations(b: _Builder, answers: dict) -> Section:
    rows: list[Row] = []
    for key, kind in ANSWER_KEYS.items():
        record = A.get(answers, f"declarations.{key}")
        if isinstance(record, dict):
            b.row(rows, key, DECLARATIONS[kind].title, _("Agreed"), step="where" if key == "not_receiving_elsewhere" else "declarations")
    return Section("declarations", str(_l("Declarations")), rows)


def summary_sections(application: Application, reveal: bool = False) -> list[Section]:
    answers = application.answers or {}
    b = _Builder(reveal)
    sections = [_about(b, answers), _household(b, answers), _income(b, answers), _assets(b, answers),
                _circumstances(b, answers), _types(b, answers), _payment(b, answers), _declarations(b, answers)]

    if on_emergency_path(answers):  # pages off the emergency path are not shown: no "Change" link to them
        for section in sections:
            for row in section.rows:
                if row.step not in EMERGENCY_PATH:
                    row.step = None
    return [s for s in sections if s.rows]


def removed_notes(application: Application) -> list[str]:
    """What was removed because a later answer made it irrelevant, newest first, once each."""
    answers = application.answers or {}
    notes: list[str] = []
    for item in reversed(answers.get("_removed") or []):
        step = STEP.get(item.get("step"))
        if step is None:
            continue
        person = A.member(answers, item.get("ref")) if item.get("ref") else None
        text = str(step.title) + (f" ({person.get('name') or ''})" if person else "")
        if text not in notes:
            notes.append(text)
    return notes
