"""Load the rows of ``tests/bench/scale_data.py`` into PostgreSQL: COPY, in parallel processes.

Applications, requests and accounts are generated in Python and COPied; the events (about
two thirds of all rows) are made by PostgreSQL from the sampled paths (``EVENTS_SQL``), which
is several times faster than sending them. Foreign keys are not checked during the load
(``session_replication_role = replica``): the generator builds consistent rows, and checking
ten million references one by one would triple the load time. Large steps drop the plain
indexes and build them again afterwards; the schema is the same at the end.
"""
from __future__ import annotations

import multiprocessing
import time
from datetime import datetime, timedelta, timezone

from tests.bench.scale_data import (
    ACCOUNT_COLUMNS,
    APP_COLUMNS,
    REQUEST_COLUMNS,
    Plan,
    rows,
)

# Scratch tables of the generator (in the throwaway database only): the sampled paths, the
# ciphertext pools and the staff of each office, from which EVENTS_SQL makes the events.
SCRATCH_SQL = """
CREATE UNLOGGED TABLE IF NOT EXISTS bench_steps (type text, path_no int, j int, action text, from_state text,
    to_state text, role text, reason boolean, offset_s bigint, PRIMARY KEY (type, path_no, j));
CREATE UNLOGGED TABLE IF NOT EXISTS bench_reasons (n int PRIMARY KEY, cipher text);
CREATE UNLOGGED TABLE IF NOT EXISTS bench_data (action text, n int, cipher text, PRIMARY KEY (action, n));
CREATE UNLOGGED TABLE IF NOT EXISTS bench_staff (office_code text PRIMARY KEY, caseworker_id int, reviewer_id int);
"""
EVENTS_SQL = """
INSERT INTO events (id, application_id, request_id, action, from_state, to_state, actor_account_id, actor_role,
                    at, reason, data, visible_to_resident)
SELECT 16 * w.request_id, w.application_id, w.request_id, 'submit', 'DRAFT', 'SUBMITTED', w.resident_id,
       'resident', w.submitted_at, NULL, NULL, true
FROM bench_walks w
UNION ALL
SELECT 16 * w.request_id + s.j, w.application_id, w.request_id, s.action, s.from_state, s.to_state,
       CASE s.role WHEN 'resident' THEN w.resident_id WHEN 'reviewer' THEN st.reviewer_id ELSE st.caseworker_id END,
       s.role, LEAST(w.submitted_at + make_interval(secs => s.offset_s), %(now)s), r.cipher, d.cipher, true
FROM bench_walks w
JOIN bench_steps s ON s.type = w.type AND s.path_no = w.path_no AND s.j <= w.taken
JOIN bench_staff st ON st.office_code = w.office_code
LEFT JOIN bench_reasons r ON s.reason AND r.n = (w.request_id + s.j) %% 256
LEFT JOIN bench_data d ON d.action = s.action AND d.n = (w.request_id + s.j) %% 16
"""


def _copy(cursor, table: str, columns: tuple[str, ...], rows) -> None:
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def prepare_scratch(url: str, plan: Plan) -> None:
    """The paths, pools and staff of ``plan`` into the scratch tables (once per database)."""
    import psycopg

    with psycopg.connect(libpq_dsn(url)) as conn, conn.cursor() as cursor:
        cursor.execute(SCRATCH_SQL)
        cursor.execute("TRUNCATE bench_steps, bench_reasons, bench_data, bench_staff")
        steps = []
        for type_, paths in plan.paths.items():
            for number, path in enumerate(paths):
                offset = 0
                for j, (action, source, target, role, reason, gap) in enumerate(path.steps, start=1):
                    offset += gap
                    steps.append((type_, number, j, action, source, target, role, reason, offset))
        _copy(cursor, "bench_steps", ("type", "path_no", "j", "action", "from_state", "to_state", "role", "reason",
                                      "offset_s"), steps)
        _copy(cursor, "bench_reasons", ("n", "cipher"), enumerate(plan.reasons))
        _copy(cursor, "bench_data", ("action", "n", "cipher"),
              [(action, n, c) for action, pool in plan.event_data.items() for n, c in enumerate(pool)])
        _copy(cursor, "bench_staff", ("office_code", "caseworker_id", "reviewer_id"),
              [(code, plan.caseworkers[code], plan.reviewers[district]) for code, district in plan.offices])
        conn.commit()


_SHARED: tuple = ()  # (app, dsn, plan): inherited by the forked workers, never pickled


def _load_chunk(bounds: tuple[int, int]) -> tuple[int, int, int]:
    app, dsn, plan = _SHARED
    first, count = bounds
    import psycopg

    with app.app_context():
        apps, reqs, walks, accounts = rows(plan, first, count)
    now = datetime.combine(plan.today, datetime.min.time(), tzinfo=timezone.utc) + timedelta(hours=2)
    with psycopg.connect(dsn) as conn, conn.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("CREATE TEMP TABLE bench_walks (request_id int, application_id int, type text, path_no int, "
                       "taken int, submitted_at timestamptz, resident_id int, office_code text) ON COMMIT DROP")
        _copy(cursor, "accounts", ACCOUNT_COLUMNS, accounts)
        _copy(cursor, "applications", APP_COLUMNS, apps)
        _copy(cursor, "requests", REQUEST_COLUMNS, reqs)
        _copy(cursor, "bench_walks", ("request_id", "application_id", "type", "path_no", "taken", "submitted_at",
                                      "resident_id", "office_code"), walks)
        cursor.execute(EVENTS_SQL, {"now": now})
        events = cursor.rowcount
        conn.commit()
    return len(apps), len(reqs), events


def libpq_dsn(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


BULK = ("applications", "requests", "events")


def _drop_secondary_indexes(url: str) -> list[str]:
    """Drop the plain (not unique, not primary) indexes of the bulk tables; returns their definitions.

    A bulk load is several times faster when these are built once afterwards than when every row
    updates them; primary keys and unique indexes stay, so the load still checks uniqueness."""
    import psycopg

    with psycopg.connect(libpq_dsn(url), autocommit=True) as conn:
        rows = conn.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary AND NOT i.indisunique",
            (list(BULK),)).fetchall()
        for name, _definition in rows:
            conn.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in rows]


def _create_indexes(url: str, definitions: list[str]) -> None:
    import psycopg

    with psycopg.connect(libpq_dsn(url), autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '512MB'")
        for definition in definitions:
            conn.execute(definition)


def load(app, url: str, plan: Plan, first: int, count: int, workers: int = 2, chunk: int = 25_000) -> dict:
    """Load applications ``first`` .. ``first + count - 1``; returns counts and seconds.

    Large steps drop the plain indexes first and build them again at the end (the indexes are
    the same afterwards; only the load is faster)."""
    from portal.extensions import db

    global _SHARED
    with app.app_context():
        db.engine.dispose()  # no pooled connection may cross the fork
    _SHARED = (app, libpq_dsn(url), plan)
    jobs = [(start, min(chunk, first + count - start)) for start in range(first, first + count, chunk)]
    start = time.perf_counter()
    dropped = _drop_secondary_indexes(url) if count >= 50_000 else []
    totals = [0, 0, 0]
    if workers > 1 and len(jobs) > 1:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for done in pool.imap_unordered(_load_chunk, jobs):
                totals = [a + b for a, b in zip(totals, done)]
    else:
        for job in jobs:
            totals = [a + b for a, b in zip(totals, _load_chunk(job))]
    _create_indexes(url, dropped)
    return {"applications": totals[0], "requests": totals[1], "events": totals[2],
            "seconds": time.perf_counter() - start}


# Settings of the throwaway server for a database of several GB on a small machine: a cache
# that holds the hot indexes, and checkpoints spaced out during the bulk load. Printed with the
# figures; a production server is tuned the same way (see the README's deployment notes).
# Parallel query is off: for the portal's short queries starting workers costs more than it
# saves, and on a busy server the page waits for them (measured: 120 ms for a 10 ms count).
SERVER_SETTINGS = {"shared_buffers": "1GB", "effective_cache_size": "8GB", "max_wal_size": "8GB",
                   "checkpoint_timeout": "30min", "maintenance_work_mem": "512MB", "random_page_cost": "1.1",
                   "max_parallel_workers_per_gather": "0"}


def tune(server) -> None:
    """Apply SERVER_SETTINGS to a ``tests.helpers.postgres.PostgresServer`` and restart it."""
    import psycopg

    dsn = libpq_dsn(server.url("postgres"))
    with psycopg.connect(dsn, autocommit=True) as conn:
        for name, value in SERVER_SETTINGS.items():
            conn.execute(f"ALTER SYSTEM SET {name} = '{value}'")
    # pg_ctl restart reuses the command line of the first start (port, socket directory, fsync off).
    server._run(f"{server.bindir}/pg_ctl", "-D", f"{server.datadir}/data", "-l", f"{server.datadir}/log", "-w", "-m",
                "fast", "restart")


def finish(url: str) -> float:
    """Move the id sequences past the generated ids and refresh the planner's statistics."""
    import psycopg

    start = time.perf_counter()
    with psycopg.connect(libpq_dsn(url), autocommit=True) as conn:
        for table in ("accounts", "applications", "requests", "events"):
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                         f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)")
        conn.execute("VACUUM ANALYZE")
    return time.perf_counter() - start
