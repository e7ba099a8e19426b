"""The files a command writes: checked against its inputs before any work, written together at the end.

A command line is typed by hand, and a slip of the tab key puts an input's name after ``--out``. So before
anything is read, :func:`check_outputs` refuses an output that is one of the command's inputs (the rubric, a
bid workbook, a panel workbook; the same file by another name or link included), a workbook written into a
folder of bids (the next run would read it as a bid), two options naming one file, a folder, a folder
that does not exist, a name whose extension does not fit what is written there (:class:`Written`: a workbook
not ending in ``.xlsx``, a report not in ``.pdf``, the result JSON in ``.xlsx``, ``.csv`` or ``.pdf``: Excel
refuses to open a ``result.xlsx`` holding JSON, and a script reading ``ranked.json`` gets a zip), and a path
that is there but is not a regular file (a named pipe, a device such as
``/dev/stdout``, a socket): replacing one would turn it into a plain file. A symbolic link names the file it
points to, and that file is what is written. Then :func:`write_outputs` writes every output to a temporary
file beside the file it replaces and only when all are written puts them in place: a run that fails leaves
every output as it was, and each file is created with the permissions any new file of the user gets (its
umask), or keeps those of the file it replaces.
"""
from __future__ import annotations

import enum
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

from .errors import InputErrors, Problem
from .sheets import SPREADSHEET_SUFFIXES

Writer = Callable[[Path], object]


class OutputError(InputErrors):
    """Output paths a command must not write to."""


STDOUT = "-"  # an output path meaning standard output, for the options that allow it (--json -)


class Written(enum.Enum):
    """What a command writes to an output, and so the extension its name must end in."""

    WORKBOOK = ".xlsx"
    PDF = ".pdf"
    JSON = ".json"  # (any extension but another format's: r.json, r.txt, or none)


# the extensions a JSON output may not have: Excel's, another spreadsheet program's, the report's
_NOT_JSON = frozenset({".xlsx", ".pdf", *SPREADSHEET_SUFFIXES})


def check_outputs(outputs: Mapping[str, str | None], inputs: Mapping[str, Sequence[str]],
                  bid_folders: Iterable[str] = (), writes: Mapping[str, Written] | None = None,
                  to_stdout: Iterable[str] = ()) -> None:
    """Refuse, every problem at once, outputs (option → path, None when not asked for) that would destroy an input
    (option → paths), land in a folder of bids, name one file twice, cannot be written where they say, or whose
    extension does not fit what the option writes (``writes``: option → what it writes); ``-`` is standard output
    for the options in ``to_stdout`` and refused for any other (a workbook or PDF is binary)."""
    problems: list[Problem] = []
    given = {option: path for option, path in outputs.items() if path is not None}
    seen: dict[str, str] = {}
    folders = [Path(f) for f in bid_folders if Path(f).is_dir()]
    for option, path in given.items():
        if not path.strip():  # an empty variable in a script: the option given, naming nothing
            problems.append(Problem.of("cli.output_empty", option))  # (told at the option: there is no file name)
            continue
        if path == STDOUT:
            if option not in to_stdout:
                problems.append(Problem.of("cli.binary_to_stdout", path, option=option))
            continue
        target = Path(path)
        key = os.path.realpath(target)
        if key in seen:
            problems.append(Problem.of("cli.outputs_same", path, option=option, other=seen[key]))
            continue
        seen[key] = option
        if target.is_dir():
            problems.append(Problem.of("cli.output_is_folder", path, option=option))
            continue
        kind = _special_kind(target)
        if kind is not None:
            problems.append(Problem.of("cli.output_not_a_file", path, option=option, kind=kind,
                                       stdout=option in to_stdout))
            continue
        written = _written(target)
        folder = written.parent
        if not folder.is_dir():
            blocking = _not_a_folder(folder)
            problems.append(Problem.of("cli.output_folder_missing", path, option=option, folder=str(folder))
                            if blocking is None else
                            Problem.of("cli.output_under_file", path, option=option, blocking=str(blocking)))
            continue
        clash = next(((input_option, read) for input_option, sources in inputs.items() for source in sources
                      if (read := _read_as(written, Path(source))) is not None), None)
        if clash is not None:
            problems.append(Problem.of("cli.output_is_input", path, option=option, input_option=clash[0],
                                       input=clash[1]))
            continue
        wrong = _wrong_extension(target, (writes or {}).get(option))
        if wrong is not None:
            problems.append(Problem.of("cli.output_extension", path, option=option, **wrong))
            continue
        # A link in a bids folder is read there as the workbook it points to, wherever that lies: every hop of a
        # chain of links counts, as the last one (a file not made yet) is read through all of them.
        hops = _hops(target)
        spreadsheet = any(p.suffix.lower() == ".xlsx" or p.suffix.lower() in SPREADSHEET_SUFFIXES
                          for p in (*hops, written))
        inside = next((f for f in folders if any(_same_file(hop.parent, f) for hop in (*hops, written))), None)
        if inside is not None and spreadsheet:
            problems.append(Problem.of("cli.output_in_bids_folder", path, option=option, folder=str(inside)))
    if problems:
        raise OutputError(problems)


def _not_a_folder(folder: Path) -> Path | None:
    """The part of the folder path ``folder`` that is there but is no folder (a file, /dev/null), where a folder
    is needed to write in it; None when the path is missing, not in the way.

    >>> _not_a_folder(Path("/dev/null/out")), _not_a_folder(Path("/nowhere/out"))
    (PosixPath('/dev/null'), None)
    """
    for part in (folder, *folder.parents):
        if part.exists():
            return None if part.is_dir() else part
    return None


def _wrong_extension(target: Path, what: Written | None) -> dict[str, str] | None:
    """The facts of a name whose extension does not fit ``what`` is written there (None when it fits): what it
    writes, the extension found and the name suggested.

    >>> _wrong_extension(Path("out/ranked.json"), Written.WORKBOOK)
    {'written': 'workbook', 'found': '.json', 'expected': '.xlsx', 'suggested': 'ranked.xlsx'}
    >>> _wrong_extension(Path("result.XLSX"), Written.JSON)["suggested"], _wrong_extension(Path("r.txt"), Written.JSON)
    ('result.json', None)
    """
    if what is None:
        return None
    found = target.suffix.lower()
    if found == what.value or (what is Written.JSON and found not in _NOT_JSON):
        return None
    name = target.with_suffix(what.value).name if found else target.name + what.value
    return {"written": what.name.lower(), "found": found, "expected": what.value, "suggested": name}


def _special_kind(target: Path) -> str | None:
    """What ``target`` is when it is there and is neither a regular file nor a folder (through any link):
    ``fifo``, ``device``, ``socket``, ``loop`` (a link that leads back to itself) or ``other``; else None."""
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:  # nothing there yet, or a link to a file not made yet
        return None
    except OSError as error:
        return "loop" if error.errno == errno.ELOOP else None  # any other failure is told on writing
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "socket" if stat.S_ISSOCK(mode) else "other"


def _written(target: Path) -> Path:
    """The file writing ``target`` means: the file a symbolic link there points to (a link into a shared folder
    is meant to update the shared file, not to be replaced by a local copy), else ``target`` itself."""
    return Path(os.path.realpath(target)) if target.is_symlink() else target


def _hops(target: Path) -> list[Path]:
    """``target`` and every path a chain of symbolic links from it passes through, up to the file it names."""
    hops = [target]
    while hops[-1].is_symlink() and len(hops) <= 40:  # a loop is refused before (_special_kind)
        hops.append(hops[-1].parent / os.readlink(hops[-1]))
    return hops


def _read_as(written: Path, source: Path) -> str | None:
    """The input the file ``written`` is when ``source`` is read: ``source`` itself, or a workbook in the folder
    ``source``, each through any link (a bid in the folder may be a link to the very file an output points to)."""
    if _same_file(written, source):
        return str(source)
    if not (source.is_dir() and written.is_file()):
        return None
    try:
        target = os.stat(written)
    except OSError:  # gone since: nothing in the folder is it
        return None
    with os.scandir(source) as entries:  # (each entry's stat follows its links, as os.path.samefile's does)
        return next((entry.path for entry in entries if entry.name.lower().endswith(".xlsx")
                     and not entry.name.startswith(("~$", ".")) and _is_file(entry, target)), None)


def _is_file(entry: os.DirEntry[str], target: os.stat_result) -> bool:
    """Whether a folder's entry is the file ``target`` is the status of (by another name, a link, a hard link)."""
    try:
        return os.path.samestat(entry.stat(), target)
    except OSError:
        return False


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file or folder (by another name, a link, a hard link)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): the same only if they resolve alike
        return os.path.realpath(a) == os.path.realpath(b)


def write_outputs(files: Sequence[tuple[str, Writer]]) -> None:
    """Write each (path, writer) to a temporary file beside its path (beside the file a link there points to),
    then, once every one is written, put them in place; on any failure remove the temporary files and leave every
    path as it was. An error writing one names the path the user gave."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, write in files:
            written = _written(Path(path))
            staged.append((_staged(path, written, write), written))
        for temporary, written in staged:
            os.replace(temporary, written)
    except BaseException:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
        raise


def _staged(path: str, target: Path, write: Writer) -> str:
    """``write`` into a new temporary file beside ``target`` (the file the user's ``path`` writes), with the mode
    ``target`` is to have."""
    try:
        handle, temporary = tempfile.mkstemp(prefix=".bideval-", suffix=target.suffix, dir=target.parent)
    except OSError as error:
        raise OSError(error.errno, error.strerror, path) from None
    os.close(handle)
    try:
        write(Path(temporary))
        os.chmod(temporary, _mode_for(target))
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):  # named as the user gave it, not as the temporary file
            raise OSError(error.errno, error.strerror, path) from None
        raise
    return temporary


def _mode_for(target: Path) -> int:
    """The permissions of the file replaced, else those of a new file under the user's umask (mkstemp's are 0600)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
