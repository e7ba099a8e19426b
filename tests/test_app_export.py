"""The export page in AppTest: status, the ranked workbook, the result JSON, a judge's score sheet, input hashes."""
import hashlib
import json
from dataclasses import replace
from datetime import datetime
from io import BytesIO
from pathlib import Path

import pandas as pd
import pytest

from bideval import messages
from bideval.errors import BidEvalError
from bideval.filenames import download_name
from bideval.result import AWAITING_AGREED_LABEL, PROVISIONAL_FLAGGED_LABEL, PROVISIONAL_LABEL, result_json_bytes
from bideval.storage import Store
from bideval.workflow import SignOff, Stage, filed_status
from conftest import admin_call, admin_of, chair_tender, replace_panel, seat_judge, import_page, EXAMPLE_RUBRIC, ROOT, VENDOR_A, VENDOR_B, good_bid, open_app, write_form, write_panel

VENDOR_C = "91310000MA1FL0000X"


def page_module():
    """pages/export.py imported as a module: its helpers, without running the page."""
    return import_page("export")


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    """Bid forms: A and B valid, C invalid (no licence)."""
    return [write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, name="甲公司")),
            write_form(tmp_path / "b.xlsx", good_bid(VENDOR_B, name="乙公司", rate_per_call=0.6)),
            write_form(tmp_path / "c.xlsx", good_bid(VENDOR_C, name="丙公司", business_license="否"))]


@pytest.fixture
def tender(app_db: str, files: list[Path]) -> int:
    """A tender with three bids and no panel scores yet: provisional."""
    store = Store(app_db)
    tender = chair_tender(store, "导出测试", EXAMPLE_RUBRIC.read_text(encoding="utf-8"), EXAMPLE_RUBRIC.name)
    assert store.import_bids(admin_of(store), tender, [(f.name, f.read_bytes()) for f in files]).ok
    return tender


def score_every_bid(tender: int, tmp_path: Path, ops_plan: float = 12, missing: int = 0) -> int:
    """Two judges give every panel score of A and B (but the last ``missing`` ones), their tiers agreed."""
    scores = [[j, v, c, s, ""] for j in ("王", "李") for v in (VENDOR_A, VENDOR_B)
              for c, s in (("ops_plan", ops_plan), ("service_design", 4))]
    panel = write_panel(tmp_path / f"panel_{ops_plan}_{missing}.xlsx", scores=scores[:len(scores) - missing],
                        tiers=[[VENDOR_A, "ops_plan", "t3"], [VENDOR_B, "ops_plan", "t3"]])
    replace_panel(Store(), tender, panel)
    return tender


@pytest.fixture
def scored(tender: int, tmp_path: Path) -> int:
    """The same tender with every panel score given: final."""
    return score_every_bid(tender, tmp_path)


@pytest.fixture
def awaiting(app_db: str, files: list[Path], tmp_path: Path) -> int:
    """A consensus tender whose judges have all scored, no agreed score entered: provisional, waiting for the chair."""
    store = Store(app_db)
    rubric = EXAMPLE_RUBRIC.read_text(encoding="utf-8").replace("aggregate: mean", "aggregate: consensus")
    tender = chair_tender(store, "合议测试", rubric, EXAMPLE_RUBRIC.name)
    assert store.import_bids(admin_of(store), tender, [(f.name, f.read_bytes()) for f in files]).ok
    return score_every_bid(tender, tmp_path)


@pytest.mark.parametrize("page", ["export", "results"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_result_waiting_only_for_agreed_scores_does_not_blame_the_judges(awaiting, page, lang):
    """The Export page had said "some panel scores are missing" of a tender whose judges had all scored."""
    app = open_app(page, lang=lang, tender_id=awaiting)
    assert not app.exception
    warning = app.warning[0].value.replace("\\", "")
    assert AWAITING_AGREED_LABEL.text(lang) in warning
    assert PROVISIONAL_LABEL.text(lang).split("；")[0].split(";")[0] not in warning


@pytest.mark.parametrize("lang, title, labels", [
    ("zh", "导出", ["下载评标报告（PDF）", "下载排名表（中文）", "下载排名表（英文）", "下载结果 JSON"]),
    ("en", "Export", ["Download the evaluation report (PDF)", "Download the workbook in Chinese",
                      "Download the workbook in English", "Download the result JSON"]),
])
def test_export_page_offers_every_download(tender, lang, title, labels):
    app = open_app("export", lang=lang, tender_id=tender)
    assert not app.exception
    assert app.title[0].value == title
    shown = [b.label for b in app.download_button]
    assert shown[:4] == labels
    assert all(b.proto.deferred_file_id for b in app.download_button[:4])  # built only when clicked
    assert not app.download_button(key="export_report").disabled
    assert ("组长须待评分完整后才能定标" if lang == "zh" else "cannot finalise a provisional result") in app.warning[0].value
    assert PROVISIONAL_FLAGGED_LABEL.text(lang) in app.warning[0].value  # the exports' words


def test_complete_scores_are_worded_as_results_words_them_and_every_sheet_is_named(scored):
    """Complete scores nobody has signed are not called final: the Export page says what Results says. The sheets it
    lists are the workbook's own, Inputs included."""
    app = open_app("export", lang="en", tender_id=scored)
    assert not app.exception and not app.warning and not app.success
    assert app.info[0].value.startswith("Scores complete") and "nobody has signed it" in app.info[0].value
    assert app.info[0].value == open_app("results", lang="en", tender_id=scored).info[0].value
    assert any(m.value.startswith("Sheets: Ranking, Scores, Inputs, Panel, Price, Invalid, Rubric, Audit. ")
               for m in app.markdown)
    assert app.selectbox(key="export_judge").options == ["王", "李"]
    assert app.download_button(key="export_score_sheet").label == "Download the score sheet for 王"


@pytest.mark.parametrize("lang, vendor_header", [("zh", "统一社会信用代码"), ("en", "Vendor ID")])
def test_the_ranked_workbook_reads_back_into_pandas(scored, lang, vendor_header):
    page = page_module()
    result = admin_call("evaluate", scored)
    sheets = pd.read_excel(BytesIO(page.ranked_workbook_bytes(result, lang)), sheet_name=None, engine="openpyxl")
    assert list(sheets) == ["Ranking", "Scores", "Inputs", "Panel", "Price", "Invalid", "Rubric", "Audit"]  # Inputs: D6-5
    ranking = sheets["Ranking"].head(len(result.ranking))  # notes follow the ranked rows
    column = next(c for c in ranking.columns if vendor_header in str(c))
    assert list(ranking[column]) == [VENDOR_B, VENDOR_A]  # B is cheaper; C is invalid and not ranked
    total = next(c for c in ranking.columns if ("总分" if lang == "zh" else "Total") in str(c))
    assert [round(t, 2) for t in ranking[total]] == [float(s.total) for s in result.ranking]
    assert download_name("ranked", "甲项目：客服 / 外包", scored, "xlsx", result.status, lang) == \
        f"ranked_甲项目：客服_外包_tender{scored}_final_{lang}.xlsx"


def test_the_result_json_names_the_status(tender):
    page = page_module()
    result = admin_call("evaluate", tender)
    document = json.loads(page.result_json_bytes(result, "en"))
    assert document["status"] == "provisional"
    assert download_name("result", "Tender A", tender, "json", result.status, "en") == \
        f"result_Tender_A_tender{tender}_provisional_en.json"


def test_a_judges_score_sheet_has_the_valid_bids_only(scored):
    sheet = (_s := Store()).score_sheet(admin_of(_s), scored, "张评委", "en")
    rows = pd.read_excel(BytesIO(sheet), sheet_name="Scores", engine="openpyxl")
    assert sorted(set(rows["vendor_id"])) == [VENDOR_A, VENDOR_B]  # C is invalid
    assert set(rows["criterion"]) == {"ops_plan", "service_design"}
    assert set(rows["judge"]) == {"张评委"}
    ops = rows[rows["criterion"] == "ops_plan"]
    assert list(ops["min"]) == [10.1, 10.1] and list(ops["max"]) == [15, 15]  # the agreed tier t3


def test_a_judges_score_sheet_leaves_out_the_bidders_they_are_recused_from(scored):
    """The page had picked the valid bids itself: a recused judge's sheet listed the bidder, whose scores the import
    then refused."""
    store = Store()
    zhao = seat_judge(store, scored, "赵", conflicts=[VENDOR_A])  # a new seat, recused from A
    sheet = store.score_sheet(admin_of(store), scored, " 赵 ", "zh")
    rows = pd.read_excel(BytesIO(sheet), sheet_name="Scores", engine="openpyxl")
    assert set(rows.iloc[:, 1]) == {VENDOR_B} and set(rows.iloc[:, 0]) == {"赵"}
    assert [v for v, _ in store.bids_to_score(zhao, scored)] == [VENDOR_B]  # the judge's own grid: the same bids


def test_a_typed_judge_name_overrides_the_list(scored):
    app = open_app("export", lang="zh", tender_id=scored)
    app.text_input(key="export_judge_typed").set_value("  新评委 ").run()
    assert app.download_button(key="export_score_sheet").label == "下载 新评委 的评分表"


def test_no_judge_no_score_sheet(tender):
    app = open_app("export", lang="en", tender_id=tender)
    assert app.download_button(key="export_score_sheet").disabled
    assert "Choose or type a judge's name first." in [c.value for c in app.caption]


def test_the_input_files_are_listed_with_their_hashes(tender, files):
    app = open_app("export", lang="en", tender_id=tender)
    table = app.dataframe[0].value
    hashes = dict(zip(table["File"], table["SHA-256"]))
    for f in files:
        assert hashes[f.name] == hashlib.sha256(f.read_bytes()).hexdigest()
    assert hashes[EXAMPLE_RUBRIC.name] == hashlib.sha256(EXAMPLE_RUBRIC.read_bytes()).hexdigest()


def test_a_tender_without_bids_says_so_instead_of_final(app_db):
    tender = chair_tender(Store(app_db), "空项目", EXAMPLE_RUBRIC.read_text(encoding="utf-8"), EXAMPLE_RUBRIC.name)
    app = open_app("export", lang="en", tender_id=tender)
    assert not app.exception and not app.success
    assert app.info[0].value.startswith("This tender has no bids yet")


def test_the_workbook_is_headed_by_the_apps_tender_name(scored):
    import openpyxl

    page = page_module()
    result = admin_call("evaluate", scored)
    heading = page.tender_heading((s := Store()), admin_of(s), scored, result)
    assert heading.name.zh == heading.name.en == "导出测试" and heading.method.zh == "综合评分法"
    book = openpyxl.load_workbook(BytesIO(page.ranked_workbook_bytes(result, "en", heading)))
    assert book["Ranking"].oddHeader.left.text == "导出测试"


@pytest.mark.parametrize("lang, words", [
    ("zh", ["评标报告", "导出测试", "甲公司", "乙公司", "丙公司", "第1页/共"]),
    ("en", ["Evaluationreport", "导出测试", "甲公司", "乙公司", "丙公司", "Page1of"]),
])
def test_the_report_is_in_the_ui_language_with_the_apps_tender_name(scored, lang, words):
    import subprocess

    page = page_module()
    result = admin_call("evaluate", scored)
    app = open_app("export", lang=lang, tender_id=scored)
    button = app.download_button(key="export_report")
    assert button.label == ("下载评标报告（PDF）" if lang == "zh" else "Download the evaluation report (PDF)")
    assert not button.disabled and button.proto.deferred_file_id
    assert download_name("report", "示例", scored, "pdf", result.status, lang) == f"report_示例_tender{scored}_final_{lang}.pdf"
    pdf = page.report_pdf(result, lang, page.tender_heading((s := Store()), admin_of(s), scored, result))  # what the button sends
    text = "".join(subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout
                   .decode("utf-8").split())
    for word in words:
        assert word in text
    signatures = text.split("评标委员会成员签字" if lang == "zh" else "Signaturesofthepanel", 1)[1]
    assert "1王2李" in signatures  # a signature line for each judge


def test_a_score_kept_from_before_its_judge_declared_a_conflict_counts_nowhere(tender, tmp_path):
    """A database from before the store refused a conflict declared over the seat's scores (a panel workbook gave 张
    scores for 甲, then 张 declared a conflict with 甲) still holds them. The evaluation left them out, but the Panel
    sheet listed them "Counted: yes" beside a panel score without them, and the progress counted 4 given of 2 due:
    now a recused judge has no score for that bidder in any of them."""
    import openpyxl
    from datetime import datetime

    from bideval.schema import DeclarationRecord

    store = Store()
    admin = admin_of(store)
    criteria = [(VENDOR_A, "ops_plan"), (VENDOR_A, "service_design"), (VENDOR_B, "ops_plan"),
                (VENDOR_B, "service_design")]
    replace_panel(store, tender, write_panel(
        tmp_path / "panel.xlsx", tiers=[[VENDOR_A, "ops_plan", "t3"], [VENDOR_B, "ops_plan", "t3"]],
        scores=[[j, v, c, s, ""] for j, scores in (("张", (15, 5, 10.1, 0)), ("李", (11, 2, 10.1, 1)))
                for (v, c), s in zip(criteria, scores)]))
    with store.db.write() as s:  # 张's declaration as the store used to take it, over 张's scores for 甲
        for vendor in (VENDOR_A, VENDOR_B, VENDOR_C):
            s.add(DeclarationRecord(tender_id=tender, judge="张", vendor_id=vendor, conflict=vendor == VENDOR_A,
                                    note="亲属" if vendor == VENDOR_A else "", declared_at=datetime(2026, 12, 1)))
    assert {(x.judge, x.vendor_id) for x in store.scores(admin, tender)} >= {("张", VENDOR_A)}  # still stored

    result = store.result_for(admin, tender)
    assert [(x.judge, x.criterion) for x in result.panel_scores if x.vendor_id == VENDOR_A] == [
        ("李", "ops_plan"), ("李", "service_design")]
    assert result.standing(VENDOR_A).criteria["ops_plan"] == 11 and not result.outliers
    progress = store.progress(admin, tender)
    assert progress.judges == (("张", 2, 2, False), ("李", 4, 4, False))
    assert dict((v, (given, due)) for v, given, due in progress.bids) == {VENDOR_A: (2, 2), VENDOR_B: (4, 4)}

    book = openpyxl.load_workbook(BytesIO(page_module().ranked_workbook_bytes(result, "en")), data_only=True)
    rows = list(book["Panel"].iter_rows(values_only=True))
    column = {name: k for k, name in enumerate(rows[0])}
    pick = ("Judge", "Criterion ID", "Score", "Counted", "Panel score (the criterion's score)")
    assert [tuple(r[column[c]] for c in pick) for r in rows[1:] if r[column["Vendor ID"]] == VENDOR_A] == [
        ("李", "ops_plan", 11, "yes", 11), ("李", "service_design", 2, "yes", 2)]
    name = result.standing(VENDOR_A).vendor_name  # the bidder by name with its code (report6 D6-9)
    assert ("张", f"Recused (a declared conflict of interest, no score): {name} ({VENDOR_A})") in [r[:2] for r in rows]
    scores = list(book["Scores"].iter_rows(values_only=True))
    ops, design = scores[0].index("Operations management plan (15)"), scores[0].index("Service design (5)")
    assert [(r[ops], r[design]) for r in scores[1:] if r[0] == VENDOR_A] == [(11, 2)]  # what the Panel sheet counts


def test_each_download_is_made_from_the_tender_as_it_is_at_the_click(scored, tmp_path):
    """The page may have been drawn before a changed score or a reopen (P6-5): a download is made at its click from
    the tender as it is then; when its status is no longer the one the file's name states, it is refused."""
    page = page_module()
    store = Store()
    drawn = page.Drawn(store, admin_of(store), scored, "complete")
    before = json.loads(drawn.json("en"))
    score_every_bid(scored, tmp_path, ops_plan=14)  # scores changed after the page was drawn, still complete
    after = json.loads(drawn.json("en"))
    assert [b["total"] for b in after["ranking"]] != [b["total"] for b in before["ranking"]]
    assert drawn.json("en") == result_json_bytes(store.result_for(admin_of(store), scored), "en")  # the CLI's bytes
    score_every_bid(scored, tmp_path, missing=1)  # now provisional: the name would say complete
    with pytest.raises(BidEvalError) as moved:
        drawn.workbook("zh")
    assert messages.error_lines(moved.value, "zh") == [
        f"招标项目 {scored} 在“导出”页面显示后已有变化（当时为评分完整，现为临时结果）：未下载任何文件；请刷新页面后重新下载"]


def status_cell(workbook: bytes) -> str:
    """The Ranking sheet's status, right of its label (状态 / Status)."""
    import openpyxl

    sheet = openpyxl.load_workbook(BytesIO(workbook))["Ranking"]
    return next(row[2] for row in sheet.iter_rows(values_only=True) if row[0] in ("状态", "Status"))


@pytest.mark.parametrize("lang, complete, final", [("zh", "评分完整", "最终结果"), ("en", "Scores complete", "Final")])
def test_complete_scores_are_not_filed_as_final_until_the_chair_signs(scored, lang, complete, final):
    """P6-10: the file names (their status part) and the status cell say final only once the chair has signed; the
    result JSON's status keeps formats.md's meaning (every score in)."""
    page = page_module()
    store = Store()
    admin = admin_of(store)

    def filed() -> str:
        return filed_status(store.result_for(admin, scored), store.sign_off(admin, scored))

    assert filed() == "complete"
    assert download_name("ranked", "导出测试", scored, "xlsx", filed(), lang) == f"ranked_导出测试_tender{scored}_complete_{lang}.xlsx"
    assert status_cell(page.Drawn(store, admin, scored, "complete").workbook(lang)) == complete
    assert json.loads(page.Drawn(store, admin, scored, "complete").json(lang))["status"] == "final"
    signed = SignOff(Stage.FINAL, "管理员 admin", datetime(2026, 12, 2, 0, 4))  # as the store reads a finalised one
    result = store.result_for(admin, scored)
    assert filed_status(result, signed) == "final"
    heading = page.tender_heading(store, admin, scored, result)
    assert status_cell(page.ranked_workbook_bytes(result, lang, replace(heading, sign_off=signed))) == final


@pytest.fixture
def qcbs_before_scores(app_db: str) -> int:
    """The QCBS sample's tender with its bids, okafor seated, scoring open and no score yet: every bid below the
    technical pass mark its judged criteria make up, none ranked."""
    store = Store(app_db)
    admin = admin_of(store)
    rubric = ROOT / "criteria" / "qcbs-consultancy.yaml"
    tender = store.create_tender(admin, "QCBS", rubric.read_text(encoding="utf-8"), rubric.name)
    forms = sorted((ROOT / "sample_bids" / "qcbs-consultancy").glob("*.xlsx"))
    assert store.import_bids(admin, tender, [(f.name, f.read_bytes()) for f in forms]).ok
    seat_judge(store, tender, "okafor")
    store.open_scoring(admin, tender)
    return tender


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_qcbs_tender_before_any_score_offers_each_judge_their_score_sheet(qcbs_before_scores, lang):
    """Before the panel's scores every QCBS bid is below the technical pass mark its judged criteria make up: the
    grid, the score sheet and what submitting asks hold them all (Result.unsettled_stages), but the Export page said
    没有有效投标，无需评分表 / No valid bid: there is nothing to score, and offered no score sheet (verify15w)."""
    store, tender = Store(), qcbs_before_scores
    okafor = seat_judge(store, tender, "okafor")
    admin = admin_of(store)
    assert not store.result_for(admin, tender).ranking and store.bids_to_score(okafor, tender)
    app = open_app("export", lang=lang, tender_id=tender)
    assert not app.exception
    assert ("没有有效投标，无需评分表。" if lang == "zh" else "No valid bid: there is nothing to score.") not in [
        i.value for i in app.info]
    button = app.download_button(key="export_score_sheet")
    assert not button.disabled and "okafor" in button.label


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_qcbs_tender_before_any_score_is_not_called_failed_at_any_door(qcbs_before_scores, lang):
    """No bid is ranked before the panel's QCBS scores, every bid below the technical pass mark so far, the result
    provisional: the Export page, the Results page, the report, the workbook and the terminal summary said the tender
    had failed (废标) beside a status saying scores are missing (verify15w). Each says nothing is ranked yet."""
    import subprocess

    import openpyxl

    from bideval.export import write_workbook
    from bideval.report import report_pdf
    from bideval.result import none_ranked_yet
    from bideval.summary import summary_text

    store, tender = Store(), qcbs_before_scores
    result = store.result_for(admin_of(store), tender)
    waiting = none_ranked_yet(result)
    assert result.status == "provisional" and not result.ranking and waiting is not None
    said = waiting.text(lang)
    assert said.startswith("尚无排名：4 份投标" if lang == "zh" else "Nothing ranked yet: 4 bids")
    failed = ("废标", "the tender has failed", "the tender fails", "failed tender")
    for page in ("export", "results"):
        app = open_app(page, lang=lang, tender_id=tender)
        assert not app.exception
        shown = [e.value for e in (*app.error, *app.warning, *app.info)]
        assert said in shown and not [t for t in shown if any(f in t for f in failed)], (page, shown)
    text = " ".join(subprocess.run(["pdftotext", "-", "-"], input=report_pdf(result, lang), capture_output=True,
                                   check=True).stdout.decode("utf-8").split())
    assert "".join(said.split()) in "".join(text.split()) and not any(f in text for f in failed)
    out = BytesIO()
    write_workbook(result, out, lang)
    ranking = [c for row in openpyxl.load_workbook(BytesIO(out.getvalue()))["Ranking"].iter_rows(values_only=True)
               for c in row if isinstance(c, str)]
    assert said in ranking and not [c for c in ranking if any(f in c for f in failed)]
    summary = summary_text(result, lang)
    assert said in summary and not any(f in summary for f in failed)
