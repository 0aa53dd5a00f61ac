"""Periodic review (动态管理) with the mechanism of reporting a change
(portal.status.changes): when a request's review date (``review_due_on``) comes within the policy's
``workflow.review_invite_days``, ``flask apply remind-reviews`` texts the resident a link (on
PUBLIC_URL) to confirm or update household, income and assets, prefilled with the last answers;
helpers under a "notices" mandate are told for a resident without a mobile. The answer is either a
confirmation (one event) or change reports (portal.status.changes), which the office sees beside
the last answers. An invitation not answered by the review date is listed for the office.

The SMS names no amount, type or person: it can be read on a lock screen. Each invitation is an
event (staff-only: the resident sees the text message and the status page) committed with the
message, so a second run never sends it twice.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from flask_babel import gettext as _
from sqlalchemy import bindparam
from sqlalchemy.orm import defer

from portal.domain import changes as rules
from portal.domain.vocabulary import Role
from portal.extensions import db
from portal.filters import date_local
from portal.models import Account, Application, AssistanceRequest, Event
from portal.models.assist import Mandate
from portal.models.types import utcnow
from portal.notify.outbox import queue_inapp, queue_sms
from portal.office.scope import SCOPE_CODE, bound_scope, scope_of
from portal.policy_figures import current_policy
from portal.receipts.content import external_url
from portal.status import record
from portal.status.changes import check_mandate
from portal.status.notifications import stand_in_mandates

KIND = "review_invitation"
BASIS = "S-DB Art. 31 (periodic review)"


def status_of(request: AssistanceRequest, today: date) -> tuple[str | None, date | None]:
    events = sorted(request.events, key=lambda e: (e.at, e.id))
    state, by = rules.review_status([(e.action, (e.data or {}).get("answer_by") if e.action == rules.INVITE else None)
                                     for e in events], today)
    return state, (date.fromisoformat(by) if by else None)


def waiting(application: Application, today: date) -> list[tuple[AssistanceRequest, date | None]]:
    """The requests whose review invitation still waits for the resident's answer."""
    found = []
    for request in application.requests:
        state, by = status_of(request, today)
        if state in ("open", "overdue"):
            found.append((request, by))
    return found


def _text(reference: str, by: date, url: str) -> str:
    return _("Social assistance: it is time to review your application %(reference)s. Confirm or update your "
             "household, income and assets by %(date)s: %(url)s", reference=reference, date=date_local(by), url=url)


def send_invitations(on: date) -> int:
    """Invite the households whose review date falls within the policy's days; returns how many. Commits."""
    days = int(current_policy().value(rules.INVITE_DAYS_KEY, on))
    candidates = db.session.scalars(db.select(AssistanceRequest).where(
        AssistanceRequest.status.in_(sorted(rules.REVIEWED)), AssistanceRequest.review_due_on.is_not(None),
        AssistanceRequest.review_due_on <= on + timedelta(days=days)).order_by(AssistanceRequest.id))
    sent = 0
    for request in candidates:
        application = request.application
        by = request.review_due_on
        invited = [e for e in request.events if e.action == rules.INVITE
                   and (e.data or {}).get("answer_by") == by.isoformat()]
        if not application.reference or invited:
            continue
        account = db.session.get(Account, application.account_id)
        if account is None:
            continue
        locale = account.locale or application.locale or "zh_Hans"
        url = external_url("status.review", reference=application.reference)
        reference = application.reference
        if account.phone:
            queue_sms(account.phone, KIND, locale, lambda: _text(reference, by, url), account_id=account.id)
        for mandate in stand_in_mandates(account):
            helper = db.session.get(Account, mandate.assistant_id)
            # The helper's own review page for the resident when the mandate allows answering it, else
            # their page of that resident (the resident's own page is theirs alone).
            helpers_url = (external_url("assist.for_review", mandate_id=mandate.id, reference=reference)
                           if mandate.allows_to("review") else external_url("assist.resident", mandate_id=mandate.id))
            if helper is not None and helper.phone:
                queue_sms(helper.phone, KIND, helper.locale or "zh_Hans", lambda: _(
                    "For a resident you help, who has no mobile: %(message)s",
                    message=_text(reference, by, helpers_url)), account_id=helper.id)
            elif helper is not None:
                queue_inapp(helper.id, KIND, helper.locale or "zh_Hans", lambda: _text(reference, by, helpers_url))
        db.session.add(Event(application_id=application.id, request_id=request.id, action=rules.INVITE,
                             from_state=request.status, to_state=request.status, actor_role=Role.SYSTEM.value, at=utcnow(),
                             legal_basis=BASIS, data={"answer_by": by.isoformat()}, visible_to_resident=False))
        sent += 1
    db.session.commit()
    return sent


def confirm(application: Application, account: Account, today: date, mandate: Mandate | None = None) -> int:
    """The resident confirms nothing changed, for every waiting review; returns how many.

    ``mandate``: a helper (``account``) answers for the applicant under it (it must allow "review").
    """
    check_mandate(mandate, application, "review")
    pending = waiting(application, today)
    if not pending:
        raise ValueError("no_review")
    with record.transaction():
        for request, _by in pending:
            record.add_event(request, rules.CONFIRM, account, legal_basis=BASIS, mandate=mandate)
    return len(pending)


@dataclass
class Overdue:
    request: AssistanceRequest
    application: Application
    answer_by: date


# The events that decide where a review invitation stands (rules.review_status ignores the rest).
_REVIEW_ACTIONS = (rules.INVITE, rules.CONFIRM, rules.REPORT)


@lru_cache(maxsize=8)
def _invited_statement(scope_column: str, limit: int):
    """Invited requests in one kind of scope, oldest first (built once; the code is a bound
    parameter). The invitations are found in ``ix_events_side_actions``."""
    r = AssistanceRequest
    return (db.select(r, Application).join(Application, Application.id == r.application_id)
            .options(defer(Application.answers), defer(r.decision_reasons))
            .where(r.id.in_(db.select(Event.request_id).where(Event.action == rules.INVITE)), bound_scope(scope_column))
            .order_by(r.id).limit(limit))


@lru_cache(maxsize=1)
def _review_events_statement():
    """The review events of many requests in one query, each request's oldest first."""
    return (db.select(Event.request_id, Event.action, Event.data)
            .where(Event.request_id.in_(bindparam("ids", expanding=True)), Event.action.in_(_REVIEW_ACTIONS))
            .order_by(Event.request_id, Event.at, Event.id))


def overdue(account: Account, today: date, limit: int = 50) -> list[Overdue]:
    """Invitations in the person's scope not answered by their day, oldest first."""
    scope = scope_of(account)
    if scope is None:
        return []
    invited = db.session.execute(_invited_statement(scope[0], limit * 4), {SCOPE_CODE: scope[1]}).all()
    if not invited:
        return []
    # As status_of, for every request at once (one query instead of one per request).
    actions: dict[int, list[tuple[str, str | None]]] = {}
    for request_id, action, data in db.session.execute(_review_events_statement(),
                                                       {"ids": [request.id for request, _application in invited]}):
        actions.setdefault(request_id, []).append(
            (action, (data or {}).get("answer_by") if action == rules.INVITE else None))
    found = []
    for request, application in invited:
        state, by = rules.review_status(actions.get(request.id, []), today)
        if state == "overdue" and by:
            found.append(Overdue(request, application, date.fromisoformat(by)))
    return sorted(found, key=lambda o: o.answer_by)[:limit]
