"""`flask apply`: the journey's daily reminders (periodic reviews, documents still needed)."""
from __future__ import annotations

import click

from portal.apply.documents.reminders import send_reminders
from portal.clock import today
from portal.status.reviews import send_invitations


@click.group("apply")
def apply_group():
    """The combined application journey."""


@apply_group.command("remind-reviews")
def remind_reviews_command():
    """Text the households whose periodic review (动态管理) is near a link to confirm or update their
    answers (once per review date; run daily). The days before come from the policy."""
    click.echo(f"Review invitations sent: {send_invitations(today())}")


@apply_group.command("remind-documents")
@click.option("--days", default=2, show_default=True, help="Remind this many days before the deadline.")
def remind_documents_command(days: int):
    """Text applicants whose documents are still needed before the office decides on acceptance
    (once per request; run daily)."""
    click.echo(f"Reminders sent: {send_reminders(today(), days)}")
