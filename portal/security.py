"""Headers on every response, errors included: CSP, framing, sniffing, referrer, caching,
cross-origin isolation; and the front server's client address and scheme, when trusted."""
from __future__ import annotations

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def init_app(app: Flask) -> None:
    hops = int(app.config.get("PROXY_HOPS") or 0)
    if hops:
        # Behind that many front servers, the client address (rate limits) and the scheme
        # (Secure cookies, CSRF referrer check) come from their X-Forwarded-For/-Proto. Never
        # trusted without the setting: a client could otherwise claim any address.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]  # Flask's documented way

    @app.after_request
    def add_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CSP)
        headers["X-Content-Type-Options"] = "nosniff"
        headers["X-Frame-Options"] = "DENY"
        headers["Referrer-Policy"] = "same-origin"
        headers.setdefault("Permissions-Policy", "camera=(self), geolocation=(), microphone=()")
        # No other site's window keeps a handle on ours (window.opener), and no other site may
        # embed our responses (a receipt PDF, a document, the API) as its own resources.
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        headers["Cross-Origin-Resource-Policy"] = "same-origin"
        if request.endpoint == "static" and response.status_code in (200, 304):
            headers["Cache-Control"] = "public, max-age=604800"
        else:
            # Pages may carry personal data or a CSRF token: never cached by a shared phone's browser.
            headers["Cache-Control"] = "no-store"
        if app.config.get("SESSION_COOKIE_SECURE"):  # production: HTTPS only, for a year
            headers["Strict-Transport-Security"] = "max-age=31536000"
        return response
