"""The forms of the policy figures pages. Values are checked in portal.policy_figures.service,
so every problem is shown next to its field in the user's language and nothing typed is lost."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice

from portal.admin.forms import _strip
from portal.domain.figures import REGIONS
from portal.policy_figures import labels


class ProposeForm(FlaskForm):
    key = SelectField(_l("Figure"), validate_choice=False)
    region = SelectField(_l("Where it applies"), validate_choice=False)
    value = StringField(_l("New value"), filters=[_strip])
    effective_from = StringField(_l("Takes effect on"), filters=[_strip],
                                 description=_l("The first day the new value applies, such as 2027-07-01. Earlier days keep the value in force then."))
    source = TextAreaField(_l("Source document"), filters=[_strip],
                           description=_l("The document's title and number (文号) and article, or its address, so that anyone can check the figure."))
    example = BooleanField(_l("This is an example figure, not yet confirmed by an official document"))
    note = StringField(_l("Note (optional)"), filters=[_strip])


class RejectForm(FlaskForm):
    reason = TextAreaField(_l("Why it is rejected"), filters=[_strip],
                           description=_l("The proposer and the audit trail see this reason."))


class DecideForm(FlaskForm):
    """The approve button: nothing to fill in but the CSRF token."""


def fill_choices(form: ProposeForm, keys) -> None:
    form.key.choices = [SelectChoice("", str(_l("Choose a figure")))] + [
        SelectChoice(key, f"{labels.key_label(key)} ({key})") for key in sorted(keys, key=labels.key_label)]
    form.region.choices = [SelectChoice(code, labels.region_label(code)) for code in REGIONS]
