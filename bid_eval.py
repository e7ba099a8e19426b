"""bid-eval: the Streamlit app. Builds the navigation and the shared sidebar; pages live in pages/."""
import streamlit as st

import workspace as ws
from bideval.storage import database_url

st.set_page_config(page_title="bid-eval 评标", page_icon="📊", layout="wide")
st.session_state.app_entry = True
ws.init_state()
goto = st.query_params.get("goto", "results")  # set by ws.enter_page for a page opened by its address
if "goto" in st.query_params:
    del st.query_params["goto"]

with st.sidebar:
    st.radio("语言 / Language", ["zh", "en"], key="lang", horizontal=True,
             format_func=lambda code: "中文" if code == "zh" else "English")
    tenders = ws.store().tenders(ws.actor())
    if tenders:
        ids = [t.id for t in tenders]
        if st.session_state.tender_id not in ids:
            st.session_state.tender_id = ids[0]
        # The browser keeps a selectbox's choice as its label: a label that changes (a bid count) would stay
        # stale on screen. Labels are the names, numbered where two tenders share one; the count is told below.
        named = [t.name for t in tenders]
        names = {t.id: t.name if named.count(t.name) == 1 else f"{t.name} · #{t.id}" for t in tenders}
        st.selectbox(ws.tr("招标项目", "Tender"), ids, key="tender_id", format_func=names.get)
    bid_count = st.empty()  # filled once the page has run, so that what the page imported or removed counts
    st.caption(ws.tr("数据库", "Database") + f": `{database_url()}`")


def count_bids() -> None:
    """The current tender's bids, under the tender selector."""
    count = next((t.bids for t in ws.store().tenders(ws.actor()) if t.id == ws.tender_id()), None)
    if count is not None:
        bid_count.caption(ws.tr(f"{count} 份投标", f"{count} bid(s)"))


PAGES = {
    ws.tr("评标", "Evaluation"): [
        ("results", ws.tr("评标结果", "Results"), ":material/leaderboard:"),
        ("bids", ws.tr("投标文件", "Bids"), ":material/upload_file:"),
        ("tiers", ws.tr("定档", "Tiers"), ":material/stacked_bar_chart:"),
        ("scoring", ws.tr("评委打分", "Scoring"), ":material/edit_note:"),
        ("export", ws.tr("导出", "Export"), ":material/download:"),
    ],
    ws.tr("设置", "Setup"): [
        ("tenders", ws.tr("招标项目", "Tenders"), ":material/folder_open:"),
    ],
}
if goto not in {name for pages in PAGES.values() for name, _, _ in pages}:
    goto = "results"
try:
    st.navigation({
        section: [st.Page(f"pages/{name}.py", title=title, icon=icon, default=name == goto)
                  for name, title, icon in pages]
        for section, pages in PAGES.items()
    }).run()
finally:  # after the page, also when it stopped early (st.stop) or asked for a rerun
    count_bids()
