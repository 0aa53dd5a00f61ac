"""The populated world (see world.py): built once per session, copied for each test."""
from __future__ import annotations

import shutil

import pytest

from portal.extensions import db
from tests.conftest import make_app
from tests.security import world as W


@pytest.fixture(scope="session")
def world_folder(sqlite_template, tmp_path_factory):
    folder = tmp_path_factory.mktemp("security-world")
    shutil.copy(sqlite_template, folder / "portal.sqlite3")
    app = make_app(f"sqlite:///{folder / 'portal.sqlite3'}", folder)
    with app.app_context():
        built = W.build(app)
        db.session.remove()
        db.engine.dispose()
    return folder, built


@pytest.fixture
def world_app(world_folder, tmp_path):
    """An app on a private copy of the world; yields (app, world)."""
    folder, built = world_folder
    W.copy_world(folder, tmp_path)
    app = make_app(f"sqlite:///{tmp_path / 'portal.sqlite3'}", tmp_path)
    with app.app_context():
        yield app, built
        db.session.remove()
        db.engine.dispose()


def clients_for(app, built) -> dict:
    """One test client per role, signed in as that role's account (anonymous: none)."""
    from portal.models import Account
    from tests.factories import sign_in
    from tests.helpers.pages import submit

    clients = {}
    for role in W.ROLES:
        client = app.test_client()
        if role != "anonymous":
            sign_in(client, db.session.get(Account, built.accounts[role]))
        clients[role] = client
    # The assistant with consent acts for resident A, as they would before opening A's pages.
    mandate = built.mandate_id
    response = submit(clients["assistant_with_consent"], f"/assist/residents/{mandate}/act", {},
                      form_url=f"/assist/residents/{mandate}")
    assert response.status_code == 302, response.status_code
    return clients
