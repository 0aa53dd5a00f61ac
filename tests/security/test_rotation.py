"""Issue 9.2: personal data are encrypted at rest (a full journey, read back raw), and
``flask data rotate-keys`` re-encrypts every encrypted column with the newest key."""
from __future__ import annotations

import sqlite3

from portal.cli.data_keys import encrypted_columns
from portal.extensions import db
from portal.models import Application
from tests.factories import create_account, sign_in
from tests.security import journeys as J
from tests.tools import walkthrough as W

OLD, NEW = "old-data-key-for-the-rotation-test", "new-data-key-for-the-rotation-test"


def _dump(app) -> str:
    """Every value of every table, as the database file holds it."""
    path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    db.session.commit()
    connection = sqlite3.connect(path)
    try:
        tables = [r[0] for r in connection.execute("select name from sqlite_master where type='table'")]
        return "\n".join(repr(row) for name in tables for row in connection.execute(f'select * from "{name}"'))  # nosec B608 (table names from the schema)
    finally:
        connection.close()


def _submit(client) -> str:
    sign_in(client, create_account("resident"))
    return W.walk(client, J.sentinel_household()).reference


def test_raw_database_holds_no_plaintext_after_a_full_journey(app, client):
    reference = _submit(client)
    raw = _dump(app)
    assert reference in raw  # the dump really reads the rows
    found = [label for label, value in J.sentinels().items() if value in raw or value.replace(",", "") in raw]
    assert not found, found
    application = db.session.scalars(db.select(Application).where(Application.reference == reference)).one()
    assert application.answers["about"]["name"] == J.NAME


def test_rotate_keys_re_encrypts_every_column_and_the_old_key_can_go(app, client):
    app.config["DATA_KEY"] = OLD
    reference = _submit(client)
    before = _dump(app)
    tables = encrypted_columns()
    assert {"applications", "events", "documents", "consents"} <= set(tables)

    app.config["DATA_KEY"] = f"{NEW},{OLD}"
    result = app.test_cli_runner().invoke(args=["data", "rotate-keys"])
    assert result.exit_code == 0, result.output
    assert "Re-encrypted" in result.output
    after = _dump(app)
    assert after != before

    db.session.expire_all()
    app.config["DATA_KEY"] = NEW  # the old key is gone: everything must still read
    application = db.session.scalars(db.select(Application).where(Application.reference == reference)).one()
    assert application.answers["about"]["id_number"] == J.ID_NUMBER
    assert application.applicant_name == J.NAME
    from portal.crypto import decrypt

    with app.test_request_context():
        for name, (_key, names) in tables.items():
            for row in db.session.execute(db.text(f'select {", ".join(names)} from "{name}"')):  # nosec B608
                for value in row:
                    if value is not None:
                        decrypt(value)  # raises if any value still needs the old key


def test_rotate_keys_with_an_unknown_key_changes_nothing(app, client):
    app.config["DATA_KEY"] = OLD
    _submit(client)
    before = _dump(app)
    app.config["DATA_KEY"] = NEW  # the key that wrote the data is missing
    result = app.test_cli_runner().invoke(args=["data", "rotate-keys"])
    assert result.exit_code != 0 and "nothing changed" in result.output
    assert _dump(app) == before
