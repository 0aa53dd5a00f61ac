"""Real headless Chromium (Playwright) at a phone viewport, against a live server, with axe-core."""
from __future__ import annotations

import os
import secrets
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from portal.config import PROJECT_ROOT
from portal.extensions import db
from portal.reference.offices import load_offices
from tests.conftest import make_app

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = PROJECT_ROOT / ".cache" / "node" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 800}
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


@dataclass
class LiveServer:
    url: str
    app: object

    @contextmanager
    def data(self):
        """An app context on the live server's database, for factories and checks."""
        with self.app.app_context():
            yield
            db.session.remove()

    def sign_in(self, context, account_id: int) -> str:
        """Put a new session of ``account_id`` into the browser ``context`` as the portal's signed
        session cookie, as after signing in (tests that are not about signing in skip its pages).
        Returns the session id."""
        from portal.models import AuthSession

        with self.data():
            sid = secrets.token_urlsafe(32)
            db.session.add(AuthSession(id=sid, account_id=account_id))
            db.session.commit()
        cookie = self.app.session_interface.get_signing_serializer(self.app).dumps({"sid": sid, "_permanent": True})
        context.add_cookies([{"name": self.app.config["SESSION_COOKIE_NAME"], "value": cookie,
                              "url": self.url, "httpOnly": True}])
        return sid


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("live")
    app = make_app(f"sqlite:///{folder / 'live.sqlite3'}", folder)
    with app.app_context():
        db.create_all()
        load_offices()
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(f"http://127.0.0.1:{server.server_port}", app)
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run the tests through `make test`, which installs it")
    if not AXE.exists():
        pytest.fail(f"axe-core not found at {AXE}: run the tests through `make test`, which installs it")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Phone:
    """A phone-sized browser tab; every page it checks is run through axe-core."""

    def __init__(self, browser, base_url: str, javascript: bool, locale: str = "zh-CN", viewport: dict = PHONE):
        self.browser = browser
        self.base_url = base_url
        self.javascript = javascript
        self.viewport = viewport
        mobile = viewport["width"] < DESKTOP["width"]
        self.context = browser.new_context(
            viewport=viewport, is_mobile=mobile, has_touch=mobile, locale=locale,
            java_script_enabled=javascript, base_url=base_url,
        )
        self.context.set_default_timeout(10_000)
        self.page = self.context.new_page()
        self.checked: list[str] = []

    def goto(self, path: str):
        self.page.goto(path)
        return self.page

    def check(self) -> None:
        """axe-core on the page as shown now. Without JavaScript the page cannot run axe itself,
        so the same DOM is checked in a scripted tab, with the same styles."""
        violations = run_axe(self.browser, self.page, self.javascript, self.base_url, self.viewport)
        assert violations == [], f"axe violations on {self.page.url}: {violations}"
        width = self.viewport["width"]
        assert self.page.evaluate("() => document.documentElement.scrollWidth") <= width or not self.javascript, \
            f"horizontal scrolling at {width} px on {self.page.url}"
        self.checked.append(self.page.url)

    def close(self):
        self.context.close()


def _summarise(violations: list[dict]) -> list[str]:
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in violations]


def run_axe(browser, page, javascript: bool, base_url: str, viewport: dict = PHONE) -> list[str]:
    # Injected through the DevTools protocol: the page's own CSP forbids inline scripts.
    inject = "() => { " + AXE.read_text(encoding="utf-8") + "\n; window.axe = axe; }"
    run = "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    if javascript:
        page.evaluate(inject)
        return _summarise(page.evaluate(run))
    # A click that submits a form returns once the navigation starts: wait for the new page, or
    # a busy machine hands axe the blank document in between (no title, no lang, no main).
    page.wait_for_load_state()
    html = page.content()
    snapshot = browser.new_context(viewport=viewport, is_mobile=viewport["width"] < DESKTOP["width"],
                                   java_script_enabled=True, base_url=base_url)
    try:
        copy = snapshot.new_page()
        copy.route("**/*", lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8")
                   if route.request.url == page.url else route.continue_())
        copy.goto(page.url)
        copy.evaluate(inject)
        return _summarise(copy.evaluate(run))
    finally:
        snapshot.close()


@pytest.fixture(params=[True, False], ids=["js-on", "js-off"])
def phone(request, browser, live_server):
    tab = Phone(browser, live_server.url, javascript=request.param)
    yield tab
    tab.close()


@pytest.fixture
def phone_js(browser, live_server):
    tab = Phone(browser, live_server.url, javascript=True)
    yield tab
    tab.close()


@pytest.fixture(params=[True, False], ids=["js-on", "js-off"])
def desktop(request, browser, live_server):
    """A 1280 px window (an office counter's screen), JavaScript on and off, axe on every page it checks."""
    tab = Phone(browser, live_server.url, javascript=request.param, viewport=DESKTOP)
    yield tab
    tab.close()
