#!/usr/bin/env bash
# Set up, then start the app on its embedded default: a SQLite file (data/bid_eval.sqlite3,
# or DATABASE_URL) with the sample tender loaded on first start.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The administrator's one-time password is printed here, on the first start, before anyone opens the page.
.venv/bin/python -m bideval.first_start
exec .venv/bin/streamlit run bid_eval.py "$@"
