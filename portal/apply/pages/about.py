"""Pages of "About you": name and ID, phone, address, registration, marital status, permit."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.apply.answers import choices as C
from portal.apply.answers import shape as A
from portal.apply.filing.declarations import record
from portal.apply.pages.base import Page, add_error, make_form
from portal.apply.pages.fields import (
    Choice,
    Consent,
    Day,
    IdNumber,
    Phone,
    Radio,
    Text,
    as_yes_no,
    yes_no,
)
from portal.apply.places import districts as places
from portal.apply.places import provinces as regions
from portal.apply.places.jurisdiction import preview
from portal.contacts.book import hotline_today
from portal.domain.ids import parse_phone


def id_used_by_other(answers: dict, number: str, ref: str | None) -> bool:
    """An ID number appears once in a household."""
    return any(m.get("id_number") == number and m.get("ref") != ref for m in A.members(answers))


class NamePage(Page):
    def form_class(self, ctx):
        return make_form("NameForm", {
            "name": Text(_l("Full name"), description=_l("As on your ID card."),
                         required_message=_l("Enter your full name as on your ID card"), max_length=50,
                         render_kw={"autocomplete": "name"}),
            "id_number": IdNumber(_l("Resident ID number"), description=_l(
                "The 18 characters on your ID card. Your birth date and age are read from it, so we do not ask for them.")),
        })

    def load(self, ctx):
        about = ctx.answers.get("about") or {}
        return {"name": about.get("name"), "id_number": about.get("id_number")}

    def check(self, form, ctx):
        if id_used_by_other(ctx.answers, form.id_number.parsed.number, A.SELF_REF):
            add_error(form.id_number, _("This ID number is already given for someone in your household"))
            return False
        return True

    def dump(self, form, ctx):
        return {"about.name": form.name.cleaned, "about.id_number": form.id_number.parsed.number}


CONTACT_KINDS = {
    "mobile": _l("The resident's own mobile"),
    "family": _l("A family member's mobile"),
    "landline": _l("A landline"),
    "none": _l("No phone: messages go to the person filing for them"),
}


def _landline(raw: str) -> str | None:
    """A mainland landline as typed (area code, number, extension): 7 to 20 digits with - or spaces."""
    text = "".join(ch for ch in raw if not ch.isspace())
    digits = text.replace("-", "").replace("转", "").replace("ext", "")
    return text if digits.isascii() and digits.isdigit() and 7 <= len(digits) <= 20 else None


class PhonePage(Page):
    """The resident's own mobile; when someone files for them (``_assisted``), any way to reach
    them, or none: a landline, a family member's mobile with whose it is, or no phone."""

    def form_class(self, ctx):
        if ctx.answers.get("_assisted"):
            return make_form("ContactForm", {
                "contact": Radio(_l("How can the office reach the resident?"), choices=list(CONTACT_KINDS.items()),
                                 required_message=_l("Choose how the office can reach the resident")),
                "number": Text(_l("Phone number"), description=_l(
                    "A mobile has 11 digits; a landline has its area code, like 0755-8312 3456."),
                    optional=True, max_length=40, render_kw={"type": "tel", "autocomplete": "off", "width": "phone"}),
                "holder": Text(_l("Whose mobile is it?"), description=_l("The family member's name and relationship, like 王芳, daughter."),
                               optional=True, max_length=60),
            })
        return make_form("PhoneForm", {
            "phone": Phone(_l("Mobile number"), description=_l(
                "The office calls or texts this number about your application. Texts never contain personal details.")),
        })

    def title(self, step, ctx) -> str:
        # Filing for someone, the page asks how to reach them, who may have no mobile at all.
        return _("How to reach the resident") if ctx.answers.get("_assisted") else super().title(step, ctx)

    def load(self, ctx):
        if ctx.answers.get("_assisted"):
            contact = A.get(ctx.answers, "about.contact") or {}
            if not contact and A.get(ctx.answers, "about.phone"):
                contact = {"kind": "mobile", "number": A.get(ctx.answers, "about.phone")}
            return {"contact": contact.get("kind"), "number": contact.get("number"), "holder": contact.get("holder")}
        return {"phone": A.get(ctx.answers, "about.phone")}

    def check(self, form, ctx):
        if "contact" not in form:
            return True
        kind, number = form.contact.data, form.number.cleaned
        if kind in ("mobile", "family"):
            parsed, problem = parse_phone(number)
            if problem:
                add_error(form.number, _("Enter the 11-digit mobile number, like 138 0013 8000") if problem == "empty"
                          else _("Enter an 11-digit mainland mobile number, like 138 0013 8000. For a landline, choose A landline"))
                return False
            form.number.data = parsed
        elif kind == "landline":
            if not number:
                add_error(form.number, _("Enter the landline number with its area code"))
                return False
            if _landline(number) is None:
                add_error(form.number, _("Enter a landline like 0755-8312 3456: digits, with the area code"))
                return False
        if kind == "family" and not form.holder.cleaned:
            add_error(form.holder, _("Enter whose mobile it is: the family member's name and relationship"))
            return False
        return True

    def dump(self, form, ctx):
        if "contact" not in form:
            return {"about.phone": form.phone.number}
        kind = form.contact.data
        number = None if kind == "none" else (form.number.data if kind in ("mobile", "family") else _landline(form.number.cleaned))
        return {"about.phone": number if kind == "mobile" else None,
                "about.contact": {"kind": kind, "number": number,
                                  "holder": form.holder.cleaned if kind == "family" else None}}


class AddressPage(Page):
    def form_class(self, ctx):
        return make_form("AddressForm", {
            "office_code": Choice(_l("District and street office"), choices=places.office_choices(_l("Choose your street office")),
                                  description=_l("Where you live now. If you do not know the street office, ask your community centre or call %(hotline)s.",
                                                 hotline=hotline_today()),
                                  required_message=_l("Choose the street office of the place where you live")),
            "address": Text(_l("Address"), description=_l("Community, street, building and flat number."),
                            required_message=_l("Enter your address"), max_length=200,
                            render_kw={"autocomplete": "address-line1"}),
        })

    def load(self, ctx):
        about = ctx.answers.get("about") or {}
        return {"office_code": about.get("office_code"), "address": about.get("address")}

    def dump(self, form, ctx):
        office = places.office(form.office_code.data)
        return {"about.office_code": office.code, "about.district_code": office.district_code,
                "about.address": form.address.cleaned}


class HukouPage(Page):
    def form_class(self, ctx):
        return make_form("HukouForm", {
            "where": Radio(_l("Where is your household registration (户籍)?"), choices=C.pairs(C.HUKOU_WHERE),
                           description=_l("Your registration decides where most assistance is handled."),
                           required_message=_l("Choose where your household registration is")),
        })

    def load(self, ctx):
        return {"where": A.get(ctx.answers, "about.hukou.where")}

    def dump(self, form, ctx):
        return {"about.hukou.where": form.where.data}


class HukouShenzhenPage(Page):
    def form_class(self, ctx):
        return make_form("HukouShenzhenForm", {
            "office_code": Choice(_l("District and street office of your registration"),
                                  choices=places.office_choices(_l("Choose a street office")),
                                  required_message=_l("Choose the street office of your household registration")),
        })

    def load(self, ctx):
        return {"office_code": A.get(ctx.answers, "about.hukou.office_code")}

    def dump(self, form, ctx):
        office = places.office(form.office_code.data)
        return {"about.hukou.office_code": office.code, "about.hukou.district_code": office.district_code}


class HukouElsewherePage(Page):
    def form_class(self, ctx):
        return make_form("HukouElsewhereForm", {
            "region_code": Choice(_l("Province"), choices=[("", _("Choose a province"))] + regions.province_choices(),
                                  required_message=_l("Choose the province of your household registration")),
            "place": Text(_l("City and county"), description=_l("As on your household registration booklet, for example 衡阳市衡南县."),
                          required_message=_l("Enter the city and county of your household registration"), max_length=100),
        })

    def load(self, ctx):
        hukou = A.get(ctx.answers, "about.hukou") or {}
        return {"region_code": hukou.get("region_code"), "place": hukou.get("place")}

    def dump(self, form, ctx):
        return {"about.hukou.region_code": form.region_code.data, "about.hukou.place": form.place.cleaned}


class MaritalPage(Page):
    def form_class(self, ctx):
        return make_form("MaritalForm", {
            "marital_status": Radio(_l("What is your marital status?"), choices=C.pairs(C.MARITAL),
                                    required_message=_l("Choose your marital status")),
        })

    def load(self, ctx):
        return {"marital_status": A.get(ctx.answers, "about.marital_status")}

    def dump(self, form, ctx):
        return {"about.marital_status": form.marital_status.data}


class PermitPage(Page):
    def form_class(self, ctx):
        return make_form("PermitForm", {
            "has_permit": yes_no(_l("Do you have a Shenzhen residence permit (居住证)?"),
                                 required_message=_l("Choose yes if you have a Shenzhen residence permit"),
                                 description=_l("With a valid permit, some assistance can be handled where you live instead of where you are registered.")),
        })

    def load(self, ctx):
        return {"has_permit": as_yes_no(A.get(ctx.answers, "permit.has_permit"))}

    def dump(self, form, ctx):
        return {"permit.has_permit": form.has_permit.data == "yes"}


class PermitDetailsPage(Page):
    def form_class(self, ctx):
        return make_form("PermitDetailsForm", {
            "number": Text(_l("Permit number (optional)"), optional=True, max_length=40,
                           description=_l("Leave it empty if the card shows none."), render_kw={"autocomplete": "off"}),
            "issued_on": Day(_l("Date of issue")),
            "expires_on": Day(_l("Valid until"), not_future=False),
            "district_code": Choice(_l("District that issued it"), choices=places.district_choices(_l("Choose a district")),
                                    required_message=_l("Choose the district that issued the permit")),
        })

    def load(self, ctx):
        permit = ctx.answers.get("permit") or {}
        return {k: permit.get(k) for k in ("number", "issued_on", "expires_on", "district_code")}

    def check(self, form, ctx):
        if form.expires_on.date_value <= form.issued_on.date_value:
            add_error(form.expires_on, _("The date it is valid until must be after the date of issue"))
            return False
        return True

    def dump(self, form, ctx):
        return {"permit.number": form.number.cleaned, "permit.issued_on": form.issued_on.date_value.isoformat(),
                "permit.expires_on": form.expires_on.date_value.isoformat(),
                "permit.district_code": form.district_code.data}


class WherePage(Page):
    """Tells a resident registered elsewhere, before they invest time, what Shenzhen handles."""

    template = "apply/where.html"

    def form_class(self, ctx):
        return make_form("WhereForm", {
            "not_receiving_elsewhere": Consent(
                _l("I declare that my household does not receive, and has not applied for, the same assistance at the place of registration."),
                required_message=_l("Tick the box to declare that you do not receive the same assistance at your place of registration")),
        })

    def load(self, ctx):
        return {"not_receiving_elsewhere": bool(A.get(ctx.answers, "declarations.not_receiving_elsewhere"))}

    def dump(self, form, ctx):
        return {"declarations.not_receiving_elsewhere": record("not_receiving_elsewhere", ctx, [A.SELF_REF])}

    def template_context(self, ctx):
        return {"preview": preview(ctx.answers, ctx.today)}
