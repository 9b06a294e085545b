"""Findings of `hrkpi check` as data: one per relation checked.

A finding holds what was checked and what was found — the rule, the stated
figure, every figure it was computed from (each with its place and rounding
interval), the range the inputs allow, the admissible values, the verdict and
a structured hint — but no sentence. Words are made in `hrkpi.output`, in
Chinese and English, so every format and language says the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from typing import TYPE_CHECKING

from hrkpi.core.intervals import Interval

if TYPE_CHECKING:
    from hrkpi.core.catalog import Catalog


class Verdict(StrEnum):
    """The outcome of one check."""

    CONSISTENT = "consistent"  # some value of the inputs within their precision gives the figure
    INCONSISTENT = "inconsistent"  # no value of the inputs gives the stated figure
    NOT_CHECKABLE = "not_checkable"  # nothing to recompute it from (the reason says why)
    PASS = "pass"  # a threshold is met
    WARN = "warn"  # a warn-level threshold is missed
    FAIL = "fail"  # a fail-level threshold is missed

    @property
    def is_problem(self) -> bool:
        """True for an inconsistency or a failed threshold (exit code 1)."""
        return self in (Verdict.INCONSISTENT, Verdict.FAIL)


class CheckKind(StrEnum):
    """The rule a finding comes from (one identifier per rule; see hrkpi.checks.rules)."""

    COMPLETION = "completion"  # 完成率 = actual / target
    CHANGE_PCT = "change_pct"  # 增长率 from the stated absolute change or previous value
    CHANGE_ABS = "change_abs"  # 增加 = current - previous
    CHANGE_PP = "change_pp"  # 个百分点 = current rate - previous rate
    WHOLE_BASE = "whole_base"  # a count's change % must come from a whole-number base (GRIM)
    COMPOSITION = "composition"  # total = sum of parts
    REGION_SUM = "region_sum"  # a parent region's figure = the sum of its children's
    PARTS_GROWTH = "parts_growth"  # a total's growth lies within its parts' growths
    THRESHOLD_CLAIM = "threshold_claim"  # "在4%以内" as stated
    PACE_CLAIM = "pace_claim"  # a stated pace status
    THRESHOLD = "threshold"  # the figure judged against its limit
    TARGET_SPLIT = "target_split"  # 分解下达: children's assigned targets cover the parent's


class Role(StrEnum):
    """What a figure is to the relation that used it."""

    VALUE = "value"  # the indicator's stated value
    TARGET = "target"  # the annual target (a plan figure, exact)
    COMPLETION = "completion"
    PREVIOUS = "previous"  # the base value of a change (stated, or last year's figure)
    ABS = "abs"
    PCT = "pct"
    PP = "pp"
    TOTAL = "total"
    PART = "part"
    PART_PCT = "part_pct"  # a part's own growth rate
    CHILD = "child"  # a child region's figure
    LIMIT = "limit"


class Reason(StrEnum):
    """Why a relation could not be checked, or what was assumed."""

    NO_TARGET = "no_target"  # a completion rate is stated but the definition has no target
    NO_OWN_TARGET = "no_own_target"  # the region has no target of its own (never its parent's)
    PREVIOUS_IMPLIED = "previous_implied"  # only the value and the change: the base is implied
    BASE_MAY_BE_ZERO = "base_may_be_zero"  # growth from a base that may be zero is undefined
    BASE_WIDER_THAN_ONE = "base_wider_than_one"  # any whole number fits the implied base
    PARTS_MISSING = "parts_missing"  # some part (or child region) has no stated value
    NO_THRESHOLD = "no_threshold"  # a limit claim on an indicator without thresholds


class HintCode(StrEnum):
    """A structured fix hint, put into words by the output layer."""

    SIGN_SLIP = "sign_slip"  # the same figure with the other sign would be consistent
    TOTAL_OR_PART = "total_or_part"  # the total or one of its parts is wrong


@dataclass(frozen=True)
class Hint:
    """A fix a reader can act on: `code`, and the figure it proposes (as text)."""

    code: HintCode
    figure: str = ""


@dataclass(frozen=True)
class UsedFigure:
    """A stated figure a check used, where it stands, and the values it can stand for."""

    role: Role
    indicator: str
    literal: str  # as written: "4.22", "近84", "-12.44"
    unit: str  # the literal's own unit symbol: 万人, 人, %, 个百分点
    file: str
    line: int
    interval: Interval | None = None  # its rounding interval in `unit` (None: exact plan figure)
    region: str = ""


@dataclass(frozen=True)
class Candidate:
    """One admissible reading: a whole-number base and the rate it gives, say."""

    base: str  # the base, in the base unit ("54")
    value: str  # the figure it gives, at the stated decimals ("-46.30")


@dataclass(frozen=True)
class LimitDetail:
    """A threshold as judged: its words, the margin and how it was compared."""

    value: str  # the limit's literal
    word: str  # the report's word (以内, 不低于) or the kind (floor, ceiling, band)
    label: str  # 年度控制目标, or ""
    method: str  # full or rounded (GB/T 8170)
    met: bool
    margin: Fraction | None = None  # distance inside the limit (negative: outside)
    margin_places: int = 2
    claim_within: bool | None = None  # for a stated claim: within (True) or outside


@dataclass(frozen=True)
class PaceDetail:
    """A stated pace status against the statuses the figure's precision allows."""

    stated: str  # the stated PaceStatus value
    pace: Fraction  # schedule pace in %
    lowest: str  # the lowest and highest reachable PaceStatus values
    highest: str


@dataclass(frozen=True)
class Finding:
    """One relation checked, where it stands, and what was found."""

    kind: CheckKind
    indicator: str
    region: str
    verdict: Verdict
    file: str
    line: int
    stated: str | None = None  # the stated figure checked, as written
    unit: str = ""  # the unit of `stated`, `computed` and `consistent_values`
    computed: Interval | None = None  # what the inputs allow for it
    consistent_values: tuple[str, str] | None = None  # lowest/highest consistent literals
    candidates: tuple[Candidate, ...] = ()  # the admissible values, where only some are
    figures: tuple[UsedFigure, ...] = ()  # every stated figure the check used
    missing: tuple[str, ...] = ()  # parts (indicator ids) or child regions with no figure
    base: str = ""  # a change's base: same_period_last_year, end_of_last_year, or a date
    period: str = ""  # the published period, for period data
    reason: Reason | None = None
    hint: Hint | None = None
    implied: str | None = None  # a figure the check implies, as decimal text in `implied_unit`
    implied_unit: str = ""
    limit: LimitDetail | None = None
    pace: PaceDetail | None = None
    source: str = ""  # the source document, its quote and location (from the data file)
    quote: str = ""
    location: str = ""

    @property
    def place(self) -> str:
        """file:line of the stated figure."""
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class CheckReport:
    """Every finding of a check run, in report order, and the definitions they name.

    `tallies` counts findings that were checked but not listed (problems only asked
    for, or consistent figures counted on the fast path); `count` includes them.
    """

    findings: list[Finding] = field(default_factory=list)
    catalog: Catalog | None = None
    tallies: dict[Verdict, int] = field(default_factory=dict)

    def count(self, verdict: Verdict) -> int:
        """How many relations have `verdict`, listed or counted."""
        listed = sum(1 for f in self.findings if f.verdict is verdict)
        return listed + self.tallies.get(verdict, 0)

    def only_problems(self) -> CheckReport:
        """The same report listing only its problems; the rest are counted."""
        tallies = dict(self.tallies)
        for f in self.findings:
            if not (f.verdict.is_problem or f.verdict is Verdict.WARN):
                tallies[f.verdict] = tallies.get(f.verdict, 0) + 1
        return CheckReport(self.problems(), self.catalog, tallies)

    def failed(self, *, strict: bool = False) -> bool:
        """True when the run should fail: an inconsistency, a failed threshold,
        or (strict) a warning."""
        return any(
            f.verdict.is_problem or (strict and f.verdict is Verdict.WARN) for f in self.findings
        )

    def problems(self) -> list[Finding]:
        """Only the inconsistencies, failed limits and warnings."""
        return [f for f in self.findings if f.verdict.is_problem or f.verdict is Verdict.WARN]
