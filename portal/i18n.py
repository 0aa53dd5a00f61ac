"""Language choice: Simplified Chinese by default, Traditional Chinese and English.

Order: the signed-in account's choice, then the visitor's cookie, then Accept-Language read
by language family (a naive best-match picks English for "zh-CN,en;q=0.5"), then the default.
"""
from __future__ import annotations

from flask import Flask, g, request
from flask_babel import get_locale

from portal.extensions import babel

LOCALES = ("zh_Hans", "zh_Hant", "en")
DEFAULT_LOCALE = "zh_Hans"
LABELS = {"zh_Hans": "简体中文", "zh_Hant": "繁體中文", "en": "English"}
HTML_LANG = {"zh_Hans": "zh-Hans", "zh_Hant": "zh-Hant", "en": "en"}
COOKIE = "lang"
_TRADITIONAL_TAGS = ("zh-tw", "zh-hk", "zh-mo", "zh-hant")


def from_accept_language(header: str | None) -> str | None:
    """The first acceptable language family in the header's own preference order."""
    if not header:
        return None
    weighted = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip().lower()
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and quality > 0:
            weighted.append((-quality, position, tag))
    for _, _, tag in sorted(weighted):
        if tag.startswith(_TRADITIONAL_TAGS):
            return "zh_Hant"
        if tag == "zh" or tag.startswith("zh-"):
            return "zh_Hans"
        if tag == "en" or tag.startswith("en-"):
            return "en"
    return None


def normalise(code: str | None) -> str | None:
    return code if code in LOCALES else None


def select_locale() -> str:
    account = getattr(g, "account", None)
    if account is not None and normalise(account.locale):
        return account.locale
    chosen = normalise(request.cookies.get(COOKIE))
    if chosen:
        return chosen
    return from_accept_language(request.headers.get("Accept-Language")) or DEFAULT_LOCALE


def current_locale() -> str:
    return str(get_locale())


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)

    @app.context_processor
    def language_context():
        code = current_locale()
        return {
            "locale_code": code,
            "html_lang": HTML_LANG.get(code, "zh-Hans"),
            "language_choices": [(c, LABELS[c], HTML_LANG[c]) for c in LOCALES],
        }
