"""Issue 9.1: every URL rule x every role, on real ids of resident A's objects.

A route added without a row in ``matrix.rows`` fails ``test_every_rule_has_a_row``.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from portal.extensions import db
from portal.models import Message
from tests.security import matrix as M
from tests.security.conftest import clients_for
from tests.security.world import ROLES, World

SIGN_IN_PATHS = ("/sign-in", "/staff/sign-in")
_IGNORED_METHODS = {"HEAD", "OPTIONS"}


def outcome(response) -> str:
    code = response.status_code
    if code >= 500:
        return f"{code}"
    if code in (301, 302, 303, 307, 308) and urlsplit(response.headers.get("Location", "")).path in SIGN_IN_PATHS:
        return "signin"
    if code in (403, 404):
        return str(code)
    return "ok"


def app_rules(app) -> set[tuple[str, str]]:
    return {(method, rule.rule) for rule in app.url_map.iter_rules()
            for method in rule.methods - _IGNORED_METHODS}


def _run(app, world: World, key, clients=None):
    """Outcome per role for one row. Roles expected to be refused go first, so that an
    allowed POST (which may change state) cannot change what a refused role sees; each allowed
    role's POST meets the world as it was (the database is put back after each), so the
    applicant submitting or removing a document does not hide it from their assistant."""
    url, expected, data = M.rows(world)[key]
    method = key[0]
    clients = clients or clients_for(app, world)
    order = sorted(ROLES, key=lambda role: expected[role] == "ok")
    seen = {}
    with _restored_after_each_post(app, method) as restore:
        for role in order:
            client = clients[role]
            if method == "GET":
                response = client.get(url)
            else:
                response = client.post(url, data=data)
                restore()
            seen[role] = outcome(response)
    return url, expected, seen


@contextmanager
def _restored_after_each_post(app, method: str):
    if method == "GET":
        yield lambda: None
        return
    path = Path(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"))
    db.session.remove()
    db.engine.dispose()
    saved = path.read_bytes()

    def restore():
        db.session.remove()
        db.engine.dispose()
        path.write_bytes(saved)

    yield restore


@pytest.fixture
def matrix_app(world_app):
    app, world = world_app
    # The matrix is about who reaches what; CSRF has its own tests (test_hostile_forms, client tests).
    app.config["WTF_CSRF_ENABLED"] = False
    # As in production: the development outbox does not exist.
    app.config["SHOW_DEV_OUTBOX"] = False
    return app, world


def test_every_rule_has_a_row(world_app):
    app, world = world_app
    missing = app_rules(app) - set(M.rows(world))
    stale = set(M.rows(world)) - app_rules(app)
    assert not missing, f"routes without a row in tests/security/matrix.py: {sorted(missing)}"
    assert not stale, f"rows for routes that no longer exist: {sorted(stale)}"


def _keys():
    return sorted(M.rows(World()))


@pytest.mark.parametrize("key", _keys(), ids=lambda k: f"{k[0]} {k[1]}")
def test_route_answers_each_role_as_the_matrix_says(matrix_app, key):
    app, world = matrix_app
    url, expected, seen = _run(app, world, key)
    wrong = {role: f"expected {expected[role]}, got {seen[role]}" for role in ROLES if seen[role] != expected[role]}
    assert not wrong, f"{key[0]} {url}: {wrong}"


def test_other_resident_cannot_mark_a_message_read(matrix_app):
    app, world = matrix_app
    clients = clients_for(app, world)
    clients[M.B].post("/my/messages/read", data={"message_id": str(world.message_id)})
    assert db.session.get(Message, world.message_id, populate_existing=True).read_at is None
    clients[M.A].post("/my/messages/read", data={"message_id": str(world.message_id)})
    assert db.session.get(Message, world.message_id, populate_existing=True).read_at is not None


# After a transfer the receiving office (and its district's reviewer) handle the case; the office
# that sent it keeps only its list of what it sent (/office/sent), nothing of the case itself.
TRANSFERRED = {M.CW: "404", M.CO: "ok", M.RV: "404"}
TRANSFERRED_CASE = {M.CW: "403", M.CO: "ok", M.RV: "403"}


def test_after_a_transfer_only_the_receiving_office_handles_the_case(world_app):
    from tests.client.test_office_actions import post_action
    from tests.factories import OTHER_OFFICE, create_account, sign_in

    app, world = world_app
    clients = clients_for(app, world)
    response = post_action(clients[M.CW], f"/office/requests/{world.request_id}/actions/transfer",
                           {"to_office": OTHER_OFFICE, "reason": "户籍在园岭街道"})
    assert response.status_code == 302
    app.config["WTF_CSRF_ENABLED"] = False
    rows = M.rows(world)
    checked = {key: {**rows[key][1], **TRANSFERRED} for key in rows if rows[key][1] is M.VIEW}
    checked.update({key: {**rows[key][1], **TRANSFERRED_CASE} for key in rows if rows[key][1] is M.STAFF_CASE})
    assert len(checked) == 8  # document, confirmation and its print, receipt, notice; case page, reveal (GET, POST)
    wrong = {}
    for key, expected in checked.items():
        url, _expected, seen = _run(app, world, key, clients)
        wrong.update({f"{key[0]} {url} {role}": seen[role] for role in ROLES if seen[role] != expected[role]})
    assert not wrong, wrong
    # The receiving district's reviewer is in scope; the sender still sees its trace of the hand-over.
    reviewer = app.test_client()
    sign_in(reviewer, create_account("reviewer", district_code=OTHER_OFFICE[:6]))
    assert reviewer.get(f"/documents/{world.sent_document_id}").status_code == 200
    assert reviewer.get(f"/office/cases/{world.reference}").status_code == 200
    assert world.reference in clients[M.CW].get("/office/sent").get_data(as_text=True)
