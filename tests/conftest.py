"""Fixtures that write real rubric, bid and panel files into tmp_path."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import pytest
import xlsxwriter
from argon2 import PasswordHasher

import bideval.accounts
from bideval.rubric import Rubric, load_rubric

# Every account a test makes hashes and checks passwords with argon2, and at the app's cost (RFC 9106's: 64 MiB, three
# passes, four lanes; a quarter of a second of CPU each) that was most of the suite's time: 394 hashes, 90 of the 113
# CPU seconds of tests/test_app_roles.py alone. Tests in this process hash with argon2id at its least cost: the same
# code runs, a wrong password is still refused. The app's own cost is checked where the app runs as its own process
# (tests/test_first_start.py reads the hash its first start stored).
bideval.accounts._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)

DATA = Path(__file__).parent / "data"
EXAMPLE_RUBRIC = DATA / "formats_example.yaml"

# Real-looking credit codes that pass the GB 32100-2015 check character.
VENDOR_A = "91110000802100433B"
VENDOR_B = "91440300708461136T"


def write_xlsx(path: Path, sheets: Mapping[str, Sequence[Sequence[Any]]]) -> Path:
    """Write rows into named sheets, every value as a vendor's spreadsheet would hold it."""
    book = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str):
                    sheet.write_string(r, c, value)
                else:
                    sheet.write(r, c, value)
    book.close()
    return path


def write_openpyxl(path: Path, sheets: Mapping[str, Sequence[Sequence[Any]]],
                   hidden: Mapping[str, Sequence[int]] | None = None,
                   merged: Mapping[str, Sequence[str]] | None = None,
                   hidden_columns: Mapping[str, Sequence[str]] | None = None) -> Path:
    """A workbook written by openpyxl (formulas saved without results, as openpyxl does), rows hidden as given
    (numbers from 1), ranges merged as given (``A2:A4``) and columns hidden as given (letters: ``<col hidden="1"
    …/>``)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        for number in (hidden or {}).get(name, []):
            sheet.row_dimensions[number].hidden = True
        for span in (merged or {}).get(name, []):
            sheet.merge_cells(span)
        for letter in (hidden_columns or {}).get(name, []):
            sheet.column_dimensions[letter].hidden = True
    book.save(path)
    return path


def write_form(path: Path, values: Mapping[str, Any], header: bool = True) -> Path:
    """A bid form: column A field ids, C values (B and D labels left out as vendors may)."""
    rows: list[list[Any]] = [["字段 / Field id", "项目 / Item", "填写内容 / Your answer", "单位 / Unit"]] if header else []
    rows += [[field_id, field_id, value, None] for field_id, value in values.items()]
    return write_xlsx(path, {"Bid": rows})


def write_consolidated(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> Path:
    """A consolidated workbook: sheet Bids, a header row, one vendor per row."""
    return write_xlsx(path, {"Bids": [list(headers), *map(list, rows)]})


def write_panel(path: Path, scores: Iterable[Sequence[Any]] = (), tiers: Iterable[Sequence[Any]] = (),
                judges: Sequence[str] | None = None) -> Path:
    """A panel workbook: Scores (judge, vendor_id, criterion, score, comment) and Tiers (vendor_id, criterion, tier)."""
    sheets: dict[str, list] = {
        "Scores": [["judge", "vendor_id", "criterion", "score", "comment"], *map(list, scores)],
        "Tiers": [["vendor_id", "criterion", "tier"], *map(list, tiers)],
    }
    if judges is not None:
        sheets["Judges"] = [["judge"], *([j] for j in judges)]
    return write_xlsx(path, sheets)


def write_ranked(folder: Path, lang: str = "en") -> Path:
    """The ranked workbook bid-eval writes for two good bids of the example rubric and a full panel, as
    ``folder/ranked.xlsx`` (its bids and panel beside it)."""
    from bideval.evaluation import run
    from bideval.export import write_workbook

    bids = [write_form(folder / "a.xlsx", good_bid(VENDOR_A)), write_form(folder / "b.xlsx", good_bid(VENDOR_B))]
    panel = write_panel(folder / "panel.xlsx", [[j, v, c, s, ""] for j in ("王", "李") for v in (VENDOR_A, VENDOR_B)
                                                for c, s in (("ops_plan", 12), ("service_design", 4))],
                        [[VENDOR_A, "ops_plan", "t3"], [VENDOR_B, "ops_plan", "t3"]])
    ranked = folder / "ranked.xlsx"
    write_workbook(run(EXAMPLE_RUBRIC, bids, [panel]), ranked, lang)
    return ranked


def good_bid(vendor_id: str = VENDOR_A, name: str = "北京示例客服有限公司", **overrides: Any) -> dict[str, Any]:
    """A valid bid for the example rubric; keyword arguments replace values."""
    values: dict[str, Any] = {
        "vendor_id": vendor_id, "vendor_name": name, "sme": "否",
        "business_license": "是", "itss_level": 2, "registered_capital": "1200万",
        "similar_projects": 3, "dial_test_accuracy": "94%",
        "price_model": "per_call", "rate_per_call": 0.85,
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


@pytest.fixture
def rubric() -> Rubric:
    """The rubric of the formats.md example."""
    return load_rubric(EXAMPLE_RUBRIC)


def make_bid(rubric: Rubric, raw: Mapping[str, Any]):
    """A Bid parsed from raw cell values in memory, as the importer would build it."""
    from bideval.bids import Bid, normalise_vendor_id

    values = {f.id: f.parse(raw.get(f.id)) for f in rubric.bid_fields}
    return Bid(normalise_vendor_id(values["vendor_id"]), values["vendor_name"], bool(values["sme"]), values,
               "memory.xlsx", "Bid", {})


def make_bidset(rubric: Rubric, *raws: Mapping[str, Any]):
    """A BidSet of in-memory bids."""
    from bideval.bids import BidSet

    return BidSet(tuple(make_bid(rubric, raw) for raw in raws), ())


ROOT = Path(__file__).resolve().parent.parent


def copy_database(source: Path, target: Path) -> None:
    """Copy one SQLite database over another, through SQLite (the write-ahead log included)."""
    import sqlite3

    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory):
    """``built_once(name, build, into)``: make the new database ``into`` (a SQLite file's URL, or an empty PostgreSQL
    database's) a copy of the test module's database ``name`` of its kind, filled by ``build(url)`` the first time a
    test asks for it; what ``build`` returned. A state many tests start from, such as a tender with its bids and
    panel, is made once, not for each test."""
    made: dict[tuple[str, bool], tuple[str, Any]] = {}

    def copy(name: str, build, into: str) -> Any:
        sqlite = into.startswith("sqlite:///")
        if (name, sqlite) not in made:
            folder = tmp_path_factory.mktemp("built")
            url = (f"sqlite:///{folder / name}.sqlite3" if sqlite
                   else postgres_database(into, f"t{abs(hash(str(folder))) % 10**9}"))
            made[name, sqlite] = (url, build(url))
        url, value = made[name, sqlite]
        if sqlite:
            copy_database(Path(url.removeprefix("sqlite:///")), Path(into.removeprefix("sqlite:///")))
        else:
            postgres_database(into, into.rsplit("/", 1)[1], template=url, replace=True)
        return value

    return copy


def postgres_database(server: str, name: str, template: str | None = None, replace: bool = False) -> str:
    """Create the database ``name`` on the PostgreSQL server of the URL ``server``, empty or a copy of the database
    ``template`` (a URL: nothing may be connected to it), in place of the one of that name when ``replace``; its
    URL."""
    from sqlalchemy import create_engine, text

    base = server.rsplit("/", 1)[0]
    engine = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        if replace:
            connection.execute(text(f"DROP DATABASE {name}"))
        copied = f" TEMPLATE {template.rsplit('/', 1)[1]}" if template else ""
        connection.execute(text(f"CREATE DATABASE {name}{copied}"))
    engine.dispose()
    return f"{base}/{name}"


@pytest.fixture
def app_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh SQLite file for the app, through DATABASE_URL as a deployment would set it."""
    url = f"sqlite:///{tmp_path / 'app.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def open_app(page: str | None = None, lang: str = "zh", user: str | None = "admin", judge: str | None = None,
             **state: Any):
    """Run the app's entrypoint in AppTest signed in as ``user`` (a judge's account when ``judge`` is given; nobody
    when None), optionally switched to ``pages/<page>.py``, with session state set."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "bid_eval.py"), default_timeout=120)
    app.session_state["lang"] = lang
    user = judge or user
    if user is not None:
        app.session_state["signin_token"] = session_token(user)
    for key, value in state.items():
        app.session_state[key] = value
    app.run()
    if page:
        app.switch_page(f"pages/{page}.py")
        app.run()
    return app


def open_page(page: str, user: str, tender: int):
    """Open ``page`` as ``user`` the way its address does, whether or not the user's menu holds it (with the
    ``through_the_entrypoint`` fixture)."""
    app = open_app(lang="en", user=user, tender_id=tender)
    try:
        app.switch_page(f"pages/{page}.py")
    except ValueError:  # not in the menu: the navigation holds only the address (a page function, no file), which
        # AppTest.switch_page does not open; the hash a browser's request for that address would run
        app._page_hash = next(h for h, info in app._registered_pages.items() if info.get("url_pathname") == page)
    app.run()
    return app


def menu_of(app) -> tuple[str, ...]:
    """The pages the app's menu holds (their names under pages/), in menu order."""
    import workspace

    held = []
    for page in workspace.PAGES:
        try:
            app.switch_page(f"pages/{page.name}.py")  # AppTest refuses a page the navigation does not hold
        except ValueError:
            continue
        held.append(page.name)
    return tuple(held)


@pytest.fixture
def through_the_entrypoint(monkeypatch: pytest.MonkeyPatch) -> None:
    """AppTest reruns a page of a folder named pages/ alone, without bid_eval.py and its sidebar; a server runs
    the entrypoint on every rerun once st.navigation has been called. Make AppTest do as the server does."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False  # what st.navigation sets in a server, for good

    monkeypatch.setattr(PagesManager, "__init__", init)


PASSWORD = "chosen-in-tests"
_TOKENS: dict[tuple[str, str], str] = {}


def session_token(username: str, url: str | None = None) -> str:
    """A signed-in session of ``username`` on the app's database (DATABASE_URL), as the sign-in page makes one: the
    administrator resets the account's password, the user signs in with the one-time password and chooses their own.
    One per account and database, so two apps of one test share it."""
    from bideval.storage import Store, database_url

    url = url or database_url()
    if (url, username) not in _TOKENS:
        store = Store(url)
        admin = admin_of(store)
        if username != "admin" and store.accounts.find(username) is None:
            store.accounts.create_account(admin, username, username)
        one_time = store.accounts.reset_password(admin, username)
        signed = store.accounts.sign_in(username, one_time)
        store.accounts.change_password(signed.token, one_time, PASSWORD)
        _TOKENS[(url, username)] = signed.token
        store.engine.dispose()
    return _TOKENS[(url, username)]


@pytest.fixture(scope="session")
def postgres_url():
    """A real PostgreSQL server for this test session (tests/pg_server.py)."""
    from pg_server import PostgresMissing, temporary_postgres

    try:
        with temporary_postgres(durable=False) as url:
            yield url
    except PostgresMissing as missing:  # raised before the server starts, never from a test
        pytest.fail(str(missing))


def import_page(name: str):
    """pages/<name>.py imported as a module, for its helper functions; the page itself does not run."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"{name}_page", ROOT / "pages" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def admin_of(store):
    """The administrator's actor (created on first call, as the app's first start does)."""
    from bideval.accounts import ADMIN_USERNAME
    from bideval.rights import Actor

    store.accounts.ensure_administrator()
    account = store.accounts.find(ADMIN_USERNAME)
    return Actor(account.id, account.display_name, True)


def chair_tender(store, name: str, rubric_text: str | None = None, source: str = "example.yaml") -> int:
    """A tender created by the administrator, who is its procurement officer and chair (as the app's default user)."""
    return store.create_tender(admin_of(store), name, rubric_text or EXAMPLE_RUBRIC.read_text(encoding="utf-8"), source)


def seat_judge(store, tender: int, name: str, conflicts: Sequence[str] = (), declare: bool = True):
    """A judge's account (no password) seated on the panel, declared for every bid (conflicts as given)."""
    from bideval.rights import Actor, Role

    admin = admin_of(store)
    account = store.accounts.find(name) or store.accounts.create_account(admin, name, name, with_password=False)[0]
    judge = Actor(account.id, account.display_name)
    if store.my_seat(judge, tender) is None:
        store.give_role(admin, tender, name, Role.JUDGE, judge_name=name)
    if declare:
        store.declare(judge, tender, {v: "conflict" for v in conflicts})
    return judge


def qcbs_below_the_pass_mark(store):
    """The QCBS sample with a judged criterion after the technical pass-mark group (presentation, 10 points of the
    financial group), two seats (okafor, mensah), scoring open, and okafor's technical scores of 1 on every bid:
    every bid below 70 so far. (tender, okafor, the bids okafor scores)."""
    admin = admin_of(store)
    text = (ROOT / "criteria" / "qcbs-consultancy.yaml").read_text(encoding="utf-8").replace(
        "  - id: price\n", "  - id: presentation\n    name: Presentation\n    group: financial\n    kind: judged\n"
                           "    max: 10\n\n  - id: price\n", 1).replace("max: 100\n    method:", "max: 90\n    method:")
    tender = store.create_tender(admin, "QCBS", text, "qcbs.yaml")
    folder = ROOT / "sample_bids" / "qcbs-consultancy"
    assert store.import_bids(admin, tender, [(f.name, f.read_bytes()) for f in sorted(folder.glob("*.xlsx"))]).ok
    okafor, _ = seat_judge(store, tender, "okafor"), seat_judge(store, tender, "mensah")
    store.open_scoring(admin, tender)
    bids = [v for v, _ in store.bids_to_score(okafor, tender)]
    technical = ("methodology", "team_leader_quals", "key_experts", "knowledge_transfer")
    for vendor in bids:  # okafor scores every technical criterion; mensah nothing yet
        for criterion in technical:
            store.set_score(okafor, tender, vendor, criterion, Decimal(1))
    return tender, okafor, bids


def replace_panel(store, tender: int, path: Path) -> tuple[str, ...]:
    """Replace the tender's whole panel with a panel workbook, previewed and confirmed by the administrator-chair."""
    admin = admin_of(store)
    content = path.read_bytes()
    preview = store.preview_replace_panel(admin, tender, path.name, content)
    return store.replace_panel(admin, tender, path.name, content, preview)


def loaded_tender(store, name: str, rubric: Path, bids: Sequence[Path], panel: Path | None = None) -> int:
    """A tender of ``rubric`` run by the administrator (procurement and chair) with ``bids`` imported and, when
    given, the whole panel replaced by ``panel``'s, in the scoring stage (as the app's sample tender is made)."""
    tender = chair_tender(store, name, rubric.read_text(encoding="utf-8"), rubric.name)
    report = store.import_bids(admin_of(store), tender, [(f.name, f.read_bytes()) for f in bids])
    assert report.ok, report.refused
    if panel is not None:
        replace_panel(store, tender, panel)
    store.open_scoring(admin_of(store), tender)
    return tender


@pytest.fixture
def two_bids(tender: int, tmp_path: Path) -> int:
    """The test module's ``tender`` with two valid bids, from A (甲公司) and B (乙公司), imported by the administrator."""
    files = [write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, name="甲公司")),
             write_form(tmp_path / "b.xlsx", good_bid(VENDOR_B, name="乙公司"))]
    assert admin_call("import_bids", tender, [(f.name, f.read_bytes()) for f in files]).ok
    return tender


def admin_call(method: str, *args: Any, **kwargs: Any) -> Any:
    """Call a Store method on the app's database (DATABASE_URL) as the administrator."""
    from bideval.storage import Store

    store = Store()
    return getattr(store, method)(admin_of(store), *args, **kwargs)


def meeting_clock(timeout: float):
    """A database clock for two threads racing through one change (a store's transactions read their clock once they
    have checked, to stamp what they write), and the event that arms it. Once armed, each thread's first reading waits
    for the other thread's, ``timeout`` seconds at most: when both got past their checks they write together, and
    a lock that keeps the second out of its check until the first commits makes the first wait out the timeout."""
    import threading

    from bideval.schema import utc_now

    meet, armed, waited = threading.Barrier(2, timeout=timeout), threading.Event(), threading.local()

    def clock():
        if armed.is_set() and not getattr(waited, "done", False):
            waited.done = True
            try:
                meet.wait()
            except threading.BrokenBarrierError:  # the other thread is kept out: it waits for a lock
                pass
        return utc_now()

    return clock, armed


def zip_bytes(entries: Mapping[str, bytes]) -> bytes:
    """A zip archive holding ``entries`` (name → bytes), as a bidder's zipped files arrive."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()
