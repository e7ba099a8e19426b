"""Every sentence bid-eval says about a problem, in Chinese and in English, built from the problem's data.

A problem (:class:`bideval.errors.Problem`, a coded :class:`~bideval.errors.BidEvalError`, a
:class:`~bideval.errors.Expected`) carries a code and its facts; this module holds the one
template per code and language. Two ways of naming things:

- ``ids=True``: the command line's English, naming fields and criteria by id, exactly as
  ``str(problem)`` prints it (scripts read it; it never changes without a reason).
- ``ids=False`` (the app, and the command line's ``--lang zh``): the user's words — fields,
  criteria, tiers and pricing models by their label, in the language asked for.

>>> from bideval.errors import Expected, cell_problem
>>> from bideval.labels import Label, Named
>>> problem = cell_problem("jiahe.xlsx", "Bid", "C25", Expected("money", {"unit": None}), "1,5",
...                        Named("total_price", Label("投标总价", "Total price")))
>>> str(problem)
"jiahe.xlsx:Bid!C25: expected an amount in yuan, found '1,5'"
>>> render(problem, "zh")
"jiahe.xlsx:Bid!C25 投标总价：应为金额（元），实际为 '1,5'"
>>> render(problem, "en", with_file=False)
"Bid!C25 Total price: expected an amount in yuan, found '1,5'"

A new error gets its text here: add a template under its code (``@_template("bids.xyz")``)
returning ``s.t(english, chinese)``, and raise ``Problem.of("bids.xyz", file, sheet, cell, **facts)``
(or ``SomeError.coded("xyz", **facts)``); ``tests/test_messages.py`` lists every code with an
example in both languages.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Sequence

from .cell_errors import (CellError, ConstantFormat, DividedFormat, FormattedNumber, HiddenByFormat, InvisibleInk,
                          LiteralPercentFormat, MisplacedValue, OddStringIndex, OtherCurrencyFormat, PercentFormat,
                          PlaceholderResult, RoundedFormat, ScaleWordFormat, ShownNumber, TenThousandsFormat,
                          UncalculatedFormula)
from .labels import FINDING_NAMES, KIND_NAMES, Label, Named, check_lang
from .number_formats import scale_name
from .patterns import on_first_use
from .values import duration_text, name_key, number_as_shown, plain_number

if TYPE_CHECKING:
    from .errors import BidEvalError, Expected, Problem
    from .rubric import Rubric


class Say:
    """What a template reads: the facts, the language, and how to name things (by id or by label)."""

    def __init__(self, data: Mapping[str, Any], lang: str, ids: bool, rubric: "Rubric | None" = None):
        self.data = data
        self.lang = check_lang(lang)
        self.ids = ids and lang == "en"
        self.rubric = rubric
        self.zh = lang == "zh"

    def with_data(self, data: Mapping[str, Any]) -> "Say":
        """The same language and naming for other facts (a template that says part of its sentence with another)."""
        return Say(data, self.lang, self.ids, self.rubric)

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:
        """A fact, or ``default`` when the problem does not carry it."""
        return self.data.get(key, default)

    def t(self, en: str, zh: str) -> str:
        """The sentence in this language."""
        return zh if self.zh else en

    # -- naming
    def label(self, thing: Any) -> str:
        """A rubric thing (field, criterion, tier, pricing model, column) by its label, without quotes."""
        named = self.named(thing)
        if named is None:
            return str(thing)
        return named.id if self.ids else named.label.text(self.lang)

    def name(self, thing: Any) -> str:
        """A rubric thing in quotes: ``'ops_plan'`` for the command line, ``“运营管理能力”`` or ``'Operations …'``."""
        if self.ids:
            return repr(self.label(thing))
        return f"“{self.label(thing)}”" if self.zh else f"'{self.label(thing)}'"

    def named(self, thing: Any) -> Named | None:
        """A rubric thing (a Named, a Field, a Tier, a Criterion, or an id the rubric knows) as id and label."""
        if isinstance(thing, Named):
            return thing
        if hasattr(thing, "id") and isinstance(getattr(thing, "label", None), Label):
            return Named(thing.id, thing.label)  # a Field, a Tier
        if hasattr(thing, "id") and isinstance(getattr(thing, "name", None), Label):
            return Named(thing.id, thing.name)  # a Criterion
        if isinstance(thing, str) and self.rubric is not None:
            criterion = self.rubric.criterion_index.get(thing)
            if criterion is not None:
                return Named(criterion.id, criterion.name)
            field = self.rubric.field_index.get(thing)
            if field is not None:
                return Named(field.id, field.label)
        return None

    def q(self, text: object) -> str:
        """A name from the user's file (a sheet, a header) in quotes."""
        return f"“{text}”" if self.zh else repr(text)

    def tier(self, tier: Any) -> str:
        """A tier with its range: ``t2 二档 (5.1–10)`` for the command line, ``二档（5.1–10）`` in Chinese."""
        span = f"{number(tier.min)}–{number(tier.max)}"
        if self.ids:
            return f"{tier.id} {tier.label.zh} ({span})"
        return f"{tier.label.zh}（{span}）" if self.zh else f"{tier.label.en} ({span})"

    def tiers(self, tiers: Iterable[Any]) -> str:
        """Every tier of a criterion with its range."""
        return self.join(self.tier(t) for t in tiers)

    def criteria(self, criteria: Iterable[Any]) -> str:
        """Criteria listed by id and name (command line) or by label, or 'none in this rubric'."""
        if self.ids:
            text = ", ".join(f"{c.id} {c.label.zh}" for c in criteria)
        else:
            text = self.join(self.label(c) for c in criteria)
        return text or self.t("none in this rubric", "本评分标准中没有")

    def join(self, items: Iterable[object], en: str = ", ") -> str:
        """Items as a list: ``a, b`` in English, ``a、b`` in Chinese."""
        return ("、" if self.zh else en).join(str(i) for i in items)

    def found(self, value: object) -> str:
        """What a cell held, as a message shows it: strings in quotes, an empty cell in words."""
        if value is None or value == "":
            return self.t("an empty cell", "空单元格")
        if isinstance(value, bool):
            return self.t(f"the boolean {value}", f"逻辑值 {'TRUE' if value else 'FALSE'}")
        if isinstance(value, CellError):
            return self.t(f"the error {value}", f"错误值 {value}")
        if isinstance(value, ShownNumber):
            return self._shown_number(value)
        if isinstance(value, (UncalculatedFormula, PlaceholderResult)):
            if value.formula.strip():
                shown = str(value) if len(value.formula) <= 40 else f"={value.formula[:37]}..."
                what_en, what_zh = f"the formula {shown}", f"公式 {shown}"
            else:  # a shared formula's other cells hold only a reference to it; an empty formula holds nothing
                what_en = "a formula whose text this cell does not hold (shared with another cell, or empty)"
                what_zh = "公式（本单元格未保存其内容：与其他单元格共享，或为空）"
            if isinstance(value, PlaceholderResult):
                return self.t(f"{what_en} saved with the result 0 by a program that does not calculate "
                              "(open the workbook in Excel and save it again)",
                              f"由不计算公式的程序保存、结果记为 0 的{what_zh}（请用 Excel 打开后重新保存）")
            return self.t(f"{what_en} saved without its result (open the workbook in Excel and save it again)",
                          f"未保存计算结果的{what_zh}（请用 Excel 打开后重新保存）")
        if isinstance(value, MisplacedValue):
            how = MISPLACED[value.markup]
            reads = (Label("表格读取程序只取最后一个值", "the spreadsheet reader takes the last one")
                     if value.markup == "two_values"
                     else Label("表格读取程序会把该单元格读成空白", "the spreadsheet reader reads the cell as empty"))
            what_en, what_zh = ((f"the value {value.value!r}", f"值 “{value.value}”") if value.value
                                else ("a formula", "公式"))
            return self.t(f"{what_en} written {how.en}: {reads.en}, and what Excel shows for it is not known (open "
                          "the workbook in Excel, check the cell and save it again)",
                          f"{what_zh}{how.zh}：{reads.zh}，而 Excel 如何显示无从得知（请用 Excel 打开该工作簿，"
                          "检查该单元格后重新保存）")
        if isinstance(value, OddStringIndex):
            return self._odd_string_index(value)
        if isinstance(value, timedelta):  # a cell formatted as a duration ([h]:mm:ss)
            return self.t(f"the duration {duration_text(value)}", f"时长 {duration_text(value)}")
        if isinstance(value, datetime):
            return self.t(f"the date and time {value:%Y-%m-%d %H:%M}", f"日期时间 {value:%Y-%m-%d %H:%M}")
        if isinstance(value, date):
            return self.t(f"the date {value:%Y-%m-%d}", f"日期 {value:%Y-%m-%d}")
        if isinstance(value, time):
            return self.t(f"the time {value:%H:%M}", f"时间 {value:%H:%M}")
        if isinstance(value, (float, Decimal)):  # as the sheet shows it: found 3, not 3.0
            return number_as_shown(value)
        text = repr(value) if isinstance(value, str) else str(value)
        return text if len(text) <= 60 else text[:57] + "..."

    def _odd_string_index(self, value: OddStringIndex) -> str:
        """A shared-text cell whose shared-string reference is no whole number the reader takes: what it holds, why
        that is a damaged file, what to do."""
        text = value.text if len(value.text) <= 40 else value.text[:37] + "..."
        if value.text.isascii() and value.text.isdigit():  # digits past any count (2⁶⁴ and more)
            what_en, what_zh = "a whole number far too large", "一个过大的整数"
        else:
            what_en, what_zh = "not a whole number", "不是整数"
        return self.t(f"a shared-text cell (t=\"s\") whose shared-string reference is {what_en} ({text!r}): a "
                      "damaged file (Excel never writes one), which the spreadsheet reader would read as another "
                      f"cell's text or as empty (open the workbook in Excel and save it again, or "
                      f"{_advice(self, SEND_AGAIN)})",
                      f"共享文本单元格（t=\"s\"）对共享字符串的引用{what_zh}（“{text}”）：文件已损坏（Excel 不会这样保存），"
                      f"表格读取程序会把该单元格读成其他单元格的文字或空白（请用 Excel 打开该工作簿后重新保存，"
                      f"或{_advice(self, SEND_AGAIN)}）")

    def _shown_number(self, value: ShownNumber) -> str:
        """A number shown through a number format that writes a unit it is not in (or shows nothing): what it shows,
        why that cannot be read, what to enter. A conditional format's is said to be one."""
        fmt_en, fmt_zh = ((f"{value.format!r} (a conditional format's: Home > Conditional Formatting)",
                           f"“{value.format}”（条件格式所设）") if value.by_rule else (repr(value.format), f"“{value.format}”"))
        rule_en, rule_zh = (" and no conditional format", "，并删除条件格式") if value.by_rule else ("", "")
        if (getattr(self.get("expected"), "kind", None) == "text_as_held"
                and not isinstance(value, (HiddenByFormat, InvisibleInk))):
            # a text's answer: what to type is the expectation's to say, not a number in the field's unit
            shown = value.shown
            as_en, as_zh = (f" as {shown!r}", f"显示为 “{shown}”") if shown else ("", "显示")
            return self.t(f"the number {value.number} stored in the cell, but shown{as_en} through the number format "
                          f"{fmt_en}", f"单元格中存储的数字 {value.number}，但通过数字格式 {fmt_zh} {as_zh}")
        if isinstance(value, (TenThousandsFormat, ScaleWordFormat)) and self.get("file_role") == "panel":
            # no money on a panel sheet: what matters is that the sheet shows another number than the one read
            shown = value.shown
            if shown:
                as_en, as_zh = f"as {shown}", f"显示为 {shown}"
            elif isinstance(value, ScaleWordFormat):
                scale = scale_name(value.word)
                as_en, as_zh = f"in {scale.en} ({value.word})", f"以“{value.word}”显示"
            else:
                as_en, as_zh = "in 万 or 亿", "以“万”或“亿”显示"
            return self.t(f"the number {value.number} stored in the cell, but shown {as_en} through the number "
                          f"format {fmt_en}: the sheet shows a number other than the {value.number} stored "
                          f"(enter a plain number, with the cell's format General{rule_en})",
                          f"单元格中存储的数字 {value.number}，但通过数字格式 {fmt_zh} {as_zh}："
                          f"表中显示的数与存储的 {value.number} 不同（请填写普通数字，单元格格式设为“常规”{rule_zh}）")
        if isinstance(value, TenThousandsFormat):
            return self.t(f"the number {value.number} shown through the number format {fmt_en}, which writes "
                          "万 or 亿: it cannot be told whether the number is in yuan or in 万 yuan (enter it as a plain "
                          f"number in the field's unit, with the cell's format General{rule_en})",
                          f"数字 {value.number}，其数字格式 {fmt_zh} 显示“万”或“亿”：无法判断该数字以元还是万元计"
                          f"（请按该项的单位填写普通数字，单元格格式设为“常规”{rule_zh}）")
        if isinstance(value, ScaleWordFormat):
            scale = scale_name(value.word)
            as_en, as_zh = (f" as {value.shown}", f"（显示为 {value.shown}）") if value.shown else ("", "")
            word_zh = f"“{value.word}”" if value.word == scale.zh else f"“{value.word}”（{scale.zh}）"
            return self.t(f"the number {value.number} shown{as_en} through the number format {fmt_en}, which "
                          f"writes {value.word} ({scale.en}): it cannot be told whether the number is in the field's "
                          f"unit or in {scale.en} of it (enter it as a plain number in the field's unit, with the "
                          f"cell's format General{rule_en})",
                          f"数字 {value.number}{as_zh}，其数字格式 {fmt_zh} 显示{word_zh}：无法判断该数字是按该项"
                          f"的单位还是按{scale.zh}计（请按该项的单位填写普通数字，单元格格式设为“常规”{rule_zh}）")
        if isinstance(value, LiteralPercentFormat):
            return self._literal_percent(value, fmt_en, fmt_zh, rule_en, rule_zh)
        if isinstance(value, InvisibleInk):
            return self._invisible_ink(value)
        if isinstance(value, HiddenByFormat):
            return self.t(f"{value.number!r}, stored in the cell but shown as nothing through the number format "
                          f"{fmt_en}: nobody sees it on screen (set the cell's format to General{rule_en} to have it "
                          "read, or clear the cell)",
                          f"单元格中存储的 “{value.number}”，但数字格式 {fmt_zh} 使其不显示：屏幕上看不到它"
                          f"（如要读取，请将单元格格式设为“常规”{rule_zh}；否则请清除该单元格）")
        if isinstance(value, (PercentFormat, ConstantFormat, DividedFormat)):
            return self._other_number(value, fmt_en, fmt_zh, rule_en, rule_zh)
        if isinstance(value, RoundedFormat):
            return self.t(f"the number {value.number} stored in the cell, but shown as {value.shows} through the number "
                          f"format {fmt_en}, which shows fewer decimal places than the number has: the sheet shows a "
                          f"number other than the {value.number} stored (enter the score as the sheet is to show it, "
                          f"with the cell's format General or one showing every decimal place{rule_en})",
                          f"单元格中存储的数字 {value.number}，但数字格式 {fmt_zh} 显示的小数位数少于该数，显示为 "
                          f"{value.shows}：表中显示的数与存储的 {value.number} 不同（请按表中应显示的得分填写，单元格格式设为"
                          f"“常规”或显示全部小数位的格式{rule_zh}）")
        if isinstance(value, FormattedNumber):  # (a text's or a choice's answer: what the sheet shows)
            if value.by_rule:
                return self.t(f"the number {value.number} stored in the cell, which the number format {fmt_en} may "
                              "show otherwise as its rule holds or not: the answer is what the sheet shows, not known "
                              "here (clear the conditional format)",
                              f"单元格中存储的数字 {value.number}，视条件是否成立，数字格式 {fmt_zh}可能以其他方式显示它："
                              "答案应以表中显示的内容为准，此处无法得知（请删除条件格式）")
            return self.t(f"the number {value.number} stored in the cell, shown through the number format {fmt_en}, "
                          "which bid-eval does not reproduce exactly: the answer is what the sheet shows, not known "
                          "here", f"单元格中存储的数字 {value.number}，通过数字格式 {fmt_zh}显示，本程序无法准确还原其显示"
                          "内容：答案应以表中显示的内容为准，此处无法得知")
        if not isinstance(value, OtherCurrencyFormat):  # a new kind of shown number must be worded, not taken for this
            raise TypeError(f"no words for {type(value).__name__}")
        from .currency import currency

        other, tender = currency(value.currency).title, currency(value.tender).title
        return self.t(f"the number {value.number} shown through the number format {fmt_en}, which writes "
                      f"{other.en} ({value.currency}), not this tender's {tender.en} ({value.tender}) (enter the "
                      f"amount in {tender.en} as a plain number, with the cell's format General{rule_en})",
                      f"数字 {value.number}，其数字格式 {fmt_zh} 显示{other.zh}（{value.currency}），"
                      f"不是本项目的币种{tender.zh}（{value.tender}）（请以{tender.zh}填写普通数字，单元格格式设为“常规”{rule_zh}）")

    def _invisible_ink(self, value: InvisibleInk) -> str:
        """A value drawn in its background's colour: what is unseen, the colours, what to do."""
        on_en, on_zh = ((f"on the fill {value.fill}", f"填充色 {value.fill}") if value.fill
                        else ("on no fill (the sheet's white)", "无填充（工作表为白色）"))
        advice = _advice(self, SEND_AGAIN)
        if value.parts:
            parts_en = ", ".join(repr(part) for part in value.parts)
            parts_zh = "、".join(f"“{part}”" for part in value.parts)
            return self.t(f"{value.number!r}, of which {parts_en} is drawn in the colour of the cell's background (a run "
                          f"of its rich text in the colour {value.ink}, {on_en}): nobody sees that part on screen, so "
                          f"the value read is not the value seen (make the whole value visible, or clear it: {advice})",
                          f"“{value.number}”，其中 {parts_zh} 的颜色与单元格背景相同（富文本中的一段为颜色 {value.ink}，"
                          f"{on_zh}）：屏幕上看不到这一部分，读取的值与看到的值不同（须使整个值可见或将其清除：{advice}）")
        by_en, by_zh = ((f"the number format {value.format!r} draws it in {value.ink}, {on_en}",
                         f"数字格式 “{value.format}” 使其显示为颜色 {value.ink}，{on_zh}") if value.format
                        else (f"font colour {value.ink} {on_en}", f"字体颜色 {value.ink}，{on_zh}"))
        if value.by_rule:  # (whether its rule holds for the cell is not worked out: it may, and nobody sees the value)
            by_en, by_zh = (f"{by_en}, by a conditional format (Home > Conditional Formatting) when its rule holds",
                            f"{by_zh}，由条件格式（开始 > 条件格式）在其条件成立时设置")
        return self.t(f"{value.number!r}, stored in the cell but drawn in the colour of its background ({by_en}): "
                      f"nobody sees it on screen (make the value visible, or clear it: {advice})",
                      f"单元格中存储的 “{value.number}”，但其颜色与单元格背景相同（{by_zh}）：屏幕上看不到它"
                      f"（须使该值可见或将其清除：{advice}）")

    def _other_number(self, value: PercentFormat | ConstantFormat | DividedFormat, fmt_en: str, fmt_zh: str,
                      rule_en: str, rule_zh: str) -> str:
        """A number shown as another number without a unit word (a percentage in a score, a price, a number or a
        count; a constant; divided by 1,000): what the sheet shows, what the cell holds, what to enter (on a panel
        sheet, a score, with no field's unit)."""
        panel = self.get("file_role") == "panel"
        enter_en, enter_zh = (("a plain number", "请填写普通数字") if panel
                              else ("a plain number in the field's unit", "请按该项的单位填写普通数字"))
        head_en, head_zh = f"the number {value.number} stored in the cell, but shown", f"单元格中存储的数字 {value.number}，但"
        if isinstance(value, ConstantFormat):
            return self.t(f"{head_en} as {value.text!r} through the number format {fmt_en}, which shows that text in "
                          f"place of the number: the sheet shows {value.text!r}, not the {value.number} stored (enter "
                          f"the value itself, with the cell's format General{rule_en})",
                          f"{head_zh}数字格式 {fmt_zh} 不显示数字，只显示文字“{value.text}”：表中显示的“{value.text}”"
                          f"并非存储的 {value.number}（请直接填写该值，单元格格式设为“常规”{rule_zh}）")
        if isinstance(value, DividedFormat):
            return self.t(f"{head_en} as {value.shows} through the number format {fmt_en}, whose comma after the last "
                          f"digit divides it by {value.divisor:,}: the sheet shows a number other than the "
                          f"{value.number} stored (enter {enter_en}, with the cell's format General{rule_en})",
                          f"{head_zh}数字格式 {fmt_zh} 末位数字后的逗号使其除以 {value.divisor:,} 后显示为 {value.shows}："
                          f"表中显示的数与存储的 {value.number} 不同（{enter_zh}，单元格格式设为“常规”{rule_zh}）")
        as_en, as_zh = (f" as {value.shown}", f"显示为 {value.shown}") if value.shown else ("", "显示为百分比")
        # (a bid's percent field reads its percent cells as stored: only a price, a number or a count is refused so)
        (what_en, what_zh), (typed_en, typed_zh) = ((("a score", "得分"), ("a score", "得分")) if panel
                                                    else (("this field", "该项"), ("a number", "数字")))
        return self.t(f"{head_en}{as_en} through the percent format {fmt_en}: {what_en} is no percentage, and "
                      f"{typed_en} typed into such a cell is stored divided by 100 (enter {enter_en}, with the cell's "
                      f"format General{rule_en})",
                      f"{head_zh}通过百分比格式 {fmt_zh} {as_zh}：{what_zh}不是百分比，在此类单元格中输入的{typed_zh}会被"
                      f"除以 100 存储（{enter_zh}，单元格格式设为“常规”{rule_zh}）")

    def _literal_percent(self, value: LiteralPercentFormat, fmt_en: str, fmt_zh: str, rule_en: str,
                         rule_zh: str) -> str:
        """A number shown with a % sign written as text: what the sheet shows, what the cell holds, what to enter."""
        shown, meant = value.shown, value.meant
        as_en, as_zh = (f" as {shown}", f"（显示为 {shown}）") if shown else ("", "")
        head_en = (f"the number {value.number} shown{as_en} through the number format {fmt_en}, which writes "
                   f"{value.sign} as text")
        head_zh = f"数字 {value.number}{as_zh}，其数字格式 {fmt_zh} 把 {value.sign} 作为文字显示"
        expected = self.get("expected")
        if meant is None or getattr(expected, "kind", None) not in ("percent", "discount_rate"):
            return self.t(f"{head_en}: the cell holds the number {value.number} (enter a plain number in the field's "
                          f"unit, with the cell's format General{rule_en})",
                          f"{head_zh}：单元格中存储的是数字 {value.number}（请按该项的单位填写普通数字，单元格格式设为“常规”"
                          f"{rule_zh}）")
        held = plain_number(Decimal(value.number) * 100)
        percent, fraction = plain_number(meant * 100), plain_number(meant)
        return self.t(f"{head_en}: the cell holds {value.number}, which is {held} % (enter {percent}% as text, or "
                      f"{fraction} with the cell formatted as a percentage{rule_en})",
                      f"{head_zh}：单元格中存储的是 {value.number}，即 {held}%（请填写文本 {percent}%，"
                      f"或填写 {fraction} 并将单元格格式设为百分比{rule_zh}）")

    def kind(self, kind: Any) -> str:
        """A criterion kind in words."""
        value = getattr(kind, "value", kind)
        return KIND_NAMES[value].zh if self.zh else value


# How a cell's value is written where the reader does not take it (MisplacedValue.markup).
MISPLACED = {
    "inline_in_v": Label("写在内联文本单元格（t=\"inlineStr\"）的 <v> 中，而其文字应在 <is> 中",
                         'in <v> in a cell of inline text (t="inlineStr"), whose text belongs in <is>'),
    "before_v": Label("写在内联文本单元格（t=\"inlineStr\"）中一个 <v> 之前，而其文字只应在 <is> 中",
                      'before a <v> in a cell of inline text (t="inlineStr"), whose text belongs in <is> alone'),
    "before_formula": Label("写在该单元格的公式之前", "before the cell's formula"),
    "two_values": Label("是同一单元格中给出的两个值之一", "as one of two values given in one cell"),
}

def number(value: Decimal | int | float) -> str:
    """A number as people write it (``16``, not ``16.0``)."""
    from .values import plain_number

    return plain_number(value if isinstance(value, Decimal) else Decimal(str(value)))


def _percent(share: Decimal) -> str:
    """A share as a percentage to at most 2 places (``6.67%``, ``30%``)."""
    from .values import round_half_up

    return number(round_half_up(share * 100, 2)) + "%"


Template = Callable[[Say], str]
_TEMPLATES: dict[str, Template] = {}
_EXPECTED: dict[str, Template] = {}


def _template(code: str, table: dict[str, Template] = _TEMPLATES) -> Callable[[Template], Template]:
    def register(template: Template) -> Template:
        if code in table:  # pragma: no cover - a programming mistake
            raise ValueError(f"two templates for {code}")
        table[code] = template
        return template

    return register


def codes() -> tuple[str, ...]:
    """Every problem code that has a template (tests render each in both languages)."""
    return tuple(sorted(_TEMPLATES))


def expected_kinds() -> tuple[str, ...]:
    """Every kind of :class:`~bideval.errors.Expected` that has a template."""
    return tuple(sorted(_EXPECTED))


# -- rendering

def sentence(code: str, data: Mapping[str, Any], lang: str, ids: bool = False,
             rubric: "Rubric | None" = None) -> str:
    """The sentence of ``code`` with its facts ``data`` in ``lang``; KeyError for an unknown code."""
    return _TEMPLATES[code](Say(data, lang, ids, rubric))


def expected_text(expected: "Expected", lang: str, ids: bool = False, rubric: "Rubric | None" = None) -> str:
    """What a cell should have held, in words."""
    return _EXPECTED[expected.kind](Say(expected.facts, lang, ids, rubric))


def message(problem: "Problem", lang: str, ids: bool = False, rubric: "Rubric | None" = None) -> str:
    """A problem's sentence without its location; a problem without a code keeps its own (English) text."""
    if not problem.code or (ids and lang == "en"):
        return problem.message
    return sentence(problem.code, problem.data, lang, ids, rubric)


def render(problem: "Problem", lang: str, ids: bool = False, with_file: bool = True,
           rubric: "Rubric | None" = None) -> str:
    """One problem as a line: where, the field's label when a cell is about one, and the sentence.

    ``render(p, "en", ids=True)`` is ``str(p)``; ``with_file=False`` leaves the file out
    (a report that already groups problems by file).
    """
    where, subject, text = parts(problem, lang, ids, with_file, rubric)
    if ids and lang == "en":
        return f"{where}: {text}" if where else text
    head = " ".join(part for part in (where, subject) if part)
    colon = "：" if lang == "zh" and problem.code else ": "  # a problem without a code has only English
    return f"{head}{colon}{text}" if head else text


def parts(problem: "Problem", lang: str, ids: bool = False, with_file: bool = True,
          rubric: "Rubric | None" = None) -> tuple[str, str, str]:
    """(where, subject, sentence) of a problem, for a page that sets the location apart.

    ``subject`` is the label of the field a cell problem is about (empty otherwise, and in the
    command line's English).
    """
    check_lang(lang)
    where = problem.where if with_file else problem.where.removeprefix(problem.file).removeprefix(":")
    field = problem.data.get("field")
    subject = "" if field is None or (ids and lang == "en") else Say(problem.data, lang, ids, rubric).label(field)
    return where, subject, message(problem, lang, ids, rubric)


def error_lines(error: "BidEvalError", lang: str, ids: bool = False, rubric: "Rubric | None" = None,
                with_file: bool = True) -> list[str]:
    """Every line of an error in ``lang``: one per problem, or the error's own sentence."""
    problems = getattr(error, "problems", None)
    if problems is not None:
        return [render(p, lang, ids, with_file, rubric) for p in problems]
    code, data = error_code(error)
    if code in _TEMPLATES and not (ids and lang == "en"):
        return [sentence(code, data, lang, ids, rubric)]
    return str(error).splitlines() or [type(error).__name__]


def error_code(error: "BidEvalError") -> tuple[str, Mapping[str, Any]]:
    """An error's code and facts: ``code``/``data`` of a coded error, or ``score.refused`` of a refused score."""
    if getattr(error, "code", ""):
        return error.code, error.data
    if getattr(error, "refusal", None) is not None:  # a score check_score refused, with its facts
        return "score.refused", {"refusal": error.refusal}  # type: ignore[attr-defined]
    return "", {}


def row_lines(lines: Iterable[str], vendor_id: str, vendor_name: str, criterion: Any, lang: str,
              rubric: "Rubric | None" = None) -> list[str]:
    """``lines`` about one bid on one criterion — a row of the scoring, tiers or consensus grid — the first naming
    them: ``91110000802100433B 甲公司 / 运营管理能力：…`` (``criterion``: a criterion, a Named, or an id ``rubric`` knows).

    >>> row_lines(["8 is outside the allowed range 10.1–15", "second line"], "V1", "Acme", "ops_plan", "en")
    ['V1 Acme / ops_plan: 8 is outside the allowed range 10.1–15', 'second line']
    """
    s = Say({}, lang, False, rubric)
    head = f"{vendor_id} {vendor_name} / {s.label(criterion)}{s.t(': ', '：')}"
    first, *rest = list(lines) or [""]
    return [head + first, *rest]


def refused_lines(error: "BidEvalError", lang: str, vendor_id: str, vendor_name: str, criterion: Any,
                  rubric: "Rubric | None" = None, unsaved: bool = False, typed: str | None = None) -> list[str]:
    """Every line of ``error``, which refused a change to one bid on one criterion, in ``lang`` (:func:`row_lines`):
    a score refused for its value ends saying it was not saved; a conflict says so itself; with ``unsaved``, every
    other refusal (the bid removed, the seat locked) ends saying that the change (``typed``, when it was a value) was
    not saved. Without it, the refusal says itself what became of the change (the tier comes first; the bidder is one
    the judge is recused from …)."""
    from .allowed_scores import NO_TIER

    lines = error_lines(error, lang, rubric=rubric)
    refusal = getattr(error, "refusal", None)
    say = Say({}, lang, False)
    if refusal is not None and refusal.reason != NO_TIER and lines:
        lines[-1] += say.t("; not saved.", "，未保存。")
    elif unsaved and refusal is None and getattr(error, "code", None) != "store.write_conflict" and lines:
        lines[-1] += (say.t(f"; your {typed} was not saved.", f"，您的 {typed} 未保存。") if typed is not None
                      else say.t("; your change was not saved.", "，您的修改未保存。"))
    return row_lines(lines, vendor_id, vendor_name, criterion, lang, rubric)


def reason_label(code: str, **data: Any) -> Label:
    """An invalid bid's reason text in both languages (:class:`bideval.result.Reason` keeps both)."""
    return Label(sentence(code, data, "zh"), sentence(code, data, "en"))


# -- what a cell should have held

@_template("text", _EXPECTED)
def _(s: Say) -> str:
    return str(s["text"])


@_template("a_text", _EXPECTED)
def _(s: Say) -> str:
    return s.t("a text", "文字")


@_template("vendor_code", _EXPECTED)
def _(s: Say) -> str:
    return s.t("a vendor ID of letters and digits (an 18-character unified social credit code; - _ . / allowed)",
               "由字母和数字组成的投标人代码（18位统一社会信用代码；可含 - _ . /）")


@_template("text_as_shown", _EXPECTED)
def _(s: Say) -> str:
    return s.t("the answer as text, as the sheet should show it (type it into a cell formatted as Text, @, or start "
               "it with an apostrophe ')", "以文本填写的答案，即表中应显示的内容（在设为“文本”格式（@）的单元格中填写，"
               "或以单引号 ' 开头）")


@_template("text_as_held", _EXPECTED)
def _(s: Say) -> str:
    if s["hidden"]:  # what to do (make it visible, or clear it) is said with what the cell holds
        return s.t("the answer as text, seen on screen as the cell holds it", "以文本填写、屏幕上可见且与单元格所存内容一致的答案")
    return s.t(f"the answer as text, shown as the cell holds it: this cell shows something other than the "
               f"{s['held']} it holds (type the answer as text, in a cell formatted as Text, @, or start it with an "
               "apostrophe ')", f"以文本填写、显示与所存内容一致的答案：本单元格显示的内容与其中存储的 {s['held']} 不同"
               "（请以文本填写答案：在设为“文本”格式（@）的单元格中填写，或以单引号 ' 开头）")


@_template("not_an_error", _EXPECTED)
def _(s: Say) -> str:
    return s.t("a value (a typed answer, or a formula that works out)", "一个值（填写的内容，或能算出结果的公式）")


@_template("bool", _EXPECTED)
def _(s: Say) -> str:
    if s.ids:
        return "yes or no (是/否, Y/N, 1/0, ✓/✗)"
    return s.t("yes or no (Y/N, 1/0, ✓/✗)", "是或否（是/否、Y/N、1/0、✓/✗）")


def _at_least_zero(s: Say, en: str, zh: str, en_rule: str = " (0 or more)") -> str:
    if s.get("non_negative"):
        return s.t(en + en_rule, "不小于 0 的" + zh)
    return s.t(en, zh)


@_template("integer", _EXPECTED)
def _(s: Say) -> str:
    return _at_least_zero(s, "a whole number", "整数") + _without_unit(s)


@_template("number", _EXPECTED)
def _(s: Say) -> str:
    return _at_least_zero(s, "a number", "数字") + _without_unit(s)


def _without_unit(s: Say) -> str:
    """What to do about a word after the number (2天): enter the number alone, converted to the field's own unit.
    No number is suggested: 2天 in a field in hours is 48, not 2, and 5% or 2 to 3 years are not 5 or 2."""
    if not s.get("word_after"):
        return ""
    if unit := s.get("unit"):
        return s.t(f", without a unit (this field is in {unit}: convert to {unit} and type the number alone)",
                   f"，不带单位（本项单位为“{unit}”：换算成{unit}后只填数字）")
    return s.t(", without a unit (type the number alone)", "，不带单位（只填数字）")


@_template("money", _EXPECTED)
def _(s: Say) -> str:
    from .values import TEN_THOUSAND_UNIT

    from .currency import currency

    in_10k = s.get("unit") == TEN_THOUSAND_UNIT
    code = s.get("currency") or "CNY"
    unit_en = ("10,000 yuan (万元)" if s.ids else "10,000 yuan") if in_10k else "yuan" if code == "CNY" else code
    unit_zh = "万元" if in_10k else currency(code).name.zh
    text = _at_least_zero(s, f"an amount in {unit_en}", f"金额（{unit_zh}）", ", 0 or more")
    if s.get("other"):  # written in another currency's notation: $ in a yuan tender, ¥ or 万 in a dollar one
        other = currency(s["other"]).title
        text += s.t(f" (not {other.en} notation {s['mark']!r}: this tender is in {code})",
                    f"（不能使用{other.zh}的写法“{s['mark']}”：本项目币种为 {code}）")
    return text


@_template("text_within", _EXPECTED)
def _(s: Say) -> str:
    return s.t(f"a text of at most {s['limit']:,} characters, the most an Excel cell holds (this one has "
               f"{s['length']:,})", f"不超过 {s['limit']:,} 个字符的文本，即 Excel 单元格的上限（此处有 {s['length']:,} 个）")


@_template("name_within", _EXPECTED)
def _(s: Say) -> str:
    return s.t(f"a bidder's name of at most {s['limit']:,} characters (this one has {s['length']:,})",
               f"不超过 {s['limit']:,} 个字符的投标人名称（此处有 {s['length']:,} 个）")


@_template("judge_within", _EXPECTED)
def _(s: Say) -> str:
    return s.t(f"a judge's name of at most {s['limit']:,} characters (this one has {s['length']:,})",
               f"不超过 {s['limit']:,} 个字符的评委姓名（此处有 {s['length']:,} 个）")


@_template("id_within", _EXPECTED)
def _(s: Say) -> str:
    return s.t(f"a bidder's code of at most {s['limit']:,} characters, spaces left out (this one has {s['length']:,})",
               f"不超过 {s['limit']:,} 个字符的投标人代码（不计空格，此处有 {s['length']:,} 个）")


@_template("text_not_long_number", _EXPECTED)
def _(s: Say) -> str:
    return s.t(f"the text as typed: a number of more than {s['digits']} digits keeps only its first {s['digits']} in a "
               f"spreadsheet, so this is no longer what was typed (enter it as text, starting with an apostrophe ')",
               f"按原样填写的文本：超过 {s['digits']} 位的数字在电子表格中只保留前 {s['digits']} 位，已不是原来填写的内容"
               f"（请以文本填写，以单引号 ' 开头）")


@_template("below_largest", _EXPECTED)
def _(s: Say) -> str:
    within = _EXPECTED[s["within"].kind](s.with_data(s["within"].facts))
    return s.t(f"{within}, below {s['largest']:,f} (Excel keeps 15 digits)",
               f"{within}，且小于 {s['largest']:,f}（Excel 只保留 15 位有效数字）")


@_template("comma_after_zero", _EXPECTED)
def _(s: Say) -> str:
    """A number written with a comma after a leading 0 (``0,500``): what the cell asks for, with a decimal point."""
    within = _EXPECTED[s["within"].kind](s.with_data(s["within"].facts))
    point = s["point"]
    return s.t(f"{within}, written with a decimal point{f' ({point})' if point else ''}: a comma after a leading 0 "
               "is no thousands separator",
               f"{within}，以小数点书写{f'（{point}）' if point else ''}：0 后的逗号不会是千位分隔符")


@_template("percent", _EXPECTED)
def _(s: Say) -> str:
    """A percentage, with the field's own example when its rubric gives one (``example: 5%``), else 96%."""
    example = s.get("example")
    if example is None:
        return s.t("a percentage such as 96% (or a fraction 0..1 such as 0.96)",
                   "百分比，如 96%（或 0 到 1 之间的小数，如 0.96）")
    percent, fraction = plain_number(example * 100), plain_number(example)
    return s.t(f"a percentage such as {percent}% (or a fraction 0..1 such as {fraction})",
               f"百分比，如 {percent}%（或 0 到 1 之间的小数，如 {fraction}）")


@_template("discount_rate", _EXPECTED)
def _(s: Say) -> str:
    low, below = plain_number(s["min"] * 100), plain_number(s["below"] * 100)
    return s.t(f"a discount rate (下浮率) of at least {low}% and below {below}%, such as 12% (or a fraction such as 0.12)",
               f"不小于 {low}% 且小于 {below}% 的下浮率，如 12%（或小数，如 0.12）")


@_template("choice", _EXPECTED)
def _(s: Say) -> str:
    return s.t("one of ", "以下之一：") + s.join(s["choices"])


@_template("price_model", _EXPECTED)
def _(s: Say) -> str:
    """The tender's pricing models, each a text the bidder may type: as the bid form's hint lists them
    (``按通计费 (Per call)``), in Chinese as its drop-down does (``按通计费``)."""
    return s.t("a pricing model: " + ", ".join(f"{m.label.zh} ({m.label.en})" for m in s["models"]),
               "以下报价方式之一：" + "、".join(m.label.zh for m in s["models"]))


@_template("sme_category", _EXPECTED)
def _(s: Say) -> str:
    if s.ids:
        names = ", ".join(f"{c.label.zh} ({c.label.en})" if c.label.zh != c.label.en else c.label.zh
                          for c in s["categories"])
        return f"an SME category: {names}, or 否 (no)"
    return s.t("an SME category: ", "中小企业类别之一：") + s.join(s.label(c) for c in s["categories"]) + s.t(
        ", or no", "，或“否”")


@_template("vendor", _EXPECTED)
def _(s: Say) -> str:
    close = s.get("suggestion")
    if s.ids:
        return "the vendor_id of a bid" + (f"; did you mean {close}?" if close else "")
    return (s.t("the vendor ID (unified social credit code) of a bid in this tender",
                "本项目中某一投标的统一社会信用代码")
            + (s.t(f"; did you mean {close}?", f"；是否应为 {close}？") if close else ""))


@_template("criterion_of", _EXPECTED)
def _(s: Say) -> str:
    what = {"tiered": Label("分档评分项", "a tiered criterion"),
            "panel": Label("评委评分项", "a panel criterion")}[s["role"]]
    return f"{what.text(s.lang)}{s.t(' (', '（')}{s.criteria(s['criteria'])}{s.t(')', '）')}"


@_template("judge_name", _EXPECTED)
def _(s: Say) -> str:
    return s.t("the judge's name", "评委姓名")


@_template("judge_member", _EXPECTED)
def _(s: Say) -> str:
    members = s.join(s["members"]) or s.t("nobody", "无")
    return s.t(f"a judge on the {s['sheet']} sheet ({members})", f"工作表 {s['sheet']} 中列出的评委（{members}）")


@_template("score_range", _EXPECTED)
def _(s: Say) -> str:
    low, high, tier = number(s["low"]), number(s["high"]), s.get("tier")
    if s.ids:
        return f"a number from {low} to {high}" + (f" (the agreed tier {tier.id} {tier.label.zh})" if tier else "")
    if s.zh:
        return f"{low} 到 {high} 之间的数字" + (f"（已定档次：{tier.label.zh}）" if tier else "")
    return f"a number from {low} to {high}" + (f" (the agreed tier: {tier.label.en})" if tier else "")


@_template("score_max", _EXPECTED)
def _(s: Say) -> str:
    top = number(s["max"])
    return s.t(f"a score from 0 to {top} for {s.name(s['criterion'])}", f"{s.name(s['criterion'])}的得分，0 到 {top}")


@_template("score_in_tier", _EXPECTED)
def _(s: Say) -> str:
    """A score inside the agreed tier (``step``, when the criterion has one: on its step, ``in whole points``)."""
    from .allowed_scores import step_clause, step_text

    step = s.get("step")
    en = "" if step is None else f", {step_clause(step, 'en')}"  # …, in whole points
    zh = "" if step is None else f"（{step_text(step, 'zh')}）"
    return s.t(f"a score inside the agreed tier {s.tier(s['tier'])} for {s.name(s['criterion'])}{en}",
               f"{s.name(s['criterion'])}已定档次{s.tier(s['tier'])}之内的得分{zh}")


@_template("grades", _EXPECTED)
def _(s: Say) -> str:
    from .allowed_scores import grades_text

    grades = grades_text(s["grades"], s.get("step"), s.lang)
    return s.t(f"a score allowed by the grades of {s.name(s['criterion'])}: {grades}",
               f"{s.name(s['criterion'])}的等级所允许的得分：{grades}")


@_template("grade_label", _EXPECTED)
def _(s: Say) -> str:
    """A ``score · grade`` choice whose grade is not the one the score lies in (``mismatch``: a GradeMismatch)."""
    from .allowed_scores import grades_text

    lang = None if s.ids else s.lang  # the command line names a grade in both languages, as the drop-down does
    grades = grades_text(s["grades"], s.get("step"), lang)
    fits = _grade_fit(s, s["mismatch"])
    return s.t(f"a grade that goes with its score on {s.name(s['criterion'])} ({grades}): {fits}",
               f"{s.name(s['criterion'])}中与得分相符的等级（{grades}）：{fits}")


def _grade_fit(s: Say, mismatch: Any) -> str:
    """Why a ``score · grade`` choice's grade does not go with its score (``mismatch``: a GradeMismatch): the grade
    the score lies in, and what the grade written is. The command line names a grade in both languages."""
    lang = None if s.ids else s.lang
    score, label, grade, named = number(mismatch.score), mismatch.label, mismatch.grade, mismatch.named
    name_of = (lambda g: g.label.both()) if lang is None else (lambda g: g.label.text(s.lang))
    if grade is not None:
        fits = s.t(f"{score} is the grade {name_of(grade)}", f"{score} 分属于等级“{name_of(grade)}”")
    else:
        fits = s.t(f"{score} lies in no grade", f"{score} 分不属于任何等级")
    if named is None:
        fits += s.t(f", and {label!r} is none of its grades", f"，且“{label}”不是该项的等级")
    elif grade is not None:
        fits += s.t(f", not {label!r}", f"，而非“{label}”")
    else:
        fits += s.t(f", and {label!r} is the grade {named.text(lang)}", f"，而“{label}”是等级 {named.text(lang)}")
    return fits


@_template("refusal", _EXPECTED)
def _(s: Say) -> str:
    """What a score check_score refused should have been (``refusal``: a ScoreRefusal)."""
    from .allowed_scores import (GRADE_MISMATCH, NEGATIVE, NO_GRADES, NOT_A_GRADE, OFF_STEP, OUTSIDE_TIER,
                                 SCORE_AND_GRADE, SIGNED_ZERO, TOO_MANY_DECIMALS)

    refusal = s["refusal"]
    criterion = refusal.criterion
    if refusal.reason == SIGNED_ZERO:  # -0 where 0 is allowed: the range, as for a negative score, and the sign
        within = _EXPECTED["refusal"](s.with_data({"refusal": replace(refusal, reason=NEGATIVE)}))
        return s.t(f"{within}, written without a minus sign", f"{within}，不带负号")
    if refusal.reason in (OUTSIDE_TIER, NEGATIVE, OFF_STEP) and refusal.tier is not None:
        return _EXPECTED["score_in_tier"](s.with_data({"tier": refusal.tier, "criterion": criterion,
                                                       "step": refusal.step}))
    if refusal.reason in (NOT_A_GRADE, OFF_STEP):
        return _EXPECTED["grades"](s.with_data({"criterion": criterion, "grades": refusal.grades,
                                                "step": refusal.step}))
    if refusal.reason == GRADE_MISMATCH:
        return _EXPECTED["grade_label"](s.with_data({"criterion": criterion, "grades": refusal.grades,
                                                     "step": refusal.step, "mismatch": refusal.mismatch}))
    if refusal.reason == SCORE_AND_GRADE:
        return s.t(f"one score for {s.name(criterion)}: typed, or picked as a grade, or the same in both",
                   f"{s.name(criterion)}的一个得分：填写得分或选择等级，两者都填时须一致")
    if refusal.reason == NO_GRADES:
        return s.t(f"a score typed for {s.name(criterion)}, which is not scored by grade",
                   f"{s.name(criterion)}的得分（该项不按等级打分，直接填写）")
    if refusal.reason == TOO_MANY_DECIMALS:
        places = refusal.decimals
        return s.t(f"a score with at most {places} decimal place(s) for {s.name(criterion)}",
                   f"{s.name(criterion)}的得分，最多 {places} 位小数")
    low, high = number(refusal.low or 0), number(refusal.high or 0)
    return s.t(f"a score from {low} to {high} for {s.name(criterion)}", f"{s.name(criterion)}的得分，{low} 到 {high}")


@_template("tier_of", _EXPECTED)
def _(s: Say) -> str:
    return s.t(f"a tier of {s.name(s['criterion'])}: {s.tiers(s['tiers'])}",
               f"{s.name(s['criterion'])}的档次之一：{s.tiers(s['tiers'])}")


# -- a cell

@_template("cell")
def _(s: Say) -> str:
    expected = _EXPECTED[s["expected"].kind](Say(s["expected"].facts, s.lang, s.ids, s.rubric))
    gap = " " if expected[:1].isascii() and expected[:1].isalnum() else ""  # 应为 0 到 15…, 应为金额…
    return s.t(f"expected {expected}, found {s.found(s['found'])}", f"应为{gap}{expected}，实际为 {s.found(s['found'])}")


# -- files and folders

@_template("files.not_xlsx_suffix")
def _(s: Say) -> str:
    return s.t(f"not an .xlsx workbook ({s['suffix']} file); save it as .xlsx",
               f"不是 .xlsx 工作簿（{s['suffix']} 文件）；请另存为 .xlsx")


@_template("files.misnamed_workbook")
def _(s: Say) -> str:
    suffix = s["suffix"]
    ends_en = f"it ends in {suffix!r}" if suffix else "it has no extension"
    ends_zh = f"实际以“{suffix}”结尾" if suffix else "实际没有扩展名"
    if s["kind"] == "xlsx":
        do_en, do_zh = f"rename it to {s['rename']!r}", f"请将其重命名为“{s['rename']}”"
    else:
        found = FOUND[s["kind"]]
        do_en, do_zh = (f"it is {found.en}: open it in Excel, remove any password and save it as {s['rename']!r} "
                        f"(Excel Workbook)", f"它是{found.zh}：请用 Excel 打开，去掉密码后另存为“{s['rename']}”（Excel 工作簿）")
    return s.t(f"this file is an Excel workbook, but its name does not end in '.xlsx' ({ends_en}), so a folder's "
               f"reading would pass it over; {do_en} and run again",
               f"此文件是 Excel 工作簿，但文件名不以“.xlsx”结尾（{ends_zh}），读取文件夹时会被跳过；{do_zh}，然后重新运行")


@_template("cells.merged")
def _(s: Say) -> str:
    first = s["range"].split(":")[0]
    return s.t(f"cells {s['range']} are merged: Excel keeps the value shown across them in {first} alone, and the other "
               f"cells are empty; unmerge them and write the value in each cell",
               f"单元格 {s['range']} 为合并单元格：合并后所见的值只保存在 {first} 中，其余单元格为空；"
               f"请取消合并，并在每个单元格中分别填写")


@_template("files.subfolder")
def _(s: Say) -> str:
    count, archived, archives = s["workbooks"], s.get("archived") or 0, tuple(s.get("archives") or ())
    some_en, some_zh = ("", "") if archived == count else (f"{archived} of them ", f"其中 {archived} 个")
    zipped_en = f" ({some_en}in {'an archive' if len(archives) == 1 else 'archives'}: {', '.join(archives)}, to " \
                f"extract)" if archives else ""
    zipped_zh = f"（{some_zh}在压缩文件中：{'、'.join(archives)}，须解压）" if archives else ""
    return s.t(f"this folder holds {count} Excel workbook{'s' if count != 1 else ''}{zipped_en}, which "
               f"{'are' if count != 1 else 'is'} not read: a folder is read without the folders inside it; move "
               f"{'them' if count != 1 else 'it'} into the folder above, or name this folder too",
               f"此文件夹内有 {count} 个 Excel 工作簿{zipped_zh}，不会被读取（只读取所给文件夹本身，不含其中的子文件夹）："
               f"请把它们移到上一级文件夹，或同时指定此文件夹")


@_template("files.archive")
def _(s: Say) -> str:
    names = tuple(s["workbooks"])
    count = len(names)
    shown = _archived(s, names)
    nested = any(_ARCHIVE_IN_NAME.search(name) for name in names)
    others = _not_xlsx(names)
    nested_en = "; extract the archives inside it too" if nested else ""
    nested_zh = "；其中的压缩文件也须解压" if nested else ""
    save_en = f"; save a workbook that is not .xlsx ({', '.join(others)}) as .xlsx" if others else ""
    save_zh = f"；不是 .xlsx 的工作簿（{'、'.join(others)}）请另存为 .xlsx" if others else ""
    return s.t(f"this archive holds {count} Excel workbook{'s' if count != 1 else ''} ({shown}), which "
               f"{'are' if count != 1 else 'is'} not read: an archive in the folder is not opened; extract "
               f"{'them' if count != 1 else 'it'} into the folder{nested_en}{save_en}, and move the archive out of it",
               f"此压缩文件内有 {count} 个 Excel 工作簿（{shown}），不会被读取（文件夹中的压缩文件不会被打开）："
               f"请将其解压到该文件夹{nested_zh}{save_zh}，并把压缩文件移出该文件夹")


_ARCHIVED_SHOWN = 5  # workbooks an archive's message names; more are told by their count
_ARCHIVE_IN_NAME = re.compile(r"\.(?:zip|7z|rar|tar|gz|tgz|bz2|xz|zst)/", re.IGNORECASE)


def _archived(s: Say, names: Sequence[str]) -> str:
    """The names of what an archive holds, the first :data:`_ARCHIVED_SHOWN` of them, then ``…``."""
    return s.join(names[:_ARCHIVED_SHOWN]) + ("…" if len(names) > _ARCHIVED_SHOWN else "")


def _not_xlsx(names: Iterable[str]) -> list[str]:
    """The suffixes other than .xlsx of workbooks in an archive, each once, in lower case: '.et' of '嘉禾/jiahe.ET'."""
    return sorted({suffix for name in names if (suffix := _suffix(name)) != ".xlsx"})


def _suffix(name: str) -> str:
    """The suffix of a file's name inside an archive, in lower case: '.et' of '嘉禾/jiahe.ET'."""
    base = name.rsplit("/", 1)[-1]
    return base[base.rfind("."):].lower() if "." in base else ""


@_template("files.archive_not_read")
def _(s: Say) -> str:
    return s.t(f"this is an archive ({s['kind']}), which bid-eval does not open, so no workbook in it is read: check "
               "that it holds no bid form or score sheet (scanned attachments only); if it does, extract that workbook "
               "into the folder",
               f"这是压缩文件（{s['kind']}），bid-eval 不会打开它，其中的工作簿都不会被读取：请核对其中没有投标文件或评分表"
               "（只有扫描件等附件）；如有，请将该工作簿解压到该文件夹")


@_template("files.archive_unchecked")
def _(s: Say) -> str:
    books, archives = tuple(s["workbooks"]), tuple(s["archives"])
    sheets = s.join(s.q(name) for name in s["sheets"])
    parts_en, parts_zh = [], []
    if books:
        shown = _archived(s, books)
        parts_en.append(f"{len(books)} Excel workbook{'s' if len(books) != 1 else ''} ({shown}) with no sheet "
                        f"{sheets}, no rubric mark and no vendor_id, so no form")
        parts_zh.append(f"{len(books)} 个 Excel 工作簿（{shown}），其中没有工作表{sheets}、评分办法标记或 vendor_id，"
                        "不是投标文件或评分表")
    if archives:
        shown = _archived(s, archives)
        parts_en.append(f"{len(archives)} archive{'s' if len(archives) != 1 else ''} bid-eval does not open ({shown})")
        parts_zh.append(f"{len(archives)} 个 bid-eval 不会打开的压缩文件（{shown}）")
    return s.t(f"this archive holds {' and '.join(parts_en)}, which are not read: check that it holds no bid form "
               "or score sheet; if it does, extract that workbook into the folder",
               f"此压缩文件内有 {'，以及 '.join(parts_zh)}，均不会被读取：请核对其中没有投标文件或评分表；如有，"
               "请将该工作簿解压到该文件夹")


@_template("files.empty_archive")
def _(s: Say) -> str:
    held = s.t("a bid form or a score sheet (an .xlsx workbook), or a bid's attachments", "投标文件或评分表（.xlsx 工作簿）或投标附件")
    return s.t(f"this archive is empty: it holds no file, so there is nothing in it to read; expected {held}: if one "
               "was meant to be in it, zip it again with the file in it, or give the file itself",
               f"此压缩文件是空的：其中没有任何文件，无可读取；应为{held}：如本应装有文件，请重新压缩并放入该文件，或直接提供该文件")


@_template("files.uploaded_archive")
def _(s: Say) -> str:
    names = tuple(s["workbooks"])
    count = len(names)
    if count:
        shown = _archived(s, names)
        others = _not_xlsx(names)
        save_en = f" (a workbook not .xlsx, {', '.join(others)}: save it as .xlsx first)" if others else ""
        save_zh = f"（不是 .xlsx 的工作簿（{'、'.join(others)}）请先另存为 .xlsx）" if others else ""
        return s.t(f"this archive holds {count} Excel workbook{'s' if count != 1 else ''} ({shown}), which "
                   f"{'are' if count != 1 else 'is'} not read: the app opens no archive; extract "
                   f"{'them' if count != 1 else 'it'} and upload {'the workbooks' if count != 1 else 'the workbook'}"
                   f"{save_en}",
                   f"此压缩文件内有 {count} 个 Excel 工作簿（{shown}），不会被读取（系统不打开压缩文件）：请解压后上传该工作簿{save_zh}")
    if s["listed"]:
        return s.t("this archive lists no bid form (attachments only), so it is not a bid and nothing of it is read: "
                   "the app opens no archive; upload a bid's PDF or image attachments as files of their own",
                   "此压缩文件中没有投标文件（只有附件），不是投标，其中内容均不会被读取（系统不打开压缩文件）："
                   "投标的 PDF 或图片附件请作为单独的文件上传")
    return s.t(f"this is an archive ({s['kind']}), which the app does not open, so what it holds is not read: if it "
               "holds a bid form, extract it and upload the workbook; upload a bid's PDF or image attachments as files "
               "of their own",
               f"这是压缩文件（{s['kind']}），系统不会打开它，其中内容均不会被读取：如其中有投标文件，请解压后上传该工作簿；"
               "投标的 PDF 或图片附件请作为单独的文件上传")


@_template("files.empty_folder")
def _(s: Say) -> str:
    return s.t("the folder holds no .xlsx workbook", "文件夹中没有 .xlsx 工作簿")


@_template("files.ranked_workbook")
def _(s: Say) -> str:
    sheets = s.join(s.q(name) for name in s["sheets"])
    if s["role"] == "panel":
        return s.t(f"this is a result of bid-eval (a ranked workbook, sheets {sheets}), not a panel workbook: its "
                   f"scores are an earlier evaluation's; give the panel workbook the judges' scores are in",
                   f"这是 bid-eval 输出的评审结果（排名工作簿，工作表{sheets}），不是评委评分工作簿：其中的分数"
                   f"来自此前的一次评审；请提供载有评委评分的工作簿")
    return s.t(f"this is a result of bid-eval (a ranked workbook, sheets {sheets}), not a bid workbook; give the bid "
               f"forms or the consolidated bids workbook, and keep results out of the bids folder",
               f"这是 bid-eval 输出的评审结果（排名工作簿，工作表{sheets}），不是投标工作簿；请提供投标文件或投标汇总表，"
               f"并且不要把评审结果放在投标文件夹中")


_MADE = {"panel": Label("评分表", "score sheet"), "bids": Label("投标填报表", "bid form")}


@_template("files.other_rubric")
def _(s: Say) -> str:
    kind = _MADE[s["role"]]
    return s.t(f"a {kind.en} for rubric {s.q(s['made_for'])}, not {s.q(s['rubric'])}: it was made for another tender "
               f"or lot (its document properties name the rubric); give the {kind.en} made from {s.q(s['rubric'])}",
               f"这是评分标准{s.q(s['made_for'])}的{kind.zh}，不是{s.q(s['rubric'])}的：它是为另一个项目或分包制作的"
               f"（文档属性中记有评分标准）；请提供按{s.q(s['rubric'])}制作的{kind.zh}")


@_template("files.no_tender")
def _(s: Say) -> str:
    this, this_zh = f"#{s['tender']} ({s['tender_name']})", f"#{s['tender']}（{s['tender_name']}）"
    return s.t(f"this score sheet names no tender (its document properties were removed, or it was not made by the "
               f"app): check it is this tender {this}'s, not another lot's, before importing it",
               f"此评分表未注明招标项目（其文档属性已被删除，或不是由本系统生成的）：导入前请确认它是本项目 {this_zh}的评分表，"
               f"而不是其他分包的")


@_template("files.other_tender")
def _(s: Say) -> str:
    made, this = f"#{s['made_for']} ({s['made_for_name']})", f"#{s['tender']} ({s['tender_name']})"
    made_zh, this_zh = f"#{s['made_for']}（{s['made_for_name']}）", f"#{s['tender']}（{s['tender_name']}）"
    elsewhere = (Label("另一套 bid-eval（另一个数据库）中的", " of another copy of bid-eval (another database)")
                 if s["made_for"] == s["tender"] else Label("", ""))  # (its own #3 of another database)
    return s.t(f"this score sheet was made for tender {made}{elsewhere.en}, not this tender {this}: download this "
               f"tender's score sheet",
               f"此评分表是为{elsewhere.zh}招标项目 {made_zh}制作的，不是本项目 {this_zh}：请下载本项目的评分表")


@_template("files.other_version")
def _(s: Say) -> str:
    kind = _MADE[s["role"]]
    made, now = s["made_from"][:12], s["now"][:12]
    check = (Label("核对其档次和分数范围是否仍与评委所见一致", "check that its tiers and ranges are still the ones the judge saw")
             if s["role"] == "panel" else
             Label("核对其字段和说明是否仍与投标人所答一致", "check that its fields and notes still ask what the bidder answered"))
    others = s.get("others", ())
    if others:
        shown = ", ".join(others[:5]) + (", …" if len(others) > 5 else "")
        these = Label(f"此{kind.zh}及另外 {len(others)} 份（{shown}）", f"this {kind.en} and {len(others)} more ({shown})")
        were = "were"
    else:
        these, were = Label(f"此{kind.zh}", f"this {kind.en}"), "was"
    return s.t(f"{these.en} {were} made from another version of rubric {s.q(s['rubric'])} (SHA-256 {made}…; this "
               f"version {now}…): read against this version; {check.en}",
               f"{these.zh}由评分标准{s.q(s['rubric'])}的另一版本制作（SHA-256 {made}…；当前版本 {now}…）：按当前版本读取；"
               f"请{check.zh}")


@_template("bids.unit_changed")
def _(s: Say) -> str:
    unit, stated = s["unit"], s["stated"]  # each as the form's column D writes it: 万元 / 10,000 yuan
    field = s.name(s["field"]) if s.ids else s.t("this field", "该字段")  # (the app's line starts with its label)
    period = s.get("period")  # (a price per month: the period its label says, when column D says another)
    per_en, per_zh = (f" per {period.en}", f"/{period.zh}") if period else ("", "")
    reads_en = f"reads {field} in {unit}{per_en}" if unit else f"gives {field} no unit"
    reads_zh = f"按“{unit.split(' / ')[0]}{per_zh}”读取{field}" if unit else f"未给{field}规定单位"
    if s["amended"]:
        why = Label("该表由评分标准的另一版本制作；请投标人在按当前版本制作的填报表上重新填写",
                    "the form was made from another version of the rubric; have the bidder answer on a form made from "
                    "this version")
    elif not s.get("marked", True):  # (no mark: made by hand, or its sheet copied into another workbook)
        why = Label("D 列注明的单位与评分标准不同；请向投标人确认所填数值的单位，并按评分标准的单位填写",
                    "column D of the form names another unit; ask the bidder which unit the answer is in, and have it "
                    "given in the rubric's unit")
    else:
        why = Label("D 列的单位被改过；请向投标人确认所填数值的单位，并按评分标准的单位填写",
                    "column D of the form was changed; ask the bidder which unit the answer is in, and have it given in "
                    "the rubric's unit")
    said = _BOTH_LANGUAGES.fullmatch(stated)  # a unit as bid-eval writes it (万元 / 10,000 yuan): its Chinese half
    return s.t(f"the form says {stated} but the rubric {reads_en}: {why.en}",
               f"填报表注明单位为“{said.group(1) if said else stated}”，但评分标准{reads_zh}：{why.zh}")


_BOTH_LANGUAGES = re.compile(r"([^;/\n]+?) / [\x20-\x7e]+")


@_template("files.missing")
def _(s: Say) -> str:
    return s.t("no such file or folder", "找不到该文件或文件夹")


@_template("workbook.damaged")
def _(s: Say) -> str:
    part_en, part_zh = ("the sheet", "工作表") if s["part"] == "sheet" else ("the workbook", "工作簿")
    cause = s["cause"]
    if s.zh:
        why = {"missing": "工作簿中列有该工作表，但文件包里缺少它", "xml": "XML 结构损坏"}.get(cause, "内容无法解析")
        return f"文件已损坏：{part_zh}无法读取（{why}）；请用 Excel 打开后重新保存"
    why = {"missing": "the workbook lists it, but its part is missing from the package",
           "xml": f"broken XML: {s['detail']}"}.get(cause, s["detail"])
    return f"damaged .xlsx: {part_en} cannot be read ({why}); open it in Excel and save it again"


@_template("workbook.reader_stopped")
def _(s: Say) -> str:
    part_en, part_zh = ("the sheet", "工作表") if s["part"] == "sheet" else ("the workbook", "工作簿")
    if s.get("number") is not None:
        how = f"信号 {s['number']}"
    elif s.get("seconds") is not None:
        how = f"超过 {s['seconds']} 秒"
    else:
        how = "异常退出"
    return s.t(f"damaged .xlsx: the spreadsheet reader stopped while reading {part_en} ({s['signal']}), so it cannot "
               f"be read; open it in Excel and save it again, or ask for the file again",
               f"文件已损坏：读取{part_zh}时表格读取程序异常终止（{how}），无法读取；"
               f"请用 Excel 打开后重新保存，或请对方重新提供该文件")


@_template("workbook.impossible_date")
def _(s: Say) -> str:
    return s.t(f"cannot read the sheet: a cell formatted as a date or time holds a number far beyond any date "
               f"({s['detail']}); correct that cell (Excel shows it as ####) and save the workbook again",
               "无法读取工作表：某个设为日期或时间格式的单元格里的数字远超任何日期；"
               "请更正该单元格（Excel 中显示为 ####）后重新保存")


# -- bids

@_template("bids.none_found")
def _(s: Say) -> str:
    return s.t("no bids found", "没有找到投标")


@_template("bids.both_sheets")
def _(s: Say) -> str:
    return s.t(f"has both a {s.q(s['form'])} and a {s.q(s['consolidated'])} sheet; keep the one that holds the bids",
               f"同时含有工作表{s.q(s['form'])}和{s.q(s['consolidated'])}；请只保留存放投标的那一个")


@_template("bids.bids_elsewhere")
def _(s: Say) -> str:
    read, found = s.q(s["read"]), s["found"]
    # hidden in Excel: nobody sees its tab, so the officer is told how to see it
    seen_en, seen_zh = (" (hidden in Excel: right-click a sheet tab → Unhide to see it)",
                        "（在 Excel 中已隐藏：右键单击工作表标签 → 取消隐藏即可看到）") if s.get("hidden") else ("", "")
    if s["shape"] == "form":
        what_en, what_zh = ("its vendor_name", "投标人名称") if s.get("stated") == "vendor_name" else (
            "its vendor_id", "统一社会信用代码")
        column = s.get("column") or "C"
        said_en, said_zh = f" ({what_en} {s.found(found)} in column {column})", f"（{column} 列填有{what_zh} {s.found(found)}）"
        if s.get("at"):  # a copy of the form read, the same bidder's, that a reader reads otherwise (Bid (2))
            said_en += (f", and it differs from the sheet {read} at {s['at']} ({s['read_at']} there), as a reader "
                        "reads each cell through its number format")
            said_zh += f"，且按数字格式读取时，其 {s['at']} 与工作表{read}的 {s['read_at']} 不同"
        return s.t(f"this sheet{seen_en} holds a bid too{said_en}, but only the sheet {read} is read, so nothing "
                   f"of this workbook was imported: keep one bid form per workbook (delete this sheet, or the sheet "
                   f"{read} if this one is the bid), or send each bid in a workbook of its own",
                   f"此工作表{seen_zh}也含有投标{said_zh}，但只读取工作表{read}，本工作簿未导入任何内容："
                   f"每个工作簿只保留一份投标文件（删除此表；若此表才是投标，则删除工作表{read}），或每份投标各用一个工作簿")
    if s["shape"] == "copy":  # a copy of the sheet read whose row for a bidder read differs from it (Bids (修正))
        there_en, there_zh = ((f"; {s['read_at']} in the sheet {read}", f"；工作表{read}的 {s['read_at']}")
                              if s.get("read_at") else ("", ""))
        return s.t(f"this sheet{seen_en} is a copy of the sheet {read}, but its row for {s.found(found)} differs from "
                   f"it as a reader reads it (at {s['at']}{there_en}): only the sheet {read} is read, and which of "
                   "the two stands cannot be told, so nothing of this workbook was imported: keep the one that stands "
                   "and delete the other",
                   f"此工作表{seen_zh}是工作表{read}的副本，但 {s.found(found)} 的一行按读取结果与之不同（{s['at']}{there_zh}）：只读取工作表"
                   f"{read}，无法判断以哪一份为准，本工作簿未导入任何内容：请保留有效的一份，删除另一份")
    said_en, said_zh = f" (a row for {s.found(found)}, not among the bids read)", f"（有 {s.found(found)} 的一行，不在已读取的投标中）"
    code_en = code_zh = ""
    if s.get("code_header"):
        code_en = (f"; its header {s['code_header']} {s.found(s['code_title'])} heads credit codes but is not a "
                   "header bid-eval knows: head it '统一社会信用代码' or 'vendor_id'")
        code_zh = (f"；其表头 {s['code_header']} {s.found(s['code_title'])} 下是统一社会信用代码，但不是 bid-eval "
                   "认得的列名：请改为“统一社会信用代码”或“vendor_id”")
    return s.t(f"this sheet{seen_en} holds bids too{said_en}, but only the sheet {read} is read, "
               f"so nothing of this workbook was imported: if its rows are bids, move them to {read} and delete this "
               "sheet; if it only lists firms (a register of those who bought the documents), delete it or keep it in "
               f"another workbook{code_en}",
               f"此工作表{seen_zh}也含有投标{said_zh}，但只读取工作表{read}，本工作簿未导入任何内容："
               f"如其中的行是投标，请移到{read}并删除此表；如此表只是投标人名单（如购买招标文件的登记表），请删除此表或另存到其他工作簿"
               f"{code_zh}")


@_template("bids.no_bid_sheet")
def _(s: Say) -> str:
    found = s.join(s.q(name) for name in s["found"]) or s.t("none", "无")
    return s.t(f"expected a sheet {s.q(s['form'])} (a bid form) or {s.q(s['consolidated'])} "
               f"(a consolidated workbook), found sheets: {found}",
               f"应有工作表{s.q(s['form'])}（投标文件）或{s.q(s['consolidated'])}（汇总表），实际工作表：{found}")


@_template("bids.unknown_field")
def _(s: Say) -> str:
    close = s.get("suggestion")
    if s.ids:
        hint = f"; did you mean {close.id!r}?" if close else ""
        return f"unknown field id {s.found(s['key'])} in column A (expected one of the rubric's field ids{hint})"
    if s.zh:
        hint = f"；是否应为 {close.id}（{close.label.zh}）？" if close else ""
        return f"A 列的字段代码 {s.found(s['key'])} 不是本评分标准的字段{hint}"
    hint = f"; did you mean {close.id} ({close.label.en})?" if close else ""
    return f"column A holds {s.found(s['key'])}, which is not a field id of this rubric{hint}"


@_template("bids.field_twice")
def _(s: Say) -> str:
    return s.t(f"field {s.name(s['field_twice'])} appears twice (also in {s['also']})",
               f"字段{s.name(s['field_twice'])}出现两次（另见 {s['also']}）")


@_template("bids.id_apart_from_label")
def _(s: Say) -> str:
    field, owner, found = s["field"], s["owner"], s.found(s["found"])
    # whose question it is: by id on the command line (column A shows ids), else by label unless the cell says just it
    said = name_key(str(s["found"])) in {name_key(s.label(owner)), name_key(owner.label.both())}
    whose = owner.id if s.ids else "" if said else s.name(owner)
    whose_en, whose_zh = (f" ({whose})", f"（即{whose}）") if whose else ("", "")
    return s.t(f"the field id {field.id!r} sits beside the question {found}{whose_en}: column A was sorted or edited "
               "apart from column B (Excel's \"Continue with the current selection\", or ids pasted in another order), "
               f"so the answer in column C, given to that question, would be read as {s.name(field)}; restore the "
               "form's order (undo the sort, or copy the answers into a new form from the template), check the "
               "answers and import it again",
               f"A 列的字段代码对应{s.name(field)}，旁边 B 列的问题却是 {found}{whose_zh}：A 列与 B 列被分开排序或修改过"
               "（Excel 的“以当前选定区域排序”，或字段代码按其他顺序粘贴），C 列中对该问题的回答会被当作"
               f"{s.name(field)}的填写内容读取；请恢复投标表原有顺序（撤销排序，或将填写内容抄入按模板新生成的投标表），"
               "核对填写内容后再导入")


@_template("bids.rows_out_of_order")
def _(s: Say) -> str:
    field, before = s.name(s["field"]), s.name(s["before"])
    return s.t(f"the field {field} stands before {before}, where the form had it after: rows were sorted or moved (the "
               "answers in column C may no longer stand beside their questions); restore the form's order (undo the "
               "sort, or copy the answers into a new form from the template), check the answers and import it again",
               f"字段{field}排在{before}之前，而投标表原本将其排在之后：行被排序或移动过（C 列的填写内容可能已不在其问题旁）；"
               "请恢复投标表原有顺序（撤销排序，或将填写内容抄入按模板新生成的投标表），核对填写内容后再导入")


@_template("bids.no_field_rows")
def _(s: Say) -> str:
    return s.t("the bid form holds no field rows (column A: field ids)", "投标文件中没有字段行（A 列应为字段代码）")


@_template("bids.empty_sheet")
def _(s: Say) -> str:
    return s.t("the sheet is empty (expected a header row and one row per bid)",
               "工作表是空的（应有一行表头，每家投标一行）")


@_template("bids.no_header")
def _(s: Say) -> str:
    return s.t("a column with values has no header", "有内容的列没有表头")


@_template("bids.unit_in_header")
def _(s: Say) -> str:
    read_in = s.get("read_in")
    unit_en = f"in {read_in.en} (the field's own unit)" if read_in else "in the field's own unit"
    unit_zh = f"按字段本身的单位（{read_in.zh}）" if read_in else "按字段本身的单位"
    return s.t(f"the header {s.found(s['title'])} adds a unit ({s['unit']}) to the field {s.name(s['field'])}: the "
               f"column is read {unit_en} whatever its header says, so head it {s['header']!r} and write each value "
               "in that unit, or with its unit in the cell (150万)",
               f"列名 {s.found(s['title'])} 在字段{s.name(s['field'])}后加了单位（{s['unit']}）：无论列名如何写，该列都"
               f"{unit_zh}读取；请将列名改为“{s['header']}”，并按该单位填写各值，或在单元格中写明单位（如 150万）")


@_template("bids.unknown_header")
def _(s: Say) -> str:
    close = s.get("suggestion")
    if s.ids:
        return (f"unknown column header {s.found(s['title'])} (expected a field id or label"
                + (f"; did you mean {close!r}?" if close else "") + ")")
    hint = s.t(f"; did you mean {close!r}?", f"；是否应为 {close!r}？") if close else ""
    return s.t(f"unknown column header {s.found(s['title'])} (expected a field id or label{hint})",
               f"未知的列名 {s.found(s['title'])}（应为字段代码或字段名称{hint}）")


@_template("bids.column_twice")
def _(s: Say) -> str:
    return s.t(f"column for field {s.name(s['column'])} appears twice (also {s['also']})",
               f"字段{s.name(s['column'])}的列出现两次（另见 {s['also']}）")


@_template("bids.missing_column")
def _(s: Say) -> str:
    column = s["column"]
    if s.ids:
        return f"no {column.id!r} column (header {column.id} or {column.label.both()})"
    return s.t(f"no {s.name(column)} column (headed {column.id}, {column.label.en} or {column.label.zh})",
               f"缺少{s.name(column)}列（表头为 {column.id} 或 {column.label.zh}）")


@_template("bids.fields_not_in_sheet")
def _(s: Say) -> str:
    fields = s.join(s.name(f) for f in s["fields"])
    it = "them" if len(s["fields"]) > 1 else "it"
    consequence_en = f"a criterion counting {it} scores 0 and a required one makes the bid invalid"
    consequence_zh = "以其计分的评分项得 0 分，必填项使投标无效"
    if s["form"]:
        return s.t(f"no row for {fields}: the bid is read as not stating {it} ({consequence_en}); an old bid form, or a "
                   "row deleted: check with the bidder",
                   f"缺少{fields}行：该投标按未填写处理（{consequence_zh}）；可能是旧版投标表或行被删除，请与投标人核实")
    count = s["bids"]
    return s.t(f"no column for {fields}: each of the sheet's {count:,} bids is read as not stating {it} ({consequence_en});"
               " if the column was left out of the consolidation, add it with each bid's answer and import again",
               f"缺少{fields}列：本表 {count:,} 份投标均按未填写处理（{consequence_zh}）；如汇总时漏列，请补上该列及各投标的"
               "填写内容后重新导入")


@_template("bids.scored_replace")
def _(s: Say) -> str:
    return s.t(f"the bid of {s['vendor_id']} cannot be replaced: the panel has already recorded {s['scores']} scores or "
               f"tiers for the bid it opened, and a new file must not inherit them; remove the bid first (its scores "
               f"go with it, with a reason kept in the audit trail), then import the new file",
               f"{s['vendor_id']} 的投标不能替换：评委已对原投标记录了 {s['scores']} 项评分或定档，新文件不能沿用；"
               f"请先删除该投标（其评分随之删除，删除原因记入审计记录），再导入新文件")


@_template("bids.hidden_row")
def _(s: Say) -> str:
    row = s["row"]
    return s.t(f"row {row} is hidden (by hand or by a filter) and is not empty: show the row (or clear the filter) and "
               f"save the workbook to have it read as a bid, or delete the row if that bid is not to be evaluated",
               f"第 {row} 行已隐藏（手动隐藏或被筛选隐藏）且不是空行：如该行是要评审的投标，请取消隐藏（或清除筛选）后保存；"
               f"如该投标不参加评审，请删除该行")


@_template("bids.hidden_column")
def _(s: Say) -> str:
    return _hidden_column(s, evaluated=True)


def _hidden_column(s: Say, evaluated: bool) -> str:
    """A hidden column that holds something, of a Bids sheet (``evaluated``: its values are bids') or a panel sheet."""
    column = s["column"]
    delete = s.t("or delete the column if it is not to be evaluated", "如该列不参加评审，请删除该列") if evaluated \
        else s.t("or delete the column", "或删除该列")
    return s.t(f"column {column} is hidden and is not empty: show the column and save the workbook to have it read, "
               f"{delete}", f"{column} 列已隐藏且不是空列：请取消隐藏后保存，以便读取该列；{delete}")


@_template("bids.hidden_form_column")
def _(s: Say) -> str:
    holds = s.t("the field ids", "字段代码") if s["holds"] == "ids" else s.t("the answers", "填写内容")
    return s.t(f"column {s['column']}, which holds {holds}, is hidden: show the column and save the workbook to have "
               "the form read", f"{s['column']} 列（{holds}所在列）已隐藏：请取消隐藏该列后保存，以便读取投标表")


@_template("bids.header_below")
def _(s: Say) -> str:
    header, row = s["header"], s["row"]
    if s["why"] == "many":
        return s.t(f"the header is row {header} (it names the vendor ID and name columns), but {s['above']} rows stand "
                   f"above it, and at most {s['titles']} titles or rows of merged group headings are passed over, so the "
                   "sheet is not read: delete the rows above the header that are not needed",
                   f"表头在第 {header} 行（含统一社会信用代码和投标人名称列），但其上方有 {s['above']} 行，"
                   f"最多只略过 {s['titles']} 行标题或合并单元格的分组标题，因此未读取此表：请删除表头上方不需要的行")
    return s.t(f"the header is row {header} (it names the vendor ID and name columns), but row {row} above it is "
               f"neither a title in one cell nor a row of merged group headings, so the sheet is not read: move row "
               f"{row} below the header if it is a bid, else delete it or write its text in one cell",
               f"表头在第 {header} 行（含统一社会信用代码和投标人名称列），但其上方的第 {row} 行既不是只占一个单元格的"
               f"标题，也不是合并单元格的分组标题，因此未读取此表：如第 {row} 行是投标，请移到表头下方；否则请删除该行，"
               "或将其内容写在一个单元格中")


@_template("bids.unit_above_header")
def _(s: Say) -> str:
    return s.t(f"{s.found(s['text'])} above the header (row {s['header']}) states a unit for the amounts, but each "
               "column is read in its field's own unit whatever a title says: check that the amounts are in that unit "
               "(or write each with its unit, 150万), then delete this text",
               f"表头（第 {s['header']} 行）上方的 {s.found(s['text'])} 写明了金额单位，但无论标题如何写，各列都按字段本身的"
               "单位读取：请核对金额是否按该单位填写（或在单元格中写明单位，如 150万），然后删除这段文字")


@_template("bids.total_row")
def _(s: Say) -> str:
    row, table = s["row"], s.get("table")
    if table is not None:
        return s.t(f"row {row} is the total row of the Excel table {s.q(table)} (its Total Row is on), not a bid: turn "
                   "Total Row off (Table Design → Total Row) or delete the row, and save the workbook",
                   f"第 {row} 行是 Excel 表格{s.q(table)}的汇总行（已开启“汇总行”），不是投标：请关闭汇总行"
                   "（表设计 → 汇总行）或删除该行，然后保存")
    return s.t(f"row {row} is a total row ({s.found(s['label'])}), not a bid: delete the row and save the workbook",
               f"第 {row} 行是合计行（{s.found(s['label'])}），不是投标：请删除该行后保存")


@_template("bids.struck")
def _(s: Say) -> str:
    cells, row = s.join(s["cells"]), s["row"]
    if s["layout"] == "form":
        return s.t(f"row {row} of the form is struck through ({cells}): a withdrawn answer? Remove the strikethrough if "
                   "the answer stands and save the workbook, or ask the bidder for a corrected form",
                   f"投标表第 {row} 行有删除线（{cells}）：该项是否已作废？如仍有效，请去掉删除线后保存；"
                   "否则请投标人重新提供投标文件")
    return _struck_row(s, "bid")


@_template("panel.struck")
def _(s: Say) -> str:
    return _struck_row(s, s["entry"])


# What a struck row of each sheet was, as its message names it: in English, in Chinese and what it underwent there
_STRUCK_ENTRIES = {"bid": ("bid", "投标", "撤回"), "score": ("score", "评分", "撤回"), "tier": ("tier", "议定档次", "撤回"),
                   "member": ("member", "评委", "撤换")}


def _struck_row(s: Say, entry: str) -> str:
    """A row with cells struck through, of a Bids sheet or a panel sheet holding ``entry`` (bid, score, tier or
    member)."""
    entry, entry_zh, withdrawn_zh = _STRUCK_ENTRIES[entry]
    cells, row = s.join(s["cells"]), s["row"]
    struck_en = f"row {row} is struck through ({cells})" if s["whole"] else \
        f"row {row} has cells struck through ({cells})"
    struck_zh = f"第 {row} 行有删除线（{cells}）" if s["whole"] else f"第 {row} 行有单元格带删除线（{cells}）"
    return s.t(f"{struck_en}: a withdrawn {entry}? Delete the row if the {entry} was withdrawn, or remove the "
               "strikethrough if it stands, and save the workbook",
               f"{struck_zh}：是否为已{withdrawn_zh}的{entry_zh}？如已{withdrawn_zh}，请删除该行；如{entry_zh}仍有效，"
               "请去掉删除线；然后保存")


@_template("bids.struck_header")
def _(s: Say) -> str:
    return _struck_header(s, evaluated=True)


@_template("panel.struck_header")
def _(s: Say) -> str:
    return _struck_header(s, evaluated=False)


def _struck_header(s: Say, evaluated: bool) -> str:
    """A header struck through, of a Bids sheet (``evaluated``: its column holds bids' values) or a panel sheet."""
    delete = s.t("delete the column if it is not to be evaluated", "如该列不参加评审，请删除该列") if evaluated \
        else s.t("delete the column if it is not to be read", "如该列不再使用，请删除该列")
    return s.t(f"the header {s.q(s['text'])} is struck through: is its column given up? Remove the strikethrough and "
               f"save the workbook to have the column read, or {delete}",
               f"表头{s.q(s['text'])}有删除线：该列是否已作废？如需读取该列，请去掉删除线后保存；{delete}")


@_template("cells.struck_in_part")
def _(s: Say) -> str:
    parts = s.join(s.q(part) for part in s["parts"])
    return s.t(f"part of the text {s.q(s['text'])} is struck through ({parts}), so what stands cannot be told: delete "
               "the struck text if it was withdrawn, or remove the strikethrough if it stands, and save the workbook",
               f"单元格内容{s.q(s['text'])}中有部分文字带删除线（{parts}），无法判断哪些内容有效："
               "如该部分已作废，请删除带删除线的文字；如仍有效，请去掉删除线；然后保存")


@_template("cells.raised_in_part")
def _(s: Say) -> str:
    parts = s.join(s.q(part) for part in s["parts"])
    return s.t(f"part of the text {s.q(s['text'])} is raised or lowered ({parts}), as a footnote mark or an exponent "
               "is (superscript or subscript), so what was meant cannot be told: type the value alone, put the note in "
               "a comment, and save the workbook",
               f"单元格内容{s.q(s['text'])}中有部分文字设为上标或下标（{parts}），如脚注标记或指数，无法判断原意："
               "请只填写数值，说明请写在批注中，然后保存")


@_template("cells.struck_by_rule")
def _(s: Say) -> str:
    if s.get("header"):
        what_en, what_zh = "this header", "此表头"
        unknown_en, unknown_zh = "whether its column is given up", "该列是否已作废"
    else:
        what_en, what_zh = "this cell", "此单元格"
        unknown_en, unknown_zh = "whether it was withdrawn", "其内容是否已作废"
    return s.t(f"a conditional format ({s['range']}) can draw {what_en} struck through, so {unknown_en} cannot be "
               "told: remove the strikethrough from the rule (Home > Conditional Formatting > Manage Rules) and save "
               "the workbook",
               f"条件格式（{s['range']}）可能给{what_zh}加上删除线，无法判断{unknown_zh}：请去掉该规则中的删除线"
               "（开始 > 条件格式 > 管理规则）后保存")


@_template("bids.no_rows")
def _(s: Say) -> str:
    return s.t("a header row but no bid rows", "只有表头，没有投标行")


@_template("bids.answers_elsewhere")
def _(s: Say) -> str:
    column, at, code, filled, rows = s["column"], s["at"], s["found"], s["filled"], s["rows"]
    return s.t(f"the vendor_id's answer, read from column C, is empty, while {at} holds a credit code ({code}) and "
               f"column {column} fills {filled} of the form's {rows} field rows: the answers appear to be in column "
               f"{column}, not C (a column inserted before C?); delete the extra column so that the answers stand "
               f"in column C, as the template has them",
               f"统一社会信用代码（vendor_id）的填写内容应在 C 列，此处为空；而 {at} 是一个统一社会信用代码（{code}），"
               f"{column} 列填写了表中 {rows} 个字段行中的 {filled} 行：填写内容似乎在 {column} 列而不是 C 列"
               f"（在 C 列前插入了一列？）；请删除多出的列，使填写内容位于 C 列，与模板一致")


@_template("bids.required_empty")
def _(s: Say) -> str:
    if s.ids:
        return f"{s['field'].id} is empty (every bid needs one)"
    return s.t("empty (every bid needs one)", "未填写（每份投标都必须填写）")


@_template("bids.vendor_twice")
def _(s: Say) -> str:
    v = s["vendor_id"]
    if s.ids:
        return f"vendor_id {v} appears twice (also at {s['also']})"
    return s.t(f"the vendor ID {v} appears twice (also at {s['also']})",
               f"统一社会信用代码 {v} 出现两次（另见 {s['also']}）")


@_template("bids.vendor_in_upload")
def _(s: Say) -> str:
    v, places = s["vendor_id"], s.join(s["also"])
    if s.ids:
        return f"vendor_id {v} is also at {places} in this upload; every file holding it is refused"
    return s.t(f"the vendor ID {v} is also at {places} in this upload; a vendor has one bid, so every file holding it "
               f"is refused: upload again only the file with the bid to keep (replacing is for a bid imported "
               f"earlier, never for another file of the same upload)",
               f"统一社会信用代码 {v} 在本次上传中还出现在 {places}；每家投标人只有一份投标，含该代码的文件均未导入："
               f"请只重新上传要保留的那份投标文件（“替换”只替换此前已导入的投标，不替换同一次上传中的另一个文件）")


@_template("bids.vendor_exists")
def _(s: Say) -> str:
    v = s["vendor_id"]
    if s.ids:
        return f"vendor_id {v} is already in this tender; remove or replace that bid first"
    return s.t(f"a bid from {v} is already in this tender; remove or replace that bid first",
               f"统一社会信用代码为 {v} 的投标已在本项目中；请先删除或替换该投标")


# -- the panel workbook

@_template("panel.column_twice")
def _(s: Say) -> str:
    return s.t(f"the column {s.name(s['heading'])} appears twice (also {s['also']}); expected it once",
               f"{s.name(s['heading'])}列出现两次（另见 {s['also']}）；只应有一列")


@_template("panel.scores_twice")
def _(s: Say) -> str:
    first, second = f"{s['score_column']} {s['heading']}", f"{s['other_column']} {s['other']}"
    return s.t(f"two columns of scores ({first}, {second}): only one is read, and which of them stands cannot be "
               f"told: keep the one that stands, and delete the other or move it to another sheet",
               f"有两列得分（{first}、{second}）：只读取一列，无法判断哪一列有效：请保留有效的一列，删除另一列或将其移到其他工作表")


@_template("panel.missing_column")
def _(s: Say) -> str:
    found = s.join(repr(t) for t in s["found"]) or s.t("none", "无")
    headers = " or ".join(s["headers"]) if not s.zh else "、".join(s["headers"])
    return s.t(f"expected a column {s.name(s['heading'])} (headed {headers}) in the header row, found: {found}",
               f"表头行中应有{s.name(s['heading'])}列（列名为 {headers} 之一），实际表头：{found}")


@_template("panel.recused_score")
def _(s: Say) -> str:
    return s.t(f"{s['judge']} declared a conflict of interest with {s['vendor_id']} and does not score it (回避): "
               f"remove this score, or the judge's declaration first if it was wrong",
               f"{s['judge']} 已声明与 {s['vendor_id']} 存在利害关系，应回避、不对其打分：请删除此得分；如声明有误，请先更正声明")


@_template("panel.undeclared_score")
def _(s: Say) -> str:
    return s.t(f"{s['judge']} has not yet declared whether they have a conflict of interest with {s['vendor_id']} "
               "(回避声明): the judge declares first, on the Scoring page; then this score can be imported",
               f"{s['judge']} 尚未就与 {s['vendor_id']} 是否存在利害关系作出回避声明：请评委先在“评委打分”页面作出声明，再导入此得分")


@_template("panel.hidden_row")
def _(s: Say) -> str:
    row = s["row"]
    return s.t(f"row {row} is hidden (by hand or by a filter) and is not empty: show the row (or clear the filter) and "
               f"save the workbook to have it read, or delete the row",
               f"第 {row} 行已隐藏（手动隐藏或被筛选隐藏）且不是空行：请取消隐藏（或清除筛选）后保存，以便读取该行；或删除该行")


@_template("panel.hidden_column")
def _(s: Say) -> str:
    return _hidden_column(s, evaluated=False)


@_template("panel.tiers_elsewhere")
def _(s: Say) -> str:
    return s.t(f"{_unread_sheet(s)} holds agreed tiers (its header names the vendor_id, criterion and tier columns), "
               f"but only the sheet {s.q(s['tiers'])} is read: {_unread_advice(s, s['tiers'])}",
               f"{_unread_sheet(s)}含有议定档次（表头有统一社会信用代码、评分项、档次列），但只读取工作表{s.q(s['tiers'])}："
               f"{_unread_advice(s, s['tiers'])}")


@_template("panel.judges_elsewhere")
def _(s: Say) -> str:
    others, judges = s["others"], s.q(s["judges"])
    names = s.join(others)
    if s["listed"]:
        advice = s.t(f"add them to {judges} if they sit on the panel, or correct or delete this sheet",
                     f"如其为评委会成员，请将其加入{judges}；否则请更正或删除此表")
        why = s.t(f"not among the members on the sheet {judges}", f"不在工作表{judges}的评委名单中")
    else:
        advice = s.t(f"rename it {judges} if it is the list of members, or move its rows there; else correct or delete "
                     "it", f"如此表是评委名单，请将其改名为{judges}，或把其中的行移到该表；否则请更正或删除此表")
        why = s.t(f"who scored nothing on {s.q('Scores')} (there is no sheet {judges})",
                  f"在{s.q('Scores')}中没有评分（没有工作表{judges}）")
    if s.get("hidden"):
        advice = s.t(f"if it is a draft or an earlier copy, delete it; else show it and {advice}",
                     f"如它是草稿或旧副本，请删除；否则请取消隐藏后处理：{advice}")
    return s.t(f"{_unread_sheet(s)} lists judges (its header names a judge column) and names {names}, {why}: only the "
               f"sheet {judges} sets the panel's members, so they would not be counted: {advice}",
               f"{_unread_sheet(s)}列有评委（表头有评委列），其中 {names} {why}：只有工作表{judges}确定评委会成员，"
               f"他们不会被计入：{advice}")


def _unread_sheet(s: Say) -> str:
    """A panel table's sheet not read, as a sentence starts: hidden in Excel, said so with how to see it."""
    if s.get("hidden"):
        return s.t("this sheet is hidden in Excel (right-click a sheet tab → Unhide to see it) and",
                   "此工作表在 Excel 中已隐藏（右键单击工作表标签 → 取消隐藏即可看到），")
    return s.t("this sheet", "此工作表")


def _unread_advice(s: Say, read: str) -> str:
    """What to do with a sheet holding a panel sheet's table (``read``: that sheet's name): rename it, or move its rows
    to the sheet when the workbook has it; a hidden one is most likely a draft, deleted rather than moved."""
    sheet = s.q(read)
    if s.get("beside"):
        moved = s.t(f"move its rows to {sheet}", f"把其中的行移到{sheet}")
    else:
        moved = s.t(f"rename it {sheet}", f"将其改名为{sheet}")
    if s.get("hidden"):
        return s.t(f"if it is a draft or an earlier copy, delete it (moving its rows would put them in twice); if its "
                   f"rows are wanted, show it and {moved}",
                   f"如它是草稿或旧副本，请删除（把其中的行移过去会重复录入）；如需要其中的行，请取消隐藏后{moved}")
    if s.get("beside"):
        return s.t(f"move its rows there, or delete this sheet if it is a draft or a copy of rows already there",
                   f"请把其中的行移到该表；如此表是草稿或该表已有行的副本，请删除此表")
    return s.t(f"rename it {sheet}, or move its rows there", f"请将其改名为{sheet}，或把其中的行移到该表")


@_template("panel.scores_layout")
def _(s: Say) -> str:
    reasons = []
    if s.get("by_bidder"):  # the 专家打分表: criteria down, one column per bidder
        reasons.append(s.t(f"one column per bidder ({s.join(s['by_bidder'])}), criteria down the rows",
                           f"每个投标人一列（{s.join(s['by_bidder'])}），评分项按行排列"))
    elif s["by_criterion"]:
        reasons.append(s.t(f"one column per criterion ({s.join(s.label(c) for c in s['by_criterion'])})",
                           f"每个评分项一列（{s.join(s.label(c) for c in s['by_criterion'])}）"))
    elif not s["criterion"]:
        reasons.append(s.t("no criterion column", "没有评分项列"))
    if not s["vendor_id"] and not s.get("by_bidder"):
        reasons.append(s.t("bidders named without their vendor_id (统一社会信用代码)", "只有投标人名称，没有统一社会信用代码列"))
    if not s["judge"]:
        headers = s.join(s["judge_headers"])
        reasons.append(s.t(f"no judge column: no heading is one bid-eval reads as the judge's ({headers}), and a "
                           "sheet's name does not say whose scores they are",
                           f"没有评委列：没有一个列名可识别为评委（{headers}），而工作表名称不能说明是谁的评分"))
    scores = s.q(s["scores"])
    if s.get("hidden"):
        advice = s.t(f"if it is a draft or a summary, delete it; else show it and move its scores to {scores} in that "
                     "layout", f"如它是草稿或汇总表，请删除；否则请取消隐藏后把其中的评分按上述格式移到{scores}")
    else:
        advice = s.t(f"move its scores there in that layout, each row with its judge's name, or delete this sheet if "
                     "they are there already (a summary)",
                     f"请把其中的评分按上述格式移到该表（每行写明评委姓名）；如该表已有这些评分（此表为汇总表），请删除此表")
    return s.t(f"{_unread_sheet(s)} holds scores in a layout bid-eval does not read ({'; '.join(reasons)}): only the "
               f"sheet {scores} is read, one row per judge, bid and criterion, headed judge, vendor_id, criterion, "
               f"score and comment: {advice}",
               f"{_unread_sheet(s)}含有评分，但其格式无法读取（{'；'.join(reasons)}）：只读取工作表{scores}，"
               f"每位评委对每个投标人的每个评分项一行，表头为评委、统一社会信用代码、评分项、得分、备注：{advice}")


@_template("panel.column_not_read")
def _(s: Say) -> str:
    read = s.join(s.label(c) for c in s["read"])
    cells = s["cells"]
    comment = any(getattr(c, "id", None) == "comment" for c in s["read"])
    if s["heading"] is None:
        column = s.t(f"column {s['column']} has no header, so", f"{s['column']} 列没有列名，")
    else:
        column = s.t(f"the column {s.q(s['heading'])} is not one bid-eval reads on this sheet ({read}), so",
                     f"列{s.q(s['heading'])}不是本表读取的列（{read}），")
    hint = s.t(" (comments: head it 备注 or comment)", "（评语请用列名“备注”）") if comment else ""
    return s.t(f"{column} its {cells} filled cell{'s' if cells != 1 else ''} {'are' if cells != 1 else 'is'} not "
               f"read or kept: head it as a column read{hint} if it should be, or leave it if it is only for the eye",
               f"{column}其中已填写的 {cells} 个单元格不会读取或保存：如需读取，请改用本表读取的列名{hint}；如仅供查看，可不处理")


@_template("bids.hidden_sheet")
def _(s: Say) -> str:
    return s.t("this sheet is hidden in Excel, so nobody looking at the workbook sees its bids: show the sheet "
               "(right-click a sheet tab → Unhide) and save the workbook to have it read, or delete it if another "
               "sheet holds the bids",
               "此工作表在 Excel 中已隐藏，查看工作簿的人看不到其中的投标：请取消隐藏该工作表（右键单击工作表标签 → 取消隐藏）"
               "并保存后再读取；如投标在另一工作表中，请删除此表")


@_template("panel.hidden_sheet")
def _(s: Say) -> str:
    return s.t("this sheet is hidden in Excel, so nobody looking at the workbook sees it: show the sheet (right-click "
               "a sheet tab → Unhide) and save the workbook to have it read, or delete it",
               "此工作表在 Excel 中已隐藏，查看工作簿的人看不到它：请取消隐藏该工作表（右键单击工作表标签 → 取消隐藏）"
               "并保存后再读取，或删除此表")


@_template("panel.scores_elsewhere")
def _(s: Say) -> str:
    return s.t(f"{_unread_sheet(s)} holds scores (its header names the judge, vendor_id, criterion and score columns), "
               f"but only the sheet {s.q(s['scores'])} is read: {_unread_advice(s, s['scores'])}",
               f"{_unread_sheet(s)}含有评分（表头有评委、统一社会信用代码、评分项、得分列），但只读取工作表{s.q(s['scores'])}："
               f"{_unread_advice(s, s['scores'])}")


@_template("panel.no_scores_sheet")
def _(s: Say) -> str:
    found = s.join(s.q(name) for name in s["found"]) or s.t("none", "无")
    return s.t(f"expected a sheet {s.q(s['scores'])} (judge, vendor_id, criterion, score, comment) "
               f"or {s.q(s['tiers'])}, found: {found}",
               f"应有工作表{s.q(s['scores'])}（评委、统一社会信用代码、评分项、得分、备注）或{s.q(s['tiers'])}，"
               f"实际工作表：{found}")


@_template("panel.not_tiered")
def _(s: Say) -> str:
    return s.t(f"{s.name(s['criterion'])} is a {s.kind(s['kind'])} criterion and has no tiers; "
               f"expected a tiered criterion ({s.criteria(s['tiered'])})",
               f"{s.name(s['criterion'])}的评分方式为{s.kind(s['kind'])}，没有档次；应为分档评分项（{s.criteria(s['tiered'])}）")


@_template("panel.not_panel")
def _(s: Say) -> str:
    return s.t(f"{s.name(s['criterion'])} is a {s.kind(s['kind'])} criterion, computed from the bid and never "
               f"scored by a judge; expected a panel criterion ({s.criteria(s['panel'])})",
               f"{s.name(s['criterion'])}的评分方式为{s.kind(s['kind'])}，由投标内容计算得出，评委不打分；"
               f"应为评委评分项（{s.criteria(s['panel'])}）")


@_template("panel.tier_conflict")
def _(s: Say) -> str:
    tier, agreed = s["tier"], s["agreed"]
    if s.ids:
        return (f"tier {tier.id} for {s['vendor_id']} on {s.name(s['criterion'])}, but tier {agreed.id} "
                f"was already agreed at {s['at']}; expected one agreed tier")
    return s.t(f"tier {s.name(tier)} for {s['vendor_id']} on {s.name(s['criterion'])}, but tier {s.name(agreed)} "
               f"was already agreed at {s['at']}; expected one agreed tier",
               f"{s['vendor_id']} 的{s.name(s['criterion'])}定为{s.name(tier)}，但 {s['at']} 已定为{s.name(agreed)}；"
               "每份投标只能有一个档次")


@_template("panel.judge_spelling")
def _(s: Say) -> str:
    first, last, count = s["first"], s["last"], s["usual_rows"]
    sheet, _, cell = last.rpartition("!")
    cells = first if count == 1 else f"{first}–{cell}" if first.startswith(f"{sheet}!") else f"{first} … {last}"
    rows, judges = s["rows"], s["judges_sheet"]
    if s.get("role"):  # 王评委（组长） beside 王评委: a role tells no two judges apart, on a Judges sheet either
        how, zh_how = "with other spaces, letter case or a role in brackets", "空格、大小写或括号中的职务"
        two, zh_two = (f"write their names so they differ and list both on a {judges} sheet",
                       f"请用不同写法区分姓名，并在工作表 {judges} 中分别列出")
    else:
        how, zh_how = "with other spaces or letter case", "空格或大小写"
        two, zh_two = f"list both on a {judges} sheet", f"请在工作表 {judges} 中分别列出"
    return s.t(f"judge '{s['judge']}'{f' (on {rows:,} rows)' if rows > 1 else ''} is '{s['usual']}' of "
               f"{count:,} row{'s' if count > 1 else ''} ({cells}) written {how}; expected "
               f"one judge's name written the same way in every row (two judges: {two})",
               f"评委 '{s['judge']}'{f'（共 {rows:,} 行）' if rows > 1 else ''}与 {count:,} 行（{cells}）的 "
               f"'{s['usual']}' 仅{zh_how}不同；同一评委的姓名应每行写法一致（确为两位评委的，{zh_two}）")


@_template("panel.member_note")
def _(s: Say) -> str:
    return s.t(f"{s['found']!r} reads as a note (a count, a remark, a date), not a member's name: not read as a member",
               f"{s['found']!r} 是说明（人数、备注或日期），不是评委姓名：未作为评委读取")


def _two_of_one_name(s: Say) -> str:
    """How two members of one name are listed, said after each refusal or warning of a name listed twice on Judges."""
    return s.t("(two people of one name: write their names so they differ, 王伟（财务）, 王伟（技术）, on this sheet and on "
               "Scores)", "（确为同名的两人，请在本表和 Scores 中用不同写法区分，如 王伟（财务）、王伟（技术））")


@_template("panel.member_roles")
def _(s: Say) -> str:
    return s.t(f"{s['written']!r} and {s['other']!r} (at {s['at']}) are one name, {s['judge']!r}, with another role: a "
               f"role in brackets does not tell two members apart; expected each member listed once {_two_of_one_name(s)}",
               f"{s['written']!r} 与 {s['other']!r}（{s['at']}）是同一姓名 {s['judge']!r}，职务不同：括号中的职务不能区分两位评委；"
               f"每位评委只应列出一次{_two_of_one_name(s)}")


@_template("panel.member_unnamed")
def _(s: Say) -> str:
    return s.t(f"the judge cell is empty, but {s['at']} on its row holds {s['found']!r}, which reads as a name: a member "
               "whose name was typed in another column, or left out? expected the member's name in this cell (delete "
               "the row if it names no member)",
               f"评委姓名单元格为空，但同一行的 {s['at']} 填有 {s['found']!r}，像是姓名：评委姓名填错了列，还是漏填了？"
               "此单元格应填写评委姓名（如该行不是评委，请删除该行）")


@_template("panel.row_without_member")
def _(s: Say) -> str:
    held = s.join(s.t(f"{found!r} ({cell})", f"{found!r}（{cell}）") for found, cell in zip(s["found"], s["cells"]))
    return s.t(f"the judge cell is empty and its row holds only {held}, no name: not read as a member",
               f"评委姓名单元格为空，该行只有 {held}，没有姓名：未作为评委读取")


@_template("panel.member_twice")
def _(s: Say) -> str:
    return s.t(f"{s['judge']!r} is listed twice, the same as at {s['at']}: read as one member; delete one of the rows "
               f"{_two_of_one_name(s)}",
               f"{s['judge']!r} 列出了两次，与 {s['at']} 相同：按一位评委读取；请删除其中一行{_two_of_one_name(s)}")


@_template("panel.member_rows_differ")
def _(s: Say) -> str:
    (first_at, at), (first, found) = s["cells"], map(s.found, s["found"])  # ('甲大学', or an empty cell)
    return s.t(f"{s['judge']!r} is listed again (first at {s['at']}), but its rows differ beside the name "
               f"({first_at} {first}, {at} {found}): two people of one name, or one member listed twice with a "
               f"mistake, cannot be told apart; expected each member listed once {_two_of_one_name(s)}",
               f"{s['judge']!r} 再次列出（首次见 {s['at']}），但两行姓名以外的内容不同（{first_at} {first}，{at} {found}）："
               f"无法判断是同名的两人，还是同一评委重复列出且有误；每位评委只应列出一次{_two_of_one_name(s)}")


@_template("panel.group_heading")
def _(s: Say) -> str:
    found, scores = s["found"], s.q(s["scores"])
    return s.t(f"{found!r} reads as the heading of a group of the list (alone on its row, it ends in 组, panel, group "
               f"or team) and nobody scores as {found!r} on {scores}: not read as a member",
               f"{found!r} 是名单中分组的标题（独占一行，以“组”等字样结尾），且{scores}中没有以 {found!r} 名义的评分："
               "未作为评委读取")


@_template("panel.heading_of_nobody")
def _(s: Say) -> str:
    found, scores = s["found"], s.q(s["scores"])
    return s.t(f"{found!r} reads as the heading of a group of the list, but no member is listed under it and nobody "
               f"scores as {found!r} on {scores}: a member yet to score, or a heading left over? expected the members "
               "of its group listed under it, or its row deleted if it names no member",
               f"{found!r} 像是名单中分组的标题，但其下没有列出评委，且{scores}中没有以 {found!r} 名义的评分：是尚未评分的评委，"
               "还是多余的标题？应在其下列出该组评委；如不是评委，请删除该行")


@_template("panel.member_below_list")
def _(s: Say) -> str:
    scores, note = s.q(s["scores"]), s.get("note")
    below = f"the note {note!r} ({s['at']})" if note else "an empty row"
    below_zh = f"的说明 {note!r}（{s['at']}）" if note else "的空行"
    joined = "move it above the note" if note else "delete the empty row above it"
    joined_zh = "请将其移到该说明之上" if note else "请删除其上方的空行"
    return s.t(f"{s['judge']!r} stands below {below} under the list of members ({s['above']}) and has no row on "
               f"{scores}: a member who has not scored yet and a note under the list cannot be told apart; if a member, "
               f"{joined}, so the list is one; if not, delete it or move it off the judge column",
               f"{s['judge']!r} 位于评委名单（{s['above']}）下方{below_zh}之后，且在{scores}中没有评分行：无法判断是尚未评分的评委"
               f"还是名单下的说明；如是评委，{joined_zh}，使名单连续；如不是，请删除或移出评委列")


@_template("panel.scored_twice")
def _(s: Say) -> str:
    return s.t(f"{s['judge']} already scored {s['vendor_id']} on {s.name(s['criterion'])} at {s['at']}; "
               "expected one row per judge, vendor and criterion",
               f"{s['judge']} 已在 {s['at']} 给 {s['vendor_id']} 的{s.name(s['criterion'])}打过分；"
               "每位评委对每家投标的每个评分项只应有一行")


def _sorted_one_column(s: Say) -> str:
    """Why a row's names can disagree with its ids, and what to do: said after every such refusal."""
    if s.get("entered") == "tier":  # a row of the Tiers sheet: the chair's agreed tiers
        return s.t("the sheet's rows may have been sorted one column at a time (Excel's \"Continue with the current "
                   "selection\") or names pasted in another order: put the rows back as they were, have the chair "
                   "check the agreed tiers, and import it again",
                   "定档表可能被逐列排序过（Excel 的“以当前选定区域排序”），或名称按其他顺序粘贴过：请将各行恢复原样，"
                   "请评标委员会主任核对所定档次后再导入")
    return s.t("the sheet's rows may have been sorted one column at a time (Excel's \"Continue with the current "
               "selection\") or names pasted in another order: put the rows back as the sheet was written (or give "
               "the judge a new score sheet), have the judge check the scores, and import it again",
               "评分表可能被逐列排序过（Excel 的“以当前选定区域排序”），或名称按其他顺序粘贴过：请将各行恢复为评分表原样"
               "（或为该评委重新生成评分表），请评委核对得分后再导入")


def _entered_words(s: Say) -> tuple[str, str, str]:
    """What was typed beside a name that is another's, in English and Chinese, and what the row is, in Chinese: a tier
    on a Tiers row (``entered``), else a score."""
    return ("a tier", "档次", "定档") if s.get("entered") == "tier" else ("a score", "得分", "评分")


def _whose(found: object, owner: str, shown: str, shown_zh: str) -> tuple[str, str]:
    """`` (the name of …)`` after a name found on another's row, in English and Chinese; nothing when it would say no
    more than the name found (``'服务方案'`` is the name of “服务方案”)."""
    if not owner or name_key(str(found)) == name_key(owner):
        return "", ""
    return f" (the name of {shown})", f"（是{shown_zh}的名称）"


@_template("panel.bidder_name_disagrees")
def _(s: Say) -> str:
    vendor_id, found, owner, expected = s["vendor_id"], s["found"], s.get("owner") or "", s["expected"]
    whose_en, whose_zh = _whose(found, owner, owner, f" {owner} ")
    named_en = f"{s.found(expected)} in its bid" if expected else "its bid names no bidder"
    named_zh = f"投标文件中的名称为 {s.found(expected)}" if expected else "投标文件中未填投标人名称"
    what_en, what_zh, row_zh = _entered_words(s)
    return s.t(f"this row is for {vendor_id} ({named_en}), but its bidder name is {s.found(found)}{whose_en}: {what_en} "
               f"typed beside that name would be booked on {vendor_id}; " + _sorted_one_column(s),
               f"此行是 {vendor_id}（{named_zh}）的{row_zh}，但此行的投标人名称为 {s.found(found)}{whose_zh}：对照该名称填写的"
               f"{what_zh}将记在 {vendor_id} 名下；" + _sorted_one_column(s))


@_template("panel.criterion_name_disagrees")
def _(s: Say) -> str:
    criterion, found, owner = s["criterion"], s["found"], s.get("owner")
    named = f"{s.name(criterion)} ({criterion.label.zh} / {criterion.label.en})" if s.ids else s.name(criterion)
    whose_en, whose_zh = _whose(found, s.label(owner), s.name(owner), s.name(owner)) if owner else ("", "")
    what_en, what_zh, row_zh = _entered_words(s)
    return s.t(f"this row is for the criterion {named}, but its criterion name is {s.found(found)}{whose_en}: {what_en} "
               f"typed beside that name would be booked on {s.name(criterion)}; " + _sorted_one_column(s),
               f"此行是评分项{named}的{row_zh}，但此行的评分项名称为 {s.found(found)}{whose_zh}：对照该名称填写的{what_zh}"
               f"将记在{s.name(criterion)}名下；" + _sorted_one_column(s))


@_template("panel.no_tier")
def _(s: Say) -> str:
    return s.t(f"no tier agreed for {s['vendor_id']} on {s.name(s['criterion'])}: expected the panel to record it "
               f"on the {s['tiers_sheet']} sheet ({s.tiers(s['tiers'])}) before scoring, found score {number(s['score'])}",
               f"{s['vendor_id']} 的{s.name(s['criterion'])}尚未定档：须先在工作表 {s['tiers_sheet']} 中定档"
               f"（{s.tiers(s['tiers'])}）再打分，实际已打分 {number(s['score'])}")


@_template("panel.row_not_read")
def _(s: Say) -> str:
    return s.t(f"row {s['row']} names no criterion and gives no score or tier, only {s['found']!r}: a line of the "
               "form, not read", f"第 {s['row']} 行没有评分项，也没有得分或档次，只有 {s['found']!r}：视为表格的说明行，未读取")


@_template("panel.entry_alone")
def _(s: Say) -> str:
    en, zh = {"score": ("score", "得分"), "tier": ("tier", "档次")}[s["entry"]]
    row, above = s["row"], s.get("above")
    columns = [s.label(column) for column in s["columns"]]
    under_en = f", {row - above - 1} empty rows under row {above}" if above else ""
    under_zh = f"（在第 {above} 行之下，中间隔 {row - above - 1} 个空行）" if above else ""
    return s.t(f"{en} {s.found(s['found'])} stands alone on row {row}{under_en}: expected its "
               f"{', '.join(columns[:-1])} and {columns[-1]} on the same row, or the cell cleared",
               f"第 {row} 行只有{zh} {s.found(s['found'])}{under_zh}：应在同一行填写{s.join(columns)}，或清除该单元格")


@_template("panel.invalid_bid_score")
def _(s: Say) -> str:
    return s.t(f"score for invalid bid {s['vendor_id']} ignored (invalid bids are not scored)",
               f"{s['vendor_id']} 为无效投标，其评分已忽略（无效投标不评分）")


# -- scores and tiers refused by the store

@_template("score.not_panel")
def _(s: Say) -> str:
    return s.t(f"{s.name(s['criterion'])} is not a criterion the panel scores", f"{s.name(s['criterion'])}不是评委打分的评分项")


@_template("score.no_tier")
def _(s: Say) -> str:
    criterion = s.get("criterion")
    if s.ids:
        label = s.named(criterion).label  # type: ignore[union-attr]
        return (f"no agreed tier yet for {label.zh} / {label.en}: "
                "the chair records it on the tier screen first")
    return s.t(f"no agreed tier yet for {s.name(criterion)}: the chair must set the tier on the Tiers page first",
               f"组长尚未确定{s.name(criterion)}的档次，须先在“定档”页面定档后才能打分")


@_template("score.not_tiered")
def _(s: Say) -> str:
    return s.t(f"{s.name(s['criterion'])} is not a tiered criterion", f"{s.name(s['criterion'])}不是分档评分项")


@_template("score.unknown_tier")
def _(s: Say) -> str:
    return s.t(f"unknown tier {s['tier']!r} for {s.name(s['criterion'])}",
               f"{s.name(s['criterion'])}没有档次“{s['tier']}”")


@_template("score.scores_outside_tier")
def _(s: Say) -> str:
    """A tier that would leave given scores outside it: each judge's (``scores``), and how many other judges'
    scores a chair still scoring is not shown (``others``)."""
    tier, others = s["tier"], s.get("others") or 0
    hidden = s.t(f"{others} score(s) of other judges, not shown before you submit your own",
                 f"其他评委的 {others} 项评分，在您提交自己的评分前不显示") if others else ""
    given = s.join(f"{judge}{s.t(': ', '：')}{score}" for judge, score in s["scores"])
    given = f"{given}{s.t('; ', '；')}{hidden}" if given and hidden else given or hidden
    if s.ids:
        return (f"scores already given lie outside {tier.id} ({tier.min}–{tier.max}): {given}; "
                "those judges must change them first")
    return s.t(f"cannot set {s.tier(tier)}: the scores already given ({given}) lie outside that range; "
               "those judges must change them first",
               f"不能定为{s.tier(tier)}：已给出的评分（{given}）不在该档范围内，须先由这些评委修改评分")


@_template("score.refused")
def _(s: Say) -> str:
    """A score check_score refused (``refusal``: a ScoreRefusal with the reason, what was typed, the range, the tier,
    the grades and the decimals)."""
    from .allowed_scores import (GRADE_MISMATCH, NEGATIVE, NO_GRADES, NO_TIER, NOT_A_GRADE, NOT_A_NUMBER, NOT_PANEL,
                                 OFF_STEP, OUTSIDE_TIER, SCORE_AND_GRADE, SIGNED_ZERO, TOO_MANY_DECIMALS, grades_text,
                                 step_text)
    from .values import COMMA_AFTER_ZERO

    refusal = s["refusal"]
    criterion = refusal.criterion
    typed = refusal.typed if refusal.typed is not None else number(refusal.score) if refusal.score is not None else ""
    low, high = number(refusal.low or 0), number(refusal.high or 0)
    if refusal.reason == NOT_PANEL:
        return s.t(f"{s.name(criterion)} is not a criterion the panel scores", f"{s.name(criterion)}不是评委打分的评分项")
    if refusal.reason == NO_TIER:
        return _TEMPLATES["score.no_tier"](s.with_data({"criterion": criterion}))
    if refusal.reason == NOT_A_NUMBER:
        return s.t(f"{typed!r} is not a number", f"“{typed}”不是数字")
    if refusal.reason == COMMA_AFTER_ZERO:  # 0,500: a decimal comma or a slip, never read as 500 (nor 0,000 as 0)
        point = refusal.point
        return s.t(f"{typed!r} is ambiguous: a comma after a leading 0 is no thousands separator; type the score with "
                   f"a decimal point{f' ({point})' if point else ''}",
                   f"“{typed}”有歧义：0 后的逗号不会是千位分隔符；请以小数点填写得分{f'（{point}）' if point else ''}")
    if refusal.reason == SIGNED_ZERO:  # -0 where 0 is allowed: "negative" read oddly for a zero
        agreed_en = f", agreed tier: {s.label(refusal.tier)}" if refusal.tier is not None and not s.ids else ""
        agreed_zh = f"，已定档次：{s.label(refusal.tier)}" if refusal.tier is not None else ""
        return s.t(f"{typed} has a minus sign; type the score without it (scores run from {low} to {high}{agreed_en})",
                   f"{typed} 带有负号；请去掉负号填写得分（得分范围为 {low}–{high}{agreed_zh}）")
    if refusal.reason == NEGATIVE and refusal.tier is not None and not s.ids:
        return s.t(f"{typed} is negative; scores run from {low} to {high} (agreed tier: {s.label(refusal.tier)})",
                   f"{typed} 是负数；得分范围为 {low}–{high}（已定档次：{s.label(refusal.tier)}）")
    if refusal.reason == NEGATIVE:
        return s.t(f"{typed} is negative; scores run from {low} to {high}", f"{typed} 是负数；得分范围为 {low}–{high}")
    if refusal.reason == TOO_MANY_DECIMALS:
        places = refusal.decimals
        return s.t(f"{typed} has more than {places} decimal place(s); the rubric keeps this score to {places} "
                   "and never rounds what a judge typed",
                   f"{typed} 的小数位超过 {places} 位（评分标准对该项保留 {places} 位小数，不会替评委舍入）")
    if refusal.reason == GRADE_MISMATCH:  # the grade picked beside the score is not the score's: as the reader says
        grades = grades_text(refusal.grades, refusal.step, None if s.ids else s.lang)
        fits = _grade_fit(s, refusal.mismatch)
        return s.t(f"{typed!r} is not a grade that goes with its score on {criterion.name.en} ({grades}): {fits}",
                   f"“{typed}”不是 {criterion.name.zh} 中与得分相符的等级（{grades}）：{fits}")
    if refusal.reason == OFF_STEP and refusal.tier is not None:  # a tiered criterion's step, inside the agreed tier
        note = step_text(refusal.step, s.lang)
        agreed = "" if s.ids else s.t(f"; agreed tier: {s.label(refusal.tier)}", f"；已定档次：{s.label(refusal.tier)}")
        return s.t(f"{typed} is not a score {criterion.name.en} allows: {low}–{high} ({note}{agreed})",
                   f"{typed} 不是 {criterion.name.zh} 允许的得分：{low}–{high}（{note}{agreed}）")
    if refusal.reason in (NOT_A_GRADE, OFF_STEP):
        grades = grades_text(refusal.grades, refusal.step, s.lang)
        shown = s.t(f"{typed} ", f"{typed} ") if refusal.score is not None else s.t(f"{typed!r} ", f"“{typed}”")
        return s.t(f"{shown}is not a score the grades of {criterion.name.en} allow: {grades}",
                   f"{shown}不是 {criterion.name.zh} 的等级所允许的得分：{grades}")
    if refusal.reason == SCORE_AND_GRADE:  # a score typed and a grade picked in one edit, naming two scores
        given = s.t(f"the score {typed!r}" if typed else "the score cleared", f"得分“{typed}”" if typed else "得分（清空）")
        grade = refusal.grade_typed
        given += s.t(f" and the grade {grade!r}" if grade else " and the grade cleared",
                     f"与等级“{grade}”" if grade else "与等级（清空）")
        return s.t(f"{given} were given together for {criterion.name.en} and are not the same score: give the score "
                   "or the grade, or both alike",
                   f"{criterion.name.zh}同时填写了{given}，两者不是同一得分：请只填写得分或只选择等级，或使两者一致")
    if refusal.reason == NO_GRADES:
        return s.t(f"{typed!r} is not a grade of {criterion.name.en}, which is not scored by grade: type its score",
                   f"“{typed}”不是 {criterion.name.zh} 的等级（该项不按等级打分，请直接填写得分）")
    if refusal.reason == OUTSIDE_TIER and refusal.tier is not None and not s.ids:
        return s.t(f"{typed} is outside the allowed range {low}–{high} (agreed tier: {s.label(refusal.tier)})",
                   f"{typed} 超出允许范围 {low}–{high}（已定档次：{s.label(refusal.tier)}）")
    return s.t(f"{typed} is outside the allowed range {low}–{high}", f"{typed} 超出允许范围 {low}–{high}")


@_template("score.invalid_bid")
def _(s: Say) -> str:
    return s.t("the bid is invalid and is not scored", "该投标为无效投标，不评分")


@_template("score.not_declared")
def _(s: Say) -> str:
    return s.t("declare first whether you have a conflict of interest with this bidder",
               "请先声明与该投标人是否存在利害关系")


@_template("score.recused")
def _(s: Say) -> str:
    return s.t("you declared a conflict of interest with this bidder and do not score it",
               "您已声明与该投标人存在利害关系，不对其打分")


@_template("score.recused_agree")
def _(s: Say) -> str:
    if s["what"] == "tier":
        return s.t("you declared a conflict of interest with this bidder, so you do not agree its tier: another "
                   "member of the panel with the chair's role agrees it",
                   "您已声明与该投标人存在利害关系，不参与确定其档次：请由具有组长权限的其他评委确定")
    return s.t("you declared a conflict of interest with this bidder, so you do not agree its consensus score: another "
               "member of the panel with the chair's role records it",
               "您已声明与该投标人存在利害关系，不参与确定其合议分：请由具有组长权限的其他评委录入")


@_template("score.no_bid")
def _(s: Say) -> str:
    return s.t(f"no bid from {s['vendor_id']} in this tender", f"本项目中没有 {s['vendor_id']} 的投标")


_FILED_STATUS = {"final": ("final", "已定稿"), "complete": ("scores complete", "评分完整"),
                 "provisional": ("provisional", "临时结果")}


@_template("export.moved_on")
def _(s: Say) -> str:
    drawn, now = (_FILED_STATUS.get(str(s[k]), (str(s[k]),) * 2) for k in ("drawn", "now"))
    return s.t(f"tender {s['tender']} has changed since the Export page was shown ({drawn[0]} then, {now[0]} now): "
               "nothing was downloaded; reload the page and download again",
               f"招标项目 {s['tender']} 在“导出”页面显示后已有变化（当时为{drawn[1]}，现为{now[1]}）：未下载任何文件；"
               "请刷新页面后重新下载")


@_template("store.no_tender")
def _(s: Say) -> str:
    return s.t(f"no tender {s['tender']}", f"没有编号为 {s['tender']} 的招标项目")


@_template("store.judge_needs_name")
def _(s: Say) -> str:
    said, option = s.t("a judge needs a name", "评委须有姓名"), s.get("option")  # option: the command line's --judge
    return said if option is None else s.t(f"{option}: {said}", f"{option}：{said}")


@_template("store.judge_name_too_long")
def _(s: Say) -> str:
    said = s.t(f"a judge's name has at most {s['limit']} characters, found {s['length']}",
               f"评委姓名最多 {s['limit']} 个字符，实际为 {s['length']} 个")
    option = s.get("option")
    return said if option is None else s.t(f"{option}: {said}", f"{option}：{said}")


@_template("report.font_missing")
def _(s: Say) -> str:
    return s.t(f"the evaluation report needs the font {s['font']}, which is not installed ({s['looked_in']}); "
               f"install Debian's {s['package']} (bash scripts/setup.sh does), or set {s['variable']} to a font "
               "file that has Chinese characters",
               f"评标报告需要字体 {s['font']}，本机尚未安装（已查找：{s.join(s.get('paths', ()))}）；"
               f"请安装 Debian 的 {s['package']} 软件包"
               f"（bash scripts/setup.sh 会安装），或把环境变量 {s['variable']} 设为一个含中文字符的字体文件")


@_template("cli.judge_not_listed")
def _(s: Say) -> str:
    return s.t(f"{s['file']}: judge {s['judge']!r} is not on the Judges sheet ({', '.join(s['members'])})",
               f"{s['file']}：评委“{s['judge']}”不在工作表 Judges 中（{s.join(s['members'])}）")


UNTOUCHED = Label("未读取也未写入任何文件", "nothing was read or written")  # an output refused before any work


@_template("cli.output_is_input")
def _(s: Say) -> str:
    return s.t(f"{s['option']} names the input {s['input_option']} {s['input']}: writing there would destroy it; "
               f"choose another file ({UNTOUCHED.en})",
               f"{s['option']} 指向输入文件 {s['input_option']} {s['input']}：写入会毁掉该文件；请另选文件名（{UNTOUCHED.zh}）")


@_template("cli.outputs_same")
def _(s: Say) -> str:
    return s.t(f"{s['option']} names the same file as {s['other']}: one would overwrite the other; give each its own "
               f"file ({UNTOUCHED.en})",
               f"{s['option']} 与 {s['other']} 指向同一个文件：后写的会覆盖先写的；请分别指定文件（{UNTOUCHED.zh}）")


@_template("cli.output_is_folder")
def _(s: Say) -> str:
    return s.t(f"{s['option']} names a folder: give the name of the file to write ({UNTOUCHED.en})",
               f"{s['option']} 指向一个文件夹：请给出要写入的文件名（{UNTOUCHED.zh}）")


@_template("cli.binary_to_stdout")
def _(s: Say) -> str:
    return s.t(f"{s['option']} -: a workbook or PDF is binary and is not written to standard output; give a file "
               f"name (./- for a file named -; only --json - writes to standard output) ({UNTOUCHED.en})",
               f"{s['option']} -：工作簿或 PDF 是二进制文件，不写到标准输出；请给出文件名（文件名为 - 的写作 ./-；"
               f"只有 --json - 写到标准输出）（{UNTOUCHED.zh}）")


@_template("cli.output_empty")
def _(s: Say) -> str:
    return s.t(f"the file name is empty: give the name of the file to write ({UNTOUCHED.en})",
               f"文件名为空：请给出要写入的文件名（{UNTOUCHED.zh}）")


@_template("cli.output_under_file")
def _(s: Say) -> str:
    return s.t(f"{s['option']}: {s['blocking']} is a file, not a folder, so nothing can be written inside it: give a "
               f"path in a folder ({UNTOUCHED.en})",
               f"{s['option']}：{s['blocking']} 是文件而不是文件夹，不能在其中写入：请给出某个文件夹中的路径（{UNTOUCHED.zh}）")


@_template("cli.output_folder_missing")
def _(s: Say) -> str:
    return s.t(f"{s['option']}: the folder {s['folder']} does not exist ({UNTOUCHED.en})",
               f"{s['option']}：文件夹 {s['folder']} 不存在（{UNTOUCHED.zh}）")


_SPECIAL_FILE = {
    "fifo": Label("命名管道", "a named pipe (FIFO)"),
    "device": Label("设备文件", "a device"),
    "socket": Label("套接字", "a socket"),
    "loop": Label("绕回自身的符号链接", "a symbolic link that leads back to itself"),
    "other": Label("特殊文件", "a special file"),
}


@_template("cli.output_not_a_file")
def _(s: Say) -> str:
    option, kind = s["option"], _SPECIAL_FILE[s["kind"]]
    if s.get("stdout"):  # an option that writes to standard output as `option -` (--json /dev/stdout meant that)
        return s.t(f"{option} names {kind.en}, not a regular file: it writes to regular files only; for standard "
                   f"output write {option} - ({UNTOUCHED.en})",
                   f"{option} 指向{kind.zh}，不是普通文件：它只写入普通文件；要写到标准输出，请写 {option} -"
                   f"（{UNTOUCHED.zh}）")
    return s.t(f"{option} names {kind.en}, not a regular file: outputs go to regular files only, not to a "
               f"pipe, a device or standard output; give a file's name ({UNTOUCHED.en})",
               f"{option} 指向{kind.zh}，不是普通文件：输出只写入普通文件，不写入管道、设备或标准输出；"
               f"请给出文件名（{UNTOUCHED.zh}）")


_WRITTEN = {"workbook": Label("Excel 工作簿", "an Excel workbook"), "pdf": Label("PDF 报告", "a PDF report"),
            "json": Label("JSON 格式的结果", "the result as JSON")}


@_template("cli.output_extension")
def _(s: Say) -> str:
    what, found, expected = _WRITTEN[s["written"]], s["found"], s["expected"]
    ends = Label(f"以 {found} 结尾", f"ends in {found}") if found else Label("没有扩展名", "has no extension")
    if s["written"] == "json":
        fits = Label(f"，打开它的程序会把它当作 {found} 文件而无法读取；请换用如 {s['suggested']} 的文件名",
                     f", and a program opening it as a {found} file could not read it; name it e.g. {s['suggested']}")
    else:
        fits = Label(f"；请以 {expected} 结尾，如 {s['suggested']}", f"; end it in {expected}: {s['suggested']}")
    return s.t(f"{s['option']} writes {what.en}, but the file name {ends.en}{fits.en} ({UNTOUCHED.en})",
               f"{s['option']} 写入的是 {what.zh}，但文件名{ends.zh}{fits.zh}（{UNTOUCHED.zh}）")


@_template("cli.output_in_bids_folder")
def _(s: Say) -> str:
    return s.t(f"{s['option']} would write a workbook into the bids folder {s['folder']}: the next run would read it "
               f"as a bid; write it elsewhere ({UNTOUCHED.en})",
               f"{s['option']} 会把工作簿写入投标文件夹 {s['folder']}：下次评审会把它当作投标读取；请写到别处（{UNTOUCHED.zh}）")


@_template("store.no_seat")
def _(s: Say) -> str:
    return s.t(f"{s['judge']!r} holds no seat on the panel of tender {s['tender']}",
               f"“{s['judge']}”不是招标项目 {s['tender']} 的评标委员会成员")


@_template("store.seat_lost")
def _(s: Say) -> str:
    """A judge's seat taken from them (SeatLost): the role taken back or the seat removed, by whom, when, the reason
    given; then what they had typed and was not saved, as the grid's other refusals say it (``your 4 was not
    saved``)."""
    tender, by, stamp = s["tender"], s["by"], f"{s['at']:%Y-%m-%d %H:%M}"
    if s["removed"]:
        why = s.t(f" (reason: {s['reason']})", f"（移除理由：{s['reason']}）") if s["reason"] else ""
        en = f"your seat {s['seat']!r} on the panel of tender #{tender} was removed by {by} on {stamp} UTC{why}"
        zh = f"您在招标项目 #{tender} 的评委席位“{s['seat']}”已被 {by} 于 {stamp}（UTC）移除{why}"
    else:
        en = f"your judge role on tender #{tender} was taken back by {by} on {stamp} UTC"
        zh = f"您在招标项目 #{tender} 的评委角色已被 {by} 于 {stamp}（UTC）收回"
    typed = s["typed"]
    if not typed:
        return s.t(en, zh)
    what = s.join(s.t(f"{_typed_value(s, c)} ({c.vendor_name} / {c.criterion})",
                      f"{_typed_value(s, c)}（{c.vendor_name} / {c.criterion}）") for c in typed)
    return s.t(f"{en}; what you had just typed was not saved: {what}", f"{zh}，您刚输入的 {what}未保存")


def _typed_value(s: Say, cell: Any) -> str:
    """A typed cell's value as a refusal names it: the score, the comment in quotes, or a score cleared."""
    if cell.score is not None:
        return str(cell.score)
    if cell.comment is None:
        return s.t("the score cleared", "清空得分")
    return s.t(f"the comment {cell.comment!r}", f"评语“{cell.comment}”")


@_template("store.recusal_over_scores")
def _(s: Say) -> str:
    """A conflict of interest declared with a bidder the seat already holds scores for (a panel workbook's)."""
    scores = s.join(f"{vendor} / {s.label(criterion)} {score}" for vendor, criterion, score in s["scores"])
    return s.t(f"the seat {s['judge']} already holds scores for a bidder it declares a conflict of interest with: "
               f"{scores}; a judge recused from a bidder (回避) has no score for it, so nothing was declared: ask the "
               "chair to remove these scores first (by replacing the panel with a workbook without them, or by "
               "removing the seat, whose scores and declarations go with it, and adding it again), then declare again",
               f"评委席位“{s['judge']}”已有声明存在利害关系的投标人的评分：{scores}；回避的评委对该投标人不应有评分，"
               "因此本次声明未记录：请组长先删除这些评分（用不含这些评分的评分工作簿替换评标委员会，或移除该评委席位"
               "——其评分和回避声明随之删除——再重新增设），然后重新声明")


@_template("store.no_bids")
def _(s: Say) -> str:
    return s.t(f"no bid from {', '.join(s['vendors'])} in tender {s['tender']}",
               f"招标项目 {s['tender']} 中没有 {s.join(s['vendors'])} 的投标")


@_template("store.no_flag")
def _(s: Say) -> str:
    kind = FINDING_NAMES[s["kind"]].zh if s["kind"] in FINDING_NAMES else ""
    criterion = s.name(s["criterion"]) if s.get("criterion") else ""
    rest = " ".join(x for x in (s["vendor_id"], criterion, s.get("judge")) if x)
    return s.t(f"no such flag to write a finding on: {s['kind']} {rest} (a finding answers an outlying score, an "
               "abnormally low price or panel scores missing, as the evaluation shows them); nothing was recorded",
               f"没有可填写复核意见的情况：{kind} {rest}（复核意见针对评估结果中的畸高畸低评分、异常低价或评分未完成）；未记录任何内容")


@_template("store.consensus_empty")
def _(s: Say) -> str:
    return s.t("an agreed score is not taken away: type the score the panel agrees, with its reason (a cleared cell "
               "or a reason without a score saves nothing)",
               "合议得分不能删除：请填写评标委员会一致同意的得分及理由（清空得分或只填理由均不保存）")


@_template("store.reason_needed")
def _(s: Say) -> str:
    if s["what"] == "finding":
        return s.t("a finding needs its text", "复核意见不能为空")
    if s["what"] == "remove":
        work = (("scores", "项评分"), ("tiers", "项定档"), ("consensus", "项合议得分"), ("declarations", "项回避声明"),
                ("findings", "项复核意见"))
        en = ", ".join(f"{s[k]} {k}" for k, _ in work if s.get(k))
        zh = "、".join(f"{s[k]} {w}" for k, w in work if s.get(k))
        return s.t(f"removing the bid of {s['vendor_id']} needs its reason: the panel has recorded {en} for it, "
                   "which go with it (the reason is kept in the audit trail)",
                   f"删除 {s['vendor_id']} 的投标须填写理由：评委已对其记录 {zh}，将一并删除（理由记入审计记录）")
    if s["what"] == "remove_judge":
        return s.t(f"removing {s['judge']} from the panel needs its reason: the seat has {s['declarations']} "
                   f"declaration(s) and {s['scores']} score(s), which go with it (the reason is kept in the audit trail)",
                   f"移除评委{s['judge']}须填写理由：该席位已有 {s['declarations']} 项回避声明和 {s['scores']} 项评分，"
                   "将一并删除（理由记入审计记录）")
    if s["what"] == "conflict":
        vendors = s.join(s["vendors"])
        return s.t(f"a conflict of interest needs what it is (employment, family, investment …): {vendors}",
                   f"声明有利害关系的，须说明是何种关系（雇佣、亲属、投资等）：{vendors}")
    return s.t("a consensus score needs its reason", "合议得分须填写理由")


@_template("store.note_without_conflict")
def _(s: Say) -> str:
    vendors = s.join(_bid(s, v, s.get("names") or {}) for v in s["vendors"])
    return s.t(f"a note is written beside {vendors} but 'conflict of interest' is not ticked: tick it if there is "
               "one, or delete the note (nothing was declared; a declaration cannot be changed once made)",
               f"{vendors} 填写了说明但未勾选“有利害关系”：如有利害关系请勾选，否则请删去说明（尚未提交任何声明；声明提交后不能更改）")


@_template("panel.other_judges")
def _(s: Say) -> str:
    return s.t(f"expected only {s['judge']}'s scores, found scores of {', '.join(s['others'])}",
               f"应只含{s['judge']}的评分，实际还有{s.join(s['others'])}的评分")


@_template("store.submit_missing")
def _(s: Say) -> str:
    missing = s["missing"]
    listed = s.join(f"{v} / {s.label(c)}" for v, c in missing[:10]) + (" …" if len(missing) > 10 else "")
    return s.t(f"{s['judge']} cannot submit yet: {len(missing)} score(s) missing: {listed}",
               f"{s['judge']}尚不能提交：还有 {len(missing)} 项未打分：{listed}")


@_template("store.write_conflict")
def _(s: Say) -> str:
    what = s["what"]
    if s.get("preview"):
        seen, current = s["seen"], s["current"]
        whose = s.t("the panel", "评标委员会") if what == "panel" else s.t(f"{s['judge']}'s scores",
                                                                          f"{s['judge']}的评分")
        return s.t(f"{whose} changed since the preview (version {seen}, now {current}); preview again — "
                   "nothing was written",
                   f"预览之后{whose}已有变动（预览时为第 {seen} 版，现为第 {current} 版），请重新预览；未写入任何内容")
    criterion = s.name(s["criterion"]) if "criterion" in s.data else ""
    vendor = s.get("vendor_id", "")
    thing = {
        "score": (f"{s.get('judge')}'s score for {vendor} on {criterion}", f"{s.get('judge')}对 {vendor} 的{criterion}评分"),
        "tier": (f"the tier of {vendor} on {criterion}", f"{vendor} 的{criterion}档次"),
        "consensus": (f"the consensus score of {vendor} on {criterion}", f"{vendor} 的{criterion}合议得分"),
        "finding": (f"the finding on {_finding_kind(s, s.get('kind'))} {vendor}",
                    f"关于 {vendor} {_finding_kind(s, s.get('kind'))}的复核意见"),
    }[what]
    # Changed elsewhere, not "by someone else": most often the same person in another window (P6-11). The versions
    # stay in the error's data, not in its words.
    labels = {t.id: s.label(t) for t in s.get("tiers", ())}  # a tier as the chair picked it (三档), not its id (t3)
    value = labels.get(s["value"], s["value"])
    shown = value if value is not None else s.t("empty", "空")
    typed = labels.get(s.get("typed"), s.get("typed"))
    yours = (s.t(f"your {typed} was not saved", f"您的 {typed} 未保存") if typed is not None
             else s.t("your change was not saved", "您的修改未保存"))
    return s.t(f"{thing[0]} was changed elsewhere to {shown} (perhaps by you, in another window); {yours}",
               f"{thing[1]}已在别处改为 {shown}（可能是您在另一窗口中修改的），{yours}")


def _finding_kind(s: Say, kind: Any) -> str:
    """What a chair's finding is about, in words (``outlier``, ``abnormal_low_price``, ``incomplete``)."""
    value = str(getattr(kind, "value", kind))
    zh = FINDING_NAMES[value].zh if value in FINDING_NAMES else value
    en = {"outlier": "an outlying score", "abnormal_low_price": "an abnormally low price",
          "incomplete": FINDING_NAMES["incomplete"].en.lower()}.get(value, value)  # (the flag's name: one name)
    return s.t(value if s.ids else en, zh)


def _flag(s: Say, flag: Any, names: Mapping[str, str]) -> str:
    """A flag still without its finding: ids joined by / on the command line (a script matches them); for a person,
    what was flagged, then whose bid (by name and code), which criterion, which judge."""
    if s.ids:
        return "/".join([_finding_kind(s, flag.kind), *(x for x in (flag.vendor_id, flag.criterion, flag.judge) if x)])
    facts = [x for x in (_bid(s, flag.vendor_id, names, inside=True), s.label(flag.criterion), flag.judge) if x]
    return _finding_kind(s, flag.kind) + s.t(f" ({s.join(facts)})", f"（{s.join(facts)}）")


def _bid(s: Say, vendor_id: str, names: Mapping[str, str], inside: bool = False) -> str:
    """A bid as the app's tables name it, ``name（code）`` (``name code`` ``inside`` brackets already; its code alone
    without a name, and on the command line)."""
    name = names.get(vendor_id)
    if s.ids or not name:
        return vendor_id
    return f"{name} {vendor_id}" if inside else s.t(f"{name} ({vendor_id})", f"{name}（{vendor_id}）")


def _roles(s: Say, roles: Iterable[Any]) -> str:
    from .rights import ROLE_NAMES_ZH

    held = [ROLE_NAMES_ZH[r] if s.zh else r.value for r in roles]
    return s.join(held) if held else s.t("no role", "无角色")


def _action(s: Say, action: Any) -> str:
    from .rights import ACTION_NAMES_ZH

    return ACTION_NAMES_ZH[action] if s.zh else action.value


def _stage(s: Say, stage: Any) -> str:
    from .workflow import STAGE_NAMES_ZH

    return STAGE_NAMES_ZH[stage] if s.zh else stage.value


def _aggregate_zh(aggregate: str) -> str:
    from .rubric import Aggregate
    from .rubric_view import AGGREGATE_LABELS

    known = next((a for a in Aggregate if a.value == aggregate), None)
    return AGGREGATE_LABELS[known].zh if known else aggregate


# Why a right was refused (RightRefused.why): (English, Chinese), each formatted with the refusal's facts.
_WHY: dict[str, Callable[[Say], tuple[str, str]]] = {
    "no_account": lambda s: ("no such account, or it is switched off", "账户不存在或已停用"),
    "observer_before_final": lambda s: ("an observer reads the result once it is final", "监督人员在结果定稿后才能查看"),
    "cannot_create": lambda s: ("creating a tender needs an account that may", "该账户无权新建招标项目"),
    "declare_first": lambda s: (
        "declare for every bidder whether you have a conflict of interest first (回避声明): " + ", ".join(s["vendors"]),
        "须先对每家投标人作出回避声明：" + "、".join(s["vendors"])),
    "blind": lambda s: ("whoever holds a seat on the panel sees only their own scores until they have submitted them, "
                        "whatever their other roles",
                        "在本评标委员会中有评委席位的人（包括兼任评委的组长和采购人代表），提交自己的评分之前只能看到自己的评分"),
    "no_seat": lambda s: ("you hold no seat on this panel", "您不是本项目评标委员会的成员"),
    "submitted": lambda s: ("you have submitted your scores; they are locked", "您已提交评分，评分已锁定"),
    "seat_submitted": lambda s: (
        f"{', '.join(s['judges'])} submitted their scores, which are now locked: no score sheet or panel workbook "
        "changes them (to change them, close scoring and reopen it with a reason, which unlocks every submission)",
        f"{'、'.join(s['judges'])}已提交评分，评分已锁定，评分表和评分工作簿都不能更改（如须更改，请结束评分后填写理由重新开放评分，"
        "这将解除所有评委的提交）"),
    "prices_sealed": lambda s: ("prices stay sealed until you have submitted your technical scores",
                                "提交技术评分之前，价格保持密封"),
    "waiting": lambda s: (f"not submitted yet: {', '.join(s['judges'])}; give a reason to close anyway",
                          f"尚未提交评分：{'、'.join(s['judges'])}；如仍要结束评分，请填写理由"),
    "not_consensus": lambda s: (f"the rubric aggregates by {s['aggregate']}, not consensus",
                                f"评分标准的汇总方式为“{_aggregate_zh(s['aggregate'])}”，不是合议"),
    "reason_needed": lambda s: ("reopening needs a reason", "重新开启须填写理由"),
    "administrator_only": lambda s: ("only an administrator manages accounts", "只有管理员可以管理账户"),
    "recused": lambda s: (f"you declared a conflict of interest with {s['vendor_id']}",
                          f"您已声明与 {s['vendor_id']} 存在利害关系（回避）"),
    "price_envelope": lambda s: ("this document belongs to the price envelope, sealed until you have submitted your "
                                 "technical scores", "该附件属于价格标，在您提交技术评分之前保持密封"),
}


def why_codes() -> tuple[str, ...]:
    """Every reason a right can be refused for (tests render each in both languages)."""
    return tuple(sorted(_WHY))


@_template("right.refused")
def _(s: Say) -> str:
    """A role that does not allow an action (RightRefused): who, with which roles, what, where, and why."""
    tender, why = s["tender"], s.get("why")
    en = f"{s['actor']} ({_roles(s, s['roles'])}) may not {_action(s, s['action'])}" + (
        f" on tender {tender}" if tender is not None else "")
    zh = f"{s['actor']}（{_roles(s, s['roles'])}）" + (f"不能在招标项目 {tender} 中" if tender is not None else "不能") \
        + _action(s, s["action"])
    if why:
        because = _WHY[why](s)
        en, zh = f"{en}: {because[0]}", f"{zh}：{because[1]}"
    return s.t(en, zh)


@_template("stage.refused")
def _(s: Say) -> str:
    """An action the tender's stage does not allow (StageRefused)."""
    allowed = s.join(_stage(s, x) for x in s["allowed"])
    return s.t(f"tender {s['tender']} is in the {_stage(s, s['stage'])} stage: cannot {_action(s, s['action'])} "
               f"(possible in: {allowed})",
               f"招标项目 {s['tender']} 处于“{_stage(s, s['stage'])}”阶段，不能{_action(s, s['action'])}"
               f"（可在以下阶段进行：{allowed}）")


@_template("finalise.refused")
def _(s: Say) -> str:
    """What stands between a tender and its final result (FinaliseRefused's Blockers), each bid by name and code as
    the tables show it (by code on the command line)."""
    from .result import AGREED_MISSING

    found = s["blockers"]

    def bids(vendors: Iterable[str]) -> str:
        return s.join(_bid(s, v, found.names) for v in vendors)

    parts = []
    if found.incomplete:
        parts.append(s.t(f"panel scores missing for {bids(found.incomplete)}", f"{bids(found.incomplete)} 的评分未完成"))
    if found.awaiting_agreed:  # every judge has scored: the chair's agreed score is what is missing, not a finding
        agreed = bids(found.awaiting_agreed)
        parts.append(s.t(f"agreed score not entered for {agreed}" if s.ids else
                         f"the agreed (consensus) score is not entered yet for {agreed} (flag "
                         f"\"{AGREED_MISSING.en}\"; the chair enters it under Consensus scores)",
                         f"以下投标尚未录入合议得分（标记“{AGREED_MISSING.zh}”，由组长在“合议得分”表中录入）：{agreed}"))
    if found.nobody_may_score:
        parts.append(s.t(f"every judge is recused from {bids(found.nobody_may_score)}: seat a judge who may "
                         f"score it", f"全体评委均须回避 {bids(found.nobody_may_score)}：请增补可以评审的评委"))
    if found.untiered:
        scored = s.join(s.t(f"{_bid(s, vendor, found.names)} on {s.name(criterion)}",
                            f"{_bid(s, vendor, found.names)} 的{s.name(criterion)}")
                        for vendor, criterion in found.untiered)
        parts.append(s.t(f"scored with no agreed tier: {scored} (agree the tier on the Tiers page)",
                         f"已评分但未定档：{scored}（请在“定档”页面确定档次）"))
    if found.unresolved:
        flags = s.join(_flag(s, f, found.names) for f in found.unresolved)
        lead = "no finding yet for" if s.ids else "no written finding yet for"
        parts.append(s.t(f"{lead} {flags}", f"以下情况尚无复核意见：{flags}"))
    if found.not_submitted:
        parts.append(s.t(f"not submitted: {', '.join(found.not_submitted)} (a judge whose scores are all given submits "
                         "them on the Scoring page, in review too; for a score still missing, reopen scoring)",
                         f"尚未提交评分：{'、'.join(found.not_submitted)}（评分已全部给出的评委，在评审阶段也可在“评委打分”页面提交；"
                         f"仍有未打分项时，请重新开放评分）"))
    return s.t(f"tender {s['tender']} cannot be finalised: " + "; ".join(parts),
               f"招标项目 {s['tender']} 尚不能定稿：" + "；".join(parts))


@_template("signin.refused")
def _(s: Say) -> str:
    """A refused sign-in or session (SignInRefused), by its reason."""
    user, until = s.get("username", ""), s.get("locked_until")
    stamp = f"{until:%Y-%m-%d %H:%M}" if until else ""
    en, zh = {
        "wrong": ("wrong user name or password", "用户名或密码错误"),
        "locked": (f"too many wrong passwords: {user} is locked until {stamp} UTC" if until else "locked",
                   f"密码错误次数过多：{user} 已锁定至 {stamp}（UTC）" if until else "账户已锁定"),
        "inactive": (f"the account {user} is switched off", f"账户 {user} 已停用"),
        "expired": ("the session has expired: sign in again", "登录已过期，请重新登录"),
        "must_change_password": (f"{user} must choose a new password first", f"{user} 须先设置新密码"),
        "unknown_identity": (f"no account for {user}: ask the administrator for one",
                             f"没有与 {user} 对应的账户，请向管理员申请"),
        "email_shared": (f"the e-mail address {user} belongs to several accounts ({', '.join(s.get('accounts', ()))}): "
                         "ask the administrator to keep it on one of them",
                         f"电子邮箱 {user} 同时属于多个账户（{'、'.join(s.get('accounts', ()))}），请管理员只保留在其中一个账户上"),
    }[s["reason"]]
    return s.t(en, zh)


@_template("account.refused")
def _(s: Say) -> str:
    """An account change that cannot be made (AccountRefused): the field and why."""
    name, user = s.get("name"), s.get("username")
    en, zh = {
        "short_password": (f"at least {s.get('minimum')} characters, found {s.get('length')}",
                           f"密码至少 {s.get('minimum')} 个字符，实际为 {s.get('length')} 个"),
        "same_password": ("the new password must differ from the old one", "新密码不能与旧密码相同"),
        "seat_taken": (f"the seat {name!r} is already held by another account", f"评委席位“{name}”已由其他账户占用"),
        "seated_as": (f"{user} already sits on this panel as {name!r}", f"{user} 已以“{name}”的身份在本评标委员会中"),
        "seat_has_work": (f"the seat {s.get('seat')!r} holds {s.get('declarations')} declaration(s) and "
                          f"{s.get('scores')} score(s) of the account that held it, so it goes to no other account: "
                          "remove that judge (their scores are removed, with the reason, in the audit trail) and add "
                          "a new seat",
                          f"评委席位“{s.get('seat')}”已有原持有账户的 {s.get('declarations')} 项回避声明和 "
                          f"{s.get('scores')} 项评分，不能交给其他账户：请移除该评委（其评分随之删除，理由记入审计记录），"
                          "再增设新的评委席位"),
        "username_needed": ("a user name is needed", "须填写用户名"),
        "too_long": (f"at most {s.get('limit')} characters, found {s.get('length')}",
                     f"{ {'username': '用户名', 'email': '电子邮箱'}.get(s['field'], '姓名')}最多 {s.get('limit')} 个字符，"
                     f"实际为 {s.get('length')} 个"),
        "name_needed": ("a name is needed (the panel list and the audit trail show it)",
                        "须填写姓名（评标委员会名单和审计记录中显示）"),
        "username_taken": (f"{user!r} is taken", f"用户名“{user}”已被使用"),
        "display_name_taken": (f"another account is already named {name!r} (names are compared without case or "
                               "spaces): choose a name that tells you apart, such as one with your organisation",
                               f"姓名“{name}”已被另一个账户使用（比较时不区分大小写和空格）：请换一个能与之区分的姓名，"
                               "例如加上单位名称"),
        "email_taken": (f"{s.get('email')} is already the e-mail address of {user}",
                        f"电子邮箱 {s.get('email')} 已由账户 {user} 使用"),
        "subject_taken": (f"the organisation sign-in {s.get('subject')!r} is already linked to {user}",
                          f"单位账号标识“{s.get('subject')}”已关联到账户 {user}"),
        "no_account": (f"no account {user!r}", f"没有用户名为“{user}”的账户"),
        "role_needed": ("an invitation to a tender names the role it gives", "邀请须注明所给的角色"),
        "bad_code": ("this invitation code is unknown, used or expired", "邀请码无效、已使用或已过期"),
        "invitation_cancelled": ("this invitation was cancelled: ask whoever invited you for a new one",
                                 "此邀请已作废，请向邀请人索取新的邀请"),
        "invitation_void": _invitation_void(s) if s["why"] == "invitation_void" else ("", ""),
    }[s["why"]]
    return s.t(f"{s['field']}: {en}", zh)


def _invitation_void(s: Say) -> tuple[str, str]:
    """Why a redeemed invitation could no longer give what it named, and what to do (English, Chinese)."""
    tender, role = s.get("tender"), s.get("role")
    who = (("the tender's procurement officer", "该项目的采购人") if tender is not None
           else ("the administrator", "管理员"))
    ask = (f"it is cancelled: ask {who[0]} for a new invitation", f"此邀请已作废，请向{who[1]}索取新的邀请")
    if s["cause"] == "stage":
        from .rights import ROLE_NAMES_ZH

        return (f"this invitation can no longer be used: tender {tender} is in the {_stage(s, s['stage'])} stage, "
                f"where the {role.value} role can no longer be given; {ask[0]}",
                f"此邀请已不能使用：招标项目 {tender} 已处于“{_stage(s, s['stage'])}”阶段，不能再分配“{ROLE_NAMES_ZH[role]}”"
                f"角色；{ask[1]}")
    where = (f" on tender {tender}", f"在招标项目 {tender} 中") if tender is not None else ("", "")
    return (f"this invitation can no longer be used: {s['inviter']}, who made it, may no longer give roles{where[0]}; "
            f"{ask[0]}",
            f"此邀请已不能使用：邀请人 {s['inviter']} 已无权{where[1]}分配角色；{ask[1]}")


# -- why a bid is invalid (the JSON keeps ``code: text``; these are the texts)

@_template("reason.gate_blank")
def _(s: Say) -> str:
    return s.t(f"{s.label(s['field'])}: not stated", f"{s.label(s['field'])}：未填写")


@_template("reason.gate_not_met")
def _(s: Say) -> str:
    return s.t(f"not met: {s.label(s['criterion'])}", f"未满足：{s.label(s['criterion'])}")


@_template("reason.required")
def _(s: Say) -> str:
    return s.t(f"{s.label(s['field'])} is not stated", f"未填写{s.label(s['field'])}")


@_template("reason.price_model_required")
def _(s: Say) -> str:
    return s.t("Pricing model is not stated", "未填写报价方式")


@_template("reason.price_model_not_allowed")
def _(s: Say) -> str:
    return s.t(f"pricing model '{s.label(s['model'])}' is not allowed ({s.join(s.label(m) for m in s['allowed'])})",
               f"报价方式“{s.label(s['model'])}”不在允许范围（{s.join(s.label(m) for m in s['allowed'])}）")


@_template("reason.price_parameters_missing")
def _(s: Say) -> str:
    return s.t("price lacks: " + s.join(s.label(p) for p in s["missing"]),
               "报价缺少：" + s.join(s.label(p) for p in s["missing"]))


@_template("reason.below_pass_mark")
def _(s: Say) -> str:
    mark, needed = number(s["subtotal"]), number(s["pass_mark"])
    return s.t(f"{s.label(s['group'])} subtotal {mark} is below the pass mark {needed}",
               f"{s.label(s['group'])}得分 {mark}，低于及格分 {needed}")


@_template("reason.settled_out_by_panel")
def _(s: Say) -> str:  # a judge's own result: the panel's settled outcome, without a subtotal made with others' scores
    return s.t(f"out by the panel's settled decision: {s.label(s['group'])} below the pass mark on the whole panel's "
               "scores", f"评标委员会已评定出局：按全体评委评分，{s.label(s['group'])}低于及格分")


@_template("reason.price_not_positive")
def _(s: Say) -> str:
    quoted = _money(s, s["quoted"])
    return s.t(f"quoted price {quoted} is not above 0", f"投标报价 {quoted}不大于零")


@_template("reason.above_budget_ceiling")
def _(s: Say) -> str:
    quoted, ceiling = _money(s, s["quoted"]), _money(s, s["ceiling"])
    return s.t(f"quoted price {quoted} is above the budget ceiling {ceiling}", f"投标报价 {quoted}超过最高限价 {ceiling}")


@_template("reason.above_unit_ceiling")
def _(s: Say) -> str:
    from .currency import rate_amount

    code = s.get("currency", "CNY")
    per = s.get("per") if s.ids else None  # the rate's label says per what (rate per m²-month); its id does not
    quoted, ceiling = (rate_amount(s[key], code, s.lang, per) for key in ("quoted", "ceiling"))
    return s.t(f"{s.label(s['rate'])} {quoted} is above its ceiling {ceiling}",
               f"{s.label(s['rate'])} {quoted}超过单项限价 {ceiling}")


@_template("reason.below_min_discount")
def _(s: Say) -> str:
    rate, least = plain_number(s["rate"] * 100), plain_number(s["least"] * 100)
    return s.t(f"discount rate {rate}% is below the least allowed, {least}%",
               f"下浮率 {rate}% 低于最低下浮率 {least}%")


def _money(s: Say, amount: Decimal) -> str:
    """An amount in the tender's currency (yuan when not given): ``¥600,000.00``, ``$600,000.00``, ``600,000.00 美元``."""
    from .currency import money_amount

    return money_amount(amount, s.get("currency", "CNY"), s.lang)


# -- bid documents: proposals, price schedules and scans (bideval/documents.py)

_BAD_NAME = {
    "empty": Label("文件名为空", "it is empty"),
    "path": Label("文件名中含有路径或冒号（/ \\ :）", "it holds a folder path or a colon (/ \\ :)"),
    "hidden": Label("文件名以点开头（隐藏文件）", "it starts with a dot (a hidden file)"),
    "control": Label("文件名中含有不可见字符或控制字符（显示为 \\u…）",
                     "it holds invisible or control characters (shown as \\u…)"),
    "too_long": Label("文件名过长", "it is too long"),
}
_DOCUMENT_KIND = {"pdf": Label("该 PDF 文档", "PDF"), "png": Label("该图片", "image"), "jpeg": Label("该图片", "image")}
ACTIVE_CONTENT = {
    "javascript": Label("JavaScript 脚本", "JavaScript"),
    "launch": Label("启动程序的动作", "an action that starts a program"),
    "embedded_file": Label("嵌入或附加的文件", "embedded or attached files"),
    "form_data": Label("提交或导入数据的表单动作", "form actions that send or load data"),
    "remote_file": Label("打开其他文件的链接", "links that open other files"),
    "rich_media": Label("嵌入的多媒体", "embedded multimedia"),
    "xfa": Label("XFA 表单", "an XFA form"),
}
PLAIN_COPY = Label("请投标人提供不含这些内容的副本（如重新打印为 PDF）", "ask the bidder for a plain copy (print it to PDF again)")


@_template("document.bad_name")
def _(s: Say) -> str:
    why = _BAD_NAME[s["why"]]
    if s["why"] == "too_long":
        why = Label(f"文件名超过 {s['limit']} 个字符", f"it is longer than {s['limit']} characters")
    return s.t(f"the file name cannot be used: {why.en}; rename the file and upload it again",
               f"文件名不可用：{why.zh}；请重命名后重新上传")


@_template("document.type_not_allowed")
def _(s: Say) -> str:
    found = s["suffix"] or s.t("no extension", "无扩展名")
    return s.t(f"a bid document must be a PDF, PNG or JPEG file ({', '.join(s['allowed'])}), found {found}",
               f"投标附件须为 PDF、PNG 或 JPEG 文件（{'、'.join(s['allowed'])}），实际为 {found}")


@_template("document.empty")
def _(s: Say) -> str:
    return s.t("the file is empty (0 bytes); ask the bidder to send it again", "文件是空的（0 字节）；请投标人重新发送")


@_template("document.too_large")
def _(s: Say) -> str:
    size, limit = _size(s, s["size"]), _size(s, s["limit"])
    return s.t(f"too large ({size}): a bid document may be at most {limit}; ask the bidder for a smaller file "
               "(a lower scan resolution, or split into parts)",
               f"文件过大（{size}）：每个投标附件不超过 {limit}；请投标人提供较小的文件（降低扫描分辨率或拆分）")


@_template("document.not_what_it_says")
def _(s: Say) -> str:
    declared, found = FOUND[s["declared"]], FOUND[s["found"]]
    return s.t(f"not {declared.en} as its name says (found {found.en}); ask the bidder to send the real file",
               f"不是文件名所示的{declared.zh}（实际是{found.zh}）；请投标人发送真正的文件")


@_template("document.damaged")
def _(s: Say) -> str:
    kind = _DOCUMENT_KIND[s["kind"]]
    return s.t(f"damaged {kind.en}: it cannot be read ({s['detail']}); ask the bidder to send it again",
               f"文件已损坏：无法读取{kind.zh}；请投标人重新发送")


@_template("document.encrypted")
def _(s: Say) -> str:
    return s.t("the PDF is encrypted (a password or security settings); ask the bidder for a copy without a "
               "password or restrictions (print it to PDF again)",
               "该 PDF 已加密（设有密码或安全限制）；请投标人提供未加密、无限制的副本（如重新打印为 PDF）")


@_template("document.active_content")
def _(s: Say) -> str:
    found = s.join(ACTIVE_CONTENT[x].text(s.lang) for x in s["found"])
    return s.t(f"the PDF carries active content ({found}), which could run on a judge's computer; {PLAIN_COPY.en}",
               f"该 PDF 含有可执行的内容（{found}），可能在评委的电脑上运行；{PLAIN_COPY.zh}")


@_template("document.too_complex")
def _(s: Say) -> str:
    return s.t(f"the PDF holds more than {s['limit']:,} objects, far more than a proposal needs; ask the bidder for "
               "a simpler copy (print it to PDF again)",
               f"该 PDF 含有超过 {s['limit']} 个对象，远超一般方案所需；请投标人提供简化的副本（如重新打印为 PDF）")


@_template("document.too_many_pixels")
def _(s: Say) -> str:
    limit = s["limit"]
    en_limit, zh_limit = f"{limit / 1_000_000:g} million", f"{limit // 10_000} 万"
    width, height, frames = s["width"], s["height"], s.get("frames", 1)
    if width is None:
        return s.t(f"the image is too large: more than {en_limit} pixels; ask the bidder for a smaller image",
                   f"图片过大：超过 {zh_limit}像素；请投标人提供较小的图片")
    en_frames, zh_frames = (f" × {frames} frames", f"，共 {frames} 帧") if frames > 1 else ("", "")
    return s.t(f"the image is too large: {width:,} × {height:,} pixels{en_frames} is more than {en_limit} pixels; "
               "ask the bidder for a smaller image",
               f"图片过大：{width} × {height} 像素{zh_frames}，超过 {zh_limit}像素；请投标人提供较小的图片")


@_template("document.which_bid")
def _(s: Say) -> str:
    count = s["bids"]
    return s.t("a document uploaded together with bid workbooks is attached to their bid only when the upload "
               f"imports exactly one bid, and this one imported {count}; attach it to its bid under "
               "'Imported bids' instead",
               "与投标文件一起上传的附件，只有在本次上传恰好导入一份投标时才附于该投标，本次导入了 "
               f"{count} 份；请在“已导入的投标”中为相应投标添加附件")


@_template("document.name_taken")
def _(s: Say) -> str:
    return s.t(f"the bid of {s['vendor_id']} already has a document of this name; remove that one first to replace it",
               f"投标人 {s['vendor_id']} 的投标已有同名附件；如需替换，请先删除原附件")


@_template("document.no_bid")
def _(s: Say) -> str:
    return s.t(f"there is no bid from {s['vendor_id']} to attach it to (removed meanwhile?)",
               f"没有投标人 {s['vendor_id']} 的投标，无法添加附件（可能已被删除）")


@_template("document.unknown")
def _(s: Say) -> str:
    return s.t(f"no document {s['document']} in tender {s['tender']}", f"招标项目 {s['tender']} 中没有编号为 {s['document']} 的附件")


# -- the .xlsx guard: files refused before any reader sees them (bideval/xlsx_guard.py)

def size_text(count: int) -> str:
    """A byte count as a person reads it: 3.2 GB, 200 MB, 12 KB."""
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if count >= scale:
            value = count / scale
            return f"{value:.1f} {unit}" if value < 10 else f"{value:,.0f} {unit}"
    return f"{count} bytes"


def size_in(count: int, lang: str) -> str:
    """A byte count in ``lang``: ``2 字节``, ``2 bytes``, ``1.2 MB``."""
    text = size_text(count)
    return text.replace(" bytes", " 字节") if lang == "zh" else text


def blank_rows_kept(count: int, lang: str) -> str:
    """The score-sheet import preview's count of rows left blank, after the rows unchanged: a blank score cell keeps
    the stored score and a blank comment cell the stored comment (:meth:`bideval.storage.Store._sheet_preview`).

    >>> blank_rows_kept(1, "en"), blank_rows_kept(2, "zh")
    ('; 1 row(s) left blank keep the score and comment stored', '；2 行未填写，保留现有评分和评语')
    """
    return (f"；{count} 行未填写，保留现有评分和评语" if lang == "zh"
            else f"; {count} row(s) left blank keep the score and comment stored")


def _size(s: Say, count: int) -> str:
    return size_in(count, s.lang)


# What a file that is not an .xlsx workbook was found to be, and what to do about it.
FOUND = {
    "encrypted": Label("设有密码（已加密）的工作簿", "a password-protected (encrypted) workbook"),
    "xls": Label("旧版 Excel 97-2003 .xls 工作簿", "a legacy Excel 97-2003 .xls workbook"),
    "doc": Label("Word .doc 文档", "a Word .doc document"),
    "xls_or_encrypted": Label("旧版 .xls 文件或设有密码（已加密）的工作簿",
                              "a legacy .xls file or a password-protected (encrypted) workbook"),
    "pdf": Label("PDF 文档", "a PDF document"), "rtf": Label("RTF 文档", "an RTF document"),
    "gzip": Label("gzip 压缩文件", "a gzip archive"), "rar": Label("RAR 压缩文件", "a RAR archive"),
    "7z": Label("7-Zip 压缩文件", "a 7-Zip archive"), "png": Label("PNG 图片", "a PNG image"),
    "jpeg": Label("JPEG 图片", "a JPEG image"), "gif": Label("GIF 图片", "a GIF image"),
    "empty_zip": Label("空的压缩文件", "an empty zip archive"), "exe": Label("Windows 程序", "a Windows program"),
    "unknown": Label("未知类型的文件，也不是压缩包", "a file of an unknown kind that is not a zip package"),
    "html": Label("网页（HTML），有些系统导出的“Excel”文件其实是网页", "an HTML page, as some systems export 'Excel' files"),
    "excel2003xml": Label("Excel 2003 XML 电子表格", "an Excel 2003 XML spreadsheet"),
    "xml": Label("XML 文件", "an XML file"), "text": Label("文本或 CSV 文件", "a text or CSV file"),
    "ods": Label("OpenDocument 电子表格（.ods）", "an OpenDocument spreadsheet (.ods)"),
    "odt": Label("OpenDocument 文本文档（.odt）", "an OpenDocument text document (.odt)"),
    "odf": Label("OpenDocument 文件", "an OpenDocument file"),
    "docx": Label("Word 文档（.docx）", "a Word document (.docx)"),
    "pptx": Label("PowerPoint 演示文稿（.pptx）", "a PowerPoint presentation (.pptx)"),
    "xlsb": Label("Excel 二进制工作簿（.xlsb）", "an Excel binary workbook (.xlsb)"),
    "numbers": Label("Apple Numbers 文件", "an Apple Numbers file"),
    "xlsm": Label("启用宏的 .xlsm 工作簿", "a macro-enabled .xlsm workbook"),
    "zip": Label("压缩包或 Word、Excel 文档（如 .docx、.xlsx）", "a zip archive or an Office document (.docx, .xlsx …)"),
    "ole": Label("旧版 Word 或 Excel 文件（如 .doc、.xls）", "a legacy Office file (.doc, .xls …)"),
    "pdf_late": Label("开头另有内容的 PDF 文档（可能被其他文件包裹或篡改）",
                      "a PDF document with other bytes before its start (wrapped in or altered by something else)"),
}
ADVICE = {
    "send": Label("投标文件必须以 Excel .xlsx 工作簿提交", "the bid must be sent as an Excel .xlsx workbook"),
    "save": Label("请用 Excel 打开并另存为 .xlsx（Excel 工作簿）", "open it in Excel and save it as .xlsx (Excel Workbook)"),
    "remove_password": Label("请在 Excel 中去掉密码（文件 > 信息 > 保护工作簿）并另存为 .xlsx",
                             "remove the password in Excel (File > Info > Protect Workbook) and save it as .xlsx"),
    "remove_password_xls": Label("请用 Excel 打开，去掉密码后另存为 .xlsx",
                                 "open it in Excel, remove any password and save it as .xlsx"),
    "save_ods": Label("请打开后另存为 .xlsx（Excel 工作簿）", "open it and save it as .xlsx (Excel Workbook)"),
    "export_numbers": Label("请在 Numbers 中导出为 .xlsx", "export it from Numbers as .xlsx"),
    "save_xlsm": Label("请另存为 .xlsx（Excel 工作簿）", "save it as .xlsx (Excel Workbook)"),
    "shrink": Label("请投标人删除多余的行和列后重新保存工作簿",
                    "ask the bidder to delete the unused rows and columns and save the workbook again"),
    "retype": Label("请投标人在 Excel 中重新填写该单元格并保存工作簿",
                    "ask the bidder to fill in that cell again in Excel and save the workbook"),
    "clear_rules": Label("请投标人清除条件格式（开始 > 条件格式 > 清除规则）后重新保存工作簿",
                         "ask the bidder to clear the conditional formats (Home > Conditional Formatting > Clear Rules) "
                         "and save the workbook again"),
}
SEND_AGAIN = Label("请投标人重新发送该文件", "ask the bidder to send the file again")
SEND_IT_AGAIN = Label("请投标人重新发送", "ask the bidder to send it again")
# A panel workbook comes from the panel secretary, not from a bidder: the advice that names who sends a file, for a
# problem whose file_role is "panel" (bideval.panel opens its workbooks so).
FROM_PANEL = {
    SEND_AGAIN: Label("请评标委员会秘书重新提供该文件", "ask the panel secretary to send the file again"),
    SEND_IT_AGAIN: Label("请评标委员会秘书重新提供", "ask the panel secretary to send it again"),
    ADVICE["send"]: Label("评分工作簿必须是 Excel .xlsx 工作簿", "the panel workbook must be an Excel .xlsx workbook"),
    ADVICE["shrink"]: Label("请评标委员会秘书删除多余的行和列后重新保存工作簿",
                            "ask the panel secretary to delete the unused rows and columns and save the workbook again"),
    ADVICE["clear_rules"]: Label("请评标委员会秘书清除条件格式（开始 > 条件格式 > 清除规则）后重新保存工作簿",
                                 "ask the panel secretary to clear the conditional formats (Home > Conditional "
                                 "Formatting > Clear Rules) and save the workbook again"),
    ADVICE["retype"]: Label("请评标委员会秘书在 Excel 中重新填写该单元格并保存工作簿",
                            "ask the panel secretary to fill in that cell again in Excel and save the workbook"),
}


def _advice(s: Say, advice: Label) -> str:
    """``advice`` in the problem's language, said to whoever sends the file: a bidder, or the panel secretary."""
    return (FROM_PANEL.get(advice, advice) if s.get("file_role") == "panel" else advice).text(s.lang)


def _part(s: Say) -> str:
    """A part of the package as a person knows it: its sheet name when the workbook gives one."""
    part, name = s["part"], s.get("sheet_name")
    if name is None:
        return part
    return f"工作表“{name}”（{part}）" if s.zh else f"sheet {name!r} ({part})"


@_template("guard.unreadable")
def _(s: Say) -> str:
    return s.t(f"cannot be read ({s['detail']})", "读取该文件时出错（磁盘或文件系统的问题），请重新上传")


@_template("guard.more")
def _(s: Say) -> str:
    return s.t(f"... and {s['count']} more problems like these", f"……另有 {s['count']} 个同类问题")


@_template("guard.cannot_open")
def _(s: Say) -> str:
    return s.t(f"cannot be opened ({s['detail']})", "无法打开该文件")


@_template("guard.no_file")
def _(s: Say) -> str:
    return s.t("no such file", "找不到该文件")


@_template("guard.folder")
def _(s: Say) -> str:
    return s.t("is a folder, not an .xlsx workbook", "是文件夹，不是 .xlsx 工作簿")


@_template("guard.not_regular")
def _(s: Say) -> str:
    return s.t("is not a regular file (it is a device, pipe or socket), so it cannot be an .xlsx workbook",
               "不是普通文件（而是设备、管道或套接字），不可能是 .xlsx 工作簿")


@_template("guard.empty")
def _(s: Say) -> str:
    return s.t(f"the file is empty (0 bytes), expected an .xlsx workbook; {_advice(s, SEND_IT_AGAIN)}",
               f"文件是空的（0 字节），应为 .xlsx 工作簿；{_advice(s, SEND_IT_AGAIN)}")


@_template("guard.not_xlsx")
def _(s: Say) -> str:
    found, advice = FOUND[s["found"]], _advice(s, ADVICE[s["advice"]])
    return s.t(f"not an .xlsx workbook (found {found.en}); {advice}", f"不是 .xlsx 工作簿（实际是{found.zh}）；{advice}")


@_template("guard.zip_broken")
def _(s: Say) -> str:
    return s.t(f"damaged .xlsx: the zip structure is broken ({s['detail']}); {_advice(s, SEND_AGAIN)}",
               f"文件已损坏：压缩包结构已破坏；{_advice(s, SEND_AGAIN)}")


@_template("guard.truncated")
def _(s: Say) -> str:
    return s.t("damaged .xlsx: the end of the file is missing (no zip directory), so it was probably truncated by "
               f"an incomplete download or copy; {_advice(s, SEND_AGAIN)}",
               f"文件已损坏：文件末尾缺失（没有压缩包目录），可能是下载或复制未完成而被截断；{_advice(s, SEND_AGAIN)}")


@_template("guard.too_many_parts")
def _(s: Say) -> str:
    return s.t(f"refused: the zip package lists {s['entries']:,} parts (limit {s['limit']:,}); a real workbook "
               "has a few dozen, so this looks like a crafted file",
               f"已拒绝：压缩包中列有 {s['entries']:,} 个部件（上限 {s['limit']:,}）；真实的工作簿只有几十个，"
               "这像是特意构造的文件")


@_template("guard.directory_too_large")
def _(s: Say) -> str:
    size, limit = _size(s, s["size"]), _size(s, s["limit"])
    return s.t(f"refused: the zip directory takes {size} (limit {limit}), far more than any workbook needs, which "
               "looks like a crafted file",
               f"已拒绝：压缩包目录占 {size}（上限 {limit}），远超任何工作簿所需，像是特意构造的文件")


@_template("guard.duplicate_part")
def _(s: Say) -> str:
    return s.t(f"refused: the part {s['part']} appears more than once in the zip package, which real workbooks "
               "never do (different readers would see different content)",
               f"已拒绝：部件 {s['part']} 在压缩包中出现不止一次，真实的工作簿从不如此（不同的读取程序会读到不同的内容）")


@_template("guard.encrypted_part")
def _(s: Say) -> str:
    return s.t(f"refused: {s['part']} is encrypted inside the zip package, which .xlsx workbooks never are; ask "
               "for the workbook saved again without a password",
               f"已拒绝：{s['part']} 在压缩包内被加密，.xlsx 工作簿从不如此；请对方去掉密码后重新保存工作簿")


@_template("guard.compression")
def _(s: Say) -> str:
    method = s["method"] or s.t(f"method {s['number']}", f"第 {s['number']} 种")
    return s.t(f"not a readable .xlsx: {s['part']} uses {method} compression, but .xlsx workbooks only use "
               f"Deflate; {ADVICE['save'].en}",
               f"无法读取的 .xlsx：{s['part']} 使用了 {method} 压缩方式，而 .xlsx 工作簿只使用标准压缩；{ADVICE['save'].zh}")


@_template("guard.impossible_sizes")
def _(s: Say) -> str:
    packed, full = s["compressed"], s["uncompressed"]
    return s.t(f"refused: {s['part']} records impossible sizes ({packed:,} bytes compressed, {full:,} bytes "
               "uncompressed), a sign of a tampered file or a decompression bomb",
               f"已拒绝：{s['part']} 记录的大小不可能成立（压缩后 {packed:,} 字节，解压后 {full:,} 字节），"
               "说明文件被篡改或是解压炸弹")


@_template("guard.bomb_ratio")
def _(s: Say) -> str:
    packed, full, more, total = _size(s, s["compressed"]), _size(s, s["uncompressed"]), s.get("more"), s.get("total")
    en = (f"refused: {s['part']} would expand from {packed} to {full} ({s['ratio']:,}:1, limit {s['limit']}:1)"
          f"{f', and {more:,} more part(s) likewise' if more else ''}")
    zh = (f"已拒绝：{s['part']} 会从 {packed} 解压到 {full}（{s['ratio']:,}:1，上限 {s['limit']}:1）"
          f"{f'，另有 {more:,} 个部件同样如此' if more else ''}")
    if total is not None:  # the whole workbook past its limit too: said here, not as a second problem
        whole, limit = _past_limit(s, total, s["total_limit"])
        en += f"; the workbook would expand to {whole} (limit {limit})"
        zh += f"；工作簿解压后将达 {whole}（上限 {limit}）"
    return s.t(f"{en}, which looks like a decompression bomb", f"{zh}，像是解压炸弹")


def _past_limit(s: Say, total: int, limit: int) -> tuple[str, str]:
    """A size past its limit and the limit, in bytes when rounded alike (200 MB, limit 200 MB, said nothing)."""
    shown = _size(s, total), _size(s, limit)
    if shown[0] == shown[1]:
        return s.t(f"{total:,} bytes", f"{total:,} 字节"), s.t(f"{limit:,} bytes", f"{limit:,} 字节")
    return shown


@_template("guard.bomb_total")
def _(s: Say) -> str:
    total, limit = _past_limit(s, s["total"], s["limit"])
    return s.t(f"refused: the workbook would expand to {total} (limit {limit}), which looks like a decompression bomb",
               f"已拒绝：工作簿解压后将达 {total}（上限 {limit}），像是解压炸弹")


@_template("guard.overlap")
def _(s: Say) -> str:
    return s.t(f"refused: the parts {s['part']} and {s['other']} overlap inside the zip package, a trick used by "
               "decompression bombs",
               f"已拒绝：部件 {s['part']} 与 {s['other']} 在压缩包内相互重叠，这是解压炸弹的手法")


@_template("guard.runs_past")
def _(s: Say) -> str:
    return s.t(f"damaged .xlsx: {s['part']} runs past the end of the file's data, so the file is truncated or "
               f"tampered with; {_advice(s, SEND_IT_AGAIN)}",
               f"文件已损坏：{s['part']} 超出了文件数据的末尾，文件被截断或篡改；{_advice(s, SEND_AGAIN)}")


@_template("guard.part_broken")
def _(s: Say) -> str:
    return s.t(f"damaged .xlsx: {s['part']} cannot be read ({s['detail']}); {_advice(s, SEND_AGAIN)}",
               f"文件已损坏：{s['part']} 无法读取；{_advice(s, SEND_AGAIN)}")


@_template("guard.no_workbook")
def _(s: Say) -> str:
    missing, named = s["missing"], s.get("named")
    if named is not None and not missing:
        return s.t(f"not an .xlsx workbook: the part the file names as its workbook ({named}) is not one, so it holds "
                   f"no workbook; {_advice(s, ADVICE['send'])}",
                   f"不是 .xlsx 工作簿：该文件指定为工作簿的部件（{named}）并非工作簿，因此不含工作簿；"
                   f"{_advice(s, ADVICE['send'])}")
    named_en, named_zh = (f" (the part it names as its workbook, {named}, is not one)",
                          f"（其指定为工作簿的部件 {named} 并非工作簿）") if named else ("", "")
    return s.t(f"not an .xlsx workbook: the file is a zip archive without {' or '.join(missing)}{named_en}, so it holds "
               f"no workbook; {_advice(s, ADVICE['send'])}",
               f"不是 .xlsx 工作簿：该文件是压缩包，但没有 {'、'.join(missing)}{named_zh}，因此不含工作簿；"
               f"{_advice(s, ADVICE['send'])}")


@_template("guard.attribute_twice")
def _(s: Say) -> str:
    first, then = s["values"]
    return s.t(f"damaged .xlsx: {s['part']} gives one tag (<{s['tag']}>) the attribute {s['attribute']!r} twice "
               f"({first!r}, then {then!r}), which no spreadsheet program writes and neither Excel nor LibreOffice "
               f"opens, so what it means cannot be told; {_advice(s, SEND_AGAIN)}",
               f"文件已损坏：{s['part']} 的一个标签 '<{s['tag']}>' 两次给出属性 '{s['attribute']}'（先是 '{first}'，"
               f"后是 '{then}'），任何电子表格程序都不会这样写，Excel 和 LibreOffice 都无法打开，无法判断其含义；"
               f"{_advice(s, SEND_AGAIN)}")


@_template("guard.sheet_named_twice")
def _(s: Say) -> str:
    first, second = s["first"], s["second"]
    named_en, named_zh = (f"{first!r}", f"“{first}”") if first == second else \
        (f"{first!r} and {second!r} (one name to Excel, which ignores the case of letters in a sheet's name)",
         f"“{first}”和“{second}”（Excel 不分字母大小写，视为同一名称）")
    return s.t(f"damaged .xlsx: the workbook lists two sheets named {named_en}, which Excel does not allow: only one "
               f"of them would be read, and which one is meant cannot be told; {_advice(s, SEND_AGAIN)}",
               f"文件已损坏：工作簿列出了两个名为{named_zh}的工作表，Excel 不允许这样：只会读取其中一个，无法判断哪一个才是要提交的；"
               f"{_advice(s, SEND_AGAIN)}")


@_template("guard.part_oversize")
def _(s: Say) -> str:
    return s.t(f"refused: {s['part']} holds more data than the size its header declares ({s['declared']:,} bytes): "
               "the file is damaged, or uses a trick of decompression bombs",
               f"已拒绝：{s['part']} 的数据多于其头部声明的大小（{s['declared']:,} 字节）：文件已损坏，或使用了解压炸弹的手法")


@_template("guard.cut_short")
def _(s: Say) -> str:
    return s.t(f"damaged .xlsx: {_part(s)} is cut short (its XML stops before its end); open it in Excel and save "
               "it again",
               f"文件已损坏：{_part(s)}被截断（其 XML 在结尾之前中断）；请用 Excel 打开后重新保存")


@_template("guard.sheet")
def _(s: Say) -> str:
    code, facts = s["finding"]
    finding = _SHEET_FINDINGS[code](s.with_data({**facts, "file_role": s.get("file_role")}))
    return s.t(f"refused: {_part(s)} {finding}", f"已拒绝：{_part(s)}{finding}")


@_template("guard.not_utf")
def _(s: Say) -> str:
    return s.t(f"refused: {s['part']} is neither UTF-8 nor UTF-16 text, which every XML part of an .xlsx is (a trick "
               "to hide markup from checks)",
               f"已拒绝：{s['part']} 既不是 UTF-8 也不是 UTF-16 文本，而 .xlsx 的每个 XML 部件都是（这是躲避检查的手法）")


@_template("guard.sheet_in_utf16")
def _(s: Say) -> str:
    return s.t(f"refused: the worksheet {s['part']} is saved as UTF-16 text, which the spreadsheet reader takes for an "
               "empty sheet: open the workbook in Excel and save it again (Excel saves UTF-8)",
               f"已拒绝：工作表 {s['part']} 以 UTF-16 文本保存，表格读取程序会把它当作空表：请用 Excel 打开该工作簿并重新保存"
               "（Excel 保存为 UTF-8）")


@_template("guard.styles_elsewhere")
def _(s: Say) -> str:
    return s.t(f"refused: the workbook keeps its cell formats in {s['part']} instead of xl/styles.xml, where the "
               "spreadsheet reader looks for them, so a date or an amount shown in 万 would be read as a plain number: "
               "open the workbook in Excel and save it again",
               f"已拒绝：该工作簿的单元格格式保存在 {s['part']}，而不在表格读取程序查找的 xl/styles.xml，"
               "日期或以“万”显示的金额会被读成普通数字：请用 Excel 打开该工作簿并重新保存")


@_template("guard.rels_too_big")
def _(s: Say) -> str:
    size = _size(s, s["size"])
    return s.t(f"refused: {s['part']} is {size}, far larger than the relationship list of any real workbook",
               f"已拒绝：{s['part']} 有 {size}，远大于任何真实工作簿的关系列表")


@_template("guard.string_count")
def _(s: Say) -> str:
    size = _size(s, s["size"])
    return s.t(f"refused: {s['part']} says it holds {s['count']:,} texts, more than its {size} can hold (a reader "
               "would set aside memory for every one of them and stop)",
               f"已拒绝：{s['part']} 声称含有 {s['count']:,} 个文本，超过其 {size} 所能容纳的数量（读取程序会为每一个预留内存而中止）")


@_template("guard.encoding")
def _(s: Say) -> str:
    return s.t(f"refused: {s['part']} declares the text encoding {s['encoding']!r}, but .xlsx parts are always "
               "UTF-8 or UTF-16 (a trick to hide markup from checks)",
               f"已拒绝：{s['part']} 声明的文本编码为 {s['encoding']!r}，而 .xlsx 的部件总是 UTF-8 或 UTF-16"
               "（这是躲避检查的手法）")


@_template("guard.doctype")
def _(s: Say) -> str:
    return s.t(f"refused: {s['part']} declares a DOCTYPE/entity ({s['declaration']}), which .xlsx files never "
               "contain (XML entity expansion attack)",
               f"已拒绝：{s['part']} 含有 DOCTYPE/实体声明（{s['declaration']}），.xlsx 文件从不包含（XML 实体扩展攻击）")


@_template("guard.padding")
def _(s: Say) -> str:
    limit = _size(s, s["limit"])
    return s.t(f"refused: {s['part']} has more than {limit} of comments or padding before its first element, where "
               "a DOCTYPE could hide; real workbooks have none",
               f"已拒绝：{s['part']} 在第一个元素之前有超过 {limit} 的注释或填充，其中可能藏有 DOCTYPE；真实的工作簿没有")


@_template("guard.markup_run")
def _(s: Say) -> str:
    limit = _size(s, s["limit"])
    return s.t(f"refused: a worksheet holds a run of over {limit} without markup, which no real worksheet has",
               f"已拒绝：某个工作表中有超过 {limit} 的连续内容不含任何标记，真实的工作表不会如此")


# What is wrong with a worksheet, said after its name ("refused: sheet 'Bid' (…) has …").
_SHEET_FINDINGS: dict[str, Template] = {}


@_template("bad_ref", _SHEET_FINDINGS)
def _(s: Say) -> str:
    kind = {"row": "行", "cell": "单元格"}[s["kind"]]
    return s.t(f"has a malformed {s['kind']} {s['ref']!r} reference, which Excel never writes",
               f"含有格式错误的{kind}引用 {s['ref']!r}，Excel 从不这样写")


@_template("ref_twice", _SHEET_FINDINGS)
def _(s: Say) -> str:
    kind = {"row": "行", "cell": "单元格"}[s["kind"]]
    refs = s.join(repr(ref) for ref in s["refs"])
    return s.t(f"has a {s['kind']} that gives its place twice ({refs}), which no spreadsheet program writes",
               f"含有两次给出位置的{kind}（{refs}），任何电子表格程序都不会这样写")


@_template("cell_twice", _SHEET_FINDINGS)
def _(s: Say) -> str:
    return s.t(f"gives the cell {s['cell']} twice, so which of its contents the file means cannot be told (Excel "
               f"reports such a file as needing repair; the reader would take the last); "
               f"{_advice(s, ADVICE['retype'])}",
               f"两次给出单元格 {s['cell']}，无法判断文件指的是其中哪一个内容（Excel 会提示此类文件需要修复，"
               f"读取程序会取最后一个）；{_advice(s, ADVICE['retype'])}")


@_template("ruled_ranges", _SHEET_FINDINGS)
def _(s: Say) -> str:
    return s.t(f"has {s['count']:,} ranges under conditional formats that may change how a value reads (a unit such "
               f"as 万, another scale or currency, a strikethrough, a percent format) or hide it (a font colour, a "
               f"format that shows nothing), more than the {s['limit']:,} the check looks through; "
               f"{_advice(s, ADVICE['clear_rules'])}",
               f"有 {s['count']:,} 个区域受可能改变数值读法（万等单位、其他数量级或币种、删除线、百分比格式）或隐藏数值"
               f"（字体颜色、不显示数字的格式）的条件格式约束，超过检查所能查看的 {s['limit']:,} 个；"
               f"{_advice(s, ADVICE['clear_rules'])}")


@_template("ruled_looks", _SHEET_FINDINGS)
def _(s: Say) -> str:
    return s.t(f"has conditional formats with {s['count']:,} different units or colours that may hide or change its "
               f"values, more than the {s['limit']:,} the check compares at each cell; "
               f"{_advice(s, ADVICE['clear_rules'])}",
               f"的条件格式含有 {s['count']:,} 种可能隐藏或改变数值的不同单位或颜色，超过检查对每个单元格所能比较的 "
               f"{s['limit']:,} 种；{_advice(s, ADVICE['clear_rules'])}")


@_template("too_many", _SHEET_FINDINGS)
def _(s: Say) -> str:
    return s.t(f"holds more than {s['cells']:,} cells or {s['rows']} rows (the limits), which would exhaust memory "
               f"when read; {_advice(s, ADVICE['shrink'])}",
               f"含有超过 {s['cells']:,} 个单元格或 {s['rows']} 行（上限），读取时会耗尽内存；{_advice(s, ADVICE['shrink'])}")


@_template("row_beyond", _SHEET_FINDINGS)
def _(s: Say) -> str:
    return s.t(f"has a row numbered {s['row']}, beyond row {s['last']}, the last row an Excel sheet can have",
               f"有编号为 {s['row']} 的行，超过了 Excel 工作表的最后一行（第 {s['last']} 行）")


@_template("beyond_excel", _SHEET_FINDINGS)
def _(s: Say) -> str:
    return s.t(f"has cells as far as column {s['column']} and row {s['row']}, beyond the largest sheet Excel allows "
               f"({s['max_columns']} columns × {s['max_rows']} rows)",
               f"的单元格延伸到 {s['column']} 列、第 {s['row']} 行，超出了 Excel 允许的最大工作表"
               f"（{s['max_columns']} 列 × {s['max_rows']} 行）")


@_template("too_large", _SHEET_FINDINGS)
def _(s: Say) -> str:
    return s.t(f"has cells as far as column {s['column']} and row {s['row']}: {s['columns']} columns × {s['rows']} "
               f"rows = {s['cells']:,} cells counted from A1 (limit {s['limit']:,}), which would exhaust memory when "
               f"read; {_advice(s, ADVICE['shrink'])}",
               f"的单元格延伸到 {s['column']} 列、第 {s['row']} 行：从 A1 算起共 {s['columns']} 列 × {s['rows']} 行 = "
               f"{s['cells']:,} 个单元格（上限 {s['limit']:,}），读取时会耗尽内存；{_advice(s, ADVICE['shrink'])}")


@_template("bad_dimension", _SHEET_FINDINGS)
def _(s: Say) -> str:
    return s.t(f"declares a malformed dimension (used range) {s['ref']!r}; expected a range such as A1:D20",
               f"声明的使用范围 {s['ref']!r} 格式错误；应为 A1:D20 这样的范围")


@_template("dimension_beyond", _SHEET_FINDINGS)
def _(s: Say) -> str:
    return s.t(f"claims a dimension (used range) of {s['ref']}, beyond the largest sheet Excel allows "
               f"({s['max_columns']} columns × {s['max_rows']} rows)",
               f"声明的使用范围为 {s['ref']}，超出了 Excel 允许的最大工作表（{s['max_columns']} 列 × {s['max_rows']} 行）")


@_template("dimension_too_large", _SHEET_FINDINGS)
def _(s: Say) -> str:
    return s.t(f"claims a dimension (used range) of {s['ref']}: {s['columns']} columns × {s['rows']} rows = "
               f"{s['cells']:,} cells counted from A1 (limit {s['limit']:,}), which would exhaust memory when read; "
               f"{_advice(s, ADVICE['shrink'])}",
               f"声明的使用范围为 {s['ref']}：从 A1 算起共 {s['columns']} 列 × {s['rows']} 行 = {s['cells']:,} 个单元格"
               f"（上限 {s['limit']:,}），读取时会耗尽内存；{_advice(s, ADVICE['shrink'])}")


# -- rubric (YAML) files: the structural mistakes of a hand-edited rubric (bideval/rubric_yaml.py)

_RUBRIC_THINGS = {"criterion": "评分项", "field": "字段", "group": "分组", "cap": "共同上限", "tier": "档次",
                  "item": "条目", "grade": "等级", "sme_deduction category": "中小企业扣除类别"}
_RUBRIC_NOUNS = {"the rubric": "评分标准", "a criterion": "评分项", "a field": "字段", "a group": "分组",
                 "a shared cap": "共同上限", "pricing model": "报价方式", "price method": "价格评分方法",
                 "benchmark base": "基准价基数", "aggregate": "汇总方式"}
_RUBRIC_PLACE = on_first_use(r"(criterion|field|group|cap|tier|item|grade|sme_deduction category)"
                             r" (?:'([^']*)'|#?(\d+))$")


def _rubric_thing(s: Say, what: str) -> str:
    """A key or thing of the rubric as a sentence names it: YAML keys as written, things in words."""
    if not s.zh:
        return what
    place = _RUBRIC_PLACE.match(what)
    if place:
        thing = _RUBRIC_THINGS[place.group(1)]
        return f"{thing} {place.group(2)!r}" if place.group(2) is not None else f"第 {place.group(3)} 个{thing}"
    return _RUBRIC_NOUNS.get(what, f"“{what}”")


QUOTED_AT_MOST = 200  # characters of a value a rubric message quotes: a list aliases made huge is not repeated whole


def _quoted(value: object) -> str:
    """A value found in a rubric, as a message quotes it: its repr, cut to :data:`QUOTED_AT_MOST` characters.

    >>> _quoted("No"), len(_quoted(["x"] * 100)), _quoted(["x"] * 100)[-6:]
    ("'No'", 201, " 'x',…")
    """
    text = repr(value)
    return text if len(text) <= QUOTED_AT_MOST else text[:QUOTED_AT_MOST] + "…"


def _rubric_at(s: Say, en: str, zh: str) -> str:
    """A rubric problem's sentence after where it is: ``criterion 'ops_plan': …`` (nothing for the top level), with
    a hint when what it found holds full-width punctuation (``kind：``, typed with a Chinese input method) or was a
    YAML slip (``op: >`` read as an empty text)."""
    if s.get("full_width"):
        hint = _full_width_hint(s)
        en, zh = en + hint[0], zh + hint[1]
    if s.get("no_space"):
        en += f"; YAML needs a space after the colon: write '{s['no_space']}'"
        zh += f"；冒号后缺少空格：YAML 要求冒号后有空格，请写成 '{s['no_space']}'"
    if s.get("slip"):  # `op: >` on a line of its own, read as an empty text
        hint = _yaml_slip_hint(s)
        en, zh = en + hint[0], zh + hint[1]
    where = s.get("where")
    if not where or where == "top":
        return s.t(en, zh)
    return s.t(f"{where}: {en}", f"{_rubric_thing(s, where)}：{zh}")


_ASCII_OF = {"，": ",", "：": ":", "［": "[", "］": "]", "（": "(", "）": ")", "｛": "{", "｝": "}", "；": ";",
             "\u3000": " "}  # bideval.rubric_yaml.FULL_WIDTH: a message module imports no reader


def _full_width_hint(s: Say) -> tuple[str, str]:
    """``; it holds the full-width '：': YAML needs the ASCII ':'`` (and the Chinese), for the characters found."""
    marks = [ch for ch in s["full_width"] if ch != "\u3000"]
    found_en, found_zh, ascii_en, ascii_zh = [], [], [], []
    if marks:
        found_en.append("the full-width " + " and ".join(f"'{ch}'" for ch in marks))
        found_zh.append("全角符号 " + "、".join(f"'{ch}'" for ch in marks))
        ascii_en.append("the ASCII " + " and ".join(f"'{_ASCII_OF[ch]}'" for ch in marks))
        ascii_zh.append("半角的 " + "、".join(f"'{_ASCII_OF[ch]}'" for ch in marks))
    if "\u3000" in s["full_width"]:
        found_en.append("a full-width space")
        found_zh.append("全角空格")
        ascii_en.append("an ASCII space")
        ascii_zh.append("半角空格")
    found, ascii_ = " and ".join(found_en), " and ".join(ascii_en)
    zh_found, zh_ascii = "和".join(found_zh), "和".join(ascii_zh)
    line = s.get("full_width_line")
    if line is None:
        return (f"; it holds {found}: YAML needs {ascii_} (switch the input method to half-width)",
                f"；其中有{zh_found}：YAML 只认{zh_ascii}（请把输入法切换到半角）")
    return (f"; line {line} holds {found}: where it is YAML punctuation, type {ascii_} (switch the input method to "
            "half-width)",
            f"；第 {line} 行有{zh_found}：作为 YAML 标点时须用{zh_ascii}（请把输入法切换到半角）")


@_template("rubric.cannot_read")
def _(s: Say) -> str:
    return s.t(f"cannot read the rubric: {s['detail']}", "无法读取该评分标准文件")


@_template("rubric.not_a_file")
def _(s: Say) -> str:
    if s["folder"]:
        return s.t("cannot read the rubric: it is a folder, not a YAML file", "无法读取评分标准：这是文件夹，不是 YAML 文件")
    return s.t("cannot read the rubric: it is a device or a pipe, not a YAML file",
               "无法读取评分标准：这是设备或管道，不是 YAML 文件")


@_template("rubric.too_large")
def _(s: Say) -> str:
    limit = _size(s, s["limit"])
    return s.t(f"refused: the rubric is larger than {limit}; a rubric is a few kilobytes of YAML",
               f"已拒绝：评分标准文件大于 {limit}；评分标准只是几 KB 的 YAML 文本")


@_template("rubric.not_utf8")
def _(s: Say) -> str:
    """A rubric whose bytes are not UTF-8: where they stop being so, what was found, and how the file was likely saved
    (GBK is what Notepad's 'ANSI' writes on a Chinese Windows)."""
    if s.get("line") is None:
        return s.t("expected a UTF-8 text file (YAML)", "应为 UTF-8 编码的文本文件（YAML）")
    found = "".join(f"\\x{b:02x}" for b in s["found"])
    en = (f"expected a UTF-8 text file (YAML), found bytes that are not UTF-8 on line {s['line']}, column "
          f"{s['column']} ({found})")
    zh = f"应为 UTF-8 编码的文本文件（YAML），第 {s['line']} 行第 {s['column']} 列的字节不是 UTF-8（{found}）"
    saved = {"GBK": ("it reads as Chinese GBK, what Notepad saves as ANSI", "该文件是 GBK 编码（记事本的“ANSI”）"),
             "UTF-16": ("it is saved as UTF-16 (Unicode)", "该文件是 UTF-16（Unicode）编码")}.get(s.get("saved_as") or "")
    if saved:
        en, zh = f"{en}; {saved[0]}", f"{zh}；{saved[1]}"
    return s.t(f"{en}: save it as UTF-8 (Save As, Encoding: UTF-8)", f"{zh}：请另存为 UTF-8 编码（另存为，编码选 UTF-8）")


# What PyYAML's parser says, in Chinese (its English is the command line's ``detail``); anything else is quoted.
_YAML_DETAILS_ZH = (
    (r"could not find expected ':'", "找不到应有的冒号 ':'"),
    (r"mapping values are not allowed here", "此处不能出现 ': '"),
    (r"expected ',' or '([}\]])', but got '(.*)'", r"应为 ',' 或 '\1'，实际为 '\2'"),
    (r"expected <block end>, but found .*", "缩进与上下文不一致"),
    (r"did not find expected key", "找不到应有的键（缩进或 '-' 有误）"),
    (r"did not find expected '-' indicator", "找不到应有的列表符号 '-'"),
    (r"found character '\\t' that cannot start any token", "此处有制表符（Tab）"),
    (r"found character '(.*)' that cannot start any token", r"字符 '\1' 不能作为值的开头"),
    (r"expected chomping or indentation indicators, but found '(.*)'", r"'>' 或 '|' 之后不能紧跟 '\1'"),
    (r"found unexpected end of stream", "文件意外结束（引号或括号没有闭合）"),
    (r"found undefined alias '(.*)'", r"别名 '\1' 没有定义"),
    (r"the merge key '<<' appears twice: .*", "合并键 '<<' 出现了两次：合并多个映射请写在一个列表里，<<: [*first, *second]"
                                               "（同名的键以列表中靠前者为准）"),
    (r"key '(.*)' appears twice", r"键 '\1' 出现了两次"),
    (r"a key must be a text or a number, found .*", "键必须是文字或数字"),
    (r"a control character (U\+[0-9A-F]+) is not allowed in YAML", r"YAML 中不允许有控制字符 \1"),
    (r"a number of ([0-9,]+) characters is far longer than any figure of a rubric", r"数字长达 \1 个字符，远超评分标准中任何数字的长度"),
)


def _yaml_detail_zh(detail: str) -> str:
    """PyYAML's reason in Chinese, or quoted as it is."""
    for pattern, zh in _YAML_DETAILS_ZH:
        found = re.fullmatch(pattern, detail)
        if found:
            return found.expand(zh)
    return f"解析器的说明：{detail!r}"


def _yaml_slip_hint(s: Say) -> tuple[str, str]:
    """What the slip :mod:`bideval.yaml_slips` found is, and what to write instead."""
    slip, line = s["slip"], s["slip_line"]
    if slip == "colon_space":
        written, fix = s["written"], s["fix"]
        return (f"; line {line} holds '{written}': YAML needs a space after the colon; write '{fix}'",
                f"；第 {line} 行的 '{written}' 冒号后缺少空格：YAML 要求冒号后有空格，请写成 '{fix}'")
    if slip == "quote_value":
        first, fix = s["first"], s["fix"]
        return (f"; line {line}: a value that starts with '{first}' must be in quotes; write {fix}",
                f"；第 {line} 行：以 '{first}' 开头的值必须加引号，请写成 {fix}")
    if slip == "colon_in_text":
        written, fix = s["written"], s["fix"]
        return (f"; line {line}: the text '{written}' holds ': ', which YAML reads as the start of a key; put the "
                f"text in quotes ({fix}) or write the full-width '：'",
                f"；第 {line} 行：文字 '{written}' 中的 ': ' 会被 YAML 当作键的开始；请给这段文字加上引号（{fix}），"
                "或改用全角的 '：'")
    if slip == "comma_missing":
        key, fix = s["key"], s["fix"]
        return (f"; line {line}: a ',' is missing before the key '{key}'; write '{fix}'",
                f"；第 {line} 行：键 '{key}' 前缺少逗号 ','，请写成 '{fix}'")
    key, column, other, other_line, other_column = (s["key"], s["key_column"], s["other"], s["other_line"],
                                                    s["other_column"])
    return (f"; line {line}: the key '{key}' starts in column {column}, but '{other}' on line {other_line} in column "
            f"{other_column}: indent the keys of one mapping by the same number of spaces",
            f"；第 {line} 行的键 '{key}' 从第 {column} 列开始，而第 {other_line} 行的 '{other}' 从第 {other_column} 列"
            "开始：同一层的键必须用同样多的空格缩进")


@_template("rubric.not_yaml")
def _(s: Say) -> str:
    line, column, detail = s.get("line"), s.get("column"), s["detail"]
    if line is None:
        en, zh = f"not valid YAML: {detail}", f"不是有效的 YAML：{_yaml_detail_zh(detail)}"
    else:
        en = f"line {line}, column {column}: not valid YAML: {detail}"
        zh = f"第 {line} 行第 {column} 列：不是有效的 YAML：{_yaml_detail_zh(detail)}"
    if s.get("full_width"):
        hint = _full_width_hint(s)
        en, zh = en + hint[0], zh + hint[1]
    if s.get("tab") == "space":  # `kind:<tab>linear`: a tab where a space belongs, not in the indentation
        en, zh = en + "; write a space instead of the tab: YAML does not allow a tab there", \
            zh + "；请把制表符换成空格：YAML 此处不允许制表符"
    elif s.get("tab"):
        en, zh = en + "; indent with spaces: YAML does not allow a tab", zh + "；请用空格缩进：YAML 不允许制表符"
    if s.get("slip"):
        hint = _yaml_slip_hint(s)
        en, zh = en + hint[0], zh + hint[1]
    return s.t(en, zh)


@_template("rubric.too_deep")
def _(s: Say) -> str:
    line, column, limit = s.get("line"), s.get("column"), s.get("limit") or 64
    if line is None:  # deeper than Python recurses, through aliases: no one place to name
        return s.t("not a rubric: its YAML is nested hundreds of levels deep (a rubric is nested a few levels)",
                   "不是评分标准：其 YAML 嵌套了数百层（评分标准只有几层嵌套）")
    return s.t(f"line {line}, column {column}: not a rubric: its YAML is nested more than {limit} levels deep here "
               "(a rubric is nested a few levels)",
               f"第 {line} 行第 {column} 列：不是评分标准：其 YAML 在此处嵌套超过 {limit} 层（评分标准只有几层嵌套）")


@_template("rubric.too_many_values")
def _(s: Say) -> str:
    line, column, limit = s["line"], s["column"], s["limit"]
    return s.t(f"line {line}, column {column}: refused: the list or mapping here holds more than {limit:,} values once "
               "each alias (*name) is counted as all it stands for (or it holds itself); a rubric holds a few hundred",
               f"第 {line} 行第 {column} 列：已拒绝：把每个别名（*名称）按其代表的全部内容计算，此处的列表或映射含有超过 "
               f"{limit:,} 个值（或包含其自身）；评分标准通常只有几百个值")


@_template("rubric.unknown_key")
def _(s: Say) -> str:
    allowed = ", ".join(s["allowed"])
    if s.get("meant") and not s.get("full_width"):  # `\xa0max`: said as max written with what to delete
        meant, odd = s["meant"], ", ".join(s["odd"])
        return _rubric_at(s, f"unknown key {s['key']!r}: it is {meant!r} written with {odd} (a space or an invisible "
                             f"character YAML keeps in the key): delete it and write {meant}:",
                          f"未知的键 {s['key']!r}：它是带有 {odd}（YAML 会保留在键中的空格或不可见字符）的 {meant!r}："
                          f"请删除该字符，写成 {meant}:")
    return _rubric_at(s, f"unknown key {s['key']!r} (expected one of: {allowed})",
                      f"未知的键 {s['key']!r}（应为以下之一：{allowed}）")


@_template("rubric.missing_key")
def _(s: Say) -> str:
    if s.get("choices"):  # a key with a closed list of values (a price criterion's method)
        choices = ", ".join(s["choices"])
        return _rubric_at(s, f"missing {s['key']!r} (one of: {choices})", f"缺少 {s['key']!r}（应为以下之一：{choices}）")
    return _rubric_at(s, f"missing {s['key']!r}", f"缺少 {s['key']!r}")


@_template("rubric.empty_file")
def _(s: Say) -> str:
    return s.t("the file is empty: a rubric is a YAML text with at least id, title, fields and criteria (see "
               "docs/rubrics.md)",
               "文件是空的：评分标准是至少含有 id、title、fields 和 criteria 的 YAML 文本（见 docs/rubrics.md）")


@_template("rubric.text_comma")
def _(s: Say) -> str:
    what, text, fix = s["what"], s["text"], s["fix"]
    return _rubric_at(s, f"{what}: the text '{text}' holds a ',', which ends a text inside {{…}}: put the text in "
                         f"quotes: {fix}",
                      f"{_rubric_thing(s, what)}：文字 '{text}' 中的半角逗号 ',' 在 {{…}} 里会截断文字：请给这段文字加上引号："
                      f"{fix}")


def _expectation(s: Say, kind: str) -> tuple[str, str]:
    """What a blank value should have been, in words (``a number`` / ``数字``)."""
    if kind == "whole":
        minimum = s["minimum"]
        return f"a whole number of at least {minimum}", f"不小于 {minimum} 的整数"
    if kind == "choice":
        choices = ", ".join(s["choices"])
        return f"one of: {choices}", f"以下之一：{choices}"
    return {
        "number": ("a number", "数字"),
        "text": ("a text in Chinese, English or both ({zh: …, en: …})", "中文、英文或两者的文字（{zh: …, en: …}）"),
        "plain_text": ("a text", "文字"),
        "mapping": ("a mapping (key: value)", "映射（键: 值）"),
        "condition": ("a condition {field, op, value}", "条件 {field, op, value}"),
        "slug": ("a slug (lower-case letters, digits, - and _)", "简短代码（小写字母、数字、- 和 _）"),
        "field_id": ("a lower-case identifier (letters, digits, _)", "小写的标识符（字母、数字、_）"),
        "bool": ("true or false", "true 或 false"),
        "field": ("the id of a field", "字段的 id"),
        "currency": ("an ISO 4217 code such as CNY, USD, EUR or GBP", "ISO 4217 货币代码，如 CNY、USD、EUR 或 GBP"),
        "list": ("a non-empty list", "非空的列表"),
        "points": ("a list of at least two [x, y] points", "至少两个 [x, y] 点的列表"),
    }.get(kind, ("a value", "一个值"))


@_template("rubric.empty")
def _(s: Say) -> str:
    en, zh = _expectation(s, s["expected"])
    what = s.get("what")
    if what is None or what == s.get("where"):  # the key is where the problem is: `currency: …`
        return _rubric_at(s, f"is empty; expected {en}", f"为空；应为{zh}")
    return _rubric_at(s, f"{what} is empty; expected {en}", f"{_rubric_thing(s, what)}为空；应为{zh}")


@_template("rubric.yes_no")
def _(s: Say) -> str:
    """A yes or no YAML read where a number belongs (``max: on``): said as YAML read it, since the word written is
    not known here, with every word YAML reads so."""
    flag = "true" if s["found"] else "false"
    if s.get("field_id") is not None:  # a condition's value: the field's own expectation, as the CLI says it
        expected = _EXPECTED[s["expected"].kind](Say(s["expected"].facts, s.lang, True, s.rubric))
        en_exp = zh_exp = expected
        what_en, what_zh = f"value for field {s['field_id']!r}", f"字段 {s['field_id']!r} 的 value"
    else:
        en_exp, zh_exp = _expectation(s, s["expected"])
        what = s.get("what")
        what_en = "" if what is None or what == s.get("where") else what
        what_zh = "" if not what_en else _rubric_thing(s, what_en)
    return _rubric_at(s, f"{what_en + ' was ' if what_en else ''}read by YAML as {flag} (yes, no, on, off, true and "
                         f"false written without quotes are a yes or no, not a number); expected {en_exp}",
                      f"{what_zh}被 YAML 读成了逻辑值 {flag}（不加引号的 yes、no、on、off、true、false 都是逻辑值，"
                      f"不是数字）；应为{zh_exp}")


@_template("rubric.criterion_unread")
def _(s: Say) -> str:
    return _rubric_at(s, "could not be read as written; compare each of its keys with the rubric reference",
                      "无法按所写内容读取；请对照评分标准说明逐一检查它的键")


@_template("rubric.rubric_unread")
def _(s: Say) -> str:
    return _rubric_at(s, "the rubric could not be read as written; compare each key with the rubric reference",
                      "无法按所写内容读取该评分标准；请对照评分标准说明逐一检查各个键")


@_template("rubric.order87_price")
def _(s: Say) -> str:
    regime = s["regime"]
    return _rubric_at(s, f"{regime} (综合评分法) scores price (Order 87 art. 55), but no criterion is of kind price: "
                         "add a price criterion, or remove the regime",
                      f"{regime}（综合评分法）须对价格计分（财政部令第87号第五十五条），但没有 kind 为 price 的评分项："
                      "请增加价格评分项，或删去 regime")


@_template("rubric.order87_method")
def _(s: Say) -> str:
    method, regime = s["method"], s["regime"]
    return _rubric_at(s, f"regime {regime}: price is scored by method {method}, but Order 87 art. 55 scores price "
                         "lowest-first (低价优先法) in 综合评分法: use method: lowest_ratio, unless this tender is not "
                         "under Order 87",
                      f"regime {regime}：价格分采用 {method} 方法计算，但财政部令第87号第五十五条规定综合评分法的价格分统一采用"
                      "低价优先法：请改用 method: lowest_ratio，除非本项目不适用87号令")


@_template("rubric.order87_price_share")
def _(s: Say) -> str:
    share, floor, bought, regime = _percent(s["share"]), _percent(s["floor"]), s["bought"], s["regime"]
    from .values import round_half_up

    # the points as the total counts them (scaled and weighted with the price's group), to 2 places as shares are
    carried = f"{number(round_half_up(s['carried'], 2))} / {number(round_half_up(s['total'], 2))} = {share}"
    if bought is None:  # not said: the services floor, naming the goods one
        goods = _percent(s["goods_floor"])
        return _rubric_at(s, f"regime {regime}: the price carries {carried} of the total, below the {floor} Order 87 "
                             f"art. 55 sets for services (for goods it is {goods}; say which with procurement_object: "
                             "goods or services)",
                          f"regime {regime}：价格分占总分的 {carried}，低于财政部令第87号第五十五条对服务项目规定的 {floor}"
                          f"（货物项目不得低于 {goods}；请用 procurement_object: goods 或 services 写明采购标的）")
    what = s.t("goods", "货物项目") if bought == "goods" else s.t("services", "服务项目")
    return _rubric_at(s, f"regime {regime}: the price carries {carried} of the total, below the {floor} Order 87 "
                         f"art. 55 sets for {what}",
                      f"regime {regime}：价格分占总分的 {carried}，低于财政部令第87号第五十五条对{what}规定的 {floor}")


@_template("rubric.no_price")
def _(s: Say) -> str:
    fields = s.join(s.label(f) for f in s["fields"])
    return _rubric_at(s, f"no criterion scores the price, yet the bid form asks every bidder for a price ({fields}): "
                         "add a price criterion if the price is to count",
                      f"没有评分项为价格计分，但投标表仍要求每个投标人填写报价（{fields}）：如果报价应当计分，请增加价格评分项")


@_template("rubric.ceiling_like_rate")
def _(s: Say) -> str:
    ceiling, units, months = number(s["ceiling"]), f"{s['units']:,f}", number(s["months"])
    return _rubric_at(s, f"budget_ceiling {ceiling} is less than the {units} units the tender buys, as if it were a unit "
                         f"rate; it caps the whole contract price Q (Σ rate × count × {months} months), so a bid "
                         "above it is invalid: write the contract's ceiling, and a unit's own ceiling as `ceiling` "
                         "under pricing.demand.units",
                      f"最高限价 budget_ceiling {ceiling} 小于本项目的计价单位总数 {units}，像是单价；它限定的是整个合同的"
                      f"投标报价 Q（Σ 单价 × 数量 × {months} 个月），高于它的投标无效：请写合同总价的最高限价，"
                      "单价限价写在 pricing.demand.units 下该单位的 ceiling")


@_template("rubric.procurement_object_unused")
def _(s: Say) -> str:
    bought = s["bought"]
    return _rubric_at(s, f"{bought} matters only under regime: order87, where it sets the price's least share of the "
                         "total; this rubric has no such regime, so it changes nothing",
                      f"{bought} 只对适用财政部令第87号的项目起作用（决定价格分占总分的最低比例）；"
                      "本评分标准未声明适用87号令，此项不起作用")


@_template("rubric.coefficient_above_one")
def _(s: Say) -> str:
    k = number(s["coefficient"])
    return _rubric_at(s, f"benchmark coefficient {k} is above 1, so B lies above the prices it is formed from; a "
                         "coefficient is usually below 1: write 95% or 0.95 for 95 %, not 95",
                      f"基准价的 coefficient 为 {k}，大于 1，评标基准价将高于据以计算的价格；该系数通常小于 1："
                      "95% 请写成 95% 或 0.95，不要写 95")


@_template("rubric.count_not_required")
def _(s: Say) -> str:
    field, bids = s.name(s["counted"]), s.get("bids", ())
    en_by = f" ({s.join(bids)} left it empty)" if bids else ""
    zh_by = f"（{s.join(bids)} 未填）" if bids else ""
    return _rubric_at(s, f"a bid that leaves {field} empty is counted as having none and loses nothing{en_by}: mark "
                         "the field required: true (a bid that leaves it empty is then invalid)",
                      f"投标人不填{field}即按没有计，不扣分{zh_by}：请为该字段写 required: true（不填的投标即为无效）")


@_template("rubric.cap_below_part")
def _(s: Say) -> str:
    cap, top, part, own = s["cap"], number(s["cap_max"]), s["criterion"], number(s["max"])
    return _rubric_at(s, f"the cap's max {top} is below the max {own} of its criterion {part!r}, which therefore can "
                         f"never reach {own}: lower the criterion's max to {top}, or raise the cap",
                      f"该共同上限 {top} 分低于其中评分项 {part!r} 的满分 {own}，在此上限下该评分项永远得不到 {own} 分："
                      f"请把它的满分降为 {top}，或提高上限")


@_template("rubric.weights_not_one")
def _(s: Say) -> str:
    parts = " + ".join(number(w) for _, w in s["weights"])
    whole, full = number(sum(w for _, w in s["weights"])), number(s["full"])
    return _rubric_at(s, f"the groups' weights add up to {whole} ({parts}), not 1, so the full marks are {full}: "
                         "correct the weights, or declare total: to have the weighted maxima checked",
                      f"各分组的权重之和为 {whole}（{parts}），不是 1，满分因此为 {full}：请更正权重，或声明 total 以核对加权后的满分")


@_template("rubric.scaled_to_one")
def _(s: Say) -> str:
    full = number(s["max"])
    return _rubric_at(s, f"scale_to_best: 1 makes the best bid's subtotal 1 point, though the group's criteria give up "
                         f"to {full}, so the group counts 1 point of the total: write scale_to_best: true to scale it "
                         f"to its own max ({full}), or the points the best bid is to get",
                      f"scale_to_best: 1 使最高分投标的小计折算为 1 分，而该分组各评分项合计最高 {full} 分，该分组因此只占总分 1 分："
                      f"如需按本组满分（{full}）折算，请写 scale_to_best: true，或写最高分投标应得的分数")


@_template("rubric.cap_never_binds")
def _(s: Say) -> str:
    top, parts = number(s["cap_max"]), " + ".join(number(m) for m in s["maxima"])
    whole = number(sum(s["maxima"]))
    return _rubric_at(s, f"the cap's max {top} is not below the maxima of its criteria together ({parts} = {whole}), "
                         f"so it never takes a point off: lower the cap, or remove it",
                      f"该共同上限 {top} 分不低于其中各评分项满分之和（{parts} = {whole}），永远不会扣减任何分数："
                      "请降低上限，或删去该共同上限")


@_template("rubric.unit_not_money")
def _(s: Say) -> str:
    unit, kind = s["unit"], s["type"]
    return _rubric_at(s, f"unit {unit!r} is a unit of money, but the field is {kind}: make it type: money, or remove "
                         "the unit",
                      f"unit {unit!r} 是金额单位，但该字段的类型是 {kind}：请改为 type: money，或删去 unit")


@_template("rubric.not_mapping")
def _(s: Say) -> str:
    found = {"list": "列表", "str": "文本", "int": "整数", "float": "数字", "NoneType": "空值", "bool": "逻辑值",
             "dict": "映射"}.get(s["found"], s["found"])
    return _rubric_at(s, f"{s['what']} must be a mapping, found {s['found']}",
                      f"{_rubric_thing(s, s['what'])}必须是映射（键: 值），实际为{found}")


@_template("rubric.not_text")
def _(s: Say) -> str:
    return _rubric_at(s, f"{s['what']} must give its text in Chinese, English or both ({{zh: …, en: …}}), "
                         f"found {_quoted(s['found'])}",
                      f"{_rubric_thing(s, s['what'])}必须给出中文、英文或两者的文字（{{zh: …, en: …}}），实际为 {_quoted(s['found'])}")


def _yaml_reading(value: object) -> tuple[str, str]:
    """What YAML made of a scalar written without quotes, in words: ``false``, ``the number 8``."""
    if isinstance(value, bool):
        return str(value).lower(), f"逻辑值 {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}", f"数字 {value}"
    if isinstance(value, datetime):
        return f"the date and time {value}", f"日期时间 {value}"
    return f"the date {value}", f"日期 {value}"


@_template("rubric.needs_quotes")
def _(s: Say) -> str:
    what, line, fix = s["what"], s["line"], s["fix"]
    readings = [(written, _yaml_reading(read)) for written, read in zip(s["written"], s["read"])]
    en_thing = f"{what} for field {s['field_id']!r}" if s.get("field_id") else what
    zh_thing = f"字段 {s['field_id']!r} 的 {what}" if s.get("field_id") else _rubric_thing(s, what)
    en_read = ", ".join(f"{written} as {reading[0]}" for written, reading in readings)
    zh_read = "、".join(f"{written} 读成{reading[1]}" for written, reading in readings)
    if s.get("where") == what:  # tender_number: what is where it is
        en_head, zh_head = f"line {line}", f"第 {line} 行"
    else:
        en_head, zh_head = f"{en_thing} (line {line})", f"{zh_thing}（第 {line} 行）"
    return _rubric_at(s, f"{en_head}: written without quotes, YAML reads {en_read}, not as a text: put it in quotes: "
                         f"{fix}",
                      f"{zh_head}：不加引号时，YAML 把 {zh_read}，而不是文字：请加上引号：{fix}")


@_template("rubric.not_decimal")
def _(s: Say) -> str:
    what, line, written, read, base = s["what"], s["line"], s["written"], number(s["read"]), s["base"]
    zh_base = {60: "六十进制", 16: "十六进制", 2: "二进制"}[base]
    if s.get("hours") is not None:  # 4:00 compared with an answer: hours and minutes on a clock
        hours, minutes = number(s["hours"]), number(s["minutes"])
        en_fix = (f"write the number in the field's unit: {'about ' if s['about'] else ''}{hours} for hours, "
                  f"{minutes} for minutes")
        zh_fix = f"请按该字段的单位直接写数字：以小时计为{'约 ' if s['about'] else ' '}{hours}，以分钟计为 {minutes}"
    elif base == 60:
        en_fix, zh_fix = "write the number itself", "请直接写数字"
    else:
        en_fix, zh_fix = f"write it in decimal digits, {read}", f"请用十进制数字写出，即 {read}"
    if s.get("where") == what:  # decimals: what is where it is
        en_head, zh_head = f"line {line}", f"第 {line} 行"
    else:
        en_head, zh_head = f"{what} (line {line})", f"{_rubric_thing(s, what)}（第 {line} 行）"
    return _rubric_at(s, f"{en_head}: {written} is read by YAML as the number {read} (base {base}); {en_fix}",
                      f"{zh_head}：YAML 把 {written} 读作{zh_base}数 {read}；{zh_fix}")


@_template("rubric.not_number")
def _(s: Say) -> str:
    en = f"{s['what']} must be a number, found {_quoted(s['found'])}"
    zh = f"{_rubric_thing(s, s['what'])}必须是数字，实际为 {_quoted(s['found'])}"
    if s.get("yuan") is not None:  # budget_ceiling: 604.8万, as the notice publishes the budget
        yuan = format(s["yuan"].normalize(), "f")
        en += f"; the rubric's amounts are in yuan: for {s['found']} write {yuan}"
        zh += f"；评分标准中的金额以元为单位：{s['found']} 应写作 {yuan}"
    return _rubric_at(s, en, zh)


@_template("rubric.not_finite")
def _(s: Say) -> str:
    return _rubric_at(s, f"{s['what']} must be a finite number, found {_quoted(s['found'])}",
                      f"{_rubric_thing(s, s['what'])}必须是有限的数字，实际为 {_quoted(s['found'])}")


@_template("rubric.out_of_range")
def _(s: Say) -> str:
    rule, bound, found = s["rule"], s.get("bound"), s["found"]
    en = {"positive": "more than 0", "non_negative": "0 or more", "at_most": f"at most {bound}",
          "below": f"less than {bound}"}[rule]
    zh = {"positive": "大于 0", "non_negative": "不小于 0", "at_most": f"不大于 {bound}", "below": f"小于 {bound}"}[rule]
    return _rubric_at(s, f"{s['what']} must be {en}, found {found}", f"{_rubric_thing(s, s['what'])}必须{zh}，实际为 {found}")


@_template("rubric.beyond_largest")
def _(s: Say) -> str:
    """A number of the rubric as large as no bid's amount may be (``line``: where a plain number stands)."""
    what, line, largest, digits = s["what"], s.get("line"), s["largest"], s["digits"]
    en_head, zh_head = (f"{what} (line {line})", f"{_rubric_thing(s, what)}（第 {line} 行）") if line else \
        (what, _rubric_thing(s, what))
    if s.get("where") == what:  # candidates: what is where it is
        en_head, zh_head = (f"the value on line {line}", f"第 {line} 行的值") if line else ("the value", "其值")
    found = _quoted(s["found"])
    en_digits, zh_digits = (f" ({digits:,} digits)", f"（{digits:,} 位数字）") if digits else ("", "")
    return _rubric_at(s, f"{en_head} must lie below {largest:,f} either side of 0, as every figure of a bid must (Excel "
                         f"keeps 15 digits), found {found}{en_digits}",
                      f"{zh_head}的绝对值必须小于 {largest:,f}，与投标中的数字相同（Excel 只保留 15 位有效数字），实际为 {found}"
                      f"{zh_digits}")


@_template("rubric.not_whole")
def _(s: Say) -> str:
    return _rubric_at(s, f"{s['what']} must be a whole number of at least {s['minimum']}, found {_quoted(s['found'])}",
                      f"{_rubric_thing(s, s['what'])}必须是不小于 {s['minimum']} 的整数，实际为 {_quoted(s['found'])}")


@_template("rubric.unknown_choice")
def _(s: Say) -> str:
    choices = ", ".join(s["choices"])
    en = f"unknown {s['what']} {_quoted(s['found'])} (expected one of: {choices})"
    zh = f"未知的{_rubric_thing(s, s['what'])} {_quoted(s['found'])}（应为以下之一：{choices}）"
    if s.get("meant"):  # 低价优先法 is what check calls lowest_ratio; ≤ is <=
        en += f"; for {_quoted(s['found'])} write {' or '.join(s['meant'])}"
        zh += f"；{_quoted(s['found'])} 应写作 {' 或 '.join(s['meant'])}"
    return _rubric_at(s, en, zh)


@_template("rubric.not_slug")
def _(s: Say) -> str:
    what = s.get("what")
    if what is None:  # the rubric's own id, at the top
        return _rubric_at(s, f"must be a slug (lower-case letters, digits, - and _), found {_quoted(s['found'])}",
                          f"必须是简短代码（小写字母、数字、- 和 _），实际为 {_quoted(s['found'])}")
    if what == "group":
        return _rubric_at(s, f"group must be a slug such as commercial, found {_quoted(s['found'])}",
                          f"“group”必须是简短代码，如 commercial，实际为 {_quoted(s['found'])}")
    return _rubric_at(s, f"{what} must be a slug (lower-case letters, digits, - and _), found {_quoted(s['found'])}",
                      f"{_rubric_thing(s, what)}必须是简短代码（小写字母、数字、- 和 _），实际为 {_quoted(s['found'])}")


@_template("rubric.decimals_too_many")
def _(s: Say) -> str:
    return _rubric_at(s, f"must be at most 6, found {s['found']}", f"最多为 6，实际为 {s['found']}")


@_template("rubric.not_text_value")
def _(s: Say) -> str:
    what = s.get("what")
    if what is None:
        return _rubric_at(s, f"must be text, found {_quoted(s['found'])}", f"必须是文字，实际为 {_quoted(s['found'])}")
    return _rubric_at(s, f"{what} must be text, found {_quoted(s['found'])}",
                      f"{_rubric_thing(s, what)}必须是文字，实际为 {_quoted(s['found'])}")


@_template("rubric.tender_number")
def _(s: Say) -> str:
    return _rubric_at(s, f'must be text such as "ZB-2026-018", found {_quoted(s["found"])}',
                      f"必须是文字，如 \"ZB-2026-018\"，实际为 {_quoted(s['found'])}")


@_template("rubric.not_list")
def _(s: Say) -> str:
    if s["what"] == "criteria":
        return _rubric_at(s, f"criteria must be a non-empty list, found {_quoted(s['found'])}",
                          f"“criteria”必须是非空的列表，实际为 {_quoted(s['found'])}")
    return _rubric_at(s, f"{s['what']} must be a list, found {_quoted(s['found'])}",
                      f"{_rubric_thing(s, s['what'])}必须是列表，实际为 {_quoted(s['found'])}")


@_template("rubric.not_bool")
def _(s: Say) -> str:
    return _rubric_at(s, f"{s['what']} must be true or false, found {_quoted(s['found'])}",
                      f"{_rubric_thing(s, s['what'])}必须是 true 或 false，实际为 {_quoted(s['found'])}")


@_template("rubric.field_id")
def _(s: Say) -> str:
    return _rubric_at(s, "id must be a lower-case identifier (letters, digits, _)", "id 必须是小写的标识符（字母、数字、_）")


@_template("rubric.field_twice")
def _(s: Say) -> str:
    return _rubric_at(s, "is defined twice", "定义了两次")


@_template("rubric.field_reserved")
def _(s: Say) -> str:
    return _rubric_at(s, "clashes with a fixed or price field of the same id", "与同一 id 的固定字段或报价字段冲突")


@_template("rubric.choices_missing")
def _(s: Say) -> str:
    return _rubric_at(s, "a choice field needs choices: a non-empty list of texts", "选项字段需要 choices：一个非空的文字列表")


@_template("rubric.choices_repeat")
def _(s: Say) -> str:
    return _rubric_at(s, "choices repeat themselves", "choices 中有重复的选项")


@_template("rubric.choices_not_choice")
def _(s: Say) -> str:
    return _rubric_at(s, "choices are only for a choice field", "只有选项字段（choice）才有 choices")


@_template("rubric.id_twice")
def _(s: Say) -> str:
    return _rubric_at(s, "the id is used twice", "该 id 用了两次")


@_template("rubric.two_prices")
def _(s: Say) -> str:
    return _rubric_at(s, "a rubric may have only one price criterion", "一个评分标准只能有一个价格评分项")


@_template("rubric.unknown_field")
def _(s: Say) -> str:
    return _rubric_at(s, f"unknown field {_quoted(s['found'])}", f"未知的字段 {_quoted(s['found'])}")


@_template("rubric.field_type")
def _(s: Say) -> str:
    types = ", ".join(s["types"])
    return _rubric_at(s, f"field {s['field_id']!r} is {s['type']}; expected one of {types}",
                      f"字段 {s['field_id']!r} 的类型是 {s['type']}；应为以下之一：{types}")


@_template("rubric.condition_field")
def _(s: Say) -> str:
    return _rubric_at(s, f"condition on unknown field {_quoted(s['found'])}", f"条件中的字段 {_quoted(s['found'])} 不存在")


@_template("rubric.condition_no_op")
def _(s: Say) -> str:
    return _rubric_at(s, "a condition with a value needs an op", "带 value 的条件需要 op")


@_template("rubric.op_numeric")
def _(s: Say) -> str:
    return _rubric_at(s, f"op {s['op']} needs a numeric field; {s['field_id']!r} is {s['type']}",
                      f"op {s['op']} 需要数值字段；{s['field_id']!r} 的类型是 {s['type']}")


@_template("rubric.op_value")
def _(s: Say) -> str:
    return _rubric_at(s, f"op {s['op']} needs a value", f"op {s['op']} 需要 value")


@_template("rubric.op_in_list")
def _(s: Say) -> str:
    return _rubric_at(s, "op in needs a non-empty list as its value", "op in 的 value 必须是非空的列表")


@_template("rubric.value_type")
def _(s: Say) -> str:
    expected = _EXPECTED[s["expected"].kind](Say(s["expected"].facts, s.lang, True, s.rubric))  # as the CLI says it
    return _rubric_at(s, f"value {_quoted(s['found'])} does not parse as field {s['field_id']!r}: expected {expected}",
                      f"值 {_quoted(s['found'])} 不符合字段 {s['field_id']!r} 的类型：应为{expected}")


@_template("rubric.value_empty")
def _(s: Say) -> str:
    return _rubric_at(s, f"value for field {s['field_id']!r} is empty", f"字段 {s['field_id']!r} 的 value 为空")



def _caps_counted(s: Say) -> tuple[str, str]:
    """The shared caps that lower the full marks, each with what its parts add up to: ``the shared cap track_record
    counts projects + certificates (13) at most 10`` (a cap set below a part's own max is found so)."""
    caps = s.get("caps") or ()
    en = "; ".join(f"the shared cap {cap} counts {' + '.join(parts)} ({number(added)}) at most {number(top)}"
                   for cap, top, parts, added in caps)
    zh = "；".join(f"共同上限 {cap} 把 {' + '.join(parts)}（{number(added)}）最多按 {number(top)} 分计"
                   for cap, top, parts, added in caps)
    return en, zh


@_template("rubric.total_mismatch")
def _(s: Say) -> str:
    caps = _caps_counted(s)
    if caps[0]:
        capped = s.t(f" ({caps[0]})", f"（{caps[1]}）")
    else:
        capped = s.t(" (each shared cap counted at most its max)", "（每个共同上限最多按其上限计）") if s["capped"] else ""
    return _rubric_at(s, f"the criteria maxima add up to {s['maxima']}{capped}, not the declared total {s['total']}",
                      f"各评分项满分之和为 {s['maxima']}{capped}，而不是声明的总分 {s['total']}")


@_template("rubric.tiers_missing")
def _(s: Say) -> str:
    return _rubric_at(s, "a tiered criterion needs tiers: a non-empty list", "分档评分项需要 tiers：一个非空的列表")


@_template("rubric.tier_twice")
def _(s: Say) -> str:
    return _rubric_at(s, f"tier id {s['tier']!r} is used twice", f"档次 id {s['tier']!r} 用了两次")


@_template("rubric.tier_negative")
def _(s: Say) -> str:
    return _rubric_at(s, f"tier {s['tier']} bounds must be 0 or more", f"档次 {s['tier']} 的上下限必须不小于 0")


@_template("rubric.tier_reversed")
def _(s: Say) -> str:
    low, high = s["range"]
    return _rubric_at(s, f"tier {s['tier']} runs from {low} down to {high}", f"档次 {s['tier']} 从 {low} 降到 {high}（下限大于上限）")


@_template("rubric.tier_first")
def _(s: Say) -> str:
    return _rubric_at(s, f"the lowest tier must start at 0, not {s['range'][0]}", f"最低的档次必须从 0 开始，而不是 {s['range'][0]}")


@_template("rubric.tier_overlap")
def _(s: Say) -> str:
    (low, high), (other_low, other_high) = s["range"], s["other_range"]
    tier, other = s["tier"], s["other"]
    en = f"tier {tier} ({low}–{high}) overlaps tier {other} ({other_low}–{other_high})"
    zh = f"档次 {tier}（{low}–{high}）与档次 {other}（{other_low}–{other_high}）重叠"
    start, end = s.get("start"), s.get("end")
    shared = low == other_high  # 优 8–10, 良 6–8: say which tier the shared score then belongs to
    fixes = ([(f"start {tier} at {number(start)}" + (f" so that {low} is {other}" if shared else ""),
               f"让 {tier} 从 {number(start)} 开始" + (f"（{low} 分属于 {other}）" if shared else ""))]
             if start is not None else [])
    fixes += ([(f"end {other} at {number(end)}" + (f" so that {low} is {tier}" if shared else ""),
                f"让 {other} 止于 {number(end)}" + (f"（{low} 分属于 {tier}）" if shared else ""))]
              if end is not None else [])
    if fixes:
        en += ": " + ", or ".join(f[0] for f in fixes)
        zh += "；请" + "，或".join(f[1] for f in fixes)
    return _rubric_at(s, en, zh)


@_template("rubric.tier_gap")
def _(s: Say) -> str:
    (low, high), (other_low, other_high) = s["range"], s["other_range"]
    tier, other, gap, places = s["tier"], s["other"], number(s["gap"]), s["places"]
    low, high, other_low, other_high, start = map(number, (low, high, other_low, other_high, s["start"]))
    if s.get("step") is not None:  # the criterion's own step: judges score its multiples only
        at = (f"at most one step, {gap}, as the criterion's step: {gap} says", f"最多一个步长 {gap}，即该评分项的 step: {gap}")
    elif places == 0:
        at = (f"at most {gap} with whole-point scores, decimals: 0", f"整数分即 decimals: 0 时最多 {gap}")
    elif places == 1:
        at = (f"at most {gap} at 1 decimal place", f"保留 1 位小数时最多 {gap}")
    else:  # why 0.1 and not 0.01: the judges score inside the agreed tier, so 5.05 is never given
        at = (f"at most {gap} at {places} decimal places, the step standards write tiers in: 0–5, 5.1–10",
              f"保留 {places} 位小数时最多 {gap}，即评分标准书写档次的步长：0–5、5.1–10")
    en = (f"tier {tier} starts at {low}, leaving a gap after {other} ending at {other_high} ({at[0]}): "
          f"scores between {other_high} and {low} would belong to no tier; start {tier} at {start}")
    zh = (f"档次 {tier} 从 {low} 开始，与止于 {other_high} 的档次 {other} 之间留有空档（{at[1]}）："
          f"{other_high} 与 {low} 之间的得分不属于任何档次；请让 {tier} 从 {start} 开始")
    if s["whole"]:  # 0–10, 11–20 as the standard writes it: judges score whole points, the panel's mean keeps places
        en += (f", or, for whole-point tiers ({other_low}–{other_high}, {low}–{high}), give the criterion step: 1 "
               f"(judges score whole points; the panel's mean keeps {places} decimal place{'' if places == 1 else 's'}); "
               "decimals: 0 would also round the panel's mean to whole points")
        zh += (f"；如果是整数分的档次（{other_low}–{other_high}、{low}–{high}），请给该评分项加上 step: 1（评委打整数分，"
               f"评委平均分仍保留 {places} 位小数）；decimals: 0 则会把评委平均分也四舍五入为整数")
    return _rubric_at(s, en, zh)


@_template("rubric.tier_last")
def _(s: Say) -> str:
    return _rubric_at(s, f"the highest tier must end at max {s['max']}, not {s['last']}",
                      f"最高的档次必须止于满分 {s['max']}，而不是 {s['last']}")


# -- rubric files: the checks inside each criterion kind, groups, caps, pricing and the panel

def _grade(s: Say, label: Label, span: tuple[Decimal, Decimal]) -> str:
    """A grade as a rubric mistake names it: ``优 8–10`` (the command line names it by its Chinese label)."""
    low, high = span
    text = label.zh if s.ids or s.zh else label.en
    return f"{text} {number(low)}" if low == high else f"{text} {number(low)}–{number(high)}"


@_template("rubric.currency_unknown")
def _(s: Say) -> str:
    en = f"unknown currency {s['currency']!r}: expected an ISO 4217 code such as CNY, USD, EUR or GBP"
    zh = f"未知的币种 {s['currency']!r}：应为 ISO 4217 货币代码，如 CNY、USD、EUR 或 GBP"
    if s.get("meant"):  # RMB is what the code CNY names
        en += f"; for {s['currency']!r} write {s['meant']}"
        zh += f"；{s['currency']!r} 应写作 {s['meant']}"
    return _rubric_at(s, en, zh)


@_template("rubric.tier_decimals")
def _(s: Say) -> str:
    own = "decimals " if s["own"] else ""
    return _rubric_at(s, f"{own}{s['decimals']} is fewer than the {s['tier_decimals']} decimal place(s) of the tier "
                         "bounds: a rounded panel score could fall outside its agreed tier",
                      f"小数位数 {s['decimals']} 少于档次上下限的 {s['tier_decimals']} 位小数：评委得分四舍五入后可能落在议定的档次之外")


@_template("rubric.caps_not_list")
def _(s: Say) -> str:
    return _rubric_at(s, f"caps must be a non-empty list of {{id, label, max, criteria}}, found {_quoted(s['found'])}",
                      f"caps 必须是非空的列表，每项为 {{id, label, max, criteria}}，实际为 {_quoted(s['found'])}")


@_template("rubric.cap_id_used")
def _(s: Say) -> str:
    return _rubric_at(s, "the id is already used by a criterion or another cap", "该 id 已被某个评分项或另一个共同上限使用")


@_template("rubric.cap_criteria")
def _(s: Say) -> str:
    return _rubric_at(s, f"criteria must list the ids of two or more criteria, found {_quoted(s['found'])}",
                      f"criteria 必须列出两个或更多评分项的 id，实际为 {_quoted(s['found'])}")


@_template("rubric.cap_unknown_criterion")
def _(s: Say) -> str:
    return _rubric_at(s, f"criterion {s['criterion']!r} does not exist", f"评分项 {s['criterion']!r} 不存在")


@_template("rubric.cap_not_scored")
def _(s: Say) -> str:
    return _rubric_at(s, f"criterion {s['criterion']!r} is a {s['kind']}, which gives no points to cap",
                      f"评分项 {s['criterion']!r} 的评分方式为{s.kind(s['kind'])}，没有可以封顶的分数")


@_template("rubric.cap_twice")
def _(s: Say) -> str:
    return _rubric_at(s, f"criterion {s['criterion']!r} is already under cap {s['other']!r}; a criterion may be under "
                         "one cap only",
                      f"评分项 {s['criterion']!r} 已在共同上限 {s['other']!r} 之下；一个评分项只能在一个共同上限之下")


@_template("rubric.cap_scaled")
def _(s: Say) -> str:
    return _rubric_at(s, f"criterion {s['criterion']!r} is scaled to the best: a scaled criterion cannot be under a "
                         "shared cap",
                      f"评分项 {s['criterion']!r} 按最优折算（scale_to_best）：折算的评分项不能在共同上限之下")


@_template("rubric.groups_not_list")
def _(s: Say) -> str:
    return _rubric_at(s, f"must be a non-empty list of groups {{id, label, …}}, found {_quoted(s['found'])}",
                      f"必须是非空的分组列表，每项为 {{id, label, …}}，实际为 {_quoted(s['found'])}")


@_template("rubric.group_id")
def _(s: Say) -> str:
    return _rubric_at(s, f"id must be a slug such as technical, found {s['group']!r}",
                      f"id 必须是简短代码，如 technical，实际为 {s['group']!r}")


@_template("rubric.group_twice")
def _(s: Say) -> str:
    return _rubric_at(s, "is declared twice", "声明了两次")


@_template("rubric.group_empty")
def _(s: Say) -> str:
    return _rubric_at(s, "no criterion belongs to this group", "没有评分项属于这个分组")


@_template("rubric.group_unscored")
def _(s: Say) -> str:
    return _rubric_at(s, "a pass mark, scaling or weight needs a scored criterion in the group",
                      "及格分、折算或权重需要分组中有计分的评分项")


@_template("rubric.pass_mark_above_max")
def _(s: Say) -> str:
    mark, top = number(s["pass_mark"]), number(s["max"])
    return _rubric_at(s, f"pass_mark {mark} is above the group's max {top}: no bid could pass",
                      f"及格分 pass_mark {mark} 高于该分组的满分 {top}：没有投标能够通过")


@_template("rubric.pass_mark_share")
def _(s: Say) -> str:
    mark, top, points = number(s["pass_mark"]), number(s["max"]), number(s["points"])
    share = number(s["pass_mark"] * 100)
    return _rubric_at(s, f"pass_mark {mark} is in points of the group's {top}: for {share} % write {share}% or {points}",
                      f"及格分 pass_mark {mark} 按分值计（该分组满分 {top}）：如指 {share}%，请写 {share}% 或 {points}")


@_template("rubric.pass_mark_not_number")
def _(s: Say) -> str:
    return _rubric_at(s, f"pass_mark must be points (a number such as 42) or a share of the group's max (such as 60%), "
                         f"found {_quoted(s['found'])}",
                      f"及格分 pass_mark 必须是分值（如 42）或该分组满分的百分比（如 60%），实际为 {_quoted(s['found'])}")


@_template("rubric.group_undeclared")
def _(s: Say) -> str:
    return _rubric_at(s, f"group {s['group']!r} is not declared under groups (declared: {', '.join(s['declared'])})",
                      f"分组 {s['group']!r} 未在 groups 中声明（已声明：{s.join(s['declared'])}）")


@_template("rubric.pass_mark_on_price")
def _(s: Say) -> str:
    return _rubric_at(s, f"a pass mark cannot be on the group of the price criterion {s['criterion']!r}: price is scored "
                         "only among the bids that pass",
                      f"价格评分项 {s['criterion']!r} 所在的分组不能设及格分：价格只在通过的投标之间评分")


@_template("rubric.pass_mark_after_price")
def _(s: Say) -> str:
    return _rubric_at(s, f"a group with a pass mark must come before the price group {s['price_group']!r}: price is "
                         "opened only for the bids that pass",
                      f"设有及格分的分组必须排在价格分组 {s['price_group']!r} 之前：只有通过的投标才开启价格")


@_template("rubric.weights_partial")
def _(s: Say) -> str:
    weighted, missing = s["weighted"], s["unweighted"]
    return _rubric_at(s, f"weight is given for {', '.join(weighted)} but not for {', '.join(missing)}: give every group "
                         "a weight, or none",
                      f"分组 {s.join(weighted)} 有 weight，分组 {s.join(missing)} 却没有：请给每个分组都设权重，或都不设")


@_template("rubric.weighted_total_mismatch")
def _(s: Say) -> str:
    parts = " + ".join(f"{group} {number(top)}" if weight is None else f"{group} {number(weight)} × {number(top)}"
                       for group, weight, top in s["parts"])
    full, total = number(s["weighted_maxima"]), number(s["total"])
    caps = _caps_counted(s)
    return _rubric_at(s, f"the groups' weighted maxima add up to {full} ({parts}{'; ' if caps[0] else ''}{caps[0]}), "
                         f"not the declared total {total}",
                      f"各分组加权后的满分之和为 {full}（{parts}{'；' if caps[1] else ''}{caps[1]}），而不是声明的总分 {total}")


_CLASH_WORDS = {"id": "编号", "label": "名称", "name": "名称"}  # 编号: the id, as check heads its column


@_template("rubric.name_clash")
def _(s: Say) -> str:
    what, called, name, other = s["what"], s["called"], s["name"], s["other"]
    inner_en = f"{what} {s['thing']!r}: " if s["inner"] else ""
    thing_zh = _RUBRIC_THINGS[what]
    inner_zh = f"{thing_zh} {s['thing']!r} 的" if s["inner"] else ""
    return _rubric_at(s, f"{inner_en}{called} {name!r} is also the {s['owned_as']} of {what} {other!r}; expected "
                         f"{'an' if called == 'id' else 'a'} {called} that names only one {what}",
                      f"{inner_zh}{_CLASH_WORDS[called]} {name!r} 也是{thing_zh} {other!r} 的{_CLASH_WORDS[s['owned_as']]}；"
                      f"一个{_CLASH_WORDS[called]}只能指一个{thing_zh}")


@_template("rubric.trim_too_many")
def _(s: Say) -> str:
    least, trim = s["least"], s["trim"]
    return _rubric_at(s, f"min_judges_for_trim ({least}) must be more than 2 × trim ({trim}), or trimming would leave "
                         "no score",
                      f"min_judges_for_trim（{least}）必须大于 2 × trim（{trim}），否则去掉最高分和最低分后不剩分数")


@_template("rubric.trim_zero")
def _(s: Say) -> str:
    return _rubric_at(s, "trimmed_mean needs trim of at least 1", "trimmed_mean 需要 trim 至少为 1")


@_template("rubric.unit_id")
def _(s: Say) -> str:
    return _rubric_at(s, f"unit {s['unit']!r} must be a lower-case id (it names the field rate_<unit>)",
                      f"单位 {s['unit']!r} 必须是小写的 id（它是字段 rate_<unit> 的名字）")


@_template("rubric.models_not_list")
def _(s: Say) -> str:
    return _rubric_at(s, f"models must be a non-empty list, found {_quoted(s['found'])}",
                      f"models 必须是非空的列表，实际为 {_quoted(s['found'])}")


@_template("rubric.model_twice")
def _(s: Say) -> str:
    return _rubric_at(s, f"pricing model {s['model']!r} is listed twice", f"报价方式 {s['model']!r} 列出了两次")


@_template("rubric.model_demand")
def _(s: Say) -> str:
    missing = s["missing"]
    months = "months" in missing
    return _rubric_at(s, f"model {s['model']} needs demand figure(s) {', '.join(missing)}"
                         + (" (months from demand.months or contract_months)" if months else ""),
                      f"报价方式 {s['model']} 需要需求数量 {s.join(missing)}"
                      + ("（月数取自 demand.months 或 contract_months）" if months else ""))


@_template("rubric.money_unit")
def _(s: Say) -> str:
    unit, currency, ten = s["unit"], s["currency"], s["ten_thousand"]
    if currency == "CNY":
        return _rubric_at(s, f"a money field's unit must be CNY or {ten!r}, found {unit!r}",
                          f"金额字段的 unit 必须是 CNY 或 {ten!r}，实际为 {unit!r}")
    return _rubric_at(s, f"a money field's unit must be the tender's currency {currency} (万, {ten!r}, is for yuan only), "
                         f"found {unit!r}",
                      f"金额字段的 unit 必须是本项目的币种 {currency}（万，即 {ten!r}，只用于人民币），实际为 {unit!r}")


@_template("rubric.example_not_percent")
def _(s: Say) -> str:
    return _rubric_at(s, "example is only for a percent field", "只有百分比字段才有 example")


@_template("rubric.negative_not_number")
def _(s: Say) -> str:
    return _rubric_at(s, f"allow_negative is only for an integer, number or money field, not {s['type']}",
                      f"只有整数、数字或金额字段才有 allow_negative，而该字段类型为 {s['type']}")


@_template("rubric.negative_counted")
def _(s: Say) -> str:
    return _rubric_at(s, f"criterion {s['criterion']!r} counts this field, so a negative answer cannot be allowed "
                         "(remove allow_negative)",
                      f"评分项 {s['criterion']!r} 按该字段计数，不能允许负数（请删去 allow_negative）")


@_template("rubric.example_empty")
def _(s: Say) -> str:
    return _rubric_at(s, f"example must be an answer as a bidder types it, such as 5%, found {_quoted(s['found'])}",
                      f"example 必须是投标人填写的答案，如 5%，实际为 {_quoted(s['found'])}")


@_template("rubric.example_value")
def _(s: Say) -> str:
    expected = expected_text(s["expected"], s.lang, s.ids, s.rubric)
    return _rubric_at(s, f"example must be {expected}, found {_quoted(s['found'])}",
                      f"example 应为{expected}，实际为 {_quoted(s['found'])}")


@_template("rubric.gate_decimals")
def _(s: Say) -> str:
    return _rubric_at(s, "a gate has no score to round: decimals belongs to scored criteria",
                      "资格条件没有分数可以舍入：decimals 只用于计分的评分项")


@_template("rubric.gate_scale")
def _(s: Say) -> str:
    return _rubric_at(s, "a gate has no score to scale: scale_to_best belongs to scored criteria",
                      "资格条件没有分数可以折算：scale_to_best 只用于计分的评分项")


@_template("rubric.max_not_positive")
def _(s: Say) -> str:
    return _rubric_at(s, f"max must be more than 0, found {number(s['max'])}", f"max 必须大于 0，实际为 {number(s['max'])}")


@_template("rubric.criterion_decimals")
def _(s: Say) -> str:
    return _rubric_at(s, f"decimals must be a whole number from 0 to {s['most']}, found {s['decimals']}",
                      f"decimals 必须是 0 到 {s['most']} 之间的整数，实际为 {s['decimals']}")


@_template("rubric.scale_not_applicable")
def _(s: Say) -> str:
    return _rubric_at(s, f"scale_to_best does not apply to a {s['kind']} criterion (price is already scored against the "
                         "other bids; a penalty's best is 0)",
                      f"scale_to_best 不适用于 kind 为 {s['kind']} 的评分项（价格分已经是与其他投标比较得出的；扣分项的最高分是 0）")


@_template("rubric.items_missing")
def _(s: Say) -> str:
    kind = s["kind"]
    en = "a checklist" if kind == "checklist" else f"a {kind} criterion"
    return _rubric_at(s, f"{en} needs items: a non-empty list", f"kind 为 {kind} 的评分项需要 items：一个非空的列表")


@_template("rubric.grades_not_list")
def _(s: Say) -> str:
    return _rubric_at(s, "grades must be a non-empty list of {label, min, max} or {label, points}",
                      "grades 必须是非空的列表，每项为 {label, min, max} 或 {label, points}")


@_template("rubric.grade_points_and_range")
def _(s: Say) -> str:
    return _rubric_at(s, f"grade {s['index']} gives points and a range; expected one of them",
                      f"第 {s['index']} 个等级同时给了 points 和范围（min、max）；只能给其中一种")


@_template("rubric.grade_no_points")
def _(s: Say) -> str:
    return _rubric_at(s, f"grade {s['index']} needs points, or min and max", f"第 {s['index']} 个等级需要 points，或 min 和 max")


@_template("rubric.deduction_items_not_list")
def _(s: Say) -> str:
    return _rubric_at(s, "items must be a non-empty list of {label, field, points}",
                      "items 必须是非空的列表，每项为 {label, field, points}")


@_template("rubric.points_too_few")
def _(s: Say) -> str:
    return _rubric_at(s, "points must list at least two [x, y] pairs", "points 必须列出至少两个 [x, y] 点")


@_template("rubric.point_not_pair")
def _(s: Say) -> str:
    return _rubric_at(s, f"each point must be [x, y], found {_quoted(s['found'])}", f"每个点必须是 [x, y]，实际为 {_quoted(s['found'])}")


@_template("rubric.points_order")
def _(s: Say) -> str:
    from .values import point_x_text, points_text

    percent, points = s.get("percent", False), s.get("points")  # the reader's facts: how the rubric wrote them
    x, previous = point_x_text(s["x"], percent), point_x_text(s["previous"], percent)
    if points is not None and s["x"] == s["previous"]:  # 达到基础值得7分，否则不得分: no line jumps
        return _rubric_at(s, f"x values must be strictly increasing: {x} twice; a linear criterion cannot jump at one "
                             "x: score the jump with a checklist item beside it (see the reference, linear: a score "
                             "that jumps at a threshold)",
                          f"x 值必须严格递增：{x} 出现两次；线性插值不能在同一个 x 上跳变：请另设一个逐项得分（checklist）的条件项"
                          "给出跳变的分数（见评分标准参考文档“线性插值：在某个值上跳变的得分”）")
    ordered = sorted(points or (), key=lambda point: point[0])
    if ordered and len({x for x, _ in ordered}) == len(ordered):  # the standard's order (基础值 first): the same line
        listed = points_text(ordered, percent)
        return _rubric_at(s, f"x values must be strictly increasing: {x} after {previous}; list the points from the "
                             f"lowest x up: {listed}",
                          f"x 值必须严格递增：{previous} 之后是 {x}；请按 x 从小到大列出各点：{listed}")
    return _rubric_at(s, f"x values must be strictly increasing: {x} after {previous}",
                      f"x 值必须严格递增：{previous} 之后是 {x}")


@_template("rubric.point_outside")
def _(s: Say) -> str:
    y, top = number(s["y"]), number(s["range"][1])
    return _rubric_at(s, f"y {y} lies outside 0..{top}", f"y 值 {y} 超出 0..{top}")


@_template("rubric.tier_no_id")
def _(s: Say) -> str:
    return _rubric_at(s, f"tier {s['index']} needs an id", f"第 {s['index']} 个档次需要 id")


@_template("rubric.points_per_unit")
def _(s: Say) -> str:
    found = number(s["points_per_unit"])
    return _rubric_at(s, f"points_per_unit must be more than 0, found {found}", f"points_per_unit 必须大于 0，实际为 {found}")


@_template("rubric.item_points")
def _(s: Say) -> str:
    item, points = s["item"], number(s["points"])
    return _rubric_at(s, f"item {item} points must be more than 0, found {points}",
                      f"第 {item} 个条目的 points 必须大于 0，实际为 {points}")


@_template("rubric.item_field_twice")
def _(s: Say) -> str:
    return _rubric_at(s, f"field {s['field_id']!r} is counted by two items; expected one item per field",
                      f"字段 {s['field_id']!r} 被两个条目计数；每个字段只能对应一个条目")


@_template("rubric.step_not_positive")
def _(s: Say) -> str:
    return _rubric_at(s, f"step must be more than 0, found {number(s['step'])}", f"step 必须大于 0，实际为 {number(s['step'])}")


@_template("rubric.grade_twice")
def _(s: Say) -> str:
    label = s["grade"]
    return _rubric_at(s, f"grade {label.both()!r} is listed twice", f"等级 {label.zh!r} 列出了两次")


@_template("rubric.grade_reversed")
def _(s: Say) -> str:
    (low, high), name = s["range"], _grade(s, s["grade"], s["range"])
    return _rubric_at(s, f"grade {name} runs from {number(low)} down to {number(high)}",
                      f"等级 {name} 从 {number(low)} 降到 {number(high)}（下限大于上限）")


@_template("rubric.grade_outside")
def _(s: Say) -> str:
    name, top = _grade(s, s["grade"], s["range"]), number(s["max"])
    return _rubric_at(s, f"grade {name} lies outside 0..{top}", f"等级 {name} 超出 0..{top}")


@_template("rubric.grade_no_score")
def _(s: Say) -> str:
    name, step = _grade(s, s["grade"], s["range"]), number(s["step"] or Decimal(0))
    return _rubric_at(s, f"grade {name} leaves no score possible in steps of {step}",
                      f"等级 {name} 中没有按 {step} 分一档可以打的分数")


@_template("rubric.tier_no_score")
def _(s: Say) -> str:
    low, high = s["range"]
    tier, step = s["tier"], number(s["step"])
    return _rubric_at(s, f"tier {tier} ({number(low)}–{number(high)}) leaves no score possible in steps of {step}",
                      f"档次 {tier}（{number(low)}–{number(high)}）中没有按 {step} 分一档可以打的分数")


@_template("rubric.grades_overlap")
def _(s: Say) -> str:
    (low, high), (low_span, high_span) = s["grades"], s["ranges"]
    first, second = _grade(s, low, low_span), _grade(s, high, high_span)
    return _rubric_at(s, f"grades {first} and {second} overlap (they may share a boundary only)",
                      f"等级 {first} 与 {second} 重叠（两个等级最多共用一个边界分数）")


@_template("rubric.penalties_missing")
def _(s: Say) -> str:
    if s["method"] == "benchmark_deviation":
        return _rubric_at(s, "benchmark_deviation needs above_penalty and below_penalty (points per 1 %)",
                          "benchmark_deviation 需要 above_penalty 和 below_penalty（每偏离 1% 扣的分）")
    return _rubric_at(s, f"{s['method']} needs above_penalty and below_penalty (points per 1 % from the benchmark)",
                      f"{s['method']} 需要 above_penalty 和 below_penalty（与基准价每偏离 1% 扣的分）")


@_template("rubric.penalties_not_used")
def _(s: Say) -> str:
    return _rubric_at(s, "above_penalty and below_penalty belong to the methods benchmark_deviation and deviation only",
                      f"above_penalty 和 below_penalty 只用于 benchmark_deviation 和 deviation，不用于 {s['method']}")


_PRICE_RULES = {
    "non_negative": Label("必须不小于 0", "must be 0 or more"), "positive": Label("必须大于 0", "must be more than 0"),
    "rate": Label("必须不小于 0 且小于 1", "must be 0 or more and less than 1"),
    "share": Label("必须大于 0 且不大于 1", "must be more than 0 and at most 1"),
}


@_template("rubric.price_value")
def _(s: Say) -> str:
    key = s["key"]
    rule, found = _PRICE_RULES[s["rule"]], number(s[key])
    return _rubric_at(s, f"{key} {rule.en}, found {found}", f"{key} {rule.zh}，实际为 {found}")


@_template("rubric.sme_both")
def _(s: Say) -> str:
    return _rubric_at(s, "sme_deduction is either one rate or a table of categories, not both",
                      "sme_deduction 要么是一个扣除率，要么是按类别的扣除率表，不能两者都有")


@_template("rubric.sme_empty")
def _(s: Say) -> str:
    return _rubric_at(s, "sme_deduction must be a rate such as 0.10 or a non-empty list of categories {id, label, rate}",
                      "sme_deduction 必须是一个扣除率（如 0.10），或非空的类别列表，每项为 {id, label, rate}")


@_template("rubric.sme_category_id")
def _(s: Say) -> str:
    return _rubric_at(s, f"sme_deduction category {s['index']}: id must be a lower-case identifier such as small, "
                         f"found {s['category']!r}",
                      f"第 {s['index']} 个中小企业扣除类别：id 必须是小写的标识符，如 small，实际为 {s['category']!r}")


@_template("rubric.sme_category_twice")
def _(s: Say) -> str:
    return _rubric_at(s, f"sme_deduction category {s['category']!r} is listed twice",
                      f"中小企业扣除类别 {s['category']!r} 列出了两次")


@_template("rubric.sme_rate")
def _(s: Say) -> str:
    category, rate = s["category"], number(s["rate"])
    return _rubric_at(s, f"sme_deduction category {category!r}: rate must be 0 or more and less than 1, found {rate}",
                      f"中小企业扣除类别 {category!r}：rate 必须不小于 0 且小于 1，实际为 {rate}")


@_template("rubric.sme_name_twice")
def _(s: Say) -> str:
    category, name, other = s["category"], s["name"], s["other"]
    return _rubric_at(s, f"sme_deduction category {category!r}: {name!r} also names category {other!r}; expected each "
                         "category to be named only once",
                      f"中小企业扣除类别 {category!r}：{name!r} 也是类别 {other!r} 的名称；每个类别的名称只能用一次")


@_template("rubric.sme_named_no")
def _(s: Say) -> str:
    return _rubric_at(s, f"sme_deduction category {s['category']!r}: 否 / no means not an SME",
                      f"中小企业扣除类别 {s['category']!r}：“否”表示不是中小企业，不能用作类别名称")


@_template("rubric.benchmark_missing")
def _(s: Say) -> str:
    return _rubric_at(s, f"{s['method']} needs a benchmark: {{base: lowest | mean | trimmed_mean | ceiling_and_mean}}",
                      f"{s['method']} 需要评标基准价 benchmark：{{base: lowest | mean | trimmed_mean | ceiling_and_mean}}")


@_template("rubric.benchmark_not_used")
def _(s: Say) -> str:
    return _rubric_at(s, f"benchmark belongs to the methods ratio and deviation, not {s['method']}",
                      f"benchmark 只用于 ratio 和 deviation，不用于 {s['method']}")


@_template("rubric.rounding_not_used")
def _(s: Say) -> str:
    return _rubric_at(s, f"deviation_rounding belongs to the method deviation, not {s['method']}",
                      f"deviation_rounding 只用于 deviation，不用于 {s['method']}")


def _benchmark_key_of(s: Say, key: str, base: str) -> str:
    """A key of the benchmark given with a base other than the one it belongs to."""
    return _rubric_at(s, f"benchmark {key} belongs to the base {base}, not {s['base']}",
                      f"基准价的 {key} 只用于 {base}，不用于 {s['base']}")


@_template("rubric.coefficient")
def _(s: Say) -> str:
    found = number(s["coefficient"])
    return _rubric_at(s, f"benchmark coefficient must be more than 0, found {found}",
                      f"基准价的 coefficient 必须大于 0，实际为 {found}")


@_template("rubric.min_bids_not_used")
def _(s: Say) -> str:
    return _benchmark_key_of(s, "min_bids", "trimmed_mean")


@_template("rubric.min_bids_too_few")
def _(s: Say) -> str:
    least, found, trim = s["least"], s["min_bids"], s.get("trim", 1)
    en, zh = (("the highest and the lowest", "最高价和最低价") if trim == 1 else
              (f"the {trim} highest and the {trim} lowest", f" {trim} 个最高价和 {trim} 个最低价"))
    return _rubric_at(s, f"benchmark min_bids must be at least {least} (dropping {en} must leave a price), found {found}",
                      f"基准价的 min_bids 至少为 {least}（去掉{zh}后必须还有报价），实际为 {found}")


@_template("rubric.trim_too_few")
def _(s: Say) -> str:
    return _rubric_at(s, f"benchmark trim must be at least 1, found {s['trim']}",
                      f"基准价的 trim 至少为 1，实际为 {s['trim']}")


@_template("rubric.trim_not_used")
def _(s: Say) -> str:
    return _benchmark_key_of(s, "trim", "trimmed_mean")


@_template("rubric.ceiling_weight_missing")
def _(s: Say) -> str:
    return _rubric_at(s, "benchmark base ceiling_and_mean needs ceiling_weight (w in w × ceiling + (1 − w) × mean)",
                      "基准价 ceiling_and_mean 需要 ceiling_weight（w × 最高限价 + (1 − w) × 平均价中的 w）")


@_template("rubric.ceiling_weight_range")
def _(s: Say) -> str:
    found = number(s["ceiling_weight"])
    return _rubric_at(s, f"benchmark ceiling_weight must lie in 0..1, found {found}",
                      f"基准价的 ceiling_weight 必须在 0..1 之间，实际为 {found}")


@_template("rubric.ceiling_missing")
def _(s: Say) -> str:
    return _rubric_at(s, "benchmark base ceiling_and_mean needs the budget_ceiling it weighs",
                      "基准价 ceiling_and_mean 需要它所加权的最高限价 budget_ceiling")


@_template("rubric.ceiling_coefficient")
def _(s: Say) -> str:
    found = number(s["ceiling_coefficient"])
    return _rubric_at(s, f"benchmark ceiling_coefficient must be more than 0 and at most 1 (write 95% or 0.95, not 95), "
                         f"found {found}",
                      f"基准价的 ceiling_coefficient 必须大于 0 且不大于 1（写 95% 或 0.95，不写 95），实际为 {found}")


@_template("rubric.ceiling_coefficient_not_used")
def _(s: Say) -> str:
    return _benchmark_key_of(s, "ceiling_coefficient", "ceiling_and_mean")


@_template("rubric.ceiling_weight_not_used")
def _(s: Say) -> str:
    return _benchmark_key_of(s, "ceiling_weight", "ceiling_and_mean")


# -- the audit trail: what each entry's action is, and what verifying a chain found

_AUDIT_ACTIONS: dict[str, tuple[str, str]] = {
    "create_tender": ("create the tender", "新建招标项目"), "give_role": ("give a role", "分配角色"),
    "take_role": ("take a role back", "收回角色"), "set_hide_prices": ("seal prices (two envelopes)", "价格密封（双信封）"),
    "import_bids": ("import bids", "导入投标"), "replace_bids": ("replace bids", "替换投标"),
    "remove_bid": ("remove a bid", "删除投标"), "add_judge": ("add a judge", "添加评委"),
    "remove_judge": ("remove a judge", "移除评委"),
    "set_tier": ("set a tier", "定档"), "set_score": ("score", "打分"),
    "declare": ("declare a conflict of interest or none", "回避声明"), "replace_panel": ("replace the panel", "替换评标委员会"),
    "stage": ("change the stage", "变更阶段"), "submit": ("submit scores", "提交评分"),
    "finding": ("record a finding", "记录复核意见"), "consensus": ("enter a consensus score", "录入合议得分"),
    "void_finding": ("void a finding: the bid or score it was about went or changed",
                     "复核意见作废：其所针对的投标或评分已删除或变更"),
    "upload": ("upload files", "上传文件"), "add_document": ("add a bid document", "添加投标文件"),
    "remove_document": ("remove a bid document", "删除投标文件"),
    # the accounts' own trail
    "create_administrator": ("create the administrator", "创建管理员"), "create_account": ("create an account", "新建账户"),
    "set_active": ("switch an account on or off", "启用或停用账户"), "change_password": ("change the password", "修改密码"),
    "reset_password": ("reset a password", "重置密码"), "account_locked": ("lock an account after failed sign-ins",
                                                                      "登录失败过多，账户锁定"),
    "invite": ("send an invitation", "发出邀请"), "redeem_invitation": ("accept an invitation", "接受邀请"),
    "cancel_invitation": ("cancel an invitation", "取消邀请"),
    "link_external": ("link a single sign-on identity", "关联统一身份认证账号"),
}


def audit_actions() -> tuple[str, ...]:
    """Every audit action that has a name (tests name each in both languages)."""
    return tuple(_AUDIT_ACTIONS)


def audit_action(action: str, lang: str) -> str:
    """What an audit entry's action was, in words; an action without a name is shown as it is stored."""
    check_lang(lang)
    en, zh = _AUDIT_ACTIONS.get(action, (action, action))
    return zh if lang == "zh" else en


def audit_value(value: str | None, lang: str, action: str | None = None) -> str:
    """An audit entry's value as shown: itself, or what stands for a value withheld (:func:`bideval.audit.withheld`);
    in Chinese, the stage of a ``stage`` entry, the role of a ``give_role``/``take_role`` entry (its first word: a
    judge's seat follows it) and the outcome of a ``declare`` entry in words (app8 A8-5: ``setup`` → ``scoring``,
    ``judge``, ``no conflict`` stood on the Chinese page). The stored value itself is never changed.

    >>> audit_value("scoring", "zh", "stage"), audit_value("judge 王评委", "zh", "give_role")
    ('评分', '评委 王评委')
    >>> audit_value("no conflict", "zh", "declare"), audit_value("no conflict", "en", "declare")
    ('无利害关系', 'no conflict')

    The counts the store writes in an upload's, a panel replacement's or a removed seat's values are said in Chinese
    too (``6 accepted, 0 refused``; ``held by: wang; scores removed: -``); names and files in them stay as written.

    >>> audit_value("6 accepted, 1 refused; refused a.xlsx sha256=ab", "zh", "upload")
    '接受 6 个，拒绝 1 个；拒绝 a.xlsx sha256=ab'
    >>> audit_value("held by: wang; scores removed: -", "zh", "remove_judge")
    '持有人：wang；删除的评分：-'
    """
    from .audit import WITHHELD  # here: the audit trail's module brings SQLAlchemy, which evaluating needs not

    check_lang(lang)
    if value == WITHHELD:
        return "（最终结果前不显示）" if lang == "zh" else "(withheld until the result is final)"
    if value and lang == "zh" and action in _AUDIT_PHRASES:
        for pattern, said in _AUDIT_PHRASES_ZH:
            value = pattern.sub(said, value)
        return value
    if not value or lang != "zh" or action not in _AUDIT_WORDS:
        return value or ""
    words = _AUDIT_WORDS[action]()
    if value in words:
        return words[value]
    first, _, rest = value.partition(" ")
    return f"{words[first]} {rest}" if first in words else value


# The store's own phrases in the values of these actions' entries, and how the Chinese page says them
_AUDIT_PHRASES = frozenset({"upload", "remove_judge", "replace_panel"})
_AUDIT_PHRASES_ZH = tuple((re.compile(pattern), said) for pattern, said in (
    (r"\b(\d+) accepted, (\d+) refused", r"接受 \1 个，拒绝 \2 个"), (r"; refused ", "；拒绝 "),
    (r"\b(\d+) declarations, (\d+) scores\b", r"\1 项回避声明，\2 项评分"),
    (r"\b(\d+) judges, (\d+) scores\b", r"\1 名评委，\2 项评分"),
    (r"^held by: ", "持有人："), (r"; scores removed: ", "；删除的评分："), (r"^scores removed: ", "删除的评分："),
    (r"; removed judges: ", "；移除的评委："),
))


def _stage_words() -> dict[str, str]:
    from .workflow import STAGE_NAMES_ZH

    return {stage.value: name for stage, name in STAGE_NAMES_ZH.items()}


def _role_words() -> dict[str, str]:
    from .rights import ROLE_NAMES_ZH

    return {role.value: name for role, name in ROLE_NAMES_ZH.items()}


# The stored words of an entry's values, by its action, and how the Chinese page says them
_AUDIT_WORDS: dict[str, Callable[[], dict[str, str]]] = {
    "stage": _stage_words, "give_role": _role_words, "take_role": _role_words,
    "declare": lambda: {"conflict": "有利害关系（回避）", "no conflict": "无利害关系"},
}


def audit_verdict(verdict: Any, lang: str) -> str:
    """What verifying an audit chain found (an :class:`bideval.audit.Verdict`), naming the first broken entry."""
    s = Say({}, lang, ids=False)
    if verdict.ok:
        return s.t(f"The audit trail is intact: {verdict.entries} entries, every hash recomputed and matching.",
                   f"审计记录完整：共 {verdict.entries} 条，逐条重新计算的哈希值全部相符。")
    seq, expected = verdict.broken_seq, verdict.expected
    en, zh = {
        "missing": (f"entry {expected} is missing: entry {seq} follows where {expected} should be",
                    f"第 {expected} 条缺失：该位置上是第 {seq} 条"),
        "out_of_order": (f"the entries are out of order: entry {seq} stands where {expected} should be",
                         f"记录顺序被调换：第 {expected} 条的位置上是第 {seq} 条"),
        "link": (f"entry {seq} no longer links to the entry before it", f"第 {seq} 条与前一条的链接不符"),
        "content": (f"entry {seq} was changed after it was written", f"第 {seq} 条在写入后被修改"),
        "tail_removed": (f"entries after entry {verdict.entries} were removed (the chain's head records entry "
                         f"{expected})", f"第 {verdict.entries} 条之后的记录被删除（链头记录到第 {expected} 条）"),
    }.get(verdict.why, (verdict.problem, verdict.problem))
    return s.t(f"The audit trail is broken: {en}. The first broken entry is shown below; keep this verdict and "
               "compare it with the last one kept outside the database.",
               f"审计记录已被破坏：{zh}。下方标出第一条有问题的记录；请保存本结论，并与保存在数据库之外的上一次核验结果对照。")
