"""The machinery of the rule table: what a clause claims (`Kind`), one way of stating it
(`Rule`), and the clause *shape* a rule's pattern is written over — the clause with each
figure replaced by one placeholder of its class ({N} an amount such as 4.22万人, {P} a
percentage, {Q} percentage points, {X} any figure, {T} any character that is neither a
figure nor a separator; {TIMES} a multiple or bare ratio, {MILLE} a per-mille rate)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from enum import StrEnum

from hrkpi.scans.numerals import FigureClass

PLACEHOLDER = {cls: chr(0xE001 + i) for i, cls in enumerate(FigureClass)}
ANY = "[" + "".join(PLACEHOLDER.values()) + "]"
_FIGURE_OR_SEP = "".join(PLACEHOLDER.values()) + ",;:"


class Kind(StrEnum):
    """What a clause claims."""

    BASE = "base"  # 与2月10日相比: the base of the changes that follow
    COMPLETION = "completion"  # 完成全年任务数4万人的105.5%
    CHANGE = "change"  # 同比增长6.38%, 增加1.23万人, 提高92.52个百分点
    LIMIT = "limit"  # 在年度控制目标4%以内
    MARGIN = "margin"  # 低于4%的控制目标0.44个百分点, 超序时进度12.3个百分点
    SHARE = "share"  # 占总人口比重为60.60%, 占比28.8%
    PACE = "pace"  # 快于时序进度, 时间过半、任务过半
    EACH = "each"  # A、B分别为x、y (values, changes or shares, one to a name)
    LIST = "list"  # 依次为: 甲区152.30%、乙县138.05%
    EXCEPT = "except"  # 除72项…外, 其他…33个事项 (two parts that make the whole)
    RATIO = "ratio"  # 性别比为104.45, 城乡居民人均收入比值为2.08, 是…的2.5倍


@dataclass(frozen=True)
class Rule:
    """One way of stating a claim: a pattern over a clause's shape, and what it means."""

    id: str
    kind: Kind
    pattern: str
    example: str  # a clause that the rule reads, for the docs and the tests
    params: dict[str, str] = field(default_factory=dict)

    @property
    def regex(self) -> re.Pattern[str]:
        """The compiled pattern, placeholders replaced."""
        return compile_shape(self.pattern)


@functools.cache
def compile_shape(pattern: str) -> re.Pattern[str]:
    """A pattern over a clause's shape, its placeholders replaced by their characters."""
    # {T} is "a character", so the figures of class T and M are {TIMES} and {MILLE}.
    text = pattern.replace("{TIMES}", PLACEHOLDER[FigureClass.TIMES])
    text = text.replace("{MILLE}", PLACEHOLDER[FigureClass.PERMILLE])
    text = text.replace("{X}", ANY).replace("{T}", f"[^{_FIGURE_OR_SEP}]")
    for cls, char in PLACEHOLDER.items():
        text = text.replace("{" + cls.value + "}", char)
    return re.compile(text)
