"""长者模式 (elderly mode) in Chromium at 375 px, JavaScript on and off: switched on
from the page's own link, then the resident's whole journey (tests/browser/test_apply_journey.py)
with every page axe-clean, in elderly mode, with body text of at least 18 px, headings in
proportion and every target at least 56 px; the same words as in the standard mode."""
from __future__ import annotations

import pytest

from tests.browser.test_apply_journey import fresh, jpeg, signed_in, walk_in_browser
from tests.browser.test_targets import MEASURE
from tests.tools.walkthrough import three_person_family

pytestmark = pytest.mark.browser

LARGER = 56  # elderly mode's targets (44 px in the standard mode)
SIZES = """() => {
  const px = (selector) => { const e = document.querySelector(selector); return e ? parseFloat(getComputedStyle(e).fontSize) : 0; };
  return {body: px('body'), main: px('main p, main label, main li'), h1: px('h1')};
}"""


class ElderlyPhone:
    """Wraps the phone fixture: every page checked by axe-core is also checked for elderly mode."""

    def __init__(self, phone):
        self.phone, self.pages = phone, 0

    def __getattr__(self, name):
        return getattr(self.phone, name)

    def goto(self, path: str):
        return self.phone.goto(path)

    def check(self) -> None:
        self.phone.check()
        page = self.phone.page
        assert page.locator("html.elderly").count() == 1, page.url
        sizes = page.evaluate(SIZES)
        assert sizes["body"] >= 18 and sizes["main"] >= 18, (page.url, sizes)
        assert sizes["h1"] >= 1.5 * sizes["body"], (page.url, sizes)
        small = page.evaluate(MEASURE, LARGER)
        assert small == [], (page.url, small)
        self.pages += 1


def switch_on(phone) -> None:
    page = phone.goto("/")
    link = page.locator("header a.mode-switch")
    assert link.inner_text() == "长者模式"
    standard = page.evaluate(SIZES)
    # The switch leads back to the same address: wait for the new page, not just any "/".
    with page.expect_navigation():
        link.click()
    assert page.url.endswith("/") and page.locator("html.elderly").count() == 1
    assert page.locator("header a.mode-switch").inner_text() == "退出长者模式"
    larger = page.evaluate(SIZES)
    assert larger["body"] >= 18 > standard["body"] and larger["h1"] > standard["h1"], (standard, larger)


def test_the_resident_journey_in_elderly_mode(phone, live_server):
    signed_in(phone, live_server)
    switch_on(phone)
    elderly = ElderlyPhone(phone)
    page = walk_in_browser(elderly, fresh(three_person_family()), uploads={"disability_cert:m3": jpeg()})
    assert page.locator("h1").inner_text() == "申请已提交"
    assert elderly.pages >= 25, elderly.pages
    # Nothing is lost: the confirmation says the same in both modes.
    in_elderly_mode = page.locator("main").inner_text()
    with page.expect_navigation():
        page.locator("header a.mode-switch").click()
    assert page.locator("html.elderly").count() == 0 and "apply/confirmation/" in page.url
    assert page.locator("main").inner_text() == in_elderly_mode
    phone.check()


def test_start_page_in_plainer_words_loses_nothing(phone, live_server):
    page = phone.goto("/")
    standard = [li.inner_text() for li in page.locator("ol.steps li").all()]
    links = page.locator("main a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    switch_on(phone)
    ElderlyPhone(phone).check()
    plain = [li.inner_text() for li in page.locator("ol.steps li").all()]
    assert len(plain) == len(standard) == 3 and plain != standard
    assert "任何手机" in plain[0] and "回执" in plain[2]
    assert page.locator("main a").evaluate_all("links => links.map(a => a.getAttribute('href'))") == links
