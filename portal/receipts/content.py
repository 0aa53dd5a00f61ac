"""What a receipt says, gathered from the application: plain strings in the current language.

Called under ``force_locale`` (see render.py), so every label is the resident's language.
Personal data appear only as the documents need them: the applicant's name, the ID number
masked, and the household size; nothing else of the answers is read.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import segno
from babel.dates import format_skeleton
from flask import current_app, has_request_context, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup, escape
from werkzeug.routing import BuildError

from portal.apply.documents.asked import BY_PURPOSE
from portal.apply.documents.outstanding import of_submitted, sentence
from portal.apply.filing.declarations import METHOD_LABELS
from portal.apply.filing.summary import applicant_id_number, household_size
from portal.cleaner import without_invalid
from portal.contacts.book import ContactBook
from portal.domain.calendar import shanghai_date
from portal.domain.ids import mask_id
from portal.extensions import db
from portal.filters import date_local, datetime_local, place_name, stored_text
from portal.i18n import HTML_LANG, current_locale
from portal.models import (
    Account,
    Application,
    AssistanceRequest,
    District,
    Document,
    Office,
    utcnow,
)
from portal.receipts import labels
from portal.receipts.legal import time_limit
from portal.vocabulary import authority_formal, basis_formal, role_title, type_full_name


@dataclass
class Place:
    """An office as printed: name, district, and how to reach it."""

    name: str
    district: str
    address: str = ""
    hours: str = ""
    phone: str = ""


@dataclass
class RequestLine:
    type: str
    handled_by: str
    basis: str
    limits: str


def external_url(endpoint: str, fallback: str = "pages.start", **values) -> str:
    """An absolute URL for print and text messages: on PUBLIC_URL when it is set (the address residents
    use, whatever host the request came in on), else on the request's own address; outside a request
    (scripts, tests) without PUBLIC_URL, localhost."""
    public = current_app.config.get("PUBLIC_URL")
    if not has_request_context() or (public and not request.url_root.startswith(public)):
        base = public or "http://localhost/"
        with current_app.test_request_context("/", base_url=base):
            return external_url(endpoint, fallback, **values)
    try:
        return url_for(endpoint, _external=True, **values)
    except BuildError:
        # The page is not there (yet): print the portal's address rather than a broken one.
        return url_for(fallback, _external=True)


def qr_png(url: str) -> str:
    """A QR code as a PNG data URI, one pixel a module (the stylesheet scales it without smoothing).

    PNG rather than SVG: WeasyPrint parses an SVG path in Python, which cost about a fifth of a
    receipt's rendering time. Only a URL goes in, never personal data.
    """
    return segno.make(url, error="m", micro=False).png_data_uri(scale=1, border=0)


def month_local(year_month: str | None) -> str:
    """"2026-03" in the current language ("2026年3月", "March 2026")."""
    try:
        year, month = (int(part) for part in (year_month or "").split("-"))
        return format_skeleton("yMMMM", date(year, month, 1), locale=get_locale())
    except (TypeError, ValueError):
        return ""


class Directory:
    """The offices and districts a document names, each read once per document, with the contact
    details in force on ``on`` (the day the document is issued: a later change, or one scheduled
    for later, never alters what a document said).

    (The session's identity map holds rows weakly, so repeated ``session.get`` calls for rows
    nobody keeps would each go back to the database.)
    """

    def __init__(self, on: date) -> None:
        self._offices: dict[str, Office | None] = {}
        self._districts: dict[str, District | None] = {}
        self.contacts = ContactBook(on)

    def office(self, code: str | None) -> Office | None:
        if not code:
            return None
        if code not in self._offices:
            self._offices[code] = db.session.get(Office, code)
        return self._offices[code]

    def district(self, code: str | None) -> District | None:
        if not code:
            return None
        if code not in self._districts:
            self._districts[code] = db.session.get(District, code)
        return self._districts[code]

    def place(self, office_code: str | None) -> Place | None:
        office = self.office(office_code)
        if office is None:
            return None
        district = self.district(office.district_code)
        contact = self.contacts.office(office.code)
        return Place(place_name(office), place_name(district), plain(contact.address), plain(contact.hours),
                     plain(contact.phone))

    def authority_place(self, request: AssistanceRequest) -> Place | None:
        """The deciding authority with its contacts, when it is not the street office and has any."""
        if request.authority == "street_office":
            return None
        office = self.office(request.office_code)
        district = request.district_code or (office.district_code if office else None)
        contact = self.contacts.authority(request.authority, district, request.office_code)
        if not contact:
            return None
        return Place(self.authority_name(request), "", plain(contact.address), plain(contact.hours), plain(contact.phone))

    def authority_name(self, request: AssistanceRequest) -> str:
        office = self.place(request.office_code)
        district = place_name(self.district(request.district_code)) or (office.district if office else "")
        text = authority_formal(request.authority)
        return text % {"district": district, "office": office.name if office else ""} if "%(" in text else text


# Control characters print as nothing useful, and the web pages' replacement character (U+FFFD)
# is in no CJK font: on paper they are dropped. Line breaks and tabs stay.
def plain(text) -> str:
    """User-typed text as printed: control characters dropped."""
    return without_invalid("" if text is None else str(text))


def applicant_name(application: Application) -> str:
    about = (application.answers or {}).get("about") or {}
    return plain(application.applicant_name or about.get("name") or "")


def common(application: Application, code: str, issued_at: datetime, title: str, places: Directory) -> dict:
    """What every document carries: title, reference, the applicant, contacts, verification."""
    locale = current_locale()
    status_url = external_url("status.lookup", reference=application.reference)
    return {
        "title": title,
        "html_lang": HTML_LANG.get(locale, "zh-Hans"),
        "reference": application.reference,
        "name": applicant_name(application),
        "masked_id": mask_id(applicant_id_number(application)),
        "issued": datetime_local(issued_at),
        "verification_code": code,
        "verify_url": external_url("receipts.verify"),
        "status_url": status_url,
        "qr": qr_png(status_url),
        "office": places.place(application.receiving_office_code),
        "authorities": [],
        "hotline": places.contacts.hotline(),
        "list_separator": "；" if locale.startswith("zh") else "; ",
    }


def _documents(application: Application) -> list[tuple[str, int]]:
    """Documents received with the application, by purpose (file names are never printed)."""
    query = db.select(Document.purpose).where(Document.application_id == application.id,
                                              Document.deleted_at.is_(None))
    if application.submitted_at is not None:
        query = query.where(Document.uploaded_at <= application.submitted_at)
    counts: dict[str, int] = {}
    for purpose in db.session.scalars(query.order_by(Document.id)):
        counts[purpose] = counts.get(purpose, 0) + 1
    return [(purpose_label(purpose), n) for purpose, n in counts.items()]


def purpose_label(purpose: str, default=labels.OTHER_PURPOSE) -> str:
    """The label of a document purpose code (the journey's list first); ``default`` when unknown."""
    rule = BY_PURPOSE.get(purpose)
    return str(rule.label) if rule is not None else labels.label(labels.PURPOSES, purpose, default)


def request_line(request: AssistanceRequest, on: date, places: Directory) -> RequestLine:
    office = places.place(request.office_code)
    authority = places.authority_name(request)
    if office is not None and office.name not in authority:
        authority = _("%(authority)s, received at %(office)s", authority=authority,
                      office=f"{office.district} {office.name}")
    due = request.due_on if request.status == "SUBMITTED" else None
    # Chinese sentences follow each other without a space.
    separator = "" if current_locale().startswith("zh") else " "
    return RequestLine(
        type=type_full_name(request.type),
        handled_by=authority,
        basis=basis_formal(request.basis or application_basis(request)),
        limits=separator.join(time_limit(request.type, on, due, date_local)),
    )


def application_basis(request: AssistanceRequest) -> str | None:
    return request.application.jurisdiction_basis if request.application is not None else None


def submitted_by(application: Application) -> Markup | str:
    """"Submitted by 社区协理员 X for Y" when someone else pressed submit, else "".
    Markup: the names are marked with their language where it is not the page's."""
    if not application.submitted_by_id or application.submitted_by_id == application.account_id:
        return ""
    helper = db.session.get(Account, application.submitted_by_id)
    if helper is None:
        return ""
    sentence = escape(_("Submitted by %(role)s %(name)s for %(applicant)s, with the applicant's mandate."))
    return sentence % {"role": role_title(helper.role, ""), "name": stored_text(helper.display_name or ""),
                       "applicant": stored_text(applicant_name(application))}


def _claim_url(application: Application) -> str:
    """For an applicant with no mobile: where to take the application over once they have one."""
    applicant = db.session.get(Account, application.account_id)
    return external_url("status.claim_page") if applicant is not None and not applicant.phone else ""


def channel(application: Application, own_too: bool = False) -> str:
    """How the application came in: by the applicant online, a community assistant, the
    office window... Filed by the applicant themselves it says nothing unless ``own_too``."""
    if (application.channel or "self") == "self" and not own_too:
        return ""
    return labels.label(labels.CHANNELS, application.channel or "self", "")


def declarations_method(application: Application) -> Markup | str:
    """How the applicant made the declarations, when it was not online on their own phone
    (Markup: a witness's name is marked with its language)."""
    record = ((application.answers or {}).get("declarations") or {}).get("truthfulness") or {}
    method = record.get("method")
    if not method or method == "online" or method not in METHOD_LABELS:
        return ""
    text = str(METHOD_LABELS[method])
    if method == "witness" and record.get("witness"):
        return Markup("{} ({})").format(text, stored_text(record["witness"]))
    return text


def authority_places(requests, places: Directory) -> list[Place]:
    """The deciding authorities' contacts, each once, in the order of the requests."""
    found: dict[str, Place] = {}
    for assistance_request in requests:
        place = places.authority_place(assistance_request)
        if place is not None:
            found.setdefault(place.name, place)
    return list(found.values())


def receipt_context(application: Application, code: str, issued_at: datetime) -> dict:
    submitted = application.submitted_at or issued_at or utcnow()
    on = shanghai_date(submitted)
    places = Directory(shanghai_date(issued_at or submitted))
    context = common(application, code, issued_at, str(labels.KINDS["receipt"]), places)
    context.update({
        "submitted": datetime_local(submitted),
        "household_size": household_size(application),
        "channel": channel(application),
        "submitted_by": submitted_by(application),
        "claim_url": _claim_url(application),
        "declarations_method": declarations_method(application),
        "urgent": bool(application.urgent),
        "requests": [request_line(r, on, places) for r in application.requests],
        "documents": _documents(application),
        "authorities": authority_places(application.requests, places),
        **_still_needed(application),
    })
    return context


def _still_needed(application: Application) -> dict:
    """What the application still owes when the receipt is issued (portal/apply/documents/outstanding.py)."""
    found = of_submitted(application)
    return {"still_needed": sentence(found),
            "unavailable": [(s.title, plain(s.reason)) for s in found.unavailable]}
