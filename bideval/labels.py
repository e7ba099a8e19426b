"""Bilingual text: every label the tool shows has a Chinese and an English form."""
from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class Label:
    """A text in Simplified Chinese and English."""

    zh: str
    en: str

    def text(self, lang: str) -> str:
        """The text in ``lang`` (``zh`` or ``en``)."""
        return self.en if lang == "en" else self.zh

    def both(self) -> str:
        """``中文 / English``, for places that show both."""
        return self.zh if self.zh == self.en else f"{self.zh} / {self.en}"


def check_lang(lang: str) -> str:
    """``lang`` when it is a supported language, else ValueError."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be zh or en, not {lang!r}")
    return lang


@dataclass(frozen=True)
class Named:
    """A thing of the rubric as a message names it: its id (for scripts) and its label (for people)."""

    id: str
    label: Label
