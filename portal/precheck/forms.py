"""The pre-check's pages as forms: the household, each person, property, circumstances.

Questions are few and plain; each answer maps onto the household the eligibility rules
read (``portal.precheck.answers``). Labels and messages are in the visitor's language.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectMultipleField
from wtforms.validators import ValidationError

from portal.apply.answers import choices as C
from portal.apply.answers.choices import co_residence_in_force
from portal.apply.pages.household import MONTHS_MAX, STUDY_AGE_LIMIT
from portal.domain import household as h
from portal.eligibility_texts import labels
from portal.precheck.fields import ChoiceField, MoneyField, WholeField, options
from portal.vocabulary import TYPES

MAX_PEOPLE = 12

# The model's codes (portal.domain.household) in its order; work keeps its own (retired before student).
RELATION_CHOICES = tuple(code for code in h.RELATIONS if code != "self")
STAGE_CHOICES = h.STUDENT_STAGES
WORK_CHOICES = ("employed", "unemployed", "registered_unemployed", "retired", "student", "other")
DISABILITY_CHOICES = ("none", *h.DISABILITY_TYPES)
# Ages at which a school stage is read: from 3 (kindergarten) to below the journey's limit.
STUDY_AGES = (3, STUDY_AGE_LIMIT)


def _choices(codes, table):
    return [(code, table[code]) for code in codes]


class HouseholdForm(FlaskForm):
    size = WholeField(
        _l("How many people live in your household, including you?"), low=1, high=MAX_PEOPLE,
        description=_l("Count your spouse, children and anyone else you live with and share money with."),
        range_message=_l("Enter the number of people, from 1 to 12"))


class PersonForm(FlaskForm):
    relation = ChoiceField(_l("Who is this person to you?"), message=_l("Choose who this person is to you"))
    age = WholeField(_l("Age"), low=0, high=130, description=_l("In years. Enter 0 for a baby under 1."),
                     range_message=_l("Enter an age from 0 to 130"))
    disability_type = ChoiceField(
        _l("Disability certificate"), message=_l("Choose the kind of disability, or no certificate"),
        choices=[("none", _l("No disability certificate"))]
        + [(code, labels.DISABILITY_TYPES[code]) for code in DISABILITY_CHOICES[1:]])
    disability_grade = ChoiceField(
        _l("Grade on the certificate"), message=_l("Choose the grade on the disability certificate"),
        description=_l("Grade 1 is the most severe."), allow_blank=True,
        choices=[("", _l("No certificate"))] + [(str(g), _l("Grade %(grade)s", grade=g)) for g in range(1, 5)])
    serious_illness = BooleanField(_l("Has a major or serious illness"))
    student_stage = ChoiceField(_l("Studying at"), message=_l("Choose where this person studies, or not a student"),
                                description=_l("Only for a person aged 3 to 59: no rule reads the study of others."),
                                choices=_choices(STAGE_CHOICES, labels.STUDENT_STAGES))
    employment = ChoiceField(_l("Work"), message=_l("Choose this person's work situation"),
                             choices=_choices(WORK_CHOICES, labels.EMPLOYMENT))
    # Without work (S-DD 二(一)): one form, so asked of everyone and refused unless unemployed.
    unemployment_insurance = ChoiceField(
        _l("If unemployed: does this person get unemployment insurance benefit?"), message=_l("Choose from the list"),
        allow_blank=True, default="", choices=[("", _l("Not needed")), ("yes", _l("Yes")), ("no", _l("No"))])
    months_without_income = WholeField(
        _l("If unemployed: for how many months has this person had no income?"), low=0, high=MONTHS_MAX,
        required=False, description=_l("In whole months. Leave blank if this person is not unemployed."),
        range_message=_l("Enter a whole number of months from 0 to %(most)d, for example 4", most=MONTHS_MAX))
    # S-DB Art. 8 (3): asked of the applicant of a one-person household only (__init__).
    clergy_at_venue_3y = BooleanField(
        _l("I am a member of the clergy who has lived in a religious venue for 3 years or more"))
    wages = MoneyField(_l("Wages, after tax and social insurance"))
    business = MoneyField(_l("Profit from a business or farming"), allow_negative=True,
                          description=_l("Enter a loss with a minus sign, like -500."))
    pension = MoneyField(_l("Pension"))
    support = MoneyField(_l("Money from family who do not live with you"))
    other_income = MoneyField(_l("Other income, such as rent or interest"))
    co_residence = ChoiceField(
        _l("How long has this person lived with you?"), message=_l("Choose from the list"), allow_blank=True, default="",
        description=_l("Only for a parent, grandparent, grandchild, brother or sister or other relative: they "
                       "count when they live with you for the long term (S-DB Art. 7)."),
        choices=[("", _l("Not needed"))])  # the bands of the period in force: __init__

    def __init__(self, *args, first: bool = False, spouse_taken: bool = False, alone: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.spouse_taken = spouse_taken
        if not (first and alone):
            del self.clergy_at_venue_3y
        if first:
            del self.relation
            del self.co_residence
        else:
            self.co_residence.choices = options(
                [("", _l("Not needed"))] + [(code, label) for code, label, _months in co_residence_in_force()])
            self.relation.choices = options([("", _l("Choose"))] + _choices(RELATION_CHOICES, labels.RELATIONS))

    def validate_relation(self, field) -> None:
        if field.data == "spouse" and self.spouse_taken:
            raise ValidationError(_l("Another person is already your spouse. Choose who this person is to you"))

    def validate_student_stage(self, field) -> None:
        """The age is on the same page: a stage given for an age no rule reads it at is refused
        next to the field (the journey does not ask it from 60 either)."""
        age = self.age.value
        if field.data not in (None, "", "none") and age is not None and not STUDY_AGES[0] <= age < STUDY_AGES[1]:
            raise ValidationError(_l("For a person aged %(age)s choose not a student, or check the age", age=age))

    def _only_when_unemployed(self, field) -> None:
        if self.employment.data not in h.UNEMPLOYED and (field.data or "").strip():
            raise ValidationError(_l("Leave this blank unless this person is unemployed"))

    def validate_unemployment_insurance(self, field) -> None:
        self._only_when_unemployed(field)

    def validate_months_without_income(self, field) -> None:
        self._only_when_unemployed(field)

    def validate_clergy_at_venue_3y(self, field) -> None:
        """The journey asks the clergy route from 18 (S-DB Art. 8 (3)); a child's box is refused."""
        age = self.age.value
        if field.data and age is not None and age < 18:
            raise ValidationError(_l("For a person under 18 leave this unticked, or check the age"))

    def validate_disability_grade(self, field) -> None:
        if self.disability_type.data not in (None, "none") and not field.data:
            raise ValidationError(_l("Choose the grade on the disability certificate"))
        if self.disability_type.data == "none" and field.data:
            raise ValidationError(_l("Choose a kind of disability for this grade, or no certificate"))


class AssetsForm(FlaskForm):
    savings = MoneyField(_l("Savings and investments of everyone in the household"),
                         description=_l("Bank deposits, shares, funds, online finance and the cash value of insurance, added together. Leave blank if none."))
    vehicles = MoneyField(_l("Value of cars and other vehicles"),
                          description=_l("Leave out a vehicle needed for work or for a person with a disability. Leave blank if none."))
    houses = WholeField(_l("Homes owned by the household"), low=0, high=20, required=False,
                        description=_l("Count the home you live in if you own it. Leave blank if none."),
                        range_message=_l("Enter a number of homes from 0 to 20"))
    businesses = WholeField(_l("Businesses registered to anyone in the household"), low=0, high=20, required=False,
                            description=_l("Leave blank if none."),
                            range_message=_l("Enter a number of businesses from 0 to 20"))


class CircumstancesForm(FlaskForm):
    receiving = SelectMultipleField(
        _l("Does anyone in the household already receive any of these?"),
        description=_l("Choose all that apply, or none."),
        choices=options([("dibao", TYPES["dibao"].name), ("low_income", TYPES["low_income"].name),
                         ("tekun", TYPES["tekun"].name), ("orphan", labels.PROGRAMMES["orphan"]),
                         ("unsupported_child", labels.PROGRAMMES["unsupported_child"]),
                         ("temporary", labels.PROGRAMMES["temporary"])]),
        validate_choice=False)
    medical = MoneyField(_l("Medical costs you paid yourselves in the last 12 months"),
                         description=_l("After insurance and any assistance. Leave blank if none."))
    education = MoneyField(_l("School and study costs in the last 12 months"),
                           description=_l("Fees and accommodation. Leave blank if none."))
    rehabilitation = MoneyField(_l("Rehabilitation and disability aids in the last 12 months"),
                                description=_l("After subsidies and insurance. Leave blank if none."))
    emergency = ChoiceField(
        _l("Has something sudden happened to the household recently?"),
        message=_l("Choose what happened, or nothing sudden"),
        choices=[("none", _l("Nothing sudden")), ("fire", labels.EMERGENCY_KINDS["fire"]),
                 ("traffic_accident", labels.EMERGENCY_KINDS["traffic_accident"]),
                 ("sudden_illness", labels.EMERGENCY_KINDS["sudden_illness"]),
                 ("natural_disaster", labels.EMERGENCY_KINDS["natural_disaster"]),
                 ("other_accident", labels.EMERGENCY_KINDS["other_accident"]),
                 ("expenditure", _l("A sudden large cost, such as a hospital bill")),
                 ("other", labels.EMERGENCY_KINDS["other"])])
    emergency_days = WholeField(
        _l("How many days ago did it happen?"), low=0, high=3650, required=False,
        description=_l("Only if something sudden happened."),
        range_message=_l("Enter the number of days ago, from 0 to 3650"))
    # What the emergency needs and the help received (S-LS 二(二), 二(三)): only with an emergency.
    emergency_needs = SelectMultipleField(
        _l("If something sudden happened: what do you need now?"), description=_l("Choose all that apply."),
        choices=options(C.pairs(C.EMERGENCY_NEEDS)), validate_choice=False)
    help_kinds = SelectMultipleField(
        _l("If something sudden happened: what help have you already received for it?"),
        description=_l("Choose all that apply, or none."),
        choices=options([(code, label) for code, label in C.pairs(C.HELP_KINDS) if code in h.HELP_KINDS]), validate_choice=False)
    help_received = MoneyField(_l("How much help, in yuan, in total?"),
                               description=_l("Only if you received help. Leave blank if none."))
    housing = ChoiceField(_l("Does the household have a housing difficulty?"),
                          message=_l("Choose yes or no"),
                          description=_l("For example no home of your own and rent you cannot afford, or a home that is unsafe or far too small."),
                          choices=[("no", _l("No")), ("yes", _l("Yes"))])
    housing_kind = ChoiceField(
        _l("If so, what is the difficulty?"), message=_l("Choose from the list"), allow_blank=True, default="",
        description=_l("It decides the help: public rental housing or a rent allowance, or help to repair a "
                       "dangerous house (S-ZX Art. 40)."),
        choices=[("", _l("Not needed"))] + C.pairs(C.HOUSING_KINDS))
    supporters = ChoiceField(
        _l("Apart from the people you live with, do you have a spouse, parents or adult children who must support you?"),
        message=_l("Choose yes, no or not sure"),
        choices=[("no", _l("No")), ("yes", _l("Yes")), ("unsure", _l("Not sure"))])
    # S-TK Art. 19: a holder gets the rural 特困 standard where it differs; "not sure" leaves it unanswered.
    rural_rights = ChoiceField(
        _l("Do you hold contracted rural land or a share in a village collective's dividends?"),
        message=_l("Choose yes, no or not sure"), allow_blank=True, default="",
        description=_l("For example dividends of a village joint-stock company (股份合作公司) as an "
                       "original villager. Where the rural support standard differs, it applies to you "
                       "(S-TK Art. 19)."),
        choices=[("no", _l("No")), ("yes", _l("Yes")), ("", _l("Not sure"))])

    def validate_receiving(self, field) -> None:
        allowed = {choice.value for choice in field.choices}
        if any(value not in allowed for value in field.data or ()):
            raise ValidationError(_l("Choose from the list"))

    def validate_emergency_days(self, field) -> None:
        if self.emergency.data in (None, "none") and field.value:
            raise ValidationError(_l("Leave this blank if nothing sudden happened"))

    def _only_with_emergency(self, field) -> None:
        allowed = {choice.value for choice in field.choices}
        if any(value not in allowed for value in field.data or ()):
            raise ValidationError(_l("Choose from the list"))
        if self.emergency.data in (None, "none") and field.data:
            raise ValidationError(_l("Leave these unticked if nothing sudden happened"))

    def validate_emergency_needs(self, field) -> None:
        self._only_with_emergency(field)

    def validate_help_kinds(self, field) -> None:
        self._only_with_emergency(field)

    def validate_help_received(self, field) -> None:
        given = bool((field.data or "").strip())
        if given and self.emergency.data in (None, "none"):
            raise ValidationError(_l("Leave this blank if nothing sudden happened"))
        if self.help_kinds.data and not given:
            raise ValidationError(_l("Enter how much help you received, in yuan"))
        if given and not self.help_kinds.data:
            raise ValidationError(_l("Choose the help received above, or leave the amount blank"))

    def validate_housing_kind(self, field) -> None:
        if field.data and self.housing.data != "yes":
            raise ValidationError(_l("Leave this blank if there is no housing difficulty"))


# Family outside the household who must support the applicant (S-TK Art. 8), asked on a page
# of its own when the circumstances page says there is someone: up to three people (the office
# asks about any others).
SUPPORTER_ROWS = 3
SUPPORTER_RELATIONS = ("spouse", "parent", "child", "grandparent", "grandchild", "sibling", "other_dependant")
SUPPORTER_SITUATIONS = ("none", "severe_disability", "receives_tekun", "receives_dibao", "lacks_civil_capacity",
                        "declared_missing", "serving_sentence", "deceased")
_SITUATION_LABELS = {
    "none": _l("None of these"),
    "severe_disability": _l("Disability certificate of grade 1 or 2 (or grade 3 for an intellectual or mental disability)"),
    "receives_tekun": _l("Receives extreme-poverty support (特困)"),
    "receives_dibao": _l("Receives the minimum living allowance (低保)"),
    "lacks_civil_capacity": _l("Cannot manage their own affairs by law (no civil capacity)"),
    "declared_missing": _l("Declared missing by a court"),
    "serving_sentence": _l("Serving a prison sentence"),
    "deceased": _l("Has died"),
}
PROPERTY_CHOICES = (("yes", _l("Yes, within the limits")), ("no", _l("No, more than that")),
                    ("unknown", _l("I do not know")))


class SupportersForm(FlaskForm):
    """One group of fields per person; the first is required, the others only when started."""

    def row(self, n: int) -> dict:
        return {name: self[f"{name}_{n}"] for name in ("relation", "age", "situation", "income", "property")}

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        for n in range(1, SUPPORTER_ROWS + 1):
            f = self.row(n)
            if not f["relation"].data:
                started = any((f[k].data or "").strip() for k in ("age", "income", "property")) \
                    or f["situation"].data not in (None, "", "none")
                if n == 1 or started:
                    _add(f["relation"], _l("Choose who this person is to you") if n == 1
                         else _l("Choose who this person is to you, or empty the row"))
                    ok = False
                continue
            deceased = f["situation"].data == "deceased"
            if f["age"].value is None and not f["age"].errors and not deceased:
                _add(f["age"], _l("Enter their age in years"))
                ok = False
            if not f["property"].data and not deceased:
                _add(f["property"], _l("Choose yes, no or I do not know"))
                ok = False
        return ok

    def people(self) -> list[dict]:
        """The rows given, as the pre-check keeps them (income None when left blank: not known)."""
        rows = []
        for n in range(1, SUPPORTER_ROWS + 1):
            f = self.row(n)
            if not f["relation"].data:
                continue
            rows.append({"relation": f["relation"].data, "age": f["age"].value,
                         "situation": f["situation"].data or "none",
                         "income": f["income"].data if (f["income"].data or "").strip() else None,
                         "property": f["property"].data or None})
        return rows


def _add(field, message) -> None:
    field.errors = [*field.errors, message]


for _n in range(1, SUPPORTER_ROWS + 1):
    setattr(SupportersForm, f"relation_{_n}", ChoiceField(
        _l("Person %(n)d: who they are to you", n=_n), message=_l("Choose who this person is to you"),
        allow_blank=True, choices=[("", _l("Choose"))] + _choices(SUPPORTER_RELATIONS, labels.RELATIONS)))
    setattr(SupportersForm, f"age_{_n}", WholeField(
        _l("Person %(n)d: age", n=_n), low=0, high=130, required=False,
        range_message=_l("Enter an age from 0 to 130")))
    setattr(SupportersForm, f"situation_{_n}", ChoiceField(
        _l("Person %(n)d: does any of these apply to them?", n=_n), message=_l("Choose from the list"), default="none",
        choices=[(code, _SITUATION_LABELS[code]) for code in SUPPORTER_SITUATIONS]))
    setattr(SupportersForm, f"income_{_n}", MoneyField(
        _l("Person %(n)d: income per person of their own household, yuan a month", n=_n),
        description=_l("Their household's total monthly income divided by the number of people in it. "
                       "Leave empty if you do not know.")))
    setattr(SupportersForm, f"property_{_n}", ChoiceField(
        _l("Person %(n)d: is their household's property small, within the low-income limits?", n=_n),
        message=_l("Choose yes, no or I do not know"), allow_blank=True,
        choices=[("", _l("Choose"))] + list(PROPERTY_CHOICES)))
