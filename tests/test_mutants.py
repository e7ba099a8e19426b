"""Mutated sample workbooks: each one a located problem or a result, never a traceback, never an aborted process.

A mutant is a sample workbook with one of its XML parts changed a little (a span cut, doubled or replaced, a
number or attribute value swapped for a hostile one, a markup token put in, an attribute put at the end of a
cell, row or string-table tag, the part cut short), or a part left out, zipped again. This is how three crafted packages that aborted python-calamine were found (a
shared-string count of 2^32, a cell giving its place twice, a far reference behind a quoted '>'); their tokens
are among those put in. The mutants are read in a child process, so that an abort fails the test instead of
ending the test run; each is read, checked, scored and written to a ranked workbook.
"""
from __future__ import annotations

import io
import json
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

SAMPLES = [  # (rubric, bid workbook or panel sheet, kind)
    ("criteria/dev-staffing.yaml", "sample_bids/dev-staffing.xlsx", "bids"),
    ("criteria/cs-outsourcing.yaml", "sample_bids/cs-outsourcing", "form"),
    ("criteria/cs-outsourcing.yaml", "sample_bids/cs-outsourcing-panel.xlsx", "panel"),
]
TOKENS = [b'<c r="A1">', b"</c>", b"<v>", b"</v>", b"<row>", b"</row>", b't="s"', b't="e"', b't="b"', b't="d"',
          b't="str"', b't="inlineStr"', b"<is><t>x</t></is>", b"<f>1/0</f>", b"<f>A1*2</f><v>0</v>", b"999999999",
          b"-1", b"1e308", b"NaN", b"&amp;", b"&#0;", b"&#xD800;", b"\xff\xfe", b"\x00", b"<![CDATA[x]]>",
          b"<!-- -->", b'r="XFD1048576"', b' r="XFD1048576"', b's=">"', b'r="A0"', b'r=""', b"<c>",
          b"<v>2958466</v>", b's="999"', b"<si><t>y</t></si>", b'uniqueCount="4294967296"', b"<t>", b"</t>",
          b"<r><t>z</t></r>", b"9" * 40, b'<dimension ref="A1:XFD1048576"/>', b'<f t="shared" si="4294967295"/>']
NUMBERS = [b"0", b"-1", b"1e400", b"4294967296", b"65536", b"2958466", b"1048577", b"9" * 20, b"0.0000001"]
IN_TAG = [b' r="XFD1048576"', b' s=">" r="XFD1048576"', b'r="XFD1048576"', b" r='A1'", b' t="e"', b' s=">"']
VALUES = [b"", b"A1", b"e", b"s", b"b", b"n", b"d", b"XFD1", b"1", b"-5", b"str", b"inlineStr", b"ZZZZ9"]
READER = r"""
import io, json, sys, traceback
from pathlib import Path
from bideval.bids import Reading, read_bid_upload, read_bids
from bideval.errors import BidEvalError
from bideval.evaluation import check_bids, evaluate
from bideval.export import write_workbook
from bideval.panel import read_panel
from bideval.result import result_json
from bideval.rubric import load_rubric

for line in sys.stdin:
    rubric_path, kind, path, extra = json.loads(line)
    print(json.dumps({"file": path, "outcome": "started"}), flush=True)
    rubric = load_rubric(rubric_path)
    try:
        if kind == "panel":
            bidset = read_bids(rubric, [extra])
            checks = check_bids(rubric, bidset.bids)
            read_panel(rubric, bidset.bids, [v for v, c in checks.items() if not c.valid], [Path(path)])
        else:
            bidset = read_bid_upload(Reading.of(rubric), Path(path).name, Path(path).read_bytes())
            result = evaluate(rubric, bidset)
            result_json(result, "zh")
            write_workbook(result, io.BytesIO(), "en")
        outcome = "result"
    except BidEvalError as error:
        outcome = "problem" if all(str(p).startswith(Path(path).name) or path in str(p) for p in error.problems) \
            else "unlocated: " + "; ".join(map(str, error.problems))
    except Exception:
        outcome = "unexpected: " + traceback.format_exc()
    print(json.dumps({"file": path, "outcome": outcome}), flush=True)
"""


def mutate(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(1, 3)):
        if not data:
            return data
        i = rng.randrange(len(data))
        j = min(len(data), i + rng.randint(1, 64))
        op = rng.randrange(8)
        if op == 0:
            data = data[:i] + data[j:]
        elif op == 1:
            data = data[:i] + rng.choice(TOKENS) + data[i:]
        elif op == 2:
            data = data[:i] + data[i:j] * 2 + data[j:]
        elif op == 3:
            data = data[:i] + bytes([rng.randrange(256)]) + data[i + 1:]
        elif op == 4 and (numbers := list(re.finditer(rb"\d+(?:\.\d+)?", data))):
            found = rng.choice(numbers)
            data = data[:found.start()] + rng.choice(NUMBERS) + data[found.end():]
        elif op == 5 and (values := list(re.finditer(rb'="[^"]*"', data))):
            found = rng.choice(values)
            data = data[:found.start()] + b'="' + rng.choice(VALUES) + b'"' + data[found.end():]
        elif op == 6 and (tags := list(re.finditer(rb"<(?:c|row|sst) [^>]*?(?=/?>)", data))):  # at a tag's end
            found = rng.choice(tags)
            data = data[:found.end()] + rng.choice(IN_TAG) + data[found.end():]
        else:
            data = data[:i]
    return data


def mutant(rng: random.Random, source: Path) -> bytes:
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = [name for name in parts if name.endswith((".xml", ".rels"))]
    weights = [5 if "sheet" in name or "sharedStrings" in name else 1 for name in xml]
    name = rng.choices(xml, weights)[0]
    parts[name] = mutate(rng, parts[name])
    if rng.random() < 0.1:
        del parts[rng.choice(list(parts))]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part_name, data in parts.items():
            archive.writestr(part_name, data)
    return out.getvalue()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_mutant_is_a_located_problem_or_a_result(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    jobs = []
    for n in range(150):
        rubric, sample, kind = SAMPLES[n % len(SAMPLES)]
        source = ROOT / sample
        extra = ""
        if kind == "form":
            source = sorted(source.glob("*.xlsx"))[n % 3]
        if kind == "panel":
            extra = str(ROOT / "sample_bids" / "cs-outsourcing")
        path = tmp_path / f"mutant-{n}.xlsx"
        path.write_bytes(mutant(rng, source))
        jobs.append(json.dumps([str(ROOT / rubric), kind, str(path), extra]))
    done = subprocess.run([sys.executable, "-c", READER], input="\n".join(jobs) + "\n", capture_output=True,
                          text=True, cwd=ROOT, timeout=600)
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    last = lines[-1]["file"] if lines else None
    assert done.returncode == 0, f"the reader stopped ({done.returncode}) on {last}: {done.stderr[-2000:]}"
    outcomes = {line["file"]: line["outcome"] for line in lines}
    assert len(outcomes) == 150
    bad = {file: outcome for file, outcome in outcomes.items() if outcome not in ("problem", "result")}
    assert not bad, bad
    assert "Traceback" not in done.stderr
    kinds = set(outcomes.values())
    assert kinds == {"problem", "result"}  # both kinds met: the mutants are neither all refused nor all harmless
