"""A throwaway PostgreSQL server for the test session (recipes.md: initdb refuses root)."""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass


def find_bindir() -> str | None:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.path.exists(os.path.join(candidate, "initdb")):
            return candidate
    initdb = shutil.which("initdb")
    return os.path.dirname(initdb) if initdb else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class PostgresServer:
    bindir: str
    datadir: str
    port: int
    as_postgres: bool

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        return subprocess.run(prefix + list(args), check=check, capture_output=True, text=True)

    @classmethod
    def start(cls) -> "PostgresServer":
        bindir = find_bindir()
        if bindir is None:
            raise FileNotFoundError("no PostgreSQL server binaries (initdb) found")
        root = os.geteuid() == 0
        datadir = tempfile.mkdtemp(prefix="portal-pg-")
        if root:
            shutil.chown(datadir, "postgres", "postgres")
        server = cls(bindir, datadir, _free_port(), root)
        server._run(f"{bindir}/initdb", "-D", f"{datadir}/data", "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8")
        server._run(f"{bindir}/pg_ctl", "-D", f"{datadir}/data", "-l", f"{datadir}/log", "-w", "-o",
                    f"-p {server.port} -k {datadir} -c listen_addresses=127.0.0.1 -c fsync=off "
                    "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200", "start")
        return server

    def create_database(self, name: str) -> str:
        self._run(f"{self.bindir}/createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return self.url(name)

    def url(self, name: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        self._run(f"{self.bindir}/pg_ctl", "-D", f"{self.datadir}/data", "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.datadir, ignore_errors=True)
