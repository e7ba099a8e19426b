"""The mark of the rubric a workbook was made from, and what reading a workbook made from another rubric says.

Every bid form (:mod:`bideval.template`) and score sheet (:mod:`bideval.scoresheet`) bid-eval writes carries two
custom document properties (Excel: File → Info → Properties → Advanced → Custom; Excel, WPS and LibreOffice keep
them on save): ``bid-eval rubric``, the rubric's id, and ``bid-eval rubric sha256``, the SHA-256 of the rubric's
text (:func:`rubric_text_sha256`: UTF-8 without a byte-order mark, lines ending in LF, so that the same file saved
on Windows or uploaded to the app gives the same mark). The package check reads them while it reads the package
(:mod:`bideval.xlsx_guard`), and the readers of bids and panel workbooks ask :func:`other_rubric`:

* a workbook marked with another rubric's id (another lot's form or sheet: one rubric per lot) is refused whole;
* a workbook marked with this rubric's id and another digest was made from another version of it (the rubric
  amended after the forms went out): read, with one warning per file (:func:`other_version`); a bid form's field
  whose column D states another unit than this rubric reads it in is refused at its cell (:func:`unit_problems`).

A workbook without the mark (made by hand, or by an older bid-eval) is read as before.
"""
from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from .currency import CURRENCIES
from .errors import Problem
from .labels import Label, Named
from .values import FieldType, unit_label

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook as XlsxWorkbook

    from .rubric import Field, Rubric
    from .sheets import Workbook

ID_PROPERTY = "bid-eval rubric"
DIGEST_PROPERTY = "bid-eval rubric sha256"
CUSTOM_PROPERTIES = "docProps/custom.xml"  # where Excel and xlsxwriter keep a workbook's custom properties

_PROPERTY = re.compile(r"<(?:[\w.\-]+:)?property\b([^>]*)>\s*<(?:[\w.\-]+:)?lpwstr>([^<]*)<", re.DOTALL)
_NAME = re.compile(r"""\bname\s*=\s*(?:"([^"]*)"|'([^']*)')""")


@dataclass(frozen=True)
class RubricMark:
    """The rubric a workbook says it was made from: its id and the SHA-256 of its text."""

    rubric_id: str
    sha256: str


def rubric_text_sha256(text: str) -> str:
    """The SHA-256 a mark names: of the rubric's text as UTF-8, without a byte-order mark, lines ending in LF.

    >>> rubric_text_sha256("id: a\\r\\n") == rubric_text_sha256("\\ufeffid: a\\n")
    True
    """
    canonical = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def mark_workbook(workbook: XlsxWorkbook, rubric: Rubric) -> None:
    """Write the mark of ``rubric`` into a workbook being written (its custom properties)."""
    workbook.set_custom_property(ID_PROPERTY, rubric.id)
    if rubric.text_sha256:  # (a rubric built in code, not read from its text, has none)
        workbook.set_custom_property(DIGEST_PROPERTY, rubric.text_sha256)


@lru_cache(maxsize=64)  # (every form of one rubric carries the same part)
def read_mark(custom_xml: bytes | None) -> RubricMark | None:
    """The mark in a package's custom properties part (its text), None when there is none.

    >>> read_mark(b'<Properties><property fmtid="x" pid="2" name="bid-eval rubric"><vt:lpwstr>lot-2</vt:lpwstr>'
    ...           b'</property></Properties>')
    RubricMark(rubric_id='lot-2', sha256='')
    """
    if not custom_xml or ID_PROPERTY.encode() not in custom_xml:  # (most workbooks have no such part at all)
        return None
    found: dict[str, str] = {}
    for attributes, value in _PROPERTY.findall(custom_xml.decode("utf-8", "replace")):
        name = _NAME.search(attributes)
        if name is not None:
            found[html.unescape(name.group(1) or name.group(2) or "")] = html.unescape(value).strip()
    rubric_id = found.get(ID_PROPERTY)
    return None if not rubric_id else RubricMark(rubric_id, found.get(DIGEST_PROPERTY, ""))


def other_rubric(book: Workbook, rubric: Rubric, role: str) -> Problem | None:
    """The problem of reading ``book`` (``role``: ``bids`` or ``panel``) for ``rubric`` when its mark names another
    rubric: a bid form or score sheet made for another lot is refused whole, naming both rubrics."""
    mark = book.notes.rubric_mark
    if mark is None or mark.rubric_id == rubric.id:
        return None
    return Problem.of("files.other_rubric", book.display, role=role, made_for=mark.rubric_id, rubric=rubric.id)


def other_version(book: Workbook, rubric: Rubric, role: str) -> Problem | None:
    """A warning when ``book`` was made from another version of ``rubric`` (same id, another digest)."""
    mark = book.notes.rubric_mark
    if mark is None or mark.rubric_id != rubric.id or not _amended(mark, rubric):
        return None
    return Problem.of("files.other_version", book.display, role=role, rubric=rubric.id, made_from=mark.sha256,
                      now=rubric.text_sha256)


def one_warning_per_version(warnings: Sequence[Problem]) -> list[Problem]:
    """``warnings`` with the :func:`other_version` warnings of many files made from one version merged into one, at
    the first file's place, naming the others (``others``): 200 forms sent out before an amendment are one warning."""
    first: dict[str, int] = {}
    others: dict[str, list[str]] = {}
    kept: list[Problem] = []
    for warning in warnings:
        if warning.code != "files.other_version":
            kept.append(warning)
        elif warning.data["made_from"] in first:
            others[warning.data["made_from"]].append(warning.file)
        else:
            first[warning.data["made_from"]] = len(kept)
            others[warning.data["made_from"]] = []
            kept.append(warning)
    for digest, at in first.items():
        if others[digest]:
            kept[at] = Problem.of("files.other_version", kept[at].file, **{**kept[at].data,
                                                                          "others": tuple(others[digest])})
    return kept


def unit_problems(book: Workbook, rubric: Rubric, sheet: str, rows: Sequence[Sequence[Any]],
                  field_rows: Mapping[str, int], unit_column: int, value_column: int) -> list[Problem]:
    """A problem at each answer of a marked bid form (this rubric's id) whose unit cell (column D) states another
    unit than the rubric reads the field in: a money field's currency or 万, a number's ``unit``. An answer of 3,000
    under 万元 is otherwise read as 3,000 yuan by a rubric amended to yuan. On a form of this very version, column D
    must still hold the unit as the form was written with it (its own part, between semicolons): any other wording
    is a changed unit (hostile8 H8-1: `万元/10,000 yuan`, `单位：万元`, `千元`, `USD` had passed, only the form's exact
    `万元 / 10,000 yuan` being caught). A cleared unit cell is left alone."""
    mark = book.notes.rubric_mark
    if mark is None or mark.rubric_id != rubric.id:
        return []
    problems = []
    for field, wanted in _measured(rubric):
        r = field_rows.get(field.id)
        row = rows[r] if r is not None else ()
        text = row[unit_column] if unit_column < len(row) else None
        parts = [part.strip() for part in text.split(";")] if isinstance(text, str) else []
        if not text or not isinstance(text, str) or (wanted is not None and wanted in parts):
            continue  # (every form of this version: its unit is there)
        note = field.note.both() if field.note else None  # (a note written like a unit is the rubric's own text)
        if wanted is not None and not _amended(mark, rubric):  # this version's form: whatever D says now, it was changed
            stated = next((part for part in parts if part and part != note), None)
        else:
            stated = next((part for part in parts if part != note and _states_unit(field, part)), None)
        if stated is None or stated == wanted or value_column >= len(row) or row[value_column] in ("", None):
            continue
        from .sheets import cell_name  # (sheets reads packages through xlsx_guard, which reads the mark here)

        problems.append(Problem.of("bids.unit_changed", book.display, sheet, cell_name(r or 0, value_column),
                                   field=Named(field.id, field.label), stated=stated, unit=wanted,
                                   amended=_amended(mark, rubric)))
    return problems


def _amended(mark: RubricMark, rubric: Rubric) -> bool:
    """Whether a mark of ``rubric``'s id names another version of it (both digests known)."""
    return bool(mark.sha256 and rubric.text_sha256) and mark.sha256 != rubric.text_sha256


_MEASURED = (FieldType.MONEY, FieldType.NUMBER, FieldType.INTEGER)
_MEASURED_OF: dict[int, tuple[Rubric, tuple[tuple[Field, str | None], ...]]] = {}  # id(rubric) → its fields, once


def _measured(rubric: Rubric) -> tuple[tuple[Field, str | None], ...]:
    """``rubric``'s money, number and whole-number fields, each with the unit its form states (worked out once per
    rubric: 2,000 forms are read against one)."""
    known = _MEASURED_OF.get(id(rubric))
    if known is None or known[0] is not rubric:
        if len(_MEASURED_OF) > 16:
            _MEASURED_OF.clear()
        known = _MEASURED_OF[id(rubric)] = (rubric, tuple((f, _unit_part(f)) for f in rubric.bid_fields
                                                          if f.type in _MEASURED))
    return known[1]


def _unit_part(field: Field) -> str | None:
    """The unit a bid form's column D states for ``field`` (as :mod:`bideval.template` writes it), if any."""
    if field.type is FieldType.MONEY:
        unit = unit_label(field)
        return None if unit is None else unit.both()
    if field.type in (FieldType.NUMBER, FieldType.INTEGER) and field.unit:
        return Label(f"单位：{field.unit}", f"unit: {field.unit}").both()
    return None


_NUMBER_UNIT = re.compile(r"单位：.+ / unit: .+")
# every money unit a form writes (unit_label's): 元 / yuan, 万元 / 10,000 yuan, 美元 / US dollars …
_MONEY_UNITS = frozenset(text for c in CURRENCIES.values()
                         for text in (c.name.both(), f"万{c.name.zh} / 10,000 {c.name.en}"))


def _states_unit(field: Field, part: str) -> bool:
    """Whether a part of column D is a unit as bid-eval writes one for a field of ``field``'s type."""
    if field.type is FieldType.MONEY:
        return part in _MONEY_UNITS
    return field.type in (FieldType.NUMBER, FieldType.INTEGER) and _NUMBER_UNIT.fullmatch(part) is not None

