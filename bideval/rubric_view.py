"""The rubric as people read it: one row per criterion, with its rule in words.

Shared by ``bideval check``, the workbook's Rubric sheet and the app.
"""
from __future__ import annotations

from decimal import Decimal

from .allowed_scores import grades_text, noted, step_text
from .currency import currency, money_amount, money_unit
from .labels import KIND_NAMES, Label
from .pricing import PricingModel, Unit, percent_text, unit_ceilings_text, unit_months_text
from .groups import Group
from .benchmark import BenchmarkRule, DeviationRounding, benchmark_formula
from .text_table import text_table
from .rubric import (Aggregate, Checklist, Condition, Count, Criterion, Deduction, Gate, FormulaPrice, Kind, Linear, Op,
                     PanelRules, PenalisedPrice, Penalty, Price, PriceMethod, RatioPrice, RelativeToLowestPrice, Rubric,
                     SharedCap, Judged, Tiered)
from .values import FieldType, grouped_number, money_text, plain_number, point_x_text, value_text

METHOD_LABELS = {  # the price methods as people call them
    PriceMethod.LOWEST_RATIO: Label("低价优先法", "Lowest price ratio"),
    PriceMethod.LINEAR_MINMAX: Label("最低最高价线性插值法", "Linear between lowest and highest"),
    PriceMethod.BENCHMARK_DEVIATION: Label("基准价偏差法", "Deviation from the benchmark"),
    PriceMethod.RATIO: Label("基准价比值法", "Ratio to the benchmark"),
    # no word of rounding: |d| is pro rata unless deviation_rounding says otherwise, which the rule line states
    PriceMethod.DEVIATION: Label("基准价偏差法", "Deviation from the benchmark B"),
    PriceMethod.RELATIVE_TO_LOWEST: Label("相对最低价法", "Relative to the lowest price"),
}
# What the two ways of taking points off do (docs/rubrics.md): a deduction takes them off its own max, never below 0; a
# penalty off its group's subtotal, which scaling and weighting then carry to the total (report6 D6-2).
_KIND_DOES = {Kind.DEDUCTION: Label("扣完为止", "down to 0"), Kind.PENALTY: Label("从本组小计扣除", "off its group's subtotal")}


def _kind_label(kind: Kind) -> Label:
    """A kind as the rubric's table shows it: its short name, and what a deduction and a penalty do."""
    name, does = KIND_NAMES[kind.value], _KIND_DOES.get(kind)
    return Label(f"{name.zh}（{does.zh}）", f"{name.en} ({does.en})") if does else name


KIND_LABELS = {kind: _kind_label(kind) for kind in Kind}
AGGREGATE_LABELS = {
    Aggregate.MEAN: Label("平均值", "mean"),
    Aggregate.TRIMMED_MEAN: Label("去掉最高分和最低分后的平均值", "trimmed mean"),
    Aggregate.CONSENSUS: Label("合议", "consensus"),
}


def aggregate_text(panel: PanelRules, lang: str) -> str:
    """How the judges' scores are combined, in words: ``去掉最高分和最低分各1个后的平均值（评委不少于5名时；否则为平均值）``."""
    label = AGGREGATE_LABELS[panel.aggregate].text(lang)
    if panel.aggregate is not Aggregate.TRIMMED_MEAN:
        return label
    trim, least = panel.trim, panel.min_judges_for_trim
    return (f"去掉最高分和最低分各{trim}个后的平均值（评委不少于{least}名时；否则为平均值）" if lang == "zh" else
            f"trimmed mean: the {trim} highest and {trim} lowest dropped (with at least {least} judges; "
            "otherwise the mean)")


HEADERS = {
    "zh": ("编号", "评分项", "类别", "方式", "分值", "评分规则"),
    "en": ("id", "criterion", "group", "kind", "max", "rule"),
}




def criterion_rule(criterion: Criterion, rubric: Rubric, lang: str, by_label: bool = False) -> str:
    """The criterion's scoring rule in one line, with its own rounding when it has one.

    ``by_label``: fields, criteria, shared caps and price methods by their labels, never by id (a filed
    document such as the evaluation report); otherwise by id, as ``check`` prints them.
    """
    rule = _rule(criterion, rubric, lang, by_label)
    if criterion.decimals is not None:
        rule += (f"；保留{criterion.decimals}位小数" if lang == "zh" else
                 f"; rounded to {criterion.decimals} decimal place{'' if criterion.decimals == 1 else 's'}")
    if criterion.scale_to_best:
        top = plain_number(criterion.max)
        rule += (f"；按最高分折算：得分最高者得{top}分，其余为 {top} × 得分 / 最高得分" if lang == "zh" else
                 f"; scaled to the best: the best bid gets {top}, the others {top} × score / the best score")
    cap = rubric.cap_of(criterion.id)
    if cap is not None:
        others = [c for c in cap.criteria if c != criterion.id]
        if by_label:
            names = ("、" if lang == "zh" else ", ").join(rubric.criterion_index[c].name.text(lang) for c in others)
            rule += (f"；与{names}合计最高{plain_number(cap.max)}分（{cap.label.zh}）" if lang == "zh" else
                     f"; together with {names} at most {plain_number(cap.max)} ({cap.label.en})")
        else:
            rule += (f"；与 {', '.join(others)} 合计最高{plain_number(cap.max)}分（{cap.id}）" if lang == "zh" else
                     f"; together with {', '.join(others)} at most {plain_number(cap.max)} ({cap.id})")
    return rule


def field_name(rubric: Rubric, field_id: str, lang: str, by_label: bool) -> str:
    """A bid field as a rule names it: by id (``check``), or by its label in ``lang``."""
    field = rubric.field_index.get(field_id) if by_label else None
    return field_id if field is None else field.label.text(lang)


_OP_WORDS = {Op.EQ: Label("为", "is"), Op.NE: Label("不为", "is not"), Op.IN: Label("为以下之一：", "is one of")}


def condition_text(condition: Condition, rubric: Rubric, lang: str, by_label: bool = False) -> str:
    """A gate's condition in words, each value as the bid form's answer reads (:func:`value_text`: 是/否 or yes/no,
    90%): ``operation_mode in 驻场运营, 离场运营`` by id, ``经营模式为以下之一：驻场运营、离场运营`` by label."""
    field = rubric.field_index.get(condition.field)
    if condition.op is Op.TRUTHY:
        return field_name(rubric, condition.field, lang, True) if by_label else condition.field
    values = condition.value if condition.op is Op.IN else (condition.value,)
    texts = [str(v) if field is None else value_text(field, v, lang) for v in values]
    if not by_label:
        return f"{condition.field} {condition.op.value} {', '.join(texts)}"
    name = field_name(rubric, condition.field, lang, True)
    shown = ("、" if lang == "zh" else ", ").join(texts)
    word = _OP_WORDS.get(condition.op)
    if word is None:  # a comparison: the sign says it in both languages
        return f"{name} {condition.op.value} {shown}"
    return f"{name}{word.zh}{shown}" if lang == "zh" else f"{name} {word.en} {shown}"


def cap_rule(cap: SharedCap, lang: str) -> str:
    """A shared cap in words, with how the points over it are attributed."""
    parts = " + ".join(cap.criteria)
    if lang == "zh":
        return (f"{cap.id} {cap.label.zh}：{parts} 合计最高{plain_number(cap.max)}分"
                "（超出部分从排在后面的评分项中扣除）")
    return (f"{cap.id} {cap.label.en}: {parts} together at most {plain_number(cap.max)} "
            "(the points over the cap come off the criteria listed last)")


def _rule(criterion: Criterion, rubric: Rubric, lang: str, by_label: bool = False) -> str:
    c = criterion
    zh = lang == "zh"
    sep = "；" if zh else "; "  # a Chinese rule is punctuated in Chinese, every key and id aside
    if isinstance(c, Gate):
        reason = c.failure.text(lang)
        when = condition_text(c.when, rubric, lang, by_label or zh)  # in Chinese by label, as a field's rule is
        return when + (f"（{reason}）" if zh else f" ({reason})")
    if isinstance(c, Checklist):
        items = sep.join(f"{i.label.text(lang)} +{plain_number(i.points)}" for i in c.items)
        cap = f"最高{plain_number(c.max)}分" if zh else f"capped at {plain_number(c.max)}"
        return f"{items}{sep}{cap}"
    if isinstance(c, Count):
        field = field_name(rubric, c.field, lang, by_label or zh)  # the English table keeps the id for scripts
        return f"{plain_number(c.points_per_unit)} × {field}" + (f"，最高{plain_number(c.max)}分" if zh
                                                              else f", at most {plain_number(c.max)}")
    if isinstance(c, Linear):
        target = rubric.field_index.get(c.field)
        percent = target is not None and target.type is FieldType.PERCENT  # 1.05% as the standard writes it, not 0.0105
        points = " → ".join(f"({point_x_text(x, percent)}, {plain_number(y)})" for x, y in c.points)
        return f"{field_name(rubric, c.field, lang, by_label or zh)}" + (f"：{points}，两端封顶" if zh else f": {points}, clamped")
    if isinstance(c, Deduction):
        return deduction_rule(c, lang, rubric if by_label else None, rubric.group(c.group))
    if isinstance(c, Tiered):
        tiers = sep.join(f"{t.label.text(lang)} {plain_number(t.min)}–{plain_number(t.max)}" for t in c.tiers)
        if c.step is None:
            return tiers
        return noted(tiers, step_text(c.step, lang), lang)
    if isinstance(c, Judged) and (c.grades or c.step is not None):
        grades = grades_text(c.grades, c.step, lang)
        if c.grades:
            return f"评委按等级打分：{grades}" if zh else f"each judge scores a grade: {grades}"
        return f"0–{plain_number(c.max)}" + (f"（{grades}）" if zh else f" ({grades})")
    if not isinstance(c, Price):
        return f"0–{plain_number(c.max)}"  # judged
    if isinstance(c, FormulaPrice):
        parts = [price_method_rule(c, lang)]  # the penalties are in the method's words
    else:
        # `check` names the method by its key (the English table is read by scripts); the Chinese says it in words
        method = METHOD_LABELS[c.method]
        parts = [method.text(lang) if by_label else f"{method.zh}（{c.method.value}）" if zh else c.method.value]
        if isinstance(c, PenalisedPrice):
            above, below = plain_number(c.above_penalty), plain_number(c.below_penalty)
            parts.append(f"高于基准价每1%扣{above}分，低于每1%扣{below}分" if zh else
                         f"−{above} per 1 % above the benchmark, −{below} per 1 % below" if by_label else
                         f"above_penalty {above}, below_penalty {below}")
    if c.budget_ceiling is not None:
        parts.append(("最高限价 " if zh else "budget ceiling ") + _amount(c.budget_ceiling, rubric, lang))
    unit_ceilings = unit_ceilings_text(rubric.pricing.demand, lang, rubric.currency)
    if unit_ceilings:  # beside the total ceiling: a bid above either is invalid
        parts.append(unit_ceilings)
    if PricingModel.DISCOUNT_RATE in rubric.pricing.models:  # what is scored is Q, worked out from the rate
        parts.append(_discount_rule(rubric, lang))
    if c.sme_deduction is not None:
        parts.append(("中小企业扣除 " if zh else "SME deduction ") + f"{plain_number(c.sme_deduction * 100)}%")
    if c.sme_categories:
        parts.append(sme_categories_rule(c, lang))
    if c.abnormal_low_share is not None:
        share = plain_number(c.abnormal_low_share * 100)
        if zh:
            parts.append(f"异常低价：低于平均评审价格的 {share}%")
        elif by_label:
            parts.append(f"abnormally low: below {share}% of the mean evaluated price")
        else:
            parts.append(f"abnormal low < {share}% × mean")
    return sep.join(parts)


def price_method_rule(c: FormulaPrice, lang: str) -> str:
    """The methods ratio, deviation and relative_to_lowest in words, with how B is formed (issue 7, item 3)."""
    zh = lang == "zh"
    top = plain_number(c.max)
    if isinstance(c, RelativeToLowestPrice):
        return (f"相对最低价法：{top} × (1 − (E − E最低) / E最低)，最低0分" if zh else
                f"relative to the lowest: {top} × (1 − (E − E_min) / E_min), never below 0")
    b = benchmark_rule_text(c.benchmark, lang)
    if isinstance(c, RatioPrice):
        return (f"比值法：{top} × B / E，最高{top}分；{b}" if zh else f"ratio: {top} × B / E, at most {top}; {b}")
    above, below = plain_number(c.above_penalty), plain_number(c.below_penalty)
    counted = {
        DeviationRounding.NONE: ("按比例计", "pro rata"),
        DeviationRounding.UP: ("偏差不足1%按1%计（向上取整到整数百分比）", "|d| rounded up to a whole percent"),
        DeviationRounding.HALF_UP: ("偏差四舍五入到整数百分比", "|d| rounded half-up to a whole percent"),
        DeviationRounding.HALF_UP_2DP: ("偏差率四舍五入保留两位小数", "|d| rounded half-up to 2 decimals of a percent"),
    }[c.deviation_rounding]
    if zh:
        return (f"偏差法：等于B得{top}分，每高于B 1%扣{above}分，每低于B 1%扣{below}分，{counted[0]}，扣完为止；{b}")
    return (f"deviation: {top} at B, −{above} per 1 % above B, −{below} per 1 % below, {counted[1]}, "
            f"never below 0; {b}")


def sme_categories_rule(c: Price, lang: str) -> str:
    """A table of SME deduction rates in words: ``SME deduction by category: small enterprise: 10%, …``."""
    zh = lang == "zh"
    # a separator between a category's label and its rate: "… at least 30 % 4%" read as one figure (report6 D6-10)
    rates = [f"{cat.label.text(lang)}{'：' if zh else ': '}{plain_number(cat.rate * 100)}%" for cat in c.sme_categories]
    if zh:
        return "中小企业按类别扣除：" + "、".join(rates) + "（E = Q × (1 − 扣除比例)）"
    return "SME deduction by category: " + ", ".join(rates) + " (E = Q × (1 − rate))"


def benchmark_rule_text(rule: BenchmarkRule, lang: str) -> str:
    """How the rubric forms B, in words: ``benchmark B = (0.3 × the budget ceiling + 0.7 × the mean …) × 0.8, rounded
    to the cent`` (the formula is :func:`~bideval.benchmark.benchmark_formula`'s, as every explanation of B)."""
    formula = benchmark_formula(rule, lang)
    return f"评标基准价B = {formula}，四舍五入到分" if lang == "zh" else f"benchmark B = {formula}, rounded to the cent"


def deduction_rule(c: Deduction, lang: str, rubric: Rubric | None = None, group: Group | None = None) -> str:
    """扣分制 and penalties in words: each item's points per occurrence (and the field that counts it: by id, or
    by label when ``rubric`` is given), and the floor. A penalty comes off its group's raw subtotal: in a group
    that is scaled or weighted (``group``) the text says so, since less than its points then comes off the total
    (report6 D6-2)."""
    top = plain_number(c.max)
    off_zh, off_en = "从总分中扣除", "taken off the total"
    if group is not None and (group.scale_to is not None or group.weight is not None):
        steps = [step for step, on in ((("折算", "scaling"), group.scale_to is not None),
                                       (("加权", "weighting"), group.weight is not None)) if on]
        off_zh = f"从“{group.label.zh}”小计中扣除（在{'和'.join(z for z, _ in steps)}之前）"
        off_en = f"taken off the {group.label.en} subtotal before {' and '.join(e for _, e in steps)}"

    def counted_by(field: str) -> str:
        return field if rubric is None else field_name(rubric, field, lang, True)

    if lang == "zh":
        items = "；".join(f"每项“{i.label.zh}”扣{plain_number(i.points)}分（{counted_by(i.field)}）" for i in c.items)
        return (f"{items}；最多扣{top}分，{off_zh}" if isinstance(c, Penalty)
                else f"满分{top}分，{items}；扣完为止")
    items = ", ".join(f"{plain_number(i.points)} per {i.label.en} ({counted_by(i.field)})" for i in c.items)
    return (f"{items}, {off_en}, at most {top}" if isinstance(c, Penalty)
            else f"{top} less {items}; not below 0")


def max_text(c: Criterion) -> str:
    """The max as the rubric table shows it: 30, −6 for a penalty, nothing for a gate."""
    if not c.is_scored:
        return ""
    return f"−{plain_number(c.max)}" if isinstance(c, Penalty) else plain_number(c.max)


def rubric_rows(rubric: Rubric, lang: str = "zh", by_label: bool = False) -> list[tuple[str, ...]]:
    """One row per criterion: id, name, group, kind, max, rule (its fields by label when ``by_label``)."""
    return [
        (c.id, c.name.text(lang), rubric.group(c.group).label.text(lang), KIND_LABELS[c.kind].text(lang),
         max_text(c), criterion_rule(c, rubric, lang, by_label))
        for c in rubric.criteria
    ]


def group_lines(rubric: Rubric, lang: str) -> list[str]:
    """The declared groups' rules in words — pass marks, scaling, weights — and how the total is formed."""
    if not rubric.has_group_rules:
        return []
    zh = lang == "zh"
    lines = ["", "分组：" if zh else "groups:"]
    for g in rubric.groups:
        lines.append(f"  {rubric.group(g).label.text(lang)} ({g})" + ("：" if zh else ": ") + group_rule(rubric, g, lang))
    parts = []
    for g in rubric.groups:
        group = rubric.group(g)
        name = group.label.text(lang)
        parts.append(name if group.weight is None else f"{plain_number(group.weight)} × {name}")
    lines.append(("总分 = " if zh else "total = ") + " + ".join(parts)
                 + ("（各项四舍五入后相加）" if zh and any(rubric.group(g).weight for g in rubric.groups) else "")
                 + (" (each part rounded, then added)" if not zh and any(rubric.group(g).weight for g in rubric.groups)
                    else ""))
    return lines


def group_rule(rubric: Rubric, group_id: str, lang: str) -> str:
    """One group's rules in words: its max, pass mark, scaling to the best and weight."""
    zh = lang == "zh"
    g = rubric.group(group_id)
    top = plain_number(rubric.group_raw_max(group_id))
    parts = [f"满分 {top}" if zh else f"max {top}"]
    if g.pass_mark is not None:
        mark = plain_number(g.pass_mark)
        given = mark  # 42 (60% of 70): the rubric's share, and the points it comes to
        if g.pass_share is not None:
            share = plain_number(g.pass_share * 100)
            given += f"（满分 {top} 的 {share}%）" if zh else f" ({share}% of {top})"
        parts.append(f"及格分 {given}：低于 {mark} 分的投标不再参加后续评审、价格评审和排名" if zh else
                     f"pass mark {given}: a bid below it takes no part in the later groups, the price evaluation "
                     "or the ranking")
    if g.scale_to is not None:
        to = plain_number(g.scale_to)
        parts.append(f"按最高分折算：得分最高者得 {to} 分，其余为 {to} × 本组得分 / 最高得分" if zh else
                     f"scaled to the best: the best bid gets {to}, the others {to} × their subtotal / the best")
    if g.weight is not None:
        parts.append(f"权重 {plain_number(g.weight)}" if zh else f"weight {plain_number(g.weight)}")
    return "；".join(parts) if zh else "; ".join(parts)


def describe_rubric(rubric: Rubric, lang: str = "zh") -> str:
    """The whole rubric as text: title, settings, criteria table and pricing."""
    head = f"{rubric.title.text(lang)} ({rubric.id})"
    total = plain_number(rubric.max_total)
    if lang == "zh":
        lines = [head, f"满分 {total}；保留 {rubric.decimals} 位小数；推荐候选人 {rubric.candidates} 名；"
                       f"评委汇总：{aggregate_text(rubric.panel, lang)}"]
    else:
        candidates = f"{rubric.candidates} candidate{'' if rubric.candidates == 1 else 's'}"  # 1 candidate, 3 …s
        lines = [head, f"total {total}; {rubric.decimals} decimals; {candidates}; "
                       f"panel aggregate: {rubric.panel.aggregate.value}"]
    if rubric.currency != "CNY":  # yuan is the default and goes unsaid
        money = currency(rubric.currency)
        lines[1] += (f"；币种：{money.title.zh}（{money.code}），金额只接受该币种的写法" if lang == "zh"
                     else f"; currency: {money.title.en} ({money.code}), amounts in its notation only")
    lines += ["", text_table(HEADERS[lang], rubric_rows(rubric, lang))]
    if rubric.caps:
        lines += ["", "共享上限：" if lang == "zh" else "shared caps:"]
        lines += [f"  {cap_rule(cap, lang)}" for cap in rubric.caps]
    lines += group_lines(rubric, lang)
    lines += ["", pricing_line(rubric, lang)]
    demand = demand_line(rubric, lang)
    if demand:
        lines.append(demand)
    return "\n".join(lines)


_DEMAND_WORDS = {"months": "月数", "seats": "席位数", "calls_per_month": "每月话务量", "sales_per_month": "每月销售额",
                 "devices": "设备数", "discount_base": "下浮基数", "min_discount": "最低下浮率"}


def _amount(value: Decimal, rubric: Rubric, lang: str) -> str:
    """An amount of the rubric's own: in English yuan stay the figure alone, as always; in Chinese 元 as every other
    amount (report6 D6-8)."""
    return (money_text(value) if rubric.currency == "CNY" and lang != "zh"
            else money_amount(value, rubric.currency, lang))


def _discount_rule(rubric: Rubric, lang: str) -> str:
    """How a 下浮率 bid's quote is reached, and the least rate: ``下浮率报价：报价 = 1,200,000.00 元 × (1 − 下浮率)，
    下浮率不低于 5%``."""
    demand = rubric.pricing.demand
    base = _amount(demand.figure("discount_base"), rubric, lang)
    least = "" if demand.min_discount is None else percent_text(demand.min_discount)
    if lang == "zh":
        return f"下浮率报价：报价 = {base} × (1 − 下浮率)" + (f"，下浮率不低于 {least}" if least else "")
    return f"discount rate: quote = {base} × (1 − rate)" + (f", rate at least {least}" if least else "")


def pricing_line(rubric: Rubric, lang: str) -> str:
    """The pricing models bids may choose: ``报价方式：总价包干（lump_sum）、…`` / ``pricing models: lump_sum (Lump sum), …``."""
    if lang == "zh":
        return "报价方式：" + "、".join(f"{m.label.zh}（{m.value}）" for m in rubric.pricing.models)
    return "pricing models: " + ", ".join(f"{m.value} ({m.label.en})" for m in rubric.pricing.models)


def _unit_figure(unit: Unit, lang: str) -> str:
    """A unit's count as the demand shows it: ``28,000 平方米``, ``2 辆（30 个月）``; English keeps the figure alone (its
    per word is a singular noun: 6 person), with its own months when fewer than the contract's (author7 A7-2)."""
    name = unit.name
    figure = grouped_number(unit.count) + (f" {name.per.zh}" if lang == "zh" and name and name.per else "")
    return figure + ("" if unit.months is None else unit_months_text(unit.months, lang))


# The demand's figures as the tenders page names them; {money} is the tender's currency as an amount's unit.
DEMAND_LABELS = {
    "months": Label("合同月数", "Months"), "seats": Label("席位数", "Seats"),
    "calls_per_month": Label("每月呼入量（通）", "Calls per month"),
    "sales_per_month": Label("每月销售额（{money}）", "Sales per month ({money})"),
    "devices": Label("设备台数", "Devices"), "discount_base": Label("下浮基数（{money}）", "Discount base ({money})"),
    "min_discount": Label("最低下浮率", "Least discount rate"),
}


def demand_rows(rubric: Rubric, lang: str) -> list[tuple[str, str]]:
    """The demand as (name, figure) rows: each figure by its name, an amount named in the tender's currency, each unit
    by its label in ``lang`` (the id when it has none): ``("下浮基数（美元）", "1,200,000")``, ``("19座中型客车", "2 辆（30 个月）")``."""
    demand = rubric.pricing.demand
    money = money_unit((), rubric.currency, lang).label  # an amount shown in full: 元 / CNY, 美元 / USD
    rows = [(DEMAND_LABELS[key].text(lang).format(money=money), grouped_number(getattr(demand, key)))
            for key in DEMAND_LABELS if key != "min_discount" and getattr(demand, key)]
    if demand.min_discount is not None:  # 下浮率不得低于 5%: a share, said as the bidder types it
        rows.append((DEMAND_LABELS["min_discount"].text(lang), percent_text(demand.min_discount)))
    return rows + [(unit.name.label.text(lang) if unit.name else unit.id, _unit_figure(unit, lang))
                   for unit in demand.units]


def demand_line(rubric: Rubric, lang: str) -> str:
    """The demand figures the tender buys, with thousands separators and in Chinese a unit's ``per`` word (``需求：月数 36，
    办公区建筑面积 28,000 平方米``), and its unit ceilings when no price criterion's rule says them; nothing when it states none."""
    demand = rubric.pricing.demand
    shown = [(_DEMAND_WORDS[key] if lang == "zh" else key,
              _amount(getattr(demand, key), rubric, lang) if key == "discount_base"  # an amount, as the ceiling
              else percent_text(getattr(demand, key)) if key == "min_discount"
              else grouped_number(getattr(demand, key)))
             for key in _DEMAND_WORDS if getattr(demand, key)]
    shown += [(unit.name.label.text(lang) if lang == "zh" and unit.name else unit.id, _unit_figure(unit, lang))
              for unit in demand.units]
    if not shown:
        return ""
    if lang == "zh":
        line = "需求：" + "，".join(f"{name} {value}" for name, value in shown)
    else:
        line = "demand: " + ", ".join(f"{name} {value}" for name, value in shown)
    unit_ceilings = unit_ceilings_text(demand, lang, rubric.currency)
    if unit_ceilings and rubric.price_criterion is None:  # else the price criterion's rule says them
        line += ("；" if lang == "zh" else "; ") + unit_ceilings
    return line
