"""The pre-check on a phone (375 px), with JavaScript on and off, through axe-core."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_a_resident_checks_what_the_household_may_get(phone):
    page = phone.goto("/")
    phone.check()
    page.get_by_role("link", name="不用登录，先测一测可以获得哪些救助").click()
    assert page.locator("h1").inner_text() == "测一测您家可以获得哪些救助"
    phone.check()
    page.get_by_role("link", name="开始测算").click()
    phone.check()

    page.get_by_role("button", name="继续").click()
    assert page.title().startswith("错误")
    assert page.locator(".field-error").inner_text().endswith("请填写人数，范围为1到12")
    phone.check()
    page.get_by_label("您家共有几口人（包括您自己）？").fill("2")
    page.get_by_role("button", name="继续").click()

    assert page.locator("h1").inner_text() == "关于您"
    phone.check()
    page.locator("#age").fill("200")
    page.locator("#employment").select_option("unemployed")
    page.locator("#wages").fill("800")
    page.get_by_role("button", name="继续").click()
    assert "请填写0到130之间的年龄" in page.locator(".field-error").inner_text()
    assert page.locator("#wages").input_value() == "800"
    phone.check()
    page.locator("#age").fill("45")
    page.get_by_role("button", name="继续").click()

    assert page.locator(".caption").inner_text() == "第2位，共2位"
    page.locator("#relation").select_option("daughter")
    page.locator("#age").fill("12")
    page.locator("#student_stage").select_option("primary")
    page.locator("#employment").select_option("student")
    phone.check()
    page.get_by_role("button", name="继续").click()

    assert page.locator("h1").inner_text() == "家庭拥有的财产"
    page.locator("#savings").fill("1000")
    phone.check()
    page.get_by_role("button", name="继续").click()

    assert page.locator("h1").inner_text() == "您的情况"
    page.get_by_label("没有突发情况").check()
    page.locator("input[name=housing][value=no]").check()
    page.locator("input[name=supporters][value=no]").check()
    phone.check()
    page.get_by_role("button", name="查看结果").click()

    assert page.locator("h1").inner_text() == "您家可能获得的救助"
    assert "估算的最低生活保障金：每月2,160元。" in page.locator("main").inner_text()
    phone.check()
    summary = page.locator("#verdict-dibao ~ details summary")
    summary.focus()
    # The same focus ring as links and buttons: yellow outline and a dark halo.
    ring = summary.evaluate("e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineColor, s.boxShadow]; }")
    assert ring[0] == "solid" and ring[1] == "rgb(255, 221, 0)" and "rgb(11, 12, 12)" in ring[2], ring
    summary.click()
    assert page.locator("#verdict-dibao ~ details").get_attribute("open") is not None
    phone.check()
    link = page.get_by_role("link", name="用这些答案开始申请")
    assert "/apply?precheck=" in link.get_attribute("href")
