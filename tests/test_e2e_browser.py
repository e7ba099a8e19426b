"""The whole path in a real headless Chromium against `streamlit run bid_eval.py`.

Upload the sample bids, enter a score, see the ranking change, download the ranked workbook and the
evaluation report and check them.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from bideval.storage import Store
from conftest import admin_of, chair_tender, replace_panel, seat_judge, ROOT

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
SAMPLE = ROOT / "sample_bids" / "cs-outsourcing"
JUDGE = "王评委"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path: Path):
    """A real app server on a free local port, on a database holding one empty tender and one judge."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is not installed: run the README's test command (bash scripts/test.sh)")
    url = f"sqlite:///{tmp_path / 'e2e.sqlite3'}"
    store = Store(url)
    rubric = ROOT / "criteria" / "cs-outsourcing.yaml"
    tender = chair_tender(store, "端到端测试", rubric.read_text(encoding="utf-8"), rubric.name)
    store.add_judge(admin_of(store), tender, JUDGE)
    store.open_scoring(admin_of(store), tender)
    store.engine.dispose()
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "bid_eval.py"), "--server.port", str(port),
         "--server.headless", "true", "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                if urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                if time.time() > deadline or process.poll() is not None:
                    raise RuntimeError("the app server did not start") from None
                time.sleep(0.3)
        yield base, url, tender
    finally:
        process.terminate()
        process.wait(timeout=20)


def settle(page) -> None:
    """Wait until Streamlit has finished the current run."""
    page.wait_for_timeout(300)
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60000)
    page.wait_for_timeout(300)


def grid_rows(page, index: int, width: int) -> list[list[str]]:
    """The text of a data grid's visible cells (its accessible table), row by row."""
    cells = page.locator("[data-testid='stDataFrame']").nth(index).locator("td").all_inner_texts()
    return [cells[i:i + width] for i in range(0, len(cells), width)]


def totals(page) -> dict[str, Decimal]:
    """Vendor id → total, read off the ranking table of the results page."""
    header = page.locator("[data-testid='stDataFrame']").first.locator("th").all_inner_texts()
    width = len(header)
    id_column, total_column = header.index("统一社会信用代码"), header.index("总分")
    return {row[id_column]: Decimal(row[total_column]) for row in grid_rows(page, 0, width) if len(row) == width}


def as_admin(url: str, method: str, *args):
    """A store call on the server's database as the administrator."""
    store = Store(url)
    return getattr(store, method)(admin_of(store), *args)


def test_upload_score_rank_and_download(server, tmp_path: Path):
    from playwright.sync_api import sync_playwright

    base, url, tender = server
    files = sorted(SAMPLE.glob("*.xlsx"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1500, "height": 1100}, accept_downloads=True)

        # Bids: the page's own address on a fresh server; upload every sample bid form at once.
        page.goto(f"{base}/bids")
        page.wait_for_selector("input[type='file']", state="attached", timeout=60000)
        settle(page)
        page.locator("input[type='file']").first.set_input_files([str(f) for f in files])
        settle(page)
        page.get_by_role("button", name="导入", exact=True).click()
        settle(page)
        assert as_admin(url, 'bidset', tender).bids, "the upload imported the bids"
        imported = {b.vendor_id for b in as_admin(url, 'bidset', tender).bids}
        assert len(imported) == len(files)
        # the sidebar counts them at once (a count inside the selector's label stayed stale in the browser);
        # on a busy machine the rerun after the import may still be drawing it when settle() returns
        sidebar = page.locator("[data-testid='stSidebar']")
        sidebar.get_by_text(f"{len(files)} 份投标", exact=True).wait_for(timeout=60000)
        assert f"{len(files)} 份投标" in sidebar.inner_text(), sidebar.inner_text()

        # Results before any panel score.
        page.goto(base + "/")
        page.wait_for_selector("[data-testid='stDataFrame']", timeout=60000)
        settle(page)
        before = totals(page)
        assert before and set(before) <= imported

        # Scoring: pick the judge, type 5 into the first service-design score cell.
        page.goto(f"{base}/scoring")
        settle(page)
        page.locator("[data-testid='stSelectbox']").filter(has_text="我是").locator("input").click()
        page.keyboard.type(JUDGE)
        page.keyboard.press("Enter")
        settle(page)
        page.get_by_role("button", name="提交回避声明").click()  # 回避声明: no conflict with any bidder
        page.wait_for_selector("[data-testid='stDataFrame'] [data-testid='glide-cell-1-1']", state="attached", timeout=60000)
        settle(page)
        rows = grid_rows(page, 0, 7)
        target = next(i for i, row in enumerate(rows) if "服务方案" in row[1])
        vendor_id = rows[target][6]
        page.wait_for_timeout(1500)
        grid = page.locator("[data-testid='stDataFrame']").first
        grid.locator("[data-testid='glide-cell-0-0']").evaluate("cell => cell.focus()")  # selects the first cell
        for _ in range(target):
            page.keyboard.press("ArrowDown")
        for _ in range(4):  # vendor, criterion, tier, range → score
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")  # open the cell editor, then type at a person's pace
        page.wait_for_timeout(500)
        page.keyboard.type("5", delay=100)
        page.wait_for_timeout(300)
        page.keyboard.press("Enter")  # commit: the page saves it on the rerun
        page.wait_for_timeout(1000)
        settle(page)
        (score,) = [s for s in as_admin(url, 'scores', tender) if s.judge == JUDGE]
        assert (score.vendor_id, score.criterion, Decimal(score.score)) == (vendor_id, "service_design", 5)

        # The ranking changed: that vendor gained exactly the five points.
        page.goto(base + "/")
        page.wait_for_selector("[data-testid='stDataFrame']", timeout=60000)
        settle(page)
        after = totals(page)
        assert after[vendor_id] == before[vendor_id] + 5
        assert after != before

        # Export: download the ranked workbook and check it agrees with the page to the cent.
        page.goto(f"{base}/export")
        settle(page)
        with page.expect_download() as info:
            page.get_by_role("button", name="下载排名表（中文）").click()
        path = tmp_path / "ranked.xlsx"
        info.value.save_as(path)
        with page.expect_download() as info:
            page.get_by_role("button", name="下载评标报告（PDF）").click()
        report = tmp_path / "report.pdf"
        info.value.save_as(report)
        report_name = info.value.suggested_filename
        browser.close()

    # The report the browser got holds every ranked bid's new total.
    text = subprocess.run(["pdftotext", str(report), "-"], capture_output=True, text=True, check=True).stdout
    assert report_name.startswith("report_cs-outsourcing_") and "评标报告" in text
    assert all(f"{total:.2f}" in text for total in after.values())

    book = openpyxl.load_workbook(path, data_only=True)
    assert book.sheetnames[:2] == ["Ranking", "Scores"]
    sheet = book["Ranking"]
    header = [c.value for c in sheet[1]]
    id_column, total_column = header.index("统一社会信用代码"), header.index("总分")
    in_workbook = {row[id_column]: Decimal(str(row[total_column])).quantize(Decimal("0.01"))
                   for row in sheet.iter_rows(min_row=2, values_only=True) if row[id_column] in after}
    assert in_workbook == after
