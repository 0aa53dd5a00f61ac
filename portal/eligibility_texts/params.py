"""Turn the parameters of a reason or change into words in the current language.

Amounts become yuan ("1,480 yuan", "1,480元"), shares become percentages, member
references ("members[2]", index 2) become "person 3 (son)", codes become their labels and
answer paths ("members[1].income") become "person 2: monthly income".
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Mapping, Sequence

from flask_babel import format_date, format_decimal, format_percent
from flask_babel import gettext as _

from portal.domain.verdicts import ASSISTANCE_TYPES
from portal.eligibility_texts import labels
from portal.vocabulary import type_name

People = Sequence[str] | None  # relation code of each member, by position, when known

_PATH = re.compile(r"^(members|supporters)\[(\d+)\](?:\.(.+))?$")


def _label(table: Mapping[str, Any], code: Any) -> str:
    return str(table[code]) if code in table else str(code)


def money(value: Any) -> str:
    """Yuan, with fen only when there are any: 1480 -> "1,480 yuan", 12.5 -> "12.50 yuan"."""
    if value is None:
        return _("not set")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not amount.is_finite():
        return str(value)
    pattern = "#,##0" if amount == amount.to_integral_value() else "#,##0.00"
    return _("%(amount)s yuan", amount=format_decimal(amount, format=pattern))


def number(value: Any) -> str:
    if value is None:
        return _("not set")
    if isinstance(value, (int, Decimal, float)) and not isinstance(value, bool):
        return format_decimal(value)
    return str(value)


def percent(value: Any) -> str:
    if value is None:
        return _("not set")
    return format_percent(Decimal(str(value)), format="#,##0.##%")


def day(value: Any) -> str:
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    return format_date(value, "long") if isinstance(value, date) else str(value)


def _join(items: list[str]) -> str:
    return _(", ").join(items) if items else _("none")


def person(ref: Any, people: People = None, relation: str | None = None) -> str:
    """A member by index or path ("members[1]"), or a supporter ("supporters[0]"), with the
    relation when it is known (from ``people`` for members, or given)."""
    kind, index = "members", ref
    if isinstance(ref, str):
        found = _PATH.match(ref)
        if not found:
            return ref
        kind, index = found.group(1), int(found.group(2))
    if not isinstance(index, int) or isinstance(index, bool):
        return str(ref)
    if relation is None and kind == "members" and people is not None and 0 <= index < len(people):
        relation = people[index]
    if kind == "supporters":
        if relation is None:
            return _("family member %(n)s outside the household", n=index + 1)
        return _("family member %(n)s outside the household (%(relation)s)", n=index + 1,
                 relation=_label(labels.RELATIONS, relation))
    if relation is None:
        return _("person %(n)s", n=index + 1)
    return _("person %(n)s (%(relation)s)", n=index + 1, relation=_label(labels.RELATIONS, relation))


def people_list(value: Any, people: People = None) -> str:
    if isinstance(value, (list, tuple)):
        return _join([person(i, people) for i in value])
    return number(value)


def fact(path: str, people: People = None) -> str:
    """An unanswered question, from its answer path."""
    if not isinstance(path, str):
        return str(path)
    if path.startswith("policy."):
        return _("policy figure %(key)s", key=path.removeprefix("policy."))
    found = _PATH.match(path)
    if found:
        who = person(f"{found.group(1)}[{found.group(2)}]", people)
        if found.group(3) is None:
            return who
        return _("%(person)s: %(question)s", person=who,
                 question=_label(labels.FACTS, found.group(3).rsplit(".", 1)[-1]))
    return _label(labels.FACTS, path.rsplit(".", 1)[-1])


def programme(code: Any) -> str:
    """A programme's name inside a sentence (lower case in English)."""
    name = type_name(code) if code in ASSISTANCE_TYPES else _label(labels.PROGRAMMES, code)
    return name[:1].lower() + name[1:]


def _listed(each: Callable[[Any], str]) -> Callable[[Any, People], str]:
    def render(value: Any, people: People) -> str:
        if isinstance(value, (list, tuple)):
            return _join([each(v) for v in value])
        return each(value)
    return render


def _tiers(value: Any, people: People) -> str:
    if not isinstance(value, Mapping):
        return str(value)
    return _join([_("level %(tier)s: %(amount)s", tier=tier, amount=money(amount))
                  for tier, amount in value.items()])


def _place(value: Any, people: People) -> str:
    return str(value) if value else _("the place where it happened")


_BY_NAME: dict[str, Callable[[Any, People], str]] = {
    **{name: (lambda v, p: money(v)) for name in (
        "amount", "household_income", "per_capita_income", "line", "income", "standard", "limit",
        "expenditure", "annual_income", "per_capita_income_annual", "disposable_income",
        "unrounded", "cap", "street_limit", "per_capita", "household_line")},
    **{name: (lambda v, p: number(v)) for name in (
        "count", "days", "window", "age", "grade", "years", "exempt", "multiple")},
    "threshold": lambda v, p: percent(v),
    "share": lambda v, p: percent(v),
    "members": people_list,
    "member": lambda v, p: person(v, p),
    "who": lambda v, p: person(v, p),
    "facts": lambda v, p: _join([fact(f, p) for f in v]) if isinstance(v, (list, tuple)) else fact(v, p),
    "programme": _listed(programme),
    "programmes": _listed(programme),
    "subtypes": _listed(lambda c: _label(labels.INCOME_SUBTYPES, c)),
    "kind": _listed(lambda c: _label(labels.EMERGENCY_KINDS, c)),
    "kinds": _listed(lambda c: _label(labels.RIGID_KINDS, c)),
    "stage": _listed(lambda c: _label(labels.STUDENT_STAGES, c)),
    "relation": _listed(lambda c: _label(labels.RELATIONS, c)),
    "type": _listed(lambda c: _label(labels.DISABILITY_TYPES, c)),
    "rounding": _listed(lambda c: _label(labels.ROUNDING, c)),
    "needs": _listed(lambda c: _label(labels.EMERGENCY_NEEDS, c)),
    "help_kinds": _listed(lambda c: _label(labels.HELP_KINDS, c)),
    "amounts": _tiers,
    "place": _place,
    "date": lambda v, p: day(v),
    "key": lambda v, p: str(v),
}

# Where a parameter name means something else for one code.
_BY_CODE: dict[tuple[str, str], Callable[[Any, People], str]] = {
    ("houses_within_limit", "limit"): lambda v, p: number(v),
    ("houses_over_limit", "limit"): lambda v, p: number(v),
    ("tier_amounts", "type"): _listed(lambda c: _label(labels.TEMP_AID_KINDS, c)),
    ("housing_difficulty_kind", "kind"): _listed(lambda c: _label(labels.HOUSING_KINDS, c)),
    ("housing_difficulty_kind", "form"): _listed(lambda c: _label(labels.HOUSING_FORMS, c)),
}


def formatted(code: str, params: Mapping[str, Any], people: People = None) -> dict[str, str]:
    """Every parameter of ``code`` as words; unknown names are shown as they are."""
    out: dict[str, str] = {}
    if "who" in params:  # the supporter texts: "person 2 (spouse)" names the relation once
        relation = params.get("relation")
        out["who"] = person(params["who"], people, relation if isinstance(relation, str) else None)
    for name, value in params.items():
        if name in out:
            continue
        render = _BY_CODE.get((code, name)) or _BY_NAME.get(name)
        out[name] = render(value, people) if render else ("" if value is None else str(value))
    return out
