"""Issue 9.5: hostile values posted to every form, as the person who may use it.

Every form of the world (anonymous pages, each page of resident A's draft, the caseworker's
actions) gets property-based values (hypothesis): very long strings, control characters,
emoji, mixed scripts, SQL and HTML fragments, numbers far out of range. The answer must never
be a server error; it is either a page that says what is wrong next to a field (or in the
error summary), or the value is accepted and shown back exactly as typed.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.apply.walkthrough import parse
from tests.helpers.pages import check_html
from tests.security.conftest import clients_for

HOSTILE = [
    "'; DROP TABLE applications; --", "\" OR 1=1 --", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "{{ 7*7 }}", "${jndi:ldap://x}", "../../etc/passwd", "%00", "\u202e\u202d", "😀👨‍👩‍👧‍👦", "张三 O'Brien Müller محمد",
    "-1", "0", "1e308", "99999999999999999999999999", "NaN", "-0.0000001", "１２３", "٣٤٥", " ", "",
    "x" * 5000, "中" * 2000, "\x00", "a\x01b\x1fc\x7f", "\r\n\r\n", "\t", "4403051990010112345",
]
CONTROL = st.characters(min_codepoint=0, max_codepoint=0x1F)
VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=300),
    st.text(alphabet=st.one_of(CONTROL, st.sampled_from("中文繁體😀'\"<>&;%")), max_size=60),
    st.integers(min_value=-10**30, max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
# Typed control characters are echoed back into the re-shown form (reported: the forms do not strip
# them); they are removed before the page checker, which refuses such code points.
_C0 = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef]|[\ufffe\uffff\U0001fffe\U0001ffff"
                 "\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe-\U0010ffff]")
SKIP_FIELDS = {"csrf_token", "submission_token", "seen", "then", "more", "next"}
_PAGE_FORMS_TO_SKIP = ("/sign-out", "/language/", "/save", "/remove", "/documents/upload", "/check/restart")


def main_form(html: str):
    page = parse(html)
    forms = [f for f in page.forms if f.method == "post" and f.enctype is None
             and not any(part in (f.action or "") for part in _PAGE_FORMS_TO_SKIP)]
    return forms[-1] if forms else None


def _said_what_is_wrong(soup) -> bool:
    return bool(soup.select(".field-error") or soup.select(".error-summary") or soup.select(".notice"))


def fuzz(client, url: str, examples: int) -> int:
    """Post hostile values to the form of ``url``; returns how many posts were made."""
    first = client.get(url)
    if first.status_code != 200 or first.mimetype != "text/html":
        return 0
    form = main_form(first.get_data(as_text=True))
    if form is None:
        return 0
    names = sorted({f["name"] for f in form.fields if f["name"] and f["name"] not in SKIP_FIELDS
                    and f["kind"] not in ("submit", "button", "file")})
    if not names:
        return 0
    posts = []

    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(st.fixed_dictionaries({name: VALUES for name in names}))
    def attempt(values):
        response = client.get(url)
        page_form = main_form(response.get_data(as_text=True)) or form
        data = page_form.values()
        data.update({name: [value] for name, value in values.items()})
        action = page_form.action or url
        response = client.post(action, data=data)
        posts.append(action)
        assert response.status_code < 500, f"POST {action} {values!r}: {response.status_code}"
        if response.status_code in (301, 302, 303):
            return
        if response.mimetype != "text/html":
            return
        soup = check_html(_C0.sub("", response.get_data(as_text=True)))
        assert _said_what_is_wrong(soup) or response.status_code >= 400 or _shows_values(soup, values), \
            f"POST {action} {values!r}: {response.status_code} without a message"

    attempt()
    return len(posts)


def _shows_values(soup, values: dict) -> bool:
    """Accepted and shown back: every text field shows what was typed."""
    for name, value in values.items():
        field = soup.find(["input", "textarea"], attrs={"name": name})
        if field is None or field.name == "input" and field.get("type") in ("radio", "checkbox"):
            continue
        shown = field.get_text() if field.name == "textarea" else field.get("value", "")
        if shown.strip() != value.strip():
            return False
    return True


ANONYMOUS_FORMS = ["/sign-in", "/staff/sign-in", "/status", "/verify", "/check/household", "/check/person/1",
                   "/check/property", "/check/circumstances"]


@pytest.fixture
def hostile(world_app):
    app, world = world_app
    return app, world, clients_for(app, world)


def test_anonymous_forms_survive_hostile_values(hostile):
    app, world, clients = hostile
    counts = {url: fuzz(clients["anonymous"], url, 12) for url in ANONYMOUS_FORMS}
    # The later pre-check pages open only after the household page is answered: 0 posts is fine there.
    assert all(counts[url] for url in ANONYMOUS_FORMS[:5]), counts


def test_every_page_of_the_application_survives_hostile_values(hostile):
    app, world, clients = hostile
    pages = [url for url in world.draft_pages if "/documents" not in url]
    counts = {url: fuzz(clients["resident_a"], url, 8) for url in pages}
    assert sum(counts.values()) >= 8 * 15, counts


def test_caseworker_actions_survive_hostile_values(hostile):
    app, world, clients = hostile
    case = clients["caseworker_of_office"].get(f"/office/cases/{world.reference}").get_data(as_text=True)
    actions = sorted(set(re.findall(r'href="(/office/requests/\d+/actions/[a-z_]+)"', case)))
    assert actions, "the case page links to no action"
    counts = {url: fuzz(clients["caseworker_of_office"], url, 8) for url in actions}
    assert sum(counts.values()) > 0, counts


def test_hostile_values_are_stored_exactly_or_refused(hostile):
    """A free-text answer comes back exactly as typed, or is refused with a message."""
    app, world, clients = hostile
    client = clients["resident_a"]
    url = next(u for u in world.draft_pages if u.endswith("/address"))
    for value in ["<script>alert(1)</script> 1号", "'; DROP TABLE x; --", "😀 深圳 Ünïcödé", "中" * 150]:
        form = main_form(client.get(url).get_data(as_text=True))
        data = form.values()
        data["address"] = [value]
        response = client.post(url, data=data)
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            shown = check_html(client.get(url).get_data(as_text=True)).find(["input", "textarea"], attrs={"name": "address"})
            text = shown.get_text() if shown.name == "textarea" else shown["value"]
            assert text == value
        else:
            assert _said_what_is_wrong(check_html(response.get_data(as_text=True)))
