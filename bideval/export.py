"""The ranked workbook (formats.md §6): the result as the chair and the panel read it.

Sheets, in this order: ``Ranking``, ``Scores``, ``Panel``, ``Price``,
``Invalid``, ``Rubric``, ``Audit``. Group subtotals and totals are Excel
formulas over the ``Scores`` sheet that also carry the engine's value, so
Excel and LibreOffice can recompute them while ``pandas.read_excel`` reads
numbers. Every text that came from a bid (names, ids, comments, judges,
reasons) is written with ``write_string`` into a workbook that turns no
string into a formula, number or link: ``=HYPERLINK(...)`` stays text.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import IO, Any, Callable, Iterable, Sequence

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from . import __version__
from .currency import currency
from .messages import render
from .labels import Label, check_lang
from .pricing import demand_text, formula_text
from .result import (FINAL, FLAG_LABELS, INCOMPLETE, PanelAggregate, PanelScore, PriceLine, Result, Standing, flag_label,
                     none_ranked_yet, provisional_label)
from .tender import DocumentHeading, date_text, document_heading
from .values import TEN_THOUSAND_UNIT, FieldType, plain_number, round_half_up
from .rubric import (Aggregate, BenchmarkDeviationPrice, Criterion, Deduction, DeviationPrice, LinearMinmaxPrice,
                     LowestRatioPrice, Penalty, Rubric, Tiered)
from .sheets import RANKED_SHEETS
from .rubric_view import KIND_LABELS, METHOD_LABELS, aggregate_text, criterion_rule, field_name, group_lines, max_text
from .text_table import display_width
from .allowed_scores import decimal_places
from .workflow import COMPLETE, FindingKind, SignOff, filed_status

SHEETS = RANKED_SHEETS  # always written, in this order; a reader told one recognises the ranked workbook by them
AUTHOR = "bid-eval"

# A fixed creation date: the same result always gives the same bytes.
_CREATED = datetime(2000, 1, 1)
_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
            "strings_to_urls": False}

_HEADER_FILL = "#D9E1F2"
_FLAG_FILL = "#FCE4D6"  # a ranked bid with a flag; a judge's outlying score
_NOTE_COLOUR = "#595959"
_BORDER_COLOUR = "#BFBFBF"
_FIGURE = "General"  # a figure as the rubric gives it: 8 as 8, 8.5 as 8.5 ("0.##" showed 8 as "8.")
_MIN_WIDTH = 6
_MAX_WIDTH = 48
_LINE_HEIGHT = 15  # points per line of wrapped text
_HEADER_LIMIT = 255  # characters Excel allows in a page header or footer, codes included

_T = {
    "rank": Label("排名", "Rank"),
    "vendor_id": Label("统一社会信用代码", "Vendor ID"),
    "vendor": Label("投标人", "Vendor"),
    "quoted": Label("投标报价", "Quoted price"),
    "evaluated": Label("评审价格", "Evaluated price"),
    "total": Label("总分", "Total"),
    "flags": Label("标记", "Flags"),
    "candidates": Label("推荐中标候选人", "Recommended candidates"),
    "candidates_tied": Label("得分且投标报价相同的投标人跨越候选人名额，均列为候选人",
                             "Bids sharing a rank straddle the cut: all of them are candidates"),
    "none": Label("无", "none"),
    "no_valid_bid": Label("无有效投标（废标）", "No valid bid: the tender fails"),
    "status": Label("状态", "Status"),
    "sign_off": Label("定稿签署", "Sign-off"),
    "finding": Label("组长意见", "Chair's finding"),
    "agreed_reason": Label("合议理由", "Reason for the agreed score"),
    FINAL: Label("最终结果", "Final"),
    COMPLETE: Label("评分完整", "Scores complete"),
    "judge": Label("评委", "Judge"),
    "criterion_id": Label("评分项编号", "Criterion ID"),
    "criterion": Label("评分项", "Criterion"),
    "tier": Label("档次", "Tier"),
    "score": Label("得分", "Score"),
    "comment": Label("备注", "Comment"),
    "item": Label("扣分项", "Item"),
    "cap": Label("共享上限", "Shared cap"),
    "cap_max": Label("上限", "Cap"),
    "part_score": Label("本项得分", "Own score"),
    "counted": Label("计入总分", "Counted"),
    "combined": Label("合计得分", "Combined"),
    "field": Label("投标字段", "Bid field"),
    "field_id": Label("投标字段编号", "Field ID"),
    "count": Label("次数", "Count"),
    "points_each": Label("每次扣分", "Points each"),
    "deducted": Label("扣分", "Deducted"),
    "outlier": Label("畸高畸低", "Outlier"),
    "panel_mean": Label("评委算术平均分（据此判断畸高畸低）", "Judges' plain mean (outliers are measured from it)"),
    "counted": Label("是否计入", "Counted"),
    "left_out_lowest": Label("去掉（最低分）", "left out (lowest)"),
    "left_out_highest": Label("去掉（最高分）", "left out (highest)"),
    "not_scored": Label("未评分", "not scored"),
    "panel_score": Label("评委评分结果（计入该项得分）", "Panel score (the criterion's score)"),
    "yes": Label("是", "yes"),
    "no": Label("否", "no"),
    "panel_members": Label("评标委员会成员", "Panel members"),
    "recused_from": Label("回避（声明有利害关系，不打分）：", "Recused (a declared conflict of interest, no score): "),
    "no_panel_scores": Label("无评委评分", "No panel scores"),
    "pricing_model": Label("报价方式", "Pricing model"),
    "how": Label("报价计算", "How Q was reached"),
    "quoted_q": Label("投标报价 Q", "Quoted price Q"),
    "sme": Label("中小企业", "SME"),
    "deduction": Label("扣除比例", "Deduction"),
    "evaluated_e": Label("评审价格 E", "Evaluated price E"),
    "price_score": Label("价格得分", "Price score"),
    "valid": Label("有效", "Valid"),
    "price_method": Label("价格评分方法", "Price method"),
    "price_mean": Label("有效投标评审价格平均值", "Mean evaluated price of valid bids"),
    "price_mean_unused": Label("有效投标评审价格平均值（仅供参考，未用于计分）",
                               "Mean evaluated price of valid bids (for reference only: not used in scoring)"),
    "benchmark": Label("评标基准价 B", "Benchmark price B"),
    "raw_subtotal": Label("原始得分", "raw"),
    "summed_subtotal": Label("各项得分之和（含折算后评分项）", "sum of criteria (scaled ones after scaling)"),
    "before_scaling": Label("折算前得分", "before scaling"),  # a criterion scaled to the best: its own score
    "group_rules": Label("分组规则", "Group rules"),
    "total_formula": Label("总分计算", "How the total is formed"),
    "scaled_subtotal": Label("折算得分", "scaled"),
    "before_weight": Label("{label}（加权前，权重 {weight}）", "{label} (before × {weight})"),
    "subtotal": Label("本组得分", "Subtotal"),
    "pass_mark": Label("及格分", "Pass mark"),
    "passed": Label("通过", "Passed"),
    "stage_failed": Label("未通过", "failed"),
    "benchmark_how": Label("基准价计算", "How B was formed"),
    "e_min": Label("最低评审价格 E最低", "Lowest evaluated price E_min"),
    "e_max": Label("最高评审价格 E最高", "Highest evaluated price E_max"),
    "score_formula": Label("价格得分计算", "How the price score is reached"),
    "lowest_ratio_formula": Label("价格得分 = {max} × E最低 / E", "price score = {max} × E_min / E"),
    "linear_minmax_formula": Label("价格得分 = {max} × (E最高 − E) / (E最高 − E最低)；评审价格全部相同时得 {max} 分",
                                   "price score = {max} × (E_max − E) / (E_max − E_min); {max} when all are equal"),
    "benchmark_deviation_formula": Label(
        "评标基准价 B = 有效投标评审价格平均值（上行）；偏差率 d = 100 × (E − B) / B；价格得分 = {max} − 罚分 × |d|，"
        "高于 B 每 1% 扣 {above} 分，低于 B 每 1% 扣 {below} 分，最低 0 分",
        "benchmark B = the mean evaluated price of the valid bids (above); d = 100 × (E − B) / B; price score = "
        "{max} − penalty × |d|, {above} per 1 % above B, {below} per 1 % below, never below 0"),
    "abnormal_threshold": Label("异常低价线（{share}% × 平均值）", "Abnormally low below ({share}% × the mean)"),
    "deviation": Label("偏差率 d（%）", "Deviation d (%)"),
    "counted_deviation": Label("计分偏差 |d|（%）", "Counted |d| (%)"),
    "no_price": Label("本评分标准不评价格", "This rubric does not score price"),
    "file": Label("文件", "File"),
    "reasons": Label("无效原因", "Reasons"),
    "no_invalid": Label("无无效投标", "There are no invalid bids"),
    "rubric": Label("评分标准", "Rubric"),
    "rubric_id": Label("评分标准编号", "Rubric ID"),
    "group": Label("类别", "Group"),
    "kind": Label("评分方式", "Kind"),
    "max": Label("分值", "Max"),
    "details": Label("评分规则", "Details"),
    "description": Label("说明", "Description"),
    "max_total": Label("满分", "Maximum total"),
    "decimals": Label("保留小数位数", "Decimals"),
    "candidate_count": Label("推荐候选人数", "Candidates"),
    "aggregate": Label("评委分汇总方式", "Panel aggregate"),
    "outlier_share": Label("畸高畸低阈值（占分值）", "Outlier threshold (share of max)"),
    "pricing_models": Label("允许的报价方式", "Pricing models allowed"),
    "demand": Label("需求", "Demand"),
    "version": Label("工具版本", "Tool version"),
    "rubric_sha": Label("评分标准 SHA-256", "Rubric SHA-256"),
    "rubric_source": Label("评分标准文件", "Rubric source"),
    "result_sha": Label("结果 SHA-256", "Result SHA-256"),
    "language": Label("语言", "Language"),
    "inputs": Label("输入文件", "Input files"),
    "role": Label("类型", "Role"),
    "path": Label("路径", "Path"),
    "warnings": Label("警告", "Warnings"),
    "tender": Label("项目名称", "Tender"),
    "tender_number": Label("项目编号", "Tender number"),
    "procurement_method": Label("评标方法", "Procurement method"),
    "date": Label("日期", "Date"),
    "page_of": Label("第 &P 页 / 共 &N 页", "Page &P of &N"),
}


def workbook_sheets(result: Result) -> tuple[str, ...]:
    """The sheets of ``result``'s ranked workbook, in order: :data:`SHEETS` always, with Deductions, Caps, Inputs
    (the stated fields) and Stages where the rubric and the bids have them."""
    rubric = result.rubric
    written = {"Deductions": any(isinstance(c, Deduction) for c in rubric.scored_criteria), "Caps": bool(rubric.caps),
               "Inputs": bool(rubric.fields and result.stated), "Stages": rubric.staged}
    order = ("Ranking", "Scores", "Deductions", "Caps", "Inputs", "Panel", "Price", "Stages", "Invalid", "Rubric",
             "Audit")
    return tuple(name for name in order if written.get(name, True))


def write_workbook(result: Result, out: os.PathLike[str] | str | IO[bytes], lang: str = "zh",
                   heading: DocumentHeading | None = None, result_sha256: str | None = None) -> None:
    """Write the ranked workbook (formats.md §6) for ``result``.

    ``heading`` (default: the rubric's title and today) heads every printed page
    and is stated under the ranking and on the Audit sheet. ``result_sha256``: the result JSON's SHA-256
    (:func:`bideval.result.result_sha256`, the one the report names) when the JSON is written with it, stated
    on the Audit sheet so a filed workbook can be matched to the signed report.
    """
    check_lang(lang)
    target: Any = os.fspath(out) if isinstance(out, (str, os.PathLike)) else out
    workbook = xlsxwriter.Workbook(target, _OPTIONS)
    rubric = result.rubric
    heading = heading or document_heading(rubric)
    workbook.set_properties({
        "title": f"{heading.name.text(lang)} ({rubric.id})",
        "subject": rubric.id,
        "author": AUTHOR,
        "comments": f"bid-eval {__version__} · {result.status}",
        "created": _CREATED,
    })
    _Export(workbook, result, lang, heading, result_sha256).write()
    workbook.close()


@dataclass
class _Sheet:
    """A worksheet that remembers how wide each column's content is."""

    ws: Worksheet
    widths: dict[int, int] = field(default_factory=dict)
    widest: dict[int, int] = field(default_factory=dict)  # columns allowed past _MAX_WIDTH
    paragraphs: list[tuple[int, int, str]] = field(default_factory=list)  # wrapped cells

    def fit(self, col: int, text: str) -> None:
        width = max((display_width(line) for line in text.split("\n")), default=0)
        self.widths[col] = max(self.widths.get(col, 0), width)

    def text(self, row: int, col: int, value: str, fmt: Format | None = None, wrap: bool = False) -> None:
        """Text, always as a string: never a formula, number or link, whatever it looks like.

        ``wrap``: the cell's format wraps text, and its row is made tall enough for it.
        """
        if not value:
            self.ws.write_blank(row, col, None, fmt)
            return
        self.ws.write_string(row, col, value, fmt)
        self.fit(col, value)
        if wrap:
            self.paragraphs.append((row, col, value))

    def number(self, row: int, col: int, value: Decimal | int | None, fmt: Format | None = None) -> None:
        """A number cell, or an empty (formatted) cell for None."""
        if value is None:
            self.ws.write_blank(row, col, None, fmt)
            return
        self.ws.write_number(row, col, float(value), fmt)
        self.fit(col, f"{float(value):,.2f}")

    def formula(self, row: int, col: int, formula: str, value: Decimal, fmt: Format | None = None) -> None:
        """A formula with its value cached, so readers that do not calculate see the number."""
        self.ws.write_formula(row, col, formula, fmt, float(value))
        self.fit(col, f"{float(value):,.2f}")

    def finish(self, page: tuple[str, str], header_row: int | None = 0) -> None:
        """Column widths from the content (CJK counts two), within bounds; the print set-up.

        Printed: A4 landscape, one page wide, ``header_row`` repeated on every
        page, ``page`` (the page header and footer texts) on every page.
        """
        columns = {col: min(self.widest.get(col, _MAX_WIDTH), max(_MIN_WIDTH, width + 2))
                   for col, width in self.widths.items()}
        for col, width in sorted(columns.items()):
            self.ws.set_column(col, col, width)
        lines: dict[int, int] = {}
        for row, col, text in self.paragraphs:
            room = max(1, columns.get(col, _MIN_WIDTH) - 1)
            count = sum(max(1, math.ceil(display_width(line) / room)) for line in text.split("\n"))
            lines[row] = max(lines.get(row, 1), count)
        for row, count in sorted(lines.items()):
            if count > 1:
                self.ws.set_row(row, _LINE_HEIGHT * count + 3)
        self.ws.set_landscape()
        self.ws.set_paper(9)  # A4
        self.ws.fit_to_pages(1, 0)
        if header_row is not None:
            self.ws.repeat_rows(header_row)
        self.ws.set_header(page[0])
        self.ws.set_footer(page[1])


class _Export:
    """Writes the seven sheets of one result."""

    def __init__(self, workbook: Workbook, result: Result, lang: str, heading: DocumentHeading,
                 result_sha256: str | None = None):
        self.workbook = workbook
        self.result_sha256 = result_sha256
        self.result = result
        self.heading = heading
        self.page = _page_texts(heading, lang)
        self.rubric: Rubric = result.rubric
        self.lang = lang
        self.formats: dict[tuple[Any, ...], Format] = {}
        self.score_format = _places_format(self.rubric.decimals)
        self.money_format = currency(self.rubric.currency).excel_format  # #,##0.00 for yuan, as always
        self.total_format = _places_format(self.rubric.total_places)  # sums of scores of several roundings
        criteria = self.rubric.scored_criteria
        # Criteria grouped, groups in rubric order: each subtotal sums one contiguous range.
        self.criteria: tuple[Criterion, ...] = tuple(
            c for g in self.rubric.groups for c in criteria if c.group == g)
        self.names = {line.vendor_id: line.vendor_name for line in result.prices}
        self.names.update({i.vendor_id: i.vendor_name for i in result.invalid})
        self.names.update({s.vendor_id: s.vendor_name for s in result.ranking})

    # -- formats
    def fmt(self, **props: Any) -> Format:
        """One workbook format per distinct set of properties."""
        key = tuple(sorted(props.items()))
        if key not in self.formats:
            self.formats[key] = self.workbook.add_format(props)
        return self.formats[key]

    def cell(self, **extra: Any) -> Format:
        return self.fmt(valign="top", border=1, border_color=_BORDER_COLOUR, **extra)

    def vendor_name(self, sheet: _Sheet, row: int, col: int, name: str) -> None:
        """A bidder's name, wrapped and top-aligned so its row grows: a 44-character name was cut off at the
        column's edge in print and on screen (report6 D6-6)."""
        sheet.text(row, col, name, self.cell(text_wrap=True), wrap=True)

    @property
    def header(self) -> Format:
        return self.fmt(bold=True, bg_color=_HEADER_FILL, border=1, border_color=_BORDER_COLOUR,
                        text_wrap=True, valign="vcenter")

    @property
    def label(self) -> Format:
        return self.fmt(bold=True, valign="top")

    @property
    def note(self) -> Format:
        return self.fmt(font_color=_NOTE_COLOUR, valign="top")

    def t(self, key: str) -> str:
        return _T[key].text(self.lang)

    def status_text(self) -> str:
        """The result's status in words: the one wording of a provisional result (:func:`provisional_label`); final
        once the chair has signed (or from the command line); complete scores, not final, before (:func:`filed_status`)."""
        return (provisional_label(self.result) or _T[filed_status(self.result, self.heading.sign_off)]).text(self.lang)

    def sheet(self, name: str) -> _Sheet:
        return _Sheet(self.workbook.add_worksheet(name))

    def headers(self, sheet: _Sheet, row: int, texts: Sequence[str]) -> None:
        for col, text in enumerate(texts):
            sheet.text(row, col, text, self.header)
        sheet.ws.set_row(row, 30)

    def table(self, sheet: _Sheet, header_row: int, last_row: int, columns: int, freeze: int = 0) -> None:
        """Autofilter on the table and its header row frozen."""
        sheet.ws.autofilter(header_row, 0, max(header_row, last_row), columns - 1)
        sheet.ws.freeze_panes(header_row + 1, freeze)

    def highlight(self, sheet: _Sheet, first_row: int, last_row: int, columns: int, test_col: int) -> None:
        """Colour every table row whose cell in ``test_col`` is not empty."""
        if last_row < first_row:
            return
        ref = f"${xl_col_to_name(test_col)}{first_row + 1}"
        sheet.ws.conditional_format(first_row, 0, last_row, columns - 1, {
            "type": "formula", "criteria": f'=LEN({ref})>0', "format": self.fmt(bg_color=_FLAG_FILL)})

    def bid_findings(self, sign_off: SignOff, standing: Standing) -> str:
        """The chair's findings on a bid's flags (an abnormally low price, missing scores), each after its flag."""
        return "\n".join(f"{flag_label(standing, f.flag.kind.value).text(self.lang)}"
                         f"{'：' if self.lang == 'zh' else ': '}{sign_off.finding_text(f, self.lang)}"
                         for f in sign_off.findings
                         if f.flag.vendor_id == standing.vendor_id and f.flag.kind is not FindingKind.OUTLIER)

    def yes_no(self, value: bool) -> str:
        return self.t("yes" if value else "no")

    # -- sheets
    def write(self) -> None:
        """Every sheet :func:`workbook_sheets` names, in its order (which sheets and their order live there only)."""
        sheets = {name: self.sheet(name) for name in workbook_sheets(self.result)}
        self.ranking(sheets["Ranking"], self.scores(sheets["Scores"]))  # the ranking refers to the Scores cells
        writers: dict[str, Callable[[_Sheet], None]] = {
            "Deductions": self.deductions, "Caps": self.caps, "Inputs": self.inputs, "Panel": self.panel,
            "Price": self.price, "Stages": self.stages, "Invalid": self.invalid, "Rubric": self.rubric_sheet,
            "Audit": self.audit}
        for name, sheet in sheets.items():
            if name not in ("Ranking", "Scores"):
                writers[name](sheet)
        sheets["Ranking"].ws.activate()

    def scores(self, sheet: _Sheet) -> dict[str, list[str]]:
        """Vendor × criterion with group subtotals and the total; returns the cells Ranking refers to."""
        if self.rubric.has_group_rules:
            return self.scores_with_group_rules(sheet)
        return self.plain_scores(sheet)

    def plain_scores(self, sheet: _Sheet) -> dict[str, list[str]]:
        """Vendor × criterion with group subtotals and the total; returns the cells Ranking refers to.

        Columns: Vendor ID, Vendor, one per scored criterion (grouped), one per
        group (``=SUM`` over its criteria), Total (``=SUM`` over every criterion).
        """
        criteria, groups = self.criteria, self.rubric.groups
        first = 2
        headers = [self.t("vendor_id"), self.t("vendor")]
        headers += [f"{c.name.text(self.lang)} ({max_text(c)})" for c in criteria]
        headers += [self.rubric.group(g).label.text(self.lang) for g in groups]
        headers.append(self.t("total"))
        headers += self.raw_headers()
        self.headers(sheet, 0, headers)
        scores = [self.cell(num_format=_places_format(self.rubric.places(c))) for c in criteria]
        subtotal = self.cell(num_format=self.total_format, bold=True)
        spans: dict[str, tuple[int, int]] = {}
        for index, c in enumerate(criteria):
            low, _ = spans.get(c.group, (first + index, first + index))
            spans[c.group] = (low, first + index)
        group_col = {g: first + len(criteria) + k for k, g in enumerate(groups)}
        total_col = first + len(criteria) + len(groups)
        refs: dict[str, list[str]] = {}
        for row, s in enumerate(self.result.ranking, start=1):
            sheet.text(row, 0, s.vendor_id, self.cell())
            self.vendor_name(sheet, row, 1, s.vendor_name)
            for index, c in enumerate(criteria):
                sheet.number(row, first + index, s.criteria.get(c.id), scores[index])
            for g in groups:
                low, high = spans[g]
                sheet.formula(row, group_col[g], f"=SUM({_range(row, low, high)})", _group_value(s, g, criteria),
                              subtotal)
            total = f"=SUM({_range(row, first, first + len(criteria) - 1)})" if criteria else "=0"
            sheet.formula(row, total_col, total, s.total, subtotal)
            self.raw_scores(sheet, row, total_col + 1, s)
            refs[s.vendor_id] = [xl_rowcol_to_cell(row, group_col[g]) for g in groups]
            refs[s.vendor_id].append(xl_rowcol_to_cell(row, total_col))
        last = len(self.result.ranking)
        self.table(sheet, 0, last, len(headers), freeze=2)
        sheet.finish(self.page)
        return refs

    # -- criteria scaled to the best: their scores before scaling, after the total (issue 7, item 6)
    def raw_headers(self) -> list[str]:
        """``方案 折算前得分`` for each criterion scaled to the best (the sums to their left stay contiguous)."""
        return [f"{c.name.text(self.lang)} {self.t('before_scaling')}" for c in self.criteria if c.scale_to_best]

    def raw_scores(self, sheet: _Sheet, row: int, col: int, standing: Standing) -> None:
        """A ranked bid's score before scaling on each criterion scaled to the best, from ``col`` on."""
        for k, c in enumerate(c for c in self.criteria if c.scale_to_best):
            sheet.number(row, col + k, standing.criteria_raw.get(c.id),
                         self.cell(num_format=_places_format(self.rubric.places(c))))

    # -- groups: scaling, weights, stages (issue 7, items 5 and 6)
    def scores_with_group_rules(self, sheet: _Sheet) -> dict[str, list[str]]:
        """Vendor × criterion, then per group its raw subtotal, its scaled subtotal (scaled groups) and its
        weighted part (weighted groups), then the total: every step a formula rounding as the engine does.

        raw ``=SUM(criteria)``; scaled ``=IF(MAX(raw column)<=0,0,ROUND(S*raw/MAX(raw column),p))``;
        weighted ``=ROUND(w*subtotal,p)``; total ``=SUM(the weighted parts, or the subtotals)``.
        """
        rubric, criteria, groups = self.rubric, self.criteria, self.rubric.groups
        places = rubric.total_places
        first = 2
        headers = [self.t("vendor_id"), self.t("vendor")]
        headers += [f"{c.name.text(self.lang)} ({max_text(c)})" for c in criteria]
        columns: list[tuple[str, str]] = []  # (group, step) per subtotal column
        for g in groups:
            group = rubric.group(g)
            label = group.label.text(self.lang)
            columns.append((g, "raw"))
            if group.scale_to is None:
                headers.append(label)
            else:  # "raw" only where no criterion of the group was scaled before the group's sum
                headers.append(f"{label} {self.t('summed_subtotal' if self.has_scaled_criterion(g) else 'raw_subtotal')}")
            if group.scale_to is not None:
                columns.append((g, "scaled"))
                headers.append(f"{label} {self.t('scaled_subtotal')} ({plain_number(group.scale_to)})")
            if group.weight is not None:
                columns.append((g, "weighted"))
                headers.append(f"{label} × {plain_number(group.weight)}")
        headers.append(self.t("total"))
        headers += self.raw_headers()
        self.headers(sheet, 0, headers)
        scores = [self.cell(num_format=_places_format(rubric.places(c))) for c in criteria]
        subtotal = self.cell(num_format=self.total_format, bold=True)
        spans: dict[str, tuple[int, int]] = {}
        for index, c in enumerate(criteria):
            low, _ = spans.get(c.group, (first + index, first + index))
            spans[c.group] = (low, first + index)
        col_of = {key: first + len(criteria) + k for k, key in enumerate(columns)}
        total_col = first + len(criteria) + len(columns)
        last = len(self.result.ranking)
        refs: dict[str, list[str]] = {}
        for row, s in enumerate(self.result.ranking, start=1):
            sheet.text(row, 0, s.vendor_id, self.cell())
            self.vendor_name(sheet, row, 1, s.vendor_name)
            for index, c in enumerate(criteria):
                sheet.number(row, first + index, s.criteria.get(c.id), scores[index])
            counted = []
            refs[s.vendor_id] = []
            for g in groups:
                group, step = rubric.group(g), s.subtotals[g]
                low, high = spans[g]
                raw = xl_rowcol_to_cell(row, col_of[(g, "raw")])
                sheet.formula(row, col_of[(g, "raw")], f"=SUM({_range(row, low, high)})", step.raw, subtotal)
                score_cell = raw
                if group.scale_to is not None:
                    column = xl_col_to_name(col_of[(g, "raw")])
                    best = f"MAX(${column}$2:${column}${last + 1})"
                    score_cell = xl_rowcol_to_cell(row, col_of[(g, "scaled")])
                    sheet.formula(row, col_of[(g, "scaled")],
                                  f"=IF({best}<=0,0,ROUND({plain_number(group.scale_to)}*{raw}/{best},{places}))",
                                  step.scaled, subtotal)
                refs[s.vendor_id].append(score_cell)
                if group.weight is not None:
                    sheet.formula(row, col_of[(g, "weighted")],
                                  f"=ROUND({plain_number(group.weight)}*{score_cell},{places})", step.weighted, subtotal)
                    counted.append(xl_rowcol_to_cell(row, col_of[(g, "weighted")]))
                else:
                    counted.append(score_cell)
            sheet.formula(row, total_col, f"=SUM({','.join(counted)})", s.total, subtotal)
            self.raw_scores(sheet, row, total_col + 1, s)
            refs[s.vendor_id].append(xl_rowcol_to_cell(row, total_col))
        self.table(sheet, 0, last, len(headers), freeze=2)
        sheet.finish(self.page)
        return refs

    def has_scaled_criterion(self, group: str) -> bool:
        """Whether a criterion of ``group`` is scaled to the best, so that the group's sum is not its raw score."""
        return any(c.scale_to_best for c in self.criteria if c.group == group)

    def stages(self, sheet: _Sheet) -> None:
        """Every scored bid's subtotal in each group with a pass mark, before any scaling (the figure the pass mark
        was compared with): passed, or failed and out, or — below it while not every judge has scored the bid
        (``stage.incomplete``) — 评分未完成 / Panel scores missing, as the Results page marks it: not failed yet."""
        headers = [self.t(k) for k in ("vendor_id", "vendor", "group", "subtotal", "pass_mark", "passed")]
        self.headers(sheet, 0, headers)
        staged = [g for g in self.rubric.groups if self.rubric.group(g).pass_mark is not None]
        passed, unsettled = self.t("yes"), FLAG_LABELS[INCOMPLETE].text(self.lang)
        rows: list[tuple[str, str, str, Decimal, Decimal, str]] = []
        for s in self.result.ranking:
            unscaled = s.unscaled_groups(self.rubric)
            for g in staged:
                rows.append((s.vendor_id, s.vendor_name, g, unscaled[g], self.pass_mark(g), passed))
        for bid in self.result.invalid:
            if bid.stage is not None:
                below = unsettled if bid.stage.incomplete else self.t("stage_failed")
                for g in staged:
                    if g in bid.stage.groups:
                        subtotal = bid.stage.groups[g]
                        rows.append((bid.vendor_id, bid.vendor_name, g, subtotal, self.pass_mark(g),
                                     passed if g != bid.stage.group else below))
        number = self.cell(num_format=self.total_format)
        row = 0
        for row, (vendor, name, g, subtotal, mark, outcome) in enumerate(rows, start=1):
            sheet.text(row, 0, vendor, self.cell())
            self.vendor_name(sheet, row, 1, name)
            sheet.text(row, 2, self.rubric.group(g).label.text(self.lang), self.cell())
            sheet.number(row, 3, subtotal, number)
            sheet.number(row, 4, mark, self.cell(num_format=_FIGURE))
            sheet.text(row, 5, outcome, self.cell(align="center"))
        self.table(sheet, 0, row, len(headers))
        self.highlight_failed_stages(sheet, row, len(headers))
        sheet.finish(self.page)

    def group_settings(self) -> list[tuple[str, str]]:
        """The Rubric sheet's rows for groups with a pass mark, scaling or weight, in words, and how the total
        is formed (the lines `check` prints)."""
        lines = group_lines(self.rubric, self.lang)
        if not lines:
            return []
        rules = [line.strip() for line in lines[2:-1]]
        return [("group_rules", rule) for rule in rules] + [("total_formula", lines[-1])]

    def pass_mark(self, group: str) -> Decimal:
        mark = self.rubric.group(group).pass_mark
        assert mark is not None
        return mark

    def highlight_failed_stages(self, sheet: _Sheet, last: int, columns: int) -> None:
        if last < 1:
            return
        sheet.ws.conditional_format(1, 0, last, columns - 1, {
            "type": "formula", "criteria": f'=$F2="{self.t("stage_failed")}"', "format": self.fmt(bg_color=_FLAG_FILL)})

    def inputs(self, sheet: _Sheet) -> None:
        """What each bid stated, one column per field headed by its label (and unit): a linear, count, checklist or
        gate score traced to the value it was applied to (report6 D6-5). Every bid, in vendor_id order."""
        fields = self.rubric.fields
        headers = [self.t("vendor_id"), self.t("vendor")]
        headers += [f.label.text(self.lang) + (f" ({self.unit_text(f.unit)})" if f.unit else "") for f in fields]
        self.headers(sheet, 0, headers)
        row = 0
        for row, (vendor_id, values) in enumerate(sorted(self.result.stated.items()), start=1):
            sheet.text(row, 0, vendor_id, self.cell())
            self.vendor_name(sheet, row, 1, self.names.get(vendor_id, ""))
            for col, f in enumerate(fields, start=2):
                value = values.get(f.id)
                if isinstance(value, bool):
                    sheet.text(row, col, self.yes_no(value), self.cell(align="center"))
                elif isinstance(value, (Decimal, int)):
                    shown = _percent_format(value) if f.type is FieldType.PERCENT else _FIGURE
                    sheet.number(row, col, value, self.cell(num_format=shown))
                elif isinstance(value, (list, tuple, frozenset, set)):
                    sheet.text(row, col, ("、" if self.lang == "zh" else ", ").join(map(str, value)), self.cell())
                else:
                    sheet.text(row, col, "" if value is None else str(value), self.cell())
        self.table(sheet, 0, row, len(headers), freeze=2)
        sheet.finish(self.page)

    def unit_text(self, unit: str) -> str:
        """A field's unit as a header gives it: 10k CNY is 万元 in Chinese."""
        return "万元" if unit == TEN_THOUSAND_UNIT and self.lang == "zh" else unit

    def deductions(self, sheet: _Sheet) -> None:
        """Every deduction and penalty item of every ranked bid: count × points = deducted, then the score. The field
        counted is named by its label, its id in a last column of its own (report6 D6-9: the columns before keep
        their places)."""
        headers = [self.t(k) for k in ("vendor_id", "vendor", "criterion_id", "criterion", "item", "field",
                                        "count", "points_each", "deducted", "score", "field_id")]
        self.headers(sheet, 0, headers)
        number = self.cell(num_format=_FIGURE)
        row = 0
        for s in self.result.ranking:
            for c in self.criteria:
                for k, line in enumerate(s.deductions.get(c.id, ())):
                    row += 1
                    sheet.text(row, 0, s.vendor_id, self.cell())
                    self.vendor_name(sheet, row, 1, s.vendor_name)
                    sheet.text(row, 2, c.id, self.cell())
                    sheet.text(row, 3, c.name.text(self.lang), self.cell())
                    sheet.text(row, 4, line.label.text(self.lang), self.cell())
                    sheet.text(row, 5, field_name(self.rubric, line.field, self.lang, True), self.cell())
                    sheet.number(row, 6, line.count, number)
                    sheet.number(row, 7, line.points, number)
                    sheet.formula(row, 8, f"={xl_rowcol_to_cell(row, 6)}*{xl_rowcol_to_cell(row, 7)}", line.deducted,
                                  number)
                    sheet.number(row, 9, s.criteria[c.id] if k == 0 else None,
                                 self.cell(num_format=_places_format(self.rubric.places(c))))
                    sheet.text(row, 10, line.field, self.cell())
        self.table(sheet, 0, row, len(headers), freeze=2)
        sheet.finish(self.page)

    def caps(self, sheet: _Sheet) -> None:
        """Every shared cap of every ranked bid: each part's own score, what counts, and min(cap, Σ parts)."""
        headers = [self.t(k) for k in ("vendor_id", "vendor", "cap", "cap_max", "criterion_id", "criterion",
                                        "part_score", "counted", "combined")]
        self.headers(sheet, 0, headers)
        number = self.cell(num_format=self.total_format)
        row = 0
        for s in self.result.ranking:
            for cap in self.rubric.caps:
                line = s.caps[cap.id]
                first = row + 1
                for k, criterion_id in enumerate(cap.criteria):
                    row += 1
                    criterion = self.rubric.criterion_index[criterion_id]
                    sheet.text(row, 0, s.vendor_id, self.cell())
                    self.vendor_name(sheet, row, 1, s.vendor_name)
                    sheet.text(row, 2, f"{cap.id} {cap.label.text(self.lang)}", self.cell())
                    sheet.number(row, 3, cap.max, self.cell(num_format=_FIGURE))
                    sheet.text(row, 4, criterion_id, self.cell())
                    sheet.text(row, 5, criterion.name.text(self.lang), self.cell())
                    sheet.number(row, 6, line.parts[criterion_id],
                                 self.cell(num_format=_places_format(self.rubric.places(criterion))))
                    sheet.number(row, 7, line.counted[criterion_id],
                                 self.cell(num_format=_places_format(self.rubric.places(criterion))))
                    if k == 0:
                        parts = f"G{first + 1}:G{first + len(cap.criteria)}"
                        sheet.formula(row, 8, f"=MIN(D{first + 1},SUM({parts}))", line.combined, number)
                    else:
                        sheet.number(row, 8, None, number)
        self.table(sheet, 0, row, len(headers), freeze=2)
        sheet.finish(self.page)

    def ranking_group_heading(self, group_id: str) -> str:
        """A group's label; for a weighted group, that its column is before the weight and what the weight is, so
        that nobody adds the columns up to the total (Technical 12.370 + Financial 100.000 ≠ Total 78.093)."""
        group = self.rubric.group(group_id)
        label = group.label.text(self.lang)
        if group.weight is None:
            return label
        return self.t("before_weight").format(label=label, weight=plain_number(group.weight))

    def ranking(self, sheet: _Sheet, refs: dict[str, list[str]]) -> None:
        """Rank, Vendor ID, Vendor, one column per group, Quoted, Evaluated, Total, Flags; then the verdict."""
        groups = self.rubric.groups
        headers = [self.t("rank"), self.t("vendor_id"), self.t("vendor")]
        headers += [self.ranking_group_heading(g) for g in groups]
        headers += [self.t("quoted"), self.t("evaluated"), self.t("total"), self.t("flags")]
        sign_off = self.heading.sign_off
        if sign_off is not None:  # the panel session's workbook: the chair's findings beside the flags
            headers.append(self.t("finding"))
        self.headers(sheet, 0, headers)
        score = self.cell(num_format=self.total_format)
        total_format = self.cell(num_format=self.total_format, bold=True)
        money = self.cell(num_format=self.money_format)
        ranking = self.result.ranking
        for row, s in enumerate(ranking, start=1):
            sheet.number(row, 0, s.rank, self.cell(align="center"))
            sheet.text(row, 1, s.vendor_id, self.cell())
            self.vendor_name(sheet, row, 2, s.vendor_name)
            cells = refs[s.vendor_id]
            for k, g in enumerate(groups):
                sheet.formula(row, 3 + k, f"=Scores!{cells[k]}", _group_value(s, g, self.criteria), score)
            col = 3 + len(groups)
            sheet.number(row, col, s.quoted_price, money)
            sheet.number(row, col + 1, s.evaluated_price, money)
            sheet.formula(row, col + 2, f"=Scores!{cells[-1]}", s.total, total_format)
            flags = "; ".join(flag_label(s, f).text(self.lang) for f in s.flags)
            sheet.text(row, col + 3, flags, self.cell())
            if sign_off is not None:
                sheet.text(row, col + 4, self.bid_findings(sign_off, s), self.cell(text_wrap=True), wrap=True)
        last = len(ranking)
        self.table(sheet, 0, last, len(headers), freeze=3)
        self.highlight(sheet, 1, last, len(headers), 3 + len(groups) + 3)

        row = last + 2
        if not ranking:
            waiting = none_ranked_yet(self.result)
            sheet.ws.write_string(row, 0, waiting.text(self.lang) if waiting else self.t("no_valid_bid"),
                                  self.fmt(bold=True, font_color="#C00000"))
            row += 2
        sheet.ws.write_string(row, 0, self.t("candidates"), self.label)
        chosen = [f"{place}. {s.vendor_id} {self.names.get(s.vendor_id, '')}".rstrip()
                  for place, s in self.result.candidate_places]  # (numbered by rank: a shared rank, one number)
        for k, text in enumerate(chosen or [self.t("none")]):
            sheet.ws.write_string(row + k, 2, text)
        row += max(1, len(chosen))
        if self.result.candidates_tied:
            sheet.ws.write_string(row, 2, self.t("candidates_tied"), self.fmt(font_color="#C00000"))
            row += 1
        row += 1
        sheet.ws.write_string(row, 0, self.t("status"), self.label)
        status = self.status_text()
        colour = "#C00000" if self.result.status != FINAL else "#000000"
        sheet.ws.write_string(row, 2, status, self.fmt(bold=True, font_color=colour))
        if sign_off is not None:
            row += 1
            sheet.ws.write_string(row, 0, self.t("sign_off"), self.label)
            colour = "#000000" if sign_off.final else "#C00000"
            sheet.ws.write_string(row, 2, sign_off.text(self.lang), self.fmt(bold=True, font_color=colour))
        # The tender's name and the date head every printed page (the page header); on screen they
        # follow the notes, so the table keeps row 1 as its header for pandas (formats.md §6).
        row += 2
        for k, (key, value) in enumerate(self.tender_facts()):
            sheet.ws.write_string(row + k, 0, self.t(key), self.label)
            sheet.ws.write_string(row + k, 2, value)
        sheet.finish(self.page)

    def panel(self, sheet: _Sheet) -> None:
        """Judge, Vendor ID, Vendor, Criterion ID, Criterion, Tier, Score, Comment, Outlier, Panel mean."""
        headers = [self.t(k) for k in ("judge", "vendor_id", "vendor", "criterion_id", "criterion", "tier",
                                        "score", "comment", "outlier", "panel_mean", "counted", "panel_score")]
        sign_off = self.heading.sign_off
        # the panel session's workbook under consensus: each agreed score's reason beside it, as the chair entered it
        agreed = sign_off is not None and self.rubric.panel.aggregate is Aggregate.CONSENSUS
        if agreed:
            headers.append(self.t("agreed_reason"))
        if sign_off is not None:
            headers.append(self.t("finding"))
        self.headers(sheet, 0, headers)
        outliers = {(o.judge, o.vendor_id, o.criterion): o for o in self.result.outliers}
        mean = self.cell(num_format="0.00##")
        wrap = self.cell(text_wrap=True)
        row = 0
        for row, p in enumerate(self.result.panel_scores, start=1):
            criterion = self.rubric.criterion_index.get(p.criterion)
            tier = criterion.tier(p.tier) if isinstance(criterion, Tiered) and p.tier else None
            outlier = outliers.get((p.judge, p.vendor_id, p.criterion))
            sheet.text(row, 0, p.judge, self.cell())
            sheet.text(row, 1, p.vendor_id, self.cell())
            self.vendor_name(sheet, row, 2, self.names.get(p.vendor_id, ""))
            sheet.text(row, 3, p.criterion, self.cell())
            sheet.text(row, 4, criterion.name.text(self.lang) if criterion else "", self.cell())
            sheet.text(row, 5, tier.label.text(self.lang) if tier else (p.tier or ""), self.cell())
            places = self.rubric.places(criterion) if criterion else self.rubric.decimals
            sheet.number(row, 6, p.score, self.cell(num_format=_places_format(_shown_places(p.score, places))))
            sheet.text(row, 7, p.comment, wrap, wrap=True)
            sheet.text(row, 8, self.t("yes") if outlier else "", self.cell(align="center"))
            aggregate = self.result.panel_aggregates.get((p.vendor_id, p.criterion))
            plain = aggregate.mean if aggregate else outlier.panel_mean if outlier else None
            sheet.number(row, 9, plain, mean)
            sheet.text(row, 10, self.counted(p, aggregate), self.cell())
            sheet.number(row, 11, aggregate.score if aggregate else None, self.cell(num_format=_places_format(places)))
            if agreed and sign_off is not None:
                sheet.text(row, 12, sign_off.agreed_reason(p.vendor_id, p.criterion, self.lang), wrap, wrap=True)
            found = sign_off.on(FindingKind.OUTLIER, p.vendor_id, p.criterion, p.judge) if sign_off else None
            if sign_off is not None:
                sheet.text(row, len(headers) - 1, sign_off.finding_text(found, self.lang) if found else "", wrap,
                           wrap=True)  # the last column
        self.table(sheet, 0, row, len(headers))
        self.highlight(sheet, 1, row, len(headers), 8)
        row += 2
        if not self.result.panel_scores:
            sheet.ws.write_string(row, 0, self.t("no_panel_scores"), self.note)
            row += 2
        sheet.ws.write_string(row, 0, self.t("panel_members"), self.label)
        for k, judge in enumerate(self.result.judges or ("",), start=1):
            sheet.ws.write_string(row + k, 0, self.result.judge_listed(judge) if judge else self.t("none"))
            # the bidder by name with its code, as the report says it (report6 D6-9)
            recused = [f"{self.names.get(v, v)} ({v})" if self.names.get(v) else v
                       for j, v in self.result.recused if j == judge]
            if recused:  # why a bid has fewer scores than the panel has members
                separator = "、" if self.lang == "zh" else ", "
                sheet.ws.write_string(row + k, 1, self.t("recused_from") + separator.join(recused))
        sheet.finish(self.page)

    def counted(self, p: PanelScore, aggregate: PanelAggregate | None) -> str:
        """Whether a judge's score counts in the panel's score: yes, left out by the trimmed mean, or not scored (the
        score is missing: the others' stand in, report6 D6-4). (A judge recused from a bid has no score for it: the
        evaluation's ``panel_scores`` holds none, whatever was stored.)"""
        if p.score is None:
            return self.t("not_scored")
        if aggregate is None:
            return ""
        left_out = aggregate.left_out.get(p.judge)
        return self.t(f"left_out_{left_out}") if left_out else self.t("yes")

    def price(self, sheet: _Sheet) -> None:
        """Vendor ID, Vendor, Pricing model, How Q was reached, Q, SME, Deduction, E, Price score, Valid."""
        headers = [self.t(k) for k in ("vendor_id", "vendor", "pricing_model", "how", "quoted_q", "sme",
                                        "deduction", "evaluated_e", "price_score", "valid")]
        extra = self.price_columns()
        headers += [self.t(key) for key, _ in extra]
        self.headers(sheet, 0, headers)
        money = self.cell(num_format=self.money_format)
        price_criterion = self.rubric.price_criterion
        price_format = self.score_format if price_criterion is None else _places_format(self.rubric.places(price_criterion))
        row = 0
        for row, line in enumerate(self.result.prices, start=1):
            sheet.text(row, 0, line.vendor_id, self.cell())
            self.vendor_name(sheet, row, 1, line.vendor_name)
            sheet.text(row, 2, line.model.label.text(self.lang) if line.model else "", self.cell())
            sheet.text(row, 3, self.formula_text(line), self.cell(text_wrap=True), wrap=True)
            sheet.number(row, 4, line.quoted, money)
            sheet.text(row, 5, self.sme_text(line), self.cell(align="center"))
            sheet.number(row, 6, line.deduction, self.cell(num_format=_percent_format(line.deduction)))
            sheet.number(row, 7, line.evaluated, money)
            sheet.number(row, 8, line.score, self.cell(num_format=price_format))
            sheet.text(row, 9, self.yes_no(line.valid), self.cell(align="center"))
            for col, (_, write) in enumerate(extra, start=10):
                write(sheet, row, col, line)
        self.table(sheet, 0, row, len(headers))
        self.highlight_invalid_prices(sheet, row, len(headers))
        row += 2
        price = self.rubric.price_criterion
        if price is None:
            sheet.ws.write_string(row, 0, self.t("no_price"), self.note)
        else:
            method = METHOD_LABELS[price.method].text(self.lang)
            sheet.ws.write_string(row, 0, self.t("price_method"), self.label)
            sheet.ws.write_string(row, 3, method)  # by its name, as the report says it (the JSON keeps the id)
            sheet.ws.write_string(row + 1, 0, self.t("details"), self.label)
            sheet.ws.write_string(row + 1, 3, criterion_rule(price, self.rubric, self.lang, by_label=True))
            sheet.ws.write_string(row + 2, 0, self.t("price_mean" if self.mean_used() else "price_mean_unused"),
                                  self.label)
            if self.result.price_mean is None:
                sheet.ws.write_string(row + 2, 3, self.t("none"))
            else:
                sheet.ws.write_number(row + 2, 3, float(self.result.price_mean), self.unrounded_money())
            row = self.method_rows(sheet, row + 3)
            self.benchmark_rows(sheet, row)
        sheet.finish(self.page)

    def mean_used(self) -> bool:
        """Whether the plain mean of the valid evaluated prices plays a part: the abnormal-low line, B of
        ``benchmark_deviation``, or a B formed from that mean untrimmed. Beside a B formed from a trimmed mean or
        the lowest price it is only for reference, and an officer checking B had read it as a discrepancy."""
        price, b = self.rubric.price_criterion, self.result.price_benchmark
        return price is None or price.abnormal_low_share is not None or isinstance(price, BenchmarkDeviationPrice) \
            or b is not None and b.mean is not None and not b.trimmed

    def method_rows(self, sheet: _Sheet, row: int) -> int:
        """Under the price mean: the figures the older methods score with (E_min, E_max, B) and the formula, then
        the abnormal-low threshold (share × mean); returns the next free row."""
        price = self.rubric.price_criterion
        assert price is not None
        top = plain_number(price.max)
        prices = [line.evaluated for line in self.result.prices if line.valid and line.evaluated is not None]
        rows: list[tuple[str, Decimal | str]] = []
        if prices and isinstance(price, LowestRatioPrice):
            rows += [("e_min", min(prices)), ("score_formula", self.t("lowest_ratio_formula").format(max=top))]
        elif prices and isinstance(price, LinearMinmaxPrice):
            rows += [("e_min", min(prices)), ("e_max", max(prices)),
                     ("score_formula", self.t("linear_minmax_formula").format(max=top))]
        elif prices and isinstance(price, BenchmarkDeviationPrice):
            rows.append(("score_formula", self.t("benchmark_deviation_formula").format(
                max=top, above=plain_number(price.above_penalty), below=plain_number(price.below_penalty))))
        share, mean = price.abnormal_low_share, self.result.price_mean
        if share is not None and mean is not None:  # the line an evaluated price must not fall below
            rows.append(("abnormal_threshold", share * mean))
        for key, value in rows:
            label = self.t(key).format(share=plain_number(share * 100)) if key == "abnormal_threshold" and share else \
                self.t(key)
            sheet.ws.write_string(row, 0, label, self.label)
            if isinstance(value, str):
                sheet.ws.write_string(row, 3, value)
            elif key == "abnormal_threshold":
                sheet.ws.write_number(row, 3, float(value), self.unrounded_money())
            else:
                sheet.ws.write_number(row, 3, float(value), self.fmt(num_format=self.money_format, align="left"))
            row += 1
        return row

    def unrounded_money(self) -> Format:
        """The format of an amount kept unrounded (the mean of the evaluated prices, the abnormal-low line): the
        cents and up to six more decimals, so a price a fraction of a cent from the line is not shown equal to it."""
        return self.fmt(num_format=self.money_format.replace("0.00", "0.00######", 1), align="left")

    def sme_text(self, line: PriceLine) -> str:
        """Yes or no; under a table of SME rates, the category the bid stated (issue 7, item 8)."""
        price = self.rubric.price_criterion
        if price is None or not price.sme_categories:
            return self.yes_no(line.sme)
        return line.sme_category.label.text(self.lang) if line.sme_category else self.t("no")

    # -- the price benchmark B and each bid's d (issue 7, item 3); absent for the older methods
    def price_columns(self) -> list[tuple[str, Callable[[_Sheet, int, int, PriceLine], None]]]:
        """The Price sheet's columns after Valid: d and the counted |d| under the method deviation."""
        price = self.rubric.price_criterion
        percent = self.cell(num_format="0.00##")
        mean = self.result.price_mean
        if isinstance(price, BenchmarkDeviationPrice) and mean:
            def from_mean(sheet: _Sheet, row: int, col: int, line: PriceLine) -> None:  # B is the mean, unrounded
                e = line.evaluated if line.valid else None
                sheet.number(row, col, None if e is None else round_half_up(100 * (e - mean) / mean, 4), percent)

            return [("deviation", from_mean)]
        if not isinstance(price, DeviationPrice):
            return []

        def d(sheet: _Sheet, row: int, col: int, line: PriceLine) -> None:
            sheet.number(row, col, None if line.deviation is None else round_half_up(line.deviation, 4), percent)

        def counted(sheet: _Sheet, row: int, col: int, line: PriceLine) -> None:
            value = line.counted_deviation
            sheet.number(row, col, None if value is None else round_half_up(value, 4), percent)

        return [("deviation", d), ("counted_deviation", counted)]

    def benchmark_rows(self, sheet: _Sheet, row: int) -> None:
        """Under the table: B and how it was formed, in the workbook's language."""
        b = self.result.price_benchmark
        if b is None:
            return
        sheet.ws.write_string(row, 0, self.t("benchmark"), self.label)
        sheet.ws.write_number(row, 3, float(b.value), self.fmt(num_format=self.money_format, align="left"))
        sheet.ws.write_string(row + 1, 0, self.t("benchmark_how"), self.label)
        sheet.ws.write_string(row + 1, 3, b.describe(self.lang))

    def formula_text(self, line: PriceLine) -> str:
        """How the bid's Q was reached, in the workbook's language; empty when Q could not be computed."""
        if line.model is None or not line.parameters:
            return ""
        return formula_text(line.model, line.parameters, self.rubric.pricing.demand, self.lang, self.rubric.currency)

    def tender_facts(self) -> list[tuple[str, str]]:
        """The tender's name, number, method and date, as (label key, text) rows."""
        t = self.heading
        return [("tender", t.name.text(self.lang)), ("tender_number", t.number),
                ("procurement_method", t.method.text(self.lang)), ("date", date_text(t.date, self.lang))]

    def highlight_invalid_prices(self, sheet: _Sheet, last: int, columns: int) -> None:
        if last < 1:
            return
        sheet.ws.conditional_format(1, 0, last, columns - 1, {
            "type": "formula", "criteria": f'=$J2="{self.t("no")}"',
            "format": self.fmt(font_color=_NOTE_COLOUR, italic=True)})

    def invalid(self, sheet: _Sheet) -> None:
        """Vendor ID, Vendor, File, Reasons (one per line)."""
        headers = [self.t(k) for k in ("vendor_id", "vendor", "file", "reasons")]
        self.headers(sheet, 0, headers)
        wrap = self.cell(text_wrap=True)
        row = 0
        for row, bid in enumerate(self.result.invalid, start=1):
            sheet.text(row, 0, bid.vendor_id, self.cell())
            self.vendor_name(sheet, row, 1, bid.vendor_name)
            sheet.text(row, 2, bid.file, wrap, wrap=True)
            sheet.text(row, 3, "\n".join(r.labelled(self.rubric, self.lang) for r in bid.reasons), wrap, wrap=True)
        if not self.result.invalid:
            sheet.ws.write_string(1, 0, self.t("no_invalid"), self.note)
        self.table(sheet, 0, row, len(headers))
        sheet.finish(self.page)

    def rubric_sheet(self, sheet: _Sheet) -> None:
        """Title and id, then ID, Name, Group, Kind, Max, Details, Description per criterion; then settings."""
        r = self.rubric
        sheet.ws.write_string(0, 0, self.t("rubric"), self.label)
        sheet.ws.write_string(0, 1, r.title.text(self.lang), self.fmt(bold=True, font_size=13))
        sheet.ws.write_string(1, 0, self.t("rubric_id"), self.label)
        sheet.ws.write_string(1, 1, r.id)
        head = 3
        headers = [self.t(k) for k in ("criterion_id", "criterion", "group", "kind", "max", "details",
                                        "description")]
        self.headers(sheet, head, headers)
        wrap = self.cell(text_wrap=True)
        row = head
        for row, c in enumerate(r.criteria, start=head + 1):
            sheet.text(row, 0, c.id, self.cell())
            sheet.text(row, 1, c.name.text(self.lang), self.cell())
            sheet.text(row, 2, self.rubric.group(c.group).label.text(self.lang), self.cell())
            sheet.text(row, 3, KIND_LABELS[c.kind].text(self.lang), self.cell())
            sheet.number(row, 4, (-c.max if isinstance(c, Penalty) else c.max) if c.is_scored else None,
                         self.cell(num_format=_FIGURE))
            sheet.text(row, 5, criterion_rule(c, r, self.lang, by_label=True), wrap, wrap=True)
            sheet.text(row, 6, c.description.text(self.lang) if c.description else "", wrap, wrap=True)
        self.table(sheet, head, row, len(headers))
        row += 2
        share = r.panel.outlier_share * 100
        settings: list[tuple[str, str | Decimal | int]] = [
            ("max_total", r.max_total),
            ("decimals", r.decimals),
            ("candidate_count", r.candidates),
            ("aggregate", aggregate_text(r.panel, self.lang)),
            ("outlier_share", r.panel.outlier_share),
            ("pricing_models", ("、" if self.lang == "zh" else ", ").join(m.label.text(self.lang)
                                                                         for m in r.pricing.models)),
        ]
        demand = demand_text(r.pricing.demand, self.lang, r.currency)
        if demand:  # a rubric with no demand figures has no Demand row, not an empty one (report6 D6-10)
            settings.append(("demand", demand))
        settings += self.group_settings()
        # Figures are number cells (a number stored as text is flagged by Excel and not summed); left-aligned
        # under the label like the text beside them. The outlier share as a percent with its own places.
        share_places = len(plain_number(share).partition(".")[2])
        formats = {"outlier_share": _places_format(share_places) + "%"}
        for k, (key, value) in enumerate(settings):
            sheet.ws.write_string(row + k, 0, self.t(key), self.label)
            if isinstance(value, str):
                sheet.ws.write_string(row + k, 1, value)
            else:
                sheet.ws.write_number(row + k, 1, float(value),
                                      self.fmt(num_format=formats.get(key, _FIGURE), align="left"))
        sheet.finish(self.page, header_row=head)
        sheet.ws.set_column(0, 0, max(sheet.widths.get(0, 0) + 2, 16))

    def audit(self, sheet: _Sheet) -> None:
        """What produced this workbook: tool version, rubric hash, status, and every input file's SHA-256."""
        r = self.rubric
        facts = [
            ("version", __version__),
            ("rubric_id", r.id),
            ("rubric_sha", r.sha256),
            ("rubric_source", r.source),
            *([("result_sha", self.result_sha256)] if self.result_sha256 else []),
            ("status", self.status_text()),
            *([("sign_off", self.heading.sign_off.text(self.lang))] if self.heading.sign_off else []),
            ("language", self.lang),
            *self.tender_facts(),
        ]
        for row, (key, value) in enumerate(facts):
            sheet.text(row, 0, self.t(key), self.label)
            sheet.text(row, 1, value)
        head = len(facts) + 1
        sheet.ws.write_string(head, 0, self.t("inputs"), self.label)
        head += 1
        headers = [self.t(k) for k in ("role", "path", "rubric_sha")]
        headers[2] = "SHA-256"
        sheet.widest.update({1: 72, 2: 68})  # hashes and paths are read whole
        self.headers(sheet, head, headers)
        row = head
        for row, f in enumerate(self.result.inputs, start=head + 1):
            sheet.text(row, 0, f.role_label.text(self.lang), self.cell())
            sheet.text(row, 1, f.path, self.cell())
            sheet.text(row, 2, f.sha256, self.cell())
        sheet.ws.autofilter(head, 0, row, len(headers) - 1)
        audit_header = head
        if self.result.warnings:
            row += 2
            sheet.ws.write_string(row, 0, self.t("warnings"), self.label)
            for k, warning in enumerate(self.result.warnings, start=1):
                sheet.ws.write_string(row + k, 1, render(warning, self.lang))
        sheet.finish(self.page, header_row=audit_header)


def _shown_places(score: Decimal | None, places: int) -> int:
    """The places a judge's score is shown with on the Panel sheet: its criterion's, or more when the judge typed more
    (the command line keeps them), as many as the cell's number holds; so the printed sheet shows the score counted.

    >>> _shown_places(Decimal("4.125"), 1), _shown_places(Decimal("12"), 2), _shown_places(None, 2)
    (3, 2, 2)
    >>> _shown_places(Decimal("4.00000000000000000001"), 1)  # the cell holds 4.0
    1
    """
    return places if score is None else max(places, _places_held(score))


def _percent_format(share: Decimal | int | None) -> str:
    """A share shown as a percentage with two places, or every place it has when it has more (a bid's committed
    92.555 %, an SME deduction of 12.125 %): `0.00%` printed them 92.56 % and 12.13 %, not the figure counted.

    >>> _percent_format(Decimal("0.96")), _percent_format(Decimal("0.92555")), _percent_format(None)
    ('0.00%', '0.000%', '0.00%')
    """
    places = 0 if share is None else _places_held(share) - 2
    return _places_format(max(2, places)) + "%"


def _places_held(value: Decimal | int) -> int:
    """The decimal places of ``value`` as a workbook's cell holds it (a double: 4.00000000000000000001 is 4)."""
    return decimal_places(Decimal(repr(float(value))))


def _places_format(decimals: int) -> str:
    """The number format showing ``decimals`` places: ``0.00``, ``0``."""
    return "0." + "0" * decimals if decimals > 0 else "0"


def _range(row: int, first: int, last: int) -> str:
    """The cells of one row from column ``first`` to ``last`` (0-based), for ``SUM``.

    >>> _range(1, 2, 4), _range(1, 7, 7)
    ('C2:E2', 'H2')
    """
    start = str(xl_rowcol_to_cell(row, first))
    return start if first == last else f"{start}:{xl_rowcol_to_cell(row, last)}"


def _group_value(s: Standing, group: str, criteria: Iterable[Criterion]) -> Decimal:
    """The engine's subtotal, or the sum of the criteria when the standing has none for the group."""
    if group in s.groups:
        return s.groups[group]
    return sum((s.criteria.get(c.id, Decimal(0)) for c in criteria if c.group == group), Decimal(0))


def _page_texts(heading: DocumentHeading, lang: str) -> tuple[str, str]:
    """The printed page header (name in bold, number, date) and footer (sheet, page n of N).

    Text is escaped for Excel's ``&`` codes; a long name is clipped so the header stays within
    Excel's 255 characters.
    """
    def plain(text: str) -> str:
        return text.replace("&", "&&")

    name = heading.name.text(lang)
    number = f"{_T['tender_number'].text(lang)}{'：' if lang == 'zh' else ': '}{heading.number}" if heading.number else ""
    date = plain(date_text(heading.date, lang))
    header = ""
    for keep in range(len(name), -1, -1):
        shown = name if keep == len(name) else name[:keep] + "…"
        centre = f"&C{plain(number[:100])}" if number else ""
        header = f'&L&"-,Bold"{plain(shown)}{centre}&R{date}'
        if len(header) <= _HEADER_LIMIT:
            break
    footer = f"&L&A&C{_T['page_of'].text(lang)}"
    return header, footer
