"""Staff screens cite the law in the reader's language: 《最低生活保障审核确认办法》第七条,
never the workflow's source keys ("S-DB Art. 7"), design notes or rules.md."""
from __future__ import annotations

import re

import pytest

from portal.extensions import db
from portal.models import Account, Application
from portal.office.queue import available, today
from portal.reference.demo import ensure_demo_accounts
from portal.reference.demo_cases import load_demo_cases
from tests.factories import sign_in
from tests.helpers.pages import get_page

SOURCE_KEYS = re.compile(r"\bS-[A-Z]{2}\b|rules\.md|\[I\]")
ENGLISH_ARTICLES = re.compile(r"\bArts?\.\s*\d|第\d+[条條]")  # "Art. 7" is English; Chinese writes 第七条


@pytest.mark.parametrize("locale", ["zh_Hans", "zh_Hant", "en"])
def test_no_source_keys_on_the_console(client, locale):
    ensure_demo_accounts()
    load_demo_cases()
    found, checked = [], 0
    for role in ("caseworker", "reviewer"):
        staff = db.session.scalars(db.select(Account).where(Account.role == role, Account.username.is_not(None))).first()
        viewer = client.application.test_client()
        sign_in(viewer, staff)
        viewer.get(f"/language/{locale}")
        pages = ["/office", "/office?status=all", "/office/sent"]
        for application in db.session.scalars(db.select(Application).where(Application.status != "draft")):
            pages.append(f"/office/cases/{application.reference}")
            for request in application.requests:
                db.session.refresh(request)
                pages += [f"/office/requests/{request.id}/actions/{a.name}"
                          for a in available(staff, request, today())]
        for url in pages:
            response = viewer.get(url)
            if response.status_code != 200:
                continue
            text = get_page(viewer, url).get_text(" ")
            checked += 1
            pattern = SOURCE_KEYS if locale == "en" else re.compile(f"{SOURCE_KEYS.pattern}|{ENGLISH_ARTICLES.pattern}")
            found += [(url, m.group(0), text[max(0, m.start() - 60):m.end() + 40]) for m in pattern.finditer(text)]
    assert not found, sorted({(m, ctx) for _u, m, ctx in found})
    assert checked > 30  # the demo cases' pages were really read


def test_a_case_page_cites_the_regulation_by_name_in_chinese(client):
    ensure_demo_accounts()
    load_demo_cases()
    staff = db.session.scalars(db.select(Account).where(Account.role == "caseworker",
                                                        Account.username.is_not(None))).first()
    sign_in(client, staff)
    client.get("/language/zh_Hans")
    texts = [get_page(client, f"/office/cases/{a.reference}").get_text(" ")
             for a in db.session.scalars(db.select(Application).where(Application.status != "draft"))
             if client.get(f"/office/cases/{a.reference}").status_code == 200]
    assert any("《最低生活保障审核确认办法》第七条" in text for text in texts)
