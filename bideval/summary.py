"""A short text summary of a result for the terminal: ranking, the price benchmark, candidates, invalid bids."""
from __future__ import annotations

from .result import PROVISIONAL, Result, flag_label, none_ranked_yet, provisional_label
from .text_table import text_table
from .values import decimal_text, money_text

# A terminal shows a tender, not a register: past this many lines of one kind the rest are counted, not listed.
# The JSON and the workbook always hold every bid.
SHOWN = 100
# The judges named under a provisional status with the scores they owe; the rest are counted.
JUDGES_SHOWN = 5

HEADERS = {
    "zh": ("排名", "投标人", "总分", "投标报价", "评审价格", "标记"),
    "en": ("Rank", "Vendor", "Total", "Quoted price", "Evaluated price", "Flags"),
}


def summary_text(result: Result, lang: str = "zh") -> str:
    """The ranking as a terminal table, then B (when the price method has one), candidates, outliers and invalid
    bids; each list cut after :data:`SHOWN` lines with a count of the rest."""
    places = result.rubric.total_places
    headers = HEADERS[lang]
    rows = [
        (str(s.rank), f"{s.vendor_name} ({s.vendor_id})", f"{s.total:.{places}f}", money_text(s.quoted_price),
         money_text(s.evaluated_price), ", ".join(flag_label(s, f).text(lang) for f in s.flags))
        for s in result.ranking[:SHOWN]
    ]
    zh = lang == "zh"
    provisional = provisional_label(result)  # the judges' scores missing, or only the chair's agreed scores
    heading = provisional.text(lang) if provisional else "最终结果" if zh else result.status
    lines = [f"{result.rubric.title.text(lang)} — {heading}"]
    lines.extend(_owed(result, lang))
    waiting = none_ranked_yet(result)
    lines.append(text_table(headers, rows) if rows else waiting.text(lang) if waiting else
                 ("无有效投标（废标）" if zh else "no valid bid (failed tender)"))
    lines.extend(_more(len(result.ranking), "家有效投标", "ranked bids", lang))
    if result.price_benchmark is not None:  # B and how it was formed, for the methods that score against it
        lines.append(("评标基准价：" if zh else "price benchmark: ") + result.price_benchmark.describe(lang))
    if result.candidates:
        tied = ("（并列跨越名额，全部列入）" if zh else " (tied across the cut: all included)") if result.candidates_tied else ""
        lines.append(("推荐中标候选人：" if zh else "candidates: ") + ", ".join(result.candidates) + tied)
    for o in result.outliers[:SHOWN]:
        mean = decimal_text(o.panel_mean, places + 2)  # half-up, as the report rounds it
        lines.append(f"评分畸高畸低：{o.judge} / {o.vendor_id} / {o.criterion}：{o.score}（平均分 {mean}）" if zh else
                     f"outlier: {o.judge} / {o.vendor_id} / {o.criterion}: {o.score} (mean {mean})")
    lines.extend(_more(len(result.outliers), "项评分畸高畸低", "outlying scores", lang))
    for bid in result.invalid[:SHOWN]:
        kind = ("未通过阶段评审：" if zh else "out after a stage: ") if bid.stage is not None else \
            ("无效投标：" if zh else "invalid: ")
        lines.append(kind + f"{bid.vendor_name} ({bid.vendor_id}): " +
                     "; ".join(r.render(lang) for r in bid.reasons))
    lines.extend(_more(len(result.invalid), "家无效投标", "invalid bids", lang))
    return "\n".join(lines)


def _owed(result: Result, lang: str) -> list[str]:
    """Under a provisional status, who owes which scores (:func:`bideval.workflow.scores_owed`): a judge a line with
    the count and the first missing, :data:`JUDGES_SHOWN` judges at most and the rest counted. A judge's name written
    two ways had made a sixth judge owing every score, and nothing said who."""
    if result.status != PROVISIONAL or not result.judges:  # final, or no panel: nobody owes a score, and the panel
        return []  # session's module is not imported (5 ms of the command's start)
    from .workflow import scores_owed

    owed = scores_owed(result)
    zh = lang == "zh"
    lines = []
    for judge in owed[:JUDGES_SHOWN]:
        count, bids, (vendor, criterion) = len(judge.missing), judge.bids, judge.missing[0]
        lines.append(f"  {judge.judge}：尚缺 {count:,} 项评分（{bids:,} 家投标；首项 {vendor} / {criterion}）" if zh else
                     f"  {judge.judge}: {count:,} score{'s' if count > 1 else ''} missing on {bids:,} "
                     f"bid{'s' if bids > 1 else ''} (first: {vendor} / {criterion})")
    rest = len(owed) - JUDGES_SHOWN
    if rest > 0:
        lines.append(f"  …… 另有 {rest:,} 位评委尚缺评分" if zh else
                     f"  … {rest:,} more judge{'s' if rest > 1 else ''} with scores missing")
    return lines


def _more(count: int, zh: str, en: str, lang: str) -> list[str]:
    """The line that counts what a list left out, or none.

    >>> _more(100, "家无效投标", "invalid bids", "en"), _more(1234, "家无效投标", "invalid bids", "en")
    ([], ['… 1,134 more invalid bids: the JSON and the workbook list every one'])
    >>> _more(101, "家无效投标", "invalid bids", "zh")
    ['…… 另有 1 家无效投标，见 JSON 和排名表']
    """
    rest = count - SHOWN
    if rest <= 0:
        return []
    return [f"…… 另有 {rest:,} {zh}，见 JSON 和排名表" if lang == "zh"
            else f"… {rest:,} more {en}: the JSON and the workbook list every one"]
