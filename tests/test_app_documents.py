"""Bid documents and the upload history in AppTest, in Chinese and English: uploading a proposal with its bid or
later, hostile files refused in the UI language, removal, a judge opening the proposal beside the row they are
scoring, and the import report of every upload kept across sessions."""
from __future__ import annotations

import json

import pytest
from streamlit.runtime.memory_media_file_storage import _calculate_file_id

from bideval.documents import Envelope
from bideval.rights import Role
from bideval.storage import Store
from conftest import (EXAMPLE_RUBRIC, VENDOR_A, VENDOR_B, admin_call, admin_of, chair_tender, good_bid, open_app,
                      seat_judge, write_form)
from document_files import JS_ACTION, image, pdf_file, proposal_pdf, with_catalog

PDF_MIME = "application/pdf"
PROPOSAL_A = proposal_pdf("Technical proposal", "Vendor A")
PROPOSAL_B = proposal_pdf("Technical proposal", "Vendor B")
SCRIPTED = pdf_file(with_catalog(b"/OpenAction 5 0 R", o5=JS_ACTION))
JUDGE = "王评委"


@pytest.fixture
def tender(app_db: str) -> int:
    """An empty tender of the formats.md example rubric, run by the administrator."""
    return chair_tender(Store(app_db), "附件测试", EXAMPLE_RUBRIC.read_text(encoding="utf-8"), EXAMPLE_RUBRIC.name)


def shown_pdfs(app) -> list[dict]:
    """What each PDF viewer on the page was given: its file's address, height and name."""
    return [json.loads(c.proto.json) for c in app.get("bidi_component")
            if c.proto.component_name == "streamlit-pdf.pdf_viewer"]


def shows(app, content: bytes) -> bool:
    """Whether a PDF viewer on the page shows exactly ``content`` (Streamlit names a media file by its bytes)."""
    return any(p["file"].endswith(f"/{_calculate_file_id(content, PDF_MIME)}.pdf") for p in shown_pdfs(app))


def with_price_schedule(tender: int, tmp_path, name: str):
    """The tender with A's bid form imported (the store, the administrator and the form's path) and a price schedule
    ``name`` attached to A's price envelope, prices hidden from the panel."""
    store = Store()
    admin = admin_of(store)
    form = write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, name="甲公司"))
    store.import_bids(admin, tender, [("a.xlsx", form.read_bytes())])
    store.add_documents(admin, tender, VENDOR_A, [(name, PROPOSAL_B)], Envelope.PRICE)
    store.set_hide_prices(admin, tender, True)
    return store, admin, form


def upload(app, key: str, button: str, *files: tuple[str, bytes]):
    app.file_uploader(key=key).set_value([(name, content, "application/octet-stream")
                                          for name, content in files]).run()
    app.button(key=button).click().run()
    assert not app.exception
    return app


# -- the Bids page

@pytest.mark.parametrize("lang, attached, envelope", [
    ("zh", "已作为附件加入 `91110000802100433B` 的投标", "技术标"),
    ("en", "attached to the bid of `91110000802100433B`", "technical envelope")])
def test_a_proposal_uploaded_with_its_bid_is_attached_and_shown(tender, tmp_path, lang, attached, envelope):
    form = write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, name="甲公司"))
    app = open_app("bids", lang=lang, tender_id=tender)
    upload(app, "bids_upload_0", "bids_import", ("a.xlsx", form.read_bytes()), ("甲-技术方案.pdf", PROPOSAL_A))
    assert any(attached in s.value and "甲-技术方案.pdf" in s.value for s in app.success)
    (document,) = admin_call("documents", tender)
    assert (document.vendor_id, document.name, document.envelope) == (VENDOR_A, "甲-技术方案.pdf", Envelope.TECHNICAL)
    assert shows(app, PROPOSAL_A)  # the chosen bid's proposal, in the page
    assert app.selectbox(key="bids_docs_document").value == document.id
    assert any(f"SHA-256 `{document.sha256}`" == c.value for c in app.caption)
    history = app.expander[0]
    assert "甲-技术方案.pdf" in history.markdown[0].value and envelope in history.markdown[0].value


@pytest.mark.parametrize("lang, said", [
    ("zh", "与 `91110000802100433B` 的投标已有的附件 甲-技术方案.pdf 内容完全相同（SHA-256 一致），只保存一份，未重复添加"),
    ("en", "the same file as 甲-技术方案.pdf, which the bid of `91110000802100433B` holds already (the same SHA-256): "
           "kept once, not attached again")])
def test_the_same_proposal_uploaded_again_renamed_with_replace_is_kept_once_and_said_so(tender, tmp_path, lang, said):
    form = write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A, name="甲公司"))
    app = open_app("bids", lang=lang, tender_id=tender)
    upload(app, "bids_upload_0", "bids_import", ("a.xlsx", form.read_bytes()), ("甲-技术方案.pdf", PROPOSAL_A))
    app.checkbox(key="bids_replace").check().run()
    upload(app, "bids_upload_1", "bids_import", ("a.xlsx", form.read_bytes()), ("甲-技术方案-终版.pdf", PROPOSAL_A))
    assert any(said in i.value and "甲-技术方案-终版.pdf" in i.value for i in app.info)
    assert [d.name for d in admin_call("documents", tender)] == ["甲-技术方案.pdf"]
    assert said in app.expander[0].markdown[0].value  # the upload history, newest first


@pytest.mark.parametrize("lang, said", [
    ("zh", "与 `91110000802100433B` 的投标已有的一个密封附件（您的评委席位提交评分前不显示名称）内容完全相同"),
    ("en", "the same file as a sealed document (not named while your panel seat still scores) which the bid of "
           "`91110000802100433B` holds already")])
def test_a_file_kept_once_does_not_name_a_document_the_importer_s_seat_may_not_open(tender, tmp_path, lang, said):
    """import15: an officer who holds a seat still scoring uploads a proposal whose bytes a price schedule of the bid
    holds already: the last-import report named the price schedule ('报价明细-甲.pdf', a name that can carry a
    price), which the upload history withholds from that seat."""
    store, admin, form = with_price_schedule(tender, tmp_path, "报价明细-甲.pdf")
    store.give_role(admin, tender, "admin", Role.JUDGE, judge_name="采购人代表")  # the officer scores too
    store.declare(admin, tender, {})
    app = open_app("bids", lang=lang, tender_id=tender)
    app.checkbox(key="bids_replace").check().run()
    upload(app, "bids_upload_0", "bids_import", ("a.xlsx", form.read_bytes()), ("甲-方案.pdf", PROPOSAL_B))
    told = [i.value for i in app.info if "甲-方案.pdf" in i.value]
    assert len(told) == 1 and said in told[0], told
    assert "报价明细" not in "\n".join(e.value for kind in ("info", "success", "warning", "markdown")
                                     for e in getattr(app, kind))
    assert "报价明细" not in app.expander[0].markdown[0].value  # the history, as before
    assert admin_call("documents", tender) == []  # kept once: no technical copy stored (the price one sealed)
    assert store.uploads(admin, tender)[0].files[1].sealed  # the package's one rule, for both


@pytest.mark.parametrize("lang, message", [
    ("zh", "该 PDF 含有可执行的内容（JavaScript 脚本），可能在评委的电脑上运行；请投标人提供不含这些内容的副本（如重新打印为 PDF）"),
    ("en", "the PDF carries active content (JavaScript), which could run on a judge's computer; ask the bidder for "
           "a plain copy (print it to PDF again)")])
def test_a_hostile_document_is_refused_in_the_ui_language_and_nothing_stored(two_bids, lang, message):
    app = open_app("bids", lang=lang, tender_id=two_bids)
    assert "该投标没有可查看的附件。" in [i.value for i in app.info] or lang == "en"
    upload(app, "bids_docs_upload_0", "bids_docs_attach", ("方案.pdf", SCRIPTED), ("资质.png", image()))
    errors = [e.value for e in app.error]
    assert len(errors) == 1 and "方案.pdf" in errors[0] and message in errors[0]
    assert [d.name for d in admin_call("documents", two_bids)] == ["资质.png"]
    assert app.get("image")  # the picture that passed is shown as itself
    assert message in app.expander[0].markdown[0].value  # and the history keeps why the other was refused


@pytest.mark.parametrize("lang, label", [("zh", "价格标"), ("en", "price envelope")])
def test_a_price_schedule_is_attached_later_to_the_price_envelope(two_bids, lang, label):
    app = open_app("bids", lang=lang, tender_id=two_bids)
    app.selectbox(key="bids_selected").set_value(VENDOR_B).run()
    app.radio(key="bids_docs_envelope").set_value(Envelope.PRICE.value).run()
    upload(app, "bids_docs_upload_0", "bids_docs_attach", ("报价明细.pdf", PROPOSAL_B))
    (document,) = admin_call("documents", two_bids)
    assert (document.vendor_id, document.envelope) == (VENDOR_B, Envelope.PRICE)
    (listed,) = app.selectbox(key="bids_docs_document").options
    assert listed.startswith("报价明细.pdf · PDF") and listed.endswith(label)
    assert shows(app, PROPOSAL_B)


def test_removing_a_document_needs_a_confirmation(two_bids):
    admin_call("add_documents", two_bids, VENDOR_A, [("方案.pdf", PROPOSAL_A)])
    app = open_app("bids", lang="en", tender_id=two_bids)
    app.button(key="bids_docs_remove").click().run()
    assert any(w.value.startswith("Remove the document **方案.pdf**") for w in app.warning)
    assert len(admin_call("documents", two_bids)) == 1
    app.button(key="bids_docs_remove_cancel").click().run()
    assert len(admin_call("documents", two_bids)) == 1
    app.button(key="bids_docs_remove").click().run()
    app.button(key="bids_docs_remove_confirm").click().run()
    assert not app.exception
    assert admin_call("documents", two_bids) == [] and not shown_pdfs(app)
    assert admin_call("events", two_bids)[-1].action == "remove_document"



# -- the import history, kept

@pytest.mark.parametrize("lang, refused, why", [
    ("zh", "拒绝 1 个文件", "`Bid!C6` 信息系统运行维护能力证书等级：应为不小于 0 的整数，实际为 'two'"),
    ("en", "1 file(s) refused", "`Bid!C6` ITSS O&M capability level: expected a whole number (0 or more), found 'two'")])
def test_every_upload_stays_on_the_bids_page_in_a_new_session(tender, tmp_path, lang, refused, why):
    good = write_form(tmp_path / "good.xlsx", good_bid(VENDOR_A, name="甲公司"))
    bad = write_form(tmp_path / "bad.xlsx", good_bid(VENDOR_B, itss_level="two"))
    first = open_app("bids", lang="zh", tender_id=tender)
    upload(first, "bids_upload_0", "bids_import", ("good.xlsx", good.read_bytes()), ("bad.xlsx", bad.read_bytes()))
    upload(first, "bids_upload_1", "bids_import", ("方案.pdf", PROPOSAL_A))  # no bid in this upload: refused
    later = open_app("bids", lang=lang, tender_id=tender)  # another person, another day
    assert later.session_state.bids_report is None
    titles = [e.label for e in later.expander]
    assert len(titles) == 2 and "管理员 admin" in titles[0] and refused in titles[1]  # newest first
    older = later.expander[1].markdown[0].value
    assert "good.xlsx" in older and VENDOR_A in older and "甲公司" in older
    assert why in older
    newest = later.expander[0].markdown[0].value
    assert "方案.pdf" in newest and ("本次导入了 0 份" if lang == "zh" else "this one imported 0") in newest


# -- the scoring page: the proposal beside the grid

@pytest.fixture
def scoring(two_bids: int) -> int:
    """Both bids with their proposals, B with a price schedule too, scoring open, A's tier agreed, a judge seated."""
    admin_call("add_documents", two_bids, VENDOR_A, [("甲-技术方案.pdf", PROPOSAL_A)])
    admin_call("add_documents", two_bids, VENDOR_B, [("乙-技术方案.pdf", PROPOSAL_B), ("乙-证书.png", image())])
    admin_call("open_scoring", two_bids)
    admin_call("set_tier", two_bids, VENDOR_A, "ops_plan", "t3")
    return two_bids


def grid_row(app, vendor_id: str, criterion_start: str) -> int:
    table = app.data_editor[0].value
    hits = table.index[(table["vendor_id"] == vendor_id) & table["criterion"].str.startswith(criterion_start)]
    return int(hits[0])


@pytest.mark.parametrize("lang, panel, design", [("zh", "查看投标人的附件", "服务方案"),
                                                  ("en", "Documents of", "Service design")])
def test_a_judge_opens_the_proposal_of_the_row_they_score(scoring, lang, panel, design):
    seat_judge(Store(), scoring, JUDGE)
    app = open_app("scoring", lang=lang, tender_id=scoring, judge=JUDGE)
    assert not app.exception
    picker = app.selectbox(key="proposal_vendor")
    assert picker.label == panel and picker.options == ["甲公司 · 91110000802100433B", "乙公司 · 91440300708461136T"]
    assert picker.value == VENDOR_A and shows(app, PROPOSAL_A)
    # the judge scores a row of B: the panel turns to B's proposal
    row = grid_row(app, VENDOR_B, design)
    app.session_state[app.data_editor[0].key] = {"edited_rows": {row: {"score": "4"}}, "added_rows": [],
                                                 "deleted_rows": []}
    app.run()
    assert not app.exception and not app.error
    assert app.selectbox(key="proposal_vendor").value == VENDOR_B and shows(app, PROPOSAL_B)
    assert not shows(app, PROPOSAL_A)
    # B has two documents: the judge picks the picture
    assert [o.split(" · ")[0] for o in app.selectbox(key="proposal_document").options] == ["乙-技术方案.pdf", "乙-证书.png"]
    png = next(d.id for d in admin_call("documents", scoring) if d.name == "乙-证书.png")
    app.selectbox(key="proposal_document").set_value(png).run()
    assert app.get("image") and not shown_pdfs(app)


def test_a_recused_judge_sees_no_document_of_that_bidder(scoring):
    seat_judge(Store(), scoring, JUDGE, conflicts=[VENDOR_B])
    app = open_app("scoring", lang="en", tender_id=scoring, judge=JUDGE)
    assert app.selectbox(key="proposal_vendor").options == ["甲公司 · 91110000802100433B"]
    assert shows(app, PROPOSAL_A) and not shows(app, PROPOSAL_B)


def test_a_price_schedule_stays_hidden_beside_the_grid_while_prices_are(tender, tmp_path):
    store, admin, _ = with_price_schedule(tender, tmp_path, "报价明细.pdf")
    store.open_scoring(admin, tender)
    seat_judge(store, tender, JUDGE)
    app = open_app("scoring", lang="zh", tender_id=tender, judge=JUDGE)
    assert not app.exception and not shown_pdfs(app)
    assert not [s for s in app.selectbox if s.key == "proposal_vendor"]  # no document to open: the grid alone


def test_without_documents_the_grid_keeps_the_whole_page(two_bids):
    admin_call("open_scoring", two_bids)
    seat_judge(Store(), two_bids, JUDGE)
    app = open_app("scoring", lang="en", tender_id=two_bids, judge=JUDGE)
    assert not app.exception and app.data_editor
    assert not shown_pdfs(app) and not [s for s in app.selectbox if s.key == "proposal_vendor"]
