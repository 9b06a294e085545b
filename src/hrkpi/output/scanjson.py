"""`hrkpi scan --format json`: a versioned, documented model (`hrkpi schema scan`)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from hrkpi.checks.findings import Verdict
from hrkpi.output.checkjson import FindingOut, IntervalOut, Summary, finding_out, summary
from hrkpi.output.findwords import Words
from hrkpi.output.scantext import WHY, message
from hrkpi.output.words import Lang, say
from hrkpi.scans.result import ScanFile, ScanFinding, ScanReport

VERSION = 1


class FigureOut(BaseModel):
    """A figure as printed."""

    text: str = Field(description="As printed: 4.22万人, 近84万件, 105.5%.")
    span: list[int] = Field(description="[start, end): code-point offsets into the file's text.")
    role: str = Field(
        description="value, target, rate, change, limit, part, total, share, margin, "
        "numerator, denominator, ratio or restated."
    )


class TargetOut(BaseModel):
    """The annual target a value and its completion rate imply (target not printed)."""

    range: IntervalOut = Field(description="In the unit of the value.")
    round: str | None = Field(description="The roundest target inside the range, if any.")
    unit: str


class ScanFindingOut(BaseModel):
    """One relation read from the text and judged by hrkpi check's rule."""

    kind: str = Field(description="The check rule: completion, change_pct, composition, ...")
    relation: str = Field(
        description="What the text states: completion, change, limit, pace, composition, "
        "parts_growth, share, share_sum, margin, partial, increments, ratio, restatement."
    )
    rule: str = Field(
        description="The scan rule that read it "
        "(https://github.com/hrkpi/hrkpi/blob/main/docs/scan.md)."
    )
    verdict: str = Field(
        description="consistent, inconsistent, not_checkable, target_not_printed, pass, warn "
        "or fail."
    )
    span: list[int] = Field(description="[start, end) of the relation's text.")
    text: str
    line: int = Field(description="1-based line of the figure judged (a total's: the total).")
    column: int = Field(description="1-based column of the figure judged.")
    figures: list[FigureOut]
    message: str = Field(description="Why the verdict, and what would be consistent.")
    stated: str | None = Field(description="The figure judged, as check reads it (signed).")
    rules: list[str] = Field(description="Every scan rule that read a part of the relation.")
    implied_target: TargetOut | None = Field(
        None, description="For a target not printed: the targets the figures allow."
    )
    check: FindingOut = Field(
        description="hrkpi check's finding: the figures used with their rounding intervals, "
        "the range they allow, the consistent values, the hint (hrkpi schema findings)."
    )


class NotUnderstoodOut(BaseModel):
    """A clause with figures that no rule reads."""

    span: list[int]
    text: str
    line: int
    reason: str = Field(description="Why, as a code: no_rule, no_figure, no_base, ...")
    message: str = Field(description="Why, in words.")


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


class ScanSummary(Summary):
    """Counts over every file: hrkpi check's, and the clauses not understood."""

    not_understood: int


class ScanOut(BaseModel):
    """The result of `hrkpi scan --format json`."""

    version: int = VERSION
    passed: bool = Field(description="False when the run exits 1.")
    strict: bool
    fail_unchecked: bool = Field(
        description="Whether relations that could not be checked fail the run."
    )
    summary: ScanSummary
    files: list[ScanFileOut]


def _finding(f: ScanFinding, words: Words) -> ScanFindingOut:
    target = None
    if f.verdict is Verdict.TARGET_NOT_PRINTED and f.check.computed is not None:
        # check's own finding: the targets allowed, and the roundest of them
        target = TargetOut(
            range=IntervalOut.of(f.check.computed), round=f.check.implied, unit=f.unit
        )
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
        message=message(f, words),
        stated=f.check.stated,
        rules=f.rules,
        implied_target=target,
        check=finding_out(f.check, words),
    )


def _file(file: ScanFile, lang: Lang) -> ScanFileOut:
    words = Words(lang, file.catalog)
    return ScanFileOut(
        path=file.path,
        kind=file.kind,
        encoding=file.encoding,
        as_of=file.as_of.isoformat() if file.as_of else None,
        figures=file.figures,
        text=file.text,
        findings=[_finding(f, words) for f in file.findings],
        not_understood=[
            NotUnderstoodOut(
                span=list(n.span),
                text=n.text,
                line=n.line,
                reason=n.reason.value,
                message=say(WHY[n.reason], lang),
            )
            for n in file.not_understood
        ],
    )


def to_json(
    report: ScanReport, *, lang: Lang = Lang.ZH, strict: bool = False, unchecked: bool = False
) -> str:
    """The scan as indented JSON (messages in `lang`)."""
    counts = summary(report.check_report())
    out = ScanOut(
        passed=not report.failed(strict=strict, unchecked=unchecked),
        strict=strict,
        fail_unchecked=unchecked,
        summary=ScanSummary(
            **counts.model_dump(),
            not_understood=sum(len(f.not_understood) for f in report.files),
        ),
        files=[_file(f, lang) for f in report.files],
    )
    return out.model_dump_json(indent=2) + "\n"
