"""The app's database on a real SQLite file and a real PostgreSQL server: atomic imports, persistence, scores."""
from decimal import Decimal as D
from pathlib import Path

import pytest
from sqlalchemy import text

from bideval.errors import BidEvalError, PanelError, RubricError
from bideval.evaluation import run
from bideval.result import result_json
from bideval.storage import ScoreRefused, Store
from conftest import EXAMPLE_RUBRIC, VENDOR_A, VENDOR_B, good_bid, write_form, write_panel

RUBRIC_TEXT = EXAMPLE_RUBRIC.read_text(encoding="utf-8")


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    base = request.getfixturevalue("postgres_url")
    admin = Store(base)
    name = f"t{abs(hash(str(tmp_path))) % 10**9}"
    with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.engine.dispose()
    return base.rsplit("/", 1)[0] + f"/{name}"


def files(*paths: Path) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in paths]


def test_a_bad_file_imports_nothing_and_a_good_one_everything(url, tmp_path: Path):
    store = Store(url)
    tender = store.create_tender("T", RUBRIC_TEXT, "example.yaml")
    good = write_form(tmp_path / "good.xlsx", good_bid(VENDOR_A))
    bad = write_form(tmp_path / "bad.xlsx", good_bid(VENDOR_B, dial_test_accuracy="ninety"))
    seen = []
    report = store.import_bids(tender, files(good, bad), progress=lambda done, total, name: seen.append(done))
    assert report.accepted == {"good.xlsx": [VENDOR_A]}
    assert str(report.refused["bad.xlsx"][0]).startswith("bad.xlsx:Bid!C9: expected a percentage")
    assert seen == [1, 2]
    assert [b.vendor_id for b in store.bidset(tender).bids] == [VENDOR_A]
    again = store.import_bids(tender, files(good))
    assert "already in this tender" in str(again.refused["good.xlsx"][0])
    assert store.import_bids(tender, files(good), replace=True).ok


def test_persistence_across_store_instances_and_exact_values(url, tmp_path: Path):
    store = Store(url)
    tender = store.create_tender("T", RUBRIC_TEXT, "example.yaml")
    store.import_bids(tender, files(write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, rate_per_call="0.8333"))))
    store.set_tier(tender, VENDOR_A, "ops_plan", "t2")
    store.set_score(tender, "王评委", VENDOR_A, "ops_plan", D("7.35"), "方案较完整")
    store.engine.dispose()
    reopened = Store(url)
    (bid,) = reopened.bidset(tender).bids
    assert bid.values["rate_per_call"] == D("0.8333")
    assert reopened.tiers(tender) == {(VENDOR_A, "ops_plan"): "t2"}
    (score,) = reopened.scores(tender)
    assert (score.judge, score.score, score.comment) == ("王评委", "7.35", "方案较完整")
    assert reopened.judges(tender) == ["王评委"]
    assert [e.action for e in reopened.events(tender)] == ["create_tender", "import_bids", "set_tier", "set_score"]


def test_scores_are_refused_outside_their_range_and_versions_move(url, tmp_path: Path):
    store = Store(url)
    tender = store.create_tender("T", RUBRIC_TEXT, "example.yaml")
    store.import_bids(tender, files(write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))))
    with pytest.raises(ScoreRefused, match="no agreed tier"):
        store.set_score(tender, "王", VENDOR_A, "ops_plan", D(12))
    store.set_tier(tender, VENDOR_A, "ops_plan", "三档")
    with pytest.raises(ScoreRefused, match="outside the allowed range 10.1–15"):
        store.set_score(tender, "王", VENDOR_A, "ops_plan", D(9))
    with pytest.raises(ScoreRefused, match="0–5"):
        store.set_score(tender, "王", VENDOR_A, "service_design", D("5.5"))
    before = store.version(tender)
    store.set_score(tender, "王", VENDOR_A, "ops_plan", D(12))
    assert store.version(tender) == before + 1
    with pytest.raises(ScoreRefused, match="王: 12"):
        store.set_tier(tender, VENDOR_A, "ops_plan", "t1")  # would strand the score given
    assert store.tiers(tender) == {(VENDOR_A, "ops_plan"): "t3"}


def test_a_bad_panel_workbook_changes_nothing(url, tmp_path: Path):
    store = Store(url)
    tender = store.create_tender("T", RUBRIC_TEXT, "example.yaml")
    store.import_bids(tender, files(write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))))
    store.set_tier(tender, VENDOR_A, "ops_plan", "t3")
    bad = write_panel(tmp_path / "panel.xlsx", scores=[["王", VENDOR_A, "ops_plan", 3, ""]],
                      tiers=[[VENDOR_A, "ops_plan", "t3"]])
    with pytest.raises(PanelError, match=r"panel.xlsx:Scores!D2: expected a score inside the agreed tier t3 .*found 3"):
        store.import_panel(tender, "panel.xlsx", bad.read_bytes())
    assert store.tiers(tender) == {(VENDOR_A, "ops_plan"): "t3"} and store.scores(tender) == []


def test_the_database_evaluates_like_the_files(url, tmp_path: Path):
    folder = tmp_path / "bids"
    folder.mkdir()
    a = write_form(folder / "a.xlsx", good_bid(VENDOR_A))
    b = write_form(folder / "b.xlsx", good_bid(VENDOR_B, rate_per_call=0.95, sme="是"))
    panel = write_panel(tmp_path / "panel.xlsx",
                        scores=[[j, v, c, s, ""] for j in ("王", "李") for v in (VENDOR_A, VENDOR_B)
                                for c, s in (("ops_plan", 12.5), ("service_design", 4))],
                        tiers=[[VENDOR_A, "ops_plan", "t3"], [VENDOR_B, "ops_plan", "t3"]])
    store = Store(url)
    tender = store.create_tender("T", RUBRIC_TEXT, "example.yaml")
    store.import_bids(tender, files(a, b))
    store.import_panel(tender, "panel.xlsx", panel.read_bytes())
    from_db = store.evaluate(tender)
    from_files = run(EXAMPLE_RUBRIC, [folder], [panel])
    assert result_json(from_db) == result_json(from_files)


def test_a_bad_rubric_creates_no_tender(url):
    store = Store(url)
    with pytest.raises(RubricError):
        store.create_tender("T", RUBRIC_TEXT.replace("kind: judged", "kind: nope"), "x.yaml")
    assert store.tenders() == []
    with pytest.raises(BidEvalError, match="no tender 99"):
        store.rubric(99)
