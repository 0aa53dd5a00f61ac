"""Where each request of the application goes: the jurisdiction facts and their wording.

Uses ``portal.domain.jurisdiction.route`` and ``shenzhen_handles``: the rules decide, this
module only gathers the facts from the answers and words the outcome for the applicant.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from portal.apply.answers import shape as A
from portal.apply.places import districts as places
from portal.apply.places import provinces as regions
from portal.contacts.book import hotline_today
from portal.domain import jurisdiction as J
from portal.domain.policy import PolicyError
from portal.domain.verdicts import ASSISTANCE_TYPES
from portal.policy_figures import current_policy
from portal.vocabulary import basis_in_sentence, type_full_name


def _day(value) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def facts(answers: dict) -> J.ApplicationFacts | None:
    """The facts routing needs, or None while the registration is not fully answered."""
    about = answers.get("about") or {}
    hukou = about.get("hukou") or {}
    try:
        if hukou.get("kind") == "shenzhen" and hukou.get("office_code"):
            registration = J.Hukou.shenzhen(hukou.get("district_code"), hukou["office_code"])
        elif hukou.get("kind") == "elsewhere" and hukou.get("region_code"):
            registration = J.Hukou.elsewhere(hukou["region_code"], hukou.get("place") or "")
        elif answers.get("path") == "emergency":
            registration = None  # help first where it happened: the registration follows later
        else:
            return None
    except ValueError:
        return None
    residence = None
    if about.get("office_code") and about.get("district_code"):
        residence = J.Address(about["district_code"], about["office_code"])
    permit = None
    details = answers.get("permit") or {}
    issued, expires = _day(details.get("issued_on")), _day(details.get("expires_on"))
    if details.get("has_permit") and issued and expires:
        permit = J.ResidencePermit("440300", issued, expires, details.get("district_code"), details.get("number") or "")
    emergency = A.get(answers, "circumstances.emergency") or {}
    incident = None
    if emergency.get("office_code") and emergency.get("district_code"):
        incident = J.Address(emergency["district_code"], emergency["office_code"])
    return J.ApplicationFacts(hukou=registration, residence=residence, permit=permit, incident=incident,
                              members=_anchoring_members(answers, residence),
                              stranded=emergency.get("kind") == "stranded")


def _anchoring_members(answers: dict, residence: J.Address | None) -> tuple[J.Member, ...]:
    """Routing used only the applicant's registration; it now also uses the members' (S-DB Art. 5
    ¶1: a member whose registration is where the household lives applies there). The journey asks
    a member's registration as a district only (``member.hukou``, when the applicant does not live
    at their own), so a member counts here when registered in the district where the household
    lives, and the application goes to the street office where it lives (Art. 5 ¶2 leaves the
    county level to the province). Members registered elsewhere, or not known,
    change nothing: the applicant's registration already stands for them."""
    if residence is None:
        return ()
    return tuple(J.Member(m["ref"], J.Hukou.shenzhen(residence.district_code, residence.office_code), True)
                 for m in A.members(answers)
                 if m.get("relation") != "self" and A.in_household(m) and m.get("lives_with_applicant")
                 and m.get("hukou") == residence.district_code)


def route(answers: dict, types, today: date) -> list[J.Routing] | None:
    found = facts(answers)
    if found is None:
        return None
    try:
        return J.route(found, list(types), current_policy(), today)
    except (J.JurisdictionError, PolicyError, ValueError):
        return None


@dataclass(frozen=True)
class Line:
    """One assistance type as the applicant reads it."""

    type: str
    name: str
    handled: bool
    office: str = ""
    basis: str = ""
    refer: str = ""
    why: str = ""
    longer: bool = False


def refer_text(refer: J.Referral | None) -> str:
    if refer is None:
        return ""
    if refer.code == J.REFER_HUKOU_PLACE:
        place = " ".join(p for p in (regions.province_name(refer.region_code), refer.place) if p)
        return _("Apply at the street office of your household registration: %(place)s.", place=place)
    if refer.code == J.REFER_STATION:
        return _("Go to the assistance station for people in need (救助管理站), or call %(hotline)s and they will help you.",
                 hotline=hotline_today())
    return _("Apply at the street office where the emergency happened.")


PERMIT_STATUS_TEXT = {
    "missing": lambda: _("you have no Shenzhen residence permit"),
    "expired": lambda: _("your residence permit has expired"),
    "not_yet_valid": lambda: _("your residence permit is not valid yet"),
    "other_city": lambda: _("your residence permit is not from Shenzhen"),
}


def why_not(routing: J.Routing) -> str:
    codes = {r.code: r for r in routing.reasons}
    if "stranded_person" in codes:
        return _("Help for people stranded without money is given by the assistance station.")
    if "type_not_open_to_permit_holders" in codes:
        return _("Shenzhen does not yet handle this for people registered elsewhere.")
    if "permit_unusable" in codes:
        status = str(codes["permit_unusable"].params_dict.get("status", "missing"))
        reason = PERMIT_STATUS_TEXT.get(status, PERMIT_STATUS_TEXT["missing"])()
        return _("Shenzhen could handle this with a valid residence permit, but %(reason)s.", reason=reason)
    if "no_residence_in_shenzhen" in codes:
        return _("Shenzhen handles this where you live, and no Shenzhen address was given.")
    return _("Shenzhen cannot receive this request.")


def lines(routings: list[J.Routing]) -> list[Line]:
    result = []
    for r in routings:
        name = type_full_name(r.type)
        if r.receivable:
            result.append(Line(r.type, name, True, places.office_label(r.office_code), basis_in_sentence(r.basis, ""),
                               longer=r.uses_longer_time_limit))
        else:
            result.append(Line(r.type, name, False, refer=refer_text(r.refer_to), why=why_not(r)))
    return result


def permit_messages(answers: dict, routings: list[J.Routing], today: date) -> list[str]:
    """Plain messages about the permit: expired, expiring soon, held for a short time."""
    found = facts(answers)
    messages: list[str] = []
    if found is None or found.hukou is None or found.hukou.in_shenzhen:
        return messages
    try:
        status = J.permit_status(found.permit, today, current_policy())
    except PolicyError:
        return messages
    if status == "expired":
        messages.append(_("Your residence permit expired on %(date)s. Renew it at the police station's service "
                          "window; until then Shenzhen can only handle what is listed as handled here.",
                          date=found.permit.expires_on.isoformat()))
    elif status == "not_yet_valid":
        messages.append(_("Your residence permit is valid only from %(date)s. Check the date of issue.",
                          date=found.permit.issued_on.isoformat()))
    elif status == "missing":
        messages.append(_("Without a Shenzhen residence permit, Shenzhen can handle only the requests listed as "
                          "handled here. You can apply for a permit at the police station's service window."))
    warnings = {w.code: w for r in routings for w in r.warnings}
    if "permit_expires_soon" in warnings:
        params = warnings["permit_expires_soon"].params_dict
        messages.append(_("Your residence permit expires on %(date)s, in %(days)s days. Renew it in time: the "
                          "office needs a valid permit while it handles your application.",
                          date=params.get("expires_on"), days=params.get("days_left")))
    if "residence_too_short" in warnings:
        params = warnings["residence_too_short"].params_dict
        messages.append(_("Your permit was issued %(months)s months ago. The office may ask how long you have "
                          "lived in Shenzhen (at least %(minimum)s months).",
                          months=params.get("months_held"), minimum=params.get("minimum_months")))
    return messages


def preview(answers: dict, today: date) -> dict:
    """For the page right after "About you": every type, handled here or where to go."""
    routed = route(answers, ASSISTANCE_TYPES, today)
    routings = routed or []
    summary = J.shenzhen_handles(routings)
    return {"ready": routed is not None, "lines": lines(routings),
            "messages": permit_messages(answers, routings, today),
            "any_handled": summary.any_handled, "all_handled": summary.all_handled}
