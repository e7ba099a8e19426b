"""The shipped rubrics' outputs are unchanged, byte for byte: JSON, `check`, and every workbook's cells.

The golden files under tests/data/golden/ were written by ``tests/golden.py --write``
from the code before the rubric was restructured and extended (issue 7); a change
that moves a figure, a label, a formula or a validation of an existing rubric fails here.
"""
from __future__ import annotations

import pytest

from golden import GOLDEN, outputs


@pytest.fixture(scope="module")
def current() -> dict[str, str]:
    return outputs()


def test_the_golden_set_is_complete(current):
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(current)


@pytest.mark.parametrize("name", sorted(p.name for p in GOLDEN.iterdir()))
def test_output_unchanged(current, name):
    assert current[name] == (GOLDEN / name).read_text(encoding="utf-8"), name
