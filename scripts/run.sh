#!/usr/bin/env bash
# Set up, then evaluate the sample tender and write its ranked workbook and JSON into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p out
exec .venv/bin/python -m bideval evaluate --criteria criteria/cs-outsourcing.yaml \
  --bids sample_bids/cs-outsourcing --panel sample_bids/cs-outsourcing-panel.xlsx \
  --out out/ranked.xlsx --json out/result.json "$@"
