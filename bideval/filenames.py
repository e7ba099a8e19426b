"""What a downloaded file is called: one safe stem for every download (workbooks, the report, charts, score sheets).

A name shown in the browser's save dialog carries the tender's own words (its name, a judge's name), so
everything that may come from a user goes through :func:`file_stem` first.
"""
from __future__ import annotations

import re
_UNSAFE = re.compile(r'[\\/:*?"<>|\s\x00-\x1f]+')  # path separators, what Windows forbids, spaces, control characters


def file_stem(text: str, fallback: str = "file") -> str:
    """Text safe as (part of) a file name: no path separators, quotes, control characters or runs of spaces;
    at most 120 characters; ``fallback`` when nothing is left.

    >>> file_stem("示例：客服外包 / Sample: call centre-得分构成")
    '示例：客服外包_Sample_call_centre-得分构成'
    >>> file_stem("../..", "judge")
    'judge'
    """
    return _UNSAFE.sub("_", text.strip()).strip("._")[:120] or fallback


def download_name(kind: str, tender_name: str, tender: int, ext: str, *parts: str | None) -> str:
    """``ranked_示例：客服外包_tender3_final_zh.xlsx``: what, which tender — its name as the app shows it (cut to 60
    characters) and its number — then the rest (the result's status, a language, a judge's name), made safe as a
    whole: the tender a filed copy is about can be told from its name alone.

    >>> download_name("audit", "甲 / 乙", 3, "csv", None, "zh")
    'audit_甲_乙_tender3_zh.csv'
    """
    named = file_stem(tender_name, "tender")[:60]
    return file_stem("_".join([kind, named, f"tender{tender}", *(p for p in parts if p)]), kind) + "." + ext
