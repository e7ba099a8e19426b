"""Signing in, in AppTest: nothing but the sign-in page before it; wrong passwords and the lock; the forced change of a
one-time password; sessions that end (expired, signed out, switched off) said on the sign-in page; invitations;
an organisation's sign-in (OIDC) mapped to an account, with a fake ``st.user``."""
import doctest
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

import signin
from bideval.accounts import MAX_FAILURES, SignInRefused
from bideval.rights import Role
from bideval.schema import utc_now
from bideval.storage import Store
from conftest import EXAMPLE_RUBRIC, VENDOR_A, admin_of, chair_tender, good_bid, open_app, session_token, write_form

PASSWORD = "my-own-password"


@pytest.fixture
def tender(app_db: str, tmp_path: Path) -> int:
    store = Store(app_db)
    tender = chair_tender(store, "登录测试", EXAMPLE_RUBRIC.read_text(encoding="utf-8"), EXAMPLE_RUBRIC.name)
    form = write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, name="甲公司"))
    assert store.import_bids(admin_of(store), tender, [(form.name, form.read_bytes())]).ok
    store.open_scoring(admin_of(store), tender)
    return tender


def one_time(username: str = "wang", name: str = "王评委") -> str:
    """A new account with a one-time password (as the administrator makes it)."""
    store = Store()
    return store.accounts.create_account(admin_of(store), username, name)[1]


def sign_in(app, user: str, password: str):
    app.text_input(key="signin_user").set_value(user)
    app.text_input(key="signin_password").set_value(password)
    app.button(key="signin_submit").click().run()
    assert not app.exception
    return app


@pytest.mark.parametrize("lang, title", [("zh", "登录"), ("en", "Sign in")])
def test_nothing_but_the_sign_in_page_before_signing_in(tender, lang, title):
    app = open_app(lang=lang, user=None, tender_id=tender)
    assert not app.exception
    assert [t.value for t in app.title] == [title]
    assert not app.dataframe and not app.data_editor
    for page in ("results", "bids", "audit", "admin", "scoring"):
        with pytest.raises(ValueError):
            app.switch_page(f"pages/{page}.py")


@pytest.mark.parametrize("lang, wrong", [("zh", "用户名或密码错误"), ("en", "wrong user name or password")])
def test_a_wrong_password_or_user_name_is_refused_alike(tender, lang, wrong):
    one_time()
    app = open_app(lang=lang, user=None)
    assert sign_in(app, "wang", "not the password").error[0].value == wrong
    assert sign_in(app, "nobody", "not the password").error[0].value == wrong
    assert app.title[0].value in ("登录", "Sign in")


def test_wrong_passwords_in_a_row_lock_the_account_until_a_time_said(tender):
    password = one_time()
    app = open_app(lang="en", user=None)
    for _ in range(MAX_FAILURES - 1):
        sign_in(app, "wang", "guess")
    sign_in(app, "wang", "guess")
    said = app.error[0].value
    assert said.startswith("too many wrong passwords: wang is locked until ") and said.endswith(" UTC")
    sign_in(app, "wang", password)  # even the right password, while locked
    assert app.error[0].value == said
    assert app.title[0].value == "Sign in"


def test_a_one_time_password_must_be_changed_first(tender):
    password = one_time()
    Store().give_role(admin_of(Store()), tender, "wang", Role.JUDGE, judge_name="王评委")
    app = sign_in(open_app(lang="en", user=None), "wang", password)
    assert "one-time password" in app.info[0].value
    assert not app.data_editor  # nothing else until the new password is set
    app.text_input(key="signin_old").set_value(password)
    app.text_input(key="signin_new").set_value(PASSWORD)
    app.text_input(key="signin_again").set_value(PASSWORD + "x")
    app.button(key="signin_change").click().run()
    assert app.error[0].value == "The two new passwords differ."
    app.text_input(key="signin_new").set_value("short")
    app.text_input(key="signin_again").set_value("short")
    app.button(key="signin_change").click().run()
    assert "at least 10 characters, found 5" in app.error[0].value
    app.text_input(key="signin_new").set_value(PASSWORD)
    app.text_input(key="signin_again").set_value(PASSWORD)
    app.button(key="signin_change").click().run()
    assert not app.exception
    assert app.title[0].value == "Scoring"  # a judge lands on the declaration and the grid
    assert Store().accounts.sign_in("wang", PASSWORD).must_change_password is False


def expire(token: str, app_db: str) -> None:
    """Twelve hours pass for one session (its expiry moves into the past in the database)."""
    from bideval.accounts import _digest

    with Store(app_db).engine.begin() as connection:
        connection.execute(text("UPDATE web_session SET expires_at = :past WHERE token_hash = :hash"),
                           {"past": utc_now() - timedelta(minutes=1), "hash": _digest(token)})


@pytest.mark.parametrize("how, said", [
    ("expired", "the session has expired: sign in again"),
    ("signed_out_elsewhere", "the session has expired: sign in again"),
    ("switched_off", "the account wang is switched off"),  # its sessions end, and say why
])
def test_a_session_that_ended_says_why_on_the_sign_in_page(tender, app_db, how, said):
    Store().accounts.create_account(admin_of(Store()), "wang", "王评委")
    Store().give_role(admin_of(Store()), tender, "wang", Role.OBSERVER)
    app = open_app(lang="en", user="wang", tender_id=tender)
    assert app.title[0].value == "Audit trail"  # an observer's first page until the result is final
    token = session_token("wang")
    if how == "expired":
        expire(token, app_db)
    elif how == "signed_out_elsewhere":
        Store().accounts.sign_out(token)
    else:
        Store().accounts.set_active(admin_of(Store()), "wang", False)
    app.run()
    assert not app.exception
    assert app.title[0].value == "Sign in"
    assert app.warning[0].value == said
    app.run()
    assert not app.warning  # said once
    if how == "switched_off":
        assert sign_in(app, "wang", "chosen-in-tests").error[0].value == "the account wang is switched off"
        Store().accounts.set_active(admin_of(Store()), "wang", True)  # on again: the ended session stays ended
        with pytest.raises(SignInRefused) as refused:
            Store().accounts.actor(token)
        assert refused.value.reason == "expired"


def test_signing_out_ends_the_session(tender):
    app = open_app(lang="en", tender_id=tender)
    token = app.session_state["signin_token"]
    app.button(key="signout").click().run()
    assert not app.exception
    assert app.title[0].value == "Sign in"
    with pytest.raises(SignInRefused):
        Store().accounts.actor(token)


@pytest.mark.parametrize("lang, accept", [("zh", "接受评标邀请"), ("en", "Accept your invitation")])
def test_an_invitation_link_makes_the_judges_account_and_seats_them(tender, lang, accept):
    code = Store().accounts.invite(admin_of(Store()), tender, Role.JUDGE, "李评委")
    from streamlit.testing.v1 import AppTest
    from conftest import ROOT

    app = AppTest.from_file(str(ROOT / "bid_eval.py"), default_timeout=120)
    app.session_state["lang"] = lang
    app.query_params["invite"] = code
    app.run()
    assert app.subheader[0].value == accept
    assert app.text_input(key="signin_code").value == code
    app.text_input(key="signin_new_user").set_value("li")
    app.text_input(key="signin_new_name").set_value("李四")
    app.text_input(key="signin_invited_new").set_value(PASSWORD)
    app.text_input(key="signin_invited_again").set_value(PASSWORD)
    app.button(key="signin_redeem").click().run()
    assert not app.exception
    assert app.title[0].value == ("评委打分" if lang == "zh" else "Scoring")
    store = Store()
    li = store.accounts.find("li")
    assert li.display_name == "李四" and store.roles(signin_actor(app), tender) == {Role.JUDGE}
    assert "invite" not in app.query_params
    again = AppTest.from_file(str(ROOT / "bid_eval.py"), default_timeout=120)
    again.query_params["invite"] = code
    again.session_state["lang"] = "en"
    again.run()
    again.text_input(key="signin_new_user").set_value("li2")
    again.text_input(key="signin_new_name").set_value("李五")
    again.text_input(key="signin_invited_new").set_value(PASSWORD)
    again.text_input(key="signin_invited_again").set_value(PASSWORD)
    again.button(key="signin_redeem").click().run()
    assert "this invitation code is unknown, used or expired" in again.error[0].value  # once only


def signin_actor(app):
    return Store().accounts.actor(app.session_state["signin_token"])


# -- an organisation's sign-in (OIDC): the branch and the mapping, without a provider

AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32, "client_id": "bid-eval",
        "client_secret": "s", "server_metadata_url": "https://login.example.org/.well-known/openid-configuration"}


@pytest.mark.parametrize("secrets, providers", [
    ({}, []),
    ({"auth": {"redirect_uri": "x", "cookie_secret": "y"}}, []),
    ({"auth": AUTH}, [None]),
    ({"auth": {"redirect_uri": "x", "cookie_secret": "y", "microsoft": {"client_id": "a"}, "google": {"client_id": "b"}}},
     ["google", "microsoft"]),
])
def test_the_sign_in_method_follows_the_secrets(secrets, providers):
    assert signin.oidc_providers(secrets) == providers


def test_an_external_identity_maps_to_the_account_by_e_mail_then_by_subject(app_db):
    store = Store(app_db)
    store.accounts.create_account(admin_of(store), "wang", "王评委", email="Wang@Example.org", with_password=False)
    assert signin.external_actor(store.accounts, {"is_logged_in": False}) is None
    who = signin.external_actor(store.accounts, {"is_logged_in": True, "sub": "oidc|42", "email": "wang@example.org"})
    assert who.name == "王评委"
    assert store.accounts.find("wang").external_subject == "oidc|42"  # linked at first use
    assert signin.external_actor(store.accounts, {"is_logged_in": True, "sub": "oidc|42"}) == who
    with pytest.raises(SignInRefused) as refused:
        signin.external_actor(store.accounts, {"is_logged_in": True, "sub": "oidc|7", "email": "zhao@example.org"})
    assert refused.value.reason == "unknown_identity"


def test_with_a_provider_the_sign_in_page_offers_it_and_its_identity_signs_in(tender):
    from streamlit.testing.v1 import AppTest
    from conftest import ROOT

    Store().accounts.create_account(admin_of(Store()), "olga", "Olga", email="olga@example.org", with_password=False)
    Store().give_role(admin_of(Store()), tender, "olga", Role.OBSERVER)
    app = AppTest.from_file(str(ROOT / "bid_eval.py"), default_timeout=120)
    app.secrets["auth"] = AUTH
    app.session_state["lang"] = "en"
    app.user = {"is_logged_in": False}
    app.run()
    assert not app.exception
    assert app.button(key="signin_oidc_default").label == "Sign in with your organisation"
    assert app.text_input(key="signin_user")  # local sign-in stays for the administrator
    app.user = {"is_logged_in": True, "sub": "oidc|olga", "email": "olga@example.org"}
    app.run()
    assert not app.exception
    assert app.title[0].value == "Audit trail"  # an observer: the audit trail, until the result is final
    app.user = {"is_logged_in": True, "sub": "oidc|stranger", "email": "stranger@example.org"}
    app.run()
    assert app.title[0].value == "Sign in"
    assert "no account for stranger@example.org" in app.warning[0].value


def test_the_sign_in_helpers_examples():
    assert doctest.testmod(signin).failed == 0
