"""The administrator's page in AppTest: accounts with one-time passwords shown once, resetting, switching off,
roles given and taken per tender, invitations with their link; procurement gets the roles of its tender only."""
from pathlib import Path

import pytest

from bideval.accounts import SignInRefused
from bideval.errors import BidEvalError
from bideval.rights import Role
from bideval.storage import Store
from conftest import EXAMPLE_RUBRIC, admin_of, chair_tender, open_app


@pytest.fixture
def tender(app_db: str, through_the_entrypoint) -> int:
    return chair_tender(Store(app_db), "账户测试", EXAMPLE_RUBRIC.read_text(encoding="utf-8"), EXAMPLE_RUBRIC.name)


def accounts_table(app):
    return app.dataframe[0].value


def test_a_new_account_gets_a_one_time_password_shown_once(tender):
    app = open_app("admin", lang="en", tender_id=tender)
    assert list(accounts_table(app).iloc[:, 0]) == ["admin"]
    app.text_input(key="admin_new_user").set_value("wang")
    app.text_input(key="admin_new_name").set_value("王评委")
    app.button(key="admin_create").click().run()
    assert not app.exception
    assert app.success[0].value.startswith("Account wang created.")
    password = app.code[0].value
    assert Store().accounts.sign_in("wang", password).must_change_password
    assert "wang" in list(accounts_table(app).iloc[:, 0])
    app.run()
    assert not app.code and not app.success  # shown once: stored only hashed


def test_a_taken_user_name_is_refused_in_the_ui_language(tender):
    app = open_app("admin", lang="zh", tender_id=tender)
    app.text_input(key="admin_new_user").set_value("admin")
    app.text_input(key="admin_new_name").set_value("王评委")
    app.button(key="admin_create").click().run()
    assert "用户名“admin”已被使用" in app.error[0].value


def test_reset_switch_off_and_on(tender):
    store = Store()
    store.accounts.create_account(admin_of(store), "wang", "王评委")
    app = open_app("admin", lang="en", tender_id=tender)
    app.selectbox(key="admin_pick").set_value("wang").run()
    app.button(key="admin_reset").click().run()
    new = app.code[0].value
    assert Store().accounts.sign_in("wang", new).must_change_password
    app.selectbox(key="admin_pick").set_value("wang").run()
    app.button(key="admin_off").click().run()
    with pytest.raises(SignInRefused) as refused:
        Store().accounts.sign_in("wang", new)
    assert refused.value.reason == "inactive"
    app.selectbox(key="admin_pick").set_value("wang").run()
    app.button(key="admin_on").click().run()
    assert Store().accounts.find("wang").active


def test_roles_are_given_and_taken_per_tender(tender):
    store = Store()
    store.accounts.create_account(admin_of(store), "chen", "陈组长")
    store.accounts.create_account(admin_of(store), "wang", "王评委")
    app = open_app("admin", lang="en", tender_id=tender)
    app.selectbox(key="admin_give_user").set_value("chen")
    app.selectbox(key="admin_give_role").set_value("chair")
    app.button(key="admin_give").click().run()
    app.selectbox(key="admin_give_user").set_value("wang")
    app.selectbox(key="admin_give_role").set_value("judge")
    app.text_input(key="admin_give_seat").set_value("王评委")
    app.button(key="admin_give").click().run()
    assert not app.exception and not app.error
    members = app.dataframe[1].value
    assert ("chen", "chair") in set(zip(members.iloc[:, 0], members.iloc[:, 2]))
    assert ("wang", "judge (王评委)") in set(zip(members.iloc[:, 0], members.iloc[:, 2]))
    assert Store().judges(admin_of(Store()), tender) == ["王评委"]
    app.selectbox(key="admin_take_pick").set_value(("chen", "chair")).run()
    app.button(key="admin_take").click().run()
    chen = Store().accounts.find("chen")
    from bideval.rights import Actor

    assert Store().roles(Actor(chen.id, chen.display_name), tender) == frozenset()


def test_a_judge_is_offered_only_while_the_panel_may_change(tender):
    store = Store()
    store.open_scoring(admin_of(store), tender)
    store.close_scoring(admin_of(store), tender, "评审开始")
    app = open_app("admin", lang="en", tender_id=tender)
    assert not app.exception
    for key in ("admin_give_role", "admin_invite_role"):
        assert app.selectbox(key=key).options == ["procurement", "chair", "observer"]
    assert "Invite a member" in [s.value for s in app.subheader]  # not "a judge", and no panel seat asked for
    assert "admin_invite_seat" not in [w.key for w in app.text_input]


@pytest.mark.parametrize("form", ["give", "invite"])
@pytest.mark.parametrize("typed", ["\u200b", "\ufeff", " \u200b\u3000"])
def test_a_seat_name_with_nothing_left_is_refused_as_adding_the_judge_refuses_it(tender, form, typed):
    """A zero-width space or a byte-order mark survives the page's strip(): giving the judge's role seated a judge
    named '' (and the next such judge was told the seat '' was taken), while adding the same seat was refused with
    "a judge needs a name". Every way of making a seat now refuses it alike, with the same code and data."""
    store = Store()
    admin = admin_of(store)
    store.accounts.create_account(admin, "wang", "王评委")
    with pytest.raises(BidEvalError) as added:
        store.add_judge(admin, tender, typed)
    with pytest.raises(BidEvalError) as given:
        if form == "give":
            store.give_role(admin, tender, "wang", Role.JUDGE, judge_name=typed)
        else:
            store.accounts.invite(admin, tender, Role.JUDGE, typed)
    assert (given.value.code, given.value.data) == (added.value.code, added.value.data) == ("store.judge_needs_name", {})
    app = open_app("admin", lang="zh", tender_id=tender)
    if form == "give":
        app.selectbox(key="admin_give_user").set_value("wang")
        app.selectbox(key="admin_give_role").set_value("judge")
        app.text_input(key="admin_give_seat").set_value(typed)
        app.button(key="admin_give").click().run()
    else:
        app.text_input(key="admin_invite_seat").set_value(typed)
        app.button(key="admin_invite").click().run()
    assert not app.exception and [e.value for e in app.error] == ["评委须有姓名"] and not app.code
    assert store.judges(admin, tender) == []


def test_an_invitation_shows_its_code_and_link_once(tender):
    app = open_app("admin", lang="en", tender_id=tender)
    app.text_input(key="admin_invite_seat").set_value("李评委")
    app.button(key="admin_invite").click().run()
    assert not app.exception
    code, link = app.code[0].value, app.code[1].value
    assert link.endswith(f"?invite={code}")
    signed = Store().accounts.redeem(code, "li", "李四", "a-password-of-mine")
    assert Store().roles(signed.actor, tender) == {Role.JUDGE}
    app.run()
    assert not app.code


def test_a_judges_invitation_needs_its_seat(tender):
    app = open_app("admin", lang="en", tender_id=tender)
    app.button(key="admin_invite").click().run()
    assert app.error[0].value == "Name the panel seat."


def test_procurement_has_the_roles_of_its_tender_only_and_a_judge_not_the_page(tender):
    """Procurement gives roles on its tender (Store.capabilities: GIVE_ROLES): the page shows it that tender's roles,
    never the accounts; a judge has no page here."""
    store = Store()
    store.accounts.create_account(admin_of(store), "pat", "pat", creates_tenders=True)
    store.give_role(admin_of(store), tender, "pat", Role.PROCUREMENT)
    store.accounts.create_account(admin_of(store), "wang", "王评委")
    store.give_role(admin_of(store), tender, "wang", Role.JUDGE)
    app = open_app("admin", lang="en", user="pat", tender_id=tender)
    assert not app.exception and [s.value for s in app.subheader] == ["Roles on this tender", "Invite a judge"]
    assert len(app.dataframe) == 1 and "admin_pick" not in {s.key for s in app.selectbox}
    judge = open_app(lang="en", user="wang", tender_id=tender)
    with pytest.raises(ValueError):
        judge.switch_page("pages/admin.py")
