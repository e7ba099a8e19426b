"""Screenshot app pages in headless Debian Chromium, to look at them as a user would.

Usage: .venv/bin/python scripts/screenshot.py http://localhost:8501 results bids … [--lang en] [--out DIR]
       [--height 4000] [--tabs] [--user admin --password …] [--tender 1]

With --user and --password it signs in first (the page "signin" shoots the sign-in page before that);
--tender opens that tender (?tender=N).

Streamlit scrolls inside its own container, so a page longer than the window needs a taller --height;
--tabs also takes each tab's panel on its own (the results page's charts are in tabs).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("base")
    parser.add_argument("pages", nargs="+")
    parser.add_argument("--out", default="/tmp")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--tabs", action="store_true", help="also take each tab's panel, shot_<page>_<lang>_tab<n>.png")
    parser.add_argument("--user", help="sign in as this user first")
    parser.add_argument("--password", help="the user's password")
    parser.add_argument("--tender", type=int, help="the tender to open (?tender=N)")
    args = parser.parse_args()
    query = f"?tender={args.tender}" if args.tender else ""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": args.width, "height": args.height})
        signed_in = False
        for name in args.pages:
            page.goto(f"{args.base}/{'' if name in ('results', 'signin') else name}{query}")
            page.wait_for_selector("h1", timeout=120000)
            if args.lang == "en":
                page.get_by_text("English", exact=True).click()
                page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60000)
                page.wait_for_timeout(1000)  # the page is drawn again in English
            if args.user and not signed_in and name != "signin":
                page.get_by_label("用户名" if args.lang == "zh" else "User name", exact=True).fill(args.user)
                page.get_by_label("密码" if args.lang == "zh" else "Password", exact=True).fill(args.password)
                page.get_by_role("button", name="登录" if args.lang == "zh" else "Sign in", exact=True).click()
                signed_in = True
            page.wait_for_timeout(4000)
            page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60000)
            target = Path(args.out) / f"shot_{name}_{args.lang}.png"
            page.screenshot(path=str(target), full_page=True)
            print(target)
            tabs = page.get_by_role("tab")
            for i in range(tabs.count() if args.tabs else 0):
                tabs.nth(i).click()
                page.wait_for_timeout(1500)
                panel = Path(args.out) / f"shot_{name}_{args.lang}_tab{i}.png"
                page.get_by_role("tabpanel").locator("visible=true").first.screenshot(path=str(panel))
                print(panel)
        browser.close()


if __name__ == "__main__":
    main()
