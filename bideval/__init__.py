"""bid-eval: tender bid evaluation — rubric, import, scoring, ranking, export."""

__version__ = "0.1.0"
