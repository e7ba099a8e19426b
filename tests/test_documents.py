"""Bid documents: every check of bideval.documents with its refusal's exact data, and the store on a real SQLite file
and a real PostgreSQL server — stored with its SHA-256, listed in the audit trail and the ranked workbook's Audit
sheet, opened per role (recusal, the price envelope), nothing stored on a refusal, the upload history kept."""
from __future__ import annotations

import hashlib
import random
import tempfile
from decimal import Decimal as D
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from bideval import messages
from bideval.documents import (MAX_DOCUMENT_BYTES, DocumentKind, DocumentRefused, Envelope, check_document,
                               name_problem)
from bideval.export import write_workbook
from bideval.rights import Actor, RightRefused, Role
from bideval.schema import DocumentRecord, UploadRecord
from bideval.storage import KeptDocuments, Store
from bideval.uploads import DOCUMENT
from bideval.workflow import StageRefused
from conftest import EXAMPLE_RUBRIC, VENDOR_A, VENDOR_B, admin_of, good_bid, write_form
from document_files import (JS_ACTION, PAGE, attachment_pdf, bomb_png, encrypted_pdf, image, pdf_file, png_header_only,
                            proposal_pdf, with_catalog)
from test_storage import fresh_postgres, people

RUBRIC_TEXT = EXAMPLE_RUBRIC.read_text(encoding="utf-8")
PROPOSAL = proposal_pdf("Technical proposal", "Vendor A")


# -- the checks, one file at a time

@pytest.mark.parametrize("name, content, kind, facts", [
    ("技术方案.pdf", PROPOSAL, DocumentKind.PDF, {"pages": 1}),
    ("Proposal.PDF", proposal_pdf(pages=3), DocumentKind.PDF, {"pages": 3}),
    ("hand-written.pdf", pdf_file(PAGE), DocumentKind.PDF, {"pages": 1}),
    ("compressed.pdf", pdf_file(PAGE, compressed={1, 2, 3}), DocumentKind.PDF, {"pages": 1}),
    ("a link is fine.pdf", pdf_file(with_catalog(b"/OpenAction << /S /URI /URI (https://example.org) >>")),
     DocumentKind.PDF, {"pages": 1}),
    ("证书.png", image("PNG", (120, 80)), DocumentKind.PNG, {"width": 120, "height": 80}),
    ("scan.jpg", image("JPEG", (64, 48)), DocumentKind.JPEG, {"width": 64, "height": 48}),
    ("scan.JPEG", image("JPEG", (10, 10)), DocumentKind.JPEG, {"width": 10, "height": 10}),
])
def test_a_good_document_passes_with_its_hash_and_size(name, content, kind, facts):
    document = check_document(name, content)
    assert (document.name, document.kind, document.size) == (name, kind, len(content))
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert {k: getattr(document, k) for k in facts} == facts


TOO_BIG = b"%PDF-1.7\n" + b"0" * (MAX_DOCUMENT_BYTES - 8)
HOSTILE = [
    # (name, content, code, facts)
    ("../../etc/passwd.pdf", PROPOSAL, "document.bad_name", {"why": "path", "limit": 200}),
    ("C:\\bids\\a.pdf", PROPOSAL, "document.bad_name", {"why": "path", "limit": 200}),
    ("\u202efdp.exe.pdf", PROPOSAL, "document.bad_name", {"why": "control", "limit": 200}),
    ("a\x00.pdf", PROPOSAL, "document.bad_name", {"why": "control", "limit": 200}),
    (".hidden.pdf", PROPOSAL, "document.bad_name", {"why": "hidden", "limit": 200}),
    ("x" * 201 + ".pdf", PROPOSAL, "document.bad_name", {"why": "too_long", "limit": 200}),
    ("   ", PROPOSAL, "document.bad_name", {"why": "empty", "limit": 200}),
    ("proposal.docx", PROPOSAL, "document.type_not_allowed",
     {"suffix": ".docx", "allowed": (".pdf", ".png", ".jpg", ".jpeg")}),
    ("proposal", PROPOSAL, "document.type_not_allowed", {"suffix": "", "allowed": (".pdf", ".png", ".jpg", ".jpeg")}),
    ("empty.pdf", b"", "document.empty", {}),
    ("huge.pdf", TOO_BIG, "document.too_large", {"size": MAX_DOCUMENT_BYTES + 1, "limit": MAX_DOCUMENT_BYTES}),
    ("notes.pdf", "方案说明，见附件".encode(), "document.not_what_it_says", {"declared": "pdf", "found": "text"}),
    ("page.pdf", b"<!DOCTYPE html><html><script>alert(1)</script>", "document.not_what_it_says",
     {"declared": "pdf", "found": "html"}),
    ("renamed.pdf", b"PK\x03\x04" + b"\0" * 40, "document.not_what_it_says", {"declared": "pdf", "found": "zip"}),
    ("old.pdf", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 40, "document.not_what_it_says",
     {"declared": "pdf", "found": "ole"}),
    ("photo.jpg", image("PNG"), "document.not_what_it_says", {"declared": "jpeg", "found": "png"}),
    ("program.png", b"MZ\x90\x00" + b"\0" * 60, "document.not_what_it_says", {"declared": "png", "found": "exe"}),
    ("late-header.pdf", b"<html>junk</html>\n" + PROPOSAL, "document.not_what_it_says",
     {"declared": "pdf", "found": "pdf_late"}),
    ("script.pdf", pdf_file(with_catalog(b"/OpenAction 5 0 R", o5=JS_ACTION)), "document.active_content",
     {"found": ("javascript",)}),
    ("hidden-script.pdf", pdf_file(with_catalog(b"/OpenAction 5 0 R", o5=JS_ACTION), compressed={1, 5}),
     "document.active_content", {"found": ("javascript",)}),
    ("escaped.pdf", pdf_file(with_catalog(b"/OpenAction << /S /L#61unch /F (calc.exe) >>")),
     "document.active_content", {"found": ("launch",)}),
    ("named-js.pdf", pdf_file(with_catalog(b"/Names << /JavaScript 5 0 R >>", o5=b"<< /Names [(a) 6 0 R] >>",
                                           o6=JS_ACTION)), "document.active_content", {"found": ("javascript",)}),
    ("unreachable.pdf", pdf_file({**PAGE, 5: JS_ACTION}), "document.active_content", {"found": ("javascript",)}),
    ("attached.pdf", attachment_pdf(), "document.active_content", {"found": ("embedded_file",)}),
    ("form.pdf", pdf_file(with_catalog(b"/AcroForm << /Fields [] /XFA 5 0 R >>", o5=b"<< /Length 0 >>\nstream\n\nendstream")),
     "document.active_content", {"found": ("xfa",)}),
    ("submit.pdf", pdf_file(with_catalog(b"/OpenAction << /S /SubmitForm /F (https://example.org) >>")),
     "document.active_content", {"found": ("form_data",)}),
    ("remote.pdf", pdf_file(with_catalog(b"/OpenAction << /S /GoToR /F (other.pdf) /D [0 /Fit] >>"),
                            compressed={1}), "document.active_content", {"found": ("remote_file",)}),
    ("encrypted.pdf", encrypted_pdf(), "document.encrypted", {}),
    ("cut.pdf", PROPOSAL[:200], "document.damaged", {"kind": "pdf"}),
    ("no-pages.pdf", pdf_file({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [] /Count 0 >>"}),
     "document.damaged", {"kind": "pdf", "detail": "no pages"}),
    ("cut.png", image("PNG")[:60], "document.damaged", {"kind": "png"}),
    ("cut.jpg", image("JPEG")[:150], "document.damaged", {"kind": "jpeg"}),
    ("big.png", bomb_png(7000), "document.too_many_pixels",
     {"width": 7000, "height": 7000, "frames": 1, "limit": 40_000_000}),
    ("bomb.png", bomb_png(10000), "document.too_many_pixels",
     {"width": None, "height": None, "frames": 1, "limit": 40_000_000}),
    ("forged.png", png_header_only(100_000, 100_000), "document.too_many_pixels",
     {"width": None, "height": None, "frames": 1, "limit": 40_000_000}),
]


@pytest.mark.parametrize("name, content, code, facts", HOSTILE, ids=[row[0][:30] for row in HOSTILE])
def test_a_hostile_or_oversized_document_is_refused_with_its_facts(name, content, code, facts):
    with pytest.raises(DocumentRefused) as refused:
        check_document(name, content)
    (problem,) = refused.value.problems
    assert problem.code == code
    assert {k: problem.data[k] for k in facts} == facts
    for lang in ("zh", "en"):  # said in both languages, naming the file without hidden characters
        line = messages.render(problem, lang)
        assert line.startswith(problem.file) and "\u202e" not in line and "\x00" not in line


def test_the_refusals_are_said_in_the_ui_language():
    with pytest.raises(DocumentRefused) as refused:
        check_document("方案.pdf", pdf_file(with_catalog(b"/OpenAction 5 0 R", o5=JS_ACTION), compressed={1, 5}))
    (problem,) = refused.value.problems
    assert messages.render(problem, "zh") == ("方案.pdf：该 PDF 含有可执行的内容（JavaScript 脚本），可能在评委的电脑上运行；"
                                              "请投标人提供不含这些内容的副本（如重新打印为 PDF）")
    assert messages.render(problem, "en") == ("方案.pdf: the PDF carries active content (JavaScript), which could run on "
                                              "a judge's computer; ask the bidder for a plain copy (print it to PDF again)")


@pytest.mark.parametrize("name, why", [
    ("方案.pdf", ""), ("Vendor A - proposal (final).pdf", ""), ("a/b.pdf", "path"), ("a\\b.pdf", "path"),
    ("..", "hidden"), ("a:b.pdf", "path"), ("a\u200bb.pdf", "control"), ("line\nbreak.pdf", "control"),
])
def test_names_with_path_tricks_are_refused_not_cleaned(name, why):
    assert name_problem(name) == why


@pytest.mark.parametrize("seed", range(40))
def test_a_damaged_pdf_or_image_is_always_a_refusal_never_a_crash(seed):
    """Random bytes of good files overwritten: each result is a Document or a DocumentRefused, nothing else."""
    rng = random.Random(seed)
    for name, good in (("a.pdf", PROPOSAL), ("b.pdf", pdf_file(PAGE, compressed={1, 2, 3})), ("c.png", image("PNG")),
                       ("d.jpg", image("JPEG"))):
        damaged = bytearray(good)
        for _ in range(rng.randint(1, 12)):
            at = rng.randrange(8, len(damaged))
            damaged[at] = rng.randrange(256)
        if rng.random() < 0.3:
            del damaged[rng.randrange(8, len(damaged)):]
        try:
            check_document(name, bytes(damaged))
        except DocumentRefused as error:
            assert error.problems[0].code.startswith("document.")


# -- the store: real SQLite and PostgreSQL

@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'documents.sqlite3'}"
    return fresh_postgres(request.getfixturevalue("postgres_url"), tmp_path)


@pytest.fixture
def tender(url, built_once, tmp_path: Path):
    """Two valid bids, procurement 'buyer', chair, observer, judges wang and li, in the scoring stage. Made once for
    the module in each kind of database, copied into ``url`` for each test; the bid forms imported are in
    ``tmp_path``."""
    tender, who, forms = built_once("tender", scoring_tender, url)
    for name, content in forms:
        (tmp_path / name).write_bytes(content)
    return Store(url), tender, who


def scoring_tender(url: str) -> tuple[int, dict[str, Actor], list[tuple[str, bytes]]]:
    store = Store(url)
    who = people(store)
    tender = store.create_tender(who["buyer"], "T", RUBRIC_TEXT, "example.yaml")
    with tempfile.TemporaryDirectory() as folder:
        made = (write_form(Path(folder) / "a.xlsx", good_bid(VENDOR_A, name="甲公司")),
                write_form(Path(folder) / "b.xlsx", good_bid(VENDOR_B, name="乙公司")))
        forms = [(f.name, f.read_bytes()) for f in made]
    assert store.import_bids(who["buyer"], tender, forms).ok
    store.give_role(who["buyer"], tender, "chair", Role.CHAIR)
    store.give_role(who["buyer"], tender, "observer", Role.OBSERVER)
    store.give_role(who["buyer"], tender, "wang", Role.JUDGE, judge_name="王评委")
    store.give_role(who["buyer"], tender, "li", Role.JUDGE, judge_name="李评委")
    store.open_scoring(who["chair"], tender)
    store.engine.dispose()  # a database copied from must have no connection
    return tender, who, forms


def stored_rows(store: Store) -> int:
    with store.db.read() as s:
        return s.execute(select(func.count(DocumentRecord.id))).scalar_one()


def test_a_document_is_stored_with_its_bid_hashed_audited_and_listed_in_the_audit_sheet(tender):
    store, t, who = tender
    report = store.add_documents(who["buyer"], t, VENDOR_A, [("技术方案.pdf", PROPOSAL), ("资质.png", image())])
    assert report.ok and report.attached == {"技术方案.pdf": VENDOR_A, "资质.png": VENDOR_A}
    listed = store.documents(who["chair"], t)
    assert [(d.vendor_id, d.name, d.kind, d.envelope, d.size, d.pages) for d in listed] == [
        (VENDOR_A, "技术方案.pdf", DocumentKind.PDF, Envelope.TECHNICAL, len(PROPOSAL), 1),
        (VENDOR_A, "资质.png", DocumentKind.PNG, Envelope.TECHNICAL, len(image()), None)]
    stored, content = store.document(who["chair"], t, listed[0].id)
    assert content == PROPOSAL and stored.sha256 == hashlib.sha256(PROPOSAL).hexdigest() == listed[0].sha256
    added = [e for e in store.events(who["chair"], t) if e.action == "add_document"]
    assert [(e.actor, e.subject, e.detail) for e in added] == [
        ("buyer", f"{VENDOR_A} 技术方案.pdf", f"sha256={stored.sha256}"),
        ("buyer", f"{VENDOR_A} 资质.png", f"sha256={hashlib.sha256(image()).hexdigest()}")]
    assert store.verify_audit(who["chair"], t).ok
    # the ranked workbook's Audit sheet lists each document with its bid and SHA-256
    out = BytesIO()
    write_workbook(store.evaluate(who["chair"], t), out, "en")
    rows = [tuple(r) for r in openpyxl.load_workbook(BytesIO(out.getvalue()))["Audit"].iter_rows(values_only=True)]
    assert ("bid document", f"{VENDOR_A}/技术方案.pdf", stored.sha256) in rows


def test_documents_come_with_the_bid_in_one_upload(tender, tmp_path):
    store, t, who = tender
    c = write_form(tmp_path / "c.xlsx", good_bid("91310000MA1FL0000X", name="丙公司"))
    report = store.import_bids(who["buyer"], t, [("c.xlsx", c.read_bytes()), ("丙-方案.pdf", PROPOSAL)])
    assert report.ok and report.attached == {"丙-方案.pdf": "91310000MA1FL0000X"}
    # two bids in one upload: which one would a document belong to? Refused, the bids imported.
    d = write_form(tmp_path / "d.xlsx", good_bid("91110108MA01ABCD1X", name="丁公司"))
    e = write_form(tmp_path / "e.xlsx", good_bid("91110108MA01ABCE2Y", name="戊公司"))
    report = store.import_bids(who["buyer"], t, [(p.name, p.read_bytes()) for p in (d, e)] + [("方案.pdf", PROPOSAL)])
    assert sorted(report.accepted) == ["d.xlsx", "e.xlsx"] and not report.attached
    (problem,) = report.refused["方案.pdf"]
    assert (problem.code, problem.data) == ("document.which_bid", {"bids": 2})
    assert [d.vendor_id for d in store.documents(who["buyer"], t)] == ["91310000MA1FL0000X"]


@pytest.mark.parametrize("name, content, code", [(row[0], row[1], row[2]) for row in HOSTILE[::4]],
                         ids=[row[0][:30] for row in HOSTILE[::4]])
def test_a_refused_document_stores_nothing_and_the_report_keeps_why(tender, name, content, code):
    store, t, who = tender
    report = store.add_documents(who["buyer"], t, VENDOR_A, [(name, content), ("ok.pdf", PROPOSAL)])
    assert list(report.attached) == ["ok.pdf"]
    ((shown, (problem,)),) = report.refused.items()
    assert problem.code == code and shown == problem.file
    assert [d.name for d in store.documents(who["buyer"], t)] == ["ok.pdf"] and stored_rows(store) == 1
    assert [e.action for e in store.events(who["buyer"], t)][-2:] == ["add_document", "upload"]
    (upload, *_) = store.uploads(who["buyer"], t)
    refused = [f for f in upload.files if f.refused]
    assert [f.name for f in refused] == [shown] and refused[0].sha256 == hashlib.sha256(content).hexdigest()
    assert refused[0].problems[0].text.en == messages.message(problem, "en")
    assert refused[0].problems[0].text.zh == messages.message(problem, "zh")


def test_the_same_name_twice_and_a_removed_bid_are_refused(tender):
    store, t, who = tender
    store.add_documents(who["buyer"], t, VENDOR_A, [("方案.pdf", PROPOSAL)])
    report = store.add_documents(who["buyer"], t, VENDOR_A, [("方案.pdf", proposal_pdf("v2"))])
    ((problem,),) = report.refused.values()
    assert (problem.code, problem.data) == ("document.name_taken", {"vendor_id": VENDOR_A})
    report = store.add_documents(who["buyer"], t, "91110108MA01NOPE00", [("方案.pdf", PROPOSAL)])
    ((problem,),) = report.refused.values()
    assert (problem.code, problem.data) == ("document.no_bid", {"vendor_id": "91110108MA01NOPE00"})
    store.remove_bid(who["buyer"], t, VENDOR_A)
    assert store.documents(who["buyer"], t) == [] and stored_rows(store) == 0  # a bid's documents go with it


@pytest.mark.parametrize("url", ["sqlite"], indirect=True)
def test_a_replaced_bid_keeps_its_documents_and_says_so_in_the_report_and_the_audit_trail(tender, tmp_path):
    """A vendor's corrected bid form replaces its earlier one: the proposal and scans attached to that bid belong to
    the vendor's submission, so they stay with the new bid, each named in the import report and the audit entry (it
    had kept them without a word); a replaced bid with no document is told so too."""
    store, t, who = tender
    store.add_documents(who["buyer"], t, VENDOR_A, [("资质.png", image()), ("方案.pdf", PROPOSAL)])
    before = {d.name: d.sha256 for d in store.documents(who["buyer"], t)}
    a2 = write_form(tmp_path / "a2.xlsx", good_bid(VENDOR_A, name="甲公司更正版"))
    b2 = write_form(tmp_path / "b2.xlsx", good_bid(VENDOR_B, name="乙公司更正版"))
    report = store.import_bids(who["buyer"], t, [(p.name, p.read_bytes()) for p in (a2, b2)], replace=True)
    assert report.ok and report.replaced == {VENDOR_A: KeptDocuments(("方案.pdf", "资质.png")),
                                             VENDOR_B: KeptDocuments()}
    assert [b.vendor_name for b in store.bidset(who["buyer"], t).bids] == ["甲公司更正版", "乙公司更正版"]
    assert {d.name: d.sha256 for d in store.documents(who["buyer"], t) if d.vendor_id == VENDOR_A} == before
    details = [e.detail for e in store.events(who["buyer"], t) if e.action == "replace_bids"]
    assert [d.split("; ", 1)[1] for d in details] == [f"{VENDOR_A} keeps its 2 documents: 方案.pdf, 资质.png",
                                                      f"{VENDOR_B} had no documents"]


@pytest.mark.parametrize("url", ["sqlite"], indirect=True)
def test_the_same_pdf_uploaded_again_under_a_new_name_with_replace_is_kept_once(tender, tmp_path):
    """The corrected bid form uploaded with the proposal again, renamed (方案-最终版.pdf), with Replace: the replaced
    bid keeps its proposal and the upload had stored the same bytes a second time. The bid holds each file once; the
    report and the upload's history say which document holds them, and the audit entry so."""
    store, t, who = tender
    store.add_documents(who["buyer"], t, VENDOR_A, [("方案.pdf", PROPOSAL)])
    a2 = write_form(tmp_path / "a2.xlsx", good_bid(VENDOR_A, name="甲公司更正版"))
    report = store.import_bids(who["buyer"], t, [(a2.name, a2.read_bytes()), ("方案-最终版.pdf", PROPOSAL)],
                               replace=True)
    assert report.ok and report.attached == {} and report.already == {"方案-最终版.pdf": (VENDOR_A, "方案.pdf")}
    assert [(d.vendor_id, d.name) for d in store.documents(who["buyer"], t)] == [(VENDOR_A, "方案.pdf")]
    assert stored_rows(store) == 1
    (upload, *_) = store.uploads(who["buyer"], t)
    (kept,) = [f for f in upload.files if f.kind == DOCUMENT]
    assert (kept.name, kept.already, kept.attached_to, kept.refused) == ("方案-最终版.pdf", "方案.pdf", VENDOR_A, False)
    assert upload.documents == 0 and upload.refused == 0
    (detail, *_) = [e.detail for e in reversed(store.events(who["buyer"], t)) if e.action == "upload"]
    assert detail.endswith("; 方案-最终版.pdf kept once: the bid holds its bytes as 方案.pdf")


@pytest.mark.parametrize("url", ["sqlite"], indirect=True)
def test_a_file_kept_once_names_the_document_held_only_where_the_upload_history_would(tender):
    """import15: the report of an upload named the document holding the bytes to an officer whose panel seat may not
    open it (recused from that bidder here; a price schedule while prices are hidden in the app's test), though the
    upload history withheld it: one rule (what a seat may be told of an uploaded file) for both."""
    store, t, who = tender
    store.add_documents(who["buyer"], t, VENDOR_A, [("报价明细-甲.pdf", PROPOSAL)], Envelope.PRICE)
    store.give_role(who["admin"], t, "buyer", Role.JUDGE, judge_name="采购人代表")
    store.declare(who["buyer"], t, {VENDOR_A: "conflict"})
    report = store.add_documents(who["buyer"], t, VENDOR_A, [("甲-方案.pdf", PROPOSAL)])
    assert report.already == {"甲-方案.pdf": (VENDOR_A, "")}  # kept once, the document held not named
    assert store.uploads(who["buyer"], t)[0].files[0].sealed
    store.take_role(who["admin"], t, "buyer", Role.JUDGE)  # the seat given up: named again, as before
    assert store.add_documents(who["buyer"], t, VENDOR_A, [("方案-终版.pdf", PROPOSAL)]).already == {
        "方案-终版.pdf": (VENDOR_A, "报价明细-甲.pdf")}


def test_the_same_bytes_are_kept_once_per_bid_under_any_name_and_for_each_bid_apart(tender):
    store, t, who = tender
    store.add_documents(who["buyer"], t, VENDOR_A, [("方案.pdf", PROPOSAL)])
    again = store.add_documents(who["buyer"], t, VENDOR_A, [("方案.pdf", PROPOSAL), ("proposal.pdf", PROPOSAL)])
    assert again.ok and again.already == {"方案.pdf": (VENDOR_A, "方案.pdf"), "proposal.pdf": (VENDOR_A, "方案.pdf")}
    other = store.add_documents(who["buyer"], t, VENDOR_B, [("方案.pdf", PROPOSAL)])  # another bid's own copy
    assert other.attached == {"方案.pdf": VENDOR_B} and not other.already
    assert sorted((d.vendor_id, d.name) for d in store.documents(who["buyer"], t)) == [(VENDOR_A, "方案.pdf"),
                                                                                       (VENDOR_B, "方案.pdf")]


@pytest.mark.parametrize("url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("seat, hide_prices, conflict, told", [
    (False, True, None, KeptDocuments(("技术方案.pdf", "报价明细-总价98万.pdf"))),  # no seat: every name
    (True, False, False, KeptDocuments(("技术方案.pdf", "报价明细-总价98万.pdf"))),  # prices not sealed
    (True, True, False, KeptDocuments(("技术方案.pdf",), sealed=1)),  # the price envelope sealed
    (True, False, True, KeptDocuments(sealed=2)),  # recused from the bidder
    (True, False, None, KeptDocuments(sealed=2)),  # a bidder still to declare for: no document listed
])
def test_a_replaced_bids_documents_are_named_to_the_importer_only_as_their_seat_may_open_them(
        url, tmp_path, seat, hide_prices, conflict, told):
    """Found in review: a procurement officer whose panel seat still scores, blind to the price envelope, read the
    price schedule's name (a price in it) in the import report of a replacement. The report names a kept document
    as :meth:`Store.documents` lists it to them, and counts the rest; the audit entry, which that seat does not
    read, names every one."""
    store = Store(url)
    admin = admin_of(store)
    account, _ = store.accounts.create_account(admin, "buyer", "buyer", creates_tenders=True)
    buyer = Actor(account.id, "buyer")
    t = store.create_tender(buyer, "T", RUBRIC_TEXT, "example.yaml")
    form = write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    store.import_bids(buyer, t, [("a.xlsx", form.read_bytes()), ("技术方案.pdf", PROPOSAL)])
    store.add_documents(buyer, t, VENDOR_A, [("报价明细-总价98万.pdf", proposal_pdf("prices"))], Envelope.PRICE)
    store.set_hide_prices(buyer, t, hide_prices)
    if seat:
        store.give_role(buyer, t, "buyer", Role.JUDGE, judge_name="采购评委")
    if seat and conflict is not None:
        store.declare(buyer, t, {VENDOR_A: "former employer"} if conflict else {})
        assert sorted(d.name for d in store.documents(buyer, t)) == sorted(told.named)
    a2 = write_form(tmp_path / "a2.xlsx", good_bid(VENDOR_A, name="甲公司更正版"))
    report = store.import_bids(buyer, t, [(a2.name, a2.read_bytes())], replace=True)
    assert report.ok and report.replaced == {VENDOR_A: told}
    (detail,) = [e.detail for e in store.events(admin, t) if e.action == "replace_bids"]
    assert detail.endswith(f"{VENDOR_A} keeps its 2 documents: 技术方案.pdf, 报价明细-总价98万.pdf")
    if seat:  # that audit entry is not read through a seat still scoring
        with pytest.raises(RightRefused) as refused:
            store.events(buyer, t)
        assert refused.value.why == "blind"


def test_two_documents_of_one_name_in_one_upload_are_both_attached_each_under_its_own_name(tender):
    """A browser sends a file's name without its folder: vendorA/方案.pdf and vendorB/方案.pdf come as 方案.pdf twice.
    The second was refused as a name already attached, with advice to rename or remove what was attached, under the
    same name as the first: it is attached as 方案 (2).pdf, told as uploaded under 方案.pdf, in the report and the
    upload's history; a name an earlier upload attached is still refused."""
    store, t, who = tender
    second = proposal_pdf("v2")
    report = store.add_documents(who["buyer"], t, VENDOR_A, [("方案.pdf", PROPOSAL), ("方案.pdf", second)])
    assert report.attached == {"方案.pdf": VENDOR_A, "方案 (2).pdf": VENDOR_A} and report.refused == {}
    assert report.renamed == {"方案 (2).pdf": "方案.pdf"}
    stored = {d.name: d.sha256 for d in store.documents(who["buyer"], t)}
    assert stored == {"方案.pdf": hashlib.sha256(PROPOSAL).hexdigest(), "方案 (2).pdf": hashlib.sha256(second).hexdigest()}
    (upload, *_) = store.uploads(who["buyer"], t)
    assert [(f.name, f.uploaded_as) for f in upload.files] == [("方案.pdf", None), ("方案 (2).pdf", "方案.pdf")]
    report = store.add_documents(who["buyer"], t, VENDOR_A, [("方案.pdf", proposal_pdf("v3"))])
    ((problem,),) = report.refused.values()
    assert problem.code == "document.name_taken"


def test_removing_a_document_is_audited_with_its_hash(tender):
    store, t, who = tender
    store.add_documents(who["buyer"], t, VENDOR_A, [("方案.pdf", PROPOSAL)])
    (document,) = store.documents(who["buyer"], t)
    with pytest.raises(RightRefused, match="import or remove bids"):
        store.remove_document(who["chair"], t, document.id)
    store.remove_document(who["buyer"], t, document.id, reason="wrong file")
    last = store.events(who["buyer"], t)[-1]
    assert (last.action, last.subject, last.old_value, last.reason) == (
        "remove_document", f"{VENDOR_A} 方案.pdf", f"sha256={document.sha256}", "wrong file")
    assert store.documents(who["buyer"], t) == []


def test_who_may_add_and_open_documents(tender):
    store, t, who = tender
    store.add_documents(who["buyer"], t, VENDOR_A, [("方案.pdf", PROPOSAL)])
    store.add_documents(who["buyer"], t, VENDOR_B, [("乙方案.pdf", proposal_pdf("B"))])
    store.add_documents(who["buyer"], t, VENDOR_B, [("报价明细.pdf", proposal_pdf("prices"))], Envelope.PRICE)
    for role in ("chair", "wang", "observer", "stranger"):
        with pytest.raises(RightRefused, match="import or remove bids"):
            store.add_documents(who[role], t, VENDOR_A, [("x.pdf", PROPOSAL)])
    assert stored_rows(store) == 3
    # procurement and the chair open every document
    assert len(store.documents(who["buyer"], t)) == len(store.documents(who["chair"], t)) == 3
    # a judge: only after the declaration; never a bidder they are recused from
    with pytest.raises(RightRefused, match="declare for every bidder"):
        store.documents(who["wang"], t)
    store.declare(who["wang"], t, {VENDOR_B: "former employer"})
    assert [d.name for d in store.documents(who["wang"], t)] == ["方案.pdf"]
    b_document = next(d for d in store.documents(who["chair"], t) if d.name == "乙方案.pdf")
    with pytest.raises(RightRefused) as refused:
        store.document(who["wang"], t, b_document.id)
    assert refused.value.why == "recused" and refused.value.facts == {"vendor_id": VENDOR_B}
    assert messages.error_lines(refused.value, "zh")[0].endswith(f"您已声明与 {VENDOR_B} 存在利害关系（回避）")
    # an observer reads the bids (and their documents) once the result is final
    with pytest.raises(RightRefused, match="once it is final"):
        store.documents(who["observer"], t)
    with pytest.raises(RightRefused, match="read the bids"):
        store.documents(who["stranger"], t)


def test_a_price_schedule_is_hidden_from_a_judge_while_prices_are(url, tmp_path):
    store = Store(url)
    admin = admin_of(store)
    buyer, _ = store.accounts.create_account(admin, "buyer", "buyer", creates_tenders=True)
    wang, _ = store.accounts.create_account(admin, "wang", "王评委")
    buyer_actor, judge = Actor(buyer.id, "buyer"), Actor(wang.id, "王评委")
    t = store.create_tender(buyer_actor, "T", RUBRIC_TEXT, "example.yaml")
    form = write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    store.import_bids(buyer_actor, t, [("a.xlsx", form.read_bytes()), ("方案.pdf", PROPOSAL)])
    store.add_documents(buyer_actor, t, VENDOR_A, [("报价明细.pdf", proposal_pdf("prices"))], Envelope.PRICE)
    store.set_hide_prices(buyer_actor, t, True)
    store.give_role(buyer_actor, t, "wang", Role.JUDGE)
    store.declare(judge, t, {})
    assert [d.name for d in store.documents(judge, t)] == ["方案.pdf"]
    price = next(d for d in store.documents(buyer_actor, t) if d.envelope is Envelope.PRICE)
    with pytest.raises(RightRefused) as refused:
        store.document(judge, t, price.id)
    assert refused.value.why == "price_envelope"
    assert messages.error_lines(refused.value, "en")[0].endswith("this document belongs to the price envelope, "
                                                                  "sealed until you have submitted your technical scores")
    store.open_scoring(buyer_actor, t)
    store.set_score(judge, t, VENDOR_A, "service_design", D(4))
    store.give_role(buyer_actor, t, "buyer", Role.CHAIR)
    store.set_tier(buyer_actor, t, VENDOR_A, "ops_plan", "t3")
    store.set_score(judge, t, VENDOR_A, "ops_plan", D(12))
    store.submit(judge, t)
    assert [d.name for d in store.documents(judge, t)] == ["报价明细.pdf", "方案.pdf"]  # opened after submitting
    assert store.document(judge, t, price.id)[1] == proposal_pdf("prices")


def test_documents_are_added_only_while_bids_may_change(tender):
    store, t, who = tender
    store.close_scoring(who["chair"], t, reason="test")
    with pytest.raises(StageRefused):
        store.add_documents(who["buyer"], t, VENDOR_A, [("方案.pdf", PROPOSAL)])
    assert stored_rows(store) == 0


def test_the_upload_history_survives_a_restart_newest_first(tender, url, tmp_path):
    store, t, who = tender
    bad = write_form(tmp_path / "bad.xlsx", good_bid("91310000MA1FL0000X", itss_level="two"))
    store.import_bids(who["buyer"], t, [("bad.xlsx", bad.read_bytes())])
    store.add_documents(who["buyer"], t, VENDOR_A, [("方案.pdf", PROPOSAL)], Envelope.PRICE)
    store.db.dispose()
    again = Store(url)  # a new process: nothing kept in memory
    uploads = again.uploads(who["chair"], t)
    assert [len(u.files) for u in uploads] == [1, 1, 2]  # newest first: the document, the bad file, the sample bids
    document, refused, first = uploads
    assert (document.actor, document.vendor_id, document.files[0].attached_to, document.files[0].envelope) == (
        "buyer", VENDOR_A, VENDOR_A, "price")
    (problem,) = refused.files[0].problems
    assert problem.where == "bad.xlsx:Bid!C6" and problem.local == "Bid!C6" and problem.code == "cell"
    assert problem.subject.zh == "信息系统运行维护能力证书等级" and problem.text.en == "expected a whole number (0 or more), found 'two'"
    assert [v for f in first.files for v, _ in f.vendors] == [VENDOR_A, VENDOR_B]
    assert [f.sha256 for f in first.files] == [hashlib.sha256((tmp_path / n).read_bytes()).hexdigest()
                                               for n in ("a.xlsx", "b.xlsx")]
    with pytest.raises(RightRefused, match="read the audit trail"):
        again.uploads(who["wang"], t)
    with again.db.read() as s:
        assert s.execute(select(func.count(UploadRecord.id))).scalar_one() == 3


def test_the_upload_history_seals_a_document_the_reader_s_seat_may_not_open(tmp_path):
    """A procurement officer who also holds a judge's seat, prices hidden and not submitted: the price schedule a
    colleague attached is not listed by documents(), so the upload history does not name it either (a price
    schedule's name can carry a price); a colleague with no seat reads every name."""
    store = Store(f"sqlite:///{tmp_path / 's.sqlite3'}")
    admin = admin_of(store)
    b1, _ = store.accounts.create_account(admin, "buyer", "buyer", creates_tenders=True)
    b2, _ = store.accounts.create_account(admin, "buyer2", "buyer2")
    buyer, buyer2 = Actor(b1.id, "buyer"), Actor(b2.id, "buyer2")
    tender = store.create_tender(buyer, "T", RUBRIC_TEXT, "example.yaml")
    store.give_role(buyer, tender, "buyer2", Role.PROCUREMENT)
    form = write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    store.import_bids(buyer2, tender, [("a.xlsx", form.read_bytes())])
    store.set_hide_prices(buyer2, tender, True)
    store.give_role(buyer2, tender, "buyer", Role.JUDGE, judge_name="王评委")
    store.declare(buyer, tender, {})
    store.add_documents(buyer2, tender, VENDOR_A, [("报价明细-总价98万.pdf", proposal_pdf("prices"))], Envelope.PRICE)
    store.add_documents(buyer2, tender, VENDOR_A, [("技术方案.pdf", proposal_pdf("plan"))], Envelope.TECHNICAL)

    def told(actor):
        return [(f.name, f.sealed) for u in store.uploads(actor, tender) for f in u.files if f.kind == DOCUMENT]

    assert [d.name for d in store.documents(buyer, tender)] == ["技术方案.pdf"]
    assert told(buyer) == [("技术方案.pdf", False), ("", True)]
    assert told(buyer2) == [("技术方案.pdf", False), ("报价明细-总价98万.pdf", False)]
