"""Server-side storage of pre-check answers (portal.precheck.store), on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import timedelta

import pytest

from portal.extensions import db
from portal.models import PrecheckSession, utcnow
from portal.precheck import store

HOUSEHOLD = {"members": [{"relation": "self", "age": 33, "income": [{"category": "wages", "amount": "4321.50"}]}]}


def test_save_and_load_a_household(any_app):
    token = store.save(HOUSEHOLD)
    assert len(token) >= 40
    assert store.load(token) == HOUSEHOLD
    assert store.save({"members": [{"relation": "self", "age": 34}]}, token) == token
    assert store.load(token)["members"][0]["age"] == 34


def test_only_a_hash_of_the_token_and_encrypted_answers_are_stored(any_app):
    token = store.save_answers(None, {"household": {"size": 1}}, HOUSEHOLD)
    row = db.session.execute(db.text("SELECT token_hash, answers, household FROM precheck_sessions")).one()
    assert token not in row.token_hash
    assert "4321.50" not in row.household and "size" not in row.answers
    assert store.load_answers(token) == {"household": {"size": 1}}


def test_unfinished_checks_have_no_household(any_app):
    token = store.save_answers(None, {"household": {"size": 2}}, None)
    assert store.load(token) is None
    assert store.load_answers(token) == {"household": {"size": 2}}


@pytest.mark.parametrize("token", [None, "", "short", "x" * 65, "../../etc/passwd-and-more-chars", 12345,
                                   "a" * 43, "\x00" * 30, ["list"]])
def test_unknown_or_malformed_tokens_are_simply_unknown(app, token):
    assert store.load(token) is None and store.load_answers(token) is None
    store.discard(token)


def test_checks_expire_after_a_day_and_are_purged(any_app):
    old = store.save(HOUSEHOLD)
    row = db.session.scalars(db.select(PrecheckSession)).one()
    row.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert store.load(old) is None
    # A saved token that expired starts a new check rather than reviving the old one.
    fresh = store.save_answers(old, {}, None)
    assert fresh != old
    assert db.session.scalar(db.select(db.func.count()).select_from(PrecheckSession)) == 1
    kept = db.session.scalars(db.select(PrecheckSession)).one()
    assert timedelta(hours=23) < kept.expires_at - utcnow() <= store.LIFETIME


def test_discard_forgets_a_check(any_app):
    token = store.save(HOUSEHOLD)
    store.discard(token)
    assert store.load(token) is None
    assert db.session.scalar(db.select(db.func.count()).select_from(PrecheckSession)) == 0
