"""The command line: each command parses options, makes one library call, prints.

Bad input exits 2 with one line per problem on stderr and writes nothing.
Heavy modules (xlsxwriter, openpyxl) are imported only by the commands that need them.
"""
from __future__ import annotations

import argparse
import datetime
import gc
import hashlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from . import __version__
from .errors import BidEvalError, Problem, shown_name
from .outputs import STDOUT, Writer, Written, check_outputs, write_outputs
from .watchdog import set_language

if TYPE_CHECKING:
    from .rubric import Rubric
    from .tender import DocumentHeading

EXIT_BAD_INPUT = 2


class _StoreOnce(argparse.Action):
    """An option taking one value (``--criteria``, ``--json``, ``--out`` …) given twice with two values is refused,
    naming both: the last had won in silence (an amended rubric not used, an output never written; hostile10 H10-6).
    The same value twice is one value."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        before = getattr(namespace, self.dest, None)
        if before is not None and before != self.default and before != values:
            raise argparse.ArgumentError(self, f"given twice ({before}, {values}): give it once")
        setattr(namespace, self.dest, values)


class _Parser(argparse.ArgumentParser):
    """The command line's parser: its options (and its commands') store one value once (:class:`_StoreOnce`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.register("action", None, _StoreOnce)
        self.register("action", "store", _StoreOnce)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m bideval",
                                     description="Evaluate tender bids against a published rubric.")
    parser.add_argument("--version", action="version", version=f"bid-eval {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate a rubric and print it as a table",
                                description="Validate a rubric YAML file and print it as a readable table.")
    check.add_argument("--criteria", required=True, metavar="FILE", help="rubric YAML file")
    check.add_argument("--lang", choices=("zh", "en"), default=None,
                       help="language of the table and the warnings (default zh); --lang zh also puts the rubric's "
                            "mistakes in Chinese (without it they are in English, for scripts)")

    template = commands.add_parser("template", help="write the vendor bid form for a rubric",
                                   description="Write the bid form (sheet Bid) that vendors fill in.")
    template.add_argument("--criteria", required=True, metavar="FILE", help="rubric YAML file")
    template.add_argument("--out", required=True, metavar="FILE", help="the .xlsx to write")
    template.add_argument("--lang", choices=("zh", "en"), default=None,
                          help="language of headers, notes and warnings (default zh); --lang zh also puts error "
                               "messages in Chinese")

    sheet = commands.add_parser("scoresheet", help="write a blank score sheet for one judge",
                                description="Write a blank Scores sheet for one judge: a row per valid bid "
                                            "and panel criterion, with the agreed tier's range when --tiers is given.")
    sheet.add_argument("--criteria", required=True, metavar="FILE", help="rubric YAML file")
    sheet.add_argument("--bids", required=True, nargs="+", action="extend", metavar="PATH", help="bid workbooks or folders")
    sheet.add_argument("--tiers", metavar="FILE", help="panel workbook with a Tiers sheet")
    sheet.add_argument("--judge", required=True, metavar="NAME", type=shown_name, help="the judge's name")
    sheet.add_argument("--out", required=True, metavar="FILE", help="the .xlsx to write")
    sheet.add_argument("--lang", choices=("zh", "en"), default=None,
                       help="language of headers and warnings (default zh); --lang zh also puts error messages "
                            "in Chinese")

    evaluate = commands.add_parser("evaluate", help="score and rank the bids; write JSON and/or the ranked workbook",
                                   description="Score and rank the bids. Needs at least one of --out and --json.")
    evaluate.add_argument("--criteria", required=True, metavar="FILE", help="rubric YAML file")
    evaluate.add_argument("--bids", required=True, nargs="+", action="extend", metavar="PATH", help="bid workbooks or folders")
    evaluate.add_argument("--panel", nargs="+", action="extend", default=[], metavar="FILE", help="panel workbook(s): Scores, Tiers, Judges")
    evaluate.add_argument("--out", metavar="FILE", help="the ranked .xlsx to write")
    evaluate.add_argument("--json", metavar="FILE", help="the result JSON to write; - for standard output (the "
                                                         "summary then goes to standard error)")
    evaluate.add_argument("--indent", action="store_true",
                          help="write the JSON indented, two spaces a level (default: one line, written faster)")
    evaluate.add_argument("--lang", choices=("zh", "en"), default=None,
                          help="language of the workbook, reasons and warnings (default zh); --lang zh also puts error "
                               "messages in Chinese (without it they are in English, for scripts)")
    _tender_options(evaluate)

    report = commands.add_parser("report", help="write the evaluation report (评标报告) every panel member signs",
                                 description="Evaluate the bids and write the evaluation report (评标报告) as a PDF: "
                                             "the tender, the rubric, the panel, invalid bids, the ranking, flags, "
                                             "the recommended candidates and a signature line per panel member.")
    report.add_argument("--criteria", required=True, metavar="FILE", help="rubric YAML file")
    report.add_argument("--bids", required=True, nargs="+", action="extend", metavar="PATH", help="bid workbooks or folders")
    report.add_argument("--panel", nargs="+", action="extend", default=[], metavar="FILE", help="panel workbook(s): Scores, Tiers, Judges")
    report.add_argument("--out", required=True, metavar="FILE", help="the .pdf to write")
    report.add_argument("--lang", choices=("zh", "en"), default=None,
                        help="language of the report and the warnings (default zh); --lang zh also puts error "
                             "messages in Chinese")
    _tender_options(report)

    audit = commands.add_parser("audit", help="check the app database's audit trail",
                                description="Check the hash chain of the app database's audit trail.")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    verify = audit_commands.add_parser("verify", help="recompute every entry's hash; exit 2 when an entry was "
                                                      "edited, removed or moved",
                                       description="Recompute the audit chain of every tender (or one) and of "
                                                   "the accounts; name the first broken entry.")
    verify.add_argument("--database", metavar="URL", help="database URL (default: DATABASE_URL or the app's "
                                                          "SQLite file)")
    verify.add_argument("--tender", type=int, metavar="ID", help="only this tender's chain")
    return parser


def _tender_options(command: argparse.ArgumentParser) -> None:
    """What heads the filed documents: the tender's name, number, method and date."""
    group = command.add_argument_group("the tender (heads every printed page)")
    group.add_argument("--title", metavar="TEXT", type=shown_name,
                       help="the tender's name (default: the rubric's title)")
    group.add_argument("--number", metavar="TEXT", type=shown_name,
                       help="the tender number (default: the rubric's tender_number)")
    group.add_argument("--method", metavar="TEXT", type=shown_name,
                       help="the procurement method (default: the rubric's procurement_method, else 综合评分法)")
    group.add_argument("--date", metavar="YYYY-MM-DD", type=_day, help="the date on the documents (default: today)")


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date such as 2026-11-30, found {text!r}") from None


def _heading(args: argparse.Namespace, rubric: Rubric) -> DocumentHeading:
    from .tender import document_heading

    return document_heading(rubric, args.title, args.number, args.method, args.date)


def _check(args: argparse.Namespace) -> int:
    from .rubric import load_rubric
    from .rubric_view import describe_rubric
    from .rubric_yaml import rubric_warnings

    rubric = load_rubric(args.criteria)
    _warn(rubric_warnings(rubric), args)
    print(describe_rubric(rubric, args.lang))
    return 0


def _template(args: argparse.Namespace) -> int:
    from .rubric import load_rubric
    from .rubric_yaml import rubric_warnings
    from .template import write_bid_form

    check_outputs({"--out": args.out}, {"--criteria": [args.criteria]}, writes={"--out": Written.WORKBOOK})
    rubric = load_rubric(args.criteria)
    _warn(rubric_warnings(rubric), args)
    write_outputs([(args.out, lambda p: write_bid_form(rubric, p, args.lang))])
    print(f"wrote {args.out}: bid form for {rubric.id} ({len(rubric.bid_fields)} fields)")
    return 0


def _scoresheet(args: argparse.Namespace) -> int:
    from .bids import read_bids
    from .evaluation import check_bids
    from .panel import read_panel, seat_name
    from .rubric import load_rubric
    from .scoresheet import write_score_sheet

    judge = seat_name(args.judge, "--judge")  # a sheet for nobody would be refused on every row when returned
    check_outputs({"--out": args.out}, {"--criteria": [args.criteria], "--bids": args.bids,
                                        "--tiers": [args.tiers] if args.tiers else []}, args.bids,
                  writes={"--out": Written.WORKBOOK})
    rubric = load_rubric(args.criteria)
    bidset = read_bids(rubric, args.bids)
    _warn(bidset.warnings, args)  # (an archive not opened in the folder, a form of another version …: as evaluate does)
    checks = check_bids(rubric, bidset.bids)
    invalid = [vendor for vendor, check in checks.items() if not check.valid]
    tiers: Mapping[tuple[str, str], str] = {}
    if args.tiers:
        panel = read_panel(rubric, bidset.bids, invalid, [args.tiers])
        _warn(panel.warnings, args)
        if panel.judges and judge not in panel.judges and _has_judges_sheet(args.tiers):
            raise BidEvalError.coded("cli.judge_not_listed", file=args.tiers, judge=judge, members=panel.judges)
        tiers = panel.tiers
    valid = [b for b in bidset.bids if checks[b.vendor_id].valid]
    write_outputs([(args.out, lambda p: write_score_sheet(rubric, valid, tiers, judge, p, args.lang))])
    print(f"wrote {args.out}: score sheet for {judge}, {len(valid)} bids × {len(rubric.panel_criteria)} criteria")
    return 0


def _warn(warnings: Iterable[Problem], args: argparse.Namespace) -> None:
    """Warnings on the terminal, in the language of the command's output (``--lang``, Chinese by default): the
    officer reads them beside the table or the summary, while the run goes on. Errors, which stop it, stay in the
    scripts' English unless ``--lang zh`` is given."""
    for warning in warnings:
        if args.lang == "zh":
            from .messages import render  # here: a run without warnings (most) does not import the messages

            print(f"警告：{render(warning, 'zh')}", file=sys.stderr)
        else:
            print(f"warning: {warning}", file=sys.stderr)


def _has_judges_sheet(path: str) -> bool:
    from .panel import JUDGES_SHEET
    from .sheets import open_workbook

    book, _ = open_workbook(Path(path), file_role="panel")  # read already: its problems were told then
    return book is not None and book.find(JUDGES_SHEET) is not None


def _evaluate(args: argparse.Namespace) -> int:
    from .evaluation import run
    from .result import result_json_bytes
    from .summary import summary_text

    if args.out is None and args.json is None:
        print("evaluate needs at least one of --out and --json", file=sys.stderr)
        return EXIT_BAD_INPUT
    check_outputs({"--json": args.json, "--out": args.out}, _inputs(args), args.bids,
                  writes={"--json": Written.JSON, "--out": Written.WORKBOOK}, to_stdout=("--json",))
    result = run(args.criteria, args.bids, args.panel)
    _warn(result.warnings, args)
    files: list[tuple[str, Writer]] = []
    sha256 = None
    data = b""
    if args.json:
        data = result_json_bytes(result, args.lang, indent=2 if args.indent else None)
        if args.json != STDOUT:
            files.append((args.json, lambda p: p.write_bytes(data)))
        # the one-line form's hash, as the report names it (--indent's bytes are the older form)
        sha256 = hashlib.sha256(result_json_bytes(result, args.lang) if args.indent else data).hexdigest()
    if args.out:
        from .export import write_workbook

        heading = _heading(args, result.rubric)
        files.append((args.out, lambda p: write_workbook(result, p, args.lang, heading, result_sha256=sha256)))
    write_outputs(files)  # both or neither
    if args.json == STDOUT:  # the document alone on standard output, its bytes those a file would hold
        _write_stdout(data)
    print(summary_text(result, args.lang), file=sys.stderr if args.json == STDOUT else sys.stdout)
    return 0


def _write_stdout(data: bytes) -> None:
    """``data`` (UTF-8) on standard output whatever the terminal's encoding: the bytes the result's SHA-256 names."""
    sys.stdout.flush()
    raw = getattr(sys.stdout, "buffer", None)
    if raw is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        raw.write(data)
        raw.flush()


def _report(args: argparse.Namespace) -> int:
    from .evaluation import run
    from .report import report_pdf
    from .result import result_sha256

    check_outputs({"--out": args.out}, _inputs(args), args.bids, writes={"--out": Written.PDF})
    result = run(args.criteria, args.bids, args.panel)
    _warn(result.warnings, args)
    data = report_pdf(result, args.lang, _heading(args, result.rubric))
    write_outputs([(args.out, lambda p: p.write_bytes(data))])
    print(f"wrote {args.out}: evaluation report for {result.rubric.id} ({result.status}), "
          f"result SHA-256 {result_sha256(result, args.lang)}")
    return 0


def _inputs(args: argparse.Namespace) -> dict[str, list[str]]:
    """The files an evaluation reads, by option."""
    return {"--criteria": [args.criteria], "--bids": args.bids, "--panel": args.panel}


def _audit(args: argparse.Namespace) -> int:
    from .audit import verify_database

    verdicts = verify_database(args.database, args.tender)
    for verdict in verdicts:
        print(verdict)
    return 0 if all(v.ok for v in verdicts) else EXIT_BAD_INPUT



COMMANDS = {"check": _check, "template": _template, "scoresheet": _scoresheet, "evaluate": _evaluate,
            "report": _report, "audit": _audit}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; 0 on success, 2 on bad input.

    Error messages are in English (``file:sheet!cell: message``, as scripts expect) unless
    ``--lang zh`` is given: then they are in Chinese, naming fields and criteria by their label.
    """
    args = _parser().parse_args(argv)
    explicit_lang = getattr(args, "lang", None)
    if hasattr(args, "lang") and args.lang is None:
        args.lang = "zh"
    set_language("zh" if explicit_lang == "zh" else "en")  # as the errors below are written
    collecting = gc.isenabled()
    gc.disable()  # one short command: its memory goes back when it ends; the cycle collector only costs time
    try:
        return COMMANDS[args.command](args)
    except BidEvalError as error:
        from .messages import error_lines

        lines = error_lines(error, "zh") if explicit_lang == "zh" else str(error).splitlines()
        for line in lines:
            print(line, file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:  # an output path that cannot be written is the user's to fix
        print(f"{error.filename or ''}: {error.strerror or error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        if collecting:
            gc.enable()
