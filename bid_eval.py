"""bid-eval: the Streamlit app. Signs the user in, keeps the tender in hand, and builds the navigation their roles
on it allow and the shared sidebar; pages live in pages/."""
import streamlit as st

import signin
import workspace as ws
from bideval import messages
from bideval.errors import BidEvalError
from bideval.rights import ROLE_NAMES_ZH
from bideval.database import shown_url
from bideval.storage import database_url

st.set_page_config(page_title="bid-eval 评标", page_icon="📊", layout="wide")
st.session_state.app_entry = True
ws.init_state()
ws.follow_address()
if "goto" in st.query_params:  # set by ws.enter_page for a page opened by its address on a fresh server
    st.session_state.signin_goto = st.query_params["goto"]
    del st.query_params["goto"]

with st.sidebar:
    # The language lives in its own key, the radio in another: Streamlit drops a widget's state when the page
    # changes under it (signing in does), and the language chosen on the sign-in page must survive that.
    st.session_state.lang_pick = st.session_state.lang
    st.radio("语言 / Language", ["zh", "en"], key="lang_pick", horizontal=True,
             format_func=lambda code: "中文" if code == "zh" else "English",
             on_change=lambda: st.session_state.update(lang=st.session_state.lang_pick))
    ws.keep_lang_in_address()
    signin.write_cookie()
who = ws.check_sign_in()

if who is None:  # nothing but the sign-in page renders, at every page's address: the page asked for opens once
    # signed in (an address the navigation does not know would be "Page not found" and lose the way there)
    signing_in = ws.tr("登录", "Sign in")
    st.navigation([st.Page("pages/signin.py", title=signing_in, icon=":material/login:", default=True)]
                  + [st.Page("pages/signin.py", title=signing_in, url_path=page.name) for page in ws.PAGES],
                  position="hidden").run()
    st.stop()

store = ws.store()
tenders = store.tenders(who)
ids = [t.id for t in tenders]
unknown = st.session_state.tender_id if st.session_state.tender_id not in (None, *ids) else None
if unknown is not None:  # a deep link to a tender this user holds no role on: said, never swapped for another
    st.session_state.tender_id = None
elif st.session_state.tender_id is None and len(ids) == 1:
    ws.choose_tender(ids[0])
elif st.session_state.tender_id is not None:
    ws.choose_tender(st.session_state.tender_id)  # the address always names the tender in hand
tender = st.session_state.tender_id

with st.sidebar:
    if tenders:
        # The browser keeps a selectbox's choice as its label: a label that changes (a bid count) would stay
        # stale on screen. Labels are the names, numbered where two tenders share one; the count is told below.
        # The widget has its own key: Streamlit drops a widget's state on a run that does not draw it, and the
        # tender in hand must never change that way — only when the user picks another.
        named = [t.name for t in tenders]
        names = {t.id: t.name if named.count(t.name) == 1 else f"{t.name} · #{t.id}" for t in tenders}
        st.session_state.tender_pick = tender
        st.selectbox(ws.tr("招标项目", "Tender"), ids, key="tender_pick", format_func=names.get,
                     placeholder=ws.tr("选择招标项目", "Choose a tender"),
                     on_change=lambda: ws.choose_tender(st.session_state.tender_pick))
    bid_count = st.empty()  # filled once the page has run, so that what the page imported or removed counts
    account = store.accounts.account_of(who)
    signed_in = st.empty()  # filled once the capabilities are read: they hold the roles (no query of its own)
    st.button(ws.tr("退出登录", "Sign out"), key="signout", icon=":material/logout:", on_click=ws.sign_out)
    if who.administrator:  # where the data lives is the administrator's business, and never its password
        st.caption(ws.tr("数据库", "Database") + f": `{shown_url(database_url())}`")


def seat_lost(tender_id: int) -> bool:
    """Whether the user's panel seat on ``tender_id`` was taken from them (the role taken back, the seat removed):
    then said, by whom and why, with what they had typed in their grid and was not saved — the page that would have
    saved it no longer runs for them (app8 A8-3: a typed score dropped, and the tender said not to exist)."""
    lost = store.seat_lost(who, tender_id)
    if lost is not None:
        ws.show_error(lost.with_typed(ws.typed_in_grid(tender_id, who)))
    return lost is not None


lost_said = unknown is not None and seat_lost(unknown)
if unknown is not None and not lost_said:
    st.warning(ws.tr(f"地址中的招标项目 #{unknown} 不存在，或您在其中没有角色。请在侧栏选择招标项目。",
                     f"Tender #{unknown} in the address does not exist or you hold no role on it. "
                     "Choose a tender in the sidebar."))
elif tender is not None:  # the tender in hand, named on every page
    info = next(t for t in tenders if t.id == tender)
    st.caption(f"{ws.tr('招标项目', 'Tender')}: **{ws.markdown_text(info.name)}** · #{tender}")


def count_bids() -> None:
    """The current tender's bids, under the tender selector."""
    count = next((t.bids for t in store.tenders(who) if t.id == ws.tender_id()), None)
    if count is not None:
        bid_count.caption(ws.tr(f"{count} 份投标", f"{count} bid(s)"))


def not_for_you() -> None:
    """What a page's address shows a user whose roles on the tender in hand do not include that page (or not yet:
    the store's reason, such as an observer's results before the result is final)."""
    why = ws.not_yet(capabilities, shown.url_path)
    if lost_said or (shown.url_path == "scoring" and tender is not None and seat_lost(tender)):
        return  # their seat was taken: said, also while they hold another role on the tender
    st.info(ws.lines_markdown(messages.error_lines(why, ws.lang())) if why is not None else
            ws.tr("这个页面不属于您在本招标项目中的角色。请从左侧菜单选择。",
                  "This page is not part of your role on this tender. Choose a page from the menu on the left."),
            icon=":material/block:")


def held_back() -> None:
    """What a page's address shows a user whose own seat has yet to submit, when their roles include that page."""
    if capabilities is not None and capabilities.seat is not None:
        st.info(ws.held_back_text(capabilities.seat), icon=":material/visibility_off:")


with ws.remember_capabilities():  # the store asked once for this run: here, and by the page (ws.capabilities)
    capabilities = ws.capabilities(tender) if tender is not None else None
    roles = capabilities.roles if capabilities is not None else frozenset()
    held = [ROLE_NAMES_ZH[r] if ws.lang() == "zh" else r.value for r in sorted(roles, key=lambda r: r.value)]
    signed_in.caption(ws.tr("已登录：", "Signed in: ") + f"**{ws.markdown_text(who.name)}**"
                      + (f" · {ws.tr('、', ', ').join(held)}" if held else "")
                      + (ws.tr(" · 管理员", " · administrator") if who.administrator else ""))
    visible = ws.visible_pages(capabilities, who.administrator, bool(account and account.creates_tenders))
    later = ws.held_back_pages(capabilities)  # what their own seat keeps from them until it submits: its address
    # says so
    landing = ws.landing_page(visible, st.session_state.pop("signin_goto", None))
    sections = {"evaluation": ws.tr("评标", "Evaluation"), "setup": ws.tr("设置", "Setup")}
    try:
        menu = {title: [st.Page(f"pages/{page.name}.py", title=ws.tr(page.zh, page.en), icon=page.icon)
                        if page.name in visible else
                        st.Page(held_back if page.name in later else not_for_you, title=ws.tr(page.zh, page.en),
                                url_path=page.name, visibility="hidden")
                        for page in ws.PAGES if page.section == section]
                for section, title in sections.items()}
        first = next(page for pages in menu.values() for page in pages if page.url_path == landing)
        # The app's root address (/) goes on to the landing page at its own address, as the sign-in page's address
        # (where the run after signing in arrives) does: every page keeps its own address, so a link to the landing
        # page (/scoring?tender=2, from an e-mail) opens it, never Streamlit's "Page not found".
        def on_to_landing() -> None:
            st.switch_page(first, query_params=st.query_params.to_dict())

        menu[sections["setup"]] += [
            st.Page(on_to_landing, title=first.title, url_path="home", default=True, visibility="hidden"),
            st.Page(on_to_landing, title=ws.tr("登录", "Sign in"), url_path="signin", visibility="hidden")]
        shown = st.navigation(menu)
        shown.run()
    except BidEvalError as error:  # a refusal the page did not expect (a role taken meanwhile, a stage moved on)
        ws.show_error(error)
    finally:  # after the page, also when it stopped early (st.stop) or asked for a rerun
        count_bids()
