"""A short text summary of a result for the terminal: ranking, the price benchmark, candidates, invalid bids."""
from __future__ import annotations

from .result import FLAG_LABELS, PROVISIONAL, Result
from .rubric_view import text_table
from .values import money_text

HEADERS = {
    "zh": ("排名", "投标人", "总分", "投标报价", "评审价格", "标记"),
    "en": ("Rank", "Vendor", "Total", "Quoted price", "Evaluated price", "Flags"),
}


def summary_text(result: Result, lang: str = "zh") -> str:
    """The ranking as a terminal table, then B (when the price method has one), candidates, outliers and invalid
    bids."""
    places = result.rubric.total_places
    headers = HEADERS[lang]
    rows = [
        (str(s.rank), f"{s.vendor_name} ({s.vendor_id})", f"{s.total:.{places}f}", money_text(s.quoted_price),
         money_text(s.evaluated_price), ", ".join(FLAG_LABELS[f].text(lang) for f in s.flags))
        for s in result.ranking
    ]
    zh = lang == "zh"
    lines = [f"{result.rubric.title.text(lang)} — " + ("临时结果（评分未完成）" if result.status == PROVISIONAL and zh
                                                     else "最终结果" if zh else result.status)]
    lines.append(text_table(headers, rows) if rows else ("无有效投标（废标）" if zh else "no valid bid (failed tender)"))
    if result.price_benchmark is not None:  # B and how it was formed, for the methods that score against it
        lines.append(("评标基准价：" if zh else "price benchmark: ") + result.price_benchmark.describe(lang))
    if result.candidates:
        tied = ("（并列跨越名额，全部列入）" if zh else " (tied across the cut: all included)") if result.candidates_tied else ""
        lines.append(("推荐中标候选人：" if zh else "candidates: ") + ", ".join(result.candidates) + tied)
    for o in result.outliers:
        lines.append(("评分畸高畸低：" if zh else "outlier: ") +
                     f"{o.judge} / {o.vendor_id} / {o.criterion}: {o.score} (mean {o.panel_mean:.{places + 2}f})")
    for bid in result.invalid:
        kind = ("未通过阶段评审：" if zh else "out after a stage: ") if bid.stage is not None else \
            ("无效投标：" if zh else "invalid: ")
        lines.append(kind + f"{bid.vendor_name} ({bid.vendor_id}): " +
                     "; ".join(r.render(lang) for r in bid.reasons))
    return "\n".join(lines)
