"""评委打分 / Scoring: the signed-in judge declares any conflict of interest, then scores the valid bids on the panel
criteria inside the agreed tiers, blind to the others, and submits.

Before any bid is shown the judge declares, for every bidder, that they have no conflict of interest or what it
is (回避声明, ``Store.declare``); a bidder they declared a conflict with is not in their grid. Every changed cell is
saved on the rerun it causes: the editor's ``edited_rows``
are compared with what this page saw last time and with the database, each new
value is read and checked by ``bideval.allowed_scores.parse_score_entry`` with
the decimals the criterion keeps (and again by ``Store.set_score`` in the
transaction that writes it: the agreed tier or 0..max, the grades, the
decimals), and a refused value is shown with what was typed and what is allowed,
and not saved. Scores are typed as text, so nothing is rounded, truncated or
clamped before the check (8.25 stays 8.25; 6.055 and −1 are refused naming what
was typed); a graded criterion can also be scored by picking a grade, read by
``bideval.allowed_scores.parse_grade_entry`` and refused as the panel workbook
reader refuses the same grade in a score cell. Each save
passes the version of the score the grid showed (kept by ``workspace.remember_shown`` with the editor's key, not
read again on the rerun that saves), so a score changed meanwhile (the same judge in another tab, or their
returned score sheet imported) is a conflict, never overwritten: the refusal names the score there now, and a fresh
grid shows it. The cells changed in the grid the previous run drew are saved first, before a bid imported or removed
meanwhile can change the rows (``save_pending``): a typed score is saved or its refusal shown, never dropped.
Submitting (with a confirmation) locks the judge's scores; a cell left without Enter comes with the click, and is
saved in the transaction that submits (``submit_with_pending``) or refused with its reason, nothing submitted; an
edit that reaches the locked grid afterwards is refused by the store, saying so. The results page then opens. Beside the grid, the proposal of the
bid being scored (``bid_documents.beside_proposals``) turns to the row the judge has just changed.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Mapping, Sequence

import pandas as pd
import streamlit as st

import bid_documents
import workspace as ws
from bideval import messages
from bideval.values import plain_number, typed
from bideval.errors import BidEvalError
from bideval.allowed_scores import (allowed_text, grade_choices, parse_grade_entry, parse_score_and_grade,
                                    parse_score_entry, same_score)
from bideval.rights import Action, Actor
from bideval.rubric import Criterion, Rubric, Tiered
from bideval.storage import PendingScore, Store
from bideval.workflow import Stage, seat_progress

tr = ws.tr


@dataclass(frozen=True)
class Row:
    """One line of the grid: this judge's score and comment for one bid on one panel criterion."""

    vendor_id: str
    vendor_name: str
    criterion: str
    score: Decimal | None
    comment: str
    version: int = 0  # the stored score's version (0: none yet), passed back to save a change
    # the criterion as the grid names it, to say what was typed if the seat is taken meanwhile (workspace.typed_in_grid)
    criterion_name: str = field(default="", compare=False)


def refusal(rubric: Rubric, row: Row, error: BidEvalError, entered: Decimal | None) -> str:
    """Why a score was not saved, in the UI language, every line of it, naming the bid, the criterion, what was typed
    and what is allowed (:func:`bideval.messages.refused_lines` builds it from the refusal's data: the range, the
    tier, the grades, the decimals; or the score there now, for a conflict); a refusal of the change itself (the bid
    removed meanwhile, the scores locked) ends naming ``entered``, the score typed (None: the comment changed, or the
    score cleared)."""
    return ws.lines_markdown(messages.refused_lines(error, ws.lang(), row.vendor_id, row.vendor_name, row.criterion,
                                                    rubric, unsaved=True,
                                                    typed=None if entered is None else str(entered)))


def edited_row(rubric: Rubric, before: Row, cells: Mapping[str, Any], tier: str | None) -> Row:
    """The row as the judge edited it: what was typed read by ``parse_score_entry``, a grade picked by
    ``parse_grade_entry``, both given in one edit by ``parse_score_and_grade`` (refused unless they are the same
    score), with the criterion's decimals (the store checks it again); BidEvalError when unreadable."""
    criterion = rubric.criterion_index[before.criterion]
    places = rubric.places(criterion)
    score, comment = before.score, before.comment
    if "score" in cells and "grade" in cells:  # both in one edit: kept when they agree, else refused naming both
        score = parse_score_and_grade(criterion, tier, cells["score"], cells["grade"], decimals=places)
    elif "score" in cells:
        score = parse_score_entry(criterion, tier, cells["score"], decimals=places)
    elif "grade" in cells:
        score = parse_grade_entry(criterion, tier, cells["grade"], decimals=places)
    if "comment" in cells:
        comment = typed(str(cells["comment"] or ""))  # as the store files it: a pasted zero-width space is no change
    return replace(before, score=score, comment=comment)


def changed(row: Row, before: Row) -> bool:
    return not same_score(row.score, before.score) or row.comment != before.comment


def save_edits(store: Store, judge: Actor, tender_id: int, rows_before: Sequence[Row],
               edits: Mapping[int, Mapping[str, Any]],
               tiers: Mapping[tuple[str, str], str]) -> tuple[dict[int, Row], list[str]]:
    """Save each edited row whose score or comment differs from ``rows_before``: (rows saved by position, refusals)."""
    saved: dict[int, Row] = {}
    refused: list[str] = []
    rubric: Rubric = store.rubric(judge, tender_id)
    for position, cells in sorted(edits.items()):
        before = rows_before[position]
        row = before
        try:
            row = edited_row(rubric, before, cells, tiers.get((before.vendor_id, before.criterion)))
            if not changed(row, before):
                continue
            version = store.set_score(judge, tender_id, before.vendor_id, before.criterion, row.score, row.comment,
                                      expected_version=before.version)
        except BidEvalError as error:
            refused.append(refusal(rubric, before, error, None if same_score(row.score, before.score) else row.score))
        else:
            saved[position] = replace(row, version=version)
    return saved, refused


def shown_rows(rows: Sequence[Row], before: Sequence[Row], edited: Mapping[int, Mapping[str, Any]],
               saved: Mapping[int, Row]) -> list[Row]:
    """The rows as the grid now shows them, versions included: what is stored (``rows``), except where the editor
    still shows an edit of the judge's over a row changed by someone else since — the judge still sees their own
    value there, so the row they saw (``before``) stays, and their next change of it is refused as a conflict."""
    return [before[p] if p in edited and p not in saved and row != before[p] else row for p, row in enumerate(rows)]


def grade_options(rubric: Rubric) -> list[str]:
    """Every grade choice of the rubric's graded criteria (``8 · 优``), for the grid's grade column."""
    options: dict[str, None] = {}
    for criterion in rubric.panel_criteria:
        for choice in grade_choices(criterion) or ():
            options[choice.text(ws.lang())] = None
    return list(options)


def _criterion_label(criterion: Criterion) -> str:
    return f"{criterion.name.text(ws.lang())} ({plain_number(criterion.max)})"


def tier_text(rubric: Rubric, tiers: Mapping[tuple[str, str], str], row: Row) -> str:
    """The agreed tier of a row as the grid shows it: ``t3 三档``, ``—`` (a criterion without tiers) or ``待定档``."""
    criterion = rubric.criterion_index[row.criterion]
    if not isinstance(criterion, Tiered):
        return "—"
    tier = criterion.tier(tiers.get((row.vendor_id, row.criterion)) or "")
    return f"{tier.id} {tier.label.text(ws.lang())}" if tier else tr("待定档", "awaiting tier")


def grid_frame(rubric: Rubric, tiers: Mapping[tuple[str, str], str], rows: Sequence[Row]) -> pd.DataFrame:
    """The judge's grid: one row per bid and panel criterion, with its tier and allowed range.

    A long grid rather than a bid × criterion matrix: each row carries its own
    agreed tier and allowed range in plain sight (a matrix could show only one
    range per column), the comment sits next to the score it explains (one
    comment per score, as the panel workbook has it), and a judge reading one
    bid's plan scores its criteria top to bottom with Enter and the arrow keys.
    The credit code comes last: name, criterion and range are what a judge reads.
    """
    lang = ws.lang()

    def grade(row: Row) -> str | None:
        choices = grade_choices(rubric.criterion_index[row.criterion])
        picked = next((c for c in choices or () if c.score == row.score), None)
        return picked.text(lang) if picked else None

    columns: dict[str, Any] = {
        "vendor": [r.vendor_name for r in rows],
        "criterion": [_criterion_label(rubric.criterion_index[r.criterion]) for r in rows],
        "tier": [tier_text(rubric, tiers, r) for r in rows],
        "range": [allowed_text(rubric.criterion_index[r.criterion], tiers.get((r.vendor_id, r.criterion)), lang)
                  for r in rows],
    }
    if grade_options(rubric):
        columns["grade"] = [grade(r) for r in rows]
    return pd.DataFrame({
        **columns,
        # A string column even when every cell is empty: a column type that changes would reset the editor.
        "score": pd.Series([str(r.score) if r.score is not None else None for r in rows], dtype="string"),
        "comment": [r.comment for r in rows],
        "vendor_id": [r.vendor_id for r in rows],
    })


def declaration_form(store: Store, judge: Actor, tender: int, undeclared: Sequence[tuple[str, str]]) -> None:
    """回避声明: for every bidder not declared yet, no conflict of interest or what it is; nothing else shows first."""
    st.subheader(tr("回避声明", "Conflict-of-interest declaration"))
    st.markdown(tr("看到任何投标文件之前，请逐一声明您与每家投标人是否存在利害关系（如近三年内的雇佣、亲属、投资关系）。"
                   "有利害关系的，在该行勾选并简述；您将回避该投标人，不对其打分，组长会看到您的回避。声明提交后不能更改。",
                   "Before you see any bid, declare for each bidder whether you have a conflict of interest with it "
                   "(employment, family or investment ties in the last three years). Where you have one, tick its row "
                   "and say what it is: you will not score that bidder, and the chair sees that you are recused. "
                   "A declaration cannot be changed once submitted."))
    table = pd.DataFrame({"vendor": [n for _, n in undeclared], "vendor_id": [v for v, _ in undeclared],
                          "conflict": [False] * len(undeclared), "note": [""] * len(undeclared)})
    with st.form("scoring_declaration", border=False):
        edited = st.data_editor(table, key="scoring_declaration_grid", hide_index=True, num_rows="fixed",
                                disabled=["vendor", "vendor_id"], column_config={
                                    "vendor": st.column_config.TextColumn(tr("投标人", "Bidder")),
                                    "vendor_id": st.column_config.TextColumn(tr("统一社会信用代码", "Vendor ID")),
                                    "conflict": st.column_config.CheckboxColumn(tr("有利害关系", "Conflict of interest")),
                                    "note": st.column_config.TextColumn(tr("说明（有利害关系时填写）", "What it is (when there is one)"),
                                                                        width="large"),
                                })
        sure = st.checkbox(tr("我确认以上声明真实、完整", "I confirm this declaration is true and complete"),
                           key="scoring_declaration_sure")
        pressed = st.form_submit_button(tr("提交回避声明", "Submit my declaration"), key="scoring_declare",
                                        type="primary")
    if not pressed:
        return
    if not sure:
        st.error(tr("请先勾选确认。", "Tick the confirmation first."))
        return
    # Each note as typed: the store files it through values.typed and refuses a conflict with nothing left of it.
    conflicts = {str(row.vendor_id): str(row.note or "") for row in edited.itertuples() if bool(row.conflict)}
    noted = {str(row.vendor_id): str(row.note or "") for row in edited.itertuples() if not bool(row.conflict)}
    try:
        store.declare(judge, tender, conflicts, noted)
    except BidEvalError as error:
        ws.show_error(error)
        return
    st.rerun()


def submit_section(missing: int, refused: bool, submit_refused: BidEvalError | None) -> None:
    """Submitting: a confirmation, then the judge's scores lock (``Store.submit`` refuses while any is missing).

    The click is handled first thing in the run (``submit_with_pending``), with any cell still being edited; here
    a click that did not submit says why: a score above was not saved (``refused``), or the store's refusal."""
    st.subheader(tr("提交评分", "Submit my scores"))
    st.caption(tr("提交后您的评分即锁定，不能再修改；之后您可以看到全体评委的评分和评标结果。",
                  "Once submitted your scores are locked and cannot change; you then see the whole panel's scores "
                  "and the result."))
    if missing:
        st.info(tr(f"还有 {missing} 项未打分：全部打分后才能提交。", f"{missing} score(s) still to give: you can submit "
                   "once every score is given."))
    sure = st.checkbox(tr("我已核对全部评分，确认提交", "I have checked every score and submit them"),
                       key="scoring_submit_sure", disabled=bool(missing))
    if st.button(tr("提交评分", "Submit my scores"), key="scoring_submit", type="primary", disabled=not sure,
                 help=tr("先勾选上方的确认", "Tick the confirmation above first") if not sure else None):
        if refused:
            st.error(tr("未提交：上面有评分未能保存。请先改正，再提交。",
                        "Not submitted: a score above was not saved. Correct it first, then submit."))
        elif submit_refused is not None:
            ws.show_error(submit_refused)


SCORE_COLUMNS = frozenset({"score", "grade"})  # two cells of one row that each give its score


def other_column_edited(edited: Mapping[int, Mapping[str, Any]], saved: Mapping[int, Row]) -> bool:
    """Whether a row saved this run holds an edit in both its score cells (``edited``: every edit the editor holds):
    a score typed, then a grade picked on the same row (or the other way round). The editor keeps showing each cell's
    own edit over the new value, so the older one would still show — a score that is not the one saved, and which,
    typed again, changes no cell and is never saved. The page then draws a fresh editor showing what is stored."""
    return any(SCORE_COLUMNS <= edited.get(position, {}).keys() for position in saved)


def pending_cells(remembered: str) -> tuple[str, list[Row], dict[int, dict[str, Any]], dict[int, dict[str, Any]]]:
    """The grid the previous run drew (``remembered``: its ``workspace.remember_shown`` prefix): its editor key, the
    rows it showed, every edit it holds and those not handled yet (none: no grid drawn yet)."""
    return ws.pending_edits(remembered, st.session_state[ws.GRID_HANDLED])


def save_pending(store: Store, judge: Actor, tender: int, remembered: str) -> tuple[dict[int, Row], list[str], str | None]:
    """Save the cells changed in the grid the previous run drew, read against the rows it showed and saved with their
    versions, whatever the grid shows now: a bid imported or removed meanwhile changes the rows (and the editor's
    key), never what was typed. The store refuses what it must — a removed bid, a locked seat (submitted, or scoring
    closed), a changed score — and the refusal is shown. (saved rows by position in the previous grid, refusals, the
    bid of the last row changed)."""
    old_key, before, edited, fresh = pending_cells(remembered)
    if not fresh:
        return {}, [], None
    seen = st.session_state[ws.GRID_HANDLED]
    saved, refused = save_edits(store, judge, tender, before, fresh, store.tiers(judge, tender))
    if refused or other_column_edited(edited, saved):
        seen.pop(old_key, None)
        st.session_state.scoring_round += 1  # a fresh editor shows what is saved, not the refused or older value
    else:
        seen[old_key] = edited
    return saved, refused, before[max(fresh)].vendor_id


def submit_with_pending(store: Store, judge: Actor, tender: int, remembered: str) -> BidEvalError | None:
    """Submit, saving first, in the same transaction (``Store.submit``), a cell the judge changed and left without
    Enter: the browser sends it with the click. On success the page reruns to its submitted state; otherwise the
    refusal is returned, nothing saved nor submitted, and the page saves the cells one by one (``save_pending``),
    showing the refusal of each cell refused."""
    old_key, before, edited, fresh = pending_cells(remembered)
    try:
        tiers = store.tiers(judge, tender) if fresh else {}
        rubric = store.rubric(judge, tender)
        rows = {p: edited_row(rubric, before[p], cells, tiers.get((before[p].vendor_id, before[p].criterion)))
                for p, cells in fresh.items()}
        store.submit(judge, tender, [PendingScore(r.vendor_id, r.criterion, r.score, r.comment, before[p].version)
                                     for p, r in sorted(rows.items()) if changed(r, before[p])])
    except BidEvalError as error:
        return error
    if fresh:
        st.session_state[ws.GRID_HANDLED][old_key] = edited
    st.rerun()
    return None  # not reached: st.rerun ends the run


# -- the page
def main() -> None:
    ws.enter_page("scoring")
    tender = ws.require_tender()
    store = ws.store()
    judge = ws.actor()
    if "scoring_round" not in st.session_state:
        st.session_state.scoring_round = 0  # bumped to give the grid a fresh editor after a refusal
    if ws.GRID_HANDLED not in st.session_state:
        st.session_state[ws.GRID_HANDLED] = {}  # editor key → the edited_rows already handled

    st.title(tr("评委打分", "Scoring"))
    may = ws.capabilities(tender)
    seat = may.seat
    if seat is None:
        st.info(tr("您不是本项目评标委员会的成员。", "You hold no seat on this tender's panel."))
        st.stop()
    # What was typed in the grid the previous run drew is saved first, before anything here can change the page:
    # a bid imported meanwhile (its declaration form), a bid removed (other rows, another editor).
    remembered = ws.grid_memory(tender, judge)
    submit_refused = None
    if st.session_state.get("scoring_submit") is True and st.session_state.get("scoring_submit_sure"):
        submit_refused = submit_with_pending(store, judge, tender, remembered)  # reruns once submitted
    saved, refused, focus = save_pending(store, judge, tender, remembered)
    if saved:
        st.toast(tr(f"已保存 {len(saved)} 项", f"Saved {len(saved)}"), icon=":material/check:")
    for message in refused:
        st.error(message)
    info = store.tender(judge, tender)
    rubric = store.rubric(judge, tender)
    lang = ws.lang()

    declared = store.declarations(judge, tender)
    done = {d.vendor_id for d in declared}
    bidders = dict(store.bidders(judge, tender))
    undeclared = [(v, n) for v, n in bidders.items() if v not in done]
    if undeclared:  # 回避声明: before any bid is shown
        declaration_form(store, judge, tender, undeclared)
        st.stop()
    recused = [f"{ws.markdown_text(bidders.get(d.vendor_id, ''))} ({d.vendor_id})" for d in declared if d.conflict]
    if recused:
        st.caption(tr(f"您已声明与以下投标人存在利害关系，回避对其打分：{'、'.join(recused)}",
                      f"You declared a conflict of interest with, and do not score: {', '.join(recused)}"))

    panel = rubric.panel_criteria
    if not panel:
        st.info(tr("本评分标准没有需要评委打分的评分项。", "This rubric has no criteria the panel scores."))
        st.stop()
    if info.stage is Stage.SETUP:
        st.info(tr("评分尚未开始：采购人或组长开始评分后，您才能打分。",
                   "Scoring has not opened yet: you score once procurement or the chair opens it."))
        st.stop()
    bids = store.bids_to_score(judge, tender)
    if not bids:
        st.info(tr("没有需要您打分的有效投标。", "There is no valid bid for you to score."))
        st.stop()

    submitted = seat.submitted_at is not None
    locked = Action.SCORE not in may.now  # submitted, or scoring closed (the store's own rule for a score)
    tiers = store.tiers(judge, tender)
    mine = {(r.vendor_id, r.criterion): r for r in store.scores(judge, tender, seat.name)}  # own scores only
    rows = []
    for vendor_id, vendor_name in bids:
        for criterion in panel:
            record = mine.get((vendor_id, criterion.id))
            rows.append(Row(vendor_id, vendor_name, criterion.id,
                            None if record is None or record.score is None else Decimal(record.score),
                            record.comment if record else "", record.version if record else 0,
                            criterion.name.text(lang)))

    # One key per judge, tender and set of rows: a new bid or another judge gets a fresh editor, never stale edits.
    identity = [str(tender), seat.name, *(f"{r.vendor_id} {r.criterion}" for r in rows)]
    key = ws.editor_key("scoring_grid", identity, st.session_state.scoring_round)
    seen = st.session_state[ws.GRID_HANDLED]
    if key not in st.session_state:
        seen.pop(key, None)
    last = ws.shown(remembered)
    if last is not None and last[0] == key:  # the same editor again: it may still show an edit over a newer score
        edited = {int(p): dict(c) for p, c in st.session_state.get(key, {}).get("edited_rows", {}).items()}
        showing = shown_rows(rows, last[1], edited, saved)
    else:
        showing = list(rows)
    ws.remember_shown(remembered, key, showing)

    progress = seat_progress([v for v, _ in bids], panel, {(r.vendor_id, r.criterion) for r in rows
                                                            if r.score is not None}, tiers)
    given, due, waiting = progress.given, progress.due, progress.awaiting_tier
    if submitted:
        st.success(tr(f"您已于 {seat.submitted_at:%Y-%m-%d %H:%M}（UTC）提交评分，评分已锁定。请在“评标结果”页面查看全体评委的评分。",
                      f"You submitted your scores on {seat.submitted_at:%Y-%m-%d %H:%M} UTC; they are locked. The "
                      "Results page shows the whole panel's scores."), icon=":material/lock:")
    elif locked and info.stage is Stage.REVIEW and given < due:  # (app8: told to submit below, and that they cannot)
        st.warning(tr(f"评分已结束，您还有 {due - given} 项未打分，无法提交：请联系组长重新开放评分。",
                      f"Scoring has closed with {due - given} of your scores not given, so you cannot submit: ask the "
                      "chair to reopen scoring."), icon=":material/lock:")
    elif locked and info.stage is Stage.REVIEW:
        st.info(tr("评分已结束，评分已锁定、不能修改；您尚未提交：请核对后在下方提交，组长才能确定结果。",
                   "Scoring has closed and the scores are locked; you have not submitted yet: check them and submit "
                   "below, so that the chair can finalise the result."), icon=":material/lock:")
    elif locked:
        st.info(tr("评分已结束，评分已锁定。", "Scoring has closed; the scores are locked."), icon=":material/lock:")
    else:
        st.caption(tr(f"评委：**{ws.markdown_text(seat.name)}** · 您只能看到自己的评分；每改一格即保存。",
                      f"Judge: **{ws.markdown_text(seat.name)}** · you see only your own scores; each cell is saved as "
                      "soon as you change it."))
    if info.hide_prices and not submitted:
        st.caption(tr("本项目采用双信封：提交技术评分之前，您看不到报价。",
                      "This tender uses two envelopes: prices stay sealed until you submit your technical scores."))
    st.progress(given / due, text=tr(f"我的评分：已打 {given} / {due} 项", f"My scores: {given} of {due} given"))
    if waiting and not locked:
        st.warning(tr(f"有 {waiting} 项分档评分尚未定档（显示“待定档”）：须等组长在“定档”页面定档后才能打分。",
                      f"Awaiting tier: {waiting} tiered score(s) cannot be given until the chair sets the tier "
                      "on the Tiers page."))

    grid = grid_frame(rubric, tiers, rows)
    places = tr("、", " or ").join(str(n) for n in sorted({rubric.places(c) for c in panel}))
    fixed = ["vendor", "vendor_id", "criterion", "tier", "range"]
    place = bid_documents.beside_proposals(store, judge, tender, bids, focus)
    place.data_editor(
        grid, key=key, hide_index=True, num_rows="fixed", height=min(38 + 35 * len(rows), 760),
        placeholder=tr("未打分", "not scored"),
        disabled=list(grid.columns) if locked else fixed,
        column_config={
            "vendor": st.column_config.TextColumn(tr("投标人", "Vendor"), pinned=True),
            "vendor_id": st.column_config.TextColumn(tr("统一社会信用代码", "Vendor ID")),
            "criterion": st.column_config.TextColumn(tr("评分项（满分）", "Criterion (max)")),
            "tier": st.column_config.TextColumn(tr("档次", "Tier"),
                                                help=tr("组长在“定档”页面确定的档次", "The tier the chair set on the Tiers page")),
            "range": st.column_config.TextColumn(tr("允许范围", "Allowed range"),
                                                 help=tr("分档评分项：所定档次的范围；分等级评分项：各等级的分值；其他：0 至满分",
                                                         "Tiered: the agreed tier's range; graded: each grade's points; "
                                                         "otherwise 0 to the maximum")),
            "grade": st.column_config.SelectboxColumn(
                tr("等级", "Grade"), options=grade_options(rubric),
                help=tr("分等级评分项：选择一个等级分值（与“得分”二选一）", "Graded criteria: pick a grade's points "
                        "(instead of typing the score)")),
            # Text, not a number column: a number column rounds and clamps what is typed before the page sees it.
            "score": st.column_config.TextColumn(
                tr("得分", "Score"),
                help=tr(f"在本行的允许范围内打分，最多 {places} 位小数；清空即撤回评分",
                        f"Score inside this row's allowed range, at most {places} decimals; clear it to withdraw")),
            "comment": st.column_config.TextColumn(tr("评语", "Comment"), width="medium",
                                                   help=tr("打分理由（可选）", "Why this score (optional)")),
        },
    )

    objective = [c for c in rubric.scored_criteria if not c.is_panel]
    if objective:
        st.caption(tr("客观评分项由系统根据投标文件计算，评委无需打分：", "Objective criteria are computed from the bids; "
                      "judges do not score them: ") + tr("、", ", ").join(c.name.text(lang) for c in objective))
    if not submitted and info.stage in (Stage.SCORING, Stage.REVIEW):  # in review: sign the scores as they stand
        submit_section(progress.missing, bool(refused), submit_refused)


if __name__ == "__main__":
    main()
