"""What every benchmark shares: a throwaway app, signed-in clients, percentiles, result rows.

Benchmarks measure and print; they never pass or fail on time. Each module's ``run()``
returns ``Row``s that ``tests/bench/run.py`` prints as one table, and prints its own details
(per-page figures, query plans) as it goes.
"""
from __future__ import annotations

import os
import secrets
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

os.environ.setdefault("PORTAL_ENV", "testing")

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BENCH_SECRET = "bench-secret-key"


@dataclass
class Row:
    """One line of the final table: ``figure`` as printed, ``budget`` as text, ``met`` None when
    the line has no budget (a reference figure)."""

    section: str
    item: str
    figure: str
    budget: str = ""
    met: bool | None = None
    note: str = ""


def overrides(url: str, folder: Path, **extra) -> dict:
    """The configuration of a benchmark app: testing mode, no SMS, files under ``folder``."""
    config = {
        "PORTAL_ENV": "testing",
        "TESTING": False,  # errors render as they do for real visitors
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": BENCH_SECRET,
        "SMS_SENDER": "null",
        "UPLOAD_DIR": str(folder / "uploads"),
        "INSTANCE_DIR": str(folder),
        "SHOW_DEV_OUTBOX": False,
        # The look-up is rate limited per client; a benchmark is one client asking many times.
        "STATUS_LOOKUP_PER_CLIENT": 10**9,
        "STATUS_LOOKUP_PER_REFERENCE": 10**9,
    }
    config.update(extra)
    return config


def make_app(url: str, folder: Path, **extra):
    from portal import create_app

    return create_app(overrides(url, folder, **extra))


def sqlite_app(folder: Path, name: str = "bench.sqlite3", **extra):
    """A SQLite database under ``folder`` with the schema and the 74 offices."""
    from portal.extensions import db
    from portal.reference.offices import load_offices

    app = make_app(f"sqlite:///{folder / name}", folder, **extra)
    with app.app_context():
        db.create_all()
        load_offices()
    return app


def new_session(account_id: int) -> str:
    """A server-side sign-in session row for ``account_id``; returns its id (inside an app context)."""
    from portal.extensions import db
    from portal.models import AuthSession

    sid = secrets.token_urlsafe(32)
    db.session.add(AuthSession(id=sid, account_id=account_id))
    db.session.commit()
    return sid


def client_for(app, sid: str | None):
    """A test client whose cookie carries the session id, as a browser's would after sign-in."""
    client = app.test_client()
    if sid:
        with client.session_transaction() as session:
            session["sid"] = sid
    return client


def session_cookie(app, sid: str | None) -> str:
    """The cookie a returning browser sends for session ``sid`` (for Lighthouse and wrk): the
    session id and the CSRF secret Flask-WTF keeps there, so pages need not set a new cookie."""
    serializer = app.session_interface.get_signing_serializer(app)
    data = {"csrf_token": secrets.token_hex(20)}
    if sid:
        data["sid"] = sid
    return f"{app.config['SESSION_COOKIE_NAME']}={serializer.dumps(data)}"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def timed(call: Callable[[], object], runs: int, warm: int = 3) -> tuple[float, float, float]:
    """(p50, p95, mean) in milliseconds of ``call`` over ``runs`` runs after ``warm`` warm-ups."""
    for _ in range(warm):
        call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return percentile(times, 50), percentile(times, 95), statistics.fmean(times)


def machine() -> str:
    """One line naming the machine the figures come from."""
    import platform

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){memory}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def heading(text: str) -> None:
    print(f"\n=== {text} ===", flush=True)
