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

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping

from .labels import Label, Named, check_lang

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
        text = repr(value) if isinstance(value, str) else str(value)
        return text if len(text) <= 60 else text[:57] + "..."

    def kind(self, kind: Any) -> str:
        """A criterion kind in words."""
        value = getattr(kind, "value", kind)
        return KIND_LABELS[value].zh if self.zh else value


KIND_LABELS = {
    "gate": Label("资格审查", "gate"), "checklist": Label("清单计分", "checklist"), "count": Label("计数计分", "count"),
    "linear": Label("线性计分", "linear"), "tiered": Label("分档评分", "tiered"), "judged": Label("评委直接评分", "judged"),
    "price": Label("价格评分", "price"),
}


def number(value: Decimal | int | float) -> str:
    """A number as people write it (``16``, not ``16.0``)."""
    from .values import plain_number

    return plain_number(value if isinstance(value, Decimal) else Decimal(str(value)))


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
    """An error's code and facts: ``code``/``data`` of a coded error, or ``score.<reason>`` of a refusal with a reason."""
    if getattr(error, "code", ""):
        return error.code, error.data
    if getattr(error, "refusal", None) is not None:  # a score check_score refused, with its facts
        return "score.refused", {"refusal": error.refusal}  # type: ignore[attr-defined]
    reason = getattr(error, "reason", None)
    if isinstance(reason, str):
        return f"score.{reason}", vars(error)
    return "", {}


def reason_label(code: str, **data: Any) -> Label:
    """An invalid bid's reason text in both languages (:class:`bideval.result.Reason` keeps both)."""
    return Label(sentence(code, data, "zh"), sentence(code, data, "en"))


# -- what a cell should have held

@_template("text", _EXPECTED)
def _(s: Say) -> str:
    return str(s["text"])


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
    return _at_least_zero(s, "a whole number", "整数")


@_template("number", _EXPECTED)
def _(s: Say) -> str:
    return _at_least_zero(s, "a number", "数字")


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


@_template("percent", _EXPECTED)
def _(s: Say) -> str:
    return s.t("a percentage such as 96% (or a fraction 0..1 such as 0.96)",
               "百分比，如 96%（或 0 到 1 之间的小数，如 0.96）")


@_template("choice", _EXPECTED)
def _(s: Say) -> str:
    return s.t("one of ", "以下之一：") + s.join(s["choices"])


@_template("price_model", _EXPECTED)
def _(s: Say) -> str:
    if s.ids:
        return "a pricing model: " + ", ".join(f"{m.id} ({m.label.zh})" for m in s["models"])
    return s.t("a pricing model: ", "以下报价方式之一：") + s.join(s.label(m) for m in s["models"])


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
    return s.t(f"a score inside the agreed tier {s.tier(s['tier'])} for {s.name(s['criterion'])}",
               f"{s.name(s['criterion'])}已定档次{s.tier(s['tier'])}之内的得分")


@_template("grades", _EXPECTED)
def _(s: Say) -> str:
    from .allowed_scores import grades_text

    grades = grades_text(s["grades"], s.get("step"), s.lang)
    return s.t(f"a score allowed by the grades of {s.name(s['criterion'])}: {grades}",
               f"{s.name(s['criterion'])}的等级所允许的得分：{grades}")


@_template("refusal", _EXPECTED)
def _(s: Say) -> str:
    """What a score check_score refused should have been (``refusal``: a ScoreRefusal)."""
    from .allowed_scores import NOT_A_GRADE, OFF_STEP, OUTSIDE_TIER

    refusal = s["refusal"]
    criterion = refusal.criterion
    if refusal.reason == OUTSIDE_TIER and refusal.tier is not None:
        return _EXPECTED["score_in_tier"](s.with_data({"tier": refusal.tier, "criterion": criterion}))
    if refusal.reason in (NOT_A_GRADE, OFF_STEP):
        return _EXPECTED["grades"](s.with_data({"criterion": criterion, "grades": refusal.grades,
                                                "step": refusal.step}))
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
    return s.t(f"expected {expected}, found {s.found(s['found'])}", f"应为{expected}，实际为 {s.found(s['found'])}")


# -- files and folders

@_template("files.not_xlsx_suffix")
def _(s: Say) -> str:
    return s.t(f"not an .xlsx workbook ({s['suffix']} file); save it as .xlsx",
               f"不是 .xlsx 工作簿（{s['suffix']} 文件）；请另存为 .xlsx")


@_template("files.empty_folder")
def _(s: Say) -> str:
    return s.t("the folder holds no .xlsx workbook", "文件夹中没有 .xlsx 工作簿")


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
        return f"unknown field id {s['key']!r} in column A (expected one of the rubric's field ids{hint})"
    if s.zh:
        hint = f"；是否应为 {close.id}（{close.label.zh}）？" if close else ""
        return f"A 列的字段代码 {s['key']!r} 不是本评分标准的字段{hint}"
    hint = f"; did you mean {close.id} ({close.label.en})?" if close else ""
    return f"column A holds {s['key']!r}, which is not a field id of this rubric{hint}"


@_template("bids.field_twice")
def _(s: Say) -> str:
    return s.t(f"field {s.name(s['field_twice'])} appears twice (also in {s['also']})",
               f"字段{s.name(s['field_twice'])}出现两次（另见 {s['also']}）")


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


@_template("bids.unknown_header")
def _(s: Say) -> str:
    close = s.get("suggestion")
    if s.ids:
        return (f"unknown column header {s['title']!r} (expected a field id or label"
                + (f"; did you mean {close!r}?" if close else "") + ")")
    hint = s.t(f"; did you mean {close!r}?", f"；是否应为 {close!r}？") if close else ""
    return s.t(f"unknown column header {s['title']!r} (expected a field id or label{hint})",
               f"未知的列名 {s['title']!r}（应为字段代码或字段名称{hint}）")


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


@_template("bids.no_rows")
def _(s: Say) -> str:
    return s.t("a header row but no bid rows", "只有表头，没有投标行")


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


@_template("panel.missing_column")
def _(s: Say) -> str:
    found = s.join(repr(t) for t in s["found"]) or s.t("none", "无")
    headers = " or ".join(s["headers"]) if not s.zh else "、".join(s["headers"])
    return s.t(f"expected a column {s.name(s['heading'])} (headed {headers}) in the header row, found: {found}",
               f"表头行中应有{s.name(s['heading'])}列（列名为 {headers} 之一），实际表头：{found}")


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
               f"{s.name(s['criterion'])}是{s.kind(s['kind'])}项，没有档次；应为分档评分项（{s.criteria(s['tiered'])}）")


@_template("panel.not_panel")
def _(s: Say) -> str:
    return s.t(f"{s.name(s['criterion'])} is a {s.kind(s['kind'])} criterion, computed from the bid and never "
               f"scored by a judge; expected a panel criterion ({s.criteria(s['panel'])})",
               f"{s.name(s['criterion'])}是{s.kind(s['kind'])}项，由投标内容计算得出，评委不打分；"
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


@_template("panel.scored_twice")
def _(s: Say) -> str:
    return s.t(f"{s['judge']} already scored {s['vendor_id']} on {s.name(s['criterion'])} at {s['at']}; "
               "expected one row per judge, vendor and criterion",
               f"{s['judge']} 已在 {s['at']} 给 {s['vendor_id']} 的{s.name(s['criterion'])}打过分；"
               "每位评委对每家投标的每个评分项只应有一行")


@_template("panel.no_tier")
def _(s: Say) -> str:
    return s.t(f"no tier agreed for {s['vendor_id']} on {s.name(s['criterion'])}: expected the panel to record it "
               f"on the {s['tiers_sheet']} sheet ({s.tiers(s['tiers'])}) before scoring, found score {number(s['score'])}",
               f"{s['vendor_id']} 的{s.name(s['criterion'])}尚未定档：须先在工作表 {s['tiers_sheet']} 中定档"
               f"（{s.tiers(s['tiers'])}）再打分，实际已打分 {number(s['score'])}")


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
    tier = s["tier"]
    given = s.join(f"{judge}{s.t(': ', '：')}{score}" for judge, score in s["scores"])
    if s.ids:
        return (f"scores already given lie outside {tier.id} ({tier.min}–{tier.max}): {given}; "
                "those judges must change them first")
    return s.t(f"cannot set {s.tier(tier)}: the scores already given ({given}) lie outside that range; "
               "those judges must change them first",
               f"不能定为{s.tier(tier)}：已给出的评分（{given}）不在该档范围内，须先由这些评委修改评分")


@_template("score.outside_range")
def _(s: Say) -> str:
    low, high = s["allowed"]
    typed = s["typed"]
    tier = s.get("tier")
    if s.ids:
        return f"{typed} is outside the allowed range {low}–{high}"
    span = f"{number(low)}–{number(high)}"
    if tier is not None and not isinstance(tier, str):
        return s.t(f"{typed} is outside the allowed range {span} (agreed tier: {s.label(tier)}); not saved",
                   f"{typed} 超出允许范围 {span}（已定档次：{s.label(tier)}），未保存")
    return s.t(f"{typed} is outside the allowed range {span}; not saved", f"{typed} 超出允许范围 {span}，未保存")


@_template("score.not_a_number")
def _(s: Say) -> str:
    return s.t(f"{s['typed']!r} is not a number; not saved", f"“{s['typed']}”不是数字，未保存")


@_template("score.refused")
def _(s: Say) -> str:
    """A score check_score refused (``refusal``: a ScoreRefusal with the reason, range, tier and grades)."""
    from .allowed_scores import NO_TIER, NOT_A_GRADE, NOT_PANEL, OFF_STEP, grades_text

    refusal = s["refusal"]
    criterion = refusal.criterion
    if refusal.reason == NOT_PANEL:
        return s.t(f"{s.name(criterion)} is not a criterion the panel scores", f"{s.name(criterion)}不是评委打分的评分项")
    if refusal.reason == NO_TIER:
        return _TEMPLATES["score.no_tier"](s.with_data({"criterion": criterion}))
    score = number(refusal.score) if refusal.score is not None else ""
    if refusal.reason in (NOT_A_GRADE, OFF_STEP):
        grades = grades_text(refusal.grades, refusal.step, s.lang)
        return s.t(f"{score} is not a score the grades of {criterion.name.en} allow: {grades}",
                   f"{score} 不是 {criterion.name.zh} 的等级所允许的得分：{grades}")
    low, high = number(refusal.low or 0), number(refusal.high or 0)
    return s.t(f"{score} is outside the allowed range {low}–{high}", f"{score} 超出允许范围 {low}–{high}")


@_template("score.not_a_grade_choice")
def _(s: Say) -> str:
    from .allowed_scores import grades_text

    grades = grades_text(s["grades"], s.get("step"), s.lang) if s["grades"] or s.get("step") else ""
    return s.t(f"{s['choice']!r} is not a grade of this criterion ({grades or 'it has no grades'}); not saved",
               f"“{s['choice']}”不是该评分项的等级（{grades or '本项不分等级'}），未保存")


@_template("score.negative")
def _(s: Say) -> str:
    low, high = (number(v) for v in s["allowed"])
    return s.t(f"{s['typed']} is negative; scores run from {low} to {high}; not saved",
               f"{s['typed']} 是负数；得分范围为 {low}–{high}，未保存")


@_template("score.too_many_decimals")
def _(s: Say) -> str:
    return s.t(f"{s['typed']} has more than {s['decimals']} decimal place(s); the rubric keeps scores to "
               f"{s['decimals']}; not saved",
               f"{s['typed']} 的小数位超过 {s['decimals']} 位（评分标准保留 {s['decimals']} 位小数），未保存")


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


@_template("score.no_bid")
def _(s: Say) -> str:
    return s.t(f"no bid from {s['vendor_id']} in this tender", f"本项目中没有 {s['vendor_id']} 的投标")


@_template("store.no_tender")
def _(s: Say) -> str:
    return s.t(f"no tender {s['tender']}", f"没有编号为 {s['tender']} 的招标项目")


@_template("store.judge_needs_name")
def _(s: Say) -> str:
    return s.t("a judge needs a name", "评委须有姓名")


@_template("cli.judge_not_listed")
def _(s: Say) -> str:
    return s.t(f"{s['file']}: judge {s['judge']!r} is not on the Judges sheet ({', '.join(s['members'])})",
               f"{s['file']}：评委“{s['judge']}”不在工作表 Judges 中（{s.join(s['members'])}）")


# -- why a bid is invalid (the JSON keeps ``code: text``; these are the texts)

@_template("reason.gate_blank")
def _(s: Say) -> str:
    return s.t(f"{s.label(s['field'])}: not stated", f"{s.label(s['field'])}：未填写")


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


@_template("reason.price_not_positive")
def _(s: Say) -> str:
    from .values import money_text

    if s.get("currency", "CNY") != "CNY":
        quoted = _money(s, s["quoted"])
        return s.t(f"quoted price {quoted} is not above 0", f"投标报价 {quoted}不大于零")
    quoted = money_text(s["quoted"])
    return s.t(f"quoted price {quoted} is not above 0", f"投标报价 {quoted} 元不大于零")


@_template("reason.above_budget_ceiling")
def _(s: Say) -> str:
    from .values import money_text

    if s.get("currency", "CNY") != "CNY":
        quoted, ceiling = _money(s, s["quoted"]), _money(s, s["ceiling"])
        return s.t(f"quoted price {quoted} is above the budget ceiling {ceiling}",
                   f"投标报价 {quoted}超过最高限价 {ceiling}")
    quoted, ceiling = money_text(s["quoted"]), money_text(s["ceiling"])
    return s.t(f"quoted price {quoted} is above the budget ceiling {ceiling}",
               f"投标报价 {quoted} 元超过最高限价 {ceiling} 元")


def _money(s: Say, amount: Decimal) -> str:
    """An amount in the tender's (not yuan) currency: ``$600,000.00``, ``600,000.00 美元``."""
    from .currency import money_amount

    return money_amount(amount, s["currency"], s.lang)
