"""The scoring page in AppTest: the signed-in judge declares, scores within the agreed tiers blind to the others,
saved cell by cell exactly as typed, and submits."""
from decimal import Decimal
from pathlib import Path

import pytest

from bideval.rights import Role
from bideval.rubric import parse_rubric
from bideval.storage import Store
from bideval.workflow import SeatProgress, missing_scores, seat_progress
from conftest import admin_call, admin_of, chair_tender, qcbs_below_the_pass_mark, replace_panel, seat_judge, EXAMPLE_RUBRIC, VENDOR_A, VENDOR_B, good_bid, open_app, write_form

VENDOR_C = "91310000MA1FL0000X"
JUDGE = "王评委"
NAMES = {"ops_plan": ("运营管理能力", "Operations management plan"), "service_design": ("服务方案", "Service design")}
EMPTY_EDITS = {"added_rows": [], "deleted_rows": []}


def make_tender(store: Store, tmp_path: Path, hide_prices: bool = False) -> int:
    """The formats.md rubric (tiered ops_plan 0–5 / 5.1–10 / 10.1–15, judged service_design 0..5); A's tier is t3;
    two valid bids and an invalid one; 王评委 seated and declared no conflict."""
    tender = chair_tender(store, "打分测试", EXAMPLE_RUBRIC.read_text(encoding="utf-8"), EXAMPLE_RUBRIC.name)
    files = [write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, name="甲公司")),
             write_form(tmp_path / "b.xlsx", good_bid(VENDOR_B, name="乙公司", rate_per_call=0.6)),
             write_form(tmp_path / "c.xlsx", good_bid(VENDOR_C, name="丙公司", business_license="否"))]
    report = store.import_bids(admin_of(store), tender, [(f.name, f.read_bytes()) for f in files])
    assert report.ok, report.refused
    if hide_prices:
        store.set_hide_prices(admin_of(store), tender, True)
    store.open_scoring(admin_of(store), tender)
    store.set_tier(admin_of(store), tender, VENDOR_A, "ops_plan", "t3")
    seat_judge(store, tender, JUDGE)  # seated, and declared no conflict with any bidder
    return tender


@pytest.fixture
def tender(app_db: str, built_once) -> int:
    """make_tender's, made once for the module and copied for each test."""
    return built_once("tender", lambda url: make_tender(Store(url), Path(url.removeprefix("sqlite:///")).parent),
                      app_db)


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


# The counts the page shows (package data, never counted by the page): ops_plan is tiered, service_design 0..5.
@pytest.mark.parametrize("given, tiers, progress, missing", [
    (set(), {}, SeatProgress(0, 4, 4, 2), [(VENDOR_A, "ops_plan"), (VENDOR_A, "service_design"), (VENDOR_B, "ops_plan"),
                                            (VENDOR_B, "service_design")]),
    ({(VENDOR_A, "ops_plan"), (VENDOR_B, "service_design")}, {(VENDOR_A, "ops_plan"): "t3"}, SeatProgress(2, 4, 2, 1),
     [(VENDOR_A, "service_design"), (VENDOR_B, "ops_plan")]),
    ({(VENDOR_A, c) for c in NAMES} | {(VENDOR_B, c) for c in NAMES} | {(VENDOR_C, "ops_plan")},  # C: not theirs
     {(v, "ops_plan"): "t2" for v in (VENDOR_A, VENDOR_B)}, SeatProgress(4, 4, 0, 0), []),
])
def test_a_judges_progress_counts_what_submitting_waits_for(given, tiers, progress, missing):
    criteria = parse_rubric(EXAMPLE_RUBRIC.read_text(encoding="utf-8"), EXAMPLE_RUBRIC.name).panel_criteria
    assert seat_progress([VENDOR_A, VENDOR_B], criteria, given, tiers) == progress
    assert list(missing_scores([VENDOR_A, VENDOR_B], criteria, given)) == missing


@pytest.mark.parametrize("lang, title, score_header, awaiting", [
    ("zh", "评委打分", "得分", "有 1 项分档评分尚未定档"), ("en", "Scoring", "Score", "Awaiting tier: 1 tiered score(s)")])
def test_scoring_page_renders_the_grid_of_valid_bids_and_panel_criteria(tender, lang, title, score_header, awaiting):
    app = open_app("scoring", lang=lang, tender_id=tender, judge=JUDGE)
    assert not app.exception
    assert app.title[0].value == title
    table = grid(app)
    assert list(table["vendor_id"]) == [VENDOR_A, VENDOR_A, VENDOR_B, VENDOR_B]  # no invalid bid, no objective criterion
    assert list(table["range"]) == ["10.1–15", "0–5", "—", "0–5"]
    assert table["score"].isna().all()
    assert [p.proto.text for p in app.get("progress")] == ["我的评分：已打 0 / 4 项" if lang == "zh" else "My scores: 0 of 4 given"]
    assert [w.value for w in app.warning if awaiting in w.value]  # B's ops_plan: no tier agreed yet
    assert not app.get("selectbox") or "scoring_judge_pick" not in [s.key for s in app.selectbox]  # no picking who you are


def test_without_a_seat_there_is_no_scoring_page(tender):
    """The administrator (procurement and chair here) holds no seat: the page is not in their menu at all."""
    app = open_app(lang="en", tender_id=tender)
    with pytest.raises(ValueError, match="scoring.py"):
        app.switch_page("pages/scoring.py")


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
    assert [p.proto.text for p in app.get("progress")] == ["我的评分：已打 2 / 4 项"]


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
    ("zh", "-0", "-0 带有负号；请去掉负号填写得分（得分范围为 0–5）"),
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
    assert grid(app)["tier"][row_of(app, VENDOR_B, "service_design")] == "—"  # judged: no tiers (not "not tiered")
    edit(app, {(VENDOR_B, "ops_plan"): {"score": 3}})
    assert VENDOR_B in app.error[0].value and "no agreed tier yet" in app.error[0].value
    assert my_scores(tender) == {}


def test_a_refusal_keeps_the_other_cells_of_the_same_edit(tender):
    app = open_app("scoring", lang="en", tender_id=tender, judge=JUDGE)
    edit(app, {(VENDOR_A, "ops_plan"): {"score": 12}, (VENDOR_B, "service_design"): {"score": 7}})
    assert len(app.error) == 1 and VENDOR_B in app.error[0].value
    assert my_scores(tender) == {(VENDOR_A, "ops_plan"): (Decimal(12), "")}
    assert list(grid(app)["score"].astype(object).fillna(-1)) == ["12", -1, -1, -1]


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
    # The cell still shows the judge's 12 over the 11 they never saw: a new value there is a conflict, not a save.
    edit(app, {(VENDOR_A, "ops_plan"): {"score": 13}, (VENDOR_B, "service_design"): {"score": 3}})
    assert "已在别处改为 11（可能是您在另一窗口中修改的），您的 13 未保存" in app.error[0].value
    assert my_scores(tender)[(VENDOR_A, "ops_plan")] == (Decimal(11), "")
    assert grid(app)["score"][row_of(app, VENDOR_A, "ops_plan")] == "11"  # a fresh grid shows what is stored


def test_a_score_changed_since_the_grid_showed_it_is_refused_not_overwritten(tender):
    """The grid shows 12; the same judge sets 13 in another tab; typing 14 here is refused naming the 13, which
    stays and is then shown: the judge decides again, and 14 typed over the 13 they now see is saved."""
    store = Store()
    judge = seat_judge(store, tender, JUDGE)
    store.set_score(judge, tender, VENDOR_A, "ops_plan", Decimal(12))
    app = open_app("scoring", lang="en", tender_id=tender, judge=JUDGE)
    store.set_score(judge, tender, VENDOR_A, "ops_plan", Decimal(13), expected_version=1)  # the other tab
    edit(app, {(VENDOR_A, "ops_plan"): {"score": "14"}})
    assert len(app.error) == 1 and app.error[0].value.startswith(f"{VENDOR_A} 甲公司 / Operations management plan: ")
    assert "changed elsewhere to 13 (perhaps by you, in another window); your 14 was not saved" in app.error[0].value
    assert "version" not in app.error[0].value
    assert my_scores(tender) == {(VENDOR_A, "ops_plan"): (Decimal(13), "")}
    assert grid(app)["score"][row_of(app, VENDOR_A, "ops_plan")] == "13"
    edit(app, {(VENDOR_A, "ops_plan"): {"score": "14"}})
    assert not app.error
    assert my_scores(tender) == {(VENDOR_A, "ops_plan"): (Decimal(14), "")}


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
    assert [p.proto.text for p in app.get("progress")] == ["我的评分：已打 0 / 4 项"]  # no panel figure at all


def test_saved_scores_come_back_in_a_new_session(tender):
    app = open_app("scoring", tender_id=tender, judge=JUDGE)
    edit(app, {(VENDOR_A, "ops_plan"): {"score": 13, "comment": "流程清晰"}})
    again = open_app("scoring", tender_id=tender, judge=JUDGE)
    row = row_of(again, VENDOR_A, "ops_plan")
    assert grid(again)["score"][row] == "13"
    assert grid(again)["comment"][row] == "流程清晰"


def declare(app, conflicts: dict[int, str], confirm: bool = True):
    """Fill the declaration grid (row → what the conflict is), tick the confirmation, submit."""
    key = app.data_editor[0].key
    app.session_state[key] = {"edited_rows": {r: {"conflict": True, "note": note} for r, note in conflicts.items()},
                              **EMPTY_EDITS}
    app.checkbox(key="scoring_declaration_sure").check() if confirm else None
    app.button(key="scoring_declare").click()
    app.run()
    assert not app.exception
    return app


@pytest.mark.parametrize("lang, heading", [("zh", "回避声明"), ("en", "Conflict-of-interest declaration")])
def test_a_judge_declares_for_every_bidder_before_seeing_any_bid(tender, lang, heading):
    seat_judge(Store(), tender, "赵评委", declare=False)
    app = open_app("scoring", lang=lang, tender_id=tender, judge="赵评委")
    assert app.subheader[0].value == heading
    table = app.data_editor[0].value
    assert list(table["vendor_id"]) == sorted([VENDOR_A, VENDOR_B, VENDOR_C])  # every bidder, the invalid one too
    assert not app.get("progress")  # no grid, no bid's content, before declaring
    declare(app, {0: "前雇主"}, confirm=False)
    assert admin_call("declarations", tender) == [] or all(d.judge != "赵评委" for d in admin_call("declarations", tender))
    assert app.error
    declare(app, {0: "  "})  # ticked, but not what the conflict is (a tester's finding: it was taken)
    assert app.error and ("what it is" in app.error[0].value or "何种关系" in app.error[0].value)
    assert all(d.judge != "赵评委" for d in admin_call("declarations", tender))
    declare(app, {0: "前雇主"})
    assert [(d.vendor_id, d.note) for d in admin_call("recusals", tender)] == [(VENDOR_A, "前雇主")]
    assert set(grid(app)["vendor_id"]) == {VENDOR_B}  # recused from A: A is not in the grid
    assert VENDOR_A in app.caption[0].value
    edit(app, {(VENDOR_B, "service_design"): {"score": 3}})
    assert my_scores(tender, "赵评委") == {(VENDOR_B, "service_design"): (Decimal(3), "")}


def test_the_bidder_a_judge_is_recused_from_is_named_as_written(app_db, tmp_path):
    """The line naming the bidders a judge is recused from showed 星*辰*科技 as 星辰科技 with 辰 in italics."""
    store = Store(app_db)
    tender = chair_tender(store, "回避", EXAMPLE_RUBRIC.read_text(encoding="utf-8"), EXAMPLE_RUBRIC.name)
    files = [write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, name="星*辰*科技")),
             write_form(tmp_path / "b.xlsx", good_bid(VENDOR_B, name="乙公司"))]
    assert store.import_bids(admin_of(store), tender, [(f.name, f.read_bytes()) for f in files]).ok
    store.open_scoring(admin_of(store), tender)
    seat_judge(store, tender, JUDGE, conflicts=[VENDOR_A])
    app = open_app("scoring", tender_id=tender, judge=JUDGE)
    assert not app.exception
    said = [c.value for c in app.caption if VENDOR_A in c.value]
    assert said and "星\\*辰\\*科技" in said[0] and "星*辰*科技" not in said[0]


@pytest.mark.parametrize("lang, words", [("en", "already holds scores for a bidder it declares a conflict"),
                                         ("zh", "已有声明存在利害关系的投标人的评分")])
def test_a_conflict_over_scores_a_panel_workbook_gave_the_seat_is_refused_on_the_page(tender, tmp_path, lang, words):
    """The chair typed 赵评委's paper scores into a panel workbook; 赵评委 then declares a conflict with 甲 in the app.
    The page says which scores stand in the way and that the chair removes them; nothing is declared."""
    from conftest import write_panel

    replace_panel(Store(), tender, write_panel(
        tmp_path / "panel.xlsx", scores=[["赵评委", VENDOR_A, "ops_plan", 12, ""], ["赵评委", VENDOR_A, "service_design", 4, ""]],
        tiers=[[VENDOR_A, "ops_plan", "t3"]], judges=[JUDGE, "赵评委"]))
    seat_judge(Store(), tender, "赵评委", declare=False)  # the first account to take up the seat the workbook filled
    app = open_app("scoring", lang=lang, tender_id=tender, judge="赵评委")
    declare(app, {0: "亲属"})
    assert words in app.error[0].value and f"{VENDOR_A} / " in app.error[0].value
    assert all(d.judge != "赵评委" for d in admin_call("declarations", tender))
    assert app.subheader[0].value in ("回避声明", "Conflict-of-interest declaration")  # still declaring, no grid


@pytest.mark.parametrize("tier, criterion, typed, kept", [
    ("t2", "ops_plan", "8.25", Decimal("8.25")),   # not 8.2
    ("t2", "ops_plan", "6.05", Decimal("6.05")),   # not 6
    ("t2", "ops_plan", "8.250", Decimal("8.25")),  # the same number, two places
    ("t2", "service_design", " 4.5 ", Decimal("4.5")),
])
def test_a_score_is_kept_exactly_as_typed(tender, tier, criterion, typed, kept):
    admin_call("set_tier", tender, VENDOR_B, "ops_plan", tier)
    app = open_app("scoring", lang="en", tender_id=tender, judge=JUDGE)
    edit(app, {(VENDOR_B, criterion): {"score": typed}})
    assert not app.error
    assert my_scores(tender) == {(VENDOR_B, criterion): (kept, "")}
    assert grid(app)["score"][row_of(app, VENDOR_B, criterion)] == typed.strip()  # shown as typed, never rounded


def test_the_stored_score_typed_again_in_other_digits_is_no_change(tender):
    """８．２５ typed over 8.25 was compared as text and saved again: a new version and an audit entry 8.25 → 8.25."""
    admin_call("set_tier", tender, VENDOR_B, "ops_plan", "t2")
    store = Store()
    store.set_score(seat_judge(store, tender, JUDGE), tender, VENDOR_B, "ops_plan", Decimal("8.25"))
    app = open_app("scoring", lang="en", tender_id=tender, judge=JUDGE)
    edit(app, {(VENDOR_B, "ops_plan"): {"score": " ８．２５ "}})
    assert not app.error and not app.toast
    assert [s.version for s in admin_call("scores", tender)] == [1]
    edit(app, {(VENDOR_B, "ops_plan"): {"score": "8.250"}})  # kept as typed: a change
    assert [(s.score, s.version) for s in admin_call("scores", tender)] == [("8.250", 2)]


@pytest.mark.parametrize("lang, typed, message", [
    ("en", "-1", "-1 is negative"),
    ("en", "6.055", "6.055 has more than 2 decimal place(s)"),
    ("zh", "6.055", "6.055"),
    ("en", "８．２５５", "8.255 has more than 2 decimal place(s)"),  # full-width digits, read as typed
    # a superscript, circled or other script's digit is no number (README, Reading values): ⁸ was saved as 8
    ("en", "⁸", "'⁸' is not a number; not saved"), ("zh", "٨", "“٨”不是数字"), ("en", "⑧", "'⑧' is not a number"),
])
def test_what_cannot_be_kept_as_typed_is_refused_naming_it(tender, lang, typed, message):
    admin_call("set_tier", tender, VENDOR_B, "ops_plan", "t2")
    app = open_app("scoring", lang=lang, tender_id=tender, judge=JUDGE)
    edit(app, {(VENDOR_B, "ops_plan"): {"score": typed}})
    assert message in app.error[0].value
    assert my_scores(tender) == {}


@pytest.mark.parametrize("lang, typed, message", [
    ("en", "0,500", "'0,500' is ambiguous: a comma after a leading 0 is no thousands separator; type the score with a "
     "decimal point (0.500); not saved."),  # had been read as 500, refused as outside 0–5
    ("en", "0,000", "'0,000' is ambiguous: a comma after a leading 0 is no thousands separator; type the score with a "
     "decimal point (0.000); not saved."),  # had been saved as 0
    ("zh", "０，５", "“０，５”有歧义：0 后的逗号不会是千位分隔符；请以小数点填写得分（0.5），未保存。"),
])
def test_a_comma_after_a_leading_0_is_refused_as_ambiguous(tender, lang, typed, message):
    app = open_app("scoring", lang=lang, tender_id=tender, judge=JUDGE)
    edit(app, {(VENDOR_A, "service_design"): {"score": typed}})
    assert [e.value for e in app.error] == [f"{VENDOR_A} 甲公司 / {NAMES['service_design'][lang == 'en']}"
                                            f"{'：' if lang == 'zh' else ': '}{message}"]
    assert my_scores(tender) == {}


def test_submitting_locks_the_scores_and_opens_the_results(tender):
    admin_call("set_tier", tender, VENDOR_B, "ops_plan", "t2")
    app = open_app("scoring", lang="en", tender_id=tender, judge=JUDGE)
    with pytest.raises(ValueError, match="results.py"):  # blind: no results page before submitting
        open_app(lang="en", tender_id=tender, judge=JUDGE).switch_page("pages/results.py")
    edit(app, {(VENDOR_A, "ops_plan"): {"score": 12}, (VENDOR_A, "service_design"): {"score": 4}})
    assert app.button(key="scoring_submit").disabled and app.checkbox(key="scoring_submit_sure").disabled
    assert "2 score(s) still to give" in app.info[0].value
    edit(app, {(VENDOR_B, "ops_plan"): {"score": 7}, (VENDOR_B, "service_design"): {"score": 3}})
    app.checkbox(key="scoring_submit_sure").check().run()
    app.button(key="scoring_submit").click().run()
    assert not app.exception
    assert app.success[0].value.startswith("You submitted your scores")
    assert admin_call("progress", tender).judges == ((JUDGE, 4, 4, True),)
    edit(app, {(VENDOR_B, "service_design"): {"score": 1}})  # a locked grid saves nothing, and says so
    assert my_scores(tender)[(VENDOR_B, "service_design")] == (Decimal(3), "")
    assert VENDOR_B in app.error[0].value and "submitted your scores" in app.error[0].value
    assert app.error[0].value.endswith("your 1 was not saved.")
    after = open_app(lang="en", tender_id=tender, judge=JUDGE)
    after.switch_page("pages/results.py").run()
    assert not after.exception and after.title[0].value == "Evaluation results"


def test_sealed_prices_are_said_until_the_judge_submits(app_db, tmp_path):
    tender = make_tender(Store(app_db), tmp_path, hide_prices=True)
    app = open_app("scoring", lang="en", tender_id=tender, judge=JUDGE)
    assert any("prices stay sealed" in c.value for c in app.caption)
    assert list(grid(app)["vendor_id"]) == [VENDOR_A, VENDOR_A, VENDOR_B, VENDOR_B]  # the valid bids, no price


def test_the_grid_survives_a_visit_to_another_page(tender):
    app = open_app("scoring", tender_id=tender, judge=JUDGE)
    edit(app, {(VENDOR_A, "ops_plan"): {"score": 12}})
    app.switch_page("pages/account.py")
    app.run()
    shown = "".join(m.value for m in app.markdown)  # the roles and seat the run's capabilities hold
    assert "**本项目中的角色**：评委" in shown and f"**评委席位**：{JUDGE}" in shown
    app.switch_page("pages/scoring.py")
    app.run()
    assert not app.exception
    assert grid(app)["score"][row_of(app, VENDOR_A, "ops_plan")] == "12"


@pytest.mark.parametrize("typed, submitted", [("13", True), ("9", False)])  # 9: outside A's agreed tier t3, 10.1–15
def test_a_cell_typed_without_enter_is_saved_or_refused_with_the_submit(tender, typed, submitted):
    """The browser sends a cell left without Enter with the click on 提交评分, in one run: the change is saved and the
    seat submitted in one transaction, or the change is refused with its reason and nothing is submitted."""
    admin_call("set_tier", tender, VENDOR_B, "ops_plan", "t2")
    app = open_app("scoring", lang="en", tender_id=tender, judge=JUDGE)
    edit(app, {(VENDOR_A, "ops_plan"): {"score": 12}, (VENDOR_A, "service_design"): {"score": 4},
               (VENDOR_B, "ops_plan"): {"score": 7}, (VENDOR_B, "service_design"): {"score": 3}})
    app.checkbox(key="scoring_submit_sure").check().run()
    grid_key, cells = app.data_editor[0].key, dict(app.session_state[app.data_editor[0].key]["edited_rows"])
    cells[row_of(app, VENDOR_A, "ops_plan")] = {"score": typed}
    app.session_state[grid_key] = {"edited_rows": cells, **EMPTY_EDITS}
    app.button(key="scoring_submit").click().run()  # the cell and the click in the same run
    assert not app.exception
    assert my_scores(tender)[(VENDOR_A, "ops_plan")] == (Decimal(typed if submitted else 12), "")
    assert admin_call("progress", tender).judges == ((JUDGE, 4, 4, submitted),)
    if submitted:
        assert app.success[0].value.startswith("You submitted your scores")
        assert not app.error
    else:
        assert "9 is outside the allowed range 10.1–15" in app.error[0].value
        assert app.error[1].value.startswith("Not submitted: a score above was not saved")


def test_a_score_typed_while_a_bid_is_imported_or_removed_is_saved_or_named(tender, tmp_path):
    """The rows change under the judge's typing (the grid's editor key with them): what was typed is still read
    against the rows the judge saw. A late bid: the score is saved, then its declaration is asked. A removed bid:
    the score typed on it is refused naming it; the one typed on a bid still there is saved."""
    app = open_app("scoring", lang="en", tender_id=tender, judge=JUDGE)
    late = write_form(tmp_path / "d.xlsx", good_bid("91110000MA0LATE00X", name="丁公司"))
    assert admin_call("import_bids", tender, [(late.name, late.read_bytes())]).ok
    edit(app, {(VENDOR_A, "service_design"): {"score": 4}})
    assert my_scores(tender) == {(VENDOR_A, "service_design"): (Decimal(4), "")}
    assert app.subheader[0].value == "Conflict-of-interest declaration"  # the late bid's, after the score was saved
    declare(app, {})
    admin_call("remove_bid", tender, VENDOR_B, "撤回")
    edit(app, {(VENDOR_A, "service_design"): {"score": "4.5"}, (VENDOR_B, "service_design"): {"score": "4.2"}})
    assert my_scores(tender) == {(VENDOR_A, "service_design"): (Decimal("4.5"), "")}
    assert len(app.error) == 1 and app.error[0].value.startswith(f"{VENDOR_B} 乙公司 / Service design: ")
    assert app.error[0].value.endswith("your 4.2 was not saved.")
    assert VENDOR_B not in set(grid(app)["vendor_id"])


@pytest.mark.parametrize("lang, take, said", [
    ("zh", lambda t: admin_call("take_role", t, JUDGE, Role.JUDGE),
     "您在招标项目 #{t} 的评委角色已被 管理员 admin 于 "),
    ("en", lambda t: admin_call("remove_judge", t, JUDGE, "评委临时回避，更换评委"),
     "your seat '王评委' on the panel of tender #{t} was removed by 管理员 admin on "),
])
def test_a_score_typed_after_the_seat_was_taken_says_so(tender, through_the_entrypoint, lang, take, said):
    """app8 A8-3: the administrator took the judge role back, or the chair removed the seat, while the judge had the
    grid open; the score typed next was dropped, and the page said the tender did not exist. It says whose doing it
    was, the reason given, and that the typed score was not saved."""
    app = open_app("scoring", lang=lang, tender_id=tender, judge=JUDGE)
    before = my_scores(tender)
    take(tender)
    edit(app, {(VENDOR_A, "service_design"): {"score": "4"}})
    (error,) = [e.value.replace("\\", "") for e in app.error]  # as shown: the # unescaped
    assert error.startswith(said.format(t=tender)), error
    if lang == "zh":
        assert error.endswith("，您刚输入的 4（甲公司 / 服务方案）未保存")
    else:
        assert "UTC (reason: 评委临时回避，更换评委); what you had just typed was not saved: 4 (甲公司 / Service design)" \
            in error
    assert not app.warning and my_scores(tender) == before  # not "does not exist", nor "not part of your role"
    assert not [i for i in app.info if "不属于" in i.value or "not part of your role" in i.value]
    app.run()  # said again on the next run, without a typed score now
    assert [e.value.replace("\\", "") for e in app.error] == [error.split("，您刚输入的")[0].split("; what you had")[0]]


def test_what_the_page_says_a_judge_owes_on_a_bid_below_the_pass_mark_is_what_submitting_asks(app_db):
    """okafor's own 1s put every QCBS bid below the technical pass mark, mensah has scored nothing: the bids stay in
    the grid with the presentation criterion after the pass-mark group, and the page's count, its missing scores and
    its submit button say what submitting asks (his own result had said nothing was owed); mensah's grid stays blind."""
    from bideval.workflow import SubmitRefused

    store = Store(app_db)
    tender, okafor, bids = qcbs_below_the_pass_mark(store)
    with pytest.raises(SubmitRefused) as refused:
        store.submit(okafor, tender)
    app = open_app("scoring", lang="en", tender_id=tender, judge="okafor")
    assert not app.exception
    table = grid(app)
    assert sorted(set(table["vendor_id"])) == sorted(bids) and len(table) == 5 * len(bids)
    owed = {(v, "presentation") for v in bids}
    assert {(v, c) for v, c in refused.value.missing} == owed and len(owed) == 4
    assert [p.proto.text for p in app.get("progress")] == ["My scores: 16 of 20 given"]
    assert "4 score(s) still to give" in app.info[0].value
    assert app.button(key="scoring_submit").disabled and app.checkbox(key="scoring_submit_sure").disabled
    for vendor, criterion in owed:
        store.set_score(okafor, tender, vendor, criterion, Decimal(5))
    app = open_app("scoring", lang="en", tender_id=tender, judge="okafor")
    assert [p.proto.text for p in app.get("progress")] == ["My scores: 20 of 20 given"]
    assert not [i for i in app.info if "still to give" in i.value]
    app.checkbox(key="scoring_submit_sure").check().run()
    app.button(key="scoring_submit").click().run()
    assert not app.exception and app.success[0].value.startswith("You submitted your scores")
    other = open_app("scoring", lang="en", tender_id=tender, judge="mensah")
    assert grid(other)["score"].isna().all()  # okafor's scores are not in mensah's grid
