"""What an office sent to other offices: a read-only trace kept after the hand-over."""
from __future__ import annotations

from dataclasses import dataclass

from portal.domain.vocabulary import Role
from portal.extensions import db
from portal.models import Account, Application, AssistanceRequest, Event, Office
from portal.models.tracking import Transfer

LIMIT = 200


@dataclass
class SentLine:
    transfer: Transfer
    request: AssistanceRequest
    reference: str
    to_office: Office | None
    reason: str | None


def sent_by_office(account: Account) -> list[SentLine]:
    """Transfers from the caseworker's office, newest first (reviewers see their district's)."""
    query = db.select(Transfer, AssistanceRequest, Application, Event).join(
        AssistanceRequest, AssistanceRequest.id == Transfer.request_id).join(
        Application, Application.id == Transfer.application_id).join(Event, Event.id == Transfer.event_id)
    if account.role == Role.CASEWORKER:
        query = query.where(Transfer.from_office_code == account.office_code)
    else:
        query = query.join(Office, Office.code == Transfer.from_office_code).where(
            Office.district_code == account.district_code)
    rows = db.session.execute(query.order_by(Transfer.sent_at.desc(), Transfer.id.desc()).limit(LIMIT)).all()
    codes = {t.to_office_code for t, *_ in rows}
    offices = {o.code: o for o in db.session.scalars(db.select(Office).where(Office.code.in_(codes)))} if codes else {}
    return [SentLine(t, r, a.reference or "", offices.get(t.to_office_code), e.reason) for t, r, a, e in rows]
