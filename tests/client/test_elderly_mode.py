"""长者模式 (elderly mode): switched from a link on every page, remembered in a
cookie like the language, kept across sign-in and sign-out, in three languages."""
from __future__ import annotations

import pytest

from tests.client.test_sign_in import enter, request_code
from tests.factories import create_account, sign_in
from tests.helpers.pages import csrf_token, get_page

LABELS = {"zh_Hans": ("长者模式", "退出长者模式"), "zh_Hant": ("長者模式", "退出長者模式"),
          "en": ("Larger text mode", "Standard text size")}


def _switch(soup):
    links = soup.select("header a.mode-switch")
    assert len(links) == 1, links
    return links[0]


def _on(soup) -> bool:
    return "elderly" in (soup.html.get("class") or [])


@pytest.mark.parametrize("locale", sorted(LABELS))
def test_every_page_offers_the_switch_in_the_visitors_language(client, locale):
    client.get(f"/language/{locale}")
    for url in ("/", "/status", "/check", "/sign-in", "/staff/sign-in", "/verify"):
        soup = get_page(client, url)
        link = _switch(soup)
        assert link.get_text(strip=True) == LABELS[locale][0] and not _on(soup)
        assert link["href"] == f"/elderly-mode/on?next={url}", link["href"]
    response = client.get("/elderly-mode/on?next=/status")
    assert response.status_code == 302 and response.headers["Location"] == "/status"
    soup = get_page(client, "/status")
    assert _on(soup) and _switch(soup).get_text(strip=True) == LABELS[locale][1]
    assert _switch(soup)["href"] == "/elderly-mode/off?next=/status"
    assert soup.html["lang"] == {"zh_Hans": "zh-Hans", "zh_Hant": "zh-Hant", "en": "en"}[locale]  # language kept


def test_the_cookie_lasts_a_year_and_scripts_cannot_read_it(client):
    cookie = client.get("/elderly-mode/on").headers["Set-Cookie"]
    assert cookie.startswith("elderly=1;") and "Max-Age=31536000" in cookie
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_turning_it_off_forgets_it(client):
    client.get("/elderly-mode/on")
    assert _on(get_page(client, "/"))
    response = client.get("/elderly-mode/off?next=/check")
    assert response.headers["Location"] == "/check" and "elderly=;" in response.headers["Set-Cookie"]
    assert not _on(get_page(client, "/check"))


@pytest.mark.parametrize("state, nxt", [("maybe", "/status"), ("ON", "/"), ("on\x00", "/"), ("on", "//evil.example/x"),
                                        ("on", "https://evil.example/"), ("on", "/\\evil.example")])
def test_odd_requests_change_nothing_or_stay_on_the_site(client, state, nxt):
    response = client.get("/elderly-mode/" + state, query_string={"next": nxt})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith("//") and "evil" not in location
    assert ("elderly=1" in response.headers.get("Set-Cookie", "")) == (state == "on")


def test_kept_when_a_resident_signs_in_and_out(client):
    create_account("resident", phone="13800138000")
    client.get("/elderly-mode/on")
    assert enter(client, request_code(client)).status_code == 302
    home = get_page(client, "/home")
    assert _on(home)
    client.post("/sign-out", data={"csrf_token": csrf_token(home)})
    assert _on(get_page(client, "/"))


def test_staff_pages_follow_it_too(client):
    sign_in(client, create_account("caseworker"))
    client.get("/elderly-mode/on")
    soup = get_page(client, "/office")
    assert _on(soup) and _switch(soup)


def test_without_the_mode_the_wording_is_the_standard_one_and_plainer_with_it(client):
    """Where a plainer wording exists the resident reads it in elderly mode; nothing is dropped."""
    standard = get_page(client, "/").get_text(" ", strip=True)
    client.get("/elderly-mode/on")
    plain = get_page(client, "/").get_text(" ", strip=True)
    assert standard != plain
    for words in ("最低生活保障", "12349", "开始申请"):
        assert words in standard and words in plain


def test_outside_a_request_the_mode_is_off(app):
    """Documents and messages rendered by a command or a worker have no visitor's cookie."""
    from portal.accounts import display

    with app.app_context():
        assert display.is_on() is False
    with app.test_request_context("/", headers={"Cookie": "elderly=1"}):
        assert display.is_on() is True
