"""Sign-in forms. Messages are written for a person, in the chosen language."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length, ValidationError

from portal.cleaner import without_invalid
from portal.domain.ids import parse_phone
from portal.domain.staff import PASSWORD_MAX, PASSWORD_MIN, password_problem


def _without_control_characters(value):
    """No username holds one, and PostgreSQL refuses a NUL in a query or a rate-limit key."""
    return without_invalid(value, lines=False)


class PhoneForm(FlaskForm):
    phone = StringField(_l("Mobile number"), description=_l("We will send a 6-digit code to this number."))

    def validate_phone(self, field):
        phone, problem = parse_phone(field.data or "")
        if problem == "empty":
            raise ValidationError(_l("Enter your mobile number"))
        if problem:
            raise ValidationError(_l("Enter an 11-digit mainland mobile number, like 138 0013 8000"))
        self.normalised_phone = phone


class CodeForm(FlaskForm):
    code = StringField(_l("Sign-in code"), description=_l("The 6-digit code in the text message we sent."))

    def validate_code(self, field):
        value = (field.data or "").strip().replace(" ", "")
        if not value:
            raise ValidationError(_l("Enter the 6-digit code from the text message"))
        if not (len(value) == 6 and value.isdigit()):
            raise ValidationError(_l("The code is 6 digits, like 123456"))
        field.data = value


class StaffSignInForm(FlaskForm):
    username = StringField(_l("Username"), filters=[_without_control_characters], validators=[DataRequired(_l("Enter your username")), Length(max=64, message=_l("A username has at most 64 characters"))])
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password")), Length(max=256, message=_l("A password has at most 256 characters"))])


class ChoosePasswordForm(FlaskForm):
    """The password a member of staff chooses after signing in with a one-time code."""

    password = PasswordField(_l("New password"), description=_l("At least 10 characters. A few unrelated words are easy to remember and hard to guess."))
    confirm = PasswordField(_l("Type the new password again"))

    def __init__(self, username: str = "", **kwargs):
        super().__init__(**kwargs)
        self.username = username

    def validate_password(self, field):
        problem = password_problem(field.data or "", self.username)
        messages = {
            "empty": _l("Enter a new password"),
            "short": _l("A password has at least %(num)d characters", num=PASSWORD_MIN),
            "long": _l("A password has at most %(num)d characters", num=PASSWORD_MAX),
            "username": _l("Choose a password that does not contain your username"),
        }
        if problem:
            raise ValidationError(messages[problem])

    def validate_confirm(self, field):
        if not field.data:
            raise ValidationError(_l("Type the new password again"))
        if field.data != (self.password.data or ""):
            raise ValidationError(_l("The two passwords are not the same"))
