"""定档 / Tiers: the chair records each valid bid's agreed tier, keeps the panel list (a judge removed with their
work and a reason; procurement keeps it too), imports a judge's returned score sheet as that judge's scores
(previewed, then confirmed), and — as a separate, confirmed action that lists what it removes — replaces the whole
panel with a panel workbook. Each control shows only for what the user may do now (``Store.capabilities``); what
their roles allow but not now says why instead.
The page reads counts of scores only (``Store.progress``), never a judge's score: a chair who scores too agrees
tiers before submitting.

Seed rule: 由评标委员会在打分前根据各投标人的运营管理方案确定各投标人所属档次，然后评委在相应档次内独立打分。
Actions run in button callbacks, before the page is drawn, so the tables below
always show the database as it is after the action; their outcome is kept in
``st.session_state.tiers_notes`` until shown once.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Callable, Mapping, Sequence, TypeVar

import pandas as pd
import streamlit as st

import workspace as ws
from bideval import messages
from bideval.labels import with_role
from bideval.values import plain_number
from bideval.errors import BidEvalError, PanelError
from bideval.accounts import SignInRefused
from bideval.rights import Action, RightRefused
from bideval.rubric import Tier, Tiered
from bideval.storage import Progress, Store
from bideval.workflow import Stage, StageRefused

ws.enter_page("tiers")
tr = ws.tr
T = TypeVar("T")


def tier_text(tier: Tier) -> str:
    """A tier as the selector shows it: ``t2 二档 5.1–10``."""
    return f"{tier.id} {tier.label.text(ws.lang())} {plain_number(tier.min)}–{plain_number(tier.max)}"


def note(section: str, level: str, text: str) -> None:
    """Keep an action's outcome to show in ``section`` on the next draw."""
    st.session_state.tiers_notes.setdefault(section, []).append((level, text))


def show_notes(section: str) -> None:
    """Show, once, what the last action in ``section`` did."""
    for level, text in st.session_state.tiers_notes.pop(section, []):
        {"error": st.error, "warning": st.warning, "success": st.success}[level](text)


def scored_by(store: Store, tender: int, vendor_id: str, criterion: str) -> list[str]:
    """The judges who have scored this bid on this criterion."""
    return sorted({s.judge for s in store.scores(ws.actor(), tender) if s.vendor_id == vendor_id and s.criterion == criterion
                   and s.score is not None})


def save_tiers(store: Store, tender: int, criterion: Tiered, editor_key: str,
               vendors: Sequence[tuple[str, str]], shown: Mapping[str, tuple[str | None, int]]) -> None:
    """Record every tier changed in the editor (rows are ``vendors``: id, name), each with the version of the tier the
    editor showed (``shown``: vendor id → tier and version, bound when it was drawn), so that a tier changed since by
    another chair or tab is refused as a conflict, not replaced unseen; refusals name bid and judges."""
    edits = st.session_state.get(editor_key, {}).get("edited_rows", {})
    changed = refused = 0
    wanted_rows = [(position, cells["tier"] or None) for position, cells in sorted((int(p), c) for p, c in edits.items())
                   if "tier" in cells and (cells["tier"] or None) != shown.get(vendors[position][0], (None, 0))[0]]
    for done, (position, wanted) in enumerate(wanted_rows):
        vendor_id, vendor_name = vendors[position]
        version = shown.get(vendor_id, (None, 0))[1]
        try:
            store.set_tier(ws.actor(), tender, vendor_id, criterion.id, wanted, expected_version=version)
            changed += 1
            if wanted is None and (judges := scored_by(store, tender, vendor_id, criterion.id)):
                judges = [ws.markdown_text(j) for j in judges]
                note(criterion.id, "warning", f"{ws.markdown_text(vendor_name)} ({vendor_id}): " + tr(
                    f"已撤销定档。评委 {'、'.join(judges)} 的评分仍保留；在重新定档前，评委不能再修改这一项。",
                    f"tier cleared. The scores of {', '.join(judges)} are kept; judges cannot change them "
                    "until a tier is agreed again."))
        except (RightRefused, StageRefused, SignInRefused) as error:  # the user's, not the row's: said once
            refused += 1
            # ... naming each choice not saved (app8: after signing in again the table showed the old tier and only
            # "the session has expired" stood above it)
            unsaved = tr("、", "; ").join(
                f"{ws.markdown_text(vendors[p][1])} ({vendors[p][0]}) → "
                + (tier_text(tier) if t and (tier := criterion.tier(t)) is not None else tr("未定档", "no tier"))
                for p, t in wanted_rows[done:])
            note(criterion.id, "error", "\n\n".join(ws.error_markdown(error, ws.readable_rubric())) + "\n\n" + tr(
                f"以下档次未保存，请核对后重新选择并点击“保存定档”：{unsaved}",
                f"These tiers were not saved; check them, choose them again and save: {unsaved}"))
            break
        except BidEvalError as error:  # the scores outside the tier with their judges, or the tier there now
            refused += 1
            note(criterion.id, "error", ws.lines_markdown(messages.refused_lines(
                error, ws.lang(), vendor_id, vendor_name, criterion, ws.readable_rubric())))
    if changed:
        note(criterion.id, "success", tr(f"已保存 {changed} 个投标的档次。", f"Saved the tier of {changed} bid(s)."))
    if not changed and not refused:
        note(criterion.id, "warning", tr("没有改动。", "Nothing changed."))
    st.session_state.tiers_round += 1  # a fresh editor: the table shows what is saved, refused choices vanish


def add_judge(store: Store, tender: int) -> None:
    """Add the typed name to the panel."""
    name = st.session_state.tiers_new_judge
    try:
        name = store.add_judge(ws.actor(), tender, name)
    except BidEvalError as error:  # no name, or no right or no longer the stage to change the panel: said as it is
        note("panel", "error", "\n\n".join(ws.error_markdown(error)))
        return
    note("panel", "success", tr(f"已加入评委：{ws.markdown_text(name)}", f"Added to the panel: {ws.markdown_text(name)}"))
    st.session_state.tiers_new_judge = ""


def remove_judge(store: Store, tender: int) -> None:
    """Take the chosen judge off the panel, their declarations and scores with them (a reason once they have any)."""
    name = st.session_state.get("tiers_remove_judge")
    if name is None:
        note("panel", "warning", tr("请先选择评委。", "Choose the judge first."))
        return
    try:
        store.remove_judge(ws.actor(), tender, name, st.session_state.get("tiers_remove_reason", ""))
    except BidEvalError as error:
        note("panel", "error", "\n\n".join(ws.error_markdown(error)))
        return
    note("panel", "success", tr(f"已移除评委：{ws.markdown_text(name)}",
                                f"Removed from the panel: {ws.markdown_text(name)}"))
    st.session_state.tiers_remove_judge = None
    st.session_state.tiers_remove_reason = ""


def problems_note(section: str, name: str, error: PanelError) -> None:
    """A refused workbook: nothing changed, and every problem with its place."""
    shown = ws.markdown_text(name)
    note(section, "error", tr(f"**{shown}** 未导入，评委、档次和评分均未改变。请修正以下问题：",
                              f"**{shown}** was not imported; judges, tiers and scores are unchanged. Fix these problems:")
         + "\n\n" + "\n".join(f"- {ws.problem_markdown(p, with_file=p.file != name)}" for p in error.problems))


def attempt(section: str, name: str, call: Callable[[], T]) -> T | None:
    """Run one store call on an uploaded workbook; a refusal is noted in ``section`` (every problem of a refused
    workbook with its place) and gives None."""
    try:
        return call()
    except PanelError as error:
        problems_note(section, name, error)
    except BidEvalError as error:
        note(section, "error", "\n\n".join(ws.error_markdown(error)))
    return None


def preview_sheet(store: Store, tender: int) -> None:
    """What the uploaded score sheet would change in the chosen judge's scores; nothing is written."""
    upload, judge = st.session_state.get("tiers_sheet_file"), st.session_state.get("tiers_sheet_judge")
    st.session_state.pop("tiers_sheet_preview", None)
    if upload is None or judge is None:
        note("sheet", "warning", tr("请先选择评委和评分表。", "Choose the judge and the score sheet first."))
        return
    content = upload.getvalue()
    preview = attempt("sheet", upload.name,
                      lambda: store.preview_score_sheet(ws.actor(), tender, judge, upload.name, content))
    if preview is not None:
        st.session_state.tiers_sheet_preview = (preview, content)


def import_sheet(store: Store, tender: int) -> None:
    """Write the previewed changes as that judge's scores (refused when anything moved since the preview)."""
    preview, content = st.session_state.pop("tiers_sheet_preview")
    count = attempt("sheet", preview.file, lambda: store.import_score_sheet(ws.actor(), tender, preview, content))
    if count is not None:
        note("sheet", "success", tr(f"已导入 {preview.file}：{preview.judge} 的 {count} 项评分已更新，其他评委的评分未改变。",
                                    f"Imported {preview.file}: {count} of {preview.judge}'s scores changed; no other "
                                    "judge's score did."))


def preview_panel(store: Store, tender: int) -> None:
    """What replacing the whole panel with the uploaded workbook would remove and bring; nothing is written."""
    upload = st.session_state.get("tiers_panel_file")
    st.session_state.pop("tiers_panel_preview", None)
    if upload is None:
        note("import", "warning", tr("请先选择评分工作簿。", "Choose a panel workbook first."))
        return
    content = upload.getvalue()
    preview = attempt("import", upload.name, lambda: store.preview_replace_panel(ws.actor(), tender, upload.name, content))
    if preview is not None:
        st.session_state.tiers_panel_preview = (preview, content)


def replace_panel(store: Store, tender: int) -> None:
    """Replace the panel as previewed and confirmed; every problem is listed and nothing changes when it is wrong."""
    preview, content = st.session_state.pop("tiers_panel_preview")
    warnings = attempt("import", preview.file,
                       lambda: store.replace_panel(ws.actor(), tender, preview.file, content, preview))
    if warnings is None:
        return
    for warning in warnings:
        note("import", "warning", ws.problem_markdown(warning, with_file=warning.file != preview.file))
    note("import", "success", tr(f"已导入 {preview.file}：评委、档次和评分已替换为该工作簿的内容。",
                                 f"Imported {preview.file}: the judges, tiers and scores are now the workbook's."))


def show_sheet_preview(rubric) -> None:
    preview = st.session_state.get("tiers_sheet_preview", (None,))[0]
    if preview is None:
        return
    lang = ws.lang()
    blank = messages.blank_rows_kept(preview.blank, lang) if preview.blank else ""
    st.markdown(tr(f"**{ws.markdown_text(preview.file)}** 将更改 **{ws.markdown_text(preview.judge)}** 的 {len(preview.changes)} 项评分"
                   f"（{preview.unchanged} 项相同{blank}）；其他评委的评分不变：",
                   f"**{ws.markdown_text(preview.file)}** would change {len(preview.changes)} of "
                   f"**{ws.markdown_text(preview.judge)}**'s scores ({preview.unchanged} the same{blank}); no other "
                   "judge's:"))
    if preview.changes:
        st.dataframe(pd.DataFrame({
            tr("投标人", "Vendor"): [c.vendor_id for c in preview.changes],
            tr("评分项", "Criterion"): [rubric.criterion_index[c.criterion].name.text(lang) for c in preview.changes],
            tr("原分", "Now"): [plain_number(c.old) if c.old is not None else "" for c in preview.changes],
            tr("新分", "Becomes"): [plain_number(c.new) if c.new is not None else "" for c in preview.changes],
            tr("原评语", "Comment now"): [c.old_comment for c in preview.changes],
            tr("新评语", "Comment becomes"): [c.new_comment for c in preview.changes],
        }), hide_index=True, width="stretch", key="tiers_sheet_changes")
    for warning in preview.warnings:
        st.warning(ws.problem_markdown(warning, with_file=warning.file != preview.file))


def show_panel_preview() -> None:
    preview = st.session_state.get("tiers_panel_preview", (None,))[0]
    if preview is None:
        return
    join = tr("、", ", ")
    st.warning(tr("替换将删除本项目现有的全部评委、档次和评分，改为工作簿中的内容：",
                  "Replacing removes every judge, tier and score of this tender and puts the workbook's in their place:")
               + "\n\n" + "\n".join([
                   tr(f"- 删除 {preview.scores_removed} 项评分，导入 {preview.scores_added} 项",
                      f"- {preview.scores_removed} score(s) removed, {preview.scores_added} imported"),
                   tr(f"- 移除评委：{join.join(preview.judges_removed) or '无'}",
                      f"- judges removed: {join.join(preview.judges_removed) or 'none'}"),
                   tr(f"- 新增评委：{join.join(preview.judges_added) or '无'}",
                      f"- judges added: {join.join(preview.judges_added) or 'none'}"),
                   tr(f"- 改变档次：{preview.tiers_changed} 项", f"- tiers changed: {preview.tiers_changed}"),
               ]), icon=":material/warning:")
    for warning in preview.warnings:
        st.warning(ws.problem_markdown(warning, with_file=warning.file != preview.file))


# -- the page
tender = ws.require_tender()
store = ws.store()
if "tiers_round" not in st.session_state:
    st.session_state.tiers_round = 0
if "tiers_notes" not in st.session_state:
    st.session_state.tiers_notes = {}
rubric = store.rubric(ws.actor(), tender)
lang = ws.lang()
tiered = [c for c in rubric.panel_criteria if isinstance(c, Tiered)]
versions = store.tier_versions(ws.actor(), tender)  # (vendor_id, criterion) → (tier, version), as the tables show them
agreed = {k: tier for k, (tier, _) in versions.items()}
may = ws.capabilities()

st.title(tr("定档", "Tiers"))
st.caption(tr("由评标委员会在打分前根据投标文件确定各投标人在每个分档评分项上所属的档次，然后评委在相应档次内独立打分。",
              "Before scoring, the panel agrees each bidder's tier on each tiered criterion from its bid; each judge "
              "then scores independently inside that tier."))
info = store.tender(ws.actor(), tender)
if info.stage is Stage.SETUP:
    st.info(tr("本项目处于准备阶段：在“评审”页面开始评分后，评委才能打分。",
               "This tender is being set up: judges score once scoring opens (on the Review page)."))
blind = ws.blind_seat(may)
if blind is not None:  # the chair scores too: counts of scores here, never a score of another judge
    st.info(ws.held_back_text(blind), icon=":material/visibility_off:")
try:  # which bids are valid and how many judges scored each: counts only, never a judge's score
    progress: Progress | None = store.progress(ws.actor(), tender)
except BidEvalError as error:  # a chair whose own seat has yet to declare reads no bid, not even which are valid
    ws.show_error(error)
    progress = None
names = dict(store.bidders(ws.actor(), tender))
bids = sorted((v, names.get(v, v)) for v, _, _ in progress.bids) if progress else []  # valid bids, by vendor id

if progress is None:
    st.caption(tr("作出回避声明后，这里列出各有效投标的档次。", "The valid bids' tiers are listed here once you have declared."))
elif not tiered:
    st.info(tr("本评分标准没有分档评分项，无需定档。", "This rubric has no tiered criteria: there is nothing to agree."))
elif not bids:
    st.info(tr("没有有效投标，无需定档。", "There is no valid bid to place in a tier."))
else:
    done = sum(1 for v, _ in bids for c in tiered if (v, c.id) in agreed)
    total = len(bids) * len(tiered)
    st.progress(done / total, text=tr(f"已定档 {done} / {total}，待定 {total - done}",
                                      f"Tiers agreed: {done} of {total}, {total - done} to agree"))
    if len(names) > len(bids):
        st.caption(tr(f"{len(names) - len(bids)} 份无效投标不参与定档和打分。",
                      f"{len(names) - len(bids)} invalid bid(s) are neither tiered nor scored."))
    given = {(v, c): n for v, c, n in progress.scored}
    for criterion in tiered:
        st.subheader(f"{criterion.name.text(lang)} · {tr('满分', 'max')} {plain_number(criterion.max)}")
        st.markdown("\n".join(
            f"- **{tier_text(t)}**" + (tr("：", ": ") + t.description.text(lang) if t.description else "")
            for t in criterion.tiers))
        show_notes(criterion.id)
        key = f"tiers_grid_{tender}_{criterion.id}_{st.session_state.tiers_round}"
        table = pd.DataFrame({
            "vendor": [n for _, n in bids],
            "vendor_id": [v for v, _ in bids],
            "tier": [agreed.get((v, criterion.id)) for v, _ in bids],
            "scored": [given.get((v, criterion.id), 0) for v, _ in bids],
        })
        choices = {t.id: tier_text(t) for t in criterion.tiers}
        editable, saves = Action.SET_TIER in may.now, may.role_allows(Action.SET_TIER)
        with st.form(f"tiers_form_{criterion.id}", border=False) if saves else st.container():
            st.data_editor(
                table, key=key, hide_index=True, num_rows="fixed",
                disabled=["vendor", "vendor_id", "scored"] + ([] if editable else ["tier"]),
                placeholder=tr("未定档", "not agreed"),
                column_config={
                    "vendor": st.column_config.TextColumn(tr("投标人", "Vendor")),
                    "vendor_id": st.column_config.TextColumn(tr("统一社会信用代码", "Vendor ID")),
                    "tier": st.column_config.SelectboxColumn(
                        tr("档次", "Tier"), options=list(choices), format_func=choices.get, required=False,
                        width="medium", help=tr("点选档次；清空即撤销定档", "Pick the agreed tier; clear it to undo")),
                    "scored": st.column_config.NumberColumn(
                        tr("已打分评委数", "Judges who scored"),
                        help=tr("已在本项打分的评委人数；改档时这些评分须落在新档范围内",
                                "Judges who already scored this; a new tier must contain their scores")),
                })
            if saves:
                st.form_submit_button(
                    tr("保存定档", "Save tiers"), key=f"tiers_save_{criterion.id}", type="primary", disabled=not editable,
                    help=None if editable else ws.lines_markdown(messages.error_lines(may.refused[Action.SET_TIER],
                                                                                      lang)),
                    on_click=save_tiers, args=(store, tender, criterion, key, bids, {
                        v: versions.get((v, criterion.id), (None, 0)) for v, _ in bids}))

st.divider()
st.subheader(tr("评标委员会", "Panel"))
show_notes("panel")
roles = store.panel_roles(ws.actor(), tender)  # each seat with its role on the panel, as the report lists it
members = list(roles)
if members and progress is not None:
    st.dataframe(pd.DataFrame({
        tr("评委", "Judge"): [with_role(j, roles.get(j, "")) for j, *_ in progress.judges],
        tr("已打分", "Scores given"): [n for _, n, _, _ in progress.judges],
        tr("应打分", "Scores due"): [due for _, _, due, _ in progress.judges],
    }), hide_index=True, key="tiers_members")
elif members:
    listed = (with_role(name, role) for name, role in roles.items())
    st.markdown(tr("评委：", "Judges: ") + ws.markdown_text(tr("、", ", ").join(listed)))
else:
    st.info(tr("尚无评委。请在下方添加，或导入评分工作簿。", "No judges yet. Add them below or import a panel workbook."))
if ws.offered(may, Action.MANAGE_PANEL):  # the chair's and procurement's, while the panel may change
    with st.form("tiers_judge_form", border=False):
        name_col, add_col = st.columns([4, 1], vertical_alignment="bottom")
        name_col.text_input(tr("新评委姓名", "New judge's name"), key="tiers_new_judge")
        add_col.form_submit_button(tr("添加评委", "Add judge"), key="tiers_add_judge", on_click=add_judge,
                                   args=(store, tender), width="stretch")
if members and Action.MANAGE_PANEL in may.now:
    with st.form("tiers_remove_form", border=False):
        who_col, why_col, remove_col = st.columns([2, 3, 1], vertical_alignment="bottom")
        who_col.selectbox(tr("移除评委", "Remove a judge"), members, key="tiers_remove_judge", index=None,
                          placeholder=tr("选择评委", "Choose the judge"))
        why_col.text_input(tr("理由（评委已声明或打分时必填，记入审计记录）",
                              "Reason (needed once the judge has declared or scored; kept in the audit trail)"),
                           key="tiers_remove_reason")
        remove_col.form_submit_button(tr("移除", "Remove"), key="tiers_remove", on_click=remove_judge,
                                      args=(store, tender), width="stretch")
    st.caption(tr("已作出回避声明或打分的评委席位不能交给其他账户：移除该评委（其声明和评分一并删除），再添加新的评委席位。",
                  "A seat that has declared or scored goes to no other account: remove that judge (their "
                  "declarations and scores go with them) and add a new seat."))


def score_sheet_section() -> None:
    """Importing a judge's returned score sheet (the chair's, in the scoring stage)."""
    st.divider()
    st.subheader(tr("导入评委交回的评分表", "Import a judge's returned score sheet"))
    st.caption(tr("每位评委的空白评分表在“导出”页面下载。只导入所选评委的评分，按本系统中已定的档次校验；每行的投标人名称和评分项名称须与该行的统一社会信用代码和评分项一致"
                  "（逐列排序过的评分表会被拒绝）。导入前先预览将改变的内容，确认后才写入。评分表不需要 Tiers 工作表。",
                  "Each judge's blank score sheet is downloaded on the Export page. Imports the chosen judge's "
                  "scores only, checked against the tiers agreed here; each row's bidder "
                  "and criterion names must go with its vendor_id and criterion (a sheet sorted one column at a time "
                  "is refused). A preview shows what changes, and nothing is written until you confirm. The sheet "
                  "needs no Tiers sheet."))
    show_notes("sheet")
    if not ws.offered(may, Action.IMPORT_SCORES):
        return
    judge_col, file_col = st.columns([1, 2])
    judge_col.selectbox(tr("评委", "Judge"), members, key="tiers_sheet_judge", index=None,
                        placeholder=tr("选择评委", "Choose the judge"))
    file_col.file_uploader(tr("评分表（.xlsx）", "Score sheet (.xlsx)"), type=["xlsx"], key="tiers_sheet_file")
    st.button(tr("预览", "Preview"), key="tiers_sheet_preview_button", on_click=preview_sheet, args=(store, tender))
    show_sheet_preview(rubric)
    if "tiers_sheet_preview" in st.session_state:
        st.button(tr("确认导入", "Confirm the import"), key="tiers_sheet_import", type="primary",
                  on_click=import_sheet, args=(store, tender))


def replace_section() -> None:
    """Replacing the whole panel with a workbook (the chair's, while no seat has submitted)."""
    st.divider()
    st.subheader(tr("替换整个评标委员会", "Replace the whole panel"))
    st.caption(tr("工作表 Scores（列：评委、统一社会信用代码、评分项、得分、备注）、Tiers（列：统一社会信用代码、评分项、档次），"
                  "可选 Judges（列：评委）；列名也可用英文。替换将删除本项目现有的全部评委、档次和评分；先预览将删除的内容，"
                  "确认后才替换；有任何错误则全部不导入。",
                  "Sheets Scores (judge, vendor_id, criterion, score, comment), Tiers (vendor_id, criterion, tier) and "
                  "optionally Judges (judge). Replacing removes every judge, tier and score of this tender: a preview "
                  "lists what goes, and nothing changes until you confirm; with any error nothing is imported."))
    show_notes("import")
    if not ws.offered(may, Action.REPLACE_PANEL):
        return
    st.file_uploader(tr("评分工作簿（.xlsx）", "Panel workbook (.xlsx)"), type=["xlsx"], key="tiers_panel_file")
    st.button(tr("预览替换", "Preview the replacement"), key="tiers_import", on_click=preview_panel,
              args=(store, tender))
    show_panel_preview()
    if "tiers_panel_preview" in st.session_state:
        sure = st.checkbox(tr("我确认删除上述评委、档次和评分，替换为工作簿的内容", "I confirm: remove the judges, tiers "
                              "and scores above and put the workbook's in their place"), key="tiers_replace_sure")
        st.button(tr("替换评标委员会", "Replace the panel"), key="tiers_replace", type="primary", disabled=not sure,
                  on_click=replace_panel, args=(store, tender))


if may.role_allows(Action.IMPORT_SCORES):
    score_sheet_section()
if may.role_allows(Action.REPLACE_PANEL):
    replace_section()
