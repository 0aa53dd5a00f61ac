"""Throughput as a ratio: the heaviest signed-in journey page against a trivial route, same server.

Run: .venv/bin/python -m tests.bench.bench_throughput [--seconds 10] [--connections 32]

1. In-process, every step page of a filled draft is timed (the whole WSGI call, signed in);
   the slowest is "the heaviest journey page" (a draft loaded from the database, decrypted,
   a form with CSRF rendered).
2. That page is profiled (cProfile, 100 requests) and the functions where time goes printed;
   then its CPU time is split into stages with plain CPU timers (no profiler distortion).
3. gunicorn (2 sync workers, one per core; configuration as in production: no debug, no
   template reloading) serves the app on SQLite; wrk runs for the same time at the same
   concurrency against ``/bench/plain`` (a string: same app, hooks and server) and against
   the heavy page, with a signed-in cookie, in alternating turns. Printed: both requests per
   second, the server CPU per request, and their ratios. Issue 10 aims at 0.5 or better (a
   bare Flask-WTF form page made about 0.22).
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.bench.common import (
    PROJECT_ROOT,
    Row,
    client_for,
    heading,
    percentile,
    session_cookie,
    sqlite_app,
)


def slowest_step(app, visit, runs: int = 15) -> tuple[str, list[tuple[str, float]]]:
    """The journey page that costs the server most CPU (process time: on a shared machine wall
    time mostly measures waiting for a processor), and the p50 CPU milliseconds of every page.
    The pages are timed in turns, one request each per round, so that a burst of load from
    elsewhere falls on all of them alike instead of on whichever page was being timed."""
    client = client_for(app, visit.draft_sid)
    urls = list(dict.fromkeys(visit.step_urls + [visit.check_url]))
    times: dict[str, list[float]] = {url: [] for url in urls}
    for url in urls:
        client.get(url)
    for _ in range(runs):
        for url in urls:
            start = time.process_time()
            client.get(url)
            times[url].append((time.process_time() - start) * 1000)
    timings = sorted(((url, percentile(values, 50)) for url, values in times.items()), key=lambda t: -t[1])
    # The check page is a summary, not a form page; the heaviest *form* page is the yardstick.
    step = next(url for url, _ in timings if not url.endswith("/check"))
    return step, timings


_GROUPS = ("sqlalchemy", "jinja2", "flask_babel", "babel", "werkzeug", "wtforms", "flask_wtf", "flask", "cryptography",
           "markupsafe", "itsdangerous", "sqlite3", "psycopg", "json", "/templates/", "/portal/")


def profile(app, visit, url: str, requests: int = 100) -> str:
    """Where the CPU goes on ``url``: share by package (own time), then the portal's own functions."""
    client = client_for(app, visit.draft_sid)
    client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        client.get(url)
    profiler.disable()
    stats = pstats.Stats(profiler).stats
    groups: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, own, _cum, _callers) in stats.items():
        group = next((g.strip("/") for g in _GROUPS if g in filename), "python and other")
        groups[group] = groups.get(group, 0.0) + own
    total = sum(groups.values()) or 1.0
    lines = ["  share of CPU by package (own time; the test client's share is werkzeug):"]
    lines += [f"    {share / total * 100:5.1f}%  {group}" for group, share in sorted(groups.items(), key=lambda g: -g[1])[:12]]
    portal = sorted(((cum, f"{Path(f).relative_to(PROJECT_ROOT)}:{line} {name}")
                     for (f, line, name), (_cc, _nc, _own, cum, _c) in stats.items()
                     if f.startswith(str(PROJECT_ROOT / "portal"))), reverse=True)[:12]
    lines.append("  the portal's functions by cumulative time (share of the request):")
    request_total = max((cum for (f, _l, name), (_a, _b, _c, cum, _d) in stats.items() if name == "wsgi_app"),
                        default=total)
    lines += [f"    {cum / request_total * 100:5.1f}%  {where}" for cum, where in portal]
    return "\n".join(lines)


# Stages of a journey page, timed by wrapping the functions the step view calls through their
# modules (so a wrapper set on the module is what runs): (label, module, attribute).
_STAGES = (
    ("load the draft (query, decrypt answers)", "portal.apply.access", "find_or_404"),
    ("journey navigation (page needed?, back link)", "portal.apply.journey.navigation", "available"),
    ("journey navigation (page needed?, back link)", "portal.apply.journey.navigation", "back_url"),
    ("upload slots (documents page: 1 query, a form each)", "portal.apply.views", "_upload_forms"),
    ("render templates (base, page, form macros, CSRF token)", "portal.apply.views", "render_template"),
)


def breakdown(app, visit, url: str, requests: int = 200) -> str:
    """Server CPU of ``url`` by stage, without a profiler's distortion: each stage's function
    is wrapped with a CPU timer, the WSGI app is called directly (no test client), and what
    no stage accounts for is Flask's and Werkzeug's request handling (routing, the signed
    session cookie, the request context, the response)."""
    import importlib
    from collections import defaultdict

    from werkzeug.test import EnvironBuilder

    spent: dict[str, float] = defaultdict(float)

    def timed_call(label, function):
        def wrapper(*args, **kwargs):
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[label] += time.process_time() - start
        return wrapper

    cookie = session_cookie(app, visit.draft_sid)
    environ = EnvironBuilder(path=url, headers={"Cookie": cookie}).get_environ()

    def call():
        body = app.wsgi_app(dict(environ), lambda *a: None)
        b"".join(body)
        if hasattr(body, "close"):
            body.close()

    patched = []
    for label, module_name, name in _STAGES:
        module = importlib.import_module(module_name)
        original = getattr(module, name)
        patched.append((module, name, original))
        setattr(module, name, timed_call(label, original))
    from portal.apply.pages.registry import PAGES

    page = PAGES.get(url.split("/")[3]) if url.count("/") >= 3 else None
    for name in ("form_class", "load") if page is not None else ():
        setattr(page, name, timed_call("the page's form class and its data", getattr(page, name)))
    hooks = [(funcs, i, f) for funcs in (app.before_request_funcs.get(None, []), app.after_request_funcs.get(None, []),
                                         app.teardown_appcontext_funcs) for i, f in enumerate(funcs)]
    hook_labels = {"_load_account": "sign-in session and account (one query)",
                   "_teardown_session": "end the database session (roll back, return the connection)"}
    for funcs, i, f in hooks:
        funcs[i] = timed_call(hook_labels.get(f.__name__, "other request hooks (CSRF check, security headers)"), f)
    endpoint = app.url_map.bind("localhost").match(url)[0]
    view = app.view_functions[endpoint]
    app.view_functions[endpoint] = timed_call("view", view)
    try:
        for _ in range(20):
            call()
        spent.clear()
        start = time.process_time()
        for _ in range(requests):
            call()
        total = (time.process_time() - start) * 1000 / requests
    finally:
        for module, name, original in patched:
            setattr(module, name, original)
        for funcs, i, f in hooks:
            funcs[i] = f
        app.view_functions[endpoint] = view
        for name in ("form_class", "load") if page is not None else ():
            page.__dict__.pop(name, None)
    in_view = spent.pop("view")
    rows = sorted(((v * 1000 / requests, k) for k, v in spent.items()), reverse=True)
    inside = sum(v for k, v in spent.items() if k in {label for label, _m, _n in _STAGES}
                 or k == "the page's form class and its data")
    rows.append(((in_view - inside) * 1000 / requests, "the view's own code (form object filled, checks)"))
    rows.append((total - sum(ms for ms, _ in rows), "Flask/Werkzeug: routing, request context, signed session cookie, "
                                                    "response"))
    lines = [f"  server CPU per request, called in-process without a test client: {total:.2f} ms"]
    lines += [f"    {ms:5.2f} ms  {label}" for ms, label in rows]
    return "\n".join(lines)


@dataclass
class Wrk:
    rate: float  # requests per second
    requests: int
    bad: int  # responses other than 2xx/3xx
    latency: str  # wrk's "avg stdev max" line
    cpu_ms: float = 0.0  # server CPU per request (gunicorn master and workers), when measured


def wrk(url: str, seconds: int, connections: int, cookie: str | None = None, server=None) -> Wrk:
    """One wrk run; with ``server``, also the server's CPU time per request."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    before = server.cpu_seconds() if server else 0.0
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    used = server.cpu_seconds() - before if server else 0.0
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    latency = re.search(r"^\s*Latency\s+(.*)$", out, re.M)
    return Wrk(rate, requests, int(bad.group(1)) if bad else 0, " ".join(latency.group(1).split()[:3]) if latency else "",
               used * 1000 / requests if requests else 0.0)


def combined(runs: list[Wrk]) -> Wrk:
    """Several wrk runs of one URL as one: requests per second over their total time."""
    requests = sum(r.requests for r in runs)
    seconds = sum(r.requests / r.rate for r in runs if r.rate)
    cpu = sum(r.cpu_ms * r.requests for r in runs)
    return Wrk(requests / seconds if seconds else 0.0, requests, sum(r.bad for r in runs), runs[-1].latency,
               cpu / requests if requests else 0.0)


def run(app=None, visit=None, folder: Path | None = None, seconds: int = 10, connections: int = 32) -> list[Row]:
    from tests.bench.server import Gunicorn

    heading("Server throughput: heaviest journey page / trivial route (gunicorn, 2 sync workers, wrk)")
    own = None
    if app is None:
        from tests.bench import journey

        own = tempfile.TemporaryDirectory(prefix="bench-throughput-")
        folder = Path(own.name)
        app = sqlite_app(folder)
        visit = journey.prepare(app)
    try:
        step, timings = slowest_step(app, visit)
        print("In-process server CPU time of the journey pages (p50, signed in, SQLite), the heaviest:")
        for url, ms in timings[:6]:
            print(f"  {ms:6.1f} ms  {url}")
        print(f"  ... {len(timings)} pages; the heaviest form page: {step}")
        print(f"\nWhere the time goes on {step} (cProfile, 100 requests):")
        print(profile(app, visit, step))
        print(f"\nThe same page by stage (CPU timers, {step}):")
        print(breakdown(app, visit, step))
        if shutil.which("wrk") is None:
            print("wrk is not installed (make bench installs it): no throughput figures")
            return [Row("Throughput", "wrk missing", "-", ">= 0.5", False)]
        cookie = session_cookie(app, visit.draft_sid)
        with Gunicorn(app.config["SQLALCHEMY_DATABASE_URI"], folder) as server:
            wrk(server.url + "/bench/plain", 2, connections)  # warm both workers
            wrk(server.url + step, 2, connections, cookie)
            # In turns (trivial, heavy, trivial, heavy...), so that load from elsewhere on a shared
            # machine falls on both sides of the ratio alike.
            turns = max(1, seconds // 3)
            plain_runs, heavy_runs = [], []
            for _ in range(turns):
                plain_runs.append(wrk(server.url + "/bench/plain", seconds // turns, connections, server=server))
                heavy_runs.append(wrk(server.url + step, seconds // turns, connections, cookie, server=server))
            plain, heavy = combined(plain_runs), combined(heavy_runs)
            health = wrk(server.url + "/healthz", seconds, connections, server=server)
        ratio = heavy.rate / plain.rate if plain.rate else 0.0
        cpu_ratio = plain.cpu_ms / heavy.cpu_ms if heavy.cpu_ms else 0.0
        load = os.getloadavg()[0]
        print(f"{'route':44s} {'req/s':>8s} {'server CPU/request':>19s}   latency avg stdev max")
        for name, result in (("trivial route /bench/plain", plain), ("/healthz (one SELECT 1)", health),
                             (f"heaviest form page {step}", heavy)):
            print(f"{name:44s} {result.rate:8.1f} {result.cpu_ms:16.2f} ms   {result.latency}"
                  + (f"  ({result.bad} not 2xx/3xx!)" if result.bad else ""))
        print(f"ratio of requests per second {ratio:.2f} (aim: 0.5 or better); ratio of server CPU per request "
              f"{cpu_ratio:.2f}; load average {load:.1f} on {os.cpu_count()} cores")
        if load > (os.cpu_count() or 1):
            print("  The machine is shared and busy: a CPU-bound page gets only its share of a processor while the "
                  "trivial route mostly waits on the network, so the req/s ratio reads low; the CPU ratio does not "
                  "depend on the load.")
        return [
            Row("Throughput", "trivial route req/s (2 sync workers)", f"{plain.rate:.0f}", "", None,
                f"server CPU {plain.cpu_ms:.2f} ms/request"),
            Row("Throughput", f"heaviest form page req/s ({step.split('/', 3)[-1]})", f"{heavy.rate:.0f}", "", None,
                f"server CPU {heavy.cpu_ms:.2f} ms/request" + (f"; {heavy.bad} errors" if heavy.bad else "")),
            Row("Throughput", "ratio heavy / trivial (req/s)", f"{ratio:.2f}", ">= 0.5", ratio >= 0.5 and not heavy.bad,
                f"load average {load:.1f} on {os.cpu_count()} cores"),
            Row("Throughput", "ratio trivial / heavy (server CPU)", f"{cpu_ratio:.2f}", ">= 0.5", cpu_ratio >= 0.5),
        ]
    finally:
        if own is not None:
            own.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    for row in run(seconds=args.seconds, connections=args.connections):
        print(row)


if __name__ == "__main__":
    main()
