"""`flask apply walkthrough`: pages and questions a typical household meets."""
from __future__ import annotations

import secrets
import tempfile
from pathlib import Path

import click


@click.group("apply")
def apply_group():
    """The combined application journey."""


@apply_group.command("walkthrough")
def walkthrough_command():
    """Fill the journey for a few typical households through the real views (on a throwaway
    database) and print how many pages and questions each meets; then the same for the assisted
    paths, where a community assistant or the office window files for a resident with no phone."""
    from portal import create_app
    from portal.apply import walkthrough_assisted as assisted
    from portal.apply.walkthrough import EMERGENCY_START, HOUSEHOLDS, NANSHAN_YUEHAI, emergency_first, walk
    from portal.extensions import db
    from portal.models import Account, AuthSession
    from portal.reference.offices import load_offices

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder)
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path / 'walk.sqlite3'}", "PORTAL_ENV": "testing",
                          "SECRET_KEY": secrets.token_urlsafe(32), "UPLOAD_DIR": str(path / "uploads"),
                          "INSTANCE_DIR": str(path), "SMS_SENDER": "null"})
        with app.app_context():
            db.create_all()
            load_offices()

        def signed_in(number: int, **account):
            session_id = f"walkthrough-{number}"
            with app.app_context():
                row = Account(**account)
                db.session.add(row)
                db.session.flush()
                db.session.add(AuthSession(id=session_id, account_id=row.id))
                db.session.commit()
            # Requests run outside this app context, each in its own, as in a real server.
            client = app.test_client()
            with client.session_transaction() as session:
                session["sid"] = session_id
            return client

        rows = []
        for number, make in enumerate(HOUSEHOLDS, start=1):
            household = make()
            client = signed_in(number, role="resident", phone=f"1390000{number:04d}", display_name=household.name)
            rows.append(walk(client, household))
        household = emergency_first()
        client = signed_in(80, role="resident", phone="13900000080", display_name=household.name)
        emergency_rows = [walk(client, household, start=EMERGENCY_START)]
        staff = {"office_code": NANSHAN_YUEHAI, "district_code": NANSHAN_YUEHAI[:6]}
        helper = signed_in(90, role="assistant", username="walkthrough-assistant", display_name="协理员", **staff)
        window = signed_in(91, role="caseworker", username="walkthrough-caseworker", display_name="窗口", **staff)
        photo = assisted.photo()
        assisted_rows = [assisted.walk_assistant(helper, assisted.assistant_household(), photo),
                         assisted.walk_window(window, assisted.window_household(), photo)]
        with app.app_context():
            db.engine.dispose()
    _table("Household", rows)
    click.echo("Pages: every page shown from the first question to the confirmation, check page included.")
    click.echo()
    _table("The emergency path (\"Sudden hardship?\" on the start page)", emergency_rows)
    click.echo("Pages: from the first question to the confirmation; at most 10 questions (help first, the rest later).")
    click.echo()
    _table("Someone files for a resident with no phone", assisted_rows)
    click.echo("Pages: from the first form (who the resident is) to the confirmation, consent included; "
               "a photo to choose counts as a question.")


def _table(title: str, rows) -> None:
    click.echo(f"{title:<58} {'pages':>5} {'with questions':>14} {'questions':>9}")
    for r in rows:
        click.echo(f"{r.household:<58} {r.pages:>5} {r.question_pages:>14} {r.questions:>9}")


@apply_group.command("remind-reviews")
def remind_reviews_command():
    """Text the households whose periodic review (动态管理) is near a link to confirm or update their
    answers (once per review date; run daily). The days before come from the policy."""
    from portal.clock import today
    from portal.status.reviews import send_invitations

    click.echo(f"Review invitations sent: {send_invitations(today())}")


@apply_group.command("remind-documents")
@click.option("--days", default=2, show_default=True, help="Remind this many days before the deadline.")
def remind_documents_command(days: int):
    """Text applicants whose documents are still needed before the office decides on acceptance
    (once per request; run daily)."""
    from portal.clock import today
    from portal.apply.reminders import send_reminders

    click.echo(f"Reminders sent: {send_reminders(today(), days)}")
