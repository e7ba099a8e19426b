"""What likely broke a YAML rubric, as facts for its message: the slips people make typing YAML by hand.

PyYAML says where it stopped and what its parser expected (``could not find expected ':'``); an officer needs
the slip on their line and what to type. :func:`syntax_slip` looks at the lines around the error for one of:

- ``colon_space``: ``max:20`` — no space after a key's colon, so YAML reads one text and stops a line later;
- ``quote_value``: ``op: >=`` — a value starting with a character YAML reserves (``>``, ``|``, ``@``, `````,
  ``%``, ``!``: ``op: !=``) must be quoted (``op: >`` on a line of its own breaks nothing: YAML reads an empty folded text, and
  :func:`reserved_value` gives the reader that refuses it the same slip);
- ``colon_in_text``: ``reason: 注意: 交货期`` — ``': '`` inside a text starts a new key unless the text is quoted;
- ``comma_missing``: ``{id: x name: y}`` — two keys of one ``{…}`` without a ``,`` between them;
- ``indent``: a key that starts in another column than the key before it.

:func:`operator_slip` names the operator a condition's ``op`` meant when it was typed as a sign (``≤``, ``＞``).

Each comes with the line it is on and what to write instead; :mod:`bideval.messages` says it in both languages.
Full-width punctuation and tabs are found by :mod:`bideval.rubric_yaml`, before these.
"""
from __future__ import annotations

import json
import re
import unicodedata
from typing import Any, Iterable

from .patterns import on_first_use

_KEY_LINE = on_first_use(r"(?P<lead>\s*(?:-\s+)*)(?P<key>[A-Za-z_][A-Za-z0-9_]*):(?P<rest>.*)")
_NO_SPACE = on_first_use(r"(?P<lead>\s*(?:-\s+)*)(?P<key>[A-Za-z_][A-Za-z0-9_]*):(?P<value>[^\s:/].*)")
_RESERVED = ">|@`%!"
_TAG_VALUE = re.compile(r":\s+(![^\s,}\]]*)")  # op: != — YAML reads a value starting with ! as a tag


# Comparison signs a Chinese input method or a word processor types where a condition's op needs ASCII (full-width
# ＜ ＞ ＝ ！ become ASCII by NFKC first).
_SIGNS = {"≤": "<=", "≦": "<=", "⩽": "<=", "≥": ">=", "≧": ">=", "⩾": ">=", "≠": "!="}
_SIGN_SLIPS = {"=": "==", "=<": "<=", "=>": ">=", "<>": "!="}


def operator_slip(text: str, operators: Iterable[str]) -> str | None:
    """The operator of ``operators`` a condition's unknown ``op`` stands for, or None.

    >>> [operator_slip(t, ("==", "!=", "<", "<=", ">", ">=", "in")) for t in ("≤", "＞", "＝", "< =", "IN", "lt")]
    ['<=', '>', '==', '<=', 'in', None]
    """
    typed = "".join(_SIGNS.get(ch, ch) for ch in unicodedata.normalize("NFKC", text).casefold())
    typed = "".join(typed.split())
    typed = _SIGN_SLIPS.get(typed, typed)
    return typed if typed in operators and typed != text else None


def syntax_slip(lines: list[str], error: Any, keywords: Iterable[str] = ()) -> dict[str, Any]:
    """The slip that likely broke the YAML (``slip``, ``slip_line`` and what to write), or nothing. ``keywords``: the
    keys and words of the rubric format (``rubric_yaml.KEYWORDS``): a word before a stray ``:`` that is one of them is
    a key after a missing ``,`` rather than a text holding ``: ``."""
    context, problem = getattr(error, "context", None) or "", getattr(error, "problem", None) or ""
    context_mark, problem_mark = getattr(error, "context_mark", None), getattr(error, "problem_mark", None)
    mark = problem_mark or context_mark
    if mark is None or not lines:
        return {}
    at = min(mark.line, len(lines) - 1)
    for number in (at, at - 1):  # (op: != breaks a {…} at the next key, or is a tag no constructor knows)
        tagged = _TAG_VALUE.search(lines[number]) if number >= 0 else None
        if tagged:
            return reserved_value(lines, number, tagged.start(1))
    if "simple key" in context and context_mark is not None:  # max:20 is a text that ran on to the next line
        return _no_space(lines, min(context_mark.line, len(lines) - 1), at)
    if "cannot start any token" in problem or "block scalar" in context:
        start = context_mark if "block scalar" in context and context_mark is not None else mark
        return reserved_value(lines, min(start.line, len(lines) - 1), start.column)
    if problem == "mapping values are not allowed here":
        return _stray_colon(lines, at, mark.column, set(keywords), flow=False) or _indent(lines, at)
    if re.fullmatch(r"expected ',' or '[}\]]', but got ':'", problem):
        return _stray_colon(lines, at, mark.column, set(keywords), flow=True)
    if problem.startswith("expected <block end>") or problem.startswith("did not find expected key"):
        return _indent(lines, at)
    return {}


def _no_space(lines: list[str], first: int, last: int) -> dict[str, Any]:
    """``max:20`` on the line the key started on or before the one YAML stopped at."""
    for number in range(first, max(first, last) + 1):
        found = _NO_SPACE.fullmatch(lines[number].rstrip())
        if found:
            written = f"{found['key']}:{found['value']}"
            return {"slip": "colon_space", "slip_line": number + 1, "written": written,
                    "fix": f"{found['key']}: {found['value']}"}
    return {}


def quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar, to copy into a fix: JSON's escapes are YAML's, so every character
    (``"``, ``\\``, a line break) keeps its meaning.

    >>> quoted('同类项目, 数量'), quoted('a "b"')
    ('"同类项目, 数量"', '"a \\\\"b\\\\""')
    """
    return json.dumps(text, ensure_ascii=False)


def reserved_value(lines: list[str], number: int, column: int) -> dict[str, Any]:
    """``op: >=``: the value from the reserved character at (``number``, ``column``, from 0) to the end of the value;
    nothing when no reserved character is there."""
    line = lines[number]
    if column >= len(line) or line[column] not in _RESERVED:
        return {}
    value = re.match(r"[^,}\]\s]+", line[column:])
    written = value.group(0) if value else line[column]
    return {"slip": "quote_value", "slip_line": number + 1, "written": written, "first": written[0],
            "fix": quoted(written)}


def _stray_colon(lines: list[str], number: int, column: int, keywords: set[str], flow: bool) -> dict[str, Any]:
    """A ``:`` YAML did not expect: inside a text (``reason: 注意: 交货期``), or, in a ``{…}``, after a key whose ``,``
    is missing (``{id: x name: y}``)."""
    line = lines[number]
    pair = line
    if flow:  # the pair of the {…} the colon is in
        start = max(line.rfind(",", 0, column), line.rfind("{", 0, column))
        end = min([i for i in (line.find(",", column), line.find("}", column)) if i >= 0] or [len(line)])
        pair = line[start + 1:end]
    found = _KEY_LINE.fullmatch(pair.rstrip())
    if found is None:
        return {}
    key, rest = found["key"], found["rest"].strip()
    words = rest.partition(":")[0].split()
    if flow and len(words) > 1 and words[-1] in keywords:  # the `,` before `name` is missing
        return {"slip": "comma_missing", "slip_line": number + 1, "key": words[-1],
                "fix": f"{' '.join(words[:-1])}, {words[-1]}:"}
    if not rest or ": " not in rest + " ":
        return {}
    return {"slip": "colon_in_text", "slip_line": number + 1, "key": key, "written": rest,
            "fix": f'{key}: "{rest}"'}


def _indent(lines: list[str], number: int) -> dict[str, Any]:
    """A key that starts in another column than the key on the line before it (the nearest line holding a key)."""
    here = _KEY_LINE.fullmatch(lines[number].rstrip())
    if here is None:
        return {}
    for before in range(number - 1, -1, -1):
        if not lines[before].strip() or lines[before].lstrip().startswith("#"):
            continue
        above = _KEY_LINE.fullmatch(lines[before].rstrip())
        if above is None:
            return {}
        column, expected = len(here["lead"]) + 1, len(above["lead"]) + 1
        if column == expected:
            return {}
        return {"slip": "indent", "slip_line": number + 1, "key": here["key"], "key_column": column,
                "other": above["key"], "other_line": before + 1, "other_column": expected}
    return {}
