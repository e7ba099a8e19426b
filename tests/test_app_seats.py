"""A chair who also scores, in AppTest: no page shows them another judge's score — nor the results, exports or audit
trail made of the panel's scores — until their own seat has submitted; then their chair's pages open in full. And
a seat that has declared or scored is not handed to another account: the officer removes that judge instead."""
from decimal import Decimal

import pytest

from bideval.rights import Actor, Role
from bideval.storage import Store
from conftest import VENDOR_A, VENDOR_B, admin_of, menu_of, open_app, open_page, seat_judge
from test_app_roles import tender  # noqa: F401 (a fixture: two valid bids, scoring open, one account per role)

SECRET = "13.75"  # 李评委's score for A's operations plan: on no page of a chair whose seat has not submitted


@pytest.fixture
def seated(tender: int) -> int:
    """test_app_roles' tender (A 甲公司 and B 乙公司 valid, scoring open; pat procurement, chen chair, 王评委 seated):
    A in t3, B in t2; chen also holds the seat 陈组长 (not declared yet); 李评委 has scored every bid."""
    store = Store()
    admin = admin_of(store)
    store.set_tier(admin, tender, VENDOR_A, "ops_plan", "t3")
    store.set_tier(admin, tender, VENDOR_B, "ops_plan", "t2")
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


def shown(app) -> str:
    """Everything a page shows as text: its messages, captions, tables, editors and metrics."""
    kinds = ("title", "subheader", "markdown", "caption", "info", "warning", "error", "success")
    parts = [str(e.value) for kind in kinds for e in getattr(app, kind)]
    parts += [t.value.to_string() for t in (*app.dataframe, *app.data_editor)]
    parts += [f"{m.label} {m.value}" for m in app.metric]
    return "\n".join(parts)


def test_a_chair_who_scores_has_no_results_exports_or_audit_until_their_seat_submits(seated):
    assert menu_of(open_app(lang="en", user="chen", tender_id=seated)) == ("tiers", "scoring", "review", "account")
    Store().declare(chen(Store()), seated, {})
    chen_submits(seated)
    assert menu_of(open_app(lang="en", user="chen", tender_id=seated)) == (
        "results", "tiers", "scoring", "review", "export", "audit", "account")


@pytest.mark.parametrize("page", ["results", "export", "audit"])
def test_the_address_of_a_page_held_back_says_why(seated, page, through_the_entrypoint):
    app = open_page(page, "chen", seated)
    assert not app.exception
    assert "You hold the seat '陈组长' on this panel: until you submit your own scores" in app.info[0].value
    assert SECRET not in shown(app) and not app.dataframe


@pytest.mark.parametrize("page", ["tiers", "scoring", "review", "account", "results", "export", "audit"])
def test_no_page_shows_a_chair_still_scoring_another_judges_score(seated, page, through_the_entrypoint):
    Store().declare(chen(Store()), seated, {})
    app = open_page(page, "chen", seated)
    assert not app.exception, app.exception
    assert app.title or app.info  # the page itself, or why it is held back
    assert SECRET not in shown(app)


def test_the_chair_declares_before_the_tiers_and_review_pages_show_which_bids_are_valid(seated):
    for page in ("tiers", "review"):
        app = open_app(page, lang="en", user="chen", tender_id=seated)
        assert not app.exception
        assert "declare for every bidder whether you have a conflict of interest first" in app.error[0].value
        assert not app.data_editor and "甲公司" not in shown(app)


def test_the_review_page_keeps_findings_and_finalising_until_the_chairs_seat_submits(seated):
    Store().declare(chen(Store()), seated, {})
    app = open_app("review", lang="en", user="chen", tender_id=seated)
    assert "You hold the seat '陈组长'" in app.info[0].value
    judges = app.dataframe[0].value
    assert dict(zip(judges.iloc[:, 0], judges.iloc[:, 1])) == {"王评委": 0, "陈组长": 0, "李评委": 4}  # counts only
    assert "Written findings" not in shown(app) and not app.button(key="review_close").disabled
    chen_submits(seated)
    app = open_app("review", lang="en", user="chen", tender_id=seated)
    assert not app.exception and "Written findings" in shown(app) and not app.info


def test_a_tier_refused_to_a_chair_still_scoring_counts_the_other_scores_without_showing_them(seated):
    Store().declare(chen(Store()), seated, {})
    app = open_app("tiers", lang="en", user="chen", tender_id=seated)
    assert list(app.data_editor[0].value["scored"]) == [1, 1]  # how many judges scored, not what
    app.session_state[app.data_editor[0].key] = {"edited_rows": {0: {"tier": "t1"}}, "added_rows": [],
                                                 "deleted_rows": []}
    app.button(key="tiers_save_ops_plan").click().run()
    error = " ".join(e.value for e in app.error)
    assert "cannot set Tier 1 (0–5)" in error and "1 score(s) of other judges, not shown before you submit" in error
    assert SECRET not in error and "李评委" not in error
    chen_submits(seated)
    app = open_app("tiers", lang="en", user="chen", tender_id=seated)
    app.session_state[app.data_editor[0].key] = {"edited_rows": {0: {"tier": "t1"}}, "added_rows": [],
                                                 "deleted_rows": []}
    app.button(key="tiers_save_ops_plan").click().run()
    assert f"李评委: {SECRET}" in " ".join(e.value for e in app.error)  # submitted: the chair's role in full


def test_a_procurement_officer_who_scores_reads_no_bid_on_the_bids_page(seated):
    store = Store()
    store.give_role(admin_of(store), seated, "pat", Role.JUDGE, judge_name="采购人代表")  # pat: procurement
    app = open_app("bids", lang="en", user="pat", tender_id=seated)
    assert not app.exception
    assert "You hold the seat '采购人代表'" in app.info[0].value
    assert not app.dataframe  # no table of the bids and their prices (the names are what the declaration lists)


def test_a_seat_that_has_scored_is_not_handed_to_another_account_the_judge_is_removed(seated, through_the_entrypoint):
    store = Store()
    admin = admin_of(store)
    store.take_role(admin, seated, "李评委", Role.JUDGE)
    store.accounts.create_account(admin, "zhao", "赵评委")
    app = open_app("admin", lang="en", tender_id=seated)
    app.selectbox(key="admin_give_user").set_value("zhao")
    app.selectbox(key="admin_give_role").set_value("judge")
    app.text_input(key="admin_give_seat").set_value("李评委")
    app.button(key="admin_give").click().run()
    assert "the seat '李评委' holds 2 declaration(s) and 4 score(s) of the account that held it" in app.error[0].value
    assert store.judges(admin, seated) == ["王评委", "陈组长", "李评委"]

    tiers = open_app("tiers", lang="en", tender_id=seated)
    tiers.selectbox(key="tiers_remove_judge").set_value("李评委")
    tiers.button(key="tiers_remove").click().run()
    assert "removing 李评委 from the panel needs its reason" in tiers.error[0].value
    tiers.selectbox(key="tiers_remove_judge").set_value("李评委")
    tiers.text_input(key="tiers_remove_reason").set_value("回避 conflict found late")
    tiers.button(key="tiers_remove").click().run()
    assert not tiers.exception and "Removed from the panel: 李评委" in tiers.success[0].value
    assert store.judges(admin, seated) == ["王评委", "陈组长"] and store.scores(admin, seated) == []
    store.add_judge(admin, seated, "赵评委")
    store.give_role(admin, seated, "zhao", Role.JUDGE, judge_name="赵评委")
