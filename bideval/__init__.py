"""bid-eval: tender bid evaluation — rubric, import, scoring, ranking, export."""

__version__ = "0.1.0"

from . import dataclass_methods

dataclass_methods.install()  # before any of the package's dataclasses is made
