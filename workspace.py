"""What the app's pages share: the database, the current tender, the language, and cached results.

Only UI state lives in ``st.session_state`` (language, current tender, who is
scoring); everything about a tender lives in the database through
:class:`bideval.storage.Store`.
"""
from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from bideval import messages
from bideval.errors import BidEvalError, Problem
from bideval.result import Result
from bideval.rubric import Rubric
from bideval.accounts import ADMIN_USERNAME
from bideval.rights import Actor, Role
from bideval.storage import Store, database_url

ROOT = Path(__file__).resolve().parent
CRITERIA = ROOT / "criteria"
SAMPLE_RUBRIC = CRITERIA / "cs-outsourcing.yaml"
SAMPLE_BIDS = ROOT / "sample_bids" / "cs-outsourcing"
SAMPLE_PANEL = ROOT / "sample_bids" / "cs-outsourcing-panel.xlsx"
SAMPLE_NAME = "示例：客服业务外包项目 / Sample: customer-service outsourcing"


@st.cache_resource
def _store(url: str) -> Store:
    store = Store(url)
    store.accounts.ensure_administrator()  # first start: the one-time password goes to the server log
    admin = default_actor(store)
    tenders = store.tenders(admin)
    if not tenders:
        load_sample_tender(store, admin)
    for tender in tenders:  # made before accounts existed: nobody holds a role until the administrator takes them
        if not store.members(admin, tender.id):
            store.give_role(admin, tender.id, ADMIN_USERNAME, Role.PROCUREMENT)
            store.give_role(admin, tender.id, ADMIN_USERNAME, Role.CHAIR)
    return store


def store() -> Store:
    """The database of this app (DATABASE_URL, or the embedded SQLite file), with the sample tender on first start."""
    return _store(database_url())


def default_actor(store: Store) -> Actor:
    """The user every page acts as until sign-in exists: the first administrator account.

    Interim: the sign-in pages replace this with the signed-in user.
    """
    first = store.accounts.find(ADMIN_USERNAME)
    if first is None:
        raise BidEvalError("no administrator account")  # a programming mistake: _store made it
    return Actor(first.id, first.display_name, True)


def actor() -> Actor:
    """The user this session acts as."""
    return default_actor(store())


def judge_actor(tender: int, name: str) -> Actor:
    """The judge the scoring page acts as (interim, until judges sign in): the account named after the seat,
    made without a password (it cannot sign in) and seated on first use."""
    db, admin = store(), actor()
    account = db.accounts.find(name) or db.accounts.create_account(admin, name, name, with_password=False)[0]
    judge = Actor(account.id, account.display_name)
    if db.my_seat(judge, tender) is None:
        db.give_role(admin, tender, account.username, Role.JUDGE, judge_name=name)
    return judge


def load_sample_tender(store: Store, actor: Actor) -> int:
    """Create the sample tender from criteria/ and sample_bids/: rubric, bids and panel, in the scoring stage.

    ``actor`` becomes its procurement officer and chair, so a newcomer signed in as them sees it at once.
    """
    tender = store.create_tender(actor, SAMPLE_NAME, SAMPLE_RUBRIC.read_text(encoding="utf-8"), SAMPLE_RUBRIC.name)
    store.give_role(actor, tender, ADMIN_USERNAME, Role.CHAIR)
    files = [(p.name, p.read_bytes()) for p in sorted(SAMPLE_BIDS.glob("*.xlsx"))]
    store.import_bids(actor, tender, files)
    store.open_scoring(actor, tender)
    if SAMPLE_PANEL.exists():
        content = SAMPLE_PANEL.read_bytes()
        preview = store.preview_replace_panel(actor, tender, SAMPLE_PANEL.name, content)
        store.replace_panel(actor, tender, SAMPLE_PANEL.name, content, preview)
    return tender


def enter_page(name: str) -> None:
    """Make sure this session runs through the app's entrypoint.

    On a fresh server, a first request for a page's address (``/scoring``)
    runs the page file alone, without the navigation, sidebar and state of
    bid_eval.py; such a session is sent through the entrypoint to the same page.
    """
    if not st.session_state.get("app_entry"):
        st.switch_page("bid_eval.py", query_params={"goto": name})


def init_state() -> None:
    """Give each UI state key its first value, once per session."""
    if "lang" not in st.session_state:
        st.session_state.lang = "zh"
    if "tender_id" not in st.session_state:
        tenders = store().tenders(actor())
        st.session_state.tender_id = tenders[0].id if tenders else None


def lang() -> str:
    """The UI language: zh or en."""
    return st.session_state.get("lang", "zh")


def tr(zh: str, en: str) -> str:
    """A UI text in the current language."""
    return en if lang() == "en" else zh


def tender_id() -> int | None:
    """The tender being worked on, if any."""
    return st.session_state.get("tender_id")


def require_tender() -> int:
    """The current tender; stops the page with a pointer to the tenders page when there is none."""
    current = tender_id()
    if current is None:
        st.info(tr("还没有招标项目。请先在“招标项目”页面新建。", "No tender yet. Create one on the Tenders page."))
        st.stop()
    return current


def rubric() -> Rubric:
    """The current tender's rubric."""
    return store().rubric(actor(), require_tender())


@st.cache_resource(max_entries=64, show_spinner=False)
def _result(url: str, tender: int, version: int, account_id: int) -> Result:
    db = _store(url)
    return db.result_for(default_actor(db), tender)


def result() -> Result:
    """The current tender's evaluation as this user may read it, recomputed only when the tender changed (its version)."""
    tender = require_tender()
    who = actor()
    return _result(database_url(), tender, store().version(who, tender), who.account_id)


def markdown_text(text: str) -> str:
    """Text from a file or a user shown as itself in Markdown: no emphasis, links, LaTeX or HTML from its characters.

    An underscore inside a word (``ops_plan``) is left alone: Markdown never reads it as emphasis.
    """
    return _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(0), text)


_MARKDOWN_SPECIAL = re.compile(r"[\\`*$<>\[\]~|#]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")


def problem_markdown(problem: Problem, with_file: bool = True, rubric: Rubric | None = None) -> str:
    """One problem in the UI language, its location set in code font: `Bid!C25` 投标总价：应为金额（元）…"""
    where, subject, text = messages.parts(problem, lang(), with_file=with_file, rubric=rubric)
    colon = "：" if lang() == "zh" and problem.code else ": "  # a problem without a code has only English
    head = " ".join(part for part in (f"`{where.replace('`', chr(39))}`" if where else "", markdown_text(subject))
                    if part)
    return f"{head}{colon}{markdown_text(text)}" if head else markdown_text(text)


def error_markdown(error: BidEvalError, rubric: Rubric | None = None) -> list[str]:
    """Every line of a user's mistake in the UI language, one per problem."""
    problems = getattr(error, "problems", None)
    if problems is not None:
        return [problem_markdown(p, rubric=rubric) for p in problems]
    return [markdown_text(line) for line in messages.error_lines(error, lang(), rubric=rubric)]


def show_error(error: BidEvalError, rubric: Rubric | None = None) -> None:
    """A user's mistake as one red box in the UI language, one line per problem.

    ``rubric`` names criteria and fields by their label for errors that carry only ids
    (the current tender's rubric when not given).
    """
    current = tender_id()
    if rubric is None and current is not None:
        try:
            rubric = store().rubric(actor(), current)
        except BidEvalError:
            rubric = None
    st.error("\n\n".join(error_markdown(error, rubric)))
