"""Which characters of a cell's text Excel draws struck through, or raised or lowered (superscript, subscript), from
the runs of its rich text.

A cell's text is drawn in the font of its cell format, unless it is rich text: runs (``<r>``), each with a font of
its own (``<rPr>``) or not, in the shared-string table (as Excel and xlsxwriter save it) or in the cell itself (an
inline string, as openpyxl saves it). A run with a font of its own is drawn by that font alone, as Excel draws it (a
run whose font does not strike is drawn plain in a struck cell); a run without one, and a text outside any run, in
the cell's font. The package check (:mod:`bideval.xlsx_guard`) notes a cell as struck through when every character
of its text but spaces is, and as struck in part when only some are (:mod:`bideval.sheet_notes`); and a cell as raised
in part when some of its text, not all, is drawn in superscript or subscript (``2`` and a raised ``1``, a footnote mark,
read as 21). A cell format's own superscript font draws the whole text smaller, the same value: not noted.
"""
from __future__ import annotations

import html
import re
from bisect import bisect_right
from typing import Callable, TypeVar

from .patterns import on_first_use

# A text in runs: each run's text, and whether the run's own font strikes it, or raises or lowers it (None: it has
# none, the cell's font draws it). A text outside any run is a run without a font of its own.
Runs = tuple[tuple[str, bool | None], ...]
_Mark = TypeVar("_Mark")  # what a run's own font says of it: whether it strikes, its colour …

_PREFIX = rb"(?:[A-Za-z_][\w.\-]*:)?"
_STRIKE = on_first_use(rb"<" + _PREFIX + rb"strike(?=[\s/>])([^>]*)")
_VERTICAL_ALIGNMENT = on_first_use(rb"<" + _PREFIX + rb"vertAlign(?=[\s/>])([^>]*)")
_VALUE = on_first_use(rb"(?<![\w:.\-])val\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_STRING_ITEM = on_first_use(rb"<" + _PREFIX + rb"si(?=[\s/>])")
_RUN = on_first_use(rb"<" + _PREFIX + rb"r(?=[\s>])[^>]*>(.*?)</" + _PREFIX + rb"r\s*>", re.DOTALL)
_RUN_FONT = on_first_use(rb"\s*<" + _PREFIX + rb"rPr(?=[\s/>])[^>]*?(?:/>|>(.*?)</" + _PREFIX + rb"rPr\s*>)", re.DOTALL)
_TEXT = on_first_use(rb"<" + _PREFIX + rb"t(?=[\s/>])[^>]*?(?:/>|>(.*?)</" + _PREFIX + rb"t\s*>)", re.DOTALL)
# A phonetic run (furigana over Japanese text): not shown unless asked for, and not read as the cell's text
_PHONETIC = on_first_use(rb"<" + _PREFIX + rb"rPh(?=[\s/>])[^>]*?(?:/>|>.*?</" + _PREFIX + rb"rPh\s*>)", re.DOTALL)


def font_strikes(font: bytes) -> bool:
    """Whether a font (the inside of a ``<font>``, or of a run's ``<rPr>``) strikes its text through: ``<strike/>``,
    or ``<strike val="1"/>`` / ``"true"`` (``val="0"`` / ``"false"`` is not struck).

    >>> font_strikes(b'<b/><strike val="0"/>'), font_strikes(b"<strike/><sz val='11'/>")
    (False, True)
    """
    for strike in _STRIKE.finditer(font):
        value = _VALUE.search(strike.group(1))
        written = b"1" if value is None else value.group(1) if value.group(1) is not None else value.group(2)
        if html.unescape(written.decode("utf-8", "replace")).strip(" \t\r\n").lower() in ("1", "true"):
            return True
    return False


def font_raises(font: bytes) -> bool:
    """Whether a font (the inside of a run's ``<rPr>``) draws its text raised or lowered: ``<vertAlign
    val="superscript"/>`` or ``"subscript"`` (``"baseline"`` is neither), its value as an XML reader reads it.

    >>> font_raises(b'<vertAlign val="superscript"/>'), font_raises(b"<vertAlign val='baseline'/><sz val='11'/>")
    (True, False)
    """
    for alignment in _VERTICAL_ALIGNMENT.finditer(font):
        value = _VALUE.search(alignment.group(1))
        written = b"" if value is None else value.group(1) if value.group(1) is not None else value.group(2)
        if html.unescape(written.decode("utf-8", "replace")).strip(" \t\r\n") in ("superscript", "subscript"):
            return True
    return False


def says_raise(text: bytes) -> bool:
    """Whether XML text says ``vertAlign`` (a run raised or lowered, maybe). In a long text, found by its letter g, rare
    in a sheet's markup, as :func:`says_strike` finds its word; in a short one (a bid form's), by a plain search,
    quicker there than a look at each of its few g's."""
    return b"vertAlign" in text if len(text) <= 8192 else holds(text, b"vertAlign", 7)


def says_strike(text: bytes) -> bool:
    """Whether XML text says ``strike`` (a struck font or run, maybe). Found by its letter k, rare in a sheet's
    markup (found with memchr, each looked at): a plain search costs ten times as much, its other letters (and the
    digits its filter takes for them) being everywhere; from the 65th k, a plain search of the rest."""
    return holds(text, b"strike", 4)


def holds(text: bytes, word: bytes, by: int) -> bool:
    """Whether ``text`` holds ``word``, found by its byte at ``by``, rare in a sheet's markup (found with memchr, each
    looked at); from the 65th such byte, a plain search of the rest."""
    rare = word[by:by + 1]
    at = text.find(rare)
    for _ in range(64):
        if at < 0:
            return False
        if at >= by and text.startswith(word, at - by):
            return True
        at = text.find(rare, at + 1)
    return at >= 0 and text.find(word, max(at - by, 0)) >= 0


def item_runs(item: bytes, drawn: Callable[[bytes], bool] = font_strikes) -> Runs:
    """A string item's text (the inside of a shared string's ``<si>`` or an inline string's ``<is>``) in runs, its
    phonetic runs left out; each run with whether its own font strikes it (``drawn``: or whether that font does
    something else to it, :func:`font_raises`).

    >>> item_runs(b'<r><rPr><strike/></rPr><t>Acme</t></r><r><t xml:space="preserve"> Ltd</t></r>')
    (('Acme', True), (' Ltd', None))
    """
    return marked_runs(item, drawn)


def marked_runs(item: bytes, mark: Callable[[bytes], _Mark]) -> tuple[tuple[str, _Mark | None], ...]:
    """A string item's text in runs (:func:`item_runs`), each with what ``mark`` says of its own font (None: it has
    none, the cell's font draws it)."""
    if b"rPh" in item:
        item = _PHONETIC.sub(b"", item)
    runs: list[tuple[str, _Mark | None]] = []
    last = 0
    for run in _RUN.finditer(item):
        runs += [(text, None) for text in _texts(item, last, run.start())]
        inside = run.group(1)
        font = _RUN_FONT.match(inside)  # (a run's font comes first in it)
        said = None if font is None else mark(font.group(1) or b"")
        runs += [(text, said) for text in _texts(inside, font.end() if font else 0, len(inside))]
        last = run.end()
    return tuple(runs + [(text, None) for text in _texts(item, last, len(item))])


def _texts(markup: bytes, start: int, end: int) -> list[str]:
    """The texts (``<t>``) of ``markup`` between ``start`` and ``end``, unescaped, spaces kept."""
    return [html.unescape((match.group(1) or b"").decode("utf-8", "replace"))
            for match in _TEXT.finditer(markup, start, end)]


def rich_strings(table: bytes, styled: bool, drawn: Callable[[bytes], bool] = font_strikes) -> dict[int, Runs]:
    """By index, the texts of a shared-string table (its XML, in UTF-8) in runs of which one has a font of its own
    that strikes (``drawn``: or raises, :func:`font_raises`); with ``styled`` (a cell format strikes), or one that does
    not (it is drawn plain in a struck cell). Only the items holding a run's font are parsed."""
    return marked_strings(table, drawn, lambda runs: any(strikes or (styled and strikes is not None)
                                                         for _, strikes in runs))


def marked_strings(table: bytes, mark: Callable[[bytes], _Mark],
                   keep: Callable[[tuple[tuple[str, _Mark | None], ...]], bool]
                   ) -> dict[int, tuple[tuple[str, _Mark | None], ...]]:
    """By index, the texts of a shared-string table in runs (:func:`marked_runs`) that ``keep`` keeps, of those with a
    run's font of its own: only the items holding one are parsed."""
    starts = [match.start() for match in _STRING_ITEM.finditer(table)]
    found: dict[int, tuple[tuple[str, _Mark | None], ...]] = {}
    at = table.find(b"rPr")
    while at >= 0:
        index = bisect_right(starts, at) - 1
        end = starts[index + 1] if index + 1 < len(starts) else len(table)
        if index >= 0:
            runs = marked_runs(table[starts[index]:end], mark)
            if keep(runs):
                found[index] = runs
        at = table.find(b"rPr", max(end, at + 3))
    return found


def drawn_struck(runs: Runs, styled: bool) -> bool | tuple[str, ...]:
    """How a text in ``runs`` is drawn in a cell whose format strikes (``styled``) or not: True when every character
    that is not a space is struck through, False when none is; else the parts struck, each stretch of struck runs
    (spaces between them kept, around them trimmed), in the order of the text.

    >>> drawn_struck((("Acme", True), (" ", False), ("Ltd", None)), styled=True)
    True
    >>> drawn_struck((("Acme", True), (" Ltd", None)), styled=False)
    ('Acme',)
    """
    parts: list[str] = []
    stretch: list[str] = []
    plain = False
    for text, strikes in runs:
        if not text.strip():
            stretch += [text] if stretch else []
        elif styled if strikes is None else strikes:
            stretch.append(text)
        else:
            plain = True
            if stretch:
                parts.append("".join(stretch).strip())
                stretch = []
    if stretch:
        parts.append("".join(stretch).strip())
    return False if not parts else tuple(parts) if plain else True


def says_rich(text: bytes) -> bool:
    """Whether XML text says ``rPr`` (a run of rich text with a font of its own, maybe: its colour may hide it), found
    by its letter P, rare in a shared-string table's markup (a plain search for so short a word costs five times as
    much, on a bid form's strings too)."""
    return holds(text, b"rPr", 1)


def says_raise_or_rgb(text: bytes) -> tuple[bool, bool]:
    """Whether XML text says ``vertAlign`` (:func:`says_raise`) and ``rgb`` (a colour given as such, maybe an inline
    string's run's), both found by their letter g in one look at each, rare in a sheet's markup; from the 65th g, a
    plain search of the rest for each still unsaid.

    >>> says_raise_or_rgb(b'<is><r><rPr><color rgb="FFFFFFFF"/></rPr><t>1</t></r></is>'), says_raise_or_rgb(b"<c/>")
    ((False, True), (False, False))
    """
    raised = coloured = False
    at = text.find(b"g")
    for _ in range(64):
        if at < 0:
            return raised, coloured
        raised = raised or (at >= 7 and text.startswith(b"vertAlign", at - 7))
        coloured = coloured or (at >= 1 and text.startswith(b"rgb", at - 1))
        if raised and coloured:
            return True, True
        at = text.find(b"g", at + 1)
    if at < 0:
        return raised, coloured
    return (raised or text.find(b"vertAlign", max(at - 7, 0)) >= 0,
            coloured or text.find(b"rgb", max(at - 1, 0)) >= 0)
