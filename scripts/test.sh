#!/usr/bin/env bash
# Set up everything the tests need, then run every test, one pytest worker per core (at most 4): each worker takes
# whole test files (module fixtures are set up once) and starts its own PostgreSQL server when it needs one.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
# PYTEST_WORKERS=1 runs them in this one process (pytest's own options then work unchanged: -p no:xdist, --pdb…)
workers=${PYTEST_WORKERS:-$(nproc 2>/dev/null || echo 1)}
if (( workers > 4 )); then workers=4; fi
if (( workers > 1 )); then
  exec .venv/bin/python -m pytest -n "$workers" --dist loadfile "$@"
fi
exec .venv/bin/python -m pytest "$@"
