"""Answers <-> ``portal.domain.household`` data, both ways.

* ``household_from_answers`` builds the household the eligibility screening reads, to
  pre-select the assistance types. A question not answered yet stays "not answered" (None),
  so the screening says what it lacks instead of guessing.
* ``answers_from_household`` turns a pre-check (a ``Household.to_dict()`` shaped dict) into
  draft answers, so nothing is typed twice. Pages filled this way are shown pre-filled and
  count as done once the applicant confirms them.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from portal.apply.answers import choices as C
from portal.apply.answers import shape as A
from portal.domain import model_fields as mf
from portal.domain.household import SHENZHEN, Household, Member
from portal.domain.household_io import flags, household_from_dict

_ITEM_OF = {code: item for code, _label, item in C.INCOME_SOURCES + C.DEDUCTIONS}
_CODE_OF = {item: code for code, item in _ITEM_OF.items()}
_EXCLUSIONS = ("serving_sentence", "compulsory_rehab", "declared_missing")
# The member's facts the journey asks under their own names (answers "member.<name>"), read off
# the domain's Member: every yes/no fact and every coded answer but those written out below
# (the exclusions are asked as one list; study, disability, birth date and income have pages of
# their own; a registration may be "same" as the applicant's), and what the journey does not ask
# (the office establishes it; programmes received are asked of the household). A new one needs no
# line here.
# rural_rights (S-TK Art. 19) is the applicant's, asked on the supporters page: "supporters.rural_rights".
_WRITTEN_OUT = ("relation", "lives_with_applicant", *_EXCLUSIONS, "student_stage", "full_time", "hukou",
                "rural_rights")
_NOT_ASKED = ("clergy_apart_3y", "receiving")
_ASKED_FLAGS = tuple(name for name, open_ in flags(Member).items()
                     if not open_ and name not in _WRITTEN_OUT and name not in _NOT_ASKED)
# Coded answers and open yes/no facts: null (not answered) stays null.
_ASKED_FACTS = tuple(s.name for s in mf.specs(Member)
                     if (s.choices is not None or (s.kind == mf.FLAG and s.nullable))
                     and s.name not in _WRITTEN_OUT and s.name not in _NOT_ASKED)
_COSTS = ("medical", "education", "rehabilitation")


def _income(answers: dict, ref: str) -> list[dict] | None:
    entry = A.get(answers, f"income.{ref}")
    if not isinstance(entry, dict) or entry.get("sources") is None:
        return None
    sources, amounts = entry.get("sources") or [], entry.get("amounts") or {}
    if any(code not in amounts for code in sources):
        return None  # the amounts page is not answered yet
    items = []
    for code, amount in amounts.items():
        if code in _ITEM_OF and (code in sources or Decimal(str(amount or 0)) > 0):
            category, subtype = _ITEM_OF[code]
            items.append({"category": category, "subtype": subtype, "amount": amount})
    return items


def _member(answers: dict, person: dict, today: date) -> dict:
    born = A.birth_date(person)
    exclusions = person.get("exclusions") or []
    disability = person.get("disability") if person.get("has_disability") else None
    stage = person.get("student_stage") or "none"
    return {
        "relation": person.get("relation") or "other",
        "birth_date": born.isoformat() if born and born <= today else None,
        "lives_with_applicant": True if person.get("relation") == "self" else person.get("lives_with_applicant"),
        **{flag: flag in exclusions for flag in _EXCLUSIONS},
        "student_stage": stage,
        "full_time": person.get("full_time") if stage != "none" else None,
        "disability": disability or None,
        **{flag: bool(person.get(flag)) for flag in _ASKED_FLAGS},
        **{name: person.get(name) for name in _ASKED_FACTS},
        "income": _income(answers, person.get("ref")),
        "hukou": _member_hukou(answers, person),
        "co_resident_months": C.co_residence_months(person.get("co_residence")),
        "months_without_income": person.get("months_without_income"),
        "rural_rights": A.get(answers, "supporters.rural_rights") if person.get("relation") == "self" else None,
    }



def _member_hukou(answers: dict, person: dict) -> str | None:
    """A member's own registration as the household reads it ("same": the applicant's)."""
    given = person.get("hukou")
    if given != "same":
        return given
    hukou = A.get(answers, "about.hukou") or {}
    if hukou.get("kind") == "shenzhen":
        return hukou.get("district_code")
    return "elsewhere" if hukou.get("kind") == "elsewhere" else "unknown"


def _assets(answers: dict) -> dict:
    assets = answers.get("assets") or {}
    owns = assets.get("owns")
    result: dict[str, Any] = {k: assets.get(k) for k in ("deposits", "securities", "insurance_cash_value", "receivables")}
    # Online wealth products are asked together with securities.
    result["internet_finance"] = "0" if assets.get("securities") is not None else None
    if owns is not None:
        result["vehicles"] = [{"value": v.get("value"), "exemption": v.get("exemption")}
                              for v in assets.get("vehicles") or []] if "vehicle" in owns else []
        result["houses"] = [{"use": h.get("use"), "area_m2": h.get("area_m2")}
                            for h in assets.get("houses") or []] if "home" in owns else []
        result["business_registrations"] = assets.get("business_registrations") if "business" in owns else 0
    return result


def _circumstances(answers: dict) -> dict:
    c = answers.get("circumstances") or {}
    result: dict[str, Any] = {}
    if c.get("costs") is not None:
        amounts = c.get("rigid_expenditure") or {}
        result["rigid_expenditure"] = {k: amounts.get(k, "0") for k in c["costs"] if k in _COSTS}
    situations = c.get("situations")
    if situations is not None:
        result["housing_difficulty"] = "housing_difficulty" in situations
        result["disaster"] = "disaster" in situations
        result["has_emergency"] = "emergency" in situations
    emergency = c.get("emergency")
    if emergency and result.get("has_emergency", True):
        result["emergency"] = {"kind": emergency.get("kind"), "date": emergency.get("date"),
                               "place": emergency.get("office_code"), **(c.get("emergency_help") or {})}
    if c.get("housing_kind"):
        result["housing_kind"] = c["housing_kind"]
    return result


# The situation asked for each supporter, as the Supporter facts S-TK Art. 8 reads.
_SUPPORTER_FLAGS = {"deceased": "deceased", "severe_disability": "severe_disability",
                    "lacks_civil_capacity": "lacks_civil_capacity", "declared_missing": "declared_missing",
                    "serving_sentence": "serving_sentence"}
_SUPPORTER_RECEIVING = {"receives_tekun": "tekun", "receives_dibao": "dibao"}
_PROPERTY = {"yes": True, "no": False}


def _supporters(answers: dict) -> list[dict] | None:
    """None until asked (the pages exist only when extreme-poverty support is chosen)."""
    given = answers.get("supporters") or {}
    if given.get("any") is None:
        return None
    if not given["any"]:
        return []
    people = given.get("people")
    if people is None:
        return None
    result = []
    for row in people:
        situation = row.get("situation")
        entry: dict[str, Any] = {"relation": row.get("relation"), "age": row.get("age"),
                                 "income_per_capita": row.get("income_per_capita"),
                                 "property_within_limits": _PROPERTY.get(row.get("property") or "")}
        if situation in _SUPPORTER_FLAGS:
            entry[_SUPPORTER_FLAGS[situation]] = True
        if situation in _SUPPORTER_RECEIVING:
            entry["receiving"] = [_SUPPORTER_RECEIVING[situation]]
        result.append(entry)
    return result


def household_dict(answers: dict, today: date) -> dict:
    district = A.get(answers, "about.district_code") or ""
    people = A.members(answers) or [{"ref": A.SELF_REF, "relation": "self"}]
    return {
        "region": district if len(district) == 6 and district.isdigit() else SHENZHEN,
        "members": [_member(answers, p, today) for p in people],
        "assets": _assets(answers),
        "circumstances": _circumstances(answers),
        "supporters": _supporters(answers),
    }


def household_from_answers(answers: dict, today: date) -> Household:
    """The household as the screening sees it; raises HouseholdError on impossible answers."""
    return household_from_dict(household_dict(answers, today), today=today)


# --- pre-check hand-off -------------------------------------------------------------------

def _money_text(value: Any) -> str | None:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return format(max(amount, Decimal("0")).quantize(Decimal("0.01")), "f")


def _sum(a: str | None, b: str | None) -> str | None:
    if a is None and b is None:
        return None
    return format(Decimal(a or "0") + Decimal(b or "0"), "f")


def _member_answers(data: dict, ref: str) -> dict:
    disability = data.get("disability")
    person = {"ref": ref, "relation": data.get("relation") or "other",
              "student_stage": data.get("student_stage") or "none",
              "has_disability": bool(disability),
              **{flag: bool(data.get(flag)) for flag in _ASKED_FLAGS},
              "exclusions": [flag for flag in _EXCLUSIONS if data.get(flag)]}
    for key in (*_ASKED_FACTS, "full_time", "lives_with_applicant", "months_without_income"):
        if data.get(key) is not None:
            person[key] = data[key]
    if disability:
        person["disability"] = {"type": disability.get("type"), "grade": disability.get("grade")}
    months = data.get("co_resident_months")
    if isinstance(months, int) and not isinstance(months, bool):
        person["co_residence"] = [code for code, _label, least in C.co_residence_in_force() if months >= least][-1]
    if person["relation"] == "self":
        person["lives_with_applicant"] = True
        person.pop("exclusions")
    return person


def _income_answers(items: list | None) -> dict | None:
    if items is None:
        return None
    amounts: dict[str, str] = {}
    for item in items:
        code = _CODE_OF.get((item.get("category"), item.get("subtype")))
        if code is None:  # e.g. a "transfer_out" kind the journey does not ask
            continue
        amounts[code] = _sum(amounts.get(code), _money_text(item.get("amount")))
    sources = [code for code, *_rest in C.INCOME_SOURCES if code in amounts]
    return {"sources": sources, "amounts": amounts}


def answers_from_household(household: dict) -> dict:
    """Draft answers from a pre-check household dict (unknown or invalid parts are skipped)."""
    answers: dict[str, Any] = {"members": [], "income": {}}
    refs = iter(f"m{n}" for n in range(2, 100))
    for data in household.get("members") or []:
        if not isinstance(data, dict):
            continue
        ref = A.SELF_REF if data.get("relation") == "self" else next(refs)
        answers["members"].append(_member_answers(data, ref))
        income = _income_answers(data.get("income"))
        if income is not None:
            answers["income"][ref] = income
    answers["_next_ref"] = len(answers["members"]) + 1
    assets = household.get("assets") or {}
    if assets:
        mapped: dict[str, Any] = {k: _money_text(assets[k]) for k in ("deposits", "insurance_cash_value", "receivables")
                  if assets.get(k) is not None}
        if assets.get("securities") is not None or assets.get("internet_finance") is not None:
            mapped["securities"] = _sum(_money_text(assets.get("securities") or 0),
                                        _money_text(assets.get("internet_finance") or 0))
        owns = []
        if assets.get("vehicles"):
            owns.append("vehicle")
            mapped["vehicles"] = [{"value": _money_text(v.get("value")), "exemption": v.get("exemption")}
                                  for v in assets["vehicles"]]
        if assets.get("houses"):
            owns.append("home")
            mapped["houses"] = [{"use": h.get("use"), "area_m2": _money_text(h["area_m2"]) if h.get("area_m2") else None}
                                for h in assets["houses"]]
        if assets.get("business_registrations"):
            owns.append("business")
            mapped["business_registrations"] = int(assets["business_registrations"])
        if any(assets.get(k) is not None for k in ("vehicles", "houses", "business_registrations")):
            mapped["owns"] = owns
        answers["assets"] = mapped
    answers["circumstances"] = _circumstances_answers(household.get("circumstances") or {})
    answers["supporters"] = _supporters_answers(household.get("supporters"))
    rights = next((m.get("rural_rights") for m in household.get("members") or []
                   if isinstance(m, dict) and m.get("relation") == "self"), None)
    if isinstance(rights, bool):
        answers["supporters"] = {**(answers["supporters"] or {}), "rural_rights": rights}
    return {k: v for k, v in answers.items() if v not in ({}, None)}


def _circumstances_answers(c: dict) -> dict:
    result: dict[str, Any] = {}
    rigid = c.get("rigid_expenditure")
    if isinstance(rigid, dict):
        amounts = {k: _money_text(rigid[k]) for k in _COSTS if rigid.get(k) not in (None, "", 0, "0")}
        result["costs"] = [k for k in _COSTS if k in amounts and Decimal(amounts[k]) > 0]
        if result["costs"]:
            result["rigid_expenditure"] = {k: amounts[k] for k in result["costs"]}
    if any(c.get(k) is not None for k in ("housing_difficulty", "disaster", "has_emergency")) or c.get("emergency"):
        situations = [k for k in ("housing_difficulty", "disaster") if c.get(k)]
        if c.get("has_emergency") or c.get("emergency"):
            situations.append("emergency")
        result["situations"] = situations
    emergency = c.get("emergency")
    if isinstance(emergency, dict) and emergency.get("kind"):
        result["emergency"] = {"kind": emergency["kind"], "date": emergency.get("date")}
        needs, kinds = emergency.get("needs"), emergency.get("help_kinds")
        if isinstance(needs, list) or isinstance(kinds, list):
            result["emergency_help"] = {
                "needs": [n for n in needs or () if n in dict(C.EMERGENCY_NEEDS)],
                "help_kinds": [k for k in kinds or () if k in dict(C.HELP_KINDS)],
                "help_received": _money_text(emergency["help_received"]) if kinds and emergency.get("help_received")
                is not None else None}
    if c.get("housing_kind") in dict(C.HOUSING_KINDS):
        result["housing_kind"] = c["housing_kind"]
    return result


def _supporters_answers(listed: Any) -> dict | None:
    """The pre-check's supporters as the journey's answers (shown pre-filled if 特困 is chosen)."""
    if not isinstance(listed, list):
        return None
    if not listed:
        return {"any": False}
    flags = {flag: code for code, flag in _SUPPORTER_FLAGS.items()}
    receiving = {programme: code for code, programme in _SUPPORTER_RECEIVING.items()}
    people = []
    for s in listed:
        if not isinstance(s, dict) or s.get("relation") not in dict(C.SUPPORTER_RELATIONS):
            continue
        situation = next((code for flag, code in flags.items() if s.get(flag)), None) or next(
            (code for programme, code in receiving.items() if programme in (s.get("receiving") or ())), "none")
        known = s.get("property_within_limits")
        income = s.get("income_per_capita")
        people.append({"relation": s["relation"], "age": s.get("age") if isinstance(s.get("age"), int) else None,
                       "situation": situation,
                       "income_per_capita": None if income is None else _money_text(income),
                       "property": "unknown" if known is None else ("yes" if known else "no")})
    return {"any": True, "people": people}
