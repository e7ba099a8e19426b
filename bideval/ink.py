"""Which colour Excel draws a cell's text in, and which its background: a value drawn in its background's colour is
one nobody sees on screen (white on no fill, yellow on the yellow of an answer cell).

A colour is six hex digits (``FFFFFF``), as the styles part writes it (``rgb="FFFFFFFF"``: the alpha byte dropped,
Excel draws it opaque), by the workbook's own palette (``indexed="9"``), or by its theme (``theme="0"``, lightened or
darkened by ``tint``), each worked out here. Only colours equal to the digit are compared: a near-white on white is
not taken for white.

>>> colour({"rgb": "FFFFFF00"}), colour({"indexed": "9"}), colour({"theme": "1"}), colour({"auto": "1"})
('FFFF00', 'FFFFFF', '000000', '000000')
"""
from __future__ import annotations

import colorsys
import html
import re
from typing import Mapping, Sequence

# Excel's default palette (indexed colours 0–63; 64 is the system's text colour, 65 its window's background), as the
# styles' <indexedColors> replaces it
PALETTE = tuple((
    "000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF 000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF "
    "800000 008000 000080 808000 800080 008080 C0C0C0 808080 9999FF 993366 FFFFCC CCFFFF 660066 FF8080 0066CC CCCCFF "
    "000080 FF00FF FFFF00 00FFFF 800080 800000 008080 0000FF 00CCFF CCFFFF CCFFCC FFFF99 99CCFF FF99CC CC99FF FFCC99 "
    "3366FF 33CCCC 99CC00 FFCC00 FF9900 FF6600 666699 969696 003366 339966 003300 333300 993300 993366 333399 333333 "
    "000000 FFFFFF").split())
WINDOW_TEXT, WINDOW = "000000", "FFFFFF"  # automatic text, and the sheet's background where a cell has no fill
NO_FILL = ""  # a cell's fill when it has none: the sheet's background (WINDOW) shows
# A theme's colours in the order a cell's theme="n" counts them: light 1 and dark 1 first (swapped from the theme's
# own order), then light 2, dark 2, the six accents, the hyperlink's and the followed hyperlink's
THEME_ORDER = ("lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink",
               "folHlink")
# Without a theme part (or one that does not say them): Excel's window background and window text
DEFAULT_THEME: tuple[str | None, ...] = (WINDOW, WINDOW_TEXT)
# The colours a number format names in a section ([White]0, [Color 2]0), by name folded
NAMED = {"black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "00FF00", "blue": "0000FF",
         "yellow": "FFFF00", "magenta": "FF00FF", "cyan": "00FFFF"}

_PREFIX = rb"(?:[A-Za-z_][\w.\-]*:)?"
_ATTRIBUTE = re.compile(rb"([A-Za-z_][\w:.\-]*)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_SCHEME = re.compile(rb"<" + _PREFIX + rb"clrScheme(?=[\s/>]).*?</" + _PREFIX + rb"clrScheme\s*>", re.DOTALL)
_SCHEME_COLOUR = re.compile(rb"<" + _PREFIX + rb"(dk1|lt1|dk2|lt2|accent[1-6]|hlink|folHlink)\s*>\s*<" + _PREFIX
                            + rb"(srgbClr|sysClr)(?=[\s/>])([^>]*)")
_COLOUR = re.compile(rb"<" + _PREFIX + rb"color(?=[\s/>])([^>]*)")
_PATTERN = re.compile(rb"<" + _PREFIX + rb"patternFill(?=[\s/>])([^>]*?)(/?)>")
_FOREGROUND = re.compile(rb"<" + _PREFIX + rb"fgColor(?=[\s/>])([^>]*)")
_BACKGROUND = re.compile(rb"<" + _PREFIX + rb"bgColor(?=[\s/>])([^>]*)")
_RGB = re.compile(r"(?:[0-9A-Fa-f]{2})?([0-9A-Fa-f]{6})")
_PALETTE_ENTRY = re.compile(rb"<" + _PREFIX + rb"rgbColor(?=[\s/>])([^>]*)")
_INDEXED = re.compile(rb"<" + _PREFIX + rb"indexedColors(?=[\s/>])[^>]*>(.*?)</" + _PREFIX + rb"indexedColors\s*>",
                      re.DOTALL)


def attributes(markup: bytes) -> dict[str, str]:
    """The attributes of a start tag's inside, unescaped, by their name without a prefix."""
    return {name.decode("ascii", "replace").rsplit(":", 1)[-1]:
            html.unescape((double if double is not None else single).decode("utf-8", "replace")).strip()
            for name, double, single in _ATTRIBUTE.findall(markup)}


def theme_colours(theme: bytes) -> tuple[str | None, ...]:
    """The colours of a theme part's colour scheme, in the order a cell's ``theme="n"`` counts them (None: one it
    does not say); a system colour as the theme last saw it (``lastClr``), else the window's text or background.

    >>> theme_colours(b'<a:clrScheme name="O"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
    ...               b'<a:lt1><a:sysClr val="window"/></a:lt1><a:accent1><a:srgbClr val="4472c4"/></a:accent1>'
    ...               b'</a:clrScheme>')[:5]
    ('FFFFFF', '000000', None, None, '4472C4')
    """
    scheme = _SCHEME.search(theme)
    if scheme is None:
        return DEFAULT_THEME
    found: dict[str, str] = {}
    for name, kind, inside in _SCHEME_COLOUR.findall(scheme.group()):
        said = attributes(inside)
        value = said.get("val", "") if kind == b"srgbClr" else said.get("lastClr", "") or {
            "windowtext": WINDOW_TEXT, "window": WINDOW}.get(said.get("val", "").lower(), "")
        if _RGB.fullmatch(value):
            found[name.decode("ascii")] = value.upper()
    return tuple(found.get(name) for name in THEME_ORDER)


def palette(styles: bytes) -> tuple[str, ...]:
    """The indexed colours of a workbook: its styles' own (``<colors><indexedColors>``) where it has them, else
    Excel's (:data:`PALETTE`)."""
    own = _INDEXED.search(styles) if b"indexedColors" in styles else None
    if own is None:
        return PALETTE
    entries = [attributes(entry).get("rgb", "") for entry in _PALETTE_ENTRY.findall(own.group(1))]
    colours = [match.group(1).upper() if (match := _RGB.fullmatch(rgb)) else "" for rgb in entries]
    return tuple(colours) + PALETTE[len(colours):]


def colour(said: Mapping[str, str], theme: Sequence[str | None] = DEFAULT_THEME,
           indexed: Sequence[str] = PALETTE) -> str | None:
    """The colour a ``<color>``, ``<fgColor>`` (its attributes) says, as six hex digits; None when it cannot be told.

    >>> colour({"theme": "0", "tint": "-0.499984740745262"}), colour({"theme": "7"}), colour({"rgb": "nonsense"})
    ('808080', None, None)
    """
    if said.get("auto", "").lower() in ("1", "true"):
        return WINDOW_TEXT
    found: str | None = None
    if "rgb" in said:
        match = _RGB.fullmatch(said["rgb"])
        found = match.group(1).upper() if match else None
    elif "theme" in said:
        number = said["theme"]
        found = theme[int(number)] if number.isdigit() and int(number) < len(theme) else None
    elif "indexed" in said:
        number = said["indexed"]
        found = (indexed[int(number)] or None) if number.isdigit() and int(number) < len(indexed) else None
    if found is None:
        return None
    try:
        tint = float(said.get("tint", "0") or "0")
    except ValueError:
        return None
    return tinted(found, tint) if tint else found


def tinted(rgb: str, tint: float) -> str:
    """A colour lightened (``tint`` above 0) or darkened (below) as Excel does: its luminance moved towards white or
    black by that fraction.

    >>> tinted("000000", 0.5), tinted("FFFFFF", -0.05), tinted("FFFFFF", 0.4)
    ('808080', 'F2F2F2', 'FFFFFF')
    """
    red, green, blue = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    hue, light, saturation = colorsys.rgb_to_hls(red, green, blue)
    light = light * (1 + tint) if tint < 0 else light * (1 - tint) + tint
    return "".join(f"{round(part * 255):02X}" for part in colorsys.hls_to_rgb(hue, max(0.0, min(light, 1.0)),
                                                                             saturation))


def font_colour(font: bytes, theme: Sequence[str | None] = DEFAULT_THEME, indexed: Sequence[str] = PALETTE,
                unsaid: str | None = WINDOW_TEXT) -> str | None:
    """The colour a font (the inside of a ``<font>``, or of a run's ``<rPr>``) draws its text in: its ``<color>``'s,
    or ``unsaid`` when it has none (automatic: the window's text colour; a run's, the cell's font's).

    >>> font_colour(b'<sz val="11"/><color rgb="FFFFFFFF"/>'), font_colour(b'<b/>'), font_colour(b'<b/>', unsaid=None)
    ('FFFFFF', '000000', None)
    """
    said = _COLOUR.search(font)
    return unsaid if said is None else colour(attributes(said.group(1)), theme, indexed)


def fill_colour(fill: bytes, theme: Sequence[str | None] = DEFAULT_THEME, indexed: Sequence[str] = PALETTE
                ) -> str | None:
    """The colour a cell's fill (the inside of a ``<fill>``) paints its background: :data:`NO_FILL` for none (the
    sheet's white shows), the foreground colour of a solid one; None for a pattern (gray125, stripes …) or a gradient,
    or a colour that cannot be told: not compared.

    >>> fill_colour(b'<patternFill patternType="none"/>'), fill_colour(b'<patternFill/>'), fill_colour(b'')
    ('', '', '')
    >>> fill_colour(b'<patternFill patternType="solid"><fgColor rgb="FFFFFF00"/><bgColor indexed="64"/></patternFill>')
    'FFFF00'
    >>> fill_colour(b'<patternFill patternType="gray125"/>'), fill_colour(b'<gradientFill degree="90"/>')
    (None, None)
    """
    pattern = _PATTERN.search(fill)
    if pattern is None:
        return None if b"gradientFill" in fill else NO_FILL
    kind = attributes(pattern.group(1)).get("patternType", "none")
    if kind == "none":
        return NO_FILL
    if kind != "solid":
        return None
    foreground = _FOREGROUND.search(fill, pattern.end())  # (Excel's own: a solid fill's colour is its foreground's)
    return None if foreground is None else colour(attributes(foreground.group(1)), theme, indexed)


def differential_fill_colour(fill: bytes, theme: Sequence[str | None] = DEFAULT_THEME,
                             indexed: Sequence[str] = PALETTE) -> str | None:
    """The colour a conditional format's differential format paints a cell's background with (the inside of its
    ``<dxf>``'s ``<fill>``): a solid fill's, which a differential format writes as its ``bgColor`` (the pattern type
    unsaid, or ``solid``), else its ``fgColor``; None for no fill (the cell's own shows), a pattern, a gradient, or a
    colour that cannot be told.

    >>> differential_fill_colour(b'<patternFill><bgColor rgb="FFFFC7CE"/></patternFill>'), differential_fill_colour(b'')
    ('FFC7CE', None)
    >>> differential_fill_colour(b'<patternFill patternType="gray125"><bgColor rgb="FFFFFFFF"/></patternFill>')
    """
    pattern = _PATTERN.search(fill)
    if pattern is None or attributes(pattern.group(1)).get("patternType", "solid") != "solid":
        return None
    said = _BACKGROUND.search(fill, pattern.end()) or _FOREGROUND.search(fill, pattern.end())
    return None if said is None else colour(attributes(said.group(1)), theme, indexed)


def named_colour(name: str, indexed: Sequence[str] = PALETTE) -> str | None:
    """The colour a number format's section names (``[White]``, ``[Color 9]``: the palette's 8th onwards); None for
    another bracket ([>100], [$€-407], [h]).

    >>> named_colour("White"), named_colour("color2"), named_colour("Color 56"), named_colour(">100")
    ('FFFFFF', 'FFFFFF', '333333', None)
    """
    folded = name.strip().lower()
    if folded in NAMED:
        return NAMED[folded]
    match = re.fullmatch(r"colou?r\s*([0-9]{1,2})", folded)
    if match is None or not 1 <= int(match.group(1)) <= 56:
        return None
    return indexed[int(match.group(1)) + 7] or None


def background(fill: str) -> str:
    """The colour a cell's background shows, from its fill's (:func:`fill_colour`): the sheet's white for no fill."""
    return fill or WINDOW
