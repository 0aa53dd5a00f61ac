"""Navigation through the steps: where "save and continue" and "back" go, the task list.

Pure over the answers (plus ``url_for``): the views call these, the steps spec decides.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import url_for
from werkzeug.routing import BuildError

from portal.apply.answers import shape as A
from portal.apply.journey import steps
from portal.apply.journey.steps import SECTIONS, STEP, Step


def step_url(application_id: int, step: Step, ref: str | None, **args) -> str:
    if step.repeated:
        return url_for("apply.step", application_id=application_id, step_key=step.key, ref=ref, **args)
    return url_for("apply.step", application_id=application_id, step_key=step.key, **args)


def tasks_url(application_id: int) -> str:
    return url_for("apply.tasks", application_id=application_id)


def check_url(application_id: int) -> str:
    return url_for("apply.check", application_id=application_id)


def available(step: Step, answers: dict, today: date, member: dict | None, ref: str | None) -> bool:
    """The page may be shown: its section can start and it is needed (for this member)."""
    if not steps.can_open(step, answers, today):
        return False
    if ref == "new":
        return step.key == "member"
    return steps.applies(step, answers, today, member)


def next_url(application_id: int, answers: dict, today: date, after: tuple[str, str | None]) -> str:
    found = steps.next_instance(answers, today, after)
    if found is None:
        return check_url(application_id)
    return step_url(application_id, *found)


def back_url(application_id: int, answers: dict, today: date, current: tuple[str, str | None]) -> str:
    if current == ("member", "new"):
        return step_url(application_id, STEP["household"], None)
    found = steps.previous_instance(answers, today, current)
    return step_url(application_id, *found) if found else tasks_url(application_id)


@dataclass(frozen=True)
class Task:
    key: str
    title: str
    status: str
    url: str | None
    progress: tuple[int, int] | None = None  # documents: (supplied or answered, asked for)


def task_list(application_id: int, answers: dict, today: date, documents=None) -> list[Task]:
    """The sections and their statuses. ``documents`` (``outstanding.Outstanding``) keeps the
    documents section from showing as completed while anything asked for is still needed."""
    tasks = []
    known: dict[str, str] = {}
    for section in SECTIONS:
        status = steps.section_status(section.key, answers, today, known)
        items = steps.section_instances(section.key, answers, today)
        url = None
        if status != "cannot_start" and items:
            pending = [i for i in items if not steps.is_done(answers, *i)]
            url = step_url(application_id, *(pending[0] if pending else items[0]))
        progress = None
        if section.key == "documents" and documents is not None and documents.total:
            progress = (documents.supplied, documents.total)
            if status == "completed" and documents:
                status = "in_progress"
        if items or status == "cannot_start":
            tasks.append(Task(section.key, str(section.title), status, url, progress))
    return tasks


def continue_url(application_id: int, answers: dict, today: date) -> str:
    found = steps.next_instance(answers, today)
    return step_url(application_id, *found) if found else check_url(application_id)


def optional_url(endpoint: str, **values) -> str | None:
    """A link to another capability's page, if that capability is installed yet."""
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


def member_of(answers: dict, ref: str | None) -> dict | None:
    return A.member(answers, ref) if ref and ref != "new" else None
