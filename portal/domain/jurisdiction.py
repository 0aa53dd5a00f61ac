"""Which office receives each request of an application, on what basis, and who decides it.

Pure: no Flask, no SQLAlchemy. Rules are data (``TYPE_RULES`` and the dated parameters in
``portal/data/policy/jurisdiction.json``); outcomes are codes, which the web layer translates.

Guarantees of ``route()``:
- one ``Routing`` per distinct requested type, in the order asked;
- a receivable routing names a Shenzhen street office, its district, a basis and the authority;
- a routing that is not receivable names no office and always has ``refer_to``: nobody is turned
  away without being told where to go (S-ZX Art. 60: handle or forward);
- every routing carries at least one reason with an article reference;
- emergency aid (temp_emergency) is received at the street office of the incident location
  whatever the registration (S-YJ item 14; S-DD 四(三)), except for stranded people, whose
  temporary aid is the 救助管理站's (《社会救助暂行办法》第五十条; 《城市生活无着的流浪乞讨人员救助管理办法》).
"""
from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from typing import Iterable

from portal.domain.offices import Office, load_offices, office_index
from portal.domain.policy import SHENZHEN, Policy
from portal.domain.vocabulary import ASSISTANCE_TYPES as TYPES
from portal.domain.vocabulary import AUTHORITIES, BASES, Authority, Basis

HUKOU, RESIDENCE_PERMIT = Basis.HUKOU.value, Basis.RESIDENCE_PERMIT.value
INCIDENT_LOCATION, RESIDENCE = Basis.INCIDENT_LOCATION.value, Basis.RESIDENCE.value

CIVIL_AFFAIRS = Authority.CIVIL_AFFAIRS.value
STREET_OFFICE = Authority.STREET_OFFICE.value
MEDICAL_SECURITY = Authority.MEDICAL_SECURITY.value
SCHOOL = Authority.SCHOOL.value
HOUSING = Authority.HOUSING.value
EMPLOYMENT = Authority.EMPLOYMENT.value
EMERGENCY_MANAGEMENT = Authority.EMERGENCY_MANAGEMENT.value
ASSISTANCE_STATION = Authority.ASSISTANCE_STATION.value

REFER_HUKOU_PLACE, REFER_STATION, REFER_INCIDENT_PLACE = "hukou_place", "assistance_station", "incident_place"
REFERRALS = (REFER_HUKOU_PLACE, REFER_STATION, REFER_INCIDENT_PLACE)

PERMIT_STATUSES = ("missing", "other_city", "not_yet_valid", "expired", "expires_soon", "valid")
_USABLE_PERMIT = ("valid", "expires_soon")

KEY_OPEN_TYPES = "jurisdiction.permit_open_types"
KEY_MIN_MONTHS = "jurisdiction.permit_min_months_held"
KEY_WARN_DAYS = "jurisdiction.permit_expiry_warning_days"
KEY_DIBAO_DELEGATED = "jurisdiction.dibao_delegated_to_street"
POLICY_KEYS = (KEY_OPEN_TYPES, KEY_MIN_MONTHS, KEY_WARN_DAYS, KEY_DIBAO_DELEGATED)

# How the receiving place of a type is found.
BY_HOUSEHOLD = "household_hukou"  # the household's 户籍地 (S-DB Arts. 4-5), or residence with a permit
BY_PERSON = "own_hukou"           # the applicant's own 户籍地: 特困 is a personal status (S-TK Art. 10)
BY_PLACE_OF_NEED = "place_of_need"  # 急难发生地 / 受灾地, open to everyone there


@dataclass(frozen=True)
class TypeRule:
    route_by: str
    authority: str
    article: str  # the article that names the deciding authority


# Who decides each type: 《社会救助暂行办法》第三十条、第三十六条、第四十条、第四十四条; 《关于改革完善社会救助制度的意见》（二十三）.
TYPE_RULES: dict[str, TypeRule] = {
    "dibao": TypeRule(BY_HOUSEHOLD, CIVIL_AFFAIRS, "S-DB Art. 2"),
    "low_income": TypeRule(BY_HOUSEHOLD, CIVIL_AFFAIRS, "S-DB Art. 8; S-DD 一(四)"),
    "tekun": TypeRule(BY_PERSON, CIVIL_AFFAIRS, "S-TK Arts. 10, 13"),
    "rigid_expenditure": TypeRule(BY_HOUSEHOLD, CIVIL_AFFAIRS, "S-GX (rules.md §4)"),
    "temp_emergency": TypeRule(BY_PLACE_OF_NEED, STREET_OFFICE, "S-LS 二(二)"),
    "temp_expenditure": TypeRule(BY_HOUSEHOLD, CIVIL_AFFAIRS, "S-ZX Art. 48"),
    "medical": TypeRule(BY_HOUSEHOLD, MEDICAL_SECURITY, "S-ZX Art. 30"),
    "education": TypeRule(BY_HOUSEHOLD, SCHOOL, "S-ZX Art. 36"),
    "housing": TypeRule(BY_HOUSEHOLD, HOUSING, "S-ZX Art. 40"),
    "employment": TypeRule(BY_HOUSEHOLD, EMPLOYMENT, "S-ZX Art. 44"),
    "disaster": TypeRule(BY_PLACE_OF_NEED, EMERGENCY_MANAGEMENT, "rules.md §8 [I]"),
}
# Temporary aid of stranded people is the 救助管理站's, not a street-office application (《社会救助暂行办法》第五十条).
STRANDED_TO_STATION = frozenset({"temp_emergency", "temp_expenditure"})
# Types with a 45-working-day variant for 人户分离 / 异地申办 (S-DD 四(一)): 低保 and 边缘
# (《最低生活保障审核确认办法》第二十二条) and 刚性支出 (《刚性支出困难家庭认定办法》).
LONGER_LIMIT_TYPES = frozenset({"dibao", "low_income", "rigid_expenditure"})


class JurisdictionError(ValueError):
    """The facts name an office or district that is not in Shenzhen's office list, or disagree."""


@dataclass(frozen=True)
class Address:
    """A place in Shenzhen's service area: district code (GB/T 2260 or DAPENG) and office code."""

    district_code: str
    office_code: str


@dataclass(frozen=True)
class Hukou:
    """A household registration: in Shenzhen (district + street office) or elsewhere (region)."""

    kind: str                        # "shenzhen" or "elsewhere"
    district_code: str | None = None
    office_code: str | None = None
    region_code: str | None = None   # GB/T 2260 code of a place outside Shenzhen
    place: str = ""                  # free text of that place, as the resident wrote it

    def __post_init__(self) -> None:
        code = self.region_code or ""
        in_shenzhen = self.kind == "shenzhen" and bool(self.district_code and self.office_code) and not code
        elsewhere = (self.kind == "elsewhere" and len(code) == 6 and code.isdigit()
                     and not code.startswith("4403") and not self.office_code)
        if not (in_shenzhen or elsewhere):
            raise ValueError("a hukou is 'shenzhen' with district and office codes, or 'elsewhere' "
                             "with a 6-digit GB/T 2260 code outside Shenzhen")

    @classmethod
    def shenzhen(cls, district_code: str, office_code: str) -> "Hukou":
        return cls("shenzhen", district_code=district_code, office_code=office_code)

    @classmethod
    def elsewhere(cls, region_code: str, place: str = "") -> "Hukou":
        return cls("elsewhere", region_code=region_code, place=place)

    @property
    def in_shenzhen(self) -> bool:
        return self.kind == "shenzhen"


@dataclass(frozen=True)
class ResidencePermit:
    """A 居住证. Valid from ``issued_on`` through ``expires_on`` inclusive."""

    city_code: str                    # issuing city, GB/T 2260 ("440300" for Shenzhen)
    issued_on: date
    expires_on: date
    district_code: str | None = None  # issuing district, when known
    number: str = ""                  # free text, never validated: no national format (portal/domain/rules.md, "11.3")


@dataclass(frozen=True)
class Member:
    """A household member whose hukou differs from the applicant's (S-DB Art. 5).

    ``lives_at_hukou`` None means: derive it (a Shenzhen hukou in the household's residence
    district; a hukou elsewhere is not where a household living in Shenzhen lives).
    """

    ref: str  # a stable non-identifying reference, e.g. "member-2"
    hukou: Hukou
    lives_at_hukou: bool | None = None


@dataclass(frozen=True)
class ApplicationFacts:
    hukou: Hukou | None                      # the applicant's; None: not given yet (only the
                                             # types routed by place of need can be routed)
    residence: Address | None = None         # the household's residence in Shenzhen, if any
    permit: ResidencePermit | None = None    # the applicant's
    incident: Address | None = None          # where an emergency or disaster happened
    members: tuple[Member, ...] = ()
    stranded: bool = False                   # 生活无着的流浪、乞讨人员 (《社会救助暂行办法》第五十条)


@dataclass(frozen=True)
class Reason:
    """A code for the web layer to translate, its parameters and the article it rests on."""

    code: str
    article: str
    params: tuple[tuple[str, str | int], ...] = ()

    @property
    def params_dict(self) -> dict[str, str | int]:
        return dict(self.params)


@dataclass(frozen=True)
class Referral:
    """Where to apply instead: ``code`` in REFERRALS, with the region and place when known."""

    code: str
    region_code: str | None = None
    place: str = ""


@dataclass(frozen=True)
class Routing:
    """The routing of one request. The constructor enforces the invariants of the module."""

    type: str
    receivable: bool
    office_code: str | None
    district_code: str | None
    basis: str | None        # in BASES when receivable, else None
    authority: str
    reasons: tuple[Reason, ...]
    refer_to: Referral | None = None
    uses_longer_time_limit: bool = False
    warnings: tuple[Reason, ...] = ()

    def __post_init__(self) -> None:
        if self.type not in TYPES or self.authority not in AUTHORITIES or not self.reasons:
            raise ValueError("routing needs a known type, a known authority and a reason")
        if self.receivable:
            if not (self.office_code and self.district_code and self.basis in BASES) or self.refer_to:
                raise ValueError("a receivable routing needs office, district and basis, no referral")
        elif self.refer_to is None or self.office_code or self.district_code or self.basis \
                or self.uses_longer_time_limit:
            raise ValueError("a routing that is not receivable needs refer_to and no office or basis")


@dataclass(frozen=True)
class Summary:
    """What Shenzhen handles out of an application's routings."""

    handled: tuple[str, ...]     # types receivable here, in request order
    referred: tuple[str, ...]    # types referred elsewhere
    offices: tuple[str, ...]     # distinct receiving offices, in request order
    primary_office: str | None   # where the application envelope goes
    primary_basis: str | None
    all_handled: bool
    any_handled: bool


def _reason(code: str, article: str, **params: str | int) -> Reason:
    return Reason(code, article, tuple(sorted(params.items())))


def months_held(permit: ResidencePermit, on: date) -> int:
    """Completed months from the issue date to ``on``; a month ending on a shorter month's last
    day counts as completed (issued 31 Jan, held one month on 28 Feb)."""
    months = (on.year - permit.issued_on.year) * 12 + on.month - permit.issued_on.month
    if on.day < permit.issued_on.day and on.day != monthrange(on.year, on.month)[1]:
        months -= 1
    return max(months, 0)


def permit_status(permit: ResidencePermit | None, on: date, policy: Policy) -> str:
    """One of PERMIT_STATUSES. Only "valid" and "expires_soon" let the permit be a basis."""
    if permit is None:
        return "missing"
    if not permit.city_code.startswith(SHENZHEN[:4]):
        return "other_city"
    if on < permit.issued_on:
        return "not_yet_valid"
    if permit.expires_on < on:
        return "expired"
    if (permit.expires_on - on).days <= policy.value(KEY_WARN_DAYS, on, SHENZHEN):
        return "expires_soon"
    return "valid"


def _permit_warnings(facts: ApplicationFacts, status: str, on: date, policy: Policy) -> tuple[Reason, ...]:
    permit = facts.permit
    if permit is None:
        return ()
    if status == "other_city":
        return (_reason("permit_from_other_city", "rules.md §5", city_code=permit.city_code),)
    if status == "expired":
        return (_reason("permit_expired", "rules.md §5", expires_on=permit.expires_on.isoformat()),)
    warnings: list[Reason] = []
    if status == "expires_soon":
        warnings.append(_reason("permit_expires_soon", "rules.md §5", expires_on=permit.expires_on.isoformat(),
                                days_left=(permit.expires_on - on).days,
                                window_days=policy.value(KEY_WARN_DAYS, on, SHENZHEN)))
    minimum = policy.value(KEY_MIN_MONTHS, on, SHENZHEN)
    if status in _USABLE_PERMIT and minimum and months_held(permit, on) < minimum:
        warnings.append(_reason("residence_too_short", "rules.md §5 [R]",
                                months_held=months_held(permit, on), minimum_months=minimum))
    return tuple(warnings)


@dataclass(frozen=True)
class _Choice:
    """The registration a request is filed against, and why (S-DB Art. 5 ¶1)."""

    ref: str
    hukou: Hukou
    reasons: tuple[Reason, ...]


def _lives_at_hukou(hukou: Hukou, override: bool | None, residence: Address | None) -> bool:
    if override is not None:
        return override
    # County level: Art. 5 ¶2 speaks of counties, and the district bureau decides.
    return hukou.in_shenzhen and residence is not None and residence.district_code == hukou.district_code


def _household_choice(facts: ApplicationFacts, hukou: Hukou) -> _Choice:
    """Art. 5 ¶1: a member whose 户籍地 = 经常居住地 applies there; if none, any member at their
    own 户籍地. Among the allowed members a Shenzhen registration is preferred (the household
    is here), then the applicant. Art. 5 ¶2 (same province, other counties) defers to provincial
    rules not found, so ¶1 is applied to them as well [I]."""
    if not facts.members:
        return _Choice("applicant", hukou, ())
    persons = [("applicant", hukou, _lives_at_hukou(hukou, None, facts.residence))]
    persons += [(m.ref, m.hukou, _lives_at_hukou(m.hukou, m.lives_at_hukou, facts.residence))
                for m in facts.members]
    anchors = [p for p in persons if p[2]]
    pool = anchors or persons
    ref, hukou, _ = next((p for p in pool if p[1].in_shenzhen), pool[0])
    code = "household_member_at_hukou" if anchors else "household_member_own_hukou"
    return _Choice(ref, hukou, (_reason(code, "S-DB Art. 5 ¶1", person=ref),))


def _authority(type_: str, policy: Policy, on: date) -> tuple[str, tuple[Reason, ...]]:
    rule = TYPE_RULES[type_]
    if type_ == "dibao" and policy.value(KEY_DIBAO_DELEGATED, on, SHENZHEN):
        return STREET_OFFICE, (_reason("decision_delegated_to_street", "S-DB Art. 2 ¶2; S-YJ item 24"),)
    return rule.authority, (_reason("decided_by", rule.article, authority=rule.authority),)


def _place_of_need(type_: str, facts: ApplicationFacts, index: dict[str, Office],
                   policy: Policy, on: date) -> Routing:
    authority, why = _authority(type_, policy, on)
    article = "S-YJ item 14; S-DD 四(三)" if type_ == "temp_emergency" else "rules.md §8 [I]"
    if facts.incident is not None:
        office = index[facts.incident.office_code]
        return Routing(type_, True, office.code, office.district_code, INCIDENT_LOCATION, authority,
                       (_reason("incident_location", article, office_code=office.code),) + why)
    if facts.residence is not None:
        # No incident place given: the need is where the resident lives, and these types are
        # open to every resident whatever the registration.
        office = index[facts.residence.office_code]
        return Routing(type_, True, office.code, office.district_code, RESIDENCE, authority,
                       (_reason("open_to_every_resident", article, office_code=office.code),) + why)
    return Routing(type_, False, None, None, None, authority,
                   (_reason("no_place_in_shenzhen", article),) + why,
                   refer_to=Referral(REFER_INCIDENT_PLACE))


def _registered(type_: str, facts: ApplicationFacts, choice: _Choice, index: dict[str, Office],
                policy: Policy, on: date) -> Routing:
    rule = TYPE_RULES[type_]
    authority, why = _authority(type_, policy, on)
    article = "S-TK Art. 10" if rule.route_by == BY_PERSON else "S-DB Art. 4"
    if choice.hukou.in_shenzhen:
        office = index[choice.hukou.office_code or ""]
        reasons = [*choice.reasons, _reason("hukou_office", article, person=choice.ref, office_code=office.code)]
        # 人户分离 (living away from the registration address) justifies 45 working days.
        residence = facts.residence
        longer = type_ in LONGER_LIMIT_TYPES and residence is not None and residence.office_code != office.code
        if longer and residence is not None:
            reasons.append(_reason("separated_from_hukou", "S-DD 四(一)",
                                   residence_office_code=residence.office_code))
        return Routing(type_, True, office.code, office.district_code, HUKOU, authority,
                       tuple(reasons) + why, uses_longer_time_limit=longer)

    reasons = [*choice.reasons, _reason("hukou_elsewhere", article, person=choice.ref,
                                        region_code=choice.hukou.region_code or "")]
    warnings: tuple[Reason, ...] = ()
    open_param = policy.param(KEY_OPEN_TYPES, on, SHENZHEN)
    if type_ not in open_param.value:
        reasons.append(_reason("type_not_open_to_permit_holders", "S-DB Art. 5 ¶3; rules.md §5", type=type_))
    else:
        status = permit_status(facts.permit, on, policy)
        warnings = _permit_warnings(facts, status, on, policy)
        if status in _USABLE_PERMIT and facts.residence is not None:
            office = index[facts.residence.office_code]
            reasons += [_reason("permit_holder_at_residence", "S-YJ item 4; S-DB Art. 5 ¶3", type=type_,
                                since=open_param.effective_from.isoformat(), office_code=office.code)]
            longer = type_ in LONGER_LIMIT_TYPES
            if longer:  # 异地申办 justifies 45 working days
                reasons.append(_reason("applying_outside_hukou", "S-DD 四(一)"))
            return Routing(type_, True, office.code, office.district_code, RESIDENCE_PERMIT, authority,
                           tuple(reasons) + why, uses_longer_time_limit=longer, warnings=warnings)
        if status in _USABLE_PERMIT:
            reasons.append(_reason("no_residence_in_shenzhen", "S-YJ item 4"))
        else:
            reasons.append(_reason("permit_unusable", "S-YJ item 4; rules.md §5", status=status))
    return Routing(type_, False, None, None, None, authority, tuple(reasons) + why,
                   refer_to=Referral(REFER_HUKOU_PLACE, choice.hukou.region_code, choice.hukou.place),
                   warnings=warnings)


def _check_places(facts: ApplicationFacts, index: dict[str, Office]) -> None:
    hukous = [("applicant", facts.hukou)] + [(m.ref, m.hukou) for m in facts.members]
    places = [("residence", facts.residence), ("incident", facts.incident)] + [
        (f"hukou of {ref}", Address(h.district_code or "", h.office_code or ""))
        for ref, h in hukous if h is not None and h.in_shenzhen]
    for label, place in places:
        office = index.get(place.office_code) if place else None
        if place and (office is None or office.district_code != place.district_code):
            raise JurisdictionError(f"{label}: office {place.office_code!r} is not an office of "
                                    f"district {place.district_code!r}")


def route(application_facts: ApplicationFacts, types: Iterable[str], policy: Policy, on: date,
          offices: list[Office] | None = None) -> list[Routing]:
    """Route each requested type (see the module docstring for the guarantees).

    Raises ValueError for an unknown type, JurisdictionError for an office not in the list,
    and PolicyError when a parameter has no value in force on ``on``.
    """
    facts = application_facts
    wanted = list(dict.fromkeys(types))
    unknown = [t for t in wanted if t not in TYPE_RULES]
    if unknown:
        raise ValueError(f"unknown assistance types: {unknown}")
    index = office_index(offices if offices is not None else load_offices())
    _check_places(facts, index)
    hukou = facts.hukou
    routings: list[Routing] = []
    for type_ in wanted:
        rule = TYPE_RULES[type_]
        if facts.stranded and type_ in STRANDED_TO_STATION:
            routings.append(Routing(type_, False, None, None, None, ASSISTANCE_STATION,
                                    (_reason("stranded_person", "S-ZX Art. 50; S-LL; rules.md §3.5"),),
                                    refer_to=Referral(REFER_STATION, SHENZHEN)))
        elif rule.route_by == BY_PLACE_OF_NEED:
            routings.append(_place_of_need(type_, facts, index, policy, on))
        elif hukou is None:
            raise JurisdictionError(f"{type_}: the applicant's household registration is not given")
        else:
            choice = _Choice("applicant", hukou, ()) if rule.route_by == BY_PERSON else _household_choice(facts, hukou)
            routings.append(_registered(type_, facts, choice, index, policy, on))
    return routings


_ENVELOPE_PREFERENCE = (HUKOU, RESIDENCE_PERMIT, RESIDENCE, INCIDENT_LOCATION)


def shenzhen_handles(routings: Iterable[Routing]) -> Summary:
    """Summarise routings. The envelope goes to the office of the first receivable request on
    the strongest basis (hukou, then residence permit, residence, incident location): the
    household-level office takes the application, and a request at another office (an emergency
    elsewhere) is handled there as its own request (《关于改革完善社会救助制度的意见》（二十三）)."""
    items = list(routings)
    handled = [r for r in items if r.receivable]
    primary = min(handled, key=lambda r: _ENVELOPE_PREFERENCE.index(r.basis), default=None)
    return Summary(
        handled=tuple(r.type for r in handled),
        referred=tuple(r.type for r in items if not r.receivable),
        offices=tuple(dict.fromkeys(r.office_code for r in handled if r.office_code)),
        primary_office=primary.office_code if primary else None,
        primary_basis=primary.basis if primary else None,
        all_handled=bool(handled) and len(handled) == len(items),
        any_handled=bool(handled),
    )
