"""招标项目 / Tenders: list and switch tenders, create one from a rubric, and read the current tender's rubric."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

import workspace as ws
from bideval.errors import BidEvalError, Problem, RubricError
from bideval.rubric import GROUP_ORDER, Rubric, parse_rubric
from bideval.rubric_view import KIND_LABELS, aggregate_text, criterion_rule, demand_rows, group_rule, max_text
from bideval.rights import Action, Actor
from bideval.rubric_yaml import rubric_text_warnings, rubric_warnings as rubric_warnings_of
from bideval.storage import Store
from bideval.values import plain_number

LIBRARY = "library"
UPLOAD = "upload"
MAX_RUBRIC_MB = 1


# -- helpers without widgets (tests call them directly)

def library() -> list[Path]:
    """The shipped rubrics: criteria/*.yaml, by file name."""
    return sorted(ws.CRITERIA.glob("*.yaml"))


@st.cache_data(show_spinner=False, max_entries=64)
def rubric_title(data: bytes, name: str) -> tuple[str, str] | None:
    """A rubric file's title (zh, en), or None when it does not load."""
    try:
        rubric = parse_rubric(data, name)
    except BidEvalError:
        return None
    return rubric.title.zh, rubric.title.en


@st.cache_data(show_spinner=False, max_entries=64)
def rubric_warnings(data: bytes, name: str) -> tuple[Problem, ...]:
    """What a rubric file may say but seldom means, as ``check`` warns of it; none when it does not load (creating
    the tender then lists its problems)."""
    try:
        return rubric_text_warnings(data, name)
    except BidEvalError:
        return ()


def create_tender(store: Store, actor: Actor, name: str, file_name: str, data: bytes) -> int:
    """A new tender from a rubric file's bytes (who gets which role is the store's rule); RubricError (every
    problem) and nothing created when it is wrong."""
    return store.create_tender(actor, name, data, file_name)


def criterion_groups(rubric: Rubric) -> list[str]:
    """Every group of the rubric, gates included: the standard four in order, then the others as they appear."""
    present = [c.group for c in rubric.criteria]
    if rubric.declared_groups:
        return [g.id for g in rubric.declared_groups if g.id in present]
    return [g for g in GROUP_ORDER if g in present] + list(dict.fromkeys(g for g in present if g not in GROUP_ORDER))


def group_rows(rubric: Rubric, group: str, lang: str) -> list[dict[str, str]]:
    """The group's criteria as table rows: id, name, kind, max and rule (tier ranges included)."""
    zh = lang == "zh"
    rows = []
    for c in rubric.criteria:
        if c.group != group:
            continue
        rows.append({
            "编号" if zh else "ID": c.id,
            "评分项" if zh else "Criterion": c.name.text(lang),
            "方式" if zh else "Kind": KIND_LABELS[c.kind].text(lang),
            "分值" if zh else "Max": max_text(c) or "—",
            "评分规则" if zh else "Rule": criterion_rule(c, rubric, lang),
        })
    return rows


# -- callbacks: they run before the sidebar's tender selector is drawn, so they may set tender_id

def _open_tender() -> None:
    ws.choose_tender(st.session_state.tenders_pick)


def _picked_rubric() -> tuple[str, bytes] | None:
    """The rubric file the form holds (a library file, or the upload): its name and bytes; None when there is none."""
    state = st.session_state
    if state.tenders_source == LIBRARY:
        path = ws.CRITERIA / (state.tenders_library_file or "")
        return (path.name, path.read_bytes()) if state.tenders_library_file and path.is_file() else None
    upload = state.get(f"tenders_upload_{state.tenders_upload_round}")
    return None if upload is None else (upload.name, upload.getvalue())


def _create_tender() -> None:
    state = st.session_state
    state.tenders_outcome = None
    picked = _picked_rubric()
    if picked is None:
        state.tenders_outcome = ("error", BidEvalError(ws.tr("请选择一个评分标准。", "Choose a rubric.")
                                                       if state.tenders_source == LIBRARY else
                                                       ws.tr("请先上传评分标准 YAML 文件。", "Upload a rubric YAML file first.")))
        return
    file_name, data = picked
    try:
        tender = create_tender(ws.store(), ws.actor(), state.tenders_name, file_name, data)
    except BidEvalError as error:
        state.tenders_outcome = ("error", error)
        return
    ws.choose_tender(tender)
    state.tenders_pick = tender
    # The uploader is emptied below, taking the warnings shown under it: they stay with the message saying the tender
    # was created. A library file stays picked, its warnings under it.
    state.tenders_outcome = ("created", tender, rubric_warnings(data, file_name) if state.tenders_source == UPLOAD
                             else (), ws.store().other_versions(ws.actor(), tender))
    state.tenders_name = ""
    state.tenders_upload_round += 1  # a fresh, empty uploader


def _init_state() -> None:
    defaults = {"tenders_outcome": None, "tenders_source": LIBRARY, "tenders_name": "", "tenders_upload_round": 0}
    for key, value in defaults.items():
        if key not in st.session_state:
            st.session_state[key] = value
    if "tenders_library_file" not in st.session_state:
        names = [p.name for p in library()]
        st.session_state.tenders_library_file = names[0] if names else None


# -- the page

def show_tenders(store: Store) -> None:
    tr = ws.tr
    tenders = store.tenders(ws.actor())
    st.subheader(tr("全部项目", "All tenders"))
    if not tenders:
        st.info(tr("还没有招标项目：在下方新建一个。", "No tender yet: create one below."))
        return
    current = ws.tender_id()
    table = pd.DataFrame([{
        tr("当前", "Current"): "▶" if t.id == current else "",
        tr("编号", "No."): t.id,
        tr("项目名称", "Name"): t.name,
        tr("评分标准", "Rubric"): t.rubric_id,
        tr("投标数", "Bids"): t.bids,
        tr("创建时间 (UTC)", "Created (UTC)"): t.created_at.strftime("%Y-%m-%d %H:%M"),
    } for t in tenders])
    st.dataframe(table, hide_index=True, width="stretch", key="tenders_table")
    names = {t.id: f"{t.id} · {t.name}" for t in tenders}
    if st.session_state.get("tenders_pick") not in names:
        st.session_state.tenders_pick = current if current in names else tenders[0].id
    pick, go = st.columns([3, 1], vertical_alignment="bottom")
    pick.selectbox(tr("切换到项目", "Switch to tender"), list(names), key="tenders_pick", format_func=names.get)
    go.button(tr("打开", "Open"), key="tenders_open", on_click=_open_tender, type="primary",
              disabled=st.session_state.tenders_pick == current, width="stretch",
              help=tr("这已是当前项目。", "This is the current tender already.")
              if st.session_state.tenders_pick == current else None)


def show_create() -> None:
    tr = ws.tr
    st.subheader(tr("新建招标项目", "New tender"))
    outcome = st.session_state.tenders_outcome
    st.text_input(tr("项目名称", "Name"), key="tenders_name", max_chars=200,
                  placeholder=tr("留空则使用评分标准的标题", "Leave empty to use the rubric's title"))
    sources = {LIBRARY: tr("标准库（criteria/）", "Library (criteria/)"), UPLOAD: tr("上传 YAML 文件", "Upload a YAML file")}
    st.radio(tr("评分标准来源", "Rubric"), list(sources), key="tenders_source", horizontal=True,
             format_func=sources.get)
    if st.session_state.tenders_source == LIBRARY:
        files = {}
        for path in library():
            title = rubric_title(path.read_bytes(), path.name)
            files[path.name] = f"{path.name} — " + ((title[1] if ws.lang() == "en" else title[0]) if title
                                                   else tr("（无法读取）", "(does not load)"))
        st.selectbox(tr("评分标准", "Rubric file"), list(files), key="tenders_library_file", format_func=files.get)
    else:
        st.file_uploader(tr("评分标准 YAML（写法见 docs/rubrics.md）", "Rubric YAML (how to write one: docs/rubrics.md)"),
                         type=["yaml", "yml"], key=f"tenders_upload_{st.session_state.tenders_upload_round}",
                         max_upload_size=MAX_RUBRIC_MB,
                         help=tr(f"不超过 {MAX_RUBRIC_MB} MB 的 UTF-8 文本文件。",
                                 f"A UTF-8 text file of at most {MAX_RUBRIC_MB} MB."))
    picked = _picked_rubric()
    if picked is not None:
        show_warnings(rubric_warnings(picked[1], picked[0]))
    st.button(tr("新建并切换到该项目", "Create and open"), key="tenders_create", on_click=_create_tender,
              type="primary")
    st.caption(tr("评分标准先经校验：分值合计、档次范围、字段引用等任一错误都会列出，且不会新建项目。",
                  "The rubric is checked first: every problem (maxima, tier ranges, unknown fields, …) is "
                  "listed and no tender is created."))
    if outcome and outcome[0] == "error":
        if isinstance(outcome[1], RubricError):
            st.markdown(":red[**" + tr("评分标准有误，未新建项目：", "The rubric has errors; no tender was created:")
                        + "**]")
        ws.show_error(outcome[1])
    elif outcome and outcome[0] == "created":
        st.success(tr(f"已新建项目 {outcome[1]} 并切换到它。", f"Created tender {outcome[1]} and opened it."))
        show_warnings(outcome[2])
        show_other_versions(outcome[3])


def show_other_versions(others: list) -> None:
    """The tenders made from another version of the new tender's rubric (amended, or a K drawn at the opening): what
    stays there and what the officer does here, since nothing moves between tenders."""
    if not others:
        return
    tr = ws.tr
    named = ("、".join(f"#{t.id}（{ws.markdown_text(t.name)}）" for t in others),
             ", ".join(f"#{t.id} ({ws.markdown_text(t.name)})" for t in others))
    st.info(tr(f"项目 {named[0]} 使用同一评分标准（{others[0].rubric_id}）的另一版本。两个项目之间不会移动任何内容："
               "其投标、评分和结果仍保留在原项目中，按原版本计算，不会重新计分。请在本项目重新导入投标文件（按另一版本制作的"
               f"投标表可以读取，但会有警告），评委须在本项目重新评分（在评分表格中，或使用从本项目下载的评分表；为项目 "
               f"{named[0]} 制作的评分表在本项目会被拒绝）。",
               f"Tender {named[1]} uses another version of the same rubric ({others[0].rubric_id}). Nothing moves "
               "between tenders: its bids, scores and results stay there, under its version, and nothing is rescored. "
               "Upload the bids into this tender again (forms made from the other version are read, with a warning); "
               "the panel scores this tender again, in its grid or on score sheets downloaded from it (a score sheet "
               f"made for {named[1]} is refused here)."))


def show_warnings(warnings: tuple[Problem, ...], in_use: bool = False) -> None:
    """A rubric's warnings as one yellow box in the UI language: the officer may still create the tender (or, the
    current tender's rubric being ``in_use``, evaluate it)."""
    if warnings:
        heading = (ws.tr("**评分标准可能与本意不符：**", "**The rubric may not say what you mean:**") if in_use
                   else ws.tr("**评分标准可能与本意不符（仍可新建项目）：**",
                              "**The rubric may not say what you mean (the tender can still be created):**"))
        st.warning("\n\n".join([heading] + [ws.problem_markdown(w, with_file=False) for w in warnings]))


def show_rubric(store: Store, tender: int) -> None:
    tr, lang = ws.tr, ws.lang()
    rubric = store.rubric(ws.actor(), tender)
    st.subheader(tr("当前项目的评分标准", "The current tender's rubric"))
    st.markdown(f"**{rubric.title.text(lang)}** · `{rubric.id}` · "
                + tr("来源", "source") + f" `{rubric.source}` · SHA-256 `{rubric.sha256[:12]}…`")
    outcome = st.session_state.tenders_outcome
    if not (outcome and outcome[0] == "created" and outcome[1] == tender):  # just created: said above, once
        show_warnings(rubric_warnings_of(rubric), in_use=True)  # as `check` warns: a rubric in use is not refused
    total = plain_number(rubric.max_total)
    aggregate = aggregate_text(rubric.panel, lang)  # a consensus rubric's too (it was described as "mean")
    st.markdown(tr(f"满分 **{total}** · 保留 {rubric.decimals} 位小数 · 推荐候选人 {rubric.candidates} 名 · "
                   f"评委评分汇总：{aggregate}",
                   f"Total **{total}** · {rubric.decimals} decimals · {rubric.candidates} "
                   f"candidate{'' if rubric.candidates == 1 else 's'} · "
                   f"panel scores: {aggregate}"))
    summary = []
    for group in criterion_groups(rubric):
        rows = group_rows(rubric, group, lang)
        scored = any(c.is_scored for c in rubric.criteria if c.group == group)
        label = rubric.group(group).label.text(lang)
        points = plain_number(rubric.group_raw_max(group))
        heading = f"{label} · " + (tr(f"{points} 分", f"{points} points") if scored
                                   else tr("通过／不通过", "pass / fail"))
        st.markdown(f"#### {heading}")
        if rubric.group(group).has_rules:  # pass mark, scaling to the best, weight — in words, as `check` says
            st.caption(group_rule(rubric, group, lang))
        st.table(pd.DataFrame(rows), hide_index=True)
        described = [c for c in rubric.criteria if c.group == group and c.description]
        if described:
            with st.expander(tr("评分标准原文", "Wording of the standard")):
                st.markdown("\n".join(f"- **{c.name.text(lang)}**：{c.description.text(lang)}" if lang == "zh"
                                      else f"- **{c.name.text(lang)}**: {c.description.text(lang)}"
                                      for c in described))
        if scored:
            summary.append({tr("类别", "Group"): label, tr("分值", "Max"): plain_number(rubric.group_total_max(group))})
    summary.append({tr("类别", "Group"): tr("合计", "Total"), tr("分值", "Max"): total})
    st.markdown("#### " + tr("各类分值", "Points by group"))
    st.table(pd.DataFrame(summary), hide_index=True, width="content")
    weighed = any(g.scale_to is not None or g.weight is not None for g in rubric.declared_groups)
    if rubric.total is not None and weighed:
        st.caption(tr(f"声明满分 {plain_number(rubric.total)}，与各组折算、加权后的分值合计一致。",
                      f"Declared total {plain_number(rubric.total)}, equal to the sum of the groups' scaled and "
                      "weighted maxima."))
    elif rubric.total is not None:
        st.caption(tr(f"声明满分 {plain_number(rubric.total)}，与各项分值合计一致。",
                      f"Declared total {plain_number(rubric.total)}, equal to the sum of the maxima."))

    st.markdown("#### " + tr("报价方式与需求", "Pricing models and demand"))
    st.table(pd.DataFrame([{tr("报价方式", "Pricing model"): m.label.text(lang), "id": m.value,
                            tr("投标须填写", "Bid states"): ", ".join(p.id for p in rubric.pricing.parameters(m))}
                           for m in rubric.pricing.models]), hide_index=True)
    figures = [{tr("需求", "Demand"): name, tr("数量", "Figure"): figure} for name, figure in demand_rows(rubric, lang)]
    if figures:
        st.table(pd.DataFrame(figures), hide_index=True, width="content")
    else:
        st.caption(tr("无需求数据：各投标以总价报价。", "No demand profile: every bid quotes a lump sum."))

    with st.expander(tr("投标须填写的字段", "Fields a bid states")):
        st.table(pd.DataFrame([{
            "id": f.id, tr("名称", "Label"): f.label.text(lang), tr("类型", "Type"): f.type.value,
            tr("单位", "Unit"): f.unit or "", tr("必填", "Required"): tr("是", "yes") if f.required else "",
        } for f in rubric.bid_fields]), hide_index=True)


def show_envelopes(store: Store, tender: int) -> None:
    """Two envelopes (双信封): each judge sees no price until they have submitted their technical scores. Set in
    setup, before any judge sees a bid; the store refuses it to anyone without the right, and later."""
    tr = ws.tr
    actor = ws.actor()
    info = store.tender(actor, tender)
    wanted = st.toggle(tr("双信封：评委提交技术评分之前看不到报价", "Two envelopes: judges see no price until they submit "
                          "their technical scores"),
                       value=info.hide_prices, key=f"tenders_two_envelopes_{tender}_{info.version}",
                       disabled=Action.CONFIGURE not in ws.capabilities(tender).now,  # procurement's, in setup
                       help=tr("只能在准备阶段设置，开放评分后不能更改。", "Set in the setup stage; it cannot change once scoring "
                               "opens."))
    if wanted == info.hide_prices:
        return
    try:
        store.set_hide_prices(actor, tender, wanted)
    except BidEvalError as error:
        ws.show_error(error)
        return
    st.rerun()


def main() -> None:
    ws.enter_page("tenders")
    _init_state()
    store = ws.store()
    st.title(ws.tr("招标项目", "Tenders"))
    show_tenders(store)
    show_create()
    tender = ws.tender_id()
    if tender is not None and not ws.rubric_refused(tender):
        st.divider()
        show_envelopes(store, tender)
        show_rubric(store, tender)


if __name__ == "__main__":
    main()
