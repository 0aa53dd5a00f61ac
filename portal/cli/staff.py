"""`flask staff`: staff accounts from the shell, so a fresh deployment (no demo data) can make
its first administrator. The same services as the administration pages, the same trail
(the actor is "shell" and the operating-system user)."""
from __future__ import annotations

import click
from flask.cli import with_appcontext
from flask_babel import force_locale

from portal.admin import staff
from portal.admin.labels import problem_text
from portal.domain.staff import CODE_HOURS, STAFF_ROLES


def _account(username: str):
    account = staff.find_by_username(username)
    if account is None or account.role not in STAFF_ROLES:
        raise click.ClickException(f"no staff account with the username {username!r}")
    return account


def _problem(problem: staff.StaffProblem) -> click.ClickException:
    with force_locale("en"):
        return click.ClickException(problem_text(problem.code))


def _show_code(account, code: str) -> None:
    click.echo(f"One-time code for {account.username}: {code}")
    click.echo(f"It works once, for {CODE_HOURS} hours: sign in at /staff/sign-in with the username and "
               "this code as the password, then choose a password. It is not stored; keep it private.")


@click.group("staff")
def staff_group():
    """Staff accounts: create, disable, enable, reset."""


@staff_group.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(STAFF_ROLES), required=True)
@click.option("--name", "display_name", required=True, help="The name colleagues and case records show.")
@click.option("--office", "office_code", help="Street office code (assistants and caseworkers), e.g. 44030506.")
@click.option("--district", "district_code", help="District code (reviewers), e.g. 440305.")
@with_appcontext
def create(username, role, display_name, office_code, district_code):
    """Create a staff account and print its one-time set-password code."""
    try:
        account, code = staff.create_staff(None, username, display_name, role, office_code, district_code)
    except staff.StaffProblem as problem:
        raise _problem(problem) from None
    click.echo(f"Created {account.role} {account.username} ({account.display_name}).")
    _show_code(account, code)


@staff_group.command("disable")
@click.argument("username")
@with_appcontext
def disable(username):
    """Disable an account; every session it has ends at once."""
    account = _account(username)
    try:
        ended = staff.disable(None, account)
    except staff.StaffProblem as problem:
        raise _problem(problem) from None
    click.echo(f"Disabled {account.username}; sessions ended: {ended}.")


@staff_group.command("enable")
@click.argument("username")
@with_appcontext
def enable(username):
    """Re-enable a disabled account."""
    account = _account(username)
    changed = staff.enable(None, account)
    click.echo(f"Re-enabled {account.username}." if changed else f"{account.username} was already active.")


@staff_group.command("reset")
@click.argument("username")
@with_appcontext
def reset(username):
    """Reset a password: the old one stops working; prints a new one-time code."""
    account = _account(username)
    try:
        code = staff.reset_password(None, account)
    except staff.StaffProblem as problem:
        raise _problem(problem) from None
    _show_code(account, code)
