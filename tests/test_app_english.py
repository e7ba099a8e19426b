"""The English UI has no Chinese punctuation (issue 10, item 6): every page walked in AppTest, every text it shows
— titles, labels, help, captions, messages, table headers and cells, chart titles, axes and hover text — checked.

The tender's own data (its name, the vendors' names) carry no punctuation here, so whatever is found is the UI's;
a shipped sample's bidders typed some in their answers (filed as typed), and those answers are theirs, not the UI's.
"""
import json
from pathlib import Path
from typing import Iterator

import pytest
from google.protobuf.json_format import MessageToDict

from bideval.storage import Store
from conftest import (EXAMPLE_RUBRIC, ROOT, VENDOR_A, VENDOR_B, admin_of, good_bid, loaded_tender, open_app,
                      seat_judge, write_form, write_panel)

CJK_PUNCTUATION = set("（），：；。、“”‘’！？【】《》")
VENDOR_C = "91310000MA1FL0000X"
SKIPPED_KEYS = {"id", "formId", "data", "arrowData", "styles", "config"}  # ids and binary table data, not text


@pytest.fixture
def tender(app_db: str, built_once) -> int:
    """Two valid bids, one invalid, a two-judge panel with one score missing: every page has something to say.
    Made once for the module, copied for each test."""
    return built_once("walk", walk_tender, app_db)


def walk_tender(url: str) -> int:
    store = Store(url)
    folder = Path(url.removeprefix("sqlite:///")).parent
    files = [write_form(folder / "a.xlsx", good_bid(VENDOR_A, name="甲公司")),
             write_form(folder / "b.xlsx", good_bid(VENDOR_B, name="乙公司", rate_per_call=0.6)),
             write_form(folder / "c.xlsx", good_bid(VENDOR_C, name="丙公司", business_license="否"))]
    panel = write_panel(folder / "panel.xlsx",
                        scores=[["王", v, c, s, ""] for v in (VENDOR_A, VENDOR_B)
                                for c, s in (("ops_plan", 11), ("service_design", 3))]
                        + [["李", VENDOR_A, "ops_plan", 12, ""]],
                        tiers=[[VENDOR_A, "ops_plan", "t3"], [VENDOR_B, "ops_plan", "t3"]])
    tender = loaded_tender(store, "English walk", EXAMPLE_RUBRIC, files, panel)
    seat_judge(store, tender, "王")
    store.engine.dispose()
    return tender


def texts(app) -> Iterator[str]:
    """Every text the app's elements carry: proto strings, table headers and cells, plotly figure texts."""
    def strings(value) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in SKIPPED_KEYS:
                    yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    def walk(node) -> Iterator:
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    for node in walk(app._tree):
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        if node.type == "plotly_chart":
            yield from strings(json.loads(proto.spec))
            continue
        yield from strings(MessageToDict(proto))
        if node.type in ("arrow_data_frame", "dataframe", "data_editor"):
            table = node.value
            yield from map(str, table.columns)
            yield from (str(cell) for row in table.itertuples(index=False) for cell in row)


SHIPPED = [("cs-outsourcing", ["cs-outsourcing"], "cs-outsourcing-panel.xlsx"),
           ("it-outsourcing", ["it-outsourcing"], "it-outsourcing-panel.xlsx"),
           ("dev-staffing", ["dev-staffing.xlsx"], "dev-staffing-panel.xlsx")]


@pytest.fixture(params=[s[0] for s in SHIPPED])
def shipped(request, app_db: str, built_once) -> int:
    """A shipped rubric with its sample bids and panel: tier descriptions, notes, every kind of criterion. Made once
    for the module, copied for each test."""
    return built_once(request.param, lambda url: shipped_tender(url, request.param), app_db)


def shipped_tender(url: str, name: str) -> int:
    rubric, bids, panel = next(s for s in SHIPPED if s[0] == name)
    store = Store(url)
    files = [f for b in bids for f in ((ROOT / "sample_bids" / b).glob("*.xlsx") if (ROOT / "sample_bids" / b).is_dir()
                                       else [ROOT / "sample_bids" / b])]
    tender = loaded_tender(store, f"Sample {rubric}", ROOT / "criteria" / f"{rubric}.yaml", sorted(files),
                           ROOT / "sample_bids" / panel)
    seat_judge(store, tender, "王")
    store.engine.dispose()
    return tender


PAGES = [("results", {}), ("bids", {}), ("tiers", {}), ("scoring", {"judge": "王"}), ("review", {}), ("export", {}),
         ("audit", {}), ("tenders", {}), ("admin", {}), ("account", {}), ("account", {"judge": "王"})]


@pytest.mark.parametrize("page, state", PAGES)
def test_no_chinese_punctuation_in_the_english_ui_of_a_shipped_rubric(shipped, page, state):
    store = Store()
    answers = {value for bid in store.bidset(admin_of(store), shipped).bids for value in bid.values.values()
               if isinstance(value, str)}
    store.engine.dispose()
    assert_no_chinese_punctuation(open_app(page, lang="en", tender_id=shipped, **state), page, answers)


def assert_no_chinese_punctuation(app, page: str, answers: set[str] = frozenset()) -> None:
    """``answers``: the bidders' own texts, shown as they typed them."""
    assert not app.exception
    shown = list(texts(app))
    assert len(shown) > 10, "the walk found the page's texts"
    slips = sorted({text for text in shown if CJK_PUNCTUATION & set(text) and text not in answers})
    assert not slips, f"Chinese punctuation on the {page} page in English: {slips}"


@pytest.mark.parametrize("page, state", PAGES + [("signin", {"user": None})])
def test_no_chinese_punctuation_in_the_english_ui(tender, page, state):
    assert_no_chinese_punctuation(open_app(page, lang="en", tender_id=tender, **state), page)


def test_the_walk_finds_chinese_punctuation_in_the_chinese_ui(tender):
    """The check can fail: the same walk in Chinese meets the full-width punctuation it looks for."""
    shown = list(texts(open_app("results", lang="zh", tender_id=tender)))
    assert any(CJK_PUNCTUATION & set(text) for text in shown)
