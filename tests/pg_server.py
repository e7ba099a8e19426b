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


def _in_memory(durable: bool) -> str | None:
    """The folder for a server's files: a non-durable one's in memory (/dev/shm) when it has room for the tests'
    databases (one a test: 1.1 GB and 33,000 files after tests/test_storage.py alone, which took a minute to delete
    from a busy disk); None, the temporary folder, otherwise."""
    if not durable and os.path.isdir("/dev/shm") and shutil.disk_usage("/dev/shm").free >= 8 * 2**30:
        return "/dev/shm"
    return None


@contextmanager
def temporary_postgres(durable: bool = True) -> Iterator[str]:
    """Start a PostgreSQL server in a temporary folder (as the postgres user: initdb refuses root), yield its
    SQLAlchemy URL, stop it and remove its files afterwards.

    ``durable=False`` (the tests' server) turns off what only matters when the machine crashes: fsync, synchronous
    commit and full-page writes (PostgreSQL's manual, "Non-Durable Settings"), and keeps the files in memory when
    there is room. Transactions, locks and isolation are the same; the tests no longer wait for a busy disk."""
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not binaries:
        raise PostgresMissing("PostgreSQL is not installed: run the README's test command (bash scripts/test.sh)")
    bin_dir = Path(binaries[-1]).parent
    # outside pytest's 0700 tree: postgres must reach it
    base = Path(tempfile.mkdtemp(prefix="bideval-pg-", dir=_in_memory(durable)))
    data, sockets = base / "data", base / "sockets"
    sockets.mkdir()
    as_postgres: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        shutil.chown(sockets, "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    fast = [] if durable else ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
    try:
        subprocess.run([*as_postgres, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                        "-E", "UTF8", "--locale=C.UTF-8", *([] if durable else ["--no-sync"])],
                       check=True, capture_output=True)
        for attempt in range(3):  # a free port found, then let go: another test worker may take it meanwhile
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                port = probe.getsockname()[1]
            options = " ".join([f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1", *fast])
            started = subprocess.run([*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(base / "log"),
                                      "-w", "-o", options, "start"], capture_output=True)
            if started.returncode == 0:
                break
            if attempt == 2:
                started.check_returncode()
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
                       capture_output=True)
        shutil.rmtree(base, ignore_errors=True)
