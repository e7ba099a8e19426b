"""Every page as each role, in AppTest: what each role's menu holds, that each of its pages runs, that a page
outside it cannot be opened, and the store's refusals shown as messages in the UI language."""
from decimal import Decimal
from pathlib import Path

import pytest

import workspace as ws
from bideval.rights import Actor, Role
from bideval.storage import Store
from conftest import (EXAMPLE_RUBRIC, VENDOR_A, VENDOR_B, admin_of, chair_tender, good_bid, menu_of, open_app,
                      open_page, seat_judge, write_form)

TITLES = {"results": "Evaluation results", "bids": "Bids", "tiers": "Tiers", "scoring": "Scoring", "review": "Review",
          "export": "Export", "audit": "Audit trail", "tenders": "Tenders", "admin": "Accounts and roles",
          "account": "My account"}


@pytest.fixture
def tender(app_db: str, built_once) -> int:
    """Two valid bids, scoring open; one account per role: pat (procurement), chen (chair), 王评委 (judge, declared),
    olga (observer). Made once for the module, copied for each test."""
    return built_once("roles", roles_tender, app_db)


def roles_tender(url: str) -> int:
    store = Store(url)
    admin = admin_of(store)
    tender = chair_tender(store, "角色测试", EXAMPLE_RUBRIC.read_text(encoding="utf-8"), EXAMPLE_RUBRIC.name)
    folder = Path(url.removeprefix("sqlite:///")).parent
    forms = [write_form(folder / "a.xlsx", good_bid(VENDOR_A, name="甲公司")),
             write_form(folder / "b.xlsx", good_bid(VENDOR_B, name="乙公司", rate_per_call=0.6))]
    assert store.import_bids(admin, tender, [(f.name, f.read_bytes()) for f in forms]).ok
    store.open_scoring(admin, tender)
    for user, role in (("pat", Role.PROCUREMENT), ("chen", Role.CHAIR), ("olga", Role.OBSERVER)):
        store.accounts.create_account(admin, user, user, creates_tenders=role is Role.PROCUREMENT)
        store.give_role(admin, tender, user, role)
    seat_judge(store, tender, "王评委")
    store.engine.dispose()
    return tender


MENUS = {  # scoring is open
    "pat": ("results", "bids", "tiers", "review", "export", "audit", "tenders", "admin", "account"),
    "chen": ("results", "tiers", "review", "export", "audit", "account"),
    "王评委": ("scoring", "account"),
    "olga": ("audit", "account"),  # the results once they are final
    "admin": ("results", "bids", "tiers", "review", "export", "audit", "tenders", "admin", "account"),
}


@pytest.mark.parametrize("user", MENUS)
def test_each_role_has_its_pages_in_the_menu_and_no_other(tender, user):
    app = open_app(lang="en", user=user, tender_id=tender)
    assert not app.exception
    assert menu_of(app) == MENUS[user]
    signed_in = next(c.value for c in app.sidebar.caption if c.value.startswith("Signed in: "))
    roles = Store().roles(Actor(Store().accounts.find(user).id, user), tender) if user != "王评委" else {Role.JUDGE}
    assert all(role.value in signed_in for role in roles)  # the roles the sidebar names are the user's own


@pytest.mark.parametrize("user, page", [(user, page) for user, pages in MENUS.items() for page in pages])
def test_each_page_of_each_role_runs(tender, user, page):
    app = open_app(page, lang="en", user=user, tender_id=tender)
    assert not app.exception, app.exception
    assert app.title[0].value == TITLES[page]


@pytest.mark.parametrize("administrator, creates, roles, seat, pages", [
    (False, False, (), None, ("account",)),
    (False, False, (), "blind", ("scoring", "account")),
    (False, False, (), "submitted", ("results", "scoring", "account")),
    (False, True, (), None, ("tenders", "account")),
    # a chair who scores too: no results, exports or audit trail (the panel's scores) until their seat submits
    (False, False, (Role.CHAIR,), "blind", ("tiers", "scoring", "review", "account")),
    (False, False, (Role.CHAIR,), "submitted", ("results", "tiers", "scoring", "review", "export", "audit", "account")),
    # procurement opens scoring (Review), changes the panel (Tiers) and gives roles (Accounts and roles)
    (False, True, (Role.PROCUREMENT,), "blind", ("bids", "tiers", "scoring", "review", "tenders", "admin", "account")),
    (False, False, (Role.OBSERVER,), None, ("audit", "account")),  # the results once they are final
    (True, False, (), None, ("audit", "tenders", "admin", "account")),
])
def test_which_pages_a_user_sees(tender, administrator, creates, roles, seat, pages):
    """What the store says the user may do on the tender (scoring open) decides the pages (``Store.capabilities``)."""
    store = Store()
    admin = admin_of(store)
    account, _ = store.accounts.create_account(admin, "who", "who", administrator, creates, with_password=False)
    for role in roles:
        store.give_role(admin, tender, "who", role)
    who = Actor(account.id, "who", administrator)
    if seat is not None:
        store.give_role(admin, tender, "who", Role.JUDGE, judge_name="席位")
        store.declare(who, tender, {})
    if seat == "submitted":
        for vendor in (VENDOR_A, VENDOR_B):
            store.set_tier(admin, tender, vendor, "ops_plan", "t3")
            store.set_score(who, tender, vendor, "ops_plan", Decimal(12))
            store.set_score(who, tender, vendor, "service_design", Decimal(4))
        store.submit(who, tender)
    assert ws.visible_pages(store.capabilities(who, tender), administrator, creates) == pages


def test_an_observer_sees_the_results_only_once_they_are_final(tender, through_the_entrypoint):
    assert "results" not in menu_of(open_app(lang="en", user="olga", tender_id=tender))
    app = open_page("results", "olga", tender)  # its address says why not yet
    assert not app.exception and not app.dataframe
    assert "an observer reads the result once it is final" in app.info[0].value
    store, admin = Store(), admin_of(Store())
    judge = seat_judge(store, tender, "王评委")
    for vendor in (VENDOR_A, VENDOR_B):
        store.set_tier(admin, tender, vendor, "ops_plan", "t3")
        store.set_score(judge, tender, vendor, "ops_plan", Decimal(12))
        store.set_score(judge, tender, vendor, "service_design", Decimal(4))
    store.submit(judge, tender)
    store.close_scoring(admin, tender)
    store.finalise(admin, tender)
    app = open_app("results", lang="en", user="olga", tender_id=tender)
    assert not app.exception and not app.error
    assert app.title[0].value == TITLES["results"] and app.dataframe


def test_procurement_opens_scoring_changes_the_panel_and_gives_roles(tender):
    """The rights the package gives procurement, each on a page procurement reaches; the chair's own controls are
    not offered there."""
    store = Store()
    pat = Actor(store.accounts.find("pat").id, "pat")
    mine = store.create_tender(pat, "采购人的项目", EXAMPLE_RUBRIC.read_text(encoding="utf-8"), EXAMPLE_RUBRIC.name)
    review = open_app("review", lang="en", user="pat", tender_id=mine)
    review.button(key="review_open").click().run()
    assert not review.exception and not review.error and "Stage: **scoring**" in review.markdown[0].value
    assert not {"review_close", "review_finalise", "review_reopen"} & {b.key for b in review.button}
    tiers = open_app("tiers", lang="en", user="pat", tender_id=mine)
    tiers.text_input(key="tiers_new_judge").set_value("李评委")
    tiers.button(key="tiers_add_judge").click().run()
    assert not tiers.exception and store.judges(pat, mine) == ["李评委"]
    assert {"tiers_remove"} <= {b.key for b in tiers.button}
    assert not {"tiers_sheet_preview_button", "tiers_import"} & {b.key for b in tiers.button}  # the chair's
    roles = open_app("admin", lang="en", user="pat", tender_id=mine)
    assert not roles.exception and roles.subheader[0].value == "Roles on this tender"  # no account of anyone
    roles.text_input(key="admin_give_user").set_value("olga")
    roles.selectbox(key="admin_give_role").set_value("observer")
    roles.button(key="admin_give").click().run()
    assert not roles.error and Role.OBSERVER in store.roles(Actor(store.accounts.find("olga").id, "olga"), mine)
    roles.text_input(key="admin_invite_seat").set_value("赵评委")
    roles.button(key="admin_invite").click().run()
    assert not roles.exception and not roles.error
    judge = store.accounts.redeem(roles.code[0].value, "zhao", "赵评委", "a-password-of-mine").actor
    assert store.my_seat(judge, mine) == "赵评委"


def test_an_observer_verifies_the_audit_and_reads_no_score_before_the_final_result(tender):
    store = Store()
    store.set_score(seat_judge(store, tender, "王评委", declare=False), tender, VENDOR_A, "service_design", Decimal(4))
    app = open_app("audit", lang="en", user="olga", tender_id=tender)
    table = app.dataframe[0].value
    scored = table[table["What"] == "score"]
    assert len(scored) == 1 and list(scored["New value"]) == ["(withheld until the result is final)"]
    app.button(key="audit_verify").click().run()
    assert not app.exception
    assert app.success[0].value.startswith("The audit trail is intact")


def test_the_chair_finalises_only_when_nothing_is_left_and_reopens_with_a_reason(tender):
    store = Store()
    judge = seat_judge(store, tender, "王评委")
    store.set_tier(admin_of(store), tender, VENDOR_A, "ops_plan", "t3")
    store.set_tier(admin_of(store), tender, VENDOR_B, "ops_plan", "t3")
    app = open_app("review", lang="en", user="chen", tender_id=tender)
    assert "Stage: **scoring**" in app.markdown[0].value
    app.button(key="review_close").click().run()  # a judge has not submitted: a reason is needed
    assert "not submitted yet: 王评委; give a reason to close anyway" in app.error[0].value
    for vendor in (VENDOR_A, VENDOR_B):
        store.set_score(judge, tender, vendor, "ops_plan", Decimal(12))
        store.set_score(judge, tender, vendor, "service_design", Decimal(4))
    store.submit(judge, tender)
    app.button(key="review_close").click().run()
    assert not app.exception and "Stage: **review**" in app.markdown[0].value
    app.button(key="review_finalise").click().run()
    assert not app.error
    assert "Stage: **final**, signed by chen" in app.markdown[0].value
    assert store.tender(admin_of(store), tender).finalised_by == "chen"
    app.text_input(key="review_reopen_reason").set_value("")
    app.button(key="review_reopen").click().run()
    assert "reopening needs a reason" in app.error[0].value
    app.text_input(key="review_reopen_reason").set_value("价格复核")
    app.button(key="review_reopen").click().run()
    assert "Stage: **review**" in app.markdown[0].value
    reopened = [e for e in store.events(admin_of(store), tender) if e.action == "stage"][-1]
    assert (reopened.actor, reopened.old_value, reopened.new_value, reopened.reason) == ("chen", "final", "review", "价格复核")


def test_finalising_is_refused_with_every_blocker_listed(tender):
    store = Store()
    store.close_scoring(admin_of(store), tender, "评委缺席")
    app = open_app("review", lang="en", user="chen", tender_id=tender)
    refused = app.warning[0].value
    assert "cannot be finalised" in refused and len(app.warning) == 1
    assert f"panel scores missing for 乙公司 ({VENDOR_B}), 甲公司 ({VENDOR_A})" in refused  # named as the tables name them
    assert "not submitted: 王评委" in refused
    assert app.button(key="review_finalise").disabled  # nothing to click that would only say it again
    assert store.tender(admin_of(store), tender).stage.value == "review"


def test_a_judge_the_chair_closed_on_submits_in_review_and_the_result_can_be_finalised(tender):
    """Found by a tester: closing scoring with a reason while a judge had scored everything but not submitted left
    the tender unfinalisable (not submitted) and the judge with no submit button; only reopening, which unlocked
    everyone's submissions, got out. The judge now signs the scores as they stand in review."""
    store = Store()
    judge = seat_judge(store, tender, "王评委")
    for vendor in (VENDOR_A, VENDOR_B):
        store.set_tier(admin_of(store), tender, vendor, "ops_plan", "t3")
        store.set_score(judge, tender, vendor, "ops_plan", Decimal(12))
        store.set_score(judge, tender, vendor, "service_design", Decimal(4))
    store.close_scoring(admin_of(store), tender, "王评委 left before submitting; he will sign in review")
    scoring = open_app("scoring", lang="en", judge="王评委", tender_id=tender)
    assert "you have not submitted yet: check them and submit below" in scoring.info[0].value
    scoring.checkbox(key="scoring_submit_sure").check().run()
    scoring.button(key="scoring_submit").click().run()
    assert not scoring.exception and not scoring.error
    assert "You submitted your scores" in scoring.success[0].value
    review = open_app("review", lang="en", user="chen", tender_id=tender)
    review.button(key="review_finalise").click().run()
    assert not review.error and store.tender(admin_of(store), tender).stage.value == "final"


def test_procurement_cannot_reach_the_chairs_actions_through_the_store(tender):
    """A page hidden is not the only guard: the store refuses procurement a tier, and the page says why."""
    from bideval.rights import RightRefused

    store = Store()
    pat = store.accounts.find("pat")
    from bideval.rights import Actor

    with pytest.raises(RightRefused) as refused:
        store.set_tier(Actor(pat.id, pat.display_name), tender, VENDOR_A, "ops_plan", "t3")
    assert refused.value.action.value == "set tiers"


@pytest.mark.parametrize("lang, complete, not_final, signed", [
    ("zh", "评分完整：所有评委均已完成评分", "尚未定稿：当前处于“复核”阶段", "已定稿：组长 chen 于"),
    ("en", "Scores complete: every judge has scored every valid bid", "Not final: the tender is in the review stage",
     "Final: signed by the chair, chen, on"),
])
def test_complete_scores_are_not_called_final_until_the_chair_signs(tender, lang, complete, not_final, signed):
    store = Store()
    judge = seat_judge(store, tender, "王评委")
    for vendor in (VENDOR_A, VENDOR_B):
        store.set_tier(admin_of(store), tender, vendor, "ops_plan", "t3")
        store.set_score(judge, tender, vendor, "ops_plan", Decimal(12))
        store.set_score(judge, tender, vendor, "service_design", Decimal(4))
    store.submit(judge, tender)
    chen = open_app("review", lang="en", user="chen", tender_id=tender)
    assert any("Once scoring is closed and the tender is in review" in c.value for c in chen.caption)
    chen.button(key="review_close").click().run()
    app = open_app("results", lang=lang, user="pat", tender_id=tender)
    assert not app.exception and not app.success
    assert complete in app.info[0].value and not_final in app.info[0].value
    chen.button(key="review_finalise").click().run()
    app = open_app("results", lang=lang, user="pat", tender_id=tender)
    assert signed in app.success[0].value


def test_only_the_administrator_sees_where_the_database_is_and_never_its_password(through_the_entrypoint, tender):
    judge = open_app("scoring", lang="en", user="王评委", tender_id=tender)
    assert not judge.exception
    assert not [c for c in judge.sidebar.caption if "Database" in c.value]
    admin = open_app("results", lang="en", tender_id=tender)
    (shown,) = [c.value for c in admin.sidebar.caption if "Database" in c.value]
    assert "sqlite:///" in shown
