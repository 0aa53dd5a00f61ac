"""Reporting a change: the resident reopens one of the application's own pages
(portal.apply.pages.registry), prefilled with the last answers, sees what changed and sends it; the office
records it as handled with a note within its time limit (policy ``workflow.change_report_wd``).

The application's answers stay as they were submitted: the report holds the page, the person and
the page's answers before and after (encrypted, as every event's data), so the office sees both.
A report and its handling change no state: each is one Event written and committed here, so it
appears in the resident's timeline and in the office's case history.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _

from portal.apply.answers import shape as A
from portal.apply.filing.drafts import _apply
from portal.apply.journey import steps
from portal.apply.pages.base import PageCtx
from portal.apply.pages.registry import PAGES
from portal.calendar_notices import work_calendar
from portal.domain import changes as rules
from portal.domain.calendar import shanghai_date
from portal.domain.ids import mask_id
from portal.models import Account, Application, AssistanceRequest, Event
from portal.models.assist import Mandate
from portal.policy_figures import current_policy
from portal.status import record

BASIS = "S-DB Art. 30; S-ZX Art. 13 (duty to report changes)"


@dataclass
class Topic:
    step: steps.Step
    ref: str | None
    name: str  # the person's name for a page about one person, else ""

    @property
    def adds(self) -> bool:
        """The page adds a person who moved in (the member page with ref ``new``)."""
        return rules.is_addition(self.step.key, self.ref)


def may_report(application: Application) -> bool:
    return rules.may_report(application.status, [r.status for r in application.requests])


def target(application: Application) -> AssistanceRequest | None:
    rid = rules.target([(r.id, r.status) for r in application.requests])
    return next((r for r in application.requests if r.id == rid), None)


def topics(application: Application, today: date) -> list[Topic]:
    """The application's pages a change is reported on, each shown only where the answers need it."""
    answers = current_answers(application)
    found = []
    for key in rules.TOPICS:
        step = steps.STEP[key]
        if step.repeated:
            for person in answers.get("members") or []:
                if steps.needed(step, answers, today, person):
                    found.append(Topic(step, person.get("ref"), person.get("name") or ""))
            if key == rules.ADD_STEP:
                found.append(Topic(step, rules.NEW, ""))  # someone moved in
        elif steps.needed(step, answers, today):
            found.append(Topic(step, None, ""))
    return found


def topic(application: Application, key: str, ref: str | None, today: date) -> Topic | None:
    return next((t for t in topics(application, today) if t.step.key == key and t.ref == ref), None)


def current_answers(application: Application) -> dict:
    """The submitted answers with every change reported since applied in order: the "last answers"
    a report or a review starts from (the submitted answers themselves stay as they were)."""
    answers = A.copy_of(application.answers or {})
    reports = [e for r in application.requests for e in r.events if e.action == rules.REPORT]
    for event in sorted(reports, key=lambda e: (e.at, e.id)):
        data = event.data or {}
        updates = data.get("updates")
        if not isinstance(updates, dict):
            continue
        person = A.member(answers, data.get("ref")) if data.get("ref") else None
        if data.get("ref") and person is None:
            if not data.get("added"):
                continue
            person = {"ref": data["ref"]}  # a person who moved in, added by this report
            answers.setdefault("members", []).append(person)
        _apply(answers, person, updates)
    return answers


def page_ctx(application: Application, ref: str | None, today: date, account_id: int) -> PageCtx:
    answers = current_answers(application)
    return PageCtx(answers, A.member(answers, ref) if ref else None, ref, today, account_id)


def before_after(key: str, ctx: PageCtx, form) -> tuple[dict, dict]:
    """The page's form data as last submitted and as the resident typed it now."""
    after = {name: field.data for name, field in form._fields.items() if name != "csrf_token"}
    return last_answers(key, ctx), _plain(after)


def last_answers(key: str, ctx: PageCtx) -> dict:
    """The page's form data from the answers as they stand (the last submitted or reported)."""
    page = PAGES[key]
    fresh = page.form_class(ctx)(formdata=None, data=page.load(ctx), meta={"csrf": False})
    return _plain({name: field.data for name, field in fresh._fields.items() if name != "csrf_token"})


def rows(key: str, ctx: PageCtx, before: dict, after: dict) -> list[tuple[str, str, str, bool]]:
    """(question, before, after, changed) for each question of the page, in its order."""
    form = PAGES[key].form_class(ctx)(formdata=None, meta={"csrf": False})
    differ = set(rules.changed(before, after))
    return [(str(field.label.text), _shown(field, before.get(name)), _shown(field, after.get(name)), name in differ)
            for name, field in form._fields.items() if name in before or name in after]


def _shown(field, value) -> str:
    if value in (None, "", []):
        return _("Not given")
    if type(field).__name__ == "IdNumber":  # personal data: masked before and after
        return mask_id(str(value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    labels = {str(v): str(lbl) for v, lbl, *_rest in _choices(field)}
    if isinstance(value, list):
        return "; ".join(labels.get(str(v), str(v)) for v in value)
    return labels.get(str(value), str(value))


def _choices(field) -> list:
    choices = getattr(field, "choices", None) or []
    if isinstance(choices, dict):
        return [c for group in choices.values() for c in group]
    return [c if isinstance(c, (list, tuple)) else (c, c) for c in choices]


def _plain(values: dict) -> dict:
    def one(v):
        if isinstance(v, (list, tuple)):
            return [one(x) for x in v]
        if isinstance(v, dict):
            return {str(k): one(x) for k, x in v.items()}
        return v if v is None or isinstance(v, (bool, int, float, str)) else str(v)
    return {k: one(v) for k, v in values.items()}


def due_date(on: date) -> date:
    return work_calendar().add_working_days(on, int(current_policy().value(rules.LIMIT_KEY, on)),
                                            allow_uncovered=True)


def _record(request: AssistanceRequest, action: str, account: Account, text: str, data: dict | None,
            mandate: Mandate | None = None) -> Event:
    with record.transaction():
        event = record.add_event(request, action, account, legal_basis=BASIS, reason=text, data=data,
                                 mandate=mandate)
    return event


def report(application: Application, key: str, ref: str | None, before: dict, after: dict, note: str,
           account: Account, today: date, updates: dict | None = None, mandate: Mandate | None = None) -> Event:
    """Record the change on the request it concerns; raises ValueError when nothing may be reported.

    ``mandate``: a helper (``account``) reports for the applicant under it (it must allow "change").
    """
    check_mandate(mandate, application, "change")
    request = target(application) if may_report(application) else None
    if request is None or topic(application, key, ref, today) is None or rules.check_note(note):
        raise ValueError("change_not_open")
    fields = rules.changed(before, after)
    if not fields and not (note or "").strip():
        raise ValueError("nothing_changed")
    data: dict[str, Any] = {"step": key, "ref": ref, "before": before, "after": after, "changed": fields,
            "due": due_date(today).isoformat(), "updates": _plain(updates or {})}
    if rules.is_addition(key, ref):  # the new person gets the next free ref of the household
        data.update(ref=A.next_member_ref(current_answers(application)), added=True)
    return _record(request, rules.REPORT, account, note, data, mandate)


def check_mandate(mandate: Mandate | None, application: Application, what: str) -> None:
    """Raise PermissionError unless ``mandate`` is None (the residents themselves) or stands for this
    applicant and allows ``what``."""
    if mandate is not None and (mandate.resident_account_id != application.account_id
                                or not mandate.standing or not mandate.allows_to(what)):
        raise PermissionError("mandate")


def pending(request: AssistanceRequest) -> list[Event]:
    """The change reports on this request not yet handled, oldest first."""
    waiting: list[Event] = []
    for event in sorted(request.events, key=lambda e: (e.at, e.id)):
        if event.action == rules.REPORT:
            waiting.append(event)
        elif event.action == rules.HANDLE:
            waiting = []
    return waiting


def handle(request: AssistanceRequest, note: str, account: Account) -> Event:
    """The caseworker records the waiting reports as handled; raises ValueError when none waits."""
    if not pending(request) or rules.check_note(note, required=True):
        raise ValueError("no_change")
    return _record(request, rules.HANDLE, account, note, None)


def reported_on(event: Event) -> date:
    return shanghai_date(event.at)
