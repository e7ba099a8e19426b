"""评审 / Review (the chair; procurement opens scoring here): where the evaluation stands and what stands before the
final result.

The stage (setup → scoring → review → final) and the buttons that move it; scoring progress per judge and per
bid; who is recused from which bidder; a written finding for every outlying score, abnormally low price and
incomplete bid; the agreed score per bid and criterion where the rubric aggregates by consensus; finalising
(refused, with every blocker listed, until nothing is unresolved) and reopening with a reason. A control shows only
for what the user may do now (``Store.capabilities``); every action is one store call that checks the user's role
and the stage again and is written to the audit trail.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd
import streamlit as st

import workspace as ws
from bideval import messages
from bideval.allowed_scores import parse_score_entry, same_score
from bideval.analysis import panel_bids
from bideval.currency import money_amount
from bideval.errors import BidEvalError
from bideval.labels import FINDING_NAMES, with_role
from bideval.result import Result, flag_label
from bideval.rights import Action, Actor
from bideval.rubric import Aggregate
from bideval.storage import Capabilities, Store, WriteConflict
from bideval.values import plain_number, typed
from bideval.workflow import STAGE_NAMES_ZH, AgreedScore, FindingKind, Flag, Stage, flags_to_resolve

EMPTY = {"added_rows": [], "deleted_rows": []}


def stage_name(stage: Stage) -> str:
    return STAGE_NAMES_ZH[stage] if ws.lang() == "zh" else stage.value


def act(call, *args: Any, **kwargs: Any) -> bool:
    """Run one store call, showing its refusal in the UI language; whether it went through."""
    try:
        call(*args, **kwargs)
    except BidEvalError as error:
        ws.show_error(error)
        return False
    return True


def stage_section(store: Store, chair: Actor, tender: int, may: Capabilities) -> Stage:
    tr = ws.tr
    info = store.tender(chair, tender)
    text = tr(f"当前阶段：**{stage_name(info.stage)}**", f"Stage: **{stage_name(info.stage)}**")
    if info.stage is Stage.FINAL and info.finalised_at is not None:
        text += tr(f"，由 {ws.markdown_text(info.finalised_by or '')} 于 {info.finalised_at:%Y-%m-%d %H:%M}（UTC）确认",
                   f", signed by {ws.markdown_text(info.finalised_by or '')} on {info.finalised_at:%Y-%m-%d %H:%M} UTC")
    st.markdown(text)
    if Action.OPEN_SCORING in may.now:
        if st.button(tr("开始评分", "Open scoring"), key="review_open", type="primary"):
            if act(store.open_scoring, chair, tender):
                st.rerun()
    elif Action.CLOSE_SCORING in may.now:
        reason = st.text_input(tr("结束评分的理由（尚有评委未提交时必填）", "Why scoring closes (needed while a judge has "
                                  "not submitted)"), key="review_close_reason")
        if st.button(tr("结束评分，进入复核", "Close scoring and review"), key="review_close", type="primary"):
            if act(store.close_scoring, chair, tender, reason):
                st.rerun()
    return info.stage


def progress_section(store: Store, chair: Actor, tender: int, names: dict[str, str]) -> None:
    tr = ws.tr
    try:
        progress = store.progress(chair, tender)
    except BidEvalError as error:  # a chair who scores too reads no bid, not even which are valid, before declaring
        ws.show_error(error)
        return
    roles = store.panel_roles(chair, tender)  # each seat with its role on the panel, as the report lists it
    left, right = st.columns(2)
    left.markdown(tr("**各评委**", "**Per judge**"))
    left.dataframe(pd.DataFrame({
        tr("评委", "Judge"): [with_role(j, roles.get(j, "")) for j, *_ in progress.judges],
        tr("已打分", "Given"): [given for _, given, _, _ in progress.judges],
        tr("应打分", "Due"): [due for _, _, due, _ in progress.judges],
        tr("已提交", "Submitted"): [done for *_, done in progress.judges],
    }), hide_index=True, width="stretch", key="review_judges")
    right.markdown(tr("**各投标**", "**Per bid**"))
    right.dataframe(pd.DataFrame({
        tr("投标人", "Vendor"): [names.get(v, v) for v, _, _ in progress.bids],
        tr("已打分", "Given"): [given for _, given, _ in progress.bids],
        tr("应打分", "Due"): [due for _, _, due in progress.bids],
    }), hide_index=True, width="stretch", key="review_bids")
    recused = store.recusals(chair, tender)
    st.markdown(tr("**回避**", "**Recused**"))
    if recused:
        st.dataframe(pd.DataFrame({
            tr("评委", "Judge"): [with_role(d.judge, roles.get(d.judge, "")) for d in recused],
            tr("投标人", "Vendor"): [f"{names.get(d.vendor_id, d.vendor_id)} ({d.vendor_id})" for d in recused],
            tr("说明", "What it is"): [d.note for d in recused],
            tr("声明时间（UTC）", "Declared (UTC)"): [f"{d.declared_at:%Y-%m-%d %H:%M}" for d in recused],
        }), hide_index=True, width="stretch", key="review_recused")
    else:
        st.caption(tr("没有评委声明回避。", "No judge has declared a conflict of interest."))


def flag_facts(result: Result, flag: Flag) -> str:
    """What a flag is about, with its figures: the judge's score and the panel's mean; the evaluated price."""
    tr = ws.tr
    if flag.kind is FindingKind.OUTLIER:
        outlier = next(o for o in result.outliers if (o.vendor_id, o.criterion, o.judge) ==
                       (flag.vendor_id, flag.criterion, flag.judge))
        mean = result.panel_mean_text(outlier)  # as the report states it, rounded half-up
        return tr(f"{flag.judge} 打 {plain_number(outlier.score)}，全体平均 {mean}",
                  f"{flag.judge} gave {plain_number(outlier.score)}; panel mean {mean}")
    if flag.kind is FindingKind.ABNORMAL_LOW:
        price = money_amount(result.standing(flag.vendor_id).evaluated_price, result.rubric.currency, ws.lang())
        return tr(f"评审价格 {price}", f"evaluated price {price}")
    return flag_label(result.standing(flag.vendor_id), flag.kind.value).text(ws.lang())  # the judges' scores or the agreed


def editor_form(key: str, saves: bool) -> Any:
    """Where a section's editor is drawn: a form with its save button for a user who saves there (now, or in another
    stage: the button is then disabled), else a plain container showing what is recorded."""
    return st.form(key, border=False) if saves else st.container()


def show_refusals(name: str) -> None:
    """The refusals of the section's last save, once."""
    for text in st.session_state.pop(f"review_refused_{name}", []):
        st.error(text)


def after_save(name: str, saved_note: str | None, refused: list[str], conflict: bool) -> None:
    """Rerun showing what the save did: its refusals, and a fresh editor showing what is stored — unless every
    refusal is one the chair corrects where it was typed (a reason to add), which keeps their edits on screen. A
    conflict always gets the fresh editor: it shows the value someone else saved meanwhile, to decide again."""
    if refused:
        st.session_state[f"review_refused_{name}"] = refused
    if conflict or not refused:
        st.session_state.review_round += 1
    if saved_note:
        st.session_state.review_note = saved_note
    st.rerun()


def findings_section(store: Store, chair: Actor, tender: int, result: Result, may: Capabilities) -> None:
    tr, lang = ws.tr, ws.lang()
    flags = flags_to_resolve(result)
    previous = ws.shown("review_findings")  # read before this run draws the editor again
    show_refusals("findings")
    if not flags:
        st.caption(tr("没有需要书面意见的情况（畸高畸低评分、异常低价、评分未完成）。",
                      "Nothing needs a written finding (no outlying score, abnormally low price or incomplete bid)."))
        return
    recorded = {flag: (text, by, version) for flag, text, by, version in store.findings(chair, tender)}
    typed = typed_before_sign_in(chair, tender)
    # flag, text recorded, by, version, text shown: as the editor shows them (what was typed before the session
    # ended, with the version it was typed over, until the chair saves it)
    shown = [(f, text, by, *typed.get(f, (version, text))) for f in flags
             for text, by, version in [recorded.get(f, ("", "", 0))]]
    if any(f in typed for f in flags):
        st.info(tr("登录过期前您输入、尚未保存的书面意见已保留在下表中：请核对后点击“保存意见”。",
                   "The written findings you typed before your session ended, not saved yet, are kept below: check "
                   "them and click Save the findings."), icon=":material/history:")
    rubric = result.rubric
    table = pd.DataFrame({
        "kind": [FINDING_NAMES[f.kind.value].text(lang) for f in flags],
        "vendor": [f"{result.standing(f.vendor_id).vendor_name} ({f.vendor_id})" for f in flags],
        "criterion": [rubric.criterion_index[f.criterion].name.text(lang) if f.criterion else "" for f in flags],
        "facts": [flag_facts(result, f) for f in flags],
        "finding": [text for *_, text in shown],
        "by": [by for _, _, by, _, _ in shown],
    })
    key = ws.editor_key("review_findings", flags, st.session_state.review_round)
    ws.remember_shown("review_findings", key, shown)
    editable = Action.RECORD_FINDING in may.now
    with editor_form("review_findings_form", may.holds(Action.RECORD_FINDING)):
        st.data_editor(table, key=key, hide_index=True, num_rows="fixed", width="stretch",
                       disabled=[c for c in table.columns if c != "finding" or not editable], column_config={
                           "kind": st.column_config.TextColumn(tr("情况", "What")),
                           "vendor": st.column_config.TextColumn(tr("投标人", "Vendor")),
                           "criterion": st.column_config.TextColumn(tr("评分项", "Criterion")),
                           "facts": st.column_config.TextColumn(tr("数据", "Figures")),
                           "finding": st.column_config.TextColumn(tr("书面意见", "Written finding"), width="large"),
                           "by": st.column_config.TextColumn(tr("记录人", "By")),
                       })
        pressed = may.holds(Action.RECORD_FINDING) and st.form_submit_button(
            tr("保存意见", "Save the findings"), key="review_save_findings", type="primary", disabled=not editable,
            help=None if editable else tr("结束评分、进入复核阶段后记录意见", "Findings are recorded in the review stage"))
    if pressed and previous is not None:
        # The edits are positions in the rows the editor showed, saved with the versions it showed.
        old_key, old_rows = previous
        saved, refused, conflict = 0, [], False
        edits = {int(p): c for p, c in st.session_state.get(old_key, {}).get("edited_rows", {}).items()}
        for position, (flag, before, _, version, showing) in enumerate(old_rows):
            text = finding_typed(edits.get(position, {}), showing)
            if text == before:
                continue
            try:
                store.record_finding(chair, tender, flag.kind, flag.vendor_id, text, flag.criterion, flag.judge,
                                     expected_version=version)
                saved += 1
            except BidEvalError as error:
                refused.append("\n\n".join(ws.error_markdown(error, rubric)))
                conflict = conflict or isinstance(error, WriteConflict)
        ws.forget_typed("review_findings")
        after_save("findings", tr(f"已保存 {saved} 条意见。", f"Saved {saved} finding(s).") if saved else None,
                   refused, conflict)


def finding_typed(cells: dict[str, Any], showing: str) -> str:
    """A finding's text as the editor holds it and the store files it (a pasted zero-width space is no change): the
    cell's edit, else the text it showed."""
    return typed(str(cells["finding"] if "finding" in cells else showing or ""))


def typed_before_sign_in(chair: Actor, tender: int) -> dict[Flag, tuple[int, str]]:
    """The findings the chair typed and had not saved when their session ended (``workspace.keep_typed``): flag →
    (the version it was typed over, the text)."""
    back = ws.typed_before("review_findings", chair, tender)
    if back is None:
        return {}
    rows, edits = back
    typed = {}
    for position, (flag, before, _, version, showing) in enumerate(rows):
        text = finding_typed(edits.get(position, {}), showing)
        if text and text != before:
            typed[flag] = (version, text)
    return typed


def consensus_section(store: Store, chair: Actor, tender: int, result: Result, may: Capabilities) -> None:
    """The panel's agreed score per bid and criterion (``panel.aggregate: consensus``), each with its reason."""
    tr, lang = ws.tr, ws.lang()
    rubric = result.rubric
    st.subheader(tr("合议得分", "Consensus scores"))
    st.caption(tr("本评分标准按合议计分：全体评委提交后，由组长录入每个投标每个评分项的合议得分及理由，代替平均分；各评委的评分仍保留在记录和导出文件中。",
                  "This rubric aggregates by consensus: once every judge has submitted, the chair enters one agreed "
                  "score per bid and criterion with its reason, which counts instead of the mean; each judge's "
                  "score stays on record and in the exports."))
    previous = ws.shown("review_consensus")
    show_refusals("consensus")
    agreed = store.agreed_scores(chair, tender)
    typed = consensus_typed_before_sign_in(chair, tender)
    # vendor_id, vendor name, criterion id, agreed score and its reason on record, its version, the score and reason
    # shown: one row per bid (in rank order) and criterion, as the editor shows them (the reason on record beside its
    # score; what was typed before the session ended, with the version it was typed over, until the chair saves it)
    # (the ranked bids, then those below a pass mark whose agreed scores are still to settle: panel_bids)
    shown = [(vendor_id, vendor_name, c.id, score, reason,
              *typed.get((vendor_id, c.id), (version, showing_text(score), reason)))
             for vendor_id, vendor_name in panel_bids(result) for c in rubric.panel_criteria
             for score, reason, version in [on_record(agreed.get((vendor_id, c.id)))]]
    if typed:
        st.info(tr("登录过期前您输入、尚未保存的合议得分已保留在下表中：请核对后点击“保存合议得分”。",
                   "The agreed scores you typed before your session ended, not saved yet, are kept below: check "
                   "them and click Save the agreed scores."), icon=":material/history:")
    given: dict[tuple[str, str], list[str]] = {}
    roles = store.panel_roles(chair, tender)  # each judge named with their role, as the progress table names them
    for x in result.panel_scores:
        if x.score is not None:
            given.setdefault((x.vendor_id, x.criterion), []).append(
                f"{with_role(x.judge, roles.get(x.judge, ''))} {plain_number(x.score)}")
    table = pd.DataFrame({
        "vendor": [n for _, n, *_ in shown],
        "criterion": [rubric.criterion_index[c].name.text(lang) for _, _, c, *_ in shown],
        "judges": [tr("、", ", ").join(given.get((v, c), [])) for v, _, c, *_ in shown],
        "score": pd.Series([row[6] for row in shown], dtype="string"),
        "reason": [row[7] for row in shown],
    })
    key = ws.editor_key("review_consensus", [(v, c) for v, _, c, *_ in shown], st.session_state.review_round)
    ws.remember_shown("review_consensus", key, shown)
    editable = Action.SET_CONSENSUS in may.now
    with editor_form("review_consensus_form", may.holds(Action.SET_CONSENSUS)):
        st.data_editor(table, key=key, hide_index=True, num_rows="fixed", width="stretch",
                       placeholder=tr("未录入", "not agreed yet"),
                       disabled=[c for c in table.columns if c not in ("score", "reason") or not editable],
                       column_config={
                           "vendor": st.column_config.TextColumn(tr("投标人", "Vendor")),
                           "criterion": st.column_config.TextColumn(tr("评分项", "Criterion")),
                           "judges": st.column_config.TextColumn(tr("各评委评分", "Judges' scores")),
                           "score": st.column_config.TextColumn(tr("合议得分", "Agreed score")),
                           "reason": st.column_config.TextColumn(tr("理由（必填）", "Reason (needed)"), width="large"),
                       })
        pressed = may.holds(Action.SET_CONSENSUS) and st.form_submit_button(
            tr("保存合议得分", "Save the agreed scores"), key="review_save_consensus", type="primary",
            disabled=not editable)
    if pressed and previous is not None:
        # The edits are positions in the rows the editor showed — by bid and criterion, not by rank now (a consensus
        # score saved meanwhile in another tab may have reordered the ranking) — saved with the versions it showed.
        old_key, old_rows = previous
        tiers = store.tiers(chair, tender)
        saved, refused, conflict = 0, [], False
        edits = {int(p): c for p, c in st.session_state.get(old_key, {}).get("edited_rows", {}).items()}
        for position, (vendor_id, vendor_name, criterion_id, before, why, version, *showing) in enumerate(old_rows):
            criterion = rubric.criterion_index[criterion_id]
            score_text, reason = consensus_typed(edits.get(position, {}), *showing)
            try:  # a new score, or the same one with a new reason; a cleared cell is refused by the store, saying so
                score = before if score_text == showing_text(before) else parse_score_entry(
                    criterion, tiers.get((vendor_id, criterion_id)), score_text, decimals=rubric.places(criterion))
                if same_score(score, before) and reason == why:
                    continue
                store.set_consensus(chair, tender, vendor_id, criterion_id, score, reason, expected_version=version)
                saved += 1
            except BidEvalError as error:
                refused.append(ws.lines_markdown(messages.refused_lines(error, lang, vendor_id, vendor_name,
                                                                        criterion, rubric)))
                conflict = conflict or isinstance(error, WriteConflict)
        ws.forget_typed("review_consensus")
        after_save("consensus", tr(f"已保存 {saved} 项合议得分。", f"Saved {saved} agreed score(s).") if saved else None,
                   refused, conflict)


def showing_text(score: Decimal | None) -> str | None:
    """An agreed score as the consensus editor shows it (None: not agreed yet)."""
    return None if score is None else str(score)


def on_record(agreed: AgreedScore | None) -> tuple[Decimal | None, str, int]:
    """An agreed score as the consensus editor starts from it: the score, its reason and its version (none yet: no
    score, no reason, version 0)."""
    return (None, "", 0) if agreed is None else (agreed.score, agreed.reason, agreed.version)


def consensus_typed(cells: dict[str, Any], score: str | None, reason: str) -> tuple[str | None, str]:
    """An agreed score's row as the editor holds it: the cells' edits, else the score and reason it showed (the
    reason as the store files it)."""
    return (cells["score"] if "score" in cells else score,
            typed(str(cells["reason"] if "reason" in cells else reason or "")))


def consensus_typed_before_sign_in(chair: Actor, tender: int) -> dict[tuple[str, str], tuple[int, str | None, str]]:
    """The agreed scores the chair typed and had not saved when their session ended (``workspace.keep_typed``):
    (vendor, criterion) → (the version it was typed over, the score typed, the reason)."""
    back = ws.typed_before("review_consensus", chair, tender)
    if back is None:
        return {}
    rows, edits = back
    typed = {}
    for position, (vendor_id, _, criterion_id, before, why, version, *showing) in enumerate(rows):
        score, reason = consensus_typed(edits.get(position, {}), *showing)
        if score != showing_text(before) or reason != why:
            typed[(vendor_id, criterion_id)] = (version, score, reason)
    return typed


def finalise_section(store: Store, chair: Actor, tender: int, stage: Stage, may: Capabilities) -> None:
    tr = ws.tr
    if stage in (Stage.SETUP, Stage.SCORING) and may.holds(Action.FINALISE):
        st.caption(tr("结束评分、进入复核阶段后，才能在这里确认最终结果（定稿）。",
                      "Once scoring is closed and the tender is in review, the result is finalised here."))
    if stage is Stage.REVIEW:
        found = store.blockers(chair, tender)
        if found:
            st.warning(ws.markdown_text(messages.sentence("finalise.refused", {"tender": tender, "blockers": found},
                                                          ws.lang(), rubric=store.rubric(chair, tender))))
        if Action.FINALISE in may.now and st.button(
                tr("确认最终结果（定稿）", "Finalise the result"), key="review_finalise", type="primary",
                disabled=bool(found), help=tr("先处理上面列出的事项。", "Resolve what is listed above first.")
                if found else None):
            if act(store.finalise, chair, tender):
                st.rerun()
    reopen_section(store, chair, tender, stage, may)


def reopen_section(store: Store, chair: Actor, tender: int, stage: Stage, may: Capabilities) -> None:
    tr = ws.tr
    if Action.REOPEN in may.now:
        back = Stage.REVIEW if stage is Stage.FINAL else Stage.SCORING
        with st.form("review_reopen_form", clear_on_submit=True):
            reason = st.text_input(tr(f"退回“{stage_name(back)}”阶段的理由（必填，记入审计记录）",
                                      f"Why it goes back to {stage_name(back)} (needed; it goes into the audit trail)"),
                                   key="review_reopen_reason")
            if st.form_submit_button(tr("重新开启", "Reopen"), key="review_reopen"):
                if act(store.reopen, chair, tender, reason):
                    st.rerun()


def main() -> None:
    ws.enter_page("review")
    tr = ws.tr
    tender = ws.require_tender()
    store = ws.store()
    chair = ws.actor()
    if "review_round" not in st.session_state:
        st.session_state.review_round = 0  # bumped to give the editors a fresh start after a save
    st.title(tr("评审", "Review"))
    may = ws.capabilities()
    note = st.session_state.pop("review_note", None)
    if note:
        st.success(note)
    stage = stage_section(store, chair, tender, may)
    st.subheader(tr("评分进度", "Scoring progress"))
    progress_section(store, chair, tender, dict(store.bidders(chair, tender)))
    blind = ws.blind_seat(may)
    if blind is not None:  # the findings, consensus and blockers show the other judges' scores and the prices
        st.info(ws.held_back_text(blind), icon=":material/visibility_off:")
        reopen_section(store, chair, tender, stage, may)
        return
    result = store.evaluate(chair, tender)
    st.subheader(tr("书面意见", "Written findings"))
    findings_section(store, chair, tender, result, may)
    if result.rubric.panel.aggregate is Aggregate.CONSENSUS:
        consensus_section(store, chair, tender, result, may)
    st.subheader(tr("定稿", "Finalise"))
    finalise_section(store, chair, tender, stage, may)


if __name__ == "__main__":
    main()
