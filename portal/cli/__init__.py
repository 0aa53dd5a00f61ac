"""Flask CLI commands: reference and demo data, translations, the working-day calendar."""
from __future__ import annotations

from flask import Flask

from portal.cli.calendar import calendar_group
from portal.cli.data import reference_group, seed_command
from portal.cli.data_keys import data_group
from portal.cli.translate import translate_group


def register_cli(app: Flask) -> None:
    app.cli.add_command(seed_command)
    app.cli.add_command(reference_group)
    app.cli.add_command(translate_group)
    app.cli.add_command(data_group)
    app.cli.add_command(calendar_group)
    app.cli.add_command(__import__("portal.cli.contacts", fromlist=["contacts_group"]).contacts_group)
    app.cli.add_command(__import__("portal.cli.staff", fromlist=["staff_group"]).staff_group)
    app.cli.add_command(__import__("portal.apply.cli", fromlist=["apply_group"]).apply_group)
