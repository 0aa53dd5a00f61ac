"""`flask contacts load FILE`: many offices' and authorities' contact details at once (a new
deployment has 74 offices), through the same rules and the same trail as the administration
pages (the actor is "shell")."""
from __future__ import annotations

import csv
from pathlib import Path

import click
from flask.cli import with_appcontext
from flask_babel import force_locale

from portal.clock import today
from portal.contacts import changes, labels


@click.group("contacts")
def contacts_group():
    """Contact details of street offices and deciding authorities."""


@contacts_group.command("load")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def load(path: Path):
    """Load dated changes from a UTF-8 CSV file, all or nothing.

    Columns: office_code (such as 44030506), or authority (such as civil_affairs_district) and
    district (such as 440305, or "shenzhen" for assistance_station); then address, phone,
    hours, effective_from (YYYY-MM-DD, today or later) and source.
    """
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    added, problems = changes.load_file(rows, today())
    if problems:
        with force_locale("en"):
            for line, field, code in problems:
                click.echo(f"line {line}, {field}: {labels.problem_text(code)}", err=True)
        raise click.ClickException(f"nothing loaded: {len(problems)} problem(s) in {path.name}")
    click.echo(f"Loaded {added} contact change(s) from {path.name}.")
