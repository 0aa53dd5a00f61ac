"""The form that changes contact details, and the offices list's filter (sent with GET)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Form, SelectField, StringField
from wtforms.fields.choices import SelectChoice

from portal.admin.forms import _strip
from portal.apply.places import districts as places


class ContactForm(FlaskForm):
    """Checked by portal/domain/contacts.py (through the service), so one set of rules holds."""

    address = StringField(_l("Address"), filters=[_strip],
                          description=_l("As printed on receipts and notices, such as 深圳市南山区粤海街道办事处一楼."))
    phone = StringField(_l("Phone number"), filters=[_strip],
                        description=_l("A landline with its area code, such as 0755-12345678, or a service number such as 12345."))
    hours = StringField(_l("Opening hours (optional)"), filters=[_strip],
                        description=_l("Such as 周一至周五 9:00-12:00，14:00-18:00."))
    effective_from = StringField(_l("Takes effect on"), filters=[_strip],
                                 description=_l("Today or a later date, such as 2027-01-31. Until then the current details stay on receipts and pages."))
    source = StringField(_l("Source"), filters=[_strip],
                         description=_l("Where these details come from, such as the office's notice of 2026-12-01."))


class OfficeFilterForm(Form):
    district = SelectField(_l("District"), validate_choice=False)
    missing = BooleanField(_l("Only offices without a phone or address"))


def office_filter_form(args) -> OfficeFilterForm:
    form = OfficeFilterForm(args)
    form.district.choices = [SelectChoice(v, label) for v, label in places.district_choices(_l("All districts"))]
    if form.district.data not in {c.value for c in form.district.choices}:
        form.district.data = ""
    return form
