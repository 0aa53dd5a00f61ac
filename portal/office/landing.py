"""Where a caseworker or reviewer lands after an action: the next thing to do.

Still work on the request just acted on: its section of the case page. Otherwise another request
of the same household that waits for the person; otherwise the next case of their queue that
needs their action; otherwise the queue. The one-line confirmation is flashed with the section it
belongs to as its category (``request-<id>``), so the case page shows it where the browser lands,
not at the top of a long page; a landing on the queue uses the ordinary category.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import url_for
from flask_babel import gettext as _

from portal.models import Account, AssistanceRequest
from portal.office.queue import Filters, _actionable, queue
from portal.office.scope import in_scope
from portal.status import texts


@dataclass
class Landing:
    url: str
    message: str
    category: str


def _at(request: AssistanceRequest) -> str:
    return url_for("office.case", reference=request.application.reference, _anchor=f"request-{request.id}")


def after_action(account: Account, acted: AssistanceRequest, action: str, day: date) -> Landing:
    title = texts.action_title(action)
    application = acted.application
    if in_scope(account, acted) and _actionable(account, acted, day):
        return Landing(_at(acted), _("Done: %(action)s.", action=title), f"request-{acted.id}")
    for other in application.requests:
        if other.id != acted.id and in_scope(account, other) and _actionable(account, other, day):
            return Landing(_at(other), _("Done: %(action)s (%(type)s). Next on this case: %(next)s.", action=title,
                                         type=texts.type_label(acted.type), next=texts.type_label(other.type)),
                           f"request-{other.id}")
    for row in queue(account, Filters(group="action"), day).rows:
        if row.application.id != application.id and row.actionable:
            return Landing(_at(row.request),
                           _("Done: %(action)s on case %(reference)s. Next in your queue: case %(next)s.",
                             action=title, reference=application.reference, next=row.application.reference),
                           f"request-{row.request.id}")
    return Landing(url_for("office.queue_page"),
                   _("Done: %(action)s on case %(reference)s. Nothing else needs your action now.", action=title,
                     reference=application.reference), "message")
