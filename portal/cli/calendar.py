"""`flask calendar show|load|recalculate`: the working-day calendar from the shell.

``load FILE`` stores a State Council notice (format: portal.calendar_notices) and recalculates
the dates of every running request, printing each one that moved; ``--dry-run`` prints the same
list and stores nothing. ``recalculate`` works the dates out again with the calendar in force
(after an upgrade, so requests saved before the provisional calendar existed get their dates).
"""
from __future__ import annotations

from pathlib import Path

import click

from portal import calendar_notices as notices
from portal.policy_figures import current_policy


def _day(value) -> str:
    return value.isoformat() if value else "-"


def _print_moves(found) -> None:
    for move in found:
        click.echo(f"  request {move.request_id} ({move.type}, {move.status}, office {move.office_code or '-'}): "
                   f"step due {_day(move.due_before)} -> {_day(move.due_after)}, "
                   f"decision due {_day(move.deadline_before)} -> {_day(move.deadline_after)}")


@click.group("calendar")
def calendar_group():
    """The working-day calendar: State Council holiday notices."""


@calendar_group.command("show")
def show_command():
    """Which years have a notice, and from when dates are provisional."""
    calendar = notices.current_calendar()
    for year in calendar.covered_years:
        click.echo(f"{year}: {calendar.years[year].source}")
    last = calendar.covered_years[-1]
    click.echo(f"from {last + 1}: provisional (weekends and statutory holidays, no make-up working days) "
               f"until the notice is loaded")


@calendar_group.command("load")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="List the requests whose dates would move; store nothing.")
def load_command(file: Path, dry_run: bool):
    """Load a State Council holiday notice (JSON) and recalculate the running requests."""
    try:
        data = file.read_bytes()
    except OSError as error:
        raise click.ClickException(f"cannot read {file}: {error.strerror}") from None
    try:
        year = notices.parse_notice(data)
    except notices.NoticeError as error:
        raise click.ClickException(f"{file} is not a notice file ({error}); see `flask calendar load --help` "
                                   f"and the README, Operating the portal") from None
    policy = current_policy()
    if dry_run:
        found = notices.preview(year, policy)
        click.echo(f"{year.year}: {len(year.holidays)} days off, {len(year.makeup_workdays)} make-up working days; "
                   f"{len(found)} running requests would move (nothing stored)")
        _print_moves(found)
        return
    result = notices.load(year, None, policy)
    verb = "replaced" if result.replaced else "loaded"
    click.echo(f"{year.year} {verb}: {year.source}; {len(result.moved)} running requests moved, one event each")
    _print_moves(result.moved)


@calendar_group.command("recalculate")
def recalculate_command():
    """Work every running request's dates out again with the calendar in force."""
    found = notices.recalculate(None, current_policy())
    click.echo(f"{len(found)} running requests moved, one event each")
    _print_moves(found)
