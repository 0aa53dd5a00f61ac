"""A real server for the benchmarks that need one (Lighthouse, wrk): gunicorn on a free port.

The app is the portal as ``create_app`` builds it, on the benchmark's database, plus one
trivial route (``/bench/plain``: a string, no database, no template) that serves as the
yardstick of the throughput ratio: same app, same hooks, same server.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.bench.common import PROJECT_ROOT, make_app


def create():
    """The WSGI app gunicorn loads (``tests.bench.server:create()``), configured by BENCH_* variables."""
    app = make_app(os.environ["BENCH_DATABASE_URL"], Path(os.environ["BENCH_FOLDER"]))

    @app.get("/bench/plain")
    def bench_plain():
        return "ok"

    return app


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    def __init__(self, database_url: str, folder: Path, workers: int = 2, worker_class: str = "sync"):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "BENCH_DATABASE_URL": database_url, "BENCH_FOLDER": str(folder),
               "PORTAL_ENV": "testing", "PYTHONPATH": str(PROJECT_ROOT)}
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        self.log = open(folder / "gunicorn.log", "w")  # noqa: SIM115  (closed in stop)
        self.process = subprocess.Popen(
            [gunicorn, "--workers", str(workers), "--worker-class", worker_class, "--bind", f"127.0.0.1:{self.port}",
             "--log-level", "warning", "tests.bench.server:create()"],
            cwd=PROJECT_ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self._wait()

    def _wait(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}; see {self.log.name}")
            try:
                with urllib.request.urlopen(self.url + "/bench/plain", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer within a minute")

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by the master and its workers."""
        ticks = os.sysconf("SC_CLK_TCK")
        pids = [self.process.pid]
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
            pids += [int(p) for p in children]
        except OSError:
            pass
        total = 0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime
            except (OSError, IndexError, ValueError):
                continue
        return total / ticks

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def __enter__(self) -> "Gunicorn":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
