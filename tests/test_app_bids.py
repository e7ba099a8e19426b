"""The bids page in AppTest: bid form, upload with a report, preview, replace, remove with confirmation."""
from decimal import Decimal as D
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest

from bideval.rubric import load_rubric
from bideval.storage import KeptDocuments, Store
from document_files import proposal_pdf
from conftest import admin_call, admin_of, chair_tender, replace_panel, seat_judge, import_page, EXAMPLE_RUBRIC, ROOT, VENDOR_A, VENDOR_B, good_bid, open_app, write_form

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def page_module():
    """pages/bids.py imported as a module: its helpers, without running the page."""
    return import_page("bids")


@pytest.fixture
def tender(app_db: str) -> int:
    """An empty tender of the formats.md example rubric."""
    return chair_tender(Store(app_db), "示例项目", EXAMPLE_RUBRIC.read_text(encoding="utf-8"), EXAMPLE_RUBRIC.name)


@pytest.fixture
def two_bids(tender: int, tmp_path: Path) -> int:
    """The tender with a valid bid from A and an invalid one (no licence) from B."""
    files = [write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, name="甲公司")),
             write_form(tmp_path / "b.xlsx", good_bid(VENDOR_B, name="乙公司", business_license="否", sme="是"))]
    report = admin_call("import_bids", tender, [(f.name, f.read_bytes()) for f in files])
    assert report.ok, report.refused
    return tender


def upload(app, *files: Path, replace: bool = False):
    """Choose files in the uploader, set the replace box, press Import."""
    app.file_uploader(key=f"bids_upload_{app.session_state.bids_upload_round}").set_value(
        [(f.name, f.read_bytes(), XLSX) for f in files]).run()
    app.checkbox(key="bids_replace").set_value(replace)
    app.button(key="bids_import").click().run()
    assert not app.exception
    return app


@pytest.mark.parametrize("lang, title, values", [
    ("zh", "投标文件", {"中小企业": ["否", "是"], "注册资本金 (万元)": ["1,200.00", "1,200.00"],
                        "质量拨测正确率承诺": ["94%", "94%"], "业务经营许可证": ["是", "否"],
                        "报价方式": ["按通计费", "按通计费"], "每通电话单价 (元)": ["0.85", "0.85"],
                        "有效": ["✓", "✗"], "来源文件": ["a.xlsx", "b.xlsx"]}),
    ("en", "Bids", {"SME": ["no", "yes"], "Registered capital (10,000 yuan)": ["1,200.00", "1,200.00"],
                    "Committed dial-test accuracy": ["94%", "94%"], "Business operating licence": ["yes", "no"],
                    "Pricing model": ["Per call", "Per call"], "Rate per call (yuan)": ["0.85", "0.85"],
                    "Valid": ["✓", "✗"], "Source file": ["a.xlsx", "b.xlsx"]}),
])
def test_bids_page_previews_every_bid_with_readable_values(two_bids, lang, title, values):
    app = open_app("bids", lang=lang, tender_id=two_bids)
    assert not app.exception
    assert app.title[0].value == title
    table = app.dataframe[0].value
    assert list(table.iloc[:, 0]) == [VENDOR_A, VENDOR_B]
    for column, expected in values.items():
        assert list(table[column]) == expected, column
    reasons = list(table["无效原因" if lang == "zh" else "Why invalid"])
    reason = "未提供业务经营许可证" if lang == "zh" else "No operating licence"  # the rubric's words, no code
    assert reasons == ["", reason]
    invalid = [w.value for w in app.warning]
    assert len(invalid) == 1 and "乙公司" in invalid[0] and reason in invalid[0] and "licence:" not in invalid[0]
    labels = [b.label for b in app.download_button]
    assert ("下载投标文件模板（中文）" if lang == "zh" else "Download the bid form (English)") in labels


def test_a_good_and_a_bad_file_import_only_the_good_one(tender, tmp_path):
    good = write_form(tmp_path / "good.xlsx", good_bid(VENDOR_A))
    bad = write_form(tmp_path / "bad.xlsx", good_bid(VENDOR_B, itss_level="two"))
    fake = tmp_path / "fake.xlsx"
    fake.write_text("vendor_id,vendor_name\n91440300708461136T,x\n", encoding="utf-8")
    app = upload(open_app("bids", lang="en", tender_id=tender), good, bad, fake)
    accepted = " ".join(s.value for s in app.success)
    assert "good.xlsx" in accepted and VENDOR_A in accepted
    refused = [e.value for e in app.error]
    bad_box = next(e for e in refused if "bad.xlsx" in e)
    assert "nothing was imported from this file" in bad_box
    # sheet and cell of the wrong value, the field by its label
    assert "`Bid!C6` ITSS O&M capability level: expected a whole number (0 or more), found 'two'" in bad_box
    fake_box = next(e for e in refused if "fake.xlsx" in e)
    assert "not an .xlsx workbook (found a text or CSV file)" in fake_box  # the guard's own words
    assert [b.vendor_id for b in admin_call("bidset", tender).bids] == [VENDOR_A]
    assert app.dataframe[0].value.iloc[:, 0].tolist() == [VENDOR_A]  # the preview after the import
    assert app.session_state.bids_upload_round == 1  # the uploader is emptied after an import


def test_a_form_without_a_fields_row_imports_with_its_warning_on_the_page(tender, tmp_path):
    short = write_form(tmp_path / "short.xlsx", good_bid(VENDOR_A, similar_projects=None))
    app = upload(open_app("bids", lang="en", tender_id=tender), short)
    (box,) = [w.value for w in app.warning if "short.xlsx" in w.value]
    assert "1 bid(s) imported" in box and "⚠ `Bid`" in box
    assert "no row for 'Similar projects': the bid is read as not stating it" in box
    assert not app.error and [b.vendor_id for b in admin_call("bidset", tender).bids] == [VENDOR_A]

@pytest.fixture
def three_files(tmp_path):
    """A good bid form, one with a wrong cell, and a CSV saved as .xlsx: 2 problems in all."""
    fake = tmp_path / "fake.xlsx"
    fake.write_text("vendor_id,vendor_name\n91440300708461136T,x\n", encoding="utf-8")
    return [write_form(tmp_path / "good.xlsx", good_bid(VENDOR_A)),
            write_form(tmp_path / "bad.xlsx", good_bid(VENDOR_B, itss_level="two")), fake]


def test_the_progress_callback_tells_files_read_and_problems_found_so_far(tender, three_files):
    page, steps = page_module(), []
    store = Store()
    page.import_files(store, admin_of(store), tender, [(f.name, f.read_bytes()) for f in three_files],
                      progress=steps.append)
    assert [(s.files_read, s.files, s.name, s.problems) for s in steps] == [
        (1, 3, "good.xlsx", 0), (2, 3, "bad.xlsx", 1), (3, 3, "fake.xlsx", 2)]
    assert [page.progress_text(s, "en") for s in steps] == [
        "Read 1 of 3 files · 0 problems found · good.xlsx", "Read 2 of 3 files · 1 problem found · bad.xlsx",
        "Read 3 of 3 files · 2 problems found · fake.xlsx"]
    assert page.progress_text(steps[1], "zh") == "已读取 2 / 3 个文件 · 发现 1 个问题 · bad.xlsx"


@pytest.mark.parametrize("lang, text", [("en", "Read 3 of 3 files · 2 problems found"),
                                        ("zh", "已读取 3 / 3 个文件 · 发现 2 个问题")])
def test_the_import_bar_stays_full_with_the_files_read_and_problems_found(tender, three_files, lang, text):
    app = upload(open_app("bids", lang=lang, tender_id=tender), *three_files)
    (bar,) = app.get("progress")
    assert bar.proto.text == text and bar.proto.value == 100
    assert [b.vendor_id for b in admin_call("bidset", tender).bids] == [VENDOR_A]


def test_the_report_says_nothing_was_imported_in_chinese(tender, tmp_path):
    bad = write_form(tmp_path / "坏.xlsx", good_bid(VENDOR_B, dial_test_accuracy="96"))
    app = upload(open_app("bids", lang="zh", tender_id=tender), bad)
    box = app.error[0].value
    assert "坏.xlsx" in box and "未导入" in box
    assert "`Bid!C9` 质量拨测正确率承诺：应为百分比，如 96%（或 0 到 1 之间的小数，如 0.96），实际为 '96'" in box
    assert admin_call("bidset", tender).bids == ()


@pytest.mark.parametrize("lang, words", [
    ("zh", "实际为 错误值 \\#DIV/0!"),  # '#' escaped in the page's Markdown; shown as #DIV/0!
    ("en", "found the error \\#DIV/0!"),
])
def test_a_formula_that_failed_in_a_form_is_named_on_the_page(tender, tmp_path, lang, words):
    """python-calamine reads a #DIV/0! cell as empty; the page names the cell and its error instead."""
    path = write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    book = openpyxl.load_workbook(path)
    sheet = book["Bid"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "rate_per_call")
    sheet.cell(row, 3).value = "#DIV/0!"
    sheet.cell(row, 3).data_type = "e"
    book.save(path)
    app = upload(open_app("bids", lang=lang, tender_id=tender), path)
    box = app.error[0].value
    assert f"`Bid!C{row}`" in box and words in box
    assert admin_call("bidset", tender).bids == ()


def test_a_vendor_already_in_the_tender_is_refused_unless_replace_is_ticked(two_bids, tmp_path):
    again = write_form(tmp_path / "a2.xlsx", good_bid(VENDOR_A, name="甲公司更正版"))
    app = upload(open_app("bids", lang="en", tender_id=two_bids), again)
    assert "already in this tender" in app.error[0].value
    assert admin_call("bidset", two_bids).bids[0].vendor_name == "甲公司"
    admin_call("add_documents", two_bids, VENDOR_A, [("方案.pdf", proposal_pdf("A"))])
    app = upload(app, again, replace=True)
    assert not app.error and "a2.xlsx" in app.success[0].value
    # the earlier bid's document stays with the new one, and the report says so, naming it
    assert (f"`{VENDOR_A}`: replaced the bid imported earlier; its 1 document(s) stay with the new bid: 方案.pdf"
            in app.success[0].value)
    bids = admin_call("bidset", two_bids).bids
    assert [(b.vendor_id, b.vendor_name) for b in bids] == [(VENDOR_A, "甲公司更正版"), (VENDOR_B, "乙公司")]
    assert [d.name for d in admin_call("documents", two_bids, VENDOR_A)] == ["方案.pdf"]


@pytest.mark.parametrize("lang, documents, said", [
    ("en", KeptDocuments(("方案.pdf", "资质.png")), "; its 2 document(s) stay with the new bid: 方案.pdf, 资质.png"),
    ("en", KeptDocuments(("技术方案.pdf",), sealed=1), "; its 2 document(s) stay with the new bid: 技术方案.pdf and "
                                                    "1 sealed (not named while your panel seat still scores)"),
    ("zh", KeptDocuments(("技术方案.pdf",), sealed=1), "；原投标的 2 个附件保留在新投标中：技术方案.pdf 及 1 个密封附件"
                                                    "（您的评委席位提交评分前不显示名称）"),
    ("zh", KeptDocuments(sealed=2), "；原投标的 2 个附件保留在新投标中：2 个密封附件（您的评委席位提交评分前不显示名称）"),
    ("en", KeptDocuments(), " (it had no documents)"),
])
def test_a_replaced_bids_documents_are_named_but_the_sealed_ones_only_counted(lang, documents, said):
    """The import report tells a kept document the user's panel seat may not open yet by count alone."""
    head = "：替换了此前导入的投标" if lang == "zh" else ": replaced the bid imported earlier"
    assert page_module().replaced_line(VENDOR_A, documents, lang) == f"↻ `{VENDOR_A}`{head}{said}"


@pytest.mark.parametrize("lang, refused, also", [
    ("en", "refused; nothing was imported from this file", "is also at {other}:Bid!C2 in this upload"),
    ("zh", "未导入（该文件中的内容均未导入）", "在本次上传中还出现在 {other}:Bid!C2"),
])
def test_a_vendor_in_two_files_of_one_upload_is_refused_in_both_even_with_replace(two_bids, tmp_path, lang,
                                                                                   refused, also):
    """Replace is for the bid of an earlier upload: one file of an upload never replaces another."""
    v1 = write_form(tmp_path / "v1.xlsx", good_bid(VENDOR_A, name="甲公司一"))
    v2 = write_form(tmp_path / "v2.xlsx", good_bid(VENDOR_A.lower(), name="甲公司二"))
    app = upload(open_app("bids", lang=lang, tender_id=two_bids), v1, v2, replace=True)
    boxes = {name: next(e.value for e in app.error if f"**{name}**" in e.value) for name in ("v1.xlsx", "v2.xlsx")}
    assert refused in boxes["v1.xlsx"] and also.format(other="v2.xlsx") in boxes["v1.xlsx"]
    assert refused in boxes["v2.xlsx"] and also.format(other="v1.xlsx") in boxes["v2.xlsx"]
    assert not app.success
    bids = admin_call("bidset", two_bids).bids
    assert [(b.vendor_id, b.vendor_name, b.file) for b in bids] == [(VENDOR_A, "甲公司", "a.xlsx"),
                                                                    (VENDOR_B, "乙公司", "b.xlsx")]


@pytest.mark.parametrize("lang, renamed, invalid, refused", [
    ("en", "**bid (2).xlsx** (uploaded as bid.xlsx, the name of another file in this upload)",
     "1 bid(s) imported, 1 of them invalid", "refused; nothing was imported from this file"),
    ("zh", "**bid (2).xlsx**（上传时名为 bid.xlsx，与本次上传中的另一个文件同名）", "已导入 1 份投标，其中 1 份为无效投标",
     "未导入（该文件中的内容均未导入）"),
])
def test_files_of_the_same_name_each_get_their_own_line_and_validity_check(tender, tmp_path, lang, renamed, invalid,
                                                                           refused):
    """Browsers upload names without folders: vendorA/bid.xlsx and vendorB/bid.xlsx both arrive as bid.xlsx. The
    second (an invalid bid) kept no line of its own, so the page never said it was invalid."""
    forms = [write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, name="甲公司")),
             write_form(tmp_path / "b.xlsx", good_bid(VENDOR_B, name="乙公司", business_license="否")),
             write_form(tmp_path / "c.xlsx", good_bid(VENDOR_A, name="丙公司", itss_level="two"))]
    app = open_app("bids", lang=lang, tender_id=tender)
    app.file_uploader(key="bids_upload_0").set_value([("bid.xlsx", f.read_bytes(), XLSX) for f in forms]).run()
    app.button(key="bids_import").click().run()
    assert not app.exception
    (first,) = [s.value for s in app.success if "**bid.xlsx**" in s.value]
    assert VENDOR_A in first
    (second,) = [w.value for w in app.warning if w.value.startswith(f"✓ {renamed}")]
    assert invalid in second and VENDOR_B in second
    (third,) = [e.value for e in app.error]
    assert third.startswith(f"✗ **bid (3).xlsx**") and refused in third and "`Bid!C6`" in third
    assert [(b.vendor_id, b.file) for b in admin_call("bidset", tender).bids] == [(VENDOR_A, "bid.xlsx"),
                                                                                (VENDOR_B, "bid (2).xlsx")]
    history = app.expander[0].markdown[0].value
    assert "**bid (2).xlsx**" in history and "**bid (3).xlsx**" in history and renamed in history


def test_removing_a_bid_needs_a_confirmation(two_bids):
    app = open_app("bids", lang="en", tender_id=two_bids)
    app.selectbox(key="bids_selected").set_value(VENDOR_B).run()
    app.button(key="bids_remove").click().run()
    assert not app.exception
    assert any(w.value.startswith("Remove the bid of **乙公司") for w in app.warning)
    assert len(admin_call("bidset", two_bids).bids) == 2  # nothing removed yet
    app.button(key="bids_remove_cancel").click().run()
    assert not any(w.value.startswith("Remove the bid") for w in app.warning)
    assert len(admin_call("bidset", two_bids).bids) == 2
    app.button(key="bids_remove").click().run()
    app.button(key="bids_remove_confirm").click().run()
    assert not app.exception
    assert [b.vendor_id for b in admin_call("bidset", two_bids).bids] == [VENDOR_A]
    assert VENDOR_B in app.success[0].value
    assert app.dataframe[0].value.iloc[:, 0].tolist() == [VENDOR_A]
    assert [e.action for e in admin_call("events", two_bids)][-1] == "remove_bid"


def test_removing_a_bid_the_panel_has_tiered_needs_a_reason_kept_in_the_audit_trail(two_bids):
    """Removing a bid takes its tiers and scores with it: the page asks for the reason the store requires, and
    without one nothing is removed."""
    admin_call("set_tier", two_bids, VENDOR_A, "ops_plan", "t3")
    app = open_app("bids", lang="en", tender_id=two_bids)
    app.selectbox(key="bids_selected").set_value(VENDOR_A).run()
    app.button(key="bids_remove").click().run()
    app.button(key="bids_remove_confirm").click().run()
    assert not app.exception
    assert any(f"removing the bid of {VENDOR_A} needs its reason: the panel has recorded 1 tiers" in e.value
               for e in app.error), [e.value for e in app.error]
    assert len(admin_call("bidset", two_bids).bids) == 2 and admin_call("tiers", two_bids)
    app.text_input(key="bids_remove_reason").input("投标人撤回投标（书面函件）").run()
    app.button(key="bids_remove_confirm").click().run()
    assert not app.exception and not app.error
    assert [b.vendor_id for b in admin_call("bidset", two_bids).bids] == [VENDOR_B]
    event = admin_call("events", two_bids)[-1]
    assert (event.action, event.subject, event.reason, event.detail) == (
        "remove_bid", VENDOR_A, "投标人撤回投标（书面函件）", "1 tiers")


def test_bids_imported_in_one_session_are_seen_by_a_new_session(tender, tmp_path):
    upload(open_app("bids", lang="zh", tender_id=tender), write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A)))
    later = open_app("bids", lang="en", tender_id=tender)
    assert later.dataframe[0].value.iloc[:, 0].tolist() == [VENDOR_A]
    assert later.session_state.bids_report is None  # the report was the other session's …
    assert "a.xlsx" in later.expander[0].markdown[0].value  # … and stays in the upload history


def test_the_uploader_takes_workbooks_and_a_bids_documents(tender):
    app = open_app("bids", lang="en", tender_id=tender)
    uploader = app.file_uploader(key="bids_upload_0")
    assert uploader.allowed_type == [".xlsx", ".pdf", ".png", ".jpg", ".jpeg"] and uploader.accept_multiple_files
    assert app.button(key="bids_import").disabled  # nothing chosen, nothing to import
    assert "This tender has no bids yet." in [i.value for i in app.info]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_bid_form_bytes_are_the_rubrics_form(lang, tmp_path):
    rubric = load_rubric(EXAMPLE_RUBRIC)
    data = page_module().bid_form_bytes(rubric, lang)
    book = openpyxl.load_workbook(BytesIO(data))
    ids = [row[0] for row in book["Bid"].iter_rows(values_only=True) if row[0]]
    assert {"vendor_id", "vendor_name", "sme", "business_license", "price_model"} <= set(ids)


@pytest.mark.parametrize("field, currency, lang, header", [
    ("rate_per_call", "CNY", "zh", "每通电话单价 (元)"),
    ("registered_capital", "CNY", "en", "Registered capital (10,000 yuan)"),
    ("rate_per_call", "USD", "en", "Rate per call (US dollars)"),  # was headed (CNY)
    ("rate_per_call", "USD", "zh", "每通电话单价 (美元)"),
    ("dial_test_accuracy", "CNY", "en", "Committed dial-test accuracy"),  # the % is in the cells
])
def test_money_columns_are_headed_in_the_tenders_currency(field, currency, lang, header):
    from dataclasses import replace

    chosen = replace(load_rubric(EXAMPLE_RUBRIC).field_index[field], currency=currency)
    assert page_module().column_title(chosen, lang) == header


def sidebar_texts(app) -> list[str]:
    return [c.value for c in app.sidebar.caption]


@pytest.mark.parametrize("lang, before, after", [("zh", "0 份投标", "2 份投标"), ("en", "0 bid(s)", "2 bid(s)")])
def test_the_sidebar_counts_the_bids_an_import_has_just_added(through_the_entrypoint, tender, tmp_path, lang,
                                                              before, after):
    app = open_app("bids", lang=lang, tender_id=tender)
    assert before in sidebar_texts(app)
    (selector,) = app.sidebar.selectbox
    assert selector.options == ["示例项目"]  # the label stays the same: a browser keeps a selectbox's label
    upload(app, write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A)), write_form(tmp_path / "b.xlsx", good_bid(VENDOR_B)))
    assert app.title[0].value == ("投标文件" if lang == "zh" else "Bids")
    assert after in sidebar_texts(app)
    assert app.sidebar.selectbox[0].options == ["示例项目"]


def test_the_sidebar_counts_after_a_removal(through_the_entrypoint, two_bids):
    app = open_app("bids", lang="en", tender_id=two_bids)
    assert "2 bid(s)" in sidebar_texts(app)
    app.selectbox(key="bids_selected").set_value(VENDOR_B).run()
    app.button(key="bids_remove").click().run()
    app.button(key="bids_remove_confirm").click().run()
    assert "1 bid(s)" in sidebar_texts(app)


def test_tenders_of_the_same_name_stay_apart_in_the_sidebar(through_the_entrypoint, tender):
    twin = chair_tender(Store(), "示例项目", EXAMPLE_RUBRIC.read_text(encoding="utf-8"), EXAMPLE_RUBRIC.name)
    app = open_app("results", lang="zh", tender_id=tender)
    assert app.sidebar.selectbox[0].options == [f"示例项目 · #{twin}", f"示例项目 · #{tender}"]


@pytest.mark.parametrize("lang, says", [("zh", "只能在准备和评分阶段导入投标"), ("en", "bids are imported in the setup and scoring stages")])
def test_a_tender_past_scoring_offers_no_import_and_still_lists_its_bids(two_bids, lang, says):
    """On a final tender the page offered Import; pressed, it was refused and the bid list vanished (a tester)."""
    store = Store()
    admin = admin_of(store)
    store.open_scoring(admin, two_bids)
    store.close_scoring(admin, two_bids, "no panel in this test")
    app = open_app("bids", lang=lang, tender_id=two_bids)
    assert not app.exception and says in app.info[0].value
    assert not [u for u in app.get("file_uploader") if u.key.startswith("bids_upload_")]
    assert not [b for b in app.button if b.key == "bids_import"]
    assert [t for t in app.dataframe]  # the bids are still listed


@pytest.mark.parametrize("lang, line", [
    ("zh", f"- 🔒 一个密封附件（您的评委席位提交评分前不显示名称），`{VENDOR_A}` 的投标"),
    ("en", f"- 🔒 a sealed document (not named while your panel seat still scores), of the bid of `{VENDOR_A}`"),
])
def test_the_upload_history_shows_a_sealed_document_without_its_name(lang, line):
    """What Store.uploads seals for a panel seat (its name withheld) is shown as sealed, never as a blank name."""
    from datetime import datetime

    from bideval.uploads import DOCUMENT, Upload, UploadedFile

    sealed = UploadedFile("", "ab" * 32, 1000, DOCUMENT, attached_to=VENDOR_A, envelope="price", sealed=True)
    upload = Upload(1, datetime(2026, 12, 1), "buyer2", VENDOR_A, False, (sealed,))
    assert page_module().upload_lines(upload, lang) == [line]
