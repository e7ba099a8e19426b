"""Golden outputs of the shipped rubrics: what every face of the tool writes for them.

``outputs()`` runs the tool on each shipped sample tender and returns, per file
name, the result JSON (exact text), the `check` table, and a dump of every
workbook the tool writes (ranked workbook, bid form, score sheet): each cell's
formula or value, its cached value and number format, and the data validations.
``tests/test_golden.py`` compares them with ``tests/data/golden/``, so a change
that moves any figure, label or formula of an existing rubric fails.

Regenerate (only when a change to these outputs is intended, and say so in the
commit): ``.venv/bin/python tests/golden.py --write``.
"""
from __future__ import annotations

import datetime
import io
import json
import os
import sys
from pathlib import Path
from typing import Any

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bideval.bids import read_bids  # noqa: E402
from bideval.evaluation import check_bids, run  # noqa: E402
from bideval.export import write_workbook  # noqa: E402
from bideval.panel import read_panel  # noqa: E402
from bideval.result import result_json  # noqa: E402
from bideval.rubric import load_rubric  # noqa: E402
from bideval.rubric_view import describe_rubric  # noqa: E402
from bideval.scoresheet import write_score_sheet  # noqa: E402
from bideval.template import write_bid_form  # noqa: E402
from bideval.tender import document_heading  # noqa: E402

GOLDEN = ROOT / "tests" / "data" / "golden"
TENDERS = {"cs-outsourcing": "sample_bids/cs-outsourcing", "it-outsourcing": "sample_bids/it-outsourcing",
           "dev-staffing": "sample_bids/dev-staffing.xlsx"}
LANGS = ("zh", "en")
FILED_ON = datetime.date(2026, 11, 30)


def workbook_dump(data: bytes) -> str:
    """Every cell of every sheet (formula or value, cached value, number format) and every data validation."""
    formulas = openpyxl.load_workbook(io.BytesIO(data))
    cached = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    out: dict[str, Any] = {}
    for sheet in formulas.worksheets:
        values = cached[sheet.title]
        cells = []
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                entry = [cell.coordinate, _plain(cell.value)]
                cached_value = values[cell.coordinate].value
                if cached_value != cell.value:
                    entry.append(_plain(cached_value))
                if cell.number_format != "General":
                    entry.append({"format": cell.number_format})
                cells.append(entry)
        validations = [
            {"cells": str(v.sqref), "type": v.type, "operator": v.operator, "formula1": v.formula1,
             "formula2": v.formula2, "prompt": v.prompt, "error": v.error}
            for v in sheet.data_validations.dataValidation
        ]
        out[sheet.title] = {"cells": cells, "validations": validations, "merged": sorted(map(str, sheet.merged_cells.ranges))}
    return _lines(out)


def _lines(dump: dict[str, Any]) -> str:
    """JSON with one cell or validation a line, so a diff shows exactly what moved."""
    parts = []
    for title, sheet in dump.items():
        rows = [json.dumps(entry, ensure_ascii=False, sort_keys=True) for entry in sheet["cells"] + sheet["validations"]]
        rows.append(json.dumps({"merged": sheet["merged"]}))
        parts.append(json.dumps(title, ensure_ascii=False) + ": [\n  " + ",\n  ".join(rows) + "\n]")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _plain(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)


def _bytes(write) -> bytes:
    buffer = io.BytesIO()
    write(buffer)
    return buffer.getvalue()


def outputs() -> dict[str, str]:
    """File name → text, for every shipped tender and both languages (run from the repository root)."""
    previous = os.getcwd()
    os.chdir(ROOT)  # relative paths, as a user types them, so the Audit sheet does not name this machine
    try:
        out: dict[str, str] = {}
        for tender, bids in TENDERS.items():
            criteria = f"criteria/{tender}.yaml"
            panel = f"sample_bids/{tender}-panel.xlsx"
            rubric = load_rubric(criteria)
            result = run(criteria, [bids], [panel])
            bidset = read_bids(rubric, [bids])
            checks = check_bids(rubric, bidset.bids)
            invalid = [v for v, c in checks.items() if not c.valid]
            tiers = read_panel(rubric, bidset.bids, invalid, [Path(panel)]).tiers
            valid = [b for b in bidset.bids if checks[b.vendor_id].valid]
            for lang in LANGS:
                out[f"{tender}.{lang}.json"] = result_json(result, lang, indent=2)  # readable diffs
                out[f"{tender}.{lang}.check.txt"] = describe_rubric(rubric, lang) + "\n"
                # A fixed date: the workbook states its date, which would otherwise be today's.
                heading = document_heading(result.rubric, on=FILED_ON)
                out[f"{tender}.{lang}.ranked.json"] = workbook_dump(
                    _bytes(lambda b: write_workbook(result, b, lang, heading)))
                out[f"{tender}.{lang}.bid_form.json"] = workbook_dump(_bytes(lambda b: write_bid_form(rubric, b, lang)))
                out[f"{tender}.{lang}.score_sheet.json"] = workbook_dump(
                    _bytes(lambda b: write_score_sheet(rubric, valid, tiers, "王评委", b, lang)))
        return out
    finally:
        os.chdir(previous)


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: golden.py --write   (rewrites tests/data/golden/ from the current code)")
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for old in GOLDEN.iterdir():
        old.unlink()
    for name, text in outputs().items():
        (GOLDEN / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(list(GOLDEN.iterdir()))} files to {GOLDEN}")
