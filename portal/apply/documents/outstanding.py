"""What is still needed: THE one computation of the documents an application still owes.

Every place that says what is missing reads it from here: the documents page, the task list,
the confirmation, the receipt, the resident's status page, the office's case page and its
一次性告知 (request for materials), and the reminder text message. A document asked for
(``portal.apply.documents.asked.required``) is

* ``uploaded`` when a file is stored for it;
* ``unavailable`` when the resident answered "I don't have this" with a reason (an answer the
  office sees, so it is not asked again as if nobody had said anything);
* ``missing`` otherwise: it is still needed.

Per request, only the documents that matter to its assistance type count
(``DocumentRule.concerns``), plus every item of the office's latest request for materials that
has no document yet. The deadline is the date by which the office decides on acceptance while
it has not decided (state SUBMITTED): what arrives later may come too late for that decision.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from markupsafe import Markup, escape

from portal.apply.answers import shape as A
from portal.apply.documents.asked import Item, required
from portal.clock import today
from portal.domain.calendar import shanghai_date
from portal.extensions import db
from portal.filters import date_local, stored_text
from portal.i18n import current_locale
from portal.models import Application, AssistanceRequest, Document
from portal.status.missing import missing_items

UNAVAILABLE = "documents.unavailable"  # answers path: {item key: the resident's reason}
REASON_MAX = 500
UPLOADED, UNAVAILABLE_STATUS, MISSING = "uploaded", "unavailable", "missing"


@dataclass(frozen=True)
class Slot:
    """One document asked for, and where it stands."""

    item: Item
    documents: tuple[Document, ...] = ()
    reason: str = ""

    @property
    def key(self) -> str:
        return self.item.key

    @property
    def title(self) -> str:
        label = str(self.item.rule.label)
        return f"{label}: {self.item.member_name}" if self.item.member_name else label

    @property
    def status(self) -> str:
        if self.documents:
            return UPLOADED
        return UNAVAILABLE_STATUS if self.reason else MISSING


@dataclass(frozen=True)
class Needed:
    key: str
    title: str
    asked_by_office: bool = False  # an item of the office's request for materials


@dataclass
class Outstanding:
    """What is still needed (``needed``) of ``total`` documents asked for, and by when."""

    needed: list[Needed] = field(default_factory=list)
    total: int = 0
    unavailable: list[Slot] = field(default_factory=list)
    due_on: date | None = None

    @property
    def supplied(self) -> int:
        """Documents asked for by the journey that are uploaded or answered."""
        return self.total - len([n for n in self.needed if not n.asked_by_office])

    def __bool__(self) -> bool:
        return bool(self.needed)

    def titles(self) -> list[str]:
        return [n.title for n in self.needed]


def reasons_of(answers: dict) -> dict[str, str]:
    found = A.get(answers or {}, UNAVAILABLE) or {}
    return {str(k): str(v) for k, v in found.items() if v} if isinstance(found, dict) else {}


def asked_on(application: Application) -> date:
    """The day the list is worked out for: the submission day once sent (ages do not move on)."""
    return shanghai_date(application.submitted_at) if application.submitted_at else today()


def _documents(application: Application) -> list[Document]:
    if application.id is None:
        return []
    return list(db.session.scalars(
        db.select(Document).where(Document.application_id == application.id, Document.deleted_at.is_(None),
                                  Document.item_key.is_(None)).order_by(Document.id)))


def slots(application: Application, on: date | None = None) -> list[Slot]:
    """Every document asked for by the answers, with its files and any "I don't have this" reason."""
    answers = application.answers or {}
    on = on or asked_on(application)
    documents = _documents(application)
    reasons = reasons_of(answers)
    found = []
    for item in required(answers, on):
        mine = tuple(d for d in documents if d.purpose == item.rule.purpose and d.member_ref == item.member_ref)
        found.append(Slot(item, mine, reasons.get(item.key, "")))
    return found


def _outstanding(chosen: list[Slot]) -> Outstanding:
    return Outstanding(needed=[Needed(s.key, s.title) for s in chosen if s.status == MISSING], total=len(chosen),
                       unavailable=[s for s in chosen if s.status == UNAVAILABLE_STATUS])


def of_application(application: Application, on: date | None = None) -> Outstanding:
    """Everything the application still owes, whatever request it is for."""
    return _outstanding(slots(application, on))


def materials_deadline(request: AssistanceRequest) -> date | None:
    if request.type == "temp_emergency":
        return None  # help first (先行救助, 《关于进一步加强和改进临时救助工作的意见》二(二)): the paperwork follows, with no deadline before it
    return request.due_on if request.status == "SUBMITTED" else None


def of_request(request: AssistanceRequest, all_slots: list[Slot] | None = None) -> Outstanding:
    """What one request still needs: its type's documents, and the office's listed items."""
    if all_slots is None:
        all_slots = slots(request.application)
    outstanding = _outstanding([s for s in all_slots if s.item.rule.concerns(request.type)])
    if request.status == "NEEDS_MATERIALS":
        outstanding.needed += [Needed(i.key, i.text, True) for i in missing_items(request) if not i.documents]
    outstanding.due_on = materials_deadline(request)
    return outstanding


def by_request(application: Application) -> dict[int, Outstanding]:
    all_slots = slots(application)
    return {r.id: of_request(r, all_slots) for r in application.requests}


def separator() -> str:
    return "、" if current_locale().startswith("zh") else ", "


def sentence(outstanding: Outstanding) -> Markup:
    """"您还需要提交 …，截止 …。" in the current language; "" when nothing is needed.

    Markup: an item the office typed in its request for materials is stored text, marked with
    its own ``lang`` where that differs from the page's (``stored_text``); the portal's own
    document names are in the page's language and only escaped."""
    if not outstanding.needed:
        return Markup("")
    items = escape(separator()).join(stored_text(n.title) if n.asked_by_office else escape(n.title)
                                     for n in outstanding.needed)
    # gettext without arguments returns the template unformatted; escape() makes it Markup,
    # whose % escapes the date and keeps the items' marks.
    if outstanding.due_on:
        return escape(_("You still need to provide: %(items)s, by %(date)s.")) % {
            "items": items, "date": date_local(outstanding.due_on)}
    return escape(_("You still need to provide: %(items)s.")) % {"items": items}


def earliest_deadline(application: Application) -> date | None:
    dates = [d for d in (materials_deadline(r) for r in application.requests) if d]
    return min(dates) if dates else None


def of_submitted(application: Application) -> Outstanding:
    """The whole application's list with the earliest deadline of its requests (confirmation, receipt)."""
    found = of_application(application)
    found.due_on = earliest_deadline(application)
    return found
