"""Appeals: where and by when a resident may contest a refusal, a reduction or
a stop, and the "我有异议" request asking the office to look again.

The bodies and last days follow portal/domain/appeals.py (its docstring states what is assumed).
An objection and its answer change no state: each is one Event (who, when, the text) written and
committed here, so it appears in the resident's timeline and in the office's case history.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from portal.calendar_notices import work_calendar
from portal.domain import appeals as rules
from portal.domain.calendar import shanghai_date
from portal.extensions import db
from portal.filters import date_local, place_name
from portal.models import Account, AssistanceRequest, District, Event, Office
from portal.policy_figures import current_policy
from portal.receipts.legal import LITIGATION_KEY, RECONSIDERATION_KEY
from portal.status import record

BASIS = "行政复议法 art. 24; 行政诉讼法 arts. 18, 46"


@dataclass
class Appeal:
    """What the notice and the status page say: the two bodies, the two last days, from when."""

    body: str
    court: str
    received_on: date
    reconsideration_last: date
    litigation_last: date
    days: int
    months: int

    def sentences(self) -> list[str]:
        return [
            _("Administrative reconsideration: apply to %(body)s by %(date)s at the latest (%(days)s days from "
              "receiving the notice).", body=self.body, date=date_local(self.reconsideration_last), days=self.days),
            _("Administrative lawsuit: bring it before %(court)s by %(date)s at the latest (%(months)s months "
              "from receiving the notice). Where another court is designated for administrative cases, that "
              "court tells you.", court=self.court, date=date_local(self.litigation_last), months=self.months),
            _("These dates count from %(date)s, the day the notice was issued to you online. A last day that "
              "falls on a weekend or holiday moves to the next working day.", date=date_local(self.received_on)),
        ]


def _district(request: AssistanceRequest) -> District | None:
    code = request.district_code
    if not code and request.office_code:
        office = db.session.get(Office, request.office_code)
        code = office.district_code if office is not None else None
    return db.session.get(District, code) if code else None


def bodies(request: AssistanceRequest) -> tuple[str, str]:
    """The 行政复议 body and the court, named in the current language."""
    district = place_name(_district(request))
    if rules.review_level(request.authority) == rules.CITY_LEVEL or not district:
        body = _("Shenzhen Municipal People's Government")
    else:
        body = _("%(district)s People's Government", district=district)
    court = _("%(district)s People's Court", district=district) if district else \
        _("the basic people's court where the deciding authority sits")
    return body, court


def appeal_for(request: AssistanceRequest, received_on: date) -> Appeal:
    policy = current_policy()
    days = int(policy.value(RECONSIDERATION_KEY, received_on))
    months = int(policy.value(LITIGATION_KEY, received_on))
    last = rules.last_days(received_on, work_calendar(), days, months)
    body, court = bodies(request)
    return Appeal(body, court, received_on, last.reconsideration, last.litigation, days, months)


def contested_event(request: AssistanceRequest) -> Event | None:
    """The latest decision the resident may contest, if the request stands refused, reduced or stopped.

    The notified refusal (``notify_refusal``) wins over the decision it notifies: the resident
    receives the notice, not the decision."""
    events = sorted(request.events, key=lambda e: (e.at, e.id), reverse=True)
    for event in events:
        if event.action in (rules.ASK, rules.ANSWER):
            continue
        if event.action in rules.CONTESTED_ACTIONS:
            if event.action == "adjust_amount" and not _reduced(event, events):
                return None
            return event
        if event.to_state != event.from_state:
            return None  # a later state change ended the contested decision
    return None


def _amount(event: Event) -> float | None:
    try:
        return float((event.data or {}).get("amount"))
    except (TypeError, ValueError):
        return None


def _reduced(event: Event, newest_first: list[Event]) -> bool:
    """An amount adjustment is a reduction when it is lower than the amount granted before it."""
    later = True
    for earlier in newest_first:
        if earlier is event:
            later = False
            continue
        if not later and earlier.action in ("approve", "adjust_amount") and _amount(earlier) is not None:
            new = _amount(event)
            return new is not None and new < _amount(earlier)
    return False


def appeal_of(request: AssistanceRequest) -> Appeal | None:
    event = contested_event(request)
    if event is None or event.at is None:
        return None
    return appeal_for(request, shanghai_date(event.at))


def pending(request: AssistanceRequest) -> Event | None:
    """The resident's objection still waiting for the office's answer."""
    for event in sorted(request.events, key=lambda e: (e.at, e.id), reverse=True):
        if event.action == rules.ANSWER:
            return None
        if event.action == rules.ASK:
            return event
    return None


def may_object(request: AssistanceRequest, today: date) -> bool:
    appeal = appeal_of(request)
    return appeal is not None and rules.may_object(request.status, pending(request) is not None, today,
                                                   appeal.reconsideration_last)


def _record(request: AssistanceRequest, action: str, text: str, account: Account) -> Event:
    with record.transaction():
        event = record.add_event(request, action, account, legal_basis=BASIS, reason=text)
    return event


def ask(request: AssistanceRequest, reason: str, account: Account, today: date) -> Event:
    """The resident asks the office to look again; raises ValueError when that is not (or no longer) open."""
    if not may_object(request, today) or rules.check_reason(reason):
        raise ValueError("objection_not_open")
    return _record(request, rules.ASK, reason, account)


def answer(request: AssistanceRequest, reply: str, account: Account) -> Event:
    """The caseworker's reply to the waiting objection; raises ValueError when none waits."""
    if pending(request) is None or rules.check_reason(reply):
        raise ValueError("no_objection")
    return _record(request, rules.ANSWER, reply, account)
