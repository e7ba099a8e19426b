"""The first start on a new database: `python -m bideval.first_start` (what scripts/run.sh runs before the server)
prints the administrator's one-time password once and loads the sample tender once; a second start changes
nothing and prints nothing; the password printed is the one that signs in, and only until it is changed."""
from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from argon2.profiles import RFC_9106_LOW_MEMORY

from bideval.accounts import SignInRefused
from bideval.first_start import SAMPLE_NAME, SAMPLE_RUBRIC, prepare
from bideval.storage import Store
from conftest import ROOT, admin_of, meeting_clock


def first_start(url: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bideval.first_start"], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "DATABASE_URL": url}, timeout=300)


def test_the_first_start_prints_a_one_time_password_once_and_loads_the_sample_once(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    first = first_start(url)
    assert first.returncode == 0, first.stderr
    (password,) = re.findall(r"one-time password:\s+(\S+)", first.stderr)
    assert "首次启动" in first.stderr
    again = first_start(url)
    assert again.returncode == 0 and "password" not in again.stderr
    with sqlite3.connect(tmp_path / "new.sqlite3") as db:
        (stored,), = db.execute("SELECT password_hash FROM account WHERE username = 'admin'")
    db.close()
    # at argon2's recommended cost (RFC 9106), which the other tests lower in their own process (tests/conftest.py)
    assert stored.startswith(f"$argon2id$v=19$m={RFC_9106_LOW_MEMORY.memory_cost},t={RFC_9106_LOW_MEMORY.time_cost},"
                             f"p={RFC_9106_LOW_MEMORY.parallelism}$")
    store = Store(url)
    assert [t.name for t in store.tenders(admin_of(store))] == [SAMPLE_NAME]
    signed = store.accounts.sign_in("admin", password)
    assert signed.must_change_password
    store.accounts.change_password(signed.token, password, "a-password-of-my-own")
    with pytest.raises(SignInRefused):
        store.accounts.sign_in("admin", password)


def test_the_app_s_own_preparation_is_the_same_and_repeats_safely(tmp_path: Path, capsys):
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    admin = prepare(store)
    assert "one-time password" in capsys.readouterr().err
    (tender,) = store.tenders(admin)
    assert {(user, role) for user, _, role in store.members(admin, tender.id)} >= {("admin", "procurement"),
                                                                                ("admin", "chair")}
    prepare(store)
    assert capsys.readouterr().err == ""
    assert len(store.tenders(admin)) == 1


def test_two_replicas_starting_together_make_one_sample_tender(postgres_url, tmp_path: Path):
    """deploy/nginx.conf runs two replicas on one database, and each loads the sample on a database without tenders.
    Each waits at its clock, which it reads once it has found no tender and is about to create one, for the other to
    get as far (a second at most): both found none and both made a sample, until the test and the creation ran under
    one lock. Now one waits for the other's lock, then finds the tender (``prepare`` loads bids only into one it
    made)."""
    from test_storage import fresh_postgres

    url = fresh_postgres(postgres_url, tmp_path)
    admin = admin_of(Store(url))  # the administrator exists: the replicas race for the tender only
    clock, armed = meeting_clock(timeout=1)
    replicas = [Store(url, clock=clock), Store(url, clock=clock)]
    made: list[object] = []

    def start(replica: Store) -> None:
        try:
            made.append(replica.create_first_tender(admin, SAMPLE_NAME, SAMPLE_RUBRIC.read_text(encoding="utf-8"),
                                                    SAMPLE_RUBRIC.name))
        except BaseException as error:  # noqa: BLE001 - the failure is what the test reports
            made.append(error)

    armed.set()
    threads = [threading.Thread(target=start, args=(replica,)) for replica in replicas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    (sample,) = Store(url).tenders(admin)
    assert sorted(made, key=lambda x: x is not None) == [None, sample.id]
