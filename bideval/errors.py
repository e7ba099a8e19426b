"""Errors are data with a location; messages are built from it.

Readers collect every problem they meet and raise one :class:`InputErrors`
holding them all, so a user fixes a file in one pass.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping


class BidEvalError(Exception):
    """Base of every error a user can cause; the CLI turns it into exit 2."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in the input.

    ``data`` carries the facts of the problem (the criterion, the grades, the
    range expected, the value found …) so callers never take the message apart.
    """

    file: str
    message: str
    sheet: str | None = None
    cell: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __str__(self) -> str:
        where = self.file
        if self.sheet is not None:
            where += f":{self.sheet}"
            if self.cell is not None:
                where += f"!{self.cell}"
        return f"{where}: {self.message}"


def cell_problem(file: str, sheet: str, cell: str, expected: str, found: object,
                 data: Mapping[str, Any] | None = None) -> Problem:
    """A cell that does not hold what the contract says (``data``: its facts, for callers)."""
    return Problem(file, f"expected {expected}, found {_show(found)}", sheet, cell, dict(data or {}))


def _show(found: object) -> str:
    if found is None or found == "":
        return "an empty cell"
    if isinstance(found, bool):
        return f"the boolean {found}"
    text = repr(found) if isinstance(found, str) else str(found)
    return text if len(text) <= 60 else text[:57] + "..."


class InputErrors(BidEvalError):
    """Every problem found in an input, reported together."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class RubricError(InputErrors):
    """A rubric that cannot be used as written."""


class BidsError(InputErrors):
    """Bid workbooks that cannot be read as the contract says."""


class PanelError(InputErrors):
    """A panel workbook that cannot be read as the contract says."""


class DamagedWorkbook(InputErrors):
    """A workbook that passed the package checks but whose content the reader cannot parse."""


def raise_if(problems: list[Problem], error: type[InputErrors] = InputErrors) -> None:
    """Raise ``error`` holding ``problems`` when there are any."""
    if problems:
        raise error(problems)
