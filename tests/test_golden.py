"""The shipped rubrics' outputs are unchanged, byte for byte: JSON, `check`, and every workbook's cells.

The golden files under tests/data/golden/ were written by ``tests/golden.py --write``
from the code before the rubric was restructured and extended (issue 7); a change
that moves a figure, a label, a formula or a validation of an existing rubric fails here.
"""
from __future__ import annotations

import json

import pytest

from bideval.cli import main
from golden import GOLDEN, LANGS, ROOT, TENDERS, outputs


@pytest.fixture(scope="module")
def current() -> dict[str, str]:
    return outputs()


def test_the_golden_set_is_complete(current):
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(current)


@pytest.mark.parametrize("name", sorted(p.name for p in GOLDEN.iterdir()))
def test_output_unchanged(current, name):
    assert current[name] == (GOLDEN / name).read_text(encoding="utf-8"), name


@pytest.mark.parametrize("tender", sorted(TENDERS))
@pytest.mark.parametrize("lang", LANGS)
def test_the_command_line_writes_the_golden_document_on_one_line_or_indented(tender, lang, tmp_path, monkeypatch,
                                                                             capsys):
    """`evaluate --json` writes the golden document on one compact line (key for key, figure for figure, no space
    after a comma or colon); with --indent, the golden file's bytes exactly."""
    monkeypatch.chdir(ROOT)
    golden = (GOLDEN / f"{tender}.{lang}.json").read_text(encoding="utf-8")
    args = ["evaluate", "--criteria", f"criteria/{tender}.yaml", "--bids", TENDERS[tender],
            "--panel", f"sample_bids/{tender}-panel.xlsx", "--lang", lang]
    assert main([*args, "--json", str(tmp_path / "one-line.json")]) == 0
    assert main([*args, "--json", str(tmp_path / "indented.json"), "--indent"]) == 0
    one_line = (tmp_path / "one-line.json").read_text(encoding="utf-8")
    assert one_line == json.dumps(json.loads(golden), ensure_ascii=False, separators=(",", ":")) + "\n"
    assert one_line.count("\n") == 1
    assert (tmp_path / "indented.json").read_text(encoding="utf-8") == golden
