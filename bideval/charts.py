"""The results' charts as plotly figures: score make-up, value for money, judge × vendor deviation.

Each chart explains itself: a title, axis titles with their units (points,
元 or 万元 in the rubric's currency), short vendor names on the axis with the
full name and credit code on hover, discrete colours, the numbers written
where a reader looks for them. A chart with too little data to say anything
has no figure but a sentence saying why (:attr:`Chart.note`). The app only
renders these; nothing here imports Streamlit.
"""
from __future__ import annotations

import math
import re
from html import escape
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterable, Sequence

import numpy
import plotly.graph_objects as go  # type: ignore[import-untyped]

from .analysis import group_part, judge_deviations, non_price_score
from .currency import money_amount, money_unit
from .filenames import file_stem
from .labels import Label
from .result import Result, Standing
from .rubric import Rubric
from .values import plain_number, round_half_up

# Okabe–Ito: distinct for colour-blind readers and in greyscale print.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
OTHERS_COLOUR = "#9E9E9E"
SHORT_NAME_WIDTH = 20  # display columns (a Chinese character takes two): 10 characters, or 20 letters
LABELLED_POINTS = 15  # up to this many bids every point on the value chart carries its name; beyond, the candidates'

# Company forms dropped from a short name, longest first so 股份有限公司 goes before 有限公司.
_COMPANY_FORMS = re.compile(
    r"(股份有限公司|有限责任公司|集团有限公司|有限公司|公司"
    r"|[\s,，]*(co\.?,?\s*ltd\.?|company\s+limited|limited|ltd\.?|inc\.?|llc|corp\.?|corporation|gmbh|plc))$",
    re.IGNORECASE)

_TEXT = {
    "makeup": Label("得分构成", "Score make-up"),
    "makeup_title": Label("各投标人得分构成（按类别，按排名）", "Score make-up of each bid, by group, in rank order"),
    "value": Label("性价比", "Value for money"),
    "value_title": Label("评审价格与非价格得分", "Evaluated price against non-price score"),
    "deviation": Label("评委偏差", "Judge deviations"),
    "deviation_title": Label("评委评分与全体评委平均分之差（评委 × 投标人）",
                             "Each judge's difference from the panel mean (judge × bid)"),
    "vendor_axis": Label("投标人（按排名）", "Bidder (in rank order)"),
    "score_axis": Label("得分（分，满分 {max}）", "Score (points, out of {max})"),
    "group_legend": Label("类别（满分）", "Group (full marks)"),
    "group_entry": Label("{group}（满分 {max}）", "{group} (max {max})"),
    "total": Label("总分", "Total"),
    "price_axis": Label("评审价格（{unit}）", "Evaluated price ({unit})"),
    "quality_axis": Label("{name}（分，满分 {max}）", "{name} (points, out of {max})"),
    "outside_group": Label("{group}以外的得分", "Score outside {group}"),
    "rank": Label("第{rank}名", "Rank {rank}"),
    "rank_legend": Label("排名", "Rank"),
    "others": Label("其他有效投标", "Other valid bids"),
    "quoted": Label("投标报价", "Quoted price"),
    "evaluated": Label("评审价格", "Evaluated price"),
    "non_price": Label("非价格得分", "Non-price score"),
    "judge_axis": Label("评委", "Judge"),
    "deviation_bar": Label("偏差（分）", "Deviation (points)"),
    "judge": Label("评委", "Judge"),
    "value_note": Label("左上方：价格低且非价格得分高。颜色区分推荐中标候选人的名次。",
                        "Top left: low price and high non-price score. Colours mark the recommended candidates' ranks."),
    "deviation_note": Label(
        "每格：该评委在各评委评分项上的得分与全体评委平均分之差的平均值；正数（蓝）高于平均，负数（红）低于平均，空格为未评分。",
        "Each cell: the judge's mean difference from the panel mean over the panel criteria; positive (blue) above "
        "the panel, negative (red) below, blank where the judge has not scored."),
    "makeup_note": Label("每条的末端写着总分；图例写着各类别的满分。",
                         "Each bar ends with its total; the legend gives each group's full marks."),
    "no_valid_bid": Label("没有有效投标，无图可画。", "No valid bid: there is nothing to draw."),
    "one_bid": Label("只有一个有效投标，无从比较价格与得分：至少需要两个有效投标。",
                     "Only one valid bid: there is nothing to compare its price and score with. "
                     "This chart needs at least two valid bids."),
    "no_panel_criteria": Label("本评分标准没有评委评分项，因此没有评委偏差。",
                               "This rubric has no criteria the panel scores, so there are no judge deviations."),
    "no_judges": Label("尚无评委：在“定档”页面添加评委或导入评委评分表后，这里显示评委偏差。",
                       "No judges yet: add the panel on the Tiers page or import a panel workbook, "
                       "and their deviations show here."),
    "no_scores": Label("尚无评委评分，因此没有评委偏差。", "No panel scores yet, so there are no judge deviations."),
    "one_judge": Label("只有一位评委评了分：偏差是评委之间的差，至少需要两位评委的评分。",
                       "Only one judge has scored: a deviation is a difference between judges, so this chart "
                       "needs the scores of at least two judges."),
}


def _t(key: str, lang: str, **values: object) -> str:
    return _TEXT[key].text(lang).format(**values)


@dataclass(frozen=True)
class Chart:
    """One chart of the results: its figure, or none when the data are too few, and a sentence beside it.

    ``note`` says how to read the figure, or, without a figure, why there is none.
    """

    name: str  # makeup, value, deviation
    title: str  # the tab's label in the chart's language
    figure: go.Figure | None
    note: str

    def download_config(self, tender_name: str) -> dict[str, Any]:
        """Plotly's configuration: its camera button downloads a PNG at twice the size, named for the tender and the chart."""
        return {"displaylogo": False,
                "toImageButtonOptions": {"format": "png", "scale": 2,
                                         "filename": file_stem(f"{tender_name}-{self.title}", "chart")}}


def charts(result: Result, lang: str) -> tuple[Chart, Chart, Chart]:
    """The three charts of the results page, in ``lang``."""
    return score_makeup(result, lang), value_for_money(result, lang), judge_deviation(result, lang)


def short_names(ranking: Sequence[Standing]) -> dict[str, str]:
    """Each bid's name as an axis shows it, by vendor_id: the company form dropped, cut to 10 characters
    (20 letters) with "…", made unique with the credit code's last four characters, and with ``<`` and ``&``
    escaped (plotly reads tags in a label).

    >>> from decimal import Decimal as D
    >>> bid = lambda code, name: Standing(1, code, name, D(0), {}, {}, D(0), D(0), ())
    >>> short_names([bid("91510107MA6CJ5NU8U", "成都天府联信客服外包有限公司"), bid("X1", "Acme Co., Ltd."),
    ...              bid("AAAA0001", "甲公司"), bid("BBBB0002", "甲公司")])
    {'91510107MA6CJ5NU8U': '成都天府联信客服外包', 'X1': 'Acme', 'AAAA0001': '甲 ·0001', 'BBBB0002': '甲 ·0002'}
    """
    names = {s.vendor_id: escape(_short(s.vendor_name), quote=False) for s in ranking}
    counts: dict[str, int] = {}
    for name in names.values():
        counts[name] = counts.get(name, 0) + 1
    return {vendor: f"{name} ·{vendor[-4:]}" if counts[name] > 1 else name for vendor, name in names.items()}


def _short(name: str) -> str:
    stem = _COMPANY_FORMS.sub("", name.strip()).strip(" ,，&") or name.strip()
    if _width(stem) <= SHORT_NAME_WIDTH:
        return stem
    cut = ""
    for ch in stem:
        if _width(cut + ch) > SHORT_NAME_WIDTH - 1:
            break
        cut += ch
    return cut.rstrip() + "…"


def _width(text: str) -> int:
    """Display columns: a CJK character takes two."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def _score_text(value: Decimal, places: int) -> str:
    return f"{round_half_up(value, places):.{places}f}"


def _hover_head(standing: Standing) -> str:
    """The first lines of a bid's hover box: its full name in bold and its credit code."""
    return f"<b>{escape(standing.vendor_name)}</b><br>{escape(standing.vendor_id)}"


def _strings(values: Iterable[Any]) -> numpy.ndarray:
    """Texts for a trace: a numpy array, which plotly takes at once (a list it checks item by item, 0.2 s for a
    heat map of 300 bids × 15 judges)."""
    return numpy.array(list(values), dtype=object)


def _numbers(values: Iterable[Decimal]) -> numpy.ndarray:
    """Numbers for a trace, as a numpy array of floats."""
    return numpy.array([float(v) for v in values], dtype=float)


def _line(label: str, value: str, lang: str) -> str:
    """``label：value`` in Chinese, ``label: value`` in English."""
    return f"{label}：{value}" if lang == "zh" else f"{label}: {value}"


def _rows_height(rows: int) -> int:
    """A figure tall enough for one readable row per bid."""
    return max(360, 160 + 30 * rows)


def _layout(figure: go.Figure, title: str, rows: int) -> go.Figure:
    figure.update_layout(title={"text": title, "x": 0, "xanchor": "left"}, height=_rows_height(rows),
                         margin={"l": 10, "r": 30, "t": 70, "b": 60}, hoverlabel={"align": "left"})
    figure.update_yaxes(automargin=True)
    figure.update_xaxes(automargin=True)
    return figure


def score_makeup(result: Result, lang: str) -> Chart:
    """Stacked horizontal bars, one per ranked bid and one colour per group, the total written at each bar's end."""
    title = _t("makeup", lang)
    if not result.ranking:
        return Chart("makeup", title, None, _t("no_valid_bid", lang))
    rubric = result.rubric
    places = rubric.total_places
    short = short_names(result.ranking)
    names = _strings(short[s.vendor_id] for s in result.ranking)
    heads = [_hover_head(s) for s in result.ranking]
    figure = go.Figure()
    for i, group in enumerate(rubric.groups):
        label = rubric.group(group).label.text(lang)
        full = plain_number(rubric.group_total_max(group))
        scores = [group_part(s, group) for s in result.ranking]
        figure.add_trace(go.Bar(
            orientation="h", y=names, x=_numbers(scores),
            name=_t("group_entry", lang, group=label, max=full), marker_color=PALETTE[i % len(PALETTE)],
            hovertext=_strings(f"{head}<br>{_line(label, _score_text(score, places), lang)} / {full}"
                               for head, score in zip(heads, scores)),
            hovertemplate="%{hovertext}<extra></extra>"))
    parts = [[group_part(s, g) for g in rubric.groups] for s in result.ranking]
    ends = [sum((v for v in row if v > 0), Decimal(0)) for row in parts]
    total_max = plain_number(rubric.max_total)
    totals = [_score_text(s.total, places) for s in result.ranking]
    total_line = _line(_t("total", lang), "{} / " + total_max, lang)
    figure.add_trace(go.Scatter(
        y=names, x=_numbers(ends), mode="text", text=_strings(totals), textposition="middle right",
        cliponaxis=False, textfont={"size": 13}, showlegend=False, name=_t("total", lang),
        hovertext=_strings(f"{head}<br>{total_line.format(total)}" for head, total in zip(heads, totals)),
        hovertemplate="%{hovertext}<extra></extra>"))
    lowest = min([0.0] + [float(sum((v for v in row if v < 0), Decimal(0))) for row in parts])
    figure.update_layout(barmode="relative", legend={"title": {"text": _t("group_legend", lang)}})
    figure.update_xaxes(title=_t("score_axis", lang, max=total_max), range=[lowest, float(rubric.max_total) * 1.12])
    figure.update_yaxes(title=_t("vendor_axis", lang), type="category", autorange="reversed")
    return Chart("makeup", title, _layout(figure, _t("makeup_title", lang), len(names)), _t("makeup_note", lang))


def value_for_money(result: Result, lang: str) -> Chart:
    """Evaluated price against non-price score, one point per ranked bid (bids on the same spot share one),
    the candidates' ranks in discrete colours."""
    title = _t("value", lang)
    if not result.ranking:
        return Chart("value", title, None, _t("no_valid_bid", lang))
    if len(result.ranking) < 2:
        return Chart("value", title, None, _t("one_bid", lang))
    rubric = result.rubric
    places = rubric.total_places
    unit = money_unit([s.evaluated_price for s in result.ranking], rubric.currency, lang)
    short = short_names(result.ranking)
    quality_name, quality_top = _quality(rubric, lang)
    quality_max = plain_number(quality_top)
    quality = {s.vendor_id: non_price_score(result, s.vendor_id) for s in result.ranking}
    candidates = set(result.candidates)
    ranks = sorted({s.rank for s in result.ranking if s.vendor_id in candidates})
    classes: list[tuple[str, str, list[Standing]]] = [
        (_t("rank", lang, rank=rank), PALETTE[i % len(PALETTE)],
         [s for s in result.ranking if s.rank == rank and s.vendor_id in candidates]) for i, rank in enumerate(ranks)]
    others = [s for s in result.ranking if s.vendor_id not in candidates]
    if others:
        classes.append((_t("others", lang), OTHERS_COLOUR, others))
    labelled = len(result.ranking) <= LABELLED_POINTS

    def hover(s: Standing) -> str:
        return "<br>".join([
            _hover_head(s), _line(_t("rank_legend", lang), str(s.rank), lang),
            _line(_t("quoted", lang), money_amount(s.quoted_price, rubric.currency, lang), lang),
            _line(_t("evaluated", lang), money_amount(s.evaluated_price, rubric.currency, lang), lang),
            _line(quality_name, f"{_score_text(quality[s.vendor_id], places)} / {quality_max}", lang)])

    figure = go.Figure()
    for name, colour, bids in classes:
        is_candidate = colour != OTHERS_COLOUR
        spots: dict[tuple[Decimal, Decimal], list[Standing]] = {}
        for s in bids:
            spots.setdefault((s.evaluated_price, quality[s.vendor_id]), []).append(s)
        figure.add_trace(go.Scatter(
            x=[unit.scale(price) for price, _ in spots], y=[float(score) for _, score in spots],
            mode="markers+text" if labelled or is_candidate else "markers", cliponaxis=False,
            text=["<br>".join(short[s.vendor_id] for s in same) for same in spots.values()],
            textposition="top center", name=name,
            marker={"size": 14 if is_candidate else 10, "color": colour, "line": {"width": 1, "color": "white"}},
            hovertext=["<br><br>".join(hover(s) for s in same) for same in spots.values()],
            hovertemplate="%{hovertext}<extra></extra>"))
    xs = [unit.scale(s.evaluated_price) for s in result.ranking]
    ys = [float(score) for score in quality.values()]
    figure.update_layout(legend={"title": {"text": _t("rank_legend", lang)}})
    figure.update_xaxes(title=_t("price_axis", lang, unit=unit.label), tickformat=",~f", range=_padded(xs, 0.12))
    figure.update_yaxes(title=_t("quality_axis", lang, name=quality_name, max=quality_max), range=_padded(ys, 0.15))
    figure = _layout(figure, _t("value_title", lang), 8)
    return Chart("value", title, figure, _t("value_note", lang))


def _quality(rubric: Rubric, lang: str) -> tuple[str, Decimal]:
    """What the value chart's score axis counts, and its full marks: the total less price's part
    (:func:`bideval.analysis.price_part`) — the whole price group where it is scaled or weighted with others."""
    price = rubric.price_criterion
    if price is None:
        return _t("non_price", lang), rubric.max_total
    group = rubric.group(price.group)
    if not group.has_rules:
        return _t("non_price", lang), rubric.max_total - price.adds_to_total
    shared = any(c.group == group.id and c is not price for c in rubric.scored_criteria)
    name = _t("outside_group", lang, group=group.label.text(lang)) if shared else _t("non_price", lang)
    return name, rubric.max_total - rubric.group_total_max(group.id)


def _padded(values: list[float], share: float) -> list[float]:
    """An axis range around ``values`` with room on both sides for the points' names."""
    low, high = min(values), max(values)
    room = (high - low) * share or abs(high) * share or 1.0
    return [low - room, high + room]


def judge_deviation(result: Result, lang: str) -> Chart:
    """A heat map of judges × ranked bids, each cell the judge's mean deviation written on it."""
    title = _t("deviation", lang)
    rubric = result.rubric
    if not rubric.panel_criteria:
        return Chart("deviation", title, None, _t("no_panel_criteria", lang))
    if not result.ranking:
        return Chart("deviation", title, None, _t("no_valid_bid", lang))
    gaps = judge_deviations(result)
    ranked = {s.vendor_id for s in result.ranking}
    gaps = {key: gap for key, gap in gaps.items() if key[1] in ranked}
    scoring = list(dict.fromkeys(judge for judge, _ in gaps))
    if not result.judges and not scoring:
        return Chart("deviation", title, None, _t("no_judges", lang))
    if not scoring:
        return Chart("deviation", title, None, _t("no_scores", lang))
    if len(scoring) < 2:
        return Chart("deviation", title, None, _t("one_judge", lang))
    judges = [j for j in result.judges if j in scoring] + [j for j in scoring if j not in result.judges]
    places = rubric.total_places
    short = short_names(result.ranking)
    z = [[float(gaps[(j, s.vendor_id)]) if (j, s.vendor_id) in gaps else math.nan for j in judges]
         for s in result.ranking]
    text = [[f"{round_half_up(gaps[(j, s.vendor_id)], places):+.{places}f}" if (j, s.vendor_id) in gaps else ""
             for j in judges] for s in result.ranking]
    judge_lines = [_line(_t("judge", lang), escape(j), lang) for j in judges]
    deviation_line = _line(_t("deviation_bar", lang), "", lang)
    hovertext = [[f"{head}<br>{judge}<br>{deviation_line}{cell}" for judge, cell in zip(judge_lines, row)]
                 for head, row in zip((_hover_head(s) for s in result.ranking), text)]
    figure = go.Figure(go.Heatmap(
        z=numpy.array(z), x=judges, y=_strings(short[s.vendor_id] for s in result.ranking),
        text=_strings(text), texttemplate="%{text}", hovertext=_strings(hovertext),
        colorscale="RdBu", zmid=0, hoverongaps=False, xgap=1, ygap=1,
        colorbar={"title": {"text": _t("deviation_bar", lang)}}, hovertemplate="%{hovertext}<extra></extra>"))
    figure.update_xaxes(title=_t("judge_axis", lang), type="category")
    figure.update_yaxes(title=_t("vendor_axis", lang), type="category", autorange="reversed")
    figure = _layout(figure, _t("deviation_title", lang), len(result.ranking))
    return Chart("deviation", title, figure, _t("deviation_note", lang))
