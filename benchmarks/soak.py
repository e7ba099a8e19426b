"""No lost score: 25 judges, each on their own connection, each saving 200 scores at once, on SQLite and PostgreSQL.

For each backend: a tender of the cs-outsourcing rubric with 100 generated bids
(2 panel criteria: 200 scores per judge), every tier agreed, scoring open, 25
judge accounts seated and declared. Each judge is a thread with its own
``Store`` (its own engine and connections, as on 25 laptops); after a barrier
all of them save their 200 scores in their own random order, each a value with
two decimals inside the agreed tier (or 0..max). Meanwhile the chair, on a
26th connection, keeps trying to move tiers: a move is refused once a score
lies outside the new tier; a judge whose score the move made invalid is told
so (``ScoreRefused``), reads the tiers again and scores inside the new one, as
a judge would after the message.

Then it checks, from a fresh connection: every judge's 200 scores present
exactly once (lost = expected − present = 0), none outside its tier, one
``set_score`` audit entry per save, and the tender's audit chain verified. It
prints scores saved per second (wall clock from the barrier to the last save)
and exits 1 when any check fails. A benchmark, not a timed test.

    .venv/bin/python benchmarks/soak.py [--judges 25] [--scores 200] [--backend sqlite --backend postgresql]
"""
from __future__ import annotations

import argparse
import math
import random
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from app_rerun import RUBRIC, administrator, tender_with_bids  # noqa: E402
from bideval.allowed_scores import NO_TIER, OUTSIDE_TIER, ScoreRefused, TierRefused, allowed_range  # noqa: E402
from bideval.rights import Actor, Role  # noqa: E402
from bideval.rubric import Criterion, Tiered, load_rubric  # noqa: E402
from bideval.storage import Store  # noqa: E402
from pg_server import temporary_postgres  # noqa: E402

Pair = tuple[str, str]  # (vendor_id, criterion id)


@dataclass
class Outcome:
    """What one backend's soak did and found."""

    backend: str
    judges: int
    expected: int
    seconds: float = 0.0
    saved: int = 0
    retried: int = 0  # scores refused because the chair had just moved the tier, then given inside the new one
    moves: int = 0  # tier moves the chair made while judges were saving
    moves_refused: int = 0  # tier moves refused because a score already lay outside the new tier
    present: int = 0  # the (judge, bid, criterion) scores expected that are stored
    duplicates: int = 0  # stored more than once
    unexpected: int = 0  # stored but never saved by anyone
    outside: int = 0
    events: int = 0
    audit_ok: bool = False
    errors: list[str] = field(default_factory=list)

    @property
    def lost(self) -> int:
        return self.expected - self.present

    @property
    def ok(self) -> bool:
        return (not self.errors and self.lost == 0 and self.duplicates == self.unexpected == self.outside == 0
                and self.audit_ok and self.events == self.saved == self.expected)


def score_in(criterion: Criterion, tier_id: str | None, rng: random.Random) -> Decimal:
    """A score with two decimals a judge may give: inside the agreed tier, or 0..max."""
    low, high, _ = allowed_range(criterion, tier_id) or (Decimal(0), criterion.max, None)
    return Decimal(rng.randint(int(low * 100), int(high * 100))) / 100


def set_up(url: str, judges: int, scores: int, folder: Path) -> tuple[int, list[Actor], list[Pair]]:
    """The tender, its seated and declared judges, and the (bid, criterion) pairs each of them scores."""
    store = Store(url)
    panel = load_rubric(RUBRIC).panel_criteria
    admin, tender = tender_with_bids(store, "soak", math.ceil(scores / len(panel)), folder, random.Random(11))
    rubric = store.rubric(admin, tender)
    vendors = [b.vendor_id for b in store.bidset(admin, tender).bids]
    pairs = [(v, c.id) for v in vendors for c in panel][:scores]
    store.open_scoring(admin, tender)
    for n, (vendor, criterion) in enumerate(pairs):
        found = rubric.criterion_index[criterion]
        if isinstance(found, Tiered):
            store.set_tier(admin, tender, vendor, criterion, found.tiers[n % len(found.tiers)].id)
    seated = []
    for n in range(judges):
        account, _ = store.accounts.create_account(admin, f"judge{n:02d}", f"评委{n:02d}", with_password=False)
        store.give_role(admin, tender, account.username, Role.JUDGE)
        judge = Actor(account.id, account.display_name)
        store.declare(judge, tender, {})
        seated.append(judge)
    store.db.dispose()
    return tender, seated, pairs


def soak(backend: str, url: str, judges: int, scores: int, move_tiers: bool) -> Outcome:
    with tempfile.TemporaryDirectory() as folder:
        tender, seated, pairs = set_up(url, judges, scores, Path(folder))
    outcome = Outcome(backend, judges, judges * len(pairs))
    stores = [Store(url) for _ in seated]  # one engine and pool per judge
    chair_store = Store(url)
    chair = administrator(chair_store)
    rubric = chair_store.rubric(chair, tender)
    barrier = threading.Barrier(len(seated) + 2, timeout=300)  # the judges, the chair and the clock
    done = threading.Event()
    lock = threading.Lock()

    def judge_saves(n: int) -> None:
        store, judge, rng = stores[n], seated[n], random.Random(n)
        mine = list(pairs)
        rng.shuffle(mine)
        try:
            tiers = store.tiers(judge, tender)
            barrier.wait()
            for vendor, criterion in mine:
                while True:
                    value = score_in(rubric.criterion_index[criterion], tiers.get((vendor, criterion)), rng)
                    try:
                        store.set_score(judge, tender, vendor, criterion, value)
                    except ScoreRefused as refused:
                        if refused.reason not in (OUTSIDE_TIER, NO_TIER):
                            raise
                        with lock:
                            outcome.retried += 1
                        tiers = store.tiers(judge, tender)  # the chair moved it: read it again, score inside
                        continue
                    with lock:
                        outcome.saved += 1
                    break
        except Exception as error:  # noqa: BLE001 - reported with the outcome
            outcome.errors.append(f"{judge.name}: {type(error).__name__}: {error}")
        finally:
            store.db.dispose()

    def chair_moves() -> None:
        rng = random.Random(99)
        tiered = [(v, c) for v, c in pairs if isinstance(rubric.criterion_index[c], Tiered)]
        barrier.wait()
        while move_tiers and not done.is_set() and tiered:
            vendor, criterion = rng.choice(tiered)
            found = rubric.criterion_index[criterion]
            assert isinstance(found, Tiered)
            try:
                chair_store.set_tier(chair, tender, vendor, criterion, rng.choice(found.tiers).id)
                outcome.moves += 1
            except TierRefused:
                outcome.moves_refused += 1
            time.sleep(0.005)  # a busy chair, not a loop that only holds the lock

    threads = [threading.Thread(target=judge_saves, args=(n,)) for n in range(len(seated))]
    mover = threading.Thread(target=chair_moves)
    for thread in (*threads, mover):
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    outcome.seconds = time.perf_counter() - start
    done.set()
    mover.join()

    check = Store(url)  # a fresh connection reads what is stored
    admin = administrator(check)
    stored = check.scores(admin, tender)
    keys = [(x.judge, x.vendor_id, x.criterion) for x in stored if x.score is not None]
    wanted = {(j.name, v, c) for j in seated for v, c in pairs}
    outcome.present = len(set(keys) & wanted)
    outcome.duplicates = len(keys) - len(set(keys))
    outcome.unexpected = len(set(keys) - wanted)
    tiers = check.tiers(admin, tender)
    for x in stored:
        criterion = rubric.criterion_index[x.criterion]
        low, high, _ = allowed_range(criterion, tiers.get((x.vendor_id, x.criterion))) or (Decimal(0), criterion.max,
                                                                                           None)
        if x.score is not None and not low <= Decimal(x.score) <= high:
            outcome.outside += 1
    outcome.events = sum(1 for e in check.events(admin, tender) if e.action == "set_score")
    outcome.audit_ok = check.verify_audit(admin, tender).ok
    for store in (check, chair_store):
        store.db.dispose()
    return outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--judges", type=int, default=25)
    parser.add_argument("--scores", type=int, default=200, help="scores each judge saves")
    parser.add_argument("--backend", action="append", choices=["sqlite", "postgresql"],
                        help="default: both")
    parser.add_argument("--no-tier-moves", action="store_true", help="the chair leaves the tiers alone")
    args = parser.parse_args()
    outcomes = []
    for backend in args.backend or ["sqlite", "postgresql"]:
        if backend == "sqlite":
            with tempfile.TemporaryDirectory() as folder:
                outcomes.append(soak(backend, f"sqlite:///{Path(folder) / 'soak.sqlite3'}", args.judges, args.scores,
                                     not args.no_tier_moves))
        else:
            with temporary_postgres() as url:
                outcomes.append(soak(backend, url, args.judges, args.scores, not args.no_tier_moves))
    print("| backend | judges × scores | seconds | scores saved / s | refused after a tier move, rescored | "
          "tier moves made / refused | lost | twice | outside tier | audit entries | audit chain |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for o in outcomes:
        print(f"| {o.backend} | {o.judges} × {o.expected // o.judges} | {o.seconds:.1f} | {o.saved / o.seconds:.0f} | "
              f"{o.retried} | {o.moves} / {o.moves_refused} | {o.lost} | {o.duplicates + o.unexpected} | "
              f"{o.outside} | {o.events} | {'verified' if o.audit_ok else 'BROKEN'} |")
        for error in o.errors[:5]:
            print(f"  {o.backend}: {error}")
    return 0 if all(o.ok for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
