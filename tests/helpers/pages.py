"""Render a page and check what every page must have; return it parsed.

Checks: parses as HTML5 without errors, a <title>, an html lang, exactly one <h1>,
unique ids, every form control labelled, a CSRF field in every POST form.
"""
from __future__ import annotations

import hashlib
from collections import Counter

import html5lib
from bs4 import BeautifulSoup

_UNLABELLED_OK = {"hidden", "submit", "button", "reset", "image"}


class PageProblem(AssertionError):
    pass


# Every distinct page the client tests check, for the Nu HTML checker that runs once over all of
# them at the end of the session (tests/test_zz_nu_html_checker.py): one Java start, not one per page.
RENDERED: dict[str, str] = {}


def check_html(html: str) -> BeautifulSoup:
    RENDERED.setdefault(hashlib.sha1(html.encode(), usedforsecurity=False).hexdigest(), html)
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        parser.parse(html)
    except html5lib.html5parser.ParseError as exc:
        raise PageProblem(f"not valid HTML5: {exc}") from exc
    soup = BeautifulSoup(html, "html5lib")
    problems = []
    if not soup.html or not soup.html.get("lang"):
        problems.append("no lang on <html>")
    title = soup.find("title")
    if title is None or not title.get_text(strip=True):
        problems.append("no <title>")
    h1s = soup.find_all("h1")
    if len(h1s) != 1:
        problems.append(f"{len(h1s)} <h1> elements")
    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    problems += [f"duplicate id {i!r}" for i, n in ids.items() if n > 1]
    for control in soup.find_all(["input", "select", "textarea"]):
        if control.name == "input" and control.get("type", "text") in _UNLABELLED_OK:
            continue
        cid = control.get("id")
        labelled = (cid and soup.find("label", attrs={"for": cid})) or control.get("aria-label") \
            or control.get("aria-labelledby") or control.find_parent("label")
        if not labelled:
            problems.append(f"unlabelled {control.name} name={control.get('name')!r}")
    for form in soup.find_all("form"):
        if form.get("method", "get").lower() == "post" and not form.find("input", attrs={"name": "csrf_token"}):
            problems.append(f"POST form without CSRF field (action={form.get('action')!r})")
    if problems:
        raise PageProblem("; ".join(problems))
    return soup


def get_page(client, url: str, status: int = 200, **kwargs) -> BeautifulSoup:
    response = client.get(url, **kwargs)
    assert response.status_code == status, f"GET {url}: {response.status_code}, expected {status}"
    return check_html(response.get_data(as_text=True))


def csrf_token(soup: BeautifulSoup) -> str:
    field = soup.find("input", attrs={"name": "csrf_token"})
    assert field is not None, "no CSRF token on the page"
    return field["value"]


def submit(client, url: str, data: dict, status: int | None = None, form_url: str | None = None, **kwargs):
    """GET the form page (``form_url`` or ``url``), then POST ``data`` with its CSRF token."""
    soup = get_page(client, form_url or url)
    payload = {"csrf_token": csrf_token(soup), **data}
    response = client.post(url, data=payload, **kwargs)
    if status is not None:
        assert response.status_code == status, f"POST {url}: {response.status_code}, expected {status}"
    return response


def errors_of(soup: BeautifulSoup) -> list[str]:
    """The messages shown next to fields."""
    messages = []
    for p in soup.select(".field-error"):
        hidden = p.find(class_="visually-hidden")
        prefix = hidden.get_text(strip=True) if hidden else ""
        messages.append(p.get_text(strip=True).removeprefix(prefix).strip())
    return messages


def page_of(response, status: int = 200) -> BeautifulSoup:
    assert response.status_code == status, f"{response.status_code}, expected {status}"
    return check_html(response.get_data(as_text=True))
