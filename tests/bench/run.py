"""Every benchmark, then one table (``make bench``). It measures and prints; it never fails on time.

Run: .venv/bin/python -m tests.bench.run [--scales 10000,100000,1000000] [--skip lighthouse,...]

Order: page weight, throughput, Lighthouse and receipts on a SQLite database filled through
the real journey; then the PostgreSQL scale steps (the longest part: about 10 minutes for a
million applications on a 2-core machine). Each part prints its details as it goes; the table
at the end gathers the figures with their budgets. The load average is printed beside the
table: on a shared machine, wall-clock figures include waiting for a processor.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

from tests.bench.common import PROJECT_ROOT, Row, heading, machine, sqlite_app

PARTS = ("pages", "throughput", "lighthouse", "receipts", "scale")


def receipts() -> list[Row]:
    """The receipts engineer's benchmark, in its own process; its summary lines become rows."""
    heading("Receipts (tests/bench/bench_receipts.py)")
    script = PROJECT_ROOT / "tests" / "bench" / "bench_receipts.py"
    if not script.exists():
        return [Row("Receipts", "bench_receipts.py not present", "-", "", False)]
    result = subprocess.run([sys.executable, "-m", "tests.bench.bench_receipts", "--runs", "50"], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, timeout=900)
    print(result.stdout, end="")
    if result.returncode != 0:
        print(result.stderr[-3000:])
        return [Row("Receipts", "bench_receipts failed", "-", "", False, result.stderr.strip().splitlines()[-1][:80]
                    if result.stderr.strip() else "")]
    rows = []
    pattern = re.compile(r"^(.+?)\s+median\s+([\d.]+) ms\s+p95\s+([\d.]+) ms.*?size\s+([\d.]+) KB", re.M)
    for label, median, p95, size in pattern.findall(result.stdout):
        rows.append(Row("Receipts (warm)", f"{label.strip()} median / p95 / size", f"{median} / {p95} ms, {size} KB",
                        "< 60 ms, < 100 KB", float(median) < 60 and float(size) < 100))
    return rows or [Row("Receipts", "no figures found in the output", "-", "", False)]


def print_table(rows: list[Row], started: float) -> None:
    now = datetime.now(timezone.utc)
    heading("RESULTS")
    print(f"Run {now:%Y-%m-%d %H:%M} UTC on {machine()}")
    print(f"Load average at the end {os.getloadavg()[0]:.1f} (1 min); whole run {(time.time() - started) / 60:.1f} min")
    widths = (22, 58, 26, 18)
    line = "+".join("-" * (w + 2) for w in widths) + "+------+"
    print(line)
    print("| " + " | ".join(h.ljust(w) for h, w in zip(("Benchmark", "Measure", "Figure", "Budget"), widths))
          + " | Met  |")
    print(line)
    for row in rows:
        met = {True: "yes", False: "NO", None: ""}[row.met]
        cells = (row.section, row.item, row.figure, row.budget)
        print("| " + " | ".join(str(c)[:w].ljust(w) for c, w in zip(cells, widths)) + f" | {met:4s} |")
        if row.note:
            print("| " + "".ljust(widths[0]) + " | " + ("  " + row.note)[: sum(widths[1:]) + 6].ljust(sum(widths[1:]) + 6)
                  + " |      |")
    print(line)
    missed = [r for r in rows if r.met is False]
    print(f"{len([r for r in rows if r.met])} budgets met, {len(missed)} not met.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default=os.environ.get("BENCH_SCALES", "10000,100000,1000000"),
                        help="application counts of the PostgreSQL steps, comma-separated")
    parser.add_argument("--skip", default=os.environ.get("BENCH_SKIP", ""), help=f"parts to leave out: {','.join(PARTS)}")
    args = parser.parse_args()
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    scales = tuple(int(s) for s in args.scales.split(",") if s.strip())
    started = time.time()
    print(f"make bench: {machine()}", flush=True)
    rows: list[Row] = []

    def part(name: str, call) -> None:
        if name in skip:
            return
        try:
            rows.extend(call())
        except Exception as exc:  # noqa: BLE001  one broken part must not hide the others' figures
            traceback.print_exc()
            rows.append(Row(name, f"failed: {type(exc).__name__}", "-", "", False, str(exc)[:100]))
        sys.stdout.flush()

    from tests.bench import (
        bench_lighthouse,
        bench_pages,
        bench_scale,
        bench_throughput,
        journey,
    )

    with tempfile.TemporaryDirectory(prefix="bench-") as name:
        folder = Path(name)
        app = sqlite_app(folder)
        visit = journey.prepare(app)
        for problem in visit.problems:
            print(f"journey: {problem}")
        part("pages", lambda: bench_pages.run(app, visit))
        part("throughput", lambda: bench_throughput.run(app, visit, folder))
        part("lighthouse", lambda: bench_lighthouse.run(app, visit, folder))
        part("receipts", receipts)
        part("scale", lambda: bench_scale.run(visit.answers, scales))
    print_table(rows, started)


if __name__ == "__main__":
    main()
