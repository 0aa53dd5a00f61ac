"""The one one-time code service (portal.accounts.codes) that sign-in and consent share:
purposes never mix, and each purpose has its own resend limits."""
from __future__ import annotations

import re

from portal.accounts import codes
from portal.assist.consent import CONSENT
from portal.extensions import db
from portal.models import Message, OneTimeCode

PHONE = "13812340001"


def _last_code(kind: codes.CodeKind) -> str:
    body = db.session.scalars(db.select(Message.body).where(Message.kind == kind.sms_kind)
                              .order_by(Message.id.desc())).first()
    return re.search(r"\b(\d{6})\b", body).group(1)


def test_a_code_is_confirmed_only_for_the_purpose_it_was_sent_for(app):
    consent = codes.issue(CONSENT, PHONE, "en")
    db.session.commit()
    code = _last_code(CONSENT)
    assert codes.verify(codes.SIGN_IN, consent.token, code).outcome == "unknown"
    assert codes.check_code(consent.token, code).account is None
    check = codes.verify(CONSENT, consent.token, code)
    assert check.outcome == "ok" and check.phone == PHONE


def test_the_stored_hash_depends_on_the_purpose(app):
    for kind in (codes.SIGN_IN, CONSENT):
        codes.issue(kind, PHONE, "en")
    db.session.commit()
    rows = db.session.scalars(db.select(OneTimeCode).order_by(OneTimeCode.id)).all()
    assert [r.purpose for r in rows] == ["sign_in", "assist_consent"]
    assert all(len(r.code_hash) == 64 and _last_code(CONSENT) not in r.code_hash for r in rows)


def test_each_purpose_has_its_own_resend_limit(app):
    assert codes.issue(codes.SIGN_IN, PHONE, "en").token
    again = codes.issue(codes.SIGN_IN, PHONE, "en")
    assert again.token is None and 0 < again.wait_seconds <= 60
    # A sign-in a moment ago does not hold back the consent code an assistant asks for.
    assert codes.issue(CONSENT, PHONE, "en").token


def test_a_wrong_code_counts_an_attempt_that_stays_counted(app):
    request = codes.request_code(PHONE, "en")
    code = _last_code(codes.SIGN_IN)
    wrong = "000000" if code != "000000" else "111111"
    assert codes.verify(codes.SIGN_IN, request.token, wrong).attempts_left == 4
    db.session.rollback()
    assert db.session.scalar(db.select(OneTimeCode.attempts)) == 1
