"""A bid's documents in the app: the proposal beside a judge's grid, and the document viewer of the Bids page.

The store decides who may open what (a judge: after their declaration, never a
bidder they are recused from, no price-envelope document while prices are
hidden from them); this module only shows what it is given: a PDF in the page
(``st.pdf``, pdf.js through the ``streamlit-pdf`` component), an image as
itself, with the document's SHA-256 under it.
"""
from __future__ import annotations

from typing import Sequence

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

import workspace as ws
from bideval.documents import DocumentKind, Envelope, StoredDocument
from bideval.errors import BidEvalError
from bideval.messages import size_in
from bideval.rights import Actor
from bideval.storage import Store

VIEWER_HEIGHT = 820


def document_label(document: StoredDocument, lang: str) -> str:
    """How a document is listed: ``技术方案.pdf · PDF，12 页 · 1.2 MB · 价格标``."""
    zh = lang == "zh"
    if document.kind is DocumentKind.PDF:
        kind = "PDF" + (f"，{document.pages} 页" if zh else f", {document.pages} page(s)") if document.pages else "PDF"
    else:
        kind = ("图片" if zh else "image") + f" ({document.kind.value.upper()})"
    parts = [document.name, kind, size_in(document.size, lang)]
    if document.envelope is Envelope.PRICE:
        parts.append("价格标" if zh else "price envelope")
    return " · ".join(parts)


@st.cache_resource(max_entries=6, ttl=600, show_spinner=False)
def _content(url: str, tender: int, document_id: int, sha256: str, account_id: int, _store: Store,
             _actor: Actor) -> bytes:
    """A document's bytes, read once per account while it stays the same document (a judge's reruns do not read
    20 MB again); the store checks the right on every read, and the caller lists only what the actor may open."""
    return _store.document(_actor, tender, document_id)[1]


def show_document(store: Store, actor: Actor, tender: int, document: StoredDocument, key: str,
                  height: int = VIEWER_HEIGHT) -> None:
    """One document in the page: a PDF in the viewer, an image as itself; a refusal in the UI language."""
    try:
        content = _content(store.url, tender, document.id, document.sha256, actor.account_id, store, actor)
    except BidEvalError as error:
        ws.show_error(error)
        return
    if document.kind is DocumentKind.PDF:
        st.pdf(content, height=height, key=f"{key}_pdf_{document.id}", alt=document.name)
    else:
        st.image(content, caption=document.name, width="stretch")
    st.caption(f"SHA-256 `{document.sha256}`")


def show_bid_documents(store: Store, actor: Actor, tender: int, vendor_id: str, key: str,
                       height: int = VIEWER_HEIGHT) -> list[StoredDocument]:
    """The documents of one bid that ``actor`` may open: a choice when there are several, the chosen one shown."""
    try:
        documents = store.documents(actor, tender, vendor_id)
    except BidEvalError as error:
        ws.show_error(error)
        return []
    if not documents:
        st.info(ws.tr("该投标没有可查看的附件。", "This bid has no document you can open."))
        return []
    by_id = {d.id: d for d in documents}
    if st.session_state.get(f"{key}_document") not in by_id:
        st.session_state[f"{key}_document"] = documents[0].id
    labels = {d.id: document_label(d, ws.lang()) for d in documents}
    chosen = st.selectbox(ws.tr("附件", "Document"), list(by_id), key=f"{key}_document", format_func=labels.get,
                          disabled=len(documents) == 1,
                          help=ws.tr("该投标只有这一个附件。", "This bid has only this document.")
                          if len(documents) == 1 else None)
    show_document(store, actor, tender, by_id[chosen], key, height)
    return documents


def beside_proposals(store: Store, actor: Actor, tender: int, bids: Sequence[tuple[str, str]],
                     focus: str | None = None, key: str = "proposal") -> DeltaGenerator:
    """Where a judge's grid goes: the left of two columns whose right one shows the proposal of the bid being
    scored, or the page itself when none of ``bids`` has a document the actor may open.

    ``bids`` are (vendor_id, name) in the grid's order; ``focus`` is the bid of the row the judge has just
    changed: the panel turns to it, so the proposal beside the grid is the one of the row being scored.
    """
    try:
        documents = store.documents(actor, tender)
    except BidEvalError as error:
        ws.show_error(error)
        return st.container()
    having = {d.vendor_id for d in documents}
    names = {v: n for v, n in bids if v in having}
    if not names:
        return st.container()
    grid, panel = st.columns([3, 2])
    with panel:
        proposal_panel(store, actor, tender, names, focus, key)
    return grid


def proposal_panel(store: Store, actor: Actor, tender: int, names: dict[str, str], focus: str | None,
                   key: str) -> None:
    """The proposal panel: which bid (following ``focus``) and its documents."""
    state = f"{key}_vendor"
    if focus in names and st.session_state.get(f"{key}_focus") != focus:
        st.session_state[state] = focus  # follow the row being scored
    st.session_state[f"{key}_focus"] = focus
    if st.session_state.get(state) not in names:
        st.session_state[state] = next(iter(names))
    st.markdown("**" + ws.tr("投标方案", "Proposal") + "**")
    vendor = st.selectbox(ws.tr("查看投标人的附件", "Documents of"), list(names), key=state,
                          format_func=lambda v: f"{names[v]} · {v}",
                          help=ws.tr("改动某一行的评分后，这里会转到该行投标人的附件。",
                                     "After you change a row's score, this turns to that row's bidder."))
    show_bid_documents(store, actor, tender, vendor, key)
