"""Findings of `hrkpi check`: one per relation checked, with a verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from hrkpi.core.intervals import Interval


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
    """Which relation a finding checks."""

    COMPLETION = "completion"  # 完成率 = actual / target
    CHANGE_PCT = "change_pct"  # 增长率 from the stated absolute change or previous value
    CHANGE_ABS = "change_abs"  # 增加 = current - previous
    CHANGE_PP = "change_pp"  # 个百分点 = current rate - previous rate
    WHOLE_BASE = "whole_base"  # a count's change % must come from a whole-number base (GRIM)
    COMPOSITION = "composition"  # total = sum of parts
    PARTS_GROWTH = "parts_growth"  # a total's growth lies within its parts' growths
    THRESHOLD_CLAIM = "threshold_claim"  # "在4%以内" as stated
    PACE_CLAIM = "pace_claim"  # a stated pace status
    THRESHOLD = "threshold"  # the figure judged against its limit
    TARGET_SPLIT = "target_split"  # 分解下达: children's assigned targets cover the parent's


@dataclass(frozen=True)
class Finding:
    """One relation checked, where it stands, and what was found."""

    kind: CheckKind
    indicator: str
    region: str
    verdict: Verdict
    relation: str  # the relation in words, with the stated figures
    file: str
    line: int
    stated: str | None = None  # the stated figure checked, as written
    computed: Interval | None = None  # what the inputs allow for it
    consistent_values: tuple[str, str] | None = None  # stated values that would be consistent
    reason: str = ""  # why: the computation, or why it cannot be checked
    implied: str | None = None  # a figure the check implies (the whole-number base)

    @property
    def location(self) -> str:
        """file:line of the stated figure."""
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class CheckReport:
    """Every finding of a check run, in report order."""

    findings: list[Finding] = field(default_factory=list)

    def count(self, verdict: Verdict) -> int:
        """How many findings have `verdict`."""
        return sum(1 for f in self.findings if f.verdict is verdict)

    def failed(self, *, strict: bool = False) -> bool:
        """True when the run should fail: an inconsistency, a failed threshold,
        or (strict) a warning."""
        return any(
            f.verdict.is_problem or (strict and f.verdict is Verdict.WARN) for f in self.findings
        )
