"""Forms of the assistants' pages. Messages are written for a person, in the user's language."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FileField,
    RadioField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from portal.assist.leads import HOW_FOUND, URGENCIES
from portal.assist.scope import ALLOW_LABELS, CHOSEN
from portal.cleaner import without_invalid
from portal.clock import today
from portal.domain.ids import parse_phone, parse_resident_id
from portal.models.lead import OUTCOMES


def _clean(value: str | None) -> str:
    """Trim, and drop control characters (they cannot be typed on purpose and break display)."""
    return without_invalid(value or "").strip()


def _resident_name(value: str | None) -> str:
    """The resident's name as the assistant or the window typed it; the same rule on both pages."""
    name = _clean(value)
    if not name:
        raise ValidationError(_l("Enter the resident's full name"))
    if len(name) > 60:
        raise ValidationError(_l("The name can have at most 60 characters"))
    return name


class _Cleaning(FlaskForm):
    def clean(self, name: str) -> str:
        return _clean(self[name].data)


class FindResidentForm(_Cleaning):
    name = StringField(_l("The resident's full name"), description=_l("As on their ID card. It is shown on every page while you file for them."))
    phone = StringField(_l("Mobile number"), description=_l("We send the consent code to this number. Leave it empty if the resident has no phone."))
    phone_holder = RadioField(_l("Whose mobile is it?"), choices=[
        SelectChoice("resident", _l("The resident's own")),
        SelectChoice("family", _l("A family member's: the consent code goes to them"))], default="resident", validate_choice=False)
    holder = StringField(_l("The family member's name and relationship"), description=_l("For example: 王芳, daughter. It is recorded with the consent."))
    id_number = StringField(_l("ID number (optional)"), description=_l("The 18-character number on the resident's ID card. It fills in the application and finds their earlier applications."))
    allows = SelectMultipleField(_l("What the resident allows you to do"), description=_l(
        "Printed on the mandate (委托书) and enforced: you can do only what is ticked."),
        choices=[SelectChoice(key, label) for key, label in ALLOW_LABELS.items() if key not in CHOSEN[:1]],
        default=["upload"], validate_choice=False)

    def validate_phone_holder(self, field):
        if field.data not in ("resident", "family"):
            field.data = "resident"

    def validate_holder(self, field):
        holder = _clean(field.data)
        field.data = holder
        if self.phone_holder.data == "family" and _clean(self.phone.data):
            if not holder:
                raise ValidationError(_l("Enter whose mobile it is: the family member's name and relationship"))
            if len(holder) > 60:
                raise ValidationError(_l("At most 60 characters"))

    def validate_allows(self, field):
        field.data = [key for key in CHOSEN if key in (field.data or [])]

    @property
    def allowed(self) -> str:
        """Filing is what every mandate allows; the rest is what was ticked."""
        return ",".join(["file"] + [key for key in CHOSEN[1:] if key in (self.allows.data or [])])

    def validate_name(self, field):
        field.data = _resident_name(field.data)

    def validate_phone(self, field):
        if not _clean(field.data):
            self.normalised_phone = None
            return
        phone, problem = parse_phone(_clean(field.data)[:40])
        if problem:
            raise ValidationError(_l("Enter an 11-digit mainland mobile number, like 138 0013 8000"))
        self.normalised_phone = phone

    def validate_id_number(self, field):
        if not _clean(field.data):
            self.normalised_id = None
            return
        parsed, problem = parse_resident_id(_clean(field.data)[:40], today())
        if problem:
            raise ValidationError(_l("Enter the 18-character ID number on the card"))
        self.normalised_id = parsed.number


class ConsentCodeForm(FlaskForm):
    code = StringField(_l("Consent code"), description=_l("The 6-digit code in the text message the resident received."))

    def validate_code(self, field):
        value = _clean(field.data).replace(" ", "")
        if not value:
            raise ValidationError(_l("Enter the 6-digit code from the resident's text message"))
        if not (len(value) == 6 and value.isdigit()):
            raise ValidationError(_l("The code is 6 digits, like 123456"))
        field.data = value


class MandatePhotoForm(FlaskForm):
    photo = FileField(_l("Photo of the signed mandate (委托书)"), description=_l("A JPEG, PNG or PDF of the whole page, up to 10 MB."))
    declaration = BooleanField(_l("I declare that the resident signed this mandate in front of me and asked me to apply for them"))

    def validate_declaration(self, field):
        if not field.data:
            raise ValidationError(_l("Tick the box to make the declaration"))


class WindowForm(_Cleaning):
    """A walk-in resident at the office window (portal.assist.window)."""
    name = StringField(_l("The resident's full name"), description=_l("As on their ID card."))
    id_number = StringField(_l("ID number"), description=_l("The 18 characters on the ID card the resident shows you."))
    witness = StringField(_l("Second member of staff present"), description=_l(
        "Name of the colleague who saw the resident ask in person. It is recorded with the consent."))
    declaration = BooleanField(_l("The resident came in person with their ID card and asked the office to enter their application"))

    def validate_name(self, field):
        field.data = _resident_name(field.data)

    def validate_id_number(self, field):
        if not _clean(field.data):
            raise ValidationError(_l("Enter the resident's ID number"))
        parsed, problem = parse_resident_id(_clean(field.data)[:40], today())
        if problem:
            raise ValidationError(_l("Enter the 18-character ID number on the card"))
        self.normalised_id = parsed.number

    def validate_witness(self, field):
        witness = _clean(field.data)
        if not witness:
            raise ValidationError(_l("Enter the name of the second member of staff present"))
        if len(witness) > 60:
            raise ValidationError(_l("At most 60 characters"))
        field.data = witness

    def validate_declaration(self, field):
        if not field.data:
            raise ValidationError(_l("Tick the box to confirm the resident asked in person"))


class SignedDeclarationsForm(FlaskForm):
    photo = FileField(_l("Photo of the signed declarations form"), description=_l("A JPEG, PNG or PDF of every page, up to 10 MB."))


URGENCY_LABELS = {
    "immediate": _l("Immediate: basic needs (food, shelter, safety) are not met today"),
    "urgent": _l("Urgent: within a few days"),
    "normal": _l("Normal"),
}
HOW_FOUND_LABELS = {
    "home_visit": _l("Home visit"),
    "neighbour_report": _l("Told by a neighbour or relative"),
    "hotline": _l("12349 hotline"),
    "other_agency": _l("Another agency or organisation"),
    "self_referral": _l("The person asked for help"),
    "other": _l("Other"),
}
OUTCOME_LABELS = {
    "helped_with_application": _l("Helped with an application"),
    "referred_elsewhere": _l("Referred to another service"),
    "not_in_need": _l("Not in need of assistance"),
    "could_not_contact": _l("Could not be contacted"),
    "declined": _l("Declined help"),
}


# Radios refuse unknown values through our validators (validate_choice=False): WTForms' own
# message is technical and untranslated.
class LeadForm(_Cleaning):
    name = StringField(_l("Name of the person"), description=_l("Or how they are known, if you do not know the name."))
    phone = StringField(_l("Their mobile number (optional)"))
    address = StringField(_l("Where they can be found"), description=_l("Address or place, as precisely as you can."))
    situation = TextAreaField(_l("Their situation"), description=_l("What you saw or were told: why they may need help."))
    urgency = RadioField(_l("How urgent is it?"), choices=[SelectChoice(u, URGENCY_LABELS[u]) for u in URGENCIES], validate_choice=False)
    how_found = RadioField(_l("How did you find out?"), choices=[SelectChoice(h, HOW_FOUND_LABELS[h]) for h in HOW_FOUND], validate_choice=False)

    def _text(self, field, empty, limit, too_long):
        value = _clean(field.data)
        if not value:
            raise ValidationError(empty)
        if len(value) > limit:
            raise ValidationError(too_long)
        field.data = value

    def validate_name(self, field):
        self._text(field, _l("Enter the person's name, or how they are known"), 60, _l("The name can have at most 60 characters"))

    def validate_address(self, field):
        self._text(field, _l("Enter where the person can be found"), 200, _l("The place can have at most 200 characters"))

    def validate_situation(self, field):
        self._text(field, _l("Describe the person's situation"), 2000, _l("The description can have at most 2000 characters"))

    def validate_phone(self, field):
        self.normalised_phone = None
        if _clean(field.data):
            phone, problem = parse_phone(_clean(field.data)[:40])
            if problem:
                raise ValidationError(_l("Enter an 11-digit mainland mobile number, like 138 0013 8000, or leave it empty"))
            self.normalised_phone = phone

    def validate_urgency(self, field):
        if field.data not in URGENCIES:
            raise ValidationError(_l("Choose how urgent it is"))

    def validate_how_found(self, field):
        if field.data not in HOW_FOUND:
            raise ValidationError(_l("Choose how you found out"))


class ContactForm(_Cleaning):
    note = TextAreaField(_l("What happened when you contacted them"))

    def validate_note(self, field):
        value = _clean(field.data)
        if not value:
            raise ValidationError(_l("Describe the contact"))
        if len(value) > 2000:
            raise ValidationError(_l("The description can have at most 2000 characters"))
        field.data = value


class CloseForm(_Cleaning):
    outcome = RadioField(_l("Outcome"), choices=[SelectChoice(o, OUTCOME_LABELS[o]) for o in OUTCOMES if o != "helped_with_application"]
                         + [SelectChoice("helped_with_application", OUTCOME_LABELS["helped_with_application"])],
                         validate_choice=False)
    note = TextAreaField(_l("Note (optional)"))

    def validate_outcome(self, field):
        if field.data not in OUTCOMES:
            raise ValidationError(_l("Choose the outcome"))

    def validate_note(self, field):
        value = _clean(field.data)
        if len(value) > 2000:
            raise ValidationError(_l("The note can have at most 2000 characters"))
        field.data = value
