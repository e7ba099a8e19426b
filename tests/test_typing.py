"""The package type-checks: `mypy bideval` with the pinned mypy and mypy.ini finds nothing.

A wrong type in the engine (a price that may be None multiplied, a match that may fail used) is a bug waiting for
the tender that triggers it; mypy finds many of them before any tender does.
"""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_mypy_finds_nothing_in_the_package():
    run = subprocess.run([sys.executable, "-m", "mypy", "bideval"], cwd=ROOT, capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Success: no issues found" in run.stdout
