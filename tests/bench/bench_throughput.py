"""Throughput as a ratio: the heaviest signed-in journey page against a trivial route, same server.

Run: .venv/bin/python -m tests.bench.bench_throughput [--seconds 10] [--connections 32]

1. In-process, every step page of a filled draft is timed (the whole WSGI call, signed in);
   the slowest is "the heaviest journey page" (a draft loaded from the database, decrypted,
   a form with CSRF rendered).
2. That page is profiled (cProfile, 50 requests) and the functions where time goes printed.
3. gunicorn (2 sync workers, one per core) serves the app on SQLite; wrk runs for the same
   time at the same concurrency against ``/bench/plain`` (a string: same app, hooks and server)
   and against the heavy page, with a signed-in cookie. Printed: both requests per second and
   their ratio. Issue 10 aims at 0.5 or better (a bare Flask-WTF form page made about 0.22).
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from tests.bench.common import Row, client_for, heading, percentile, session_cookie, sqlite_app


def slowest_step(app, visit, runs: int = 15) -> tuple[str, list[tuple[str, float]]]:
    client = client_for(app, visit.draft_sid)
    timings = []
    for url in dict.fromkeys(visit.step_urls + [visit.check_url]):
        client.get(url)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        timings.append((url, percentile(times, 50)))
    timings.sort(key=lambda t: -t[1])
    # The check page is a summary, not a form page; the heaviest *form* page is the yardstick.
    step = next(url for url, _ in timings if not url.endswith("/check"))
    return step, timings


def profile(app, visit, url: str, requests: int = 50, lines: int = 25) -> str:
    client = client_for(app, visit.draft_sid)
    client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        client.get(url)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(lines)
    text = out.getvalue()
    return text[text.find("ncalls"):] if "ncalls" in text else text


def wrk(url: str, seconds: int, connections: int, cookie: str | None = None) -> tuple[float, int, str]:
    """(requests per second, non-2xx/3xx responses, latency line) from one wrk run."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    latency = re.search(r"^\s*Latency\s+(.*)$", out, re.M)
    return rate, int(bad.group(1)) if bad else 0, latency.group(1).strip() if latency else ""


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
        print("In-process server time of the journey pages (p50, signed in, SQLite):")
        for url, ms in timings[:6]:
            print(f"  {ms:6.1f} ms  {url}")
        print(f"  ... {len(timings)} pages; the heaviest form page: {step}")
        print(f"\nWhere the time goes on {step} (cProfile, 50 requests, by cumulative time):")
        print(profile(app, visit, step))
        if shutil.which("wrk") is None:
            print("wrk is not installed (make bench installs it): no throughput figures")
            return [Row("Throughput", "wrk missing", "-", ">= 0.5", False)]
        cookie = session_cookie(app, visit.draft_sid)
        with Gunicorn(app.config["SQLALCHEMY_DATABASE_URI"], folder) as server:
            wrk(server.url + "/bench/plain", 2, connections)  # warm both workers
            wrk(server.url + step, 2, connections, cookie)
            plain, plain_bad, plain_latency = wrk(server.url + "/bench/plain", seconds, connections)
            heavy, heavy_bad, heavy_latency = wrk(server.url + step, seconds, connections, cookie)
            health, _, _ = wrk(server.url + "/healthz", seconds, connections)
        ratio = heavy / plain if plain else 0.0
        print(f"trivial route /bench/plain: {plain:8.1f} req/s  latency {plain_latency}"
              + (f"  ({plain_bad} not 2xx/3xx!)" if plain_bad else ""))
        print(f"/healthz (one SELECT 1):    {health:8.1f} req/s")
        print(f"heaviest page {step}: {heavy:8.1f} req/s  latency {heavy_latency}"
              + (f"  ({heavy_bad} not 2xx/3xx!)" if heavy_bad else ""))
        print(f"ratio {ratio:.2f} (aim: 0.5 or better)")
        return [
            Row("Throughput", "trivial route req/s (2 workers)", f"{plain:.0f}", "", None),
            Row("Throughput", f"heaviest journey page req/s ({step.split('/', 3)[-1]})", f"{heavy:.0f}", "", None,
                f"{heavy_bad} errors" if heavy_bad else ""),
            Row("Throughput", "ratio heavy / trivial", f"{ratio:.2f}", ">= 0.5", ratio >= 0.5 and not heavy_bad),
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
