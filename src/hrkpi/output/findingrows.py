"""Check findings laid out as table rows, for the Excel sheet and the HTML report."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hrkpi.checks.findings import CheckKind, CheckReport, Finding, Verdict
from hrkpi.core.intervals import Interval
from hrkpi.core.numbers import format_decimal
from hrkpi.engine.report import Report
from hrkpi.output.table import Style
from hrkpi.output.words import Lang, say

FINDING_COLUMNS: tuple[tuple[str, tuple[str, str]], ...] = (
    ("no", ("序号", "No.")),
    ("indicator", ("指标", "Indicator")),
    ("region", ("地区", "Region")),
    ("kind", ("核对项", "Check")),
    ("verdict", ("结论", "Verdict")),
    ("relation", ("关系", "Relation")),
    ("stated", ("陈述值", "Stated")),
    ("computed", ("推算区间", "Computed range")),
    ("consistent", ("可一致的陈述值", "Consistent stated values")),
    ("implied", ("推算值", "Implied")),
    ("reason", ("说明", "Reason")),
    ("location", ("位置", "Location")),
)

VERDICT_LABELS: dict[Verdict, tuple[str, str]] = {
    Verdict.CONSISTENT: ("一致", "consistent"),
    Verdict.INCONSISTENT: ("不一致", "inconsistent"),
    Verdict.NOT_CHECKABLE: ("无法核对", "not checkable"),
    Verdict.PASS: ("达标", "pass"),
    Verdict.WARN: ("预警", "warn"),
    Verdict.FAIL: ("未达标", "fail"),
}
VERDICT_STYLES: dict[Verdict, Style] = {
    Verdict.CONSISTENT: Style.GOOD,
    Verdict.PASS: Style.GOOD,
    Verdict.NOT_CHECKABLE: Style.NONE,
    Verdict.WARN: Style.WARN,
    Verdict.INCONSISTENT: Style.BAD,
    Verdict.FAIL: Style.BAD,
}
KIND_LABELS: dict[CheckKind, tuple[str, str]] = {
    CheckKind.COMPLETION: ("完成率", "completion rate"),
    CheckKind.CHANGE_PCT: ("增长率", "growth rate"),
    CheckKind.CHANGE_ABS: ("增减量", "absolute change"),
    CheckKind.CHANGE_PP: ("百分点变化", "change in points"),
    CheckKind.WHOLE_BASE: ("整数基数", "whole-number base"),
    CheckKind.COMPOSITION: ("分项合计", "sum of parts"),
    CheckKind.PARTS_GROWTH: ("分项增速", "growth of parts"),
    CheckKind.THRESHOLD_CLAIM: ("控制目标表述", "stated limit claim"),
    CheckKind.PACE_CLAIM: ("进度表述", "stated pace claim"),
    CheckKind.THRESHOLD: ("控制目标", "limit"),
    CheckKind.TARGET_SPLIT: ("目标分解", "target split"),
}

NOT_RUN = (
    "未提供核对结果：用 hrkpi export（会运行 hrkpi check）或传入 findings 参数。",
    "No check findings were supplied: run hrkpi export (it runs hrkpi check) "
    "or pass findings= from Python.",
)
NONE_FOUND = ("核对未产生任何结果。", "The check produced no findings.")


@dataclass(frozen=True)
class FindingRow:
    """One finding as display texts keyed by FINDING_COLUMNS, and its verdict's style."""

    texts: dict[str, str]
    style: Style
    verdict: Verdict


def as_findings(findings: CheckReport | Iterable[Finding] | None) -> list[Finding] | None:
    """Accept a CheckReport, a list of Findings, or None (check not run)."""
    if findings is None:
        return None
    if isinstance(findings, CheckReport):
        return list(findings.findings)
    return list(findings)


def format_interval(interval: Interval, decimals: int = 4) -> str:
    """[lo, hi] with open ends as ( ), each end rounded (GB/T 8170) for display."""
    if interval.lo == interval.hi:
        return format_decimal(interval.lo, decimals)
    left = "[" if interval.lo_closed else "("
    right = "]" if interval.hi_closed else ")"
    lo, hi = format_decimal(interval.lo, decimals), format_decimal(interval.hi, decimals)
    return f"{left}{lo}, {hi}{right}"


def _interval_decimals(stated: str | None) -> int:
    """Two digits more than the stated figure shows, so the range reads against it."""
    match = re.search(r"\.(\d+)", stated or "")
    return (len(match.group(1)) if match else 0) + 2


def finding_rows(
    findings: Sequence[Finding], report: Report | None, lang: Lang
) -> list[FindingRow]:
    """Display rows for `findings`, indicators named in `lang` where the catalog knows them."""
    names: dict[str, str] = {}
    if report is not None:
        for ind in report.catalog.indicators.values():
            names[ind.id] = ind.name if lang is Lang.ZH else (ind.name_en or ind.name)
    rows = []
    for number, f in enumerate(findings, start=1):
        computed = ""
        if f.computed is not None:
            computed = format_interval(f.computed, _interval_decimals(f.stated))
        consistent = ""
        if f.consistent_values is not None:
            low, high = f.consistent_values
            consistent = low if low == high else f"{low} – {high}"
        texts = {
            "no": str(number),
            "indicator": names.get(f.indicator, f.indicator),
            "region": f.region,
            "kind": say(KIND_LABELS.get(f.kind, (str(f.kind), str(f.kind))), lang),
            "verdict": say(VERDICT_LABELS[f.verdict], lang),
            "relation": f.relation,
            "stated": f.stated or "",
            "computed": computed,
            "consistent": consistent,
            "implied": f.implied or "",
            "reason": f.reason,
            "location": f.location,
        }
        rows.append(FindingRow(texts, VERDICT_STYLES[f.verdict], f.verdict))
    return rows


def summary(findings: Sequence[Finding], lang: Lang) -> str:
    """How many findings of each verdict, in report words: 一致 30，不一致 0 ..."""
    counts = {v: sum(1 for f in findings if f.verdict is v) for v in Verdict}
    parts = [f"{say(VERDICT_LABELS[v], lang)} {n}" for v, n in counts.items() if n]
    sep = "，" if lang is Lang.ZH else ", "
    return sep.join(parts) if parts else say(NONE_FOUND, lang)
