"""A judge's blank score sheet: one row per valid bid and panel criterion.

The sheet is a ``Scores`` sheet of a panel workbook (formats.md §3): the
importer reads it back as it is. Its bidder and criterion names are checked
against the row's vendor_id and criterion (a row whose names moved, the sheet
sorted one column at a time, is refused; a score column sorted alone cannot be
told, so the instructions say to sort whole rows only); its tier and range
columns are not read. A second sheet explains how to fill it in and lists every panel
criterion with its tiers.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Mapping, Sequence

from .bids import Bid
from .labels import Label
from .allowed_scores import grade_choices, grades_text, step_clause, step_text
from .rubric import Criterion, Grade, Judged, Rubric, Tier, Tiered
from .rubric_mark import TenderMark, mark_workbook, tender_line
from .values import plain_number
from .text_table import display_width

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook

SCORES_SHEET = "Scores"
INSTRUCTIONS_SHEET = Label("说明", "Instructions")
SCORE_COLUMN = 8  # column I
HEADERS = {
    "zh": ("评委 / judge", "统一社会信用代码 / vendor_id", "投标人 / vendor", "评分项 / criterion",
           "名称 / name", "档次 / tier", "最低 / min", "最高 / max", "得分 / score", "备注 / comment"),
    "en": ("judge", "vendor_id", "vendor", "criterion", "name", "tier", "min", "max", "score", "comment"),
}
NO_TIER = Label("未定档", "tier not agreed")
# Excel caps a validation's input title at 32 characters and its messages at 255.
_TITLE_LIMIT, _MESSAGE_LIMIT = 32, 255


def score_rows(rubric: Rubric, bids: Sequence[Bid], tiers: Mapping[tuple[str, str], str],
               lang: str = "zh") -> list[tuple[str, str, str, str, str, Decimal, Decimal]]:
    """(vendor_id, vendor name, criterion id, criterion name, tier label, min, max) per bid and panel criterion."""
    rows = []
    for bid in sorted(bids, key=lambda b: b.vendor_id):
        for criterion in rubric.panel_criteria:
            low, high, label = Decimal(0), criterion.max, ""
            if isinstance(criterion, Tiered):
                tier = criterion.tier(tiers.get((bid.vendor_id, criterion.id), ""))
                if tier is not None:
                    low, high, label = tier.min, tier.max, f"{tier.id} {tier.label.text(lang)}"
                else:
                    label = NO_TIER.text(lang)
            elif isinstance(criterion, Judged) and (criterion.grades or criterion.step is not None):
                label = grades_text(criterion.grades, criterion.step, lang)  # the grades in the tier column
                if criterion.grades:
                    low, high = min(g.min for g in criterion.grades), max(g.max for g in criterion.grades)
            rows.append((bid.vendor_id, bid.vendor_name, criterion.id, criterion.name.text(lang), label, low, high))
    return rows


def write_score_sheet(rubric: Rubric, bids: Sequence[Bid], tiers: Mapping[tuple[str, str], str], judge: str,
                      out: Path | BinaryIO, lang: str = "zh", tender: TenderMark | None = None) -> None:
    """Write the blank Scores sheet for ``judge`` with each score cell validated to its range; ``tender``: the app's
    tender it is made for, marked in its properties and named on its instructions sheet (the app imports it there
    only)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(out, {"strings_to_formulas": False, "strings_to_numbers": False,
                                     "strings_to_urls": False, "in_memory": True})
    book.set_properties({"title": rubric.title.text(lang), "subject": rubric.id, "author": "bid-eval"})
    mark_workbook(book, rubric, tender)  # the rubric it was made from (and the tender), checked on reading
    sheet = book.add_worksheet(SCORES_SHEET)
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    locked = book.add_format({"font_color": "#555555"})
    entries = {places: book.add_format({"bg_color": "#FFF2CC", "border": 1,
                                        "num_format": "0." + "0" * places if places else "0"})
               for places in sorted({rubric.places(c) for c in rubric.panel_criteria} | {rubric.decimals})}
    note = book.add_format({"bg_color": "#FFF2CC", "border": 1})
    headers = HEADERS[lang]
    sheet.write_row(0, 0, headers, head)
    criteria = {c.id: c for c in rubric.panel_criteria}
    lists = _write_grade_lists(book, rubric, head)
    rows = score_rows(rubric, bids, tiers, lang)
    for r, (vendor_id, vendor, criterion_id, name, tier, low, high) in enumerate(rows, 1):
        for c, text in enumerate((judge, vendor_id, vendor, criterion_id, name, tier)):
            sheet.write_string(r, c, text, locked)
        sheet.write_number(r, 6, _cell_number(low), locked)
        sheet.write_number(r, 7, _cell_number(high), locked)
        sheet.write_blank(r, SCORE_COLUMN, None, entries[rubric.places(criteria[criterion_id])])
        sheet.write_blank(r, SCORE_COLUMN + 1, None, note)
        hint = _hint(criteria[criterion_id], tiers.get((vendor_id, criterion_id)), low, high)
        graded = _graded_validation(criteria[criterion_id], lists.get(criterion_id), r, hint)
        if graded is not None:
            sheet.data_validation(r, SCORE_COLUMN, r, SCORE_COLUMN, graded)
            continue
        sheet.data_validation(r, SCORE_COLUMN, r, SCORE_COLUMN, _range_validation(criteria[criterion_id], r, low, high,
                                                                                   hint))
    widths = [max([display_width(headers[c])] + [display_width(str(row[c - 1])) for row in rows if 0 < c < 7] + [8])
              for c in range(len(headers))]
    widths[0] = max(widths[0], display_width(judge))
    for c, width in enumerate(widths):
        sheet.set_column(c, c, min(width + 2, 48))
    sheet.set_column(SCORE_COLUMN + 1, SCORE_COLUMN + 1, 40)
    sheet.freeze_panes(1, 0)
    if rows:
        sheet.autofilter(0, 0, len(rows), len(headers) - 1)
    _write_instructions(book, rubric, judge, lang, head, tender)
    book.close()


GRADES_SHEET = "Grades"


def _write_grade_lists(book: Workbook, rubric: Rubric, head: Format) -> dict[str, str]:
    """A sheet listing every grade choice (``8 · 优 / Excellent``) of each graded criterion whose scores can be
    listed; returns each such criterion's list range, the source of its score cells' drop-down."""
    graded = [(c, choices) for c in rubric.panel_criteria if (choices := grade_choices(c))]
    if not graded:
        return {}
    sheet = book.add_worksheet(GRADES_SHEET)
    sheet.write_row(0, 0, ("评分项 / criterion", "等级 / grade"), head)
    ranges: dict[str, str] = {}
    row = 1
    for criterion, choices in graded:
        first = row
        for choice in choices:
            sheet.write_string(row, 0, criterion.id)
            sheet.write_string(row, 1, choice.text())
            row += 1
        ranges[criterion.id] = f"={GRADES_SHEET}!$B${first + 1}:$B${row}"
    sheet.set_column(0, 0, 16)
    sheet.set_column(1, 1, 32)
    return ranges


def _graded_validation(criterion: Criterion, source: str | None, row: int, hint: str) -> dict[str, object] | None:
    """The score cell's validation on a graded judged criterion: a drop-down of its grade choices in both
    languages, or (ranges without a step) a formula accepting only the grades' ranges; None otherwise."""
    if not isinstance(criterion, Judged) or not (criterion.grades or criterion.step is not None):
        return None
    grades = grades_text(criterion.grades, criterion.step)
    common = {"input_title": "得分 / Score"[:_TITLE_LIMIT], "input_message": hint[:_MESSAGE_LIMIT],
              "error_title": "不是允许的等级 / Not a grade",
              "error_message": f"得分须为以下等级之一 / The score must be one of the grades: {grades}"[:_MESSAGE_LIMIT]}
    if source is not None:
        return {"validate": "list", "source": source, **common}
    cell = f"{xl_col(SCORE_COLUMN)}{row + 1}"
    ranges = ",".join(f"AND({cell}>={plain_number(g.min)},{cell}<={plain_number(g.max)})" for g in criterion.grades)
    return {"validate": "custom", "value": f"=OR({ranges})", **common}


def _range_validation(criterion: Criterion, row: int, low: Decimal, high: Decimal, hint: str) -> dict[str, object]:
    """The score cell's validation on a criterion scored by typing: a number from ``low`` to ``high`` and, for a
    tiered criterion with a step, a multiple of it (whole points inside the agreed tier)."""
    span = f"{plain_number(low)}–{plain_number(high)}"
    common = {"input_title": f"得分 / Score {span}"[:_TITLE_LIMIT], "input_message": hint[:_MESSAGE_LIMIT],
              "error_title": "超出范围 / Out of range"}
    step = criterion.step if isinstance(criterion, Tiered) else None
    if step is None:
        return {"validate": "decimal", "criteria": "between", "minimum": _cell_number(low),
                "maximum": _cell_number(high), **common,
                "error_message": (f"得分须在 {plain_number(low)} 至 {plain_number(high)} 之间 / "
                                  f"The score must lie between {plain_number(low)} and {plain_number(high)}"
                                  )[:_MESSAGE_LIMIT]}
    cell, unit = f"{xl_col(SCORE_COLUMN)}{row + 1}", plain_number(step)
    # on the step: a whole number of steps, with room for the binary fraction of 0.1 × 3
    formula = (f"=AND(ISNUMBER({cell}),{cell}>={plain_number(low)},{cell}<={plain_number(high)},"
               f"ABS({cell}/{unit}-ROUND({cell}/{unit},0))<1E-9)")
    return {"validate": "custom", "value": formula, **common,
            "error_message": (f"得分须在 {plain_number(low)} 至 {plain_number(high)} 之间，{step_clause(step, 'zh')} / "
                              f"The score must lie between {plain_number(low)} and {plain_number(high)}, "
                              f"{step_clause(step, 'en')}")[:_MESSAGE_LIMIT]}


def xl_col(column: int) -> str:
    """The column letter of a 0-based column (the score column is I)."""
    from xlsxwriter.utility import xl_col_to_name

    return str(xl_col_to_name(column))


def _hint(criterion: Criterion, tier_id: str | None, low: Decimal, high: Decimal) -> str:
    """The input message of a score cell: its range and, for a tiered criterion, the tier's meaning;
    for a graded one, its grades in both languages."""
    text = f"{plain_number(low)} – {plain_number(high)}"
    if isinstance(criterion, Judged) and (criterion.grades or criterion.step is not None):
        return grades_text(criterion.grades, criterion.step)
    if not isinstance(criterion, Tiered):
        return text
    if criterion.step is not None:
        text += f" ({step_text(criterion.step)})"  # 13 – 18 (整数分 / whole points)
    tier = criterion.tier(tier_id or "")
    if tier is None:
        return (f"{text}。档次未定：评委会确定档次后，得分须在该档范围内。 / Tier not agreed yet: "
                "the score must lie inside the tier the panel agrees.")
    text = f"{tier.id} {tier.label.both()}: {text}"
    if tier.description is not None:
        text += f"\n{tier.description.both()}"
    return text


def instruction_lines(rubric: Rubric, judge: str, lang: str = "zh", tender: TenderMark | None = None) -> list[str]:
    """The how-to text at the top of the instructions sheet: its title, the tender it is made for (if any), then how
    to fill it in."""
    title = rubric.title.text(lang)
    head = [f"{title} — score sheet for {judge}" if lang == "en" else f"{title}——{judge} 评分表"]
    if tender is not None:
        head.append(tender_line(tender, lang))  # (read back when the document properties are removed)
    return head + _how_to(rubric, lang)


def _how_to(rubric: Rubric, lang: str) -> list[str]:
    """How to fill in the sheet and return it."""
    named = _fixed_grade(rubric)
    if lang == "en":
        return [
            "Fill in only the yellow 'score' column (and 'comment' if you wish); leave the other columns as they are.",
            "To sort, sort whole rows (the filter arrows in the header do); never sort one column on its own. A name "
            "column sorted alone moves names away from their bidder's and criterion's ids, and such rows are refused "
            "when the sheet is read back; the score column sorted alone moves scores onto other bidders, which "
            "cannot be told when it is read back.",
            "One row per bid and panel criterion. A row left empty is a score not yet given: "
            "the result stays provisional until every judge has scored every bid.",
            "A tiered criterion is scored inside the tier the panel agreed for that bid (columns min and max).",
            "Objective criteria and price are computed by the tool; judges never score them.",
            "Return this workbook to the chair; it is read back as it is (sheet 'Scores').",
        ] + (["A graded criterion is scored by choosing one of its grades from the score cell's drop-down "
              "(or typing a score a grade allows)."] if _graded(rubric) else []) + (
            [f"A grade of fixed points may also be typed by its name alone ({named.zh} or {named.en}): it scores "
             "its points."] if named else []) + (
            ["A tiered criterion marked 'whole points' is scored in whole points inside the agreed tier (or in its "
             "steps); the panel's score is still the mean of the judges' scores, to the rubric's decimal places."]
            if _stepped_tiers(rubric) else [])
    return [
        "只填写黄色的“得分”列（可在“备注”列写评语），其他列请勿修改。",
        "如需排序，请整行排序（用表头的筛选按钮即可），切勿单独排序某一列：单独排序名称列会使名称与投标人、评分项的代码错位，"
        "读回时这些行将被拒绝；单独排序“得分”列会把得分移到其他投标人名下，读回时无法发现。",
        "每行为一家有效投标人的一个评分项。留空表示尚未打分：在每位评委给每家投标人打完分之前，结果为暂定。",
        "分档评分项须在评委会为该投标人确定的档次内打分（见“最低”“最高”列）。",
        "客观分和价格分由工具计算，评委不打分。",
        "请将本文件交回评标委员会主任，工具直接读取其中的“Scores”表。",
    ] + (["分等级评分项：在得分单元格的下拉列表中选择一个等级分值（或输入该等级允许的分数）。"] if _graded(rubric) else []) + (
        [f"分值固定的等级也可只输入等级名称（{named.zh}或 {named.en}），即得该等级的分值。"] if named else []) + (
        ["标明“整数分”的分档评分项：在已定档次内打整数分（或按所示分值为单位）；评委会得分仍为各评委得分的平均值，按评分标准的小数位数保留。"]
        if _stepped_tiers(rubric) else [])


def _graded(rubric: Rubric) -> bool:
    return any(isinstance(c, Judged) and (c.grades or c.step is not None) for c in rubric.panel_criteria)


def _fixed_grade(rubric: Rubric) -> Label | None:
    """The first grade of fixed points on the sheet, whose name alone a judge may type
    (:func:`~bideval.allowed_scores.fixed_grade_named`); None when no graded criterion has one."""
    return next((g.label for c in rubric.panel_criteria if isinstance(c, Judged) for g in c.grades if g.fixed), None)


def _stepped_tiers(rubric: Rubric) -> bool:
    return any(isinstance(c, Tiered) and c.step is not None for c in rubric.panel_criteria)


def _write_instructions(book: Workbook, rubric: Rubric, judge: str, lang: str, head: Format,
                        tender: TenderMark | None) -> None:
    sheet = book.add_worksheet(INSTRUCTIONS_SHEET.text(lang))
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    bold = book.add_format({"bold": True, "font_size": 13})
    lines = instruction_lines(rubric, judge, lang, tender)
    sheet.write_string(0, 0, lines[0], bold)
    for r, line in enumerate(lines[1:], 1):
        sheet.write_string(r, 0, line)
    headers = (("评分项", "名称", "满分", "档次", "最低", "最高", "说明") if lang == "zh"
               else ("criterion", "name", "max", "tier", "min", "max", "description"))
    start = len(lines) + 1
    sheet.write_row(start, 0, headers, head)
    r = start + 1
    for criterion in rubric.panel_criteria:
        describe = criterion.description.text(lang) if criterion.description else ""
        tiers: tuple[Tier | Grade | None, ...] = (
            criterion.tiers if isinstance(criterion, Tiered) else
            criterion.grades if isinstance(criterion, Judged) and criterion.grades else (None,))
        for tier in tiers:
            sheet.write_string(r, 0, criterion.id)
            sheet.write_string(r, 1, criterion.name.text(lang))
            sheet.write_number(r, 2, _cell_number(criterion.max))
            low, high = (Decimal(0), criterion.max) if tier is None else (tier.min, tier.max)
            if isinstance(tier, Tier):
                sheet.write_string(r, 3, f"{tier.id} {tier.label.text(lang)}")
            elif isinstance(tier, Grade):
                sheet.write_string(r, 3, tier.label.text(lang))
            sheet.write_number(r, 4, _cell_number(low))
            sheet.write_number(r, 5, _cell_number(high))
            text = tier.description.text(lang) if isinstance(tier, Tier) and tier.description else describe
            if text:
                sheet.write_string(r, 6, text, wrap)
            r += 1
    for c, width in enumerate((16, 24, 8, 14, 8, 8, 60)):
        sheet.set_column(c, c, width)


def _cell_number(value: Decimal) -> int | float:
    """A number for a cell or a validation bound: 15, not 15.0, where it is whole."""
    return int(value) if value == value.to_integral_value() else float(value)


