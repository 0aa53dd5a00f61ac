"""What the throughput work keeps between requests or within one, and that it never
serves a stale or someone else's result: the eligibility verdicts per answers, the Types page's
form per language and verdicts, the request's translation catalogue, the sign-in query."""
from __future__ import annotations

import copy
from datetime import date, timedelta

from flask import render_template_string
from flask_babel import force_locale, gettext

from portal.apply.answers import screening
from portal.extensions import db
from portal.models import Application, AuthSession
from tests.factories import create_account, sign_in
from tests.helpers.pages import get_page
from tests.tools import walkthrough


def _filled_draft(client) -> tuple[Application, str]:
    account = create_account("resident")
    sign_in(client, account)
    result = walkthrough.walk(client, walkthrough.three_person_family(), stop_at_check=True)
    draft_id = int(result.visited[-1].split("/")[2])
    return db.session.get(Application, draft_id), f"/apply/{draft_id}/types"


def test_verdicts_are_screened_once_per_answers_and_again_when_they_change(client, monkeypatch):
    application, _url = _filled_draft(client)
    answers, on = application.answers, date(2026, 3, 2)
    calls = []
    real = screening.screen
    monkeypatch.setattr(screening, "screen", lambda *a: calls.append(1) or real(*a))

    first = screening.verdicts(answers, on)
    assert first and calls == [1]
    assert screening.verdicts(copy.deepcopy(answers), on) == first and calls == [1]  # same answers: kept

    richer = copy.deepcopy(answers)
    earner = next(income for income in richer["income"].values() if "wages" in (income.get("amounts") or {}))
    earner["amounts"]["wages"] = "90000"  # far above any threshold: nothing is suggested any more
    changed = screening.verdicts(richer, on)
    assert calls == [1, 1]  # different answers are screened, never served the kept verdicts
    assert changed != first
    screening.verdicts(answers, on + timedelta(days=1))
    assert calls == [1, 1, 1]  # another day, another screening (ages and periods move)


def test_the_verdict_cache_keeps_digests_not_answers(client):
    application, _url = _filled_draft(client)
    screening.verdicts(application.answers, date(2026, 3, 2))
    name = application.answers["about"]["name"]
    for key, value in list(screening._cache.items()):
        digest = key[0]
        assert isinstance(digest, bytes) and len(digest) == 32
        assert name not in repr(key) and name not in repr(value)


def test_types_page_labels_follow_the_language_with_the_form_kept(client):
    _application, url = _filled_draft(client)
    chinese = get_page(client, url).get_text()
    client.get("/language/en")
    english = get_page(client, url).get_text()
    client.get("/language/zh_Hant")
    traditional = get_page(client, url).get_text()
    assert "Which assistance do you apply for?" in english and "Which assistance" not in chinese
    assert "Suggested" in english and "Suggested" not in chinese and "Suggested" not in traditional
    assert chinese != traditional


def test_translations_follow_force_locale_inside_one_request(app):
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert gettext("Back") == "Back"
        with force_locale("zh_Hans"):
            chinese = gettext("Back")
            assert chinese != "Back"
            assert render_template_string("{{ _('Back') }}") == chinese
        assert gettext("Back") == "Back"
        assert render_template_string("{{ _('Back') }}") == "Back"


def test_revoked_session_and_inactive_account_sign_out_with_the_single_query(client, app):
    account = create_account("resident")
    sid = sign_in(client, account)
    assert client.get("/home").status_code == 200
    db.session.get(AuthSession, sid).revoked_at = db.session.get(AuthSession, sid).created_at
    db.session.commit()
    assert client.get("/home").headers["Location"].startswith("/sign-in")

    other = create_account("resident")
    sign_in(client, other)
    assert client.get("/home").status_code == 200
    other.active = False
    db.session.commit()
    assert client.get("/home").headers["Location"].startswith("/sign-in")
