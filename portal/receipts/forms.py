"""The verification form: reference number and verification code, as printed on the document."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import ValidationError

from portal.domain.reference import is_valid_reference, normalise_reference
from portal.receipts.verify import is_valid_code, normalise_code

MAX_INPUT = 40  # longer than any correct value with spaces; anything longer is not worth reading


class VerifyForm(FlaskForm):
    reference = StringField(_l("Reference number"), description=_l("At the top of the document, like SZ-7KQM-2DRT-P."))
    code = StringField(_l("Verification code"), description=_l("8 letters and digits, next to the reference number."))

    def validate_reference(self, field):
        raw = (field.data or "").strip()
        if not raw:
            raise ValidationError(_l("Enter the reference number"))
        if len(raw) > MAX_INPUT or not is_valid_reference(raw):
            raise ValidationError(_l("Check the reference number: it looks like SZ-7KQM-2DRT-P"))

    def validate_code(self, field):
        raw = (field.data or "").strip()
        if not raw:
            raise ValidationError(_l("Enter the verification code"))
        if len(raw) > MAX_INPUT or not is_valid_code(raw):
            raise ValidationError(_l("Check the verification code: 8 letters and digits, like K7QM2DRT"))

    @property
    def normalised_reference(self) -> str:
        return normalise_reference(self.reference.data or "")

    @property
    def normalised_code(self) -> str:
        return normalise_code(self.code.data)
