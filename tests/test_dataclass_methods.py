"""The package's dataclass methods kept compiled (bideval/dataclass_methods.py): a class is made as without them."""
from __future__ import annotations

import dataclasses
import inspect
import marshal
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from bideval import dataclass_methods

CLASS = '''
from __future__ import annotations
from dataclasses import dataclass, field
from decimal import Decimal

@dataclass(frozen=True, order=True)
class Line:
    """A probe with what the package's classes use: defaults, a factory, a field left out of comparison."""
    criterion: str
    points: Decimal = Decimal("0")
    notes: tuple[str, ...] = field(default_factory=tuple)
    seen: int = field(default=0, compare=False, repr=False)
'''


def _made_in(module_name: str) -> type:
    module = types.ModuleType(module_name)
    sys.modules[module_name] = module
    try:
        exec(compile(CLASS, f"<{module_name}>", "exec"), module.__dict__)
    finally:
        del sys.modules[module_name]
    return module.Line


def test_a_class_made_with_kept_methods_behaves_as_one_made_without(monkeypatch):
    with monkeypatch.context() as python_alone:  # the class as dataclasses makes it without the package's hook
        python_alone.delattr(dataclasses, "exec")
        plain = _made_in("bideval._probe_plain")
    used = set(dataclass_methods._used)
    theirs = _made_in("probe_outside_the_package")  # (not the package's: compiled as before)
    ours = _made_in("bideval._probe")
    again = _made_in("bideval._probe_again")  # the same source texts: taken from what was compiled for ``ours``
    made = dataclass_methods._used - used
    assert len(made) >= 5 and made <= set(dataclass_methods._known), "the package's class: its methods looked up"
    for cls in (ours, again):
        a, b = cls("price", 1), cls("price", 1, seen=5)
        assert a == b and hash(a) == hash(b) and a < cls("quality")
        assert repr(a) == repr(theirs("price", 1)) == "Line(criterion='price', points=1, notes=())"
        assert a.notes == () and a.points == 1
        with pytest.raises(dataclasses.FrozenInstanceError):
            a.points = 2  # type: ignore[misc]
        # compiled as exec compiles it: no ``from __future__`` of the module that keeps it inherited
        for reference in (plain, theirs):
            assert inspect.get_annotations(cls.__init__) == inspect.get_annotations(reference.__init__)
            assert str(inspect.signature(cls)) == str(inspect.signature(reference))
            for method in ("__init__", "__eq__", "__hash__", "__repr__", "__lt__", "__setattr__"):
                code, expected = getattr(cls, method).__code__, getattr(reference, method).__code__
                assert (code.co_code, code.co_consts, code.co_names, code.co_flags) \
                    == (expected.co_code, expected.co_consts, expected.co_names, expected.co_flags), method


def _run(code: str, tmp_path: Path, **env: str) -> str:
    kept = tmp_path / "methods.marshal"
    prelude = f"import bideval.dataclass_methods as d; d._FILE = {str(kept)!r}\n"
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | env
    done = subprocess.run([sys.executable, "-c", prelude + code], capture_output=True, text=True, env=environment,
                          check=True)
    return done.stdout.strip()


def test_a_second_process_takes_the_methods_the_first_kept(tmp_path):
    first = _run("import bideval.rubric; print(len(d._new))", tmp_path)
    assert int(first) > 100  # the rubric's classes: their methods compiled, then kept at exit
    assert _run("import bideval.rubric; print(len(d._new), len(d._known))", tmp_path).split()[0] == "0"
    assert _run("import bideval.rubric, bideval.panel; print(len(d._new) > 0)", tmp_path) == "True"


@pytest.mark.parametrize("content", [b"", b"not marshal at all", marshal.dumps(("2.7.18", {})),
                                     marshal.dumps((sys.version, ["a list"])), marshal.dumps(42)])
def test_a_damaged_or_foreign_file_is_not_used(tmp_path, content):
    (tmp_path / "methods.marshal").write_bytes(content)
    assert _run("import bideval.rubric; print(len(d._new) > 100)", tmp_path) == "True"


def test_nothing_is_kept_where_python_writes_no_bytecode_but_write_all_keeps_every_class(tmp_path):
    _run("import bideval.rubric", tmp_path, PYTHONDONTWRITEBYTECODE="1")
    assert not (tmp_path / "methods.marshal").exists()
    written = _run("print(d.write_all())", tmp_path, PYTHONDONTWRITEBYTECODE="1")
    assert written == str(tmp_path / "methods.marshal")
    # every module of the package then makes its classes without compiling a method
    assert _run("import bideval.storage, bideval.evaluation; print(len(d._new))", tmp_path) == "0"


def test_a_damaged_method_in_the_file_is_compiled_again(tmp_path):
    _run("d.write_all()", tmp_path)
    kept = tmp_path / "methods.marshal"
    version, methods = marshal.loads(kept.read_bytes())
    assert len(methods) > 300 and all(isinstance(code, bytes) for code in methods.values())
    kept.write_bytes(marshal.dumps((version, {source: b"\xff damaged" for source in methods})))
    assert _run("import bideval.rubric; from decimal import Decimal; from bideval.rubric import Tier; "
                "made = lambda: Tier('a', 'A', Decimal(0), Decimal(5)); "
                "print(len(d._new) > 100, made() == made(), repr(made()))",
                tmp_path) == "True True Tier(id='a', label='A', min=Decimal('0'), max=Decimal('5'), description=None)"
