"""What a panel recorded — its members, the agreed tiers, every judge's score — as an evaluation takes it.

Read from panel workbooks by :mod:`bideval.panel`, or from the app's database by :mod:`bideval.storage`. Apart from
the workbook's reader, so that an evaluation without a panel does not import the reader (4 ms of the command's start).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Mapping

from .errors import Problem
from .sheets import InputFile


@dataclass(frozen=True)
class Score:
    """One judge's score for one bid on one panel criterion (None: not yet given)."""

    judge: str
    vendor_id: str
    criterion: str
    score: Decimal | None
    comment: str = ""
    where: str = ""


@dataclass(frozen=True)
class PanelInput:
    """What the panel recorded: members, agreed tiers and scores."""

    judges: tuple[str, ...] = ()
    scores: tuple[Score, ...] = ()
    tiers: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (vendor_id, criterion) → tier id
    warnings: tuple[Problem, ...] = ()  # scores ignored (for invalid bids); str() is the command line's line
    files: tuple[InputFile, ...] = ()
    recused: frozenset[tuple[str, str]] = frozenset()  # (judge, vendor_id): a declared conflict of interest
    consensus: Mapping[tuple[str, str], Decimal] = field(default_factory=dict)  # (vendor_id, criterion) → agreed score
    roles: Mapping[str, str] = field(default_factory=dict)  # member → their role on the panel, as the Judges sheet
    # writes it in brackets after the name (王评委（组长）: 组长)
    # One judge's own scores (Store.result_for before they submit) are not the panel's: what the whole panel's result
    # settles, learnt without a score of another judge's. ``own_of``: that judge (no agreed score is waited for in
    # their result); ``open_stages``: the bids whose pass mark these scores do not settle, those the whole panel still
    # scores (analysis.panel_bids), below a pass mark on that judge's alone; ``settled_out``: the bids the panel has
    # settled out at a pass mark, vendor_id → the group's id, out whatever that judge's make of them. Their result is
    # provisional, always: it is not the panel's, and the panel's is not finalised before that judge submits
    own_of: str = ""
    open_stages: frozenset[str] = frozenset()
    settled_out: Mapping[str, str] = field(default_factory=dict)
