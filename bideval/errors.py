"""Errors are data with a location; messages are built from it.

Readers collect every problem they meet and raise one :class:`InputErrors`
holding them all, so a user fixes a file in one pass. A problem carries a
``code`` and its facts (``data``); :mod:`bideval.messages` turns them into a
sentence in Chinese or English. ``str()`` of a problem is the English the
command line prints.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Mapping


class BidEvalError(Exception):
    """Base of every error a user can cause; the CLI turns it into exit 2.

    A coded error (:meth:`coded`) carries ``code`` and ``data`` for :mod:`bideval.messages`;
    a plain one carries only its English text.
    """

    code: str = ""
    data: Mapping[str, Any] = {}

    @classmethod
    def coded(cls, code: str, **data: Any) -> "BidEvalError":
        """An error of this class whose text is rendered from ``code`` and ``data``."""
        from .messages import sentence

        error = cls(sentence(code, data, "en", ids=True))
        error.code = code
        error.data = data
        return error


@dataclass(frozen=True)
class Expected:
    """What a cell should have held, as data: a kind (``money``, ``percent``, ``tier_of`` …) and its facts.

    ``str()`` is the English the command line prints (``an amount in yuan``).
    """

    kind: str
    facts: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __str__(self) -> str:
        from .messages import expected_text

        return expected_text(self, "en", ids=True)


def shown_name(name: str) -> str:
    """A file's name as bid-eval shows and files it: as the file system gives it, but for a byte that is no UTF-8 (a
    name a Chinese Windows zip wrote in GBK, extracted as it was on Linux), written ``\\xbc`` rather than kept as the
    lone surrogate Python reads it as, which no workbook can hold: ``evaluate --out`` had stopped with a traceback.

    >>> shown_name("jiahe.xlsx"), shown_name("\\udcbc\\udcce.xlsx"), shown_name("嘉禾.xlsx")
    ('jiahe.xlsx', '\\\\xbc\\\\xce.xlsx', '嘉禾.xlsx')
    """
    if name.isascii():
        return name
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a surrogate no file system byte gives
            return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return name


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in the input.

    ``code`` names the kind of problem and ``data`` carries its facts (the field,
    the criterion, the range expected, the value found …), so callers never take
    the message apart; ``message`` is its English text. A problem made without a
    code carries only its English ``message``.
    """

    file: str
    message: str = ""
    sheet: str | None = None
    cell: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)
    code: str = ""

    def __post_init__(self) -> None:
        if not self.file.isascii():
            object.__setattr__(self, "file", shown_name(self.file))
        if self.code and not self.message:
            from .messages import sentence

            object.__setattr__(self, "message", sentence(self.code, self.data, "en", ids=True))

    @classmethod
    def of(cls, code: str, file: str, sheet: str | None = None, cell: str | None = None, **data: Any) -> "Problem":
        """A coded problem: its English message is rendered from ``code`` and ``data``."""
        return cls(file, "", sheet, cell, data, code)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    @property
    def where(self) -> str:
        """``file:sheet!cell``, as far as it is known."""
        where = self.file
        if self.sheet is not None:
            where += f":{self.sheet}"
            if self.cell is not None:
                where += f"!{self.cell}"
        return where

    def renamed(self, old: str, new: str) -> "Problem":
        """The same problem with the file name ``old`` shown as ``new`` (an upload's temporary path, say)."""
        def swap(value: Any) -> Any:
            if isinstance(value, str):
                return value.replace(old, new)
            if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
                return tuple(v.replace(old, new) for v in value)
            return value

        data = {key: swap(value) for key, value in self.data.items()}
        return replace(self, file=self.file.replace(old, new), message=self.message.replace(old, new), data=data)


def cell_problem(file: str, sheet: str, cell: str, expected: Expected | str, found: object,
                 field: Any = None, **facts: Any) -> Problem:
    """A cell that does not hold what the contract says; ``field`` (a :class:`~bideval.labels.Named`) when known,
    ``facts`` for callers (a refused score's reason and grades, say)."""
    if isinstance(expected, str):
        expected = Expected("text", {"text": expected})
    return Problem.of("cell", file, sheet, cell, expected=expected, found=found, field=field, **facts)


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
