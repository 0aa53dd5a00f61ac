"""Server time of the pages that must stay fast at city scale, on PostgreSQL, as the data grows.

Run: .venv/bin/python -m tests.bench.bench_scale [--scales 10000,100000,1000000] [--runs 100]

A throwaway PostgreSQL server is built by the Alembic migrations, then filled by
``tests/bench/scale_data.py`` (loaded by ``scale_load.py``) in steps (10 thousand, 100 thousand, 1 million applications);
after each step the same pages are timed in-process (the whole WSGI call of the real view
through the Flask test client: routing, session, queries, decryption, template), p50 and p95:

* status look-up: the public form (POST with CSRF) for a random application's reference and verifier;
* the same look-up through the JSON API;
* a resident's timeline (``/my/applications/<reference>``), signed in as its owner;
* a caseworker's queue at the busiest street office, cycling through filters;
* a district reviewer's queue (the busiest district), cycling through the same filters;
* the district view (``/office/district``) of that reviewer, cycling through periods (the last
  12 months, three years, one month, a wrong month), and the CSV of the same figures;
* the district view of an administrator, for the whole city (a reference figure, no budget).

The district view and the queue's headline counts read running totals
(``portal/office/tallies.py``); rows loaded by COPY bypass the ORM that keeps them, so after
each load step they are counted from scratch (``tallies.rebuild``), timed and printed.

The SQL each page runs is captured once per page and step; the slowest statements are run
again under EXPLAIN (ANALYZE, BUFFERS) and their scan lines printed, so a reader sees whether
an index is used (Index Scan / Index Only Scan / Bitmap Index Scan) or a table is read whole
(Seq Scan on a large table is flagged). Budget: p95 under 20 ms each at 1 million.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from tests.bench.common import (
    Row,
    client_for,
    heading,
    make_app,
    new_session,
    percentile,
)

BUDGET_MS = 20.0
TIME_PER_PAGE_S = 20.0
FILTERS = ("", "?status=open", "?status=open&type=dibao", "?status=all&overdue=y", "?urgent=y",
           "?status=action&this_week=y", "?status=closed", "?status=open&page=3", "?status=support",
           "?status=all&page=2")
DISTRICT_FILTERS = ("", "?start={three_years}&end={month}", "?start={month}&end={month}", "?start=2026-13",
                    ".csv")
LARGE_TABLES = ("applications", "requests", "events")


@contextmanager
def captured(app):
    """Every statement run inside the block, with its parameters and time."""
    from sqlalchemy import event

    from portal.extensions import db

    statements: list[tuple[str, object, float]] = []
    with app.app_context():
        engine = db.engine

    def before(conn, cursor, statement, parameters, context, executemany):
        conn.info.setdefault("bench_start", []).append(time.perf_counter())

    def after(conn, cursor, statement, parameters, context, executemany):
        started = conn.info["bench_start"].pop()
        statements.append((statement, parameters, (time.perf_counter() - started) * 1000))

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)


def explain(app, statements, top: int = 3) -> list[str]:
    """EXPLAIN (ANALYZE, BUFFERS) of the slowest SELECTs on the large tables: scan lines and times."""
    from portal.extensions import db

    lines = []
    chosen = sorted((s for s in statements if s[0].lstrip().upper().startswith("SELECT")
                     and any(t in s[0] for t in LARGE_TABLES)), key=lambda s: -s[2])[:top]
    with app.app_context():
        for statement, parameters, ms in chosen:
            plan = [r[0] for r in db.session.connection().exec_driver_sql(
                "EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters).all()]
            db.session.rollback()
            first_from = re.search(r"\bFROM\s+(\w+)", statement)
            lines.append(f"  query on {first_from.group(1) if first_from else '?'} ({ms:.1f} ms in the request):")
            for line in plan:
                if re.search(r"Scan|Execution Time|Sort Method|Limit|Aggregate\b", line):
                    flag = ""
                    if "Seq Scan" in line and any(f"on {t} " in line + " " for t in LARGE_TABLES):
                        flag = "   <-- whole table"
                    lines.append(f"    {line.strip()[:150]}{flag}")
    return lines


def seq_scans(lines: list[str]) -> int:
    return sum(1 for line in lines if line.endswith("<-- whole table"))


class Pages:
    """Clients and samples for the pages measured, chosen once per scale step."""

    def __init__(self, app, url: str, loaded: int, seed: int = 7):
        import psycopg

        from tests.bench.scale_data import identity
        from tests.bench.scale_load import libpq_dsn

        rng = random.Random(seed + loaded)
        ids = rng.sample(range(1, loaded + 1), min(300, loaded))
        with psycopg.connect(libpq_dsn(url)) as conn:
            rows = conn.execute(
                "SELECT a.id, a.reference, a.account_id, o.district_code FROM applications a "
                "JOIN offices o ON o.code = a.receiving_office_code "
                "WHERE a.id = ANY(%s) AND a.status <> 'draft' ORDER BY a.id", (ids,)).fetchall()
            busiest_office, district = conn.execute(
                "SELECT office_code, district_code FROM requests GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1").fetchone()
            busiest_district = conn.execute(
                "SELECT district_code FROM requests GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
            caseworker = conn.execute("SELECT id FROM accounts WHERE username = %s",
                                      (f"scale-caseworker-{busiest_office}",)).fetchone()[0]
            reviewer = conn.execute("SELECT id FROM accounts WHERE username = %s",
                                    (f"scale-reviewer-{busiest_district}",)).fetchone()[0]
        self.app = app
        self.samples = [(ref, identity(i, district)[-6:]) for i, ref, _owner, district in rows]
        with app.app_context():
            self.residents = [(client_for(app, new_session(owner)), ref) for _i, ref, owner, _d in rows[:100]]
            self.caseworker = client_for(app, new_session(caseworker))
            self.reviewer = client_for(app, new_session(reviewer))
            self.admin = client_for(app, new_session(_admin_account()))
        self.office, self.district = busiest_office, busiest_district
        self.public = app.test_client()
        page = self.public.get("/status").get_data(as_text=True)
        match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page) or re.search(
            r'value="([^"]+)"[^>]*name="csrf_token"', page)
        self.token = match.group(1) if match else ""
        self.problems: list[str] = []

    def _check(self, name: str, response, needle: str | None = None) -> None:
        body = response.get_data(as_text=True)
        failed = response.status_code != 200 or (needle is not None and needle not in body)
        if failed and len(self.problems) < 10:
            self.problems.append(f"{name}: {response.status_code}")

    def lookup(self, n: int) -> None:
        reference, verifier = self.samples[n % len(self.samples)]
        response = self.public.post("/status", data={"csrf_token": self.token, "reference": reference,
                                                     "verifier": verifier})
        self._check("status look-up", response)
        if "field-error" in response.get_data(as_text=True) and len(self.problems) < 10:
            self.problems.append(f"status look-up: not found for {reference}")

    def api(self, n: int) -> None:
        reference, verifier = self.samples[n % len(self.samples)]
        self._check("status API", self.public.get(f"/api/v1/applications/{reference}/status",
                                                  headers={"X-Verifier": verifier}))

    def timeline(self, n: int) -> None:
        client, reference = self.residents[n % len(self.residents)]
        self._check("timeline", client.get(f"/my/applications/{reference}"), reference)

    def queue(self, n: int) -> None:
        self._check("caseworker queue", self.caseworker.get("/office" + FILTERS[n % len(FILTERS)]))

    def district_queue(self, n: int) -> None:
        self._check("reviewer queue", self.reviewer.get("/office" + FILTERS[n % len(FILTERS)]))

    def district_view(self, n: int) -> None:
        self._check("district view", self.reviewer.get("/office/district" + district_filter(n)))

    def city_view(self, n: int) -> None:
        self._check("city view", self.admin.get("/office/district" + district_filter(n)))


def district_filter(n: int) -> str:
    from datetime import date

    today = date.today()
    month = f"{today:%Y-%m}"
    back = today.year * 12 + today.month - 1 - 35
    return DISTRICT_FILTERS[n % len(DISTRICT_FILTERS)].format(month=month, three_years=f"{back // 12}-{back % 12 + 1:02d}")


def _admin_account() -> int:
    """An administrator (the generator makes staff of offices and districts only)."""
    from portal.extensions import db
    from portal.models import Account

    account = db.session.scalars(db.select(Account).where(Account.username == "scale-admin")).first()
    if account is None:
        account = Account(role="admin", username="scale-admin", display_name="scale-admin", password_hash="!")
        db.session.add(account)
        db.session.commit()
    return account.id


MEASURED = (("status look-up (form)", "lookup"), ("status look-up (API)", "api"),
            ("resident timeline", "timeline"), ("caseworker queue, filters", "queue"),
            ("reviewer queue, filters", "district_queue"), ("district view, periods", "district_view"),
            ("city view (admin), periods", "city_view"))
# Reference figures: printed, without a budget.
NO_BUDGET = ("city view (admin), periods",)


def _cpu_ns(pids: list[int]) -> int:
    """CPU time (ns) used so far by these processes (``/proc/<pid>/schedstat``, sub-millisecond)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/schedstat") as handle:
                total += int(handle.read().split()[0])
        except (OSError, ValueError, IndexError):
            continue
    return total


def _backends(url: str) -> list[int]:
    """The PostgreSQL server processes serving the app's pooled connections to this database."""
    import psycopg

    from tests.bench.scale_load import libpq_dsn

    with psycopg.connect(libpq_dsn(url)) as conn:
        return [r[0] for r in conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                                           "AND pid <> pg_backend_pid() AND backend_type = 'client backend'")]


def measure(app, url: str, loaded: int, runs: int) -> dict[str, dict]:
    """Per page: wall time, and server CPU time (the app's process plus its PostgreSQL backends).

    On a machine shared with other work, wall time includes waiting for a processor; the CPU
    time is what the request itself costs, which is what it takes on an otherwise idle server
    (the hot data is in PostgreSQL's cache, so there is little waiting on disk)."""
    pages = Pages(app, url, loaded)
    results = {}
    for name, method in MEASURED:
        call = getattr(pages, method)
        for n in range(5):  # warm: templates compiled, caches and connections filled
            call(n)
        with captured(app) as statements:
            call(5)
        backends = _backends(url)
        times, cpu, by_filter = [], [], {}
        stop_at = time.perf_counter() + TIME_PER_PAGE_S
        for n in range(runs):
            if n >= 20 and time.perf_counter() > stop_at:
                break  # a slow page gets fewer runs (at least 20), so it cannot stall make bench
            db_before = _cpu_ns(backends)
            start, start_cpu = time.perf_counter(), time.process_time()
            call(n)
            times.append((time.perf_counter() - start) * 1000)
            app_cpu = (time.process_time() - start_cpu) * 1000
            cpu.append(app_cpu + (_cpu_ns(backends) - db_before) / 1e6)
            if method in ("queue", "district_queue"):
                by_filter.setdefault(FILTERS[n % len(FILTERS)] or "(default: needs action)", []).append(cpu[-1])
            if method in ("district_view", "city_view"):
                by_filter.setdefault(DISTRICT_FILTERS[n % len(DISTRICT_FILTERS)] or "(last 12 months)", []).append(cpu[-1])
        plans = explain(app, statements)
        results[name] = {"p50": percentile(times, 50), "p95": percentile(times, 95), "queries": len(statements),
                         "runs": len(times), "cpu50": percentile(cpu, 50), "cpu95": percentile(cpu, 95),
                         "sql": sum(s[2] for s in statements), "plans": plans, "load": os.getloadavg()[0],
                         "filters": {f: percentile(v, 50) for f, v in by_filter.items()}}
    if pages.problems:
        print("  problems: " + "; ".join(pages.problems))
    print(f"  busiest office {pages.office}, busiest district {pages.district}")
    return results


def rebuild_tallies(app) -> float:
    """Count the running totals from the rows loaded by COPY (which bypassed the ORM); seconds."""
    from portal.extensions import db
    from portal.office import tallies

    start = time.perf_counter()
    with app.app_context():
        tallies.rebuild(db.session.connection())
        db.session.commit()
        db.session.execute(db.text("ANALYZE request_tallies, application_tallies, decision_tallies"))
        db.session.commit()
    return time.perf_counter() - start


def start_database(folder: Path):
    """A throwaway server and database built by the migrations, with the offices."""
    from flask_migrate import upgrade

    from portal.extensions import db
    from portal.reference.offices import load_offices
    from tests.bench.scale_load import tune
    from tests.helpers.postgres import PostgresServer

    server = PostgresServer.start()
    tune(server)
    url = server.create_database("scale")
    app = make_app(url, folder)
    with app.app_context():
        upgrade(revision="heads")
        load_offices()
        db.session.remove()
    return server, url, app


def run(templates: list[dict] | None = None, scales=(10_000, 100_000, 1_000_000), runs: int = 100) -> list[Row]:
    import logging

    from tests.bench import scale_data, scale_load

    logging.getLogger("alembic").setLevel(logging.WARNING)
    heading("Scale on PostgreSQL: generator and server time")
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as folder:
        if templates is None:
            from tests.bench import journey
            from tests.bench.common import sqlite_app

            templates = journey.prepare(sqlite_app(Path(folder))).answers
        server, url, app = start_database(Path(folder))
        try:
            return _steps(app, url, templates, scales, runs, scale_data, scale_load)
        finally:
            from portal.extensions import db

            with app.app_context():
                db.session.remove()
                db.engine.dispose()
            server.stop()


def _steps(app, url, templates, scales, runs, scale_data, scale_load) -> list[Row]:
    import psycopg

    plan = scale_data.Plan.build(app, templates)
    scale_load.prepare_scratch(url, plan)
    loaded, by_scale, loads = 0, {}, {}
    for scale in scales:
        done = scale_load.load(app, url, plan, loaded + 1, scale - loaded)
        done["seconds"] += scale_load.finish(url)
        done["tallies"] = rebuild_tallies(app)
        loaded = scale
        with psycopg.connect(scale_load.libpq_dsn(url)) as conn:
            size = conn.execute("SELECT pg_size_pretty(pg_database_size(current_database()))").fetchone()[0]
            totals = conn.execute("SELECT (SELECT count(*) FROM applications), (SELECT count(*) FROM requests), "
                                  "(SELECT count(*) FROM events)").fetchone()
        loads[scale] = (done, totals, size)
        print(f"\n{scale:,} applications: added {done['applications']:,} applications, {done['requests']:,} requests, "
              f"{done['events']:,} events in {done['seconds']:.0f} s (running totals counted again in "
              f"{done['tallies']:.0f} s); totals {totals[0]:,} / {totals[1]:,} / "
              f"{totals[2]:,}; database {size}", flush=True)
        by_scale[scale] = measure(app, url, scale, runs)
        for name, result in by_scale[scale].items():
            print(f"  {name:30s} p50 {result['p50']:6.1f} ms  p95 {result['p95']:6.1f} ms  "
                  f"(server CPU p50 {result['cpu50']:.1f} ms, p95 {result['cpu95']:.1f} ms; {result['queries']} queries, "
                  f"{result['sql']:.1f} ms in SQL; {result['runs']} runs)  load average {os.getloadavg()[0]:.1f}", flush=True)
            if result["filters"]:
                print("    server CPU p50 by filter: " + ", ".join(f"{f} {ms:.1f} ms" for f, ms in result["filters"].items()))
            for line in result["plans"]:
                print(line)
    return report(by_scale, loads)


def report(by_scale: dict[int, dict], loads: dict) -> list[Row]:
    heading("How cost grows with the data (ms: wall p50 / p95, then server CPU p50 / p95)")
    scales = sorted(by_scale)
    names = list(next(iter(by_scale.values())))
    print(f"{'page':28s}" + "".join(f"{s:>30,}" for s in scales))
    for name in names:
        cells = [by_scale[s][name] for s in scales]
        print(f"{name:28s}" + "".join(f"{c['p50']:>9.1f} /{c['p95']:>6.1f} |{c['cpu50']:>5.1f} /{c['cpu95']:>5.1f}"
                                      for c in cells))
    print(f"{'load average while measured':28s}" + "".join(
        f"{max(by_scale[s][n]['load'] for n in names):>30.1f}" for s in scales))
    print(f"{'load time (s)':28s}" + "".join(f"{loads[s][0]['seconds']:>30.0f}" for s in scales))
    print(f"{'database size':28s}" + "".join(f"{loads[s][2]:>30s}" for s in scales))
    top = scales[-1]
    rows = []
    for name in names:
        result = by_scale[top][name]
        busy = result["load"] > (os.cpu_count() or 1)
        # On a busy shared machine wall time measures the queue for a processor; the budget is
        # then judged on the server CPU time (what the request costs an idle server), and the
        # row says so.
        judged = result["cpu95"] if busy else result["p95"]
        growth = " -> ".join(f"{by_scale[s][name]['cpu95']:.1f}" for s in scales)
        scans = seq_scans(result["plans"])
        rows.append(Row(f"Scale ({top:,})", f"{name} p95 wall / server CPU",
                        f"{result['p95']:.1f} / {result['cpu95']:.1f} ms", "" if name in NO_BUDGET else "< 20 ms",
                        None if name in NO_BUDGET else judged < BUDGET_MS,
                        f"CPU p95 by scale {growth}; " + (f"{scans} whole-table scan(s)" if scans else "index scans")
                        + (f"; judged on CPU (load {result['load']:.1f})" if busy else "")))
    done, totals, size = loads[top]
    total_seconds = sum(loads[s][0]["seconds"] for s in scales)
    rows.append(Row("Scale generator", f"{totals[0]:,} apps, {totals[1]:,} requests, {totals[2]:,} events",
                    f"{total_seconds:.0f} s", "minutes", None, f"database {size}"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    rows = run(scales=tuple(int(s) for s in args.scales.split(",")), runs=args.runs)
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
