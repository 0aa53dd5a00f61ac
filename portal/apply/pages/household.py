"""Pages of "Your household": each member's identity, health, study and work, and the
"anyone else?" page that adds members one at a time."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.apply.answers import choices as C
from portal.apply.answers import shape as A
from portal.apply.pages.about import id_used_by_other
from portal.apply.pages.base import Page, PageCtx, add_error, make_form
from portal.apply.pages.fields import (
    Checkboxes,
    Choice,
    IdNumber,
    Radio,
    Text,
    _ascii,
    as_yes_no,
    yes_no,
)
from portal.apply.places import districts as places


def _about(ctx: PageCtx, own: str, other: str) -> str:
    """A question about the applicant ("you") or about a named member."""
    return own if ctx.is_self else other % {"name": ctx.name}


class MemberPage(Page):
    """Name, relation, ID number and co-residence of a member other than the applicant."""

    def form_class(self, ctx):
        return make_form("MemberForm", {
            "name": Text(_l("Full name"), required_message=_l("Enter their full name as on their ID card"),
                         max_length=50, render_kw={"autocomplete": "off"}),
            "relation": Choice(_l("Their relation to you"), choices=[("", _("Choose a relation"))] + C.pairs(C.RELATIONS),
                               required_message=_l("Choose how this person is related to you")),
            "id_number": IdNumber(_l("Their resident ID number"), description=_l(
                "Children have one too: it is in the household registration booklet.")),
            "lives_with_applicant": yes_no(_l("Do they live with you?"), required_message=_l(
                "Choose yes if they live with you"), description=_l(
                "Answer yes for a child studying away from home who comes back in the holidays.")),
        })

    def load(self, ctx):
        m = ctx.member or {}
        return {"name": m.get("name"), "relation": m.get("relation"), "id_number": m.get("id_number"),
                "lives_with_applicant": as_yes_no(m.get("lives_with_applicant"))}

    def check(self, form, ctx):
        ok = True
        if id_used_by_other(ctx.answers, form.id_number.parsed.number, ctx.ref):
            add_error(form.id_number, _("This ID number is already given for someone in your household"))
            ok = False
        if form.relation.data == "spouse" and any(
                m.get("relation") == "spouse" and m.get("ref") != ctx.ref for m in A.members(ctx.answers)):
            add_error(form.relation, _("You have already added a husband or wife: a household has one at most"))
            ok = False
        return ok

    def dump(self, form, ctx):
        return {"member.name": form.name.cleaned, "member.relation": form.relation.data,
                "member.id_number": form.id_number.parsed.number,
                "member.lives_with_applicant": form.lives_with_applicant.data == "yes"}

    def title(self, step, ctx):
        return _("%(name)s: who they are", name=ctx.name) if ctx.name else _("Add a person who lives with you")


# From 60 no rule reads a person's study (S-TK Art. 5 counts them unable to work; Art. 7 and
# education aid concern children and students): nobody that age is asked their school stage.
STUDY_AGE_LIMIT = 60
STUDYING = frozenset(code for code, _label in C.STUDENT_STAGES if code != "none")


def asks_study(ctx: PageCtx) -> bool:
    return ctx.age is None or ctx.age < STUDY_AGE_LIMIT


def asks_full_time(ctx: PageCtx) -> bool:
    """Full-time study decides only whether an adult son or daughter counts (S-DB Art. 7 (3))."""
    relation = (ctx.member or {}).get("relation")
    return asks_study(ctx) and relation in ("son", "daughter") and (ctx.age is None or ctx.age >= 18)


# S-DB Art. 7 (4): these relatives count only when they live with the applicant for the long
# term, so how long is asked of them. An adult son or daughter who lives with the applicant is
# asked too: one who neither studies full time nor is unable to live alone (Art. 7 (3)) counts
# only through (4).
LONG_TERM_RELATIONS = frozenset({"parent", "grandparent", "grandchild", "sibling", "other_dependant"})
CHILD_RELATIONS = frozenset({"son", "daughter"})


def asks_co_residence(ctx: PageCtx) -> bool:
    m = ctx.member or {}
    if m.get("lives_with_applicant") is not True:
        return False
    adult = ctx.age is None or ctx.age >= 18
    return m.get("relation") in LONG_TERM_RELATIONS or (m.get("relation") in CHILD_RELATIONS and adult)


def asks_member_hukou(ctx: PageCtx) -> bool:
    """Only routing reads a member's own registration (S-DB Art. 5 ¶1), and only when the applicant
    does not live at their own: a member registered where the household lives anchors it there."""
    where = A.get(ctx.answers, "about.hukou.where")
    return not ctx.is_self and where in ("shenzhen", "elsewhere") and (ctx.member or {}).get("lives_with_applicant") is True


class MemberDetailsPage(Page):
    """Study (with full time, for an adult son or daughter), labour capacity, disability,
    illness, work and the Art. 7 exclusions."""

    def form_class(self, ctx):
        adult = ctx.age is None or ctx.age >= 16  # labour capacity and work are not asked of children
        fields = {}
        if asks_study(ctx):
            fields["student_stage"] = Choice(
                _about(ctx, _("Are you studying?"), _("Is %(name)s studying?")), choices=C.pairs(C.STUDENT_STAGES),
                description=_l("Adult children in full-time study count in the household, and students can get education assistance."),
                required_message=_l("Choose the level of study, or not studying"))
        if asks_full_time(ctx):
            fields["full_time"] = yes_no(_("Does %(name)s study full time?", name=ctx.name),
                                         description=_l("Answer only if they are studying."), optional=True)
        if adult:
            fields["labour_capacity"] = Radio(
                _about(ctx, _("Can you work?"), _("Can %(name)s work?")), choices=C.pairs(C.LABOUR_CAPACITY),
                description=_l("Because of health, disability or caring. The office may ask for an assessment."),
                required_message=_l("Choose whether they can work"))
        fields["has_disability"] = yes_no(
            _about(ctx, _("Do you have a disability certificate (残疾人证)?"), _("Does %(name)s have a disability certificate (残疾人证)?")),
            required_message=_l("Choose yes if there is a disability certificate"))
        fields["serious_illness"] = yes_no(
            _about(ctx, _("Do you have a serious illness?"), _("Does %(name)s have a serious illness?")),
            description=_l("A major or critical illness recognised by the medical insurance, such as cancer or kidney failure."),
            required_message=_l("Choose yes if there is a serious illness"))
        if adult:
            fields["employment"] = Choice(_about(ctx, _("Do you work?"), _("Does %(name)s work?")),
                                          choices=[("", _("Choose one"))] + C.pairs(C.EMPLOYMENT),
                                          required_message=_l("Choose what describes their work"))
        if asks_co_residence(ctx):
            fields["co_residence"] = Radio(
                _("How long has %(name)s lived with you?", name=ctx.name), choices=C.pairs(C.co_residence_in_force()),
                description=_l("Relatives other than a husband or wife and children under 18 count in the household "
                               "when they live with you for the long term (S-DB Art. 7)."),
                required_message=_l("Choose how long they have lived with you"))
        if asks_member_hukou(ctx):
            districts = places.district_choices(_("Choose one"))
            fields["hukou"] = Choice(
                _("Where is %(name)s's household registration?", name=ctx.name),
                choices=districts[:1] + [C.MEMBER_HUKOU_SAME] + districts[1:] + C.pairs(C.MEMBER_HUKOU_OTHER),
                description=_l("A member registered in the district where you live lets the household apply there (S-DB Art. 5)."),
                required_message=_l("Choose where their household registration is"))
        if not ctx.is_self:
            fields["exclusions"] = Checkboxes(
                _l("Does any of these apply to them?"), choices=C.pairs(C.EXCLUSIONS),
                description=_l("People in prison, in compulsory drug rehabilitation or declared missing do not count in the household (S-DB Art. 7)."),
                required_message=_l("Choose the ones that apply, or none of these"))
        return make_form("MemberDetailsForm", fields)

    def load(self, ctx):
        m = ctx.member or {}
        exclusions = m.get("exclusions")
        return {"student_stage": m.get("student_stage"), "full_time": as_yes_no(m.get("full_time")),
                "labour_capacity": m.get("labour_capacity"),
                "has_disability": as_yes_no(m.get("has_disability")),
                "serious_illness": as_yes_no(m.get("serious_illness")), "employment": m.get("employment"),
                "co_residence": m.get("co_residence"), "hukou": m.get("hukou"),
                "exclusions": (exclusions or ["none"]) if exclusions is not None else []}

    def check(self, form, ctx):
        if "full_time" in form and form.student_stage.data in STUDYING and not form.full_time.data:
            add_error(form.full_time, _("Choose yes if the study is full time"))
            return False
        return True

    def dump(self, form, ctx):
        stage = form.student_stage.data if "student_stage" in form else "none"
        studies_full_time = "full_time" in form and stage in STUDYING and form.full_time.data
        updates = {"member.student_stage": stage,
                   "member.full_time": (form.full_time.data == "yes") if studies_full_time else None,
                   "member.has_disability": form.has_disability.data == "yes",
                   "member.serious_illness": form.serious_illness.data == "yes",
                   "member.labour_capacity": form.labour_capacity.data if "labour_capacity" in form else None,
                   "member.employment": form.employment.data if "employment" in form else None}
        if "exclusions" in form:
            updates["member.exclusions"] = form.exclusions.selected
        # Asked only when a rule reads them: otherwise an earlier answer is removed.
        updates["member.co_residence"] = form.co_residence.data if "co_residence" in form else None
        updates["member.hukou"] = form.hukou.data if "hukou" in form else None
        return updates

    def title(self, step, ctx):
        return _("Your health, study and work") if ctx.is_self else _("%(name)s: health, study and work", name=ctx.name)


class MemberDisabilityPage(Page):
    def form_class(self, ctx):
        return make_form("DisabilityForm", {
            "type": Radio(_l("Type of disability on the certificate"), choices=C.pairs(C.DISABILITY_TYPES),
                          required_message=_l("Choose the type of disability on the certificate")),
            "grade": Radio(_l("Grade on the certificate"), choices=C.pairs(C.DISABILITY_GRADES),
                           required_message=_l("Choose the grade on the certificate")),
        })

    def load(self, ctx):
        d = (ctx.member or {}).get("disability") or {}
        return {"type": d.get("type"), "grade": str(d["grade"]) if d.get("grade") else None}

    def dump(self, form, ctx):
        return {"member.disability": {"type": form.type.data, "grade": int(form.grade.data)}}

    def title(self, step, ctx):
        return _("Your disability certificate") if ctx.is_self else _("%(name)s: disability certificate", name=ctx.name)


class HouseholdPage(Page):
    """The list of members and "does anyone else live with you?" (add one at a time)."""

    template = "apply/household.html"

    def form_class(self, ctx):
        return make_form("HouseholdForm", {
            "add_another": yes_no(_l("Do you need to add someone else?"), required_message=_l(
                "Choose yes if you need to add someone else"), description=_l(
                "Add your husband or wife, children under 18, adult children who study full time or cannot live on "
                "their own, and other relatives you support who live with you.")),
        })

    def dump(self, form, ctx):
        return {"household_complete": form.add_another.data == "no"}

    def completes(self, form, ctx):
        return form.add_another.data == "no"

    def template_context(self, ctx):
        return {"members": A.members(ctx.answers)}


MONTHS_MAX = 1200


def _months(text: str | None) -> int | None:
    value = _ascii(text or "").strip()
    return int(value) if value.isdigit() and len(value) <= 4 and int(value) <= MONTHS_MAX else None


class MemberUnemployedPage(Page):
    """For a member without work, when temporary or employment aid is chosen (or everything is
    assessed): unemployment insurance and months without income (S-DD 二(一))."""

    def form_class(self, ctx):
        return make_form("UnemployedForm", {
            "insured": yes_no(
                _about(ctx, _("Do you get unemployment insurance benefit?"),
                       _("Does %(name)s get unemployment insurance benefit?")),
                description=_l("The unemployment insurance benefit paid by the social insurance office."),
                required_message=_l("Choose yes if unemployment insurance benefit is paid")),
            "months": Text(
                _about(ctx, _("For how many months have you had no income?"),
                       _("For how many months has %(name)s had no income?")),
                description=_l("In whole months. People without work and without unemployment insurance who "
                               "have had no income for 3 months or more may get one-off temporary assistance "
                               "(S-DD 二(一))."),
                required_message=_l("Enter a number of months, for example 4, or 0"), max_length=10,
                render_kw={"inputmode": "numeric", "autocomplete": "off", "class": "short"}),
        })

    def load(self, ctx):
        m = ctx.member or {}
        months = m.get("months_without_income")
        return {"insured": as_yes_no(m.get("unemployment_insurance")),
                "months": str(months) if months is not None else None}

    def check(self, form, ctx):
        if _months(form.months.data) is None:
            add_error(form.months, _("Enter a whole number of months from 0 to %(most)d, for example 4",
                                     most=MONTHS_MAX))
            return False
        return True

    def dump(self, form, ctx):
        return {"member.unemployment_insurance": form.insured.data == "yes",
                "member.months_without_income": _months(form.months.data)}

    def title(self, step, ctx):
        return _("Your time without work") if ctx.is_self else _("%(name)s: time without work", name=ctx.name)


class ClergyPage(Page):
    """S-DB Art. 8 (3): clergy living in a religious venue for 3 years or more may apply alone."""

    def form_class(self, ctx):
        return make_form("ClergyForm", {
            "clergy": yes_no(
                _l("Are you a member of the clergy who has lived in a religious venue for 3 years or more?"),
                description=_l("Such a person may apply for the minimum living allowance on their own (S-DB Art. 8)."),
                required_message=_l("Choose yes if you have lived in a religious venue as clergy for 3 years or more")),
        })

    def load(self, ctx):
        return {"clergy": as_yes_no((ctx.member or {}).get("clergy_at_venue_3y"))}

    def dump(self, form, ctx):
        return {"member.clergy_at_venue_3y": form.clergy.data == "yes"}

    def title(self, step, ctx):
        return str(step.title)
