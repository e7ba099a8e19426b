"""The methods Python writes for bid-eval's dataclasses, compiled once and kept beside the package's bytecode.

Each ``@dataclass`` has Python write the source of its ``__init__``, ``__eq__``, ``__hash__``, ``__repr__``
and, frozen, ``__setattr__`` and ``__delattr__``, and compile it, every time the class is made: for the hundred or so
domain types the command line imports, 480-odd compilations, a fifth of its start-up (CPU time importing the
evaluate path, best of 15 on this project's 2-core machine: 118 ms compiled each time, 94 ms kept). Python keeps a
module's own bytecode in ``__pycache__`` but not these; this keeps them there too, in one file per Python version
(``dataclass-methods.cpython-311.marshal``).

A compiled method is taken from the file only for exactly the source text Python wrote for it, compiled as
``exec`` would compile it (no ``from __future__`` of ours inherited), so a class is made as without the file: a
changed class writes another text and is compiled afresh. Only the package's own classes are looked up; every other
module's dataclasses are compiled as before. Where the file cannot be read it is not used; where it cannot be
written (a read-only install, ``PYTHONDONTWRITEBYTECODE`` set as for Python's own bytecode) the methods are compiled
each time, as without it. :func:`write_all` writes the file for every module of the package, as ``python -m
compileall`` writes their bytecode (``scripts/setup.sh`` runs both, as an installer would).
"""
import atexit
import builtins
import dataclasses
import marshal
import os
import sys
from types import CodeType
from typing import Any

# (No ``from __future__ import annotations`` here: ``exec`` called from this module would compile with it.)
# (no pathlib: the command's watcher imports the package, and nothing else of it, to start the command)
_FILE = os.path.join(os.path.dirname(__file__), "__pycache__",
                     f"dataclass-methods.{sys.implementation.cache_tag}.marshal")
_PACKAGE = __name__.rpartition(".")[0] + "."

# By source text: the methods read from the file (marshalled: each is unmarshalled when a class asks for it, so a
# command pays for the classes it makes, not for the package's), and those compiled since.
_known: dict[str, bytes | CodeType] = {}
_new: set[str] = set()  # the source texts compiled since the file was read or written
_used: set[str] = set()  # those this process has made a class with
_read: list[bool] = []  # whether the file has been read


def _load() -> dict[str, bytes | CodeType]:
    """The methods kept, by their source text; none when the file is missing, of another Python, or damaged."""
    try:
        with open(_FILE, "rb") as kept:
            version, methods = marshal.loads(kept.read())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if version != sys.version or not isinstance(methods, dict):
        return {}
    return methods


def _code(source: str) -> CodeType:
    """The compiled ``source``: as kept, or compiled as ``exec`` compiles a text (and kept)."""
    kept = _known.get(source)
    if isinstance(kept, bytes):
        try:
            kept = marshal.loads(kept)
        except (EOFError, ValueError, TypeError):
            kept = None
    if isinstance(kept, CodeType):
        _known[source] = kept
        return kept
    code = _known[source] = compile(source, "<string>", "exec", dont_inherit=True)
    _new.add(source)
    return code


def _exec(source: str, globals: dict[str, Any] | None = None, locals: dict[str, Any] | None = None) -> None:
    """``exec(source, globals, locals)`` as :mod:`dataclasses` calls it, its code looked up for the package's own."""
    if globals is None or not str(globals.get("__name__", "")).startswith(_PACKAGE):
        return builtins.exec(source, globals, locals)
    if not _read:  # (the file is read when the package's first class is made: the command's watcher makes none)
        _read.append(True)
        _known.update(_load())
    _used.add(source)
    return builtins.exec(_code(source), globals, locals)


def install() -> None:
    """Have :mod:`dataclasses` take the package's methods from the file from now on (once per process)."""
    if getattr(dataclasses, "exec", None) is _exec:
        return
    dataclasses.exec = _exec  # type: ignore[attr-defined]  # the module's ``exec``, found before the builtin
    atexit.register(save)


def save() -> None:
    """Keep the methods compiled since the file was read: nothing when none was, or when Python writes no bytecode
    (``PYTHONDONTWRITEBYTECODE``)."""
    if _new and not sys.dont_write_bytecode:
        _write(_known)


def _write(methods: dict[str, bytes | CodeType]) -> None:
    """Write the file with ``methods``, whole or not at all."""
    _new.clear()
    part = f"{_FILE}.{os.getpid()}"
    try:
        os.makedirs(os.path.dirname(_FILE), exist_ok=True)
        with open(part, "wb") as kept:
            kept.write(marshal.dumps((sys.version, {source: code if isinstance(code, bytes) else marshal.dumps(code)
                                                    for source, code in methods.items()})))
        os.replace(part, _FILE)  # whole or not at all, whoever else writes it at the same time
    except OSError:
        try:
            os.unlink(part)
        except OSError:
            pass


def write_all() -> str:
    """Make every class of the package (importing each of its modules) and keep their methods, and only theirs (a
    method of a class since changed is dropped), even where Python writes no bytecode; the file written."""
    import importlib
    import pkgutil

    package = __name__.rpartition(".")[0]
    for module in pkgutil.iter_modules(importlib.import_module(package).__path__):
        if module.name != "__main__":  # (it runs the command line)
            importlib.import_module(f"{package}.{module.name}")
    _write({source: _known[source] for source in _used})
    return _FILE

