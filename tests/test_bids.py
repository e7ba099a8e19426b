"""Importing bids: both layouts, every spelling, and every bad-input class with file, sheet and cell."""
from decimal import Decimal as D
from pathlib import Path

import pytest

from bideval.bids import close_vendor, read_bids
from bideval.errors import BidsError
from bideval.pricing import PricingModel
from bideval.template import write_bid_form
from bideval.xlsx_guard import OLE_MAGIC
from conftest import (EXAMPLE_RUBRIC, VENDOR_A, VENDOR_B, good_bid, write_consolidated, write_form, write_openpyxl,
                      write_ranked, write_xlsx)


def problems_of(rubric, paths) -> list[str]:
    with pytest.raises(BidsError) as caught:
        read_bids(rubric, paths)
    return [str(p) for p in caught.value.problems]


def test_bid_forms_in_a_folder(rubric, tmp_path: Path):
    write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    write_form(tmp_path / "b.xlsx", good_bid(VENDOR_B, sme="是", price_model="总价包干", rate_per_call=None,
                                             total_price="¥1,020,000.00"))
    (tmp_path / "~$a.xlsx").write_bytes(b"lock")  # an Office lock file is skipped
    bidset = read_bids(rubric, [tmp_path])
    a, b = bidset.bids
    assert a.vendor_id == VENDOR_A and a.values["registered_capital"] == D(1200)
    assert a.values["dial_test_accuracy"] == D("0.94") and a.values["price_model"] is PricingModel.PER_CALL
    assert b.sme is True and b.values["total_price"] == D(1020000)
    assert b.cell("total_price").endswith("b.xlsx:Bid!C11")
    assert [f.role for f in bidset.files] == ["bids", "bids"] and all(len(f.sha256) == 64 for f in bidset.files)


def test_a_form_named_twice_is_read_once(rubric, tmp_path: Path):
    """The folder and a file in it, and a link to that file: one bid, not a duplicate vendor; a hidden file
    and a sub-folder in the folder are passed over, a .xls beside the forms is reported."""
    folder = tmp_path / "bids"
    folder.mkdir()
    form = write_form(folder / "a.xlsx", good_bid(VENDOR_A))
    (tmp_path / "link.xlsx").symlink_to(form)
    (folder / ".hidden.xlsx").write_bytes(b"not read")
    (folder / "sub").mkdir()
    bidset = read_bids(rubric, [folder, form, tmp_path / "link.xlsx"])
    assert [b.vendor_id for b in bidset.bids] == [VENDOR_A] and len(bidset.files) == 1
    (folder / "old.xls").write_bytes(b"\xd0\xcf")
    assert any("old.xls" in p and ".xls" in p for p in problems_of(rubric, [folder]))


def test_template_round_trip(rubric, tmp_path: Path):
    """template → filled form → import gives the same values."""
    import openpyxl

    form = tmp_path / "form.xlsx"
    write_bid_form(rubric, form)
    book = openpyxl.load_workbook(form)
    sheet = book["Bid"]
    filled = {"vendor_id": VENDOR_A, "vendor_name": "广州示例呼叫中心有限公司", "sme": "否", "business_license": "是",
              "itss_level": 2, "registered_capital": 1500, "similar_projects": 4, "dial_test_accuracy": 0.955,
              "price_model": "按席位按月计费", "rate_per_seat_month": 3200}
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in filled:
            row[2].value = filled[row[0].value]
    book.save(form)
    (bid,) = read_bids(rubric, [form]).bids
    assert bid.values["dial_test_accuracy"] == D("0.955")
    assert bid.values["price_model"] is PricingModel.PER_SEAT_MONTH
    assert bid.values["rate_per_seat_month"] == D(3200)
    assert bid.values["registered_capital"] == D(1500)
    assert bid.values["commission_rate"] is None


ANSWERS = {"vendor_id": VENDOR_A, "vendor_name": "甲公司", "sme": "否", "business_license": "是", "itss_level": 1,
           "registered_capital": 1500, "similar_projects": 4, "price_model": "按通计费", "rate_per_call": 0.85}


def _swap(a: int, b: int, column: int = 0):
    def swap(sheet):
        x, y = sheet.cell(a, column + 1), sheet.cell(b, column + 1)
        x.value, y.value = y.value, x.value
    return swap


def _sort_alone(first: int, last: int):  # Excel: select A2:A8, Sort, "Continue with the current selection"
    def sort(sheet):
        ids = sorted(sheet.cell(r, 1).value for r in range(first, last + 1))
        for r, field_id in zip(range(first, last + 1), ids):
            sheet.cell(r, 1).value = field_id
    return sort


def _sort_rows(first: int, last: int, columns: tuple[int, ...] = (0, 1, 2, 3)):
    """Rows sorted by column B, only ``columns`` moving (all: whole rows; A and B: each id stays beside its own
    question, the answers in C left where they were)."""
    def sort(sheet):
        rows = sorted(([sheet[r][c].value for c in columns] for r in range(first, last + 1)), key=lambda v: v[1])
        for r, values in zip(range(first, last + 1), rows):
            for c, value in zip(columns, values):
                sheet.cell(r, c + 1).value = value
    return sort


def _delete_row(row: int):
    def delete(sheet):
        sheet.delete_rows(row)
    return delete


def _label(row: int, text):
    def relabel(sheet):
        sheet.cell(row, 2).value = text
    return relabel


def _filled_form(rubric, path: Path, edit) -> Path:
    import openpyxl

    write_bid_form(rubric, path)
    book = openpyxl.load_workbook(path)
    sheet = book["Bid"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in ANSWERS:
            row[2].value = ANSWERS[row[0].value]
    edit(sheet)
    book.save(path)
    return path


APART = ("column A was sorted or edited apart from column B (Excel's \"Continue with the current selection\", or ids "
         "pasted in another order), so the answer in column C, given to that question, would be read as {}; restore "
         "the form's order (undo the sort, or copy the answers into a new form from the template), check the "
         "answers and import it again")


@pytest.mark.parametrize("edit, refused", [
    (_swap(6, 8), {"A6": ("similar_projects", "'信息系统运行维护能力证书等级 / ITSS O&M capability level' (itss_level)"),
                   "A8": ("itss_level", "'同类项目数量 / Similar projects' (similar_projects)")}),
    (_sort_alone(2, 8), {f"A{r}": None for r in range(2, 9)}),
    (_label(8, "ITSS O&M capability level"), {"A8": ("similar_projects", "'ITSS O&M capability level' (itss_level)")}),
    (_label(8, " 信息系统运行维护能力证书等级 "), {"A8": ("similar_projects", "' 信息系统运行维护能力证书等级 ' (itss_level)")}),
    (_label(8, "itss_level"), {"A8": ("similar_projects", "'itss_level' (itss_level)")}),
])
def test_a_field_id_moved_apart_from_its_question_is_refused_at_its_id(rubric, tmp_path: Path, edit, refused):
    """Column A sorted alone, two ids swapped, or column B showing another field's question (in either language, or
    its id): each answer would be read as another field's (hostile9 H9-3: the winner changed). Refused at the ids,
    nothing read."""
    path = _filled_form(rubric, tmp_path / "a.xlsx", edit)
    problems = problems_of(rubric, [path])
    assert [p.split(": ", 1)[0] for p in problems] == [f"{path}:Bid!{cell}" for cell in refused]
    for problem, told in zip(problems, refused.values()):
        field, question = told or (None, None)
        if told:
            assert problem.endswith(f"the field id {field!r} sits beside the question {question}: "
                                    + APART.format(repr(field)))


@pytest.mark.parametrize("edit", [
    _delete_row(9), _label(6, "ITSS 运维能力等级（一级最高）"), _label(6, None), _label(6, "信息系统运行维护能力证书等级"),
    _label(6, "ITSS O&M CAPABILITY LEVEL"), _swap(6, 8, column=2),
])
def test_a_form_with_a_row_deleted_or_a_question_reworded_is_read(rubric, tmp_path: Path, edit):
    """A row deleted (the others keep their order), a question reworded by hand, left empty or in one language, are
    read as answered; two answers swapped are the bidder's answers (a slip column B cannot tell)."""
    (bid,) = read_bids(rubric, [_filled_form(rubric, tmp_path / "a.xlsx", edit)]).bids
    swapped = edit.__qualname__.startswith("_swap")
    assert (bid.values["itss_level"], bid.values["similar_projects"]) == ((4, 1) if swapped else (1, 4))
    assert bid.values["registered_capital"] == D(1500) and bid.vendor_name == "甲公司"


@pytest.mark.parametrize("columns", [(0, 1), (0, 1, 3), (0, 1, 2, 3)])
def test_a_marked_form_whose_rows_were_sorted_is_refused_at_the_first_id_out_of_order(rubric, tmp_path: Path, columns):
    """hostile11 H11-4: columns A:B (or A:B:D) sorted together, C left, kept each id beside its own question while
    every answer was read as another field's (the winner fell to 4th). On a form of this version the ids must stand in
    the template's order; whole rows sorted cannot be told apart from that, and are refused too."""
    path = _filled_form(rubric, tmp_path / "a.xlsx", _sort_rows(2, 8, columns))
    (problem,) = problems_of(rubric, [path])
    assert problem == (f"{path}:Bid!A2: the field 'business_license' stands before 'vendor_id', where the form had it "
                       "after: rows were sorted or moved (the answers in column C may no longer stand beside their "
                       "questions); restore the form's order (undo the sort, or copy the answers into a new form from "
                       "the template), check the answers and import it again")


def test_a_form_without_the_mark_sorted_by_whole_rows_is_read(rubric, tmp_path: Path):
    """A form made by hand, or its sheet copied out of the marked workbook, has no template order to keep."""
    from openpyxl.packaging.custom import CustomPropertyList
    import openpyxl

    path = _filled_form(rubric, tmp_path / "a.xlsx", _sort_rows(2, 8))
    book = openpyxl.load_workbook(path)
    book.custom_doc_props = CustomPropertyList()
    book.save(path)
    (bid,) = read_bids(rubric, [path]).bids
    assert (bid.values["itss_level"], bid.values["similar_projects"], bid.vendor_name) == (1, 4, "甲公司")


def test_consolidated_headers_by_id_or_label_in_either_language(rubric, tmp_path: Path):
    path = write_consolidated(
        tmp_path / "all.xlsx",
        ["统一社会信用代码", "Bidder name", "sme", "业务经营许可证", " ITSS O&M CAPABILITY LEVEL ", "报价方式", "rate_per_call"],
        [[VENDOR_A, "甲公司", "否", "是", 2, "per_call", 0.85], [None] * 7, [VENDOR_B, "乙公司", "是", "√", "３", "按通计费", "0.9元"]],
    )
    a, b = read_bids(rubric, [path]).bids
    assert (a.vendor_name, a.values["itss_level"], b.values["itss_level"]) == ("甲公司", 2, 3)
    assert b.values["rate_per_call"] == D("0.9")
    assert b.cell("rate_per_call").endswith("all.xlsx:Bids!G4")  # the blank row 3 is skipped
    assert a.values["similar_projects"] is None  # a missing column: empty for every bid
    (warning,) = read_bids(rubric, [path]).warnings  # … and said: the officer may have left it out by mistake
    assert (warning.code, warning.sheet, warning.data["form"], warning.data["bids"]) == ("bids.fields_not_in_sheet",
                                                                                          "Bids", False, 2)
    # not the price fields of the models no bid names (per_seat_month …): each bid states the one it chose
    assert [f.id for f in warning.data["fields"]] == ["registered_capital", "similar_projects", "dial_test_accuracy"]
    assert str(warning).endswith("Bids: no column for 'registered_capital', 'similar_projects', 'dial_test_accuracy': "
                                 "each of the sheet's 2 bids is read as not stating them (a criterion counting them "
                                 "scores 0 and a required one makes the bid invalid); if the column was left out of "
                                 "the consolidation, add it with each bid's answer and import again")


def test_a_bid_form_without_a_fields_row_is_read_as_not_stating_it_and_said(rubric, tmp_path: Path):
    write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    assert read_bids(rubric, [tmp_path / "a.xlsx"]).warnings == ()  # every field has its row
    write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, similar_projects=None, sme=None))
    bidset = read_bids(rubric, [tmp_path / "a.xlsx"])
    assert bidset.bids[0].values["similar_projects"] is None
    (warning,) = bidset.warnings
    assert (warning.sheet, warning.data["form"], [f.id for f in warning.data["fields"]]) == (
        "Bid", True, ["sme", "similar_projects"])  # sme: the rubric deducts 10 % from an SME's price


def test_every_bad_value_is_reported_at_once_with_its_cell(rubric, tmp_path: Path):
    write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, dial_test_accuracy="96", similar_projects="-2",
                                            business_license="maybe"))
    found = problems_of(rubric, [tmp_path / "a.xlsx"])
    assert any(p.startswith(f"{tmp_path / 'a.xlsx'}:Bid!C5: expected yes or no") and "'maybe'" in p for p in found)
    assert any(":Bid!C8: expected a whole number (0 or more), found '-2'" in p for p in found)
    assert any(":Bid!C9: expected a percentage" in p and "found '96'" in p for p in found)
    assert len(found) == 3


@pytest.mark.parametrize("headers, message", [
    (["vendor_id", "vendor_name", "Prce"], "Bids!C1: unknown column header 'Prce'"),
    (["vendor_id", "vendor_name", "sme", "中小企业"], "Bids!D1: column for field 'sme' appears twice (also C1)"),
    (["vendor_name", "sme"], "no 'vendor_id' column"),
])
def test_bad_consolidated_headers(rubric, tmp_path: Path, headers, message):
    path = write_consolidated(tmp_path / "all.xlsx", headers, [["x"] * len(headers)])
    assert any(message in p for p in problems_of(rubric, [path]))


def test_duplicate_vendor_across_files(rubric, tmp_path: Path):
    write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    write_form(tmp_path / "b.xlsx", good_bid(VENDOR_A.lower(), name="另一家"))
    (message,) = problems_of(rubric, [tmp_path])
    assert f"vendor_id {VENDOR_A} appears twice" in message and "b.xlsx:Bid!C2" in message


@pytest.mark.parametrize("invisible", ["\u200b", "\ufeff", "\u00ad", "\u2060", "\u200e"])
def test_an_invisible_character_in_a_credit_code_does_not_make_a_second_bidder(rubric, tmp_path: Path, invisible):
    """A zero-width space, byte-order mark, soft hyphen, word joiner or direction mark pasted into a vendor_id is
    not part of it: the same bidder twice is refused, and a lone bid is stored without it."""
    write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    write_form(tmp_path / "b.xlsx", good_bid(VENDOR_A[:9] + invisible + VENDOR_A[9:] + invisible, name="另一家"))
    (message,) = problems_of(rubric, [tmp_path])
    assert f"vendor_id {VENDOR_A} appears twice" in message and "b.xlsx:Bid!C2" in message
    (bid,) = read_bids(rubric, [tmp_path / "b.xlsx"]).bids
    assert bid.vendor_id == VENDOR_A


@pytest.mark.parametrize("values, message", [
    ({"vendor_id": VENDOR_A, "vendor_nam": "x"}, "Bid!A3: unknown field id 'vendor_nam'"),
    ({"vendor_id": VENDOR_A, "vendor_name": None}, "vendor_name is empty"),
    ({"vendor_id": " ", "vendor_name": "甲"}, "vendor_id is empty"),
])
def test_bad_forms(rubric, tmp_path: Path, values, message):
    path = write_form(tmp_path / "a.xlsx", values)
    assert any(message in p for p in problems_of(rubric, [path]))


def test_field_row_twice_in_a_form(rubric, tmp_path: Path):
    path = write_xlsx(tmp_path / "a.xlsx", {"Bid": [["id"], ["vendor_id", "", VENDOR_A], ["vendor_name", "", "甲"],
                                                     ["vendor_name", "", "乙"]]})
    assert any("Bid!A4: field 'vendor_name' appears twice (also in C3)" in p for p in problems_of(rubric, [path]))


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_text("vendor_id,vendor_name\n1,2\n"), "not an .xlsx"),
    (lambda p: p.write_bytes(b""), "empty"),
    (lambda p: write_xlsx(p, {"Sheet1": [["a"]]}), "expected a sheet 'Bid'"),
    (lambda p: write_xlsx(p, {"Bids": []}), "the sheet is empty"),
    (lambda p: write_xlsx(p, {"Bids": [["vendor_id", "vendor_name"]]}), "a header row but no bid rows"),
])
def test_unreadable_or_empty_files(rubric, tmp_path: Path, make, message):
    path = tmp_path / "bid.xlsx"
    make(path)
    found = problems_of(rubric, [path])
    assert any(message in p for p in found), found
    assert all(str(path) in p for p in found)


def test_other_spreadsheets_in_a_folder_are_reported_not_dropped(rubric, tmp_path: Path):
    write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    (tmp_path / "b.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "readme.txt").write_text("ignored")
    (message,) = problems_of(rubric, [tmp_path])
    assert "b.xls" in message and "save it as .xlsx" in message


def test_missing_path(rubric, tmp_path: Path):
    assert any("no such file or folder" in p for p in problems_of(rubric, [tmp_path / "nope"]))


def test_a_formula_s_result_is_read_as_excel_shows_it(rubric, tmp_path):
    """=92.1/100 is saved as 0.9209999999999999 and shown as 92.10%: the bid states 92.1%, as one typing it does."""
    import xlsxwriter

    path = tmp_path / "formula.xlsx"
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
    sheet = book.add_worksheet("Bid")
    for r, (field, value) in enumerate(good_bid(VENDOR_A).items()):
        sheet.write_string(r, 0, field)
        if field == "dial_test_accuracy":
            sheet.write_formula(r, 2, "=92.1/100", None, 92.1 / 100)
        else:
            sheet.write(r, 2, value)
    book.close()
    (bid,) = read_bids(rubric, [path]).bids
    (typed,) = read_bids(rubric, [write_form(tmp_path / "typed.xlsx",
                                             good_bid(VENDOR_A, dial_test_accuracy="92.1%"))]).bids
    assert 92.1 / 100 != 0.921 and bid.values["dial_test_accuracy"] == typed.values["dial_test_accuracy"] == D("0.921")


@pytest.mark.parametrize("typed", ["按通计费 (Per call)", "按通计费（Per call）", "Per call", "按通计费", "per_call"])
def test_a_pricing_model_is_read_as_the_bid_form_s_hint_writes_it(rubric, tmp_path, typed):
    (bid,) = read_bids(rubric, [write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, price_model=typed))]).bids
    assert bid.values["price_model"] is PricingModel.PER_CALL


def test_a_pricing_model_refused_lists_the_tender_s_models_as_the_hint_does(rubric, tmp_path):
    """author5 A5-5: the refusal listed all six models, two the tender does not allow, as `id (label)`."""
    path = write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, price_model="按小时计费"))
    (problem,) = problems_of(rubric, [path])
    assert problem.endswith(": expected a pricing model: 总价包干 (Lump sum), 按席位按月计费 (Per seat-month), 按通计费 "
                            "(Per call), 基础服务费加佣金 (Base fee plus commission), found '按小时计费'")


def test_a_credit_code_typed_as_a_number_is_refused_at_its_cell(rubric, tmp_path):
    bids = [good_bid(914501007084611368), good_bid(VENDOR_B)]
    path = write_consolidated(tmp_path / "bids.xlsx", list(bids[0]), [list(b.values()) for b in bids])
    with pytest.raises(BidsError) as caught:
        read_bids(rubric, [path])
    (problem,) = caught.value.problems
    assert problem.cell == "A2" and "a number of more than 15 digits keeps only its first 15" in str(problem)


@pytest.mark.parametrize("above", [[[None]], [[None], [None]], [[None, "投标报价表 / Bid form"]]])
def test_a_bid_form_s_header_below_blank_rows_or_a_title_is_its_header(rubric, tmp_path, above):
    """Found by an independent import test: the template's own header two rows down was 'unknown field id'."""
    values = good_bid(VENDOR_A)
    rows = [*above, ["字段 / Field id", "项目 / Item", "填写内容 / Your answer", "单位 / Unit"],
            *([f, f, v, None] for f, v in values.items())]
    (bid,) = read_bids(rubric, [write_xlsx(tmp_path / "form.xlsx", {"Bid": rows})]).bids
    assert bid.vendor_id == VENDOR_A and bid.cells["vendor_id"] == f"C{len(above) + 2}"
    typo = write_xlsx(tmp_path / "typo.xlsx", {"Bid": [*rows, ["vendor_nmae", "", "x", None]]})
    with pytest.raises(BidsError, match="unknown field id 'vendor_nmae'"):
        read_bids(rubric, [typo])


def _form_rows(values):
    return [["字段 / Field id", "项目 / Item", "填写内容 / Your answer"]] + [[k, k, v] for k, v in values.items()]


def test_bids_on_a_second_sheet_are_refused_not_lost(rubric, tmp_path: Path):
    """Excel names a copied sheet 'Bids (2)': vendors split over two sheets, only one of which is read, lost bids
    without a word. The workbook is refused at the other sheet, nothing of it imported."""
    headers = list(good_bid(VENDOR_A))
    row = lambda vendor: [good_bid(vendor)[h] for h in headers]  # noqa: E731
    path = write_xlsx(tmp_path / "all.xlsx", {"Bids": [headers, row(VENDOR_A)], "Bids (2)": [headers, row(VENDOR_B)]})
    assert problems_of(rubric, [path]) == [
        f"{path}:Bids (2): this sheet holds bids too (a row for '{VENDOR_B}', not among the bids read), but only the sheet "
        "'Bids' is read, so nothing of this workbook was imported: if its rows are bids, move them to 'Bids' and delete "
        "this sheet; if it only lists firms (a register of those who bought the documents), delete it or keep it in "
        "another workbook"]
    labelled = write_xlsx(tmp_path / "labels.xlsx", {"Bids": [headers, row(VENDOR_A)],
                                                     "Sheet2": [["统一社会信用代码", "业务经营许可证"], [VENDOR_B, "是"]]})
    assert [p.split(": ")[0] for p in problems_of(rubric, [labelled])] == [f"{labelled}:Sheet2"]


def test_a_corrected_copy_of_a_hidden_bid_form_is_refused_not_the_stale_one_read(rubric, tmp_path: Path):
    """A bidder hides the sheet Bid and corrects a copy, 'Bid (2)': the hidden sheet's old price was read."""
    import openpyxl

    book = openpyxl.Workbook()
    old = book.active
    old.title = "Bid"
    for r in _form_rows(good_bid(VENDOR_A, rate_per_call=1.25)):
        old.append(r)
    old.sheet_state = "hidden"
    new = book.create_sheet("Bid (2)")
    for r in _form_rows(good_bid(VENDOR_A, rate_per_call=0.95)):
        new.append(r)
    book.save(tmp_path / "form.xlsx")
    hidden, message = problems_of(rubric, [tmp_path / "form.xlsx"])
    assert hidden.startswith(f"{tmp_path / 'form.xlsx'}:Bid: this sheet is hidden in Excel")
    assert message.startswith(f"{tmp_path / 'form.xlsx'}:Bid (2): this sheet holds a bid too (its vendor_id "
                              f"'{VENDOR_A}' in column C)")
    assert "只读取" not in message and "keep one bid form per workbook" in message


def test_the_ranked_workbook_among_the_bids_is_told_for_the_result_it_is(rubric, tmp_path: Path):
    ranked = write_ranked(tmp_path)
    with pytest.raises(BidsError) as caught:
        read_bids(rubric, [tmp_path / "a.xlsx", ranked])
    assert [str(p) for p in caught.value.problems] == [
        f"{ranked}: this is a result of bid-eval (a ranked workbook, sheets 'Ranking', 'Scores', 'Panel', 'Price', "
        "'Invalid', 'Rubric', 'Audit'), not a bid workbook; give the bid forms or the consolidated bids workbook, and "
        "keep results out of the bids folder"]


def test_other_sheets_without_bids_are_fine(rubric, tmp_path: Path):
    """A choice list, notes, a list of the bidders' names or the form's empty template beside the bids: read as before."""
    form = write_xlsx(tmp_path / "form.xlsx", {
        "Bid": _form_rows(good_bid(VENDOR_A)), "Lists": [["per_call", "per_seat"]], "说明": [["请填写C列"], ["vendor_id"]],
        "空白": _form_rows({"vendor_id": None, "vendor_name": None})})
    assert [b.vendor_id for b in read_bids(rubric, [form]).bids] == [VENDOR_A]
    headers = list(good_bid(VENDOR_A))
    consolidated = write_xlsx(tmp_path / "all.xlsx", {
        "Bids": [headers, [good_bid(VENDOR_A)[h] for h in headers]],
        "投标人名单": [["vendor_id", "vendor_name"], [VENDOR_A, "北京示例客服有限公司"]]})
    assert [b.vendor_id for b in read_bids(rubric, [consolidated]).bids] == [VENDOR_A]


def test_workbooks_in_a_folder_inside_the_bids_folder_are_reported_not_lost(rubric, tmp_path: Path):
    """A bidder's own folder (杭州嘉禾/jiahe.xlsx) inside the bids folder was passed over, its bid lost without a
    word; a folder of attachments, a hidden folder and an archive's __MACOSX folder are still passed over."""
    write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    (tmp_path / "杭州嘉禾" / "附件").mkdir(parents=True)
    write_form(tmp_path / "杭州嘉禾" / "附件" / "jiahe.xlsx", good_bid(VENDOR_B))
    for folder in ("资质文件", ".git", "__MACOSX"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / ("licence.pdf" if folder == "资质文件" else "._a.xlsx")).write_bytes(b"%PDF")
    write_xlsx(tmp_path / "资质文件" / "人员清单.xlsx", {"人员": [["姓名", "岗位"], ["张三", "坐席"]]})  # not a bid
    assert problems_of(rubric, [tmp_path]) == [
        f"{tmp_path / '杭州嘉禾'}: this folder holds 1 Excel workbook, which is not read: a folder is read without the "
        "folders inside it; move it into the folder above, or name this folder too"]
    bids = read_bids(rubric, [tmp_path / "a.xlsx", tmp_path / "杭州嘉禾" / "附件"]).bids
    assert [b.vendor_id for b in bids] == [VENDOR_A, VENDOR_B]
    (tmp_path / "杭州嘉禾" / "附件" / "jiahe.xlsx").unlink()
    assert [b.vendor_id for b in read_bids(rubric, [tmp_path]).bids] == [VENDOR_A]


def test_a_zipped_form_in_a_folder_inside_the_bids_folder_is_reported_not_lost(rubric, tmp_path: Path):
    """A bidder's folder holding its form zipped (杭州嘉禾/jiahe.zip) was passed over without a word: a zip loose in
    the bids folder is told, one a folder down was not. A zip of attachments a folder down is still passed over."""
    import zipfile

    write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    form = write_form(tmp_path / "jiahe.xlsx", good_bid(VENDOR_B))
    (tmp_path / "杭州嘉禾").mkdir()
    with zipfile.ZipFile(tmp_path / "杭州嘉禾" / "jiahe.zip", "w") as archive:
        archive.write(form, "jiahe.xlsx")
    form.unlink()
    (tmp_path / "资质文件").mkdir()
    with zipfile.ZipFile(tmp_path / "资质文件" / "scans.zip", "w") as archive:
        archive.writestr("licence.pdf", b"%PDF-1.4")
    assert problems_of(rubric, [tmp_path]) == [
        f"{tmp_path / '杭州嘉禾'}: this folder holds 1 Excel workbook (in an archive: jiahe.zip, to extract), which is "
        "not read: a folder is read without the folders inside it; move it into the folder above, or name this folder "
        "too"]




def test_a_value_merged_over_several_bids_or_fields_is_refused_not_read_into_the_first_alone(rubric, tmp_path: Path):
    """Excel shows a merged value across its cells but keeps it in the first alone: a 是 merged down a column of bids
    gave the first bid a yes and the others nothing. A merged title or label is read as before."""
    headers = list(good_bid(VENDOR_A))
    rows = [headers] + [[good_bid(v)[h] for h in headers] for v in (VENDOR_A, VENDOR_B)]
    column = headers.index("business_license")
    letter = "ABCDEFGHIJ"[column]
    path = write_openpyxl(tmp_path / "all.xlsx", {"Bids": rows}, merged={"Bids": [f"{letter}2:{letter}3"]})
    assert problems_of(rubric, [path]) == [
        f"{path}:Bids!{letter}2:{letter}3: cells {letter}2:{letter}3 are merged: Excel keeps the value shown across them "
        f"in {letter}2 alone, and the other cells are empty; unmerge them and write the value in each cell"]

    form = _form_rows(good_bid(VENDOR_A))
    form.insert(0, [None, "投标文件 / Bid form"])  # a title merged across the top, outside column A
    fields = [r[0] for r in form]
    licence, capital = fields.index("business_license") + 1, fields.index("itss_level") + 1
    path = write_openpyxl(tmp_path / "form.xlsx", {"Bid": form}, merged={"Bid": [f"C{licence}:C{capital}"]})
    (message,) = problems_of(rubric, [path])
    assert message.startswith(f"{path}:Bid!C{licence}:C{capital}: cells C{licence}:C{capital} are merged")
    answer_in_b = [list(r) for r in form]
    answer_in_b[licence - 1][1:3] = ["是", None]  # typed in B, merged over C, the cell read: C reads empty
    path = write_openpyxl(tmp_path / "b.xlsx", {"Bid": answer_in_b}, merged={"Bid": [f"B{licence}:C{licence}"]})
    (message,) = problems_of(rubric, [path])
    assert message.startswith(f"{path}:Bid!B{licence}:C{licence}: cells B{licence}:C{licence} are merged")
    fine = write_openpyxl(tmp_path / "fine.xlsx", {"Bid": form}, merged={"Bid": ["B1:D1", f"C{licence}:D{licence}",
                                                                       f"B{licence}:B{capital}"]})
    (bid,) = read_bids(rubric, [fine]).bids
    assert bid.values["business_license"] is True and bid.vendor_id == VENDOR_A


def test_an_error_a_formula_a_date_or_a_duration_where_a_name_or_number_belongs_is_told_in_words(rubric,
                                                                                                 tmp_path: Path):
    """The messages quoted Python's own text (CellError(text='#N/A'), datetime.date(2024, 1, 1), 4 days, 0:00:00)."""
    import datetime

    import xlsxwriter

    path = tmp_path / "all.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Bids")
    headers = list(good_bid(VENDOR_A))
    sheet.write_row(0, 0, headers)
    sheet.write_formula(0, len(headers), "=NA()", None, "#N/A")
    sheet.write_formula(0, len(headers) + 1, "=1+1", None, "")
    sheet.write_datetime(0, len(headers) + 2, datetime.datetime(2024, 1, 1), book.add_format({"num_format": "yyyy-mm-dd"}))
    for c, h in enumerate(headers):
        value = good_bid(VENDOR_A)[h]
        if h == "similar_projects":
            sheet.write_number(1, c, 4, book.add_format({"num_format": "[h]:mm:ss"}))
        else:
            sheet.write(1, c, value)
    book.close()
    problems = "\n".join(problems_of(rubric, [path]))
    for python in ("CellError", "datetime.", "days,", "UncalculatedFormula"):
        assert python not in problems, problems
    assert "unknown column header the error #N/A" in problems
    assert "unknown column header the date 2024-01-01" in problems
    assert "the formula =1+1 saved without its result" in problems
    book = xlsxwriter.Workbook(str(tmp_path / "form.xlsx"))
    sheet = book.add_worksheet("Bid")
    sheet.write_row(0, 0, ["字段 / Field id", "项目", "填写内容"])
    for r, (k, v) in enumerate(good_bid(VENDOR_A, similar_projects=None).items(), start=1):
        sheet.write_row(r, 0, [k, k, v])
    sheet.write_formula(r + 1, 0, "=NA()", None, "#N/A")
    sheet.write_string(r + 2, 0, "similar_projects")
    sheet.write_number(r + 2, 2, 4, book.add_format({"num_format": "[h]:mm:ss"}))
    book.close()
    problems = problems_of(rubric, [tmp_path / "form.xlsx"])
    assert any("unknown field id the error #N/A in column A" in p for p in problems), problems
    assert any("found the duration 96:00:00" in p for p in problems), problems


def test_a_mistyped_field_on_a_form_s_first_row_is_refused_not_taken_for_the_header(rubric, tmp_path: Path):
    """A form without a header row whose first row is a mistyped field id lost its value without a word (the first
    row was taken as the header); a title above the template's header is passed over with it."""
    values = good_bid(VENDOR_A)
    rows = [["business_licence", "", "是"]] + [[k, k, v] for k, v in values.items() if k != "business_license"]
    path = write_xlsx(tmp_path / "form.xlsx", {"Bid": rows})
    assert problems_of(rubric, [path]) == [
        f"{path}:Bid!A1: unknown field id 'business_licence' in column A (expected one of the rubric's field ids; did "
        "you mean 'business_license'?)"]
    titled = write_xlsx(tmp_path / "titled.xlsx", {"Bid": [["投标文件格式 / Bid form"], [], _form_rows(values)[0],
                                                            *_form_rows(values)[1:]]})
    (bid,) = read_bids(rubric, [titled]).bids
    assert bid.values["business_license"] is True
    english = write_xlsx(tmp_path / "english.xlsx", {"Bid": [["Bid form"], ["Field id", "Item", "Your answer"],
                                                             *_form_rows(values)[1:]]})
    assert read_bids(rubric, [english]).bids[0].vendor_id == VENDOR_A


@pytest.mark.parametrize("described", ["18", "text", "String", "varchar"])
def test_a_field_dictionary_giving_the_code_s_type_or_length_is_not_taken_for_a_bid(rubric, tmp_path: Path, described):
    """conform12: an office's 字段说明 (字段 | 含义 | 类型 or 长度) beside the Bids sheet was refused as a second bid."""
    headers = list(good_bid(VENDOR_A))
    path = write_xlsx(tmp_path / "all.xlsx", {
        "Bids": [headers, [good_bid(VENDOR_A)[h] for h in headers]],
        "字段说明": [["字段", "含义", "类型"], ["vendor_id", "统一社会信用代码", described],
                 ["vendor_name", "投标人名称", described], ["sme", "中小企业", "bool"]]})
    assert [b.vendor_id for b in read_bids(rubric, [path]).bids] == [VENDOR_A]


def test_a_sheet_of_the_bidder_s_details_beside_its_form_is_not_taken_for_more_bids(rubric, tmp_path: Path):
    """conform12: a bidder's 投标人信息 (投标人名称 | its name, 统一社会信用代码 | its code, 联系人 | 张三) was taken for a
    table headed by the name, and 张三 for a bid not read: the whole form refused."""
    bid = good_bid(VENDOR_A)
    path = write_xlsx(tmp_path / "form.xlsx", {"Bid": _form_rows(bid), "投标人信息": [
        ["投标人名称", bid["vendor_name"]], ["统一社会信用代码", VENDOR_A], ["联系人", "张三"], ["联系电话", "13800000000"]]})
    assert [b.vendor_id for b in read_bids(rubric, [path]).bids] == [VENDOR_A]


def test_a_summary_a_field_dictionary_or_an_example_beside_the_bids_is_not_taken_for_more_bids(rubric, tmp_path: Path):
    """A price summary or bidder register of the bids read, a sheet describing each field, or an example form with a
    made-up code: none holds a bid that is not read, so the workbook is read as before."""
    headers = list(good_bid(VENDOR_A))
    bids = [headers] + [[good_bid(v)[h] for h in headers] for v in (VENDOR_A, VENDOR_B)]
    consolidated = write_xlsx(tmp_path / "all.xlsx", {
        "Bids": bids,
        "报价汇总": [["统一社会信用代码", "投标人名称", "业务经营许可证", "备注"], [VENDOR_B, "乙", "是", ""], [VENDOR_A, "甲", "是", ""]]})
    assert [b.vendor_id for b in read_bids(rubric, [consolidated]).bids] == [VENDOR_A, VENDOR_B]
    form = write_xlsx(tmp_path / "form.xlsx", {
        "Bid": _form_rows(good_bid(VENDOR_A)),
        "字段说明": [["字段", "名称", "填写说明"], ["vendor_id", "统一社会信用代码", "18位，见营业执照"]],
        "填写示例": _form_rows(good_bid("91110000XXXXXXXXXX", name="示例公司"))})
    assert [b.vendor_id for b in read_bids(rubric, [form]).bids] == [VENDOR_A]
    copy = write_xlsx(tmp_path / "copy.xlsx", {"Bid": _form_rows(good_bid(VENDOR_A)),
                                               "Bid (2)": _form_rows(good_bid(VENDOR_A, rate_per_call=0.5))})
    assert [p.split(": ")[0] for p in problems_of(rubric, [copy])] == [f"{copy}:Bid (2)"]


@pytest.mark.parametrize("odd", ["\u2800", "Ж", "甲", "!"])
def test_a_credit_code_with_a_character_no_code_holds_is_refused_at_its_cell(rubric, tmp_path: Path, odd):
    """A braille blank looks like nothing and is no format character: kept, it made the same bidder a second one."""
    path = write_form(tmp_path / "b.xlsx", good_bid(VENDOR_A + odd))
    (message,) = problems_of(rubric, [path])
    assert message.startswith(f"{path}:Bid!C2: expected a vendor ID of letters and digits"), message
    headers = list(good_bid(VENDOR_A))
    rows = [headers, [good_bid(VENDOR_A)[h] for h in headers], [good_bid(VENDOR_B + odd)[h] for h in headers]]
    (message,) = problems_of(rubric, [write_xlsx(tmp_path / "all.xlsx", {"Bids": rows})])
    assert ":Bids!A3: expected a vendor ID of letters and digits" in message


def test_bids_below_a_title_on_another_sheet_are_refused_not_lost(rubric, tmp_path: Path):
    """A second batch of bids under a title row ('第二批投标人', a date) on another sheet was not seen, so lost: its
    header is looked for below up to three title rows."""
    headers = list(good_bid(VENDOR_A))
    row = lambda vendor: [good_bid(vendor)[h] for h in headers]  # noqa: E731
    for above in ([["第二批投标人"]], [["第二批投标人"], [None, "2026-11-30"], ["（单位：元）"]]):
        path = write_xlsx(tmp_path / "all.xlsx", {"Bids": [headers, row(VENDOR_A)],
                                                  "第二批": [*above, headers, row(VENDOR_B)]})
        assert [p.split(": ")[0] for p in problems_of(rubric, [path])] == [f"{path}:第二批"]
    register = write_xlsx(tmp_path / "register.xlsx", {"Bids": [headers, row(VENDOR_A)],
                                                       "登记表": [["投标人登记表"], headers, row(VENDOR_A)]})
    assert [b.vendor_id for b in read_bids(rubric, [register]).bids] == [VENDOR_A]  # the vendors read: left alone


@pytest.mark.parametrize("code_header, above", [
    ("信用代码", []), ("社会信用代码", []), ("统一社会信用代码（18位）", []), ("投标人代码", []),
    ("vendor_id", [["软件开发人员外包服务"], ["项目编号：XX-2026-018"], ["开标时间：2026-11-30"], ["第二批递交"]]),
])
def test_a_second_sheet_of_bids_under_any_code_header_or_four_titles_is_refused(rubric, tmp_path: Path, code_header,
                                                                                above):
    """A late batch on a sheet 第二批 whose code column was headed in words bid-eval does not know (信用代码), or whose
    header stood under four titles, was passed over: two bids lost, the winner among them, without a word (hostile10
    H10-4). A header naming two fields or more, or one beside a column of credit codes, is a header of bids."""
    headers = list(good_bid(VENDOR_A))
    row = lambda vendor: [good_bid(vendor)[h] for h in headers]  # noqa: E731
    second = [code_header if h == "vendor_id" else h for h in headers]
    path = write_xlsx(tmp_path / "all.xlsx", {"Bids": [headers, row(VENDOR_A)],
                                              "第二批": [*above, second, row(VENDOR_B)]})
    (message,) = problems_of(rubric, [path])
    assert message.startswith(f"{path}:第二批: this sheet holds bids too (a row for '{VENDOR_B}', not among the bids "
                              "read)"), message
    told = f"its header A{len(above) + 1} '{code_header}' heads credit codes but is not a header bid-eval knows"
    assert (told in message) is (code_header != "vendor_id"), message


def test_a_notes_sheet_choice_lists_or_a_register_of_the_bids_read_are_still_read_beside_the_bids(rubric,
                                                                                                     tmp_path: Path):
    """What is no bid stays alone: a register of the bids read under a code header bid-eval does not know, a notes
    sheet naming fields in its sentences, choice lists headed by field ids (no vendor in them)."""
    headers = list(good_bid(VENDOR_A))
    row = lambda vendor: [good_bid(vendor)[h] for h in headers]  # noqa: E731
    path = write_xlsx(tmp_path / "all.xlsx", {
        "Bids": [headers, row(VENDOR_A), row(VENDOR_B)],
        "登记表": [["投标人登记表"], ["信用代码", "vendor_name", "签到时间"], [VENDOR_B, "乙", "9:00"], [VENDOR_A, "甲", "9:05"]],
        "说明": [["填写说明"], ["vendor_id 填写统一社会信用代码，vendor_name 填写全称"], ["sme", "是或否"]],
        "Lists": [["sme", "price_model"], ["是", "per_call"], ["否", "lump_sum"]]})
    assert [b.vendor_id for b in read_bids(rubric, [path]).bids] == [VENDOR_A, VENDOR_B]


@pytest.mark.parametrize("corrected, refused", [(None, False), ({"rate_per_call": 0.55}, True),
                                               ({"vendor_name": "乙公司（更正）"}, True), ({"title": "报价（更正）"}, True)])
def test_a_copy_of_the_bids_sheet_that_differs_is_refused(rubric, tmp_path: Path, corrected, refused):
    """hostile12: Bids (修正), a copy of Bids with the same bidders and a price corrected, was passed over and the old
    price read; an unchanged copy is left alone."""
    headers = list(good_bid(VENDOR_A))
    row = lambda bid: [bid.get(h) for h in headers]  # noqa: E731
    b = good_bid(VENDOR_B, name="乙公司")
    corrected = dict(corrected or {})
    title = [[corrected.pop("title")]] if "title" in corrected else []  # (a title above the copy's header)
    if title:
        corrected["rate_per_call"] = 0.55
    path = write_xlsx(tmp_path / "all.xlsx", {"Bids": [headers, row(good_bid(VENDOR_A)), row(b)],
                                              "Bids (修正)": [*title, headers, row(good_bid(VENDOR_A)), row({**b, **corrected})]})
    if not refused:
        assert [x.vendor_id for x in read_bids(rubric, [path]).bids] == [VENDOR_A, VENDOR_B]
        return
    (message,) = problems_of(rubric, [path])
    assert message.startswith(f"{path}:Bids (修正): this sheet is a copy of the sheet 'Bids', but its row for "
                              f"'{VENDOR_B}' differs from it"), message


@pytest.mark.parametrize("sheet, code, name, refused", [
    ("Bid (2)", "91440101MA59K3T81X", "某某第二投标人有限公司", True),  # the check character mistyped
    ("Bid (2)", "MA59K3T81", "某某第二投标人有限公司", True),  # a 9-character organisation code
    ("Bid (2)", None, "某某第二投标人有限公司", True),  # the code left blank
    ("Bid (2)", None, "北京示例客服有限公司", True),  # a copy of the bid read, its code blanked: the copies may differ
    ("填写示例", "91440101MA59K3T81X", "某某公司", False),  # an example, by its sheet's name
    ("Sample", None, "XX有限公司", False),
    ("空白", None, None, False),  # the form's empty copy
    # hostile11 H11-9: an example named otherwise, or told by the vendor it names
    ("参考格式", "91510100MA0000000X", "示例公司", False),
    ("模板", "91510100MA0000000X", "某某公司", False),
    ("投标范本", "91510100MA0000000X", "某某公司", False),
    ("Bid (2)", "91510100MA0000000X", "示例公司", False),
    ("Bid (2)", "91510100MA0000000X", "样例科技有限公司", False),
    ("Bid (2)", "91510100MA0000000X", "某某有限公司（示例）", False),
    ("Bid (2)", "91440101MA59K3T81X", "北京示例客服有限公司", True),  # 示例 inside a firm's name: a second bid
    # hostile12: a sheet named as an example holding the bidder read is its own second copy (报价表格式 filled in)
    ("报价表格式", VENDOR_A, "北京示例客服有限公司", True), ("填写示例", None, "北京示例客服有限公司", True),
    ("Bid (2)", VENDOR_A, "北京示例客服有限公司", False),  # conform14: the form copied unchanged reads the same
])
def test_a_second_bid_form_is_refused_whatever_its_code(rubric, tmp_path: Path, sheet, code, name, refused):
    """A second bidder's form pasted in as 'Bid (2)' was refused only when its credit code's check character was
    right: mistyped, 9 characters or blank, the bid was dropped without a word (hostile10 H10-8)."""
    path = write_xlsx(tmp_path / "form.xlsx", {"Bid": _form_rows(good_bid(VENDOR_A)),
                                               sheet: _form_rows(good_bid(code, name=name))})
    if not refused:
        assert [b.vendor_id for b in read_bids(rubric, [path]).bids] == [VENDOR_A]
        return
    (message,) = problems_of(rubric, [path])
    stated = f"its vendor_id '{code}'" if code else f"its vendor_name '{name}'"
    assert message.startswith(f"{path}:{sheet}: this sheet holds a bid too ({stated} in column C), but only the "
                              "sheet 'Bid' is read"), message


@pytest.mark.parametrize("copy", [
    _form_rows(good_bid(rate_per_call=0.8)),
    # verify14: the first answers the same, a corrected price in a row added below (the stale one was read)
    _form_rows(good_bid()) + [["rate_per_call", "rate_per_call", 0.5]],
])
def test_a_copy_of_the_form_read_with_another_answer_is_refused(rubric, tmp_path: Path, copy):
    """The form copied unchanged is read (conform14); changed, which copy stands cannot be told."""
    path = write_xlsx(tmp_path / "form.xlsx", {"Bid": _form_rows(good_bid()), "Bid (2)": copy})
    (message,) = problems_of(rubric, [path])
    assert message.startswith(f"{path}:Bid (2): this sheet holds a bid too"), message


def _copied_with_format(path: Path, layout: str, field: str, number_format: str | None) -> tuple[Path, str]:
    """A workbook holding the sheet read (a form, or Bids with two bidders) and its copy ('Bid (2)', 'Bids (2)') that
    stores the same values, ``field``'s cell (the form's, or the second bidder's) shown through ``number_format`` in
    the copy only; and that cell's name, the same in both sheets."""
    import xlsxwriter

    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
    fields = list(good_bid(VENDOR_A))
    shown = book.add_format({"num_format": number_format}) if number_format else None
    for name in (layout, f"{layout} (2)"):
        sheet = book.add_worksheet(name)
        for at, key in enumerate(fields):
            if layout == "Bid":
                sheet.write_string(at, 0, key)
                sheet.write(at, 2, good_bid(VENDOR_A)[key], shown if name != layout and key == field else None)
                continue
            sheet.write_string(0, at, key)
            for r, vendor in enumerate((VENDOR_A, VENDOR_B), 1):
                sheet.write(r, at, good_bid(vendor)[key], shown if name != layout and key == field and r == 2 else None)
    book.close()
    at = fields.index(field)
    return path, f"C{at + 1}" if layout == "Bid" else f"{chr(65 + at)}3"


@pytest.mark.parametrize("layout", ["Bid", "Bids"])
@pytest.mark.parametrize("field, number_format, refused", [
    ("rate_per_call", "0%", True),  # 0.85 shown as 85%: a percentage a reader refuses in a price
    ("similar_projects", "0%", True),  # 3 shown as 300%
    ("rate_per_call", '0.00"万"', True),  # 0.85 shown as 0.85万
    ("rate_per_call", "#,##0.00", False),  # 0.85 shown as 0.85: the same price read
    ("similar_projects", "000", False),  # 3 shown as 003: the same count read
    ("rate_per_call", None, False),  # the copy left as it is
])
def test_a_copy_is_compared_as_a_reader_reads_it(rubric, tmp_path: Path, layout, field, number_format, refused):
    """import15: a copy storing the same numbers passed as unchanged while it showed another value through its
    number format (a price 0.85 shown as 85%): the copy is compared as the reader reads each cell, both cells
    named; one that reads the same (a price shown to two decimals, a count as 003) is left alone."""
    path, cell = _copied_with_format(tmp_path / "copy.xlsx", layout, field, number_format)
    if not refused:
        assert [b.vendor_id for b in read_bids(rubric, [path]).bids] == ([VENDOR_A] if layout == "Bid"
                                                                          else [VENDOR_A, VENDOR_B])
        return
    (message,) = problems_of(rubric, [path])
    said = (f"differs from the sheet 'Bid' at {cell} ({cell} there)" if layout == "Bid"
            else f"differs from it as a reader reads it (at {cell}; {cell} in the sheet 'Bids')")
    assert message.startswith(f"{path}:{layout} (2): ") and said in message, message


@pytest.mark.parametrize("label, first, column", [
    (lambda f: f.label.both(), 0, "B"),  # the copy pasted from column B: labels in A, answers in B
    (lambda f: f.label.both(), 1, "C"),  # column A cleared: labels in B, answers in C
    (lambda f: f.label.zh, 1, "C"),  # the Chinese half of the labels
    (lambda f: f.label.en, 2, "D"),
])
def test_a_copy_of_the_form_without_its_ids_is_a_bid_too(rubric, tmp_path: Path, label, first, column):
    """A corrected copy of the form pasted without column A (sheet 更正, a new price) was passed over and the first
    price read (hostile11 H11-7): a form's labels beside answers are a form, whatever column they stand in."""
    fields = {f.id: f for f in rubric.bid_fields}
    copy = [[None] * first + [label(fields[k]), v] for k, v in good_bid(VENDOR_A, rate_per_call=0.8).items()]
    path = write_xlsx(tmp_path / "form.xlsx", {"Bid": _form_rows(good_bid(VENDOR_A)), "更正": copy})
    (message,) = problems_of(rubric, [path])
    assert message.startswith(f"{path}:更正: this sheet holds a bid too (its vendor_id '{VENDOR_A}' in column "
                              f"{column})"), message


@pytest.mark.parametrize("code, refused", [(VENDOR_A, False), (None, False), (VENDOR_B, True)])
def test_a_cover_naming_the_bidder_read_is_no_second_bid(rubric, tmp_path: Path, code, refused):
    """A cover 封面 holding the form with only the bidder's own code and name stopped the run as a second bid
    (hostile11 H11-9); another bidder's code on it is still refused."""
    cover = {k: (code if k == "vendor_id" else v if k == "vendor_name" else None) for k, v in good_bid(VENDOR_A).items()}
    path = write_xlsx(tmp_path / "form.xlsx", {"封面": _form_rows(cover), "Bid": _form_rows(good_bid(VENDOR_A))})
    if refused:
        (message,) = problems_of(rubric, [path])
        assert message.startswith(f"{path}:封面: this sheet holds a bid too (its vendor_id '{code}'"), message
    else:
        assert [b.vendor_id for b in read_bids(rubric, [path]).bids] == [VENDOR_A]


def test_a_hidden_sheet_of_bids_not_read_is_told_as_hidden(rubric, tmp_path: Path):
    """A hidden lookup sheet 企业库 listing a firm that did not bid was refused without saying it was hidden: the
    officer saw no such tab (hostile10 H10-7)."""
    import openpyxl

    headers = list(good_bid(VENDOR_A))
    path = write_openpyxl(tmp_path / "all.xlsx", {"Bids": [headers, [good_bid(VENDOR_A)[h] for h in headers]],
                                                  "企业库": [["vendor_id", "vendor_name", "sme"], [VENDOR_B, "乙", "是"]]})
    book = openpyxl.load_workbook(path)
    book["企业库"].sheet_state = "hidden"
    book.save(path)
    (message,) = problems_of(rubric, [path])
    assert message.startswith(f"{path}:企业库: this sheet (hidden in Excel: right-click a sheet tab → Unhide to see "
                              f"it) holds bids too (a row for '{VENDOR_B}'"), message


def test_a_macro_workbook_in_a_folder_inside_the_bids_folder_is_reported_not_lost(rubric, tmp_path: Path):
    """A bidder's folder holding jiahe.xlsm (an .xlsx with macros, its Bid sheet intact) was passed over, while the
    same file in the bids folder itself is reported: both are told now."""
    write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    (tmp_path / "杭州嘉禾").mkdir()
    write_form(tmp_path / "杭州嘉禾" / "jiahe.xlsm", good_bid(VENDOR_B))
    assert problems_of(rubric, [tmp_path]) == [
        f"{tmp_path / '杭州嘉禾'}: this folder holds 1 Excel workbook, which is not read: a folder is read without the "
        "folders inside it; move it into the folder above, or name this folder too"]


def test_a_title_above_the_bids_header_is_passed_over(rubric, tmp_path: Path):
    """投标人报价汇总表 in A1 above the header was refused as an unknown header, a headerless column and no vendor_id
    column: up to three rows of one filled cell each (a title, a date) are passed over when the header follows.
    A row of several cells above the header, or a fourth title, is refused in one problem naming the header row (it
    had been taken for the header and refused in a dozen problems, none saying where the header was)."""
    headers = list(good_bid(VENDOR_A))
    rows = [[good_bid(v)[h] for h in headers] for v in (VENDOR_A, VENDOR_B)]
    path = write_xlsx(tmp_path / "all.xlsx", {"Bids": [["投标人报价汇总表"], [], [None, "2026-11-30"], headers, *rows]})
    bids = read_bids(rubric, [path]).bids
    assert [(b.vendor_id, b.row) for b in bids] == [(VENDOR_A, 5), (VENDOR_B, 6)]
    assert bids[0].cell("vendor_id") == f"{path}:Bids!A5"
    wide = write_xlsx(tmp_path / "wide.xlsx", {"Bids": [["投标人报价汇总表", "第一批"], headers, *rows]})
    assert problems_of(rubric, [wide]) == [
        f"{wide}:Bids!A1: the header is row 2 (it names the vendor ID and name columns), but row 1 above it is neither "
        "a title in one cell nor a row of merged group headings, so the sheet is not read: move row 1 below the header "
        "if it is a bid, else delete it or write its text in one cell"]
    four = write_xlsx(tmp_path / "four.xlsx", {"Bids": [["汇总表"], ["第一批"], ["单位：元"], ["2026-11-30"], headers, *rows]})
    assert problems_of(rubric, [four]) == [
        f"{four}:Bids!A1: the header is row 5 (it names the vendor ID and name columns), but 4 rows stand above it, and "
        "at most 3 titles or rows of merged group headings are passed over, so the sheet is not read: delete the rows "
        "above the header that are not needed"]



@pytest.mark.parametrize("titles", [5, 9])
def test_a_header_below_a_long_title_block_is_named_as_the_header(rubric, tmp_path: Path, titles):
    """A title block of five lines or more (项目名称, 项目编号, 开标日期 …) above the header had the first title refused
    as an unknown column header and the next column as headerless, saying nothing of where the header was."""
    headers = list(good_bid(VENDOR_A))
    rows = [[good_bid(VENDOR_A)[h] for h in headers]]
    path = write_xlsx(tmp_path / "all.xlsx", {"Bids": [[f"标题 {n}"] for n in range(titles)] + [headers, *rows]})
    assert problems_of(rubric, [path]) == [
        f"{path}:Bids!A1: the header is row {titles + 1} (it names the vendor ID and name columns), but {titles} rows "
        "stand above it, and at most 3 titles or rows of merged group headings are passed over, so the sheet is not "
        "read: delete the rows above the header that are not needed"]


@pytest.mark.parametrize("field, value, message", [
    ("similar_projects", -1.0, "expected a whole number (0 or more), found -1"),
    ("similar_projects", 2.5, "expected a whole number (0 or more), found 2.5"),
    ("sme", 2.0, "expected yes or no (是/否, Y/N, 1/0, ✓/✗), found 2"),
    ("dial_test_accuracy", 96.0, "expected a percentage such as 96% (or a fraction 0..1 such as 0.96), found 96"),
    ("dial_test_accuracy", 96.5, "expected a percentage such as 96% (or a fraction 0..1 such as 0.96), found 96.5"),
    ("dial_test_accuracy", 92.10000000000001, "expected a percentage such as 96% (or a fraction 0..1 such as 0.96), "
                                              "found 92.1"),  # a formula's result, to 15 digits as Excel shows it
])
def test_a_number_cell_is_quoted_as_the_sheet_shows_it(rubric, tmp_path: Path, capsys, field, value, message):
    """Found by an independent tester: a bid's number cells were quoted as the reader's floats ("found -1.0",
    "found 2.0", "found 96.0"), a panel sheet's as the sheet shows them ("found 3"); one rule now, for both."""
    from bideval.cli import main

    values = good_bid(VENDOR_A, **{field: value})
    path = write_form(tmp_path / "a.xlsx", values)
    cell = f"C{list(values).index(field) + 2}"
    assert problems_of(rubric, [path]) == [f"{path}:Bid!{cell}: {message}"]
    args = ["evaluate", "--criteria", str(EXAMPLE_RUBRIC), "--bids", str(path),
            "--json", str(tmp_path / "r.json")]
    assert main(args) == 2 and not (tmp_path / "r.json").exists()
    assert capsys.readouterr().err.splitlines() == [f"{path}:Bid!{cell}: {message}"]
    assert main([*args, "--lang", "zh"]) == 2
    assert capsys.readouterr().err.endswith(f"实际为 {message.rsplit('found ', 1)[1]}\n")


def test_a_number_in_column_a_is_quoted_as_the_sheet_shows_it(rubric, tmp_path: Path):
    path = write_form(tmp_path / "a.xlsx", {"vendor_id": VENDOR_A, "vendor_name": "甲", 3.0: "x"})
    assert any("Bid!A4: unknown field id 3 in column A" in p for p in problems_of(rubric, [path]))


@pytest.mark.parametrize("title, unit", [("报价（万元）", "万元"), ("报价 (万元)", "万元"), ("报价【千元】", "千元"),
                                         ("报价[USD]", "USD"), ("报价（元，万元）", "元,万元"), ("报价（万）", "万"),
                                         ("报价 (10k CNY)", "10k CNY"), ("报价 (1,000 yuan)", "1,000 yuan")])
def test_a_header_with_a_unit_says_the_column_is_read_in_the_fields_unit(rubric, tmp_path: Path, title, unit):
    """投标总价（万元） was refused with "did you mean '投标总价'?": followed, 150 (万元) was read as 150 yuan.
    (The example rubric's money field here is the rate per call.)"""
    label = rubric.field_index["rate_per_call"].label.zh
    title = title.replace("报价", label)
    fields = list(good_bid())
    headers = [title if f == "rate_per_call" else f for f in fields]
    path = write_xlsx(tmp_path / "bids.xlsx", {"Bids": [headers, [good_bid().get(f) for f in fields]]})
    (message,) = problems_of(rubric, [path])
    assert f"adds a unit ({unit}) to the field 'rate_per_call': the column is read in yuan" in message
    assert f"so head it {label!r}" in message and "did you mean" not in message


@pytest.mark.parametrize("field, title", [
    ("vendor_name", "投标人名称（必填）"), ("vendor_name", "投标人名称（全称）"),  # a text: no unit to add
    ("sme", "sme（是/否）"),  # a yes or no
    ("rate_per_call", "{}（含税）"), ("rate_per_call", "{}(必填，不含税)"),  # a note on a price
    # the field's own unit, perhaps with a note (hostile11 H11-10)
    ("rate_per_call", "{}（元）"), ("rate_per_call", "{}（单位：元）"), ("rate_per_call", "{}(元)"),
    ("rate_per_call", "{}（元，含税）"), ("rate_per_call", "{}【RMB】"), ("rate_per_call", "{} (yuan)"),
    ("rate_per_call", "{}（人民币元）"), ("registered_capital", "{}（人民币万元）"),  # hostile12: 人民币 names the currency
    ("registered_capital", "{}（万）"),  # hostile12: 万 alone in the bracket is 万元
    # the unit in English words, as the rubric and the form write it (conform14: refused as adding a unit)
    ("registered_capital", "Registered capital (10k CNY)"), ("registered_capital", "Registered capital (10,000 yuan)"),
])
def test_a_note_or_the_field_s_own_unit_in_brackets_after_a_label_is_read(rubric, tmp_path: Path, field, title):
    """（必填） after a bidder's name was told "adds a unit (必填)" (hostile10 H10-5), then refused as a note, with a
    second line saying the sheet had no 'vendor_name' column; 投标总价（元）, the field's own unit, was refused whole
    (hostile11 H11-10). The header is the field's label, the column read in the field's unit."""
    title = title.format(rubric.field_index[field].label.zh)
    headers = [title if f == field else f for f in FIELDS]
    path = write_xlsx(tmp_path / "bids.xlsx", {"Bids": [headers, [good_bid().get(f) for f in FIELDS]]})
    (bid,) = read_bids(rubric, [path]).bids
    assert str(bid.value(field)) == {"sme": "False", "registered_capital": "1200"}.get(field, str(good_bid()[field]))


@pytest.mark.parametrize("bracket, read", [("（元/席/月）", True), ("（元/人/月，含税）", True), ("（元/席/年）", False),
                                           ("（元/席·年）", False), ("（元/万元）", False)])
def test_a_monthly_rate_header_saying_what_the_price_is_for(rubric, tmp_path: Path, bracket, read):
    """hostile12: 每席位每月单价（元/席/月）, the monthly rate's own unit and period, was refused as adding a unit; one
    saying another period (元/席/年) or another unit stays refused."""
    bid = good_bid(price_model="per_seat_month", rate_per_seat_month=5200, rate_per_call=None)
    headers = [f"每席位每月单价{bracket}" if f == "rate_per_seat_month" else f for f in bid]
    path = write_xlsx(tmp_path / "bids.xlsx", {"Bids": [headers, list(bid.values())]})
    if read:
        (found,) = read_bids(rubric, [path]).bids
        assert found.value("rate_per_seat_month") == 5200
    else:
        with pytest.raises(BidsError) as caught:
            read_bids(rubric, [path])
        assert [p.code for p in caught.value.problems] == ["bids.unit_in_header"]


# -- rows that are no bid as they stand, and headers below headings (an independent tester's findings F2, F4, F7)

FIELDS = list(good_bid())
BID_C = good_bid("91310000MA1FL0000X", name="丙公司", rate_per_call=0.95)
STRUCK = ("a withdrawn bid? Delete the row if the bid was withdrawn, or remove the strikethrough if it stands, and save "
          "the workbook")


def _bid_rows(*bids) -> list[list]:
    return [[bid.get(f) for f in FIELDS] for bid in bids]


def test_a_bid_row_struck_through_is_refused_not_ranked(rubric, tmp_path: Path):
    """F2: a withdrawn bidder's row left in the sheet struck through was ranked first, its price the lowest. A read cell
    struck through refuses its row (the whole workbook, as any problem does); a font that says it is not struck
    (strike val="0"), or an empty cell struck through, is read as before."""
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Bids"
    for row in [FIELDS, *_bid_rows(good_bid(VENDOR_A), good_bid(VENDOR_B), {**BID_C, "itss_level": None})]:
        sheet.append(row)
    for cell in sheet[2]:
        cell.font = Font(strike=False)  # <strike val="0"/>: not struck
    sheet["E4"].font = Font(strike=True)  # itss_level left empty: nothing struck on screen
    path = tmp_path / "bids.xlsx"
    book.save(path)
    assert [b.vendor_id for b in read_bids(rubric, [path]).bids] == [VENDOR_A, VENDOR_B, BID_C["vendor_id"]]
    for cell in sheet[3]:
        cell.font = Font(strike=True, color="FF0000")
    sheet["J4"].font = sheet["F4"].font = sheet["G4"].font = Font(strike=True)  # part of a row: its price and more
    book.save(path)
    assert problems_of(rubric, [path]) == [f"{path}:Bids!A3: row 3 is struck through (A3:J3): {STRUCK}",
                                           f"{path}:Bids!F4: row 4 has cells struck through (F4:G4, J4): {STRUCK}"]


def test_an_answer_struck_through_on_a_bid_form_is_refused(rubric, tmp_path: Path):
    import openpyxl
    from openpyxl.styles import Font

    path = write_form(tmp_path / "form.xlsx", good_bid(VENDOR_A))
    book = openpyxl.load_workbook(path)
    book["Bid"]["C11"].font = Font(strike=True)  # the rate per call
    book.save(path)
    assert problems_of(rubric, [path]) == [
        f"{path}:Bid!C11: row 11 of the form is struck through (C11): a withdrawn answer? Remove the strikethrough if "
        "the answer stands and save the workbook, or ask the bidder for a corrected form"]


IN_PART = ("so what stands cannot be told: delete the struck text if it was withdrawn, or remove the strikethrough if it "
           "stands, and save the workbook")


_XLSXWRITER_RUNS = {"strike": {"font_strikeout": True}, "superscript": {"font_script": 1},
                    "subscript": {"font_script": 2}, "baseline": {"bold": False}}


def _rich_bids(path: Path, rich, written: str) -> None:
    """A Bids sheet of bids A, B (乙公司) and C (丙公司) whose cells ``rich`` — (row, column, runs), each run a text or
    (kind, text), kind strike, superscript, subscript or baseline — are rich text: ``inline`` as openpyxl writes it,
    ``shared`` as Excel and xlsxwriter do."""
    rows = [FIELDS, *_bid_rows(good_bid(VENDOR_A), good_bid(VENDOR_B, name="乙公司"), {**BID_C, "vendor_name": "丙公司"})]
    if written == "inline":
        import openpyxl
        from openpyxl.cell.rich_text import CellRichText, TextBlock
        from openpyxl.cell.text import InlineFont

        def font(kind: str) -> InlineFont:
            return InlineFont(strike=True) if kind == "strike" else InlineFont(vertAlign=kind)

        for r, c, runs in rich:
            rows[r][c] = CellRichText([run if isinstance(run, str) else TextBlock(font(run[0]), run[1]) for run in runs])
        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        book.active.title = "Bids"
        book.save(path)
        return
    import xlsxwriter

    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Bids")
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row)
    formats = {kind: book.add_format(properties) for kind, properties in _XLSXWRITER_RUNS.items()}
    for r, c, runs in rich:
        parts = [piece for run in runs for piece in ([run] if isinstance(run, str) else [formats[run[0]], run[1]])]
        sheet.write_rich_string(r, c, *parts) if len(parts) > 2 else \
            sheet.write_string(r, c, parts[1], formats[runs[0][0]])  # (xlsxwriter: a rich string has two runs)
    book.close()


@pytest.mark.parametrize("written", ["inline", "shared"])
def test_a_bid_struck_through_in_its_rich_text_is_refused(rubric, tmp_path: Path, written):
    """Text struck in the runs of its rich text (openpyxl writes it as an inline string, Excel and xlsxwriter as a
    shared string) is struck as a cell's format strikes it: every character but spaces struck strikes the cell, and
    its row is refused; some words struck leave what stands unknown, refused at the cell, the row not read."""
    path = tmp_path / "bids.xlsx"
    name = FIELDS.index("vendor_name")
    _rich_bids(path, [(2, name, [("strike", "乙公司"), " "]),  # the space left: struck
                      (3, name, ["丙", ("strike", "公司")])], written)
    assert problems_of(rubric, [path]) == [f"{path}:Bids!B3: row 3 has cells struck through (B3): {STRUCK}",
                                           f"{path}:Bids!B4: part of the text '丙公司' is struck through ('公司'), {IN_PART}"]


RAISED = ("as a footnote mark or an exponent is (superscript or subscript), so what was meant cannot be told: type the "
          "value alone, put the note in a comment, and save the workbook")


@pytest.mark.parametrize("written", ["inline", "shared"])
def test_a_value_raised_or_lowered_in_part_is_refused_at_its_cell(rubric, tmp_path: Path, written):
    """H4: a count typed 2 with a footnote mark 1 in superscript (Format Cells > Superscript) had been read as 21. A
    cell with part of its text raised or lowered (in the runs of its rich text: inline, as openpyxl writes it, or
    shared, as Excel and xlsxwriter do) is refused at the cell, its row not read; a text raised whole (the same value
    drawn smaller) and a run back on the baseline are read."""
    path = tmp_path / "bids.xlsx"
    projects, name = FIELDS.index("similar_projects"), FIELDS.index("vendor_name")
    _rich_bids(path, [(1, projects, ["2", ("superscript", "1")]), (2, name, ["乙公司", ("subscript", "2")]),
                      (3, projects, [("superscript", "3")]), (3, name, ["丙", ("baseline", "公司")])], written)
    column = chr(ord("A") + projects)
    assert problems_of(rubric, [path]) == [f"{path}:Bids!{column}2: part of the text '21' is raised or lowered ('1'), "
                                           f"{RAISED}",
                                           f"{path}:Bids!B3: part of the text '乙公司2' is raised or lowered ('2'), "
                                           f"{RAISED}"]


@pytest.mark.parametrize("struck", ["font", "part"])
def test_a_header_struck_through_is_refused_at_its_cell(rubric, tmp_path: Path, struck):
    """A column whose header is struck through (given up for another?) is not read as if it stood."""
    import openpyxl
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Bids"
    for row in [FIELDS, *_bid_rows(good_bid(VENDOR_A), good_bid(VENDOR_B))]:
        sheet.append(row)
    price = sheet.cell(1, FIELDS.index("rate_per_call") + 1)
    if struck == "font":
        price.font = Font(strike=True)
    else:
        price.value = CellRichText(["rate_", TextBlock(InlineFont(strike=True), "per_call")])
    path = tmp_path / "bids.xlsx"
    book.save(path)
    at = f"{path}:Bids!{price.coordinate}"
    assert problems_of(rubric, [path]) == [
        f"{at}: the header 'rate_per_call' is struck through: is its column given up? Remove the strikethrough and save "
        "the workbook to have the column read, or delete the column if it is not to be evaluated" if struck == "font"
        else f"{at}: part of the text 'rate_per_call' is struck through ('per_call'), {IN_PART}"]


BY_RULE = ("can draw {0} struck through, so whether {1} cannot be told: remove the strikethrough from the rule "
           "(Home > Conditional Formatting > Manage Rules) and save the workbook")
FILLED = '<fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill>'


@pytest.mark.parametrize("written, strike, sqref, refused", [
    ("styles", '<strike val="1"/>', "C3:D9", ["C3", "D3", "C4", "D4"]),  # (E4, empty, is not told)
    ("own", "<strike/>", "E9 C3:D9", ["C3", "D3", "C4", "D4"]),
    ("own", '<strike val="true"/>', "B:B", ["B1"]),  # a header: the sheet not read
    ("styles", '<strike val="0"/>', "C3:D9", []), ("own", '<strike val="false"/>', "C3:D9", []),
    ("styles", "", "C3:D9", []), ("own", "", "C3:D9", []),  # a fill, and no strikethrough
])
def test_a_conditional_format_that_may_strike_a_cell_through_refuses_it(rubric, tmp_path: Path, written, strike, sqref,
                                                                         refused):
    """A rule of a conditional format whose font strikes through (in the styles' differential formats, or its own in
    Excel 2010's extension list) may draw a withdrawn bid: whether it holds is not worked out, so each read cell in its
    range holding something is refused at the cell, its row not read. A rule that only fills, or whose font says it
    does not strike, is read as before."""
    import xlsxwriter

    from crafted import changed, with_own_rule

    path = tmp_path / "bids.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Bids")
    bids = _bid_rows(good_bid(VENDOR_A), good_bid(VENDOR_B), {**BID_C, "itss_level": None})
    for r, row in enumerate([FIELDS, *bids]):
        sheet.write_row(r, 0, row)
    if written == "styles":
        rule = book.add_format({"font_strikeout": True, "bg_color": "#FFC7CE"})
        sheet.conditional_format(sqref, {"type": "cell", "criteria": ">", "value": 0, "format": rule})
    book.close()
    if written == "styles":
        changed(path, path, "xl/styles.xml", lambda xml: xml.replace(b"<strike/>", strike.encode()))
    else:
        rule = with_own_rule(f"<font>{strike}</font>{FILLED}" if strike else FILLED, sqref)
        changed(path, path, "xl/worksheets/sheet1.xml",
                lambda xml: xml.replace(b"</worksheet>", rule + b"</worksheet>"))
    if not refused:
        assert len(read_bids(rubric, [path]).bids) == 3
        return
    header = refused == ["B1"]
    said = BY_RULE.format("this header", "its column is given up") if header else \
        BY_RULE.format("this cell", "it was withdrawn")
    assert problems_of(rubric, [path]) == [f"{path}:Bids!{cell}: a conditional format ({'B:B' if header else 'C3:D9'}) "
                                           f"{said}" for cell in refused]


def test_an_answer_a_conditional_format_may_strike_through_refuses_the_form(rubric, tmp_path: Path):
    from crafted import changed, with_own_rule

    path = write_form(tmp_path / "form.xlsx", good_bid(VENDOR_A))
    rule = with_own_rule('<font><strike/></font>', "C11")
    changed(path, path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"</worksheet>", rule + b"</worksheet>"))
    assert problems_of(rubric, [path]) == [
        f"{path}:Bid!C11: a conditional format (C11) {BY_RULE.format('this cell', 'it was withdrawn')}"]


@pytest.mark.parametrize("label, name", [("Total", "Table1"), ("汇总", "表1")])
def test_an_excel_table_s_total_row_is_refused_not_made_a_bidder(rubric, tmp_path: Path, label, name):
    """F4: an Excel table's Total Row (Total, and a count under the name) became the bidder TOTAL named 2."""
    import xlsxwriter

    path = tmp_path / "table.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Bids")
    columns = [{"header": f} for f in FIELDS]
    columns[0]["total_string"] = label
    columns[1].update(total_function="count", total_value=2)
    sheet.add_table(0, 0, 3, len(FIELDS) - 1, {"data": _bid_rows(good_bid(VENDOR_A), good_bid(VENDOR_B)),
                                               "columns": columns, "total_row": True, "name": name})
    book.close()
    assert problems_of(rubric, [path]) == [
        f"{path}:Bids!A4: row 4 is the total row of the Excel table {name!r} (its Total Row is on), not a bid: turn "
        "Total Row off (Table Design → Total Row) or delete the row, and save the workbook"]


@pytest.mark.parametrize("total, cell", [
    (["TOTAL", "3 家"], "A5"), (["合计"], "A5"), ([None, "合 计", None, None, None, None, None, None, None, 2.7], "B5")])
def test_a_total_row_typed_under_the_bids_is_refused_as_one(rubric, tmp_path: Path, total, cell):
    """A total row typed by hand is told as one, where TOTAL had been taken for a bidder's code."""
    path = write_consolidated(tmp_path / "bids.xlsx", FIELDS,
                              _bid_rows(good_bid(VENDOR_A), good_bid(VENDOR_B), BID_C) + [total])
    label = next(value for value in total if value)
    assert problems_of(rubric, [path]) == [
        f"{path}:Bids!{cell}: row 5 is a total row ({label!r}), not a bid: delete the row and save the workbook"]


def test_group_headings_above_the_header_or_over_part_of_it_are_passed_over(rubric, tmp_path: Path):
    """F7: merged group headings above the header (投标人信息 over A:C) gave 13 problems, none naming the header row;
    a heading merged over some columns in the header row with their headers below it (报价 over price_model and
    rate_per_call) gave "did you mean 'price_model'?". Both are read; a subtitle in two cells is refused in one
    problem naming the header row."""
    rows = _bid_rows(good_bid(VENDOR_A), good_bid(VENDOR_B))
    above = write_openpyxl(tmp_path / "above.xlsx", {"Bids": [
        ["投标人报价汇总表"], ["投标人信息", None, None, "资格与商务", None, None, None, None, "报价"], FIELDS, *rows]},
        merged={"Bids": ["A1:J1", "A2:C2", "D2:H2", "I2:J2"]})
    bids = read_bids(rubric, [above]).bids
    assert [(b.vendor_id, b.row, b.values["rate_per_call"]) for b in bids] == [(VENDOR_A, 4, D("0.85")),
                                                                               (VENDOR_B, 5, D("0.85"))]
    two = FIELDS[:8] + ["报价", None]
    deep = write_openpyxl(tmp_path / "deep.xlsx", {"Bids": [two, [None] * 8 + FIELDS[8:], *rows]},
                          merged={"Bids": [f"{c}1:{c}2" for c in "ABCDEFGH"] + ["I1:J1"]})
    bids = read_bids(rubric, [deep]).bids
    assert [(b.vendor_id, b.cell("rate_per_call")) for b in bids] == [(VENDOR_A, f"{deep}:Bids!J3"),
                                                                     (VENDOR_B, f"{deep}:Bids!J4")]
    subtitle = write_openpyxl(tmp_path / "subtitle.xlsx", {"Bids": [
        ["投标人报价汇总表"], ["项目编号：ZB-2026-018", None, None, None, None, None, None, "开标日期：2026-03-01"], FIELDS,
        *rows]}, merged={"Bids": ["A1:J1"]})
    assert problems_of(rubric, [subtitle]) == [
        f"{subtitle}:Bids!A2: the header is row 3 (it names the vendor ID and name columns), but row 2 above it is "
        "neither a title in one cell nor a row of merged group headings, so the sheet is not read: move row 2 below "
        "the header if it is a bid, else delete it or write its text in one cell"]


@pytest.mark.parametrize("title, heading, cell", [("报价汇总表（单位：万元）", "报价", "A1"), ("报价汇总表", "报价（万元）", "I2")])
def test_a_title_or_heading_stating_a_unit_for_the_amounts_is_refused(rubric, tmp_path: Path, title, heading, cell):
    """Passed over, 单位：万元 above the header would have had 150 (万元) read as 150 yuan without a word."""
    path = write_openpyxl(tmp_path / "unit.xlsx", {"Bids": [
        [title], [None] * 8 + [heading], FIELDS, *_bid_rows(good_bid(VENDOR_A))]}, merged={"Bids": ["I2:J2"]})
    text = title if cell == "A1" else heading
    assert problems_of(rubric, [path]) == [
        f"{path}:Bids!{cell}: {text!r} above the header (row 3) states a unit for the amounts, but each column is read "
        "in its field's own unit whatever a title says: check that the amounts are in that unit (or write each with "
        "its unit, 150万), then delete this text"]


def test_a_header_with_a_slip_is_told_at_its_cells_though_a_header_follows(rubric, tmp_path: Path):
    """A row naming fields above the header found is a header itself (a label mistyped, the header repeated under the
    first bids): the sheet is refused at its first row's cells, never told that its header is further down."""
    slip = ["vendor_id", "投标人名"] + FIELDS[2:]
    path = write_xlsx(tmp_path / "slip.xlsx", {"Bids": [slip, *_bid_rows(good_bid(VENDOR_A)), FIELDS,
                                                        *_bid_rows(good_bid(VENDOR_B))]})
    assert problems_of(rubric, [path])[0] == (f"{path}:Bids!B1: unknown column header '投标人名' (expected a field id or "
                                              "label; did you mean '投标人名称'?)")


def test_a_workbook_named_otherwise_in_a_folder_is_refused_with_the_name_to_give_it(rubric, tmp_path: Path):
    """A mail client saves an attachment without its extension (jinling), a name gets a space after .xlsx: each was
    passed over without a word, its bid missing from the ranking. A workbook by its bytes is refused with the name to
    rename it to; a text or a PDF beside the bids is no workbook and is passed over, as before."""
    write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    write_form(tmp_path / "jinling", good_bid(VENDOR_B))
    write_form(tmp_path / "b.xlsx ", good_bid(VENDOR_B))
    (tmp_path / "readme.txt").write_text("bids received 3 May")
    (tmp_path / "proposal.pdf").write_bytes(b"%PDF-1.7\n")
    (tmp_path / "old").write_bytes(OLE_MAGIC + bytes(512) + "Workbook".encode("utf-16-le"))  # a .xls, named bare
    assert problems_of(rubric, [tmp_path]) == [
        f"{tmp_path / 'b.xlsx '}: this file is an Excel workbook, but its name does not end in '.xlsx' (it ends in "
        "'.xlsx '), so a folder's reading would pass it over; rename it to 'b.xlsx' and run again",
        f"{tmp_path / 'jinling'}: this file is an Excel workbook, but its name does not end in '.xlsx' (it has no "
        "extension), so a folder's reading would pass it over; rename it to 'jinling.xlsx' and run again",
        f"{tmp_path / 'old'}: this file is an Excel workbook, but its name does not end in '.xlsx' (it has no "
        "extension), so a folder's reading would pass it over; it is a legacy Excel 97-2003 .xls workbook: open it in "
        "Excel, remove any password and save it as 'old.xlsx' (Excel Workbook) and run again"]


@pytest.mark.parametrize("headers", [
    ["统一社会\n信用代码", "投标人\n名称", "业务经营\r\n许可证", "ITSS O&M\ncapability level"],
    ["vendor_\nid", "Bidder\n name", "business_license", "ITSS O&M\nCAPABILITY LEVEL"],
])
def test_a_header_wrapped_onto_two_lines_in_its_cell_is_its_field(rubric, tmp_path: Path, headers):
    """Long Chinese headers are wrapped in their cells (Alt+Enter): 投标人⏎名称 was refused as an unknown header, and
    the sheet as having no vendor_name column. A line break, like a space, is layout, not part of the name."""
    path = write_consolidated(tmp_path / "all.xlsx", headers, [[VENDOR_A, "甲公司", "是", 2]])
    (bid,) = read_bids(rubric, [path]).bids
    assert (bid.vendor_name, bid.values["business_license"], bid.values["itss_level"]) == ("甲公司", True, 2)


def test_a_form_with_its_answers_in_column_d_says_so(rubric, tmp_path: Path):
    """A bidder inserted a column before C (序号, 备注): every answer sits in D, and the form was refused as
    'vendor_id is empty' at C2 while the officer saw it filled. The refusal names the column the answers are in."""
    values = good_bid(VENDOR_A)
    path = write_xlsx(tmp_path / "a.xlsx", {"Bid": [["字段", "项目", "备注", "填写内容"],
                                                    *([fid, fid, None, value] for fid, value in values.items())]})
    assert problems_of(rubric, [path]) == [
        f"{path}:Bid!C2: the vendor_id's answer, read from column C, is empty, while D2 holds a credit code "
        f"({VENDOR_A}) and column D fills {len(values)} of the form's {len(values)} field rows: the answers appear to "
        "be in column D, not C (a column inserted before C?); delete the extra column so that the answers stand in "
        "column C, as the template has them"]
    empty = write_form(tmp_path / "b.xlsx", {**values, "vendor_id": None})  # simply left empty: told as before
    assert problems_of(rubric, [empty]) == [f"{empty}:Bid!C2: vendor_id is empty (every bid needs one)"]


@pytest.mark.parametrize("typed, known, suggested", [
    (VENDOR_A[:-1] + "C", [VENDOR_A, VENDOR_B], VENDOR_A),  # one character wrong
    (VENDOR_A[:5] + VENDOR_A[6] + VENDOR_A[5] + VENDOR_A[7:], [VENDOR_A, VENDOR_B], VENDOR_A),  # neighbours swapped
    (VENDOR_A[:-1], [VENDOR_A, VENDOR_B], VENDOR_A),  # one missing
    (VENDOR_A[:3] + "77" + VENDOR_A[5:], [VENDOR_A, VENDOR_B], VENDOR_A),  # two wrong
    (VENDOR_A[:3] + "777" + VENDOR_A[6:], [VENDOR_A, VENDOR_B], None),  # three wrong: another code
    ("91110108MA01C2D30Q", [VENDOR_A, VENDOR_B], None),  # another bidder's: the same 9111 prefix, all else different
    (VENDOR_A[:-1] + "C", [VENDOR_A, VENDOR_A[:-1] + "D"], None),  # as close to both: which is meant cannot be told
])
def test_a_vendor_code_is_suggested_only_for_a_slip(typed, known, suggested):
    """A panel row's unknown vendor said "did you mean <another bidder's code>?": difflib's ratio finds two credit
    codes alike by their shared 91 and region digits. Only a code two slips away from one bid's is suggested."""
    assert close_vendor(typed, known) == suggested


def test_a_column_s_repeated_answers_read_as_each_cell_alone(rubric, tmp_path: Path):
    """A Bids column's different cells are parsed once and shared by the rows stating them (speed14): TRUE, 1 and
    是 are each read as themselves, 0 and -0 keep their signs, and an answer refused is told at each row holding it,
    row by row, field by field."""
    headers = ["vendor_id", "vendor_name", "sme", "business_license", "dial_test_accuracy", "similar_projects"]
    rows = [[VENDOR_A, "甲公司", True, 1, 0.0, 3], [VENDOR_B, "乙公司", 1, True, -0.0, 3.0],
            ["V3", "丙公司", "是", "1", "0%", "3"], ["V4", "丁公司", False, "是", -0.0, 3], ["V5", "戊公司", 0, "否", 0.0, 3]]
    bids = read_bids(rubric, [write_consolidated(tmp_path / "bids.xlsx", headers, rows)]).bids
    assert [b.values["sme"] for b in bids] == [True, True, True, False, False]
    assert [b.values["business_license"] for b in bids] == [True, True, True, True, False]
    assert [str(b.values["dial_test_accuracy"]) for b in bids] == ["0", "-0", "0", "-0", "0"]
    assert [b.values["similar_projects"] for b in bids] == [3] * 5
    refused = write_consolidated(tmp_path / "refused.xlsx", headers, [  # (TRUE is no count; 1 is)
        rows[0], ["V6", "己公司", "否", "maybe", 0.9, True], rows[1], ["V7", "庚公司", "否", "maybe", 0.9, 1]])
    assert [p.split("!")[1][:2] for p in problems_of(rubric, [refused])] == ["D3", "F3", "D5"]


def test_a_comma_after_a_leading_0_in_a_number_cell_is_refused_asking_for_the_point(rubric, tmp_path: Path):
    """``0,5`` in a price or a percentage: a comma after a leading 0 is no thousands separator (``0,500`` had been read
    as 500 and ``0,000`` as 0), so the cell is refused at its place, asking for the number with a decimal point, in
    the words the panel workbook and the scoring grid use."""
    write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, rate_per_call="0,500", dial_test_accuracy="0,5",
                                             similar_projects="0,000"))
    problems = problems_of(rubric, [tmp_path / "a.xlsx"])
    assert len(problems) == 3
    assert all(":Bid!C" in p for p in problems)  # each at its cell
    assert sorted(p.split(": ", 1)[1] for p in problems) == sorted([
        "expected a whole number (0 or more), written with a decimal point (0.000): a comma after a leading 0 is no "
        "thousands separator, found '0,000'",
        "expected a percentage such as 96% (or a fraction 0..1 such as 0.96), written with a decimal point (0.5): a "
        "comma after a leading 0 is no thousands separator, found '0,5'",
        "expected an amount in yuan, 0 or more, written with a decimal point (0.500): a comma after a leading 0 "
        "is no thousands separator, found '0,500'",
    ])


def test_a_percent_refused_gives_the_field_s_own_example(tmp_path):
    """officer22: a percent answer refused said "such as 96%" even where the rubric gives the field its own example
    (`example: 5%`, a renewal discount, whose form says 5%): the refusal now gives the form's example, in both forms."""
    import openpyxl

    from bideval.rubric import load_rubric
    from conftest import ROOT

    rubric = load_rubric(ROOT / "criteria" / "it-outsourcing.yaml")
    form = tmp_path / "boyuan.xlsx"
    book = openpyxl.load_workbook(ROOT / "sample_bids" / "it-outsourcing" / "boyuan.xlsx")
    sheet = book["Bid"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "second_year_discount")
    sheet.cell(row, 3).value = "五个点"
    book.save(form)
    with pytest.raises(BidsError) as caught:
        read_bids(rubric, [form])
    said = [str(p) for p in caught.value.problems]
    assert said == [f"{form}:Bid!C{row}: expected a percentage such as 5% (or a fraction 0..1 such as 0.05), "
                    "found '五个点'"]
    assert rubric.field_index["second_year_discount"].expected() == ("a percentage such as 5% (or a fraction 0..1 such "
                                                                    "as 0.05)")
    others = [f for f in load_rubric(ROOT / "criteria" / "cs-outsourcing.yaml").field_index.values()
              if f.type.value == "percent" and f.example is None]
    assert others and all(f.expected().startswith("a percentage such as 96%") for f in others)
