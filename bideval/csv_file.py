"""A table as a CSV file that a spreadsheet opens without running anything in it.

Excel, LibreOffice and Numbers read a CSV cell that starts with ``=``, ``+``, ``-`` or ``@`` (a tab or a carriage
return first too) as a formula: a seat named ``=HYPERLINK("http://…","…")`` in an audit trail becomes a live link.
Such a text is written with a ``'`` before it (OWASP's advice), so the cell shows the text as typed, as the .xlsx
downloads do (their writers never make a formula of a text: ``strings_to_formulas`` is off).
"""
from __future__ import annotations

import csv
import io
from typing import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: object) -> object:
    """``value`` as a CSV cell no spreadsheet evaluates: a text starting as a formula does gets a leading ``'``;
    numbers and other texts stay as they are.

    >>> inert('=HYPERLINK("http://x","y")'), inert("-1+2"), inert("@SUM(A1)"), inert("王评委"), inert(-1)
    ('\\'=HYPERLINK("http://x","y")', "'-1+2", "'@SUM(A1)", '王评委', -1)
    """
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """The rows under ``header`` as CSV in UTF-8 with a byte-order mark (Excel then reads Chinese as Chinese), every
    cell :func:`inert`."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([inert(h) for h in header])
    writer.writerows([inert(cell) for cell in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")
