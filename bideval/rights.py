"""Who may do what: the acting user, the roles a tender gives, and the refusal when a role does not allow an action.

Rights are enforced by :class:`bideval.storage.Store` itself, so a page or a
script that forgets to hide a button still cannot do what the role forbids.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable

from .errors import BidEvalError


class Role(enum.Enum):
    """What a person is on one tender."""

    PROCUREMENT = "procurement"  # sets up the tender, imports bids, exports, gives roles
    CHAIR = "chair"  # tiers, panel, findings, consensus, finalisation
    JUDGE = "judge"  # their own declarations and scores
    OBSERVER = "observer"  # reads the final result and the audit trail; changes nothing

    @classmethod
    def from_alias(cls, text: str) -> "Role":
        """A role from its id or its Chinese name; ValueError for anything else."""
        wanted = text.strip().casefold()
        for role in cls:
            if wanted in (role.value, ROLE_NAMES_ZH[role]):
                return role
        raise ValueError(f"unknown role {text!r} (expected one of: {', '.join(r.value for r in cls)})")


ROLE_NAMES_ZH = {Role.PROCUREMENT: "采购人", Role.CHAIR: "评标委员会组长", Role.JUDGE: "评委", Role.OBSERVER: "监督"}


class Action(enum.Enum):
    """Something a user asks the store to do on a tender."""

    READ_TENDER = "read the tender"  # name, rubric, stage, progress counts
    READ_BIDS = "read the bids"
    READ_PANEL = "read every judge's scores"
    READ_RESULT = "read the evaluation"
    READ_AUDIT = "read the audit trail"
    CONFIGURE = "change the tender's settings"
    GIVE_ROLES = "give or take roles"
    IMPORT_BIDS = "import or remove bids"
    EXPORT = "export the result"
    OPEN_SCORING = "open scoring"
    SET_TIER = "set tiers"
    MANAGE_PANEL = "change the panel"
    REPLACE_PANEL = "replace the whole panel with a workbook"
    IMPORT_SCORES = "import a judge's score sheet"
    SCORE = "score"
    DECLARE = "declare conflicts of interest"
    SUBMIT = "submit scores"
    CLOSE_SCORING = "close scoring"
    RECORD_FINDING = "record findings"
    SET_CONSENSUS = "enter consensus scores"
    FINALISE = "finalise the result"
    REOPEN = "reopen a final result"
    MANAGE_ACCOUNTS = "manage accounts"


ACTION_NAMES_ZH = {
    Action.READ_TENDER: "查看招标项目", Action.READ_BIDS: "查看投标文件", Action.READ_PANEL: "查看全体评委的评分",
    Action.READ_RESULT: "查看评标结果", Action.READ_AUDIT: "查看审计记录", Action.CONFIGURE: "修改招标项目设置",
    Action.GIVE_ROLES: "分配或收回角色", Action.IMPORT_BIDS: "导入或删除投标", Action.EXPORT: "导出结果",
    Action.OPEN_SCORING: "开始评分", Action.SET_TIER: "定档", Action.MANAGE_PANEL: "调整评标委员会",
    Action.REPLACE_PANEL: "用工作簿替换整个评标委员会",
    Action.IMPORT_SCORES: "导入评委评分表", Action.SCORE: "打分", Action.DECLARE: "作出回避声明",
    Action.SUBMIT: "提交评分", Action.CLOSE_SCORING: "结束评分", Action.RECORD_FINDING: "记录复核意见",
    Action.SET_CONSENSUS: "录入合议得分", Action.FINALISE: "确认最终结果", Action.REOPEN: "重新开启已定稿的结果",
    Action.MANAGE_ACCOUNTS: "管理账户",
}

_READ = {Action.READ_TENDER, Action.READ_BIDS, Action.READ_PANEL, Action.READ_RESULT, Action.READ_AUDIT}
ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.PROCUREMENT: frozenset(_READ | {Action.CONFIGURE, Action.GIVE_ROLES, Action.IMPORT_BIDS, Action.EXPORT,
                                         Action.OPEN_SCORING, Action.MANAGE_PANEL}),
    # Replacing the whole panel (its seats, tiers and every judge's scores) is the chair's, as the panel's scores are.
    Role.CHAIR: frozenset(_READ | {Action.EXPORT, Action.OPEN_SCORING, Action.SET_TIER, Action.MANAGE_PANEL,
                                   Action.REPLACE_PANEL,
                                   Action.IMPORT_SCORES, Action.CLOSE_SCORING, Action.RECORD_FINDING,
                                   Action.SET_CONSENSUS, Action.FINALISE, Action.REOPEN}),
    # A judge's reads are filtered by the store: their own scores only, the rest after they submit.
    Role.JUDGE: frozenset({Action.READ_TENDER, Action.READ_BIDS, Action.READ_RESULT, Action.SCORE, Action.DECLARE,
                           Action.SUBMIT}),
    # An observer's result and bids only once the result is final (the store checks the stage).
    Role.OBSERVER: frozenset({Action.READ_TENDER, Action.READ_AUDIT, Action.READ_RESULT, Action.READ_PANEL,
                              Action.READ_BIDS}),
}


@dataclass(frozen=True)
class Actor:
    """The signed-in person a store call acts for: account id, name as shown and in the audit trail, administrator;
    ``session``, the digest of the app session they act through (None: a script, the CLI, an external sign-in),
    which every store call checks is still live, so a page's callback run after signing out or expiry writes
    nothing."""

    account_id: int
    name: str
    administrator: bool = False
    session: str | None = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        return self.name


def allowed(roles: Iterable[Role], action: Action) -> bool:
    """Whether any of ``roles`` allows ``action``.

    >>> allowed([Role.JUDGE], Action.SCORE), allowed([Role.OBSERVER], Action.SCORE)
    (True, False)
    """
    return any(action in ROLE_ACTIONS[role] for role in roles)


@dataclass(frozen=True)
class TypedCell:
    """A cell the user typed and that was not saved: the bid's name and the criterion as the grid showed them, the
    score typed (None: only the comment changed) and the comment typed (None: unchanged)."""

    vendor_name: str
    criterion: str
    score: str | None = None
    comment: str | None = None


class SeatLost(BidEvalError):
    """The user's panel seat on a tender was taken from them: their judge role taken back (``removed`` False) or the
    seat removed from the panel (True, ``seat`` its name, with the ``reason`` given), by ``by`` at ``at``; and what
    they had typed meanwhile and was not saved (``typed``: :class:`TypedCell` each)."""

    code = "store.seat_lost"

    def __init__(self, tender_id: int, by: str, at: datetime, removed: bool = False, seat: str = "", reason: str = "",
                 typed: tuple[TypedCell, ...] = ()):
        from .messages import sentence

        self.tender_id, self.by, self.at, self.removed = tender_id, by, at, removed
        self.seat, self.reason, self.typed = seat, reason, typed
        self.data = {"tender": tender_id, "by": by, "at": at, "removed": removed, "seat": seat, "reason": reason,
                     "typed": typed}
        super().__init__(sentence(self.code, self.data, "en", ids=True))

    def with_typed(self, typed: Iterable[TypedCell]) -> "SeatLost":
        """The same loss, naming what the user had typed and was not saved."""
        return SeatLost(self.tender_id, self.by, self.at, self.removed, self.seat, self.reason, tuple(typed))


class RightRefused(BidEvalError):
    """The acting user's role does not allow this action (or not now).

    Facts as fields: ``actor``, ``roles`` held, ``action``, ``tender_id``, and ``why`` — a code
    (``no_seat``, ``submitted``, ``blind``, ``declare_first`` …, rendered by :mod:`bideval.messages`)
    with its own facts in ``facts`` (the bidders still to declare, the judges yet to submit …).
    """

    code = "right.refused"

    def __init__(self, actor: Actor, roles: Iterable[Role], action: Action, tender_id: int | None,
                 why: str = "", **facts: Any):
        from .messages import sentence

        self.actor = actor.name
        self.account_id = actor.account_id
        self.roles = tuple(sorted(roles, key=lambda r: r.value))
        self.action = action
        self.tender_id = tender_id
        self.why = why
        self.facts = facts
        self.data = {"actor": self.actor, "roles": self.roles, "action": action, "tender": tender_id, "why": why,
                     **facts}
        super().__init__(sentence(self.code, self.data, "en", ids=True))
