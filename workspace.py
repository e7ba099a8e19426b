"""What the app's pages share: the database, the current tender, the language, and cached results.

Only UI state lives in ``st.session_state`` (language, current tender, who is
scoring); everything about a tender lives in the database through
:class:`bideval.storage.Store`.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from bideval.errors import BidEvalError
from bideval.result import Result
from bideval.rubric import Rubric
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
    if not store.tenders():
        load_sample_tender(store)
    return store


def store() -> Store:
    """The database of this app (DATABASE_URL, or the embedded SQLite file), with the sample tender on first start."""
    return _store(database_url())


def load_sample_tender(store: Store) -> int:
    """Create the sample tender from criteria/ and sample_bids/: rubric, bids and panel."""
    tender = store.create_tender(SAMPLE_NAME, SAMPLE_RUBRIC.read_text(encoding="utf-8"), SAMPLE_RUBRIC.name,
                                 actor="setup")
    files = [(p.name, p.read_bytes()) for p in sorted(SAMPLE_BIDS.glob("*.xlsx"))]
    store.import_bids(tender, files, actor="setup")
    if SAMPLE_PANEL.exists():
        store.import_panel(tender, SAMPLE_PANEL.name, SAMPLE_PANEL.read_bytes(), actor="setup")
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
        tenders = store().tenders()
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
    return store().rubric(require_tender())


@st.cache_resource(max_entries=64, show_spinner=False)
def _result(url: str, tender: int, version: int) -> Result:
    return _store(url).evaluate(tender)


def result() -> Result:
    """The current tender's evaluation, recomputed only when the tender changed (its version)."""
    tender = require_tender()
    return _result(database_url(), tender, store().version(tender))


def show_error(error: BidEvalError) -> None:
    """A user's mistake as one red box, one line per problem."""
    lines = str(error).splitlines() or [type(error).__name__]
    st.error("\n\n".join(f"`{line}`" if ":" in line and "!" in line else line for line in lines))
