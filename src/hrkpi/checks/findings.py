"""Findings of `hrkpi check` as data: one per relation checked.

A finding holds what was checked and what was found — the rule, the stated
figure, every figure it was computed from (each with its place and rounding
interval), the range the inputs allow, the admissible values, the verdict and
a structured hint — but no sentence. Words are made in `hrkpi.output`, in
Chinese and English, so every format and language says the same thing.
"""

from __future__ import annotations

import gc
from abc import ABC, abstractmethod
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from fractions import Fraction
from typing import TYPE_CHECKING, overload

from hrkpi.core.collector import collector_paused
from hrkpi.core.errors import sheet_place
from hrkpi.core.intervals import Interval

if TYPE_CHECKING:
    from hrkpi.core.catalog import Catalog


class Verdict(StrEnum):
    """The outcome of one check."""

    CONSISTENT = "consistent"  # some value of the inputs within their precision gives the figure
    INCONSISTENT = "inconsistent"  # no value of the inputs gives the stated figure
    NOT_CHECKABLE = "not_checkable"  # nothing to recompute it from (the reason says why)
    # a completion rate whose target the report does not print (nor the definition
    # give): the targets the figure and the rate allow are shown instead
    TARGET_NOT_PRINTED = "target_not_printed"
    PASS = "pass"  # a threshold is met
    WARN = "warn"  # a warn-level threshold is missed
    FAIL = "fail"  # a fail-level threshold is missed

    @property
    def is_problem(self) -> bool:
        """True for an inconsistency or a failed threshold (exit code 1)."""
        return self in (Verdict.INCONSISTENT, Verdict.FAIL)

    @property
    def is_unchecked(self) -> bool:
        """True for a relation that could not be checked (`check --fail-unchecked`)."""
        return self in (Verdict.NOT_CHECKABLE, Verdict.TARGET_NOT_PRINTED)


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
    PARTS_CHANGE = "parts_change"  # a total's change rebuilt from its parts' values and changes
    INCREMENTS = "increments"  # the parts' absolute changes add up to the total's
    PARTIAL_PARTS = "partial_parts"  # 其中: parts that need not cover the total, at most it
    SHARE = "share"  # 占…的X%: part / total x 100
    SHARE_SUM = "share_sum"  # the shares of a partition add up to exactly 100%
    RATIO = "ratio"  # a ratio indicator = numerator / denominator x per (倍, %, ‰, 元/人)
    MARGIN = "margin"  # 低于控制目标0.6个百分点: the stated distance to a limit or target
    RESTATEMENT = "restatement"  # the same figure printed twice agrees within rounding
    THRESHOLD_CLAIM = "threshold_claim"  # "在4%以内" as stated
    PACE_CLAIM = "pace_claim"  # a stated pace status
    THRESHOLD = "threshold"  # the figure judged against its limit
    TARGET_SPLIT = "target_split"  # 分解下达: children's assigned targets cover the parent's
    QUOTE = "quote"  # a stated figure is a number its own quote (the report's sentence) prints


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
    SHARE = "share"  # a stated share (占…的X%)
    NUMERATOR = "numerator"
    DENOMINATOR = "denominator"
    MARGIN = "margin"  # a stated distance to a limit
    PART_ABS = "part_abs"  # a part's own absolute change
    RESTATED = "restated"  # the same figure printed again (the later or other printing)
    QUOTED = "quoted"  # a number the figure's quote prints, of the stated figure's kind


class Reason(StrEnum):
    """Why a relation could not be checked, or what was assumed."""

    NO_TARGET = "no_target"  # a completion rate is stated but the definition has no target
    NO_OWN_TARGET = "no_own_target"  # the region has no target of its own (never its parent's)
    PREVIOUS_IMPLIED = "previous_implied"  # only the value and the change: the base is implied
    BASE_MAY_BE_ZERO = "base_may_be_zero"  # growth from a base that may be zero is undefined
    BASE_WIDER_THAN_ONE = "base_wider_than_one"  # any whole number fits the implied base
    PARTS_MISSING = "parts_missing"  # some part (or child region) has no stated value
    NO_THRESHOLD = "no_threshold"  # a limit claim on an indicator without thresholds
    NO_LIMIT = "no_limit"  # a margin with no limit printed, defined or targeted: implied
    REVISED = "revised"  # a provisional or estimated figure revised by a later one


class HintCode(StrEnum):
    """A structured fix hint, put into words by the output layer."""

    SIGN_SLIP = "sign_slip"  # the same figure with the other sign would be consistent
    TOTAL_OR_PART = "total_or_part"  # the total or one of its parts is wrong
    OTHER_SIDE = "other_side"  # a margin on the other side of the limit would be consistent
    POINTS = "points"  # a rate's change read in 个百分点 instead of % would be consistent
    PERCENT = "percent"  # a rate's change read in % instead of 个百分点 would be consistent


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
    decimals: int = 0  # the literal's decimals, as its Figure holds them ("84.5多": 1)
    sheet: str = ""  # a workbook's sheet it stands on ("" for any other file)

    @property
    def shown_file(self) -> str:
        """The file as messages name it: `data/2021.xlsx:1-6月` for a workbook's sheet."""
        return sheet_place(self.file, self.sheet)


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
    level: str = "fail"  # the limit's level (core.models.Level): fail, or warn (预警线)


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
    decimals: int = 0  # `stated`'s decimals, as its Figure holds them (0 for a word)
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
    field: str = ""  # for a restatement: which field of the figure ("value", "completion")
    source: str = ""  # the source document, its quote and location (from the data file)
    quote: str = ""
    location: str = ""
    # The figure stands on a row of a table (CSV, Parquet, a workbook's sheet): `region`
    # and `period` are the row's own, and the finding's words name them. False for the
    # report's own figures (YAML, a report's text), whose region is the document's.
    row: bool = False
    # A workbook's sheet the figure stands on ("" for any other file): `file` is the
    # workbook's path alone, as a tool opens it.
    sheet: str = ""

    @property
    def shown_file(self) -> str:
        """The file as messages name it: `data/2021.xlsx:1-6月` for a workbook's sheet."""
        return sheet_place(self.file, self.sheet)

    @property
    def place(self) -> str:
        """file:line of the stated figure (file:sheet:line in a workbook)."""
        return f"{self.shown_file}:{self.line}"


PROBLEMS = frozenset({Verdict.INCONSISTENT, Verdict.FAIL, Verdict.WARN})  # what is listed first


class LazyFindings(Sequence[Finding], ABC):
    """Findings kept as data in columns and made into `Finding`s only when read.

    A check of a million figures lists a million findings: the fast path keeps
    them as a few integers each and builds each `Finding` (the exact engine's
    very object) when it is indexed or iterated, a chunk at a time, so printing
    them streams. Counting and choosing by verdict never builds one.
    """

    @abstractmethod
    def counts(self) -> Mapping[Verdict, int]:
        """How many findings of each verdict (without building them)."""

    @abstractmethod
    def only(self, verdicts: Collection[Verdict]) -> LazyFindings:
        """The findings with one of `verdicts`, in the same order, still lazy."""

    @abstractmethod
    def _chunk(self, start: int, stop: int) -> list[Finding]:
        """Findings [start, stop) as objects."""

    CHUNK = 20_000  # findings built at a time when iterating
    COLLECT_EVERY = 5  # chunks read between two passes of the cycle collector

    @overload
    def __getitem__(self, i: int) -> Finding: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[Finding]: ...

    def __getitem__(self, i: int | slice) -> Finding | Sequence[Finding]:
        n = len(self)
        if isinstance(i, slice):
            start, stop, step = i.indices(n)
            if step != 1:
                return self._built(start, stop)[::step] if stop > start else []
            return self._built(start, stop) if stop > start else []
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(i)
        return self._built(i, i + 1)[0]

    def __iter__(self) -> Iterator[Finding]:
        n = len(self)
        # The collector paused from the first finding to the last (see hrkpi.core.collector):
        # turned on between chunks, its first pass would meet the whole chunk just built.
        # A whole pass every few chunks frees what cycles were left meanwhile (a group's
        # maker of the partitioned plan, with its cells, dropped for the next group's),
        # so a listing of ten million findings holds no more than before.
        with collector_paused():
            for i, start in enumerate(range(0, n, self.CHUNK)):
                if i and i % self.COLLECT_EVERY == 0:
                    gc.collect()
                yield from self._chunk(start, min(n, start + self.CHUNK))

    def _built(self, start: int, stop: int) -> list[Finding]:
        with collector_paused():
            return self._chunk(start, stop)

    def __eq__(self, other: object) -> bool:
        # Equal to any sequence of the same findings in the same order (a list too).
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]


def _counts(findings: Sequence[Finding]) -> Mapping[Verdict, int]:
    if isinstance(findings, LazyFindings):
        return findings.counts()
    counted: dict[Verdict, int] = {}
    for f in findings:
        counted[f.verdict] = counted.get(f.verdict, 0) + 1
    return counted


@dataclass(frozen=True)
class CheckReport:
    """Every finding of a check run, in report order, and the definitions they name.

    `findings` is a list, or on the fast path a `LazyFindings` that builds each
    finding when read. `tallies` counts findings that were checked but not
    listed (problems only asked for); `count` includes them.
    """

    findings: Sequence[Finding] = field(default_factory=list)
    catalog: Catalog | None = None
    tallies: dict[Verdict, int] = field(default_factory=dict)
    engine: str = "exact"  # or "fast": the columnar path
    exact_rows: int = 0  # rows the fast path handed to the exact engine, one by one
    # Regions measured against an indicator definition's target for want of a region
    # hierarchy and of their own targets (hrkpi.core.targets.borrowed_regions).
    borrowed: tuple[str, ...] = ()

    def count(self, verdict: Verdict) -> int:
        """How many relations have `verdict`, listed or counted."""
        return _counts(self.findings).get(verdict, 0) + self.tallies.get(verdict, 0)

    def only_problems(self) -> CheckReport:
        """The same report listing only its problems; the rest are counted."""
        tallies = dict(self.tallies)
        for verdict, n in _counts(self.findings).items():
            if verdict not in PROBLEMS:
                tallies[verdict] = tallies.get(verdict, 0) + n
        return replace(self, findings=self.problems(), tallies=tallies)

    def failed(self, *, strict: bool = False, unchecked: bool = False) -> bool:
        """True when the run should fail: an inconsistency, a failed threshold; under
        `strict` a warning, or a run that checked nothing at all; under `unchecked` any
        relation that could not be checked (not checkable, target not printed) too."""
        counts = _counts(self.findings)
        if any(
            n and (verdict.is_problem or (strict and verdict is Verdict.WARN))
            for verdict, n in counts.items()
        ):
            return True
        if unchecked and any(self.count(v) for v in Verdict if v.is_unchecked):
            return True
        return (strict or unchecked) and self.checked() == 0

    def checked(self) -> int:
        """How many relations were actually decided (consistent or not, limits judged)."""
        return sum(self.count(v) for v in Verdict if not v.is_unchecked)

    def problems(self) -> Sequence[Finding]:
        """Only the inconsistencies, failed limits and warnings."""
        if isinstance(self.findings, LazyFindings):
            return self.findings.only(PROBLEMS)
        return [f for f in self.findings if f.verdict in PROBLEMS]
