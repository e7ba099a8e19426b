"""投标文件 / Bids: the bid form, importing bid workbooks, the import report, a preview of every bid, removal."""
from __future__ import annotations

from io import BytesIO
from typing import Callable, Mapping, Sequence

import pandas as pd
import streamlit as st

import bid_documents
import workspace as ws
from bideval.bids import Bid
from bideval.documents import MAX_DOCUMENT_BYTES, SUFFIXES, Envelope
from bideval.evaluation import check_bids
from bideval.filenames import file_stem
from bideval.rights import Action, Actor
from bideval.rubric import Field, Rubric
from bideval.storage import ImportProgress, ImportReport, KeptDocuments, Store
from bideval.template import write_bid_form
from bideval.uploads import Said, Upload
from bideval.errors import BidEvalError
from bideval.messages import size_in
from bideval.validity import BidCheck
from bideval.values import FieldType, unit_label, value_text
from bideval.workflow import ALLOWED_IN, STAGE_NAMES_ZH

MAX_FILE_MB = 50
MAX_DOCUMENT_MB = MAX_DOCUMENT_BYTES // (1024 * 1024)
FIXED = ("vendor_id", "vendor_name", "sme")


# -- helpers without widgets (tests call them directly)

def bid_form_bytes(rubric: Rubric, lang: str) -> bytes:
    """The blank bid form of a rubric as .xlsx bytes."""
    buffer = BytesIO()
    write_bid_form(rubric, buffer, lang)
    return buffer.getvalue()


def import_files(store: Store, actor: Actor, tender: int, files: Sequence[tuple[str, bytes]], replace: bool = False,
                 progress: Callable[[ImportProgress], None] | None = None) -> ImportReport:
    """Import uploaded workbooks: each file all or nothing, every problem of a refused file reported."""
    return store.import_bids(actor, tender, list(files), replace=replace, progress=progress)


def progress_text(step: ImportProgress, lang: str, finished: bool = False) -> str:
    """The import bar's words: files read of all, problems found so far, and the file just read (until finished)."""
    if lang == "zh":
        text = f"已读取 {step.files_read} / {step.files} 个文件 · 发现 {step.problems} 个问题"
    else:
        text = (f"Read {step.files_read} of {step.files} file{'' if step.files == 1 else 's'} · "
                f"{step.problems} problem{'' if step.problems == 1 else 's'} found")
    return text if finished else f"{text} · {step.name}"


def column_title(field: Field, lang: str) -> str:
    """A field's column header: its label and, for money and measured fields, its unit (``bideval.values.unit_label``:
    the tender's currency, or 万 of it); a percentage shows its % in the cells."""
    label = field.label.text(lang)
    unit = unit_label(field)
    if unit is None or field.type is FieldType.PERCENT:
        return label
    return f"{label} ({unit.text(lang)})"


def preview_rows(rubric: Rubric, bids: Sequence[Bid], lang: str,
                 checks: Mapping[str, BidCheck] | None = None) -> list[dict[str, str]]:
    """One row per bid: vendor, SME, every field's value, validity with every reason, and the source file."""
    zh = lang == "zh"
    checks = checks if checks is not None else check_bids(rubric, bids)
    fields = [f for f in rubric.bid_fields if f.id not in FIXED]
    rows = []
    for bid in bids:
        check = checks[bid.vendor_id]
        row = {
            "统一社会信用代码" if zh else "Vendor ID": bid.vendor_id,
            "投标人" if zh else "Bidder": bid.vendor_name,
            "中小企业" if zh else "SME": sme_text(rubric, bid, lang),
            "有效" if zh else "Valid": "✓" if check.valid else "✗",
            "无效原因" if zh else "Why invalid": reasons_text(check, lang),
        }
        for f in fields:
            row[column_title(f, lang)] = value_text(f, bid.values.get(f.id), lang)
        row["来源文件" if zh else "Source file"] = bid.file
        rows.append(row)
    return rows


def sme_text(rubric: Rubric, bid: Bid, lang: str) -> str:
    """Yes or no; under a table of SME rates, the category the bid stated."""
    price = rubric.price_criterion
    category = price.sme_rate(bid.values.get("sme"))[0] if price is not None and price.sme_categories else None
    if category is not None:
        return category.label.text(lang)
    return ("是" if bid.sme else "否") if lang == "zh" else ("yes" if bid.sme else "no")


def reasons_text(check: BidCheck, lang: str) -> str:
    """Why a bid is invalid, in the user's words: every reason's text, no codes."""
    return ("；" if lang == "zh" else "; ").join(r.text.text(lang) for r in check.reasons)


def _code(line: str) -> str:
    return "`" + line.replace("`", "'") + "`"


# -- callbacks

def _ask_remove() -> None:
    st.session_state.bids_remove_pending = (ws.tender_id(), st.session_state.bids_selected)
    st.session_state.bids_remove_error = None


def _cancel_remove() -> None:
    st.session_state.bids_remove_pending = None
    st.session_state.bids_remove_error = None


def _confirm_remove() -> None:
    tender, vendor = st.session_state.bids_remove_pending
    try:
        ws.store().remove_bid(ws.actor(), tender, vendor, st.session_state.get("bids_remove_reason", ""))
    except BidEvalError as error:  # the reason the panel's work needs, or a bid removed meanwhile
        st.session_state.bids_remove_error = error
        return
    st.session_state.bids_remove_pending = None
    st.session_state.bids_remove_error = None
    st.session_state.bids_notice = (tender, vendor)


def _ask_remove_document(tender: int, document: int) -> None:
    st.session_state.bids_docs_remove_pending = (tender, document)


def _cancel_remove_document() -> None:
    st.session_state.bids_docs_remove_pending = None


def _confirm_remove_document() -> None:
    tender, document = st.session_state.bids_docs_remove_pending
    st.session_state.bids_docs_remove_pending = None
    try:
        ws.store().remove_document(ws.actor(), tender, document)
    except BidEvalError as error:
        st.session_state.bids_docs_error = error
    st.session_state.bids_docs_report = None


def _init_state() -> None:
    defaults = {"bids_report": None, "bids_upload_round": 0, "bids_replace": False,
                "bids_remove_pending": None, "bids_notice": None, "bids_docs_round": 0,
                "bids_docs_envelope": Envelope.TECHNICAL.value, "bids_docs_remove_pending": None,
                "bids_docs_report": None, "bids_docs_error": None}
    for key, value in defaults.items():
        if key not in st.session_state:
            st.session_state[key] = value


# -- the page

def show_form(rubric: Rubric) -> None:
    tr, lang = ws.tr, ws.lang()
    st.subheader(tr("1. 投标文件模板", "1. Bid form"))
    st.markdown(tr("将模板发给各投标人填写：每家一份，工作表 `Bid`，C 列填写内容；带下拉选项和数值校验。",
                   "Send this form to the bidders: one per vendor, sheet `Bid`, answers in column C; "
                   "it has drop-downs and number validation."))
    st.download_button(tr("下载投标文件模板（中文）", "Download the bid form (English)"),
                       data=lambda: bid_form_bytes(rubric, lang), file_name=file_stem(f"bid_form_{rubric.id}_{lang}") + ".xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="bids_form_download", icon=":material/download:", on_click="ignore")


def show_upload(store: Store, tender: int) -> None:
    tr = ws.tr
    st.subheader(tr("2. 导入投标", "2. Import bids"))
    stage = store.tender(ws.actor(), tender).stage
    if stage not in ALLOWED_IN[Action.IMPORT_BIDS]:  # offered, it was refused after the upload, the page half-drawn
        st.info(tr(f"本项目处于“{STAGE_NAMES_ZH[stage]}”阶段：只能在准备和评分阶段导入投标。",
                   f"This tender is in the {stage.value} stage: bids are imported in the setup and scoring stages."))
        show_report()
        return
    files = st.file_uploader(
        tr("投标文件（.xlsx，可多选；可附该投标的方案 PDF 或图片）",
           "Bid workbooks (.xlsx, several at once; with the bid's proposal as PDF or images)"),
        type=["xlsx", *(x.lstrip(".") for x in SUFFIXES)],
        accept_multiple_files=True, key=f"bids_upload_{st.session_state.bids_upload_round}",
        max_upload_size=MAX_FILE_MB,
        help=tr(f"每家一份投标文件（工作表 Bid），或一个汇总表（工作表 Bids，每行一家）。每个文件不超过 {MAX_FILE_MB} MB。"
                f"只导入一家投标时，一并上传的 PDF、PNG、JPEG 文件作为该投标的附件（技术标，每个不超过 {MAX_DOCUMENT_MB} MB）。",
                f"One bid form per vendor (sheet Bid), or one consolidated workbook (sheet Bids, one vendor a "
                f"row). At most {MAX_FILE_MB} MB a file. When the upload imports one bid, PDF, PNG and JPEG files "
                f"uploaded with it become its documents (technical envelope, at most {MAX_DOCUMENT_MB} MB each)."))
    st.checkbox(tr("替换同一投标人已有的投标", "Replace existing bids from the same vendor"), key="bids_replace",
                help=tr("勾选后，文件中已在本项目中的投标人（按统一社会信用代码）的旧投标会被删除，换成新文件中的投标。"
                        "评委已对其定档或评分的投标不能替换（新文件不能沿用对原投标的评分）：请先在下方删除该投标，再导入。"
                        "不勾选时，这样的文件整个被拒绝，不导入任何内容。替换只针对此前已导入的投标："
                        "同一次上传中有两个文件含同一投标人时，这些文件均不导入。"
                        "原投标的附件（方案 PDF、扫描件）保留在新投标中，导入结果逐一列出；不再适用的附件请在下方删除。",
                        "When ticked, a vendor already in this tender (same unified social credit code) has its old "
                        "bid replaced by the one in the new file. A bid the panel has tiered or scored is not replaced "
                        "(the new file must not inherit the scores of the bid the judges opened): remove it below "
                        "first, then import. When not ticked, such a file is refused as a whole and nothing from it "
                        "is imported. Replacing is for a bid imported earlier: a vendor in two files of one upload is "
                        "refused in each of them. The old bid's documents (proposal PDFs, scans) stay with the new "
                        "bid, each named in the import report: remove below any the new bid makes obsolete."))
    st.caption(tr(f"每个文件要么全部导入，要么全部不导入：有任何错误的文件不会导入其中任何投标。"
                  f"每个文件不超过 {MAX_FILE_MB} MB：更大的文件会被上传框拒绝（其提示为英文“File must be "
                  f"{MAX_FILE_MB}MB or smaller”），请删去多余的行列或图片后重新保存。",
                  f"Each file is imported whole or not at all: nothing is imported from a file with any error. "
                  f"At most {MAX_FILE_MB} MB a file: a larger file is refused by the upload box (\"File must be "
                  f"{MAX_FILE_MB}MB or smaller\"); delete unused rows, columns or pictures and save it again."))
    if st.button(tr("导入", "Import"), key="bids_import", type="primary", disabled=not files,
                 help=None if files else tr("请先在上方选择要导入的文件。", "Choose the files to import above first.")):
        uploads = [(f.name, f.getvalue()) for f in files]
        bar = st.progress(0.0, text=tr("正在导入…", "Importing…"))
        steps: list[ImportProgress] = []

        def progress(step: ImportProgress) -> None:
            steps.append(step)
            bar.progress(step.files_read / step.files, text=progress_text(step, ws.lang()))

        report = import_files(store, ws.actor(), tender, uploads, replace=st.session_state.bids_replace, progress=progress)
        st.session_state.bids_report = {"tender": tender, "report": report, "progress": steps[-1] if steps else None}
        st.session_state.bids_upload_round += 1  # an empty uploader after the rerun
        st.rerun()
    show_report()


def show_report() -> None:
    tr = ws.tr
    last = st.session_state.bids_report
    if not last or last["tender"] != ws.tender_id():
        return
    report: ImportReport = last["report"]
    store, tender = ws.store(), last["tender"]
    rubric = store.rubric(ws.actor(), tender)
    # the user's own seat still scores: no bid read before it submits
    blind = ws.blind_seat(ws.capabilities()) is not None
    bids = {} if blind else {b.vendor_id: b for b in store.bidset(ws.actor(), tender).bids}
    checks = check_bids(rubric, [bids[v] for vendors in report.accepted.values() for v in vendors if v in bids])
    names = dict(store.bidders(ws.actor(), tender)) if blind else {}
    st.markdown("**" + tr("上次导入的结果", "Last import") + "**")
    if last.get("progress"):
        step: ImportProgress = last["progress"]
        st.progress(step.files_read / step.files, text=progress_text(step, ws.lang(), finished=True))
    for name, vendors in report.accepted.items():
        lines = [f"{_code(v)} {ws.markdown_text(names.get(v, ''))}" if blind else
                 imported_line(v, bids.get(v), checks.get(v), ws.lang()) for v in vendors]
        lines += [replaced_line(v, report.replaced[v], ws.lang()) for v in vendors if v in report.replaced]
        invalid = sum(1 for v in vendors if v in checks and not checks[v].valid)
        title = file_title(name, report.renamed.get(name), ws.lang())
        head = tr(f"✓ {title}：已导入 {len(vendors)} 份投标", f"✓ {title}: {len(vendors)} bid(s) imported")
        if invalid:
            head += tr(f"，其中 {invalid} 份为无效投标", f", {invalid} of them invalid")
        warned = report.warned.get(name, [])
        for warning in warned:  # imported, but a field's column is missing: every bid read as not stating it
            lines.append("⚠ " + ws.problem_markdown(warning, with_file=False, rubric=rubric))
        (st.warning if invalid or warned else st.success)(head + "\n\n" + "\n".join(f"- {line}" for line in lines))
    for name, vendor in report.attached.items():
        title = file_title(name, report.renamed.get(name), ws.lang())
        st.success(tr(f"✓ {title}：已作为附件加入 {_code(vendor)} 的投标", f"✓ {title}: attached to the bid of {_code(vendor)}"))
    for name, (vendor, held) in report.already.items():
        title = file_title(name, report.renamed.get(name), ws.lang())
        st.info(f"= {title}" + kept_once(vendor, held, ws.lang()))
    for name, problems in report.refused.items():
        title = file_title(name, report.renamed.get(name), ws.lang())
        st.error(tr(f"✗ {title}：未导入（该文件中的内容均未导入），问题如下：",
                    f"✗ {title}: refused; nothing was imported from this file. Problems:")
                 + "\n\n" + "\n".join(f"- {ws.problem_markdown(p, with_file=p.file != name, rubric=rubric)}"
                                       for p in problems))


def kept_once(vendor_id: str, held: str, lang: str) -> str:
    """What became of a document whose bytes its bid holds already (under the name ``held``; '' for one the user's
    panel seat may not open yet, not named: the package withholds it as the upload history does): kept once."""
    if not held:
        return (f"：与 {_code(vendor_id)} 的投标已有的一个密封附件（您的评委席位提交评分前不显示名称）内容完全相同（SHA-256 一致），"
                "只保存一份，未重复添加" if lang == "zh" else
                f": the same file as a sealed document (not named while your panel seat still scores) which the bid "
                f"of {_code(vendor_id)} holds already (the same SHA-256): kept once, not attached again")
    held = ws.markdown_text(held)
    return (f"：与 {_code(vendor_id)} 的投标已有的附件 {held} 内容完全相同（SHA-256 一致），只保存一份，未重复添加"
            if lang == "zh" else f": the same file as {held}, which the bid of {_code(vendor_id)} holds already "
            "(the same SHA-256): kept once, not attached again")


def file_title(name: str, uploaded_as: str | None, lang: str) -> str:
    """A file of an upload in bold, with the name it was uploaded as when another file of the upload had that name
    first (so it is told as ``bid (2).xlsx``)."""
    title = f"**{ws.markdown_text(name)}**"
    if uploaded_as is None:
        return title
    was = ws.markdown_text(uploaded_as)
    return title + (f"（上传时名为 {was}，与本次上传中的另一个文件同名）" if lang == "zh"
                    else f" (uploaded as {was}, the name of another file in this upload)")


def imported_line(vendor_id: str, bid: Bid | None, check: BidCheck | None, lang: str) -> str:
    """One imported bid in the import report: its code and name, and right there whether it is invalid and why."""
    zh = lang == "zh"
    line = _code(vendor_id) + (f" {ws.markdown_text(bid.vendor_name)}" if bid else "")
    if bid is None:
        return line + ("（已导入，后来被删除）" if zh else " (imported, since removed)")
    if check is not None and not check.valid:
        return line + (" — 已导入，但为无效投标：" if zh else " — imported, but invalid: ") + ws.markdown_text(
            reasons_text(check, lang))
    return line + (" — 已导入" if zh else " — imported")


def replaced_line(vendor_id: str, documents: KeptDocuments, lang: str) -> str:
    """A bid the import replaced, in the import report: the earlier bid is gone, its documents stay, each named but
    those the user's panel seat may not open yet (counted as sealed)."""
    zh = lang == "zh"
    head = f"↻ {_code(vendor_id)}" + ("：替换了此前导入的投标" if zh else ": replaced the bid imported earlier")
    if not documents.count:
        return head + ("（原投标没有附件）" if zh else " (it had no documents)")
    names = ("、" if zh else ", ").join(ws.markdown_text(d) for d in documents.named)
    if documents.sealed:
        sealed = (f"{documents.sealed} 个密封附件（您的评委席位提交评分前不显示名称）" if zh else
                  f"{documents.sealed} sealed (not named while your panel seat still scores)")
        names = (f"{names} 及 {sealed}" if zh else f"{names} and {sealed}") if names else sealed
    return head + (f"；原投标的 {documents.count} 个附件保留在新投标中：{names}" if zh else
                   f"; its {documents.count} document(s) stay with the new bid: {names}")


def said_markdown(said: Said, file: str, lang: str) -> str:
    """A kept problem of a refused file as the import report said it, in ``lang``: `Bid!C6` 字段：句子."""
    where = said.local if said.where.startswith(file) else said.where
    subject, text = said.subject.text(lang), said.text.text(lang)
    colon = "：" if lang == "zh" and said.code else ": "
    head = " ".join(part for part in (_code(where) if where else "", ws.markdown_text(subject)) if part)
    return f"{head}{colon}{ws.markdown_text(text)}" if head else ws.markdown_text(text)


def envelope_text(envelope: str | None, lang: str) -> str:
    """Which envelope a document belongs to, in words."""
    if envelope == Envelope.PRICE.value:
        return "价格标" if lang == "zh" else "price envelope"
    return "技术标" if lang == "zh" else "technical envelope"


def upload_title(upload: Upload, lang: str) -> str:
    """An upload in one line: when (UTC), who, how many files and what became of them."""
    zh = lang == "zh"
    when = upload.at.strftime("%Y-%m-%d %H:%M:%S") + (" (UTC)" if not zh else "（UTC）")
    parts = [f"{len(upload.files)} 个文件" if zh else f"{len(upload.files)} file(s)"]
    if upload.bids:
        parts.append(f"导入 {upload.bids} 份投标" if zh else f"{upload.bids} bid(s) imported")
    if upload.documents:
        parts.append(f"附件 {upload.documents} 个" if zh else f"{upload.documents} document(s) attached")
    if upload.refused:
        parts.append(f"拒绝 {upload.refused} 个文件" if zh else f"{upload.refused} file(s) refused")
    if upload.replace:
        parts.append("替换已有投标" if zh else "replacing existing bids")
    return f"{when} · {upload.actor} · " + ("，" if zh else ", ").join(parts)


def upload_lines(upload: Upload, lang: str) -> list[str]:
    """An upload's files as Markdown lines: each file with its size and SHA-256, and what became of it."""
    zh = lang == "zh"
    lines = []
    for f in upload.files:
        if f.sealed:  # a document the reader's panel seat may not open yet: not named
            lines.append("- 🔒 " + ("一个密封附件（您的评委席位提交评分前不显示名称）" if zh else
                                     "a sealed document (not named while your panel seat still scores)")
                         + (f"，{_code(f.attached_to)} 的投标" if zh and f.attached_to else
                            f", of the bid of {_code(f.attached_to)}" if f.attached_to else ""))
            continue
        head = f"{file_title(f.name, f.uploaded_as, lang)} ({size_in(f.size, lang)}, SHA-256 `{f.sha256[:16]}…`)"
        if f.refused:
            lines.append(f"- ✗ {head}" + ("：未导入，原因：" if zh else ": refused, nothing kept:"))
            lines += [f"    - {said_markdown(p, f.name, lang)}" for p in f.problems]
        elif f.attached_to and f.already:
            lines.append(f"- = {head}" + kept_once(f.attached_to, f.already, lang))
        elif f.attached_to:
            lines.append(f"- ✓ {head}" + (f"：已作为附件加入 {_code(f.attached_to)} 的投标（{envelope_text(f.envelope, lang)}）"
                                          if zh else f": attached to the bid of {_code(f.attached_to)} "
                                          f"({envelope_text(f.envelope, lang)})"))
        else:
            bids = ("、" if zh else ", ").join(f"{_code(v)} {ws.markdown_text(n)}" for v, n in f.vendors)
            lines.append(f"- ✓ {head}" + (f"：已导入 {bids}" if zh else f": imported {bids}"))
            lines += [f"    - ⚠ {said_markdown(p, f.name, lang)}" for p in f.warnings]
    return lines


def show_history(store: Store, tender: int) -> None:
    tr, lang = ws.tr, ws.lang()
    st.subheader(tr("4. 上传记录", "4. Upload history"))
    st.caption(tr("每次上传：谁、何时、哪些文件、导入了什么、拒绝了什么及原因。记录保存在数据库中，最新的在前。",
                  "Every upload: who, when, which files, what was imported and what was refused, and why. "
                  "Kept in the database, newest first."))
    try:
        uploads = store.uploads(ws.actor(), tender)
    except BidEvalError as error:
        ws.show_error(error)
        return
    if not uploads:
        st.info(tr("还没有上传记录。", "No uploads yet."))
        return
    for number, upload in enumerate(uploads):
        with st.expander(upload_title(upload, lang), expanded=number == 0):
            st.markdown("\n".join(upload_lines(upload, lang)))


def show_bids(store: Store, tender: int, rubric: Rubric) -> None:
    tr, lang = ws.tr, ws.lang()
    st.subheader(tr("3. 已导入的投标", "3. Imported bids"))
    notice = st.session_state.bids_notice
    if notice and notice[0] == tender:
        st.success(tr(f"已删除投标人 {notice[1]} 的投标。", f"The bid of {notice[1]} was removed."))
        st.session_state.bids_notice = None  # shown once
    blind = ws.blind_seat(ws.capabilities())
    if blind is not None:  # a procurement officer who scores too reads the bids on the Scoring page, as a judge
        st.info(ws.held_back_text(blind), icon=":material/visibility_off:")
        return
    bids = store.bidset(ws.actor(), tender).bids
    if not bids:
        st.info(tr("本项目还没有投标。", "This tender has no bids yet."))
        return
    checks = check_bids(rubric, bids)
    rows = preview_rows(rubric, bids, lang, checks)
    valid = sum(1 for r in rows if r[tr("有效", "Valid")] == "✓")
    counts = st.columns(3)
    counts[0].metric(tr("投标", "Bids"), len(rows))
    counts[1].metric(tr("有效", "Valid"), valid)
    counts[2].metric(tr("无效", "Invalid"), len(rows) - valid)
    config = {tr("统一社会信用代码", "Vendor ID"): st.column_config.TextColumn(pinned=True),
              tr("投标人", "Bidder"): st.column_config.TextColumn(pinned=True),
              tr("无效原因", "Why invalid"): st.column_config.TextColumn(width="large")}
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", column_config=config, key="bids_table")
    st.caption(tr("金额单位见列名；百分比以 % 显示。", "Money units are in the column names; percentages are shown with %."))
    for bid in bids:
        reasons = checks[bid.vendor_id].reasons
        if reasons:
            named = f"**{ws.markdown_text(bid.vendor_name)}** (`{bid.vendor_id}`)"
            st.warning(tr(f"{named} 为无效投标，不参与评分和排名：", f"{named} is invalid and is neither scored nor ranked:")
                       + "\n" + "\n".join(f"- {ws.markdown_text(r.text.text(lang))}" for r in reasons))

    st.markdown("**" + tr("单个投标", "One bid") + "**")
    names = {b.vendor_id: f"{b.vendor_name} · {b.vendor_id}" for b in bids}
    if st.session_state.get("bids_selected") not in names:
        st.session_state.bids_selected = bids[0].vendor_id
    pick, get, drop = st.columns([3, 2, 2], vertical_alignment="bottom")
    vendor = pick.selectbox(tr("投标人", "Bidder"), list(names), key="bids_selected", format_func=names.get)
    source = next(b.file for b in bids if b.vendor_id == vendor)
    actor = ws.actor()  # now: the download's data is made after this run, where no user is signed in
    get.download_button(tr("下载原始文件", "Download the original file"),
                        data=lambda: (store.bid_file(actor, tender, vendor) or ("", b""))[1], file_name=file_stem(source, "bid.xlsx"),
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        key="bids_original_download", icon=":material/download:", on_click="ignore",
                        width="stretch")
    drop.button(tr("删除该投标…", "Remove this bid…"), key="bids_remove", on_click=_ask_remove, width="stretch",
                icon=":material/delete:")
    pending = st.session_state.bids_remove_pending
    if pending and pending[0] == tender and pending[1] in names:
        confirm(tr(f"确定删除 **{names[pending[1]]}** 的投标吗？评委对该投标的定档和评分、组长的复核意见将一并删除，"
                   "且记入审计记录。",
                   f"Remove the bid of **{names[pending[1]]}**? The panel's tiers and scores and the chair's findings "
                   "for it are removed too, and the removal is written to the audit trail."),
                tr("确认删除", "Yes, remove it"), "bids_remove", _confirm_remove, _cancel_remove,
                reason=tr("删除理由（评委已评分、定档或组长已写复核意见时必填，记入审计记录）",
                          "Reason (needed once the panel has scored or tiered the bid or the chair has written a "
                          "finding on it; kept in the audit trail)"))
        error = st.session_state.get("bids_remove_error")
        if error is not None:
            ws.show_error(error)
    show_documents(store, tender, vendor)


def confirm(question: str, yes: str, key: str, on_yes: Callable[[], None], on_no: Callable[[], None],
            reason: str | None = None) -> None:
    """A removal asked for: the question, the box ``<key>_reason`` when a reason is asked (``reason``: its label),
    and the buttons ``<key>_confirm`` and ``<key>_cancel``."""
    st.warning(question)
    if reason is not None:
        st.text_input(reason, key=f"{key}_reason")
    left, right, _ = st.columns([1, 1, 4])
    left.button(yes, key=f"{key}_confirm", type="primary", on_click=on_yes)
    right.button(ws.tr("取消", "Cancel"), key=f"{key}_cancel", on_click=on_no)


def show_documents(store: Store, tender: int, vendor: str) -> None:
    """The chosen bid's documents: each one shown in the page, removed with a confirmation, and new ones attached."""
    tr, lang = ws.tr, ws.lang()
    st.markdown("**" + tr("该投标的附件（方案、报价明细等）", "Documents of this bid (proposal, price schedule …)") + "**")
    if st.session_state.bids_docs_error is not None:
        ws.show_error(st.session_state.bids_docs_error)
        st.session_state.bids_docs_error = None  # shown once
    documents = bid_documents.show_bid_documents(store, ws.actor(), tender, vendor, key="bids_docs", height=600)
    chosen = {d.id: d for d in documents}.get(st.session_state.get("bids_docs_document"))
    if chosen is not None:
        pending = st.session_state.bids_docs_remove_pending
        if pending == (tender, chosen.id):
            confirm(tr(f"确定删除附件 **{ws.markdown_text(chosen.name)}** 吗？删除记入审计记录。",
                       f"Remove the document **{ws.markdown_text(chosen.name)}**? The removal is written to the "
                       "audit trail."),
                    tr("确认删除附件", "Yes, remove the document"), "bids_docs_remove", _confirm_remove_document,
                    _cancel_remove_document)
        else:
            st.button(tr("删除该附件…", "Remove this document…"), key="bids_docs_remove", icon=":material/delete:",
                      on_click=_ask_remove_document, args=(tender, chosen.id))
    round_ = st.session_state.bids_docs_round
    files = st.file_uploader(
        tr("添加附件（PDF、PNG、JPEG，可多选）", "Attach documents (PDF, PNG, JPEG, several at once)"),
        type=[x.lstrip(".") for x in SUFFIXES], accept_multiple_files=True, key=f"bids_docs_upload_{round_}",
        max_upload_size=MAX_FILE_MB,
        help=tr(f"每个附件不超过 {MAX_DOCUMENT_MB} MB；含脚本等可执行内容、加密或损坏的 PDF 以及过大的图片会被拒绝。",
                f"At most {MAX_DOCUMENT_MB} MB a document; PDFs with scripts or other active content, encrypted or "
                "damaged PDFs and oversized images are refused."))
    st.radio(tr("属于", "Belongs to"), [e.value for e in Envelope], key="bids_docs_envelope", horizontal=True,
             format_func=lambda e: envelope_text(e, lang),
             help=tr("价格标附件（如报价明细表）在价格对评委隐藏期间，对评委也隐藏。",
                     "A price-envelope document (a price schedule, say) is hidden from the judges while prices are."))
    if st.button(tr("添加附件", "Attach"), key="bids_docs_attach", disabled=not files,
                 help=None if files else tr("请先在上方选择要添加的附件。", "Choose the documents to attach above first.")):
        try:
            report = store.add_documents(ws.actor(), tender, vendor, [(f.name, f.getvalue()) for f in files],
                                         Envelope(st.session_state.bids_docs_envelope))
        except BidEvalError as error:
            ws.show_error(error)
            return
        st.session_state.bids_docs_report = {"tender": tender, "vendor": vendor, "report": report}
        st.session_state.bids_docs_round += 1  # an empty uploader after the rerun
        st.rerun()
    last = st.session_state.bids_docs_report
    if last and last["tender"] == tender and last["vendor"] == vendor:
        report = last["report"]
        for name in report.attached:
            st.success(tr(f"✓ **{ws.markdown_text(name)}**：已添加", f"✓ **{ws.markdown_text(name)}**: attached"))
        for name, (vendor, held) in report.already.items():
            st.info(f"= **{ws.markdown_text(name)}**" + kept_once(vendor, held, ws.lang()))
        for name, problems in report.refused.items():
            st.error(tr(f"✗ **{ws.markdown_text(name)}**：未添加：", f"✗ **{ws.markdown_text(name)}**: not attached: ")
                     + "\n\n" + "\n".join(f"- {ws.problem_markdown(p, with_file=False)}" for p in problems))


def main() -> None:
    ws.enter_page("bids")
    _init_state()
    tender = ws.require_tender()
    store = ws.store()
    rubric = store.rubric(ws.actor(), tender)
    st.title(ws.tr("投标文件", "Bids"))
    st.caption(f"{rubric.title.text(ws.lang())} · `{rubric.id}`")
    show_form(rubric)
    st.divider()
    show_upload(store, tender)
    st.divider()
    show_bids(store, tender, rubric)
    st.divider()
    show_history(store, tender)


if __name__ == "__main__":
    main()
