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

from tests.helpers.pages import check_html
from tests.security.conftest import clients_for
from tests.security.world import ROLES
from tests.tools.walkthrough import parse

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


# --- control characters on PostgreSQL ----------------------------------------------------------
# PostgreSQL refuses a NUL in text (psycopg: "PostgreSQL text fields cannot contain NUL (0x00)
# bytes"), where SQLite stores it; every input that can reach a plaintext column or a query
# parameter must therefore be cleaned or refused before it gets there. Every form of every page
# of the access matrix, every page of the journey, every caseworker action, every text segment
# of a URL, an upload's file name and the API get NUL and other control characters, as the
# person who may use them.

CONTROL_VALUES = ["\x00", "a\x00b", "1\x00", "a\x01b\x1f\x7f\x9f", "\x00中文\r\n\x00", "SZ-\x00ABC-DEF0-1"]
_LEAVE_ALONE = ("/sign-out", "/assist/stop", "/withdraw", "/handover", "/save", "/check/restart")


def _doer(profile: dict) -> str | None:
    """The role that may use the row's page (anonymous first: nothing to sign in)."""
    return next((role for role in ROLES if profile[role] == "ok"), None)


def _tainted(form, value: str) -> dict[str, list[str]]:
    data = form.values()
    for f in form.fields:
        if f["name"] and f["name"] != "csrf_token" and f["kind"] not in ("submit", "button", "file"):
            data[f["name"]] = [value]
    return data


def _forms_of(client, url: str) -> list:
    response = client.get(url)
    if response.status_code != 200 or response.mimetype != "text/html":
        return []
    return [f for f in parse(response.get_data(as_text=True)).forms if f.enctype is None
            and not any(part in (f.action or url) for part in _LEAVE_ALONE)]


def _sweep(client, url: str, failures: list) -> int:
    posts = 0
    for value in CONTROL_VALUES:
        for form in _forms_of(client, url):
            data, action = _tainted(form, value), form.action or url
            if form.method == "get":
                response = client.get(action, query_string={k: v[0] for k, v in data.items()})
            else:
                response = client.post(action, data=data)
            posts += 1
            if response.status_code >= 500:
                failures.append((form.method, action, value, response.status_code))
    return posts


def _string_segments(rule: str, url: str) -> list[str]:
    """``url`` with each text (not integer) segment of its rule replaced by control characters."""
    rule_parts, url_parts = rule.strip("/").split("/"), url.strip("/").split("/")
    if len(rule_parts) != len(url_parts):
        return []
    return ["/" + "/".join([*url_parts[:i], "%00" + part + "%01", *url_parts[i + 1:]])
            for i, (pattern, part) in enumerate(zip(rule_parts, url_parts))
            if pattern.startswith("<") and not pattern.startswith("<int:")]


@pytest.mark.postgres
def test_control_characters_never_reach_postgresql_as_a_server_error(pg_app):
    from portal.extensions import db
    from tests.security import matrix as M
    from tests.security import world as W

    world = W.build(pg_app)
    clients = clients_for(pg_app, world)
    failures: list = []
    posts = 0
    for (method, rule), (url, profile, data) in M.rows(world).items():
        role = _doer(profile)
        if role is None or any(part in url for part in _LEAVE_ALONE):
            continue
        client = clients[role]
        if method == "GET":
            posts += _sweep(client, url, failures)
        elif data:
            for value in CONTROL_VALUES:
                page = _forms_of(client, url)
                token = next((f.values().get("csrf_token", [""])[0] for f in page), "") if page else ""
                response = client.post(url, data={"csrf_token": token, **{k: value for k in data}})
                posts += 1
                if response.status_code >= 500:
                    failures.append((method, url, value, response.status_code))
        for tainted in _string_segments(rule, url):
            response = client.open(tainted, method=method)
            posts += 1
            if response.status_code >= 500:
                failures.append((method, tainted, "", response.status_code))
    for url in world.draft_pages:
        posts += _sweep(clients["resident_a"], url, failures)
    case = clients["caseworker_of_office"].get(f"/office/cases/{world.reference}").get_data(as_text=True)
    for url in sorted(set(re.findall(r'href="(/office/requests/\d+/actions/[a-z_]+)"', case))):
        posts += _sweep(clients["caseworker_of_office"], url, failures)
    more = {"lead": _lead_forms(world, clients, failures), "uploads": _uploads(world, clients, failures),
            "api": _api_and_headers(world, clients, failures)}
    db.session.rollback()
    print("control characters on PostgreSQL:", posts, more)
    assert failures == [], failures
    assert posts > 300 and more["lead"] >= 2 * len(CONTROL_VALUES), (posts, more)
    assert more["uploads"] >= 2 * len(CONTROL_VALUES), more


def _lead_forms(world, clients, failures: list) -> int:
    """A lead reported by an assistant, then the office's forms on it (contact, close, convert)."""
    from portal.assist.forms import HOW_FOUND, URGENCIES
    from portal.assist.leads import report
    from portal.extensions import db
    from portal.models import Account

    assistant = db.session.get(Account, world.accounts["assistant_with_consent"])
    lead = report(assistant, name="丙居民", phone=None, address="粤海街道1号", situation="独居老人",
                  urgency=URGENCIES[0], how_found=HOW_FOUND[0])
    return _sweep(clients["caseworker_of_office"], f"/office/leads/{lead.id}", failures)


def _uploads(world, clients, failures: list) -> int:
    """Every upload form (the journey's documents page, the materials page) with a file name
    and fields full of control characters; the file itself is a real PNG."""
    import io

    from tests.security.world import png_bytes

    client, posts = clients["resident_a"], 0
    pages = [u for u in world.draft_pages if "/documents" in u]
    pages.append(f"/my/applications/{world.reference}/requests/{world.request_id}/materials")
    for url in pages:
        page = client.get(url)
        for form in parse(page.get_data(as_text=True)).forms:
            if form.enctype != "multipart/form-data":
                continue
            # The documents page is one form: sent with 继续 and with a document's 上传.
            presses = [{}] + [{"upload": f["value"]} for f in form.fields
                              if f["kind"] == "submit" and f["name"] == "upload"][:1]
            for value, press in [(v, p) for p in presses for v in CONTROL_VALUES]:
                data = {k: v[0] for k, v in form.values().items()}
                data.update(press)
                data.update({f["name"]: value for f in form.fields
                             if f["kind"] in ("text", "textarea") and f["name"] != "csrf_token"})
                data.update({f["name"]: (io.BytesIO(png_bytes()), f"证件{value}.png") for f in form.fields
                             if f["kind"] == "file"})
                response = client.post(form.action or url, data=data, content_type="multipart/form-data")
                posts += 1
                if response.status_code >= 500:
                    failures.append(("upload", form.action or url, value, response.status_code))
    return posts


def _api_and_headers(world, clients, failures: list) -> int:
    """The JSON API and the headers a request carries (the verifier header, the language)."""
    client, posts = clients["anonymous"], 0
    for value in CONTROL_VALUES:
        answers = [
            client.post("/api/v1/screenings", json={"household": {"members": [{"name": value, "age": value}]},
                                                    value: value}),
            client.post("/api/v1/screenings", data=value.encode(), content_type="application/json"),
            client.get(f"/api/v1/applications/{world.reference}/status", headers={"X-Verifier": value.replace("\r\n", "")}),
            client.get("/status", headers={"Accept-Language": value.replace("\r\n", "")}),
        ]
        posts += len(answers)
        failures += [("api", value, r.status_code) for r in answers if r.status_code >= 500]
    return posts
