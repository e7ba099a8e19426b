"""A throw-away PostgreSQL server: the tests' fixture and the soak benchmark start one the same way."""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


class PostgresMissing(RuntimeError):
    """PostgreSQL is not installed on this machine."""


@contextmanager
def temporary_postgres() -> Iterator[str]:
    """Start a PostgreSQL server in a temporary folder (as the postgres user: initdb refuses root), yield its
    SQLAlchemy URL, stop it and remove its files afterwards."""
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not binaries:
        raise PostgresMissing("PostgreSQL is not installed: run the README's test command (bash scripts/test.sh)")
    bin_dir = Path(binaries[-1]).parent
    base = Path(tempfile.mkdtemp(prefix="bideval-pg-"))  # outside pytest's 0700 tree: postgres must reach it
    data, sockets = base / "data", base / "sockets"
    sockets.mkdir()
    as_postgres: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        shutil.chown(sockets, "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    try:
        subprocess.run([*as_postgres, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                        "-E", "UTF8", "--locale=C.UTF-8"], check=True, capture_output=True)
        for attempt in range(3):  # a free port found, then let go: another test worker may take it meanwhile
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                port = probe.getsockname()[1]
            started = subprocess.run([*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(base / "log"),
                                      "-w", "-o", f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1", "start"],
                                     capture_output=True)
            if started.returncode == 0:
                break
            if attempt == 2:
                started.check_returncode()
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
                       capture_output=True)
        shutil.rmtree(base, ignore_errors=True)
