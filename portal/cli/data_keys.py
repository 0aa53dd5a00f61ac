"""``flask data rotate-keys``: re-encrypt every encrypted column with the newest DATA_KEY.

Rotation: put the new key first in DATA_KEY (``new,old``), run this command, then drop the old
key. Values are read and written as raw text (not through the column types), so each value is
decrypted with whichever key made it and encrypted with the first; a value no key can read stops
the command before anything is committed. Batches keep memory flat on large tables.
"""
from __future__ import annotations

import click
from cryptography.fernet import InvalidToken
from flask.cli import with_appcontext
from sqlalchemy import column, select, table, update

from portal import crypto
from portal.extensions import db

BATCH = 500


def _rotate(token: str, where: str) -> str:
    try:
        return crypto.rotate(token)
    except InvalidToken:
        raise ValueError(f"a value in {where} cannot be decrypted with any key of DATA_KEY") from None


def encrypted_columns() -> dict[str, tuple[str, list[str]]]:
    """Table name -> (its one-column primary key, its encrypted columns), from the models' types."""
    found: dict[str, tuple[str, list[str]]] = {}
    for mapped in db.metadata.sorted_tables:
        names = [c.name for c in mapped.columns if isinstance(c.type, (crypto.EncryptedText, crypto.EncryptedJSON))]
        if names:
            (key,) = [c.name for c in mapped.primary_key.columns]
            found[mapped.name] = (key, names)
    return found


def rotate_all() -> dict[str, int]:
    """Re-encrypt every value; returns values rewritten per table. Commits once, at the end."""
    counts: dict[str, int] = {}
    for name, (key, names) in encrypted_columns().items():
        raw = table(name, column(key), *(column(n) for n in names))
        pk = raw.c[key]
        counts[name] = 0
        last = None
        while True:
            query = select(raw).order_by(pk).limit(BATCH)
            if last is not None:
                query = query.where(pk > last)
            rows = db.session.execute(query).all()
            if not rows:
                break
            for row in rows:
                values = {n: _rotate(getattr(row, n), name) for n in names if getattr(row, n) is not None}
                if values:
                    db.session.execute(update(raw).where(pk == getattr(row, key)).values(**values))
                    counts[name] += len(values)
            last = getattr(rows[-1], key)
    db.session.commit()
    return counts


@click.group("data")
def data_group():
    """Personal data at rest."""


@data_group.command("rotate-keys")
@with_appcontext
def rotate_keys_command():
    """Re-encrypt every encrypted column with the first key of DATA_KEY."""
    try:
        counts = rotate_all()
    except ValueError as exc:
        db.session.rollback()
        raise click.ClickException(f"nothing changed: {exc}") from None
    total = sum(counts.values())
    click.echo(f"Re-encrypted {total} values in {len(counts)} tables with the newest key.")
