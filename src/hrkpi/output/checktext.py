"""Outputs of `hrkpi check`: text for people, a stable JSON model, JUnit XML for CI."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from fractions import Fraction

from pydantic import BaseModel, Field

from hrkpi.checks.findings import CheckReport, Finding, Verdict
from hrkpi.core.intervals import Interval
from hrkpi.core.numbers import format_decimal, round_gb

SCHEMA_VERSION = 1
_MARK = {
    Verdict.CONSISTENT: "ok",
    Verdict.PASS: "ok",
    Verdict.NOT_CHECKABLE: "--",
    Verdict.WARN: "WARN",
    Verdict.FAIL: "FAIL",
    Verdict.INCONSISTENT: "FAIL",
}


def _end(x: Fraction, up: bool) -> str:
    # Show 6 decimals, rounded outwards so the shown interval still holds the true one.
    step = Fraction(1, 10**6)
    r = Fraction(round_gb(x, 6))
    if up and r < x:
        r += step
    if not up and r > x:
        r -= step
    return format_decimal(r, 6).rstrip("0").rstrip(".") or "0"


class IntervalOut(BaseModel):
    """An interval of values, ends as decimal strings (rounded outwards to 6 decimals)."""

    lo: str
    hi: str
    lo_closed: bool
    hi_closed: bool

    @classmethod
    def of(cls, iv: Interval) -> IntervalOut:
        """Convert an exact interval."""
        return cls(
            lo=_end(iv.lo, False),
            hi=_end(iv.hi, True),
            lo_closed=iv.lo_closed,
            hi_closed=iv.hi_closed,
        )


class FindingOut(BaseModel):
    """One relation checked."""

    kind: str = Field(description="completion, change_pct, composition, whole_base, ...")
    indicator: str
    region: str
    verdict: str = Field(description="consistent, inconsistent, not_checkable, pass, warn, fail")
    relation: str
    file: str
    line: int
    stated: str | None
    computed: IntervalOut | None = Field(description="What the inputs allow for the figure.")
    consistent_values: list[str] | None = Field(
        description="Lowest and highest stated values that would be consistent."
    )
    implied: str | None = Field(description="A figure the check implies (a whole-number base).")
    reason: str


class Summary(BaseModel):
    """Counts of findings by verdict."""

    checks: int
    consistent: int
    inconsistent: int
    not_checkable: int
    thresholds_passed: int
    warnings: int
    failures: int


class CheckOut(BaseModel):
    """The result of `hrkpi check --format json`."""

    schema_version: int = SCHEMA_VERSION
    passed: bool = Field(description="False when the run exits 1.")
    strict: bool
    summary: Summary
    findings: list[FindingOut]


def summary(report: CheckReport) -> Summary:
    """Count the findings."""
    return Summary(
        checks=sum(report.count(v) for v in Verdict),  # counted findings too (fast path)
        consistent=report.count(Verdict.CONSISTENT),
        inconsistent=report.count(Verdict.INCONSISTENT),
        not_checkable=report.count(Verdict.NOT_CHECKABLE),
        thresholds_passed=report.count(Verdict.PASS),
        warnings=report.count(Verdict.WARN),
        failures=report.count(Verdict.FAIL),
    )


def finding_out(f: Finding) -> FindingOut:
    """The JSON form of a finding."""
    return FindingOut(
        kind=f.kind.value,
        indicator=f.indicator,
        region=f.region,
        verdict=f.verdict.value,
        relation=f.relation,
        file=f.file,
        line=f.line,
        stated=f.stated,
        computed=IntervalOut.of(f.computed) if f.computed and not f.computed.empty else None,
        consistent_values=list(f.consistent_values) if f.consistent_values else None,
        implied=f.implied,
        reason=f.reason,
    )


def _is_problem(f: Finding) -> bool:
    return f.verdict.is_problem or f.verdict is Verdict.WARN


def to_json(report: CheckReport, *, strict: bool = False, problems_only: bool = False) -> str:
    """The check report as indented JSON (the summary always counts every finding)."""
    shown = [f for f in report.findings if _is_problem(f)] if problems_only else report.findings
    out = CheckOut(
        passed=not report.failed(strict=strict),
        strict=strict,
        summary=summary(report),
        findings=[finding_out(f) for f in shown],
    )
    return out.model_dump_json(indent=2) + "\n"


def describe(f: Finding) -> list[str]:
    """The lines that explain one finding to a statistician."""
    lines = [f"{f.location}: {_MARK[f.verdict]:4} {f.kind.value}: {f.relation}"]
    if f.verdict is Verdict.INCONSISTENT:
        if f.consistent_values:
            lo, hi = f.consistent_values
            span = lo if lo == hi else f"{lo} to {hi}"
            lines.append(f"    stated {f.stated}; consistent: {span}")
        lines.append(f"    {f.reason}")
    elif f.verdict in (Verdict.FAIL, Verdict.WARN, Verdict.NOT_CHECKABLE):
        lines.append(f"    {f.reason}")
    if f.implied:
        lines.append(f"    implied: {f.implied}")
    return lines


def to_text(report: CheckReport, *, strict: bool = False, problems_only: bool = False) -> str:
    """Every finding on a line of its own (explained where it matters), then a summary."""
    lines: list[str] = []
    for f in report.findings:
        if problems_only and not _is_problem(f):
            continue
        lines.extend(describe(f))
    s = summary(report)
    if lines:
        lines.append("")
    lines.append(
        f"{s.checks} checks: {s.consistent} consistent, {s.inconsistent} inconsistent, "
        f"{s.not_checkable} not checkable, {s.thresholds_passed} limits met, "
        f"{s.warnings} limit warnings, {s.failures} limits failed"
    )
    lines.append("FAILED" if report.failed(strict=strict) else "PASSED")
    return "\n".join(lines) + "\n"


def to_junit(report: CheckReport, *, strict: bool = False) -> str:
    """JUnit XML: one test case per check; inconsistencies and failed limits are failures,
    not-checkable relations are skipped, warnings fail only under --strict."""
    s = summary(report)
    failures = s.inconsistent + s.failures + (s.warnings if strict else 0)
    suites = ET.Element("testsuites", name="hrkpi check")
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="hrkpi check",
        tests=str(s.checks),
        failures=str(failures),
        errors="0",
        skipped=str(s.not_checkable),
    )
    for f in report.findings:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=f"{f.region}.{f.indicator}" if f.region else f.indicator,
            name=f"{f.kind.value}: {f.relation}",
            file=f.file,
            line=str(f.line),
        )
        text = "\n".join(describe(f))
        if f.verdict.is_problem or (strict and f.verdict is Verdict.WARN):
            failure = ET.SubElement(
                case, "failure", message=f"{f.verdict.value}: {f.reason}", type=f.verdict.value
            )
            failure.text = text
        elif f.verdict is Verdict.NOT_CHECKABLE:
            ET.SubElement(case, "skipped", message=f.reason)
        elif f.verdict is Verdict.WARN:
            out = ET.SubElement(case, "system-out")
            out.text = text
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )
