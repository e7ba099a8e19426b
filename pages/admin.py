"""账户与角色 / Accounts and roles: for the administrator, every account; a new account with its one-time password;
resetting a password, switching an account off or on, linking an organisation sign-in; the roles people hold on
each tender; invitations for judges (a code and a link, shown once). For a tender's procurement officer, the roles
on the tender in hand: giving and taking them by user name, and invitations.

Every action is a call to ``store.accounts`` or the store, which refuse it unless the signed-in user may (accounts:
the administrator; roles: the administrator or the tender's procurement officer, in a stage that gives roles); a
one-time password or code is shown once, right after it is made, and is stored only hashed.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

import signin
import workspace as ws
from bideval.accounts import AccountRefused
from bideval.errors import BidEvalError
from bideval.rights import ROLE_NAMES_ZH, Action, Role

SECRET = "admin_secret"  # st.session_state: (what it is, the secret) to show once


def role_name(role: Role) -> str:
    return ROLE_NAMES_ZH[role] if ws.lang() == "zh" else role.value


def show_secret() -> None:
    """The one-time password or invitation just made, once: it is stored only hashed and never shown again."""
    shown = st.session_state.pop(SECRET, None)
    if shown is None:
        return
    what, secret, link = shown
    st.success(what, icon=":material/key:")
    st.code(secret, language=None)
    if link:
        st.markdown(ws.tr("邀请链接（评委打开后设置姓名和密码）：", "Invitation link (the judge opens it and chooses a name "
                          "and password):"))
        st.code(link, language=None)
    st.caption(ws.tr("只显示这一次：请现在复制并交给本人。", "Shown this once only: copy it now and hand it over."))


def accounts_section(admin) -> list[str]:
    """The accounts table; returns the user names."""
    tr = ws.tr
    accounts = ws.store().accounts.accounts(admin)
    st.dataframe(pd.DataFrame({
        tr("用户名", "User name"): [a.username for a in accounts],
        tr("姓名", "Name"): [a.display_name for a in accounts],
        tr("管理员", "Administrator"): [a.administrator for a in accounts],
        tr("可新建项目", "Creates tenders"): [a.creates_tenders for a in accounts],
        tr("启用", "Active"): [a.active for a in accounts],
        tr("须改密码", "Must change password"): [a.must_change_password for a in accounts],
        tr("锁定至（UTC）", "Locked until (UTC)"): [f"{a.locked_until:%Y-%m-%d %H:%M}" if a.locked_until else ""
                                                  for a in accounts],
        tr("电子邮箱", "E-mail"): [a.email or "" for a in accounts],
        tr("单位账号", "Organisation sign-in"): [a.external_subject or "" for a in accounts],
    }), hide_index=True, width="stretch", key="admin_accounts")
    return [a.username for a in accounts]


def new_account(admin) -> None:
    tr = ws.tr
    with st.form("admin_new_form", clear_on_submit=True):
        user, name, email = st.columns(3)
        username = user.text_input(tr("用户名", "User name"), key="admin_new_user")
        display = name.text_input(tr("姓名", "Name"), key="admin_new_name")
        mail = email.text_input(tr("电子邮箱（可选，用于单位账号登录）", "E-mail (optional; for an organisation sign-in)"),
                                key="admin_new_email")
        creates = st.checkbox(tr("可新建招标项目（采购人）", "May create tenders (procurement)"), key="admin_new_creates")
        administrator = st.checkbox(tr("管理员", "Administrator"), key="admin_new_admin")
        pressed = st.form_submit_button(tr("新建账户", "Create the account"), type="primary", key="admin_create")
    if pressed:
        try:
            account, password = ws.store().accounts.create_account(admin, username, display, administrator, creates,
                                                                   mail.strip() or None)
        except BidEvalError as error:
            ws.show_error(error)
            return
        st.session_state[SECRET] = (tr(f"已新建账户 {account.username}。一次性密码（首次登录时须修改）：",
                                       f"Account {account.username} created. Its one-time password (changed at "
                                       "the first sign-in):"), password, "")
        st.rerun()


def account_actions(admin, usernames: list[str]) -> None:
    tr = ws.tr
    accounts = ws.store().accounts
    picked = st.selectbox(tr("账户", "Account"), usernames, key="admin_pick", index=None,
                          placeholder=tr("选择账户", "Choose an account"))
    reset, off, on = st.columns(3)
    try:
        if reset.button(tr("重置密码", "Reset the password"), key="admin_reset", disabled=picked is None,
                        help=tr("生成新的一次性密码，结束该账户的所有登录并解除锁定", "A new one-time password; ends the "
                                "account's sessions and unlocks it")):
            password = accounts.reset_password(admin, picked)
            st.session_state[SECRET] = (tr(f"{picked} 的新一次性密码（首次登录时须修改）：",
                                           f"{picked}'s new one-time password (changed at the next sign-in):"),
                                        password, "")
            st.rerun()
        if off.button(tr("停用", "Switch off"), key="admin_off", disabled=picked is None,
                      help=tr("停用后不能登录，其登录立即结束；记录保留", "It can no longer sign in and its sessions end; "
                              "its records stay")):
            accounts.set_active(admin, picked, False)
            st.rerun()
        if on.button(tr("启用", "Switch on"), key="admin_on", disabled=picked is None):
            accounts.set_active(admin, picked, True)
            st.rerun()
    except BidEvalError as error:
        ws.show_error(error)
    with st.expander(tr("关联单位账号（OIDC）", "Link an organisation sign-in (OIDC)")):
        st.caption(tr("单位账号首次登录时，按电子邮箱自动关联；也可在此填写提供方的用户标识（sub）。",
                      "An organisation sign-in is linked by e-mail at its first use; or enter the provider's subject "
                      "(sub) here."))
        with st.form("admin_link_form", clear_on_submit=True):
            subject = st.text_input(tr("用户标识（sub）", "Subject (sub)"), key="admin_link_subject")
            mail = st.text_input(tr("电子邮箱", "E-mail"), key="admin_link_email")
            pressed = st.form_submit_button(tr("关联", "Link"), key="admin_link", disabled=picked is None)
        if pressed and picked:
            try:
                accounts.link_external(admin, picked, subject.strip() or None, mail.strip() or None)
            except BidEvalError as error:
                ws.show_error(error)


def roles_section(admin, usernames: list[str]) -> None:
    """The administrator's choice of tender (any), and the roles on it."""
    tenders = ws.store().tenders(admin)
    if not tenders:
        st.info(ws.tr("还没有招标项目。", "No tender yet."))
        return
    names = {t.id: f"{t.name} · #{t.id}" for t in tenders}
    ids = list(names)
    current = ws.tender_id()
    tender = st.selectbox(ws.tr("招标项目", "Tender"), ids, key="admin_tender", format_func=names.get,
                          index=ids.index(current) if current in ids else 0)
    tender_roles(admin, tender, names[tender], usernames)


def tender_roles(giver, tender: int, tender_name: str, usernames: list[str] | None) -> None:
    """The people on one tender and their roles; giving and taking roles, and invitations, when the giver may now
    (``Store.capabilities``: the administrator or the tender's procurement officer, in a stage that gives roles).
    ``usernames``: the accounts to choose from (the administrator's list); None: the user name is typed."""
    tr = ws.tr
    store = ws.store()
    members = store.members(giver, tender)
    if members:
        st.dataframe(pd.DataFrame({
            tr("用户名", "User name"): [m[0] for m in members],
            tr("姓名", "Name"): [m[1] for m in members],
            tr("角色", "Role"): [role_text(m[2]) for m in members],
        }), hide_index=True, width="stretch", key="admin_members")
    else:
        st.info(tr("本项目中还没有人担任角色。", "Nobody holds a role on this tender yet."))
    may = ws.capabilities(tender)
    if not ws.offered(may, Action.GIVE_ROLES):
        return
    roles = [r.value for r in Role if r in may.givable]  # a judge's seat only while the stage lets the panel change
    role_names = {r.value: role_name(r) for r in Role}  # worded now: the widget formats its options later
    with st.form("admin_give_form", clear_on_submit=True):
        who, role, seat = st.columns(3)
        if usernames is None:
            user = who.text_input(tr("用户名", "User name"), key="admin_give_user").strip() or None
        else:
            user = who.selectbox(tr("账户", "Account"), usernames, key="admin_give_user", index=None,
                                 placeholder=tr("选择账户", "Choose an account"))
        given = role.selectbox(tr("角色", "Role"), roles, key="admin_give_role", format_func=role_names.get)
        seat_name = seat.text_input(tr("评委席位名（评委；默认为账户姓名）", "Panel seat (judge; default: the account's name)"),
                                    key="admin_give_seat")
        give = st.form_submit_button(tr("分配角色", "Give the role"), type="primary", key="admin_give")
    if give:
        try:
            if user is None:
                raise AccountRefused("username", "username_needed")
            store.give_role(giver, tender, user, Role(given), judge_name=seat_name or None)
            st.rerun()
        except BidEvalError as error:
            ws.show_error(error)
    if members:
        held = [(m[0], m[2]) for m in members]
        take_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
        shown = {m: f"{m[0]} · {role_text(m[1])}" for m in held}
        taken = take_col.selectbox(tr("收回角色", "Take a role back"), held, key="admin_take_pick", index=None,
                                   format_func=shown.get, placeholder=tr("选择人员和角色", "Choose a person and role"))
        if button_col.button(tr("收回", "Take back"), key="admin_take", disabled=taken is None, width="stretch"):
            try:
                store.take_role(giver, tender, taken[0], Role(taken[1].split()[0]))
                st.rerun()
            except BidEvalError as error:
                ws.show_error(error)

    seats = Role.JUDGE.value in roles  # a judge's seat only while the stage lets the panel change
    if seats:
        st.subheader(tr("邀请评委", "Invite a judge"))
        st.caption(tr("邀请码七天内有效，只能使用一次；评委打开链接后自行设置用户名、姓名和密码，并占用下面填写的评委席位。",
                      "A code works once, within seven days; the judge opens the link, chooses a user name, name and "
                      "password, and takes the panel seat named here."))
    else:
        st.subheader(tr("邀请成员", "Invite a member"))
        st.caption(tr("邀请码七天内有效，只能使用一次；受邀人打开链接后自行设置用户名、姓名和密码。此阶段不能再增加评委。",
                      "A code works once, within seven days; the person invited opens the link and chooses a user name, "
                      "name and password. No judge can be added in this stage."))
    with st.form("admin_invite_form", clear_on_submit=True):
        seat_col, role_col = st.columns(2)
        seat_name = seat_col.text_input(tr("评委席位名（如 王评委）", "Panel seat (such as Judge Wang)"),
                                        key="admin_invite_seat") if seats else ""
        picked = role_col.selectbox(tr("角色", "Role"), roles, key="admin_invite_role", format_func=role_names.get,
                                    index=roles.index(Role.JUDGE.value) if Role.JUDGE.value in roles else 0)
        invite = st.form_submit_button(tr("生成邀请", "Make the invitation"), type="primary", key="admin_invite")
    if invite:
        role = Role(picked)
        if role is Role.JUDGE and not seat_name:
            st.error(tr("请填写评委席位名。", "Name the panel seat."))
            return
        try:
            code = store.accounts.invite(giver, tender, role, seat_name or None)
        except BidEvalError as error:
            ws.show_error(error)
            return
        link = signin.invite_link(st.context.url, st.get_option("server.baseUrlPath") or "", code)
        st.session_state[SECRET] = (tr(f"邀请码（{role_name(role)}，{tender_name}）：",
                                       f"Invitation code ({role_name(role)}, {tender_name}):"), code, link)
        st.rerun()


def role_text(role: str) -> str:
    """A member's role as ``Store.members`` gives it (``chair``, ``judge 王评委``), in the UI language."""
    kind, _, seat = role.partition(" ")
    name = role_name(Role(kind))
    return f"{name}（{seat}）" if seat and ws.lang() == "zh" else f"{name} ({seat})" if seat else name


def main() -> None:
    ws.enter_page("admin")
    tr = ws.tr
    who = ws.actor()
    st.title(tr("账户与角色", "Accounts and roles"))
    if not who.administrator:  # the tender's procurement officer: the roles on the tender in hand
        tender = ws.require_tender()
        show_secret()
        st.subheader(tr("项目角色", "Roles on this tender"))
        tender_roles(who, tender, f"{ws.tender_name()} · #{tender}", None)
        return
    show_secret()
    st.subheader(tr("账户", "Accounts"))
    usernames = accounts_section(who)
    with st.expander(tr("新建账户", "New account"), expanded=False):
        new_account(who)
    st.subheader(tr("管理账户", "Manage an account"))
    account_actions(who, usernames)
    st.divider()
    st.subheader(tr("项目角色", "Roles on a tender"))
    roles_section(who, usernames)


if __name__ == "__main__":
    main()
