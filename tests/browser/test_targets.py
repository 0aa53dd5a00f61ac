"""Issue 20.4: every link and control outside running text is at least 44 x 44 px, on the pages
of every role, at 375 px in Chromium; in 长者模式 (elderly mode) at least 56 x 56 px, at 375 px
and at 320 px in English, with no sideways scrolling.

The pages are the access matrix's (tests/security/matrix.py) GET pages that each role may open,
on the populated security world (tests/security/world.py), plus every page of resident A's
draft journey and a few forms submitted empty (their error summaries link to the fields).

What is measured, with getBoundingClientRect: links, buttons, inputs, selects, text areas,
summaries and anything else focusable. A checkbox or radio button counts with its label (a tap on
the label ticks it). The one exemption is WCAG 2.5.8's inline one: a link inside a sentence of a
paragraph (a <p> with words besides the link), outside the header, footer and navigation. The
skip link is measured while it has focus, when it is shown.
"""
from __future__ import annotations

import shutil
import threading
from contextlib import contextmanager

import pytest
from werkzeug.serving import make_server

from portal.extensions import db
from tests.browser.conftest import LiveServer
from tests.browser.test_apply_journey import jpeg
from tests.conftest import make_app
from tests.security import matrix as M
from tests.security import world as W

pytestmark = pytest.mark.browser

MINIMUM = 44
ELDERLY = 56  # 长者模式's targets
# Not pages: files, the API, redirects that set a cookie, the keep-alive ping.
NOT_PAGES = ("/static/", "/healthz", "/api/", ".pdf", ".csv", "/documents/", "/session/ping", "/language/",
             "/elderly-mode/", "/dev/outbox", "/reveal")
ROLES = ("anonymous", "resident_a", "assistant_with_consent", "caseworker_of_office", "reviewer", "admin")
# Forms submitted empty (or wrong) to show their error summary: (role, page).
EMPTY_SUBMITS = {"anonymous": ("/sign-in", "/status", "/staff/sign-in", "/verify", "/claim"),
                 "caseworker_of_office": ("/office/window",), "admin": ("/admin/staff/new",)}

MEASURE = """(minimum) => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], '
    + '[tabindex]:not([tabindex="-1"])';
  const words = /[\\p{L}\\p{N}]/u;
  const inSentence = (el) => {
    if (el.tagName !== 'A' || el.closest('header, footer, nav')) return false;
    const p = el.closest('p');
    if (!p) return false;
    const rest = p.textContent.replace(el.textContent, '');
    return words.test(rest);
  };
  const box = (el) => {
    let r = el.getBoundingClientRect();
    let [l, t, rt, b] = [r.left, r.top, r.right, r.bottom];
    if (el.tagName === 'INPUT' && ['checkbox', 'radio'].includes(el.type)) {
      for (const label of el.labels || []) {
        const q = label.getBoundingClientRect();
        [l, t, rt, b] = [Math.min(l, q.left), Math.min(t, q.top), Math.max(rt, q.right), Math.max(b, q.bottom)];
      }
    }
    return {w: rt - l, h: b - t, right: rt, bottom: b};
  };
  const name = (el) => {
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || el.name || '').trim().replace(/\\s+/g, ' ');
    const cls = el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    return `${el.tagName.toLowerCase()}${cls} "${text.slice(0, 30)}"`;
  };
  const offenders = [];
  const measure = (el) => {
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.closest('[hidden]')) return;
    const b = box(el);
    if (b.w <= 1 || b.h <= 1 || b.right <= 0 || b.bottom <= -window.scrollY) return;  // not shown
    if (inSentence(el)) return;
    if (b.w < minimum - 0.5 || b.h < minimum - 0.5) offenders.push(`${name(el)} ${Math.round(b.w)}x${Math.round(b.h)}`);
  };
  document.querySelectorAll(selector).forEach((el) => { if (!el.classList.contains('skip-link')) measure(el); });
  const skip = document.querySelector('.skip-link');
  if (skip) { skip.focus(); measure(skip); skip.blur(); }
  return offenders;
}"""


@pytest.fixture(scope="module")
def world_server(sqlite_template, tmp_path_factory):
    """The security world, served: (LiveServer, World)."""
    folder = tmp_path_factory.mktemp("targets-world")
    shutil.copy(sqlite_template, folder / "portal.sqlite3")
    app = make_app(f"sqlite:///{folder / 'portal.sqlite3'}", folder)
    with app.app_context():
        built = W.build(app)
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(f"http://127.0.0.1:{server.server_port}", app), built
    server.shutdown()


def pages_for(role: str, world) -> list[str]:
    """The GET pages of the access matrix ``role`` may open (public ones only for the anonymous
    visitor and the resident: the others see the same pages with the same header)."""
    urls = []
    for (method, _rule), (url, expected, _data) in sorted(M.rows(world).items()):
        if method != "GET" or expected[role] != "ok" or any(part in url for part in NOT_PAGES):
            continue
        if expected == M.PUBLIC and role not in ("anonymous", "resident_a"):
            continue
        urls.append(url)
    if role == "resident_a":
        urls += [url for url in world.draft_pages if url not in urls]
    return urls


@contextmanager
def phone_as(browser, live: LiveServer, world, role: str, elderly: bool, width: int = 375, language: str = "zh_Hans"):
    context = browser.new_context(viewport={"width": width, "height": 667}, is_mobile=True, has_touch=True,
                                  locale="zh-CN", base_url=live.url)
    context.set_default_timeout(10_000)
    try:
        if role != "anonymous":
            live.sign_in(context, world.accounts[role])
        page = context.new_page()
        page.goto(f"/language/{language}")
        if elderly:
            page.goto("/elderly-mode/on")
            assert page.locator("html.elderly").count() == 1
        if role == "assistant_with_consent":  # acts for resident A, as before opening A's pages
            page.goto(f"/assist/residents/{world.mandate_id}")
            page.locator("main form[action$='/act'] button[type=submit]").click()
        yield page
    finally:
        context.close()


def offenders_on(page, url: str, minimum: int = MINIMUM) -> list[str]:
    found = [f"{url}: {offender}" for offender in page.evaluate(MEASURE, minimum)]
    width, viewport = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    if width > viewport:
        found.append(f"{url}: sideways scrolling, {width} px wide at {viewport} px")
    return found


def walk(page, role: str, world, minimum: int = MINIMUM) -> tuple[int, list[str]]:
    found, measured = [], 0
    for url in pages_for(role, world):
        response = page.goto(url)
        if not response.headers.get("content-type", "").startswith("text/html"):
            continue
        measured += 1
        found += offenders_on(page, url, minimum)
    if role == "resident_a":  # an uploaded file is listed with its link and a remove button
        page.goto(f"/apply/{world.draft_id}/documents")
        page.locator("main input[type=file]").first.set_input_files(
            files=[{"name": "证件.jpg", "mimeType": "image/jpeg", "buffer": jpeg()}])
        with page.expect_navigation():
            page.locator("main form:has(input[type=file]) button[type=submit]").first.click()
        assert page.locator("main button.link-button").count() >= 1
        measured += 1
        found += offenders_on(page, f"/apply/{world.draft_id}/documents (a file uploaded)", minimum)
    for url in EMPTY_SUBMITS.get(role, ()):
        page.goto(url)
        # Wait for the answer to the post: on a busy machine the old page may still be there.
        with page.expect_navigation():
            page.locator("main form[method=post] button[type=submit]").last.click()
        assert page.locator(".error-summary").count() == 1, url
        measured += 1
        found += offenders_on(page, url + " (submitted empty)", minimum)
    return measured, found


@pytest.mark.parametrize("role", ROLES)
def test_every_target_is_at_least_44_px(browser, world_server, role):
    live, world = world_server
    with phone_as(browser, live, world, role, elderly=False) as page:
        measured, found = walk(page, role, world)
    assert measured >= 5, (role, measured)
    assert found == [], f"{len(found)} targets under {MINIMUM} x {MINIMUM} px:\n" + "\n".join(found)


@pytest.mark.parametrize("role, width, language", [("anonymous", 375, "zh_Hans"), ("resident_a", 375, "zh_Hans"),
                                                   ("resident_a", 320, "en"), ("caseworker_of_office", 320, "en")])
def test_targets_in_elderly_mode_are_larger_still(browser, world_server, role, width, language):
    """At 375 px, and at 320 px in English (the longest words): no sideways scrolling either."""
    live, world = world_server
    with phone_as(browser, live, world, role, elderly=True, width=width, language=language) as page:
        measured, found = walk(page, role, world, ELDERLY)
        assert page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)") >= 18
    assert found == [], f"{len(found)} targets under {ELDERLY} x {ELDERLY} px:\n" + "\n".join(found)


def test_the_check_finds_a_small_target(browser, world_server):
    """The measurement itself: a 20 px button, a lone link and a link in a sentence."""
    live, world = world_server
    with phone_as(browser, live, world, "anonymous", elderly=False) as page:
        page.goto("/")
        page.evaluate("""() => {
          const main = document.querySelector('main');
          main.insertAdjacentHTML('beforeend', '<p><a href="/x" id="alone">alone</a></p>'
            + '<p>A sentence with <a href="/y" id="inline">a link</a> in it.</p>'
            + '<button id="tiny">x</button>');
          const tiny = document.getElementById('tiny');  // CSSOM: the CSP refuses style attributes
          Object.assign(tiny.style, {height: '20px', minHeight: '0', minWidth: '0', padding: '0'});
        }""")
        found = offenders_on(page, "/")
    assert any('"alone"' in f for f in found) and any('"x" ' in f and "button" in f for f in found), found
    assert not any('"a link"' in f for f in found), found
