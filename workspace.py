"""What the app's pages share: the database, the signed-in user, the tender in hand, the language, cached results,
and which pages each user sees.

Only UI state lives in ``st.session_state`` (language, the tender in hand, this tab's session token);
everything about a tender lives in the database through :class:`bideval.storage.Store`, which checks every
call against the signed-in user's roles. The tender in hand is also in the page's address (``?tender=3``),
so a refresh, a server restart or a shared link opens the same tender; it changes only when the user picks
another.
"""
from __future__ import annotations

import hashlib
import re
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping, Sequence

import streamlit as st
from streamlit.errors import StreamlitAPIException

import signin
from bideval import filenames, first_start, messages
from bideval.errors import BidEvalError, Problem, RubricError
from bideval.result import Result
from bideval.rights import Action, Actor, TypedCell
from bideval.rubric import Rubric
from bideval.schema import id_in_text
from bideval.storage import Capabilities, Seat, Store, database_url
from bideval.workflow import SignOff, StatusTone, stated_status

CRITERIA = first_start.CRITERIA  # the rubric library the Tenders page offers
TENDER_PARAM = "tender"  # the page address's query parameter naming the tender in hand


@st.cache_resource
def _store(url: str) -> Store:
    store = Store(url)
    first_start.prepare(store)  # already done by scripts/run.sh; here for a server started another way
    return store


def store() -> Store:
    """The database of this app (DATABASE_URL, or the embedded SQLite file), with the sample tender on first start."""
    return _store(database_url())


def check_sign_in() -> Actor | None:
    """Ask the database who this tab's session belongs to (once per run, by the entrypoint) and keep the answer
    for the pages; None when nobody is signed in or the session has ended."""
    who = signin.current(store().accounts, signin.secrets_of(st.secrets))
    if who is None:
        ended = st.session_state.pop(_ACTOR, None)
        for prefix in KEPT_EDITORS:  # the session ended under this user's typing: kept for when they are back
            keep_typed(prefix, ended)
    else:
        st.session_state[_ACTOR] = who
    return who


def actor() -> Actor:
    """The signed-in user every store call acts as; a page never runs without one (it stops here)."""
    who = st.session_state.get(_ACTOR) or check_sign_in()
    if who is None:
        st.info(tr("请先登录。", "Sign in first."))
        st.stop()
    return who


_ACTOR = "signin_actor"  # st.session_state: the user check_sign_in found at the start of this run
KEPT_EDITORS = ("review_findings", "review_consensus")  # editors saved by a button, whose typing outlives a session that ends


def sign_out() -> None:
    """End this tab's session: in the database, in the browser, and at the provider when signed in there."""
    signin.sign_out(store().accounts)
    st.session_state.pop(_ACTOR, None)


@dataclass(frozen=True)
class PageSpec:
    """A page of the app: its file under pages/, its title in both languages, its icon and its menu section."""

    name: str
    zh: str
    en: str
    icon: str
    section: str = "evaluation"


PAGES = (
    PageSpec("results", "评标结果", "Results", ":material/leaderboard:"),
    PageSpec("bids", "投标文件", "Bids", ":material/upload_file:"),
    PageSpec("tiers", "定档", "Tiers", ":material/stacked_bar_chart:"),
    PageSpec("scoring", "评委打分", "Scoring", ":material/edit_note:"),
    PageSpec("review", "评审", "Review", ":material/gavel:"),
    PageSpec("export", "导出", "Export", ":material/download:"),
    PageSpec("audit", "审计记录", "Audit trail", ":material/history:"),
    PageSpec("tenders", "招标项目", "Tenders", ":material/folder_open:", "setup"),
    PageSpec("admin", "账户与角色", "Accounts and roles", ":material/manage_accounts:", "setup"),
    PageSpec("account", "我的账户", "My account", ":material/person:", "setup"),
)
FIRST_CHOICE = ("results", "scoring", "review", "tiers", "bids", "tenders", "admin", "audit", "account")

# What each page is for: a page shows when the user may do one of its actions on the tender in hand, now or, their
# roles allowing it, in another stage (``Capabilities.holds``); on it, a control shows only for what they may do now.
# Reading the result, exporting and the audit trail are allowed in every stage, or not at all: an observer's results
# wait for the final result, and a seat still scoring keeps them, the exports and the audit trail from its holder.
PAGE_ACTIONS: dict[str, frozenset[Action]] = {
    "results": frozenset({Action.READ_RESULT}),
    "bids": frozenset({Action.IMPORT_BIDS}),
    "tiers": frozenset({Action.SET_TIER, Action.MANAGE_PANEL, Action.IMPORT_SCORES, Action.REPLACE_PANEL}),
    "scoring": frozenset({Action.DECLARE, Action.SCORE, Action.SUBMIT}),
    "review": frozenset({Action.OPEN_SCORING, Action.CLOSE_SCORING, Action.RECORD_FINDING, Action.SET_CONSENSUS,
                         Action.FINALISE, Action.REOPEN}),
    "export": frozenset({Action.EXPORT}),
    "audit": frozenset({Action.READ_AUDIT}),
    "tenders": frozenset({Action.CONFIGURE}),  # and whoever creates tenders, and the administrator
    "admin": frozenset({Action.GIVE_ROLES}),  # and the administrator, who manages accounts
    "account": frozenset(),  # everyone's
}


def visible_pages(capabilities: Capabilities | None, administrator: bool = False,
                  creates_tenders: bool = False) -> tuple[str, ...]:
    """The pages a user sees: those whose actions (``PAGE_ACTIONS``) their capabilities on the tender in hand hold;
    the tenders page too when their account creates tenders; the tenders and the accounts pages for the
    administrator, and without a tender in hand the audit trail (they read any tender's); their own account always."""
    shown = {name for name, actions in PAGE_ACTIONS.items()
             if capabilities is not None and any(capabilities.holds(a) for a in actions)} | {"account"}
    if creates_tenders or administrator:
        shown.add("tenders")
    if administrator:
        shown |= {"admin"} if capabilities is not None else {"admin", "audit"}
    return tuple(page.name for page in PAGES if page.name in shown)


def held_back_pages(capabilities: Capabilities | None) -> tuple[str, ...]:
    """The pages a user's own seat, still scoring, keeps from them (the results, the exports, the audit trail): their
    roles give them once the seat has submitted."""
    return tuple(page.name for page in PAGES if capabilities is not None
                 and any(capabilities.after_submitting(a) for a in PAGE_ACTIONS[page.name]))


def not_yet(capabilities: Capabilities | None, page: str) -> BidEvalError | None:
    """Why a page the user does not see is not theirs yet, when their roles give it later (an observer's results
    before the final result): the store's refusal of its action, said at the page's address. None otherwise."""
    refused = capabilities.refused if capabilities is not None else {}
    return next((refused[a] for a in sorted(PAGE_ACTIONS[page] & refused.keys(), key=lambda a: a.name)
                 if capabilities is not None and capabilities.role_allows(a)), None)


def capabilities(tender: int | None = None) -> Capabilities:
    """What the signed-in user may do now on ``tender`` (default: the tender in hand), ``Store.capabilities``: asked
    of the database once per run of the app (:func:`remember_capabilities`), by the entrypoint and every page."""
    tender = require_tender() if tender is None else tender
    memo: dict[int, Capabilities] | None = st.session_state.get(_CAPABILITIES)
    if memo is None:  # outside a run of the entrypoint
        return store().capabilities(actor(), tender)
    if tender not in memo:
        memo[tender] = store().capabilities(actor(), tender)
    return memo[tender]


_CAPABILITIES = "run_capabilities"  # st.session_state, during one run of the entrypoint: tender → Capabilities


@contextmanager
def remember_capabilities() -> Iterator[None]:
    """Inside: :func:`capabilities` asks the store once per tender, however many pieces of the run ask. The
    entrypoint runs the page inside; the memory ends with the run, so the next run (after a change) asks again."""
    st.session_state[_CAPABILITIES] = {}
    try:
        yield
    finally:
        st.session_state.pop(_CAPABILITIES, None)


def offered(may: Capabilities, action: Action) -> bool:
    """Whether a page draws the controls of ``action``: the user may do it now. When their roles allow it but not now
    (the stage, their own seat, the panel), the store's reason is said in their place, in the UI language."""
    if action in may.now:
        return True
    if may.role_allows(action):
        st.info(lines_markdown(messages.error_lines(may.refused[action], lang())), icon=":material/block:")
    return False


def blind_seat(may: Capabilities) -> Seat | None:
    """The user's own panel seat while it keeps the panel's work from them, as the store says
    (``Capabilities.after_submitting``): until it has submitted it limits what they read whatever their other roles
    (``Store._view``), and pages say so instead of what they cannot read."""
    return may.seat if may.after_submitting(Action.READ_RESULT) else None


def held_back_text(seat: Seat) -> str:
    """Why the panel's scores and what is made of them are not shown to a user whose seat ``seat`` still scores."""
    return tr(f"您在本评标委员会中持有评委席位“{seat.name}”：在“评委打分”页面提交自己的评分之前，与其他评委一样，"
              "看不到其他评委的评分和由其得出的内容（评标结果、标记、复核意见、导出文件、审计记录），"
              "须先作出回避声明才能查看投标，价格密封时看不到价格。提交后，您的其他角色恢复全部权限。",
              f"You hold the seat {seat.name!r} on this panel: until you submit your own scores on the Scoring "
              "page you read as the other judges do — no other judge's score nor anything made of them (results, "
              "flags, findings, exports, the audit trail), the bids only after your declaration, and no price "
              "while the tender seals them. Once you have submitted, your other roles apply in full.")


def landing_page(visible: tuple[str, ...], wanted: str | None) -> str:
    """The page a run shows: the one asked for when the user sees it, else the first that fits their roles."""
    if wanted in visible:
        return wanted
    return next(name for name in FIRST_CHOICE if name in visible)


def enter_page(name: str, needs_sign_in: bool = True) -> None:
    """Make sure this session runs through the app's entrypoint, signed in.

    On a fresh server, a first request for a page's address (``/scoring``)
    runs the page file alone, without the navigation, sidebar, sign-in and state
    of bid_eval.py; such a session is sent through the entrypoint to the same
    page, keeping the address's query (``?tender=2``). A page that needs a
    signed-in user asks the database again: a session that ended since goes
    back through the entrypoint to the sign-in page, which says why.
    """
    if not st.session_state.get("app_entry"):
        st.switch_page("bid_eval.py", query_params={**st.query_params.to_dict(), "goto": name})
    if needs_sign_in and check_sign_in() is None:
        try:
            st.switch_page("bid_eval.py")
        except StreamlitAPIException:  # inside the navigation: the next run shows the sign-in page
            st.stop()


def init_state() -> None:
    """Give each UI state key its first value, once per session."""
    if "lang" not in st.session_state:  # a new session: a refresh or a link keeps the language in the address
        st.session_state.lang = "en" if st.query_params.get(LANG_PARAM) == "en" else "zh"
    if "tender_id" not in st.session_state:
        st.session_state.tender_id = None


LANG_PARAM = "lang"  # ?lang=en in the address: English survives a refresh, which starts a new session (zh: none)


def keep_lang_in_address() -> None:
    """Write the UI language into the page's address (only English: Chinese is the default)."""
    if lang() == "en":
        if st.query_params.get(LANG_PARAM) != "en":
            st.query_params[LANG_PARAM] = "en"
    elif LANG_PARAM in st.query_params:
        st.query_params.pop(LANG_PARAM)


def follow_address() -> None:
    """Take the tender in hand from the page's address when it names one (a refresh, a deep link, a restart)."""
    # Text naming no record (abc, ², a number past any id) is passed over, as no tender in the address is.
    wanted = id_in_text(st.query_params.get(TENDER_PARAM) or "")
    if wanted is not None:
        st.session_state.tender_id = wanted


def choose_tender(tender: int | None) -> None:
    """Make ``tender`` the tender in hand, in this session and in the page's address."""
    st.session_state.tender_id = tender
    if tender is None:
        st.query_params.pop(TENDER_PARAM, None)
    elif st.query_params.get(TENDER_PARAM) != str(tender):
        st.query_params[TENDER_PARAM] = str(tender)


def lang() -> str:
    """The UI language: zh or en."""
    return st.session_state.get("lang", "zh")


def tr(zh: str, en: str) -> str:
    """A UI text in the current language."""
    return en if lang() == "en" else zh


def new_password_fields(key: str) -> tuple[str, str]:
    """A new password typed twice (inside the caller's form): ``(password, again)``."""
    from bideval.accounts import MIN_PASSWORD

    first = st.text_input(tr(f"新密码（至少 {MIN_PASSWORD} 个字符）", f"New password (at least {MIN_PASSWORD} characters)"),
                          type="password", key=f"{key}_new", autocomplete="new-password")
    again = st.text_input(tr("再次输入新密码", "New password again"), type="password", key=f"{key}_again",
                          autocomplete="new-password")
    return first, again


def passwords_differ(first: str, again: str) -> bool:
    """Whether the two typings of a new password differ (then said, in the UI language)."""
    if first != again:
        st.error(tr("两次输入的新密码不一致。", "The two new passwords differ."))
    return first != again


def tender_id() -> int | None:
    """The tender being worked on, if any."""
    return st.session_state.get("tender_id")


def require_tender() -> int:
    """The current tender; stops the page with a pointer to the tenders page when there is none."""
    current = tender_id()
    if current is None:
        if store().tenders(actor()):
            st.info(tr("请在侧栏选择招标项目。", "Choose a tender in the sidebar."))
        else:
            st.info(tr("还没有招标项目。请先在“招标项目”页面新建。", "No tender yet. Create one on the Tenders page."))
        st.stop()
    if rubric_refused(current):
        st.stop()
    return current


def rubric_refused(current: int) -> bool:
    """Whether the tender's rubric, filed by an earlier version whose reader was less strict, is refused by this one:
    said in one red box with its problems (the tender cannot be evaluated; its bids and scores are kept). A tender's
    rubric never changes, so one found readable is not asked for again in this session (a store read per rerun)."""
    readable = st.session_state.setdefault("rubric_readable", set())
    if current in readable:
        return False
    try:
        store().rubric(actor(), current)
        readable.add(current)
    except RubricError as refused:
        st.error(tr(f"招标项目 #{current} 建立时所存的评分标准，本版本的 bid-eval 不再接受（此后检查更严格），"
                    "因此无法评审。其投标和评分都保留在数据库中。请按下列问题改正评分标准后新建招标项目：",
                    f"The rubric filed with tender #{current} when it was made is refused by this version of "
                    "bid-eval (its checks are stricter since), so the tender cannot be evaluated. Its bids and "
                    "scores are kept in the database. Correct the rubric as below and create the tender again:"))
        show_error(refused)
        return True
    except BidEvalError:
        pass  # (no right to it, say: the page's own call tells it as it always has)
    return False


def tender_name() -> str:
    """The current tender's name, as the user named it."""
    return store().tender(actor(), require_tender()).name


def download_name(kind: str, ext: str, *parts: str | None) -> str:
    """A download's file name naming what it is and the tender in hand (name and number):
    ``audit_示例：客服业务外包项目_tender1_zh.csv``."""
    return filenames.download_name(kind, tender_name(), require_tender(), ext, *parts)


def rubric() -> Rubric:
    """The current tender's rubric."""
    return store().rubric(actor(), require_tender())


@st.cache_resource(max_entries=64, show_spinner=False)
def _result(url: str, tender: int, version: int, who: Actor) -> Result:
    return _store(url).result_for(who, tender)


def result() -> Result:
    """The current tender's evaluation as this user may read it (``Store.result_for``), recomputed only when the
    tender changed (its version is part of the cache key, read from the database: every replica agrees)."""
    tender = require_tender()
    who = actor()
    try:
        return _result(database_url(), tender, store().version(who, tender), who)
    except BidEvalError as refused:  # not this user's to read (yet): said, and the page stops
        show_error(refused)
        st.stop()
        raise


def show_status(result: Result, sign_off: SignOff, provisional_note: str = "") -> None:
    """The result's status as every page states it (``bideval.workflow.stated_status``): a warning while provisional
    (followed by ``provisional_note``), a success once final, a note while the scores are complete and unsigned."""
    status = stated_status(result, sign_off, lang())
    text = markdown_text(status.text)
    if status.tone is StatusTone.PROVISIONAL:
        st.warning(text + provisional_note)
    elif status.tone is StatusTone.FINAL:
        st.success(text)
    else:
        st.info(text)


def editor_key(prefix: str, rows: Iterable[object], round_: int) -> str:
    """The key of a data editor showing ``rows`` (what identifies each, in order): when they change (another bid,
    another order) or the page's round moves on (a fresh start after a save), the editor starts afresh instead of
    showing edits typed on one row against another. ``editor_key("review_findings", ["a", "b"], 0)`` →
    ``review_findings_<12 hex digits>_0``."""
    identity = hashlib.sha1("\n".join(map(str, rows)).encode()).hexdigest()[:12]
    return f"{prefix}_{identity}_{round_}"


def remember_shown(prefix: str, key: str, rows: Sequence[object]) -> None:
    """Keep the rows the editor ``key`` shows this run, with their versions: the next run reads its edits by
    position in these rows and saves them with these versions, so a change made meanwhile is a conflict, never
    overwritten."""
    st.session_state[f"{prefix}_shown"] = (key, list(rows))


def shown(prefix: str) -> tuple[str, list[Any]] | None:
    """The key and rows of the editor the previous run drew (:func:`remember_shown`), or None when there is none
    or its state is gone (the user left the page: what it showed may be stale)."""
    last: tuple[str, list[Any]] | None = st.session_state.get(f"{prefix}_shown")
    return last if last is not None and last[0] in st.session_state else None


def new_cells(current: Mapping[int, Mapping[str, Any]],
              seen: Mapping[int, Mapping[str, Any]]) -> dict[int, dict[str, Any]]:
    """The cells of an editor's ``edited_rows`` changed since the edits already handled (``seen``).

    The editor keeps every edit of the session; replaying old ones would undo a
    panel workbook imported meanwhile, so only cells that changed count.
    """
    missing = object()
    fresh: dict[int, dict[str, Any]] = {}
    for position, cells in current.items():
        changed = {column: value for column, value in cells.items()
                   if seen.get(position, {}).get(column, missing) != value}
        if changed:
            fresh[position] = changed
    return fresh


def pending_edits(prefix: str, handled: Mapping[str, Mapping[int, Mapping[str, Any]]]
                  ) -> tuple[str, list[Any], dict[int, dict[str, Any]], dict[int, dict[str, Any]]]:
    """The editor the previous run drew (``prefix``: its :func:`remember_shown` prefix): its key, the rows it showed,
    every edit it holds and those not handled yet (``handled``: editor key → the edits already handled); empty when
    none was drawn."""
    last = shown(prefix)
    if last is None:
        return "", [], {}, {}
    old_key, before = last
    edited = {int(p): dict(c) for p, c in st.session_state.get(old_key, {}).get("edited_rows", {}).items()}
    return old_key, list(before), edited, new_cells(edited, handled.get(old_key, {}))


def grid_memory(tender: int, who: Actor) -> str:
    """The :func:`remember_shown` prefix of the Scoring page's grid: this judge's grid on this tender, and no
    other's."""
    return f"scoring_grid_{tender}_{who.account_id}"


GRID_HANDLED = "scoring_seen"  # st.session_state: grid editor key → the edited_rows the Scoring page has handled


def typed_in_grid(tender: int, who: Actor) -> list[TypedCell]:
    """What ``who`` typed in their Scoring grid on ``tender`` that no run has saved: the run that finds their seat
    taken does not run the page, and says what was lost instead (``SeatLost.with_typed``). Each row the grid showed
    names its bid and criterion (``vendor_name``, ``criterion_name``)."""
    _, rows, _, fresh = pending_edits(grid_memory(tender, who), st.session_state.get(GRID_HANDLED, {}))
    typed = []
    for position, cells in sorted(fresh.items()):
        row = rows[position]
        score = cells["score"] if "score" in cells else cells.get("grade")
        typed.append(TypedCell(row.vendor_name, row.criterion_name, None if score is None else str(score),
                               None if "comment" not in cells else str(cells["comment"] or "")))
    return typed


def keep_typed(prefix: str, who: Actor | None) -> None:
    """On the run that finds the session ended (the sign-in page shows next): keep what the editor ``prefix`` last
    drew holds typed and not saved, for ``who`` (the user whose session it was) on the tender in hand. Its widget state
    lasts only until another page is drawn; :func:`typed_before` gives it back once the same user signs in again."""
    last = shown(prefix)
    edits = st.session_state.get(last[0], {}).get("edited_rows", {}) if last is not None else {}
    if who is not None and last is not None and edits:
        st.session_state[f"{prefix}_kept"] = (who.account_id, tender_id(), last[1],
                                              {int(p): dict(c) for p, c in edits.items()})


def typed_before(prefix: str, who: Actor, tender: int) -> tuple[list[Any], dict[int, dict[str, Any]]] | None:
    """What :func:`keep_typed` kept of ``who``'s typing on ``tender``: the rows the editor showed and the edits by
    position in them; None when nothing was kept, or it was another user's or another tender's."""
    kept = st.session_state.get(f"{prefix}_kept")
    return (kept[2], kept[3]) if kept is not None and kept[:2] == (who.account_id, tender) else None


def forget_typed(prefix: str) -> None:
    """Drop what :func:`keep_typed` kept: the user has acted on it."""
    st.session_state.pop(f"{prefix}_kept", None)


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


def lines_markdown(lines: Iterable[str]) -> str:
    """The lines of one message (``bideval.messages``) as one Markdown text, each shown as itself."""
    return "\n\n".join(markdown_text(line) for line in lines)


def show_error(error: BidEvalError, rubric: Rubric | None = None) -> None:
    """A user's mistake as one red box in the UI language, one line per problem.

    ``rubric`` names criteria and fields by their label for errors that carry only ids
    (the current tender's rubric when not given).
    """
    st.error("\n\n".join(error_markdown(error, rubric if rubric is not None else readable_rubric())))


def readable_rubric() -> Rubric | None:
    """The tender in hand's rubric, to name criteria and fields in a refusal by their label; None when there is no
    tender in hand or nobody signed in, or when the store refuses it now: a refusal handler must not be refused in turn
    (the role taken, the account switched off, the session ended — the refusal it shows says so)."""
    current, who = tender_id(), st.session_state.get(_ACTOR)
    if current is None or who is None:
        return None
    try:
        return store().rubric(who, current)
    except BidEvalError:
        return None
