"""The new questions in real Chromium at 375 px, JavaScript on and off, axe-core on every page:
family outside the household who must support the applicant (journey and pre-check), with a
mistake shown next to its field."""
from __future__ import annotations

import pytest

from tests.browser.test_apply_journey import fresh, signed_in, walk_in_browser
from tests.tools.walkthrough import permit_holder

pytestmark = pytest.mark.browser


def test_the_supporter_pages_of_the_journey(phone, live_server):
    signed_in(phone, live_server)
    page = walk_in_browser(phone, fresh(permit_holder()), until="/supporter-details")
    assert page.locator("h1").inner_text() == "家庭以外的法定义务人"
    page.locator("#relation_1").select_option("parent")
    page.locator("#situation_1").select_option("none")
    page.locator("#property_1").select_option("yes")
    page.get_by_role("button", name="保存并继续").click()
    assert page.locator(".field-error").inner_text().endswith("请填写其年龄（周岁）")
    assert page.locator("#relation_1").input_value() == "parent"
    phone.check()
    page.locator("#age_1").fill("66")
    page.get_by_role("button", name="再添加一人").click()
    assert page.locator("#relation_2").count() == 1 and page.locator("#age_1").input_value() == "66"
    phone.check()
    page.get_by_role("button", name="保存并继续").click()
    phone.check()
    assert "supporter-details" not in page.url


def test_the_supporter_page_of_the_pre_check(phone):
    page = phone.goto("/check/household")
    page.locator("#size").fill("1")
    page.get_by_role("button", name="继续").click()
    page.locator("#age").fill("76")
    page.locator("#employment").select_option("retired")
    page.get_by_role("button", name="继续").click()
    page.get_by_role("button", name="继续").click()
    page.get_by_label("没有突发情况").check()
    page.locator("input[name=housing][value=no]").check()
    page.locator("input[name=supporters][value=yes]").check()
    page.get_by_role("button", name="查看结果").click()
    assert page.locator("h1").inner_text() == "家庭以外的法定义务人"
    phone.check()
    page.get_by_role("button", name="查看结果").click()
    assert page.locator(".field-error").first.inner_text().endswith("请选择这个人和您的关系")
    phone.check()
    page.locator("#relation_1").select_option("child")
    page.locator("#age_1").fill("45")
    page.locator("#situation_1").select_option("receives_tekun")
    page.locator("#property_1").select_option("yes")
    page.get_by_role("button", name="查看结果").click()
    assert page.locator("h1").inner_text() == "您家可能获得的救助"
    phone.check()


def test_the_time_without_work_page_of_the_journey(phone, live_server):
    signed_in(phone, live_server)
    page = walk_in_browser(phone, fresh(permit_holder()), until="/member-unemployed/m1")
    assert page.locator("h1").inner_text() == "您的失业情况"
    phone.check()
    page.locator("input[name=insured][value=no]").check()
    page.locator("#months").fill("五个月")
    page.get_by_role("button", name="保存并继续").click()
    assert page.locator(".field-error").inner_text().endswith("请填写0到1200之间的整数月数，例如4")
    assert page.locator("#months").input_value() == "五个月"
    assert page.locator("input[name=insured][value=no]").is_checked()
    phone.check()
    page.locator("#months").fill("5")
    page.get_by_role("button", name="保存并继续").click()
    assert "member-unemployed" not in page.url
