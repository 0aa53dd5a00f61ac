"""Pages of income, savings and property, and circumstances: amounts in yuan."""
from __future__ import annotations

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.apply.answers import choices as C
from portal.apply.answers import shape as A
from portal.apply.pages.base import Page, make_form
from portal.apply.pages.fields import (
    Area,
    Checkboxes,
    Choice,
    Day,
    LongText,
    Money,
    Radio,
    Text,
    _ascii,
)
from portal.apply.places import districts as places

MONTHLY_MAX = 1_000_000          # yuan a month: more is a typing error
ASSET_MAX = 10_000_000_000       # yuan
AREA_MAX = 100_000               # square metres
MAX_ROWS = 10                    # vehicles or homes listed on one page


class IncomeSourcesPage(Page):
    def form_class(self, ctx):
        label = _("Which kinds of income do you have?") if ctx.is_self else \
            _("Which kinds of income does %(name)s have?", name=ctx.name)
        options = [(code, text) for code, text, _ in C.INCOME_SOURCES] + [("none", _l("No income"))]
        return make_form("IncomeSourcesForm", {
            "sources": Checkboxes(label, choices=options, required_message=_l("Choose the kinds of income, or no income"),
                                  description=_l("Tick every kind received in the last 12 months. Payments marked "
                                                 "\u201cnot counted\u201d are recorded but do not count as income.")),
        })

    def load(self, ctx):
        sources = A.get(ctx.answers, f"income.{ctx.ref}.sources")
        return {"sources": (sources or ["none"]) if sources is not None else []}

    def dump(self, form, ctx):
        sources = form.sources.selected
        amounts = A.get(ctx.answers, f"income.{ctx.ref}.amounts") or {}
        kept = {k: v for k, v in amounts.items() if k in sources or k in dict(_deductions(sources))}
        return {f"income.{ctx.ref}.sources": sources, f"income.{ctx.ref}.amounts": kept or None}

    def title(self, step, ctx):
        return _("Your income") if ctx.is_self else _("%(name)s: income", name=ctx.name)


def _deductions(sources: list[str]) -> list[tuple[str, object]]:
    """Deductions worth asking for the sources named: costs of working only with wages."""
    rows = []
    for code, text, _kind in C.DEDUCTIONS:
        if code == "employment_costs" and "wages" not in sources:
            continue
        if code in ("tax", "social_insurance") and not {"wages", "business_net", "pension"} & set(sources):
            continue
        rows.append((code, text))
    return rows


class IncomeAmountsPage(Page):
    def form_class(self, ctx):
        sources = A.get(ctx.answers, f"income.{ctx.ref}.sources") or []
        labels = {code: text for code, text, _ in C.INCOME_SOURCES}
        fields = {}
        for code in sources:
            hint = C.INCOME_WHY.get(code, C.EXCLUDED_WHY)
            fields[code] = Money(_("%(source)s, yuan a month", source=labels.get(code, code)), description=hint,
                                 maximum=MONTHLY_MAX)
        for code, text in _deductions(sources):
            fields[code] = Money(_("%(source)s, yuan a month (optional)", source=text), optional=True,
                                 maximum=MONTHLY_MAX, description=_l("Taken off the income above. Leave empty if none."))
        return make_form("IncomeAmountsForm", fields)

    def load(self, ctx):
        return dict(A.get(ctx.answers, f"income.{ctx.ref}.amounts") or {})

    def dump(self, form, ctx):
        # Optional deductions left empty are not stored: "none" needs no row.
        return {f"income.{ctx.ref}.amounts": {field.name: field.text for field in form
                                              if isinstance(field, Money) and (not field.optional or field.amount)}}

    def title(self, step, ctx):
        return _("Your monthly income") if ctx.is_self else _("%(name)s: monthly income", name=ctx.name)


class SavingsPage(Page):
    FIELDS = (
        ("deposits", _l("Bank deposits"), _l("Current and fixed deposits of everyone in the household, in total.")),
        ("securities", _l("Stocks, funds, bonds and online wealth products"),
         _l("Their value today, including products such as 余额宝.")),
        ("insurance_cash_value", _l("Cash value of commercial insurance"),
         _l("What you would get back if you cancelled savings-type insurance today.")),
        ("receivables", _l("Money owed to you"), _l("Loans you gave that are still to be paid back.")),
    )

    def form_class(self, ctx):
        # A box left empty means none (stored as 0): four boxes each demanding a 0 was noise.
        return make_form("SavingsForm", {code: Money(_("%(what)s, yuan", what=label), description=hint, maximum=ASSET_MAX,
                                                     optional=True)
                                         for code, label, hint in self.FIELDS})

    def load(self, ctx):
        assets = ctx.answers.get("assets") or {}
        return {code: assets.get(code) for code, _l1, _h in self.FIELDS}

    def dump(self, form, ctx):
        return {f"assets.{code}": form[code].text for code, _l1, _h in self.FIELDS}

    def template_context(self, ctx):
        return {"intro": _("Savings within a limit are allowed: the office compares them with the local rules (S-DB Art. 14). Leave a box empty where you have none.")}


class PropertyPage(Page):
    def form_class(self, ctx):
        return make_form("PropertyForm", {
            "owns": Checkboxes(_l("Does anyone in the household own any of these?"), choices=C.pairs(C.OWNS),
                               required_message=_l("Choose what anyone in the household owns, or none of these")),
        })

    def load(self, ctx):
        owns = A.get(ctx.answers, "assets.owns")
        return {"owns": (owns or ["none"]) if owns is not None else []}

    def dump(self, form, ctx):
        return {"assets.owns": form.owns.selected}


def _rows(saved: list, prefix: str) -> int:
    """Rows to show: those saved, one more after "add another", and every row posted."""
    extra = 1 if request.args.get("more") == "1" else 0
    posted = [int(key.rsplit("_", 1)[1]) for key in request.form
              if key.startswith(prefix) and key.rsplit("_", 1)[1].isdigit()]
    return max(1, min(MAX_ROWS, max([len(saved) + extra, *posted])))


class VehiclesPage(Page):
    template = "apply/rows.html"

    def form_class(self, ctx):
        fields = {}
        for i in range(1, _rows(A.get(ctx.answers, "assets.vehicles") or [], "value_") + 1):
            fields[f"value_{i}"] = Money(_("Vehicle %(n)d: estimated value, yuan", n=i), maximum=ASSET_MAX,
                                         optional=i > 1, render_kw={"group": i})
            fields[f"use_{i}"] = Choice(_("Vehicle %(n)d: what it is used for", n=i), choices=C.pairs(C.VEHICLE_USES),
                                        required_message=_l("Choose what the vehicle is used for"), render_kw={"group": i})
        return make_form("VehiclesForm", fields)

    def load(self, ctx):
        data = {}
        for i, row in enumerate(A.get(ctx.answers, "assets.vehicles") or [], start=1):
            data[f"value_{i}"], data[f"use_{i}"] = row.get("value"), row.get("exemption") or "ordinary"
        return data

    def dump(self, form, ctx):
        rows = []
        for i in range(1, MAX_ROWS + 1):
            if f"value_{i}" in form and (i == 1 or (form[f"value_{i}"].data or "").strip()):
                use = form[f"use_{i}"].data
                rows.append({"value": form[f"value_{i}"].text, "exemption": None if use == "ordinary" else use})
        return {"assets.vehicles": rows}

    def template_context(self, ctx):
        return {"intro": _("A vehicle used by a disabled member or needed to earn a living is not counted as property (S-DB Art. 14)."),
                "more_label": _("Add another vehicle")}


class HomesPage(Page):
    template = "apply/rows.html"

    def form_class(self, ctx):
        fields = {}
        for i in range(1, _rows(A.get(ctx.answers, "assets.houses") or [], "use_") + 1):
            fields[f"use_{i}"] = Choice(_("Home %(n)d: how it is used", n=i),
                                        choices=[("", _("Choose one"))] + C.pairs(C.HOUSE_USES), optional=i > 1,
                                        required_message=_l("Choose how the home is used"), render_kw={"group": i})
            fields[f"area_{i}"] = Area(_("Home %(n)d: floor area, square metres", n=i), maximum=AREA_MAX,
                                        optional=i > 1, render_kw={"group": i, "inputmode": "decimal"})
        return make_form("HomesForm", fields)

    def load(self, ctx):
        data = {}
        for i, row in enumerate(A.get(ctx.answers, "assets.houses") or [], start=1):
            data[f"use_{i}"], data[f"area_{i}"] = row.get("use"), row.get("area_m2")
        return data

    def check(self, form, ctx):
        ok = True
        for i in range(2, MAX_ROWS + 1):
            if f"use_{i}" not in form:
                break
            used, area = form[f"use_{i}"].data, (form[f"area_{i}"].data or "").strip()
            if area and not used:
                form[f"use_{i}"].errors = [_("Choose how the home is used")]
                ok = False
            elif used and not area:
                form[f"area_{i}"].errors = [_("Enter the floor area in square metres")]
                ok = False
        return ok

    def dump(self, form, ctx):
        rows = [{"use": form[f"use_{i}"].data, "area_m2": form[f"area_{i}"].text}
                for i in range(1, MAX_ROWS + 1) if f"use_{i}" in form and form[f"use_{i}"].data]
        return {"assets.houses": rows}

    def template_context(self, ctx):
        return {"intro": _("List every home or building anyone in the household owns, including a share."),
                "more_label": _("Add another home")}


class BusinessesPage(Page):
    def form_class(self, ctx):
        return make_form("BusinessesForm", {
            "count": Text(_l("How many businesses are registered to people in the household?"), max_length=10,
                          required_message=_l("Enter the number of businesses"),
                          render_kw={"inputmode": "numeric", "width": "short", "autocomplete": "off"}),
        })

    def load(self, ctx):
        count = A.get(ctx.answers, "assets.business_registrations")
        return {"count": None if count is None else str(count)}

    def check(self, form, ctx):
        value = _ascii(form.count.cleaned)
        if not value.isdigit() or not 1 <= int(value) <= 99:
            form.count.errors = [_("Enter a whole number from 1 to 99")]
            return False
        return True

    def dump(self, form, ctx):
        return {"assets.business_registrations": int(_ascii(form.count.cleaned))}


class CostsPage(Page):
    def form_class(self, ctx):
        return make_form("CostsForm", {
            "costs": Checkboxes(_l("In the last 12 months, did your household pay any of these?"), choices=C.pairs(C.COSTS),
                                description=_l("High essential costs can make a household eligible even when its income is above the line (S-GX Art. 5)."),
                                required_message=_l("Choose the costs you paid, or none of these")),
        })

    def load(self, ctx):
        costs = A.get(ctx.answers, "circumstances.costs")
        return {"costs": (costs or ["none"]) if costs is not None else []}

    def dump(self, form, ctx):
        return {"circumstances.costs": form.costs.selected}


class CostAmountsPage(Page):
    LABELS = {"medical": _l("Medical costs you paid yourself, after insurance"),
              "education": _l("Education fees and accommodation"),
              "rehabilitation": _l("Rehabilitation and assistive devices, after subsidies")}

    def form_class(self, ctx):
        costs = A.get(ctx.answers, "circumstances.costs") or []
        return make_form("CostAmountsForm", {
            code: Money(_("%(what)s, yuan in the last 12 months", what=self.LABELS[code]), maximum=ASSET_MAX)
            for code in costs if code in self.LABELS})

    def load(self, ctx):
        return dict(A.get(ctx.answers, "circumstances.rigid_expenditure") or {})

    def dump(self, form, ctx):
        return {"circumstances.rigid_expenditure": {field.name: field.text for field in form if isinstance(field, Money)}}


class SituationPage(Page):
    def form_class(self, ctx):
        return make_form("SituationForm", {
            "situations": Checkboxes(_l("Does any of these describe your situation now?"), choices=C.pairs(C.SITUATIONS),
                                     required_message=_l("Choose what describes your situation, or none of these")),
        })

    def load(self, ctx):
        found = A.get(ctx.answers, "circumstances.situations")
        return {"situations": (found or ["none"]) if found is not None else []}

    def dump(self, form, ctx):
        return {"circumstances.situations": form.situations.selected}


class EmergencyPage(Page):
    def form_class(self, ctx):
        return make_form("EmergencyForm", {
            "kind": Radio(_l("What happened?"), choices=C.pairs(C.EMERGENCY_KINDS),
                          required_message=_l("Choose what happened")),
            "date": Day(_l("When did it happen?")),
            "office_code": Choice(_l("Where did it happen?"), choices=places.office_choices(_l("Choose a street office")),
                                  description=_l("Emergency aid is given by the street office where it happened, wherever you are registered."),
                                  required_message=_l("Choose the street office where it happened")),
            "affected": Radio(_l("Who is affected?"), choices=C.pairs(C.EMERGENCY_AFFECTED),
                              required_message=_l("Choose who is affected")),
            "description": LongText(_l("What do you need now? Tell us briefly what happened"), max_length=1000,
                                    description=_l("For example: a place to stay tonight, food, money for the hospital."),
                                    required_message=_l("Describe briefly what happened and what you need")),
        })

    def load(self, ctx):
        e = A.get(ctx.answers, "circumstances.emergency") or {}
        data = {k: e.get(k) for k in ("kind", "date", "office_code", "affected", "description")}
        if not data["office_code"]:
            # Where it happened defaults to the home address, when one is known.
            data["office_code"] = A.get(ctx.answers, "about.office_code")
        return data

    def dump(self, form, ctx):
        office = places.office(form.office_code.data)
        return {"circumstances.emergency": {
            "kind": form.kind.data, "date": form.date.date_value.isoformat(), "district_code": office.district_code,
            "office_code": office.code, "affected": form.affected.data, "description": form.description.cleaned}}

    def template_context(self, ctx):
        return {"intro": _("Applications with an emergency are marked urgent: the street office can help first and do the paperwork afterwards.")}


class EmergencyHelpPage(Page):
    """What is needed now and the help already received (S-LS 二(二), 二(三)); not on the
    emergency-first path, where help comes first and this follows with the rest."""

    def form_class(self, ctx):
        return make_form("EmergencyHelpForm", {
            "needs": Checkboxes(_l("What do you need now?"), choices=C.pairs(C.EMERGENCY_NEEDS), none_value=None,
                                required_message=_l("Choose what you need now")),
            "help_kinds": Checkboxes(_l("Have you already received help for it?"), choices=C.pairs(C.HELP_KINDS),
                                     required_message=_l("Choose the help received, or none yet")),
            "help_received": Money(_l("How much, in yuan, in total?"), maximum=ASSET_MAX, optional=True,
                                   description=_l("Only if you received help. The office takes it into account when "
                                                  "setting the amount.")),
        })

    def load(self, ctx):
        e = A.get(ctx.answers, "circumstances.emergency_help") or {}
        kinds = e.get("help_kinds")
        return {"needs": e.get("needs") or [], "help_kinds": (kinds or ["none"]) if kinds is not None else [],
                "help_received": e.get("help_received")}

    def check(self, form, ctx):
        if form.help_kinds.selected and not (form.help_received.data or "").strip():
            form.help_received.errors = [_("Enter how much help you received, in yuan")]
            return False
        return True

    def dump(self, form, ctx):
        kinds = form.help_kinds.selected
        return {"circumstances.emergency_help": {
            "needs": list(form.needs.data), "help_kinds": kinds,
            "help_received": form.help_received.text if kinds else None}}


class HousingKindPage(Page):
    def form_class(self, ctx):
        return make_form("HousingKindForm", {
            "kind": Radio(_l("What is your housing difficulty?"), choices=C.pairs(C.HOUSING_KINDS),
                          description=_l("It decides the help: public rental housing or a rent allowance, or help "
                                         "to repair a dangerous house (S-ZX Art. 40)."),
                          required_message=_l("Choose what your housing difficulty is")),
        })

    def load(self, ctx):
        return {"kind": A.get(ctx.answers, "circumstances.housing_kind")}

    def dump(self, form, ctx):
        return {"circumstances.housing_kind": form.kind.data}
