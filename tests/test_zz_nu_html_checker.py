"""Valid HTML: the Nu HTML checker over every page the client tests rendered.

tests/helpers/pages.check_html keeps each distinct page it checks; this file's name sorts after
every test directory, so it runs last and checks them all with one start of the checker (about
10 s for a few thousand pages). Run on its own, it renders the public pages itself.
"""
from __future__ import annotations

import re

from tests.helpers import nu
from tests.helpers.pages import RENDERED, get_page

PUBLIC = ("/", "/sign-in", "/staff/sign-in", "/status", "/verify", "/check", "/check/household")


def _where(html: str) -> str:
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    return title.group(1).strip() if title else "?"


def test_every_rendered_page_passes_the_nu_html_checker(client, tmp_path):
    if len(RENDERED) < len(PUBLIC):
        for url in PUBLIC:
            get_page(client, url)
    errors = nu.check_pages(dict(RENDERED), tmp_path / "pages")
    report = [f"{_where(RENDERED[m['url'].rsplit('/', 1)[-1].removesuffix('.html')])}: {m['message']} "
              f"[{m.get('extract', '').strip()[:80]}]" for m in errors[:25]]
    assert not errors, f"{len(errors)} errors over {len(RENDERED)} pages:\n" + "\n".join(report)
    assert len(RENDERED) >= len(PUBLIC)
