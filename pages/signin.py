"""登录 / Sign in: the only page anyone sees before signing in.

A local account signs in with its user name and password (five wrong passwords in a row lock it for a while;
the page says until when); an account whose password is one-time (the administrator's first, a new or reset
account's) chooses its own before anything else; an invitation code (in the link ``?invite=CODE`` or typed)
makes a judge's account with the name and password they choose. Where an OIDC provider is configured, its
sign-in button comes first. Whatever ended a session (it expired, it was signed out elsewhere, the account was
switched off) is said here.
"""
from __future__ import annotations

import streamlit as st

import signin
import workspace as ws
from bideval.accounts import SignedIn
from bideval.errors import BidEvalError

INVITE_PARAM = "invite"


def remember(signed: SignedIn) -> None:
    """Keep a new session and open the app on it."""
    signin.remember(signed)
    st.query_params.pop(INVITE_PARAM, None)
    st.rerun()


def sign_in_form() -> None:
    tr = ws.tr
    with st.form("signin_form"):
        user = st.text_input(tr("用户名", "User name"), key="signin_user", autocomplete="username")
        password = st.text_input(tr("密码", "Password"), type="password", key="signin_password",
                                 autocomplete="current-password")
        pressed = st.form_submit_button(tr("登录", "Sign in"), type="primary", key="signin_submit")
    if pressed:
        try:
            signed = ws.store().accounts.sign_in(user, password)
        except BidEvalError as refused:
            ws.show_error(refused)
        else:
            remember(signed)


def change_password_form(token: str) -> None:
    """The first sign-in of an account with a one-time password: it chooses its own before anything else."""
    tr = ws.tr
    st.info(tr("这是一次性密码。请设置您自己的新密码后继续。", "This is a one-time password. Choose your own password to "
               "go on."), icon=":material/key:")
    with st.form("signin_change_form"):
        old = st.text_input(tr("一次性密码", "One-time password"), type="password", key="signin_old",
                            autocomplete="current-password")
        new, again = ws.new_password_fields("signin")
        pressed = st.form_submit_button(tr("设置新密码", "Set my password"), type="primary", key="signin_change")
    if st.button(tr("返回登录", "Back to sign in"), key="signin_back"):
        ws.sign_out()
        st.rerun()
    if not pressed or ws.passwords_differ(new, again):
        return
    try:
        ws.store().accounts.change_password(token, old, new)
    except BidEvalError as refused:
        ws.show_error(refused)
    else:
        st.rerun()


def redeem_form(code: str) -> None:
    """A judge's invitation: the code, and the user name, name and password they choose."""
    tr = ws.tr
    with st.form("signin_redeem_form"):
        typed = st.text_input(tr("邀请码", "Invitation code"), value=code, key="signin_code")
        user = st.text_input(tr("用户名（登录用）", "User name (to sign in with)"), key="signin_new_user",
                             autocomplete="username")
        name = st.text_input(tr("姓名（显示在评标委员会名单和审计记录中）", "Your name (as the panel and the audit trail show it)"),
                             key="signin_new_name")
        password, again = ws.new_password_fields("signin_invited")
        pressed = st.form_submit_button(tr("接受邀请", "Accept the invitation"), type="primary", key="signin_redeem")
    if not pressed or ws.passwords_differ(password, again):
        return
    try:
        signed = ws.store().accounts.redeem(typed, user, name, password)
    except BidEvalError as refused:
        ws.show_error(refused)
    else:
        remember(signed)


def providers(names: list[str | None]) -> None:
    """One button per OIDC provider configured in secrets.toml (st.login)."""
    tr = ws.tr
    for name in names:
        label = tr("使用单位账号登录", "Sign in with your organisation") + (f" ({name})" if name else "")
        if st.button(label, key=f"signin_oidc_{name or 'default'}", type="primary", icon=":material/badge:"):
            st.login(name) if name else st.login()


def main() -> None:
    ws.enter_page("signin", needs_sign_in=False)
    if ws.check_sign_in() is not None:  # signed in: a run of this file alone (a test's rerun) goes to the app
        st.switch_page("bid_eval.py")
    tr = ws.tr
    st.title(tr("登录", "Sign in"))
    notice = st.session_state.pop(signin.NOTICE, None)
    if notice is not None:
        st.warning("\n\n".join(ws.error_markdown(notice)), icon=":material/logout:")
    token = st.session_state.get(signin.TOKEN)
    if token:
        change_password_form(token)
        return
    oidc = signin.oidc_providers(signin.secrets_of(st.secrets))
    if oidc:
        if st.user.is_logged_in:  # signed in at the provider, but no account is mapped to that identity
            if st.button(tr("退出单位账号", "Sign out of the organisation account"), key="signin_oidc_logout"):
                st.logout()
        else:
            providers(oidc)
        st.caption(tr("没有单位账号的用户（如首次启动时的管理员）可在下方用本系统的账户登录。",
                      "People without an organisation account (such as the administrator at first start) sign in "
                      "below with an account of this app."))
    code = st.query_params.get(INVITE_PARAM, "")
    if code:
        st.subheader(tr("接受评标邀请", "Accept your invitation"))
        redeem_form(code)
        with st.expander(tr("已有账户？登录", "Already have an account? Sign in")):
            sign_in_form()
    else:
        sign_in_form()
        with st.expander(tr("我有邀请码", "I have an invitation code")):
            redeem_form("")
    st.caption(tr("首次启动时，管理员 admin 的一次性密码打印在启动服务器的终端（服务器日志）中。",
                  "At first start, the administrator admin's one-time password is printed in the terminal that "
                  "started the server (the server log)."))


if __name__ == "__main__":
    main()
