#!/usr/bin/env python3
"""Benchmark: how fast bid-eval reads and evaluates a large tender, against a floor and a peer.

Run from the repository root with the project's virtualenv:

    .venv/bin/python benchmarks/bench.py            # full: 2,000 bid forms, 50,000-row workbook
    .venv/bin/python benchmarks/bench.py --quick    # smoke run: 200 forms, 5,000 rows
    .venv/bin/python benchmarks/bench.py --phases   # also: wall/CPU seconds per step of run()
    .venv/bin/python benchmarks/bench.py --profile-only --profile cprofile   # top 15 functions per layout
    .venv/bin/python benchmarks/bench.py --scaling 200,2000,20000 --only none  # how the cost grows with forms

Scenarios (rubric criteria/cs-outsourcing.yaml):

* ``forms``        — N bid forms, one workbook per vendor (sheet ``Bid``), no panel;
* ``consolidated`` — one workbook, sheet ``Bids``, a header row and M vendor rows, no panel;
* ``forms+panel``  — the same N bid forms plus one panel workbook (5 judges: Judges, Tiers, Scores).

For each scenario, best of ``--repeat`` runs (default 3):

* floor — a bare python-calamine read of the same files, in this process:
  ``CalamineWorkbook.from_path(p).get_sheet_by_name(s).to_python()`` per file and sheet;
* peer — what a hand-written script does, in this process:
  ``pandas.read_excel(p, sheet_name=s, engine="openpyxl")`` per file and sheet;
* ours (subprocess) — ``python -m bideval evaluate --criteria … --bids … --json out.json``,
  interpreter start-up and imports included;
* ours (in-process) — ``bideval.evaluation.run(...)`` + ``result_json(...)``, imports excluded, the cycle
  collector off as the command line has it.

Goals (informative only; the script always exits 0): ours/floor <= 3 and ours/peer <= 0.5,
with "ours" the subprocess figure (what a user waits for). The in-process ratios are printed too.

Peak memory (resident set size, RSS) of each contestant is measured in a process of its own:
the floor's and the peer's reads in a child ``python -c`` (interpreter and imports included),
ours as the ``evaluate`` subprocess. Its peak is the larger of the kernel's high-water mark
(``wait4``'s ``ru_maxrss``: its largest single process) and the RSS of its whole process tree (the
watcher, the watched command, reading workers), sampled every 10 ms; forked pages shared by two
processes are counted twice.

``--scaling`` adds the third scenario: the same command on 200, 2,000 and 20,000 bid forms
(sizes of your choice), with seconds and memory per form, to show the cost grows linearly.

bideval's modules are compiled to bytecode once before timing (``compileall``, and the
dataclasses' methods: bideval/dataclass_methods.py), as an installed package is: a subprocess
then does not compile them again on every run even when PYTHONDONTWRITEBYTECODE is set.

Test data is generated once with a fixed seed and cached under benchmarks/generated/
(git-ignored), keyed by size and seed; ``--regenerate`` forces it. Generation is never timed.
This is a script, not a pytest test.
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import platform
import pstats
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GENERATED = HERE / "generated"
CRITERIA = REPO / "criteria" / "cs-outsourcing.yaml"
PYTHON = sys.executable

# Bumped whenever the generator changes, so a stale cache is never reused.
GENERATOR_VERSION = 1
SEED = 20240601

FULL_FORMS, FULL_ROWS = 2_000, 50_000
QUICK_FORMS, QUICK_ROWS = 200, 5_000
JUDGES = ("张评委", "李评委", "王评委", "赵评委", "陈评委")

GOAL_FLOOR = 3.0  # ours / floor <= 3
GOAL_PEER = 0.5  # ours / peer <= 0.5
# The peer is repeated only while its repeats fit this many seconds (openpyxl on 50,000 rows is slow).
PEER_REPEAT_BUDGET_S = 60.0

# --------------------------------------------------------------------------- realistic bid data

# The demand profile and ceiling of criteria/cs-outsourcing.yaml (kept here so the generator
# can say which bids it meant to be valid; the run is checked against bideval's verdict).
SEATS, MONTHS, CALLS_PER_MONTH, SALES_PER_MONTH = 30, 12, 50_000, 2_000_000
BUDGET_CEILING = Decimal(1_980_000)

CITIES = (
    ("广西南宁市", "450100"), ("广西柳州市", "450200"), ("广西桂林市", "450300"), ("广东广州市", "440100"),
    ("广东深圳市", "440300"), ("北京市朝阳区", "110105"), ("上海市浦东新区", "310115"), ("浙江杭州市", "330106"),
    ("四川成都市", "510107"), ("湖北武汉市", "420106"), ("湖南长沙市", "430104"), ("江苏南京市", "320105"),
)
BRANDS = ("华信", "鼎讯", "联创", "锦程", "恒通", "云帆", "博远", "汇智", "中科", "天成", "融信", "星河",
          "瑞达", "宏图", "新越", "卓越", "聚能", "佳和", "海川", "东方", "易联", "讯达", "盛世", "金桥")
TRADES = ("信息技术", "客户服务", "呼叫中心服务", "通信技术", "人力资源服务", "数字科技", "外包服务", "网络科技")
SUFFIXES = ("有限公司", "股份有限公司", "有限责任公司")
STREETS = ("民族大道", "青秀路", "金湖路", "东葛路", "中山路", "科园大道", "高新大道", "天河路")

CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, S, V, Z
CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

MODEL_SPELLINGS = {
    "per_seat_month": ("per_seat_month", "按席位按月计费", "Per seat-month"),
    "lump_sum": ("lump_sum", "总价包干", "Lump sum"),
    "per_call": ("per_call", "按通计费", "Per call"),
    "base_plus_commission": ("base_plus_commission", "基础服务费加佣金", "Base fee plus commission"),
    "per_unit_month": ("per_unit_month", "按计价单位按月计费"),  # a known model the rubric does not allow
}


def credit_code(rng: random.Random, region: str) -> str:
    """A unified social credit code with correct check characters (GB 11714 and GB 32100)."""
    org = [rng.randrange(10) for _ in range(8)]
    check = 11 - sum(d * w for d, w in zip(org, ORG_WEIGHTS)) % 11
    org_code = "".join(map(str, org)) + ("X" if check == 10 else "0" if check == 11 else str(check))
    body = "91" + region + org_code
    total = sum(CODE_ALPHABET.index(c) * w for c, w in zip(body, CODE_WEIGHTS))
    return body + CODE_ALPHABET[(31 - total % 31) % 31]


def pick(rng: random.Random, weighted: tuple[tuple[Any, float], ...]) -> Any:
    values, weights = zip(*weighted)
    return rng.choices(values, weights)[0]


def yes_no(rng: random.Random, p_yes: float, p_empty: float = 0.0) -> tuple[Any, bool | None]:
    """A bool cell as vendors type it: (cell value, meaning)."""
    roll = rng.random()
    if roll < p_empty:
        return None, None
    meaning = rng.random() < p_yes
    spellings = (("是", 0.45), ("√", 0.1), ("yes", 0.1), ("Y", 0.05), (1, 0.1), ("BOOL", 0.2)) if meaning else \
        (("否", 0.5), ("×", 0.1), ("no", 0.1), ("N", 0.05), (0, 0.1), ("BOOL", 0.15))
    cell = pick(rng, spellings)
    return (meaning if cell == "BOOL" else cell), meaning


def money_text(rng: random.Random, yuan: Decimal) -> Any:
    """A yuan amount in one of the spellings bidders use."""
    style = rng.random()
    if style < 0.35:
        return float(yuan)
    if style < 0.6:
        return f"¥{yuan:,.2f}"
    if style < 0.75:
        return f"{yuan:,.2f}"
    if style < 0.85:
        return f"{yuan}元"
    if style < 0.92 and yuan >= 10_000:
        return f"{(yuan / 10_000).normalize():f}万"
    return f"￥{yuan:,.2f}"  # full-width yen, NFKC makes it ¥


def percent_cell(rng: random.Random, fraction: Decimal, places: int) -> Any:
    """A percent as a number cell (Excel stores 96 % as 0.96) or as text such as '96.5%'."""
    if rng.random() < 0.55:
        return float(round(fraction, places + 2))
    percent = round(fraction * 100, places)
    return rng.choice((f"{percent}%", f"{percent} %", f"{percent}％"))


def number_cell(rng: random.Random, value: Any, p_text: float = 0.25) -> Any:
    return str(value) if rng.random() < p_text else value


@dataclass
class Vendor:
    """One generated bid: cell values by field id, and whether the generator meant it valid."""

    cells: dict[str, Any]
    valid: bool


def make_vendor(rng: random.Random, code: str) -> Vendor:
    cells: dict[str, Any] = {}
    valid = True
    city, _ = rng.choice(CITIES)
    roll = rng.random()
    cells["vendor_id"] = code.lower() if roll < 0.02 else f"{code[:8]} {code[8:]}" if roll < 0.04 else code
    cells["vendor_name"] = f"{city}{rng.choice(BRANDS)}{rng.choice(BRANDS)}{rng.choice(TRADES)}{rng.choice(SUFFIXES)}"
    cells["sme"], _ = yes_no(rng, 0.55, p_empty=0.1)

    cells["business_license"], licence = yes_no(rng, 0.97, p_empty=0.01)
    cells["no_bad_record"], record = yes_no(rng, 0.985, p_empty=0.01)
    valid &= bool(licence) and bool(record)
    mode = pick(rng, (("驻场运营", 0.55), ("离场运营", 0.39), ("人力外包", 0.06)))
    cells["operation_mode"] = mode
    valid &= mode != "人力外包"
    if mode == "离场运营":
        cells["service_site"] = f"{city}{rng.choice(STREETS)}{rng.randint(1, 399)}号{rng.randint(1, 30)}楼"
    if rng.random() < 0.7:
        cells["itss_level"] = number_cell(rng, pick(rng, ((1, 0.1), (2, 0.3), (3, 0.4), (4, 0.2))))
    cells["iso9001"], _ = yes_no(rng, 0.7, p_empty=0.1)
    cells["call_centre_licence"], _ = yes_no(rng, 0.8, p_empty=0.05)

    capital = Decimal(round(10 ** rng.uniform(2, 4)))  # 100 .. 10,000 万元
    style = rng.random()
    cells["registered_capital"] = (
        float(capital) if style < 0.45 else f"{capital:,}" if style < 0.6 else f"{capital}万" if style < 0.75
        else f"{capital}万元" if style < 0.85 else f"¥{capital * 10_000:,}"
    )
    cells["similar_projects"] = number_cell(rng, rng.randint(0, 12), 0.2)
    cells["repeat_call_rate"] = percent_cell(rng, Decimal(rng.randint(1200, 1900)) / 10_000, 1)
    cells["dial_test_accuracy"] = percent_cell(rng, Decimal(rng.randint(900, 990)) / 1000, 1)
    cells["monitoring_accuracy"] = percent_cell(rng, Decimal(rng.randint(880, 980)) / 1000, 1)
    cells["support_rate"] = percent_cell(rng, Decimal(rng.randint(950, 1150)) / 100_000, 3)
    cells["complaints_per_10k"] = number_cell(rng, round(rng.uniform(2, 6), 1), 0.3)

    model = pick(rng, (("per_seat_month", 0.35), ("lump_sum", 0.3), ("per_call", 0.15),
                       ("base_plus_commission", 0.15), ("per_unit_month", 0.02), (None, 0.03)))
    if model is None or model == "per_unit_month":
        valid = False
    if model is not None:
        cells["price_model"] = rng.choice(MODEL_SPELLINGS[model])
    quoted = None
    parameters: dict[str, Any] = {}
    if model == "per_seat_month":
        rate = Decimal(rng.randint(4300, 5600))
        parameters["rate_per_seat_month"] = money_text(rng, rate)
        quoted = rate * SEATS * MONTHS
    elif model == "per_call":
        rate = Decimal(rng.randint(70, 99)) / 100
        parameters["rate_per_call"] = rng.choice((float(rate), f"{rate}元", f"¥{rate}"))
        quoted = rate * CALLS_PER_MONTH * MONTHS
    elif model == "lump_sum":
        total = Decimal(rng.randint(88_000, 205_000)) * 10
        parameters["total_price"] = money_text(rng, total)
        quoted = total
    elif model == "base_plus_commission":
        base = Decimal(rng.randint(1300, 1800))
        commission = Decimal(rng.randint(10, 30)) / 1000
        parameters["base_per_seat_month"] = money_text(rng, base)
        parameters["commission_rate"] = rng.choice((float(commission), f"{commission * 100:.1f}%"))
        quoted = base * SEATS * MONTHS + commission * SALES_PER_MONTH * MONTHS
    if parameters and rng.random() < 0.02:
        parameters.pop(rng.choice(sorted(parameters)))  # a price parameter left empty
        valid = False
    elif quoted is not None and quoted > BUDGET_CEILING:
        valid = False
    cells.update(parameters)
    return Vendor(cells, valid)


def make_vendors(count: int, seed: int) -> list[Vendor]:
    rng = random.Random(seed)
    codes: set[str] = set()
    vendors = []
    while len(vendors) < count:
        code = credit_code(rng, rng.choice(CITIES)[1])
        if code in codes:
            continue
        codes.add(code)
        vendors.append(make_vendor(rng, code))
    return vendors


# --------------------------------------------------------------------------- writing the workbooks

def _bid_fields():
    from bideval.rubric import load_rubric

    return load_rubric(CRITERIA).bid_fields


def _write_value(sheet: Any, row: int, col: int, value: Any, percent: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, (int, float)):
        sheet.write_number(row, col, value, percent)
    else:
        sheet.write_string(row, col, value)


def write_forms(folder: Path, vendors: list[Vendor]) -> None:
    """One bid form per vendor: sheet Bid, A field id, B label, C value, D unit (formats.md §2)."""
    import xlsxwriter

    fields = _bid_fields()
    folder.mkdir(parents=True)
    width = len(str(len(vendors)))
    for i, vendor in enumerate(vendors, 1):
        book = xlsxwriter.Workbook(str(folder / f"bid-{i:0{width}d}.xlsx"),
                                   {"strings_to_numbers": False, "strings_to_formulas": False,
                                    "strings_to_urls": False})
        pct = book.add_format({"num_format": "0.00%"})
        head = book.add_format({"bold": True})
        sheet = book.add_worksheet("Bid")
        for c, title in enumerate(("字段", "项目", "填写内容", "单位/说明")):
            sheet.write_string(0, c, title, head)
        for r, f in enumerate(fields, 1):
            sheet.write_string(r, 0, f.id)
            sheet.write_string(r, 1, f.label.both())
            _write_value(sheet, r, 2, vendor.cells.get(f.id), pct if f.type.value == "percent" else None)
            if f.unit:
                sheet.write_string(r, 3, f.unit)
        book.close()


def write_consolidated(path: Path, vendors: list[Vendor]) -> None:
    """One workbook, sheet Bids: a header row of field ids, one vendor per row (constant_memory)."""
    import xlsxwriter

    fields = _bid_fields()
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False,
                                           "strings_to_formulas": False, "strings_to_urls": False})
    pct = book.add_format({"num_format": "0.00%"})
    sheet = book.add_worksheet("Bids")
    for c, f in enumerate(fields):
        sheet.write_string(0, c, f.id)
    formats = [pct if f.type.value == "percent" else None for f in fields]
    ids = [f.id for f in fields]
    for r, vendor in enumerate(vendors, 1):
        cells = vendor.cells
        for c, fid in enumerate(ids):
            _write_value(sheet, r, c, cells.get(fid), formats[c])
    book.close()


def write_panel(path: Path, vendors: list[Vendor], seed: int) -> None:
    """A panel workbook for the valid bids: Judges, agreed Tiers for ops_plan, every judge's Scores."""
    import xlsxwriter

    rng = random.Random(seed + 1)
    tiers = (("t1", "一档", 0.0, 5.0), ("t2", "二档", 5.1, 10.0), ("t3", "三档", 10.1, 15.0))
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False,
                                           "strings_to_formulas": False, "strings_to_urls": False})
    judges = book.add_worksheet("Judges")
    judges.write_string(0, 0, "judge")
    for r, name in enumerate(JUDGES, 1):
        judges.write_string(r, 0, name)
    agreed = {}
    tier_sheet = book.add_worksheet("Tiers")
    for c, title in enumerate(("vendor_id", "criterion", "tier")):
        tier_sheet.write_string(0, c, title)
    row = 1
    for vendor in vendors:
        if not vendor.valid:
            continue
        tier = pick(rng, ((tiers[0], 0.2), (tiers[1], 0.5), (tiers[2], 0.3)))
        agreed[vendor.cells["vendor_id"]] = tier
        tier_sheet.write_string(row, 0, vendor.cells["vendor_id"])
        tier_sheet.write_string(row, 1, rng.choice(("ops_plan", "运营管理能力")))
        tier_sheet.write_string(row, 2, rng.choice(tier[:2]))
        row += 1
    scores = book.add_worksheet("Scores")
    for c, title in enumerate(("judge", "vendor_id", "criterion", "score", "comment")):
        scores.write_string(0, c, title)
    row = 1
    for judge in JUDGES:
        for vendor_id, tier in agreed.items():
            for criterion, low, high in (("ops_plan", tier[2], tier[3]), ("service_design", 0.0, 5.0)):
                scores.write_string(row, 0, judge)
                scores.write_string(row, 1, vendor_id)
                scores.write_string(row, 2, criterion)
                scores.write_number(row, 3, round(rng.uniform(low, high), 1))
                if rng.random() < 0.1:
                    scores.write_string(row, 4, "方案较完整")
                row += 1
    book.close()


@dataclass
class Dataset:
    """Generated inputs of one size, and what the generator meant."""

    forms: Path  # folder of bid forms
    panel: Path
    consolidated: Path
    manifest: dict[str, Any]


def dataset(forms: int, rows: int, seed: int, regenerate: bool) -> Dataset:
    """The cached inputs for these sizes, generating what is missing (never timed)."""
    forms_dir, forms_manifest = generated("forms", forms, seed, regenerate)
    cons_dir, cons_manifest = generated("consolidated", rows, seed, regenerate)
    return Dataset(forms_dir / "bids", forms_dir / "panel.xlsx", cons_dir / "bids.xlsx",
                   {"forms": forms_manifest, "consolidated": cons_manifest})


def generated(kind: str, count: int, seed: int, regenerate: bool) -> tuple[Path, dict[str, Any]]:
    """The folder of one generated input (``forms``: bid forms and a panel; ``consolidated``: one workbook)."""
    folder = GENERATED / f"{kind}-{count}-seed{seed}-v{GENERATOR_VERSION}"
    marker = folder / "manifest.json"
    if regenerate and folder.exists():
        shutil.rmtree(folder)
    if not marker.exists():  # absent or half-written: start again
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        started = time.perf_counter()
        print(f"generating {kind}: {count:,} vendors (seed {seed}) in {folder.relative_to(REPO)} …", flush=True)
        vendors = make_vendors(count, seed)
        if kind == "forms":
            write_forms(folder / "bids", vendors)
            write_panel(folder / "panel.xlsx", vendors, seed)
        else:
            write_consolidated(folder / "bids.xlsx", vendors)
        info = {"kind": kind, "vendors": count, "seed": seed, "generator": GENERATOR_VERSION,
                "valid": sum(v.valid for v in vendors), "invalid": sum(not v.valid for v in vendors),
                "seconds": round(time.perf_counter() - started, 1)}
        marker.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
        print(f"  done in {info['seconds']} s: {info['valid']:,} meant valid, {info['invalid']:,} invalid",
              flush=True)
    return folder, json.loads(marker.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- timing

@dataclass
class Scenario:
    name: str
    label: str
    files: list[tuple[Path, str]]  # (workbook, sheet) pairs the floor and the peer read
    bids: list[Path]  # what --bids gets
    panel: list[Path]
    expected: dict[str, int]  # valid / invalid as generated


@dataclass
class Timing:
    best: float
    runs: list[float]
    note: str = ""


@dataclass
class Row:
    scenario: Scenario
    floor: Timing
    peer: Timing
    sub: Timing
    inproc: Timing
    checked: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    memory: dict[str, int] = field(default_factory=dict)  # floor / peer / ours → peak RSS in bytes


def best_of(repeat: int, work: Callable[[], Any], budget: float | None = None) -> Timing:
    runs: list[float] = []
    note = ""
    for i in range(repeat):
        gc.collect()
        started = time.perf_counter()
        work()
        runs.append(time.perf_counter() - started)
        if budget is not None and i == 0 and repeat > 1 and runs[0] * (repeat - 1) > budget:
            note = f"1 run (first took {runs[0]:.1f} s; repeats skipped to keep the run short)"
            break
    return Timing(min(runs), runs, note)


def floor_read(files: list[tuple[Path, str]]) -> None:
    from python_calamine import CalamineWorkbook

    for path, sheet in files:
        CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def peer_read(files: list[tuple[Path, str]]) -> None:
    import pandas

    for path, sheet in files:
        pandas.read_excel(path, sheet_name=sheet, engine="openpyxl")


def bideval_command(scenario: Scenario, out: Path) -> list[str]:
    command = [PYTHON, "-m", "bideval", "evaluate", "--criteria", str(CRITERIA),
               "--bids", *map(str, scenario.bids), "--json", str(out)]
    if scenario.panel:
        command += ["--panel", *map(str, scenario.panel)]
    return command


def ours_subprocess(scenario: Scenario, out: Path, peaks: list[int] | None = None) -> None:
    returncode, stderr, peak = run_measured(bideval_command(scenario, out))
    if returncode != 0:
        raise SystemExit(f"bideval evaluate failed (exit {returncode}) on {scenario.name}:\n{stderr[-4000:]}")
    if peaks is not None:
        peaks.append(peak)


# A process forked from a large one starts with the large one's peak RSS as its own (Linux keeps the
# high-water mark across exec), so every measured command is started by this small launcher,
# itself started before the benchmark imports pandas: its ~10 MB is below any real figure.
LAUNCHER = r"""
import json, os, subprocess, sys, tempfile, threading
from pathlib import Path

def process_rss(pid):
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    rss = next((line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")), "0")
    return int(rss) * 1024

def descendants_rss(pid):
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0
    return sum(process_rss(int(child)) + descendants_rss(int(child)) for child in children)

for line in sys.stdin:
    request = json.loads(line)
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(request["command"], cwd=request["cwd"], stdout=subprocess.DEVNULL, stderr=err)
        tree = [0]
        stop = threading.Event()
        def sample():
            while not stop.wait(0.01):
                tree[0] = max(tree[0], process_rss(process.pid) + descendants_rss(process.pid))
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        stop.set()
        sampler.join()
        err.seek(0)
        reply = {"returncode": os.waitstatus_to_exitcode(status), "stderr": err.read().decode("utf-8", "replace"),
                 "peak": max(usage.ru_maxrss * 1024, tree[0])}
    print(json.dumps(reply), flush=True)
"""
_launcher: subprocess.Popen | None = None


def start_launcher() -> None:
    """Start the small process that runs every measured command (before anything large is imported)."""
    global _launcher
    _launcher = subprocess.Popen([PYTHON, "-c", LAUNCHER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 text=True, encoding="utf-8")


def run_measured(command: list[str]) -> tuple[int, str, int]:
    """Run ``command`` through the launcher; its exit status, stderr and peak RSS in bytes.

    The peak is the larger of the kernel's high-water mark (``wait4``'s ``ru_maxrss``: the largest one process
    of the command's, its own or a child's it waited for) and the RSS of the command's whole process tree, sampled
    every 10 ms (the watcher, the watched command and its reading workers, together).
    """
    assert _launcher is not None and _launcher.stdin is not None and _launcher.stdout is not None
    _launcher.stdin.write(json.dumps({"command": command, "cwd": str(REPO)}) + "\n")
    _launcher.stdin.flush()
    reply = json.loads(_launcher.stdout.readline())
    return reply["returncode"], reply["stderr"], reply["peak"]


READER_CODE = {
    "floor": ("from python_calamine import CalamineWorkbook\n"
              "for path, sheet in FILES:\n"
              "    CalamineWorkbook.from_path(path).get_sheet_by_name(sheet).to_python()\n"),
    "peer": ("import pandas\n"
             "for path, sheet in FILES:\n"
             "    pandas.read_excel(path, sheet_name=sheet, engine='openpyxl')\n"),
}


def reader_memory(kind: str, files: list[tuple[Path, str]]) -> int:
    """Peak RSS in bytes of a fresh interpreter doing the floor's or the peer's read of ``files``."""
    listing = json.dumps([(str(p), s) for p, s in files])
    code = f"import json\nFILES = json.loads({listing!r})\n" + READER_CODE[kind]
    with tempfile.NamedTemporaryFile("w", suffix=".py", encoding="utf-8", delete=False) as script:
        script.write(code)
    try:
        returncode, stderr, peak = run_measured([PYTHON, script.name])
    finally:
        os.unlink(script.name)
    if returncode != 0:
        raise SystemExit(f"the {kind} read failed (exit {returncode}):\n{stderr[-4000:]}")
    return peak


def ours_inprocess(scenario: Scenario) -> str:
    """What ``evaluate --json`` does once imported: run and result_json, the cycle collector off as there."""
    from bideval.evaluation import run
    from bideval.result import result_json

    collecting = gc.isenabled()
    gc.disable()
    try:
        return result_json(run(CRITERIA, scenario.bids, scenario.panel), "zh")
    finally:
        if collecting:
            gc.enable()


def check_result(scenario: Scenario, text: str) -> str:
    """Whether bideval agrees with the generator on which bids are valid."""
    document = json.loads(text)
    ranked, invalid = len(document["ranking"]), len(document["invalid"])
    meant = scenario.expected
    agree = (ranked, invalid) == (meant["valid"], meant["invalid"])
    return (f"{ranked:,} ranked + {invalid:,} invalid, status {document['status']} "
            f"({'as generated' if agree else 'generator meant %d + %d' % (meant['valid'], meant['invalid'])})")


def startup(repeat: int, code: str) -> Timing:
    return best_of(max(repeat, 5), lambda: run_measured([PYTHON, "-c", code]))


def time_scenario(scenario: Scenario, repeat: int, work_dir: Path) -> Row:
    print(f"\n== {scenario.name}: {scenario.label}", flush=True)
    floor_read(scenario.files)  # warm the page cache so no contestant pays for the disk
    floor = best_of(repeat, lambda: floor_read(scenario.files))
    print(f"  floor (calamine)          {_runs(floor)}", flush=True)
    peer = best_of(repeat, lambda: peer_read(scenario.files), PEER_REPEAT_BUDGET_S)
    print(f"  peer (pandas + openpyxl)  {_runs(peer)}{'  ' + peer.note if peer.note else ''}", flush=True)
    out = work_dir / f"{scenario.name}.json"
    peaks: list[int] = []
    sub = best_of(repeat, lambda: ours_subprocess(scenario, out, peaks))
    print(f"  ours (subprocess)         {_runs(sub)}   peak RSS {_mb(max(peaks))}", flush=True)
    memory = {"floor": reader_memory("floor", scenario.files), "peer": reader_memory("peer", scenario.files),
              "ours": max(peaks)}
    print(f"  peak RSS: floor {_mb(memory['floor'])}, peer {_mb(memory['peer'])}, ours {_mb(memory['ours'])}",
          flush=True)
    texts: list[str] = []
    inproc = best_of(repeat, lambda: texts.append(ours_inprocess(scenario)))
    print(f"  ours (in-process)         {_runs(inproc)}", flush=True)
    same = texts[-1] == out.read_text(encoding="utf-8")
    checked = check_result(scenario, texts[-1]) + ("" if same else "; in-process JSON differs from the CLI's!")
    print(f"  result: {checked}", flush=True)
    texts.clear()
    return Row(scenario, floor, peer, sub, inproc, checked, memory=memory)


def _mb(size: int) -> str:
    return f"{size / 1e6:.0f} MB"


def _runs(t: Timing) -> str:
    return f"best {t.best:7.3f} s   runs: " + ", ".join(f"{r:.3f}" for r in t.runs)


@dataclass
class Growth:
    """One size of the scaling scenario."""

    forms: int
    floor: Timing
    ours: Timing
    peak: int  # ours, bytes
    checked: str


@dataclass
class Startup:
    """What importing bideval's evaluate path costs before any bid is read."""

    seconds: float
    rss: int


def scaling(sizes: list[int], seed: int, repeat: int, regenerate: bool,
            work_dir: Path) -> tuple[list[Growth], Startup]:
    """The forms scenario at each size: floor and ours, time and peak RSS; and ours' start-up."""
    code = "import bideval.cli, bideval.evaluation, bideval.result, python_calamine"
    start = Startup(startup(repeat, code).best, run_measured([PYTHON, "-c", code])[2])
    out = []
    for count in sizes:
        folder, manifest = generated("forms", count, seed, regenerate)
        files = sorted((folder / "bids").glob("*.xlsx"))
        scenario = Scenario("forms", f"{count:,} bid forms", [(p, "Bid") for p in files], [folder / "bids"], [],
                            manifest)
        print(f"\n== scaling: {scenario.label}", flush=True)
        floor_read(scenario.files)  # warm the page cache
        floor = best_of(repeat, lambda: floor_read(scenario.files))
        print(f"  floor (calamine)          {_runs(floor)}", flush=True)
        result = work_dir / f"scaling-{count}.json"
        peaks: list[int] = []
        ours = best_of(repeat, lambda: ours_subprocess(scenario, result, peaks))
        print(f"  ours (subprocess)         {_runs(ours)}   peak RSS {_mb(max(peaks))}", flush=True)
        checked = check_result(scenario, result.read_text(encoding="utf-8"))
        out.append(Growth(count, floor, ours, max(peaks), checked))
    return out, start


GROWTH_HEADERS = ("bid forms", "floor s", "ours s", "ours/floor", "ours ms per form",
                  "ours ms per form after start-up", "ours peak RSS", "RSS per form after start-up")


def growth_rows(rows: list[Growth], start: Startup) -> list[tuple[str, ...]]:
    return [(f"{g.forms:,}", f"{g.floor.best:.3f}", f"{g.ours.best:.3f}", f"{g.ours.best / g.floor.best:.2f}",
             f"{1000 * g.ours.best / g.forms:.3f}", f"{1000 * (g.ours.best - start.seconds) / g.forms:.3f}",
             _mb(g.peak), f"{max(g.peak - start.rss, 0) / g.forms / 1e3:.1f} KB") for g in rows]


# --------------------------------------------------------------------------- reporting

def machine_info() -> list[str]:
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), cpu)
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = []
    for name in ("bid-eval", "python-calamine", "openpyxl", "xlsxwriter", "pandas", "numpy", "PyYAML"):
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            if name == "bid-eval":
                import bideval

                versions.append(f"bideval {bideval.__version__} (source tree)")
    return [
        f"python {platform.python_version()} ({platform.python_implementation()}) on {platform.platform()}",
        f"cpu: {cpu or 'unknown'}; os.cpu_count() = {os.cpu_count()}, usable = {usable}",
        "packages: " + ", ".join(versions),
        f"bideval source: {_git_state()}",
        f"load average at start: {_load()} (other work on the machine makes timings noisy)",
        *(["PYTHONDONTWRITEBYTECODE is set: bideval's .pyc files are written once before timing (compileall), "
           "so no subprocess compiles its modules afresh; other packages' must already exist"]
          if os.environ.get("PYTHONDONTWRITEBYTECODE") else []),
    ]


def _git_state() -> str:
    """The commit of the source tree measured, and whether bideval/ differs from it."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "bideval"], cwd=REPO, capture_output=True,
                               text=True, check=True).stdout.split("\n")
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"
    changed = [line[3:] for line in dirty if line.strip()]
    return f"commit {head}" + (f" + uncommitted changes in {', '.join(changed)}" if changed else "")


def _load() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1 / 5 / 15 min)"
    except OSError:
        return "unknown"


HEADERS = ("scenario", "floor s", "peer s", "ours (subprocess) s", "ours (in-process) s",
           "ours/floor", "ours/peer", "peak RSS floor / peer / ours")


def table_rows(rows: list[Row]) -> list[tuple[str, ...]]:
    out = []
    for row in rows:
        peer = f"{row.peer.best:.3f}" + ("*" if row.peer.note else "")
        out.append((row.scenario.label, f"{row.floor.best:.3f}", peer, f"{row.sub.best:.3f}",
                    f"{row.inproc.best:.3f}",
                    f"{row.sub.best / row.floor.best:.2f} (in-proc {row.inproc.best / row.floor.best:.2f})",
                    f"{row.sub.best / row.peer.best:.2f} (in-proc {row.inproc.best / row.peer.best:.2f})",
                    " / ".join(_mb(row.memory[k]) for k in ("floor", "peer", "ours"))))
    return out


def print_table(rows: list[Row]) -> None:
    body = table_rows(rows)
    widths = [max(len(h), *(len(r[i]) for r in body)) for i, h in enumerate(HEADERS)]
    line = "  ".join(h.ljust(w) for h, w in zip(HEADERS, widths))
    print(line)
    print("-" * len(line))
    for r in body:
        print("  ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(r, widths))))


def goals(rows: list[Row]) -> list[str]:
    lines = []
    for row in rows:
        for name, base, limit in (("ours/floor", row.floor.best, GOAL_FLOOR), ("ours/peer", row.peer.best, GOAL_PEER)):
            ratio = row.sub.best / base
            inproc = row.inproc.best / base
            verdict = "PASS" if ratio <= limit else "MISS"
            lines.append(f"{verdict}  {row.scenario.label}: {name} = {ratio:.2f} (goal <= {limit:g}; "
                         f"in-process {inproc:.2f}, {'PASS' if inproc <= limit else 'MISS'})")
    return lines


def markdown(rows: list[Row], context: list[str]) -> str:
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "|".join(["---"] + ["---:"] * (len(HEADERS) - 1)) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in table_rows(rows)]
    return "\n".join(lines + [""] + context)


# --------------------------------------------------------------------------- profiling

def profile(kind: str, scenarios: list[Scenario], top: int) -> None:
    """Profile bideval.evaluation.run + result_json on each scenario (warm, in-process)."""
    for scenario in scenarios:
        ours_inprocess(scenario)  # warm imports and the page cache
        print(f"\n== profile ({kind}) of bideval.evaluation.run + result_json: {scenario.label}")
        if kind == "pyinstrument":
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.001)
            profiler.start()
            ours_inprocess(scenario)
            profiler.stop()
            print(profiler.output_text(unicode=True, color=False, show_all=False))
            continue
        prof = cProfile.Profile()
        prof.enable()
        ours_inprocess(scenario)
        prof.disable()
        for order in ("cumulative", "tottime"):
            stream = io.StringIO()
            stats = pstats.Stats(prof, stream=stream)
            stats.strip_dirs().sort_stats(order).print_stats(top)
            text = stream.getvalue()
            start = text.find("   ncalls")
            head = next((ln for ln in text.splitlines() if "function calls" in ln), "").strip()
            print(f"-- top {top} by {order} ({head})")
            print(text[start:].rstrip())


PHASES = (
    # (label, module, attribute, parent label); a module attribute is wrapped with a timer
    ("load_rubric", "bideval.evaluation", "load_rubric", None),
    ("expand_paths", "bideval.evaluation", "expand_paths", None),
    ("read_bid_file", "bideval.bids", "read_bid_file", None),
    ("open_workbook (one read of the file)", "bideval.bids", "open_workbook", "read_bid_file"),
    ("xlsx_guard.scan_xlsx", "bideval.sheets", "scan_xlsx", "open_workbook (one read of the file)"),
    ("_read_book", "bideval.bids", "_read_book", "read_bid_file"),
    ("Workbook.rows (calamine to_python)", "bideval.sheets.Workbook", "rows", "_read_book"),
    ("_make_bid (a bid form's cells)", "bideval.bids", "_make_bid", "_read_book"),
    ("_parse_column (a Bids sheet's column)", "bideval.bids", "_parse_column", "_read_book"),
    ("bid_set", "bideval.evaluation", "bid_set", None),
    ("check_bids", "bideval.evaluation", "check_bids", None),
    ("read_panel", "bideval.panel", "read_panel", None),
    ("evaluate", "bideval.evaluation", "evaluate", None),
    ("result_json", "bideval.result", "result_json", None),
    ("result_document", "bideval.result", "result_document", "result_json"),
)


def phases(scenarios: list[Scenario]) -> None:
    """Wall and CPU seconds of each step of run + result_json, from light timers around module functions.

    The files are read in this one process (no worker processes), so that every step is timed here.
    """
    import importlib

    import bideval.workers

    bideval.workers.MIN_FILES_PER_WORKER = 10**9
    ours_inprocess(scenarios[0])  # warm imports and the page cache
    for scenario in scenarios:
        wall: dict[str, float] = {}
        cpu: dict[str, float] = {}
        calls: dict[str, int] = {}
        saved = []
        for label, module_name, attribute, _ in PHASES:
            if module_name.endswith(".Workbook"):  # a method of bideval.sheets.Workbook
                owner = importlib.import_module(module_name.removesuffix(".Workbook")).Workbook
            else:
                owner = importlib.import_module(module_name)
            original = getattr(owner, attribute)
            saved.append((owner, attribute, original))

            def timed(*args, _f=original, _label=label, **kwargs):
                w, c = time.perf_counter(), time.process_time()
                try:
                    return _f(*args, **kwargs)
                finally:
                    wall[_label] = wall.get(_label, 0.0) + time.perf_counter() - w
                    cpu[_label] = cpu.get(_label, 0.0) + time.process_time() - c
                    calls[_label] = calls.get(_label, 0) + 1

            setattr(owner, attribute, timed)
        try:
            gc.collect()
            w0, c0 = time.perf_counter(), time.process_time()
            ours_inprocess(scenario)
            total_wall, total_cpu = time.perf_counter() - w0, time.process_time() - c0
        finally:
            for owner, attribute, original in reversed(saved):
                setattr(owner, attribute, original)
        print(f"\n== phases of bideval.evaluation.run + result_json: {scenario.label}")
        print(f"{'step':46} {'calls':>7} {'wall s':>8} {'cpu s':>8} {'cpu %':>6}")
        print(f"{'total':46} {1:>7} {total_wall:8.3f} {total_cpu:8.3f} {100:6.1f}")
        depth = {None: -1}
        for label, _, _, parent in PHASES:
            depth[label] = depth[parent] + 1
            if label not in wall:
                continue
            name = "  " * (depth[label] + 1) + label
            print(f"{name:46} {calls[label]:>7} {wall[label]:8.3f} {cpu[label]:8.3f} "
                  f"{100 * cpu[label] / total_cpu:6.1f}")
        from bideval.evaluation import run
        from bideval.result import result_document

        document = result_document(run(CRITERIA, scenario.bids, scenario.panel), "zh")
        for name, options in (("json.dumps indent=2 (--indent)", {"indent": 2}),
                              ("json.dumps, one line (C encoder, the default)", {})):
            c = time.process_time()
            json.dumps(document, ensure_ascii=False, **options)
            print(f"  {name:44} {'':>7} {'':>8} {time.process_time() - c:8.3f}")


# --------------------------------------------------------------------------- main

def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes such as 200,2000,20000, found {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"expected positive sizes, found {text!r}")
    return sizes


def compile_bytecode() -> None:
    """Compile bideval once, as an installed package is (its bytecode and its dataclasses' methods, as
    scripts/setup.sh does), so no timed run pays for compiling it."""
    import compileall

    compileall.compile_dir(str(REPO / "bideval"), quiet=1)
    subprocess.run([PYTHON, "-c", "from bideval.dataclass_methods import write_all; write_all()"], cwd=REPO,
                   check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help=f"smoke run: {QUICK_FORMS} forms, {QUICK_ROWS:,} rows")
    parser.add_argument("--forms", type=int, help=f"number of bid forms (default {FULL_FORMS:,})")
    parser.add_argument("--rows", type=int, help=f"rows of the consolidated workbook (default {FULL_ROWS:,})")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement, best kept (default 3)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")
    parser.add_argument("--regenerate", action="store_true", help="write the test data again")
    parser.add_argument("--no-panel", action="store_true", help="skip the forms+panel scenario")
    parser.add_argument("--only", choices=("forms", "consolidated", "forms+panel", "scaling"), action="append",
                        help="run only these scenarios (repeatable)")
    parser.add_argument("--scaling", metavar="N,N,…", type=_sizes,
                        help="the scaling scenario: bid forms at each of these sizes (with --only scaling: "
                             "200,2000,20000 unless given)")
    parser.add_argument("--profile", choices=("cprofile", "pyinstrument"),
                        help="after timing, profile bideval.evaluation.run on each layout")
    parser.add_argument("--phases", action="store_true",
                        help="after timing, print wall and CPU seconds of each step of bideval.evaluation.run")
    parser.add_argument("--profile-only", action="store_true", help="profile (and --phases) without timing")
    parser.add_argument("--top", type=int, default=15, help="functions listed per profile (default 15)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    os.chdir(REPO)
    sys.path.insert(0, str(REPO))
    start_launcher()
    compile_bytecode()
    started = time.perf_counter()
    forms = args.forms or (QUICK_FORMS if args.quick else FULL_FORMS)
    rows = args.rows or (QUICK_ROWS if args.quick else FULL_ROWS)
    data = dataset(forms, rows, args.seed, args.regenerate)  # the panel always comes with the forms
    generated_s = time.perf_counter() - started

    form_files = sorted(data.forms.glob("*.xlsx"))
    m_forms, m_cons = data.manifest["forms"], data.manifest["consolidated"]
    scenarios = [
        Scenario("forms", f"{len(form_files):,} bid forms", [(p, "Bid") for p in form_files],
                 [data.forms], [], m_forms),
        Scenario("consolidated", f"1 workbook, {rows:,} rows", [(data.consolidated, "Bids")],
                 [data.consolidated], [], m_cons),
    ]
    if not args.no_panel:
        scenarios.append(Scenario(
            "forms+panel", f"{len(form_files):,} bid forms + panel ({len(JUDGES)} judges)",
            [(p, "Bid") for p in form_files] + [(data.panel, s) for s in ("Judges", "Tiers", "Scores")],
            [data.forms], [data.panel], m_forms))
    if args.only:
        scenarios = [s for s in scenarios if s.name in args.only]
    sizes = args.scaling or ([200, 2_000, 20_000] if args.only and "scaling" in args.only else [])

    info = machine_info()
    print("\n".join(["", "bid-eval benchmark", *info,
                     f"rubric {CRITERIA.relative_to(REPO)}; best of {args.repeat}; seed {args.seed}"]), flush=True)

    import pandas  # noqa: F401  (imported before timing: the peer's import is not counted)
    import python_calamine  # noqa: F401
    import bideval.evaluation  # noqa: F401
    import bideval.result  # noqa: F401

    rows_out: list[Row] = []
    context: list[str] = []
    if not args.profile_only:
        start_calamine = startup(args.repeat, "import python_calamine")
        start_bideval = startup(args.repeat, "import bideval.cli, bideval.evaluation, bideval.result, python_calamine")
        print(f"\nstart-up: python -c 'import python_calamine' {_runs(start_calamine)}")
        print(f"start-up: python -c 'import bideval.cli, .evaluation, .result, python_calamine' {_runs(start_bideval)}",
              flush=True)
        with tempfile.TemporaryDirectory(prefix="bench-", dir=GENERATED) as work:
            for scenario in scenarios:
                rows_out.append(time_scenario(scenario, args.repeat, Path(work)))
            growth, start = (scaling(sizes, args.seed, args.repeat, args.regenerate, Path(work))
                             if sizes else ([], Startup(0.0, 0)))

        context = [
            f"Machine: {info[0]}; {info[1]}.",
            f"Packages: {info[2].removeprefix('packages: ')}.",
            f"Best of {args.repeat}; generation excluded. Floor and peer are in-process reads only "
            "(imports excluded); ours (subprocess) includes interpreter start-up and imports: "
            f"`python -c 'import python_calamine'` takes {start_calamine.best:.3f} s, importing bideval's "
            f"evaluate path {start_bideval.best:.3f} s. Ratios use the subprocess figure "
            "(in-process in brackets).",
        ]
        if any(r.peer.note for r in rows_out):
            context.append("\\* peer " + "; ".join(f"{r.scenario.label}: {r.peer.note}"
                                                   for r in rows_out if r.peer.note) + ".")
        print("\n" + "=" * 100)
        if rows_out:
            print("Results (seconds, best of %d)" % args.repeat)
            print_table(rows_out)
            for r in rows_out:
                if r.peer.note:
                    print(f"* peer on {r.scenario.label}: {r.peer.note}")
            print("\nGoals (ours = subprocess; informative):")
            print("\n".join(goals(rows_out)))
            print("\nValidity check (bideval vs. generator):")
            for r in rows_out:
                print(f"  {r.scenario.label}: {r.checked}")
        if growth:
            print(f"\nHow the cost grows (bid forms; start-up: importing bideval's evaluate path takes "
                  f"{start.seconds:.3f} s and {_mb(start.rss)}):")
            body = growth_rows(growth, start)
            print("| " + " | ".join(GROWTH_HEADERS) + " |")
            print("|" + "|".join(["---:"] * len(GROWTH_HEADERS)) + "|")
            print("\n".join("| " + " | ".join(r) + " |" for r in body))
            for g in growth:
                print(f"  {g.forms:,} forms: {g.checked}")
        if rows_out:
            print("\nMarkdown:\n")
            print(markdown(rows_out, context))

    if args.phases:
        phases([s for s in scenarios if s.name != "forms+panel"] or scenarios)
    if args.profile:
        profile(args.profile, [s for s in scenarios if s.name != "forms+panel"] or scenarios, args.top)

    total = time.perf_counter() - started
    print(f"\nbenchmark wall time {total:.1f} s (of which generation {generated_s:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
