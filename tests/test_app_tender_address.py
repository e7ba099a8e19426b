"""The tender in hand is the one shown (issue 8, item 6b), in AppTest: it is in the page's address (?tender=N) and
named on every page; a language switch, a new session (a refresh, a restart) and a deep link keep it; only the
user's choice changes it."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bideval.rights import Role
from bideval.storage import Store
from conftest import EXAMPLE_RUBRIC, ROOT, VENDOR_A, admin_of, chair_tender, good_bid, session_token, write_form


@pytest.fixture
def tenders(app_db: str, tmp_path: Path, through_the_entrypoint) -> tuple[int, int, int]:
    """Three tenders the administrator runs, the middle one with a bid."""
    store = Store(app_db)
    made = tuple(chair_tender(store, name, EXAMPLE_RUBRIC.read_text(encoding="utf-8"), EXAMPLE_RUBRIC.name)
                 for name in ("甲项目", "乙项目", "丙项目"))
    form = write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, name="甲公司"))
    assert store.import_bids(admin_of(store), made[1], [(form.name, form.read_bytes())]).ok
    return made


def session(address: dict[str, str] | None = None, lang: str = "zh", user: str = "admin") -> AppTest:
    """A new browser session (a refresh, a restart, a link opened) at an address, signed in."""
    app = AppTest.from_file(str(ROOT / "bid_eval.py"), default_timeout=120)
    app.session_state["lang"] = lang
    app.session_state["signin_token"] = session_token(user)
    for key, value in (address or {}).items():
        app.query_params[key] = value
    return app.run()


def in_hand(app: AppTest) -> str:
    """The tender the page names at its top."""
    return next(c.value for c in app.caption if c.value.startswith(("招标项目", "Tender")))


def test_the_address_names_the_tender_and_a_new_session_opens_it(tenders):
    first, second, third = tenders
    app = session({"tender": str(second)})
    assert not app.exception
    assert app.query_params["tender"] == str(second)
    assert "乙项目" in in_hand(app) and f"#{second}" in in_hand(app)
    again = session({"tender": str(second)}, lang="en")  # a refresh, or the server restarted: the same address
    assert "乙项目" in in_hand(again)
    assert again.selectbox(key="tender_pick").value == second


def test_a_language_switch_keeps_the_tender(tenders):
    first, second, third = tenders
    app = session({"tender": str(first)})
    app.radio(key="lang_pick").set_value("en").run()
    assert not app.exception
    assert "甲项目" in in_hand(app) and app.query_params["tender"] == str(first)
    app.switch_page("pages/audit.py").run()
    app.radio(key="lang_pick").set_value("zh").run()
    assert app.session_state["tender_id"] == first


def test_only_the_users_choice_changes_it(tenders):
    first, second, third = tenders
    app = session({"tender": str(first)})
    app.selectbox(key="tender_pick").set_value(third).run()
    assert not app.exception
    assert app.query_params["tender"] == str(third)
    assert "丙项目" in in_hand(app)


def test_a_deep_link_to_a_page_and_tender_opens_them(tenders):
    first, second, third = tenders
    app = session({"tender": str(second)})
    app.switch_page("pages/bids.py").run()
    assert not app.exception
    assert app.title[0].value == "投标文件"
    assert app.session_state["tender_id"] == second


def test_a_tender_the_user_holds_no_role_on_is_said_not_swapped(tenders):
    first, second, third = tenders
    store = Store()
    store.accounts.create_account(admin_of(store), "olga", "olga")
    store.give_role(admin_of(store), first, "olga", Role.OBSERVER)
    app = session({"tender": str(third)}, lang="en", user="olga")
    assert not app.exception
    assert f"Tender #{third} in the address does not exist or you hold no role on it" in app.warning[0].value
    assert app.session_state["tender_id"] is None
    assert app.query_params["tender"] == str(third)  # the address stays as the user typed it


def test_without_an_address_several_tenders_ask_which_one_and_a_single_one_opens(tenders):
    app = session(lang="en")
    assert app.session_state["tender_id"] is None
    assert "tender" not in app.query_params
    assert app.selectbox(key="tender_pick").value is None
    assert app.title[0].value == "Tenders"  # no tender in hand yet: the tenders list
    app.switch_page("pages/audit.py").run()
    assert app.info[0].value == "Choose a tender in the sidebar."
    store = Store()
    store.accounts.create_account(admin_of(store), "olga", "olga")
    store.give_role(admin_of(store), tenders[1], "olga", Role.OBSERVER)
    only = session(lang="en", user="olga")
    assert only.session_state["tender_id"] == tenders[1]
    assert only.query_params["tender"] == str(tenders[1])


def test_english_is_in_the_address_and_survives_a_refresh(tenders):
    """A tester chose English, signed in and pressed F5: the page came back in Chinese (a new session)."""
    first, second, third = tenders
    app = session({"tender": str(second)})
    assert "lang" not in app.query_params  # Chinese, the default: nothing in the address
    app.radio(key="lang_pick").set_value("en").run()
    assert app.query_params["lang"] == "en" and app.query_params["tender"] == str(second)
    refreshed = AppTest.from_file(str(ROOT / "bid_eval.py"), default_timeout=120)  # no language in the session
    refreshed.session_state["signin_token"] = session_token("admin")
    for key, value in app.query_params.items():
        refreshed.query_params[key] = value[0] if isinstance(value, list) else value
    refreshed.run()
    assert not refreshed.exception and in_hand(refreshed).startswith("Tender")
    refreshed.radio(key="lang_pick").set_value("zh").run()
    assert "lang" not in refreshed.query_params and in_hand(refreshed).startswith("招标项目")


def test_the_landing_page_keeps_its_own_address(tenders):
    """P6-9: the app's root address goes on to the landing page at its own address, so a link to that address
    (/results?tender=2, from an e-mail) opens the page, not Streamlit's "Page not found"."""
    app = session({"tender": str(tenders[1])})
    assert not app.exception
    assert app.title[0].value == "评标结果"  # the administrator's landing page
    registered = {info.get("url_pathname"): info for info in app._registered_pages.values()}
    assert registered["results"]["script_path"].endswith("pages/results.py")
    app.switch_page("pages/results.py").run()  # its own address, as a link opens it
    assert not app.exception and app.title[0].value == "评标结果"


@pytest.mark.parametrize("address", ["²", "1²", "①", "99999999999999999999", "9223372036854775808", "-1", "2.0", ""])
def test_an_address_naming_no_tender_number_is_said_not_a_traceback(tenders, address):
    """`?tender=²` (a digit to str.isdigit, no number to int) or a number past what the database holds ended every page
    in a traceback (ValueError; OverflowError on SQLite, out of range on PostgreSQL): the address names no tender the
    user holds, said as for any other."""
    app = session({"tender": address})
    assert not app.exception
    assert app.session_state["tender_id"] is None or app.session_state["tender_id"] in tenders
