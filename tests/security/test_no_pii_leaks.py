"""Issue 9.3: no personal data in logs, URLs or SMS text, over complete journeys.

A resident signs in with a code, fills and submits a whole application with sentinel values;
the caseworker opens the case, reveals the hidden fields and accepts it; an anonymous visitor
looks the status up. Every log record of every logger (root handler at DEBUG, console SMS
sender's output included), every URL requested or redirected to, and every SMS text in the
outbox are searched for the sentinels.
"""
from __future__ import annotations

import logging
import re
from urllib.parse import unquote

import pytest

from portal.extensions import db
from portal.models import Account, Application, Message
from tests.factories import create_account, sign_in
from tests.helpers.pages import csrf_token, get_page
from tests.security import journeys as J
from tests.tools import walkthrough as W


class Records(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record):
        text = record.getMessage()
        if record.exc_info:
            text += logging.Formatter().formatException(record.exc_info)
        self.lines.append(f"{record.name}: {text}")


class UrlRecorder:
    """Records every URL asked for and every redirect target."""

    def __init__(self, client, urls: list[str]):
        self.client, self.urls = client, urls

    def _note(self, url, response):
        self.urls.append(url)
        if "Location" in response.headers:
            self.urls.append(response.headers["Location"])
        return response

    def get(self, url, **kw):
        return self._note(url, self.client.get(url, **kw))

    def post(self, url, **kw):
        return self._note(url, self.client.post(url, **kw))


@pytest.fixture
def captured():
    handler = Records()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(old_level)


def _sign_in_with_code(client, phone: str) -> None:
    soup = get_page(client, "/sign-in")
    client.post("/sign-in", data={"csrf_token": csrf_token(soup), "phone": phone})
    body = db.session.scalars(db.select(Message).where(Message.to_phone == phone).order_by(Message.id.desc())).first().body
    code = re.search(r"\b(\d{6})\b", body).group(1)
    soup = get_page(client, "/sign-in/code")
    response = client.post("/sign-in/code", data={"csrf_token": csrf_token(soup), "code": code})
    assert response.status_code == 302


def _leaks(text: str, secrets: dict[str, str]) -> list[str]:
    text = unquote(text)
    return [label for label, value in secrets.items() if value in text or value.replace(",", "") in text]


def test_journeys_leave_no_personal_data_in_logs_urls_or_sms(app, captured, capsys):
    app.config["SMS_SENDER"] = "console"
    phone = "13512345678"
    urls: list[str] = []
    resident = UrlRecorder(app.test_client(), urls)
    _sign_in_with_code(resident.client, phone)
    result = W.walk(resident, J.sentinel_household())
    assert result.reference
    resident.get(f"/my/applications/{result.reference}")
    resident.get(f"/apply/confirmation/{result.reference}")
    resident.get("/my/messages")

    caseworker = UrlRecorder(app.test_client(), urls)
    sign_in(caseworker.client, create_account("caseworker", office_code=W.NANSHAN_YUEHAI))
    caseworker.get("/office")
    soup = get_page(caseworker.client, f"/office/cases/{result.reference}")
    response = caseworker.post(f"/office/cases/{result.reference}/reveal", data={"csrf_token": csrf_token(soup)})
    assert response.status_code == 200 and J.ID_NUMBER in response.get_data(as_text=True)
    application = db.session.scalars(db.select(Application).where(Application.reference == result.reference)).one()
    for request_row in application.requests:
        url = f"/office/requests/{request_row.id}/actions/accept"
        page = caseworker.get(url)
        if page.status_code == 200:
            soup = get_page(caseworker.client, url)
            caseworker.post(url, data={"csrf_token": csrf_token(soup), "seen": soup.find("input", attrs={"name": "seen"})["value"]
                                       if soup.find("input", attrs={"name": "seen"}) else ""})

    visitor = UrlRecorder(app.test_client(), urls)
    soup = get_page(visitor.client, "/status")
    response = visitor.post("/status", data={"csrf_token": csrf_token(soup), "reference": result.reference,
                                             "verifier": J.ID_NUMBER[-6:]})
    assert response.status_code == 200

    secrets = J.sentinels()
    sms = db.session.scalars(db.select(Message).where(Message.channel == "sms")).all()
    assert len(sms) >= 2, "expected the sign-in code and at least one notification by SMS"
    printed = capsys.readouterr()
    assert "[SMS to" in printed.out and phone not in printed.out  # the console sender masks the number
    problems = [f"log: {line[:200]}" for line in captured.lines if _leaks(line, secrets)]
    problems += [f"URL: {url}" for url in urls if _leaks(url, secrets) or _leaks(url, {"verifier": J.ID_NUMBER[-6:]})]
    problems += [f"SMS {m.kind}: {m.body}" for m in sms if _leaks(m.body, secrets) or phone in m.body]
    problems += [f"stdout: {line}" for line in (printed.out + printed.err).splitlines() if _leaks(line, secrets)]
    assert not problems, problems
    # The search itself must be able to fail: the sentinels are really in the application.
    assert application.answers["about"]["id_number"] == J.ID_NUMBER
    assert len(urls) > 40 and captured.lines is not None
    assert db.session.scalar(db.select(Account).where(Account.phone == phone)) is not None


def test_the_leak_search_finds_a_leak(captured):
    logging.getLogger("portal.test").info("looked up %s", J.ID_NUMBER)
    assert any(_leaks(line, J.sentinels()) for line in captured.lines)
