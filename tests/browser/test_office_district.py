"""The district view in Chromium at 1280 px and 375 px, JavaScript on and off, axe-core:
a reviewer opens it from the queue, sees the charts beside their tables, corrects a wrong month,
and downloads the CSV."""
from __future__ import annotations

import secrets

import pytest

from portal.extensions import db
from portal.models import Account
from tests.factories import create_application

pytestmark = pytest.mark.browser


def _reviewer(live_server) -> int:
    with live_server.data():
        account = Account(role="reviewer", username=f"rv-district-{secrets.token_hex(4)}", display_name="区审核",
                          district_code="440310")
        db.session.add(account)
        db.session.commit()
        # 坪山区, where no other browser test files anything: this server is shared by them all.
        create_application(types=("dibao", "medical"), name="区一家", office_code="44031001")
        return account.id


def _walk(tab, live_server) -> None:
    live_server.sign_in(tab.context, _reviewer(live_server))
    page = tab.goto("/language/en?next=/office")
    page.locator("a", has_text="District figures").first.click()
    assert page.url.endswith("/office/district")
    assert page.locator("h1").inner_text() == "District figures"
    # Requests by kind, and applications per month (no decision yet: no median chart, a sentence).
    assert page.locator("figure svg.chart").count() == 2
    assert page.locator("figure", has_text="No decisions in this period.").count() == 1
    assert page.locator("table.district-table").count() == 2
    tab.check()
    # A wrong month: a message next to the field, what was typed kept, figures still shown.
    page.locator("input#start").fill("2026-13")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#start-error").is_visible()
    assert page.locator("input#start").input_value() == "2026-13"
    assert page.title().startswith("Error:")
    tab.check()
    with page.expect_download() as download:
        page.locator("a", has_text="Download these figures (CSV)").click()
    assert download.value.suggested_filename.endswith(".csv")


def test_district_view_at_a_desk(desktop, live_server):
    _walk(desktop, live_server)
    # At 1280 px the first chart stands beside its table.
    page = desktop.page
    chart, table = page.locator("figure.chart-figure").first.bounding_box(), page.locator("table.district-table").first.bounding_box()
    assert table["x"] > chart["x"] + chart["width"] - 1


def test_district_view_on_a_phone(phone, live_server):
    _walk(phone, live_server)
    page = phone.page
    chart, table = page.locator("figure.chart-figure").first.bounding_box(), page.locator("table.district-table").first.bounding_box()
    assert table["y"] >= chart["y"] + chart["height"] - 1  # stacked: the table under the chart
