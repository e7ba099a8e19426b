"""The command line: exit codes, nothing written on bad input, byte-identical JSON, docs kept in step."""
import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from bideval.cli import COMMANDS, _parser, main
from conftest import EXAMPLE_RUBRIC, VENDOR_A, VENDOR_B, good_bid, write_consolidated, write_form, write_panel

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def tender(tmp_path: Path) -> dict[str, Path]:
    bids = tmp_path / "bids"
    bids.mkdir()
    write_form(bids / "a.xlsx", good_bid(VENDOR_A, name="=HYPERLINK(\"http://x\",\"甲\")"))
    write_form(bids / "b.xlsx", good_bid(VENDOR_B, name="+1 乙公司", rate_per_call=0.9))
    panel = write_panel(tmp_path / "panel.xlsx",
                        scores=[[j, v, c, s, ""] for j in ("王", "李") for v in (VENDOR_A, VENDOR_B)
                                for c, s in (("ops_plan", 12), ("service_design", 4))],
                        tiers=[[VENDOR_A, "ops_plan", "t3"], [VENDOR_B, "ops_plan", "三档"]])
    return {"rubric": EXAMPLE_RUBRIC, "bids": bids, "panel": panel, "dir": tmp_path}


def evaluate_args(t, *extra):
    return ["evaluate", "--criteria", str(t["rubric"]), "--bids", str(t["bids"]), "--panel", str(t["panel"]), *extra]


def test_check_prints_the_rubric_table(capsys):
    assert main(["check", "--criteria", str(EXAMPLE_RUBRIC), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Customer-service outsourcing (cs-outsourcing)" in out
    assert re.search(r"ops_plan\s+Operations management plan\s+Operations\s+tiered\s+15\s+Tier 1 0–5; Tier 2 5.1–10", out)


def test_check_reports_every_mistake_and_exits_2(tmp_path: Path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXAMPLE_RUBRIC.read_text(encoding="utf-8").replace("field: similar_projects", "field: x")
                   .replace("min: 5.1,", "min: 5,"), encoding="utf-8")
    assert main(["check", "--criteria", str(bad)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"{bad}: criterion 'experience': unknown field 'x'",
                   f"{bad}: criterion 'ops_plan': tier t2 (5–10) overlaps tier t1 (0–5): start t2 at 5.1 so that 5 "
                   "is t1, or end t1 at 4.9 so that 5 is t2"]


@pytest.mark.parametrize("indent", [(), ("--indent",)])
def test_evaluate_writes_json_and_workbook(tender, capsys, indent):
    out, js = tender["dir"] / "ranked.xlsx", tender["dir"] / "result.json"
    assert main(evaluate_args(tender, "--out", str(out), "--json", str(js), "--lang", "en", *indent)) == 0
    # report6 D6-3: the Audit sheet names the JSON's SHA-256, the one-line form's as the report names it
    audit = {row[0]: row[1] for row in openpyxl.load_workbook(out)["Audit"].iter_rows(values_only=True)}
    one_line = json.dumps(json.loads(js.read_text(encoding="utf-8")), ensure_ascii=False, separators=(",", ":")) + "\n"
    assert audit["Result SHA-256"] == hashlib.sha256(one_line.encode("utf-8")).hexdigest()
    document = json.loads(js.read_text(encoding="utf-8"))
    assert document["status"] == "final"
    assert [r["vendor_id"] for r in document["ranking"]] == [VENDOR_A, VENDOR_B]
    assert document["ranking"][0]["vendor_name"] == "=HYPERLINK(\"http://x\",\"甲\")"
    assert out.exists()
    assert "candidates: " + VENDOR_A in capsys.readouterr().out


def test_the_workbook_names_no_result_hash_without_the_json(tender):
    out = tender["dir"] / "ranked.xlsx"
    assert main(evaluate_args(tender, "--out", str(out))) == 0
    assert "结果 SHA-256" not in [row[0] for row in openpyxl.load_workbook(out)["Audit"].iter_rows(values_only=True)]


def test_json_without_out_skips_the_workbook(tender):
    js = tender["dir"] / "only.json"
    assert main(evaluate_args(tender, "--json", str(js))) == 0
    assert js.exists() and not list(tender["dir"].glob("*.xlsx.*")) and not (tender["dir"] / "ranked.xlsx").exists()


def test_json_dash_is_standard_output_and_out_dash_is_refused(tender, capsysbinary, monkeypatch):
    """`--json -` wrote a file named `-`: it is the document on standard output, byte for byte the file's, with the
    summary on standard error; a workbook is binary, so `--out -` is refused before any work."""
    monkeypatch.chdir(tender["dir"])
    assert main(evaluate_args(tender, "--json", "-", "--lang", "en")) == 0
    printed = capsysbinary.readouterr()
    assert main(evaluate_args(tender, "--json", "result.json", "--lang", "en")) == 0
    assert printed.out == Path("result.json").read_bytes() and b"candidates: " in printed.err
    assert main(evaluate_args(tender, "--out", "-", "--json", "-")) == 2
    assert capsysbinary.readouterr().err.decode() == (
        "-: --out -: a workbook or PDF is binary and is not written to standard output; give a file name (./- for a "
        "file named -; only --json - writes to standard output) (nothing was read or written)\n")
    assert not Path("-").exists()


def test_evaluate_needs_an_output(tender, capsys):
    assert main(evaluate_args(tender)) == 2
    assert "at least one of --out and --json" in capsys.readouterr().err


def test_same_inputs_give_byte_identical_json_wherever_they_lie(tender, tmp_path: Path):
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    assert main(evaluate_args(tender, "--json", str(first))) == 0
    moved = tmp_path / "elsewhere"
    shutil.copytree(tender["bids"], moved)
    shutil.copy(tender["panel"], tmp_path / "p2.xlsx")
    assert main(["evaluate", "--criteria", str(tender["rubric"]), "--bids", str(moved), "--panel",
                 str(tmp_path / "p2.xlsx"), "--json", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_bad_input_exits_2_and_writes_nothing(tender, capsys):
    write_form(tender["bids"] / "c.xlsx", good_bid("91310000MA1FL0000X", dial_test_accuracy="ninety"))
    out, js = tender["dir"] / "ranked.xlsx", tender["dir"] / "result.json"
    js.write_text("previous run", encoding="utf-8")
    assert main(evaluate_args(tender, "--out", str(out), "--json", str(js))) == 2
    err = capsys.readouterr().err
    assert f"{tender['bids'] / 'c.xlsx'}:Bid!C9: expected a percentage" in err and "'ninety'" in err
    assert not out.exists() and js.read_text(encoding="utf-8") == "previous run"
    assert not [p for p in tender["dir"].iterdir() if p.name.startswith(".bideval-")]


def test_a_price_of_16_digits_or_more_exits_2_naming_its_cell(tender):
    """A price cell of 1e300 made Q too long to round to the cent: a traceback from evaluate and report."""
    write_form(tender["bids"] / "c.xlsx", good_bid("91310000MA1FL0000X", rate_per_call=1e300))
    for command in ("evaluate", "report"):
        out = tender["dir"] / f"{command}.{'xlsx' if command == 'evaluate' else 'pdf'}"
        args = evaluate_args(tender, "--out", str(out))
        done = subprocess.run([sys.executable, "-m", "bideval", command, *args[1:]], cwd=ROOT, capture_output=True,
                              text=True)
        assert done.returncode == 2 and "Traceback" not in done.stderr and not out.exists(), command
        assert (f"{tender['bids'] / 'c.xlsx'}:Bid!C11: expected an amount in yuan, 0 or more, below "
                "1,000,000,000,000,000 (Excel keeps 15 digits), found 1e+300") in done.stderr, command


def test_a_rubric_demand_beyond_28_digits_is_rounded_to_the_cent(tender, tmp_path: Path, capsys):
    """Decimal holds 28 digits by default; a quoted price longer than that is still rounded to the cent. The rubric's
    figures keep to the bound a bid's do (below 10^15: left22), so 10^30 calls a month is refused at its key and the
    32 digits come from figures within it: 999,999,999,999,999 calls a month for as many months at 0.85 and 0.9."""
    rubric = tmp_path / "huge.yaml"
    example = EXAMPLE_RUBRIC.read_text(encoding="utf-8")
    rubric.write_text(example.replace("calls_per_month: 50000", "calls_per_month: 1e30"), encoding="utf-8")
    js = tmp_path / "r.json"
    args = ["evaluate", "--criteria", str(rubric), "--bids", str(tender["bids"]), "--panel", str(tender["panel"]),
            "--json", str(js), "--out", str(tmp_path / "r.xlsx")]
    assert main(args) == 2
    line = example[:example.index("calls_per_month: 50000")].count("\n") + 1  # (1e30 is a text to YAML: on its line too)
    assert capsys.readouterr().err == (f"{rubric}: pricing.demand: calls_per_month (line {line}) must lie below "
                                       "1,000,000,000,000,000 either side of 0, as every figure of a bid must (Excel "
                                       "keeps 15 digits), found '1e30'\n")
    largest = "999999999999999"
    rubric.write_text(example.replace("calls_per_month: 50000", f"calls_per_month: {largest}")
                      .replace("    months: 12", f"    months: {largest}"), encoding="utf-8")
    assert main(args) == 0
    reasons = {i["vendor_id"]: i["reasons"] for i in json.loads(js.read_text(encoding="utf-8"))["invalid"]}
    assert reasons == {vendor: [f"above_budget_ceiling: 投标报价 {q} 元超过最高限价 1,200,000.00 元"] for vendor, q in (
        (VENDOR_A, "849,999,999,999,998,300,000,000,000,000.85"),  # 0.85 × (10^15 − 1)², to the cent: 32 digits
        (VENDOR_B, "899,999,999,999,998,200,000,000,000,000.90"))}


@pytest.mark.parametrize("make, expected", [
    (lambda d: Path("/dev/zero"), "it is a device or a pipe, not a YAML file"),  # read forever before
    (lambda d: (os.mkfifo(d / "pipe.yaml"), d / "pipe.yaml")[1], "it is a device or a pipe, not a YAML file"),
    (lambda d: d, "it is a folder, not a YAML file"),
    (lambda d: (d / "big.yaml").write_text("# " + "x" * (2 * 1024 * 1024), encoding="utf-8") and d / "big.yaml",
     "refused: the rubric is larger than 2.0 MB"),
])
def test_a_rubric_that_is_no_file_or_too_large_exits_2_at_once(tmp_path: Path, make, expected):
    rubric = make(tmp_path)
    done = subprocess.run([sys.executable, "-m", "bideval", "check", "--criteria", str(rubric)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and expected in done.stderr and "Traceback" not in done.stderr


def test_unwritable_output_is_a_clear_error(tender, capsys):
    missing = tender["dir"] / "no" / "such" / "dir.json"
    assert main(evaluate_args(tender, "--json", str(missing))) == 2
    assert capsys.readouterr().err == f"{missing}: --json: the folder {missing.parent} does not exist (nothing was read " \
                                      "or written)\n"


def test_a_failure_writing_the_second_output_writes_neither_and_names_the_path_given(tmp_path: Path):
    """Found by a tester: --json was written before --out failed, so an old result.json and the ranked workbook
    no longer came from one run; the error named a hidden temporary file."""
    from bideval.outputs import write_outputs

    first, second = tmp_path / "result.json", tmp_path / "ranked.xlsx"
    first.write_text("the previous run's", encoding="utf-8")

    def fails(path: Path) -> None:
        path.write_bytes(b"half")
        raise OSError(28, "No space left on device", str(path))

    with pytest.raises(OSError) as caught:
        write_outputs([(str(first), lambda p: p.write_text("new", encoding="utf-8")), (str(second), fails)])
    assert caught.value.filename == str(second) and caught.value.strerror == "No space left on device"
    assert first.read_text(encoding="utf-8") == "the previous run's" and not second.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["result.json"]  # no temporary file left behind


def test_outputs_get_the_users_permissions_not_a_private_files(tmp_path: Path):
    """Found by a tester: every output came out -rw------- (mkstemp's mode), unreadable by the chair on a shared
    server. A new file gets what the umask gives any new file; a file replaced keeps its mode."""
    from bideval.outputs import write_outputs

    new, kept = tmp_path / "new.json", tmp_path / "kept.json"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o640)
    before = os.umask(0o022)
    try:
        write_outputs([(str(new), lambda p: p.write_text("a", encoding="utf-8")),
                       (str(kept), lambda p: p.write_text("b", encoding="utf-8"))])
    finally:
        os.umask(before)
    assert (new.stat().st_mode & 0o777, kept.stat().st_mode & 0o777) == (0o644, 0o640)
    assert kept.read_text(encoding="utf-8") == "b"


def test_an_output_that_is_a_link_writes_the_file_it_points_to(tmp_path: Path):
    """Found by a tester: a ranked.json linked into a shared folder was replaced by a local file, and the shared
    file still read the old result. The file the link points to is written, in its own folder, keeping its mode."""
    from bideval.outputs import OutputError, check_outputs, write_outputs

    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "ranked.json").write_text("old", encoding="utf-8")
    (shared / "ranked.json").chmod(0o640)
    link, new_link, lost = tmp_path / "ranked.json", tmp_path / "new.json", tmp_path / "lost.json"
    link.symlink_to("shared/ranked.json")
    new_link.symlink_to(shared / "new.json")  # a link to a file not made yet: made in the shared folder
    lost.symlink_to(tmp_path / "gone" / "x.json")
    check_outputs({"--json": str(link), "--out": str(new_link)}, {})
    write_outputs([(str(link), lambda p: p.write_text("new", encoding="utf-8")),
                   (str(new_link), lambda p: p.write_text("made", encoding="utf-8"))])
    assert link.is_symlink() and new_link.is_symlink()
    assert (shared / "ranked.json").read_text(encoding="utf-8") == "new"
    assert (shared / "ranked.json").stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in shared.iterdir()) == ["new.json", "ranked.json"]  # no temporary file left
    with pytest.raises(OutputError) as caught:
        check_outputs({"--json": str(lost)}, {})
    assert str(caught.value) == f"{lost}: --json: the folder {tmp_path / 'gone'} does not exist (nothing was read or " \
                                "written)"
    ranked = shared / "ranked.xlsx"  # a link to a workbook from a bids folder is read there as that workbook
    ranked.symlink_to(tmp_path / "ranked.xlsx")
    with pytest.raises(OutputError) as caught:
        check_outputs({"--out": str(ranked)}, {"--bids": [str(shared)]}, [str(shared)])
    assert "--out would write a workbook into the bids folder" in str(caught.value)


def test_an_output_through_a_chain_of_links_never_writes_over_a_bid(tmp_path: Path):
    """Found in review: with bids/b.xlsx a link to else/c.xlsx, an output linked to bids/b.xlsx (or naming
    else/c.xlsx) replaced the bid just read; a chain ending in a file not made yet put a workbook in the bids folder."""
    from bideval.outputs import OutputError, check_outputs

    bids, other = tmp_path / "bids", tmp_path / "else"
    bids.mkdir()
    other.mkdir()
    (other / "c.xlsx").write_text("bid", encoding="utf-8")
    (bids / "b.xlsx").symlink_to("../else/c.xlsx")
    (bids / "n.xlsx").symlink_to("../else/new.xlsx")
    for name, hop in [("out.xlsx", bids / "b.xlsx"), ("out.json", bids / "b.xlsx"), ("new.xlsx", bids / "n.xlsx")]:
        (tmp_path / name).symlink_to(hop)
    (bids / "h.xlsx").write_text("bid", encoding="utf-8")
    os.link(bids / "h.xlsx", tmp_path / "hard.json")  # the folder's form under another name, outside it
    for option, out, said in [("--out", "out.xlsx", f"names the input --bids {bids / 'b.xlsx'}"),
                              ("--json", "out.json", f"names the input --bids {bids / 'b.xlsx'}"),
                              ("--out", "else/c.xlsx", f"names the input --bids {bids / 'b.xlsx'}"),
                              ("--out", "new.xlsx", "would write a workbook into the bids folder"),
                              ("--json", "hard.json", f"names the input --bids {bids / 'h.xlsx'}")]:
        with pytest.raises(OutputError) as caught:
            check_outputs({option: str(tmp_path / out)}, {"--bids": [str(bids)]}, [str(bids)])
        assert said in str(caught.value), out
    assert (other / "c.xlsx").read_text(encoding="utf-8") == "bid"


@pytest.mark.parametrize("outputs, said", [
    ({"--json": "", "--out": None}, "--json: the file name is empty"),
    ({"--json": None, "--out": "  "}, "--out: the file name is empty"),
    ({"--json": "{file}/r.json", "--out": None}, "{file}/r.json: --json: {file} is a file, not a folder"),
    ({"--json": None, "--out": "{file}/x/y.xlsx"}, "--out: {file} is a file, not a folder"),
    ({"--json": "/dev/null/r.json", "--out": None}, "--json: /dev/null is a file, not a folder"),
    ({"--json": "{tmp}/nowhere/r.json", "--out": None}, "--json: the folder {tmp}/nowhere does not exist"),
])
def test_an_output_naming_nothing_or_inside_a_file_is_told_so(tmp_path: Path, outputs, said):
    """Found by a tester (hostile8 H8-b, H8-c): ``--json ''`` (an empty variable in a script) was told 'evaluate needs
    at least one of --out and --json' though the option was given, and a path under a file 'the folder … does not
    exist' though it exists, as a file."""
    from bideval.outputs import OutputError, check_outputs

    afile = tmp_path / "afile"
    afile.write_text("not a folder", encoding="utf-8")
    fill = {"file": str(afile), "tmp": str(tmp_path)}
    with pytest.raises(OutputError) as caught:
        check_outputs({o: p.format(**fill) if p else p for o, p in outputs.items()}, {})
    assert said.format(**fill) in str(caught.value)
    assert afile.read_text(encoding="utf-8") == "not a folder"


def test_an_output_that_is_a_pipe_or_a_link_to_one_is_refused_before_any_work(tender, capsys):
    """Found by a tester: --json on a named pipe, a device (/dev/full as root) or /dev/stdout replaced the node
    with a plain file, exit 0."""
    pipe, other, link = tender["dir"] / "pipe", tender["dir"] / "other", tender["dir"] / "stdout"
    os.mkfifo(pipe)
    os.mkfifo(other)
    link.symlink_to(other)
    before = sorted(tender["dir"].iterdir())
    assert main(evaluate_args(tender, "--json", str(pipe), "--out", str(link))) == 2
    assert capsys.readouterr().err == (  # --json is pointed to the way it writes to standard output
        f"{pipe}: --json names a named pipe (FIFO), not a regular file: it writes to regular files only; for standard "
        "output write --json - (nothing was read or written)\n"
        f"{link}: --out names a named pipe (FIFO), not a regular file: outputs go to regular files only, not to a "
        "pipe, a device or standard output; give a file's name (nothing was read or written)\n")
    assert sorted(tender["dir"].iterdir()) == before
    assert stat.S_ISFIFO(pipe.lstat().st_mode) and link.is_symlink() and stat.S_ISFIFO(other.lstat().st_mode)


@pytest.mark.parametrize("command, options, said", [
    ("evaluate", ["--out", "ranked.json", "--json", "result.xlsx"],
     ["result.xlsx: --json writes the result as JSON, but the file name ends in .xlsx, and a program opening it as a "
      ".xlsx file could not read it; name it e.g. result.json",
      "ranked.json: --out writes an Excel workbook, but the file name ends in .json; end it in .xlsx: ranked.xlsx"]),
    ("evaluate", ["--out", "ranked.csv"], ["ranked.csv: --out writes an Excel workbook, but the file name ends in .csv; "
                                           "end it in .xlsx: ranked.xlsx"]),
    ("evaluate", ["--json", "r.XLS", "--out", "ranked.XLSX"], ["r.XLS: --json writes the result as JSON, but the file "
                                                               "name ends in .xls, and a program opening it as a .xls "
                                                               "file could not read it; name it e.g. r.json"]),
    ("report", ["--out", "report.xlsx"], ["report.xlsx: --out writes a PDF report, but the file name ends in .xlsx; end "
                                          "it in .pdf: report.pdf"]),
    ("template", ["--out", "form"], ["form: --out writes an Excel workbook, but the file name has no extension; end it "
                                     "in .xlsx: form.xlsx"]),
    ("scoresheet", ["--judge", "王评委", "--out", "王评委.xls"], ["王评委.xls: --out writes an Excel workbook, but the "
                                                              "file name ends in .xls; end it in .xlsx: 王评委.xlsx"]),
])
def test_an_output_whose_extension_does_not_fit_what_is_written_is_refused(tender, capsys, monkeypatch, command,
                                                                           options, said):
    """hostile7 H7-5: `--out ranked.json --json result.xlsx` (swapped) wrote a zip into ranked.json and JSON into a
    result.xlsx Excel refuses to open, exit 0."""
    monkeypatch.chdir(tender["dir"])
    given = ["--criteria", str(tender["rubric"])] + ([] if command == "template" else ["--bids", str(tender["bids"])])
    given += ["--panel", str(tender["panel"])] if command in ("evaluate", "report") else []
    before = sorted(tender["dir"].iterdir())
    assert main([command, *given, *options, "--lang", "en"]) == 2
    assert capsys.readouterr().err == "".join(f"{line} (nothing was read or written)\n" for line in said)
    assert sorted(tender["dir"].iterdir()) == before


def command_lines(t: dict[str, Path]) -> list[tuple[list[str], str, str, Path]]:
    """(arguments, output option, input option, the input it names) of each command writing onto an input."""
    rubric, bid, panel = t["dir"] / "rubric.yaml", t["bids"] / "a.xlsx", t["panel"]
    shutil.copy(t["rubric"], rubric)
    common = ["--criteria", str(rubric), "--bids", str(t["bids"])]
    return [
        (["evaluate", *common, "--panel", str(panel), "--out", str(bid)], "--out", "--bids", bid),
        (["evaluate", *common, "--panel", str(panel), "--json", str(rubric)], "--json", "--criteria", rubric),
        (["evaluate", *common, "--panel", str(panel), "--out", str(panel)], "--out", "--panel", panel),
        (["report", *common, "--panel", str(panel), "--out", str(bid)], "--out", "--bids", bid),
        (["scoresheet", *common, "--tiers", str(panel), "--judge", "王", "--out", str(panel)], "--out", "--tiers", panel),
        (["template", "--criteria", str(rubric), "--out", str(rubric)], "--out", "--criteria", rubric),
    ]


def test_no_command_writes_over_one_of_its_inputs(tender, capsys):
    """Found by a tester: a tab-completed --out replaced a bid workbook, the rubric or the whole panel workbook
    with the command's output, exit 0."""
    for args, option, input_option, source in command_lines(tender):
        before = source.read_bytes()
        assert main(args + ["--lang", "en"]) == 2, args
        assert capsys.readouterr().err == (f"{source}: {option} names the input {input_option} {source}: writing there "
                                           "would destroy it; choose another file (nothing was read or written)\n")
        assert source.read_bytes() == before


def test_an_input_named_another_way_is_still_an_input(tender, capsys):
    bid = tender["bids"] / "a.xlsx"
    linked = tender["dir"] / "link.xlsx"
    os.link(bid, linked)  # a hard link: the same file under another name
    before = bid.read_bytes()
    out = tender["dir"] / "sub" / ".." / "link.xlsx"
    (tender["dir"] / "sub").mkdir()
    assert main(["evaluate", "--criteria", str(EXAMPLE_RUBRIC), "--bids", str(bid), "--out", str(out)]) == 2
    assert "names the input --bids" in capsys.readouterr().err and bid.read_bytes() == before


def test_two_outputs_on_one_file_a_folder_or_a_bids_folder_are_refused_before_any_work(tender, capsys):
    same = tender["dir"] / "same.out"
    assert main(evaluate_args(tender, "--json", str(same), "--out", str(same), "--lang", "zh")) == 2
    assert capsys.readouterr().err == (f"{same}：--out 与 --json 指向同一个文件：后写的会覆盖先写的；请分别指定文件"
                                       "（未读取也未写入任何文件）\n")
    assert not same.exists()
    assert main(evaluate_args(tender, "--json", str(tender["dir"]))) == 2
    assert "--json names a folder" in capsys.readouterr().err
    ranked = tender["bids"] / "ranked.xlsx"
    assert main(evaluate_args(tender, "--out", str(ranked))) == 2
    assert capsys.readouterr().err == (f"{ranked}: --out would write a workbook into the bids folder {tender['bids']}: "
                                       "the next run would read it as a bid; write it elsewhere (nothing was read or "
                                       "written)\n")
    assert not ranked.exists()
    assert main(evaluate_args(tender, "--json", str(tender["bids"] / "result.json"))) == 0  # not read as a bid


def test_module_entry_point_gives_no_traceback(tmp_path: Path):
    done = subprocess.run([sys.executable, "-m", "bideval", "check", "--criteria", str(tmp_path / "none.yaml")],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "cannot read the rubric" in done.stderr


def test_template_command(tmp_path: Path, capsys):
    out = tmp_path / "form.xlsx"
    assert main(["template", "--criteria", str(EXAMPLE_RUBRIC), "--out", str(out)]) == 0
    assert out.exists() and "bid form for cs-outsourcing" in capsys.readouterr().out


def test_every_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    subparsers = next(a for a in _parser()._actions if a.dest == "command")
    for name, sub in subparsers.choices.items():
        assert name in COMMANDS
        assert sub.description, f"{name} has no help"
        assert f"python -m bideval {name}" in readme, f"README does not show `{name}`"


# formats.md §4, the contract's command line: what is not here is an addition the README's index must name
FORMATS_COMMANDS = {"check", "template", "scoresheet", "evaluate"}
FORMATS_OPTIONS = {"--help", "--criteria", "--out", "--bids", "--tiers", "--judge", "--panel", "--json", "--lang"}


def test_the_readme_indexes_every_command_and_option_formats_md_lacks():
    import argparse

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    index = readme.split("\n## Additions to formats.md\n")[1].split("\n## ")[0]
    said = set(re.findall(r"`([^`]+)`", index))
    commands = list(next(a for a in _parser()._actions if a.dest == "command").choices.items())
    for name, sub in commands:
        inner = [a for a in sub._actions if isinstance(a, argparse._SubParsersAction)]
        if inner:  # audit: its commands are the ones a user types (audit verify)
            commands += [(f"{name} {more}", parser) for action in inner for more, parser in action.choices.items()]
            continue
        assert name in FORMATS_COMMANDS or name in said, f"`{name}` is not in the index"
        options = {o for a in sub._actions for o in a.option_strings if o.startswith("--")} - FORMATS_OPTIONS
        assert options <= said, (name, options - said)


def test_every_link_inside_the_readme_finds_its_heading_or_anchor():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = set(re.findall(r'<a id="([^"]+)"></a>', readme))
    targets |= {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-")
                for h in re.findall(r"^#+ (.*)$", readme, re.M)}
    links = set(re.findall(r"\]\(#([\w-]+)\)", readme))
    assert links and links <= targets, sorted(links - targets)


def test_scoresheet_refuses_a_judge_not_on_the_panel(tender, tmp_path: Path, capsys):
    panel = write_panel(tmp_path / "members.xlsx", tiers=[[VENDOR_A, "ops_plan", "t3"]], judges=["王评委", "李评委"])
    out = tmp_path / "sheet.xlsx"
    assert main(["scoresheet", "--criteria", str(tender["rubric"]), "--bids", str(tender["bids"]),
                 "--tiers", str(panel), "--judge", "赵评委", "--out", str(out)]) == 2
    assert "judge '赵评委' is not on the Judges sheet" in capsys.readouterr().err and not out.exists()
    assert main(["scoresheet", "--criteria", str(tender["rubric"]), "--bids", str(tender["bids"]),
                 "--tiers", str(panel), "--judge", " 王评委 ", "--out", str(out)]) == 0 and out.exists()


def test_scoresheet_tells_the_bids_folders_warnings_as_evaluate_does(tender, tmp_path: Path, capsys):
    """An archive not opened in the bids folder was kept as a warning by the reader but never printed by scoresheet."""
    (tender["bids"] / "附件.rar").write_bytes(b"Rar!\x1a\x07\x00")
    out = tmp_path / "sheet.xlsx"
    assert main(["scoresheet", "--criteria", str(tender["rubric"]), "--bids", str(tender["bids"]),
                 "--judge", "王评委", "--out", str(out), "--lang", "en"]) == 0 and out.exists()
    assert "warning: " in (err := capsys.readouterr().err) and "附件.rar" in err


@pytest.mark.parametrize("name, lang, said", [("", "en", "--judge: a judge needs a name"),
                                              ("   ", "en", "--judge: a judge needs a name"),
                                              ("\u200b", "zh", "--judge：评委须有姓名"),
                                              ("\u2800", "en", "--judge: a judge needs a name")])  # braille blank
def test_scoresheet_refuses_a_judge_without_a_name(tender, tmp_path: Path, capsys, name, lang, said):
    """A sheet for nobody was written, and every row of it refused when the judge returned it filled in."""
    out = tmp_path / "sheet.xlsx"
    assert main(["scoresheet", "--criteria", str(tender["rubric"]), "--bids", str(tender["bids"]),
                 "--judge", name, "--out", str(out), "--lang", lang]) == 2
    assert capsys.readouterr().err.strip() == said and not out.exists()


def test_evaluate_heads_the_workbook_with_the_tender(tender):
    import openpyxl

    out = tender["dir"] / "filed.xlsx"
    assert main(evaluate_args(tender, "--out", str(out), "--title", "12345热线外包", "--number", "ZB-2026-018",
                              "--method", "公开招标", "--date", "2026-11-30")) == 0
    header = openpyxl.load_workbook(out)["Ranking"].oddHeader
    assert (header.left.text, header.center.text, header.right.text) == \
        ("12345热线外包", "项目编号：ZB-2026-018", "2026年11月30日")


@pytest.mark.parametrize("date", ["30/11/2026", "2026-13-01", "tomorrow"])
def test_a_bad_date_exits_2_and_writes_nothing(tender, capsys, date):
    out = tender["dir"] / "filed.xlsx"
    with pytest.raises(SystemExit) as stopped:
        main(evaluate_args(tender, "--out", str(out), "--date", date))
    assert stopped.value.code == 2 and not out.exists()
    assert f"expected a date such as 2026-11-30, found '{date}'" in capsys.readouterr().err


def test_the_terminal_lists_100_bids_of_a_kind_and_counts_the_rest(tmp_path: Path, capsys):
    """130 valid and 105 invalid bids: the summary shows 100 of each and says how many more; the JSON has all."""
    valid = [good_bid(f"91110000{n:010d}", name=f"有效{n:03d}公司") for n in range(130)]
    invalid = [good_bid(f"91120000{n:010d}", name=f"无效{n:03d}公司", business_license="否") for n in range(105)]
    headers = list(valid[0])
    book = write_consolidated(tmp_path / "bids.xlsx", headers, [[b[h] for h in headers] for b in valid + invalid])
    js = tmp_path / "result.json"
    assert main(["evaluate", "--criteria", str(EXAMPLE_RUBRIC), "--bids", str(book), "--json", str(js)]) == 0
    document = json.loads(js.read_text(encoding="utf-8"))
    assert (len(document["ranking"]), len(document["invalid"])) == (130, 105)
    out = capsys.readouterr().out
    assert sum(1 for line in out.splitlines() if "有效" in line and "公司 (9111" in line) == 100
    assert sum(1 for line in out.splitlines() if line.startswith("无效投标：")) == 100
    assert "…… 另有 30 家有效投标，见 JSON 和排名表" in out
    assert "…… 另有 5 家无效投标，见 JSON 和排名表" in out


def test_an_option_given_twice_reads_every_path_given(tmp_path):
    """`--panel a.xlsx --panel b.xlsx` kept only b (judge A's scores dropped without a word, the result final);
    `--bids d1 --bids d2` only d2. Every path given is read, as with `--panel a.xlsx b.xlsx`."""
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir(), second.mkdir()
    write_form(first / "a.xlsx", good_bid(VENDOR_A))
    write_form(second / "b.xlsx", good_bid(VENDOR_B, name="乙公司"))
    scores = {judge: write_panel(tmp_path / f"{judge}.xlsx",
                                 scores=[[judge, v, c, s, ""] for v in (VENDOR_A, VENDOR_B)
                                         for c, s in (("ops_plan", points), ("service_design", 4))],
                                 tiers=[[VENDOR_A, "ops_plan", "t3"], [VENDOR_B, "ops_plan", "t3"]],
                                 judges=["王", "李"])
              for judge, points in (("王", 14), ("李", 12))}
    documents = []
    for shape in (["--bids", str(first), "--bids", str(second), "--panel", str(scores["王"]), "--panel", str(scores["李"])],
                  ["--bids", str(first), str(second), "--panel", str(scores["王"]), str(scores["李"])]):
        out = tmp_path / f"{len(documents)}.json"
        assert main(["evaluate", "--criteria", str(EXAMPLE_RUBRIC), *shape, "--json", str(out)]) == 0
        documents.append(json.loads(out.read_text(encoding="utf-8")))
    assert documents[0] == documents[1]
    ranking = documents[0]["ranking"]
    assert {s["vendor_id"] for s in ranking} == {VENDOR_A, VENDOR_B}
    assert {s["criteria"]["ops_plan"] for s in ranking} == {13.0} and documents[0]["status"] == "final"


@pytest.mark.parametrize("command", ["check", "template"])
@pytest.mark.parametrize("old, new, message", [
    ("title: {zh: 客服业务外包项目评分标准, en: Customer-service outsourcing}", "title:",
     "title: is empty; expected a text in Chinese, English or both ({zh: …, en: …})"),
    ("decimals: 2", "decimals: null", "decimals: is empty; expected a whole number of at least 0"),
    ("    kind: price\n    max: 30", "    kind: price\n    max: ~", "criterion 'price': max is empty; expected a number"),
])
def test_a_blank_value_exits_2_and_says_where(tmp_path: Path, capsys, command, old, new, message):
    """`title:` or `decimals: null` exited 2 and printed nothing; `max:` on the price criterion exited 0 without it."""
    bad = tmp_path / "blank.yaml"
    text = EXAMPLE_RUBRIC.read_text(encoding="utf-8")
    assert old in text
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    out = ["--out", str(tmp_path / "form.xlsx")] if command == "template" else []
    assert main([command, "--criteria", str(bad), *out]) == 2
    assert capsys.readouterr().err.splitlines() == [f"{bad}: {message}"]
    assert not (tmp_path / "form.xlsx").exists()


def test_check_warns_when_no_criterion_scores_the_price(tmp_path: Path, capsys):
    text = EXAMPLE_RUBRIC.read_text(encoding="utf-8").replace("total: 70", "total: 40")
    start = text.index("  - id: price\n")
    unpriced = tmp_path / "unpriced.yaml"
    unpriced.write_text(text[:start] + text[text.index("pricing:"):], encoding="utf-8")
    assert main(["check", "--criteria", str(unpriced), "--lang", "en"]) == 0
    captured = capsys.readouterr()
    assert captured.err.startswith(f"warning: {unpriced}: no criterion scores the price, yet the bid form asks every "
                                   "bidder for a price (total_price, ")
    assert "Customer-service outsourcing (cs-outsourcing)" in captured.out
    for chinese in (["--lang", "zh"], []):  # the table's language, Chinese by default, though errors are English
        assert main(["check", "--criteria", str(unpriced), *chinese]) == 0
        assert capsys.readouterr().err.startswith(f"警告：{unpriced}：没有评分项为价格计分，但投标表仍要求每个投标人填写报价（投标总价、")
    ordered = tmp_path / "order87.yaml"
    ordered.write_text(unpriced.read_text(encoding="utf-8").replace("candidates: 3", "candidates: 3\nregime: order87"),
                       encoding="utf-8")
    assert main(["check", "--criteria", str(ordered)]) == 2
    assert capsys.readouterr().err == (f"{ordered}: regime: order87 (综合评分法) scores price (Order 87 art. 55), but no "
                                       "criterion is of kind price: add a price criterion, or remove the regime\n")


@pytest.mark.parametrize("lang, line", [
    ("zh", "评分畸高畸低：张评委 / 91510107MA6CJ5NU8U / ops_plan：10.2（平均分 13.7200）"),
    ("en", "outlier: 张评委 / 91510107MA6CJ5NU8U / ops_plan: 10.2 (mean 13.7200)"),
])
def test_the_terminal_names_an_outlier_in_its_language(tmp_path: Path, capsys, lang, line):
    """The README's session: the Chinese summary said `(mean 13.7200)`."""
    assert main(["evaluate", "--criteria", str(ROOT / "criteria" / "cs-outsourcing.yaml"), "--bids",
                 str(ROOT / "sample_bids" / "cs-outsourcing"), "--panel",
                 str(ROOT / "sample_bids" / "cs-outsourcing-panel.xlsx"), "--json", str(tmp_path / "r.json"),
                 "--lang", lang]) == 0
    assert line in capsys.readouterr().out.splitlines()


def test_the_terminal_rounds_an_outliers_panel_mean_half_up():
    """8 judges' mean 8.10125 printed as 8.1012 (half-even): the report and the rules round half-up, to 8.1013."""
    from dataclasses import replace
    from decimal import Decimal

    from bideval.evaluation import run
    from bideval.result import Outlier
    from bideval.summary import summary_text

    result = run(ROOT / "criteria" / "cs-outsourcing.yaml", [ROOT / "sample_bids" / "cs-outsourcing"],
                 [ROOT / "sample_bids" / "cs-outsourcing-panel.xlsx"], workers=1)
    assert result.rubric.total_places == 2
    outlier = Outlier("张评委", "91510107MA6CJ5NU8U", "ops_plan", Decimal("10.2"), Decimal("8.10125"))
    lines = summary_text(replace(result, outliers=(outlier,)), "en").splitlines()
    assert "outlier: 张评委 / 91510107MA6CJ5NU8U / ops_plan: 10.2 (mean 8.1013)" in lines


def test_the_command_line_imports_neither_streamlit_nor_the_database():
    """The core stays pure (no Streamlit), and evaluating files needs no database: importing SQLAlchemy on the way
    (through a message's constant) had tripled the command's start-up, 0.1 s to 0.33 s on every run."""
    code = ("import sys, bideval.cli, bideval.evaluation, bideval.outputs, bideval.export, bideval.report\n"
            "print(sorted(m for m in ('streamlit', 'sqlalchemy') if m in sys.modules))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           cwd=Path(__file__).parent.parent).stdout.strip()
    assert found == "[]"


@pytest.mark.parametrize("panel, left_out", [
    ([], ["bideval.allowed_scores", "bideval.panel", "bideval.rights", "bideval.rubric_view", "bideval.scoresheet",
          "bideval.workflow", "difflib", "pickle"]),
    (["--panel", "sample_bids/cs-outsourcing-panel.xlsx"],
     ["bideval.rights", "bideval.rubric_view", "bideval.workflow", "difflib", "pickle"]),
])
def test_evaluate_imports_only_what_it_uses(tmp_path, panel, left_out):
    """What `evaluate` imports is paid on every run (issue 9: its start-up was 0.13-0.15 s of 0.93 s on 2,000 forms).
    The panel session's rules (workflow, rights: 5 ms) are not imported for the scores a provisional result still
    waits for, nor the panel workbook's reader (panel, scoresheet: 4 ms) without a panel, nor the rubric's words
    (rubric_view, and allowed_scores with it: 3.5 ms) for the summary's table or a rubric without a mistake, nor
    difflib (for a header naming no field) and pickle (for a forked worker's bids) when nothing needs them."""
    argv = ["evaluate", "--criteria", "criteria/cs-outsourcing.yaml", "--bids", "sample_bids/cs-outsourcing",
            "--json", str(tmp_path / "r.json"), *panel]
    code = ("import sys, contextlib, io\nfrom bideval.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()):\n    assert main({argv!r}) == 0\n"
            f"print(sorted(m for m in {left_out!r} if m in sys.modules))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           cwd=Path(__file__).parent.parent).stdout.strip()
    assert found == "[]"


def test_warnings_are_printed_without_importing_the_messages_until_one_is():
    """`_warn` imports the messages only to put a warning in Chinese: none, nothing imported (here: in a child)."""
    code = ("import sys, argparse\nfrom bideval.cli import _warn\n"
            "_warn([], argparse.Namespace(lang='zh'))\nprint('bideval.messages' in sys.modules)")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           cwd=Path(__file__).parent.parent).stdout.strip()
    assert found == "False"


@pytest.mark.parametrize("twice, said", [
    (["--criteria", "amended.yaml", "--criteria", "r.yaml"], "argument --criteria: given twice (amended.yaml, r.yaml)"),
    (["--criteria", "r.yaml", "--json", "result.json", "--json", "archive.json"],
     "argument --json: given twice (result.json, archive.json)"),
    (["--criteria", "r.yaml", "--out", "a.xlsx", "--out", "b.xlsx"], "argument --out: given twice (a.xlsx, b.xlsx)"),
])
def test_an_option_of_one_value_given_twice_is_refused_naming_both(capsys, twice, said):
    """Found by a tester (hostile10 H10-6): `--criteria amended.yaml --criteria cs-outsourcing.yaml` used the last and
    said nothing (the amended ceiling not applied); `--json a --json b` never wrote a. The same value twice is fine."""
    from bideval.cli import _parser

    with pytest.raises(SystemExit) as exited:
        _parser().parse_args(["evaluate", "--bids", "b.xlsx", *twice])
    assert exited.value.code == 2 and said in capsys.readouterr().err
    again = _parser().parse_args(["evaluate", "--bids", "b.xlsx", "--criteria", "r.yaml", "--lang", "en",
                                  "--lang", "en", "--panel", "p1.xlsx", "--panel", "p2.xlsx", "--criteria", "r.yaml"])
    assert (again.criteria, again.lang, again.panel) == ("r.yaml", "en", ["p1.xlsx", "p2.xlsx"])


def test_a_bid_file_named_in_bytes_that_are_no_utf_8_is_listed_and_told_escaped(tmp_path, capsys):
    """verify21b: a form named in GBK (嘉禾.xlsx as a Chinese Windows zip writes it, extracted as it was on Linux)
    stopped `evaluate --out` with a traceback, exit 1: Python names the file with lone surrogates, which the Audit
    sheet cannot hold. Its name is shown with those bytes escaped, in the Audit sheet and in a problem alike."""
    bids = tmp_path / "bids"
    bids.mkdir()
    gbk = os.fsdecode(bids.as_posix().encode() + b"/" + "嘉禾".encode("gbk") + b".xlsx")
    write_form(Path(gbk), good_bid(VENDOR_A))
    write_form(bids / "b.xlsx", good_bid(VENDOR_B))
    out, js = tmp_path / "ranked.xlsx", tmp_path / "result.json"
    assert main(["evaluate", "--criteria", str(EXAMPLE_RUBRIC), "--bids", str(bids), "--out", str(out),
                 "--json", str(js)]) == 0
    shown = f"{bids}/\\xbcκ\\xcc.xlsx"  # (GBK bc ce ba cc: its ce ba is UTF-8 for κ, as a file list shows it)
    paths = [row[1] for row in openpyxl.load_workbook(out)["Audit"].iter_rows(values_only=True)]
    assert shown in paths
    Path(gbk).write_bytes(b"not a workbook")
    capsys.readouterr()
    assert main(["evaluate", "--criteria", str(EXAMPLE_RUBRIC), "--bids", str(bids), "--json", str(js)]) == 2
    assert capsys.readouterr().err.startswith(f"{shown}: not an .xlsx workbook")


def test_a_rubric_named_and_a_title_typed_in_bytes_that_are_no_utf_8_are_shown_escaped(tmp_path):
    """verify21b: a rubric file named in GBK, or a --title typed in a GBK terminal, stopped `evaluate --out` with a
    traceback as a bid file so named did: shown with the bytes escaped, in the Audit sheet as on the title."""
    rubric = Path(os.fsdecode(tmp_path.as_posix().encode() + b"/r\xbc.yaml"))
    rubric.write_bytes(EXAMPLE_RUBRIC.read_bytes())
    out = tmp_path / "ranked.xlsx"
    bids = write_form(tmp_path / "a.xlsx", good_bid(VENDOR_A))
    assert main(["evaluate", "--criteria", str(rubric), "--bids", str(bids), "--out", str(out),
                 "--title", os.fsdecode(b"T\xbc")]) == 0
    audit = {row[0]: row[1] for row in openpyxl.load_workbook(out)["Audit"].iter_rows(values_only=True)}
    assert audit["评分标准文件"] == f"{tmp_path}/r\\xbc.yaml" and audit["项目名称"] == "T\\xbc"
