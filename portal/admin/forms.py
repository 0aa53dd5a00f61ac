"""Forms of the administration pages. Choices are filled per request, in the current language."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from portal.accounts.forms import _without_control_characters
from portal.apply.places import districts as places
from portal.domain.vocabulary import STAFF_ROLES
from portal.vocabulary import role_title


def _strip(value):
    value = _without_control_characters(value)
    return value.strip() if isinstance(value, str) else value


class CreateStaffForm(FlaskForm):
    display_name = StringField(_l("Name"), filters=[_strip],
                               description=_l("As colleagues and case records will show it, such as 陈经办."))
    username = StringField(_l("Username"), filters=[_strip],
                           description=_l("What they type to sign in: lower-case letters, digits, full stops, hyphens or underscores, such as chen.yuehai."))
    role = RadioField(_l("Role"), validate_choice=False)
    office_code = SelectField(_l("Street office"), validate_choice=False,
                              description=_l("For community assistants and caseworkers."))
    district_code = SelectField(_l("District"), validate_choice=False, description=_l("For district reviewers."))

    def validate_display_name(self, field):
        if field.data and len(field.data) > 100:
            raise ValidationError(_l("A name has at most 100 characters"))


class ScopeForm(FlaskForm):
    office_code = SelectField(_l("Street office"), validate_choice=False)
    district_code = SelectField(_l("District"), validate_choice=False)


class ActionForm(FlaskForm):
    """The disable, re-enable and reset buttons: nothing to fill in but the CSRF token."""


class StaffFilterForm(Form):
    """The staff list's filters, sent with GET."""

    role = SelectField(_l("Role"), validate_choice=False)
    status = SelectField(_l("Status"), validate_choice=False)


def fill_scope_choices(form) -> None:
    form.office_code.choices = [SelectChoice(v, label) for v, label in places.office_choices(_l("Choose a street office"))]
    form.district_code.choices = [SelectChoice(v, label) for v, label in places.district_choices(_l("Choose a district"))]


def fill_role_choices(form) -> None:
    form.role.choices = [SelectChoice(code, role_title(code)) for code in STAFF_ROLES]


def staff_filter_form(args) -> StaffFilterForm:
    form = StaffFilterForm(args)
    form.role.choices = [SelectChoice("", str(_l("All roles")))] + [SelectChoice(c, role_title(c)) for c in STAFF_ROLES]
    form.status.choices = [SelectChoice("active", str(_l("Active"))), SelectChoice("disabled", str(_l("Disabled"))),
                           SelectChoice("all", str(_l("All")))]
    if form.status.data not in ("active", "disabled", "all"):
        form.status.data = "active"
    if form.role.data not in STAFF_ROLES:
        form.role.data = ""
    return form
