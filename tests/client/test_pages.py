import pytest

from tests.factories import create_account, sign_in
from tests.helpers.pages import get_page

LOCALES = {"zh_Hans": "申请社会救助", "zh_Hant": "申請社會救助", "en": "Apply for social assistance"}


def test_start_page_is_simplified_chinese_by_default(client):
    soup = get_page(client, "/")
    assert soup.html["lang"] == "zh-Hans"
    assert soup.title.get_text().startswith("申请社会救助")
    assert "12349" in soup.find("footer").get_text()
    assert soup.find("a", class_="skip-link")["href"] == "#main"


@pytest.mark.parametrize("locale, title", LOCALES.items())
def test_language_switch_is_remembered(client, locale, title):
    response = client.get(f"/language/{locale}?next=/sign-in")
    assert response.status_code == 302 and response.headers["Location"] == "/sign-in"
    soup = get_page(client, "/")
    assert soup.title.get_text().startswith(title)


def test_language_switch_on_every_page_links_all_three(client):
    soup = get_page(client, "/staff/sign-in")
    switch = soup.find("nav", class_="lang-switch")
    assert {el.get_text() for el in switch.find_all(["a", "span"])} == {"简体中文", "繁體中文", "English"}


@pytest.mark.parametrize("header, lang", [
    ("zh-CN,en;q=0.5", "zh-Hans"),
    ("en-US,en;q=0.9,zh-CN;q=0.8", "en"),
    ("zh-TW,zh;q=0.9", "zh-Hant"),
    ("zh-HK", "zh-Hant"),
    ("fr-FR,fr;q=0.9", "zh-Hans"),
    ("en;q=0.2,zh;q=0.9", "zh-Hans"),
])
def test_accept_language_is_read_by_language_family(client, header, lang):
    soup = get_page(client, "/", headers={"Accept-Language": header})
    assert soup.html["lang"] == lang


def test_external_next_is_not_followed(client):
    response = client.get("/language/en?next=https://evil.example/")
    assert response.headers["Location"] == "/"
    response = client.get("/language/en?next=//evil.example/")
    assert response.headers["Location"] == "/"


def test_unknown_language_changes_nothing(client):
    client.get("/language/xx")
    assert get_page(client, "/").html["lang"] == "zh-Hans"


@pytest.mark.parametrize("role, heading", [
    ("resident", "我的申请"), ("assistant", "我的服务对象"), ("caseworker", "街道经办工作台"),
    ("reviewer", "区级审核"), ("admin", "系统管理"),
])
def test_each_role_has_a_home(client, role, heading):
    sign_in(client, create_account(role))
    soup = get_page(client, "/home")
    assert soup.h1.get_text() == heading


def test_staff_home_shows_office_scope_in_english(client):
    sign_in(client, create_account("caseworker", office_code="44030506"))
    client.get("/language/en")
    soup = get_page(client, "/home")
    text = soup.get_text()
    assert "Yuehai Subdistrict" in text and "Nanshan District" in text


def test_not_found_page_is_friendly_and_translated(client):
    client.get("/language/en")
    soup = get_page(client, "/no-such-page", status=404)
    assert soup.h1.get_text() == "Page not found"


def test_method_not_allowed_is_friendly(client):
    soup = get_page(client, "/sign-out", status=405)
    assert soup.h1.get_text() == "此处无法进行该操作"


def test_start_page_leads_to_status_and_receipt_checks(client):
    # Issue 16: someone who has applied (or holds a paper receipt) finds both checks from the start.
    page = get_page(client, "/")
    links = {a["href"]: a.get_text(strip=True) for a in page.select("main a")}
    assert links.get("/status") == "查询申请的办理进度（无需登录）"
    assert links.get("/verify") == "核验回执或通知书的真伪"
    assert get_page(client, "/status") and get_page(client, "/verify")
