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

A workbook without the mark (made by hand, by an older bid-eval, or a form's sheet copied into a new workbook) is
read as before, but for a bid form's column D naming another unit in bid-eval's own words (:func:`unit_problems`).

A score sheet the app writes for one of its tenders carries that tender too (:class:`TenderMark`: ``bid-eval tender``,
its id; ``bid-eval tender name``; ``bid-eval tender token``, a random token only that tender has), for two lots of one
procurement share a rubric and their sheets carry the same rubric mark. The app's imports ask :func:`other_tender`: a
sheet made for another tender is refused whole, naming both. The token, not the id, tells the tender: a copy of the
app on another machine has its own #3, maybe of the same name (a tender named after its rubric's title). A sheet
without a tender (``python -m bideval scoresheet``, or one made before tenders were marked) is read as before. Its
properties removed (Excel's Inspect Document), a sheet's tender is read from the line its instructions show
(:func:`tender_line`, :func:`shown_tender`), by id and name.
"""
from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from .currency import CURRENCIES, money_units_named, money_units_said
from .errors import DamagedWorkbook, Problem
from .labels import Label, Named
from .patterns import on_first_use
from .values import UNIT_NAMES, FieldType, fold, normalise, unit_label, unit_names

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook as XlsxWorkbook

    from .rubric import Field, Rubric
    from .sheets import Workbook

ID_PROPERTY = "bid-eval rubric"
DIGEST_PROPERTY = "bid-eval rubric sha256"
TENDER_PROPERTY, TENDER_NAME_PROPERTY, TENDER_TOKEN_PROPERTY = "bid-eval tender", "bid-eval tender name", \
    "bid-eval tender token"
CUSTOM_PROPERTIES = "docProps/custom.xml"  # where Excel and xlsxwriter keep a workbook's custom properties

_PROPERTY = on_first_use(r"<(?:[\w.\-]+:)?property\b([^>]*)>\s*<(?:[\w.\-]+:)?lpwstr>([^<]*)<", re.DOTALL)
_NAME = on_first_use(r"""\bname\s*=\s*(?:"([^"]*)"|'([^']*)')""")


@dataclass(frozen=True)
class TenderMark:
    """A tender of the app a workbook was made for: its id, its name and the token only it has."""

    id: int
    name: str
    token: str = ""

    def same_tender(self, other: TenderMark) -> bool:
        """Whether ``other`` is this tender: by token when both have one (another database has its own #3 of maybe
        the same name), else by id and name.

        >>> TenderMark(3, "lot 1", "a").same_tender(TenderMark(3, "lot 1", "b"))
        False
        """
        if self.token and other.token:
            return self.token == other.token
        return (self.id, self.name) == (other.id, other.name)


@dataclass(frozen=True)
class RubricMark:
    """The rubric a workbook says it was made from: its id and the SHA-256 of its text; the tender, if the app wrote
    it for one."""

    rubric_id: str
    sha256: str
    tender: TenderMark | None = None


def rubric_text_sha256(text: str) -> str:
    """The SHA-256 a mark names: of the rubric's text as UTF-8, without a byte-order mark, lines ending in LF.

    >>> rubric_text_sha256("id: a\\r\\n") == rubric_text_sha256("\\ufeffid: a\\n")
    True
    """
    canonical = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def mark_workbook(workbook: XlsxWorkbook, rubric: Rubric, tender: TenderMark | None = None) -> None:
    """Write the mark of ``rubric`` (and of the ``tender`` it is made for) into a workbook being written (its custom
    properties: text, each one, for :func:`read_mark` reads text only)."""
    workbook.set_custom_property(ID_PROPERTY, rubric.id)
    if rubric.text_sha256:  # (a rubric built in code, not read from its text, has none)
        workbook.set_custom_property(DIGEST_PROPERTY, rubric.text_sha256)
    if tender is not None:
        workbook.set_custom_property(TENDER_PROPERTY, str(tender.id))
        workbook.set_custom_property(TENDER_NAME_PROPERTY, tender.name)
        if tender.token:
            workbook.set_custom_property(TENDER_TOKEN_PROPERTY, tender.token)


@lru_cache(maxsize=64)  # (every form of one rubric carries the same part)
def read_mark(custom_xml: bytes | None) -> RubricMark | None:
    """The mark in a package's custom properties part (its text), None when there is none.

    >>> read_mark(b'<Properties><property fmtid="x" pid="2" name="bid-eval rubric"><vt:lpwstr>lot-2</vt:lpwstr>'
    ...           b'</property></Properties>')
    RubricMark(rubric_id='lot-2', sha256='', tender=None)
    """
    if not custom_xml or ID_PROPERTY.encode() not in custom_xml:  # (most workbooks have no such part at all)
        return None
    found: dict[str, str] = {}
    for attributes, value in _PROPERTY.findall(custom_xml.decode("utf-8", "replace")):
        name = _NAME.search(attributes)
        if name is not None:
            found[html.unescape(name.group(1) or name.group(2) or "")] = html.unescape(value).strip()
    rubric_id, tender_id = found.get(ID_PROPERTY), found.get(TENDER_PROPERTY, "")
    tender = (TenderMark(int(tender_id), found.get(TENDER_NAME_PROPERTY, ""), found.get(TENDER_TOKEN_PROPERTY, ""))
              if tender_id.isascii() and tender_id.isdigit() else None)
    return None if not rubric_id else RubricMark(rubric_id, found.get(DIGEST_PROPERTY, ""), tender)


def other_rubric(book: Workbook, rubric: Rubric, role: str) -> Problem | None:
    """The problem of reading ``book`` (``role``: ``bids`` or ``panel``) for ``rubric`` when its mark names another
    rubric: a bid form or score sheet made for another lot is refused whole, naming both rubrics."""
    mark = book.notes.rubric_mark
    if mark is None or mark.rubric_id == rubric.id:
        return None
    return Problem.of("files.other_rubric", book.display, role=role, made_for=mark.rubric_id, rubric=rubric.id)


def tender_line(tender: TenderMark, lang: str) -> str:
    """The line of a score sheet's instructions naming the tender it is made for, as :func:`shown_tender` reads it
    back.

    >>> tender_line(TenderMark(1, "第1包"), "zh")
    '本评分表为招标项目 #1（第1包）制作，只能导入该项目；其他项目（包括同一评分办法的其他分包）不接受。'
    """
    return _TENDER_LINES[lang].format(id=tender.id, name=tender.name)


_TENDER_LINES = {
    "en": "Made for tender #{id} ({name}): it is imported into that tender only; any other tender, another lot of the "
          "same rubric too, refuses it.",
    "zh": "本评分表为招标项目 #{id}（{name}）制作，只能导入该项目；其他项目（包括同一评分办法的其他分包）不接受。",
}


def _line_pattern(line: str) -> re.Pattern[str]:
    """A line of :data:`_TENDER_LINES` read back: its id and its name as written (brackets inside it too)."""
    before, rest = line.split("{id}")
    between, after = rest.split("{name}")
    return re.compile(f"{re.escape(before)}(\\d+){re.escape(between)}(.*){re.escape(after)}")


_TENDER_LINE_READ = tuple(_line_pattern(line) for line in _TENDER_LINES.values())
# The rows of each sheet looked at for that line (the app writes it second, below the title).
_TENDER_LINE_ROWS = 5


def shown_tender(book: Workbook) -> TenderMark | None:
    """The tender a sheet of ``book`` names in the line the app writes (:func:`tender_line`), without its token (that is
    in the document properties only); None when no sheet does. Excel's Inspect Document removes the properties, and
    with them the tender mark, but not what the sheet shows (hostile11 H11-5).

    A sheet python-calamine cannot read names none here; the readers tell it."""
    for sheet in book.sheet_names:
        try:
            rows = book.rows(sheet)[:_TENDER_LINE_ROWS]
        except DamagedWorkbook:
            continue
        for cell in (c for row in rows for c in row[:2] if isinstance(c, str)):
            for pattern in _TENDER_LINE_READ:
                if (found := pattern.search(cell)) is not None:
                    return TenderMark(int(found.group(1)), found.group(2).strip())
    return None


def sheet_tender(book: Workbook) -> TenderMark | None:
    """The tender a score sheet was made for: its document properties' (:class:`TenderMark`), else the line its
    instructions show (:func:`shown_tender`); None when it names none."""
    mark = book.notes.rubric_mark
    return (mark.tender if mark is not None else None) or shown_tender(book)


def other_tender(book: Workbook, tender: TenderMark, made: TenderMark | None) -> Problem | None:
    """The problem of importing ``book`` into ``tender`` when it is a score sheet the app made for another tender
    (another lot of one rubric, or a tender of another database): refused whole, naming both tenders. ``made`` is the
    tender ``book`` names (:func:`sheet_tender`: its document properties, else the line the sheet shows, then compared
    by id and name, for the token is not shown), found by the caller, who also warns of a sheet naming none: one
    search of the sheets."""
    if made is None or made.same_tender(tender):
        return None
    return Problem.of("files.other_tender", book.display, made_for=made.id, made_for_name=made.name,
                      tender=tender.id, tender_name=tender.name)


def other_version(book: Workbook, rubric: Rubric, role: str) -> Problem | None:
    """A warning when ``book`` was made from another version of ``rubric`` (same id, another digest)."""
    mark = book.notes.rubric_mark
    if mark is None or mark.rubric_id != rubric.id or not _amended(mark, rubric):
        return None
    return made_from_warning(book.display, rubric, role, mark.sha256)


def made_from_warning(file: str, rubric: Rubric, role: str, made_from: str) -> Problem:
    """The warning that ``file`` was made from the version ``made_from`` (its SHA-256) of ``rubric``, amended since."""
    return Problem.of("files.other_version", file, role=role, rubric=rubric.id, made_from=made_from,
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


def made_from_this_version(book: Workbook, rubric: Rubric) -> bool:
    """Whether ``book`` carries the mark of this very version of ``rubric``: a form bid-eval wrote from it."""
    mark = book.notes.rubric_mark
    return mark is not None and mark.rubric_id == rubric.id and not _amended(mark, rubric)


def unit_problems(book: Workbook, rubric: Rubric, sheet: str, rows: Sequence[Sequence[Any]],
                  field_rows: Mapping[str, int], unit_column: int, value_column: int) -> list[Problem]:
    """A problem at each answer of a bid form whose unit cell (column D) states another unit than the rubric reads
    the field in: a money field's currency or 万, a number's ``unit``. An answer of 3,000 under 万元 is otherwise read
    as 3,000 yuan. On a marked form of this very version (:func:`_this_version_says`), column D must still hold the
    unit it was written with as one of its parts, and no words added there may name another unit (hostile8 H8-1,
    hostile9 H9-1: `单位：万元` beside the form's `元 / yuan`). On a form of another version of this rubric, or one
    without the mark (the sheet copied into a new workbook: hostile9 H9-2), a unit in the words bid-eval writes
    (`万元 / 10,000 yuan`, `单位：h / unit: h`) is compared, and so is a price's period (`元/席/年` beside a monthly rate).
    A cleared unit cell is left alone."""
    mark = book.notes.rubric_mark
    if mark is not None and mark.rubric_id != rubric.id:
        return []
    this_version = made_from_this_version(book, rubric)
    problems = []
    for field, wanted, own in _measured(rubric):
        r = field_rows.get(field.id)
        row = rows[r] if r is not None else ()
        text = row[unit_column] if unit_column < len(row) else None
        if not isinstance(text, str) or not text.strip() or text.strip() == "; ".join(own):
            continue  # (every form of this version, untouched)
        if wanted is None and mark is None and not this_version:
            continue  # (a form made by hand may say 个 beside a count the rubric gives no unit: nothing differs)
        key = (id(rubric), field.id, text, this_version)
        known = _STATED.get(key)
        if known is not None and known[0] is rubric:  # (2,000 forms write the same few words in D: read once)
            stated = known[1]
        else:
            stated = _stated(field, wanted, own, text, this_version)
            if len(_STATED) >= _MAX_STATED:
                _STATED.clear()
            _STATED[key] = (rubric, stated)
        if stated is None or value_column >= len(row) or row[value_column] in ("", None):
            continue
        from .sheets import cell_name  # (sheets reads packages through xlsx_guard, which reads the mark here)

        period = _period(field.label.both()) if other_period(field, stated) else None
        problems.append(Problem.of("bids.unit_changed", book.display, sheet, cell_name(r or 0, value_column),
                                   field=Named(field.id, field.label), stated=stated, unit=wanted, period=period,
                                   amended=mark is not None and _amended(mark, rubric), marked=mark is not None))
    return problems


def _stated(field: Field, wanted: str | None, own: tuple[str, ...], text: str, this_version: bool) -> str | None:
    """What column D's ``text`` says that changes ``field``'s unit (:func:`unit_problems`), None when nothing."""
    note = field.note.both() if field.note else None  # (a note written like a unit is the rubric's own text)
    if wanted is not None and this_version:
        return _this_version_says(field, wanted, own, note, text)
    # (a monthly rate said to be a year's is never the form's own words, marked or not: hostile12)
    return next((part for part in _parts(text) if part != note and (
        _states_unit(field, part) and not _same_unit(field, part, wanted) or other_period(field, part))), None)


# What column D's words said of a field (unit_problems), by (rubric, field, words, version): the rubric kept beside
# its result, so that an id reused by another rubric object never answers for it
_STATED: dict[tuple[int, str, str, bool], tuple[Rubric, str | None]] = {}
_MAX_STATED = 4096


def _this_version_says(field: Field, wanted: str, own: tuple[str, ...], note: str | None, text: str) -> str | None:
    """What column D of a form of this version says that changes ``field``'s unit, None when nothing: the part that
    names another unit than ``wanted`` (or the whole cell, when no part can be told to name one) where the form's
    unit part was rewritten or removed, or where words added beside it name another unit."""
    kept: set[str] = set()

    def take(found: re.Match[str]) -> str:
        kept.add(found.group(1))
        return ""
    added = [part for part in _parts(_own_parts(own).sub(take, text)) if part]
    naming = next((part for part in added if _names_another_unit(field, part) or other_period(field, part)), None)
    if wanted in kept or (not added and kept <= {note}) or any(_names_own_unit(field, part) for part in added):
        return naming  # (the form's unit kept or said again in other words (元 for 元 / yuan); or the note alone)
    return naming or text.strip()


def _parts(text: str) -> list[str]:
    """Column D's parts: between semicolons (``;`` or ``；``) or on lines of their own (Alt+Enter), trimmed."""
    return [part.strip() for part in _BETWEEN_PARTS.split(text)]


_BETWEEN_PARTS = re.compile(r"[;；\r\n]")


@lru_cache(maxsize=256)
def _own_parts(own: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern of the form's own parts of one column D (longest first), each a part of its own in the text."""
    words = "|".join(re.escape(part) for part in sorted(own, key=len, reverse=True))
    return re.compile(rf"(?:^|(?<=[;；\r\n]))[ \t]*({words})[ \t]*(?=[;；\r\n]|$)")


def _names_another_unit(field: Field, part: str) -> bool:
    """Whether a part of column D names a unit that is not ``field``'s in any wording: a currency or a multiple of one
    (万元, USD, 千元, 单位：万) for money, a unit's name (:data:`~bideval.values.UNIT_NAMES`: 分钟, hours, 天) or any word
    after 单位 / unit for a number. A unit right after a number is an amount or a time in a sentence (预算500万元,
    30分钟内), not the answer's unit; a part that is nothing but a number and its unit (0.52万元) is the answer
    restated, and its unit counts."""
    part = _without_quantity(part)
    if field.type is FieldType.MONEY:
        return any(unit != field.money_unit for unit in money_units_named(part, field.currency))
    names = unit_names(field.unit) if field.unit else frozenset()
    folded = _MINUTES.sub("分钟", _DATE.sub(" ", fold(part)))  # (2023年1月 is a date, not years and months)
    for found in _UNIT_WORD.finditer(folded):
        word = found.group()
        if (word not in names and _stands_alone(folded, found.start(), found.end())
                and not _AFTER_A_NUMBER.search(folded, 0, found.start())):  # (30分钟内 is a time, not the unit)
            return True
    return any(fold(after.group(1)) not in names for after in _UNIT_SAID.finditer(folded))


def _names_own_unit(field: Field, part: str) -> bool:
    """Whether a part of column D names ``field``'s own unit in any wording: 元 or 人民币 for a field in yuan, 万元
    for one in 10,000 yuan, 小时 for ``unit: h`` (a bidder who rewrote 元 / yuan as 元 said the same unit)."""
    part = _without_quantity(part)
    if field.type is FieldType.MONEY:  # (a multiple alone, 万, is that multiple of the currency: hostile12)
        units = money_units_said(part, field.currency)
        return bool(units) and all(unit == field.money_unit for unit in units)
    names = unit_names(field.unit) if field.unit else frozenset()
    folded = fold(part)
    return any(found.group() in names and _stands_alone(folded, found.start(), found.end())
               for found in _UNIT_WORD.finditer(folded)) or any(
        fold(after.group(1)) in names for after in _UNIT_SAID.finditer(folded))


def _without_quantity(part: str) -> str:
    """The unit of a part of column D that is nothing but a number and its unit (0.52万元: 万元, the answer restated),
    else the part as it is."""
    alone = _QUANTITY_ALONE.fullmatch(normalise(part))
    return alone.group(1) if alone else part


# Every name of a unit (longest first: 个小时 before 小时), and a word said to be the unit: 单位：台, unit: pieces
_UNIT_WORD = on_first_use("|".join(re.escape(name) for name in sorted(
    (name for names in UNIT_NAMES for name in names), key=len, reverse=True)))
_UNIT_SAID = on_first_use(r"(?:单位\s*[:为是]|\bunits?\s*:)\s*([^\s;/|()（）,，、。:]+(?: days?)?)")
_DATE = on_first_use(r"\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?|\d{1,2}\s*月\s*\d{1,2}\s*日")
_CJK = on_first_use(r"[\u3400-\u9fff]")
_MINUTES = on_first_use(r"(?<=[按以])分(?=计|填|为单位)")  # 按分计: by the minute (分 alone is also points or cents)
_AFTER_A_NUMBER = on_first_use(r"\d\s*$")
_QUANTITY_ALONE = on_first_use(r"\s*(?:约|~|≈)?\s*[-+]?\d[\d,.]*\s*(\D+?)\s*")  # 0.52万元, 约90分钟: the answer again
_BESIDE_A_UNIT = frozenset("按以为位")  # 按天, 以月, 单位天: one-character names (天, 年) stand alone only beside these


def other_period(field: Field, part: str) -> bool:
    """Whether a part of column D prices a money field for another period than its label does: 元/席/年, 按年报价 or
    per seat-year beside 每席位每月单价 / Rate per seat-month (hostile11 H11-3: 62,400 a seat-year read as a month's)."""
    own = _period(field.label.both()) if field.type is FieldType.MONEY else None
    said = _period(_DATE.sub(" ", fold(part))) if own is not None else None
    return said is not None and said != own


def _period(text: str) -> Label | None:
    """The period a price in ``text`` is for, as said first there (每月, per seat-month, 按年报价), if any."""
    folded = fold(text)
    found = [(m.start(), period) for period, words in _PERIODS for m in [words.search(folded)] if m]
    return min(found, key=lambda at: at[0])[1] if found else None


_PER = r"per\s+(?:[a-z]+[- ])?"  # per month, per seat-month, per seat year
# 元/月, 元/席/年, 元/席·年, 元/(人·年), 元（年）, yuan/seat/year (8小时/天 is no price's period); the period may be glued to
# what the price is for (元/人年, 元/席月: a person-year, a seat-month)
_YUAN_PER = r"(?:元|yuan|rmb|cny)(?:\s*/\s*\(?[^/\d\s;()·•・⋅∙]{1,8}?)*?\s*[/(·•・⋅∙]\s*\(?"
_GLUED = r"[^/\d\s;()·•・⋅∙a-z]{0,3}?"
_PERIODS = (
    (Label("月", "month"), re.compile(rf"每月|按月|包月|{_YUAN_PER}(?:{_GLUED}月|months?\b)|月费|月度(?:单价|报价|价|费)"
                                     rf"|{_PER}month|monthly|-month")),
    (Label("年", "year"), re.compile(rf"每年|按年|包年|{_YUAN_PER}(?:{_GLUED}年|years?\b|yr\b)|年费|年度(?:单价|报价|价|费)"
                                    rf"|{_PER}year|yearly|annual|per annum|-year")),
    (Label("季度", "quarter"), re.compile(rf"每季|按季|{_YUAN_PER}(?:{_GLUED}季|quarter)|季度(?:单价|报价|价|费)|{_PER}quarter"
                                         r"|quarterly")),
    (Label("天", "day"), re.compile(rf"{_YUAN_PER}(?:{_GLUED}[天日]|days?\b)|按[天日](?:计费|报价|收费)|日单价|{_PER}day\b"
                                   r"|daily")),
    (Label("小时", "hour"), re.compile(rf"{_YUAN_PER}(?:{_GLUED}小?时|hours?\b|hr\b)|{_PER}hour\b")),
)


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether a unit's name found in ``text`` is one, not part of a word: a Latin name touches no letter (nor an
    apostrophe: it's, I'd), a one-character Chinese name (天, 月, 年) no other character but 按, 以, 为, 位 before it,
    or 填, 计 after it (近三年, 每月, 天府 are words)."""
    word = text[start:end]
    before, after = text[start - 1:start], text[end:end + 1]
    if word.isascii():
        return not any(c.isalpha() or c in "'’" for c in before + after)
    if len(word) > 1:
        return True
    return not (_CJK.match(before) and before not in _BESIDE_A_UNIT) and not (_CJK.match(after) and after not in "填计")


def _amended(mark: RubricMark, rubric: Rubric) -> bool:
    """Whether a mark of ``rubric``'s id names another version of it (both digests known)."""
    return bool(mark.sha256 and rubric.text_sha256) and mark.sha256 != rubric.text_sha256


_MEASURED = (FieldType.MONEY, FieldType.NUMBER, FieldType.INTEGER)
_Measured = tuple[tuple["Field", str | None, tuple[str, ...]], ...]
_MEASURED_OF: dict[int, tuple[Rubric, _Measured]] = {}  # id(rubric) → its fields, once


def _measured(rubric: Rubric) -> _Measured:
    """``rubric``'s money, number and whole-number fields, each with the unit its form states and every part of its
    column D (worked out once per rubric: 2,000 forms are read against one)."""
    from .template import unit_cell_parts  # (the form's writer marks it here)

    known = _MEASURED_OF.get(id(rubric))
    if known is None or known[0] is not rubric:
        if len(_MEASURED_OF) > 16:
            _MEASURED_OF.clear()
        known = _MEASURED_OF[id(rubric)] = (rubric, tuple((f, _unit_part(f), unit_cell_parts(rubric, f))
                                                          for f in rubric.bid_fields if f.type in _MEASURED))
    return known[1]


def _unit_part(field: Field) -> str | None:
    """The unit a bid form's column D states for ``field`` (as :mod:`bideval.template` writes it), if any."""
    if field.type is FieldType.MONEY:
        unit = unit_label(field)
        return None if unit is None else unit.both()
    if field.type in (FieldType.NUMBER, FieldType.INTEGER) and field.unit:
        return Label(f"单位：{field.unit}", f"unit: {field.unit}").both()
    return None


_NUMBER_UNIT = on_first_use(r"单位：(.+) / unit: (.+)")
# every money unit a form writes (unit_label's): 元 / yuan, 万元 / 10,000 yuan, 美元 / US dollars …
_MONEY_UNITS = frozenset(text for c in CURRENCIES.values()
                         for text in (c.name.both(), f"万{c.name.zh} / 10,000 {c.name.en}"))


def _same_unit(field: Field, part: str, wanted: str | None) -> bool:
    """Whether ``part``, a unit as bid-eval writes one, is ``wanted`` (``field``'s), a number's by any of its names
    (a form of ``unit: 小时`` read by a rubric of ``unit: h``)."""
    if part == wanted:
        return True
    said = _NUMBER_UNIT.fullmatch(part)
    return bool(field.unit and said and field.type is not FieldType.MONEY
                and {fold(said.group(1)), fold(said.group(2))} <= unit_names(field.unit))


def _states_unit(field: Field, part: str) -> bool:
    """Whether a part of column D is a unit as bid-eval writes one for a field of ``field``'s type."""
    if field.type is FieldType.MONEY:
        return part in _MONEY_UNITS
    return field.type in (FieldType.NUMBER, FieldType.INTEGER) and _NUMBER_UNIT.fullmatch(part) is not None

