"""评委打分 / Scoring: a judge scores the valid bids on the panel criteria, inside the agreed tiers, blind to the others.

Every changed cell is saved on the rerun it causes: the editor's ``edited_rows``
are compared with what this page saw last time and with the database, each new
value is read and checked by ``bideval.allowed_scores`` (through
``Store.set_score``, which checks it again in the transaction that writes it:
the agreed tier or 0..max, the grades, the decimals the criterion keeps), and a
refused value is shown with what was typed and what is allowed, and not saved.
Scores are typed as text, so nothing is rounded or clamped before the check; a
graded criterion can also be scored by picking a grade.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, Mapping, Sequence

import pandas as pd
import streamlit as st

import bid_documents
import workspace as ws
from bideval import messages
from bideval.values import plain_number
from bideval.analysis import panel_progress
from bideval.errors import BidEvalError
from bideval.panel import judge_name
from bideval.allowed_scores import NO_TIER, grade_choices, grades_text, parse_choice, read_score_text
from bideval.rights import Actor
from bideval.rubric import Criterion, Judged, Rubric, Tiered
from bideval.storage import ScoreRefused, Store, score_range

ws.enter_page("scoring")
tr = ws.tr


@dataclass(frozen=True)
class Row:
    """One line of the grid: this judge's score and comment for one bid on one panel criterion."""

    vendor_id: str
    vendor_name: str
    criterion: str
    score: Decimal | None
    comment: str


def tier_range(rubric: Rubric, tiers: Mapping[tuple[str, str], str], vendor_id: str,
               criterion: str) -> tuple[Decimal, Decimal] | None:
    """The range this bid may be scored in on this criterion; None while a tiered criterion has no agreed tier."""
    try:
        return score_range(rubric, criterion, tiers.get((vendor_id, criterion)))
    except ScoreRefused:
        return None


def refusal(rubric: Rubric, row: Row, error: BidEvalError) -> str:
    """Why a score was not saved, in the UI language, naming the bid, the criterion, what was typed and what is
    allowed (:mod:`bideval.messages` builds it from the refusal's data: the range, the tier, the grades, the decimals)."""
    why = ws.error_markdown(error, rubric)[0]
    if isinstance(error, ScoreRefused) and error.refusal is not None and error.refusal.reason != NO_TIER:
        why += tr("，未保存。", "; not saved.")
    return row_head(rubric, row) + why


def row_head(rubric: Rubric, row: Row) -> str:
    """The bid and criterion a message about one row of the grid is about: ``V1 甲公司 / 运营管理能力：``."""
    criterion = rubric.criterion_index[row.criterion]
    return (f"{row.vendor_id} {ws.markdown_text(row.vendor_name)} / {criterion.name.text(ws.lang())}"
            + tr("：", ": "))


def chosen_score(rubric: Rubric, row: Row, choice: Any) -> Decimal | None:
    """The score of a grade picked in the grid's grade column (``8 · 优``), checked against this row's criterion;
    ValueError when the choice is not one of its grades."""
    if choice is None or (isinstance(choice, str) and not choice.strip()):
        return None
    score = parse_choice(rubric.criterion_index[row.criterion], str(choice))
    if score is None:
        raise ValueError(choice)
    return score


def save_edits(store: Store, judge: Actor, tender_id: int, rows_before: Sequence[Row],
               edits: Mapping[int, Mapping[str, Any]]) -> tuple[dict[int, Row], list[str]]:
    """Save each edited row whose score or comment differs from ``rows_before``: (rows saved by position, refusals)."""
    saved: dict[int, Row] = {}
    refused: list[str] = []
    rubric: Rubric = store.rubric(judge, tender_id)
    for position, cells in sorted(edits.items()):
        before = rows_before[position]
        criterion = rubric.criterion_index[before.criterion]
        score, comment = before.score, before.comment
        try:
            if "score" in cells:
                score = read_score_text(criterion, cells["score"])
            if "grade" in cells:
                score = chosen_score(rubric, before, cells["grade"])
            if "comment" in cells:
                comment = str(cells["comment"] or "").strip()
            if score == before.score and comment == before.comment and \
                    ("score" not in cells or _same_text(cells["score"], before.score)):
                continue
            store.set_score(judge, tender_id, before.vendor_id, before.criterion, score, comment)
        except ValueError:  # a grade that is not one of this criterion's
            refused.append(row_head(rubric, before) + ws.markdown_text(messages.sentence(
                "score.not_a_grade_choice", {"choice": str(cells["grade"]), "grades": getattr(criterion, "grades", ()),
                                             "step": getattr(criterion, "step", None)}, ws.lang())))
        except BidEvalError as error:
            refused.append(refusal(rubric, before, error))
        else:
            saved[position] = replace(before, score=score, comment=comment)
    return saved, refused


def _same_text(raw: Any, before: Decimal | None) -> bool:
    """Whether the typed text is the stored score exactly (8.250 typed over 8.25 is a change to check)."""
    return before is not None and str(raw).strip() == str(before)


def new_cells(current: Mapping[int, Mapping[str, Any]],
              seen: Mapping[int, Mapping[str, Any]]) -> dict[int, dict[str, Any]]:
    """The cells of ``edited_rows`` the judge changed since the last rerun.

    The editor keeps every edit of the session; replaying old ones would undo a
    panel workbook imported meanwhile, so only cells that changed count.
    """
    missing = object()
    fresh: dict[int, dict[str, Any]] = {}
    for position, cells in current.items():
        changed = {column: value for column, value in cells.items()
                   if seen.get(position, {}).get(column, missing) != value}
        if changed:
            fresh[position] = changed
    return fresh


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
    """The agreed tier of a row as the grid shows it: ``t3 三档``, ``不分档`` or ``待定档``."""
    criterion = rubric.criterion_index[row.criterion]
    if not isinstance(criterion, Tiered):
        return tr("不分档", "not tiered")
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

    def allowed(row: Row) -> str:
        criterion = rubric.criterion_index[row.criterion]
        if isinstance(criterion, Judged) and (criterion.grades or criterion.step is not None):
            return grades_text(criterion.grades, criterion.step, lang)  # 优 8–10, 良 5–7 (whole points)
        found = tier_range(rubric, tiers, row.vendor_id, row.criterion)
        return f"{plain_number(found[0])}–{plain_number(found[1])}" if found else "—"

    def grade(row: Row) -> str | None:
        choices = grade_choices(rubric.criterion_index[row.criterion])
        picked = next((c for c in choices or () if c.score == row.score), None)
        return picked.text(lang) if picked else None

    columns: dict[str, Any] = {
        "vendor": [r.vendor_name for r in rows],
        "criterion": [_criterion_label(rubric.criterion_index[r.criterion]) for r in rows],
        "tier": [tier_text(rubric, tiers, r) for r in rows],
        "range": [allowed(r) for r in rows],
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


def _join_panel(store: Store, tender: int) -> None:
    """Add the name typed as a new panel member and score as them."""
    name = judge_name(st.session_state.scoring_new_judge)
    if not name:
        st.error(tr("请输入评委姓名。", "Type the judge's name."))
        return
    try:
        name = store.add_judge(ws.actor(), tender, name)
    except BidEvalError as error:
        ws.show_error(error)
        return
    st.session_state.judge = name
    st.session_state.scoring_judge_pick = name
    st.session_state.scoring_new_judge = ""


# -- the page
tender = ws.require_tender()
store = ws.store()
if "judge" not in st.session_state:
    st.session_state.judge = None
if "scoring_round" not in st.session_state:
    st.session_state.scoring_round = 0  # bumped to give the grid a fresh editor after a refusal
if "scoring_seen" not in st.session_state:
    st.session_state.scoring_seen = {}  # editor key → the edited_rows already handled

st.title(tr("评委打分", "Scoring"))
result = ws.result()
rubric = result.rubric
lang = ws.lang()

judges = store.judges(ws.actor(), tender)
me = st.session_state.judge
choices = judges + ([me] if me and me not in judges else [])
# The widget has its own key: Streamlit forgets a widget's state when its page is not shown, "judge" must survive.
if st.session_state.get("scoring_judge_pick") not in choices:
    st.session_state.scoring_judge_pick = me
who, join, button = st.columns([3, 3, 1], vertical_alignment="bottom")
picked = who.selectbox(tr("我是（评委）", "I am (judge)"), choices, key="scoring_judge_pick", index=None,
                       placeholder=tr("选择您的姓名", "Choose your name"))
if picked != me:
    st.session_state.judge = me = picked
join.text_input(tr("不在名单中？输入姓名加入评标委员会", "Not listed? Type your name to join the panel"),
                key="scoring_new_judge")
button.button(tr("加入", "Join"), key="scoring_join", on_click=_join_panel, args=(store, tender), width="stretch")

if not me:
    st.info(tr("请先选择您是哪位评委。您只能看到自己的评分。", "Choose who you are first. You see only your own scores."))
    st.stop()
me = judge_name(me)
judge = ws.judge_actor(tender, me)

undeclared = [(v, n) for v, n in store.bidders(judge, tender)
              if v not in {d.vendor_id for d in store.declarations(judge, tender)}]
if undeclared:  # 回避声明: before any bid is shown (interim form; the judges' pages replace it)
    st.subheader(tr("回避声明", "Conflict-of-interest declaration"))
    st.markdown(tr("打分前，请声明您与以下投标人是否存在利害关系。有利害关系的投标人由您回避，不参与对其打分。",
                   "Before scoring, declare whether you have a conflict of interest with these bidders. "
                   "You do not score a bidder you have a conflict with."))
    names = dict(undeclared)
    conflicts = st.multiselect(tr("与我有利害关系的投标人（没有则留空）", "Bidders I have a conflict with (none: leave empty)"),
                               list(names), format_func=lambda v: f"{names[v]} ({v})", key="scoring_conflicts")
    if st.button(tr("提交回避声明", "Submit my declaration"), key="scoring_declare", type="primary"):
        store.declare(judge, tender, {v: "" for v in conflicts})
        st.rerun()
    st.stop()

panel = rubric.panel_criteria
mine_only = {b.vendor_id for b in store.bidset(judge, tender).bids}  # no bidder this judge is recused from
bids = sorted((b for b in result.ranking if b.vendor_id in mine_only), key=lambda s: s.vendor_id)
if not panel:
    st.info(tr("本评分标准没有需要评委打分的评分项。", "This rubric has no criteria the panel scores."))
    st.stop()
if not bids:
    st.info(tr("没有有效投标，无需打分。", "There is no valid bid to score."))
    st.stop()

tiers = store.tiers(judge, tender)
mine = {(r.vendor_id, r.criterion): r for r in store.scores(judge, tender)}  # this judge's scores only: blind
rows = []
for bid in bids:
    for criterion in panel:
        record = mine.get((bid.vendor_id, criterion.id))
        rows.append(Row(bid.vendor_id, bid.vendor_name, criterion.id,
                        None if record is None or record.score is None else Decimal(record.score),
                        record.comment if record else ""))

# One key per judge, tender and set of rows: a new bid or another judge gets a fresh editor, never stale edits.
identity = hashlib.sha1("\n".join([str(tender), me, *(f"{r.vendor_id} {r.criterion}" for r in rows)])
                        .encode()).hexdigest()[:12]
key = f"scoring_grid_{identity}_{st.session_state.scoring_round}"
seen = st.session_state.scoring_seen
if key not in st.session_state:
    seen.pop(key, None)
edited = {int(p): dict(c) for p, c in st.session_state.get(key, {}).get("edited_rows", {}).items()}
fresh = new_cells(edited, seen.get(key, {}))
saved, refused = save_edits(store, judge, tender, rows, fresh)
focus = rows[max(fresh)].vendor_id if fresh else None  # the proposal beside the grid turns to this row's bid
for position, row in saved.items():
    rows[position] = row
if refused:
    seen.pop(key, None)
    st.session_state.scoring_round += 1  # a fresh editor shows what is saved, not the refused value
    key = f"scoring_grid_{identity}_{st.session_state.scoring_round}"
else:
    seen[key] = edited
if saved:
    st.toast(tr(f"已保存 {len(saved)} 项", f"Saved {len(saved)}"), icon=":material/check:")
for message in refused:
    st.error(message)

st.caption(tr(f"评委：**{me}** · 您只能看到自己的评分；每改一格即保存。",
              f"Judge: **{me}** · you see only your own scores; each cell is saved as soon as you change it."))
done = sum(1 for r in rows if r.score is not None)
given, expected = panel_progress(ws.result()) if saved else panel_progress(result)
mine_col, panel_col = st.columns(2)
mine_col.progress(done / len(rows), text=tr(f"我的评分：已打 {done} / {len(rows)} 项",
                                            f"My scores: {done} of {len(rows)} given"))
panel_col.progress(given / expected if expected else 0.0,
                   text=tr(f"全体评委：已打 {given} / {expected} 项", f"Whole panel: {given} of {expected} given"))

waiting = sum(1 for r in rows if tier_range(rubric, tiers, r.vendor_id, r.criterion) is None)
if waiting:
    st.warning(tr(f"有 {waiting} 项分档评分尚未定档（显示“待定档”）：须等组长在“定档”页面定档后才能打分。",
                  f"Awaiting tier: {waiting} tiered score(s) cannot be given until the chair sets the tier "
                  "on the Tiers page."))

grid = grid_frame(rubric, tiers, rows)
places = tr("、", " or ").join(str(n) for n in sorted({rubric.places(c) for c in panel}))
place = bid_documents.beside_proposals(store, judge, tender, [(b.vendor_id, b.vendor_name) for b in bids], focus)
place.data_editor(
    grid, key=key, hide_index=True, num_rows="fixed", height=min(38 + 35 * len(rows), 760),
    placeholder=tr("未打分", "not scored"),
    disabled=["vendor", "vendor_id", "criterion", "tier", "range"],
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
