"""Issue 16: the two design values of reporting a change and of periodic review are policy figures
(portal/data/policy/workflow.json), dated and with a source that says they are to be confirmed, shown
on the administrators' figures page; the code reads them from the policy on the day, never a constant."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from portal.calendar_notices import work_calendar
from portal.domain import changes as rules
from portal.extensions import db
from portal.models.message import Message
from portal.policy_figures import current_policy
from portal.policy_figures.shipped import shipped_entries
from tests.client.test_admin_figures import _client
from tests.client.test_changes import ANSWERS, OFFICE
from tests.factories import create_account, create_application

KEYS = (rules.LIMIT_KEY, rules.INVITE_DAYS_KEY)


@pytest.mark.parametrize("key, value", [(rules.LIMIT_KEY, 10), (rules.INVITE_DAYS_KEY, 30),
                                        ("long_term_co_residence_months", 6)])
def test_each_is_a_dated_policy_figure_marked_to_be_confirmed(app, key, value):
    [entry] = [e for e in shipped_entries() if e["key"] == key]
    assert entry["value"] == value and date.fromisoformat(entry["effective_from"]) <= date.today()
    assert entry["example"] is True and entry["source"].startswith("Design value, to confirm")
    assert current_policy().value(key, date.today()) == value


class _Policy:
    """The shipped policy with one figure changed (as a later dated entry would change it)."""

    def __init__(self, key, value):
        self.key, self.value_, self.real = key, value, current_policy()

    def value(self, key, on, *args):
        return self.value_ if key == self.key else self.real.value(key, on, *args)


def test_the_office_due_date_follows_the_figure(app, monkeypatch):
    from portal.status import changes

    on = date(2026, 9, 28)
    assert changes.due_date(on) == work_calendar().add_working_days(on, 10, allow_uncovered=True)
    monkeypatch.setattr(changes, "current_policy", lambda: _Policy(rules.LIMIT_KEY, 3))
    assert changes.due_date(on) == work_calendar().add_working_days(on, 3, allow_uncovered=True)


def test_the_invitation_window_follows_the_figure(app, monkeypatch):
    import copy

    from portal.clock import today
    from portal.status import reviews

    application = create_application(create_account("resident", phone="13800138071"), request_status="IN_PAYMENT",
                                     office_code=OFFICE, answers=copy.deepcopy(ANSWERS))
    application.requests[0].review_due_on = today() + timedelta(days=40)
    db.session.commit()
    assert reviews.send_invitations(today()) == 0  # 40 days away, the figure is 30
    monkeypatch.setattr(reviews, "current_policy", lambda: _Policy(rules.INVITE_DAYS_KEY, 45))
    assert reviews.send_invitations(today()) == 1
    assert db.session.scalars(db.select(Message).where(Message.kind == "review_invitation")).one()


@pytest.mark.parametrize("language, words", [
    ("en", ("Working days the office has to act on a change a resident reported",
            "Days before the review date that the household is invited to the review")),
    ("zh_Hans", ("街道办处理居民报告变化的期限（工作日）", "复核日期前多少天通知家庭参加复核")),
    ("zh_Hant", ("街道辦處理居民報告變化的期限（工作日）", "覆核日期前多少天通知家庭參加覆核")),
])
def test_the_figures_page_names_them_with_date_and_source(app, language, words):
    from tests.helpers.pages import get_page

    client = _client(app, create_account("admin"), language)
    page = get_page(client, "/admin/figures")
    for key, label in zip(KEYS, words):
        heading = page.find(id=f"key-{key}-440300")
        assert heading is not None and label in heading.get_text()
        section = heading.find_parent("section")
        assert "Design value, to confirm" in section.get_text()
        assert section.select_one("time")["datetime"] == "2024-01-01"
        assert section.select_one("a[href^='/admin/figures/new']") is None  # time limits stay in the data files
