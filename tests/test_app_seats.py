"""A chair who also scores, in AppTest: no page shows them another judge's score — nor the results, exports or audit
trail made of the panel's scores — until their own seat has submitted; then their chair's pages open in full. And
a seat that has declared or scored is not handed to another account: the officer removes that judge instead."""
from decimal import Decimal
from pathlib import Path

import pytest

from bideval.rights import Actor, Role
from bideval.storage import Store
from conftest import EXAMPLE_RUBRIC, VENDOR_A, VENDOR_B, admin_of, chair_tender, good_bid, open_app, seat_judge, write_form

EVERY_PAGE = ("results", "bids", "tiers", "scoring", "review", "export", "audit", "tenders", "admin", "account")
SECRET = "13.75"  # 李评委's score for A's operations plan: on no page of a chair whose seat has not submitted


@pytest.fixture
def tender(app_db: str, tmp_path: Path) -> int:
    """Two valid bids (A in t3, B in t2), scoring open; chen is the chair and holds the seat 陈组长 (not declared yet);
    李评委 has scored every bid."""
    store = Store(app_db)
    admin = admin_of(store)
    tender = chair_tender(store, "组长评分", EXAMPLE_RUBRIC.read_text(encoding="utf-8"), EXAMPLE_RUBRIC.name)
    forms = [write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, name="甲公司")),
             write_form(tmp_path / "b.xlsx", good_bid(VENDOR_B, name="乙公司", rate_per_call=0.6))]
    assert store.import_bids(admin, tender, [(f.name, f.read_bytes()) for f in forms]).ok
    store.set_tier(admin, tender, VENDOR_A, "ops_plan", "t3")
    store.set_tier(admin, tender, VENDOR_B, "ops_plan", "t2")
    store.open_scoring(admin, tender)
    store.accounts.create_account(admin, "chen", "陈组长")
    store.give_role(admin, tender, "chen", Role.CHAIR)
    store.give_role(admin, tender, "chen", Role.JUDGE, judge_name="陈组长")
    li = seat_judge(store, tender, "李评委")
    for vendor, ops, design in ((VENDOR_A, SECRET, "4"), (VENDOR_B, "8.5", "3")):
        store.set_score(li, tender, vendor, "ops_plan", Decimal(ops))
        store.set_score(li, tender, vendor, "service_design", Decimal(design))
    return tender


def chen(store: Store) -> Actor:
    account = store.accounts.find("chen")
    return Actor(account.id, account.display_name)


def chen_submits(tender: int) -> None:
    store = Store()
    for vendor, ops in ((VENDOR_A, "12"), (VENDOR_B, "7")):
        store.set_score(chen(store), tender, vendor, "ops_plan", Decimal(ops))
        store.set_score(chen(store), tender, vendor, "service_design", Decimal(4))
    store.submit(chen(store), tender)


def menu(app) -> tuple[str, ...]:
    held = []
    for page in EVERY_PAGE:
        try:
            app.switch_page(f"pages/{page}.py")  # AppTest refuses a page the navigation does not hold
        except ValueError:
            continue
        held.append(page)
    return tuple(held)


def open_page(page: str, user: str, tender: int):
    """Open ``page`` as ``user`` the way its address does, whether or not the user's menu holds it."""
    app = open_app(lang="en", user=user, tender_id=tender)
    try:
        app.switch_page(f"pages/{page}.py")
    except ValueError:  # not in the menu: the navigation holds only the address (a page function, no file), which
        # AppTest.switch_page does not open; the hash a browser's request for that address would run
        app._page_hash = next(h for h, info in app._registered_pages.items() if info.get("url_pathname") == page)
    app.run()
    return app


def shown(app) -> str:
    """Everything a page shows as text: its messages, captions, tables, editors and metrics."""
    kinds = ("title", "subheader", "markdown", "caption", "info", "warning", "error", "success")
    parts = [str(e.value) for kind in kinds for e in getattr(app, kind)]
    parts += [t.value.to_string() for t in (*app.dataframe, *app.data_editor)]
    parts += [f"{m.label} {m.value}" for m in app.metric]
    return "\n".join(parts)


def test_a_chair_who_scores_has_no_results_exports_or_audit_until_their_seat_submits(tender):
    assert menu(open_app(lang="en", user="chen", tender_id=tender)) == ("tiers", "scoring", "review", "account")
    Store().declare(chen(Store()), tender, {})
    chen_submits(tender)
    assert menu(open_app(lang="en", user="chen", tender_id=tender)) == (
        "results", "tiers", "scoring", "review", "export", "audit", "account")


@pytest.mark.parametrize("page", ["results", "export", "audit"])
def test_the_address_of_a_page_held_back_says_why(tender, page, through_the_entrypoint):
    app = open_page(page, "chen", tender)
    assert not app.exception
    assert "You hold the seat '陈组长' on this panel: until you submit your own scores" in app.info[0].value
    assert SECRET not in shown(app) and not app.dataframe


@pytest.mark.parametrize("page", ["tiers", "scoring", "review", "account", "results", "export", "audit"])
def test_no_page_shows_a_chair_still_scoring_another_judges_score(tender, page, through_the_entrypoint):
    Store().declare(chen(Store()), tender, {})
    app = open_page(page, "chen", tender)
    assert not app.exception, app.exception
    assert app.title or app.info  # the page itself, or why it is held back
    assert SECRET not in shown(app)


def test_the_chair_declares_before_the_tiers_and_review_pages_show_which_bids_are_valid(tender):
    for page in ("tiers", "review"):
        app = open_app(page, lang="en", user="chen", tender_id=tender)
        assert not app.exception
        assert "declare for every bidder whether you have a conflict of interest first" in app.error[0].value
        assert not app.data_editor and "甲公司" not in shown(app)


def test_the_review_page_keeps_findings_and_finalising_until_the_chairs_seat_submits(tender):
    Store().declare(chen(Store()), tender, {})
    app = open_app("review", lang="en", user="chen", tender_id=tender)
    assert "You hold the seat '陈组长'" in app.info[0].value
    judges = app.dataframe[0].value
    assert dict(zip(judges.iloc[:, 0], judges.iloc[:, 1])) == {"李评委": 4, "陈组长": 0}  # counts, never a score
    assert "Written findings" not in shown(app) and not app.button(key="review_close").disabled
    chen_submits(tender)
    app = open_app("review", lang="en", user="chen", tender_id=tender)
    assert not app.exception and "Written findings" in shown(app) and not app.info


def test_a_tier_refused_to_a_chair_still_scoring_counts_the_other_scores_without_showing_them(tender):
    Store().declare(chen(Store()), tender, {})
    app = open_app("tiers", lang="en", user="chen", tender_id=tender)
    assert list(app.data_editor[0].value["scored"]) == [1, 1]  # how many judges scored, not what
    app.session_state[app.data_editor[0].key] = {"edited_rows": {0: {"tier": "t1"}}, "added_rows": [],
                                                 "deleted_rows": []}
    app.button(key="tiers_save_ops_plan").click().run()
    error = " ".join(e.value for e in app.error)
    assert "cannot set Tier 1 (0–5)" in error and "1 score(s) of other judges, not shown before you submit" in error
    assert SECRET not in error and "李评委" not in error
    chen_submits(tender)
    app = open_app("tiers", lang="en", user="chen", tender_id=tender)
    app.session_state[app.data_editor[0].key] = {"edited_rows": {0: {"tier": "t1"}}, "added_rows": [],
                                                 "deleted_rows": []}
    app.button(key="tiers_save_ops_plan").click().run()
    assert f"李评委: {SECRET}" in " ".join(e.value for e in app.error)  # submitted: the chair's role in full


def test_a_procurement_officer_who_scores_reads_no_bid_on_the_bids_page(tender):
    store = Store()
    store.accounts.create_account(admin_of(store), "pat", "采购人代表", creates_tenders=True)
    store.give_role(admin_of(store), tender, "pat", Role.PROCUREMENT)
    store.give_role(admin_of(store), tender, "pat", Role.JUDGE, judge_name="采购人代表")
    app = open_app("bids", lang="en", user="pat", tender_id=tender)
    assert not app.exception
    assert "You hold the seat '采购人代表'" in app.info[0].value
    assert not app.dataframe  # no table of the bids and their prices (the names are what the declaration lists)


def test_a_seat_that_has_scored_is_not_handed_to_another_account_the_judge_is_removed(tender, through_the_entrypoint):
    store = Store()
    admin = admin_of(store)
    store.take_role(admin, tender, "李评委", Role.JUDGE)
    store.accounts.create_account(admin, "zhao", "赵评委")
    app = open_app("admin", lang="en", tender_id=tender)
    app.selectbox(key="admin_give_user").set_value("zhao")
    app.selectbox(key="admin_give_role").set_value("judge")
    app.text_input(key="admin_give_seat").set_value("李评委")
    app.button(key="admin_give").click().run()
    assert "the seat '李评委' holds 2 declaration(s) and 4 score(s) of the account that held it" in app.error[0].value
    assert store.judges(admin, tender) == ["陈组长", "李评委"]

    tiers = open_app("tiers", lang="en", tender_id=tender)
    tiers.selectbox(key="tiers_remove_judge").set_value("李评委")
    tiers.button(key="tiers_remove").click().run()
    assert "removing 李评委 from the panel needs its reason" in tiers.error[0].value
    tiers.selectbox(key="tiers_remove_judge").set_value("李评委")
    tiers.text_input(key="tiers_remove_reason").set_value("回避 conflict found late")
    tiers.button(key="tiers_remove").click().run()
    assert not tiers.exception and "Removed from the panel: 李评委" in tiers.success[0].value
    assert store.judges(admin, tender) == ["陈组长"] and store.scores(admin, tender) == []
    store.add_judge(admin, tender, "赵评委")
    store.give_role(admin, tender, "zhao", Role.JUDGE, judge_name="赵评委")
