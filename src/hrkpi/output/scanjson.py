"""`hrkpi scan --format json`: a versioned, documented model (`hrkpi schema scan`)."""

from __future__ import annotations

from fractions import Fraction

from pydantic import BaseModel, Field

from hrkpi.core.intervals import Interval
from hrkpi.core.numbers import format_decimal, round_gb
from hrkpi.output.scantext import message
from hrkpi.output.words import Lang
from hrkpi.scan.result import ScanFile, ScanFinding, ScanReport, ScanVerdict

VERSION = 1


def _end(x: Fraction, up: bool) -> str:
    # Six decimals, rounded outwards so the shown interval still holds the true one.
    step = Fraction(1, 10**6)
    r = Fraction(round_gb(x, 6))
    if up and r < x:
        r += step
    if not up and r > x:
        r -= step
    return format_decimal(r, 6).rstrip("0").rstrip(".") or "0"


class RangeOut(BaseModel):
    """An interval, ends as decimal strings (rounded outwards to 6 decimals)."""

    lo: str
    hi: str
    lo_closed: bool
    hi_closed: bool

    @classmethod
    def of(cls, iv: Interval) -> RangeOut:
        """Convert an exact interval."""
        return cls(
            lo=_end(iv.lo, False),
            hi=_end(iv.hi, True),
            lo_closed=iv.lo_closed,
            hi_closed=iv.hi_closed,
        )


class FigureOut(BaseModel):
    """A figure as printed."""

    text: str = Field(description="As printed: 4.22万人, 近84万件, 105.5%.")
    span: list[int] = Field(description="[start, end): code-point offsets into the file's text.")
    role: str = Field(description="value, target, rate, change, limit or part.")


class TargetOut(BaseModel):
    """The annual target a value and its completion rate imply (target not printed)."""

    range: RangeOut = Field(description="In the unit of the value.")
    round: str | None = Field(description="The roundest target inside the range, if any.")
    unit: str


class ScanFindingOut(BaseModel):
    """One relation read from the text and judged by hrkpi check's rule."""

    kind: str = Field(description="The check rule: completion, change_pct, composition, ...")
    relation: str = Field(
        description="What the text states: completion, change, limit, pace, composition, "
        "parts_growth, restatement."
    )
    rule: str = Field(description="The scan rule that read it (docs/scan.md).")
    verdict: str = Field(
        description="consistent, inconsistent, not_checkable, target_not_printed, pass, warn "
        "or fail."
    )
    span: list[int] = Field(description="[start, end) of the relation's text.")
    text: str
    line: int
    column: int
    figures: list[FigureOut]
    message: str
    stated: str | None = Field(description="The figure the check judged, as a literal (signed).")
    consistent_values: list[str] | None = Field(
        description="Lowest and highest values that would be consistent."
    )
    computed: RangeOut | None = Field(
        description="What the other figures allow for the stated one."
    )
    implied: str | None = Field(
        description="A figure the relation implies (a base, last year's count)."
    )
    implied_target: TargetOut | None = None


class NotUnderstoodOut(BaseModel):
    """A clause with figures that no rule reads."""

    span: list[int]
    text: str
    line: int
    reason: str


class ScanFileOut(BaseModel):
    """One file: its text as read, its findings, what was not understood."""

    path: str
    kind: str = Field(description="text, markdown, html, docx or pdf.")
    encoding: str | None = Field(description="UTF-8, UTF-16 or GB18030 for text and web pages.")
    as_of: str | None = Field(description="The date the figures stand at (YYYY-MM-DD), if known.")
    figures: int = Field(description="How many figures were read.")
    text: str = Field(description="The text as read: every span is an offset into it.")
    findings: list[ScanFindingOut]
    not_understood: list[NotUnderstoodOut]


class ScanSummary(BaseModel):
    """Counts over every file."""

    checks: int
    consistent: int
    inconsistent: int
    not_checkable: int
    target_not_printed: int
    thresholds_passed: int
    failures: int
    not_understood: int


class ScanOut(BaseModel):
    """The result of `hrkpi scan --format json`."""

    version: int = VERSION
    passed: bool = Field(description="False when the run exits 1.")
    strict: bool
    summary: ScanSummary
    files: list[ScanFileOut]


def _finding(f: ScanFinding, lang: Lang) -> ScanFindingOut:
    c = f.check
    target = None
    if f.implied_target is not None:
        t = f.implied_target
        round_text = None
        if t.round_target is not None:
            places = 0
            while (t.round_target * 10**places).denominator != 1 and places < 8:
                places += 1
            round_text = format_decimal(t.round_target, places)
        target = TargetOut(range=RangeOut.of(t.interval), round=round_text, unit=f.unit)
    return ScanFindingOut(
        kind=f.kind,
        relation=f.relation,
        rule=f.rule,
        verdict=f.verdict.value,
        span=list(f.span),
        text=f.text,
        line=f.line,
        column=f.column,
        figures=[FigureOut(text=x.text, span=list(x.span), role=x.role) for x in f.figures],
        message=message(f, lang),
        stated=c.stated,
        consistent_values=list(c.consistent_values) if c.consistent_values else None,
        computed=RangeOut.of(c.computed)
        if c.computed is not None and not c.computed.empty
        else None,
        implied=c.implied,
        implied_target=target,
    )


def _file(file: ScanFile, lang: Lang) -> ScanFileOut:
    return ScanFileOut(
        path=file.path,
        kind=file.kind,
        encoding=file.encoding,
        as_of=file.as_of.isoformat() if file.as_of else None,
        figures=file.figures,
        text=file.text,
        findings=[_finding(f, lang) for f in file.findings],
        not_understood=[
            NotUnderstoodOut(span=list(n.span), text=n.text, line=n.line, reason=n.reason)
            for n in file.not_understood
        ],
    )


def to_json(report: ScanReport, *, lang: Lang = Lang.ZH, strict: bool = False) -> str:
    """The scan as indented JSON (messages in `lang`)."""
    out = ScanOut(
        passed=not report.failed(strict=strict),
        strict=strict,
        summary=ScanSummary(
            checks=len(report.findings),
            consistent=report.count(ScanVerdict.CONSISTENT),
            inconsistent=report.count(ScanVerdict.INCONSISTENT),
            not_checkable=report.count(ScanVerdict.NOT_CHECKABLE),
            target_not_printed=report.count(ScanVerdict.TARGET_NOT_PRINTED),
            thresholds_passed=report.count(ScanVerdict.PASS),
            failures=report.count(ScanVerdict.FAIL),
            not_understood=sum(len(f.not_understood) for f in report.files),
        ),
        files=[_file(f, lang) for f in report.files],
    )
    return out.model_dump_json(indent=2) + "\n"
