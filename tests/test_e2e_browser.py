"""The whole path in a real headless Chromium against `streamlit run bid_eval.py`.

1. Procurement: a deep link signs in first (the one-time password, then one's own), upload the sample bids, see
   the ranking, download the ranked workbook and the evaluation report (named for the tender) and check them; a
   refresh keeps the user signed in, signing out ends it.
2. A panel on two replicas: two `streamlit run` processes on one PostgreSQL database. Two judges in two browser
   contexts — one signed in with a one-time password, one by an invitation link — declare, score and cannot see
   each other's scores until they submit; a score saved through one replica is on the other's next rerun; the
   chair closes scoring and finalises.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Iterator

import openpyxl
import pytest

from bideval.rights import Role
from bideval.storage import Store
from bideval.workflow import Stage
from conftest import EXAMPLE_RUBRIC, ROOT, VENDOR_A, VENDOR_B, admin_of, chair_tender, good_bid, write_form

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
SAMPLE = ROOT / "sample_bids" / "cs-outsourcing"
PASSWORD = "a-password-of-my-own"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def app_server(url: str) -> Iterator[str]:
    """A real app server (`streamlit run bid_eval.py`) on a free local port and the database ``url``."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is not installed: run the README's test command (bash scripts/test.sh)")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "bid_eval.py"), "--server.port", str(port),
         "--server.headless", "true", "--server.address", "127.0.0.1"],
        cwd=ROOT, env={**os.environ, "DATABASE_URL": url}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def settle(page) -> None:
    """Wait until Streamlit has finished the current run: the app's own script state (set the moment the server
    starts a run; its status widget shows only after a delay) and the status widget. A run a click asked for may not
    have begun when this looks on a loaded machine: where it matters, wait for what the click brings first
    (:func:`main_shows`, a button of the next page state), then settle."""
    page.wait_for_timeout(400)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", state="attached",
                           timeout=90000)
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=90000)
    page.wait_for_timeout(300)


def main_shows(page, text: str) -> None:
    """Wait until the page's main area shows ``text``: on a loaded machine the run a click starts may not have begun
    when :func:`settle` looks (a minute at most, then the test fails)."""
    page.wait_for_function("t => (document.querySelector(\"[data-testid='stMain']\") || {innerText: ''})"
                           ".innerText.includes(t)", arg=text, timeout=60000)


def title_is(page, title: str) -> None:
    """Wait for the page's title (the first run of a fresh server takes its time), then for the run to end."""
    page.wait_for_function("t => [...document.querySelectorAll('h1')].some(h => h.innerText.trim() === t)", arg=title,
                           timeout=120000)
    settle(page)


def sign_in(page, user: str, password: str) -> None:
    page.get_by_label("用户名", exact=True).fill(user)
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_role("button", name="登录", exact=True).click()
    settle(page)


def choose_password(page, one_time: str) -> None:
    """The first sign-in with a one-time password: choose one's own."""
    title_is(page, "登录")
    page.get_by_label("一次性密码").fill(one_time)
    page.get_by_label("新密码（至少 10 个字符）").fill(PASSWORD)
    page.get_by_label("再次输入新密码").fill(PASSWORD)
    page.get_by_role("button", name="设置新密码").click()


def grid_header(page) -> list[str]:
    """The column names of the page's first data grid, once it has drawn them (on a loaded machine the grid may still
    be drawing when the run has ended)."""
    header = page.locator("[data-testid='stDataFrame']").first.locator("th")
    header.first.wait_for(state="attached", timeout=60000)
    return header.all_inner_texts()


def grid_rows(page, index: int, width: int) -> list[list[str]]:
    """The text of a data grid's visible cells (its accessible table), row by row."""
    page.locator("[data-testid='stDataFrame']").nth(index).locator("td").first.wait_for(state="attached",
                                                                                        timeout=60000)
    cells = page.locator("[data-testid='stDataFrame']").nth(index).locator("td").all_inner_texts()
    return [cells[i:i + width] for i in range(0, len(cells), width)]


def totals(page) -> dict[str, Decimal]:
    """Vendor id → total, read off the ranking table of the results page."""
    header = grid_header(page)
    width = len(header)
    id_column, total_column = header.index("统一社会信用代码"), header.index("总分")
    return {row[id_column]: Decimal(row[total_column]) for row in grid_rows(page, 0, width) if len(row) == width}


def type_score(page, row: int, text: str, score_column: int = 4) -> None:
    """Type a score into the judge's grid as a person would: to the cell, Enter, the digits, Enter."""
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.locator("[data-testid='glide-cell-0-0']").evaluate("cell => cell.focus()")  # selects the first cell
    for _ in range(row):
        page.keyboard.press("ArrowDown")
    for _ in range(score_column):  # vendor, criterion, tier, range → score
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    page.keyboard.type(text, delay=80)
    page.wait_for_timeout(200)
    page.keyboard.press("Enter")  # commit: the page saves it on the rerun
    page.wait_for_timeout(800)
    settle(page)


def wait_for_grid(page) -> None:
    page.wait_for_selector("[data-testid='stDataFrame'] [data-testid='glide-cell-1-1']", state="attached",
                           timeout=60000)
    settle(page)
    page.wait_for_timeout(1000)


def declare_no_conflict(page) -> None:
    """回避声明: no conflict with any bidder, confirmed; the grid follows."""
    page.get_by_text("我确认以上声明真实、完整").click()
    page.get_by_role("button", name="提交回避声明").click()
    wait_for_grid(page)


def sidebar_links(page) -> list[str]:
    """The menu's page titles (each link also holds its icon's name)."""
    return [t.strip().splitlines()[-1] for t in page.locator("[data-testid='stSidebarNav'] a").all_inner_texts()]


# -- 1. procurement on one server

@pytest.fixture
def procurement(tmp_path: Path):
    """A database holding one empty tender whose procurement officer and chair is the administrator, whose
    password is one-time (as at a first start)."""
    url = f"sqlite:///{tmp_path / 'e2e.sqlite3'}"
    store = Store(url)
    rubric = ROOT / "criteria" / "cs-outsourcing.yaml"
    tender = chair_tender(store, "端到端测试", rubric.read_text(encoding="utf-8"), rubric.name)
    one_time = store.accounts.reset_password(admin_of(store), "admin")
    store.engine.dispose()
    with app_server(url) as base:
        yield base, url, tender, one_time


def as_admin(url: str, method: str, *args):
    """A store call on the server's database as the administrator."""
    store = Store(url)
    return getattr(store, method)(admin_of(store), *args)


def test_sign_in_upload_rank_download_and_sign_out(procurement, tmp_path: Path):
    from playwright.sync_api import sync_playwright

    base, url, tender, one_time = procurement
    files = sorted(SAMPLE.glob("*.xlsx"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(viewport={"width": 1500, "height": 1100}, accept_downloads=True)
        page = context.new_page()

        # A deep link on a fresh server asks to sign in first, then opens the page and the tender it names.
        page.goto(f"{base}/bids?tender={tender}")
        title_is(page, "登录")
        assert not page.locator("[data-testid='stSidebarNav']").count()  # no page before signing in
        sign_in(page, "admin", "wrong password")
        assert "用户名或密码错误" in page.locator("[data-testid='stAlert']").first.inner_text()
        sign_in(page, "admin", one_time)
        choose_password(page, one_time)
        title_is(page, "投标文件")
        assert f"tender={tender}" in page.url
        assert "端到端测试" in page.locator("[data-testid='stMain']").inner_text()  # the tender in hand, named

        # Bids: upload every sample bid form at once.
        page.wait_for_selector("input[type='file']", state="attached", timeout=60000)
        page.locator("input[type='file']").first.set_input_files([str(f) for f in files])
        settle(page)
        page.get_by_role("button", name="导入", exact=True).click()
        # The sidebar counts them in the same run (a count inside the selector's label stayed stale). Waited for
        # before the database is read: on a loaded machine the import's run may not have begun when settle() looks.
        page.wait_for_function("n => document.querySelector(\"[data-testid='stSidebar']\").innerText.includes(n)",
                               arg=f"{len(files)} 份投标", timeout=120000)
        settle(page)
        imported = {b.vendor_id for b in as_admin(url, "bidset", tender).bids}
        assert len(imported) == len(files)

        # A refresh keeps the user signed in, on the same page and tender.
        page.reload()
        title_is(page, "投标文件")
        assert f"tender={tender}" in page.url

        # Results.
        page.get_by_role("link", name="评标结果").click()
        title_is(page, "评标结果")
        page.wait_for_selector("[data-testid='stDataFrame']", timeout=60000)
        shown = totals(page)
        assert shown and set(shown) <= imported

        # Export: the downloads are named for the tender and agree with the page to the cent.
        page.get_by_role("link", name="导出").click()
        title_is(page, "导出")
        with page.expect_download() as info:
            page.get_by_role("button", name="下载排名表（中文）").click()
        workbook_name = info.value.suggested_filename
        path = tmp_path / "ranked.xlsx"
        info.value.save_as(path)
        with page.expect_download() as info:
            page.get_by_role("button", name="下载评标报告（PDF）").click()
        report = tmp_path / "report.pdf"
        info.value.save_as(report)
        report_name = info.value.suggested_filename
        # A judge's blank score sheet: its data is made after the page's run (it failed there, without a word).
        page.get_by_label("或输入评委姓名").fill("王评委")
        page.get_by_label("或输入评委姓名").press("Enter")
        with page.expect_download() as info:
            page.get_by_role("button", name="下载 王评委 的评分表").click()
        score_sheet = tmp_path / "score_sheet.xlsx"
        info.value.save_as(score_sheet)
        scores = openpyxl.load_workbook(score_sheet)["Scores"]
        assert {row[0] for row in scores.iter_rows(min_row=2, values_only=True) if row[0]} == {"王评委"}

        # Signing out ends the session: a refresh, or a deep link, shows the sign-in page.
        page.get_by_role("button", name="退出登录").click()
        title_is(page, "登录")
        page.goto(f"{base}/export?tender={tender}")
        title_is(page, "登录")
        assert not [c for c in context.cookies() if c["name"] == "bideval_session" and c["value"]]
        browser.close()

    assert workbook_name == f"ranked_端到端测试_tender{tender}_provisional_zh.xlsx"
    assert report_name == f"report_端到端测试_tender{tender}_provisional_zh.pdf"
    text = subprocess.run(["pdftotext", str(report), "-"], capture_output=True, text=True, check=True).stdout
    assert "评标报告" in text and all(f"{total:.2f}" in text for total in shown.values())
    sheet = openpyxl.load_workbook(path, data_only=True)["Ranking"]
    header = [c.value for c in sheet[1]]
    id_column, total_column = header.index("统一社会信用代码"), header.index("总分")
    in_workbook = {row[id_column]: Decimal(str(row[total_column])).quantize(Decimal("0.01"))
                   for row in sheet.iter_rows(min_row=2, values_only=True) if row[id_column] in shown}
    assert in_workbook == shown


# -- 2. a panel on two replicas of one PostgreSQL database

@pytest.fixture
def panel(postgres_url: str, tmp_path: Path):
    """Two valid bids (A tier t3, B tier t2 on ops_plan), scoring open; 王评委's account with a one-time password,
    an invitation for 李评委's seat, the administrator (procurement and chair) with a password of their own; and two
    app servers on the one database."""
    from test_storage import fresh_postgres

    url = fresh_postgres(postgres_url, tmp_path)
    store = Store(url)
    admin = admin_of(store)
    tender = chair_tender(store, "两评委测试")
    forms = [write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, name="甲公司")),
             write_form(tmp_path / "b.xlsx", good_bid(VENDOR_B, name="乙公司", rate_per_call=0.6))]
    assert store.import_bids(admin, tender, [(f.name, f.read_bytes()) for f in forms]).ok
    store.open_scoring(admin, tender)
    store.set_tier(admin, tender, VENDOR_A, "ops_plan", "t3")
    store.set_tier(admin, tender, VENDOR_B, "ops_plan", "t2")
    _, wang = store.accounts.create_account(admin, "wang", "王评委")
    store.give_role(admin, tender, "wang", Role.JUDGE, judge_name="王评委")
    code = store.accounts.invite(admin, tender, Role.JUDGE, "李评委")
    one_time = store.accounts.reset_password(admin, "admin")
    signed = store.accounts.sign_in("admin", one_time)
    store.accounts.change_password(signed.token, one_time, PASSWORD)
    store.engine.dispose()
    with app_server(url) as first, app_server(url) as second:
        yield first, second, url, tender, wang, code


def test_two_judges_score_blind_on_two_replicas_and_the_chair_finalises(panel):
    from playwright.sync_api import sync_playwright

    first, second, url, tender, wang_password, code = panel
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        wang = browser.new_context(viewport={"width": 1500, "height": 1100}).new_page()
        li = browser.new_context(viewport={"width": 1500, "height": 1100}).new_page()
        chair = browser.new_context(viewport={"width": 1500, "height": 1100}).new_page()

        # 王评委 on the first replica: a one-time password, then his own; only his grid and his account.
        wang.goto(f"{first}/?tender={tender}")
        title_is(wang, "登录")
        sign_in(wang, "wang", wang_password)
        choose_password(wang, wang_password)
        title_is(wang, "评委打分")
        assert sidebar_links(wang) == ["评委打分", "我的账户"]
        # 回避声明 first: the declaration's table of bidders is the page's only grid, no bid's values shown yet (the
        # check had looked for no grid cell at all, which held only while the declaration's table was still drawing)
        wang.get_by_role("button", name="提交回避声明").wait_for(timeout=60000)
        wang.locator("[data-testid='stDataFrame']").first.wait_for(timeout=60000)  # the button can come first
        assert wang.locator("[data-testid='stDataFrame']").count() == 1
        declare_no_conflict(wang)
        rows = grid_rows(wang, 0, 7)
        assert [r[6] for r in rows] == [VENDOR_A, VENDOR_A, VENDOR_B, VENDOR_B]
        for row, score in enumerate(("12.25", "4", "8.5", "3")):
            type_score(wang, row, score)

        # 李评委 on the second replica, by the invitation link: his own name and password; he declares and scores.
        li.goto(f"{second}/?invite={code}")
        title_is(li, "登录")
        li.get_by_label("用户名（登录用）").fill("li")
        li.get_by_label("姓名（显示在评标委员会名单和审计记录中）").fill("李四")
        li.get_by_label("新密码（至少 10 个字符）").fill(PASSWORD)
        li.get_by_label("再次输入新密码").fill(PASSWORD)
        li.get_by_role("button", name="接受邀请").click()
        title_is(li, "评委打分")
        assert "invite" not in li.url
        declare_no_conflict(li)
        type_score(li, 0, "13")
        type_score(li, 1, "4.5")

        # Blind: each sees only his own scores, and neither sees the results.
        li_grid = " ".join(" ".join(r) for r in grid_rows(li, 0, 7))
        assert "12.25" not in li_grid and "13" in li_grid
        assert "评标结果" not in sidebar_links(li)
        wang.reload()
        title_is(wang, "评委打分")  # a refresh keeps him signed in
        wait_for_grid(wang)
        wang_grid = [r[4] for r in grid_rows(wang, 0, 7)]
        assert wang_grid == ["12.25", "4", "8.5", "3"]

        # The chair on the second replica sees the scores saved through the first on its next run.
        chair.goto(f"{second}/review?tender={tender}")
        title_is(chair, "登录")
        sign_in(chair, "admin", PASSWORD)
        title_is(chair, "评审")
        judges = grid_rows(chair, 0, 4)
        assert [r[:3] for r in judges] == [["王评委", "4", "4"], ["李评委", "2", "4"]]

        # 王评委 submits (confirmed): his scores lock and the results open, with 李评委's scores in them.
        wang.get_by_text("我已核对全部评分，确认提交").click()
        settle(wang)
        wang.get_by_role("button", name="提交评分").click()
        main_shows(wang, "您已于")  # the submit's run may not have begun when settle() looks
        settle(wang)
        assert "您已于" in wang.locator("[data-testid='stAlert']").first.inner_text()
        wang.get_by_role("link", name="评标结果").click()
        title_is(wang, "评标结果")
        wang.wait_for_selector("[data-testid='stDataFrame']", timeout=60000)
        assert set(totals(wang)) == {VENDOR_A, VENDOR_B}

        # 李评委 completes and submits; the chair closes scoring and finalises.
        li.reload()
        title_is(li, "评委打分")
        wait_for_grid(li)
        type_score(li, 2, "9")
        type_score(li, 3, "3.5")
        li.get_by_text("我已核对全部评分，确认提交").click()
        settle(li)
        li.get_by_role("button", name="提交评分").click()
        main_shows(li, "您已于")
        settle(li)
        chair.reload()
        title_is(chair, "评审")
        assert [r[:3] for r in grid_rows(chair, 0, 4)] == [["王评委", "4", "4"], ["李评委", "4", "4"]]
        chair.get_by_role("button", name="结束评分，进入复核").click()
        finalise = chair.get_by_role("button", name="确认最终结果（定稿）")
        finalise.wait_for(timeout=60000)  # a click while that run still draws the page was lost on a loaded machine
        settle(chair)
        finalise.click()
        settle(chair)
        main_shows(chair, "已定稿")
        browser.close()

    store = Store(url)
    info = store.tender(admin_of(store), tender)
    assert info.stage is Stage.FINAL and info.finalised_by == "管理员 admin"
    scores = {(s.judge, s.vendor_id, s.criterion): s.score for s in store.scores(admin_of(store), tender)}
    assert scores[("王评委", VENDOR_A, "ops_plan")] == "12.25"  # typed, kept to the cent
    assert store.verify_audit(admin_of(store), tender).ok
    store.engine.dispose()


def test_the_language_chosen_before_signing_in_stays(procurement):
    """English picked on the sign-in page: the password change and the page after signing in are in English too
    (signing in changes the page under the language radio, which once dropped its state and fell back to 中文)."""
    from playwright.sync_api import sync_playwright

    base, _, tender, one_time = procurement
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{base}/?tender={tender}")
        title_is(page, "登录")
        page.get_by_text("English", exact=True).click()
        title_is(page, "Sign in")
        page.get_by_label("User name", exact=True).fill("admin")
        page.get_by_label("Password", exact=True).fill(one_time)
        page.get_by_role("button", name="Sign in", exact=True).click()
        settle(page)
        page.get_by_label("One-time password").fill(one_time)
        page.get_by_label("New password (at least 10 characters)").fill(PASSWORD)
        page.get_by_label("New password again").fill(PASSWORD)
        page.get_by_role("button", name="Set my password").click()
        title_is(page, "Evaluation results")
        assert "Evaluation results" in page.locator("h1").all_inner_texts()
        page.get_by_text("中文", exact=True).click()  # and the radio still switches the language
        title_is(page, "评标结果")
        assert "评标结果" in page.locator("h1").all_inner_texts()
        browser.close()
