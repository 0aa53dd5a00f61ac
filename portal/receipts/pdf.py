"""HTML to PDF with WeasyPrint, confined to the portal's own files.

WeasyPrint follows every URL a document names (images, stylesheets, fonts). The fetcher here
refuses all but ``file:`` URLs inside two folders (static/ and the font subsets) and PNG images
carried inside the URL itself (``data:image/png;base64,``: the QR code), so a document can
neither read other files of the server nor reach the network, whatever text ends up in it.

Importing WeasyPrint costs about half a second, and loading the font subsets into a font
configuration about as much: both happen once per process, on the first render, and the
configuration, the fetcher and the parsed stylesheets serve every later render. WeasyPrint's
font configuration is not documented as thread-safe, so renders take turns.

The documents are laid out with a short user-agent stylesheet (user_agent.css) in place of
WeasyPrint's, which is written for every HTML element; should a WeasyPrint release stop asking
``HTML._ua_stylesheets`` for it, its own stylesheet applies again: slower, the same pages.
"""
from __future__ import annotations

import base64
import binascii
import logging
import mimetypes
import re
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from portal.config import PROJECT_ROOT
from portal.receipts import fonts

log = logging.getLogger(__name__)

STATIC_DIR = PROJECT_ROOT / "static"
STYLESHEET = STATIC_DIR / "css" / "receipt.css"
USER_AGENT_STYLESHEET = Path(__file__).with_name("user_agent.css")

# font-family by document language: the main face first, the rare-character faces after it.
FAMILIES = {
    locale: ", ".join((main, *fonts.FALLBACK_FAMILIES))
    for locale, main in (("zh_Hans", "PortalSC"), ("en", "PortalSC"), ("zh_Hant", "PortalTC"))
}


class RefusedURL(ValueError):
    """A document asked for something outside the portal's own files."""


def allowed_roots() -> tuple[Path, ...]:
    return tuple(p.resolve() for p in (STATIC_DIR, fonts.FONT_DIR))


def allowed_path(url: str, roots: tuple[Path, ...] | None = None) -> Path:
    """The local file a URL names, if it is an existing file inside ``roots``; else RefusedURL.

    Refused: every scheme but ``file:`` (http, https, ftp, data ...), ``file:`` URLs with a host,
    and paths that leave the roots (``..``, symbolic links, encoded separators).
    """
    roots = roots if roots is not None else allowed_roots()
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        raise RefusedURL("only the portal's own files may be loaded")
    path = Path(url2pathname(unquote(parts.path))).resolve()
    if not any(path.is_relative_to(root) for root in roots) or not path.is_file():
        raise RefusedURL("only the portal's own files may be loaded")
    return path


def inline_png(url: str) -> bytes | None:
    """The bytes of a ``data:image/png;base64,`` URL (the QR code), else None. No I/O either way."""
    prefix = "data:image/png;base64,"
    if not url.startswith(prefix):
        return None
    try:
        data = base64.b64decode(url[len(prefix):], validate=True)
    except (ValueError, binascii.Error):
        return None
    return data if data.startswith(b"\x89PNG\r\n\x1a\n") else None


class _Engine:
    """WeasyPrint, a fetcher, one font configuration and the parsed stylesheets, per process."""

    def __init__(self) -> None:
        # optional: its ImportError is handled here
        import weasyprint

        # optional: needs system libraries; the portal starts without them
        from weasyprint.text.fonts import FontConfiguration
        from weasyprint.urls import URLFetcher, URLFetcherResponse

        class PortalFetcher(URLFetcher):
            def fetch(self, url, headers=None):
                png = inline_png(url)
                if png is not None:
                    return URLFetcherResponse("data:image/png", png, {"Content-Type": "image/png"})
                try:
                    path = allowed_path(url)
                except RefusedURL:
                    # The URL may come from user text: log that it happened, never the URL itself.
                    log.warning("PDF rendering refused a URL outside the portal's files")
                    raise
                content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})

        user_agent = weasyprint.CSS(string=USER_AGENT_STYLESHEET.read_text(encoding="utf-8"))

        class PortalHTML(weasyprint.HTML):
            # The documents have no form fields: one short stylesheet whatever ``forms`` says.
            def _ua_stylesheets(self, forms=False):
                return [user_agent]

        self.weasyprint = weasyprint
        self.html_class = PortalHTML
        self.fetcher = PortalFetcher()
        self.font_config = FontConfiguration()
        files = fonts.font_files()
        faces = "\n".join(
            f"@font-face {{ font-family: {family}; src: url({path.resolve().as_uri()}); }}"
            for family, path in files.items()
        )
        self.font_css = weasyprint.CSS(string=faces, url_fetcher=self.fetcher, font_config=self.font_config)
        self.page_css = weasyprint.CSS(filename=str(STYLESHEET), url_fetcher=self.fetcher,
                                       font_config=self.font_config)
        self.family_css = {
            locale: weasyprint.CSS(string=f"html {{ font-family: {family}; }}", font_config=self.font_config)
            for locale, family in FAMILIES.items()
        }
        self.base_url = STATIC_DIR.resolve().as_uri() + "/"


_engine: _Engine | None = None
_lock = threading.Lock()


# In a Chinese document, text marked as the other Chinese script (``stored_text`` on a name typed
# in Simplified, in a Traditional receipt) is printed with the document's own font anyway; shaped
# with that lang, WeasyPrint's font subsetter kept the whole Traditional font (15,404 glyphs
# against a budget of 8,000 in tests/client/test_receipts_fonts.py). Paper has no screen reader,
# so the mark is dropped there; English documents keep theirs.
_OTHER_CHINESE = re.compile(r'<span lang="zh-Han[st]">')


def render_pdf(html: str, locale: str) -> bytes:
    """The PDF of an HTML document written for ``locale`` (its fonts follow the language)."""
    global _engine
    if locale.startswith("zh"):
        html = _OTHER_CHINESE.sub("<span>", html)
    with _lock:
        if _engine is None:
            _engine = _Engine()
        engine = _engine
        document = engine.html_class(string=html, base_url=engine.base_url, url_fetcher=engine.fetcher)
        stylesheets = [engine.font_css, engine.family_css.get(locale, engine.family_css["zh_Hans"]), engine.page_css]
        return document.write_pdf(stylesheets=stylesheets, font_config=engine.font_config)


def warm_up() -> None:
    """Pay the import and font loading now (benchmarks, or a server's start-up)."""
    render_pdf("<!doctype html><html lang='zh-Hans'><title>-</title><p>预热 warm</p></html>", "zh_Hans")
