"""Issue 18 item 4: a well-off household in an emergency is screened "possibly", yet its
request is still urgent and at the incident office: the means are checked after the help."""
from __future__ import annotations

from datetime import date

from portal.apply.answers import screening
from portal.extensions import db
from portal.models import Application
from tests.client.test_apply_submit import ready_to_submit, submit_form
from tests.tools.walkthrough import emergency


def test_high_income_and_savings_do_not_hold_the_urgent_flag(client):
    household = emergency()
    household.pages["income-amounts:m1"] = {"wages": "30000"}
    household.pages["savings"] = {"deposits": "900000", "securities": "0", "insurance_cash_value": "0",
                                  "receivables": "0"}
    account, check_url = ready_to_submit(client, household)
    client.post(check_url, data=submit_form(client, check_url))
    application = db.session.scalars(db.select(Application).where(Application.account_id == account.id)).one()
    [request] = application.requests
    assert (request.type, request.urgent, request.basis) == ("temp_emergency", True, "incident_location")
    assert application.urgent is True
    assert screening.verdicts(application.answers, date.today())["temp_emergency"] == "possibly"
