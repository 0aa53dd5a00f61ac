"""A database holding what the page benchmarks visit: drafts filled through the real journey.

``prepare(app)`` walks the journey's typical households (``tests.tools.walkthrough``)
through the real views, so every step page a household meets has a draft behind it:

* ``draft``: a three-person household stopped on "check your answers" (every step filled);
* ``sent``: the same household submitted (confirmation, status pages);
* a resident with nothing yet (the start page of the journey), a caseworker of the office
  the applications went to (the queue).

Sessions are server-side rows; ``Visit.sid`` is what the browser's cookie would carry.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from tests.bench.common import client_for, new_session


@dataclass
class Visit:
    draft_sid: str = ""
    sent_sid: str = ""
    empty_sid: str = ""
    caseworker_sid: str = ""
    draft_id: int = 0
    step_urls: list[str] = field(default_factory=list)  # every journey page of the draft, in order
    check_url: str = ""
    reference: str = ""
    confirmation_url: str = ""
    status_url: str = ""
    answers: list[dict] = field(default_factory=list)  # the answers of every household walked
    problems: list[str] = field(default_factory=list)


def _account(role: str, n: int, **kw) -> int:
    from portal.extensions import db
    from portal.models import Account

    if role == "resident":
        account = Account(role=role, phone=f"1380000{n:04d}", display_name=f"居民{n}", **kw)
    else:
        account = Account(role=role, username=f"bench-{role}-{n}", display_name=f"职员{n}", password_hash="!", **kw)
    db.session.add(account)
    db.session.commit()
    return account.id


def _another_family():
    """The three-person household under another ID number: one open application per household."""
    from tests.tools import walkthrough

    household = walkthrough.three_person_family()
    household.pages["name"] = {**household.pages["name"],
                               "id_number": walkthrough.resident_id("440305", "19810512", "226")}
    return household


def prepare(app) -> Visit:
    from portal.extensions import db
    from portal.models import Application
    from tests.tools import walkthrough

    visit = Visit()
    with app.app_context():
        visit.empty_sid = new_session(_account("resident", 1))
        visit.caseworker_sid = new_session(_account("caseworker", 2, office_code=walkthrough.NANSHAN_YUEHAI,
                                                    district_code=walkthrough.NANSHAN_YUEHAI[:6]))
        visit.draft_sid = new_session(_account("resident", 3))
        visit.sent_sid = new_session(_account("resident", 4))
        others = [(make, new_session(_account("resident", 10 + n))) for n, make in enumerate(walkthrough.HOUSEHOLDS)
                  if make is not walkthrough.three_person_family]

    result = walkthrough.walk(client_for(app, visit.draft_sid), walkthrough.three_person_family(), stop_at_check=True)
    visit.step_urls = [url for url in result.visited if not url.endswith("/check")]
    visit.check_url = result.visited[-1]
    visit.draft_id = int(visit.check_url.split("/")[2])

    sent = walkthrough.walk(client_for(app, visit.sent_sid), _another_family())
    visit.reference = sent.reference or ""
    visit.confirmation_url = f"/apply/confirmation/{visit.reference}"
    visit.status_url = f"/my/applications/{visit.reference}"

    for make, sid in others:
        try:
            walkthrough.walk(client_for(app, sid), make())
        except walkthrough.WalkError as exc:  # a journey change must not stop the other benchmarks
            visit.problems.append(f"{make.__name__}: {exc}")
    with app.app_context():
        visit.answers = [a.answers for a in db.session.scalars(db.select(Application).order_by(Application.id))]
    return visit
