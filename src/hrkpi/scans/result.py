"""The result of a scan, as data (the words are made in hrkpi.output.scantext)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from hrkpi.checks.findings import Finding
from hrkpi.core.catalog import Catalog
from hrkpi.core.observations import Dataset
from hrkpi.scans.model import Span, Why


class ScanVerdict(StrEnum):
    """A finding's verdict: check's verdicts, and a target that is not printed."""

    CONSISTENT = "consistent"
    INCONSISTENT = "inconsistent"
    NOT_CHECKABLE = "not_checkable"
    TARGET_NOT_PRINTED = "target_not_printed"
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"

    @property
    def is_problem(self) -> bool:
        """A figure that cannot be right, or a limit missed (exit 1)."""
        return self in (ScanVerdict.INCONSISTENT, ScanVerdict.FAIL)

    @property
    def checked(self) -> bool:
        """Something was recomputed or judged (not only read)."""
        return self in (
            ScanVerdict.CONSISTENT,
            ScanVerdict.INCONSISTENT,
            ScanVerdict.PASS,
            ScanVerdict.WARN,
            ScanVerdict.FAIL,
        )


@dataclass(frozen=True)
class FigureRef:
    """A figure as printed, where it stands, and its role in the relation."""

    text: str
    span: Span
    role: str  # value, target, rate, change, limit, part, total, share, margin, ratio, restated


@dataclass(frozen=True)
class ScanFinding:
    """One relation read from the text and judged by the check engine's rule."""

    kind: str  # the check kind: completion, change_pct, composition, ...
    relation: str  # what the text states: completion, change, limit, pace, composition, ...
    rule: str  # the scan rule that read it
    rules: list[str]  # every scan rule that read a part of it
    verdict: ScanVerdict
    span: Span
    text: str
    figures: list[FigureRef]
    line: int
    column: int
    check: Finding  # the check engine's finding (stated, computed, consistent values, ...)
    unit: str = ""  # the unit of the figure the relation is about


@dataclass(frozen=True)
class NotUnderstood:
    """A clause with figures that no rule reads: listed, never guessed at."""

    span: Span
    text: str
    line: int
    reason: Why


@dataclass
class ScanFile:
    """Everything a scan found in one file."""

    path: str
    kind: str  # text, markdown, html, docx, pdf
    encoding: str | None
    text: str
    as_of: dt.date | None
    as_of_from: str  # "option", "text" or "" (not known)
    findings: list[ScanFinding] = field(default_factory=list)
    not_understood: list[NotUnderstood] = field(default_factory=list)
    figures: int = 0
    catalog: Catalog = field(default_factory=Catalog)
    dataset: Dataset = field(default_factory=lambda: Dataset([]))
    source: str = ""
    region: str = ""


@dataclass
class ScanReport:
    """The scan of every file given."""

    files: list[ScanFile]

    @property
    def findings(self) -> list[ScanFinding]:
        """Every finding of every file."""
        return [f for file in self.files for f in file.findings]

    def count(self, verdict: ScanVerdict) -> int:
        """How many findings have `verdict`."""
        return sum(1 for f in self.findings if f.verdict is verdict)

    @property
    def checked(self) -> int:
        """How many relations were recomputed or judged."""
        return sum(1 for f in self.findings if f.verdict.checked)

    def failed(self, *, strict: bool = False) -> bool:
        """Exit 1: a figure cannot be right; with strict, also nothing checked or a warning."""
        if any(f.verdict.is_problem for f in self.findings):
            return True
        return strict and (
            self.checked == 0 or any(f.verdict is ScanVerdict.WARN for f in self.findings)
        )
