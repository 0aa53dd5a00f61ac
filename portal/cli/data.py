from __future__ import annotations

import os

import click
from flask import current_app
from flask.cli import with_appcontext

from portal.contacts.changes import load_demo_contacts
from portal.reference.demo import ensure_demo_accounts, sign_in_instructions
from portal.reference.demo_cases import load_demo_cases
from portal.reference.offices import load_offices


@click.group("reference")
def reference_group():
    """Reference data shipped with the project."""


@reference_group.command("load")
@with_appcontext
def reference_load():
    """Load (or update) Shenzhen's districts and street offices."""
    districts, offices = load_offices()
    click.echo(f"Loaded {districts} districts and {offices} street offices.")


@click.command("seed")
@click.option("--demo/--no-demo", default=True, help="Also create the demo accounts (never in production).")
@with_appcontext
def seed_command(demo: bool):
    """Load reference data and, outside production, the demo data. Safe to run again."""
    districts, offices = load_offices()
    click.echo(f"Reference data: {districts} districts, {offices} street offices.")
    if not demo:
        return
    if current_app.config["PORTAL_ENV"] == "production":
        raise click.ClickException("demo accounts are never created in production")
    ensure_demo_accounts()
    click.echo(f"Demo contact details (made up, marked demo): {load_demo_contacts()} added.")
    click.echo(f"Demo cases: {load_demo_cases()} created (existing ones kept).")
    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "5000")
    click.echo(sign_in_instructions(f"http://{host}:{port}"))
