"""The evaluation report (评标报告): what every member of the panel signs at the end of an evaluation.

Order 87 ends an evaluation with a written report that every panel member
signs. :func:`write_report` writes it as a PDF in Chinese or English: the
tender, the rubric with its rules in words and its fingerprint, the panel,
the invalid bids and why, the ranking beside quoted and evaluated price, the
group subtotals, the flags with the chair's findings, the recommended
candidates, and one signature line per panel member. Every page carries its
number and the SHA-256 of the result JSON (the bytes
:func:`bideval.result.result_json` writes in the same language), so a signed
paper copy can be matched to the result it reports.

The text is set in Noto Sans CJK SC (Debian's ``fonts-noto-cjk``), which
holds Chinese and Latin alike; :func:`find_fonts` says clearly when it is
missing.
"""
from __future__ import annotations

import copy
import datetime
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Sequence

from fpdf import FPDF, FontFace
from fpdf.enums import MethodReturnValue, TableCellFillMode, WrapMode, XPos, YPos
from fpdf.fonts import SubsetMap, TTFFont
from fontTools import ttLib  # type: ignore[import-untyped]

from . import __version__
from .currency import currency, money_amount
from .errors import BidEvalError
from .labels import Label, check_lang
from .result import (ABNORMAL_LOW, FINAL, FLAG_LABELS, INCOMPLETE, Result, Standing, flag_label, none_ranked_yet,
                     provisional_label,
                     result_sha256)
from .rubric_view import aggregate_text, rubric_rows
from .tender import DocumentHeading, date_text, document_heading
from .values import money_text, plain_number, round_half_up
from .rubric import Aggregate
from .summary import JUDGES_SHOWN
from .workflow import COMPLETE, FindingKind, Flag, ScoresOwed, SignOff, filed_status, scores_owed

FONT_FAMILY = "Noto Sans CJK SC"
FONT_PACKAGE = "fonts-noto-cjk"
FONT_VARIABLE = "BIDEVAL_CJK_FONT"  # a font file to use instead (any TrueType/OpenType font with Chinese)
_KNOWN_FONT_DIRS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/noto-cjk"),
                    Path("/usr/share/fonts/google-noto-cjk"), Path("/usr/local/share/fonts"))
_KNOWN_FONT_FILES = {"": ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf"),
                     "B": ("NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold.otf")}

_MARGIN = 15  # mm
_WIDTH = 180  # mm: A4's 210 less the margins
_FOOTER_ROOM = 22  # mm kept free at the bottom of each page for the footer
_HEADER_FILL = (217, 225, 242)
_NOTE = (89, 89, 89)
_RED = (192, 0, 0)
_BODY = 9
_TABLE = 8.5
_LINE = 4.2  # mm: a table's line height
_CELL_PADDING = (1.2, 1.5)  # mm: above and below, left and right of a table cell's text
MAX_CELL_LINES = 20  # a table cell's text at most (a portrait page holds about 60 lines of a table)
_SMALL = 8

_T = {
    "title": Label("评标报告", "Evaluation report"),
    "tender": Label("项目名称", "Tender"),
    "tender_number": Label("项目编号", "Tender number"),
    "procurement_method": Label("评标方法", "Procurement method"),
    "date": Label("评标日期", "Date"),
    "rubric": Label("评分标准", "Rubric"),
    "rubric_sha": Label("评分标准 SHA-256", "Rubric SHA-256"),
    "result_sha": Label("结果 SHA-256", "Result SHA-256"),
    "status": Label("结果状态", "Status"),
    FINAL: Label("最终结果：全体评委已完成全部有效投标的评分", "Final: every judge has scored every valid bid"),
    COMPLETE: Label("评分完整：全体评委已完成全部有效投标的评分", "Scores complete: every judge has scored every valid bid"),
    "bids": Label("投标情况", "Bids"),
    "bid_counts": Label("有效投标 {valid} 家，无效投标 {invalid} 家", "{valid} valid, {invalid} invalid"),
    "none": Label("无", "None"),
    "dash": Label("—", "—"),
    "sections": Label("一二三四五六七八", "12345678"),
    "s_rubric": Label("评分标准", "The rubric"),
    "s_panel": Label("评标委员会", "The panel"),
    "s_invalid": Label("无效投标", "Invalid bids"),
    "s_ranking": Label("评审结果与排名", "Ranking"),
    "s_groups": Label("分项得分", "Group subtotals"),
    "s_findings": Label("标记与组长意见", "Flags and the chair's findings"),
    "s_candidates": Label("推荐中标候选人", "Recommended candidates"),
    "s_signatures": Label("评标委员会成员签字", "Signatures of the panel"),
    "criterion": Label("评分项（编号）", "Criterion (ID)"),
    "group": Label("类别", "Group"),
    "kind": Label("方式", "Kind"),
    "max": Label("分值", "Max"),
    "rule": Label("评分规则", "Rule"),
    "max_total": Label("满分 {total} 分；得分保留 {decimals} 位小数，四舍五入；推荐中标候选人 {candidates} 名。",
                       "Maximum total {total}; scores rounded half-up to {decimals} decimals; "
                       "{candidates} recommended candidates."),
    "total_places": Label("小计和总分保留 {places} 位小数（各评分项中小数位数最多者）。",
                          "Subtotals and totals keep {places} decimals (the most any criterion has)."),
    "judges": Label("评委 {count} 名：", "{count} judges: "),
    "inputs": Label("输入文件", "Input files"),
    "role": Label("类型", "Role"),
    "file": Label("路径", "Path"),
    "no_judges": Label("尚无评委名单。", "No panel members are on record."),
    "recused": Label("回避（声明有利害关系，不对该投标人打分）：", "Recused (a declared conflict of interest; no score for "
                                                              "that bidder): "),
    "agreed": Label("合议得分（组长录入，代替评委平均分）：", "Agreed scores (entered by the chair, counted instead of the "
                                                        "judges' mean): "),
    "agreed_criterion": Label("评分项", "Criterion"),
    "agreed_score": Label("合议得分", "Agreed score"),
    "agreed_reason": Label("合议理由", "Reason for the agreed score"),
    "no": Label("序号", "No."),
    "vendor": Label("投标人（统一社会信用代码）", "Vendor (unified social credit code)"),
    "reasons": Label("无效原因", "Reasons"),
    "no_invalid": Label("无无效投标。", "There are no invalid bids."),
    "rank": Label("排名", "Rank"),
    "quoted": Label("投标报价（元）", "Quoted price (yuan)"),
    "evaluated": Label("评审价格（元）", "Evaluated price (yuan)"),
    "total": Label("总分", "Total"),
    "flags": Label("标记", "Flags"),
    "no_valid_bid": Label("无有效投标，本次招标失败（废标）。", "No valid bid: the tender has failed."),
    "ranking_note": Label("总分相同的，按投标报价由低到高排序；得分且投标报价均相同的并列。",
                          "Equal totals are ordered by quoted price, lowest first; equal totals with equal "
                          "quoted prices share a rank."),
    "flag": Label("标记", "Flag"),
    "detail": Label("情况", "Detail"),
    "finding": Label("组长意见", "Chair's finding"),
    "no_findings": Label("无标记。", "Nothing was flagged."),
    "outlier": Label("评分畸高畸低", "Outlying score"),
    "outlier_detail": Label("{judge}：{criterion} {score} 分（评委平均 {mean} 分）",
                            "{judge}: {criterion} {score} (panel mean {mean})"),
    "abnormal_detail": Label("评审价格 {price}，低于有效投标平均评审价格 {mean}的 {share}%",
                             "Evaluated price {price}, below {share}% of the mean {mean} of the valid bids"),
    "incomplete_detail": Label("尚缺评委评分", "Panel scores are missing"),
    "nobody_may_score": Label("全体评委均已回避此投标，须增补可评此投标的评委",
                              "Every judge is recused from this bid: seat a judge who may score it"),
    "owed_detail": Label("{judge}：{criteria}（{count} 项）", "{judge}: {criteria} ({count} missing)"),
    "owed_more": Label("另有 {count} 位评委", "{count} more judges"),
    "owed_stands_in": Label("暂按已有评分的平均分计", "the mean of the scores present stands in"),
    "owed_stands_in_as": Label("暂按已有评分计（{aggregate}）", "the scores present stand in ({aggregate})"),
    "agreed_detail": Label("尚缺合议分，暂按评委平均分", "The agreed score is not entered; the judges' mean stands in"),
    "candidate_no": Label("候选顺序", "Order"),
    "candidates_tied": Label("得分且投标报价相同的投标人跨越候选人名额，均列为推荐中标候选人。",
                             "Bids sharing a rank straddle the cut: all of them are recommended."),
    "no_candidates": Label("无推荐中标候选人。", "No candidate can be recommended."),
    "judge": Label("评委", "Judge"),
    "cut": Label("…（全文共 {length:,} 字，见结果 JSON）", "… ({length:,} characters in all: see the result JSON)"),
    "signature": Label("签字", "Signature"),
    "sign_date": Label("日期", "Date"),
    "sign_note": Label("评标委员会成员对评审结果有异议的，应在报告上签署不同意见并说明理由；拒绝签字又不书面说明理由的，视为同意评审结果。",
                       "A member who disagrees with the result states the dissent and the reasons on this report; "
                       "a member who neither signs nor states reasons in writing is deemed to agree."),
    "page": Label("第 {page} 页 / 共 {pages} 页", "Page {page} of {pages}"),
    "made_by": Label("bid-eval {version} 生成", "Made by bid-eval {version}"),
}
# What issue 7 added to a rubric, as the report states it: stages, the price benchmark, scaled and weighted groups.
_T.update({
    "stage_failures": Label("未通过阶段评审（低于及格分，不参加后续评审、价格评审和排名）",
                            "Out after a stage (below a pass mark: no part in the later groups, the price evaluation "
                            "or the ranking)"),
    "stage": Label("阶段", "Stage"),
    "mark": Label("得分", "Mark"),
    "pass_mark": Label("及格分", "Pass mark"),
    "criterion_name": Label("评分项", "Criterion"),
    "deviation": Label("偏差率 d", "Deviation d"),
    "quoted_in": Label("投标报价（{unit}）", "Quoted price ({unit})"),  # the rubric's currency: 元, 美元 …
    "evaluated_in": Label("评审价格（{unit}）", "Evaluated price ({unit})"),
    "benchmark": Label("评标基准价：{text}", "Price benchmark: {text}"),
    "group_max": Label("满分 {max}", "max {max}"),
    "group_scaled": Label("折算至 {points}", "scaled to {points}"),
    "group_weighted": Label("× {weight} → {max}", "× {weight} → {max}"),
    "step_raw": Label("原始 {value}", "raw {value}"),
    "step_summed": Label("各项之和 {value}", "sum {value}"),  # a group holding a criterion scaled to the best
    "step_scaled": Label("折算 {value}", "scaled {value}"),
    "step_weighted": Label("加权 {value}", "weighted {value}"),
    "groups_note": Label("折算得分 = 折算分值 × 原始得分 / 最高原始得分；加权得分 = 权重 × 得分；各步四舍五入；"
                         "总分为加权得分之和。",
                         "Scaled = points × raw / best raw; weighted = weight × subtotal; each step rounded half-up; "
                         "the total is the sum of the weighted parts."),
})
_BLANK_SIGNATURE_ROWS = 5  # signature lines when no panel member is on record
_SIGNATURE_ROW = 13  # mm: room to sign
_PAGE_ROOM = 297 - 16 - _FOOTER_ROOM  # mm a page holds below its header


class ReportFontMissing(BidEvalError):
    """The Chinese font the report is set in is not installed."""

    def __init__(self, looked_in: str, paths: tuple[str, ...] = ()):
        from .messages import sentence

        self.looked_in = looked_in
        self.code = "report.font_missing"
        self.data = {"font": FONT_FAMILY, "package": FONT_PACKAGE, "variable": FONT_VARIABLE, "looked_in": looked_in,
                     "paths": paths}
        super().__init__(sentence(self.code, self.data, "en", ids=True))


@dataclass(frozen=True)
class FontFile:
    """One face of a font file: a file of a collection (.ttc) holds several, numbered from 0."""

    path: Path
    index: int = 0


def find_fonts(fc_match: str | None = "fc-match", dirs: Sequence[Path] = _KNOWN_FONT_DIRS) -> dict[str, FontFile]:
    """The regular (``""``) and bold (``"B"``) faces of Noto Sans CJK SC.

    ``$BIDEVAL_CJK_FONT`` wins (one file for both); then fontconfig's
    ``fc-match``; then the files Debian and other systems install in ``dirs``.
    A missing bold face falls back to the regular one.
    """
    chosen = os.environ.get(FONT_VARIABLE, "").strip()
    if chosen:
        if not Path(chosen).is_file():
            raise ReportFontMissing(f"{FONT_VARIABLE}={chosen} is not a file", (str(chosen),))
        return {"": FontFile(Path(chosen)), "B": FontFile(Path(chosen))}
    found: dict[str, FontFile] = {}
    for style, weight in (("", "Regular"), ("B", "Bold")):
        face = _fc_match(fc_match, f"{FONT_FAMILY}:style={weight}") or _known_face(dirs, _KNOWN_FONT_FILES[style])
        if face is not None:
            found[style] = face
    if "" not in found:
        raise ReportFontMissing(f"fc-match found no {FONT_FAMILY}; not in {', '.join(map(str, dirs))}",
                                tuple(map(str, dirs)))
    found.setdefault("B", found[""])
    return found


def find_fallback_fonts(fc_match: str | None = "fc-match") -> dict[str, FontFile]:
    """The regular and bold faces of DejaVu Sans, when installed: the letters Noto Sans CJK SC lacks (Ł, ś, ş, Greek
    with accents, Serbian Cyrillic, ₹) are set in it. None installed: none (such letters are then marked)."""
    found: dict[str, FontFile] = {}
    for style, weight, name in (("", "Book", "DejaVuSans.ttf"), ("B", "Bold", "DejaVuSans-Bold.ttf")):
        face = _fc_match(fc_match, f"{FALLBACK_FAMILY}:style={weight}", FALLBACK_FAMILY)
        known = _FALLBACK_DIR / name
        face = face or (FontFile(known) if known.is_file() else None)
        if face is not None:
            found[style] = face
    if "" in found:
        found.setdefault("B", found[""])
        return found
    return {}


FALLBACK_FAMILY = "DejaVu Sans"
_FALLBACK_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core


def _fc_match(program: str | None, pattern: str, family: str = FONT_FAMILY) -> FontFile | None:
    """The face fontconfig picks for ``pattern``, when it really is the family asked for (not a stand-in)."""
    if program is None or shutil.which(program) is None:
        return None
    try:
        done = subprocess.run([program, "-f", "%{file}\n%{index}\n%{family}", pattern], capture_output=True,
                              text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    lines = done.stdout.split("\n")
    if done.returncode != 0 or len(lines) < 3 or family not in lines[2].split(","):
        return None
    path = Path(lines[0])
    return FontFile(path, int(lines[1]) if lines[1].isdigit() else 0) if path.is_file() else None


def _known_face(dirs: Sequence[Path], names: Sequence[str]) -> FontFile | None:
    """The Simplified Chinese face of the first known font file that exists."""
    from fontTools.ttLib import TTCollection, TTFont  # type: ignore[import-untyped]

    for folder in dirs:
        for name in names:
            path = folder / name
            if not path.is_file():
                continue
            if path.suffix.lower() != ".ttc":
                return FontFile(path)
            collection = TTCollection(str(path), lazy=True)
            for index, face in enumerate(collection.fonts):
                if isinstance(face, TTFont) and face["name"].getDebugName(1) == FONT_FAMILY:
                    return FontFile(path, index)
    return None


# --------------------------------------------------------------------------- the report

@dataclass(frozen=True)
class Finding:
    """One row under "flags and the chair's findings": who was flagged, for what, and what the chair found."""

    vendor_id: str
    flag: str
    detail: str
    finding: str = ""  # the chair's recorded finding; blank when none is on record (written by hand on paper)


def findings(result: Result, lang: str, sign_off: SignOff | None = None) -> list[Finding]:
    """What the chair must look at, in the report's language: bid flags, then outlying judges' scores, each with
    the chair's finding from ``sign_off``; then any finding whose flag the result no longer raises (a bid
    completed after the chair wrote about it), so nothing the chair recorded is left out."""
    rows: list[Finding] = []
    used: set[Flag] = set()

    def said(kind: FindingKind, vendor_id: str, criterion: str = "", judge: str = "") -> str:
        found = sign_off.on(kind, vendor_id, criterion, judge) if sign_off else None
        if found is None or sign_off is None:
            return ""
        used.add(found.flag)
        return sign_off.finding_text(found, lang)

    price = result.rubric.price_criterion
    owed = scores_owed(result)
    for s in result.ranking:
        for flag in s.flags:
            kind = next((k for k in FindingKind if k.value == flag), None)
            rows.append(Finding(s.vendor_id, flag_label(s, flag).text(lang),
                                _flag_detail(result, s, flag, lang, price.abnormal_low_share if price else None,
                                             owed),
                                said(kind, s.vendor_id) if kind else ""))
    for bid in result.unsettled_stages:  # out on the scores so far, a judge's still missing: who owes it which
        seated = [j for j in result.judges if (j, bid.vendor_id) not in result.recused]
        detail = (_owed_detail(result, bid.vendor_id, owed, lang) if seated
                  else _T["nobody_may_score"].text(lang) if result.judges else "")
        if detail:  # under consensus with every judge's score in, the agreed score is owed: the status says so
            rows.append(Finding(bid.vendor_id, FLAG_LABELS[INCOMPLETE].text(lang), detail,
                                said(FindingKind.INCOMPLETE, bid.vendor_id)))
    for o in result.outliers:
        criterion = result.rubric.criterion_index.get(o.criterion)
        rows.append(Finding(o.vendor_id, _T["outlier"].text(lang), _T["outlier_detail"].text(lang).format(
            judge=o.judge, criterion=criterion.name.text(lang) if criterion else o.criterion,
            score=plain_number(o.score), mean=result.panel_mean_text(o)),
            said(FindingKind.OUTLIER, o.vendor_id, o.criterion, o.judge)))
    for f in sign_off.findings if sign_off else ():
        if f.flag not in used and sign_off is not None:
            label = _T["outlier"] if f.flag.kind is FindingKind.OUTLIER else flag_label(
                result.standing(f.flag.vendor_id), f.flag.kind.value)
            detail = " / ".join(x for x in (f.flag.criterion, f.flag.judge) if x)
            rows.append(Finding(f.flag.vendor_id, label.text(lang), detail, sign_off.finding_text(f, lang)))
    return rows


@dataclass(frozen=True)
class Agreed:
    """One agreed (consensus) score as the report lists it: the bid, the criterion, the score and its reason."""

    vendor_id: str
    criterion: str
    score: str
    reason: str  # with who entered it, as a finding is quoted


def agreed_scores(result: Result, lang: str, sign_off: SignOff | None) -> list[Agreed]:
    """The agreed scores on record for the ranked bids, in rank and rubric order, then for the bids out after a stage
    (the agreed scores that put them out), each with the reason the chair entered (``panel.aggregate: consensus``;
    none without a panel session): the scores the workbook's Panel sheet shows with their reasons."""
    rows: list[Agreed] = []
    if sign_off is None:
        return rows
    scored = [s.vendor_id for s in result.ranking] + [b.vendor_id for b in result.invalid if b.stage is not None]
    for vendor_id in scored:
        for c in result.rubric.panel_criteria:
            agreed = sign_off.agreed_on(vendor_id, c.id)
            if agreed is not None:
                rows.append(Agreed(vendor_id, c.name.text(lang), plain_number(agreed.score),
                                   sign_off.agreed_reason(vendor_id, c.id, lang)))
    return rows


def _flag_detail(result: Result, s: Standing, flag: str, lang: str, share: Decimal | None,
                 owed: Sequence[ScoresOwed] = ()) -> str:
    if flag == ABNORMAL_LOW and result.price_mean is not None and share is not None:
        code = result.rubric.currency  # in the tender's currency, as the tables' headers and the reasons
        return _T["abnormal_detail"].text(lang).format(price=money_amount(s.evaluated_price, code, lang),
                                                       mean=money_amount(result.price_mean, code, lang),
                                                       share=plain_number(share * 100))
    if flag == INCOMPLETE:
        if s.awaiting_agreed:
            return _T["agreed_detail"].text(lang)
        return _owed_detail(result, s.vendor_id, owed, lang) or _T["incomplete_detail"].text(lang)
    return ""


def _owed_detail(result: Result, vendor_id: str, owed: Sequence[ScoresOwed], lang: str) -> str:
    """Who has not scored this bid, on which criteria and how many (:func:`~bideval.workflow.scores_owed`), five
    judges at most and the rest counted, and what stands in meanwhile; empty when nobody owes it a score."""
    names = {c.id: c.name.text(lang) for c in result.rubric.criteria}
    lines = []
    for judge in owed:
        criteria = [names.get(c, c) for vendor, c in judge.missing if vendor == vendor_id]
        if criteria:
            lines.append(_T["owed_detail"].text(lang).format(judge=judge.judge, count=len(criteria),
                                                             criteria=("、" if lang == "zh" else ", ").join(criteria)))
    if not lines:
        return ""
    shown = lines[:JUDGES_SHOWN] + ([_T["owed_more"].text(lang).format(count=len(lines) - JUDGES_SHOWN)]
                                    if len(lines) > JUDGES_SHOWN else [])
    panel = result.rubric.panel
    stands_in = (_T["owed_stands_in"].text(lang) if panel.aggregate is Aggregate.MEAN else
                 _T["owed_stands_in_as"].text(lang).format(aggregate=aggregate_text(panel, lang)))
    return ("；" if lang == "zh" else "; ").join(shown + [stands_in])


def report_pdf(result: Result, lang: str = "zh", heading: DocumentHeading | None = None,
               fonts: dict[str, FontFile] | None = None, fallback: dict[str, FontFile] | None = None) -> bytes:
    """The evaluation report as PDF bytes; the same inputs on the same date give the same bytes.

    A letter neither the report's font nor its fallback (:func:`find_fallback_fonts`) can show is printed as its
    code point, ``[U+1F600]``: a name is never printed with a letter silently left out."""
    check_lang(lang)
    fonts = fonts or find_fonts()
    heading = heading or document_heading(result.rubric)
    pdf = _ReportPdf(result, lang, heading, result_sha256(result, lang))
    for style, face in fonts.items():
        _add_face(pdf, "cjk", style, face)
    fallback = find_fallback_fonts() if fallback is None else fallback
    for style, face in fallback.items():
        _add_face(pdf, "fallback", style, face)
    if fallback:
        pdf.set_fallback_fonts(["fallback"], exact_match=False)
    _Report(pdf, result, lang, heading).write()
    return bytes(pdf.output())


_PARSED: dict[tuple[Path, int, str, int, int], TTFFont] = {}  # a face as fpdf2 parsed it, once per process


def _add_face(pdf: FPDF, family: str, style: str, face: FontFile) -> None:
    """``pdf.add_font``, with the face's character map and widths read once per process, not once per report (about
    a second for Noto Sans CJK's 65,000 glyphs). Each report gets its own copy: its own subset of the letters it
    uses, and its own handle on the font file, which fpdf2 cuts down to that subset when it writes the PDF."""
    stat = face.path.stat()
    key = (face.path, face.index, style, stat.st_mtime_ns, stat.st_size)  # a font file replaced is read again
    parsed = _PARSED.get(key)
    if parsed is None:
        scratch = FPDF()
        scratch.add_font(family, style, str(face.path), collection_font_number=face.index)
        made = scratch.fonts[f"{family.lower()}{style}"]
        if not isinstance(made, TTFFont) or made.color_font is not None:  # a colour font keeps its document
            pdf.add_font(family, style, str(face.path), collection_font_number=face.index)
            return
        parsed = _PARSED[key] = made
    font = copy.copy(parsed)  # the character map, widths and glyph ids shared: fpdf2 only reads them once made
    font.i = len(pdf.fonts) + 1
    font.fontkey = f"{family.lower()}{style}"
    font.ttfont = ttLib.TTFont(str(face.path), recalcTimestamp=False, fontNumber=face.index, lazy=True)
    font.subset = SubsetMap(font)
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    pdf.fonts[font.fontkey] = font
    if font.is_cff and font.is_cid_keyed:
        pdf._set_min_pdf_version("1.6")  # what add_font does for such a face (Noto Sans CJK's OpenType files)


def write_report(result: Result, out: os.PathLike[str] | str | IO[bytes], lang: str = "zh",
                 heading: DocumentHeading | None = None) -> None:
    """Write the evaluation report (PDF) to a path or a binary stream."""
    data = report_pdf(result, lang, heading)
    if isinstance(out, (str, os.PathLike)):
        Path(out).write_bytes(data)
    else:
        out.write(data)


_WHOLE_LABEL = 12  # characters: a Chinese text up to this long is a label kept on one line (扣分项（从小计扣除）)


def _words(text: str) -> list[str]:
    """What a table cell must not break: each word between spaces, except a Chinese text longer than a label,
    which breaks between any two characters (each of its characters then counts).

    >>> _words("Deviation d"), _words("扣分项（从小计扣除）"), _words("成都天府联信客服外包有限公司")[:3]
    (['Deviation', 'd'], ['扣分项（从小计扣除）'], ['成', '都', '天'])
    """
    out: list[str] = []
    for word in text.split():
        chinese = any(ord(c) >= 0x2E80 for c in word)
        out.extend(list(word) if chinese and len(word) > _WHOLE_LABEL else [word])
    return out


class _ReportPdf(FPDF):
    """A4 portrait pages with the tender in the page header and page n of N and the result's SHA-256 below."""

    def __init__(self, result: Result, lang: str, heading: DocumentHeading, sha256: str):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.lang = lang
        self.doc_heading = heading
        self.sha256 = sha256
        self.set_margins(_MARGIN, 16, _MARGIN)
        self.set_auto_page_break(True, _FOOTER_ROOM)
        # A fixed creation date (the report's date) keeps the bytes the same for the same inputs.
        self.set_creation_date(datetime.datetime.combine(heading.date, datetime.time(), datetime.timezone.utc))
        self.set_title(f"{_T['title'].text(lang)} — {heading.name.text(lang)}")
        self.set_author("bid-eval")
        self.set_creator(f"bid-eval {__version__}")
        self.set_lang("zh-CN" if lang == "zh" else "en")
        self.alias_nb_pages("{pages}")
        self._glyphs: tuple[int, frozenset[int]] | None = None  # (fonts added, the code points they show)

    def normalize_text(self, text: str) -> str:
        """Every letter no font of the report can show written as its code point, never dropped."""
        shown = self._shown()
        if all(ord(c) in shown or c.isspace() for c in text):
            return super().normalize_text(text)
        return super().normalize_text("".join(c if ord(c) in shown or c.isspace() else f"[U+{ord(c):04X}]"
                                              for c in text))

    def _shown(self) -> frozenset[int]:
        """The code points the report's fonts (its own and the fallback) have glyphs for."""
        if self._glyphs is None or len(self.fonts) != self._glyphs[0]:
            covered: set[int] = set()
            for font in self.fonts.values():
                covered.update(getattr(font, "cmap", ()) or ())
            self._glyphs = (len(self.fonts), frozenset(covered))
        return self._glyphs[1]

    def header(self) -> None:
        self.set_font("cjk", "", 7.5)
        self.set_text_color(*_NOTE)
        self.set_y(8)
        name = self.doc_heading.name.text(self.lang)
        number = f"  {self.doc_heading.number}" if self.doc_heading.number else ""
        self.cell(_WIDTH * 0.75, 4, _clip(self, name + number, _WIDTH * 0.75), align="L")
        self.cell(_WIDTH * 0.25, 4, _T["title"].text(self.lang), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*_HEADER_FILL)
        self.line(_MARGIN, 12.5, _MARGIN + _WIDTH, 12.5)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-16)
        self.set_draw_color(*_HEADER_FILL)
        self.line(_MARGIN, self.get_y(), _MARGIN + _WIDTH, self.get_y())
        self.set_font("cjk", "", 7.5)
        self.set_text_color(*_NOTE)
        self.ln(1.5)
        self.cell(_WIDTH * 0.8, 4, f"{_T['result_sha'].text(self.lang)}: {self.sha256}", align="L")
        page = _T["page"].text(self.lang).format(page=self.page_no(), pages="{pages}")
        self.set_font("cjk", "B", 8)
        self.set_text_color(0, 0, 0)
        self.cell(_WIDTH * 0.2, 4, page, align="R")


def _clip(pdf: FPDF, text: str, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width`` mm in the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


class _Report:
    """Lays out the sections of one report."""

    def __init__(self, pdf: _ReportPdf, result: Result, lang: str, heading: DocumentHeading):
        self.pdf = pdf
        self.result = result
        self.rubric = result.rubric
        self.lang = lang
        self.doc_heading = heading
        self.section_number = 0
        self.names = {line.vendor_id: line.vendor_name for line in result.prices}
        self.names.update({i.vendor_id: i.vendor_name for i in result.invalid})
        self.names.update({s.vendor_id: s.vendor_name for s in result.ranking})

    def t(self, key: str, **values: object) -> str:
        text = _T[key].text(self.lang)
        return text.format(**values) if values else text

    def score(self, value: Decimal, places: int | None = None) -> str:
        """A subtotal or total at the places the JSON and the workbook hold it to (``Rubric.total_places``: more
        than the rubric's ``decimals`` when a criterion has more); ``places`` for anything else."""
        return f"{value:.{self.rubric.total_places if places is None else places}f}"

    def money_header(self, key: str) -> str:
        """A money column's header in the rubric's currency (``投标报价（元）``, ``Quoted price (US dollars)``)."""
        return self.t(f"{key}_in", unit=currency(self.rubric.currency).name.text(self.lang))

    def vendor(self, vendor_id: str) -> str:
        name = self.names.get(vendor_id, "")
        return f"{name}\n{vendor_id}" if name else vendor_id

    # -- building blocks
    def write(self) -> None:
        self.pdf.add_page()
        self.heading()
        self.rubric_section()
        self.panel_section()
        self.invalid_section()
        self.ranking_section()
        self.groups_section()
        self.findings_section()
        self.candidates_section()
        self.signatures_section()

    def section(self, key: str, room: float = 30) -> None:
        """A numbered section title, moved to a new page when less than ``room`` mm would follow it."""
        pdf = self.pdf
        if pdf.will_page_break(room):
            pdf.add_page()
        self.section_number += 1
        number = self.t("sections")[self.section_number - 1]
        title = f"{number}、{self.t(key)}" if self.lang == "zh" else f"{number}. {self.t(key)}"
        pdf.ln(4)
        pdf.set_font("cjk", "B", 12)
        pdf.cell(_WIDTH, 7, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)
        pdf.set_font("cjk", "", _BODY)

    def paragraph(self, text: str, colour: tuple[int, int, int] = (0, 0, 0), bold: bool = False,
                  size: float = _BODY, words: bool = False) -> None:
        pdf = self.pdf
        pdf.set_font("cjk", "B" if bold else "", size)
        pdf.set_text_color(*colour)
        # Chinese breaks between any two characters; English between words (and Chinese too with ``words``, for a
        # text whose figures must not break: they stand between spaces).
        pdf.multi_cell(_WIDTH, size * 0.55, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT,
                       wrapmode=WrapMode.CHAR if self.lang == "zh" and not words else WrapMode.WORD)
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("cjk", "", _BODY)

    def table(self, headers: Sequence[str] | None, rows: Sequence[Sequence[str]], widths: Sequence[float],
              align: Sequence[str], min_row_height: float | None = None) -> None:
        """A table over the full width; long text wraps, and a table that breaks repeats its header row."""
        pdf = self.pdf
        pdf.set_font("cjk", "", _TABLE)
        pdf.set_draw_color(160, 160, 160)
        pdf.set_line_width(0.2)
        widths = self.fitted(headers or (), rows, widths)
        inner = [w - 2 * _CELL_PADDING[1] for w in widths]
        with pdf.table(width=_WIDTH, col_widths=tuple(widths), text_align=tuple(align), line_height=_LINE,
                       padding=_CELL_PADDING, first_row_as_headings=headers is not None,
                       headings_style=FontFace(emphasis="BOLD", fill_color=_HEADER_FILL),
                       repeat_headings=1, v_align="MIDDLE", min_row_height=min_row_height,
                       cell_fill_mode=TableCellFillMode.NONE) as table:
            if headers is not None:
                table.row(list(headers))
            for row in rows:
                table.row([self.within_lines(text, width) for text, width in zip(row, inner)])
        pdf.set_font("cjk", "", _BODY)

    def fitted(self, headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> list[float]:
        """The columns' widths in mm, a column too narrow for its longest word widened from the others' spare room:
        a table breaks a line only between words, so a word wider than its column was cut in the middle
        (``Deviatio`` / ``n d``, report6 D6-7). A word is a figure, an English word or a short Chinese label
        (:func:`_words`); a longer Chinese text breaks between any two characters, as Chinese is set."""
        pdf = self.pdf
        planned = [_WIDTH * w / sum(widths) for w in widths]
        needed = [0.0] * len(planned)
        for texts, style in ((headers, "B"), *((row, "") for row in rows)):
            pdf.set_font("cjk", style, _TABLE)
            for column, text in enumerate(texts):
                widest = max(map(pdf.get_string_width, _words(text)), default=0.0) + 2 * _CELL_PADDING[1] + 0.5
                needed[column] = max(needed[column], min(widest, _WIDTH * 0.7))  # a longer word breaks anyway
        pdf.set_font("cjk", "", _TABLE)
        short = sum(max(0.0, n - w) for n, w in zip(needed, planned))
        spare = sum(max(0.0, w - n) for n, w in zip(needed, planned))
        if not short or not spare:
            return planned
        given = min(short, spare)  # what cannot be found stays short: that column still breaks a word
        return [w + (n - w) * given / short if n > w else w - (w - n) * given / spare
                for n, w in zip(needed, planned)]

    def within_lines(self, text: str, width: float) -> str:
        """``text``, cut to MAX_CELL_LINES lines of ``width`` mm with its full length said: a table row must fit
        on one page (a bidder's name of 30,000 characters stopped the report), and the JSON holds it whole."""
        if len(text) <= 80:  # a few lines at most in any column: not worth measuring
            return text
        lines = self.pdf.multi_cell(width, _LINE, text, dry_run=True, output=MethodReturnValue.LINES)
        assert isinstance(lines, list)  # what output=LINES returns
        if len(lines) <= MAX_CELL_LINES:
            return text
        kept = sum(map(len, lines[:MAX_CELL_LINES - 2]))
        return text[:kept].rstrip() + self.t("cut", length=len(text))

    # -- sections
    def heading(self) -> None:
        pdf, r, result = self.pdf, self.rubric, self.result
        pdf.set_font("cjk", "B", 20)
        pdf.cell(_WIDTH, 12, self.t("title"), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("cjk", "B", 12)
        pdf.multi_cell(_WIDTH, 6, self.doc_heading.name.text(self.lang), align="C", new_x=XPos.LMARGIN,
                       new_y=YPos.NEXT)
        pdf.ln(3)
        facts = [
            (self.t("tender"), self.doc_heading.name.text(self.lang)),
            (self.t("tender_number"), self.doc_heading.number or self.t("dash")),
            (self.t("procurement_method"), self.doc_heading.method.text(self.lang)),
            (self.t("date"), date_text(self.doc_heading.date, self.lang)),
            (self.t("rubric"), f"{r.title.text(self.lang)} ({r.id})"),
            (self.t("rubric_sha"), r.sha256 or self.t("dash")),
            (self.t("bids"), self.t("bid_counts", valid=len(result.ranking), invalid=len(result.invalid))),
            (self.t("status"), self.status_text()),
            (self.t("result_sha"), pdf.sha256),
        ]
        self.table(None, facts, (38, 142), ("LEFT", "LEFT"))
        sign_off = self.doc_heading.sign_off
        if result.status != FINAL or (sign_off is not None and not sign_off.final):
            pdf.ln(2)
            self.paragraph(self.status_text(), _RED, bold=True, size=11)

    def status_text(self) -> str:
        """The result's status in words, then — for a panel session — whether the chair has signed it, who and when."""
        sign_off = self.doc_heading.sign_off
        text = (provisional_label(self.result) or _T[filed_status(self.result, sign_off)]).text(self.lang)
        if sign_off is None:
            return text
        return f"{text}；{sign_off.text('zh')}" if self.lang == "zh" else f"{text}. {sign_off.text('en')}"

    def rubric_section(self) -> None:
        self.section("s_rubric")
        # Criteria and the fields their rules read by label, never by id (issue 10, item 3).
        rows = [(name, group, kind, maximum, rule)
                for _, name, group, kind, maximum, rule in rubric_rows(self.rubric, self.lang, by_label=True)]
        headers = [self.t(k) for k in ("criterion_name", "group", "kind", "max", "rule")]
        self.table(headers, rows, (44, 22, 16, 10, 88), ("LEFT", "LEFT", "LEFT", "CENTER", "LEFT"))
        self.pdf.ln(1.5)
        text = self.t("max_total", total=plain_number(self.rubric.max_total), decimals=self.rubric.decimals,
                      candidates=self.rubric.candidates)
        if self.rubric.total_places > self.rubric.decimals:  # the totals below show more places than "scores"
            text += ("" if self.lang == "zh" else " ") + self.t("total_places", places=self.rubric.total_places)
        self.paragraph(text)
        self.inputs_table()

    def inputs_table(self) -> None:
        """The files the result was computed from, each with its SHA-256, as the workbook's Audit sheet lists them:
        the signed report traces to the rubric, bid and panel files (report6 D6-3)."""
        if not self.result.inputs:
            return
        self.pdf.ln(1.5)
        self.paragraph(self.t("inputs"), bold=True)
        widths = (18, 48, 114)  # a hash on one line
        path_width = _WIDTH * widths[1] / sum(widths) - 2 * _CELL_PADDING[1]
        rows = [(f.role_label.text(self.lang), self.path_lines(f.path, path_width), f.sha256)
                for f in self.result.inputs]
        headers = [self.t("role"), self.t("file"), "SHA-256"]
        self.table(headers, rows, widths, ("LEFT", "LEFT", "LEFT"))

    def path_lines(self, path: str, width: float) -> str:
        """A file's path broken after its folders' slashes into lines of ``width`` mm: a file's name is cut only
        when it alone is wider (a path had been cut inside its name, ``cs-outsourcing-panel.xls`` / ``x``)."""
        self.pdf.set_font("cjk", "", _TABLE)
        lines, line = [], ""
        for part in re.split(r"(?<=[/\\])", path):
            if line and self.pdf.get_string_width(line + part) > width:
                lines.append(line)
                line = part
            else:
                line += part
        self.pdf.set_font("cjk", "", _BODY)
        return "\n".join([*lines, line])

    def panel_section(self) -> None:
        self.section("s_panel", room=20)
        judges = self.result.judges
        if not judges:
            self.paragraph(self.t("no_judges"))
            return
        separator = "、" if self.lang == "zh" else ", "
        self.paragraph(self.t("judges", count=len(judges)) + separator.join(map(self.result.judge_listed, judges)))
        recused = [f"{judge} — {self.names.get(vendor, vendor)} ({vendor})" for judge, vendor in self.result.recused
                   if judge in judges]
        if recused:  # why a bid has fewer scores than the panel has members
            self.paragraph(self.t("recused") + separator.join(recused))
        agreed = agreed_scores(self.result, self.lang, self.doc_heading.sign_off)
        if agreed:  # consensus: the panel's agreed score and why, which the workbook's Panel sheet shows too
            self.paragraph(self.t("agreed"))
            self.table([self.t(k) for k in ("vendor", "agreed_criterion", "agreed_score", "agreed_reason")],
                       [(self.vendor(a.vendor_id), a.criterion, a.score, a.reason) for a in agreed],
                       (55, 40, 20, 65), ("LEFT", "LEFT", "RIGHT", "LEFT"))

    def invalid_section(self) -> None:
        self.section("s_invalid")
        invalid = [bid for bid in self.result.invalid if bid.stage is None]
        if not invalid:
            self.paragraph(self.t("no_invalid"))
        else:  # each reason by the gate's name or in words, never by id (the JSON keeps `code: text`)
            rows = [(str(k), f"{bid.vendor_name}\n{bid.vendor_id}",
                     "\n".join(r.labelled(self.rubric, self.lang) for r in bid.reasons))
                    for k, bid in enumerate(invalid, start=1)]
            self.table([self.t("no"), self.t("vendor"), self.t("reasons")], rows, (10, 62, 108),
                       ("CENTER", "LEFT", "LEFT"))
        self.stage_failures()

    def stage_failures(self) -> None:
        """The valid bids below a group's pass mark, with the mark and the pass mark (issue 7, item 5)."""
        failed = [bid for bid in self.result.invalid if bid.stage is not None]
        if not failed:
            return
        self.pdf.ln(2)
        self.paragraph(self.t("stage_failures"), bold=True)
        self.pdf.ln(1)
        rows = [(str(k), f"{bid.vendor_name}\n{bid.vendor_id}", self.rubric.group(bid.stage.group).label.text(self.lang),
                 self.score(bid.stage.subtotal), plain_number(bid.stage.pass_mark))
                for k, bid in enumerate(failed, start=1) if bid.stage is not None]
        headers = [self.t(k) for k in ("no", "vendor", "stage", "mark", "pass_mark")]
        self.table(headers, rows, (10, 80, 50, 20, 20), ("CENTER", "LEFT", "LEFT", "RIGHT", "RIGHT"))

    def ranking_section(self) -> None:
        self.section("s_ranking")
        ranking = self.result.ranking
        if not ranking:
            waiting = none_ranked_yet(self.result)
            self.paragraph(waiting.text(self.lang) if waiting else self.t("no_valid_bid"), _RED, bold=True)
            return
        rows = [[str(s.rank), self.vendor(s.vendor_id), money_text(s.quoted_price), money_text(s.evaluated_price),
                 self.score(s.total), "\n".join(flag_label(s, f).text(self.lang) for f in s.flags)]
                for s in ranking]
        headers = [self.t("rank"), self.t("vendor"), self.money_header("quoted"), self.money_header("evaluated"),
                   self.t("total"), self.t("flags")]
        widths, align = [11, 67, 28, 28, 16, 30], ["CENTER", "LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT"]
        deviations = self.deviations()
        if deviations:  # d beside the evaluated price: the price score follows from it
            for row, s in zip(rows, ranking):
                row.insert(4, deviations.get(s.vendor_id, ""))
            headers.insert(4, self.t("deviation"))
            widths, align = [11, 55, 26, 26, 16, 16, 30], [*align[:4], "RIGHT", *align[4:]]
        self.table(headers, rows, widths, align)
        self.pdf.ln(1.5)
        self.benchmark_paragraph()
        self.paragraph(self.t("ranking_note"), _NOTE, size=_SMALL)

    def deviations(self) -> dict[str, str]:
        """Each ranked bid's deviation d from B, in percent to 2 places (half-up), where the price method uses it,
        with the |d| counted beside it when the rubric rounds it before the penalty (``|d| 2%``): the price score
        follows from that one."""
        shown = {}
        for line in self.result.prices:
            if line.deviation is None or not line.valid:
                continue
            d = round_half_up(line.deviation, 2)
            text = f"{d:+f}%"
            counted = line.counted_deviation
            if counted is not None and counted != abs(line.deviation):
                text += f"\n|d| {plain_number(counted)}%"
            shown[line.vendor_id] = text
        return shown

    def benchmark_paragraph(self) -> None:
        """The price benchmark B and how it was formed, with its figures (issue 7, item 3)."""
        benchmark = self.result.price_benchmark
        if benchmark is not None:
            self.paragraph(self.t("benchmark", text=benchmark.describe(self.lang)), words=True)
            self.pdf.ln(1)

    def groups_section(self) -> None:
        ranking, groups = self.result.ranking, self.rubric.groups
        if not ranking or not groups:
            return
        self.section("s_groups")
        headers = [self.t("rank"), self.t("vendor")]
        headers += [self.group_heading(g) for g in groups]
        headers.append(f"{self.t('total')} ({plain_number(self.rubric.max_total)})")
        rows = [[str(s.rank), self.vendor(s.vendor_id), *(self.group_cell(s, g) for g in groups), self.score(s.total)]
                for s in ranking]
        rest = (_WIDTH - 11 - 67) / (len(groups) + 1)
        self.table(headers, rows, (11, 67, *([rest] * (len(groups) + 1))),
                   ("CENTER", "LEFT", *(["RIGHT"] * (len(groups) + 1))))
        if self.rubric.has_group_rules:
            self.pdf.ln(1.5)
            self.paragraph(self.t("groups_note"), _NOTE, size=_SMALL)

    def group_heading(self, group_id: str) -> str:
        """``商务 (10)``; for a scaled or weighted group its max, what it is scaled to and what it adds to the total."""
        group, raw_max = self.rubric.group(group_id), self.rubric.group_raw_max(group_id)
        label = group.label.text(self.lang)
        if not group.has_rules:
            return f"{label} ({plain_number(raw_max)})"
        lines = [label, self.t("group_max", max=plain_number(raw_max))]
        if group.scale_to is not None:
            lines.append(self.t("group_scaled", points=plain_number(group.scale_to)))
        if group.weight is not None:
            lines.append(self.t("group_weighted", weight=plain_number(group.weight),
                                max=plain_number(self.rubric.group_total_max(group_id))))
        return "\n".join(lines)

    def group_cell(self, standing: Standing, group_id: str) -> str:
        """A bid's subtotal in a group; step by step (raw, scaled, weighted) where the group scales or weighs."""
        step = standing.subtotals.get(group_id)
        group = self.rubric.group(group_id)
        if step is None or (group.scale_to is None and group.weight is None):
            return self.score(standing.groups.get(group_id, Decimal(0)))
        scaled_inside = any(c.scale_to_best for c in self.rubric.scored_criteria if c.group == group_id)
        lines = [self.t("step_summed" if scaled_inside else "step_raw", value=self.score(step.raw))]
        if group.scale_to is not None:
            lines.append(self.t("step_scaled", value=self.score(step.scaled)))
        if group.weight is not None:
            lines.append(self.t("step_weighted", value=self.score(step.weighted)))
        return "\n".join(lines)

    def findings_section(self) -> None:
        self.section("s_findings")
        rows = findings(self.result, self.lang, self.doc_heading.sign_off)
        if not rows:
            self.paragraph(self.t("no_findings"))
            return
        table = [(self.vendor(f.vendor_id), f.flag, f.detail, f.finding) for f in rows]
        headers = [self.t(k) for k in ("vendor", "flag", "detail", "finding")]
        self.table(headers, table, (55, 25, 60, 40), ("LEFT", "LEFT", "LEFT", "LEFT"), min_row_height=12)

    def candidates_section(self) -> None:
        self.section("s_candidates", room=25)
        chosen = self.result.candidates
        if not chosen:
            self.paragraph(self.t("no_candidates"))
            return
        rows = []
        for n, vendor_id in enumerate(chosen, start=1):
            standing = self.result.standing(vendor_id)
            rows.append((str(n), self.vendor(vendor_id), str(standing.rank) if standing else "",
                         self.score(standing.total) if standing else "",
                         money_text(standing.quoted_price) if standing else ""))
        headers = [*(self.t(k) for k in ("candidate_no", "vendor", "rank", "total")), self.money_header("quoted")]
        self.table(headers, rows, (18, 90, 16, 22, 34), ("CENTER", "LEFT", "CENTER", "RIGHT", "RIGHT"))
        if self.result.candidates_tied:
            self.pdf.ln(1.5)
            self.paragraph(self.t("candidates_tied"), _RED)

    def signatures_section(self) -> None:
        judges = list(self.result.judges)
        lines = len(judges) or _BLANK_SIGNATURE_ROWS
        # The whole block on one page when it fits there; else at least its title, note and first lines.
        whole = 40 + _SIGNATURE_ROW * (lines + 1)
        self.section("s_signatures", room=whole if whole <= _PAGE_ROOM else 40 + _SIGNATURE_ROW * 4)
        self.paragraph(self.t("sign_note"), _NOTE, size=_SMALL)
        self.pdf.ln(2)
        rows = [(str(k), self.result.judge_listed(judge) if judge else "", "", "")
                for k, judge in enumerate(judges or [""] * _BLANK_SIGNATURE_ROWS, start=1)]
        headers = [self.t(k) for k in ("no", "judge", "signature", "sign_date")]
        self.table(headers, rows, (12, 52, 76, 40), ("CENTER", "LEFT", "LEFT", "LEFT"), min_row_height=_SIGNATURE_ROW)
        self.pdf.ln(4)
        self.paragraph(self.t("made_by", version=__version__), _NOTE, size=_SMALL)
