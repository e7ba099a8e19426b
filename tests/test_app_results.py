"""The results page in AppTest: ranking beside price, flags, invalid bids, charts; both languages."""
from pathlib import Path

import pytest

from bideval.storage import Store
from conftest import EXAMPLE_RUBRIC, VENDOR_A, VENDOR_B, good_bid, open_app, write_form, write_panel

VENDOR_C = "91310000MA1FL0000X"


@pytest.fixture
def tender(app_db: str, tmp_path: Path) -> int:
    """A tender of the formats.md rubric with two valid bids, one invalid, and a complete panel."""
    store = Store(app_db)
    tender = store.create_tender("测试项目", EXAMPLE_RUBRIC.read_text(encoding="utf-8"), EXAMPLE_RUBRIC.name)
    files = [write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, name="甲公司")),
             write_form(tmp_path / "b.xlsx", good_bid(VENDOR_B, name="乙公司", rate_per_call=0.6)),
             write_form(tmp_path / "c.xlsx", good_bid(VENDOR_C, name="丙公司", business_license="否"))]
    report = store.import_bids(tender, [(f.name, f.read_bytes()) for f in files])
    assert report.ok, report.refused
    panel = write_panel(tmp_path / "panel.xlsx",
                        scores=[[j, v, c, s, ""] for j, bump in (("王", 0), ("李", 1)) for v in (VENDOR_A, VENDOR_B)
                                for c, s in (("ops_plan", 11 + bump), ("service_design", 3 + bump))],
                        tiers=[[VENDOR_A, "ops_plan", "t3"], [VENDOR_B, "ops_plan", "t3"]])
    store.import_panel(tender, panel.name, panel.read_bytes())
    return tender


@pytest.mark.parametrize("lang, title, ranking", [("zh", "评标结果", "排名"), ("en", "Evaluation results", "Ranking")])
def test_results_page_shows_the_ranking(tender, lang, title, ranking):
    app = open_app("results", lang=lang, tender_id=tender)
    assert not app.exception
    assert app.title[0].value == title
    assert ranking in [h.value for h in app.subheader]
    table = app.dataframe[0].value
    assert list(table.iloc[:, 1]) == ["乙公司", "甲公司"]  # cheaper B wins on price
    store = Store()
    result = store.evaluate(tender)
    assert [round(float(s.total), 2) for s in result.ranking] == list(table.iloc[:, table.columns.get_loc(
        "总分" if lang == "zh" else "Total")])
    errors = " ".join(e.value for e in app.error)
    assert "丙公司" in errors and "licence" in errors  # the invalid bid with its reason


def test_results_page_on_a_fresh_database_loads_the_sample_tender(app_db):
    app = open_app()
    assert not app.exception
    assert Store().tenders(), "the sample tender is created on first start"
    assert app.title[0].value == "评标结果"
