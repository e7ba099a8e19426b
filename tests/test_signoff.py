"""The ranked workbook and the evaluation report state whether the result is final, who signed it and when, and
the chair's findings beside the flags (issue 8, item 5) — for a tender taken through the panel session in the
store: the sample tender, every judge submitting, the chair answering the abnormally low price and the outlier,
then finalising."""
from __future__ import annotations

import datetime
import subprocess
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest

from bideval.export import write_workbook
from bideval import report
from bideval.report import findings, report_pdf
from bideval.storage import Store
from bideval.tender import document_heading
from bideval.workflow import FindingKind, Stage
from conftest import ROOT, admin_of, loaded_tender, seat_judge

BIDS = sorted((ROOT / "sample_bids" / "cs-outsourcing").glob("*.xlsx"))
PANEL = ROOT / "sample_bids" / "cs-outsourcing-panel.xlsx"
RUBRIC = ROOT / "criteria" / "cs-outsourcing.yaml"
CHEAP = "91330106MA2H8B1R7X"  # 杭州嘉禾: the abnormally low price (sample_bids/README.md)
SIGNED_AT = datetime.datetime(2026, 11, 30, 10, 15)
PRICE_FINDING = "投标人已书面说明成本构成，报价合理"
OUTLIER_FINDING = "张评委说明了理由，维持原分"
LATE_FINDING = "曾缺一名评委的评分，已补齐"  # on a flag the final result no longer raises


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    """The sample tender finalised by the chair (the administrator) at SIGNED_AT: (store, tender, chair)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('signoff') / 'db.sqlite3'}"
    store = Store(url, clock=lambda: SIGNED_AT)
    tender = loaded_tender(store, "客服外包", RUBRIC, BIDS, PANEL)
    chair = admin_of(store)  # loaded_tender leaves it in the scoring stage
    for name in store.judges(chair, tender):
        store.submit(seat_judge(store, tender, name), tender)
    store.close_scoring(chair, tender)
    for flag in store.blockers(chair, tender).unresolved:
        text = OUTLIER_FINDING if flag.kind is FindingKind.OUTLIER else PRICE_FINDING
        store.record_finding(chair, tender, flag.kind, flag.vendor_id, text, flag.criterion, flag.judge)
    store.record_finding(chair, tender, FindingKind.INCOMPLETE, CHEAP, LATE_FINDING)
    store.finalise(chair, tender)
    return store, tender, chair


def sheet_rows(data: bytes, name: str) -> list[list[str]]:
    book = openpyxl.load_workbook(BytesIO(data))
    return [["" if v is None else str(v) for v in row] for row in book[name].iter_rows(values_only=True)]


def workbook(result, lang: str, sign_off=None) -> bytes:
    buffer = BytesIO()
    write_workbook(result, buffer, lang, document_heading(result.rubric, "客服外包", on=SIGNED_AT.date(), sign_off=sign_off))
    return buffer.getvalue()


def test_the_store_says_who_signed_when_and_what_the_chair_found(signed):
    store, tender, chair = signed
    sign_off = store.sign_off(chair, tender)
    assert sign_off.final and (sign_off.stage, sign_off.signed_by, sign_off.signed_at) == (
        Stage.FINAL, chair.name, SIGNED_AT)
    kinds = sorted(f.flag.kind.value for f in sign_off.findings)
    assert kinds == ["abnormal_low_price", "incomplete", "outlier"]
    assert sign_off.text("zh") == f"已定稿：组长 {chair.name} 于 2026-11-30 10:15（UTC）签署"
    assert sign_off.text("en") == f"Final: signed by the chair, {chair.name}, on 2026-11-30 10:15 UTC"


@pytest.mark.parametrize("lang, finding_head, flag_word, sign_word", [
    ("zh", "组长意见", "异常低价：", "定稿签署"),
    ("en", "Chair's finding", "Abnormally low price: ", "Sign-off"),
])
def test_the_workbook_states_the_sign_off_and_the_findings_beside_the_flags(signed, lang, finding_head, flag_word,
                                                                              sign_word):
    store, tender, chair = signed
    sign_off = store.sign_off(chair, tender)
    data = workbook(store.result_for(chair, tender), lang, sign_off)
    ranking = sheet_rows(data, "Ranking")
    header = ranking[0]
    assert header[-1] == finding_head and header[-2] in ("标记", "Flags")
    (cheap,) = [row for row in ranking[1:] if row[1] == CHEAP]
    said = f"{PRICE_FINDING} — {chair.name}" if lang == "zh" else f"{PRICE_FINDING} ({chair.name})"
    assert flag_word + said in cheap[-1]
    assert LATE_FINDING in cheap[-1]  # a finding whose flag is gone is still on record
    (line,) = [row for row in ranking if row[0] == sign_word]
    assert line[2] == sign_off.text(lang)
    panel = sheet_rows(data, "Panel")
    assert panel[0][-1] == finding_head
    outliers = [row for row in panel[1:] if row[8] in ("是", "yes")]
    assert outliers and all(OUTLIER_FINDING in row[-1] for row in outliers)
    assert all(row[-1] == "" for row in panel[1:] if row[8] not in ("是", "yes") and row[0])
    audit = sheet_rows(data, "Audit")
    assert [sign_word, sign_off.text(lang)] == [r for r in audit if r[0] == sign_word][0][:2]


def test_without_a_panel_session_the_workbook_is_as_before(signed):
    """The command line's workbook (no sign-off) gains no column and no line: existing results stay identical."""
    store, tender, chair = signed
    result = store.result_for(chair, tender)
    plain = sheet_rows(workbook(result, "zh"), "Ranking")
    assert "组长意见" not in plain[0] and not any(row[0] == "定稿签署" for row in plain)
    assert workbook(result, "zh") == workbook(result, "zh", None)


def test_a_reopened_tender_is_stated_as_not_final(signed, tmp_path):
    store, tender, chair = signed
    copy = Store(store.url, clock=lambda: SIGNED_AT)  # finalised again at the same time, for the tests after
    copy.reopen(chair, tender, "复核分值汇总")
    try:
        sign_off = copy.sign_off(chair, tender)
        assert not sign_off.final and sign_off.signed_by is None
        assert sign_off.text("zh") == "尚未定稿：当前处于“复核”阶段，尚无人签署"
        ranking = sheet_rows(workbook(copy.result_for(chair, tender), "en", sign_off), "Ranking")
        (line,) = [row for row in ranking if row[0] == "Sign-off"]
        assert line[2] == "Not final: the tender is in the review stage and nobody has signed it"
    finally:
        copy.finalise(chair, tender)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_puts_the_chair_s_findings_beside_the_flags(signed, lang):
    store, tender, chair = signed
    sign_off = store.sign_off(chair, tender)
    rows = findings(store.result_for(chair, tender), lang, sign_off)
    by_flag = {(r.vendor_id, r.flag): r.finding for r in rows}
    price = "异常低价" if lang == "zh" else "Abnormally low price"
    assert PRICE_FINDING in by_flag[(CHEAP, price)]
    assert all(OUTLIER_FINDING in r.finding for r in rows if r.flag in ("评分畸高畸低", "Outlying score"))
    assert LATE_FINDING in rows[-1].finding  # its flag is no longer raised: listed after the others
    assert all(r.finding == "" for r in findings(store.result_for(chair, tender), lang))  # no session, no findings


@pytest.mark.parametrize("lang, words", [
    ("zh", ["已定稿：组长", "于2026-11-3010:15（UTC）签署", PRICE_FINDING, OUTLIER_FINDING]),
    ("en", ["Final:signedbythechair", "on2026-11-3010:15UTC", PRICE_FINDING, OUTLIER_FINDING]),
])
def test_the_report_pdf_states_the_sign_off(signed, tmp_path, lang, words):
    store, tender, chair = signed
    result = store.result_for(chair, tender)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(report_pdf(result, lang, document_heading(result.rubric, "客服外包", on=SIGNED_AT.date(),
                                                          sign_off=store.sign_off(chair, tender))))
    text = "".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                                  text=True, timeout=60).stdout.split())
    for word in words:
        assert "".join(word.split()) in text, word


AGREED_REASON = "合议：方案较完整"


@pytest.fixture(scope="module")
def agreed(tmp_path_factory):
    """The sample tender under ``aggregate: consensus``, every judge submitted, the chair's agreed score entered with
    its reason on each ranked bid's first panel criterion: (store, tender, chair, (vendor_id, criterion, score))."""
    rubric = tmp_path_factory.mktemp("agreed") / RUBRIC.name
    rubric.write_text(RUBRIC.read_text(encoding="utf-8").replace("aggregate: trimmed_mean", "aggregate: consensus"),
                      encoding="utf-8")
    store = Store(f"sqlite:///{rubric.parent / 'db.sqlite3'}", clock=lambda: SIGNED_AT)
    tender = loaded_tender(store, "客服外包", rubric, BIDS, PANEL)
    chair = admin_of(store)
    for name in store.judges(chair, tender):
        store.submit(seat_judge(store, tender, name), tender)
    store.close_scoring(chair, tender)
    result = store.result_for(chair, tender)
    first = result.ranking[0].vendor_id
    criterion = result.rubric.panel_criteria[0]
    score = result.standing(first).criteria[criterion.id]
    store.set_consensus(chair, tender, first, criterion.id, score, AGREED_REASON)
    return store, tender, chair, (first, criterion, score)


@pytest.mark.parametrize("lang, head", [("zh", "合议理由"), ("en", "Reason for the agreed score")])
def test_an_agreed_score_s_reason_is_in_the_workbook_and_the_report(agreed, lang, head):
    """The reasons were in the audit trail only (app8 A8-4): the Panel sheet has them beside the agreed score, the
    report lists each agreed score with its reason, as the chair's findings are quoted."""
    store, tender, chair, (vendor, criterion, score) = agreed
    sign_off = store.sign_off(chair, tender)
    assert [(a.vendor_id, a.criterion, a.score, a.reason) for a in sign_off.agreed] == [
        (vendor, criterion.id, score, AGREED_REASON)]
    said = f"{AGREED_REASON} — {chair.name}" if lang == "zh" else f"{AGREED_REASON} ({chair.name})"
    result = store.result_for(chair, tender)
    panel = sheet_rows(workbook(result, lang, sign_off), "Panel")
    column = panel[0].index(head)
    assert panel[0][column - 1].startswith(("评委评分结果", "Panel score")) and panel[0][-1] in ("组长意见",
                                                                                              "Chair's finding")
    rows = [r for r in panel[1:] if r[0] and r[1] in {s.vendor_id for s in result.ranking}]
    assert {r[column] for r in rows if (r[1], r[3]) == (vendor, criterion.id)} == {said}
    assert {r[column] for r in rows if (r[1], r[3]) != (vendor, criterion.id)} == {""}
    assert "合议理由" not in sheet_rows(workbook(result, lang), "Panel")[0]  # the command line has no agreed scores
    listed = report.agreed_scores(result, lang, sign_off)
    assert [(a.vendor_id, a.criterion, a.score, a.reason) for a in listed] == [
        (vendor, criterion.name.text(lang), str(score), said)]


def test_the_report_pdf_prints_the_agreed_scores_reasons(agreed, tmp_path):
    store, tender, chair, _ = agreed
    result = store.result_for(chair, tender)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(report_pdf(result, "zh", document_heading(result.rubric, "客服外包", on=SIGNED_AT.date(),
                                                          sign_off=store.sign_off(chair, tender))))
    text = "".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                                  text=True, timeout=60).stdout.split())
    assert "合议理由" in text and AGREED_REASON in text
