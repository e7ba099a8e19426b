"""What a file is called: one safe stem for every download (workbooks, the report, charts, score sheets), and a name
of its own for every file of one upload.

A name shown in the browser's save dialog carries the tender's own words (its name, a judge's name), so
everything that may come from a user goes through :func:`file_stem` first.
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Sequence

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


def distinct_names(names: Sequence[str]) -> list[str]:
    """Each file of one upload under a name of its own: a name met again is numbered as a browser numbers a second
    download of the same name, before its suffix, passing over every name the upload already holds.

    A browser sends a file's name without its folder, so vendorA/bid.xlsx and vendorB/bid.xlsx both come as
    ``bid.xlsx``.

    >>> distinct_names(["bid.xlsx", "bid.xlsx", "bid (2).xlsx", "bid.xlsx", "a.xlsx"])
    ['bid.xlsx', 'bid (3).xlsx', 'bid (2).xlsx', 'bid (4).xlsx', 'a.xlsx']
    """
    taken = set(names)
    given: list[str] = []
    seen: set[str] = set()
    for name in names:
        if name in seen:
            path = PurePosixPath(name)
            stem, suffix = (path.stem, path.suffix) if path.stem else (name, "")
            number = 2
            while f"{stem} ({number}){suffix}" in taken:
                number += 1
            name = f"{stem} ({number}){suffix}"
            taken.add(name)
        seen.add(name)
        given.append(name)
    return given
