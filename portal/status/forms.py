"""Forms of the status pages: the look-up without an account, and missing-material uploads."""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import StringField
from wtforms.validators import ValidationError

from portal.domain.ids import parse_phone
from portal.domain.reference import is_valid_reference, normalise_reference

VERIFIER_SHAPE = re.compile(r"^\d{5}[\dX]$")


def normalise_verifier(raw: str | None) -> str:
    """The last 6 characters of an ID number as people type them: spaces dropped, x upper-cased."""
    return re.sub(r"\s", "", raw or "").upper()


class LookupForm(FlaskForm):
    reference = StringField(_l("Reference number"),
                            description=_l("On your receipt and in the text message, like SZ-7KQM-2DRT-P."))
    verifier = StringField(_l("Last 6 characters of the applicant's ID number"),
                           description=_l("For example 12345X. This shows it is you asking."))

    def validate_reference(self, field):
        raw = (field.data or "").strip()
        if not raw:
            raise ValidationError(_l("Enter the reference number"))
        if len(raw) > 40 or not is_valid_reference(raw):
            raise ValidationError(_l("Check the reference number: it looks like SZ-7KQM-2DRT-P"))

    def validate_verifier(self, field):
        value = normalise_verifier(field.data)
        if not value:
            raise ValidationError(_l("Enter the last 6 characters of the applicant's ID number"))
        if not VERIFIER_SHAPE.match(value):
            raise ValidationError(_l("Enter 6 characters: digits, and the last one may be X"))

    @property
    def normalised_reference(self) -> str:
        return normalise_reference(self.reference.data or "")

    @property
    def normalised_verifier(self) -> str:
        return normalise_verifier(self.verifier.data)


def materials_form(items) -> FlaskForm:
    """A form with one file field per missing item, named by the item's key."""
    fields = {}
    for number, item in enumerate(items, start=1):
        fields[f"item_{number}"] = FileField(item.text, description=_l(
            "A photo or a PDF, up to 10 MB. You can take the photo with your phone's camera."))

    form_class = type("MaterialsForm", (FlaskForm,), fields)
    form = form_class()
    form.item_keys = {f"item_{number}": item.key for number, item in enumerate(items, start=1)}
    return form


class ClaimForm(LookupForm):
    phone = StringField(_l("Your new mobile number"), description=_l("We send a code to it. From then on you sign in with it."))

    def validate_phone(self, field):
        number, problem = parse_phone((field.data or "").strip()[:40])
        if problem == "empty":
            raise ValidationError(_l("Enter your mobile number"))
        if problem:
            raise ValidationError(_l("Enter an 11-digit mainland mobile number, like 138 0013 8000"))
        self.normalised_phone = number


class ClaimCodeForm(FlaskForm):
    code = StringField(_l("Code"), description=_l("The 6-digit code in the text message."))

    def validate_code(self, field):
        value = re.sub(r"\s", "", field.data or "")
        if not value:
            raise ValidationError(_l("Enter the 6-digit code from the text message"))
        if not (len(value) == 6 and value.isdigit()):
            raise ValidationError(_l("The code is 6 digits, like 123456"))
        field.data = value


def documents_form(slots) -> FlaskForm:
    """Issue 16: one file field per document still needed after submission, named item_N."""
    fields = {f"item_{number}": FileField(slot.title, description=_l(
        "A photo or a PDF, up to 10 MB. You can take the photo with your phone's camera."))
        for number, slot in enumerate(slots, start=1)}
    form = type("StillNeededForm", (FlaskForm,), fields)()
    form.slots = {f"item_{number}": slot for number, slot in enumerate(slots, start=1)}
    return form
