"""The panel's workbook: agreed tiers and every judge's scores (formats.md §3).

:func:`read_panel` checks each row against the rubric, the bids and the agreed
tiers, and raises one :class:`PanelError` listing every problem with its file,
sheet and cell. A score for an invalid bid is ignored with a warning.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from .bids import Bid, close_vendor, normalise_vendor_id
from .cell_errors import Unreadable
from .errors import BidEvalError, DamagedWorkbook, Expected, PanelError, Problem, cell_problem
from .allowed_scores import (NO_TIER, ScoreRefusal, allowed_range, check_score, grade_mismatch,  # noqa: F401
                             grade_refusal, grades_text, parse_choice, without_points)
from .labels import Label, Named, with_role
from .panel_input import PanelInput, Score
from .patterns import on_first_use
from .rubric_mark import TenderMark, other_rubric, other_tender, other_version, sheet_tender
from .scoresheet import HEADERS as SCORE_SHEET_HEADERS
from .rubric import Criterion, Judged, Rubric, Tier, Tiered
from .sheets import (TITLE_ROWS, InputFile, Workbook, cell_name, column_letter, expand_paths, header_row,
                     is_blank_row, open_workbook)
from .values import (LONGEST_NAME, ValueProblem, is_blank, name_key, normalise, parse_number, parse_text, said_as,
                     shows_nothing)

SCORES_SHEET = "Scores"
TIERS_SHEET = "Tiers"
JUDGES_SHEET = "Judges"
PANEL_SHEETS = (SCORES_SHEET, TIERS_SHEET, JUDGES_SHEET)

# Each column and the headers it may go by (compared by name_key: NFKC, case folded, without spaces or line breaks).
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    # the headings panels use: 专家, 评分人 and expert were passed over as unknown columns (hostile10 H10-1)
    "judge": ("judge", "评委", "评委姓名", "评审专家", "专家", "专家姓名", "评分人", "评审人", "expert"),
    "vendor_id": ("vendor_id", "vendor id", "统一社会信用代码", "投标人代码"),
    "criterion": ("criterion", "评分项", "评审因素", "评分因素"),
    "score": ("score", "得分", "分数", "评分"),
    # a comment column headed 评分理由 or remarks was passed over, and the judges' reasons never reached the record
    "comment": ("comment", "备注", "评语", "意见", "评分理由", "评审意见", "扣分理由", "打分依据", "理由", "说明", "comments",
                "remarks"),
    "tier": ("tier", "档次", "档位"),
    # A row's bidder and criterion in words (the score sheet's 投标人 / vendor and 名称 / name): checked against the
    # row's vendor_id and criterion (:meth:`_PanelReader.names_agree`), never read as them.
    "vendor_name": ("vendor", "vendor_name", "vendor name", "bidder", "bidder_name", "bidder name", "投标人",
                    "投标人名称", "投标单位", "投标单位名称", "供应商", "供应商名称"),
    "criterion_name": ("criterion_name", "criterion name", "评分项名称", "评审因素名称", "评分因素名称"),
}
COLUMN_LABELS = {
    "judge": Label("评委", "judge"), "vendor_id": Label("统一社会信用代码", "vendor ID"),
    "criterion": Label("评分项", "criterion"), "score": Label("得分", "score"), "comment": Label("备注", "comment"),
    "tier": Label("档次", "tier"), "vendor_name": Label("投标人", "vendor"), "criterion_name": Label("名称", "name"),
}
# A header holding one of these words is the comment column when it names no other (评分说明, 打分理由, 专家意见); one
# holding a score's word is a second column of scores beside the score column (最终得分, 调整后得分), refused.
COMMENT_WORDS = ("理由", "说明", "意见")
SCORE_WORDS = ("得分", "分数")  # anywhere in the header; in English, a header ending in score(s): final score, not scorer
NAME_COLUMNS = ("vendor_name", "criterion_name")
# A header that says only "name": whose name depends on the column it stands beside (see :func:`name_columns`).
BARE_NAMES = ("name", "名称")


def judge_name(raw: object) -> str:
    """A judge is identified by the trimmed NFKC name.

    >>> judge_name(" 王评委\\u3000")
    '王评委'
    """
    return _text(raw)


def seat_name(raw: object, option: str | None = None) -> str:
    """A panel seat's name (:func:`judge_name`); ``store.judge_needs_name`` when nothing is left of it: a blank, a
    zero-width space or a byte-order mark names no judge, whichever way the seat is made (added, given with the
    judge's role, named in an invitation) or a score sheet is written for it (``option``: the command line's option
    that gave the name, said first: ``--judge: a judge needs a name``).

    >>> seat_name("\\ufeff王评委")
    '王评委'
    >>> seat_name("\\u2800")
    Traceback (most recent call last):
    ...
    bideval.errors.BidEvalError: a judge needs a name
    >>> seat_name("\\u200b")
    Traceback (most recent call last):
    ...
    bideval.errors.BidEvalError: a judge needs a name
    """
    name = judge_name(raw)
    if shows_nothing(name):  # a braille blank (U+2800) shows nothing either (hostile8 H8-4)
        raise BidEvalError.coded("store.judge_needs_name", **({"option": option} if option else {}))
    if len(name) > LONGEST_NAME:  # (PostgreSQL's column refused it: a traceback)
        raise BidEvalError.coded("store.judge_name_too_long", limit=LONGEST_NAME, length=len(name),
                                 **({"option": option} if option else {}))
    return name


@dataclass(frozen=True)
class PanelBook:
    """A panel workbook opened (its package checked) before it is read against the bids, or why it cannot be.
    It may be opened in a reading worker alongside the bid forms and sent back (:func:`bideval.evaluation.run`)."""

    path: Path
    book: Workbook | None
    problems: tuple[Problem, ...]


def open_panel_book(path: Path, apart: bool = False) -> PanelBook:
    """One panel workbook opened, its advice on a damaged package addressed to the panel secretary."""
    book, problems = open_workbook(path, apart=apart, file_role="panel")
    return PanelBook(path, book, tuple(problems))


def read_panel(rubric: Rubric, bids: Iterable[Bid], invalid: Iterable[str],
               paths: Iterable[str | Path], agreed_tiers: Mapping[tuple[str, str], str] | None = None,
               exact_decimals: bool = False, apart: bool = False,
               opened: tuple[list[PanelBook], list[Problem]] | None = None,
               tender: TenderMark | None = None, members: Iterable[str] = ()) -> PanelInput:
    """Read and check panel workbooks against the rubric and the bids, or raise PanelError.

    ``agreed_tiers`` are tiers already agreed elsewhere (the app): scores are checked against them, and a
    Tiers sheet may only repeat them. ``exact_decimals``: refuse a score with more decimals than its
    criterion keeps, as the app's grid does (the command line keeps what it reads). ``apart``: python-calamine
    reads them in a process of its own (:mod:`bideval.reader_process`), as the app's server does.
    ``opened``: the workbooks of ``paths`` already opened (:func:`open_panel_book`) with the problems of expanding
    ``paths`` (:func:`bideval.sheets.expand_paths`); else they are opened here. ``tender``: the app's tender they are
    read into; a score sheet the app made for another tender is refused (:func:`~bideval.rubric_mark.other_tender`).
    ``members``: the panel's members known already (the app's seats, when one judge's score sheet is imported): a sheet
    listing them (评委名单) adds nobody.
    """
    told: list[Problem] = []  # an archive not opened in a panel folder: a warning, as in a bids folder
    if opened is None:
        files, problems = expand_paths(paths, PANEL_SHEETS, told)
        panel_books = [open_panel_book(path, apart) for path in files]
    else:
        panel_books, problems = opened[0], list(opened[1])
    reader = _PanelReader(rubric, {b.vendor_id: b for b in bids}, set(invalid), problems, exact_decimals)
    reader.warnings += told
    reader.seated = frozenset(members)
    for key, tier in (agreed_tiers or {}).items():
        reader.tiers[key] = tier
        reader.tier_where[key] = "the tiers agreed in the app"
    books: list[Workbook] = []
    inputs: list[InputFile] = []
    for panel_book in panel_books:
        problems.extend(panel_book.problems)
        book = panel_book.book
        if book is None:
            continue
        if book.is_ranked():  # a result: its scores an earlier run's
            problems.append(book.ranked_workbook("panel"))
            continue
        made = sheet_tender(book) if tender is not None else None  # (looked for once: refused, or warned of below)
        if tender is not None and (elsewhere := other_tender(book, tender, made)) is not None:
            problems.append(elsewhere)  # a score sheet made for another lot of the same rubric
        elif (other := other_rubric(book, rubric, "panel")) is not None:
            problems.append(other)  # a score sheet made for another lot
        else:
            version = other_version(book, rubric, "panel")  # made before the rubric was amended
            reader.warnings += [version] if version else []
            if tender is not None and made is None and _score_sheet_layout(book):
                # its tender mark removed (Excel's Inspect Document), or made by the command line: it may be another
                # lot's of the same rubric, which cannot be told
                reader.warnings.append(Problem.of("files.no_tender", book.display, tender=tender.id,
                                                  tender_name=tender.name))
            books.append(book)
            inputs.append(InputFile(str(panel_book.path), book.sha256, "panel"))
    # Members and agreed tiers first, from every workbook, so a score is checked against all of them.
    for step in (reader.read_judges, reader.read_tiers, reader.read_scores):
        for book in list(books):
            try:
                step(book)
            except DamagedWorkbook as damaged:
                problems.extend(damaged.problems)
                books.remove(book)  # reported once, not again by the next step
    reader.check_spellings()
    reader.check_headings()
    reader.check_listings()
    reader.check_below_the_list()
    if problems:
        raise PanelError(problems)
    return PanelInput(reader.members(), tuple(reader.scores), dict(reader.tiers), tuple(reader.warnings),
                      tuple(inputs), roles=dict(reader.roles))


class _PanelReader:
    def __init__(self, rubric: Rubric, bids: Mapping[str, Bid], invalid: set[str], problems: list[Problem],
                 exact_decimals: bool = False):
        self.rubric = rubric
        self.exact_decimals = exact_decimals
        self.bids = bids
        self.invalid = invalid
        self.problems = problems
        self.judges_sheet: list[str] | None = None
        self.tiers: dict[tuple[str, str], str] = {}
        self.tier_where: dict[tuple[str, str], str] = {}
        self.tier_refused: set[tuple[str, str]] = set()  # (vendor_id, criterion) whose Tiers row names no tier
        self.tiers_refused = False  # a Tiers sheet refused whole (a hidden column, a merged range…), or a row of it
        # that cannot be told for which bid and criterion
        self.set_aside: dict[str, list[tuple[int, list[Any]]]] = {}  # sheet → its rows refused, the rest read
        # (hidden, struck through), each told at its row
        self.scores: list[Score] = []
        self.seen: dict[tuple[str, str, str], str] = {}
        self.scoring_judges: dict[str, None] = {}  # every judge with a row in Scores, in order
        self.spelled: dict[str, _Spelling] = {}  # each judge's name as written in Scores (no Judges sheet): its rows
        # A judge's, a bid's and a criterion's cell is written again on every row: each spelling is read once
        # (only what was found; a cell that names nothing is told on each row it is on).
        self.judges_seen: dict[tuple[type, Any], str] = {}
        self.vendors_seen: dict[tuple[type, Any], str] = {}
        self.suggested: dict[str, str | None] = {}  # a code naming no bid → the bid's it is a slip of (close_vendor)
        self.criteria_seen: dict[tuple[type, Any], Criterion] = {}
        self.taken: dict[tuple[str, str | None, type, Any], Decimal] = {}  # (criterion, tier, cell) → its score
        # (column kind, vendor_id or criterion id, cell) whose name was found to go with the row: 5 judges write each
        # bidder's name on each of its rows, and each pair is compared once
        self.names_agreed: set[tuple[str, str, type, Any]] = set()
        self.owners: dict[str, dict[str, str]] = {}  # column kind → name folded → whose name it is, made when needed
        self.warnings: list[Problem] = []
        self.listings: list[_Listing] = []  # judges named on a sheet not read (a signature page), checked at the end
        self.seated: frozenset[str] = frozenset()  # members known already (the app's seats)
        self.roles: dict[str, str] = {}  # member → role, as the Judges sheet writes it after the name (组长)
        self.listed_at: dict[str, str] = {}  # member → the Judges cell first listing them (file:sheet!cell)
        # members listed below an empty row or a note under the list (:meth:`check_below_the_list`): (book, sheet, row,
        # column, name, the list's first and last cells above it, the note ending the list: {note, at}, or {})
        self.below_the_list: list[tuple[Workbook, str, int, int, str, str, dict[str, str]]] = []
        # each member's first row on Judges (book, sheet, row index, cells): a second row naming them is compared to it
        self.listed_rows: dict[str, tuple[Workbook, str, int, list]] = {}
        # rows of Judges holding a group's heading alone (技术组), a member only if they score (:meth:`check_headings`),
        # and the positions among them of those with a member listed under them
        self.headings: list[tuple[Workbook, str, int, int, str]] = []
        self.headed: set[int] = set()

    def members(self) -> tuple[str, ...]:
        if self.judges_sheet is not None:
            return tuple(self.judges_sheet)
        return tuple(self.scoring_judges)

    def fail(self, book: Workbook, sheet: str, row: int, column: int, code: str, **facts: Any) -> None:
        self.problems.append(Problem.of(code, book.display, sheet, cell_name(row, column), **facts))

    def expect(self, book: Workbook, sheet: str, row: int, column: int, expected: Expected, found: Any,
               **facts: Any) -> None:
        # file_role: the sentence speaks of a panel sheet (a number shown in 万 is no amount of money here)
        self.problems.append(cell_problem(book.display, sheet, cell_name(row, column), expected, found,
                                          file_role="panel", **facts))

    def text(self, book: Workbook, sheet: str, row: int, column: int, raw: Any, as_typed: bool = False) -> str | None:
        """A name's or comment's cell as text (:func:`_text`); None, told at the cell, when it cannot be: a number of
        more than 15 digits (an 18-digit credit code typed without its apostrophe has lost its last digits)."""
        try:
            return _text(raw, as_typed)
        except ValueProblem as problem:
            self.expect(book, sheet, row, column, problem.expectation, raw)
            return None

    def table(self, book: Workbook, sheet: str, wanted: tuple[str, ...], optional: tuple[str, ...] = (),
              warn_unread: bool = True):
        """The header row's column of each wanted name, the non-blank data rows after it, and the header row.
        ``warn_unread``: warn of each filled column not read (:func:`_unread_columns`)."""
        if book.hidden_sheet(sheet):  # scores, tiers or members nobody sees on screen
            self.problems.append(Problem.of("panel.hidden_sheet", book.display, sheet))
            return None, [], []
        rows = book.rows(sheet)
        start = header_row(rows, lambda row: all(name in {_column_of(t, wanted) for t in row} for name in wanted))
        if start is None:
            return None, [], []
        columns: dict[str, int] = {}
        clash = False
        for c, title in enumerate(rows[start]):
            name = _column_of(title, wanted + optional)
            if name is None:
                continue  # other columns (the score sheet's tier and range, say) are not read here
            if name == "comment" and name in columns and _MORE_COMMENT not in columns:
                columns[_MORE_COMMENT] = c  # 评分理由 and 备注: both kept, one after the other (hostile12)
                continue
            if name in columns:
                self.fail(book, sheet, start, c, "panel.column_twice", heading=_column(name),
                          also=cell_name(start, columns[name]))
                clash = True
                continue
            columns[name] = c
        if "score" in columns:  # a reviewed score beside the first (最终得分): which stands cannot be told
            for c, title in enumerate(rows[start]):
                if c not in columns.values() and _column_of(title, wanted + optional) is None and _names_a_score(
                        title, [_cell(row, c) for row in rows[start + 1:]]):
                    score = columns["score"]
                    self.fail(book, sheet, start, c, "panel.scores_twice", score_column=column_letter(score),
                              heading=normalise(str(rows[start][score])), other_column=column_letter(c),
                              other=normalise(str(title)))
                    clash = True
        found = tuple(normalise(_shown(t)) for t in rows[start] if str(t).strip())  # 1, not 1.0
        missing = [name for name in wanted if name not in columns]
        for name in missing:
            self.fail(book, sheet, start, 0, "panel.missing_column", heading=_column(name), headers=COLUMN_NAMES[name],
                      found=found)
        if missing or clash:
            return None, [], []
        # A hidden column that holds anything (a comment too, which goes on the record unseen) is refused at its
        # header, the sheet not read further; a hidden row's cells are not read, the rest is. A hidden header (or
        # title) row is refused too, as a Bids sheet's is: its headings decide which column is which, unseen.
        hidden_columns = [n for n in book.hidden_columns_held(sheet, rows)
                          if n - 1 in columns.values() or not _shown_only(_cell(rows[start], n - 1))]
        self.problems += [Problem.of("panel.hidden_column", book.display, sheet, cell_name(start, n - 1),
                                     column=column_letter(n - 1)) for n in hidden_columns]
        hidden = book.hidden_rows_held(sheet, rows)
        self.problems += [Problem.of("panel.hidden_row", book.display, sheet, cell_name(number - 1, 0), row=number)
                          for number in sorted(hidden)]
        # A header struck through refuses the sheet at the cell, as a hidden column does; a row with a cell read struck
        # through (a withdrawn score, tier or member) is refused at its row, the rest read, as a hidden row is.
        struck_headers = book.struck_cells(sheet, rows, [(start, c) for c in sorted(columns.values())],
                                           "panel.struck_header")
        self.problems += struck_headers
        if hidden_columns or struck_headers:
            return None, [], []
        data = [(r, rows[r]) for r in range(start + 1, len(rows)) if not is_blank_row(rows[r]) and r + 1 not in hidden]
        # a comment struck through, wholly or in part, is ordinary editing of a free text: it withdraws nothing
        struck = book.struck_rows(sheet, rows, (r for r, _ in data),
                                  (c for name, c in columns.items() if name not in _COMMENT_COLUMNS), "panel.struck",
                                  entry="score" if "score" in wanted else "tier" if "tier" in wanted else "member")
        if struck:
            self.problems += [problem for found in struck.values() for problem in found]
            data = [(r, row) for r, row in data if r not in struck]
        self.set_aside[sheet] = [(r, rows[r]) for r in range(start + 1, len(rows))
                                 if (r + 1 in hidden or r in struck) and not is_blank_row(rows[r])]
        # a comment is kept, not scored: merged over two rows it holds back no score, and the run goes on
        merged = book.merged_problems(sheet, (r for r, _ in data),
                                      (c for name, c in columns.items() if name not in _COMMENT_COLUMNS))
        if merged:  # a judge's name merged over their rows: told once, not as an empty cell on each row
            self.problems += merged
            return None, [], []
        if warn_unread:
            self.warnings += _unread_columns(book, sheet, start, rows[start], columns, data, wanted + optional)
        return columns, data, rows[start]

    def tier_row_key(self, row: list[Any], columns: Mapping[str, int]) -> tuple[str, str] | None:
        """(vendor_id, criterion id) a Tiers row is for, told nowhere: None when its cells do not name a bid and a
        criterion of this tender."""
        try:
            vendor, named = _text(_cell(row, columns["vendor_id"])), _text(_cell(row, columns["criterion"]))
        except ValueProblem:
            return None
        if not vendor or not named:
            return None
        vendor_id, criterion = normalise_vendor_id(vendor), self.rubric.criterion_named(named)
        if vendor_id not in self.bids or criterion is None:
            return None
        return vendor_id, criterion.id

    def read_judges(self, book: Workbook) -> None:
        sheet = book.find(JUDGES_SHEET)
        if sheet is None:
            return
        # (a member's employer, title or telephone beside the name is not the evaluation's: passed over without a word)
        columns, rows, header = self.table(book, sheet, ("judge",), warn_unread=False)
        if columns is None:
            return
        names = self.judges_sheet if self.judges_sheet is not None else []
        column = columns["judge"]
        numbering = _numbering_columns(header, rows, column)
        first = last = previous = None  # the list's first and last member rows; the last row with a name cell filled
        # the list has ended, at an empty row ({}) or at a note under it ({note, at}): a name below is a member or a note?
        ended: dict[str, str] | None = None
        heading: int | None = None  # the last group's heading in self.headings with no member listed under it yet
        for r, row in rows:
            raw = _cell(row, column)
            if isinstance(raw, Unreadable):  # a member nobody can name: never dropped from the panel in silence
                self.expect(book, sheet, r, column, Expected("judge_name"), raw)
                continue
            if is_blank(raw):  # other cells only: a member's name typed elsewhere, or a note (an empty row here)
                self.nameless_row(book, sheet, r, row, column)
                continue
            if ended is None and first is not None and previous is not None and r > previous + 1:
                ended = {}
            previous = r
            name = self.text(book, sheet, r, column, raw)
            if name and shows_nothing(name):  # a braille blank: a member nobody can name (an empty cell is no row)
                self.expect(book, sheet, r, column, Expected("judge_name"), raw)
                continue
            name = _placed(name) if name else name  # 组长：王评委: a member and their place on the panel, in one cell
            if name and len(name) > LONGEST_NAME:  # (the app's database keeps 100: PostgreSQL's was a traceback)
                self.expect(book, sheet, r, column, _judge_within(name), raw)
                continue
            label = _form_label(row, column)  # 制表人： | 张三: the name of who drew the list up, not a member
            if name and (label or _member_note(raw, name)):  # 以上共5人, 注：…, Total: 5, a date: a line of the form
                note = label + _text(raw, as_typed=True)
                self.warnings.append(Problem.of("panel.member_note", book.display, sheet, cell_name(r, column),
                                                found=note))
                # a note ends the list, as an empty row does (赵六 right under 以上共5人 is a member or who drew it up?);
                # a heading of the list's next group (经济专家：) does not
                if ended is None and first is not None and not _heading(note):
                    ended = {"note": note, "at": cell_name(r, column)}
                continue
            if name and _group_heading(name) and all(is_blank(v) for c, v in enumerate(row) if c != column):
                # 技术组 alone on its row: a heading of the list's next group, or a judge so named? Told by Scores
                # (:meth:`check_headings`); meanwhile a member, and neither the list's start nor its end.
                heading = len(self.headings)
                self.headings.append((book, sheet, r, column, name))
                self.member(book, sheet, r, row, column, name, names)
                continue
            if name:
                if heading is not None:  # the heading above heads a member
                    self.headed.add(heading)
                    heading = None
                self.listed_twice(book, sheet, r, column, name, row, numbering)
                self.member(book, sheet, r, row, column, name, names)
                if ended is not None and first is not None and last is not None:  # told once the scores are read
                    self.below_the_list.append((book, sheet, r, column, name,
                                                f"{cell_name(first, column)}–{cell_name(last, column)}", ended))
                else:
                    first, last = (r if first is None else first), r
        self.judges_sheet = names

    def member(self, book: Workbook, sheet: str, r: int, row: list, column: int, written: str,
               names: list[str]) -> None:
        """Add the member a Judges cell names to ``names``, their role in brackets after the name (王评委（组长）,
        Li Wei (Chair): :func:`split_role`) kept apart from it, so the name on Scores matches with or without it. One
        name listed with two roles, or with and without one, is refused: two members that cannot be told apart."""
        name, role = split_role(written)
        where = f"{book.display}:{sheet}!{cell_name(r, column)}"
        if name not in names:
            names.append(name)
            self.listed_at[name] = where
            self.listed_rows[name] = (book, sheet, r, row)
            if role:
                self.roles[name] = role
        elif name_key(self.roles.get(name, "")) != name_key(role):
            first = self.listed_at[name]
            self.fail(book, sheet, r, column, "panel.member_roles", judge=name, written=written,
                      other=with_role(name, self.roles.get(name, "")), at=_relative(first, book))

    def nameless_row(self, book: Workbook, sheet: str, r: int, row: list, column: int) -> None:
        """Refuse a Judges row whose judge cell is empty but which may name a member in another cell (赵六 typed one
        column off, a member's employer with the name left out: :func:`_nameless_member`); warn of one holding only a
        note (a row number, a role, a date, a line of the form). Passed over in silence, a member was lost."""
        held = [(c, v) for c, v in enumerate(row) if c != column and not is_blank(v)]
        named = _nameless_member([v for _, v in held])
        if named is not None:
            at, found = next((cell_name(r, c), _shown(v)) for c, v in held if v is named)
            self.fail(book, sheet, r, column, "panel.member_unnamed", at=at, found=found)
        else:
            self.warnings.append(Problem.of("panel.row_without_member", book.display, sheet, cell_name(r, column),
                                            found=tuple(_shown(v) for _, v in held),
                                            cells=tuple(cell_name(r, c) for c, _ in held)))

    def listed_twice(self, book: Workbook, sheet: str, r: int, column: int, written: str, row: list,
                     numbering: frozenset[int]) -> None:
        """Tell a member listed again on the same Judges sheet with the same role (another role is refused by
        :meth:`member`): warned of when the two rows say the same beside the name (a row number, in the ``numbering``
        columns of :func:`_numbering_columns`, aside), refused when they differ (王伟 of 甲大学 and 王伟 of 丙公司: two
        people of one name, or a mistake). The Judges sheets of several workbooks are added together: a member on each
        is listed once."""
        name, role = split_role(written)
        first = self.listed_rows.get(name)
        if first is None or first[0] is not book or first[1] != sheet or \
                name_key(self.roles.get(name, "")) != name_key(role):
            return
        at = _relative(self.listed_at[name], book)
        differ = next((c for c in range(max(len(first[3]), len(row))) if c != column and c not in numbering
                       and _compared(_cell(first[3], c)) != _compared(_cell(row, c))), None)
        if differ is None:
            self.warnings.append(Problem.of("panel.member_twice", book.display, sheet, cell_name(r, column),
                                            judge=name, at=at))
        else:
            self.fail(book, sheet, r, column, "panel.member_rows_differ", judge=name, at=at,
                      cells=(cell_name(first[2], differ), cell_name(r, differ)),
                      found=(_shown(_cell(first[3], differ)), _shown(_cell(row, differ))))

    def check_headings(self) -> None:
        """A group's heading without a colon (技术组, 商务小组, Technical panel), alone on its row of Judges, with no row
        on Scores is no member: warned of and taken off the list (read as one, the result had waited for scores from
        技术组). A judge so named who scores sits on the panel. One with no member listed under it (the last of the
        list, or right above another heading) is refused: a heading of nobody, or a member yet to score (陈组, dropped
        as a heading, had left the result final without their scores)?"""
        scored = {judge for judge, _, _ in self.seen}
        for k, (book, sheet, r, column, name) in enumerate(self.headings):
            if name in scored:
                continue
            if k not in self.headed:
                self.fail(book, sheet, r, column, "panel.heading_of_nobody", found=name, scores=SCORES_SHEET)
                continue
            self.warnings.append(Problem.of("panel.group_heading", book.display, sheet, cell_name(r, column),
                                            found=name, scores=SCORES_SHEET))
            if self.judges_sheet is not None and name in self.judges_sheet:
                self.judges_sheet.remove(name)
                self.roles.pop(name, None)

    def check_below_the_list(self) -> None:
        """Refuse a member listed on Judges below an empty row or a note under the list who has no row on Scores: a member who has
        not scored yet and a note under the list (a chair's remark, the person who drew it up) cannot be told apart,
        and read as a member the result would wait for their scores. One with a row on Scores sits on the panel."""
        scored = {judge for judge, _, _ in self.seen}
        for book, sheet, r, column, name, above, ended in self.below_the_list:
            if split_role(name)[0] not in scored:
                self.fail(book, sheet, r, column, "panel.member_below_list", judge=name, above=above,
                          scores=SCORES_SHEET, **ended)

    def vendor(self, book: Workbook, sheet: str, r: int, column: int, raw: Any) -> str | None:
        key = (raw.__class__, raw)
        known = self.vendors_seen.get(key)
        if known is not None:
            return known
        text = self.text(book, sheet, r, column, raw)
        if text is None:
            return None
        vendor_id = normalise_vendor_id(text)
        if vendor_id in self.bids:
            self.vendors_seen[key] = vendor_id
        else:
            if vendor_id not in self.suggested:  # (a judge's every row under one mistyped code: looked for once)
                self.suggested[vendor_id] = close_vendor(vendor_id, self.bids)
            self.expect(book, sheet, r, column, Expected("vendor", {"suggestion": self.suggested[vendor_id]}), raw)
            return None
        return vendor_id

    def criterion(self, book: Workbook, sheet: str, r: int, column: int, raw: Any,
                  allowed: tuple[Criterion, ...], role: str) -> Criterion | None:
        key = (raw.__class__, raw)
        criterion = self.criteria_seen.get(key)
        if criterion is not None:
            return criterion
        text = self.text(book, sheet, r, column, raw)
        if text is None:
            return None
        criterion = self.rubric.criterion_named(text) if text else None
        if criterion is None:
            self.expect(book, sheet, r, column, Expected("criterion_of", {"role": role, "criteria": _named(allowed)}),
                        raw)
        else:
            self.criteria_seen[key] = criterion
        return criterion

    def read_tiers(self, book: Workbook) -> None:
        sheet = book.find(TIERS_SHEET)
        if sheet is None:
            return
        told = len(self.problems)
        columns, rows, header = self.table(book, sheet, ("vendor_id", "criterion", "tier"))
        if columns is None:  # refused whole: a score without its tier for that is not told again
            self.tiers_refused = self.tiers_refused or len(self.problems) > told
            return
        for _, row in self.set_aside.get(sheet, ()):  # a row refused (hidden, struck): its scores wait for it
            key = self.tier_row_key(row, columns)
            if key is None:  # whose it is cannot be told: no score is said to lack its tier
                self.tiers_refused = True
            else:
                self.tier_refused.add(key)
        names = name_columns(header, columns)
        tiered = tuple(c for c in self.rubric.criteria if isinstance(c, Tiered))
        for (above, _), (r, row) in zip([(None, None), *rows], rows):
            if self.entry_alone(book, sheet, r, row, columns, names, "tier", above) or self.note_row(
                    book, sheet, r, row, [columns["criterion"], columns["tier"]], names, columns["vendor_id"]):
                continue
            vendor_id = self.vendor(book, sheet, r, columns["vendor_id"], _cell(row, columns["vendor_id"]))
            raw_criterion = _cell(row, columns["criterion"])
            criterion = self.criterion(book, sheet, r, columns["criterion"], raw_criterion, tiered, "tiered")
            if criterion is not None and not isinstance(criterion, Tiered):
                self.fail(book, sheet, r, columns["criterion"], "panel.not_tiered", criterion=_named_one(criterion),
                          kind=criterion.kind.value, tiered=_named(tiered))
                criterion = None
            if names and vendor_id is not None and criterion is not None \
                    and not self.names_agree(book, sheet, r, row, names, vendor_id, criterion, entered="tier"):
                self.tier_refused.add((vendor_id, criterion.id))  # the tier was agreed beside another's name
                continue
            raw = _cell(row, columns["tier"])
            tier = None
            written = self.text(book, sheet, r, columns["tier"], raw) if isinstance(criterion, Tiered) else ""
            if written is None:
                if vendor_id is not None and isinstance(criterion, Tiered):
                    self.tier_refused.add((vendor_id, criterion.id))  # told at its Tiers cell, not at each score
                continue
            if isinstance(criterion, Tiered) and isinstance(raw, Unreadable):  # not "none agreed yet": unreadable
                self.expect(book, sheet, r, columns["tier"],
                            Expected("tier_of", {"criterion": _named_one(criterion), "tiers": criterion.tiers}), raw)
            elif isinstance(criterion, Tiered) and written:
                tier = criterion.tier(written)
                if tier is None:
                    self.expect(book, sheet, r, columns["tier"],
                                Expected("tier_of", {"criterion": _named_one(criterion), "tiers": criterion.tiers}),
                                raw)
                    if vendor_id is not None:
                        self.tier_refused.add((vendor_id, criterion.id))
            if vendor_id is None or tier is None or criterion is None:
                continue  # a blank tier: none agreed yet for this bid
            key = (vendor_id, criterion.id)
            if key in self.tiers and self.tiers[key] != tier.id:
                self.fail(book, sheet, r, columns["tier"], "panel.tier_conflict", tier=tier, vendor_id=vendor_id,
                          criterion=_named_one(criterion), agreed=criterion.tier(self.tiers[key]),
                          at=_relative(self.tier_where[key], book))
                continue
            self.tiers[key] = tier.id
            self.tier_where.setdefault(key, f"{book.display}:{sheet}!{cell_name(r, columns['tier'])}")

    def read_scores(self, book: Workbook) -> None:
        elsewhere = self.unread_scores(book)
        sheet = book.find(SCORES_SHEET)
        if sheet is None:
            # A workbook holding only the agreed tiers or the members is fine; one holding none is not a panel workbook.
            if book.find(TIERS_SHEET) is None and book.find(JUDGES_SHEET) is None and not elsewhere:
                self.problems.append(Problem.of("panel.no_scores_sheet", book.display, scores=SCORES_SHEET,
                                                tiers=TIERS_SHEET, found=tuple(book.sheet_names)))
            return
        columns, rows, header = self.table(book, sheet, ("judge", "vendor_id", "criterion", "score"), ("comment",))
        if columns is None:
            return
        names = name_columns(header, columns)
        for (above, _), (r, row) in zip([(None, None), *rows], rows):
            if not self.entry_alone(book, sheet, r, row, columns, names, "score", above) and not self.note_row(
                    book, sheet, r, row, [columns["criterion"], columns["score"]], names, columns["vendor_id"]):
                self.read_score(book, sheet, columns, r, row, names)

    def entry_alone(self, book: Workbook, sheet: str, r: int, row: list, columns: Mapping[str, int],
                    names: tuple[tuple[str, int], ...], entry: str, above: int | None) -> bool:
        """Whether a Scores or Tiers row holds its score or tier (``entry``) with no judge, bid or criterion beside it
        (a number typed alone far below the table): refused once at that cell, saying what its row lacks and how far
        below the filled row ``above`` it stands, not at each empty cell beside it (three problems, none at the
        score). A comment beside it changes nothing: whose score it is still cannot be told."""
        at = columns[entry]
        owners = [c for name, c in columns.items() if name in _ROW_OWNERS] + [c for _, c in names]
        if is_blank(_cell(row, at)) or not all(is_blank(_cell(row, c)) for c in owners):
            return False
        self.problems.append(Problem.of(
            "panel.entry_alone", book.display, sheet, cell_name(r, at), entry=entry, found=_cell(row, at), row=r + 1,
            columns=tuple(_column(name) for name in _ROW_OWNERS if name in columns),
            above=None if above is None or above == r - 1 else above + 1))
        return True

    def note_row(self, book: Workbook, sheet: str, r: int, row: list, read: list[int],
                 names: tuple[tuple[str, int], ...], vendor: int) -> bool:
        """Whether a row of Scores or Tiers names no criterion and gives no score or tier (``read``: those columns),
        only words beside them (评委签字：, 组长签字：, 日期): a line of the form, not a row of it, warned of and passed
        over, as it holds nothing to read (conform14: refused at each empty cell). A stray score is still refused, and
        so is a row naming a bid (its code or name) in its ``vendor`` column: a judge's row that lost its criterion and score (a judge
        whose every row was passed over so had dropped out of the panel, the result final without them)."""
        if not all(is_blank(_cell(row, c)) for c in read + [c for kind, c in names if kind == "criterion_name"]):
            return False
        try:
            named = _text(_cell(row, vendor))
        except ValueProblem:  # (no text: no bid's code or name either)
            named = ""
        if named and (normalise_vendor_id(named) in self.bids or self.bidder_in(named) is not None):
            return False
        at = next(c for c, v in enumerate(row) if not is_blank(v))
        self.warnings.append(Problem.of("panel.row_not_read", book.display, sheet, cell_name(r, at),
                                        row=r + 1, found=_text(row[at], as_typed=True)))
        return True

    def unread_scores(self, book: Workbook) -> bool:
        """Refuse a sheet other than the panel sheets that holds one of their tables (:meth:`other_table`) with rows
        below its header: scores (评分, Sheet1, Scores (2)), agreed tiers (Tiers (2), 定档), or scores in a layout
        bid-eval does not read (a judge's tab 李评委 without a judge column, one column per criterion, bidders by name
        alone). Never read, its rows would be missing in silence and the result could look final without them. A sheet
        naming judges (评委名单, a signature page) is kept for :meth:`check_listings`. Whether a sheet holds scores."""
        scores = False
        known = {book.find(name) for name in (SCORES_SHEET, TIERS_SHEET, JUDGES_SHEET)}
        for sheet in book.sheet_names:
            if sheet in known:
                continue
            rows = book.rows(sheet)
            table = self.other_table(rows)
            if table is None:
                continue
            below = [r for r in range(table.row + 1, len(rows)) if not is_blank_row(rows[r])]
            if not below:
                continue  # a header with nothing under it (a template's) holds nothing to lose
            hidden = book.hidden_sheet(sheet)
            if table.kind == JUDGES_SHEET:
                self.listings.append(_Listing(book, sheet, tuple(
                    (r, c, name) for r in below for c in table.columns["judge"]
                    if (name := _name_in(_cell(rows[r], c)))), hidden))
                continue
            scores = scores or table.kind != TIERS_SHEET
            beside = {"beside": book.find(table.kind) is not None} if table.kind in PANEL_SHEETS else {}
            facts = {**_layout_facts(table), "scores": SCORES_SHEET} if table.kind == _LAYOUT else \
                {table.kind.lower(): table.kind, **beside}
            self.problems.append(Problem.of(_ELSEWHERE_CODES[table.kind], book.display, sheet, hidden=hidden, **facts))
        return scores

    def other_table(self, rows: list[list[Any]]) -> _OtherTable | None:
        """The panel table a sheet not read holds, by its header among its first :data:`_HEADER_SEARCH` filled rows
        (below titles of any shape, a title in two cells too): a Scores header (judge, vendor_id, criterion, score), a
        Tiers header (vendor_id, criterion, tier), a header of scores in another layout (a bidder's code or name beside
        a score column or panel criteria as columns, with or without a judge column), or a judge column alone, in that
        order of precedence. None: no such header."""
        found: _OtherTable | None = None
        filled = [r for r, row in enumerate(rows) if not is_blank_row(row)][:_HEADER_SEARCH]
        for r in filled:
            named: dict[str, list[int]] = {}
            for c, title in enumerate(rows[r]):
                kind = _column_of(title, _ALL_COLUMNS)
                if kind is not None:
                    named.setdefault(kind, []).append(c)
            criteria = tuple(dict.fromkeys(x for title in rows[r] if (x := self.header_criterion(title)) is not None))
            kind = _table_kind(set(named), criteria)
            if kind is not None and (found is None or _PRECEDENCE.index(kind) < _PRECEDENCE.index(found.kind)):
                found = _OtherTable(kind, r, named, criteria)
        if found is None or found.kind == JUDGES_SHEET:  # headings read nowhere: the bidders' own names may show it
            return (self.bidders_across(rows, filled) or self.bidders_down(rows)
                    or self.under_a_bidder_heading(rows, filled) or found)
        return found

    def under_a_bidder_heading(self, rows: list[list[Any]], filled: list[int]) -> _OtherTable | None:
        """Scores laid out with bidders down under a bidder heading (投标人, 供应商, vendor_id), named in the sheet's own
        way (a short name, 1号: hostile12 H12-13, a judge's tab passed over and the result final without them), and
        beside them a column of numbers that can be points (0 to the rubric's total), headed other than as a row number
        or a summary (:func:`_summary_label`). None: no such table."""
        most = self.rubric.max_total
        for r in filled:
            header = rows[r]
            bidder = next((c for c, t in enumerate(header)
                           if _column_of(t, _ALL_COLUMNS) in ("vendor_id", "vendor_name")), None)
            if bidder is None:
                continue
            below = [row for row in rows[r + 1:] if not is_blank(_cell(row, bidder))]
            if len(below) < 2:
                continue
            for c, title in enumerate(header):
                if c == bidder or is_blank(title) or _column_of(title, _ALL_COLUMNS) is not None \
                        or _for_the_eye(title) or _summary_label(title):
                    continue
                points = [_cell(row, c) for row in below if _is_number(_cell(row, c))]
                if len(points) >= 2 and all(0 <= (parse_number(v) or 0) <= most for v in points):
                    return _OtherTable(_LAYOUT, r, {"vendor_name": [bidder]}, ())
        return None

    def bidder_in(self, raw: Any) -> str | None:
        """The vendor_id of the tender's bid a cell names, by its code or its name as in the bid (compared by
        :func:`name_key`, as a Scores row's name cell is), else None."""
        if not isinstance(raw, str) or not raw.strip():
            return None
        return self.owner("vendor_name", name_key(raw))

    def bidders_across(self, rows: list[list[Any]], filled: list[int]) -> _OtherTable | None:
        """Scores laid out with bidders across (the 专家打分表 with criteria down): a header row naming two or more of
        the tender's bidders, and below it a row of numbers under them labelled other than as a summary
        (:func:`_summary_label`). None: no such table."""
        for r in filled:
            across = {c: vendor for c, title in enumerate(rows[r]) if (vendor := self.bidder_in(title)) is not None}
            if len(set(across.values())) < 2:
                continue
            lines = [row for row in rows[r + 1:] if any(_is_number(_cell(row, c)) for c in across)]
            labels = [next((t for c, t in enumerate(row) if c not in across and not is_blank(t)), None) for row in lines]
            if any(not _summary_label(label) for label in labels):
                criteria = tuple(dict.fromkeys(x for label in labels if (x := self.header_criterion(label)) is not None))
                return _OtherTable(_LAYOUT, r, {}, criteria,
                                   tuple(normalise(str(rows[r][c])) for c in sorted(across)))
        return None

    def bidders_down(self, rows: list[list[Any]]) -> _OtherTable | None:
        """Scores laid out with bidders down under headings read nowhere (运营管理, 技术分): a column naming two or
        more of the tender's bidders, and beside them a column of numbers headed other than as a row number or a
        summary (:func:`_summary_label`). None: no such table."""
        width = max((len(row) for row in rows), default=0)
        for c in range(width):
            down = {r: vendor for r, row in enumerate(rows) if (vendor := self.bidder_in(_cell(row, c))) is not None}
            if len(set(down.values())) < 2:
                continue
            first = min(down)
            start = next((r for r in range(first - 1, -1, -1) if not is_blank_row(rows[r])), None)
            header = rows[start] if start is not None else []
            for other in range(width):
                title = _cell(header, other)
                if other == c or not any(_is_number(_cell(rows[r], other)) for r in down):
                    continue
                if (not is_blank(title) and _for_the_eye(title)) or _summary_label(title):
                    continue
                named = {kind: [n] for n, t in enumerate(header) if (kind := _column_of(t, _ALL_COLUMNS)) is not None}
                criteria = tuple(dict.fromkeys(x for t in header if (x := self.header_criterion(t)) is not None))
                by_code = all(normalise_vendor_id(str(rows[r][c])) in self.bids for r in down)
                return _OtherTable(_LAYOUT, first - 1 if start is None else start,
                                   {"vendor_id" if by_code else "vendor_name": [c], **named}, criteria)
        return None

    def header_criterion(self, title: Any) -> Criterion | None:
        """The panel criterion a header names (its id or name, or one side of ``中文 / English``), else None. A header
        saying its numbers are a summary (``运营管理能力（平均）``, :func:`_summary_label`) names none: an office's
        summary of each criterion's average per bidder holds no judge's score. A summary word in the criterion's own
        name (报价合理性) does not count."""
        if not isinstance(title, str) or not title.strip():
            return None
        found = self.named_criterion(title)
        if found is not None and _summary_words(title) - {w for n in (found.id, found.name.zh, found.name.en)
                                                          for w in _summary_words(n)}:
            return None
        return found

    def named_criterion(self, title: str) -> Criterion | None:
        """The panel criterion a header names, by id or name, or shortened or lengthened (:meth:`header_criterion`)."""
        for text in (title, *title.split("/")):
            criterion = self.rubric.criterion_named(text) if text.strip() else None
            if criterion is not None and criterion.is_panel:
                return criterion
        # a name shortened or lengthened (运营管理 for 运营管理能力, 服务方案评分): one criterion's alone
        close = {c.id: c for text in (title, *title.split("/")) for c in self.rubric.criteria
                 if c.is_panel and any(_close_name(name_key(text), name_key(n)) for n in (c.name.zh, c.name.en))}
        return next(iter(close.values())) if len(close) == 1 else None

    def check_listings(self) -> None:
        """Refuse a sheet not read that names a judge who is not a member (:meth:`members`: the Judges sheet's, else
        those who scored): that judge would not be counted, and the result could say final without their scores. A
        sheet naming only members (a signature page 签字页: 评委 / 签字 / 日期, a summary per judge) adds nobody, and is
        left alone; so is one naming the app's seats (:attr:`seated`) when one judge's score sheet is imported."""
        members = set(self.members()) | self.seated
        members |= {split_role(m)[0] for m in members}  # (王评委（组长） scoring without a Judges sheet: 王评委 signs)
        for listing in self.listings:
            others: dict[str, tuple[int, int]] = {}
            for r, c, name in listing.names:
                role = _WITH_ROLE.fullmatch(normalise(name))  # (张三（组长）: a member and their role on the panel)
                if name not in members and (role is None or role.group(1) not in members):
                    others.setdefault(name, (r, c))
            if others:
                r, c = next(iter(others.values()))
                self.problems.append(Problem.of(
                    "panel.judges_elsewhere", listing.book.display, listing.sheet, cell_name(r, c),
                    judges=JUDGES_SHEET, others=tuple(others), listed=self.judges_sheet is not None,
                    hidden=listing.hidden))

    def read_score(self, book: Workbook, sheet: str, columns: Mapping[str, int], r: int, row: list,
                   names: tuple[tuple[str, int], ...] = ()) -> None:
        before = len(self.problems)
        raw_judge = _cell(row, columns["judge"])
        judge = self.judges_seen.get((raw_judge.__class__, raw_judge))
        if judge is None:
            judge = self.text(book, sheet, r, columns["judge"], raw_judge)
            if judge is None:
                return
            self.judges_seen[(raw_judge.__class__, raw_judge)] = judge
        if shows_nothing(judge):  # (a braille blank names nobody either)
            self.expect(book, sheet, r, columns["judge"], Expected("judge_name"), raw_judge)
        elif len(judge) > LONGEST_NAME:  # (the app's database keeps 100: PostgreSQL's was a traceback)
            self.expect(book, sheet, r, columns["judge"], _judge_within(judge), raw_judge)
        elif self.judges_sheet is None:
            self.spelling(judge, book, sheet, r, columns["judge"])
        elif judge not in self.judges_sheet:
            member = self.member_named(judge)  # 王评委（组长） as the Judges sheet lists them, for the member 王评委
            if member is None:
                headings = {heading for *_, heading in self.headings}  # (技术组: no member to name, unless it scores)
                self.expect(book, sheet, r, columns["judge"],
                            Expected("judge_member", {"sheet": JUDGES_SHEET, "members": tuple(
                                m for m in self.judges_sheet if m not in headings)}),
                            raw_judge)
            else:
                judge = member
        vendor_id = self.vendor(book, sheet, r, columns["vendor_id"], _cell(row, columns["vendor_id"]))
        panel = self.rubric.panel_criteria
        raw_criterion = _cell(row, columns["criterion"])
        criterion = self.criterion(book, sheet, r, columns["criterion"], raw_criterion, panel, "panel")
        if criterion is not None and not criterion.is_panel:
            self.fail(book, sheet, r, columns["criterion"], "panel.not_panel", criterion=_named_one(criterion),
                      kind=criterion.kind.value, panel=_named(panel))
            criterion = None
        if len(self.problems) > before or vendor_id is None or criterion is None:
            return
        if names and not self.names_agree(book, sheet, r, row, names, vendor_id, criterion):
            return  # the score was typed beside another bidder's or criterion's name: booked on neither
        score_column = columns["score"]
        where = f"{book.display}:{sheet}!{column_letter(score_column)}{r + 1}"
        key = (judge, vendor_id, criterion.id)
        if key in self.seen:
            self.fail(book, sheet, r, score_column, "panel.scored_twice", judge=judge, vendor_id=vendor_id,
                      criterion=_named_one(criterion), at=_relative(self.seen[key], book))
            return
        self.seen[key] = where
        # A member even when every row is for an invalid bid: they must still score every valid one (rules.md).
        self.scoring_judges[judge] = None
        raw = _cell(row, score_column)
        comments = [self.text(book, sheet, r, columns[name], _cell(row, columns[name]), as_typed=True)
                    for name in _COMMENT_COLUMNS if name in columns]
        if None in comments:
            return
        comment = "\n".join(c for c in comments if c)  # (a reason and a remark, each as typed)
        if vendor_id in self.invalid:
            if _text(raw):
                self.warnings.append(Problem.of("panel.invalid_bid_score", book.display, sheet,
                                                cell_name(r, score_column), vendor_id=vendor_id))
            return
        tier_id = self.tiers.get((vendor_id, criterion.id))
        # The same score under the same criterion and tier is allowed again (5 judges write 8 on 2,000 bids):
        # remembered once taken, for a plain number or text; never a zero (0.0 and -0.0 are equal keys, and -0 is
        # refused).
        remembered = raw.__class__ in _REMEMBERED and bool(raw)
        taken = (criterion.id, tier_id, raw.__class__, raw)
        score = self.taken.get(taken) if remembered else None
        if score is not None:
            self.scores.append(Score(judge, vendor_id, criterion.id, score, comment, where))
            return
        typed = without_points(raw)  # 4分: the score 4 with its unit
        try:
            score = parse_choice(criterion, typed)  # a grade picked from the score sheet's drop-down
            if score is None:
                score = parse_number(typed)
        except ValueProblem as problem:  # (0,500: a comma after a leading 0 said as one)
            self.expect(book, sheet, r, score_column, said_as(problem, _expected_number(criterion, tier_id, raw)), raw)
            return
        if score is None:
            # Not yet given: missing, not an error (the bid is incomplete).
            self.scores.append(Score(judge, vendor_id, criterion.id, None, comment, where))
            return
        refusal = check_score(criterion, tier_id, score, self.rubric.places(criterion) if self.exact_decimals else None)
        if refusal is not None and refusal.reason == NO_TIER and (
                self.tiers_refused or (vendor_id, criterion.id) in self.tier_refused):
            return  # its Tiers row or sheet is refused already: that is the problem to put right, not each score of it
        if refusal is not None and refusal.reason == NO_TIER:
            self.fail(book, sheet, r, score_column, "panel.no_tier", vendor_id=vendor_id,
                      criterion=_named_one(criterion), tiers_sheet=TIERS_SHEET,
                      tiers=criterion.tiers if isinstance(criterion, Tiered) else (), score=score, reason=NO_TIER)
            return
        if refusal is not None:
            self.expect(book, sheet, r, score_column, Expected("refusal", {"refusal": refusal}), score,
                        **_refusal_data(refusal))
            return
        if remembered:
            self.taken[taken] = score
        self.scores.append(Score(judge, vendor_id, criterion.id, score, comment, where))

    def spelling(self, judge: str, book: Workbook, sheet: str, r: int, column: int) -> None:
        """Note a Scores row's judge as written, for :meth:`check_spellings`."""
        where = f"{book.display}:{sheet}!{cell_name(r, column)}"
        found = self.spelled.get(judge)
        if found is None:
            self.spelled[judge] = _Spelling(book, sheet, cell_name(r, column), where, where)
        else:
            found.last = where
            found.rows += 1

    def member_named(self, written: str) -> str | None:
        """The member a Scores cell names with a role in brackets after the name (王评委（组长）), when the Judges sheet
        gives that member that role; else None (another role, or none listed, names someone else)."""
        name, role = split_role(written)
        if role and name in (self.judges_sheet or ()) and name_key(self.roles.get(name, "")) == name_key(role):
            return name
        return None

    def check_spellings(self) -> None:
        """Refuse a judge's name written two ways in Scores (no Judges sheet): ``王 评委`` on one row, ``王评委`` on the
        rest counted a sixth judge who owes every other score, and the result was provisional with nobody named.
        Names that differ only in spaces or letter case (:func:`name_key`) are one judge's; each spelling but the
        one on most rows is refused at its first cell. A Judges sheet listing both makes them two members."""
        by_key: dict[str, list[str]] = {}
        for judge in self.spelled:  # (王评委（组长） on one row and 王评委 on the rest: one judge's name, written two ways)
            by_key.setdefault(name_key(split_role(judge)[0]), []).append(judge)
        for spellings in by_key.values():
            if len(spellings) < 2:
                continue
            usual = max(spellings, key=lambda judge: self.spelled[judge].rows)  # the first of equals
            kept = self.spelled[usual]
            for judge in spellings:
                if judge == usual:
                    continue
                other = self.spelled[judge]
                self.problems.append(Problem.of(
                    "panel.judge_spelling", other.book.display, other.sheet, other.cell, judge=judge, rows=other.rows,
                    usual=usual, usual_rows=kept.rows, first=_relative(kept.first, other.book),
                    last=_relative(kept.last, other.book), judges_sheet=JUDGES_SHEET,
                    role=bool(split_role(judge)[1] or split_role(usual)[1])))

    def names_agree(self, book: Workbook, sheet: str, r: int, row: list, names: tuple[tuple[str, int], ...],
                    vendor_id: str, criterion: Criterion, entered: str = "score") -> bool:
        """Whether every name cell of a Scores or Tiers row names the row's own bidder or criterion; each one that does not
        is refused at its cell (``entered``: ``tier`` on the Tiers sheet, said in the problem). An empty cell names nothing
        and passes (a sheet made by hand)."""
        agree = True
        agreed = self.names_agreed
        tier = {"entered": entered} if entered == "tier" else {}  # a fact of the problem on a Tiers row
        for kind, column in names:
            raw = row[column] if column < len(row) else None
            if raw is None or raw == "":
                continue
            seen = (kind, vendor_id if kind == "vendor_name" else criterion.id, raw.__class__, raw)
            if seen in agreed:
                continue
            text = self.text(book, sheet, r, column, raw)
            if text is None:  # a number of 16 digits or more: told at its cell
                agree = False
                continue
            name = name_key(text)
            if not name or name in self.spellings(kind, vendor_id, criterion):
                agreed.add(seen)
                continue
            agree = False
            owner = self.owner(kind, name)
            if kind == "vendor_name":
                self.fail(book, sheet, r, column, "panel.bidder_name_disagrees", vendor_id=vendor_id,
                          expected=self.bids[vendor_id].vendor_name, found=raw, owner=owner, **tier)
            else:
                self.fail(book, sheet, r, column, "panel.criterion_name_disagrees", criterion=_named_one(criterion),
                          found=raw, owner=_named_one(self.rubric.criterion_index[owner]) if owner else None, **tier)
        return agree

    def spellings(self, kind: str, vendor_id: str, criterion: Criterion) -> set[str]:
        """How a name cell may name the row's bidder (its name as in the bid, or its vendor_id) or criterion (its id,
        or its name in either language), each as :func:`name_key` compares it."""
        if kind == "vendor_name":
            return {name_key(self.bids[vendor_id].vendor_name or ""), name_key(vendor_id)}
        return {name_key(criterion.id), name_key(criterion.name.zh), name_key(criterion.name.en)}

    def owner(self, kind: str, name: str) -> str | None:
        """The vendor_id of the bid, or the id of the criterion, that a name cell names instead (None: nobody's)."""
        if kind not in self.owners:
            owners: dict[str, str] = {}
            if kind == "vendor_name":
                for vendor_id, bid in self.bids.items():
                    owners.setdefault(name_key(bid.vendor_name or ""), vendor_id)
                    owners.setdefault(name_key(vendor_id), vendor_id)
            else:
                for c in self.rubric.criteria:
                    for spelling in (c.id, c.name.zh, c.name.en):
                        owners.setdefault(name_key(spelling), c.id)
            owners.pop("", None)
            self.owners[kind] = owners
        return self.owners[kind].get(name)


_REMEMBERED = (int, float, str)
_ROW_OWNERS = ("judge", "vendor_id", "criterion")  # the columns saying whose score or tier a row holds


@dataclass
class _Spelling:
    """A judge's name as written on Scores: its first cell (where a variant is refused), its last, its row count."""

    book: Workbook
    sheet: str
    cell: str
    first: str  # file:sheet!cell
    last: str
    rows: int = 1


def _expected_number(criterion: Criterion, tier_id: str | None, raw: object) -> Expected:
    """What a score cell must hold, for the message on a cell that is not a number (``raw``: what it holds)."""
    if isinstance(criterion, Judged) and criterion.grades:
        # 8 · 无 where 8 is 有: the grade does not go with it; else no grade at all (the app's grid says it alike)
        return Expected("refusal", {"refusal": grade_refusal(criterion, raw)})
    low, high, tier = allowed_range(criterion, tier_id) or (Decimal(0), criterion.max, None)
    return Expected("score_range", {"low": low, "high": high, "tier": tier})


def _refusal_data(refusal: ScoreRefusal) -> dict[str, Any]:
    """A refused score's facts for the problem's data: criterion, reason, score, range, tier, grades, step, decimals."""
    return {"criterion": refusal.criterion.id, "reason": refusal.reason, "score": refusal.score,
            "range": (refusal.low, refusal.high), "tier": refusal.tier.id if refusal.tier else None,
            "grades": refusal.grades, "step": refusal.step, "decimals": refusal.decimals}


def _score_sheet_layout(book: Workbook) -> bool:
    """Whether ``book``'s Scores sheet is headed as the score sheet bid-eval writes (:mod:`bideval.scoresheet`)."""
    sheet = book.find(SCORES_SHEET)
    try:
        rows = book.rows(sheet) if sheet is not None else []
    except DamagedWorkbook:  # (told when the sheet is read)
        return False
    header = next((row for row in rows if not is_blank_row(row)), [])
    return tuple(name_key(str(t)) for t in header if not is_blank(t)) in _SCORE_SHEET_KEYS


_SCORE_SHEET_KEYS = {tuple(map(name_key, headers)) for headers in SCORE_SHEET_HEADERS.values()}


def _relative(where: str, book: Workbook) -> str:
    """``file:sheet!cell`` without the file when it is ``book`` itself, as the message already names it."""
    prefix = f"{book.display}:"
    return where[len(prefix):] if where.startswith(prefix) else where


# A panel table on a sheet of another name (:meth:`_PanelReader.other_table`): its kind is the sheet it belongs on, or
# _LAYOUT for scores in a layout bid-eval does not read; when a sheet's rows name several, the first of _PRECEDENCE.
_LAYOUT = "layout"
_PRECEDENCE = (SCORES_SHEET, TIERS_SHEET, _LAYOUT, JUDGES_SHEET)
_ELSEWHERE_CODES = {SCORES_SHEET: "panel.scores_elsewhere", TIERS_SHEET: "panel.tiers_elsewhere",
                    _LAYOUT: "panel.scores_layout"}
# The filled rows of such a sheet looked at for its header: up to TITLE_ROWS titles, and one row more, of any shape (a
# fourth title, a title in two cells), as a Bids sheet's header is looked for; a panel sheet's own header under such
# rows is refused, not read.
_HEADER_SEARCH = TITLE_ROWS + 2
_ALL_COLUMNS = tuple(COLUMN_NAMES)
# Headers of columns that are only for the eye, passed over without a word: those a judge's score sheet writes beside
# the columns read (min, max; the tier, a bidder's and a criterion's name are panel columns) and a row number.
_FOR_THE_EYE = frozenset(map(name_key, ("min", "max", "最低", "最高", "满分", "序号", "no", "no.", "#")))
_FOR_THE_EYE_COLUMNS = ("tier", "vendor_name", "criterion_name")


@dataclass(frozen=True)
class _OtherTable:
    """A panel table's header on a sheet not read: its kind (a sheet's name or _LAYOUT), its row (from 0), the
    columns it names (kind → columns, from 0) and the panel criteria it names as columns."""

    kind: str
    row: int
    columns: Mapping[str, list[int]]
    criteria: tuple[Criterion, ...]
    bidders: tuple[str, ...] = ()  # the headings naming bidders, when they stand across (one column per bidder)


@dataclass(frozen=True)
class _Listing:
    """The judges a sheet not read names: (row, column, name) of each cell, from 0."""

    book: Workbook
    sheet: str
    names: tuple[tuple[int, int, str], ...]
    hidden: bool


def _table_kind(named: set[str], criteria: tuple[Criterion, ...]) -> str | None:
    """Which panel table a header naming the columns ``named`` (and ``criteria`` as columns) is, else None."""
    if {"judge", "vendor_id", "criterion", "score"} <= named:
        return SCORES_SHEET
    if {"vendor_id", "criterion", "tier"} <= named:
        return TIERS_SHEET
    if named & {"vendor_id", "vendor_name"} and ("score" in named or criteria):
        return _LAYOUT
    return JUDGES_SHEET if "judge" in named else None


def _layout_facts(table: _OtherTable) -> dict[str, Any]:
    """What keeps a table of scores from being read (:data:`_LAYOUT`), as a problem's facts."""
    return {"judge": "judge" in table.columns, "vendor_id": "vendor_id" in table.columns,
            "criterion": "criterion" in table.columns, "by_criterion": _named(table.criteria),
            "judge_headers": COLUMN_NAMES["judge"], "by_bidder": table.bidders}


# A second comment column beside the first (评分理由 beside 备注): its text is kept after the first's, not refused as a
# column named twice (hostile12: an ordinary sheet of reasons and remarks had been refused whole)
_MORE_COMMENT = "comment (2)"
_COMMENT_COLUMNS = ("comment", _MORE_COMMENT)  # kept on the record, not scored: struck or merged, they refuse nothing
# Words heading a line of numbers beside bidders that are no judge's scores: a summary's totals, averages or ranks, or
# a record of the prices (bid-eval reads prices from the bid forms); contained in the heading, compared by name_key.
# 总得分, 综合得分 and 最终得分 are the total as 总分 is (a summary of each bidder's total had been refused), 评标价 a
# price.
_SUMMARY_WORDS = ("合计", "总分", "总计", "小计", "平均", "排名", "名次", "排序", "报价", "价格", "金额", "总得分", "综合得分",
                  "综合评分", "最终得分", "评标价", "total", "sum", "average", "mean", "rank", "price", "amount")
# The shortest name a heading may shorten a criterion's name to, or contain of it, and still name it (运营管理).
_CLOSE_NAME = 4


def _summary_label(title: Any) -> bool:
    """Whether a heading says its numbers are a summary or prices (:data:`_SUMMARY_WORDS`), not scores."""
    return bool(_summary_words(title))


def _summary_words(title: Any) -> set[str]:
    """The words of :data:`_SUMMARY_WORDS` a heading holds."""
    key = name_key(str(title)) if not is_blank(title) else ""
    return {word for word in _SUMMARY_WORDS if word in key} if key else set()


def _close_name(heading: str, name: str) -> bool:
    """Whether a heading (as :func:`name_key` has it) names a criterion's name shortened or with words added: one holds
    the other, the shorter of :data:`_CLOSE_NAME` characters or more.

    >>> _close_name("运营管理", "运营管理能力"), _close_name("服务方案评分", "服务方案"), _close_name("方案", "服务方案")
    (True, True, False)
    """
    shorter, longer = sorted((heading, name), key=len)
    return len(shorter) >= _CLOSE_NAME and shorter in longer


def _is_number(raw: Any) -> bool:
    """Whether a cell holds a number (a number cell, or text that reads as one)."""
    if isinstance(raw, bool) or is_blank(raw):
        return False
    try:
        return parse_number(raw) is not None
    except ValueProblem:
        return False


def _name_in(raw: Any) -> str:
    """A judge's name in a cell of a sheet not read ('' for none: an empty cell, an error, a number of 16 digits)."""
    try:
        name = _text(raw)
    except ValueProblem:
        return ""
    return "" if shows_nothing(name) else name


def _unread_columns(book: Workbook, sheet: str, start: int, header: Sequence[Any], columns: Mapping[str, int],
                    data: Sequence[tuple[int, list[Any]]], read: tuple[str, ...]) -> list[Problem]:
    """A warning for each column of a panel sheet (header row ``start``) that holds something on the rows read but is
    not read: its header names no column read there (评分理由 was one; the judges' reasons never reached the record)
    or it has none. Columns for the eye (:data:`_FOR_THE_EYE`) are passed over without a word."""
    taken = set(columns.values())
    found = []
    for c in range(max([len(header)] + [len(row) for _, row in data])):
        title = _cell(list(header), c)
        if c in taken or (not is_blank(title) and _for_the_eye(title)):
            continue
        filled = sum(1 for _, row in data if not is_blank(_cell(row, c)))
        if filled:
            found.append(Problem.of("panel.column_not_read", book.display, sheet, cell_name(start, c),
                                    heading=None if is_blank(title) else str(title).strip(), column=column_letter(c),
                                    cells=filled, read=tuple(_column(name) for name in read)))
    return found


def _for_the_eye(title: Any) -> bool:
    """Whether a header is of a column only for the eye: a score sheet's tier, min or max, a name, a row number."""
    return _column_of(title, _FOR_THE_EYE_COLUMNS) is not None or _bare_name(title) or _range_or_number(title)


def _shown_only(title: Any) -> bool:
    """Whether a column not read is one whose cells nothing reads or checks, so hiding it hides nothing of the
    evaluation: a score sheet's tier, min or max, a full mark, a row number (formats.md §3: the score sheet's tier and
    range columns are ignored). A name column is checked against its row, and is not one."""
    return not is_blank(title) and (_column_of(title, ("tier",)) is not None or _range_or_number(title))


def _range_or_number(title: Any) -> bool:
    """Whether a header names, on each side of ``中文 / English``, a score sheet's min or max, a full mark or a row
    number (:data:`_FOR_THE_EYE`)."""
    return {name_key(part) for part in str(title).split("/")} <= _FOR_THE_EYE


def name_columns(header: Sequence[Any], columns: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    """The columns of a Scores header that name a row's bidder or criterion in words, as (kind, column): those headed
    as such (``投标人 / vendor``, ``评分项名称``), and a column headed only ``name`` (名称) standing right of the
    vendor_id or the criterion column, whose name it then is (the score sheet writes ``名称 / name`` right of
    ``评分项 / criterion``). A bare ``name`` anywhere else says not whose name it is, and is not read.

    >>> name_columns(["judge", "vendor_id", "vendor", "criterion", "名称 / name", "score"],
    ...              {"judge": 0, "vendor_id": 1, "criterion": 3, "score": 5})
    (('vendor_name', 2), ('criterion_name', 4))
    >>> name_columns(["name", "judge", "vendor_id", "criterion", "score"],
    ...              {"judge": 1, "vendor_id": 2, "criterion": 3, "score": 4})
    ()
    """
    beside = {columns["vendor_id"] + 1: "vendor_name", columns["criterion"] + 1: "criterion_name"}
    taken = set(columns.values())
    found = []
    for c, title in enumerate(header):
        if c in taken:
            continue
        kind = _column_of(title, NAME_COLUMNS) or (beside.get(c) if _bare_name(title) else None)
        if kind is not None:
            found.append((kind, c))
    return tuple(found)


def _bare_name(title: Any) -> bool:
    """Whether a header says only "name": ``name``, ``名称``, ``名称 / name``."""
    text = str(title) if title is not None else ""
    return name_key(text) in BARE_NAMES or {name_key(p) for p in text.split("/")} <= set(BARE_NAMES)


def _column_of(title: Any, names: tuple[str, ...]) -> str | None:
    """Which wanted column a header names: the whole header, else one side of ``中文 / English``, else the words before
    a note in brackets (``备注（评分理由）``); compared by :func:`~bideval.values.name_key`, so a header wrapped onto two
    lines in its cell (评委⏎姓名) or spaced is the same. A header holding a word of :data:`COMMENT_WORDS` (评分说明,
    打分理由) is the comment column when no other names it.

    >>> _column_of("备注（评分理由）", ("score", "comment")), _column_of("打分理由", ("score", "comment"))
    ('comment', 'comment')
    """
    text = str(title) if title is not None else ""
    whole = name_key(text)
    parts = {name_key(p) for p in text.split("/")}
    found = (next((name for name in names if whole in _COLUMN_KEYS[name]), None)
             or next((name for name in names if parts & _COLUMN_KEYS[name]), None))
    if found is not None:
        return found
    if (noted := _BRACKET_NOTE.fullmatch(whole)) is not None:
        return _column_of(noted.group(1), names)
    return "comment" if "comment" in names and any(word in whole for word in COMMENT_WORDS) else None


def _names_a_score(title: Any, cells: list[Any]) -> bool:
    """Whether a header read as no column names a score all the same (最终得分, 调整后得分, final score; 复核评分, score
    after review or final mark over a column holding scores), not a criterion's bound or full mark (满分分数, max
    score: hostile12, a column of each criterion's maximum had been refused as a second column of scores)."""
    key = "" if is_blank(title) else name_key(str(title))
    if not key or _A_BOUND.search(normalise(str(title)).casefold()):
        return False
    if any(word in key for word in SCORE_WORDS) or key.endswith(("score", "scores")):
        return True
    return bool(_LIKE_A_SCORE.search(normalise(str(title)).casefold())) and any(
        _is_number(cell) or (isinstance(cell, str) and _POINTS.fullmatch(cell.strip())) for cell in cells)


# A heading of a score's bound or full mark, or of how it is given (满分分数, 最高得分, 分数上限, 得分标准, max score)
_A_BOUND = re.compile(r"满分|最高|最低|上限|下限|标准|范围|权重|\bmax|\bmin|\bfull\b|\brange\b|\bstandard|\bweight")
# Words that name a score over a column of scores (复核评分, score after review, final mark, revised points), and a score
# written with its unit (4分: H9-8)
_LIKE_A_SCORE = re.compile(r"评分|\bscores?\b|\bmarks?\b|\bpoints?\b")
_POINTS = re.compile(r"[+-]?\d+(?:\.\d+)?\s*分")


# A header's words and a note in brackets after them (NFKC has made full-width brackets half-width).
_BRACKET_NOTE = re.compile(r"([^(]+)\(.*\)")
# A member's role on the panel, written in brackets after the name on Judges (王评委（组长）, Li Wei (Chair)), compared
# by name_key; anything else in brackets (王伟（财务）, 王伟（1）) is part of the name, and may tell two judges apart.
ROLE_WORDS = ("组长", "副组长", "评标组长", "评审组长", "专家组长", "主任", "副主任", "主任委员", "副主任委员", "负责人", "召集人",
              "chair", "chairman", "chairwoman", "chairperson", "vice chair", "vice-chair", "deputy chair", "co-chair",
              "panel chair", "leader", "team leader")
_ROLE_KEYS = frozenset(map(name_key, ROLE_WORDS))
_NAME_AND_ROLE = re.compile(r"(.+?)\s*[(\[【]\s*([^()\[\]【】]+?)\s*[)\]】]")


def split_role(name: str) -> tuple[str, str]:
    """A judge's name and the role written in brackets after it, full-width or ASCII (:data:`ROLE_WORDS`); ``''`` for
    none. Brackets holding anything else are part of the name.

    >>> split_role("王评委（组长）"), split_role("Li Wei [Chair]"), split_role("王伟（财务）"), split_role("王评委")
    (('王评委', '组长'), ('Li Wei', 'Chair'), ('王伟（财务）', ''), ('王评委', ''))
    """
    found = _NAME_AND_ROLE.fullmatch(normalise(name))
    if found is None or name_key(found.group(2)) not in _ROLE_KEYS:
        return name, ""
    return found.group(1), found.group(2)


# A note under the list of members on Judges, in the judge column (以上共5人, 注：按姓氏笔画排序, 制表人：, Total: 5, 共5名):
# a colon or a sentence's end, a count of the list, or a note's opening word. A name holds none of them.
_MEMBER_NOTE = re.compile(r"[:;。]|以上|共计|合计|总计|人数|共\s*\d|\d+\s*[人名位]$|^(注|备注|说明|附注)|^(notes?|total)\b",
                          re.IGNORECASE)


def _member_note(raw: Any, name: str) -> bool:
    """Whether a Judges cell is a note under or in the list, not a member's name: a date or a number cell (the count,
    the day it was drawn up), or text :data:`_MEMBER_NOTE` finds.

    A name holds a letter: a cell with none but a date's 年月日 (2026年3月1日 or 2026-03-01 typed as text, a count, a
    dash) is a note too.

    >>> [_member_note(t, t) for t in ("以上共5人", "注：按姓氏笔画排序", "Total: 5", "王评委", "评委1", "Li Wei (Chair)")]
    [True, True, True, False, False, False]
    >>> [_member_note(t, t) for t in ("2026年3月1日", "2026-03-01", "5", "—", "专家1", "月")]
    [True, True, True, True, False, False]
    """
    if isinstance(raw, (int, float, date)) and not isinstance(raw, bool):
        return True
    return bool(_MEMBER_NOTE.search(name)) or not any(c.isalpha() for c in _DATE_WORDS.sub("", name))


def _nameless_member(held: Sequence[Any]) -> Any:
    """The cell of a Judges row with its judge cell empty (``held``: the row's other cells filled) that may name a
    member — a name typed in another column, a member's place and name (成员：赵六), or their employer or title with the
    name left out — or None when the row is a note or a line of the form: it holds a label of who drew the list up or
    a note (制表人：, 注：, 签字, 日期), or only row numbers, dates, a bare role or place (组员, 组长：) or a group's heading.

    >>> _nameless_member(["赵六"]), _nameless_member([3, "丙研究院"]), _nameless_member(["组长：", "赵六"])
    ('赵六', '丙研究院', '赵六')
    >>> [_nameless_member(row) for row in ([3], ["组员"], ["制表人：", "张三"], ["（签字）"], ["技术组"], ["以上共5人"])]
    [None, None, None, None, None, None]
    """
    texts = [(v, normalise(v)) for v in held if isinstance(v, str)]
    if any(_FORM_LABEL.search(text) or (_MEMBER_NOTE.search(text) and _placed(text) == text
                                        and name_key(text.rstrip(":")) not in _PLACES_AND_ROLES) for _, text in texts):
        return None
    return next((v for v, text in texts if _placed(text) != text or not (
        _member_note(v, text) or shows_nothing(text) or name_key(text) in _PLACES_AND_ROLES or _group_heading(text))),
        None)


def _shown(raw: Any) -> str:
    """A cell nothing reads, as a message quotes it: its text as typed, a date as 2026-03-01, an error as shown (#N/A).

    >>> _shown(date(2026, 3, 1)), _shown(3.0), _shown(" 甲大学 ")
    ('2026-03-01', '3', '甲大学')
    """
    if isinstance(raw, date):
        return f"{raw:%Y-%m-%d}"
    if isinstance(raw, Unreadable):  # (_text makes it no text)
        return str(raw)
    try:
        return _text(raw, as_typed=True)
    except ValueProblem:  # (a number shown in 万: the number it holds)
        return str(raw)


def _numbering_columns(header: list, rows: Sequence[tuple[int, list]], column: int) -> frozenset[int]:
    """The columns of a Judges list that number its rows, whose cells a member listed twice may differ in: those headed
    as a row number (序号, No.), and those with an empty header cell whose filled cells on the list's rows, one row
    after another with no row left empty between, are the whole numbers 1, 2, 3 … counting up by one, and nothing
    else (offices leave the 序号 header blank). A column headed otherwise (工龄, 单位编号) is compared, whatever it
    holds; so is one without a header holding other numbers (an employer's id, a telephone number, years of
    experience) or any text.

    >>> rows = [(1, [1, "王", 10023, 5]), (2, ["2", "李", 10045, 12]), (3, [3.0, "王", 10023, 5])]
    >>> sorted(_numbering_columns(["", "评委", None, None], rows, 1)), sorted(_numbering_columns(["序号"], rows, 1))
    ([0], [0])
    >>> sorted(_numbering_columns(["工龄", "评委"], rows, 1)), sorted(_numbering_columns([None], rows[::-1], 1))
    ([], [])
    >>> sorted(_numbering_columns([None], [(1, [1, "王"]), (2, [None, "李"]), (3, [2, "王"])], 1))
    []
    """
    def numbers(c: int) -> bool:
        cells = [_cell(row, c) for _, row in rows]
        at = [i for i, value in enumerate(cells) if not is_blank(value)]
        return len(at) > 1 and at == list(range(at[0], at[0] + len(at))) and \
            [_whole(cells[i]) for i in at] == list(range(1, len(at) + 1))

    width = max([len(header), *(len(row) for _, row in rows)])
    return frozenset(c for c in range(width) if c != column and (
        _range_or_number(_cell(header, c)) or is_blank(_cell(header, c)) and numbers(c)))


def _whole(raw: Any) -> int | None:
    """A cell's whole number (3, 3.0, '3', '３'), or None for anything else."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() else None
    text = normalise(raw).strip() if isinstance(raw, str) else ""
    return int(text) if text.isdecimal() else None


def _compared(raw: Any) -> Any:
    """A cell beside a member's name as two rows naming them are compared: text trimmed and NFKC'd, empty as None."""
    if is_blank(raw):
        return None
    return normalise(raw) if isinstance(raw, str) else raw


# A heading of a group of the list without a colon (技术组, 商务小组, 评审组别, A组, Technical panel, Commercial team):
# short, ending in 组 or 组别, or in panel, group or team
_GROUP_HEADING = re.compile(r".{1,10}组别?|(?:[a-z][\w&/-]*\s+){0,4}(?:panel|group|team)s?", re.IGNORECASE)


def _group_heading(text: str) -> bool:
    """Whether a Judges cell reads as a group's heading (it is no member when alone on its row and nobody scores so).

    >>> [_group_heading(t) for t in ("技术组", "商务小组", "技术组别", "A组", "Technical panel", "Commercial team")]
    [True, True, True, True, True, True]
    >>> [_group_heading(t) for t in ("王评委", "组长", "王评委（组长）", "Li Wei", "技术专家组成员")]
    [False, False, False, False, False]
    """
    return _GROUP_HEADING.fullmatch(normalise(text)) is not None


def _form_label(row: Sequence[Any], column: int) -> str:
    """The label of the form left of a Judges row's name, as typed, when it says who drew the list up, checked it or
    when (制表人：, 审核人:, Prepared by:, 日期：), else ``''``: the name beside it is no member. Another label (组长：,
    成员：, 技术组：) may stand beside a member's name, and is passed over as before.

    >>> _form_label([1, "王评委"], 1), _form_label(["制表人：", "张三"], 1), _form_label(["Prepared by: ", "Li"], 1)
    ('', '制表人：', 'Prepared by:')
    >>> _form_label(["组长：", "王评委"], 1), _form_label(["制表人", "张三"], 1)
    ('', '')
    """
    for value in row[:column]:
        if isinstance(value, str) and _FORM_LABEL.match(text := normalise(value)) and text.endswith(":"):
            return value.strip()
    return ""


def _placed(name: str) -> str:
    """A Judges cell giving a member's place on the panel before a colon (组长：王评委, 成员：李评委, Member: Li Wei) as the
    member's name, with their role in brackets after it when the place is a role (王评委（组长）: :func:`split_role`);
    any other cell as it is (制表人：张三, 注：…: notes).

    >>> _placed("组长：王评委"), _placed("成员： 李评委"), _placed("Chair: Li Wei"), _placed("制表人：张三"), _placed("评委：")
    ('王评委（组长）', '李评委', 'Li Wei（Chair）', '制表人：张三', '评委：')
    >>> _placed("负责人：张三")  # (the officer in charge, maybe: a note, as before)
    '负责人：张三'
    """
    found = _PLACE.fullmatch(normalise(name))
    if found is None or _member_note(found.group(2), found.group(2)):  # (评委：共5人: a count)
        return name
    place, member = found.group(1), found.group(2)
    return with_role(member, place) if name_key(place) in _ROLE_KEYS else member


# A member's place on the panel before a colon and their name (NFKC has made the colon half-width): the panel's own
# words only (负责人：, 主任： under the list may name the officer in charge, who is no member)
_PLACE_WORDS = ("组长", "副组长", "评标组长", "评审组长", "专家组长", "主任委员", "副主任委员", "成员", "组员", "委员", "评委", "专家",
                "评审专家", "chair", "chairman", "chairwoman", "chairperson", "vice chair", "vice-chair", "deputy chair",
                "co-chair", "panel chair", "member", "members", "panel member", "expert", "judge")
_PLACES_AND_ROLES = frozenset(map(name_key, _PLACE_WORDS)) | _ROLE_KEYS  # (组员, 组长, 主任: a place, no name)
_PLACE = re.compile(r"(" + "|".join(map(re.escape, sorted(_PLACE_WORDS, key=len, reverse=True))) + r")\s*:\s*(\S.*)",
                    re.IGNORECASE)


def _heading(note: str) -> bool:
    """Whether a note in the judge column heads the names below it, a group of the list (技术专家：, 经济组:): it ends in
    a colon with nothing after it, and is no label of the form (制表人：, 评委签字：, 日期：), which ends the list.

    >>> _heading("经济专家："), _heading("制表人："), _heading("评委签字："), _heading("注：按姓氏笔画排序"), _heading("以上共5人")
    (True, False, False, False, False)
    """
    text = normalise(note)
    return text.endswith(":") and _FORM_LABEL.search(text) is None


# A label of the form under a list of members, naming who drew it up, checked or kept it, or when (ends in a colon)
_FORM_LABEL = re.compile(r"(制表|填表|编制|审核|复核|核对|记录|经办|监督|监标|日期|签字|签名|prepared|checked|reviewed|"
                         r"recorded|compiled|drawn|date|signed)", re.IGNORECASE)


# 2026年3月1日: a date's words after its numbers, no letter of a name (1号, a judge known by number, is a name)
_DATE_WORDS = re.compile(r"(?<=\d)\s*[年月日]")


# A name on a sheet not read followed by a role in brackets (张三（组长）, 李四 (chair)): NFKC has made brackets half-width
_WITH_ROLE = on_first_use(r"\s*([^()\[\]【】]+?)\s*[(\[【][^()\[\]【】]*[)\]】]\s*")


_COLUMN_KEYS = {name: frozenset(map(name_key, spellings)) for name, spellings in COLUMN_NAMES.items()}


def _text(raw: Any, as_typed: bool = False) -> str:
    """A cell as trimmed NFKC text ('' when empty or showing an error; a whole-number cell as its digits); with
    ``as_typed`` (a comment, filed as written), trimmed but not NFKC'd.

    A judge, bid or criterion cell showing ``#N/A`` (or an uncalculated formula) then names none, and its
    message shows what the cell holds."""
    text = "" if isinstance(raw, Unreadable) else parse_text(raw) or ""
    return text if as_typed else normalise(text)


def _judge_within(name: str) -> Expected:
    """What a judge's name longer than :data:`~bideval.values.LONGEST_NAME` was expected to be."""
    return Expected("judge_within", {"limit": LONGEST_NAME, "length": len(name)})


def _named_one(criterion: Criterion) -> Named:
    return Named(criterion.id, criterion.name)


def _named(criteria: Iterable[Criterion]) -> tuple[Named, ...]:
    return tuple(_named_one(c) for c in criteria)


def _column(name: str) -> Named:
    """A panel sheet's column as a message names it."""
    return Named(name, COLUMN_LABELS[name])


def _cell(row: list, column: int) -> Any:
    return row[column] if column < len(row) else None
