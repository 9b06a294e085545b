"""What the scan reads from a report: subjects, their figures, the claims made about them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from hrkpi.core.models import Base, PaceStatus
from hrkpi.core.units import Unit
from hrkpi.scans.numerals import Token

Span = tuple[int, int]


class Why(StrEnum):
    """Why a clause is listed as not understood (put into words by hrkpi.output)."""

    NO_RULE = "no_rule"  # a figure of a claim no rule reads (a share, a margin, a ratio)
    NO_FIGURE = "no_figure"  # a claim with no figure before it to be about
    NO_BASE = "no_base"  # a change without its base (同比? 比上年末?)
    UNDATED_BASE = "undated_base"  # a base date, but no year to place it in
    RATE_PERCENT_CHANGE = "rate_percent_change"  # a % change of a rate: relative, or points?
    SECOND_CHANGE = "second_change"  # a second change of the same kind on one figure
    UNITS_DIFFER = "units_differ"  # 由X到Y in units that do not compare
    APPROXIMATE_TARGET = "approximate_target"
    APPROXIMATE_LIMIT = "approximate_limit"
    NO_LIMIT_WORD = "no_limit_word"  # 保持在95% with no 以上
    NO_COMPLETION = "no_completion"  # a pace claim with no completion rate before it
    NAMES_AND_FIGURES = "names_and_figures"  # 分别: as many names as figures are needed
    NO_TOTAL = "no_total"  # a share of a total the report does not print (占全省的12.3%)
    NO_PACE_DATE = "no_pace_date"  # a distance to schedule pace, but no as-of date to place it
    RATE_PERCENT_MARGIN = "rate_percent_margin"  # a rate 低于目标0.6%: relative, or points?
    WHICH_FIGURE = "which_figure"  # a change that could be of either of two figures before it
    UNRELATED_LIST = "unrelated_list"  # 分别为 x、y: figures to names, but nothing to check
    CHANGES_ONLY = "changes_only"  # 分别增加 x、y: changes to names, but no figure of theirs


@dataclass
class ChangeClaim:
    """同比增长6.38%: a change of the entry's figure against a base."""

    token: Token
    kind: str  # abs | pct | pp
    sign: int  # +1 rise, -1 fall
    base: Base | dt.date | None  # None: not printed (a part's growth takes its total's)
    rule: str
    span: Span
    comparable: bool = False  # 按可比价格, 实际增长: not from the figures as printed


@dataclass
class LimitClaim:
    """在年度控制目标4%以内: the figure stated within (or beyond) a limit."""

    token: Token
    word: str  # 以内, 以下, 低于, 不超过, 以上, 不低于, 高于 (as hrkpi's threshold words)
    label: str
    rule: str
    span: Span


@dataclass
class CompletionClaim:
    """完成全年任务数4万人的105.5%: the completion rate, with its target if printed."""

    rate: Token
    target: Token | None
    rule: str
    span: Span


@dataclass
class ShareClaim:
    """占总人口比重为60.60%: the entry's figure as a share of a total (named or not)."""

    token: Token
    total_name: str  # as printed (总人口), "" when not named (占比28.8%)
    rule: str
    span: Span
    total: Entry | None = None  # the total's entry, once found in the text


@dataclass
class MarginClaim:
    """低于4%的控制目标0.44个百分点, 超额完成0.22万人, 超序时进度12.3个百分点."""

    token: Token  # the distance
    side: str  # below | above
    against: str  # limit (printed or defined) | pace
    limit: Token | None  # the limit, when printed in the clause
    rule: str
    span: Span


@dataclass
class RatioClaim:
    """性别比为104.45, 城乡居民人均收入比值为2.08, 是农村居民的2.08倍: the entry's figure is
    one figure over another, times `per`."""

    kind: str  # sex (男 over 女, per 100), pair (城镇 over 农村), times (X是Y的N倍)
    denominator_name: str  # as printed after 是…的 (times), else ""
    rule: str
    span: Span
    numerator: Entry | None = None
    denominator: Entry | None = None


@dataclass
class PaceClaim:
    """快于时序进度: the pace status the report states."""

    status: PaceStatus | str  # "half" for 时间过半、任务过半
    rule: str
    span: Span


@dataclass
class Entry:
    """A subject of the report with its figure (None when only a change is printed)."""

    token: Token | None
    name: str
    paragraph: int
    span: Span  # the clause it stands in
    sentence: Span
    changes: list[ChangeClaim] = field(default_factory=list)
    completion: CompletionClaim | None = None
    limit: LimitClaim | None = None
    pace: PaceClaim | None = None
    shares: list[ShareClaim] = field(default_factory=list)
    margins: list[MarginClaim] = field(default_factory=list)
    ratio: RatioClaim | None = None
    consumed: bool = False  # a target, a limit or a rate: not a figure of its own
    group: str = ""  # the list it was read from (依次为: one list, one group)
    rule: str = ""  # the rule that named it (each.values, list.in_turn), if any
    part: bool = False  # named after 其中: a part of the figure before it
    unnamed: bool = False  # one of a counted few (两个区分别…): the same figure as none elsewhere


@dataclass
class Composition:
    """A total and its parts (其中…, 除…外其他…, a list of named parts, a restatement)."""

    total: Entry
    parts: list[Entry]
    rule: str
    span: Span
    growth: bool = False  # the parts state only their growth (第一、二、三产业)
    partial: bool = False  # 其中 parts that do not claim to cover the total (at most it)
    overlap: bool = False  # partial parts that may overlap (女性, 青年): each at most it
    increments: bool = False  # the parts state only their changes (其中职工增加3.1万人)
    shares: bool = False  # the parts state only their shares (第一产业占7.1%…)
    unit: Unit | None = None  # for parts stating only shares: the unit they are counted in


@dataclass
class Reading:
    """Everything read from one text."""

    entries: list[Entry] = field(default_factory=list)
    compositions: list[Composition] = field(default_factory=list)
    not_understood: list[tuple[Span, Why]] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
