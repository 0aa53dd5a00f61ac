"""Every workflow code has words, in every language, and every workflow field a form row."""
from __future__ import annotations

import pytest
from flask_babel import force_locale

from portal.domain.workflow_fields import FIELD_KINDS
from portal.domain.workflow_tables import (
    RESIDENT_NEXT,
    RESIDENT_NEXT_OVERRIDES,
    STEP,
    STEP_OVERRIDES,
    WORKFLOWS,
)
from portal.office import fields, messages
from portal.status import texts

STATES = {str(s) for wf in WORKFLOWS.values() for s in wf.states}
ACTIONS = {a.name for wf in WORKFLOWS.values() for a in wf.actions}
STEPS = set(STEP.values()) | set(STEP_OVERRIDES.values())
NEXT = set(RESIDENT_NEXT.values()) | {v for v in RESIDENT_NEXT_OVERRIDES.values() if v}
FLAGS = {str(f) for wf in WORKFLOWS.values() for a in wf.actions for f in a.sets}
AUTHORITIES = {wf.authority for wf in WORKFLOWS.values()}
REQUIRED = {name for wf in WORKFLOWS.values() for a in wf.actions for name in a.required}


def test_tables_cover_every_code_of_the_workflow():
    assert STATES <= set(texts.STATES)
    assert ACTIONS <= set(texts.ACTIONS)
    assert STEPS <= set(texts.STEPS)
    assert NEXT <= set(texts.RESIDENT_NEXT)
    assert FLAGS <= set(texts.FLAGS)
    assert AUTHORITIES <= set(texts.AUTHORITIES)
    assert (REQUIRED | {"death_date"}) <= set(fields.FIELDS) and set(FIELD_KINDS) <= set(fields.FIELDS)
    assert REQUIRED <= set(messages.MISSING)


@pytest.mark.parametrize("locale", ["zh_Hans", "zh_Hant"])
def test_every_label_is_translated(app, locale):
    tables = [texts.STATES, texts.ACTIONS, texts.ACTION_TITLES, texts.STEPS, texts.RESIDENT_NEXT, texts.FLAGS, texts.AUTHORITIES,
              messages.MISSING, {k: f.label for k, f in fields.FIELDS.items()}]
    labels = [label for table in tables for label in table.values()]
    with app.test_request_context(), force_locale(locale):
        untranslated = [label._args[0] for label in labels if str(label) == label._args[0]]  # the English msgid
    assert len(labels) > 200 and untranslated == []
