"""What a downloaded file is called: one safe stem for every download (workbooks, the report, charts, score sheets).

A name shown in the browser's save dialog carries the tender's own words (its name, a judge's name), so
everything that may come from a user goes through :func:`file_stem` first.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .result import Result

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


def download_name(kind: str, result: "Result", tender: int, ext: str, suffix: str | None = None) -> str:
    """``ranked_cs-outsourcing_tender3_final_zh.xlsx``: what, which rubric and tender, the result's status, a suffix
    (a language, a judge's name), made safe as a whole."""
    parts = [kind, result.rubric.id, f"tender{tender}", result.status] + ([suffix] if suffix else [])
    return file_stem("_".join(parts)) + "." + ext
