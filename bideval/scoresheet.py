"""A judge's blank score sheet: one row per valid bid and panel criterion.

The sheet is a ``Scores`` sheet of a panel workbook (formats.md §3): the
importer reads it back as it is, ignoring the tier and range columns.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import BinaryIO, Mapping, Sequence

from .bids import Bid
from .rubric import Kind, Rubric
from .rubric_view import display_width

HEADERS = {
    "zh": ("评委 / judge", "统一社会信用代码 / vendor_id", "投标人 / vendor", "评分项 / criterion",
           "名称 / name", "档次 / tier", "最低 / min", "最高 / max", "得分 / score", "备注 / comment"),
    "en": ("judge", "vendor_id", "vendor", "criterion", "name", "tier", "min", "max", "score", "comment"),
}


def score_rows(rubric: Rubric, bids: Sequence[Bid], tiers: Mapping[tuple[str, str], str],
               lang: str = "zh") -> list[tuple[str, str, str, str, str, Decimal, Decimal]]:
    """(vendor_id, vendor name, criterion id, criterion name, tier label, min, max) per bid and panel criterion."""
    rows = []
    for bid in sorted(bids, key=lambda b: b.vendor_id):
        for criterion in rubric.panel_criteria:
            low, high, label = Decimal(0), criterion.max, ""
            if criterion.kind is Kind.TIERED:
                tier = criterion.tier(tiers.get((bid.vendor_id, criterion.id), ""))
                if tier is not None:
                    low, high, label = tier.min, tier.max, f"{tier.id} {tier.label.text(lang)}"
                else:
                    label = "未定档" if lang == "zh" else "tier not agreed"
            rows.append((bid.vendor_id, bid.vendor_name, criterion.id, criterion.name.text(lang), label, low, high))
    return rows


def write_score_sheet(rubric: Rubric, bids: Sequence[Bid], tiers: Mapping[tuple[str, str], str], judge: str,
                      out: Path | BinaryIO, lang: str = "zh") -> None:
    """Write the blank Scores sheet for ``judge`` with each score cell validated to its range."""
    import xlsxwriter

    book = xlsxwriter.Workbook(out, {"strings_to_formulas": False, "strings_to_numbers": False,
                                     "strings_to_urls": False, "in_memory": True})
    book.set_properties({"title": rubric.title.text(lang), "subject": rubric.id, "author": "bid-eval"})
    sheet = book.add_worksheet("Scores")
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    locked = book.add_format({"font_color": "#555555"})
    entry = book.add_format({"bg_color": "#FFF2CC", "border": 1, "num_format": "0.00"})
    note = book.add_format({"bg_color": "#FFF2CC", "border": 1})
    headers = HEADERS[lang]
    sheet.write_row(0, 0, headers, head)
    rows = score_rows(rubric, bids, tiers, lang)
    for r, (vendor_id, vendor, criterion, name, tier, low, high) in enumerate(rows, 1):
        for c, text in enumerate((judge, vendor_id, vendor, criterion, name, tier)):
            sheet.write_string(r, c, text, locked)
        sheet.write_number(r, 6, float(low), locked)
        sheet.write_number(r, 7, float(high), locked)
        sheet.write_blank(r, 8, None, entry)
        sheet.write_blank(r, 9, None, note)
        sheet.data_validation(r, 8, r, 8, {
            "validate": "decimal", "criteria": "between", "minimum": float(low), "maximum": float(high),
            "input_title": "得分 / Score"[:32],
            "input_message": f"{float(low):g} – {float(high):g}",
            "error_title": "超出范围 / Out of range",
            "error_message": (f"得分须在 {float(low):g} 至 {float(high):g} 之间 / "
                              f"The score must lie between {float(low):g} and {float(high):g}"),
        })
    widths = [max([display_width(headers[c])] + [display_width(str(row[c - 1])) for row in rows if 0 < c < 7] + [8])
              for c in range(len(headers))]
    widths[0] = max(widths[0], display_width(judge))
    for c, width in enumerate(widths):
        sheet.set_column(c, c, min(width + 2, 48))
    sheet.set_column(9, 9, 40)
    sheet.freeze_panes(1, 0)
    if rows:
        sheet.autofilter(0, 0, len(rows), len(headers) - 1)
    book.close()
