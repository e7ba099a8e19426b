"""The bid form: one workbook per vendor, sheet ``Bid``, one row per field (formats.md §2).

Column A holds the field id the importer keys on, B the label in both
languages, C the vendor's answer (empty, with data validation and a number
format that makes typing ``96%`` or a code with leading zeros work), D the
unit and what to type. ``lang`` only chooses the header row and the
instructions below the fields; everything a vendor must understand per row is
bilingual.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from .currency import currency, rate_amount
from .labels import Label, check_lang
from .pricing import DISCOUNT_RATE_FIELD, PRICE_MODEL_FIELD, PricingModel, Unit
from .rubric import Field, Rubric
from .rubric_mark import mark_workbook
from .values import FieldType, unit_label

if TYPE_CHECKING:  # xlsxwriter is imported when a form is written: reading one against the rubric never needs it
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

SHEET = "Bid"
LISTS_SHEET = "Lists"  # only written when a choice list cannot be inlined (too long, or has a comma)
AUTHOR = "bid-eval"

HEADERS = {
    "zh": ("字段", "项目", "填写内容", "单位/说明"),
    "en": ("Field id", "Item", "Your answer", "Unit / note"),
}
WIDTHS = (24, 44, 28, 40)

# A fixed creation date so the same rubric always gives the same bytes.
_CREATED = datetime(2024, 1, 1)
_BOUND = 999_999_999_999_999  # "any number" for Excel validations that need a range
_TITLE_LIMIT = 32  # Excel's limits on validation titles and messages (UTF-16 units)
_MESSAGE_LIMIT = 255
_LIST_LIMIT = 255

_REQUIRED = Label("必填", "required")
_CHOOSE = Label("下拉选择", "choose")
_AT_LEAST_ZERO = Label("不小于0", "0 or more")
_ERROR_TITLE = "输入有误 / Invalid entry"

_GREY = "#595959"
_INPUT_FILL = "#FFF2CC"
_HEADER_FILL = "#D9E1F2"
_MISSING_FILL = "#F8CBAD"  # a required answer still empty
_BORDER_COLOUR = "#BFBFBF"


@dataclass(frozen=True)
class _Row:
    """How one field appears on the form: the note in column D (its parts, joined by ``; ``) and the rules of cell C."""

    parts: tuple[str, ...]
    num_format: str | None
    validation: dict[str, Any]
    choices: tuple[str, ...] = ()  # list validations: the drop-down entries

    @property
    def note(self) -> str:
        return "; ".join(self.parts)


def write_bid_form(rubric: Rubric, out: os.PathLike[str] | str | IO[bytes], lang: str = "zh") -> None:
    """Write the vendor bid form for ``rubric``: sheet Bid, one row per field."""
    check_lang(lang)
    import xlsxwriter

    target: Any = os.fspath(out) if isinstance(out, (str, os.PathLike)) else out
    workbook = xlsxwriter.Workbook(target, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False, "strings_to_numbers": False})
    workbook.set_properties({
        "title": rubric.title.both(),
        "subject": rubric.id,
        "author": AUTHOR,
        "comments": f"{rubric.id} · sha256 {rubric.sha256}" if rubric.sha256 else rubric.id,
        "created": _CREATED,
    })
    mark_workbook(workbook, rubric)  # the rubric it was made from, checked on reading
    _Form(workbook, rubric, lang).write()
    workbook.close()


class _Form:
    """Writes the Bid sheet (and the Lists sheet when a drop-down needs one)."""

    def __init__(self, workbook: Workbook, rubric: Rubric, lang: str):
        self.workbook = workbook
        self.rubric = rubric
        self.lang = lang
        self.sheet: Worksheet = workbook.add_worksheet(SHEET)
        self.lists: Worksheet | None = None
        self.list_columns = 0
        self.formats: dict[tuple[Any, ...], Format] = {}

    def fmt(self, **props: Any) -> Format:
        """One workbook format per distinct set of properties."""
        key = tuple(sorted(props.items()))
        if key not in self.formats:
            self.formats[key] = self.workbook.add_format(props)
        return self.formats[key]

    def base(self, **extra: Any) -> dict[str, Any]:
        return {"valign": "top", "border": 1, "border_color": _BORDER_COLOUR, **extra}

    def write(self) -> None:
        ws = self.sheet
        grey = self.base(font_color=_GREY)
        for col, width in enumerate(WIDTHS):
            wrap = col in (1, 3)
            ws.set_column(col, col, width, self.fmt(**({"text_wrap": True} if wrap else {}), valign="top"))
        header = self.fmt(**self.base(bold=True, bg_color=_HEADER_FILL, text_wrap=True, valign="vcenter"))
        for col, text in enumerate(HEADERS[self.lang]):
            ws.write_string(0, col, text, header)
        ws.set_row(0, 22)
        ws.freeze_panes(1, 0)

        row = 0
        for row, field in enumerate(self.rubric.bid_fields, start=1):
            spec = _row_for(field, self.rubric.pricing.demand.rate_unit(field.id))
            label_props = dict(grey, text_wrap=True)
            if field.required:
                label_props.update(bold=True, font_color="#C00000")
            ws.write_string(row, 0, field.id, self.fmt(**grey))
            ws.write_string(row, 1, field.label.both(), self.fmt(**label_props))
            input_props = self.base(bg_color=_INPUT_FILL, locked=False)
            if spec.num_format:
                input_props["num_format"] = spec.num_format
            ws.write_blank(row, 2, None, self.fmt(**input_props))
            ws.write_string(row, 3, spec.note, self.fmt(**dict(grey, text_wrap=True)))
            ws.data_validation(row, 2, row, 2, self.validation(spec))
            if field.required:
                ws.conditional_format(row, 2, row, 2, {
                    "type": "blanks", "format": self.fmt(bg_color=_MISSING_FILL)})
        self.instructions(row + 2)

        ws.set_selection(1, 2, 1, 2)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(0)
        ws.activate()

    def validation(self, spec: _Row) -> dict[str, Any]:
        """The validation options, with a list too long for Excel moved to the Lists sheet."""
        options = dict(spec.validation)
        if options["validate"] != "list":
            return options
        inline = ",".join(spec.choices)
        if len(inline.encode("utf-16-le")) // 2 <= _LIST_LIMIT and not any(
                ch in c for c in spec.choices for ch in ',"'):
            options["source"] = list(spec.choices)
            return options
        if self.lists is None:
            self.lists = self.workbook.add_worksheet(LISTS_SHEET)
            self.lists.hide()
        col = self.list_columns
        self.list_columns += 1
        for r, choice in enumerate(spec.choices):
            self.lists.write_string(r, col, choice)
        from xlsxwriter.utility import xl_col_to_name

        letter = xl_col_to_name(col)
        options["source"] = f"={LISTS_SHEET}!${letter}$1:${letter}${len(spec.choices)}"
        return options

    def instructions(self, first_row: int) -> None:
        """Merged rows in column B..D below the fields; column A stays empty for the importer."""
        lines = _instructions(self.rubric, self.lang)
        for offset, text in enumerate(lines):
            row = first_row + offset
            props = {"text_wrap": True, "valign": "top"}
            if offset == 0:
                props["bold"] = True
            cell = self.fmt(**props)
            self.sheet.merge_range(row, 1, row, 3, "", cell)
            self.sheet.write_string(row, 1, text, cell)
            self.sheet.set_row(row, 15 * _line_count(text, sum(WIDTHS[1:]) - 4) + 3)


def _instructions(rubric: Rubric, lang: str) -> list[str]:
    amounts = Label("金额单位为元，除非D列注明万元；百分比直接输入，如 96%；是/否及其他选项请从下拉列表选择。",
                    "Amounts are in yuan unless column D says 10,000 yuan (万元). Type percentages as "
                    "e.g. 96%. Pick yes/no (是/否) and other choices from the drop-down list.")
    if rubric.currency != "CNY":  # amounts in the tender's currency, in its notation only
        unit = currency(rubric.currency).name
        amounts = Label(f"金额单位为{unit.zh}（{rubric.currency}），请勿使用其他币种的符号（如 ¥、元、万）；百分比直接输入，"
                        "如 96%；是/否及其他选项请从下拉列表选择。",
                        f"Amounts are in {rubric.currency}; do not use another currency's signs (¥, 元, 万). Type "
                        "percentages as e.g. 96%. Pick yes/no (是/否) and other choices from the drop-down list.")
    if lang == "en":
        return [
            f"{rubric.title.en} ({rubric.id}): bid form",
            "Fill in column C (the yellow cells) and leave columns A, B and D as they are. "
            'Items marked "required" must be answered; they show orange while empty.',
            amounts.en,
            'Keep the sheet name "Bid" and the field ids in column A; save as .xlsx.',
        ]
    return [
        f"{rubric.title.zh}（{rubric.id}）投标填报表",
        "请在C列（黄色单元格）填写，A、B、D列请勿修改；标注“必填”的项目必须填写，未填时显示为橙色。",
        amounts.zh,
        "请勿修改工作表名称“Bid”和A列的字段编号；保存为 .xlsx 文件提交。",
    ]


def _line_count(text: str, width: int) -> int:
    """Roughly how many lines ``text`` wraps to in ``width`` character units (CJK counts 2)."""
    units = sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)
    return max(1, math.ceil(units / width))


def _row_for(field: Field, rated: Unit | None = None) -> _Row:
    """The note, number format and validation of one field's row; the 单项限价 of ``rated``, when the field is
    the rate of a per_unit_month unit that has one, is said beside its currency."""
    non_negative = field.non_negative
    at_least_zero = Label("，" + _AT_LEAST_ZERO.zh, ", " + _AT_LEAST_ZERO.en) if non_negative else Label("", "")
    hint: Label | str | None
    choices: tuple[str, ...] = ()
    note = prompt_note = field.note
    if field.id == PRICE_MODEL_FIELD:
        models = [PricingModel(c) for c in field.choices]
        choices = tuple(m.label.zh for m in models)
        hint = _CHOOSE.both() + ": " + _listing([m.choice_text for m in models])  # each a text the import reads
        note = prompt_note = None  # the note lists the same models
        title = Label("报价方式", "Pricing model")
        prompt = Label("从下拉列表选择报价方式", "Choose the pricing model from the list")
        error = Label("请从下拉列表中选择报价方式。", "Please choose a pricing model from the list.")
        validation: dict[str, Any] = {"validate": "list"}
        num_format: str | None = "@"
    elif field.type is FieldType.BOOL:
        choices = ("是", "否")
        hint = Label("是/否", "yes/no")
        title = Label("是/否", "Yes or no")
        prompt = Label("从下拉列表选择 是 或 否", "Choose 是 (yes) or 否 (no)")
        error = Label("请选择 是 或 否。", "Please choose 是 (yes) or 否 (no).")
        validation = {"validate": "list"}
        num_format = "@"
    elif field.type is FieldType.CHOICE:
        choices = field.choices
        hint = _CHOOSE.both() + ": " + _listing(choices)
        title = Label("选择", "Choose")
        prompt = Label("从下拉列表选择", "Choose from the list")
        error = Label("请从下拉列表中选择。", "Please choose a value from the list.")
        validation = {"validate": "list"}
        num_format = "@"
    elif field.type is FieldType.PERCENT:
        example = field.example or "96%"  # the rubric's own example where 96% would mislead (a discount of 5%)
        hint = Label(f"%，如 {example}", f"%, e.g. {example}")
        title = Label("百分比", "Percentage")
        prompt = Label(f"填写百分比，如 {example}", f"Enter a percentage, e.g. {example}")
        error = Label(f"请填写 0% 到 100% 之间的百分比，如 {example}。",
                      f"Please enter a percentage from 0% to 100%, e.g. {example}.")
        validation = {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1}
        num_format = "0.00%"
        if field.id == DISCOUNT_RATE_FIELD:  # 下浮率 100 % would quote nothing: the import refuses it, so does Excel
            error = Label(f"请填写不小于 0% 且小于 100% 的下浮率，如 {example}。",
                          f"Please enter a discount rate of at least 0% and below 100%, e.g. {example}.")
            validation["maximum"] = _HIGHEST_DISCOUNT
    elif field.type is FieldType.INTEGER:
        hint = Label("整数" + at_least_zero.zh, "whole number" + at_least_zero.en)
        title = Label("整数", "Whole number")
        prompt = Label("填写整数" + at_least_zero.zh, "Enter a whole number" + at_least_zero.en)
        error = Label("请填写整数" + at_least_zero.zh + "。", "Please enter a whole number" + at_least_zero.en + ".")
        validation = _numeric("integer", non_negative)
        num_format = None
    elif field.type is FieldType.MONEY:
        unit = unit_label(field)
        assert unit is not None  # money is always counted in the tender's currency
        # 元 / yuan; 不小于0 / 0 or more, as its input check says: the unit a part of its own, as the import reads it
        # (bideval.rubric_mark: an answer under 万元 read by a rubric amended to yuan)
        hint = unit
        title = Label(f"金额（{unit.zh}）", f"Amount ({unit.en})")
        prompt = Label(f"填写金额，单位：{unit.zh}", f"Enter an amount in {unit.en}")
        error = Label(f"请填写数字，单位：{unit.zh}{at_least_zero.zh}。",
                      f"Please enter a number in {unit.en}{at_least_zero.en}.")
        validation = _numeric("decimal", non_negative)
        num_format = "#,##0.00##"
    elif field.type is FieldType.NUMBER:
        hint = Label("数字" + at_least_zero.zh, "number" + at_least_zero.en)
        title = Label("数字", "Number")
        prompt = Label("填写数字" + at_least_zero.zh, "Enter a number" + at_least_zero.en)
        error = Label("请填写数字" + at_least_zero.zh + "。", "Please enter a number" + at_least_zero.en + ".")
        validation = _numeric("decimal", non_negative)
        num_format = None
    elif field.id == "vendor_id":
        hint = None  # the fixed field's note says "18位 / 18 characters"
        prompt_note = None  # and so does the prompt
        title = Label("统一社会信用代码", "Credit code")
        prompt = Label("填写18位统一社会信用代码", "Enter the 18-character unified social credit code")
        error = Label("统一社会信用代码应为18位。", "The unified social credit code has 18 characters.")
        # A warning, not a stop: any other text is still accepted as the code (formats.md §2).
        validation = {"validate": "length", "criteria": "==", "value": 18, "error_type": "warning"}
        num_format = "@"
    else:  # text
        hint = None
        title = Label("文本", "Text")
        prompt = Label("填写文本", "Enter text")
        error = Label("", "")
        validation = {"validate": "any"}
        num_format = "@"

    parts = [_REQUIRED.both()] if field.required else []
    if hint is not None:
        parts.append(hint if isinstance(hint, str) else hint.both())
    if field.type is FieldType.MONEY and non_negative:
        parts.append(_AT_LEAST_ZERO.both())
    if rated is not None and rated.ceiling is not None:  # a rate above it makes the bid invalid: said by the rate,
        # whose label beside it names the unit and the month (办公区 每平方米每月单价 / Offices: rate per m²-month)
        parts.append(Label(f"单项限价 {rate_amount(rated.ceiling, field.currency, 'zh')}",
                           f"ceiling {rate_amount(rated.ceiling, field.currency, 'en')}").both())
    if field.unit and field.type not in (FieldType.MONEY, FieldType.PERCENT):
        parts.append(Label(f"单位：{field.unit}", f"unit: {field.unit}").both())
    if note is not None:
        parts.append(note.both())

    flag = Label("（必填）", " (required)") if field.required else Label("", "")
    prompt_zh = f"{field.label.zh}{flag.zh}：{prompt.zh}" + (f"（{prompt_note.zh}）" if prompt_note else "")
    prompt_en = f"{field.label.en}{flag.en}: {prompt.en}" + (f" ({prompt_note.en})" if prompt_note else "")
    validation.update(input_title=_clip(title.both(), _TITLE_LIMIT),
                      input_message=_both_lines(prompt_zh, prompt_en))
    if validation["validate"] != "any":
        validation.update(error_title=_ERROR_TITLE,
                          error_message=_both_lines(error.zh, error.en))
    return _Row(tuple(parts), num_format, validation, choices)


def unit_cell_parts(rubric: Rubric, field: Field) -> tuple[str, ...]:
    """What column D of ``field``'s row says, part by part (a note may hold a ``;`` of its own), as the form writes
    it: :mod:`bideval.rubric_mark` tells a bidder's words added there from the form's own."""
    return _row_for(field, rubric.pricing.demand.rate_unit(field.id)).parts


_HIGHEST_DISCOUNT = 0.9999  # the most Excel's check lets through below 100 % (99.99 %)


def _listing(items: tuple[str, ...] | list[str]) -> str:
    """Items for column D; a bar separates them when an item holds a comma itself."""
    return (" | " if any("," in item for item in items) else ", ").join(items)


def _numeric(kind: str, non_negative: bool) -> dict[str, Any]:
    if non_negative:
        return {"validate": kind, "criteria": ">=", "value": 0}
    return {"validate": kind, "criteria": "between", "minimum": -_BOUND, "maximum": _BOUND}


def _both_lines(zh: str, en: str) -> str:
    """Chinese line, English line; each cut to half of Excel's limit so neither is lost."""
    half = (_MESSAGE_LIMIT - 1) // 2
    return f"{_clip(zh, half)}\n{_clip(en, half)}"


def _clip(text: str, limit: int) -> str:
    """``text`` cut to Excel's limit in UTF-16 units, with an ellipsis when cut."""
    def units(s: str) -> int:
        return len(s.encode("utf-16-le")) // 2

    if units(text) <= limit:
        return text
    while units(text) > limit - 1:
        text = text[:-1]
    return text + "…"
