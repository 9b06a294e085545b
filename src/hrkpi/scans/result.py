"""The result of a scan, as data (the words are made in hrkpi.output.scantext)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hrkpi.checks.findings import CheckReport, Finding, Verdict
from hrkpi.core.catalog import Catalog
from hrkpi.core.observations import Dataset
from hrkpi.scans.model import Span, Why


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
    span: Span
    text: str
    figures: list[FigureRef]
    line: int
    column: int
    check: Finding  # the check engine's finding (stated, computed, consistent values, ...)
    unit: str = ""  # the unit of the figure the relation is about

    @property
    def verdict(self) -> Verdict:
        """The check engine's verdict."""
        return self.check.verdict


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

    def check_report(self) -> CheckReport:
        """The check engine's findings as one check run: counted and judged as `hrkpi
        check` counts and judges them."""
        return CheckReport([f.check for f in self.findings])

    def count(self, verdict: Verdict) -> int:
        """How many findings have `verdict`."""
        return self.check_report().count(verdict)

    def failed(self, *, strict: bool = False, unchecked: bool = False) -> bool:
        """Exit 1, as `hrkpi check` decides it (`--strict`, `--fail-unchecked`)."""
        return self.check_report().failed(strict=strict, unchecked=unchecked)
