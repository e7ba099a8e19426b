"""我的账户 / My account: who you are signed in as, your roles on the tender in hand, your password."""
from __future__ import annotations

import streamlit as st

import signin
import workspace as ws
from bideval.errors import BidEvalError
from bideval.rights import ROLE_NAMES_ZH


def main() -> None:
    ws.enter_page("account")
    tr = ws.tr
    who = ws.actor()
    store = ws.store()
    st.title(tr("我的账户", "My account"))
    account = store.accounts.account_of(who)
    tender = ws.tender_id()
    may = ws.capabilities(tender) if tender is not None else None  # the roles and seat the run has read already
    roles = may.roles if may is not None else frozenset()
    held = tr("、", ", ").join(ROLE_NAMES_ZH[r] if ws.lang() == "zh" else r.value for r in sorted(roles, key=lambda r: r.value))
    st.markdown(tr("**姓名**：", "**Name**: ") + ws.markdown_text(who.name) + "  \n"
                + tr("**用户名**：", "**User name**: ") + ws.markdown_text(account.username if account else "") + "  \n"
                + tr("**本项目中的角色**：", "**Roles on this tender**: ") + (held or tr("无", "none"))
                + (tr("  \n**管理员**", "  \n**Administrator**") if who.administrator else ""))
    seat = may.seat if may is not None else None
    if seat is not None:
        st.markdown(tr(f"**评委席位**：{ws.markdown_text(seat.name)}", f"**Panel seat**: {ws.markdown_text(seat.name)}"))
    if not tender and not who.administrator:
        st.info(tr("您还没有参与任何招标项目。项目的采购人或管理员给您分配角色后，它会出现在侧栏。",
                   "You hold no role on any tender yet. It appears in the sidebar once the tender's procurement "
                   "officer or the administrator gives you one."))
    token = st.session_state.get(signin.TOKEN)
    if not token:
        st.caption(tr("您通过单位账号登录，密码由单位管理。", "You signed in with your organisation's account; it manages "
                      "your password."))
        return
    st.subheader(tr("修改密码", "Change my password"))
    with st.form("account_password_form", clear_on_submit=True):
        old = st.text_input(tr("当前密码", "Current password"), type="password", key="account_old",
                            autocomplete="current-password")
        new, again = ws.new_password_fields("account")
        pressed = st.form_submit_button(tr("修改密码", "Change my password"), key="account_change")
    if pressed and not ws.passwords_differ(new, again):
        try:
            store.accounts.change_password(token, old, new)
        except BidEvalError as refused:
            ws.show_error(refused)
        else:
            st.success(tr("密码已修改；您在其他设备上的登录已结束。", "Password changed; your sessions elsewhere have ended."))


if __name__ == "__main__":
    main()
