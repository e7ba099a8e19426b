"""Regular expressions compiled when first used.

Most of the package's patterns look for what seldom happens: a struck or raised cell, a unit written in words in
column D, an inline string where the reader takes none, a rubric's slip. Compiled at import, the 60 of them that a run
over clean bid forms, a consolidated workbook and their panels never uses cost every start of the command 8-9 ms (the
two over the CJK range alone 2.4 ms: a character class that wide is slow to compile). :func:`on_first_use` compiles
such a pattern the first time a method of it is called; from then on its methods are found on the object itself, so
a call costs what it cost on the compiled pattern.
"""
from __future__ import annotations

import re
from typing import AnyStr, Generic, cast

# What a pattern is used for here: once compiled, these are set on the object and found without __getattr__.
_ATTRIBUTES = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "pattern", "flags",
               "groups", "groupindex")


class _Deferred(Generic[AnyStr]):
    """A pattern and its flags, compiled on the first use of an attribute (``search``, ``finditer`` …)."""

    def __init__(self, pattern: AnyStr, flags: int):
        self._source: tuple[AnyStr, int] = pattern, flags

    def __getattr__(self, name: str) -> object:  # only for an attribute not yet set: the first use
        compiled = re.compile(*self._source)
        for attribute in _ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"on_first_use({self._source[0]!r}, {self._source[1]})"


def on_first_use(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, done when the pattern is first used (see the module's text).

    >>> digits = on_first_use(r"\\d+")
    >>> digits.findall("a1b22"), digits.sub("#", "a1b22"), digits.pattern
    (['1', '22'], 'a#b#', '\\\\d+')
    """
    return cast("re.Pattern[AnyStr]", _Deferred(pattern, flags))
