"""Pages about the applicant's statutory supporters living elsewhere (法定赡养、抚养、扶养义务人,
《特困人员认定办法》第四条、第八条), asked only when extreme-poverty support (特困) is
chosen: whether there are any, then one row per person (who, age, what keeps them from
supporting, their own household's income per head and whether its property is within limits).

The first page also asks whether the applicant holds contracted land or collective-dividend rights
(S-TK Art. 19: the rural support standard where it differs), answer ``supporters.rural_rights``.

Answers: ``supporters.any`` (bool) and ``supporters.people`` (list of rows with ``relation``,
``age``, ``situation``, ``income_per_capita`` (text, or None when not known) and ``property``);
``portal.apply.answers.household_map`` turns them into the domain's ``Supporter`` objects."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.apply.answers import choices as C
from portal.apply.answers import shape as A
from portal.apply.pages.base import Page, add_error, make_form
from portal.apply.pages.fields import Choice, Money, Text, _ascii, as_yes_no, yes_no
from portal.apply.pages.money import MAX_ROWS, MONTHLY_MAX, _rows

AGE_MAX = 130
ROW_FIELDS = ("relation_", "age_", "situation_", "income_", "property_")


class SupportersPage(Page):
    def form_class(self, ctx):
        return make_form("SupportersForm", {
            "any": yes_no(
                _l("Apart from the people in your household, is there anyone who must support you by law?"),
                required_message=_l("Choose yes if someone outside your household must support you by law"),
                description=_l("Your husband or wife, your parents, your children aged 18 or over, and in some "
                               "families grandparents, grandchildren or brothers and sisters. Answer yes even if "
                               "they cannot support you: extreme-poverty support depends on it (S-TK Art. 8).")),
            "rural_rights": yes_no(
                _l("Do you hold contracted rural land or a share in a village collective's dividends?"),
                required_message=_l("Choose yes if you hold contracted land or collective-dividend rights"),
                description=_l("For example dividends of a village joint-stock company (股份合作公司) as an "
                               "original villager. Where the rural support standard differs, it applies to you "
                               "(S-TK Art. 19).")),
        })

    def load(self, ctx):
        return {"any": as_yes_no(A.get(ctx.answers, "supporters.any")),
                "rural_rights": as_yes_no(A.get(ctx.answers, "supporters.rural_rights"))}

    def dump(self, form, ctx):
        return {"supporters.any": form.any.data == "yes",
                "supporters.rural_rights": form.rural_rights.data == "yes"}


def _age(text: str) -> int | None:
    value = _ascii(text).strip()
    return int(value) if value.isdigit() and len(value) <= 3 and int(value) <= AGE_MAX else None


class SupporterDetailsPage(Page):
    """One group of fields per person; a row after the first with no relation is dropped."""

    template = "apply/rows.html"

    def form_class(self, ctx):
        fields = {}
        saved = A.get(ctx.answers, "supporters.people") or []
        for i in range(1, max(_rows(saved, prefix) for prefix in ROW_FIELDS) + 1):
            group = {"group": i}
            fields[f"relation_{i}"] = Choice(
                _("Person %(n)d: who they are to you", n=i), optional=i > 1,
                choices=[("", _("Choose a relation"))] + C.pairs(C.SUPPORTER_RELATIONS),
                required_message=_l("Choose who this person is to you"), render_kw=group)
            fields[f"age_{i}"] = Text(
                _("Person %(n)d: age", n=i), max_length=3, optional=True,
                render_kw={**group, "inputmode": "numeric", "width": "short", "autocomplete": "off"})
            fields[f"situation_{i}"] = Choice(
                _("Person %(n)d: does any of these apply to them?", n=i),
                choices=[("", _("Choose one"))] + C.pairs(C.SUPPORTER_SITUATIONS), optional=True,
                render_kw=group)
            fields[f"income_{i}"] = Money(
                _("Person %(n)d: income per person of their own household, yuan a month", n=i),
                maximum=MONTHLY_MAX, optional=True, render_kw=group,
                description=_l("Their household's total monthly income divided by the number of people in it. "
                               "Leave empty if you do not know."))
            fields[f"property_{i}"] = Choice(
                _("Person %(n)d: is their household's property small, within the low-income limits?", n=i),
                choices=[("", _("Choose one"))] + C.pairs(C.SUPPORTER_PROPERTY), optional=True,
                render_kw=group,
                description=_l("For example no more than one home to live in and modest savings."))
        return make_form("SupporterDetailsForm", fields)

    def load(self, ctx):
        data = {}
        for i, row in enumerate(A.get(ctx.answers, "supporters.people") or [], start=1):
            data[f"relation_{i}"] = row.get("relation")
            data[f"age_{i}"] = None if row.get("age") is None else str(row["age"])
            data[f"situation_{i}"] = row.get("situation")
            data[f"income_{i}"] = row.get("income_per_capita")
            data[f"property_{i}"] = row.get("property")
        return data

    def _indexes(self, form) -> list[int]:
        return [i for i in range(1, MAX_ROWS + 1) if f"relation_{i}" in form]

    def check(self, form, ctx):
        ok = True
        for i in self._indexes(form):
            if not form[f"relation_{i}"].data:
                if i > 1 and any((form[f"{k}{i}"].data or "").strip() for k in ROW_FIELDS[1:]):
                    add_error(form[f"relation_{i}"], _("Choose who this person is to you, or empty the row"))
                    ok = False
                continue
            deceased = form[f"situation_{i}"].data == "deceased"
            age = form[f"age_{i}"].cleaned
            if not age and not deceased:
                add_error(form[f"age_{i}"], _("Enter their age in years"))
                ok = False
            elif age and _age(age) is None:
                add_error(form[f"age_{i}"], _("Enter an age from 0 to 130"))
                ok = False
            if not form[f"situation_{i}"].data:
                add_error(form[f"situation_{i}"], _("Choose what applies to them, or none of these"))
                ok = False
            if not deceased and not form[f"property_{i}"].data:
                add_error(form[f"property_{i}"], _("Choose yes, no or I do not know"))
                ok = False
        return ok

    def dump(self, form, ctx):
        rows = []
        for i in self._indexes(form):
            if not form[f"relation_{i}"].data:
                continue
            income = form[f"income_{i}"]
            known = bool((income.data or "").strip())
            rows.append({"relation": form[f"relation_{i}"].data, "age": _age(form[f"age_{i}"].cleaned),
                         "situation": form[f"situation_{i}"].data,
                         "income_per_capita": income.text if known else None,
                         "property": form[f"property_{i}"].data or None})
        return {"supporters.people": rows}

    def template_context(self, ctx):
        return {"intro": _("The office checks whether each person can support you: their age, health and "
                           "their own household's means decide it (S-TK Art. 8)."),
                "more_label": _("Add another person")}
