"""The committed sample tenders in sample_bids/: each shows the case it is meant to show, and is up to date.

The samples are written by ``scripts/make_samples.py``; the expectations here
are stated independently of that script (by vendor name), so a change to the
data that loses a case fails here.
"""
from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from bideval.cli import main
from bideval.evaluation import run
from bideval.result import ABNORMAL_LOW, FINAL, INCOMPLETE, Result, result_json
from bideval.rubric import load_rubric
from bideval.template import write_bid_form
from bideval.values import round_half_up

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_bids"
SCRIPT = ROOT / "scripts" / "make_samples.py"

# tender → where its bids are, and what each case is
TENDERS = {
    "cs-outsourcing": {
        "bids": "cs-outsourcing",
        "vendors": 7,
        "invalid": {"武汉恒通人力资源服务有限公司": ["above_budget_ceiling", "business_outsourcing"]},
        "sme": "南宁八桂智联信息服务有限公司",
        "abnormal": "杭州嘉禾云呼科技有限公司",
        "tie": ("广州星海呼叫中心服务有限公司", "深圳鹏程客户联络服务有限公司"),
        "outliers": [("张评委", "成都天府联信客服外包有限公司", "ops_plan")],
    },
    "it-outsourcing": {
        "bids": "it-outsourcing",
        "vendors": 6,
        "invalid": {"北海海联网络工程有限公司": ["response_limit"]},
        "sme": "广西捷维计算机服务有限公司",
        "abnormal": "柳州快修电脑科技有限公司",
        "tie": ("南宁博远信息技术有限公司", "南宁智诚网络科技有限公司"),
        "outliers": [],
    },
    "dev-staffing": {
        "bids": "dev-staffing.xlsx",
        "vendors": 6,
        "invalid": {"长沙麓谷人力科技有限公司": ["no_bad_record", "required: no_bad_record"]},
        "sme": "杭州云栖码匠信息技术有限公司",
        "abnormal": "西安秦川软件外包服务有限公司",
        "tie": ("北京智码汇科技有限公司", "上海浦江数码软件有限公司"),
        "outliers": [],
    },
}
FORM_TENDERS = [t for t, spec in TENDERS.items() if not spec["bids"].endswith(".xlsx")]

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_ok(code: str) -> bool:
    """GB 32100-2015: 18 characters from the charset, the last one the check character."""
    if len(code) != 18 or any(c not in USCC_CHARSET for c in code):
        return False
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(code, USCC_WEIGHTS))
    return code[17] == USCC_CHARSET[(31 - total % 31) % 31]


def evaluate(tender: str, base: Path = SAMPLES) -> Result:
    spec = TENDERS[tender]
    return run(ROOT / "criteria" / f"{tender}.yaml", [base / spec["bids"]], [base / f"{tender}-panel.xlsx"])


@pytest.fixture(scope="module")
def results() -> dict[str, Result]:
    return {tender: evaluate(tender) for tender in TENDERS}


def by_name(result: Result, name: str):
    found = [s for s in result.ranking if s.vendor_name == name]
    assert len(found) == 1, f"{name} is not ranked once"
    return found[0]


def test_credit_code_check_examples():
    assert credit_code_ok("91110000802100433B")
    assert credit_code_ok("91440300708461136T")
    assert not credit_code_ok("91440300708461136U")


@pytest.mark.parametrize("tender", TENDERS)
def test_every_credit_code_passes_its_check(results, tender):
    result = results[tender]
    codes = [s.vendor_id for s in result.ranking] + [i.vendor_id for i in result.invalid]
    assert len(codes) == TENDERS[tender]["vendors"]
    assert len(set(codes)) == len(codes)
    assert [c for c in codes if not credit_code_ok(c)] == []


@pytest.mark.parametrize("tender", TENDERS)
def test_status_is_final_and_clean(results, tender):
    result = results[tender]
    assert result.status == FINAL
    assert not any(INCOMPLETE in s.flags for s in result.ranking)
    assert len(result.judges) == 5
    assert result.warnings == ()  # no score given for an invalid bid


@pytest.mark.parametrize("tender", TENDERS)
def test_exactly_the_intended_invalid_bids(results, tender):
    result = results[tender]
    found = {i.vendor_name: sorted(r.code for r in i.reasons) for i in result.invalid}
    assert found == TENDERS[tender]["invalid"]


@pytest.mark.parametrize("tender", TENDERS)
def test_small_enterprise_gets_the_deduction(results, tender):
    result = results[tender]
    deduction = result.rubric.price_criterion.sme_deduction
    assert deduction
    sme = by_name(result, TENDERS[tender]["sme"])
    assert [s.vendor_name for s in result.ranking if s.sme] == [sme.vendor_name]
    assert sme.evaluated_price == round_half_up(sme.quoted_price * (1 - deduction), 2)
    assert sme.evaluated_price < sme.quoted_price
    for other in result.ranking:
        if not other.sme:
            assert other.evaluated_price == other.quoted_price


@pytest.mark.parametrize("tender", TENDERS)
def test_abnormally_low_price_is_flagged(results, tender):
    result = results[tender]
    share = result.rubric.price_criterion.abnormal_low_share
    prices = [s.evaluated_price for s in result.ranking]
    threshold = share * sum(prices, Decimal(0)) / len(prices)
    low = by_name(result, TENDERS[tender]["abnormal"])
    assert low.evaluated_price < threshold
    assert ABNORMAL_LOW in low.flags
    assert [s.vendor_name for s in result.ranking if ABNORMAL_LOW in s.flags] == [low.vendor_name]


@pytest.mark.parametrize("tender", TENDERS)
def test_two_bids_share_a_rank(results, tender):
    result = results[tender]
    first, second = (by_name(result, name) for name in TENDERS[tender]["tie"])
    assert first.rank == second.rank
    assert (first.total, first.quoted_price) == (second.total, second.quoted_price)
    assert [s.rank for s in result.ranking].count(first.rank) == 2
    ranks = [s.rank for s in result.ranking]
    assert len(set(ranks)) == len(ranks) - 1  # this one tie, no other


@pytest.mark.parametrize("tender", TENDERS)
def test_outliers(results, tender):
    result = results[tender]
    names = {s.vendor_id: s.vendor_name for s in result.ranking}
    found = [(o.judge, names[o.vendor_id], o.criterion) for o in result.outliers]
    assert found == TENDERS[tender]["outliers"]


@pytest.mark.parametrize("tender", TENDERS)
def test_several_pricing_models(results, tender):
    models = {line.model for line in results[tender].prices}
    assert len(models) >= 2


@pytest.mark.parametrize("tender", FORM_TENDERS)
def test_bid_forms_are_the_tools_own_form(tmp_path, tender):
    """Each vendor's workbook is write_bid_form's form with column C filled: columns A, B and D unchanged."""
    rubric = load_rubric(ROOT / "criteria" / f"{tender}.yaml")
    blank = tmp_path / "blank.xlsx"
    write_bid_form(rubric, blank, "zh")

    def fixed_columns(path: Path) -> list[tuple]:
        sheet = openpyxl.load_workbook(path)["Bid"]
        # openpyxl saves an empty note as no value at all; either is "nothing in column D"
        return [tuple(None if v == "" else v for v in (row[0], row[1], row[3]))
                for row in sheet.iter_rows(values_only=True)]

    expected = fixed_columns(blank)
    forms = sorted((SAMPLES / TENDERS[tender]["bids"]).glob("*.xlsx"))
    assert len(forms) == TENDERS[tender]["vendors"]
    for form in forms:
        assert fixed_columns(form) == expected, form.name


def test_consolidated_workbook_layout():
    book = openpyxl.load_workbook(SAMPLES / "dev-staffing.xlsx")
    assert book.sheetnames == ["Bids"]
    rows = list(book["Bids"].iter_rows(values_only=True))
    assert len(rows) == 1 + TENDERS["dev-staffing"]["vendors"]


def test_committed_samples_are_up_to_date(tmp_path, results):
    """The script, run afresh, writes workbooks that evaluate exactly as the committed ones."""
    out = tmp_path / "samples"
    done = subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], capture_output=True, text=True,
                          cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    for tender in TENDERS:
        assert result_json(evaluate(tender, out)) == result_json(results[tender]), tender
        assert result_json(evaluate(tender, out), "en") == result_json(results[tender], "en"), tender


def test_cli_evaluates_the_cs_sample(tmp_path, capsys, results):
    json_path, xlsx_path = tmp_path / "x.json", tmp_path / "x.xlsx"
    code = main(["evaluate", "--criteria", str(ROOT / "criteria" / "cs-outsourcing.yaml"),
                 "--bids", str(SAMPLES / "cs-outsourcing"), "--panel", str(SAMPLES / "cs-outsourcing-panel.xlsx"),
                 "--json", str(json_path), "--out", str(xlsx_path)])
    assert code == 0, capsys.readouterr().err
    assert json_path.read_text(encoding="utf-8") == result_json(results["cs-outsourcing"])
    document = json.loads(json_path.read_text(encoding="utf-8"))
    assert document["status"] == "final"
    assert xlsx_path.stat().st_size > 0


# -- the QCBS consultancy (issue 7): a technical stage, scaling to the best, weights 0.8 / 0.2
QCBS = ROOT / "criteria" / "qcbs-consultancy.yaml"


@pytest.fixture(scope="module")
def qcbs() -> Result:
    return run(QCBS, [SAMPLES / "qcbs-consultancy"], [SAMPLES / "qcbs-consultancy-panel.xlsx"])


def test_qcbs_sample_ranks_by_its_own_rules(qcbs):
    """S = 0.8 × St + 0.2 × Sf, St scaled so the best technical proposal gets 100, Sf = 100 × Fm / F."""
    ranked = [(s.vendor_name, s.subtotals["technical"].raw, s.groups["technical"], s.groups["financial"], s.total)
              for s in qcbs.ranking]
    assert ranked == [
        ("Crescent Mobility Partners Ltd", Decimal("92.00"), Decimal("100.00"), Decimal("74.78"), Decimal("94.96")),
        ("Meridian Transport Planning Co., Ltd.", Decimal("84.00"), Decimal("91.30"), Decimal("87.76"),
         Decimal("90.59")),
        ("Harbourline Consultants Ltd", Decimal("72.00"), Decimal("78.26"), Decimal("100.00"), Decimal("82.61")),
    ]
    assert qcbs.status == FINAL and len(qcbs.candidates) == 1


def test_qcbs_sample_stage_failure_does_not_set_the_lowest_price(qcbs):
    out = {i.vendor_name: i for i in qcbs.invalid}
    northgate = out["Northgate Urban Advisory LLP"]
    assert [r.code for r in northgate.reasons] == ["below_pass_mark"]
    assert (northgate.stage.subtotal, northgate.stage.pass_mark) == (Decimal("59.34"), Decimal(70))
    assert [r.code for r in out["Atlas Infrastructure Group"].reasons] == ["registration"]
    # Fm is Harbourline's 860,000, not Northgate's 640,000: Harbourline scores the full 100.
    assert qcbs.standing(next(s.vendor_id for s in qcbs.ranking if s.vendor_name.startswith("Harbourline"))) \
        .criteria["price"] == 100


def test_qcbs_bid_forms_are_the_english_form(tmp_path):
    rubric = load_rubric(QCBS)
    blank = tmp_path / "blank.xlsx"
    write_bid_form(rubric, blank, "en")
    header = [c.value for c in openpyxl.load_workbook(blank)["Bid"][1]]
    for form in sorted((SAMPLES / "qcbs-consultancy").glob("*.xlsx")):
        assert [c.value for c in openpyxl.load_workbook(form)["Bid"][1]] == header, form.name


def test_the_readme_qcbs_session_is_real(tmp_path, capsys, monkeypatch):
    """README.md's QCBS session shows what `check` and `evaluate` print today."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### A QCBS session")[1]
    blocks = [b.split("```")[0] for b in section.split("```console\n")[1:3]]
    for block, argv in zip(blocks, (
            ["check", "--criteria", "criteria/qcbs-consultancy.yaml", "--lang", "en"],
            ["evaluate", "--criteria", "criteria/qcbs-consultancy.yaml", "--bids", "sample_bids/qcbs-consultancy",
             "--panel", "sample_bids/qcbs-consultancy-panel.xlsx", "--json", str(tmp_path / "result.json"),
             "--out", str(tmp_path / "ranked.xlsx"), "--lang", "en"])):
        shown = block.split("\n", 1)[1] if argv[0] == "check" else block.split("\n", 2)[2]  # after the command
        with monkeypatch.context() as patch:
            patch.chdir(ROOT)  # the paths as the README types them
            assert main(argv) == 0
        assert capsys.readouterr().out == shown, argv[0]
