"""The panel's workbook: agreed tiers and every judge's scores (formats.md §3).

:func:`read_panel` checks each row against the rubric, the bids and the agreed
tiers, and raises one :class:`PanelError` listing every problem with its file
and row. A score for an invalid bid is ignored with a warning.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Mapping

from .bids import Bid, normalise_vendor_id
from .errors import PanelError, Problem
from .rubric import Criterion, Kind, Rubric
from .sheets import InputFile, Workbook, cell_name, expand_paths, is_blank_row, open_workbook, sha256_of
from .values import ValueProblem, fold, normalise, parse_number

SCORES_SHEET = "Scores"
TIERS_SHEET = "Tiers"
JUDGES_SHEET = "Judges"

# Each column and the headers it may go by (after NFKC and case folding).
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "judge": ("judge", "评委", "评委姓名", "评审专家"),
    "vendor_id": ("vendor_id", "vendor id", "统一社会信用代码", "投标人代码"),
    "criterion": ("criterion", "评分项", "评审因素", "评分因素"),
    "score": ("score", "得分", "分数", "评分"),
    "comment": ("comment", "备注", "评语", "意见"),
    "tier": ("tier", "档次", "档位"),
}


@dataclass(frozen=True)
class Score:
    """One judge's score for one bid on one panel criterion (None: not yet given)."""

    judge: str
    vendor_id: str
    criterion: str
    score: Decimal | None
    comment: str = ""
    where: str = ""


@dataclass(frozen=True)
class PanelInput:
    """What the panel recorded: members, agreed tiers and scores."""

    judges: tuple[str, ...] = ()
    scores: tuple[Score, ...] = ()
    tiers: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (vendor_id, criterion) → tier id
    warnings: tuple[str, ...] = ()
    files: tuple[InputFile, ...] = ()


def judge_name(raw: object) -> str:
    """A judge is identified by the trimmed NFKC name."""
    return normalise(str(raw)) if raw is not None else ""


def read_panel(rubric: Rubric, bids: Iterable[Bid], invalid: Iterable[str],
               paths: Iterable[str | Path]) -> PanelInput:
    """Read and check panel workbooks against the rubric and the bids, or raise PanelError."""
    files, problems = expand_paths(paths)
    reader = _PanelReader(rubric, {b.vendor_id: b for b in bids}, set(invalid), problems)
    books: list[Workbook] = []
    inputs: list[InputFile] = []
    for path in files:
        book, opened = open_workbook(path)
        problems.extend(opened)
        if book is not None:
            books.append(book)
            inputs.append(InputFile(str(path), sha256_of(path), "panel"))
    for book in books:
        reader.read_judges(book)
    for book in books:
        reader.read_tiers(book)
    for book in books:
        reader.read_scores(book)
    if problems:
        raise PanelError(problems)
    return PanelInput(reader.members(), tuple(reader.scores), dict(reader.tiers), tuple(reader.warnings),
                      tuple(inputs))


class _PanelReader:
    def __init__(self, rubric: Rubric, bids: Mapping[str, Bid], invalid: set[str], problems: list[Problem]):
        self.rubric = rubric
        self.bids = bids
        self.invalid = invalid
        self.problems = problems
        self.judges_sheet: list[str] | None = None
        self.tiers: dict[tuple[str, str], str] = {}
        self.tier_where: dict[tuple[str, str], str] = {}
        self.scores: list[Score] = []
        self.seen: dict[tuple[str, str, str], str] = {}
        self.warnings: list[str] = []

    def members(self) -> tuple[str, ...]:
        if self.judges_sheet is not None:
            return tuple(self.judges_sheet)
        return tuple(dict.fromkeys(s.judge for s in self.scores))

    def fail(self, book: Workbook, sheet: str, row: int, column: int, message: str) -> None:
        self.problems.append(Problem(book.display, message, sheet, cell_name(row, column)))

    def table(self, book: Workbook, sheet: str, wanted: tuple[str, ...], optional: tuple[str, ...] = ()):
        """The header row's column of each wanted name, and the data rows after it."""
        rows = book.rows(sheet)
        start = next((i for i, row in enumerate(rows) if not is_blank_row(row)), None)
        if start is None:
            return None, []
        columns: dict[str, int] = {}
        for c, title in enumerate(rows[start]):
            parts = {fold(p) for p in str(title).split("/")} | {fold(str(title))}
            for name in wanted + optional:
                if name not in columns and parts & set(COLUMN_NAMES[name]):
                    columns[name] = c
        missing = [name for name in wanted if name not in columns]
        if missing:
            self.problems.append(Problem(book.display, "missing column(s) " + ", ".join(missing)
                                         + " in the header row", sheet, cell_name(start, 0)))
            return None, []
        return columns, [(r, rows[r]) for r in range(start + 1, len(rows)) if not is_blank_row(rows[r])]

    def read_judges(self, book: Workbook) -> None:
        sheet = book.find(JUDGES_SHEET)
        if sheet is None:
            return
        columns, rows = self.table(book, sheet, ("judge",))
        if columns is None:
            return
        names = self.judges_sheet if self.judges_sheet is not None else []
        for r, row in rows:
            name = judge_name(_cell(row, columns["judge"]))
            if name and name not in names:
                names.append(name)
        self.judges_sheet = names

    def vendor(self, book: Workbook, sheet: str, r: int, column: int, raw: Any) -> str | None:
        vendor_id = normalise_vendor_id(str(raw)) if raw not in (None, "") else ""
        if vendor_id not in self.bids:
            self.fail(book, sheet, r, column, f"unknown vendor {raw!r} (no bid with that vendor_id)")
            return None
        return vendor_id

    def criterion(self, book: Workbook, sheet: str, r: int, column: int, raw: Any) -> Criterion | None:
        criterion = self.rubric.criterion_named(str(raw)) if raw not in (None, "") else None
        if criterion is None:
            self.fail(book, sheet, r, column, f"unknown criterion {raw!r}")
        return criterion

    def read_tiers(self, book: Workbook) -> None:
        sheet = book.find(TIERS_SHEET)
        if sheet is None:
            return
        columns, rows = self.table(book, sheet, ("vendor_id", "criterion", "tier"))
        if columns is None:
            return
        for r, row in rows:
            vendor_id = self.vendor(book, sheet, r, columns["vendor_id"], _cell(row, columns["vendor_id"]))
            criterion = self.criterion(book, sheet, r, columns["criterion"], _cell(row, columns["criterion"]))
            if vendor_id is None or criterion is None:
                continue
            if criterion.kind is not Kind.TIERED:
                self.fail(book, sheet, r, columns["criterion"], f"criterion {criterion.id!r} is not tiered")
                continue
            raw = _cell(row, columns["tier"])
            if raw in (None, ""):
                continue  # no tier agreed yet for this bid
            tier = criterion.tier(str(raw))
            if tier is None:
                names = ", ".join(f"{t.id} ({t.label.zh}, {t.min}–{t.max})" for t in criterion.tiers)
                self.fail(book, sheet, r, columns["tier"], f"unknown tier {raw!r} for {criterion.id!r} "
                                                           f"(expected one of: {names})")
                continue
            key = (vendor_id, criterion.id)
            here = f"{book.display}:{sheet}!{cell_name(r, columns['tier'])}"
            if key in self.tiers and self.tiers[key] != tier.id:
                self.fail(book, sheet, r, columns["tier"], f"a different tier for {vendor_id} on {criterion.id!r} "
                                                           f"was already agreed at {self.tier_where[key]}")
                continue
            self.tiers[key] = tier.id
            self.tier_where.setdefault(key, here)

    def read_scores(self, book: Workbook) -> None:
        sheet = book.find(SCORES_SHEET)
        if sheet is None:
            if book.find(TIERS_SHEET) is None and book.find(JUDGES_SHEET) is None:
                self.problems.append(Problem(book.display, f"expected a sheet {SCORES_SHEET!r} (and {TIERS_SHEET!r}), "
                                                           f"found: {', '.join(book.sheet_names) or 'none'}"))
            return
        columns, rows = self.table(book, sheet, ("judge", "vendor_id", "criterion", "score"), ("comment",))
        if columns is None:
            return
        for r, row in rows:
            self.read_score(book, sheet, columns, r, row)

    def read_score(self, book: Workbook, sheet: str, columns: Mapping[str, int], r: int, row: list) -> None:
        judge = judge_name(_cell(row, columns["judge"]))
        if not judge:
            self.fail(book, sheet, r, columns["judge"], "the judge is empty")
            return
        if self.judges_sheet is not None and judge not in self.judges_sheet:
            self.fail(book, sheet, r, columns["judge"], f"judge {judge!r} is not on the {JUDGES_SHEET} sheet")
            return
        vendor_id = self.vendor(book, sheet, r, columns["vendor_id"], _cell(row, columns["vendor_id"]))
        criterion = self.criterion(book, sheet, r, columns["criterion"], _cell(row, columns["criterion"]))
        if vendor_id is None or criterion is None:
            return
        score_column = columns["score"]
        where = f"{book.display}:{sheet}!{cell_name(r, score_column)}"
        if not criterion.kind.is_panel:
            self.fail(book, sheet, r, columns["criterion"],
                      f"criterion {criterion.id!r} is {criterion.kind.value}: computed from the bid, never scored by a judge")
            return
        key = (judge, vendor_id, criterion.id)
        if key in self.seen:
            self.fail(book, sheet, r, columns["judge"], f"{judge} already scored {vendor_id} on {criterion.id!r} "
                                                        f"at {self.seen[key]}")
            return
        self.seen[key] = where
        raw = _cell(row, score_column)
        comment = normalise(str(_cell(row, columns["comment"]) or "")) if "comment" in columns else ""
        if vendor_id in self.invalid:
            if raw not in (None, ""):
                self.warnings.append(f"{where}: score for invalid bid {vendor_id} ignored")
            return
        try:
            score = parse_number(raw)
        except ValueProblem:
            self.fail(book, sheet, r, score_column, f"expected a number from 0 to {criterion.max}, found {raw!r}")
            return
        if score is not None and not self.in_range(book, sheet, r, score_column, criterion, vendor_id, score):
            return
        self.scores.append(Score(judge, vendor_id, criterion.id, score, comment, where))

    def in_range(self, book: Workbook, sheet: str, r: int, column: int, criterion: Criterion,
                 vendor_id: str, score: Decimal) -> bool:
        if not Decimal(0) <= score <= criterion.max:
            self.fail(book, sheet, r, column, f"score {score} is outside 0..{criterion.max} for {criterion.id!r}")
            return False
        if criterion.kind is Kind.TIERED:
            tier_id = self.tiers.get((vendor_id, criterion.id))
            if tier_id is None:
                self.fail(book, sheet, r, column, f"no agreed tier for {vendor_id} on {criterion.id!r}: "
                                                  f"the panel records it on the {TIERS_SHEET} sheet before scoring")
                return False
            tier = criterion.tier(tier_id)
            if tier is not None and not tier.contains(score):
                self.fail(book, sheet, r, column, f"score {score} is outside the agreed tier {tier.id} "
                                                  f"({tier.label.zh}, {tier.min}–{tier.max}) for {criterion.id!r}")
                return False
        return True


def _cell(row: list, column: int) -> Any:
    return row[column] if column < len(row) else None
