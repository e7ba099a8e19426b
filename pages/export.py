"""导出 / Export: the evaluation report, the ranked workbook, the result JSON, a judge's blank score sheet,
and the input files' hashes."""
from __future__ import annotations

from io import BytesIO

import pandas as pd
import streamlit as st

import workspace as ws
from bideval import messages
from bideval.analysis import panel_bids
from bideval.errors import BidEvalError
from bideval.export import workbook_sheets, write_workbook
from bideval.labels import with_role
from bideval.report import ReportFontMissing, find_fonts, report_pdf
from bideval.result import Result, none_ranked_yet, result_json_bytes, result_sha256
from bideval.rights import Actor
from bideval.storage import Store
from bideval.tender import DocumentHeading, document_heading
from bideval.workflow import SignOff, filed_status

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
ROLES = {"rubric": ("评分标准", "rubric"), "bids": ("投标文件", "bids"), "panel": ("评委评分", "panel"),
         "document": ("投标附件", "bid document")}


# -- helpers without widgets (tests call them directly)

def ranked_workbook_bytes(result: Result, lang: str, heading: DocumentHeading | None = None) -> bytes:
    """The ranked workbook (formats.md §6) as .xlsx bytes, headed by ``heading``; its Audit sheet names the SHA-256
    of the result JSON in the same language, as the page's JSON download and the report have it."""
    buffer = BytesIO()
    write_workbook(result, buffer, lang, heading, result_sha256=result_sha256(result, lang))
    return buffer.getvalue()


def tender_heading(store: Store, actor: Actor, tender: int, result: Result) -> DocumentHeading:
    """What heads the filed documents: the app's name for the tender, the rubric's number and method, today, and
    the panel's sign-off (final or not, who signed it and when, the chair's findings)."""
    return document_heading(result.rubric, store.tender(actor, tender).name, sign_off=store.sign_off(actor, tender))


class Drawn:
    """What the page showed when drawn: the tender, who looks at it, and the status the download names state
    (:func:`bideval.workflow.filed_status`: final, complete or provisional)."""

    def __init__(self, store: Store, actor: Actor, tender: int, status: str):
        self.store, self.actor, self.tender, self.status = store, actor, tender, status

    def now(self) -> tuple[Result, DocumentHeading]:
        """The result and its heading as the tender is when a download is clicked — a reopen or a changed score may
        have come since the page was drawn — refused (``export.moved_on``) when its status is no longer the one the
        file's name states; refused too when the user may no longer read it (signed out, the role taken)."""
        result = self.store.result_for(self.actor, self.tender)
        heading = tender_heading(self.store, self.actor, self.tender, result)
        status = filed_status(result, heading.sign_off)
        if status != self.status:
            raise BidEvalError.coded("export.moved_on", tender=self.tender, drawn=self.status, now=status)
        return result, heading

    def workbook(self, lang: str) -> bytes:
        result, heading = self.now()
        return ranked_workbook_bytes(result, lang, heading)

    def report(self, lang: str) -> bytes:
        result, heading = self.now()
        return report_pdf(result, lang, heading)

    def json(self, lang: str) -> bytes:
        return result_json_bytes(self.now()[0], lang)  # orjson's bytes as they are: no str round trip


# -- the page

def show_status(result: Result, sign_off: SignOff) -> None:
    tr = ws.tr
    if not result.ranking and not result.invalid:
        st.info(tr("本项目还没有投标：导出的文件中只有评分标准。请先在“投标文件”页面导入投标。",
                   "This tender has no bids yet: the exports hold only the rubric. Import bids on the Bids page."))
    elif not result.ranking and none_ranked_yet(result) is None:
        st.error(tr("没有有效投标：本次招标失败（废标），排名表中只列出无效投标及其原因。",
                    "No valid bid: the tender has failed; the workbook lists only the invalid bids and why."))
    else:  # as the Results page says it; the exports' status cell and file names say the same
        ws.show_status(result, sign_off, tr("。导出文件标注为临时结果；组长须待评分完整后才能定标。",
                                            ". The exports are marked provisional; the chair cannot finalise a "
                                            "provisional result until it is complete."))
        waiting = none_ranked_yet(result)
        if waiting is not None:  # no bid ranked while the panel has yet to score those below a pass mark
            st.warning(waiting.text(ws.lang()))
    counts = st.columns(3)
    counts[0].metric(tr("有效投标", "Valid bids"), len(result.ranking))
    counts[1].metric(tr("无效投标", "Invalid bids"), len(result.invalid))
    counts[2].metric(tr("评委", "Judges"), len(result.judges))


@st.cache_data(show_spinner=False)
def font_problem(lang: str) -> str | None:
    """Why the report cannot be set on this machine (its font is missing), in ``lang``, or None."""
    try:
        find_fonts()
    except ReportFontMissing as missing:
        return "\n\n".join(messages.error_lines(missing, lang))
    return None


def show_report(drawn: Drawn) -> None:
    tr, lang = ws.tr, ws.lang()
    st.subheader(tr("评标报告（PDF）", "Evaluation report (PDF)"))
    st.markdown(tr("供评标委员会全体成员签字的书面报告：项目、评分标准及其指纹、评委、无效投标及原因、排名与报价、分项得分、"
                   "标记、推荐中标候选人、每位评委一行签字栏；每页有页码和结果 JSON 的 SHA-256。",
                   "The written report every panel member signs: the tender, the rubric and its fingerprint, the "
                   "panel, invalid bids and why, the ranking beside the prices, group subtotals, flags, the "
                   "recommended candidates and a signature line per judge; every page carries its number and the "
                   "result JSON's SHA-256."))
    problem = font_problem(lang)
    if problem:
        st.error(tr("本机缺少评标报告所用的中文字体，无法生成报告：", "The report's Chinese font is missing on this "
                                                                "machine, so the report cannot be made: ") + problem)
    st.download_button(tr("下载评标报告（PDF）", "Download the evaluation report (PDF)"),
                       data=lambda: drawn.report(lang),
                       file_name=ws.download_name("report", "pdf", drawn.status, lang), mime=PDF,
                       key="export_report", icon=":material/picture_as_pdf:", on_click="ignore",
                       disabled=problem is not None,
                       help=tr("本机缺少中文字体，见上方说明。", "The Chinese font is missing: see above.") if problem else None)


def show_downloads(drawn: Drawn, result: Result) -> None:
    tr, lang = ws.tr, ws.lang()
    st.subheader(tr("排名表（Excel）", "Ranked workbook (Excel)"))
    sheets = workbook_sheets(result)
    st.markdown(tr(f"工作表：{'、'.join(sheets)}。总分和小计是 Excel 公式，并带有计算值。",
                   f"Sheets: {', '.join(sheets)}. Totals and subtotals are Excel formulas that also carry their "
                   "computed values."))
    zh, en = st.columns(2)
    zh.download_button(tr("下载排名表（中文）", "Download the workbook in Chinese"),
                       data=lambda: drawn.workbook("zh"),
                       file_name=ws.download_name("ranked", "xlsx", drawn.status, "zh"), mime=XLSX,
                       key="export_workbook_zh", icon=":material/download:", on_click="ignore", width="stretch")
    en.download_button(tr("下载排名表（英文）", "Download the workbook in English"),
                       data=lambda: drawn.workbook("en"),
                       file_name=ws.download_name("ranked", "xlsx", drawn.status, "en"), mime=XLSX,
                       key="export_workbook_en", icon=":material/download:", on_click="ignore", width="stretch")

    st.subheader(tr("结果 JSON", "Result JSON"))
    st.markdown(tr("与命令行 `python -m bideval evaluate --json` 写出的文件相同（README“命令行”一节）；无效原因使用当前界面语言。",
                   "The same file as the command line's `python -m bideval evaluate --json` writes (README, Command "
                   "line); invalid-bid reasons in the current UI language."))
    st.download_button(tr("下载结果 JSON", "Download the result JSON"),
                       data=lambda: drawn.json(lang),
                       file_name=ws.download_name("result", "json", drawn.status, lang), mime="application/json",
                       key="export_json", icon=":material/data_object:", on_click="ignore")


def show_score_sheet(store: Store, result: Result, tender: int, status: str) -> None:
    tr, lang = ws.tr, ws.lang()
    st.subheader(tr("评委空白评分表", "A judge's blank score sheet"))
    if not result.rubric.panel_criteria:
        st.info(tr("该评分标准没有评委评分项。", "This rubric has no criteria the panel scores."))
        return
    st.markdown(tr("该评委应评的每个有效投标（不含其声明回避的投标人）和每个评委评分项一行；已定档的显示档次及分数范围，"
                   "得分单元格带范围校验。评委填好交回后，在“定档”页面的“导入评委交回的评分表”中导入。",
                   "One row per panel criterion and valid bid the judge scores (none they declared a conflict of "
                   "interest with); the agreed tier and its range are shown and the score cells are validated to the "
                   "range. When the judge returns it filled, import it on the Tiers page, under importing a judge's returned "
                   "score sheet."))
    actor = ws.actor()  # now: the download's data is made after this run, where no user is signed in
    roles = store.panel_roles(actor, tender)  # the seats in order, each named with its role as the report names it
    judges = list(roles)
    pick, typed = st.columns(2)
    chosen = pick.selectbox(tr("评委", "Judge"), judges, key="export_judge", index=0 if judges else None,
                            format_func=lambda judge: with_role(judge, roles[judge]),
                            placeholder=tr("尚无评委", "No judges yet"), disabled=not judges,
                            help=None if judges else tr("本项目还没有评委：请在右侧输入评委姓名，或在“定档”页面加入评委。",
                                                         "This tender has no judges yet: type a name on the right, or "
                                                         "add judges on the Tiers page."))
    other = typed.text_input(tr("或输入评委姓名", "Or type a judge's name"), key="export_judge_typed",
                             max_chars=100).strip()
    judge = other or chosen or ""
    if not panel_bids(result):  # the ranked bids and those below a pass mark the panel has yet to settle
        st.info(tr("没有有效投标，无需评分表。", "No valid bid: there is nothing to score."))
        return
    st.download_button(tr(f"下载 {ws.markdown_text(judge)} 的评分表",
                          f"Download the score sheet for {ws.markdown_text(judge)}") if judge
                       else tr("下载评分表", "Download the score sheet"),
                       data=lambda: store.score_sheet(actor, tender, judge, lang),
                       file_name=ws.download_name("scoresheet", "xlsx", status, judge), mime=XLSX,
                       key="export_score_sheet", icon=":material/download:", on_click="ignore", disabled=not judge,
                       help=None if judge else tr("先选择或输入评委姓名。", "Choose or type a judge's name first."))
    if not judge:
        st.caption(tr("先选择或输入评委姓名。", "Choose or type a judge's name first."))


def show_inputs(result: Result) -> None:
    tr, lang = ws.tr, ws.lang()
    st.subheader(tr("输入文件", "Input files"))
    st.caption(tr("本次评审所用的文件及其 SHA-256，可据此核对归档文件未被改动。",
                  "The files this evaluation used, with their SHA-256, to check that filed copies are unchanged."))
    if not result.inputs:
        st.info(tr("没有输入文件。", "No input files."))
        return
    st.dataframe(pd.DataFrame([{
        tr("类型", "Role"): ROLES.get(f.role, (f.role, f.role))[0 if lang == "zh" else 1],
        tr("文件", "File"): f.path, "SHA-256": f.sha256,
    } for f in result.inputs]), hide_index=True, width="stretch", key="export_inputs")


def main() -> None:
    ws.enter_page("export")
    tender = ws.require_tender()
    store = ws.store()
    result = ws.result()
    st.title(ws.tr("导出", "Export"))
    st.caption(f"{result.rubric.title.text(ws.lang())} · `{result.rubric.id}`")
    sign_off = store.sign_off(ws.actor(), tender)
    show_status(result, sign_off)
    heading = document_heading(result.rubric, store.tender(ws.actor(), tender).name, sign_off=sign_off)
    # Each download is made at its click from the tender as it is then (Drawn.now), never from what the page drew.
    drawn = Drawn(store, ws.actor(), tender, filed_status(result, heading.sign_off))
    show_report(drawn)
    show_downloads(drawn, result)
    st.divider()
    show_score_sheet(store, result, tender, drawn.status)
    st.divider()
    show_inputs(result)


if __name__ == "__main__":
    main()
