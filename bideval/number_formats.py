"""What an Excel number format writes around a number, beside the digits: the text a person reads there.

A reader gets the number stored; a person reads what the format shows. Most formats only change how a number
looks (``#,##0.00``, ``0.00%``, ``"¥"#,##0.00``, ``0.00" kg"``), but some write a unit the stored number is
not in, such as a currency (:func:`bideval.currency.format_marks`). Such a unit is found in a format's literal
text: quoted text, escaped characters, a locale's symbol and characters that are not format codes. What a
format's codes do themselves (``0.00%`` multiplies by 100, ``#,##0,`` divides by 1,000) is Excel's, not text.
"""
from __future__ import annotations

import re

# A format's parts: "quoted text", \x, [$symbol-locale], and characters that are not format codes ($, €, 元…);
# [Red], [>100], _x (a space as wide as x) and *x (x repeated to fill) write no text; a lone % is a real percent.
_FORMAT_PART = re.compile(r'"([^"]*)"?|\\(.)|\[\$([^\]-]*)[^\]]*\]|\[[^\]]*\]?|[_*].?|(.)', re.DOTALL)


def literal_texts(number_format: str) -> list[str]:
    """The text a number format writes as it stands, each run of it one piece: quoted text, escaped characters,
    a locale's symbol (``[$€-407]``) and characters that are not format codes (``$``, ``€``, ``元``); pieces
    next to each other are one (``\\U\\S\\D`` writes USD).

    >>> literal_texts('#,##0.00\\\\ \\\\U\\\\S\\\\D'), literal_texts('"US$"#,##0" / 港元"'), literal_texts('0.00%')
    ([' USD'], ['US$', ' / 港元'], [])
    """
    pieces: list[str] = []
    ended = -1  # where the last literal part ended
    for match in _FORMAT_PART.finditer(number_format):
        quoted, escaped, symbol, single = match.groups()
        if single is not None and single != "$" and single.isascii():
            continue  # a format code: 0 # , . % E …
        text = next((t for t in (quoted, escaped, symbol, single) if t is not None), None)
        if text is None:
            continue  # [Red], _), *-: writes no text, and parts either side of it are apart
        if match.start() == ended and pieces:
            pieces[-1] += text
        else:
            pieces.append(text)
        ended = match.end()
    return [piece for piece in pieces if piece]
