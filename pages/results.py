"""评标结果 / Results: the ranking beside price, flags, invalid bids, candidates and charts."""
import pandas as pd
import streamlit as st

import workspace as ws
from bideval.analysis import panel_progress
from bideval.charts import charts
from bideval.currency import currency
from bideval.result import DEVIATION_PLACES, flag_label, none_ranked_yet
from bideval.rubric import Deduction
from bideval.values import decimal_text, money_text, plain_number

ws.enter_page("results")
tr = ws.tr
lang = ws.lang()
tender = ws.require_tender()
st.title(tr("评标结果", "Evaluation results"))
result = ws.result()
rubric = result.rubric
places = rubric.total_places

st.caption(f"{rubric.title.text(lang)} · `{rubric.id}`")
# Complete scores are not yet a final result: only the chair's sign-off makes it final (the stage says which).
signed = ws.store().sign_off(ws.actor(), tender)
ws.show_status(result, signed)

given, expected = panel_progress(result)
columns = st.columns(4)
columns[0].metric(tr("投标", "Bids"), len(result.ranking) + len(result.invalid))
columns[1].metric(tr("有效投标", "Valid bids"), len(result.ranking))
columns[2].metric(tr("无效投标", "Invalid bids"), sum(1 for bid in result.invalid if bid.stage is None))
columns[3].metric(tr("评委评分进度", "Panel scores"), f"{given} / {expected}")

groups = list(rubric.groups)
group_names = {g: rubric.group(g).label.text(lang) for g in groups}
rows = []
for s in result.ranking:
    row = {tr("排名", "Rank"): s.rank, tr("投标人", "Vendor"): s.vendor_name,
           tr("统一社会信用代码", "Vendor ID"): s.vendor_id}
    row.update({group_names[g]: float(s.groups.get(g, 0)) for g in groups})
    row[tr("总分", "Total")] = float(s.total)
    row[tr("投标报价", "Quoted price")] = float(s.quoted_price)
    row[tr("评审价格", "Evaluated price")] = float(s.evaluated_price)
    row[tr("标记", "Flags")] = "; ".join(flag_label(s, f).text(lang) for f in s.flags)
    rows.append(row)

st.subheader(tr("排名", "Ranking"))
if rows:
    table = pd.DataFrame(rows)
    score_format = f"%.{places}f"
    config = {name: st.column_config.NumberColumn(format=score_format) for name in
              [*group_names.values(), tr("总分", "Total")]}
    for money in (tr("投标报价", "Quoted price"), tr("评审价格", "Evaluated price")):
        config[money] = st.column_config.NumberColumn(format="accounting")
    flagged_only = st.toggle(tr("只看有标记的投标", "Only bids with flags"), key="results_flagged_only")
    if flagged_only:
        table = table[table[tr("标记", "Flags")] != ""]
    st.dataframe(table, hide_index=True, column_config=config, width="stretch", key="results_ranking")
    tied = tr("（并列跨越名额，全部列入）", " (a shared rank straddles the cut: all are included)") \
        if result.candidates_tied else ""
    st.markdown(tr("**推荐中标候选人：** ", "**Recommended candidates:** ")
                + tr("，", ", ").join(f"{place}. {ws.markdown_text(s.vendor_name)}"
                                     for place, s in result.candidate_places)
                + tied)
elif (waiting := none_ranked_yet(result)) is not None:  # bids below a pass mark the panel has yet to score
    st.warning(waiting.text(lang))
else:
    st.error(tr("没有有效投标：本次招标失败（废标）。", "No valid bid: the tender has failed."))

benchmark = result.price_benchmark
if benchmark is not None:  # the price benchmark B, how it was formed, each bid's d (issue 7, item 3)
    st.subheader(tr("评标基准价", "Price benchmark"))
    st.markdown(f"**B = {money_text(benchmark.value)}** — {benchmark.describe(lang)}")
    deviations = [line for line in result.prices if line.deviation is not None]
    if deviations:
        st.dataframe(pd.DataFrame([{
            tr("投标人", "Vendor"): line.vendor_name,
            tr("评审价格", "Evaluated price"): float(line.evaluated or 0),
            # as the JSON and the workbook give them: rounded half-up (8.33335 is 8.3334), never through a float
            tr("偏差率 d（%）", "Deviation d (%)"): decimal_text(line.deviation, DEVIATION_PLACES)
            if line.deviation is not None else "",
            tr("计分偏差 |d|（%）", "Counted |d| (%)"): decimal_text(line.counted_deviation, DEVIATION_PLACES)
            if line.counted_deviation is not None else "",
            tr("价格得分", "Price score"): float(line.score or 0),
        } for line in deviations]), hide_index=True, key="results_deviations",
            column_config={tr("评审价格", "Evaluated price"): st.column_config.NumberColumn(format="accounting")})

if rubric.has_group_rules and result.ranking:  # scaled and weighted subtotals, step by step (issue 7, item 6)
    with st.expander(tr("分组得分：原始、折算、加权", "Group subtotals: raw, scaled, weighted"), expanded=True):
        steps = []
        for s in result.ranking:
            row = {tr("排名", "Rank"): s.rank, tr("投标人", "Vendor"): s.vendor_name}
            for g in groups:
                group, step = rubric.group(g), s.subtotals[g]
                row[f"{group_names[g]} {tr('原始', 'raw')}"] = float(step.raw)
                if group.scale_to is not None:
                    row[f"{group_names[g]} {tr('折算', 'scaled')}"] = float(step.scaled)
                if group.weight is not None:
                    row[f"{group_names[g]} × {group.weight}"] = float(step.weighted)
            row[tr("总分", "Total")] = float(s.total)
            steps.append(row)
        st.dataframe(pd.DataFrame(steps), hide_index=True, key="results_subtotals",
                     column_config={k: st.column_config.NumberColumn(format=f"%.{rubric.total_places}f")
                                    for k in steps[0] if k not in (tr("排名", "Rank"), tr("投标人", "Vendor"))})
        st.caption(tr("折算得分 = 折算分值 × 原始得分 / 最高原始得分，四舍五入；加权得分 = 权重 × 得分，四舍五入；总分为加权得分之和。",
                      "Scaled = points × raw / best raw, rounded; weighted = weight × subtotal, rounded; "
                      "the total is the sum of the weighted parts."))

scaled_criteria = [c for c in rubric.scored_criteria if c.scale_to_best]
if scaled_criteria and result.ranking:  # criteria scaled to the best: the score before and after (issue 7, item 6)
    with st.expander(tr("按最高分折算的评分项：折算前、折算后", "Criteria scaled to the best: before and after"),
                     expanded=True):
        st.dataframe(pd.DataFrame([{
            tr("排名", "Rank"): s.rank, tr("投标人", "Vendor"): s.vendor_name,
            **{f"{c.name.text(lang)} {tr('折算前', 'before')}": float(s.criteria_raw[c.id]) for c in scaled_criteria},
            **{f"{c.name.text(lang)} {tr('折算后', 'scaled')}": float(s.criteria[c.id]) for c in scaled_criteria},
        } for s in result.ranking]), hide_index=True, key="results_scaled_criteria")
        st.caption(tr("折算后得分 = 满分 × 折算前得分 / 最高的折算前得分，四舍五入。",
                      "Scaled = max × score before scaling / the best score before scaling, rounded half-up."))

failed_stage = [bid for bid in result.invalid if bid.stage is not None]
if failed_stage:  # bids below a pass mark (issue 7, item 5)
    st.subheader(tr("未通过阶段评审", "Out after a stage"))
    st.dataframe(pd.DataFrame([{
        tr("投标人", "Vendor"): bid.vendor_name, tr("统一社会信用代码", "Vendor ID"): bid.vendor_id,
        tr("阶段", "Group"): rubric.group(bid.stage.group).label.text(lang),
        tr("得分", "Subtotal"): float(bid.stage.subtotal), tr("及格分", "Pass mark"): float(bid.stage.pass_mark),
        tr("评分未完成", "Panel scores missing"): tr("是", "yes") if bid.stage.incomplete else "",
    } for bid in failed_stage]), hide_index=True, key="results_stages")
    st.caption(tr("低于及格分的投标不参加后续评审、价格评审（基准价、最低价）和排名。",
                  "A bid below a pass mark takes no part in the later groups, the price evaluation (benchmark, "
                  "lowest price) or the ranking."))

deducting = [c for c in rubric.scored_criteria if isinstance(c, Deduction)]
if deducting and result.ranking:
    with st.expander(tr("扣分明细", "Deductions item by item")):
        st.dataframe(pd.DataFrame([{
            tr("投标人", "Vendor"): s.vendor_name, tr("评分项", "Criterion"): c.name.text(lang),
            tr("扣分项", "Item"): line.label.text(lang), tr("次数", "Count"): int(line.count),
            tr("每次扣分", "Points each"): float(line.points), tr("扣分", "Deducted"): float(line.deducted),
            tr("得分", "Score"): float(s.criteria[c.id]),
        } for s in result.ranking for c in deducting for line in s.deductions.get(c.id, ())]),
            hide_index=True, key="results_deductions")

if rubric.caps and result.ranking:
    with st.expander(tr("共享上限", "Shared caps")):
        st.dataframe(pd.DataFrame([{
            tr("投标人", "Vendor"): s.vendor_name, tr("共享上限", "Shared cap"): cap.label.text(lang),
            tr("上限", "Cap"): float(cap.max),
            tr("评分项", "Criterion"): rubric.criterion_index[c].name.text(lang),
            tr("本项得分", "Own score"): float(s.caps[cap.id].parts[c]),
            tr("计入总分", "Counted"): float(s.caps[cap.id].counted[c]),
            tr("合计得分", "Combined"): float(s.caps[cap.id].combined),
        } for s in result.ranking for cap in rubric.caps for c in cap.criteria]), hide_index=True, key="results_caps")
        st.caption(tr("合计得分 = min(上限, 各项得分之和)；超出上限的部分从排在后面的评分项中扣除，总分仍为各项计入分之和。",
                      "Combined = min(cap, the sum of the parts); the points over the cap come off the criteria listed "
                      "last, so the total stays the sum of the counted scores."))

with st.expander(tr("标记说明", "What the flags mean"), expanded=bool(result.outliers)):
    st.markdown(tr(
        "- **异常低价**：评审价格低于有效投标评审价格平均值的规定比例，评标委员会须要求投标人说明并记录结论；不改变得分。\n"
        "- **评分未完成**：有评委尚未对该投标的评委评分项打分；平均分只按已有评分计算，结果为临时结果。\n"
        "- **合议分未录入**（合议评分）：评委均已评分，组长尚未录入合议分；暂按评委平均分计算，结果为临时结果。\n"
        "- **评分畸高畸低**：某评委的评分与全体评委平均分的差超过该项满分的规定比例，须由评标委员会讨论并注明；工具不修改分数。",
        "- **Abnormally low price**: the evaluated price is below the set share of the mean evaluated price of the "
        "valid bids; the panel must ask the bidder to explain and record its finding. It changes no score.\n"
        "- **Panel scores missing**: a judge has not scored this bid on every panel criterion; the mean uses the "
        "scores given and the result is provisional.\n"
        "- **Agreed score not entered** (consensus): every judge has scored, the chair has not entered the agreed "
        "score yet; the judges' mean stands in and the result is provisional.\n"
        "- **Outlier score**: a judge's score is further from the panel's mean than the set share of the "
        "criterion's maximum; the panel resolves it with a comment. The tool never changes the score."))
    if result.outliers:
        st.dataframe(pd.DataFrame([{
            tr("评委", "Judge"): o.judge, tr("投标人", "Vendor"): o.vendor_id,
            tr("评分项", "Criterion"): rubric.criterion_index[o.criterion].name.text(lang),
            tr("得分", "Score"): plain_number(o.score), tr("评委平均分", "Panel mean"): result.panel_mean_text(o),
        } for o in result.outliers]), hide_index=True, key="results_outliers")

invalid = [bid for bid in result.invalid if bid.stage is None]
if invalid:
    st.subheader(tr("无效投标", "Invalid bids"))
    for bid in invalid:
        st.error(f"**{ws.markdown_text(bid.vendor_name)}** (`{bid.vendor_id}`)\n\n"
                 + "\n".join(f"- {ws.markdown_text(reason.text.text(lang))}" for reason in bid.reasons))

st.subheader(tr("分析", "Analysis"))
tender_name = next((t.name for t in ws.store().tenders(ws.actor()) if t.id == ws.tender_id()), rubric.title.text(lang))
drawn = charts(result, lang)
for tab, chart in zip(st.tabs([chart.title for chart in drawn]), drawn):
    with tab:
        if chart.figure is None:
            st.info(chart.note)
        else:
            st.plotly_chart(chart.figure, key=f"chart_{chart.name}", config=chart.download_config(tender_name))
            st.caption(chart.note)

st.caption(tr("金额单位：{unit}；得分保留 {places} 位小数，四舍五入。", "Amounts in {unit}; scores rounded half-up to {places} decimals.")
           .format(unit=currency(rubric.currency).name.zh if lang == "zh" else rubric.currency, places=places))
