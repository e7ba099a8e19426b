"""The scoring page in AppTest: a judge scores within the agreed tiers, blind to the others, saved cell by cell."""
from decimal import Decimal
from pathlib import Path

import pytest

from bideval.storage import Store
from conftest import admin_call, admin_of, chair_tender, replace_panel, seat_judge, EXAMPLE_RUBRIC, VENDOR_A, VENDOR_B, good_bid, open_app, write_form

VENDOR_C = "91310000MA1FL0000X"
JUDGE = "王评委"
NAMES = {"ops_plan": ("运营管理能力", "Operations management plan"), "service_design": ("服务方案", "Service design")}
EMPTY_EDITS = {"added_rows": [], "deleted_rows": []}


@pytest.fixture
def tender(app_db: str, tmp_path: Path) -> int:
    """The formats.md rubric (tiered ops_plan 0–5 / 5.1–10 / 10.1–15, judged service_design 0..5); A's tier is t3."""
    store = Store(app_db)
    tender = chair_tender(store, "打分测试", EXAMPLE_RUBRIC.read_text(encoding="utf-8"), EXAMPLE_RUBRIC.name)
    files = [write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, name="甲公司")),
             write_form(tmp_path / "b.xlsx", good_bid(VENDOR_B, name="乙公司", rate_per_call=0.6)),
             write_form(tmp_path / "c.xlsx", good_bid(VENDOR_C, name="丙公司", business_license="否"))]
    report = store.import_bids(admin_of(store), tender, [(f.name, f.read_bytes()) for f in files])
    assert report.ok, report.refused
    store.open_scoring(admin_of(store), tender)
    store.set_tier(admin_of(store), tender, VENDOR_A, "ops_plan", "t3")
    seat_judge(store, tender, JUDGE)  # seated, and declared no conflict with any bidder
    return tender


def grid(app):
    return app.data_editor[0].value


def row_of(app, vendor_id: str, criterion: str) -> int:
    """The grid row of a bid and criterion (the grid names the criterion in the UI language)."""
    table = grid(app)
    names = NAMES[criterion]
    hits = table.index[(table["vendor_id"] == vendor_id)
                       & (table["criterion"].str.startswith(names[0]) | table["criterion"].str.startswith(names[1]))]
    assert len(hits) == 1, table
    return int(hits[0])


def edit(app, cells: dict[tuple[str, str], dict]):
    """Type into the grid as the judge would: {(vendor_id, criterion id): {column: value}}; then rerun."""
    rows = {row_of(app, v, c): values for (v, c), values in cells.items()}
    app.session_state[app.data_editor[0].key] = {"edited_rows": rows, **EMPTY_EDITS}
    app.run()
    assert not app.exception
    return app


def my_scores(tender: int, judge: str = JUDGE):
    return {(s.vendor_id, s.criterion): (Decimal(s.score) if s.score is not None else None, s.comment)
            for s in admin_call("scores", tender, judge)}


@pytest.mark.parametrize("lang, title, score_header", [("zh", "评委打分", "得分"), ("en", "Scoring", "Score")])
def test_scoring_page_renders_the_grid_of_valid_bids_and_panel_criteria(tender, lang, title, score_header):
    app = open_app("scoring", lang=lang, tender_id=tender, judge=JUDGE)
    assert not app.exception
    assert app.title[0].value == title
    table = grid(app)
    assert list(table["vendor_id"]) == [VENDOR_A, VENDOR_A, VENDOR_B, VENDOR_B]  # no invalid bid, no objective criterion
    assert list(table["range"]) == ["10.1–15", "0–5", "—", "0–5"]
    assert table["score"].isna().all()
    assert app.selectbox(key="scoring_judge_pick").value == JUDGE
    assert [p.proto.text for p in app.get("progress")][0].endswith("0 / 4 项" if lang == "zh" else "0 of 4 given")


def test_without_a_judge_the_page_asks_who_you_are(tender):
    app = open_app("scoring", lang="en", tender_id=tender)
    assert not app.exception
    assert "Choose who you are" in app.info[0].value
    assert not app.data_editor


def test_a_valid_score_is_saved_and_changes_the_ranking(tender):
    before = admin_call("evaluate", tender)
    app = open_app("scoring", tender_id=tender, judge=JUDGE)
    edit(app, {(VENDOR_A, "ops_plan"): {"score": 14.5}, (VENDOR_A, "service_design"): {"score": 4, "comment": "方案完整"}})
    assert not app.error
    assert my_scores(tender) == {(VENDOR_A, "ops_plan"): (Decimal("14.5"), ""),
                                 (VENDOR_A, "service_design"): (Decimal(4), "方案完整")}
    after = admin_call("evaluate", tender)
    assert before.standing(VENDOR_A).criteria["ops_plan"] == 0
    assert after.standing(VENDOR_A).criteria["ops_plan"] == Decimal("14.5")
    assert after.standing(VENDOR_A).total == before.standing(VENDOR_A).total + Decimal("18.5")
    assert [s.vendor_id for s in before.ranking] != [s.vendor_id for s in after.ranking]  # A overtakes cheaper B
    assert list(grid(app)["score"][:2]) == ["14.5", "4"]
    assert [p.proto.text for p in app.get("progress")] == ["我的评分：已打 2 / 4 项", "全体评委：已打 2 / 4 项"]


def test_an_out_of_range_score_is_refused_with_the_range_and_not_saved(tender):
    app = open_app("scoring", lang="en", tender_id=tender, judge=JUDGE)
    edit(app, {(VENDOR_A, "ops_plan"): {"score": 9}})
    assert app.error[0].value.startswith(f"{VENDOR_A} 甲公司 / Operations management plan: ")  # the label, no id
    assert "9 is outside the allowed range 10.1–15" in app.error[0].value
    assert my_scores(tender) == {}
    assert grid(app)["score"].isna().all()  # the refused value does not stay on screen


@pytest.mark.parametrize("lang, score, message", [
    ("zh", 6, "6 超出允许范围 0–5"),
    ("en", -1, "-1 is negative; scores run from 0 to 5; not saved"),
    ("en", "4.255", "4.255 has more than 2 decimal place(s)"),
    ("zh", "-0", "-0 是负数"),
])
def test_a_judged_criterion_is_scored_between_0_and_its_max(tender, lang, score, message):
    app = open_app("scoring", lang=lang, tender_id=tender, judge=JUDGE)
    edit(app, {(VENDOR_B, "service_design"): {"score": score}})
    assert message in app.error[0].value
    assert my_scores(tender) == {}


def test_a_tiered_score_without_an_agreed_tier_is_refused(tender):
    app = open_app("scoring", lang="en", tender_id=tender, judge=JUDGE)
    assert "until the chair sets the tier" in app.warning[0].value
    assert "awaiting tier" in grid(app)["tier"][row_of(app, VENDOR_B, "ops_plan")]
    edit(app, {(VENDOR_B, "ops_plan"): {"score": 3}})
    assert VENDOR_B in app.error[0].value and "no agreed tier yet" in app.error[0].value
    assert my_scores(tender) == {}


def test_a_refusal_keeps_the_other_cells_of_the_same_edit(tender):
    app = open_app("scoring", lang="en", tender_id=tender, judge=JUDGE)
    edit(app, {(VENDOR_A, "ops_plan"): {"score": 12}, (VENDOR_B, "service_design"): {"score": 7}})
    assert len(app.error) == 1 and VENDOR_B in app.error[0].value
    assert my_scores(tender) == {(VENDOR_A, "ops_plan"): (Decimal(12), "")}
    assert list(grid(app)["score"].fillna(-1)) == ["12", -1, -1, -1]


def test_edits_already_saved_are_not_replayed(tender):
    app = open_app("scoring", tender_id=tender, judge=JUDGE)
    edit(app, {(VENDOR_A, "ops_plan"): {"score": 12}})
    # Meanwhile the chair imports a panel workbook that gives this judge 11 there.
    (_s := Store()).set_score(seat_judge(_s, tender, JUDGE), tender, VENDOR_A, "ops_plan", Decimal(11))
    app.run()
    assert my_scores(tender) == {(VENDOR_A, "ops_plan"): (Decimal(11), "")}
    # The editor's edits are cumulative: the next cell typed arrives with the old one, which must not be written back.
    edit(app, {(VENDOR_A, "ops_plan"): {"score": 12}, (VENDOR_B, "service_design"): {"score": 3}})
    assert my_scores(tender) == {(VENDOR_A, "ops_plan"): (Decimal(11), ""), (VENDOR_B, "service_design"): (Decimal(3), "")}


def test_clearing_a_score_withdraws_it(tender):
    (_s := Store()).set_score(seat_judge(_s, tender, JUDGE), tender, VENDOR_A, "ops_plan", Decimal(12))
    app = open_app("scoring", tender_id=tender, judge=JUDGE)
    edit(app, {(VENDOR_A, "ops_plan"): {"score": None}})
    assert not app.error
    assert my_scores(tender) == {(VENDOR_A, "ops_plan"): (None, "")}


def test_a_judge_does_not_see_another_judges_scores(tender):
    store = Store()
    store.set_score(seat_judge(store, tender, "李评委"), tender, VENDOR_A, "ops_plan", Decimal("13.5"), "李的评语")
    store.set_score(seat_judge(store, tender, "李评委"), tender, VENDOR_B, "service_design", Decimal("2"), "")
    app = open_app("scoring", tender_id=tender, judge=JUDGE)
    table = grid(app)
    assert table["score"].isna().all()
    assert "李的评语" not in set(table["comment"])
    shown = " ".join(str(v) for v in table.to_numpy().ravel())
    assert "13.5" not in shown and "李评委" not in shown
    assert app.get("progress")[1].proto.text == "全体评委：已打 2 / 8 项"  # counts only, never values


def test_saved_scores_come_back_in_a_new_session(tender):
    app = open_app("scoring", tender_id=tender, judge=JUDGE)
    edit(app, {(VENDOR_A, "ops_plan"): {"score": 13, "comment": "流程清晰"}})
    again = open_app("scoring", tender_id=tender, judge=JUDGE)
    row = row_of(again, VENDOR_A, "ops_plan")
    assert grid(again)["score"][row] == "13"
    assert grid(again)["comment"][row] == "流程清晰"


def test_a_new_judge_joins_the_panel_and_scores_as_themselves(tender):
    admin_call("add_judge", tender, "李评委")
    app = open_app("scoring", lang="en", tender_id=tender)
    assert app.selectbox(key="scoring_judge_pick").options == [JUDGE, "李评委"]
    app.text_input(key="scoring_new_judge").set_value(" 赵评委 ")
    app.button(key="scoring_join").click()
    app.run()
    assert not app.exception
    assert admin_call("judges", tender) == [JUDGE, "李评委", "赵评委"]
    assert app.session_state["judge"] == "赵评委"
    assert app.selectbox(key="scoring_judge_pick").value == "赵评委"
    assert not app.data_editor  # a new judge declares conflicts of interest before seeing any bid
    app.multiselect(key="scoring_conflicts").set_value([VENDOR_A])
    app.button(key="scoring_declare").click()
    app.run()
    assert [d.vendor_id for d in admin_call("recusals", tender)] == [VENDOR_A]
    assert set(grid(app)["vendor_id"]) == {VENDOR_B}  # recused from A: A is not in the grid
    edit(app, {(VENDOR_B, "service_design"): {"score": 3}})
    assert my_scores(tender, "赵评委") == {(VENDOR_B, "service_design"): (Decimal(3), "")}


def test_the_judge_chosen_survives_a_visit_to_another_page(tender):
    admin_call("add_judge", tender, JUDGE)
    app = open_app("scoring", tender_id=tender)
    app.selectbox(key="scoring_judge_pick").set_value(JUDGE)
    app.run()
    assert app.session_state["judge"] == JUDGE
    app.switch_page("pages/results.py")
    app.run()
    app.switch_page("pages/scoring.py")
    app.run()
    assert not app.exception
    assert app.selectbox(key="scoring_judge_pick").value == JUDGE
    assert app.data_editor
