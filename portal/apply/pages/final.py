"""Pages of what you apply for, the bank account and the declarations."""
from __future__ import annotations

import re
from functools import lru_cache

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from portal.apply.answers import choices as C
from portal.apply.answers import shape as A
from portal.apply.answers.screening import suggested
from portal.apply.filing.declarations import (
    AGREEMENT_METHODS,
    DECLARATIONS,
    helper_is_acting,
    record,
)
from portal.apply.journey.conditions import Chose, Ctx
from portal.apply.journey.steps import on_emergency_path
from portal.apply.pages.base import Page, PageCtx, add_error, make_form
from portal.apply.pages.fields import Checkboxes, Consent, Radio, Text, _ascii
from portal.i18n import current_locale
from portal.vocabulary import TYPES

WHY_SUGGESTED = {
    "dibao": _l("Your household's income per person looks below the minimum living standard."),
    "low_income": _l("Your household's income per person looks below 1.5 times the minimum living standard."),
    "tekun": _l("Your age or disability and your income suggest you may qualify."),
    "rigid_expenditure": _l("Your essential costs look high compared with your household's income."),
    "temp_emergency": _l("You told us about an emergency."),
    "temp_expenditure": _l("You told us about a large essential cost."),
    "medical": _l("Households that qualify for the minimum living allowance also get help with medical bills."),
    "education": _l("There is a student in your household, and your income looks low."),
    "housing": _l("You told us you have no safe or adequate home."),
    "employment": _l("Someone in your household can work and is without work."),
    "disaster": _l("You told us about a natural disaster."),
}
PUBLISHED_TYPES = ("dibao", "tekun", "low_income")


def suggestions(ctx: PageCtx) -> dict[str, str]:
    """{type: "likely" | "possibly"} from the eligibility screening of the answers so far."""
    return suggested(ctx.answers, ctx.today)


class TypesPage(Page):
    def _label(self, code, name, explanation, verdict) -> Markup:
        text = Markup("<strong>{}</strong><span class=\"choice-hint\">{}</span>").format(name, explanation)
        if verdict:
            tag = _("Suggested") if verdict == "likely" else _("May apply")
            text += Markup("<span class=\"choice-hint\"><span class=\"tag\">{}</span> {}</span>").format(
                tag, WHY_SUGGESTED[code])
        return text

    def form_class(self, ctx):
        return self._form_class(current_locale(), tuple(sorted(suggestions(ctx).items())))

    # The labels are the costly part of this page (eleven formatted, translated options), and
    # they depend only on the language and the verdicts: one class per pair, built once.
    @lru_cache(maxsize=256)  # noqa: B019  (one TypesPage for the process; keys are a few short strings)
    def _form_class(self, locale: str, verdicts: tuple[tuple[str, str], ...]):
        suggested = dict(verdicts)
        options = [(code, self._label(code, name, explanation, suggested.get(code)))
                   for code, (name, explanation) in ((c, (w.full_name, w.summary)) for c, w in TYPES.items())]
        options.append((A.ASSESS_ALL, Markup("<strong>{}</strong>").format(C.ASSESS_ALL_LABEL)))
        return make_form("TypesForm", {
            "types": Checkboxes(_l("Which assistance do you apply for?"), choices=options, none_value=A.ASSESS_ALL,
                                description=_l("The ones marked as suggested follow from your answers so far; you can change them. Each request is decided on its own."),
                                required_message=_l("Choose at least one kind of assistance, or ask us to assess everything"),
                                exclusive_message=_l("Choose \u201cI am not sure\u201d on its own, or the kinds of assistance you want")),
        })

    def load(self, ctx):
        chosen = A.chosen_types(ctx.answers)
        if chosen:
            return {"types": chosen}
        return {"types": list(suggestions(ctx))}

    def check(self, form, ctx):
        if "temp_emergency" in (form.types.data or []) and not A.get(ctx.answers, "circumstances.emergency"):
            add_error(form.types, _("To apply for emergency aid, first tell us what happened: choose "
                                    "\u201cSomething sudden happened\u201d under Circumstances and needs"))
            return False
        return True

    def dump(self, form, ctx):
        return {"types": list(form.types.data)}


def adults(ctx: PageCtx) -> list[dict]:
    """Adult members who count in the household (each signs the authorisation)."""
    return [m for m in A.members(ctx.answers) if A.in_household(m)
            and (m.get("relation") == "self" or A.is_adult(m, ctx.today))]


_ACCOUNT = re.compile(r"^\d{12,30}$")


class PaymentPage(Page):
    def form_class(self, ctx):
        fields = {}
        holders = adults(ctx)
        if len(holders) > 1:
            fields["holder_ref"] = Radio(
                _l("Whose account should payments go to?"),
                choices=[(m["ref"], m.get("name") or "") for m in holders],
                description=_l("The account must belong to someone in the household (S-DB Art. 25)."),
                required_message=_l("Choose whose account it is"))
        fields["bank"] = Text(_l("Bank or credit union"), description=_l("For example 中国工商银行深圳分行."),
                              required_message=_l("Enter the name of the bank"), max_length=60,
                              render_kw={"autocomplete": "off"})
        fields["account_number"] = Text(_l("Account number"), max_length=40,
                                        description=_l("The number on the bank card or passbook, 12 to 30 digits."),
                                        required_message=_l("Enter the account number"),
                                        render_kw={"inputmode": "numeric", "autocomplete": "off", "width": "id"})
        return make_form("PaymentForm", fields)

    def load(self, ctx):
        payment = ctx.answers.get("payment") or {}
        return {k: payment.get(k) for k in ("holder_ref", "bank", "account_number")}

    def check(self, form, ctx):
        number = re.sub(r"[\s\-]", "", _ascii(form.account_number.cleaned))
        if not _ACCOUNT.match(number):
            add_error(form.account_number, _("Enter the account number using digits only: 12 to 30 digits"))
            return False
        return True

    def dump(self, form, ctx):
        holder = form.holder_ref.data if "holder_ref" in form else A.SELF_REF
        return {"payment": {"holder_ref": holder, "bank": form.bank.cleaned,
                            "account_number": re.sub(r"[\s\-]", "", _ascii(form.account_number.cleaned))}}


class DeclarationsPage(Page):
    template = "apply/declarations.html"

    def _published(self, ctx) -> bool:
        return Chose(PUBLISHED_TYPES)(Ctx(ctx.answers, None, ctx.today))

    def form_class(self, ctx):
        if on_emergency_path(ctx.answers) and not helper_is_acting(ctx.account_id):
            # Help first (先行救助): checks may be skipped, so only the promise that it is true
            # and the consent to handle the sensitive details of the emergency; the rest later.
            return make_form("EmergencyDeclarationsForm", {
                "truthfulness": Consent(DECLARATIONS["truthfulness"].label, required_message=_l(
                    "Tick the box to promise that the information is true")),
                "sensitive_data": Consent(DECLARATIONS["sensitive_data_processing"].label, required_message=_l(
                    "Tick the box to agree to the processing of sensitive information, which the application needs")),
            })
        fields = {}
        for m in adults(ctx):
            label = _("I authorise the checks") if m.get("relation") == "self" else \
                DECLARATIONS["economic_check_authorisation"].label % {"name": m.get("name") or ""}
            fields[f"check_{m['ref']}"] = Consent(label, required_message=_(
                "Every adult in the household must authorise the checks: tick the box for %(name)s",
                name=m.get("name") or ""), render_kw={"group": "economic_check"})
        fields["truthfulness"] = Consent(DECLARATIONS["truthfulness"].label,
                                         required_message=_l("Tick the box to promise that the information is true"))
        fields["change_duty"] = Consent(DECLARATIONS["change_duty"].label,
                                        required_message=_l("Tick the box to confirm you will report changes"))
        if self._published(ctx):
            fields["publication_notice"] = Consent(DECLARATIONS["publication_notice"].label, required_message=_l(
                "Tick the box to confirm you understand what is published"))
        fields["sensitive_data"] = Consent(DECLARATIONS["sensitive_data_processing"].label, required_message=_l(
            "Tick the box to agree to the processing of sensitive information, which the application needs"))
        if helper_is_acting(ctx.account_id):
            # Someone files for the resident: how the resident agreed is part of each declaration.
            fields["agreed_how"] = Radio(_l("How did the resident agree to these declarations?"), choices=list(
                AGREEMENT_METHODS.items()), required_message=_l("Choose how the resident agreed"))
            fields["witness"] = Text(_l("Witness's name and role"), description=_l(
                "Someone who heard the resident agree: needed when they said yes before a witness."),
                optional=True, max_length=60)
        return make_form("DeclarationsForm", fields)

    def check(self, form, ctx):
        if "agreed_how" in form and form.agreed_how.data == "witness" and not form.witness.cleaned:
            add_error(form.witness, _("Enter the name of the witness who heard the resident agree"))
            return False
        return True

    def load(self, ctx):
        declared = ctx.answers.get("declarations") or {}
        data = {key: bool(declared.get(key)) for key in
                ("truthfulness", "change_duty", "publication_notice", "sensitive_data")}
        covered = (declared.get("economic_check") or {}).get("members") or []
        data.update({f"check_{ref}": True for ref in covered})
        truthfulness = declared.get("truthfulness") or {}
        if truthfulness.get("method") in AGREEMENT_METHODS:
            data.update(agreed_how=truthfulness["method"], witness=truthfulness.get("witness"))
        return data

    def dump(self, form, ctx):
        refs = [m["ref"] for m in adults(ctx)]
        if "change_duty" not in form:  # the emergency path (above)
            return {"declarations.truthfulness": record("truthfulness", ctx, [A.SELF_REF]),
                    "declarations.sensitive_data": record("sensitive_data_processing", ctx, [A.SELF_REF])}
        updates = {"declarations.economic_check": record("economic_check_authorisation", ctx, refs),
                   "declarations.truthfulness": record("truthfulness", ctx, [A.SELF_REF]),
                   "declarations.change_duty": record("change_duty", ctx, [A.SELF_REF]),
                   "declarations.sensitive_data": record("sensitive_data_processing", ctx, refs),
                   "declarations.publication_notice": None}
        if "publication_notice" in form:
            updates["declarations.publication_notice"] = record("publication_notice", ctx, [A.SELF_REF])
        if "agreed_how" in form:
            witness = form.witness.cleaned if form.agreed_how.data == "witness" else None
            for made in updates.values():
                if made is not None:
                    made.update(method=form.agreed_how.data, witness=witness)
        return updates

    def template_context(self, ctx):
        return {"texts": DECLARATIONS, "published": self._published(ctx)}
