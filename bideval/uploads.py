"""The upload history of a tender: who uploaded which files when, and what became of each file.

Every upload on the Bids page (bid workbooks, documents with them, or
documents attached to one bid later) is kept in the database as one
:class:`Upload`, listed newest first. A refused file keeps every problem as it
was said at the time, in both languages (:class:`Said`), so the report reads
the same after a restart, in either language, whatever the rubric becomes.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Iterable

from .labels import LANGUAGES, Label

if TYPE_CHECKING:
    from .errors import Problem
    from .rubric import Rubric

BIDS = "bids"  # a bid workbook
DOCUMENT = "document"  # a PDF or image for one bid


@dataclass(frozen=True)
class Said:
    """One problem of a refused file as the import report said it: where (with and without the file name), the
    field it is about and the sentence, each in Chinese and English; its code for scripts."""

    where: str
    local: str
    subject: Label
    text: Label
    code: str = ""

    @classmethod
    def of(cls, problem: "Problem", rubric: "Rubric | None" = None) -> "Said":
        """A problem as :mod:`bideval.messages` says it now, in both languages."""
        from .messages import parts

        said = {lang: parts(problem, lang, rubric=rubric) for lang in LANGUAGES}
        local = parts(problem, "zh", with_file=False)[0]
        return cls(said["zh"][0], local, Label(said["zh"][1], said["en"][1]), Label(said["zh"][2], said["en"][2]),
                   problem.code)


@dataclass(frozen=True)
class UploadedFile:
    """One file of an upload: its name, SHA-256 and size, and the bids it brought, the bid it was attached to, or
    the problems it was refused for."""

    name: str
    sha256: str
    size: int
    kind: str  # BIDS | DOCUMENT
    vendors: tuple[tuple[str, str], ...] = ()  # (vendor_id, vendor_name) of each bid imported from it
    attached_to: str | None = None  # a document: the vendor_id of the bid it was attached to
    envelope: str | None = None  # a document: technical | price
    problems: tuple[Said, ...] = ()
    uploaded_as: str | None = None  # the name it came with, when another file of the upload came with it first
    warnings: tuple[Said, ...] = ()  # an imported workbook's: a field its sheet has no column for (bids.unplaced_fields)
    sealed: bool = False  # as told to a panel seat that may not open the document: name and problems withheld (never stored)
    already: str | None = None  # a document whose bytes its bid holds already, under this name: kept once, not stored

    @property
    def refused(self) -> bool:
        """Whether nothing of this file was kept."""
        return bool(self.problems)


@dataclass(frozen=True)
class Upload:
    """One upload as kept: when, by whom, for one bid or the tender, with replacing on or off, and its files."""

    id: int
    at: datetime
    actor: str
    vendor_id: str | None
    replace: bool
    files: tuple[UploadedFile, ...]

    @property
    def bids(self) -> int:
        """How many bids the upload imported."""
        return sum(len(f.vendors) for f in self.files)

    @property
    def documents(self) -> int:
        """How many documents it attached."""
        return sum(1 for f in self.files if f.attached_to and f.already is None)

    @property
    def refused(self) -> int:
        """How many of its files were refused."""
        return sum(1 for f in self.files if f.refused)


def encode_files(files: Iterable[UploadedFile]) -> str:
    """An upload's files as JSON text for the database."""
    def said(p: Said) -> dict[str, Any]:
        return {"where": p.where, "local": p.local, "subject": [p.subject.zh, p.subject.en],
                "text": [p.text.zh, p.text.en], "code": p.code}

    return json.dumps([{"name": f.name, "sha256": f.sha256, "size": f.size, "kind": f.kind,
                        "vendors": [list(v) for v in f.vendors], "attached_to": f.attached_to,
                        "envelope": f.envelope, "problems": [said(p) for p in f.problems],
                        "uploaded_as": f.uploaded_as, **({"already": f.already} if f.already else {}),
                        **({"warnings": [said(p) for p in f.warnings]} if f.warnings else {})} for f in files],
                      ensure_ascii=False)


def decode_files(text: str) -> tuple[UploadedFile, ...]:
    """An upload's files back from the database's JSON text."""
    def said(p: dict[str, Any]) -> Said:
        return Said(p["where"], p["local"], Label(*p["subject"]), Label(*p["text"]), p.get("code", ""))

    return tuple(UploadedFile(f["name"], f["sha256"], f["size"], f["kind"], tuple((v[0], v[1]) for v in f["vendors"]),
                              f.get("attached_to"), f.get("envelope"), tuple(said(p) for p in f["problems"]),
                              f.get("uploaded_as"), tuple(said(p) for p in f.get("warnings", ())),
                              already=f.get("already"))
                 for f in json.loads(text))
