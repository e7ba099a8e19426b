"""Cells that show a spreadsheet error instead of a value (``#DIV/0!``, ``#N/A``, ``#REF!`` …).

python-calamine reads such a cell as an empty string (python-calamine#105), so a price whose formula
failed in a bidder's workbook would look like an answer left blank: the bid invalid for a missing price,
or a count scored 0, without a word about the formula. The package check (:mod:`bideval.xlsx_guard`)
reads every worksheet's XML to its end anyway; it notes each cell whose type is error, and
:meth:`bideval.sheets.Workbook.rows` puts a :class:`CellError` in that cell's place. No parser accepts
one, so the cell is refused with its error named, like any other wrong value.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

# sheet name → (row, column), both from 0 → the error as the cell shows it ('' when the file does not say)
ErrorCells = Mapping[str, Mapping[tuple[int, int], str]]


@dataclass(frozen=True)
class CellError:
    """A cell that shows a spreadsheet error; ``str()`` is the error as Excel shows it."""

    text: str

    def __str__(self) -> str:
        return self.text or "#ERROR"


def put_errors(rows: list[list[Any]], errors: Mapping[tuple[int, int], str]) -> list[list[Any]]:
    """``rows`` (a sheet read from A1) with a CellError in each error cell's place."""
    for (row, column), text in errors.items():
        if row < len(rows) and column < len(rows[row]):
            rows[row][column] = CellError(text)
    return rows
