"""The chair's pages in AppTest: written findings for every flag, consensus scores with reasons, and a judge's returned
score sheet imported as that judge's scores only, previewed then confirmed."""
from decimal import Decimal
from pathlib import Path

import pytest

from bideval.storage import Store
from bideval.workflow import FindingKind
from conftest import (EXAMPLE_RUBRIC, VENDOR_A, VENDOR_B, admin_of, admin_call, chair_tender, good_bid, open_app,
                      replace_panel, seat_judge, write_form, write_panel, write_xlsx)

EMPTY = {"added_rows": [], "deleted_rows": []}


def make(store: Store, tmp_path: Path, rubric_text: str, scores, b_rate: float = 0.6,
         judges: list[str] | None = None) -> int:
    """Two valid bids with tiers t3 (B quoting ``b_rate`` per call, A 0.85), a panel from ``scores`` (judge, vendor,
    criterion, score) and the Judges list ``judges`` (None: no Judges sheet), scoring open."""
    tender = chair_tender(store, "复核测试", rubric_text, "example.yaml")
    forms = [write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, name="甲公司")),
             write_form(tmp_path / "b.xlsx", good_bid(VENDOR_B, name="乙公司", rate_per_call=b_rate))]
    assert store.import_bids(admin_of(store), tender, [(f.name, f.read_bytes()) for f in forms]).ok
    panel = write_panel(tmp_path / "panel.xlsx", scores=[[*row, ""] for row in scores],
                        tiers=[[VENDOR_A, "ops_plan", "t3"], [VENDOR_B, "ops_plan", "t3"]], judges=judges)
    replace_panel(store, tender, panel)
    store.open_scoring(admin_of(store), tender)
    return tender


FULL = [(j, v, c, s) for j, high in (("王", 10.1), ("李", 10.1), ("赵", 15)) for v in (VENDOR_A, VENDOR_B)
        for c, s in (("ops_plan", high), ("service_design", 4))]


@pytest.fixture
def outlier(app_db, tmp_path) -> int:
    """赵 gives 15 where the others give 10.1: an outlying score on each bid's ops_plan; scoring closed."""
    store = Store(app_db)
    tender = make(store, tmp_path, EXAMPLE_RUBRIC.read_text(encoding="utf-8"), FULL)
    for name in ("王", "李", "赵"):  # each judge's account takes up their seat, declares and submits
        store.submit(seat_judge(store, tender, name), tender)
    store.close_scoring(admin_of(store), tender)
    return tender


def test_every_flag_gets_a_written_finding_then_the_result_can_be_final(outlier):
    app = open_app("review", lang="en", tender_id=outlier)
    table = app.data_editor[0].value
    assert list(table["kind"]) == ["Outlying score", "Outlying score"]
    assert table["facts"][0] == "赵 gave 15; panel mean 11.73"
    assert "no written finding yet for an outlying score (" in app.warning[0].value  # said once, above a button
    # that waits for it
    assert app.button(key="review_finalise").disabled and not app.error
    key = app.data_editor[0].key
    app.session_state[key] = {"edited_rows": {0: {"finding": "评委说明了理由，予以保留"}, 1: {"finding": "同上"}}, **EMPTY}
    app.button(key="review_save_findings").click().run()
    assert not app.exception
    assert app.success[0].value == "Saved 2 finding(s)."
    recorded = admin_call("findings", outlier)
    assert [(f.kind, f.judge, text) for f, text, _, _ in recorded] == [
        (FindingKind.OUTLIER, "赵", "评委说明了理由，予以保留"), (FindingKind.OUTLIER, "赵", "同上")]
    app.button(key="review_finalise").click().run()
    assert admin_call("tender", outlier).stage.value == "final"


def agreed(tender) -> dict:
    """The agreed scores on record: (vendor_id, criterion) → (score, version)."""
    return {k: (a.score, a.version) for k, a in admin_call("agreed_scores", tender).items()}


@pytest.fixture
def consensus(app_db, tmp_path) -> int:
    """A consensus rubric, every judge submitted, scoring closed: B, a little cheaper (60.23 to 59.88), ranks first
    until a consensus score moves A up."""
    store = Store(app_db)
    rubric = EXAMPLE_RUBRIC.read_text(encoding="utf-8").replace("aggregate: mean", "aggregate: consensus")
    tender = make(store, tmp_path, rubric, FULL, b_rate=0.84, judges=["王（组长）", "李", "赵"])
    for name in ("王", "李", "赵"):
        store.submit(seat_judge(store, tender, name), tender)
    store.close_scoring(admin_of(store), tender)
    return tender


def test_a_run_asks_the_store_for_the_capabilities_once(outlier, monkeypatch, through_the_entrypoint):
    """The entrypoint and the page share one answer per run (``ws.capabilities``): each asking costs statements."""
    asked = []
    capabilities = Store.capabilities
    monkeypatch.setattr(Store, "capabilities", lambda store, *args: asked.append(args) or capabilities(store, *args))
    app = open_app("review", lang="en", tender_id=outlier)
    asked.clear()
    app.run()
    assert not app.exception and app.title[0].value == "Review" and len(asked) == 1


def test_a_flags_figures_are_the_reports(outlier):
    """The panel mean was shown 5.74 (a Decimal's half-even .2f) where the report says 5.75."""
    from dataclasses import replace

    from bideval.result import Outlier
    from bideval.workflow import Flag
    from conftest import import_page

    odd = replace(admin_call("evaluate", outlier),
                  outliers=(Outlier("赵", VENDOR_A, "ops_plan", Decimal("3"), Decimal("5.745")),))
    facts = import_page("review").flag_facts(odd, Flag(FindingKind.OUTLIER, VENDOR_A, "ops_plan", "赵"))
    assert facts.endswith(" 5.75") and facts.endswith(odd.panel_mean_text(odd.outliers[0]))


@pytest.mark.parametrize("cells, showing, text", [
    ({"finding": " 已核实\u200b "}, "已核实", "已核实"),  # a pasted zero-width space is no change to save
    ({}, "报价说明已提交", "报价说明已提交"),
])
def test_a_finding_is_compared_as_the_store_files_it(cells, showing, text):
    from conftest import import_page

    assert import_page("review").finding_typed(cells, showing) == text


def test_consensus_scores_are_entered_with_a_reason(consensus):
    tender = consensus
    app = open_app("review", lang="en", tender_id=tender)
    assert "Consensus scores" in [h.value for h in app.subheader]
    flags = app.data_editor[0].value  # every judge scored: the chair's agreed scores are what is missing, which
    assert set(flags["kind"]) == {"Outlying score"}  # asks for no written finding, and the sign-off box names it
    # by bid name and code (it said "incomplete scores" and asked for a finding on each bid: app8 A8-2)
    (blocker,) = [w.value for w in app.warning if "cannot be finalised" in w.value]
    assert "panel scores missing" not in blocker and "Panel scores missing" not in blocker
    assert f"the agreed (consensus) score is not entered yet for 乙公司 ({VENDOR_B}), 甲公司 ({VENDOR_A})" in blocker
    editor = app.data_editor[1]
    table = editor.value
    assert (table["vendor"][0], table["criterion"][0]) == ("乙公司", "Operations management plan")  # in rank order
    # each judge named with their role, as the progress table names them (the grid said 王 10.1)
    assert sorted(list(table["judges"])[0].split(", ")) == ["李 10.1", "王（组长） 10.1", "赵 15"]
    app.session_state[editor.key] = {"edited_rows": {0: {"score": "11.5"}}, **EMPTY}
    app.button(key="review_save_consensus").click().run()
    assert "a consensus score needs its reason" in app.error[0].value
    editor = app.data_editor[1]
    app.session_state[editor.key] = {"edited_rows": {0: {"score": "11.555", "reason": "合议"}}, **EMPTY}
    app.button(key="review_save_consensus").click().run()
    assert "11.555 has more than 2 decimal place(s)" in app.error[0].value
    editor = app.data_editor[1]
    app.session_state[editor.key] = {"edited_rows": {0: {"score": "11.5", "reason": "合议后一致同意"}}, **EMPTY}
    app.button(key="review_save_consensus").click().run()
    assert not app.exception and app.success[0].value == "Saved 1 agreed score(s)."
    assert admin_call("panel_input", tender).consensus == {(VENDOR_B, "ops_plan"): Decimal("11.5")}
    # The reason on record shows beside its score, also on a page opened afresh (it showed empty: app8 A8-4), and
    # saving with nothing changed saves nothing
    for shown in (app, open_app("review", lang="en", tender_id=tender)):
        table = shown.data_editor[1].value
        assert (table["score"][0], table["reason"][0], table["reason"][1]) == ("11.5", "合议后一致同意", "")
    app.button(key="review_save_consensus").click().run()
    assert not app.error and agreed(tender) == {(VENDOR_B, "ops_plan"): (Decimal("11.5"), 1)}
    assert admin_call("evaluate", tender).standing(VENDOR_B).criteria["ops_plan"] == Decimal("11.5")
    # A cleared cell had been passed over in silence; a new reason for the same score is a new version of it
    editor = app.data_editor[1]
    app.session_state[editor.key] = {"edited_rows": {0: {"score": None}}, **EMPTY}
    app.button(key="review_save_consensus").click().run()
    assert "an agreed score is not taken away" in app.error[0].value
    editor = app.data_editor[1]
    app.session_state[editor.key] = {"edited_rows": {0: {"reason": "复核后理由补充"}}, **EMPTY}
    app.button(key="review_save_consensus").click().run()
    assert not app.exception and app.success[0].value == "Saved 1 agreed score(s)."
    assert agreed(tender) == {(VENDOR_B, "ops_plan"): (Decimal("11.5"), 2)}


def test_consensus_edits_land_on_the_bid_they_were_typed_on_and_never_overwrite_unseen(consensus):
    """Two tabs of the chair show the consensus grid in rank order (B, then A). The second agrees A's plan at 15,
    which puts A first. The first tab then saves 12 on its top row (B's plan) and 13 on A's plan, which it showed
    unagreed: 12 goes to B — not to A, now on top — and the 13 is refused as a conflict, the 15 kept and shown."""
    first, second = (open_app("review", lang="en", tender_id=consensus) for _ in range(2))
    assert list(first.data_editor[1].value["vendor"][::2]) == ["乙公司", "甲公司"]  # B's rows first, then A's
    second.session_state[second.data_editor[1].key] = {"edited_rows": {2: {"score": "15", "reason": "一致"}}, **EMPTY}
    second.button(key="review_save_consensus").click().run()
    assert agreed(consensus) == {(VENDOR_A, "ops_plan"): (Decimal(15), 1)}
    assert [s.vendor_id for s in admin_call("evaluate", consensus).ranking] == [VENDOR_A, VENDOR_B]
    first.session_state[first.data_editor[1].key] = {
        "edited_rows": {0: {"score": "12", "reason": "合议"}, 2: {"score": "13", "reason": "合议"}}, **EMPTY}
    first.button(key="review_save_consensus").click().run()
    assert not first.exception
    assert agreed(consensus) == {(VENDOR_A, "ops_plan"): (Decimal(15), 1),
                                                           (VENDOR_B, "ops_plan"): (Decimal(12), 1)}
    assert len(first.error) == 1 and first.error[0].value.startswith(f"{VENDOR_A} 甲公司 / Operations management plan: ")
    assert "was changed elsewhere to 15 (perhaps by you, in another window)" in first.error[0].value
    table = first.data_editor[1].value  # afresh, in the new rank order, with what is stored
    assert list(zip(table["vendor"], table["score"]))[::2] == [("甲公司", "15"), ("乙公司", "12")]


def test_a_finding_written_meanwhile_is_not_overwritten(outlier):
    """The findings' versions were read on the save's own run: a finding written in another tab was replaced."""
    app = open_app("review", lang="en", tender_id=outlier)
    top = app.data_editor[0].value["vendor"][0].split("(")[1].rstrip(")")  # the first row's bid
    admin_call("record_finding", outlier, FindingKind.OUTLIER, top, "另一标签页写的意见", "ops_plan", "赵")
    app.session_state[app.data_editor[0].key] = {"edited_rows": {0: {"finding": "本页的意见"}, 1: {"finding": "同上"}},
                                                 **EMPTY}
    app.button(key="review_save_findings").click().run()
    assert not app.exception
    recorded = {f.vendor_id: text for f, text, _, _ in admin_call("findings", outlier)}
    assert recorded == {top: "另一标签页写的意见", ({VENDOR_A, VENDOR_B} - {top}).pop(): "同上"}
    assert "was changed elsewhere to 另一标签页写的意见" in app.error[0].value
    assert app.success[0].value == "Saved 1 finding(s)."  # the other row went through


def test_a_sheet_made_for_another_lot_of_the_same_rubric_is_refused_at_the_preview(app_db, tmp_path):
    """app8 A8-1: lot 1's sheet previewed on lot 2 showed lot 1's scores as changes to make, and importing took them."""
    store = Store(app_db)
    lot1, lot2 = (make(store, tmp_path, EXAMPLE_RUBRIC.read_text(encoding="utf-8"), FULL) for _ in range(2))
    seat_judge(store, lot2, "王")
    sheet = store.score_sheet(admin_of(store), lot1, "王")
    app = open_app("tiers", lang="zh", tender_id=lot2)
    app.selectbox(key="tiers_sheet_judge").set_value("王")
    app.file_uploader(key="tiers_sheet_file").upload("王.xlsx", sheet)
    app.button(key="tiers_sheet_preview_button").click().run()
    assert not app.exception and "tiers_sheet_preview" not in app.session_state
    assert f"此评分表是为招标项目 \\#{lot1}（复核测试）制作的，不是本项目 \\#{lot2}（复核测试）：请下载本项目的评分表" \
        in app.error[0].value  # (# escaped in Markdown)
    assert not [b for b in app.button if b.key == "tiers_sheet_import"]


def test_a_judges_returned_sheet_changes_that_judges_scores_only(app_db, tmp_path, through_the_entrypoint):
    store = Store(app_db)
    tender = make(store, tmp_path, EXAMPLE_RUBRIC.read_text(encoding="utf-8"), FULL)
    before = {(s.judge, s.vendor_id, s.criterion): s.score for s in store.scores(admin_of(store), tender)}
    for name in ("王", "李", "赵"):
        seat_judge(store, tender, name)  # the judges' accounts hold their seats and have declared
    sheet = write_xlsx(tmp_path / "wang.xlsx", {"Scores": [
        ["judge", "vendor_id", "criterion", "score", "comment"],
        ["王", VENDOR_A, "ops_plan", 12.25, "复核后"], ["王", VENDOR_A, "service_design", None, ""],
        ["王", VENDOR_B, "ops_plan", 10.1, ""], ["王", VENDOR_B, "service_design", 3, ""]]})
    app = open_app("tiers", lang="en", tender_id=tender)
    app.selectbox(key="tiers_sheet_judge").set_value("王")
    app.file_uploader(key="tiers_sheet_file").upload(sheet.name, sheet.read_bytes())
    app.button(key="tiers_sheet_preview_button").click().run()
    assert not app.exception and not app.error
    assert "would change 2 of **王**'s scores (1 the same; 1 row(s) left blank keep the score and comment stored)" \
        in " ".join(m.value for m in app.markdown)  # a blank row is a score not yet given: 王's 4 stays
    changes = app.dataframe[-1].value
    assert [list(r) for r in changes.itertuples(index=False)] == [
        [VENDOR_A, "Operations management plan", "10.1", "12.25", "", "复核后"],
        [VENDOR_B, "Service design", "4", "3", "", ""]]
    assert Store().scores(admin_of(store), tender, "王")[0].score == "10.1"  # nothing written by a preview
    app.button(key="tiers_sheet_import").click().run()
    assert "Imported wang.xlsx: 2 of 王's scores changed" in app.success[0].value
    after = {(s.judge, s.vendor_id, s.criterion): s.score for s in Store().scores(admin_of(store), tender)}
    assert Decimal(after[("王", VENDOR_A, "ops_plan")]) == Decimal("12.25")
    assert Decimal(after[("王", VENDOR_B, "service_design")]) == 3
    assert after[("王", VENDOR_A, "service_design")] == before[("王", VENDOR_A, "service_design")]
    assert {k: v for k, v in after.items() if k[0] != "王"} == {k: v for k, v in before.items() if k[0] != "王"}


def stored_finding(tender):
    return [text for _, text, _, _ in admin_call("findings", tender)]


def stored_consensus(tender):
    return [(v, c, score, version) for (v, c), (score, version) in agreed(tender).items()]


@pytest.mark.parametrize("tender_kind, editor, cells, button, stored, expected", [
    ("outlier", 0, {"finding": "缺少应急预案，评分有据"}, "review_save_findings", stored_finding, ["缺少应急预案，评分有据"]),
    ("consensus", 1, {"score": "11.5", "reason": "合议后一致同意"}, "review_save_consensus", stored_consensus,
     [(VENDOR_B, "ops_plan", Decimal("11.5"), 1)]),
])
def test_what_was_typed_when_the_session_ended_is_back_after_signing_in(request, app_db, tender_kind, editor, cells,
                                                                      button, stored, expected):
    """The chair types a finding (or an agreed score and its reason); the session expires; the save button shows the
    sign-in page. Signed in again, they open another page first (the editor's own state goes): on Review what they
    typed is still shown, said, and saved by the button, with the version it was typed over."""
    from datetime import timedelta

    from sqlalchemy import text

    from bideval.accounts import _digest
    from bideval.schema import utc_now
    from conftest import PASSWORD

    tender = request.getfixturevalue(tender_kind)
    app = open_app("review", lang="en", tender_id=tender)
    app.session_state[app.data_editor[editor].key] = {"edited_rows": {0: cells}, **EMPTY}
    with Store(app_db).engine.begin() as connection:  # twelve hours pass for this session
        connection.execute(text("UPDATE web_session SET expires_at = :past WHERE token_hash = :hash"),
                           {"past": utc_now() - timedelta(minutes=1), "hash": _digest(app.session_state["signin_token"])})
    app.button(key=button).click().run()
    assert app.title[0].value == "Sign in" and stored(tender) == []
    app.session_state["signin_token"] = Store(app_db).accounts.sign_in("admin", PASSWORD).token  # signed in again
    app.run()
    app.switch_page("pages/results.py").run()  # another page first: the editor's own state goes
    assert not app.exception and app.title[0].value != "Review"
    app.switch_page("pages/review.py").run()
    assert any("typed before your session ended" in i.value for i in app.info)
    assert all(app.data_editor[editor].value[column][0] == value for column, value in cells.items())
    app.button(key=button).click().run()
    assert not app.error
    assert stored(tender) == expected
    app.run()
    assert not [i for i in app.info if "typed before your session ended" in i.value]  # said until saved


def test_a_bid_below_the_pass_mark_on_the_judges_mean_is_in_the_consensus_grid(app_db):
    """Under consensus the agreed score settles the pass mark: the QCBS sample's Northgate (59.34 on the judges' mean)
    had been left out of the grid and the chair could sign off with no agreed score for it (sweep 14b)."""
    from conftest import ROOT

    store = Store(app_db)
    rubric = (ROOT / "criteria" / "qcbs-consultancy.yaml").read_text(encoding="utf-8")
    tender = chair_tender(store, "QCBS", rubric.replace("aggregate: mean", "aggregate: consensus"), "qcbs.yaml")
    bids = sorted((ROOT / "sample_bids" / "qcbs-consultancy").glob("*.xlsx"))
    assert store.import_bids(admin_of(store), tender, [(f.name, f.read_bytes()) for f in bids]).ok
    replace_panel(store, tender, ROOT / "sample_bids" / "qcbs-consultancy-panel.xlsx")
    store.open_scoring(admin_of(store), tender)
    for name in store.judges(admin_of(store), tender):
        store.submit(seat_judge(store, tender, name), tender)
    store.close_scoring(admin_of(store), tender)
    app = open_app("review", lang="en", tender_id=tender)
    assert not app.exception
    assert "Northgate Urban Advisory LLP" in set(app.data_editor[-1].value["vendor"])
    (blocker,) = [w.value for w in app.warning if "cannot be finalised" in w.value]
    assert "Northgate Urban Advisory LLP (91320500MA9C6LJ21X)" in blocker


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_review_page_lists_each_judge_with_the_role_the_report_gives(app_db, tmp_path, lang):
    """The Judges sheet gives 王（组长）: the report's panel list, the Panel sheet and the Tiers page list 王（组长）, the
    Review page's progress per judge and its recusals listed 王 (verify15w), and the Export page's picker of a judge's
    score sheet too."""
    store = Store(app_db)
    tender = chair_tender(store, "复核测试", EXAMPLE_RUBRIC.read_text(encoding="utf-8"), "example.yaml")
    forms = [write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, name="甲公司")),
             write_form(tmp_path / "b.xlsx", good_bid(VENDOR_B, name="乙公司"))]
    assert store.import_bids(admin_of(store), tender, [(f.name, f.read_bytes()) for f in forms]).ok
    scores = [[j, v, c, s, ""] for j, v, c, s in FULL if j != "赵" and not (j == "王" and v == VENDOR_B)]
    replace_panel(store, tender, write_panel(tmp_path / "panel.xlsx", scores,
                                             [[VENDOR_A, "ops_plan", "t3"], [VENDOR_B, "ops_plan", "t3"]],
                                             ["王（组长）", "李", "赵"]))
    seat_judge(store, tender, "王", conflicts=[VENDOR_B])
    store.open_scoring(admin_of(store), tender)
    result = store.result_for(admin_of(store), tender)
    app = open_app("review", lang=lang, tender_id=tender)
    assert not app.exception
    tables = [d.value for d in app.dataframe]  # st.dataframe keeps no key in AppTest unless it is selectable
    per_judge = next(t for t in tables if ("已提交" if lang == "zh" else "Submitted") in t.columns)
    recused = next(t for t in tables if ("声明时间（UTC）" if lang == "zh" else "Declared (UTC)") in t.columns)
    assert list(per_judge.iloc[:, 0]) == [result.judge_listed(j) for j in result.judges] == ["王（组长）", "李", "赵"]
    assert list(recused.iloc[:, 0]) == ["王（组长）"]
    # the Export page's score-sheet picker names them so too (it listed 王), the sheet still made for the seat 王
    app = open_app("export", lang=lang, tender_id=tender)
    assert not app.exception
    picker = app.selectbox(key="export_judge")
    assert picker.options == ["王（组长）", "李", "赵"] and picker.value == "王"
