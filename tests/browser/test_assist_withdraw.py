"""Issue 16 in Chromium at 375 px (JavaScript on and off, axe-core on every page): a community
assistant withdraws a request for a resident with no smartphone, under a mandate that allows it,
from the resident's page through the resident's own withdrawal pages, and prints the notice."""
from __future__ import annotations

from datetime import timedelta

import pytest

from portal.extensions import db
from portal.models import Account, AssistanceRequest, Event
from portal.models.assist import Mandate
from portal.models.types import utcnow
from tests.browser.test_withdraw import withdraw_medical_aid
from tests.factories import create_application

pytestmark = pytest.mark.browser


def test_an_assistant_withdraws_a_request_for_a_resident_without_a_phone(phone, live_server):
    with live_server.data():
        resident = Account(role="resident", phone=None, display_name="赵大爷")
        helper = Account(role="assistant", username=f"helper-{utcnow().timestamp()}", display_name="陈协理员",
                         office_code="44030506", district_code="440305")
        db.session.add_all([resident, helper])
        db.session.commit()
        mandate = Mandate(assistant_id=helper.id, resident_account_id=resident.id, resident_name="赵大爷",
                          method="mandate_photo", allows="file,upload,submit,notices,withdraw",
                          granted_at=utcnow() - timedelta(days=1))
        db.session.add(mandate)
        db.session.commit()
        application = create_application(resident, types=("dibao", "medical"), office_code="44030506",
                                         name="赵大爷", id_number="11010519491231002X")
        reference, mandate_id, helper_id, resident_id = application.reference, mandate.id, helper.id, resident.id
        medical_id = next(r.id for r in application.requests if r.type == "medical")
    live_server.sign_in(phone.context, helper_id)
    page = phone.goto(f"/assist/residents/{mandate_id}")
    phone.check()
    page.get_by_role("link", name=f"代其撤回申请事项 {reference}").click()
    phone.check()
    assert "赵大爷" in page.locator(".notice").first.inner_text()
    withdraw_medical_aid(phone, "老人已由女儿接去同住，医疗费由女儿负担")
    with live_server.data():
        assert db.session.get(AssistanceRequest, medical_id).status == "WITHDRAWN"
        event = db.session.scalars(db.select(Event).where(Event.request_id == medical_id,
                                                          Event.action == "withdraw")).one()
        assert (event.actor_account_id, event.on_behalf_of_account_id) == (helper_id, resident_id)
    page.get_by_role("link", name="返回该居民的页面").click()
    phone.check()
    assert page.url.endswith(f"/assist/residents/{mandate_id}")
