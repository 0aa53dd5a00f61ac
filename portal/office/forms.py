"""The queue's filter form (sent with GET: filters belong in the address, and carry no secrets)."""
from __future__ import annotations

from functools import lru_cache

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Form, SelectField
from wtforms.fields.choices import SelectChoice

from portal.domain.workflow_tables import WORKFLOWS
from portal.models.request import CLOSED, OPEN, OPEN_STATES, SUPPORT, SUPPORT_STATES
from portal.office.queue import Filters
from portal.status import texts

GROUP_LABELS = (
    ("action", _l("Needs your action")),
    ("open", _l("All open requests")),
    ("support", _l("Receiving support")),
    ("closed", _l("Closed")),
    ("all", _l("All requests")),
)


STAGE_LABELS = (
    (OPEN, _l("Steps of open requests")),
    (SUPPORT, _l("Receiving support")),
    (CLOSED, _l("Closed")),
)


def stage_of_state(code: str) -> str:
    """The stage a state usually belongs to (APPROVED and REJECTED are open until paid or notified)."""
    return OPEN if code in OPEN_STATES else SUPPORT if code in SUPPORT_STATES else CLOSED


class QueueFilterForm(Form):
    status = SelectField(_l("Status"), validate_choice=False)
    type = SelectField(_l("Kind of assistance"), validate_choice=False)
    urgent = BooleanField(_l("Urgent only"))
    overdue = BooleanField(_l("Overdue only"))
    this_week = BooleanField(_l("Due this week"))
    mine = BooleanField(_l("My cases only"))


@lru_cache(maxsize=1)
def queue_states() -> tuple[str, ...]:
    """The states some workflow can be in, in the order of the status texts (the tables are
    fixed at import; working this out on every queue page cost a millisecond or more)."""
    in_use = {str(s) for wf in WORKFLOWS.values() for s in wf.states}
    return tuple(code for code in texts.STATES if code in in_use)


@lru_cache(maxsize=8)
def _choices(locale: str) -> tuple[tuple[SelectChoice, ...], tuple[SelectChoice, ...]]:
    """The status and type choices in ``locale`` (the language of the request that asks; the
    same for every queue page, and translating their 50 labels cost half a millisecond a page)."""
    states = queue_states()
    # 38 states are grouped by stage, after the lists of work.
    status = tuple([SelectChoice(code, str(label)) for code, label in GROUP_LABELS] + [
        SelectChoice(code, texts.state_label(code), optgroup=str(label))
        for stage, label in STAGE_LABELS for code in states if stage_of_state(code) == stage])
    kinds = tuple([SelectChoice("", str(_l("All kinds")))] + [
        SelectChoice(str(t), texts.type_label(str(t))) for t in WORKFLOWS])
    return status, kinds


def filter_form(filters: Filters) -> QueueFilterForm:
    from portal.i18n import current_locale

    form = QueueFilterForm()
    status, kinds = _choices(current_locale())
    form.status.choices, form.type.choices = list(status), list(kinds)
    form.status.data = filters.status
    form.type.data = filters.type or ""
    form.urgent.data, form.overdue.data, form.this_week.data = filters.urgent, filters.overdue, filters.this_week
    form.mine.data = filters.mine
    return form
