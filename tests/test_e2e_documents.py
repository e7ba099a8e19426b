"""A judge opens a bidder's proposal from the scoring grid in a real headless Chromium: the PDF is drawn in the page.

The same kind of server as tests/test_e2e_browser.py (`streamlit run bid_eval.py` on a fresh SQLite database);
the judge signs in with the one-time password the administrator gave, declares, and scores. pdf.js, inside the
streamlit-pdf component that `st.pdf` uses, draws each page on a canvas.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from bideval.rights import Role
from bideval.storage import Store
from conftest import ROOT, admin_of, chair_tender
from document_files import proposal_pdf
from test_e2e_browser import (CHROMIUM, FLAGS, SAMPLE, app_server, as_admin, choose_password, declare_no_conflict,
                              grid_header, grid_rows, settle, sign_in, title_is)

JUDGE = "王评委"

# Whether a PDF viewer in the page (inside the component's shadow root) shows the document named ``name`` (its
# accessible name) and has drawn a page of it: a canvas with ink on it. pdf.js draws the text on the canvas.
SHOWN = """name => {
    const roots = [document];
    for (let i = 0; i < roots.length; i++)
        for (const el of roots[i].querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    return roots.some(root => Array.from(root.querySelectorAll("[data-testid='pdf-container']")).some(viewer => {
        if (viewer.getAttribute('aria-label') !== name) return false;
        return Array.from(viewer.querySelectorAll('.react-pdf__Page canvas')).some(canvas => {
            if (canvas.width < 300 || canvas.height < 300) return false;
            const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let ink = 0;
            for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 128 && pixels[i + 3] > 0) ink++;
            return ink > 200;
        });
    }));
}"""


def wait_for_pdf(page, name: str) -> None:
    """Wait until the document ``name`` is drawn in the page."""
    page.wait_for_function(SHOWN, arg=name, timeout=60000)


@pytest.fixture
def server(tmp_path: Path):
    """The sample bids of the cs-outsourcing rubric, each with its proposal, scoring open, and a judge's account
    with a one-time password; an app server on the database."""
    url = f"sqlite:///{tmp_path / 'documents.sqlite3'}"
    store = Store(url)
    admin = admin_of(store)
    rubric = ROOT / "criteria" / "cs-outsourcing.yaml"
    tender = chair_tender(store, "附件测试", rubric.read_text(encoding="utf-8"), rubric.name)
    forms = sorted(SAMPLE.glob("*.xlsx"))
    report = store.import_bids(admin, tender, [(f.name, f.read_bytes()) for f in forms])
    assert report.ok, report.refused
    for bid in store.bidset(admin, tender).bids:  # each bidder's proposal names the bidder on its first page
        store.add_documents(admin, tender, bid.vendor_id, [(f"proposal-{bid.vendor_id}.pdf",
                                                            proposal_pdf(f"Proposal of {bid.vendor_id}", pages=2))])
    store.open_scoring(admin, tender)
    _, password = store.accounts.create_account(admin, "wang", JUDGE)
    store.give_role(admin, tender, "wang", Role.JUDGE, judge_name=JUDGE)
    store.engine.dispose()
    with app_server(url) as base:
        yield base, url, tender, password


def test_a_judge_opens_the_proposal_beside_the_grid_and_sees_it(server, tmp_path: Path):
    from playwright.sync_api import sync_playwright

    base, url, tender, password = server
    bids = as_admin(url, "bidset", tender).bids
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1200})
        page.goto(f"{base}/?tender={tender}")
        title_is(page, "登录")
        sign_in(page, "wang", password)
        choose_password(page, password)
        title_is(page, "评委打分")
        declare_no_conflict(page)
        # Beside the grid: the proposal of the first row's bidder.
        picker = page.locator("[data-testid='stSelectbox']").filter(has_text="查看投标人的附件")
        assert picker.count() == 1
        header = grid_header(page)
        rows = grid_rows(page, 0, len(header))  # the columns in view: the grid shares the width with the proposal
        ids = {b.vendor_name: b.vendor_id for b in bids}
        first = ids[rows[0][0]]
        wait_for_pdf(page, f"proposal-{first}.pdf")
        # The judge scores a row further down (service design of the third bidder): its proposal comes up beside it.
        order = list(dict.fromkeys(ids[row[0]] for row in rows))
        target = next(i for i, row in enumerate(rows) if "服务方案" in row[1] and ids[row[0]] == order[2])
        vendor_id = order[2]
        page.wait_for_timeout(1000)
        grid = page.locator("[data-testid='stDataFrame']").first
        grid.locator("[data-testid='glide-cell-0-0']").evaluate("cell => cell.focus()")
        for _ in range(target):
            page.keyboard.press("ArrowDown")
        for _ in range(4):  # vendor, criterion, tier, range → score
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        page.wait_for_timeout(500)
        page.keyboard.type("4", delay=100)
        page.wait_for_timeout(300)
        page.keyboard.press("Enter")
        page.wait_for_timeout(1000)
        settle(page)
        for _ in range(60):  # the save's run may not have begun when settle() looked (a loaded machine)
            saved = [x for x in as_admin(url, "scores", tender) if x.judge == JUDGE]
            if saved:
                break
            page.wait_for_timeout(1000)
        (score,) = saved
        assert (score.vendor_id, score.criterion) == (vendor_id, "service_design")
        wait_for_pdf(page, f"proposal-{vendor_id}.pdf")
        page.screenshot(path=str(Path(__file__).resolve().parent.parent / "out" / "proposal-beside-grid.png"),
                        full_page=False)
        browser.close()
