"""The messages module: every problem code and every expected kind, in the command line's English, the
app's English and Chinese (table-driven), and how a problem is rendered with its location and field label."""
import re
from dataclasses import replace
from datetime import datetime
from decimal import Decimal as D

import pytest

from bideval import messages, rubric_yaml
from bideval.errors import BidEvalError, Expected, InputErrors, Problem, cell_problem
from bideval.labels import Label, Named
from bideval.panel import _column
from bideval.allowed_scores import GradeMismatch, ScoreRefused, check_score
from bideval.accounts import AccountRefused, SignInRefused
from bideval.rights import Action, Actor, RightRefused, Role, TypedCell
from bideval.rubric import Grade, Judged, Tier, Tiered
from bideval.storage import WriteConflict
from bideval.workflow import Blockers, FindingKind, FinaliseRefused, Flag, Stage, StageRefused, SubmitRefused

SAME = object()  # the app's English is the command line's (nothing in it is named by id)

OPS = Named("ops_plan", Label("运营管理能力", "Operations management capability"))
DESIGN = Named("service_design", Label("服务设计", "Service design"))
T1 = Tier("t1", Label("一档", "Tier 1"), D(0), D(5))
T2 = Tier("t2", Label("二档", "Tier 2"), D("5.1"), D(10))
PRICE = Named("total_price", Label("投标总价", "Total price"))
NAME = Named("vendor_name", Label("投标人名称", "Bidder name"))
VENDOR = "91440300708461136T"
AGREED = "91450107123456789X"  # a bid waiting only for the chair's agreed score (consensus)
PER_CALL = Named("per_call", Label("按通计费", "Per call"))
LUMP = Named("lump_sum", Label("总价包干", "Lump sum"))
RATE = Named("rate_per_call", Label("每通电话单价", "Rate per call"))

GRADES = (Grade(Label("优", "Excellent"), D(8), D(10)), Grade(Label("良", "Good"), D(5), D(7)))
DESIGN_GRADED = Judged(id="design", name=Label("设计方案", "Design"), group="technical", max=D(10), grades=GRADES,
                       step=D(1))
OPS_TIERED = Tiered(id="ops_plan", name=OPS.label, group="ops", max=D(10), tiers=(T1, T2))

# One example of every code: its facts.
FACTS = {
    "account.refused": dict(field="username", why="username_taken", username="wang"),
    "store.seat_lost": dict(tender=2, by="张组长", at=datetime(2026, 12, 2, 6, 30), removed=True, seat="李评委",
                            reason="评委临时回避", typed=(TypedCell("云端", "运维服务方案", "4"),
                                                      TypedCell("云端", "服务设计", None, "方案完整"))),
    "finalise.refused": dict(tender=7, blockers=Blockers(incomplete=(VENDOR,), unresolved=(
        Flag(FindingKind.ABNORMAL_LOW, VENDOR),), not_submitted=("李评委",), nobody_may_score=(VENDOR,),
        awaiting_agreed=(AGREED,), names={VENDOR: "嘉禾", AGREED: "云端"})),
    "panel.other_judges": dict(judge="王评委", others=("李评委",)),
    "right.refused": dict(actor="王评委", roles=(Role.JUDGE,), action=Action.SCORE, tender=7, why="submitted"),
    "signin.refused": dict(reason="locked", username="wang", locked_until=datetime(2026, 12, 1, 9, 15)),
    "stage.refused": dict(action=Action.FINALISE, stage=Stage.SCORING, tender=7, allowed=(Stage.REVIEW,)),
    "store.no_bids": dict(vendors=(VENDOR,), tender=7),
    "store.no_seat": dict(judge="赵评委", tender=7),
    "store.recusal_over_scores": dict(judge="王评委", scores=((VENDOR, OPS, "15"), (VENDOR, DESIGN, "4.5"))),
    "store.reason_needed": dict(what="consensus"),
    "store.note_without_conflict": dict(vendors=(VENDOR,), names={VENDOR: "深圳星海"}),
    "store.consensus_empty": dict(vendor_id=VENDOR, criterion="ops_plan"),
    "store.no_flag": dict(kind="outlier", vendor_id=VENDOR, criterion=OPS, judge="王评委"),
    "store.submit_missing": dict(judge="王评委", missing=((VENDOR, OPS),)),
    "store.write_conflict": dict(what="score", seen=1, current=2, value="8", judge="王评委", vendor_id=VENDOR,
                                 criterion=OPS, typed="9"),
    "bids.both_sheets": dict(form="Bid", consolidated="Bids"),
    "bids.bids_elsewhere": dict(shape="consolidated", read="Bids", found=VENDOR, hidden=True, code_header="A1",
                                code_title="信用代码"),
    "cells.merged": dict(range="B2:B8"),
    "cells.struck_in_part": dict(text="杭州嘉禾 科技", parts=("嘉禾",)),
    "cells.struck_by_rule": dict(range="C2:C500"),
    "cells.raised_in_part": dict(text="21", parts=("1",)),
    "files.subfolder": dict(workbooks=3),
    "files.empty_archive": {},
    "files.archive": dict(workbooks=("嘉禾.xlsx", "附件/嘉禾.xls")),
    "files.archive_not_read": dict(kind="7z"),
    "files.uploaded_archive": dict(kind="zip", workbooks=("投标/嘉禾.xls",), listed=True),
    "files.archive_unchecked": dict(workbooks=("报价明细表.xlsx",), archives=("附件/扫描件.7z",), sheets=("Bid", "Bids")),
    "bids.column_twice": dict(column=NAME, also="B1"),
    "bids.empty_sheet": {},
    "bids.field_twice": dict(field_twice=NAME, also="C3"),
    "bids.id_apart_from_label": dict(field=NAME, found="统一社会信用代码",
                                     owner=Named("vendor_id", Label("统一社会信用代码", "Credit code"))),
    "bids.rows_out_of_order": dict(field=Named("similar_projects", Label("客服中心外包项目数量", "Projects")),
                                   before=Named("itss_level", Label("运维能力等级", "ITSS level"))),
    "bids.hidden_row": dict(row=7),
    "bids.hidden_sheet": dict(),
    "bids.hidden_column": dict(column="K"),
    "bids.hidden_form_column": dict(column="C", holds="answers"),
    "bids.header_below": dict(header=3, row=2, above=2, titles=3, why="row"),
    "bids.unit_above_header": dict(text="单位：万元", header=3),
    "bids.total_row": dict(row=5, table="表1", label=None),
    "bids.struck": dict(row=5, cells=("A5:K5",), whole=True, layout="row"),
    "bids.struck_header": dict(text="投标总价"),
    "bids.scored_replace": dict(vendor_id=VENDOR, scores=3),
    "bids.missing_column": dict(column=Named("vendor_id", Label("统一社会信用代码", "Vendor ID"))),
    "bids.fields_not_in_sheet": dict(fields=(Named("similar_projects", Label("类似项目数量", "Similar projects")),),
                                     form=False, bids=1234),
    "bids.no_bid_sheet": dict(form="Bid", consolidated="Bids", found=("Sheet1",)),
    "bids.no_field_rows": {},
    "bids.no_header": {},
    "bids.no_rows": {},
    "bids.none_found": {},
    "bids.required_empty": dict(field=NAME),
    "bids.unknown_field": dict(key="vendor_nam", suggestion=NAME),
    "bids.unknown_header": dict(title="Prce", suggestion="price_model"),
    "bids.unit_in_header": dict(title="投标总价（万元）", header="投标总价", unit="万元",
                                field=Named("total_price", Label("投标总价", "Total price")), read_in=Label("元", "yuan")),
    "bids.vendor_exists": dict(vendor_id=VENDOR),
    "bids.vendor_in_upload": dict(vendor_id=VENDOR, also=("b.xlsx:Bid!C2", "c.xlsx:Bids!A3")),
    "bids.vendor_twice": dict(vendor_id=VENDOR, also="a.xlsx:Bid!C2"),
    "cell": dict(expected=Expected("money", {"unit": None}), found="1,5", field=PRICE),
    "cli.judge_not_listed": dict(file="panel.xlsx", judge="赵评委", members=("王评委", "李评委")),
    "cli.output_is_input": dict(option="--out", input_option="--bids", input="bids.xlsx"),
    "cli.outputs_same": dict(option="--out", other="--json"),
    "cli.output_is_folder": dict(option="--json"),
    "cli.output_folder_missing": dict(option="--out", folder="/nowhere"),
    "cli.output_empty": {},
    "cli.output_under_file": dict(option="--json", blocking="/x1/r1"),
    "cli.binary_to_stdout": dict(option="--out"),
    "cli.output_in_bids_folder": dict(option="--out", folder="bids"),
    "cli.output_not_a_file": dict(option="--json", kind="fifo", stdout=True),
    "cli.output_extension": dict(option="--out", written="workbook", found=".json", expected=".xlsx",
                                 suggested="ranked.xlsx"),
    "files.empty_folder": {},
    "files.ranked_workbook": dict(role="panel", sheets=("Ranking", "Scores", "Audit")),
    "files.missing": {},
    "files.other_rubric": dict(role="panel", made_for="cs-outsourcing-lot2", rubric="cs-outsourcing"),
    "files.no_tender": dict(tender=2, tender_name="第2包"),
    "files.other_tender": dict(made_for=3, made_for_name="评标委员会测试", tender=7, tender_name="第2包"),
    "files.other_version": dict(role="bids", rubric="cs-outsourcing", made_from="1234567890123456", now="9876543210987654",
                                others=("b.xlsx", "c.xlsx")),
    "bids.unit_changed": dict(field=Named("registered_capital", Label("注册资本金", "Registered capital")),
                              stated="万元 / 10,000 yuan", unit="元 / yuan", amended=True),
    "files.not_xlsx_suffix": dict(suffix=".xls"),
    "files.misnamed_workbook": dict(kind="xlsx", suffix=".xlsx ", rename="星海.xlsx"),
    "bids.answers_elsewhere": dict(column="D", at="D2", found=VENDOR, filled=18, rows=23),
    "panel.column_twice": dict(heading=Named("score", Label("得分", "score")), also="D1"),
    "panel.bidder_name_disagrees": dict(vendor_id=VENDOR, expected="甲公司", found="乙公司（北京）",
                                        owner="91110000802100433B"),
    "panel.criterion_name_disagrees": dict(criterion=OPS, found="服务设计", owner=DESIGN),
    "panel.invalid_bid_score": dict(vendor_id=VENDOR),
    "panel.row_not_read": dict(row=27, found="评委签字："),
    "panel.entry_alone": dict(entry="score", found=7, row=30, above=9,
                              columns=tuple(_column(n) for n in ("judge", "vendor_id", "criterion"))),
    "panel.member_note": dict(found="以上共5人"),
    "panel.member_roles": dict(judge="王评委", written="王评委", other="王评委（组长）", at="Judges!A2"),
    "panel.member_below_list": dict(judge="赵六", above="A2–A6", scores="Scores"),
    "panel.member_unnamed": dict(at="B4", found="赵六"),
    "panel.row_without_member": dict(found=("制表人：", "张三"), cells=("A4", "C4")),
    "panel.member_twice": dict(judge="王评委", at="Judges!A2"),
    "panel.member_rows_differ": dict(judge="王伟", at="Judges!A2", cells=("B2", "B4"), found=("甲大学", "")),
    "panel.group_heading": dict(found="技术组", scores="Scores"),
    "panel.heading_of_nobody": dict(found="商务组", scores="Scores"),
    "panel.missing_column": dict(heading=Named("judge", Label("评委", "judge")), headers=("judge", "评委"),
                                 found=("vendor_id", "score")),
    "panel.no_scores_sheet": dict(scores="Scores", tiers="Tiers", found=("Sheet1",)),
    "panel.hidden_row": dict(row=9),
    "panel.hidden_sheet": dict(),
    "panel.hidden_column": dict(column="D"),
    "panel.struck": dict(row=7, cells=("D7",), whole=False, entry="score"),
    "panel.struck_header": dict(text="score"),
    "panel.recused_score": dict(judge="王评委", vendor_id=VENDOR, criterion="ops_plan"),
    "panel.undeclared_score": dict(judge="王评委", vendor_id=VENDOR, criterion="ops_plan"),
    "panel.scores_elsewhere": dict(scores="Scores", hidden=True, beside=True),
    "panel.tiers_elsewhere": dict(tiers="Tiers"),
    "panel.judges_elsewhere": dict(judges="Judges", others=("陈评委",), listed=True, hidden=False),
    "panel.scores_layout": dict(scores="Scores", judge=False, vendor_id=True, criterion=False, by_criterion=(OPS, DESIGN),
                                judge_headers=("judge", "评委", "专家")),
    "panel.scores_twice": dict(score_column="E", heading="得分", other_column="G", other="最终得分"),
    "panel.column_not_read": dict(heading="评分理由", column="F", cells=7,
                                  read=tuple(_column(n) for n in ("judge", "vendor_id", "criterion", "score", "comment"))),
    "panel.no_tier": dict(vendor_id=VENDOR, criterion=OPS, tiers_sheet="Tiers", tiers=(T1, T2), score=D("8.0")),
    "panel.not_panel": dict(criterion=Named("price", Label("价格", "Price")), kind="price", panel=(OPS, DESIGN)),
    "panel.not_tiered": dict(criterion=DESIGN, kind="judged", tiered=(OPS,)),
    "panel.judge_spelling": dict(judge="王 评委", rows=2, usual="王评委", usual_rows=39, first="Scores!A3",
                                 last="Scores!A40", judges_sheet="Judges"),
    "panel.scored_twice": dict(judge="王评委", vendor_id=VENDOR, criterion=OPS, at="Scores!D2"),
    "panel.tier_conflict": dict(tier=T2, vendor_id=VENDOR, criterion=OPS, agreed=T1, at="Tiers!C2"),
    "reason.above_budget_ceiling": dict(quoted=D(2280000), ceiling=D(1980000), currency="CNY"),
    "reason.below_min_discount": dict(rate=D("0.045"), least=D("0.05")),
    "reason.above_unit_ceiling": dict(rate=Named("rate_office", Label("办公区 每平方米每月单价", "Offices: rate per m²-month")),
                                      unit="office", per=Label("平方米", "m²"), quoted=D("4.8"), ceiling=D("4.5"),
                                      currency="CNY"),
    "reason.below_pass_mark": dict(group=Named("technical", Label("技术", "Technical")), subtotal=D("38.50"),
                                   pass_mark=D(40)),
    "reason.settled_out_by_panel": dict(group=Named("technical", Label("技术", "Technical"))),
    "reason.gate_blank": dict(field=Named("response_hours", Label("上门响应时间", "Response time"))),
    "reason.gate_not_met": dict(criterion=Named("qual", Label("监理资质", "Supervision licence"))),
    "reason.price_model_not_allowed": dict(model=PER_CALL, allowed=(LUMP,)),
    "reason.price_model_required": {},
    "reason.price_not_positive": dict(quoted=D(0), currency="CNY"),
    "reason.price_parameters_missing": dict(missing=(RATE,)),
    "reason.required": dict(field=Named("licence_no", Label("许可证编号", "Licence number"))),
    "report.font_missing": dict(font="Noto Sans CJK SC", package="fonts-noto-cjk", variable="BIDEVAL_CJK_FONT",
                                looked_in="BIDEVAL_CJK_FONT=/fonts/x.ttf is not a file", paths=("/fonts/x.ttf",)),
    "score.invalid_bid": {},
    "score.no_bid": dict(vendor_id=VENDOR),
    "score.refused": dict(refusal=check_score(DESIGN_GRADED, None, D("7.5"))),
    "score.no_tier": dict(criterion=OPS),
    "score.not_declared": {},
    "score.not_panel": dict(criterion=Named("price", Label("价格", "Price"))),
    "score.not_tiered": dict(criterion=DESIGN),
    "score.recused": {},
    "score.recused_agree": dict(what="tier"),
    "score.scores_outside_tier": dict(tier=T2, scores=(("王评委", "12"),), criterion=OPS, vendor_id=VENDOR),
    "score.unknown_tier": dict(tier="t9", criterion=OPS),
    "store.judge_needs_name": {},
    "store.judge_name_too_long": dict(limit=100, length=150),
    "export.moved_on": dict(tender=7, drawn="final", now="provisional"),
    "store.no_tender": dict(tender=7),
    "workbook.damaged": dict(part="sheet", cause="xml", detail="unrecognized entity `&bogus;`"),
    "workbook.impossible_date": dict(detail="out of range"),
    "workbook.reader_stopped": dict(part="sheet", signal="SIGABRT", number=6),
}
# One example of every expected kind: its facts.
EXPECTED = {
    "bool": {}, "choice": dict(choices=("驻场运营", "离场运营")), "criterion_of": dict(role="tiered", criteria=(OPS,)),
    "integer": dict(non_negative=True), "judge_member": dict(sheet="Judges", members=("王评委",)),
    "grades": dict(criterion=DESIGN_GRADED, grades=GRADES, step=D(1)),
    "grade_label": dict(criterion=DESIGN_GRADED, grades=GRADES, step=D(1),
                        mismatch=GradeMismatch(D(9), "良", GRADES[1], GRADES[0])),
    "refusal": dict(refusal=check_score(OPS_TIERED, "t1", D(7))),
    "judge_name": {}, "money": dict(unit="10k CNY", non_negative=False), "number": dict(non_negative=False),
    "percent": {}, "discount_rate": dict(min=D(0), below=D(1)), "price_model": dict(models=(PER_CALL, LUMP)), "score_in_tier": dict(tier=T2, criterion=OPS),
    "score_max": dict(max=D(15), criterion=OPS), "score_range": dict(low=D("5.1"), high=D(10), tier=T2),
    "text": dict(text="something"), "tier_of": dict(criterion=OPS, tiers=(T1, T2)),
    "sme_category": dict(categories=(Named("small", Label("小型企业", "Small enterprise")),
                                     Named("micro", Label("微型企业", "Micro enterprise")))),
    "vendor": dict(suggestion=VENDOR), "not_an_error": {}, "vendor_code": {},
    "text_within": dict(limit=32767, length=40000),
    "text_not_long_number": dict(digits=15),
    "name_within": dict(limit=300, length=412),
    "id_within": dict(limit=64, length=80),
    "judge_within": dict(limit=100, length=101),
    "a_text": {}, "text_as_shown": {}, "text_as_held": dict(held="12345", hidden=False),
    "below_largest": dict(within=Expected("money", dict(unit="10k CNY", non_negative=True)), largest=D(10) ** 15),
    "comma_after_zero": dict(within=Expected("percent"), point="0.5%"),
}


# What a refused score sheet row whose names disagree with its ids advises, after the facts.
SORTED_EN = ("the sheet's rows may have been sorted one column at a time (Excel's \"Continue with the current "
             "selection\") or names pasted in another order: put the rows back as the sheet was written (or give the "
             "judge a new score sheet), have the judge check the scores, and import it again")
SORTED_ZH = ("评分表可能被逐列排序过（Excel 的“以当前选定区域排序”），或名称按其他顺序粘贴过：请将各行恢复为评分表原样"
             "（或为该评委重新生成评分表），请评委核对得分后再导入")

# code: command line (English, ids), app (English, labels), app (Chinese, labels)
SENTENCES = [
    ("account.refused",
     "username: 'wang' is taken", SAME,
     '用户名“wang”已被使用'),
    ("finalise.refused",  # a bid by name and code, as the tables name it; an agreed score missing is not a finding
     'tender 7 cannot be finalised: panel scores missing for 91440300708461136T; agreed score not entered for '
     '91450107123456789X; every judge is recused from 91440300708461136T: seat a judge who may score it; no finding '
     'yet for abnormal_low_price/91440300708461136T; not submitted: 李评委 (a judge whose scores are all given submits them on the Scoring page, in review too; for a score still missing, reopen scoring)',
     'tender 7 cannot be finalised: panel scores missing for 嘉禾 (91440300708461136T); the agreed (consensus) score is '
     'not entered yet for 云端 (91450107123456789X) (flag "Agreed score not entered"; the chair enters it under '
     'Consensus scores); every judge is recused from 嘉禾 (91440300708461136T): seat a judge who may score it; no '
     'written finding yet for an abnormally low price (嘉禾 91440300708461136T); not submitted: 李评委 (a judge whose scores are all given submits them on the Scoring page, in review too; for a score still missing, reopen scoring)',
     '招标项目 7 尚不能定稿：嘉禾（91440300708461136T） 的评分未完成；以下投标尚未录入合议得分（标记“合议分未录入”，由组长在“合议得分”表中录入）：'
     '云端（91450107123456789X）；全体评委均须回避 嘉禾（91440300708461136T）：请增补可以评审的评委；'
     '以下情况尚无复核意见：异常低价（嘉禾 91440300708461136T）；尚未提交评分：李评委（评分已全部给出的评委，在评审阶段也可在“评委打分”页面提交；仍有未打分项时，请重新开放评分）'),
    ("store.seat_lost",
     "your seat '李评委' on the panel of tender #2 was removed by 张组长 on 2026-12-02 06:30 UTC (reason: 评委临时回避); "
     "what you had just typed was not saved: 4 (云端 / 运维服务方案), the comment '方案完整' (云端 / 服务设计)", SAME,
     "您在招标项目 #2 的评委席位“李评委”已被 张组长 于 2026-12-02 06:30（UTC）移除（移除理由：评委临时回避），您刚输入的 "
     "4（云端 / 运维服务方案）、评语“方案完整”（云端 / 服务设计）未保存"),
    ("panel.other_judges",
     "expected only 王评委's scores, found scores of 李评委", SAME,
     '应只含王评委的评分，实际还有李评委的评分'),
    ("right.refused",
     '王评委 (judge) may not score on tender 7: you have submitted your scores; they are locked', SAME,
     '王评委（评委）不能在招标项目 7 中打分：您已提交评分，评分已锁定'),
    ("signin.refused",
     'too many wrong passwords: wang is locked until 2026-12-01 09:15 UTC', SAME,
     '密码错误次数过多：wang 已锁定至 2026-12-01 09:15（UTC）'),
    ("stage.refused",
     'tender 7 is in the scoring stage: cannot finalise the result (possible in: review)', SAME,
     '招标项目 7 处于“评分”阶段，不能确认最终结果（可在以下阶段进行：复核）'),
    ("store.no_bids",
     'no bid from 91440300708461136T in tender 7', SAME,
     '招标项目 7 中没有 91440300708461136T 的投标'),
    ("store.no_seat",
     "'赵评委' holds no seat on the panel of tender 7", SAME,
     '“赵评委”不是招标项目 7 的评标委员会成员'),
    ("store.recusal_over_scores",
     f"the seat 王评委 already holds scores for a bidder it declares a conflict of interest with: {VENDOR} / ops_plan "
     f"15, {VENDOR} / service_design 4.5; a judge recused from a bidder (回避) has no score for it, so nothing was "
     "declared: ask the chair to remove these scores first (by replacing the panel with a workbook without them, or by "
     "removing the seat, whose scores and declarations go with it, and adding it again), then declare again",
     f"the seat 王评委 already holds scores for a bidder it declares a conflict of interest with: {VENDOR} / "
     f"Operations management capability 15, {VENDOR} / Service design 4.5; a judge recused from a bidder (回避) has "
     "no score for it, so nothing was declared: ask the chair to remove these scores first (by replacing the panel "
     "with a workbook without them, or by removing the seat, whose scores and declarations go with it, and adding it "
     "again), then declare again",
     f"评委席位“王评委”已有声明存在利害关系的投标人的评分：{VENDOR} / 运营管理能力 15、{VENDOR} / 服务设计 4.5；"
     "回避的评委对该投标人不应有评分，因此本次声明未记录：请组长先删除这些评分（用不含这些评分的评分工作簿替换评标委员会，"
     "或移除该评委席位——其评分和回避声明随之删除——再重新增设），然后重新声明"),
    ("store.consensus_empty",
     "an agreed score is not taken away: type the score the panel agrees, with its reason (a cleared cell or a reason "
     "without a score saves nothing)", SAME,
     "合议得分不能删除：请填写评标委员会一致同意的得分及理由（清空得分或只填理由均不保存）"),
    ("store.reason_needed",
     'a consensus score needs its reason', SAME,
     '合议得分须填写理由'),
    ("store.note_without_conflict",
     f"a note is written beside {VENDOR} but 'conflict of interest' is not ticked: tick it if there is one, or delete "
     "the note (nothing was declared; a declaration cannot be changed once made)",
     f"a note is written beside 深圳星海 ({VENDOR}) but 'conflict of interest' is not ticked: tick it if there is one, "
     "or delete the note (nothing was declared; a declaration cannot be changed once made)",
     f"深圳星海（{VENDOR}） 填写了说明但未勾选“有利害关系”：如有利害关系请勾选，否则请删去说明（尚未提交任何声明；声明提交后不能更改）"),
    ("store.submit_missing",
     '王评委 cannot submit yet: 1 score(s) missing: 91440300708461136T / ops_plan',
     '王评委 cannot submit yet: 1 score(s) missing: 91440300708461136T / Operations management capability',
     '王评委尚不能提交：还有 1 项未打分：91440300708461136T / 运营管理能力'),
    ("store.write_conflict",
     "王评委's score for 91440300708461136T on 'ops_plan' was changed elsewhere to 8 (perhaps by you, in another "
     "window); your 9 was not saved",
     "王评委's score for 91440300708461136T on 'Operations management capability' was changed elsewhere to 8 "
     "(perhaps by you, in another window); your 9 was not saved",
     '王评委对 91440300708461136T 的“运营管理能力”评分已在别处改为 8（可能是您在另一窗口中修改的），您的 9 未保存'),
    ("store.no_flag",
     "no such flag to write a finding on: outlier 91440300708461136T 'ops_plan' 王评委 (a finding answers an outlying "
     "score, an abnormally low price or panel scores missing, as the evaluation shows them); nothing was recorded",
     "no such flag to write a finding on: outlier 91440300708461136T 'Operations management capability' 王评委 (a "
     "finding answers an outlying score, an abnormally low price or panel scores missing, as the evaluation shows "
     "them); nothing was recorded",
     "没有可填写复核意见的情况：评分畸高畸低 91440300708461136T “运营管理能力” 王评委（复核意见针对评估结果中的畸高畸低评分、异常低价或评分未完成）；"
     "未记录任何内容"),
    ("bids.bids_elsewhere",
     "this sheet (hidden in Excel: right-click a sheet tab → Unhide to see it) holds bids too (a row for "
     "'91440300708461136T', not among the bids read), but only the sheet 'Bids' is read, so nothing of this workbook "
     "was imported: if its rows are bids, move them to 'Bids' and delete this sheet; if it only lists firms (a "
     "register of those who bought the documents), delete it or keep it in another workbook; its header A1 '信用代码' "
     "heads credit codes but is not a header bid-eval knows: head it '统一社会信用代码' or 'vendor_id'", SAME,
     "此工作表（在 Excel 中已隐藏：右键单击工作表标签 → 取消隐藏即可看到）也含有投标（有 '91440300708461136T' 的一行，"
     "不在已读取的投标中），但只读取工作表“Bids”，本工作簿未导入任何内容：如其中的行是投标，请移到“Bids”并删除此表；"
     "如此表只是投标人名单（如购买招标文件的登记表），请删除此表或另存到其他工作簿；其表头 A1 '信用代码' 下是统一社会信用代码，"
     "但不是 bid-eval 认得的列名：请改为“统一社会信用代码”或“vendor_id”"),
    ("cells.merged",
     "cells B2:B8 are merged: Excel keeps the value shown across them in B2 alone, and the other cells are empty; "
     "unmerge them and write the value in each cell", SAME,
     "单元格 B2:B8 为合并单元格：合并后所见的值只保存在 B2 中，其余单元格为空；请取消合并，并在每个单元格中分别填写"),
    ("cells.struck_by_rule",
     "a conditional format (C2:C500) can draw this cell struck through, so whether it was withdrawn cannot be told: "
     "remove the strikethrough from the rule (Home > Conditional Formatting > Manage Rules) and save the workbook",
     SAME,
     "条件格式（C2:C500）可能给此单元格加上删除线，无法判断其内容是否已作废：请去掉该规则中的删除线（开始 > 条件格式 > 管理规则）后保存"),
    ("cells.struck_in_part",
     "part of the text '杭州嘉禾 科技' is struck through ('嘉禾'), so what stands cannot be told: delete the struck text "
     "if it was withdrawn, or remove the strikethrough if it stands, and save the workbook", SAME,
     "单元格内容“杭州嘉禾 科技”中有部分文字带删除线（“嘉禾”），无法判断哪些内容有效：如该部分已作废，请删除带删除线的文字；"
     "如仍有效，请去掉删除线；然后保存"),
    ("cells.raised_in_part",
     "part of the text '21' is raised or lowered ('1'), as a footnote mark or an exponent is (superscript or "
     "subscript), so what was meant cannot be told: type the value alone, put the note in a comment, and save the "
     "workbook", SAME,
     "单元格内容“21”中有部分文字设为上标或下标（“1”），如脚注标记或指数，无法判断原意：请只填写数值，说明请写在批注中，然后保存"),
    ("files.archive",
     "this archive holds 2 Excel workbooks (嘉禾.xlsx, 附件/嘉禾.xls), which are not read: an archive in the folder "
     "is not opened; extract them into the folder; save a workbook that is not .xlsx (.xls) as .xlsx, and move the "
     "archive out of it", SAME,
     "此压缩文件内有 2 个 Excel 工作簿（嘉禾.xlsx、附件/嘉禾.xls），不会被读取（文件夹中的压缩文件不会被打开）：请将其解压到该文件夹；"
     "不是 .xlsx 的工作簿（.xls）请另存为 .xlsx，并把压缩文件移出该文件夹"),
    ("files.archive_not_read",
     "this is an archive (7z), which bid-eval does not open, so no workbook in it is read: check that it holds no "
     "bid form or score sheet (scanned attachments only); if it does, extract that workbook into the folder", SAME,
     "这是压缩文件（7z），bid-eval 不会打开它，其中的工作簿都不会被读取：请核对其中没有投标文件或评分表（只有扫描件等附件）；"
     "如有，请将该工作簿解压到该文件夹"),
    ("files.archive_unchecked",
     "this archive holds 1 Excel workbook (报价明细表.xlsx) with no sheet 'Bid', 'Bids', no rubric mark and no "
     "vendor_id, so no form and 1 archive bid-eval does not open (附件/扫描件.7z), which are not read: check that it holds "
     "no bid form or score sheet; if it does, extract that workbook into the folder", SAME,
     "此压缩文件内有 1 个 Excel 工作簿（报价明细表.xlsx），其中没有工作表“Bid”、“Bids”、评分办法标记或 vendor_id，不是投标文件或评分表，"
     "以及 1 个 bid-eval 不会打开的压缩文件（附件/扫描件.7z），均不会被读取：请核对其中没有投标文件或评分表；如有，请将该工作簿解压到该文件夹"),
    ("files.uploaded_archive",
     "this archive holds 1 Excel workbook (投标/嘉禾.xls), which is not read: the app opens no archive; "
     "extract it and upload the workbook (a workbook not .xlsx, .xls: save it as .xlsx first)", SAME,
     "此压缩文件内有 1 个 Excel 工作簿（投标/嘉禾.xls），不会被读取（系统不打开压缩文件）：请解压后上传该工作簿"
     "（不是 .xlsx 的工作簿（.xls）请先另存为 .xlsx）"),
    ("files.empty_archive",
     "this archive is empty: it holds no file, so there is nothing in it to read; expected a bid form or a score "
     "sheet (an .xlsx workbook), or a bid's attachments: if one was meant to be in it, zip it again with the file in "
     "it, or give the file itself", SAME,
     "此压缩文件是空的：其中没有任何文件，无可读取；应为投标文件或评分表（.xlsx 工作簿）或投标附件：如本应装有文件，请重新压缩并放入"
     "该文件，或直接提供该文件"),
    ("files.subfolder",
     "this folder holds 3 Excel workbooks, which are not read: a folder is read without the folders inside it; "
     "move them into the folder above, or name this folder too", SAME,
     "此文件夹内有 3 个 Excel 工作簿，不会被读取（只读取所给文件夹本身，不含其中的子文件夹）：请把它们移到上一级文件夹，或同时指定此文件夹"),
    ("bids.both_sheets",
     "has both a 'Bid' and a 'Bids' sheet; keep the one that holds the bids", SAME,
     '同时含有工作表“Bid”和“Bids”；请只保留存放投标的那一个'),
    ("bids.column_twice",
     "column for field 'vendor_name' appears twice (also B1)",
     "column for field 'Bidder name' appears twice (also B1)",
     '字段“投标人名称”的列出现两次（另见 B1）'),
    ("bids.empty_sheet",
     'the sheet is empty (expected a header row and one row per bid)', SAME,
     '工作表是空的（应有一行表头，每家投标一行）'),
    ("bids.field_twice",
     "field 'vendor_name' appears twice (also in C3)",
     "field 'Bidder name' appears twice (also in C3)",
     '字段“投标人名称”出现两次（另见 C3）'),
    ("bids.id_apart_from_label",
     "the field id 'vendor_name' sits beside the question '统一社会信用代码' (vendor_id): column A was "
     "sorted or edited apart from column B (Excel's \"Continue with the current selection\", or ids pasted in another "
     "order), so the answer in column C, given to that question, would be read as 'vendor_name'; restore the form's "
     "order (undo the sort, or copy the answers into a new form from the template), check the answers and import it "
     "again",
     "the field id 'vendor_name' sits beside the question '统一社会信用代码' ('Credit code'): column A was sorted or "
     "edited apart from column B (Excel's \"Continue with the current selection\", or ids pasted in another order), so "
     "the answer in column C, given to that question, would be read as 'Bidder name'; restore the form's order (undo "
     "the sort, or copy the answers into a new form from the template), check the answers and import it again",
     "A 列的字段代码对应“投标人名称”，旁边 B 列的问题却是 '统一社会信用代码'：A 列与 B 列被分开排序或"
     "修改过（Excel 的“以当前选定区域排序”，或字段代码按其他顺序粘贴），C 列中对该问题的回答会被当作“投标人名称”的"
     "填写内容读取；请恢复投标表原有顺序（撤销排序，或将填写内容抄入按模板新生成的投标表），核对填写内容后再导入"),
    ("bids.rows_out_of_order",
     "the field 'similar_projects' stands before 'itss_level', where the form had it after: rows were sorted or moved "
     "(the answers in column C may no longer stand beside their questions); restore the form's order (undo the sort, "
     "or copy the answers into a new form from the template), check the answers and import it again",
     "the field 'Projects' stands before 'ITSS level', where the form had it after: rows were sorted or moved (the "
     "answers in column C may no longer stand beside their questions); restore the form's order (undo the sort, or "
     "copy the answers into a new form from the template), check the answers and import it again",
     "字段“客服中心外包项目数量”排在“运维能力等级”之前，而投标表原本将其排在之后：行被排序或移动过（C 列的填写内容可能已不在"
     "其问题旁）；请恢复投标表原有顺序（撤销排序，或将填写内容抄入按模板新生成的投标表），核对填写内容后再导入"),
    ("bids.scored_replace",
     f"the bid of {VENDOR} cannot be replaced: the panel has already recorded 3 scores or tiers for the bid it "
     "opened, and a new file must not inherit them; remove the bid first (its scores go with it, with a reason kept "
     "in the audit trail), then import the new file", SAME,
     f"{VENDOR} 的投标不能替换：评委已对原投标记录了 3 项评分或定档，新文件不能沿用；请先删除该投标（其评分随之删除，"
     "删除原因记入审计记录），再导入新文件"),
    ("bids.hidden_sheet",
     "this sheet is hidden in Excel, so nobody looking at the workbook sees its bids: show the sheet (right-click a "
     "sheet tab → Unhide) and save the workbook to have it read, or delete it if another sheet holds the bids", SAME,
     "此工作表在 Excel 中已隐藏，查看工作簿的人看不到其中的投标：请取消隐藏该工作表（右键单击工作表标签 → 取消隐藏）"
     "并保存后再读取；如投标在另一工作表中，请删除此表"),
    ("bids.hidden_row",
     "row 7 is hidden (by hand or by a filter) and is not empty: show the row (or clear the filter) and save the "
     "workbook to have it read as a bid, or delete the row if that bid is not to be evaluated", SAME,
     "第 7 行已隐藏（手动隐藏或被筛选隐藏）且不是空行：如该行是要评审的投标，请取消隐藏（或清除筛选）后保存；"
     "如该投标不参加评审，请删除该行"),
    ("bids.hidden_column",
     "column K is hidden and is not empty: show the column and save the workbook to have it read, or delete the "
     "column if it is not to be evaluated", SAME,
     "K 列已隐藏且不是空列：请取消隐藏后保存，以便读取该列；如该列不参加评审，请删除该列"),
    ("bids.header_below",
     "the header is row 3 (it names the vendor ID and name columns), but row 2 above it is neither a title in one cell "
     "nor a row of merged group headings, so the sheet is not read: move row 2 below the header if it is a bid, else "
     "delete it or write its text in one cell", SAME,
     "表头在第 3 行（含统一社会信用代码和投标人名称列），但其上方的第 2 行既不是只占一个单元格的标题，也不是合并单元格的"
     "分组标题，因此未读取此表：如第 2 行是投标，请移到表头下方；否则请删除该行，或将其内容写在一个单元格中"),
    ("bids.unit_above_header",
     "'单位：万元' above the header (row 3) states a unit for the amounts, but each column is read in its field's own "
     "unit whatever a title says: check that the amounts are in that unit (or write each with its unit, 150万), then "
     "delete this text", SAME,
     "表头（第 3 行）上方的 '单位：万元' 写明了金额单位，但无论标题如何写，各列都按字段本身的单位读取：请核对金额是否按该"
     "单位填写（或在单元格中写明单位，如 150万），然后删除这段文字"),
    ("bids.total_row",
     "row 5 is the total row of the Excel table '表1' (its Total Row is on), not a bid: turn Total Row off (Table "
     "Design → Total Row) or delete the row, and save the workbook", SAME,
     "第 5 行是 Excel 表格“表1”的汇总行（已开启“汇总行”），不是投标：请关闭汇总行（表设计 → 汇总行）或删除该行，然后保存"),
    ("bids.struck",
     "row 5 is struck through (A5:K5): a withdrawn bid? Delete the row if the bid was withdrawn, or remove the "
     "strikethrough if it stands, and save the workbook", SAME,
     "第 5 行有删除线（A5:K5）：是否为已撤回的投标？如已撤回，请删除该行；如投标仍有效，请去掉删除线；然后保存"),
    ("bids.struck_header",
     "the header '投标总价' is struck through: is its column given up? Remove the strikethrough and save the workbook "
     "to have the column read, or delete the column if it is not to be evaluated", SAME,
     "表头“投标总价”有删除线：该列是否已作废？如需读取该列，请去掉删除线后保存；如该列不参加评审，请删除该列"),
    ("bids.hidden_form_column",
     "column C, which holds the answers, is hidden: show the column and save the workbook to have the form read",
     SAME,
     "C 列（填写内容所在列）已隐藏：请取消隐藏该列后保存，以便读取投标表"),
    ("bids.fields_not_in_sheet",
     "no column for 'similar_projects': each of the sheet's 1,234 bids is read as not stating it (a criterion counting "
     "it scores 0 and a required one makes the bid invalid); if the column was left out of the consolidation, add it "
     "with each bid's answer and import again",
     "no column for 'Similar projects': each of the sheet's 1,234 bids is read as not stating it (a criterion counting "
     "it scores 0 and a required one makes the bid invalid); if the column was left out of the consolidation, add it "
     "with each bid's answer and import again",
     "缺少“类似项目数量”列：本表 1,234 份投标均按未填写处理（以其计分的评分项得 0 分，必填项使投标无效）；如汇总时漏列，请补上"
     "该列及各投标的填写内容后重新导入"),
    ("bids.missing_column",
     "no 'vendor_id' column (header vendor_id or 统一社会信用代码 / Vendor ID)",
     "no 'Vendor ID' column (headed vendor_id, Vendor ID or 统一社会信用代码)",
     '缺少“统一社会信用代码”列（表头为 vendor_id 或 统一社会信用代码）'),
    ("bids.no_bid_sheet",
     "expected a sheet 'Bid' (a bid form) or 'Bids' (a consolidated workbook), found sheets: 'Sheet1'", SAME,
     '应有工作表“Bid”（投标文件）或“Bids”（汇总表），实际工作表：“Sheet1”'),
    ("bids.no_field_rows",
     'the bid form holds no field rows (column A: field ids)', SAME,
     '投标文件中没有字段行（A 列应为字段代码）'),
    ("bids.no_header",
     'a column with values has no header', SAME,
     '有内容的列没有表头'),
    ("bids.no_rows",
     'a header row but no bid rows', SAME,
     '只有表头，没有投标行'),
    ("bids.none_found",
     'no bids found', SAME,
     '没有找到投标'),
    ("bids.required_empty",
     'vendor_name is empty (every bid needs one)',
     'empty (every bid needs one)',
     '未填写（每份投标都必须填写）'),
    ("bids.unknown_field",
     "unknown field id 'vendor_nam' in column A (expected one of the rubric's field ids; did you mean 'vendor_name'?)",
     "column A holds 'vendor_nam', which is not a field id of this rubric; did you mean vendor_name (Bidder name)?",
     "A 列的字段代码 'vendor_nam' 不是本评分标准的字段；是否应为 vendor_name（投标人名称）？"),
    ("bids.unit_in_header",
     "the header '投标总价（万元）' adds a unit (万元) to the field 'total_price': the column is read in yuan (the field's "
     "own unit) whatever its header says, so head it '投标总价' and write each value in that unit, or with its unit in "
     "the cell (150万)",
     "the header '投标总价（万元）' adds a unit (万元) to the field 'Total price': the column is read in yuan (the field's "
     "own unit) whatever its header says, so head it '投标总价' and write each value in that unit, or with its unit in "
     "the cell (150万)",
     "列名 '投标总价（万元）' 在字段“投标总价”后加了单位（万元）：无论列名如何写，该列都按字段本身的单位（元）读取；"
     "请将列名改为“投标总价”，并按该单位填写各值，或在单元格中写明单位（如 150万）"),
    ("bids.unknown_header",
     "unknown column header 'Prce' (expected a field id or label; did you mean 'price_model'?)", SAME,
     "未知的列名 'Prce'（应为字段代码或字段名称；是否应为 'price_model'？）"),
    ("bids.vendor_exists",
     'vendor_id 91440300708461136T is already in this tender; remove or replace that bid first',
     'a bid from 91440300708461136T is already in this tender; remove or replace that bid first',
     '统一社会信用代码为 91440300708461136T 的投标已在本项目中；请先删除或替换该投标'),
    ("bids.vendor_in_upload",
     f"vendor_id {VENDOR} is also at b.xlsx:Bid!C2, c.xlsx:Bids!A3 in this upload; every file holding it is refused",
     f"the vendor ID {VENDOR} is also at b.xlsx:Bid!C2, c.xlsx:Bids!A3 in this upload; a vendor has one bid, so "
     "every file holding it is refused: upload again only the file with the bid to keep (replacing is for a bid "
     "imported earlier, never for another file of the same upload)",
     f"统一社会信用代码 {VENDOR} 在本次上传中还出现在 b.xlsx:Bid!C2、c.xlsx:Bids!A3；每家投标人只有一份投标，"
     "含该代码的文件均未导入：请只重新上传要保留的那份投标文件（“替换”只替换此前已导入的投标，不替换同一次上传中的另一个文件）"),
    ("bids.vendor_twice",
     'vendor_id 91440300708461136T appears twice (also at a.xlsx:Bid!C2)',
     'the vendor ID 91440300708461136T appears twice (also at a.xlsx:Bid!C2)',
     '统一社会信用代码 91440300708461136T 出现两次（另见 a.xlsx:Bid!C2）'),
    ("cell",
     "expected an amount in yuan, found '1,5'", SAME,
     "应为金额（元），实际为 '1,5'"),
    ("cli.judge_not_listed",
     "panel.xlsx: judge '赵评委' is not on the Judges sheet (王评委, 李评委)", SAME,
     'panel.xlsx：评委“赵评委”不在工作表 Judges 中（王评委、李评委）'),
    ("cli.output_is_input",
     "--out names the input --bids bids.xlsx: writing there would destroy it; choose another file (nothing was read "
     "or written)", SAME,
     "--out 指向输入文件 --bids bids.xlsx：写入会毁掉该文件；请另选文件名（未读取也未写入任何文件）"),
    ("cli.outputs_same",
     "--out names the same file as --json: one would overwrite the other; give each its own file (nothing was read "
     "or written)", SAME,
     "--out 与 --json 指向同一个文件：后写的会覆盖先写的；请分别指定文件（未读取也未写入任何文件）"),
    ("cli.output_is_folder",
     "--json names a folder: give the name of the file to write (nothing was read or written)", SAME,
     "--json 指向一个文件夹：请给出要写入的文件名（未读取也未写入任何文件）"),
    ("cli.binary_to_stdout",
     "--out -: a workbook or PDF is binary and is not written to standard output; give a file name (./- for a file "
     "named -; only --json - writes to standard output) (nothing was read or written)", SAME,
     "--out -：工作簿或 PDF 是二进制文件，不写到标准输出；请给出文件名（文件名为 - 的写作 ./-；只有 --json - 写到标准输出）"
     "（未读取也未写入任何文件）"),
    ("cli.output_folder_missing",
     "--out: the folder /nowhere does not exist (nothing was read or written)", SAME,
     "--out：文件夹 /nowhere 不存在（未读取也未写入任何文件）"),
    ("cli.output_empty",
     "the file name is empty: give the name of the file to write (nothing was read or written)", SAME,
     "文件名为空：请给出要写入的文件名（未读取也未写入任何文件）"),
    ("cli.output_under_file",
     "--json: /x1/r1 is a file, not a folder, so nothing can be written inside it: give a path in a folder "
     "(nothing was read or written)", SAME,
     "--json：/x1/r1 是文件而不是文件夹，不能在其中写入：请给出某个文件夹中的路径（未读取也未写入任何文件）"),
    ("cli.output_in_bids_folder",
     "--out would write a workbook into the bids folder bids: the next run would read it as a bid; write it "
     "elsewhere (nothing was read or written)", SAME,
     "--out 会把工作簿写入投标文件夹 bids：下次评审会把它当作投标读取；请写到别处（未读取也未写入任何文件）"),
    ("cli.output_extension",
     "--out writes an Excel workbook, but the file name ends in .json; end it in .xlsx: ranked.xlsx (nothing was read "
     "or written)", SAME,
     "--out 写入的是 Excel 工作簿，但文件名以 .json 结尾；请以 .xlsx 结尾，如 ranked.xlsx（未读取也未写入任何文件）"),
    ("cli.output_not_a_file",
     "--json names a named pipe (FIFO), not a regular file: it writes to regular files only; for standard output "
     "write --json - (nothing was read or written)", SAME,
     "--json 指向命名管道，不是普通文件：它只写入普通文件；要写到标准输出，请写 --json -（未读取也未写入任何文件）"),
    ("files.ranked_workbook",
     "this is a result of bid-eval (a ranked workbook, sheets 'Ranking', 'Scores', 'Audit'), not a panel workbook: its "
     "scores are an earlier evaluation's; give the panel workbook the judges' scores are in", SAME,
     "这是 bid-eval 输出的评审结果（排名工作簿，工作表“Ranking”、“Scores”、“Audit”），不是评委评分工作簿：其中的分数来自此前的一次评审；"
     "请提供载有评委评分的工作簿"),
    ("files.other_rubric",
     "a score sheet for rubric 'cs-outsourcing-lot2', not 'cs-outsourcing': it was made for another tender or lot (its "
     "document properties name the rubric); give the score sheet made from 'cs-outsourcing'", SAME,
     "这是评分标准“cs-outsourcing-lot2”的评分表，不是“cs-outsourcing”的：它是为另一个项目或分包制作的（文档属性中记有评分标准）；"
     "请提供按“cs-outsourcing”制作的评分表"),
    ("files.no_tender",
     "this score sheet names no tender (its document properties were removed, or it was not made by the app): check "
     "it is this tender #2 (第2包)'s, not another lot's, before importing it", SAME,
     "此评分表未注明招标项目（其文档属性已被删除，或不是由本系统生成的）：导入前请确认它是本项目 #2（第2包）的评分表，而不是其他分包的"),
    ("files.other_tender",
     "this score sheet was made for tender #3 (评标委员会测试), not this tender #7 (第2包): download this tender's score "
     "sheet", SAME, "此评分表是为招标项目 #3（评标委员会测试）制作的，不是本项目 #7（第2包）：请下载本项目的评分表"),
    ("files.other_version",
     "this bid form and 2 more (b.xlsx, c.xlsx) were made from another version of rubric 'cs-outsourcing' (SHA-256 "
     "123456789012…; this version 987654321098…): read against this version; check that its fields and notes still "
     "ask what the bidder answered", SAME,
     "此投标填报表及另外 2 份（b.xlsx, c.xlsx）由评分标准“cs-outsourcing”的另一版本制作（SHA-256 123456789012…；当前版本 "
     "987654321098…）：按当前版本读取；请核对其字段和说明是否仍与投标人所答一致"),
    ("bids.unit_changed",
     "the form says 万元 / 10,000 yuan but the rubric reads 'registered_capital' in 元 / yuan: the form was made from "
     "another version of the rubric; have the bidder answer on a form made from this version",
     "the form says 万元 / 10,000 yuan but the rubric reads this field in 元 / yuan: the form was made from another "
     "version of the rubric; have the bidder answer on a form made from this version",
     "填报表注明单位为“万元”，但评分标准按“元”读取该字段：该表由评分标准的另一版本制作；请投标人在按当前版本制作的填报表上重新填写"),
    ("files.empty_folder",
     'the folder holds no .xlsx workbook', SAME,
     '文件夹中没有 .xlsx 工作簿'),
    ("files.missing",
     'no such file or folder', SAME,
     '找不到该文件或文件夹'),
    ("files.misnamed_workbook",
     "this file is an Excel workbook, but its name does not end in '.xlsx' (it ends in '.xlsx '), so a folder's "
     "reading would pass it over; rename it to '星海.xlsx' and run again", SAME,
     "此文件是 Excel 工作簿，但文件名不以“.xlsx”结尾（实际以“.xlsx ”结尾），读取文件夹时会被跳过；请将其重命名为“星海.xlsx”，然后重新运行"),
    ("bids.answers_elsewhere",
     f"the vendor_id's answer, read from column C, is empty, while D2 holds a credit code ({VENDOR}) and column D "
     "fills 18 of the form's 23 field rows: the answers appear to be in column D, not C (a column inserted before "
     "C?); delete the extra column so that the answers stand in column C, as the template has them", SAME,
     f"统一社会信用代码（vendor_id）的填写内容应在 C 列，此处为空；而 D2 是一个统一社会信用代码（{VENDOR}），D 列填写了表中 "
     "23 个字段行中的 18 行：填写内容似乎在 D 列而不是 C 列（在 C 列前插入了一列？）；请删除多出的列，使填写内容位于 C 列，与模板一致"),
    ("files.not_xlsx_suffix",
     'not an .xlsx workbook (.xls file); save it as .xlsx', SAME,
     '不是 .xlsx 工作簿（.xls 文件）；请另存为 .xlsx'),
    ("panel.bidder_name_disagrees",
     f"this row is for {VENDOR} ('甲公司' in its bid), but its bidder name is '乙公司（北京）' (the name of "
     f"91110000802100433B): a score typed beside that name would be booked on {VENDOR}; {SORTED_EN}", SAME,
     f"此行是 {VENDOR}（投标文件中的名称为 '甲公司'）的评分，但此行的投标人名称为 '乙公司（北京）'（是 91110000802100433B "
     f"的名称）：对照该名称填写的得分将记在 {VENDOR} 名下；{SORTED_ZH}"),
    ("panel.criterion_name_disagrees",
     "this row is for the criterion 'ops_plan' (运营管理能力 / Operations management capability), but its criterion "
     f"name is '服务设计' (the name of 'service_design'): a score typed beside that name would be booked on "
     f"'ops_plan'; {SORTED_EN}",
     "this row is for the criterion 'Operations management capability', but its criterion name is '服务设计' (the "
     f"name of 'Service design'): a score typed beside that name would be booked on 'Operations management "
     f"capability'; {SORTED_EN}",
     "此行是评分项“运营管理能力”的评分，但此行的评分项名称为 '服务设计'：对照该名称填写的得分将记在“运营管理能力”名下；"
     f"{SORTED_ZH}"),
    ("panel.column_twice",
     "the column 'score' appears twice (also D1); expected it once", SAME,
     '“得分”列出现两次（另见 D1）；只应有一列'),
    ("panel.invalid_bid_score",
     'score for invalid bid 91440300708461136T ignored (invalid bids are not scored)', SAME,
     '91440300708461136T 为无效投标，其评分已忽略（无效投标不评分）'),
    ("panel.row_not_read",
     "row 27 names no criterion and gives no score or tier, only '评委签字：': a line of the form, not read", SAME,
     "第 27 行没有评分项，也没有得分或档次，只有 '评委签字：'：视为表格的说明行，未读取"),
    ("panel.entry_alone",
     "score 7 stands alone on row 30, 20 empty rows under row 9: expected its judge, vendor_id and criterion on the "
     "same row, or the cell cleared",
     "score 7 stands alone on row 30, 20 empty rows under row 9: expected its judge, vendor ID and criterion on the "
     "same row, or the cell cleared",
     "第 30 行只有得分 7（在第 9 行之下，中间隔 20 个空行）：应在同一行填写评委、统一社会信用代码、评分项，或清除该单元格"),
    ("panel.member_note",
     "'以上共5人' reads as a note (a count, a remark, a date), not a member's name: not read as a member", SAME,
     "'以上共5人' 是说明（人数、备注或日期），不是评委姓名：未作为评委读取"),
    ("panel.member_roles",
     "'王评委' and '王评委（组长）' (at Judges!A2) are one name, '王评委', with another role: a role in brackets does not "
     "tell two members apart; expected each member listed once (two people of one name: write their names so they "
     "differ, 王伟（财务）, 王伟（技术）, on this sheet and on Scores)", SAME,
     "'王评委' 与 '王评委（组长）'（Judges!A2）是同一姓名 '王评委'，职务不同：括号中的职务不能区分两位评委；每位评委只应列出一次"
     "（确为同名的两人，请在本表和 Scores 中用不同写法区分，如 王伟（财务）、王伟（技术））"),
    ("panel.member_unnamed",
     "the judge cell is empty, but B4 on its row holds '赵六', which reads as a name: a member whose name was typed in "
     "another column, or left out? expected the member's name in this cell (delete the row if it names no member)", SAME,
     "评委姓名单元格为空，但同一行的 B4 填有 '赵六'，像是姓名：评委姓名填错了列，还是漏填了？此单元格应填写评委姓名（如该行不是评委，请删除该行）"),
    ("panel.row_without_member",
     "the judge cell is empty and its row holds only '制表人：' (A4), '张三' (C4), no name: not read as a member", SAME,
     "评委姓名单元格为空，该行只有 '制表人：'（A4）、'张三'（C4），没有姓名：未作为评委读取"),
    ("panel.member_twice",
     "'王评委' is listed twice, the same as at Judges!A2: read as one member; delete one of the rows (two people of one "
     "name: write their names so they differ, 王伟（财务）, 王伟（技术）, on this sheet and on Scores)", SAME,
     "'王评委' 列出了两次，与 Judges!A2 相同：按一位评委读取；请删除其中一行（确为同名的两人，请在本表和 Scores 中用不同写法区分，"
     "如 王伟（财务）、王伟（技术））"),
    ("panel.member_rows_differ",
     "'王伟' is listed again (first at Judges!A2), but its rows differ beside the name (B2 '甲大学', B4 an empty cell): two people "
     "of one name, or one member listed twice with a mistake, cannot be told apart; expected each member listed once "
     "(two people of one name: write their names so they differ, 王伟（财务）, 王伟（技术）, on this sheet and on Scores)",
     SAME,
     "'王伟' 再次列出（首次见 Judges!A2），但两行姓名以外的内容不同（B2 '甲大学'，B4 空单元格）：无法判断是同名的两人，还是同一评委重复列出"
     "且有误；每位评委只应列出一次（确为同名的两人，请在本表和 Scores 中用不同写法区分，如 王伟（财务）、王伟（技术））"),
    ("panel.group_heading",
     "'技术组' reads as the heading of a group of the list (alone on its row, it ends in 组, panel, group or team) and "
     "nobody scores as '技术组' on 'Scores': not read as a member", SAME,
     "'技术组' 是名单中分组的标题（独占一行，以“组”等字样结尾），且“Scores”中没有以 '技术组' 名义的评分：未作为评委读取"),
    ("panel.heading_of_nobody",
     "'商务组' reads as the heading of a group of the list, but no member is listed under it and nobody scores as '商务组' "
     "on 'Scores': a member yet to score, or a heading left over? expected the members of its group listed under it, "
     "or its row deleted if it names no member", SAME,
     "'商务组' 像是名单中分组的标题，但其下没有列出评委，且“Scores”中没有以 '商务组' 名义的评分：是尚未评分的评委，还是多余的标题？"
     "应在其下列出该组评委；如不是评委，请删除该行"),
    ("panel.member_below_list",
     "'赵六' stands below an empty row under the list of members (A2–A6) and has no row on 'Scores': a member who has "
     "not scored yet and a note under the list cannot be told apart; if a member, delete the empty row above it, so the "
     "list is one; if not, delete it or move it off the judge column", SAME,
     "'赵六' 位于评委名单（A2–A6）下方的空行之后，且在“Scores”中没有评分行：无法判断是尚未评分的评委还是名单下的说明；"
     "如是评委，请删除其上方的空行，使名单连续；如不是，请删除或移出评委列"),
    ("panel.missing_column",
     "expected a column 'judge' (headed judge or 评委) in the header row, found: 'vendor_id', 'score'", SAME,
     "表头行中应有“评委”列（列名为 judge、评委 之一），实际表头：'vendor_id'、'score'"),
    ("panel.hidden_sheet",
     "this sheet is hidden in Excel, so nobody looking at the workbook sees it: show the sheet (right-click a sheet "
     "tab → Unhide) and save the workbook to have it read, or delete it", SAME,
     "此工作表在 Excel 中已隐藏，查看工作簿的人看不到它：请取消隐藏该工作表（右键单击工作表标签 → 取消隐藏）"
     "并保存后再读取，或删除此表"),
    ("panel.hidden_row",
     "row 9 is hidden (by hand or by a filter) and is not empty: show the row (or clear the filter) and save the "
     "workbook to have it read, or delete the row", SAME,
     "第 9 行已隐藏（手动隐藏或被筛选隐藏）且不是空行：请取消隐藏（或清除筛选）后保存，以便读取该行；或删除该行"),
    ("panel.struck",
     "row 7 has cells struck through (D7): a withdrawn score? Delete the row if the score was withdrawn, or remove the "
     "strikethrough if it stands, and save the workbook", SAME,
     "第 7 行有单元格带删除线（D7）：是否为已撤回的评分？如已撤回，请删除该行；如评分仍有效，请去掉删除线；然后保存"),
    ("panel.struck_header",
     "the header 'score' is struck through: is its column given up? Remove the strikethrough and save the workbook to "
     "have the column read, or delete the column if it is not to be read", SAME,
     "表头“score”有删除线：该列是否已作废？如需读取该列，请去掉删除线后保存；如该列不再使用，请删除该列"),
    ("panel.hidden_column",
     "column D is hidden and is not empty: show the column and save the workbook to have it read, or delete the "
     "column", SAME,
     "D 列已隐藏且不是空列：请取消隐藏后保存，以便读取该列；或删除该列"),
    ("panel.recused_score",
     f"王评委 declared a conflict of interest with {VENDOR} and does not score it (回避): remove this score, or the "
     "judge's declaration first if it was wrong", SAME,
     f"王评委 已声明与 {VENDOR} 存在利害关系，应回避、不对其打分：请删除此得分；如声明有误，请先更正声明"),
    ("panel.undeclared_score",
     f"王评委 has not yet declared whether they have a conflict of interest with {VENDOR} (回避声明): the judge "
     "declares first, on the Scoring page; then this score can be imported", SAME,
     f"王评委 尚未就与 {VENDOR} 是否存在利害关系作出回避声明：请评委先在“评委打分”页面作出声明，再导入此得分"),
    ("panel.scores_elsewhere",
     "this sheet is hidden in Excel (right-click a sheet tab → Unhide to see it) and holds scores (its header names the "
     "judge, vendor_id, criterion and score columns), but only the sheet 'Scores' is read: if it is a draft or an "
     "earlier copy, delete it (moving its rows would put them in twice); if its rows are wanted, show it and move its "
     "rows to 'Scores'", SAME,
     "此工作表在 Excel 中已隐藏（右键单击工作表标签 → 取消隐藏即可看到），含有评分（表头有评委、统一社会信用代码、评分项、"
     "得分列），但只读取工作表“Scores”：如它是草稿或旧副本，请删除（把其中的行移过去会重复录入）；如需要其中的行，"
     "请取消隐藏后把其中的行移到“Scores”"),
    ("panel.tiers_elsewhere",
     "this sheet holds agreed tiers (its header names the vendor_id, criterion and tier columns), but only the "
     "sheet 'Tiers' is read: rename it 'Tiers', or move its rows there", SAME,
     "此工作表含有议定档次（表头有统一社会信用代码、评分项、档次列），但只读取工作表“Tiers”：请将其改名为“Tiers”，或把其中的行移到该表"),
    ("panel.judges_elsewhere",
     "this sheet lists judges (its header names a judge column) and names 陈评委, not among the members on the sheet "
     "'Judges': only the sheet 'Judges' sets the panel's members, so they would not be counted: add them to 'Judges' "
     "if they sit on the panel, or correct or delete this sheet", SAME,
     "此工作表列有评委（表头有评委列），其中 陈评委 不在工作表“Judges”的评委名单中：只有工作表“Judges”确定评委会成员，"
     "他们不会被计入：如其为评委会成员，请将其加入“Judges”；否则请更正或删除此表"),
    ("panel.scores_twice",
     "two columns of scores (E 得分, G 最终得分): only one is read, and which of them stands cannot be told: keep the one "
     "that stands, and delete the other or move it to another sheet", SAME,
     "有两列得分（E 得分、G 最终得分）：只读取一列，无法判断哪一列有效：请保留有效的一列，删除另一列或将其移到其他工作表"),
    ("panel.scores_layout",
     "this sheet holds scores in a layout bid-eval does not read (one column per criterion (ops_plan, service_design); "
     "no judge column: no heading is one bid-eval reads as the judge's (judge, 评委, 专家), and a sheet's name does not "
     "say whose scores they are): only the sheet 'Scores' is read, one row per judge, bid and criterion, headed judge, "
     "vendor_id, criterion, score and comment: move its scores there in that layout, each row with its judge's name, "
     "or delete this sheet if they are there already (a summary)",
     "this sheet holds scores in a layout bid-eval does not read (one column per criterion (Operations management "
     "capability, Service design); no judge column: no heading is one bid-eval reads as the judge's (judge, 评委, 专家), "
     "and a sheet's name does not say whose scores they are): only the sheet 'Scores' is read, one row per judge, bid "
     "and criterion, headed judge, vendor_id, criterion, score and comment: move its scores there in that layout, each "
     "row with its judge's name, or delete this sheet if they are there already (a summary)",
     "此工作表含有评分，但其格式无法读取（每个评分项一列（运营管理能力、服务设计）；没有评委列：没有一个列名可识别为评委"
     "（judge、评委、专家），而工作表名称不能说明是谁的评分）：只读取工作表“Scores”，每位评委对每个投标人的每个评分项一行，"
     "表头为评委、统一社会信用代码、评分项、得分、备注：请把其中的评分按上述格式移到该表（每行写明评委姓名）；"
     "如该表已有这些评分（此表为汇总表），请删除此表"),
    ("panel.column_not_read",
     "the column '评分理由' is not one bid-eval reads on this sheet (judge, vendor_id, criterion, score, comment), so "
     "its 7 filled cells are not read or kept: head it as a column read (comments: head it 备注 or comment) if it "
     "should be, or leave it if it is only for the eye",
     "the column '评分理由' is not one bid-eval reads on this sheet (judge, vendor ID, criterion, score, comment), so "
     "its 7 filled cells are not read or kept: head it as a column read (comments: head it 备注 or comment) if it "
     "should be, or leave it if it is only for the eye",
     "列“评分理由”不是本表读取的列（评委、统一社会信用代码、评分项、得分、备注），其中已填写的 7 个单元格不会读取或保存："
     "如需读取，请改用本表读取的列名（评语请用列名“备注”）；如仅供查看，可不处理"),
    ("panel.no_scores_sheet",
     "expected a sheet 'Scores' (judge, vendor_id, criterion, score, comment) or 'Tiers', found: 'Sheet1'", SAME,
     '应有工作表“Scores”（评委、统一社会信用代码、评分项、得分、备注）或“Tiers”，实际工作表：“Sheet1”'),
    ("panel.no_tier",
     "no tier agreed for 91440300708461136T on 'ops_plan': expected the panel to record it on the Tiers sheet (t1 一档 (0–5), t2 二档 (5.1–10)) before scoring, found score 8",
     "no tier agreed for 91440300708461136T on 'Operations management capability': expected the panel to record it on the Tiers sheet (Tier 1 (0–5), Tier 2 (5.1–10)) before scoring, found score 8",
     '91440300708461136T 的“运营管理能力”尚未定档：须先在工作表 Tiers 中定档（一档（0–5）、二档（5.1–10））再打分，实际已打分 8'),
    ("panel.not_panel",
     "'price' is a price criterion, computed from the bid and never scored by a judge; expected a panel criterion (ops_plan 运营管理能力, service_design 服务设计)",
     "'Price' is a price criterion, computed from the bid and never scored by a judge; expected a panel criterion (Operations management capability, Service design)",
     '“价格”的评分方式为价格分，由投标内容计算得出，评委不打分；应为评委评分项（运营管理能力、服务设计）'),
    ("panel.not_tiered",
     "'service_design' is a judged criterion and has no tiers; expected a tiered criterion (ops_plan 运营管理能力)",
     "'Service design' is a judged criterion and has no tiers; expected a tiered criterion (Operations management capability)",
     '“服务设计”的评分方式为评委评分，没有档次；应为分档评分项（运营管理能力）'),
    ("panel.judge_spelling",
     "judge '王 评委' (on 2 rows) is '王评委' of 39 rows (Scores!A3–A40) written with other spaces or letter case; expected one judge's name written the same way in every row (two judges: list both on a Judges sheet)",
     SAME,
     "评委 '王 评委'（共 2 行）与 39 行（Scores!A3–A40）的 '王评委' 仅空格或大小写不同；同一评委的姓名应每行写法一致（确为两位评委的，请在工作表 Judges 中分别列出）"),
    ("panel.scored_twice",
     "王评委 already scored 91440300708461136T on 'ops_plan' at Scores!D2; expected one row per judge, vendor and criterion",
     "王评委 already scored 91440300708461136T on 'Operations management capability' at Scores!D2; expected one row per judge, vendor and criterion",
     '王评委 已在 Scores!D2 给 91440300708461136T 的“运营管理能力”打过分；每位评委对每家投标的每个评分项只应有一行'),
    ("panel.tier_conflict",
     "tier t2 for 91440300708461136T on 'ops_plan', but tier t1 was already agreed at Tiers!C2; expected one agreed tier",
     "tier 'Tier 2' for 91440300708461136T on 'Operations management capability', but tier 'Tier 1' was already agreed at Tiers!C2; expected one agreed tier",
     '91440300708461136T 的“运营管理能力”定为“二档”，但 Tiers!C2 已定为“一档”；每份投标只能有一个档次'),
    ("reason.above_budget_ceiling",
     'quoted price ¥2,280,000.00 is above the budget ceiling ¥1,980,000.00', SAME,  # the yuan said (report6 D6-8)
     '投标报价 2,280,000.00 元超过最高限价 1,980,000.00 元'),
    ("reason.above_unit_ceiling",
     'rate_office 4.80 CNY/m²/month is above its ceiling 4.50 CNY/m²/month',
     'Offices: rate per m²-month ¥4.80 is above its ceiling ¥4.50',  # the unit said once (review6 R6-17)
     '办公区 每平方米每月单价 4.80 元超过单项限价 4.50 元'),
    ("reason.below_min_discount",
     'discount rate 4.5% is below the least allowed, 5%', SAME,
     '下浮率 4.5% 低于最低下浮率 5%'),
    ("reason.below_pass_mark",
     'technical subtotal 38.5 is below the pass mark 40',
     'Technical subtotal 38.5 is below the pass mark 40',
     '技术得分 38.5，低于及格分 40'),
    ("reason.settled_out_by_panel",
     "out by the panel's settled decision: technical below the pass mark on the whole panel's scores",
     "out by the panel's settled decision: Technical below the pass mark on the whole panel's scores",
     '评标委员会已评定出局：按全体评委评分，技术低于及格分'),
    ("reason.gate_blank",
     'response_hours: not stated',
     'Response time: not stated',
     '上门响应时间：未填写'),
    ("reason.gate_not_met",
     'not met: qual',
     'not met: Supervision licence',
     '未满足：监理资质'),
    ("reason.price_model_not_allowed",
     "pricing model 'per_call' is not allowed (lump_sum)",
     "pricing model 'Per call' is not allowed (Lump sum)",
     '报价方式“按通计费”不在允许范围（总价包干）'),
    ("reason.price_model_required",
     'Pricing model is not stated', SAME,
     '未填写报价方式'),
    ("reason.price_not_positive",
     'quoted price ¥0.00 is not above 0', SAME,
     '投标报价 0.00 元不大于零'),
    ("reason.price_parameters_missing",
     'price lacks: rate_per_call',
     'price lacks: Rate per call',
     '报价缺少：每通电话单价'),
    ("reason.required",
     'licence_no is not stated',
     'Licence number is not stated',
     '未填写许可证编号'),
    ("report.font_missing",
     "the evaluation report needs the font Noto Sans CJK SC, which is not installed (BIDEVAL_CJK_FONT=/fonts/x.ttf is "
     "not a file); install Debian's fonts-noto-cjk (bash scripts/setup.sh does), or set BIDEVAL_CJK_FONT to a font "
     "file that has Chinese characters", SAME,
     "评标报告需要字体 Noto Sans CJK SC，本机尚未安装（已查找：/fonts/x.ttf）；请安装 Debian 的 fonts-noto-cjk 软件包"
     "（bash scripts/setup.sh 会安装），或把环境变量 BIDEVAL_CJK_FONT 设为一个含中文字符的字体文件"),
    ("score.invalid_bid",
     'the bid is invalid and is not scored', SAME,
     '该投标为无效投标，不评分'),
    ("score.no_bid",
     'no bid from 91440300708461136T in this tender', SAME,
     '本项目中没有 91440300708461136T 的投标'),
    ("score.no_tier",
     'no agreed tier yet for 运营管理能力 / Operations management capability: the chair records it on the tier screen first',
     "no agreed tier yet for 'Operations management capability': the chair must set the tier on the Tiers page first",
     '组长尚未确定“运营管理能力”的档次，须先在“定档”页面定档后才能打分'),
    ("score.not_declared",
     'declare first whether you have a conflict of interest with this bidder', SAME,
     '请先声明与该投标人是否存在利害关系'),
    ("score.not_panel",
     "'price' is not a criterion the panel scores",
     "'Price' is not a criterion the panel scores",
     '“价格”不是评委打分的评分项'),
    ("score.not_tiered",
     "'service_design' is not a tiered criterion",
     "'Service design' is not a tiered criterion",
     '“服务设计”不是分档评分项'),
    ("score.refused",
     '7.5 is not a score the grades of Design allow: Excellent 8–10, Good 5–7 (whole points)', SAME,
     '7.5 不是 设计方案 的等级所允许的得分：优 8–10、良 5–7（整数分）'),
    ("score.recused",
     'you declared a conflict of interest with this bidder and do not score it', SAME,
     '您已声明与该投标人存在利害关系，不对其打分'),
    ("score.recused_agree",
     "you declared a conflict of interest with this bidder, so you do not agree its tier: another member of the panel "
     "with the chair's role agrees it", SAME,
     '您已声明与该投标人存在利害关系，不参与确定其档次：请由具有组长权限的其他评委确定'),
    ("score.scores_outside_tier",
     'scores already given lie outside t2 (5.1–10): 王评委: 12; those judges must change them first',
     'cannot set Tier 2 (5.1–10): the scores already given (王评委: 12) lie outside that range; those judges must change them first',
     '不能定为二档（5.1–10）：已给出的评分（王评委：12）不在该档范围内，须先由这些评委修改评分'),
    ("score.unknown_tier",
     "unknown tier 't9' for 'ops_plan'",
     "unknown tier 't9' for 'Operations management capability'",
     '“运营管理能力”没有档次“t9”'),
    ("store.judge_needs_name",
     'a judge needs a name', SAME,
     '评委须有姓名'),
    ("store.judge_name_too_long",
     "a judge's name has at most 100 characters, found 150", SAME,
     '评委姓名最多 100 个字符，实际为 150 个'),
    ("export.moved_on",
     'tender 7 has changed since the Export page was shown (final then, provisional now): nothing was downloaded; '
     'reload the page and download again', SAME,
     '招标项目 7 在“导出”页面显示后已有变化（当时为已定稿，现为临时结果）：未下载任何文件；请刷新页面后重新下载'),
    ("store.no_tender",
     'no tender 7', SAME,
     '没有编号为 7 的招标项目'),
    ("workbook.damaged",
     'damaged .xlsx: the sheet cannot be read (broken XML: unrecognized entity `&bogus;`); open it in Excel and save it again', SAME,
     '文件已损坏：工作表无法读取（XML 结构损坏）；请用 Excel 打开后重新保存'),
    ("workbook.reader_stopped",
     'damaged .xlsx: the spreadsheet reader stopped while reading the sheet (SIGABRT), so it cannot be read; open it in Excel and save it again, or ask for the file again', SAME,
     '文件已损坏：读取工作表时表格读取程序异常终止（信号 6），无法读取；请用 Excel 打开后重新保存，或请对方重新提供该文件'),
    ("workbook.impossible_date",
     'cannot read the sheet: a cell formatted as a date or time holds a number far beyond any date (out of range); correct that cell (Excel shows it as ####) and save the workbook again', SAME,
     '无法读取工作表：某个设为日期或时间格式的单元格里的数字远超任何日期；请更正该单元格（Excel 中显示为 ####）后重新保存'),
]

EXPECTATIONS = [
    ("a_text", "a text", SAME, "文字"),
    ("text_within",
     'a text of at most 32,767 characters, the most an Excel cell holds (this one has 40,000)', SAME,
     '不超过 32,767 个字符的文本，即 Excel 单元格的上限（此处有 40,000 个）'),
    ("judge_within",
     "a judge's name of at most 100 characters (this one has 101)", SAME,
     '不超过 100 个字符的评委姓名（此处有 101 个）'),
    ("id_within",
     "a bidder's code of at most 64 characters, spaces left out (this one has 80)", SAME,
     '不超过 64 个字符的投标人代码（不计空格，此处有 80 个）'),
    ("name_within",
     "a bidder's name of at most 300 characters (this one has 412)", SAME,
     '不超过 300 个字符的投标人名称（此处有 412 个）'),
    ("text_not_long_number",
     "the text as typed: a number of more than 15 digits keeps only its first 15 in a spreadsheet, so this is no "
     "longer what was typed (enter it as text, starting with an apostrophe ')", SAME,
     "按原样填写的文本：超过 15 位的数字在电子表格中只保留前 15 位，已不是原来填写的内容（请以文本填写，以单引号 ' 开头）"),
    ("text_as_shown",
     "the answer as text, as the sheet should show it (type it into a cell formatted as Text, @, or start it with an "
     "apostrophe ')", SAME,
     "以文本填写的答案，即表中应显示的内容（在设为“文本”格式（@）的单元格中填写，或以单引号 ' 开头）"),
    ("text_as_held",
     "the answer as text, shown as the cell holds it: this cell shows something other than the 12345 it holds (type "
     "the answer as text, in a cell formatted as Text, @, or start it with an apostrophe ')", SAME,
     "以文本填写、显示与所存内容一致的答案：本单元格显示的内容与其中存储的 12345 不同（请以文本填写答案：在设为“文本”格式（@）"
     "的单元格中填写，或以单引号 ' 开头）"),
    ("below_largest",
     'an amount in 10,000 yuan (万元), 0 or more, below 1,000,000,000,000,000 (Excel keeps 15 digits)',
     'an amount in 10,000 yuan, 0 or more, below 1,000,000,000,000,000 (Excel keeps 15 digits)',
     '不小于 0 的金额（万元），且小于 1,000,000,000,000,000（Excel 只保留 15 位有效数字）'),
    ("comma_after_zero",
     "a percentage such as 96% (or a fraction 0..1 such as 0.96), written with a decimal point (0.5%): a comma after "
     "a leading 0 is no thousands separator", SAME,
     "百分比，如 96%（或 0 到 1 之间的小数，如 0.96），以小数点书写（0.5%）：0 后的逗号不会是千位分隔符"),
    ("bool",
     'yes or no (是/否, Y/N, 1/0, ✓/✗)',
     'yes or no (Y/N, 1/0, ✓/✗)',
     '是或否（是/否、Y/N、1/0、✓/✗）'),
    ("choice",
     'one of 驻场运营, 离场运营', SAME,
     '以下之一：驻场运营、离场运营'),
    ("criterion_of",
     'a tiered criterion (ops_plan 运营管理能力)',
     'a tiered criterion (Operations management capability)',
     '分档评分项（运营管理能力）'),
    ("integer",
     'a whole number (0 or more)', SAME,
     '不小于 0 的整数'),
    ("grades",
     "a score allowed by the grades of 'design': Excellent 8–10, Good 5–7 (whole points)",
     "a score allowed by the grades of 'Design': Excellent 8–10, Good 5–7 (whole points)",
     '“设计方案”的等级所允许的得分：优 8–10、良 5–7（整数分）'),
    ("grade_label",
     "a grade that goes with its score on 'design' (优 / Excellent 8–10, 良 / Good 5–7 (整数分 / whole points)): 9 is "
     "the grade 优 / Excellent, not '良'",
     "a grade that goes with its score on 'Design' (Excellent 8–10, Good 5–7 (whole points)): 9 is the grade "
     "Excellent, not '良'",
     '“设计方案”中与得分相符的等级（优 8–10、良 5–7（整数分））：9 分属于等级“优”，而非“良”'),
    ("judge_member",
     'a judge on the Judges sheet (王评委)', SAME,
     '工作表 Judges 中列出的评委（王评委）'),
    ("judge_name",
     "the judge's name", SAME,
     '评委姓名'),
    ("money",
     'an amount in 10,000 yuan (万元)',
     'an amount in 10,000 yuan',
     '金额（万元）'),
    ("vendor_code",
     'a vendor ID of letters and digits (an 18-character unified social credit code; - _ . / allowed)', SAME,
     '由字母和数字组成的投标人代码（18位统一社会信用代码；可含 - _ . /）'),
    ("not_an_error",
     'a value (a typed answer, or a formula that works out)', SAME,
     '一个值（填写的内容，或能算出结果的公式）'),
    ("number",
     'a number', SAME,
     '数字'),
    ("percent",
     'a percentage such as 96% (or a fraction 0..1 such as 0.96)', SAME,
     '百分比，如 96%（或 0 到 1 之间的小数，如 0.96）'),
    ("discount_rate",
     'a discount rate (下浮率) of at least 0% and below 100%, such as 12% (or a fraction such as 0.12)', SAME,
     '不小于 0% 且小于 100% 的下浮率，如 12%（或小数，如 0.12）'),
    ("price_model",
     'a pricing model: 按通计费 (Per call), 总价包干 (Lump sum)', SAME,  # as the bid form's hint lists them (A5-5)
     '以下报价方式之一：按通计费、总价包干'),
    ("refusal",
     "a score inside the agreed tier t1 一档 (0–5) for 'ops_plan'",
     "a score inside the agreed tier Tier 1 (0–5) for 'Operations management capability'",
     '“运营管理能力”已定档次一档（0–5）之内的得分'),
    ("score_in_tier",
     "a score inside the agreed tier t2 二档 (5.1–10) for 'ops_plan'",
     "a score inside the agreed tier Tier 2 (5.1–10) for 'Operations management capability'",
     '“运营管理能力”已定档次二档（5.1–10）之内的得分'),
    ("score_max",
     "a score from 0 to 15 for 'ops_plan'",
     "a score from 0 to 15 for 'Operations management capability'",
     '“运营管理能力”的得分，0 到 15'),
    ("score_range",
     'a number from 5.1 to 10 (the agreed tier t2 二档)',
     'a number from 5.1 to 10 (the agreed tier: Tier 2)',
     '5.1 到 10 之间的数字（已定档次：二档）'),
    ("text",
     'something', SAME,
     'something'),
    ("tier_of",
     "a tier of 'ops_plan': t1 一档 (0–5), t2 二档 (5.1–10)",
     "a tier of 'Operations management capability': Tier 1 (0–5), Tier 2 (5.1–10)",
     '“运营管理能力”的档次之一：一档（0–5）、二档（5.1–10）'),
    ("sme_category",
     'an SME category: 小型企业 (Small enterprise), 微型企业 (Micro enterprise), or 否 (no)',
     'an SME category: Small enterprise, Micro enterprise, or no',
     '中小企业类别之一：小型企业、微型企业，或“否”'),
    ("vendor",
     'the vendor_id of a bid; did you mean 91440300708461136T?',
     'the vendor ID (unified social credit code) of a bid in this tender; did you mean 91440300708461136T?',
     '本项目中某一投标的统一社会信用代码；是否应为 91440300708461136T？'),
]

# ASCII words a Chinese message may hold: file formats, sheet names and header spellings the user types,
# and ids shown on purpose next to their label (column A of a bid form holds field ids).
ALLOWED_ASCII = {"xlsx", "xls", "Excel", "XML", "Bid", "Bids", "Scores", "Tiers", "Judges", "Sheet1", "judge",
                 "Ranking", "Audit", "bid", "eval",  # the ranked workbook's sheets; bid-eval
                 "vendor_id", "score", "vendor_nam", "vendor_name", "Prce", "price_model", "panel", "something",
                 "C2", "C3", "B1", "D1", "D2", "C25", "t9", "Y", "N",
                 "wang", "example", "org", "UTC",  # a user name and e-mail, and the time zone of a lock
                 # the report's font, its Debian package, the setup command and the variable that names a font file
                 "Noto", "Sans", "CJK", "SC", "Debian", "fonts", "noto", "cjk", "bash", "scripts", "setup", "sh",
                 "BIDEVAL_CJK_FONT", "ttf",
                 "out", "json", "bids", "criteria", "tiers", "nowhere",  # command-line options and paths the user typed
                 "PDF", "cs", "outsourcing", "lot2", "SHA", "ranked"}  # a rubric's id, the digest marking its version


def english_words(text: str) -> set[str]:
    """ASCII words in a text, except those a Chinese message may hold."""
    return {w for w in re.findall(r"[A-Za-z0-9_]+", text) if re.search("[A-Za-z]{2}", w) and w not in ALLOWED_ASCII}


def test_a_bidder_name_refused_on_the_row_of_a_bid_without_a_name_says_the_bid_names_none():
    facts = dict(vendor_id=VENDOR, expected="", found="乙公司", owner=None)
    assert messages.sentence("panel.bidder_name_disagrees", facts, "en", ids=True).startswith(
        f"this row is for {VENDOR} (its bid names no bidder), but its bidder name is '乙公司': a score typed")
    assert messages.sentence("panel.bidder_name_disagrees", facts, "zh").startswith(
        f"此行是 {VENDOR}（投标文件中未填投标人名称）的评分，但此行的投标人名称为 '乙公司'：")


def test_every_code_and_kind_has_a_row():
    assert sorted(row[0] for row in SENTENCES + GUARD_SENTENCES + RUBRIC_SENTENCES + DOCUMENT_SENTENCES) \
        == list(messages.codes())
    assert sorted(row[0] for row in EXPECTATIONS) == list(messages.expected_kinds())
    assert set(FACTS) | set(GUARD_FACTS) | set(RUBRIC_FACTS) | set(DOCUMENT_FACTS) == set(messages.codes()) \
        and set(EXPECTED) == set(messages.expected_kinds())
    assert set(SHEET_FINDINGS) == set(messages._SHEET_FINDINGS)


@pytest.mark.parametrize("code, cli, app_en, zh", SENTENCES, ids=[row[0] for row in SENTENCES])
def test_each_code_in_both_languages(code, cli, app_en, zh):
    facts = FACTS[code]
    assert messages.sentence(code, facts, "en", ids=True) == cli
    assert messages.sentence(code, facts, "en") == (cli if app_en is SAME else app_en)
    assert messages.sentence(code, facts, "zh") == zh
    assert messages.sentence(code, facts, "zh", ids=True) == zh  # Chinese always names things by label
    assert not english_words(zh), zh


def test_a_name_below_a_note_under_the_list_of_members_in_both_languages():
    facts = {**FACTS["panel.member_below_list"], "note": "以上共5人", "at": "A7"}
    assert messages.sentence("panel.member_below_list", facts, "en") == (
        "'赵六' stands below the note '以上共5人' (A7) under the list of members (A2–A6) and has no row on 'Scores': a "
        "member who has not scored yet and a note under the list cannot be told apart; if a member, move it above the "
        "note, so the list is one; if not, delete it or move it off the judge column")
    assert messages.sentence("panel.member_below_list", facts, "zh") == (
        "'赵六' 位于评委名单（A2–A6）下方的说明 '以上共5人'（A7）之后，且在“Scores”中没有评分行：无法判断是尚未评分的评委还是名单下的说明；"
        "如是评委，请将其移到该说明之上，使名单连续；如不是，请删除或移出评委列")


@pytest.mark.parametrize("kind", list(FindingKind))
def test_a_finding_on_no_such_flag_names_its_kind_as_the_review_page_does(kind):
    """The refusal of a finding on no flag names what the finding was about, in the words the Review page's table
    gives the kind (bideval.labels.FINDING_NAMES): an abnormally low price's had been left out (looked up by another
    key than the kind's value)."""
    from bideval.labels import FINDING_NAMES

    zh = messages.sentence("store.no_flag", {**FACTS["store.no_flag"], "kind": kind.value}, "zh")
    assert zh.startswith(f"没有可填写复核意见的情况：{FINDING_NAMES[kind.value].zh} "), zh


def test_a_finding_on_missing_panel_scores_is_named_as_its_flag_in_english_too():
    """The flag, the Results page and the Review page say Panel scores missing (评分未完成); the finalise refusal's flags
    without a finding and a finding changed elsewhere had said "incomplete scores" in English."""
    from bideval.labels import FINDING_NAMES

    named = FINDING_NAMES[FindingKind.INCOMPLETE.value]
    refused = messages.sentence("finalise.refused", dict(tender=7, blockers=Blockers(unresolved=(
        Flag(FindingKind.INCOMPLETE, VENDOR),))), "en")
    changed = messages.sentence("store.write_conflict", dict(what="finding", seen=1, current=2, value="已核实",
                                                             kind=FindingKind.INCOMPLETE, vendor_id=VENDOR), "en")
    for said in (refused, changed):
        assert named.en.lower() in said and "incomplete scores" not in said, said


def test_a_changed_copy_of_the_bids_sheet_in_both_languages():
    """hostile12: a copy of Bids whose row for a bidder read differs from it."""
    facts = dict(shape="copy", read="Bids", found=VENDOR, at="J3", read_at="J4")
    assert messages.sentence("bids.bids_elsewhere", facts, "en", ids=True) == (
        "this sheet is a copy of the sheet 'Bids', but its row for '91440300708461136T' differs from it as a reader "
        "reads it (at J3; J4 in the sheet 'Bids'): only the sheet 'Bids' is read, and which of the two stands cannot "
        "be told, so nothing of this workbook was imported: keep the one that stands and delete the other")
    zh = messages.sentence("bids.bids_elsewhere", facts, "zh")
    assert zh == ("此工作表是工作表“Bids”的副本，但 '91440300708461136T' 的一行按读取结果与之不同（J3；工作表“Bids”的 J4）："
                  "只读取工作表“Bids”，无法判断以哪一份为准，本工作簿未导入任何内容：请保留有效的一份，删除另一份")
    assert not english_words(zh), zh


@pytest.mark.parametrize("kind, cli, app_en, zh", EXPECTATIONS, ids=[row[0] for row in EXPECTATIONS])
def test_each_expected_kind_in_both_languages(kind, cli, app_en, zh):
    expected = Expected(kind, EXPECTED[kind])
    assert str(expected) == cli
    assert messages.expected_text(expected, "en") == (cli if app_en is SAME else app_en)
    assert messages.expected_text(expected, "zh") == zh
    assert not english_words(zh), zh


@pytest.mark.parametrize("lang, ids, with_file, line", [
    ("en", True, True, "bids/jiahe.xlsx:Bid!C25: expected an amount in yuan, found '1,5'"),
    ("en", False, True, "bids/jiahe.xlsx:Bid!C25 Total price: expected an amount in yuan, found '1,5'"),
    ("zh", False, True, "bids/jiahe.xlsx:Bid!C25 投标总价：应为金额（元），实际为 '1,5'"),
    ("zh", False, False, "Bid!C25 投标总价：应为金额（元），实际为 '1,5'"),
    ("en", False, False, "Bid!C25 Total price: expected an amount in yuan, found '1,5'"),
])
def test_a_cell_problem_names_its_place_and_its_field(lang, ids, with_file, line):
    problem = cell_problem("bids/jiahe.xlsx", "Bid", "C25", Expected("money", {"unit": None}), "1,5", PRICE)
    assert messages.render(problem, lang, ids=ids, with_file=with_file) == line
    assert str(problem) == messages.render(problem, "en", ids=True)


@pytest.mark.parametrize("problem, lang, line", [
    (Problem.of("files.missing", "bids/x.xlsx"), "zh", "bids/x.xlsx：找不到该文件或文件夹"),
    (Problem.of("bids.no_rows", "a.xlsx", "Bids"), "en", "a.xlsx:Bids: a header row but no bid rows"),
    (Problem.of("bids.no_rows", "a.xlsx", "Bids"), "zh", "a.xlsx:Bids：只有表头，没有投标行"),
    (Problem("a.yaml", "line 3: not valid YAML"), "zh", "a.yaml: line 3: not valid YAML"),  # no code: English
    (Problem.of("bids.none_found", "a.xlsx"), "zh", "a.xlsx：没有找到投标"),
])
def test_where_a_problem_is_and_what_it_is(problem, lang, line):
    assert messages.render(problem, lang) == line


def test_a_problem_without_its_file_when_the_report_names_the_file():
    problem = Problem.of("files.missing", "bids/x.xlsx")
    assert messages.render(problem, "zh", with_file=False) == "找不到该文件或文件夹"
    assert messages.parts(problem, "zh", with_file=False) == ("", "", "找不到该文件或文件夹")


def test_an_upload_s_temporary_path_is_renamed_everywhere():
    temporary = "/tmp/bideval-upload-1/00001/a.xlsx"
    problem = Problem.of("bids.vendor_twice", temporary, "Bid", "C2", vendor_id=VENDOR, also=f"{temporary}:Bid!C2")
    shown = problem.renamed(temporary, "a.xlsx")
    assert str(shown) == f"a.xlsx:Bid!C2: vendor_id {VENDOR} appears twice (also at a.xlsx:Bid!C2)"
    assert messages.render(shown, "zh") == f"a.xlsx:Bid!C2：统一社会信用代码 {VENDOR} 出现两次（另见 a.xlsx:Bid!C2）"


def test_every_problem_of_an_error_one_line_each():
    error = InputErrors([Problem.of("files.missing", "a"), Problem.of("files.empty_folder", "b")])
    assert messages.error_lines(error, "zh") == ["a：找不到该文件或文件夹", "b：文件夹中没有 .xlsx 工作簿"]
    assert messages.error_lines(error, "en", ids=True) == str(error).splitlines()


def test_a_coded_error_speaks_both_languages_and_keeps_its_english_text():
    error = ScoreRefused.coded("score.scores_outside_tier", tier=T2, scores=(("王评委", "12"),), criterion=OPS,
                               vendor_id=VENDOR)
    line = "scores already given lie outside t2 (5.1–10): 王评委: 12; those judges must change them first"
    assert isinstance(error, BidEvalError) and str(error) == line
    assert messages.error_lines(error, "zh") == ["不能定为二档（5.1–10）：已给出的评分（王评委：12）不在该档范围内，须先由这些评委修改评分"]
    assert messages.error_lines(error, "en", ids=True) == [line]


def test_a_refused_score_is_rendered_from_its_refusal():
    error = ScoreRefused.of(check_score(OPS_TIERED, "t1", D("7.50")))
    assert str(error) == "7.50 is outside the allowed range 0–5"
    assert messages.error_lines(error, "zh") == ["7.50 超出允许范围 0–5（已定档次：一档）"]
    assert messages.error_lines(error, "en") == ["7.50 is outside the allowed range 0–5 (agreed tier: Tier 1)"]


JUDGE = Actor(3, "王评委")


RIGHT_REFUSALS = [
    ("", {}, "王评委 (judge) may not finalise the result on tender 7", "王评委（评委）不能在招标项目 7 中确认最终结果"),
    ("no_account", {}, "no such account, or it is switched off", "账户不存在或已停用"),
    ("observer_before_final", {}, "an observer reads the result once it is final", "监督人员在结果定稿后才能查看"),
    ("cannot_create", {}, "creating a tender needs an account that may", "该账户无权新建招标项目"),
    ("declare_first", dict(vendors=(VENDOR,)),
     f"declare for every bidder whether you have a conflict of interest first (回避声明): {VENDOR}",
     f"须先对每家投标人作出回避声明：{VENDOR}"),
    ("blind", {}, "whoever holds a seat on the panel sees only their own scores until they have submitted them, "
     "whatever their other roles",
     "在本评标委员会中有评委席位的人（包括兼任评委的组长和采购人代表），提交自己的评分之前只能看到自己的评分"),
    ("no_seat", {}, "you hold no seat on this panel", "您不是本项目评标委员会的成员"),
    ("submitted", {}, "you have submitted your scores; they are locked", "您已提交评分，评分已锁定"),
    ("seat_submitted", dict(judges=("王评委", "李评委")),
     "王评委, 李评委 submitted their scores, which are now locked: no score sheet or panel workbook changes them (to "
     "change them, close scoring and reopen it with a reason, which unlocks every submission)",
     "王评委、李评委已提交评分，评分已锁定，评分表和评分工作簿都不能更改（如须更改，请结束评分后填写理由重新开放评分，这将解除所有评委的提交）"),
    ("prices_sealed", {}, "prices stay sealed until you have submitted your technical scores",
     "提交技术评分之前，价格保持密封"),
    ("waiting", dict(judges=("李评委", "赵评委")), "not submitted yet: 李评委, 赵评委; give a reason to close anyway",
     "尚未提交评分：李评委、赵评委；如仍要结束评分，请填写理由"),
    ("not_consensus", dict(aggregate="trimmed_mean"), "the rubric aggregates by trimmed_mean, not consensus",
     "评分标准的汇总方式为“去掉最高分和最低分后的平均值”，不是合议"),
    ("reason_needed", {}, "reopening needs a reason", "重新开启须填写理由"),
    ("administrator_only", {}, "only an administrator manages accounts", "只有管理员可以管理账户"),
    ("recused", dict(vendor_id=VENDOR), f"you declared a conflict of interest with {VENDOR}",
     f"您已声明与 {VENDOR} 存在利害关系（回避）"),
    ("price_envelope", {}, "this document belongs to the price envelope, sealed until you have submitted your "
     "technical scores", "该附件属于价格标，在您提交技术评分之前保持密封"),
]


def test_every_reason_a_right_is_refused_has_a_row():
    assert sorted(row[0] for row in RIGHT_REFUSALS if row[0]) == list(messages.why_codes())


@pytest.mark.parametrize("why, facts, en, zh", RIGHT_REFUSALS, ids=[row[0] or "none" for row in RIGHT_REFUSALS])
def test_every_right_refusal_in_both_languages(why, facts, en, zh):
    error = RightRefused(JUDGE, [Role.JUDGE], Action.FINALISE, 7, why, **facts)
    assert str(error).endswith(en) and messages.error_lines(error, "zh")[0].endswith(zh)
    assert str(error).startswith("王评委 (judge) may not finalise the result on tender 7")
    assert messages.error_lines(error, "zh")[0].startswith("王评委（评委）不能在招标项目 7 中确认最终结果")
    assert not english_words(messages.error_lines(error, "zh")[0])


@pytest.mark.parametrize("error, en, zh", [
    (StageRefused(Action.SCORE, Stage.FINAL, 7),
     "tender 7 is in the final stage: cannot score (possible in: scoring)",
     "招标项目 7 处于“已定稿”阶段，不能打分（可在以下阶段进行：评分）"),
    (WriteConflict("tier", 2, 3, "t1", vendor_id=VENDOR, criterion=OPS),
     f"the tier of {VENDOR} on 'ops_plan' was changed elsewhere to t1 (perhaps by you, in another window); your "
     "change was not saved",
     f"{VENDOR} 的“运营管理能力”档次已在别处改为 t1（可能是您在另一窗口中修改的），您的修改未保存"),
    (WriteConflict("tier", 2, 3, "t3", vendor_id=VENDOR, criterion=OPS, typed="t1",
                   tiers=(Named("t1", Label("一档", "Tier 1")), Named("t3", Label("三档", "Tier 3")))),
     f"the tier of {VENDOR} on 'ops_plan' was changed elsewhere to t3 (perhaps by you, in another window); your "
     "t1 was not saved",
     f"{VENDOR} 的“运营管理能力”档次已在别处改为 三档（可能是您在另一窗口中修改的），您的 一档 未保存"),
    (WriteConflict("consensus", 0, 1, None, vendor_id=VENDOR, criterion=OPS, typed="12.5"),
     f"the consensus score of {VENDOR} on 'ops_plan' was changed elsewhere to empty (perhaps by you, in another "
     "window); your 12.5 was not saved",
     f"{VENDOR} 的“运营管理能力”合议得分已在别处改为 空（可能是您在另一窗口中修改的），您的 12.5 未保存"),
    (WriteConflict("finding", 1, 2, "已核实", kind=FindingKind.OUTLIER, vendor_id=VENDOR),
     f"the finding on outlier {VENDOR} was changed elsewhere to 已核实 (perhaps by you, in another window); your "
     "change was not saved",
     f"关于 {VENDOR} 评分畸高畸低的复核意见已在别处改为 已核实（可能是您在另一窗口中修改的），您的修改未保存"),
    (WriteConflict("panel", 4, 6, preview=True),
     "the panel changed since the preview (version 4, now 6); preview again — nothing was written",
     "预览之后评标委员会已有变动（预览时为第 4 版，现为第 6 版），请重新预览；未写入任何内容"),
    (WriteConflict("sheet", 4, 5, preview=True, judge="王评委"),
     "王评委's scores changed since the preview (version 4, now 5); preview again — nothing was written",
     "预览之后王评委的评分已有变动（预览时为第 4 版，现为第 5 版），请重新预览；未写入任何内容"),
    (SubmitRefused("王评委", tuple((f"V{i}", "ops_plan") for i in range(11))),
     "王评委 cannot submit yet: 11 score(s) missing: " + ", ".join(f"V{i} / ops_plan" for i in range(10)) + " …",
     None),
    (FinaliseRefused(7, Blockers(not_submitted=("李评委",))), "tender 7 cannot be finalised: not submitted: 李评委"
     " (a judge whose scores are all given submits them on the Scoring page, in review too; for a score still missing, reopen scoring)", "招标项目 7 尚不能定稿：尚未提交评分：李评委（评分已全部给出的评委，在评审阶段也可在“评委打分”页面提交；仍有未打分项时，请重新开放评分）"),
    (SignInRefused("wrong", "wang"), "wrong user name or password", "用户名或密码错误"),
    (SignInRefused("locked", "wang"), "locked", "账户已锁定"),
    (SignInRefused("inactive", "wang"), "the account wang is switched off", "账户 wang 已停用"),
    (SignInRefused("expired"), "the session has expired: sign in again", "登录已过期，请重新登录"),
    (SignInRefused("must_change_password", "wang"), "wang must choose a new password first", "wang 须先设置新密码"),
    (SignInRefused("unknown_identity", "wang@example.org"),
     "no account for wang@example.org: ask the administrator for one", "没有与 wang@example.org 对应的账户，请向管理员申请"),
    (AccountRefused("password", "short_password", minimum=10, length=4), "password: at least 10 characters, found 4",
     "密码至少 10 个字符，实际为 4 个"),
    (AccountRefused("password", "same_password"), "password: the new password must differ from the old one",
     "新密码不能与旧密码相同"),
    (AccountRefused("judge_name", "seat_taken", name="王评委"),
     "judge_name: the seat '王评委' is already held by another account", "评委席位“王评委”已由其他账户占用"),
    (AccountRefused("judge_name", "seated_as", username="wang", name="王评委"),
     "judge_name: wang already sits on this panel as '王评委'", "wang 已以“王评委”的身份在本评标委员会中"),
    (AccountRefused("judge_name", "seat_has_work", seat="王评委", declarations=2, scores=3),
     "judge_name: the seat '王评委' holds 2 declaration(s) and 3 score(s) of the account that held it, so it goes to "
     "no other account: remove that judge (their scores are removed, with the reason, in the audit trail) and add a "
     "new seat",
     "评委席位“王评委”已有原持有账户的 2 项回避声明和 3 项评分，不能交给其他账户：请移除该评委（其评分随之删除，理由记入审计记录），"
     "再增设新的评委席位"),
    (AccountRefused("username", "username_needed"), "username: a user name is needed", "须填写用户名"),
    (AccountRefused("username", "too_long", limit=100, length=101), "username: at most 100 characters, found 101",
     "用户名最多 100 个字符，实际为 101 个"),
    (AccountRefused("display_name", "too_long", limit=100, length=150),
     "display_name: at most 100 characters, found 150", "姓名最多 100 个字符，实际为 150 个"),
    (AccountRefused("username", "no_account", username="wang"), "username: no account 'wang'", "没有用户名为“wang”的账户"),
    (AccountRefused("role", "role_needed"), "role: an invitation to a tender names the role it gives",
     "邀请须注明所给的角色"),
    (AccountRefused("code", "bad_code"), "code: this invitation code is unknown, used or expired",
     "邀请码无效、已使用或已过期"),
    (AccountRefused("code", "invitation_void", cause="stage", tender=3, stage=Stage.FINAL, role=Role.JUDGE,
                    inviter="张采购"),
     "code: this invitation can no longer be used: tender 3 is in the final stage, where the judge role can no longer "
     "be given; it is cancelled: ask the tender's procurement officer for a new invitation",
     "此邀请已不能使用：招标项目 3 已处于“已定稿”阶段，不能再分配“评委”角色；此邀请已作废，请向该项目的采购人索取新的邀请"),
    (AccountRefused("code", "invitation_void", cause="inviter", tender=3, role=Role.OBSERVER, inviter="张采购"),
     "code: this invitation can no longer be used: 张采购, who made it, may no longer give roles on tender 3; it is "
     "cancelled: ask the tender's procurement officer for a new invitation",
     "此邀请已不能使用：邀请人 张采购 已无权在招标项目 3 中分配角色；此邀请已作废，请向该项目的采购人索取新的邀请"),
    (AccountRefused("code", "invitation_void", cause="inviter", tender=None, role=None, inviter="张管理"),
     "code: this invitation can no longer be used: 张管理, who made it, may no longer give roles; it is cancelled: ask "
     "the administrator for a new invitation",
     "此邀请已不能使用：邀请人 张管理 已无权分配角色；此邀请已作废，请向管理员索取新的邀请"),
    (AccountRefused("code", "invitation_cancelled"),
     "code: this invitation was cancelled: ask whoever invited you for a new one", "此邀请已作废，请向邀请人索取新的邀请"),
    (AccountRefused("email", "email_taken", email="wang@example.org", username="wang"),
     "email: wang@example.org is already the e-mail address of wang", "电子邮箱 wang@example.org 已由账户 wang 使用"),
    (AccountRefused("subject", "subject_taken", subject="10293847", username="wang"),
     "subject: the organisation sign-in '10293847' is already linked to wang", "单位账号标识“10293847”已关联到账户 wang"),
    (SignInRefused("email_shared", "wang@example.org", accounts=("wang", "王二")),
     "the e-mail address wang@example.org belongs to several accounts (wang, 王二): ask the administrator to keep it "
     "on one of them", "电子邮箱 wang@example.org 同时属于多个账户（wang、王二），请管理员只保留在其中一个账户上"),
    (BidEvalError.coded("store.reason_needed", what="finding"), "a finding needs its text", "复核意见不能为空"),
    (BidEvalError.coded("store.reason_needed", what="remove_judge", judge="王评委", declarations=2, scores=5),
     "removing 王评委 from the panel needs its reason: the seat has 2 declaration(s) and 5 score(s), which go with it "
     "(the reason is kept in the audit trail)",
     "移除评委王评委须填写理由：该席位已有 2 项回避声明和 5 项评分，将一并删除（理由记入审计记录）"),
    (ScoreRefused.coded("score.scores_outside_tier", tier=T2, scores=(("王评委", "12"),), criterion=OPS,
                        vendor_id=VENDOR, others=2),  # told a chair whose own seat has not submitted
     "scores already given lie outside t2 (5.1–10): 王评委: 12; 2 score(s) of other judges, not shown before you "
     "submit your own; those judges must change them first",
     "不能定为二档（5.1–10）：已给出的评分（王评委：12；其他评委的 2 项评分，在您提交自己的评分前不显示）不在该档范围内，须先由这些评委修改评分"),
    (ScoreRefused.coded("score.scores_outside_tier", tier=T2, scores=(), criterion=OPS, vendor_id=VENDOR, others=1),
     "scores already given lie outside t2 (5.1–10): 1 score(s) of other judges, not shown before you submit your "
     "own; those judges must change them first",
     "不能定为二档（5.1–10）：已给出的评分（其他评委的 1 项评分，在您提交自己的评分前不显示）不在该档范围内，须先由这些评委修改评分"),
], ids=lambda x: getattr(x, "code", None) and f"{x.code}:{next(iter(x.data.values()), '')}")
def test_every_service_refusal_in_both_languages(error, en, zh):
    """Every refusal of the service layer carries its facts; messages.py says them in English and Chinese."""
    assert str(error) == en
    if zh is not None:  # None: criteria by id, which the app names with the tender's rubric
        assert messages.error_lines(error, "zh") == [zh]
        assert not english_words(zh), zh


def test_an_error_without_a_code_keeps_its_text():
    assert messages.error_lines(BidEvalError("something odd"), "zh") == ["something odd"]


def test_reason_texts_hold_both_languages():
    label = messages.reason_label("reason.gate_blank", field=Named("response_hours", Label("上门响应时间", "Response time")))
    assert label == Label("上门响应时间：未填写", "Response time: not stated")


@pytest.mark.parametrize("lang, line", [
    (None, ":Bid!C9: expected a percentage such as 96% (or a fraction 0..1 such as 0.96), found 'ninety'"),
    ("en", ":Bid!C9: expected a percentage such as 96% (or a fraction 0..1 such as 0.96), found 'ninety'"),
    ("zh", ":Bid!C9 质量拨测正确率承诺：应为百分比，如 96%（或 0 到 1 之间的小数，如 0.96），实际为 'ninety'"),
])
def test_the_command_line_speaks_chinese_only_when_asked(tmp_path, capsys, lang, line):
    """Scripts read the English `file:sheet!cell: message` lines; `--lang zh` gives the Chinese sentences."""
    from bideval.cli import main
    from conftest import ROOT, good_bid, write_form

    write_form(tmp_path / "a.xlsx", good_bid(VENDOR, dial_test_accuracy="ninety"))
    args = ["evaluate", "--criteria", str(ROOT / "tests" / "data" / "formats_example.yaml"),
            "--bids", str(tmp_path / "a.xlsx"), "--json", str(tmp_path / "out.json")]
    assert main(args + (["--lang", lang] if lang else [])) == 2
    assert capsys.readouterr().err == f"{tmp_path / 'a.xlsx'}{line}\n"
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize("criterion, tier, score, zh, en", [
    (DESIGN_GRADED, None, "7.5", "7.5 不是 设计方案 的等级所允许的得分：优 8–10、良 5–7（整数分）",
     "7.5 is not a score the grades of Design allow: Excellent 8–10, Good 5–7 (whole points)"),
    (DESIGN_GRADED, None, "11", "11 超出允许范围 0–10", "11 is outside the allowed range 0–10"),
    (OPS_TIERED, "t1", "7", "7 超出允许范围 0–5（已定档次：一档）", "7 is outside the allowed range 0–5 (agreed tier: Tier 1)"),
    (replace(OPS_TIERED, step=D(1)), "t2", "7.5", "7.5 不是 运营管理能力 允许的得分：5.1–10（整数分；已定档次：二档）",
     "7.5 is not a score Operations management capability allows: 5.1–10 (whole points; agreed tier: Tier 2)"),
    # below zero with a tier agreed: the tier's range (it said 0–10, a range the judge may not use)
    (OPS_TIERED, "t2", "-1", "-1 是负数；得分范围为 5.1–10（已定档次：二档）",
     "-1 is negative; scores run from 5.1 to 10 (agreed tier: Tier 2)"),
    (OPS_TIERED, None, "-1", "-1 是负数；得分范围为 0–10", "-1 is negative; scores run from 0 to 10"),
    # -0: the score 0 with a minus sign, said so (it had been "negative"); refused as 0 is where 0 is refused
    (OPS_TIERED, "t1", "-0", "-0 带有负号；请去掉负号填写得分（得分范围为 0–5，已定档次：一档）",
     "-0 has a minus sign; type the score without it (scores run from 0 to 5, agreed tier: Tier 1)"),
    (DESIGN_GRADED, None, "-0.0", "-0.0 不是 设计方案 的等级所允许的得分：优 8–10、良 5–7（整数分）",
     "-0.0 is not a score the grades of Design allow: Excellent 8–10, Good 5–7 (whole points)"),
    (OPS_TIERED, "t2", "-0", "-0 超出允许范围 5.1–10（已定档次：二档）",
     "-0 is outside the allowed range 5.1–10 (agreed tier: Tier 2)"),
    (OPS_TIERED, "t2", "7.125", "7.125 的小数位超过 2 位（评分标准对该项保留 2 位小数，不会替评委舍入）",
     "7.125 has more than 2 decimal place(s); the rubric keeps this score to 2 and never rounds what a judge typed"),
    (OPS_TIERED, None, "7", "组长尚未确定“运营管理能力”的档次，须先在“定档”页面定档后才能打分",
     "no agreed tier yet for 'Operations management capability': the chair must set the tier on the Tiers page first"),
])
def test_every_score_refusal_in_both_languages(criterion, tier, score, zh, en):
    """check_score's refusal is data; the sentence comes from messages.py, for the store's error and the grid."""
    refusal = check_score(criterion, tier, D(score), decimals=2)
    assert messages.sentence("score.refused", {"refusal": refusal}, "zh") == zh
    assert messages.sentence("score.refused", {"refusal": refusal}, "en") == en
    assert refusal.message("en") == messages.sentence("score.refused", {"refusal": refusal}, "en", ids=True)



# -- the .xlsx guard: hostile or broken files, refused before any reader sees them

GUARD_FACTS = {
    "guard.unreadable": dict(detail="Input/output error"),
    "guard.more": dict(count=3),
    "guard.cannot_open": dict(detail="Permission denied"),
    "guard.no_file": {},
    "guard.folder": {},
    "guard.not_regular": {},
    "guard.empty": {},
    "guard.not_xlsx": dict(found="text", advice="save"),
    "guard.zip_broken": dict(detail="Bad magic number for central directory"),
    "guard.truncated": {},
    "guard.too_many_parts": dict(entries=12000, limit=10000),
    "guard.directory_too_large": dict(size=3 * 1024 * 1024, limit=2560000),
    "guard.duplicate_part": dict(part="xl/workbook.xml"),
    "guard.encrypted_part": dict(part="xl/workbook.xml"),
    "guard.compression": dict(part="xl/workbook.xml", method="bzip2", number=12),
    "guard.impossible_sizes": dict(part="xl/worksheets/sheet1.xml", compressed=5000, uncompressed=10),
    "guard.bomb_ratio": dict(part="xl/worksheets/sheet1.xml", compressed=10240, uncompressed=1 << 30, ratio=104857,
                             limit=200, more=1, total=(1 << 30) + (1 << 20), total_limit=200 * 1024 * 1024),
    "guard.bomb_total": dict(total=300 * 1024 * 1024, limit=200 * 1024 * 1024),
    "guard.overlap": dict(part="xl/a.xml", other="xl/b.xml"),
    "guard.runs_past": dict(part="xl/styles.xml"),
    "guard.part_broken": dict(part="xl/styles.xml", detail="Error -3 while decompressing data"),
    "guard.no_workbook": dict(missing=("xl/workbook.xml",)),
    "guard.part_oversize": dict(part="xl/styles.xml", declared=1200),
    "guard.cut_short": dict(part="xl/worksheets/sheet1.xml", sheet_name="Bid"),
    "guard.sheet_named_twice": dict(first="Bid", second="Bid"),
    "guard.attribute_twice": dict(part="xl/workbook.xml", tag="sheet", attribute="state", values=("hidden", "visible")),
    "guard.sheet": dict(part="xl/worksheets/sheet1.xml", sheet_name="Bid",
                        finding=("beyond_excel", dict(column="XFE", row=2, max_columns=16384, max_rows=1048576))),
    "guard.not_utf": dict(part="xl/workbook.xml"),
    "guard.sheet_in_utf16": dict(part="xl/worksheets/sheet1.xml"),
    "guard.styles_elsewhere": dict(part="xl/styles/main.xml"),
    "guard.rels_too_big": dict(part="xl/_rels/workbook.xml.rels", size=9 * 1024 * 1024),
    "guard.string_count": dict(part="xl/sharedStrings.xml", count=2 ** 32, size=2266),
    "guard.encoding": dict(part="xl/workbook.xml", encoding="utf-7"),
    "guard.doctype": dict(part="xl/workbook.xml", declaration="<!DOCTYPE"),
    "guard.padding": dict(part="xl/workbook.xml", limit=65536),
    "guard.markup_run": dict(limit=4 * 1024 * 1024),
}
SHEET_FINDINGS = {
    "bad_ref": dict(kind="cell", ref="A0"),
    "ref_twice": dict(kind="cell", refs=("K5", "XFD1048576")),
    "cell_twice": dict(cell="C4"),
    "ruled_ranges": dict(count=1001, limit=1000),
    "ruled_looks": dict(count=65, limit=64),
    "too_many": dict(cells=5000000, rows=1048576),
    "row_beyond": dict(row=1048577, last=1048576),
    "beyond_excel": dict(column="XFE", row=2, max_columns=16384, max_rows=1048576),
    "too_large": dict(column="Z", row=400000, columns=26, rows=400000, cells=10400000, limit=5000000),
    "bad_dimension": dict(ref="A1:"),
    "dimension_beyond": dict(ref="A1:XFE2", max_columns=16384, max_rows=1048576),
    "dimension_too_large": dict(ref="A1:Z400000", columns=26, rows=400000, cells=10400000, limit=5000000),
}

# code: the command line's English (the app's is the same: nothing in it is named by id), Chinese
GUARD_SENTENCES = [
    ("guard.unreadable",
     'cannot be read (Input/output error)',
     '读取该文件时出错（磁盘或文件系统的问题），请重新上传'),
    ("guard.more",
     '... and 3 more problems like these',
     '……另有 3 个同类问题'),
    ("guard.cannot_open",
     'cannot be opened (Permission denied)',
     '无法打开该文件'),
    ("guard.no_file",
     'no such file',
     '找不到该文件'),
    ("guard.folder",
     'is a folder, not an .xlsx workbook',
     '是文件夹，不是 .xlsx 工作簿'),
    ("guard.not_regular",
     'is not a regular file (it is a device, pipe or socket), so it cannot be an .xlsx workbook',
     '不是普通文件（而是设备、管道或套接字），不可能是 .xlsx 工作簿'),
    ("guard.empty",
     'the file is empty (0 bytes), expected an .xlsx workbook; ask the bidder to send it again',
     '文件是空的（0 字节），应为 .xlsx 工作簿；请投标人重新发送'),
    ("guard.not_xlsx",
     'not an .xlsx workbook (found a text or CSV file); open it in Excel and save it as .xlsx (Excel Workbook)',
     '不是 .xlsx 工作簿（实际是文本或 CSV 文件）；请用 Excel 打开并另存为 .xlsx（Excel 工作簿）'),
    ("guard.zip_broken",
     'damaged .xlsx: the zip structure is broken (Bad magic number for central directory); ask the bidder to send the file again',
     '文件已损坏：压缩包结构已破坏；请投标人重新发送该文件'),
    ("guard.truncated",
     'damaged .xlsx: the end of the file is missing (no zip directory), so it was probably truncated by an incomplete download or copy; ask the bidder to send the file again',
     '文件已损坏：文件末尾缺失（没有压缩包目录），可能是下载或复制未完成而被截断；请投标人重新发送该文件'),
    ("guard.too_many_parts",
     'refused: the zip package lists 12,000 parts (limit 10,000); a real workbook has a few dozen, so this looks like a crafted file',
     '已拒绝：压缩包中列有 12,000 个部件（上限 10,000）；真实的工作簿只有几十个，这像是特意构造的文件'),
    ("guard.directory_too_large",
     'refused: the zip directory takes 3.0 MB (limit 2.4 MB), far more than any workbook needs, which looks like a crafted file',
     '已拒绝：压缩包目录占 3.0 MB（上限 2.4 MB），远超任何工作簿所需，像是特意构造的文件'),
    ("guard.duplicate_part",
     'refused: the part xl/workbook.xml appears more than once in the zip package, which real workbooks never do (different readers would see different content)',
     '已拒绝：部件 xl/workbook.xml 在压缩包中出现不止一次，真实的工作簿从不如此（不同的读取程序会读到不同的内容）'),
    ("guard.encrypted_part",
     'refused: xl/workbook.xml is encrypted inside the zip package, which .xlsx workbooks never are; ask for the workbook saved again without a password',
     '已拒绝：xl/workbook.xml 在压缩包内被加密，.xlsx 工作簿从不如此；请对方去掉密码后重新保存工作簿'),
    ("guard.compression",
     'not a readable .xlsx: xl/workbook.xml uses bzip2 compression, but .xlsx workbooks only use Deflate; open it in Excel and save it as .xlsx (Excel Workbook)',
     '无法读取的 .xlsx：xl/workbook.xml 使用了 bzip2 压缩方式，而 .xlsx 工作簿只使用标准压缩；请用 Excel 打开并另存为 .xlsx（Excel 工作簿）'),
    ("guard.impossible_sizes",
     'refused: xl/worksheets/sheet1.xml records impossible sizes (5,000 bytes compressed, 10 bytes uncompressed), a sign of a tampered file or a decompression bomb',
     '已拒绝：xl/worksheets/sheet1.xml 记录的大小不可能成立（压缩后 5,000 字节，解压后 10 字节），说明文件被篡改或是解压炸弹'),
    ("guard.bomb_ratio",
     'refused: xl/worksheets/sheet1.xml would expand from 10 KB to 1.0 GB (104,857:1, limit 200:1), and 1 more part(s) '
     'likewise; the workbook would expand to 1.0 GB (limit 200 MB), which looks like a decompression bomb',
     '已拒绝：xl/worksheets/sheet1.xml 会从 10 KB 解压到 1.0 GB（104,857:1，上限 200:1），另有 1 个部件同样如此；'
     '工作簿解压后将达 1.0 GB（上限 200 MB），像是解压炸弹'),
    ("guard.bomb_total",
     'refused: the workbook would expand to 300 MB (limit 200 MB), which looks like a decompression bomb',
     '已拒绝：工作簿解压后将达 300 MB（上限 200 MB），像是解压炸弹'),
    ("guard.overlap",
     'refused: the parts xl/a.xml and xl/b.xml overlap inside the zip package, a trick used by decompression bombs',
     '已拒绝：部件 xl/a.xml 与 xl/b.xml 在压缩包内相互重叠，这是解压炸弹的手法'),
    ("guard.runs_past",
     "damaged .xlsx: xl/styles.xml runs past the end of the file's data, so the file is truncated or tampered with; ask the bidder to send it again",
     '文件已损坏：xl/styles.xml 超出了文件数据的末尾，文件被截断或篡改；请投标人重新发送该文件'),
    ("guard.part_broken",
     'damaged .xlsx: xl/styles.xml cannot be read (Error -3 while decompressing data); ask the bidder to send the file again',
     '文件已损坏：xl/styles.xml 无法读取；请投标人重新发送该文件'),
    ("guard.no_workbook",
     'not an .xlsx workbook: the file is a zip archive without xl/workbook.xml, so it holds no workbook; the bid must be sent as an Excel .xlsx workbook',
     '不是 .xlsx 工作簿：该文件是压缩包，但没有 xl/workbook.xml，因此不含工作簿；投标文件必须以 Excel .xlsx 工作簿提交'),
    ("guard.part_oversize",
     'refused: xl/styles.xml holds more data than the size its header declares (1,200 bytes): the file is damaged, or uses a trick of decompression bombs',
     '已拒绝：xl/styles.xml 的数据多于其头部声明的大小（1,200 字节）：文件已损坏，或使用了解压炸弹的手法'),
    ("guard.cut_short",
     "damaged .xlsx: sheet 'Bid' (xl/worksheets/sheet1.xml) is cut short (its XML stops before its end); open it in Excel and save it again",
     '文件已损坏：工作表“Bid”（xl/worksheets/sheet1.xml）被截断（其 XML 在结尾之前中断）；请用 Excel 打开后重新保存'),
    ("guard.attribute_twice",
     "damaged .xlsx: xl/workbook.xml gives one tag (<sheet>) the attribute 'state' twice ('hidden', then 'visible'), "
     "which no spreadsheet program writes and neither Excel nor LibreOffice opens, so what it means cannot be told; "
     "ask the bidder to send the file again",
     "文件已损坏：xl/workbook.xml 的一个标签 '<sheet>' 两次给出属性 'state'（先是 'hidden'，后是 'visible'），任何电子表格程序都不会这样写，"
     "Excel 和 LibreOffice 都无法打开，无法判断其含义；请投标人重新发送该文件"),
    ("guard.sheet_named_twice",
     "damaged .xlsx: the workbook lists two sheets named 'Bid', which Excel does not allow: only one of them would be "
     "read, and which one is meant cannot be told; ask the bidder to send the file again",
     "文件已损坏：工作簿列出了两个名为“Bid”的工作表，Excel 不允许这样：只会读取其中一个，无法判断哪一个才是要提交的；请投标人重新发送该文件"),
    ("guard.sheet",
     "refused: sheet 'Bid' (xl/worksheets/sheet1.xml) has cells as far as column XFE and row 2, beyond the largest sheet Excel allows (16384 columns × 1048576 rows)",
     '已拒绝：工作表“Bid”（xl/worksheets/sheet1.xml）的单元格延伸到 XFE 列、第 2 行，超出了 Excel 允许的最大工作表（16384 列 × 1048576 行）'),
    ("guard.not_utf",
     'refused: xl/workbook.xml is neither UTF-8 nor UTF-16 text, which every XML part of an .xlsx is (a trick to hide markup from checks)',
     '已拒绝：xl/workbook.xml 既不是 UTF-8 也不是 UTF-16 文本，而 .xlsx 的每个 XML 部件都是（这是躲避检查的手法）'),
    ("guard.sheet_in_utf16",
     "refused: the worksheet xl/worksheets/sheet1.xml is saved as UTF-16 text, which the spreadsheet reader takes for "
     "an empty sheet: open the workbook in Excel and save it again (Excel saves UTF-8)",
     "已拒绝：工作表 xl/worksheets/sheet1.xml 以 UTF-16 文本保存，表格读取程序会把它当作空表：请用 Excel 打开该工作簿并重新保存"
     "（Excel 保存为 UTF-8）"),
    ("guard.styles_elsewhere",
     "refused: the workbook keeps its cell formats in xl/styles/main.xml instead of xl/styles.xml, where the "
     "spreadsheet reader looks for them, so a date or an amount shown in 万 would be read as a plain number: open the "
     "workbook in Excel and save it again",
     "已拒绝：该工作簿的单元格格式保存在 xl/styles/main.xml，而不在表格读取程序查找的 xl/styles.xml，"
     "日期或以“万”显示的金额会被读成普通数字：请用 Excel 打开该工作簿并重新保存"),
    ("guard.rels_too_big",
     'refused: xl/_rels/workbook.xml.rels is 9.0 MB, far larger than the relationship list of any real workbook',
     '已拒绝：xl/_rels/workbook.xml.rels 有 9.0 MB，远大于任何真实工作簿的关系列表'),
    ("guard.string_count",
     'refused: xl/sharedStrings.xml says it holds 4,294,967,296 texts, more than its 2.2 KB can hold (a reader would set aside memory for every one of them and stop)',
     '已拒绝：xl/sharedStrings.xml 声称含有 4,294,967,296 个文本，超过其 2.2 KB 所能容纳的数量（读取程序会为每一个预留内存而中止）'),
    ("guard.encoding",
     "refused: xl/workbook.xml declares the text encoding 'utf-7', but .xlsx parts are always UTF-8 or UTF-16 (a trick to hide markup from checks)",
     "已拒绝：xl/workbook.xml 声明的文本编码为 'utf-7'，而 .xlsx 的部件总是 UTF-8 或 UTF-16（这是躲避检查的手法）"),
    ("guard.doctype",
     'refused: xl/workbook.xml declares a DOCTYPE/entity (<!DOCTYPE), which .xlsx files never contain (XML entity expansion attack)',
     '已拒绝：xl/workbook.xml 含有 DOCTYPE/实体声明（<!DOCTYPE），.xlsx 文件从不包含（XML 实体扩展攻击）'),
    ("guard.padding",
     'refused: xl/workbook.xml has more than 64 KB of comments or padding before its first element, where a DOCTYPE could hide; real workbooks have none',
     '已拒绝：xl/workbook.xml 在第一个元素之前有超过 64 KB 的注释或填充，其中可能藏有 DOCTYPE；真实的工作簿没有'),
    ("guard.markup_run",
     'refused: a worksheet holds a run of over 4.0 MB without markup, which no real worksheet has',
     '已拒绝：某个工作表中有超过 4.0 MB 的连续内容不含任何标记，真实的工作表不会如此'),
]
SHEET_SENTENCES = [
    ("bad_ref",
     "refused: sheet 'Bid' (xl/worksheets/sheet1.xml) has a malformed cell 'A0' reference, which Excel never writes",
     "已拒绝：工作表“Bid”（xl/worksheets/sheet1.xml）含有格式错误的单元格引用 'A0'，Excel 从不这样写"),
    ("ref_twice",
     "refused: sheet 'Bid' (xl/worksheets/sheet1.xml) has a cell that gives its place twice ('K5', 'XFD1048576'), which no spreadsheet program writes",
     "已拒绝：工作表“Bid”（xl/worksheets/sheet1.xml）含有两次给出位置的单元格（'K5'、'XFD1048576'），任何电子表格程序都不会这样写"),
    ("cell_twice",
     "refused: sheet 'Bid' (xl/worksheets/sheet1.xml) gives the cell C4 twice, so which of its contents the file means cannot be told (Excel reports such a file as needing repair; the reader would take the last); ask the bidder to fill in that cell again in Excel and save the workbook",
     "已拒绝：工作表“Bid”（xl/worksheets/sheet1.xml）两次给出单元格 C4，无法判断文件指的是其中哪一个内容（Excel 会提示此类文件需要修复，读取程序会取最后一个）；请投标人在 Excel 中重新填写该单元格并保存工作簿"),
    ("ruled_ranges",
     "refused: sheet 'Bid' (xl/worksheets/sheet1.xml) has 1,001 ranges under conditional formats that may change how a value reads (a unit such as 万, another scale or currency, a strikethrough, a percent format) or hide it (a font colour, a format that shows nothing), more than the 1,000 the check looks through; ask the bidder to clear the conditional formats (Home > Conditional Formatting > Clear Rules) and save the workbook again",
     "已拒绝：工作表“Bid”（xl/worksheets/sheet1.xml）有 1,001 个区域受可能改变数值读法（万等单位、其他数量级或币种、删除线、百分比格式）或隐藏数值（字体颜色、不显示数字的格式）的条件格式约束，超过检查所能查看的 1,000 个；请投标人清除条件格式（开始 > 条件格式 > 清除规则）后重新保存工作簿"),
    ("ruled_looks",
     "refused: sheet 'Bid' (xl/worksheets/sheet1.xml) has conditional formats with 65 different units or colours that may hide or change its values, more than the 64 the check compares at each cell; ask the bidder to clear the conditional formats (Home > Conditional Formatting > Clear Rules) and save the workbook again",
     "已拒绝：工作表“Bid”（xl/worksheets/sheet1.xml）的条件格式含有 65 种可能隐藏或改变数值的不同单位或颜色，超过检查对每个单元格所能比较的 64 种；请投标人清除条件格式（开始 > 条件格式 > 清除规则）后重新保存工作簿"),
    ("too_many",
     "refused: sheet 'Bid' (xl/worksheets/sheet1.xml) holds more than 5,000,000 cells or 1048576 rows (the limits), which would exhaust memory when read; ask the bidder to delete the unused rows and columns and save the workbook again",
     '已拒绝：工作表“Bid”（xl/worksheets/sheet1.xml）含有超过 5,000,000 个单元格或 1048576 行（上限），读取时会耗尽内存；请投标人删除多余的行和列后重新保存工作簿'),
    ("row_beyond",
     "refused: sheet 'Bid' (xl/worksheets/sheet1.xml) has a row numbered 1048577, beyond row 1048576, the last row an Excel sheet can have",
     '已拒绝：工作表“Bid”（xl/worksheets/sheet1.xml）有编号为 1048577 的行，超过了 Excel 工作表的最后一行（第 1048576 行）'),
    ("beyond_excel",
     "refused: sheet 'Bid' (xl/worksheets/sheet1.xml) has cells as far as column XFE and row 2, beyond the largest sheet Excel allows (16384 columns × 1048576 rows)",
     '已拒绝：工作表“Bid”（xl/worksheets/sheet1.xml）的单元格延伸到 XFE 列、第 2 行，超出了 Excel 允许的最大工作表（16384 列 × 1048576 行）'),
    ("too_large",
     "refused: sheet 'Bid' (xl/worksheets/sheet1.xml) has cells as far as column Z and row 400000: 26 columns × 400000 rows = 10,400,000 cells counted from A1 (limit 5,000,000), which would exhaust memory when read; ask the bidder to delete the unused rows and columns and save the workbook again",
     '已拒绝：工作表“Bid”（xl/worksheets/sheet1.xml）的单元格延伸到 Z 列、第 400000 行：从 A1 算起共 26 列 × 400000 行 = 10,400,000 个单元格（上限 5,000,000），读取时会耗尽内存；请投标人删除多余的行和列后重新保存工作簿'),
    ("bad_dimension",
     "refused: sheet 'Bid' (xl/worksheets/sheet1.xml) declares a malformed dimension (used range) 'A1:'; expected a range such as A1:D20",
     "已拒绝：工作表“Bid”（xl/worksheets/sheet1.xml）声明的使用范围 'A1:' 格式错误；应为 A1:D20 这样的范围"),
    ("dimension_beyond",
     "refused: sheet 'Bid' (xl/worksheets/sheet1.xml) claims a dimension (used range) of A1:XFE2, beyond the largest sheet Excel allows (16384 columns × 1048576 rows)",
     '已拒绝：工作表“Bid”（xl/worksheets/sheet1.xml）声明的使用范围为 A1:XFE2，超出了 Excel 允许的最大工作表（16384 列 × 1048576 行）'),
    ("dimension_too_large",
     "refused: sheet 'Bid' (xl/worksheets/sheet1.xml) claims a dimension (used range) of A1:Z400000: 26 columns × 400000 rows = 10,400,000 cells counted from A1 (limit 5,000,000), which would exhaust memory when read; ask the bidder to delete the unused rows and columns and save the workbook again",
     '已拒绝：工作表“Bid”（xl/worksheets/sheet1.xml）声明的使用范围为 A1:Z400000：从 A1 算起共 26 列 × 400000 行 = 10,400,000 个单元格（上限 5,000,000），读取时会耗尽内存；请投标人删除多余的行和列后重新保存工作簿'),
]
# Names of file formats and programs a Chinese sentence keeps, and the package's own part paths.
PRODUCT_WORDS = {"Excel", "Word", "PowerPoint", "OpenDocument", "Apple", "Numbers", "PDF", "RTF", "gzip", "RAR",
                 "Zip", "PNG", "JPEG", "GIF", "Windows", "HTML", "XML", "CSV", "DOCTYPE", "UTF", "bzip2", "XFE",
                 "KB", "MB", "GB", "xlsx", "xls", "doc", "docx", "ods", "odt", "pptx", "xlsb", "xlsm", "Bid", "utf",
                 "LibreOffice"}


def chinese_text_words(text: str) -> set[str]:
    """ASCII words of a Chinese sentence other than product names, part paths and quoted file content."""
    text = re.sub(r"[\w.-]*/[\w./-]*|'[^']*'|\.\w+", " ", text)
    return {w for w in re.findall(r"[A-Za-z][A-Za-z0-9]+", text)
            if w not in PRODUCT_WORDS and not re.fullmatch(r"[A-Z]{1,3}[0-9]+", w)}  # a cell such as A1 is no word


@pytest.mark.parametrize("code, cli, zh", GUARD_SENTENCES, ids=[row[0] for row in GUARD_SENTENCES])
def test_each_guard_finding_in_both_languages(code, cli, zh):
    facts = GUARD_FACTS[code]
    assert messages.sentence(code, facts, "en", ids=True) == cli == messages.sentence(code, facts, "en")
    assert messages.sentence(code, facts, "zh") == zh
    assert not chinese_text_words(zh), zh


def test_a_workbook_just_over_the_expansion_limit_is_told_in_bytes():
    """verify21b: 'would expand to 200 MB (limit 200 MB)' said nothing; just over the limit the bytes are given."""
    facts = dict(total=200 * 1024 * 1024 + 100, limit=200 * 1024 * 1024)
    assert messages.sentence("guard.bomb_total", facts, "en") == (
        "refused: the workbook would expand to 209,715,300 bytes (limit 209,715,200 bytes), which looks like a "
        "decompression bomb")
    assert messages.sentence("guard.bomb_total", facts, "zh") == (
        "已拒绝：工作簿解压后将达 209,715,300 字节（上限 209,715,200 字节），像是解压炸弹")


def test_a_bomb_part_in_a_workbook_just_over_the_limit_tells_the_total_in_bytes():
    """The part's refusal carries the workbook's size when that passes the limit too: in bytes just over it, as the
    total alone is told."""
    facts = dict(part="xl/media/zeros.bin", compressed=1 << 20, uncompressed=300 << 20, ratio=300, limit=200, more=0,
                 total=200 * 1024 * 1024 + 100, total_limit=200 * 1024 * 1024)
    assert messages.sentence("guard.bomb_ratio", facts, "en") == (
        "refused: xl/media/zeros.bin would expand from 1.0 MB to 300 MB (300:1, limit 200:1); the workbook would "
        "expand to 209,715,300 bytes (limit 209,715,200 bytes), which looks like a decompression bomb")


def test_two_sheets_named_alike_but_for_case_are_told_as_one_name_to_excel():
    facts = dict(first="Scores", second="SCORES", file_role="panel")
    assert messages.sentence("guard.sheet_named_twice", facts, "en") == (
        "damaged .xlsx: the workbook lists two sheets named 'Scores' and 'SCORES' (one name to Excel, which ignores "
        "the case of letters in a sheet's name), which Excel does not allow: only one of them would be read, and which "
        "one is meant cannot be told; ask the panel secretary to send the file again")
    assert messages.sentence("guard.sheet_named_twice", facts, "zh") == (
        "文件已损坏：工作簿列出了两个名为“Scores”和“SCORES”（Excel 不分字母大小写，视为同一名称）的工作表，Excel 不允许这样："
        "只会读取其中一个，无法判断哪一个才是要提交的；请评标委员会秘书重新提供该文件")


@pytest.mark.parametrize("finding, cli, zh", SHEET_SENTENCES, ids=[row[0] for row in SHEET_SENTENCES])
def test_each_worksheet_finding_in_both_languages(finding, cli, zh):
    facts = dict(part="xl/worksheets/sheet1.xml", sheet_name="Bid", finding=(finding, SHEET_FINDINGS[finding]))
    assert messages.sentence("guard.sheet", facts, "en", ids=True) == cli
    assert messages.sentence("guard.sheet", facts, "zh") == zh
    assert not chinese_text_words(zh), zh


@pytest.mark.parametrize("found", sorted(messages.FOUND))
def test_every_kind_of_wrong_file_is_named_in_both_languages(found):
    for advice in messages.ADVICE:
        for role in ({}, {"file_role": "panel"}):
            zh = messages.sentence("guard.not_xlsx", {"found": found, "advice": advice, **role}, "zh")
            assert not chinese_text_words(zh), zh


# A panel workbook comes from the panel secretary, not from a bidder: the advice that names who sends the file
# follows the problem's file_role (a bid's sentences, above, are unchanged). code, facts, English, Chinese.
PANEL_GUARD_SENTENCES = [
    ("guard.empty", {},
     "the file is empty (0 bytes), expected an .xlsx workbook; ask the panel secretary to send it again",
     "文件是空的（0 字节），应为 .xlsx 工作簿；请评标委员会秘书重新提供"),
    ("guard.zip_broken", GUARD_FACTS["guard.zip_broken"],
     "damaged .xlsx: the zip structure is broken (Bad magic number for central directory); ask the panel secretary "
     "to send the file again",
     "文件已损坏：压缩包结构已破坏；请评标委员会秘书重新提供该文件"),
    ("guard.truncated", {},
     "damaged .xlsx: the end of the file is missing (no zip directory), so it was probably truncated by an incomplete "
     "download or copy; ask the panel secretary to send the file again",
     "文件已损坏：文件末尾缺失（没有压缩包目录），可能是下载或复制未完成而被截断；请评标委员会秘书重新提供该文件"),
    ("guard.runs_past", GUARD_FACTS["guard.runs_past"],
     "damaged .xlsx: xl/styles.xml runs past the end of the file's data, so the file is truncated or tampered with; "
     "ask the panel secretary to send it again",
     "文件已损坏：xl/styles.xml 超出了文件数据的末尾，文件被截断或篡改；请评标委员会秘书重新提供该文件"),
    ("guard.part_broken", GUARD_FACTS["guard.part_broken"],
     "damaged .xlsx: xl/styles.xml cannot be read (Error -3 while decompressing data); ask the panel secretary to "
     "send the file again",
     "文件已损坏：xl/styles.xml 无法读取；请评标委员会秘书重新提供该文件"),
    ("guard.no_workbook", GUARD_FACTS["guard.no_workbook"],
     "not an .xlsx workbook: the file is a zip archive without xl/workbook.xml, so it holds no workbook; the panel "
     "workbook must be an Excel .xlsx workbook",
     "不是 .xlsx 工作簿：该文件是压缩包，但没有 xl/workbook.xml，因此不含工作簿；评分工作簿必须是 Excel .xlsx 工作簿"),
    ("guard.not_xlsx", dict(found="doc", advice="send"),
     "not an .xlsx workbook (found a Word .doc document); the panel workbook must be an Excel .xlsx workbook",
     "不是 .xlsx 工作簿（实际是Word .doc 文档）；评分工作簿必须是 Excel .xlsx 工作簿"),
    ("guard.sheet", dict(part="xl/worksheets/sheet1.xml", sheet_name="Scores",
                         finding=("too_many", SHEET_FINDINGS["too_many"])),
     "refused: sheet 'Scores' (xl/worksheets/sheet1.xml) holds more than 5,000,000 cells or 1048576 rows (the limits), "
     "which would exhaust memory when read; ask the panel secretary to delete the unused rows and columns and save "
     "the workbook again",
     "已拒绝：工作表“Scores”（xl/worksheets/sheet1.xml）含有超过 5,000,000 个单元格或 1048576 行（上限），读取时会耗尽内存；"
     "请评标委员会秘书删除多余的行和列后重新保存工作簿"),
]


@pytest.mark.parametrize("code, facts, en, zh", PANEL_GUARD_SENTENCES, ids=[row[0] for row in PANEL_GUARD_SENTENCES])
def test_a_panel_workbook_s_guard_advice_names_the_panel_secretary(code, facts, en, zh):
    panel = {**facts, "file_role": "panel"}
    assert messages.sentence(code, panel, "en", ids=True) == en == messages.sentence(code, panel, "en")
    assert messages.sentence(code, panel, "zh") == zh
    assert not chinese_text_words(zh.replace("“Scores”", "")), zh  # a sheet's name is the user's, not a word


def test_a_refused_upload_in_chinese(tmp_path):
    """The guard's problem for a CSV saved as .xlsx: the same English as ever, and Chinese from its data."""
    from bideval.xlsx_guard import check_xlsx

    fake = tmp_path / "fake.xlsx"
    fake.write_text("vendor_id,vendor_name\n1,2\n", encoding="utf-8")
    (problem,) = check_xlsx(fake, "fake.xlsx")
    assert str(problem) == ("fake.xlsx: not an .xlsx workbook (found a text or CSV file); open it in Excel and save "
                            "it as .xlsx (Excel Workbook)")
    assert messages.render(problem, "zh") == ("fake.xlsx：不是 .xlsx 工作簿（实际是文本或 CSV 文件）；"
                                              "请用 Excel 打开并另存为 .xlsx（Excel 工作簿）")



# -- rubric files: the structural mistakes of a hand-edited YAML rubric

RUBRIC_FACTS = {
    "rubric.cannot_read": dict(detail="Permission denied"),
    "rubric.not_a_file": dict(folder=False),
    "rubric.too_large": dict(limit=2 * 1024 * 1024),
    "rubric.not_utf8": dict(line=2, column=13, found=b"\xca", saved_as="GBK"),
    "rubric.not_yaml": dict(line=3, column=5, detail="mapping values are not allowed here"),
    "rubric.too_deep": dict(line=27, column=74, limit=64),
    "rubric.unknown_key": dict(where="criterion 'ops_plan'", key="maxx", allowed=("id", "max", "name")),
    "rubric.missing_key": dict(where="field #2", key="type"),
    "rubric.empty_file": {},
    "rubric.not_mapping": dict(where="top", what="the rubric", found="list"),
    "rubric.not_text": dict(where="group 'technical'", what="label", found=["技术"]),
    "rubric.not_number": dict(where="criterion 'ops_plan'", what="max", found="fifteen"),
    "rubric.not_finite": dict(where="criterion 'ops_plan'", what="max", found="nan"),
    "rubric.out_of_range": dict(where="group 'technical'", what="weight", rule="positive", found=-1),
    "rubric.not_whole": dict(where="panel", what="trim", minimum=0, found=1.5),
    "rubric.beyond_largest": dict(where="criterion 'price'", criterion="price", what="budget_ceiling", line=69,
                                  found=10 ** 20, digits=21, largest=D(10) ** 15),
    "rubric.unknown_choice": dict(where="criterion 'ops_plan'", what="kind", found="tierd",
                                  choices=("gate", "checklist", "tiered")),
}

MORE_RUBRIC_FACTS = {
    "rubric.not_slug": dict(where="criterion #3", what="id", found="Ops Plan"),
    "rubric.decimals_too_many": dict(where="decimals", found=8),
    "rubric.not_text_value": dict(where="field 'licence_no'", what="unit", found=5),
    "rubric.tender_number": dict(where="tender_number", found=True),
    "rubric.not_list": dict(where="top", what="criteria", found=None),
    "rubric.not_bool": dict(where="field 'licence_no'", what="required", found="yes"),
    "rubric.field_id": dict(where="field 'Licence'"),
    "rubric.field_twice": dict(where="field 'licence_no'"),
    "rubric.field_reserved": dict(where="field 'vendor_id'"),
    "rubric.choices_missing": dict(where="field 'mode'"),
    "rubric.text_comma": dict(where="criterion 'certs'", what="item 1 label", text="ISO 9001, quality",
                              fix='{zh: ISO9001, en: "ISO 9001, quality"}'),
    "rubric.choices_repeat": dict(where="field 'mode'"),
    "rubric.choices_not_choice": dict(where="field 'licence_no'"),
    "rubric.id_twice": dict(where="criterion 'ops_plan'"),
    "rubric.two_prices": dict(where="top"),
    "rubric.unknown_field": dict(where="criterion 'experience'", found="similar_project"),
    "rubric.field_type": dict(where="criterion 'experience'", field_id="licence_no", type="text",
                              types=("integer", "number", "money")),
    "rubric.condition_field": dict(where="criterion 'licence'", found="licence"),
    "rubric.condition_no_op": dict(where="criterion 'licence'"),
    "rubric.op_numeric": dict(where="criterion 'licence'", op="<=", field_id="mode", type="choice"),
    "rubric.op_value": dict(where="criterion 'licence'", op="=="),
    "rubric.op_in_list": dict(where="criterion 'mode'"),
    "rubric.value_type": dict(where="criterion 'capital'", found="lots", field_id="registered_capital",
                              expected=Expected("money", {"unit": "10k CNY", "non_negative": False})),
    "rubric.value_empty": dict(where="criterion 'capital'", field_id="registered_capital"),
}
MORE_RUBRIC_FACTS.update({
    "rubric.total_mismatch": dict(where="total", total=D(71), maxima=D(70), capped=True,
                                  caps=(("track_record", D(10), ("projects", "certificates"), D(13)),)),
    "rubric.tiers_missing": dict(where="criterion 'ops_plan'"),
    "rubric.tier_twice": dict(where="criterion 'ops_plan'", tier="t2", range=(D(5), D(10))),
    "rubric.tier_negative": dict(where="criterion 'ops_plan'", tier="t1", range=(D(-1), D(5))),
    "rubric.tier_reversed": dict(where="criterion 'ops_plan'", tier="t2", range=(D(10), D(5))),
    "rubric.tier_first": dict(where="criterion 'ops_plan'", tier="t1", range=(D(1), D(5))),
    "rubric.tier_overlap": dict(where="criterion 'ops_plan'", tier="t2", range=(D(5), D(10)), other="t1",
                                other_range=(D(0), D(5)), start=D("5.1"), end=D("4.9")),
    "rubric.tier_gap": dict(where="criterion 'ops_plan'", tier="t2", range=(D(11), D(20)), other="t1",
                            other_range=(D(0), D(10)), gap=D("0.1"), places=2, start=D("10.1"), whole=True),
    "rubric.tier_last": dict(where="criterion 'ops_plan'", tier="t3", max=D(15), last=D(14)),
    "rubric.tier_no_score": dict(where="criterion 'ops_plan'", tier="t2", range=(D("5.2"), D("5.8")), step=D(1)),
})
RUBRIC_FACTS.update(MORE_RUBRIC_FACTS)

# code: the command line's English, Chinese (YAML keys and the author's own ids stay as written)
RUBRIC_SENTENCES = [
    ("rubric.total_mismatch",
     'total: the criteria maxima add up to 70 (the shared cap track_record counts projects + certificates (13) at '
     'most 10), not the declared total 71',
     '“total”：各评分项满分之和为 70（共同上限 track_record 把 projects + certificates（13）最多按 10 分计），而不是声明的总分 71'),
    ("rubric.tiers_missing",
     "criterion 'ops_plan': a tiered criterion needs tiers: a non-empty list",
     "评分项 'ops_plan'：分档评分项需要 tiers：一个非空的列表"),
    ("rubric.tier_twice",
     "criterion 'ops_plan': tier id 't2' is used twice",
     "评分项 'ops_plan'：档次 id 't2' 用了两次"),
    ("rubric.tier_negative",
     "criterion 'ops_plan': tier t1 bounds must be 0 or more",
     "评分项 'ops_plan'：档次 t1 的上下限必须不小于 0"),
    ("rubric.tier_reversed",
     "criterion 'ops_plan': tier t2 runs from 10 down to 5",
     "评分项 'ops_plan'：档次 t2 从 10 降到 5（下限大于上限）"),
    ("rubric.tier_first",
     "criterion 'ops_plan': the lowest tier must start at 0, not 1",
     "评分项 'ops_plan'：最低的档次必须从 0 开始，而不是 1"),
    ("rubric.tier_overlap",
     "criterion 'ops_plan': tier t2 (5–10) overlaps tier t1 (0–5): start t2 at 5.1 so that 5 is t1, or end t1 at 4.9 "
     "so that 5 is t2",
     "评分项 'ops_plan'：档次 t2（5–10）与档次 t1（0–5）重叠；请让 t2 从 5.1 开始（5 分属于 t1），或让 t1 止于 4.9（5 分属于 t2）"),
    ("rubric.tier_gap",
     "criterion 'ops_plan': tier t2 starts at 11, leaving a gap after t1 ending at 10 (at most 0.1 at 2 decimal "
     "places, the step standards write tiers in: 0–5, 5.1–10): scores between 10 and 11 would belong to no tier; start t2 at 10.1, or, for whole-point tiers (0–10, "
     "11–20), give the criterion step: 1 (judges score whole points; the panel's mean keeps 2 decimal places); "
     "decimals: 0 would also round the panel's mean to whole points",
     "评分项 'ops_plan'：档次 t2 从 11 开始，与止于 10 的档次 t1 之间留有空档（保留 2 位小数时最多 0.1，即评分标准书写档次的步长：0–5、5.1–10）：10 与 11 之间的得分"
     "不属于任何档次；请让 t2 从 10.1 开始；如果是整数分的档次（0–10、11–20），请给该评分项加上 step: 1（评委打整数分，"
     "评委平均分仍保留 2 位小数）；decimals: 0 则会把评委平均分也四舍五入为整数"),
    ("rubric.tier_no_score",
     "criterion 'ops_plan': tier t2 (5.2–5.8) leaves no score possible in steps of 1",
     "评分项 'ops_plan'：档次 t2（5.2–5.8）中没有按 1 分一档可以打的分数"),
    ("rubric.tier_last",
     "criterion 'ops_plan': the highest tier must end at max 15, not 14",
     "评分项 'ops_plan'：最高的档次必须止于满分 15，而不是 14"),
    ("rubric.not_slug",
     "criterion #3: id must be a slug (lower-case letters, digits, - and _), found 'Ops Plan'",
     "第 3 个评分项：“id”必须是简短代码（小写字母、数字、- 和 _），实际为 'Ops Plan'"),
    ("rubric.decimals_too_many",
     'decimals: must be at most 6, found 8',
     '“decimals”：最多为 6，实际为 8'),
    ("rubric.not_text_value",
     "field 'licence_no': unit must be text, found 5",
     "字段 'licence_no'：“unit”必须是文字，实际为 5"),
    ("rubric.tender_number",
     'tender_number: must be text such as "ZB-2026-018", found True',
     '“tender_number”：必须是文字，如 "ZB-2026-018"，实际为 True'),
    ("rubric.not_list",
     'criteria must be a non-empty list, found None',
     '“criteria”必须是非空的列表，实际为 None'),
    ("rubric.not_bool",
     "field 'licence_no': required must be true or false, found 'yes'",
     "字段 'licence_no'：“required”必须是 true 或 false，实际为 'yes'"),
    ("rubric.field_id",
     "field 'Licence': id must be a lower-case identifier (letters, digits, _)",
     "字段 'Licence'：id 必须是小写的标识符（字母、数字、_）"),
    ("rubric.field_twice",
     "field 'licence_no': is defined twice",
     "字段 'licence_no'：定义了两次"),
    ("rubric.field_reserved",
     "field 'vendor_id': clashes with a fixed or price field of the same id",
     "字段 'vendor_id'：与同一 id 的固定字段或报价字段冲突"),
    ("rubric.choices_missing",
     "field 'mode': a choice field needs choices: a non-empty list of texts",
     "字段 'mode'：选项字段需要 choices：一个非空的文字列表"),
    ("rubric.text_comma",
     "criterion 'certs': item 1 label: the text 'ISO 9001, quality' holds a ',', which ends a text inside {…}: put the "
     'text in quotes: {zh: ISO9001, en: "ISO 9001, quality"}',
     "评分项 'certs'：“item 1 label”：文字 'ISO 9001, quality' 中的半角逗号 ',' 在 {…} 里会截断文字：请给这段文字加上引号："
     '{zh: ISO9001, en: "ISO 9001, quality"}'),
    ("rubric.choices_repeat",
     "field 'mode': choices repeat themselves",
     "字段 'mode'：choices 中有重复的选项"),
    ("rubric.choices_not_choice",
     "field 'licence_no': choices are only for a choice field",
     "字段 'licence_no'：只有选项字段（choice）才有 choices"),
    ("rubric.id_twice",
     "criterion 'ops_plan': the id is used twice",
     "评分项 'ops_plan'：该 id 用了两次"),
    ("rubric.two_prices",
     'a rubric may have only one price criterion',
     '一个评分标准只能有一个价格评分项'),
    ("rubric.unknown_field",
     "criterion 'experience': unknown field 'similar_project'",
     "评分项 'experience'：未知的字段 'similar_project'"),
    ("rubric.field_type",
     "criterion 'experience': field 'licence_no' is text; expected one of integer, number, money",
     "评分项 'experience'：字段 'licence_no' 的类型是 text；应为以下之一：integer, number, money"),
    ("rubric.condition_field",
     "criterion 'licence': condition on unknown field 'licence'",
     "评分项 'licence'：条件中的字段 'licence' 不存在"),
    ("rubric.condition_no_op",
     "criterion 'licence': a condition with a value needs an op",
     "评分项 'licence'：带 value 的条件需要 op"),
    ("rubric.op_numeric",
     "criterion 'licence': op <= needs a numeric field; 'mode' is choice",
     "评分项 'licence'：op <= 需要数值字段；'mode' 的类型是 choice"),
    ("rubric.op_value",
     "criterion 'licence': op == needs a value",
     "评分项 'licence'：op == 需要 value"),
    ("rubric.op_in_list",
     "criterion 'mode': op in needs a non-empty list as its value",
     "评分项 'mode'：op in 的 value 必须是非空的列表"),
    ("rubric.value_type",
     "criterion 'capital': value 'lots' does not parse as field 'registered_capital': expected an amount in 10,000 yuan (万元)",
     "评分项 'capital'：值 'lots' 不符合字段 'registered_capital' 的类型：应为金额（万元）"),
    ("rubric.value_empty",
     "criterion 'capital': value for field 'registered_capital' is empty",
     "评分项 'capital'：字段 'registered_capital' 的 value 为空"),
    ("rubric.cannot_read",
     'cannot read the rubric: Permission denied',
     '无法读取该评分标准文件'),
    ("rubric.not_a_file",
     'cannot read the rubric: it is a device or a pipe, not a YAML file',
     '无法读取评分标准：这是设备或管道，不是 YAML 文件'),
    ("rubric.too_large",
     'refused: the rubric is larger than 2.0 MB; a rubric is a few kilobytes of YAML',
     '已拒绝：评分标准文件大于 2.0 MB；评分标准只是几 KB 的 YAML 文本'),
    ("rubric.not_utf8",
     "expected a UTF-8 text file (YAML), found bytes that are not UTF-8 on line 2, column 13 (\\xca); it reads as "
     "Chinese GBK, what Notepad saves as ANSI: save it as UTF-8 (Save As, Encoding: UTF-8)",
     "应为 UTF-8 编码的文本文件（YAML），第 2 行第 13 列的字节不是 UTF-8（\\xca）；该文件是 GBK 编码（记事本的“ANSI”）："
     "请另存为 UTF-8 编码（另存为，编码选 UTF-8）"),
    ("rubric.not_yaml",
     'line 3, column 5: not valid YAML: mapping values are not allowed here',
     "第 3 行第 5 列：不是有效的 YAML：此处不能出现 ': '"),
    ("rubric.too_deep",
     'line 27, column 74: not a rubric: its YAML is nested more than 64 levels deep here (a rubric is nested a few '
     'levels)',
     '第 27 行第 74 列：不是评分标准：其 YAML 在此处嵌套超过 64 层（评分标准只有几层嵌套）'),
    ("rubric.unknown_key",
     "criterion 'ops_plan': unknown key 'maxx' (expected one of: id, max, name)",
     "评分项 'ops_plan'：未知的键 'maxx'（应为以下之一：id, max, name）"),
    ("rubric.missing_key",
     "field #2: missing 'type'",
     "第 2 个字段：缺少 'type'"),
    ("rubric.empty_file",
     "the file is empty: a rubric is a YAML text with at least id, title, fields and criteria (see docs/rubrics.md)",
     "文件是空的：评分标准是至少含有 id、title、fields 和 criteria 的 YAML 文本（见 docs/rubrics.md）"),
    ("rubric.not_mapping",
     'the rubric must be a mapping, found list',
     '评分标准必须是映射（键: 值），实际为列表'),
    ("rubric.not_text",
     "group 'technical': label must give its text in Chinese, English or both ({zh: …, en: …}), found ['技术']",
     "分组 'technical'：“label”必须给出中文、英文或两者的文字（{zh: …, en: …}），实际为 ['技术']"),
    ("rubric.not_number",
     "criterion 'ops_plan': max must be a number, found 'fifteen'",
     "评分项 'ops_plan'：“max”必须是数字，实际为 'fifteen'"),
    ("rubric.not_finite",
     "criterion 'ops_plan': max must be a finite number, found 'nan'",
     "评分项 'ops_plan'：“max”必须是有限的数字，实际为 'nan'"),
    ("rubric.out_of_range",
     "group 'technical': weight must be more than 0, found -1",
     "分组 'technical'：“weight”必须大于 0，实际为 -1"),
    ("rubric.beyond_largest",
     "criterion 'price': budget_ceiling (line 69) must lie below 1,000,000,000,000,000 either side of 0, as every "
     "figure of a bid must (Excel keeps 15 digits), found 100000000000000000000 (21 digits)",
     "评分项 'price'：“budget_ceiling”（第 69 行）的绝对值必须小于 1,000,000,000,000,000，与投标中的数字相同（Excel 只保留 15 "
     "位有效数字），实际为 100000000000000000000（21 位数字）"),
    ("rubric.not_whole",
     'panel: trim must be a whole number of at least 0, found 1.5',
     '“panel”：“trim”必须是不小于 0 的整数，实际为 1.5'),
    ("rubric.unknown_choice",
     "criterion 'ops_plan': unknown kind 'tierd' (expected one of: gate, checklist, tiered)",
     "评分项 'ops_plan'：未知的“kind” 'tierd'（应为以下之一：gate, checklist, tiered）"),
]


# -- rubric files: the checks inside each criterion kind, groups, caps, pricing and the panel
EXCELLENT, GOOD = Label("优", "Excellent"), Label("良", "Good")
KIND_RUBRIC_FACTS = {
    "rubric.currency_unknown": dict(where="currency", currency="RMB"),
    "rubric.tier_decimals": dict(where="criterion 'ops_plan'", criterion="ops_plan", decimals=0, tier_decimals=1,
                                 own=True),
    "rubric.caps_not_list": dict(where="caps", found={"id": "track_record"}),
    "rubric.cap_id_used": dict(where="cap 'price'", cap="price"),
    "rubric.cap_criteria": dict(where="cap 'track_record'", cap="track_record", found=["projects"]),
    "rubric.cap_unknown_criterion": dict(where="cap 'track_record'", cap="track_record", criterion="certificatez"),
    "rubric.cap_not_scored": dict(where="cap 'track_record'", cap="track_record", criterion="records", kind="penalty"),
    "rubric.cap_twice": dict(where="cap 'extras'", cap="extras", criterion="projects", other="track_record"),
    "rubric.cap_scaled": dict(where="cap 'track_record'", cap="track_record", criterion="projects"),
    "rubric.groups_not_list": dict(where="groups", found="technical"),
    "rubric.group_id": dict(where="group 'Technical'", group="Technical"),
    "rubric.group_twice": dict(where="group 'technical'", group="technical"),
    "rubric.group_empty": dict(where="group 'financial'", group="financial"),
    "rubric.group_unscored": dict(where="group 'qualification'", group="qualification"),
    "rubric.pass_mark_above_max": dict(where="group 'technical'", group="technical", pass_mark=D(90), max=D(80)),
    "rubric.pass_mark_share": dict(where="group 'technical'", group="technical", pass_mark=D("0.6"), max=D(70),
                                   points=D("42.0")),
    "rubric.pass_mark_not_number": dict(where="group 'technical'", found="60分"),
    "rubric.group_undeclared": dict(where="criterion 'design'", criterion="design", group="tech",
                                    declared=("technical", "price")),
    "rubric.pass_mark_on_price": dict(where="group 'price'", group="price", criterion="price"),
    "rubric.pass_mark_after_price": dict(where="group 'technical'", group="technical", price_group="financial"),
    "rubric.weights_partial": dict(where="groups", weighted=["technical"], unweighted=["financial"]),
    "rubric.weighted_total_mismatch": dict(where="total", total=D(90), weighted_maxima=D(100),
                                           parts=(("technical", D("0.8"), D(100)), ("financial", D("0.2"), D(100)))),
    "rubric.name_clash": dict(where="field 'bid_price'", what="field", thing="bid_price", called="label",
                              name="投标总价", owned_as="label", other="total_price", inner=False),
    "rubric.trim_too_many": dict(where="panel", least=3, trim=2),
    "rubric.trim_zero": dict(where="panel"),
    "rubric.unit_id": dict(where="pricing.demand", unit="Senior"),
    "rubric.models_not_list": dict(where="pricing", found="lump_sum"),
    "rubric.model_twice": dict(where="pricing", model="lump_sum"),
    "rubric.model_demand": dict(where="pricing", model="per_seat_month", missing=("seats", "months")),
    "rubric.money_unit": dict(where="field 'capital'", field_id="capital", unit="USD", currency="CNY",
                              ten_thousand="10k CNY"),
    "rubric.example_not_percent": dict(where="field 'staff'"),
    "rubric.negative_not_number": dict(where="field 'discount'", type="percent"),
    "rubric.negative_counted": dict(where="field 'records'", criterion="experience"),
    "rubric.example_empty": dict(where="field 'discount'", found=""),
    "rubric.example_value": dict(where="field 'discount'", found="ninety",
                                 expected=Expected("percent", {})),
    "rubric.gate_decimals": dict(where="criterion 'licence'"),
    "rubric.gate_scale": dict(where="criterion 'licence'"),
    "rubric.max_not_positive": dict(where="criterion 'records'", criterion="records", max=D(0)),
    "rubric.criterion_decimals": dict(where="criterion 'price'", criterion="price", decimals=7, most=6),
    "rubric.scale_not_applicable": dict(where="criterion 'price'", criterion="price", kind="price"),
    "rubric.items_missing": dict(where="criterion 'company'", criterion="company", kind="checklist"),
    "rubric.grades_not_list": dict(where="criterion 'design'"),
    "rubric.grade_points_and_range": dict(where="criterion 'design'", index=2),
    "rubric.grade_no_points": dict(where="criterion 'design'", index=3),
    "rubric.deduction_items_not_list": dict(where="criterion 'compliance'"),
    "rubric.points_too_few": dict(where="criterion 'repeat_call'"),
    "rubric.point_not_pair": dict(where="criterion 'repeat_call'", found=[0.14]),
    "rubric.points_order": dict(where="criterion 'repeat_call'", criterion="repeat_call", x=D(1), previous=D(1)),
    "rubric.point_outside": dict(where="criterion 'repeat_call'", criterion="repeat_call", y=D(11),
                                 range=(D(0), D(10))),
    "rubric.tier_no_id": dict(where="criterion 'ops_plan'", index=2),
    "rubric.points_per_unit": dict(where="criterion 'experience'", criterion="experience", points_per_unit=D(0)),
    "rubric.item_points": dict(where="criterion 'compliance'", criterion="compliance", item=2, points=D(0)),
    "rubric.item_field_twice": dict(where="criterion 'compliance'", criterion="compliance", field_id="unmet_key"),
    "rubric.step_not_positive": dict(where="criterion 'design'", criterion="design", step=D(0)),
    "rubric.grade_twice": dict(where="criterion 'design'", criterion="design", grade=EXCELLENT, range=(D(8), D(10))),
    "rubric.grade_reversed": dict(where="criterion 'design'", criterion="design", grade=EXCELLENT, range=(D(10), D(8))),
    "rubric.grade_outside": dict(where="criterion 'design'", criterion="design", grade=EXCELLENT, range=(D(8), D(12)),
                                 max=D(10)),
    "rubric.grade_no_score": dict(where="criterion 'design'", criterion="design", grade=GOOD, range=(D("5.2"), D("5.8")),
                                  step=D(1)),
    "rubric.grades_overlap": dict(where="criterion 'design'", criterion="design", grades=(GOOD, EXCELLENT),
                                  ranges=((D(5), D(8)), (D(7), D(10)))),
    "rubric.penalties_missing": dict(where="criterion 'price'", criterion="price", method="deviation"),
    "rubric.penalties_not_used": dict(where="criterion 'price'", criterion="price", method="relative_to_lowest"),
    "rubric.price_value": dict(where="criterion 'price'", criterion="price", key="sme_deduction", rule="rate",
                               sme_deduction=D(1)),
    "rubric.sme_both": dict(where="criterion 'price'", criterion="price"),
    "rubric.sme_empty": dict(where="criterion 'price'"),
    "rubric.sme_category_id": dict(where="criterion 'price'", index=1, category="Small"),
    "rubric.sme_category_twice": dict(where="criterion 'price'", category="small"),
    "rubric.sme_rate": dict(where="criterion 'price'", criterion="price", category="small", rate=D("1.2")),
    "rubric.sme_name_twice": dict(where="criterion 'price'", criterion="price", category="micro", rate=D("0.1"),
                                  name="小型企业", other="small"),
    "rubric.sme_named_no": dict(where="criterion 'price'", criterion="price", category="none", rate=D(0)),
    "rubric.benchmark_missing": dict(where="criterion 'price'", criterion="price", method="ratio"),
    "rubric.benchmark_not_used": dict(where="criterion 'price'", criterion="price", method="lowest_ratio"),
    "rubric.rounding_not_used": dict(where="criterion 'price'", criterion="price", method="ratio",
                                     deviation_rounding="up"),
    "rubric.coefficient": dict(where="criterion 'price'", criterion="price", coefficient=D(0)),
    "rubric.min_bids_not_used": dict(where="criterion 'price'", criterion="price", base="mean", min_bids=5),
    "rubric.min_bids_too_few": dict(where="criterion 'price'", criterion="price", min_bids=2, least=3),
    "rubric.trim_not_used": dict(where="criterion 'price'", criterion="price", base="mean", trim=2),
    "rubric.trim_too_few": dict(where="criterion 'price'", criterion="price", trim=0),
    "rubric.ceiling_weight_missing": dict(where="criterion 'price'", criterion="price", base="ceiling_and_mean"),
    "rubric.ceiling_weight_range": dict(where="criterion 'price'", criterion="price", ceiling_weight=D("1.5"),
                                        range=(D(0), D(1))),
    "rubric.ceiling_missing": dict(where="criterion 'price'", criterion="price", base="ceiling_and_mean"),
    "rubric.ceiling_weight_not_used": dict(where="criterion 'price'", criterion="price", base="mean",
                                           ceiling_weight=D("0.5")),
    "rubric.ceiling_coefficient": dict(where="criterion 'price'", criterion="price", ceiling_coefficient=D(0)),
    "rubric.ceiling_coefficient_not_used": dict(where="criterion 'price'", criterion="price", base="mean",
                                                ceiling_coefficient=D("0.95")),
}
RUBRIC_FACTS.update(KIND_RUBRIC_FACTS)
RUBRIC_SENTENCES += [
    ('rubric.currency_unknown',
     "currency: unknown currency 'RMB': expected an ISO 4217 code such as CNY, USD, EUR or GBP",
     "“currency”：未知的币种 'RMB'：应为 ISO 4217 货币代码，如 CNY、USD、EUR 或 GBP"),
    ('rubric.tier_decimals',
     "criterion 'ops_plan': decimals 0 is fewer than the 1 decimal place(s) of the tier bounds: a rounded panel score could fall outside its agreed tier",
     "评分项 'ops_plan'：小数位数 0 少于档次上下限的 1 位小数：评委得分四舍五入后可能落在议定的档次之外"),
    ('rubric.caps_not_list',
     "caps: caps must be a non-empty list of {id, label, max, criteria}, found {'id': 'track_record'}",
     "“caps”：caps 必须是非空的列表，每项为 {id, label, max, criteria}，实际为 {'id': 'track_record'}"),
    ('rubric.cap_id_used',
     "cap 'price': the id is already used by a criterion or another cap",
     "共同上限 'price'：该 id 已被某个评分项或另一个共同上限使用"),
    ('rubric.cap_criteria',
     "cap 'track_record': criteria must list the ids of two or more criteria, found ['projects']",
     "共同上限 'track_record'：criteria 必须列出两个或更多评分项的 id，实际为 ['projects']"),
    ('rubric.cap_unknown_criterion',
     "cap 'track_record': criterion 'certificatez' does not exist",
     "共同上限 'track_record'：评分项 'certificatez' 不存在"),
    ('rubric.cap_not_scored',
     "cap 'track_record': criterion 'records' is a penalty, which gives no points to cap",
     "共同上限 'track_record'：评分项 'records' 的评分方式为扣分项，没有可以封顶的分数"),
    ('rubric.cap_twice',
     "cap 'extras': criterion 'projects' is already under cap 'track_record'; a criterion may be under one cap only",
     "共同上限 'extras'：评分项 'projects' 已在共同上限 'track_record' 之下；一个评分项只能在一个共同上限之下"),
    ('rubric.cap_scaled',
     "cap 'track_record': criterion 'projects' is scaled to the best: a scaled criterion cannot be under a shared cap",
     "共同上限 'track_record'：评分项 'projects' 按最优折算（scale_to_best）：折算的评分项不能在共同上限之下"),
    ('rubric.groups_not_list',
     "groups: must be a non-empty list of groups {id, label, …}, found 'technical'",
     "“groups”：必须是非空的分组列表，每项为 {id, label, …}，实际为 'technical'"),
    ('rubric.group_id',
     "group 'Technical': id must be a slug such as technical, found 'Technical'",
     "分组 'Technical'：id 必须是简短代码，如 technical，实际为 'Technical'"),
    ('rubric.group_twice',
     "group 'technical': is declared twice",
     "分组 'technical'：声明了两次"),
    ('rubric.group_empty',
     "group 'financial': no criterion belongs to this group",
     "分组 'financial'：没有评分项属于这个分组"),
    ('rubric.group_unscored',
     "group 'qualification': a pass mark, scaling or weight needs a scored criterion in the group",
     "分组 'qualification'：及格分、折算或权重需要分组中有计分的评分项"),
    ('rubric.pass_mark_above_max',
     "group 'technical': pass_mark 90 is above the group's max 80: no bid could pass",
     "分组 'technical'：及格分 pass_mark 90 高于该分组的满分 80：没有投标能够通过"),
    ('rubric.pass_mark_share',
     "group 'technical': pass_mark 0.6 is in points of the group's 70: for 60 % write 60% or 42",
     "分组 'technical'：及格分 pass_mark 0.6 按分值计（该分组满分 70）：如指 60%，请写 60% 或 42"),
    ('rubric.pass_mark_not_number',
     "group 'technical': pass_mark must be points (a number such as 42) or a share of the group's max (such as "
     "60%), found '60分'",
     "分组 'technical'：及格分 pass_mark 必须是分值（如 42）或该分组满分的百分比（如 60%），实际为 '60分'"),
    ('rubric.group_undeclared',
     "criterion 'design': group 'tech' is not declared under groups (declared: technical, price)",
     "评分项 'design'：分组 'tech' 未在 groups 中声明（已声明：technical、price）"),
    ('rubric.pass_mark_on_price',
     "group 'price': a pass mark cannot be on the group of the price criterion 'price': price is scored only among the bids that pass",
     "分组 'price'：价格评分项 'price' 所在的分组不能设及格分：价格只在通过的投标之间评分"),
    ('rubric.pass_mark_after_price',
     "group 'technical': a group with a pass mark must come before the price group 'financial': price is opened only for the bids that pass",
     "分组 'technical'：设有及格分的分组必须排在价格分组 'financial' 之前：只有通过的投标才开启价格"),
    ('rubric.weights_partial',
     'groups: weight is given for technical but not for financial: give every group a weight, or none',
     '“groups”：分组 technical 有 weight，分组 financial 却没有：请给每个分组都设权重，或都不设'),
    ('rubric.weighted_total_mismatch',
     "total: the groups' weighted maxima add up to 100 (technical 0.8 × 100 + financial 0.2 × 100), not the declared total 90",
     '“total”：各分组加权后的满分之和为 100（technical 0.8 × 100 + financial 0.2 × 100），而不是声明的总分 90'),
    ('rubric.name_clash',
     "field 'bid_price': label '投标总价' is also the label of field 'total_price'; expected a label that names only one field",
     "字段 'bid_price'：名称 '投标总价' 也是字段 'total_price' 的名称；一个名称只能指一个字段"),
    ('rubric.trim_too_many',
     'panel: min_judges_for_trim (3) must be more than 2 × trim (2), or trimming would leave no score',
     '“panel”：min_judges_for_trim（3）必须大于 2 × trim（2），否则去掉最高分和最低分后不剩分数'),
    ('rubric.trim_zero',
     'panel: trimmed_mean needs trim of at least 1',
     '“panel”：trimmed_mean 需要 trim 至少为 1'),
    ('rubric.unit_id',
     "pricing.demand: unit 'Senior' must be a lower-case id (it names the field rate_<unit>)",
     "“pricing.demand”：单位 'Senior' 必须是小写的 id（它是字段 rate_<unit> 的名字）"),
    ('rubric.models_not_list',
     "pricing: models must be a non-empty list, found 'lump_sum'",
     "“pricing”：models 必须是非空的列表，实际为 'lump_sum'"),
    ('rubric.model_twice',
     "pricing: pricing model 'lump_sum' is listed twice",
     "“pricing”：报价方式 'lump_sum' 列出了两次"),
    ('rubric.model_demand',
     'pricing: model per_seat_month needs demand figure(s) seats, months (months from demand.months or contract_months)',
     '“pricing”：报价方式 per_seat_month 需要需求数量 seats、months（月数取自 demand.months 或 contract_months）'),
    ('rubric.money_unit',
     "field 'capital': a money field's unit must be CNY or '10k CNY', found 'USD'",
     "字段 'capital'：金额字段的 unit 必须是 CNY 或 '10k CNY'，实际为 'USD'"),
    ('rubric.example_not_percent',
     "field 'staff': example is only for a percent field",
     "字段 'staff'：只有百分比字段才有 example"),
    ('rubric.negative_not_number',
     "field 'discount': allow_negative is only for an integer, number or money field, not percent",
     "字段 'discount'：只有整数、数字或金额字段才有 allow_negative，而该字段类型为 percent"),
    ('rubric.negative_counted',
     "field 'records': criterion 'experience' counts this field, so a negative answer cannot be allowed "
     "(remove allow_negative)",
     "字段 'records'：评分项 'experience' 按该字段计数，不能允许负数（请删去 allow_negative）"),
    ('rubric.example_empty',
     "field 'discount': example must be an answer as a bidder types it, such as 5%, found ''",
     "字段 'discount'：example 必须是投标人填写的答案，如 5%，实际为 ''"),
    ('rubric.example_value',
     "field 'discount': example must be a percentage such as 96% (or a fraction 0..1 such as 0.96), found 'ninety'",
     "字段 'discount'：example 应为百分比，如 96%（或 0 到 1 之间的小数，如 0.96），实际为 'ninety'"),
    ('rubric.gate_decimals',
     "criterion 'licence': a gate has no score to round: decimals belongs to scored criteria",
     "评分项 'licence'：资格条件没有分数可以舍入：decimals 只用于计分的评分项"),
    ('rubric.gate_scale',
     "criterion 'licence': a gate has no score to scale: scale_to_best belongs to scored criteria",
     "评分项 'licence'：资格条件没有分数可以折算：scale_to_best 只用于计分的评分项"),
    ('rubric.max_not_positive',
     "criterion 'records': max must be more than 0, found 0",
     "评分项 'records'：max 必须大于 0，实际为 0"),
    ('rubric.criterion_decimals',
     "criterion 'price': decimals must be a whole number from 0 to 6, found 7",
     "评分项 'price'：decimals 必须是 0 到 6 之间的整数，实际为 7"),
    ('rubric.scale_not_applicable',
     "criterion 'price': scale_to_best does not apply to a price criterion (price is already scored against the other bids; a penalty's best is 0)",
     "评分项 'price'：scale_to_best 不适用于 kind 为 price 的评分项（价格分已经是与其他投标比较得出的；扣分项的最高分是 0）"),
    ('rubric.items_missing',
     "criterion 'company': a checklist needs items: a non-empty list",
     "评分项 'company'：kind 为 checklist 的评分项需要 items：一个非空的列表"),
    ('rubric.grades_not_list',
     "criterion 'design': grades must be a non-empty list of {label, min, max} or {label, points}",
     "评分项 'design'：grades 必须是非空的列表，每项为 {label, min, max} 或 {label, points}"),
    ('rubric.grade_points_and_range',
     "criterion 'design': grade 2 gives points and a range; expected one of them",
     "评分项 'design'：第 2 个等级同时给了 points 和范围（min、max）；只能给其中一种"),
    ('rubric.grade_no_points',
     "criterion 'design': grade 3 needs points, or min and max",
     "评分项 'design'：第 3 个等级需要 points，或 min 和 max"),
    ('rubric.deduction_items_not_list',
     "criterion 'compliance': items must be a non-empty list of {label, field, points}",
     "评分项 'compliance'：items 必须是非空的列表，每项为 {label, field, points}"),
    ('rubric.points_too_few',
     "criterion 'repeat_call': points must list at least two [x, y] pairs",
     "评分项 'repeat_call'：points 必须列出至少两个 [x, y] 点"),
    ('rubric.point_not_pair',
     "criterion 'repeat_call': each point must be [x, y], found [0.14]",
     "评分项 'repeat_call'：每个点必须是 [x, y]，实际为 [0.14]"),
    ('rubric.points_order',
     "criterion 'repeat_call': x values must be strictly increasing: 1 after 1",
     "评分项 'repeat_call'：x 值必须严格递增：1 之后是 1"),
    ('rubric.point_outside',
     "criterion 'repeat_call': y 11 lies outside 0..10",
     "评分项 'repeat_call'：y 值 11 超出 0..10"),
    ('rubric.tier_no_id',
     "criterion 'ops_plan': tier 2 needs an id",
     "评分项 'ops_plan'：第 2 个档次需要 id"),
    ('rubric.points_per_unit',
     "criterion 'experience': points_per_unit must be more than 0, found 0",
     "评分项 'experience'：points_per_unit 必须大于 0，实际为 0"),
    ('rubric.item_points',
     "criterion 'compliance': item 2 points must be more than 0, found 0",
     "评分项 'compliance'：第 2 个条目的 points 必须大于 0，实际为 0"),
    ('rubric.item_field_twice',
     "criterion 'compliance': field 'unmet_key' is counted by two items; expected one item per field",
     "评分项 'compliance'：字段 'unmet_key' 被两个条目计数；每个字段只能对应一个条目"),
    ('rubric.step_not_positive',
     "criterion 'design': step must be more than 0, found 0",
     "评分项 'design'：step 必须大于 0，实际为 0"),
    ('rubric.grade_twice',
     "criterion 'design': grade '优 / Excellent' is listed twice",
     "评分项 'design'：等级 '优' 列出了两次"),
    ('rubric.grade_reversed',
     "criterion 'design': grade 优 10–8 runs from 10 down to 8",
     "评分项 'design'：等级 优 10–8 从 10 降到 8（下限大于上限）"),
    ('rubric.grade_outside',
     "criterion 'design': grade 优 8–12 lies outside 0..10",
     "评分项 'design'：等级 优 8–12 超出 0..10"),
    ('rubric.grade_no_score',
     "criterion 'design': grade 良 5.2–5.8 leaves no score possible in steps of 1",
     "评分项 'design'：等级 良 5.2–5.8 中没有按 1 分一档可以打的分数"),
    ('rubric.grades_overlap',
     "criterion 'design': grades 良 5–8 and 优 7–10 overlap (they may share a boundary only)",
     "评分项 'design'：等级 良 5–8 与 优 7–10 重叠（两个等级最多共用一个边界分数）"),
    ('rubric.penalties_missing',
     "criterion 'price': deviation needs above_penalty and below_penalty (points per 1 % from the benchmark)",
     "评分项 'price'：deviation 需要 above_penalty 和 below_penalty（与基准价每偏离 1% 扣的分）"),
    ('rubric.penalties_not_used',
     "criterion 'price': above_penalty and below_penalty belong to the methods benchmark_deviation and deviation only",
     "评分项 'price'：above_penalty 和 below_penalty 只用于 benchmark_deviation 和 deviation，不用于 relative_to_lowest"),
    ('rubric.price_value',
     "criterion 'price': sme_deduction must be 0 or more and less than 1, found 1",
     "评分项 'price'：sme_deduction 必须不小于 0 且小于 1，实际为 1"),
    ('rubric.sme_both',
     "criterion 'price': sme_deduction is either one rate or a table of categories, not both",
     "评分项 'price'：sme_deduction 要么是一个扣除率，要么是按类别的扣除率表，不能两者都有"),
    ('rubric.sme_empty',
     "criterion 'price': sme_deduction must be a rate such as 0.10 or a non-empty list of categories {id, label, rate}",
     "评分项 'price'：sme_deduction 必须是一个扣除率（如 0.10），或非空的类别列表，每项为 {id, label, rate}"),
    ('rubric.sme_category_id',
     "criterion 'price': sme_deduction category 1: id must be a lower-case identifier such as small, found 'Small'",
     "评分项 'price'：第 1 个中小企业扣除类别：id 必须是小写的标识符，如 small，实际为 'Small'"),
    ('rubric.sme_category_twice',
     "criterion 'price': sme_deduction category 'small' is listed twice",
     "评分项 'price'：中小企业扣除类别 'small' 列出了两次"),
    ('rubric.sme_rate',
     "criterion 'price': sme_deduction category 'small': rate must be 0 or more and less than 1, found 1.2",
     "评分项 'price'：中小企业扣除类别 'small'：rate 必须不小于 0 且小于 1，实际为 1.2"),
    ('rubric.sme_name_twice',
     "criterion 'price': sme_deduction category 'micro': '小型企业' also names category 'small'; expected each category to be named only once",
     "评分项 'price'：中小企业扣除类别 'micro'：'小型企业' 也是类别 'small' 的名称；每个类别的名称只能用一次"),
    ('rubric.sme_named_no',
     "criterion 'price': sme_deduction category 'none': 否 / no means not an SME",
     "评分项 'price'：中小企业扣除类别 'none'：“否”表示不是中小企业，不能用作类别名称"),
    ('rubric.benchmark_missing',
     "criterion 'price': ratio needs a benchmark: {base: lowest | mean | trimmed_mean | ceiling_and_mean}",
     "评分项 'price'：ratio 需要评标基准价 benchmark：{base: lowest | mean | trimmed_mean | ceiling_and_mean}"),
    ('rubric.benchmark_not_used',
     "criterion 'price': benchmark belongs to the methods ratio and deviation, not lowest_ratio",
     "评分项 'price'：benchmark 只用于 ratio 和 deviation，不用于 lowest_ratio"),
    ('rubric.rounding_not_used',
     "criterion 'price': deviation_rounding belongs to the method deviation, not ratio",
     "评分项 'price'：deviation_rounding 只用于 deviation，不用于 ratio"),
    ('rubric.coefficient',
     "criterion 'price': benchmark coefficient must be more than 0, found 0",
     "评分项 'price'：基准价的 coefficient 必须大于 0，实际为 0"),
    ('rubric.min_bids_not_used',
     "criterion 'price': benchmark min_bids belongs to the base trimmed_mean, not mean",
     "评分项 'price'：基准价的 min_bids 只用于 trimmed_mean，不用于 mean"),
    ('rubric.min_bids_too_few',
     "criterion 'price': benchmark min_bids must be at least 3 (dropping the highest and the lowest must leave a price), found 2",
     "评分项 'price'：基准价的 min_bids 至少为 3（去掉最高价和最低价后必须还有报价），实际为 2"),
    ('rubric.trim_not_used',
     "criterion 'price': benchmark trim belongs to the base trimmed_mean, not mean",
     "评分项 'price'：基准价的 trim 只用于 trimmed_mean，不用于 mean"),
    ('rubric.trim_too_few',
     "criterion 'price': benchmark trim must be at least 1, found 0",
     "评分项 'price'：基准价的 trim 至少为 1，实际为 0"),
    ('rubric.ceiling_weight_missing',
     "criterion 'price': benchmark base ceiling_and_mean needs ceiling_weight (w in w × ceiling + (1 − w) × mean)",
     "评分项 'price'：基准价 ceiling_and_mean 需要 ceiling_weight（w × 最高限价 + (1 − w) × 平均价中的 w）"),
    ('rubric.ceiling_weight_range',
     "criterion 'price': benchmark ceiling_weight must lie in 0..1, found 1.5",
     "评分项 'price'：基准价的 ceiling_weight 必须在 0..1 之间，实际为 1.5"),
    ('rubric.ceiling_missing',
     "criterion 'price': benchmark base ceiling_and_mean needs the budget_ceiling it weighs",
     "评分项 'price'：基准价 ceiling_and_mean 需要它所加权的最高限价 budget_ceiling"),
    ('rubric.ceiling_weight_not_used',
     "criterion 'price': benchmark ceiling_weight belongs to the base ceiling_and_mean, not mean",
     "评分项 'price'：基准价的 ceiling_weight 只用于 ceiling_and_mean，不用于 mean"),
    ('rubric.ceiling_coefficient',
     "criterion 'price': benchmark ceiling_coefficient must be more than 0 and at most 1 (write 95% or 0.95, not 95), "
     "found 0",
     "评分项 'price'：基准价的 ceiling_coefficient 必须大于 0 且不大于 1（写 95% 或 0.95，不写 95），实际为 0"),
    ('rubric.ceiling_coefficient_not_used',
     "criterion 'price': benchmark ceiling_coefficient belongs to the base ceiling_and_mean, not mean",
     "评分项 'price'：基准价的 ceiling_coefficient 只用于 ceiling_and_mean，不用于 mean"),
]
# A value left blank, full-width punctuation, and what the reader says instead of dropping a criterion.
BLANK_RUBRIC_FACTS = {
    "rubric.empty": dict(where="criterion 'price'", what="max", expected="number"),
    "rubric.criterion_unread": dict(where="criterion 'price'", criterion="price"),
    "rubric.rubric_unread": dict(where="top"),
    "rubric.order87_price": dict(where="regime", regime="order87"),
    "rubric.order87_method": dict(where="criterion 'price'", regime="order87", method="deviation"),
    "rubric.order87_price_share": dict(where="criterion 'price'", regime="order87", share=D(5) / D(75),
                                       floor=D("0.3"), bought="goods", carried=D(5), total=D(75), goods_floor=D("0.3")),
    "rubric.no_price": dict(where="top", fields=(Named("total_price", Label("投标总价", "Total price")),)),
    "rubric.unit_not_money": dict(where="field 'projects'", field_id="projects", unit="10k CNY", type="integer"),
    "rubric.weights_not_one": dict(where="groups", weights=(("technical", D("0.7")), ("financial", D("0.4"))),
                                   full=D(110)),
    "rubric.scaled_to_one": dict(where="group 'technical'", group="technical", max=D(40)),
    "rubric.cap_never_binds": dict(where="cap 'track_record'", cap="track_record", cap_max=D(15),
                                   criteria=("projects", "certificates"), maxima=(D(8), D(3))),
    "rubric.cap_below_part": dict(where="cap 'track_record'", cap="track_record", cap_max=D(6), criterion="projects",
                                  max=D(8)),
    "rubric.procurement_object_unused": dict(where="procurement_object", bought="goods"),
    "rubric.coefficient_above_one": dict(where="criterion 'price'", criterion="price", coefficient=D(95)),
    "rubric.count_not_required": dict(where="criterion 'records'", criterion="records",
                                      counted=Named("bad_records", Label("不良记录数", "Bad records")), bids=("乙公司",)),
    "rubric.ceiling_like_rate": dict(where="criterion 'price'", criterion="price", ceiling=D("4.5"), units=D(40000),
                                     months=D(36)),
}
RUBRIC_FACTS.update(BLANK_RUBRIC_FACTS)
RUBRIC_FACTS.update({
    "rubric.too_many_values": dict(line=9, column=7, limit=100_000),
    "rubric.needs_quotes": dict(where="criterion 'local'", what="value", field_id="area", written=("010", "NO"),
                                read=(8, False), line=32, fix='value: ["010", "NO"]'),
    "rubric.not_decimal": dict(where="criterion 'resp_gate'", what="value", written="4:00", line=14, base=60,
                               read=D(240), hours=D("4.0000"), about=False, minutes=D(240)),
})
RUBRIC_SENTENCES += [
    ("rubric.too_many_values",
     "line 9, column 7: refused: the list or mapping here holds more than 100,000 values once each alias (*name) is "
     "counted as all it stands for (or it holds itself); a rubric holds a few hundred",
     "第 9 行第 7 列：已拒绝：把每个别名（*名称）按其代表的全部内容计算，此处的列表或映射含有超过 100,000 个值（或包含其自身）；"
     "评分标准通常只有几百个值"),
    ("rubric.needs_quotes",
     "criterion 'local': value for field 'area' (line 32): written without quotes, YAML reads 010 as the number 8, "
     'NO as false, not as a text: put it in quotes: value: ["010", "NO"]',
     "评分项 'local'：字段 'area' 的 value（第 32 行）：不加引号时，YAML 把 010 读成数字 8、NO 读成逻辑值 false，而不是文字："
     '请加上引号：value: ["010", "NO"]'),
    ("rubric.not_decimal",
     "criterion 'resp_gate': value (line 14): 4:00 is read by YAML as the number 240 (base 60); write the number in "
     "the field's unit: 4 for hours, 240 for minutes",
     "评分项 'resp_gate'：“value”（第 14 行）：YAML 把 4:00 读作六十进制数 240；请按该字段的单位直接写数字：以小时计为 4，以分钟计为 240"),
]
RUBRIC_FACTS["rubric.yes_no"] = dict(where="criterion 'ops_plan'", what="max", found=True, expected="number")
RUBRIC_SENTENCES += [
    ("rubric.yes_no",
     "criterion 'ops_plan': max was read by YAML as true (yes, no, on, off, true and false written without quotes are "
     "a yes or no, not a number); expected a number",
     "评分项 'ops_plan'：“max”被 YAML 读成了逻辑值 true（不加引号的 yes、no、on、off、true、false 都是逻辑值，不是数字）；应为数字"),
]
RUBRIC_SENTENCES += [
    ("rubric.empty",
     "criterion 'price': max is empty; expected a number",
     "评分项 'price'：“max”为空；应为数字"),
    ("rubric.criterion_unread",
     "criterion 'price': could not be read as written; compare each of its keys with the rubric reference",
     "评分项 'price'：无法按所写内容读取；请对照评分标准说明逐一检查它的键"),
    ("rubric.rubric_unread",
     "the rubric could not be read as written; compare each key with the rubric reference",
     "无法按所写内容读取该评分标准；请对照评分标准说明逐一检查各个键"),
    ("rubric.order87_price",
     "regime: order87 (综合评分法) scores price (Order 87 art. 55), but no criterion is of kind price: add a price "
     "criterion, or remove the regime",
     "“regime”：order87（综合评分法）须对价格计分（财政部令第87号第五十五条），但没有 kind 为 price 的评分项：请增加价格评分项，"
     "或删去 regime"),
    ("rubric.no_price",
     "no criterion scores the price, yet the bid form asks every bidder for a price (total_price): add a price "
     "criterion if the price is to count",
     "没有评分项为价格计分，但投标表仍要求每个投标人填写报价（投标总价）：如果报价应当计分，请增加价格评分项"),
    ("rubric.weights_not_one",
     "groups: the groups' weights add up to 1.1 (0.7 + 0.4), not 1, so the full marks are 110: correct the weights, "
     "or declare total: to have the weighted maxima checked",
     "“groups”：各分组的权重之和为 1.1（0.7 + 0.4），不是 1，满分因此为 110：请更正权重，或声明 total 以核对加权后的满分"),
    ("rubric.scaled_to_one",
     "group 'technical': scale_to_best: 1 makes the best bid's subtotal 1 point, though the group's criteria give up "
     "to 40, so the group counts 1 point of the total: write scale_to_best: true to scale it to its own max (40), or "
     "the points the best bid is to get",
     "分组 'technical'：scale_to_best: 1 使最高分投标的小计折算为 1 分，而该分组各评分项合计最高 40 分，该分组因此只占总分 1 分："
     "如需按本组满分（40）折算，请写 scale_to_best: true，或写最高分投标应得的分数"),
    ("rubric.cap_never_binds",
     "cap 'track_record': the cap's max 15 is not below the maxima of its criteria together (8 + 3 = 11), so it "
     "never takes a point off: lower the cap, or remove it",
     "共同上限 'track_record'：该共同上限 15 分不低于其中各评分项满分之和（8 + 3 = 11），永远不会扣减任何分数：请降低上限，或删去该共同上限"),
    ("rubric.cap_below_part",
     "cap 'track_record': the cap's max 6 is below the max 8 of its criterion 'projects', which therefore can never "
     "reach 8: lower the criterion's max to 6, or raise the cap",
     "共同上限 'track_record'：该共同上限 6 分低于其中评分项 'projects' 的满分 8，在此上限下该评分项永远得不到 8 分：请把它的满分降为 6，"
     "或提高上限"),
    ("rubric.procurement_object_unused",
     "procurement_object: goods matters only under regime: order87, where it sets the price's least share of the "
     "total; this rubric has no such regime, so it changes nothing",
     "“procurement_object”：goods 只对适用财政部令第87号的项目起作用（决定价格分占总分的最低比例）；"
     "本评分标准未声明适用87号令，此项不起作用"),
    ("rubric.coefficient_above_one",
     "criterion 'price': benchmark coefficient 95 is above 1, so B lies above the prices it is formed from; a "
     "coefficient is usually below 1: write 95% or 0.95 for 95 %, not 95",
     "评分项 'price'：基准价的 coefficient 为 95，大于 1，评标基准价将高于据以计算的价格；该系数通常小于 1：95% 请写成 95% 或 0.95，"
     "不要写 95"),
    ("rubric.count_not_required",
     "criterion 'records': a bid that leaves 'bad_records' empty is counted as having none and loses nothing (乙公司 "
     "left it empty): mark the field required: true (a bid that leaves it empty is then invalid)",
     "评分项 'records'：投标人不填“不良记录数”即按没有计，不扣分（乙公司 未填）：请为该字段写 required: true（不填的投标即为无效）"),
    ("rubric.ceiling_like_rate",
     "criterion 'price': budget_ceiling 4.5 is less than the 40,000 units the tender buys, as if it were a unit rate; "
     "it caps the whole contract price Q (Σ rate × count × 36 months), so a bid above it is invalid: write the "
     "contract's ceiling, and a unit's own ceiling as `ceiling` under pricing.demand.units",
     "评分项 'price'：最高限价 budget_ceiling 4.5 小于本项目的计价单位总数 40,000，像是单价；它限定的是整个合同的投标报价 Q"
     "（Σ 单价 × 数量 × 36 个月），高于它的投标无效：请写合同总价的最高限价，单价限价写在 pricing.demand.units 下该单位的 ceiling"),
    ("rubric.unit_not_money",
     "field 'projects': unit '10k CNY' is a unit of money, but the field is integer: make it type: money, or remove "
     "the unit",
     "字段 'projects'：unit '10k CNY' 是金额单位，但该字段的类型是 integer：请改为 type: money，或删去 unit"),
    ("rubric.order87_method",
     "criterion 'price': regime order87: price is scored by method deviation, but Order 87 art. 55 scores price "
     "lowest-first (低价优先法) in 综合评分法: use method: lowest_ratio, unless this tender is not under Order 87",
     "评分项 'price'：regime order87：价格分采用 deviation 方法计算，但财政部令第87号第五十五条规定综合评分法的价格分统一采用低价优先法："
     "请改用 method: lowest_ratio，除非本项目不适用87号令"),
    ("rubric.order87_price_share",
     "criterion 'price': regime order87: the price carries 5 / 75 = 6.67% of the total, below the 30% Order 87 art. "
     "55 sets for goods",
     "评分项 'price'：regime order87：价格分占总分的 5 / 75 = 6.67%，低于财政部令第87号第五十五条对货物项目规定的 30%"),
]
# The app's English names a grade by its English label; the command line by its Chinese one, as it always did.
RUBRIC_APP_EN = {
    "rubric.count_not_required": "criterion 'records': a bid that leaves 'Bad records' empty is counted as having none "
                                 "and loses nothing (乙公司 left it empty): mark the field required: true (a bid that "
                                 "leaves it empty is then invalid)",
    "rubric.no_price": "no criterion scores the price, yet the bid form asks every bidder for a price (Total price): "
                       "add a price criterion if the price is to count",
    'rubric.grade_reversed': "criterion 'design': grade Excellent 10–8 runs from 10 down to 8",
    'rubric.grade_outside': "criterion 'design': grade Excellent 8–12 lies outside 0..10",
    'rubric.grade_no_score': "criterion 'design': grade Good 5.2–5.8 leaves no score possible in steps of 1",
    'rubric.grades_overlap': "criterion 'design': grades Good 5–8 and Excellent 7–10 overlap (they may share a boundary only)",
}


# The rubric format's own words, which a Chinese sentence about a YAML file quotes as the author writes them.
YAML_WORDS = {"YAML", "zh", "en", "true", "false", "yes", "no", "on", "off", "id", "choices", "choice", "op", "value", "in", "ZB", "text",
              "integer", "number", "money", "tender", "required", "unit", "tiers"}
# … every key and value the rubric format has (``pass_mark``, ``trimmed_mean`` …), the currency codes it names,
# and the examples of an id its sentences give
YAML_WORDS |= {word for key in rubric_yaml.KEYWORDS for word in re.findall(r"[A-Za-z][A-Za-z0-9]*", key)}
YAML_WORDS |= {"ISO", "CNY", "USD", "EUR", "GBP", "technical", "small", "ANSI"}  # ANSI: as Notepad names GBK


@pytest.mark.parametrize("code, cli, zh", RUBRIC_SENTENCES, ids=[row[0] for row in RUBRIC_SENTENCES])
def test_each_rubric_mistake_in_both_languages(code, cli, zh):
    facts = RUBRIC_FACTS[code]
    assert messages.sentence(code, facts, "en", ids=True) == cli
    assert messages.sentence(code, facts, "en") == RUBRIC_APP_EN.get(code, cli)
    assert messages.sentence(code, facts, "zh") == zh
    written = {w for value in facts.values() for w in re.findall(r"[A-Za-z][A-Za-z0-9]*", str(value))}  # keys, ids
    assert not chinese_text_words(zh) - written - YAML_WORDS, zh


@pytest.mark.parametrize("code, facts, en, zh", [
    ("rubric.tier_gap", dict(where="criterion 'plan'", tier="良", range=(D(12), D(20)), other="差",
                             other_range=(D(0), D(10)), gap=D(1), places=2, start=D(11), whole=False, step=D(1)),
     "criterion 'plan': tier 良 starts at 12, leaving a gap after 差 ending at 10 (at most one step, 1, as the "
     "criterion's step: 1 says): scores between 10 and 12 would belong to no tier; start 良 at 11",
     "评分项 'plan'：档次 良 从 12 开始，与止于 10 的档次 差 之间留有空档（最多一个步长 1，即该评分项的 step: 1）：10 与 12 之间的得分"
     "不属于任何档次；请让 良 从 11 开始"),
    ("rubric.not_utf8", dict(line=1, column=1, found=b"\xff\xfe", saved_as="UTF-16"),
     "expected a UTF-8 text file (YAML), found bytes that are not UTF-8 on line 1, column 1 (\\xff\\xfe); it is saved "
     "as UTF-16 (Unicode): save it as UTF-8 (Save As, Encoding: UTF-8)",
     "应为 UTF-8 编码的文本文件（YAML），第 1 行第 1 列的字节不是 UTF-8（\\xff\\xfe）；该文件是 UTF-16（Unicode）编码："
     "请另存为 UTF-8 编码（另存为，编码选 UTF-8）"),
    ("rubric.not_yaml", dict(line=22, column=84, detail="expected ',' or '}', but got ':'", full_width=("，",),
                             full_width_line=22),
     "line 22, column 84: not valid YAML: expected ',' or '}', but got ':'; line 22 holds the full-width '，': where it "
     "is YAML punctuation, type the ASCII ',' (switch the input method to half-width)",
     "第 22 行第 84 列：不是有效的 YAML：应为 ',' 或 '}'，实际为 ':'；第 22 行有全角符号 '，'：作为 YAML 标点时须用半角的 ','（请把输入法切换到半角）"),
    ("rubric.not_yaml", dict(line=15, column=1, detail="found character '\\t' that cannot start any token", tab=True),
     "line 15, column 1: not valid YAML: found character '\\t' that cannot start any token; indent with spaces: YAML "
     "does not allow a tab",
     "第 15 行第 1 列：不是有效的 YAML：此处有制表符（Tab）；请用空格缩进：YAML 不允许制表符"),
    ("rubric.not_yaml", dict(line=6, column=10, detail="found character '\\t' that cannot start any token", tab="space"),
     "line 6, column 10: not valid YAML: found character '\\t' that cannot start any token; write a space instead of "
     "the tab: YAML does not allow a tab there",
     "第 6 行第 10 列：不是有效的 YAML：此处有制表符（Tab）；请把制表符换成空格：YAML 此处不允许制表符"),
    ("rubric.unknown_key", dict(where="criterion 'design'", key="kind：judged", allowed=("kind", "max"),
                                full_width=("：",)),
     "criterion 'design': unknown key 'kind：judged' (expected one of: kind, max); it holds the full-width '：': YAML "
     "needs the ASCII ':' (switch the input method to half-width)",
     "评分项 'design'：未知的键 'kind：judged'（应为以下之一：kind, max）；其中有全角符号 '：'：YAML 只认半角的 ':'（请把输入法切换到半角）"),
    ("rubric.unknown_key", dict(where="criterion 'design'", key="kind:\u3000judged", allowed=("kind", "max"),
                                full_width=("\u3000",)),
     "criterion 'design': unknown key 'kind:\\u3000judged' (expected one of: kind, max); it holds a full-width space: "
     "YAML needs an ASCII space (switch the input method to half-width)",
     "评分项 'design'：未知的键 'kind:\\u3000judged'（应为以下之一：kind, max）；其中有全角空格：YAML 只认半角空格（请把输入法切换到半角）"),

    ("rubric.not_yaml", dict(line=20, column=5, detail="could not find expected ':'", slip="colon_space",
                             slip_line=20, written="max:20", fix="max: 20"),
     "line 20, column 5: not valid YAML: could not find expected ':'; line 20 holds 'max:20': YAML needs a space "
     "after the colon; write 'max: 20'",
     "第 20 行第 5 列：不是有效的 YAML：找不到应有的冒号 ':'；第 20 行的 'max:20' 冒号后缺少空格：YAML 要求冒号后有空格，请写成 'max: 20'"),
    ("rubric.not_yaml", dict(line=21, column=94, detail="found character '>' that cannot start any token",
                             slip="quote_value", slip_line=21, written=">=", first=">", fix='">="'),
     "line 21, column 94: not valid YAML: found character '>' that cannot start any token; line 21: a value that "
     'starts with \'>\' must be in quotes; write ">="',
     "第 21 行第 94 列：不是有效的 YAML：字符 '>' 不能作为值的开头；第 21 行：以 '>' 开头的值必须加引号，请写成 \">=\""),
    ("rubric.unknown_choice", dict(where="criterion 'x'", what="op", found="", choices=("<", ">"), slip="quote_value",
                                   slip_line=38, written=">", first=">", fix='">"'),  # `op: >` on its own line
     "criterion 'x': unknown op '' (expected one of: <, >); line 38: a value that starts with '>' must be in quotes; "
     'write ">"',
     "评分项 'x'：未知的“op” ''（应为以下之一：<, >）；第 38 行：以 '>' 开头的值必须加引号，请写成 \">\""),
    ("rubric.not_yaml", dict(line=36, column=15, detail="mapping values are not allowed here", slip="colon_in_text",
                             slip_line=36, key="reason", written="注意: 交货期超过30天", fix='reason: "注意: 交货期超过30天"'),
     "line 36, column 15: not valid YAML: mapping values are not allowed here; line 36: the text '注意: 交货期超过30天' "
     "holds ': ', which YAML reads as the start of a key; put the text in quotes (reason: \"注意: 交货期超过30天\") or "
     "write the full-width '：'",
     "第 36 行第 15 列：不是有效的 YAML：此处不能出现 ': '；第 36 行：文字 '注意: 交货期超过30天' 中的 ': ' 会被 YAML 当作键的开始；"
     "请给这段文字加上引号（reason: \"注意: 交货期超过30天\"），或改用全角的 '：'"),
    ("rubric.not_yaml", dict(line=2, column=16, detail="expected ',' or '}', but got ':'", slip="comma_missing",
                             slip_line=2, key="name", fix="x, name:"),
     "line 2, column 16: not valid YAML: expected ',' or '}', but got ':'; line 2: a ',' is missing before the key "
     "'name'; write 'x, name:'",
     "第 2 行第 16 列：不是有效的 YAML：应为 ',' 或 '}'，实际为 ':'；第 2 行：键 'name' 前缺少逗号 ','，请写成 'x, name:'"),
    ("rubric.not_yaml", dict(line=46, column=4, detail="expected <block end>, but found '<block mapping start>'",
                             slip="indent", slip_line=46, key="name", key_column=4, other="id", other_line=45,
                             other_column=5),
     "line 46, column 4: not valid YAML: expected <block end>, but found '<block mapping start>'; line 46: the key "
     "'name' starts in column 4, but 'id' on line 45 in column 5: indent the keys of one mapping by the same number "
     "of spaces",
     "第 46 行第 4 列：不是有效的 YAML：缩进与上下文不一致；第 46 行的键 'name' 从第 4 列开始，而第 45 行的 'id' 从第 5 列开始："
     "同一层的键必须用同样多的空格缩进"),
    ("rubric.not_yaml", dict(line=3, column=1, detail="while reading a Unicode string: something new"),
     "line 3, column 1: not valid YAML: while reading a Unicode string: something new",
     "第 3 行第 1 列：不是有效的 YAML：解析器的说明：'while reading a Unicode string: something new'"),
    ("rubric.unknown_key", dict(where="criterion 'x'", key="\xa0max", allowed=("id", "max"), meant="max",
                                odd=("U+00A0",)),
     "criterion 'x': unknown key '\\xa0max': it is 'max' written with U+00A0 (a space or an invisible character YAML "
     "keeps in the key): delete it and write max:",
     "评分项 'x'：未知的键 '\\xa0max'：它是带有 U+00A0（YAML 会保留在键中的空格或不可见字符）的 'max'：请删除该字符，写成 max:"),
    ("rubric.unknown_key", dict(where="criterion 'x'", key="max:20", allowed=("id", "max"), no_space="max: 20"),
     "criterion 'x': unknown key 'max:20' (expected one of: id, max); YAML needs a space after the colon: write "
     "'max: 20'",
     "评分项 'x'：未知的键 'max:20'（应为以下之一：id, max）；冒号后缺少空格：YAML 要求冒号后有空格，请写成 'max: 20'"),
    ("rubric.unknown_choice", dict(where="criterion 'price'", what="price method", found="低价优先法",
                                   choices=("lowest_ratio", "ratio"), meant=("lowest_ratio",)),
     "criterion 'price': unknown price method '低价优先法' (expected one of: lowest_ratio, ratio); for '低价优先法' "
     "write lowest_ratio",
     "评分项 'price'：未知的价格评分方法 '低价优先法'（应为以下之一：lowest_ratio, ratio）；'低价优先法' 应写作 lowest_ratio"),
    ("rubric.unknown_choice", dict(where="criterion 'x'", what="op", found="≤", choices=("<", "<="), meant=("<=",)),
     "criterion 'x': unknown op '≤' (expected one of: <, <=); for '≤' write <=",
     "评分项 'x'：未知的“op” '≤'（应为以下之一：<, <=）；'≤' 应写作 <="),
    ("rubric.missing_key", dict(where="criterion 'price'", key="method", choices=("lowest_ratio", "ratio")),
     "criterion 'price': missing 'method' (one of: lowest_ratio, ratio)",
     "评分项 'price'：缺少 'method'（应为以下之一：lowest_ratio, ratio）"),
])
def test_a_typing_slip_in_a_rubric_is_named_in_both_languages(code, facts, en, zh):
    assert messages.sentence(code, facts, "en", ids=True) == en
    assert messages.sentence(code, facts, "zh") == zh


def test_a_rubric_that_is_not_yaml_in_both_languages():
    from bideval.errors import RubricError
    from bideval.rubric_yaml import parse_rubric

    with pytest.raises(RubricError) as caught:
        parse_rubric("id: x\n  bad: [", "bad.yaml")
    (problem,) = caught.value.problems
    assert str(problem).startswith("bad.yaml: line ") and "not valid YAML" in str(problem)
    assert re.fullmatch(r"bad\.yaml：第 \d+ 行第 \d+ 列：不是有效的 YAML：.+", messages.render(problem, "zh"))


# -- bid documents (bideval/documents.py): one example of every code, said the same way by the command line's
# English (a document names no rubric thing) and the app's; the Chinese may name the file types it accepts.
DOCUMENT_FACTS = {
    "document.active_content": dict(found=("embedded_file", "javascript", "launch")),
    "document.bad_name": dict(why="path", limit=200),
    "document.damaged": dict(kind="pdf", detail="startxref not found"),
    "document.empty": {},
    "document.encrypted": {},
    "document.name_taken": dict(vendor_id=VENDOR),
    "document.no_bid": dict(vendor_id=VENDOR),
    "document.not_what_it_says": dict(declared="pdf", found="zip"),
    "document.too_complex": dict(limit=200_000),
    "document.too_large": dict(size=23 * 1024 * 1024, limit=20 * 1024 * 1024),
    "document.too_many_pixels": dict(width=12000, height=8000, frames=1, limit=40_000_000),
    "document.type_not_allowed": dict(suffix=".docx", allowed=(".pdf", ".png", ".jpg", ".jpeg")),
    "document.unknown": dict(document=9, tender=7),
    "document.which_bid": dict(bids=2),
}
DOCUMENT_SENTENCES = [
    ("document.active_content",
     "the PDF carries active content (embedded or attached files, JavaScript, an action that starts a program), "
     "which could run on a judge's computer; ask the bidder for a plain copy (print it to PDF again)",
     "该 PDF 含有可执行的内容（嵌入或附加的文件、JavaScript 脚本、启动程序的动作），可能在评委的电脑上运行；"
     "请投标人提供不含这些内容的副本（如重新打印为 PDF）"),
    ("document.bad_name",
     "the file name cannot be used: it holds a folder path or a colon (/ \\ :); rename the file and upload it again",
     "文件名不可用：文件名中含有路径或冒号（/ \\ :）；请重命名后重新上传"),
    ("document.damaged",
     "damaged PDF: it cannot be read (startxref not found); ask the bidder to send it again",
     "文件已损坏：无法读取该 PDF 文档；请投标人重新发送"),
    ("document.empty",
     "the file is empty (0 bytes); ask the bidder to send it again",
     "文件是空的（0 字节）；请投标人重新发送"),
    ("document.encrypted",
     "the PDF is encrypted (a password or security settings); ask the bidder for a copy without a password or "
     "restrictions (print it to PDF again)",
     "该 PDF 已加密（设有密码或安全限制）；请投标人提供未加密、无限制的副本（如重新打印为 PDF）"),
    ("document.name_taken",
     f"the bid of {VENDOR} already has a document of this name; remove that one first to replace it",
     f"投标人 {VENDOR} 的投标已有同名附件；如需替换，请先删除原附件"),
    ("document.no_bid",
     f"there is no bid from {VENDOR} to attach it to (removed meanwhile?)",
     f"没有投标人 {VENDOR} 的投标，无法添加附件（可能已被删除）"),
    ("document.not_what_it_says",
     "not a PDF document as its name says (found a zip archive or an Office document (.docx, .xlsx …)); ask the "
     "bidder to send the real file",
     "不是文件名所示的PDF 文档（实际是压缩包或 Word、Excel 文档（如 .docx、.xlsx））；请投标人发送真正的文件"),
    ("document.too_complex",
     "the PDF holds more than 200,000 objects, far more than a proposal needs; ask the bidder for a simpler copy "
     "(print it to PDF again)",
     "该 PDF 含有超过 200000 个对象，远超一般方案所需；请投标人提供简化的副本（如重新打印为 PDF）"),
    ("document.too_large",
     "too large (23 MB): a bid document may be at most 20 MB; ask the bidder for a smaller file (a lower scan "
     "resolution, or split into parts)",
     "文件过大（23 MB）：每个投标附件不超过 20 MB；请投标人提供较小的文件（降低扫描分辨率或拆分）"),
    ("document.too_many_pixels",
     "the image is too large: 12,000 × 8,000 pixels is more than 40 million pixels; ask the bidder for a smaller "
     "image",
     "图片过大：12000 × 8000 像素，超过 4000 万像素；请投标人提供较小的图片"),
    ("document.type_not_allowed",
     "a bid document must be a PDF, PNG or JPEG file (.pdf, .png, .jpg, .jpeg), found .docx",
     "投标附件须为 PDF、PNG 或 JPEG 文件（.pdf、.png、.jpg、.jpeg），实际为 .docx"),
    ("document.unknown",
     "no document 9 in tender 7",
     "招标项目 7 中没有编号为 9 的附件"),
    ("document.which_bid",
     "a document uploaded together with bid workbooks is attached to their bid only when the upload imports "
     "exactly one bid, and this one imported 2; attach it to its bid under 'Imported bids' instead",
     "与投标文件一起上传的附件，只有在本次上传恰好导入一份投标时才附于该投标，本次导入了 2 份；"
     "请在“已导入的投标”中为相应投标添加附件"),
]
# The file types a Chinese sentence about documents names, as a user sees them on their files.
DOCUMENT_ASCII = {"PDF", "PNG", "JPEG", "JavaScript", "Word", "Excel", "pdf", "png", "jpg", "jpeg", "docx", "MB"}


@pytest.mark.parametrize("code, en, zh", DOCUMENT_SENTENCES, ids=[row[0] for row in DOCUMENT_SENTENCES])
def test_each_document_code_in_both_languages(code, en, zh):
    facts = DOCUMENT_FACTS[code]
    assert messages.sentence(code, facts, "en", ids=True) == en
    assert messages.sentence(code, facts, "en") == en
    assert messages.sentence(code, facts, "zh") == zh
    assert not english_words(zh) - DOCUMENT_ASCII, zh
