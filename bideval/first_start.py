"""The first start of bid-eval on a database: its administrator and the sample tender.

On a database without accounts, the administrator account is made with a one-time password, printed once to
the server's log (stderr), which must be changed at the first sign-in; there is never a fixed default. On a
database without tenders, the sample tender is loaded from ``criteria/`` and ``sample_bids/``: its rubric, bids
and panel, in the scoring stage, the administrator its procurement officer and chair. A tender made before
accounts existed gets the administrator as procurement and chair, so that somebody can open it.

``bash scripts/run.sh`` runs this (``python -m bideval.first_start``) before it starts the server, so the
password is in the terminal before anyone opens the page; the app does the same on its first request, for a
server started another way. Both are safe to repeat: a second start changes nothing and prints nothing.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .accounts import ADMIN_USERNAME
from .errors import BidEvalError
from .rights import Actor, Role
from .storage import Store, database_url

ROOT = Path(__file__).resolve().parent.parent
CRITERIA = ROOT / "criteria"
SAMPLE_RUBRIC = CRITERIA / "cs-outsourcing.yaml"
SAMPLE_BIDS = ROOT / "sample_bids" / "cs-outsourcing"
SAMPLE_PANEL = ROOT / "sample_bids" / "cs-outsourcing-panel.xlsx"
SAMPLE_NAME = "示例：客服业务外包项目 / Sample: customer-service outsourcing"


def prepare(store: Store) -> Actor:
    """Make the administrator (announcing its one-time password) and the sample tender when missing; the
    administrator's actor."""
    password = store.accounts.ensure_administrator()
    if password is not None:
        announce_administrator(password)
    account = store.accounts.find(ADMIN_USERNAME)
    if account is None:
        raise BidEvalError("no administrator account")  # a programming mistake: ensure_administrator made it
    admin = Actor(account.id, account.display_name, True)
    load_sample_tender(store, admin)
    # A tender made before accounts existed: nobody holds a role until the administrator takes them.
    for tender in store.tenders(admin):
        if not store.members(admin, tender.id):
            store.give_role(admin, tender.id, ADMIN_USERNAME, Role.PROCUREMENT)
            store.give_role(admin, tender.id, ADMIN_USERNAME, Role.CHAIR)
    return admin


def announce_administrator(password: str) -> None:
    """Print the first administrator's one-time password where whoever started the server reads it."""
    line = "=" * 72
    print(f"\n{line}\n bid-eval: first start. Sign in as\n\n     user name:           {ADMIN_USERNAME}\n"
          f"     one-time password:   {password}\n\n You choose your own password at the first sign-in.\n"
          f" 首次启动：请使用用户名 {ADMIN_USERNAME} 和上面的一次性密码登录，登录后须设置新密码。\n{line}\n",
          file=sys.stderr, flush=True)


def load_sample_tender(store: Store, admin: Actor) -> int | None:
    """Create the sample tender from criteria/ and sample_bids/ on a database without tenders: rubric, bids and
    panel, in the scoring stage; None when the database holds a tender.

    The administrator becomes its procurement officer and chair, so a newcomer signed in as them sees it at once.
    Replicas starting together on one database make one sample: only the one that created the tender loads it.
    """
    tender = store.create_first_tender(admin, SAMPLE_NAME, SAMPLE_RUBRIC.read_text(encoding="utf-8"),
                                       SAMPLE_RUBRIC.name)
    if tender is None:
        return None
    files = [(p.name, p.read_bytes()) for p in sorted(SAMPLE_BIDS.glob("*.xlsx"))]
    store.import_bids(admin, tender, files)
    store.open_scoring(admin, tender)
    if SAMPLE_PANEL.exists():
        content = SAMPLE_PANEL.read_bytes()
        preview = store.preview_replace_panel(admin, tender, SAMPLE_PANEL.name, content)
        store.replace_panel(admin, tender, SAMPLE_PANEL.name, content, preview)
    return tender


if __name__ == "__main__":
    store = Store(database_url())
    prepare(store)
    store.engine.dispose()
