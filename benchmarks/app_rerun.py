"""How interactive the app stays: a rerun after one score change, with 300 bids and 15 judges.

Builds a tender in a temporary SQLite file (300 bid forms imported through the
store, a panel workbook with 15 judges' tiers and scores), then times in
AppTest, best of N: an empty page's rerun (the floor), and the results and
scoring pages' reruns right after one judge changes one score (which bumps the
tender version, so the cached evaluation is recomputed). Prints the extra time
over the floor; the goal is at most 0.3 s.

    .venv/bin/python benchmarks/app_rerun.py [--bids 300] [--judges 15] [--repeat 5]
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bideval.accounts import ADMIN_USERNAME  # noqa: E402
from bideval.evaluation import check_bids  # noqa: E402
from bideval.rights import Actor, Role  # noqa: E402
from bideval.storage import Store  # noqa: E402
from bideval.rubric import Rubric, Tiered  # noqa: E402

RUBRIC = ROOT / "criteria" / "cs-outsourcing.yaml"


def write_form(path: Path, values: dict) -> None:
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False})
    sheet = book.add_worksheet("Bid")
    sheet.write_row(0, 0, ["field", "label", "value"])
    for r, (key, value) in enumerate(values.items(), 1):
        sheet.write_string(r, 0, key)
        sheet.write(r, 2, value)
    book.close()


def administrator(store: Store) -> Actor:
    """The administrator the app acts as (made on first start), procurement and chair of what it creates."""
    store.accounts.ensure_administrator()
    account = store.accounts.find(ADMIN_USERNAME)
    assert account is not None
    return Actor(account.id, account.display_name, True)


def bid_files(rubric: Rubric, count: int, folder: Path, rng: random.Random) -> list[tuple[str, bytes]]:
    """``count`` bid forms for ``rubric`` with random answers (per seat and month), as uploads: (name, bytes)."""
    files = []
    for i in range(count):
        values = {"vendor_id": f"91440300MA{i:07d}X", "vendor_name": f"供应商{i:03d}", "sme": rng.choice(["是", "否"])}
        for f in rubric.fields:
            values[f.id] = {"bool": "是", "integer": rng.randint(0, 8), "percent": f"{rng.uniform(88, 99):.1f}%",
                            "money": rng.randint(500, 3000), "number": rng.uniform(0, 5),
                            "text": "x", "choice": (f.choices or ("x",))[0]}[f.type.value]
        values["price_model"] = "per_seat_month"
        values["rate_per_seat_month"] = rng.randint(3000, 5400)
        path = folder / f"bid{i:03d}.xlsx"
        write_form(path, values)
        files.append((path.name, path.read_bytes()))
    return files


def tender_with_bids(store: Store, name: str, bids: int, folder: Path, rng: random.Random) -> tuple[Actor, int]:
    """A cs-outsourcing tender run by the administrator (procurement and chair) with ``bids`` generated bids."""
    admin = administrator(store)
    tender = store.create_tender(admin, name, RUBRIC.read_text(encoding="utf-8"), RUBRIC.name)
    store.give_role(admin, tender, ADMIN_USERNAME, Role.CHAIR)
    report = store.import_bids(admin, tender, bid_files(store.rubric(admin, tender), bids, folder, rng))
    assert report.ok, list(report.refused.items())[:2]
    return admin, tender


def build(url: str, bids: int, judges: int, folder: Path) -> tuple[int, list[str]]:
    rng = random.Random(7)
    store = Store(url)
    admin, tender = tender_with_bids(store, "benchmark", bids, folder, rng)
    rubric = store.rubric(admin, tender)
    bidset = store.bidset(admin, tender)
    checks = check_bids(rubric, bidset.bids)
    valid = [b.vendor_id for b in bidset.bids if checks[b.vendor_id].valid]
    names = [f"评委{j:02d}" for j in range(judges)]
    panel = folder / "panel.xlsx"
    book = xlsxwriter.Workbook(panel)
    scores, tiers, members = book.add_worksheet("Scores"), book.add_worksheet("Tiers"), book.add_worksheet("Judges")
    scores.write_row(0, 0, ["judge", "vendor_id", "criterion", "score", "comment"])
    tiers.write_row(0, 0, ["vendor_id", "criterion", "tier"])
    members.write_column(0, 0, ["judge", *names])
    row = 1
    for t, vendor in enumerate(valid, 1):
        for criterion in rubric.panel_criteria:
            tier = criterion.tiers[-1] if isinstance(criterion, Tiered) else None
            if tier:
                tiers.write_row(t, 0, [vendor, criterion.id, tier.id])
            low, high = (tier.min, tier.max) if tier else (Decimal(0), criterion.max)
            for judge in names:
                scores.write_row(row, 0, [judge, vendor, criterion.id, round(rng.uniform(float(low), float(high)), 1)])
                row += 1
    book.close()
    preview = store.preview_replace_panel(admin, tender, panel.name, panel.read_bytes())
    store.replace_panel(admin, tender, panel.name, panel.read_bytes(), preview)
    store.open_scoring(admin, tender)
    return tender, valid


def signed_in(store: Store, admin: Actor, username: str) -> str:
    """A session token of ``username``, as the sign-in page makes one (a one-time password, then one's own)."""
    one_time = store.accounts.reset_password(admin, username)
    signed = store.accounts.sign_in(username, one_time)
    store.accounts.change_password(signed.token, one_time, "benchmark-password")
    return signed.token


def best(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bids", type=int, default=300)
    parser.add_argument("--judges", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        os.environ["DATABASE_URL"] = url
        started = time.perf_counter()
        tender, valid = build(url, args.bids, args.judges, Path(folder))
        print(f"built: {args.bids} bids ({len(valid)} valid), {args.judges} judges in "
              f"{time.perf_counter() - started:.1f} s")
        store = Store(url)
        admin = administrator(store)
        rubric = store.rubric(admin, tender)
        judged = next(c for c in rubric.panel_criteria if not isinstance(c, Tiered))
        # the judge who scores: the account the scoring page acts as for 评委00, seated and declared
        account = store.accounts.create_account(admin, "评委00", "评委00", with_password=False)[0]
        judge = Actor(account.id, account.display_name)
        store.give_role(admin, tender, account.username, Role.JUDGE, judge_name="评委00")
        store.declare(judge, tender, {})

        empty = AppTest.from_string("import streamlit as st\nst.write('')", default_timeout=300)
        empty.run()
        floor = best(empty.run, args.repeat)

        figures = {}
        for page, user in (("results", ADMIN_USERNAME), ("scoring", "评委00")):
            app = AppTest.from_file(str(ROOT / "bid_eval.py"), default_timeout=300)
            app.session_state["tender_id"] = tender
            app.session_state["signin_token"] = signed_in(store, admin, user)
            app.run()
            app.switch_page(f"pages/{page}.py")
            app.run()
            assert not app.exception, app.exception
            counter = iter(range(10**6))

            def change_and_rerun() -> None:
                score = Decimal(next(counter) % 50) / 10
                store.set_score(judge, tender, valid[0], judged.id, score)
                app.run()

            change_and_rerun()  # warm
            figures[page] = best(change_and_rerun, args.repeat)
            plain = best(app.run, args.repeat)
            figures[f"{page} (no change)"] = plain
        print(f"\nempty page rerun (floor): {floor:.3f} s")
        print("| rerun | seconds | over the floor | goal ≤ 0.3 s |")
        print("| --- | --- | --- | --- |")
        for name, seconds in figures.items():
            extra = seconds - floor
            print(f"| {name} | {seconds:.3f} | +{extra:.3f} | {'PASS' if extra <= 0.3 else 'MISS'} |")


if __name__ == "__main__":
    main()
