"""Download file names: one safe stem for every download (the report, workbooks, JSON, score sheets, charts, bids)."""
import pytest

from bideval.evaluation import run
from bideval.filenames import distinct_names, download_name, file_stem
from conftest import ROOT


@pytest.mark.parametrize("text, fallback, stem", [
    ("a/b\\c:d", "chart", "a_b_c_d"),
    ("  ", "chart", "chart"),
    ("..x..", "chart", "x"),
    ("甲 乙\n丙", "chart", "甲_乙_丙"),
    ("a/b: c", "judge", "a_b_c"),
    ("../..", "judge", "judge"),
    ('王评委 <"主审">', "judge", "王评委_主审"),
    ("x" * 200, "file", "x" * 120),
    ("jiahe.xlsx", "bid.xlsx", "jiahe.xlsx"),
])
def test_file_stem(text, fallback, stem):
    assert file_stem(text, fallback) == stem


@pytest.mark.parametrize("names, given", [
    (["a.xlsx", "b.xlsx"], ["a.xlsx", "b.xlsx"]),
    (["bid.xlsx", "bid.xlsx", "bid.xlsx"], ["bid.xlsx", "bid (2).xlsx", "bid (3).xlsx"]),
    (["bid.xlsx", "bid.xlsx", "bid (2).xlsx"], ["bid.xlsx", "bid (3).xlsx", "bid (2).xlsx"]),  # a real name stays
    (["bid (2).xlsx", "bid (2).xlsx"], ["bid (2).xlsx", "bid (2) (2).xlsx"]),
    (["Bid.xlsx", "bid.xlsx"], ["Bid.xlsx", "bid.xlsx"]),  # told apart as they are
    (["投标文件.xlsx", "投标文件.xlsx"], ["投标文件.xlsx", "投标文件 (2).xlsx"]),
    (["upload", "upload"], ["upload", "upload (2)"]),
])
def test_every_file_of_an_upload_gets_a_name_of_its_own(names, given):
    assert distinct_names(names) == given


@pytest.fixture(scope="module")
def sample():
    return run(ROOT / "criteria" / "cs-outsourcing.yaml", sorted((ROOT / "sample_bids" / "cs-outsourcing").glob("*.xlsx")),
               [ROOT / "sample_bids" / "cs-outsourcing-panel.xlsx"])


NAME = "示例：客服业务外包项目 / Sample: customer-service outsourcing"


@pytest.mark.parametrize("kind, ext, suffix, name", [
    ("ranked", "xlsx", "zh", "ranked_示例：客服业务外包项目_Sample_customer-service_outsourcing_tender3_final_zh.xlsx"),
    ("result", "json", None, "result_示例：客服业务外包项目_Sample_customer-service_outsourcing_tender3_final.json"),
    ("scoresheet", "xlsx", "王 评委/主审",
     "scoresheet_示例：客服业务外包项目_Sample_customer-service_outsourcing_tender3_final_王_评委_主审.xlsx"),
])
def test_a_download_names_what_and_which_tender_and_stays_a_safe_name(sample, kind, ext, suffix, name):
    assert download_name(kind, NAME, 3, ext, sample.status, suffix) == name


def test_a_long_tender_name_never_hides_the_tender_number():
    name = download_name("ranked", "很长的项目名称" * 20, 12, "xlsx", "final", "zh")
    assert name.endswith("_tender12_final_zh.xlsx") and len(name) <= 125
