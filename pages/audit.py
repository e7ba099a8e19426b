"""审计记录 / Audit trail: the tender's event log — who, when, what, old value, new value, why — filtered by who,
what and bid, downloaded as CSV or Excel, and verified against its hash chain.

The one event-log page of the app: the store appends every change to a hash-chained trail in the transaction of
the change (``bideval.audit``); this page only reads it (``Store.events``) and asks the store to recompute the chain
(``Store.verify_audit``), whose verdict names the first entry edited, removed or moved.
"""
from __future__ import annotations

from io import BytesIO
from typing import Sequence

import pandas as pd
import streamlit as st

import workspace as ws
from bideval import messages
from bideval.audit import Verdict, actor_shown, entry_bids
from bideval.csv_file import csv_bytes
from bideval.errors import BidEvalError
from bideval.schema import AuditEvent

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def audit_table(entries: Sequence[AuditEvent], lang: str) -> pd.DataFrame:
    """The entries as the page and the downloads show them, headed in ``lang``."""
    tr = ws.tr
    return pd.DataFrame({
        tr("序号", "No."): [e.seq for e in entries],
        tr("时间（UTC）", "When (UTC)"): [f"{e.at:%Y-%m-%d %H:%M:%S}" for e in entries],
        tr("操作人", "Who"): [actor_shown(e, lang) for e in entries],
        tr("操作", "What"): [messages.audit_action(e.action, lang) for e in entries],
        tr("对象", "Subject"): [e.subject for e in entries],
        tr("原值", "Old value"): [messages.audit_value(e.old_value, lang, e.action) for e in entries],
        tr("新值", "New value"): [messages.audit_value(e.new_value, lang, e.action) for e in entries],
        tr("理由", "Why"): [messages.audit_value(e.reason, lang) for e in entries],
        tr("说明", "Detail"): [messages.audit_value(e.detail, lang, e.action) for e in entries],
        tr("哈希值（SHA-256）", "Hash (SHA-256)"): [e.hash for e in entries],
    })


def xlsx_bytes(table: pd.DataFrame) -> bytes:
    """The table as a one-sheet workbook; every value stays text (a subject such as ``=1+1`` is no formula)."""
    buffer = BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter",
                        engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False,
                                                   "strings_to_numbers": False}}) as writer:
        table.to_excel(writer, sheet_name="Audit", index=False)
    return buffer.getvalue()


def csv_download(table: pd.DataFrame) -> bytes:
    """The table as CSV, every text a spreadsheet would run as a formula (a seat named ``=HYPERLINK(…)``) made inert
    (``bideval.csv_file``), as the Excel download keeps it text."""
    return csv_bytes(list(table.columns), table.itertuples(index=False))


def show_verdict(verdict: Verdict, entries: Sequence[AuditEvent], lang: str) -> None:
    """The verdict in words; when broken, the first broken entry as it is stored now."""
    text = messages.audit_verdict(verdict, lang)
    if verdict.ok:
        st.success(text, icon=":material/verified:")
        return
    st.error(text, icon=":material/gpp_bad:")
    broken = [e for e in entries if e.id == verdict.broken_at]
    if broken:
        st.dataframe(audit_table(broken, lang), hide_index=True, key="audit_broken")


def main() -> None:
    ws.enter_page("audit")
    tr, lang = ws.tr, ws.lang()
    tender = ws.require_tender()
    store = ws.store()
    who = ws.actor()
    st.title(tr("审计记录", "Audit trail"))
    try:
        entries = store.events(who, tender)
        bidders = dict(store.bidders(who, tender))
    except BidEvalError as error:
        ws.show_error(error)
        st.stop()
    st.caption(tr("每一项改动（谁、何时、做了什么、原值、新值、理由）都按时间顺序追加在这里，不能修改或删除；"
                  "每条记录带有前一条记录和其本身内容的 SHA-256，任何改动、删除或调换都能被核验出来。",
                  "Every change — who, when, what, the old value, the new value and why — is appended here in order "
                  "and never changed or removed; each entry carries the SHA-256 of the entry before it and of its "
                  "own content, so verifying finds any entry edited, removed or moved."))

    if st.button(tr("核验审计记录", "Verify the audit trail"), key="audit_verify", type="primary",
                 icon=":material/fact_check:"):
        try:
            st.session_state.audit_verdict = (tender, store.verify_audit(who, tender))
        except BidEvalError as error:
            ws.show_error(error)
    verdict = st.session_state.get("audit_verdict")
    if verdict is not None and verdict[0] == tender:
        show_verdict(verdict[1], entries, lang)

    actors = list(dict.fromkeys(actor_shown(e, lang) for e in entries))
    actions = list(dict.fromkeys(e.action for e in entries))
    left, middle, right = st.columns(3)
    picked_actors = left.multiselect(tr("操作人", "Who"), actors, key="audit_who",
                                     placeholder=tr("全部", "Everyone"))
    picked_actions = middle.multiselect(tr("操作", "What"), actions, key="audit_what",
                                        format_func=lambda a: messages.audit_action(a, lang),
                                        placeholder=tr("全部", "Everything"))
    picked_bid = right.selectbox(tr("投标", "Bid"), list(bidders), key="audit_bid", index=None,
                                 format_func=lambda v: f"{bidders[v]} ({v})", placeholder=tr("全部投标", "Every bid"))
    shown = [e for e in entries
             if (not picked_actors or actor_shown(e, lang) in picked_actors)
             and (not picked_actions or e.action in picked_actions)
             and (picked_bid is None or picked_bid in entry_bids(e, bidders))]
    st.caption(tr(f"显示 {len(shown)} / {len(entries)} 条记录", f"Showing {len(shown)} of {len(entries)} entries"))
    table = audit_table(shown, lang)
    st.dataframe(table, hide_index=True, width="stretch", key="audit_table")

    csv, xlsx = st.columns(2)
    csv.download_button(tr("下载 CSV", "Download CSV"), data=csv_download(table),
                        file_name=ws.download_name("audit", "csv", lang), mime="text/csv", key="audit_csv",
                        icon=":material/download:", on_click="ignore", width="stretch")
    xlsx.download_button(tr("下载 Excel", "Download Excel"), data=lambda: xlsx_bytes(table),
                         file_name=ws.download_name("audit", "xlsx", lang), mime=XLSX, key="audit_xlsx",
                         icon=":material/download:", on_click="ignore", width="stretch")


if __name__ == "__main__":
    main()
