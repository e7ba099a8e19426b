"""Patterns compiled on first use behave as compiled ones, and the evaluate path's import compiles none of them."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from bideval.patterns import on_first_use


def test_a_pattern_compiled_on_first_use_answers_as_the_compiled_one():
    text = "单位：万元; 0.52万元; UNIT: h"
    for source, flags in ((r"(单位|unit)\s*[:：]\s*(\S+?)(?=;|$)", re.IGNORECASE), (r"(?P<n>\d+(?:\.\d+)?)万", 0)):
        compiled, deferred = re.compile(source, flags), on_first_use(source, flags)
        assert [m.groups() for m in deferred.finditer(text)] == [m.groups() for m in compiled.finditer(text)]
        assert deferred.sub("#", text) == compiled.sub("#", text)
        assert (deferred.pattern, deferred.flags, deferred.groups, deferred.groupindex) == \
            (compiled.pattern, compiled.flags, compiled.groups, compiled.groupindex)
    assert on_first_use(rb"<v>(\d+)</v>").findall(b"<c><v>12</v></c>") == [b"12"]


def test_a_pattern_is_compiled_once_on_its_first_use(monkeypatch):
    compiled = []
    compile_now = re.compile
    monkeypatch.setattr(re, "compile", lambda *source: compiled.append(source) or compile_now(*source))
    digits = on_first_use(r"\d+")
    assert compiled == []
    assert digits.findall("a1b22") == ["1", "22"] and digits.search("x3").group() == "3"
    assert compiled == [(r"\d+", 0)]


def test_importing_the_evaluate_path_compiles_none_of_the_patterns_left_for_first_use():
    """Issue 9: the package's patterns for what seldom happens (a struck cell, a unit in words …), compiled at import,
    cost every start of the command 8-9 ms. A pattern put back to re.compile at import, or used by the import itself,
    fails here."""
    code = ("import re, sys\ncompiled = set()\ncompile_now = re._compiler.compile\n"
            "re._compiler.compile = lambda p, f=0: compiled.add(p) or compile_now(p, f)\n"
            "import bideval.cli, bideval.evaluation, bideval.result, bideval.summary, bideval.rubric_yaml\n"
            "from bideval.patterns import _Deferred\n"
            "deferred = [v._source[0] for m in list(sys.modules.values()) if m.__name__.startswith('bideval.')\n"
            "            for v in vars(m).values() if isinstance(v, _Deferred)]\n"
            "print(len(deferred), len([p for p in deferred if p in compiled]))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           cwd=Path(__file__).parent.parent).stdout.split()
    assert int(found[0]) >= 55 and found[1] == "0"
