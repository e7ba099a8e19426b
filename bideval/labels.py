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


# A criterion kind's short name, by its value in the rubric format: the name the rubric's table shows (where a
# deduction and a penalty add what they do, bideval.rubric_view.KIND_LABELS) and messages use ("X的评分方式为资格条件").
KIND_NAMES = {
    "gate": Label("资格条件", "gate"), "checklist": Label("逐项得分", "checklist"), "count": Label("计数", "count"),
    "linear": Label("线性插值", "linear"), "tiered": Label("分档评分", "tiered"), "judged": Label("评委评分", "judged"),
    "price": Label("价格分", "price"), "deduction": Label("扣分制", "deduction"), "penalty": Label("扣分项", "penalty"),
}


# What a chair's finding answers (bideval.workflow.FindingKind, by its value): the name the Review page's table and
# the messages give it, which is the name of the flag it answers (bideval.result.FLAG_LABELS reads the flags' here).
FINDING_NAMES = {
    "outlier": Label("评分畸高畸低", "Outlying score"), "abnormal_low_price": Label("异常低价", "Abnormally low price"),
    "incomplete": Label("评分未完成", "Panel scores missing"),
}


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


def with_role(name: str, role: str) -> str:
    """A member's name with their role after it, as a list of the panel shows it: ``王评委（组长）``.

    >>> with_role("王评委", "组长"), with_role("王评委", "")
    ('王评委（组长）', '王评委')
    """
    return f"{name}（{role}）" if role else name
