"""Receipts and notices as PDF bytes, in the language the resident chose, whoever asks for them.

Templates are rendered straight from the Jinja environment (no request context processors), so
a document is the same whether a resident's request, a caseworker's decision or a script
produces it. Jinja escapes every value: a name like ``<img src=x>`` prints as those characters.
"""
from __future__ import annotations

from datetime import datetime

from flask import current_app
from flask_babel import force_locale

from portal.i18n import DEFAULT_LOCALE, LOCALES
from portal.models import Application, AssistanceRequest, Event
from portal.receipts.content import receipt_context
from portal.receipts.notice_content import notice_context
from portal.receipts.pdf import render_pdf


def document_locale(application: Application) -> str:
    return application.locale if application.locale in LOCALES else DEFAULT_LOCALE


def _render(template: str, locale: str, build) -> bytes:
    with force_locale(locale):
        context = build()
        html = current_app.jinja_env.get_template(template).render(context)
    return render_pdf(html, locale)


def receipt_pdf(application: Application, code: str, issued_at: datetime) -> bytes:
    return _render("receipts/receipt.html", document_locale(application),
                   lambda: receipt_context(application, code, issued_at))


def notice_pdf(kind: str, request: AssistanceRequest, event: Event, code: str, issued_at: datetime,
               decision: Event | None = None) -> bytes:
    return _render("receipts/notice.html", document_locale(request.application),
                   lambda: notice_context(kind, request, event, code, issued_at, decision))
