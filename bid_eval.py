"""bid-eval: the Streamlit app. Builds the navigation and the shared sidebar; pages live in pages/."""
import streamlit as st

import workspace as ws
from bideval.storage import database_url

st.set_page_config(page_title="bid-eval 评标", page_icon="📊", layout="wide")
ws.init_state()

with st.sidebar:
    st.radio("语言 / Language", ["zh", "en"], key="lang", horizontal=True,
             format_func=lambda code: "中文" if code == "zh" else "English")
    tenders = ws.store().tenders()
    if tenders:
        ids = [t.id for t in tenders]
        if st.session_state.tender_id not in ids:
            st.session_state.tender_id = ids[0]
        names = {t.id: f"{t.name} · {t.bids} " + ws.tr("份投标", "bids") for t in tenders}
        st.selectbox(ws.tr("招标项目", "Tender"), ids, key="tender_id", format_func=names.get)
    st.caption(ws.tr("数据库", "Database") + f": `{database_url()}`")

pages = {
    ws.tr("评标", "Evaluation"): [
        st.Page("pages/results.py", title=ws.tr("评标结果", "Results"), icon=":material/leaderboard:", default=True),
        st.Page("pages/bids.py", title=ws.tr("投标文件", "Bids"), icon=":material/upload_file:"),
        st.Page("pages/tiers.py", title=ws.tr("定档", "Tiers"), icon=":material/stacked_bar_chart:"),
        st.Page("pages/scoring.py", title=ws.tr("评委打分", "Scoring"), icon=":material/edit_note:"),
        st.Page("pages/export.py", title=ws.tr("导出", "Export"), icon=":material/download:"),
    ],
    ws.tr("设置", "Setup"): [
        st.Page("pages/tenders.py", title=ws.tr("招标项目", "Tenders"), icon=":material/folder_open:"),
    ],
}
st.navigation(pages).run()
