"""What a notice says, from the decision's event: acceptance, missing materials, refusal, approval,
withdrawal, and a stop (停发, or the procedure ended: 终止) or a reduction (减发) of support, which, like a
refusal, give the reasons and the rights to 行政复议 and 诉讼 with the body and the last days.

The event is the record of the decision (who, when, why, on what basis, with what data), so a
notice rendered later from it says exactly what was decided then. Called under force_locale.
"""
from __future__ import annotations

from datetime import datetime

from flask_babel import format_currency

from portal.domain.calendar import shanghai_date
from portal.domain.vocabulary import Role
from portal.domain.workflow_fields import parse_amount, parse_date
from portal.filters import TYPED, date_local
from portal.models import AssistanceRequest, Event
from portal.office.records import check_differences, latest_check_payload
from portal.receipts import labels
from portal.receipts.content import (
    Directory,
    authority_places,
    common,
    month_local,
    plain,
    purpose_label,
)
from portal.receipts.legal import appeal_rights, cite
from portal.status.appeals import appeal_for
from portal.vocabulary import type_full_name

# Which notice an action issues.
NOTICE_KINDS = {
    "accept": "acceptance_notice",
    "request_materials": "materials_notice",
    "reject": "refusal_notice",
    "not_accept": "refusal_notice",
    "notify_refusal": "refusal_notice",
    "approve": "approval_notice",
    "withdraw": "withdrawal_notice",
    "stop": "stop_notice",
    # 渐退: support continues to the end month, then stops; a decision against the household.
    "phase_out": "stop_notice",
    "terminate": "stop_notice",
    # Only when it lowers the amount (``reduced``): an increase is no decision against the household.
    "adjust_amount": "reduction_notice",
    # The household is told what the economic check found, and that it may object (S-DB Art. 18).
    "data_check_failed": "check_notice",
}
# Recognitions have no amount of their own: the approval notice says what was recognised.
RECOGNITIONS = ("low_income", "rigid_expenditure")


def kind_of(event: Event) -> str | None:
    """The notice an event issues, or None (an amount adjustment issues one only when it reduces)."""
    kind = NOTICE_KINDS.get(event.action)
    if kind == "reduction_notice" and previous_amount(event) is None:
        return None
    return kind


def previous_amount(event: Event):
    """The amount granted before an ``adjust_amount`` event when the event lowers it, else None."""
    # this module has its own _amount
    from portal.status.appeals import _amount, _reduced

    request = event.request
    if request is None:
        return None
    events = sorted(request.events, key=lambda e: (e.at, e.id or 0), reverse=True)
    if event not in events or not _reduced(event, events):
        return None
    earlier = events[events.index(event) + 1:]
    return next((_amount(e) for e in earlier if e.action in ("approve", "adjust_amount")
                 and _amount(e) is not None), None)


def decided_by(request: AssistanceRequest, event: Event, places: Directory) -> str:
    """The deciding body as printed: the street office for its own acts, else the request's authority."""
    office = places.place(request.office_code)
    if event.action in ("accept", "request_materials", "not_accept", "withdraw") or (
            event.actor_role == Role.CASEWORKER and event.action != "notify_refusal"):
        return f"{office.district} {office.name}" if office else places.authority_name(request)
    return places.authority_name(request)


def _amount(value) -> str:
    amount = parse_amount(value)
    return format_currency(amount, "CNY") if amount is not None else ""


def _missing(data: dict) -> list[tuple[str, str | None]]:
    # Items are the office's words (marked with their language on the notice, ``TYPED``); a
    # known document code is printed as its label, in the notice's language.
    items = []
    for item in data.get("missing_items") or []:
        text = plain(item).strip()
        if text:
            label = purpose_label(text, default="")
            items.append((label, None) if label else (text, TYPED))
    return items


def _refusal_reasons(request: AssistanceRequest, event: Event, decision: Event | None) -> str:
    for source in (event, decision):
        if source is not None and source.action in ("reject", "not_accept") and source.reason:
            return plain(source.reason)
    return plain(request.decision_reasons or event.reason)


def notice_context(kind: str, request: AssistanceRequest, event: Event, code: str, issued_at: datetime,
                   decision: Event | None = None) -> dict:
    """``decision`` is the refusal being notified when the event is ``notify_refusal``."""
    application = request.application
    at = event.at or issued_at
    on = shanghai_date(at)
    data = dict(event.data or {})
    places = Directory(shanghai_date(issued_at or at))
    context = common(application, code, issued_at, labels.document_title(kind, event.action), places)
    context["authorities"] = authority_places([request], places)
    context.update({
        "kind": kind,
        "action": event.action,
        "type": type_full_name(request.type),
        "decided_by": decided_by(request, (decision or event), places),
        "decided_on": date_local(shanghai_date(decision.at) if decision is not None and decision.at else on),
        "basis": cite((decision or event).legal_basis),
    })
    if kind == "acceptance_notice":
        context["deadline"] = date_local(request.deadline_on) if request.deadline_on else ""
    elif kind == "materials_notice":
        context["items"] = _missing(data)
        context["note"] = plain(event.reason)
        context["due"] = date_local(request.due_on) if request.due_on else ""
    elif kind == "refusal_notice":
        context["reasons"] = _refusal_reasons(request, event, decision)

        # A refusal resting on the economic check names the figures that differ (S-DB Arts. 18, 21).
        context["differences"] = check_differences(latest_check_payload(request), request)
        context["appeal"] = appeal_rights(on)

        # The notice is served online the day it is issued: the periods count from that day.
        context["appeal_where"] = appeal_for(request, shanghai_date(issued_at or at)).sentences()
    elif kind in ("stop_notice", "reduction_notice"):
        context["reasons"] = plain(event.reason or request.decision_reasons)
        context["appeal"] = appeal_rights(on)

        context["appeal_where"] = appeal_for(request, shanghai_date(issued_at or at)).sentences()
        if event.action == "phase_out" and request.phase_out_ends_on:
            context["phase_out_ends"] = date_local(request.phase_out_ends_on)
        if kind == "reduction_notice":
            context["amount"] = _amount(data.get("amount"))
            before = previous_amount(event)
            context["amount_before"] = _amount(before) if before is not None else ""
            context["start_month"] = month_local(data.get("start_month"))
    elif kind == "check_notice":
        context["differences"] = check_differences(data.get("economic_check"), request)
        context["note"] = plain(event.reason)
    elif kind == "withdrawal_notice":
        context["reason"] = plain(event.reason)
    elif kind == "approval_notice":
        amount = data.get("amount", request.amount)
        context["recognition"] = request.type in RECOGNITIONS
        context["amount"] = _amount(amount) if amount is not None and amount != "" else ""
        context["monthly"] = bool(data.get("start_month") or request.start_month)
        context["start_month"] = month_local(data.get("start_month") or request.start_month)
        valid_until = parse_date(data.get("valid_until")) or request.valid_until
        context["valid_until"] = date_local(valid_until) if valid_until else ""
    return context

