"""Settings from environment variables.

Development gets safe defaults (SQLite under instance/, a generated secret). Production
refuses to start without SECRET_KEY, DATABASE_URL and DATA_KEY (the encryption key for
personal data), so a forgotten variable can never silently weaken a live portal.
"""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENVIRONMENTS = ("development", "testing", "production")
REQUIRED_IN_PRODUCTION = ("SECRET_KEY", "DATABASE_URL", "DATA_KEY")


class ConfigError(RuntimeError):
    """The portal must not start with this configuration."""


def _dev_secret(instance: Path) -> str:
    """A per-checkout secret kept in instance/, so development sessions survive restarts."""
    path = instance / "dev-secret-key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _int(env: dict, name: str, default: int) -> int:
    raw = env.get(name)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from exc


def load_config(env: dict | None = None, overrides: dict | None = None) -> dict:
    """Build the Flask config mapping from ``env`` (default: os.environ) and overrides."""
    env = dict(os.environ if env is None else env)
    overrides = overrides or {}
    portal_env = overrides.get("PORTAL_ENV") or env.get("PORTAL_ENV", "development")
    if portal_env not in ENVIRONMENTS:
        raise ConfigError(f"PORTAL_ENV must be one of {', '.join(ENVIRONMENTS)}")
    production = portal_env == "production"
    if production:
        missing = [name for name in REQUIRED_IN_PRODUCTION if not env.get(name)]
        if missing:
            raise ConfigError("refusing to start in production without: " + ", ".join(missing))

    instance = Path(env.get("PORTAL_INSTANCE", PROJECT_ROOT / "instance"))
    database_url = env.get("DATABASE_URL") or f"sqlite:///{instance / 'portal.sqlite3'}"
    secret = env.get("SECRET_KEY") or (_dev_secret(instance) if portal_env == "development" else secrets.token_urlsafe(48))
    # Development data key: fixed and public on purpose, demo data only. Production must set its own.
    data_key = env.get("DATA_KEY") or "ZGV2ZWxvcG1lbnQtb25seS1rZXktbm90LWZvci1wcm9kIQ=="

    config = {
        "PORTAL_ENV": portal_env,
        "DEBUG": False,
        "TESTING": portal_env == "testing",
        "SECRET_KEY": secret,
        "DATA_KEY": data_key,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "INSTANCE_DIR": str(instance),
        "UPLOAD_DIR": env.get("UPLOAD_DIR") or str(instance / "uploads"),
        "MAX_CONTENT_LENGTH": _int(env, "MAX_UPLOAD_MB", 10) * 1024 * 1024 + 64 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "SESSION_COOKIE_NAME": "portal_session",
        # A signed-in session's absolute lifetime, on the server and on the cookie alike; the
        # idle timeout ends it sooner. The cookie is re-sent only when it changes.
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=_int(env, "SESSION_MAX_HOURS", 12)),
        "SESSION_REFRESH_EACH_REQUEST": False,
        "IDLE_TIMEOUT_MINUTES": _int(env, "IDLE_TIMEOUT_MINUTES", 30),
        "WTF_CSRF_TIME_LIMIT": _int(env, "CSRF_TIME_LIMIT_SECONDS", 8 * 3600),
        "WTF_CSRF_SSL_STRICT": production,
        # How many front servers (nginx, a load balancer) stand before the app and set
        # X-Forwarded-For and X-Forwarded-Proto; 0 trusts neither header.
        "PROXY_HOPS": _int(env, "PROXY_HOPS", 0),
        "BABEL_DEFAULT_LOCALE": "zh_Hans",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Shanghai",
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        "OTP_TTL_MINUTES": 10,
        "OTP_MAX_ATTEMPTS": 5,
        # "console" prints to the log and keeps the message in the outbox; a dotted
        # path "package.module:Class" plugs in a real SMS gateway.
        "SMS_SENDER": env.get("SMS_SENDER", "console"),
        # 家庭经济状况核对 (portal/domain/economic_check.py): "package.module:Class" plugs in the
        # verification platform; the default finds what the household declared. A difference
        # "m1:wages:3000" for the default to report is for trying the console, never production.
        "ECONOMIC_CHECK": env.get("ECONOMIC_CHECK", "portal.domain.economic_check:DeclaredFiguresCheck"),
        "ECONOMIC_CHECK_DIFFERENCE": env.get("ECONOMIC_CHECK_DIFFERENCE", "") if portal_env != "production" else "",
        "SHOW_DEV_OUTBOX": portal_env != "production",
        "HOTLINE": "12349",
        # The address residents use (https://example.gov.cn/): links in text messages and on printed
        # documents. Empty: the address the request came in on.
        "PUBLIC_URL": env.get("PUBLIC_URL", ""),
        # Uploads (journey documents, missing material, mandate photos) per hour: enough for a
        # large household with retakes; the per-client figure allows a community centre's
        # shared connection. Counted in the database, so every process shares them.
        "UPLOADS_PER_ACCOUNT": _int(env, "UPLOADS_PER_ACCOUNT", 30),
        "UPLOADS_PER_CLIENT": _int(env, "UPLOADS_PER_CLIENT", 200),
        "UPLOADS_WINDOW_SECONDS": _int(env, "UPLOADS_WINDOW_SECONDS", 3600),
    }
    config.update(overrides)
    if ":" not in str(config["ECONOMIC_CHECK"]):
        raise ConfigError("ECONOMIC_CHECK must be 'package.module:ClassName'")
    return config
