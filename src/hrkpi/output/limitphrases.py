"""How a finding words its limit (年度控制目标为4%以内, at most 4%), in Chinese and
English, and what a limit with no label of its own is called (hrkpi.output.findwords
words the relation around it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hrkpi.checks.findings import Finding
from hrkpi.core.models import THRESHOLD_WORDS, Level, ThresholdKind

if TYPE_CHECKING:
    from hrkpi.output.findwords import Words


# Report words that stand before the number (不低于4%) rather than after it (4%以内).
_PREFIX_WORDS = {"不低于", "不少于", "超过", "高于", "不高于", "不超过", "不满", "低于"}
_KIND_WORDS = {
    "floor": ("以上", "at least"),
    "ceiling": ("以内", "at most"),
    "band": ("左右", "about"),
}
# What a limit with no label of its own is called, by its shape: a ceiling is a
# 控制目标 (控制目标为4.5%以内), a floor or a band a 目标 (目标不低于90%, 目标为5%左右).
_UNLABELLED = {
    ThresholdKind.CEILING.value: "控制目标",
    ThresholdKind.FLOOR.value: "目标",
    ThresholdKind.BAND.value: "目标",
}
# A warning level with no label is a 预警线 whatever its shape (预警线为4%以内), a band's a
# 预警范围, as its reason says it is passed (超出预警线, 超出预警范围: findreasons._warned):
# called 控制目标 or 目标, it read as the limit the figure fails.
_UNLABELLED_WARNING = {
    ThresholdKind.CEILING.value: ("预警线", "warning level"),
    ThresholdKind.FLOOR.value: ("预警线", "warning level"),
    ThresholdKind.BAND.value: ("预警范围", "warning band"),
}
# The report's limit words in English.
_WORDS_EN = {
    "以上": "at least",
    "不低于": "not below",
    "不少于": "not less than",
    "超过": "above",
    "高于": "above",
    "以内": "at most",
    "以下": "at most",
    "不高于": "not above",
    "不超过": "not over",
    "不满": "under",
    "低于": "below",
    "左右": "about",
}


def limit_phrase(f: Finding, w: Words) -> str:
    """The limit as a finding's relation states it: 年度控制目标为4%以内 / at most 4%."""
    limit = f.limit
    assert limit is not None
    unit = w.unit(f.unit)
    word = limit.word
    if w.zh():
        word = _KIND_WORDS.get(word, (word, word))[0]
        phrase = (
            f"{word}{limit.value}{unit}" if word in _PREFIX_WORDS else f"{limit.value}{unit}{word}"
        )
        # 年度控制目标为4%以内; a word before the figure parts them (年度目标不低于4%).
        # Without a label the limit is still named: "5.15%，4.50%以内" would read as the
        # figure within its limit whatever the verdict.
        label = limit.label or _unlabelled(limit.word, limit.level)
        return f"{label}{'' if word in _PREFIX_WORDS else '为'}{phrase}"
    word = _KIND_WORDS[word][1] if word in _KIND_WORDS else _WORDS_EN.get(word, word)
    # The label (年度控制目标) is the report's Chinese, and the line's head already says
    # "limit": the phrase is the bound alone ("limit: X: 3.56%; at most 4%"), a warning
    # level's named as one ("X: 4.30%; warning level at most 4%").
    if limit.level == Level.WARN.value:
        return f"{_warning(limit.word)[1]} {word} {limit.value}{unit}"
    return f"{word} {limit.value}{unit}"


def limit_kind(word: str) -> str:
    """The shape of a limit given by `word` (a report's word, or the shape itself):
    floor, ceiling or band."""
    return THRESHOLD_WORDS[word][0].value if word in THRESHOLD_WORDS else word


def _unlabelled(word: str, level: str) -> str:
    """What a limit given by `word` (a report's word, or its shape) at `level` is called
    when it has no label: 控制目标 for a ceiling, 目标 for a floor or a band; a warning
    level 预警线 (a band 预警范围)."""
    if level == Level.WARN.value:
        return _warning(word)[0]
    return _UNLABELLED.get(limit_kind(word), "目标")


def _warning(word: str) -> tuple[str, str]:
    """A warning level's name by its shape: 预警线 / warning level (a band's 预警范围)."""
    return _UNLABELLED_WARNING.get(limit_kind(word), _UNLABELLED_WARNING["ceiling"])
