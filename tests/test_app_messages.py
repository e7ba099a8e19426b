"""Messages in the user's language, with the user's words, in the app (issue 10, item 3).

Every page is walked in Chinese for every shipped sample tender and fails on an id of theirs (a field or
criterion id, a reason code) in what the page shows; every message path — a bad upload, a damaged workbook, a
bid imported but invalid, a bad panel sheet, a refused score or tier, a disabled button, the upload limit — is
tried in both languages.
"""
from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

import pytest
from google.protobuf.json_format import MessageToDict

from bideval.rubric import load_rubric
from bideval.storage import Store
from conftest import (EXAMPLE_RUBRIC, ROOT, VENDOR_A, VENDOR_B, admin_call, admin_of, chair_tender, good_bid,
                      loaded_tender, seat_judge,
                      open_app, write_form, write_panel,
                      write_xlsx)
from test_damaged import FORM_CASES

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGES = ("results", "bids", "tiers", "scoring", "export", "tenders")
SAMPLES = {  # rubric → (bids, panel) under sample_bids/
    "cs-outsourcing": ("cs-outsourcing", "cs-outsourcing-panel.xlsx"),
    "it-outsourcing": ("it-outsourcing", "it-outsourcing-panel.xlsx"),
    "dev-staffing": ("dev-staffing.xlsx", "dev-staffing-panel.xlsx"),
    "qcbs-consultancy": ("qcbs-consultancy", "qcbs-consultancy-panel.xlsx"),
    "goods-procurement": ("goods-procurement", "goods-procurement-panel.xlsx"),
}

# Ids a person should never have to read where a label exists: every field and criterion id of the shipped
# rubrics, and the codes of invalid-bid reasons and problems.
KNOWN_IDS = sorted({thing.id for path in (ROOT / "criteria").glob("*.yaml")
                    for rubric in [load_rubric(path)] for thing in (*rubric.bid_fields, *rubric.criteria)}
                   | {"response_limit", "price_model_not_allowed", "price_parameters_missing", "price_not_positive",
                      "above_budget_ceiling", "above_unit_ceiling", "below_pass_mark", "abnormal_low_price"})
CODE_WORDS = ("required:", "bids.", "panel.", "score.", "guard.", "reason.")
_ID = re.compile(r"(?<![A-Za-z0-9_])(" + "|".join(map(re.escape, KNOWN_IDS)) + r")(?![A-Za-z0-9_])")
# What the walk skips in a widget's description: keys, types, styles and chart set-up, never shown as text.
_NOT_TEXT = {"id", "key", "formId", "type", "icon", "format", "data", "url", "fragmentId", "scriptHash",
             "pageScriptHash", "arrowData", "styler", "selectionMode", "columns", "editingMode", "spec", "args",
             "theme", "width", "height", "widthConfig", "heightConfig", "layoutConfig", "color", "config",
             "disabled", "columnOrder", "fileUploaderState", "deltaPath", "useContainerWidth"}


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in _NOT_TEXT:
                yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)
    elif isinstance(node, str):
        yield node


def shown_texts(app) -> list[str]:
    """Every text the page shows: labels, help, captions, alerts, options, table headers and cells, chart titles."""
    found: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            found.extend(_strings(MessageToDict(proto)))
        for child in getattr(node, "children", {}).values():
            walk(child)
        if type(node).__name__ == "Dataframe" or getattr(node, "type", "") in ("arrow_data_frame",):
            frame = node.value
            labels = json.loads(proto.columns or "{}") if getattr(proto, "columns", "") else {}
            for column in frame.columns:
                config = labels.get(f"name:{column}", labels.get(str(column), {}))
                if not config.get("hidden"):
                    found.append(str(config.get("label") or column))
            found.extend(str(v) for v in frame.astype(str).values.ravel())
        if proto is not None and getattr(proto, "spec", ""):  # a chart: its title, axes and trace names
            spec = json.loads(proto.spec)
            layout = spec.get("layout", {})
            found.extend(_strings({k: v for k, v in layout.items() if k == "title" or k.endswith("axis")}))
            found.extend(trace["name"] for trace in spec.get("data", []) if isinstance(trace.get("name"), str))

    walk(app._tree)
    return found


def ids_shown(texts: list[str], lang: str = "zh") -> list[tuple[str, str]]:
    """(id or code word, the text it is in) for every id that a page shows instead of a label.

    In English only ids no one would write as a word count (``price_model``, not ``licence``).
    """
    hits = [(m.group(1), text) for text in texts for m in _ID.finditer(text)
            if lang == "zh" or not m.group(1).isalpha()]
    # a message code (panel.…) is a word of its own; a file the officer uploaded (cs-outsourcing-panel.xlsx) is not one
    return hits + [(word, text) for text in texts for word in CODE_WORDS if word in _FILE_NAME.sub(" ", text)]


_FILE_NAME = re.compile(r"[\w.\-]+\.(?:xlsx|yaml|xls|csv)\b")


def english_words(text: str, allowed: set[str] = frozenset()) -> set[str]:
    """English words in a Chinese message, apart from code spans (places), file names, credit codes and cells."""
    text = re.sub(r"`[^`]*`|[\w.\-]+\.(xlsx|yaml|xls|csv)\b|'[^']*'|\b[0-9A-Z]{18}\b", " ", text)
    words = {w for w in re.findall(r"[A-Za-z][A-Za-z0-9]+", text) if not re.fullmatch(r"[A-Z]{1,3}[0-9]+", w)}
    return words - allowed - {"Excel", "CSV", "XML", "MB", "xlsx", "Bid", "Bids", "Scores", "Tiers", "Judges"}


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> Iterator[dict[str, int]]:
    """One database with a tender per shipped sample: its rubric, every bid and its panel workbook."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", f"sqlite:///{tmp_path_factory.mktemp('walk') / 'app.sqlite3'}")
        store = Store()
        tenders = {}
        for name, (bids, panel) in SAMPLES.items():
            path = ROOT / "sample_bids" / bids
            files = sorted(path.glob("*.xlsx")) if path.is_dir() else [path]
            tenders[name] = loaded_tender(store, name, ROOT / "criteria" / f"{name}.yaml", files,
                                          ROOT / "sample_bids" / panel)
            seat_judge(store, tenders[name], store.judges(admin_of(store), tenders[name])[0])  # declared, to score
        yield tenders


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("sample", SAMPLES)
def test_every_page_in_chinese_names_fields_and_criteria_by_label(samples, sample, page):
    judge = admin_call("judges", samples[sample])[0]
    app = open_app(page, lang="zh", tender_id=samples[sample], judge=judge if page == "scoring" else None)
    assert not app.exception
    texts = shown_texts(app)
    assert len(texts) > 20  # the walk reads the page
    rubric = admin_call("rubric", samples[sample])
    # A rubric written in English only (the QCBS sample) shows its English labels in the Chinese UI too, and there
    # an id that is a plain word (registration) cannot be told from the label's word: only the others count.
    one_language = rubric.title.zh == rubric.title.en
    assert ids_shown(texts, "en" if one_language else "zh") == []


def test_the_walk_fails_on_an_id_where_a_label_exists():
    assert ids_shown(["onsite_response_hours: 超过2小时"]) == [("onsite_response_hours", "onsite_response_hours: 超过2小时")]
    assert [hit for hit, _ in ids_shown(["required: price_model: 未填写报价方式"])] == ["price_model", "required:"]
    assert [hit for hit, _ in ids_shown(["licence: 未提供业务经营许可证", "总分 81.15"])] == ["licence"]
    assert ids_shown(["上门响应时间：未填写", "业务经营许可证", "91440300708461136T"]) == []


def test_the_walk_reads_tables_charts_and_alerts(samples):
    app = open_app("results", lang="zh", tender_id=samples["cs-outsourcing"])
    texts = shown_texts(app)
    assert "排名" in texts and "成都天府联信客服外包有限公司" in texts  # a table's header and a cell
    assert any("本项目为业务外包，不接受人力外包" in t for t in texts)  # an invalid bid's reason in an alert
    assert any("得分" in t for t in texts)


# -- the Bids page: a bad upload, a damaged workbook, a bid imported but invalid

@pytest.fixture
def tender(app_db: str) -> int:
    """An empty tender of the formats.md example rubric."""
    return chair_tender(Store(app_db), "示例项目", EXAMPLE_RUBRIC.read_text(encoding="utf-8"), EXAMPLE_RUBRIC.name)


def upload(app, *files: Path):
    app.file_uploader(key=f"bids_upload_{app.session_state.bids_upload_round}").set_value(
        [(f.name, f.read_bytes(), XLSX) for f in files]).run()
    app.button(key="bids_import").click().run()
    assert not app.exception
    return app


@pytest.mark.parametrize("lang, cell, damaged, fake", [
    ("zh", "`Bid!C6` 信息系统运行维护能力证书等级：应为不小于 0 的整数，实际为 'two'",
     "`Bid`：文件已损坏：工作表无法读取（XML 结构损坏）；请用 Excel 打开后重新保存",
     "不是 .xlsx 工作簿（实际是文本或 CSV 文件）；请用 Excel 打开并另存为 .xlsx（Excel 工作簿）"),
    ("en", "`Bid!C6` ITSS O&M capability level: expected a whole number (0 or more), found 'two'",
     "`Bid`: damaged .xlsx: the sheet cannot be read (broken XML:",
     "not an .xlsx workbook (found a text or CSV file); open it in Excel and save it as .xlsx (Excel Workbook)"),
])
def test_a_bad_upload_is_reported_in_the_ui_language(tender, tmp_path, lang, cell, damaged, fake):
    bad = write_form(tmp_path / "bad.xlsx", good_bid(VENDOR_B, itss_level="two"))
    broken = tmp_path / "damaged.xlsx"
    broken.write_bytes(FORM_CASES["undefined entity in a sheet"][0])
    csv = tmp_path / "fake.xlsx"
    csv.write_text("vendor_id,vendor_name\n1,2\n", encoding="utf-8")
    app = upload(open_app("bids", lang=lang, tender_id=tender), bad, broken, csv)
    boxes = {name: next(e.value for e in app.error if f"**{name}**" in e.value)
             for name in ("bad.xlsx", "damaged.xlsx", "fake.xlsx")}
    assert cell in boxes["bad.xlsx"] and damaged in boxes["damaged.xlsx"] and fake in boxes["fake.xlsx"]
    assert ids_shown(list(boxes.values()), lang) == []
    if lang == "zh":
        assert all(not english_words(box) for box in boxes.values()), boxes
    assert admin_call("bidset", tender).bids == ()


@pytest.mark.parametrize("lang, line", [
    ("zh", f"`{VENDOR_B}` 乙公司 — 已导入，但为无效投标：业务经营许可证：未填写；未填写业务经营许可证"),
    ("en", f"`{VENDOR_B}` 乙公司 — imported, but invalid: Business operating licence: not stated; "
           "Business operating licence is not stated"),
])
def test_a_bid_imported_but_invalid_says_so_where_it_says_imported(tender, tmp_path, lang, line):
    """A blank in the field a gate tests: invalid under the gate, and the reason says the field is empty."""
    good = write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, name="甲公司"))
    blank = write_form(tmp_path / "b.xlsx", good_bid(VENDOR_B, name="乙公司", business_license=None))
    app = upload(open_app("bids", lang=lang, tender_id=tender), good, blank)
    (imported,) = [s.value for s in app.success]
    assert "a.xlsx" in imported and ("已导入" if lang == "zh" else "imported") in imported
    (report,) = [w.value for w in app.warning if "b.xlsx" in w.value]
    assert line in report and ("其中 1 份为无效投标" if lang == "zh" else "1 of them invalid") in report
    assert ids_shown([report], lang) == []
    assert "未提供业务经营许可证" not in report and "No operating licence" not in report  # untrue of a blank


@pytest.mark.parametrize("lang, words", [
    ("zh", ("每个文件不超过 50 MB", "请先在上方选择要导入的文件。")),
    ("en", ("At most 50 MB a file", "Choose the files to import above first.")),
])
def test_the_upload_limit_and_the_disabled_import_button_say_why(tender, lang, words):
    app = open_app("bids", lang=lang, tender_id=tender)
    button = app.button(key="bids_import")
    assert button.disabled and button.proto.help == words[1]
    assert any(words[0] in c.value for c in app.caption)


# -- the Tiers page: a bad panel workbook, a refused tier

@pytest.mark.parametrize("lang, lines", [
    ("zh", ["`Scores!D2` 应为“服务方案”的得分，0 到 5，实际为 9",
            "`Scores!D3` 应为 0 到 15 之间的数字，实际为 '很好'",
            "`Tiers!C2` 应为“运营管理能力”的档次之一：一档（0–5）、二档（5.1–10）、三档（10.1–15），实际为 't9'"]),
    ("en", ["`Scores!D2`: expected a score from 0 to 5 for 'Service design', found 9",
            "`Scores!D3`: expected a number from 0 to 15, found '很好'",
            "`Tiers!C2`: expected a tier of 'Operations management plan': Tier 1 (0–5), Tier 2 (5.1–10), "
            "Tier 3 (10.1–15), found 't9'"]),
])
def test_a_bad_panel_workbook_is_reported_in_the_ui_language(two_bids, tmp_path, lang, lines):
    bad = write_panel(tmp_path / "bad.xlsx", scores=[["李评委", VENDOR_B, "service_design", 9, ""],
                                                     ["李评委", VENDOR_B, "ops_plan", "很好", ""]],
                      tiers=[[VENDOR_B, "ops_plan", "t9"]])
    app = open_app("tiers", lang=lang, tender_id=two_bids)
    app.file_uploader(key="tiers_panel_file").upload(bad.name, bad.read_bytes())
    app.button(key="tiers_import").click()
    app.run()
    assert not app.exception
    box = app.error[0].value
    for line in lines:
        assert line.replace("`", "").split(" ", 1)[1] in box.replace("`", ""), (line, box)
    assert ids_shown([box], lang) == []
    if lang == "zh":
        assert "未导入" in box and not english_words(box, {"t9"}), box


@pytest.mark.parametrize("lang, words", [
    ("zh", "运营管理能力：不能定为一档（0–5）：已给出的评分（王评委：12）不在该档范围内，须先由这些评委修改评分"),
    ("en", "Operations management plan: cannot set Tier 1 (0–5): the scores already given (王评委: 12) lie outside "
           "that range; those judges must change them first"),
])
def test_a_refused_tier_names_the_judges_and_their_scores(two_bids, lang, words):
    store = Store()
    store.open_scoring(admin_of(store), two_bids)
    store.set_tier(admin_of(store), two_bids, VENDOR_A, "ops_plan", "t3")
    store.set_score(seat_judge(store, two_bids, "王评委"), two_bids, VENDOR_A, "ops_plan", Decimal(12))
    app = open_app("tiers", lang=lang, tender_id=two_bids)
    key = next(e.key for e in app.data_editor)
    app.session_state[key] = {"edited_rows": {0: {"tier": "t1"}}, "added_rows": [], "deleted_rows": []}
    app.button(key=next(b.key for b in app.button if b.key and b.key.startswith("tiers_save"))).click()
    app.run()
    assert not app.exception
    (box,) = [e.value for e in app.error]
    assert words in box and ids_shown([box], lang) == []


# -- the Scoring page: refused scores

@pytest.fixture
def scoring(two_bids: int) -> int:
    store = Store()
    store.open_scoring(admin_of(store), two_bids)
    store.set_tier(admin_of(store), two_bids, VENDOR_A, "ops_plan", "t3")
    seat_judge(store, two_bids, "王评委")
    return two_bids


def edit_score(app, vendor_id: str, criterion_label: str, value: Any):
    frame = app.data_editor[0].value
    row = next(i for i in range(len(frame)) if frame["vendor_id"][i] == vendor_id
               and frame["criterion"][i].startswith(criterion_label))
    app.session_state[app.data_editor[0].key] = {"edited_rows": {row: {"score": value}}, "added_rows": [],
                                                 "deleted_rows": []}
    app.run()
    assert not app.exception
    return [e.value for e in app.error]


@pytest.mark.parametrize("lang, label, vendor, value, message", [
    ("zh", "运营管理能力", VENDOR_A, 9, f"{VENDOR_A} 甲公司 / 运营管理能力：9 超出允许范围 10.1–15（已定档次：三档），未保存。"),
    ("en", "Operations", VENDOR_A, 9,
     f"{VENDOR_A} 甲公司 / Operations management plan: 9 is outside the allowed range 10.1–15 (agreed tier: Tier 3); "
     "not saved."),
    ("zh", "运营管理能力", VENDOR_B, 3,
     f"{VENDOR_B} 乙公司 / 运营管理能力：组长尚未确定“运营管理能力”的档次，须先在“定档”页面定档后才能打分"),
    ("en", "Operations", VENDOR_B, 3,
     f"{VENDOR_B} 乙公司 / Operations management plan: no agreed tier yet for 'Operations management plan': "
     "the chair must set the tier on the Tiers page first"),
    ("zh", "服务方案", VENDOR_B, "八", f"{VENDOR_B} 乙公司 / 服务方案：“八”不是数字，未保存。"),
    ("en", "Service", VENDOR_B, "eight", f"{VENDOR_B} 乙公司 / Service design: 'eight' is not a number; not saved."),
    ("zh", "服务方案", VENDOR_B, "4.255", f"{VENDOR_B} 乙公司 / 服务方案：4.255 的小数位超过 2 位（评分标准对该项保留 2 位小数，"
                                         "不会替评委舍入），未保存。"),
    ("en", "Service", VENDOR_B, "-1", f"{VENDOR_B} 乙公司 / Service design: -1 is negative; scores run from 0 to 5; "
                                      "not saved."),
])
def test_a_refused_score_is_said_in_the_ui_language(scoring, lang, label, vendor, value, message):
    errors = edit_score(open_app("scoring", lang=lang, tender_id=scoring, judge="王评委"), vendor, label, value)
    assert errors == [message]
    assert ids_shown(errors, lang) == []
    assert admin_call("scores", scoring) == []


# -- the Export and Tenders pages: disabled buttons say why

@pytest.mark.parametrize("lang, why", [("zh", "先选择或输入评委姓名。"), ("en", "Choose or type a judge's name first.")])
def test_the_score_sheet_download_says_why_it_is_disabled(two_bids, lang, why):
    app = open_app("export", lang=lang, tender_id=two_bids)
    assert not app.exception
    (button,) = [b for b in app.get("download_button") if b.proto.id.endswith("export_score_sheet")
                 or "score" in b.proto.label.lower() or "评分表" in b.proto.label]
    assert button.proto.disabled and button.proto.help == why


@pytest.mark.parametrize("lang, why", [("zh", "这已是当前项目。"), ("en", "This is the current tender already.")])
def test_opening_the_current_tender_says_why_it_is_disabled(tender, lang, why):
    app = open_app("tenders", lang=lang, tender_id=tender)
    button = app.button(key="tenders_open")
    assert button.disabled and button.proto.help == why


@pytest.mark.parametrize("lang, words", [
    ("zh", ("评标报告需要字体 Noto Sans CJK SC，本机尚未安装", "本机缺少中文字体，见上方说明。")),
    ("en", ("the evaluation report needs the font Noto Sans CJK SC, which is not installed",
            "The Chinese font is missing: see above.")),
])
def test_a_missing_report_font_is_said_in_the_ui_language(two_bids, tmp_path, monkeypatch, lang, words):
    import streamlit as st

    monkeypatch.setenv("BIDEVAL_CJK_FONT", str(tmp_path / "no-such-font.ttf"))
    st.cache_data.clear()  # the page remembers whether the font is there
    try:
        app = open_app("export", lang=lang, tender_id=two_bids)
        assert not app.exception
        assert any(words[0] in e.value for e in app.error)
        (button,) = [b for b in app.get("download_button") if "PDF" in b.proto.label]
        assert button.proto.disabled and button.proto.help == words[1]
    finally:
        monkeypatch.delenv("BIDEVAL_CJK_FONT")
        st.cache_data.clear()


@pytest.mark.parametrize("lang, lines", [
    ("zh", ["评分项 'company'：未知的键 'maxx'", "评分项 'company'：缺少 'max'",
            "评分项 'experience'：“points_per_unit”必须是数字，实际为 'one'"]),
    ("en", ["criterion 'company': unknown key 'maxx'", "criterion 'company': missing 'max'",
            "criterion 'experience': points_per_unit must be a number, found 'one'"]),
])
def test_a_hand_edited_rubric_s_mistakes_in_the_ui_language(app_db, lang, lines):
    text = (EXAMPLE_RUBRIC.read_text(encoding="utf-8").replace("    kind: checklist\n    max: 5", "    kind: checklist\n"
            "    maxx: 5", 1).replace("points_per_unit: 1", "points_per_unit: one", 1))
    app = open_app("tenders", lang=lang)
    app.radio(key="tenders_source").set_value("upload").run()
    app.file_uploader(key="tenders_upload_0").set_value(("bad.yaml", text.encode("utf-8"), "application/x-yaml"))
    app.button(key="tenders_create").click().run()
    assert not app.exception
    shown = "\n".join(e.value for e in app.error)
    for line in lines:
        assert line in shown, shown
